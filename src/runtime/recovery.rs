//! When the app stops on an internal error, what was being typed in the
//! log form is kept in `recovery.ron` beside the journal, and the next
//! start opens it again.

use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use super::Runtime;
use crate::app::Action;
use crate::app::form::RecoveredForm;
use crate::domain::Entry;
use crate::store::{Journal, MonthStore, SideFile};
use ulid::Ulid;

/// Keeps text in the recovery file and says where.
type Keep = Box<dyn Fn(&str) -> Result<PathBuf, String> + Send>;
/// The text in the recovery file and where it is, if there is one.
type Read = Box<dyn Fn() -> Option<(String, PathBuf)> + Send>;
/// Removes the recovery file once its text is back in the form.
type Forget = Box<dyn Fn() + Send>;
/// A saved entry wherever it is filed (loaded yet or not).
type Find = Box<dyn Fn(Ulid) -> Option<Entry> + Send>;

/// Where typed text is kept across a crash.
pub(super) struct RecoveryFile {
    keep: Keep,
    read: Read,
    forget: Forget,
    find: Find,
}

impl RecoveryFile {
    /// The recovery file beside `journal`'s months.
    pub(super) fn beside<S: MonthStore + 'static>(journal: &Arc<Journal<S>>) -> RecoveryFile {
        let (writer, reader) = (Arc::clone(journal), Arc::clone(journal));
        let (forgetter, finder) = (Arc::clone(journal), Arc::clone(journal));
        RecoveryFile {
            keep: Box::new(move |text| {
                let store = writer.store();
                // Best effort: the lock keeps a save elsewhere from meeting
                // this one, but the text is kept even without it.
                let _lock = store.lock().ok();
                store
                    .write_side(SideFile::Recovery, text)
                    .map(|()| store.side_path(SideFile::Recovery))
                    .map_err(|e| e.to_string())
            }),
            read: Box::new(move || {
                let store = reader.store();
                let text = store.read_side(SideFile::Recovery).ok()??;
                Some((text, store.side_path(SideFile::Recovery)))
            }),
            // Offered once: if the app stops again, the form is kept again.
            forget: Box::new(move || {
                let _ = forgetter.store().remove_side(SideFile::Recovery);
            }),
            find: Box::new(move |id| finder.find(id).ok().flatten()),
        }
    }
}

/// The app stopped on an internal error.
#[derive(Debug)]
pub struct Crashed {
    /// What the error said.
    pub message: String,
    /// Where what was being typed is kept, if anything was.
    pub kept: Option<Result<PathBuf, String>>,
}

impl Crashed {
    /// What to tell the person after the terminal is restored.
    pub fn explain(&self) -> String {
        let kept = match &self.kept {
            Some(Ok(path)) => format!(
                " What you were typing is kept in {} and the next start opens it again.",
                path.display()
            ),
            Some(Err(why)) => format!(" What you were typing could not be kept: {why}."),
            None => String::new(),
        };
        format!(
            "sensemap stopped on an internal error ({}). Everything saved is safe.{kept}",
            self.message
        )
    }
}

impl Runtime {
    /// Runs `body` (the event loop); if it panics, keeps what the log form
    /// holds in the recovery file and says so, instead of losing it.
    pub fn guard<T>(&mut self, body: impl FnOnce(&mut Runtime) -> T) -> Result<T, Crashed> {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| body(self)));
        outcome.map_err(|payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            let kept = panic::catch_unwind(AssertUnwindSafe(|| self.app.recoverable_form()))
                .ok()
                .flatten()
                .map(|form| {
                    ron::ser::to_string_pretty(&form, ron::ser::PrettyConfig::default())
                        .map_err(|e| e.to_string())
                        .and_then(|text| (self.recovery.keep)(&text))
                });
            Crashed { message, kept }
        })
    }

    /// Opens the log form with what was kept when sensemap last stopped on
    /// an internal error, if anything was.
    pub fn offer_recovery(&mut self) {
        let Some((text, path)) = (self.recovery.read)() else {
            return;
        };
        match ron::from_str::<RecoveredForm>(&text) {
            Ok(form) => {
                // An edit of an entry in a month not loaded yet is still an
                // edit of that entry, never a copy of it.
                let edited = form
                    .editing
                    .filter(|&id| self.app.journal.entries.get(id).is_none())
                    .and_then(|id| (self.recovery.find)(id))
                    .map(Box::new);
                self.dispatch(Action::RecoverForm {
                    form: Box::new(form),
                    edited,
                });
                (self.recovery.forget)();
            }
            // Left where it is, so the text can still be read by hand.
            Err(e) => self.app.say(
                crate::app::StatusKind::Error,
                format!(
                    "What was kept when sensemap last stopped cannot be read ({e}); \
                     it is left in {}",
                    path.display()
                ),
            ),
        }
    }
}
