//! The one change path: every mutation of the journal in memory goes
//! through [`App::apply`], which keeps every derived view current.

use ulid::Ulid;

use super::action::{MonthOnDisk, Written};
use super::history::{Purpose, Step};
use super::{App, Charts, Overlay, Saving, StatusKind, timeline};
use crate::domain::{Change, Delta, RegionTally};

/// Everything derived from the entries, for comparing the incremental
/// views with a recount from scratch.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedViews {
    /// The heat-map and charts counts.
    pub tally: RegionTally,
    /// The timeline's rows.
    pub timeline_rows: Vec<timeline::Row>,
    /// The charts.
    pub charts: Charts,
}

impl App {
    /// Applies one change to the journal in memory and brings every view
    /// up to date with it: the heat tally, the timeline, the charts, the
    /// highlighted entry and any open question about a changed entry.
    /// `focus` is an entry to highlight on the timeline afterwards.
    pub fn apply(&mut self, change: Change, focus: Option<Ulid>) {
        if let Change::MonthReplaced { month, .. } = &change {
            self.journal.pending_months.remove(month);
        }
        let highlighted = self.timeline_entry().map(|e| e.id);
        let deltas = self.journal.entries.apply(change);
        if deltas.is_empty() {
            return;
        }
        let heat = self.journal.heat_filter();
        let shown = self.timeline_filter();
        for Delta { before, after } in &deltas {
            let sensations = &self.journal.sensations;
            if let Some(old) = before {
                if heat.matches(old, sensations) {
                    self.journal.tally.remove(old, sensations);
                }
                if shown.matches(old, sensations) {
                    self.timeline.remove_row(old.sort_key());
                }
            }
            if let Some(new) = after {
                if heat.matches(new, sensations) {
                    self.journal.tally.add(new, sensations);
                }
                if shown.matches(new, sensations) {
                    self.timeline.insert_row(new.sort_key());
                }
            }
            self.follow_in_overlays(before.as_ref(), after.as_ref());
        }
        self.refresh_charts();
        self.reselect_timeline(focus.or(highlighted));
    }

    /// An open question or form about an entry that changed follows it.
    fn follow_in_overlays(
        &mut self,
        before: Option<&crate::domain::Entry>,
        after: Option<&crate::domain::Entry>,
    ) {
        let Some(id) = before.or(after).map(|e| e.id) else {
            return;
        };
        if let Some(Overlay::ConfirmDelete(entry)) = &self.modal.overlay
            && entry.id == id
        {
            match after {
                Some(new) => self.modal.overlay = Some(Overlay::ConfirmDelete(new.clone())),
                None => {
                    self.modal.overlay = None;
                    self.say(StatusKind::Info, "That entry was deleted meanwhile");
                }
            }
        }
    }

    /// The views as they are now.
    pub fn derived_views(&self) -> DerivedViews {
        DerivedViews {
            tally: self.journal.tally.clone(),
            timeline_rows: self.timeline.rows.clone(),
            charts: self.charts.clone(),
        }
    }

    /// The views as a recount of every entry would give them.
    pub fn derived_views_from_scratch(&self) -> DerivedViews {
        let tally = self.journal.tally_from_scratch();
        let charts = self.charts_from(&tally, self.charts_region());
        DerivedViews {
            tally,
            timeline_rows: self.timeline_rows_from_scratch(),
            charts,
        }
    }

