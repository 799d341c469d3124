//! Loading the journal: first the months the first screen needs, then the
//! older ones in the background, newest first.

use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::thread;

use chrono::{DateTime, Duration, FixedOffset};

use super::{Event, storage};
use crate::app::Action;
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
/// the screen, and sends them in batches as `Loaded`; stops early when
/// nobody listens any more.
pub fn spawn_background<S: MonthStore + 'static>(
    journal: Arc<Journal<S>>,
    older: Vec<YearMonth>,
    events: Sender<Event>,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        for batch in older.chunks(BATCH) {
            let months = batch
                .iter()
                .map(|&month| storage::on_disk(month, journal.month_data(month)))
                .collect();
            if events.send(Event::Answer(Action::Loaded(months))).is_err() {
                break;
            }
        }
    })
}
