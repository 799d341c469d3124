//! The one change path: every mutation of the journal in memory goes
//! through [`App::apply`], which keeps every derived view current.

use std::collections::HashMap;

use ulid::Ulid;

use super::action::MonthOnDisk;
use super::{App, Charts, Overlay, StatusKind, timeline};
use crate::domain::query::WeeklyTally;
use crate::domain::{Change, Delta, RegionTally, YearMonth};

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
    /// The weekly counts under the treatments.
    pub weekly: WeeklyTally,
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
        let shown = self.timeline.filter();
        for Delta { before, after } in &deltas {
            let sensations = &self.journal.sensations;
            if let Some(old) = before {
                self.treatments.weekly.remove(old);
                if heat.matches(old, sensations) {
                    self.journal.tally.remove(old, sensations);
                }
                if shown.matches(old, sensations) {
                    self.timeline.remove_row(old.sort_key());
                }
            }
            if let Some(new) = after {
                self.treatments.weekly.add(new);
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
        match &mut self.modal.overlay {
            Some(Overlay::ConfirmDelete(entry)) if entry.id == id => match after {
                Some(new) => *entry = new.clone(),
                None => {
                    self.modal.overlay = None;
                    self.say(StatusKind::Info, "That entry was deleted meanwhile");
                }
            },
            // An edit open on an entry that changed elsewhere: say so before
            // the person saves over it, and save against the new version.
            Some(Overlay::Form(form))
                if form.editing.as_ref().is_some_and(|e| e.id == id)
                    && form.editing.as_ref() != after =>
            {
                match after {
                    Some(new) => {
                        form.editing = Some(new.clone());
                        form.error = Some(
                            "Changed elsewhere meanwhile: saving puts yours over it, \
                             Esc keeps the other"
                                .into(),
                        );
                    }
                    None => {
                        form.error = Some(
                            "Deleted elsewhere meanwhile: saving brings it back with \
                             your changes, Esc lets it go"
                                .into(),
                        );
                    }
                }
            }
            _ => {}
        }
    }

    /// The views as they are now.
    pub fn derived_views(&self) -> DerivedViews {
        DerivedViews {
            tally: self.journal.tally.clone(),
            timeline_rows: self.timeline.rows.clone(),
            charts: self.charts.clone(),
            weekly: self.treatments.weekly.clone(),
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
            weekly: WeeklyTally::from_entries(self.journal.entries.iter()),
        }
    }

    /// Months read from disk replace what is in memory for them, their
    /// remembered deletions included.
    pub(super) fn reloaded(&mut self, months: Vec<MonthOnDisk>) {
        for MonthOnDisk {
            month,
            entries,
            deleted,
        } in months
        {
            match entries {
                Ok(mut entries) => {
                    self.month_deaths(month, deleted);
                    entries.retain(|e| !self.journal.is_dead(e));
                    self.apply(Change::MonthReplaced { month, entries }, None);
                }
                Err(problem) => self.month_problem(problem),
            }
        }
    }

    /// The deletions `month`'s file remembers now, replacing what it
    /// remembered before: an older version of a deleted entry in any
    /// month (a sync tool kept a stale file) is taken out of view, and a
    /// deletion the file no longer holds (a restore, a save that brought
    /// the entry back) no longer hides anything.
    pub(super) fn month_deaths(
        &mut self,
        month: YearMonth,
        deleted: Vec<(Ulid, chrono::DateTime<chrono::FixedOffset>)>,
    ) {
        let now: HashMap<Ulid, chrono::DateTime<chrono::FixedOffset>> =
            deleted.into_iter().collect();
        let before = self
            .journal
            .deaths_by_month
            .insert(month, now.clone())
            .unwrap_or_default();
        for id in before.keys().chain(now.keys()) {
            let newest = self
                .journal
                .deaths_by_month
                .values()
                .filter_map(|m| m.get(id))
                .max()
                .copied();
            match newest {
                Some(at) => {
                    self.journal.deaths.insert(*id, at);
                }
                None => {
                    self.journal.deaths.remove(id);
                }
            }
        }
        for (id, at) in now {
            if self
                .journal
                .entries
                .get(id)
                .is_some_and(|e| e.updated <= at)
            {
                self.apply(Change::Removed(id), None);
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
        if self.journal.pending_months.is_empty() {
            // Everything is in: give back the room growing left.
            self.journal.entries.repack();
            self.timeline.rows.shrink_to_fit();
        }
    }

    /// Copies of months were found: say so, and how to merge them.
    pub(super) fn copies_found(&mut self, copies: Vec<String>) {
        if !copies.is_empty() && copies != self.journal.copies {
            self.say(
                StatusKind::Error,
                match copies.len() {
                    1 => "A copy of a month was found: M on the map merges it".to_string(),
                    n => format!("{n} copies of months were found: M on the map merges them"),
                },
            );
        }
        self.journal.copies = copies;
    }

    /// Asks the runtime to merge the copies, if there are any.
    pub(super) fn merge_copies(&mut self) -> Option<super::Effect> {
        if self.journal.copies.is_empty() {
            self.say(StatusKind::Info, "No copies of months to merge");
            return None;
        }
        self.say(StatusKind::Info, "Merging the copies…");
        Some(super::Effect::MergeCopies)
    }

    /// The merge is done: the months it changed replace what is shown.
    pub(super) fn copies_merged(
        &mut self,
        outcome: Result<String, String>,
        months: Vec<MonthOnDisk>,
        left: Vec<String>,
    ) {
        self.reloaded(months);
        self.journal.copies = left;
        match outcome {
            Ok(done) => self.say(StatusKind::Info, done),
            Err(why) => self.say(
                StatusKind::Error,
                format!("The copies were not merged: {why}"),
            ),
        }
    }

    /// Opens the log form again with what was kept when sensemap stopped.
    pub(super) fn recover_form(
        &mut self,
        kept: &super::form::RecoveredForm,
        found: Option<crate::domain::Entry>,
    ) {
        let edited = kept
            .editing
            .and_then(|id| self.journal.entries.get(id))
            .cloned()
            .or(found);
        let form = super::form::LogForm::from_recovered(
            kept,
            &self.journal.sensations,
            edited.as_ref(),
            self.zone,
        );
        self.modal.overlay = Some(Overlay::Form(Box::new(form)));
        self.say(
            StatusKind::Info,
            "sensemap stopped on an error last time: here is what you were typing. \
             Enter saves it, Esc lets it go",
        );
    }

    /// What the open log form holds, if anything was typed: to keep when
    /// sensemap stops on an internal error.
    pub fn recoverable_form(&self) -> Option<super::form::RecoveredForm> {
        self.form()
            .filter(|f| f.touched || f.editing.is_some())
            .map(|f| f.recovered(&self.journal.sensations))
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
}
