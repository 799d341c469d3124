//! The command line: thin clap commands over the same domain and store as
//! the app.

mod args;
mod commands;
mod compare_text;
mod exchange;
mod guided;
mod import;
mod launch;
mod log;
mod map;
mod output;
mod report;
mod treatment;
mod upkeep;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Local};
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use args::*;
pub use import::read_import_text;

use crate::store::StoreError;

/// sensemap: mark where on the body you feel abnormal sensations, and see
/// where they recur.
#[derive(Debug, Parser)]
#[command(name = "sensemap", version, about, long_about = None)]
pub struct Cli {
    /// Where the journal lives (default: the platform data directory).
    #[arg(long, global = true, env = "SENSEMAP_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The config file with your own sensation types.
    #[arg(long, global = true, env = "SENSEMAP_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Colours: auto (from the terminal: the default), dark, light or
    /// high-contrast.
    #[arg(long, global = true, env = "SENSEMAP_THEME", value_name = "THEME")]
    pub theme: Option<String>,

    /// What to do; without a command the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app on a generated sample history (your data is not touched).
    Demo,
    /// Log a sensation and print the new entry's id (in a terminal, it asks for what the flags do not say).
    Log(LogArgs),
    /// List entries, oldest first.
    List(ListArgs),
    /// Show the 74 body regions with their ids and CHOIR keys.
    Regions(FormatArgs),
    /// Show the sensation types, built in and your own.
    Sensations(FormatArgs),
    /// Per region: episodes, days affected and mean intensity.
    Stats(StatsArgs),
    /// Export entries as JSON or CSV.
    Export(ExportArgs),
    /// The heat-map on the body: as text in the terminal, or as an SVG.
    Map(MapArgs),
    /// Read back what export (or treatment list --format json) wrote.
    Import(ImportArgs),
    /// One page for your neurologist: where, what, when, treatments.
    Report(ReportArgs),
    /// Treatments: courses you start and stop, and applications on a place.
    #[command(subcommand)]
    Treatment(TreatmentCommand),
    /// Write a realistic synthetic history into an empty data directory.
    Generate(GenerateArgs),
    /// Delete entries by id; the deletion is remembered, so no copy brings
    /// them back.
    Delete(DeleteArgs),
    /// Check the data folder (damaged files, sync conflict copies, shared
    /// ids, misfiled entries, permissions); --fix repairs what is safe.
    Doctor(DoctorArgs),
    /// List the backups: each file's version before its first save of a day.
    Backups,
    /// Bring back a file from the backups, after backing up the current one.
    Restore(RestoreArgs),
}

/// A failed command: bad input (exit 2) or a failure while working (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The person typed something that cannot be used.
    #[error("{0}")]
    Usage(String),
    /// Reading or writing the journal failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Anything else, e.g. the terminal.
    #[error("{0}")]
    Other(String),
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Store(_) | CliError::Other(_) => 1,
        }
    }
}

/// The current time, overridable with `SENSEMAP_NOW` (RFC 3339) so tests and
/// screenshots are reproducible.
pub fn now() -> DateTime<Local> {
    std::env::var("SENSEMAP_NOW")
        .ok()
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map_or_else(Local::now, |t| t.with_timezone(&Local))
}

/// Parses the arguments, runs the command and returns the exit code.
/// Every error reads the same way: `sensemap: what went wrong`.
pub fn main() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(err) => return usage_error(&err),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    let typed = Typed {
        data_dir: matches.value_source("data_dir") == Some(ValueSource::CommandLine),
    };
    match commands::run(cli, typed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sensemap: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}

/// What was typed on the command line rather than taken from the
/// environment or a default.
#[derive(Debug, Clone, Copy, Default)]
pub struct Typed {
    /// `--data-dir` itself (not `SENSEMAP_DATA_DIR`).
    pub data_dir: bool,
}

/// A command line clap refused, in sensemap's own words; help and version
/// print as they are.
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = err.print();
        return ExitCode::SUCCESS;
    }
    let text = err.render().to_string();
    let text = text.trim_start_matches("error: ").trim_end();
    let text = text
        .lines()
        .filter(|l| !l.starts_with("For more information") && !l.starts_with("Usage:"))
        .collect::<Vec<_>>()
        .join("\n");
    eprintln!(
        "sensemap: {}\n(sensemap --help lists the commands and options)",
        text.trim_end()
    );
    ExitCode::from(2)
}
