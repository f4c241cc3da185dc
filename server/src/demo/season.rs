//! The demo season: every record that the demo's field agents enter, as a pure function of
//! a seed, a last month and a scale.
//!
//! # What it holds
//! Per country (see [`super::plans`]): mining licences (permits, claims, cooperatives) with
//! walked polygons clustered around the real diamond fields, the gangs of miners working
//! them, one record per worked site-day with stones weighed one by one, weekly sales of
//! what a site found to licensed buyers or straight to exporters, each buyer's monthly
//! sale to an exporter, and each exporter's monthly export under a Kimberley Process
//! certificate with the parcel's stone weights. Work follows the seasons: most sites stop
//! when the rains flood the pits.
//!
//! # Planted anomalies, for the dashboard to find
//! - licences that expire during the season while their sites keep digging
//!   (`licence_not_valid`);
//! - sites whose fixes sometimes lie kilometres off their claim (`outside_licence_area`);
//! - a miner nobody registered, named on some productions and sales (`unregistered_miner`);
//! - one national id on two registrations, and the same name and birth year registered
//!   twice in one district (`duplicate_national_id`, `duplicate_name_and_birth_year`);
//! - in Ghana, one exporter that buys almost nothing but exports hundreds of carats a
//!   month, in parcels of large stones drawn from Sierra Leone's size distribution
//!   instead of Ghana's small ones (no flag kind covers it: the purchases-against-exports
//!   and footprint views show it).
//!
//! Everything else is clean: no other duplicate names in a district, no other duplicate
//! national id, every other fix inside its claim, every other production on a licence
//! valid that day and by a registered miner. A licence's lucky month can still raise an
//! `implausible_productivity` flag, as it would in life.
//!
//! # Determinism
//! Records, their ids ([`record_id`]) and their order follow from the seed, the last month
//! and the scale alone: the same three give an equal [`Season`]. Dates are relative to the
//! last month (the season is its twelve months); the demo takes the month before the one
//! it runs in unless told otherwise. (Stone weights and places go through `exp`, `ln` and
//! `cos`, whose last bits are the platform's maths library's: the same build on the same
//! platform repeats a season exactly.)

mod days;
mod people;
mod sites;
#[cfg(test)]
mod tests;
mod trade;

use std::collections::{BTreeMap, BTreeSet};

use sync_protocol::op::{OpBody, Set};
use sync_protocol::records::{Export, FactField, Licence, Miner, Production, Sale};
use sync_protocol::values::*;
use time::{Date, Duration, Month};
use uuid::Uuid;

use super::districts::{CountryRegions, Geography};
use super::rng::Rng;
use people::People;

/// Mining licences one field agent registers and follows.
const SITES_PER_AGENT: usize = 20;

/// Phase 0 holds what was registered before the season; phase m (1 to 12) month m.
pub const PHASES: usize = 13;

/// What a season follows from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeasonConfig {
    pub seed: u64,
    /// Any day of the season's last month.
    pub last_month: Date,
    /// 1.0 is the full demo (a few thousand miners); tests use less.
    pub scale: f64,
}

impl SeasonConfig {
    /// The first day of the first of the twelve months.
    pub fn first_day(&self) -> Date {
        add_months(month_start(self.last_month), -11)
    }

    /// The last day of the last month.
    pub fn last_day(&self) -> Date {
        add_months(month_start(self.last_month), 1) - Duration::days(1)
    }
}

/// The first day of `d`'s month.
pub fn month_start(d: Date) -> Date {
    d.replace_day(1).expect("every month has a first day")
}

/// The first day of the month `n` months after `d`'s (before, for negative `n`).
pub fn add_months(d: Date, n: i32) -> Date {
    let index = d.year() * 12 + i32::from(u8::from(d.month())) - 1 + n;
    let month = Month::try_from((index.rem_euclid(12) + 1) as u8).expect("1 to 12");
    Date::from_calendar_date(index.div_euclid(12), month, 1).expect("a valid month")
}

/// A record as a field agent enters it.
#[derive(Debug, Clone, PartialEq)]
pub enum NewRecord {
    Miner(Miner),
    Licence(Licence),
    Production(Production),
    Sale(Sale),
    Export(Export),
}

