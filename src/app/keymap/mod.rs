//! The one keymap: it drives dispatch, the footer's hints and the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Screen;
use super::action::Action;
use super::text::TextEdit;
use crate::domain::body_map::Direction;

/// Where the keyboard focus is; each has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The body-map screen.
    BodyMap,
    /// The timeline.
    Timeline,
    /// The charts.
    Charts,
    /// The treatments screen.
    Treatments,
    /// A one-line question (timeline filter, date to jump to).
    Prompt,
    /// The log form.
    Form,
    /// The treatment form.
    TreatmentForm,
    /// A list with a filter box (region search, sensation filter).
    Picker,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
    /// Picking the form's regions on the map.
    PickWhere,
}

/// What a binding does; some read the key to fill in details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Intent {
    Quit,
    Help,
    Screen,
    Move,
    Flip,
    Style,
    Search,
    Select,
    Log,
    ClearSelection,
    Window,
    Filter,
    Metric,
    NextField,
    PrevField,
    Save,
    Submit,
    Cancel,
    Edit,
    LineEdit,
    Yes,
    No,
    Page,
    Jump,
    ClearFilter,
    DeleteEntry,
    Undo,
    Redo,
    TimelineHere,
    PickOnMap,
    StartCourse,
    Apply,
    Dose,
    Stop,
    MergeCopies,
}

mod remap;

pub use remap::{Bound, Keymap, KeymapError};

/// One line of the built-in keymap.
#[derive(Debug)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in hints and help.
    pub keys_label: &'static str,
    /// What it does, in a few words.
    pub description: &'static str,
    /// The footer's word for it; `None` keeps it out of the footer.
    pub hint: Option<&'static str>,
    intent: Intent,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}

macro_rules! bind {
    ($context:ident, $keys:expr, $label:expr, $intent:ident, $hint:expr, $description:expr) => {
        Binding {
            context: Context::$context,
            keys: $keys,
            keys_label: $label,
            description: $description,
            hint: $hint,
            intent: Intent::$intent,
        }
    };
}

/// The editing keys shared by the form and the pickers.
const EDIT_KEYS: &[(KeyCode, KeyModifiers)] = &[
    key(KeyCode::Left),
    key(KeyCode::Right),
    key(KeyCode::Up),
    key(KeyCode::Down),
    key(KeyCode::Home),
    key(KeyCode::End),
    key(KeyCode::Backspace),
    key(KeyCode::Delete),
];

/// Arrows and vi keys.
const MOVE_KEYS: &[(KeyCode, KeyModifiers)] = &[
    key(KeyCode::Left),
    key(KeyCode::Right),
    key(KeyCode::Up),
    key(KeyCode::Down),
    ch('h'),
    ch('j'),
    ch('k'),
    ch('l'),
];

/// Up and down, arrows and vi keys.
const UP_DOWN_KEYS: &[(KeyCode, KeyModifiers)] =
    &[key(KeyCode::Up), key(KeyCode::Down), ch('k'), ch('j')];

/// A word left or right.
const WORD_KEYS: &[(KeyCode, KeyModifiers)] = &[
    (KeyCode::Left, CTRL),
    (KeyCode::Right, CTRL),
    (KeyCode::Char('b'), ALT),
    (KeyCode::Char('f'), ALT),
];

const SCREEN_KEYS: &[(KeyCode, KeyModifiers)] = &[ch('1'), ch('2'), ch('3'), ch('4')];
const REDO_KEYS: &[(KeyCode, KeyModifiers)] = &[ch('U'), (KeyCode::Char('r'), CTRL)];
const QUIT_KEYS: &[(KeyCode, KeyModifiers)] = &[ch('q'), (KeyCode::Char('c'), CTRL)];

