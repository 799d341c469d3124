//! The terminal runtime: set up, run the event loop, always restore.

use std::io::{self, IsTerminal};

use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::app::{App, ColorMode, Controller, Zone};
use crate::domain::SensationCatalogue;
use crate::store::{Journal, MonthStore};

/// The colour depth the terminal offers, from the usual variables.
pub fn detect_color_mode() -> ColorMode {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        ColorMode::NoColor
    } else if matches!(var("COLORTERM").as_str(), "truecolor" | "24bit") {
        ColorMode::TrueColor
    } else if var("TERM").contains("256") {
        ColorMode::Ansi256
    } else {
        ColorMode::Ansi16
    }
}

/// Runs the app on `journal` until the person quits. `clock` gives the
/// current time.
pub fn run<S: MonthStore>(
    journal: Journal<S>,
    sensations: SensationCatalogue,
    clock: fn() -> DateTime<FixedOffset>,
) -> io::Result<()> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(io::Error::other(
            "the screens need a terminal; in scripts use the commands (sensemap --help)",
        ));
    }
    let (entries, problems) = match journal.load_all() {
        Ok(loaded) => (
            loaded.entries,
            loaded
                .problems
                .iter()
                .map(|p| format!("{}: {}", p.month, p.error))
                .collect(),
        ),
        Err(e) => (Vec::new(), vec![e.to_string()]),
    };
    let mut app = App::new(entries, sensations, problems, clock(), Zone::Local);
    app.color = detect_color_mode();
    let mut controller = Controller::new(app, journal, Box::new(clock));

    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            ratatui::restore();
            return Err(e);
        }
    };
    // ratatui's restore() leaves mouse capture on, so turn it off on every
    // way out, panics included.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous_hook(info);
    }));
    let result = execute!(io::stdout(), EnableMouseCapture).and_then(|()| {
        let size = terminal.size()?;
        controller.dispatch(crate::app::Action::Resize {
            width: size.width,
            height: size.height,
        });
        while !controller.app.should_quit {
            terminal.draw(|frame| frame.render_widget(&controller.app, frame.area()))?;
            controller.handle_event(&event::read()?);
        }
        Ok(())
    });
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}
