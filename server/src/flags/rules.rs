//! The rules of red flags, as pure functions of facts already looked up, and the
//! reconciliation that makes the open flags independent of arrival order.
//!
//! Every rule takes a record and a *context* (the licence as it stood on the record's date,
//! whether the miner it names is registered, what the geo layer computed, the region's
//! norm) and returns the flags that should be open for that record **now**. Nothing here
//! reads storage, a clock or a geometry: the caller looks the facts up, so the same facts
//! always give the same findings, whatever order the records arrived in.
//!
//! [`reconcile`] then compares those findings with the flags already open in the same
//! [`Scope`] and says what to raise, what to keep and what to close (with the reason). As
//! long as the caller re-evaluates every scope whose facts changed (see the table in
//! [`crate::flags`]), the open flags after any arrival order equal those computed from the
//! final facts alone (property tests at the bottom).

use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use sync_protocol::batch::Digest;
use sync_protocol::clock::Hlc;
use sync_protocol::records::{Licence, Miner, Production, Sale, Seller};
use sync_protocol::values::{format_day, Day, LicenceKind, LicenceStatus, Mineral, Stones};
use uuid::Uuid;

use super::kinds::{Finding, FlagKey, FlagKind};
use super::names::{normalize_name, normalize_national_id};

// ---------------------------------------------------------------------------------------
// Licence validity on a date
// ---------------------------------------------------------------------------------------

/// Whether a licence allowed work on a given day, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    Valid,
    NotYetIssued,
    Expired,
    Suspended,
    Revoked,
}

impl Validity {
    pub fn name(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::NotYetIssued => "not_yet_issued",
            Self::Expired => "expired",
            Self::Suspended => "suspended",
            Self::Revoked => "revoked",
        }
    }

    fn phrase(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::NotYetIssued => "not yet issued",
            Self::Expired => "expired",
            Self::Suspended => "suspended",
            Self::Revoked => "revoked",
        }
    }
}

/// The status a licence had on `date`.
///
/// How status changes are dated: `status_changes` is the history of the licence's `status`
/// field as `(day it takes effect, status)`, in the order the changes were made (by
/// effective stamp). The caller dates each change with the day given with it (the day of
/// the op's effective stamp when no explicit date was given).
///
/// - A change takes effect from its day, inclusive, until the next change.
/// - The first change (the earliest day) is the status the licence was registered with,
///   and applies from `issued`: a licence registered today as active was active since it
///   was issued, not only since today.
/// - Several changes on one day: the last one in the slice wins (the status at the end of
///   that day).
/// - No history at all (only the current status is known): `licence.status` applies from
///   `issued`.
pub fn status_on(
    licence: &Licence,
    status_changes: &[(Day, LicenceStatus)],
    date: Day,
) -> LicenceStatus {
    // The last change on or before the date; on a tie of days, the later in the slice.
    let mut latest: Option<(Day, LicenceStatus)> = None;
    // The earliest change; on a tie, the earlier in the slice.
    let mut first: Option<(Day, LicenceStatus)> = None;
    for &(day, status) in status_changes {
        if day <= date && latest.is_none_or(|(d, _)| day >= d) {
            latest = Some((day, status));
        }
        if first.is_none_or(|(d, _)| day < d) {
            first = Some((day, status));
        }
    }
    latest.or(first).map_or(licence.status, |(_, s)| s)
}

/// Whether the licence was valid on `date`; see [`status_on`] for how status changes are
/// dated.
///
/// `issued` and `expires` are both inclusive: a licence expiring on 30 June allows work on
/// 30 June. When several reasons apply, the first of these wins: not yet issued (no status
/// applies before issue), revoked, suspended, expired (a revocation says more than the
/// date).
pub fn licence_valid_on(
    licence: &Licence,
    status_changes: &[(Day, LicenceStatus)],
    date: Day,
) -> Validity {
    if date < licence.issued {
        return Validity::NotYetIssued;
    }
    match status_on(licence, status_changes, date) {
        LicenceStatus::Revoked => Validity::Revoked,
        LicenceStatus::Suspended => Validity::Suspended,
        LicenceStatus::Active if date > licence.expires => Validity::Expired,
        LicenceStatus::Active => Validity::Valid,
    }
}

/// A licence as it stood on a record's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LicenceAtDate {
    pub kind: LicenceKind,
    pub mineral: Mineral,
    pub issued: Day,
    pub expires: Day,
    pub validity: Validity,
}

impl LicenceAtDate {
    /// The licence on `date`, its status history applied as [`status_on`] says.
    pub fn on(licence: &Licence, status_changes: &[(Day, LicenceStatus)], date: Day) -> Self {
        Self {
            kind: licence.kind,
            mineral: licence.mineral,
            issued: licence.issued,
            expires: licence.expires,
            validity: licence_valid_on(licence, status_changes, date),
        }
    }
}

/// Licence kinds under which one may dig, and which carry an area.
pub fn is_mining_licence(kind: LicenceKind) -> bool {
    matches!(
        kind,
        LicenceKind::ArtisanalPermit | LicenceKind::Claim | LicenceKind::Cooperative
    )
}

// ---------------------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------------------

/// A licence's month is flagged above this multiple of its area's median carats per
/// digger-day over the licence-months of the three months before. Alluvial finds are
/// heavy-tailed even over a month, so a factor of a few would flag every lucky licence; ten
/// times the median is far into the tail.
pub const DEFAULT_PRODUCTIVITY_FACTOR: f64 = 10.0;
/// The median must rest on at least this many licence-months of the area (and mineral):
/// a median of a handful of licences says nothing, so no productivity flag is raised
/// without it (ten licences active through a quarter make thirty).
pub const DEFAULT_PRODUCTIVITY_MIN_SAMPLES: u32 = 30;
/// A device clock more than 24 hours ahead of the server's when it sealed a batch is wrong
/// (no delivery delay can make a batch arrive before it was sealed). 24 hours leaves room
/// for a clock set to local time instead of UTC anywhere on Earth.
pub const DEFAULT_CLOCK_AHEAD_MS: u64 = 24 * 3_600_000;
/// A batch sealed more than 30 days before it arrived. "Behind" cannot be told apart from
/// a late delivery: a device seals at the sync attempt and resends the same sealed bytes
/// until acknowledged, and a device clock that runs slow stamps at its last observed
/// server time, so a gap of days is normal for a device offline for weeks. Only a much
/// larger gap (a clock reset to a past year) is worth an officer's time.
pub const DEFAULT_CLOCK_BEHIND_MS: u64 = 30 * 24 * 3_600_000;

/// Plausible ranges for one mineral. Weights in hundredths of a carat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MineralThresholds {
    /// The lightest plausible stone (inclusive).
    pub min_stone_hundredths: u64,
    /// The heaviest plausible stone (inclusive).
    pub max_stone_hundredths: u64,
    /// Carats per digger-day, over a licence's month, below which productivity is never
    /// flagged, however small the area's median: in alluvial diamond digging most days
    /// find nothing, the median can be zero, and ten times zero would flag every find.
    pub productivity_floor_hundredths: u64,
    /// A site-day's largest weighed stone, when this heavy or heavier, is a lucky find, not
    /// a sign of the work: it goes to the large-stone register and is left out of its
    /// licence's month in the productivity check (one 5 ct stone found by three diggers
    /// outweighs months of an ordinary pit, and is no fraud). Only the one: twenty such
    /// stones in a day are not luck. A change of this size applies to the site-days that
    /// arrive or change after it.
    #[serde(default = "default_large_stone")]
    pub large_stone_hundredths: u64,
}

/// For a mineral's thresholds configured without it: the diamond default, 2 ct.
fn default_large_stone() -> u64 {
    MineralThresholds::DIAMOND.large_stone_hundredths
}

impl MineralThresholds {
    /// Diamonds.
    ///
    /// - Lightest: 0.01 ct. A weight of 0.00 ct is a stone not weighed or a typing error;
    ///   buying-office scales read to 0.01 ct and hand sieves lose smaller stones.
    /// - Heaviest: 1000 ct. The largest alluvial diamonds ever found are a few hundred
    ///   carats: the Star of Sierra Leone (968.9 ct, 1972), the Woyie River diamond (770
    ///   ct, Sierra Leone, 1945), the Peace of Sierra Leone (709 ct, found by artisanal
    ///   diggers in Kono, 2017). A heavier entry is almost surely a misplaced decimal point.
    /// - Floor: 1 ct per digger-day, some hundred times what artisanal diggers average
    ///   (Sierra Leone: a few carats per digger per year).
    /// - Large stone: 2 ct, the size class (2–4 ct) from which alluvial producers keep
    ///   stones in a register of their own; a single such stone outweighs months of an
    ///   ordinary pit's production.
    pub const DIAMOND: Self = Self {
        min_stone_hundredths: 1,
        max_stone_hundredths: 100_000,
        productivity_floor_hundredths: 100,
        large_stone_hundredths: 200,
    };

