//! The treatment form: start or edit a course, record or edit an
//! application, change a course's dose, or stop it. Plain text fields read
//! by the same matchers as the command line.

use chrono::{DateTime, FixedOffset};
use ulid::Ulid;

use crate::app::text::TextField;
use crate::domain::places::{in_words, resolve_list};
use crate::domain::treatment::{
    Application, Course, DoseChange, TreatmentCatalogue, TreatmentRecord,
};
use crate::domain::when::{DateOrder, Zone};

/// What the form does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreatmentFormKind {
    /// Start a course, or edit one.
    Course,
    /// Record an application, or edit one.
    Application,
    /// A new dose for a running course.
    Dose,
    /// Stop a running course.
    Stop,
}

/// The fields, by what they hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreatmentField {
    /// The treatment's name.
    Treatment,
    /// When it started, was applied, or the dose changed.
    When,
    /// The dose.
    Dose,
    /// When the course stopped (blank: still running).
    Stopped,
    /// Where it was applied.
    Where,
    /// Free text.
    Note,
}

impl TreatmentField {
    /// The label shown before it.
    pub fn label(self, kind: TreatmentFormKind) -> &'static str {
        match (self, kind) {
            (TreatmentField::Treatment, _) => "Treatment",
            (TreatmentField::When, TreatmentFormKind::Course) => "Started",
            (TreatmentField::When, TreatmentFormKind::Dose) => "From",
            (TreatmentField::When, _) => "When",
            (TreatmentField::Dose, TreatmentFormKind::Course) => "Start dose",
            (TreatmentField::Dose, _) => "Dose",
            (TreatmentField::Stopped, _) => "Stopped",
            (TreatmentField::Where, _) => "Where",
            (TreatmentField::Note, _) => "Note",
        }
    }

    /// What to type, shown while it is empty.
    fn placeholder(self) -> &'static str {
        match self {
            TreatmentField::Treatment => "e.g. gabapentin, cbt, lidocaine",
            TreatmentField::When => "e.g. now, yesterday, 2026-03-01",
            TreatmentField::Dose => "e.g. 300 mg twice a day (optional)",
            TreatmentField::Stopped => "blank while it runs",
            TreatmentField::Where => "e.g. left sole, both feet (optional)",
            TreatmentField::Note => "optional",
        }
    }
}

/// The form's state: its fields, focus and the record it edits.
#[derive(Debug, Clone, PartialEq)]
pub struct TreatmentForm {
    /// What saving does.
    pub kind: TreatmentFormKind,
    /// The fields in order, with their text.
    pub fields: Vec<(TreatmentField, TextField)>,
    /// The focused field's index.
    pub focus: usize,
    /// The record as it was before the form (edits, doses, stops).
    pub editing: Option<TreatmentRecord>,
    /// Why the last save was refused, or what is happening.
    pub error: Option<String>,
    /// Whether anything was typed.
    pub touched: bool,
    /// Set while asking whether to throw the typing away.
    pub confirm_discard: bool,
}

