//! Writes and their answers: starting one (never two at once), what a done,
//! failed or waiting write does to the state, and undo and redo.

use super::action::Written;
use super::history::{Purpose, Step, Undoable};
use super::{App, Effect, Overlay, Saving, StatusKind};
use crate::domain::{Change, Entry};

/// True for the writes a form asked for; only those close or annotate it.
pub fn from_form(purpose: Purpose) -> bool {
    matches!(purpose, Purpose::Log | Purpose::Edit)
}

impl App {
    /// True while the open form's own save is on its way.
    pub fn form_saving(&self) -> bool {
        let form_open = matches!(
            self.modal.overlay,
            Some(Overlay::Form(_) | Overlay::TreatmentForm(_))
        );
        form_open && self.saving.is_some_and(|s| from_form(s.purpose))
    }

    /// A write came back done: apply it, then what its months hold on disk,
    /// and move the history along.
    pub(super) fn written(&mut self, written: Written) {
        let Written {
            step,
            purpose,
            months,
        } = written;
        let saving = self.saving.take();
        // An edit, undo or redo highlights its entry on the timeline; a new
        // log leaves the highlight where the person left it.
        let id = step
            .entry()
            .map(|e| e.id)
            .filter(|_| purpose != Purpose::Log);
        match (&step.before, &step.after) {
            // The months written come back below with the deletions they
            // now remember, which decide what stays hidden.
            (_, Some(after)) => self.apply(Change::Updated(after.clone()), id),
            (Some(before), None) => self.apply(Change::Removed(before.id), None),
            (None, None) => {}
        }
        self.reloaded(months);
        if from_form(purpose) && matches!(self.modal.overlay, Some(Overlay::Form(_))) {
            self.modal.overlay = None;
        }
        let text = match purpose {
            Purpose::Log => {
                self.body.selection.clear();
                step.after
                    .as_ref()
                    .map_or_else(String::new, |e| self.saved_summary(e))
            }
            Purpose::Edit => "Saved the changes; u undoes".into(),
            Purpose::Delete => match &step.before {
                Some(e) => format!(
                    "Deleted the entry of {}; u undoes",
                    e.at.format("%a %-d %b %H:%M")
                ),
                None => "Deleted".into(),
            },
            Purpose::Undo => "Undone; U redoes".into(),
            Purpose::Redo => "Redone; u undoes".into(),
        };
        self.move_history(purpose, Undoable::Entry(step));
        self.say(StatusKind::Info, text);
        self.finish_write(saving);
    }

    /// After any write: quit if the person quit while it was on its way,
    /// unless a form opened and typed in meanwhile would be thrown away.
    pub(super) fn finish_write(&mut self, saving: Option<Saving>) {
        if !saving.is_some_and(|s| s.quit_when_done) {
            return;
        }
        let discard = saving.is_some_and(|s| s.discard_confirmed);
        let typed = match &self.modal.overlay {
            Some(Overlay::Form(form)) => form.touched,
            Some(Overlay::TreatmentForm(form)) => form.touched,
            _ => false,
        };
        if !discard && typed {
            self.modal.confirm_quit = true;
        } else {
            self.should_quit = true;
        }
    }

    /// A write of `purpose` went through: record it, or move its step
    /// between the undo and redo stacks.
    pub(super) fn move_history(&mut self, purpose: Purpose, step: Undoable) {
        match purpose {
            Purpose::Log | Purpose::Edit | Purpose::Delete => self.history.record(step),
            Purpose::Undo => self.history.undone(step),
            Purpose::Redo => self.history.redone(step),
        }
    }

    /// A write failed: nothing changed, the form keeps what was typed and
    /// an undo or redo stays on its stack.
    pub(super) fn write_failed(&mut self, purpose: Purpose, message: String) {
        let was_quitting = self.saving.take().is_some_and(|s| s.quit_when_done);
        let mut text = match purpose {
            Purpose::Undo => format!("Could not undo: {message}. Press u to try again"),
            Purpose::Redo => format!("Could not redo: {message}. Press U to try again"),
            _ => format!("Not saved: {message}"),
        };
        if was_quitting {
            text.push_str(". sensemap stayed open so that nothing is lost");
        }
        if from_form(purpose) {
            self.form_message(text.clone());
        }
        self.say(StatusKind::Error, text);
    }

