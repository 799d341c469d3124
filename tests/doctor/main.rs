//! `sensemap doctor --fix`, `delete` and `restore` on damaged and
//! conflicting data: nothing is lost, no read-only file is rewritten, and
//! what cannot be merged is left where it is and said.

#[path = "../common/mod.rs"]
mod common;
mod views;

use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use common::{at, entry};
use sensemap::domain::{Entry, YearMonth};
use sensemap::store::month_file::{self, MonthData};
use sensemap::store::{FsStore, Journal, MonthStore};

const SEPTEMBER: YearMonth = YearMonth {
    year: 2026,
    month: 9,
};
const OCTOBER: YearMonth = YearMonth {
    year: 2026,
    month: 10,
};
const NOVEMBER: YearMonth = YearMonth {
    year: 2026,
    month: 11,
};
const COPY: &str = "2026-11.sync-conflict-20261105-101010-ABCDEFG.ron";

fn journal(data: &Path) -> Journal<FsStore> {
    Journal::new(FsStore::new(data))
}

fn sensemap(data: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    cargo_bin_cmd!("sensemap")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .assert()
}

fn path(data: &Path, month: YearMonth) -> std::path::PathBuf {
    FsStore::new(data).path(month)
}

fn copy_path(data: &Path) -> std::path::PathBuf {
    data.join("entries/2026").join(COPY)
}

/// `entries` written as month text for `month`, as a hand or a sync tool
/// might leave it.
fn text_of(month: YearMonth, entries: Vec<Entry>) -> String {
    month_file::encode(month, &MonthData::of_entries(entries)).unwrap()
}

/// Month text with `entry` added as one more line, as a hand might add
/// it: no check that its id is free.
fn with_line(text: &str, entry: &Entry) -> String {
    let own = text_of(NOVEMBER, vec![entry.clone()]);
    let line = own.lines().find(|l| l.contains("(id:")).unwrap();
    text.replacen("  ],", &format!("{line}\n  ],"), 1)
}

fn all(data: &Path) -> Vec<Entry> {
    journal(data).load_all().unwrap().entries
}

#[test]
fn fix_never_rewrites_a_read_only_or_unreadable_month_to_file_an_entry_into_it() {
    for damage in ["mood", "garbage"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        let oct_a = entry("2026-10-06T10:00:00+01:00", &["f25"], "burning", 5);
        let oct_b = entry("2026-10-07T10:00:00+01:00", &["f25"], "burning", 7);
        let misfiled = entry("2026-10-09T10:00:00+01:00", &["b37"], "tingling", 2);
        let nov = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
        journal(data)
            .add_many(vec![oct_a, oct_b, nov.clone()])
            .unwrap();
        let october = match damage {
            "mood" => fs::read_to_string(path(data, OCTOBER)).unwrap().replacen(
                "intensity: 5,",
                "intensity: 5, mood: \"bad\",",
                1,
            ),
            _ => "(version: 2, entries: [ ,,, ".to_string(),
        };
        fs::write(path(data, OCTOBER), &october).unwrap();
        fs::write(
            path(data, NOVEMBER),
            text_of(NOVEMBER, vec![misfiled.clone(), nov]),
        )
        .unwrap();

        sensemap(data, &["doctor", "--fix"])
            .code(1)
            .stdout(predicates::str::contains("cannot be rewritten"));
        assert_eq!(
            fs::read_to_string(path(data, OCTOBER)).unwrap(),
            october,
            "{damage}"
        );
        let november = journal(data).month_content(NOVEMBER).unwrap();
        assert!(
            november.iter().any(|e| e.id == misfiled.id),
            "left where it was"
        );
        let again = sensemap(data, &["doctor"]).code(1);
        let said = String::from_utf8_lossy(&again.get_output().stdout).to_string();
        assert!(said.contains("stays where it is"), "{said}");
        assert!(!said.contains("--fix moves it there"), "{said}");
    }
}

