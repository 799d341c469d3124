//! Per-region counts kept up to date entry by entry, and the heat scale.

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

mod batch;
mod day_counts;

pub use day_counts::DayCounts;

use super::{ClassCount, Filter, Metric, RegionStats, week_start};
use crate::domain::entry::Entry;
use crate::domain::region::{Catalogue, RegionId};
use crate::domain::sensation::{SensationCatalogue, SensationClass, SensationId};

/// How many colour steps the heat-map uses.
pub const HEAT_STEPS: usize = 5;

/// Buckets metric values into at most [`HEAT_STEPS`] steps, lowest first,
/// each with a label giving its numeric range.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatScale {
    metric: Metric,
    /// Upper bound of each step, inclusive.
    uppers: Vec<f64>,
}

impl HeatScale {
    /// The scale for `metric` when the largest value shown is `max`.
    pub fn new(metric: Metric, max: f64) -> HeatScale {
        let uppers = match metric {
            Metric::MeanIntensity => vec![2.0, 4.0, 6.0, 8.0, 10.0],
            Metric::Episodes | Metric::DaysAffected => {
                let max = max.max(1.0).ceil();
                let width = (max / HEAT_STEPS as f64).ceil();
                let steps = (max / width).ceil() as usize;
                (1..=steps).map(|i| (i as f64 * width).min(max)).collect()
            }
        };
        HeatScale { metric, uppers }
    }

    /// The scale that fits every region in `tally`.
    pub fn for_tally(tally: &RegionTally, metric: Metric) -> HeatScale {
        let max = Catalogue::global()
            .ids()
            .map(|r| tally.get(r).value(metric))
            .fold(0.0, f64::max);
        HeatScale::new(metric, max)
    }

    /// The step of a region's counts, or `None` when it has no episodes.
    pub fn step(&self, stats: &RegionStats) -> Option<usize> {
        if stats.episodes == 0 {
            return None;
        }
        let value = stats.value(self.metric);
        let step = self.uppers.iter().position(|upper| value < *upper + 1e-9);
        Some(step.unwrap_or(self.uppers.len() - 1))
    }

    /// How many steps this scale has.
    pub fn len(&self) -> usize {
        self.uppers.len()
    }

    /// Always false: a scale has at least one step.
    pub fn is_empty(&self) -> bool {
        self.uppers.is_empty()
    }

    /// The numeric range of each step, e.g. `1-4`, `5-8`; for mean intensity
    /// (shown to one decimal) `0-2`, `2.1-4`, so no value sits in two steps.
    pub fn labels(&self) -> Vec<String> {
        let mut lower = match self.metric {
            Metric::MeanIntensity => 0.0,
            _ => 1.0,
        };
        self.uppers
            .iter()
            .map(|&upper| {
                let label = match self.metric {
                    Metric::MeanIntensity if lower == 0.0 => format!("0-{upper}"),
                    Metric::MeanIntensity => format!("{:.1}-{upper}", lower + 0.1),
                    _ if lower == upper => format!("{upper}"),
                    _ => format!("{lower}-{upper}"),
                };
                lower = match self.metric {
                    Metric::MeanIntensity => upper,
                    _ => upper + 1.0,
                };
                label
            })
            .collect()
    }
}

/// Running counts over the entries that pass one filter, kept up to date
/// entry by entry so every view updates without recounting the history:
/// per region (episodes, intensity, days, sensation types) and per
/// sensation class (episodes, days). The charts are projections of it.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionTally {
    episodes: Vec<u32>,
    intensity_sum: Vec<u64>,
    entries_per_day: Vec<DayCounts>,
    per_sensation: Vec<FxHashMap<SensationId, u32>>,
    class_episodes: FxHashMap<Option<SensationClass>, u32>,
    class_days: FxHashMap<Option<SensationClass>, DayCounts>,
    days: DayCounts,
}

impl Default for RegionTally {
    fn default() -> Self {
        let n = Catalogue::global().len();
        RegionTally {
            episodes: vec![0; n],
            intensity_sum: vec![0; n],
            entries_per_day: vec![DayCounts::default(); n],
            per_sensation: vec![FxHashMap::default(); n],
            class_episodes: FxHashMap::default(),
            class_days: FxHashMap::default(),
            days: DayCounts::default(),
        }
    }
}

/// Adds `by` (1 or -1) to the count of `key`, dropping it at zero. Takes
/// the key by reference so that counting an existing key allocates nothing.
fn bump<K, Q>(map: &mut FxHashMap<K, u32>, key: &Q, by: i32)
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ToOwned<Owned = K> + ?Sized,
{
    match map.get_mut(key) {
        Some(count) => {
            *count = count.saturating_add_signed(by);
            if *count == 0 {
                map.remove(key);
            }
        }
        None if by > 0 => {
            map.insert(key.to_owned(), by.unsigned_abs());
        }
        None => {}
    }
}

