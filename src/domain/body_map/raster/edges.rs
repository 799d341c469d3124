//! Tracing the silhouette and the region borders through the cells, with
//! an ASCII character for each edge's direction.

use super::super::FigureShape;
use super::super::shape::{Point, segment_distance_squared};
use super::{Edge, FigureRaster, Scale};
use crate::domain::region::RegionId;

/// Marks the cells the silhouette and the region borders pass through,
/// with a character for the direction of the nearest side of the shape.
pub(super) fn trace_edges(figure: &FigureShape, scale: Scale, raster: &mut FigureRaster) {
    for y in 0..raster.height {
        for x in 0..raster.width {
            let Some(region) = raster.region_at(x, y) else {
                continue;
            };
            let outside =
                |n: Option<(u16, u16)>| n.is_none_or(|(nx, ny)| raster.region_at(nx, ny).is_none());
            let neighbours = [
                x.checked_sub(1).map(|x| (x, y)),
                y.checked_sub(1).map(|y| (x, y)),
                Some((x + 1, y)),
                Some((x, y + 1)),
            ];
            let silhouette = neighbours.iter().any(|n| outside(*n));
            let across: Vec<RegionId> = [raster.region_at(x + 1, y), raster.region_at(x, y + 1)]
                .into_iter()
                .flatten()
                .filter(|n| *n != region)
                .collect();
            if !silhouette && across.is_empty() {
                continue;
            }
            let Some(shape) = figure.shapes().iter().find(|s| s.region == region) else {
                continue;
            };
            let centre = scale.cell_centre(x, y);
            // The outline wins over a border where both pass through a cell.
            let distance = |(a, b, _): &(Point, Point, Option<RegionId>)| {
                segment_distance_squared(centre, *a, *b)
            };
            let nearest = shape
                .sides()
                .filter(|(_, _, n)| match n {
                    None => silhouette,
                    Some(n) => !silhouette && across.contains(n),
                })
                .min_by(|a, b| distance(a).total_cmp(&distance(b)));
            let Some((a, b, _)) = nearest.or_else(|| {
                shape
                    .sides()
                    .min_by(|a, b| distance(a).total_cmp(&distance(b)))
            }) else {
                continue;
            };
            let glyph = edge_glyph(a, b, centre, scale);
            raster.edges[usize::from(y) * usize::from(raster.width) + usize::from(x)] =
                Some(Edge { glyph, silhouette });
        }
    }
}

/// The ASCII character for a side from `a` to `b` seen in the cell centred
/// at `centre`: `|`, `/`, `\`, and for flat sides `_` low in the cell or
/// `-` higher up.
fn edge_glyph(a: Point, b: Point, centre: Point, scale: Scale) -> char {
    // Figure space has square units, so the angle is the one the eye sees.
    let degrees = (b.y - a.y).atan2(b.x - a.x).to_degrees().rem_euclid(180.0);
    match degrees {
        d if !(22.5..157.5).contains(&d) => {
            let t = if (b.x - a.x).abs() < f64::EPSILON {
                0.5
            } else {
                ((centre.x - a.x) / (b.x - a.x)).clamp(0.0, 1.0)
            };
            let side_y = a.y + t * (b.y - a.y);
            // Where the side crosses the cell, 0 at its top and 1 at its bottom.
            let within = (side_y - centre.y) * scale.y + 0.5;
            if within > 0.5 { '_' } else { '-' }
        }
        d if d < 67.5 => '\\',
        d if d < 112.5 => '|',
        _ => '/',
    }
}
