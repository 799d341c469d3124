use std::collections::{HashSet, VecDeque};

use super::*;
use crate::domain::Side;

fn region(id: &str) -> RegionId {
    Catalogue::global().lookup(id).unwrap()
}

fn geometry() -> &'static BodyGeometry {
    BodyGeometry::global()
}

/// Terminal-sized figures from the smallest the app supports to the largest.
fn sizes() -> Vec<(u16, u16)> {
    [
        (19, 18),
        (19, 20),
        (22, 24),
        (33, 36),
        (52, 56),
        (89, 96),
        (12, 13),
    ]
    .into_iter()
    .map(|(c, r)| fit(geometry(), c, r))
    .collect()
}

#[test]
fn every_region_has_one_shape_on_its_own_figure() {
    for r in Catalogue::global().ids() {
        let shape = geometry().shape(r).unwrap();
        assert_eq!(shape.region, r);
        let figure = geometry().figure(r.region().view);
        assert!(figure.shapes().iter().any(|s| s.region == r));
        assert!(shape.polygon.area() > 10.0, "{} is tiny", r.region().key);
    }
    assert_eq!(geometry().front.shapes().len(), 36);
    assert_eq!(geometry().back.shapes().len(), 38);
}

#[test]
fn regions_tile_the_silhouette_without_overlapping() {
    for figure in [&geometry().front, &geometry().back] {
        let mut inside = 0;
        for j in 0..432 {
            for i in 0..200 {
                let p = Point::new(i as f64 * 0.5 + 0.25, j as f64 * 0.5 + 0.25);
                let owners = figure
                    .shapes()
                    .iter()
                    .filter(|s| s.polygon.contains(p))
                    .count();
                assert!(
                    owners <= 1,
                    "{:?} {p:?} lies in {owners} regions",
                    figure.view
                );
                inside += owners;
            }
        }
        // A standing person fills about two fifths of the box around them.
        let share = inside as f64 / (200.0 * 432.0);
        assert!((0.3..0.45).contains(&share), "{:?}: {share}", figure.view);
    }
}

#[test]
fn borders_are_shared_and_the_silhouette_is_closed() {
    let palm = geometry().shape(region("right-palm")).unwrap();
    let across: HashSet<_> = palm.sides().filter_map(|(_, _, n)| n).collect();
    assert_eq!(across, HashSet::from([region("right-wrist-front")]));
    let chest = geometry().shape(region("right-chest")).unwrap();
    let across: HashSet<_> = chest.sides().filter_map(|(_, _, n)| n).collect();
    for neighbour in [
        "left-chest",
        "right-shoulder-front",
        "right-abdomen",
        "right-neck-front",
    ] {
        assert!(
            across.contains(&region(neighbour)),
            "chest misses {neighbour}"
        );
    }
}

#[test]
fn the_patients_right_is_on_the_viewers_left_in_front_and_right_in_back() {
    let mid = geometry().width / 2.0;
    for r in Catalogue::global().ids() {
        let info = r.region();
        let x = geometry().shape(r).unwrap().centroid.x;
        let expected = matches!(
            (info.view, info.side),
            (View::Front, Side::Right) | (View::Back, Side::Left)
        );
        assert_eq!(x < mid, expected, "{}", info.id);
    }
}

#[test]
fn the_figure_keeps_a_persons_proportions() {
    let (cols, rows) = fit(geometry(), 200, 40);
    assert_eq!(rows, 40);
    // 100 x 216 units with cells twice as tall as wide.
    assert_eq!(cols, 37);
    let (cols, rows) = fit(geometry(), 20, 200);
    assert_eq!((cols, rows), (20, 22));
}

#[test]
fn every_region_gets_a_cell_and_a_pixel_at_every_size() {
    for (cols, rows) in sizes() {
        let raster = BodyRaster::new(geometry(), cols, rows);
        for r in Catalogue::global().ids() {
            let figure = raster.figure(r.region().view);
            let (ax, ay) = figure
                .anchor(r)
                .unwrap_or_else(|| panic!("{cols}x{rows}: {} has no cell", r.region().key));
            assert_eq!(figure.region_at(ax, ay), Some(r));
            let seen = (0..figure.width())
                .flat_map(|x| (0..2 * figure.height()).map(move |py| (x, py)))
                .any(|(x, py)| figure.pixel(x, py) == Some(r));
            assert!(seen, "{cols}x{rows}: {} is never drawn", r.region().key);
        }
        assert_eq!(
            raster.front.regions().count() + raster.back.regions().count(),
            74
        );
    }
}

#[test]
fn cells_follow_the_geometry() {
    let raster = BodyRaster::new(geometry(), 52, 56);
    let figure = &raster.front;
    let (x, y) = figure.anchor(region("right-chest")).unwrap();
    assert!(
        x < figure.width() / 2,
        "the patient's right chest is on the left"
    );
    assert_eq!(
        figure.region_at(0, 0),
        None,
        "the corner is outside the body"
    );
    // The head is at the top, in the middle.
    assert_eq!(
        figure.region_at(figure.width() / 2 - 1, 1),
        Some(region("right-cranium-front"))
    );
    assert!(y > 5);
}