    /// Gold, in carats as every weight here is (1 ct = 0.2 g); a "stone" is one weighing,
    /// of dust or of a nugget.
    ///
    /// - Lightest: 0.01 ct (2 mg), the resolution of the record.
    /// - Heaviest: 5000 ct (1 kg) for one weighing of one site-day. The largest nugget ever
    ///   found, the Welcome Stranger (Victoria, 1869), was about 72 kg, but a kilogram from
    ///   one artisanal site in one day is beyond any ordinary day and deserves a look.
    /// - Floor: 5 ct (1 g) per digger-day, a few times what an artisanal gold digger
    ///   commonly recovers in a day.
    /// - Large "stone": 250 ct (50 g), a nugget, not a day's dust.
    pub const GOLD: Self = Self {
        min_stone_hundredths: 1,
        max_stone_hundredths: 500_000,
        productivity_floor_hundredths: 500,
        large_stone_hundredths: 25_000,
    };
}

/// Every configurable threshold, with the documented defaults of [`Thresholds::default`].
/// Deserializes from a partial object: missing fields keep their default (a mineral's
/// thresholds are replaced whole).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// See [`DEFAULT_PRODUCTIVITY_FACTOR`].
    pub productivity_factor: f64,
    /// See [`DEFAULT_PRODUCTIVITY_MIN_SAMPLES`].
    pub productivity_min_samples: u32,
    /// See [`MineralThresholds::DIAMOND`].
    pub diamond: MineralThresholds,
    /// See [`MineralThresholds::GOLD`].
    pub gold: MineralThresholds,
    /// See [`DEFAULT_CLOCK_AHEAD_MS`].
    pub clock_ahead_ms: u64,
    /// See [`DEFAULT_CLOCK_BEHIND_MS`].
    pub clock_behind_ms: u64,
}

/// A country's thresholds as kept: the JSON an officer gave (a partial object: what it
/// leaves out keeps its default), when and by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredThresholds {
    pub country: Uuid,
    pub thresholds: String,
    pub set_at: sync_protocol::clock::Hlc,
    pub set_by: String,
}

impl Thresholds {
    /// Thresholds from a (partial) JSON object, refused when a field is unknown or a value
    /// makes no sense.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let t: Self = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if !(t.productivity_factor.is_finite() && t.productivity_factor >= 1.0) {
            return Err("productivity_factor must be a number of 1 or more".into());
        }
        for (name, m) in [("diamond", &t.diamond), ("gold", &t.gold)] {
            if m.min_stone_hundredths == 0 || m.min_stone_hundredths > m.max_stone_hundredths {
                return Err(format!(
                    "{name}: min_stone_hundredths must be above 0 and at most max_stone_hundredths"
                ));
            }
            if m.large_stone_hundredths == 0 {
                return Err(format!("{name}: large_stone_hundredths must be above 0"));
            }
        }
        Ok(t)
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            productivity_factor: DEFAULT_PRODUCTIVITY_FACTOR,
            productivity_min_samples: DEFAULT_PRODUCTIVITY_MIN_SAMPLES,
            diamond: MineralThresholds::DIAMOND,
            gold: MineralThresholds::GOLD,
            clock_ahead_ms: DEFAULT_CLOCK_AHEAD_MS,
            clock_behind_ms: DEFAULT_CLOCK_BEHIND_MS,
        }
    }
}

