//! Opening the app (on your journal, or on a generated demo history) and
//! `sensemap generate`.

use chrono::{DateTime, Duration, Local, Months};

use super::commands::{Context, plural};
use super::{CliError, GenerateArgs};
use crate::domain::generate::{GenerateSpec, generate};
use crate::runtime::Settings;
use crate::store::{FsStore, Journal, MonthStore};

/// The generate spec for `years` of history ending yesterday.
fn spec_ending_yesterday(
    now: DateTime<Local>,
    years: u32,
    per_day: f64,
    seed: u64,
) -> GenerateSpec {
    let end = now.date_naive() - Duration::days(1);
    let start = end
        .checked_sub_months(Months::new(12 * years))
        .map_or(end, |d| d + Duration::days(1));
    GenerateSpec {
        start,
        end,
        per_day,
        seed,
    }
}

pub(super) fn generate_history(ctx: &Context, args: &GenerateArgs) -> Result<(), CliError> {
    if !(args.per_day > 0.0 && args.per_day <= 500.0) {
        return Err(CliError::Usage(format!(
            "--per-day must be above 0 and at most 500, not {}",
            args.per_day
        )));
    }
    let journal = ctx.journal();
    let existing = journal.store().months()?;
    if !existing.is_empty() {
        return Err(CliError::Usage(format!(
            "{} already holds entries ({}); generate only writes into an empty data directory, \
             so pass --data-dir with a new directory",
            ctx.data_dir.display(),
            plural(existing.len(), "month", "months")
        )));
    }
    let spec = spec_ending_yesterday(ctx.now, args.years, args.per_day, args.seed);
    let entries = generate(&spec, &Local);
    let count = entries.len();
    let months = journal.add_many(entries)?.months.len();
    eprintln!(
        "Generated {} over {} ({} to {}) in {}",
        plural(count, "entry", "entries"),
        plural(months, "month", "months"),
        spec.start,
        spec.end,
        ctx.data_dir.display()
    );
    Ok(())
}

/// Opens the app on a fresh sample history in a temporary directory.
pub(super) fn demo(ctx: &Context) -> Result<(), CliError> {
    let dir = tempfile::Builder::new()
        .prefix("sensemap-demo-")
        .tempdir()
        .map_err(|e| CliError::Other(format!("cannot create a demo directory: {e}")))?;
    let journal = Journal::new(FsStore::new(dir.path()));
    journal.add_many(generate(&spec_ending_yesterday(ctx.now, 3, 4.0, 7), &Local))?;
    let sample = crate::domain::treatment::demo_treatments(ctx.now.fixed_offset());
    journal
        .change_treatments(|log| {
            *log = sample;
            Ok::<(), std::convert::Infallible>(())
        })?
        .unwrap_or_else(|never| match never {});
    // The demo reads your settings but does not change them.
    open_app(dir.path(), ctx, false)
}

/// Loads the journal and runs the terminal app until the person quits.
pub(super) fn open_app(
    data_dir: &std::path::Path,
    ctx: &Context,
    remember: bool,
) -> Result<(), CliError> {
    let settings = Settings {
        map_style: ctx.settings.map_style,
        date_order: ctx.settings.date_order,
        keymap: std::sync::Arc::new(ctx.keymap.clone()),
        remember_in: remember.then(|| ctx.config.clone()),
        treatments: super::treatment::catalogue(ctx)?,
        theme: ctx.theme,
        colors: ctx.colors(),
    };
    let sensations = ctx.sensations()?;
    // A short wait per try: the storage worker retries, and says it waits.
    let store = FsStore::new(data_dir).with_lock_wait(std::time::Duration::from_millis(100));
    let journal = Journal::new(store);
    crate::runtime::run(
        journal,
        sensations,
        settings,
        Box::new(|| super::now().fixed_offset()),
    )
    .map_err(|e| CliError::Other(format!("terminal: {e}")))
}
