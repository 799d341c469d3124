//! `sensemap log` in a terminal asks, one plain line at a time, for what
//! its flags did not say, says each answer back, and asks a wrong answer
//! again with the reason; Ctrl-C and Ctrl-D leave with nothing saved;
//! without a terminal it still wants its flags.

mod common;

use std::path::Path;
use std::process::Command;

use common::cli::sm;
use predicates::prelude::*;
use rexpect::process::{Signal, WaitStatus};
use rexpect::session::{PtySession, spawn_command};

/// `sensemap log ARGS` in a 60-column pseudo-terminal over `dir`, with a
/// terminal that understands escape sequences (so any would be used).
fn log_in_a_terminal(dir: &Path, args: &[&str]) -> PtySession {
    log_in_a_terminal_then(dir, args, "")
}

/// As [`log_in_a_terminal`], then the shell runs `after` in the same
/// terminal (empty: sensemap is the last thing that runs).
fn log_in_a_terminal_then(dir: &Path, args: &[&str], after: &str) -> PtySession {
    let config = dir.join("config.ron");
    std::fs::write(&config, "()\n").unwrap();
    let binary = assert_cmd::cargo::cargo_bin!("sensemap");
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "stty cols 60 rows 20 && {} '{}' log {} {after}",
            if after.is_empty() { "exec" } else { "" },
            binary.display(),
            quoted.join(" ")
        ))
        .env("SENSEMAP_DATA_DIR", dir.join("data"))
        .env("SENSEMAP_CONFIG", &config)
        .env("SENSEMAP_NOW", common::cli::NOW)
        .env("TZ", common::cli::TZ)
        .env("TERM", "xterm-256color")
        .env_remove("SENSEMAP_THEME");
    spawn_command(command, Some(10_000)).unwrap()
}

/// The entries saved in `dir`, as JSON text.
fn saved(dir: &Path) -> String {
    let listed = sm(dir).args(["list", "--format", "json"]).output().unwrap();
    String::from_utf8(listed.stdout).unwrap()
}

#[test]
fn in_a_terminal_log_asks_each_answer_and_saves_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = log_in_a_terminal(dir.path(), &[]);
    let mut transcript = String::new();
    let mut expect = |s: &mut PtySession, text: &str| {
        transcript += &s.exp_string(text).unwrap();
        transcript += text;
    };
    expect(&mut s, "Where?");
    s.send_line("left elbw knee").unwrap();
    // A place that is none: asked again, with the reason.
    expect(
        &mut s,
        "Not taken: 'left elbw knee' could be Elbow (front-left)",
    );
    expect(&mut s, "Where?");
    s.send_line("").unwrap();
    // Nothing typed: an answer is needed.
    expect(&mut s, "An answer is needed here");
    expect(&mut s, "Where?");
    s.send_line("left sole").unwrap();
    expect(&mut s, "Foot, sole (left) - b37, back");
    expect(&mut s, "What did it feel like?");
    s.send_line("tingling").unwrap();
    expect(&mut s, "Tingling (paresthesia)");
    expect(&mut s, "How strong?");
    s.send_line("12").unwrap();
    expect(&mut s, "0 to 10");
    expect(&mut s, "How strong?");
    s.send_line("6").unwrap();
    expect(&mut s, "6 out of 10");
    expect(&mut s, "When?");
    s.send_line("").unwrap();
    expect(&mut s, "Wednesday 11 March 2026, 10:00");
    expect(&mut s, "How long");
    s.send_line("15m").unwrap();
    expect(&mut s, "lasted 15 minutes");
    expect(&mut s, "Tags?");
    s.send_line("heat").unwrap();
    expect(&mut s, "#heat");
    // A note longer than the terminal is wide: it wraps, and nothing is
    // cleared or moved to make room.
    let note = "after a hot bath, both feet then the left sole, worse when standing";
    expect(&mut s, "A note?");
    s.send_line(note).unwrap();
    expect(&mut s, "note kept");
    transcript += &s.exp_string("Saved: Tingling 6/10").unwrap();
    transcript += &s.exp_eof().unwrap();
    assert!(
        !transcript.contains('\x1b'),
        "no escape sequence moves or clears a line: {transcript:?}"
    );

    let text = saved(dir.path());
    for expected in [
        "\"left-sole\"",
        "\"tingling\"",
        "\"intensity\": 6",
        "900",
        "\"heat\"",
        note,
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

#[test]
fn in_a_terminal_log_asks_only_what_its_flags_did_not_say() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = log_in_a_terminal(
        dir.path(),
        &[
            "-s", "burning", "-i", "5", "--tag", "heat", "--at", "2h ago",
        ],
    );
    let mut transcript = s.exp_string("What: Burning (dysesthesia)").unwrap();
    transcript += &s.exp_string("Where?").unwrap();
    s.send_line("both feet").unwrap();
    transcript += &s.exp_string("How long").unwrap();
    s.send_line("").unwrap();
    transcript += &s.exp_string("A note?").unwrap();
    s.send_line("").unwrap();
    transcript += &s.exp_string("Saved: Burning 5/10").unwrap();
    s.exp_eof().unwrap();
    for not_asked in ["What did it feel like?", "How strong?", "When?", "Tags?"] {
        assert!(!transcript.contains(not_asked), "{not_asked}: {transcript}");
    }
    let text = saved(dir.path());
    assert!(text.contains("\"burning\""), "{text}");
    assert!(text.contains("\"intensity\": 5"), "{text}");
    assert!(text.contains("\"heat\""), "{text}");
    assert!(text.contains("2026-03-11T08:00:00+01:00"), "2h ago: {text}");
}

