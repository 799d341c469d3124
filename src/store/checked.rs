//! A remembered check of a month file, so that `log` can add its entry
//! without reading every entry of the month again.
//!
//! After `log` writes a month (every one of its entries read and checked,
//! the new text checked on reading back), it notes a hash of the text,
//! where its entries end and which entry is last. The next `log` trusts
//! that only when the file still has the size and modification time
//! noted and its text still has the hash; anything else (an edit by hand,
//! a sync, the app's own save, a lost or damaged note) means a full read.
//! The note is a shortcut, never the data: it lives in `.cache/` in the
//! data folder and losing it costs one full read.

use std::fs;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{DateTime, FixedOffset};
use rustc_hash::FxHasher;
use ulid::Ulid;

use super::atomic::create_private_dir;
use super::fs::remove_temps_in;
use super::merge::MonthData;
use super::month_file;
use super::strays::{TEMP_PREFIX, TEMP_SUFFIX};
use crate::domain::YearMonth;

/// The folder in the data folder that holds the notes.
pub const CACHE: &str = ".cache";

/// What the first word of a note must be: the note's own version and the
/// month-file format it vouches for, so that no other sensemap trusts it.
fn magic() -> String {
    format!("sensemap-check-1-format-{}", month_file::FORMAT_VERSION)
}

/// What a check of a month file's text found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCheck {
    /// A hash of the whole text.
    pub hash: u64,
    /// Where its list of entries ends (see [`month_file::entries_end`]).
    pub entries_end: usize,
    /// The sort key of its last entry: an entry that sorts after it goes at
    /// the end.
    pub last: (DateTime<FixedOffset>, Ulid),
}

impl MonthCheck {
    /// The check of `text`, which `encode` wrote for `data` (settled);
    /// `None` for a month with no entries, which is never spliced into.
    pub fn of_written(text: &str, data: &MonthData) -> Option<MonthCheck> {
        let last = data.entries.last()?.sort_key();
        Some(MonthCheck {
            hash: text_hash(text),
            entries_end: month_file::entries_end(text)?,
            last,
        })
    }

    /// Whether this check was made of exactly `text`.
    pub fn vouches_for(&self, text: &str) -> bool {
        self.entries_end < text.len() && text_hash(text) == self.hash
    }
}

/// A 64-bit hash of every byte of `text`.
pub fn text_hash(text: &str) -> u64 {
    parts_hash(&[text])
}

/// [`text_hash`] of `parts` one after the other, without joining them.
pub fn parts_hash(parts: &[&str]) -> u64 {
    /// The text is hashed in blocks of this many bytes, whatever the parts.
    const BLOCK: usize = 4096;
    let mut hasher = FxHasher::default();
    let mut block = [0u8; BLOCK];
    let mut filled = 0;
    let mut len = 0;
    for part in parts {
        let mut bytes = part.as_bytes();
        len += bytes.len();
        while !bytes.is_empty() {
            if filled == 0 && bytes.len() >= BLOCK {
                let (whole, rest) = bytes.split_at(BLOCK);
                hasher.write(whole);
                bytes = rest;
                continue;
            }
            let take = (BLOCK - filled).min(bytes.len());
            block[filled..filled + take].copy_from_slice(&bytes[..take]);
            filled += take;
            bytes = &bytes[take..];
            if filled == BLOCK {
                hasher.write(&block);
                filled = 0;
            }
        }
    }
    hasher.write(&block[..filled]);
    hasher.write_usize(len);
    hasher.finish()
}

/// The size and modification time (nanoseconds since 1970) of the file at
/// `path`, if it has both.
fn stamp(path: &Path) -> Option<(u64, u128)> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((meta.len(), modified.as_nanos()))
}

/// Where the note for `month` lives under the data folder `root`.
fn note_path(root: &Path, month: YearMonth) -> PathBuf {
    root.join(CACHE).join(format!("{month}.checked"))
}

/// The check noted for `month`, when the month's file at `file` still has
/// the size and modification time noted with it. The caller still checks
/// the hash against the text it reads.
pub fn recall(root: &Path, month: YearMonth, file: &Path) -> Option<MonthCheck> {
    let note = fs::read_to_string(note_path(root, month)).ok()?;
    let mut words = note.split_ascii_whitespace();
    if words.next()? != magic() {
        return None;
    }
    let len: u64 = words.next()?.parse().ok()?;
    let modified: u128 = words.next()?.parse().ok()?;
    let check = MonthCheck {
        hash: words.next()?.parse().ok()?,
        entries_end: words.next()?.parse().ok()?,
        last: (
            DateTime::parse_from_rfc3339(words.next()?).ok()?,
            Ulid::from_string(words.next()?).ok()?,
        ),
    };
    if words.next().is_some() || stamp(file)? != (len, modified) {
        return None;
    }
    Some(check)
}

/// Notes `check` for `month`, whose file at `file` was just written (under
/// the writer lock). A failure is ignored: the next save reads the month in full. The note
/// replaces the old one by a rename, without waiting for the disk, so a
/// crash can lose it but never leave half of one.
pub fn note(root: &Path, month: YearMonth, file: &Path, check: &MonthCheck) {
    let _ = try_note(root, month, file, check);
}

fn try_note(root: &Path, month: YearMonth, file: &Path, check: &MonthCheck) -> Option<()> {
    let (len, modified) = stamp(file)?;
    let path = note_path(root, month);
    let folder = path.parent()?;
    create_private_dir(folder).ok()?;
    // Under the lock: temp files here are a killed save's.
    remove_temps_in(folder).ok()?;
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(folder)
        .ok()?;
    writeln!(
        temp,
        "{} {len} {modified} {} {} {} {}",
        magic(),
        check.hash,
        check.entries_end,
        check.last.0.to_rfc3339(),
        check.last.1
    )
    .ok()?;
    temp.persist(&path).ok()?;
    Some(())
}