/// "2026-03-01 14:30": a time as the form shows it for editing.
fn when_text(at: DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

impl TreatmentForm {
    /// A form over `fields`. A suggested value (`now`, the current dose) is
    /// selected, so typing replaces it; a record's own values are not, so
    /// typing adds to them.
    fn with(
        kind: TreatmentFormKind,
        fields: Vec<(TreatmentField, &str)>,
        editing: Option<TreatmentRecord>,
    ) -> TreatmentForm {
        let suggested = !matches!(
            kind,
            TreatmentFormKind::Course | TreatmentFormKind::Application
        ) || editing.is_none();
        let mut fields: Vec<(TreatmentField, TextField)> = fields
            .into_iter()
            .map(|(field, text)| {
                let input = if text.is_empty() || !suggested {
                    TextField::new(text)
                } else {
                    TextField::prefilled(text)
                };
                (field, input.with_placeholder(field.placeholder()))
            })
            .collect();
        for (i, (_, input)) in fields.iter_mut().enumerate() {
            input.show_cursor(i == 0);
        }
        TreatmentForm {
            kind,
            fields,
            focus: 0,
            editing,
            error: None,
            touched: false,
            confirm_discard: false,
        }
    }

    /// A new course, started now unless the person says otherwise.
    pub fn start_course() -> TreatmentForm {
        use TreatmentField::*;
        let fields = vec![(Treatment, ""), (When, "now"), (Dose, ""), (Note, "")];
        TreatmentForm::with(TreatmentFormKind::Course, fields, None)
    }

    /// A new application, now.
    pub fn apply() -> TreatmentForm {
        use TreatmentField::*;
        let fields = vec![(Treatment, ""), (When, "now"), (Where, ""), (Note, "")];
        TreatmentForm::with(TreatmentFormKind::Application, fields, None)
    }

    /// The record as a form to edit, with `name` its treatment's name.
    pub fn edit(record: &TreatmentRecord, name: &str) -> TreatmentForm {
        use TreatmentField::*;
        match record {
            TreatmentRecord::Course(c) => {
                let start = when_text(c.start);
                let stop = c.stop.map(when_text).unwrap_or_default();
                let fields = vec![
                    (Treatment, name),
                    (When, start.as_str()),
                    (Dose, c.dose.as_deref().unwrap_or("")),
                    (Stopped, stop.as_str()),
                    (Note, c.note.as_deref().unwrap_or("")),
                ];
                TreatmentForm::with(TreatmentFormKind::Course, fields, Some(record.clone()))
            }
            TreatmentRecord::Application(a) => {
                let places = if a.regions.is_empty() {
                    String::new()
                } else {
                    in_words(&a.regions)
                };
                let at = when_text(a.at);
                let fields = vec![
                    (Treatment, name),
                    (When, at.as_str()),
                    (Where, places.as_str()),
                    (Note, a.note.as_deref().unwrap_or("")),
                ];
                TreatmentForm::with(TreatmentFormKind::Application, fields, Some(record.clone()))
            }
        }
    }

    /// A new dose for `course`, from now.
    pub fn dose(course: &Course) -> TreatmentForm {
        let current = course
            .dose_changes
            .last()
            .map(|d| d.dose.as_str())
            .or(course.dose.as_deref())
            .unwrap_or("");
        let fields = vec![
            (TreatmentField::Dose, current),
            (TreatmentField::When, "now"),
        ];
        TreatmentForm::with(
            TreatmentFormKind::Dose,
            fields,
            Some(TreatmentRecord::Course(course.clone())),
        )
    }

    /// Stopping `course`, now unless the person says otherwise.
    pub fn stop(course: &Course) -> TreatmentForm {
        TreatmentForm::with(
            TreatmentFormKind::Stop,
            vec![(TreatmentField::Stopped, "now")],
            Some(TreatmentRecord::Course(course.clone())),
        )
    }

    /// The form's title.
    pub fn title(&self) -> &'static str {
        match (self.kind, self.editing.is_some()) {
            (TreatmentFormKind::Course, false) => "Start a course",
            (TreatmentFormKind::Course, true) => "Edit the course",
            (TreatmentFormKind::Application, false) => "Record an application",
            (TreatmentFormKind::Application, true) => "Edit the application",
            (TreatmentFormKind::Dose, _) => "Change the dose",
            (TreatmentFormKind::Stop, _) => "Stop the course",
        }
    }

    /// The focused field.
    pub fn focused(&self) -> Option<TreatmentField> {
        self.fields.get(self.focus).map(|(f, _)| *f)
    }

    /// The focused field's text box.
    pub fn input(&mut self) -> Option<&mut TextField> {
        self.fields.get_mut(self.focus).map(|(_, t)| t)
    }

    /// Moves the focus to the next (or previous) field, round.
    pub fn focus_next(&mut self, forward: bool) {
        let n = self.fields.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        for (i, (_, input)) in self.fields.iter_mut().enumerate() {
            input.show_cursor(i == self.focus);
        }
    }

    /// The text of `field`, trimmed; empty when the form has no such field.
    pub fn text(&self, field: TreatmentField) -> &str {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, t)| t.text().trim())
    }

    /// The record saving makes, or why it cannot.
    pub fn record(
        &self,
        catalogue: &TreatmentCatalogue,
        clock: &Clock,
    ) -> Result<TreatmentRecord, String> {
        let when = |field: TreatmentField, text: &str| {
            clock
                .read(text)
                .map_err(|e| format!("{}: {e}", field.label(self.kind)))
        };
        let note = non_empty(self.text(TreatmentField::Note));
        let treatment = || match self.text(TreatmentField::Treatment) {
            "" => Err("Treatment: type its name, e.g. gabapentin, cbt or lidocaine".to_string()),
            name => catalogue
                .lookup(name)
                .map(|t| t.id.clone())
                .map_err(|e| format!("Treatment: {e}")),
        };
        match (self.kind, &self.editing) {
            (TreatmentFormKind::Course, before) => {
                let original = match before {
                    Some(TreatmentRecord::Course(c)) => Some(c),
                    _ => None,
                };
                // A time left as it was shown keeps its exact value and offset.
                let kept = |field: TreatmentField, at: Option<DateTime<FixedOffset>>| {
                    at.filter(|at| self.text(field) == when_text(*at))
                };
                let stop = match self.text(TreatmentField::Stopped) {
                    "" => None,
                    text => match kept(TreatmentField::Stopped, original.and_then(|c| c.stop)) {
                        Some(at) => Some(at),
                        None => Some(when(TreatmentField::Stopped, text)?),
                    },
                };
                let start = match kept(TreatmentField::When, original.map(|c| c.start)) {
                    Some(at) => at,
                    None => when(TreatmentField::When, self.text(TreatmentField::When))?,
                };
                let (id, dose_changes) = match original {
                    Some(c) => (c.id, c.dose_changes.clone()),
                    None => (Ulid::generate(), Vec::new()),
                };
                Ok(TreatmentRecord::Course(Course {
                    id,
                    treatment: treatment()?,
                    start,
                    stop,
                    dose: non_empty(self.text(TreatmentField::Dose)),
                    dose_changes,
                    note,
                }))
            }
            (TreatmentFormKind::Application, before) => {
                let regions = match self.text(TreatmentField::Where) {
                    "" => Vec::new(),
                    text => resolve_list(text).map_err(|e| format!("Where: {e}"))?,
                };
                let id = before
                    .as_ref()
                    .map_or_else(Ulid::generate, TreatmentRecord::id);
                let at = match before {
                    Some(TreatmentRecord::Application(a))
                        if self.text(TreatmentField::When) == when_text(a.at) =>
                    {
                        a.at
                    }
                    _ => when(TreatmentField::When, self.text(TreatmentField::When))?,
                };
                Ok(TreatmentRecord::Application(Application {
                    id,
                    treatment: treatment()?,
                    at,
                    regions,
                    note,
                }))
            }
            (TreatmentFormKind::Dose, Some(TreatmentRecord::Course(c))) => {
                let dose = self.text(TreatmentField::Dose);
                let current = c
                    .dose_changes
                    .last()
                    .map(|d| d.dose.as_str())
                    .or(c.dose.as_deref());
                if dose.is_empty() || Some(dose) == current {
                    return Err("Dose: type the new dose, e.g. 600 mg (Esc keeps this one)".into());
                }
                let mut course = c.clone();
                course.dose_changes.push(DoseChange {
                    at: when(TreatmentField::When, self.text(TreatmentField::When))?,
                    dose: dose.to_string(),
                });
                course.dose_changes.sort_by_key(|d| d.at);
                Ok(TreatmentRecord::Course(course))
            }
            (TreatmentFormKind::Stop, Some(TreatmentRecord::Course(c))) => {
                let mut course = c.clone();
                course.stop = Some(when(
                    TreatmentField::Stopped,
                    self.text(TreatmentField::Stopped),
                )?);
                Ok(TreatmentRecord::Course(course))
            }
            _ => Err("there is no course to change".into()),
        }
    }
}

/// The clock and the way the person writes times, for reading WHEN text.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// Now.
    pub now: DateTime<FixedOffset>,
    /// The zone times are read in.
    pub zone: Zone,
    /// 25/11 or 11/25.
    pub date_order: DateOrder,
}

impl Clock {
    /// The time `text` means, never one still ahead.
    pub fn read(&self, text: &str) -> Result<DateTime<FixedOffset>, String> {
        if text.trim().is_empty() {
            return Err("type when, e.g. now, yesterday or 2026-03-01".into());
        }
        let at = self
            .zone
            .read(text, self.now, self.date_order)
            .map_err(|e| e.to_string())?;
        crate::domain::when::check_felt(text, at, self.now).map_err(|e| e.to_string())?;
        Ok(at)
    }
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}
