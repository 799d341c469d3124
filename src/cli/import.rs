//! `sensemap import FILE`: the JSON and CSV that `export` writes, and the
//! JSON of `treatment list`, read back. Every record is checked before
//! anything is written. Importing never replaces what is newer or the same:
//! an entry already in the journal is only changed by a copy with a later
//! `updated`, and a treatment record already there is kept as it is.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use ulid::Ulid;

use super::commands::{Context, plural};
use super::exchange::{BUNDLE_FORMAT, restore};
use super::{CliError, ImportArgs};
use crate::domain::treatment::{TreatmentCatalogue, TreatmentLog};
use crate::domain::{Catalogue, Draft, Entry, SensationCatalogue, SensationId};

/// One entry as read, from either format.
#[derive(Debug)]
struct Row {
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
            sensation: SensationId(self.sensation.trim().to_string()),
            intensity,
            duration_s,
            note: self.note.clone().filter(|n| !n.is_empty()),
            tags: self.tags.clone(),
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
struct Contents {
    entries: Parsed,
    treatments: Option<TreatmentLog>,
}

/// Reads any of the shapes sensemap writes: the export bundle (an object
/// with `format: "sensemap-export"`), the bare array of `list --format
/// json`, the treatments object of `treatment list --format json`, or CSV.
fn read_contents(path: &Path, text: &str) -> Result<Contents, CliError> {
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

/// The entries that can be imported. With bad records and without
/// `--skip-invalid`, an error listing each, so nothing is imported.
fn checked_entries(
    ctx: &Context,
    path: &Path,
    parsed: Parsed,
    skip_invalid: bool,
) -> Result<Vec<Entry>, CliError> {
    let sensations = ctx.sensations()?;
    let now = ctx.now.fixed_offset();
    let mut good: Vec<Entry> = Vec::new();
    let mut bad = Vec::new();
    let mut seen: HashMap<Ulid, String> = HashMap::new();
    for (place, row) in parsed {
        match row.and_then(|r| r.entry(&sensations, now)) {
            Ok(entry) => match seen.get(&entry.id) {
                Some(first) => bad.push(format!("  {place}: id {} is also at {first}", entry.id)),
                None => {
                    seen.insert(entry.id, place);
                    good.push(entry);
                }
            },
            Err(reason) => bad.push(format!("  {place}: {reason}")),
        }
    }
    if !bad.is_empty() && !skip_invalid {
        return Err(CliError::Usage(format!(
            "{} in {} cannot be imported, so nothing was (--skip-invalid imports the rest):\n{}",
            plural(bad.len(), "record", "records"),
            path.display(),
            bad.join("\n")
        )));
    }
    if !bad.is_empty() {
        eprintln!(
            "Skipped {}:\n{}",
            plural(bad.len(), "record", "records"),
            bad.join("\n")
        );
    }
    Ok(good)
}

/// Imports the file the arguments name: every record is checked before
/// anything is written; treatments go in first, then entries.
pub fn import(ctx: &Context, args: &ImportArgs) -> Result<(), CliError> {
    let path: &Path = &args.file;
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let contents = read_contents(path, trimmed)?;
    let treatments = contents
        .treatments
        .filter(|t| !t.courses.is_empty() || !t.applications.is_empty());
    if contents.entries.is_empty() && treatments.is_none() {
        return Err(CliError::Usage(format!(
            "{} holds no entries and no treatments",
            path.display()
        )));
    }
    let has_entries = !contents.entries.is_empty();
    let good = checked_entries(ctx, path, contents.entries, args.skip_invalid)?;
    let catalogue = match &treatments {
        Some(log) => Some(checked_treatments(ctx, path, log)?),
        None => None,
    };
    // Every month the entries would go into must take a save, checked
    // before anything is written, so a refusal changes nothing.
    let months: std::collections::BTreeSet<_> = good.iter().map(Entry::month).collect();
    ctx.journal()
        .check_writable(&months.into_iter().collect::<Vec<_>>())?;
    if let (Some(log), Some(catalogue)) = (treatments, catalogue) {
        import_treatments(ctx, path, log, &catalogue)?;
    }
    if has_entries {
        import_entries(ctx, good)?;
    }
    Ok(())
}

/// Adds the entries not in the journal and replaces those the journal holds
/// an older version of. An entry deleted after the version imported stays
/// deleted: importing an old export never brings a deletion back.
fn import_entries(ctx: &Context, good: Vec<Entry>) -> Result<(), CliError> {
    // Against the whole journal, whatever month an entry is in now.
    let journal = ctx.journal();
    let loaded = journal.load_all()?;
    let known: HashMap<Ulid, Entry> = loaded.entries.into_iter().map(|e| (e.id, e)).collect();
    let (mut new, mut newer, mut kept, mut deleted) = (Vec::new(), 0, 0, 0);
    for entry in good {
        match known.get(&entry.id) {
            _ if loaded
                .deleted
                .get(&entry.id)
                .is_some_and(|&at| at >= entry.updated) =>
            {
                deleted += 1;
            }
            None => new.push(entry),
            Some(stored) if entry.updated > stored.updated => {
                // A later version, moved to its month if it changed month.
                journal.update(stored, entry)?;
                newer += 1;
            }
            Some(_) => kept += 1,
        }
    }
    let added = new.len();
    journal.merge_in(new)?;
    let deleted = match deleted {
        0 => String::new(),
        n => format!(
            "; {} deleted since, so not brought back",
            plural(n, "entry was", "entries were")
        ),
    };
    eprintln!(
        "Imported {} and {} ({kept} already there as they are or newer{deleted})",
        plural(added, "new entry", "new entries"),
        plural(newer, "newer version", "newer versions"),
    );
    Ok(())
}

/// The catalogue the records name, once every record is possible. Treatment
/// records are all or nothing: a dose belongs to its course.
fn checked_treatments(
    ctx: &Context,
    path: &Path,
    log: &TreatmentLog,
) -> Result<TreatmentCatalogue, CliError> {
    let custom = ctx.settings.treatments.clone();
    let catalogue = TreatmentCatalogue::with_custom(custom)
        .map_err(|e| CliError::Usage(format!("config.ron: {e}")))?;
    let problems = log.problems(&catalogue, ctx.now.fixed_offset());
    if !problems.is_empty() {
        return Err(CliError::Usage(format!(
            "the treatments in {} cannot be imported, so nothing was:\n{}",
            path.display(),
            problems
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    Ok(catalogue)
}

/// Adds the treatment records not already here.
fn import_treatments(
    ctx: &Context,
    path: &Path,
    log: TreatmentLog,
    catalogue: &TreatmentCatalogue,
) -> Result<(), CliError> {
    let outcome = ctx.journal().change_treatments(|mine| {
        let courses: HashSet<Ulid> = mine.courses.iter().map(|c| c.id).collect();
        let applications: HashSet<Ulid> = mine.applications.iter().map(|a| a.id).collect();
        let mut merged = mine.clone();
        let (mut added, mut kept) = (0, 0);
        for c in log.courses {
            if courses.contains(&c.id) {
                kept += 1;
            } else {
                merged.courses.push(c);
                added += 1;
            }
        }
        for a in log.applications {
            if applications.contains(&a.id) {
                kept += 1;
            } else {
                merged.applications.push(a);
                added += 1;
            }
        }
        let clash = merged.problems(catalogue, ctx.now.fixed_offset());
        if !clash.is_empty() {
            return Err(clash.join("; "));
        }
        *mine = merged;
        Ok((added, kept))
    })?;
    let (added, kept) = outcome.map_err(|e| {
        CliError::Usage(format!(
            "{} cannot join your treatments: {e}",
            path.display()
        ))
    })?;
    eprintln!(
        "Imported {} ({kept} already here, kept as they are)",
        plural(added, "treatment record", "treatment records")
    );
    Ok(())
}
