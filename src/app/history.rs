//! Undo and redo: every change this session made to the journal or the
//! treatments, as a pair of versions, kept until it is written back the
//! other way.

use std::collections::VecDeque;

use crate::domain::Entry;
use crate::domain::treatment::TreatmentRecord;

/// How many steps `u` can take back.
pub const HISTORY_LIMIT: usize = 100;

/// One change to one record (an entry unless said otherwise): `None`
/// before means it was added, `None` after means it was deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<T = Entry> {
    /// The record as it was.
    pub before: Option<T>,
    /// The record as it became.
    pub after: Option<T>,
}

impl<T> Step<T> {
    /// The record the step is about.
    pub fn entry(&self) -> Option<&T> {
        self.after.as_ref().or(self.before.as_ref())
    }
}

/// A step `u` can take back: to an entry or to a treatment record.
#[derive(Debug, Clone, PartialEq)]
pub enum Undoable {
    /// An entry added, changed or deleted.
    Entry(Step),
    /// A course or application added, changed or deleted.
    Treatment(Step<TreatmentRecord>),
}

impl Undoable {
    /// After writing `written` back the other way, the version it left is
    /// what the step must find to be done again.
    fn expect_before(&mut self, written: Undoable) {
        match (self, written) {
            (Undoable::Entry(step), Undoable::Entry(w)) => step.before = w.after,
            (Undoable::Treatment(step), Undoable::Treatment(w)) => step.before = w.after,
            _ => {}
        }
    }

    /// After redoing it with `written`, the version undo must find.
    fn expect_after(&mut self, written: Undoable) {
        match (self, written) {
            (Undoable::Entry(step), Undoable::Entry(w)) => step.after = w.after,
            (Undoable::Treatment(step), Undoable::Treatment(w)) => step.after = w.after,
            _ => {}
        }
    }
}

/// Why a write was asked for; it decides what the history does with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A new entry from the log form.
    Log,
    /// A changed entry from the edit form.
    Edit,
    /// A deleted entry.
    Delete,
    /// Taking back the newest step.
    Undo,
    /// Doing again the newest undone step.
    Redo,
}

/// The undo and redo stacks. A step leaves its stack only once the write
/// that reverses it has succeeded, so a failed undo can be retried.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: VecDeque<Undoable>,
    redo: Vec<Undoable>,
}

impl History {
    /// Records a change just written; a new change ends what can be redone.
    pub fn record(&mut self, step: Undoable) {
        self.redo.clear();
        self.push_undo(step);
    }

    fn push_undo(&mut self, step: Undoable) {
        if self.undo.len() == HISTORY_LIMIT {
            self.undo.pop_front();
        }
        self.undo.push_back(step);
    }

    /// The step `u` would take back.
    pub fn next_undo(&self) -> Option<&Undoable> {
        self.undo.back()
    }

    /// The step redo would do again.
    pub fn next_redo(&self) -> Option<&Undoable> {
        self.redo.last()
    }

    /// The newest step was undone on disk by the write `written`: it moves
    /// to the redo stack, where redo expects the version that write left.
    pub fn undone(&mut self, written: Undoable) {
        if let Some(mut step) = self.undo.pop_back() {
            step.expect_before(written);
            self.redo.push(step);
        }
    }

    /// The newest undone step was redone on disk by `written`: it moves
    /// back to the undo stack.
    pub fn redone(&mut self, written: Undoable) {
        if let Some(mut step) = self.redo.pop() {
            step.expect_after(written);
            self.push_undo(step);
        }
    }

    /// Drops the newest undo step (it can no longer be applied).
    pub fn drop_undo(&mut self) {
        self.undo.pop_back();
    }

    /// Drops the newest redo step (it can no longer be applied).
    pub fn drop_redo(&mut self) {
        self.redo.pop();
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many steps can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }
}
