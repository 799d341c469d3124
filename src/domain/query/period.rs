//! A period summed up for the report: how much was logged, where, what,
//! which places recur together, and the trend week by week.

use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use super::breakdown::{ClassCount, class_summary, sensation_breakdown, week_start};
use super::{Filter, RegionStats, RegionTally};
use crate::domain::entry::Entry;
use crate::domain::region::RegionId;
use crate::domain::sensation::{SensationCatalogue, SensationId};

/// One region over the period: the heat-map counts and the range of
/// intensity.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionSummary {
    /// Episodes, days affected and mean intensity.
    pub stats: RegionStats,
    /// The highest intensity logged there.
    pub worst: u8,
    /// The lowest intensity logged there.
    pub least: u8,
}

/// Two regions logged together in one entry, and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionPair {
    /// The first region, in catalogue order.
    pub first: RegionId,
    /// The second.
    pub second: RegionId,
    /// Entries that cover both.
    pub episodes: u32,
}

/// One week of the trend, Monday to Sunday by the local day.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekSummary {
    /// The Monday the week starts on.
    pub start: NaiveDate,
    /// Entries that week.
    pub episodes: u32,
    /// Their mean intensity, if there were any.
    pub mean_intensity: Option<f64>,
    /// How many regions had entries: the extent.
    pub extent: usize,
    /// Days of the week inside the period: under 7 for a week it cuts.
    pub days_counted: u32,
}

/// The counts of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodSummary {
    /// First moment counted.
    pub since: DateTime<FixedOffset>,
    /// Last moment counted.
    pub until: DateTime<FixedOffset>,
    /// Entries in the period.
    pub entries: usize,
    /// Local days with at least one entry.
    pub days_logged: usize,
    /// Calendar days the period touches.
    pub days_in_period: usize,
    /// Every region with entries, most episodes first.
    pub regions: Vec<RegionSummary>,
    /// Entries and days per class.
    pub classes: Vec<ClassCount>,
    /// Entries per sensation type, most first.
    pub types: Vec<(SensationId, u32)>,
    /// Region pairs logged together at least twice, most first.
    pub pairs: Vec<RegionPair>,
    /// Every week the period touches, oldest first.
    pub weeks: Vec<WeekSummary>,
    /// The running counts behind the heat-map of the period.
    pub tally: RegionTally,
}

/// Sums up the entries between `since` and `until` (both included).
/// `entries` may hold more; only those in the period count.
pub fn summarise(
    entries: &[Entry],
    since: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
    sensations: &SensationCatalogue,
) -> PeriodSummary {
    let filter = Filter {
        since: Some(since),
        until: Some(until),
        ..Filter::default()
    };
    let within: Vec<&Entry> = entries
        .iter()
        .filter(|e| filter.matches(e, sensations))
        .collect();
    let tally = RegionTally::from_entries(within.iter().copied(), &Filter::default(), sensations);
    let mut range: FxHashMap<RegionId, (u8, u8)> = FxHashMap::default();
    let mut pairs: BTreeMap<(RegionId, RegionId), u32> = BTreeMap::new();
    for entry in &within {
        let intensity = entry.intensity.value();
        let mut rest = entry.regions.ids();
        while let Some(r) = rest.next() {
            let (least, worst) = range.entry(r).or_insert((intensity, intensity));
            *least = (*least).min(intensity);
            *worst = (*worst).max(intensity);
            for other in rest.clone() {
                *pairs.entry((r, other)).or_default() += 1;
            }
        }
    }
    let regions = tally
        .ranked()
        .into_iter()
        .filter(|s| s.episodes > 0)
        .map(|stats| {
            let (least, worst) = range.get(&stats.region).copied().unwrap_or((0, 0));
            RegionSummary {
                stats,
                worst,
                least,
            }
        })
        .collect();
    let mut pairs: Vec<RegionPair> = pairs
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|((first, second), episodes)| RegionPair {
            first,
            second,
            episodes,
        })
        .collect();
    pairs.sort_by_key(|p| std::cmp::Reverse(p.episodes));
    let days: BTreeSet<NaiveDate> = within.iter().map(|e| e.day()).collect();
    let first_day = since.date_naive();
    let last_day = until.date_naive().max(first_day);
    PeriodSummary {
        since,
        until,
        entries: within.len(),
        days_logged: days.len(),
        days_in_period: ((last_day - first_day).num_days() + 1) as usize,
        regions,
        classes: class_summary(within.iter().copied(), &Filter::default(), sensations),
        types: sensation_breakdown(within.iter().copied(), &Filter::default(), sensations),
        pairs,
        weeks: weeks(&within, first_day, last_day),
        tally,
    }
}

