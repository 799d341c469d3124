//! The journal in memory: every loaded entry held by id, ordered by
//! `(at, id)`, changed only through [`Change`]s.
//!
//! Applying a change returns the [`Delta`]s it made, one per entry, so
//! every view derived from the entries can follow incrementally.

use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use chrono::{DateTime, Duration, FixedOffset};
use ulid::Ulid;

use super::entry::{Entry, YearMonth};

/// The key entries are ordered by: time, then id.
pub type SortKey = (DateTime<FixedOffset>, Ulid);

/// One mutation of the journal. Nothing else changes the entries.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A new entry (or, if its id is known, a new version of it).
    Added(Entry),
    /// A new version of an entry, found by id.
    Updated(Entry),
    /// An entry taken out, by id.
    Removed(Ulid),
    /// A month as it now is on disk: entries of that month that are missing
    /// are removed, new ones added, changed ones replaced. An entry known
    /// from another month is replaced only by a newer `updated`.
    MonthReplaced {
        /// The month.
        month: YearMonth,
        /// Every entry its file holds.
        entries: Vec<Entry>,
    },
}

/// What a change did to one entry: added (`before` is `None`), removed
/// (`after` is `None`) or replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Delta {
    /// The entry as it was.
    pub before: Option<Entry>,
    /// The entry as it is now.
    pub after: Option<Entry>,
}

/// Every loaded entry, by id and in time order.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    by_key: BTreeMap<SortKey, Entry>,
    key_of: FxHashMap<Ulid, PackedTime>,
    /// How many entries the map held when last rebuilt with full nodes.
    packed: usize,
}

/// Two journals are equal when they hold the same entries.
impl PartialEq for Entries {
    fn eq(&self, other: &Entries) -> bool {
        self.by_key == other.by_key
    }
}

impl Entries {
    /// Entries from any list; for an id given twice the newer `updated` wins.
    /// Fastest when the list comes in time order, as months are read.
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Entries {
        let mut all = Entries::default();
        for entry in entries {
            if let Some(held) = all.get(entry.id) {
                if held.updated > entry.updated {
                    continue;
                }
                all.take(entry.id);
            }
            all.put(entry);
        }
        all.repack();
        all
    }

    /// Rebuilds the map with full nodes. Entries put in one by one, in
    /// time order as months arrive, leave each node of the tree half
    /// empty: with 100,000 entries that is about 20 MB of nothing. Done
    /// each time the journal has doubled since the last rebuild, so the
    /// cost stays in proportion to what was added.
    fn repack_when_doubled(&mut self) {
        if self.by_key.len() >= 2 * self.packed.max(512) {
            self.repack();
        }
    }

    /// Rebuilds the map from its own sorted entries, which fills every node
    /// (call it when many entries have come in one by one). `append` into a non-empty map builds the new tree straight from the
    /// merged entries, freeing each old node as it is emptied, so the
    /// rebuild never holds a second copy of the journal.
    pub fn repack(&mut self) {
        let mut old = std::mem::take(&mut self.by_key);
        if let Some((key, entry)) = old.pop_first() {
            self.by_key.insert(key, entry);
            self.by_key.append(&mut old);
        }
        self.packed = self.by_key.len();
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The entry with this id.
    pub fn get(&self, id: Ulid) -> Option<&Entry> {
        self.by_key.get(&self.key(id)?)
    }

    /// The sort key of the entry with this id.
    pub fn key(&self, id: Ulid) -> Option<SortKey> {
        self.key_of.get(&id).and_then(|at| Some((at.unpack()?, id)))
    }

    /// Every entry, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Entry> {
        self.by_key.values()
    }

    /// The entries at or after `since` (all when `None`), oldest first.
    pub fn since(
        &self,
        since: Option<DateTime<FixedOffset>>,
    ) -> impl DoubleEndedIterator<Item = &Entry> {
        let start = match since {
            Some(at) => Bound::Included((at, Ulid::nil())),
            None => Bound::Unbounded,
        };
        self.by_key.range((start, Bound::Unbounded)).map(|(_, e)| e)
    }

    /// The entries whose local day falls in `month`.
    pub fn in_month(&self, month: YearMonth) -> impl Iterator<Item = &Entry> {
        // Entries keep their own UTC offset, so look a day either side.
        let first = month.first_day() - Duration::days(1);
        let after = month.next().first_day() + Duration::days(1);
        let bound = |day: chrono::NaiveDate| {
            (
                day.and_time(chrono::NaiveTime::MIN)
                    .and_utc()
                    .fixed_offset(),
                Ulid::nil(),
            )
        };
        self.by_key
            .range(bound(first)..bound(after))
            .map(|(_, e)| e)
            .filter(move |e| e.month() == month)
    }