#[test]
fn a_stale_copy_of_a_month_an_entry_moved_out_of_brings_no_ghost_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let kept = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let moving = entry("2026-11-06T10:00:00+01:00", &["f25"], "burning", 5);
    journal(data)
        .add_many(vec![kept.clone(), moving.clone()])
        .unwrap();
    let stale = fs::read_to_string(path(data, NOVEMBER)).unwrap();
    let mut moved = moving.clone();
    moved.at = at("2026-10-02T10:00:00+01:00");
    moved.intensity = 6u8.try_into().unwrap();
    moved.updated = at("2026-11-20T10:00:00+01:00");
    journal(data).update(&moving, moved.clone()).unwrap();
    fs::write(copy_path(data), stale).unwrap();

    sensemap(data, &["doctor", "--fix"]).success();
    assert_eq!(all(data), vec![moved.clone(), kept]);
    sensemap(data, &["doctor"]).success();
}

#[test]
fn a_deleted_entry_stays_deleted_in_every_view_after_a_stale_copy_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let a = entry("2026-11-20T10:00:00+01:00", &["b37"], "tingling", 3);
    let b = entry("2026-11-21T10:00:00+01:00", &["f25"], "burning", 5);
    journal(data).add_many(vec![a.clone(), b.clone()]).unwrap();
    let stale = fs::read_to_string(path(data, NOVEMBER)).unwrap();
    let mut moved = b.clone();
    moved.at = at("2026-10-31T10:00:00+01:00");
    moved.updated = at("2026-11-22T10:00:00+01:00");
    journal(data).update(&b, moved.clone()).unwrap();
    journal(data).delete(&moved).unwrap();
    fs::write(copy_path(data), stale).unwrap();

    sensemap(data, &["doctor", "--fix"]).success();
    let since = journal(data)
        .load_since(at("2026-11-10T00:00:00+01:00"))
        .unwrap()
        .entries;
    assert_eq!(since, vec![a.clone()], "load_since reads November alone");
    assert_eq!(journal(data).month_content(NOVEMBER).unwrap(), vec![a]);
}

#[test]
fn copies_that_cannot_be_merged_whole_are_left_in_place_and_said() {
    let cases = [
        ("shared ids", "share an id"),
        ("unknown field", "does not know"),
        ("garbage", "cannot be read"),
    ];
    for (case, said) in cases {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        let mine = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
        journal(data).add(mine.clone()).unwrap();
        let other = entry("2026-11-06T10:00:00+01:00", &["b38"], "tingling", 8);
        let copy = match case {
            "shared ids" => {
                // A second, different entry under the same id in the copy.
                let mut twin = entry("2026-11-07T10:00:00+01:00", &["f25"], "burning", 2);
                twin.id = other.id;
                with_line(&text_of(NOVEMBER, vec![other.clone()]), &twin)
            }
            "unknown field" => text_of(NOVEMBER, vec![other.clone()]).replacen(
                "intensity: 8,",
                "intensity: 8, mood: \"bad\",",
                1,
            ),
            _ => "(version: 2, entries: [ ,,,".to_string(),
        };
        fs::write(copy_path(data), &copy).unwrap();
        sensemap(data, &["doctor"])
            .code(1)
            .stdout(predicates::str::contains(said));
        sensemap(data, &["doctor", "--fix"]).code(1);
        assert_eq!(
            fs::read_to_string(copy_path(data)).unwrap(),
            copy,
            "{case}: left as it was"
        );
        assert_eq!(
            journal(data).month_content(NOVEMBER).unwrap(),
            vec![mine.clone()],
            "{case}"
        );
    }
}

#[test]
fn every_entry_of_a_month_with_a_shared_id_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let a = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let mut b = entry("2026-11-06T10:00:00+01:00", &["b38"], "burning", 8);
    b.id = a.id;
    journal(data).add(a.clone()).unwrap();
    let text = fs::read_to_string(path(data, NOVEMBER)).unwrap();
    fs::write(path(data, NOVEMBER), with_line(&text, &b)).unwrap();
    assert_eq!(all(data), vec![a, b]);
    let listed = sensemap(data, &["list", "--format", "json"]).success();
    let json: Vec<serde_json::Value> = serde_json::from_slice(&listed.get_output().stdout).unwrap();
    assert_eq!(json.len(), 2);
    sensemap(data, &["doctor", "--fix"]).success();
    let fixed = all(data);
    assert_eq!(fixed.len(), 2);
    assert_ne!(fixed[0].id, fixed[1].id, "one got a new id");
}

