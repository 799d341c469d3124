//! The theme `auto` picks, in a real pseudo-terminal: light or dark from
//! `COLORFGBG`, and dark from a terminal that does not answer the query
//! for its background (within its short wait).

use std::process::Command;

use rexpect::process::Signal;
use rexpect::session::spawn_command;

/// The page colour the app paints first, as crossterm writes it.
fn page_escape((r, g, b): (u8, u8, u8)) -> String {
    format!("48;2;{r};{g};{b}m")
}

/// Opens the demo in a 100x30 pseudo-terminal with `env`, waits for the
/// page colour of `expected`, and quits.
fn demo_paints(env: &[(&str, &str)], expected: (u8, u8, u8)) {
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
    let mut session = spawn_command(command, Some(20_000)).unwrap();
    // The first frame: its first cell is painted the page's colour.
    if let Err(e) = session.exp_string(&page_escape(expected)) {
        panic!("no page of {expected:?}: {}", &format!("{e:?}")[..300]);
    }
    session.process_mut().signal(Signal::SIGHUP).unwrap();
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
