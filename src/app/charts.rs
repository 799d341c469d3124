//! The charts' state: per-region counts ranked by the metric, and for the
//! highlighted region its sensations and weekly trend. Projected from the
//! heat tally whenever it changes, never while drawing.

use chrono::NaiveDate;

use super::{Action, App, layout};
use crate::domain::body_map::Direction;
use crate::domain::{ClassCount, RegionId, RegionStats, RegionTally, SensationId, week_start};

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

    /// Brings the charts up to date with the heat tally, keeping the
    /// highlighted region highlighted.
    pub fn refresh_charts(&mut self) {
        self.charts = self.charts_from(&self.journal.tally, self.charts_region());
    }

    /// The charts a tally gives, with `highlighted` highlighted if it has
    /// episodes. A projection of the tally: no entry is looked at.
    pub(super) fn charts_from(&self, tally: &RegionTally, highlighted: Option<RegionId>) -> Charts {
        let metric = self.journal.heat.metric;
        let mut ranked = tally.ranked();
        ranked.sort_by(|a, b| {
            b.value(metric)
                .total_cmp(&a.value(metric))
                .then(a.region.cmp(&b.region))
        });
        let selected = highlighted
            .and_then(|r| ranked.iter().position(|s| s.region == r))
            .unwrap_or(0)
            .min(ranked.len().saturating_sub(1));
        let mut charts = Charts {
            selected,
            classes: tally.class_summary(),
            ..Charts::default()
        };
        if let Some(region) = ranked.get(selected).map(|s| s.region) {
            charts.breakdown = tally.sensation_breakdown(region);
            let today = self.zone.localize(self.now).date_naive();
            let start = match self.journal.heat_since {
                Some(since) => self.zone.localize(since).date_naive(),
                // All time starts with the journal, whatever the filter, so
                // that the weeks line up between sensations.
                None => self.journal.entries.first().map_or(today, |e| e.day()),
            };
            let first_week = week_start(start);
            let weeks = ((today - first_week).num_days() / 7 + 1).max(1) as usize;
            charts.first_week = Some(first_week);
            charts.weekly = tally.weekly(region, first_week, weeks);
        }
        charts.ranked = ranked;
        charts
    }

    /// Keys on the charts screen with nothing open over it.
    pub(super) fn update_charts(&mut self, action: Action) {
        let last = self.charts.ranked.len().saturating_sub(1);
        match action {
            Action::Move(Direction::Up) | Action::Wheel { up: true } => {
                self.charts.selected = self.charts.selected.saturating_sub(1)
            }
            Action::Move(Direction::Down) | Action::Wheel { up: false } => {
                self.charts.selected = (self.charts.selected + 1).min(last)
            }
            Action::Click { x, y } => {
                // A click on a bar highlights its region.
                let (bars, _) = layout::charts(layout::screen(self.area).body);
                let first_row = bars.y + 1;
                if !bars.contains(ratatui::layout::Position::new(x, y)) || y < first_row {
                    return;
                }
                let visible = usize::from(bars.height.saturating_sub(1));
                let index =
                    layout::first_bar(self.charts.selected, visible) + usize::from(y - first_row);
                if index > last || self.charts.ranked.is_empty() {
                    return;
                }
                self.charts.selected = index;
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
