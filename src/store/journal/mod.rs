//! The journal: every entry, spread over month files, read in parallel and
//! changed one month at a time under the writer lock.

mod append;
mod write;

pub use append::Added;
pub use write::Folded;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use chrono::{DateTime, Duration, FixedOffset};
use ulid::Ulid;

use super::merge::MonthData;
use super::month_file::{self, MonthContent};
use super::{MonthStore, StoreError, Stray};
use crate::domain::{Entry, YearMonth};

/// A month that could not be read; the others still load.
#[derive(Debug)]
pub struct MonthProblem {
    /// The month.
    pub month: YearMonth,
    /// Why it could not be read.
    pub error: StoreError,
}

/// The result of reading many months.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every readable entry, sorted by time.
    pub entries: Vec<Entry>,
    /// Months whose files could not be read.
    pub problems: Vec<MonthProblem>,
    /// Months shown but never rewritten: from a newer sensemap, or with
    /// fields this one does not know.
    pub read_only: Vec<YearMonth>,
    /// Why each of those is read-only, to tell the person.
    pub notices: Vec<MonthProblem>,
    /// When each deleted id was deleted, across every month read.
    pub deleted: HashMap<Ulid, DateTime<FixedOffset>>,
    /// The deletions each month read remembers.
    pub deleted_by_month: Vec<(YearMonth, Vec<super::merge::Tombstone>)>,
    /// Copies of months found beside them (a sync tool's conflict copies,
    /// misnamed or misplaced files), with what each holds. Their entries
    /// are merged into `entries` by the merge rule.
    pub strays: Vec<StrayFile>,
}

/// A stray month file and what it holds.
#[derive(Debug)]
pub struct StrayFile {
    /// Where it is and what it looks like.
    pub stray: Stray,
    /// What it holds (which says whether it may be merged), or why it
    /// could not be read.
    pub content: Result<MonthContent, StoreError>,
}

/// What a write left on disk: each month written, with all it now holds.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Written {
    /// The months written, with their entries and deletions.
    pub months: Vec<(YearMonth, MonthData)>,
}

/// One month as read, settled by the merge rule within itself.
enum MonthRead {
    Writable(MonthData),
    /// Shown but never rewritten, and why.
    ReadOnly(MonthData, StoreError),
}

impl MonthRead {
    fn into_data(self) -> MonthData {
        match self {
            MonthRead::Writable(data) | MonthRead::ReadOnly(data, _) => data,
        }
    }
}

/// Entries on top of a [`MonthStore`].
#[derive(Debug, Clone)]
pub struct Journal<S: MonthStore> {
    store: S,
}

impl<S: MonthStore> Journal<S> {
    /// A journal over `store`.
    pub fn new(store: S) -> Journal<S> {
        Journal { store }
    }

    /// The store underneath.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Reads every month, and the stray copies beside them.
    pub fn load_all(&self) -> Result<Loaded, StoreError> {
        let months = self.store.months()?;
        self.load(&months, true)
    }

    /// Reads the months that can hold entries at or after `since`, and the
    /// stray copies. Two days of margin cover entries logged in any other
    /// UTC offset (offsets run from -12:00 to +14:00, so a local date can be
    /// 26 hours off).
    pub fn load_since(&self, since: DateTime<FixedOffset>) -> Result<Loaded, StoreError> {
        let first = YearMonth::of((since - Duration::days(2)).date_naive());
        let (months, earlier): (Vec<YearMonth>, Vec<YearMonth>) =
            self.store.months()?.into_iter().partition(|m| *m >= first);
        let loaded = self.load(&months, true)?;
        // What earlier months hold can still decide what is shown here:
        // a deletion or a newer version of an entry loaded (a sync tool
        // can leave an older version in a later month), or an entry dated
        // in range but filed by hand in an earlier month. Rare, and then
        // the whole journal is read, so every view agrees with the full one.
        if self.earlier_months_matter(&earlier, &loaded.entries, first) {
            return self.load_all();
        }
        Ok(loaded)
    }

