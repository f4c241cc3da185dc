//! How far a GPS fix lies outside a polygon, in metres: the evidence of a "production
//! outside its licence" flag, which is raised only when the fix is outside by more than its
//! stated accuracy.
//!
//! Method (see the module doc of [`super`] for why): the boundary is projected onto a plane
//! centred on the fix, x = Δlon·N·cos φ₀, y = Δlat·M, with N and M the WGS 84 prime-vertical
//! and meridional radii of curvature at the fix's latitude φ₀; the distance is the smallest
//! planar point-to-edge distance there. Within 50 km the result is within 0.2% of the
//! geodesic distance (tested against Karney's algorithm).

use ::geo::{Coord, Intersects, MultiPolygon, Point};
use sync_protocol::values::GeoFix;

use super::shape::point_to_geo;

/// WGS 84 semi-major axis, metres.
const WGS84_A: f64 = 6_378_137.0;
/// WGS 84 flattening.
const WGS84_F: f64 = 1.0 / 298.257_223_563;

/// A plane tangent at a point, in metres per degree.
struct LocalFrame {
    lon0: f64,
    lat0: f64,
    m_per_deg_lon: f64,
    m_per_deg_lat: f64,
}

impl LocalFrame {
    fn at(lon0: f64, lat0: f64) -> Self {
        let e2 = WGS84_F * (2.0 - WGS84_F);
        let phi = lat0.to_radians();
        let w = (1.0 - e2 * phi.sin().powi(2)).sqrt();
        let n = WGS84_A / w;
        let m = WGS84_A * (1.0 - e2) / (w * w * w);
        let rad = std::f64::consts::PI / 180.0;
        Self {
            lon0,
            lat0,
            m_per_deg_lon: n * phi.cos() * rad,
            m_per_deg_lat: m * rad,
        }
    }

    fn project(&self, c: Coord<f64>) -> (f64, f64) {
        let mut dlon = c.x - self.lon0;
        if dlon > 180.0 {
            dlon -= 360.0;
        } else if dlon < -180.0 {
            dlon += 360.0;
        }
        (
            dlon * self.m_per_deg_lon,
            (c.y - self.lat0) * self.m_per_deg_lat,
        )
    }
}

/// Distance in metres from the origin to the segment a–b.
fn origin_to_segment((ax, ay): (f64, f64), (bx, by): (f64, f64)) -> f64 {
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (ax + t * dx).hypot(ay + t * dy)
}

/// Metres from `point` (lon, lat) to the area: 0 when the point is inside or on the
/// boundary, otherwise the distance to the nearest point of any ring (exterior or hole) of
/// any polygon. Infinite for an empty multipolygon.
pub fn distance_to_polygon_m(point: Point<f64>, area: &MultiPolygon<f64>) -> f64 {
    if area.intersects(&point) {
        return 0.0;
    }
    let frame = LocalFrame::at(point.x(), point.y());
    let mut best = f64::INFINITY;
    for poly in &area.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            let mut prev: Option<(f64, f64)> = None;
            for &c in &ring.0 {
                let p = frame.project(c);
                if let Some(a) = prev {
                    best = best.min(origin_to_segment(a, p));
                }
                prev = Some(p);
            }
            if let (Some(p), None) = (prev, ring.0.get(1)) {
                // A one-point ring: the point itself.
                best = best.min(p.0.hypot(p.1));
            }
        }
    }
    best
}

/// `Some(distance in metres)` when the fix is outside the area by more than its stated
/// accuracy (strictly), `None` when it is inside, on the edge, or within its accuracy.
pub fn outside_beyond_accuracy(
    point: Point<f64>,
    accuracy_m: f64,
    area: &MultiPolygon<f64>,
) -> Option<f64> {
    let d = distance_to_polygon_m(point, area);
    (d > accuracy_m).then_some(d)
}

