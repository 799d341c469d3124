//! What the log holds in a window of time: the measures a before/after
//! comparison and the report put side by side.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::domain::entry::Entry;
use crate::domain::region::RegionId;

/// What the log holds in one window.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowStats {
    /// First moment in the window.
    pub from: DateTime<FixedOffset>,
    /// First moment after it.
    pub to: DateTime<FixedOffset>,
    /// Days with at least one entry.
    pub days_logged: usize,
    /// Entries per week.
    pub episodes_per_week: f64,
    /// Days with entries per week.
    pub days_affected_per_week: f64,
    /// Mean intensity, if anything was logged.
    pub mean_intensity: Option<f64>,
    /// Highest intensity logged.
    pub worst_intensity: Option<u8>,
    /// How many regions had entries: the extent.
    pub extent: usize,
    /// True when the window ends early: the course stopped, or it reaches
    /// past now. Rates are per the weeks it covers.
    pub cut_short: bool,
}

/// Counts `entries` (owned or borrowed) in `[from, to)`, only those touching `regions` if given.
pub fn window_stats<E: Borrow<Entry>>(
    entries: &[E],
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
    regions: Option<&[RegionId]>,
) -> WindowStats {
    let within: Vec<&Entry> = entries
        .iter()
        .map(Borrow::borrow)
        .filter(|e| e.at >= from && e.at < to)
        .filter(|e| regions.is_none_or(|rs| rs.iter().any(|r| e.regions.contains(*r))))
        .collect();
    let days: BTreeSet<NaiveDate> = within.iter().map(|e| e.day()).collect();
    let weeks = ((to - from).num_hours() as f64 / (24.0 * 7.0)).max(1.0 / 7.0);
    let extent: BTreeSet<RegionId> = within
        .iter()
        .flat_map(|e| e.regions.ids())
        .filter(|r| regions.is_none_or(|rs| rs.contains(r)))
        .collect();
    let intensities: Vec<u8> = within.iter().map(|e| e.intensity.value()).collect();
    WindowStats {
        from,
        to,
        days_logged: days.len(),
        episodes_per_week: within.len() as f64 / weeks,
        days_affected_per_week: days.len() as f64 / weeks,
        mean_intensity: (!intensities.is_empty()).then(|| {
            intensities.iter().map(|&i| f64::from(i)).sum::<f64>() / intensities.len() as f64
        }),
        worst_intensity: intensities.iter().copied().max(),
        extent: extent.len(),
        cut_short: false,
    }
}

/// The `n` regions with most entries in `[from, to)`, most first (ties in
/// catalogue order).
pub fn most_affected<E: Borrow<Entry>>(
    entries: &[E],
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
    n: usize,
) -> Vec<RegionId> {
    let mut counts: BTreeMap<RegionId, u32> = BTreeMap::new();
    for e in entries
        .iter()
        .map(Borrow::borrow)
        .filter(|e| e.at >= from && e.at < to)
    {
        for r in e.regions.ids() {
            *counts.entry(r).or_default() += 1;
        }
    }
    let mut ranked: Vec<(RegionId, u32)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(n).map(|(r, _)| r).collect()
}
