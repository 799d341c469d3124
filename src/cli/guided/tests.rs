use std::collections::VecDeque;
use std::io::Cursor;

use chrono::{Local, TimeZone};

use super::*;
use crate::runtime::lines::LineSource;

/// 2026-11-26 20:10 local time.
fn test_now() -> chrono::DateTime<Local> {
    Local.with_ymd_and_hms(2026, 11, 26, 20, 10, 0).unwrap()
}

/// A context at [`test_now`], with the built-in settings.
fn context() -> Context {
    Context::for_tests(test_now)
}

/// The ids of `regions`, in order.
fn ids(regions: &[RegionId]) -> Vec<&'static str> {
    regions.iter().map(|r| r.region().id.as_str()).collect()
}

/// A person typing: each line only once asked for it, so none is ever
/// waiting; a last line without a newline is Ctrl-D after some typing.
struct Typing(VecDeque<Vec<u8>>);

impl Typing {
    fn lines(typed: &[u8]) -> Typing {
        Typing(
            typed
                .split_inclusive(|&b| b == b'\n')
                .map(<[u8]>::to_vec)
                .collect(),
        )
    }
}

impl LineSource for Typing {
    fn next_line(&mut self) -> std::io::Result<Vec<u8>> {
        Ok(self.0.pop_front().unwrap_or_default())
    }

    fn line_waiting(&mut self, _wait: std::time::Duration) -> bool {
        false
    }

    fn discard_waiting(&mut self) {}
}

/// Lines that come in pieces, each so long after the one before: a paste
/// over a slow link.
struct Paced(VecDeque<(std::time::Duration, Vec<u8>)>);

impl LineSource for Paced {
    fn next_line(&mut self) -> std::io::Result<Vec<u8>> {
        Ok(self.0.pop_front().map(|(_, line)| line).unwrap_or_default())
    }

    fn line_waiting(&mut self, wait: std::time::Duration) -> bool {
        self.0.front().is_some_and(|(after, _)| *after <= wait)
    }

    fn discard_waiting(&mut self) {
        self.0.retain(|(after, _)| !after.is_zero());
    }
}

/// Runs a conversation on `source`, and returns its outcome and all it
/// wrote.
fn converse_on(given: Given, source: impl LineSource) -> (Result<Answers, CliError>, String) {
    let ctx = context();
    let sensations = SensationCatalogue::built_in();
    let mut screen = Vec::new();
    let answers = Conversation::new(source, &mut screen).fill(given, &ctx, &sensations);
    (answers, String::from_utf8(screen).unwrap())
}

/// A conversation with a person typing each line of `typed` when asked.
fn converse(given: Given, typed: &str) -> (Result<Answers, CliError>, String) {
    converse_on(given, Typing::lines(typed.as_bytes()))
}

/// A conversation where all of `pasted` arrives at once.
fn converse_pasted(given: Given, pasted: &str) -> (Result<Answers, CliError>, String) {
    converse_on(given, Cursor::new(pasted.as_bytes().to_vec()))
}

