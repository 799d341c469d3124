//! The body outline as data: ASCII art plus a region mask of the same shape,
//! front and back, in several sizes (`assets/body.ron`).
//!
//! Drawing, heat colours, mouse hit-testing and keyboard navigation all
//! derive from the masks here; no coordinates are written in code.

mod asset;

use std::sync::OnceLock;

pub use asset::BodyAssetError;

use super::region::{Catalogue, RegionId, View};

/// The embedded outline source.
const BODY_RON: &str = include_str!("../../../assets/body.ron");

/// How the figures are drawn: small enough for 80x24, or large.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FigureSize {
    /// Fits an 80x24 terminal.
    Compact,
    /// For big terminals.
    Large,
}

impl FigureSize {
    /// Every size, smallest first.
    pub const ALL: [FigureSize; 2] = [FigureSize::Compact, FigureSize::Large];
}

/// An arrow direction on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Towards the top of the screen.
    Up,
    /// Towards the bottom of the screen.
    Down,
    /// Towards the viewer's left.
    Left,
    /// Towards the viewer's right.
    Right,
}

impl Direction {
    /// Every direction.
    pub const ALL: [Direction; 4] = [
        Direction::Up,
        Direction::Down,
        Direction::Left,
        Direction::Right,
    ];
}

/// One figure: art characters and the region under each cell.
#[derive(Debug)]
pub struct Figure {
    /// Front or back.
    pub view: View,
    width: u16,
    height: u16,
    art: Vec<Vec<char>>,
    mask: Vec<Vec<Option<RegionId>>>,
    /// Centre of each region's cells, by region index.
    centroids: Vec<Option<(f64, f64)>>,
}

impl Figure {
    /// Width in cells.
    pub fn width(&self) -> u16 {
        self.width
    }

    /// Height in cells.
    pub fn height(&self) -> u16 {
        self.height
    }

    /// The art character at a cell (a space outside the drawing).
    pub fn art_at(&self, x: u16, y: u16) -> char {
        self.art
            .get(y as usize)
            .and_then(|row| row.get(x as usize))
            .copied()
            .unwrap_or(' ')
    }

    /// The region under a cell, if any.
    pub fn region_at(&self, x: u16, y: u16) -> Option<RegionId> {
        self.mask
            .get(y as usize)?
            .get(x as usize)
            .copied()
            .flatten()
    }

    /// The centre of a region's cells, if the region is on this figure.
    pub fn centroid(&self, region: RegionId) -> Option<(f64, f64)> {
        self.centroids.get(region.index()).copied().flatten()
    }

    /// Every region drawn on this figure, in catalogue order.
    pub fn regions(&self) -> impl Iterator<Item = RegionId> + '_ {
        Catalogue::global()
            .ids()
            .filter(|r| self.centroid(*r).is_some())
    }

    /// Every cell of `region`, row by row.
    pub fn cells(&self, region: RegionId) -> impl Iterator<Item = (u16, u16)> + '_ {
        self.mask.iter().enumerate().flat_map(move |(y, row)| {
            row.iter()
                .enumerate()
                .filter(move |(_, r)| **r == Some(region))
                .map(move |(x, _)| (x as u16, y as u16))
        })
    }

    /// The region of this figure whose centre is nearest to `(x, y)`.
    fn nearest_to(&self, x: f64, y: f64) -> Option<RegionId> {
        self.regions().min_by(|a, b| {
            let d = |r: &RegionId| {
                self.centroid(*r)
                    .map_or(f64::MAX, |(cx, cy)| (cx - x).powi(2) + (cy - y).powi(2))
            };
            d(a).total_cmp(&d(b))
        })
    }
}

/// Both figures at one size.
#[derive(Debug)]
pub struct BodyFigures {
    /// The size.
    pub size: FigureSize,
    /// The front figure.
    pub front: Figure,
    /// The back figure.
    pub back: Figure,
}

impl BodyFigures {
    /// The figure for a view.
    pub fn figure(&self, view: View) -> &Figure {
        match view {
            View::Front => &self.front,
            View::Back => &self.back,
        }
    }

    /// Where a region sits when the front figure is drawn on the left and
    /// the back figure to its right, as on screen.
    fn screen_centroid(&self, region: RegionId) -> Option<(f64, f64)> {
        let (x, y) = self.figure(region.region().view).centroid(region)?;
        let offset = match region.region().view {
            View::Front => 0.0,
            View::Back => f64::from(self.front.width) * 1.25,
        };
        Some((x + offset, y))
    }

    /// The region reached by pressing an arrow at `from`: the nearest one in
    /// that direction across both figures, favouring a straight line.
    pub fn step(&self, from: RegionId, direction: Direction) -> Option<RegionId> {
        let (fx, fy) = self.screen_centroid(from)?;
        let score = |r: RegionId| -> Option<f64> {
            let (x, y) = self.screen_centroid(r)?;
            let (dx, dy) = (x - fx, y - fy);
            let (ahead, across) = match direction {
                Direction::Right => (dx, dy),
                Direction::Left => (-dx, dy),
                Direction::Down => (dy, dx),
                Direction::Up => (-dy, dx),
            };
            (ahead > 0.4).then_some(ahead + 2.5 * across.abs())
        };
        Catalogue::global()
            .ids()
            .filter(|r| *r != from)
            .filter_map(|r| score(r).map(|s| (s, r)))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, r)| r)
    }

    /// The same part of the body on the other figure: front palm to back of
    /// the hand, on the same side of the patient.
    pub fn flip(&self, from: RegionId) -> Option<RegionId> {
        let view = from.region().view;
        let (x, y) = self.figure(view).centroid(from)?;
        let other = match view {
            View::Front => &self.back,
            View::Back => &self.front,
        };
        // Left and right swap sides on screen between the two views.
        let mirrored_x = f64::from(self.figure(view).width) - 1.0 - x;
        other.nearest_to(mirrored_x, y)
    }
}

