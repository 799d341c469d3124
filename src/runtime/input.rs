//! From what the terminal reports (keys, the mouse, a paste, a resize)
//! to the action it means where the keys go now.

use ratatui::crossterm::event::{Event as Input, KeyEventKind, MouseButton, MouseEventKind};

use crate::app::{Action, App};

/// Turns a terminal event into the action it means where the keys go now.
pub fn input_action(app: &App, event: &Input) -> Option<Action> {
    match event {
        Input::Key(key) if key.kind != KeyEventKind::Release => {
            app.keymap.action_for(app.key_context(), key)
        }
        Input::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: mouse.column,
                y: mouse.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel { up: true }),
            MouseEventKind::ScrollDown => Some(Action::Wheel { up: false }),
            MouseEventKind::Moved => Some(Action::Hover {
                x: mouse.column,
                y: mouse.row,
            }),
            _ => None,
        },
        Input::Paste(text) => Some(Action::Paste(text.clone())),
        Input::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}
