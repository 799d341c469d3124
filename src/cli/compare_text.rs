//! A course's before and after in words: what the log shows, never advice.

use std::fmt::Write as _;

use crate::domain::treatment::{
    Change, Comparison, Course, TreatmentCatalogue, WindowStats, Windows, compare,
};
use crate::domain::Entry;
use crate::domain::query::most_affected;

/// One measure: before → after, and the change in words.
fn measure(out: &mut String, name: &str, before: f64, after: f64, digits: usize) {
    let change = Change::between(before, after).map_or_else(
        || "nothing either side".to_string(),
        |c| format!("{:+.0}%, {}", c.percent, c.words()),
    );
    let _ = writeln!(
        out,
        "  {name:<24} {before:>6.digits$} → {after:<6.digits$} {change}"
    );
}

fn section(out: &mut String, title: &str, comparison: &Comparison) {
    let _ = writeln!(out, "{title}");
    match comparison {
        Comparison::NotEnough(reason) => {
            let _ = writeln!(out, "  Not compared: {reason}.");
        }
        Comparison::Done { before, after, .. } => {
            if after.cut_short {
                let _ = writeln!(
                    out,
                    "  (the window after ends {} so far: the course stopped or the weeks are still running)",
                    after.to.format("%Y-%m-%d")
                );
            }
            let pair = |f: fn(&WindowStats) -> f64| (f(before), f(after));
            let (b, a) = pair(|w| w.episodes_per_week);
            measure(out, "episodes per week", b, a, 1);
            let (b, a) = pair(|w| w.days_affected_per_week);
            measure(out, "days affected per week", b, a, 1);
            let (b, a) = pair(|w| w.mean_intensity.unwrap_or(0.0));
            measure(out, "mean intensity", b, a, 1);
            let (b, a) = pair(|w| f64::from(w.worst_intensity.unwrap_or(0)));
            measure(out, "worst intensity", b, a, 0);
            let (b, a) = pair(|w| w.extent as f64);
            measure(out, "regions affected", b, a, 0);
        }
    }
}

/// The comparison of `course` as text.
pub fn describe(
    entries: &[Entry],
    course: &Course,
    courses: &[Course],
    windows: Windows,
    shown: &str,
    catalogue: &TreatmentCatalogue,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> String {
    let mut out = format!(
        "{shown}, started {}: the {} days before against days {}-{} after.\n\
         A description of your log, not medical advice: talk it over with your doctor.\n\n",
        course.start.format("%Y-%m-%d"),
        windows.before_days,
        windows.after_from + 1,
        windows.after_to
    );
    let overall = compare(entries, course, courses, windows, now, None);
    section(&mut out, "All regions", &overall);
    let top = most_affected(
        entries,
        course.start - chrono::Duration::days(windows.before_days),
        course.start,
        3,
    );
    if !top.is_empty() {
        let names: Vec<String> = top.iter().map(|r| r.region().label()).collect();
        let focused = compare(entries, course, courses, windows, now, Some(&top));
        section(
            &mut out,
            &format!("\nMost affected before: {}", names.join("; ")),
            &focused,
        );
    }
    if let Comparison::Done { overlapping, .. } = &overall
        && !overlapping.is_empty()
    {
        let names: Vec<String> = overlapping
            .iter()
            .map(|id| {
                catalogue
                    .types()
                    .iter()
                    .find(|t| &t.id == id)
                    .map_or_else(|| id.clone(), |t| t.name.clone())
            })
            .collect();
        let _ = writeln!(
            out,
            "\nAlso running in these weeks, so part of any change may be theirs: {}.",
            names.join(", ")
        );
    }
    out
}
