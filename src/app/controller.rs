//! Runs actions against real storage: keys in, effects out, results back.

use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use super::{Action, App, Effect, keymap};
use crate::store::{Journal, MonthStore};

/// The clock the controller reads before each action.
pub type Clock = Box<dyn Fn() -> DateTime<FixedOffset>>;

/// The app plus the journal it saves to.
pub struct Controller<S: MonthStore> {
    /// The state.
    pub app: App,
    journal: Journal<S>,
    clock: Clock,
}

impl<S: MonthStore> Controller<S> {
    /// A controller saving to `journal`, reading time from `clock`.
    pub fn new(app: App, journal: Journal<S>, clock: Clock) -> Controller<S> {
        Controller {
            app,
            journal,
            clock,
        }
    }

    /// Turns a terminal event into an action and applies it.
    pub fn handle_event(&mut self, event: &Event) {
        let action = match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                keymap::action_for(self.app.key_context(), key)
            }
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                    x: mouse.column,
                    y: mouse.row,
                }),
                MouseEventKind::Moved => Some(Action::Hover {
                    x: mouse.column,
                    y: mouse.row,
                }),
                _ => None,
            },
            Event::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            _ => None,
        };
        if let Some(action) = action {
            self.dispatch(action);
        }
    }

    /// Applies an action and carries out the work it asks for.
    pub fn dispatch(&mut self, action: Action) {
        self.app.now = (self.clock)();
        let mut next = self.app.update(action);
        while let Some(effect) = next.take() {
            let (done, outcome) = match effect {
                Effect::Save(entry) => (Action::Saved(entry.clone()), self.journal.add(entry)),
                Effect::Update {
                    before,
                    after,
                    undoing,
                } => {
                    let outcome = self.journal.update(&before, after.clone());
                    (
                        Action::Updated {
                            before,
                            after,
                            undoing,
                        },
                        outcome,
                    )
                }
                Effect::Delete(entry) => {
                    let outcome = self.journal.delete(&entry);
                    (Action::Deleted(entry), outcome)
                }
                Effect::Restore(entry) => {
                    (Action::Restored(entry.clone()), self.journal.add(entry))
                }
            };
            let result = match outcome {
                Ok(()) => done,
                Err(e) => Action::SaveFailed(e.to_string()),
            };
            next = self.app.update(result);
        }
    }
}
