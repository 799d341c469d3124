//! Watches the data directory so that months changed by another sensemap,
//! a sync client or a text editor are re-read while the app is open.
//!
//! Uses the platform's file events, debounced; where they cannot be had
//! (some network and FUSE file systems), polls the month files' size and
//! modification time instead.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use notify_debouncer_mini::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{Config, DebounceEventResult, Debouncer, new_debouncer_opt};

use super::Event;
use crate::domain::YearMonth;
use crate::store::{Journal, MonthStore, SideFile};

/// How long changes settle before the months are re-read.
pub const DEBOUNCE: Duration = Duration::from_millis(250);
/// How often the fallback polls.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// A running watcher; dropping it stops it.
pub enum Watcher {
    /// File events from the operating system.
    Native(Debouncer<RecommendedWatcher>),
    /// Polling, where file events failed.
    Polling(Debouncer<PollWatcher>),
}

impl Watcher {
    /// True when the watcher polls instead of getting file events.
    pub fn is_polling(&self) -> bool {
        matches!(self, Watcher::Polling(_))
    }
}

/// Starts watching the store's folder; months that change are sent as
/// [`Event::DiskChanged`]. `None` when the store has nothing to watch or
/// neither way works (the app then still works, without live updates).
pub fn spawn<S: MonthStore + 'static>(
    journal: Arc<Journal<S>>,
    events: Sender<Event>,
    force_polling: bool,
) -> Option<Watcher> {
    let root = journal.store().watch_root().ok()??;
    // The size and modification time each month file had when it was last
    // reported: file events also come for mere reads (ours included, when
    // we re-read a month), and those must not start another re-read.
    let seen: Arc<Mutex<HashMap<Watched, Signature>>> = Arc::default();
    let handler = {
        let journal = Arc::clone(&journal);
        let events = events.clone();
        move |result: DebounceEventResult| {
            let Ok(changed) = result else { return };
            let Ok(mut seen) = seen.lock() else { return };
            let months: BTreeSet<YearMonth> = changed
                .iter()
                .filter_map(|event| journal.store().month_of_path(&event.path))
                .filter(|&month| {
                    let now = signature(&journal.store().path(month));
                    seen.insert(Watched::Month(month), now) != Some(now)
                })
                .collect();
            if !months.is_empty() {
                let _ = events.send(Event::DiskChanged(months.into_iter().collect()));
            }
            if changed
                .iter()
                .any(|event| journal.store().is_stray_path(&event.path))
            {
                let _ = events.send(Event::CopiesChanged);
            }
            let treatments = journal.store().side_path(SideFile::Treatments);
            let name = Some(std::ffi::OsStr::new(SideFile::Treatments.name()));
            if changed.iter().any(|event| event.path.file_name() == name) {
                let now = signature(&treatments);
                if seen.insert(Watched::Treatments, now) != Some(now) {
                    let _ = events.send(Event::TreatmentsChanged);
                }
            }
        }
    };
    if !force_polling
        && let Some(native) =
            start::<RecommendedWatcher, _>(&root, handler.clone(), Config::default())
    {
        return Some(Watcher::Native(native));
    }
    let polling = Config::default()
        .with_notify_config(notify::Config::default().with_poll_interval(POLL_INTERVAL));
    start::<PollWatcher, _>(&root, handler, polling).map(Watcher::Polling)
}

/// A file the watcher reports changes of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Watched {
    /// A month's file.
    Month(YearMonth),
    /// `treatments.ron`.
    Treatments,
}

/// A month file's size and modification time; `None` when it is gone.
type Signature = Option<(u64, Option<SystemTime>)>;

/// What a month file looks like from outside, without reading it.
fn signature(path: &Path) -> Signature {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

fn start<W, F>(root: &Path, handler: F, config: Config) -> Option<Debouncer<W>>
where
    W: notify::Watcher,
    F: notify_debouncer_mini::DebounceEventHandler,
{
    let mut debouncer = new_debouncer_opt::<F, W>(config.with_timeout(DEBOUNCE), handler).ok()?;
    debouncer
        .watcher()
        .watch(root, RecursiveMode::Recursive)
        .ok()?;
    Some(debouncer)
}
