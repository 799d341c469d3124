use std::io::Cursor;

use chrono::{Local, TimeZone};

use super::*;
use crate::app::keymap::Keymap;
use crate::domain::when::format_duration;
use crate::store::config::Config;

/// A context at 2026-11-26 20:10 local time, with the built-in settings.
fn context() -> Context {
    Context {
        data_dir: "unused".into(),
        config: "unused".into(),
        settings: Config::default(),
        keymap: (*Keymap::standard()).clone(),
        theme: None,
        now: Local.with_ymd_and_hms(2026, 11, 26, 20, 10, 0).unwrap(),
    }
}

/// Runs a conversation on `typed`, and returns its outcome and all it wrote.
fn converse(given: Given, typed: &str) -> (Result<Answers, CliError>, String) {
    let ctx = context();
    let sensations = SensationCatalogue::built_in();
    let mut screen = Vec::new();
    let answers = Conversation::new(Cursor::new(typed.as_bytes().to_vec()), &mut screen).fill(
        given,
        &ctx,
        &sensations,
    );
    (answers, String::from_utf8(screen).unwrap())
}

#[test]
fn every_answer_is_asked_then_said_back_and_a_wrong_one_asked_again_with_why() {
    let (answers, screen) = converse(
        Given::default(),
        "\nelbw knee\nleft sole\ntingling\n12\n6\n\n15m\nheat\nafter a hot bath\n",
    );
    let answers = answers.unwrap();
    assert_eq!(
        answers.regions,
        where_question().read.as_ref()("left sole").unwrap()
    );
    assert_eq!(answers.sensation.as_str(), "tingling");
    assert_eq!(answers.intensity, 6);
    assert_eq!(answers.at, "now", "Enter takes the default");
    assert_eq!(answers.duration_s, Some(900));
    assert_eq!(answers.tags, ["heat"]);
    assert_eq!(answers.note.as_deref(), Some("after a hot bath"));
    let lines: Vec<&str> = screen.lines().collect();
    let asked_where = lines.iter().filter(|l| l.starts_with("Where?")).count();
    assert_eq!(asked_where, 3, "empty, wrong, right:\n{screen}");
    for said in [
        "  An answer is needed here",
        "  Not taken: 'elbw knee'",
        "  Foot, sole (left) - b37, back",
        "  Tingling (paresthesia)",
        "  Not taken: ",
        "  6 out of 10",
        "When? (for example: now, 2h ago, yesterday 21:00) [now]: ",
        "  Thursday 26 November 2026, 20:10",
        "  lasted 15m",
        "  #heat",
        "  note kept",
    ] {
        assert!(screen.contains(said), "{said:?} in:\n{screen}");
    }
    assert!(screen.contains("Ctrl-C leaves without saving"), "{screen}");
}

#[test]
fn what_the_flags_gave_is_said_back_and_not_asked() {
    let given = Given {
        sensation: Some(SensationId::new("burning")),
        intensity: Some(5),
        at: Some("2h ago".into()),
        tags: Some(vec!["heat".into()]),
        ..Given::default()
    };
    let (answers, screen) = converse(given, "both feet\n\n\n");
    let answers = answers.unwrap();
    assert_eq!(answers.sensation.as_str(), "burning");
    assert_eq!(answers.intensity, 5);
    assert_eq!(answers.at, "2h ago");
    assert_eq!(answers.tags, ["heat"]);
    assert_eq!(
        answers.regions,
        (where_question().read)("both feet").unwrap()
    );
    for asked in ["Where?", "How long", "A note?"] {
        assert!(screen.contains(asked), "{asked} in:\n{screen}");
    }
    for not_asked in ["What did it", "How strong?", "When?", "Tags?"] {
        assert!(!screen.contains(not_asked), "{not_asked} in:\n{screen}");
    }
    for said in [
        "What: Burning (dysesthesia) (from the flags)",
        "How strong: 5 out of 10 (from the flags)",
        "When: Thursday 26 November 2026, 18:10 (from the flags)",
        "Tags: #heat (from the flags)",
    ] {
        assert!(screen.contains(said), "{said:?} in:\n{screen}");
    }
}

#[test]
fn answers_that_end_save_nothing_and_say_so() {
    let (answers, _) = converse(Given::default(), "left sole\ntingl");
    let Err(CliError::Other(why)) = answers else {
        panic!("not an end: {answers:?}");
    };
    assert!(why.starts_with("nothing saved"), "{why}");
}

