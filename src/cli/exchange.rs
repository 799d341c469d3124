//! `sensemap export`: the entries as JSON or CSV for people and scripts,
//! and in the two shapes the CHOIRBM R package reads.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::output::{ExportRow, json};
use super::{CliError, ExportFormat};
use crate::domain::treatment::TreatmentLog;
use crate::domain::{Catalogue, Entry, Metric, RegionTally, SensationCatalogue, View};

/// What `export --format json` writes: the entries and the treatment
/// records of the period, so that `import` brings back both.
#[derive(Serialize)]
struct Bundle<'a> {
    /// Names the shape, so a reader can tell it from other JSON.
    format: &'static str,
    /// Changes when the shape does.
    version: u32,
    entries: Vec<ExportRow>,
    treatments: &'a TreatmentLog,
}

/// The name `export --format json` writes in `format`.
pub const BUNDLE_FORMAT: &str = "sensemap-export";

/// The treatment records that touch `[since, until]`: courses running at
/// some time in it, applications in it. Everything when both are open.
pub fn treatments_in(
    log: &TreatmentLog,
    since: Option<DateTime<FixedOffset>>,
    until: Option<DateTime<FixedOffset>>,
) -> TreatmentLog {
    let after = |t: DateTime<FixedOffset>| since.is_none_or(|s| t >= s);
    let before = |t: DateTime<FixedOffset>| until.is_none_or(|u| t <= u);
    TreatmentLog {
        courses: log
            .courses
            .iter()
            .filter(|c| before(c.start) && c.stop.is_none_or(after))
            .cloned()
            .collect(),
        applications: log
            .applications
            .iter()
            .filter(|a| after(a.at) && before(a.at))
            .cloned()
            .collect(),
    }
}

/// The entries and treatments as one JSON document.
pub fn bundle_json(
    entries: &[&Entry],
    sensations: &SensationCatalogue,
    treatments: &TreatmentLog,
) -> String {
    json(&Bundle {
        format: BUNDLE_FORMAT,
        version: 1,
        entries: entries
            .iter()
            .map(|e| ExportRow::new(e, sensations))
            .collect(),
        treatments,
    })
}

/// Characters a spreadsheet reads as the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a
/// tab or carriage return first) gets a `'` in front, so opening the file
/// never runs anything. A cell that starts with `'` gets one too, so that
/// [`restore`] gives back exactly what was written.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_START) || cell.starts_with('\'') {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A CSV cell as it was before [`neutralise`].
pub fn restore(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) || rest.starts_with('\'') => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// CSV text from a header and rows, every cell neutralised.
fn csv_text(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<String, CliError> {
    let fail = |e: &dyn std::fmt::Display| CliError::Other(format!("cannot write CSV: {e}"));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).map_err(|e| fail(&e))?;
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| neutralise(cell)))
            .map_err(|e| fail(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| fail(&e))?;
    String::from_utf8(bytes).map_err(|e| fail(&e))
}

/// The entries in `format` (JSON as a bare array: what `list` writes);
/// `metric` is what `choir-segments` counts.
pub fn export(
    entries: &[&Entry],
    sensations: &SensationCatalogue,
    format: ExportFormat,
    metric: Metric,
) -> Result<String, CliError> {
    let rows = || entries.iter().map(|e| ExportRow::new(e, sensations));
    match format {
        ExportFormat::Json => Ok(json(&rows().collect::<Vec<_>>())),
        ExportFormat::Csv => csv_text(
            &[
                "id",
                "at",
                "regions",
                "choir",
                "sensation",
                "class",
                "intensity",
                "duration_s",
                "note",
                "tags",
                "created",
                "updated",
            ],
            rows().map(|r| {
                vec![
                    r.id,
                    r.at,
                    r.regions.join(";"),
                    r.choir.join(";"),
                    r.sensation,
                    r.class.unwrap_or_default().to_string(),
                    r.intensity.to_string(),
                    r.duration_s.map(|d| d.to_string()).unwrap_or_default(),
                    r.note.unwrap_or_default(),
                    r.tags.join(";"),
                    r.created,
                    r.updated,
                ]
            }),
        ),
        // One row per entry; `bodymap` holds the CHOIR codes as one string,
        // the column the package's functions take.
        ExportFormat::Choir => csv_text(
            &[
                "entry_id",
                "date",
                "sensation",
                "class",
                "intensity",
                "bodymap",
            ],
            entries.iter().map(|e| {
                let codes: Vec<String> = e
                    .regions
                    .ids()
                    .map(|r| r.region().code().to_string())
                    .collect();
                vec![
                    e.id.to_string(),
                    e.at.format("%Y-%m-%d %H:%M").to_string(),
                    e.sensation.to_string(),
                    sensations
                        .class_of(&e.sensation)
                        .map(|c| c.as_str().to_string())
                        .unwrap_or_default(),
                    e.intensity.value().to_string(),
                    codes.join(","),
                ]
            }),
        ),
        // One row per CHOIR segment with the heat-map metric over the
        // entries: what plot_male_choirbm(df, "value") merges and facets on.
        ExportFormat::ChoirSegments => {
            let owned: Vec<Entry> = entries.iter().map(|e| (*e).clone()).collect();
            let tally =
                RegionTally::from_entries(&owned, &crate::domain::Filter::default(), sensations);
            csv_text(
                &["id", "group", "value"],
                Catalogue::global().ids().map(|r| {
                    let info = r.region();
                    let group = match info.view {
                        View::Front => "Front",
                        View::Back => "Back",
                    };
                    let value = tally.get(r).value(metric);
                    let value = match metric {
                        Metric::MeanIntensity => format!("{value:.1}"),
                        _ => format!("{value:.0}"),
                    };
                    vec![info.code().to_string(), group.to_string(), value]
                }),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        for cell in ["=HYPERLINK(\"x\")", "+1", "-5 degrees", "@SUM(A1)", "\tx"] {
            assert!(neutralise(cell).starts_with('\''), "{cell}");
        }
        for cell in ["tingling", "", "5", "a=b"] {
            assert_eq!(neutralise(cell), cell);
        }
        for cell in ["=1", "'=SUM(A1) really typed", "''", "'", "plain", "-5"] {
            assert_eq!(restore(&neutralise(cell)), cell, "{cell}");
        }
    }
}
