//! `sensemap import FILE`: the JSON and CSV that `export` writes, and the
//! JSON of `treatment list`, read back. Every row is checked before
//! anything is written; importing twice adds nothing (records merge by id,
//! the newer `updated` winning).

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use ulid::Ulid;

use super::commands::{Context, plural};
use super::{CliError, ImportArgs};
use crate::domain::treatment::TreatmentLog;
use crate::domain::{Catalogue, Draft, Entry, SensationCatalogue, SensationId};

/// One entry as `export` writes it (JSON names; CSV columns alike).
#[derive(Debug, Deserialize)]
struct Row {
    id: String,
    at: String,
    regions: RowList,
    sensation: String,
    intensity: i64,
    #[serde(default)]
    duration_s: Option<Seconds>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    tags: RowList,
    created: String,
    updated: String,
}

/// Seconds as JSON writes them (a number) or CSV does (text).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Seconds {
    Number(u64),
    Text(String),
}

/// A list as JSON writes it, or joined with ';' as CSV does.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum RowList {
    #[default]
    Empty,
    Joined(String),
    Items(Vec<String>),
}

impl RowList {
    fn items(&self) -> Vec<String> {
        match self {
            RowList::Empty => Vec::new(),
            RowList::Joined(text) => text
                .split(';')
                .map(|s| restore(s.trim()))
                .filter(|s| !s.is_empty())
                .collect(),
            RowList::Items(items) => items.clone(),
        }
    }
}

/// A CSV cell as written before `export` neutralised it against formulas.
fn restore(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// A time as exported.
fn time(text: &str, field: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map_err(|_| format!("{field} '{text}' is not an RFC 3339 time"))
}

impl Row {
    /// The entry this row holds, or why it cannot be one.
    fn entry(
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
            .items()
            .iter()
            .map(|r| Catalogue::global().lookup(r).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        if sensations.get(self.sensation.trim()).is_none() {
            return Err(format!("unknown sensation '{}'", self.sensation));
        }
        let duration_s = match &self.duration_s {
            None => None,
            Some(Seconds::Number(n)) => Some(*n),
            Some(Seconds::Text(text)) if text.trim().is_empty() => None,
            Some(Seconds::Text(text)) => Some(
                text.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("duration_s '{text}' is not whole seconds"))?,
            ),
        };
        let mut entry = Draft {
            at: time(&self.at, "at")?,
            regions,
            sensation: SensationId(self.sensation.trim().to_string()),
            intensity: self.intensity,
            duration_s,
            note: self.note.as_deref().map(restore).filter(|n| !n.is_empty()),
            tags: self.tags.items(),
        }
        .into_entry(id, now)
        .map_err(|e| e.to_string())?;
        entry.created = time(&self.created, "created")?;
        entry.updated = time(&self.updated, "updated")?;
        Ok(entry)
    }
}

/// Rows read from a file: each with where it was, or why it cannot be read.
type Parsed = Vec<(String, Result<Row, String>)>;

fn read_csv(text: &str) -> Parsed {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .deserialize::<Row>()
        .map(|row| {
            let line = match &row {
                Ok(_) => None,
                Err(e) => e.position().map(|p| p.line()),
            };
            match row {
                Ok(row) => (String::new(), Ok(row)),
                Err(e) => (format!("line {}", line.unwrap_or(0)), Err(e.to_string())),
            }
        })
        .enumerate()
        .map(|(i, (place, row))| {
            // Line 1 is the header.
            let place = if place.is_empty() {
                format!("line {}", i + 2)
            } else {
                place
            };
            (place, row)
        })
        .collect()
}

fn read_json(values: Vec<serde_json::Value>) -> Parsed {
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            (
                format!("entry {}", i + 1),
                serde_json::from_value::<Row>(value).map_err(|e| e.to_string()),
            )
        })
        .collect()
}

/// Imports the file the arguments name.
pub fn import(ctx: &Context, args: &ImportArgs) -> Result<(), CliError> {
    let path: &Path = &args.file;
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let journal = ctx.journal();
    if trimmed.starts_with('{') {
        let log: TreatmentLog = serde_json::from_str(trimmed).map_err(|e| {
            CliError::Usage(format!(
                "{}: not treatments as `treatment list --format json` writes them: {e}",
                path.display()
            ))
        })?;
        let (courses, applications) = (log.courses.len(), log.applications.len());
        journal
            .change_treatments(|mine| {
                for c in log.courses {
                    mine.courses.retain(|k| k.id != c.id);
                    mine.courses.push(c);
                }
                for a in log.applications {
                    mine.applications.retain(|k| k.id != a.id);
                    mine.applications.push(a);
                }
                Ok::<(), String>(())
            })?
            .map_err(CliError::Usage)?;
        eprintln!(
            "Imported {} and {}",
            plural(courses, "course", "courses"),
            plural(applications, "application", "applications")
        );
        return Ok(());
    }
    let parsed = if trimmed.starts_with('[') {
        let values: Vec<serde_json::Value> = serde_json::from_str(trimmed).map_err(|e| {
            CliError::Usage(format!(
                "{}: not JSON as export writes it: {e}",
                path.display()
            ))
        })?;
        read_json(values)
    } else {
        read_csv(trimmed)
    };
    let sensations = ctx.sensations()?;
    let now = ctx.now.fixed_offset();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (place, row) in parsed {
        match row.and_then(|r| r.entry(&sensations, now)) {
            Ok(entry) => good.push(entry),
            Err(reason) => bad.push(format!("  {place}: {reason}")),
        }
    }
    if !bad.is_empty() && !args.skip_invalid {
        return Err(CliError::Usage(format!(
            "{} in {} cannot be imported, so nothing was (--skip-invalid imports the rest):\n{}",
            plural(bad.len(), "row", "rows"),
            path.display(),
            bad.join("\n")
        )));
    }
    if !bad.is_empty() {
        eprintln!(
            "Skipped {}:\n{}",
            plural(bad.len(), "row", "rows"),
            bad.join("\n")
        );
    }
    let known: HashSet<Ulid> = journal.load_all()?.entries.iter().map(|e| e.id).collect();
    let new = good.iter().filter(|e| !known.contains(&e.id)).count();
    let total = good.len();
    journal.add_many(good)?;
    eprintln!(
        "Imported {} ({} already there)",
        plural(new, "new entry", "new entries"),
        total - new
    );
    Ok(())
}
