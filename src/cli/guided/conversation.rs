//! The guided log's questions and answers, a line at a time: each question
//! written, each answer read as the terminal's line editing gives it, said
//! back in words or asked again with the reason, and never a line cleared.

use std::io::Write;
use std::time::Duration;

use super::{Answers, Given, Question};
use super::{duration_question, note_question, strength_question, tags_question};
use super::{what_question, when_question, where_question};
use crate::cli::CliError;
use crate::cli::commands::Context;
use crate::domain::SensationCatalogue;
use crate::runtime::lines::LineSource;

/// What ends the guided log when the answers run out (Ctrl-D).
const ENDED: &str = "nothing saved: the answers ended (Ctrl-D) before the last question";

/// The longest line a terminal takes in its line editing (Linux keeps 4095
/// characters and drops the rest).
const TERMINAL_LINE_LIMIT: usize = 4095;

/// How long the last answer waits for the rest of a paste: a paste's
/// lines come together, even over a slow link far faster than anyone
/// types a new line after Enter.
const PASTE_GAP: Duration = Duration::from_millis(250);

/// The questions and answers: answers read from one stream, questions and
/// what is said back written to another.
pub(in crate::cli) struct Conversation<R, W> {
    /// Where answers come from.
    answers: R,
    /// Where questions, answers said back and reasons go.
    screen: W,
}

impl<R: LineSource, W: Write> Conversation<R, W> {
    /// A conversation reading `answers` and writing to `screen`.
    pub fn new(answers: R, screen: W) -> Self {
        Self { answers, screen }
    }

    /// Says what the flags gave, then asks for everything else in turn;
    /// what was pasted beyond the last answer is said and dropped.
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
        let answers = Answers {
            regions: self.unless_given(given.regions, &place)?,
            sensation: self.unless_given(given.sensation, &what)?,
            intensity: self.unless_given(given.intensity, &strength)?,
            at: self.unless_given(given.at, &when)?,
            duration_s: self.unless_given(given.duration_s.map(Some), &length)?,
            tags: self.unless_given(given.tags, &tags)?,
            note: self.unless_given(given.note.map(Some), &note)?,
        };
        self.drop_the_rest()?;
        Ok(answers)
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
            let mut typed = match self.read_answer()? {
                Ok(typed) => typed,
                Err(reason) => {
                    self.say(&format!("  Not taken: {reason}"))?;
                    self.drop_typed_ahead()?;
                    continue;
                }
            };
            // Enter alone is no note; what is pasted after it is dropped.
            if question.multiline && !typed.trim().is_empty() {
                typed = self.with_pasted_lines(typed)?;
            }
            let text = match (typed.trim().is_empty(), question.default) {
                (false, _) => typed.as_str(),
                (true, Some(default)) => default,
                (true, None) => {
                    self.say("  An answer is needed here (Ctrl-C leaves without saving).")?;
                    self.drop_typed_ahead()?;
                    continue;
                }
            };
            match (question.read)(text) {
                Ok(value) => {
                    self.say(&format!("  {}", (question.say)(&value)))?;
                    if typed
                        .lines()
                        .any(|line| line.len() + 1 >= TERMINAL_LINE_LIMIT)
                    {
                        self.say(
                            "  (A terminal takes about 4,000 characters on one line, so the end \
                             may be cut; for a longer note use --note - < file, or edit the \
                             entry in the app.)",
                        )?;
                    }
                    return Ok(value);
                }
                Err(reason) => {
                    self.say(&format!("  Not taken: {reason}"))?;
                    self.drop_typed_ahead()?;
                }
            }
        }
    }

    /// After an answer that was not taken, drops the lines typed or pasted
    /// after it, which were meant for the questions after this one.
    fn drop_typed_ahead(&mut self) -> Result<(), CliError> {
        let dropped = self.drop_waiting(Duration::ZERO)?;
        match dropped {
            0 => Ok(()),
            1 => self.say("  (The line typed after it was dropped; answer from here.)"),
            n => self.say(&format!(
                "  (The {n} lines typed after it were dropped, so none lands on the wrong \
                 question; answer from here.)"
            )),
        }
    }

    /// Reads and drops every whole line waiting now or within `wait`, and
    /// the pieces of a paste that follow it (each within [`PASTE_GAP`] of
    /// the one before), then anything half typed; says how many lines.
    fn drop_waiting(&mut self, wait: Duration) -> Result<usize, CliError> {
        let mut dropped = 0;
        while self
            .answers
            .line_waiting(if dropped == 0 { wait } else { PASTE_GAP })
        {
            if self.read_line()?.is_none() {
                break;
            }
            dropped += 1;
        }
        self.answers.discard_waiting();
        Ok(dropped)
    }

    /// `first`, and the lines of a paste that came with it.
    fn with_pasted_lines(&mut self, first: String) -> Result<String, CliError> {
        let mut text = first;
        while self.answers.line_waiting(PASTE_GAP) {
            match self.read_answer()? {
                Ok(line) => {
                    text.push('\n');
                    text.push_str(&line);
                }
                Err(reason) => self.say(&format!("  A pasted line was not taken: {reason}"))?,
            }
        }
        Ok(text)
    }

    /// Says how many lines were pasted beyond the last answer, and drops
    /// them and anything half typed, so none reaches the shell.
    fn drop_the_rest(&mut self) -> Result<(), CliError> {
        match self.drop_waiting(PASTE_GAP)? {
            0 => Ok(()),
            1 => self.say("  (One more pasted line was not used.)"),
            n => self.say(&format!("  ({n} more pasted lines were not used.)")),
        }
    }

    /// One answer as typed, or why it cannot be taken; the answers ending
    /// (Ctrl-D, even after some typing) leaves with nothing saved.
    fn read_answer(&mut self) -> Result<Result<String, String>, CliError> {
        let Some(line) = self.read_line()? else {
            self.say("")?;
            return Err(CliError::Other(ENDED.into()));
        };
        let Some(line) = line.strip_suffix(b"\n") else {
            // Ctrl-D after some typing hands over the line unended.
            self.say("")?;
            return Err(CliError::Other(ENDED.into()));
        };
        let Ok(line) = String::from_utf8(line.to_vec()) else {
            return Ok(Err("that was not text (UTF-8).".into()));
        };
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if line.chars().any(|c| c.is_control() && c != '\t') {
            return Ok(Err("the arrow keys and other special keys do not work \
                 here, only typing and Backspace; type the answer again."
                .into()));
        }
        Ok(Ok(line.replace('\t', " ")))
    }

    /// One line as read, or `None` when the answers have ended.
    fn read_line(&mut self) -> Result<Option<Vec<u8>>, CliError> {
        let line = self
            .answers
            .next_line()
            .map_err(|e| CliError::Other(format!("nothing saved: cannot read the answer: {e}")))?;
        Ok((!line.is_empty()).then_some(line))
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
