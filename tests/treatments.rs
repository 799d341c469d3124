//! Treatments on the command line: courses started, dosed and stopped,
//! applications on a place, listed and deleted, in their own file.

mod common;

use common::cli::*;
use predicates::prelude::*;

#[test]
fn a_course_is_started_dosed_stopped_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    sm(dir.path())
        .args([
            "treatment",
            "start",
            "gaba",
            "--dose",
            "300 mg",
            "--at",
            "2026-02-01 08:00",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Started Gabapentin on 2026-02-01 08:00",
        ));
    sm(dir.path())
        .args(["treatment", "start", "gabapentin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Gabapentin is already running since 2026-02-01",
        ));
    sm(dir.path())
        .args([
            "treatment",
            "dose",
            "gabapentin",
            "600 mg",
            "--at",
            "2026-02-15",
        ])
        .assert()
        .success();
    sm(dir.path())
        .args(["treatment", "stop", "gaba", "--at", "2026-02-10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "stops before its last dose change",
        ));
    sm(dir.path())
        .args(["treatment", "stop", "gaba", "--at", "2026-03-01"])
        .assert()
        .success();
    sm(dir.path())
        .args(["treatment", "start", "gaba", "--at", "2026-02-20"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two courses at once"));
    sm(dir.path())
        .args(["treatment", "stop", "gaba"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Gabapentin is not running"));
    let log = json(sm(dir.path()).args(["treatment", "list", "--format", "json"]));
    let course = &log["courses"][0];
    assert_eq!(course["treatment"], "gabapentin");
    assert_eq!(course["dose"], "300 mg");
    assert_eq!(course["dose_changes"][0]["dose"], "600 mg");
    assert!(course["stop"].as_str().unwrap().starts_with("2026-03-01"));
    let table = stdout(sm(dir.path()).args(["treatment", "list"]));
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("ID  ") && lines[0].contains("DOSE/WHERE"),
        "{table}"
    );
    let row: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        row[1..],
        [
            "course",
            "Gabapentin",
            "2026-02-01",
            "2026-03-01",
            "600",
            "mg"
        ],
        "{table}"
    );
    // Columns line up under the header.
    assert_eq!(lines[0].find("TREATMENT"), lines[1].find("Gabapentin"));
    // Its own file, beside the month folders; no month file is written.
    let files = files(dir.path());
    assert!(files.keys().any(|p| p.ends_with("treatments.ron")));
    assert!(
        !files
            .keys()
            .any(|p| p.to_string_lossy().contains("entries"))
    );
}

#[test]
fn an_application_names_its_places_and_can_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let out = sm(dir.path())
        .args([
            "treatment",
            "apply",
            "lidocaine",
            "-r",
            "left sole",
            "--at",
            "yesterday 9pm",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        said.contains("Applied Lidocaine patch on Foot, sole (left) - b37"),
        "{said}"
    );
    let log = json(sm(dir.path()).args(["treatment", "list", "--format", "json"]));
    let id = log["applications"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(log["applications"][0]["regions"][0], "left-sole");
    sm(dir.path())
        .args(["treatment", "delete", &id])
        .assert()
        .success();
    sm(dir.path())
        .args(["treatment", "delete", &id])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no treatment record with id"));
    let log = json(sm(dir.path()).args(["treatment", "list", "--format", "json"]));
    assert_eq!(log["applications"].as_array().unwrap().len(), 0);
}

#[test]
fn unknown_names_and_times_still_ahead_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let _ = sm(dir.path()); // writes the test's own empty config
    let before = files(dir.path());
    for (args, message) in [
        (
            vec!["treatment", "start", "zzzz"],
            "no treatment matches 'zzzz'; nearest:",
        ),
        (
            vec!["treatment", "start", "cbt", "--at", "tomorrow"],
            "still ahead",
        ),
        (
            vec!["treatment", "apply", "capsaicin", "-r", "tail"],
            "no place on the body matches 'tail'",
        ),
    ] {
        sm(dir.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    assert_eq!(files(dir.path()), before);
    // The person's own treatments come from the config.
    std::fs::write(
        dir.path().join("config.ron"),
        r#"(treatments: [(id: "baclofen", name: "Baclofen", group: antiseizure)])"#,
    )
    .unwrap();
    sm(dir.path())
        .args(["treatment", "start", "baclo"])
        .assert()
        .success();
}

#[test]
fn compare_describes_before_and_after_in_words() {
    let dir = tempfile::tempdir().unwrap();
    // Four weeks before 1 March: every day; weeks 2-6 after: every other day.
    for day in 1..=28 {
        let at = format!("2026-02-{day:02} 20:00");
        log_at(dir.path(), &at, "-r left-sole -s burning -i 6");
    }
    // The tests' now is 11 March: weeks 2-6 after 1 March have not come
    // yet, so the comparison says why it cannot be made.
    sm(dir.path())
        .args(["treatment", "start", "gaba", "--at", "2026-03-01 09:00"])
        .assert()
        .success();
    let text = stdout(sm(dir.path()).args(["treatment", "compare", "gaba"]));
    assert!(text.contains("Gabapentin, started 2026-03-01"), "{text}");
    assert!(
        text.contains("Not compared: the window after has 0 day(s) with entries"),
        "{text}"
    );
    assert!(text.contains("not medical advice"), "{text}");
    // With an after window of days 1-10, there is enough.
    for day in (1..=10).step_by(2) {
        let at = format!("2026-03-{day:02} 20:00");
        log_at(dir.path(), &at, "-r left-sole -s burning -i 4");
    }
    let text = stdout(sm(dir.path()).args([
        "treatment",
        "compare",
        "gaba",
        "--after-from",
        "0",
        "--after-to",
        "10",
    ]));
    assert!(text.contains("episodes per week"), "{text}");
    assert!(text.contains("substantial change, better"), "{text}");
    assert!(
        text.contains("Most affected before: Foot, sole (left) - b37"),
        "{text}"
    );
}

#[test]
fn treatments_with_fields_this_version_does_not_know_or_shared_ids_are_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    sm(dir.path())
        .args([
            "treatment",
            "start",
            "gaba",
            "--at",
            "2026-02-01",
            "--dose",
            "300 mg",
        ])
        .assert()
        .success();
    let file = dir.path().join("data/treatments.ron");
    let plain = std::fs::read_to_string(&file).unwrap();
    let with_unknown = plain.replacen("treatment:", "frequency: \"twice daily\", treatment:", 1);
    assert_ne!(with_unknown, plain);
    std::fs::write(&file, &with_unknown).unwrap();
    // Still listed; a change is refused and the field stays.
    assert!(stdout(sm(dir.path()).args(["treatment", "list"])).contains("Gabapentin"));
    sm(dir.path())
        .args(["treatment", "dose", "gaba", "600 mg"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("does not know (frequency)"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), with_unknown);
    // Two different courses under one id: a change could keep only one.
    let log = json(sm(dir.path()).args(["treatment", "list", "--format", "json"]));
    let id = log["courses"][0]["id"].as_str().unwrap().to_string();
    let twin = format!(
        "(version: 1, courses: [(id: \"{id}\", treatment: \"gabapentin\", start: \"2026-02-01T00:00:00+01:00\", dose: Some(\"300 mg\")), (id: \"{id}\", treatment: \"cbt\", start: \"2026-02-05T00:00:00+01:00\")])\n"
    );
    std::fs::write(&file, &twin).unwrap();
    sm(dir.path())
        .args(["treatment", "stop", "cbt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("sharing an id"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), twin);
}
