//! What a log form would save: its fields read and checked into a draft.

use chrono::{DateTime, FixedOffset};

use super::LogForm;
use crate::app::Zone;
use crate::domain::when::{DateOrder, parse_duration};
use crate::domain::{Draft, RegionId, SensationCatalogue, SensationId};

impl LogForm {
    /// What the form would save, or why it cannot.
    pub fn to_draft(
        &self,
        sensations: &SensationCatalogue,
        zone: Zone,
        order: DateOrder,
        now: DateTime<FixedOffset>,
    ) -> Result<Draft, String> {
        let sensation = match (&self.kept_sensation, self.chosen(sensations)) {
            (Some(kept), _) => *kept,
            (None, Some(chosen)) => SensationId::new(&chosen.id),
            (None, None) => {
                return Err(format!(
                    "no sensation matches '{}'",
                    self.sensation_query.text()
                ));
            }
        };
        let time_text = if self.time.text().trim().is_empty() {
            "now"
        } else {
            self.time.text()
        };
        let at = match &self.editing {
            Some(entry) if time_text == self.original_time => entry.at,
            _ => {
                let at = zone
                    .read(time_text, now, order)
                    .map_err(|e| e.to_string())?;
                crate::domain::when::check_felt(time_text, at, now).map_err(|e| e.to_string())?;
                at
            }
        };
        let regions = if self.editing.is_some() {
            parse_regions(self.regions_text.text())?
        } else {
            self.regions.clone()
        };
        let duration_s = match self.duration.text().trim() {
            "" => None,
            text => Some(parse_duration(text).map_err(|e| e.to_string())?),
        };
        let tags = crate::domain::split_tags([self.tags.text()]);
        Ok(Draft {
            at,
            regions,
            sensation,
            intensity: i64::from(self.intensity),
            duration_s,
            note: Some(self.note.text().to_string()),
            tags,
        })
    }
}

/// Regions typed as ids, keys, codes or names, separated by commas.
fn parse_regions(text: &str) -> Result<Vec<RegionId>, String> {
    crate::domain::places::resolve_list(text).map_err(|e| e.to_string())
}
