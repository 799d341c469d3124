//! A fast reader for month files as sensemap writes them.
//!
//! RON's general parser spends most of a load on work this format never
//! needs (identifier tables, number formats, extensions). This reader
//! takes the subset `encode` writes: `//` comments, plain `"..."` strings
//! with the escapes `char::escape_debug` makes, decimal integers,
//! `Some(...)`/`None`, and the known fields in any order. Anything else
//! (a field it does not know, a block comment, a raw string, a hex number,
//! a value out of range, a duplicate field) makes it give up, and the file
//! is read by RON, which gives the precise error or notes the unknown
//! field. Whatever it accepts, it reads exactly as RON would: the tests
//! and the `month_file_fast` fuzz target hold it to that.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ulid::Ulid;

use crate::domain::{Entry, Intensity, Regions, SensationId, region::Catalogue};

use super::Tombstone;

/// A month file as read: the same fields as RON's reading.
#[derive(Debug, PartialEq)]
pub(super) struct FastMonth {
    /// The format version.
    pub version: u32,
    /// The entries, in file order.
    pub entries: Vec<Entry>,
    /// The remembered deletions, in file order.
    pub deleted: Vec<Tombstone>,
}

/// Reads `text` if it is in the subset this reader takes, else `None`
/// (read it with RON instead).
pub(super) fn parse(text: &str) -> Option<FastMonth> {
    let mut cursor = Cursor { text, at: 0 };
    let mut version = None;
    let mut entries = None;
    let mut deleted = None;
    cursor.fields(|c, name| match name {
        "version" => set_once(&mut version, u32::try_from(c.unsigned()?).ok()?),
        "entries" => set_once(&mut entries, c.list(Cursor::entry)?),
        "deleted" => set_once(&mut deleted, c.list(Cursor::tombstone)?),
        _ => None,
    })?;
    cursor.skip_blank()?;
    (cursor.at == text.len()).then_some(())?;
    Some(FastMonth {
        version: version?,
        entries: entries?,
        deleted: deleted.unwrap_or_default(),
    })
}

