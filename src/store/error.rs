//! Everything that can go wrong reading or writing the journal.

use std::io;
use std::path::{Path, PathBuf};

use crate::domain::YearMonth;

/// A storage failure, worded for the person who has to fix it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A month file that is not valid RON or not a valid journal.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        col: usize,
        /// What the parser said.
        message: String,
    },
    /// A month file from a newer sensemap: shown, never changed.
    #[error(
        "{} was written by a newer sensemap (format version {found}; this one reads {supported}), \
         so it is read-only here; upgrade sensemap to change it",
        path.display()
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Version found in the file.
        found: u32,
        /// Highest version this build reads.
        supported: u32,
    },
    /// A month file where different entries share an id.
    #[error(
        "{} has different entries sharing an id ({}); it is read-only here so that \
         a save cannot keep one and drop the other; give one of them a new id by hand \
         (any new ULID) to change it",
        path.display(),
        ids.join(", ")
    )]
    DuplicateIds {
        /// The file.
        path: PathBuf,
        /// The shared ids.
        ids: Vec<String>,
    },
    /// A month file with fields this version does not know.
    #[error(
        "{} has fields this sensemap does not know ({}), perhaps from a newer sensemap; \
         it is read-only here so they are kept; upgrade sensemap, or remove them by hand, to change it",
        path.display(),
        fields.join(", ")
    )]
    UnknownFields {
        /// The file.
        path: PathBuf,
        /// Where each unknown field is.
        fields: Vec<String>,
    },
    /// A write into a month whose file could not be read.
    #[error("cannot save into {month}: {reason}{}", advice(reason))]
    MonthUnwritable {
        /// The month refused.
        month: YearMonth,
        /// Why its file could not be used.
        reason: Box<StoreError>,
    },
    /// This store keeps no files beside the months (a test store).
    #[error("this store keeps no {0}")]
    NoSideFiles(&'static str),
    /// Another process holds the writer lock.
    #[error(
        "another sensemap is saving to {} right now; try again in a moment",
        dir.display()
    )]
    Locked {
        /// The data directory, which is what is locked.
        dir: PathBuf,
    },
    /// An operating-system error on a path.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done, e.g. "write".
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// The text about to be saved did not read back as the same entries.
    #[error(
        "the new contents of {month} did not read back the same; nothing was written ({detail})"
    )]
    RoundTrip {
        /// The month being saved.
        month: YearMonth,
        /// What differed or failed.
        detail: String,
    },
    /// A reader stopped on an internal error; what it was reading is named.
    #[error("{0}: an internal error stopped reading it")]
    Internal(String),
    /// An entry with this id does not exist.
    #[error("no entry with id {0}")]
    NotFound(String),
}

impl StoreError {
    /// Wraps an I/O error with what was being done and where.
    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io {
            action,
            path,
            source,
        }
    }

    /// A RON parse error at its line and column in `path`.
    pub fn from_ron(path: &Path, err: &ron::error::SpannedError) -> StoreError {
        let message = match err.code {
            // The parser's own words suggest changing its settings, which
            // means nothing to the person with the file.
            ron::Error::ExceededRecursionLimit => "nested too deeply to read (sensemap's own \
                files never are, so something else wrote or damaged this one)"
                .to_string(),
            ref code => code.to_string(),
        };
        StoreError::Parse {
            path: path.to_path_buf(),
            line: err.span.start.line,
            col: err.span.start.col,
            message,
        }
    }
}

/// What to do about a month that cannot be saved into: a newer file's own
/// message already says to upgrade; a damaged one needs fixing by hand.
fn advice(reason: &StoreError) -> &'static str {
    match reason {
        StoreError::NewerVersion { .. }
        | StoreError::UnknownFields { .. }
        | StoreError::DuplicateIds { .. } => "",
        _ => {
            ". sensemap never rewrites a file it cannot read; fix the file by hand \
             (or move it aside) and try again"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deeply_nested_file_gets_a_message_for_people_not_for_programmers() {
        let text = format!(
            "(version: 2, entries: [(mood: {}{})])",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        let err = crate::store::month_file::decode(Path::new("m.ron"), &text).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("nested too deeply"), "{message}");
        assert!(!message.contains("recursion_limit"), "{message}");
        assert!(message.starts_with("m.ron:1:"), "{message}");
    }
}
