//! The national borders of ten producing or neighbouring countries (GHA, CIV, SLE, LBR,
//! GIN, CAF, COD, AGO, TGO, BFA), embedded in the binary from
//! `server/data/geo/west-central-africa-countries.geojson` (Natural Earth 1:10m, public
//! domain; see `server/data/geo/README.md`). About 1 km of detail: a point within ~2 km of
//! a border may fall either side. For seeding country regions, tests and demos.

use std::sync::OnceLock;

use ::geo::MultiPolygon;

use super::shape::{boundary_from_geojson, boundary_to_geo, ShapeError};

/// The embedded GeoJSON FeatureCollection (properties `name`, `iso3`, `iso_n3`).
pub const COUNTRIES_GEOJSON: &str =
    include_str!("../../data/geo/west-central-africa-countries.geojson");

/// One country's border.
#[derive(Debug, Clone)]
pub struct CountryBorder {
    /// ISO 3166-1 alpha-3 code, e.g. "GHA".
    pub iso3: String,
    /// Natural Earth's short name, e.g. "Côte d'Ivoire".
    pub name: String,
    pub boundary: MultiPolygon<f64>,
}

/// The ten countries of the embedded file, in the file's order, parsed once.
pub fn country_borders() -> &'static [CountryBorder] {
    static BORDERS: OnceLock<Vec<CountryBorder>> = OnceLock::new();
    BORDERS.get_or_init(|| {
        parse_countries(COUNTRIES_GEOJSON).expect("the embedded borders file is valid (tested)")
    })
}

/// One of the embedded countries by ISO alpha-3 code.
pub fn country_border(iso3: &str) -> Option<&'static CountryBorder> {
    country_borders().iter().find(|c| c.iso3 == iso3)
}