    /// Another sensemap is saving: say so where the person is looking.
    pub(super) fn write_waiting(&mut self) {
        let Some(saving) = &mut self.saving else {
            return;
        };
        saving.waiting = true;
        let text = "Waiting for another sensemap to finish saving… (Esc cancels)";
        if from_form(saving.purpose) {
            self.form_message(text.into());
        }
        self.say(StatusKind::Info, text);
    }

    /// Shows `text` in the open form, whichever it is.
    fn form_message(&mut self, text: String) {
        match &mut self.modal.overlay {
            Some(Overlay::Form(form)) => form.error = Some(text),
            Some(Overlay::TreatmentForm(form)) => form.error = Some(text),
            _ => {}
        }
    }

    /// Quit, unless a write is on its way: then quit once it is done.
    pub(super) fn quit(&mut self) {
        match &mut self.saving {
            None => self.should_quit = true,
            Some(saving) => {
                saving.quit_when_done = true;
                self.say(
                    StatusKind::Info,
                    "Saving first; sensemap quits as soon as it is saved",
                );
            }
        }
    }

    /// Starts a write unless one is already on its way (then says so and
    /// returns `None`; the caller keeps what it had).
    pub(super) fn start_write(&mut self, step: Step, purpose: Purpose) -> Option<Effect> {
        self.begin_saving(purpose).then(|| Effect::Write {
            step: Box::new(step),
            purpose,
        })
    }

    /// Marks a write of `purpose` as on its way; `false` (and says so) when
    /// one already is: there is never more than one.
    pub(super) fn begin_saving(&mut self, purpose: Purpose) -> bool {
        if self.saving.is_some() {
            self.say(StatusKind::Info, "Still saving the last change…");
            return false;
        }
        self.saving = Some(Saving {
            purpose,
            waiting: false,
            quit_when_done: false,
            discard_confirmed: false,
        });
        true
    }

    /// Undo (or redo) the newest step: write the entry back as it was. A
    /// step whose entry was changed elsewhere since is dropped instead, so
    /// nothing done elsewhere is overwritten.
    pub(super) fn undo_or_redo(&mut self, purpose: Purpose) -> Option<Effect> {
        let redo = purpose == Purpose::Redo;
        let next = if redo {
            self.history.next_redo()
        } else {
            self.history.next_undo()
        };
        let Some(undoable) = next.cloned() else {
            let nothing = if redo {
                "Nothing to redo"
            } else {
                "Nothing to undo"
            };
            self.say(StatusKind::Info, nothing);
            return None;
        };
        if self.saving.is_some() {
            self.say(StatusKind::Info, "Still saving the last change…");
            return None;
        }
        let step = match undoable {
            Undoable::Entry(step) => step,
            Undoable::Treatment(step) => return self.undo_or_redo_treatment(step, purpose),
        };
        let (expected, target) = if redo {
            (step.before.clone(), step.after.clone())
        } else {
            (step.after.clone(), step.before.clone())
        };
        let current: Option<Entry> = step
            .entry()
            .and_then(|e| self.journal.entries.get(e.id))
            .cloned();
        if current != expected {
            if redo {
                self.history.drop_redo();
            } else {
                self.history.drop_undo();
            }
            let text = format!(
                "Not {}: that entry was changed elsewhere since, and is left as it is",
                if redo { "redone" } else { "undone" }
            );
            self.say(StatusKind::Error, text);
            return None;
        }
        let target = target.map(|mut e| {
            e.updated = self.now;
            e
        });
        self.start_write(
            Step {
                before: current,
                after: target,
            },
            purpose,
        )
    }

    /// "Saved: Tingling 4/10 in Foot, sole (left); u undoes".
    fn saved_summary(&self, entry: &Entry) -> String {
        format!(
            "Saved: {} {}/10 in {}; u undoes",
            self.journal.sensations.name_of(&entry.sensation),
            entry.intensity,
            entry
                .regions
                .ids()
                .map(|r| r.region().name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}
