//! Text, JSON and CSV renderings for the command line.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{CliError, ListFormat};
use crate::domain::when::format_duration;
use crate::domain::{Catalogue, Entry, RegionStats, SensationCatalogue};

/// `text` safe to print to a terminal: control characters (escape
/// sequences that clear the screen, set the title or make links, and C1
/// controls) and direction overrides become `�`, so a note can never act on
/// the terminal it is shown in.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Lays out rows under a header in aligned columns; the last column is not
/// padded. Every cell is made [`printable`].
pub(super) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| printable(cell)).collect())
        .collect();
    let rows = rows.as_slice();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let last = row.len().saturating_sub(1);
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            out.push_str(cell);
            if i < last {
                out.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        out.push('\n');
    }
    out
}

/// Serializes to pretty JSON with a final newline.
pub(super) fn json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("\"{e}\""));
    text.push('\n');
    text
}

/// One region in JSON.
#[derive(Serialize)]
struct RegionRow<'a> {
    id: &'a str,
    key: &'a str,
    code: u16,
    name: &'a str,
    view: &'a str,
    side: &'a str,
}

/// The region catalogue.
pub fn regions(format: ListFormat) -> String {
    let rows: Vec<RegionRow> = Catalogue::global()
        .regions()
        .iter()
        .map(|r| RegionRow {
            id: &r.id,
            key: &r.key,
            code: r.code(),
            name: &r.name,
            view: r.view.as_str(),
            side: r.side.as_str(),
        })
        .collect();
    match format {
        ListFormat::Json => json(&rows),
        ListFormat::Table => table(
            &["KEY", "CODE", "ID", "VIEW", "SIDE", "NAME"],
            &rows
                .iter()
                .map(|r| {
                    vec![
                        r.key.into(),
                        r.code.to_string(),
                        r.id.into(),
                        r.view.into(),
                        r.side.into(),
                        r.name.into(),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
    }
}

/// The sensation catalogue.
pub fn sensations(catalogue: &SensationCatalogue, format: ListFormat) -> String {
    match format {
        ListFormat::Json => json(catalogue.types()),
        ListFormat::Table => table(
            &["ID", "NAME", "CLASS", "SOURCE", "DESCRIPTION"],
            &catalogue
                .types()
                .iter()
                .map(|t| {
                    let source = if t.custom { "config" } else { "built-in" };
                    vec![
                        t.id.clone(),
                        t.name.clone(),
                        t.class.to_string(),
                        source.into(),
                        t.description.clone(),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
    }
}

/// An entry as exported: stable field names, times in RFC 3339 with offset.
/// It borrows what the entry holds, so that making one per row of a long
/// export allocates little.
#[derive(Serialize)]
pub(super) struct ExportRow<'a> {
    pub(super) id: String,
    pub(super) at: String,
    pub(super) regions: Vec<&'static str>,
    pub(super) choir: Vec<&'static str>,
    pub(super) sensation: &'static str,
    pub(super) class: Option<&'static str>,
    pub(super) intensity: u8,
    pub(super) duration_s: Option<u64>,
    pub(super) note: Option<&'a str>,
    pub(super) tags: &'a [String],
    pub(super) created: String,
    pub(super) updated: String,
}

impl<'a> ExportRow<'a> {
    pub(super) fn new(e: &'a Entry, sensations: &SensationCatalogue) -> ExportRow<'a> {
        ExportRow {
            id: e.id.to_string(),
            at: e.at.to_rfc3339(),
            regions: e.regions.ids().map(|r| r.region().id.as_str()).collect(),
            choir: e.regions.ids().map(|r| r.region().key.as_str()).collect(),
            sensation: e.sensation.as_str(),
            class: sensations.class_of(&e.sensation).map(|c| c.as_str()),
            intensity: e.intensity.value(),
            duration_s: e.duration_s,
            note: e.note.as_deref(),
            tags: &e.tags,
            created: e.created.to_rfc3339(),
            updated: e.updated.to_rfc3339(),
        }
    }
}

/// The entries as a table a person reads (`list` writes JSON and CSV row
/// by row through [`super::exchange::write_export`]).
pub fn entries_table(entries: &[&Entry], sensations: &SensationCatalogue) -> String {
    table(
        &[
            "AT",
            "SENSATION",
            "INT",
            "DURATION",
            "REGIONS",
            "TAGS",
            "NOTE",
        ],
        &entries
            .iter()
            .map(|e| {
                vec![
                    e.at.format("%Y-%m-%d %H:%M").to_string(),
                    sensations.name_of(&e.sensation).to_string(),
                    e.intensity.to_string(),
                    e.duration_s.map(format_duration).unwrap_or_default(),
                    e.regions
                        .ids()
                        .map(|r| r.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                    e.tags.join(","),
                    e.note
                        .as_deref()
                        .and_then(|n| n.lines().next())
                        .unwrap_or_default()
                        .to_string(),
                ]
            })
            .collect::<Vec<_>>(),
    )
}

/// One line a person can check after logging.
pub fn summary(e: &Entry, sensations: &SensationCatalogue) -> String {
    let regions: Vec<String> = e.regions.ids().map(|r| r.region().label()).collect();
    format!(
        "{} {}/10 at {} in {}",
        sensations.name_of(&e.sensation),
        e.intensity,
        e.at.format("%Y-%m-%d %H:%M %:z"),
        regions.join("; ")
    )
}

/// Per-region counts.
#[derive(Serialize)]
struct StatsRow {
    region: String,
    key: String,
    name: String,
    episodes: u32,
    days_affected: u32,
    mean_intensity: f64,
}

/// The `stats` table or JSON.
pub fn stats(ranked: &[RegionStats], format: ListFormat) -> String {
    let rows: Vec<StatsRow> = ranked
        .iter()
        .map(|s| {
            let r = s.region.region();
            StatsRow {
                region: r.id.clone(),
                key: r.key.clone(),
                name: r.name.clone(),
                episodes: s.episodes,
                days_affected: s.days_affected,
                mean_intensity: (s.mean_intensity * 100.0).round() / 100.0,
            }
        })
        .collect();
    match format {
        ListFormat::Json => json(&rows),
        ListFormat::Table if rows.is_empty() => "No entries match.\n".to_string(),
        ListFormat::Table => table(
            &["REGION", "KEY", "EPISODES", "DAYS", "MEAN", "NAME"],
            &rows
                .iter()
                .map(|r| {
                    vec![
                        r.region.clone(),
                        r.key.clone(),
                        r.episodes.to_string(),
                        r.days_affected.to_string(),
                        format!("{:.1}", r.mean_intensity),
                        r.name.clone(),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
    }
}

/// Writes `text` to `path` through a temporary file, so a failure never
/// leaves half a file.
pub fn write_file_atomically(path: &Path, text: &str) -> Result<(), CliError> {
    emit(Some(path), |out| out.write_all(text.as_bytes()))
}

/// Writes what `fill` makes, as it makes it (buffered, never whole in
/// memory): to standard output, or to `path` through a temporary file so
/// that a failure never leaves half a file. A reader that stops reading
/// standard output early (`| head`) is not an error.
pub fn emit(
    path: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    let Some(path) = path else {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        return match fill(&mut out).and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(CliError::Other(format!("cannot write output: {e}")))
            }
            _ => Ok(()),
        };
    };
    // `/dev/stdout` and its kin stand for whatever this process was given
    // (a pipe, a terminal, a file opened with >>): write into it, never
    // replace what it points at.
    let stands_for_a_stream = path.starts_with("/dev/") || path.starts_with("/proc/");
    let target = match std::fs::metadata(path) {
        // A device or a pipe is written to, never replaced.
        Ok(meta) if !meta.is_file() || stands_for_a_stream => {
            return std::fs::OpenOptions::new()
                .append(true)
                .open(path)
                .and_then(|file| {
                    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
                    fill(&mut out)?;
                    out.flush()
                })
                .map_err(|e| CliError::Other(format!("cannot write {}: {e}", path.display())));
        }
        // A file, perhaps behind links: replace the file itself.
        Ok(_) => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        // A new file, or a link to one not there yet.
        Err(_) => through_links(path),
    };
    Ok(crate::store::write_atomically_streamed(&target, fill)?)
}

/// The file a path names once symbolic links are followed, so that writing
/// to a link writes through it instead of replacing the link.
fn through_links(path: &Path) -> std::path::PathBuf {
    let mut current = path.to_path_buf();
    // A loop of links ends after a few steps; the write then fails there.
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                }
            }
            Err(_) => break,
        }
    }
    current
}
