//! Month files holding whatever bytes a crash, a bad disk or a careless
//! edit may leave: the loader never panics, and a file it cannot read is
//! always reported, never silently empty.

use std::collections::BTreeSet;
use std::fs;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use sensemap::domain::{Catalogue, Draft, Entry, SensationId, YearMonth};
use sensemap::store::month_file::{self, MonthContent};
use sensemap::store::{FsStore, Journal, MonthStore};
use ulid::Ulid;

const MARCH: YearMonth = YearMonth {
    year: 2026,
    month: 3,
};

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// March entries with every optional field in use and awkward text.
fn march_entries() -> Vec<Entry> {
    let cat = Catalogue::global();
    let notes = [
        None,
        Some("line one\nline \"two\" ✓ \\ tab\there"),
        Some("r#\"raw\"# /* not a comment */ // nor this"),
    ];
    (0..6u32)
        .map(|i| {
            let when = format!("2026-03-{:02}T{:02}:15:00+01:00", 2 + 4 * i, 7 + i);
            Draft {
                at: at(&when),
                regions: [["f25"].as_slice(), &["b37", "b38"], &["left-sole"]][i as usize % 3]
                    .iter()
                    .map(|r| cat.lookup(r).unwrap())
                    .collect(),
                sensation: SensationId::new(["tingling", "burning", "electric"][i as usize % 3]),
                intensity: i64::from(i + 2),
                duration_s: (i % 2 == 0).then_some(60 * u64::from(i + 1)),
                note: notes[i as usize % 3].map(str::to_string),
                tags: (0..i % 3).map(|t| format!("tag{t}")).collect(),
            }
            .into_entry(
                Ulid::from_parts(1_770_000_000_000 + u64::from(i), u128::from(i)),
                at("2026-03-30T12:00:00+02:00"),
            )
            .unwrap()
        })
        .collect()
}

/// A valid month file, as a save writes it.
static VALID_MARCH: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    journal.add_many(march_entries()).unwrap();
    journal.store().read(MARCH).unwrap().unwrap().into_bytes()
});

/// One change to a file's bytes; positions are relative to its length.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(prop::sample::Index),
    Delete(prop::sample::Index, usize),
    Insert(prop::sample::Index, Vec<u8>),
    Overwrite(prop::sample::Index, u8),
    Duplicate(prop::sample::Index, usize),
    /// Changes one digit to another, keeping the file's shape.
    Digit(prop::sample::Index, u8),
    /// Copies a whole line after itself, as a hand edit might.
    DuplicateLine(prop::sample::Index),
    /// Removes a whole line.
    DeleteLine(prop::sample::Index),
    /// Adds a field after the first `(` of a line.
    AddField(prop::sample::Index, &'static str),
}

impl Mutation {
    fn apply(&self, bytes: &mut Vec<u8>) {
        let at = |i: &prop::sample::Index, len: usize| i.index(len + 1);
        match self {
            Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len())),
            Mutation::Delete(i, n) => {
                let start = at(i, bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Insert(i, new) => {
                let start = at(i, bytes.len());
                bytes.splice(start..start, new.iter().copied());
            }
            Mutation::Overwrite(i, b) => {
                if !bytes.is_empty() {
                    let i = i.index(bytes.len());
                    bytes[i] = *b;
                }
            }
            Mutation::Duplicate(i, n) => {
                let start = at(i, bytes.len());
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Digit(i, d) => {
                let digits: Vec<usize> = (0..bytes.len())
                    .filter(|&k| bytes[k].is_ascii_digit())
                    .collect();
                if !digits.is_empty() {
                    bytes[digits[i.index(digits.len())]] = b'0' + d % 10;
                }
            }
            Mutation::DuplicateLine(i) | Mutation::DeleteLine(i) | Mutation::AddField(i, _) => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let k = i.index(lines.len());
                match self {
                    Mutation::DuplicateLine(_) => lines.insert(k, lines[k].clone()),
                    Mutation::DeleteLine(_) => {
                        lines.remove(k);
                    }
                    Mutation::AddField(_, field) => {
                        if let Some(open) = lines[k].iter().position(|&b| b == b'(') {
                            lines[k].splice(open + 1..open + 1, field.bytes());
                        }
                    }
                    _ => unreachable!(),
                }
                *bytes = lines.join(&b'\n');
            }
        }
    }
}

