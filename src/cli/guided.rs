//! `sensemap log` without all its flags, in a terminal: one plain question
//! a line for what the flags did not say, each answer said back in words,
//! a wrong one asked again with the reason.
//!
//! The answers are read by the terminal's own line editing (what a shell
//! does), and every question, answer and reason is a new line: nothing
//! already on the screen is moved or cleared, however the lines wrap, so a
//! screen reader follows it as it would a conversation.

mod questions;

use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};

use super::CliError;
use super::commands::Context;
use crate::domain::{RegionId, SensationCatalogue, SensationId};
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

/// What ends the guided log when the answers run out (Ctrl-D).
const ENDED: &str = "nothing saved: the answers ended before the last question";

/// The questions and answers, a line at a time: answers read from one
/// stream, questions and what is said back written to another.
pub(super) struct Conversation<R, W> {
    /// Where answers come from.
    answers: R,
    /// Where questions, answers said back and reasons go.
    screen: W,
}

impl<R: BufRead, W: Write> Conversation<R, W> {
    /// A conversation reading `answers` and writing to `screen`.
    pub fn new(answers: R, screen: W) -> Self {
        Self { answers, screen }
    }

    /// Says what the flags gave, then asks for everything else in turn.
    pub fn fill(
        &mut self,
        given: Given,
        ctx: &Context,
        sensations: &SensationCatalogue,
    ) -> Result<Answers, CliError> {
        self.say("Log a sensation: answer each question and press Enter.")?;
        self.say("Enter alone takes the answer in [brackets]; Ctrl-C leaves without saving.")?;
        let (place, what, strength) = (
            where_question(),
            what_question(sensations),
            strength_question(),
        );
        let (when, length, tags, note) = (
            when_question(ctx),
            duration_question(),
            tags_question(),
            note_question(),
        );
        // What the flags said first, then the questions for the rest.
        self.take(&given.regions, &place)?;
        self.take(&given.sensation, &what)?;
        self.take(&given.intensity, &strength)?;
        self.take(&given.at, &when)?;
        self.take(&given.duration_s.map(Some), &length)?;
        self.take(&given.tags, &tags)?;
        self.take(&given.note.clone().map(Some), &note)?;
        Ok(Answers {
            regions: self.unless_given(given.regions, &place)?,
            sensation: self.unless_given(given.sensation, &what)?,
            intensity: self.unless_given(given.intensity, &strength)?,
            at: self.unless_given(given.at, &when)?,
            duration_s: self.unless_given(given.duration_s.map(Some), &length)?,
            tags: self.unless_given(given.tags, &tags)?,
            note: self.unless_given(given.note.map(Some), &note)?,
        })
    }

    /// The flag's value, or else the question's answer.
    fn unless_given<T>(
        &mut self,
        given: Option<T>,
        question: &Question<'_, T>,
    ) -> Result<T, CliError> {
        match given {
            Some(value) => Ok(value),
            None => self.ask(question),
        }
    }

    /// Says a flag's value back with what it answers (nothing when the
    /// flag was not given).
    fn take<T>(&mut self, given: &Option<T>, question: &Question<'_, T>) -> Result<(), CliError> {
        match given {
            Some(value) => self.say(&format!(
                "{}: {} (from the flags)",
                question.label,
                (question.say)(value)
            )),
            None => Ok(()),
        }
    }

    /// Asks one question until it has an answer, then says the answer back.
    pub fn ask<T>(&mut self, question: &Question<'_, T>) -> Result<T, CliError> {
        loop {
            let prompt = match question.default.filter(|d| !d.is_empty()) {
                Some(default) => format!("{} [{default}]: ", question.prompt),
                None => format!("{}: ", question.prompt),
            };
            self.write(&prompt)?;
            let Some(line) = self.read_line()? else {
                self.say("")?;
                return Err(CliError::Other(ENDED.into()));
            };
            let line = match String::from_utf8(line) {
                Ok(line) => line,
                Err(_) => {
                    self.say("  Not taken: that was not text (UTF-8).")?;
                    continue;
                }
            };
            let typed = line.trim_end_matches(['\r', '\n']);
            let text = match (typed.trim().is_empty(), question.default) {
                (false, _) => typed,
                (true, Some(default)) => default,
                (true, None) => {
                    self.say("  An answer is needed here (Ctrl-C leaves without saving).")?;
                    continue;
                }
            };
            match (question.read)(text) {
                Ok(value) => {
                    self.say(&format!("  {}", (question.say)(&value)))?;
                    return Ok(value);
                }
                Err(reason) => self.say(&format!("  Not taken: {reason}"))?,
            }
        }
    }

    /// One line as typed, or `None` when the answers have ended.
    fn read_line(&mut self) -> Result<Option<Vec<u8>>, CliError> {
        let mut line = Vec::new();
        let read = self
            .answers
            .read_until(b'\n', &mut line)
            .map_err(|e| CliError::Other(format!("nothing saved: cannot read the answer: {e}")))?;
        Ok((read > 0).then_some(line))
    }

    /// Writes `line` and ends it.
    fn say(&mut self, line: &str) -> Result<(), CliError> {
        self.write(&format!("{line}\n"))
    }

    /// Writes `text` and shows it at once.
    fn write(&mut self, text: &str) -> Result<(), CliError> {
        self.screen
            .write_all(text.as_bytes())
            .and_then(|()| self.screen.flush())
            .map_err(|e| CliError::Other(format!("nothing saved: cannot write the question: {e}")))
    }
}

/// Asks, on the terminal, for what the flags did not give. Ctrl-C while
/// asking leaves at once, saying that nothing was saved; once the answers
/// are all in, it waits for the save.
pub(super) fn ask_in_terminal(
    given: Given,
    ctx: &Context,
    sensations: &SensationCatalogue,
) -> Result<Answers, CliError> {
    let asking = Arc::new(Mutex::new(true));
    let interrupts = leave_on_interrupt(Arc::clone(&asking));
    let stdin = std::io::stdin();
    let answers = Conversation::new(stdin.lock(), std::io::stderr()).fill(given, ctx, sensations);
    // Holding the lock, the interrupt cannot leave mid-save.
    if let Ok(mut asking) = asking.lock() {
        *asking = false;
    }
    if let Some(interrupts) = interrupts {
        interrupts.close();
    }
    answers
}

/// Watches for Ctrl-C on a thread of its own: while `asking`, it says that
/// nothing was saved and ends the process as an interrupt does (130).
fn leave_on_interrupt(asking: Arc<Mutex<bool>>) -> Option<signal_hook::iterator::Handle> {
    let mut signals = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT]).ok()?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        if signals.forever().next().is_some()
            && let Ok(asking) = asking.lock()
            && *asking
        {
            eprintln!("\nsensemap: nothing saved (Ctrl-C)");
            std::process::exit(130);
        }
    });
    Some(handle)
}

#[cfg(test)]
mod tests;
