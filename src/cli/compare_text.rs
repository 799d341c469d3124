//! A course's before and after in words: what the log shows, never advice.

use std::fmt::Write as _;

use crate::domain::Entry;
use crate::domain::query::most_affected;
use crate::domain::treatment::{Comparison, Course, TreatmentCatalogue, Windows, compare};
use crate::ui::report::words::measures;

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
            for m in measures(before, after) {
                let _ = writeln!(
                    out,
                    "  {:<24} {:>6} → {:<6} {}",
                    m.name, m.before, m.after, m.change
                );
            }
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
