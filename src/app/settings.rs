//! Display settings: the heat-map window and metric, colour depth.

use chrono::{DateTime, Duration, FixedOffset};

use crate::domain::{Metric, SensationFilter};

/// How far back the heat-map looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeWindow {
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
    /// The last 90 days.
    Quarter,
    /// The last 365 days.
    Year,
    /// Everything.
    All,
}

impl TimeWindow {
    /// The next window, wrapping around.
    pub fn next(self) -> TimeWindow {
        match self {
            TimeWindow::Week => TimeWindow::Month,
            TimeWindow::Month => TimeWindow::Quarter,
            TimeWindow::Quarter => TimeWindow::Year,
            TimeWindow::Year => TimeWindow::All,
            TimeWindow::All => TimeWindow::Week,
        }
    }

    /// Its length in days, or `None` for all time.
    pub fn days(self) -> Option<i64> {
        match self {
            TimeWindow::Week => Some(7),
            TimeWindow::Month => Some(30),
            TimeWindow::Quarter => Some(90),
            TimeWindow::Year => Some(365),
            TimeWindow::All => None,
        }
    }

    /// How a narrow header names it.
    pub fn short_label(self) -> &'static str {
        match self {
            TimeWindow::Week => "7d",
            TimeWindow::Month => "30d",
            TimeWindow::Quarter => "90d",
            TimeWindow::Year => "1y",
            TimeWindow::All => "all time",
        }
    }

    /// How the header names it.
    pub fn label(self) -> &'static str {
        match self {
            TimeWindow::Week => "last 7 days",
            TimeWindow::Month => "last 30 days",
            TimeWindow::Quarter => "last 90 days",
            TimeWindow::Year => "last year",
            TimeWindow::All => "all time",
        }
    }
}

/// How a metric is named on screen.
pub fn metric_label(metric: Metric) -> &'static str {
    match metric {
        Metric::Episodes => "episodes",
        Metric::DaysAffected => "days affected",
        Metric::MeanIntensity => "mean intensity",
    }
}

/// The next metric, wrapping around.
pub fn next_metric(metric: Metric) -> Metric {
    match metric {
        Metric::Episodes => Metric::DaysAffected,
        Metric::DaysAffected => Metric::MeanIntensity,
        Metric::MeanIntensity => Metric::Episodes,
    }
}

/// What the terminal can show, decided once at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    /// 24-bit colour.
    TrueColor,
    /// The 256-colour palette.
    Ansi256,
    /// The 16 basic colours.
    Ansi16,
    /// NO_COLOR: density glyphs and text attributes only.
    NoColor,
}

/// Which sensations the heat-map counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatSettings {
    /// How far back.
    pub window: TimeWindow,
    /// Only these sensations (all when `None`).
    pub sensation: Option<SensationFilter>,
    /// What the colours measure.
    pub metric: Metric,
}

impl HeatSettings {
    /// Where the window starts at `now`: as `--since 30d` on the command
    /// line, so both count the same.
    pub fn window_start(&self, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        self.window.days().map(|d| now - Duration::days(d))
    }
}

impl Default for HeatSettings {
    fn default() -> Self {
        HeatSettings {
            window: TimeWindow::Month,
            sensation: None,
            metric: Metric::Episodes,
        }
    }
}
