//! The dataset of `placer bench reports` (pure): which productions each district records in
//! each month, the device ops that carry them, and the same productions as CSV rows for a
//! peer database.
//!
//! Every district-month draws its site-days from its own fixed seed, so the dataset is the
//! same whatever order (or thread) generates it, and the rows written for the peer are the
//! very productions that were pushed, without keeping them.
//!
//! What makes the control shares of the national report non-trivial, by construction:
//! - [`OUTSIDE_PER_MILLE`] of the fixes lie about 1.2 km outside their licence's area (in the
//!   same district);
//! - licence 0 of each district expires halfway through the period, and its productions after
//!   that are on an expired licence (about 5% of all);
//! - [`GHOST_PER_MILLE`] of the productions name a miner who was never registered.
//!
//! The months end with [`LAST_MONTH`] (2026-10), so that a dataset does not depend on the
//! day it is built.

use sync_protocol::clock::Hlc;
use sync_protocol::op::{Op, OpBody, Set};
use sync_protocol::records::{FactField, Holder, Licence, Miner, Production};
use sync_protocol::values::{
    format_day, AccuracyMetres, BirthYear, Carats, Day, Diggers, GeoFix, GravelLitres, LicenceKind,
    LicenceNumber, LicenceStatus, Mineral, PersonName, Point, Polygon, Ring, Sex, Stones, Text,
};
use uuid::Uuid;

use super::country::{Layout, LICENCES_PER_DISTRICT};
use crate::bench::geo::Rng;
use crate::reports::rollup::month_parts;

/// First-level regions of the synthetic country (fewer when there are fewer districts).
pub const REGIONS: usize = 10;
/// The last month of every dataset, as a month index (`year * 12 + month - 1`): 2026-10.
pub const LAST_MONTH: i32 = 2026 * 12 + 9;
pub const MINERS_PER_DISTRICT: usize = 20;
/// Miners named by productions who were never registered, per district.
pub const GHOSTS_PER_DISTRICT: usize = 5;
pub const OUTSIDE_PER_MILLE: u64 = 60;
pub const GHOST_PER_MILLE: u64 = 40;
/// Changing anything that changes the rows changes this, so an old data directory is not
/// taken for the new dataset.
pub const VERSION: u32 = 1;
const SEED: u64 = 0x5EED_2026_0000_0000;

/// The size of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Spec {
    pub records: u64,
    pub districts: usize,
    pub months: u32,
}

impl Spec {
    pub fn layout(&self) -> Layout {
        Layout::new(self.districts, REGIONS)
    }

    pub fn first_month(&self) -> i32 {
        LAST_MONTH - self.months as i32 + 1
    }

    /// Productions of a district in the month at `offset` from the first: the records spread
    /// evenly over districts and months, the remainder over the first cells.
    pub fn records_in(&self, district: usize, offset: u32) -> u64 {
        let cells = self.districts as u64 * u64::from(self.months);
        let cell = u64::from(offset) * self.districts as u64 + district as u64;
        self.records / cells + u64::from(cell < self.records % cells)
    }

    /// Every licence is issued on the first day of the period.
    pub fn issued(&self) -> Day {
        first_day(self.first_month())
    }

    /// Licence 0 of a district expires at the end of the first half of the period; the others
    /// at its end.
    pub fn expires(&self, licence: usize) -> Day {
        let month = if licence == 0 {
            self.first_month() + (self.months.max(2) / 2) as i32 - 1
        } else {
            LAST_MONTH
        };
        last_day(month)
    }
}

fn day(month: i32, d: u8) -> Day {
    let (y, m) = month_parts(month);
    let m = time::Month::try_from(m).expect("month 1..=12");
    Day::from_calendar_date(y, m, d).expect("a day of the month")
}

fn days_in(month: i32) -> u8 {
    let (y, m) = month_parts(month);
    time::Month::try_from(m).expect("month 1..=12").length(y)
}

fn first_day(month: i32) -> Day {
    day(month, 1)
}

fn last_day(month: i32) -> Day {
    day(month, days_in(month))
}

/// Who a production names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinerRef {
    Registered(usize),
    Ghost(usize),
}

