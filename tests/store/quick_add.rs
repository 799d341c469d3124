//! `log`'s save: a new entry spliced in as the month's last line when the
//! check remembered at the last save still vouches for the file, and a full
//! read whenever anything about the file has changed since.

use std::fs::{self, File};
use std::path::Path;

use sensemap::domain::{Catalogue, Draft, Entry, SensationId, YearMonth};
use sensemap::store::month_file::{self, MonthContent, MonthData};
use sensemap::store::{Added, Fault, FsStore, Journal, SaveStep};

use ulid::Ulid;

use super::at;

const JUNE: YearMonth = YearMonth {
    year: 2026,
    month: 6,
};

/// An entry felt at `when` in June.
fn june(when: &str) -> Entry {
    Draft {
        at: at(when),
        regions: vec![Catalogue::global().lookup("left-sole").unwrap()],
        sensation: SensationId::new("tingling"),
        intensity: 4,
        duration_s: Some(600),
        note: Some("line one\nline \"two\" ✓".into()),
        tags: vec!["heat".into()],
    }
    .into_entry(Ulid::generate(), at(when))
    .unwrap()
}

fn month_text(dir: &Path) -> String {
    fs::read_to_string(dir.join("entries/2026/2026-06.ron")).unwrap()
}

/// What a full save writes for `entries`.
fn written_in_full(entries: Vec<Entry>) -> String {
    let mut data = MonthData::of_entries(entries);
    data.settle();
    month_file::encode(JUNE, &data).unwrap()
}

/// Replaces the month file's text and gives it back its modification
/// time, as an edit that keeps size and time would.
fn edit_keeping_time(dir: &Path, edit: impl FnOnce(String) -> String) {
    let path = dir.join("entries/2026/2026-06.ron");
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    fs::write(&path, edit(fs::read_to_string(&path).unwrap())).unwrap();
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

#[test]
fn later_entries_are_spliced_in_as_a_full_save_would_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    let entries = [
        june("2026-06-02T08:00:00+02:00"),
        june("2026-06-02T09:30:00+02:00"),
        june("2026-06-05T21:00:00-04:00"),
    ];
    assert_eq!(
        journal.add_new(entries[0].clone()).unwrap(),
        Added::Rewritten
    );
    assert_eq!(journal.add_new(entries[1].clone()).unwrap(), Added::Spliced);
    assert_eq!(journal.add_new(entries[2].clone()).unwrap(), Added::Spliced);
    assert_eq!(month_text(dir.path()), written_in_full(entries.to_vec()));
    let loaded = journal.load_all().unwrap();
    assert_eq!(loaded.entries, entries.to_vec());
}

#[test]
fn an_entry_felt_before_the_last_is_read_in_full_and_put_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    let late = june("2026-06-20T08:00:00Z");
    let early = june("2026-06-03T08:00:00Z");
    journal.add_new(late.clone()).unwrap();
    assert_eq!(journal.add_new(early.clone()).unwrap(), Added::Rewritten);
    assert_eq!(month_text(dir.path()), written_in_full(vec![early, late]));
}

#[test]
fn a_file_edited_since_is_read_in_full_and_the_edit_kept() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    let first = june("2026-06-02T08:00:00Z");
    journal.add_new(first.clone()).unwrap();
    // Same size, same time: only the hash of the text tells.
    edit_keeping_time(dir.path(), |text| {
        text.replace("intensity: 4", "intensity: 9")
    });
    let second = june("2026-06-03T08:00:00Z");
    assert_eq!(journal.add_new(second.clone()).unwrap(), Added::Rewritten);
    let mut edited = first;
    edited.intensity = 9.try_into().unwrap();
    assert_eq!(
        month_text(dir.path()),
        written_in_full(vec![edited, second])
    );
}

#[test]
fn a_file_broken_since_refuses_the_save_and_stays_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    journal.add_new(june("2026-06-02T08:00:00Z")).unwrap();
    // A field this version does not know, the same length as what it
    // replaces: a rewrite would drop it, so the month is read-only.
    edit_keeping_time(dir.path(), |text| text.replace("tags: [", "mood: ["));
    let broken = month_text(dir.path());
    let error = journal.add_new(june("2026-06-03T08:00:00Z")).unwrap_err();
    assert!(error.to_string().contains("mood"), "{error}");
    assert_eq!(month_text(dir.path()), broken);
}

#[test]
fn a_lost_or_damaged_note_means_one_full_read() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    journal.add_new(june("2026-06-02T08:00:00Z")).unwrap();
    let note = dir.path().join(".cache/2026-06.checked");
    let good = fs::read_to_string(&note).unwrap();
    for damaged in [
        String::new(),
        good.replace("sensemap-check-1-format-2", "sensemap-check-1-format-3"),
        good[..good.len() / 2].to_string(),
    ] {
        fs::write(&note, damaged).unwrap();
        let at = format!(
            "2026-06-{:02}T08:00:00Z",
            3 + journal.load_all().unwrap().entries.len()
        );
        assert_eq!(journal.add_new(june(&at)).unwrap(), Added::Rewritten);
    }
    fs::remove_file(&note).unwrap();
    assert_eq!(
        journal.add_new(june("2026-06-20T08:00:00Z")).unwrap(),
        Added::Rewritten
    );
    assert_eq!(
        journal.add_new(june("2026-06-21T08:00:00Z")).unwrap(),
        Added::Spliced
    );
    let loaded = journal.load_all().unwrap();
    assert_eq!(loaded.entries.len(), 6);
    assert!(loaded.problems.is_empty());
}

#[test]
fn an_id_the_file_already_holds_is_read_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    let first = june("2026-06-02T08:00:00Z");
    journal.add_new(first.clone()).unwrap();
    let mut again = first.clone();
    again.at = at("2026-06-09T08:00:00Z");
    assert_eq!(journal.add_new(again.clone()).unwrap(), Added::Rewritten);
    assert_eq!(journal.load_all().unwrap().entries, vec![again]);
}

#[test]
fn a_failed_save_changes_neither_the_file_nor_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    journal.add_new(june("2026-06-02T08:00:00Z")).unwrap();
    let before = month_text(dir.path());
    let note = fs::read_to_string(dir.path().join(".cache/2026-06.checked")).unwrap();
    let failing = Journal::new(FsStore::new(dir.path()).with_fault(Fault {
        step: SaveStep::Rename,
        errno: 28,
    }));
    assert!(failing.add_new(june("2026-06-03T08:00:00Z")).is_err());
    assert_eq!(month_text(dir.path()), before);
    assert_eq!(
        fs::read_to_string(dir.path().join(".cache/2026-06.checked")).unwrap(),
        note
    );
    let later = june("2026-06-04T08:00:00Z");
    assert_eq!(journal.add_new(later).unwrap(), Added::Spliced);
    let text = month_text(dir.path());
    assert!(matches!(
        month_file::decode(Path::new("x"), &text).unwrap(),
        MonthContent::Current(data) if data.entries.len() == 2
    ));
}

#[test]
fn a_month_that_cannot_be_read_says_it_cannot_be_saved_into_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    journal.add_new(june("2026-06-02T08:00:00Z")).unwrap();
    let path = dir.path().join("entries/2026/2026-06.ron");
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\xff\xfe");
    fs::write(&path, &bytes).unwrap();
    let error = journal
        .add_new(june("2026-06-03T08:00:00Z"))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("cannot save into 2026-06"), "{error}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
}
