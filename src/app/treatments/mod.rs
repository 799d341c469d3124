//! Screen 4: the treatment records, the one chosen, and every change to
//! them, which goes through the same one-write-at-a-time path and undo
//! history as entries.

pub mod form;
mod writes;

use std::sync::Arc;

use ulid::Ulid;

use super::history::{Purpose, Step};
use super::writes::from_form;
use super::{Action, App, Effect, Overlay, StatusKind};
use crate::domain::query::{WeeklyTally, most_affected};
use crate::domain::treatment::{
    Comparison, Course, TreatmentCatalogue, TreatmentLog, TreatmentRecord, Windows, compare,
};
use crate::domain::{Entry, RegionId};
use form::{Clock, TreatmentForm};

/// The treatments as the app holds them.
#[derive(Debug, Clone)]
pub struct TreatmentsState {
    /// Every course and application, as last read or written.
    pub log: TreatmentLog,
    /// The treatments known: built in and the person's own.
    pub catalogue: Arc<TreatmentCatalogue>,
    /// The chosen row, by record id.
    pub selected: Option<Ulid>,
    /// Why `treatments.ron` could not be read; changes wait until it can.
    pub problem: Option<String>,
    /// Episodes and intensity per week over every entry, for the chart.
    pub weekly: WeeklyTally,
}

impl Default for TreatmentsState {
    fn default() -> Self {
        TreatmentsState {
            log: TreatmentLog::default(),
            catalogue: Arc::new(TreatmentCatalogue::built_in()),
            selected: None,
            problem: None,
            weekly: WeeklyTally::default(),
        }
    }
}

/// A treatment write that went through, and the whole file as it now is.
#[derive(Debug, Clone, PartialEq)]
pub struct TreatmentWritten {
    /// The change written.
    pub step: Step<TreatmentRecord>,
    /// Why it was asked for.
    pub purpose: Purpose,
    /// Every record on disk after it.
    pub log: TreatmentLog,
}

impl TreatmentsState {
    /// The rows of the list: courses, latest start first, then
    /// applications, latest first.
    pub fn rows(&self) -> Vec<TreatmentRecord> {
        let mut courses: Vec<&Course> = self.log.courses.iter().collect();
        courses.sort_by_key(|c| std::cmp::Reverse((c.start, c.id)));
        let mut applications: Vec<_> = self.log.applications.iter().collect();
        applications.sort_by_key(|a| std::cmp::Reverse((a.at, a.id)));
        courses
            .into_iter()
            .cloned()
            .map(TreatmentRecord::Course)
            .chain(
                applications
                    .into_iter()
                    .cloned()
                    .map(TreatmentRecord::Application),
            )
            .collect()
    }

    /// The chosen row's index, or the first row.
    pub fn selected_index(&self, rows: &[TreatmentRecord]) -> usize {
        self.selected
            .and_then(|id| rows.iter().position(|r| r.id() == id))
            .unwrap_or(0)
    }

    /// The chosen record, if there are any.
    pub fn selected_record(&self) -> Option<TreatmentRecord> {
        let rows = self.rows();
        rows.get(self.selected_index(&rows)).cloned()
    }

    /// A treatment's name, or its id when it is no longer configured.
    pub fn name_of(&self, id: &str) -> String {
        self.catalogue
            .types()
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    }
}

impl App {
    /// The clock for reading times typed in a form.
    fn clock(&self) -> Clock {
        Clock {
            now: self.now,
            zone: self.zone,
            date_order: self.date_order,
        }
    }

    /// The treatments as read from disk, or why they could not be.
    pub(super) fn treatments_loaded(&mut self, log: Result<TreatmentLog, String>) {
        match log {
            Ok(log) => {
                // A form open on a record that changed elsewhere says so
                // before the person saves.
                if let Some(Overlay::TreatmentForm(form)) = &mut self.modal.overlay
                    && let Some(editing) = &form.editing
                    && log.get(editing.id()).as_ref() != Some(editing)
                {
                    form.error = Some(
                        "Changed elsewhere meanwhile: Esc, then open it again to see the change"
                            .into(),
                    );
                }
                self.treatments.log = log;
                self.treatments.problem = None;
            }
            Err(problem) => {
                self.say(
                    StatusKind::Error,
                    format!("Treatments could not be read: {problem}"),
                );
                self.treatments.problem = Some(problem);
            }
        }
    }

