//! Backups: the first save of a file each day first copies its previous
//! version to `backups/YYYY-MM-DD/` (the same path under it as in the data
//! folder). The last 30 days are kept, and one a month before that.
//! Copies folded in by `doctor --fix` go to `backups/copies/`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::StoreError;
use super::fs::{create_private_dir, read_text, write_atomically};

/// The backups folder's name in the data folder.
pub const BACKUPS: &str = "backups";
/// Where folded-in copies are kept.
pub const COPIES: &str = "copies";
/// Days for which every daily backup is kept.
pub const KEEP_DAYS: i64 = 30;

/// One file in the backups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// The backup folder's name: its day (`2026-11-20`, or `2026-11-20.2`
    /// for a second backup that day), or `copies`.
    pub folder: String,
    /// The file's path inside the data folder (`entries/2026/2026-11.ron`).
    pub relative: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Copies the file at `relative` (inside `root`) into today's backup
/// folder, unless today already has a copy of it or there is no file yet.
/// Returns the backup made, if one was.
pub fn back_up_once_a_day(
    root: &Path,
    relative: &Path,
    today: NaiveDate,
) -> Result<Option<PathBuf>, StoreError> {
    let day = root
        .join(BACKUPS)
        .join(today.format("%Y-%m-%d").to_string());
    let target = day.join(relative);
    if target.exists() {
        return Ok(None);
    }
    let Some(text) = read_text(&root.join(relative))? else {
        return Ok(None);
    };
    let fresh_day = !day.exists();
    create_private_dir(target.parent().unwrap_or(&day))?;
    write_atomically(&target, &text)?;
    if fresh_day {
        prune(root, today)?;
    }
    Ok(Some(target))
}

/// Copies the file at `relative` into a backup folder of today that does
/// not hold it yet (`2026-11-26`, else `2026-11-26.2`, ...), whatever is
/// already there: before a restore replaces it. `None` when there is no
/// file to keep.
pub fn back_up_now(
    root: &Path,
    relative: &Path,
    today: NaiveDate,
) -> Result<Option<PathBuf>, StoreError> {
    let Some(text) = read_text(&root.join(relative))? else {
        return Ok(None);
    };
    let base = today.format("%Y-%m-%d").to_string();
    let backups = root.join(BACKUPS);
    let folder = (1..)
        .map(|n| match n {
            1 => base.clone(),
            n => format!("{base}.{n}"),
        })
        .find(|name| !backups.join(name).join(relative).exists())
        .unwrap_or(base);
    let target = backups.join(folder).join(relative);
    create_private_dir(target.parent().unwrap_or(&backups))?;
    write_atomically(&target, &text)?;
    Ok(Some(target))
}

/// The day a backup folder is for, from its name.
fn folder_day(name: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(name.get(..10)?, "%Y-%m-%d").ok()
}

/// Of backups older than [`KEEP_DAYS`], keeps for each file the newest
/// copy of each calendar month and removes the others, then the folders
/// left empty. Per file, so a file backed up once in a month keeps that
/// backup even when a later folder of the month holds other files.
fn prune(root: &Path, today: NaiveDate) -> Result<(), StoreError> {
    let backups = root.join(BACKUPS);
    let mut old_folders: Vec<(NaiveDate, String, PathBuf)> = Vec::new();
    for item in fs::read_dir(&backups).map_err(StoreError::io("read directory", &backups))? {
        let path = item
            .map_err(StoreError::io("read directory", &backups))?
            .path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if let Some(day) = folder_day(&name)
            && (today - day).num_days() >= KEEP_DAYS
        {
            old_folders.push((day, name, path));
        }
    }
    // For each file and month, the newest folder holding it.
    // Ordered by day, then by the number after it (`2026-09-05.10` is
    // later than `2026-09-05.9`).
    let order = |day: NaiveDate, name: &str| {
        let nth = name
            .get(11..)
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(1);
        (day, nth, name.to_string())
    };
    let mut newest: BTreeMap<(PathBuf, i32, u32), (NaiveDate, u32, String)> = BTreeMap::new();
    let mut files: Vec<(PathBuf, PathBuf, NaiveDate, String)> = Vec::new();
    for (day, name, folder) in &old_folders {
        walk(folder, folder, &mut |relative, _| {
            files.push((
                folder.join(relative),
                relative.to_path_buf(),
                *day,
                name.clone(),
            ));
        })?;
    }
    for (_, relative, day, name) in &files {
        let key = (relative.clone(), day.year(), day.month());
        let candidate = order(*day, name);
        if newest.get(&key).is_none_or(|kept| candidate > *kept) {
            newest.insert(key, candidate);
        }
    }
    for (path, relative, day, name) in files {
        let key = (relative, day.year(), day.month());
        if newest.get(&key) != Some(&order(day, &name)) {
            fs::remove_file(&path).map_err(StoreError::io("remove old backup", &path))?;
        }
    }
    for (_, _, folder) in old_folders {
        remove_empty_folders(&folder)?;
    }
    Ok(())
}

/// Removes `dir` and the folders under it that hold no file.
fn remove_empty_folders(dir: &Path) -> Result<(), StoreError> {
    for item in fs::read_dir(dir).map_err(StoreError::io("read directory", dir))? {
        let path = item.map_err(StoreError::io("read directory", dir))?.path();
        if path.is_dir() {
            remove_empty_folders(&path)?;
        }
    }
    let empty = fs::read_dir(dir)
        .map_err(StoreError::io("read directory", dir))?
        .next()
        .is_none();
    if empty {
        fs::remove_dir(dir).map_err(StoreError::io("remove old backup", dir))?;
    }
    Ok(())
}

/// Every file in the backups, oldest folder first.
pub fn list(root: &Path) -> Result<Vec<BackupFile>, StoreError> {
    let backups = root.join(BACKUPS);
    let mut files = Vec::new();
    let Ok(read) = fs::read_dir(&backups) else {
        return Ok(files);
    };
    for item in read {
        let folder = item
            .map_err(StoreError::io("read directory", &backups))?
            .path();
        let Some(name) = folder.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !folder.is_dir() {
            continue;
        }
        let name = name.to_string();
        walk(&folder, &folder, &mut |path, bytes| {
            files.push(BackupFile {
                folder: name.clone(),
                relative: path.to_path_buf(),
                bytes,
            });
        })?;
    }
    files.sort_by(|a, b| (&a.folder, &a.relative).cmp(&(&b.folder, &b.relative)));
    Ok(files)
}

/// Calls `found` with each file under `dir`, as a path relative to `base`.
fn walk(base: &Path, dir: &Path, found: &mut dyn FnMut(&Path, u64)) -> Result<(), StoreError> {
    for item in fs::read_dir(dir).map_err(StoreError::io("read directory", dir))? {
        let item = item.map_err(StoreError::io("read directory", dir))?;
        let path = item.path();
        let meta = item
            .metadata()
            .map_err(StoreError::io("read directory", dir))?;
        if meta.is_dir() {
            walk(base, &path, found)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            found(relative, meta.len());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
