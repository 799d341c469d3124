//! Before and after a course: the log in a window before it started against
//! a window after, graded with the thresholds used in chronic-pain trials
//! (IMMPACT). A description of the log, never medical advice.

use chrono::{DateTime, Duration, FixedOffset};

use super::Course;
use crate::domain::entry::Entry;
pub use crate::domain::query::WindowStats;
use crate::domain::query::window_stats;
use crate::domain::region::RegionId;

/// Days with entries each window needs before a comparison means anything.
pub const MIN_DAYS: usize = 5;

/// The two windows, in days from the course's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Windows {
    /// Days before the start.
    pub before_days: i64,
    /// First day after the start that counts (7: from week 2).
    pub after_from: i64,
    /// Day after the start where the after window ends (42: end of week 6).
    pub after_to: i64,
}

impl Default for Windows {
    fn default() -> Self {
        Windows {
            before_days: 28,
            after_from: 7,
            after_to: 42,
        }
    }
}

/// How much a measure changed, graded as in chronic-pain trials.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Change from before to after, in percent of before.
    pub percent: f64,
}

impl Change {
    /// A change from `before` to `after`; `None` when both are nothing.
    pub fn between(before: f64, after: f64) -> Option<Change> {
        if before == 0.0 {
            return (after != 0.0).then_some(Change { percent: 100.0 });
        }
        Some(Change {
            percent: (after - before) / before * 100.0,
        })
    }

    /// The grade in words: under 10% "no clear change", 10-30% "minimal",
    /// 30-50% "moderate", 50% or more "substantial", with the direction for
    /// a measure where less is better.
    pub fn words(self) -> String {
        let size = self.percent.abs();
        let grade = match size {
            s if s < 10.0 => return "no clear change".to_string(),
            s if s < 30.0 => "minimal",
            s if s < 50.0 => "moderate",
            _ => "substantial",
        };
        let direction = if self.percent < 0.0 {
            "better"
        } else {
            "worse"
        };
        format!("{grade} change, {direction}")
    }
}

/// A course compared with the log.
#[derive(Debug, Clone, PartialEq)]
pub enum Comparison {
    /// Too little logged to compare; says why.
    NotEnough(String),
    /// Both windows have enough.
    Done {
        /// Before the start.
        before: WindowStats,
        /// After it.
        after: WindowStats,
        /// Other courses running in either window (their treatment ids):
        /// they confound the comparison.
        overlapping: Vec<String>,
    },
}

/// Compares the log before `course` started with the log after, overall or
/// for `regions`. Each window needs [`MIN_DAYS`] days with entries.
pub fn compare<E: std::borrow::Borrow<Entry>>(
    entries: &[E],
    course: &Course,
    others: &[Course],
    windows: Windows,
    now: DateTime<FixedOffset>,
    regions: Option<&[RegionId]>,
) -> Comparison {
    let start = course.start;
    let at = |days: i64, back: bool| {
        Duration::try_days(days).and_then(|span| {
            if back {
                start.checked_sub_signed(span)
            } else {
                start.checked_add_signed(span)
            }
        })
    };
    let (Some(before_from), Some(after_from), Some(planned_end)) = (
        at(windows.before_days, true),
        at(windows.after_from, false),
        at(windows.after_to, false),
    ) else {
        return Comparison::NotEnough("the windows reach beyond the calendar".into());
    };
    // After ends when the course stopped, and never past now.
    let after_to = [Some(planned_end), course.stop, Some(now)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(planned_end);
    if after_to <= after_from {
        let reason = if course.stop.is_some_and(|stop| stop <= after_from) {
            "the course stopped before its second week".to_string()
        } else {
            format!(
                "the weeks after the start are counted from {}",
                after_from.format("%-d %b %Y")
            )
        };
        return Comparison::NotEnough(reason);
    }
    let before = window_stats(entries, before_from, start, regions);
    let mut after = window_stats(entries, after_from, after_to, regions);
    after.cut_short = after_to < planned_end;
    let short = |stats: &WindowStats, name: &str| {
        (stats.days_logged < MIN_DAYS).then(|| {
            format!(
                "{name} has {} day(s) with entries; at least {MIN_DAYS} are needed",
                stats.days_logged
            )
        })
    };
    if let Some(reason) =
        short(&before, "the window before").or_else(|| short(&after, "the window after"))
    {
        return Comparison::NotEnough(reason);
    }
    let overlapping = others
        .iter()
        .filter(|o| o.id != course.id)
        .filter(|o| o.overlaps(before_from, start) || o.overlaps(after_from, after_to))
        .map(|o| o.treatment.clone())
        .collect();
    Comparison::Done {
        before,
        after,
        overlapping,
    }
}

#[cfg(test)]
mod tests;
