//! Export monitoring, as Ghana's Precious Minerals Marketing Company set it up in 2007
//! (pure): does each exporter ship what it bought, at a plausible price, stones that look
//! like the production of the places it bought from?
//!
//! # Per exporter (or dealer) and quarter
//!
//! The stock balance is every licensed trader's: an exporter's here, and a dealer's (a
//! buyer's licence) in the dealers' report, by the same function ([`balance`]).
//!
//! - **Exported**: carats, US$ and certificates of its exports dated in the quarter.
//! - **Bought**: carats and US$ of the sales recorded to its licence in the quarter, from a
//!   *registered* miner or a *licensed buyer* (verified purchases). Sales from a seller the
//!   registry does not know are shown apart (`unverified_carats`) and buy nothing.
//! - **Sold**: carats and US$ of the sales recorded with its licence as the seller (a
//!   dealer's sales to exporters and other dealers): they leave its stock as exports do.
//! - **Stock**: a running balance from the declared opening stock (or zero from the first
//!   record): `stock_at_start` of a quarter is the stock at the end of the one before,
//!   `available = stock_at_start + bought`, and the stock at the end is `available −
//!   exported − sold`, never below zero (an excess is reported once, in its quarter, not
//!   carried over as a debt that would hide later ones). Records dated before the opening
//!   stock's date are left out of the balance: the declaration accounts for them.
//! - **Ratio** `(exported + sold) / available`; a trader **exceeds** its purchases when
//!   `exported + sold > available × (1 + excess)` ([`Thresholds::excess`], 10 % by
//!   default: cleaning and reweighing lose weight, they do not add it, so the margin is
//!   generous).
//! - **Price**: what its exports were declared at against what the same goods fetched
//!   *from other exporters*: for each export, the **median** US$ per carat (each export's
//!   value over its carats) of the other exporters' exports of the same country and HS code
//!   over a trailing year (the export's quarter and the three before it), of the same size
//!   class (the class of the parcel's mean stone) where there are any, else of every size
//!   class. At least [`MIN_PEER_EXPORTS`] exports by others are needed: one other export
//!   is an anecdote, and with two exporters each would be judged by the other alone. Gem and
//!   industrial goods, or two countries' fields, are not compared with each other; an
//!   exporter is never compared with itself, so an exporter alone in its goods has no price
//!   check rather than a check against its own price. `median_usd_per_carat`
//!   of a row is the carat-weighted mean of its exports' references and `price_ratio` its
//!   declared value over the value at those references. Below [`Thresholds::price_low`] (0.7) suggests
//!   undervaluation (lost royalty, transfer pricing); above [`Thresholds::price_high`] (1.5)
//!   suggests goods of another origin, or money passed through diamonds.
//!
//! - **Valuation**: where the government valuator valued an export's parcel (recorded at the
//!   ministry with the duty paid on it), its declared value against that valuation:
//!   `valuation_ratio` of a quarter is the declared value of its valued exports over their
//!   valuations. A valuation is of this very parcel, by someone who saw the stones, so the
//!   margin is narrow ([`Thresholds::valuation_gap`], 10 % either way) and it is the check
//!   that still applies where an exporter is alone in its goods and has no peer price.
//!   Declared below suggests undervaluation to pay less duty; above, value passed through.
//!
//! # Footprint of the parcels
//!
//! The stones of an exporter's parcels over the period are compared (two-sample
//! Kolmogorov–Smirnov, or chi-square when parcels were declared by size class:
//! [`super::footprint::Statistic::suggested`]) with the production footprint of the regions
//! its verified purchases are filed in, over the period and the six months before it
//! (stones are dug before they are sold and exported). The caller reads that production
//! footprint from the rollup cells.
//!
//! # Risk ranking
//!
//! Each exporter gets the reasons above that apply, each with a weight
//! ([`ReasonKind::weight`]) and a link to its evidence: the exporter's detail
//! (`/v1/reports/exports/{exporter}`), which lists the exports and purchases of the quarter.
//! The ranking orders by total weight, then by the worst ratio, then by licence id.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use uuid::Uuid;

use super::footprint::{compare, Comparison, Footprint, Statistic, Verdict};
use super::national::Period;
use super::rollup::month_of;

/// The JSON schema version of the report.
pub const VERSION: u32 = 2;

/// Thresholds of the rules; the defaults are documented in the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// Exports may exceed what was available by this share before it is a reason.
    pub excess: f64,
    /// US$/ct below this share of the quarter's median is a reason.
    pub price_low: f64,
    /// US$/ct above this multiple of the quarter's median is a reason.
    pub price_high: f64,
    /// Months of production before the period that make the sources' footprint.
    pub footprint_lead_months: i32,
    /// A declared value off the valuator's by more than this share is a reason.
    pub valuation_gap: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            excess: 0.10,
            price_low: 0.7,
            price_high: 1.5,
            footprint_lead_months: 6,
            valuation_gap: 0.10,
        }
    }
}

/// One export, as the monitoring needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportFact {
    pub id: Uuid,
    pub exporter: Uuid,
    /// The country the export leaves from (its exporter's), for the price median.
    pub country: Option<Uuid>,
    /// The HS code, for the price median.
    pub hs_code: &'static str,
    /// See [`super::rollup::month_of`].
    pub month: i32,
    pub carats_hundredths: u64,
    pub cents: u64,
    pub parcel: Footprint,
    /// The government valuator's value of the parcel, where recorded.
    pub valuation_cents: Option<u64>,
    /// The duty paid on it, where recorded.
    pub duty_cents: Option<u64>,
    /// The carats of the purchases it cites (those still to its exporter), where it cites
    /// any.
    pub cited_carats_hundredths: Option<u64>,
}

/// One sale to an exporter.
#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseFact {
    pub id: Uuid,
    pub exporter: Uuid,
    pub month: i32,
    pub carats_hundredths: u64,
    pub cents: u64,
    /// From a registered miner or a licensed buyer.
    pub verified: bool,
    /// The region the sale is filed in.
    pub region: Uuid,
}