/// Bytes that mean something to RON, to a month file, or to UTF-8.
fn telling_bytes() -> impl Strategy<Value = Vec<u8>> {
    let tokens: Vec<&'static [u8]> = vec![
        b"(",
        b")",
        b"[",
        b"]",
        b"{",
        b"}",
        b",",
        b":",
        b"\"",
        b"\\",
        b"'",
        b"//",
        b"/*",
        b"*/",
        b"\n",
        b" ",
        b"0",
        b"1",
        b"2",
        b"-1",
        b"1e999",
        b"18446744073709551616",
        b"Some(",
        b"None",
        b"version",
        b"entries",
        b"mood: 3, ",
        b"r#\"",
        b"\"#",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xc3",
        b"\xe2\x9c\x93",
        b"\0",
        b"intensity: 11",
        b"at: \"2026-03-05\"",
        b"id: \"01ARZ3NDEKTSV4RRFFQ69G5FAV\"",
    ];
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 1..4),
        2 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
        4 => prop::collection::vec(prop::sample::select(tokens), 1..3).prop_map(|t| t.concat()),
    ]
}

/// A byte to write over another: mostly printable, so the file stays text.
fn overwriting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![4 => 0x20u8..0x7f, 1 => any::<u8>()]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (any::<prop::sample::Index>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<prop::sample::Index>(), telling_bytes()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<prop::sample::Index>(), overwriting_byte())
            .prop_map(|(i, b)| Mutation::Overwrite(i, b)),
        (any::<prop::sample::Index>(), 1..200usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (any::<prop::sample::Index>(), 0..10u8).prop_map(|(i, d)| Mutation::Digit(i, d)),
        any::<prop::sample::Index>().prop_map(Mutation::DuplicateLine),
        any::<prop::sample::Index>().prop_map(Mutation::DeleteLine),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(vec![
                "mood: 3, ",
                "note: None, ",
                "tags: [], ",
                "version: 2, "
            ])
        )
            .prop_map(|(i, f)| Mutation::AddField(i, f)),
    ]
}

/// What to put in the month file.
fn month_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // Anything at all, as bytes or as text.
        1 => prop::collection::vec(any::<u8>(), 0..600),
        1 => any::<String>().prop_map(String::into_bytes),
        // A valid file, changed a little.
        5 => prop::collection::vec(mutation(), 1..4).prop_map(|changes| {
            let mut bytes = VALID_MARCH.clone();
            for change in &changes {
                change.apply(&mut bytes);
            }
            bytes
        }),
        // Deep nesting where the file allows any value, or where it does not.
        1 => (0..3000usize, any::<bool>()).prop_map(|(depth, in_entries)| {
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            if in_entries {
                format!("(version: 1, entries: [{deep}])").into_bytes()
            } else {
                format!("(version: 1, entries: [], extra: {deep})").into_bytes()
            }
        }),
    ]
}

/// The ids of `entries`, each once.
fn ids(entries: &[Entry]) -> BTreeSet<Ulid> {
    entries.iter().map(|e| e.id).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_as_a_month_file_never_panic_the_loader(bytes in month_bytes()) {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(FsStore::new(dir.path()));
        let path = journal.store().path(MARCH);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &bytes).unwrap();

        let loaded = journal.load_all().unwrap();

        // The same file read and parsed here, on this thread, where a panic
        // cannot be swallowed by a reader thread.
        let expected = journal
            .store()
            .read(MARCH)
            .and_then(|text| month_file::decode(&path, &text.expect("the file is there")));
        let march_problems = loaded.problems.iter().filter(|p| p.month == MARCH).count();
        match expected {
            Err(why) => {
                prop_assert_eq!(march_problems, 1, "unreadable ({}) but not reported", why);
                prop_assert!(loaded.entries.is_empty());
                prop_assert!(loaded.read_only.is_empty());
            }
            Ok(MonthContent::Current(mut data)) => {
                // What the file holds once its own deletions are applied.
                data.settle();
                let entries = data.entries;
                prop_assert_eq!(march_problems, 0, "{:?}", loaded.problems);
                prop_assert!(loaded.read_only.is_empty());
                prop_assert_eq!(ids(&loaded.entries), ids(&entries));
                prop_assert_eq!(loaded.entries.len(), ids(&entries).len());
                // A readable month is rewritten without losing anything in it.
                let new = march_entries()[0].clone();
                let new = Entry { id: Ulid::from_parts(1_790_000_000_000, 7), ..new };
                if journal.add(new.clone()).is_ok() {
                    let after = journal.load_all().unwrap();
                    prop_assert!(after.problems.is_empty(), "{:?}", after.problems);
                    let mut want = ids(&entries);
                    want.insert(new.id);
                    prop_assert_eq!(ids(&after.entries), want);
                }
            }
            Ok(other) => {
                prop_assert_eq!(march_problems, 0, "{:?}", loaded.problems);
                prop_assert_eq!(&loaded.read_only, &vec![MARCH], "{:?}", other);
                prop_assert_eq!(loaded.notices.len(), 1);
                let duplicates = matches!(other, MonthContent::DuplicateIds { .. });
                let mut data = other.into_data();
                if !duplicates {
                    data.settle();
                }
                let entries = data.entries;
                prop_assert_eq!(ids(&loaded.entries), ids(&entries));
            }
        }
    }
}
