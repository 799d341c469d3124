//! The theme `auto` picks, in a real pseudo-terminal: light or dark from
//! `COLORFGBG`, and dark from a terminal that does not answer the query
//! for its background; and a terminal's answer to that query, in time
//! (taken) and late (never read as keys).

use std::process::Command;

use rexpect::process::Signal;
use rexpect::session::{PtySession, spawn_command};

/// The page colour the app paints first, as crossterm writes it.
fn page_escape((r, g, b): (u8, u8, u8)) -> String {
    format!("48;2;{r};{g};{b}m")
}

/// The query for the background colour, as the app asks it.
const QUERY: &str = "\x1b]11;?";

/// A light terminal's answer: a white background, then its answer to the
/// device query that follows.
const LIGHT_ANSWER: &str = "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c";

/// Opens the demo in a 100x30 pseudo-terminal with `env`, waits for the
/// page colour of `expected`, and quits.
fn demo_paints(env: &[(&str, &str)], expected: (u8, u8, u8)) {
    let (mut session, _folder) = open_demo(env);
    expect_page(&mut session, expected);
    session.process_mut().signal(Signal::SIGHUP).unwrap();
}

/// Waits for the first frame: its first cell is painted `page`.
fn expect_page(session: &mut PtySession, page: (u8, u8, u8)) {
    if let Err(e) = session.exp_string(&page_escape(page)) {
        panic!("no page of {page:?}: {}", &format!("{e:?}")[..300]);
    }
}

/// The demo in a 100x30 pseudo-terminal with `env`, and the folder it
/// keeps its files in.
fn open_demo(env: &[(&str, &str)]) -> (PtySession, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.ron");
    std::fs::write(&config, "()\n").unwrap();
    let binary = assert_cmd::cargo::cargo_bin!("sensemap");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "stty cols 100 rows 30 && exec '{}' demo",
            binary.display()
        ))
        .env("TMPDIR", tmp.path())
        .env("SENSEMAP_CONFIG", &config)
        .env("TERM", "xterm-256color")
        .env("COLORTERM", "truecolor")
        .env_remove("NO_COLOR")
        .env_remove("SENSEMAP_THEME")
        .env_remove("COLORFGBG");
    for (name, value) in env {
        command.env(name, value);
    }
    (spawn_command(command, Some(20_000)).unwrap(), tmp)
}

#[test]
fn colorfgbg_with_a_light_background_picks_the_light_theme() {
    demo_paints(&[("COLORFGBG", "0;15")], sensemap::app::Palette::LIGHT.page);
}

#[test]
fn colorfgbg_with_a_dark_background_picks_the_dark_theme() {
    demo_paints(&[("COLORFGBG", "15;0")], sensemap::app::Palette::DARK.page);
}

#[test]
fn a_terminal_that_does_not_answer_gets_the_dark_theme() {
    demo_paints(&[], sensemap::app::Palette::DARK.page);
}

#[test]
fn the_theme_asked_for_wins_over_the_terminal() {
    demo_paints(
        &[("COLORFGBG", "15;0"), ("SENSEMAP_THEME", "high-contrast")],
        sensemap::app::Palette::HIGH_CONTRAST.page,
    );
}

/// The answer is typed ahead, before the query is even asked: the
/// terminal keeps it until the app reads, so a slow machine cannot make it
/// late.
#[test]
fn a_terminal_that_answers_light_gets_the_light_theme() {
    let (mut session, _folder) = open_demo(&[]);
    session.send(LIGHT_ANSWER).unwrap();
    session.flush().unwrap();
    session.exp_string(QUERY).unwrap();
    expect_page(&mut session, sensemap::app::Palette::LIGHT.page);
    session.process_mut().signal(Signal::SIGHUP).unwrap();
}

/// Over a slow link the answer comes after the app stopped waiting for it:
/// its letters must not reach the app as keys (`g` would open a prompt and
/// take the `q` that follows as text).
#[test]
fn an_answer_after_the_wait_is_not_read_as_keys() {
    let (mut session, _folder) = open_demo(&[]);
    session.exp_string(QUERY).unwrap();
    expect_page(&mut session, sensemap::app::Palette::DARK.page);
    session.send(LIGHT_ANSWER).unwrap();
    session.send("q").unwrap();
    session.flush().unwrap();
    if let Err(e) = session.exp_eof() {
        panic!("q after the late answer did not quit: {e:?}");
    }
}
