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
//! valid that day and by a registered miner. Lucky days can still raise an
//! `implausible_productivity` flag, as they would in life.
//!
//! # Determinism
//! Records, their ids ([`record_id`]) and their order follow from the seed, the last month
//! and the scale alone: the same three give an equal [`Season`]. Dates are relative to the
//! last month (the season is its twelve months); the demo takes the month before the one
//! it runs in unless told otherwise.

use std::collections::{BTreeMap, BTreeSet};

use sync_protocol::op::{OpBody, Set};
use sync_protocol::records::{Export, FactField, Holder, Licence, Miner, Production, Sale, Seller};
use sync_protocol::values::*;
use time::{Date, Duration, Month};
use uuid::Uuid;

use super::districts::{CountryRegions, Geography};
use super::plans::{CountryPlan, StoneSizes, BUYER_KINDS, COUNTRIES, EXPORTER_KINDS};
use super::rng::{record_id, Rng};
use crate::flags::normalize_name;

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

struct Member {
    id: Uuid,
    registered: Date,
}

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

/// A hexagon walked around a claim: corners at irregular angles and distances, so that
/// no two claims look alike. Every point within 0.4 of `radius_m` of the centre is inside.
fn claim_area(rng: &mut Rng, lon: f64, lat: f64, radius_m: f64) -> Polygon {
    let mut points: Vec<Point> = (0..6)
        .map(|k| {
            let angle = (f64::from(k) * 60.0 + rng.uniform(-12.0, 12.0)).to_radians();
            let r = radius_m * rng.uniform(0.8, 1.25);
            let (x, y) = offset(lon, lat, r * angle.cos(), r * angle.sin());
            point(x, y)
        })
        .collect();
    points.push(points[0]);
    Polygon {
        exterior: Ring::new(points).expect("seven points, closed"),
        holes: Vec::new(),
    }
}

