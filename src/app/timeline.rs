//! The timeline's state: which entries match its filter, which is
//! highlighted, and where the view starts.

use ulid::Ulid;

use super::text::TextField;
use super::{Action, App, Effect, Overlay, layout};
use crate::domain::body_map::Direction;
use crate::domain::journal::SortKey;
use crate::domain::{Entry, Filter, RegionId};

/// One timeline row: an entry, by its time and id.
pub type Row = SortKey;

/// What the timeline shows and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Only entries covering this region.
    pub region: Option<RegionId>,
    /// Only entries whose words match this text.
    pub text: String,
    /// The matching entries by time and id, newest first.
    pub rows: Vec<Row>,
    /// The highlighted row.
    pub selected: usize,
    /// The first row on screen.
    pub offset: usize,
}

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Words to filter the timeline by.
    Filter,
    /// A date to jump to (WHEN syntax).
    JumpTo,
}

/// An open one-line prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it asks for.
    pub kind: PromptKind,
    /// What was typed.
    pub input: TextField,
    /// Why the last answer could not be used.
    pub error: Option<String>,
}

impl Timeline {
    /// Whether any filter is set.
    pub fn is_filtered(&self) -> bool {
        self.region.is_some() || !self.text.trim().is_empty()
    }

    /// Adds a row in its place (newest first).
    pub(super) fn insert_row(&mut self, row: Row) {
        let at = self.rows.partition_point(|r| *r > row);
        if self.rows.get(at) != Some(&row) {
            self.rows.insert(at, row);
        }
    }

    /// Takes a row out.
    pub(super) fn remove_row(&mut self, row: Row) {
        if let Ok(at) = self.rows.binary_search_by(|r| row.cmp(r)) {
            self.rows.remove(at);
        }
    }

    /// The filter as a query filter.
    pub fn filter(&self) -> Filter {
        Filter {
            region: self.region,
            text: Some(self.text.clone()).filter(|t| !t.trim().is_empty()),
            ..Filter::default()
        }
    }

    /// How many entries fit in `height` lines from `offset`, counting the
    /// day headers between them. Looks only at the rows it places.
    pub fn fit(&self, offset: usize, height: usize) -> usize {
        let mut used = 0;
        let mut fitted = 0;
        let mut previous_day = None;
        for row in self.rows.iter().skip(offset) {
            let day = row.0.date_naive();
            let needed = if previous_day == Some(day) { 1 } else { 2 };
            if used + needed > height {
                break;
            }
            used += needed;
            fitted += 1;
            previous_day = Some(day);
        }
        fitted.max(1)
    }

    /// Scrolls just enough to keep the highlighted row in `height` lines.
    pub(super) fn keep_visible(&mut self, height: usize) {
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        while self.selected >= self.offset + self.fit(self.offset, height) {
            self.offset += 1;
        }
    }

    /// Moves the highlight by `delta` rows.
    fn move_by(&mut self, delta: isize, height: usize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
        self.keep_visible(height);
    }

    /// Highlights the row `keep` if listed, else the row at the same
    /// position, and scrolls it into view.
    fn reselect(&mut self, keep: Option<Row>, height: usize) {
        let again = keep.and_then(|key| self.rows.binary_search_by(|r| key.cmp(r)).ok());
        let position = again.unwrap_or(self.selected);
        self.selected = position.min(self.rows.len().saturating_sub(1));
        self.keep_visible(height);
    }

    /// Highlights the first entry felt on `day` or before it, with its
    /// day at the top of the list.
    fn go_to_day(&mut self, day: chrono::NaiveDate, height: usize) {
        let target = self.rows.partition_point(|row| row.0.date_naive() > day);
        self.selected = target.min(self.rows.len().saturating_sub(1));
        self.offset = self.selected;
        self.keep_visible(height);
    }

    /// Sets a new filter, to be listed from the top.
    fn set_filter(&mut self, region: Option<RegionId>, text: String) {
        self.region = region;
        self.text = text;
        self.selected = 0;
        self.offset = 0;
    }
}

/// One line of the timeline's list as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineLine {
    /// A day's heading.
    Day(chrono::NaiveDate),
    /// An entry: its row in `Timeline::rows`.
    Entry(usize),
}

impl App {
    /// The lines of the timeline's list from the scroll position, as drawn
    /// and as clicked: a heading before each day's first entry.
    pub fn timeline_lines(&self) -> Vec<TimelineLine> {
        let t = &self.timeline;
        let fitted = t.fit(t.offset, self.timeline_height());
        let mut lines = Vec::with_capacity(fitted * 2);
        let mut previous_day = None;
        for (row, key) in t.rows.iter().enumerate().skip(t.offset).take(fitted) {
            let Some(entry) = self.journal.entries.get(key.1) else {
                continue;
            };
            let day = entry.day();
            if previous_day != Some(day) {
                lines.push(TimelineLine::Day(day));
                previous_day = Some(day);
            }
            lines.push(TimelineLine::Entry(row));
        }
        lines
    }

    /// The timeline row drawn at screen row `y`, if an entry is there.
    fn timeline_row_at(&self, y: u16) -> Option<usize> {
        let list_top = layout::screen(self.area).body.y + 1;
        let line = usize::from(y.checked_sub(list_top)?);
        match self.timeline_lines().get(line)? {
            TimelineLine::Entry(row) => Some(*row),
            TimelineLine::Day(_) => None,
        }
    }

