//! The body-map screen's own state: cursor, selection, hover, the drawing
//! style, and the figures rasterized for the terminal's size.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use super::layout::{self, BodyMapAreas};
use crate::domain::RegionId;
use crate::domain::body_map::{BodyGeometry, BodyRaster, MapStyle};

/// The body-map screen's own state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMapState {
    /// The region under the keyboard cursor.
    pub cursor: RegionId,
    /// Regions gathered with Space for one entry.
    pub selection: BTreeSet<RegionId>,
    /// The region under the mouse.
    pub hover: Option<RegionId>,
    /// How the figures are drawn.
    pub style: MapStyle,
    /// The figures rasterized for the current terminal: done once per size.
    raster: Arc<BodyRaster>,
}

impl Default for BodyMapState {
    fn default() -> Self {
        let mut state = BodyMapState {
            cursor: RegionId::default(),
            selection: BTreeSet::new(),
            hover: None,
            style: MapStyle::default(),
            raster: Arc::new(BodyRaster::new(BodyGeometry::global(), 1, 1)),
        };
        state.fit_to(Rect::new(0, 0, 80, 24));
        state
    }
}

impl BodyMapState {
    /// Rasterizes the figures for a terminal of size `area`, unless they
    /// already have that size.
    pub fn fit_to(&mut self, area: Rect) {
        if let Some(areas) = layout::body_map(layout::screen(area).body)
            && self.raster.size() != areas.figure
        {
            let (cols, rows) = areas.figure;
            self.raster = Arc::new(BodyRaster::new(BodyGeometry::global(), cols, rows));
        }
    }

    /// The figures at the size `areas` lays out: the stored ones, or (when
    /// drawing at another size than the terminal's) rasterized afresh.
    pub fn raster_for(&self, areas: &BodyMapAreas) -> Cow<'_, BodyRaster> {
        if self.raster.size() == areas.figure {
            Cow::Borrowed(&self.raster)
        } else {
            let (cols, rows) = areas.figure;
            Cow::Owned(BodyRaster::new(BodyGeometry::global(), cols, rows))
        }
    }

    /// The region drawn at a screen cell of a terminal of size `area`.
    pub fn region_at(&self, area: Rect, x: u16, y: u16) -> Option<RegionId> {
        let areas = layout::body_map(layout::screen(area).body)?;
        let raster = self.raster_for(&areas);
        let point = Position::new(x, y);
        [(areas.front, &raster.front), (areas.back, &raster.back)]
            .into_iter()
            .find(|(rect, _)| rect.contains(point))
            .and_then(|(rect, figure)| figure.region_at(x - rect.x, y - rect.y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_region_is_clickable_at_every_size() {
        let mut state = BodyMapState::default();
        for (w, h) in [(64, 24), (80, 24), (120, 40), (200, 60), (300, 100)] {
            let area = Rect::new(0, 0, w, h);
            state.fit_to(area);
            let areas = layout::body_map(layout::screen(area).body).unwrap();
            assert_eq!(state.raster.size(), areas.figure, "rasterized for {w}x{h}");
            let mut found = HashSet::new();
            for rect in [areas.front, areas.back] {
                for y in rect.top()..rect.bottom() {
                    for x in rect.left()..rect.right() {
                        found.extend(state.region_at(area, x, y));
                    }
                }
            }
            assert_eq!(found.len(), 74, "{w}x{h}");
            assert_eq!(state.region_at(area, 0, 0), None, "the header is no region");
        }
    }

    #[test]
    fn the_raster_is_kept_while_the_size_stays() {
        let mut state = BodyMapState::default();
        state.fit_to(Rect::new(0, 0, 120, 40));
        let before = Arc::clone(&state.raster);
        state.fit_to(Rect::new(0, 0, 120, 40));
        assert!(Arc::ptr_eq(&before, &state.raster));
        state.fit_to(Rect::new(0, 0, 121, 40));
        assert!(Arc::ptr_eq(&before, &state.raster), "same figure size");
        state.fit_to(Rect::new(0, 0, 120, 41));
        assert!(!Arc::ptr_eq(&before, &state.raster));
    }
}