/// The price of a lot, in US$ per carat: larger stones fetch more per carat.
fn usd_per_carat(plan: &CountryPlan, stones: &StoneSizes, lot_ct: f64, lot_stones: u64) -> f64 {
    let mean = lot_ct / lot_stones.max(1) as f64;
    plan.usd_per_carat * (mean / stones.mean_ct()).powf(0.5)
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

    fn country(&mut self, c: &CountryRegions) {
        let plan = c.plan;
        let seed = self.seed();
        let iso = plan.iso3;
        let mut rng = Rng::new(seed, &format!("sites {iso}"));
        let mut people = People::new(seed, c);

        // Mining licences and their gangs.
        let n = ((plan.mining_licences as f64 * self.config.scale).round() as usize).max(10);
        let planted_expired = (n * 3 / 200).max(2);
        let weights: Vec<f64> = plan.fields.iter().map(|f| f.weight).collect();
        let mut sites = Vec::with_capacity(n);
        for i in 0..n {
            let field = rng.weighted(&weights);
            let (lon, lat, district) = self.place(c, field, &mut rng);
            // One agent registers and follows about twenty licences.
            let nth = self.sites_in.entry(district).or_default();
            let k = *nth / SITES_PER_AGENT;
            *nth += 1;
            let agent = self.agent(c, district, k, &mut rng);
            let role = match i {
                _ if i < planted_expired => Role::PlantedExpired,
                _ if i < planted_expired + 2 => Role::PlantedOutside,
                _ if i == planted_expired + 2 => Role::PlantedGhost,
                _ if rng.chance(0.05) => Role::ExpiresAndStops,
                _ => Role::Clean,
            };
            let issued = if role == Role::Clean && rng.chance(0.1) {
                self.first + days(rng.range(0, 240))
            } else {
                self.first - days(rng.range(30, 1200))
            };
            let expires = match role {
                Role::PlantedExpired => self.first + days(rng.range(120, 250)),
                Role::ExpiresAndStops => self.first + days(rng.range(90, 330)),
                _ => self.last + days(rng.range(20, 700)),
            };
            let kind = *rng.pick(&[
                LicenceKind::ArtisanalPermit,
                LicenceKind::ArtisanalPermit,
                LicenceKind::ArtisanalPermit,
                LicenceKind::Claim,
                LicenceKind::Cooperative,
            ]);
            let id = record_id(seed, &format!("licence {iso}"), i as u64);
            let radius_m = rng.uniform(60.0, 220.0);
            let cooperative = (kind == LicenceKind::Cooperative)
                .then(|| format!("{} Diggers Cooperative {}", plan.fields[field].name, i + 1));
            // The gang: the holder, registered before the licence was issued, then members.
            let gang = rng.range(5, 16) as usize;
            let mut members = Vec::with_capacity(gang);
            for g in 0..gang {
                let registered = if g == 0 {
                    issued - days(rng.range(0, 90))
                } else if rng.chance(0.85) {
                    self.first - days(rng.range(1, 1000))
                } else {
                    (self.first + days(rng.range(0, 330))).min(self.last)
                };
                let (mx, my) = offset(
                    lon,
                    lat,
                    rng.uniform(-800.0, 800.0),
                    rng.uniform(-800.0, 800.0),
                );
                let (mid, miner) = people.miner(
                    self.geo,
                    registered,
                    (mx, my),
                    district,
                    &self.agents[agent].name,
                    cooperative.as_deref(),
                );
                self.push(agent, registered, mid, NewRecord::Miner(miner));
                members.push(Member {
                    id: mid,
                    registered,
                });
            }
            let holder = match &cooperative {
                Some(name) => Holder::Organisation(text(name)),
                None => Holder::Miner(members[0].id),
            };
            let code = match kind {
                LicenceKind::ArtisanalPermit => "AP",
                LicenceKind::Claim => "CL",
                _ => "CO",
            };
            let licence = Licence {
                number: LicenceNumber::parse(format!("{}-{code}-{:04}", plan.code, i + 1))
                    .expect("short"),
                kind,
                holder,
                mineral: Mineral::Diamond,
                issued,
                expires,
                status: LicenceStatus::Active,
                area: Some(claim_area(&mut rng, lon, lat, radius_m)),
            };
            self.push(agent, issued, id, NewRecord::Licence(licence));
            if role == Role::PlantedExpired {
                self.planted.expired_licences.push(id);
            }
            sites.push(Site {
                id,
                field,
                lon,
                lat,
                radius_m,
                agent,
                issued,
                expires,
                role,
                members,
                market_day: rng.range(0, 6) as u8,
            });
        }

        // Licensed buyers near the fields, exporters in the capital.
        let capital = c
            .districts
            .iter()
            .find(|d| d.name == plan.capital)
            .unwrap_or(&c.districts[0])
            .id;
        let mut buyers = Vec::new();
        for i in 0..plan.buyers {
            let field = i % plan.fields.len();
            let f = &plan.fields[field];
            let district = self
                .geo
                .district_well_inside(f.lon, f.lat)
                .expect("field centres lie well inside a district (tested)");
            let agent = self.agent(c, district, 0, &mut rng);
            let name = format!(
                "{} {}",
                f.name,
                BUYER_KINDS[(i / plan.fields.len()) % BUYER_KINDS.len()]
            );
            let id = self.trader(
                &mut rng,
                agent,
                LicenceKind::Buyer,
                &name,
                format!("{}-BUY-{:03}", plan.code, i + 1),
            );
            buyers.push(Trader::new(id, field, agent));
        }
        let capital_agent = self.agent(c, capital, 0, &mut rng);
        let mut exporters = Vec::new();
        for i in 0..plan.exporters {
            let name = format!(
                "{} {}",
                plan.towns[i % plan.towns.len()].0,
                EXPORTER_KINDS[i % EXPORTER_KINDS.len()]
            );
            let id = self.trader(
                &mut rng,
                capital_agent,
                LicenceKind::Exporter,
                &name,
                format!("{}-EXP-{:03}", plan.code, i + 1),
            );
            exporters.push(Trader::new(id, 0, capital_agent));
        }
        let mut planted_exporter = plan.planted_exporter.map(|name| {
            let number = format!("{}-EXP-{:03}", plan.code, plan.exporters + 1);
            let id = self.trader(
                &mut rng,
                capital_agent,
                LicenceKind::Exporter,
                name,
                number.clone(),
            );
            self.planted.exporter = Some((id, number));
            Trader::new(id, 0, capital_agent)
        });

        // Site-days and weekly sales.
        let mut rng = Rng::new(seed, &format!("days {iso}"));
        let ghost = record_id(seed, &format!("unregistered miner {iso}"), 0);
        let mut productions = 0u64;
        let mut sales = 0u64;
        for site in &sites {
            let mut lot = (0u64, 0u64, site.members[0].id); // hundredths, stones, seller
            let stop = match site.role {
                Role::PlantedExpired => self.last,
                _ => self.last.min(site.expires),
            };
            let mut day = self.first.max(site.issued);
            while day <= stop {
                let wet = plan.wet_months.contains(&u8::from(day.month()));
                let mut p = if wet { 0.15 } else { 0.45 };
                if day > site.expires {
                    p *= 0.6;
                }
                if rng.chance(p) {
                    let eligible: Vec<Uuid> = site
                        .members
                        .iter()
                        .filter(|m| m.registered <= day)
                        .map(|m| m.id)
                        .collect();
                    let miner = if site.role == Role::PlantedGhost && rng.chance(0.12) {
                        if !self.planted.unregistered_miners.contains(&ghost) {
                            self.planted.unregistered_miners.push(ghost);
                        }
                        ghost
                    } else {
                        *rng.pick(&eligible)
                    };
                    let diggers = rng.range(3, site.members.len() as i64 + 4) as u32;
                    let found = rng.poisson(plan.stones_per_digger_day * f64::from(diggers));
                    let weights: Vec<Carats> =
                        (0..found).map(|_| plan.stones.draw(&mut rng)).collect();
                    let id = record_id(seed, &format!("production {iso}"), productions);
                    productions += 1;
                    let outside = site.role == Role::PlantedOutside && rng.chance(0.1);
                    let (lon, lat) = if outside {
                        let angle = rng.uniform(0.0, std::f64::consts::TAU);
                        let d = rng.uniform(1_500.0, 5_000.0);
                        offset(site.lon, site.lat, d * angle.cos(), d * angle.sin())
                    } else {
                        let angle = rng.uniform(0.0, std::f64::consts::TAU);
                        let d = rng.uniform(0.0, 0.35) * site.radius_m;
                        offset(site.lon, site.lat, d * angle.cos(), d * angle.sin())
                    };
                    if outside {
                        self.planted.outside_productions.push(id);
                    }
                    lot.0 += weights.iter().map(|w| w.hundredths()).sum::<u64>();
                    lot.1 += weights.len() as u64;
                    lot.2 = miner;
                    let production = Production {
                        licence: site.id,
                        miner: Some(miner),
                        date: day,
                        fix: fix(lon, lat, rng.range(3, 12) as u32),
                        diggers: Diggers::new(diggers).expect("a few"),
                        gravel: GravelLitres::new(diggers * rng.range(120, 450) as u32)
                            .expect("a few cubic metres"),
                        stones: Stones::Weighed(weights),
                        mineral: Mineral::Diamond,
                    };
                    self.push(site.agent, day, id, NewRecord::Production(production));
                }
                if lot.1 > 0 && day.weekday().number_days_from_monday() == site.market_day {
                    let x = rng.unit();
                    let trader = match planted_exporter.as_mut() {
                        Some(t) if x < 0.02 => t,
                        _ if x < 0.25 => rng_pick_mut(&mut rng, &mut exporters),
                        _ => {
                            let near: Vec<usize> = (0..buyers.len())
                                .filter(|&b| buyers[b].field == site.field)
                                .collect();
                            let b = if near.is_empty() {
                                rng.range(0, buyers.len() as i64 - 1) as usize
                            } else {
                                *rng.pick(&near)
                            };
                            &mut buyers[b]
                        }
                    };
                    let price = usd_per_carat(plan, &plan.stones, lot.0 as f64 / 100.0, lot.1)
                        * rng.uniform(0.85, 1.15);
                    let value = lot.0 as f64 * price;
                    let month = month_index(self.first, day);
                    trader.buy(month, lot.0, lot.1, value);
                    let sale = Sale {
                        seller: Seller::Miner(lot.2),
                        buyer: trader.id,
                        date: day,
                        carats: carats(lot.0),
                        stones: StoneCount::new(lot.1 as u32).expect("a few"),
                        value: cents(value),
                        mineral: Mineral::Diamond,
                    };
                    let id = record_id(seed, &format!("sale {iso}"), sales);
                    sales += 1;
                    self.push(site.agent, day, id, NewRecord::Sale(sale));
                    lot = (0, 0, lot.2);
                }
                day += days(1);
            }
        }

        // Each buyer sells the month's purchases to its exporter on the month's last day.
        for (i, buyer) in buyers.iter().enumerate() {
            let exporter = &mut exporters[i % plan.exporters];
            for (m, &(h, stones, paid)) in buyer.bought.iter().enumerate() {
                if h == 0 {
                    continue;
                }
                let date = add_months(self.first, m as i32 + 1) - days(1);
                let value = paid as f64 * rng.uniform(1.08, 1.15);
                exporter.buy(m, h, stones, value);
                let sale = Sale {
                    seller: Seller::Licence(buyer.id),
                    buyer: exporter.id,
                    date,
                    carats: carats(h),
                    stones: StoneCount::new(stones as u32).expect("a month's stones"),
                    value: cents(value),
                    mineral: Mineral::Diamond,
                };
                let id = record_id(seed, &format!("sale {iso}"), sales);
                sales += 1;
                self.push(buyer.agent, date, id, NewRecord::Sale(sale));
            }
        }

        // Exports: early each month, what was bought the month before.
        let mut rng = Rng::new(seed, &format!("exports {iso}"));
        let mut certificates = 0u64;
        for exporter in &exporters {
            for m in 0..11 {
                let (h, _, paid) = exporter.bought[m];
                if h == 0 {
                    continue;
                }
                let target = (h as f64 * rng.uniform(0.9, 1.0)) as u64;
                let parcel = parcel(&mut rng, &plan.stones, target);
                let total: u64 = parcel.iter().map(|c| c.hundredths()).sum();
                let value = paid as f64 * (total as f64 / h as f64) * rng.uniform(1.05, 1.15);
                let hs_weights: Vec<f64> = plan.hs_codes.iter().map(|(_, w)| *w).collect();
                let hs = plan.hs_codes[rng.weighted(&hs_weights)].0;
                self.export(
                    c,
                    &mut rng,
                    exporter,
                    m + 1,
                    &mut certificates,
                    parcel,
                    value,
                    hs,
                );
            }
        }
        // The planted exporter: a few small purchases, large monthly parcels of another
        // country's stones at that country's prices.
        if let Some(exporter) = planted_exporter.take() {
            let other = COUNTRIES
                .iter()
                .find(|p| p.iso3 != plan.iso3)
                .expect("two countries");
            for month in 1..12 {
                let target = rng.range(15_000, 35_000) as u64;
                let parcel = parcel(&mut rng, &other.stones, target);
                let total: u64 = parcel.iter().map(|c| c.hundredths()).sum();
                let value = total as f64 * other.usd_per_carat * rng.uniform(0.9, 1.1);
                self.export(
                    c,
                    &mut rng,
                    &exporter,
                    month,
                    &mut certificates,
                    parcel,
                    value,
                    HsCode::Gem,
                );
            }
        }

        self.duplicates(c, &sites, &mut people);
    }

    /// Registers a buyer's or exporter's licence (no area: they do not dig); returns its id.
    fn trader(
        &mut self,
        rng: &mut Rng,
        agent: usize,
        kind: LicenceKind,
        holder: &str,
        number: String,
    ) -> Uuid {
        let id = record_id(self.seed(), &format!("licence {number}"), 0);
        let issued = self.first - days(rng.range(200, 900));
        let licence = Licence {
            number: LicenceNumber::parse(number).expect("short"),
            kind,
            holder: Holder::Organisation(text(holder)),
            mineral: Mineral::Diamond,
            issued,
            expires: self.last + days(rng.range(60, 500)),
            status: LicenceStatus::Active,
            area: None,
        };
        self.push(agent, issued, id, NewRecord::Licence(licence));
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn export(
        &mut self,
        c: &CountryRegions,
        rng: &mut Rng,
        exporter: &Trader,
        month: usize,
        certificates: &mut u64,
        parcel: Vec<Carats>,
        value: f64,
        hs_code: HsCode,
    ) {
        let plan = c.plan;
        let date = add_months(self.first, month as i32) + days(rng.range(2, 9));
        *certificates += 1;
        let total: u64 = parcel.iter().map(|c| c.hundredths()).sum();
        let export = Export {
            exporter: exporter.id,
            certificate: KpCertificate::parse(format!(
                "{}-KP-{}-{:05}",
                plan.code,
                date.year(),
                *certificates
            ))
            .expect("short"),
            date,
            carats: carats(total),
            value: cents(value),
            hs_code,
            destination: CountryCode::parse(*rng.pick(plan.destinations)).expect("ISO codes"),
            parcel: Parcel::Stones(parcel),
        };
        let id = record_id(self.seed(), &format!("export {}", plan.iso3), *certificates);
        self.push(exporter.agent, date, id, NewRecord::Export(export));
    }

    /// Two miners registered again under a national id already taken, and two registered
    /// again under the same name and birth year in the same district.
    fn duplicates(&mut self, c: &CountryRegions, sites: &[Site], people: &mut People) {
        let iso = c.plan.iso3;
        let mut rng = Rng::new(self.seed(), &format!("duplicates {iso}"));
        let mut clean: Vec<&Site> = sites.iter().filter(|s| s.role == Role::Clean).collect();
        if clean.is_empty() {
            clean = sites.iter().collect();
        }
        let mut used = BTreeSet::new();
        for k in 0..4 {
            // An original registered before the season, and not used yet.
            let found = (0..10_000).find_map(|_| {
                let site = *rng.pick(&clean);
                let m = rng.range(1, site.members.len() as i64 - 1) as usize;
                let id = site.members[m].id;
                let ok = site.members[m].registered < self.first
                    && !used.contains(&id)
                    && (k >= 2 || people.national_ids.contains_key(&id));
                ok.then_some((site, id))
            });
            let Some((site, original)) = found else {
                continue;
            };
            used.insert(original);
            let registered = self.first + days(rng.range(45, 320));
            let registered = registered.min(self.last);
            let theirs = people.registered[&original].clone();
            let (same_id, at_site) = if k < 2 {
                // Another site, another name: a borrowed identity card.
                (true, *rng.pick(&clean))
            } else {
                // Same site, so the same district: registered twice.
                (false, site)
            };
            let (mx, my) = offset(at_site.lon, at_site.lat, rng.uniform(-600.0, 600.0), 0.0);
            let (id, mut miner) = people.miner(
                self.geo,
                registered,
                (mx, my),
                self.agents[at_site.agent].district,
                &self.agents[at_site.agent].name,
                None,
            );
            if same_id {
                // Entered without the dashes: the same card all the same.
                let card = people.national_ids[&original].replace('-', " ");
                miner.national_id = Some(NationalId::parse(card).expect("short"));
            } else {
                miner.names = theirs.names;
                miner.birth_year = theirs.birth_year;
                miner.sex = theirs.sex;
                miner.national_id = None;
            }
            self.push(at_site.agent, registered, id, NewRecord::Miner(miner));
            if same_id {
                self.planted.duplicate_national_ids.push((original, id));
            } else {
                self.planted.duplicate_names.push((original, id));
            }
        }
    }
}

/// `rng.pick` for a mutable element.
fn rng_pick_mut<'a, T>(rng: &mut Rng, items: &'a mut [T]) -> &'a mut T {
    let i = rng.range(0, items.len() as i64 - 1) as usize;
    &mut items[i]
}

