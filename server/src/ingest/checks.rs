//! Checks at ingest: after a commit's records are merged, re-evaluate every scope whose
//! facts changed and write the flags it raises, keeps or closes, in the same atomic write
//! as the records (ARCHITECTURE.md: keep the fact, raise a flag).
//!
//! The rules are pure ([`crate::flags`]); this module looks the facts up and keeps the
//! indexes that make re-evaluation complete, so flags do not depend on arrival order:
//!
//! | written | re-evaluated | through |
//! |---|---|---|
//! | a production | its production scope | the record itself |
//! | a licence | its licence scope, and every production naming it | `L` licence, production |
//! | a miner | every production naming it | `K` miner, production |
//! | a sale | its sale scope | the record itself |
//! | a licence (as buyer) | every sale to it | `S` licence, sale |
//! | a miner or licence (as seller) | every sale by it | `T` seller, sale |
//! | a miner | its duplicate scope, and its old partners' | `N` national id, `D` district + name + birth year |
//! | a production | its licence's month, before and after | `W` licence, mineral, month, region |
//! | a licence-month changing a month's norm | the licence-months of the next three months | `Q` region, mineral, month |
//! | a batch | its device's clock scope | the batch header |
//!
//! Storage keys: `F` flag key → [`StoredFlag`]; `X` primary record, flag key → (the flags
//! of a record); `L` and `K` named record, commit stamp → the ids of the productions of that
//! commit naming it (one entry per commit, so a batch of productions on one licence costs
//! one write).
//!
//! Purchases are kept summed per buyer licence, month and whether they are verified (`B`
//! buyer, month, verified → [`PurchaseSum`]), and a licence holder's sales per seller
//! licence and month (`U` seller, month → [`PurchaseSum`]), with what each sale last added
//! (`Y` sale → [`Purchase`]): a sale's scope moves the sums by the difference, and a
//! trader's stock balance reads its months' sums, never its sales one by one, so the cost
//! of a sale does not grow with the trade its buyer or seller already has.
//!
//! Productivity is judged per licence and month (`flags::productivity`): each production
//! adds its site-day to its licence's month in its area (`W` licence, mineral, month,
//! region → [`MonthSum`]), by the difference between what it added before and what it adds
//! now. The area's norm (`P` region, mineral, month → histogram of its licence-months'
//! carats per digger-day) moves with each month's sum, in the same write; a licence-month
//! is judged against the three months before its own. When a month's histogram changes,
//! the licence-months of the three months after it (`Q` region, mineral, month, commit →
//! licence ids) are judged again. A region's boundary changing re-checks nothing yet.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::Arc;

use sync_protocol::clock::Hlc;
use sync_protocol::codec;
use sync_protocol::op::{Op, OpBody};
use sync_protocol::records::{
    fact_body, void_reason, AnyRecord, Collection, Licence, Miner, Production,
};
use sync_protocol::values::{Day, LicenceStatus};
use uuid::Uuid;

use crate::error::Result;
use crate::export_monitor;
use crate::flags::productivity::{self, bucket, mineral_of, AreaNorm, MonthSum, SiteDay, BUCKETS};
use crate::flags::{
    self, key_bytes, key_from_bytes, Finding, FlagKey, FlagKind, LicenceAtDate, ProductionContext,
    Reconciliation, Scope, Thresholds,
};
use crate::geo::RegionIndex;
use crate::reports::rollup::{self, CellKey, RecordChecks};
use crate::store::keys::*;
use crate::store::{
    BatchClock, Before, Changed, Facts, FlagEvent, FlagEventKind, FlagState, Judge, KeyWrites,
    StoredFlag, StoredRecord,
};

/// What one sale adds to its buyer's purchases, as last counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Purchase {
    pub buyer: Uuid,
    /// The seller's licence, when a licence holder sold: the sale leaves its stock.
    pub seller_licence: Option<Uuid>,
    pub month: i32,
    pub verified: bool,
    pub carats_hundredths: u64,
    pub cents: u64,
    /// A miner's or mining licence holder's sale, not a resale: see
    /// [`rollup::RecordChecks::first_sale`].
    pub first_sale: bool,
}

/// A buyer's purchases of one month, verified or not, summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct PurchaseSum {
    pub month: i32,
    pub verified: bool,
    pub sales: u64,
    pub carats_hundredths: u64,
    pub cents: u64,
}

fn purchase_sum_key(buyer: Uuid, month: i32, verified: bool) -> Vec<u8> {
    let mut k = vec![PURCHASE_SUM];
    k.extend_from_slice(buyer.as_bytes());
    k.extend_from_slice(&month.to_be_bytes());
    k.push(u8::from(verified));
    k
}

fn sold_sum_key(seller: Uuid, month: i32) -> Vec<u8> {
    let mut k = vec![SOLD_SUM];
    k.extend_from_slice(seller.as_bytes());
    k.extend_from_slice(&month.to_be_bytes());
    k
}

/// Which of a licence's trade sums a sale moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    BoughtUnverified,
    BoughtVerified,
    Sold,
}

impl Side {
    fn key(self, licence: Uuid, month: i32) -> Vec<u8> {
        match self {
            Self::Sold => sold_sum_key(licence, month),
            bought => purchase_sum_key(licence, month, bought == Self::BoughtVerified),
        }
    }
}

fn purchase_of_key(sale: Uuid) -> Vec<u8> {
    let mut k = vec![PURCHASE_OF];
    k.extend_from_slice(sale.as_bytes());
    k
}

/// Whether a miner record is a registration: every required field written, and not
/// voided. A value sealed (not yet opened) or erased counts as written: a miner whose
/// values were erased was registered all the same.
pub(crate) fn registered_miner(state: &AnyRecord) -> bool {
    match state {
        AnyRecord::Miner(s) => {
            void_reason(s).is_none()
                && sync_protocol::records::MinerField::REQUIRED
                    .iter()
                    .all(|f| s.fields.get(*f).is_some_and(|h| !h.writes.is_empty()))
        }
        _ => false,
    }
}

/// The norm of a licence's month is taken over the three calendar months before its own.
const NORM_MONTHS: i32 = 3;

fn norm_key(region: Uuid, mineral: sync_protocol::values::Mineral, month: i32) -> Vec<u8> {
    month_key(NORM, region, mineral as u8, month)
}

/// The histogram key's month-index twin: same region, mineral and month under `BY_MONTH`.
fn month_index_key(norm: &[u8]) -> Vec<u8> {
    let mut k = norm.to_vec();
    k[0] = BY_MONTH;
    k
}

/// The month of a histogram key (or of its month-index twin).
fn month_of_norm_key(norm: &[u8]) -> i32 {
    i32::from_be_bytes(norm[18..22].try_into().expect("norm keys hold a month"))
}

/// The histogram keys of the months whose norm includes `norm`'s month.
fn later_months(norm: &[u8]) -> Vec<Vec<u8>> {
    let region = Uuid::from_slice(&norm[1..17]).expect("norm keys hold a region");
    let mineral = norm[17];
    let month = month_of_norm_key(norm);
    (1..=NORM_MONTHS)
        .map(|d| month_key(NORM, region, mineral, month + d))
        .collect()
}

/// (licence, mineral, month, region) of a licence-month key.
fn parse_licence_month_key(k: &[u8]) -> Option<(Uuid, sync_protocol::values::Mineral, i32, Uuid)> {
    if k.len() != 38 || k[0] != LICENCE_MONTH {
        return None;
    }
    let mineral = mineral_of(k[17])?;
    Some((
        Uuid::from_slice(&k[1..17]).ok()?,
        mineral,
        i32::from_be_bytes(k[18..22].try_into().ok()?),
        Uuid::from_slice(&k[22..38]).ok()?,
    ))
}

/// Where a production counts in its licence's months: (licence-month key, its site-day).
fn site_day_entry(
    checks: &Checks,
    state: &AnyRecord,
    region: Option<Uuid>,
) -> Option<(Vec<u8>, SiteDay)> {
    let AnyRecord::Production(s) = state else {
        return None;
    };
    if void_reason(s).is_some() {
        return None;
    }
    let p = fact_body(s)?;
    let region = region?;
    let t = checks.thresholds_at(Some(region)).for_mineral(p.mineral);
    Some((
        licence_month_key(p.licence, p.mineral as u8, rollup::month_of(p.date), region),
        SiteDay::of(p, t),
    ))
}

