//! Every command, run as a person would, against a temporary data directory.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;

/// Wednesday 2026-03-11 10:00 in Central European Time.
const NOW: &str = "2026-03-11T10:00:00+01:00";
const TZ: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

fn sm(dir: &Path) -> Command {
    let mut cmd = cargo_bin_cmd!("sensemap");
    cmd.env("SENSEMAP_DATA_DIR", dir.join("data"))
        .env("SENSEMAP_CONFIG", dir.join("config.ron"))
        .env("SENSEMAP_NOW", NOW)
        .env("TZ", TZ);
    cmd
}

/// Logs an entry and returns its id.
fn log(dir: &Path, args: &[&str]) -> String {
    let out = sm(dir)
        .arg("log")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap().trim().to_string()
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).unwrap()
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(read) = fs::read_dir(&d) else { continue };
        for item in read {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn log_prints_the_id_and_list_shows_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let id = log(
        dir.path(),
        &[
            "-r",
            "left-sole",
            "-r",
            "B38",
            "-s",
            "Pins and needles",
            "-i",
            "6",
            "--at",
            "yesterday 21:00",
        ],
    );
    assert_eq!(id.len(), 26, "a ULID: {id}");
    let table = stdout(sm(dir.path()).arg("list"));
    assert!(table.starts_with("AT "), "{table}");
    assert!(
        table.contains("2026-03-10 21:00  Pins and needles  6"),
        "{table}"
    );
    assert!(table.contains("left-sole,right-sole"), "{table}");

    let entries = json(sm(dir.path()).args(["list", "--format", "json"]));
    assert_eq!(entries[0]["id"], id.as_str());
    assert_eq!(entries[0]["at"], "2026-03-10T21:00:00+01:00");
    assert_eq!(entries[0]["choir"], serde_json::json!(["b37", "b38"]));
}

#[test]
fn log_confirms_the_regions_in_full_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    sm(dir.path())
        .args(["log", "-r", "f25", "-s", "burning", "-i", "7"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("Burning 7/10")
                .and(predicate::str::contains("Hand, palm (right) - f25")),
        );
}

#[test]
fn log_keeps_duration_note_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    log(
        dir.path(),
        &[
            "-r",
            "f08",
            "-r",
            "f09",
            "-s",
            "pressure",
            "-i",
            "5",
            "-d",
            "2h30m",
            "-n",
            "MS hug\nafter stairs",
            "-t",
            "Heat",
            "-t",
            "fatigue",
        ],
    );
    let e = &json(sm(dir.path()).args(["list", "--format", "json"]))[0];
    assert_eq!(e["duration_s"], 9000);
    assert_eq!(e["note"], "MS hug\nafter stairs");
    assert_eq!(e["tags"], serde_json::json!(["heat", "fatigue"]));
    assert_eq!(e["class"], "paresthesia");
    let table = stdout(sm(dir.path()).arg("list"));
    assert!(
        table.contains("2h30m") && table.contains("MS hug") && !table.contains("after stairs"),
        "{table}"
    );
}

#[test]
fn list_filters_by_time_region_and_sensation_or_class() {
    let dir = tempfile::tempdir().unwrap();
    log(
        dir.path(),
        &[
            "-r",
            "f25",
            "-s",
            "tingling",
            "-i",
            "3",
            "--at",
            "2026-02-01 09:00",
        ],
    );
    log(
        dir.path(),
        &[
            "-r",
            "f28",
            "-s",
            "burning",
            "-i",
            "5",
            "--at",
            "2026-03-05 09:00",
        ],
    );
    log(
        dir.path(),
        &["-r", "f25", "-s", "electric", "-i", "8", "--at", "2h ago"],
    );
    let count = |args: &[&str]| {
        json(sm(dir.path()).args(["list", "--format", "json"]).args(args))
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(&[]), 3);
    assert_eq!(count(&["--since", "7d"]), 2);
    assert_eq!(count(&["--until", "2026-03-01"]), 1);
    assert_eq!(count(&["--region", "right-palm"]), 2);
    assert_eq!(count(&["--sensation", "dysesthesia"]), 2);
    assert_eq!(count(&["--sensation", "electric"]), 1);
}

#[test]
fn regions_lists_all_74_with_keys_and_codes() {
    let dir = tempfile::tempdir().unwrap();
    let regions = json(sm(dir.path()).args(["regions", "--format", "json"]));
    let regions = regions.as_array().unwrap();
    assert_eq!(regions.len(), 74);
    let palm = regions.iter().find(|r| r["key"] == "f25").unwrap();
    assert_eq!(palm["code"], 125);
    assert_eq!(palm["id"], "right-palm");
    assert_eq!(palm["side"], "right");
    let table = stdout(sm(dir.path()).arg("regions"));
    assert_eq!(table.lines().count(), 75);
    assert!(table.contains("b07  207   left-shoulder-back"), "{table}");
}