/// A paste of several answers at once: each question takes a line, the
/// note takes the lines that came with it, and nothing pasted is left for
/// the shell to run afterwards.
#[test]
fn a_pasted_run_of_answers_fills_the_questions_and_nothing_reaches_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = log_in_a_terminal_then(
        dir.path(),
        &["-t", "heat"],
        "; read rest; echo \"rest=[$rest]\"",
    );
    s.exp_string("Where?").unwrap();
    s.send("left sole\nburning\n5\n\n\nline one\nline two\n")
        .unwrap();
    s.flush().unwrap();
    s.exp_string("note kept (2 lines): \"line one\"").unwrap();
    s.exp_string("Saved: Burning 5/10").unwrap();
    // The shell's read waits for a new line: none was left over.
    s.send_line("typed later").unwrap();
    s.exp_string("rest=[typed later]").unwrap();
    let text = saved(dir.path());
    assert!(text.contains("line one\\nline two"), "{text}");
}

#[test]
fn lines_pasted_past_the_last_question_are_dropped_not_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = log_in_a_terminal_then(
        dir.path(),
        &[
            "-s",
            "burning",
            "-i",
            "5",
            "-n",
            "from the flag",
            "-t",
            "heat",
        ],
        "; read rest; echo \"rest=[$rest]\"",
    );
    s.exp_string("Where?").unwrap();
    s.send("left sole\n\n\necho pasted\nhalf a li").unwrap();
    s.flush().unwrap();
    s.exp_string("(One more pasted line was not used.)")
        .unwrap();
    s.exp_string("Saved: Burning 5/10").unwrap();
    s.send_line("typed later").unwrap();
    s.exp_string("rest=[typed later]").unwrap();
}

