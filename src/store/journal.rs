//! The journal: every entry, spread over month files, read in parallel and
//! changed one month at a time under the writer lock.

use std::collections::{BTreeMap, HashMap};
use std::thread;

use chrono::{DateTime, Duration, FixedOffset};
use ulid::Ulid;

use super::month_file::{self, MonthContent};
use super::{MonthStore, StoreError};
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
}

/// What a write left on disk: each month written, with all it now holds.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Written {
    /// The months written, with their entries.
    pub months: Vec<(YearMonth, Vec<Entry>)>,
}

/// One month as read, before merging.
enum MonthRead {
    Writable(Vec<Entry>),
    /// Shown but never rewritten, and why.
    ReadOnly(Vec<Entry>, StoreError),
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

    /// Reads every month.
    pub fn load_all(&self) -> Result<Loaded, StoreError> {
        let months = self.store.months()?;
        Ok(self.load_months(&months))
    }

    /// Reads the months that can hold entries at or after `since`. Two days
    /// of margin cover entries logged in any other UTC offset (offsets run
    /// from -12:00 to +14:00, so a local date can be 26 hours off).
    pub fn load_since(&self, since: DateTime<FixedOffset>) -> Result<Loaded, StoreError> {
        let first = YearMonth::of((since - Duration::days(2)).date_naive());
        let months: Vec<YearMonth> = self
            .store
            .months()?
            .into_iter()
            .filter(|m| *m >= first)
            .collect();
        Ok(self.load_months(&months))
    }

    /// Reads the given months in parallel; unreadable ones become problems.
    pub fn load_months(&self, months: &[YearMonth]) -> Loaded {
        let mut loaded = Loaded::default();
        for (month, result) in self.read_months(months) {
            match result {
                Ok(MonthRead::Writable(entries)) => loaded.entries.extend(entries),
                Ok(MonthRead::ReadOnly(entries, why)) => {
                    loaded.entries.extend(entries);
                    loaded.read_only.push(month);
                    loaded.notices.push(MonthProblem { month, error: why });
                }
                Err(error) => loaded.problems.push(MonthProblem { month, error }),
            }
        }
        keep_latest_of_each_id(&mut loaded.entries);
        loaded.entries.sort_by_key(Entry::sort_key);
        loaded
    }

    /// Each month's entries, read in parallel, in the order asked.
    pub fn months_content(
        &self,
        months: &[YearMonth],
    ) -> Vec<(YearMonth, Result<Vec<Entry>, StoreError>)> {
        self.read_months(months)
            .into_iter()
            .map(|(month, read)| {
                let entries = read.map(|r| match r {
                    MonthRead::Writable(entries) | MonthRead::ReadOnly(entries, _) => entries,
                });
                (month, entries)
            })
            .collect()
    }

    /// One month's entries.
    pub fn month_content(&self, month: YearMonth) -> Result<Vec<Entry>, StoreError> {
        self.read_month(month).map(|r| match r {
            MonthRead::Writable(entries) | MonthRead::ReadOnly(entries, _) => entries,
        })
    }

