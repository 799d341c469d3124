//! App state, the actions that change it, and the keymap. Draws nothing and
//! does no I/O: the runtime feeds it actions and carries out its effects.
//!
//! State is split by owner: [`JournalView`] is the journal's view model
//! (entries and everything counted from them), each screen has its own UI
//! state, and [`Modal`] holds whatever is open over the screen.

pub mod action;
mod body_map;
mod change;
mod charts;
pub mod form;
mod header;
pub mod history;
pub mod keymap;
pub mod layout;
pub mod look;
mod picker;
mod picking;
mod settings;
pub mod text;
mod timeline;
pub mod treatments;
mod update;
mod view_model;
mod writes;

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset};
use ratatui::layout::Rect;

pub use action::{Action, Deletions, Effect, MonthOnDisk, Written};
pub use body_map::BodyMapState;
pub use charts::Charts;
use form::LogForm;
pub use header::{APP_NAME, HeaderLine, Tab};
pub use history::{History, Purpose, Step};
use keymap::Context;
pub use look::{Palette, ThemeName};
pub use picker::{FilterOption, Picker, PickerKind, PickerRow};
pub use settings::{ColorMode, HeatSettings, TimeWindow, metric_label, next_metric};
pub use timeline::{Prompt, PromptKind, Timeline, TimelineLine};
pub use treatments::form::{TreatmentField, TreatmentForm, TreatmentFormKind};
pub use treatments::{TreatmentWritten, TreatmentsState};
pub use view_model::JournalView;

use crate::domain::body_map::BodyGeometry;
pub use crate::domain::when::{DateOrder, Zone};
use crate::domain::{Catalogue, Entry, RegionId, SensationCatalogue};

/// How long an informational message stays under the map.
pub const INFO_SECONDS: i64 = 6;
/// How long an error stays under the map.
pub const ERROR_SECONDS: i64 = 20;

/// The screens, reached by number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// `1`: the body map.
    BodyMap,
    /// `2`: the timeline.
    Timeline,
    /// `3`: the charts.
    Charts,
    /// `4`: treatments.
    Treatments,
}

impl Screen {
    /// Every screen in number order.
    pub const ALL: [Screen; 4] = [
        Screen::BodyMap,
        Screen::Timeline,
        Screen::Charts,
        Screen::Treatments,
    ];

    /// The screen for a number key.
    pub fn from_number(key: char) -> Option<Screen> {
        let index = key.to_digit(10)?.checked_sub(1)?;
        Screen::ALL.get(index as usize).copied()
    }

    /// The screen's name in the header.
    pub fn title(self) -> &'static str {
        match self {
            Screen::BodyMap => "Body map",
            Screen::Timeline => "Timeline",
            Screen::Charts => "Charts",
            Screen::Treatments => "Treatments",
        }
    }
}

/// Something drawn over the screen that takes the keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key help.
    Help,
    /// A list with a filter box.
    Picker(Picker),
    /// The log form, for a new entry or an edit (boxed: it is large).
    Form(Box<LogForm>),
    /// A one-line question on the timeline.
    Prompt(Prompt),
    /// "Delete this entry?"
    ConfirmDelete(Entry),
    /// The form's Where picked on the body map: the form waits, the map
    /// shows its regions selected (boxed: it is large).
    PickWhere(Box<PickWhere>),
    /// The treatment form (boxed: it is large).
    TreatmentForm(Box<TreatmentForm>),
    /// "Delete this course / application?"
    ConfirmDeleteTreatment(crate::domain::treatment::TreatmentRecord),
}

/// Picking the log form's regions on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct PickWhere {
    /// The form, as it was, to return to.
    pub form: LogForm,
    /// The map's own selection, given back afterwards.
    pub selection_before: BTreeSet<RegionId>,
    /// The map's cursor, given back afterwards.
    pub cursor_before: RegionId,
}

/// Everything open over the screen: one place for modal state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Modal {
    /// What is drawn over the screen.
    pub overlay: Option<Overlay>,
    /// Set while asking whether to quit and lose the form's input.
    pub confirm_quit: bool,
}

/// How a status message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Good news.
    Info,
    /// Something failed.
    Error,
}

/// A one-line message under the map; it clears itself after a while.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The words.
    pub text: String,
    /// Info or error.
    pub kind: StatusKind,
    /// When it was said.
    pub since: DateTime<FixedOffset>,
}

/// A write handed to the runtime and not yet answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saving {
    /// Why it was asked for.
    pub purpose: Purpose,
    /// Set while another sensemap holds the lock and the runtime retries.
    pub waiting: bool,
    /// Set when the person quit meanwhile: quit once it is done.
    pub quit_when_done: bool,
    /// Set when they also agreed to lose what a form holds.
    pub discard_confirmed: bool,
}

/// Everything the screens show.
#[derive(Debug)]
pub struct App {
    /// The journal's view model: entries and everything counted from them.
    pub journal: JournalView,
    /// The body map's cursor, selection and hover.
    pub body: BodyMapState,
    /// The timeline's filter, rows and scroll position.
    pub timeline: Timeline,
    /// The charts' highlighted bar and what it shows.
    pub charts: Charts,
    /// What is open over the screen.
    pub modal: Modal,
    /// The treatment records and the one chosen on screen 4.
    pub treatments: TreatmentsState,
    /// What `u` and `U` can take back and do again.
    pub history: History,
    /// The write in flight, if any.
    pub saving: Option<Saving>,
    /// The screen shown.
    pub screen: Screen,
    /// The last message.
    pub status: Option<Status>,
    /// The current time, refreshed before each action.
    pub now: DateTime<FixedOffset>,
    /// The zone WHEN text is read in.
    pub zone: Zone,
    /// How dates with slashes are read: 25/11 or 11/25.
    pub date_order: DateOrder,
    /// The terminal's size.
    pub area: Rect,
    /// What the terminal can show.
    pub color: ColorMode,
    /// The colours of the theme in use.
    pub palette: look::Palette,
    /// The keys in use: the built-in ones and those chosen in the config.
    pub keymap: std::sync::Arc<keymap::Keymap>,
    /// Set once the person has quit.
    pub should_quit: bool,
    /// The last click's screen row and time, to tell a double click.
    last_click: Option<(u16, DateTime<FixedOffset>)>,
}

