//! Places on the body in words: one matcher for the app's region search,
//! `--region` on every command, and the edit form's Where.
//!
//! It takes region ids, CHOIR keys and codes and display names, and plain
//! words in any order (`left sole`, `sole left`, `r palm`), forgives typos
//! (`rigth hand`, `left sol`), and knows everyday words (`feet`, `shin`,
//! `thumb`, `belly`) from `assets/places.ron`. A plural or `both` (`both
//! feet`, `hands`) and bands (`MS hug`) mean several regions at once.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::region::{Catalogue, RegionId, Side, View};

/// The embedded vocabulary.
const PLACES_RON: &str = include_str!("../../assets/places.ron");

/// Most candidates an error lists.
const LISTED: usize = 6;

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
    regions: Vec<String>,
}

/// One way to read what was typed: a region, or several meant together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The regions, in catalogue order.
    pub regions: Vec<RegionId>,
    /// How it reads in a list: a region's label, or "Both feet (4 regions)".
    pub label: String,
}

/// Why typed words name no single place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    /// Nothing was typed.
    #[error("say where: a region such as 'left sole', 'r palm', 'both feet' or a key like b37")]
    Empty,
    /// No region matches.
    #[error("no place on the body matches '{input}'; nearest: {}", nearest.join("; "))]
    Unknown {
        /// What was typed.
        input: String,
        /// The nearest regions, in full words.
        nearest: Vec<String>,
    },
    /// Several regions match, and the words do not say all of them.
    #[error("'{input}' could be {}; say which (or 'both' for every side)", candidates.join("; "))]
    Ambiguous {
        /// What was typed.
        input: String,
        /// The matching regions, in full words.
        candidates: Vec<String>,
    },
}

/// The vocabulary, parsed once.
struct Vocabulary {
    /// Word to the parts it names, and whether it is a plural.
    words: HashMap<String, (Vec<String>, bool)>,
    /// Phrases meaning several regions.
    bands: Vec<(String, Vec<RegionId>)>,
}

impl Vocabulary {
    fn global() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| {
            // Compiled in and checked by tests: a failure is a build defect.
            #[allow(clippy::expect_used)]
            Vocabulary::parse(PLACES_RON)
                .expect("assets/places.ron is embedded and checked by tests")
        })
    }

    fn parse(text: &str) -> Result<Vocabulary, String> {
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
                Ok((b.phrase.clone(), regions))
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

/// Side words.
fn side_of(word: &str) -> Option<Option<Side>> {
    match word {
        "left" | "l" | "lt" | "lft" => Some(Some(Side::Left)),
        "right" | "r" | "rt" | "rgt" => Some(Some(Side::Right)),
        "both" | "bilateral" => Some(None),
        _ => None,
    }
}

/// Words every query may hold that carry no place.
const FILLER: [&str; 9] = ["my", "the", "of", "on", "in", "and", "side", "a", "whole"];

/// Words the typo check compares with: sides, views, and the vocabulary.
fn known_words() -> Vec<&'static str> {
    let mut known: Vec<&'static str> = vec!["left", "right", "both", "front", "back"];
    known.extend(Vocabulary::global().words.keys().map(String::as_str));
    known
}

/// The known word a typed one most likely means: itself, the only known
/// word it starts (three letters or more), or one within an edit or two.
fn correct(word: &str) -> Option<&'static str> {
    let known = known_words();
    if let Some(exact) = known.iter().find(|k| **k == word) {
        return Some(exact);
    }
    if word.chars().count() >= 3 {
        let mut starting: Vec<&&str> = known.iter().filter(|k| k.starts_with(word)).collect();
        starting.sort_by_key(|k| k.len());
        if let Some(first) = starting.first() {
            return Some(first);
        }
    }
    let allowed = match word.chars().count() {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    };
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(d, _)| *d <= allowed && *d > 0)
        .min_by_key(|(d, k)| (*d, k.len()))
        .map(|(_, k)| k)
}

