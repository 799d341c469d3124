//! The journal on disk: round trips, crash safety, corrupt files, locking.

mod changes;
#[path = "../common/mod.rs"]
mod common;
mod quick_add;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use common::FailingStore;
use proptest::prelude::*;
use sensemap::domain::{Catalogue, Draft, Entry, SensationId, YearMonth};
use sensemap::store::month_file::{self, MonthContent, MonthData};
use sensemap::store::{FsStore, Journal, MonthStore, StoreError};
use ulid::Ulid;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn entry(when: &str, regions: &[&str], intensity: i64) -> Entry {
    let cat = Catalogue::global();
    Draft {
        at: at(when),
        regions: regions.iter().map(|r| cat.lookup(r).unwrap()).collect(),
        sensation: SensationId::new("tingling"),
        intensity,
        duration_s: Some(600),
        note: Some("line one\nline \"two\" ✓".into()),
        tags: vec!["heat".into()],
    }
    .into_entry(Ulid::generate(), at("2026-06-01T00:00:00Z"))
    .unwrap()
}

const MARCH: YearMonth = YearMonth {
    year: 2026,
    month: 3,
};
const APRIL: YearMonth = YearMonth {
    year: 2026,
    month: 4,
};

fn journal() -> (tempfile::TempDir, Journal<FsStore>) {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path().join("data")));
    (dir, journal)
}

#[test]
fn saved_entries_load_back_sorted_one_file_per_month() {
    let (_dir, journal) = journal();
    let late = entry("2026-04-02T10:00:00+02:00", &["f25"], 3);
    let early = entry("2026-03-05T10:00:00+01:00", &["b37", "b38"], 6);
    journal.add(late.clone()).unwrap();
    journal.add(early.clone()).unwrap();
    let loaded = journal.load_all().unwrap();
    assert_eq!(loaded.entries, vec![early, late]);
    assert!(loaded.problems.is_empty());
    assert_eq!(journal.store().months().unwrap(), vec![MARCH, APRIL]);
    let march = journal.store().path(MARCH);
    assert!(
        march.ends_with("data/entries/2026/2026-03.ron"),
        "{}",
        march.display()
    );
}

