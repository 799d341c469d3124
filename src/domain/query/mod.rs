//! The one place where entries are filtered and counted.
//!
//! Every count shown anywhere (heat-map, charts, `sensemap stats`, the
//! report) comes from here, so they always agree.

mod breakdown;
mod notable;
mod period;
mod tally;
mod weekly;
mod window;

use chrono::{DateTime, FixedOffset};

pub use breakdown::{ClassCount, class_summary, sensation_breakdown, week_start, weekly_counts};
pub use notable::{
    Dn4Item, Flag, FlagReason, LOOKBACK_DAYS, NewInPeriod, dn4_items, flags, new_in_period,
};
pub use period::{PeriodSummary, RegionPair, RegionSummary, WeekSummary, summarise};
pub use tally::{HEAT_STEPS, HeatScale, RegionTally};
pub use weekly::{WeekCount, WeeklyTally};
pub use window::{WindowStats, most_affected, window_stats};

use super::entry::Entry;
use super::region::RegionId;
use super::sensation::{SensationCatalogue, SensationClass, SensationId};

/// Restricts entries by sensation type or by whole class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SensationFilter {
    /// One sensation type.
    Type(SensationId),
    /// Every type of one clinical class.
    Class(SensationClass),
}

/// Which entries a query looks at. The default matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only entries at or after this time.
    pub since: Option<DateTime<FixedOffset>>,
    /// Only entries at or before this time.
    pub until: Option<DateTime<FixedOffset>>,
    /// Only entries that cover this region.
    pub region: Option<RegionId>,
    /// Only entries of this sensation type or class.
    pub sensation: Option<SensationFilter>,
    /// Only entries where every word appears in a region, the sensation,
    /// its class, a tag or the note (any case).
    pub text: Option<String>,
}

impl Filter {
    /// True when `entry` passes every condition.
    pub fn matches(&self, entry: &Entry, sensations: &SensationCatalogue) -> bool {
        self.since.is_none_or(|since| entry.at >= since)
            && self.until.is_none_or(|until| entry.at <= until)
            && self.region.is_none_or(|r| entry.regions.contains(r))
            && match &self.sensation {
                None => true,
                Some(SensationFilter::Type(id)) => &entry.sensation == id,
                Some(SensationFilter::Class(class)) => {
                    sensations.class_of(&entry.sensation) == Some(*class)
                }
            }
            && self
                .text
                .as_deref()
                .is_none_or(|text| matches_text(entry, text, sensations))
    }
}

/// True when every word of `text` occurs in what the entry says.
fn matches_text(entry: &Entry, text: &str, sensations: &SensationCatalogue) -> bool {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return true;
    }
    let mut haystack = String::new();
    for r in entry.regions.ids() {
        let region = r.region();
        haystack.push_str(&format!("{} {} {} ", region.id, region.key, region.name));
    }
    haystack.push_str(&format!(
        "{} {} ",
        entry.sensation,
        sensations.name_of(&entry.sensation)
    ));
    if let Some(class) = sensations.class_of(&entry.sensation) {
        haystack.push_str(class.as_str());
    }
    for tag in &entry.tags {
        haystack.push(' ');
        haystack.push_str(tag);
    }
    if let Some(note) = &entry.note {
        haystack.push(' ');
        haystack.push_str(note);
    }
    let haystack = haystack.to_lowercase();
    words.iter().all(|w| haystack.contains(w.as_str()))
}

/// What a region's colour or bar measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    /// Number of entries that cover the region.
    #[default]
    Episodes,
    /// Number of distinct local days with at least one such entry.
    DaysAffected,
    /// Mean intensity of those entries.
    MeanIntensity,
}

/// Counts for one region.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionStats {
    /// The region.
    pub region: RegionId,
    /// Entries that cover it.
    pub episodes: u32,
    /// Distinct local days with such an entry.
    pub days_affected: u32,
    /// Mean intensity of those entries (0 when there are none).
    pub mean_intensity: f64,
}

impl RegionStats {
    /// The value of `metric` for this region.
    pub fn value(&self, metric: Metric) -> f64 {
        match metric {
            Metric::Episodes => f64::from(self.episodes),
            Metric::DaysAffected => f64::from(self.days_affected),
            Metric::MeanIntensity => self.mean_intensity,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::Catalogue;
    use crate::domain::entry::Draft;
    use ulid::Ulid;

    pub(crate) fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    pub(crate) fn entry(when: &str, regions: &[&str], sensation: &str, intensity: i64) -> Entry {
        let cat = Catalogue::global();
        Draft {
            at: at(when),
            regions: regions.iter().map(|r| cat.lookup(r).unwrap()).collect(),
            sensation: SensationId::new(sensation),
            intensity,
            duration_s: None,
            note: None,
            tags: vec![],
        }
        .into_entry(Ulid::generate(), at("2030-01-01T00:00:00Z"))
        .unwrap()
    }

    pub(crate) fn region(id: &str) -> RegionId {
        Catalogue::global().lookup(id).unwrap()
    }

    #[test]
    fn text_filter_searches_regions_sensations_classes_tags_and_notes() {
        let cat = SensationCatalogue::built_in();
        let mut noted = entry("2026-03-01T08:00:00Z", &["left-sole"], "burning", 4);
        noted.note = Some("After the HOT shower".into());
        noted.tags = vec!["heat".into()];
        let plain = entry("2026-03-02T08:00:00Z", &["f25"], "tingling", 4);
        let hits = |text: &str| {
            let filter = Filter {
                text: Some(text.into()),
                ..Filter::default()
            };
            [&noted, &plain]
                .iter()
                .filter(|e| filter.matches(e, &cat))
                .count()
        };
        assert_eq!(hits("shower"), 1);
        assert_eq!(hits("heat"), 1);
        assert_eq!(hits("sole left"), 1);
        assert_eq!(hits("palm"), 1);
        assert_eq!(hits("dysesthesia"), 1);
        assert_eq!(hits("tingling"), 1);
        assert_eq!(hits("f25"), 1);
        assert_eq!(hits(""), 2);
        assert_eq!(hits("nowhere"), 0);
    }

    #[test]
    fn filters_by_time_region_type_and_class() {
        let cat = SensationCatalogue::built_in();
        let entries = [
            entry("2026-03-01T08:00:00Z", &["f25"], "tingling", 4),
            entry("2026-03-05T08:00:00Z", &["f28"], "burning", 6),
            entry("2026-03-09T08:00:00Z", &["f25", "f28"], "electric", 8),
        ];
        let count = |filter: Filter| entries.iter().filter(|e| filter.matches(e, &cat)).count();
        assert_eq!(
            count(Filter {
                since: Some(at("2026-03-05T08:00:00Z")),
                ..Filter::default()
            }),
            2
        );
        assert_eq!(
            count(Filter {
                until: Some(at("2026-03-05T07:59:59Z")),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            count(Filter {
                region: Some(region("f28")),
                ..Filter::default()
            }),
            2
        );
        let dys = SensationFilter::Class(SensationClass::Dysesthesia);
        assert_eq!(
            count(Filter {
                sensation: Some(dys),
                ..Filter::default()
            }),
            2
        );
        let tingling = SensationFilter::Type(SensationId::new("tingling"));
        assert_eq!(
            count(Filter {
                sensation: Some(tingling),
                ..Filter::default()
            }),
            1
        );
    }
}
