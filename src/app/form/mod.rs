//! The log form: what a person fills in to record a sensation.

mod draft;
mod recovery;

pub use recovery::RecoveredForm;

use super::Zone;
use super::text::{TextEdit, TextField};
use crate::domain::when::format_duration;
use crate::domain::{
    Entry, RegionId, SensationCatalogue, SensationClass, SensationId, SensationType,
};

/// The form's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Where: region ids, keys or names, comma separated (only when editing).
    Where,
    /// Which sensation (type to filter).
    Sensation,
    /// How strong, 0-10.
    Intensity,
    /// When (WHEN syntax, default now).
    Time,
    /// How long (DUR syntax, optional).
    Duration,
    /// Free words, comma separated.
    Tags,
    /// Free text over several lines.
    Note,
}

impl Field {
    /// Every field in Tab order.
    pub const ALL: [Field; 7] = [
        Field::Where,
        Field::Sensation,
        Field::Intensity,
        Field::Time,
        Field::Duration,
        Field::Tags,
        Field::Note,
    ];

    /// The label shown before the field.
    pub fn label(self) -> &'static str {
        match self {
            Field::Where => "Where",
            Field::Sensation => "Sensation",
            Field::Intensity => "Intensity",
            Field::Time => "When",
            Field::Duration => "Duration",
            Field::Tags => "Tags",
            Field::Note => "Note",
        }
    }

    fn offset(self, by: isize) -> Field {
        let i = Field::ALL.iter().position(|f| *f == self).unwrap_or(0) as isize;
        Field::ALL[(i + by).rem_euclid(Field::ALL.len() as isize) as usize]
    }
}

/// The group a sensation is listed under in the picker.
pub fn group_of(t: &SensationType) -> &'static str {
    if t.custom { "custom" } else { t.class.as_str() }
}

/// State of an open log form.
#[derive(Debug, Clone, PartialEq)]
pub struct LogForm {
    /// The regions this entry covers.
    pub regions: Vec<RegionId>,
    /// The focused field.
    pub field: Field,
    /// What was typed to filter the sensation list.
    pub sensation_query: TextField,
    /// Highlighted row of the filtered sensation list.
    pub sensation_choice: usize,
    /// Intensity, 0-10.
    pub intensity: u8,
    /// True right after typing `1`, so a following `0` makes 10.
    intensity_after_one: bool,
    /// True after a decimal point was typed, until the field is left.
    intensity_fraction: bool,
    /// When, as typed.
    pub time: TextField,
    /// How long, as typed.
    pub duration: TextField,
    /// Tags, comma separated.
    pub tags: TextField,
    /// The note.
    pub note: TextField,
    /// Why the last save attempt failed; the form keeps its content.
    pub error: Option<String>,
    /// Set once anything was typed or changed.
    pub touched: bool,
    /// Set while asking whether to throw the typed input away.
    pub confirm_discard: bool,
    /// The saved entry being edited; `None` for a new entry.
    pub editing: Option<Entry>,
    /// Where, as typed (editing only).
    pub regions_text: TextField,
    /// The time text the form opened with, to keep the exact time if untouched.
    original_time: String,
    /// A stored sensation no longer in the config, kept unless another is chosen.
    kept_sensation: Option<SensationId>,
}

impl LogForm {
    /// A new form for `regions`, starting from the last sensation and
    /// intensity used, so a repeat needs only Enter.
    pub fn new(
        regions: Vec<RegionId>,
        sensations: &SensationCatalogue,
        last: Option<(&SensationId, u8)>,
    ) -> LogForm {
        let mut form = LogForm {
            regions,
            field: Field::Sensation,
            sensation_query: TextField::default(),
            sensation_choice: 0,
            intensity: 5,
            intensity_after_one: false,
            intensity_fraction: false,
            time: TextField::new("").with_placeholder("now"),
            duration: TextField::new("").with_placeholder("optional: 90s, 15m, 2h30m"),
            tags: TextField::new("").with_placeholder("optional, e.g. heat fatigue"),
            note: TextField::multiline(""),
            error: None,
            touched: false,
            confirm_discard: false,
            editing: None,
            regions_text: TextField::default(),
            original_time: String::new(),
            kept_sensation: None,
        };
        form.show_focus();
        if let Some((id, intensity)) = last {
            form.intensity = intensity;
            if let Some(i) = form
                .choices(sensations)
                .iter()
                .position(|t| t.id == id.as_str())
            {
                form.sensation_choice = i;
            }
        }
        form
    }

