//! Every command, run as a person would, against a temporary data directory.

mod common;

use std::fs;

use common::cli::*;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn log_prints_the_id_and_list_shows_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let id = log_args(
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
    log_args(
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
    log_at(dir.path(), "2026-02-01 09:00", "-r f25 -s tingling -i 3");
    log_at(dir.path(), "2026-03-05 09:00", "-r f28 -s burning -i 5");
    log_at(dir.path(), "2h ago", "-r f25 -s electric -i 8");
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
    log(dir.path(), "-r f08 -s tightness -i 4");

    // Removed from the config later: the entry still loads and shows its id.
    fs::remove_file(dir.path().join("config.ron")).unwrap();
    let table = stdout(sm(dir.path()).arg("list"));
    assert!(table.contains("tightness"), "{table}");
}

#[test]
fn stats_counts_episodes_days_and_mean_per_region() {
    let dir = tempfile::tempdir().unwrap();
    log_at(
        dir.path(),
        "2026-03-01 08:00",
        "-r b37 -r b38 -s tingling -i 4",
    );
    log_at(dir.path(), "2026-03-01 20:00", "-r b37 -s burning -i 6");
    log_at(dir.path(), "2026-03-02 08:00", "-r b37 -s tingling -i 5");
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
        "-r f05 -r b05 -s electric -i 8 -d 3s -t neck-flexion",
    );
    let out = dir.path().join("out.json");
    sm(dir.path())
        .args(["export", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success();
    let bundle: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(bundle["format"], "sensemap-export");
    assert_eq!(bundle["version"], 1);
    assert_eq!(bundle["treatments"]["courses"], serde_json::json!([]));
    let e = &bundle["entries"][0];
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
    log_args(
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

#[test]
fn map_draws_the_heat_map_as_text_with_a_legend() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..3 {
        log(dir.path(), "-r left-sole -s tingling -i 5");
    }
    log(dir.path(), "-r right-palm -s burning -i 2");
    let text = stdout(sm(dir.path()).arg("map"));
    assert!(
        text.starts_with("Episodes over all time · all sensations\n"),
        "{text}"
    );
    assert!(text.contains("FRONT") && text.contains("BACK"));
    // Left sole 3 episodes: the top of three steps; right palm 1: the first.
    assert!(text.contains("  +++  3\n       none"), "{text}");
    assert!(text.contains("  ···  1"), "{text}");
    let figure_rows: Vec<&str> = text.lines().skip(3).take(36).collect();
    assert!(
        figure_rows.iter().any(|l| l.contains('+')),
        "the sole shows its glyph"
    );
    assert!(
        figure_rows.iter().any(|l| l.contains('·')),
        "the palm shows its glyph"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80));

    let burning =
        stdout(sm(dir.path()).args(["map", "--sensation", "burning", "--metric", "mean"]));
    assert!(
        burning.starts_with("Mean intensity over all time · burning"),
        "{burning}"
    );
    let rows: Vec<&str> = burning.lines().skip(3).take(36).collect();
    assert!(
        !rows.iter().any(|l| l.contains('+')),
        "tingling is not counted"
    );
}

#[test]
fn map_writes_a_self_contained_svg_with_every_region_named() {
    let dir = tempfile::tempdir().unwrap();
    log(dir.path(), "-r left-sole -s tingling -i 5");
    let svg = stdout(sm(dir.path()).args(["map", "--format", "svg"]));
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert_eq!(svg.matches("<path ").count(), 74);
    assert!(svg.contains("<title>Foot, sole (left) - b37: 1 episode · 1 day · mean 5.0</title>"));
    assert!(svg.contains("<title>Hand, palm (right) - f25: no episodes</title>"));
    let out = dir.path().join("map.svg");
    sm(dir.path())
        .args(["map", "--format", "svg", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(&out).unwrap(), svg);
}

#[test]
fn map_says_when_nothing_was_logged_so_a_mistyped_folder_shows() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothere");
    let out = sm(dir.path())
        .arg("--data-dir")
        .arg(&missing)
        .args(["map", "--since", "2026-01-01"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("no entries since 1 Jan 2026 in"),
        "{stderr}"
    );
    assert!(stderr.contains("nothere"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("Nothing logged in this time."), "{stdout}");
    assert!(!missing.exists(), "reading creates nothing");
}

#[test]
fn an_output_file_in_a_folder_that_does_not_exist_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    log(dir.path(), "-r left-sole -s tingling -i 5");
    let out = dir.path().join("no").join("such").join("map.svg");
    sm(dir.path())
        .args(["map", "--format", "svg", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("No such file or directory"));
    assert!(
        !dir.path().join("no").exists(),
        "no folder is made for a typo"
    );
}

#[test]
fn tags_split_on_spaces_and_commas_and_lose_their_hash() {
    let dir = tempfile::tempdir().unwrap();
    log_args(
        dir.path(),
        &[
            "-r",
            "f25",
            "-s",
            "tingling",
            "-i",
            "3",
            "-t",
            "heat fatigue",
            "-t",
            "#stress,#Heat",
        ],
    );
    let entries = json(sm(dir.path()).args(["list", "--format", "json"]));
    assert_eq!(
        entries[0]["tags"],
        serde_json::json!(["heat", "fatigue", "stress"])
    );
}

#[test]
fn a_one_mebibyte_note_from_standard_input_round_trips_through_list_and_export() {
    let dir = tempfile::tempdir().unwrap();
    // Emoji, combining marks, right-to-left text and line breaks.
    let piece = "Tingling 😖 like pins — cafe\u{301}, שלום עולם, مرحبا\nnext line ";
    let mut note = String::new();
    while note.len() < 1 << 20 {
        note.push_str(piece);
    }
    let out = sm(dir.path())
        .args([
            "log",
            "-r",
            "left-sole",
            "-s",
            "tingling",
            "-i",
            "4",
            "--note",
            "-",
        ])
        .write_stdin(format!("{note}\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let entries = json(sm(dir.path()).args(["list", "--format", "json"]));
    assert_eq!(entries[0]["note"].as_str().unwrap(), note, "list");
    let export = json(sm(dir.path()).args(["export", "--format", "json"]));
    assert_eq!(
        export["entries"][0]["note"].as_str().unwrap(),
        note,
        "export"
    );
    let csv = stdout(sm(dir.path()).args(["export", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = headers.iter().position(|h| h == "note").unwrap();
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[column], note, "csv");
}

#[test]
fn regions_in_everyday_words_typos_and_groups_are_accepted_and_named() {
    let dir = tempfile::tempdir().unwrap();
    for (words, expected) in [
        ("left sole", vec!["left-sole"]),
        ("rigth hand back", vec!["right-hand-back"]),
        ("left sol", vec!["left-sole"]),
        (
            "both feet",
            vec!["right-foot-top", "left-foot-top", "left-sole", "right-sole"],
        ),
        (
            "MS hug",
            vec![
                "right-chest",
                "left-chest",
                "left-middle-back",
                "right-middle-back",
            ],
        ),
    ] {
        let out = sm(dir.path())
            .args(["log", "-r", words, "-s", "tingling", "-i", "3"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{words}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let entries = json(sm(dir.path()).args(["list", "--format", "json"]));
        let last = entries.as_array().unwrap().last().unwrap().clone();
        let mut got: Vec<String> = last["regions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect();
        got.sort();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{words}");
        let first = sensemap::domain::Catalogue::global()
            .lookup(expected[0])
            .unwrap();
        assert!(
            stderr.contains(&first.region().label()),
            "{words}: names what it chose: {stderr}"
        );
    }
    // The same words filter a listing.
    let table = stdout(sm(dir.path()).args(["list", "--region", "left sol"]));
    assert!(table.contains("left-sole"), "{table}");
}

#[test]
fn list_takes_the_same_short_flags_as_log_and_writes_csv() {
    let dir = tempfile::tempdir().unwrap();
    log(dir.path(), "-r left-sole -s tingling -i 4");
    log(dir.path(), "-r right-palm -s burning -i 6");
    let table = stdout(sm(dir.path()).args(["list", "-r", "left sole", "-s", "tingling"]));
    assert!(
        table.contains("left-sole") && !table.contains("right-palm"),
        "{table}"
    );
    let csv = stdout(sm(dir.path()).args(["list", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), 2, "{csv}");
}

#[test]
fn an_empty_journal_says_so_and_counts_read_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let out = sm(dir.path()).arg("list").assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.starts_with("No entries yet in"), "{stderr}");
    assert!(out.get_output().stdout.is_empty());
    log(dir.path(), "-r left-sole -s tingling -i 4");
    let out = sm(dir.path()).arg("list").assert().success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stderr),
        "1 entry\n"
    );
    let out = sm(dir.path())
        .args(["list", "--since", "2026-03-11 11:00"])
        .assert()
        .success();
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr)
            .contains("No entries match these filters")
    );
}

#[test]
fn every_error_reads_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["export", "--format", "xml"],
        vec!["list", "--since", "whenever"],
        vec!["frobnicate"],
        vec!["log", "-s", "tingling", "-i", "3"],
    ] {
        let out = sm(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("sensemap: "), "{args:?}: {stderr}");
        assert!(!stderr.contains("error: "), "{args:?}: {stderr}");
    }
    let help = sm(dir.path()).arg("--help").output().unwrap();
    assert!(help.status.success(), "help is not an error");
}

#[test]
fn a_config_that_does_not_exist_and_demo_with_a_data_dir_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = sm(dir.path())
        .arg("--config")
        .arg(dir.path().join("typo.ron"))
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("typo.ron: no such file"));
    let out = sm(dir.path())
        .arg("--data-dir")
        .arg(dir.path())
        .arg("demo")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("demo runs on a generated sample"));
}

#[test]
fn export_for_the_choirbm_package_and_against_formula_injection() {
    let dir = tempfile::tempdir().unwrap();
    log_args(
        dir.path(),
        &[
            "-r",
            "f25",
            "-r",
            "f28",
            "-s",
            "tingling",
            "-i",
            "4",
            "--note",
            "=HYPERLINK(\"http://x\")",
            "-t",
            "+heat",
        ],
    );
    log(dir.path(), "-r f25 -s burning -i 6");
    // One row per entry; bodymap holds the codes as one string.
    let choir = stdout(sm(dir.path()).args(["export", "--format", "choir"]));
    let mut reader = csv::Reader::from_reader(choir.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "entry_id",
            "date",
            "sensation",
            "class",
            "intensity",
            "bodymap"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][5], "125,128");
    assert_eq!(&rows[0][3], "paresthesia");
    // One row per segment with the metric.
    let segments = stdout(sm(dir.path()).args(["export", "--format", "choir-segments"]));
    let mut reader = csv::Reader::from_reader(segments.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["id", "group", "value"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 74);
    let row = |code: &str| rows.iter().find(|r| &r[0] == code).unwrap().clone();
    assert_eq!((&row("125")[1], &row("125")[2]), ("Front", "2"));
    assert_eq!(&row("128")[2], "1");
    assert_eq!((&row("237")[1], &row("237")[2]), ("Back", "0"));
    let mean =
        stdout(sm(dir.path()).args(["export", "--format", "choir-segments", "--metric", "mean"]));
    assert!(mean.contains("125,Front,5.0"), "{mean}");
    // A note or tag a spreadsheet would run is written as text.
    let csv_text = stdout(sm(dir.path()).args(["export", "--format", "csv"]));
    assert!(
        csv_text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{csv_text}"
    );
    assert!(csv_text.contains(",'+heat,"), "the tag too: {csv_text}");
    assert!(!csv_text.contains(",=HYPERLINK"), "{csv_text}");
}

#[test]
fn a_note_with_terminal_escapes_cannot_act_on_the_terminal_that_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "clear\u{1b}[2J title\u{1b}]0;owned\u{7} link\u{1b}]8;;http://x\u{1b}\\ c1\u{9b}31m rtl\u{202e}txt";
    log_args(
        dir.path(),
        &[
            "-r",
            "f25",
            "-s",
            "tingling",
            "-i",
            "4",
            "--note",
            hostile,
            "-t",
            "heat\u{1b}[31m",
        ],
    );
    let table = stdout(sm(dir.path()).arg("list"));
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!table.contains(bad), "{bad:?} printed raw: {table:?}");
    }
    assert!(table.contains("clear�[2J title�]0;owned�"), "{table}");
    // JSON and CSV keep every character: they are data, not a terminal.
    let json = json(sm(dir.path()).args(["list", "--format", "json"]));
    assert_eq!(json[0]["note"].as_str().unwrap(), hostile);
}

