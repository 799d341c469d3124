//! Import reads back what export writes: the same entries, twice adding
//! nothing, and bad rows listed with where they are.

mod common;

use std::fs;

use common::cli::*;
use predicates::prelude::*;

fn entries_json(dir: &std::path::Path) -> Vec<serde_json::Value> {
    let mut all = json(sm(dir).args(["export", "--format", "json"]))["entries"]
        .as_array()
        .unwrap()
        .clone();
    all.sort_by_key(|e| e["id"].as_str().unwrap().to_string());
    all
}

/// Exports the journal in `dir` as `format` to a file named `stem` there.
fn exported(dir: &std::path::Path, format: &str, stem: &str) -> std::path::PathBuf {
    let file = dir.join(format!("{stem}.{format}"));
    sm(dir)
        .args(["export", "--format", format, "-o"])
        .arg(&file)
        .assert()
        .success();
    file
}

#[test]
fn export_then_import_into_an_empty_folder_gives_the_same_entries() {
    let from = tempfile::tempdir().unwrap();
    sm(from.path())
        .args(["generate", "--years", "1", "--per-day", "2"])
        .assert()
        .success();
    log_args(
        from.path(),
        &[
            "-r",
            "f25",
            "-s",
            "tingling",
            "-i",
            "4",
            "--note",
            "=1+1, \"quoted\"\nsecond line",
            "-t=-cold",
        ],
    );
    let original = entries_json(from.path());
    for format in ["json", "csv"] {
        let file = exported(from.path(), format, "out");
        let to = tempfile::tempdir().unwrap();
        sm(to.path())
            .arg("import")
            .arg(&file)
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "Imported {} new entries and 0 newer versions (0 already there",
                original.len()
            )));
        assert_eq!(entries_json(to.path()), original, "{format}");
        // Twice adds nothing.
        sm(to.path())
            .arg("import")
            .arg(&file)
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "Imported 0 new entries and 0 newer versions ({} already there",
                original.len()
            )));
        assert_eq!(entries_json(to.path()), original, "{format} twice");
    }
}

#[test]
fn bad_rows_are_listed_and_nothing_is_imported_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    log(dir.path(), "-r left-sole -s tingling -i 4");
    let file = dir.path().join("in.csv");
    sm(dir.path())
        .args(["export", "--format", "csv", "-o"])
        .arg(&file)
        .assert()
        .success();
    let good = fs::read_to_string(&file).unwrap();
    let row = good.lines().nth(1).unwrap().to_string();
    let bad_intensity =
        row.replacen(",4,", ",14,", 1)
            .replacen(&row[..26], "01ARZ3NDEKTSV4RRFFQ69G5FAV", 1);
    let bad_region = row.replacen("left-sole", "left-tail", 1).replacen(
        &row[..26],
        "01ARZ3NDEKTSV4RRFFQ69G5FAW",
        1,
    );
    // A duration of u64::MAX seconds once wrapped to "0s" on screen.
    let endless = row
        .replacen(",4,,", ",4,18446744073709551615,", 1)
        .replacen(&row[..26], "01ARZ3NDEKTSV4RRFFQ69G5FAX", 1);
    assert_ne!(endless, row, "the row has an empty duration to fill");
    // A version dated in 2099 would win every later merge: it is dated now.
    let (before_updated, _) = row.rsplit_once(',').unwrap();
    let ahead = format!("{before_updated},2099-01-01T00:00:00+00:00").replacen(
        &row[..26],
        "01ARZ3NDEKTSV4RRFFQ69G5FAY",
        1,
    );
    fs::write(
        &file,
        format!("{good}{bad_intensity}\n{bad_region}\n{endless}\n{ahead}\n"),
    )
    .unwrap();
    let to = tempfile::tempdir().unwrap();
    sm(to.path())
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("3 records in"))
        .stderr(predicate::str::contains(
            "line 3: intensity must be 0 to 10, not 14",
        ))
        .stderr(predicate::str::contains(
            "line 4: unknown region 'left-tail'",
        ))
        .stderr(predicate::str::contains(
            "line 5: a duration must be more than 0 and at most 365 days",
        ));
    assert_eq!(entries_json(to.path()).len(), 0, "nothing imported");
    sm(to.path())
        .args(["import", "--skip-invalid"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("Skipped 3 records"))
        .stderr(predicate::str::contains("Imported 2 new entries"));
    let ahead = entries_json(to.path())
        .into_iter()
        .find(|e| e["id"] == "01ARZ3NDEKTSV4RRFFQ69G5FAY")
        .expect("the row dated ahead is imported");
    assert!(ahead["updated"].as_str().unwrap() < "2099", "{ahead}");
}

#[test]
fn treatments_come_back_from_their_json() {
    let dir = tempfile::tempdir().unwrap();
    sm(dir.path())
        .args(["treatment", "start", "gaba", "--at", "2026-02-01"])
        .assert()
        .success();
    let file = dir.path().join("t.json");
    let listed = stdout(sm(dir.path()).args(["treatment", "list", "--format", "json"]));
    fs::write(&file, &listed).unwrap();
    let to = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        sm(to.path())
            .arg("import")
            .arg(&file)
            .assert()
            .success()
            .stderr(predicate::str::contains("treatment record"));
    }
    assert_eq!(
        stdout(sm(to.path()).args(["treatment", "list", "--format", "json"])),
        listed
    );
}

