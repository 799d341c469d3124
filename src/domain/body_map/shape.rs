//! Plane geometry for the body outline: points and simple polygons.

/// A point in figure space (x across, y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Across, left to right.
    pub x: f64,
    /// Down, head to feet.
    pub y: f64,
}

impl Point {
    /// A point at `(x, y)`.
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// Squared distance to `other`.
    pub fn distance_squared(self, other: Point) -> f64 {
        (self.x - other.x).powi(2) + (self.y - other.y).powi(2)
    }
}

/// A closed polygon, its corners in order (either way round).
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    corners: Vec<Point>,
}

impl Polygon {
    /// A polygon through `corners`; the last corner joins the first.
    pub fn new(corners: Vec<Point>) -> Polygon {
        Polygon { corners }
    }

    /// The corners in order.
    pub fn corners(&self) -> &[Point] {
        &self.corners
    }

    /// Every side, as (from, to), the last one closing the polygon.
    pub fn sides(&self) -> impl Iterator<Item = (Point, Point)> + '_ {
        let n = self.corners.len();
        (0..n).map(move |i| (self.corners[i], self.corners[(i + 1) % n]))
    }

    /// Twice the signed area (positive when the corners run clockwise on
    /// screen, where y grows downwards).
    fn twice_signed_area(&self) -> f64 {
        self.sides().map(|(a, b)| a.x * b.y - b.x * a.y).sum()
    }

    /// The enclosed area.
    pub fn area(&self) -> f64 {
        self.twice_signed_area().abs() / 2.0
    }

    /// The centre of mass of the enclosed area.
    pub fn centroid(&self) -> Point {
        let twice_area = self.twice_signed_area();
        if twice_area.abs() < f64::EPSILON {
            let n = self.corners.len().max(1) as f64;
            let (sx, sy) = self
                .corners
                .iter()
                .fold((0.0, 0.0), |(sx, sy), p| (sx + p.x, sy + p.y));
            return Point::new(sx / n, sy / n);
        }
        let (cx, cy) = self.sides().fold((0.0, 0.0), |(cx, cy), (a, b)| {
            let cross = a.x * b.y - b.x * a.y;
            (cx + (a.x + b.x) * cross, cy + (a.y + b.y) * cross)
        });
        Point::new(cx / (3.0 * twice_area), cy / (3.0 * twice_area))
    }

    /// The smallest and largest corner coordinates: (min, max).
    pub fn bounds(&self) -> (Point, Point) {
        self.corners.iter().fold(
            (
                Point::new(f64::INFINITY, f64::INFINITY),
                Point::new(f64::NEG_INFINITY, f64::NEG_INFINITY),
            ),
            |(lo, hi), p| {
                (
                    Point::new(lo.x.min(p.x), lo.y.min(p.y)),
                    Point::new(hi.x.max(p.x), hi.y.max(p.y)),
                )
            },
        )
    }

    /// Where the horizontal line at height `y` crosses the sides, unsorted.
    /// A side counts when one end is above `y` and the other at or below,
    /// so a point exactly on a shared side belongs to one polygon only.
    pub fn crossings(&self, y: f64, out: &mut Vec<f64>) {
        out.clear();
        for (a, b) in self.sides() {
            if (a.y <= y) != (b.y <= y) {
                let t = (y - a.y) / (b.y - a.y);
                out.push(a.x + t * (b.x - a.x));
            }
        }
    }

    /// Whether `p` lies inside (by the even-odd rule).
    pub fn contains(&self, p: Point) -> bool {
        let mut crossings = Vec::new();
        self.crossings(p.y, &mut crossings);
        crossings.iter().filter(|x| **x < p.x).count() % 2 == 1
    }

    /// The same polygon reflected about the vertical line `x = axis`.
    pub fn mirrored(&self, axis: f64) -> Polygon {
        Polygon::new(
            self.corners
                .iter()
                .map(|p| Point::new(2.0 * axis - p.x, p.y))
                .collect(),
        )
    }
}

/// Squared distance from `p` to the segment `a`-`b`.
pub fn segment_distance_squared(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length).clamp(0.0, 1.0)
    };
    p.distance_squared(Point::new(a.x + t * dx, a.y + t * dy))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Polygon {
        Polygon::new(vec![
            Point::new(0.0, 0.0),
            Point::new(4.0, 0.0),
            Point::new(4.0, 2.0),
            Point::new(0.0, 2.0),
        ])
    }

    #[test]
    fn area_and_centroid_of_a_rectangle() {
        assert_eq!(square().area(), 8.0);
        assert_eq!(square().centroid(), Point::new(2.0, 1.0));
        let reversed = Polygon::new(square().corners().iter().rev().copied().collect());
        assert_eq!(reversed.area(), 8.0);
        assert_eq!(reversed.centroid(), Point::new(2.0, 1.0));
    }

    #[test]
    fn contains_inside_points_only() {
        assert!(square().contains(Point::new(1.0, 1.0)));
        assert!(!square().contains(Point::new(5.0, 1.0)));
        assert!(!square().contains(Point::new(1.0, 3.0)));
    }

    #[test]
    fn mirrors_about_an_axis() {
        let m = square().mirrored(10.0);
        assert_eq!(m.bounds(), (Point::new(16.0, 0.0), Point::new(20.0, 2.0)));
    }

    #[test]
    fn distance_to_a_segment() {
        let (a, b) = (Point::new(0.0, 0.0), Point::new(10.0, 0.0));
        assert_eq!(segment_distance_squared(Point::new(5.0, 3.0), a, b), 9.0);
        assert_eq!(segment_distance_squared(Point::new(-3.0, 4.0), a, b), 25.0);
    }
}
