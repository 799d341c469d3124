//! `sensemap log`: one entry from its flags, or, alone in a terminal,
//! from the answers to one question at a time.

use ulid::Ulid;

use super::args::LogArgs;
use super::commands::{Context, print};
use super::guided::Answers;
use super::{CliError, output};
use crate::domain::Draft;
use crate::domain::when::parse_duration;

/// Logs one entry and prints its id.
pub(super) fn log(ctx: &Context, args: LogArgs) -> Result<(), CliError> {
    let sensations = ctx.sensations()?;
    let answers = match (&args.sensation, args.intensity) {
        (Some(sensation), Some(intensity)) if !args.regions.is_empty() => Answers {
            regions: regions_of(&args.regions),
            sensation: sensations
                .lookup(sensation)
                .map_err(|e| CliError::Usage(format!("--sensation: {e}")))?,
            intensity,
            at: args.at.clone(),
            duration_s: args
                .duration
                .as_deref()
                .map(parse_duration)
                .transpose()
                .map_err(|e| CliError::Usage(format!("--duration: {e}")))?,
            tags: tags_of(&args.tags)?,
            note: match args.note.as_deref() {
                Some("-") => Some(note_from_stdin()?),
                _ => args.note.clone(),
            },
        },
        _ if args.regions.is_empty() && asked_in_a_terminal() => {
            super::guided::ask_all(ctx, &sensations)?
        }
        _ => return Err(CliError::Usage(missing_log_flags(&args))),
    };
    save_log(ctx, &sensations, answers)
}

/// Whether a person at a terminal can be asked: standard input and the
/// questions' output (standard error) are both a terminal.
fn asked_in_a_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// What `log` lacks, when it cannot ask.
fn missing_log_flags(args: &LogArgs) -> String {
    let missing: Vec<&str> = [
        (args.regions.is_empty(), "--region <R>"),
        (args.sensation.is_none(), "--sensation <S>"),
        (args.intensity.is_none(), "--intensity <N>"),
    ]
    .into_iter()
    .filter_map(|(lacking, flag)| lacking.then_some(flag))
    .collect();
    format!(
        "log needs {} (run `sensemap log` alone in a terminal to be asked for each, one at a time)",
        missing.join(", ")
    )
}

/// The `--tag` words; a flag with no word in it is refused.
fn tags_of(flags: &[String]) -> Result<Vec<String>, CliError> {
    if let Some(empty) = flags
        .iter()
        .find(|t| crate::domain::split_tags([t.as_str()]).is_empty())
    {
        return Err(CliError::Usage(format!(
            "--tag '{empty}' has no word in it"
        )));
    }
    Ok(crate::domain::split_tags(flags.iter().map(String::as_str)))
}

/// Saves what `log` was told or asked, says so, and prints the new id.
fn save_log(
    ctx: &Context,
    sensations: &crate::domain::SensationCatalogue,
    answers: Answers,
) -> Result<(), CliError> {
    let at = ctx.when("--at", &answers.at)?;
    crate::domain::when::check_felt(&answers.at, at, ctx.now.fixed_offset())
        .map_err(|e| CliError::Usage(format!("--at: {e}")))?;
    let draft = Draft {
        at,
        regions: answers.regions,
        sensation: answers.sensation,
        intensity: i64::from(answers.intensity),
        duration_s: answers.duration_s,
        note: answers.note,
        tags: answers.tags,
    };
    let entry = draft
        .into_entry(Ulid::generate(), ctx.now.fixed_offset())
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let id = entry.id;
    let summary = output::summary(&entry, sensations);
    ctx.journal().add_new(entry)?;
    eprintln!("Saved: {summary}");
    print(&format!("{id}\n"))
}

/// Every region the `--region` flags name, each once, in the order given.
fn regions_of(places: &[super::Places]) -> Vec<crate::domain::RegionId> {
    let mut regions = Vec::new();
    for region in places.iter().flat_map(|p| p.0.iter()) {
        if !regions.contains(region) {
            regions.push(*region);
        }
    }
    regions
}

/// The note given as `--note -`: all of standard input, as text.
fn note_from_stdin() -> Result<String, CliError> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
        .map_err(|e| CliError::Other(format!("--note -: cannot read standard input: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| CliError::Usage("--note -: standard input is not UTF-8 text".into()))?;
    Ok(text.strip_suffix('\n').unwrap_or(&text).to_string())
}
