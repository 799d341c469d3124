//! The region catalogue: the 74 segments of the CHOIR Body Map.
//!
//! The catalogue is data (`assets/regions.ron`), embedded at compile time.
//! Entries refer to regions through [`RegionId`], a small index into the
//! catalogue that is stored on disk as the region's stable kebab-case id.

use rustc_hash::FxHashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The embedded catalogue source.
const CATALOGUE_RON: &str = include_str!("../../assets/regions.ron");

/// Which figure a region is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// The body seen from the front.
    Front,
    /// The body seen from the back.
    Back,
}

impl View {
    /// Lower-case name, as used in tables and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Front => "front",
            View::Back => "back",
        }
    }
}

/// The patient's side of the body (never the viewer's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The patient's left.
    Left,
    /// The patient's right.
    Right,
}

impl Side {
    /// Lower-case name, as used in tables and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// One segment of the body map.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Region {
    /// CHOIR key, e.g. `f25`.
    pub key: String,
    /// Stable kebab-case id that names the side, e.g. `right-palm`.
    pub id: String,
    /// Display name with the side spelled out, e.g. `Hand, palm (right)`.
    pub name: String,
    /// Front or back figure.
    pub view: View,
    /// The patient's side.
    pub side: Side,
}

impl Region {
    /// CHOIR database code: `f25` -> 125, `b07` -> 207.
    pub fn code(&self) -> u16 {
        let base = match self.view {
            View::Front => 100,
            View::Back => 200,
        };
        base + self.key[1..].parse::<u16>().unwrap_or(0)
    }

    /// A short name for narrow columns that still says the side:
    /// `R palm`, `L upper back`, `R knee front`.
    pub fn short_name(&self) -> String {
        let side = match self.side {
            Side::Left => "L",
            Side::Right => "R",
        };
        let part = self
            .id
            .split_once('-')
            .map_or(self.id.as_str(), |(_, part)| part);
        format!("{side} {}", part.replace('-', " "))
    }

    /// The label a person reads to be sure of the side: `Hand, palm (right) - f25`.
    pub fn label(&self) -> String {
        format!("{} - {}", self.name, self.key)
    }
}

/// The most regions a catalogue may hold: an entry keeps its set of
/// regions as the bits of a `u128`.
pub const MAX_REGIONS: usize = 128;

/// Index of a region in the global [`Catalogue`]. Serialized as the region id.
/// The default is the catalogue's first region.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionId(u8);

impl RegionId {
    /// The catalogue entry this id points to.
    pub fn region(self) -> &'static Region {
        &Catalogue::global().regions[self.0 as usize]
    }

    /// Position in the catalogue, usable as a dense array index.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The id at `index`, which a caller took from [`RegionId::index`].
    pub(crate) fn from_index(index: usize) -> RegionId {
        RegionId(index as u8)
    }
}

impl fmt::Display for RegionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.region().id)
    }
}

impl Serialize for RegionId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.region().id)
    }
}

impl<'de> Deserialize<'de> for RegionId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Reads the id without allocating when the input lends its text.
        struct RegionVisitor;
        impl serde::de::Visitor<'_> for RegionVisitor {
            type Value = RegionId;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a region id such as \"right-palm\"")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RegionId, E> {
                Catalogue::global().lookup(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(RegionVisitor)
    }
}

/// A region name that matched nothing, with the closest catalogue ids.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown region '{input}'; closest: {}", suggestions.join(", "))]
pub struct UnknownRegion {
    /// What was typed.
    pub input: String,
    /// The closest region ids, best first.
    pub suggestions: Vec<String>,
}

/// All 74 regions, front first, in CHOIR key order.
#[derive(Debug)]
pub struct Catalogue {
    regions: Vec<Region>,
    /// Every accepted spelling (id, key, code, name; lower case) to its region.
    by_alias: FxHashMap<String, RegionId>,
}

