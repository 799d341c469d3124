//! The keymap in use: the built-in one, with the keys a person chose in
//! `config.ron` (people with a tremor or using one hand need this). The
//! same keymap feeds dispatch, the footers and help, so they always agree.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, Context, Intent, KEYMAP, matches, resolve};

/// One binding as in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    /// Where it applies.
    pub context: Context,
    keys: Vec<(KeyCode, KeyModifiers)>,
    /// How the keys are written in hints and help.
    pub keys_label: String,
    /// What it does, in a few words.
    pub description: &'static str,
    /// The footer's word for it; `None` keeps it out of the footer.
    pub hint: Option<&'static str>,
    intent: Intent,
}

impl Bound {
    /// Whether this is a line-editing key, the same in every text field
    /// (help lists those once).
    pub fn edits_text(&self) -> bool {
        self.intent == Intent::LineEdit
    }
}

/// A `keys` setting that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("keys in config.ron: {0}")]
pub struct KeymapError(String);

/// Every binding in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Bound>,
}

/// The name a command has in `config.ron`, for those that can be given
/// other keys (moving, typing and screen numbers keep theirs).
fn name_of(intent: Intent) -> Option<&'static str> {
    Some(match intent {
        Intent::Quit => "quit",
        Intent::Help => "help",
        Intent::Flip => "flip",
        Intent::Style => "map_style",
        Intent::Search => "find",
        Intent::Select => "select",
        Intent::Log => "log",
        Intent::ClearSelection => "clear_selection",
        Intent::Window => "window",
        Intent::Filter => "filter",
        Intent::Metric => "metric",
        Intent::NextField => "next_field",
        Intent::PrevField => "previous_field",
        Intent::Save => "save",
        Intent::Yes => "yes",
        Intent::No => "no",
        Intent::Jump => "go_to_date",
        Intent::ClearFilter => "clear_filter",
        Intent::DeleteEntry => "delete",
        Intent::Undo => "undo",
        Intent::Redo => "redo",
        Intent::TimelineHere => "timeline",
        Intent::PickOnMap => "pick_on_map",
        Intent::StartCourse => "start_course",
        Intent::Apply => "apply",
        Intent::Dose => "dose",
        Intent::Stop => "stop",
        Intent::MergeCopies => "merge_copies",
        Intent::Screen
        | Intent::Move
        | Intent::Submit
        | Intent::Cancel
        | Intent::Page
        | Intent::Edit
        | Intent::LineEdit => return None,
    })
}

/// Reads a key as written: `f`, `F`, `?`, `Space`, `Enter`, `Esc`, `Tab`,
/// `Backspace`, `Delete`, `Home`, `End`, `PageUp`, `PageDown`, arrows as
/// `Up` `Down` `Left` `Right`, `F1`-`F12`, each optionally after `Ctrl+`
/// and/or `Alt+`.
fn parse_key(text: &str) -> Result<(KeyCode, KeyModifiers), String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_lowercase();
        if let Some(after) = lower.strip_prefix("ctrl+") {
            modifiers |= KeyModifiers::CONTROL;
            rest = &rest[rest.len() - after.len()..];
        } else if let Some(after) = lower.strip_prefix("alt+") {
            modifiers |= KeyModifiers::ALT;
            rest = &rest[rest.len() - after.len()..];
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(if modifiers.is_empty() {
            c
        } else {
            c.to_ascii_lowercase()
        }),
        _ => match rest.to_lowercase().as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            f if f.starts_with('f') => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(format!("'{text}' is not a key")),
            },
            _ => return Err(format!("'{text}' is not a key")),
        },
    };
    Ok((code, modifiers))
}

/// A context in words, for messages.
fn place(context: Context) -> &'static str {
    match context {
        Context::BodyMap => "the body map",
        Context::Timeline => "the timeline",
        Context::Charts => "the charts",
        Context::Treatments => "the treatments screen",
        Context::Prompt => "a question box",
        Context::Form => "the log form",
        Context::TreatmentForm => "the treatment form",
        Context::Picker => "a list",
        Context::Confirm => "a yes/no question",
        Context::Help => "help",
        Context::PickWhere => "the map while picking regions",
    }
}

impl Keymap {
    /// The built-in keymap, built once.
    pub fn standard() -> Arc<Keymap> {
        static STANDARD: OnceLock<Arc<Keymap>> = OnceLock::new();
        Arc::clone(STANDARD.get_or_init(|| {
            Arc::new(Keymap {
                bindings: KEYMAP
                    .iter()
                    .map(|b| Bound {
                        context: b.context,
                        keys: b.keys.to_vec(),
                        keys_label: b.keys_label.to_string(),
                        description: b.description,
                        hint: b.hint,
                        intent: b.intent,
                    })
                    .collect(),
            })
        }))
    }

