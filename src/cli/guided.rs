//! `sensemap log` without all its flags, in a terminal: one plain question
//! a line for what the flags did not say, each answer said back in words,
//! a wrong one asked again with the reason.
//!
//! The answers are read by the terminal's own line editing (what a shell
//! does), and every question, answer and reason is a new line: nothing
//! already on the screen is moved or cleared, however the lines wrap, so a
//! screen reader follows it as it would a conversation.

mod conversation;
mod questions;

use super::CliError;
use super::commands::Context;
use crate::domain::{RegionId, SensationCatalogue, SensationId};
use crate::runtime::lines::{InterruptGuard, TerminalLines};
pub(super) use conversation::Conversation;
pub(super) use questions::*;

/// What the log gathers: a `log` command's flags, read.
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

/// What the flags said, each already read and checked; `None` (or empty)
/// where a flag was not given, which the guided log then asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Given {
    /// `--region`.
    pub regions: Option<Vec<RegionId>>,
    /// `--sensation`.
    pub sensation: Option<SensationId>,
    /// `--intensity`.
    pub intensity: Option<u8>,
    /// `--at`.
    pub at: Option<String>,
    /// `--duration`.
    pub duration_s: Option<u64>,
    /// `--tag`.
    pub tags: Option<Vec<String>>,
    /// `--note`.
    pub note: Option<String>,
}

impl Given {
    /// The answers, when the flags gave everything a log needs (the rest
    /// takes its default: now, no length, no tags, no note).
    pub fn complete(&self) -> Option<Answers> {
        match (&self.regions, self.sensation, self.intensity) {
            (Some(regions), Some(sensation), Some(intensity)) => Some(Answers {
                regions: regions.clone(),
                sensation,
                intensity,
                at: self.at.clone().unwrap_or_else(|| "now".into()),
                duration_s: self.duration_s,
                tags: self.tags.clone().unwrap_or_default(),
                note: self.note.clone(),
            }),
            _ => None,
        }
    }
}

/// Asks, on the terminal, for what the flags did not give. Ctrl-C while
/// asking leaves at once, saying that nothing was saved; once the answers
/// are all in, it waits for the save.
pub(super) fn ask_in_terminal(
    screen: Box<dyn std::io::Write>,
    given: Given,
    ctx: &Context,
    sensations: &SensationCatalogue,
) -> Result<Answers, CliError> {
    let interrupts = InterruptGuard::watch();
    let answers = Conversation::new(TerminalLines::stdin(), screen).fill(given, ctx, sensations);
    interrupts.done();
    answers
}

#[cfg(test)]
mod tests;
