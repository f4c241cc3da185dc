//! The season's own books: every write the script made (which device, in what order, when
//! it was pushed), the map it placed records on, and the report figures computed from those
//! writes with plain sums. Nothing here calls Placer or reads the server: every figure is
//! computed a second, independent way, from the rules the reports document.
//!
//! How the books follow the server:
//! - **Last writer wins.** A fact's standing body is the last body written to it, in the
//!   order the script wrote them (device stamps follow wall time, and the server caps them
//!   at receipt, so a later write has the later effective stamp). A device edits the body
//!   it can see: its own writes and whatever it pulled, so two devices editing offline
//!   both start from the same body and the later one wins whole.
//! - **What the server knows** is every write pushed so far; a licence or miner not yet
//!   pushed is unknown to the checks.
//! - **Flags** are the findings of the rules on what the server knows, re-evaluated after
//!   every sync: a new finding raises a flag, a finding gone closes it, an officer's
//!   resolution stays. They count in the month the server raised, closed or resolved them.
//! - **Late**: a fact first written more than one calendar month after the month of its
//!   (final) date. The server dates a write by its effective stamp, the device's stamp
//!   capped at receipt, so "first written" is the wall-clock month of the first write.
//! - **Exporters**: a flag while an exporter's exports pass, in some quarter, its verified
//!   purchases plus the stock carried from the quarters before, by more than 10 %.
//! - **Regions** roll up: a district's figures also count in its country.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value as Json};
use time::Date;
use uuid::Uuid;

use super::figures::*;
use super::world::*;

// ---------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mineral {
    Diamond,
    Gold,
}

