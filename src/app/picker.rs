//! The lists with a filter box: region search and the sensation filter.

use super::App;
use super::text::TextField;
use crate::domain::SensationClass;
use crate::domain::places::{self, Candidate};

/// One row of the sensation filter picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterOption {
    /// Count every sensation.
    All,
    /// Count one class.
    Class(SensationClass),
    /// Count one type (id, name).
    Type(String, String),
}

impl FilterOption {
    /// The text shown in the list.
    pub fn label(&self) -> String {
        match self {
            FilterOption::All => "All sensations".to_string(),
            FilterOption::Class(c) => format!("All {c}"),
            FilterOption::Type(_, name) => name.clone(),
        }
    }
}

/// A list with a filter box: which list it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// `/`: find a region.
    Region,
    /// `s`: choose what the heat-map counts.
    Sensation,
}

/// State of an open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// Which list.
    pub kind: PickerKind,
    /// What was typed.
    pub query: TextField,
    /// Highlighted row.
    pub choice: usize,
}

/// One row of a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerRow {
    /// A place found by search: one region, or several ("both feet").
    Place(Candidate),
    /// A sensation filter option.
    Filter(FilterOption),
}

impl App {
    /// The rows of the open picker.
    pub fn picker_rows(&self, picker: &Picker) -> Vec<PickerRow> {
        match picker.kind {
            PickerKind::Region => places::find(picker.query.text())
                .into_iter()
                .map(PickerRow::Place)
                .collect(),
            PickerKind::Sensation => {
                let query = picker.query.text().trim().to_lowercase();
                std::iter::once(FilterOption::All)
                    .chain(SensationClass::ALL.into_iter().map(FilterOption::Class))
                    .chain(
                        self.journal
                            .sensations
                            .types()
                            .iter()
                            .map(|t| FilterOption::Type(t.id.clone(), t.name.clone())),
                    )
                    .filter(|o| query.is_empty() || o.label().to_lowercase().contains(&query))
                    .map(PickerRow::Filter)
                    .collect()
            }
        }
    }
}