    /// A form holding a saved entry, to change any of its fields.
    pub fn edit(entry: &Entry, sensations: &SensationCatalogue, zone: Zone) -> LogForm {
        let mut form = LogForm::new(
            entry.regions.ids().collect::<Vec<_>>(),
            sensations,
            Some((&entry.sensation, entry.intensity.value())),
        );
        if sensations.get(entry.sensation.as_str()).is_none() {
            form.kept_sensation = Some(entry.sensation);
        }
        let local = zone.localize(entry.at);
        let time = if local.offset() == entry.at.offset() {
            entry.at.format("%Y-%m-%d %H:%M").to_string()
        } else {
            entry.at.to_rfc3339()
        };
        form.time = TextField::prefilled(&time);
        form.original_time = time;
        form.duration =
            TextField::prefilled(&entry.duration_s.map(format_duration).unwrap_or_default());
        form.tags = TextField::prefilled(&entry.tags.join(" "));
        form.note = TextField::multiline(entry.note.as_deref().unwrap_or_default());
        form.regions_text = TextField::prefilled(&crate::domain::places::in_words(
            &entry.regions.ids().collect::<Vec<_>>(),
        ));
        form.field = Field::Where;
        form.editing = Some(entry.clone());
        form.show_focus();
        form
    }

    /// A stored sensation no longer in the config that the edit keeps.
    pub fn kept_sensation(&self) -> Option<&SensationId> {
        self.kept_sensation.as_ref()
    }

