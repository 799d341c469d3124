//! The one-page report for a clinician, laid out as Markdown (the body as
//! text) or as one self-contained HTML page (the body as SVG) that prints
//! on one A4 or Letter sheet. Every number comes from
//! [`crate::domain::report::Report`]; this only lays it out.

mod html;
mod items;
mod markdown;
pub mod words;

pub use html::html;
pub use markdown::markdown;

use crate::domain::Metric;
use crate::domain::report::{PeriodChoice, Report};
use crate::ui::map_export::MapHeat;

/// Regions listed in the report's table, at most.
pub const TOP_REGIONS: usize = 8;
/// Region pairs listed, at most.
pub const TOP_PAIRS: usize = 5;
/// Rows of the weekly trend, at most: more weeks are merged.
pub const TREND_ROWS: usize = 26;

/// The heat-map of the report's period, by episodes.
fn period_map(report: &Report) -> MapHeat {
    let s = &report.summary;
    MapHeat::of(
        &s.tally,
        Metric::Episodes,
        format!(
            "Episodes from {} to {}",
            words::day(s.since),
            words::day(s.until)
        ),
    )
}

/// The header line: period, entries, days logged out of days.
fn header_line(report: &Report) -> String {
    let s = &report.summary;
    let period = match &report.period {
        PeriodChoice::SinceLastReport(last) => {
            format!(" (since the last report, made {})", words::day(last.made))
        }
        PeriodChoice::LastDays(days) => format!(" (the last {days} days)"),
        PeriodChoice::Asked => String::new(),
    };
    format!(
        "{} to {}{period}: {} on {} of {} days.",
        words::day(s.since),
        words::day(s.until),
        words::count(s.entries, "entry", "entries"),
        s.days_logged,
        s.days_in_period
    )
}

/// The sentence that says what the page is and is not.
const DISCLAIMER: &str = "A description of what was logged, not a diagnosis. \
     Left and right are always the patient's own.";
