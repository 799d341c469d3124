//! The charts' state: per-region counts ranked by the metric, and for the
//! highlighted region its sensations and weekly trend. Computed when what
//! they depend on changes, never while drawing.

use chrono::NaiveDate;

use super::{Action, App};
use crate::domain::body_map::Direction;
use crate::domain::query::entries_since;
use crate::domain::{
    ClassCount, Filter, RegionId, RegionStats, SensationId, class_summary, sensation_breakdown,
    week_start, weekly_counts,
};

/// Everything the charts screen draws.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Charts {
    /// The highlighted bar.
    pub selected: usize,
    /// Regions with episodes in the window, highest metric first.
    pub ranked: Vec<RegionStats>,
    /// The highlighted region's entries per sensation type.
    pub breakdown: Vec<(SensationId, u32)>,
    /// Monday of the first week of the trend.
    pub first_week: Option<NaiveDate>,
    /// The highlighted region's entries per week.
    pub weekly: Vec<u32>,
    /// Entries and days per sensation class in the window.
    pub classes: Vec<ClassCount>,
}

impl App {
    /// The region of the highlighted bar.
    pub fn charts_region(&self) -> Option<RegionId> {
        self.charts
            .ranked
            .get(self.charts.selected)
            .map(|s| s.region)
    }

    /// Recomputes the charts from the entries in the heat-map's window.
    pub fn refresh_charts(&mut self) {
        let highlighted = self.charts_region();
        let metric = self.heat.metric;
        let mut ranked = self.tally.ranked();
        ranked.sort_by(|a, b| {
            b.value(metric)
                .total_cmp(&a.value(metric))
                .then(a.region.cmp(&b.region))
        });
        self.charts.selected = highlighted
            .and_then(|r| ranked.iter().position(|s| s.region == r))
            .unwrap_or(0)
            .min(ranked.len().saturating_sub(1));
        self.charts.ranked = ranked;

        let filter = self.heat_filter();
        let window = entries_since(&self.entries, filter.since);
        self.charts.classes = class_summary(window, &filter, &self.sensations);
        let Some(region) = self.charts_region() else {
            self.charts.breakdown.clear();
            self.charts.weekly.clear();
            self.charts.first_week = None;
            return;
        };
        let for_region = Filter {
            region: Some(region),
            ..filter.clone()
        };
        self.charts.breakdown = sensation_breakdown(window, &for_region, &self.sensations);
        let today = self.zone.localize(self.now).date_naive();
        let start = match filter.since {
            Some(since) => self.zone.localize(since).date_naive(),
            None => window.first().map_or(today, |e| e.day()),
        };
        let first_week = week_start(start);
        let weeks = ((today - first_week).num_days() / 7 + 1).max(1) as usize;
        self.charts.first_week = Some(first_week);
        self.charts.weekly =
            weekly_counts(window, &for_region, &self.sensations, first_week, weeks);
    }

    /// Keys on the charts screen with nothing open over it.
    pub(super) fn update_charts(&mut self, action: Action) {
        let last = self.charts.ranked.len().saturating_sub(1);
        match action {
            Action::Move(Direction::Up) => {
                self.charts.selected = self.charts.selected.saturating_sub(1)
            }
            Action::Move(Direction::Down) => {
                self.charts.selected = (self.charts.selected + 1).min(last)
            }
            Action::OpenTimelineHere => {
                if let Some(region) = self.charts_region() {
                    self.open_timeline_for(region);
                }
                return;
            }
            _ => return,
        }
        self.refresh_charts();
    }
}
