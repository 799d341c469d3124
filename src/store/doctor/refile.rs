//! Putting every entry in its own month's file, one version per id.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use ulid::Ulid;

use super::{Repairs, Survey, survey};
use crate::domain::{Entry, YearMonth};
use crate::store::merge::MonthData;
use crate::store::{FsStore, Journal, MonthStore, StoreError, month_file};

/// Moves every entry into its own month's file (unless that month's file
/// cannot be rewritten: then it stays and is reported), keeps the newest
/// of versions of one entry in different files, keeps one of identical
/// repeats, and gives new ids to different entries sharing one in a file.
/// Every file it rewrites is backed up first.
pub(super) fn refile(journal: &Journal<FsStore>) -> Result<Repairs, StoreError> {
    let store = journal.store();
    let _lock = store.lock()?;
    let Survey { months, .. } = survey(journal)?;
    let on_disk: std::collections::HashSet<YearMonth> = store.months()?.into_iter().collect();
    let blocked = |m: YearMonth| on_disk.contains(&m) && !months.contains_key(&m);
    let mut repairs = Repairs::new();
    let mut target: BTreeMap<YearMonth, MonthData> = months
        .iter()
        .map(|(&m, data)| {
            (
                m,
                MonthData {
                    entries: Vec::new(),
                    deleted: data.deleted.clone(),
                },
            )
        })
        .collect();
    // Deletions remembered in any file apply to versions in every file.
    let mut deaths: HashMap<Ulid, crate::store::merge::Tombstone> = HashMap::new();
    for data in months.values() {
        for t in &data.deleted {
            let newest = deaths.entry(t.id).or_insert_with(|| t.clone());
            if t.at > newest.at {
                *newest = t.clone();
            }
        }
    }
    // Within each file, different entries under one id get ids of their
    // own (the newest keeps it); identical repeats become one.
    let mut versions: Vec<(YearMonth, Entry)> = Vec::new();
    // Ids shared by different entries within a file: those are different
    // entries, so copies of the id in other files are kept too.
    let mut split: std::collections::HashSet<Ulid> = std::collections::HashSet::new();
    for (&month, data) in &months {
        let mut seen: HashMap<Ulid, Vec<Entry>> = HashMap::new();
        let mut entries = data.entries.clone();
        entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
        for mut entry in entries {
            let kept = seen.entry(entry.id).or_default();
            if kept.contains(&entry) {
                repairs.push(format!(
                    "kept one of the identical copies of {} in {}",
                    entry.id,
                    store.path(month).display()
                ));
                continue;
            }
            if !kept.is_empty() {
                split.insert(entry.id);
                let old = entry.id;
                entry.id = split_id(&entry);
                repairs.push(format!(
                    "gave a different entry that shared the id {old} the new id {} \
                     ({}, {}); delete it if it is not wanted",
                    entry.id,
                    entry.at.format("%Y-%m-%d %H:%M"),
                    store.path(month).display()
                ));
            }
            kept.push(entry.clone());
            versions.push((month, entry));
        }
    }
    // Across files, versions of one entry: the newest wins, as on load.
    let mut newest: Vec<Entry> = versions.iter().map(|(_, e)| e.clone()).collect();
    crate::store::merge::keep_newest_of_each_id(&mut newest);
    let newest: std::collections::HashSet<(Ulid, String)> =
        newest.iter().map(|e| (e.id, format!("{e:?}"))).collect();
    for (month, mut entry) in versions {
        if let Some(death) = deaths.get(&entry.id)
            && death.at >= entry.updated
        {
            repairs.push(format!(
                "removed {} from {}: it was deleted, and the deletion is now remembered there too",
                entry.id,
                store.path(month).display()
            ));
            target.entry(month).or_default().deleted.push(death.clone());
            continue;
        }
        if split.contains(&entry.id) && !newest.contains(&(entry.id, format!("{entry:?}"))) {
            let old = entry.id;
            entry.id = split_id(&entry);
            repairs.push(format!(
                "gave an entry in {} that shared the id {old} the new id {} ({})",
                store.path(month).display(),
                entry.id,
                entry.at.format("%Y-%m-%d %H:%M"),
            ));
        } else if !newest.contains(&(entry.id, format!("{entry:?}"))) {
            repairs.push(format!(
                "dropped an older version of {} from {} (the newest is kept)",
                entry.id,
                store.path(month).display()
            ));
            continue;
        }
        let home = entry.month();
        let dest = if home != month && blocked(home) {
            repairs.push(format!(
                "left {} in {}: its own month's file {} cannot be rewritten",
                entry.id,
                store.path(month).display(),
                store.path(home).display()
            ));
            month
        } else {
            if home != month {
                repairs.push(format!(
                    "moved {} from {} to {}",
                    entry.id,
                    store.path(month).display(),
                    store.path(home).display()
                ));
            }
            home
        };
        target.entry(dest).or_default().entries.push(entry);
    }
    write_refiled(journal, &months, target)?;
    Ok(repairs)
}

/// Writes the months `refile` changed: each backed up first; months that
/// gain entries are written (still holding those leaving) before any
/// loses one, so a crash between two writes leaves no entry in neither
/// file.
fn write_refiled(
    journal: &Journal<FsStore>,
    before: &BTreeMap<YearMonth, MonthData>,
    target: BTreeMap<YearMonth, MonthData>,
) -> Result<(), StoreError> {
    let store = journal.store();
    let mut finals = Vec::new();
    let mut firsts = Vec::new();
    for (month, mut data) in target {
        data.settle();
        let old = before.get(&month).cloned().unwrap_or_default();
        let mut sorted_old = old.clone();
        sorted_old.entries.sort_by_key(Entry::sort_key);
        sorted_old.deleted.sort_by_key(|t| t.id);
        if sorted_old == data {
            continue;
        }
        let staying: std::collections::HashSet<Ulid> = data.entries.iter().map(|e| e.id).collect();
        let leaving: Vec<Entry> = old
            .entries
            .iter()
            .filter(|e| !staying.contains(&e.id))
            .cloned()
            .collect();
        let mut first = data.clone();
        for entry in leaving {
            if !first.entries.iter().any(|e| e.id == entry.id) {
                first.entries.push(entry);
            }
        }
        first.entries.sort_by_key(Entry::sort_key);
        firsts.push((month, month_file::encode(month, &first)?));
        finals.push((month, month_file::encode(month, &data)?));
    }
    let relative = |month: YearMonth| {
        store
            .path(month)
            .strip_prefix(store.root())
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    for (month, _) in &finals {
        crate::store::backups::back_up_now(store.root(), &relative(*month), store.backup_day())?;
    }
    for (month, text) in firsts.iter().chain(finals.iter()) {
        store.write(*month, text)?;
    }
    Ok(())
}

/// The new id for an entry that shared its id with a different one: the
/// same on every device that runs `--fix` on the same file (so two devices
/// do not make two copies), from the old id's time and the entry's content.
fn split_id(entry: &Entry) -> Ulid {
    // FNV-1a, fixed for ever, unlike the standard library's hasher.
    let fnv = |seed: u64| {
        format!("{entry:?}").bytes().fold(seed, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let random =
        (u128::from(fnv(0xcbf2_9ce4_8422_2325)) << 64) | u128::from(fnv(0x6c62_272e_07bb_0142));
    Ulid::from_parts(entry.id.timestamp_ms(), random)
}