#[test]
fn import_never_replaces_what_is_the_same_or_newer_and_keeps_every_character() {
    let dir = tempfile::tempdir().unwrap();
    // A note that really starts with an apostrophe and an equals sign, a
    // tag that is a number.
    log_args(
        dir.path(),
        &[
            "-r",
            "f25",
            "-s",
            "tingling",
            "-i",
            "4",
            "--note=\'=SUM(A1) really typed",
            "-t",
            "2024",
        ],
    );
    let original = entries_json(dir.path());
    for format in ["json", "csv"] {
        let file = exported(dir.path(), format, "mine");
        sm(dir.path()).arg("import").arg(&file).assert().success();
        assert_eq!(
            entries_json(dir.path()),
            original,
            "{format}: unchanged by its own export"
        );
        let fresh = tempfile::tempdir().unwrap();
        sm(fresh.path()).arg("import").arg(&file).assert().success();
        assert_eq!(
            entries_json(fresh.path()),
            original,
            "{format}: every character back"
        );
    }
    // One id twice in a file is refused.
    let mut twice = original.clone();
    twice.push(original[0].clone());
    let file = dir.path().join("twice.json");
    fs::write(&file, serde_json::to_string(&twice).unwrap()).unwrap();
    sm(dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is also at entry 1"));
}

#[test]
fn a_newer_copy_moves_the_entry_and_an_older_one_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    log_at(
        dir.path(),
        "2026-03-10 20:00",
        "-r left-sole -s tingling -i 4",
    );
    let mut entry = entries_json(dir.path())[0].clone();
    entry["at"] = "2026-02-10T20:00:00+01:00".into();
    entry["updated"] = "2026-03-11T11:00:00+01:00".into();
    let file = dir.path().join("newer.json");
    fs::write(&file, serde_json::to_string(&vec![entry.clone()]).unwrap()).unwrap();
    sm(dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 newer version"));
    let after = entries_json(dir.path());
    assert_eq!(after.len(), 1, "moved, not copied");
    assert_eq!(after[0]["at"], "2026-02-10T20:00:00+01:00");
    let march = fs::read_to_string(dir.path().join("data/entries/2026/2026-03.ron")).unwrap();
    let id = after[0]["id"].as_str().unwrap();
    let entries_part = march.split("deleted:").next().unwrap();
    assert!(!entries_part.contains(id), "no copy left behind: {march}");
}

#[test]
fn imported_treatments_are_checked_and_never_replace_yours() {
    let dir = tempfile::tempdir().unwrap();
    sm(dir.path())
        .args(["treatment", "start", "gaba", "--at", "2026-02-01"])
        .assert()
        .success();
    let old = dir.path().join("old.json");
    fs::write(
        &old,
        stdout(sm(dir.path()).args(["treatment", "list", "--format", "json"])),
    )
    .unwrap();
    sm(dir.path())
        .args(["treatment", "stop", "gaba", "--at", "2026-03-01"])
        .assert()
        .success();
    let mine = stdout(sm(dir.path()).args(["treatment", "list", "--format", "json"]));
    sm(dir.path())
        .arg("import")
        .arg(&old)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 already here, kept"));
    assert_eq!(
        stdout(sm(dir.path()).args(["treatment", "list", "--format", "json"])),
        mine
    );
    for (text, message) in [
        ("{}", "holds no entries and no treatments"),
        (r#"{"entries": [1]}"#, "unknown field"),
        (
            r#"{"courses": [{"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "treatment": "unicorn", "start": "2026-01-01T00:00:00+01:00"}]}"#,
            "unknown treatment",
        ),
        (
            r#"{"courses": [{"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "treatment": "cbt", "start": "2026-02-01T00:00:00+01:00", "stop": "2026-01-01T00:00:00+01:00"}]}"#,
            "stops before it starts",
        ),
    ] {
        let file = dir.path().join("bad.json");
        fs::write(&file, text).unwrap();
        sm(dir.path())
            .arg("import")
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    assert_eq!(
        stdout(sm(dir.path()).args(["treatment", "list", "--format", "json"])),
        mine
    );
}

#[test]
fn a_month_that_cannot_take_the_import_stops_it_before_anything_is_written() {
    let from = tempfile::tempdir().unwrap();
    log_at(from.path(), "2026-03-05 10:00", "-r f25 -s tingling -i 4");
    sm(from.path())
        .args(["treatment", "start", "gaba", "--at", "2026-03-01"])
        .assert()
        .success();
    let file = exported(from.path(), "json", "bundle");
    // March in the other folder has a field this version does not know.
    let to = tempfile::tempdir().unwrap();
    log_at(to.path(), "2026-03-02 10:00", "-r f28 -s burning -i 2");
    let march = to.path().join("data/entries/2026/2026-03.ron");
    let text =
        fs::read_to_string(&march)
            .unwrap()
            .replacen("intensity:", "mood: \"bad\", intensity:", 1);
    fs::write(&march, &text).unwrap();
    sm(to.path())
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("does not know (mood)"));
    assert!(!to.path().join("data/treatments.ron").exists());
    assert_eq!(fs::read_to_string(&march).unwrap(), text);
}

#[test]
fn a_damaged_treatments_file_leaves_the_entries_exportable() {
    let dir = tempfile::tempdir().unwrap();
    log(dir.path(), "-r left-sole -s tingling -i 4");
    fs::write(
        dir.path().join("data/treatments.ron"),
        "(version: 1, courses: [ oops",
    )
    .unwrap();
    sm(dir.path())
        .args(["export", "--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: treatments left out"));
    assert_eq!(entries_json(dir.path()).len(), 1);
    sm(dir.path())
        .arg("report")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "treatments left out of the report",
        ));
}
