//! Places on the body in words: one matcher for the app's region search,
//! `--region` on every command, and the edit form's Where.
//!
//! It takes region ids, CHOIR keys and codes and display names, and plain
//! words in any order (`left sole`, `sole left`, `r palm`), forgives typos
//! (`rigth hand`, `left sol`), and knows everyday words (`feet`, `shin`,
//! `thumb`, `belly`) from `assets/places.ron`. A plural or `both` (`both
//! feet`, `hands`) and bands (`MS hug`) mean several regions at once.

mod resolve;
mod vocabulary;

pub use resolve::{in_words, resolve, resolve_list};
use vocabulary::Vocabulary;

use super::region::{Catalogue, RegionId, Side, View};

/// The embedded vocabulary.
pub(crate) const PLACES_RON: &str = include_str!("../../../assets/places.ron");

/// Most candidates an error lists.
const LISTED: usize = 6;

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
    #[error("'{input}' could be {}; {}", candidates.join("; "), how_to_choose(candidates))]
    Ambiguous {
        /// What was typed.
        input: String,
        /// The matching regions, in full words.
        candidates: Vec<String>,
    },
}

/// How to answer when several regions match: by a key, or several keys
/// joined by "and", using the candidates' own keys as the example.
fn how_to_choose(candidates: &[String]) -> String {
    let keys: Vec<&str> = candidates
        .iter()
        .filter_map(|c| c.rsplit_once(" - ").map(|(_, key)| key))
        .collect();
    match keys.as_slice() {
        [first, second, ..] => {
            format!(
                "say which by its key ({first}), or several joined by 'and' ({first} and {second})"
            )
        }
        _ => "say which".to_string(),
    }
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
            reading.side = both_if_two(reading.side, side);
            continue;
        }
        let Some(corrected) = correct(word) else {
            reading.rest.push(word.clone());
            continue;
        };
        match corrected {
            "left" | "right" | "both" => {
                if let Some(side) = side_of(corrected) {
                    reading.side = both_if_two(reading.side, side);
                }
            }
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

/// A side named after another: "left and right sole" means both.
fn both_if_two(before: Option<Option<Side>>, now: Option<Side>) -> Option<Option<Side>> {
    match before {
        Some(Some(earlier)) if Some(earlier) != now => Some(None),
        _ => Some(now),
    }
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
    if let Some(band) = Vocabulary::global()
        .bands
        .iter()
        .find(|b| b.phrase == phrase)
    {
        return vec![Candidate {
            regions: sorted(band.regions.clone()),
            label: format!("{} ({})", band.label, regions_in_words(&band.regions)),
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

#[cfg(test)]
mod tests;