impl Mineral {
    pub fn name(self) -> &'static str {
        match self {
            Mineral::Diamond => "diamond",
            Mineral::Gold => "gold",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LicenceKind {
    Claim,
    Buyer,
    Exporter,
}

impl LicenceKind {
    pub fn name(self) -> &'static str {
        match self {
            LicenceKind::Claim => "claim",
            LicenceKind::Buyer => "buyer",
            LicenceKind::Exporter => "exporter",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Miner {
    pub region: Uuid,
    pub registered: Date,
}

#[derive(Debug, Clone)]
pub struct Licence {
    pub region: Uuid,
    pub kind: LicenceKind,
    pub mineral: Mineral,
    pub issued: Date,
    pub expires: Date,
    pub area: Option<BBox>,
}

impl Licence {
    /// Valid from `issued` through `expires`, both inclusive (every licence here is active).
    fn valid_on(&self, d: Date) -> bool {
        self.issued <= d && d <= self.expires
    }
}

/// Weights in hundredths of a carat.
#[derive(Debug, Clone, PartialEq)]
pub enum Stones {
    Weighed(Vec<u64>),
    Counted { count: u32, total: u64 },
}

impl Stones {
    fn carats(&self) -> i64 {
        match self {
            Stones::Weighed(w) => w.iter().sum::<u64>() as i64,
            Stones::Counted { total, .. } => *total as i64,
        }
    }

    fn count(&self) -> i64 {
        match self {
            Stones::Weighed(w) => w.len() as i64,
            Stones::Counted { count, .. } => i64::from(*count),
        }
    }

    /// As the record's JSON has it.
    pub fn json(&self) -> Json {
        match self {
            Stones::Weighed(w) => json!({ "weighed": w }),
            Stones::Counted { count, total } => {
                json!({ "counted": { "count": count, "total": total } })
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Production {
    pub licence: String,
    pub miner: Option<String>,
    pub date: Date,
    pub at: Point,
    pub diggers: u32,
    pub gravel: u32,
    pub stones: Stones,
    pub mineral: Mineral,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Seller {
    Licence(String),
    Miner(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sale {
    pub seller: Seller,
    pub buyer: String,
    pub date: Date,
    /// Hundredths of a carat.
    pub carats: u64,
    pub stones: u32,
    /// US cents.
    pub value: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub exporter: String,
    pub certificate: String,
    pub date: Date,
    pub carats: u64,
    pub value: u64,
    pub hs: &'static str,
    pub destination: &'static str,
    pub parcel: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Production(Production),
    Sale(Sale),
    Export(Export),
}

impl Body {
    pub fn date(&self) -> Date {
        match self {
            Body::Production(p) => p.date,
            Body::Sale(s) => s.date,
            Body::Export(e) => e.date,
        }
    }
}

/// A correction of one field of a fact's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Date(Date),
    Stones(Stones),
    /// The production's fix (the accuracy stays the CLI's default, 10 m).
    At(Point),
    /// US cents.
    Value(u64),
    Hs(&'static str),
}

impl Edit {
    /// `FIELD=VALUE` for `placer device edit --set`, the value as the record's JSON has it.
    pub fn set_arg(&self) -> String {
        match self {
            Edit::Date(d) => format!("date=\"{}\"", day_label(*d)),
            Edit::Stones(s) => format!("stones={}", s.json()),
            Edit::At(p) => format!(
                "fix={}",
                json!({"point": {"lon": p.lon, "lat": p.lat}, "accuracy": 10})
            ),
            Edit::Value(c) => format!("value={c}"),
            Edit::Hs(h) => format!("hs_code=\"{h}\""),
        }
    }

    fn apply(&self, body: &mut Body) {
        match (self, body) {
            (Edit::Date(d), b) => match b {
                Body::Production(p) => p.date = *d,
                Body::Sale(s) => s.date = *d,
                Body::Export(e) => e.date = *d,
            },
            (Edit::Stones(s), Body::Production(p)) => p.stones = s.clone(),
            (Edit::At(at), Body::Production(p)) => p.at = *at,
            (Edit::Value(v), Body::Sale(s)) => s.value = *v,
            (Edit::Value(v), Body::Export(e)) => e.value = *v,
            (Edit::Hs(h), Body::Export(e)) => e.hs = h,
            (edit, body) => panic!("the script edits {edit:?} on {body:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The books
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Change {
    Body(Body),
    Void,
}

#[derive(Debug, Clone)]
struct Write {
    device: usize,
    change: Change,
    /// The sync round that pushed it.
    pushed: Option<u64>,
}

#[derive(Debug, Clone)]
struct Fact {
    /// Where the device filed it; productions are filed where their fix lies instead.
    given_region: Uuid,
    first_written: Month,
    /// In the order written.
    writes: Vec<Write>,
}

#[derive(Debug, Clone)]
struct Registered<T> {
    record: T,
    device: usize,
    pushed: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FlagState {
    Open,
    Resolved,
    Closed,
}

#[derive(Debug, Clone)]
struct Flag {
    region: Uuid,
    raised: Month,
    state: FlagState,
    /// When it was resolved or closed.
    changed: Month,
}

/// A fact as the server holds it: its standing body, voided or not.
struct Standing<'a> {
    body: &'a Body,
    voided: bool,
}

#[derive(Debug, Default)]
pub struct Books {
    pub map: Map,
    miners: BTreeMap<String, Registered<Miner>>,
    licences: BTreeMap<String, Registered<Licence>>,
    facts: BTreeMap<String, Fact>,
    flags: BTreeMap<(String, &'static str), Flag>,
    /// The last round each device pulled in.
    pulled: BTreeMap<usize, u64>,
    round: u64,
}

impl Books {
    pub fn new(map: Map) -> Self {
        Self {
            map,
            ..Default::default()
        }
    }

    pub fn miner(&mut self, device: usize, id: &str, m: Miner) {
        let r = Registered {
            record: m,
            device,
            pushed: None,
        };
        assert!(self.miners.insert(id.to_string(), r).is_none());
    }

    pub fn licence(&mut self, device: usize, id: &str, l: Licence) {
        let r = Registered {
            record: l,
            device,
            pushed: None,
        };
        assert!(self.licences.insert(id.to_string(), r).is_none());
    }

    pub fn fact(&mut self, device: usize, id: &str, body: Body, region: Uuid, written: Month) {
        let fact = Fact {
            given_region: region,
            first_written: written,
            writes: vec![Write {
                device,
                change: Change::Body(body),
                pushed: None,
            }],
        };
        assert!(self.facts.insert(id.to_string(), fact).is_none());
    }

    /// The body `device` sees now: the last one among its own writes and those it pulled.
    pub fn seen_by(&self, device: usize, id: &str) -> Body {
        let pulled = self.pulled.get(&device).copied().unwrap_or(0);
        self.facts[id]
            .writes
            .iter()
            .filter(|w| w.device == device || w.pushed.is_some_and(|r| r <= pulled))
            .filter_map(|w| match &w.change {
                Change::Body(b) => Some(b.clone()),
                Change::Void => None,
            })
            .next_back()
            .unwrap_or_else(|| panic!("device {device} has not seen {id}"))
    }

    /// A correction made on `device`: the body it sees, with the edits applied.
    pub fn edit(&mut self, device: usize, id: &str, edits: &[Edit]) {
        let mut body = self.seen_by(device, id);
        for e in edits {
            e.apply(&mut body);
        }
        self.facts.get_mut(id).unwrap().writes.push(Write {
            device,
            change: Change::Body(body),
            pushed: None,
        });
    }

    pub fn void(&mut self, device: usize, id: &str) {
        self.facts.get_mut(id).unwrap().writes.push(Write {
            device,
            change: Change::Void,
            pushed: None,
        });
    }

    /// A device synced in `month`: it pushed everything it wrote, pulled everything pushed,
    /// and the server re-checked what it knows.
    pub fn sync(&mut self, device: usize, month: Month) {
        self.round += 1;
        let round = self.round;
        let mine = |d: usize, pushed: &mut Option<u64>| {
            if d == device && pushed.is_none() {
                *pushed = Some(round);
            }
        };
        for m in self.miners.values_mut() {
            mine(m.device, &mut m.pushed);
        }
        for l in self.licences.values_mut() {
            mine(l.device, &mut l.pushed);
        }
        for f in self.facts.values_mut() {
            for w in &mut f.writes {
                mine(w.device, &mut w.pushed);
            }
        }
        self.pulled.insert(device, round);
        self.recheck(month);
    }

    /// An officer resolved the flag of this kind about this fact.
    pub fn resolve(&mut self, id: &str, kind: &'static str, month: Month) {
        let flag = self
            .flags
            .get_mut(&(id.to_string(), kind))
            .unwrap_or_else(|| panic!("no {kind} flag about {id} in the books"));
        assert_eq!(flag.state, FlagState::Open);
        flag.state = FlagState::Resolved;
        flag.changed = month;
    }

    /// Whether every write has reached the server.
    pub fn all_pushed(&self) -> bool {
        self.miners.values().all(|m| m.pushed.is_some())
            && self.licences.values().all(|l| l.pushed.is_some())
            && self
                .facts
                .values()
                .all(|f| f.writes.iter().all(|w| w.pushed.is_some()))
    }

    /// Every fact's standing body as JSON fields the device lists show, with `voided`:
    /// (id → (voided, date, carats of a production or sale)), to check the books' merge
    /// against a device's.
    pub fn standing_summary(&self) -> BTreeMap<String, (bool, String, Option<i64>)> {
        self.facts
            .keys()
            .filter_map(|id| {
                let s = self.standing(id)?;
                let carats = match s.body {
                    Body::Production(p) => Some(p.stones.carats()),
                    Body::Sale(sale) => Some(sale.carats as i64),
                    Body::Export(e) => Some(e.carats as i64),
                };
                Some((id.clone(), (s.voided, day_label(s.body.date()), carats)))
            })
            .collect()
    }

    fn standing(&self, id: &str) -> Option<Standing<'_>> {
        let fact = &self.facts[id];
        let pushed = fact.writes.iter().filter(|w| w.pushed.is_some());
        let mut bodies = pushed.clone().filter_map(|w| match &w.change {
            Change::Body(b) => Some(b),
            Change::Void => None,
        });
        Some(Standing {
            body: bodies.next_back()?,
            voided: pushed.clone().any(|w| matches!(w.change, Change::Void)),
        })
    }

    fn known_miner(&self, id: &str) -> bool {
        self.miners.get(id).is_some_and(|m| m.pushed.is_some())
    }

    fn known_licence(&self, id: &str) -> Option<&Licence> {
        self.licences
            .get(id)
            .filter(|l| l.pushed.is_some())
            .map(|l| &l.record)
    }

    fn region_of(&self, fact: &Fact, body: &Body) -> Uuid {
        match body {
            Body::Production(p) => self.map.locate(p.at),
            _ => fact.given_region,
        }
    }

    /// What the rules find wrong with a standing body, by flag kind.
    fn findings(&self, body: &Body) -> BTreeSet<&'static str> {
        let mut out = BTreeSet::new();
        match body {
            Body::Production(p) => {
                match self.known_licence(&p.licence) {
                    None => {
                        out.insert("licence_not_valid");
                    }
                    Some(l) => {
                        if !l.valid_on(p.date) {
                            out.insert("licence_not_valid");
                        }
                        if l.area.is_some_and(|a| !a.contains(p.at)) {
                            out.insert("outside_licence_area");
                        }
                        if self.map.country(l.region) != self.map.country(self.map.locate(p.at)) {
                            out.insert("outside_country");
                        }
                    }
                }
                if p.miner.as_deref().is_some_and(|m| !self.known_miner(m)) {
                    out.insert("unregistered_miner");
                }
            }
            Body::Sale(s) => {
                if let Seller::Miner(m) = &s.seller {
                    if !self.known_miner(m) {
                        out.insert("unregistered_miner");
                    }
                }
                let buyer_ok = self.known_licence(&s.buyer).is_some_and(|l| {
                    matches!(l.kind, LicenceKind::Buyer | LicenceKind::Exporter)
                        && l.mineral == Mineral::Diamond
                        && l.valid_on(s.date)
                });
                if !buyer_ok {
                    out.insert("unlicensed_buyer");
                }
            }
            Body::Export(_) => {}
        }
        out
    }

    /// Exporters whose exports pass, in some quarter, what they had: the verified purchases
    /// (from a known miner, or a known buyer or exporter licence) plus the stock carried
    /// from the quarters before (never below zero), with a 10 % margin. Each with the
    /// region its flag is filed in: the licence's, or else its first export's.
    fn exporters_over(&self) -> Vec<(String, Uuid)> {
        let quarter = |d: Date| d.year() * 4 + (i32::from(u8::from(d.month())) - 1) / 3;
        // exporter → quarter → (exported, bought); exporter → export regions by id.
        let mut books: BTreeMap<&str, BTreeMap<i32, (u64, u64)>> = BTreeMap::new();
        let mut export_regions: BTreeMap<&str, BTreeMap<Uuid, Uuid>> = BTreeMap::new();
        for (id, fact) in &self.facts {
            let Some(s) = self.standing(id) else { continue };
            if s.voided {
                continue;
            }
            match s.body {
                Body::Export(e) => {
                    books
                        .entry(&e.exporter)
                        .or_default()
                        .entry(quarter(e.date))
                        .or_default()
                        .0 += e.carats;
                    export_regions
                        .entry(&e.exporter)
                        .or_default()
                        .insert(id.parse().unwrap(), fact.given_region);
                }
                Body::Sale(sale) => {
                    let verified = match &sale.seller {
                        Seller::Miner(m) => self.known_miner(m),
                        Seller::Licence(l) => self.known_licence(l).is_some_and(|l| {
                            matches!(l.kind, LicenceKind::Buyer | LicenceKind::Exporter)
                        }),
                    };
                    let row = books
                        .entry(&sale.buyer)
                        .or_default()
                        .entry(quarter(sale.date));
                    if verified {
                        row.or_default().1 += sale.carats;
                    } else {
                        row.or_default();
                    }
                }
                Body::Production(_) => {}
            }
        }
        let mut out = Vec::new();
        for (exporter, quarters) in books {
            let mut stock = 0u64;
            let mut over = false;
            for (exported, bought) in quarters.values() {
                let available = stock + bought;
                over |= *exported as f64 > available as f64 * 1.1;
                stock = available.saturating_sub(*exported);
            }
            if over {
                let region = match self.known_licence(exporter) {
                    Some(l) => l.region,
                    None => *export_regions[exporter].values().next().unwrap(),
                };
                out.push((exporter.to_string(), region));
            }
        }
        out
    }

    fn recheck(&mut self, month: Month) {
        let mut now: BTreeMap<(String, &'static str), Uuid> = BTreeMap::new();
        for (id, fact) in &self.facts {
            let Some(s) = self.standing(id) else { continue };
            if s.voided {
                continue;
            }
            let region = self.region_of(fact, s.body);
            for kind in self.findings(s.body) {
                now.insert((id.clone(), kind), region);
            }
        }
        for (exporter, region) in self.exporters_over() {
            now.insert((exporter, "exports_exceed_purchases"), region);
        }
        for (key, region) in &now {
            match self.flags.get(key) {
                None => {
                    let flag = Flag {
                        region: *region,
                        raised: month,
                        state: FlagState::Open,
                        changed: month,
                    };
                    self.flags.insert(key.clone(), flag);
                }
                Some(f) => {
                    assert_ne!(
                        f.state,
                        FlagState::Closed,
                        "{key:?} re-raised: not modelled"
                    );
                    assert_eq!(f.region, *region, "{key:?} moved region: not modelled");
                }
            }
        }
        for (key, flag) in &mut self.flags {
            if !now.contains_key(key) && flag.state != FlagState::Closed {
                assert_eq!(flag.state, FlagState::Open, "{key:?}: not modelled");
                flag.state = FlagState::Closed;
                flag.changed = month;
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Figures
    // -----------------------------------------------------------------------------------

    /// Every record's and flag's contribution, under the region it is filed in.
    fn entries(&self) -> Vec<(Uuid, Month, Sums)> {
        let mut out = Vec::new();
        for m in self.miners.values().filter(|m| m.pushed.is_some()) {
            let s = Sums {
                miners_new: 1,
                ..Default::default()
            };
            out.push((m.record.region, month_of(m.record.registered), s));
        }
        for l in self.licences.values().filter(|l| l.pushed.is_some()) {
            let l = &l.record;
            let issued = month_of(l.issued);
            let new = Sums {
                licences_new: 1,
                ..Default::default()
            };
            out.push((l.region, issued, new));
            // Valid through `expires`: it stops in the month of the day after.
            let after = month_of(l.expires.next_day().unwrap()).max(issued);
            let expired = Sums {
                licences_expired: 1,
                ..Default::default()
            };
            out.push((l.region, after, expired));
        }
        for (id, fact) in &self.facts {
            let Some(s) = self.standing(id) else { continue };
            if s.voided {
                continue;
            }
            let month = month_of(s.body.date());
            let late = i64::from(fact.first_written > month + 1);
            let mut sums = Sums {
                late_records: late,
                ..Default::default()
            };
            match s.body {
                Body::Production(p) => {
                    let found = self.findings(s.body);
                    let carats = p.stones.carats();
                    let inside = !found.contains("outside_licence_area")
                        && !found.contains("outside_country");
                    let valid = !found.contains("licence_not_valid");
                    let registered = p.miner.is_some() && !found.contains("unregistered_miner");
                    sums.production_records = 1;
                    sums.sites.insert(p.licence.clone());
                    sums.digger_days = i64::from(p.diggers);
                    sums.gravel_litres = i64::from(p.gravel);
                    // Reports give diamonds' carats, and gold apart: never added together.
                    if p.mineral == Mineral::Diamond {
                        sums.carats = carats;
                        sums.stones = p.stones.count();
                        sums.carats_inside = if inside { carats } else { 0 };
                        sums.carats_valid = if valid { carats } else { 0 };
                        sums.carats_registered = if registered { carats } else { 0 };
                        sums.diamond_carats = carats;
                        sums.diamond_stones = p.stones.count();
                    } else {
                        sums.gold_carats = carats;
                    }
                }
                Body::Sale(sale) => {
                    // A miner's or a mining licence holder's sale is a first sale; a
                    // dealer's or exporter's resale (or a seller licence the server does not
                    // hold) is a transfer.
                    let first = match &sale.seller {
                        Seller::Miner(_) => true,
                        Seller::Licence(l) => self.known_licence(l).is_some_and(|l| {
                            !matches!(l.kind, LicenceKind::Buyer | LicenceKind::Exporter)
                        }),
                    };
                    let (cents, carats) = (sale.value as i64, sale.carats as i64);
                    sums.sales_cents = cents;
                    sums.sales_carats = carats;
                    sums.diamond_sales_cents = cents;
                    sums.diamond_sales_carats = carats;
                    if first {
                        sums.first_sales_cents = cents;
                        sums.first_sales_carats = carats;
                    }
                }
                Body::Export(e) => {
                    sums.exports_cents = e.value as i64;
                    sums.exports_carats = e.carats as i64;
                    sums.exports.insert(
                        (e.hs, e.destination),
                        ExportSums {
                            carats: e.carats as i64,
                            cents: e.value as i64,
                            certificates: 1,
                        },
                    );
                }
            }
            out.push((self.region_of(fact, s.body), month, sums));
        }
        for ((_, kind), flag) in &self.flags {
            let one = BTreeMap::from([(kind.to_string(), 1)]);
            let raised = Sums {
                flags_raised: one.clone(),
                ..Default::default()
            };
            out.push((flag.region, flag.raised, raised));
            let outcome = match flag.state {
                FlagState::Open => None,
                FlagState::Resolved => Some(Sums {
                    flags_resolved: one,
                    ..Default::default()
                }),
                FlagState::Closed => Some(Sums {
                    flags_closed: one,
                    ..Default::default()
                }),
            };
            out.extend(outcome.map(|s| (flag.region, flag.changed, s)));
        }
        out
    }

    /// Sums per region and month, each region's including every region below it; only the
    /// entries filed in `scope` (every region when `None`).
    fn rolled(&self, scope: Option<&[Uuid]>) -> BTreeMap<(Uuid, Month), Sums> {
        let mut out: BTreeMap<(Uuid, Month), Sums> = BTreeMap::new();
        for (region, month, sums) in self.entries() {
            if scope.is_some_and(|s| !s.contains(&region)) {
                continue;
            }
            for r in self.map.lineage(region) {
                out.entry((r, month)).or_default().add(&sums);
            }
        }
        out
    }

    /// The regional rollup for months `from..=to` of every region in `readable` (each with
    /// its districts) that has figures up to `to`; running totals from its first month.
    pub fn regional(
        &self,
        readable: &[Uuid],
        from: Month,
        to: Month,
    ) -> BTreeMap<(Uuid, String), RegionalRow> {
        let rolled = self.rolled(None);
        let regions: BTreeSet<Uuid> = rolled
            .keys()
            .filter(|(r, m)| *m <= to && readable.contains(r))
            .map(|(r, _)| *r)
            .collect();
        let mut out = BTreeMap::new();
        for region in regions {
            let (mut miners, mut licences) = (0, 0);
            let first = rolled
                .keys()
                .filter(|(r, _)| *r == region)
                .map(|(_, m)| *m)
                .min()
                .unwrap()
                .min(from);
            for month in first..=to {
                let s = rolled.get(&(region, month)).cloned().unwrap_or_default();
                miners += s.miners_new;
                licences += s.licences_new - s.licences_expired;
                if month < from {
                    continue;
                }
                let row = RegionalRow {
                    miners_new: s.miners_new,
                    miners_total: miners,
                    licences_new: s.licences_new,
                    licences_expired: s.licences_expired,
                    licences_active: licences,
                    production_records: s.production_records,
                    digger_days: s.digger_days,
                    gravel_litres: s.gravel_litres,
                    carats: s.carats,
                    stones: s.stones,
                    sales_cents: s.sales_cents,
                    sales_carats: s.sales_carats,
                    first_sales_cents: s.first_sales_cents,
                    first_sales_carats: s.first_sales_carats,
                    gold_milligrams: 2 * s.gold_carats,
                    flags_raised: s.flags_raised,
                    flags_resolved: s.flags_resolved,
                    flags_closed: s.flags_closed,
                };
                out.insert((region, month_label(month)), row);
            }
        }
        out
    }

    /// The national internal-control report for months `from..=to`: per region (with its
    /// districts) and period, then the nation (`None`), over the entries filed in `scope`.
    pub fn national(
        &self,
        scope: Option<&[Uuid]>,
        period: fn(Month) -> String,
        from: Month,
        to: Month,
    ) -> BTreeMap<(String, Option<Uuid>), ControlRow> {
        let mut out: BTreeMap<(String, Option<Uuid>), ControlRow> = BTreeMap::new();
        let mut sites: BTreeMap<(String, Option<Uuid>), BTreeSet<String>> = BTreeMap::new();
        let mut add = |key: (String, Option<Uuid>), s: &Sums| {
            sites
                .entry(key.clone())
                .or_default()
                .extend(s.sites.iter().cloned());
            let row = out.entry(key).or_default();
            row.production_records += s.production_records;
            row.carats += s.carats;
            row.stones += s.stones;
            row.sales_cents += s.sales_cents;
            row.sales_carats += s.sales_carats;
            row.first_sales_cents += s.first_sales_cents;
            row.first_sales_carats += s.first_sales_carats;
            row.exports_cents += s.exports_cents;
            row.exports_carats += s.exports_carats;
            row.carats_inside += s.carats_inside;
            row.carats_valid += s.carats_valid;
            row.carats_registered += s.carats_registered;
            row.flags_raised += s.flags_raised.values().sum::<i64>();
            row.flags_resolved += s.flags_resolved.values().sum::<i64>();
            row.flags_closed += s.flags_closed.values().sum::<i64>();
            row.late_records += s.late_records;
            row.gold_milligrams += 2 * s.gold_carats;
        };
        let rolled = self.rolled(scope);
        for ((region, month), s) in &rolled {
            let readable = scope.is_none_or(|sc| sc.contains(region));
            if readable && (from..=to).contains(month) {
                add((period(*month), Some(*region)), s);
            }
        }
        let entries = self.entries();
        for (region, month, s) in &entries {
            if (from..=to).contains(month) && scope.is_none_or(|sc| sc.contains(region)) {
                add((period(*month), None), s);
            }
        }
        // A site is counted once in a period, however many days and districts.
        for (key, row) in out.iter_mut() {
            row.sites_visited = sites.get(key).map_or(0, |s| s.len() as i64);
        }
        // What the registry holds at each row's period end: every month up to it from the
        // first, within the span.
        for ((p, region), row) in out.iter_mut() {
            let up_to = |m: Month| m <= to && period(m) <= *p;
            let mut held = |s: &Sums| {
                row.miners_registered += s.miners_new;
                row.licences_active += s.licences_new - s.licences_expired;
            };
            match region {
                Some(r) => rolled
                    .iter()
                    .filter(|((x, m), _)| x == r && up_to(*m))
                    .for_each(|(_, s)| held(s)),
                None => entries
                    .iter()
                    .filter(|(x, m, _)| up_to(*m) && scope.is_none_or(|sc| sc.contains(x)))
                    .for_each(|(_, _, s)| held(s)),
            }
        }
        out
    }

    /// KP statistics for months `from..=to` over the entries filed in `scope`: diamond
    /// production and sales per half-year, exports per quarter, HS code and destination.
    pub fn kp(&self, scope: Option<&[Uuid]>, from: Month, to: Month) -> Kp {
        let mut kp = Kp::default();
        for (region, month, s) in self.entries() {
            if !(from..=to).contains(&month) || scope.is_some_and(|sc| !sc.contains(&region)) {
                continue;
            }
            let diamond = [
                s.diamond_carats,
                s.diamond_stones,
                s.diamond_sales_cents,
                s.diamond_sales_carats,
            ];
            if diamond.iter().any(|v| *v != 0) {
                let row = kp.production.entry(half_label(month)).or_default();
                row.carats += s.diamond_carats;
                row.stones += s.diamond_stones;
                // Every sale in the books is of diamonds.
                row.first_sales_cents += s.first_sales_cents;
                row.first_sales_carats += s.first_sales_carats;
                row.transfers_cents += s.diamond_sales_cents - s.first_sales_cents;
                row.transfers_carats += s.diamond_sales_carats - s.first_sales_carats;
            }
            for ((hs, partner), e) in &s.exports {
                let row = kp
                    .exports
                    .entry((quarter_label(month), hs.to_string(), partner.to_string()))
                    .or_default();
                row.carats += e.carats;
                row.cents += e.cents;
                row.certificates += e.certificates;
            }
        }
        kp
    }
}

/// Everything one record or flag adds to one region and month. Carats in hundredths, US$
/// in cents, gravel in litres.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Sums {
    miners_new: i64,
    licences_new: i64,
    licences_expired: i64,
    production_records: i64,
    digger_days: i64,
    gravel_litres: i64,
    carats: i64,
    stones: i64,
    sales_cents: i64,
    sales_carats: i64,
    first_sales_cents: i64,
    first_sales_carats: i64,
    exports_cents: i64,
    exports_carats: i64,
    carats_inside: i64,
    carats_valid: i64,
    carats_registered: i64,
    late_records: i64,
    diamond_carats: i64,
    gold_carats: i64,
    diamond_stones: i64,
    diamond_sales_cents: i64,
    diamond_sales_carats: i64,
    /// By HS code and destination.
    exports: BTreeMap<(&'static str, &'static str), ExportSums>,
    flags_raised: BTreeMap<String, i64>,
    flags_resolved: BTreeMap<String, i64>,
    flags_closed: BTreeMap<String, i64>,
    /// The licences with a site-day here.
    sites: BTreeSet<String>,
}

impl Sums {
    fn add(&mut self, o: &Sums) {
        self.miners_new += o.miners_new;
        self.licences_new += o.licences_new;
        self.licences_expired += o.licences_expired;
        self.production_records += o.production_records;
        self.digger_days += o.digger_days;
        self.gravel_litres += o.gravel_litres;
        self.carats += o.carats;
        self.stones += o.stones;
        self.sales_cents += o.sales_cents;
        self.sales_carats += o.sales_carats;
        self.first_sales_cents += o.first_sales_cents;
        self.first_sales_carats += o.first_sales_carats;
        self.exports_cents += o.exports_cents;
        self.exports_carats += o.exports_carats;
        self.carats_inside += o.carats_inside;
        self.carats_valid += o.carats_valid;
        self.carats_registered += o.carats_registered;
        self.late_records += o.late_records;
        self.diamond_carats += o.diamond_carats;
        self.gold_carats += o.gold_carats;
        self.diamond_stones += o.diamond_stones;
        self.diamond_sales_cents += o.diamond_sales_cents;
        self.diamond_sales_carats += o.diamond_sales_carats;
        for (key, e) in &o.exports {
            let mine = self.exports.entry(*key).or_default();
            mine.carats += e.carats;
            mine.cents += e.cents;
            mine.certificates += e.certificates;
        }
        self.sites.extend(o.sites.iter().cloned());
        for (mine, theirs) in [
            (&mut self.flags_raised, &o.flags_raised),
            (&mut self.flags_resolved, &o.flags_resolved),
            (&mut self.flags_closed, &o.flags_closed),
        ] {
            for (k, v) in theirs {
                *mine.entry(k.clone()).or_default() += v;
            }
        }
    }
}
