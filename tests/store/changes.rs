//! Edits, moves and deletions on disk, and files changed by hand (a BOM,
//! misfiled entries, unknown fields, shared ids).

use std::fs;

use super::common::FailingStore;
use super::{APRIL, MARCH, at, entry, journal, plant_march};
use sensemap::domain::YearMonth;
use sensemap::store::month_file::{self, MonthData};
use sensemap::store::{FsStore, Journal, MonthStore};

#[test]
fn an_edit_within_a_month_rewrites_only_that_month() {
    let (_dir, journal) = journal();
    let e = entry("2026-03-05T10:00:00+01:00", &["f25"], 3);
    let other = entry("2026-04-05T10:00:00+01:00", &["f25"], 3);
    journal.add(e.clone()).unwrap();
    journal.add(other.clone()).unwrap();
    let april = fs::read(journal.store().path(APRIL)).unwrap();
    let mut edited = e.clone();
    edited.intensity = 9u8.try_into().unwrap();
    edited.note = Some("worse than I said".into());
    journal.update(&e, edited.clone()).unwrap();
    assert_eq!(journal.load_all().unwrap().entries, vec![edited, other]);
    assert_eq!(fs::read(journal.store().path(APRIL)).unwrap(), april);
}

#[test]
fn an_edit_that_moves_an_entry_to_another_month_moves_it_between_files() {
    let (_dir, journal) = journal();
    let e = entry("2026-03-31T23:00:00+02:00", &["f25"], 3);
    journal.add(e.clone()).unwrap();
    let mut moved = e.clone();
    moved.at = at("2026-04-01T01:00:00+02:00");
    moved.updated = at("2026-06-02T00:00:00Z");
    journal.update(&e, moved.clone()).unwrap();
    let loaded = journal.load_all().unwrap().entries;
    assert_eq!(loaded, vec![moved.clone()]);
    let march = journal.month_content(MARCH).unwrap();
    assert!(march.iter().all(|x| x.id != e.id), "gone from March");
    // March remembers the version it held as replaced, so an old copy of
    // March cannot bring it back.
    let text = fs::read_to_string(journal.store().path(MARCH)).unwrap();
    let deleted = text.split("deleted:").nth(1).unwrap_or_default();
    assert!(deleted.contains(&e.id.to_string()), "{text}");
    journal.merge_in(vec![e.clone()]).unwrap();
    assert_eq!(journal.load_all().unwrap().entries, vec![moved.clone()]);
    assert!(journal.month_content(MARCH).unwrap().is_empty());
    let april = fs::read_to_string(journal.store().path(APRIL)).unwrap();
    assert!(april.contains(&e.id.to_string()), "now in April");
}

#[test]
fn a_move_that_fails_after_the_first_write_leaves_the_entry_findable() {
    let dir = tempfile::tempdir().unwrap();
    let e = entry("2026-03-31T23:00:00+02:00", &["f25"], 3);
    Journal::new(FsStore::new(dir.path()))
        .add(e.clone())
        .unwrap();
    let mut moved = e.clone();
    moved.at = at("2026-04-01T01:00:00+02:00");
    moved.updated = at("2026-06-02T00:00:00Z");
    // The write into April succeeds, the rewrite of March fails.
    let failing = Journal::new(FailingStore::new(dir.path(), 1));
    assert!(failing.update(&e, moved.clone()).is_err());
    assert_eq!(
        failing.load_all().unwrap().entries,
        vec![moved],
        "in both files, loaded once, newest wins"
    );
}

#[test]
fn delete_removes_only_that_entry_and_remembers_it_so_no_copy_brings_it_back() {
    let (_dir, journal) = journal();
    let keep = entry("2026-03-05T10:00:00+01:00", &["f25"], 3);
    let gone = entry("2026-03-06T10:00:00+01:00", &["f25"], 4);
    journal.add(keep.clone()).unwrap();
    journal.add(gone.clone()).unwrap();
    journal.delete(&gone).unwrap();
    let loaded = journal.load_all().unwrap();
    assert_eq!(loaded.entries, vec![keep.clone()]);
    assert!(loaded.deleted[&gone.id] >= gone.updated);
    let text = fs::read_to_string(journal.store().path(MARCH)).unwrap();
    assert!(text.contains("deleted: ["), "{text}");
    // A copy of the deleted version (an old export, another device's file)
    // merged in later changes nothing; deleting again is harmless.
    journal.merge_in(vec![gone.clone()]).unwrap();
    journal.delete(&gone).unwrap();
    assert_eq!(journal.load_all().unwrap().entries, vec![keep]);
}