/// A production's largest weighed stone (month, region, mineral, hundredths): what the
/// large-stone register is kept from. A count with a total weighs one stone only when it is
/// one.
fn largest_stone(
    state: &AnyRecord,
    region: Option<Uuid>,
) -> Option<(i32, Uuid, sync_protocol::values::Mineral, u64)> {
    let AnyRecord::Production(s) = state else {
        return None;
    };
    if void_reason(s).is_some() {
        return None;
    }
    let p = fact_body(s)?;
    let largest = match &p.stones {
        sync_protocol::values::Stones::Weighed(w) => w.iter().map(|c| c.hundredths()).max()?,
        sync_protocol::values::Stones::Counted { count, total } if count.get() == 1 => {
            total.hundredths()
        }
        sync_protocol::values::Stones::Counted { .. } => return None,
    };
    Some((rollup::month_of(p.date), region?, p.mineral, largest))
}

/// What the checks need besides the records.
#[derive(Clone)]
pub struct Checks {
    pub regions: Arc<RegionIndex>,
    /// The defaults, for a record in no country with thresholds of its own.
    pub thresholds: Thresholds,
    /// Countries' own thresholds, by country.
    pub by_country: Arc<BTreeMap<Uuid, Thresholds>>,
    /// Off only to measure what the checks cost (`placer serve --no-checks`): a registry
    /// run without them has no flags and incomplete re-check indexes.
    pub enabled: bool,
    /// Off only to measure what the rollups cost (`placer serve --no-rollups`); the cells
    /// are then incomplete until `placer admin rebuild-rollups`.
    pub rollups: bool,
}

impl Checks {
    /// The regions given, default thresholds.
    pub fn new(regions: Arc<RegionIndex>, enabled: bool) -> Self {
        Self {
            regions,
            thresholds: Thresholds::default(),
            by_country: Arc::default(),
            enabled,
            rollups: true,
        }
    }

    /// The thresholds of the country `region` lies in, or the defaults.
    pub fn thresholds_at(&self, region: Option<Uuid>) -> &Thresholds {
        region
            .and_then(|r| self.regions.country_ancestor(r))
            .and_then(|c| self.by_country.get(&c))
            .unwrap_or(&self.thresholds)
    }

    /// Countries' thresholds as kept, for the checks (one that no longer parses keeps the
    /// defaults: it was refused when set, so only a build with fewer fields meets one).
    pub fn country_thresholds(
        kept: &[crate::flags::rules::StoredThresholds],
    ) -> Arc<BTreeMap<Uuid, Thresholds>> {
        Arc::new(
            kept.iter()
                .filter_map(|k| Some((k.country, Thresholds::from_json(&k.thresholds).ok()?)))
                .collect(),
        )
    }

    /// No regions imported, default thresholds.
    #[cfg(test)]
    pub fn without_regions() -> Self {
        Self::new(Arc::new(RegionIndex::from_regions(&[])), true)
    }
}

fn flag_of_key(primary: Uuid, key: &FlagKey) -> Vec<u8> {
    let mut k = vec![FLAG_OF];
    k.extend_from_slice(primary.as_bytes());
    k.extend(key_bytes(key));
    k
}