/// Every binding, in the order help lists them: one line each.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    bind!(BodyMap, MOVE_KEYS, "←↑↓→", Move, Some("move"), "move to the nearest region"),
    bind!(BodyMap, &[ch('f')], "f", Flip, Some("flip"), "flip between front and back"),
    bind!(BodyMap, &[ch(' ')], "Space", Select, Some("select"), "select / unselect region"),
    bind!(BodyMap, &[key(KeyCode::Enter)], "Enter", Log, Some("log"), "log a sensation here"),
    bind!(BodyMap, &[ch('/')], "/", Search, Some("find"), "find a region by name"),
    bind!(BodyMap, &[key(KeyCode::Esc)], "Esc", ClearSelection, None, "clear the selection"),
    bind!(BodyMap, &[ch('w')], "w", Window, Some("window"), "window: 7d 30d 90d 1y all"),
    bind!(BodyMap, &[ch('s')], "s", Filter, Some("filter"), "count one sensation/class"),
    bind!(BodyMap, &[ch('m')], "m", Metric, Some("metric"), "episodes/days/intensity"),
    bind!(BodyMap, &[ch('t')], "t", TimelineHere, Some("timeline"), "timeline of this region"),
    bind!(BodyMap, &[ch('v')], "v", Style, Some("style"), "draw the map solid / outline"),
    bind!(BodyMap, &[ch('M')], "M", MergeCopies, None, "merge sync conflict copies"),
    bind!(BodyMap, &[ch('u')], "u", Undo, None, "undo the last change"),
    bind!(BodyMap, REDO_KEYS, "U", Redo, None, "redo what u undid"),
    bind!(BodyMap, SCREEN_KEYS, "1-4", Screen, None, "go to screen 1-4"),
    bind!(BodyMap, &[ch('?')], "?", Help, Some("help"), "help"),
    bind!(BodyMap, QUIT_KEYS, "q", Quit, Some("quit"), "quit"),
    bind!(Timeline, UP_DOWN_KEYS, "↑↓", Move, Some("move"), "previous / next entry"),
    bind!(Timeline, &[key(KeyCode::Enter)], "Enter", Log, Some("edit"), "edit the entry"),
    bind!(Timeline, &[ch('/')], "/", Search, Some("filter"), "filter by words (any field)"),
    bind!(Timeline, &[ch('g')], "g", Jump, Some("go to"), "go to a date"),
    bind!(Timeline, &[ch('d')], "d", DeleteEntry, Some("delete"), "delete the entry (asks)"),
    bind!(Timeline, &[ch('u')], "u", Undo, Some("undo"), "undo the last change"),
    bind!(Timeline, &[key(KeyCode::PageUp), key(KeyCode::PageDown)], "PgUp/Dn", Page, Some("page"), "a page up / down"),
    bind!(Timeline, &[key(KeyCode::Home), key(KeyCode::End)], "Home End", Edit, None, "newest / oldest"),
    bind!(Timeline, REDO_KEYS, "U", Redo, None, "redo what u undid"),
    bind!(Timeline, &[key(KeyCode::Esc)], "Esc", ClearFilter, None, "clear the filter"),
    bind!(Timeline, SCREEN_KEYS, "1-4", Screen, None, "go to screen 1-4"),
    bind!(Timeline, &[ch('?')], "?", Help, Some("help"), "help"),
    bind!(Timeline, QUIT_KEYS, "q", Quit, Some("quit"), "quit"),
    bind!(Charts, UP_DOWN_KEYS, "↑↓", Move, Some("move"), "previous / next region"),
    bind!(Charts, &[key(KeyCode::Enter), ch('t')], "Enter", TimelineHere, Some("timeline"), "timeline of this region"),
    bind!(Charts, &[ch('w')], "w", Window, Some("window"), "window: 7d 30d 90d 1y all"),
    bind!(Charts, &[ch('s')], "s", Filter, Some("filter"), "count one sensation/class"),
    bind!(Charts, &[ch('m')], "m", Metric, Some("metric"), "episodes/days/intensity"),
    bind!(Charts, &[ch('u')], "u", Undo, None, "undo the last change"),
    bind!(Charts, REDO_KEYS, "U", Redo, None, "redo what u undid"),
    bind!(Charts, SCREEN_KEYS, "1-4", Screen, None, "go to screen 1-4"),
    bind!(Charts, &[ch('?')], "?", Help, Some("help"), "help"),
    bind!(Charts, QUIT_KEYS, "q", Quit, Some("quit"), "quit"),
    bind!(Treatments, UP_DOWN_KEYS, "↑↓", Move, Some("move"), "previous / next record"),
    bind!(Treatments, &[ch('n')], "n", StartCourse, Some("start"), "start a course"),
    bind!(Treatments, &[ch('a')], "a", Apply, Some("apply"), "record an application (patch, cream)"),
    bind!(Treatments, &[ch('c')], "c", Dose, Some("dose"), "change the course's dose"),
    bind!(Treatments, &[ch('s')], "s", Stop, Some("stop"), "stop the course"),
    bind!(Treatments, &[key(KeyCode::Enter), ch('e')], "Enter", Log, Some("edit"), "edit the record"),
    bind!(Treatments, &[ch('d')], "d", DeleteEntry, Some("delete"), "delete the record (asks)"),
    bind!(Treatments, &[ch('u')], "u", Undo, Some("undo"), "undo the last change"),
    bind!(Treatments, REDO_KEYS, "U", Redo, None, "redo what u undid"),
    bind!(Treatments, SCREEN_KEYS, "1-4", Screen, None, "go to screen 1-4"),
    bind!(Treatments, &[ch('?')], "?", Help, Some("help"), "help"),
    bind!(Treatments, QUIT_KEYS, "q", Quit, Some("quit"), "quit"),
    bind!(Form, &[key(KeyCode::Tab)], "Tab", NextField, Some("next"), "next field"),
    bind!(Form, &[key(KeyCode::BackTab), (KeyCode::BackTab, SHIFT)], "Shift+Tab", PrevField, Some("back"), "previous field"),
    bind!(Form, &[(KeyCode::Char('s'), CTRL)], "Ctrl+S", Save, Some("save"), "save from any field"),
    bind!(Form, &[key(KeyCode::Enter)], "Enter", Submit, Some("save"), "save (note: new line)"),
    bind!(Form, &[key(KeyCode::Esc)], "Esc", Cancel, Some("cancel"), "cancel"),
    bind!(Form, EDIT_KEYS, "←→↑↓", Edit, None, "intensity, list or cursor"),
    bind!(Form, &[(KeyCode::Char('u'), CTRL), (KeyCode::Char('k'), CTRL)], "Ctrl+U K", LineEdit, None, "delete to line start / end"),
    bind!(Form, &[(KeyCode::Char('w'), CTRL), (KeyCode::Backspace, CTRL)], "Ctrl+W", LineEdit, None, "delete a word back"),
    bind!(Form, &[(KeyCode::Char('a'), CTRL), (KeyCode::Char('e'), CTRL)], "Ctrl+A E", LineEdit, None, "line start / end"),
    bind!(Form, WORD_KEYS, "Ctrl+←→", LineEdit, None, "word left / right"),
    bind!(Form, &[key(KeyCode::F(2))], "F2", PickOnMap, Some("pick on map"), "pick the regions on the map"),
    bind!(Form, &[(KeyCode::Char('c'), CTRL)], "Ctrl+C", Quit, None, "quit (asks first)"),
    bind!(TreatmentForm, &[key(KeyCode::Tab)], "Tab", NextField, Some("next"), "next field"),
    bind!(TreatmentForm, &[key(KeyCode::BackTab), (KeyCode::BackTab, SHIFT)], "Shift+Tab", PrevField, Some("back"), "previous field"),
    bind!(TreatmentForm, &[(KeyCode::Char('s'), CTRL), key(KeyCode::Enter)], "Enter", Save, Some("save"), "save"),
    bind!(TreatmentForm, &[key(KeyCode::Esc)], "Esc", Cancel, Some("cancel"), "cancel"),
    bind!(TreatmentForm, EDIT_KEYS, "←→", Edit, None, "move the cursor"),
    bind!(TreatmentForm, &[(KeyCode::Char('u'), CTRL), (KeyCode::Char('k'), CTRL)], "Ctrl+U K", LineEdit, None, "delete to line start / end"),
    bind!(TreatmentForm, &[(KeyCode::Char('w'), CTRL), (KeyCode::Backspace, CTRL)], "Ctrl+W", LineEdit, None, "delete a word back"),
    bind!(TreatmentForm, &[(KeyCode::Char('a'), CTRL), (KeyCode::Char('e'), CTRL)], "Ctrl+A E", LineEdit, None, "line start / end"),
    bind!(TreatmentForm, WORD_KEYS, "Ctrl+←→", LineEdit, None, "word left / right"),
    bind!(TreatmentForm, &[(KeyCode::Char('c'), CTRL)], "Ctrl+C", Quit, None, "quit (asks first)"),
    bind!(Picker, &[key(KeyCode::Enter)], "Enter", Submit, Some("choose"), "choose"),
    bind!(Picker, EDIT_KEYS, "↑↓", Edit, Some("move"), "move in the list"),
    bind!(Picker, &[key(KeyCode::Esc)], "Esc", Cancel, Some("close"), "close"),
    bind!(Picker, &[(KeyCode::Char('u'), CTRL), (KeyCode::Char('k'), CTRL)], "Ctrl+U K", LineEdit, None, "delete to line start / end"),
    bind!(Picker, &[(KeyCode::Char('w'), CTRL), (KeyCode::Backspace, CTRL)], "Ctrl+W", LineEdit, None, "delete a word back"),
    bind!(Picker, &[(KeyCode::Char('a'), CTRL), (KeyCode::Char('e'), CTRL)], "Ctrl+A E", LineEdit, None, "line start / end"),
    bind!(Picker, WORD_KEYS, "Ctrl+←→", LineEdit, None, "word left / right"),
    bind!(Prompt, &[key(KeyCode::Enter)], "Enter", Submit, Some("apply"), "apply"),
    bind!(Prompt, &[key(KeyCode::Esc)], "Esc", Cancel, Some("cancel"), "cancel"),
    bind!(Prompt, EDIT_KEYS, "←→", Edit, None, "move the cursor"),
    bind!(Prompt, &[(KeyCode::Char('u'), CTRL), (KeyCode::Char('k'), CTRL)], "Ctrl+U K", LineEdit, None, "delete to line start / end"),
    bind!(Prompt, &[(KeyCode::Char('w'), CTRL), (KeyCode::Backspace, CTRL)], "Ctrl+W", LineEdit, None, "delete a word back"),
    bind!(Prompt, &[(KeyCode::Char('a'), CTRL), (KeyCode::Char('e'), CTRL)], "Ctrl+A E", LineEdit, None, "line start / end"),
    bind!(Prompt, WORD_KEYS, "Ctrl+←→", LineEdit, None, "word left / right"),
    bind!(Confirm, &[ch('y'), ch('Y')], "y", Yes, Some("yes"), "yes"),
    bind!(Confirm, &[ch('n'), ch('N'), key(KeyCode::Esc)], "n", No, Some("no"), "no"),
    bind!(Help, &[ch('?'), key(KeyCode::Esc), ch('q')], "? Esc", Help, Some("close"), "close help"),
    bind!(PickWhere, MOVE_KEYS, "←↑↓→", Move, Some("move"), "move to the nearest region"),
    bind!(PickWhere, &[ch('f')], "f", Flip, Some("flip"), "flip between front and back"),
    bind!(PickWhere, &[ch(' ')], "Space", Select, Some("select"), "add / take out the region"),
    bind!(PickWhere, &[key(KeyCode::Enter)], "Enter", Submit, Some("use these"), "back to the form with these regions"),
    bind!(PickWhere, &[key(KeyCode::Esc)], "Esc", Cancel, Some("cancel"), "back to the form, Where unchanged"),
];

