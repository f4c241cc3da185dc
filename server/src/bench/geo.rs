//! The point-to-region lookup benchmark (to be run as `placer bench geo`): the ten real
//! national borders plus a number of synthetic districts, then many lookups of random
//! points. Timing is reported, never asserted.
//!
//! The districts are a grid of equal squares over the ten countries' extent; a square is a
//! district when its centre is in a country, which becomes its parent. The grid is the
//! coarsest with at least as many land squares as districts asked for, and the districts
//! are taken evenly spread over them, so they cover (nearly all of) the ten countries.
//! Lookup points are uniform over the land of the ten countries (production fixes are
//! where people dig), drawn by a fixed-seed generator before the clock starts: every run
//! does the same work. A point outside every district square (at a coast or a border)
//! finds its country.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ::geo::{BoundingRect, LineString, MultiPolygon, Polygon};
use sync_protocol::records::RegionLevel;
use uuid::Uuid;

use crate::geo::borders::country_borders;
use crate::geo::index::{RegionIndex, RegionShape};

/// What one run measured.
#[derive(Debug, Clone)]
pub struct BenchReport {
    /// Regions in the index: countries plus districts.
    pub regions: usize,
    pub districts: usize,
    /// Time to build the index of all regions (not the grid generation).
    pub build: Duration,
    pub lookups: usize,
    /// Time for all the lookups.
    pub elapsed: Duration,
    pub lookups_per_sec: f64,
    /// Lookups that found a district, a country (no district there), nothing (never: every
    /// point is in a country; kept as a check).
    pub found_district: usize,
    pub found_country: usize,
    pub found_nothing: usize,
}

impl std::fmt::Display for BenchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} regions ({} districts), index built in {:.1} ms; {} lookups in {:.1} ms: \
             {:.0} lookups/s ({} in a district, {} in a country only, {} in none)",
            self.regions,
            self.districts,
            self.build.as_secs_f64() * 1e3,
            self.lookups,
            self.elapsed.as_secs_f64() * 1e3,
            self.lookups_per_sec,
            self.found_district,
            self.found_country,
            self.found_nothing,
        )
    }
}

/// SplitMix64: a small fixed-seed generator, so runs are comparable (also used by the
/// reports benchmark).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn country_id(i: usize) -> Uuid {
    Uuid::from_u128(1 + i as u128)
}

fn district_id(i: usize) -> Uuid {
    Uuid::from_u128(1_000_000 + i as u128)
}

/// Builds the index of the ten countries and `districts` synthetic districts, and times
/// `lookups` calls of [`RegionIndex::locate`].
pub fn run_lookup_bench(districts: usize, lookups: usize) -> BenchReport {
    let countries: Vec<RegionShape> = country_borders()
        .iter()
        .enumerate()
        .map(|(i, c)| RegionShape {
            id: country_id(i),
            level: RegionLevel::Country,
            parent: None,
            boundary: c.boundary.clone(),
        })
        .collect();
    let extent = countries
        .iter()
        .filter_map(|c| c.boundary.bounding_rect())
        .reduce(|a, b| {
            ::geo::Rect::new(
                ::geo::Coord {
                    x: a.min().x.min(b.min().x),
                    y: a.min().y.min(b.min().y),
                },
                ::geo::Coord {
                    x: a.max().x.max(b.max().x),
                    y: a.max().y.max(b.max().y),
                },
            )
        })
        .expect("ten countries");

    let country_index = RegionIndex::new(countries.clone());
    let mut shapes = countries;
    if districts > 0 {
        // Land squares (centre in a country) at the coarsest grid giving enough of them:
        // estimate the land share on a coarse grid, then refine one step at a time.
        let land_squares = |side: usize| {
            let (w, h) = (extent.width() / side as f64, extent.height() / side as f64);
            let mut land = Vec::new();
            for j in 0..side {
                for i in 0..side {
                    let x0 = extent.min().x + i as f64 * w;
                    let y0 = extent.min().y + j as f64 * h;
                    if let Some(parent) = country_index.country_of(x0 + w / 2.0, y0 + h / 2.0) {
                        land.push((x0, y0, w, h, parent));
                    }
                }
            }
            land
        };
        let share = land_squares(32).len().max(1) as f64 / (32 * 32) as f64;
        let mut side = (((districts as f64 / share).sqrt()) as usize)
            .saturating_sub(2)
            .max(1);
        let land = loop {
            let land = land_squares(side);
            if land.len() >= districts {
                break land;
            }
            side += 1;
        };
        for k in 0..districts {
            let (x0, y0, w, h, parent) = land[k * land.len() / districts];
            let square = Polygon::new(
                LineString::from(vec![
                    (x0, y0),
                    (x0 + w, y0),
                    (x0 + w, y0 + h),
                    (x0, y0 + h),
                    (x0, y0),
                ]),
                vec![],
            );
            shapes.push(RegionShape {
                id: district_id(k),
                level: RegionLevel::District,
                parent: Some(parent),
                boundary: MultiPolygon(vec![square]),
            });
        }
    }
    let regions = shapes.len();

    let started = Instant::now();
    let index = RegionIndex::new(shapes);
    let build = started.elapsed();

    // Fixes are where people dig: uniform over the land of the ten countries.
    let mut rng = Rng(0x5EED);
    let mut points: Vec<(f64, f64)> = Vec::with_capacity(lookups);
    while points.len() < lookups {
        let lon = extent.min().x + rng.next_f64() * extent.width();
        let lat = extent.min().y + rng.next_f64() * extent.height();
        if country_index.country_of(lon, lat).is_some() {
            points.push((lon, lat));
        }
    }
    let (mut found_district, mut found_country, mut found_nothing) = (0, 0, 0);
    let started = Instant::now();
    for &(lon, lat) in &points {
        match black_box(index.locate(black_box(lon), black_box(lat))) {
            Some(id) if id.as_u128() >= 1_000_000 => found_district += 1,
            Some(_) => found_country += 1,
            None => found_nothing += 1,
        }
    }
    let elapsed = started.elapsed();
    BenchReport {
        regions,
        districts,
        build,
        lookups,
        elapsed,
        lookups_per_sec: lookups as f64 / elapsed.as_secs_f64().max(1e-9),
        found_district,
        found_country,
        found_nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_run_counts_every_lookup() {
        let r = run_lookup_bench(50, 500);
        assert_eq!(r.regions, 60);
        assert_eq!(r.districts, 50);
        assert_eq!(r.lookups, 500);
        assert_eq!(r.found_district + r.found_country + r.found_nothing, 500);
        // Every point is on the land of one of the ten countries.
        assert_eq!(r.found_nothing, 0, "{r}");
        assert!(r.found_district > 0, "{r}");
        assert!(r.lookups_per_sec > 0.0);
        assert!(r.to_string().contains("500 lookups"));
    }

    #[test]
    fn districts_cover_the_land_and_have_their_country_as_parent() {
        let r = run_lookup_bench(400, 2_000);
        // With a fine grid almost every point on land finds a district.
        assert!(r.found_district > 2 * r.found_country, "{r}");
        let without = run_lookup_bench(0, 200);
        assert_eq!(without.regions, 10);
        assert_eq!(without.found_district, 0);
    }
}
