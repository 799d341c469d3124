//! Every user intent, and the side effects an update asks the runtime for.

use crate::domain::Entry;
use crate::domain::body_map::Direction;

use super::Screen;

/// One thing the person asked for, or a result the runtime reports back.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the app (asks first if a form holds input).
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Switch screens.
    ShowScreen(Screen),
    /// Move the cursor to the nearest region in a direction.
    Move(Direction),
    /// Jump to the same part of the body on the other figure.
    Flip,
    /// Open the region search.
    OpenSearch,
    /// Add the cursor's region to the selection, or take it out.
    ToggleSelect,
    /// Open the log form for the selection (or the cursor's region).
    OpenLogForm,
    /// Empty the selection.
    ClearSelection,
    /// Next heat-map time window.
    CycleWindow,
    /// Choose which sensations the heat-map counts.
    OpenFilterPicker,
    /// Next heat-map metric.
    CycleMetric,
    /// A typed character.
    Input(char),
    /// Delete before the cursor.
    Backspace,
    /// Delete under the cursor.
    Delete,
    /// Left arrow in a form.
    CursorLeft,
    /// Right arrow in a form.
    CursorRight,
    /// Up arrow in a form or list.
    CursorUp,
    /// Down arrow in a form or list.
    CursorDown,
    /// Start of line.
    Home,
    /// End of line.
    End,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Enter: save a form (a new line in the note), pick a list item.
    Submit,
    /// Ctrl+S: save the form from any field.
    Save,
    /// Esc: close what is open, asking first if input would be lost.
    Cancel,
    /// An answer to a yes/no question.
    Confirm(bool),
    /// A mouse click at a screen cell.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// The mouse moved over a screen cell.
    Hover {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// The terminal changed size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// The runtime saved an entry.
    Saved(Entry),
    /// The runtime could not save; the message says why.
    SaveFailed(String),
}

/// Work an update asks the runtime to do; the result comes back as an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save a new entry.
    Save(Entry),
}