/// Lower-case words of a text, split at anything not a letter or digit.
fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// What the words of a query say.
#[derive(Debug, Default)]
struct Reading {
    /// `Some(None)` for both sides.
    side: Option<Option<Side>>,
    view: Option<View>,
    /// The parts named, and whether as a plural.
    parts: Vec<(Vec<String>, bool)>,
    /// The part words as typed or corrected, for labels.
    part_words: Vec<String>,
    /// Words that are none of those, to match region names.
    rest: Vec<String>,
}

fn read(words: &[String]) -> Reading {
    let vocabulary = Vocabulary::global();
    let mut reading = Reading::default();
    let names_a_part = words
        .iter()
        .filter(|w| correct(w).is_some_and(|c| c != "back" && vocabulary.words.contains_key(c)));
    let other_part = names_a_part.count() > 0;
    for word in words {
        if FILLER.contains(&word.as_str()) {
            continue;
        }
        if let Some(side) = side_of(word) {
            reading.side = Some(side);
            continue;
        }
        let Some(corrected) = correct(word) else {
            reading.rest.push(word.clone());
            continue;
        };
        match corrected {
            "left" | "right" | "both" => reading.side = side_of(corrected),
            "front" => reading.view = Some(View::Front),
            // "back" is the back of another part ("hand back"), or the back.
            "back" if other_part => reading.view = Some(View::Back),
            part => match vocabulary.words.get(part) {
                Some((parts, plural)) => {
                    reading.parts.push((parts.clone(), *plural));
                    reading.part_words.push(part.to_string());
                }
                None => reading.rest.push(word.clone()),
            },
        }
    }
    reading
}

/// Whether every leftover word starts a word of the region's id or name.
fn rest_matches(rest: &[String], region: RegionId) -> bool {
    let info = region.region();
    let haystack = words_of(&format!("{} {}", info.id, info.name));
    rest.iter().all(|w| {
        haystack.iter().any(|h| {
            h.starts_with(w.as_str())
                || strsim::damerau_levenshtein(w, h) <= usize::from(w.len() >= 5)
        })
    })
}

/// Every reading of what was typed, best first. An exact id, key, code or
/// name, a band, or a plural or `both` comes first as one candidate; then
/// each matching region.
pub fn find(query: &str) -> Vec<Candidate> {
    let catalogue = Catalogue::global();
    let trimmed = query.trim().to_lowercase();
    if trimmed.is_empty() {
        return Vec::new();
    }
    if let Ok(region) = catalogue.lookup(&trimmed) {
        return vec![single(region)];
    }
    let words = words_of(&trimmed);
    let phrase = words
        .iter()
        .filter(|w| !FILLER.contains(&w.as_str()))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    if let Some((band, regions)) = Vocabulary::global()
        .bands
        .iter()
        .find(|(p, _)| *p == phrase)
    {
        return vec![Candidate {
            regions: sorted(regions.clone()),
            label: format!("{} ({})", capitalised(band), regions_in_words(regions)),
        }];
    }
    let reading = read(&words);
    let side_filter = |r: RegionId| match reading.side {
        Some(Some(side)) => r.region().side == side,
        _ => true,
    };
    let view_filter = |r: RegionId| reading.view.is_none_or(|v| r.region().view == v);
    let mut regions: Vec<RegionId> = if reading.parts.is_empty() {
        if reading.rest.is_empty() {
            Vec::new()
        } else {
            catalogue.ids().collect()
        }
    } else {
        catalogue
            .ids()
            .filter(|r| {
                let id = &r.region().id;
                let part = id.split_once('-').map_or(id.as_str(), |(_, p)| p);
                reading
                    .parts
                    .iter()
                    .any(|(parts, _)| parts.iter().any(|p| p == part))
            })
            .collect()
    };
    regions.retain(|r| side_filter(*r) && view_filter(*r) && rest_matches(&reading.rest, *r));
    let together = reading.side == Some(None) || reading.parts.iter().any(|(_, plural)| *plural);
    let mut candidates = Vec::new();
    if together && regions.len() > 1 {
        let word = reading.part_words.join(" and ");
        candidates.push(Candidate {
            regions: sorted(regions.clone()),
            label: format!("Both {word} ({} regions)", regions.len()),
        });
    }
    candidates.extend(regions.into_iter().map(single));
    candidates
}

