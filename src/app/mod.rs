//! App state, the actions that change it, and the keymap. Draws nothing.

pub mod action;
mod charts;
pub mod controller;
pub mod form;
pub mod keymap;
pub mod layout;
mod picker;
mod settings;
pub mod text;
mod timeline;
mod update;

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use ratatui::layout::Rect;

pub use action::{Action, Effect};
pub use charts::Charts;
pub use controller::Controller;
use form::LogForm;
use keymap::Context;
pub use picker::{FilterOption, Picker, PickerKind, PickerRow};
pub use settings::{ColorMode, HeatSettings, TimeWindow, Zone, metric_label, next_metric};
pub use timeline::{Prompt, PromptKind, Timeline, UndoStep};

use crate::domain::body_map::{BodyFigures, BodyMap};
use crate::domain::query::entries_since;
use crate::domain::{
    Catalogue, Entry, Filter, HeatScale, RegionId, RegionTally, SensationCatalogue,
};

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
}

/// How a status message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Good news.
    Info,
    /// Something failed.
    Error,
}

/// A one-line message under the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The words.
    pub text: String,
    /// Info or error.
    pub kind: StatusKind,
}

/// Everything the screens show.
#[derive(Debug)]
pub struct App {
    /// Every loaded entry, sorted by time.
    pub entries: Vec<Entry>,
    /// The sensation types.
    pub sensations: SensationCatalogue,
    /// Months that could not be read, said once at start.
    pub problems: Vec<String>,
    /// The current time, refreshed before each action.
    pub now: DateTime<FixedOffset>,
    /// The zone WHEN text is read in.
    pub zone: Zone,
    /// The screen shown.
    pub screen: Screen,
    /// What is drawn over it.
    pub overlay: Option<Overlay>,
    /// Set while asking whether to quit and lose the form's input.
    pub confirm_quit: bool,
    /// The region under the keyboard cursor.
    pub cursor: RegionId,
    /// Regions gathered with Space for one entry.
    pub selection: BTreeSet<RegionId>,
    /// The region under the mouse.
    pub hover: Option<RegionId>,
    /// What the heat-map counts.
    pub heat: HeatSettings,
    /// Counts per region for `heat`, kept up to date as entries arrive.
    pub tally: RegionTally,
    /// The local day `tally` was counted on; a new day recounts.
    tally_day: NaiveDate,
    /// The terminal's size.
    pub area: Rect,
    /// What the terminal can show.
    pub color: ColorMode,
    /// The last message.
    pub status: Option<Status>,
    /// The timeline's filter, rows and scroll position.
    pub timeline: Timeline,
    /// The charts' data.
    pub charts: Charts,
    /// Edits and deletes of this run, newest last, for `u`.
    pub undo: Vec<UndoStep>,
    /// Set once the person has quit.
    pub should_quit: bool,
}

impl App {
    /// An app over loaded entries, with the cursor on the most affected
    /// region of the last 30 days.
    pub fn new(
        entries: Vec<Entry>,
        sensations: SensationCatalogue,
        problems: Vec<String>,
        now: DateTime<FixedOffset>,
        zone: Zone,
    ) -> App {
        let heat = HeatSettings::default();
        let mut app = App {
            entries,
            sensations,
            problems,
            now,
            zone,
            screen: Screen::BodyMap,
            overlay: None,
            confirm_quit: false,
            cursor: RegionId::default(),
            selection: BTreeSet::new(),
            hover: None,
            heat,
            tally: RegionTally::default(),
            tally_day: now.date_naive(),
            area: Rect::new(0, 0, 80, 24),
            color: ColorMode::TrueColor,
            status: None,
            timeline: Timeline::default(),
            charts: Charts::default(),
            undo: Vec::new(),
            should_quit: false,
        };
        app.recount();
        app.refresh_timeline();
        if let Some(top) = app.tally.ranked().first() {
            app.cursor = top.region;
        } else if let Ok(chest) = Catalogue::global().lookup("right-chest") {
            app.cursor = chest;
        }
        if !app.problems.is_empty() {
            app.status = Some(Status {
                text: format!("Some months could not be read: {}", app.problems.join("; ")),
                kind: StatusKind::Error,
            });
        }
        app
    }

    /// The filter the heat-map counts with.
    pub fn heat_filter(&self) -> Filter {
        Filter {
            since: self
                .heat
                .window
                .days()
                .map(|d| self.now - Duration::days(d)),
            until: None,
            region: None,
            sensation: self.heat.sensation.clone(),
            text: None,
        }
    }

    /// Recounts the heat-map and the charts from all entries.
    pub fn recount(&mut self) {
        let filter = self.heat_filter();
        self.tally = RegionTally::from_entries(
            entries_since(&self.entries, filter.since),
            &filter,
            &self.sensations,
        );
        self.tally_day = self.now.date_naive();
        self.refresh_charts();
    }

    /// The colour scale for the current counts.
    pub fn heat_scale(&self) -> HeatScale {
        HeatScale::for_tally(&self.tally, self.heat.metric)
    }

    /// The figures at the size the current terminal shows.
    pub fn figures(&self) -> &'static BodyFigures {
        let size = layout::body_map(layout::screen(self.area).body)
            .map_or(crate::domain::body_map::FigureSize::Compact, |l| l.size);
        BodyMap::global().figures(size)
    }

    /// The regions a new entry would cover: the selection, or the cursor.
    pub fn target_regions(&self) -> Vec<RegionId> {
        if self.selection.is_empty() {
            vec![self.cursor]
        } else {
            self.selection.iter().copied().collect()
        }
    }

    /// Where the keys go now.
    pub fn key_context(&self) -> Context {
        if self.confirm_quit {
            return Context::Confirm;
        }
        match &self.overlay {
            Some(Overlay::Help) => Context::Help,
            Some(Overlay::Picker(_)) => Context::Picker,
            Some(Overlay::Form(form)) if form.confirm_discard => Context::Confirm,
            Some(Overlay::Form(_)) => Context::Form,
            Some(Overlay::Prompt(_)) => Context::Prompt,
            Some(Overlay::ConfirmDelete(_)) => Context::Confirm,
            None => match self.screen {
                Screen::BodyMap => Context::BodyMap,
                Screen::Timeline => Context::Timeline,
                Screen::Charts => Context::Charts,
                Screen::Treatments => Context::Placeholder,
            },
        }
    }

    /// The last sensation and intensity logged, to start a new form from.
    pub fn last_logged(&self) -> Option<(&crate::domain::SensationId, u8)> {
        self.entries
            .iter()
            .max_by_key(|e| e.created)
            .map(|e| (&e.sensation, e.intensity.value()))
    }

    /// Recounts when the day changed since the last count.
    fn refresh_day(&mut self) {
        if self.now.date_naive() != self.tally_day {
            self.recount();
        }
    }
}