/// Stones drawn until they weigh at least `target` hundredths together.
fn parcel(rng: &mut Rng, stones: &StoneSizes, target: u64) -> Vec<Carats> {
    let mut out = Vec::new();
    let mut total = 0;
    while total < target.max(1) {
        let s = stones.draw(rng);
        total += s.hundredths();
        out.push(s);
    }
    out
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

/// Makes miners: names, ids and phones, never two with the same normalized name and birth
/// year in one district, nor two with one national id (the planted duplicates aside).
struct People<'c> {
    c: &'c CountryRegions,
    seed: u64,
    rng: Rng,
    /// Miners made so far: the next one's number.
    count: u64,
    names: BTreeSet<(Uuid, String, u16)>,
    ids: BTreeSet<String>,
    national_ids: BTreeMap<Uuid, String>,
    registered: BTreeMap<Uuid, Miner>,
}

impl<'c> People<'c> {
    fn new(seed: u64, c: &'c CountryRegions) -> Self {
        Self {
            c,
            seed,
            rng: Rng::new(seed, &format!("people {}", c.plan.iso3)),
            count: 0,
            names: BTreeSet::new(),
            ids: BTreeSet::new(),
            national_ids: BTreeMap::new(),
            registered: BTreeMap::new(),
        }
    }

    /// A new miner registered at `at`, and its id.
    fn miner(
        &mut self,
        geo: &Geography,
        registered_on: Date,
        at: (f64, f64),
        home: Uuid,
        agent: &str,
        cooperative: Option<&str>,
    ) -> (Uuid, Miner) {
        let plan = self.c.plan;
        let r = &mut self.rng;
        let district = geo.district_well_inside(at.0, at.1).unwrap_or(home);
        let (sex, names, birth_year) = loop {
            let female = r.chance(0.15);
            let first = if female {
                r.pick(plan.female_names)
            } else {
                r.pick(plan.male_names)
            };
            let names = if r.chance(0.5) {
                let middle = if female {
                    r.pick(plan.female_names)
                } else {
                    r.pick(plan.male_names)
                };
                format!("{first} {middle} {}", r.pick(plan.surnames))
            } else {
                format!("{first} {}", r.pick(plan.surnames))
            };
            let year = (registered_on.year() - r.range(18, 60) as i32) as u16;
            if self.names.insert((district, normalize_name(&names), year)) {
                let sex = if female { Sex::Female } else { Sex::Male };
                break (sex, names, year);
            }
        };
        let national_id = r.chance(plan.national_id_share).then(|| loop {
            let id = format!(
                "{}-{:09}-{}",
                plan.iso3,
                r.range(0, 999_999_999),
                r.range(0, 9)
            );
            if self.ids.insert(id.clone()) {
                break id;
            }
        });
        let phone = r.chance(0.6).then(|| {
            format!(
                "{} {:03} {:04}",
                plan.phone_prefix,
                r.range(100, 999),
                r.range(0, 9999)
            )
        });
        let id = record_id(self.seed, &format!("miner {}", plan.iso3), self.count);
        self.count += 1;
        if let Some(n) = &national_id {
            self.national_ids.insert(id, n.clone());
        }
        let miner = Miner {
            names: PersonName::parse(names).expect("short"),
            sex,
            birth_year: BirthYear::new(birth_year).expect("adults of this century"),
            home_region: home,
            registered_on,
            registered_by: text(agent),
            national_id: national_id
                .as_ref()
                .map(|n| NationalId::parse(n.as_str()).expect("short")),
            phone: phone.map(|p| Phone::parse(p).expect("digits")),
            cooperative: cooperative.map(text),
            registered_at: Some(fix(at.0, at.1, r.range(4, 15) as u32)),
        };
        self.registered.insert(id, miner.clone());
        (id, miner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::rules::{licence_valid_on, Validity};
    use crate::flags::{is_mining_licence, normalize_national_id};
    use crate::geo::{fix_outside_area, polygon_to_geo, validate_licence_area};
    use ::geo::MultiPolygon;
    use std::collections::HashMap;
    use std::sync::OnceLock;

    fn geo() -> &'static Geography {
        static GEO: OnceLock<Geography> = OnceLock::new();
        GEO.get_or_init(Geography::build)
    }

    fn config(seed: u64, scale: f64) -> SeasonConfig {
        SeasonConfig {
            seed,
            last_month: time::macros::date!(2026 - 10 - 15),
            scale,
        }
    }

    fn season() -> &'static Season {
        static SEASON: OnceLock<Season> = OnceLock::new();
        SEASON.get_or_init(|| generate(geo(), config(7, 0.15)))
    }