#[test]
fn a_deleted_entry_left_in_two_months_by_a_crash_mid_move_stays_deleted() {
    let (_dir, journal) = journal();
    let before = entry("2026-03-31T23:00:00+01:00", &["f25"], 3);
    journal.add(before.clone()).unwrap();
    let mut after = before.clone();
    after.at = at("2026-04-01T08:00:00+01:00");
    after.updated = at("2026-07-02T08:00:00+01:00");
    // The crash: the new version is written into April, and March still
    // has the old one.
    let april = YearMonth {
        year: 2026,
        month: 4,
    };
    fs::create_dir_all(journal.store().path(april).parent().unwrap()).unwrap();
    fs::write(
        journal.store().path(april),
        month_file::encode(april, &MonthData::of_entries(vec![after.clone()])).unwrap(),
    )
    .unwrap();
    assert_eq!(journal.load_all().unwrap().entries, vec![after.clone()]);
    journal.delete(&after).unwrap();
    assert!(
        journal.load_all().unwrap().entries.is_empty(),
        "the old version in March must not come back"
    );
    let march = journal.month_content(MARCH).unwrap();
    assert!(march.is_empty(), "both files forget it: {march:?}");
}

#[test]
fn a_byte_order_mark_from_an_editor_is_read_past() {
    let (_dir, journal) = journal();
    let e = entry("2026-03-05T10:00:00+01:00", &["f25"], 3);
    let text = month_file::encode(MARCH, &MonthData::of_entries(vec![e.clone()])).unwrap();
    plant_march(&journal, &format!("\u{feff}{text}"));
    let loaded = journal.load_all().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.entries, vec![e]);
}

#[test]
fn an_entry_filed_in_another_months_file_can_still_be_edited_and_deleted() {
    let (_dir, journal) = journal();
    // An April entry, moved by hand into March's file.
    let stray = entry("2026-04-02T10:00:00+02:00", &["f25"], 3);
    let text = month_file::encode(MARCH, &MonthData::of_entries(vec![stray.clone()])).unwrap();
    plant_march(&journal, &text);
    assert_eq!(journal.load_all().unwrap().entries, vec![stray.clone()]);
    // It can be deleted where it is.
    journal.delete(&stray).unwrap();
    assert!(journal.month_content(MARCH).unwrap().is_empty());
    // And edited: the new version lands in its own month.
    plant_march(&journal, &text);
    let mut edited = stray.clone();
    edited.intensity = 7.try_into().unwrap();
    journal.update(&stray, edited.clone()).unwrap();
    assert_eq!(journal.month_content(APRIL).unwrap(), vec![edited]);
    assert!(journal.month_content(MARCH).unwrap().is_empty());
}

#[test]
fn fields_this_version_does_not_know_are_kept_by_never_rewriting_the_month() {
    let (_dir, journal) = journal();
    let e = entry("2026-03-05T10:00:00+01:00", &["f25"], 3);
    let text = month_file::encode(MARCH, &MonthData::of_entries(vec![e.clone()]))
        .unwrap()
        .replacen("intensity:", "mood: \"bad\", intensity:", 1);
    assert!(text.contains("mood"));
    let path = plant_march(&journal, &text);
    // Shown, and said why it is read-only.
    let loaded = journal.load_all().unwrap();
    assert_eq!(loaded.entries, vec![e]);
    assert_eq!(loaded.read_only, vec![MARCH]);
    assert!(
        loaded.notices[0]
            .error
            .to_string()
            .contains("does not know (mood)"),
        "{}",
        loaded.notices[0].error
    );
    // A save into the month is refused with that reason; the field stays.
    let err = journal
        .add(entry("2026-03-06T10:00:00+01:00", &["f25"], 4))
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not know (mood)"), "{err}");
    assert!(
        !err.contains("by hand (or move"),
        "one piece of advice: {err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn two_different_entries_under_one_id_make_the_month_read_only_so_neither_is_lost() {
    let (_dir, journal) = journal();
    let a = entry("2026-03-05T10:00:00+01:00", &["f25"], 3);
    let mut b = a.clone();
    b.intensity = 8.try_into().unwrap();
    let text = month_file::encode(MARCH, &MonthData::of_entries(vec![a.clone()]))
        .unwrap()
        .replacen("  entries: [\n", "  entries: [\n    ENTRY_B,\n", 1);
    let b_line = month_file::encode(MARCH, &MonthData::of_entries(vec![b.clone()])).unwrap();
    let b_line = b_line
        .lines()
        .find(|l| l.trim_start().starts_with("(id:"))
        .unwrap()
        .trim()
        .trim_end_matches(',');
    let text = text.replace("ENTRY_B", b_line);
    let path = plant_march(&journal, &text);
    let loaded = journal.load_all().unwrap();
    assert_eq!(loaded.read_only, vec![MARCH]);
    let notice = loaded.notices[0].error.to_string();
    assert!(
        notice.contains(&format!("sharing an id ({})", a.id)),
        "{notice}"
    );
    let err = journal
        .add(entry("2026-03-06T10:00:00+01:00", &["f25"], 4))
        .unwrap_err()
        .to_string();
    assert!(err.contains("sharing an id"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "both lines kept");
    // The same line twice loses nothing when one copy is kept: writable.
    let twice = text.replace(b_line, &b_line.replace("intensity: 8", "intensity: 3"));
    plant_march(&journal, &twice);
    journal
        .add(entry("2026-03-06T10:00:00+01:00", &["f25"], 4))
        .unwrap();
    assert_eq!(journal.month_content(MARCH).unwrap().len(), 2);
}