#[test]
fn adding_to_one_month_leaves_other_month_files_untouched() {
    let (_dir, journal) = journal();
    journal
        .add(entry("2026-03-05T10:00:00+01:00", &["f25"], 3))
        .unwrap();
    let march_path = journal.store().path(MARCH);
    let before = fs::read(&march_path).unwrap();
    let modified = fs::metadata(&march_path).unwrap().modified().unwrap();
    journal
        .add(entry("2026-04-05T10:00:00+01:00", &["f25"], 3))
        .unwrap();
    assert_eq!(fs::read(&march_path).unwrap(), before);
    assert_eq!(
        fs::metadata(&march_path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn month_files_are_private_0600_in_0700_directories() {
    let (_dir, journal) = journal();
    journal
        .add(entry("2026-03-05T10:00:00+01:00", &["f25"], 3))
        .unwrap();
    let file = journal.store().path(MARCH);
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    assert_eq!(mode(file.parent().unwrap().parent().unwrap()), 0o700);
    assert_eq!(mode(journal.store().root()), 0o700);
}

#[test]
fn month_file_is_readable_ron_with_one_entry_per_line() {
    let e = entry("2026-03-05T10:00:00+01:00", &["b37", "b38"], 6);
    let text = month_file::encode(MARCH, &MonthData::of_entries(vec![e.clone()])).unwrap();
    assert!(text.contains("version: 2,"), "{text}");
    let line = text
        .lines()
        .find(|l| l.contains(&e.id.to_string()))
        .unwrap();
    assert!(
        line.contains("regions: [\"left-sole\", \"right-sole\"]"),
        "{line}"
    );
    assert!(line.contains("at: \"2026-03-05T10:00:00+01:00\""), "{line}");
    assert!(
        line.contains("note: Some(\"line one\\nline \\\"two\\\" ✓\")"),
        "{line}"
    );
}

/// Writes `text` as March's file and returns its path.
fn plant_march(journal: &Journal<FsStore>, text: &str) -> PathBuf {
    let path = journal.store().path(MARCH);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_corrupt_month_is_reported_with_file_and_line_and_never_rewritten() {
    let (_dir, journal) = journal();
    journal
        .add(entry("2026-04-05T10:00:00+01:00", &["f25"], 3))
        .unwrap();
    let good = month_file::encode(
        MARCH,
        &MonthData::of_entries(vec![entry("2026-03-05T10:00:00+01:00", &["f25"], 3)]),
    )
    .unwrap();
    let truncated = &good[..good.len() / 2];
    let garbage = "(\n  version: 1,\n  entries: [\n    (id: 12 oops\n";
    for bad in [truncated, garbage] {
        let path = plant_march(&journal, bad);
        let loaded = journal.load_all().unwrap();
        assert_eq!(loaded.entries.len(), 1, "April still loads");
        assert_eq!(loaded.problems.len(), 1);
        let message = loaded.problems[0].error.to_string();
        assert!(
            message.starts_with(&format!("{}:", path.display())),
            "{message}"
        );
        if bad == garbage {
            assert!(message.contains(":4:"), "names the line: {message}");
        }

        let err = journal
            .add(entry("2026-03-06T10:00:00+01:00", &["f25"], 3))
            .unwrap_err();
        assert!(matches!(err, StoreError::MonthUnwritable { .. }), "{err}");
        assert!(err.to_string().contains("never rewrites"), "{err}");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            bad,
            "file left as it was"
        );
    }
}

#[test]
fn a_newer_version_is_read_only() {
    let (_dir, journal) = journal();
    let e = entry("2026-03-05T10:00:00+01:00", &["f25"], 3);
    let newer = month_file::encode(MARCH, &MonthData::of_entries(vec![e.clone()]))
        .unwrap()
        .replace("version: 2", "version: 3");
    let path = plant_march(&journal, &newer);
    let loaded = journal.load_all().unwrap();
    assert_eq!(loaded.entries, vec![e]);
    assert_eq!(loaded.read_only, vec![MARCH]);
    let err = journal
        .add(entry("2026-03-06T10:00:00+01:00", &["f25"], 3))
        .unwrap_err();
    assert!(
        err.to_string().contains("newer sensemap (format version 3"),
        "{err}"
    );
    // One piece of advice: upgrade, not also "fix the file by hand".
    assert!(!err.to_string().contains("by hand"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);

    // A newer file with fields this version cannot read is explained, not garbled.
    let unreadable = "(version: 3, entries: [(hologram: true)])";
    plant_march(&journal, unreadable);
    let loaded = journal.load_all().unwrap();
    assert!(
        loaded.problems[0]
            .error
            .to_string()
            .contains("format version 3")
    );
}

#[test]
fn an_unknown_older_version_is_an_error() {
    let (_dir, journal) = journal();
    plant_march(&journal, "(version: 0, entries: [])");
    let loaded = journal.load_all().unwrap();
    assert!(
        loaded.problems[0]
            .error
            .to_string()
            .contains("unknown format version 0")
    );
}

#[test]
fn stale_temp_files_from_a_killed_save_are_removed() {
    let (_dir, journal) = journal();
    journal
        .add(entry("2026-03-05T10:00:00+01:00", &["f25"], 3))
        .unwrap();
    let stale = journal
        .store()
        .path(MARCH)
        .with_file_name(".sensemap-dead.tmp");
    fs::write(&stale, "half a save").unwrap();
    journal
        .add(entry("2026-03-06T10:00:00+01:00", &["f25"], 3))
        .unwrap();
    assert!(!stale.exists());
    assert_eq!(journal.load_all().unwrap().entries.len(), 2);
}

#[test]
fn deleting_a_lock_file_never_lets_a_second_writer_in() {
    let dir = tempfile::tempdir().unwrap();
    let first = FsStore::new(dir.path());
    let second = FsStore::new(dir.path()).with_lock_wait(Duration::from_millis(100));
    let held = first.lock().unwrap();
    // What a person might delete, thinking the lock is stuck.
    let _ = fs::remove_file(dir.path().join(".lock"));
    let err = Journal::new(second.clone())
        .add(entry("2026-03-05T10:00:00+01:00", &["f25"], 3))
        .unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(second.months().unwrap().is_empty(), "nothing written");
    drop(held);
}

#[test]
fn a_second_writer_waits_then_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let first = FsStore::new(dir.path());
    let second = FsStore::new(dir.path()).with_lock_wait(Duration::from_millis(100));
    let held = first.lock().unwrap();
    let err = Journal::new(second.clone())
        .add(entry("2026-03-05T10:00:00+01:00", &["f25"], 3))
        .unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }));
    assert!(
        err.to_string().contains("another sensemap is saving"),
        "{err}"
    );
    assert!(second.months().unwrap().is_empty(), "nothing written");
    drop(held);
    assert!(second.lock().is_ok());
}

#[test]
fn a_failed_write_reports_the_error_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let first = entry("2026-03-05T10:00:00+01:00", &["f25"], 3);
    Journal::new(FsStore::new(dir.path()))
        .add(first.clone())
        .unwrap();
    let before = fs::read(FsStore::new(dir.path()).path(MARCH)).unwrap();
    let failing = Journal::new(FailingStore::new(dir.path(), 0));
    let err = failing
        .add(entry("2026-03-06T10:00:00+01:00", &["f25"], 3))
        .unwrap_err();
    assert!(err.to_string().contains("disk full"), "{err}");
    assert_eq!(
        fs::read(FsStore::new(dir.path()).path(MARCH)).unwrap(),
        before
    );
    assert_eq!(failing.load_all().unwrap().entries, vec![first]);
}