    /// Keys on the treatments screen.
    pub(super) fn update_treatments(&mut self, action: Action) -> Option<Effect> {
        let rows = self.treatments.rows();
        let index = self.treatments.selected_index(&rows);
        let chosen = rows.get(index).cloned();
        let running = match &chosen {
            Some(TreatmentRecord::Course(c)) if c.stop.is_none() => Some(c.clone()),
            _ => None,
        };
        let form = match action {
            Action::Move(direction) => {
                let next = match direction {
                    crate::domain::body_map::Direction::Up => index.saturating_sub(1),
                    crate::domain::body_map::Direction::Down => index + 1,
                    _ => index,
                };
                if let Some(row) = rows.get(next.min(rows.len().saturating_sub(1))) {
                    self.treatments.selected = Some(row.id());
                }
                return None;
            }
            Action::Wheel { up } => {
                return self.update_treatments(Action::Move(if up {
                    crate::domain::body_map::Direction::Up
                } else {
                    crate::domain::body_map::Direction::Down
                }));
            }
            Action::StartCourse => TreatmentForm::start_course(),
            Action::ApplyTreatment => TreatmentForm::apply(),
            Action::OpenLogForm => match &chosen {
                Some(record) => {
                    TreatmentForm::edit(record, &self.treatments.name_of(record.treatment()))
                }
                None => return self.nothing_chosen(),
            },
            Action::ChangeDose | Action::StopCourse => match (&running, &chosen) {
                (Some(course), _) if action == Action::ChangeDose => TreatmentForm::dose(course),
                (Some(course), _) => TreatmentForm::stop(course),
                (None, Some(_)) => {
                    self.say(
                        StatusKind::Info,
                        "Choose a running course first (↑↓): that one has stopped, or is an application",
                    );
                    return None;
                }
                (None, None) => return self.nothing_chosen(),
            },
            Action::DeleteEntry => {
                match chosen {
                    Some(record) => {
                        self.modal.overlay = Some(Overlay::ConfirmDeleteTreatment(record))
                    }
                    None => return self.nothing_chosen(),
                }
                return None;
            }
            _ => return None,
        };
        self.modal.overlay = Some(Overlay::TreatmentForm(Box::new(form)));
        None
    }

    fn nothing_chosen(&mut self) -> Option<Effect> {
        self.say(
            StatusKind::Info,
            "No treatments yet: n starts a course, a records an application",
        );
        None
    }

    /// Keys in the treatment form; it stays open with what was typed until
    /// a save succeeds or the person agrees to throw the typing away.
    pub(super) fn update_treatment_form(
        &mut self,
        mut form: TreatmentForm,
        action: Action,
    ) -> Option<Effect> {
        let mut effect = None;
        if form.confirm_discard {
            match action {
                Action::Confirm(true) => return None,
                Action::Confirm(false) | Action::Cancel => form.confirm_discard = false,
                _ => {}
            }
        } else if self.saving.is_some_and(|s| from_form(s.purpose)) {
            if action == Action::Quit {
                self.quit();
            } else {
                form.error = Some("Still saving…".into());
            }
        } else {
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
                Action::Submit | Action::Save => match self.treatment_step(&form) {
                    Ok((step, purpose)) => {
                        form.error = None;
                        effect = self.start_treatment_write(step, purpose);
                    }
                    Err(message) => form.error = Some(message),
                },
                other => edit_text(&mut form, other),
            }
        }
        self.modal.overlay = Some(Overlay::TreatmentForm(Box::new(form)));
        effect
    }

    /// What saving the form writes, checked against every other record.
    fn treatment_step(
        &self,
        form: &TreatmentForm,
    ) -> Result<(Step<TreatmentRecord>, Purpose), String> {
        if let Some(problem) = &self.treatments.problem {
            return Err(format!(
                "treatments.ron cannot be read, so nothing is saved: {problem}"
            ));
        }
        let after = form.record(&self.treatments.catalogue, &self.clock())?;
        // Against the version the form was opened on: if it changed
        // elsewhere since, the change is refused here and on disk, never
        // saved over.
        let before = form.editing.clone();
        let purpose = if before.is_some() {
            Purpose::Edit
        } else {
            Purpose::Log
        };
        self.checked(Step {
            before,
            after: Some(after),
        })
        .map(|step| (step, purpose))
    }

    /// The chosen course's before and after, overall and for the regions
    /// most affected before it, as the report and the command line give it.
    pub fn course_comparison(
        &self,
        course: &Course,
    ) -> (Comparison, Option<(Vec<RegionId>, Comparison)>) {
        let windows = Windows::default();
        let from = course.start - chrono::Duration::days(windows.before_days);
        let to = course.start + chrono::Duration::days(windows.after_to);
        let entries: Vec<&Entry> = self
            .journal
            .entries
            .since(Some(from))
            .take_while(|e| e.at <= to)
            .collect();
        let others = &self.treatments.log.courses;
        let overall = compare(&entries, course, others, windows, self.now, None);
        let top = most_affected(&entries, from, course.start, 3);
        let focused = (!top.is_empty()).then(|| {
            let c = compare(&entries, course, others, windows, self.now, Some(&top));
            (top, c)
        });
        (overall, focused)
    }
}

/// Typing and line editing in the focused field.
fn edit_text(form: &mut TreatmentForm, action: Action) {
    let changes = matches!(
        action,
        Action::Input(_) | Action::Paste(_) | Action::Backspace | Action::Delete | Action::Edit(_)
    );
    let Some(input) = form.input() else { return };
    match action {
        Action::Input(ch) => input.insert(ch),
        Action::Paste(text) => input.paste(&text),
        Action::Edit(edit) => input.edit(edit),
        Action::Backspace => input.backspace(),
        Action::Delete => input.delete(),
        Action::CursorLeft => input.left(),
        Action::CursorRight => input.right(),
        Action::Home => input.home(),
        Action::End => input.end(),
        _ => {}
    }
    form.touched |= changes;
}