impl Thresholds {
    pub fn for_mineral(&self, mineral: Mineral) -> &MineralThresholds {
        match mineral {
            Mineral::Diamond => &self.diamond,
            Mineral::Gold => &self.gold,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Production
// ---------------------------------------------------------------------------------------

/// What the caller looked up for one production.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductionContext {
    /// The licence the production names, as it stood on the production's date
    /// ([`LicenceAtDate::on`]); `None` when no such licence is registered (yet).
    pub licence: Option<LicenceAtDate>,
    /// Whether the miner the production names is registered (a complete, not voided miner
    /// record); `None` when the production names no miner.
    pub miner_registered: Option<bool>,
    /// From the geo layer, already net of the fix's accuracy: `Some(d)` with `d > 0` means
    /// the fix lies `d` metres outside the licence's area beyond its accuracy. `None` when
    /// inside, or when there is no usable area to test (that is a licence flag).
    pub distance_outside_licence_m: Option<f64>,
    /// The country region whose boundary contains the fix (as the geo layer decides, with
    /// the accuracy), `None` when no known country contains it.
    pub fix_country: Option<Uuid>,
    /// The country region of the licence; `None` when unknown, and then the country is not
    /// checked. The caller must compute `fix_country` whenever it passes this.
    pub licence_country: Option<Uuid>,
    pub thresholds: Thresholds,
}

/// The flags that should be open now for production `id`.
pub fn production_flags(id: Uuid, p: &Production, ctx: &ProductionContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let date = format_day(p.date);
    let lic = p.licence;

    match ctx.licence {
        None => out.push(Finding::new(
            FlagKey::about(FlagKind::LicenceNotValid, id, lic),
            vec![id, lic],
            json!({ "licence": lic, "date": date, "validity": "unknown_licence" }),
            format!("Production {id} of {date} names licence {lic}, which is not registered."),
        )),
        Some(l) if l.validity != Validity::Valid => out.push(Finding::new(
            FlagKey::about(FlagKind::LicenceNotValid, id, lic),
            vec![id, lic],
            json!({
                "licence": lic,
                "date": date,
                "validity": l.validity.name(),
                "issued": format_day(l.issued),
                "expires": format_day(l.expires),
            }),
            format!(
                "Production {id} of {date} is on licence {lic}, which was {} that day.",
                l.validity.phrase()
            ),
        )),
        Some(_) => {}
    }

    if let Some(d) = ctx
        .distance_outside_licence_m
        .filter(|d| d.is_finite() && *d > 0.0)
    {
        let accuracy = p.fix.accuracy.metres();
        out.push(Finding::new(
            FlagKey::about(FlagKind::OutsideLicenceArea, id, lic),
            vec![id, lic],
            json!({
                "licence": lic,
                "distance_m": round(d, 1),
                "accuracy_m": accuracy,
                "lon": p.fix.point.lon.degrees(),
                "lat": p.fix.point.lat.degrees(),
            }),
            format!(
                "The fix of production {id} lies {d:.0} m outside the area of licence {lic}, \
                 beyond its stated accuracy of {accuracy} m."
            ),
        ));
    }

    if let Some(home) = ctx.licence_country {
        if ctx.fix_country != Some(home) {
            let summary = match ctx.fix_country {
                Some(other) => format!(
                    "The fix of production {id} lies in country {other}, not in the country \
                     {home} of licence {lic}."
                ),
                None => format!(
                    "The fix of production {id} lies outside the country {home} of licence \
                     {lic}, in no registered country."
                ),
            };
            out.push(Finding::new(
                FlagKey::about(FlagKind::OutsideCountry, id, lic),
                vec![id, lic],
                json!({
                    "licence": lic,
                    "licence_country": home,
                    "fix_country": ctx.fix_country,
                    "lon": p.fix.point.lon.degrees(),
                    "lat": p.fix.point.lat.degrees(),
                    "accuracy_m": p.fix.accuracy.metres(),
                }),
                summary,
            ));
        }
    }

    if let (Some(miner), Some(false)) = (p.miner, ctx.miner_registered) {
        out.push(unregistered_miner(id, "Production", miner));
    }

    let mt = ctx.thresholds.for_mineral(p.mineral);
    out.extend(stone_weight_finding(id, p, mt));
    out
}

fn unregistered_miner(id: Uuid, what: &str, miner: Uuid) -> Finding {
    Finding::new(
        FlagKey::about(FlagKind::UnregisteredMiner, id, miner),
        vec![id, miner],
        json!({ "miner": miner }),
        format!("{what} {id} names miner {miner}, who is not registered."),
    )
}

/// At most this many offending weights are listed in the evidence.
const MAX_LISTED_WEIGHTS: usize = 10;

fn stone_weight_finding(id: Uuid, p: &Production, t: &MineralThresholds) -> Option<Finding> {
    let (lo, hi) = (t.min_stone_hundredths, t.max_stone_hundredths);
    let mineral = mineral_name(p.mineral);
    let range = json!({ "mineral": mineral, "min_ct": ct(lo), "max_ct": ct(hi) });
    let (problem, extra) = match &p.stones {
        Stones::Weighed(weights) => {
            let out: Vec<u64> = weights
                .iter()
                .map(|w| w.hundredths())
                .filter(|w| *w < lo || *w > hi)
                .collect();
            if out.is_empty() {
                return None;
            }
            let listed: Vec<String> = out
                .iter()
                .take(MAX_LISTED_WEIGHTS)
                .map(|w| ct(*w))
                .collect();
            (
                format!(
                    "{} of its {} stone weights lie outside {} to {} ct (first: {} ct)",
                    out.len(),
                    weights.len(),
                    ct(lo),
                    ct(hi),
                    listed[0]
                ),
                json!({ "out_of_range": listed, "out_of_range_count": out.len(), "stones": weights.len() }),
            )
        }
        Stones::Counted { count, total } => {
            let n = u64::from(count.get());
            let total = total.hundredths();
            let problem = if n == 0 {
                // Gold dust has no count; a diamond total needs stones.
                (total > 0 && p.mineral == Mineral::Diamond)
                    .then(|| format!("it records {} ct but no stones", ct(total)))
            } else if total < n.saturating_mul(lo) {
                Some(format!(
                    "its {n} stones weigh {} ct together, below {} ct each",
                    ct(total),
                    ct(lo)
                ))
            } else if total > n.saturating_mul(hi) {
                Some(format!(
                    "its {n} stones weigh {} ct together, so at least one is above {} ct",
                    ct(total),
                    ct(hi)
                ))
            } else {
                None
            };
            (problem?, json!({ "count": n, "total_ct": ct(total) }))
        }
    };
    let mut evidence = range;
    merge_into(&mut evidence, extra);
    Some(Finding::new(
        FlagKey::single(FlagKind::ImpossibleStoneWeight, id),
        vec![id],
        evidence,
        format!("Production {id} has implausible {mineral} weights: {problem}."),
    ))
}

// ---------------------------------------------------------------------------------------
// Sale
// ---------------------------------------------------------------------------------------

/// What the caller looked up for one sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SaleContext {
    /// Whether the selling miner is registered; `None` when the seller is a licence.
    pub seller_registered: Option<bool>,
    /// The buyer's licence on the sale date ([`LicenceAtDate::on`]); `None` when no such
    /// licence is registered (yet).
    pub buyer: Option<LicenceAtDate>,
}

/// The flags that should be open now for sale `id`.
///
/// The buyer must hold a buyer or exporter licence, for the sale's mineral, valid on the
/// sale date.
pub fn sale_flags(id: Uuid, s: &Sale, ctx: &SaleContext) -> Vec<Finding> {
    let mut out = Vec::new();
    if let (Seller::Miner(miner), Some(false)) = (&s.seller, ctx.seller_registered) {
        out.push(unregistered_miner(id, "Sale", *miner));
    }
    let buyer = s.buyer;
    let date = format_day(s.date);
    let problem = match ctx.buyer {
        None => Some(("unknown_licence", "is not registered".to_string())),
        Some(l) if !matches!(l.kind, LicenceKind::Buyer | LicenceKind::Exporter) => Some((
            "not_a_buyer_licence",
            format!("is a {} licence, not a buyer's", licence_kind_name(l.kind)),
        )),
        Some(l) if l.mineral != s.mineral => Some((
            "other_mineral",
            format!(
                "is for {}, not {}",
                mineral_name(l.mineral),
                mineral_name(s.mineral)
            ),
        )),
        Some(l) if l.validity != Validity::Valid => Some((
            l.validity.name(),
            format!("was {} that day", l.validity.phrase()),
        )),
        Some(_) => None,
    };
    if let Some((reason, phrase)) = problem {
        let mut evidence = json!({ "buyer_licence": buyer, "date": date, "reason": reason });
        if let Some(l) = ctx.buyer {
            merge_into(
                &mut evidence,
                json!({
                    "kind": licence_kind_name(l.kind),
                    "mineral": mineral_name(l.mineral),
                    "validity": l.validity.name(),
                    "issued": format_day(l.issued),
                    "expires": format_day(l.expires),
                }),
            );
        }
        out.push(Finding::new(
            FlagKey::about(FlagKind::UnlicensedBuyer, id, buyer),
            vec![id, buyer],
            evidence,
            format!("Sale {id} of {date} is to buyer licence {buyer}, which {phrase}."),
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Licence
// ---------------------------------------------------------------------------------------

/// The flags that should be open now for licence `id`: a mining licence (artisanal
/// permit, claim, cooperative) needs a usable area, or none of its productions can be
/// checked against it. `area_problem` is what the geo layer found wrong with the area
/// (self-intersecting, too large, not closed…), `None` when it is usable or absent.
pub fn licence_flags(id: Uuid, licence: &Licence, area_problem: Option<&str>) -> Vec<Finding> {
    if !is_mining_licence(licence.kind) {
        return Vec::new();
    }
    let problem = match (&licence.area, area_problem) {
        (None, _) => "it has no area".to_string(),
        (Some(_), Some(p)) => format!("its area cannot be used: {p}"),
        (Some(_), None) => return Vec::new(),
    };
    vec![Finding::new(
        FlagKey::single(FlagKind::InvalidLicenceArea, id),
        vec![id],
        json!({
            "kind": licence_kind_name(licence.kind),
            "number": licence.number.as_str(),
            "problem": area_problem.unwrap_or("missing"),
        }),
        format!(
            "Mining licence {} ({id}) cannot be checked against its productions: {problem}.",
            licence.number
        ),
    )]
}

// ---------------------------------------------------------------------------------------
// Miners registered twice
// ---------------------------------------------------------------------------------------

/// The duplicate flags that should be open now for miner `id` (registered in `district`)
/// against every other current miner: `(id, miner, district)`.
///
/// - Same national id anywhere, compared by [`normalize_national_id`].
/// - Same [`normalize_name`] and birth year, both in the same known district.
///
/// A pair gives one flag per kind whichever miner is evaluated: the key and the records
/// are ordered by id. Both kinds can be open for one pair; they have separate causes.
/// Voided miners must not be passed, and a voided miner's own flags are closed with
/// [`close_for_void`].
pub fn miner_duplicate_flags(
    id: Uuid,
    m: &Miner,
    district: Option<Uuid>,
    others: &[(Uuid, &Miner, Option<Uuid>)],
) -> Vec<Finding> {
    let my_id = m
        .national_id
        .as_ref()
        .map(|n| normalize_national_id(n.as_str()))
        .filter(|n| !n.is_empty());
    let my_name = normalize_name(m.names.as_str());
    let mut out = BTreeMap::new();
    for &(other_id, o, other_district) in others {
        if other_id == id {
            continue;
        }
        let (lo, hi) = if id < other_id {
            (id, other_id)
        } else {
            (other_id, id)
        };
        if let Some(nid) = &my_id {
            let theirs = o
                .national_id
                .as_ref()
                .map(|n| normalize_national_id(n.as_str()));
            if theirs.as_ref() == Some(nid) {
                // The evidence names the miners, not the national id: a flag outlives an
                // erasure of the person, and the id is on each miner's record.
                let f = Finding::new(
                    FlagKey::pair(FlagKind::DuplicateNationalId, id, other_id),
                    vec![lo, hi],
                    json!({ "miners": [lo, hi] }),
                    format!("Miners {lo} and {hi} are registered with the same national id."),
                );
                out.insert(f.key, f);
            }
        }
        let same_district = district.is_some() && district == other_district;
        if same_district
            && !my_name.is_empty()
            && m.birth_year == o.birth_year
            && normalize_name(o.names.as_str()) == my_name
        {
            let f = Finding::new(
                FlagKey::pair(FlagKind::DuplicateNameAndBirthYear, id, other_id),
                vec![lo, hi],
                json!({
                    "district": district,
                    "miners": [lo, hi],
                }),
                format!("Miners {lo} and {hi} share their name, birth year and district."),
            );
            out.insert(f.key, f);
        }
    }
    out.into_values().collect()
}

// ---------------------------------------------------------------------------------------
// Devices
// ---------------------------------------------------------------------------------------

/// The clock flag of `device` after its batch `seq`, sealed at `sealed_at` (device clock)
/// and received at `received` (server clock): one flag per device, open while its latest
/// batch shows the skew, closed when a later batch is sealed with a good clock.
///
/// Ahead by more than `clock_ahead_ms`, or behind by more than `clock_behind_ms` (see the
/// defaults for why the two differ).
pub fn clock_skew_flag(
    device: Uuid,
    seq: u64,
    sealed_at: Hlc,
    received: Hlc,
    t: &Thresholds,
) -> Option<Finding> {
    let skew = sealed_at.ms_since(received);
    let (direction, by, limit) = if skew >= 0 {
        ("ahead", skew.unsigned_abs(), t.clock_ahead_ms)
    } else {
        ("behind", skew.unsigned_abs(), t.clock_behind_ms)
    };
    if by <= limit {
        return None;
    }
    Some(Finding::new(
        FlagKey::single(FlagKind::DeviceClockSkew, device),
        vec![device],
        json!({
            "seq": seq,
            "sealed_at": sealed_at.to_string(),
            "received": received.to_string(),
            "skew_ms": skew,
            "direction": direction,
            "threshold_ms": limit,
        }),
        format!(
            "Device {device} sealed batch {seq} with a clock {} {direction} of the server's.",
            human_duration(by)
        ),
    ))
}

/// The flag for a fork: `device` sent bytes with digest `refused` under sequence number
/// `seq`, already taken by the batch with digest `accepted`.
///
/// One flag per device (a cloned device forks again and again; one problem, one flag).
/// The evidence never goes away, so no scope closes it: the caller raises it when the
/// device has no live fork flag, and an officer resolves it.
pub fn batch_fork_flag(device: Uuid, seq: u64, accepted: &Digest, refused: &Digest) -> Finding {
    Finding::new(
        FlagKey::single(FlagKind::BatchFork, device),
        vec![device],
        json!({
            "seq": seq,
            "accepted_digest": accepted.to_hex(),
            "refused_digest": refused.to_hex(),
        }),
        format!(
            "Device {device} sent two different batches numbered {seq}: a cloned device or a \
             leaked key."
        ),
    )
}

/// An entry of the batch log set aside because it could not be applied. `id` names the
/// entry (see `store::Quarantined`); `device` is the batch's device when it has one.
pub fn quarantined_entry_flag(
    id: Uuid,
    device: Option<Uuid>,
    what: &str,
    position: &str,
    error: &str,
) -> Finding {
    Finding::new(
        FlagKey::single(FlagKind::QuarantinedEntry, id),
        device.into_iter().collect(),
        json!({
            "entry": id,
            "device": device,
            "what": what,
            "log_position": position,
            "error": error,
        }),
        format!(
            "{what} could not be applied and was set aside (log {position}): {error}. It stays \
             in the batch log; `placer admin quarantine` lists it."
        ),
    )
}

// ---------------------------------------------------------------------------------------
// Reconciliation
// ---------------------------------------------------------------------------------------

/// The flags one evaluation is responsible for: re-evaluating a scope decides every flag
/// in it, and no flag outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// [`production_flags`] of this production.
    Production(Uuid),
    /// [`sale_flags`] of this sale.
    Sale(Uuid),
    /// [`licence_flags`] of this licence.
    Licence(Uuid),
    /// [`miner_duplicate_flags`] of this miner: the duplicate pairs it is in, either side.
    MinerDuplicates(Uuid),
    /// [`clock_skew_flag`] of this device. Forks are in no scope: they never close
    /// themselves.
    DeviceClock(Uuid),
    /// [`super::trader_flags`] of this trader licence (an exporter's or a dealer's).
    Exporter(Uuid),
    /// [`super::productivity::productivity_flag`] of a licence's month of one mineral:
    /// the licence and the [`super::productivity::period_tag`].
    LicenceMonth(Uuid, Uuid),
}

impl Scope {
    /// The kinds of flag this scope decides.
    pub fn kinds(&self) -> &'static [FlagKind] {
        use FlagKind::*;
        match self {
            Self::Production(_) => &[
                OutsideLicenceArea,
                OutsideCountry,
                LicenceNotValid,
                UnregisteredMiner,
                ImpossibleStoneWeight,
            ],
            Self::Sale(_) => &[UnregisteredMiner, UnlicensedBuyer],
            Self::Licence(_) => &[InvalidLicenceArea],
            Self::MinerDuplicates(_) => &[DuplicateNationalId, DuplicateNameAndBirthYear],
            Self::DeviceClock(_) => &[DeviceClockSkew],
            Self::Exporter(_) => &[ExportsExceedPurchases, SalesExceedPurchases],
            Self::LicenceMonth(..) => &[ImplausibleProductivity],
        }
    }

    /// Whether this scope decides the flag with this key.
    pub fn contains(&self, key: &FlagKey) -> bool {
        if !self.kinds().contains(&key.kind) {
            return false;
        }
        match *self {
            Self::Production(id)
            | Self::Sale(id)
            | Self::Licence(id)
            | Self::DeviceClock(id)
            | Self::Exporter(id) => key.primary == id,
            Self::MinerDuplicates(id) => key.involves(id),
            Self::LicenceMonth(licence, period) => {
                key.primary == licence && key.secondary == Some(period)
            }
        }
    }
}

/// What to do with the flags of one scope after re-evaluating it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reconciliation {
    /// Found now, not live before: raise (or reopen a flag closed earlier under this key).
    pub raise: Vec<Finding>,
    /// Live before, not found now: close automatically, with the reason.
    pub close: Vec<(FlagKey, String)>,
    /// Live before and found now: leave open (or resolved); the finding carries the current
    /// evidence, which the store may use to refresh the flag's.
    pub keep: Vec<Finding>,
}

#[cfg(test)]
impl Reconciliation {
    pub fn changes_nothing(&self) -> bool {
        self.raise.is_empty() && self.close.is_empty()
    }
}

/// Compares the findings of one scope's evaluation with the keys of that scope's *live*
/// flags: open, or resolved by an officer (a resolution is a judgment on a present cause,
/// and re-evaluating must not undo it). Keys in `open` outside the scope are ignored, so a
/// caller may pass every flag that involves the record. The result is sorted by key.
///
/// Reconciling the same findings again against the result's live set changes nothing;
/// reconciling step by step over any sequence of facts leaves the same live set as the
/// last step alone.
pub fn reconcile(scope: Scope, open: &[FlagKey], now: &[Finding]) -> Reconciliation {
    let live: BTreeSet<FlagKey> = open.iter().filter(|k| scope.contains(k)).copied().collect();
    let mut found: BTreeMap<FlagKey, &Finding> = BTreeMap::new();
    for f in now {
        debug_assert!(scope.contains(&f.key), "{} is outside {scope:?}", f.key);
        found.entry(f.key).or_insert(f);
    }
    let mut r = Reconciliation::default();
    for (key, f) in &found {
        if live.contains(key) {
            r.keep.push((*f).clone());
        } else {
            r.raise.push((*f).clone());
        }
    }
    for key in live {
        if !found.contains_key(&key) {
            let reason = format!("cause no longer present: {}", key.kind.cleared_reason());
            r.close.push((key, reason));
        }
    }
    r
}

/// Closes every live flag of the scope of a record that was voided, with the void reason.
pub fn close_for_void(scope: Scope, open: &[FlagKey], void_reason: &str) -> Reconciliation {
    let live: BTreeSet<FlagKey> = open.iter().filter(|k| scope.contains(k)).copied().collect();
    Reconciliation {
        close: live
            .into_iter()
            .map(|k| (k, format!("record voided: {void_reason}")))
            .collect(),
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

/// Hundredths of a carat as text: 125 → "1.25".
pub(super) fn ct(hundredths: u64) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

pub(super) fn round(x: f64, places: i32) -> f64 {
    let m = 10f64.powi(places);
    (x * m).round() / m
}

fn merge_into(target: &mut serde_json::Value, extra: serde_json::Value) {
    if let (Some(t), serde_json::Value::Object(e)) = (target.as_object_mut(), extra) {
        t.extend(e);
    }
}

pub(super) fn mineral_name(m: Mineral) -> &'static str {
    match m {
        Mineral::Diamond => "diamond",
        Mineral::Gold => "gold",
    }
}

fn licence_kind_name(k: LicenceKind) -> &'static str {
    match k {
        LicenceKind::ArtisanalPermit => "artisanal_permit",
        LicenceKind::Claim => "claim",
        LicenceKind::Cooperative => "cooperative",
        LicenceKind::Buyer => "buyer",
        LicenceKind::Exporter => "exporter",
    }
}

fn human_duration(ms: u64) -> String {
    const HOUR: u64 = 3_600_000;
    const DAY: u64 = 24 * HOUR;
    if ms >= 365 * DAY {
        format!("{:.1} years", ms as f64 / (365.25 * DAY as f64))
    } else if ms >= 2 * DAY {
        format!("{} days", ms / DAY)
    } else {
        format!("{} hours", ms / HOUR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sync_protocol::records::Holder;
    use sync_protocol::values::{
        parse_day, AccuracyMetres, BirthYear, Carats, Diggers, GeoFix, GravelLitres, LicenceNumber,
        NationalId, PersonName, Point, Sex, StoneCount, Text, UsdCents,
    };

    // ----- builders ---------------------------------------------------------------------

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }
    fn day(s: &str) -> Day {
        parse_day(s).unwrap()
    }
    fn carats(h: u64) -> Carats {
        Carats::from_hundredths(h).unwrap()
    }
    fn weighed(hs: &[u64]) -> Stones {
        Stones::Weighed(hs.iter().map(|h| carats(*h)).collect())
    }
    fn counted(n: u32, total: u64) -> Stones {
        Stones::Counted {
            count: StoneCount::new(n).unwrap(),
            total: carats(total),
        }
    }

    const PRODUCTION: u128 = 100;
    const LICENCE: u128 = 200;
    const MINER: u128 = 300;
    const GHANA: u128 = 1;
    const COTE_DIVOIRE: u128 = 2;

    fn production(stones: Stones, diggers: u32) -> Production {
        Production {
            licence: id(LICENCE),
            miner: Some(id(MINER)),
            date: day("2026-03-10"),
            fix: GeoFix {
                point: Point::new(-2.05, 6.2).unwrap(),
                accuracy: AccuracyMetres::new(15).unwrap(),
            },
            diggers: Diggers::new(diggers).unwrap(),
            gravel: GravelLitres::new(2_000).unwrap(),
            stones,
            mineral: Mineral::Diamond,
        }
    }

    fn licence(kind: LicenceKind, issued: &str, expires: &str, status: LicenceStatus) -> Licence {
        Licence {
            number: LicenceNumber::parse("GH-AP-0042").unwrap(),
            kind,
            holder: Holder::Organisation(Text::parse("Akwatia Diggers").unwrap()),
            mineral: Mineral::Diamond,
            issued: day(issued),
            expires: day(expires),
            status,
            area: None,
        }
    }

    fn valid_licence() -> LicenceAtDate {
        LicenceAtDate {
            kind: LicenceKind::Claim,
            mineral: Mineral::Diamond,
            issued: day("2025-01-01"),
            expires: day("2027-12-31"),
            validity: Validity::Valid,
        }
    }

    /// A context in which nothing is wrong.
    fn clean() -> ProductionContext {
        ProductionContext {
            licence: Some(valid_licence()),
            miner_registered: Some(true),
            distance_outside_licence_m: None,
            fix_country: Some(id(GHANA)),
            licence_country: Some(id(GHANA)),
            thresholds: Thresholds::default(),
        }
    }

    fn kinds(findings: &[Finding]) -> Vec<FlagKind> {
        let mut k: Vec<_> = findings.iter().map(|f| f.kind).collect();
        k.sort();
        k
    }

    fn sorted(mut k: Vec<FlagKind>) -> Vec<FlagKind> {
        k.sort();
        k
    }

    // ----- licence validity -------------------------------------------------------------

    #[test]
    fn licence_validity_on_a_date() {
        use LicenceStatus as S;
        use Validity as V;
        let check = |status: S, changes: &[(&str, S)], date: &str, expected: V| {
            let l = licence(LicenceKind::Claim, "2025-01-01", "2025-12-31", status);
            let changes: Vec<_> = changes.iter().map(|(d, s)| (day(d), *s)).collect();
            assert_eq!(
                licence_valid_on(&l, &changes, day(date)),
                expected,
                "{status:?} {changes:?} on {date}"
            );
        };
        // Dates alone; both ends inclusive.
        check(S::Active, &[], "2024-12-31", V::NotYetIssued);
        check(S::Active, &[], "2025-01-01", V::Valid);
        check(S::Active, &[], "2025-12-31", V::Valid);
        check(S::Active, &[], "2026-01-01", V::Expired);
        // Only the current status known: it applies from `issued`.
        check(S::Suspended, &[], "2025-01-01", V::Suspended);
        check(S::Revoked, &[], "2025-06-01", V::Revoked);
        check(S::Revoked, &[], "2024-06-01", V::NotYetIssued);
        // The first recorded status applies from `issued`, even if recorded later.
        check(
            S::Active,
            &[("2025-05-01", S::Active)],
            "2025-02-01",
            V::Valid,
        );
        check(
            S::Suspended,
            &[("2025-05-01", S::Suspended)],
            "2025-02-01",
            V::Suspended,
        );
        // Later changes take effect from their day, inclusive.
        let history = [
            ("2025-01-01", S::Active),
            ("2025-04-01", S::Suspended),
            ("2025-06-01", S::Active),
            ("2025-09-01", S::Revoked),
        ];
        check(S::Revoked, &history, "2025-03-31", V::Valid);
        check(S::Revoked, &history, "2025-04-01", V::Suspended);
        check(S::Revoked, &history, "2025-05-31", V::Suspended);
        check(S::Revoked, &history, "2025-06-01", V::Valid);
        check(S::Revoked, &history, "2025-09-01", V::Revoked);
        // Revoked says more than expired.
        check(S::Revoked, &history, "2026-02-01", V::Revoked);
        check(S::Active, &history[..3], "2026-02-01", V::Expired);
        // The order of the slice does not matter across days...
        let shuffled = [history[2], history[0], history[3], history[1]];
        check(S::Revoked, &shuffled, "2025-05-01", V::Suspended);
        check(S::Revoked, &shuffled, "2025-07-01", V::Valid);
        // ...and within a day the later change wins.
        let same_day = [
            ("2025-01-01", S::Active),
            ("2025-04-01", S::Suspended),
            ("2025-04-01", S::Active),
        ];
        check(S::Active, &same_day, "2025-04-01", V::Valid);
        let same_day = [
            ("2025-01-01", S::Active),
            ("2025-04-01", S::Active),
            ("2025-04-01", S::Suspended),
        ];
        check(S::Active, &same_day, "2025-04-02", V::Suspended);
    }

    #[test]
    fn licence_at_date_carries_kind_and_validity() {
        let l = licence(
            LicenceKind::Buyer,
            "2025-01-01",
            "2025-12-31",
            LicenceStatus::Active,
        );
        let at = LicenceAtDate::on(&l, &[], day("2026-02-01"));
        assert_eq!(at.kind, LicenceKind::Buyer);
        assert_eq!(at.validity, Validity::Expired);
        assert_eq!(at.expires, day("2025-12-31"));
    }

    // ----- production -------------------------------------------------------------------

    #[test]
    fn production_flags_by_context() {
        use FlagKind::*;
        let check = |change: &dyn Fn(&mut ProductionContext), expected: &[FlagKind]| {
            let mut ctx = clean();
            change(&mut ctx);
            let p = production(weighed(&[12, 30]), 4);
            let found = production_flags(id(PRODUCTION), &p, &ctx);
            assert_eq!(kinds(&found), sorted(expected.to_vec()), "{ctx:?}");
        };
        check(&|_| {}, &[]);
        check(&|c| c.licence = None, &[LicenceNotValid]);
        for v in [
            Validity::NotYetIssued,
            Validity::Expired,
            Validity::Suspended,
            Validity::Revoked,
        ] {
            check(
                &|c| c.licence.as_mut().unwrap().validity = v,
                &[LicenceNotValid],
            );
        }
        check(
            &|c| c.distance_outside_licence_m = Some(420.0),
            &[OutsideLicenceArea],
        );
        check(
            &|c| c.distance_outside_licence_m = Some(0.4),
            &[OutsideLicenceArea],
        );
        check(&|c| c.distance_outside_licence_m = Some(0.0), &[]);
        check(&|c| c.distance_outside_licence_m = Some(f64::NAN), &[]);
        // A Ghana licence whose fix lies in Côte d'Ivoire, or in no known country.
        check(
            &|c| c.fix_country = Some(id(COTE_DIVOIRE)),
            &[OutsideCountry],
        );
        check(&|c| c.fix_country = None, &[OutsideCountry]);
        // The licence's country unknown: not checked.
        check(
            &|c| {
                c.licence_country = None;
                c.fix_country = None;
            },
            &[],
        );
        check(&|c| c.miner_registered = Some(false), &[UnregisteredMiner]);
        check(&|c| c.miner_registered = None, &[]);
        // Everything at once.
        check(
            &|c| {
                c.licence.as_mut().unwrap().validity = Validity::Revoked;
                c.distance_outside_licence_m = Some(3_000.0);
                c.fix_country = Some(id(COTE_DIVOIRE));
                c.miner_registered = Some(false);
            },
            &[
                LicenceNotValid,
                OutsideLicenceArea,
                OutsideCountry,
                UnregisteredMiner,
            ],
        );
    }

    #[test]
    fn a_production_naming_no_miner_is_not_an_unregistered_miner() {
        let mut p = production(weighed(&[50]), 2);
        p.miner = None;
        let ctx = ProductionContext {
            miner_registered: None,
            ..clean()
        };
        assert!(production_flags(id(PRODUCTION), &p, &ctx).is_empty());
    }

    #[test]
    fn production_evidence_has_the_numbers() {
        let mut ctx = clean();
        ctx.distance_outside_licence_m = Some(420.04);
        ctx.fix_country = Some(id(COTE_DIVOIRE));
        ctx.licence.as_mut().unwrap().validity = Validity::Expired;
        let p = production(weighed(&[12]), 1);
        let found = production_flags(id(PRODUCTION), &p, &ctx);
        let get = |k: FlagKind| found.iter().find(|f| f.kind == k).unwrap();

        let area = get(FlagKind::OutsideLicenceArea);
        assert_eq!(area.evidence["distance_m"], 420.0);
        assert_eq!(area.evidence["accuracy_m"], 15);
        assert_eq!(
            area.key,
            FlagKey::about(area.kind, id(PRODUCTION), id(LICENCE))
        );
        assert_eq!(area.records, vec![id(PRODUCTION), id(LICENCE)]);
        assert!(area.summary.contains("420 m outside"), "{}", area.summary);

        let country = get(FlagKind::OutsideCountry);
        assert_eq!(country.evidence["licence_country"], json!(id(GHANA)));
        assert_eq!(country.evidence["fix_country"], json!(id(COTE_DIVOIRE)));
        assert_eq!(country.severity, crate::flags::Severity::High);

        let valid = get(FlagKind::LicenceNotValid);
        assert_eq!(valid.evidence["validity"], "expired");
        assert_eq!(valid.evidence["date"], "2026-03-10");
        assert_eq!(valid.evidence["expires"], "2027-12-31");
        assert!(
            valid.summary.contains("expired that day"),
            "{}",
            valid.summary
        );
    }

    #[test]
    fn stone_weights_in_and_out_of_range() {
        let check = |mineral: Mineral, stones: Stones, expected: bool| {
            let mut p = production(stones, 10);
            p.mineral = mineral;
            let ctx = clean();
            let found = production_flags(id(PRODUCTION), &p, &ctx);
            let flagged = found
                .iter()
                .any(|f| f.kind == FlagKind::ImpossibleStoneWeight);
            assert_eq!(flagged, expected, "{mineral:?} {:?}", p.stones);
        };
        use Mineral::*;
        check(Diamond, weighed(&[]), false);
        check(Diamond, weighed(&[1, 50, 70_900]), false); // the Peace of Sierra Leone
        check(Diamond, weighed(&[96_890]), false); // the Star of Sierra Leone
        check(Diamond, weighed(&[100_000]), false); // 1000.00 ct: inclusive
        check(Diamond, weighed(&[100_001]), true);
        check(Diamond, weighed(&[25, 0]), true); // a stone of 0.00 ct
        check(Diamond, counted(0, 0), false); // a blank day
        check(Diamond, counted(0, 120), true); // carats without stones
        check(Diamond, counted(3, 2), true); // below 0.01 ct each
        check(Diamond, counted(3, 3), false);
        check(Diamond, counted(2, 200_000), false); // could be two 1000-ct stones
        check(Diamond, counted(2, 200_001), true);
        check(Gold, weighed(&[35, 4_000]), false);
        check(Gold, weighed(&[500_000]), false); // 1 kg
        check(Gold, weighed(&[500_001]), true);
        check(Gold, weighed(&[0]), true);
        check(Gold, counted(0, 2_500), false); // gold dust has no count
        check(Gold, counted(1, 600_000), true);
    }

    #[test]
    fn stone_weight_evidence_lists_the_offenders() {
        let p = production(weighed(&[25, 0, 250_000, 40]), 3);
        let found = production_flags(id(PRODUCTION), &p, &clean());
        let f = found
            .iter()
            .find(|f| f.kind == FlagKind::ImpossibleStoneWeight)
            .unwrap();
        assert_eq!(f.evidence["out_of_range"], json!(["0.00", "2500.00"]));
        assert_eq!(f.evidence["out_of_range_count"], 2);
        assert_eq!(f.evidence["max_ct"], "1000.00");
        assert_eq!(
            f.key,
            FlagKey::single(FlagKind::ImpossibleStoneWeight, id(PRODUCTION))
        );
    }

    // ----- sale -------------------------------------------------------------------------

    #[test]
    fn sale_flags_by_context() {
        use FlagKind::*;
        let sale = |seller: Seller| Sale {
            seller,
            buyer: id(LICENCE),
            date: day("2026-03-12"),
            carats: carats(150),
            stones: StoneCount::new(2).unwrap(),
            value: UsdCents::from_cents(45_000).unwrap(),
            mineral: Mineral::Diamond,
        };
        let buyer = |kind: LicenceKind, mineral: Mineral, validity: Validity| {
            Some(LicenceAtDate {
                kind,
                mineral,
                validity,
                ..valid_licence()
            })
        };
        let check = |seller: Seller, ctx: SaleContext, expected: &[FlagKind], reason: &str| {
            let found = sale_flags(id(PRODUCTION), &sale(seller), &ctx);
            assert_eq!(kinds(&found), sorted(expected.to_vec()), "{ctx:?}");
            if let Some(f) = found.iter().find(|f| f.kind == UnlicensedBuyer) {
                assert_eq!(f.evidence["reason"], reason, "{ctx:?}");
            }
        };
        let miner = Seller::Miner(id(MINER));
        let ok = buyer(LicenceKind::Buyer, Mineral::Diamond, Validity::Valid);
        let ctx = |seller_registered, buyer| SaleContext {
            seller_registered,
            buyer,
        };
        check(miner.clone(), ctx(Some(true), ok), &[], "");
        check(
            miner.clone(),
            ctx(
                Some(true),
                buyer(LicenceKind::Exporter, Mineral::Diamond, Validity::Valid),
            ),
            &[],
            "",
        );
        check(
            miner.clone(),
            ctx(Some(false), ok),
            &[UnregisteredMiner],
            "",
        );
        check(Seller::Licence(id(7)), ctx(None, ok), &[], "");
        check(
            miner.clone(),
            ctx(Some(true), None),
            &[UnlicensedBuyer],
            "unknown_licence",
        );
        check(
            miner.clone(),
            ctx(
                Some(true),
                buyer(LicenceKind::Claim, Mineral::Diamond, Validity::Valid),
            ),
            &[UnlicensedBuyer],
            "not_a_buyer_licence",
        );
        check(
            miner.clone(),
            ctx(
                Some(true),
                buyer(LicenceKind::Buyer, Mineral::Gold, Validity::Valid),
            ),
            &[UnlicensedBuyer],
            "other_mineral",
        );
        for (v, reason) in [
            (Validity::Expired, "expired"),
            (Validity::Suspended, "suspended"),
            (Validity::Revoked, "revoked"),
            (Validity::NotYetIssued, "not_yet_issued"),
        ] {
            check(
                miner.clone(),
                ctx(Some(true), buyer(LicenceKind::Buyer, Mineral::Diamond, v)),
                &[UnlicensedBuyer],
                reason,
            );
        }
        check(
            miner,
            ctx(Some(false), None),
            &[UnregisteredMiner, UnlicensedBuyer],
            "unknown_licence",
        );
    }

    // ----- licence ----------------------------------------------------------------------

    #[test]
    fn licence_area_flags() {
        let ring = sync_protocol::values::Ring::new(
            [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
                .iter()
                .map(|(x, y)| Point::new(*x, *y).unwrap())
                .collect(),
        )
        .unwrap();
        let area = sync_protocol::values::Polygon {
            exterior: ring,
            holes: vec![],
        };
        let check = |kind: LicenceKind, has_area: bool, problem: Option<&str>, expected: bool| {
            let mut l = licence(kind, "2025-01-01", "2027-01-01", LicenceStatus::Active);
            l.area = has_area.then(|| area.clone());
            let found = licence_flags(id(LICENCE), &l, problem);
            assert_eq!(
                !found.is_empty(),
                expected,
                "{kind:?} {has_area} {problem:?}"
            );
        };
        check(LicenceKind::Claim, true, None, false);
        check(LicenceKind::Claim, false, None, true);
        check(
            LicenceKind::ArtisanalPermit,
            true,
            Some("self-intersecting"),
            true,
        );
        check(LicenceKind::Cooperative, false, None, true);
        check(LicenceKind::Buyer, false, None, false);
        check(
            LicenceKind::Exporter,
            true,
            Some("self-intersecting"),
            false,
        );
    }

    // ----- miners registered twice ------------------------------------------------------

    fn miner(name: &str, year: u16, national_id: Option<&str>) -> Miner {
        Miner {
            names: PersonName::parse(name).unwrap(),
            sex: Sex::Male,
            birth_year: BirthYear::new(year).unwrap(),
            home_region: id(900),
            registered_on: day("2026-01-05"),
            registered_by: Text::parse("agent 7").unwrap(),
            national_id: national_id.map(|n| NationalId::parse(n).unwrap()),
            phone: None,
            cooperative: None,
            registered_at: None,
        }
    }

    #[test]
    fn duplicate_miners() {
        use FlagKind::*;
        const KONO: u128 = 50;
        const BO: u128 = 51;
        type Spec<'a> = (&'a str, u16, Option<&'a str>, Option<u128>);
        let check = |a: Spec, b: Spec, expected: &[FlagKind]| {
            let (ma, mb) = (miner(a.0, a.1, a.2), miner(b.0, b.1, b.2));
            let (da, db) = (a.3.map(id), b.3.map(id));
            // Evaluated from either side: the same findings.
            let from_a = miner_duplicate_flags(id(1), &ma, da, &[(id(2), &mb, db)]);
            let from_b = miner_duplicate_flags(id(2), &mb, db, &[(id(1), &ma, da)]);
            assert_eq!(kinds(&from_a), sorted(expected.to_vec()), "{a:?} {b:?}");
            assert_eq!(from_a, from_b, "{a:?} {b:?}");
        };
        let none = None;
        check(
            ("Kofi Mensah", 1990, none, Some(KONO)),
            ("Ama Owusu", 1990, none, Some(KONO)),
            &[],
        );
        check(
            ("  Kôfí   MENSAH ", 1990, none, Some(KONO)),
            ("Kofi Mensah", 1990, none, Some(KONO)),
            &[DuplicateNameAndBirthYear],
        );
        check(
            ("N'Golo Kanté", 1991, none, Some(KONO)),
            ("N Golo Kante", 1991, none, Some(KONO)),
            &[DuplicateNameAndBirthYear],
        );
        // Another birth year or another district: namesakes.
        check(
            ("Kofi Mensah", 1990, none, Some(KONO)),
            ("Kofi Mensah", 1991, none, Some(KONO)),
            &[],
        );
        check(
            ("Kofi Mensah", 1990, none, Some(KONO)),
            ("Kofi Mensah", 1990, none, Some(BO)),
            &[],
        );
        check(
            ("Kofi Mensah", 1990, none, None),
            ("Kofi Mensah", 1990, none, None),
            &[],
        );
        // The same national id anywhere, whatever the names.
        check(
            ("Sahr Fomba", 1985, Some("SL-2019-00417"), Some(KONO)),
            ("Tamba Kpaka", 1970, Some("sl 2019 00417"), Some(BO)),
            &[DuplicateNationalId],
        );
        check(
            ("Sahr Fomba", 1985, Some("SL-2019-00417"), Some(KONO)),
            ("Sahr Fomba", 1985, Some("SL-2019-00418"), Some(BO)),
            &[],
        );
        check(
            ("Sahr Fomba", 1985, Some("SL-2019-00417"), Some(KONO)),
            ("Sahr Fomba", 1985, none, Some(BO)),
            &[],
        );
        // Both causes at once: two flags, one per kind.
        check(
            ("Ɔsei Kwabɛna", 1979, Some("GHA-123456789-0"), Some(KONO)),
            ("Osei Kwabena", 1979, Some("GHA1234567890"), Some(KONO)),
            &[DuplicateNationalId, DuplicateNameAndBirthYear],
        );
    }

    #[test]
    fn a_duplicate_pair_is_one_flag_and_self_is_skipped() {
        let a = miner("Isatu Sesay", 1988, Some("X1"));
        let b = miner("Isatu  Sesay", 1988, Some("X1"));
        let d = Some(id(50));
        let found = miner_duplicate_flags(id(9), &a, d, &[(id(9), &a, d), (id(3), &b, d)]);
        assert_eq!(found.len(), 2);
        for f in &found {
            assert_eq!(f.key.primary, id(3));
            assert_eq!(f.key.secondary, Some(id(9)));
            assert_eq!(f.records, vec![id(3), id(9)]);
        }
    }

    // ----- devices ----------------------------------------------------------------------

    #[test]
    fn clock_skew() {
        const H: u64 = 3_600_000;
        let now: u64 = 1_780_000_000_000;
        let check = |sealed_ms: u64, expected: Option<&str>| {
            let f = clock_skew_flag(
                id(7),
                12,
                Hlc::new(sealed_ms, 3),
                Hlc::new(now, 0),
                &Thresholds::default(),
            );
            assert_eq!(
                f.as_ref()
                    .map(|f| f.evidence["direction"].as_str().unwrap()),
                expected,
                "sealed {sealed_ms}"
            );
            if let Some(f) = f {
                assert_eq!(f.key, FlagKey::single(FlagKind::DeviceClockSkew, id(7)));
                assert_eq!(f.evidence["seq"], 12);
            }
        };
        check(now, None);
        check(now + 24 * H, None);
        check(now + 24 * H + 1, Some("ahead"));
        check(now + 3 * 365 * 24 * H, Some("ahead"));
        check(now - 5 * 24 * H, None); // sealed, then offline for days
        check(now - 30 * 24 * H, None);
        check(now - 30 * 24 * H - 1, Some("behind"));
        check(0, Some("behind")); // a clock reset to 1970
    }

    #[test]
    fn a_fork_is_one_flag_per_device() {
        let a = Digest([1; 32]);
        let b = Digest([2; 32]);
        let f1 = batch_fork_flag(id(7), 4, &a, &b);
        let f2 = batch_fork_flag(id(7), 9, &a, &b);
        assert_eq!(f1.key, f2.key);
        assert_eq!(f1.severity, crate::flags::Severity::High);
        assert_eq!(f1.evidence["refused_digest"], b.to_hex());
        // No scope decides forks, so no re-evaluation closes them.
        for scope in [
            Scope::Production(id(7)),
            Scope::Sale(id(7)),
            Scope::Licence(id(7)),
            Scope::MinerDuplicates(id(7)),
            Scope::DeviceClock(id(7)),
        ] {
            assert!(!scope.contains(&f1.key), "{scope:?}");
        }
    }

    // ----- reconciliation ---------------------------------------------------------------

    fn keys(findings: &[Finding]) -> Vec<FlagKey> {
        findings.iter().map(|f| f.key).collect()
    }

    #[test]
    fn reconcile_raises_keeps_and_closes() {
        let scope = Scope::Production(id(PRODUCTION));
        let p = production(weighed(&[20]), 2);
        let before = production_flags(
            id(PRODUCTION),
            &p,
            &ProductionContext {
                licence: None,
                miner_registered: Some(false),
                ..clean()
            },
        );
        let now = production_flags(
            id(PRODUCTION),
            &p,
            &ProductionContext {
                miner_registered: Some(false),
                distance_outside_licence_m: Some(80.0),
                ..clean()
            },
        );
        let r = reconcile(scope, &keys(&before), &now);
        assert_eq!(kinds(&r.raise), vec![FlagKind::OutsideLicenceArea]);
        assert_eq!(kinds(&r.keep), vec![FlagKind::UnregisteredMiner]);
        assert_eq!(r.close.len(), 1);
        let (key, reason) = &r.close[0];
        assert_eq!(key.kind, FlagKind::LicenceNotValid);
        assert!(
            reason.starts_with("cause no longer present: the licence is known and valid"),
            "{reason}"
        );
    }

    #[test]
    fn close_reasons_name_the_cause() {
        let check = |kind: FlagKind, expected: &str| {
            let key = FlagKey::single(kind, id(1));
            let scope = match kind {
                FlagKind::UnlicensedBuyer => Scope::Sale(id(1)),
                FlagKind::InvalidLicenceArea => Scope::Licence(id(1)),
                FlagKind::DuplicateNationalId | FlagKind::DuplicateNameAndBirthYear => {
                    Scope::MinerDuplicates(id(1))
                }
                FlagKind::DeviceClockSkew => Scope::DeviceClock(id(1)),
                _ => Scope::Production(id(1)),
            };
            let r = reconcile(scope, &[key], &[]);
            assert_eq!(
                r.close,
                vec![(key, format!("cause no longer present: {expected}"))]
            );
        };
        check(
            FlagKind::OutsideLicenceArea,
            "the fix lies within the licence's area allowing for its accuracy, or the \
             production no longer names that licence",
        );
        check(
            FlagKind::ImpossibleStoneWeight,
            "every stone weight is within range",
        );
        check(
            FlagKind::DuplicateNationalId,
            "the two miners no longer share a national id",
        );
        check(
            FlagKind::DeviceClockSkew,
            "the device's latest batch was sealed with a clock close to the server's",
        );
        check(
            FlagKind::InvalidLicenceArea,
            "the licence's area is present and valid",
        );
    }

    #[test]
    fn reconcile_ignores_flags_outside_its_scope() {
        let prod_flag = FlagKey::about(FlagKind::UnregisteredMiner, id(100), id(5));
        let sale_flag = FlagKey::about(FlagKind::UnregisteredMiner, id(101), id(5));
        let dup = FlagKey::pair(FlagKind::DuplicateNationalId, id(5), id(6));
        let fork = FlagKey::single(FlagKind::BatchFork, id(5));
        // Every flag involving miner 5, passed to the miner's duplicate scope.
        let r = reconcile(
            Scope::MinerDuplicates(id(5)),
            &[prod_flag, sale_flag, dup, fork],
            &[],
        );
        assert_eq!(
            r.close.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            vec![dup]
        );
        assert!(r.raise.is_empty() && r.keep.is_empty());
        // The same flag seen from the other miner of the pair.
        assert_eq!(
            reconcile(Scope::MinerDuplicates(id(6)), &[dup], &[])
                .close
                .len(),
            1
        );
        assert!(reconcile(Scope::MinerDuplicates(id(7)), &[dup], &[])
            .close
            .is_empty());
        // Production and sale flags of one kind are told apart by the record's id.
        let r = reconcile(Scope::Sale(id(101)), &[prod_flag, sale_flag], &[]);
        assert_eq!(
            r.close.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            vec![sale_flag]
        );
    }

    #[test]
    fn a_void_closes_every_flag_of_the_scope_with_its_reason() {
        let keys = [
            FlagKey::about(FlagKind::LicenceNotValid, id(100), id(200)),
            FlagKey::single(FlagKind::ImpossibleStoneWeight, id(100)),
            FlagKey::single(FlagKind::ImpossibleStoneWeight, id(101)),
        ];
        let r = close_for_void(Scope::Production(id(100)), &keys, "entered twice");
        assert_eq!(r.close.len(), 2);
        assert!(r
            .close
            .iter()
            .all(|(_, why)| why == "record voided: entered twice"));
        assert!(r.raise.is_empty() && r.keep.is_empty());
    }

    /// The scenario the rule exists for: a production synced before its licence, the licence
    /// arriving expired, then corrected.
    #[test]
    fn a_production_before_its_licence_is_checked_when_the_licence_arrives() {
        let scope = Scope::Production(id(PRODUCTION));
        let p = production(weighed(&[40]), 3);
        let mut live: BTreeSet<FlagKey> = BTreeSet::new();
        let mut step = |licence: Option<&Licence>| {
            let ctx = ProductionContext {
                licence: licence.map(|l| LicenceAtDate::on(l, &[], p.date)),
                ..clean()
            };
            let now = production_flags(id(PRODUCTION), &p, &ctx);
            let open: Vec<_> = live.iter().copied().collect();
            let r = reconcile(scope, &open, &now);
            for (k, _) in &r.close {
                live.remove(k);
            }
            live.extend(r.raise.iter().map(|f| f.key));
            r
        };
        // 1. The production alone: its licence is unknown.
        let r = step(None);
        assert_eq!(kinds(&r.raise), vec![FlagKind::LicenceNotValid]);
        assert_eq!(r.raise[0].evidence["validity"], "unknown_licence");
        // 2. The licence arrives, expired before the production date: same cause, kept,
        //    with fresh evidence.
        let mut l = licence(
            LicenceKind::Claim,
            "2024-01-01",
            "2025-12-31",
            LicenceStatus::Active,
        );
        let r = step(Some(&l));
        assert!(r.changes_nothing());
        assert_eq!(r.keep[0].evidence["validity"], "expired");
        // 3. The expiry date was a typing error; corrected, the flag closes with the reason.
        l.expires = day("2026-12-31");
        let r = step(Some(&l));
        assert_eq!(r.close.len(), 1);
        assert!(r.close[0].1.starts_with("cause no longer present:"));
        assert!(live.is_empty());
    }

    // ----- properties -------------------------------------------------------------------

    /// A store of flags reduced to its live keys.
    fn apply(live: &mut BTreeSet<FlagKey>, r: &Reconciliation) {
        for (k, _) in &r.close {
            live.remove(k);
        }
        live.extend(r.raise.iter().map(|f| f.key));
    }

    fn validity_strategy() -> impl Strategy<Value = Option<Validity>> {
        prop_oneof![
            Just(None),
            Just(Some(Validity::Valid)),
            Just(Some(Validity::NotYetIssued)),
            Just(Some(Validity::Expired)),
            Just(Some(Validity::Suspended)),
            Just(Some(Validity::Revoked)),
        ]
    }

    /// One state of a production and of the facts around it.
    fn production_state() -> impl Strategy<Value = (Production, ProductionContext)> {
        (
            (0u128..2, prop::option::of(0u128..2), 1u32..20),
            prop::collection::vec(0u64..150_000, 0..4),
            (validity_strategy(), prop::option::of(any::<bool>())),
            prop::option::of(0.0f64..5_000.0),
            (prop::option::of(0u128..3), prop::option::of(0u128..3)),
        )
            .prop_map(
                |((lic, miner, diggers), weights, (validity, registered), dist, countries)| {
                    let mut p = production(weighed(&weights), diggers);
                    p.licence = id(LICENCE + lic);
                    p.miner = miner.map(|m| id(MINER + m));
                    let ctx = ProductionContext {
                        licence: validity.map(|v| LicenceAtDate {
                            validity: v,
                            ..valid_licence()
                        }),
                        miner_registered: p.miner.map(|_| registered.unwrap_or(true)),
                        distance_outside_licence_m: dist,
                        fix_country: countries.0.map(id),
                        licence_country: countries.1.map(id),
                        thresholds: Thresholds::default(),
                    };
                    (p, ctx)
                },
            )
    }

    fn miner_spec() -> impl Strategy<Value = (usize, usize, Option<usize>, Option<u128>)> {
        (
            0usize..4,
            0usize..2,
            prop::option::of(0usize..3),
            prop::option::of(50u128..52),
        )
    }

    fn spec_miner(spec: (usize, usize, Option<usize>, Option<u128>)) -> (Miner, Option<Uuid>) {
        const NAMES: [&str; 4] = ["Kofi Mensah", "  KÔFI mensah", "N'Golo Kanté", "Ama Owusu"];
        const IDS: [&str; 3] = ["GHA-1", "gha 1", "GHA-2"];
        let (name, year, nid, district) = spec;
        (
            miner(NAMES[name], 1980 + year as u16, nid.map(|n| IDS[n])),
            district.map(id),
        )
    }

    fn duplicates_of_all(present: &BTreeMap<u128, (Miner, Option<Uuid>)>) -> BTreeSet<FlagKey> {
        let all: Vec<(Uuid, &Miner, Option<Uuid>)> =
            present.iter().map(|(n, (m, d))| (id(*n), m, *d)).collect();
        all.iter()
            .flat_map(|(i, m, d)| miner_duplicate_flags(*i, m, *d, &all))
            .map(|f| f.key)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Reconciling after each change of a production or its facts ends with the live set
        /// of evaluating the final state alone, and reconciling that state again changes
        /// nothing.
        #[test]
        fn production_flags_do_not_depend_on_the_order_of_changes(
            states in prop::collection::vec(production_state(), 1..8)
        ) {
            let scope = Scope::Production(id(PRODUCTION));
            let mut live = BTreeSet::new();
            for (p, ctx) in &states {
                let now = production_flags(id(PRODUCTION), p, ctx);
                let open: Vec<_> = live.iter().copied().collect();
                apply(&mut live, &reconcile(scope, &open, &now));
            }
            let (p, ctx) = states.last().unwrap();
            let last = production_flags(id(PRODUCTION), p, ctx);
            let expected: BTreeSet<FlagKey> = last.iter().map(|f| f.key).collect();
            prop_assert_eq!(&live, &expected);

            let open: Vec<_> = live.iter().copied().collect();
            let again = reconcile(scope, &open, &last);
            prop_assert!(again.changes_nothing());
            prop_assert_eq!(again.keep.len(), last.len());
        }

        /// Miners arriving and being edited in any order, each write re-evaluating the
        /// written miner's duplicate scope, end with the duplicate flags of all final
        /// miners evaluated at once; one flag per pair and kind.
        #[test]
        fn duplicate_flags_do_not_depend_on_arrival_order(
            writes in prop::collection::vec((0u128..5, miner_spec()), 1..14)
        ) {
            let mut present: BTreeMap<u128, (Miner, Option<Uuid>)> = BTreeMap::new();
            let mut live = BTreeSet::new();
            for (n, spec) in &writes {
                present.insert(*n, spec_miner(*spec));
                let (m, d) = &present[n];
                let others: Vec<(Uuid, &Miner, Option<Uuid>)> =
                    present.iter().map(|(k, (m, d))| (id(*k), m, *d)).collect();
                let now = miner_duplicate_flags(id(*n), m, *d, &others);
                let open: Vec<_> = live.iter().copied().collect();
                apply(&mut live, &reconcile(Scope::MinerDuplicates(id(*n)), &open, &now));
            }
            prop_assert_eq!(&live, &duplicates_of_all(&present));
            for key in &live {
                prop_assert!(key.secondary.is_some_and(|s| key.primary < s));
            }
            // Re-evaluating every miner changes nothing.
            for (n, (m, d)) in &present {
                let others: Vec<(Uuid, &Miner, Option<Uuid>)> =
                    present.iter().map(|(k, (m, d))| (id(*k), m, *d)).collect();
                let now = miner_duplicate_flags(id(*n), m, *d, &others);
                let open: Vec<_> = live.iter().copied().collect();
                prop_assert!(reconcile(Scope::MinerDuplicates(id(*n)), &open, &now).changes_nothing());
            }
        }

        /// The clock flag follows the device's latest batch only.
        #[test]
        fn the_clock_flag_follows_the_latest_batch(
            skews in prop::collection::vec(-40i64..40, 1..10)
        ) {
            const DAY: i64 = 24 * 3_600_000;
            let now: i64 = 1_780_000_000_000;
            let t = Thresholds::default();
            let mut live = BTreeSet::new();
            let mut last = None;
            for (seq, s) in skews.iter().enumerate() {
                let sealed = Hlc::new((now + s * DAY) as u64, 0);
                let f = clock_skew_flag(id(7), seq as u64, sealed, Hlc::new(now as u64, 0), &t);
                let open: Vec<_> = live.iter().copied().collect();
                apply(&mut live, &reconcile(Scope::DeviceClock(id(7)), &open, f.as_slice()));
                last = f;
            }
            let expected: BTreeSet<FlagKey> = last.iter().map(|f| f.key).collect();
            prop_assert_eq!(live, expected);
        }
    }
}