/// One production as the dataset draws it, before it has ids.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteDay {
    pub district: usize,
    pub licence: usize,
    pub miner: MinerRef,
    pub date: Day,
    pub lon: f64,
    pub lat: f64,
    pub accuracy_m: u32,
    pub diggers: u32,
    pub gravel_litres: u32,
    /// Stone weights in hundredths of a carat.
    pub stones: Vec<u64>,
    pub outside: bool,
}

impl SiteDay {
    pub fn carats_hundredths(&self) -> u64 {
        self.stones.iter().sum()
    }

    pub fn valid_licence(&self, spec: &Spec) -> bool {
        self.date <= spec.expires(self.licence)
    }

    pub fn registered_miner(&self) -> bool {
        matches!(self.miner, MinerRef::Registered(_))
    }
}

fn below(rng: &mut Rng, n: u64) -> u64 {
    rng.next_u64() % n
}

/// The productions of `district` in the month at `offset`, always the same ones.
pub fn site_days(spec: &Spec, district: usize, offset: u32) -> Vec<SiteDay> {
    let layout = spec.layout();
    let month = spec.first_month() + offset as i32;
    let mut rng = Rng(SEED ^ (((district as u64) << 32) | u64::from(offset)));
    (0..spec.records_in(district, offset))
        .map(|_| {
            let licence = below(&mut rng, LICENCES_PER_DISTRICT as u64) as usize;
            let miner = if below(&mut rng, 1000) < GHOST_PER_MILLE {
                MinerRef::Ghost(below(&mut rng, GHOSTS_PER_DISTRICT as u64) as usize)
            } else {
                MinerRef::Registered(below(&mut rng, MINERS_PER_DISTRICT as u64) as usize)
            };
            let outside = below(&mut rng, 1000) < OUTSIDE_PER_MILLE;
            let date = day(month, 1 + below(&mut rng, u64::from(days_in(month))) as u8);
            let (u, v) = (rng.next_f64(), rng.next_f64());
            let (lon, lat) = layout.fix(district, licence, u, v, outside);
            let accuracy_m = 5 + below(&mut rng, 11) as u32;
            let diggers = 3 + below(&mut rng, 10) as u32;
            let gravel_litres = 500 + below(&mut rng, 4_501) as u32;
            let stones = (0..1 + below(&mut rng, 3))
                .map(|_| 5 + below(&mut rng, 146))
                .collect();
            SiteDay {
                district,
                licence,
                miner,
                date,
                lon,
                lat,
                accuracy_m,
                diggers,
                gravel_litres,
                stones,
                outside,
            }
        })
        .collect()
}

/// The header of the rows CSV: region and district are numbered from 1 (`Region 01`,
/// `District 001`); carats in hundredths.
pub const CSV_HEADER: &str =
    "region,district,day,carats_hundredths,stones,inside_licence,valid_licence,registered_miner";

pub fn csv_row(spec: &Spec, s: &SiteDay) -> String {
    format!(
        "{},{},{},{},{},{},{},{}",
        spec.layout().region_of(s.district) + 1,
        s.district + 1,
        format_day(s.date),
        s.carats_hundredths(),
        s.stones.len(),
        !s.outside,
        s.valid_licence(spec),
        s.registered_miner(),
    )
}

fn point(lon: f64, lat: f64) -> Point {
    Point::new(lon, lat).expect("a point of the synthetic country")
}

/// A registered miner of a district.
pub fn miner_op(spec: &Spec, district: usize, j: usize, id: Uuid, region: Uuid, stamp: Hlc) -> Op {
    let m = Miner {
        names: PersonName::parse(format!("Miner {} of district {}", j + 1, district + 1))
            .expect("a name"),
        sex: if j.is_multiple_of(2) {
            Sex::Female
        } else {
            Sex::Male
        },
        birth_year: BirthYear::new(1960 + (j * 7 % 45) as u16).expect("a birth year"),
        home_region: region,
        registered_on: spec.issued(),
        registered_by: Text::parse(format!("Bench agent {}", district + 1)).expect("a name"),
        national_id: None,
        phone: None,
        cooperative: None,
        registered_at: None,
    };
    Op {
        record: id,
        stamp,
        region,
        body: OpBody::Miner(m.into_fields().into_iter().map(Set::new).collect()),
    }
}

