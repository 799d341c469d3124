//! The on-disk format of one month:
//! `(version: 2, entries: [...], deleted: [...])`.
//!
//! One entry per line, sorted by time, so files read well and diff cleanly;
//! then one line per deleted id, so that a merge never brings it back.
//! Version 1 files (without `deleted`) read the same.

use std::path::Path;

use serde::Deserialize;

mod fast;
mod splice;
mod text;

pub(crate) use splice::{Spliced, entries_end, with_last_entry};

use super::error::StoreError;
pub use super::merge::{MonthData, Tombstone};
use crate::domain::{Entry, YearMonth};

/// The format version this build writes; it reads this one and version 1.
pub const FORMAT_VERSION: u32 = 2;

/// The first version: entries only, no remembered deletions.
const FIRST_VERSION: u32 = 1;

/// A month file as RON writes it, which [`text::body`] matches.
#[cfg(test)]
#[derive(serde::Serialize)]
struct MonthFileOut<'a> {
    version: u32,
    entries: &'a [Entry],
    #[serde(skip_serializing_if = "<[Tombstone]>::is_empty")]
    deleted: &'a [Tombstone],
}

/// A month file as read.
#[derive(Deserialize)]
struct MonthFileIn {
    version: u32,
    entries: Vec<Entry>,
    #[serde(default)]
    deleted: Vec<Tombstone>,
}

/// Only the version, to explain files that do not parse as this version.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// What a month file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum MonthContent {
    /// A current-version file: readable and writable.
    Current(MonthData),
    /// A newer-version file whose entries this build still understands:
    /// shown, never rewritten.
    Newer {
        /// The entries and deletions.
        data: MonthData,
        /// The file's version.
        version: u32,
    },
    /// Two or more different entries under one id (copied lines edited by
    /// hand): all shown, never rewritten, so that a save cannot keep one
    /// and drop the others.
    DuplicateIds {
        /// Every entry, copies included, and the deletions.
        data: MonthData,
        /// The ids used by more than one different entry.
        ids: Vec<String>,
    },
    /// A file with fields this build does not know (a newer sensemap's, or
    /// added by hand): shown, never rewritten, so they are not lost.
    UnknownFields {
        /// The entries, without those fields, and the deletions.
        data: MonthData,
        /// The unknown fields' names, e.g. `mood`.
        fields: Vec<String>,
    },
}

impl MonthContent {
    /// Why this file's entries must not be merged into another (they would
    /// lose what this version cannot keep), or `None` when they may be.
    pub fn why_not_mergeable(&self) -> Option<String> {
        match self {
            MonthContent::Current(_) => None,
            MonthContent::Newer { version, .. } => Some(format!(
                "it was written by a newer sensemap (format version {version}); upgrade to merge it"
            )),
            MonthContent::DuplicateIds { ids, .. } => Some(format!(
                "different entries in it share an id ({}); give one a new id by hand to merge it",
                ids.join(", ")
            )),
            MonthContent::UnknownFields { fields, .. } => Some(format!(
                "it has fields this sensemap does not know ({}), which merging would drop",
                fields.join(", ")
            )),
        }
    }

    /// The entries and deletions, whatever the file's state.
    pub fn data(&self) -> &MonthData {
        match self {
            MonthContent::Current(data)
            | MonthContent::Newer { data, .. }
            | MonthContent::DuplicateIds { data, .. }
            | MonthContent::UnknownFields { data, .. } => data,
        }
    }

    /// The entries and deletions, whatever the file's state.
    pub fn into_data(self) -> MonthData {
        match self {
            MonthContent::Current(data)
            | MonthContent::Newer { data, .. }
            | MonthContent::DuplicateIds { data, .. }
            | MonthContent::UnknownFields { data, .. } => data,
        }
    }
}

/// Writes `data` (settled by the caller) as month-file text, and checks
/// that the text reads back as the very same entries and deletions before
/// anyone saves it.
pub fn encode(month: YearMonth, data: &MonthData) -> Result<String, StoreError> {
    let round_trip = |detail: String| StoreError::RoundTrip { month, detail };
    let body = text::body(FORMAT_VERSION, data);
    let text = format!(
        "// sensemap journal for {month}: one entry per line, sorted by time.\n\
         // Times are local with their UTC offset; intensity is 0-10; duration_s in seconds.\n\
         // `deleted` remembers deleted ids, so that no copy brings one back.\n\
         {body}\n"
    );
    match decode(Path::new(""), &text) {
        Ok(MonthContent::Current(back)) if back == *data => Ok(text),
        Ok(_) => Err(round_trip("entries differ after reading back".into())),
        Err(e) => Err(round_trip(e.to_string())),
    }
}

