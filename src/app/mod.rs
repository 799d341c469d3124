//! App state and the actions that change it. Draws nothing, does no I/O.

use crate::domain::{Entry, SensationCatalogue};

/// Every user intent the app understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the app.
    Quit,
}

/// Everything the screen shows.
#[derive(Debug)]
pub struct App {
    /// Every loaded entry, sorted by time.
    pub entries: Vec<Entry>,
    /// The sensation types.
    pub sensations: SensationCatalogue,
    /// Messages about months that could not be read.
    pub problems: Vec<String>,
    /// Set once the person asked to quit.
    pub should_quit: bool,
}

impl App {
    /// An app showing `entries`.
    pub fn new(entries: Vec<Entry>, sensations: SensationCatalogue, problems: Vec<String>) -> App {
        App {
            entries,
            sensations,
            problems,
            should_quit: false,
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.should_quit = true,
        }
    }
}