    /// The oldest entry.
    pub fn first(&self) -> Option<&Entry> {
        self.by_key.values().next()
    }

    /// Applies one change and says what it did to each entry.
    pub fn apply(&mut self, change: Change) -> Vec<Delta> {
        let deltas = match change {
            Change::Added(entry) | Change::Updated(entry) => {
                self.replace(entry).into_iter().collect()
            }
            Change::Removed(id) => self
                .take(id)
                .map(|before| Delta {
                    before: Some(before),
                    after: None,
                })
                .into_iter()
                .collect(),
            Change::MonthReplaced { month, entries } => self.replace_month(month, entries),
        };
        self.repack_when_doubled();
        deltas
    }

    /// Puts `entry` in, replacing the version with its id; no delta when it
    /// is already there as it is.
    fn replace(&mut self, entry: Entry) -> Option<Delta> {
        if self.get(entry.id) == Some(&entry) {
            return None;
        }
        let before = self.take(entry.id);
        self.put(entry.clone());
        Some(Delta {
            before,
            after: Some(entry),
        })
    }

    fn replace_month(&mut self, month: YearMonth, entries: Vec<Entry>) -> Vec<Delta> {
        let mut incoming: HashMap<Ulid, Entry> = HashMap::with_capacity(entries.len());
        for entry in entries {
            match incoming.get(&entry.id) {
                Some(seen) if seen.updated > entry.updated => {}
                _ => {
                    incoming.insert(entry.id, entry);
                }
            }
        }
        let gone: Vec<Ulid> = self
            .in_month(month)
            .filter(|e| !incoming.contains_key(&e.id))
            .map(|e| e.id)
            .collect();
        let mut deltas: Vec<Delta> = gone
            .into_iter()
            .filter_map(|id| self.take(id))
            .map(|before| Delta {
                before: Some(before),
                after: None,
            })
            .collect();
        let mut incoming: Vec<Entry> = incoming.into_values().collect();
        incoming.sort_by_key(Entry::sort_key);
        for entry in incoming {
            let keep_ours = self
                .get(entry.id)
                .is_some_and(|ours| ours.month() != month && ours.updated >= entry.updated);
            if !keep_ours {
                deltas.extend(self.replace(entry));
            }
        }
        deltas
    }

    fn put(&mut self, entry: Entry) {
        let key = entry.sort_key();
        self.key_of.insert(entry.id, PackedTime::pack(entry.at));
        self.by_key.insert(key, entry);
    }

    fn take(&mut self, id: Ulid) -> Option<Entry> {
        let key = self.key(id)?;
        self.key_of.remove(&id);
        self.by_key.remove(&key)
    }
}

/// A time with its UTC offset in 16 bytes instead of chrono's 16 plus the
/// padding a map slot beside a 16-aligned id adds: the map from id to time
/// holds one for every entry.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PackedTime {
    seconds: i64,
    nanos: u32,
    offset: i32,
}

impl PackedTime {
    fn pack(at: DateTime<FixedOffset>) -> PackedTime {
        PackedTime {
            seconds: at.timestamp(),
            nanos: at.timestamp_subsec_nanos(),
            offset: at.offset().local_minus_utc(),
        }
    }

