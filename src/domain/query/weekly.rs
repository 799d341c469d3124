//! Episodes and intensity per week over every entry, kept up to date entry
//! by entry: the symptom counts under the treatments' time line.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::breakdown::week_start;
use crate::domain::entry::Entry;

/// Per week (by its Monday, on the local day felt): entries and the sum of
/// their intensities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklyTally {
    weeks: BTreeMap<NaiveDate, (u32, u64)>,
}

/// One week's counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekCount {
    /// The Monday it starts on.
    pub start: NaiveDate,
    /// Entries that week.
    pub episodes: u32,
    /// Their mean intensity, if any.
    pub mean_intensity: Option<f64>,
}

impl WeeklyTally {
    /// Counts every entry.
    pub fn from_entries<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> WeeklyTally {
        let mut tally = WeeklyTally::default();
        for entry in entries {
            tally.add(entry);
        }
        tally
    }

    /// Counts one more entry.
    pub fn add(&mut self, entry: &Entry) {
        let week = self.weeks.entry(week_start(entry.day())).or_default();
        week.0 += 1;
        week.1 += u64::from(entry.intensity.value());
    }

    /// Stops counting an entry counted before.
    pub fn remove(&mut self, entry: &Entry) {
        let start = week_start(entry.day());
        if let Some(week) = self.weeks.get_mut(&start) {
            week.0 = week.0.saturating_sub(1);
            week.1 = week.1.saturating_sub(u64::from(entry.intensity.value()));
            if week.0 == 0 {
                self.weeks.remove(&start);
            }
        }
    }

    /// `count` weeks ending with the week of `last_day`, oldest first.
    pub fn weeks_up_to(&self, last_day: NaiveDate, count: usize) -> Vec<WeekCount> {
        let last = week_start(last_day);
        (0..count)
            .rev()
            .map(|back| {
                let start = last - Duration::weeks(back as i64);
                let (episodes, sum) = self.weeks.get(&start).copied().unwrap_or((0, 0));
                WeekCount {
                    start,
                    episodes,
                    mean_intensity: (episodes > 0).then(|| sum as f64 / f64::from(episodes)),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::entry;
    use super::*;

    #[test]
    fn weeks_count_entries_and_mean_intensity_and_forget_removed_ones() {
        let a = entry("2026-03-02T08:00:00+01:00", &["f25"], "tingling", 4);
        let b = entry("2026-03-04T08:00:00+01:00", &["f25"], "tingling", 6);
        let c = entry("2026-03-10T08:00:00+01:00", &["f25"], "burning", 3);
        let mut tally = WeeklyTally::from_entries([&a, &b, &c]);
        let day = NaiveDate::from_ymd_opt(2026, 3, 11).unwrap();
        let weeks = tally.weeks_up_to(day, 3);
        let counts: Vec<(String, u32, Option<f64>)> = weeks
            .iter()
            .map(|w| (w.start.to_string(), w.episodes, w.mean_intensity))
            .collect();
        assert_eq!(
            counts,
            [
                ("2026-02-23".to_string(), 0, None),
                ("2026-03-02".to_string(), 2, Some(5.0)),
                ("2026-03-09".to_string(), 1, Some(3.0)),
            ]
        );
        tally.remove(&b);
        tally.remove(&c);
        assert_eq!(tally, WeeklyTally::from_entries([&a]));
    }
}