/// What a trader (a dealer or an exporter) sold to another licence holder in a month: it
/// leaves the trader's stock as an export does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoldFact {
    pub seller: Uuid,
    pub month: i32,
    pub carats_hundredths: u64,
    pub cents: u64,
}

/// An exporter's declared stock on hand, as kept.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OpeningStockRecord {
    /// The exporter's licence.
    pub exporter: Uuid,
    pub as_of: sync_protocol::values::Day,
    pub carats: sync_protocol::values::Carats,
    pub declared_at: sync_protocol::clock::Hlc,
    pub declared_by: String,
}

/// The government valuator's value of an export's parcel and the duty paid on it, as kept
/// (a later valuation of the same export replaces it).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ValuationRecord {
    pub export: Uuid,
    pub valuation: sync_protocol::values::UsdCents,
    pub duty: sync_protocol::values::UsdCents,
    pub valued_at: sync_protocol::clock::Hlc,
    pub valued_by: String,
}

/// The purchases an export's parcel comes from, as declared (a later citation of the same
/// export replaces it).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CitationRecord {
    pub export: Uuid,
    pub purchases: Vec<Uuid>,
    pub cited_at: sync_protocol::clock::Hlc,
    pub cited_by: String,
}

/// An exporter's declared stock on hand at the start of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpeningStock {
    pub exporter: Uuid,
    pub month: i32,
    pub carats_hundredths: u64,
}

impl ExportFact {
    /// An export record as the rules count it: `country` for the price median, `parcel` its
    /// footprint (left empty where only the stock balance is wanted).
    pub fn of(
        id: Uuid,
        e: &sync_protocol::records::Export,
        country: Option<Uuid>,
        parcel: Footprint,
    ) -> Self {
        Self {
            id,
            exporter: e.exporter,
            country,
            hs_code: e.hs_code.code(),
            month: month_of(e.date),
            carats_hundredths: e.carats.hundredths(),
            cents: e.value.cents(),
            parcel,
            valuation_cents: None,
            duty_cents: None,
            cited_carats_hundredths: None,
        }
    }

    /// With the valuator's value and the duty, where recorded.
    pub fn valued(mut self, valuation: Option<&ValuationRecord>) -> Self {
        self.valuation_cents = valuation.map(|v| v.valuation.cents());
        self.duty_cents = valuation.map(|v| v.duty.cents());
        self
    }
}

impl PurchaseFact {
    /// A sale to an exporter (its buyer), filed in `region`.
    pub fn of(id: Uuid, sale: &sync_protocol::records::Sale, region: Uuid, verified: bool) -> Self {
        Self {
            id,
            exporter: sale.buyer,
            month: month_of(sale.date),
            carats_hundredths: sale.carats.hundredths(),
            cents: sale.value.cents(),
            verified,
            region,
        }
    }
}

impl OpeningStock {
    pub fn of(o: &OpeningStockRecord) -> Self {
        Self {
            exporter: o.exporter,
            month: month_of(o.as_of),
            carats_hundredths: o.carats.hundredths(),
        }
    }
}

/// Whether a sale by a licence holder is a verified purchase: the seller holds a buyer's or
/// an exporter's licence. (A sale by a miner is verified when the miner is registered.)
pub fn licensed_seller(kind: sync_protocol::values::LicenceKind) -> bool {
    use sync_protocol::values::LicenceKind;
    matches!(kind, LicenceKind::Buyer | LicenceKind::Exporter)
}

/// One exporter in one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ExporterQuarter {
    pub exporter: Uuid,
    pub quarter: String,
    pub exports: u64,
    pub exported_carats_hundredths: u64,
    pub exported_cents: u64,
    pub bought_carats_hundredths: u64,
    pub bought_cents: u64,
    pub unverified_carats_hundredths: u64,
    /// Sold to other licence holders (a dealer's sales to exporters and other dealers).
    pub sold_carats_hundredths: u64,
    pub sold_cents: u64,
    pub stock_at_start_hundredths: u64,
    pub available_hundredths: u64,
    /// Exported and sold over available; `None` when nothing was available.
    pub ratio: Option<f64>,
    pub exceeds: bool,
    pub usd_per_carat: Option<f64>,
    pub median_usd_per_carat: Option<f64>,
    /// The declared value over the value at the medians of the exports' groups.
    pub price_ratio: Option<f64>,
    /// Exports of the quarter the valuator valued, their declared value and valuation.
    pub valued_exports: u64,
    pub valued_declared_cents: u64,
    pub valuation_cents: u64,
    /// Duty paid on the quarter's exports, where recorded.
    pub duty_cents: u64,
    /// `valued_declared_cents / valuation_cents`; `None` without a valuation.
    pub valuation_ratio: Option<f64>,
    /// Exports of the quarter that cite their purchases, their carats, and the carats of
    /// the purchases they cite.
    pub citing_exports: u64,
    pub citing_exported_hundredths: u64,
    pub cited_hundredths: u64,
}

/// Why an exporter ranks where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    ExportsExceedPurchases,
    FootprintUnlikeSources,
    PriceBelowMedian,
    PriceAboveMedian,
    BelowValuation,
    AboveValuation,
    BeyondCitedPurchases,
}