#[test]
fn delete_of_several_ids_deletes_none_when_one_month_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let a = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let b = entry("2026-10-05T10:00:00+01:00", &["f25"], "burning", 5);
    journal(data).add_many(vec![a.clone(), b.clone()]).unwrap();
    let october = fs::read_to_string(path(data, OCTOBER)).unwrap().replacen(
        "intensity: 5,",
        "intensity: 5, mood: \"bad\",",
        1,
    );
    fs::write(path(data, OCTOBER), &october).unwrap();
    let november = fs::read_to_string(path(data, NOVEMBER)).unwrap();
    sensemap(data, &["delete", &a.id.to_string(), &b.id.to_string()])
        .failure()
        .stderr(predicates::str::contains("does not know"));
    assert_eq!(fs::read_to_string(path(data, NOVEMBER)).unwrap(), november);
    assert_eq!(fs::read_to_string(path(data, OCTOBER)).unwrap(), october);
}

#[test]
fn restore_from_the_merged_copies_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    journal(data)
        .add(entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3))
        .unwrap();
    fs::copy(path(data, NOVEMBER), copy_path(data)).unwrap();
    sensemap(data, &["doctor", "--fix"]).success();
    let before = fs::read_to_string(path(data, NOVEMBER)).unwrap();
    sensemap(data, &["restore", "copies", COPY])
        .code(2)
        .stderr(predicates::str::contains("already"));
    assert_eq!(fs::read_to_string(path(data, NOVEMBER)).unwrap(), before);
    assert!(!data.join(COPY).exists());
}

#[test]
fn an_entry_deleted_on_one_device_and_moved_on_another_stays_deleted_everywhere() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (a.path(), b.path());
    let x = entry("2026-09-20T09:00:00+01:00", &["b37"], "tingling", 3);
    journal(a).add(x.clone()).unwrap();
    fs::create_dir_all(b.join("entries/2026")).unwrap();
    fs::copy(path(a, SEPTEMBER), path(b, SEPTEMBER)).unwrap();
    // Device B moves it to November; device A deletes it, later.
    let mut moved = x.clone();
    moved.at = at("2026-11-10T09:00:00+01:00");
    moved.intensity = 7u8.try_into().unwrap();
    moved.updated = at("2026-11-20T09:00:00+01:00");
    journal(b).update(&x, moved.clone()).unwrap();
    journal(a)
        .delete_at(&x, at("2026-11-21T09:00:00+01:00"))
        .unwrap();
    // The sync: B's November arrives whole, its September as a copy.
    fs::copy(path(b, NOVEMBER), path(a, NOVEMBER)).unwrap();
    fs::copy(
        path(b, SEPTEMBER),
        a.join("entries/2026").join(COPY.replace("11", "09")),
    )
    .unwrap();

    assert!(all(a).is_empty());
    let since = journal(a)
        .load_since(at("2026-11-05T00:00:00+01:00"))
        .unwrap();
    assert!(since.entries.is_empty(), "{:?}", since.entries);
    sensemap(a, &["doctor"])
        .code(1)
        .stdout(predicates::str::contains("was deleted"));
    sensemap(a, &["doctor", "--fix"]).success();
    assert!(journal(a).month_content(NOVEMBER).unwrap().is_empty());
    assert!(all(a).is_empty());
}

#[test]
fn a_file_with_unknown_fields_and_a_shared_id_keeps_its_fields_through_fix() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let a = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let mut twin = entry("2026-11-06T10:00:00+01:00", &["b38"], "burning", 8);
    twin.id = a.id;
    journal(data).add(a).unwrap();
    let text = fs::read_to_string(path(data, NOVEMBER)).unwrap();
    let text =
        with_line(&text, &twin).replacen("intensity: 8,", "intensity: 8, mood: \"awful\",", 1);
    fs::write(path(data, NOVEMBER), &text).unwrap();
    sensemap(data, &["doctor"])
        .code(1)
        .stdout(predicates::str::contains("mood"));
    sensemap(data, &["doctor", "--fix"]).code(1);
    assert_eq!(fs::read_to_string(path(data, NOVEMBER)).unwrap(), text);
}

