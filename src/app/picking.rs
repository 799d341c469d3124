//! The update for lists over a screen (region search, sensation filter)
//! and for picking a form's regions on the map.

use super::form::{Field, LogForm};
use super::text::TextField;
use super::{
    Action, App, FilterOption, Overlay, PickWhere, Picker, PickerKind, PickerRow, StatusKind,
};
use crate::domain::SensationFilter;

impl App {
    /// Leaves the form for the map, its regions selected there.
    pub(super) fn start_pick_where(&mut self, form: LogForm) {
        let regions = if form.editing.is_some() {
            crate::domain::places::resolve_list(form.regions_text.text()).unwrap_or_default()
        } else {
            form.regions.clone()
        };
        let pick = PickWhere {
            form,
            selection_before: std::mem::take(&mut self.body.selection),
            cursor_before: self.body.cursor,
        };
        self.body.selection = regions.iter().copied().collect();
        if let Some(first) = regions.first() {
            self.body.cursor = *first;
        }
        self.say(StatusKind::Info, "Pick the regions for the form");
        self.modal.overlay = Some(Overlay::PickWhere(Box::new(pick)));
    }

    /// Keys while picking the form's regions on the map.
    pub(super) fn update_pick_where(&mut self, mut pick: PickWhere, action: Action) {
        match action {
            Action::Move(direction) => {
                if let Some(next) = self.geometry().step(self.body.cursor, direction) {
                    self.body.cursor = next;
                }
            }
            Action::Flip => {
                if let Some(other) = self.geometry().flip(self.body.cursor) {
                    self.body.cursor = other;
                }
            }
            Action::ToggleSelect if !self.body.selection.remove(&self.body.cursor) => {
                self.body.selection.insert(self.body.cursor);
            }
            Action::Click { x, y } => {
                if let Some(region) = self.body.region_at(self.area, x, y) {
                    self.body.cursor = region;
                    if !self.body.selection.remove(&region) {
                        self.body.selection.insert(region);
                    }
                }
            }
            Action::Submit | Action::Cancel => {
                let chosen: Vec<_> = if self.body.selection.is_empty() {
                    vec![self.body.cursor]
                } else {
                    self.body.selection.iter().copied().collect()
                };
                if action == Action::Submit {
                    if pick.form.editing.is_some() {
                        pick.form.regions_text =
                            TextField::prefilled(&crate::domain::places::in_words(&chosen));
                        pick.form
                            .regions_text
                            .show_cursor(pick.form.field == Field::Where);
                    } else {
                        pick.form.regions = chosen;
                    }
                    pick.form.touched = true;
                }
                self.body.selection = pick.selection_before;
                self.body.cursor = pick.cursor_before;
                self.status = None;
                self.modal.overlay = Some(Overlay::Form(Box::new(pick.form)));
                return;
            }
            _ => {}
        }
        self.modal.overlay = Some(Overlay::PickWhere(Box::new(pick)));
    }

    pub(super) fn open_picker(&mut self, kind: PickerKind) {
        self.modal.overlay = Some(Overlay::Picker(Picker {
            kind,
            query: TextField::default(),
            choice: 0,
        }));
    }

    /// Keys in a picker; it closes on Enter or Esc.
    pub(super) fn update_picker(&mut self, mut picker: Picker, action: Action) {
        let rows = self.picker_rows(&picker);
        match action {
            Action::Cancel => return,
            Action::Submit => {
                match rows.get(picker.choice.min(rows.len().saturating_sub(1))) {
                    Some(PickerRow::Place(place)) => match place.regions.as_slice() {
                        [one] => self.body.cursor = *one,
                        several => {
                            self.body.selection = several.iter().copied().collect();
                            if let Some(first) = several.first() {
                                self.body.cursor = *first;
                            }
                            self.say(
                                StatusKind::Info,
                                format!("Selected {}: Enter logs them together", place.label),
                            );
                        }
                    },
                    Some(PickerRow::Filter(option)) => {
                        self.journal.heat.sensation = match option {
                            FilterOption::All => None,
                            FilterOption::Class(class) => Some(SensationFilter::Class(*class)),
                            FilterOption::Type(id, _) => {
                                Some(SensationFilter::Type(crate::domain::SensationId::new(id)))
                            }
                        };
                        self.recount();
                    }
                    None => {
                        picker.choice = 0;
                        self.modal.overlay = Some(Overlay::Picker(picker));
                    }
                }
                return;
            }
            Action::Input(ch) => {
                picker.query.insert(ch);
                picker.choice = 0;
            }
            Action::Paste(text) => {
                picker.query.paste(&text);
                picker.choice = 0;
            }
            Action::Edit(edit) => {
                picker.query.edit(edit);
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
        self.modal.overlay = Some(Overlay::Picker(picker));
    }
}
