//! sensemap's body drawing against the CHOIR Body Map's own segments: each
//! of the 74 regions must lie where the CHOIR segment of the same key lies,
//! on the same figure and the same side. The reference polygons sit beside
//! the checkout in `../shared/reference/choir-bodymap/` (they are not part of
//! sensemap); without them this test says so and skips.

use std::collections::HashMap;
use std::path::PathBuf;

use sensemap::domain::body_map::{BodyGeometry, Point, Polygon};
use sensemap::domain::{Catalogue, RegionId, View};

/// Intersection over union each region must reach.
const MIN_OVERLAP: f64 = 0.5;
/// Samples across the common box; down is twice as many.
const GRID: usize = 160;

fn reference() -> Option<HashMap<String, Polygon>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/choir-bodymap/segments.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: no CHOIR reference at {}", path.display());
        return None;
    };
    let raw: HashMap<String, Vec<[f64; 2]>> = serde_json::from_str(&text).unwrap();
    Some(
        raw.into_iter()
            .map(|(code, points)| {
                let corners = points.iter().map(|[x, y]| Point::new(*x, *y)).collect();
                (code, Polygon::new(corners))
            })
            .collect(),
    )
}

/// The box around a set of polygons: (min, max).
fn bounds<'a>(polygons: impl Iterator<Item = &'a Polygon>) -> (Point, Point) {
    polygons.map(Polygon::bounds).fold(
        (
            Point::new(f64::MAX, f64::MAX),
            Point::new(f64::MIN, f64::MIN),
        ),
        |(lo, hi), (a, b)| {
            (
                Point::new(lo.x.min(a.x), lo.y.min(a.y)),
                Point::new(hi.x.max(b.x), hi.y.max(b.y)),
            )
        },
    )
}

/// The box around our figure and around the reference's figure of the
/// same view (codes 1xx front, 2xx back).
fn boxes(
    figure: &sensemap::domain::body_map::FigureShape,
    reference: &HashMap<String, Polygon>,
) -> ((Point, Point), (Point, Point)) {
    let ours = bounds(figure.shapes().iter().map(|s| &s.polygon));
    let prefix = if figure.view == View::Front { '1' } else { '2' };
    let theirs = bounds(
        reference
            .iter()
            .filter(|(c, _)| c.starts_with(prefix))
            .map(|(_, p)| p),
    );
    (ours, theirs)
}

/// A point of the unit box in a figure's own box.
fn place(u: f64, v: f64, (lo, hi): (Point, Point)) -> Point {
    Point::new(lo.x + u * (hi.x - lo.x), lo.y + v * (hi.y - lo.y))
}

/// Overlap of two shapes once their figures are scaled to the same box.
fn overlap(
    ours: &Polygon,
    our_box: (Point, Point),
    theirs: &Polygon,
    their_box: (Point, Point),
) -> f64 {
    let (mut both, mut either) = (0usize, 0usize);
    for j in 0..2 * GRID {
        for i in 0..GRID {
            let (u, v) = (
                (i as f64 + 0.5) / GRID as f64,
                (j as f64 + 0.5) / (2 * GRID) as f64,
            );
            let a = ours.contains(place(u, v, our_box));
            let b = theirs.contains(place(u, v, their_box));
            both += usize::from(a && b);
            either += usize::from(a || b);
        }
    }
    both as f64 / either.max(1) as f64
}

/// The CHOIR code of a key: f25 -> 125, b07 -> 207.
fn code(region: RegionId) -> String {
    region.region().code().to_string()
}

#[test]
fn every_region_lies_where_the_choir_segment_of_its_key_lies() {
    let Some(reference) = reference() else { return };
    let geometry = BodyGeometry::global();
    let mut worst = (f64::MAX, String::new());
    for view in [View::Front, View::Back] {
        let figure = geometry.figure(view);
        let (ours, theirs) = boxes(figure, &reference);
        for shape in figure.shapes() {
            let key = &shape.region.region().key;
            let segment = &reference[&code(shape.region)];
            let iou = overlap(&shape.polygon, ours, segment, theirs);
            assert!(
                iou >= MIN_OVERLAP,
                "{key}: overlap {iou:.2} with CHOIR {}",
                code(shape.region)
            );
            if iou < worst.0 {
                worst = (iou, key.clone());
            }
        }
    }
    eprintln!("lowest overlap: {:.2} ({})", worst.0, worst.1);
}

#[test]
fn front_and_back_and_left_and_right_are_not_swapped() {
    let Some(reference) = reference() else { return };
    let geometry = BodyGeometry::global();
    for view in [View::Front, View::Back] {
        let figure = geometry.figure(view);
        let (ours, theirs) = boxes(figure, &reference);
        for shape in figure.shapes() {
            // Our region overlaps its own segment more than its twin on the
            // other side of the patient. (The asset itself refuses a region
            // drawn on the wrong figure.)
            let own = overlap(
                &shape.polygon,
                ours,
                &reference[&code(shape.region)],
                theirs,
            );
            let region = shape.region.region();
            let part = |id: &str| id.split_once('-').map(|(_, p)| p.to_string());
            let twin = Catalogue::global()
                .ids()
                .find(|r| {
                    let other = r.region();
                    other.view == region.view
                        && other.side != region.side
                        && part(&other.id) == part(&region.id)
                })
                .unwrap_or_else(|| panic!("{} has a twin on the other side", region.key));
            {
                let swapped = overlap(&shape.polygon, ours, &reference[&code(twin)], theirs);
                assert!(
                    own > swapped,
                    "{}: {own:.2} own, {swapped:.2} mirrored",
                    region.key
                );
            }
            let centre = shape.centroid;
            let u = (centre.x - ours.0.x) / (ours.1.x - ours.0.x);
            let on_viewers_left = u < 0.5;
            let patient_right = region.side == sensemap::domain::Side::Right;
            assert_eq!(
                on_viewers_left,
                patient_right == (view == View::Front),
                "{}",
                region.key
            );
        }
    }
}
