//! The figures rasterized for a terminal: which region each cell and each
//! half cell shows, where region borders run and in which direction.
//!
//! A cell is about twice as tall as it is wide, so a figure `rows` high is
//! about `rows * 0.93` columns wide. Each cell is split into two pixels,
//! top and bottom, for half-block drawing. Rasterizing is done once per
//! size; drawing a frame only reads the result.

mod edges;
mod samples;

use edges::trace_edges;
use samples::{CellCounts, Samples, plurality};

use super::shape::Point;
use super::{BodyGeometry, FigureShape};
use crate::domain::region::{Catalogue, RegionId, View};

/// How much taller a terminal cell is than wide.
pub const CELL_ASPECT: f64 = 2.0;
/// Samples of one pixel that must lie inside the body for it to be drawn.
const PIXEL_INSIDE: u16 = 3;

/// The largest figure, in (columns, rows), that fits in `max_cols` by
/// `max_rows` cells and keeps the body's proportions.
pub fn fit(geometry: &BodyGeometry, max_cols: u16, max_rows: u16) -> (u16, u16) {
    let cols_per_row = geometry.width / geometry.height * CELL_ASPECT;
    let cols = (f64::from(max_rows) * cols_per_row).round();
    if cols <= f64::from(max_cols) {
        return (cols as u16, max_rows);
    }
    let rows = (f64::from(max_cols) / cols_per_row)
        .round()
        .min(f64::from(max_rows));
    (max_cols, rows as u16)
}

/// A region border or the silhouette passing through a cell, as an ASCII
/// character that follows its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// One of `_ - | / \`.
    pub glyph: char,
    /// Whether it is the body's outline rather than a border between regions.
    pub silhouette: bool,
}

/// One figure at one size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRaster {
    /// Front or back.
    pub view: View,
    width: u16,
    height: u16,
    cells: Vec<Option<RegionId>>,
    pixels: Vec<Option<RegionId>>,
    edges: Vec<Option<Edge>>,
    anchors: Vec<Option<(u16, u16)>>,
}

impl FigureRaster {
    /// Width in cells.
    pub fn width(&self) -> u16 {
        self.width
    }

    /// Height in cells.
    pub fn height(&self) -> u16 {
        self.height
    }

    /// The region a cell belongs to (for clicks and glyphs), if any.
    pub fn region_at(&self, x: u16, y: u16) -> Option<RegionId> {
        if x >= self.width || y >= self.height {
            return None;
        }
        self.cells[usize::from(y) * usize::from(self.width) + usize::from(x)]
    }

    /// The region of one half of a cell: `py` counts half rows, so the top
    /// half of row `y` is `2 * y` and the bottom half `2 * y + 1`.
    pub fn pixel(&self, x: u16, py: u16) -> Option<RegionId> {
        if x >= self.width || py >= 2 * self.height {
            return None;
        }
        self.pixels[usize::from(py) * usize::from(self.width) + usize::from(x)]
    }

    /// Whether a pixel sits on a border with another region: the pixel to
    /// its right or below belongs to a different one. Borders are drawn on
    /// one side only, so they stay one pixel thin.
    pub fn is_border_pixel(&self, x: u16, py: u16) -> bool {
        let Some(region) = self.pixel(x, py) else {
            return false;
        };
        [self.pixel(x + 1, py), self.pixel(x, py + 1)]
            .into_iter()
            .any(|n| n.is_some_and(|n| n != region))
    }

    /// How many pixels show `region`.
    pub fn pixel_count(&self, region: RegionId) -> usize {
        self.pixels.iter().filter(|p| **p == Some(region)).count()
    }

    /// The border or outline through a cell, if any.
    pub fn edge(&self, x: u16, y: u16) -> Option<Edge> {
        if x >= self.width || y >= self.height {
            return None;
        }
        self.edges[usize::from(y) * usize::from(self.width) + usize::from(x)]
    }

    /// The cell of a region nearest its centre: where markers and glyphs go.
    pub fn anchor(&self, region: RegionId) -> Option<(u16, u16)> {
        self.anchors.get(region.index()).copied().flatten()
    }

    /// Every cell of `region`, row by row.
    pub fn cells(&self, region: RegionId) -> impl Iterator<Item = (u16, u16)> + '_ {
        let width = usize::from(self.width);
        self.cells
            .iter()
            .enumerate()
            .filter(move |(_, r)| **r == Some(region))
            .map(move |(i, _)| ((i % width) as u16, (i / width) as u16))
    }

    /// Every region with at least one cell.
    pub fn regions(&self) -> impl Iterator<Item = RegionId> + '_ {
        Catalogue::global()
            .ids()
            .filter(|r| self.anchor(*r).is_some())
    }
}

/// Both figures at one size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRaster {
    /// The front figure.
    pub front: FigureRaster,
    /// The back figure.
    pub back: FigureRaster,
}

impl BodyRaster {
    /// Rasterizes both figures `cols` wide and `rows` high.
    pub fn new(geometry: &BodyGeometry, cols: u16, rows: u16) -> BodyRaster {
        let scale = Scale {
            cols,
            rows,
            x: f64::from(cols) / geometry.width,
            y: f64::from(rows) / geometry.height,
        };
        BodyRaster {
            front: rasterize(&geometry.front, scale),
            back: rasterize(&geometry.back, scale),
        }
    }

    /// The figure for a view.
    pub fn figure(&self, view: View) -> &FigureRaster {
        match view {
            View::Front => &self.front,
            View::Back => &self.back,
        }
    }

    /// Each figure's size in cells: (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        (self.front.width, self.front.height)
    }
}

/// Cells per unit of figure space, and the grid size.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    pub(super) cols: u16,
    pub(super) rows: u16,
    pub(super) x: f64,
    pub(super) y: f64,
}

