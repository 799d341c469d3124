//! `sensemap log` without its flags, in a terminal: one plain question a
//! line, each answer said back in words, a wrong one asked again with the
//! reason. Nothing moves on the screen but the line being typed, so a
//! screen reader follows it as it would a conversation.

use chrono::{DateTime, FixedOffset};
use dialoguer::Input;
use dialoguer::console::Term;
use dialoguer::theme::SimpleTheme;

use super::CliError;
use super::commands::Context;
use crate::domain::when::{check_felt, format_duration, parse_duration};
use crate::domain::{RegionId, SensationCatalogue, SensationId, places, split_tags};

/// How a question reads an answer: the value and what it is said back
/// as, or what is wrong with it.
pub(super) type Reader<'a, T> = Box<dyn Fn(&str) -> Result<(T, String), String> + 'a>;

/// One question: what is asked, what `Enter` alone answers, and how an
/// answer is read (the value, and what it is said back as).
pub(super) struct Question<'a, T> {
    /// The question, with examples.
    pub prompt: &'a str,
    /// What `Enter` alone answers; `None` when an answer is needed.
    pub default: Option<&'a str>,
    /// Reads an answer, or says what is wrong with it.
    pub read: Reader<'a, T>,
}

/// What the questions gather: a `log` command's flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Answers {
    /// Where.
    pub regions: Vec<RegionId>,
    /// What.
    pub sensation: SensationId,
    /// How strong, 0-10.
    pub intensity: u8,
    /// When, as typed (read again when saving).
    pub at: String,
    /// How long, in seconds.
    pub duration_s: Option<u64>,
    /// Free words.
    pub tags: Vec<String>,
    /// A note.
    pub note: Option<String>,
}

/// Where: the place matcher, said back with each region's key and figure.
pub(super) fn where_question<'a>() -> Question<'a, Vec<RegionId>> {
    Question {
        prompt: "Where? (for example: left sole, both feet, r palm, b37)",
        default: None,
        read: Box::new(|text| {
            let regions = places::resolve_list(text).map_err(|e| e.to_string())?;
            let said = regions
                .iter()
                .map(|r| {
                    let region = r.region();
                    format!("{}, {}", region.label(), region.view.as_str())
                })
                .collect::<Vec<_>>()
                .join("; ");
            Ok((regions, said))
        }),
    }
}

/// What: the sensation matcher, said back with its class.
pub(super) fn what_question(sensations: &SensationCatalogue) -> Question<'_, SensationId> {
    Question {
        prompt: "What did it feel like? (for example: tingling, burning, numbness)",
        default: None,
        read: Box::new(move |text| {
            let id = sensations.lookup(text).map_err(|e| e.to_string())?;
            let name = sensations.name_of(&id).to_string();
            let said = match sensations.class_of(&id) {
                Some(class) => format!("{name} ({class})"),
                None => name,
            };
            Ok((id, said))
        }),
    }
}

/// How strong, 0-10.
pub(super) fn strength_question<'a>() -> Question<'a, u8> {
    Question {
        prompt: "How strong, from 0 (none) to 10 (worst imaginable)?",
        default: None,
        read: Box::new(|text| {
            let n = super::args::parse_intensity(text)?;
            Ok((n, format!("{n} out of 10")))
        }),
    }
}

/// When, read as `--at` reads it (default now), said back as a date.
pub(super) fn when_question(ctx: &Context) -> Question<'_, String> {
    Question {
        prompt: "When? (for example: now, 2h ago, yesterday 21:00)",
        default: Some("now"),
        read: Box::new(move |text| {
            let at: DateTime<FixedOffset> = ctx.when("when", text).map_err(|e| e.to_string())?;
            check_felt(text, at, ctx.now.fixed_offset()).map_err(|e| e.to_string())?;
            Ok((
                text.to_string(),
                at.format("%A %-d %B %Y, %H:%M").to_string(),
            ))
        }),
    }
}

/// How long (optional).
pub(super) fn duration_question<'a>() -> Question<'a, Option<u64>> {
    Question {
        prompt: "How long did it last? (for example: 15m, 2h30m; Enter if you do not know)",
        default: Some(""),
        read: Box::new(|text| match text.trim() {
            "" => Ok((None, "no length noted".into())),
            text => {
                let seconds = parse_duration(text).map_err(|e| e.to_string())?;
                Ok((
                    Some(seconds),
                    format!("lasted {}", format_duration(seconds)),
                ))
            }
        }),
    }
}

/// Tags (optional).
pub(super) fn tags_question<'a>() -> Question<'a, Vec<String>> {
    Question {
        prompt: "Tags? (words such as heat fatigue stress; Enter for none)",
        default: Some(""),
        read: Box::new(|text| {
            let tags = split_tags([text]);
            let said = if tags.is_empty() {
                "no tags".to_string()
            } else {
                tags.iter()
                    .map(|t| format!("#{t}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            Ok((tags, said))
        }),
    }
}

/// A note (optional).
pub(super) fn note_question<'a>() -> Question<'a, Option<String>> {
    Question {
        prompt: "A note? (Enter for none)",
        default: Some(""),
        read: Box::new(|text| match text.trim() {
            "" => Ok((None, "no note".into())),
            note => Ok((Some(note.to_string()), "note kept".into())),
        }),
    }
}

/// Asks every question on the terminal, in turn.
pub(super) fn ask_all(ctx: &Context, sensations: &SensationCatalogue) -> Result<Answers, CliError> {
    let term = Term::stderr();
    let _ = term.write_line("Log a sensation. Enter takes the answer in brackets.");
    Ok(Answers {
        regions: ask(&term, &where_question())?,
        sensation: ask(&term, &what_question(sensations))?,
        intensity: ask(&term, &strength_question())?,
        at: ask(&term, &when_question(ctx))?,
        duration_s: ask(&term, &duration_question())?,
        tags: ask(&term, &tags_question())?,
        note: ask(&term, &note_question())?,
    })
}

/// Asks one question until it has an answer, then says the answer back.
fn ask<T>(term: &Term, question: &Question<'_, T>) -> Result<T, CliError> {
    let theme = SimpleTheme;
    let mut input = Input::<String>::with_theme(&theme)
        .with_prompt(question.prompt)
        .allow_empty(question.default.is_some())
        .validate_with(|text: &String| (question.read)(text).map(|_| ()));
    if let Some(default) = question.default.filter(|d| !d.is_empty()) {
        input = input.default(default.to_string());
    }
    let text = input
        .interact_text_on(term)
        .map_err(|e| CliError::Other(format!("nothing saved: {e}")))?;
    let (value, said) = (question.read)(&text).map_err(CliError::Usage)?;
    let _ = term.write_line(&format!("  {said}"));
    Ok(value)
}

#[cfg(test)]
mod tests;