/// When saving fails, what was answered is given back as the command
/// that logs it, which works once the fault is put right.
#[test]
fn a_failed_save_gives_back_the_answers_as_a_command() {
    let dir = tempfile::tempdir().unwrap();
    // The data folder is a file: nothing can be saved into it.
    std::fs::write(dir.path().join("data"), "not a folder").unwrap();
    let mut s = log_in_a_terminal(dir.path(), &["-i", "4"]);
    s.exp_string("Where?").unwrap();
    s.send_line("left sole and right palm").unwrap();
    s.exp_string("What did it feel like?").unwrap();
    s.send_line("pins").unwrap();
    s.exp_string("When?").unwrap();
    s.send_line("2h ago").unwrap();
    s.exp_string("How long").unwrap();
    s.send_line("15m").unwrap();
    s.exp_string("Tags?").unwrap();
    s.send_line("heat").unwrap();
    s.exp_string("A note?").unwrap();
    // A note that starts like a flag must stay a note in the command.
    s.send_line("- it's worse at night").unwrap();
    s.exp_string("To log it once that is put right:\r\n  ")
        .unwrap();
    let command = s.exp_string("\r\n").unwrap();
    s.exp_eof().unwrap();
    assert_eq!(exit_code(&mut s), 1);
    assert!(command.starts_with("sensemap log "), "{command}");
    // The same journal and config, whatever the shell it runs in sets.
    let data = dir.path().join("data");
    assert!(
        command.contains(&format!("--data-dir={}", data.display())),
        "{command}"
    );
    assert!(command.contains("--config="), "{command}");

    std::fs::remove_file(dir.path().join("data")).unwrap();
    let binary = assert_cmd::cargo::cargo_bin!("sensemap");
    let run = command.replacen("sensemap", &format!("'{}'", binary.display()), 1);
    let ran = Command::new("sh")
        .arg("-c")
        .arg(&run)
        .env_remove("SENSEMAP_DATA_DIR")
        .env_remove("SENSEMAP_CONFIG")
        .env("SENSEMAP_NOW", common::cli::NOW)
        .env("TZ", common::cli::TZ)
        .output()
        .unwrap();
    assert!(ran.status.success(), "{run}: {ran:?}");
    let text = saved(dir.path());
    for expected in [
        "\"left-sole\"",
        "\"right-palm\"",
        "\"pins-and-needles\"",
        "\"intensity\": 4",
        "2026-03-11T08:00:00+01:00",
        "900",
        "\"heat\"",
        "- it's worse at night",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

/// Standard error sent to a file: the questions still reach the person,
/// on the terminal itself.
#[test]
fn with_standard_error_in_a_file_the_questions_come_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let errors = dir.path().join("errors.log");
    let after = format!("2>'{}'", errors.display());
    let mut s = log_in_a_terminal_then(dir.path(), &["-s", "burning", "-i", "3"], &after);
    s.exp_string("Where?").unwrap();
    s.send_line("left sole").unwrap();
    for question in ["When?", "How long", "Tags?", "A note?"] {
        s.exp_string(question).unwrap();
        s.send_line("").unwrap();
    }
    s.exp_eof().unwrap();
    assert!(saved(dir.path()).contains("\"left-sole\""));
    let logged = std::fs::read_to_string(&errors).unwrap();
    assert!(logged.contains("Saved: Burning 3/10"), "{logged}");
    assert!(!logged.contains("Where?"), "{logged}");
}

#[test]
fn a_wrong_flag_stops_log_before_anything_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = log_in_a_terminal(dir.path(), &["-s", "sparkles"]);
    let before = s.exp_string("--sensation:").unwrap();
    assert!(!before.contains("Where?"), "{before}");
    s.exp_eof().unwrap();
    assert_eq!(exit_code(&mut s), 2);
    assert!(!dir.path().join("data").exists(), "nothing written");
}

#[test]
fn ctrl_c_while_asked_leaves_with_nothing_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = log_in_a_terminal(dir.path(), &[]);
    s.exp_string("Where?").unwrap();
    s.send_line("left sole").unwrap();
    s.exp_string("What did it feel like?").unwrap();
    s.send_control('c').unwrap();
    s.exp_string("nothing saved (Ctrl-C)").unwrap();
    s.exp_eof().unwrap();
    // Ended as an interrupt ends a program, so a shell loop stops too.
    match s.process_mut().wait().unwrap() {
        WaitStatus::Signaled(_, Signal::SIGINT, _) => {}
        other => panic!("not ended by the interrupt: {other:?}"),
    }
    assert!(!dir.path().join("data").exists(), "nothing written");
}

/// Ctrl-D after some typing hands the half answer over unended: one press
/// leaves, and the half answer is not taken.
#[test]
fn ctrl_d_after_some_typing_leaves_at_the_first_press() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = log_in_a_terminal(dir.path(), &["-r", "left sole", "-s", "burning"]);
    s.exp_string("How strong?").unwrap();
    s.send("6").unwrap();
    s.send_control('d').unwrap();
    s.exp_string("nothing saved: the answers ended").unwrap();
    s.exp_eof().unwrap();
    assert_eq!(exit_code(&mut s), 1);
    assert!(!dir.path().join("data").exists(), "nothing written");
}

#[test]
fn ctrl_d_while_asked_leaves_with_nothing_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = log_in_a_terminal(dir.path(), &[]);
    s.exp_string("Where?").unwrap();
    s.send_control('d').unwrap();
    s.exp_string("nothing saved: the answers ended").unwrap();
    s.exp_eof().unwrap();
    assert_eq!(exit_code(&mut s), 1);
    assert!(!dir.path().join("data").exists(), "nothing written");
}

/// The code the process exited with.
fn exit_code(s: &mut PtySession) -> i32 {
    match s.process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit: {other:?}"),
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
    // The note on standard input leaves nothing to ask with.
    sm(dir.path())
        .args(["log", "-r", "left sole", "--note", "-"])
        .write_stdin("a note")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "log needs --sensation <S>, --intensity <N> with --note -",
        ));
    assert!(!dir.path().join("data").exists(), "nothing written");
}
