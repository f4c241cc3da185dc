//! Shapes: Placer's wire geometry (`sync_protocol::values::{Point, Ring, Polygon}`) to and
//! from `geo` types, GeoJSON Polygon and MultiPolygon geometries to region boundaries, and
//! the validity check of a licence's area polygon.
//!
//! A licence area must be a plausible piece of ground: closed rings of at least three
//! distinct corners, no ring crossing or touching itself, holes inside the exterior and
//! apart from each other, and an area between [`MIN_LICENCE_AREA_M2`] and
//! [`MAX_LICENCE_AREA_M2`]. On a direct API call an invalid area is refused (4xx, with
//! [`InvalidArea::code`] and its message); in a batch it is stored and flagged.

use std::fmt;

use ::geo::coordinate_position::CoordPos;
use ::geo::dimensions::Dimensions;
use ::geo::line_intersection::{line_intersection, LineIntersection};
use ::geo::{
    BoundingRect, Coord, GeodesicArea, Intersects, Line, LineString, MultiPolygon, Relate,
};
use sync_protocol::values::{Point, Polygon, Ring};
use sync_protocol::ValueError;

/// Smallest plausible licence area: 100 m² (10 m × 10 m). A handheld GPS fix is good to
/// 3–10 m, so the corners of anything smaller are within each other's error: the polygon
/// would be noise (or one corner recorded several times), not a claim.
pub const MIN_LICENCE_AREA_M2: f64 = 100.0;

/// Largest plausible licence area: 100 km² (10,000 ha). Artisanal and small-scale permits
/// are measured in hectares (a few hectares to a few square kilometres); 100 km² leaves a
/// wide margin for cooperative zones while catching the usual capture errors, which give
/// areas thousands of times too large: degrees typed as minutes, latitude and longitude
/// swapped for one corner, a corner left at (0, 0).
pub const MAX_LICENCE_AREA_M2: f64 = 100_000_000.0;

/// Most points a licence area may have, over all its rings. Agents walk a claim's corners
/// (tens of points); a track log at one point every few metres around a square kilometre
/// is under a thousand. Also bounds the cost of the check on a direct API call.
pub const MAX_LICENCE_POINTS: usize = 10_000;

/// Most holes a licence area may have (a claim around a village, a river island, graves).
pub const MAX_LICENCE_HOLES: usize = 100;

/// A wire point as a `geo` point (x = longitude, y = latitude).
pub fn point_to_geo(p: &Point) -> ::geo::Point<f64> {
    ::geo::Point::new(p.lon.degrees(), p.lat.degrees())
}

fn ring_to_geo(r: &Ring) -> LineString<f64> {
    LineString(coords_of(r))
}

fn coords_of(r: &Ring) -> Vec<Coord<f64>> {
    r.points()
        .iter()
        .map(|p| Coord {
            x: p.lon.degrees(),
            y: p.lat.degrees(),
        })
        .collect()
}

/// A wire polygon (exterior and holes) as a `geo` polygon.
pub fn polygon_to_geo(p: &Polygon) -> ::geo::Polygon<f64> {
    ::geo::Polygon::new(
        ring_to_geo(&p.exterior),
        p.holes.iter().map(ring_to_geo).collect(),
    )
}

/// A region's boundary (`Region.boundary`: one polygon, or several for a multipolygon) as a
/// `geo` multipolygon.
pub fn boundary_to_geo(boundary: &[Polygon]) -> MultiPolygon<f64> {
    MultiPolygon(boundary.iter().map(polygon_to_geo).collect())
}

/// Why a geometry could not become a region boundary.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShapeError {
    #[error("a boundary must be a GeoJSON Polygon or MultiPolygon, not a {0}")]
    UnsupportedGeometry(&'static str),
    #[error("polygon {polygon} has no rings")]
    NoRings { polygon: usize },
    #[error("polygon {polygon}, ring {ring}: a position needs a longitude and a latitude")]
    ShortPosition { polygon: usize, ring: usize },
    #[error("polygon {polygon}, ring {ring}: {source}")]
    Value {
        polygon: usize,
        ring: usize,
        source: ValueError,
    },
    #[error("the GeoJSON is not a FeatureCollection of boundaries: {0}")]
    Document(String),
}

