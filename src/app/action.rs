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
    /// Open the timeline filtered to the cursor's (or highlighted) region.
    OpenTimelineHere,
    /// Timeline: remove the filter.
    ClearFilter,
    /// Timeline: ask for a date to jump to.
    JumpToDate,
    /// Scroll a page up.
    PageUp,
    /// Scroll a page down.
    PageDown,
    /// Timeline: delete the highlighted entry (asks first).
    DeleteEntry,
    /// Undo the last edit or delete of this run.
    Undo,
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
    /// The runtime replaced an entry by a new version.
    Updated {
        /// The version before.
        before: Entry,
        /// The version saved.
        after: Entry,
        /// True when this was an undo, which is not undone again.
        undoing: bool,
    },
    /// The runtime deleted an entry.
    Deleted(Entry),
    /// The runtime put a deleted entry back.
    Restored(Entry),
}

/// Work an update asks the runtime to do; the result comes back as an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save a new entry.
    Save(Entry),
    /// Replace a saved entry by a new version.
    Update {
        /// The saved version.
        before: Entry,
        /// The new version.
        after: Entry,
        /// True for an undo.
        undoing: bool,
    },
    /// Delete a saved entry.
    Delete(Entry),
    /// Put a deleted entry back.
    Restore(Entry),
}
