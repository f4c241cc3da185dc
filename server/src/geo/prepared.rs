//! Point-in-polygon for boundaries of thousands of corners, in near-constant time.
//!
//! A national border has 500 to 3,000 corners here, a real district hundreds; testing every
//! edge for every GPS fix at ingest would cost microseconds per region. [`PreparedPolygon`]
//! cuts the polygon's latitude span into equal horizontal bands and lists, for each band,
//! the edges whose latitude range meets it; a query looks at one band's edges only.
//!
//! The test itself is `geo`'s crossing-number rule with robust (exact) orientation
//! predicates, so a point exactly on an edge or a corner is always [`Position::OnBoundary`]
//! (for both polygons that share that edge), never inside one and outside the other by
//! rounding. Crossings are counted over every ring of the polygon together and the point is
//! inside when the count is odd: for a valid polygon (holes inside the exterior, apart from
//! each other) that is exactly "inside the exterior and in no hole", whatever the winding
//! of the rings.

use ::geo::kernels::{Kernel, Orientation, RobustKernel};
use ::geo::{Coord, Polygon};

/// Where a point lies relative to a polygon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Inside,
    OnBoundary,
    Outside,
}

/// A polygon (exterior and holes) with its edges bucketed by latitude band.
#[derive(Debug, Clone)]
pub struct PreparedPolygon {
    min: Coord<f64>,
    max: Coord<f64>,
    band_height: f64,
    bands: usize,
    /// `entries[offsets[b]..offsets[b + 1]]` are the edges meeting band `b`.
    offsets: Vec<u32>,
    entries: Vec<u32>,
    edges: Vec<(Coord<f64>, Coord<f64>)>,
}

/// Average number of bands an edge may be listed in before the band count is halved (long
/// edges crossing many bands would otherwise blow up memory).
const MAX_ENTRIES_PER_EDGE: usize = 8;
/// Upper bound on the number of bands.
const MAX_BANDS: usize = 1 << 16;

impl PreparedPolygon {
    pub fn new(polygon: &Polygon<f64>) -> Self {
        let edges: Vec<(Coord<f64>, Coord<f64>)> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .flat_map(|ring| ring.lines().map(|l| (l.start, l.end)))
            .collect();
        let mut min = Coord {
            x: f64::INFINITY,
            y: f64::INFINITY,
        };
        let mut max = Coord {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        };
        for (a, b) in &edges {
            for c in [a, b] {
                min.x = min.x.min(c.x);
                min.y = min.y.min(c.y);
                max.x = max.x.max(c.x);
                max.y = max.y.max(c.y);
            }
        }
        let height = max.y - min.y;
        let mut bands = if height > 0.0 {
            (edges.len() / 2).clamp(1, MAX_BANDS)
        } else {
            1
        };
        loop {
            let band_height = if height > 0.0 {
                height / bands as f64
            } else {
                1.0
            };
            let span = |(a, b): &(Coord<f64>, Coord<f64>)| {
                let lo = band_index(a.y.min(b.y), min.y, band_height, bands);
                let hi = band_index(a.y.max(b.y), min.y, band_height, bands);
                (lo, hi)
            };
            let total: usize = edges
                .iter()
                .map(|e| {
                    let (lo, hi) = span(e);
                    hi - lo + 1
                })
                .sum();
            if bands > 1 && total > MAX_ENTRIES_PER_EDGE * edges.len() {
                bands /= 2;
                continue;
            }
            let mut counts = vec![0u32; bands + 1];
            for e in &edges {
                let (lo, hi) = span(e);
                for b in lo..=hi {
                    counts[b + 1] += 1;
                }
            }
            for b in 0..bands {
                counts[b + 1] += counts[b];
            }
            let offsets = counts;
            let mut fill = offsets.clone();
            let mut entries = vec![0u32; total];
            for (i, e) in edges.iter().enumerate() {
                let (lo, hi) = span(e);
                for b in lo..=hi {
                    entries[fill[b] as usize] = i as u32;
                    fill[b] += 1;
                }
            }
            return Self {
                min,
                max,
                band_height,
                bands,
                offsets,
                entries,
                edges,
            };
        }
    }

