//! Every user intent, and the side effects an update asks the runtime for.

use super::history::{Purpose, Step};
use super::text::TextEdit;
use super::treatments::TreatmentWritten;
use crate::domain::body_map::{Direction, MapStyle};
use crate::domain::treatment::{TreatmentLog, TreatmentRecord};
use crate::domain::{Entry, YearMonth};

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
    /// Switch the body map between its solid and outline drawing.
    ToggleMapStyle,
    /// Log form: pick its regions on the body map.
    PickOnMap,
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
    /// Undo the last change of this run.
    Undo,
    /// Next heat-map time window.
    CycleWindow,
    /// Choose which sensations the heat-map counts.
    OpenFilterPicker,
    /// Next heat-map metric.
    CycleMetric,
    /// A typed character.
    Input(char),
    /// Text pasted into the terminal (bracketed paste): always text, never
    /// keys, so a paste cannot save, quit or run a command.
    Paste(String),
    /// A line-editing key in a text field.
    Edit(TextEdit),
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
    /// The mouse wheel turned.
    Wheel {
        /// Towards the top of the list.
        up: bool,
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
    /// Redo the last undone change of this run.
    Redo,
    /// Treatments: start a course (opens the form).
    StartCourse,
    /// Treatments: record an application (opens the form).
    ApplyTreatment,
    /// Treatments: a new dose for the chosen running course.
    ChangeDose,
    /// Treatments: stop the chosen running course.
    StopCourse,
    /// The runtime wrote a treatment change (boxed: it is large).
    TreatmentWritten(Box<TreatmentWritten>),
    /// The treatments as read from disk, or why they could not be.
    TreatmentsLoaded(Result<TreatmentLog, String>),
    /// The clock ticked: messages age out, a new day recounts.
    Tick,
    /// The runtime wrote a change to disk (boxed: it is large).
    Written(Box<Written>),
    /// The runtime could not write; the message says why.
    WriteFailed {
        /// Why it was asked for.
        purpose: Purpose,
        /// What went wrong.
        message: String,
    },
    /// Another sensemap holds the lock; the runtime waits and retries.
    WriteWaiting,
    /// The map style could not be remembered in `config.ron`; says why.
    SettingNotSaved(String),
    /// Months re-read from disk after they changed there.
    Reloaded(Vec<MonthOnDisk>),
    /// Older months read in the background after the first frame.
    Loaded(Vec<MonthOnDisk>),
    /// The months on disk still to be loaded in the background.
    LoadingMonths(Vec<YearMonth>),
    /// Copies of months found beside them (sync conflicts, misfiled
    /// months), each described, whose entries are not shown until merged.
    CopiesFound(Vec<String>),
    /// Merge the copies into the journal by the merge rule.
    MergeCopies,
    /// Deletions remembered in each month read at the start (id, when).
    DeathsKnown(Vec<(YearMonth, Deletions)>),
    /// What was being typed when sensemap last stopped on an internal
    /// error: opened again in the log form (boxed: it is large).
    RecoverForm {
        /// What the form held.
        form: Box<super::form::RecoveredForm>,
        /// The entry it was editing, found on disk when it is in a month
        /// not loaded yet.
        edited: Option<Box<Entry>>,
    },
    /// The copies were merged (or why not), with the months they changed
    /// and the copies still left.
    CopiesMerged {
        /// What was done, or why it could not be.
        outcome: Result<String, String>,
        /// The months merged into, as they are now on disk.
        months: Vec<MonthOnDisk>,
        /// The copies still there, described.
        left: Vec<String>,
    },
}

/// A write that went through, and what the months it touched now hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The change written.
    pub step: Step,
    /// Why it was asked for.
    pub purpose: Purpose,
    /// Each month written, as it is now on disk.
    pub months: Vec<MonthOnDisk>,
}

/// The deletions a month file remembers: each id, and when.
pub type Deletions = Vec<(ulid::Ulid, chrono::DateTime<chrono::FixedOffset>)>;

/// One month as read from disk, or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthOnDisk {
    /// The month.
    pub month: YearMonth,
    /// Its entries, or the reason it could not be read.
    pub entries: Result<Vec<Entry>, String>,
    /// The deletions its file remembers (id, when): they hide older
    /// versions of those entries in any other month.
    pub deleted: Deletions,
}

/// Work an update asks the runtime to do; the result comes back as an action.
/// (Re-reading months that changed on disk is the runtime's own work.)
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write one change: add (`before` is `None`), replace, or delete
    /// (`after` is `None`). Answered by `Written` or `WriteFailed`.
    Write {
        /// The change (boxed: it is large).
        step: Box<Step>,
        /// Why.
        purpose: Purpose,
    },
    /// Write one treatment record change, the same way. Answered by
    /// `TreatmentWritten` or `WriteFailed`.
    WriteTreatment {
        /// The change (boxed: it is large).
        step: Box<Step<TreatmentRecord>>,
        /// Why.
        purpose: Purpose,
    },
    /// Stop waiting for the lock on the write in flight; it answers
    /// `WriteFailed` and nothing is written.
    CancelWrite,
    /// Remember the map style in `config.ron`; a failure answers
    /// `SettingNotSaved`.
    SaveMapStyle(MapStyle),
    /// Merge the stray copies into their months; answered by
    /// `CopiesMerged`.
    MergeCopies,
}