#[test]
fn sensations_include_the_users_own_types_from_config() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("config.ron"),
        "(sensations: [(id: \"tightness\", name: \"Tightness\", class: paresthesia)])",
    )
    .unwrap();
    let types = json(sm(dir.path()).args(["sensations", "--format", "json"]));
    let types = types.as_array().unwrap();
    assert_eq!(types.len(), 17);
    assert!(
        types
            .iter()
            .any(|t| t["id"] == "tightness" && t["class"] == "paresthesia")
    );
    let table = stdout(sm(dir.path()).arg("sensations"));
    assert!(
        table.contains("tightness") && table.contains("config"),
        "{table}"
    );
    log(dir.path(), &["-r", "f08", "-s", "tightness", "-i", "4"]);

    // Removed from the config later: the entry still loads and shows its id.
    fs::remove_file(dir.path().join("config.ron")).unwrap();
    let table = stdout(sm(dir.path()).arg("list"));
    assert!(table.contains("tightness"), "{table}");
}

#[test]
fn a_broken_config_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("config.ron"),
        "(sensations: [\n  (id: \"x\", class: sparkly)\n])",
    )
    .unwrap();
    sm(dir.path())
        .arg("sensations")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("config.ron:2:"));
}

#[test]
fn stats_counts_episodes_days_and_mean_per_region() {
    let dir = tempfile::tempdir().unwrap();
    log(
        dir.path(),
        &[
            "-r",
            "b37",
            "-r",
            "b38",
            "-s",
            "tingling",
            "-i",
            "4",
            "--at",
            "2026-03-01 08:00",
        ],
    );
    log(
        dir.path(),
        &[
            "-r",
            "b37",
            "-s",
            "burning",
            "-i",
            "6",
            "--at",
            "2026-03-01 20:00",
        ],
    );
    log(
        dir.path(),
        &[
            "-r",
            "b37",
            "-s",
            "tingling",
            "-i",
            "5",
            "--at",
            "2026-03-02 08:00",
        ],
    );
    let stats = json(sm(dir.path()).args(["stats", "--format", "json"]));
    assert_eq!(stats[0]["region"], "left-sole");
    assert_eq!(stats[0]["episodes"], 3);
    assert_eq!(stats[0]["days_affected"], 2);
    assert_eq!(stats[0]["mean_intensity"], 5.0);
    assert_eq!(stats[1]["region"], "right-sole");
    assert_eq!(stats[1]["episodes"], 1);
    assert_eq!(stats.as_array().unwrap().len(), 2);
    let recent = json(sm(dir.path()).args(["stats", "--format", "json", "--since", "2026-03-02"]));
    assert_eq!(recent[0]["episodes"], 1);
    let table = stdout(sm(dir.path()).arg("stats"));
    assert!(
        table.contains("left-sole   b37  3         2     5.0   Foot, sole (left)"),
        "{table}"
    );
}

#[test]
fn export_json_has_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let id = log(
        dir.path(),
        &[
            "-r",
            "f05",
            "-r",
            "b05",
            "-s",
            "electric",
            "-i",
            "8",
            "-d",
            "3s",
            "-t",
            "neck-flexion",
        ],
    );
    let out = dir.path().join("out.json");
    sm(dir.path())
        .args(["export", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success();
    let rows: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    let e = &rows[0];
    assert_eq!(e["id"], id.as_str());
    assert_eq!(e["at"], "2026-03-11T10:00:00+01:00");
    assert_eq!(
        e["regions"],
        serde_json::json!(["right-neck-front", "left-neck-back"])
    );
    assert_eq!(e["choir"], serde_json::json!(["f05", "b05"]));
    assert_eq!(e["sensation"], "electric");
    assert_eq!(e["class"], "dysesthesia");
    assert_eq!(e["intensity"], 8);
    assert_eq!(e["duration_s"], 3);
    assert_eq!(e["note"], Value::Null);
    assert_eq!(e["tags"], serde_json::json!(["neck-flexion"]));
}

#[test]
fn export_csv_has_a_header_and_quotes_notes() {
    let dir = tempfile::tempdir().unwrap();
    log(
        dir.path(),
        &[
            "-r",
            "b37",
            "-r",
            "b38",
            "-s",
            "numbness",
            "-i",
            "3",
            "-n",
            "cold, then \"numb\"",
        ],
    );
    let csv = stdout(sm(dir.path()).args(["export", "--format", "csv"]));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,at,regions,choir,sensation,class,intensity,duration_s,note,tags,created,updated"
    );
    let row = lines.next().unwrap();
    assert!(
        row.contains(
            ",left-sole;right-sole,b37;b38,numbness,paresthesia,3,,\"cold, then \"\"numb\"\"\","
        ),
        "{row}"
    );
}