/// A GeoJSON Polygon or MultiPolygon as a region boundary. Rings must be closed (RFC 7946
/// §3.1.6); a third coordinate (altitude) is ignored; coordinates out of range are refused.
pub fn boundary_from_geojson(value: &geojson::Value) -> Result<Vec<Polygon>, ShapeError> {
    let polygons: Vec<&geojson::PolygonType> = match value {
        geojson::Value::Polygon(p) => vec![p],
        geojson::Value::MultiPolygon(ps) => ps.iter().collect(),
        geojson::Value::Point(_) => return Err(ShapeError::UnsupportedGeometry("Point")),
        geojson::Value::MultiPoint(_) => return Err(ShapeError::UnsupportedGeometry("MultiPoint")),
        geojson::Value::LineString(_) => return Err(ShapeError::UnsupportedGeometry("LineString")),
        geojson::Value::MultiLineString(_) => {
            return Err(ShapeError::UnsupportedGeometry("MultiLineString"))
        }
        geojson::Value::GeometryCollection(_) => {
            return Err(ShapeError::UnsupportedGeometry("GeometryCollection"))
        }
    };
    polygons
        .into_iter()
        .enumerate()
        .map(|(pi, rings)| {
            let rings = rings
                .iter()
                .enumerate()
                .map(|(ri, ring)| {
                    let points = ring
                        .iter()
                        .map(|pos| match pos.as_slice() {
                            [lon, lat, ..] => {
                                Point::new(*lon, *lat).map_err(|source| ShapeError::Value {
                                    polygon: pi,
                                    ring: ri,
                                    source,
                                })
                            }
                            _ => Err(ShapeError::ShortPosition {
                                polygon: pi,
                                ring: ri,
                            }),
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Ring::new(points).map_err(|source| ShapeError::Value {
                        polygon: pi,
                        ring: ri,
                        source,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            polygon_from_rings(pi, rings)
        })
        .collect()
}

/// A `geo` multipolygon as a wire boundary (the inverse of [`boundary_to_geo`]).
pub fn boundary_from_geo(mp: &MultiPolygon<f64>) -> Result<Vec<Polygon>, ShapeError> {
    mp.0.iter()
        .enumerate()
        .map(|(pi, poly)| {
            let rings = std::iter::once(poly.exterior())
                .chain(poly.interiors())
                .enumerate()
                .map(|(ri, ls)| {
                    let value = |source| ShapeError::Value {
                        polygon: pi,
                        ring: ri,
                        source,
                    };
                    let points =
                        ls.0.iter()
                            .map(|c| Point::new(c.x, c.y).map_err(value))
                            .collect::<Result<Vec<_>, _>>()?;
                    Ring::new(points).map_err(value)
                })
                .collect::<Result<Vec<_>, _>>()?;
            polygon_from_rings(pi, rings)
        })
        .collect()
}

fn polygon_from_rings(polygon: usize, mut rings: Vec<Ring>) -> Result<Polygon, ShapeError> {
    if rings.is_empty() {
        return Err(ShapeError::NoRings { polygon });
    }
    let exterior = rings.remove(0);
    Ok(Polygon {
        exterior,
        holes: rings,
    })
}

/// Which ring of a polygon a problem is in. `Hole(i)` is `holes[i]`; messages number holes
/// from 1 for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RingRef {
    Exterior,
    Hole(usize),
}

impl fmt::Display for RingRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RingRef::Exterior => f.write_str("the exterior"),
            RingRef::Hole(i) => write!(f, "hole {}", i + 1),
        }
    }
}

/// Why a licence polygon is not a plausible area. Each message says what is wrong in words
/// an agent or an officer can act on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InvalidArea {
    #[error(
        "{ring} has {points} points; a closed ring needs at least 4, the last equal to the first"
    )]
    TooFewPoints { ring: RingRef, points: usize },
    #[error("{ring} is not closed: its last point must equal its first")]
    NotClosed { ring: RingRef },
    #[error("the area has {points} points, more than the {max} a licence area may have")]
    TooManyPoints { points: usize, max: usize },
    #[error("the area has {holes} holes, more than the {max} a licence area may have")]
    TooManyHoles { holes: usize, max: usize },
    #[error("{ring} has {corners} distinct corners; an area needs at least 3")]
    TooFewCorners { ring: RingRef, corners: usize },
    #[error("{ring} crosses or touches itself near longitude {lon:.6}, latitude {lat:.6}")]
    SelfIntersection { ring: RingRef, lon: f64, lat: f64 },
    #[error("{ring} is not inside the exterior")]
    HoleOutside { ring: RingRef },
    #[error("{a} and {b} overlap or share an edge")]
    RingsOverlap { a: RingRef, b: RingRef },
    #[error("the area is {area_m2:.0} m², less than the {min:.0} m² a licence area must have")]
    TooSmall { area_m2: f64, min: f64 },
    #[error("the area is {:.1} km², more than the {:.0} km² a licence area may have", area_m2 / 1e6, max / 1e6)]
    TooLarge { area_m2: f64, max: f64 },
}

