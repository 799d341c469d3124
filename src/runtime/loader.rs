//! Loading the journal: first the months the first screen needs, then the
//! older ones in the background, newest first.

use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread;

use chrono::{DateTime, Duration, FixedOffset};

use super::{Event, storage};
use crate::domain::{Entry, YearMonth};
use crate::store::{Journal, MonthStore};

/// How many months the background loader reads and sends at a time.
const BATCH: usize = 6;

/// What the first frame is drawn from.
#[derive(Debug, Default)]
pub struct FirstLoad {
    /// The entries of the recent months.
    pub entries: Vec<Entry>,
    /// Months that could not be read (or why the data could not be listed).
    pub problems: Vec<String>,
    /// Older months on disk, newest first, for the background.
    pub older: Vec<YearMonth>,
    /// The deletions each recent month remembers (id, when).
    pub deaths: Vec<(YearMonth, crate::app::Deletions)>,
}

/// Reads the months that can hold entries at or after `since` (and the
/// current month), and lists the older ones.
pub fn first_load<S: MonthStore>(
    journal: &Journal<S>,
    now: DateTime<FixedOffset>,
    since: Option<DateTime<FixedOffset>>,
) -> FirstLoad {
    let months = match journal.store().months() {
        Ok(months) => months,
        Err(e) => {
            return FirstLoad {
                problems: vec![e.to_string()],
                ..FirstLoad::default()
            };
        }
    };
    let from = since.unwrap_or(now) - Duration::days(2);
    let first = YearMonth::of(from.date_naive()).min(YearMonth::of(now.date_naive()));
    let (older, recent): (Vec<YearMonth>, Vec<YearMonth>) =
        months.into_iter().partition(|m| *m < first);
    let loaded = journal.load_months(&recent);
    FirstLoad {
        entries: loaded.entries,
        problems: loaded
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.month, p.error))
            .collect(),
        older: older.into_iter().rev().collect(),
        deaths: loaded
            .deleted_by_month
            .into_iter()
            .map(|(month, tombstones)| {
                (
                    month,
                    tombstones.into_iter().map(|t| (t.id, t.at)).collect(),
                )
            })
            .collect(),
    }
}

/// Reads `older` (newest first) on one thread, leaving the other cores to
/// the screen, and sends them in batches; stops early when nobody listens
/// any more. It reads the next batch while the app applies one, and no
/// further: batches never pile up in the channel, which would hold much
/// of a long history twice.
pub fn spawn_background<S: MonthStore + 'static>(
    journal: Arc<Journal<S>>,
    older: Vec<YearMonth>,
    events: Sender<Event>,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let (applied, acknowledged) = mpsc::channel();
        let mut waiting = false;
        for batch in older.chunks(BATCH) {
            let months = batch
                .iter()
                .map(|&month| storage::on_disk(month, journal.month_data(month)))
                .collect();
            if waiting && acknowledged.recv().is_err() {
                break;
            }
            let sent = events.send(Event::Loaded {
                months,
                applied: applied.clone(),
            });
            if sent.is_err() {
                break;
            }
            waiting = true;
        }
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration as Wait;

    use super::*;
    use crate::store::FsStore;

    /// Months 2020-01 to 2020-12, each with one entry.
    fn journal_of_a_year(dir: &std::path::Path) -> (Arc<Journal<FsStore>>, Vec<YearMonth>) {
        let journal = Journal::new(FsStore::new(dir));
        let months: Vec<YearMonth> = (1..=12)
            .map(|month| YearMonth { year: 2020, month })
            .collect();
        let entries = months
            .iter()
            .map(|m| {
                let at = format!("{m}-10T08:00:00+01:00");
                crate::domain::query::tests::entry(&at, &["left-sole"], "tingling", 3)
            })
            .collect();
        journal.add_many(entries).unwrap();
        (Arc::new(journal), months.into_iter().rev().collect())
    }

    #[test]
    fn the_loader_sends_no_batch_before_the_last_is_applied() {
        let dir = tempfile::tempdir().unwrap();
        let (journal, older) = journal_of_a_year(dir.path());
        let (events, received) = mpsc::channel();
        let loader = spawn_background(journal, older, events);
        let Ok(Event::Loaded { months, applied }) = received.recv() else {
            panic!("the first batch comes");
        };
        assert_eq!(months.len(), BATCH);
        // Not applied yet: however long it is given, nothing more comes.
        assert!(received.recv_timeout(Wait::from_millis(300)).is_err());
        applied.send(()).unwrap();
        let Ok(Event::Loaded { months, applied }) = received.recv() else {
            panic!("the second batch comes once the first is applied");
        };
        assert_eq!(months.len(), 12 - BATCH);
        // The loader has nothing left to wait for, and may be gone already.
        let _ = applied.send(());
        loader.join().unwrap();
        assert!(received.recv().is_err(), "then the loader is done");
    }
}