    /// Reads months on as many threads as there are cores.
    fn read_months(&self, months: &[YearMonth]) -> Vec<(YearMonth, Result<MonthRead, StoreError>)> {
        let workers = thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(months.len().max(1));
        let chunk = months.len().div_ceil(workers).max(1);
        thread::scope(|scope| {
            let handles: Vec<_> = months
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|&m| (m, self.read_month(m)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// Writes one change: adds `after` when `before` is `None`, deletes
    /// `before` when `after` is `None`, else replaces it. Returns what each
    /// month written now holds.
    pub fn write(
        &self,
        before: Option<&Entry>,
        after: Option<Entry>,
    ) -> Result<Written, StoreError> {
        match (before, after) {
            (None, Some(entry)) => self.add_many(vec![entry]),
            (Some(before), Some(after)) => self.update(before, after),
            (Some(before), None) => self.delete(before),
            (None, None) => Ok(Written::default()),
        }
    }

    /// Saves one new entry, rewriting only its month.
    pub fn add(&self, entry: Entry) -> Result<Written, StoreError> {
        self.add_many(vec![entry])
    }

    /// Saves many entries, one rewrite per month touched. Every month is read
    /// and checked before the first write, so a month that cannot be written
    /// refuses the whole batch. Each month is merged by id with what is on
    /// disk: entries written by others stay, and of two versions of one
    /// entry the newer `updated` wins.
    pub fn add_many(&self, entries: Vec<Entry>) -> Result<Written, StoreError> {
        let mut by_month: BTreeMap<YearMonth, Vec<Entry>> = BTreeMap::new();
        for entry in entries {
            by_month.entry(entry.month()).or_default().push(entry);
        }
        let _lock = self.store.lock()?;
        let mut merged = Vec::with_capacity(by_month.len());
        for (month, new) in by_month {
            let mut all = self.writable_month(month)?;
            all.extend(new);
            keep_latest_of_each_id(&mut all);
            all.sort_by_key(Entry::sort_key);
            merged.push((month, month_file::encode(month, &all)?, all));
        }
        let mut written = Written::default();
        for (month, text, entries) in merged {
            self.store.write(month, &text)?;
            written.months.push((month, entries));
        }
        Ok(written)
    }

    /// Replaces a saved entry by a new version with the same id. When the
    /// new time falls in another month, the new version is written there
    /// first and only then removed from the old month, so there is never a
    /// moment where the entry is in neither file (loading keeps the latest
    /// version if a crash leaves it in both).
    pub fn update(&self, before: &Entry, after: Entry) -> Result<Written, StoreError> {
        let _lock = self.store.lock()?;
        let (from, to) = (self.month_holding(before)?, after.month());
        let mut source = self.writable_month(from)?;
        if from == to {
            source.push(after);
            keep_latest_of_each_id(&mut source);
            source.sort_by_key(Entry::sort_key);
            self.store
                .write(from, &month_file::encode(from, &source)?)?;
            return Ok(Written {
                months: vec![(from, source)],
            });
        }
        let mut target = self.writable_month(to)?;
        target.push(after);
        keep_latest_of_each_id(&mut target);
        target.sort_by_key(Entry::sort_key);
        source.retain(|e| e.id != before.id);
        let (target_text, source_text) = (
            month_file::encode(to, &target)?,
            month_file::encode(from, &source)?,
        );
        self.store.write(to, &target_text)?;
        self.store.write(from, &source_text)?;
        Ok(Written {
            months: vec![(to, target), (from, source)],
        })
    }

    /// Removes a saved entry from its month.
    pub fn delete(&self, entry: &Entry) -> Result<Written, StoreError> {
        let _lock = self.store.lock()?;
        let month = self.month_holding(entry)?;
        let mut entries = self.writable_month(month)?;
        let before = entries.len();
        entries.retain(|e| e.id != entry.id);
        if entries.len() == before {
            return Err(StoreError::NotFound(entry.id.to_string()));
        }
        self.store
            .write(month, &month_file::encode(month, &entries)?)?;
        Ok(Written {
            months: vec![(month, entries)],
        })
    }

    /// The month whose file holds `entry`: its own month, or (for an entry
    /// edited by hand into another month's file) whichever file has its id.
    fn month_holding(&self, entry: &Entry) -> Result<YearMonth, StoreError> {
        let holds = |month: YearMonth| {
            self.read_month(month).is_ok_and(|r| match r {
                MonthRead::Writable(entries) | MonthRead::ReadOnly(entries, _) => {
                    entries.iter().any(|e| e.id == entry.id)
                }
            })
        };
        let own = entry.month();
        if holds(own) {
            return Ok(own);
        }
        self.store
            .months()?
            .into_iter()
            .filter(|&m| m != own)
            .find(|&m| holds(m))
            .ok_or_else(|| StoreError::NotFound(entry.id.to_string()))
    }

    /// Whether every one of `months` may be saved into (a month without a
    /// file may); the first that may not is the error a save would give.
    pub fn check_writable(&self, months: &[YearMonth]) -> Result<(), StoreError> {
        months
            .iter()
            .try_for_each(|&m| self.writable_month(m).map(|_| ()))
    }

    /// A month's entries, if its file may be rewritten.
    fn writable_month(&self, month: YearMonth) -> Result<Vec<Entry>, StoreError> {
        let unwritable = |reason: StoreError| StoreError::MonthUnwritable {
            month,
            reason: Box::new(reason),
        };
        match self.read_month(month) {
            Ok(MonthRead::Writable(entries)) => Ok(entries),
            Ok(MonthRead::ReadOnly(_, why)) => Err(unwritable(why)),
            Err(e) => Err(unwritable(e)),
        }
    }

    /// Reads and parses one month; a missing file is an empty month.
    fn read_month(&self, month: YearMonth) -> Result<MonthRead, StoreError> {
        let Some(text) = self.store.read(month)? else {
            return Ok(MonthRead::Writable(Vec::new()));
        };
        match month_file::decode(&self.store.path(month), &text)? {
            MonthContent::Current(entries) => Ok(MonthRead::Writable(entries)),
            MonthContent::Newer { entries, version } => Ok(MonthRead::ReadOnly(
                entries,
                StoreError::NewerVersion {
                    path: self.store.path(month),
                    found: version,
                    supported: month_file::FORMAT_VERSION,
                },
            )),
            MonthContent::DuplicateIds { entries, ids } => Ok(MonthRead::ReadOnly(
                entries,
                StoreError::DuplicateIds {
                    path: self.store.path(month),
                    ids,
                },
            )),
            MonthContent::UnknownFields { entries, fields } => Ok(MonthRead::ReadOnly(
                entries,
                StoreError::UnknownFields {
                    path: self.store.path(month),
                    fields,
                },
            )),
        }
    }
}

/// Where an edit moved an entry between months and a crash left it in both,
/// keep only its latest version.
fn keep_latest_of_each_id(entries: &mut Vec<Entry>) {
    let mut latest: HashMap<Ulid, usize> = HashMap::with_capacity(entries.len());
    let mut duplicate = false;
    for (i, e) in entries.iter().enumerate() {
        if let Some(prev) = latest.insert(e.id, i) {
            duplicate = true;
            if entries[prev].updated > e.updated {
                latest.insert(e.id, prev);
            }
        }
    }
    if duplicate {
        let keep: std::collections::HashSet<usize> = latest.into_values().collect();
        let mut i = 0;
        entries.retain(|_| {
            let kept = keep.contains(&i);
            i += 1;
            kept
        });
    }
}
