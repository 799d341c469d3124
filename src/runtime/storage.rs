//! The storage worker: writes and re-reads months off the UI thread, and
//! answers on the event channel. One worker, so writes happen in order.

use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use super::Event;
use crate::app::{Action, MonthOnDisk, Purpose, Step, TreatmentWritten, Written};
use crate::domain::YearMonth;
use crate::domain::body_map::MapStyle;
use crate::domain::treatment::{TreatmentLog, TreatmentRecord};
use crate::store::config::save_map_style;
use crate::store::month_file::MonthData;
use crate::store::{Journal, MonthStore, StoreError};

/// A change to one treatment record.
type TreatmentStep = Step<TreatmentRecord>;

/// How long a write keeps retrying while another sensemap holds the lock.
pub const LOCK_PATIENCE: Duration = Duration::from_secs(30);
/// The pause between two tries for the lock.
const LOCK_RETRY: Duration = Duration::from_millis(150);

/// Work for the storage worker.
#[derive(Debug)]
pub enum Job {
    /// Write a change, answered by `Written` or `WriteFailed`.
    Write {
        /// The change (boxed: it is large).
        step: Box<Step>,
        /// Why.
        purpose: Purpose,
    },
    /// Write a treatment change, answered by `TreatmentWritten` or
    /// `WriteFailed`.
    WriteTreatment {
        /// The change (boxed: it is large).
        step: Box<TreatmentStep>,
        /// Why.
        purpose: Purpose,
    },
    /// Re-read months that changed on disk, answered by `Reloaded`.
    Reload(Vec<YearMonth>),
    /// Re-read the treatments file, answered by `TreatmentsLoaded`.
    ReloadTreatments,
    /// Merge the stray copies of months, answered by `CopiesMerged`.
    MergeCopies,
    /// Look for stray copies of months again, answered by `CopiesFound`.
    FindCopies,
    /// Remember the map style in the config file; answered only when it
    /// fails, by `SettingNotSaved`.
    SaveMapStyle {
        /// The config file.
        config: PathBuf,
        /// The style.
        style: MapStyle,
    },
}

/// Starts the worker; it ends when every job sender is dropped.
pub fn spawn<S: MonthStore + 'static>(
    journal: Arc<Journal<S>>,
    jobs: Receiver<Job>,
    events: Sender<Event>,
    cancel: Arc<AtomicBool>,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        for job in jobs {
            // Every job is answered, even one that panics, so the app is
            // never left waiting for a write that will not come back.
            let answer = match job {
                Job::Write { step, purpose } => {
                    cancel.store(false, Ordering::SeqCst);
                    let run = AssertUnwindSafe(|| write(&journal, step, purpose, &events, &cancel));
                    panic::catch_unwind(run).unwrap_or_else(|_| Action::WriteFailed {
                        purpose,
                        message: "an internal error stopped the save; nothing was written".into(),
                    })
                }
                Job::WriteTreatment { step, purpose } => {
                    cancel.store(false, Ordering::SeqCst);
                    let run = AssertUnwindSafe(|| {
                        write_treatment(&journal, step, purpose, &events, &cancel)
                    });
                    panic::catch_unwind(run).unwrap_or_else(|_| Action::WriteFailed {
                        purpose,
                        message: "an internal error stopped the save; nothing was written".into(),
                    })
                }
                Job::ReloadTreatments => Action::TreatmentsLoaded(treatments(&journal)),
                Job::FindCopies => Action::CopiesFound(copies(&journal)),
                Job::MergeCopies => {
                    let run = AssertUnwindSafe(|| merge_copies(&journal));
                    panic::catch_unwind(run).unwrap_or_else(|_| Action::CopiesMerged {
                        outcome: Err("an internal error stopped it".into()),
                        months: Vec::new(),
                        left: copies(&journal),
                    })
                }
                Job::Reload(months) => {
                    let run = AssertUnwindSafe(|| read(&journal, &months));
                    let read = panic::catch_unwind(run).unwrap_or_else(|_| {
                        months
                            .iter()
                            .map(|&month| MonthOnDisk {
                                month,
                                entries: Err(format!(
                                    "{month}: an internal error stopped reading it"
                                )),
                                deleted: Vec::new(),
                            })
                            .collect()
                    });
                    Action::Reloaded(read)
                }
                Job::SaveMapStyle { config, style } => {
                    let run = AssertUnwindSafe(|| save_map_style(&config, style));
                    match panic::catch_unwind(run) {
                        Ok(Ok(())) => continue,
                        Ok(Err(e)) => Action::SettingNotSaved(e.to_string()),
                        Err(_) => Action::SettingNotSaved("an internal error stopped it".into()),
                    }
                }
            };
            if events.send(Event::Answer(answer)).is_err() {
                break;
            }
        }
    })
}

/// Runs `attempt` under the writer lock, waiting (and saying so) while
/// another writer holds it, up to [`LOCK_PATIENCE`] or until `cancel` is
/// set. A failure becomes the `WriteFailed` answer.
fn patiently<T>(
    purpose: Purpose,
    events: &Sender<Event>,
    cancel: &AtomicBool,
    mut attempt: impl FnMut() -> Result<T, StoreError>,
) -> Result<T, Action> {
    let started = Instant::now();
    let mut told = false;
    loop {
        let message = match attempt() {
            Ok(done) => return Ok(done),
            Err(StoreError::Locked { .. }) if cancel.load(Ordering::SeqCst) => {
                "cancelled while another sensemap was saving; nothing was written".to_string()
            }
            Err(StoreError::Locked { .. }) if started.elapsed() < LOCK_PATIENCE => {
                if !told {
                    told = true;
                    let _ = events.send(Event::Answer(Action::WriteWaiting));
                }
                thread::sleep(LOCK_RETRY);
                continue;
            }
            Err(StoreError::Locked { .. }) => format!(
                "another sensemap kept the data folder locked for {} s; \
                 nothing was written, try again",
                LOCK_PATIENCE.as_secs()
            ),
            Err(e) => e.to_string(),
        };
        return Err(Action::WriteFailed { purpose, message });
    }
}

