//! The body as geometry (`assets/body.ron`): the 74 regions of the CHOIR
//! Body Map as polygons, front and back, in one figure space.
//!
//! Everything derives from the shapes here: the figures rasterized for any
//! terminal size ([`BodyRaster`]), mouse hit-testing, keyboard navigation
//! (nearest region in a direction, and flipping front to back), and the
//! SVG of the map. No coordinates are written in code.

mod asset;
mod raster;
pub mod shape;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use asset::BodyAssetError;
pub use raster::{BodyRaster, Edge, FigureRaster, fit};
pub use shape::{Point, Polygon};

use super::region::{Catalogue, RegionId, View};

/// The embedded body geometry.
const BODY_RON: &str = include_str!("../../../assets/body.ron");

/// How the figures are drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MapStyle {
    /// Half-block cells filled with the heat colour, borders as thin
    /// darker lines.
    #[default]
    Solid,
    /// The silhouette and region borders in ASCII characters that follow
    /// the edges, heat as the cells' background.
    Outline,
}

impl MapStyle {
    /// The other style.
    pub fn toggled(self) -> MapStyle {
        match self {
            MapStyle::Solid => MapStyle::Outline,
            MapStyle::Outline => MapStyle::Solid,
        }
    }

    /// Its name, as in `config.ron`.
    pub fn as_str(self) -> &'static str {
        match self {
            MapStyle::Solid => "solid",
            MapStyle::Outline => "outline",
        }
    }
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

/// One region's shape on its figure.
#[derive(Debug, Clone)]
pub struct RegionShape {
    /// Which region.
    pub region: RegionId,
    /// Its outline in figure space.
    pub polygon: Polygon,
    /// The centre of its area.
    pub centroid: Point,
    /// For each side of the polygon, the region across it (`None` where
    /// the side is part of the silhouette).
    neighbours: Vec<Option<RegionId>>,
}

impl RegionShape {
    fn new(region: RegionId, polygon: Polygon) -> RegionShape {
        let centroid = polygon.centroid();
        let neighbours = vec![None; polygon.corners().len()];
        RegionShape {
            region,
            polygon,
            centroid,
            neighbours,
        }
    }

    /// Every side with the region across it (`None`: the silhouette).
    pub fn sides(&self) -> impl Iterator<Item = (Point, Point, Option<RegionId>)> + '_ {
        self.polygon
            .sides()
            .zip(&self.neighbours)
            .map(|((a, b), n)| (a, b, *n))
    }
}

/// A side as a key that does not depend on its direction.
fn side_key(a: Point, b: Point) -> [i64; 4] {
    let q = |v: f64| (v * 1000.0).round() as i64;
    let (a, b) = ([q(a.x), q(a.y)], [q(b.x), q(b.y)]);
    if a <= b {
        [a[0], a[1], b[0], b[1]]
    } else {
        [b[0], b[1], a[0], a[1]]
    }
}

/// One figure, front or back: the shapes of its regions.
#[derive(Debug)]
pub struct FigureShape {
    /// Front or back.
    pub view: View,
    shapes: Vec<RegionShape>,
}

impl FigureShape {
    /// A figure from its shapes; works out which region lies across each
    /// side, so borders and silhouette can be told apart.
    fn new(view: View, mut shapes: Vec<RegionShape>) -> FigureShape {
        let mut owners: HashMap<[i64; 4], Vec<RegionId>> = HashMap::new();
        for shape in &shapes {
            for (a, b) in shape.polygon.sides() {
                owners.entry(side_key(a, b)).or_default().push(shape.region);
            }
        }
        for shape in &mut shapes {
            let region = shape.region;
            shape.neighbours = shape
                .polygon
                .sides()
                .map(|(a, b)| {
                    owners
                        .get(&side_key(a, b))
                        .and_then(|o| o.iter().find(|r| **r != region).copied())
                })
                .collect();
        }
        FigureShape { view, shapes }
    }

    /// Every region's shape.
    pub fn shapes(&self) -> &[RegionShape] {
        &self.shapes
    }