/// [`outside_beyond_accuracy`] for a wire fix.
pub fn fix_outside_area(fix: &GeoFix, area: &MultiPolygon<f64>) -> Option<f64> {
    outside_beyond_accuracy(
        point_to_geo(&fix.point),
        f64::from(fix.accuracy.metres()),
        area,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::geo::{polygon, Distance, Geodesic, LineString, Polygon};
    use proptest::prelude::*;
    use sync_protocol::values::{AccuracyMetres, Point as WirePoint};

    fn pt(x: f64, y: f64) -> Point<f64> {
        Point::new(x, y)
    }

    fn square() -> MultiPolygon<f64> {
        // 0.1° square near Tarkwa, with a hole in the middle.
        MultiPolygon(vec![Polygon::new(
            LineString::from(vec![
                (-2.0, 5.3),
                (-1.9, 5.3),
                (-1.9, 5.4),
                (-2.0, 5.4),
                (-2.0, 5.3),
            ]),
            vec![LineString::from(vec![
                (-1.96, 5.34),
                (-1.94, 5.34),
                (-1.94, 5.36),
                (-1.96, 5.36),
                (-1.96, 5.34),
            ])],
        )])
    }

    /// Reference: for every edge (linear in degrees), the smallest geodesic distance from the
    /// point to it, found by golden-section search along the edge.
    fn geodesic_reference(point: Point<f64>, area: &MultiPolygon<f64>) -> f64 {
        let mut best = f64::INFINITY;
        for poly in &area.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                for l in ring.lines() {
                    let at = |t: f64| {
                        let q = pt(
                            l.start.x + t * (l.end.x - l.start.x),
                            l.start.y + t * (l.end.y - l.start.y),
                        );
                        Geodesic.distance(point, q)
                    };
                    let g = (5f64.sqrt() - 1.0) / 2.0;
                    let (mut lo, mut hi) = (0.0, 1.0);
                    for _ in 0..80 {
                        let (m1, m2) = (hi - g * (hi - lo), lo + g * (hi - lo));
                        if at(m1) < at(m2) {
                            hi = m2;
                        } else {
                            lo = m1;
                        }
                    }
                    best = best.min(at(0.0)).min(at(1.0)).min(at((lo + hi) / 2.0));
                }
            }
        }
        best
    }

    #[test]
    fn zero_inside_and_on_the_edge() {
        let a = square();
        assert_eq!(distance_to_polygon_m(pt(-1.99, 5.31), &a), 0.0);
        assert_eq!(distance_to_polygon_m(pt(-2.0, 5.35), &a), 0.0);
        assert_eq!(distance_to_polygon_m(pt(-1.96, 5.35), &a), 0.0, "hole edge");
    }

    #[test]
    fn distances_outside_match_geodesic_ones() {
        let a = square();
        // 0.05° east of the east edge, on a parallel.
        let p = pt(-1.85, 5.35);
        let expected = Geodesic.distance(p, pt(-1.9, 5.35));
        let d = distance_to_polygon_m(p, &a);
        assert!((d - expected).abs() / expected < 1e-3, "{d} vs {expected}");
        assert!((d - 5_542.0).abs() < 5.0, "{d}");
        // In the hole: the distance to the hole's edge.
        let h = distance_to_polygon_m(pt(-1.95, 5.35), &a);
        let expected = Geodesic.distance(pt(-1.95, 5.35), pt(-1.95, 5.34));
        assert!((h - expected).abs() / expected < 1e-3, "{h} vs {expected}");
        // Beyond a corner: the distance to the corner.
        let p = pt(-2.1, 5.2);
        let expected = Geodesic.distance(p, pt(-2.0, 5.3));
        let d = distance_to_polygon_m(p, &a);
        assert!((d - expected).abs() / expected < 2e-3, "{d} vs {expected}");
        // Of two polygons, the nearer one counts.
        let two = MultiPolygon(vec![
            a.0[0].clone(),
            polygon![(x: -1.7, y: 5.3), (x: -1.6, y: 5.3), (x: -1.7, y: 5.4), (x: -1.7, y: 5.3)],
        ]);
        let d2 = distance_to_polygon_m(pt(-1.75, 5.32), &two);
        let expected = Geodesic.distance(pt(-1.75, 5.32), pt(-1.7, 5.32));
        assert!(
            (d2 - expected).abs() / expected < 2e-3,
            "{d2} vs {expected}"
        );
        assert_eq!(
            distance_to_polygon_m(pt(0.0, 0.0), &MultiPolygon(vec![])),
            f64::INFINITY
        );
    }

    #[test]
    fn outside_only_beyond_the_stated_accuracy() {
        let a = square();
        // About 111 m north of the north edge.
        let p = pt(-1.95, 5.401);
        let d = distance_to_polygon_m(p, &a);
        assert!((d - 110.6).abs() < 1.0, "{d}");
        assert_eq!(outside_beyond_accuracy(p, 150.0, &a), None);
        assert_eq!(
            outside_beyond_accuracy(p, d, &a),
            None,
            "exactly at the accuracy"
        );
        assert_eq!(outside_beyond_accuracy(p, 50.0, &a), Some(d));
        assert_eq!(outside_beyond_accuracy(pt(-1.99, 5.31), 1.0, &a), None);
        let fix = GeoFix {
            point: WirePoint::new(-1.95, 5.401).unwrap(),
            accuracy: AccuracyMetres::new(10).unwrap(),
        };
        assert_eq!(fix_outside_area(&fix, &a), Some(d));
    }

    proptest! {
        #[test]
        fn within_one_percent_of_geodesic_up_to_fifty_km(
            lon in -20.0f64..30.0,
            lat in -18.0f64..15.0,
            corners in prop::collection::vec((0.0f64..std::f64::consts::TAU, 0.005f64..0.05), 3..8),
            bearing in 0.0f64..std::f64::consts::TAU,
            reach in 0.0f64..0.45,
        ) {
            // A star-shaped polygon a few km across, and a point up to 50 km from its centre.
            let mut corners = corners;
            corners.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut ring: Vec<(f64, f64)> = corners
                .iter()
                .map(|&(a, r)| (lon + r * a.cos(), lat + r * a.sin()))
                .collect();
            ring.push(ring[0]);
            let area = MultiPolygon(vec![Polygon::new(LineString::from(ring), vec![])]);
            let p = pt(lon + reach * bearing.cos(), lat + reach * bearing.sin());
            let d = distance_to_polygon_m(p, &area);
            if area.intersects(&p) {
                prop_assert_eq!(d, 0.0);
            } else {
                let b = geodesic_reference(p, &area);
                prop_assert!((d - b).abs() <= 0.002 * b + 0.5, "ours {} geodesic {}", d, b);
            }
        }
    }
}