/// The weekly trend from the week of `first` to the week of `last`.
fn weeks(within: &[&Entry], first: NaiveDate, last: NaiveDate) -> Vec<WeekSummary> {
    let first_week = week_start(first);
    let count = ((week_start(last) - first_week).num_days() / 7 + 1) as usize;
    let mut sums = vec![(0u32, 0u64, BTreeSet::new()); count];
    for entry in within {
        // An entry in another UTC offset can fall on a local day just
        // outside the period's dates: it counts in the nearest week.
        let week = (entry.day() - first_week).num_days().div_euclid(7);
        let week = usize::try_from(week.max(0)).unwrap_or(0).min(count - 1);
        if let Some((episodes, intensity, regions)) = sums.get_mut(week) {
            *episodes += 1;
            *intensity += u64::from(entry.intensity.value());
            regions.extend(entry.regions.ids());
        }
    }
    sums.into_iter()
        .enumerate()
        .map(|(i, (episodes, intensity, regions))| {
            let start = first_week + Duration::weeks(i as i64);
            let end = start + Duration::days(6);
            WeekSummary {
                start,
                episodes,
                mean_intensity: (episodes > 0).then(|| intensity as f64 / f64::from(episodes)),
                extent: regions.len(),
                days_counted: ((end.min(last) - start.max(first)).num_days() + 1) as u32,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, entry, region};
    use super::*;

    #[test]
    fn an_entry_on_a_local_day_outside_the_dates_still_counts_in_the_weeks() {
        let cat = SensationCatalogue::built_in();
        // 2026-03-02 01:00 at UTC+1, but Sunday 1 March where it was felt.
        let entries = [entry("2026-03-01T19:00:00-05:00", &["f25"], "tingling", 4)];
        let summary = summarise(
            &entries,
            at("2026-03-02T00:00:00+01:00"),
            at("2026-03-08T23:59:59+01:00"),
            &cat,
        );
        assert_eq!(summary.entries, 1);
        let weekly: u32 = summary.weeks.iter().map(|w| w.episodes).sum();
        assert_eq!(weekly, 1);
    }

    #[test]
    fn a_period_is_counted_by_region_pair_and_week() {
        let cat = SensationCatalogue::built_in();
        let entries = [
            // Before the period: not counted.
            entry("2026-02-27T08:00:00+01:00", &["f25"], "burning", 9),
            entry(
                "2026-03-02T08:00:00+01:00",
                &["left-sole", "right-sole"],
                "tingling",
                4,
            ),
            entry(
                "2026-03-03T08:00:00+01:00",
                &["left-sole", "right-sole"],
                "tingling",
                6,
            ),
            entry("2026-03-03T20:00:00+01:00", &["left-sole"], "burning", 2),
            entry("2026-03-10T08:00:00+01:00", &["f25"], "numbness", 3),
        ];
        let summary = summarise(
            &entries,
            at("2026-03-01T00:00:00+01:00"),
            at("2026-03-11T23:59:59+01:00"),
            &cat,
        );
        assert_eq!(summary.entries, 4);
        assert_eq!(summary.days_logged, 3);
        assert_eq!(summary.days_in_period, 11);
        let left = &summary.regions[0];
        assert_eq!(left.stats.region, region("left-sole"));
        assert_eq!((left.stats.episodes, left.stats.days_affected), (3, 2));
        assert_eq!((left.least, left.worst), (2, 6));
        assert_eq!(summary.regions.len(), 3);
        assert_eq!(
            summary.pairs,
            [RegionPair {
                first: region("left-sole").min(region("right-sole")),
                second: region("left-sole").max(region("right-sole")),
                episodes: 2
            }]
        );
        // 2026-03-01 is a Sunday: its week starts on Monday 23 February.
        let starts: Vec<String> = summary.weeks.iter().map(|w| w.start.to_string()).collect();
        assert_eq!(starts, ["2026-02-23", "2026-03-02", "2026-03-09"]);
        let episodes: Vec<u32> = summary.weeks.iter().map(|w| w.episodes).collect();
        assert_eq!(episodes, [0, 3, 1]);
        assert_eq!(summary.weeks[1].mean_intensity, Some(4.0));
        assert_eq!(summary.weeks[1].extent, 2);
        assert_eq!(summary.weeks[0].mean_intensity, None);
        let counted: Vec<u32> = summary.weeks.iter().map(|w| w.days_counted).collect();
        assert_eq!(counted, [1, 7, 3]);
        assert_eq!(summary.types[0], (SensationId::new("tingling"), 2));
    }
}
