//! The update: applies one action to the app state.

use ulid::Ulid;

use super::ColorMode;
use super::form::{Field, LogForm};
use super::history::{Purpose, Step};
use super::writes::from_form;
use super::{Action, App, Effect, Overlay, PickerKind, Screen, StatusKind, layout, next_metric};
use crate::domain::body_map::MapStyle;

impl App {
    /// Applies one action; returns work for the runtime, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Tick => {
                self.tick();
                return None;
            }
            Action::Resize { width, height } => {
                self.area = ratatui::layout::Rect::new(0, 0, width, height);
                self.body.fit_to(self.area);
                let height = self.timeline_height();
                self.timeline.keep_visible(height);
                return None;
            }
            Action::Written(written) => {
                self.written(*written);
                return None;
            }
            Action::TreatmentWritten(written) => {
                self.treatment_written(*written);
                return None;
            }
            Action::TreatmentsLoaded(log) => {
                self.treatments_loaded(log);
                return None;
            }
            Action::WriteFailed { purpose, message } => {
                self.write_failed(purpose, message);
                return None;
            }
            Action::WriteWaiting => {
                self.write_waiting();
                return None;
            }
            Action::SettingNotSaved(message) => {
                self.say(
                    StatusKind::Error,
                    format!("Map style not saved for next time: {message}"),
                );
                return None;
            }
            Action::Reloaded(months) => {
                self.reloaded(months);
                return None;
            }
            Action::Loaded(months) => {
                self.loaded(months);
                return None;
            }
            Action::LoadingMonths(months) => {
                self.journal.months_to_load = months.len();
                self.journal.pending_months = months.into_iter().collect();
                return None;
            }
            Action::CopiesFound(copies) => {
                self.copies_found(copies);
                return None;
            }
            Action::MergeCopies => return self.merge_copies(),
            Action::DeathsKnown(months) => {
                for (month, deaths) in months {
                    self.month_deaths(month, deaths);
                }
                return None;
            }
            Action::RecoverForm { form, edited } => {
                self.recover_form(&form, edited.map(|e| *e));
                return None;
            }
            Action::CopiesMerged {
                outcome,
                months,
                left,
            } => {
                self.copies_merged(outcome, months, left);
                return None;
            }
            _ => {}
        }
        self.tick();
        // Esc stops waiting for another sensemap's lock, wherever the
        // person is, unless a form opened meanwhile takes it.
        if action == Action::Cancel
            && self.saving.is_some_and(|s| s.waiting)
            && (self.modal.overlay.is_none() || self.form_saving())
        {
            return Some(Effect::CancelWrite);
        }
        if self.modal.confirm_quit {
            match action {
                Action::Confirm(true) => {
                    self.modal.confirm_quit = false;
                    if let Some(saving) = &mut self.saving {
                        saving.discard_confirmed = true;
                    }
                    self.quit();
                }
                Action::Confirm(false) | Action::Cancel => self.modal.confirm_quit = false,
                _ => {}
            }
            return None;
        }
        match self.modal.overlay.take() {
            None => self.update_screen(action),
            Some(Overlay::Help) => {
                if !matches!(action, Action::ToggleHelp | Action::Cancel) {
                    self.modal.overlay = Some(Overlay::Help);
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
            Some(Overlay::PickWhere(pick)) => {
                self.update_pick_where(*pick, action);
                None
            }
            Some(Overlay::TreatmentForm(form)) => self.update_treatment_form(*form, action),
            Some(Overlay::ConfirmDeleteTreatment(record)) => {
                self.confirm_delete_treatment(record, action)
            }
            Some(Overlay::ConfirmDelete(entry)) => match action {
                Action::Confirm(true) if self.saving.is_some() => {
                    self.say(StatusKind::Info, "Still saving the last change…");
                    self.modal.overlay = Some(Overlay::ConfirmDelete(entry));
                    None
                }
                Action::Confirm(true) => self.start_write(
                    Step {
                        before: Some(entry),
                        after: None,
                    },
                    Purpose::Delete,
                ),
                Action::Confirm(false) | Action::Cancel => None,
                _ => {
                    self.modal.overlay = Some(Overlay::ConfirmDelete(entry));
                    None
                }
            },
        }
    }

    /// Keys on a screen with nothing open over it.
    fn update_screen(&mut self, action: Action) -> Option<Effect> {
        // A click on a tab shows its screen, wherever the person is.
        if let Action::Click { x, y } = action
            && y == layout::screen(self.area).header.y
        {
            let header = layout::screen(self.area).header;
            if let Some(tab) = self
                .header_line(header)
                .tabs
                .into_iter()
                .find(|t| t.area.contains(ratatui::layout::Position::new(x, y)))
            {
                self.screen = tab.screen;
            }
            return None;
        }
        match action {
            Action::Paste(_) => self.say(
                StatusKind::Info,
                "Paste goes into a form's field: Enter opens the form",
            ),
            Action::Quit => self.quit(),
            Action::ToggleHelp => self.modal.overlay = Some(Overlay::Help),
            Action::ShowScreen(screen) => self.screen = screen,
            Action::Undo => return self.undo_or_redo(Purpose::Undo),
            Action::Redo => return self.undo_or_redo(Purpose::Redo),
            Action::CycleWindow => {
                self.journal.heat.window = self.journal.heat.window.next();
                self.recount();
            }
            Action::CycleMetric => {
                self.journal.heat.metric = next_metric(self.journal.heat.metric);
                self.refresh_charts();
            }
            Action::OpenFilterPicker => self.open_picker(PickerKind::Sensation),
            _ if self.screen == Screen::Timeline => return self.update_timeline(action),
            _ if self.screen == Screen::Charts => self.update_charts(action),
            _ if self.screen == Screen::Treatments => return self.update_treatments(action),
            _ if self.screen != Screen::BodyMap => {}
            Action::OpenTimelineHere => self.open_timeline_for(self.body.cursor),
            Action::Move(direction) => {
                if let Some(next) = self.geometry().step(self.body.cursor, direction) {
                    self.body.cursor = next;
                }
            }
            Action::ToggleMapStyle => {
                self.body.style = self.body.style.toggled();
                let text = match (self.color, self.body.style) {
                    (ColorMode::NoColor, style) => format!(
                        "Map style {}: without colour the map is always drawn in outline",
                        style.as_str()
                    ),
                    (_, MapStyle::Solid) => "Map drawn solid (v: outline)".to_string(),
                    (_, MapStyle::Outline) => "Map drawn in outline (v: solid)".to_string(),
                };
                self.say(StatusKind::Info, text);
                return Some(Effect::SaveMapStyle(self.body.style));
            }
            Action::Flip => {
                if let Some(other) = self.geometry().flip(self.body.cursor) {
                    self.body.cursor = other;
                }
            }
            Action::ToggleSelect if !self.body.selection.remove(&self.body.cursor) => {
                self.body.selection.insert(self.body.cursor);
            }
            Action::ClearSelection => self.body.selection.clear(),
            Action::OpenLogForm => {
                let form = LogForm::new(
                    self.target_regions(),
                    &self.journal.sensations,
                    self.last_logged(),
                );
                self.modal.overlay = Some(Overlay::Form(Box::new(form)));
            }
            Action::OpenSearch => self.open_picker(PickerKind::Region),
            Action::Click { x, y } => {
                if let Some(region) = self.body.region_at(self.area, x, y) {
                    self.body.cursor = region;
                }
            }
            Action::Hover { x, y } => self.body.hover = self.body.region_at(self.area, x, y),
            _ => {}
        }
        None
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
            self.modal.overlay = Some(Overlay::Form(Box::new(form)));
            return None;
        }
        if self.saving.is_some_and(|s| from_form(s.purpose)) {
            // This form is being saved: keep it exactly as it is being saved.
            let effect = match action {
                Action::Quit => {
                    self.quit();
                    None
                }
                _ => {
                    form.error = Some("Still saving…".into());
                    None
                }
            };
            self.modal.overlay = Some(Overlay::Form(Box::new(form)));
            return effect;
        }
        match action {
            Action::Cancel if !form.touched => return None,
            Action::Cancel => form.confirm_discard = true,
            Action::Quit if form.touched => self.modal.confirm_quit = true,
            Action::Quit => {
                self.quit();
                return None;
            }
            Action::NextField => form.focus_next(true),
            Action::PrevField => form.focus_next(false),
            Action::Submit if form.field == Field::Note => form.newline(),
            Action::Submit | Action::Save => match self.form_step(&form) {
                Ok((step, purpose)) => {
                    form.error = None;
                    effect = self.start_write(step, purpose);
                }
                Err(message) => form.error = Some(message),
            },
            Action::PickOnMap => {
                self.start_pick_where(form);
                return None;
            }
            Action::Input(ch) => form.input(ch),
            Action::Paste(text) => form.paste(&text),
            Action::Edit(edit) => form.edit_text(edit),
            Action::Backspace => form.backspace(),
            Action::Delete => form.delete(),
            Action::CursorLeft => form.left(),
            Action::CursorRight => form.right(),
            Action::CursorUp => form.up(),
            Action::CursorDown => form.down(&self.journal.sensations),
            Action::Home => form.home(),
            Action::End => form.end(),
            _ => {}
        }
        self.modal.overlay = Some(Overlay::Form(Box::new(form)));
        effect
    }

    /// What saving the form means: a new entry, or a new version of one.
    fn form_step(&self, form: &LogForm) -> Result<(Step, Purpose), String> {
        let draft = form.to_draft(
            &self.journal.sensations,
            self.zone,
            self.date_order,
            self.now,
        )?;
        match &form.editing {
            None => draft.into_entry(Ulid::generate(), self.now).map(|entry| {
                let step = Step {
                    before: None,
                    after: Some(entry),
                };
                (step, Purpose::Log)
            }),
            Some(before) => draft.into_entry(before.id, self.now).map(|mut after| {
                after.created = before.created;
                // Against the version in memory now; if it was deleted
                // elsewhere meanwhile (the form said so), it comes back.
                let step = Step {
                    before: self.journal.entries.get(before.id).cloned(),
                    after: Some(after),
                };
                (step, Purpose::Edit)
            }),
        }
        .map_err(|e| e.to_string())
    }
}
