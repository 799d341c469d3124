//! Bad input, broken files and broken directories: a clear message, the right exit code, no file changed.

mod common;

use std::fs;

use common::cli::*;
use predicates::prelude::*;

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
fn bad_input_is_refused_clearly_and_leaves_every_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    log(dir.path(), "-r f25 -s tingling -i 3");
    let before = files(dir.path());
    // A valid `log` command, to which each case adds one bad value.
    let logged = |extra: &[&'static str]| -> Vec<&'static str> {
        ["log", "-r", "f25", "-s", "tingling", "-i", "3"]
            .iter()
            .chain(extra)
            .copied()
            .collect()
    };
    #[rustfmt::skip]
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["log", "-r", "f25", "-s", "tingling", "-i", "11"], "intensity must be 0 to 10, not 11"),
        (vec!["log", "-r", "f25", "-s", "tingling", "-i", "-1"], "intensity must be 0 to 10, not -1"),
        (vec!["log", "-r", "tail", "-s", "tingling", "-i", "3"], "no place on the body matches 'tail'"),
        (vec!["log", "-r", "left foot", "-s", "tingling", "-i", "3"], "could be Foot, top (left) - f36; Foot, sole (left) - b37"),
        (vec!["list", "--region", "both feet"], "a filter takes one region"),
        (vec!["log", "-s", "tingling", "-i", "3"], "--region"),
        (vec!["log", "-r", "f25", "-s", "tinglinx stabbx", "-i", "3"], "unknown sensation"),
        (logged(&["--at", "2026-03-13 10:00"]), "still ahead: record it once it has happened"),
        (logged(&["--at", "in 30 minutes"]), "'in 30 minutes' is today 10:30, still ahead"),
        (logged(&["--at", "tonight"]), "'tonight' is today 22:00, still ahead"),
        (logged(&["--at", "0000-01-01"]), "is before 1900: not a time a sensation was felt"),
        (logged(&["--at", "next tuesdayish"]), "cannot read time"),
        (logged(&["-d", "a while"]), "cannot read duration"),
        (logged(&["-t", ""]), "tag"),
        (vec!["log", "-r", "f25", "-s", "tingling", "-i", "7.5"], "0-10 scale (0 none, 10 worst imaginable), not '7.5'"),
        (vec!["log", "-r", "f25", "-s", "tingling", "-i", "ten"], "0-10 scale (0 none, 10 worst imaginable), not 'ten'"),
        (vec!["list", "--since", "last spring"], "--since: cannot read time"),
        (vec!["generate", "--years", "1", "--per-day", "0"], "--per-day"),
        (vec!["export", "--format", "xml"], "invalid value 'xml'"),
        (vec!["map", "--metric", "worst"], "invalid value 'worst'"),
        (vec!["map", "--format", "png"], "invalid value 'png'"),
        (vec!["map", "--since", "last spring", "-o", "map.svg"], "--since: cannot read time"),
        (vec!["map", "--sensation", "zzzz"], "unknown sensation"),
        (vec!["map", "--since", "2026-03-01", "--until", "2026-02-01"], "--since (2026-03-01 00:00) is after --until"),
        (vec!["list", "--since", "5d", "--until", "10d"], "is after --until"),
    ];
    for (args, message) in &cases {
        sm(dir.path())
            .args(args)
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
    log_at(dir.path(), "2026-02-10 10:00", "-r f25 -s tingling -i 3");
    log_at(dir.path(), "2026-03-10 10:00", "-r f25 -s tingling -i 4");
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
fn the_app_without_a_terminal_says_so_instead_of_crashing() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&[][..], &["demo"][..]] {
        sm(dir.path())
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("the screens need a terminal"));
    }
}

#[test]
fn conflicting_or_unknown_keys_in_the_config_stop_the_app_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    for (keys, message) in [
        (
            r#"{"flip": "w"}"#,
            "'w' would both flip between front and back and window",
        ),
        (r#"{"fly": "x"}"#, "no command 'fly'"),
        (r#"{"save": "s"}"#, "types text"),
        (r#"{"undo": ["z", "Hyper+z"]}"#, "'Hyper+z' is not a key"),
    ] {
        fs::write(&config, format!("(keys: {keys})")).unwrap();
        let listed = sm(dir.path()).arg("list").output().unwrap();
        assert_eq!(
            listed.status.code(),
            Some(2),
            "every command checks the config: {keys}"
        );
        let out = sm(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{keys}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{keys}: {stderr}");
        assert!(stderr.contains("config.ron"), "{stderr}");
    }
    fs::write(
        &config,
        r#"(keys: {"flip": "F2", "undo": ["z", "Ctrl+Z"]})"#,
    )
    .unwrap();
    let out = sm(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("need a terminal"),
        "good keys get as far as the terminal: {stderr}"
    );
}

#[test]
fn a_theme_or_colour_that_is_not_one_is_named_with_what_would_be() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    let cases = [
        (
            None,
            r##"(colors: {"error": "#d7000"})"##,
            "colors.error: '#d7000' is not a colour: write it as # and six hex digits",
        ),
        (
            None,
            r##"(colors: {"eror": "#d70000"})"##,
            "colors: 'eror' is not a colour sensemap draws with; the colours are page, text",
        ),
        (
            None,
            r#"(theme: "sepia")"#,
            "theme: 'sepia' is not a theme; the themes are auto, dark, light and high-contrast",
        ),
        (
            Some("solarized"),
            "()",
            "--theme (or SENSEMAP_THEME): 'solarized' is not a theme",
        ),
    ];
    for (flag, text, message) in cases {
        fs::write(&config, text).unwrap();
        let mut command = sm(dir.path());
        if let Some(theme) = flag {
            command.args(["--theme", theme]);
        }
        command
            .arg("regions")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        assert_eq!(fs::read_to_string(&config).unwrap(), text);
    }
    // What is right passes, from the flag, the variable or the file.
    fs::write(
        &config,
        r##"(theme: "light", colors: {"heat5": "#440154"})"##,
    )
    .unwrap();
    sm(dir.path()).arg("regions").assert().success();
    sm(dir.path())
        .env("SENSEMAP_THEME", "high-contrast")
        .arg("regions")
        .assert()
        .success();
    sm(dir.path())
        .args(["--theme", "auto", "regions"])
        .assert()
        .success();
    // An empty variable is as good as none: the file's theme is checked.
    fs::write(&config, r#"(theme: "sepia")"#).unwrap();
    sm(dir.path())
        .env("SENSEMAP_THEME", "")
        .arg("regions")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("theme: 'sepia' is not a theme"));
    fs::write(&config, "()").unwrap();
    sm(dir.path())
        .env("SENSEMAP_THEME", "")
        .arg("regions")
        .assert()
        .success();
}
