//! Changing the journal: every save reads its month under the writer lock
//! and merges by the one rule, so what another device or process saved
//! meanwhile is kept.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Utc};
use ulid::Ulid;

use super::super::merge::{MonthData, Tombstone};
use super::super::month_file;
use super::{Journal, Written};
use crate::domain::{Entry, YearMonth};
use crate::store::{MonthStore, StoreError};

impl<S: MonthStore> Journal<S> {
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

    /// Saves entries the person means to have: new ones, or deleted ones
    /// brought back (an undone delete); each replaces any version or
    /// deletion of its id in its month. One
    /// rewrite per month touched; every month is read and checked before
    /// the first write, so a month that cannot be written refuses the whole
    /// batch. Each month is merged by id with what is on disk.
    pub fn add_many(&self, entries: Vec<Entry>) -> Result<Written, StoreError> {
        self.save_batch(entries, true)
    }

    /// Merges entries from elsewhere (an import) by the rule: a version
    /// older than the one saved, or than its deletion, changes nothing.
    pub fn merge_in(&self, entries: Vec<Entry>) -> Result<Written, StoreError> {
        self.save_batch(entries, false)
    }

    fn save_batch(&self, entries: Vec<Entry>, deliberate: bool) -> Result<Written, StoreError> {
        let mut by_month: BTreeMap<YearMonth, Vec<Entry>> = BTreeMap::new();
        for entry in entries {
            by_month.entry(entry.month()).or_default().push(entry);
        }
        let _lock = self.store.lock()?;
        let mut merged = Vec::with_capacity(by_month.len());
        for (month, new) in by_month {
            let mut data = self.writable_month(month)?;
            if deliberate {
                data.put(new);
            } else {
                data.absorb(MonthData::of_entries(new));
            }
            let text = month_file::encode(month, &data)?;
            merged.push((month, text, data));
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
    /// version if a crash leaves it in both). An entry no month file holds
    /// any more (deleted elsewhere meanwhile) is saved again, as the edit
    /// form warns.
    pub fn update(&self, before: &Entry, after: Entry) -> Result<Written, StoreError> {
        let _lock = self.store.lock()?;
        let to = after.month();
        let from = self.month_holding(before.id, before.month())?.unwrap_or(to);
        let mut source = self.writable_month(from)?;
        if from == to {
            source.put(vec![after]);
            self.store
                .write(from, &month_file::encode(from, &source)?)?;
            return Ok(Written {
                months: vec![(from, source)],
            });
        }
        let mut target = self.writable_month(to)?;
        let (id, replaced_at, moved_on) =
            (after.id, before.updated, after.updated > before.updated);
        target.put(vec![after]);
        source.entries.retain(|e| e.id != id);
        // The old month remembers the version it held as replaced, so a
        // copy of that month made before the move (another device's, or
        // one a crash left) cannot bring it back. Not when the clocks
        // disagree: a marker as new as the new version would hide it.
        if moved_on {
            source.deleted.push(Tombstone {
                id,
                at: replaced_at,
            });
            source.settle();
        }
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

    /// Deletes a saved entry: every month file that holds a version of it
    /// loses it and remembers the deletion, so that no copy (a sync
    /// tool's, or one left by a crash mid-move) brings it back. The
    /// deletion is dated now, and never before the version it deletes.
    pub fn delete(&self, entry: &Entry) -> Result<Written, StoreError> {
        self.delete_at(entry, Utc::now().fixed_offset())
    }

    /// [`Journal::delete`], dated `now` (for tests and replays).
    pub fn delete_at(
        &self,
        entry: &Entry,
        now: DateTime<FixedOffset>,
    ) -> Result<Written, StoreError> {
        self.delete_many_at(std::slice::from_ref(entry), now)
    }

    /// Deletes several entries at once: every month any of them is in is
    /// checked before the first is written, so either all are deleted or
    /// none is.
    pub fn delete_many(&self, entries: &[Entry]) -> Result<Written, StoreError> {
        self.delete_many_at(entries, Utc::now().fixed_offset())
    }

    fn delete_many_at(
        &self,
        entries: &[Entry],
        now: DateTime<FixedOffset>,
    ) -> Result<Written, StoreError> {
        let _lock = self.store.lock()?;
        let ids: Vec<Ulid> = entries.iter().map(|e| e.id).collect();
        let holding = self.months_holding(&ids)?;
        let mut deaths: BTreeMap<YearMonth, Vec<Tombstone>> = BTreeMap::new();
        for entry in entries {
            let tombstone = Tombstone {
                id: entry.id,
                at: now.max(entry.updated),
            };
            let mut months: Vec<YearMonth> = holding
                .iter()
                .filter(|(_, data)| data.entries.iter().any(|e| e.id == entry.id))
                .map(|(month, _)| *month)
                .collect();
            if months.is_empty() {
                months.push(entry.month());
            }
            for month in months {
                deaths.entry(month).or_default().push(tombstone.clone());
            }
        }
        let mut changed = Vec::with_capacity(deaths.len());
        for (month, tombstones) in deaths {
            let mut data = self.writable_month(month)?;
            data.deleted.extend(tombstones);
            data.settle();
            let text = month_file::encode(month, &data)?;
            changed.push((month, text, data));
        }
        let mut written = Written::default();
        for (month, text, entries) in changed {
            self.store.write(month, &text)?;
            written.months.push((month, entries));
        }
        Ok(written)
    }

    /// The saved entry with `id`, wherever it is filed; `None` when no
    /// month file holds it.
    pub fn find(&self, id: Ulid) -> Result<Option<Entry>, StoreError> {
        let mut versions: Vec<Entry> = self
            .months_holding(&[id])?
            .into_iter()
            .flat_map(|(_, data)| data.entries)
            .filter(|e| e.id == id)
            .collect();
        crate::store::merge::keep_newest_of_each_id(&mut versions);
        Ok(versions.pop())
    }

    /// The month whose file holds an entry with `id`: `own` (its month by
    /// time) when that file does, else (an entry edited by hand into
    /// another month's file) whichever file has it; `None` when none does.
    pub fn month_holding(&self, id: Ulid, own: YearMonth) -> Result<Option<YearMonth>, StoreError> {
        let holds = |month: YearMonth| {
            self.read_month(month)
                .is_ok_and(|r| r.into_data().entries.iter().any(|e| e.id == id))
        };
        if holds(own) {
            return Ok(Some(own));
        }
        Ok(self
            .months_holding(&[id])?
            .into_iter()
            .map(|(month, _)| month)
            .next())
    }

    /// Each month file holding an entry with one of `ids`, with what it
    /// holds. One pass over the files, a plain text search first, so that
    /// only the files naming one of them are parsed.
    fn months_holding(&self, ids: &[Ulid]) -> Result<Vec<(YearMonth, MonthData)>, StoreError> {
        let needles: Vec<String> = ids.iter().map(Ulid::to_string).collect();
        let mut found = Vec::new();
        for month in self.store.months()? {
            // A month that cannot even be read as text holds nothing this
            // could change; it is reported wherever it is loaded.
            let Ok(Some(text)) = self.store.read(month) else {
                continue;
            };
            if !needles.iter().any(|needle| text.contains(needle.as_str())) {
                continue;
            }
            if let Ok(read) = self.parse_month(month, &text) {
                let data = read.into_data();
                if data.entries.iter().any(|e| ids.contains(&e.id)) {
                    found.push((month, data));
                }
            }
        }
        Ok(found)
    }
}

/// What folding stray copies in did.
#[derive(Debug, Default)]
pub struct Folded {
    /// Each copy merged: the copy, how many entries it held, where it went.
    pub merged: Vec<(crate::store::Stray, usize, std::path::PathBuf)>,
    /// Each copy left where it is, and why.
    pub left: Vec<(crate::store::Stray, String)>,
    /// The months written into.
    pub months: Vec<YearMonth>,
}

impl<S: MonthStore> Journal<S> {
    /// Merges every stray copy (a sync tool's conflict copy, a misnamed or
    /// misplaced month) into the months its entries belong to, by the
    /// merge rule, then moves the copy into the backups. A copy that cannot
    /// be read, or whose months cannot be saved into, stays where it is.
    /// Safe to repeat after a crash: merging twice changes nothing.
    pub fn fold_in_strays(&self) -> Result<Folded, StoreError> {
        let _lock = self.store.lock()?;
        let mut folded = Folded::default();
        for file in self.strays()? {
            let content = match file.content {
                Ok(content) => content,
                Err(e) => {
                    folded.left.push((file.stray, e.to_string()));
                    continue;
                }
            };
            if let Some(why) = content.why_not_mergeable() {
                folded.left.push((file.stray, why));
                continue;
            }
            let data = content.into_data();
            let count = data.entries.len();
            match self.merge_copy(data, file.stray.month) {
                Ok(months) => {
                    folded.months.extend(months);
                    let moved = self.store.set_aside(&file.stray.path)?;
                    folded.merged.push((file.stray, count, moved));
                }
                Err(e) => folded.left.push((file.stray, e.to_string())),
            }
        }
        Ok(folded)
    }

    /// Merges one copy into the journal by the rule, against the whole
    /// journal (a version is only newer than what every month holds): each
    /// newer entry goes to its month, and where an older version lives in
    /// another month, that month remembers it as replaced; each deletion
    /// goes to the month the copy is of and to the month holding what it
    /// deletes. Every month is read and checked before the first write.
    fn merge_copy(
        &self,
        copy: MonthData,
        named: Option<YearMonth>,
    ) -> Result<Vec<YearMonth>, StoreError> {
        let known = self.load(&self.store.months()?, false)?;
        let known_by_id: std::collections::HashMap<Ulid, &Entry> =
            known.entries.iter().map(|e| (e.id, e)).collect();
        let home = named.or_else(|| copy.entries.first().map(Entry::month));
        let mut by_month: BTreeMap<YearMonth, MonthData> = BTreeMap::new();
        let mut put = |month: YearMonth, entry: Option<Entry>, tombstone: Option<Tombstone>| {
            let part = by_month.entry(month).or_default();
            part.entries.extend(entry);
            part.deleted.extend(tombstone);
        };
        for entry in copy.entries {
            if known
                .deleted
                .get(&entry.id)
                .is_some_and(|&died| died >= entry.updated)
            {
                continue;
            }
            match known_by_id.get(&entry.id) {
                // The same rule as every load, ties included.
                Some(held) if !crate::store::merge::newer(&entry, held) => continue,
                Some(held) if held.month() != entry.month() => {
                    let replaced = Tombstone {
                        id: held.id,
                        at: held.updated,
                    };
                    put(held.month(), None, Some(replaced));
                    put(entry.month(), Some(entry), None);
                }
                _ => put(entry.month(), Some(entry), None),
            }
        }
        for tombstone in copy.deleted {
            if let Some(held) = known_by_id.get(&tombstone.id)
                && held.updated <= tombstone.at
            {
                put(held.month(), None, Some(tombstone.clone()));
            }
            if let Some(month) = home {
                put(month, None, Some(tombstone));
            }
        }
        let mut texts = Vec::with_capacity(by_month.len());
        for (month, part) in by_month {
            let mut data = self.writable_month(month)?;
            let before = data.clone();
            data.absorb(part);
            if data != before {
                texts.push((month, month_file::encode(month, &data)?));
            }
        }
        for (month, text) in &texts {
            self.store.write(*month, text)?;
        }
        Ok(texts.into_iter().map(|(month, _)| month).collect())
    }
}