    fn unpack(self) -> Option<DateTime<FixedOffset>> {
        let utc = DateTime::from_timestamp(self.seconds, self.nanos)?;
        Some(utc.with_timezone(&FixedOffset::east_opt(self.offset)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::query::tests::entry;

    fn month(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    #[test]
    fn entries_are_kept_by_id_in_time_order() {
        let late = entry("2026-03-05T08:00:00Z", &["f25"], "tingling", 4);
        let early = entry("2026-03-01T08:00:00Z", &["f25"], "burning", 4);
        let mut all = Entries::default();
        all.apply(Change::Added(late.clone()));
        all.apply(Change::Added(early.clone()));
        let ids: Vec<Ulid> = all.iter().map(|e| e.id).collect();
        assert_eq!(ids, [early.id, late.id]);
        let mut moved = late.clone();
        moved.at = DateTime::parse_from_rfc3339("2026-02-01T08:00:00Z").unwrap();
        let deltas = all.apply(Change::Updated(moved.clone()));
        assert_eq!(deltas[0].before.as_ref(), Some(&late));
        assert_eq!(all.first(), Some(&moved));
        assert_eq!(all.get(late.id), Some(&moved));
        assert!(
            all.apply(Change::Updated(moved.clone())).is_empty(),
            "no-op"
        );
        all.apply(Change::Removed(moved.id));
        assert_eq!(all.len(), 1);
        assert!(all.get(moved.id).is_none());
    }

    #[test]
    fn an_id_given_twice_is_held_once_in_its_newer_version() {
        let old = entry("2026-03-05T08:00:00Z", &["f25"], "tingling", 4);
        let mut newer = old.clone();
        newer.at = DateTime::parse_from_rfc3339("2026-04-05T08:00:00Z").unwrap();
        newer.updated = DateTime::parse_from_rfc3339("2031-01-01T00:00:00Z").unwrap();
        for both in [[old.clone(), newer.clone()], [newer.clone(), old.clone()]] {
            let all = Entries::from_entries(both);
            assert_eq!(all.len(), 1);
            assert_eq!(all.iter().collect::<Vec<_>>(), [&newer]);
        }
    }

    #[test]
    fn a_month_replaced_adds_changes_and_removes_only_in_that_month() {
        let march = entry("2026-03-05T08:00:00Z", &["f25"], "tingling", 4);
        let gone = entry("2026-03-06T08:00:00Z", &["f25"], "tingling", 4);
        let april = entry("2026-04-01T00:30:00+02:00", &["f25"], "tingling", 4);
        let mut all = Entries::from_entries([march.clone(), gone.clone(), april.clone()]);
        let mut changed = march.clone();
        changed.intensity = 9u8.try_into().unwrap();
        let new = entry("2026-03-07T08:00:00Z", &["f25"], "burning", 4);
        let deltas = all.apply(Change::MonthReplaced {
            month: month(2026, 3),
            entries: vec![changed.clone(), new.clone()],
        });
        assert_eq!(deltas.len(), 3);
        assert_eq!(all.len(), 3);
        assert!(all.get(gone.id).is_none());
        assert_eq!(all.get(march.id), Some(&changed));
        assert_eq!(all.get(april.id), Some(&april), "April is untouched");
        assert_eq!(all.in_month(month(2026, 4)).count(), 1);
    }

    #[test]
    fn an_older_copy_from_another_month_does_not_replace_a_newer_one() {
        let mut newer = entry("2026-04-02T08:00:00Z", &["f25"], "tingling", 4);
        newer.updated = DateTime::parse_from_rfc3339("2031-01-01T00:00:00Z").unwrap();
        let mut stale = newer.clone();
        stale.at = DateTime::parse_from_rfc3339("2026-03-02T08:00:00Z").unwrap();
        stale.updated = DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap();
        let mut all = Entries::from_entries([newer.clone()]);
        all.apply(Change::MonthReplaced {
            month: month(2026, 3),
            entries: vec![stale],
        });
        assert_eq!(all.get(newer.id), Some(&newer));
    }

    #[test]
    fn an_entry_is_found_by_id_with_its_own_offset_and_fraction() {
        let mut odd = entry("2026-03-10T23:30:00-03:30", &["left-sole"], "tingling", 3);
        odd.at = DateTime::parse_from_rfc3339("2026-03-10T23:30:00.250-03:30").unwrap();
        let plain = entry("2026-03-10T08:00:00+05:45", &["left-sole"], "burning", 4);
        let all = Entries::from_entries([odd.clone(), plain.clone()]);
        for e in [&odd, &plain] {
            assert_eq!(all.get(e.id), Some(e));
            let key = all.key(e.id).unwrap();
            assert_eq!(key, e.sort_key());
            assert_eq!(key.0.offset(), e.at.offset(), "the offset is kept");
        }
    }

    #[test]
    fn entries_come_in_one_by_one_and_are_repacked_whole() {
        let mut all = Entries::default();
        let mut expected = Vec::new();
        for day in 0..3000 {
            let at = (DateTime::parse_from_rfc3339("2020-01-01T08:00:00+01:00").unwrap()
                + Duration::hours(day * 5))
            .to_rfc3339();
            let e = entry(&at, &["left-sole"], "tingling", 3);
            expected.push(e.clone());
            all.apply(Change::Added(e));
        }
        assert!(all.packed >= 2048, "repacked as it doubled");
        all.repack();
        assert_eq!(all.packed, 3000);
        assert!(all.iter().eq(expected.iter()), "in time order, all there");
        for e in &expected {
            assert_eq!(all.get(e.id), Some(e));
        }
        all.apply(Change::Removed(expected[10].id));
        assert_eq!(all.len(), 2999);
        assert_eq!(all.get(expected[10].id), None);
    }
}
