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

/// The most letters an answer to the colour query holds after `11;`
/// (`rgb:ffff/ffff/ffff` is 18); past this the run is someone typing.
const LONGEST_ANSWER: usize = 64;

/// How an answer to the background query begins, after `ESC ]`.
const ANSWER_PREFIX: [char; 3] = ['1', '1', ';'];

/// Drops the keys that are really a late answer to the background-colour
/// query (`ESC ] 11;` … `ESC \` or BEL). Keys held while it is not yet
/// sure are given back the moment they turn out to be typing.
#[derive(Debug, Default)]
pub struct LateReplyFilter {
    /// Keys held: `ESC ]` and as much of `11;` as followed it.
    held: Vec<Event>,
    /// Letters dropped so far inside an answer; `None` outside one.
    inside: Option<usize>,
}

impl LateReplyFilter {
    /// The events of `event` meant for the app: none while it may be part
    /// of an answer, several when held keys turn out to be typing.
    pub fn pass(&mut self, event: Event) -> Vec<Event> {
        let key = match &event {
            Event::Key(key) => *key,
            _ => return self.release(event),
        };
        if let Some(letters) = self.inside {
            if is_answer_end(&key) {
                self.inside = None;
                return Vec::new();
            }
            if letters < LONGEST_ANSWER && is_answer_letter(&key) {
                self.inside = Some(letters + 1);
                return Vec::new();
            }
            self.inside = None;
            return vec![event];
        }
        if self.held.is_empty() {
            if is_answer_start(&key) {
                self.held.push(event);
                return Vec::new();
            }
            return vec![event];
        }
        let next = ANSWER_PREFIX[self.held.len() - 1];
        if key.code == KeyCode::Char(next) && key.modifiers == KeyModifiers::NONE {
            self.held.push(event);
            if self.held.len() > ANSWER_PREFIX.len() {
                self.held.clear();
                self.inside = Some(0);
            }
            return Vec::new();
        }
        self.release(event)
    }

    /// The held keys, then `event`.
    fn release(&mut self, event: Event) -> Vec<Event> {
        let mut events = std::mem::take(&mut self.held);
        events.push(event);
        events
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

/// A letter an answer holds: `rgb:ffff/ffff/ffff` and the like.
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
            .flat_map(|e| filter.pass(e))
            .map(|e| match e {
                Event::Key(KeyEvent {
                    code: KeyCode::Char(c),
                    modifiers: KeyModifiers::ALT,
                    ..
                }) => format!("M-{c}"),
                Event::Key(KeyEvent {
                    code: KeyCode::Char(c),
                    ..
                }) => c.to_string(),
                _ => "?".to_string(),
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
        let mut kept = Vec::new();
        for event in read_as_crossterm("\x1b]11;rgb") {
            kept.extend(filter.pass(event));
        }
        assert!(kept.is_empty());
        kept.extend(filter.pass(key(KeyCode::Enter, KeyModifiers::NONE)));
        assert_eq!(kept, [key(KeyCode::Enter, KeyModifiers::NONE)]);
    }

    #[test]
    fn keys_held_in_case_they_began_an_answer_are_given_back_in_order() {
        let mut filter = LateReplyFilter::default();
        // Alt+] (a key someone chose) and "1x": not an answer after all.
        assert_eq!(passed(&mut filter, "\x1b]1x"), "M-]1x");
        assert_eq!(passed(&mut filter, "\x1b]"), "");
        assert_eq!(passed(&mut filter, "q"), "M-]q");
    }

    #[test]
    fn a_run_longer_than_any_answer_is_someone_typing() {
        let mut filter = LateReplyFilter::default();
        let long = format!("\x1b]11;{}", "x".repeat(LONGEST_ANSWER + 3));
        assert_eq!(passed(&mut filter, &long), "xxx");
    }
}
