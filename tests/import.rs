//! Import reads back what export writes: the same entries, twice adding
//! nothing, and bad rows listed with where they are.

mod common;

use std::fs;

use common::cli::*;
use predicates::prelude::*;

fn entries_json(dir: &std::path::Path) -> Vec<serde_json::Value> {
    let mut all = json(sm(dir).args(["export", "--format", "json"]))
        .as_array()
        .unwrap()
        .clone();
    all.sort_by_key(|e| e["id"].as_str().unwrap().to_string());
    all
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
        let file = from.path().join(format!("out.{format}"));
        sm(from.path())
            .args(["export", "--format", format, "-o"])
            .arg(&file)
            .assert()
            .success();
        let to = tempfile::tempdir().unwrap();
        sm(to.path())
            .arg("import")
            .arg(&file)
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "Imported {} new entries (0 already there)",
                original.len()
            )));
        assert_eq!(entries_json(to.path()), original, "{format}");
        // Twice adds nothing.
        sm(to.path())
            .arg("import")
            .arg(&file)
            .assert()
            .success()
            .stderr(predicate::str::contains("Imported 0 new entries"));
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
    fs::write(&file, format!("{good}{bad_intensity}\n{bad_region}\n")).unwrap();
    let to = tempfile::tempdir().unwrap();
    sm(to.path())
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 rows in"))
        .stderr(predicate::str::contains(
            "line 3: intensity must be 0 to 10, not 14",
        ))
        .stderr(predicate::str::contains(
            "line 4: unknown region 'left-tail'",
        ));
    assert_eq!(entries_json(to.path()).len(), 0, "nothing imported");
    sm(to.path())
        .args(["import", "--skip-invalid"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("Skipped 2 rows"))
        .stderr(predicate::str::contains("Imported 1 new entry"));
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
            .stderr(predicate::str::contains(
                "Imported 1 course and 0 applications",
            ));
    }
    assert_eq!(
        stdout(sm(to.path()).args(["treatment", "list", "--format", "json"])),
        listed
    );
}
