//! Reading what `import` is given: the export bundle, the bare JSON array of
//! `list --format json`, treatments JSON, or CSV, each record into an entry.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use ulid::Ulid;

use super::super::CliError;
use super::super::exchange::{BUNDLE_FORMAT, restore};
use crate::domain::treatment::TreatmentLog;
use crate::domain::{Catalogue, Draft, Entry, SensationCatalogue, SensationId};

/// One entry as read, from either format.
#[derive(Debug)]
pub(super) struct Row {
    id: String,
    at: String,
    regions: Vec<String>,
    sensation: String,
    intensity: String,
    duration_s: String,
    note: Option<String>,
    tags: Vec<String>,
    created: String,
    updated: String,
}

/// One entry as `export --format json` writes it.
#[derive(Debug, Deserialize)]
struct JsonRow {
    id: String,
    at: String,
    regions: Vec<String>,
    sensation: String,
    intensity: i64,
    #[serde(default)]
    duration_s: Option<u64>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    created: String,
    updated: String,
}

/// A time as exported.
fn time(text: &str, field: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map_err(|_| format!("{field} '{text}' is not an RFC 3339 time"))
}

impl Row {
    /// The entry this row holds, or why it cannot be one.
    pub(super) fn entry(
        &self,
        sensations: &SensationCatalogue,
        now: DateTime<FixedOffset>,
    ) -> Result<Entry, String> {
        let id: Ulid = self
            .id
            .trim()
            .parse()
            .map_err(|_| format!("id '{}' is not a ULID", self.id))?;
        let regions = self
            .regions
            .iter()
            .map(|r| Catalogue::global().lookup(r).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        if sensations.get(self.sensation.trim()).is_none() {
            return Err(format!("unknown sensation '{}'", self.sensation));
        }
        let intensity = self
            .intensity
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("intensity '{}' is not a whole number", self.intensity))?;
        let duration_s = match self.duration_s.trim() {
            "" => None,
            text => Some(
                text.parse::<u64>()
                    .map_err(|_| format!("duration_s '{text}' is not whole seconds"))?,
            ),
        };
        let mut entry = Draft {
            at: time(&self.at, "at")?,
            regions,
            sensation: SensationId::new(self.sensation.trim()),
            intensity,
            duration_s,
            note: self.note.clone().filter(|n| !n.is_empty()),
            tags: self.tags.clone(),
        }
        .into_entry(id, now)
        .map_err(|e| e.to_string())?;
        entry.created = time(&self.created, "created")?;
        entry.updated = time(&self.updated, "updated")?;
        // A version dated more than a day ahead (a device whose clock ran
        // fast, a hand) would win every merge against later edits: it is
        // dated now instead.
        let latest = now + chrono::Duration::days(1);
        for when in [&mut entry.created, &mut entry.updated] {
            if *when > latest {
                *when = now;
            }
        }
        Ok(entry)
    }
}

/// Rows read from a file: each with where it was, or why it cannot be read.
pub(super) type Parsed = Vec<(String, Result<Row, String>)>;

/// CSV as export writes it: every cell text, lists joined with ';', cells
/// neutralised against formulas restored.
fn read_csv(text: &str) -> Result<Parsed, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let needed = [
        "id",
        "at",
        "regions",
        "sensation",
        "intensity",
        "duration_s",
        "note",
        "tags",
        "created",
        "updated",
    ];
    let columns: Vec<usize> = needed
        .iter()
        .map(|n| column(n).ok_or_else(|| format!("no '{n}' column: not a CSV that export writes")))
        .collect::<Result<_, _>>()?;
    let mut parsed = Vec::new();
    for record in reader.records() {
        let place = |line: u64| format!("line {line}");
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                parsed.push((place(line), Err(e.to_string())));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| restore(record.get(columns[i]).unwrap_or_default());
        let list = |i: usize| -> Vec<String> {
            record
                .get(columns[i])
                .unwrap_or_default()
                .split(';')
                .map(|s| restore(s.trim()))
                .filter(|s| !s.is_empty())
                .collect()
        };
        let note = cell(6);
        parsed.push((
            place(line),
            Ok(Row {
                id: cell(0),
                at: cell(1),
                regions: list(2),
                sensation: cell(3),
                intensity: cell(4),
                duration_s: cell(5),
                note: (!note.is_empty()).then_some(note),
                tags: list(7),
                created: cell(8),
                updated: cell(9),
            }),
        ));
    }
    Ok(parsed)
}

