//! The one merge rule by id, used wherever two versions of the journal
//! meet: loading, saving into a month that changed on disk, importing, and
//! folding a sync tool's conflict copy back in.
//!
//! For each id the newest version wins: of two entries, the later
//! `updated`; an entry and a tombstone, the tombstone when it is not older
//! than the entry (a deletion beats the version it deleted, and every
//! older one), else the entry (it was changed after the deletion, so the
//! change is kept). Merging is commutative, associative and idempotent, so
//! the order in which copies meet does not matter.

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

use crate::domain::Entry;

/// A remembered deletion: which entry, and when it was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// The deleted entry's id.
    pub id: Ulid,
    /// When it was deleted (never earlier than the version it deleted was
    /// last changed).
    pub at: DateTime<FixedOffset>,
}

/// What a month file holds: entries, and the deletions it remembers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonthData {
    /// The entries, sorted by time once merged.
    pub entries: Vec<Entry>,
    /// Deleted ids, sorted by id once merged.
    pub deleted: Vec<Tombstone>,
}

impl MonthData {
    /// Entries with no deletions.
    pub fn of_entries(entries: Vec<Entry>) -> MonthData {
        MonthData {
            entries,
            deleted: Vec::new(),
        }
    }

    /// Puts `other` in by the merge rule.
    pub fn absorb(&mut self, other: MonthData) {
        self.entries.extend(other.entries);
        self.deleted.extend(other.deleted);
        self.settle();
    }

    /// Puts `other` in, to be settled later (after many are put in).
    pub fn absorb_unsettled(&mut self, other: MonthData) {
        self.entries.extend(other.entries);
        self.deleted.extend(other.deleted);
    }

    /// Applies the merge rule to everything held: one version per id, the
    /// newest; entries sorted by time and tombstones by id. Tombstones older
    /// than a kept entry are dropped: that entry was changed after them.
    pub fn settle(&mut self) {
        let mut newest_death: FxHashMap<Ulid, DateTime<FixedOffset>> =
            FxHashMap::with_capacity_and_hasher(self.deleted.len(), Default::default());
        for t in &self.deleted {
            let at = newest_death.entry(t.id).or_insert(t.at);
            if t.at > *at {
                *at = t.at;
            }
        }
        keep_newest_of_each_id(&mut self.entries);
        self.entries
            .retain(|e| newest_death.get(&e.id).is_none_or(|&died| e.updated > died));
        let kept: FxHashSet<Ulid> = self.entries.iter().map(|e| e.id).collect();
        self.deleted = newest_death
            .into_iter()
            .filter(|(id, _)| !kept.contains(id))
            .map(|(id, at)| Tombstone { id, at })
            .collect();
        self.deleted.sort_by_key(|t| t.id);
        self.entries.sort_by_key(Entry::sort_key);
    }

    /// Puts in what the person means to have now (a new entry, an edit, an
    /// undone delete): it replaces any version or deletion of the same id,
    /// whatever their times say, as the edit form warned.
    pub fn put(&mut self, entries: Vec<Entry>) {
        let ids: FxHashSet<Ulid> = entries.iter().map(|e| e.id).collect();
        self.entries.retain(|e| !ids.contains(&e.id));
        self.deleted.retain(|t| !ids.contains(&t.id));
        self.entries.extend(entries);
        self.settle();
    }

    /// Whether this holds anything under `id`, entry or tombstone.
    pub fn mentions(&self, id: Ulid) -> bool {
        self.entries.iter().any(|e| e.id == id) || self.deleted.iter().any(|t| t.id == id)
    }
}

/// Keeps one version of each id, the one changed last; of two versions
/// changed at the same moment, the greater, so that the pick does not
/// depend on the order they were read in.
pub fn keep_newest_of_each_id(entries: &mut Vec<Entry>) {
    let mut newest: FxHashMap<Ulid, usize> =
        FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut duplicate = false;
    for (i, e) in entries.iter().enumerate() {
        match newest.get(&e.id) {
            None => {
                newest.insert(e.id, i);
            }
            Some(&prev) => {
                duplicate = true;
                if newer(e, &entries[prev]) {
                    newest.insert(e.id, i);
                }
            }
        }
    }
    if duplicate {
        let keep: FxHashSet<usize> = newest.into_values().collect();
        let mut i = 0;
        entries.retain(|_| {
            let kept = keep.contains(&i);
            i += 1;
            kept
        });
    }
}

/// Whether `a` beats `b` (two versions of one entry): changed later, or at
/// the same moment and greater in a fixed order of their fields.
pub fn newer(a: &Entry, b: &Entry) -> bool {
    match a.updated.cmp(&b.updated) {
        std::cmp::Ordering::Equal => tie_key(a) > tie_key(b),
        order => order.is_gt(),
    }
}

/// A total order between two versions changed at the same moment.
fn tie_key(e: &Entry) -> String {
    format!("{e:?}")
}

#[cfg(test)]
mod tests;