impl NewRecord {
    /// The op body that registers or records it, as the device library builds it.
    pub fn body(&self) -> OpBody {
        match self.clone() {
            Self::Miner(m) => OpBody::Miner(m.into_fields().into_iter().map(Set::new).collect()),
            Self::Licence(l) => {
                OpBody::Licence(l.into_fields().into_iter().map(Set::new).collect())
            }
            Self::Production(p) => OpBody::Production(vec![Set::new(FactField::Body(p))]),
            Self::Sale(s) => OpBody::Sale(vec![Set::new(FactField::Body(s))]),
            Self::Export(e) => OpBody::Export(vec![Set::new(FactField::Body(e))]),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: Uuid,
    pub record: NewRecord,
}

/// A field agent with one handset serving one district, and what they enter.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    pub name: String,
    /// ISO alpha-3 of the agent's country.
    pub country: &'static str,
    pub district: Uuid,
    pub district_name: String,
    /// [`PHASES`] lists, each in the order the agent enters them (by date).
    pub phases: Vec<Vec<Entry>>,
}

/// The ids of what was planted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Planted {
    /// The exporter licence whose exports far exceed its purchases, and its number.
    pub exporter: Option<(Uuid, String)>,
    pub expired_licences: Vec<Uuid>,
    pub outside_productions: Vec<Uuid>,
    pub unregistered_miners: Vec<Uuid>,
    pub duplicate_national_ids: Vec<(Uuid, Uuid)>,
    pub duplicate_names: Vec<(Uuid, Uuid)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Season {
    pub config: SeasonConfig,
    pub agents: Vec<Agent>,
    pub planted: Planted,
}

/// How many records of each collection a season holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub miners: u64,
    pub licences: u64,
    pub productions: u64,
    pub sales: u64,
    pub exports: u64,
}

impl Counts {
    pub fn total(&self) -> u64 {
        self.miners + self.licences + self.productions + self.sales + self.exports
    }
}

impl Season {
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.agents.iter().flat_map(|a| a.phases.iter().flatten())
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for e in self.entries() {
            match e.record {
                NewRecord::Miner(_) => c.miners += 1,
                NewRecord::Licence(_) => c.licences += 1,
                NewRecord::Production(_) => c.productions += 1,
                NewRecord::Sale(_) => c.sales += 1,
                NewRecord::Export(_) => c.exports += 1,
            }
        }
        c
    }
}

/// Generates the season over the demo's geography.
pub fn generate(geo: &Geography, config: SeasonConfig) -> Season {
    let mut b = Builder {
        config,
        geo,
        first: config.first_day(),
        last: config.last_day(),
        agents: Vec::new(),
        agent_of: BTreeMap::new(),
        sites_in: BTreeMap::new(),
        agent_names: BTreeSet::new(),
        items: Vec::new(),
        planted: Planted::default(),
    };
    for country in &geo.countries {
        b.country(country);
    }
    let Builder {
        mut agents,
        mut items,
        planted,
        first,
        ..
    } = b;
    // Each agent enters the records in date order; registrations before facts of the same
    // day; then in the order they were made here.
    items.sort_by_key(|i| (i.date, i.rank, i.n));
    for item in items {
        let phase = if item.date < first {
            0
        } else {
            month_index(first, item.date) + 1
        };
        agents[item.agent].phases[phase].push(item.entry);
    }
    Season {
        config,
        agents,
        planted,
    }
}

/// Months from `first`'s month to `d`'s.
fn month_index(first: Date, d: Date) -> usize {
    let m = |x: Date| x.year() * 12 + i32::from(u8::from(x.month()));
    (m(d) - m(first)) as usize
}

/// A record on its way to its agent, with what orders it.
struct Item {
    date: Date,
    rank: u8,
    n: usize,
    agent: usize,
    entry: Entry,
}

/// What a site is planted with, if anything.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Clean,
    /// Expires during the season and stops work then, as it should.
    ExpiresAndStops,
    /// Expires during the season and keeps digging.
    PlantedExpired,
    /// Some fixes kilometres off the claim.
    PlantedOutside,
    /// Some days reported by a miner nobody registered.
    PlantedGhost,
}

/// A miner of a site's gang, and the day of their registration.
struct Member {
    id: Uuid,
    registered: Date,
}

/// A mining licence as the generator follows it through the season.
struct Site {
    id: Uuid,
    field: usize,
    lon: f64,
    lat: f64,
    radius_m: f64,
    agent: usize,
    issued: Date,
    expires: Date,
    role: Role,
    members: Vec<Member>,
    market_day: u8,
}

/// A licensed buyer or exporter.
struct Trader {
    id: Uuid,
    field: usize,
    agent: usize,
    /// Carats (hundredths), stones and US cents bought, per month of the season.
    bought: Vec<(u64, u64, u64)>,
}

/// The licensed buyers and exporters of one country.
struct Traders {
    buyers: Vec<Trader>,
    exporters: Vec<Trader>,
    /// The exporter planted with exports far above its purchases, if the country has it.
    planted: Option<Trader>,
}

impl Trader {
    fn new(id: Uuid, field: usize, agent: usize) -> Self {
        Self {
            id,
            field,
            agent,
            bought: vec![(0, 0, 0); 12],
        }
    }

