//! The everyday words for places on the body, from `assets/places.ron`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::PLACES_RON;
use crate::domain::region::{Catalogue, RegionId, Side};

/// `assets/places.ron` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    words: Vec<WordsFile>,
    bands: Vec<BandFile>,
}

/// Everyday words and the parts of the body they mean.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    words: Vec<String>,
    parts: Vec<String>,
}

/// A phrase that means several regions.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BandFile {
    phrase: String,
    label: String,
    regions: Vec<String>,
}

/// A phrase meaning several regions, ready to match.
pub(super) struct Band {
    /// The phrase, lower case.
    pub(super) phrase: String,
    /// How it reads in a list.
    pub(super) label: String,
    /// Its regions.
    pub(super) regions: Vec<RegionId>,
}

/// The vocabulary, parsed once.
pub(super) struct Vocabulary {
    /// Word to the parts it names, and whether it is a plural.
    pub(super) words: HashMap<String, (Vec<String>, bool)>,
    /// Phrases meaning several regions.
    pub(super) bands: Vec<Band>,
}

impl Vocabulary {
    pub(super) fn global() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| {
            // Compiled in and checked by tests: a failure is a build defect.
            #[allow(clippy::expect_used)]
            Vocabulary::parse(PLACES_RON)
                .expect("assets/places.ron is embedded and checked by tests")
        })
    }

    pub(super) fn parse(text: &str) -> Result<Vocabulary, String> {
        let file: PlacesFile = ron::from_str(text).map_err(|e| e.to_string())?;
        let catalogue = Catalogue::global();
        let all: Vec<String> = file.words.iter().flat_map(|w| w.words.clone()).collect();
        let mut words = HashMap::new();
        for entry in &file.words {
            for part in &entry.parts {
                for side in [Side::Left, Side::Right] {
                    let id = format!("{}-{part}", side.as_str());
                    catalogue.lookup(&id).map_err(|e| format!("{part}: {e}"))?;
                }
            }
            for word in &entry.words {
                let plural = is_plural(word, &all);
                words.insert(word.clone(), (entry.parts.clone(), plural));
            }
        }
        let bands = file
            .bands
            .iter()
            .map(|b| {
                let regions = b
                    .regions
                    .iter()
                    .map(|r| catalogue.lookup(r).map_err(|e| e.to_string()))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Band {
                    phrase: b.phrase.clone(),
                    label: b.label.clone(),
                    regions,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Vocabulary { words, bands })
    }
}

/// `feet`, `calves`, or a word ending in `s` whose singular is also known.
fn is_plural(word: &str, known: &[String]) -> bool {
    matches!(word, "feet" | "calves")
        || word
            .strip_suffix('s')
            .is_some_and(|singular| known.iter().any(|k| k == singular))
}