/// Writes one change to the journal.
fn write<S: MonthStore>(
    journal: &Journal<S>,
    step: Box<Step>,
    purpose: Purpose,
    events: &Sender<Event>,
    cancel: &AtomicBool,
) -> Action {
    let written = patiently(purpose, events, cancel, || {
        journal.write(step.before.as_ref(), step.after.clone())
    });
    match written {
        Ok(written) => {
            let months = written
                .months
                .into_iter()
                .map(|(month, data)| on_disk(month, Ok(data)))
                .collect();
            Action::Written(Box::new(Written {
                step: *step,
                purpose,
                months,
            }))
        }
        Err(failed) => failed,
    }
}

/// Writes one change to the treatments file: against what is on disk now,
/// refused when the record there is no longer as the step says.
fn write_treatment<S: MonthStore>(
    journal: &Journal<S>,
    step: Box<TreatmentStep>,
    purpose: Purpose,
    events: &Sender<Event>,
    cancel: &AtomicBool,
) -> Action {
    let mut log = TreatmentLog::default();
    let changed = patiently(purpose, events, cancel, || {
        journal.change_treatments(|on_disk| {
            on_disk.change(step.before.as_ref(), step.after.clone())?;
            log = on_disk.clone();
            Ok::<(), String>(())
        })
    });
    match changed {
        Ok(Ok(())) => Action::TreatmentWritten(Box::new(TreatmentWritten {
            step: *step,
            purpose,
            log,
        })),
        Ok(Err(message)) => Action::WriteFailed { purpose, message },
        Err(failed) => failed,
    }
}

/// The treatment records on disk, or why they cannot be read.
pub fn treatments<S: MonthStore>(journal: &Journal<S>) -> Result<TreatmentLog, String> {
    let run = AssertUnwindSafe(|| journal.load_treatments().map_err(|e| e.to_string()));
    panic::catch_unwind(run)
        .unwrap_or_else(|_| Err("an internal error stopped reading treatments.ron".into()))
}

/// The stray copies of months in the data folder, each described, with
/// how many entries it holds.
pub fn copies<S: MonthStore>(journal: &Journal<S>) -> Vec<String> {
    let run = AssertUnwindSafe(|| journal.strays());
    match panic::catch_unwind(run) {
        Ok(Ok(strays)) => strays
            .iter()
            .map(|s| {
                let name = s
                    .stray
                    .path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy();
                let what = s.stray.kind.describe();
                let of = s
                    .stray
                    .month
                    .map(|m| format!(" of {m}"))
                    .unwrap_or_default();
                match &s.content {
                    Ok(content) => {
                        let count = content.data().entries.len();
                        match content.why_not_mergeable() {
                            None => format!("{name}: {what}{of} ({count} entries)"),
                            Some(why) => {
                                format!("{name}: {what}{of} ({count} entries), not merged: {why}")
                            }
                        }
                    }
                    Err(e) => format!("{name}: {what}{of}, which cannot be read: {e}"),
                }
            })
            .collect(),
        Ok(Err(e)) => vec![format!(
            "the data folder could not be searched for copies: {e}"
        )],
        Err(_) => Vec::new(),
    }
}

/// Merges the stray copies into their months and says what it did.
fn merge_copies<S: MonthStore>(journal: &Journal<S>) -> Action {
    match journal.fold_in_strays() {
        Ok(folded) => {
            let entries: usize = folded.merged.iter().map(|(_, n, _)| n).sum();
            let outcome = Ok(format!(
                "Merged {} ({entries} entries) into the journal; the copies are kept in backups/copies{}",
                match folded.merged.len() {
                    1 => "1 copy".to_string(),
                    n => format!("{n} copies"),
                },
                match folded.left.len() {
                    0 => String::new(),
                    n => format!("; {n} could not be merged (sensemap doctor says why)"),
                }
            ));
            let mut months = folded.months;
            months.sort_unstable();
            months.dedup();
            Action::CopiesMerged {
                outcome,
                months: read(journal, &months),
                left: copies(journal),
            }
        }
        Err(e) => Action::CopiesMerged {
            outcome: Err(e.to_string()),
            months: Vec::new(),
            left: copies(journal),
        },
    }
}

/// Reads months, each to its entries or to why it could not be read.
pub fn read<S: MonthStore>(journal: &Journal<S>, months: &[YearMonth]) -> Vec<MonthOnDisk> {
    journal
        .months_data(months)
        .into_iter()
        .map(|(month, entries)| on_disk(month, entries))
        .collect()
}

/// A month as read, with a failure worded for the person.
pub fn on_disk(month: YearMonth, data: Result<MonthData, StoreError>) -> MonthOnDisk {
    match data {
        Ok(data) => MonthOnDisk {
            month,
            deleted: data.deleted.iter().map(|t| (t.id, t.at)).collect(),
            entries: Ok(data.entries),
        },
        Err(e) => MonthOnDisk {
            month,
            entries: Err(format!("{month}: {e}")),
            deleted: Vec::new(),
        },
    }
}