    /// The polygon's bounding box as (min, max) corners; `None` when it has no edges.
    #[cfg(test)]
    pub fn bounds(&self) -> Option<(Coord<f64>, Coord<f64>)> {
        (!self.edges.is_empty()).then_some((self.min, self.max))
    }

    /// Where `c` lies: inside, on an edge or corner (of the exterior or of a hole), or
    /// outside (which includes inside a hole).
    pub fn position(&self, c: Coord<f64>) -> Position {
        // Also false for NaN coordinates.
        let in_box =
            self.min.x <= c.x && c.x <= self.max.x && self.min.y <= c.y && c.y <= self.max.y;
        if !in_box {
            return Position::Outside;
        }
        let band = band_index(c.y, self.min.y, self.band_height, self.bands);
        let range = self.offsets[band] as usize..self.offsets[band + 1] as usize;
        let mut crossings = 0u32;
        for &i in &self.entries[range] {
            let (start, end) = self.edges[i as usize];
            // geo's crossing rules (coordinate_position::coord_pos_relative_to_ring): an
            // upward edge includes its start and excludes its end, a downward edge the
            // reverse, horizontal edges never cross, and the crossing must be strictly to
            // the right of the point.
            if start.y <= c.y {
                if end.y >= c.y {
                    let o = RobustKernel::orient2d(start, end, c);
                    if o == Orientation::CounterClockwise && end.y != c.y {
                        crossings += 1;
                    } else if o == Orientation::Collinear && between(c.x, start.x, end.x) {
                        return Position::OnBoundary;
                    }
                }
            } else if end.y <= c.y {
                let o = RobustKernel::orient2d(start, end, c);
                if o == Orientation::Clockwise {
                    crossings += 1;
                } else if o == Orientation::Collinear && between(c.x, start.x, end.x) {
                    return Position::OnBoundary;
                }
            }
        }
        if crossings % 2 == 1 {
            Position::Inside
        } else {
            Position::Outside
        }
    }

    /// Inside or on the boundary.
    pub fn intersects(&self, c: Coord<f64>) -> bool {
        self.position(c) != Position::Outside
    }
}

fn band_index(y: f64, min_y: f64, band_height: f64, bands: usize) -> usize {
    let b = ((y - min_y) / band_height).floor();
    if b <= 0.0 {
        0
    } else {
        (b as usize).min(bands - 1)
    }
}