/// Parses RON `text` in one pass that also notes the name of every field it
/// had to skip (`entries.3.mood` is named `mood`), each once: what a rewrite
/// would drop. On an error, parse again with `ron::from_str` for its line
/// and column.
pub(super) fn parse_noting_unknown<T: serde::de::DeserializeOwned>(
    text: &str,
) -> (Result<T, ron::Error>, Vec<String>) {
    let mut unknown: Vec<String> = Vec::new();
    let parsed = ron::Deserializer::from_str(text)
        .map_err(ron::Error::from)
        .and_then(|mut de| {
            serde_ignored::deserialize(&mut de, |field| {
                let path = field.to_string();
                let name = path.rsplit('.').next().unwrap_or(&path).to_string();
                if !unknown.contains(&name) {
                    unknown.push(name);
                }
            })
            .and_then(|doc: T| de.end().map(|()| doc))
        });
    (parsed, unknown)
}

/// Reads month-file text. `path` is only used in error messages.
pub fn decode(path: &Path, text: &str) -> Result<MonthContent, StoreError> {
    // sensemap's own files take the fast road; any other is read by RON.
    match fast::parse(text) {
        Some(month) => classify(
            path,
            text,
            Ok(MonthFileIn {
                version: month.version,
                entries: month.entries,
                deleted: month.deleted,
            }),
            Vec::new(),
        ),
        None => decode_with_ron(path, text),
    }
}

/// Reads month-file text with RON alone, as [`decode`] does for any file
/// its fast reader does not take. Public so that the fuzz target can hold
/// the two to the same answer.
#[doc(hidden)]
pub fn decode_with_ron(path: &Path, text: &str) -> Result<MonthContent, StoreError> {
    let (parsed, unknown) = parse_noting_unknown::<MonthFileIn>(text);
    classify(path, text, parsed, unknown)
}

/// What a parsed month file holds, or why it could not be read.
fn classify(
    path: &Path,
    text: &str,
    parsed: Result<MonthFileIn, ron::Error>,
    unknown: Vec<String>,
) -> Result<MonthContent, StoreError> {
    let file = match parsed {
        Ok(file) => file,
        // Parsed again only to say where it went wrong, with line and column.
        Err(_) => match ron::from_str::<MonthFileIn>(text) {
            Ok(file) => file,
            Err(err) => {
                if let Ok(probe) = ron::from_str::<VersionProbe>(text)
                    && probe.version > FORMAT_VERSION
                {
                    return Err(StoreError::NewerVersion {
                        path: path.to_path_buf(),
                        found: probe.version,
                        supported: FORMAT_VERSION,
                    });
                }
                return Err(StoreError::from_ron(path, &err));
            }
        },
    };
    let clashes = clashing_ids(&file.entries);
    let data = MonthData {
        entries: file.entries,
        deleted: file.deleted,
    };
    match file.version {
        // Unknown fields first: a file with them is never rewritten, not
        // even by `doctor --fix` giving shared ids new ones.
        FIRST_VERSION..=FORMAT_VERSION if !unknown.is_empty() => Ok(MonthContent::UnknownFields {
            data,
            fields: unknown,
        }),
        FIRST_VERSION..=FORMAT_VERSION if !clashes.is_empty() => {
            Ok(MonthContent::DuplicateIds { data, ids: clashes })
        }
        FIRST_VERSION..=FORMAT_VERSION => Ok(MonthContent::Current(data)),
        newer if newer > FORMAT_VERSION => Ok(MonthContent::Newer {
            data,
            version: newer,
        }),
        older => Err(StoreError::Parse {
            path: path.to_path_buf(),
            line: 1,
            col: 1,
            message: format!("unknown format version {older}"),
        }),
    }
}

/// Ids that more than one *different* entry uses. The same line twice is
/// harmless: keeping one copy loses nothing.
fn clashing_ids(entries: &[Entry]) -> Vec<String> {
    let mut first: rustc_hash::FxHashMap<ulid::Ulid, &Entry> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut clashes = Vec::new();
    for e in entries {
        match first.get(&e.id) {
            Some(seen) if *seen != e => {
                let id = e.id.to_string();
                if !clashes.contains(&id) {
                    clashes.push(id);
                }
            }
            Some(_) => {}
            None => {
                first.insert(e.id, e);
            }
        }
    }
    clashes
}