#[test]
fn ctrl_d_after_some_typing_leaves_too() {
    // The terminal hands over "6" unended when Ctrl-D follows it.
    let (answers, screen) = converse(Given::default(), "left sole\ntingling\n6");
    let Err(CliError::Other(why)) = answers else {
        panic!("not an end: {answers:?}");
    };
    assert!(why.starts_with("nothing saved"), "{why}");
    assert!(!screen.contains("6 out of 10"), "{screen}");
}

#[test]
fn special_keys_in_an_answer_are_refused_and_never_written_back() {
    let (answers, screen) = converse(
        Given::default(),
        "left sloe\x1b[D\x1b[D\nleft sole\ntingling\n6\n\n\nheat\x1b[D\nheat\n\n",
    );
    let answers = answers.unwrap();
    assert_eq!(answers.tags, ["heat"]);
    assert_eq!(
        screen.matches("Not taken: the arrow keys").count(),
        2,
        "{screen}"
    );
    assert!(!screen.contains('\x1b'), "{screen:?}");
}

#[test]
fn a_pasted_note_keeps_all_its_lines() {
    let (answers, screen) = converse(
        Given::default(),
        "left sole\ntingling\n6\n\n\n\nfirst line\nsecond line\nthird\n",
    );
    assert_eq!(
        answers.unwrap().note.as_deref(),
        Some("first line\nsecond line\nthird")
    );
    assert!(screen.contains("note kept (3 lines)"), "{screen}");
}

#[test]
fn lines_pasted_beyond_the_last_answer_are_said_and_dropped() {
    let given = Given {
        note: Some("from the flag".into()),
        ..Given::default()
    };
    let typed = "left sole\ntingling\n6\n\n\n\necho hello\nrm -rf x\n";
    let ctx = context();
    let sensations = SensationCatalogue::built_in();
    let mut screen = Vec::new();
    let mut input = Cursor::new(typed.as_bytes().to_vec());
    let answers = Conversation::new(&mut input, &mut screen)
        .fill(given, &ctx, &sensations)
        .unwrap();
    assert_eq!(answers.note.as_deref(), Some("from the flag"));
    let screen = String::from_utf8(screen).unwrap();
    assert!(
        screen.contains("(2 more pasted lines were not used.)"),
        "{screen}"
    );
    assert!(
        !input.line_waiting(std::time::Duration::ZERO),
        "all dropped"
    );
}

#[test]
fn a_line_as_long_as_a_terminal_takes_is_said_to_be_maybe_cut() {
    let long = "x".repeat(4094);
    let (answers, screen) = converse(
        Given::default(),
        &format!("left sole\ntingling\n6\n\n\n\n{long}\n"),
    );
    assert_eq!(answers.unwrap().note.map(|n| n.len()), Some(4094));
    assert!(screen.contains("the end may be cut"), "{screen}");
}

#[test]
fn an_answer_that_is_not_text_is_asked_again() {
    let mut screen = Vec::new();
    let typed = b"\xff\xfe\n7\n".to_vec();
    let n = Conversation::new(Cursor::new(typed), &mut screen)
        .ask(&strength_question())
        .unwrap();
    assert_eq!(n, 7);
    let screen = String::from_utf8(screen).unwrap();
    assert!(screen.contains("Not taken: that was not text"), "{screen}");
}

#[test]
fn where_is_said_back_with_key_and_figure_for_every_region() {
    let question = where_question();
    let both = (question.read)("both feet").unwrap();
    let said = (question.say)(&both);
    assert!(both.len() >= 2, "{said}");
    assert!(
        said.contains("(left)") && said.contains("(right)"),
        "{said}"
    );
    assert!(question.default.is_none(), "where has no default");
}

#[test]
fn strength_is_0_to_10() {
    let question = strength_question();
    assert_eq!((question.read)(" 7 ").unwrap(), 7);
    assert!((question.read)("12").unwrap_err().contains("0 to 10"));
    assert!((question.read)("bad").is_err());
}

#[test]
fn the_optional_questions_take_enter_as_none() {
    assert_eq!((duration_question().read)("").unwrap(), None);
    assert_eq!((duration_question().read)("1h30m").unwrap(), Some(5400));
    assert_eq!(
        (duration_question().say)(&Some(5400)),
        format!("lasted {}", format_duration(5400))
    );
    assert!((duration_question().read)("a while").is_err());
    assert_eq!((tags_question().say)(&vec![]), "no tags");
    assert_eq!(
        (tags_question().read)("heat #fatigue").unwrap(),
        ["heat", "fatigue"]
    );
    assert_eq!((note_question().read)("  ").unwrap(), None);
}
