//! The regions one episode covers, as a set of catalogue indices.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::entry::EntryError;
use super::region::RegionId;

/// The regions one episode covers, never empty: a set of catalogue
/// indices kept as the bits of one number, so an entry holds its regions
/// without a heap allocation. Iterates in catalogue order.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Regions(u128);

impl Regions {
    /// The regions in catalogue order.
    pub fn ids(&self) -> RegionIds {
        RegionIds(self.0)
    }

    /// True when the episode covers `region`.
    pub fn contains(&self, region: RegionId) -> bool {
        self.0 & bit(region) != 0
    }

    /// Just `region`.
    pub fn one(region: RegionId) -> Regions {
        Regions(bit(region))
    }

    /// These regions and `region`.
    pub fn with(self, region: RegionId) -> Regions {
        Regions(self.0 | bit(region))
    }

    /// How many regions the episode covers.
    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// Always false: an episode covers at least one region.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

/// The bit that stands for `region`.
fn bit(region: RegionId) -> u128 {
    1u128 << region.index()
}

impl fmt::Debug for Regions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.ids()).finish()
    }
}

/// The regions of a [`Regions`], in catalogue order.
#[derive(Debug, Clone)]
pub struct RegionIds(u128);

impl Iterator for RegionIds {
    type Item = RegionId;
    fn next(&mut self) -> Option<RegionId> {
        if self.0 == 0 {
            return None;
        }
        let index = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(RegionId::from_index(index))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.0.count_ones() as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for RegionIds {}

impl TryFrom<Vec<RegionId>> for Regions {
    type Error = EntryError;
    fn try_from(ids: Vec<RegionId>) -> Result<Self, Self::Error> {
        Regions::try_from_iter(ids)
    }
}

impl Regions {
    /// The set of `ids` (repeats count once), or an error when empty.
    pub fn try_from_iter(ids: impl IntoIterator<Item = RegionId>) -> Result<Regions, EntryError> {
        let set = ids.into_iter().fold(0, |set, id| set | bit(id));
        if set == 0 {
            Err(EntryError::NoRegions)
        } else {
            Ok(Regions(set))
        }
    }
}

impl From<Regions> for Vec<RegionId> {
    fn from(value: Regions) -> Self {
        value.ids().collect()
    }
}

impl Serialize for Regions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.ids())
    }
}

impl<'de> Deserialize<'de> for Regions {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ids = Vec::<RegionId>::deserialize(deserializer)?;
        Regions::try_from(ids).map_err(serde::de::Error::custom)
    }
}