#[test]
fn an_output_through_a_link_or_to_a_pipe_is_written_through_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    log(dir.path(), "-r f25 -s tingling -i 4");
    let target = dir.path().join("real.csv");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    sm(dir.path())
        .args(["export", "--format", "csv", "-o"])
        .arg(&link)
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&target).unwrap().starts_with("id,at,"));
    // /dev/stdout is this command's pipe: written to, not replaced.
    let out = stdout(sm(dir.path()).args(["export", "--format", "csv", "-o", "/dev/stdout"]));
    assert!(out.starts_with("id,at,"), "{out}");
    // ... and a file opened with >> keeps what it held.
    let log_file = dir.path().join("log.txt");
    fs::write(&log_file, "EARLIER\n").unwrap();
    let appended = std::fs::OpenOptions::new()
        .append(true)
        .open(&log_file)
        .unwrap();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sensemap"))
        .args(["export", "--format", "csv", "-o", "/dev/stdout"])
        .env("SENSEMAP_DATA_DIR", dir.path().join("data"))
        .env("SENSEMAP_CONFIG", dir.path().join("config.ron"))
        .env("SENSEMAP_NOW", common::cli::NOW)
        .stdout(appended)
        .status()
        .unwrap();
    assert!(status.success());
    let text = fs::read_to_string(&log_file).unwrap();
    assert!(text.starts_with("EARLIER\nid,at,"), "{text}");
}

#[test]
fn since_finds_an_entry_logged_in_an_offset_more_than_a_day_away() {
    let dir = tempfile::tempdir().unwrap();
    // 2025-10-01 10:30 UTC, filed in September (its local day).
    let id = log_at(
        dir.path(),
        "2025-09-30T22:30:00-12:00",
        "-r f25 -s tingling -i 3",
    );
    // 2025-10-01 10:00 UTC: earlier, in absolute time.
    let found = json(sm(dir.path()).args([
        "list",
        "--since",
        "2025-10-02T00:00:00+14:00",
        "--format",
        "json",
    ]));
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["id"], id.as_str());
}
