//! The user's `config.ron`: their own sensation types, and settings the app
//! remembers (the map style).

use std::collections::BTreeMap;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use serde::Deserialize;

use super::StoreError;
use super::fs::{create_private_dir, write_atomically};
use crate::domain::body_map::MapStyle;
use crate::domain::treatment::TreatmentType;
use crate::domain::when::DateOrder;
use crate::domain::{SensationCatalogue, SensationType};

/// What `config.ron` may hold. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Extra sensation types, e.g. `(id: "tightness", name: "Tightness", class: paresthesia)`.
    pub sensations: Vec<SensationType>,
    /// How the body map is drawn: `solid` or `outline`.
    pub map_style: MapStyle,
    /// How dates with slashes are read: `day_first` (25/11, the default)
    /// or `month_first` (11/25).
    pub date_order: DateOrder,
    /// Other keys for commands, e.g. `{"flip": "F2", "undo": ["z", "Ctrl+Z"]}`.
    pub keys: BTreeMap<String, KeyList>,
    /// Extra treatments, e.g. `(id: "physio", name: "Physiotherapy", group: therapy)`.
    pub treatments: Vec<TreatmentType>,
    /// The theme: `"auto"` (the default, also when empty), `"dark"`,
    /// `"light"` or `"high-contrast"`.
    pub theme: String,
    /// Single colours of the theme, e.g. `{"error": "#d70000"}`.
    pub colors: BTreeMap<String, String>,
}

/// One key or several, as written in `keys`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    /// `"F2"`.
    One(String),
    /// `["z", "Ctrl+Z"]`.
    Many(Vec<String>),
}

impl Config {
    /// The `keys` setting as lists of keys.
    pub fn key_lists(&self) -> BTreeMap<String, Vec<String>> {
        self.keys
            .iter()
            .map(|(name, keys)| {
                let keys = match keys {
                    KeyList::One(key) => vec![key.clone()],
                    KeyList::Many(keys) => keys.clone(),
                };
                (name.clone(), keys)
            })
            .collect()
    }
}

/// The text of the config at `path` (without a byte-order mark), or `None`
/// when there is none.
fn read_text(path: &Path) -> Result<Option<String>, StoreError> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text.trim_start_matches('\u{feff}').to_string())),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io("read config", path)(e)),
    }
}

/// Reads the config at `path`; a missing file means the defaults.
pub fn load_config(path: &Path) -> Result<Config, StoreError> {
    match read_text(path)? {
        Some(text) => ron::from_str(&text).map_err(|err| StoreError::from_ron(path, &err)),
        None => Ok(Config::default()),
    }
}

/// The sensation catalogue for a loaded config.
pub fn sensations_of(path: &Path, config: Config) -> Result<SensationCatalogue, StoreError> {
    SensationCatalogue::with_custom(config.sensations).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        message: e.to_string(),
    })
}

