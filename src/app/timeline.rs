//! The timeline's state: which entries match its filter, which is
//! highlighted, and where the view starts.

use super::text::TextField;
use super::{Action, App, Effect, Overlay, Status, StatusKind, layout};
use crate::domain::{Entry, Filter, RegionId};

/// What the timeline shows and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Only entries covering this region.
    pub region: Option<RegionId>,
    /// Only entries whose words match this text.
    pub text: String,
    /// Indices into `App::entries` of the matching entries, newest first.
    pub rows: Vec<usize>,
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

/// One step that `u` can take back.
#[derive(Debug, Clone, PartialEq)]
pub enum UndoStep {
    /// An entry was changed from `before` to `after`.
    Edit {
        /// The version before.
        before: Entry,
        /// The version saved.
        after: Entry,
    },
    /// An entry was deleted.
    Delete(Entry),
}

impl Timeline {
    /// Whether any filter is set.
    pub fn is_filtered(&self) -> bool {
        self.region.is_some() || !self.text.trim().is_empty()
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

    /// Recomputes which entries the timeline lists; keeps the highlighted
    /// entry highlighted when it still matches.
    pub fn refresh_timeline(&mut self) {
        let highlighted = self.timeline_entry().map(|e| e.id);
        self.refresh_timeline_keeping(highlighted);
    }

    /// Recomputes the rows and highlights entry `keep` if it is listed, else
    /// the row at the same position.
    fn refresh_timeline_keeping(&mut self, keep: Option<ulid::Ulid>) {
        let filter = self.timeline_filter();
        self.timeline.rows = (0..self.entries.len())
            .rev()
            .filter(|&i| filter.matches(&self.entries[i], &self.sensations))
            .collect();
        let again = keep.and_then(|id| {
            self.timeline
                .rows
                .iter()
                .position(|&i| self.entries[i].id == id)
        });
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
        self.refresh_timeline_keeping(None);
    }

    /// The highlighted entry.
    pub fn timeline_entry(&self) -> Option<&Entry> {
        self.timeline
            .rows
            .get(self.timeline.selected)
            .and_then(|&i| self.entries.get(i))
    }

    /// How many entries fit on screen from `offset`, counting the day
    /// headers between them. Looks only at the rows it places.
    pub fn timeline_fit(&self, offset: usize) -> usize {
        let height = layout::timeline_rows(layout::screen(self.area).body) as usize;
        let mut used = 0;
        let mut fitted = 0;
        let mut previous_day = None;
        for &i in self.timeline.rows.iter().skip(offset) {
            let day = self.entries[i].day();
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
                self.refresh_timeline();
            }
            Action::OpenLogForm => {
                if let Some(entry) = self.timeline_entry() {
                    let form = super::form::LogForm::edit(entry, &self.sensations, self.zone);
                    self.overlay = Some(Overlay::Form(Box::new(form)));
                }
            }
            Action::DeleteEntry => {
                if let Some(entry) = self.timeline_entry() {
                    self.overlay = Some(Overlay::ConfirmDelete(entry.clone()));
                }
            }
            Action::Undo => return self.undo(),
            _ => {}
        }
        None
    }

    fn open_prompt(&mut self, kind: PromptKind, text: &str) {
        self.overlay = Some(Overlay::Prompt(Prompt {
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
                    self.refresh_timeline_keeping(None);
                    return;
                }
                PromptKind::JumpTo => match self.zone.parse_when(prompt.input.text(), self.now) {
                    Ok(at) => {
                        // Newest first: the first row on that day or before it.
                        let day = at.date_naive();
                        let rows = &self.timeline.rows;
                        let target = rows.partition_point(|&i| self.entries[i].day() > day);
                        self.timeline.selected = target.min(rows.len().saturating_sub(1));
                        self.keep_selection_visible();
                        return;
                    }
                    Err(e) => prompt.error = Some(e),
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
        self.overlay = Some(Overlay::Prompt(prompt));
    }

    /// Takes back the last edit or delete of this run.
    pub(super) fn undo(&mut self) -> Option<Effect> {
        match self.undo.pop() {
            None => {
                self.status = Some(Status {
                    text: "Nothing to undo".into(),
                    kind: StatusKind::Info,
                });
                None
            }
            Some(UndoStep::Edit { before, after }) => {
                let mut restored = before;
                restored.updated = self.now;
                Some(Effect::Update {
                    before: after,
                    after: restored,
                    undoing: true,
                })
            }
            Some(UndoStep::Delete(entry)) => Some(Effect::Restore(entry)),
        }
    }

    /// Puts a changed entry in place and keeps every view in step.
    pub(super) fn replace_entry(&mut self, old: Option<&Entry>, new: Option<Entry>) {
        // Rows index into `entries`, so note the highlighted id before changing them.
        let highlighted = self.timeline_entry().map(|e| e.id);
        // A restored entry, or a new version of the highlighted one, is highlighted.
        let keep = match &new {
            Some(new) if old.is_none_or(|o| Some(o.id) == highlighted) => Some(new.id),
            _ => highlighted,
        };
        let heat = self.heat_filter();
        if let Some(old) = old
            && let Some(i) = self.entries.iter().position(|e| e.id == old.id)
        {
            let removed = self.entries.remove(i);
            if heat.matches(&removed, &self.sensations) {
                self.tally.remove(&removed);
            }
        }
        if let Some(new) = new {
            if heat.matches(&new, &self.sensations) {
                self.tally.add(&new);
            }
            let at = self
                .entries
                .partition_point(|e| e.sort_key() <= new.sort_key());
            self.entries.insert(at, new);
        }
        self.refresh_timeline_keeping(keep);
        self.refresh_charts();
    }
}