impl Catalogue {
    /// The embedded catalogue, parsed once.
    pub fn global() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| {
            // The asset is compiled in and checked by the tests below: failing
            // here is a build defect, never bad user input.
            #[allow(clippy::expect_used)]
            let regions: Vec<Region> = ron::from_str(CATALOGUE_RON)
                .expect("assets/regions.ron is embedded and checked by tests");
            assert!(
                regions.len() <= MAX_REGIONS,
                "an entry keeps its regions in a u128"
            );
            let by_alias = regions
                .iter()
                .enumerate()
                .flat_map(|(i, r)| {
                    let id = RegionId(i as u8);
                    [
                        r.id.clone(),
                        r.key.clone(),
                        r.code().to_string(),
                        r.name.to_lowercase(),
                        r.label().to_lowercase(),
                    ]
                    .map(|alias| (alias, id))
                })
                .collect();
            Catalogue { regions, by_alias }
        })
    }

    /// Every region, in catalogue order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Every region id, in catalogue order.
    pub fn ids(&self) -> impl Iterator<Item = RegionId> + '_ {
        (0..self.regions.len()).map(|i| RegionId(i as u8))
    }

    /// Number of regions (74).
    pub fn len(&self) -> usize {
        self.regions.len()
    }

    /// Always false: the catalogue is never empty.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// Finds a region by id (`right-palm`), CHOIR key (`f25`), CHOIR code
    /// (`125`) or display name, ignoring case and surrounding space.
    pub fn lookup(&self, input: &str) -> Result<RegionId, UnknownRegion> {
        if let Some(&id) = self.by_alias.get(input) {
            return Ok(id);
        }
        let wanted = input.trim().to_lowercase();
        match self.by_alias.get(&wanted) {
            Some(&id) => Ok(id),
            None => Err(UnknownRegion {
                input: input.to_string(),
                suggestions: self.closest(&wanted, 3),
            }),
        }
    }

    /// The `n` region ids closest to `input` by edit distance.
    fn closest(&self, input: &str, n: usize) -> Vec<String> {
        let mut scored: Vec<(f64, &str)> = self
            .regions
            .iter()
            .map(|r| {
                let by_id = strsim::jaro_winkler(input, &r.id);
                let by_name = strsim::jaro_winkler(input, &r.name.to_lowercase());
                (by_id.max(by_name), r.id.as_str())
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored
            .into_iter()
            .take(n)
            .map(|(_, id)| id.to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const FRONT_KEYS: usize = 36;
    const BACK_KEYS: usize = 38;

    #[test]
    fn holds_exactly_the_74_choir_keys_once_each() {
        let cat = Catalogue::global();
        let keys: HashSet<&str> = cat.regions().iter().map(|r| r.key.as_str()).collect();
        let expected: HashSet<String> = (1..=FRONT_KEYS)
            .map(|n| format!("f{n:02}"))
            .chain((1..=BACK_KEYS).map(|n| format!("b{n:02}")))
            .collect();
        assert_eq!(cat.len(), 74);
        assert_eq!(keys.len(), 74, "keys are unique");
        assert_eq!(keys, expected.iter().map(String::as_str).collect());
    }

    #[test]
    fn ids_are_unique_kebab_case_and_name_the_side() {
        let cat = Catalogue::global();
        let ids: HashSet<&str> = cat.regions().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), 74);
        for r in cat.regions() {
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is kebab-case",
                r.id
            );
            assert!(r.id.starts_with(r.side.as_str()), "{} names its side", r.id);
            assert!(
                r.name.contains(r.side.as_str()),
                "{} names its side",
                r.name
            );
            let key_view = if r.key.starts_with('f') {
                View::Front
            } else {
                View::Back
            };
            assert_eq!(r.view, key_view, "{} view matches key", r.key);
        }
    }

    #[test]
    fn short_names_keep_the_side_and_the_view_where_both_exist() {
        let short = |id: &str| {
            Catalogue::global()
                .lookup(id)
                .unwrap()
                .region()
                .short_name()
        };
        assert_eq!(short("right-palm"), "R palm");
        assert_eq!(short("left-upper-back"), "L upper back");
        assert_eq!(short("left-knee-back"), "L knee back");
        let all: HashSet<String> = Catalogue::global()
            .regions()
            .iter()
            .map(Region::short_name)
            .collect();
        assert_eq!(all.len(), 74, "short names are unique");
    }

    #[test]
    fn codes_derive_from_keys() {
        let cat = Catalogue::global();
        let f25 = cat.lookup("f25").unwrap().region();
        assert_eq!(f25.code(), 125);
        assert_eq!(f25.id, "right-palm");
        assert_eq!(cat.lookup("b07").unwrap().region().code(), 207);
        assert_eq!(cat.lookup("b38").unwrap().region().code(), 238);
    }

    #[test]
    fn lookup_by_id_key_code_or_name_ignores_case() {
        let cat = Catalogue::global();
        let palm = cat.lookup("right-palm").unwrap();
        for alias in ["RIGHT-PALM", "f25", "F25", "125", " Hand, palm (right) "] {
            assert_eq!(cat.lookup(alias).unwrap(), palm, "{alias}");
        }
        assert_eq!(cat.lookup("left-upper-back").unwrap().region().key, "b08");
    }

    #[test]
    fn unknown_region_names_the_closest_matches() {
        let err = Catalogue::global().lookup("rigth-palm").unwrap_err();
        assert_eq!(err.suggestions[0], "right-palm");
        assert!(err.to_string().contains("unknown region 'rigth-palm'"));
    }

    #[test]
    fn region_id_serializes_as_its_stable_id() {
        let id = Catalogue::global().lookup("b37").unwrap();
        assert_eq!(ron::to_string(&id).unwrap(), "\"left-sole\"");
        let back: RegionId = ron::from_str("\"left-sole\"").unwrap();
        assert_eq!(back, id);
        assert!(ron::from_str::<RegionId>("\"left-tail\"").is_err());
    }
}