impl Scale {
    /// The centre of a cell in figure space.
    pub(super) fn cell_centre(self, x: u16, y: u16) -> Point {
        Point::new((f64::from(x) + 0.5) / self.x, (f64::from(y) + 0.5) / self.y)
    }
}

/// Rasterizes one figure.
fn rasterize(figure: &FigureShape, scale: Scale) -> FigureRaster {
    let shapes = figure.shapes();
    let region_of = |v: u8| shapes[usize::from(v) - 1].region;
    let samples = Samples::take(figure, scale);
    let (cols, rows) = (usize::from(scale.cols), usize::from(scale.rows));
    let mut pixels = vec![None; cols * rows * 2];
    let mut cells = vec![None; cols * rows];
    let mut counts_by_cell = Vec::with_capacity(cols * rows);
    for y in 0..scale.rows {
        for x in 0..scale.cols {
            let top = samples.count_pixel(x, 2 * y);
            let bottom = samples.count_pixel(x, 2 * y + 1);
            let chosen = [
                plurality(&top, PIXEL_INSIDE),
                plurality(&bottom, PIXEL_INSIDE),
            ];
            let whole = samples.count_cell(x, y);
            let cell = whole
                .iter()
                .find(|(s, _)| chosen.contains(&Some(*s)))
                .map(|c| c.0);
            let i = usize::from(y) * cols + usize::from(x);
            cells[i] = cell.map(region_of);
            pixels[2 * usize::from(y) * cols + usize::from(x)] = chosen[0].map(region_of);
            pixels[(2 * usize::from(y) + 1) * cols + usize::from(x)] = chosen[1].map(region_of);
            counts_by_cell.push(CellCounts { top, bottom });
        }
    }
    let mut raster = FigureRaster {
        view: figure.view,
        width: scale.cols,
        height: scale.rows,
        cells,
        pixels,
        edges: vec![None; cols * rows],
        anchors: vec![None; Catalogue::global().len()],
    };
    give_every_region_a_cell(figure, scale, &mut raster, &counts_by_cell);
    show_every_cell_in_its_pixels(&mut raster, &counts_by_cell, figure);
    place_anchors(figure, scale, &mut raster);
    trace_edges(figure, scale, &mut raster);
    raster
}

/// A region too thin to win any cell takes the cell where most of it
/// falls, from a neighbour that has cells to spare.
fn give_every_region_a_cell(
    figure: &FigureShape,
    scale: Scale,
    raster: &mut FigureRaster,
    counts: &[CellCounts],
) {
    let cols = usize::from(scale.cols);
    let mut owned = vec![0usize; Catalogue::global().len()];
    for region in raster.cells.iter().flatten() {
        owned[region.index()] += 1;
    }
    for (index, shape) in figure.shapes().iter().enumerate() {
        if owned[shape.region.index()] > 0 {
            continue;
        }
        let tag = index as u8 + 1;
        let spare = |i: usize| raster.cells[i].is_none_or(|r| owned[r.index()] > 1);
        let best = counts
            .iter()
            .enumerate()
            .filter(|(i, _)| spare(*i))
            .map(|(i, cell)| {
                let (top, bottom) = cell.of(tag);
                (top + bottom, i)
            })
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, i)| (*n, std::cmp::Reverse(*i)))
            .map(|(_, i)| i)
            .or_else(|| {
                let x = (shape.centroid.x * scale.x)
                    .floor()
                    .clamp(0.0, f64::from(scale.cols) - 1.0);
                let y = (shape.centroid.y * scale.y)
                    .floor()
                    .clamp(0.0, f64::from(scale.rows) - 1.0);
                Some(y as usize * cols + x as usize).filter(|i| spare(*i))
            });
        if let Some(i) = best {
            if let Some(previous) = raster.cells[i] {
                owned[previous.index()] -= 1;
            }
            raster.cells[i] = Some(shape.region);
            owned[shape.region.index()] += 1;
        }
    }
}

/// Every cell's region shows in at least one of its two pixels, so what can
/// be clicked can also be seen.
fn show_every_cell_in_its_pixels(
    raster: &mut FigureRaster,
    counts: &[CellCounts],
    figure: &FigureShape,
) {
    let cols = usize::from(raster.width);
    for (i, region) in raster.cells.iter().enumerate() {
        let Some(region) = *region else { continue };
        let (x, y) = (i % cols, i / cols);
        let (top, bottom) = (2 * y * cols + x, (2 * y + 1) * cols + x);
        if raster.pixels[top] == Some(region) || raster.pixels[bottom] == Some(region) {
            continue;
        }
        let tag = figure
            .shapes()
            .iter()
            .position(|s| s.region == region)
            .map_or(0, |p| p as u8 + 1);
        let (top_samples, bottom_samples) = counts[i].of(tag);
        let pixel = if bottom_samples > top_samples {
            bottom
        } else {
            top
        };
        raster.pixels[pixel] = Some(region);
    }
}

/// Each region's anchor: its cell nearest the centre of its shape, measured
/// as the eye sees it (a row is two columns tall).
fn place_anchors(figure: &FigureShape, scale: Scale, raster: &mut FigureRaster) {
    for shape in figure.shapes() {
        let (cx, cy) = (shape.centroid.x * scale.x, shape.centroid.y * scale.y);
        raster.anchors[shape.region.index()] = raster.cells(shape.region).min_by(|a, b| {
            let d = |(x, y): (u16, u16)| {
                (f64::from(x) + 0.5 - cx).powi(2)
                    + (CELL_ASPECT * (f64::from(y) + 0.5 - cy)).powi(2)
            };
            d(*a).total_cmp(&d(*b))
        });
    }
}