impl ReasonKind {
    /// Exporting what was never bought is the strongest signal; a footprint unlike the
    /// sources, or a value off the valuator's own of the same parcel, is next; a price off
    /// other exporters' median alone has innocent causes (quality).
    pub fn weight(self) -> u32 {
        match self {
            Self::ExportsExceedPurchases => 3,
            Self::FootprintUnlikeSources
            | Self::BelowValuation
            | Self::AboveValuation
            | Self::BeyondCitedPurchases => 2,
            Self::PriceBelowMedian | Self::PriceAboveMedian => 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Reason {
    pub kind: ReasonKind,
    /// The quarter, or `None` for the period's footprint.
    pub quarter: Option<String>,
    pub detail: String,
    /// Where the evidence is: the exporter's detail, at the part that shows it.
    pub evidence: String,
}

/// The parcels' footprint against the sources'.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExporterFootprint {
    pub exporter: Uuid,
    pub source_regions: Vec<Uuid>,
    #[serde(skip)]
    pub parcels: Footprint,
    #[serde(skip)]
    pub sources: Footprint,
    pub comparison: Comparison,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub exporter: Uuid,
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// The whole monitoring for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Monitoring {
    pub thresholds: Thresholds,
    pub quarters: Vec<ExporterQuarter>,
    pub footprints: Vec<ExporterFootprint>,
    pub ranking: Vec<Ranked>,
}

fn quarter_of(month: i32) -> i32 {
    month.div_euclid(3)
}

fn quarter_label(quarter: i32) -> String {
    Period::Quarter.of(quarter * 3)
}

fn per_carat(cents: u64, hundredths: u64) -> Option<f64> {
    // Cents per hundredth of a carat is US$ per carat.
    (hundredths > 0).then(|| cents as f64 / hundredths as f64)
}

/// Quarters in the trailing window of the price reference: the export's and the three
/// before it.
const PRICE_WINDOW_QUARTERS: i32 = 4;

/// Exports by other exporters a price reference needs (module documentation, "Price").
pub const MIN_PEER_EXPORTS: usize = 2;

/// The size class of a parcel's mean stone; `None` without stones.
fn size_class(e: &ExportFact) -> Option<usize> {
    let stones = e.parcel.total_stones;
    (stones > 0).then(|| {
        let mean = e.carats_hundredths / stones;
        super::footprint::LOWER_BOUNDS_HUNDREDTHS
            .iter()
            .rposition(|&b| mean >= b)
            .unwrap_or(0)
    })
}

/// Each export's reference price (module documentation, "Price"): the median US$/ct of
/// other exporters' exports of its country and HS code over the trailing window, of its
/// size class where there are any; `None` when no other exporter shipped such goods.
fn peer_prices(exports: &[ExportFact]) -> Vec<Option<f64>> {
    exports
        .iter()
        .map(|e| {
            let q = quarter_of(e.month);
            let peers: Vec<&ExportFact> = exports
                .iter()
                .filter(|p| {
                    p.exporter != e.exporter
                        && p.country == e.country
                        && p.hs_code == e.hs_code
                        && (q - PRICE_WINDOW_QUARTERS + 1..=q).contains(&quarter_of(p.month))
                })
                .collect();
            let class = size_class(e);
            let prices = |same_class: bool| -> Vec<f64> {
                peers
                    .iter()
                    .filter(|p| !same_class || (class.is_some() && size_class(p) == class))
                    .filter_map(|p| per_carat(p.cents, p.carats_hundredths))
                    .collect()
            };
            [prices(true), prices(false)]
                .into_iter()
                .find(|v| v.len() >= MIN_PEER_EXPORTS)
                .and_then(median)
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// The reason a ratio gives when it lies below or above the band `(low, high)`.
fn outside(
    ratio: f64,
    (low, high): (f64, f64),
    (below, above): (ReasonKind, ReasonKind),
) -> Option<ReasonKind> {
    if ratio < low {
        Some(below)
    } else if ratio > high {
        Some(above)
    } else {
        None
    }
}

/// The path of an exporter's evidence for months `from..=to`.
pub fn evidence_path(exporter: Uuid, from: i32, to: i32, part: &str) -> String {
    use super::rollup::month_label;
    format!(
        "/v1/reports/exports/{exporter}?from={}&to={}#{part}",
        month_label(from),
        month_label(to)
    )
}

/// One exporter's stock balance per quarter (module docs), every quarter with a record,
/// and every quarter of `fill` (first, last) when given; the price fields are left empty.
/// The export report and the `exports_exceed_purchases` flag both use it.
pub fn balance(
    exporter: Uuid,
    exports: &[ExportFact],
    purchases: &[PurchaseFact],
    sold: &[SoldFact],
    openings: &[OpeningStock],
    fill: Option<(i32, i32)>,
    thresholds: Thresholds,
) -> BTreeMap<i32, ExporterQuarter> {
    let opening = openings.iter().find(|o| o.exporter == exporter);
    let counted = |month: i32| opening.is_none_or(|o| month >= o.month);
    let mut per_q: BTreeMap<i32, ExporterQuarter> = BTreeMap::new();
    let row = |per_q: &mut BTreeMap<i32, ExporterQuarter>, q: i32| {
        per_q.entry(q).or_insert_with(|| ExporterQuarter {
            exporter,
            quarter: quarter_label(q),
            exports: 0,
            exported_carats_hundredths: 0,
            exported_cents: 0,
            bought_carats_hundredths: 0,
            bought_cents: 0,
            unverified_carats_hundredths: 0,
            sold_carats_hundredths: 0,
            sold_cents: 0,
            stock_at_start_hundredths: 0,
            available_hundredths: 0,
            ratio: None,
            exceeds: false,
            usd_per_carat: None,
            median_usd_per_carat: None,
            price_ratio: None,
            valued_exports: 0,
            valued_declared_cents: 0,
            valuation_cents: 0,
            duty_cents: 0,
            valuation_ratio: None,
            citing_exports: 0,
            citing_exported_hundredths: 0,
            cited_hundredths: 0,
        });
    };
    for e in exports
        .iter()
        .filter(|e| e.exporter == exporter && counted(e.month))
    {
        let q = quarter_of(e.month);
        row(&mut per_q, q);
        let r = per_q.get_mut(&q).expect("just added");
        r.exports += 1;
        r.exported_carats_hundredths += e.carats_hundredths;
        r.exported_cents += e.cents;
        r.duty_cents += e.duty_cents.unwrap_or(0);
        if let Some(v) = e.valuation_cents {
            r.valued_exports += 1;
            r.valued_declared_cents += e.cents;
            r.valuation_cents += v;
        }
        if let Some(c) = e.cited_carats_hundredths {
            r.citing_exports += 1;
            r.citing_exported_hundredths += e.carats_hundredths;
            r.cited_hundredths += c;
        }
    }
    for p in purchases
        .iter()
        .filter(|p| p.exporter == exporter && counted(p.month))
    {
        let q = quarter_of(p.month);
        row(&mut per_q, q);
        let r = per_q.get_mut(&q).expect("just added");
        if p.verified {
            r.bought_carats_hundredths += p.carats_hundredths;
            r.bought_cents += p.cents;
        } else {
            r.unverified_carats_hundredths += p.carats_hundredths;
        }
    }
    for s in sold
        .iter()
        .filter(|s| s.seller == exporter && counted(s.month))
    {
        let q = quarter_of(s.month);
        row(&mut per_q, q);
        let r = per_q.get_mut(&q).expect("just added");
        r.sold_carats_hundredths += s.carats_hundredths;
        r.sold_cents += s.cents;
    }
    if let Some((first, last)) = fill {
        for q in first..=last {
            row(&mut per_q, q);
        }
    }
    let mut stock = opening.map_or(0, |o| o.carats_hundredths);
    for r in per_q.values_mut() {
        r.valuation_ratio = (r.valuation_cents > 0)
            .then(|| r.valued_declared_cents as f64 / r.valuation_cents as f64);
        r.stock_at_start_hundredths = stock;
        r.available_hundredths = stock + r.bought_carats_hundredths;
        let out = r.exported_carats_hundredths + r.sold_carats_hundredths;
        r.ratio = (r.available_hundredths > 0).then(|| out as f64 / r.available_hundredths as f64);
        r.exceeds = out as f64 > r.available_hundredths as f64 * (1.0 + thresholds.excess);
        stock = r.available_hundredths.saturating_sub(out);
    }
    per_q
}

/// Runs the rules over months `from..=to`. `sources_footprint(regions, from, to)` is the
/// production footprint of those regions over those months. Exports, purchases and
/// openings may include records outside the period: the stock balance needs them.
#[allow(clippy::too_many_arguments)] // the four kinds of record, the span and the rules
pub fn monitor(
    exports: &[ExportFact],
    purchases: &[PurchaseFact],
    sold: &[SoldFact],
    openings: &[OpeningStock],
    from: i32,
    to: i32,
    thresholds: Thresholds,
    sources_footprint: impl Fn(&[Uuid], i32, i32) -> Footprint,
) -> Monitoring {
    let exporters: BTreeSet<Uuid> = exports
        .iter()
        .map(|e| e.exporter)
        .chain(purchases.iter().map(|p| p.exporter))
        .collect();
    // Per exporter and quarter, over the exports that have a reference: their carats
    // valued at their references, those carats, and their declared value. An export
    // without a reference is in neither side of the price ratio.
    let mut at_median: BTreeMap<(Uuid, i32), (f64, u64, u64)> = BTreeMap::new();
    for (e, reference) in exports.iter().zip(peer_prices(exports)) {
        if let Some(m) = reference {
            let v = at_median
                .entry((e.exporter, quarter_of(e.month)))
                .or_default();
            v.0 += m * e.carats_hundredths as f64;
            v.1 += e.carats_hundredths;
            v.2 += e.cents;
        }
    }
    let (first_q, last_q) = (quarter_of(from), quarter_of(to));
    let mut quarters = Vec::new();
    let mut ranking = Vec::new();
    let mut footprints = Vec::new();
    for &exporter in &exporters {
        let mut per_q = balance(
            exporter,
            exports,
            purchases,
            sold,
            openings,
            Some((first_q, last_q)),
            thresholds,
        );
        let mut reasons = Vec::new();
        let mut worst_ratio: f64 = 0.0;
        for (&q, r) in per_q.iter_mut() {
            r.usd_per_carat = per_carat(r.exported_cents, r.exported_carats_hundredths);
            let (value_at_median, priced, priced_cents) =
                at_median.get(&(exporter, q)).copied().unwrap_or_default();
            r.median_usd_per_carat = (priced > 0).then(|| value_at_median / priced as f64);
            r.price_ratio = (value_at_median > 0.0).then(|| priced_cents as f64 / value_at_median);
            let priced_usd_per_carat = per_carat(priced_cents, priced);
            if !(first_q..=last_q).contains(&q) {
                continue;
            }
            let evidence = |part| evidence_path(exporter, q * 3, q * 3 + 2, part);
            if r.exceeds {
                worst_ratio = worst_ratio.max(r.ratio.unwrap_or(f64::INFINITY));
                reasons.push(Reason {
                    kind: ReasonKind::ExportsExceedPurchases,
                    quarter: Some(r.quarter.clone()),
                    detail: format!(
                        "exported {} ct with {} ct available ({} ct in stock, {} ct bought)",
                        super::hundredths(r.exported_carats_hundredths as i64),
                        super::hundredths(r.available_hundredths as i64),
                        super::hundredths(r.stock_at_start_hundredths as i64),
                        super::hundredths(r.bought_carats_hundredths as i64),
                    ),
                    evidence: evidence("purchases"),
                });
            }
            if let Some(ratio) = r.price_ratio {
                let band = (thresholds.price_low, thresholds.price_high);
                let kinds = (ReasonKind::PriceBelowMedian, ReasonKind::PriceAboveMedian);
                if let Some(kind) = outside(ratio, band, kinds) {
                    reasons.push(Reason {
                        kind,
                        quarter: Some(r.quarter.clone()),
                        detail: format!(
                            "US$ {:.2}/ct against a median of US$ {:.2}/ct ({:.0} %)",
                            priced_usd_per_carat.unwrap_or_default(),
                            r.median_usd_per_carat.unwrap_or_default(),
                            ratio * 100.0
                        ),
                        evidence: evidence("exports"),
                    });
                }
            }
            // The parcels that cite their purchases weigh more than those purchases: the
            // rest came from elsewhere.
            if r.citing_exports > 0
                && r.citing_exported_hundredths as f64
                    > r.cited_hundredths as f64 * (1.0 + thresholds.excess)
            {
                reasons.push(Reason {
                    kind: ReasonKind::BeyondCitedPurchases,
                    quarter: Some(r.quarter.clone()),
                    detail: format!(
                        "{} export(s) of {} ct cite purchases of {} ct",
                        r.citing_exports,
                        super::hundredths(r.citing_exported_hundredths as i64),
                        super::hundredths(r.cited_hundredths as i64),
                    ),
                    evidence: evidence("exports"),
                });
            }
            if let Some(ratio) = r.valuation_ratio {
                let gap = thresholds.valuation_gap;
                let kinds = (ReasonKind::BelowValuation, ReasonKind::AboveValuation);
                if let Some(kind) = outside(ratio, (1.0 - gap, 1.0 + gap), kinds) {
                    reasons.push(Reason {
                        kind,
                        quarter: Some(r.quarter.clone()),
                        detail: format!(
                            "declared US$ {} for {} export(s) the government valuator valued at \
                             US$ {} ({:.0} %)",
                            super::hundredths(r.valued_declared_cents as i64),
                            r.valued_exports,
                            super::hundredths(r.valuation_cents as i64),
                            ratio * 100.0
                        ),
                        evidence: evidence("exports"),
                    });
                }
            }
        }
        quarters.extend(
            per_q
                .into_iter()
                .filter(|(q, _)| (first_q..=last_q).contains(q))
                .map(|(_, r)| r),
        );

        // The parcels of the period against the production where it bought.
        let mut parcels = Footprint::default();
        for e in exports
            .iter()
            .filter(|e| e.exporter == exporter && (from..=to).contains(&e.month))
        {
            // Counts are far below overflow in any real registry; a refusal leaves the
            // footprint as it was, which only makes the comparison more cautious.
            let _ = parcels.merge(&e.parcel);
        }
        let source_regions: Vec<Uuid> = purchases
            .iter()
            .filter(|p| p.exporter == exporter && p.verified)
            .map(|p| p.region)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !parcels.is_empty() {
            let sources =
                sources_footprint(&source_regions, from - thresholds.footprint_lead_months, to);
            // Parcels declared by size class have no weights: chi-square then.
            let comparison = compare(&parcels, &sources, Statistic::suggested(&parcels, &sources));
            if comparison.verdict == Verdict::Different {
                reasons.push(Reason {
                    kind: ReasonKind::FootprintUnlikeSources,
                    quarter: None,
                    detail: format!(
                        "parcels' stones unlike the production of the {} region(s) it bought \
                         from ({} = {:.2}, p = {})",
                        source_regions.len(),
                        match comparison.statistic {
                            Statistic::KolmogorovSmirnov => "KS D",
                            Statistic::ChiSquare => "chi-square",
                        },
                        comparison.value,
                        comparison
                            .p_value
                            .map_or("n/a".to_string(), |p| format!("{p:.4}")),
                    ),
                    evidence: evidence_path(exporter, from, to, "footprint"),
                });
            }
            footprints.push(ExporterFootprint {
                exporter,
                source_regions,
                parcels,
                sources,
                comparison,
            });
        }
        let score = reasons.iter().map(|r| r.kind.weight()).sum();
        ranking.push((
            worst_ratio,
            Ranked {
                exporter,
                score,
                reasons,
            },
        ));
    }
    ranking.sort_by(|(ra, a), (rb, b)| {
        b.score
            .cmp(&a.score)
            .then(rb.total_cmp(ra))
            .then(a.exporter.cmp(&b.exporter))
    });
    Monitoring {
        thresholds,
        quarters,
        footprints,
        ranking: ranking.into_iter().map(|(_, r)| r).collect(),
    }
}

/// The quarters as CSV: `quarter, exporter, exporter_number, exports, exported_carats,
/// exported_usd, bought_carats, bought_usd, unverified_carats, stock_at_start, available,
/// ratio, exceeds, usd_per_carat, median_usd_per_carat, price_ratio, valued_exports,
/// valued_declared_usd, valuation_usd, valuation_ratio, duty_usd, sold_carats, sold_usd,
/// exporter_name, citing_exports, citing_exported_carats, cited_carats`
/// (carats and US$ with two decimals, ratios with four; empty where there is no
/// denominator).
pub fn to_csv(
    rows: &[ExporterQuarter],
    number: &dyn Fn(Uuid) -> String,
    name: &dyn Fn(Uuid) -> String,
) -> Result<String, csv::Error> {
    use super::hundredths;
    let mut w = crate::reports::sheet::Sheet::new();
    w.row([
        "quarter",
        "exporter",
        "exporter_number",
        "exports",
        "exported_carats",
        "exported_usd",
        "bought_carats",
        "bought_usd",
        "unverified_carats",
        "stock_at_start",
        "available",
        "ratio",
        "exceeds",
        "usd_per_carat",
        "median_usd_per_carat",
        "price_ratio",
        "valued_exports",
        "valued_declared_usd",
        "valuation_usd",
        "valuation_ratio",
        "duty_usd",
        "sold_carats",
        "sold_usd",
        "exporter_name",
        "citing_exports",
        "citing_exported_carats",
        "cited_carats",
    ])?;
    let ratio = |r: Option<f64>| r.map(|x| format!("{x:.4}")).unwrap_or_default();
    let money = |r: Option<f64>| r.map(|x| format!("{x:.2}")).unwrap_or_default();
    let h = |v: u64| hundredths(v as i64);
    for r in rows {
        w.row([
            r.quarter.clone(),
            r.exporter.to_string(),
            number(r.exporter),
            r.exports.to_string(),
            h(r.exported_carats_hundredths),
            h(r.exported_cents),
            h(r.bought_carats_hundredths),
            h(r.bought_cents),
            h(r.unverified_carats_hundredths),
            h(r.stock_at_start_hundredths),
            h(r.available_hundredths),
            ratio(r.ratio),
            r.exceeds.to_string(),
            money(r.usd_per_carat),
            money(r.median_usd_per_carat),
            ratio(r.price_ratio),
            r.valued_exports.to_string(),
            h(r.valued_declared_cents),
            h(r.valuation_cents),
            ratio(r.valuation_ratio),
            h(r.duty_cents),
            h(r.sold_carats_hundredths),
            h(r.sold_cents),
            name(r.exporter),
            r.citing_exports.to_string(),
            h(r.citing_exported_hundredths),
            h(r.cited_hundredths),
        ])?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::rollup::month_of;

    const JAN_2026: i32 = 2026 * 12;

    fn ex(exporter: u128, month: i32, hundredths: u64, cents: u64, stones: &[u64]) -> ExportFact {
        let mut parcel = Footprint::default();
        for s in stones {
            parcel
                .add_stone(sync_protocol::values::Carats::from_hundredths(*s).unwrap())
                .unwrap();
        }
        ExportFact {
            id: Uuid::now_v7(),
            exporter: Uuid::from_u128(exporter),
            country: None,
            hs_code: "7102.31",
            month,
            carats_hundredths: hundredths,
            cents,
            parcel,
            valuation_cents: None,
            duty_cents: None,
            cited_carats_hundredths: None,
        }
    }

    fn buy(exporter: u128, month: i32, hundredths: u64, verified: bool) -> PurchaseFact {
        PurchaseFact {
            id: Uuid::now_v7(),
            exporter: Uuid::from_u128(exporter),
            month,
            carats_hundredths: hundredths,
            cents: hundredths * 200,
            verified,
            region: Uuid::from_u128(100),
        }
    }

    fn small_stones(_: &[Uuid], _: i32, _: i32) -> Footprint {
        let mut f = Footprint::default();
        for _ in 0..200 {
            f.add_stone(sync_protocol::values::Carats::from_hundredths(15).unwrap())
                .unwrap();
        }
        f
    }

    fn row<'a>(m: &'a Monitoring, exporter: u128, quarter: &str) -> &'a ExporterQuarter {
        m.quarters
            .iter()
            .find(|r| r.exporter == Uuid::from_u128(exporter) && r.quarter == quarter)
            .unwrap()
    }

    #[test]
    fn the_stock_balance_carries_through_quarters_and_excess_is_reported_once() {
        // Q1: bought 100 ct, exported 60. Q2: bought 10, exported 55 (50 available: fine
        // within 10 %). Q3: bought 0, exported 20 with nothing left: exceeds.
        let exports = [
            ex(1, JAN_2026 + 1, 6_000, 1_200_000, &[]),
            ex(1, JAN_2026 + 4, 5_500, 1_100_000, &[]),
            ex(1, JAN_2026 + 7, 2_000, 400_000, &[]),
        ];
        let purchases = [
            buy(1, JAN_2026, 10_000, true),
            buy(1, JAN_2026 + 3, 1_000, true),
            buy(1, JAN_2026 + 6, 5_000, false),
        ];
        let m = monitor(
            &exports,
            &purchases,
            &[],
            &[],
            JAN_2026,
            JAN_2026 + 8,
            Thresholds::default(),
            small_stones,
        );
        let q1 = row(&m, 1, "2026-Q1");
        assert_eq!((q1.available_hundredths, q1.exceeds), (10_000, false));
        assert_eq!(q1.ratio, Some(0.6));
        let q2 = row(&m, 1, "2026-Q2");
        assert_eq!(q2.stock_at_start_hundredths, 4_000);
        assert_eq!(q2.available_hundredths, 5_000);
        assert!(!q2.exceeds, "5 % over: within the margin");
        let q3 = row(&m, 1, "2026-Q3");
        assert_eq!(q3.stock_at_start_hundredths, 0, "never below zero");
        assert_eq!(q3.unverified_carats_hundredths, 5_000);
        assert!(q3.exceeds, "unverified purchases buy nothing");
        assert_eq!(q3.ratio, None);
        let reasons = &m.ranking[0].reasons;
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].kind, ReasonKind::ExportsExceedPurchases);
        assert_eq!(reasons[0].quarter.as_deref(), Some("2026-Q3"));
        assert!(reasons[0].evidence.starts_with(&format!(
            "/v1/reports/exports/{}?from=2026-07&to=2026-09#purchases",
            Uuid::from_u128(1)
        )));
    }

    #[test]
    fn an_opening_stock_counts_from_its_month_and_earlier_records_are_left_out() {
        let exports = [
            ex(1, JAN_2026 - 2, 9_000, 0, &[]),
            ex(1, JAN_2026 + 1, 5_000, 0, &[]),
        ];
        let openings = [OpeningStock {
            exporter: Uuid::from_u128(1),
            month: JAN_2026,
            carats_hundredths: 5_000,
        }];
        let m = monitor(
            &exports,
            &[],
            &[],
            &openings,
            JAN_2026 - 3,
            JAN_2026 + 2,
            Thresholds::default(),
            small_stones,
        );
        assert_eq!(row(&m, 1, "2025-Q4").exports, 0, "before the declaration");
        let q1 = row(&m, 1, "2026-Q1");
        assert_eq!((q1.stock_at_start_hundredths, q1.exceeds), (5_000, false));
        assert!(m.ranking[0].reasons.is_empty());
    }

    #[test]
    fn prices_are_judged_against_the_other_exporters_median() {
        // Three exporters in Q1 at 200, 210 and 100 US$/ct: each against the two others.
        let exports = [
            ex(1, JAN_2026, 1_000, 200_000, &[]),
            ex(2, JAN_2026, 1_000, 210_000, &[]),
            ex(3, JAN_2026 + 2, 1_000, 100_000, &[]),
        ];
        let purchases = [
            buy(1, JAN_2026, 1_000, true),
            buy(2, JAN_2026, 1_000, true),
            buy(3, JAN_2026, 1_000, true),
        ];
        let m = monitor(
            &exports,
            &purchases,
            &[],
            &[],
            JAN_2026,
            JAN_2026 + 2,
            Thresholds::default(),
            small_stones,
        );
        assert_eq!(row(&m, 1, "2026-Q1").median_usd_per_carat, Some(155.0));
        assert_eq!(row(&m, 3, "2026-Q1").median_usd_per_carat, Some(205.0));
        assert_eq!(row(&m, 3, "2026-Q1").price_ratio, Some(100.0 / 205.0));
        assert_eq!(m.ranking[0].exporter, Uuid::from_u128(3));
        assert_eq!(m.ranking[0].reasons[0].kind, ReasonKind::PriceBelowMedian);
        assert!(m.ranking[1..].iter().all(|r| r.score == 0));
        assert_eq!(median(vec![3.0, 1.0, 2.0, 10.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }

    #[test]
    fn prices_are_compared_within_a_country_and_hs_code() {
        // Ghana's gem exports at ~100 US$/ct, Sierra Leone's at ~400, industrial at 20: none
        // is off its own group's median, though the quarter's overall median is far.
        let (gha, sle) = (Some(Uuid::from_u128(50)), Some(Uuid::from_u128(51)));
        let mut exports = Vec::new();
        for (i, (country, hs, usd)) in [
            (gha, "7102.31", 100),
            (gha, "7102.31", 110),
            (gha, "7102.31", 105),
            (sle, "7102.31", 400),
            (sle, "7102.31", 420),
            (sle, "7102.31", 410),
            (gha, "7102.21", 20),
        ]
        .into_iter()
        .enumerate()
        {
            let mut e = ex(i as u128 + 1, JAN_2026, 1_000, usd * 1_000, &[]);
            e.country = country;
            e.hs_code = hs;
            exports.push(e);
        }
        let purchases: Vec<_> = (1..=7).map(|i| buy(i, JAN_2026, 1_000, true)).collect();
        let m = monitor(
            &exports,
            &purchases,
            &[],
            &[],
            JAN_2026,
            JAN_2026 + 2,
            Thresholds::default(),
            small_stones,
        );
        assert!(m.ranking.iter().all(|r| r.score == 0), "{:?}", m.ranking);
        assert_eq!(
            row(&m, 7, "2026-Q1").price_ratio,
            None,
            "alone in its goods: nobody to compare with, not itself"
        );
        assert_eq!(row(&m, 1, "2026-Q1").median_usd_per_carat, Some(107.5));
        assert_eq!(row(&m, 4, "2026-Q1").median_usd_per_carat, Some(415.0));
    }

    #[test]
    fn an_exporter_alone_in_its_quarter_is_compared_with_the_others_over_a_year() {
        // Four exporters ship gems at 44 to 48 US$/ct in 2025-Q3 and 2026-Q1; the fifth
        // ships the same goods alone in 2026-Q2 at 270 US$/ct. The quarter's own median
        // would be its own price; the year before it says six times too much.
        let mut exports = Vec::new();
        for (i, (month, usd)) in [
            (JAN_2026 - 6, 44),
            (JAN_2026 - 5, 46),
            (JAN_2026, 47),
            (JAN_2026 + 1, 48),
        ]
        .into_iter()
        .enumerate()
        {
            exports.push(ex(i as u128 + 1, month, 1_000, usd * 1_000, &[]));
        }
        exports.push(ex(5, JAN_2026 + 4, 1_000, 270_000, &[]));
        // Outside the year before 2026-Q2: not a peer.
        exports.push(ex(6, JAN_2026 - 12, 1_000, 900_000, &[]));
        let purchases: Vec<_> = (1..=6)
            .map(|i| buy(i, JAN_2026 - 12, 1_000, true))
            .collect();
        let m = monitor(
            &exports,
            &purchases,
            &[],
            &[],
            JAN_2026 + 3,
            JAN_2026 + 5,
            Thresholds::default(),
            small_stones,
        );
        let q2 = row(&m, 5, "2026-Q2");
        assert_eq!(q2.median_usd_per_carat, Some(46.5));
        assert_eq!(m.ranking[0].exporter, Uuid::from_u128(5));
        assert!(m.ranking[0]
            .reasons
            .iter()
            .any(|r| r.kind == ReasonKind::PriceAboveMedian));
    }

    #[test]
    fn an_export_without_a_reference_is_left_out_of_the_price_ratio() {
        // Exporter 1 ships gems at the others' price, and a parcel of unsorted goods
        // nobody else ships, at ten times that: the unsorted parcel has no reference, and
        // the gems alone make the ratio.
        let mut unsorted = ex(1, JAN_2026, 1_000, 1_000_000, &[]);
        unsorted.hs_code = "7102.10";
        let exports = [
            ex(1, JAN_2026, 1_000, 100_000, &[]),
            unsorted,
            ex(2, JAN_2026, 1_000, 100_000, &[]),
            ex(3, JAN_2026, 1_000, 100_000, &[]),
        ];
        let purchases: Vec<_> = (1..=3).map(|i| buy(i, JAN_2026, 5_000, true)).collect();
        let m = monitor(
            &exports,
            &purchases,
            &[],
            &[],
            JAN_2026,
            JAN_2026 + 2,
            Thresholds::default(),
            small_stones,
        );
        let q1 = row(&m, 1, "2026-Q1");
        assert_eq!(q1.price_ratio, Some(1.0));
        assert_eq!(q1.median_usd_per_carat, Some(100.0));
        assert!(m.ranking.iter().all(|r| r.score == 0), "{:?}", m.ranking);
    }

    #[test]
    fn a_valuation_checks_an_exporter_alone_in_its_goods() {
        // Exporter 1 alone ships unsorted goods: no peer price. The valuator valued its
        // first quarter's parcel at US$ 2,000 and the second's at US$ 1,050; it declared
        // US$ 1,000 both times: 50 % below in Q1, within 10 % in Q2.
        let mut q1 = ex(1, JAN_2026, 1_000, 100_000, &[]);
        q1.hs_code = "7102.10";
        q1.valuation_cents = Some(200_000);
        q1.duty_cents = Some(3_000);
        let mut q2 = q1.clone();
        q2.id = Uuid::now_v7();
        q2.month = JAN_2026 + 3;
        q2.valuation_cents = Some(105_000);
        let m = monitor(
            &[q1, q2],
            &[buy(1, JAN_2026, 5_000, true)],
            &[],
            &[],
            JAN_2026,
            JAN_2026 + 5,
            Thresholds::default(),
            small_stones,
        );
        let first = row(&m, 1, "2026-Q1");
        assert_eq!(first.price_ratio, None, "no peers");
        assert_eq!(first.valuation_ratio, Some(0.5));
        assert_eq!(
            (
                first.valued_exports,
                first.valuation_cents,
                first.duty_cents
            ),
            (1, 200_000, 3_000)
        );
        let ranked = &m.ranking[0];
        assert_eq!(ranked.score, ReasonKind::BelowValuation.weight());
        assert_eq!(ranked.reasons.len(), 1, "{:?}", ranked.reasons);
        let reason = &ranked.reasons[0];
        assert_eq!(
            (reason.kind, reason.quarter.as_deref()),
            (ReasonKind::BelowValuation, Some("2026-Q1"))
        );
        assert!(reason.detail.contains("2000.00"), "{}", reason.detail);
        let csv = to_csv(&m.quarters, &|_| "EXP-1".into(), &|_| "Lone Gems".into()).unwrap();
        assert!(
            csv.lines()
                .nth(1)
                .unwrap()
                .ends_with(",Lone Gems,0,0.00,0.00"),
            "{csv}"
        );
        assert!(csv.contains(",1,1000.00,2000.00,0.5000,30.00"), "{csv}");
    }

    #[test]
    fn prices_are_compared_within_a_size_class_where_there_are_peers() {
        // Large stones fetch more per carat: a parcel of 2–4 ct stones at 300 US$/ct is
        // compared with the other large-stone parcels (280, 290), not with the small (40s).
        let large: Vec<u64> = vec![250; 10];
        let small: Vec<u64> = vec![15; 100];
        let total = |s: &[u64]| s.iter().sum::<u64>();
        let exports = [
            ex(1, JAN_2026, total(&large), total(&large) * 300, &large),
            ex(2, JAN_2026, total(&large), total(&large) * 280, &large),
            ex(3, JAN_2026, total(&small), total(&small) * 40, &small),
            ex(4, JAN_2026, total(&small), total(&small) * 42, &small),
            ex(5, JAN_2026, total(&large), total(&large) * 290, &large),
            ex(6, JAN_2026, total(&small), total(&small) * 41, &small),
        ];
        let purchases: Vec<_> = (1..=6).map(|i| buy(i, JAN_2026, 10_000, true)).collect();
        let m = monitor(
            &exports,
            &purchases,
            &[],
            &[],
            JAN_2026,
            JAN_2026 + 2,
            Thresholds::default(),
            small_stones,
        );
        assert_eq!(row(&m, 1, "2026-Q1").median_usd_per_carat, Some(285.0));
        assert_eq!(row(&m, 3, "2026-Q1").median_usd_per_carat, Some(41.5));
        assert!(m.ranking.iter().all(|r| r.reasons.iter().all(|x| !matches!(
            x.kind,
            ReasonKind::PriceAboveMedian | ReasonKind::PriceBelowMedian
        ))));
    }

    #[test]
    fn parcels_unlike_the_sources_rank_an_exporter_higher() {
        let big: Vec<u64> = (0..60).map(|i| 150 + i * 10).collect();
        let small: Vec<u64> = (0..60).map(|i| 10 + i % 10).collect();
        let total = |s: &[u64]| s.iter().sum::<u64>();
        let exports = [
            ex(1, JAN_2026, total(&big), total(&big) * 300, &big),
            ex(2, JAN_2026, total(&small), total(&small) * 300, &small),
        ];
        let purchases = [
            buy(1, JAN_2026, total(&big), true),
            buy(2, JAN_2026, total(&small), true),
        ];
        let m = monitor(
            &exports,
            &purchases,
            &[],
            &[],
            JAN_2026,
            JAN_2026 + 2,
            Thresholds::default(),
            small_stones,
        );
        assert_eq!(m.ranking[0].exporter, Uuid::from_u128(1));
        assert_eq!(
            m.ranking[0].reasons[0].kind,
            ReasonKind::FootprintUnlikeSources
        );
        let f1 = m
            .footprints
            .iter()
            .find(|f| f.exporter == Uuid::from_u128(1))
            .unwrap();
        assert_eq!(f1.comparison.verdict, Verdict::Different);
        assert_eq!(f1.source_regions, vec![Uuid::from_u128(100)]);
        let f2 = m
            .footprints
            .iter()
            .find(|f| f.exporter == Uuid::from_u128(2))
            .unwrap();
        assert_ne!(f2.comparison.verdict, Verdict::Different);
    }

    #[test]
    fn every_quarter_of_the_period_shows_even_without_records() {
        let m = monitor(
            &[ex(1, JAN_2026, 100, 100, &[])],
            &[],
            &[],
            &[],
            JAN_2026,
            JAN_2026 + 11,
            Thresholds::default(),
            small_stones,
        );
        let labels: Vec<&str> = m.quarters.iter().map(|r| r.quarter.as_str()).collect();
        assert_eq!(labels, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
        assert_eq!(
            quarter_of(month_of(
                sync_protocol::values::parse_day("2026-04-01").unwrap()
            )),
            2026 * 4 + 1
        );
    }
}