#[test]
fn a_batch_touching_a_corrupt_month_writes_nothing() {
    let (_dir, journal) = journal();
    plant_march(&journal, "not ron at all");
    let batch = vec![
        entry("2026-02-05T10:00:00+01:00", &["f25"], 3),
        entry("2026-03-05T10:00:00+01:00", &["f25"], 3),
    ];
    assert!(journal.add_many(batch).is_err());
    assert_eq!(
        journal.store().months().unwrap(),
        vec![MARCH],
        "February was not written"
    );
}

#[test]
fn an_entry_left_in_two_months_by_a_crash_loads_once_in_its_latest_version() {
    let (_dir, journal) = journal();
    let old = entry("2026-03-31T22:00:00+01:00", &["f25"], 3);
    let mut moved = old.clone();
    moved.at = at("2026-04-01T09:00:00+02:00");
    moved.updated = at("2026-06-02T00:00:00Z");
    journal.add(old).unwrap();
    journal.add(moved.clone()).unwrap();
    assert_eq!(journal.load_all().unwrap().entries, vec![moved]);
}

#[test]
fn load_since_reads_only_the_months_it_needs_but_misses_nothing() {
    let (_dir, journal) = journal();
    // Logged at UTC-5 on the last evening of February: already March in UTC.
    let late_feb = entry("2026-02-28T21:00:00-05:00", &["f25"], 3);
    journal
        .add(entry("2026-01-10T10:00:00+01:00", &["f25"], 3))
        .unwrap();
    journal.add(late_feb.clone()).unwrap();
    journal
        .add(entry("2026-03-02T10:00:00+01:00", &["f25"], 3))
        .unwrap();
    plant_january_garbage(&journal);
    let loaded = journal.load_since(at("2026-03-01T00:00:00Z")).unwrap();
    assert!(loaded.problems.is_empty(), "January was not read");
    assert!(loaded.entries.contains(&late_feb));
}

fn plant_january_garbage(journal: &Journal<FsStore>) {
    fs::write(
        journal.store().path(YearMonth {
            year: 2026,
            month: 1,
        }),
        "garbage",
    )
    .unwrap();
}

fn arb_entry() -> impl Strategy<Value = Entry> {
    let regions = proptest::collection::vec(0usize..74, 1..6);
    let offset = (-12 * 4..=14 * 4).prop_map(|q: i32| q * 900);
    let note = proptest::option::of(any::<String>());
    let tags = proptest::collection::vec("[a-z][a-z -]{0,12}", 0..4);
    let sensation = prop::sample::select(vec!["tingling", "burning", "electric", "my-own-type"]);
    (
        regions,
        0i64..=10,
        offset,
        0i64..4_000_000_000,
        note,
        tags,
        sensation,
        proptest::option::of(1u64..1_000_000),
    )
        .prop_map(
            |(regions, intensity, offset, secs, note, tags, sensation, duration_s)| {
                let ids: Vec<_> = Catalogue::global().ids().collect();
                let tz = FixedOffset::east_opt(offset).unwrap();
                let when = DateTime::from_timestamp(secs, 0)
                    .unwrap()
                    .with_timezone(&tz);
                Draft {
                    at: when,
                    regions: regions.into_iter().map(|i| ids[i]).collect(),
                    sensation: SensationId::new(sensation),
                    intensity,
                    duration_s,
                    note,
                    tags,
                }
                .into_entry(Ulid::from_parts(secs as u64 * 1000, 7), when)
                .unwrap()
            },
        )
}

proptest! {
    #[test]
    fn any_entries_survive_a_ron_round_trip(mut entries in proptest::collection::vec(arb_entry(), 0..20)) {
        entries.sort_by_key(Entry::sort_key);
        let text = month_file::encode(MARCH, &MonthData::of_entries(entries.clone())).unwrap();
        let back = month_file::decode(std::path::Path::new("x.ron"), &text).unwrap();
        prop_assert_eq!(back, MonthContent::Current(MonthData::of_entries(entries)));
    }
}

#[test]
fn a_hand_written_minimal_entry_loads_with_defaults_for_optional_fields() {
    let (_dir, journal) = journal();
    plant_march(
        &journal,
        "(version: 1, entries: [\n  (id: \"01J0000000000000000000000A\", at: \"2026-03-05T10:00:00+01:00\", \
         regions: [\"F25\", \"left-sole\"], sensation: \"burning\", intensity: 7, \
         created: \"2026-03-05T10:00:00+01:00\", updated: \"2026-03-05T10:00:00+01:00\"),\n])\n",
    );
    let loaded = journal.load_all().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let e = &loaded.entries[0];
    assert_eq!(
        (e.duration_s, e.note.as_deref(), e.tags.len()),
        (None, None, 0)
    );
    let ids: Vec<String> = e.regions.ids().map(|r| r.to_string()).collect();
    assert_eq!(ids, ["right-palm", "left-sole"]);
}
