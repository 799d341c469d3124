//! Reading `assets/body.ron`: named points and half-figure outlines into
//! the two figures' region shapes.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::shape::{Point, Polygon};
use super::{BodyGeometry, FigureShape, RegionShape};
use crate::domain::region::{Catalogue, RegionId, Side, View};

/// `assets/body.ron` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BodyFile {
    size: (f64, f64),
    points: HashMap<String, (f64, f64)>,
    front: Vec<RegionFile>,
    back: Vec<RegionFile>,
}

/// One region of the half figure on the viewer's left, and its mirror.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionFile {
    key: String,
    mirror: String,
    outline: Vec<String>,
}

/// A problem in the body asset (caught by tests, never by users).
#[derive(Debug, thiserror::Error)]
#[error("assets/body.ron: {0}")]
pub struct BodyAssetError(String);

/// The patient's side that lies on the viewer's left of a figure.
fn side_on_viewers_left(view: View) -> Side {
    match view {
        View::Front => Side::Right,
        View::Back => Side::Left,
    }
}

/// Looks up a region key and checks it belongs where the asset puts it.
fn region(key: &str, view: View, side: Side) -> Result<RegionId, BodyAssetError> {
    let id = Catalogue::global()
        .lookup(key)
        .map_err(|e| BodyAssetError(e.to_string()))?;
    let info = id.region();
    if info.view != view {
        return Err(BodyAssetError(format!(
            "{key} is drawn on the {view:?} figure"
        )));
    }
    if info.side != side {
        return Err(BodyAssetError(format!(
            "{key} is the patient's {} side but lies on the {} half of the {view:?} figure",
            info.side.as_str(),
            if side == side_on_viewers_left(view) {
                "viewer's left"
            } else {
                "viewer's right"
            }
        )));
    }
    Ok(id)
}

/// Builds one figure from its half outlines.
fn build_figure(
    view: View,
    regions: &[RegionFile],
    points: &HashMap<String, (f64, f64)>,
    midline: f64,
) -> Result<FigureShape, BodyAssetError> {
    let near = side_on_viewers_left(view);
    let far = match near {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    };
    let mut shapes = Vec::new();
    for spec in regions {
        if spec.outline.len() < 3 {
            return Err(BodyAssetError(format!(
                "{}: an outline needs 3 points",
                spec.key
            )));
        }
        let corners = spec
            .outline
            .iter()
            .map(|name| {
                let &(x, y) = points
                    .get(name)
                    .ok_or_else(|| BodyAssetError(format!("{}: no point {name:?}", spec.key)))?;
                if x > midline {
                    return Err(BodyAssetError(format!(
                        "{}: point {name:?} lies right of the midline",
                        spec.key
                    )));
                }
                Ok(Point::new(x, y))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let polygon = Polygon::new(corners);
        let mirrored = polygon.mirrored(midline);
        shapes.push((region(&spec.key, view, near)?, polygon));
        shapes.push((region(&spec.mirror, view, far)?, mirrored));
    }
    let mut seen = HashSet::new();
    for (id, _) in &shapes {
        if !seen.insert(*id) {
            return Err(BodyAssetError(format!(
                "{} is drawn twice",
                id.region().key
            )));
        }
    }
    let expected = Catalogue::global()
        .ids()
        .filter(|r| r.region().view == view)
        .count();
    if shapes.len() != expected {
        return Err(BodyAssetError(format!(
            "the {view:?} figure has {} of its {expected} regions",
            shapes.len()
        )));
    }
    Ok(FigureShape::new(
        view,
        shapes
            .into_iter()
            .map(|(region, polygon)| RegionShape::new(region, polygon))
            .collect(),
    ))
}

impl BodyGeometry {
    /// Parses the body asset.
    pub fn parse(text: &str) -> Result<BodyGeometry, BodyAssetError> {
        let file: BodyFile = ron::from_str(text).map_err(|e| BodyAssetError(e.to_string()))?;
        let (width, height) = file.size;
        let midline = width / 2.0;
        let front = build_figure(View::Front, &file.front, &file.points, midline)?;
        let back = build_figure(View::Back, &file.back, &file.points, midline)?;
        for figure in [&front, &back] {
            for shape in figure.shapes() {
                let (lo, hi) = shape.polygon.bounds();
                if lo.x < 0.0 || lo.y < 0.0 || hi.x > width || hi.y > height {
                    return Err(BodyAssetError(format!(
                        "{} reaches outside the figure's {width} x {height}",
                        shape.region.region().key
                    )));
                }
            }
        }
        Ok(BodyGeometry::new(width, height, front, back))
    }
}
