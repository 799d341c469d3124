//! `sensemap export`: the entries as JSON or CSV for people and scripts,
//! and in the two shapes the CHOIRBM R package reads.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use std::io::Write;

use serde::Serializer;

use super::ExportFormat;
use super::output::ExportRow;
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
    entries: Rows<'a>,
    treatments: &'a TreatmentLog,
}

/// The entries as export rows, each made as it is written.
pub struct Rows<'a> {
    entries: &'a [&'a Entry],
    sensations: &'a SensationCatalogue,
}

impl<'a> Rows<'a> {
    /// The rows of `entries`.
    pub fn new(entries: &'a [&'a Entry], sensations: &'a SensationCatalogue) -> Rows<'a> {
        Rows {
            entries,
            sensations,
        }
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.entries
                .iter()
                .map(|e| ExportRow::new(e, self.sensations)),
        )
    }
}

/// Writes `value` as pretty JSON and a line end, as it is serialized.
pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> std::io::Result<()> {
    let mut chunks = Chunks {
        buffer: Vec::with_capacity(CHUNK + 4096),
        out,
    };
    serde_json::to_writer_pretty(&mut chunks, value)?;
    chunks.write_all(b"\n")?;
    chunks.flush()
}

/// How much JSON is gathered before it is passed on.
const CHUNK: usize = 1 << 16;

/// Gathers the many small writes of a serializer into chunks, so that each
/// costs a copy into a vector, not a call through `dyn Write`.
struct Chunks<'a> {
    buffer: Vec<u8>,
    out: &'a mut dyn Write,
}

impl Write for Chunks<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.write(bytes).map(|_| ())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        self.out.flush()
    }
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

/// Writes the entries and treatments as one JSON document.
pub fn write_bundle_json(
    out: &mut dyn Write,
    entries: &[&Entry],
    sensations: &SensationCatalogue,
    treatments: &TreatmentLog,
) -> std::io::Result<()> {
    write_json(
        out,
        &Bundle {
            format: BUNDLE_FORMAT,
            version: 1,
            entries: Rows::new(entries, sensations),
            treatments,
        },
    )
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

/// Writes CSV from a header and rows, every cell neutralised, row by row.
fn write_csv(
    out: &mut dyn Write,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| neutralise(cell)))?;
    }
    writer.flush()
}

/// Writes the entries in `format` (JSON as a bare array: what `list`
/// writes), row by row; `metric` is what `choir-segments` counts.
pub fn write_export(
    out: &mut dyn Write,
    entries: &[&Entry],
    sensations: &SensationCatalogue,
    format: ExportFormat,
    metric: Metric,
) -> std::io::Result<()> {
    let rows = || entries.iter().map(|e| ExportRow::new(e, sensations));
    match format {
        ExportFormat::Json => write_json(out, &Rows::new(entries, sensations)),
        ExportFormat::Csv => write_csv(
            out,
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
                    r.sensation.to_string(),
                    r.class.unwrap_or_default().to_string(),
                    r.intensity.to_string(),
                    r.duration_s.map(|d| d.to_string()).unwrap_or_default(),
                    r.note.unwrap_or_default().to_string(),
                    r.tags.join(";"),
                    r.created,
                    r.updated,
                ]
            }),
        ),
        // One row per entry; `bodymap` holds the CHOIR codes as one string,
        // the column the package's functions take.
        ExportFormat::Choir => write_csv(
            out,
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
            write_csv(
                out,
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