/// The regions typed words name, for the command line and the edit form:
/// an exact match, a band, a plural or `both`, or the one region that
/// matches; otherwise why not, in full words.
pub fn resolve(query: &str) -> Result<Vec<RegionId>, PlaceError> {
    if query.trim().is_empty() {
        return Err(PlaceError::Empty);
    }
    let candidates = find(query);
    match candidates.as_slice() {
        [] => Err(PlaceError::Unknown {
            input: query.trim().to_string(),
            nearest: nearest(query),
        }),
        [only] => Ok(only.regions.clone()),
        [first, ..] if first.regions.len() > 1 => Ok(first.regions.clone()),
        several => Err(PlaceError::Ambiguous {
            input: query.trim().to_string(),
            candidates: several
                .iter()
                .take(LISTED)
                .map(|c| c.label.clone())
                .collect(),
        }),
    }
}

/// The regions of a comma-separated list of places (the edit form's Where).
pub fn resolve_list(text: &str) -> Result<Vec<RegionId>, PlaceError> {
    let mut regions = Vec::new();
    for piece in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        for region in resolve(piece)? {
            if !regions.contains(&region) {
                regions.push(region);
            }
        }
    }
    if regions.is_empty() {
        return Err(PlaceError::Empty);
    }
    Ok(regions)
}