impl InvalidArea {
    /// A stable machine-readable code (the tests name the problems by it).
    #[cfg(test)]
    pub fn code(&self) -> &'static str {
        match self {
            InvalidArea::TooFewPoints { .. } => "area_too_few_points",
            InvalidArea::NotClosed { .. } => "area_not_closed",
            InvalidArea::TooManyPoints { .. } => "area_too_many_points",
            InvalidArea::TooManyHoles { .. } => "area_too_many_holes",
            InvalidArea::TooFewCorners { .. } => "area_too_few_corners",
            InvalidArea::SelfIntersection { .. } => "area_self_intersection",
            InvalidArea::HoleOutside { .. } => "area_hole_outside",
            InvalidArea::RingsOverlap { .. } => "area_rings_overlap",
            InvalidArea::TooSmall { .. } => "area_too_small",
            InvalidArea::TooLarge { .. } => "area_too_large",
        }
    }
}

/// Measures of a valid licence area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaStats {
    /// Geodesic area on WGS 84, holes subtracted, in m².
    pub area_m2: f64,
    /// Geodesic length of every ring (exterior and holes), in metres.
    pub perimeter_m: f64,
    /// Distinct corners of the exterior.
    pub corners: usize,
}

/// Checks that a licence polygon is a plausible area and measures it. See the module doc
/// for the rules; the first problem found is returned.
pub fn validate_licence_area(p: &Polygon) -> Result<AreaStats, InvalidArea> {
    let exterior = coords_of(&p.exterior);
    let holes: Vec<Vec<Coord<f64>>> = p.holes.iter().map(coords_of).collect();
    validate_rings(&exterior, &holes)
}

