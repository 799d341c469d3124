//! The terminal as lines, for the guided log: answers read one line at a
//! time by the terminal's own line editing, what is already waiting, and
//! Ctrl-C while a person is being asked.

use std::io::{BufRead, IsTerminal, Read, StdinLock, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where typed answers come from.
pub trait LineSource {
    /// The next line as the terminal hands it over: ended by a newline, or
    /// not when Ctrl-D followed some typing; empty when input has ended.
    fn next_line(&mut self) -> std::io::Result<Vec<u8>>;

    /// Whether a whole line is waiting to be read, or comes within `wait`.
    fn line_waiting(&mut self, wait: Duration) -> bool;

    /// Drops whatever is waiting, so nothing typed or pasted reaches the
    /// shell after sensemap ends.
    fn discard_waiting(&mut self);
}

/// Standard input at a terminal, in its line editing: each read takes one
/// line, or what was typed before Ctrl-D.
pub struct TerminalLines(StdinLock<'static>);

impl TerminalLines {
    /// Standard input, which must be a terminal.
    pub fn stdin() -> TerminalLines {
        TerminalLines(std::io::stdin().lock())
    }
}

impl LineSource for TerminalLines {
    fn next_line(&mut self) -> std::io::Result<Vec<u8>> {
        // Longer than any line a terminal's line editing holds (4096).
        let mut line = vec![0; 8192];
        let read = loop {
            match self.0.read(&mut line) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                read => break read?,
            }
        };
        line.truncate(read);
        Ok(line)
    }

    /// In line editing a terminal offers input a whole line at a time, so
    /// a line is waiting exactly when the terminal says input is.
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

/// Where questions go for a person at the terminal: standard error, or
/// the terminal itself when standard error is sent elsewhere (`2>log`);
/// `None` without a terminal.
pub fn question_screen() -> Option<Box<dyn Write>> {
    if std::io::stderr().is_terminal() {
        return Some(Box::new(std::io::stderr()));
    }
    let tty = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/tty")
        .ok()?;
    Some(Box::new(tty))
}

/// Lines from memory, for tests: every line is waiting at once, and a
/// last line without a newline is Ctrl-D after some typing.
impl LineSource for std::io::Cursor<Vec<u8>> {
    fn next_line(&mut self) -> std::io::Result<Vec<u8>> {
        let mut line = Vec::new();
        self.read_until(b'\n', &mut line)?;
        Ok(line)
    }

    fn line_waiting(&mut self, _wait: Duration) -> bool {
        let at = usize::try_from(self.position()).unwrap_or(usize::MAX);
        self.get_ref()
            .get(at..)
            .is_some_and(|rest| rest.contains(&b'\n'))
    }

    fn discard_waiting(&mut self) {
        let end = self.get_ref().len() as u64;
        self.set_position(end);
    }
}

/// A borrowed source, so its owner can look at what is left afterwards.
impl<S: LineSource + ?Sized> LineSource for &mut S {
    fn next_line(&mut self) -> std::io::Result<Vec<u8>> {
        (**self).next_line()
    }

    fn line_waiting(&mut self, wait: Duration) -> bool {
        (**self).line_waiting(wait)
    }

    fn discard_waiting(&mut self) {
        (**self).discard_waiting();
    }
}

/// While it lives, Ctrl-C says that nothing was saved and ends sensemap as
/// an interrupt does (so a shell loop around it stops too). Once
/// [`InterruptGuard::done`] is called, Ctrl-C waits for what follows (a
/// save) to finish.
pub struct InterruptGuard {
    /// Whether the person is still being asked.
    asking: Arc<Mutex<bool>>,
    /// Stops the watching thread.
    handle: Option<signal_hook::iterator::Handle>,
}

impl InterruptGuard {
    /// Watches for Ctrl-C on a thread of its own.
    pub fn watch() -> InterruptGuard {
        let asking = Arc::new(Mutex::new(true));
        let handle = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT])
            .ok()
            .map(|mut signals| {
                let handle = signals.handle();
                let asking = Arc::clone(&asking);
                std::thread::spawn(move || {
                    if signals.forever().next().is_some()
                        && let Ok(asking) = asking.lock()
                        && *asking
                    {
                        eprintln!("\nsensemap: nothing saved (Ctrl-C)");
                        let _ = signal_hook::low_level::emulate_default_handler(
                            signal_hook::consts::SIGINT,
                        );
                        std::process::exit(130);
                    }
                });
                handle
            });
        InterruptGuard { asking, handle }
    }

    /// The asking is over: Ctrl-C no longer leaves before what follows.
    pub fn done(mut self) {
        // Holding the lock, the interrupt cannot leave mid-save.
        if let Ok(mut asking) = self.asking.lock() {
            *asking = false;
        }
        if let Some(handle) = self.handle.take() {
            handle.close();
        }
    }
}
