//! Synthetic districts: a country's real border cut by a grid into pieces of about equal
//! size, each named after the best-known town inside it and plainly labelled synthetic
//! ("Akwatia (synthetic)"): they are not the country's administrative districts, and no
//! reader of the demo should take them for such.
//!
//! Real district boundaries would have to be shipped for every country; a grid clipped to
//! the border with `geo`'s boolean operations gives districts that tile the country
//! exactly (no gap, no overlap, nothing outside), which is all the registry needs of them.
//! Pieces much smaller than a grid square (a sliver along the border, a corner) join their
//! largest neighbour so that no district is a fleck. Pure and deterministic: the same
//! border and target give the same districts in the same order.

use std::collections::{BTreeMap, BTreeSet};

use ::geo::{Area, BooleanOps, BoundingRect, Contains, Coord, MultiPolygon, Point, Rect};
use sync_protocol::records::RegionLevel;
use uuid::Uuid;

use super::plans::{CountryPlan, COUNTRIES};
use crate::core::region_id;
use crate::geo::{country_border, RegionIndex, RegionShape};

/// A town a district may be named after: (name, longitude, latitude).
pub type Town = (&'static str, f64, f64);

/// One synthetic district.
#[derive(Debug, Clone)]
pub struct District {
    pub name: String,
    pub boundary: MultiPolygon<f64>,
}

/// A region of the demo with the id the server will give it.
#[derive(Debug, Clone)]
pub struct DemoRegion {
    pub id: Uuid,
    pub name: String,
    pub boundary: MultiPolygon<f64>,
}

/// One country of the demo and its districts.
#[derive(Debug)]
pub struct CountryRegions {
    pub plan: &'static CountryPlan,
    pub country: DemoRegion,
    pub districts: Vec<DemoRegion>,
}

/// The demo's countries and districts, with the index the server builds from them, so the
/// season knows which district each place falls in exactly as the server will decide it.
pub struct Geography {
    pub countries: Vec<CountryRegions>,
    pub index: RegionIndex,
}

impl Geography {
    /// The countries of [`COUNTRIES`] from the embedded borders, each split into districts.
    /// Ids are those `placer admin import-regions` gives (level, parent and name).
    pub fn build() -> Self {
        let countries: Vec<CountryRegions> = COUNTRIES
            .iter()
            .map(|plan| {
                let border = country_border(plan.iso3).expect("the demo's countries are embedded");
                let id = region_id(RegionLevel::Country, None, &border.name);
                // No district is named after the capital: the exporters' offices are there,
                // and a diamond district called "Accra" would mislead every reader.
                let towns: Vec<Town> = plan
                    .towns
                    .iter()
                    .copied()
                    .filter(|(name, _, _)| *name != plan.capital)
                    .collect();
                let districts = split(&border.boundary, plan.districts, &towns, plan.name)
                    .into_iter()
                    .map(|d| DemoRegion {
                        id: region_id(RegionLevel::District, Some(id), &d.name),
                        name: d.name,
                        boundary: d.boundary,
                    })
                    .collect();
                CountryRegions {
                    plan,
                    country: DemoRegion {
                        id,
                        name: border.name.clone(),
                        boundary: border.boundary.clone(),
                    },
                    districts,
                }
            })
            .collect();
        let shapes = countries.iter().flat_map(|c| {
            let country = RegionShape {
                id: c.country.id,
                level: RegionLevel::Country,
                parent: None,
                boundary: c.country.boundary.clone(),
            };
            std::iter::once(country).chain(c.districts.iter().map(|d| RegionShape {
                id: d.id,
                level: RegionLevel::District,
                parent: Some(c.country.id),
                boundary: d.boundary.clone(),
            }))
        });
        let index = RegionIndex::new(shapes.collect::<Vec<_>>());
        Self { countries, index }
    }

    /// The district at (lon, lat) when the point and the points 2 km around it all fall in
    /// that one district: a place safely inside, whatever the ~1 km detail of the border.
    pub fn district_well_inside(&self, lon: f64, lat: f64) -> Option<Uuid> {
        const D: f64 = 0.02;
        let at = |x: f64, y: f64| self.index.locate_at_level(x, y, RegionLevel::District);
        let here = at(lon, lat)?;
        [(D, 0.0), (-D, 0.0), (0.0, D), (0.0, -D)]
            .iter()
            .all(|(dx, dy)| at(lon + dx, lat + dy) == Some(here))
            .then_some(here)
    }

    pub fn district_name(&self, id: Uuid) -> &str {
        self.countries
            .iter()
            .flat_map(|c| &c.districts)
            .find(|d| d.id == id)
            .map_or("?", |d| d.name.as_str())
    }
}

/// A grid square: (row, column) from the south-west.
type Cell = (i64, i64);
/// A district in the making: its piece of the country and the grid squares it covers.
type Group = (MultiPolygon<f64>, Vec<Cell>);

/// A piece smaller than this share of a grid square joins a neighbour.
const SMALL_PIECE: f64 = 0.3;

/// The name of the synthetic district cut around `town`.
pub fn synthetic(town: &str) -> String {
    format!("{town} (synthetic)")
}

/// Cuts `border` into about `target` districts. `towns` are tried in order (best known
/// first): a district takes the name of the first unused town inside it, else
/// "`fallback` district NN", each [`synthetic`].
pub fn split(
    border: &MultiPolygon<f64>,
    target: usize,
    towns: &[Town],
    fallback: &str,
) -> Vec<District> {
    let Some(bbox) = border.bounding_rect() else {
        return Vec::new();
    };
    let side = (border.unsigned_area() / target.max(1) as f64).sqrt();
    let cols = (bbox.width() / side).ceil().max(1.0) as i64;
    let rows = (bbox.height() / side).ceil().max(1.0) as i64;

    // Grid cells clipped to the border, keyed by (row, column) so that every walk below
    // goes in one fixed order.
    let mut groups: BTreeMap<Cell, Group> = BTreeMap::new();
    for r in 0..rows {
        for c in 0..cols {
            let min = Coord {
                x: bbox.min().x + c as f64 * side,
                y: bbox.min().y + r as f64 * side,
            };
            let cell = Rect::new(
                min,
                Coord {
                    x: min.x + side,
                    y: min.y + side,
                },
            )
            .to_polygon();
            let piece = cell.intersection(border);
            if piece.unsigned_area() > 0.0 {
                groups.insert((r, c), (piece, vec![(r, c)]));
            }
        }
    }

    // Small pieces join the largest piece next to them (sharing a grid edge).
    let small: Vec<Cell> = groups
        .iter()
        .filter(|(_, (p, _))| p.unsigned_area() < SMALL_PIECE * side * side)
        .map(|(k, _)| *k)
        .collect();
    let mut owner: BTreeMap<Cell, Cell> = groups.keys().map(|k| (*k, *k)).collect();
    for key in small {
        let Some((piece, cells)) = groups.get(&key).cloned() else {
            continue;
        };
        let neighbours: BTreeSet<Cell> = cells
            .iter()
            .flat_map(|&(r, c)| [(r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)])
            .filter_map(|n| owner.get(&n).copied())
            .filter(|g| *g != key)
            .collect();
        let Some(into) = neighbours.into_iter().max_by(|a, b| {
            let area = |k: &Cell| groups[k].0.unsigned_area();
            area(a).total_cmp(&area(b)).then(b.cmp(a))
        }) else {
            continue; // an island with no neighbour stays a district of its own
        };
        groups.remove(&key);
        let target = groups.get_mut(&into).expect("neighbour group exists");
        target.0 = target.0.union(&piece);
        for cell in &cells {
            owner.insert(*cell, into);
        }
        target.1.extend(cells);
    }

    // Names: the first unused town inside each district, in grid order (south-west first).
    let mut used = BTreeSet::new();
    let mut numbered = 0;
    groups
        .into_values()
        .map(|(boundary, _)| {
            let town = towns.iter().find(|(name, lon, lat)| {
                !used.contains(name) && boundary.contains(&Point::new(*lon, *lat))
            });
            let name = match town {
                Some((name, _, _)) => {
                    used.insert(*name);
                    synthetic(name)
                }
                None => {
                    numbered += 1;
                    synthetic(&format!("{fallback} district {numbered:02}"))
                }
            };
            District { name, boundary }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Areas in square degrees: planar, as the split itself is.
    fn area(m: &MultiPolygon<f64>) -> f64 {
        m.unsigned_area()
    }

    #[test]
    fn districts_tile_each_country_without_gap_or_overlap() {
        for plan in &COUNTRIES {
            let border = &country_border(plan.iso3).expect("embedded").boundary;
            let districts = split(border, plan.districts, plan.towns, plan.name);
            let total = area(border);
            assert!(
                districts.len() >= plan.districts / 2 && districts.len() <= plan.districts * 2,
                "{}: {} districts for a target of {}",
                plan.name,
                districts.len(),
                plan.districts
            );
            // Cover: the districts' areas add up to the country's.
            let sum: f64 = districts.iter().map(|d| area(&d.boundary)).sum();
            assert!(
                (sum - total).abs() < 1e-6 * total,
                "{}: districts {sum} against the country {total}",
                plan.name
            );
            // Inside: nothing of a district lies outside the border.
            for d in &districts {
                let outside = area(&d.boundary.difference(border));
                assert!(outside < 1e-9 * total, "{} sticks out by {outside}", d.name);
            }
            // No overlap between any two.
            for (i, a) in districts.iter().enumerate() {
                for b in &districts[i + 1..] {
                    let shared = area(&a.boundary.intersection(&b.boundary));
                    assert!(shared < 1e-9 * total, "{} and {} overlap", a.name, b.name);
                }
            }
            // Names are unique (they make the region ids), and towns name most districts.
            let names: BTreeSet<&str> = districts.iter().map(|d| d.name.as_str()).collect();
            assert_eq!(names.len(), districts.len());
            let numbered = districts
                .iter()
                .filter(|d| d.name.contains(" district "))
                .count();
            assert!(
                numbered * 2 < districts.len(),
                "{}: {numbered} unnamed",
                plan.name
            );
        }
    }

    #[test]
    fn every_district_is_labelled_synthetic_and_none_is_named_after_the_capital() {
        let geo = Geography::build();
        for c in &geo.countries {
            assert!(c.districts.iter().all(|d| d.name.ends_with(" (synthetic)")));
            assert!(
                c.districts
                    .iter()
                    .all(|d| !d.name.starts_with(c.plan.capital)),
                "{:?}",
                c.districts.iter().map(|d| &d.name).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn the_split_is_deterministic() {
        let plan = &COUNTRIES[1];
        let border = &country_border(plan.iso3).unwrap().boundary;
        let a = split(border, plan.districts, plan.towns, plan.name);
        let b = split(border, plan.districts, plan.towns, plan.name);
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.name, y.name);
            assert_eq!(x.boundary, y.boundary);
        }
    }
}
