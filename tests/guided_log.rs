//! `sensemap log` alone in a terminal asks one plain line at a time, says
//! each answer back, and asks a wrong answer again with the reason;
//! without a terminal it still wants its flags.

mod common;

use std::process::Command;

use common::cli::sm;
use predicates::prelude::*;
use rexpect::session::spawn_command;

#[test]
fn in_a_terminal_log_asks_each_answer_and_saves_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    std::fs::write(&config, "()\n").unwrap();
    let binary = assert_cmd::cargo::cargo_bin!("sensemap");
    let mut command = Command::new(binary);
    command
        .arg("log")
        .env("SENSEMAP_DATA_DIR", dir.path().join("data"))
        .env("SENSEMAP_CONFIG", &config)
        .env("SENSEMAP_NOW", common::cli::NOW)
        .env("TZ", common::cli::TZ)
        .env("TERM", "dumb");
    let mut s = spawn_command(command, Some(10_000)).unwrap();
    s.exp_string("Where?").unwrap();
    // A place that is none: asked again, with the reason.
    s.send_line("left elbw knee").unwrap();
    s.exp_string("error: 'left elbw knee' could be Elbow (front-left)")
        .unwrap();
    s.exp_string("Where?").unwrap();
    s.send_line("left sole").unwrap();
    s.exp_string("Foot, sole (left) - b37, back").unwrap();
    s.exp_string("What did it feel like?").unwrap();
    s.send_line("tingling").unwrap();
    s.exp_string("Tingling (paresthesia)").unwrap();
    s.exp_string("How strong").unwrap();
    s.send_line("12").unwrap();
    s.exp_string("0 to 10").unwrap();
    s.send_line("6").unwrap();
    s.exp_string("6 out of 10").unwrap();
    s.exp_string("When?").unwrap();
    s.send_line("").unwrap();
    s.exp_string("How long").unwrap();
    s.send_line("15m").unwrap();
    s.exp_string("lasted").unwrap();
    s.exp_string("Tags?").unwrap();
    s.send_line("heat").unwrap();
    s.exp_string("#heat").unwrap();
    s.exp_string("A note?").unwrap();
    s.send_line("after a hot bath").unwrap();
    s.exp_string("Saved: Tingling 6/10").unwrap();
    s.exp_eof().unwrap();

    let listed = sm(dir.path())
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(listed.stdout).unwrap();
    for expected in [
        "\"left-sole\"",
        "\"tingling\"",
        "\"intensity\": 6",
        "900",
        "\"heat\"",
        "after a hot bath",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

#[test]
fn without_a_terminal_log_wants_its_flags() {
    let dir = tempfile::tempdir().unwrap();
    sm(dir.path())
        .arg("log")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "log needs --region <R>, --sensation <S>, --intensity <N>",
        ));
    sm(dir.path())
        .args(["log", "-r", "left sole"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "log needs --sensation <S>, --intensity <N>",
        ));
    assert!(!dir.path().join("data").exists(), "nothing written");
}
