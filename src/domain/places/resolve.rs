//! From typed words to the regions they name, for the command line, the
//! guided log and the edit form: one place, places joined by "and", or a
//! list separated by commas; or why the words name none.

use super::{Catalogue, FILLER, LISTED, PlaceError, RegionId, find, nearest, side_of, words_of};

/// The regions typed words name, for the command line and the edit form:
/// an exact match, a band, a plural or `both`, or the one region that
/// matches; otherwise why not, in full words.
pub fn resolve(query: &str) -> Result<Vec<RegionId>, PlaceError> {
    // "left sole and right palm" is two places, each with its own side;
    // "left and right hand" is one, read whole when its pieces are not.
    // A list (the edit form's "Foot, sole (left); Hand, palm (right)") is
    // read as one.
    let pieces = if query.contains([',', ';']) {
        vec![query.to_string()]
    } else {
        pieces_joined_by_and(query)
    };
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

/// The places of a query joined by "and" (or `&`, `+`), as typed; a side
/// named after a place begins another ("left sole right palm").
fn pieces_joined_by_and(query: &str) -> Vec<String> {
    let joined = query.replace(['&', '+'], " and ");
    let mut pieces: Vec<Vec<String>> = vec![Vec::new()];
    let (mut side_said, mut place_after_side) = (false, false);
    for word in words_of(&joined) {
        if word == "and" || word == "plus" {
            pieces.push(Vec::new());
            (side_said, place_after_side) = (false, false);
            continue;
        }
        if side_of(&word).is_some() {
            if side_said && place_after_side {
                pieces.push(Vec::new());
            }
            (side_said, place_after_side) = (true, false);
        } else if side_said && !FILLER.contains(&word.as_str()) {
            place_after_side = true;
        }
        if let Some(piece) = pieces.last_mut() {
            piece.push(word);
        }
    }
    pieces
        .into_iter()
        .filter(|piece| !piece.is_empty())
        .map(|piece| piece.join(" "))
        .collect()
}

/// Every piece's regions, each once, in the order said. Each piece is
/// read as typed; one that could be either side ("sole" in "right palm
/// and sole") takes the side said before it.
fn resolve_pieces(pieces: &[String]) -> Result<Vec<RegionId>, PlaceError> {
    let mut regions = Vec::new();
    let mut side: Option<String> = None;
    for piece in pieces {
        let own_side = words_of(piece).into_iter().find(|w| side_of(w).is_some());
        let found = match (resolve_one(piece), &own_side, &side) {
            (Err(unsure @ PlaceError::Ambiguous { .. }), None, Some(side)) => {
                resolve_one(&format!("{side} {piece}")).map_err(|_| unsure)
            }
            (found, ..) => found,
        }?;
        if own_side.is_some() {
            side = own_side;
        }
        for region in found {
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
