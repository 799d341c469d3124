//! What the doctor can find, in words.

use std::path::PathBuf;

use ulid::Ulid;

use crate::domain::YearMonth;
use crate::store::StrayKind;

/// One thing the doctor found.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A file that does not parse; restore it from the backups or fix it.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why it does not parse.
        error: String,
    },
    /// A file shown but never rewritten (newer version, unknown fields).
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// Different entries under one id, in one file or across files.
    SharedId {
        /// The id.
        id: Ulid,
        /// The files holding them.
        paths: Vec<PathBuf>,
    },
    /// Older versions of one entry in other files (left by a move or a
    /// sync); only the newest is shown.
    OldVersions {
        /// The id.
        id: Ulid,
        /// The files holding versions of it.
        paths: Vec<PathBuf>,
    },
    /// An entry deleted in another file (a sync tool kept this file's
    /// version): hidden in full views, but not where only this file is read.
    DeletedElsewhere {
        /// The entry.
        id: Ulid,
        /// The file still holding it.
        path: PathBuf,
    },
    /// The same entry twice (identical copies).
    Repeated {
        /// The id.
        id: Ulid,
        /// The files holding it.
        paths: Vec<PathBuf>,
    },
    /// An entry in another month's file.
    Misfiled {
        /// The entry.
        id: Ulid,
        /// The file it is in.
        path: PathBuf,
        /// The month it belongs to.
        belongs: YearMonth,
        /// Whether that month's file can take it (it cannot while it is
        /// read-only or unreadable).
        can_move: bool,
    },
    /// A stray copy or temp file.
    Stray {
        /// The file.
        path: PathBuf,
        /// What it looks like.
        kind: StrayKind,
    },
    /// A file or folder others may read.
    Permissions {
        /// The file or folder.
        path: PathBuf,
        /// Its mode.
        mode: u32,
    },
}

impl Finding {
    /// Whether `doctor --fix` repairs it.
    pub fn fixable(&self) -> bool {
        !matches!(
            self,
            Finding::Unreadable { .. }
                | Finding::ReadOnly { .. }
                | Finding::Misfiled {
                    can_move: false,
                    ..
                }
        )
    }

    /// The finding in words, with what `--fix` would do.
    pub fn describe(&self) -> String {
        let list = |paths: &[PathBuf]| {
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Finding::Unreadable { path, error } => format!(
                "{} cannot be read ({error}); fix it by hand, or bring back a backup \
                 (sensemap backups, sensemap restore)",
                path.display()
            ),
            Finding::ReadOnly { path, why } => format!("{} is read-only: {why}", path.display()),
            Finding::SharedId { id, paths } => format!(
                "different entries share the id {id} in {}; --fix keeps the newest \
                 under it and gives the others new ids, so all stay",
                list(paths)
            ),
            Finding::OldVersions { id, paths } => format!(
                "older versions of the entry {id} are in {} (left by a move or a sync); \
                 --fix keeps the newest, as is shown",
                list(paths)
            ),
            Finding::DeletedElsewhere { id, path } => format!(
                "the entry {id} in {} was deleted (another month's file remembers it); \
                 --fix removes it there too",
                path.display()
            ),
            Finding::Repeated { id, paths } => format!(
                "the entry {id} is there twice, identical, in {}; --fix keeps one",
                list(paths)
            ),
            Finding::Misfiled {
                id,
                path,
                belongs,
                can_move: true,
            } => format!(
                "the entry {id} in {} belongs to {belongs}; --fix moves it there",
                path.display()
            ),
            Finding::Misfiled {
                id, path, belongs, ..
            } => format!(
                "the entry {id} in {} belongs to {belongs}, whose file cannot be rewritten; \
                 it stays where it is until that file is fixed",
                path.display()
            ),
            Finding::Stray { path, kind } if *kind == StrayKind::TempFile => format!(
                "{} is {}; --fix removes it",
                path.display(),
                kind.describe()
            ),
            Finding::Stray { path, kind } => format!(
                "{} is {}; --fix merges its entries into their months and moves it \
                 into backups/copies",
                path.display(),
                kind.describe()
            ),
            Finding::Permissions { path, mode } => format!(
                "{} can be read by others (mode {mode:o}); --fix makes it private",
                path.display()
            ),
        }
    }
}