    fn buy(&mut self, month: usize, hundredths: u64, stones: u64, cents: f64) {
        let b = &mut self.bought[month];
        b.0 += hundredths;
        b.1 += stones;
        b.2 += cents.round() as u64;
    }
}

/// The season in the making: its agents so far and every record, in the order made.
struct Builder<'g> {
    config: SeasonConfig,
    geo: &'g Geography,
    first: Date,
    last: Date,
    agents: Vec<Agent>,
    /// Agents by district and number within it.
    agent_of: BTreeMap<(Uuid, usize), usize>,
    /// Mining licences per district so far.
    sites_in: BTreeMap<Uuid, usize>,
    agent_names: BTreeSet<String>,
    items: Vec<Item>,
    planted: Planted,
}

/// Metres to degrees at a latitude: (east, north) offset → (lon, lat).
fn offset(lon: f64, lat: f64, east_m: f64, north_m: f64) -> (f64, f64) {
    let lat2 = lat + north_m / 110_574.0;
    let lon2 = lon + east_m / (111_320.0 * lat.to_radians().cos());
    (lon2, lat2)
}

/// GPS precision: a millionth of a degree (about 0.1 m).
fn gps(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn point(lon: f64, lat: f64) -> Point {
    Point::new(gps(lon), gps(lat)).expect("places inside the demo's countries")
}

fn fix(lon: f64, lat: f64, accuracy_m: u32) -> GeoFix {
    GeoFix {
        point: point(lon, lat),
        accuracy: AccuracyMetres::new(accuracy_m).expect("1 to 100 km"),
    }
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

fn carats(hundredths: u64) -> Carats {
    Carats::from_hundredths(hundredths).expect("demo amounts are small")
}

fn cents(v: f64) -> UsdCents {
    UsdCents::from_cents(v.round().max(0.0) as u64).expect("demo amounts are small")
}

fn text(s: &str) -> Text {
    Text::parse(s).expect("demo texts are short and plain")
}

impl Builder<'_> {
    fn seed(&self) -> u64 {
        self.config.seed
    }

    fn push(&mut self, agent: usize, date: Date, id: Uuid, record: NewRecord) {
        let rank = match record {
            NewRecord::Miner(_) => 0,
            NewRecord::Licence(_) => 1,
            NewRecord::Production(_) => 2,
            NewRecord::Sale(_) => 3,
            NewRecord::Export(_) => 4,
        };
        let n = self.items.len();
        self.items.push(Item {
            date,
            rank,
            n,
            agent,
            entry: Entry { id, record },
        });
    }

    /// Agent `k` of `district`, created on first need with a name of the country.
    fn agent(&mut self, c: &CountryRegions, district: Uuid, k: usize, rng: &mut Rng) -> usize {
        if let Some(&a) = self.agent_of.get(&(district, k)) {
            return a;
        }
        let plan = c.plan;
        let name = loop {
            let first = if rng.chance(0.5) {
                rng.pick(plan.female_names)
            } else {
                rng.pick(plan.male_names)
            };
            let name = format!("{first} {}", rng.pick(plan.surnames));
            if self.agent_names.insert(name.clone()) {
                break name;
            }
        };
        self.agents.push(Agent {
            name,
            country: plan.iso3,
            district,
            district_name: self.geo.district_name(district).to_string(),
            phases: vec![Vec::new(); PHASES],
        });
        self.agent_of.insert((district, k), self.agents.len() - 1);
        self.agents.len() - 1
    }

    /// A place around a field, safely inside one district of the country.
    fn place(&self, c: &CountryRegions, field: usize, rng: &mut Rng) -> (f64, f64, Uuid) {
        let f = &c.plan.fields[field];
        let ours = |d: Uuid| c.districts.iter().any(|x| x.id == d);
        for _ in 0..200 {
            let (lon, lat) = offset(
                f.lon,
                f.lat,
                rng.normal() * f.spread_km * 1000.0,
                rng.normal() * f.spread_km * 1000.0,
            );
            if let Some(d) = self.geo.district_well_inside(lon, lat).filter(|d| ours(*d)) {
                return (lon, lat, d);
            }
        }
        let d = self
            .geo
            .district_well_inside(f.lon, f.lat)
            .expect("field centres lie well inside a district (tested)");
        (f.lon, f.lat, d)
    }

    /// Everything of one country: sites and their gangs, traders, site-days and sales,
    /// resales to exporters, exports, and the duplicate registrations.
    fn country(&mut self, c: &CountryRegions) {
        let mut people = People::new(self.seed(), c);
        let sites = self.mining_sites(c, &mut people);
        let mut traders = self.traders(c);
        self.site_days(c, &sites, &mut traders);
        self.resales(c, &mut traders);
        self.exports(c, &traders);
        self.duplicates(c, &sites, &mut people);
    }
}