fn between(v: f64, a: f64, b: f64) -> bool {
    if a < b {
        a <= v && v <= b
    } else {
        b <= v && v <= a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::geo::coordinate_position::CoordPos;
    use ::geo::{CoordinatePosition, LineString};
    use proptest::prelude::*;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    fn geo_position(p: &Polygon<f64>, q: Coord<f64>) -> Position {
        match p.coordinate_position(&q) {
            CoordPos::Inside => Position::Inside,
            CoordPos::OnBoundary => Position::OnBoundary,
            CoordPos::Outside => Position::Outside,
        }
    }

    fn square_with_hole() -> Polygon<f64> {
        Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (4.0, 0.0),
                (4.0, 4.0),
                (0.0, 4.0),
                (0.0, 0.0),
            ]),
            vec![LineString::from(vec![
                (1.0, 1.0),
                (3.0, 1.0),
                (3.0, 3.0),
                (1.0, 3.0),
                (1.0, 1.0),
            ])],
        )
    }

    #[test]
    fn inside_outside_edge_corner_and_hole() {
        let poly = square_with_hole();
        let prep = PreparedPolygon::new(&poly);
        assert_eq!(prep.position(c(0.5, 0.5)), Position::Inside);
        assert_eq!(prep.position(c(3.5, 2.0)), Position::Inside);
        assert_eq!(prep.position(c(2.0, 2.0)), Position::Outside, "in the hole");
        assert_eq!(prep.position(c(5.0, 2.0)), Position::Outside);
        assert_eq!(prep.position(c(-0.1, 2.0)), Position::Outside);
        assert_eq!(prep.position(c(0.0, 2.0)), Position::OnBoundary);
        assert_eq!(prep.position(c(4.0, 4.0)), Position::OnBoundary);
        assert_eq!(
            prep.position(c(2.0, 1.0)),
            Position::OnBoundary,
            "hole edge"
        );
        assert_eq!(
            prep.position(c(3.0, 3.0)),
            Position::OnBoundary,
            "hole corner"
        );
        assert_eq!(prep.position(c(f64::NAN, 2.0)), Position::Outside);
    }

    #[test]
    fn the_hole_works_whatever_its_winding() {
        // Both rings wound the same way: a winding-number sum would call the hole inside.
        let mut poly = square_with_hole();
        let mut hole = poly.interiors()[0].clone();
        hole.0.reverse();
        poly = Polygon::new(poly.exterior().clone(), vec![hole]);
        let prep = PreparedPolygon::new(&poly);
        assert_eq!(prep.position(c(2.0, 2.0)), Position::Outside);
        assert_eq!(prep.position(c(0.5, 2.0)), Position::Inside);
    }

    #[test]
    fn degenerate_polygons_do_not_panic() {
        let empty = PreparedPolygon::new(&Polygon::new(LineString::new(vec![]), vec![]));
        assert_eq!(empty.position(c(0.0, 0.0)), Position::Outside);
        assert!(empty.bounds().is_none());
        let flat = PreparedPolygon::new(&Polygon::new(
            LineString::from(vec![(0.0, 1.0), (2.0, 1.0), (0.0, 1.0)]),
            vec![],
        ));
        assert_eq!(flat.position(c(1.0, 1.0)), Position::OnBoundary);
        assert_eq!(flat.position(c(1.0, 1.5)), Position::Outside);
    }

    #[test]
    fn a_comb_of_long_edges_keeps_the_index_small() {
        // Many tall teeth: each vertical edge spans the whole height.
        let mut pts = vec![(0.0, 0.0)];
        for i in 0..500 {
            let x = i as f64;
            pts.extend([(x, 100.0), (x + 0.5, 100.0), (x + 0.5, 1.0), (x + 1.0, 1.0)]);
        }
        pts.extend([(500.0, 0.0), (0.0, 0.0)]);
        let poly = Polygon::new(LineString::from(pts), vec![]);
        let prep = PreparedPolygon::new(&poly);
        assert!(prep.entries.len() <= MAX_ENTRIES_PER_EDGE * prep.edges.len());
        for q in [c(0.25, 50.0), c(0.75, 50.0), c(0.75, 0.5), c(499.9, 99.0)] {
            assert_eq!(prep.position(q), geo_position(&poly, q), "{q:?}");
        }
    }

    /// A star-shaped polygon with a small hole around its centre.
    fn star(radii: &[f64], hole: bool) -> Polygon<f64> {
        let n = radii.len();
        let ring = |r: &dyn Fn(usize) -> f64| {
            let mut pts: Vec<Coord<f64>> = (0..n)
                .map(|i| {
                    let a = i as f64 / n as f64 * std::f64::consts::TAU;
                    c(10.0 + r(i) * a.cos(), 5.0 + r(i) * a.sin())
                })
                .collect();
            pts.push(pts[0]);
            LineString(pts)
        };
        let min_r = radii.iter().cloned().fold(f64::INFINITY, f64::min);
        let holes = if hole {
            vec![ring(&|_| min_r * 0.4)]
        } else {
            vec![]
        };
        Polygon::new(ring(&|i| radii[i]), holes)
    }

    proptest! {
        #[test]
        fn agrees_with_geo_on_random_stars(
            radii in prop::collection::vec(0.5f64..3.0, 3..200),
            hole in any::<bool>(),
            queries in prop::collection::vec((7.0f64..13.0, 2.0f64..8.0), 50),
            vertex in any::<prop::sample::Index>(),
        ) {
            let poly = star(&radii, hole);
            let prep = PreparedPolygon::new(&poly);
            let ext = &poly.exterior().0;
            let v = ext[vertex.index(ext.len() - 1)];
            let w = ext[vertex.index(ext.len() - 1) + 1];
            let mut points: Vec<Coord<f64>> = queries.iter().map(|&(x, y)| c(x, y)).collect();
            points.push(v);
            points.push(c((v.x + w.x) / 2.0, (v.y + w.y) / 2.0));
            points.push(c(10.0, 5.0));
            for q in points {
                prop_assert_eq!(prep.position(q), geo_position(&poly, q), "{:?}", q);
            }
        }
    }
}
