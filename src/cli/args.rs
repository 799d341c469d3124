//! The arguments of each subcommand, and the parsers that read their
//! values in the same words as the app.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::domain::{RegionId, places};

/// `sensemap log`. In a terminal without `--region`, it asks for each
/// answer in turn instead.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Where, in words ("left sole", "r palm", "both feet", "MS hug") or
    /// by region id, CHOIR key or code; repeat for several.
    #[arg(short, long = "region", value_name = "R", value_parser = parse_places)]
    pub regions: Vec<Places>,
    /// What: a sensation id or name, e.g. tingling, burning, electric.
    #[arg(short, long, value_name = "S")]
    pub sensation: Option<String>,
    /// How strong, 0 (none) to 10 (worst imaginable).
    #[arg(short, long, value_name = "N", allow_negative_numbers = true, value_parser = parse_intensity)]
    pub intensity: Option<u8>,
    /// When it was felt: now (the default), 2h ago, yesterday 21:00,
    /// 2026-03-01 14:30...
    #[arg(short, long, value_name = "WHEN")]
    pub at: Option<String>,
    /// How long it lasted: 90s, 15m, 2h30m.
    #[arg(short, long, value_name = "DUR")]
    pub duration: Option<String>,
    /// A free note; `-` reads it from standard input (a long note, or one
    /// in a file: `--note - < note.txt`).
    #[arg(short, long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Free words such as heat, fatigue, stress: repeat the flag or give
    /// several at once ("heat fatigue", "#heat,#stress").
    #[arg(short, long = "tag", value_name = "T")]
    pub tags: Vec<String>,
}

/// Output format for listings.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// JSON for scripts.
    Json,
}

/// `--format` for the catalogue listings.
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// Filters shared by list, stats and export.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only entries at or after WHEN (e.g. 30d, 2026-01-01).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only entries at or before WHEN.
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Only entries that cover this region (in words, as for `log`).
    #[arg(short, long, value_name = "R", value_parser = parse_region)]
    pub region: Option<RegionId>,
    /// Only this sensation type, or a whole class (paresthesia, dysesthesia, hypoesthesia).
    #[arg(short, long, value_name = "S")]
    pub sensation: Option<String>,
}

/// `sensemap list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which entries.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: EntriesFormat,
}

/// How `list` writes entries.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum EntriesFormat {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// JSON for scripts.
    Json,
    /// CSV for spreadsheets (lists joined with ';').
    Csv,
}

/// `sensemap stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Which entries.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// An object with the entries and the treatment records.
    Json,
    /// One row per entry; lists joined with ';'.
    Csv,
    /// One row per entry for the CHOIRBM R package: bodymap holds the CHOIR codes.
    Choir,
    /// One row per CHOIR segment (id, group, value) for CHOIRBM's plots.
    ChoirSegments,
}

/// `sensemap export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// What choir-segments counts per segment.
    #[arg(long, value_enum, default_value_t)]
    pub metric: MapMetric,
    /// Which entries.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Write to FILE (replaced in one step) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// What the map's colours measure.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum MapMetric {
    /// How many times each region was logged.
    #[default]
    Episodes,
    /// On how many days each region was logged.
    Days,
    /// The mean intensity logged in each region.
    Mean,
}

/// How the map is written.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum MapFormat {
    /// The figures as the app draws them without colour, with a legend.
    #[default]
    Text,
    /// A self-contained SVG with the 74 shapes in their heat colours.
    Svg,
}

/// `sensemap map`.
#[derive(Debug, Args)]
pub struct MapArgs {
    /// Only entries at or after WHEN (e.g. 30d, 2026-01-01).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only entries at or before WHEN.
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Only this sensation type, or a whole class (paresthesia, dysesthesia, hypoesthesia).
    #[arg(long, value_name = "S")]
    pub sensation: Option<String>,
    /// What the colours measure.
    #[arg(long, value_enum, default_value_t)]
    pub metric: MapMetric,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: MapFormat,
    /// Write to FILE (replaced in one step) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Report formats.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum ReportFormat {
    /// Markdown: plain text with the body as text.
    #[default]
    Md,
    /// One self-contained HTML page with the body as SVG; prints on one page.
    Html,
}

/// `sensemap report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Start of the period (default: where the last report ended, else 90 days ago).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// End of the period (default: now).
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
    /// Leave every free-text note out.
    #[arg(long)]
    pub no_notes: bool,
    /// Write to FILE (replaced in one step) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `sensemap import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A JSON or CSV file from export, or treatments as JSON.
    pub file: PathBuf,
    /// Import the good rows even if some are bad (the bad are listed).
    #[arg(long)]
    pub skip_invalid: bool,
}

