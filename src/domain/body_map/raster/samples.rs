//! Sampling the shapes: several samples per cell, each tagged with the
//! shape it falls in, counted per pixel and per cell.

use super::super::FigureShape;
use super::Scale;

/// Samples across one cell.
const SUB_X: usize = 4;
/// Samples down one cell (half of them per pixel).
const SUB_Y: usize = 4;

/// The samples of one figure: for each, the index of the shape it falls in
/// plus one, or 0 outside.
pub(super) struct Samples {
    width: usize,
    values: Vec<u8>,
}

impl Samples {
    /// Fills each shape's samples, scanline by scanline.
    pub(super) fn take(figure: &FigureShape, scale: Scale) -> Samples {
        let width = usize::from(scale.cols) * SUB_X;
        let height = usize::from(scale.rows) * SUB_Y;
        let mut values = vec![0u8; width * height];
        let (per_x, per_y) = (scale.x * SUB_X as f64, scale.y * SUB_Y as f64);
        let mut crossings = Vec::new();
        for (index, shape) in figure.shapes().iter().enumerate() {
            let (lo, hi) = shape.polygon.bounds();
            let first = ((lo.y * per_y - 0.5).floor().max(0.0)) as usize;
            let last = ((hi.y * per_y + 0.5).ceil() as usize).min(height);
            for row in first..last {
                let y = (row as f64 + 0.5) / per_y;
                shape.polygon.crossings(y, &mut crossings);
                crossings.sort_by(f64::total_cmp);
                for pair in crossings.chunks_exact(2) {
                    let start = (pair[0] * per_x - 0.5).ceil().max(0.0) as usize;
                    let end = ((pair[1] * per_x - 0.5).ceil().max(0.0) as usize).min(width);
                    if start < end {
                        values[row * width + start..row * width + end].fill(index as u8 + 1);
                    }
                }
            }
        }
        Samples { width, values }
    }

    /// The samples of one pixel: the top (`py` even) or bottom half of a cell.
    pub(super) fn count_pixel(&self, x: u16, py: u16) -> Counts {
        self.count(x, usize::from(py) * SUB_Y / 2, SUB_Y / 2)
    }

    /// The samples of a whole cell.
    pub(super) fn count_cell(&self, x: u16, y: u16) -> Counts {
        self.count(x, usize::from(y) * SUB_Y, SUB_Y)
    }

    /// How many samples of each shape fall in a block of `rows` sample rows
    /// starting at `top`, columns of cell `x`; returned as (shape, count),
    /// most first.
    fn count(&self, x: u16, top: usize, rows: usize) -> Counts {
        let mut counts: Vec<(u8, u16)> = Vec::with_capacity(4);
        let left = usize::from(x) * SUB_X;
        for row in top..top + rows {
            for &v in &self.values[row * self.width + left..row * self.width + left + SUB_X] {
                if v == 0 {
                    continue;
                }
                match counts.iter_mut().find(|(s, _)| *s == v) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((v, 1)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts
    }
}

/// Samples per shape in a block, as (shape tag, count), most first.
pub(super) type Counts = Vec<(u8, u16)>;

/// The samples of a cell's two pixels.
pub(super) struct CellCounts {
    pub(super) top: Counts,
    pub(super) bottom: Counts,
}

impl CellCounts {
    /// How many samples of the shape tagged `tag` fall in each half.
    pub(super) fn of(&self, tag: u8) -> (u16, u16) {
        let n = |c: &Counts| c.iter().find(|c| c.0 == tag).map_or(0, |c| c.1);
        (n(&self.top), n(&self.bottom))
    }
}

/// The shape a count picks, if enough of the block lies inside.
pub(super) fn plurality(counts: &[(u8, u16)], inside_needed: u16) -> Option<u8> {
    let inside: u16 = counts.iter().map(|c| c.1).sum();
    (inside >= inside_needed)
        .then(|| counts.first().map(|c| c.0))
        .flatten()
}
