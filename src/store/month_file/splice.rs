//! Adding one entry at the end of a month file already known to be exactly
//! what [`super::encode`] writes, without reading the rest of it again:
//! what `log` does nearly every time. A property test holds the result to
//! the very text `encode` writes for the month with the entry added.

use super::{MonthData, YearMonth, encode};
use crate::domain::Entry;
use crate::store::StoreError;

/// What closes the list of entries in a file `encode` wrote with at least
/// one entry; the list of deletions (if any) follows it.
const ENTRIES_CLOSE: &str = "\n  ],";

/// What opens the list of entries.
const ENTRIES_OPEN: &str = "\n  entries: [";

/// Where the list of entries ends in `text` (the offset of the line that
/// closes it), when `text` is as `encode` writes it and holds at least one
/// entry. Strings in the file never hold a raw line break (they are
/// escaped), so the first closing line after the opening one is the list's.
pub(crate) fn entries_end(text: &str) -> Option<usize> {
    let open = text.find(ENTRIES_OPEN)? + ENTRIES_OPEN.len();
    if !text[open..].starts_with("\n    (") {
        return None;
    }
    Some(open + text[open..].find(ENTRIES_CLOSE)?)
}

/// `entry` as a new last line of the entries of `text`, the list ending
/// at `end`; `None` when `end` is not where a list of entries ends. The
/// line is made by `encode` itself, so it has passed the same read-back
/// check as a whole file. The caller vouches that `text` is as `encode`
/// wrote it and that `entry` sorts after every entry in it.
pub(crate) fn with_last_entry(
    month: YearMonth,
    text: &str,
    end: usize,
    entry: &Entry,
) -> Result<Option<Spliced>, StoreError> {
    let fits = text
        .get(end..)
        .is_some_and(|rest| rest.starts_with(ENTRIES_CLOSE))
        && text.get(..end).is_some_and(|head| head.ends_with("),"));
    if !fits {
        return Ok(None);
    }
    let alone = encode(month, &MonthData::of_entries(vec![entry.clone()]))?;
    let Some(line) = only_line(&alone) else {
        return Ok(None);
    };
    Ok(Some(Spliced {
        line: line.to_string(),
        at: end,
    }))
}

/// One entry's line to splice into a month's text.
#[derive(Debug)]
pub(crate) struct Spliced {
    /// The line, with the line break before it and the comma after it.
    line: String,
    /// Where it goes: where the list of entries ends.
    at: usize,
}

impl Spliced {
    /// The new text of `text` (the text spliced into), in three parts, so
    /// that it is written without being copied whole.
    pub fn parts<'a>(&'a self, text: &'a str) -> [&'a str; 3] {
        [&text[..self.at], &self.line, &text[self.at..]]
    }

    /// Where the list of entries ends in the new text.
    pub fn entries_end(&self) -> usize {
        self.at + self.line.len()
    }
}

/// The one entry's line in a file of one entry, with the line break before
/// it and the comma after it: `\n    (id: ...),`.
fn only_line(text: &str) -> Option<&str> {
    let start = text.find(ENTRIES_OPEN)? + ENTRIES_OPEN.len();
    let end = start + text[start..].find(ENTRIES_CLOSE)?;
    Some(&text[start..end])
}

#[cfg(test)]
mod tests;