/// Every size of the body outline.
#[derive(Debug)]
pub struct BodyMap {
    sizes: Vec<BodyFigures>,
}

impl BodyMap {
    /// The embedded body outline, parsed once.
    pub fn global() -> &'static BodyMap {
        static BODY: OnceLock<BodyMap> = OnceLock::new();
        BODY.get_or_init(|| {
            // Compiled in and checked by tests: a failure is a build defect.
            #[allow(clippy::expect_used)]
            BodyMap::parse(BODY_RON).expect("assets/body.ron is embedded and checked by tests")
        })
    }

    /// The figures at one size.
    pub fn figures(&self, size: FigureSize) -> &BodyFigures {
        let index = FigureSize::ALL.iter().position(|s| *s == size).unwrap_or(0);
        &self.sizes[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashSet, VecDeque};

    fn region(id: &str) -> RegionId {
        Catalogue::global().lookup(id).unwrap()
    }

    #[test]
    fn every_region_has_cells_on_its_own_figure_in_every_size() {
        for size in FigureSize::ALL {
            let figures = BodyMap::global().figures(size);
            for r in Catalogue::global().ids() {
                let figure = figures.figure(r.region().view);
                assert!(
                    figure.cells(r).next().is_some(),
                    "{size:?}: {} has no cells",
                    r.region().key
                );
            }
            let drawn = figures.front.regions().count() + figures.back.regions().count();
            assert_eq!(drawn, 74, "{size:?}");
        }
    }

    #[test]
    fn everything_drawn_is_part_of_a_region() {
        for size in FigureSize::ALL {
            for figure in [
                &BodyMap::global().figures(size).front,
                &BodyMap::global().figures(size).back,
            ] {
                for y in 0..figure.height() {
                    for x in 0..figure.width() {
                        if figure.art_at(x, y) != ' ' {
                            assert!(
                                figure.region_at(x, y).is_some(),
                                "{size:?} {:?} art at {x},{y} has no region",
                                figure.view
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_patients_right_is_on_the_viewers_left_in_front_and_right_in_back() {
        for size in FigureSize::ALL {
            let figures = BodyMap::global().figures(size);
            let mid = f64::from(figures.front.width()) / 2.0;
            for r in Catalogue::global().ids() {
                let info = r.region();
                let (x, _) = figures.figure(info.view).centroid(r).unwrap();
                let on_viewers_left = x < mid;
                let expected = matches!(
                    (info.view, info.side),
                    (View::Front, crate::domain::Side::Right)
                        | (View::Back, crate::domain::Side::Left)
                );
                assert_eq!(on_viewers_left, expected, "{size:?} {}", info.id);
            }
        }
    }

    #[test]
    fn the_compact_size_fits_an_80x24_terminal() {
        let figures = BodyMap::global().figures(FigureSize::Compact);
        assert!(figures.front.height() <= 20 && figures.front.width() <= 20);
        let large = BodyMap::global().figures(FigureSize::Large);
        assert!(large.front.height() > figures.front.height());
    }

    #[test]
    fn arrows_move_spatially() {
        let figures = BodyMap::global().figures(FigureSize::Compact);
        assert_eq!(
            figures.step(region("right-face"), Direction::Up),
            Some(region("right-cranium-front"))
        );
        assert_eq!(
            figures.step(region("right-face"), Direction::Right),
            Some(region("left-face"))
        );
        assert_eq!(
            figures.step(region("right-chest"), Direction::Down),
            Some(region("right-abdomen"))
        );
        assert_eq!(
            figures.step(region("right-lower-leg-front"), Direction::Down),
            Some(region("right-ankle-front"))
        );
        assert_eq!(
            figures.step(region("right-foot-top"), Direction::Down),
            None
        );
        // Off the front figure's right edge and onto the back figure.
        let crossing = figures.step(region("left-palm"), Direction::Right).unwrap();
        assert_eq!(crossing.region().view, View::Back);
    }

    #[test]
    fn flip_finds_the_same_part_on_the_same_side() {
        for size in FigureSize::ALL {
            let figures = BodyMap::global().figures(size);
            assert_eq!(
                figures.flip(region("right-palm")),
                Some(region("right-hand-back")),
                "{size:?}"
            );
            assert_eq!(
                figures.flip(region("left-sole")),
                Some(region("left-foot-top")),
                "{size:?}"
            );
            assert_eq!(
                figures.flip(region("right-chest")),
                Some(region("right-upper-back")),
                "{size:?}"
            );
            assert_eq!(
                figures.flip(region("left-knee-front")),
                Some(region("left-knee-back")),
                "{size:?}"
            );
        }
    }

    #[test]
    fn all_74_regions_are_reachable_by_keys_from_any_start_in_every_size() {
        for size in FigureSize::ALL {
            let figures = BodyMap::global().figures(size);
            for start in Catalogue::global().ids() {
                let mut seen = HashSet::from([start]);
                let mut queue = VecDeque::from([start]);
                while let Some(r) = queue.pop_front() {
                    let next = Direction::ALL
                        .iter()
                        .filter_map(|d| figures.step(r, *d))
                        .chain(figures.flip(r));
                    for n in next {
                        if seen.insert(n) {
                            queue.push_back(n);
                        }
                    }
                }
                assert_eq!(seen.len(), 74, "{size:?} from {}", start.region().id);
            }
        }
    }
}
