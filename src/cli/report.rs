//! `sensemap report`: one page for the neurologist, in Markdown or HTML.
//! The period defaults to where the last report written to a file (on an
//! earlier day) ended, else the last 90 days; each report written to a file
//! is remembered for the next.

use chrono::Duration;

use super::commands::{Context, print};
use super::output::write_file_atomically;
use super::{CliError, FilterArgs, ReportArgs, ReportFormat};
use crate::domain::query::LOOKBACK_DAYS;
use crate::domain::report::{PeriodChoice, ReportInput, ReportMade, build, default_since};
use crate::domain::treatment::Windows;
use crate::ui::report::{html, markdown};

/// Makes the report the arguments ask for.
pub fn report(ctx: &Context, args: &ReportArgs) -> Result<(), CliError> {
    let sensations = ctx.sensations()?;
    let filter = ctx.filter(
        &FilterArgs {
            since: args.since.clone(),
            until: args.until.clone(),
            region: None,
            sensation: None,
        },
        &sensations,
    )?;
    let now = ctx.now.fixed_offset();
    let journal = ctx.journal();
    let made = journal.load_reports()?;
    let until = filter.until.unwrap_or(now);
    let (since, period) = match filter.since {
        Some(since) if since > until => {
            return Err(CliError::Usage(format!(
                "--since ({}) is after the end of the period ({}): the report would cover nothing",
                since.format("%Y-%m-%d %H:%M"),
                until.format("%Y-%m-%d %H:%M")
            )));
        }
        Some(since) => (since, PeriodChoice::Asked),
        // An end of your own: the 90 days before it.
        None if filter.until.is_some() => (
            until - Duration::days(crate::domain::report::DEFAULT_DAYS),
            PeriodChoice::Asked,
        ),
        None => {
            let (since, period) = default_since(&made, now);
            (since.min(until), period)
        }
    };
    let treatments = journal.load_treatments().unwrap_or_else(|e| {
        eprintln!("sensemap: warning: treatments left out of the report: {e}");
        Default::default()
    });
    let catalogue = super::treatment::catalogue(ctx)?;
    // What "new", the flags and each course's weeks before it look back on.
    let windows = Windows::default();
    let earliest_course = treatments
        .courses
        .iter()
        .filter(|c| c.overlaps(since, until))
        .map(|c| c.start - Duration::days(windows.before_days))
        .min();
    let load_from = [
        Some(since - Duration::days(2 * LOOKBACK_DAYS)),
        earliest_course,
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(since);
    let loaded = ctx.load(&crate::domain::Filter {
        since: Some(load_from),
        ..crate::domain::Filter::default()
    })?;
    let report = build(&ReportInput {
        entries: &loaded.entries,
        treatments: &treatments,
        catalogue: &catalogue,
        sensations: &sensations,
        since,
        until,
        period,
        no_notes: args.no_notes,
    });
    if report.summary.entries == 0 {
        eprintln!(
            "sensemap: no entries from {} to {} in {}",
            since.format("%Y-%m-%d"),
            until.format("%Y-%m-%d"),
            ctx.data_dir.display()
        );
    }
    let page = match args.format {
        ReportFormat::Md => markdown(&report, &sensations),
        ReportFormat::Html => html(&report, &sensations),
    };
    let Some(path) = &args.output else {
        // A look in the terminal is not a report handed over: it does not
        // move the next report's start.
        return print(&page);
    };
    write_file_atomically(path, &page)?;
    eprintln!("Wrote the report to {}", path.display());
    // A page of nothing was not handed to anyone either.
    if report.summary.entries > 0
        && let Err(e) = journal.record_report(ReportMade {
            made: now,
            since,
            until,
        })
    {
        // The page is written; only the next report's default start is lost.
        eprintln!("sensemap: warning: the report was written but not remembered: {e}");
    }
    Ok(())
}
