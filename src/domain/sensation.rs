//! Sensation types and their clinical classes.
//!
//! The built-in types are the sensations people with MS describe. People can
//! add their own in `config.ron`; entries keep a sensation's id, so an entry
//! whose type was later removed from the config still loads and shows its id.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use super::sensation_id::SensationId;

/// The clinical class of an abnormal sensation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SensationClass {
    /// Abnormal but not painful (tingling, numbness, crawling...).
    Paresthesia,
    /// Abnormal and painful (burning, stabbing, electric...).
    Dysesthesia,
    /// Reduced or lost feeling.
    Hypoesthesia,
}

impl SensationClass {
    /// Every class, in display order.
    pub const ALL: [SensationClass; 3] = [
        SensationClass::Paresthesia,
        SensationClass::Dysesthesia,
        SensationClass::Hypoesthesia,
    ];

    /// Lower-case name, as stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            SensationClass::Paresthesia => "paresthesia",
            SensationClass::Dysesthesia => "dysesthesia",
            SensationClass::Hypoesthesia => "hypoesthesia",
        }
    }

    /// Parses a class name, ignoring case.
    pub fn parse(text: &str) -> Option<SensationClass> {
        let wanted = text.trim().to_lowercase();
        Self::ALL.into_iter().find(|c| c.as_str() == wanted)
    }
}