    /// A write came back done: apply it, then what its months hold on disk,
    /// and move the history along.
    pub(super) fn written(&mut self, written: Written) {
        let Written {
            step,
            purpose,
            months,
        } = written;
        self.saving = None;
        let id = step.entry().map(|e| e.id);
        match (&step.before, &step.after) {
            (_, Some(after)) => self.apply(crate::domain::Change::Updated(after.clone()), id),
            (Some(before), None) => self.apply(Change::Removed(before.id), None),
            (None, None) => {}
        }
        self.reloaded(months);
        if matches!(self.modal.overlay, Some(Overlay::Form(_))) {
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
        match purpose {
            Purpose::Log | Purpose::Edit | Purpose::Delete => self.history.record(step),
            Purpose::Undo => self.history.undone(),
            Purpose::Redo => self.history.redone(),
        }
        self.say(StatusKind::Info, text);
    }

    /// A write failed: nothing changed, the form keeps what was typed and
    /// an undo or redo stays on its stack.
    pub(super) fn write_failed(&mut self, purpose: Purpose, message: String) {
        self.saving = None;
        let text = match purpose {
            Purpose::Undo => format!("Could not undo: {message}. Press u to try again"),
            Purpose::Redo => format!("Could not redo: {message}. Press U to try again"),
            _ => format!("Not saved: {message}"),
        };
        if let Some(Overlay::Form(form)) = &mut self.modal.overlay {
            form.error = Some(text.clone());
        }
        self.say(StatusKind::Error, text);
    }

    /// Another sensemap is saving: say so where the person is looking.
    pub(super) fn write_waiting(&mut self) {
        if let Some(saving) = &mut self.saving {
            saving.waiting = true;
        }
        let text = "Waiting for another sensemap to finish saving…";
        if let Some(Overlay::Form(form)) = &mut self.modal.overlay {
            form.error = Some(text.into());
        }
        self.say(StatusKind::Info, text);
    }

    /// Months read from disk replace what is in memory for them.
    pub(super) fn reloaded(&mut self, months: Vec<MonthOnDisk>) {
        for MonthOnDisk { month, entries } in months {
            match entries {
                Ok(entries) => self.apply(Change::MonthReplaced { month, entries }, None),
                Err(problem) => self.month_problem(problem),
            }
        }
    }

    /// Months from the background loader; those already loaded by a save
    /// or a reload are newer than the loader's copy and are kept.
    pub(super) fn loaded(&mut self, months: Vec<MonthOnDisk>) {
        let fresh: Vec<MonthOnDisk> = months
            .into_iter()
            .filter(|m| self.journal.pending_months.contains(&m.month))
            .collect();
        for m in &fresh {
            if m.entries.is_err() {
                self.journal.pending_months.remove(&m.month);
            }
        }
        self.reloaded(fresh);
    }

    fn month_problem(&mut self, problem: String) {
        if !self.journal.problems.contains(&problem) {
            self.journal.problems.push(problem.clone());
            self.say(
                StatusKind::Error,
                format!("A month could not be read: {problem}"),
            );
        }
    }

    /// Starts a write unless one is already on its way.
    pub(super) fn start_write(&mut self, step: Step, purpose: Purpose) -> Option<super::Effect> {
        if self.saving.is_some() {
            self.say(StatusKind::Info, "Still saving the last change…");
            return None;
        }
        self.saving = Some(Saving {
            purpose,
            waiting: false,
        });
        Some(super::Effect::Write {
            step: Box::new(step),
            purpose,
        })
    }

    /// Undo (or redo) the newest step: write the entry back as it was,
    /// starting from the version in memory now.
    pub(super) fn undo_or_redo(&mut self, purpose: Purpose) -> Option<super::Effect> {
        let (next, empty) = match purpose {
            Purpose::Redo => (self.history.next_redo(), "Nothing to redo"),
            _ => (self.history.next_undo(), "Nothing to undo"),
        };
        let Some(step) = next.cloned() else {
            self.say(StatusKind::Info, empty);
            return None;
        };
        let target = match purpose {
            Purpose::Redo => step.after.clone(),
            _ => step.before.clone(),
        };
        let current = step
            .entry()
            .and_then(|e| self.journal.entries.get(e.id))
            .cloned();
        let target = target.map(|mut e| {
            e.updated = self.now;
            e
        });
        if current.is_none() && target.is_none() {
            // Already gone (deleted elsewhere): nothing to write.
            match purpose {
                Purpose::Redo => self.history.redone(),
                _ => self.history.undone(),
            }
            return None;
        }
        self.start_write(
            Step {
                before: current,
                after: target,
            },
            purpose,
        )
    }

    /// "Saved: Tingling 4/10 in Foot, sole (left)".
    fn saved_summary(&self, entry: &crate::domain::Entry) -> String {
        format!(
            "Saved: {} {}/10 in {}; u undoes",
            self.journal.sensations.name_of(&entry.sensation),
            entry.intensity,
            entry
                .regions
                .ids()
                .iter()
                .map(|r| r.region().name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}
