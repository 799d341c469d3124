//! What a log form holds, kept in a file when sensemap stops on an internal
//! error, and offered back at the next start.

use serde::{Deserialize, Serialize};
use ulid::Ulid;

use super::{LogForm, TextField};
use crate::domain::{Entry, RegionId, SensationCatalogue, SensationId};

/// The typed content of a log form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveredForm {
    /// The regions.
    pub regions: Vec<RegionId>,
    /// The sensation chosen, if one was.
    pub sensation: Option<SensationId>,
    /// Intensity, 0-10.
    pub intensity: u8,
    /// When, as typed.
    pub time: String,
    /// How long, as typed.
    pub duration: String,
    /// Tags, as typed.
    pub tags: String,
    /// The note.
    pub note: String,
    /// The saved entry being edited, if it was an edit.
    #[serde(default)]
    pub editing: Option<Ulid>,
}

impl LogForm {
    /// What was typed, to keep.
    pub fn recovered(&self, sensations: &SensationCatalogue) -> RecoveredForm {
        RecoveredForm {
            regions: self.regions.clone(),
            sensation: self
                .kept_sensation
                .or_else(|| self.chosen(sensations).map(|t| SensationId::new(&t.id))),
            intensity: self.intensity,
            time: self.time.text().to_string(),
            duration: self.duration.text().to_string(),
            tags: self.tags.text().to_string(),
            note: self.note.text().to_string(),
            editing: self.editing.as_ref().map(|e| e.id),
        }
    }

    /// A form holding what was kept; an edit of an entry still there is an
    /// edit again, anything else a new entry.
    pub fn from_recovered(
        kept: &RecoveredForm,
        sensations: &SensationCatalogue,
        edited: Option<&Entry>,
        zone: crate::app::Zone,
    ) -> LogForm {
        let mut form = match edited {
            Some(entry) => LogForm::edit(entry, sensations, zone),
            None => LogForm::new(
                kept.regions.clone(),
                sensations,
                kept.sensation.as_ref().map(|s| (s, kept.intensity)),
            ),
        };
        form.regions = kept.regions.clone();
        form.intensity = kept.intensity.min(10);
        form.time = TextField::new(&kept.time).with_placeholder("now");
        form.duration =
            TextField::new(&kept.duration).with_placeholder("optional: 90s, 15m, 2h30m");
        form.tags = TextField::new(&kept.tags).with_placeholder("optional, e.g. heat fatigue");
        form.note = TextField::multiline(&kept.note);
        form.touched = true;
        form
    }
}