impl App {
    /// An app over loaded entries, with the cursor on the most affected
    /// region of the heat-map's window.
    pub fn new(
        entries: Vec<Entry>,
        sensations: SensationCatalogue,
        problems: Vec<String>,
        now: DateTime<FixedOffset>,
        zone: Zone,
    ) -> App {
        let mut app = App {
            journal: JournalView::new(entries, sensations, problems),
            body: BodyMapState::default(),
            timeline: Timeline::default(),
            charts: Charts::default(),
            modal: Modal::default(),
            treatments: TreatmentsState::default(),
            history: History::default(),
            saving: None,
            screen: Screen::BodyMap,
            status: None,
            now,
            zone,
            date_order: DateOrder::default(),
            area: Rect::new(0, 0, 80, 24),
            color: ColorMode::TrueColor,
            palette: look::Palette::default(),
            keymap: keymap::Keymap::standard(),
            should_quit: false,
            last_click: None,
        };
        app.recount();
        app.treatments.weekly =
            crate::domain::query::WeeklyTally::from_entries(app.journal.entries.iter());
        app.rebuild_timeline(None);
        if let Some(top) = app.journal.tally.ranked().first() {
            app.body.cursor = top.region;
        } else if let Ok(chest) = Catalogue::global().lookup("right-chest") {
            app.body.cursor = chest;
        }
        if !app.journal.problems.is_empty() {
            let text = format!(
                "Some months could not be read: {}",
                app.journal.problems.join("; ")
            );
            app.say(StatusKind::Error, text);
        }
        app
    }

    /// Shows a message under the map.
    pub fn say(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind,
            since: self.now,
        });
    }

    /// Recounts the heat-map and the charts from the entries in the window.
    pub fn recount(&mut self) {
        self.journal.recount(self.now, self.zone);
        self.refresh_charts();
    }

    /// The body's shapes, for moving between regions.
    pub fn geometry(&self) -> &'static BodyGeometry {
        BodyGeometry::global()
    }

    /// The regions a new entry would cover: the selection, or the cursor.
    pub fn target_regions(&self) -> Vec<RegionId> {
        if self.body.selection.is_empty() {
            vec![self.body.cursor]
        } else {
            self.body.selection.iter().copied().collect()
        }
    }

    /// The open log form, if any.
    pub fn form(&self) -> Option<&LogForm> {
        match &self.modal.overlay {
            Some(Overlay::Form(form)) => Some(form),
            _ => None,
        }
    }

    /// Where the keys go now.
    pub fn key_context(&self) -> Context {
        if self.modal.confirm_quit {
            return Context::Confirm;
        }
        match &self.modal.overlay {
            Some(Overlay::Help) => Context::Help,
            Some(Overlay::Picker(_)) => Context::Picker,
            Some(Overlay::Form(form)) if form.confirm_discard => Context::Confirm,
            Some(Overlay::Form(_)) => Context::Form,
            Some(Overlay::Prompt(_)) => Context::Prompt,
            Some(Overlay::ConfirmDelete(_)) => Context::Confirm,
            Some(Overlay::PickWhere(_)) => Context::PickWhere,
            Some(Overlay::TreatmentForm(form)) if form.confirm_discard => Context::Confirm,
            Some(Overlay::TreatmentForm(_)) => Context::TreatmentForm,
            Some(Overlay::ConfirmDeleteTreatment(_)) => Context::Confirm,
            None => match self.screen {
                Screen::BodyMap => Context::BodyMap,
                Screen::Timeline => Context::Timeline,
                Screen::Charts => Context::Charts,
                Screen::Treatments => Context::Treatments,
            },
        }
    }

    /// The last sensation and intensity logged, to start a new form from.
    pub fn last_logged(&self) -> Option<(&crate::domain::SensationId, u8)> {
        self.journal
            .entries
            .iter()
            .max_by_key(|e| e.created)
            .map(|e| (&e.sensation, e.intensity.value()))
    }

    /// Whether a click on screen row `y` is the second of a double click:
    /// the same row within half a second.
    pub(crate) fn double_click(&mut self, y: u16) -> bool {
        let now = self.now;
        let double = self
            .last_click
            .is_some_and(|(row, at)| row == y && now - at <= Duration::milliseconds(500));
        self.last_click = if double { None } else { Some((y, now)) };
        double
    }

    /// The clock moved: messages age out, and a new day recounts the windows.
    fn tick(&mut self) {
        // While a write is on its way its message stays: it may be waiting.
        if let Some(status) = self.status.as_ref().filter(|_| self.saving.is_none()) {
            let keep = match status.kind {
                StatusKind::Info => INFO_SECONDS,
                StatusKind::Error => ERROR_SECONDS,
            };
            if self.now - status.since >= Duration::seconds(keep) {
                self.status = None;
            }
        }
        if self.zone.localize(self.now).date_naive() != self.journal.counted_day {
            self.recount();
        }
    }
}