    /// The built-in keymap with the commands in `keys` given those keys
    /// instead, everywhere they are bound. Unknown commands, keys that are
    /// not keys, a key meaning two things in one place, and a plain letter
    /// where text is typed are refused with the reason.
    pub fn remapped(keys: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeymapError> {
        let mut keymap = (*Keymap::standard()).clone();
        let names: Vec<&str> = keymap
            .bindings
            .iter()
            .filter_map(|b| name_of(b.intent))
            .collect();
        for (name, written) in keys {
            if !names.contains(&name.as_str()) {
                let mut known = names.clone();
                known.sort_unstable();
                known.dedup();
                return Err(KeymapError(format!(
                    "no command '{name}'; these can be given keys: {}",
                    known.join(", ")
                )));
            }
            if written.is_empty() {
                return Err(KeymapError(format!("{name} needs at least one key")));
            }
            let parsed = written
                .iter()
                .map(|k| parse_key(k))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| KeymapError(format!("{name}: {e}")))?;
            let mut given = false;
            for binding in keymap
                .bindings
                .iter_mut()
                .filter(|b| name_of(b.intent) == Some(name.as_str()))
            {
                // Where text is typed a plain letter stays text: there the
                // command keeps its own keys unless a Ctrl or Alt one is given.
                let texty = matches!(
                    binding.context,
                    Context::Form | Context::TreatmentForm | Context::Picker | Context::Prompt
                );
                let usable: Vec<_> = parsed
                    .iter()
                    .copied()
                    .filter(|(code, m)| {
                        !texty
                            || !matches!(code, KeyCode::Char(_))
                            || m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    })
                    .collect();
                if usable.is_empty() {
                    continue;
                }
                given = true;
                binding.keys_label = usable
                    .iter()
                    .map(|k| label_of(*k))
                    .collect::<Vec<_>>()
                    .join(" ");
                binding.keys = usable;
            }
            if !given {
                let key = parsed.first().map_or_else(String::new, |k| label_of(*k));
                return Err(KeymapError(format!(
                    "{name} cannot be '{key}': where it is used that key types text; use Ctrl+ or Alt+"
                )));
            }
        }
        keymap.check()?;
        Ok(keymap)
    }

    /// No key means two things in one place.
    fn check(&self) -> Result<(), KeymapError> {
        for (i, a) in self.bindings.iter().enumerate() {
            for b in self
                .bindings
                .iter()
                .skip(i + 1)
                .filter(|b| b.context == a.context)
            {
                for key in &a.keys {
                    let event = KeyEvent::new(key.0, key.1);
                    if b.keys.iter().any(|k| matches(*k, &event)) {
                        return Err(KeymapError(format!(
                            "'{}' would both {} and {} on {}",
                            label_of(*key),
                            a.description,
                            b.description,
                            place(a.context)
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// The action a key means in a context. Keys bound nowhere become typed
    /// characters where text can be typed.
    pub fn action_for(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let bound = self
            .bindings
            .iter()
            .filter(|b| b.context == context)
            .find(|b| b.keys.iter().any(|k| matches(*k, event)));
        match bound {
            Some(binding) => resolve(binding.intent, event),
            None => match (context, event.code) {
                (
                    Context::Form | Context::TreatmentForm | Context::Picker | Context::Prompt,
                    KeyCode::Char(c),
                ) if !event
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::Input(c))
                }
                _ => None,
            },
        }
    }

    /// The bindings of a context, for hints and help.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = &Bound> {
        self.bindings.iter().filter(move |b| b.context == context)
    }
}

/// A key as people write it.
fn label_of((code, modifiers): (KeyCode, KeyModifiers)) -> String {
    let mut label = String::new();
    if modifiers.contains(KeyModifiers::CONTROL) {
        label.push_str("Ctrl+");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        label.push_str("Alt+");
    }
    match code {
        KeyCode::Char(' ') => label.push_str("Space"),
        KeyCode::Char(c) => label.push(c),
        KeyCode::F(n) => label.push_str(&format!("F{n}")),
        other => label.push_str(&format!("{other:?}")),
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn a_command_gets_the_keys_chosen_everywhere_it_is_bound() {
        let keymap = Keymap::remapped(&keys(&[("flip", &["F2", "b"]), ("undo", &["z"])])).unwrap();
        let body = |code| keymap.action_for(Context::BodyMap, &press(code, KeyModifiers::NONE));
        assert_eq!(body(KeyCode::F(2)), Some(Action::Flip));
        assert_eq!(body(KeyCode::Char('b')), Some(Action::Flip));
        assert_eq!(body(KeyCode::Char('f')), None, "the old key is free");
        assert_eq!(body(KeyCode::Char('z')), Some(Action::Undo));
        let timeline = keymap.action_for(
            Context::Timeline,
            &press(KeyCode::Char('z'), KeyModifiers::NONE),
        );
        assert_eq!(timeline, Some(Action::Undo));
        let flip = keymap
            .bindings(Context::BodyMap)
            .find(|b| b.description.contains("flip"))
            .unwrap();
        assert_eq!(
            flip.keys_label, "F2 b",
            "help and footers show the keys in use"
        );
    }

    #[test]
    fn ctrl_keys_and_names_are_read() {
        assert_eq!(
            parse_key("Ctrl+S"),
            Ok((KeyCode::Char('s'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            parse_key("alt+f"),
            Ok((KeyCode::Char('f'), KeyModifiers::ALT))
        );
        assert_eq!(
            parse_key("Space"),
            Ok((KeyCode::Char(' '), KeyModifiers::NONE))
        );
        assert_eq!(
            parse_key("PageDown"),
            Ok((KeyCode::PageDown, KeyModifiers::NONE))
        );
        assert!(parse_key("F13").is_err());
        assert!(parse_key("Ctrl+").is_err());
        assert!(parse_key("banana").is_err());
    }

    #[test]
    fn conflicts_and_mistakes_are_refused_with_the_reason() {
        let err = Keymap::remapped(&keys(&[("flip", &["w"])]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("'w' would both"), "{err}");
        assert!(err.contains("on the body map"), "{err}");
        let err = Keymap::remapped(&keys(&[("fly", &["x"])]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no command 'fly'"), "{err}");
        assert!(err.contains("flip"), "lists the names: {err}");
        let err = Keymap::remapped(&keys(&[("save", &["s"])]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("types text"), "{err}");
        let err = Keymap::remapped(&keys(&[("flip", &["Hyper+f"])]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a key"), "{err}");
        assert!(Keymap::remapped(&keys(&[("save", &["Ctrl+Enter", "F10"])])).is_ok());
    }

    #[test]
    fn the_standard_keymap_has_no_conflicts() {
        assert_eq!(Keymap::standard().check(), Ok(()));
    }
}