/// Claim `k` of a district, with its area, held by one of the district's miners.
pub fn licence_op(
    spec: &Spec,
    district: usize,
    k: usize,
    holder: Uuid,
    id: Uuid,
    region: Uuid,
    stamp: Hlc,
) -> Op {
    let ring = spec.layout().licence_ring(district, k);
    let l = Licence {
        number: LicenceNumber::parse(format!("BC-CL-{:03}-{:02}", district + 1, k + 1))
            .expect("a licence number"),
        kind: LicenceKind::Claim,
        holder: Holder::Miner(holder),
        mineral: Mineral::Diamond,
        issued: spec.issued(),
        expires: spec.expires(k),
        status: LicenceStatus::Active,
        area: Some(Polygon {
            exterior: Ring::new(ring.into_iter().map(|(x, y)| point(x, y)).collect())
                .expect("a closed square"),
            holes: vec![],
        }),
    };
    Op {
        record: id,
        stamp,
        region,
        body: OpBody::Licence(l.into_fields().into_iter().map(Set::new).collect()),
    }
}

/// A production op for a site-day, given the ids of its licence and miner.
pub fn production_op(
    s: &SiteDay,
    id: Uuid,
    licence: Uuid,
    miner: Uuid,
    region: Uuid,
    stamp: Hlc,
) -> Op {
    let p = Production {
        licence,
        miner: Some(miner),
        date: s.date,
        fix: GeoFix {
            point: point(s.lon, s.lat),
            accuracy: AccuracyMetres::new(s.accuracy_m).expect("an accuracy"),
        },
        diggers: Diggers::new(s.diggers).expect("diggers"),
        gravel: GravelLitres::new(s.gravel_litres).expect("gravel"),
        stones: Stones::Weighed(
            s.stones
                .iter()
                .map(|h| Carats::from_hundredths(*h).expect("a weight"))
                .collect(),
        ),
        mineral: Mineral::Diamond,
    };
    Op {
        record: id,
        stamp,
        region,
        body: OpBody::Production(vec![Set::new(FactField::Body(p))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(records: u64) -> Spec {
        Spec {
            records,
            districts: 200,
            months: 24,
        }
    }

    #[test]
    fn records_spread_over_districts_and_months_add_up() {
        for n in [0, 1, 4_799, 4_800, 1_000_003] {
            let s = spec(n);
            let total: u64 = (0..24)
                .flat_map(|m| (0..200).map(move |d| (d, m)))
                .map(|(d, m)| s.records_in(d, m))
                .sum();
            assert_eq!(total, n);
        }
    }

    #[test]
    fn the_period_ends_in_october_2026_and_licence_zero_expires_halfway() {
        let s = spec(10);
        assert_eq!(format_day(s.issued()), "2024-11-01");
        assert_eq!(format_day(s.expires(0)), "2025-10-31");
        assert_eq!(format_day(s.expires(3)), "2026-10-31");
    }

    #[test]
    fn site_days_are_the_same_every_time_and_stay_in_their_month() {
        let s = spec(2_000_000);
        let a = site_days(&s, 17, 5);
        assert_eq!(a, site_days(&s, 17, 5));
        assert_ne!(a, site_days(&s, 18, 5));
        assert!(a.iter().all(|d| format_day(d.date).starts_with("2025-04")));
    }

    #[test]
    fn control_shares_are_not_trivial() {
        let s = spec(480_000);
        let days: Vec<SiteDay> = (0..24).flat_map(|m| site_days(&s, 3, m)).collect();
        let share = |f: &dyn Fn(&SiteDay) -> bool| {
            days.iter().filter(|d| f(d)).count() as f64 / days.len() as f64
        };
        let outside = share(&|d| d.outside);
        let expired = share(&|d| !d.valid_licence(&s));
        let ghosts = share(&|d| !d.registered_miner());
        assert!((0.04..0.08).contains(&outside), "{outside}");
        assert!((0.03..0.07).contains(&expired), "{expired}");
        assert!((0.02..0.06).contains(&ghosts), "{ghosts}");
    }

    #[test]
    fn a_csv_row_numbers_regions_and_districts_from_one() {
        let s = spec(48_000);
        let d = &site_days(&s, 41, 0)[0];
        let row = csv_row(&s, d);
        assert_eq!(row.split(',').count(), CSV_HEADER.split(',').count());
        assert!(row.starts_with("3,42,2024-11-"), "{row}");
    }
}
