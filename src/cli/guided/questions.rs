//! The guided log's questions: what each asks, what `Enter` alone
//! answers, how an answer is read, and how it is said back in words.

use chrono::{DateTime, FixedOffset};

use super::super::commands::Context;
use crate::domain::when::{check_felt, parse_duration};
use crate::domain::{RegionId, SensationCatalogue, SensationId, places, split_tags};

/// Reads an answer, or says what is wrong with it.
pub(in crate::cli) type Reader<'a, T> = Box<dyn Fn(&str) -> Result<T, String> + 'a>;

/// Says a value back in words.
pub(in crate::cli) type Sayer<'a, T> = Box<dyn Fn(&T) -> String + 'a>;

/// One question: what is asked, what `Enter` alone answers, how an answer
/// is read, and how it is said back.
pub(in crate::cli) struct Question<'a, T> {
    /// What the answer is, in a word or two ("Where").
    pub label: &'static str,
    /// The question, with examples.
    pub prompt: &'static str,
    /// What `Enter` alone answers; `None` when an answer is needed.
    pub default: Option<&'static str>,
    /// Whether the lines of a paste that come with the answer belong to it.
    pub multiline: bool,
    /// Reads an answer, or says what is wrong with it.
    pub read: Reader<'a, T>,
    /// Says a value back in words.
    pub say: Sayer<'a, T>,
}

/// How much of a note's first line is said back.
const NOTE_SAID_BACK: usize = 60;

/// A length in words, as a screen reader reads it well: "1 hour 30
/// minutes", never "1h30m".
fn duration_in_words(seconds: u64) -> String {
    let parts = [
        (seconds / 86_400, "day"),
        (seconds / 3600 % 24, "hour"),
        (seconds / 60 % 60, "minute"),
        (seconds % 60, "second"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if words.is_empty() {
        "0 seconds".into()
    } else {
        words.join(" ")
    }
}

/// Where: the place matcher, said back with each region's key and figure.
pub(in crate::cli) fn where_question<'a>() -> Question<'a, Vec<RegionId>> {
    Question {
        label: "Where",
        prompt: "Where? (for example: left sole, both feet, r palm, b37)",
        default: None,
        multiline: false,
        read: Box::new(|text| places::resolve_list(text).map_err(|e| e.to_string())),
        say: Box::new(|regions| {
            regions
                .iter()
                .map(|r| {
                    let region = r.region();
                    format!("{}, {}", region.label(), region.view.as_str())
                })
                .collect::<Vec<_>>()
                .join("; ")
        }),
    }
}

/// What: the sensation matcher, said back with its class.
pub(in crate::cli) fn what_question(sensations: &SensationCatalogue) -> Question<'_, SensationId> {
    Question {
        label: "What",
        prompt: "What did it feel like? (for example: tingling, burning, numbness)",
        default: None,
        multiline: false,
        read: Box::new(move |text| sensations.lookup(text).map_err(|e| e.to_string())),
        say: Box::new(move |id| {
            let name = sensations.name_of(id).to_string();
            match sensations.class_of(id) {
                Some(class) => format!("{name} ({class})"),
                None => name,
            }
        }),
    }
}

/// How strong, 0-10.
pub(in crate::cli) fn strength_question<'a>() -> Question<'a, u8> {
    Question {
        label: "How strong",
        prompt: "How strong? (0 for none, 10 for the worst imaginable)",
        default: None,
        multiline: false,
        read: Box::new(super::super::args::parse_intensity),
        say: Box::new(|n| format!("{n} out of 10")),
    }
}

/// When, read as `--at` reads it (default now) at the moment it is
/// answered, kept as that exact time and said back as a date.
pub(in crate::cli) fn when_question(ctx: &Context) -> Question<'_, String> {
    Question {
        label: "When",
        prompt: "When? (for example: now, 2h ago, yesterday 21:00)",
        default: Some("now"),
        multiline: false,
        read: Box::new(move |text| {
            let now = (ctx.clock)();
            let at: DateTime<FixedOffset> = ctx.read_time_as_of(text, now)?;
            check_felt(text, at, now.fixed_offset()).map_err(|e| e.to_string())?;
            Ok(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
        }),
        say: Box::new(|at| match DateTime::parse_from_rfc3339(at) {
            Ok(at) => at.format("%A %-d %B %Y, %H:%M").to_string(),
            Err(_) => at.clone(),
        }),
    }
}

/// How long (optional).
pub(in crate::cli) fn duration_question<'a>() -> Question<'a, Option<u64>> {
    Question {
        label: "How long",
        prompt: "How long did it last? (for example: 15m, 2h30m; Enter if you do not know)",
        default: Some(""),
        multiline: false,
        read: Box::new(|text| match text.trim() {
            "" => Ok(None),
            text => parse_duration(text).map(Some).map_err(|e| e.to_string()),
        }),
        say: Box::new(|seconds| match seconds {
            None => "no length noted".into(),
            Some(seconds) => format!("lasted {}", duration_in_words(*seconds)),
        }),
    }
}

/// Tags (optional).
pub(in crate::cli) fn tags_question<'a>() -> Question<'a, Vec<String>> {
    Question {
        label: "Tags",
        prompt: "Tags? (words such as heat fatigue stress; Enter for none)",
        default: Some(""),
        multiline: false,
        read: Box::new(|text| Ok(split_tags([text]))),
        say: Box::new(|tags| {
            if tags.is_empty() {
                "no tags".to_string()
            } else {
                tags.iter()
                    .map(|t| format!("#{t}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        }),
    }
}

/// A note (optional).
pub(in crate::cli) fn note_question<'a>() -> Question<'a, Option<String>> {
    Question {
        label: "Note",
        prompt: "A note? (Enter for none)",
        default: Some(""),
        multiline: true,
        read: Box::new(|text| match text.trim() {
            "" => Ok(None),
            note => Ok(Some(note.to_string())),
        }),
        say: Box::new(|note| {
            let Some(note) = note else {
                return "no note".into();
            };
            let first = note.lines().next().unwrap_or_default();
            let shown: String = first.chars().take(NOTE_SAID_BACK).collect();
            let cut = if shown.len() < first.len() { "…" } else { "" };
            match note.lines().count() {
                0 | 1 => format!("note kept: \"{shown}{cut}\""),
                lines => format!("note kept ({lines} lines): \"{shown}{cut}\" …"),
            }
        }),
    }
}