    fn licences(s: &Season) -> HashMap<Uuid, &Licence> {
        s.entries()
            .filter_map(|e| match &e.record {
                NewRecord::Licence(l) => Some((e.id, l)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_season() {
        let a = generate(geo(), config(7, 0.05));
        assert_eq!(a, generate(geo(), config(7, 0.05)));
        assert_ne!(a, generate(geo(), config(8, 0.05)));
        let ids: BTreeSet<Uuid> = a.entries().map(|e| e.id).collect();
        assert_eq!(ids.len() as u64, a.counts().total(), "ids are unique");
    }

    #[test]
    fn the_season_is_the_twelve_months_to_the_last_one() {
        let s = season();
        assert_eq!(s.config.first_day(), time::macros::date!(2025 - 11 - 01));
        assert_eq!(s.config.last_day(), time::macros::date!(2026 - 10 - 31));
        for phase in 1..PHASES {
            let month = add_months(s.config.first_day(), phase as i32 - 1);
            let facts: Vec<Date> = s
                .agents
                .iter()
                .flat_map(|a| &a.phases[phase])
                .filter_map(|e| match &e.record {
                    NewRecord::Production(p) => Some(p.date),
                    NewRecord::Sale(x) => Some(x.date),
                    NewRecord::Export(x) => Some(x.date),
                    _ => None,
                })
                .collect();
            assert!(!facts.is_empty(), "month {phase} has records");
            assert!(facts.iter().all(|d| month_start(*d) == month));
        }
        let c = generate(geo(), config(7, 1.0)).counts();
        assert!((2_000..6_000).contains(&c.miners), "{c:?}");
        assert!((200..600).contains(&c.licences), "{c:?}");
    }

    #[test]
    fn ghana_finds_smaller_stones_than_sierra_leone() {
        let mut sizes: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        for a in &season().agents {
            for e in a.phases.iter().flatten() {
                if let NewRecord::Production(p) = &e.record {
                    let t = sizes.entry(a.country).or_default();
                    t.0 += p.stones.total();
                    t.1 += p.stones.count();
                }
            }
        }
        let mean = |c| sizes[c].0 as f64 / sizes[c].1 as f64 / 100.0;
        assert!(mean("GHA") < 0.15, "{}", mean("GHA"));
        assert!(mean("SLE") > 0.4, "{}", mean("SLE"));
    }

    #[test]
    fn productions_break_the_rules_only_where_planted() {
        let s = season();
        let p = &s.planted;
        let licences = licences(s);
        let miners: BTreeSet<Uuid> = s
            .entries()
            .filter(|e| matches!(e.record, NewRecord::Miner(_)))
            .map(|e| e.id)
            .collect();
        for l in licences.values().filter(|l| is_mining_licence(l.kind)) {
            validate_licence_area(l.area.as_ref().expect("mining licences have areas"))
                .expect("walked claims are valid areas");
        }
        let (mut outside, mut expired, mut ghost) = (0, BTreeSet::new(), 0);
        for e in s.entries() {
            let NewRecord::Production(prod) = &e.record else {
                continue;
            };
            let l = licences[&prod.licence];
            let area = MultiPolygon(vec![polygon_to_geo(l.area.as_ref().unwrap())]);
            let off = fix_outside_area(&prod.fix, &area).is_some();
            assert_eq!(off, p.outside_productions.contains(&e.id), "{}", e.id);
            outside += usize::from(off);
            let valid = licence_valid_on(l, &[], prod.date) == Validity::Valid;
            assert_eq!(
                valid,
                !p.expired_licences.contains(&prod.licence) || prod.date <= l.expires
            );
            if !valid {
                expired.insert(prod.licence);
            }
            let miner = prod.miner.unwrap();
            assert_eq!(
                miners.contains(&miner),
                !p.unregistered_miners.contains(&miner)
            );
            ghost += usize::from(!miners.contains(&miner));
        }
        assert!(outside > 0 && ghost > 0);
        assert_eq!(expired, p.expired_licences.iter().copied().collect());
        for e in s.entries() {
            if let NewRecord::Sale(sale) = &e.record {
                let b = licences[&sale.buyer];
                assert!(matches!(b.kind, LicenceKind::Buyer | LicenceKind::Exporter));
                assert_eq!(licence_valid_on(b, &[], sale.date), Validity::Valid);
            }
        }
    }

    #[test]
    fn only_the_planted_exporter_exports_more_than_it_buys_and_larger_stones() {
        let s = season();
        let mut bought: BTreeMap<Uuid, u64> = BTreeMap::new();
        let mut sold: BTreeMap<Uuid, (u64, u64)> = BTreeMap::new();
        for e in s.entries() {
            match &e.record {
                NewRecord::Sale(x) => *bought.entry(x.buyer).or_default() += x.carats.hundredths(),
                NewRecord::Export(x) => {
                    let Parcel::Stones(stones) = &x.parcel else {
                        panic!("parcels are weighed stones")
                    };
                    assert_eq!(
                        stones.iter().map(|c| c.hundredths()).sum::<u64>(),
                        x.carats.hundredths()
                    );
                    let t = sold.entry(x.exporter).or_default();
                    t.0 += x.carats.hundredths();
                    t.1 += stones.len() as u64;
                }
                _ => {}
            }
        }
        let (planted, _) = s.planted.exporter.clone().expect("Ghana has one");
        let licences = licences(s);
        let mut ghana_mean = Vec::new();
        for (exporter, (carats, stones)) in &sold {
            let purchases = bought.get(exporter).copied().unwrap_or(0);
            if *exporter == planted {
                assert!(*carats > 10 * purchases, "{carats} against {purchases}");
            } else {
                assert!(*carats <= purchases, "{carats} against {purchases}");
                if licences[exporter].number.as_str().starts_with("GH") {
                    ghana_mean.push(*carats as f64 / *stones as f64);
                }
            }
        }
        let planted_mean = sold[&planted].0 as f64 / sold[&planted].1 as f64;
        assert!(!ghana_mean.is_empty());
        assert!(
            ghana_mean.iter().all(|m| planted_mean > 3.0 * m),
            "{planted_mean} {ghana_mean:?}"
        );
    }

    /// The pairs of ids that share a key.
    fn pairs<K>(m: BTreeMap<K, Vec<Uuid>>) -> BTreeSet<(Uuid, Uuid)> {
        m.into_values()
            .filter(|v| v.len() > 1)
            .map(|v| {
                assert_eq!(v.len(), 2);
                (v[0].min(v[1]), v[0].max(v[1]))
            })
            .collect()
    }

    #[test]
    fn registrations_repeat_only_where_planted() {
        let s = season();
        let mut by_name: BTreeMap<(Uuid, String, u16), Vec<Uuid>> = BTreeMap::new();
        let mut by_card: BTreeMap<String, Vec<Uuid>> = BTreeMap::new();
        for e in s.entries() {
            let NewRecord::Miner(m) = &e.record else {
                continue;
            };
            let at = m.registered_at.unwrap().point;
            let district = geo()
                .index
                .locate(at.lon.degrees(), at.lat.degrees())
                .expect("registered inside a district");
            by_name
                .entry((
                    district,
                    normalize_name(m.names.as_str()),
                    m.birth_year.year(),
                ))
                .or_default()
                .push(e.id);
            if let Some(n) = &m.national_id {
                by_card
                    .entry(normalize_national_id(n.as_str()))
                    .or_default()
                    .push(e.id);
            }
        }
        let sorted = |v: &[(Uuid, Uuid)]| -> BTreeSet<(Uuid, Uuid)> {
            v.iter().map(|(a, b)| (*a.min(b), *a.max(b))).collect()
        };
        assert_eq!(pairs(by_name), sorted(&s.planted.duplicate_names));
        assert_eq!(pairs(by_card), sorted(&s.planted.duplicate_national_ids));
        assert_eq!(s.planted.duplicate_names.len(), 4);
        assert_eq!(s.planted.duplicate_national_ids.len(), 4);
    }
}