/// Parses a FeatureCollection of country boundaries with `iso3` and `name` properties.
pub fn parse_countries(text: &str) -> Result<Vec<CountryBorder>, ShapeError> {
    let doc = |m: String| ShapeError::Document(m);
    let fc: geojson::FeatureCollection = text.parse().map_err(|e| doc(format!("{e}")))?;
    fc.features
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let prop = |key: &str| {
                f.property(key)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
                    .ok_or_else(|| doc(format!("feature {i} has no string property {key:?}")))
            };
            let geometry = f
                .geometry
                .as_ref()
                .ok_or_else(|| doc(format!("feature {i} has no geometry")))?;
            Ok(CountryBorder {
                iso3: prop("iso3")?,
                name: prop("name")?,
                boundary: boundary_to_geo(&boundary_from_geojson(&geometry.value)?),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::fence::distance_to_polygon_m;
    use crate::geo::index::{RegionIndex, RegionShape};
    use crate::geo::prepared::{Position, PreparedPolygon};
    use ::geo::coordinate_position::CoordPos;
    use ::geo::{BoundingRect, CoordinatePosition, Point};
    use sync_protocol::records::RegionLevel;
    use uuid::Uuid;

    const ISO3: [&str; 10] = [
        "GHA", "CIV", "SLE", "LBR", "GIN", "CAF", "COD", "AGO", "TGO", "BFA",
    ];

    fn country_id(iso3: &str) -> Uuid {
        Uuid::from_u128(ISO3.iter().position(|c| *c == iso3).unwrap() as u128 + 1)
    }

    fn index() -> RegionIndex {
        RegionIndex::new(country_borders().iter().map(|c| RegionShape {
            id: country_id(&c.iso3),
            level: RegionLevel::Country,
            parent: None,
            boundary: c.boundary.clone(),
        }))
    }

    #[test]
    fn all_ten_countries_load() {
        let borders = country_borders();
        assert_eq!(borders.len(), 10);
        for iso3 in ISO3 {
            let c = country_border(iso3).unwrap_or_else(|| panic!("{iso3} missing"));
            assert!(!c.boundary.0.is_empty());
        }
        assert_eq!(country_border("CIV").unwrap().name, "Côte d'Ivoire");
        assert!(country_border("FRA").is_none());
    }

    #[test]
    fn multipolygons_load_as_several_polygons() {
        let pieces = |iso3| country_border(iso3).unwrap().boundary.0.len();
        // Angola: the mainland and the Cabinda exclave (and an island).
        assert_eq!(pieces("AGO"), 3);
        assert!(pieces("COD") > 1);
        assert!(pieces("CIV") > 1);
        assert!(pieces("SLE") > 1);
        // In this Natural Earth extract Guinea is a single polygon (its islands are merged
        // or dropped at this scale), although it is often said to be a multipolygon.
        assert_eq!(pieces("GIN"), 1);
    }

    #[test]
    fn known_towns_land_in_their_countries() {
        let ix = index();
        let towns = [
            ("Akwatia", -0.80, 6.04, "GHA"),
            ("Tarkwa", -1.99, 5.30, "GHA"),
            ("Séguéla", -6.67, 7.96, "CIV"),
            ("Tortiya", -5.67, 8.77, "CIV"),
            ("Koidu", -10.97, 8.64, "SLE"),
            ("Tshikapa", 20.80, -6.42, "COD"),
            ("Berberati", 15.78, 4.26, "CAF"),
            ("Lucapa", 20.74, -8.42, "AGO"),
        ];
        for (town, lon, lat, iso3) in towns {
            assert_eq!(ix.country_of(lon, lat), Some(country_id(iso3)), "{town}");
            assert_eq!(ix.locate(lon, lat), Some(country_id(iso3)), "{town}");
        }
        // Cabinda, Angola's exclave north of the Congo river mouth.
        assert_eq!(ix.country_of(12.20, -5.55), Some(country_id("AGO")));
        // The Gulf of Guinea.
        assert_eq!(ix.country_of(-2.0, 3.0), None);
        assert_eq!(ix.country_of(0.0, 0.0), None);
    }

    #[test]
    fn a_fix_twenty_km_inside_cote_divoire_is_twenty_km_from_ghana() {
        let ix = index();
        let ghana = &country_border("GHA").unwrap().boundary;
        // About 20 km west of the Ghana border measured along the parallel.
        for (lon, lat) in [(-3.42, 6.50), (-3.13, 7.50)] {
            assert_eq!(ix.country_of(lon, lat), Some(country_id("CIV")));
            let d = distance_to_polygon_m(Point::new(lon, lat), ghana);
            assert!((14_000.0..=26_000.0).contains(&d), "({lon}, {lat}): {d} m");
        }
        assert_eq!(distance_to_polygon_m(Point::new(-0.80, 6.04), ghana), 0.0);
    }

    #[test]
    fn prepared_borders_agree_with_geo() {
        // A deterministic spread of points over each country's bounding box.
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for c in country_borders() {
            for poly in &c.boundary.0 {
                let prep = PreparedPolygon::new(poly);
                let r = poly.bounding_rect().unwrap();
                let mut points: Vec<::geo::Coord<f64>> = (0..300)
                    .map(|_| ::geo::Coord {
                        x: r.min().x + next() * r.width(),
                        y: r.min().y + next() * r.height(),
                    })
                    .collect();
                points.extend(poly.exterior().0.iter().step_by(17).copied());
                for q in points {
                    let expected = match poly.coordinate_position(&q) {
                        CoordPos::Inside => Position::Inside,
                        CoordPos::OnBoundary => Position::OnBoundary,
                        CoordPos::Outside => Position::Outside,
                    };
                    assert_eq!(prep.position(q), expected, "{} {q:?}", c.iso3);
                }
            }
        }
    }

    #[test]
    fn shared_border_points_go_to_one_country() {
        // Every corner of Ghana's border shared with another country is in both; the index
        // gives each to the smaller id, every time.
        let ix = index();
        let gha = country_id("GHA");
        let ghana = &country_border("GHA").unwrap().boundary;
        let mut shared = 0;
        for c in &ghana.0[0].exterior().0 {
            let holders: Vec<Uuid> = ISO3
                .iter()
                .map(|i| country_id(i))
                .filter(|&id| ix.contains(id, c.x, c.y))
                .collect();
            assert!(holders.contains(&gha));
            if holders.len() > 1 {
                shared += 1;
                let got = ix.country_of(c.x, c.y);
                assert_eq!(got, holders.iter().min().copied());
                assert_eq!(ix.country_of(c.x, c.y), got);
            }
        }
        assert!(shared > 100, "only {shared} shared corners");
    }
}
