//! The synthetic country of `placer bench reports` (pure): one country, its first-level
//! regions, and square districts of 0.1° (about 11 km) laid out in a grid with one row of
//! districts per region, so that every region is a rectangle of whole districts.
//!
//! Inside each district lie [`LICENCES_PER_DISTRICT`] licence squares of about 330 m, in two
//! rows well apart: a fix 0.012° (about 1.3 km) south of a licence lies in the same
//! district and in no licence, which is how the dataset makes productions outside their
//! licence's area. No fix is ever on a district's edge, so the placement of a production
//! never depends on the tie rule between neighbours.

use serde_json::{json, Value};

/// A district's side, in degrees.
pub const SIDE: f64 = 0.1;
/// The south-west corner of the country (lon, lat). Only the synthetic regions are imported,
/// so the place does not matter; this is inland Central Africa.
const ORIGIN: (f64, f64) = (18.0, 3.0);
pub const LICENCES_PER_DISTRICT: usize = 10;
/// A licence's side, in degrees.
pub const LICENCE_SIDE: f64 = 0.003;
/// How far south of its licence an outside fix lies, in degrees.
pub const OUTSIDE_BY: f64 = 0.012;

/// Where the districts and regions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub districts: usize,
    /// Districts per row, so per region.
    pub columns: usize,
}

impl Layout {
    /// `districts` in rows of `districts / regions` (rounded up): at most `regions` rows.
    pub fn new(districts: usize, regions: usize) -> Self {
        Self {
            districts: districts.max(1),
            columns: districts.max(1).div_ceil(regions.max(1)),
        }
    }

    /// The number of first-level regions (rows).
    pub fn regions(&self) -> usize {
        self.districts.div_ceil(self.columns)
    }

    pub fn region_of(&self, district: usize) -> usize {
        district / self.columns
    }

    /// The districts of a region.
    pub fn districts_of(&self, region: usize) -> std::ops::Range<usize> {
        region * self.columns..((region + 1) * self.columns).min(self.districts)
    }

    /// A district's south-west corner.
    pub fn corner(&self, district: usize) -> (f64, f64) {
        (
            ORIGIN.0 + (district % self.columns) as f64 * SIDE,
            ORIGIN.1 + (district / self.columns) as f64 * SIDE,
        )
    }

    /// The south-west corner of licence `k` of a district: five columns, two rows.
    pub fn licence_corner(&self, district: usize, k: usize) -> (f64, f64) {
        let (x, y) = self.corner(district);
        (
            x + 0.01 + (k % 5) as f64 * 0.018,
            y + 0.02 + (k / 5 % 2) as f64 * 0.04,
        )
    }

    /// A licence's area as a closed ring, counter-clockwise.
    pub fn licence_ring(&self, district: usize, k: usize) -> Vec<(f64, f64)> {
        let (x, y) = self.licence_corner(district, k);
        square(x, y, LICENCE_SIDE, LICENCE_SIDE)
    }

    /// A fix on licence `k`, `u` and `v` in [0, 1) placing it: inside the square (kept off
    /// its edges by a tenth of the side), or [`OUTSIDE_BY`] south of it.
    pub fn fix(&self, district: usize, k: usize, u: f64, v: f64, outside: bool) -> (f64, f64) {
        let (x, y) = self.licence_corner(district, k);
        let inner = |t: f64| LICENCE_SIDE * (0.1 + 0.8 * t);
        if outside {
            (x + inner(u), y - OUTSIDE_BY + inner(v) * 0.5)
        } else {
            (x + inner(u), y + inner(v))
        }
    }

    /// The country, its regions and its districts as GeoJSON FeatureCollections, named by
    /// the `name` property, as `placer admin import-regions` reads them.
    pub fn country_geojson(&self) -> Value {
        let rows = self.regions();
        let width = self.columns.min(self.districts) as f64 * SIDE;
        collection(vec![(
            COUNTRY.to_string(),
            square(ORIGIN.0, ORIGIN.1, width, rows as f64 * SIDE),
        )])
    }

    pub fn regions_geojson(&self) -> Value {
        collection(
            (0..self.regions())
                .map(|r| {
                    let ds = self.districts_of(r);
                    let (x, y) = self.corner(ds.start);
                    (region_name(r), square(x, y, ds.len() as f64 * SIDE, SIDE))
                })
                .collect(),
        )
    }

    /// The districts of one region (they are imported under it).
    pub fn districts_geojson(&self, region: usize) -> Value {
        collection(
            self.districts_of(region)
                .map(|d| {
                    let (x, y) = self.corner(d);
                    (district_name(d), square(x, y, SIDE, SIDE))
                })
                .collect(),
        )
    }
}

pub const COUNTRY: &str = "Bench country";

/// `Region 01`: regions are numbered from 1, as in the rows CSV.
pub fn region_name(region: usize) -> String {
    format!("Region {:02}", region + 1)
}

/// `District 001`: districts are numbered from 1, as in the rows CSV.
pub fn district_name(district: usize) -> String {
    format!("District {:03}", district + 1)
}

fn square(x: f64, y: f64, w: f64, h: f64) -> Vec<(f64, f64)> {
    vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
}

fn collection(features: Vec<(String, Vec<(f64, f64)>)>) -> Value {
    json!({
        "type": "FeatureCollection",
        "features": features.into_iter().map(|(name, ring)| json!({
            "type": "Feature",
            "properties": { "name": name },
            "geometry": {
                "type": "Polygon",
                "coordinates": [ring.iter().map(|(x, y)| json!([x, y])).collect::<Vec<_>>()],
            },
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(ring: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
        let (x0, y0) = ring[0];
        let (x1, y1) = ring[2];
        x > x0 && x < x1 && y > y0 && y < y1
    }

    #[test]
    fn two_hundred_districts_make_ten_rows_of_twenty() {
        let l = Layout::new(200, 10);
        assert_eq!((l.columns, l.regions()), (20, 10));
        assert_eq!(l.region_of(199), 9);
        assert_eq!(l.districts_of(3), 60..80);
        let uneven = Layout::new(15, 10);
        assert_eq!(uneven.regions(), 8);
        assert_eq!(uneven.districts_of(7), 14..15);
    }

    #[test]
    fn fixes_lie_in_their_district_and_only_inside_fixes_in_their_licence() {
        let l = Layout::new(200, 10);
        for d in [0, 37, 199] {
            let (x, y) = l.corner(d);
            let district = square(x, y, SIDE, SIDE);
            for k in 0..LICENCES_PER_DISTRICT {
                for (u, v) in [(0.0, 0.0), (0.999, 0.999), (0.5, 0.3)] {
                    let fix = l.fix(d, k, u, v, false);
                    assert!(inside(&l.licence_ring(d, k), fix));
                    assert!(inside(&district, fix));
                    let out = l.fix(d, k, u, v, true);
                    assert!(inside(&district, out), "{d} {k} {out:?}");
                    assert!((0..LICENCES_PER_DISTRICT).all(|j| !inside(&l.licence_ring(d, j), out)));
                }
            }
        }
    }

    #[test]
    fn geojson_has_one_feature_per_region_and_district() {
        let l = Layout::new(200, 10);
        assert_eq!(l.country_geojson()["features"].as_array().unwrap().len(), 1);
        assert_eq!(
            l.regions_geojson()["features"].as_array().unwrap().len(),
            10
        );
        let ds = l.districts_geojson(2);
        assert_eq!(ds["features"].as_array().unwrap().len(), 20);
        assert_eq!(ds["features"][0]["properties"]["name"], "District 041");
    }
}
