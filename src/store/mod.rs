//! Plain-RON storage: one file per month, atomic saves, one writer at a time.
//!
//! [`MonthStore`] is the small seam between the journal and the file system,
//! so tests can put a store that fails where they like behind the journal.

mod atomic;
pub mod backups;
pub mod checked;
pub mod config;
pub mod doctor;
pub mod error;
pub mod fs;
pub mod journal;
pub mod merge;
pub mod month_file;
pub mod reports;
mod side;
pub mod strays;
pub mod treatments;

use std::path::{Path, PathBuf};

pub use error::StoreError;
pub use fs::{Fault, FsStore, SaveStep, write_atomically, write_atomically_streamed};
pub use journal::{Added, Folded, Journal, Loaded, MonthProblem, StrayFile, Written};
pub use strays::{Stray, StrayKind};

use crate::domain::YearMonth;

/// Proof that this process holds the writer lock; released on drop.
#[derive(Debug)]
pub struct WriteLock {
    _file: std::fs::File,
}

/// The files kept beside the month folders, one each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideFile {
    /// Every treatment course and application (`treatments.ron`).
    Treatments,
    /// When reports were made, for the next report's default period
    /// (`reports.ron`).
    Reports,
    /// What was being typed when the app stopped on an internal error
    /// (`recovery.ron`), offered back at the next start.
    Recovery,
}

impl SideFile {
    /// The file's name in the data folder.
    pub fn name(self) -> &'static str {
        match self {
            SideFile::Treatments => "treatments.ron",
            SideFile::Reports => "reports.ron",
            SideFile::Recovery => "recovery.ron",
        }
    }
}

/// Raw access to month files. Implementations only move text; the journal
/// parses, checks and merges.
pub trait MonthStore: Send + Sync {
    /// The months that have a file, sorted.
    fn months(&self) -> Result<Vec<YearMonth>, StoreError>;
    /// The text of a month's file, or `None` when it has none.
    fn read(&self, month: YearMonth) -> Result<Option<String>, StoreError>;
    /// Replaces a month's file with `text`, all or nothing.
    fn write(&self, month: YearMonth, text: &str) -> Result<(), StoreError>;
    /// Replaces a month's file with `parts` one after the other, all or
    /// nothing.
    fn write_parts(&self, month: YearMonth, parts: &[&str]) -> Result<(), StoreError> {
        self.write(month, &parts.concat())
    }
    /// Waits briefly for the writer lock, then fails with [`StoreError::Locked`].
    fn lock(&self) -> Result<WriteLock, StoreError>;
    /// Where a month's file lives, for messages.
    fn path(&self, month: YearMonth) -> PathBuf;
    /// The folder to watch for changes made by others, created if missing;
    /// `None` for stores with nothing to watch.
    fn watch_root(&self) -> Result<Option<PathBuf>, StoreError> {
        Ok(None)
    }
    /// The text of a file beside the months, or `None` when there is none.
    fn read_side(&self, file: SideFile) -> Result<Option<String>, StoreError> {
        let _ = file;
        Ok(None)
    }
    /// Replaces a file beside the months with `text`, all or nothing.
    fn write_side(&self, file: SideFile, text: &str) -> Result<(), StoreError> {
        let _ = text;
        Err(StoreError::NoSideFiles(file.name()))
    }
    /// Removes a file beside the months; no file is not an error.
    fn remove_side(&self, file: SideFile) -> Result<(), StoreError> {
        let _ = file;
        Ok(())
    }
    /// Where a file beside the months lives, for messages.
    fn side_path(&self, file: SideFile) -> PathBuf {
        PathBuf::from(file.name())
    }
    /// Files beside the months that look like months but are not where
    /// sensemap keeps them (see [`Stray`]).
    fn strays(&self) -> Result<Vec<Stray>, StoreError> {
        Ok(Vec::new())
    }
    /// The text of a stray file.
    fn read_stray(&self, path: &Path) -> Result<String, StoreError> {
        Err(StoreError::NotFound(path.display().to_string()))
    }
    /// Moves a stray file, once its entries are merged, into the backups,
    /// and says where it went.
    fn set_aside(&self, path: &Path) -> Result<PathBuf, StoreError> {
        Err(StoreError::NotFound(path.display().to_string()))
    }
    /// Whether `path` is (or was) a stray copy of a month, whose coming or
    /// going changes what [`MonthStore::strays`] finds.
    fn is_stray_path(&self, path: &Path) -> bool {
        let _ = path;
        false
    }
    /// The month whose file is at `path`, if it is one.
    fn month_of_path(&self, path: &Path) -> Option<YearMonth> {
        let _ = path;
        None
    }
    /// The check remembered for `month`'s file, when the file still has the
    /// size and modification time it had then; `None` when none is (see
    /// [`checked`]). The caller still compares the hash with the text.
    fn recall_check(&self, month: YearMonth) -> Option<checked::MonthCheck> {
        let _ = month;
        None
    }
    /// Remembers `check` for `month`'s file, just written; stores that
    /// cannot remember ignore it.
    fn note_check(&self, month: YearMonth, check: &checked::MonthCheck) {
        let _ = (month, check);
    }
}