/// The regions closest to words that match none, in full words.
fn nearest(query: &str) -> Vec<String> {
    let wanted = query.trim().to_lowercase();
    let mut scored: Vec<(f64, RegionId)> = Catalogue::global()
        .ids()
        .map(|r| {
            let info = r.region();
            let by_id = strsim::jaro_winkler(&wanted, &info.id);
            let by_name = strsim::jaro_winkler(&wanted, &info.name.to_lowercase());
            (by_id.max(by_name), r)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(3)
        .map(|(_, r)| r.region().label())
        .collect()
}

fn single(region: RegionId) -> Candidate {
    Candidate {
        regions: vec![region],
        label: region.region().label(),
    }
}

fn sorted(mut regions: Vec<RegionId>) -> Vec<RegionId> {
    regions.sort();
    regions.dedup();
    regions
}

/// "chest and middle back, both sides" for a band's regions.
fn regions_in_words(regions: &[RegionId]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for r in regions {
        let id = &r.region().id;
        let part = id
            .split_once('-')
            .map_or(id.as_str(), |(_, p)| p)
            .replace('-', " ");
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    format!("{}, both sides", parts.join(" and "))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(regions: &[RegionId]) -> Vec<&'static str> {
        regions.iter().map(|r| r.region().id.as_str()).collect()
    }

    fn resolved(query: &str) -> Vec<&'static str> {
        let mut found = ids(&resolve(query).unwrap_or_else(|e| panic!("{query}: {e}")));
        found.sort();
        found
    }

    #[test]
    fn the_vocabulary_names_real_regions() {
        assert!(Vocabulary::parse(PLACES_RON).is_ok());
        let broken = PLACES_RON.replacen("\"sole\"]", "\"soul\"]", 1);
        assert!(Vocabulary::parse(&broken).is_err());
    }

    /// The table of words and typos every surface shares.
    #[test]
    fn plain_words_in_any_order_with_typos() {
        for (query, expected) in [
            ("b37", vec!["left-sole"]),
            ("125", vec!["right-palm"]),
            ("Foot, sole (left)", vec!["left-sole"]),
            ("left sole", vec!["left-sole"]),
            ("sole left", vec!["left-sole"]),
            ("l sole", vec!["left-sole"]),
            ("left sol", vec!["left-sole"]),
            ("left heel", vec!["left-sole"]),
            ("r palm", vec!["right-palm"]),
            ("rght palm", vec!["right-palm"]),
            ("rigth palm", vec!["right-palm"]),
            ("right shin", vec!["right-lower-leg-front"]),
            ("left calf", vec!["left-lower-leg-back"]),
            ("right thumb back", vec!["right-hand-back"]),
            ("my left toes", vec!["left-foot-top"]),
            ("left upper back", vec!["left-upper-back"]),
            ("right belly", vec!["right-abdomen"]),
            ("left stomach", vec!["left-abdomen"]),
            ("left buttock", vec!["left-buttock"]),
            ("right groin", vec!["right-pubic"]),
            ("left jaw", vec!["left-face"]),
            ("right temple", vec!["right-face"]),
            ("left breast", vec!["left-chest"]),
            ("right-palm", vec!["right-palm"]),
        ] {
            let mut expected = expected;
            expected.sort();
            assert_eq!(resolved(query), expected, "{query}");
        }
    }

    #[test]
    fn plurals_both_and_bands_mean_several_regions() {
        assert_eq!(
            resolved("both feet"),
            ["left-foot-top", "left-sole", "right-foot-top", "right-sole"]
        );
        assert_eq!(resolved("feet"), resolved("both feet"));
        assert_eq!(
            resolved("both hands"),
            [
                "left-hand-back",
                "left-palm",
                "right-hand-back",
                "right-palm"
            ]
        );
        assert_eq!(resolved("soles"), ["left-sole", "right-sole"]);
        assert_eq!(
            resolved("MS hug"),
            [
                "left-chest",
                "left-middle-back",
                "right-chest",
                "right-middle-back"
            ]
        );
        assert_eq!(
            resolved("both shins"),
            ["left-lower-leg-front", "right-lower-leg-front"]
        );
    }

    #[test]
    fn ambiguous_and_unknown_words_say_so_in_full_words() {
        let err = resolve("rigth hand").unwrap_err().to_string();
        assert!(err.contains("Hand, palm (right) - f25"), "{err}");
        assert!(err.contains("Hand, back (right) - b30"), "{err}");
        assert!(!err.contains("left"), "{err}");
        let err = resolve("shin").unwrap_err().to_string();
        assert!(
            err.contains("Lower leg (front-left)") && err.contains("Lower leg (front-right)"),
            "{err}"
        );
        let err = resolve("elbw xyz").unwrap_err();
        assert!(matches!(err, PlaceError::Unknown { .. }), "{err}");
        assert!(resolve("  ").is_err());
    }

    #[test]
    fn search_lists_every_reading_with_the_group_first() {
        let found = find("feet");
        assert_eq!(found[0].label, "Both feet (4 regions)");
        assert_eq!(found.len(), 5);
        let thumbs: Vec<String> = find("thumb").iter().map(|c| c.label.clone()).collect();
        assert!(
            thumbs.iter().any(|l| l.contains("Hand, palm (right)")),
            "{thumbs:?}"
        );
        assert!(find("").is_empty());
    }

    #[test]
    fn search_keeps_what_the_old_search_found() {
        let first = |q: &str| find(q).first().map(|c| c.label.clone());
        assert_eq!(first("b37").as_deref(), Some("Foot, sole (left) - b37"));
        assert_eq!(find("knee").len(), 4);
        let elbow = find("elbow left back");
        assert_eq!(elbow.len(), 1);
        assert_eq!(elbow[0].label, "Elbow (back-left) - b15");
        assert!(find("tail").is_empty());
        assert!(find("  ").is_empty());
    }

    #[test]
    fn a_list_of_places_for_the_where_field() {
        let regions = resolve_list("left sole, r palm; both feet").unwrap();
        assert_eq!(regions.len(), 5);
        assert!(resolve_list("left sole, nowhere at all").is_err());
        assert_eq!(resolve_list(" , "), Err(PlaceError::Empty));
    }
}
