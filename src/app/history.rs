//! Undo and redo: every change this session made to the journal, as a pair
//! of versions, kept until it is written back the other way.

use std::collections::VecDeque;

use crate::domain::Entry;

/// How many steps `u` can take back.
pub const HISTORY_LIMIT: usize = 100;

/// One change to one entry: `None` before means it was added, `None` after
/// means it was deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The entry as it was.
    pub before: Option<Entry>,
    /// The entry as it became.
    pub after: Option<Entry>,
}

impl Step {
    /// The entry the step is about.
    pub fn entry(&self) -> Option<&Entry> {
        self.after.as_ref().or(self.before.as_ref())
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
    undo: VecDeque<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a change just written; a new change ends what can be redone.
    pub fn record(&mut self, step: Step) {
        self.redo.clear();
        self.push_undo(step);
    }

    fn push_undo(&mut self, step: Step) {
        if self.undo.len() == HISTORY_LIMIT {
            self.undo.pop_front();
        }
        self.undo.push_back(step);
    }

    /// The step `u` would take back.
    pub fn next_undo(&self) -> Option<&Step> {
        self.undo.back()
    }

    /// The step redo would do again.
    pub fn next_redo(&self) -> Option<&Step> {
        self.redo.last()
    }

    /// The newest step was undone on disk, leaving `written` (the version
    /// the undo wrote): it moves to the redo stack, where redo expects that
    /// version to still be there.
    pub fn undone(&mut self, written: Option<Entry>) {
        if let Some(mut step) = self.undo.pop_back() {
            step.before = written;
            self.redo.push(step);
        }
    }

    /// The newest undone step was redone on disk, leaving `written`: it
    /// moves back to the undo stack.
    pub fn redone(&mut self, written: Option<Entry>) {
        if let Some(mut step) = self.redo.pop() {
            step.after = written;
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