/// `sensemap treatment …`.
#[derive(Debug, Subcommand)]
pub enum TreatmentCommand {
    /// Start a course: sensemap treatment start gabapentin --dose "300 mg".
    Start {
        /// The treatment, e.g. gabapentin (gaba is enough), cbt, duloxetine.
        name: String,
        /// The starting dose, as you say it.
        #[arg(long, value_name = "D")]
        dose: Option<String>,
        /// When it started (default now).
        #[arg(long, value_name = "WHEN", default_value = "now")]
        at: String,
        /// A free note.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Change the dose of a running course.
    Dose {
        /// The treatment.
        name: String,
        /// The new dose.
        dose: String,
        /// From when (default now).
        #[arg(long, value_name = "WHEN", default_value = "now")]
        at: String,
    },
    /// Stop a running course.
    Stop {
        /// The treatment.
        name: String,
        /// When it stopped (default now).
        #[arg(long, value_name = "WHEN", default_value = "now")]
        at: String,
    },
    /// Record one application: a lidocaine patch on the left sole.
    Apply {
        /// The treatment.
        name: String,
        /// Where, in words, as for log (repeat for several).
        #[arg(short, long = "region", value_name = "R", value_parser = parse_places)]
        regions: Vec<Places>,
        /// When (default now).
        #[arg(long, value_name = "WHEN", default_value = "now")]
        at: String,
        /// A free note.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// List courses and applications.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
    },
    /// The log before a course started against after it: overall and for
    /// the regions most affected before.
    Compare {
        /// The treatment (its latest course).
        name: String,
        /// Days before the start to count.
        #[arg(long, value_name = "DAYS", default_value_t = 28)]
        before: i64,
        /// First day after the start to count (7: from week 2).
        #[arg(long, value_name = "DAY", default_value_t = 7)]
        after_from: i64,
        /// Day after the start where counting ends (42: end of week 6).
        #[arg(long, value_name = "DAY", default_value_t = 42)]
        after_to: i64,
    },
    /// Delete a course or an application by its id.
    Delete {
        /// The id `list` shows.
        id: String,
    },
}

/// `sensemap generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many years of history, ending yesterday.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=50))]
    pub years: u32,
    /// Mean entries per day.
    #[arg(long, value_name = "K")]
    pub per_day: f64,
    /// Seed: the same seed gives the same history.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
}

/// Clap value parser for intensity: a whole number on the 0-10 scale.
pub(super) fn parse_intensity(text: &str) -> Result<u8, String> {
    let scale = "a whole number on the 0-10 scale (0 none, 10 worst imaginable)";
    match text.trim().parse::<i64>() {
        Ok(n @ 0..=10) => Ok(n as u8),
        Ok(n) => Err(format!("intensity must be 0 to 10, not {n}: {scale}")),
        Err(_) => Err(format!("intensity is {scale}, not '{}'", text.trim())),
    }
}

/// The regions one `--region` names: one, or several for "both feet".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places(pub Vec<RegionId>);

/// Clap value parser for `log --region`: the one place matcher.
fn parse_places(text: &str) -> Result<Places, String> {
    places::resolve_list(text)
        .map(Places)
        .map_err(|e| e.to_string())
}

/// Clap value parser for a filter's `--region`: words as for `log`, but
/// one region.
fn parse_region(text: &str) -> Result<RegionId, String> {
    match places::resolve(text).map_err(|e| e.to_string())?.as_slice() {
        [one] => Ok(*one),
        several => Err(format!(
            "a filter takes one region, and '{}' means {}: {}",
            text.trim(),
            several.len(),
            several
                .iter()
                .map(|r| r.region().label())
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

/// `sensemap delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The ids of the entries to delete, as `list --format json` shows them.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
}

/// `sensemap doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Repair what is safe to repair (copies merged, entries moved to their
    /// month, shared ids split, temp files removed, permissions tightened).
    #[arg(long)]
    pub fix: bool,
}

/// `sensemap restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup folder, as `sensemap backups` lists it (e.g. 2026-11-20).
    pub folder: String,
    /// The file: a month (2026-11), `treatments`, `reports`, or its path as
    /// listed (entries/2026/2026-11.ron).
    pub file: String,
}