    /// The sensation types matching what was typed, grouped by class then custom.
    pub fn choices<'a>(&self, sensations: &'a SensationCatalogue) -> Vec<&'a SensationType> {
        let query = self.sensation_query.text().trim().to_lowercase();
        let mut matching: Vec<&SensationType> = sensations
            .types()
            .iter()
            .filter(|t| crate::domain::sensation::fits(t, &query))
            .collect();
        let rank = |t: &SensationType| match (t.custom, t.class) {
            (true, _) => 3,
            (false, SensationClass::Paresthesia) => 0,
            (false, SensationClass::Dysesthesia) => 1,
            (false, SensationClass::Hypoesthesia) => 2,
        };
        matching.sort_by_key(|t| rank(t));
        matching
    }

    /// The highlighted sensation, if any matches.
    pub fn chosen<'a>(&self, sensations: &'a SensationCatalogue) -> Option<&'a SensationType> {
        let choices = self.choices(sensations);
        choices
            .get(self.sensation_choice.min(choices.len().saturating_sub(1)))
            .copied()
    }

    /// Moves focus to the next (or previous) field. A one-line field it
    /// reaches has its text selected, so typing replaces it.
    pub fn focus_next(&mut self, forward: bool) {
        self.intensity_fraction = false;
        self.field = self.field.offset(if forward { 1 } else { -1 });
        if self.field == Field::Where && self.editing.is_none() {
            self.field = self.field.offset(if forward { 1 } else { -1 });
        }
        if self.field != Field::Note
            && let Some(text) = self.text_mut()
        {
            text.select_all();
        }
        self.show_focus();
    }

    /// The cursor shows in the focused field only.
    fn show_focus(&mut self) {
        let focused = self.field;
        for (field, text) in [
            (Field::Where, &mut self.regions_text),
            (Field::Sensation, &mut self.sensation_query),
            (Field::Time, &mut self.time),
            (Field::Duration, &mut self.duration),
            (Field::Tags, &mut self.tags),
            (Field::Note, &mut self.note),
        ] {
            text.show_cursor(field == focused);
        }
    }

    /// A line-editing key in the focused field.
    pub fn edit_text(&mut self, edit: TextEdit) {
        self.touched = true;
        self.error = None;
        if self.field == Field::Sensation {
            self.sensation_choice = 0;
        }
        self.text_mut().into_iter().for_each(|t| t.edit(edit));
    }

    /// Pasted text, into the focused field as text. Into the intensity it
    /// counts as typed digits only if it is one number.
    pub fn paste(&mut self, text: &str) {
        self.touched = true;
        self.error = None;
        match self.field {
            Field::Intensity => {
                let trimmed = text.trim();
                match trimmed.parse::<u8>() {
                    Ok(n) if n <= 10 => self.intensity = n,
                    _ => {
                        self.error = Some(format!(
                            "Intensity is a whole number on the 0-10 scale, not {trimmed:?}"
                        ))
                    }
                }
            }
            Field::Sensation => {
                self.sensation_query.paste(text);
                self.sensation_choice = 0;
                self.kept_sensation = None;
            }
            _ => self.text_mut().into_iter().for_each(|t| t.paste(text)),
        }
    }

    /// The text field with focus, if the focused field is text.
    fn text_mut(&mut self) -> Option<&mut TextField> {
        match self.field {
            Field::Where => Some(&mut self.regions_text),
            Field::Sensation => Some(&mut self.sensation_query),
            Field::Time => Some(&mut self.time),
            Field::Duration => Some(&mut self.duration),
            Field::Tags => Some(&mut self.tags),
            Field::Note => Some(&mut self.note),
            Field::Intensity => None,
        }
    }

    /// Applies a typed character to the focused field.
    pub fn input(&mut self, ch: char) {
        self.touched = true;
        self.error = None;
        match self.field {
            Field::Intensity => {
                if let Some(digit) = ch.to_digit(10) {
                    if self.intensity_fraction {
                        // The decimals of "7.5": refused, not read as 5; the
                        // digit after that sets the intensity again.
                        self.intensity_fraction = false;
                        return self.intensity_whole_number();
                    }
                    self.intensity = if self.intensity_after_one && digit == 0 {
                        10
                    } else {
                        digit as u8
                    };
                    self.intensity_after_one = digit == 1;
                } else if ch == '+' {
                    self.adjust_intensity(1);
                } else if ch == '-' {
                    self.adjust_intensity(-1);
                } else if matches!(ch, '.' | ',') {
                    self.intensity_fraction = true;
                    self.intensity_whole_number();
                } else if !ch.is_whitespace() {
                    self.error = Some(format!(
                        "Intensity is 0-10: a digit, 1 then 0 for 10, or ←→ (not '{ch}')"
                    ));
                }
            }
            Field::Sensation => {
                self.sensation_query.insert(ch);
                self.sensation_choice = 0;
                self.kept_sensation = None;
            }
            _ => {
                if let Some(text) = self.text_mut() {
                    text.insert(ch);
                }
            }
        }
    }

    /// Says that intensity has no decimals, keeping the whole part typed.
    fn intensity_whole_number(&mut self) {
        self.error = Some(format!(
            "Intensity is a whole number on the 0-10 scale, no decimals: kept {}",
            self.intensity
        ));
    }

    /// Starts a new line in the note.
    pub fn newline(&mut self) {
        if self.field == Field::Note {
            self.input('\n');
        }
    }

    fn adjust_intensity(&mut self, by: i8) {
        self.touched = true;
        self.intensity_after_one = false;
        self.intensity_fraction = false;
        self.intensity = (self.intensity as i8 + by).clamp(0, 10) as u8;
    }

    /// Left arrow: lower intensity, or move the text cursor.
    pub fn left(&mut self) {
        match self.field {
            Field::Intensity => self.adjust_intensity(-1),
            _ => self.text_mut().into_iter().for_each(TextField::left),
        }
    }

    /// Right arrow: raise intensity, or move the text cursor.
    pub fn right(&mut self) {
        match self.field {
            Field::Intensity => self.adjust_intensity(1),
            _ => self.text_mut().into_iter().for_each(TextField::right),
        }
    }

    /// Up arrow: previous sensation, higher intensity, or the line above.
    pub fn up(&mut self) {
        match self.field {
            Field::Sensation => self.sensation_choice = self.sensation_choice.saturating_sub(1),
            Field::Intensity => self.adjust_intensity(1),
            Field::Note => self.note.up(),
            _ => {}
        }
    }

    /// Down arrow: next sensation, lower intensity, or the line below.
    pub fn down(&mut self, sensations: &SensationCatalogue) {
        match self.field {
            Field::Sensation => {
                let last = self.choices(sensations).len().saturating_sub(1);
                self.sensation_choice = (self.sensation_choice + 1).min(last);
            }
            Field::Intensity => self.adjust_intensity(-1),
            Field::Note => self.note.down(),
            _ => {}
        }
    }

    /// Deletes before the cursor.
    pub fn backspace(&mut self) {
        self.touched = true;
        self.intensity_fraction = false;
        if self.field == Field::Sensation {
            self.sensation_choice = 0;
        }
        self.text_mut().into_iter().for_each(TextField::backspace);
    }

    /// Deletes under the cursor.
    pub fn delete(&mut self) {
        self.touched = true;
        self.text_mut().into_iter().for_each(TextField::delete);
    }

    /// Home: start of the line.
    pub fn home(&mut self) {
        self.text_mut().into_iter().for_each(TextField::home);
    }

    /// End: end of the line.
    pub fn end(&mut self) {
        self.text_mut().into_iter().for_each(TextField::end);
    }
}