/// Remembers the map style in the config at `path`. Only the `map_style`
/// line changes: everything else the person wrote, comments included,
/// stays as it was. A config that does not read is left untouched.
pub fn save_map_style(path: &Path, style: MapStyle) -> Result<(), StoreError> {
    let old = read_text(path)?;
    if let Some(text) = &old {
        ron::from_str::<Config>(text).map_err(|err| StoreError::from_ron(path, &err))?;
    }
    let new = set_field(old.as_deref().unwrap_or(""), "map_style", style.as_str());
    let check: Config = ron::from_str(&new).map_err(|err| StoreError::from_ron(path, &err))?;
    if check.map_style != style {
        return Err(StoreError::Parse {
            path: path.to_path_buf(),
            line: 1,
            col: 1,
            message: "map_style could not be set in this file; set it by hand".into(),
        });
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    write_atomically(path, &new)
}

/// Where code starts and ends in RON text: outside comments and strings.
/// Returns the byte ranges of code.
fn code_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let rest = &bytes[i..];
        let skip_to = if rest.starts_with(b"//") {
            Some(text[i..].find('\n').map_or(bytes.len(), |n| i + n))
        } else if rest.starts_with(b"/*") {
            Some(
                text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2),
            )
        } else if rest[0] == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            Some((j + 1).min(bytes.len()))
        } else if rest.starts_with(b"r\"") || rest.starts_with(b"r#") {
            let hashes = rest[1..].iter().take_while(|b| **b == b'#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let open = i + 1 + hashes + 1;
            Some(
                text.get(open..)
                    .and_then(|t| t.find(&close))
                    .map_or(bytes.len(), |n| open + n + close.len()),
            )
        } else {
            None
        };
        match skip_to {
            Some(end) => {
                spans.push((start, i));
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    spans.push((start, bytes.len()));
    spans
}

/// `text` with the top-level field `name` set to the bare value `value`:
/// replaced where it is written, else added as the struct's first field,
/// else (no struct yet) a new struct holding only it.
fn set_field(text: &str, name: &str, value: &str) -> String {
    let spans = code_spans(text);
    let mut depth = 0i32;
    let mut opening = None;
    for &(start, end) in &spans {
        let code = &text[start..end];
        for (offset, ch) in code.char_indices() {
            let at = start + offset;
            match ch {
                '(' | '[' | '{' => {
                    depth += 1;
                    if depth == 1 && ch == '(' && opening.is_none() {
                        opening = Some(at);
                    }
                }
                ')' | ']' | '}' => depth -= 1,
                _ if depth == 1 && code[offset..].starts_with(name) => {
                    let before = code[..offset].chars().next_back();
                    let after = code[offset + name.len()..].trim_start();
                    let word_start = before.is_none_or(|c| !c.is_alphanumeric() && c != '_');
                    if word_start && after.starts_with(':') {
                        let colon = end - after.len();
                        let value_start = colon
                            + 1
                            + (text[colon + 1..].len() - text[colon + 1..].trim_start().len());
                        let value_end = value_start
                            + text[value_start..]
                                .find(|c: char| !c.is_alphanumeric() && c != '_')
                                .unwrap_or(text.len() - value_start);
                        return format!("{}{value}{}", &text[..value_start], &text[value_end..]);
                    }
                }
                _ => {}
            }
        }
    }
    match opening {
        Some(at) => format!("{}\n    {name}: {value},{}", &text[..=at], &text[at + 1..]),
        None => {
            let separator = if text.is_empty() || text.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            format!("{text}{separator}(\n    {name}: {value},\n)\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_a_field_where_it_is_written_and_keeps_everything_else() {
        let text = "// my config\n(\n    // drawn how I like it\n    map_style: solid, // for now\n    sensations: [],\n)\n";
        let new = set_field(text, "map_style", "outline");
        assert_eq!(
            new,
            "// my config\n(\n    // drawn how I like it\n    map_style: outline, // for now\n    sensations: [],\n)\n"
        );
    }

    #[test]
    fn adds_the_field_first_when_it_is_missing() {
        let text = "// mine\n(\n    sensations: [(id: \"tight\", name: \"Tight (map_style: x)\", class: paresthesia)],\n)\n";
        let new = set_field(text, "map_style", "outline");
        assert_eq!(
            new,
            "// mine\n(\n    map_style: outline,\n    sensations: [(id: \"tight\", name: \"Tight (map_style: x)\", class: paresthesia)],\n)\n"
        );
        let config: Config = ron::from_str(&new).unwrap();
        assert_eq!(config.map_style, MapStyle::Outline);
        assert_eq!(config.sensations.len(), 1);
    }

    #[test]
    fn ignores_the_name_in_comments_strings_and_nested_structs() {
        let text = "/* map_style: solid */ (\n    // map_style: solid\n    sensations: [],\n)";
        let new = set_field(text, "map_style", "outline");
        assert!(
            new.contains("(\n    map_style: outline,\n    // map_style: solid"),
            "{new}"
        );
    }

    #[test]
    fn starts_a_config_from_nothing() {
        assert_eq!(
            set_field("", "map_style", "outline"),
            "(\n    map_style: outline,\n)\n"
        );
        assert_eq!(
            set_field("// just a comment", "map_style", "solid"),
            "// just a comment\n(\n    map_style: solid,\n)\n"
        );
    }

    #[test]
    fn saving_writes_the_file_and_a_broken_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.ron");
        save_map_style(&path, MapStyle::Outline).unwrap();
        assert_eq!(load_config(&path).unwrap().map_style, MapStyle::Outline);
        save_map_style(&path, MapStyle::Solid).unwrap();
        assert_eq!(load_config(&path).unwrap().map_style, MapStyle::Solid);

        let broken = "(\n    sensations: [oops\n";
        fs::write(&path, broken).unwrap();
        let err = save_map_style(&path, MapStyle::Outline).unwrap_err();
        assert!(err.to_string().contains("config.ron"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    }
}