    /// Lines the timeline has for days and entries at the current size.
    pub fn timeline_height(&self) -> usize {
        layout::timeline_rows(layout::screen(self.area).body) as usize
    }

    /// The rows a filter of the whole journal gives.
    pub(super) fn timeline_rows_from_scratch(&self) -> Vec<Row> {
        let filter = self.timeline.filter();
        self.journal
            .entries
            .iter()
            .rev()
            .filter(|e| filter.matches(e, &self.journal.sensations))
            .map(Entry::sort_key)
            .collect()
    }

    /// Lists the entries matching the filter anew and highlights `keep`.
    pub(super) fn rebuild_timeline(&mut self, keep: Option<Ulid>) {
        self.timeline.rows = self.timeline_rows_from_scratch();
        self.reselect_timeline(keep);
    }

    /// Highlights entry `keep` if it is listed, else the row at the same
    /// position, and scrolls it into view.
    pub(super) fn reselect_timeline(&mut self, keep: Option<Ulid>) {
        let key = keep.and_then(|id| self.journal.entries.key(id));
        let height = self.timeline_height();
        self.timeline.reselect(key, height);
    }

    /// Shows the timeline filtered to one region.
    pub fn open_timeline_for(&mut self, region: RegionId) {
        self.timeline.set_filter(Some(region), String::new());
        self.screen = super::Screen::Timeline;
        self.rebuild_timeline(None);
    }

    /// The highlighted entry.
    pub fn timeline_entry(&self) -> Option<&Entry> {
        self.timeline
            .rows
            .get(self.timeline.selected)
            .and_then(|row| self.journal.entries.get(row.1))
    }

    /// Keys on the timeline with nothing open over it.
    pub(super) fn update_timeline(&mut self, action: Action) -> Option<Effect> {
        let height = self.timeline_height();
        if let Action::Click { y, .. } = action {
            // A click highlights the entry; a second click on it edits it.
            let row = self.timeline_row_at(y)?;
            let again = self.double_click(y);
            let moved = row as isize - self.timeline.selected as isize;
            self.timeline.move_by(moved, height);
            if again {
                return self.update_timeline(Action::OpenLogForm);
            }
            return None;
        }
        let timeline = &mut self.timeline;
        let page = timeline.fit(timeline.offset, height) as isize;
        match action {
            Action::Move(Direction::Up) | Action::Wheel { up: true } => {
                timeline.move_by(-1, height)
            }
            Action::Move(Direction::Down) | Action::Wheel { up: false } => {
                timeline.move_by(1, height)
            }

            Action::PageUp => timeline.move_by(-page, height),
            Action::PageDown => timeline.move_by(page, height),
            Action::Home => timeline.move_by(isize::MIN / 2, height),
            Action::End => timeline.move_by(isize::MAX / 2, height),
            Action::OpenSearch => self.open_prompt(PromptKind::Filter, &self.timeline.text.clone()),
            Action::JumpToDate => self.open_prompt(PromptKind::JumpTo, ""),
            Action::ClearFilter => {
                let keep = self.timeline_entry().map(|e| e.id);
                self.timeline.region = None;
                self.timeline.text.clear();
                self.rebuild_timeline(keep);
            }
            Action::OpenLogForm => {
                if let Some(entry) = self.timeline_entry() {
                    let form =
                        super::form::LogForm::edit(entry, &self.journal.sensations, self.zone);
                    self.modal.overlay = Some(Overlay::Form(Box::new(form)));
                }
            }
            Action::DeleteEntry => {
                if let Some(entry) = self.timeline_entry() {
                    self.modal.overlay = Some(Overlay::ConfirmDelete(entry.clone()));
                }
            }
            _ => {}
        }
        None
    }

    fn open_prompt(&mut self, kind: PromptKind, text: &str) {
        self.modal.overlay = Some(Overlay::Prompt(Prompt {
            kind,
            input: TextField::prefilled(text),
            error: None,
        }));
    }

    /// Keys in a prompt; it closes on Esc or on an answer it can use.
    pub(super) fn update_prompt(&mut self, mut prompt: Prompt, action: Action) {
        match action {
            Action::Cancel => return,
            Action::Submit => match prompt.kind {
                PromptKind::Filter => {
                    let text = prompt.input.text().trim().to_string();
                    self.timeline.set_filter(None, text);
                    self.rebuild_timeline(None);
                    return;
                }
                PromptKind::JumpTo => {
                    match self
                        .zone
                        .read(prompt.input.text(), self.now, self.date_order)
                    {
                        Ok(at) => {
                            let height = self.timeline_height();
                            self.timeline.go_to_day(at.date_naive(), height);
                            return;
                        }
                        Err(e) => prompt.error = Some(e.to_string()),
                    }
                }
            },
            Action::Input(ch) => prompt.input.insert(ch),
            Action::Paste(text) => prompt.input.paste(&text),
            Action::Edit(edit) => prompt.input.edit(edit),
            Action::Backspace => prompt.input.backspace(),
            Action::Delete => prompt.input.delete(),
            Action::CursorLeft => prompt.input.left(),
            Action::CursorRight => prompt.input.right(),
            Action::Home => prompt.input.home(),
            Action::End => prompt.input.end(),
            _ => {}
        }
        self.modal.overlay = Some(Overlay::Prompt(prompt));
    }
}