    /// Whether any of `months` (earlier than `first`) holds a deletion or
    /// a version of one of `entries`, or an entry dated `first` or later.
    /// Reads the text of each; parses only files with deletions.
    fn earlier_months_matter(
        &self,
        months: &[YearMonth],
        entries: &[Entry],
        first: YearMonth,
    ) -> bool {
        // As written in files, to look up without parsing every id.
        let ids: HashSet<String> = entries.iter().map(|e| e.id.to_string()).collect();
        let in_range = |date: &str| {
            let year = date.get(..4).and_then(|y| y.parse::<i32>().ok());
            let month = date.get(5..7).and_then(|m| m.parse::<u32>().ok());
            matches!((year, month), (Some(year), Some(month)) if YearMonth { year, month } >= first)
        };
        let matters = |month: YearMonth| {
            let Ok(Some(text)) = self.store.read(month) else {
                return false;
            };
            let follows = |key: &'static str| {
                text.match_indices(key)
                    .filter_map(|(at, found)| text.get(at + found.len()..))
            };
            follows("id: \"").any(|rest| rest.get(..26).is_some_and(|id| ids.contains(id)))
                // An entry's `at` (a deletion's is followed by `)`).
                || follows(" at: \"").any(|rest| {
                    let after = rest.find('"').and_then(|end| rest.get(end + 1..end + 2));
                    in_range(rest) && after != Some(")")
                })
                || (mentions_deletions(&text)
                    && month_file::decode(&self.store.path(month), &text).is_ok_and(|content| {
                        content
                            .data()
                            .deleted
                            .iter()
                            .any(|t| ids.contains(&t.id.to_string()))
                    }))
        };
        // On every core, as the months themselves are read.
        let workers = thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = months.len().div_ceil(workers).max(1);
        thread::scope(|scope| {
            let handles: Vec<_> = months
                .chunks(chunk)
                .map(|part| scope.spawn(|| part.iter().any(|&m| matters(m))))
                .collect();
            // A scanner that panicked cannot vouch for its months: read all.
            handles.into_iter().any(|h| h.join().unwrap_or(true))
        })
    }

    /// Every stray copy in the data folder, read.
    pub fn strays(&self) -> Result<Vec<StrayFile>, StoreError> {
        Ok(self
            .store
            .strays()?
            .into_iter()
            .filter(|stray| stray.holds_entries())
            .map(|stray| {
                let content = self
                    .store
                    .read_stray(&stray.path)
                    .and_then(|text| month_file::decode(&stray.path, &text));
                StrayFile { stray, content }
            })
            .collect())
    }

    /// Reads the given months in parallel; unreadable ones become problems.
    /// Deletions remembered in one month hide older versions in any other
    /// (an entry left in two months by a crash mid-move, then deleted).
    pub fn load_months(&self, months: &[YearMonth]) -> Loaded {
        self.load(months, false).unwrap_or_default()
    }

    /// Reads `months` (and, `with_strays`, the stray copies beside them),
    /// and merges them by the rule. Different entries sharing an id in one
    /// file are all kept: that file is read-only until `doctor --fix`
    /// gives them ids of their own.
    fn load(&self, months: &[YearMonth], with_strays: bool) -> Result<Loaded, StoreError> {
        let mut loaded = Loaded::default();
        let mut all = MonthData::default();
        let mut shared_ids: Vec<Entry> = Vec::new();
        for (month, result) in self.read_months(months) {
            if let Ok(read) = &result {
                let deleted = match read {
                    MonthRead::Writable(data) | MonthRead::ReadOnly(data, _) => &data.deleted,
                };
                if !deleted.is_empty() {
                    loaded.deleted_by_month.push((month, deleted.clone()));
                }
            }
            match result {
                Ok(MonthRead::Writable(data)) => all.absorb_unsettled(data),
                Ok(MonthRead::ReadOnly(mut data, why)) => {
                    // Only the entries under a shared id are kept apart.
                    if let StoreError::DuplicateIds { ids, .. } = &why {
                        let (shared, rest) = data
                            .entries
                            .into_iter()
                            .partition(|e: &Entry| ids.contains(&e.id.to_string()));
                        shared_ids.extend::<Vec<Entry>>(shared);
                        data.entries = rest;
                    }
                    all.absorb_unsettled(data);
                    loaded.read_only.push(month);
                    loaded.notices.push(MonthProblem { month, error: why });
                }
                Err(error) => loaded.problems.push(MonthProblem { month, error }),
            }
        }
        if with_strays {
            loaded.strays = self.strays()?;
            for stray in &loaded.strays {
                match &stray.content {
                    Ok(MonthContent::DuplicateIds { data, ids }) => {
                        let (shared, rest): (Vec<Entry>, Vec<Entry>) = data
                            .entries
                            .iter()
                            .cloned()
                            .partition(|e| ids.contains(&e.id.to_string()));
                        shared_ids.extend(shared);
                        all.absorb_unsettled(MonthData {
                            entries: rest,
                            deleted: data.deleted.clone(),
                        });
                    }
                    Ok(content) => all.absorb_unsettled(content.data().clone()),
                    Err(_) => {}
                }
            }
        }
        all.settle();
        loaded.deleted = tombstones_to_deaths(&all.deleted);
        loaded.entries = all.entries;
        if !shared_ids.is_empty() {
            // Deletions still apply to them.
            shared_ids.retain(|e| {
                loaded
                    .deleted
                    .get(&e.id)
                    .is_none_or(|&died| e.updated > died)
            });
            shared_ids.dedup();
            loaded.entries.extend(shared_ids);
            loaded.entries.sort_by_key(Entry::sort_key);
        }
        Ok(loaded)
    }

    /// Each month's entries and deletions, read in parallel, in the order
    /// asked.
    pub fn months_data(
        &self,
        months: &[YearMonth],
    ) -> Vec<(YearMonth, Result<MonthData, StoreError>)> {
        self.read_months(months)
            .into_iter()
            .map(|(month, read)| (month, read.map(MonthRead::into_data)))
            .collect()
    }

    /// One month's entries and deletions.
    pub fn month_data(&self, month: YearMonth) -> Result<MonthData, StoreError> {
        self.read_month(month).map(MonthRead::into_data)
    }

    /// One month's entries.
    pub fn month_content(&self, month: YearMonth) -> Result<Vec<Entry>, StoreError> {
        self.read_month(month).map(|r| r.into_data().entries)
    }

    /// Reads months on as many threads as there are cores. Each thread
    /// takes the next month not yet taken, so that a thread given the big
    /// months does not leave the others idle.
    fn read_months(&self, months: &[YearMonth]) -> Vec<(YearMonth, Result<MonthRead, StoreError>)> {
        let workers = thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(months.len().max(1));
        let next = AtomicUsize::new(0);
        let mut read: Vec<(usize, Result<MonthRead, StoreError>)> = thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(&month) = months.get(i) else {
                                return mine;
                            };
                            mine.push((i, self.read_month(month)));
                        }
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        read.sort_by_key(|(i, _)| *i);
        // A reader that panicked loses no month silently: each month it
        // did not hand back becomes a problem.
        let mut read = read.into_iter().peekable();
        months
            .iter()
            .enumerate()
            .map(|(i, &month)| match read.next_if(|(j, _)| *j == i) {
                Some((_, result)) => (month, result),
                None => (month, Err(StoreError::Internal(month.to_string()))),
            })
            .collect()
    }

    /// Whether every one of `months` may be saved into (a month without a
    /// file may); the first that may not is the error a save would give.
    pub fn check_writable(&self, months: &[YearMonth]) -> Result<(), StoreError> {
        months
            .iter()
            .try_for_each(|&m| self.writable_month(m).map(|_| ()))
    }

    /// A month's entries and deletions, if its file may be rewritten.
    fn writable_month(&self, month: YearMonth) -> Result<MonthData, StoreError> {
        let unwritable = |reason: StoreError| StoreError::MonthUnwritable {
            month,
            reason: Box::new(reason),
        };
        match self.store.read(month) {
            Ok(Some(text)) => self.writable_text(month, &text),
            Ok(None) => Ok(MonthData::default()),
            Err(e) => Err(unwritable(e)),
        }
    }

    /// What `text`, the month's file, holds, if it may be rewritten.
    fn writable_text(&self, month: YearMonth, text: &str) -> Result<MonthData, StoreError> {
        let unwritable = |reason: StoreError| StoreError::MonthUnwritable {
            month,
            reason: Box::new(reason),
        };
        match self.parse_month(month, text) {
            Ok(MonthRead::Writable(data)) => Ok(data),
            Ok(MonthRead::ReadOnly(_, why)) => Err(unwritable(why)),
            Err(e) => Err(unwritable(e)),
        }
    }

    /// Reads and parses one month, settled within itself; a missing file
    /// is an empty month.
    fn read_month(&self, month: YearMonth) -> Result<MonthRead, StoreError> {
        match self.store.read(month)? {
            Some(text) => self.parse_month(month, &text),
            None => Ok(MonthRead::Writable(MonthData::default())),
        }
    }

    /// Parses one month's text, settled within itself.
    fn parse_month(&self, month: YearMonth, text: &str) -> Result<MonthRead, StoreError> {
        let settled = |mut data: MonthData| {
            data.settle();
            data
        };
        match month_file::decode(&self.store.path(month), text)? {
            MonthContent::Current(data) => Ok(MonthRead::Writable(settled(data))),
            MonthContent::Newer { data, version } => Ok(MonthRead::ReadOnly(
                settled(data),
                StoreError::NewerVersion {
                    path: self.store.path(month),
                    found: version,
                    supported: month_file::FORMAT_VERSION,
                },
            )),
            // Not settled: every entry under a shared id is shown.
            MonthContent::DuplicateIds { data, ids } => Ok(MonthRead::ReadOnly(
                data,
                StoreError::DuplicateIds {
                    path: self.store.path(month),
                    ids,
                },
            )),
            MonthContent::UnknownFields { data, fields } => Ok(MonthRead::ReadOnly(
                settled(data),
                StoreError::UnknownFields {
                    path: self.store.path(month),
                    fields,
                },
            )),
        }
    }
}

/// Each deleted id with when it was deleted.
fn tombstones_to_deaths(
    deleted: &[super::merge::Tombstone],
) -> HashMap<Ulid, DateTime<FixedOffset>> {
    deleted.iter().map(|t| (t.id, t.at)).collect()
}

/// Whether month-file text has a `deleted:` field (the header comment
/// names the word too, so the colon after it is what counts).
fn mentions_deletions(text: &str) -> bool {
    text.match_indices("deleted")
        .any(|(at, word)| text[at + word.len()..].trim_start().starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_comment_alone_is_not_a_deletion() {
        let empty = month_file::encode(
            YearMonth {
                year: 2026,
                month: 3,
            },
            &MonthData::default(),
        )
        .unwrap();
        assert!(empty.contains("`deleted`"), "the header names it");
        assert!(!mentions_deletions(&empty));
        assert!(mentions_deletions(&format!("{empty}\n  deleted: [")));
        assert!(mentions_deletions("(version: 2, entries: [], deleted :[])"));
    }
}