/// JSON as export writes it: taken as written (no cell was neutralised).
fn read_json(values: Vec<serde_json::Value>) -> Parsed {
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let row = serde_json::from_value::<JsonRow>(value)
                .map(|r| Row {
                    id: r.id,
                    at: r.at,
                    regions: r.regions,
                    sensation: r.sensation,
                    intensity: r.intensity.to_string(),
                    duration_s: r.duration_s.map(|d| d.to_string()).unwrap_or_default(),
                    note: r.note,
                    tags: r.tags,
                    created: r.created,
                    updated: r.updated,
                })
                .map_err(|e| e.to_string());
            (format!("entry {}", i + 1), row)
        })
        .collect()
}

/// What a file holds: entries, and treatment records if it carries them.
pub(super) struct Contents {
    pub(super) entries: Parsed,
    pub(super) treatments: Option<TreatmentLog>,
}

/// Reads any of the shapes sensemap writes: the export bundle (an object
/// with `format: "sensemap-export"`), the bare array of `list --format
/// json`, the treatments object of `treatment list --format json`, or CSV.
pub(super) fn read_contents(path: &Path, text: &str) -> Result<Contents, CliError> {
    let not = |what: &str, e: &dyn std::fmt::Display| {
        CliError::Usage(format!("{}: not {what}: {e}", path.display()))
    };
    if text.starts_with('{') {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| not("JSON as sensemap writes it", &e))?;
        if value.get("format").and_then(|f| f.as_str()) == Some(BUNDLE_FORMAT) {
            let entries = match value.get("entries") {
                Some(serde_json::Value::Array(rows)) => read_json(rows.clone()),
                _ => return Err(not("an export", &"it has no list of entries")),
            };
            let treatments = match value.get("treatments") {
                None => None,
                Some(t) => Some(
                    serde_json::from_value(t.clone())
                        .map_err(|e| not("an export: its treatments cannot be read", &e))?,
                ),
            };
            return Ok(Contents {
                entries,
                treatments,
            });
        }
        let log: TreatmentLog = serde_json::from_value(value).map_err(|e| {
            not(
                "an export, nor treatments as `treatment list --format json` writes them",
                &e,
            )
        })?;
        return Ok(Contents {
            entries: Vec::new(),
            treatments: Some(log),
        });
    }
    let entries = if text.starts_with('[') {
        let values: Vec<serde_json::Value> =
            serde_json::from_str(text).map_err(|e| not("JSON as sensemap writes it", &e))?;
        read_json(values)
    } else {
        read_csv(text).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?
    };
    Ok(Contents {
        entries,
        treatments: None,
    })
}

/// Reads `text` as `import` would and turns every record into an entry,
/// without touching any file: the good entries, and why each bad record
/// was refused. The fuzzer drives the import parser through this.
pub fn read_import_text(
    text: &str,
    sensations: &SensationCatalogue,
    now: DateTime<FixedOffset>,
) -> Result<(Vec<Entry>, Vec<String>), CliError> {
    let contents = read_contents(Path::new("input"), text)?;
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (place, row) in contents.entries {
        match row.and_then(|r| r.entry(sensations, now)) {
            Ok(entry) => good.push(entry),
            Err(reason) => bad.push(format!("{place}: {reason}")),
        }
    }
    Ok((good, bad))
}