/// Adds one to `day` (`by` 1) or takes one away (`by` -1).
fn count_day(counts: &mut DayCounts, day: NaiveDate, by: i32) {
    if by > 0 {
        counts.add(day, 1);
    } else {
        counts.remove(day, 1);
    }
}

impl RegionTally {
    /// Counts every entry that passes `filter`.
    pub fn from_entries<'a>(
        entries: impl IntoIterator<Item = &'a Entry>,
        filter: &Filter,
        sensations: &SensationCatalogue,
    ) -> RegionTally {
        let mut tally = RegionTally::default();
        let mut batch = batch::DayBatch::new(tally.episodes.len(), sensations);
        for entry in entries {
            if filter.matches(entry, sensations) {
                batch.add(&mut tally, entry);
            }
        }
        batch.finish(&mut tally);
        tally
    }

    /// Counts one more entry.
    pub fn add(&mut self, entry: &Entry, sensations: &SensationCatalogue) {
        self.count(entry, sensations, 1);
    }

    /// Takes back an entry counted earlier.
    pub fn remove(&mut self, entry: &Entry, sensations: &SensationCatalogue) {
        self.count(entry, sensations, -1);
    }

    fn count(&mut self, entry: &Entry, sensations: &SensationCatalogue, by: i32) {
        let day = entry.day();
        let intensity = u64::from(entry.intensity.value());
        for region in entry.regions.ids() {
            let i = region.index();
            self.episodes[i] = self.episodes[i].saturating_add_signed(by);
            self.intensity_sum[i] = if by > 0 {
                self.intensity_sum[i] + intensity
            } else {
                self.intensity_sum[i].saturating_sub(intensity)
            };
            count_day(&mut self.entries_per_day[i], day, by);
            bump(&mut self.per_sensation[i], &entry.sensation, by);
        }
        let class = sensations.class_of(&entry.sensation);
        bump(&mut self.class_episodes, &class, by);
        let days = self.class_days.entry(class).or_default();
        count_day(days, day, by);
        if days.is_empty() {
            self.class_days.remove(&class);
        }
        count_day(&mut self.days, day, by);
    }

    /// The counts for one region.
    pub fn get(&self, region: RegionId) -> RegionStats {
        let i = region.index();
        let episodes = self.episodes[i];
        let mean_intensity = if episodes == 0 {
            0.0
        } else {
            self.intensity_sum[i] as f64 / f64::from(episodes)
        };
        RegionStats {
            region,
            episodes,
            days_affected: self.entries_per_day[i].len() as u32,
            mean_intensity,
        }
    }

    /// Every region with at least one episode, most episodes first (ties in
    /// catalogue order).
    pub fn ranked(&self) -> Vec<RegionStats> {
        let mut stats: Vec<RegionStats> = Catalogue::global()
            .ids()
            .map(|r| self.get(r))
            .filter(|s| s.episodes > 0)
            .collect();
        stats.sort_by(|a, b| b.episodes.cmp(&a.episodes).then(a.region.cmp(&b.region)));
        stats
    }

    /// A region's entries per sensation type, most first (ties by id): the
    /// same as [`super::sensation_breakdown`] over the counted entries.
    pub fn sensation_breakdown(&self, region: RegionId) -> Vec<(SensationId, u32)> {
        let mut out: Vec<(SensationId, u32)> = self.per_sensation[region.index()]
            .iter()
            .map(|(id, n)| (*id, *n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// A region's entries in each of `weeks` weeks from the week of
    /// `first_day`: the same as [`super::weekly_counts`].
    pub fn weekly(&self, region: RegionId, first_day: NaiveDate, weeks: usize) -> Vec<u32> {
        let first = week_start(first_day);
        let mut counts = vec![0; weeks];
        for (day, n) in self.entries_per_day[region.index()].iter() {
            let days = (day - first).num_days();
            if days < 0 {
                continue;
            }
            if let Some(slot) = counts.get_mut((days / 7) as usize) {
                *slot += n;
            }
        }
        counts
    }

    /// Entries and days per class: the same as [`super::class_summary`].
    pub fn class_summary(&self) -> Vec<ClassCount> {
        SensationClass::ALL
            .into_iter()
            .map(Some)
            .chain(self.class_episodes.contains_key(&None).then_some(None))
            .map(|class| ClassCount {
                class,
                episodes: self.class_episodes.get(&class).copied().unwrap_or(0),
                days: self.class_days.get(&class).map_or(0, |d| d.len() as u32),
            })
            .collect()
    }

    /// The first local day with a counted entry.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.days.first_day()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{entry, region};
    use super::*;

    #[test]
    fn counts_episodes_days_and_mean_intensity_per_region() {
        let entries = [
            entry(
                "2026-03-01T08:00:00+01:00",
                &["left-sole", "right-sole"],
                "tingling",
                4,
            ),
            entry("2026-03-01T20:00:00+01:00", &["left-sole"], "burning", 6),
            entry("2026-03-02T09:00:00+01:00", &["left-sole"], "tingling", 5),
        ];
        let tally = RegionTally::from_entries(&entries, &Filter::default(), &Default::default());
        let left = tally.get(region("left-sole"));
        assert_eq!((left.episodes, left.days_affected), (3, 2));
        assert!((left.mean_intensity - 5.0).abs() < 1e-9);
        let right = tally.get(region("right-sole"));
        assert_eq!((right.episodes, right.days_affected), (1, 1));
        assert_eq!(tally.get(region("f01")).episodes, 0);
        let ranked: Vec<_> = tally
            .ranked()
            .iter()
            .map(|s| s.region.to_string())
            .collect();
        assert_eq!(ranked, ["left-sole", "right-sole"]);
    }

    #[test]
    fn the_day_is_the_local_day_it_was_logged_on() {
        // 23:30 at UTC-5 and 00:30 at UTC+1 are the same UTC day but different local days.
        let entries = [
            entry("2026-03-01T23:30:00-05:00", &["f25"], "tingling", 3),
            entry("2026-03-02T00:30:00+01:00", &["f25"], "tingling", 3),
        ];
        let tally = RegionTally::from_entries(&entries, &Filter::default(), &Default::default());
        assert_eq!(tally.get(region("f25")).days_affected, 2);
    }

    #[test]
    fn heat_scale_splits_counts_into_at_most_five_labelled_steps() {
        let scale = HeatScale::new(Metric::Episodes, 23.0);
        assert_eq!(scale.labels(), ["1-5", "6-10", "11-15", "16-20", "21-23"]);
        let stats = |episodes: u32| RegionStats {
            region: region("f25"),
            episodes,
            days_affected: 1,
            mean_intensity: 9.0,
        };
        assert_eq!(scale.step(&stats(0)), None);
        assert_eq!(scale.step(&stats(1)), Some(0));
        assert_eq!(scale.step(&stats(5)), Some(0));
        assert_eq!(scale.step(&stats(6)), Some(1));
        assert_eq!(scale.step(&stats(23)), Some(4));
        assert_eq!(
            HeatScale::new(Metric::Episodes, 3.0).labels(),
            ["1", "2", "3"]
        );
        let intensity = HeatScale::new(Metric::MeanIntensity, 7.0);
        assert_eq!(
            intensity.labels(),
            ["0-2", "2.1-4", "4.1-6", "6.1-8", "8.1-10"]
        );
        assert_eq!(intensity.step(&stats(1)), Some(4));
    }

    #[test]
    fn removing_an_entry_undoes_adding_it() {
        let a = entry("2026-03-01T08:00:00Z", &["f25"], "tingling", 4);
        let b = entry("2026-03-01T09:00:00Z", &["f25"], "tingling", 8);
        let cat = SensationCatalogue::built_in();
        let mut tally = RegionTally::default();
        tally.add(&a, &cat);
        tally.add(&b, &cat);
        tally.remove(&b, &cat);
        let stats = tally.get(region("f25"));
        assert_eq!((stats.episodes, stats.days_affected), (1, 1));
        assert!((stats.mean_intensity - 4.0).abs() < 1e-9);
        tally.remove(&a, &cat);
        assert_eq!(tally.get(region("f25")).days_affected, 0);
        assert!(tally.ranked().is_empty());
        assert_eq!(tally, RegionTally::default(), "nothing left over");
    }

    proptest::proptest! {
        /// Counting many entries at once, a day at a time, gives exactly
        /// what adding them one by one gives, in time order or not, with
        /// types the catalogue does not know among them.
        #[test]
        fn a_recount_equals_adding_each_entry(
            picks in proptest::collection::vec(
                (0u32..40, 0u32..24, -12i32..14, proptest::collection::vec(0usize..74, 1..4), 0usize..4, 0i64..=10),
                0..60,
            ),
            shuffle in proptest::prelude::any::<bool>(),
        ) {
            let all: Vec<RegionId> = Catalogue::global().ids().collect();
            let mut entries: Vec<Entry> = picks
                .into_iter()
                .map(|(day, hour, offset, regions, kind, intensity)| {
                    let when = format!(
                        "2026-03-{:02}T{hour:02}:30:00{}{:02}:00",
                        day % 28 + 1,
                        if offset < 0 { '-' } else { '+' },
                        offset.unsigned_abs()
                    );
                    let names: Vec<String> = regions.iter().map(|&i| all[i].to_string()).collect();
                    let names: Vec<&str> = names.iter().map(String::as_str).collect();
                    let sensation = ["tingling", "burning", "numbness", "old-custom"][kind];
                    entry(&when, &names, sensation, intensity)
                })
                .collect();
            entries.sort_by_key(Entry::sort_key);
            if shuffle {
                entries.reverse();
            }
            let sensations = SensationCatalogue::built_in();
            let mut one_by_one = RegionTally::default();
            for e in &entries {
                one_by_one.add(e, &sensations);
            }
            let at_once = RegionTally::from_entries(&entries, &Filter::default(), &sensations);
            proptest::prop_assert_eq!(at_once, one_by_one);
        }
    }
}