/// Sets a field not set before; a second one gives up (RON refuses it).
fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// A position in the text.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    /// What is left to read.
    fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or("")
    }

    /// Skips spaces, tabs, line ends and `//` comments; gives up at a
    /// block comment.
    fn skip_blank(&mut self) -> Option<()> {
        loop {
            let rest = self.rest().as_bytes();
            match rest.first() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.at += 1,
                Some(b'/') if rest.get(1) == Some(&b'/') => {
                    self.at += rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                }
                Some(b'/') => return None,
                _ => return Some(()),
            }
        }
    }

    /// Takes `byte` after any blanks, or gives up.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_blank()?;
        (self.rest().as_bytes().first() == Some(&byte)).then(|| self.at += 1)
    }

    /// Takes `byte` after any blanks if it is next.
    fn eat(&mut self, byte: u8) -> Option<bool> {
        self.skip_blank()?;
        let found = self.rest().as_bytes().first() == Some(&byte);
        if found {
            self.at += 1;
        }
        Some(found)
    }

    /// A plain field name: ASCII letters, digits and `_`.
    fn name(&mut self) -> Option<&'a str> {
        self.skip_blank()?;
        let rest = self.rest();
        let len = rest
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
            .unwrap_or(rest.len());
        let name = rest.get(..len).filter(|n| {
            n.as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        })?;
        self.at += len;
        Some(name)
    }

    /// `(name: value, ...)` with a trailing comma allowed; `field` reads
    /// each value and gives up on a name it does not know.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.expect(b'(')?;
        loop {
            if self.eat(b')')? {
                return Some(());
            }
            let name = self.name()?;
            self.expect(b':')?;
            field(self, name)?;
            if !self.eat(b',')? {
                return self.expect(b')');
            }
        }
    }

    /// `[item, ...]` with a trailing comma allowed, each item read by `item`.
    fn each(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(b'[')?;
        loop {
            if self.eat(b']')? {
                return Some(());
            }
            item(self)?;
            if !self.eat(b',')? {
                return self.expect(b']');
            }
        }
    }

    /// `[item, ...]` with a trailing comma allowed.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut items = Vec::new();
        self.each(|c| {
            items.push(item(c)?);
            Some(())
        })?;
        Some(items)
    }

    /// `Some(value)` or `None`.
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.name()? {
            "None" => Some(None),
            "Some" => {
                // Exactly as written: `Some(` with nothing between.
                (self.rest().as_bytes().first() == Some(&b'(')).then(|| self.at += 1)?;
                let inner = value(self)?;
                self.expect(b')')?;
                Some(Some(inner))
            }
            _ => None,
        }
    }

    /// A decimal integer without sign, separators or leading zeros.
    fn unsigned(&mut self) -> Option<u64> {
        self.skip_blank()?;
        let rest = self.rest();
        let len = rest
            .bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(rest.len());
        let digits = rest.get(..len).filter(|d| !d.is_empty())?;
        if digits.len() > 1 && digits.starts_with('0') {
            return None;
        }
        // A letter, `_` or `.` straight after is a form RON reads otherwise.
        if rest
            .as_bytes()
            .get(len)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
        {
            return None;
        }
        let value = digits.parse().ok()?;
        self.at += len;
        Some(value)
    }

    /// A `"..."` string, unescaped.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let rest = self.rest();
        let end = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
        if rest.as_bytes().get(end) == Some(&b'"') {
            self.at += end + 1;
            return Some(Cow::Borrowed(rest.get(..end)?));
        }
        let mut out = String::from(rest.get(..end)?);
        let mut chars = rest.get(end..)?.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += end + i + 1;
                    return Some(Cow::Owned(out));
                }
                '\\' => out.push(match chars.next()?.1 {
                    '"' => '"',
                    '\\' => '\\',
                    '\'' => '\'',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '0' => '\0',
                    'u' => unicode_escape(&mut chars)?,
                    _ => return None,
                }),
                c => out.push(c),
            }
        }
        None
    }

    /// A time as chrono reads it from RON: the usual form fast, any other
    /// through chrono's own parser.
    fn time(&mut self) -> Option<DateTime<FixedOffset>> {
        let text = self.string()?;
        quick_time(&text).or_else(|| text.parse().ok())
    }

    /// An id as ulid reads it from RON.
    fn ulid(&mut self) -> Option<Ulid> {
        Ulid::from_string(&self.string()?).ok()
    }

    /// One entry.
    fn entry(&mut self) -> Option<Entry> {
        let mut id = None;
        let mut at = None;
        let mut regions = None;
        let mut sensation = None;
        let mut intensity = None;
        let mut duration_s = None;
        let mut note = None;
        let mut tags = None;
        let mut created = None;
        let mut updated = None;
        let catalogue = Catalogue::global();
        self.fields(|c, name| match name {
            "id" => set_once(&mut id, c.ulid()?),
            "at" => set_once(&mut at, c.time()?),
            "regions" => {
                let ids = c.list(|c| catalogue.lookup(&c.string()?).ok())?;
                set_once(&mut regions, Regions::try_from(ids).ok()?)
            }
            "sensation" => set_once(&mut sensation, SensationId::new(c.string()?)),
            "intensity" => {
                let value = u8::try_from(c.unsigned()?).ok()?;
                set_once(&mut intensity, Intensity::try_from(value).ok()?)
            }
            "duration_s" => set_once(&mut duration_s, c.option(Cursor::unsigned)?),
            "note" => set_once(&mut note, c.option(|c| c.string().map(Cow::into_owned))?),
            "tags" => {
                let mut list = c.list(|c| c.string().map(Cow::into_owned))?;
                // Held for the life of the app: no room to spare.
                list.shrink_to_fit();
                set_once(&mut tags, list)
            }
            "created" => set_once(&mut created, c.time()?),
            "updated" => set_once(&mut updated, c.time()?),
            _ => None,
        })?;
        Some(Entry {
            id: id?,
            at: at?,
            regions: regions?,
            sensation: sensation?,
            intensity: intensity?,
            duration_s: duration_s.flatten(),
            note: note.flatten(),
            tags: tags.unwrap_or_default(),
            created: created?,
            updated: updated?,
        })
    }

    /// One remembered deletion.
    fn tombstone(&mut self) -> Option<Tombstone> {
        let mut id = None;
        let mut at = None;
        self.fields(|c, name| match name {
            "id" => set_once(&mut id, c.ulid()?),
            "at" => set_once(&mut at, c.time()?),
            _ => None,
        })?;
        Some(Tombstone { id: id?, at: at? })
    }
}

/// The rest of a `\u{...}` escape: one to six hex digits naming a char.
fn unicode_escape(chars: &mut std::str::CharIndices<'_>) -> Option<char> {
    (chars.next()?.1 == '{').then_some(())?;
    let mut value: u32 = 0;
    for digits in 0.. {
        let c = chars.next()?.1;
        if c == '}' {
            return (1..=6).contains(&digits).then(|| char::from_u32(value))?;
        }
        value = value.checked_mul(16)?.checked_add(c.to_digit(16)?)?;
    }
    None
}

/// `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS+HH:MM`, the forms
/// sensemap writes; `None` for any other (chrono then reads it).
fn quick_time(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let punctuation = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if !punctuation.iter().all(|&(i, p)| b.get(i) == Some(&p)) {
        return None;
    }
    let offset_s = match (b.len(), b.get(19)) {
        (20, Some(b'Z')) => 0,
        (25, Some(&sign @ (b'+' | b'-'))) if b.get(22) == Some(&b':') => {
            let (hours, minutes) = (num(20, 2)?, num(23, 2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            if sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let year = i32::try_from(num(0, 4)?).ok()?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    // A leap second (:60) is left to chrono.
    let local =
        NaiveDate::from_ymd_opt(year, num(5, 2)?, num(8, 2)?)?.and_hms_opt(hour, minute, second)?;
    let offset = FixedOffset::east_opt(offset_s)?;
    Some(DateTime::from_naive_utc_and_offset(
        local.checked_sub_offset(offset)?,
        offset,
    ))
}

#[cfg(test)]
pub(super) mod tests;
