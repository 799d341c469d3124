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

use std::io::{BufRead, Read, StdinLock};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::CliError;
use super::commands::Context;
use crate::domain::{RegionId, SensationCatalogue, SensationId};
pub(super) use conversation::{Conversation, LineSource};
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
    given: Given,
    ctx: &Context,
    sensations: &SensationCatalogue,
) -> Result<Answers, CliError> {
    let asking = Arc::new(Mutex::new(true));
    let interrupts = leave_on_interrupt(Arc::clone(&asking));
    let input = TerminalInput(std::io::stdin().lock());
    let answers = Conversation::new(input, std::io::stderr()).fill(given, ctx, sensations);
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

/// Standard input at a terminal, read a line at a time by the terminal's
/// own line editing.
struct TerminalInput(StdinLock<'static>);

impl Read for TerminalInput {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl BufRead for TerminalInput {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.0.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.0.consume(amount);
    }
}

impl LineSource for TerminalInput {
    /// In line editing a terminal offers input only a whole line at a time,
    /// and each read takes one line, so a line is waiting exactly when the
    /// terminal says input is.
    fn line_waiting(&mut self, wait: Duration) -> bool {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let timeout = Timespec {
            tv_sec: i64::try_from(wait.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(wait.subsec_nanos()),
        };
        let mut fds = [PollFd::new(&self.0, PollFlags::IN)];
        poll(&mut fds, Some(&timeout)).is_ok_and(|ready| ready > 0)
    }

    fn discard_waiting(&mut self) {
        let _ = rustix::termios::tcflush(&self.0, rustix::termios::QueueSelector::IFlush);
    }
}

#[cfg(test)]
mod tests;
