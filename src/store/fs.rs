//! The real store: `entries/YYYY/YYYY-MM.ron` under the data directory.

use std::fs::{self, File, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::atomic::write_atomically_failing;
pub use super::atomic::{
    Fault, SaveStep, create_private_dir, read_text, write_atomically, write_atomically_streamed,
};
use super::backups::{self, BACKUPS, COPIES};
use super::checked::{self, MonthCheck};
use super::strays::{Stray, TEMP_PREFIX, TEMP_SUFFIX, classify};
use super::{MonthStore, SideFile, StoreError, WriteLock};
use crate::domain::YearMonth;

/// Month files in a data directory on disk.
#[derive(Debug, Clone)]
pub struct FsStore {
    root: PathBuf,
    lock_wait: Duration,
    /// The day backups are filed under; today when `None`.
    backup_day: Option<NaiveDate>,
    /// A failure to inject into every save (for tests).
    fault: Option<Fault>,
}

impl FsStore {
    /// A store rooted at `data_dir`, waiting up to two seconds for the lock.
    pub fn new(data_dir: impl Into<PathBuf>) -> FsStore {
        FsStore {
            root: data_dir.into(),
            lock_wait: Duration::from_secs(2),
            backup_day: None,
            fault: None,
        }
    }

    /// Makes every save of a month or side file fail at `fault` (for
    /// tests of what a full disk or a failing disk leaves behind).
    pub fn with_fault(mut self, fault: Fault) -> FsStore {
        self.fault = Some(fault);
        self
    }

    /// Files backups under `day` instead of today (for tests).
    pub fn with_backup_day(mut self, day: NaiveDate) -> FsStore {
        self.backup_day = Some(day);
        self
    }

    /// The day backups made now are filed under.
    pub fn backup_day(&self) -> NaiveDate {
        self.backup_day
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Replaces the file at `path` (inside the data folder) with `parts`,
    /// after copying its previous version to today's backups if today has
    /// none yet. Called under the lock, so temporary files left beside it
    /// by a killed save are stale and go first; only the folders this save
    /// writes into are looked at, so a save touches nothing else.
    fn save(&self, path: &Path, parts: &[&str]) -> Result<(), StoreError> {
        if let Ok(relative) = path.strip_prefix(&self.root) {
            let backup_folder = self
                .root
                .join(BACKUPS)
                .join(self.backup_day().format("%Y-%m-%d").to_string())
                .join(relative.parent().unwrap_or(Path::new("")));
            remove_temps_in(&backup_folder)?;
            backups::back_up_once_a_day(&self.root, relative, self.backup_day())?;
        }
        let folder = path.parent().unwrap_or(&self.root);
        remove_temps_in(folder)?;
        create_private_dir(folder)?;
        write_atomically_failing(path, parts, self.fault)
    }

    /// Sets how long a writer waits for another one to finish.
    pub fn with_lock_wait(mut self, wait: Duration) -> FsStore {
        self.lock_wait = wait;
        self
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn entries_dir(&self) -> PathBuf {
        self.root.join("entries")
    }

    /// Removes temp files left by processes killed mid-save anywhere in
    /// the data folder (beside the months, the side files and the
    /// backups), and says how many. Takes the lock, so no live save owns
    /// them.
    pub fn remove_all_stale_temps(&self) -> Result<usize, StoreError> {
        let _lock = self.lock()?;
        let mut removed = 0;
        let mut folders = vec![self.root.clone()];
        while let Some(folder) = folders.pop() {
            removed += remove_temps_in(&folder)?;
            folders.extend(
                read_dir_if_exists(&folder)?
                    .into_iter()
                    .filter(|p| p.is_dir() && !p.is_symlink()),
            );
        }
        Ok(removed)
    }
}

/// Removes the temporary files of saves in `folder` (only under the lock:
/// then no live save owns them); how many.
pub(super) fn remove_temps_in(folder: &Path) -> Result<usize, StoreError> {
    let mut removed = 0;
    for path in read_dir_if_exists(folder)? {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            fs::remove_file(&path).map_err(StoreError::io("remove stale temp file", &path))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The paths in `dir`, or none when it does not exist.
fn read_dir_if_exists(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    match fs::read_dir(dir) {
        Ok(read) => read
            .map(|item| {
                item.map(|i| i.path())
                    .map_err(StoreError::io("read directory", dir))
            })
            .collect(),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(StoreError::io("read directory", dir)(e)),
    }
}

/// `2026-03.ron` -> March 2026.
fn parse_month_file_name(name: &str) -> Option<YearMonth> {
    let stem = name.strip_suffix(".ron")?;
    let (year, month) = stem.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let month: u32 = month.parse().ok()?;
    (1..=12).contains(&month).then_some(YearMonth {
        year: year.parse().ok()?,
        month,
    })
}

impl MonthStore for FsStore {
    fn months(&self) -> Result<Vec<YearMonth>, StoreError> {
        if let Err(e) = fs::metadata(&self.root)
            && e.kind() != ErrorKind::NotFound
        {
            return Err(StoreError::io("open data directory", &self.root)(e));
        }
        let mut months = Vec::new();
        for year in read_dir_if_exists(&self.entries_dir())? {
            if !year.is_dir() {
                continue;
            }
            for file in read_dir_if_exists(&year)? {
                if let Some(month) = file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(parse_month_file_name)
                {
                    months.push(month);
                }
            }
        }
        months.sort_unstable();
        Ok(months)
    }

    fn read(&self, month: YearMonth) -> Result<Option<String>, StoreError> {
        let path = self.path(month);
        read_text(&path)
    }

    fn write(&self, month: YearMonth, text: &str) -> Result<(), StoreError> {
        self.save(&self.path(month), &[text])
    }

    fn recall_check(&self, month: YearMonth) -> Option<MonthCheck> {
        checked::recall(&self.root, month, &self.path(month))
    }

    fn write_parts(&self, month: YearMonth, parts: &[&str]) -> Result<(), StoreError> {
        self.save(&self.path(month), parts)
    }

    fn note_check(&self, month: YearMonth, check: &MonthCheck) {
        checked::note(&self.root, month, &self.path(month), check);
    }

    fn strays(&self) -> Result<Vec<Stray>, StoreError> {
        let mut found = Vec::new();
        let mut look = |folder: Option<&str>, file: &Path| {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if let Some((kind, month)) = classify(folder, name)
                && file.is_file()
            {
                found.push(Stray {
                    path: file.to_path_buf(),
                    kind,
                    month,
                });
            }
        };
        for item in read_dir_if_exists(&self.entries_dir())? {
            let name = item.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if item.is_dir() && !name.starts_with('.') {
                for file in read_dir_if_exists(&item)? {
                    look(Some(name), &file);
                }
            } else {
                look(None, &item);
            }
        }
        found.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(found)
    }

    fn read_stray(&self, path: &Path) -> Result<String, StoreError> {
        read_text(path)?.ok_or_else(|| StoreError::NotFound(path.display().to_string()))
    }

    fn set_aside(&self, path: &Path) -> Result<PathBuf, StoreError> {
        let copies = self.root.join(BACKUPS).join(COPIES);
        create_private_dir(&copies)?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("copy.ron");
        let target = (1..)
            .map(|n| match n {
                1 => copies.join(name),
                n => copies.join(format!("{n}-{name}")),
            })
            .find(|candidate| !candidate.exists())
            .unwrap_or_else(|| copies.join(name));
        fs::rename(path, &target).map_err(StoreError::io("move aside", path))?;
        for dir in [path.parent().unwrap_or(&self.root), copies.as_path()] {
            File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(StoreError::io("sync directory", dir))?;
        }
        Ok(target)
    }

    fn read_side(&self, file: SideFile) -> Result<Option<String>, StoreError> {
        let path = self.side_path(file);
        read_text(&path)
    }

    fn write_side(&self, file: SideFile, text: &str) -> Result<(), StoreError> {
        self.save(&self.side_path(file), &[text])
    }

    fn remove_side(&self, file: SideFile) -> Result<(), StoreError> {
        let path = self.side_path(file);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != ErrorKind::NotFound => Err(StoreError::io("remove", &path)(e)),
            _ => Ok(()),
        }
    }

    fn side_path(&self, file: SideFile) -> PathBuf {
        self.root.join(file.name())
    }

    fn lock(&self) -> Result<WriteLock, StoreError> {
        create_private_dir(&self.root)?;
        // The lock is on the data folder itself: unlike a lock file, it
        // cannot be deleted from under a writer while the folder holds
        // the journal, so two writers can never both hold it.
        let folder = File::open(&self.root).map_err(StoreError::io("open", &self.root))?;
        let deadline = Instant::now() + self.lock_wait;
        loop {
            match folder.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    // Saves hold the lock for a few milliseconds: look
                    // often, so two loggers do not wait on each other long.
                    thread::sleep(Duration::from_millis(3));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        dir: self.root.clone(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", &self.root)(e)),
            }
        }
        Ok(WriteLock { _file: folder })
    }

    fn path(&self, month: YearMonth) -> PathBuf {
        self.entries_dir()
            .join(format!("{:04}", month.year))
            .join(format!("{month}.ron"))
    }

    fn watch_root(&self) -> Result<Option<PathBuf>, StoreError> {
        // The whole data folder: the months and the treatments beside them.
        create_private_dir(&self.root)?;
        Ok(Some(self.root.clone()))
    }

    fn is_stray_path(&self, path: &Path) -> bool {
        let Ok(inside) = path.strip_prefix(self.entries_dir()) else {
            return false;
        };
        let parts: Vec<&str> = inside.iter().filter_map(|p| p.to_str()).collect();
        let (folder, name) = match parts.as_slice() {
            [name] => (None, *name),
            [folder, name] => (Some(*folder), *name),
            _ => return false,
        };
        classify(folder, name).is_some_and(|(kind, _)| kind != super::StrayKind::TempFile)
    }

    fn month_of_path(&self, path: &Path) -> Option<YearMonth> {
        let month = parse_month_file_name(path.file_name()?.to_str()?)?;
        let year = path.parent()?.file_name()?.to_str()?;
        (year == format!("{:04}", month.year)).then_some(month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_file_names() {
        assert_eq!(
            parse_month_file_name("2026-03.ron"),
            Some(YearMonth {
                year: 2026,
                month: 3
            })
        );
        assert_eq!(parse_month_file_name("2026-13.ron"), None);
        assert_eq!(parse_month_file_name(".sensemap-x.tmp"), None);
        assert_eq!(parse_month_file_name("2026-03.ron.bak"), None);
    }
}
