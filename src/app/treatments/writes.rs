//! Treatment writes: checked against every other record, one at a time
//! through the runtime, and undone or redone through the one history.

use super::TreatmentWritten;
use crate::app::history::{Purpose, Step, Undoable};
use crate::app::writes::from_form;
use crate::app::{Action, App, Effect, Overlay, StatusKind};
use crate::domain::treatment::TreatmentRecord;

impl App {
    /// `step` if the log stays possible with it: only problems it brings
    /// count, so an old problem elsewhere never blocks a change.
    pub(in crate::app) fn checked(
        &self,
        step: Step<TreatmentRecord>,
    ) -> Result<Step<TreatmentRecord>, String> {
        let catalogue = &self.treatments.catalogue;
        let old = self.treatments.log.problems(catalogue, self.now);
        let mut log = self.treatments.log.clone();
        log.change(step.before.as_ref(), step.after.clone())?;
        let new: Vec<String> = log
            .problems(catalogue, self.now)
            .into_iter()
            .filter(|p| !old.contains(p))
            .collect();
        if new.is_empty() {
            Ok(step)
        } else {
            Err(new.join("; "))
        }
    }

    /// Starts a treatment write unless one is already on its way.
    pub(in crate::app) fn start_treatment_write(
        &mut self,
        step: Step<TreatmentRecord>,
        purpose: Purpose,
    ) -> Option<Effect> {
        if !self.begin_saving(purpose) {
            return None;
        }
        Some(Effect::WriteTreatment {
            step: Box::new(step),
            purpose,
        })
    }

    /// Undo or redo a treatment step: only when the record is still as the
    /// step left it, so nothing done elsewhere is overwritten.
    pub(in crate::app) fn undo_or_redo_treatment(
        &mut self,
        step: Step<TreatmentRecord>,
        purpose: Purpose,
    ) -> Option<Effect> {
        let redo = purpose == Purpose::Redo;
        let (expected, target) = if redo {
            (step.before.clone(), step.after.clone())
        } else {
            (step.after.clone(), step.before.clone())
        };
        let id = step.entry().map(TreatmentRecord::id);
        let current = id.and_then(|id| self.treatments.log.get(id));
        let step = Step {
            before: current.clone(),
            after: target,
        };
        let checked = if current == expected {
            self.checked(step)
        } else {
            Err("that record was changed elsewhere since".into())
        };
        match checked {
            Ok(step) => self.start_treatment_write(step, purpose),
            Err(reason) => {
                if redo {
                    self.history.drop_redo();
                } else {
                    self.history.drop_undo();
                }
                let verb = if redo { "redone" } else { "undone" };
                self.say(
                    StatusKind::Error,
                    format!("Not {verb}: {reason}; it is left as it is"),
                );
                None
            }
        }
    }

    /// A treatment write came back done.
    pub(in crate::app) fn treatment_written(&mut self, written: TreatmentWritten) {
        let TreatmentWritten { step, purpose, log } = written;
        let saving = self.saving.take();
        self.treatments.log = log;
        self.treatments.problem = None;
        if let Some(record) = step.after.as_ref() {
            self.treatments.selected = Some(record.id());
        }
        if from_form(purpose) && matches!(self.modal.overlay, Some(Overlay::TreatmentForm(_))) {
            self.modal.overlay = None;
        }
        let what = step
            .entry()
            .map(|r| self.treatments.name_of(r.treatment()))
            .unwrap_or_default();
        let text = match purpose {
            Purpose::Log => format!("Saved: {what}; u undoes"),
            Purpose::Edit => format!("Saved the changes to {what}; u undoes"),
            Purpose::Delete => format!("Deleted the record of {what}; u undoes"),
            Purpose::Undo => format!("Undid the change to {what}; U redoes"),
            Purpose::Redo => format!("Redid the change to {what}; u undoes"),
        };
        self.move_history(purpose, Undoable::Treatment(step));
        self.say(StatusKind::Info, text);
        self.finish_write(saving);
    }

    /// Deleting the chosen record, once the person said yes.
    pub(in crate::app) fn confirm_delete_treatment(
        &mut self,
        record: TreatmentRecord,
        action: Action,
    ) -> Option<Effect> {
        match action {
            Action::Confirm(true) if self.saving.is_some() => {
                self.say(StatusKind::Info, "Still saving the last change…");
                self.modal.overlay = Some(Overlay::ConfirmDeleteTreatment(record));
                None
            }
            Action::Confirm(true) => {
                let current = self.treatments.log.get(record.id());
                self.start_treatment_write(
                    Step {
                        before: current,
                        after: None,
                    },
                    Purpose::Delete,
                )
            }
            Action::Confirm(false) | Action::Cancel => None,
            _ => {
                self.modal.overlay = Some(Overlay::ConfirmDeleteTreatment(record));
                None
            }
        }
    }
}
