//! The report as one self-contained HTML page: inline CSS and SVG, no
//! scripts, fonts or images from anywhere, laid out to print on one A4 or
//! Letter sheet.

use std::fmt::Write as _;

use super::items::{self, Item};
use super::words::{self, Measure, plain};
use super::{DISCLAIMER, TOP_REGIONS, TREND_ROWS, header_line, period_map};
use crate::domain::SensationCatalogue;
use crate::domain::query::WeekSummary;
use crate::domain::report::Report;
use crate::ui::map_export;

/// The page's style: small print in two columns within the printable area
/// both A4 (210 x 297 mm) and Letter (216 x 279 mm) leave.
const STYLE: &str = "\
@page { margin: 10mm; }
* { box-sizing: border-box; }
body { font: 7.5pt/1.2 sans-serif; color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 12pt; margin: 0 0 0.5mm; }
h2 { font-size: 9pt; margin: 2mm 0 0.8mm; border-bottom: 0.3mm solid #888; }
p, ul { margin: 0.4mm 0; }
ul { padding-left: 4mm; }
.lede { font-size: 8.5pt; }
.note { font-style: italic; color: #333; }
.columns { display: grid; grid-template-columns: 56mm 1fr; gap: 5mm; }
.columns.even { grid-template-columns: 1fr 1fr; }
.map svg { width: 56mm; height: auto; display: block; }
.trend svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 0.3mm 1mm; border-bottom: 0.2mm solid #ccc; text-align: right; }
th:first-child, td:first-child { text-align: left; }
table.compare { width: 100%; margin: 0.3mm 0 1mm; }
table.compare td { white-space: nowrap; }
table.compare th { font-weight: normal; font-style: italic; text-align: right; }
table.compare .change { text-align: left; }
@media screen { body { margin: 10mm auto; } }
";

/// Text a person typed, safe inside HTML.
fn esc(text: &str) -> String {
    plain(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The report as one HTML page.
pub fn html(report: &Report, sensations: &SensationCatalogue) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <title>Abnormal sensations {} to {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        words::day(s.since),
        words::day(s.until)
    );
    let _ = writeln!(
        out,
        "<h1>Abnormal sensations: summary for the clinician</h1>\n<p class=\"lede\">{}</p>\n<p class=\"note\">{}</p>",
        esc(&header_line(report)),
        esc(DISCLAIMER)
    );
    let _ = writeln!(
        out,
        "<div class=\"columns\">\n<div>\n<h2>Where (patient's left and right)</h2>\n<div class=\"map\">{}</div>\n</div>\n<div>",
        map_export::svg(&period_map(report))
    );
    if s.entries == 0 {
        let _ = writeln!(
            out,
            "<p>Nothing was logged in this period.</p>\n</div>\n</div>\n</body>\n</html>"
        );
        return out;
    }
    regions(&mut out, report);
    list(&mut out, "What was felt", &items::what(report, sensations));
    let _ = writeln!(out, "</div>\n</div>");
    let (per_row, rows) = words::grouped_weeks(&s.weeks, TREND_ROWS * 2);
    let span = if per_row == 1 {
        "week".to_string()
    } else {
        format!("{per_row} weeks")
    };
    let _ = writeln!(
        out,
        "<h2>Trend, per {span}</h2>\n<div class=\"trend\">{}</div>",
        trend_svg(&rows, &span)
    );
    list(&mut out, "Treatments", &items::treatments(report));
    let _ = writeln!(out, "<div class=\"columns even\">\n<div>");
    list(
        &mut out,
        "Worth mentioning",
        &items::worth_mentioning(report, sensations),
    );
    let _ = writeln!(out, "</div>\n<div>");
    if report.notes_left_out {
        let _ = writeln!(
            out,
            "<p class=\"note\">Notes were left out of this report.</p>"
        );
    }
    list(
        &mut out,
        "Notes from the strongest episodes",
        &items::notes(report),
    );
    let _ = writeln!(out, "</div>\n</div>\n</body>\n</html>");
    out
}
/// Before/after measures side by side: one column group per comparison.
fn comparison_table(out: &mut String, comparisons: &[(String, Vec<Measure>)]) {
    let Some((_, first)) = comparisons.first() else {
        return;
    };
    let _ = write!(out, "<table class=\"compare\"><tr><th></th>");
    for (title, _) in comparisons {
        let _ = write!(
            out,
            "<th>{}: before</th><th>after</th><th class=\"change\">change</th>",
            esc(title)
        );
    }
    let _ = write!(out, "</tr>");
    for (row, measure) in first.iter().enumerate() {
        let _ = write!(out, "<tr><td>{}</td>", measure.name);
        for (_, measures) in comparisons {
            if let Some(m) = measures.get(row) {
                let _ = write!(
                    out,
                    "<td>{}</td><td>{}</td><td class=\"change\">{}</td>",
                    m.before,
                    m.after,
                    esc(&m.short)
                );
            }
        }
        let _ = write!(out, "</tr>");
    }
    let _ = write!(out, "</table>");
}

/// The top regions as a table.
fn regions(out: &mut String, report: &Report) {
    let s = &report.summary;
    let _ = writeln!(
        out,
        "<h2>Top regions</h2>\n<table>\n<tr><th>Region</th><th>Episodes</th><th>Days</th><th>Mean</th><th>Worst</th><th>Least</th></tr>"
    );
    for r in s.regions.iter().take(TOP_REGIONS) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.1}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.stats.region.region().label()),
            r.stats.episodes,
            r.stats.days_affected,
            r.stats.mean_intensity,
            r.worst,
            r.least
        );
    }
    let _ = writeln!(out, "</table>");
    if s.regions.len() > TOP_REGIONS {
        let _ = writeln!(
            out,
            "<p>{} had entries too.</p>",
            words::count(s.regions.len() - TOP_REGIONS, "more region", "more regions")
        );
    }
}

