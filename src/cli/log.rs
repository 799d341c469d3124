//! `sensemap log`: one entry from its flags, or, alone in a terminal,
//! from the answers to one question at a time.

use ulid::Ulid;

use super::args::LogArgs;
use super::commands::{Context, print};
use super::guided::{Answers, Given, Question, duration_question, what_question, when_question};
use super::{CliError, output};
use crate::domain::Draft;

/// Logs one entry and prints its id.
pub(super) fn log(ctx: &Context, args: LogArgs) -> Result<(), CliError> {
    let sensations = ctx.sensations()?;
    let note_from_input = args.note.as_deref() == Some("-");
    let given = given(ctx, &sensations, &args)?;
    let answers = match given.complete() {
        Some(mut answers) => {
            if note_from_input {
                answers.note = Some(note_from_stdin()?);
            }
            answers
        }
        None if !note_from_input && let Some(screen) = person_at_the_terminal() => {
            let answers = super::guided::ask_in_terminal(screen, given, ctx, &sensations)?;
            // Answers that took a while to give are not lost with a save.
            let again = as_command(ctx, &answers);
            return save_log(&ctx.as_of_now(), &sensations, answers).inspect_err(|_| {
                eprintln!(
                    "Nothing was saved (why follows). To log it once that is put right:\n  {again}"
                );
            });
        }
        None => return Err(CliError::Usage(missing_log_flags(&args))),
    };
    save_log(ctx, &sensations, answers)
}

/// The `sensemap log` command that logs `answers` into the same journal
/// with the same config (each value joined to its flag with `=`, so one
/// starting with `-` stays a value; a note of `-` alone comes in on
/// standard input, as `--note -` reads it).
fn as_command(ctx: &Context, answers: &Answers) -> String {
    let mut words = vec!["sensemap".to_string(), "log".to_string()];
    let mut flag = |name: &str, value: &str| {
        words.push(format!("--{name}={}", shell_quoted(value)));
    };
    flag("data-dir", &ctx.data_dir.to_string_lossy());
    if ctx.config.exists() {
        flag("config", &ctx.config.to_string_lossy());
    }
    for region in &answers.regions {
        flag("region", &region.region().key);
    }
    flag("sensation", answers.sensation.as_str());
    flag("intensity", &answers.intensity.to_string());
    flag("at", &answers.at);
    if let Some(seconds) = answers.duration_s {
        flag("duration", &crate::domain::when::format_duration(seconds));
    }
    for tag in &answers.tags {
        flag("tag", tag);
    }
    if let Some(note) = &answers.note {
        flag("note", note);
    }
    let command = words.join(" ");
    match answers.note.as_deref() {
        Some("-") => format!("echo - | {command}"),
        _ => command,
    }
}

/// `text` as a POSIX shell reads it back: bare when plain, else in single
/// quotes.
fn shell_quoted(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:+@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// What the flags say, each read and checked, so a wrong one stops `log`
/// before anything is asked or saved.
fn given(
    ctx: &Context,
    sensations: &crate::domain::SensationCatalogue,
    args: &LogArgs,
) -> Result<Given, CliError> {
    Ok(Given {
        regions: (!args.regions.is_empty()).then(|| regions_of(&args.regions)),
        sensation: read_flag("--sensation", &args.sensation, &what_question(sensations))?,
        intensity: args.intensity,
        at: read_flag("--at", &args.at, &when_question(ctx))?,
        duration_s: read_flag("--duration", &args.duration, &duration_question())?.flatten(),
        tags: (!args.tags.is_empty())
            .then(|| tags_of(&args.tags))
            .transpose()?,
        note: args.note.clone().filter(|note| note != "-"),
    })
}

/// A flag's text read as its question reads an answer.
fn read_flag<T>(
    flag: &str,
    text: &Option<String>,
    question: &Question<'_, T>,
) -> Result<Option<T>, CliError> {
    text.as_deref()
        .map(|text| (question.read)(text).map_err(|e| CliError::Usage(format!("{flag}: {e}"))))
        .transpose()
}

/// Where to ask a person at the terminal, when standard input is one:
/// standard error, or the terminal when standard error goes elsewhere.
fn person_at_the_terminal() -> Option<Box<dyn std::io::Write>> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return None;
    }
    crate::runtime::lines::question_screen()
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
    if args.note.as_deref() == Some("-") {
        return format!(
            "log needs {} with --note - (the note takes standard input, so nothing can be asked there)",
            missing.join(", ")
        );
    }
    format!(
        "log needs {} (run `sensemap log` in a terminal to be asked for what is missing, one question at a time)",
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

#[cfg(test)]
mod tests {
    use chrono::{Local, TimeZone};

    use super::*;

    fn answers(note: Option<&str>) -> Answers {
        Answers {
            regions: crate::domain::places::resolve("b37").unwrap(),
            sensation: crate::domain::SensationId::new("burning"),
            intensity: 4,
            at: "2026-11-26T20:10:00+00:00".into(),
            duration_s: Some(900),
            tags: vec!["heat".into()],
            note: note.map(str::to_string),
        }
    }

    fn context() -> Context {
        Context::for_tests(|| Local.with_ymd_and_hms(2026, 11, 26, 20, 10, 0).unwrap())
    }

    #[test]
    fn the_command_names_every_answer_and_the_journal() {
        assert_eq!(
            as_command(&context(), &answers(Some("it's - worse"))),
            "sensemap log --data-dir=/nonexistent/sensemap-data --region=b37 \
             --sensation=burning --intensity=4 --at=2026-11-26T20:10:00+00:00 \
             --duration=15m --tag=heat --note='it'\\''s - worse'"
        );
    }

    #[test]
    fn a_note_of_a_dash_alone_comes_in_on_standard_input() {
        let command = as_command(&context(), &answers(Some("-")));
        assert!(command.starts_with("echo - | sensemap log "), "{command}");
        assert!(command.ends_with(" --note=-"), "{command}");
    }
}
