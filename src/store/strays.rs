//! Files in the entries folder that look like months but are not where
//! sensemap keeps them: sync tools' conflict copies, copies made by hand,
//! misnamed or misplaced months, and temporary files left by a crash.

use std::fmt;
use std::path::PathBuf;

use crate::domain::YearMonth;

/// What kind of stray a file is, by its name and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrayKind {
    /// Syncthing's `NAME.sync-conflict-DATE-TIME-DEVICE.ron`.
    SyncthingConflict,
    /// Dropbox's `NAME (DEVICE's conflicted copy DATE).ron`.
    DropboxConflict,
    /// Any other copy of a month: `2026-11 (1).ron`, `2026-11 copy.ron`.
    OtherCopy,
    /// A month file under a name sensemap does not write: `2026-8.ron`.
    Misnamed,
    /// A month file in another year's folder, or outside a year folder.
    Misplaced,
    /// A save's temporary file, left by a process killed mid-save.
    TempFile,
}

impl StrayKind {
    /// The kind in words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            StrayKind::SyncthingConflict => "a Syncthing conflict copy",
            StrayKind::DropboxConflict => "a Dropbox conflicted copy",
            StrayKind::OtherCopy => "a copy",
            StrayKind::Misnamed => "a month file under a name sensemap does not read",
            StrayKind::Misplaced => "a month file in the wrong folder",
            StrayKind::TempFile => "a temporary file left by an interrupted save",
        }
    }
}

/// One stray file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    /// Where it is.
    pub path: PathBuf,
    /// What it looks like.
    pub kind: StrayKind,
    /// The month its name points to, when it names one.
    pub month: Option<YearMonth>,
}

impl Stray {
    /// Whether it is meant to hold entries (every kind but a temp file).
    pub fn holds_entries(&self) -> bool {
        self.kind != StrayKind::TempFile
    }
}

impl fmt::Display for Stray {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is {}", self.path.display(), self.kind.describe())?;
        match self.month {
            Some(month) if self.holds_entries() => write!(f, " of {month}"),
            _ => Ok(()),
        }
    }
}

/// Prefix and suffix of the temporary files a save writes before renaming.
pub(super) const TEMP_PREFIX: &str = ".sensemap-";
/// See [`TEMP_PREFIX`].
pub(super) const TEMP_SUFFIX: &str = ".tmp";

/// What the file `name` in folder `folder` is: `None` for a canonical
/// month file (`2026/2026-11.ron`) or a file unrelated to months. `folder`
/// is the name of the folder it is in (`"2026"`), or `None` for a file
/// directly in the entries folder.
pub fn classify(folder: Option<&str>, name: &str) -> Option<(StrayKind, Option<YearMonth>)> {
    if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
        return Some((StrayKind::TempFile, None));
    }
    let stem = name.strip_suffix(".ron")?;
    let (month, rest) = leading_month(stem)?;
    let kind = if stem.contains(".sync-conflict-") {
        StrayKind::SyncthingConflict
    } else if stem.contains("conflicted copy") {
        StrayKind::DropboxConflict
    } else if !rest.is_empty() {
        StrayKind::OtherCopy
    } else if stem != month.to_string() {
        StrayKind::Misnamed
    } else if folder != Some(format!("{:04}", month.year).as_str()) {
        StrayKind::Misplaced
    } else {
        return None;
    };
    Some((kind, Some(month)))
}

/// The month a name starts with (`2026-11`, `2026-8`) and what follows it;
/// `None` when it does not start with one.
fn leading_month(stem: &str) -> Option<(YearMonth, &str)> {
    let year: i32 = stem.get(..4)?.parse().ok()?;
    let after_year = stem.get(4..)?.strip_prefix('-')?;
    let digits = after_year
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let month: u32 = after_year[..digits].parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some((YearMonth { year, month }, &after_year[digits..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nov() -> Option<YearMonth> {
        Some(YearMonth {
            year: 2026,
            month: 11,
        })
    }

    #[test]
    fn sync_tools_copies_and_misfiled_months_are_told_apart() {
        let y = Some("2026");
        assert_eq!(classify(y, "2026-11.ron"), None);
        assert_eq!(
            classify(y, "2026-11.sync-conflict-20261105-101010-ABCDEFG.ron"),
            Some((StrayKind::SyncthingConflict, nov()))
        );
        assert_eq!(
            classify(y, "2026-11 (laptop's conflicted copy 2026-11-05).ron"),
            Some((StrayKind::DropboxConflict, nov()))
        );
        assert_eq!(
            classify(y, "2026-11 (1).ron"),
            Some((StrayKind::OtherCopy, nov()))
        );
        assert_eq!(
            classify(y, "2026-8.ron"),
            Some((
                StrayKind::Misnamed,
                Some(YearMonth {
                    year: 2026,
                    month: 8
                })
            ))
        );
        assert_eq!(
            classify(Some("2025"), "2026-11.ron"),
            Some((StrayKind::Misplaced, nov()))
        );
        assert_eq!(
            classify(None, "2026-11.ron"),
            Some((StrayKind::Misplaced, nov()))
        );
        assert_eq!(
            classify(y, ".sensemap-abc.tmp"),
            Some((StrayKind::TempFile, None))
        );
        assert_eq!(classify(y, "notes.ron"), None);
        assert_eq!(classify(y, "2026-13.ron"), None);
        assert_eq!(classify(y, "2026-11.ron.bak"), None);
        assert_eq!(classify(y, "2026-123.ron"), None);
    }
}
