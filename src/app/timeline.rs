//! The timeline's state: which entries match its filter, which is
//! highlighted, and where the view starts.

use ulid::Ulid;

use super::text::TextField;
use super::{Action, App, Effect, Overlay, layout};
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
}

impl App {
    /// The timeline's filter as a query filter.
    pub fn timeline_filter(&self) -> Filter {
        Filter {
            region: self.timeline.region,
            text: Some(self.timeline.text.clone()).filter(|t| !t.trim().is_empty()),
            ..Filter::default()
        }
    }

    /// The rows a filter of the whole journal gives.
    pub(super) fn timeline_rows_from_scratch(&self) -> Vec<Row> {
        let filter = self.timeline_filter();
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
        let again = keep
            .and_then(|id| self.journal.entries.key(id))
            .and_then(|key| self.timeline.rows.binary_search_by(|r| key.cmp(r)).ok());
        let position = again.unwrap_or(self.timeline.selected);
        self.timeline.selected = position.min(self.timeline.rows.len().saturating_sub(1));
        self.keep_selection_visible();
    }

    /// Shows the timeline filtered to one region.
    pub fn open_timeline_for(&mut self, region: RegionId) {
        self.timeline.region = Some(region);
        self.timeline.text.clear();
        self.timeline.selected = 0;
        self.timeline.offset = 0;
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

    /// How many entries fit on screen from `offset`, counting the day
    /// headers between them. Looks only at the rows it places.
    pub fn timeline_fit(&self, offset: usize) -> usize {
        let height = layout::timeline_rows(layout::screen(self.area).body) as usize;
        let mut used = 0;
        let mut fitted = 0;
        let mut previous_day = None;
        for row in self.timeline.rows.iter().skip(offset) {
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

    /// Scrolls just enough to keep the highlighted row on screen.
    pub(super) fn keep_selection_visible(&mut self) {
        let t = &self.timeline;
        if t.selected < t.offset {
            self.timeline.offset = t.selected;
        }
        while self.timeline.selected
            >= self.timeline.offset + self.timeline_fit(self.timeline.offset)
        {
            self.timeline.offset += 1;
        }
    }

    /// Moves the highlight by `delta` rows.
    fn move_timeline(&mut self, delta: isize) {
        let last = self.timeline.rows.len().saturating_sub(1) as isize;
        self.timeline.selected =
            (self.timeline.selected as isize + delta).clamp(0, last.max(0)) as usize;
        self.keep_selection_visible();
    }

    /// Keys on the timeline with nothing open over it.
    pub(super) fn update_timeline(&mut self, action: Action) -> Option<Effect> {
        let page = self.timeline_fit(self.timeline.offset) as isize;
        match action {
            Action::Move(crate::domain::body_map::Direction::Up) => self.move_timeline(-1),
            Action::Move(crate::domain::body_map::Direction::Down) => self.move_timeline(1),
            Action::PageUp => self.move_timeline(-page),
            Action::PageDown => self.move_timeline(page),
            Action::Home => self.move_timeline(isize::MIN / 2),
            Action::End => self.move_timeline(isize::MAX / 2),
            Action::OpenSearch => self.open_prompt(PromptKind::Filter, &self.timeline.text.clone()),
            Action::JumpToDate => self.open_prompt(PromptKind::JumpTo, ""),
            Action::ClearFilter => {
                self.timeline.region = None;
                self.timeline.text.clear();
                self.rebuild_timeline(self.timeline_entry().map(|e| e.id));
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
            input: TextField::new(text),
            error: None,
        }));
    }

    /// Keys in a prompt; it closes on Esc or on an answer it can use.
    pub(super) fn update_prompt(&mut self, mut prompt: Prompt, action: Action) {
        match action {
            Action::Cancel => return,
            Action::Submit => match prompt.kind {
                PromptKind::Filter => {
                    self.timeline.text = prompt.input.text().trim().to_string();
                    self.timeline.region = None;
                    self.timeline.selected = 0;
                    self.timeline.offset = 0;
                    self.rebuild_timeline(None);
                    return;
                }
                PromptKind::JumpTo => match self.zone.parse_when(prompt.input.text(), self.now) {
                    Ok(at) => {
                        // Newest first: the first row on that day or before it.
                        let day = at.date_naive();
                        let rows = &self.timeline.rows;
                        let target = rows.partition_point(|row| row.0.date_naive() > day);
                        self.timeline.selected = target.min(rows.len().saturating_sub(1));
                        self.keep_selection_visible();
                        return;
                    }
                    Err(e) => prompt.error = Some(e.to_string()),
                },
            },
            Action::Input(ch) => prompt.input.insert(ch),
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