/// The records a production, sale or export names, for the re-check indexes.
fn record_refs(state: &AnyRecord) -> Vec<(u8, Uuid)> {
    match state {
        AnyRecord::Production(s) if void_reason(s).is_none() => match fact_body(s) {
            Some(p) => {
                let mut r = vec![(BY_LICENCE, p.licence)];
                r.extend(p.miner.map(|m| (BY_MINER, m)));
                r
            }
            None => Vec::new(),
        },
        AnyRecord::Sale(s) if void_reason(s).is_none() => match fact_body(s) {
            Some(sale) => {
                let mut r = vec![(SALE_BY_BUYER, sale.buyer)];
                match sale.seller {
                    sync_protocol::records::Seller::Miner(m) => r.push((SALE_BY_SELLER, m)),
                    sync_protocol::records::Seller::Licence(l) => r.push((SALE_BY_SELLER, l)),
                }
                r
            }
            None => Vec::new(),
        },
        AnyRecord::Export(s) if void_reason(s).is_none() => match fact_body(s) {
            Some(e) => vec![(EXPORT_BY_EXPORTER, e.exporter)],
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The duplicate-index keys of a miner (without the miner id suffix): its national id, and
/// its district, name and birth year. Voided or incomplete miners have none.
fn miner_keys(state: &AnyRecord, district: Option<Uuid>) -> Vec<Vec<u8>> {
    let AnyRecord::Miner(s) = state else {
        return Vec::new();
    };
    if void_reason(s).is_some() {
        return Vec::new();
    }
    let (Some(m), Some(district)) = (Miner::from_state(s), district) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(n) = &m.national_id {
        let n = flags::normalize_national_id(n.as_str());
        if !n.is_empty() {
            let mut k = vec![MINER_BY_ID];
            k.extend_from_slice(&sync_protocol::batch::Digest::of(n.as_bytes()).0[..16]);
            out.push(k);
        }
    }
    let name = flags::normalize_name(m.names.as_str());
    let text = format!("{district}\0{name}\0{}", m.birth_year.year());
    let mut k = vec![MINER_BY_NAME];
    k.extend_from_slice(&sync_protocol::batch::Digest::of(text.as_bytes()).0[..16]);
    out.push(k);
    out
}

/// The kinds of a production's live flags as stored.
fn stored_live_kinds(facts: &dyn Facts, id: Uuid) -> Result<Vec<FlagKind>> {
    let scope = Scope::Production(id);
    let mut p = vec![FLAG_OF];
    p.extend_from_slice(id.as_bytes());
    let mut kinds = Vec::new();
    for k in facts.stored_keys(&p)? {
        if let Some(key) = key_from_bytes(&k[17..]).filter(|k| scope.contains(k)) {
            if facts.stored_flag(&key)?.is_some_and(|f| f.state.is_live()) {
                kinds.push(key.kind);
            }
        }
    }
    Ok(kinds)
}

/// The checks of a stored production (from its live flags as stored) or sale (from its
/// purchase as stored); `None` for any other record (or an incomplete production).
fn stored_checks(facts: &dyn Facts, state: &AnyRecord, id: Uuid) -> Result<Option<RecordChecks>> {
    match state {
        AnyRecord::Production(s) => match fact_body(s) {
            Some(p) => Ok(Some(production_checks(p, &stored_live_kinds(facts, id)?))),
            None => Ok(None),
        },
        AnyRecord::Sale(_) => Ok(Some(sale_checks(stored_purchase(facts, id)?))),
        _ => Ok(None),
    }
}

/// What a sale adds to its buyer's purchases, as stored before this commit.
fn stored_purchase(facts: &dyn Facts, sale: Uuid) -> Result<Option<Purchase>> {
    match facts.stored_value(&purchase_of_key(sale))? {
        Some(v) => Ok(Some(sync_protocol::codec::decode::<Purchase>(&v)?)),
        None => Ok(None),
    }
}

/// A sale's checks for the rollups: whether its purchase, as counted, is a first sale.
fn sale_checks(purchase: Option<Purchase>) -> RecordChecks {
    RecordChecks {
        first_sale: purchase.is_some_and(|p| p.first_sale),
        ..RecordChecks::default()
    }
}

/// What a record named and how it was indexed before a commit changed it.
fn before_of(checks: &Checks, old: Option<(&AnyRecord, Uuid)>) -> Before {
    match old {
        Some((state, region)) => Before {
            existed: true,
            refs: record_refs(state),
            miner_keys: miner_keys(state, Some(region)),
            site_day: site_day_entry(checks, state, Some(region)),
            largest_stone: largest_stone(state, Some(region)),
        },
        None => Before::default(),
    }
}

/// Where an op's geometry lies: the production's fix, the licence area's centroid, the
/// miner's registration point, as (longitude, latitude).
fn op_point(op: &Op) -> Option<(f64, f64)> {
    use sync_protocol::records::{FactField, LicenceField, MinerField};
    match &op.body {
        OpBody::Miner(sets) => sets.iter().find_map(|s| match &s.value {
            MinerField::RegisteredAt(Some(fix)) => {
                Some((fix.point.lon.degrees(), fix.point.lat.degrees()))
            }
            _ => None,
        }),
        OpBody::Licence(sets) => sets.iter().find_map(|s| match &s.value {
            LicenceField::Area(Some(area)) => {
                use ::geo::Centroid;
                crate::geo::polygon_to_geo(area)
                    .centroid()
                    .map(|c| (c.x(), c.y()))
            }
            _ => None,
        }),
        OpBody::Production(sets) => sets.iter().find_map(|s| match &s.value {
            FactField::Body(p) => Some((p.fix.point.lon.degrees(), p.fix.point.lat.degrees())),
            FactField::Void(_) => None,
        }),
        OpBody::Sale(_) | OpBody::Export(_) => None,
    }
}

impl Judge for Checks {
    fn rollups(&self) -> bool {
        self.rollups
    }

    /// With no regions imported, every op is filed where it says.
    fn place(&self, op: &Op, current: Option<Uuid>) -> Uuid {
        if self.regions.is_empty() {
            return op.region;
        }
        op_point(op)
            .and_then(|(lon, lat)| self.regions.locate(lon, lat))
            .or(current)
            .unwrap_or(op.region)
    }

    fn before(&self, old: Option<(&AnyRecord, Uuid)>) -> Before {
        before_of(self, old)
    }

    fn judge(
        &self,
        now: Hlc,
        facts: &dyn Facts,
        changed: &[Changed<'_>],
        batches: &[BatchClock],
        exporter: Option<Uuid>,
        writes: &mut dyn KeyWrites,
    ) -> Result<Vec<(CellKey, i64)>> {
        evaluate(self, now, facts, changed, batches, exporter, writes)
    }

    fn raise(
        &self,
        facts: &dyn Facts,
        primary: Uuid,
        finding: Finding,
        region: Option<Uuid>,
        now: Hlc,
        writes: &mut dyn KeyWrites,
    ) -> Result<Vec<(CellKey, i64)>> {
        let existing = facts.stored_flag(&finding.key)?;
        let before = existing.as_ref().and_then(rollup::FlagFacts::of);
        let Some((index_key, flag)) = standalone_flag(existing, primary, finding, region, now)
        else {
            return Ok(Vec::new());
        };
        let cells = if self.rollups {
            let moved = rollup::flag_delta(before.as_ref(), rollup::FlagFacts::of(&flag).as_ref());
            rolled_up(moved, self)
        } else {
            Vec::new()
        };
        writes.insert(index_key, Vec::new());
        writes.insert(flag_key(&flag.key), codec::encode(&flag)?);
        Ok(cells)
    }

    fn flag_changed(
        &self,
        before: &StoredFlag,
        after: &StoredFlag,
        writes: &mut dyn KeyWrites,
    ) -> Result<Vec<(CellKey, i64)>> {
        writes.insert(flag_key(&after.key), codec::encode(after)?);
        if !self.rollups {
            return Ok(Vec::new());
        }
        // The change counts in its month, like any flag outcome.
        let moved = rollup::flag_delta(
            rollup::FlagFacts::of(before).as_ref(),
            rollup::FlagFacts::of(after).as_ref(),
        );
        Ok(rolled_up(moved, self))
    }

    fn rolled_up(&self, deltas: Vec<(CellKey, i64)>) -> Vec<(CellKey, i64)> {
        rolled_up(deltas, self)
    }

    fn stored_checks(
        &self,
        facts: &dyn Facts,
        state: &AnyRecord,
        id: Uuid,
    ) -> Result<Option<RecordChecks>> {
        stored_checks(facts, state, id)
    }
}

/// The checks and rollups of one commit, as a function of what the commit changed and
/// what it reads (`facts`: the records as the commit leaves them, the stored indexes):
/// every scope whose facts changed is judged again, the checks' indexes, flags and sums go
/// to `writes`, and the rollup cells' exact deltas are returned. Nothing here knows where
/// the keys are kept; the backend applies `writes` and the deltas with its own writes, in
/// one atomic commit. `exporter` is re-checked too (its declared opening stock changed).
fn evaluate(
    checks: &Checks,
    now: Hlc,
    facts: &dyn Facts,
    changed: &[Changed<'_>],
    batches: &[BatchClock],
    exporter: Option<Uuid>,
    writes: &mut dyn KeyWrites,
) -> Result<Vec<(CellKey, i64)>> {
    let mut evaluation = Evaluation::new(checks, now);
    if let Some(e) = exporter {
        evaluation.recheck_exporter(e);
    }
    let mut touches = Vec::with_capacity(changed.len());
    for c in changed {
        evaluation.touched(facts, c.collection, c.id, c.before, c.state, c.region)?;
        if let Some(region) = c.region {
            touches.push(Touch {
                id: c.id,
                before: c.old,
                after: (c.state, region),
            });
        }
    }
    evaluation.run(facts, batches)?;
    let cells = if checks.rollups {
        evaluation.rollup_deltas(facts, &touches)?
    } else {
        Vec::new()
    };
    evaluation.write(writes)?;
    Ok(cells)
}

/// One record a commit changed, for the rollups.
struct Touch<'a> {
    pub id: Uuid,
    pub before: Option<(&'a AnyRecord, Uuid)>,
    pub after: (&'a AnyRecord, Uuid),
}

/// What a production's live flags say for the national control indicators. A production
/// naming no miner does not count as made by a registered miner.
pub fn production_checks(p: &Production, live: &[FlagKind]) -> RecordChecks {
    RecordChecks {
        inside_licence_area: !live
            .iter()
            .any(|k| matches!(k, FlagKind::OutsideLicenceArea | FlagKind::OutsideCountry)),
        licence_valid: !live.contains(&FlagKind::LicenceNotValid),
        miner_registered: p.miner.is_some() && !live.contains(&FlagKind::UnregisteredMiner),
        first_sale: false,
    }
}

/// The commit's view of the records, for export monitoring's reading rules.
struct FactsRecords<'a>(&'a dyn Facts);

impl export_monitor::Records for FactsRecords<'_> {
    fn record(&self, c: Collection, id: Uuid) -> Result<Option<StoredRecord>> {
        self.0.record(c, id)
    }
}

/// One commit's re-evaluation: index changes and flag writes, applied to a sled batch.
struct Evaluation<'a> {
    checks: &'a Checks,
    now: Hlc,
    index_add: BTreeSet<Vec<u8>>,
    index_remove: BTreeSet<Vec<u8>>,
    /// The site-days this commit adds to (1) and takes from (-1) licences' months.
    site_days: BTreeMap<Vec<u8>, Vec<(SiteDay, i64)>>,
    /// The licence-months those moves leave (`None`: no site-day left), to write.
    month_sums: BTreeMap<Vec<u8>, Option<MonthSum>>,
    /// Changes to the productivity histograms, and the stored ones they apply to.
    norm_delta: BTreeMap<Vec<u8>, Vec<i64>>,
    norm_base: BTreeMap<Vec<u8>, Vec<u32>>,
    /// This commit's new licence-months by month (`BY_MONTH` key without the commit stamp).
    month_refs: BTreeMap<Vec<u8>, BTreeSet<Uuid>>,
    /// New references of this commit: (index prefix, named record) → productions naming it.
    refs: BTreeMap<(u8, Uuid), BTreeSet<Uuid>>,
    flags: BTreeMap<FlagKey, StoredFlag>,
    scopes: BTreeSet<ScopeKey>,
    /// Records created by this commit: they have no stored flags to look for.
    created: BTreeSet<Uuid>,
    /// Productions whose checks ran in this commit (their control indicators may move).
    evaluated: BTreeSet<Uuid>,
    /// Licences looked up in this commit (a batch's productions mostly share a few).
    licences: std::collections::HashMap<Uuid, Option<Rc<LicenceFacts>>>,
    /// Whether each miner looked up in this commit is registered (the records are merged
    /// before any check runs, so the answer holds for the whole commit).
    miners: std::collections::HashMap<Uuid, bool>,
    /// What each sale re-evaluated in this commit now adds to its buyer's purchases.
    purchases: BTreeMap<Uuid, Option<Purchase>>,
    /// How this commit moves the trade sums: (licence, month, side) → (sales, hundredths,
    /// cents).
    purchase_delta: BTreeMap<(Uuid, i32, Side), (i64, i64, i64)>,
    /// The sums those deltas leave, to write (`None`: no purchase left).
    purchase_sums: BTreeMap<Vec<u8>, Option<PurchaseSum>>,
}

/// A licence as the production checks need it, computed once per commit.
struct LicenceFacts {
    licence: Licence,
    history: Vec<(Day, LicenceStatus)>,
    region: Uuid,
    /// The area, when it is a valid polygon.
    area: Option<::geo::MultiPolygon<f64>>,
}

/// Scopes in a fixed order, so a commit evaluates them the same way every time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ScopeKey {
    Licence(Uuid),
    Miner(Uuid),
    Production(Uuid),
    Sale(Uuid),
    /// A licence's month of one mineral (licence, mineral byte, month), after the sums of
    /// this commit's site-days.
    LicenceMonth(Uuid, u8, i32),
    /// After every record: the balance reads the sales' and exports' final states.
    Exporter(Uuid),
}

impl<'a> Evaluation<'a> {
    pub fn new(checks: &'a Checks, now: Hlc) -> Self {
        Self {
            checks,
            now,
            index_add: BTreeSet::new(),
            index_remove: BTreeSet::new(),
            site_days: BTreeMap::new(),
            month_sums: BTreeMap::new(),
            norm_delta: BTreeMap::new(),
            norm_base: BTreeMap::new(),
            month_refs: BTreeMap::new(),
            refs: BTreeMap::new(),
            flags: BTreeMap::new(),
            scopes: BTreeSet::new(),
            created: BTreeSet::new(),
            evaluated: BTreeSet::new(),
            licences: std::collections::HashMap::new(),
            miners: std::collections::HashMap::new(),
            purchases: BTreeMap::new(),
            purchase_delta: BTreeMap::new(),
            purchase_sums: BTreeMap::new(),
        }
    }

    /// Notes a record this commit changed: its index entries and the scopes to re-evaluate.
    pub fn touched(
        &mut self,
        facts: &dyn Facts,
        c: Collection,
        id: Uuid,
        before: &Before,
        new: &AnyRecord,
        region: Option<Uuid>,
    ) -> Result<()> {
        let (existed, old_refs, old_miner_keys) =
            (before.existed, &before.refs, &before.miner_keys);
        if !self.checks.enabled {
            return Ok(());
        }
        match c {
            Collection::Production => {
                if !existed {
                    self.created.insert(id);
                }
                // The large-stone register: an entry while the production holds a stone of
                // its mineral's large size.
                let large = |entry: Option<(i32, Uuid, sync_protocol::values::Mineral, u64)>| {
                    entry
                        .filter(|(_, region, mineral, h)| {
                            *h >= self
                                .checks
                                .thresholds_at(Some(*region))
                                .for_mineral(*mineral)
                                .large_stone_hundredths
                        })
                        .map(|(month, region, _, _)| large_stone_key(month, region, id))
                };
                let (was, now) = (
                    large(before.largest_stone),
                    large(largest_stone(new, region)),
                );
                if was != now {
                    if let Some(k) = was {
                        self.index_add.remove(&k);
                        self.index_remove.insert(k);
                    }
                    if let Some(k) = now {
                        self.index_remove.remove(&k);
                        self.index_add.insert(k);
                    }
                }
                let new_day = site_day_entry(self.checks, new, region);
                if before.site_day != new_day {
                    for (entry, sign) in [(&before.site_day, -1), (&new_day, 1)] {
                        if let Some((k, day)) = entry {
                            self.site_days
                                .entry(k.clone())
                                .or_default()
                                .push((*day, sign));
                        }
                    }
                }
                // Only new references are indexed; one a correction dropped stays in the
                // index and merely costs a re-evaluation that finds nothing changed.
                for r in record_refs(new)
                    .into_iter()
                    .filter(|r| !old_refs.contains(r))
                {
                    self.refs.entry(r).or_default().insert(id);
                }
                self.scopes.insert(ScopeKey::Production(id));
            }
            Collection::Sale | Collection::Export => {
                let new_refs = record_refs(new);
                // The exporter, buyer or seller it named before and the one it names now:
                // their stock balances move.
                for &(prefix, target) in old_refs.iter().chain(&new_refs) {
                    if matches!(prefix, SALE_BY_BUYER | SALE_BY_SELLER | EXPORT_BY_EXPORTER) {
                        self.scopes.insert(ScopeKey::Exporter(target));
                    }
                }
                for r in new_refs.into_iter().filter(|r| !old_refs.contains(r)) {
                    self.refs.entry(r).or_default().insert(id);
                }
                if c == Collection::Sale {
                    self.scopes.insert(ScopeKey::Sale(id));
                }
            }
            Collection::Licence => {
                self.scopes.insert(ScopeKey::Licence(id));
                // Its kind decides whether it sells to exporters as a licensed buyer, and
                // whether it is an exporter.
                self.scopes.insert(ScopeKey::Exporter(id));
                for p in self.referring(facts, BY_LICENCE, id)? {
                    self.scopes.insert(ScopeKey::Production(p));
                }
                for s in self.referring(facts, SALE_BY_BUYER, id)? {
                    self.scopes.insert(ScopeKey::Sale(s));
                }
                // Its kind decides whether its sales are verified purchases of their buyers.
                self.sales_by_seller(facts, id)?;
            }
            Collection::Miner => {
                for p in self.referring(facts, BY_MINER, id)? {
                    self.scopes.insert(ScopeKey::Production(p));
                }
                self.sales_by_seller(facts, id)?;
                // Duplicate keys: one entry per (key, miner), removed when the miner changes.
                let old_keys = old_miner_keys.to_vec();
                let new_keys = miner_keys(new, region);
                for k in old_keys.iter().filter(|k| !new_keys.contains(k)) {
                    let mut full = k.clone();
                    full.extend_from_slice(id.as_bytes());
                    self.index_add.remove(&full);
                    self.index_remove.insert(full);
                }
                for k in &new_keys {
                    let mut full = k.clone();
                    full.extend_from_slice(id.as_bytes());
                    self.index_remove.remove(&full);
                    self.index_add.insert(full);
                }
                self.scopes.insert(ScopeKey::Miner(id));
                // A pair loses its cause when either side changes: the old partners see it.
                for k in &old_keys {
                    for other in self.keyed_miners(facts, k)? {
                        self.scopes.insert(ScopeKey::Miner(other));
                    }
                }
            }
            Collection::Region => {}
        }
        Ok(())
    }

    /// The sales by a seller (miner or licence) whose registration or kind changed: each is
    /// judged again, and its buyer's balance with it.
    fn sales_by_seller(&mut self, facts: &dyn Facts, seller: Uuid) -> Result<()> {
        for s in self.referring(facts, SALE_BY_SELLER, seller)? {
            self.scopes.insert(ScopeKey::Sale(s));
            if let Some(r) = facts.record(Collection::Sale, s)? {
                if let AnyRecord::Sale(state) = &r.state {
                    if let Some(sale) = fact_body(state) {
                        self.scopes.insert(ScopeKey::Exporter(sale.buyer));
                    }
                }
            }
        }
        Ok(())
    }

    /// Re-checks an exporter whose declared opening stock changed.
    pub fn recheck_exporter(&mut self, exporter: Uuid) {
        if self.checks.enabled {
            self.scopes.insert(ScopeKey::Exporter(exporter));
        }
    }

    /// Miners under a duplicate-index key, as stored plus this commit's changes.
    fn keyed_miners(&self, facts: &dyn Facts, key: &[u8]) -> Result<BTreeSet<Uuid>> {
        let mut keys: BTreeSet<Vec<u8>> = facts.stored_keys(key)?.into_iter().collect();
        keys.extend(
            self.index_add
                .iter()
                .filter(|k| k.starts_with(key))
                .cloned(),
        );
        keys.retain(|k| !self.index_remove.contains(k));
        Ok(keys
            .iter()
            .filter_map(|k| Uuid::from_slice(&k[17..33]).ok())
            .collect())
    }

    /// Productions naming `target`: the stored chunks plus this commit's.
    fn referring(&self, facts: &dyn Facts, prefix: u8, target: Uuid) -> Result<BTreeSet<Uuid>> {
        let mut p = vec![prefix];
        p.extend_from_slice(target.as_bytes());
        let mut out: BTreeSet<Uuid> = BTreeSet::new();
        for chunk in facts.stored_values(&p)? {
            out.extend(chunk_ids(&chunk));
        }
        if let Some(pending) = self.refs.get(&(prefix, target)) {
            out.extend(pending.iter().copied());
        }
        Ok(out)
    }

    /// Re-evaluates every scope noted, and the device's clock for each batch of the commit.
    pub fn run(&mut self, facts: &dyn Facts, batches: &[BatchClock]) -> Result<()> {
        if !self.checks.enabled {
            return Ok(());
        }
        self.sum_licence_months(facts)?;
        let changed: Vec<Vec<u8>> = self.norm_delta.keys().cloned().collect();
        for k in &changed {
            let base = match facts.stored_value(k)? {
                Some(v) => sync_protocol::codec::decode::<Vec<u32>>(&v)?,
                None => vec![0; BUCKETS],
            };
            self.norm_base.insert(k.clone(), base);
            // A month's norm moved: the productions of the months it covers are judged again,
            // so that productivity flags do not depend on the order site-days arrived in.
            for later in later_months(k) {
                let index = month_index_key(&later);
                let mut ids: BTreeSet<Uuid> = BTreeSet::new();
                for chunk in facts.stored_values(&index)? {
                    ids.extend(chunk_ids(&chunk));
                }
                if let Some(pending) = self.month_refs.get(&index) {
                    ids.extend(pending.iter().copied());
                }
                let (mineral, month) = (later[17], month_of_norm_key(&later));
                self.scopes.extend(
                    ids.into_iter()
                        .map(|licence| ScopeKey::LicenceMonth(licence, mineral, month)),
                );
            }
        }
        let mut scopes: Vec<ScopeKey> = std::mem::take(&mut self.scopes).into_iter().collect();
        // Voided records first, so that a pair flag closed by a void says so rather than
        // "cause no longer present" from the partner's side. (Productions whose licence is
        // also being written see it: all records are merged before any scope runs.)
        let mut voided = BTreeSet::new();
        for s in &scopes {
            if let ScopeKey::Miner(id) = s {
                if facts
                    .record(Collection::Miner, *id)?
                    .is_some_and(|r| r.state.void_reason().is_some())
                {
                    voided.insert(*s);
                }
            }
        }
        scopes.sort_by_key(|s| !voided.contains(s));
        for s in scopes {
            match s {
                ScopeKey::Production(id) => self.production(facts, id)?,
                ScopeKey::Licence(id) => self.licence(facts, id)?,
                ScopeKey::Sale(id) => self.sale(facts, id)?,
                ScopeKey::Miner(id) => self.miner(facts, id)?,
                ScopeKey::LicenceMonth(licence, mineral, month) => {
                    self.licence_month(facts, licence, mineral, month)?
                }
                ScopeKey::Exporter(id) => self.exporter(facts, id)?,
            }
        }
        for b in batches {
            let scope = Scope::DeviceClock(b.device);
            let found: Vec<Finding> = flags::clock_skew_flag(
                b.device,
                b.seq,
                b.sealed_at,
                b.received,
                self.checks.thresholds_at(b.region),
            )
            .into_iter()
            .collect();
            self.reconcile(facts, scope, b.device, b.region, found, None)?;
        }
        for (&(licence, month, side), d) in &self.purchase_delta {
            let key = side.key(licence, month);
            let mut sum = match facts.stored_value(&key)? {
                Some(v) => sync_protocol::codec::decode(&v)?,
                None => PurchaseSum {
                    month,
                    verified: side == Side::BoughtVerified,
                    ..Default::default()
                },
            };
            sum.sales = sum.sales.saturating_add_signed(d.0);
            sum.carats_hundredths = sum.carats_hundredths.saturating_add_signed(d.1);
            sum.cents = sum.cents.saturating_add_signed(d.2);
            self.purchase_sums
                .insert(key, (sum.sales > 0).then_some(sum));
        }
        Ok(())
    }

    /// The record a scope checks; `None` when there is nothing to check (absent, or voided:
    /// a void closes the scope's flags here, with its reason).
    fn load(
        &mut self,
        facts: &dyn Facts,
        c: Collection,
        id: Uuid,
        scope: Scope,
    ) -> Result<Option<StoredRecord>> {
        let Some(stored) = facts.record(c, id)? else {
            return Ok(None);
        };
        if let Some(reason) = stored.state.void_reason() {
            self.reconcile(
                facts,
                scope,
                id,
                Some(stored.region),
                Vec::new(),
                Some(reason),
            )?;
            return Ok(None);
        }
        Ok(Some(stored))
    }

    fn production(&mut self, facts: &dyn Facts, id: Uuid) -> Result<()> {
        let scope = Scope::Production(id);
        let Some(stored) = self.load(facts, Collection::Production, id, scope)? else {
            return Ok(());
        };
        let AnyRecord::Production(state) = &stored.state else {
            return Ok(());
        };
        let Some(p) = fact_body(state) else {
            return Ok(());
        };
        self.evaluated.insert(id);
        let mut ctx = self.production_context(facts, p)?;
        // The thresholds of the country the production is filed in.
        ctx.thresholds = *self.checks.thresholds_at(Some(stored.region));
        let found = flags::production_flags(id, p, &ctx);
        self.reconcile(facts, scope, id, Some(stored.region), found, None)
    }

    fn licence_facts(&mut self, facts: &dyn Facts, id: Uuid) -> Result<Option<Rc<LicenceFacts>>> {
        if let Some(cached) = self.licences.get(&id) {
            return Ok(cached.clone());
        }
        let found = facts
            .record(Collection::Licence, id)?
            .and_then(|r| match &r.state {
                AnyRecord::Licence(s) if void_reason(s).is_none() => {
                    Licence::from_state(s).map(|licence| {
                        let area = licence
                            .area
                            .as_ref()
                            .filter(|a| crate::geo::validate_licence_area(a).is_ok())
                            .map(|a| crate::geo::boundary_to_geo(std::slice::from_ref(a)));
                        Rc::new(LicenceFacts {
                            history: status_history(s),
                            region: r.region,
                            area,
                            licence,
                        })
                    })
                }
                _ => None,
            });
        self.licences.insert(id, found.clone());
        Ok(found)
    }

    /// A histogram as stored, with this commit's changes.
    fn histogram(&self, facts: &dyn Facts, key: &[u8]) -> Result<Vec<i64>> {
        let mut h: Vec<i64> = match self.norm_base.get(key) {
            Some(v) => v.iter().map(|c| i64::from(*c)).collect(),
            None => match facts.stored_value(key)? {
                Some(v) => sync_protocol::codec::decode::<Vec<u32>>(&v)?
                    .into_iter()
                    .map(i64::from)
                    .collect(),
                None => vec![0; BUCKETS],
            },
        };
        h.resize(BUCKETS, 0);
        if let Some(d) = self.norm_delta.get(key) {
            for (c, x) in h.iter_mut().zip(d) {
                *c += x;
            }
        }
        Ok(h)
    }

    /// The median carats per digger-day of the area's licence-months of that mineral in
    /// the three calendar months before `month` (the month judged is never in its own norm).
    fn area_norm(
        &self,
        facts: &dyn Facts,
        region: Uuid,
        mineral: sync_protocol::values::Mineral,
        month: i32,
    ) -> Result<Option<AreaNorm>> {
        let mut total = vec![0i64; BUCKETS];
        for m in (month - NORM_MONTHS)..month {
            for (t, c) in total
                .iter_mut()
                .zip(self.histogram(facts, &norm_key(region, mineral, m))?)
            {
                *t += c;
            }
        }
        Ok(productivity::median_of(&total))
    }

    /// Sums this commit's site-days into their licences' months, moves each month between
    /// the buckets of its area's histogram, and notes the months to judge again.
    fn sum_licence_months(&mut self, facts: &dyn Facts) -> Result<()> {
        for (key, moves) in std::mem::take(&mut self.site_days) {
            let Some((licence, mineral, month, region)) = parse_licence_month_key(&key) else {
                continue;
            };
            let before: Option<MonthSum> = match facts.stored_value(&key)? {
                Some(v) => Some(codec::decode(&v)?),
                None => None,
            };
            // Additions first: a site-day taken away was counted before.
            let mut sum = before.unwrap_or_default();
            for (day, sign) in moves.iter().filter(|m| m.1 > 0) {
                sum = sum.moved(day, *sign);
            }
            for (day, sign) in moves.iter().filter(|m| m.1 < 0) {
                sum = sum.moved(day, *sign);
            }
            let after = (sum.site_days > 0).then_some(sum);
            let bucket_of = |s: &Option<MonthSum>| s.map(|s| bucket(s.per_digger_day()));
            let (was, now) = (bucket_of(&before), bucket_of(&after));
            if was != now {
                let histogram = self
                    .norm_delta
                    .entry(norm_key(region, mineral, month))
                    .or_insert_with(|| vec![0; BUCKETS]);
                if let Some(b) = was {
                    histogram[b] -= 1;
                }
                if let Some(b) = now {
                    histogram[b] += 1;
                }
            }
            if before.is_none() && after.is_some() {
                self.month_refs
                    .entry(month_index_key(&norm_key(region, mineral, month)))
                    .or_default()
                    .insert(licence);
            }
            self.scopes
                .insert(ScopeKey::LicenceMonth(licence, mineral as u8, month));
            self.month_sums.insert(key, after);
        }
        Ok(())
    }

    /// A licence's month of one mineral, in each area its site-days are filed in, against
    /// the area's norm: one flag for the licence's month, about the area that exceeds it
    /// most.
    fn licence_month(
        &mut self,
        facts: &dyn Facts,
        licence: Uuid,
        mineral: u8,
        month: i32,
    ) -> Result<()> {
        let Some(mineral) = mineral_of(mineral) else {
            return Ok(());
        };
        let mut prefix = vec![LICENCE_MONTH];
        prefix.extend_from_slice(licence.as_bytes());
        prefix.push(mineral as u8);
        prefix.extend_from_slice(&month.to_be_bytes());
        let mut areas: BTreeMap<Vec<u8>, Option<MonthSum>> = BTreeMap::new();
        for k in facts.stored_keys(&prefix)? {
            if let Some(v) = facts.stored_value(&k)? {
                areas.insert(k, Some(codec::decode(&v)?));
            }
        }
        for (k, sum) in self.month_sums.range(prefix.clone()..) {
            if !k.starts_with(&prefix) {
                break;
            }
            areas.insert(k.clone(), *sum);
        }
        let mut worst: Option<(f64, Finding, Uuid)> = None;
        for (k, sum) in areas {
            let (Some(sum), Some((_, _, _, region))) = (sum, parse_licence_month_key(&k)) else {
                continue;
            };
            let norm = self.area_norm(facts, region, mineral, month)?;
            let th = self.checks.thresholds_at(Some(region));
            if let Some(f) =
                productivity::productivity_flag(licence, mineral, month, &sum, norm, th)
            {
                let threshold = norm
                    .and_then(|n| productivity::threshold(n, mineral, th))
                    .unwrap_or(1.0);
                let over = sum.per_digger_day() / threshold.max(f64::MIN_POSITIVE);
                if worst.as_ref().is_none_or(|w| over > w.0) {
                    worst = Some((over, f, region));
                }
            }
        }
        let scope = Scope::LicenceMonth(licence, productivity::period_tag(mineral, month));
        let (found, region) = match worst {
            Some((_, f, region)) => (vec![f], Some(region)),
            None => (Vec::new(), None),
        };
        self.reconcile(facts, scope, licence, region, found, None)
    }

    fn production_context(
        &mut self,
        facts: &dyn Facts,
        p: &Production,
    ) -> Result<ProductionContext> {
        let licence = self.licence_facts(facts, p.licence)?;
        let miner_registered = match p.miner {
            None => None,
            Some(m) => Some(self.miner_registered(facts, m)?),
        };
        let regions = &self.checks.regions;
        let (lon, lat) = (p.fix.point.lon.degrees(), p.fix.point.lat.degrees());
        let distance_outside_licence_m = licence
            .as_ref()
            .and_then(|l| crate::geo::fix_outside_area(&p.fix, l.area.as_ref()?));
        let licence_country = licence
            .as_ref()
            .and_then(|l| regions.country_ancestor(l.region));
        Ok(ProductionContext {
            licence: licence
                .as_ref()
                .map(|l| LicenceAtDate::on(&l.licence, &l.history, p.date)),
            miner_registered,
            distance_outside_licence_m,
            fix_country: regions.country_of(lon, lat),
            licence_country,
            thresholds: self.checks.thresholds,
        })
    }

    fn sale(&mut self, facts: &dyn Facts, id: Uuid) -> Result<()> {
        let scope = Scope::Sale(id);
        let purchase = self.purchase(facts, id)?;
        self.count_purchase(facts, id, purchase)?;
        let Some(stored) = self.load(facts, Collection::Sale, id, scope)? else {
            return Ok(());
        };
        let AnyRecord::Sale(state) = &stored.state else {
            return Ok(());
        };
        let Some(sale) = fact_body(state) else {
            return Ok(());
        };
        let seller_registered = match sale.seller {
            sync_protocol::records::Seller::Miner(m) => Some(self.miner_registered(facts, m)?),
            sync_protocol::records::Seller::Licence(_) => None,
        };
        let buyer = self
            .licence_facts(facts, sale.buyer)?
            .map(|l| LicenceAtDate::on(&l.licence, &l.history, sale.date));
        let ctx = flags::SaleContext {
            seller_registered,
            buyer,
        };
        let found = flags::sale_flags(id, sale, &ctx);
        self.reconcile(facts, scope, id, Some(stored.region), found, None)
    }

    /// A trader's stock balance (an exporter's or a dealer's) over all its exports, the
    /// sales to it and the sales by it ([`flags::trader_flags`]). A licence nobody exports
    /// under or buys from has nothing to check.
    fn exporter(&mut self, facts: &dyn Facts, exporter: Uuid) -> Result<()> {
        use crate::reports::exports::{ExportFact, OpeningStock};
        let scope = Scope::Exporter(exporter);
        let mut exports = Vec::new();
        let mut first_region = None;
        for id in self.referring(facts, EXPORT_BY_EXPORTER, exporter)? {
            let Some(r) = facts.record(Collection::Export, id)? else {
                continue;
            };
            let Some(e) = export_monitor::live_export(&r).filter(|e| e.exporter == exporter) else {
                continue;
            };
            first_region.get_or_insert(r.region);
            // The balance needs neither the country nor the footprint.
            exports.push(ExportFact::of(id, e, None, Default::default()));
        }
        let sold = self.sold_by(facts, exporter)?;
        // Without exports or sales there is nothing to exceed.
        let purchases = if exports.is_empty() && sold.is_empty() {
            Vec::new()
        } else {
            self.purchases_of(facts, exporter)?
        };
        let opening = match facts.stored_value(&opening_stock_key(exporter))? {
            Some(v) => Some(OpeningStock::of(&sync_protocol::codec::decode::<
                crate::store::OpeningStockRecord,
            >(&v)?)),
            None => None,
        };
        let licence = self.licence_facts(facts, exporter)?;
        // A dealer's flag is its own kind; any other licence under which something was
        // exported (or the registry does not hold yet) is taken for an exporter's. A mining
        // licence's holder that only sells sells what it digs: it keeps no stock to balance.
        use sync_protocol::values::LicenceKind;
        let kind = match licence.as_ref().map(|l| l.licence.kind) {
            Some(LicenceKind::Buyer) => Some(FlagKind::SalesExceedPurchases),
            Some(LicenceKind::Exporter) => Some(FlagKind::ExportsExceedPurchases),
            _ if !exports.is_empty() => Some(FlagKind::ExportsExceedPurchases),
            _ => None,
        };
        let region = licence.map(|l| l.region).or(first_region);
        let found = match kind {
            Some(kind) => flags::trader_flags(
                kind,
                exporter,
                &exports,
                &purchases,
                &sold,
                opening,
                crate::reports::exports::Thresholds::default(),
            ),
            None => Vec::new(),
        };
        self.reconcile(facts, scope, exporter, region, found, None)
    }

    /// What a sale adds to its buyer's purchases now: nothing while voided or before its
    /// body arrives.
    fn purchase(&mut self, facts: &dyn Facts, id: Uuid) -> Result<Option<Purchase>> {
        let Some(r) = facts.record(Collection::Sale, id)? else {
            return Ok(None);
        };
        let Some(sale) = export_monitor::live_sale(&r) else {
            return Ok(None);
        };
        let records = FactsRecords(facts);
        Ok(Some(Purchase {
            buyer: sale.buyer,
            seller_licence: match sale.seller {
                sync_protocol::records::Seller::Licence(l) => Some(l),
                sync_protocol::records::Seller::Miner(_) => None,
            },
            month: rollup::month_of(sale.date),
            verified: export_monitor::verified_seller(&records, &sale.seller)?,
            carats_hundredths: sale.carats.hundredths(),
            cents: sale.value.cents(),
            first_sale: export_monitor::first_sale(&records, &sale.seller)?,
        }))
    }

    /// Moves the purchase sums from what the sale added before to what it adds now.
    fn count_purchase(&mut self, facts: &dyn Facts, id: Uuid, now: Option<Purchase>) -> Result<()> {
        let before = match self.purchases.get(&id) {
            Some(p) => *p,
            None => stored_purchase(facts, id)?,
        };
        if before == now {
            return Ok(());
        }
        let mut add = |p: &Purchase, sign: i64| {
            let bought = if p.verified {
                Side::BoughtVerified
            } else {
                Side::BoughtUnverified
            };
            let sides =
                std::iter::once((p.buyer, bought)).chain(p.seller_licence.map(|s| (s, Side::Sold)));
            for (licence, side) in sides {
                let d = self
                    .purchase_delta
                    .entry((licence, p.month, side))
                    .or_default();
                d.0 += sign;
                d.1 += sign * p.carats_hundredths as i64;
                d.2 += sign * p.cents as i64;
            }
        };
        if let Some(p) = &before {
            add(p, -1);
        }
        if let Some(p) = &now {
            add(p, 1);
        }
        self.purchases.insert(id, now);
        Ok(())
    }

    /// A licence's trade sums under `prefix` (its purchases or its sales), one per month and
    /// side, as stored plus this commit's.
    fn trade_sums(&self, facts: &dyn Facts, licence: Uuid, sold: bool) -> Result<Vec<PurchaseSum>> {
        let mut prefix = vec![if sold { SOLD_SUM } else { PURCHASE_SUM }];
        prefix.extend_from_slice(licence.as_bytes());
        let mut sums: BTreeMap<(i32, bool), PurchaseSum> = BTreeMap::new();
        for v in facts.stored_values(&prefix)? {
            let s: PurchaseSum = sync_protocol::codec::decode(&v)?;
            sums.insert((s.month, s.verified), s);
        }
        let from = (licence, i32::MIN, Side::BoughtUnverified);
        for (&(l, month, side), d) in self.purchase_delta.range(from..) {
            if l != licence {
                break;
            }
            if (side == Side::Sold) != sold {
                continue;
            }
            let verified = side == Side::BoughtVerified;
            let s = sums.entry((month, verified)).or_insert(PurchaseSum {
                month,
                verified,
                ..Default::default()
            });
            s.sales = s.sales.saturating_add_signed(d.0);
            s.carats_hundredths = s.carats_hundredths.saturating_add_signed(d.1);
            s.cents = s.cents.saturating_add_signed(d.2);
        }
        Ok(sums.into_values().filter(|s| s.sales > 0).collect())
    }

    /// A buyer's purchases, one per month and verification.
    fn purchases_of(
        &self,
        facts: &dyn Facts,
        buyer: Uuid,
    ) -> Result<Vec<crate::reports::exports::PurchaseFact>> {
        Ok(self
            .trade_sums(facts, buyer, false)?
            .into_iter()
            .map(|s| crate::reports::exports::PurchaseFact {
                id: Uuid::nil(),
                exporter: buyer,
                month: s.month,
                carats_hundredths: s.carats_hundredths,
                cents: s.cents,
                verified: s.verified,
                region: Uuid::nil(),
            })
            .collect())
    }

    /// A licence holder's sales to others, one per month.
    fn sold_by(
        &self,
        facts: &dyn Facts,
        seller: Uuid,
    ) -> Result<Vec<crate::reports::exports::SoldFact>> {
        Ok(self
            .trade_sums(facts, seller, true)?
            .into_iter()
            .map(|s| crate::reports::exports::SoldFact {
                seller,
                month: s.month,
                carats_hundredths: s.carats_hundredths,
                cents: s.cents,
            })
            .collect())
    }

    fn miner_registered(&mut self, facts: &dyn Facts, m: Uuid) -> Result<bool> {
        if let Some(known) = self.miners.get(&m) {
            return Ok(*known);
        }
        let registered = facts
            .record(Collection::Miner, m)?
            .is_some_and(|r| registered_miner(&r.state));
        self.miners.insert(m, registered);
        Ok(registered)
    }

    fn miner(&mut self, facts: &dyn Facts, id: Uuid) -> Result<()> {
        let scope = Scope::MinerDuplicates(id);
        let Some(stored) = self.load(facts, Collection::Miner, id, scope)? else {
            return Ok(());
        };
        let AnyRecord::Miner(state) = &stored.state else {
            return Ok(());
        };
        let Some(me) = Miner::from_state(state) else {
            // A person erased can no longer be compared: their duplicate flags close.
            if sync_protocol::personal::holds_erased(state) {
                self.reconcile(facts, scope, id, Some(stored.region), Vec::new(), None)?;
            }
            return Ok(());
        };
        let mut candidates = BTreeSet::new();
        for k in miner_keys(&stored.state, Some(stored.region)) {
            candidates.extend(self.keyed_miners(facts, &k)?);
        }
        candidates.remove(&id);
        let mut others: Vec<(Uuid, Miner, Option<Uuid>)> = Vec::new();
        for other in candidates {
            if let Some(r) = facts.record(Collection::Miner, other)? {
                if let AnyRecord::Miner(s) = &r.state {
                    if void_reason(s).is_none() {
                        if let Some(m) = Miner::from_state(s) {
                            others.push((other, m, Some(r.region)));
                        }
                    }
                }
            }
        }
        let refs: Vec<(Uuid, &Miner, Option<Uuid>)> =
            others.iter().map(|(i, m, d)| (*i, m, *d)).collect();
        let found = flags::miner_duplicate_flags(id, &me, Some(stored.region), &refs);
        // A pair flag is filed under the miner evaluated; both miners list it.
        let partners: Vec<Uuid> = found.iter().flat_map(|f| f.records.clone()).collect();
        self.reconcile(facts, scope, id, Some(stored.region), found, None)?;
        for p in partners.into_iter().filter(|p| *p != id) {
            for (key, flag) in self.flags.iter() {
                if key.involves(p) && flag.state.is_live() {
                    self.index_add.insert(flag_of_key(p, key));
                }
            }
        }
        Ok(())
    }

    fn licence(&mut self, facts: &dyn Facts, id: Uuid) -> Result<()> {
        let scope = Scope::Licence(id);
        let Some(stored) = self.load(facts, Collection::Licence, id, scope)? else {
            return Ok(());
        };
        let AnyRecord::Licence(state) = &stored.state else {
            return Ok(());
        };
        let Some(licence) = Licence::from_state(state) else {
            return Ok(());
        };
        let problem = licence
            .area
            .as_ref()
            .and_then(|a| crate::geo::validate_licence_area(a).err())
            .map(|e| e.to_string());
        let found = flags::licence_flags(id, &licence, problem.as_deref());
        self.reconcile(facts, scope, id, Some(stored.region), found, None)
    }

    /// The live flags of a scope: stored ones, overlaid with this commit's.
    fn live(&self, facts: &dyn Facts, scope: Scope, primary: Uuid) -> Result<Vec<FlagKey>> {
        let mut keys: BTreeSet<FlagKey> = if self.created.contains(&primary) {
            BTreeSet::new()
        } else {
            let mut p = vec![FLAG_OF];
            p.extend_from_slice(primary.as_bytes());
            facts
                .stored_keys(&p)?
                .iter()
                .filter_map(|k| key_from_bytes(&k[17..]))
                .filter(|k| scope.contains(k))
                .collect()
        };
        keys.extend(self.flags.keys().filter(|k| scope.contains(k)).copied());
        let mut live = Vec::new();
        for k in keys {
            if self.flag(facts, &k)?.is_some_and(|f| f.state.is_live()) {
                live.push(k);
            }
        }
        Ok(live)
    }

    fn flag(&self, facts: &dyn Facts, key: &FlagKey) -> Result<Option<StoredFlag>> {
        match self.flags.get(key) {
            Some(f) => Ok(Some(f.clone())),
            None => facts.stored_flag(key),
        }
    }

    fn reconcile(
        &mut self,
        facts: &dyn Facts,
        scope: Scope,
        primary: Uuid,
        region: Option<Uuid>,
        found: Vec<Finding>,
        voided: Option<String>,
    ) -> Result<()> {
        let live = self.live(facts, scope, primary)?;
        let r: Reconciliation = match voided {
            Some(reason) => flags::close_for_void(scope, &live, &reason),
            None => flags::reconcile(scope, &live, &found),
        };
        let now = self.now;
        let event = |kind, note: Option<String>| FlagEvent {
            at: now,
            event: kind,
            by: None,
            note,
        };
        for f in r.raise {
            let evidence = f.evidence.to_string();
            let flag = match self.flag(facts, &f.key)? {
                Some(mut old) => {
                    old.state = FlagState::Open;
                    old.updated_at = now;
                    old.evidence = evidence;
                    old.summary = f.summary;
                    old.records = f.records;
                    old.region = region;
                    old.history.push(event(FlagEventKind::Reopened, None));
                    old
                }
                None => StoredFlag {
                    key: f.key,
                    severity: f.severity,
                    region,
                    records: f.records,
                    evidence,
                    summary: f.summary,
                    state: FlagState::Open,
                    raised_at: now,
                    updated_at: now,
                    history: vec![event(FlagEventKind::Raised, None)],
                },
            };
            self.index_add.insert(flag_of_key(primary, &flag.key));
            self.flags.insert(flag.key, flag);
        }
        for (key, reason) in r.close {
            if let Some(mut old) = self.flag(facts, &key)? {
                old.state = FlagState::Closed;
                old.updated_at = now;
                old.history.push(event(FlagEventKind::Closed, Some(reason)));
                self.flags.insert(key, old);
            }
        }
        for f in r.keep {
            if let Some(mut old) = self.flag(facts, &f.key)? {
                let evidence = f.evidence.to_string();
                if old.evidence != evidence || old.summary != f.summary {
                    old.evidence = evidence;
                    old.summary = f.summary;
                    old.updated_at = now;
                    old.history.push(event(FlagEventKind::Updated, None));
                    self.flags.insert(f.key, old);
                }
            }
        }
        Ok(())
    }

    /// The kinds of a production's live flags: as stored before this commit, or as this
    /// commit leaves them.
    fn live_kinds(&self, facts: &dyn Facts, id: Uuid, after: bool) -> Result<Vec<FlagKind>> {
        let scope = Scope::Production(id);
        if after {
            return Ok(self
                .live(facts, scope, id)?
                .iter()
                .map(|k| k.kind)
                .collect());
        }
        if self.created.contains(&id) {
            return Ok(Vec::new());
        }
        stored_live_kinds(facts, id)
    }

    /// What this commit moves the rollup cells by: each changed record's contributions
    /// (`touched`: collection, id, state and region before, state and region after), the
    /// control indicators of every production whose checks ran, and every flag written.
    pub fn rollup_deltas(
        &self,
        facts: &dyn Facts,
        touched: &[Touch<'_>],
    ) -> Result<Vec<(CellKey, i64)>> {
        let enabled = self.checks.enabled;
        let checks_of =
            |state: &AnyRecord, id: Uuid, after: bool| -> Result<Option<RecordChecks>> {
                match state {
                    AnyRecord::Production(s) if enabled => match fact_body(s) {
                        Some(p) => Ok(Some(production_checks(
                            p,
                            &self.live_kinds(facts, id, after)?,
                        ))),
                        None => Ok(None),
                    },
                    AnyRecord::Sale(_) if enabled => {
                        let purchase = match self.purchases.get(&id) {
                            Some(now) if after => *now,
                            _ => stored_purchase(facts, id)?,
                        };
                        Ok(Some(sale_checks(purchase)))
                    }
                    _ => Ok(None),
                }
            };
        let mut out = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for t in touched {
            seen.insert(t.id);
            let old = match t.before {
                Some((state, region)) => Some((state, region, checks_of(state, t.id, false)?)),
                None => None,
            };
            let (state, region) = t.after;
            let new = Some((state, region, checks_of(state, t.id, true)?));
            rollup::add_into(&mut out, rollup::delta(old, new));
        }
        for id in self.evaluated.iter().filter(|id| !seen.contains(id)) {
            if let Some(stored) = facts.record(Collection::Production, *id)? {
                let old = checks_of(&stored.state, *id, false)?;
                let new = checks_of(&stored.state, *id, true)?;
                if old != new {
                    rollup::add_into(
                        &mut out,
                        rollup::delta(
                            Some((&stored.state, stored.region, old)),
                            Some((&stored.state, stored.region, new)),
                        ),
                    );
                }
            }
        }
        // A sale the commit did not touch whose seller's licence changed kind: a first
        // sale becomes a transfer, or the other way.
        for (id, now) in self.purchases.iter().filter(|(id, _)| !seen.contains(id)) {
            let (old, new) = (sale_checks(stored_purchase(facts, *id)?), sale_checks(*now));
            if old != new {
                if let Some(stored) = facts.record(Collection::Sale, *id)? {
                    rollup::add_into(
                        &mut out,
                        rollup::delta(
                            Some((&stored.state, stored.region, Some(old))),
                            Some((&stored.state, stored.region, Some(new))),
                        ),
                    );
                }
            }
        }
        for (key, flag) in &self.flags {
            let old = facts
                .stored_flag(key)?
                .as_ref()
                .and_then(rollup::FlagFacts::of);
            let new = rollup::FlagFacts::of(flag);
            rollup::add_into(&mut out, rollup::flag_delta(old.as_ref(), new.as_ref()));
        }
        Ok(rolled_up(out, self.checks))
    }

    /// Adds the index changes and flag writes to the commit.
    pub fn write(self, b: &mut dyn KeyWrites) -> Result<()> {
        for k in self.index_remove {
            b.remove(k);
        }
        for (k, delta) in &self.norm_delta {
            let h = self
                .norm_base
                .get(k)
                .cloned()
                .unwrap_or_else(|| vec![0; BUCKETS]);
            let counts: Vec<u32> = h
                .iter()
                .zip(delta)
                .map(|(c, d)| u32::try_from((i64::from(*c) + d).max(0)).unwrap_or(u32::MAX))
                .collect();
            b.insert(k.clone(), sync_protocol::codec::encode(&counts)?);
        }
        // One entry per named record per commit, like the pull index: a batch of 500
        // productions on one licence costs one index write.
        for (key, ids) in &self.month_refs {
            let mut k = key.clone();
            k.extend_from_slice(&self.now.raw().to_be_bytes());
            b.insert(
                k,
                ids.iter()
                    .flat_map(|id| *id.as_bytes())
                    .collect::<Vec<u8>>(),
            );
        }
        for ((prefix, target), ids) in self.refs {
            let mut k = vec![prefix];
            k.extend_from_slice(target.as_bytes());
            k.extend_from_slice(&self.now.raw().to_be_bytes());
            b.insert(
                k,
                ids.iter()
                    .flat_map(|id| *id.as_bytes())
                    .collect::<Vec<u8>>(),
            );
        }
        for k in self.index_add {
            b.insert(k, vec![]);
        }
        for (sale, p) in &self.purchases {
            match p {
                Some(p) => b.insert(purchase_of_key(*sale), sync_protocol::codec::encode(p)?),
                None => b.remove(purchase_of_key(*sale)),
            }
        }
        for (key, sum) in &self.month_sums {
            match sum {
                Some(sum) => b.insert(key.clone(), sync_protocol::codec::encode(sum)?),
                None => b.remove(key.clone()),
            }
        }
        for (key, sum) in &self.purchase_sums {
            match sum {
                Some(sum) => b.insert(key.clone(), sync_protocol::codec::encode(sum)?),
                None => b.remove(key.clone()),
            }
        }
        for (key, flag) in self.flags {
            b.insert(flag_key(&key), sync_protocol::codec::encode(&flag)?);
        }
        Ok(())
    }
}

/// A licence's status changes, dated by when they took effect at the server (the first is
/// the status it was registered with).
fn status_history(
    state: &sync_protocol::merge::RecordState<sync_protocol::records::LicenceField>,
) -> Vec<(Day, LicenceStatus)> {
    use sync_protocol::records::LicenceField;
    let Some(h) = state.fields.get("status") else {
        return Vec::new();
    };
    let mut writes: Vec<_> = h.writes.iter().collect();
    writes.sort_by_key(|w| w.order());
    writes
        .into_iter()
        .filter_map(|w| match &w.value {
            LicenceField::Status(s) => {
                let (stamp, _) = w.order();
                let day =
                    time::OffsetDateTime::from_unix_timestamp((stamp.unix_ms() / 1000) as i64)
                        .ok()?
                        .date();
                Some((day, *s))
            }
            _ => None,
        })
        .collect()
}

/// A flag raised outside any scope's re-evaluation (a fork, a quarantined entry) and its
/// index key under `primary`, unless a live flag with its key exists already.
fn standalone_flag(
    existing: Option<StoredFlag>,
    primary: Uuid,
    f: Finding,
    region: Option<Uuid>,
    now: Hlc,
) -> Option<(Vec<u8>, StoredFlag)> {
    if existing.as_ref().is_some_and(|f| f.state.is_live()) {
        return None;
    }
    let flag = StoredFlag {
        key: f.key,
        severity: f.severity,
        region,
        records: f.records,
        evidence: f.evidence.to_string(),
        summary: f.summary,
        state: FlagState::Open,
        raised_at: now,
        updated_at: now,
        history: vec![FlagEvent {
            at: now,
            event: if existing.is_some() {
                FlagEventKind::Reopened
            } else {
                FlagEventKind::Raised
            },
            by: None,
            note: None,
        }],
    };
    Some((flag_of_key(primary, &flag.key), flag))
}

/// Deltas of the regions records and flags are filed in, as deltas of the stored cells:
/// those are subtree totals, so each delta also moves every ancestor's cell.
fn rolled_up(
    deltas: impl IntoIterator<Item = (CellKey, i64)>,
    checks: &Checks,
) -> Vec<(CellKey, i64)> {
    let regions = &checks.regions;
    rollup::roll_up(deltas.into_iter(), |r| {
        regions.get(r).and_then(|s| s.parent)
    })
    .into_iter()
    .collect()
}