/// The check on raw coordinates (so the ring invariants that [`Ring`] already guarantees
/// can be re-checked, and tested).
fn validate_rings(
    exterior: &[Coord<f64>],
    holes: &[Vec<Coord<f64>>],
) -> Result<AreaStats, InvalidArea> {
    if holes.len() > MAX_LICENCE_HOLES {
        return Err(InvalidArea::TooManyHoles {
            holes: holes.len(),
            max: MAX_LICENCE_HOLES,
        });
    }
    let points = exterior.len() + holes.iter().map(Vec::len).sum::<usize>();
    if points > MAX_LICENCE_POINTS {
        return Err(InvalidArea::TooManyPoints {
            points,
            max: MAX_LICENCE_POINTS,
        });
    }
    let ext_corners = check_ring(RingRef::Exterior, exterior)?;
    let mut hole_corners = Vec::with_capacity(holes.len());
    for (i, h) in holes.iter().enumerate() {
        hole_corners.push(check_ring(RingRef::Hole(i), h)?);
    }

    let closed = |corners: &[Coord<f64>]| {
        let mut ring = corners.to_vec();
        ring.push(corners[0]);
        ::geo::Polygon::new(LineString(ring), vec![])
    };
    let ext_poly = closed(&ext_corners);
    let hole_polys: Vec<::geo::Polygon<f64>> = hole_corners.iter().map(|c| closed(c)).collect();
    for (i, h) in hole_polys.iter().enumerate() {
        let m = ext_poly.relate(h);
        if !m.is_contains() {
            return Err(InvalidArea::HoleOutside {
                ring: RingRef::Hole(i),
            });
        }
        if m.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
            return Err(InvalidArea::RingsOverlap {
                a: RingRef::Exterior,
                b: RingRef::Hole(i),
            });
        }
    }
    let boxes: Vec<_> = hole_polys.iter().map(|h| h.bounding_rect()).collect();
    for (i, a) in hole_polys.iter().enumerate() {
        for (j, b) in hole_polys.iter().enumerate().skip(i + 1) {
            let apart = match (boxes[i], boxes[j]) {
                (Some(x), Some(y)) => !x.intersects(&y),
                _ => true,
            };
            if apart {
                continue;
            }
            let m = a.relate(b);
            if m.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional
                || m.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional
            {
                return Err(InvalidArea::RingsOverlap {
                    a: RingRef::Hole(i),
                    b: RingRef::Hole(j),
                });
            }
        }
    }

    // Signed areas taken as absolute values: correct whatever the winding of each ring.
    let (ext_perimeter, ext_area) = ext_poly.geodesic_perimeter_area_signed();
    let mut area_m2 = ext_area.abs();
    let mut perimeter_m = ext_perimeter;
    for h in &hole_polys {
        let (p, a) = h.geodesic_perimeter_area_signed();
        area_m2 -= a.abs();
        perimeter_m += p;
    }
    if area_m2 < MIN_LICENCE_AREA_M2 {
        return Err(InvalidArea::TooSmall {
            area_m2,
            min: MIN_LICENCE_AREA_M2,
        });
    }
    if area_m2 > MAX_LICENCE_AREA_M2 {
        return Err(InvalidArea::TooLarge {
            area_m2,
            max: MAX_LICENCE_AREA_M2,
        });
    }
    Ok(AreaStats {
        area_m2,
        perimeter_m,
        corners: ext_corners.len(),
    })
}

/// Checks one ring; returns its distinct corners (consecutive repeats and the closing point
/// removed).
fn check_ring(ring: RingRef, coords: &[Coord<f64>]) -> Result<Vec<Coord<f64>>, InvalidArea> {
    if coords.len() < 4 {
        return Err(InvalidArea::TooFewPoints {
            ring,
            points: coords.len(),
        });
    }
    if coords.first() != coords.last() {
        return Err(InvalidArea::NotClosed { ring });
    }
    // The same corner recorded twice in a row is harmless: drop the repeat.
    let mut corners: Vec<Coord<f64>> = Vec::with_capacity(coords.len());
    for &c in &coords[..coords.len() - 1] {
        if corners.last() != Some(&c) {
            corners.push(c);
        }
    }
    while corners.len() > 1 && corners.first() == corners.last() {
        corners.pop();
    }
    if corners.len() < 3 {
        return Err(InvalidArea::TooFewCorners {
            ring,
            corners: corners.len(),
        });
    }
    if let Some(at) = self_intersection(&corners) {
        return Err(InvalidArea::SelfIntersection {
            ring,
            lon: at.x,
            lat: at.y,
        });
    }
    Ok(corners)
}