/// Whether a pressed key matches a bound one. Shift is ignored on
/// characters, since it is how `?` or `Y` are typed.
fn matches(bound: (KeyCode, KeyModifiers), event: &KeyEvent) -> bool {
    let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
    match (bound.0, event.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => {
            a == b && (event.modifiers & relevant) == (bound.1 & relevant)
        }
        (a, b) => a == b && (event.modifiers & (relevant | KeyModifiers::SHIFT)) == bound.1,
    }
}

/// Turns an intent plus the actual key into an action.
fn resolve(intent: Intent, event: &KeyEvent) -> Option<Action> {
    Some(match intent {
        Intent::Quit => Action::Quit,
        Intent::Help => Action::ToggleHelp,
        Intent::Screen => match event.code {
            KeyCode::Char(c) => Action::ShowScreen(Screen::from_number(c)?),
            _ => return None,
        },
        Intent::Move => Action::Move(match event.code {
            KeyCode::Up | KeyCode::Char('k') => Direction::Up,
            KeyCode::Down | KeyCode::Char('j') => Direction::Down,
            KeyCode::Left | KeyCode::Char('h') => Direction::Left,
            _ => Direction::Right,
        }),
        Intent::Flip => Action::Flip,
        Intent::Style => Action::ToggleMapStyle,
        Intent::Search => Action::OpenSearch,
        Intent::Select => Action::ToggleSelect,
        Intent::Log => Action::OpenLogForm,
        Intent::ClearSelection => Action::ClearSelection,
        Intent::Window => Action::CycleWindow,
        Intent::Filter => Action::OpenFilterPicker,
        Intent::Metric => Action::CycleMetric,
        Intent::NextField => Action::NextField,
        Intent::PrevField => Action::PrevField,
        Intent::Save => Action::Save,
        Intent::Submit => Action::Submit,
        Intent::Cancel => Action::Cancel,
        Intent::Yes => Action::Confirm(true),
        Intent::No => Action::Confirm(false),
        Intent::Page => match event.code {
            KeyCode::PageUp => Action::PageUp,
            _ => Action::PageDown,
        },
        Intent::Jump => Action::JumpToDate,
        Intent::ClearFilter => Action::ClearFilter,
        Intent::DeleteEntry => Action::DeleteEntry,
        Intent::Undo => Action::Undo,
        Intent::Redo => Action::Redo,
        Intent::TimelineHere => Action::OpenTimelineHere,
        Intent::PickOnMap => Action::PickOnMap,
        Intent::StartCourse => Action::StartCourse,
        Intent::Apply => Action::ApplyTreatment,
        Intent::Dose => Action::ChangeDose,
        Intent::Stop => Action::StopCourse,
        Intent::MergeCopies => Action::MergeCopies,
        Intent::LineEdit => Action::Edit(match event.code {
            KeyCode::Char('u') => TextEdit::DeleteToStart,
            KeyCode::Char('w') | KeyCode::Backspace => TextEdit::DeleteWord,
            KeyCode::Char('k') => TextEdit::DeleteToEnd,
            KeyCode::Char('a') => TextEdit::LineStart,
            KeyCode::Char('e') => TextEdit::LineEnd,
            KeyCode::Left | KeyCode::Char('b') => TextEdit::WordLeft,
            _ => TextEdit::WordRight,
        }),
        Intent::Edit => match event.code {
            KeyCode::Left => Action::CursorLeft,
            KeyCode::Right => Action::CursorRight,
            KeyCode::Up => Action::CursorUp,
            KeyCode::Down => Action::CursorDown,
            KeyCode::Home => Action::Home,
            KeyCode::End => Action::End,
            KeyCode::Backspace => Action::Backspace,
            _ => Action::Delete,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
        Keymap::standard().action_for(context, event)
    }

    #[test]
    fn keys_map_to_actions_by_context() {
        let body = |code| action_for(Context::BodyMap, &press(code, NONE));
        assert_eq!(body(KeyCode::Char('k')), Some(Action::Move(Direction::Up)));
        assert_eq!(body(KeyCode::Left), Some(Action::Move(Direction::Left)));
        assert_eq!(body(KeyCode::Char('f')), Some(Action::Flip));
        assert_eq!(
            body(KeyCode::Char('2')),
            Some(Action::ShowScreen(Screen::Timeline))
        );
        assert_eq!(body(KeyCode::Char('z')), None);
        assert_eq!(
            action_for(Context::BodyMap, &press(KeyCode::Char('?'), SHIFT)),
            Some(Action::ToggleHelp)
        );
        // In a form, letters are text, even those bound on the body map.
        assert_eq!(
            action_for(Context::Form, &press(KeyCode::Char('q'), NONE)),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action_for(Context::Form, &press(KeyCode::Char('S'), SHIFT)),
            Some(Action::Input('S'))
        );
        assert_eq!(
            action_for(Context::Form, &press(KeyCode::Char('s'), CTRL)),
            Some(Action::Save)
        );
        assert_eq!(
            action_for(Context::Form, &press(KeyCode::BackTab, SHIFT)),
            Some(Action::PrevField)
        );
        assert_eq!(
            action_for(Context::Confirm, &press(KeyCode::Char('y'), NONE)),
            Some(Action::Confirm(true))
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for a in KEYMAP {
            for b in KEYMAP
                .iter()
                .filter(|b| b.context == a.context && !std::ptr::eq(*b, a))
            {
                for k in a.keys {
                    assert!(
                        !b.keys.contains(k),
                        "{:?} bound twice in {:?}",
                        k,
                        a.context
                    );
                }
            }
        }
    }
}
