//! The update: applies one action to the app state.

use ulid::Ulid;

use super::form::{Field, LogForm};
use super::text::TextField;
use super::{
    Action, App, Effect, FilterOption, Overlay, Picker, PickerKind, PickerRow, Screen, Status,
    StatusKind, layout, next_metric,
};
use crate::domain::SensationFilter;

impl App {
    /// Applies one action; returns work for the runtime, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        self.refresh_day();
        match action {
            Action::Resize { width, height } => {
                self.area = ratatui::layout::Rect::new(0, 0, width, height);
                self.keep_selection_visible();
                return None;
            }
            Action::Saved(entry) => {
                self.saved(entry);
                return None;
            }
            Action::Updated {
                before,
                after,
                undoing,
            } => {
                self.updated(before, after, undoing);
                return None;
            }
            Action::Deleted(entry) => {
                self.status = Some(Status {
                    text: format!(
                        "Deleted the entry of {}; u undoes",
                        entry.at.format("%a %-d %b %H:%M")
                    ),
                    kind: StatusKind::Info,
                });
                self.replace_entry(Some(&entry), None);
                self.undo.push(super::UndoStep::Delete(entry));
                return None;
            }
            Action::Restored(entry) => {
                self.status = Some(Status {
                    text: "Undone: the entry is back".into(),
                    kind: StatusKind::Info,
                });
                self.replace_entry(None, Some(entry));
                return None;
            }
            Action::SaveFailed(message) => {
                if let Some(Overlay::Form(form)) = &mut self.overlay {
                    form.error = Some(format!("Not saved: {message}"));
                }
                self.status = Some(Status {
                    text: format!("Not saved: {message}"),
                    kind: StatusKind::Error,
                });
                return None;
            }
            _ => {}
        }
        if self.confirm_quit {
            match action {
                Action::Confirm(true) => self.should_quit = true,
                Action::Confirm(false) | Action::Cancel => self.confirm_quit = false,
                _ => {}
            }
            return None;
        }
        match self.overlay.take() {
            None => self.update_screen(action),
            Some(Overlay::Help) => {
                if !matches!(action, Action::ToggleHelp | Action::Cancel) {
                    self.overlay = Some(Overlay::Help);
                }
                None
            }
            Some(Overlay::Picker(picker)) => {
                self.update_picker(picker, action);
                None
            }
            Some(Overlay::Form(form)) => self.update_form(*form, action),
            Some(Overlay::Prompt(prompt)) => {
                self.update_prompt(prompt, action);
                None
            }
            Some(Overlay::ConfirmDelete(entry)) => match action {
                Action::Confirm(true) => Some(Effect::Delete(entry)),
                Action::Confirm(false) | Action::Cancel => None,
                _ => {
                    self.overlay = Some(Overlay::ConfirmDelete(entry));
                    None
                }
            },
        }
    }

    /// Keys on a screen with nothing open over it.
    fn update_screen(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => self.should_quit = true,
            Action::ToggleHelp => self.overlay = Some(Overlay::Help),
            Action::ShowScreen(screen) => self.screen = screen,
            Action::Undo => return self.undo(),
            Action::CycleWindow => {
                self.heat.window = self.heat.window.next();
                self.recount();
            }
            Action::CycleMetric => {
                self.heat.metric = next_metric(self.heat.metric);
                self.refresh_charts();
            }
            Action::OpenFilterPicker => self.open_picker(PickerKind::Sensation),
            _ if self.screen == Screen::Timeline => return self.update_timeline(action),
            _ if self.screen == Screen::Charts => self.update_charts(action),
            _ if self.screen != Screen::BodyMap => {}
            Action::OpenTimelineHere => self.open_timeline_for(self.cursor),
            Action::Move(direction) => {
                if let Some(next) = self.figures().step(self.cursor, direction) {
                    self.cursor = next;
                }
            }
            Action::Flip => {
                if let Some(other) = self.figures().flip(self.cursor) {
                    self.cursor = other;
                }
            }
            Action::ToggleSelect if !self.selection.remove(&self.cursor) => {
                self.selection.insert(self.cursor);
            }
            Action::ClearSelection => self.selection.clear(),
            Action::OpenLogForm => {
                let form =
                    LogForm::new(self.target_regions(), &self.sensations, self.last_logged());
                self.overlay = Some(Overlay::Form(Box::new(form)));
            }
            Action::OpenSearch => self.open_picker(PickerKind::Region),
            Action::Click { x, y } => {
                if let Some(region) = layout::region_at(self.area, x, y) {
                    self.cursor = region;
                }
            }
            Action::Hover { x, y } => self.hover = layout::region_at(self.area, x, y),
            _ => {}
        }
        None
    }

    fn open_picker(&mut self, kind: PickerKind) {
        self.overlay = Some(Overlay::Picker(Picker {
            kind,
            query: TextField::default(),
            choice: 0,
        }));
    }

    /// Keys in a picker; it closes on Enter or Esc.
    fn update_picker(&mut self, mut picker: Picker, action: Action) {
        let rows = self.picker_rows(&picker);
        match action {
            Action::Cancel => return,
            Action::Submit => {
                match rows.get(picker.choice.min(rows.len().saturating_sub(1))) {
                    Some(PickerRow::Region(region)) => self.cursor = *region,
                    Some(PickerRow::Filter(option)) => {
                        self.heat.sensation = match option {
                            FilterOption::All => None,
                            FilterOption::Class(class) => Some(SensationFilter::Class(*class)),
                            FilterOption::Type(id, _) => Some(SensationFilter::Type(
                                crate::domain::SensationId(id.clone()),
                            )),
                        };
                        self.recount();
                    }
                    None => {
                        picker.choice = 0;
                        self.overlay = Some(Overlay::Picker(picker));
                    }
                }
                return;
            }
            Action::Input(ch) => {
                picker.query.insert(ch);
                picker.choice = 0;
            }
            Action::Backspace => {
                picker.query.backspace();
                picker.choice = 0;
            }
            Action::Delete => picker.query.delete(),
            Action::CursorLeft => picker.query.left(),
            Action::CursorRight => picker.query.right(),
            Action::CursorUp => picker.choice = picker.choice.saturating_sub(1),
            Action::CursorDown => {
                picker.choice = (picker.choice + 1).min(rows.len().saturating_sub(1))
            }
            Action::Home => picker.choice = 0,
            Action::End => picker.choice = rows.len().saturating_sub(1),
            _ => {}
        }
        self.overlay = Some(Overlay::Picker(picker));
    }

    /// Keys in the log form. It stays open, with everything typed, until a
    /// save succeeds or the person agrees to throw the input away.
    fn update_form(&mut self, mut form: LogForm, action: Action) -> Option<Effect> {
        let mut effect = None;
        if form.confirm_discard {
            match action {
                Action::Confirm(true) => return None,
                Action::Confirm(false) | Action::Cancel => form.confirm_discard = false,
                _ => {}
            }
            self.overlay = Some(Overlay::Form(Box::new(form)));
            return None;
        }
        match action {
            Action::Cancel if !form.touched => return None,
            Action::Cancel => form.confirm_discard = true,
            Action::Quit if form.touched => self.confirm_quit = true,
            Action::Quit => {
                self.should_quit = true;
                return None;
            }
            Action::NextField => form.focus_next(true),
            Action::PrevField => form.focus_next(false),
            Action::Submit if form.field == Field::Note => form.newline(),
            Action::Submit | Action::Save => match self.form_effect(&form) {
                Ok(save) => effect = Some(save),
                Err(message) => form.error = Some(message),
            },
            Action::Input(ch) => form.input(ch),
            Action::Backspace => form.backspace(),
            Action::Delete => form.delete(),
            Action::CursorLeft => form.left(),
            Action::CursorRight => form.right(),
            Action::CursorUp => form.up(),
            Action::CursorDown => form.down(&self.sensations),
            Action::Home => form.home(),
            Action::End => form.end(),
            _ => {}
        }
        self.overlay = Some(Overlay::Form(Box::new(form)));
        effect
    }

    /// What saving the form means: a new entry, or a new version of one.
    fn form_effect(&self, form: &LogForm) -> Result<Effect, String> {
        let draft = form.to_draft(&self.sensations, self.zone, self.now)?;
        match &form.editing {
            None => draft
                .into_entry(Ulid::generate(), self.now)
                .map(Effect::Save),
            Some(before) => draft.into_entry(before.id, self.now).map(|mut after| {
                after.created = before.created;
                Effect::Update {
                    before: before.clone(),
                    after,
                    undoing: false,
                }
            }),
        }
        .map_err(|e| e.to_string())
    }

    /// An edit went through: show the new version everywhere.
    fn updated(
        &mut self,
        before: crate::domain::Entry,
        after: crate::domain::Entry,
        undoing: bool,
    ) {
        if matches!(self.overlay, Some(Overlay::Form(_))) {
            self.overlay = None;
        }
        let text = if undoing {
            "Undone: the entry is as it was"
        } else {
            "Saved the changes; u undoes"
        };
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
        });
        self.replace_entry(Some(&before), Some(after.clone()));
        if !undoing {
            self.undo.push(super::UndoStep::Edit { before, after });
        }
    }

    /// A save went through: close the form, show the entry at once.
    fn saved(&mut self, entry: crate::domain::Entry) {
        let summary = format!(
            "Saved: {} {}/10 in {}",
            self.sensations.name_of(&entry.sensation),
            entry.intensity,
            entry
                .regions
                .ids()
                .iter()
                .map(|r| r.region().name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        if self.heat_filter().matches(&entry, &self.sensations) {
            self.tally.add(&entry);
        }
        let at = self
            .entries
            .partition_point(|e| e.sort_key() <= entry.sort_key());
        self.entries.insert(at, entry);
        if matches!(self.overlay, Some(Overlay::Form(_))) {
            self.overlay = None;
        }
        self.selection.clear();
        self.status = Some(Status {
            text: summary,
            kind: StatusKind::Info,
        });
    }
}