/// Where the closed ring through `corners` (distinct consecutive corners, closing point
/// omitted) crosses or touches itself, if it does. Edges next to each other may share only
/// their common corner: overlapping there (a spike that doubles back) counts as touching.
/// Any other pair of edges may not meet at all. A sweep over edges sorted by their smallest
/// longitude keeps the usual case far below the quadratic worst case.
fn self_intersection(corners: &[Coord<f64>]) -> Option<Coord<f64>> {
    let n = corners.len();
    let edge = |i: usize| Line::new(corners[i], corners[(i + 1) % n]);
    let min_x = |l: &Line<f64>| l.start.x.min(l.end.x);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| min_x(&edge(a)).total_cmp(&min_x(&edge(b))));
    for (k, &i) in order.iter().enumerate() {
        let ei = edge(i);
        let max_x = ei.start.x.max(ei.end.x);
        for &j in &order[k + 1..] {
            let ej = edge(j);
            if min_x(&ej) > max_x {
                break;
            }
            let (a, b) = (i.min(j), i.max(j));
            let adjacent = b == a + 1 || (a == 0 && b == n - 1);
            match line_intersection(ei, ej) {
                None => {}
                Some(LineIntersection::Collinear { intersection }) => {
                    return Some(intersection.start)
                }
                // Edges next to each other meet at their common corner.
                Some(LineIntersection::SinglePoint { .. }) if adjacent => {}
                Some(LineIntersection::SinglePoint { intersection, .. }) => {
                    return Some(intersection)
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Metres per degree of latitude near the equator (close enough to size test squares).
    const M_PER_DEG: f64 = 110_574.0;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    fn ring(points: &[(f64, f64)]) -> Ring {
        Ring::new(
            points
                .iter()
                .map(|&(x, y)| Point::new(x, y).unwrap())
                .collect(),
        )
        .unwrap()
    }

    /// A square of `side_m` metres (roughly) with its south-west corner at (lon, lat).
    fn square(lon: f64, lat: f64, side_m: f64) -> Vec<(f64, f64)> {
        let dy = side_m / M_PER_DEG;
        let dx = dy / lat.to_radians().cos();
        vec![
            (lon, lat),
            (lon + dx, lat),
            (lon + dx, lat + dy),
            (lon, lat + dy),
            (lon, lat),
        ]
    }

    fn polygon(exterior: &[(f64, f64)], holes: &[&[(f64, f64)]]) -> Polygon {
        Polygon {
            exterior: ring(exterior),
            holes: holes.iter().map(|h| ring(h)).collect(),
        }
    }

    #[test]
    fn a_walked_claim_is_valid_and_measured() {
        // About 200 m × 200 m near Akwatia.
        let p = polygon(&square(-0.80, 6.04, 200.0), &[]);
        let stats = validate_licence_area(&p).unwrap();
        assert!(
            (stats.area_m2 - 40_000.0).abs() < 400.0,
            "area {}",
            stats.area_m2
        );
        assert!((stats.perimeter_m - 800.0).abs() < 8.0);
        assert_eq!(stats.corners, 4);
        // The winding does not change the area.
        let mut cw = square(-0.80, 6.04, 200.0);
        cw.reverse();
        let stats_cw = validate_licence_area(&polygon(&cw, &[])).unwrap();
        assert!((stats_cw.area_m2 - stats.area_m2).abs() < 1e-6);
    }

    #[test]
    fn a_hole_is_subtracted() {
        let outer = square(-0.80, 6.04, 200.0);
        let hole = square(-0.7995, 6.0405, 50.0);
        let with = validate_licence_area(&polygon(&outer, &[&hole])).unwrap();
        let without = validate_licence_area(&polygon(&outer, &[])).unwrap();
        let diff = without.area_m2 - with.area_m2;
        assert!((diff - 2_500.0).abs() < 50.0, "hole area {diff}");
    }

    #[test]
    fn a_bow_tie_is_refused() {
        let p = polygon(
            &[
                (-0.80, 6.04),
                (-0.79, 6.05),
                (-0.79, 6.04),
                (-0.80, 6.05),
                (-0.80, 6.04),
            ],
            &[],
        );
        let e = validate_licence_area(&p).unwrap_err();
        match e {
            InvalidArea::SelfIntersection { ring, lon, lat } => {
                assert_eq!(ring, RingRef::Exterior);
                assert!((lon + 0.795).abs() < 1e-9 && (lat - 6.045).abs() < 1e-9);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(e.code(), "area_self_intersection");
        assert!(e.to_string().contains("crosses or touches itself"));
    }

    #[test]
    fn a_spike_and_a_figure_eight_are_refused() {
        // A spike: out along an edge and back over it.
        let spike = [
            c(0.0, 0.0),
            c(0.01, 0.0),
            c(0.02, 0.0),
            c(0.015, 0.0),
            c(0.01, 0.01),
            c(0.0, 0.0),
        ];
        assert!(matches!(
            validate_rings(&spike, &[]),
            Err(InvalidArea::SelfIntersection { .. })
        ));
        // Two squares meeting at one corner, walked as one ring.
        let eight = [
            c(0.0, 0.0),
            c(0.01, 0.0),
            c(0.01, 0.01),
            c(0.02, 0.01),
            c(0.02, 0.02),
            c(0.01, 0.02),
            c(0.01, 0.01),
            c(0.0, 0.01),
            c(0.0, 0.0),
        ];
        assert!(matches!(
            validate_rings(&eight, &[]),
            Err(InvalidArea::SelfIntersection { .. })
        ));
    }

    #[test]
    fn repeated_corners_are_tolerated_but_not_too_few() {
        let repeated = [
            c(0.0, 0.0),
            c(0.001, 0.0),
            c(0.001, 0.0),
            c(0.001, 0.001),
            c(0.0, 0.001),
            c(0.0, 0.0),
        ];
        assert_eq!(validate_rings(&repeated, &[]).unwrap().corners, 4);
        let two = [c(0.0, 0.0), c(0.001, 0.0), c(0.001, 0.0), c(0.0, 0.0)];
        assert_eq!(
            validate_rings(&two, &[]),
            Err(InvalidArea::TooFewCorners {
                ring: RingRef::Exterior,
                corners: 2
            })
        );
        // A flat "triangle": its closing edge lies over the other two.
        let flat = [c(0.0, 0.0), c(0.001, 0.0), c(0.002, 0.0), c(0.0, 0.0)];
        assert!(matches!(
            validate_rings(&flat, &[]),
            Err(InvalidArea::SelfIntersection { .. })
        ));
    }

    #[test]
    fn ring_invariants_are_rechecked() {
        let open = [c(0.0, 0.0), c(0.001, 0.0), c(0.001, 0.001), c(0.0, 0.001)];
        assert_eq!(
            validate_rings(&open, &[]),
            Err(InvalidArea::NotClosed {
                ring: RingRef::Exterior
            })
        );
        let short = [c(0.0, 0.0), c(0.001, 0.0), c(0.0, 0.0)];
        assert_eq!(
            validate_rings(&short, &[]),
            Err(InvalidArea::TooFewPoints {
                ring: RingRef::Exterior,
                points: 3
            })
        );
        let mut long: Vec<Coord<f64>> = (0..MAX_LICENCE_POINTS)
            .map(|i| {
                let a = i as f64 / MAX_LICENCE_POINTS as f64 * std::f64::consts::TAU;
                c(0.001 * a.cos(), 0.001 * a.sin())
            })
            .collect();
        long.push(long[0]);
        assert!(matches!(
            validate_rings(&long, &[]),
            Err(InvalidArea::TooManyPoints { .. })
        ));
    }

    #[test]
    fn holes_must_be_inside_and_apart() {
        let outer = square(-0.80, 6.04, 300.0);
        let inside_a = square(-0.7995, 6.0405, 50.0);
        let inside_b = square(-0.7993, 6.0407, 50.0); // overlaps a
        let far = square(-0.70, 6.04, 50.0);
        let straddling = square(-0.8002, 6.0405, 50.0);
        assert_eq!(
            validate_licence_area(&polygon(&outer, &[&far])),
            Err(InvalidArea::HoleOutside {
                ring: RingRef::Hole(0)
            })
        );
        assert!(matches!(
            validate_licence_area(&polygon(&outer, &[&straddling])),
            Err(InvalidArea::HoleOutside { .. })
        ));
        assert_eq!(
            validate_licence_area(&polygon(&outer, &[&inside_a, &inside_b])),
            Err(InvalidArea::RingsOverlap {
                a: RingRef::Hole(0),
                b: RingRef::Hole(1)
            })
        );
        let msg = InvalidArea::RingsOverlap {
            a: RingRef::Hole(0),
            b: RingRef::Hole(1),
        }
        .to_string();
        assert_eq!(msg, "hole 1 and hole 2 overlap or share an edge");
        // A hole sharing an edge with the exterior.
        let ext = [
            c(0.0, 0.0),
            c(0.003, 0.0),
            c(0.003, 0.003),
            c(0.0, 0.003),
            c(0.0, 0.0),
        ];
        let edge_hole = vec![
            c(0.0, 0.001),
            c(0.001, 0.001),
            c(0.001, 0.002),
            c(0.0, 0.002),
            c(0.0, 0.001),
        ];
        assert_eq!(
            validate_rings(&ext, &[edge_hole]),
            Err(InvalidArea::RingsOverlap {
                a: RingRef::Exterior,
                b: RingRef::Hole(0)
            })
        );
    }

    #[test]
    fn many_holes_apart_are_fine_but_not_too_many_or_nested() {
        let ext = vec![
            c(0.0, 0.0),
            c(0.02, 0.0),
            c(0.02, 0.02),
            c(0.0, 0.02),
            c(0.0, 0.0),
        ];
        let hole = |x: f64, y: f64, size: f64| {
            vec![
                c(x, y),
                c(x, y + size),
                c(x + size, y + size),
                c(x + size, y),
                c(x, y),
            ]
        };
        let grid = |n: usize| -> Vec<Vec<Coord<f64>>> {
            (0..n)
                .map(|k| {
                    hole(
                        0.001 + 0.0018 * (k % 10) as f64,
                        0.001 + 0.0018 * (k / 10) as f64,
                        0.001,
                    )
                })
                .collect()
        };
        let stats = validate_rings(&ext, &grid(MAX_LICENCE_HOLES)).unwrap();
        let full = validate_rings(&ext, &[]).unwrap();
        assert!(stats.area_m2 < full.area_m2);
        let mut too_many = grid(MAX_LICENCE_HOLES);
        too_many.push(hole(0.0185, 0.0185, 0.001));
        assert_eq!(
            validate_rings(&ext, &too_many),
            Err(InvalidArea::TooManyHoles {
                holes: MAX_LICENCE_HOLES + 1,
                max: MAX_LICENCE_HOLES
            })
        );
        let nested = [hole(0.005, 0.005, 0.004), hole(0.006, 0.006, 0.001)];
        assert_eq!(
            validate_rings(&ext, &nested),
            Err(InvalidArea::RingsOverlap {
                a: RingRef::Hole(0),
                b: RingRef::Hole(1)
            })
        );
        // Two holes touching at one corner are allowed (OGC), along an edge they are not.
        let corner = [hole(0.005, 0.005, 0.002), hole(0.007, 0.007, 0.002)];
        assert!(validate_rings(&ext, &corner).is_ok());
        let edge = [hole(0.005, 0.005, 0.002), hole(0.007, 0.005, 0.002)];
        assert!(matches!(
            validate_rings(&ext, &edge),
            Err(InvalidArea::RingsOverlap { .. })
        ));
    }

    #[test]
    fn implausible_sizes_are_refused() {
        let tiny = polygon(&square(-0.80, 6.04, 5.0), &[]);
        assert!(matches!(
            validate_licence_area(&tiny),
            Err(InvalidArea::TooSmall { .. })
        ));
        // Ten kilometres a side is the largest plausible; a degree a side is not.
        assert!(validate_licence_area(&polygon(&square(-0.80, 6.04, 9_900.0), &[])).is_ok());
        let huge = polygon(
            &[
                (-1.0, 6.0),
                (0.0, 6.0),
                (0.0, 7.0),
                (-1.0, 7.0),
                (-1.0, 6.0),
            ],
            &[],
        );
        let e = validate_licence_area(&huge).unwrap_err();
        assert!(matches!(e, InvalidArea::TooLarge { .. }));
        assert!(e.to_string().starts_with("the area is 12"), "{e}");
        assert_eq!(e.code(), "area_too_large");
    }

    #[test]
    fn geojson_polygons_and_multipolygons_become_boundaries() {
        let gj: geojson::Geometry = r#"{"type":"MultiPolygon","coordinates":[
            [[[0,0],[2,0],[2,2],[0,2],[0,0]],[[0.5,0.5],[0.5,1],[1,1],[0.5,0.5]]],
            [[[5,5,100],[6,5,100],[6,6,100],[5,5,100]]]]}"#
            .parse()
            .unwrap();
        let b = boundary_from_geojson(&gj.value).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].holes.len(), 1);
        assert_eq!(b[1].exterior.points().len(), 4);
        // Round trip through geo.
        let mp = boundary_to_geo(&b);
        assert_eq!(mp.0.len(), 2);
        assert_eq!(boundary_from_geo(&mp).unwrap(), b);

        let single: geojson::Geometry =
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#
                .parse()
                .unwrap();
        assert_eq!(boundary_from_geojson(&single.value).unwrap().len(), 1);

        let point: geojson::Geometry = r#"{"type":"Point","coordinates":[0,0]}"#.parse().unwrap();
        assert_eq!(
            boundary_from_geojson(&point.value),
            Err(ShapeError::UnsupportedGeometry("Point"))
        );
        let open: geojson::Geometry =
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#
                .parse()
                .unwrap();
        assert!(matches!(
            boundary_from_geojson(&open.value),
            Err(ShapeError::Value { ring: 0, .. })
        ));
        let out_of_range: geojson::Geometry =
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,95],[0,0]]]}"#
                .parse()
                .unwrap();
        assert!(boundary_from_geojson(&out_of_range.value).is_err());
        let empty: geojson::Geometry = r#"{"type":"Polygon","coordinates":[]}"#.parse().unwrap();
        assert_eq!(
            boundary_from_geojson(&empty.value),
            Err(ShapeError::NoRings { polygon: 0 })
        );
    }

    /// A star-shaped ring around (lon, lat): corners at increasing angles, so it never
    /// crosses itself.
    fn star(lon: f64, lat: f64, radii: &[f64]) -> Vec<Coord<f64>> {
        let n = radii.len();
        let mut pts: Vec<Coord<f64>> = radii
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                c(lon + r * a.cos(), lat + r * a.sin())
            })
            .collect();
        pts.push(pts[0]);
        pts
    }

    proptest! {
        #[test]
        fn star_shaped_rings_are_simple(radii in prop::collection::vec(0.002f64..0.02, 3..40)) {
            let ring = star(-0.8, 6.0, &radii);
            prop_assert!(validate_rings(&ring, &[]).is_ok());
        }

        #[test]
        fn swapping_two_corners_of_a_convex_ring_makes_it_cross(
            n in 5usize..30,
            i in 0usize..30,
        ) {
            // Corners of a regular polygon; swapping two non-adjacent ones makes edges cross.
            let mut ring = star(-0.8, 6.0, &vec![0.01; n]);
            ring.pop();
            let i = i % n;
            let j = (i + 2) % n;
            ring.swap(i, j);
            ring.push(ring[0]);
            prop_assert!(
                matches!(validate_rings(&ring, &[]), Err(InvalidArea::SelfIntersection { .. })),
                "n={} i={} j={}", n, i, j
            );
        }
    }
}
