//! Keeps a terminal's late answer to the background-colour query out of
//! the keys.
//!
//! The app asks the terminal for its background before it starts and waits
//! a little for the answer. Over a slow link the answer can come after the
//! wait, once the app reads keys: crossterm then reads
//! `ESC ] 11 ; rgb:ffff/ffff/ffff ESC \` as Alt+`]`, a run of plain letters
//! and Alt+`\`, which would type into a search or jump between screens.
//! [`LateReplyFilter`] drops such a run.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The most letters an answer to the colour query holds
/// (`11;rgb:ffff/ffff/ffff` is 21); past this the run is someone typing.
const LONGEST_ANSWER: usize = 64;

/// Drops the keys that are really a late answer to an operating-system
/// command query (`ESC ]` … `ESC \` or BEL).
#[derive(Debug, Default)]
pub struct LateReplyFilter {
    /// Letters dropped so far inside an answer; `None` outside one.
    inside: Option<usize>,
}

impl LateReplyFilter {
    /// Whether `event` is meant for the app (`false`: part of an answer).
    pub fn passes(&mut self, event: &Event) -> bool {
        let Event::Key(key) = event else {
            self.inside = None;
            return true;
        };
        match self.inside {
            None if is_answer_start(key) => {
                self.inside = Some(0);
                false
            }
            None => true,
            Some(_) if is_answer_end(key) => {
                self.inside = None;
                false
            }
            Some(letters) if letters < LONGEST_ANSWER && is_answer_letter(key) => {
                self.inside = Some(letters + 1);
                false
            }
            Some(_) => {
                self.inside = None;
                true
            }
        }
    }
}

/// `ESC ]`, as crossterm reads it.
fn is_answer_start(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char(']') && key.modifiers == KeyModifiers::ALT
}

/// `ESC \` (string terminator) or BEL (read as Ctrl+G).
fn is_answer_end(key: &KeyEvent) -> bool {
    (key.code == KeyCode::Char('\\') && key.modifiers == KeyModifiers::ALT)
        || (key.code == KeyCode::Char('g') && key.modifiers == KeyModifiers::CONTROL)
}

/// A letter an answer holds: `11;rgb:ffff/ffff/ffff` and the like.
fn is_answer_letter(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(c) if c.is_ascii_graphic())
        && (key.modifiers - KeyModifiers::SHIFT).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    /// The events crossterm reads from `bytes` typed by a terminal: ESC
    /// makes the next byte Alt, BEL is Ctrl+G, upper case carries Shift.
    fn read_as_crossterm(bytes: &str) -> Vec<Event> {
        let mut events = Vec::new();
        let mut alt = false;
        for c in bytes.chars() {
            match c {
                '\x1b' => alt = true,
                '\x07' => events.push(key(KeyCode::Char('g'), KeyModifiers::CONTROL)),
                c => {
                    let mut modifiers = if alt {
                        KeyModifiers::ALT
                    } else {
                        KeyModifiers::NONE
                    };
                    if c.is_uppercase() {
                        modifiers |= KeyModifiers::SHIFT;
                    }
                    events.push(key(KeyCode::Char(c), modifiers));
                    alt = false;
                }
            }
        }
        events
    }

    fn passed(filter: &mut LateReplyFilter, bytes: &str) -> String {
        read_as_crossterm(bytes)
            .into_iter()
            .filter(|e| filter.passes(e))
            .map(|e| match e {
                Event::Key(KeyEvent {
                    code: KeyCode::Char(c),
                    ..
                }) => c,
                _ => '?',
            })
            .collect()
    }

    #[test]
    fn an_answer_ended_by_string_terminator_is_dropped_and_keys_after_it_pass() {
        let mut filter = LateReplyFilter::default();
        let typed = "ab\x1b]11;rgb:ffff/FFFF/0000\x1b\\q";
        assert_eq!(passed(&mut filter, typed), "abq");
    }

    #[test]
    fn an_answer_ended_by_bel_is_dropped() {
        let mut filter = LateReplyFilter::default();
        assert_eq!(passed(&mut filter, "\x1b]11;rgb:1e1e/1e1e/1e1e\x07x"), "x");
    }

    #[test]
    fn plain_typing_passes_untouched() {
        let mut filter = LateReplyFilter::default();
        let typed = "left sole ]11;rgb \\g";
        assert_eq!(passed(&mut filter, typed), typed);
    }

    #[test]
    fn a_key_that_cannot_be_in_an_answer_ends_the_run_and_passes() {
        let mut filter = LateReplyFilter::default();
        let mut events = read_as_crossterm("\x1b]11");
        events.push(key(KeyCode::Enter, KeyModifiers::NONE));
        events.extend(read_as_crossterm("q"));
        let kept: Vec<bool> = events.iter().map(|e| filter.passes(e)).collect();
        assert_eq!(kept, [false, false, false, true, true]);
    }

    #[test]
    fn a_run_longer_than_any_answer_is_someone_typing() {
        let mut filter = LateReplyFilter::default();
        let long = format!("\x1b]{}", "x".repeat(LONGEST_ANSWER + 3));
        assert_eq!(passed(&mut filter, &long), "xxx");
    }
}