    /// The region at a point of figure space, if any.
    pub fn region_at(&self, p: Point) -> Option<RegionId> {
        self.shapes
            .iter()
            .find(|s| s.polygon.contains(p))
            .map(|s| s.region)
    }

    /// The region whose centre is nearest to `p`.
    fn nearest_to(&self, p: Point) -> Option<RegionId> {
        self.shapes
            .iter()
            .min_by(|a, b| {
                a.centroid
                    .distance_squared(p)
                    .total_cmp(&b.centroid.distance_squared(p))
            })
            .map(|s| s.region)
    }
}

/// Both figures in one figure space.
#[derive(Debug)]
pub struct BodyGeometry {
    /// The figure space's width.
    pub width: f64,
    /// The figure space's height.
    pub height: f64,
    /// The front figure: the patient's right on the viewer's left.
    pub front: FigureShape,
    /// The back figure: the patient's left on the viewer's left.
    pub back: FigureShape,
    /// Where each region's shape is, by region index.
    index: Vec<Option<(View, usize)>>,
}

impl BodyGeometry {
    fn new(width: f64, height: f64, front: FigureShape, back: FigureShape) -> BodyGeometry {
        let mut index = vec![None; Catalogue::global().len()];
        for figure in [&front, &back] {
            for (i, shape) in figure.shapes.iter().enumerate() {
                index[shape.region.index()] = Some((figure.view, i));
            }
        }
        BodyGeometry {
            width,
            height,
            front,
            back,
            index,
        }
    }

    /// The embedded body geometry, parsed once.
    pub fn global() -> &'static BodyGeometry {
        static BODY: OnceLock<BodyGeometry> = OnceLock::new();
        BODY.get_or_init(|| {
            // Compiled in and checked by tests: a failure is a build defect.
            #[allow(clippy::expect_used)]
            BodyGeometry::parse(BODY_RON).expect("assets/body.ron is embedded and checked by tests")
        })
    }

    /// The figure for a view.
    pub fn figure(&self, view: View) -> &FigureShape {
        match view {
            View::Front => &self.front,
            View::Back => &self.back,
        }
    }

    /// A region's shape.
    pub fn shape(&self, region: RegionId) -> Option<&RegionShape> {
        let (view, i) = self.index.get(region.index()).copied().flatten()?;
        self.figure(view).shapes.get(i)
    }

    /// Where a region's centre sits with the front figure on the left and
    /// the back figure to its right, as on screen.
    fn screen_centroid(&self, region: RegionId) -> Option<Point> {
        let shape = self.shape(region)?;
        let offset = match region.region().view {
            View::Front => 0.0,
            View::Back => self.width * 1.25,
        };
        Some(Point::new(shape.centroid.x + offset, shape.centroid.y))
    }

    /// The region reached by pressing an arrow at `from`: the nearest one in
    /// that direction across both figures, favouring a straight line. Only
    /// regions within 45 degrees of the arrow count, so Left and Right stay
    /// on about the same height and Up and Down in about the same column.
    pub fn step(&self, from: RegionId, direction: Direction) -> Option<RegionId> {
        let start = self.screen_centroid(from)?;
        let score = |r: RegionId| -> Option<f64> {
            let p = self.screen_centroid(r)?;
            let (dx, dy) = (p.x - start.x, p.y - start.y);
            let (ahead, across) = match direction {
                Direction::Right => (dx, dy),
                Direction::Left => (-dx, dy),
                Direction::Down => (dy, dx),
                Direction::Up => (-dy, dx),
            };
            (ahead > 1.0 && across.abs() <= ahead).then_some(ahead + 2.5 * across.abs())
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
        let centre = self.shape(from)?.centroid;
        let other = match view {
            View::Front => &self.back,
            View::Back => &self.front,
        };
        // Left and right swap sides on screen between the two views.
        other.nearest_to(Point::new(self.width - centre.x, centre.y))
    }
}

#[cfg(test)]
mod tests;