#[test]
fn every_answer_is_asked_then_said_back_and_a_wrong_one_asked_again_with_why() {
    let (answers, screen) = converse(
        Given::default(),
        "\nelbw knee\nleft sole\ntingling\n12\n6\n\n15m\nheat\nafter a hot bath\n",
    );
    let answers = answers.unwrap();
    assert_eq!(ids(&answers.regions), ["left-sole"]);
    assert_eq!(answers.sensation.as_str(), "tingling");
    assert_eq!(answers.intensity, 6);
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(&answers.at).unwrap(),
        test_now(),
        "Enter takes the default, now"
    );
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
        "  lasted 15 minutes",
        "  #heat",
        "  note kept: \"after a hot bath\"",
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
        // As the flags give it: --at read at once, to its exact time.
        at: Some("2026-11-26T18:10:00+00:00".into()),
        tags: Some(vec!["heat".into()]),
        ..Given::default()
    };
    let (answers, screen) = converse(given, "both feet\n\n\n");
    let answers = answers.unwrap();
    assert_eq!(answers.sensation.as_str(), "burning");
    assert_eq!(answers.intensity, 5);
    assert_eq!(answers.at, "2026-11-26T18:10:00+00:00");
    assert_eq!(answers.tags, ["heat"]);
    assert_eq!(
        ids(&answers.regions),
        ["right-foot-top", "left-foot-top", "left-sole", "right-sole"]
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

/// A paste of answers where one is refused: the lines after it are
/// dropped, never shifted onto the wrong questions.
#[test]
fn a_refused_answer_drops_what_was_typed_after_it() {
    let (answers, screen) = converse_pasted(
        Given::default(),
        "left sole\ntingling\n2h ago\n6\n15m\n\nheat\n",
    );
    assert!(
        screen.contains("(The 4 lines typed after it were dropped"),
        "{screen}"
    );
    let Err(CliError::Other(why)) = answers else {
        panic!("the answers ran out after the drop: {answers:?}");
    };
    assert!(why.starts_with("nothing saved"), "{why}");
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
    let (answers, screen) = converse_pasted(
        Given::default(),
        "left sole\ntingling\n6\n\n\n\nfirst line\nsecond line\nthird\n",
    );
    assert_eq!(
        answers.unwrap().note.as_deref(),
        Some("first line\nsecond line\nthird")
    );
    assert!(
        screen.contains("note kept (3 lines): \"first line\" …"),
        "{screen}"
    );
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
    let n = Conversation::new(Typing::lines(b"\xff\xfe\n7\n"), &mut screen)
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
        "lasted 1 hour 30 minutes"
    );
    assert_eq!(
        (duration_question().say)(&Some(86_400 + 61)),
        "lasted 1 day 1 minute 1 second"
    );
    let long = "a".repeat(70);
    assert_eq!(
        (note_question().say)(&Some(long)),
        format!("note kept: \"{}…\"", "a".repeat(60))
    );
    assert!((duration_question().read)("a while").is_err());
    assert_eq!((tags_question().say)(&vec![]), "no tags");
    assert_eq!(
        (tags_question().read)("heat #fatigue").unwrap(),
        ["heat", "fatigue"]
    );
    assert_eq!((note_question().read)("  ").unwrap(), None);
}

/// "now" is when it is answered, not when `sensemap log` started: a
/// person may take minutes over the questions before it.
#[test]
fn now_is_the_moment_it_is_answered() {
    fn five_minutes_later() -> chrono::DateTime<Local> {
        test_now() + chrono::Duration::minutes(5)
    }
    let ctx = Context {
        clock: five_minutes_later,
        ..context()
    };
    let mut screen = Vec::new();
    let at = Conversation::new(Typing::lines(b"now\n"), &mut screen)
        .ask(&when_question(&ctx))
        .unwrap();
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(&at).unwrap(),
        five_minutes_later()
    );
    assert!(
        String::from_utf8(screen).unwrap().contains("20:15"),
        "said back as answered"
    );
}

/// A paste that arrives in pieces a few milliseconds apart is dropped
/// whole, past a refused answer and past the last question alike.
#[test]
fn a_paste_in_pieces_is_dropped_whole() {
    let ms = std::time::Duration::from_millis;
    let given = Given {
        sensation: Some(SensationId::new("burning")),
        intensity: Some(5),
        at: Some("2026-11-26T18:10:00+00:00".into()),
        duration_s: Some(60),
        tags: Some(vec![]),
        note: Some("hi".into()),
        ..Given::default()
    };
    let pieces = |lines: &[(u64, &str)]| {
        Paced(
            lines
                .iter()
                .map(|(after, line)| (ms(*after), format!("{line}\n").into_bytes()))
                .collect(),
        )
    };
    // Refused, then the rest of the paste in two pieces: all dropped, and
    // the place typed later (after a person's pause) is the answer.
    let source = pieces(&[
        (0, "xyz"),
        (0, "left sole"),
        (5, "b37"),
        (0, "tingling"),
        (2000, "right palm"),
    ]);
    let (answers, screen) = converse_on(given.clone(), source);
    assert_eq!(ids(&answers.unwrap().regions), ["right-palm"], "{screen}");
    assert!(screen.contains("The 3 lines typed after it"), "{screen}");
    // Past the last question: every piece is dropped, none left over.
    let mut source = pieces(&[(0, "b37"), (0, "echo A"), (2, "echo LEAK")]);
    let (answers, screen) = converse_on(given, &mut source);
    assert!(answers.is_ok(), "{screen}");
    assert!(
        screen.contains("(2 more pasted lines were not used.)"),
        "{screen}"
    );
    assert!(source.0.is_empty(), "nothing left for the shell");
}

/// Enter alone on the note is no note: lines pasted after it are dropped,
/// not made into one.
#[test]
fn lines_pasted_after_an_empty_note_are_not_a_note() {
    let (answers, screen) = converse_pasted(
        Given::default(),
        "left sole\ntingling\n6\n\n\n\n\nextra\necho LEAK\n",
    );
    assert_eq!(answers.unwrap().note, None);
    assert!(
        screen.contains("(2 more pasted lines were not used.)"),
        "{screen}"
    );
}
