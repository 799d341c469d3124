//! The report as Markdown: readable as plain text, and as a page in any
//! Markdown viewer. The body is the text map of `sensemap map`.

use std::fmt::Write as _;

use super::items::{self, Item};
use super::words::{self, plain};
use super::{DISCLAIMER, TOP_REGIONS, TREND_ROWS, header_line, period_map};
use crate::domain::SensationCatalogue;
use crate::domain::report::Report;
use crate::ui::map_export;

/// Text a person typed, safe inside Markdown: one line, and every
/// character Markdown or HTML would act on inside a line escaped.
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in plain(text).chars() {
        if "\\`*_[]<>|~&#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A list under a heading.
fn list(out: &mut String, title: &str, items: &[Item]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {title}\n");
    for item in items {
        match &item.lead {
            Some(lead) => {
                let _ = writeln!(out, "- **{}**: {}", md(lead), md(&item.text));
            }
            None => {
                let _ = writeln!(out, "- {}", md(&item.text));
            }
        }
        for line in &item.under {
            let _ = writeln!(out, "  - {}", md(line));
        }
        for (title, measures) in &item.comparisons {
            let _ = writeln!(out, "  - {}:", md(title));
            for m in measures {
                let _ = writeln!(
                    out,
                    "    - {} {} → {} ({})",
                    m.name,
                    m.before,
                    m.after,
                    md(&m.change)
                );
            }
        }
    }
}

/// The report as Markdown.
pub fn markdown(report: &Report, sensations: &SensationCatalogue) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let _ = writeln!(out, "# Abnormal sensations: summary for the clinician\n");
    let _ = writeln!(out, "{}\n", header_line(report));
    let _ = writeln!(out, "*{DISCLAIMER}*\n");
    let _ = writeln!(out, "## Where (patient's left and right)\n");
    let _ = writeln!(out, "```text\n{}```", map_export::text(&period_map(report)));
    if s.entries == 0 {
        let _ = writeln!(out, "\nNothing was logged in this period.");
        return out;
    }
    let _ = writeln!(out, "\n## Top regions\n");
    let _ = writeln!(
        out,
        "| Region | Episodes | Days | Mean | Worst | Least |\n| --- | ---: | ---: | ---: | ---: | ---: |"
    );
    for r in s.regions.iter().take(TOP_REGIONS) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.1} | {} | {} |",
            md(&r.stats.region.region().label()),
            r.stats.episodes,
            r.stats.days_affected,
            r.stats.mean_intensity,
            r.worst,
            r.least
        );
    }
    if s.regions.len() > TOP_REGIONS {
        let _ = writeln!(
            out,
            "\n{} had entries too.",
            words::count(s.regions.len() - TOP_REGIONS, "more region", "more regions")
        );
    }
    list(&mut out, "What was felt", &items::what(report, sensations));
    trend(&mut out, report);
    list(&mut out, "Treatments", &items::treatments(report));
    list(
        &mut out,
        "Worth mentioning",
        &items::worth_mentioning(report, sensations),
    );
    if report.notes_left_out {
        let _ = writeln!(out, "\nNotes were left out of this report.");
    }
    list(
        &mut out,
        "Notes from the strongest episodes",
        &items::notes(report),
    );
    out
}

/// Week by week: episodes as a bar, mean intensity, regions affected.
fn trend(out: &mut String, report: &Report) {
    let (per_row, rows) = words::grouped_weeks(&report.summary.weeks, TREND_ROWS);
    let span = if per_row == 1 {
        "week".to_string()
    } else {
        format!("{per_row} weeks")
    };
    let _ = writeln!(out, "\n## Trend, one row per {span}\n");
    let most = rows.iter().map(|w| w.episodes).max().unwrap_or(0).max(1);
    let _ = writeln!(
        out,
        "```text\nfrom        episodes                  count  mean  regions"
    );
    for w in &rows {
        let bar = "#".repeat((w.episodes as usize * 24).div_ceil(most as usize));
        let mean = w
            .mean_intensity
            .map_or_else(|| "-".to_string(), |m| format!("{m:.1}"));
        let full = 7 * per_row as u32;
        let part = if w.days_counted < full {
            format!("  ({} of {full} days)", w.days_counted)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}  {:<24} {:>6}  {:>4}  {:>7}{part}",
            w.start.format("%Y-%m-%d"),
            bar,
            w.episodes,
            mean,
            w.extent
        );
    }
    let _ = writeln!(out, "```");
}
