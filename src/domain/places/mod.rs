//! Places on the body in words: one matcher for the app's region search,
//! `--region` on every command, and the edit form's Where.
//!
//! It takes region ids, CHOIR keys and codes and display names, and plain
//! words in any order (`left sole`, `sole left`, `r palm`), forgives typos
//! (`rigth hand`, `left sol`), and knows everyday words (`feet`, `shin`,
//! `thumb`, `belly`) from `assets/places.ron`. A plural or `both` (`both
//! feet`, `hands`) and bands (`MS hug`) mean several regions at once.

mod vocabulary;

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

/// The regions typed words name, for the command line and the edit form:
/// an exact match, a band, a plural or `both`, or the one region that
/// matches; otherwise why not, in full words.
pub fn resolve(query: &str) -> Result<Vec<RegionId>, PlaceError> {
    // "left sole and right palm" is two places, each with its own side;
    // "left and right hand" is one, read whole when its pieces are not.
    let pieces = pieces_joined_by_and(query);
    if pieces.len() > 1 {
        return match resolve_pieces(&pieces) {
            // A piece that names no place ("left" of "left and right
            // hand"): the words belong together.
            Err(PlaceError::Unknown { .. }) => resolve_one(query),
            each => each,
        };
    }
    resolve_one(query)
}

/// The places of a query joined by "and", a side said once carrying on
/// to the pieces after it that name none ("left arm and leg").
fn pieces_joined_by_and(query: &str) -> Vec<String> {
    let words = words_of(query);
    let mut pieces = Vec::new();
    let mut side: Option<&str> = None;
    for piece in words.split(|w| w == "and" || w == "plus") {
        if piece.is_empty() {
            continue;
        }
        let own_side = piece.iter().find(|w| side_of(w).is_some());
        let piece = piece.join(" ");
        match (own_side, side) {
            (Some(own), _) => {
                side = Some(own.as_str());
                pieces.push(piece);
            }
            (None, Some(earlier)) => pieces.push(format!("{earlier} {piece}")),
            (None, None) => pieces.push(piece),
        }
    }
    pieces
}

/// Every piece's regions, each once, in the order said.
fn resolve_pieces(pieces: &[String]) -> Result<Vec<RegionId>, PlaceError> {
    let mut regions = Vec::new();
    for piece in pieces {
        for region in resolve_one(piece)? {
            if !regions.contains(&region) {
                regions.push(region);
            }
        }
    }
    Ok(regions)
}

/// The regions of one place, read whole.
fn resolve_one(query: &str) -> Result<Vec<RegionId>, PlaceError> {
    if query.trim().is_empty() {
        return Err(PlaceError::Empty);
    }
    if query.contains([',', ';']) && Catalogue::global().lookup(query).is_err() {
        return resolve_list(query);
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
    let catalogue = Catalogue::global();
    let mut regions = Vec::new();
    let mut add = |found: Vec<RegionId>| {
        for region in found {
            if !regions.contains(&region) {
                regions.push(region);
            }
        }
    };
    for part in text.split(';') {
        let pieces: Vec<&str> = part.split(',').map(str::trim).collect();
        let mut i = 0;
        while i < pieces.len() {
            // A display name holds a comma: "Foot, sole (left)".
            if let Some(next) = pieces.get(i + 1)
                && let Ok(region) = catalogue.lookup(&format!("{}, {next}", pieces[i]))
            {
                add(vec![region]);
                i += 2;
                continue;
            }
            if !pieces[i].is_empty() {
                add(resolve(pieces[i])?);
            }
            i += 1;
        }
    }
    if regions.is_empty() {
        return Err(PlaceError::Empty);
    }
    Ok(regions)
}

/// Regions as the Where field shows them, which it reads back:
/// "Foot, sole (left) - b37; Hand, palm (right) - f25".
pub fn in_words(regions: &[RegionId]) -> String {
    regions
        .iter()
        .map(|r| r.region().label())
        .collect::<Vec<_>>()
        .join("; ")
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
