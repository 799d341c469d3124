//! Breakdowns for the charts: by sensation, by class, by week.

use chrono::{Datelike, Duration, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};

use super::Filter;
use crate::domain::entry::Entry;
use crate::domain::sensation::{SensationCatalogue, SensationClass, SensationId};

/// Entries of each sensation type that pass `filter`, most first (ties by id).
pub fn sensation_breakdown<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    filter: &Filter,
    sensations: &SensationCatalogue,
) -> Vec<(SensationId, u32)> {
    let mut counts: FxHashMap<&SensationId, u32> = FxHashMap::default();
    for entry in entries {
        if filter.matches(entry, sensations) {
            *counts.entry(&entry.sensation).or_insert(0) += 1;
        }
    }
    let mut out: Vec<(SensationId, u32)> = counts.into_iter().map(|(id, n)| (*id, n)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Episodes and days of one clinical class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassCount {
    /// The class; `None` for sensations no longer in the config.
    pub class: Option<SensationClass>,
    /// Entries of that class.
    pub episodes: u32,
    /// Distinct local days with such an entry.
    pub days: u32,
}

/// Entries and days per class, in clinical order; every class is listed,
/// the unknown one only when it occurs.
pub fn class_summary<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    filter: &Filter,
    sensations: &SensationCatalogue,
) -> Vec<ClassCount> {
    let mut episodes: FxHashMap<Option<SensationClass>, u32> = FxHashMap::default();
    let mut days: FxHashMap<Option<SensationClass>, FxHashSet<NaiveDate>> = FxHashMap::default();
    for entry in entries {
        if filter.matches(entry, sensations) {
            let class = sensations.class_of(&entry.sensation);
            *episodes.entry(class).or_insert(0) += 1;
            days.entry(class).or_default().insert(entry.day());
        }
    }
    SensationClass::ALL
        .into_iter()
        .map(Some)
        .chain(episodes.contains_key(&None).then_some(None))
        .map(|class| ClassCount {
            class,
            episodes: episodes.get(&class).copied().unwrap_or(0),
            days: days.get(&class).map_or(0, |d| d.len() as u32),
        })
        .collect()
}

/// The Monday on or before `day`: weeks run Monday to Sunday.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Entries passing `filter` in each of `weeks` weeks from the week of
/// `first_day`, by the local day they were felt on.
pub fn weekly_counts<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    filter: &Filter,
    sensations: &SensationCatalogue,
    first_day: NaiveDate,
    weeks: usize,
) -> Vec<u32> {
    let first = week_start(first_day);
    let mut counts = vec![0; weeks];
    for entry in entries {
        let days = (entry.day() - first).num_days();
        if days < 0 || !filter.matches(entry, sensations) {
            continue;
        }
        if let Some(slot) = counts.get_mut((days / 7) as usize) {
            *slot += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::super::tests::{entry, region};
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn breakdown_by_sensation_for_one_region() {
        let cat = SensationCatalogue::built_in();
        let entries = [
            entry(
                "2026-03-01T08:00:00Z",
                &["left-sole", "right-sole"],
                "tingling",
                4,
            ),
            entry("2026-03-02T08:00:00Z", &["left-sole"], "burning", 6),
            entry("2026-03-03T08:00:00Z", &["left-sole"], "tingling", 5),
            entry("2026-03-03T09:00:00Z", &["right-sole"], "numbness", 5),
        ];
        let left = Filter {
            region: Some(region("left-sole")),
            ..Filter::default()
        };
        let ids: Vec<(String, u32)> = sensation_breakdown(&entries, &left, &cat)
            .into_iter()
            .map(|(id, n)| (id.as_str().to_string(), n))
            .collect();
        assert_eq!(
            ids,
            [("tingling".to_string(), 2), ("burning".to_string(), 1)]
        );
    }

    #[test]
    fn class_summary_lists_every_class_and_unknown_types_apart() {
        let cat = SensationCatalogue::built_in();
        let entries = [
            entry("2026-03-01T08:00:00Z", &["f25"], "tingling", 4),
            entry("2026-03-01T09:00:00Z", &["f25"], "numbness", 4),
            entry("2026-03-02T08:00:00Z", &["f25"], "electric", 6),
            entry("2026-03-02T08:00:00Z", &["f25"], "gone-from-config", 6),
        ];
        let summary = class_summary(&entries, &Filter::default(), &cat);
        assert_eq!(
            summary,
            [
                ClassCount {
                    class: Some(SensationClass::Paresthesia),
                    episodes: 2,
                    days: 1
                },
                ClassCount {
                    class: Some(SensationClass::Dysesthesia),
                    episodes: 1,
                    days: 1
                },
                ClassCount {
                    class: Some(SensationClass::Hypoesthesia),
                    episodes: 0,
                    days: 0
                },
                ClassCount {
                    class: None,
                    episodes: 1,
                    days: 1
                },
            ]
        );
    }

    #[test]
    fn weeks_run_monday_to_sunday_on_the_local_day() {
        let cat = SensationCatalogue::built_in();
        assert_eq!(week_start(day("2026-03-11")), day("2026-03-09"));
        assert_eq!(week_start(day("2026-03-09")), day("2026-03-09"));
        let entries = [
            // Sunday 23:30 at UTC-5 is already Monday in UTC: it stays in the first week.
            entry("2026-03-08T23:30:00-05:00", &["f25"], "tingling", 4),
            entry("2026-03-02T08:00:00+01:00", &["f25"], "tingling", 4),
            entry("2026-03-09T08:00:00+01:00", &["f25"], "tingling", 4),
            entry("2026-03-20T08:00:00+01:00", &["f25"], "tingling", 4),
            entry("2026-02-20T08:00:00+01:00", &["f25"], "tingling", 4),
        ];
        let weeks = weekly_counts(&entries, &Filter::default(), &cat, day("2026-03-04"), 3);
        assert_eq!(weeks, [2, 1, 1]);
    }
}