#[test]
fn two_devices_splitting_the_same_shared_id_give_the_same_new_id() {
    let (g, h) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let mut twin = entry("2026-11-07T10:00:00+01:00", &["b38"], "burning", 8);
    twin.id = a.id;
    for device in [g.path(), h.path()] {
        journal(device).add(a.clone()).unwrap();
        let text = fs::read_to_string(path(device, NOVEMBER)).unwrap();
        fs::write(path(device, NOVEMBER), with_line(&text, &twin)).unwrap();
        sensemap(device, &["doctor", "--fix"]).success();
    }
    assert_eq!(all(g.path()), all(h.path()));
    fs::copy(path(h.path(), NOVEMBER), copy_path(g.path())).unwrap();
    sensemap(g.path(), &["doctor", "--fix"]).success();
    assert_eq!(all(g.path()).len(), 2, "no third entry");
}

#[test]
fn a_month_that_is_not_even_text_blocks_neither_delete_nor_doctor() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let a = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
    journal(data).add(a.clone()).unwrap();
    fs::write(path(data, OCTOBER), b"\xff\xfe garbage").unwrap();
    sensemap(data, &["delete", &a.id.to_string()]).success();
    assert!(journal(data).month_content(NOVEMBER).unwrap().is_empty());
    sensemap(data, &["doctor"])
        .code(1)
        .stdout(predicates::str::contains("cannot be read"));
    sensemap(data, &["doctor", "--fix"]).code(1);
}

#[test]
fn versions_changed_at_the_same_moment_show_the_same_before_and_after_a_merge() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mine = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let mut theirs = mine.clone();
    theirs.intensity = 8u8.try_into().unwrap();
    journal(data).add(mine).unwrap();
    fs::write(copy_path(data), text_of(NOVEMBER, vec![theirs])).unwrap();
    let shown = all(data);
    sensemap(data, &["doctor", "--fix"]).success();
    assert_eq!(all(data), shown);
}

/// Month text for `month` holding `entries` and `deleted`, written by hand
/// (no merge rule applied).
fn raw_month(month: YearMonth, entries: Vec<Entry>, deleted: Vec<(Entry, &str)>) -> String {
    let data = MonthData {
        entries,
        deleted: deleted
            .into_iter()
            .map(|(e, when)| sensemap::store::month_file::Tombstone {
                id: e.id,
                at: at(when),
            })
            .collect(),
    };
    month_file::encode(month, &data).unwrap()
}

#[test]
fn fix_keeps_every_entry_of_an_id_shared_in_one_file_and_copied_in_another() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let x = entry("2026-10-05T10:00:00+01:00", &["b37"], "tingling", 2);
    let mut twin = entry("2026-10-07T10:00:00+01:00", &["f25"], "burning", 6);
    twin.id = x.id;
    let mut elsewhere = x.clone();
    elsewhere.at = at("2026-09-10T10:00:00+01:00");
    elsewhere.updated = at("2026-10-06T10:00:00+01:00");
    elsewhere.intensity = 9u8.try_into().unwrap();
    fs::create_dir_all(path(data, OCTOBER).parent().unwrap()).unwrap();
    fs::write(
        path(data, OCTOBER),
        with_line(&raw_month(OCTOBER, vec![x.clone()], vec![]), &twin),
    )
    .unwrap();
    fs::write(
        path(data, SEPTEMBER),
        raw_month(SEPTEMBER, vec![elsewhere], vec![]),
    )
    .unwrap();
    assert_eq!(all(data).len(), 3);
    sensemap(data, &["doctor", "--fix"]).success();
    let fixed = all(data);
    let mut ids: Vec<_> = fixed.iter().map(|e| e.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(fixed.len(), 3, "{fixed:?}");
    assert_eq!(ids.len(), 3, "each has an id of its own");
}