impl fmt::Display for SensationClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sensation type: built in, or defined by the user in `config.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SensationType {
    /// Stable kebab-case id stored in entries.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Clinical class.
    pub class: SensationClass,
    /// Longer description, shown in pickers and `sensemap sensations`.
    #[serde(default)]
    pub description: String,
    /// True for types that come from the user's config.
    #[serde(skip)]
    pub custom: bool,
}

/// The built-in types: (id, name, class, description).
const BUILT_IN: [(&str, &str, SensationClass, &str); 16] = {
    use SensationClass::{Dysesthesia as D, Hypoesthesia as H, Paresthesia as P};
    [
        ("tingling", "Tingling", P, "fizzing, buzzing under the skin"),
        (
            "pins-and-needles",
            "Pins and needles",
            P,
            "like a limb waking up",
        ),
        ("prickling", "Prickling", P, "many small pricks"),
        ("numbness", "Numbness", P, "dulled, 'asleep' feeling"),
        (
            "crawling",
            "Insects crawling",
            P,
            "formication: crawling on the skin",
        ),
        (
            "dripping",
            "Water dripping",
            P,
            "as if water runs down the skin",
        ),
        ("wetness", "Wetness", P, "feels wet though it is dry"),
        (
            "pressure",
            "Pressure",
            P,
            "squeezing or tight band, incl. the MS hug",
        ),
        ("vibration", "Vibration", P, "buzzing or humming"),
        ("burning", "Burning", D, "hot, scalding pain"),
        ("stabbing", "Stabbing", D, "sharp, knife-like pain"),
        ("ice-cold", "Ice cold", D, "painful cold, as if frozen"),
        (
            "electric",
            "Electric shock",
            D,
            "shock-like jolts, incl. Lhermitte's sign",
        ),
        ("itching", "Itching", D, "neuropathic itch"),
        ("pain", "Pain", D, "other aching or painful sensation"),
        ("loss-of-feeling", "Loss of feeling", H, "cannot feel touch"),
    ]
};

/// Why a sensation could not be resolved or a custom type was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SensationError {
    /// No type has this id or name.
    #[error("unknown sensation '{input}'; closest: {}", suggestions.join(", "))]
    Unknown {
        /// What was typed.
        input: String,
        /// The closest ids, best first.
        suggestions: Vec<String>,
    },
    /// A custom type's id is not kebab-case or clashes with another.
    #[error("custom sensation '{0}': {1}")]
    BadCustom(String, String),
}

/// All known sensation types: the built-ins, then the user's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensationCatalogue {
    types: Vec<SensationType>,
    /// Each type's id, interned, in the order of `types`: looked up by
    /// address for every entry counted.
    ids: Vec<SensationId>,
}

impl Default for SensationCatalogue {
    fn default() -> Self {
        Self::built_in()
    }
}

/// Whether typed words fit a sensation type: they are part of its id or
/// name, start a word of its name, are a near spelling of one ("tingle",
/// "tinglng"), or appear in its description ("hug" is pressure).
pub fn fits(t: &SensationType, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return true;
    }
    let name = t.name.to_lowercase();
    if t.id.contains(&query) || name.contains(&query) {
        return true;
    }
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .chain(t.id.split('-'))
        .filter(|w| !w.is_empty())
        .collect();
    let near = |typed: &str| {
        words.iter().any(|w| {
            let common = typed
                .chars()
                .zip(w.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let allowed = if typed.len() >= 7 { 2 } else { 1 };
            (typed.len() >= 4 && common >= 5.min(typed.len()))
                || (typed.len() >= 4 && strsim::damerau_levenshtein(typed, w) <= allowed)
        })
    };
    let described = query.len() >= 3
        && t.description
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == query);
    described || query.split_whitespace().all(near)
}

impl SensationCatalogue {
    /// Only the built-in types.
    pub fn built_in() -> Self {
        let types = BUILT_IN
            .iter()
            .map(|&(id, name, class, description)| SensationType {
                id: id.to_string(),
                name: name.to_string(),
                class,
                description: description.to_string(),
                custom: false,
            })
            .collect::<Vec<SensationType>>();
        let ids = types.iter().map(|t| SensationId::new(&t.id)).collect();
        SensationCatalogue { types, ids }
    }

    /// The built-ins plus the user's own types, which must have unique
    /// kebab-case ids.
    pub fn with_custom(custom: Vec<SensationType>) -> Result<Self, SensationError> {
        let mut catalogue = Self::built_in();
        for mut t in custom {
            let valid_id = !t.id.is_empty()
                && t.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid_id {
                return Err(SensationError::BadCustom(
                    t.id,
                    "ids use lower-case letters, digits and '-'".into(),
                ));
            }
            if catalogue.get(&t.id).is_some() {
                return Err(SensationError::BadCustom(
                    t.id,
                    "this id is already taken".into(),
                ));
            }
            t.custom = true;
            catalogue.ids.push(SensationId::new(&t.id));
            catalogue.types.push(t);
        }
        Ok(catalogue)
    }

    /// Every type, built-ins first.
    pub fn types(&self) -> &[SensationType] {
        &self.types
    }

    /// The type with exactly this id.
    pub fn get(&self, id: &str) -> Option<&SensationType> {
        self.types.iter().find(|t| t.id == id)
    }

    /// The type of a stored sensation, found by its interned id.
    fn type_of(&self, id: SensationId) -> Option<&SensationType> {
        self.types.get(self.index_of(id)?)
    }

    /// Where a stored sensation's type is in [`SensationCatalogue::types`].
    pub fn index_of(&self, id: SensationId) -> Option<usize> {
        self.ids.iter().position(|&known| known == id)
    }

    /// The id of the type at `index` in [`SensationCatalogue::types`].
    pub fn id_at(&self, index: usize) -> SensationId {
        self.ids[index]
    }

    /// The class of a stored sensation, or `None` when its type is unknown.
    pub fn class_of(&self, id: &SensationId) -> Option<SensationClass> {
        self.type_of(*id).map(|t| t.class)
    }

    /// The display name of a stored sensation; unknown types show their id.
    pub fn name_of<'a>(&'a self, id: &'a SensationId) -> &'a str {
        self.type_of(*id).map_or(id.as_str(), |t| t.name.as_str())
    }

    /// Resolves typed text (id or name, any case) to a sensation id.
    pub fn lookup(&self, input: &str) -> Result<SensationId, SensationError> {
        let wanted = input.trim().to_lowercase();
        let found = self
            .types
            .iter()
            .find(|t| t.id == wanted || t.name.to_lowercase() == wanted);
        let near: Vec<&SensationType> = self.types.iter().filter(|t| fits(t, &wanted)).collect();
        match (
            found.or_else(|| near.first().copied().filter(|_| near.len() == 1)),
            near.as_slice(),
        ) {
            (Some(t), _) => Ok(SensationId::new(&t.id)),
            (None, several) if several.len() > 1 => Err(SensationError::Unknown {
                input: input.to_string(),
                suggestions: several.iter().take(4).map(|t| t.id.clone()).collect(),
            }),
            _ => {
                let mut scored: Vec<(f64, &str)> = self
                    .types
                    .iter()
                    .map(|t| {
                        let score = strsim::jaro_winkler(&wanted, &t.id)
                            .max(strsim::jaro_winkler(&wanted, &t.name.to_lowercase()));
                        (score, t.id.as_str())
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0));
                Err(SensationError::Unknown {
                    input: input.to_string(),
                    suggestions: scored
                        .iter()
                        .take(3)
                        .map(|(_, id)| id.to_string())
                        .collect(),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_spellings_and_description_words_find_a_type() {
        let cat = SensationCatalogue::built_in();
        for (typed, id) in [
            ("tingle", "tingling"),
            ("tinglng", "tingling"),
            ("burnin", "burning"),
            ("pins", "pins-and-needles"),
            ("hug", "pressure"),
        ] {
            assert_eq!(
                cat.lookup(typed).map(|s| s.as_str().to_string()),
                Ok(id.to_string()),
                "{typed}"
            );
        }
        assert!(cat.lookup("zzz").is_err());
    }

    #[test]
    fn built_ins_cover_the_sensations_of_ms_with_their_classes() {
        let cat = SensationCatalogue::built_in();
        assert_eq!(cat.types().len(), 16);
        let class = |id: &str| cat.get(id).map(|t| t.class);
        assert_eq!(class("tingling"), Some(SensationClass::Paresthesia));
        assert_eq!(class("pressure"), Some(SensationClass::Paresthesia));
        assert_eq!(class("electric"), Some(SensationClass::Dysesthesia));
        assert_eq!(class("ice-cold"), Some(SensationClass::Dysesthesia));
        assert_eq!(class("loss-of-feeling"), Some(SensationClass::Hypoesthesia));
    }

    #[test]
    fn lookup_accepts_id_or_name_in_any_case_and_suggests_on_typos() {
        let cat = SensationCatalogue::built_in();
        assert_eq!(
            cat.lookup("Pins and Needles").unwrap().as_str(),
            "pins-and-needles"
        );
        assert_eq!(cat.lookup("BURNING").unwrap().as_str(), "burning");
        let SensationError::Unknown { suggestions, .. } =
            cat.lookup("tinglinx stabbx").unwrap_err()
        else {
            panic!("expected an unknown-sensation error");
        };
        assert!(!suggestions.is_empty());
    }

    #[test]
    fn custom_types_join_the_catalogue_but_cannot_clash() {
        let tight = SensationType {
            id: "tightness".into(),
            name: "Tightness".into(),
            class: SensationClass::Paresthesia,
            description: String::new(),
            custom: false,
        };
        let cat = SensationCatalogue::with_custom(vec![tight.clone()]).unwrap();
        assert!(cat.get("tightness").unwrap().custom);
        let clash = SensationType {
            id: "burning".into(),
            ..tight.clone()
        };
        assert!(SensationCatalogue::with_custom(vec![clash]).is_err());
        let bad = SensationType {
            id: "Too Tight".into(),
            ..tight
        };
        assert!(SensationCatalogue::with_custom(vec![bad]).is_err());
    }

    #[test]
    fn unknown_stored_sensation_shows_its_id() {
        let cat = SensationCatalogue::built_in();
        let gone = SensationId::new("old-custom");
        assert_eq!(cat.name_of(&gone), "old-custom");
        assert_eq!(cat.class_of(&gone), None);
    }
}