#[test]
fn borders_and_outline_are_traced_with_direction_glyphs() {
    let raster = BodyRaster::new(geometry(), 52, 56);
    let figure = &raster.front;
    let mut glyphs = HashSet::new();
    let mut silhouette = 0;
    for y in 0..figure.height() {
        for x in 0..figure.width() {
            if let Some(edge) = figure.edge(x, y) {
                assert!(figure.region_at(x, y).is_some());
                glyphs.insert(edge.glyph);
                silhouette += usize::from(edge.silhouette);
            }
            if figure.region_at(x, y).is_some() && figure.region_at(x + 1, y).is_none() {
                let edge = figure.edge(x, y).expect("the outline is traced");
                assert!(edge.silhouette);
            }
        }
    }
    for glyph in ['|', '/', '\\', '_'] {
        assert!(glyphs.contains(&glyph), "no {glyph} in {glyphs:?}");
    }
    assert!(silhouette > 100);
    // The midline between the two sides of the chest is vertical.
    let (_, y) = figure.anchor(region("right-chest")).unwrap();
    let mid = (0..figure.width())
        .find(|x| figure.region_at(*x + 1, y) == Some(region("left-chest")))
        .unwrap();
    assert_eq!(figure.edge(mid, y).map(|e| e.glyph), Some('|'));
}

#[test]
fn arrows_move_spatially() {
    let g = geometry();
    assert_eq!(
        g.step(region("right-face"), Direction::Up),
        Some(region("right-cranium-front"))
    );
    assert_eq!(
        g.step(region("right-face"), Direction::Right),
        Some(region("left-face"))
    );
    assert_eq!(
        g.step(region("right-chest"), Direction::Down),
        Some(region("right-abdomen"))
    );
    assert_eq!(
        g.step(region("right-lower-leg-front"), Direction::Down),
        Some(region("right-ankle-front"))
    );
    assert_eq!(g.step(region("right-foot-top"), Direction::Down), None);
    let crossing = g.step(region("left-palm"), Direction::Right).unwrap();
    assert_eq!(crossing.region().view, View::Back);
    // Sideways stays at the same height: from a sole to the other figure's
    // foot, not up the leg.
    assert_eq!(
        g.step(region("left-sole"), Direction::Left),
        Some(region("left-foot-top"))
    );
    assert_eq!(g.step(region("right-sole"), Direction::Right), None);
    assert_eq!(g.step(region("right-knee-back"), Direction::Right), None);
    let beside = g
        .step(region("right-middle-back"), Direction::Right)
        .unwrap();
    assert!(
        [region("right-upper-arm-back"), region("right-elbow-back")].contains(&beside),
        "{}",
        beside.region().id
    );
    assert_eq!(
        g.step(beside, Direction::Right),
        None,
        "not on down the arm"
    );
}

#[test]
fn flip_finds_the_same_part_on_the_same_side() {
    let g = geometry();
    for (from, to) in [
        ("right-palm", "right-hand-back"),
        ("left-sole", "left-foot-top"),
        ("right-chest", "right-upper-back"),
        ("left-knee-front", "left-knee-back"),
        ("left-cranium-back", "left-cranium-front"),
    ] {
        assert_eq!(g.flip(region(from)), Some(region(to)), "{from}");
    }
}

#[test]
fn all_74_regions_are_reachable_by_keys_from_any_start() {
    let g = geometry();
    for start in Catalogue::global().ids() {
        let mut seen = HashSet::from([start]);
        let mut queue = VecDeque::from([start]);
        while let Some(r) = queue.pop_front() {
            let next = Direction::ALL
                .iter()
                .filter_map(|d| g.step(r, *d))
                .chain(g.flip(r));
            for n in next {
                if seen.insert(n) {
                    queue.push_back(n);
                }
            }
        }
        assert_eq!(seen.len(), 74, "from {}", start.region().id);
    }
}

#[test]
fn a_broken_asset_is_refused_with_the_reason() {
    let swapped = BODY_RON.replacen(
        "(key: \"f01\", mirror: \"f02\"",
        "(key: \"f02\", mirror: \"f01\"",
        1,
    );
    let err = BodyGeometry::parse(&swapped).unwrap_err().to_string();
    assert!(err.contains("viewer's left"), "{err}");
    let back_on_front = BODY_RON.replacen("(key: \"f01\"", "(key: \"b01\"", 1);
    let err = BodyGeometry::parse(&back_on_front).unwrap_err().to_string();
    assert!(err.contains("Front figure"), "{err}");
    let unknown = BODY_RON.replacen("\"crown\", \"skull_1\"", "\"crown\", \"nowhere\"", 1);
    let err = BodyGeometry::parse(&unknown).unwrap_err().to_string();
    assert!(err.contains("no point \"nowhere\""), "{err}");
    let missing = BODY_RON.replacen(
        "        (key: \"f35\", mirror: \"f36\"",
        "        // (key: \"f35\", mirror: \"f36\"",
        1,
    );
    let err = BodyGeometry::parse(&missing).unwrap_err().to_string();
    assert!(err.contains("34 of its 36"), "{err}");
}
