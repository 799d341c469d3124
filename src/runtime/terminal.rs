//! The terminal: set up, run the loop over the event channel, always
//! restore.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use super::late_reply::LateReplyFilter;
use super::{Clock, Event, Options, Runtime};
use crate::app::keymap::Keymap;
use crate::app::look::{theme_for_background, theme_from_colorfgbg};
use crate::app::{Action, ColorMode, Palette, ThemeName, Zone};
use crate::domain::SensationCatalogue;
use crate::domain::body_map::MapStyle;
use crate::domain::when::DateOrder;
use crate::store::{Journal, MonthStore};

/// The longest the loop handles queued events before drawing again.
const FRAME: Duration = Duration::from_millis(16);

/// How often the input thread looks whether the loop has ended.
const INPUT_POLL: Duration = Duration::from_millis(200);

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

/// The theme for `auto`: light or dark from `COLORFGBG` where the terminal
/// sets it, else from the terminal's answer to a query for its background
/// colour, else dark. A terminal that answers the device query sent after
/// it but not the colour query is known at once; one that answers neither,
/// or a slow link, costs up to a second. Also says whether the wait ran out,
/// so an answer may still come, late, among the keys.
pub fn detect_theme() -> (ThemeName, bool) {
    if let Some(theme) = std::env::var("COLORFGBG")
        .ok()
        .and_then(|v| theme_from_colorfgbg(&v))
    {
        return (theme, false);
    }
    if !io::stdout().is_terminal() {
        return (ThemeName::Dark, false);
    }
    // The background alone decides: some terminals answer for it and not
    // for the text colour.
    match terminal_colorsaurus::background_color(terminal_colorsaurus::QueryOptions::default()) {
        Ok(colour) => (theme_for_background(colour.scale_to_8bit()), false),
        Err(terminal_colorsaurus::Error::Timeout(_)) => (ThemeName::Dark, true),
        Err(_) => (ThemeName::Dark, false),
    }
}

/// Settings the app starts with, and where changes to them are kept.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How the body map is drawn.
    pub map_style: MapStyle,
    /// How dates with slashes are read.
    pub date_order: DateOrder,
    /// The keys in use.
    pub keymap: std::sync::Arc<Keymap>,
    /// The config file that remembers changes (`None`: forget them).
    pub remember_in: Option<PathBuf>,
    /// The treatments known: built in and the person's own.
    pub treatments: crate::domain::treatment::TreatmentCatalogue,
    /// The theme asked for; `None` for auto (from the terminal).
    pub theme: Option<ThemeName>,
    /// Single colours set in the config, by name (already checked).
    pub colors: Vec<(String, String)>,
}

/// Runs the app on `journal` until the person quits.
pub fn run<S: MonthStore + 'static>(
    journal: Journal<S>,
    sensations: SensationCatalogue,
    settings: Settings,
    clock: Clock,
) -> io::Result<()> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(io::Error::other(
            "the screens need a terminal; in scripts use the commands (sensemap --help)",
        ));
    }
    // Asked before the screen is taken over: the terminal answers a query
    // for its background on the same line as keys.
    let (theme, answer_may_come_late) = match settings.theme {
        Some(theme) => (theme, false),
        None => detect_theme(),
    };
    let colors = settings
        .colors
        .iter()
        .map(|(s, c)| (s.as_str(), c.as_str()));
    let palette = Palette::themed(theme, colors).map_err(io::Error::other)?;
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
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous_hook(info);
    }));
    // Bracketed paste: a paste arrives as one piece of text, never as keys
    // that could save, undo or quit.
    let result = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste).and_then(|()| {
        let mut runtime =
            Runtime::start(journal, sensations, clock, Zone::Local, Options::default());
        runtime.app.color = detect_color_mode();
        runtime.app.palette = palette;
        runtime.app.body.style = settings.map_style;
        runtime.app.date_order = settings.date_order;
        runtime.app.keymap = settings.keymap;
        runtime.app.treatments.catalogue = Arc::new(settings.treatments);
        if let Some(config) = settings.remember_in {
            runtime.remember_settings_in(config);
        }
        runtime.offer_recovery();
        // A panic keeps the log form's text before the terminal is restored.
        runtime
            .guard(|runtime| event_loop(&mut terminal, runtime, answer_may_come_late))
            .unwrap_or_else(|crashed| Err(io::Error::other(crashed.explain())))
    });
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Draws, then handles whatever the channel brings, until the person quits.
fn event_loop(
    terminal: &mut DefaultTerminal,
    runtime: &mut Runtime,
    answer_may_come_late: bool,
) -> io::Result<()> {
    let size = terminal.size()?;
    runtime.dispatch(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let stop = Arc::new(AtomicBool::new(false));
    let late_reply = answer_may_come_late.then(LateReplyFilter::default);
    spawn_input(runtime.sender(), Arc::clone(&stop), late_reply);
    // A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends the loop
    // like q does, so writes finish and the demo's folder is removed,
    // instead of the process dying where it stands.
    let hung_up = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&hung_up));
    }
    let result = (|| {
        while !runtime.app.should_quit && !hung_up.load(Ordering::Relaxed) {
            terminal.draw(|frame| frame.render_widget(&runtime.app, frame.area()))?;
            // One event, then what is already queued, for at most a frame's
            // time, before drawing again.
            let Some(event) = runtime.wait() else { break };
            let started = Instant::now();
            runtime.handle(event)?;
            while started.elapsed() < FRAME
                && let Some(event) = runtime.try_next()
            {
                runtime.handle(event)?;
            }
        }
        Ok(())
    })();
    stop.store(true, Ordering::Relaxed);
    if hung_up.load(Ordering::Relaxed) {
        runtime.settle(super::LOCK_PATIENCE);
        return Ok(());
    }
    result
}

/// Reads the terminal on its own thread and feeds the loop's channel,
/// through `late_reply` when a late answer to the colour query may come.
fn spawn_input(
    events: Sender<Event>,
    stop: Arc<AtomicBool>,
    mut late_reply: Option<LateReplyFilter>,
) {
    thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            let read = match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => event::read(),
                Err(e) => Err(e),
            };
            let inputs = match (read, &mut late_reply) {
                (Ok(input), Some(filter)) => {
                    filter.pass(input).into_iter().map(Event::Input).collect()
                }
                (Ok(input), None) => vec![Event::Input(input)],
                (Err(e), _) => vec![Event::InputFailed(e)],
            };
            for input in inputs {
                let failed = matches!(input, Event::InputFailed(_));
                if events.send(input).is_err() || failed {
                    return;
                }
            }
        }
    });
}