#[test]
fn generate_is_deterministic_for_a_seed_and_refuses_a_used_directory() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let args = ["generate", "--years", "1", "--per-day", "3", "--seed", "9"];
    sm(a.path())
        .args(args)
        .assert()
        .success()
        .stderr(predicate::str::contains("Generated"));
    sm(b.path()).args(args).assert().success();
    let (fa, fb) = (
        files(&a.path().join("data/entries")),
        files(&b.path().join("data/entries")),
    );
    assert!(fa.len() >= 12, "one file per month: {}", fa.len());
    assert_eq!(
        fa.values().collect::<Vec<_>>(),
        fb.values().collect::<Vec<_>>()
    );

    let before = files(a.path());
    sm(a.path())
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already holds entries"));
    assert_eq!(files(a.path()), before);
    let stats = json(sm(a.path()).args(["stats", "--format", "json"]));
    assert!(stats.as_array().unwrap().len() > 10);
}

#[test]
fn bad_input_is_refused_clearly_and_leaves_every_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    log(dir.path(), &["-r", "f25", "-s", "tingling", "-i", "3"]);
    let before = files(dir.path());
    let cases: &[(&[&str], &str)] = &[
        (
            &["log", "-r", "f25", "-s", "tingling", "-i", "11"],
            "intensity must be 0 to 10, not 11",
        ),
        (
            &["log", "-r", "f25", "-s", "tingling", "-i", "-1"],
            "intensity must be 0 to 10, not -1",
        ),
        (
            &["log", "-r", "rigth-palm", "-s", "tingling", "-i", "3"],
            "closest: right-palm",
        ),
        (&["log", "-s", "tingling", "-i", "3"], "--region"),
        (
            &["log", "-r", "f25", "-s", "tinglin", "-i", "3"],
            "closest: tingling",
        ),
        (
            &[
                "log",
                "-r",
                "f25",
                "-s",
                "tingling",
                "-i",
                "3",
                "--at",
                "2026-03-13 10:00",
            ],
            "more than a day in the future",
        ),
        (
            &[
                "log",
                "-r",
                "f25",
                "-s",
                "tingling",
                "-i",
                "3",
                "--at",
                "next tuesdayish",
            ],
            "cannot read time",
        ),
        (
            &[
                "log", "-r", "f25", "-s", "tingling", "-i", "3", "-d", "a while",
            ],
            "cannot read duration",
        ),
        (
            &["log", "-r", "f25", "-s", "tingling", "-i", "3", "-t", ""],
            "tag",
        ),
        (
            &["list", "--since", "last spring"],
            "--since: cannot read time",
        ),
        (&["generate", "--years", "1", "--per-day", "0"], "--per-day"),
        (&["export", "--format", "xml"], "invalid value 'xml'"),
    ];
    for (args, message) in cases {
        sm(dir.path())
            .args(*args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
        assert_eq!(
            files(dir.path()),
            before,
            "{args:?} left files as they were"
        );
    }
}

#[test]
fn an_unreadable_data_dir_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("data"), "a file, not a directory").unwrap();
    sm(dir.path())
        .args(["log", "-r", "f25", "-s", "tingling", "-i", "3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot create directory"));
    sm(dir.path())
        .arg("list")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("data"));
    assert_eq!(
        fs::read_to_string(dir.path().join("data")).unwrap(),
        "a file, not a directory"
    );
}

#[test]
fn a_corrupt_month_is_skipped_with_a_warning_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    log(
        dir.path(),
        &[
            "-r",
            "f25",
            "-s",
            "tingling",
            "-i",
            "3",
            "--at",
            "2026-02-10 10:00",
        ],
    );
    log(
        dir.path(),
        &[
            "-r",
            "f25",
            "-s",
            "tingling",
            "-i",
            "4",
            "--at",
            "2026-03-10 10:00",
        ],
    );
    let march = dir.path().join("data/entries/2026/2026-03.ron");
    let garbage = "(\n  version: 1,\n  entries: [ oops\n";
    fs::write(&march, garbage).unwrap();
    let out = sm(dir.path()).arg("list").assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("2026-03.ron:3:"), "{stderr}");
    assert!(
        String::from_utf8(out.get_output().stdout.clone())
            .unwrap()
            .contains("2026-02-10")
    );
    sm(dir.path())
        .args([
            "log",
            "-r",
            "f25",
            "-s",
            "tingling",
            "-i",
            "5",
            "--at",
            "2026-03-10 11:00",
        ])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("never rewrites")
                .and(predicate::str::contains("2026-03.ron:3:")),
        );
    assert_eq!(fs::read_to_string(&march).unwrap(), garbage);
}

#[test]
fn every_command_has_help_and_bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in [
        "demo",
        "log",
        "list",
        "regions",
        "sensations",
        "stats",
        "export",
        "generate",
    ] {
        sm(dir.path())
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
    sm(dir.path()).arg("frobnicate").assert().code(2);
    sm(dir.path()).args(["log", "--region"]).assert().code(2);
}

#[test]
fn the_data_dir_flag_wins_over_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let flag_dir = dir.path().join("elsewhere");
    sm(dir.path())
        .arg("--data-dir")
        .arg(&flag_dir)
        .args(["log", "-r", "f25", "-s", "tingling", "-i", "3"])
        .assert()
        .success();
    assert!(flag_dir.join("entries/2026/2026-03.ron").exists());
    assert!(!dir.path().join("data").exists());
}