/// Episodes as bars, mean intensity (0-10) as a line, regions affected
/// printed under each bar when there is room.
fn trend_svg(weeks: &[WeekSummary], span: &str) -> String {
    let (width, height, base) = (760.0, 84.0, 58.0);
    let slot = width / weeks.len().max(1) as f64;
    let most = weeks.iter().map(|w| w.episodes).max().unwrap_or(0).max(1);
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="8"><title>Episodes (bars) and mean intensity 0-10 (line) over time</title>"##
    );
    let mut line = Vec::new();
    for (i, w) in weeks.iter().enumerate() {
        let x = i as f64 * slot;
        let h = f64::from(w.episodes) / f64::from(most) * (base - 12.0);
        let _ = write!(
            out,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="#3b528b"><title>from {}: {} episodes, {} regions, {} days counted</title></rect>"##,
            x + slot * 0.1,
            base - h,
            slot * 0.8,
            w.start.format("%Y-%m-%d"),
            w.episodes,
            w.extent,
            w.days_counted
        );
        if let Some(mean) = w.mean_intensity {
            line.push(format!(
                "{:.1},{:.1}",
                x + slot / 2.0,
                base - mean / 10.0 * (base - 12.0)
            ));
        }
    }
    if line.len() > 1 {
        let _ = write!(
            out,
            r##"<polyline points="{}" fill="none" stroke="#c0392b" stroke-width="1.5"/>"##,
            line.join(" ")
        );
    }
    let first = weeks.first().map(|w| w.start.format("%-d %b").to_string());
    let last = weeks.last().map(|w| w.start.format("%-d %b").to_string());
    let _ = write!(
        out,
        r##"<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#444"/><text x="0" y="{}">{}</text><text x="{width}" y="{}" text-anchor="end">{}</text><text x="0" y="{}">bars: episodes per {span}, the tallest {most} · red line: mean intensity on 0-10</text><text x="2" y="8">{most} episodes</text><text x="{width}" y="8" text-anchor="end" fill="#c0392b">intensity 10</text></svg>"##,
        base + 9.0,
        first.unwrap_or_default(),
        base + 9.0,
        last.unwrap_or_default(),
        base + 22.0
    );
    out
}

/// A list under a heading.
fn list(out: &mut String, title: &str, items: &[Item]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h2>{}</h2>\n<ul>", esc(title));
    for item in items {
        let _ = write!(out, "<li>");
        if let Some(lead) = &item.lead {
            let _ = write!(out, "<b>{}</b>: ", esc(lead));
        }
        let _ = write!(out, "{}", esc(&item.text));
        // The lines under an item run on as sentences: a page has no room
        // for short lines.
        let mut last = item.text.as_str();
        for line in &item.under {
            let joiner = if last.ends_with(['.', ':']) {
                " "
            } else {
                ". "
            };
            let _ = write!(out, "{joiner}{}", esc(line));
            last = line;
        }
        comparison_table(out, &item.comparisons);
        let _ = writeln!(out, "</li>");
    }
    let _ = writeln!(out, "</ul>");
}
