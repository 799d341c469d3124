//! The terminal runtime: set up, run the event loop, always restore.

use std::io;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind,
};
use ratatui::crossterm::execute;

use crate::app::{Action, App};
use crate::domain::SensationCatalogue;
use crate::store::{Journal, MonthStore};

/// Runs the app on `journal` until the person quits.
pub fn run<S: MonthStore>(journal: Journal<S>, sensations: SensationCatalogue) -> io::Result<()> {
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
    let mut app = App::new(entries, sensations, problems);
    let mut terminal = ratatui::init();
    // ratatui's restore() leaves mouse capture on, so undo it on every exit path.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous_hook(info);
    }));
    let result = execute!(io::stdout(), EnableMouseCapture).and_then(|()| {
        while !app.should_quit {
            terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
            if let Event::Key(key) = event::read()?
                && key.kind == KeyEventKind::Press
                && matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
            {
                app.update(Action::Quit);
            }
        }
        Ok(())
    });
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}
