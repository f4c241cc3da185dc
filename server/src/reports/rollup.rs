//! Rollup cells by region, month and measure, and the exact deltas that keep them current.
//!
//! A **cell** is one integer under a [`CellKey`]: a region, a month, a [`Measure`] and a
//! `detail` byte (the mineral, the licence kind, the HS code or the flag kind, depending on
//! the measure; see [`DetailKind`]). Every value is an integer in the unit its measure
//! names ([`Measure::unit`]): carats in hundredths, US$ in cents, gravel in litres, counts.
//! Nothing here is a float, so sums never drift.
//!
//! # What a record contributes, and the deltas
//!
//! [`contributions`] says what one record, *as it stands* (its merged state), adds to the
//! cells: nothing while it is incomplete or once it is voided. The month is always the
//! record's own date (production, sale and export date, a miner's `registered_on`, a
//! licence's `issued`), never the time it arrived, so a backdated record lands in its own
//! month. The region is the one the caller files the record under (the store's placement).
//!
//! [`delta`] is the new contributions minus the old ones, merged per key, zeros dropped:
//! exactly what a store adds to its cells in the same atomic write as the record. A
//! correction moves the old cells down and the new cells up by exact amounts; a void takes
//! everything the record had put in; a duplicate op (same state before and after) moves
//! nothing. Because the cells are a function of the final states only, any arrival order
//! gives the same cells, and [`rebuild`] (every record's contributions summed from
//! scratch, for `placer admin rebuild-rollups`) gives them too. Sums use wrapping `i64`
//! arithmetic: the values' bounds (`values.rs`) keep real sums far from overflow, and even
//! beyond, incremental and rebuilt cells stay equal (integers modulo 2⁶⁴ are a group).
//!
//! # Control indicators
//!
//! The shares of production carats inside licensed areas, on licences valid that day and by
//! registered miners need facts of *other* records (the licence's area and validity, the
//! miner's registration). The caller decides them (they are what the flag checks found) and
//! passes them as [`RecordChecks`]; each true check puts the production's carats in
//! its numerator cell. The denominator is [`Measure::CaratsHundredths`]. When a licence or
//! a miner changes and the re-check changes a production's checks, the caller moves the
//! cells with `delta(Some((p, region, Some(old_checks))), Some((p, region, Some(new))))`,
//! so it must know the checks it last applied (they follow from the production's live
//! flags). A production passed with `None` adds nothing to the three numerators: ingest
//! should always pass `Some`.
//!
//! # First sales and transfers
//!
//! A sale is a *first sale* when its seller is a miner or the holder of a mining licence
//! (artisanal permit, claim, cooperative), and a *transfer* when a buyer or exporter
//! resells. Production is valued at first sale, never by resales, or a stone sold twice
//! would be valued twice. Whether a licence seller is a miner's licence is a fact of the
//! licence record, so the caller decides it as [`RecordChecks::first_sale`] (from the
//! sale's purchase as counted for its buyer), and a first sale adds to
//! [`Measure::FirstSalesCents`] and [`Measure::FirstSalesCaratsHundredths`] besides the
//! sales of every kind; transfers are the difference.
//!
//! # Flags
//!
//! Flags are not records: [`flag_contributions`] and [`flag_delta`] do for a flag what
//! [`contributions`] and [`delta`] do for a record. A flag counts once as raised, in the
//! month of `raised_at`, and, while it is resolved by an officer or closed because its cause
//! is gone, once more in the month of that outcome. A full rebuild adds every flag's
//! contributions to [`rebuild`]'s cells with [`add_into`]. Months of flags are UTC months of
//! the server's stamps.
//!
//! # Regions: every cell is a subtree total
//!
//! The store keeps, for each region, the total of the records filed in it *and in every
//! region below it*: [`roll_up`] turns the per-record deltas (and the rebuild's cells) into
//! deltas of every ancestor, in the same atomic write. So a country's cell is the whole
//! country's figure, read in one key, and the cells of regions with no parent are disjoint:
//! their sum is the national figure. The price is one write per level (three for country,
//! region, district) per cell a commit moves.
//!
//! # Derived figures, computed at report time, never stored
//!
//! - miners total at the end of month M: Σ [`Measure::MinersNew`] over months ≤ M;
//! - licences active at the end of month M: Σ [`Measure::LicencesNew`] − Σ
//!   [`Measure::LicencesExpired`] over months ≤ M (per kind, or summed). A licence
//!   expiring on day D is valid through D (as in `flags::licence_valid_on`), so it counts as
//!   expired in the month of D + 1; status (suspended, revoked) is not dated in the
//!   record, so it does not enter these counts;
//! - gravel in m³: [`Measure::GravelLitres`] / 1000;
//! - mean stone size (ct): [`Measure::CaratsHundredths`] / [`Measure::Stones`] / 100;
//! - US$ per carat: [`Measure::SalesCents`] / [`Measure::SalesCaratsHundredths`] (cents
//!   per hundredth of a carat is dollars per carat);
//! - the control shares: each `Carats…` indicator / [`Measure::CaratsHundredths`];
//! - quarters and half-years: sums of their months ([`month_parts`]);
//! - regions and the country: [`roll_up`] sums district cells into every ancestor.

use serde::{Deserialize, Serialize};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

use sync_protocol::clock::Hlc;
use sync_protocol::records::{fact_body, AnyRecord, Licence, Miner};
use sync_protocol::values::{Day, HsCode, LicenceKind, Mineral, Stones};

use crate::flags::stored::{FlagEventKind, FlagState, StoredFlag};
use crate::flags::FlagKind;

/// The unit a measure's cells count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A number of records, stones, certificates or flags.
    Count,
    /// Diggers times days worked (one production is one site-day).
    DiggerDays,
    /// Litres of gravel (1 m³ = 1000 L).
    Litres,
    /// Hundredths of a carat (125 is 1.25 ct).
    CaratHundredths,
    /// US cents (125050 is US$ 1,250.50).
    UsdCents,
}

/// What a cell's `detail` byte means for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailKind {
    /// Always 0.
    None,
    /// [`mineral_detail`]: diamond 0, gold 1.
    Mineral,
    /// [`licence_kind_detail`]: artisanal permit 0, claim 1, cooperative 2, buyer 3,
    /// exporter 4.
    LicenceKind,
    /// [`hs_code_detail`]: 7102.10 → 0, 7102.21 → 1, 7102.31 → 2.
    HsCode,
    /// [`flag_kind_detail`]: the kind's position in `FlagKind::ALL`.
    FlagKind,
    /// The size class's position in `footprint::CLASSES`, smallest first.
    SizeClass,
    /// `Collection::tag`.
    Collection,
}

impl DetailKind {
    /// A person's label for a detail byte (`"diamond"`, `"claim"`, `"7102.31"`,
    /// `"outside_licence_area"`); `None` for a byte this kind does not use.
    pub fn label(self, detail: u8) -> Option<&'static str> {
        let at = usize::from(detail);
        match self {
            Self::None => (detail == 0).then_some(""),
            Self::Mineral => ["diamond", "gold"].get(at).copied(),
            Self::LicenceKind => [
                "artisanal_permit",
                "claim",
                "cooperative",
                "buyer",
                "exporter",
            ]
            .get(at)
            .copied(),
            Self::HsCode => ["7102.10", "7102.21", "7102.31"].get(at).copied(),
            Self::FlagKind => FlagKind::ALL.get(at).map(|k| k.name()),
            Self::Collection => {
                sync_protocol::records::Collection::from_tag(detail).map(|c| c.name())
            }
            Self::SizeClass => super::footprint::CLASSES.get(at).map(|c| c.label()),
        }
    }
}

/// The detail byte of a mineral.
pub fn mineral_detail(m: Mineral) -> u8 {
    match m {
        Mineral::Diamond => 0,
        Mineral::Gold => 1,
    }
}

/// The detail byte of a licence kind.
pub fn licence_kind_detail(k: LicenceKind) -> u8 {
    match k {
        LicenceKind::ArtisanalPermit => 0,
        LicenceKind::Claim => 1,
        LicenceKind::Cooperative => 2,
        LicenceKind::Buyer => 3,
        LicenceKind::Exporter => 4,
    }
}

/// The detail byte of a Kimberley Process HS code.
pub fn hs_code_detail(h: HsCode) -> u8 {
    match h {
        HsCode::Unsorted => 0,
        HsCode::Industrial => 1,
        HsCode::Gem => 2,
    }
}

/// The detail byte of a flag kind: its position in `FlagKind::ALL` (which only grows at
/// its end).
pub fn flag_kind_detail(k: FlagKind) -> u8 {
    FlagKind::ALL.iter().position(|x| *x == k).unwrap_or(0) as u8
}

/// What a cell counts. The tag ([`Measure::tag`]) is stored in keys: a measure keeps its tag
/// for ever and new measures take new tags at the end. Derived figures (totals, averages,
/// ratios, active licences) are not measures: they are computed from these at report time
/// (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Measure {
    /// Miners registered in the month (`registered_on`). Count; no detail.
    MinersNew = 0,
    /// Licences issued in the month (`issued`). Count; detail: licence kind.
    LicencesNew = 1,
    /// Licences that stopped being valid in the month: counted in the month of the day
    /// after `expires` (a licence is valid through `expires`), never before the month of
    /// issue. Count; detail: licence kind.
    LicencesExpired = 2,
    /// Production records (site-days). Count; detail: mineral.
    ProductionRecords = 3,
    /// Diggers summed over production records. Digger-days; detail: mineral.
    DiggerDays = 4,
    /// Gravel washed. Litres; detail: mineral.
    GravelLitres = 5,
    /// Production weight. Carat hundredths; detail: mineral.
    CaratsHundredths = 6,
    /// Stones produced (weighed or counted). Count; detail: mineral.
    Stones = 7,
    /// Production weight whose fix lies inside its licence's area. Carat hundredths;
    /// detail: mineral.
    CaratsInsideLicence = 8,
    /// Production weight on a licence valid on the production's date. Carat hundredths;
    /// detail: mineral.
    CaratsOnValidLicence = 9,
    /// Production weight reported by a registered miner. Carat hundredths; detail: mineral.
    CaratsByRegisteredMiner = 10,
    /// Value of sales. US cents; detail: mineral.
    SalesCents = 11,
    /// Weight of sales. Carat hundredths; detail: mineral.
    SalesCaratsHundredths = 12,
    /// Value of exports. US cents; detail: HS code.
    ExportsCents = 13,
    /// Weight of exports. Carat hundredths; detail: HS code.
    ExportsCaratsHundredths = 14,
    /// Export records, one per Kimberley Process certificate. Count; detail: HS code.
    ExportCertificates = 15,
    /// Flags first raised in the month. Count; detail: flag kind.
    FlagsRaised = 16,
    /// Flags resolved by an officer in the month, while they stay resolved. Count; detail:
    /// flag kind.
    FlagsResolved = 17,
    /// Flags closed in the month because their cause went away, while they stay closed.
    /// Count; detail: flag kind.
    FlagsClosed = 18,
    /// Diamond stones produced, per size class (the footprint). Count; detail: size class
    /// (0 for below 0.10 ct … 7 for 10 ct and above). Stones counted and weighed together
    /// go to the class of their mean weight.
    FootprintStones = 19,
    /// Diamond carats produced, per size class. Carat hundredths; detail: size class.
    FootprintCarats = 20,
    /// Facts (productions, sales, exports) *backdated*: first entered more than one calendar
    /// month after the month of their date, counted in the month of their date. "Entered"
    /// is the first write's effective stamp: the device's clock, capped at the server's
    /// receipt, so a device whose clock runs ahead cannot hide a backdated record, while a
    /// handset that recorded on the day and synced weeks later (the normal offline case)
    /// is not late. Count; detail: collection (production 2, sale 3, export 4, as
    /// `Collection::tag`).
    LateRecords = 21,
    /// Value of *first sales*: sales by a miner, or by the holder of a mining licence
    /// (artisanal permit, claim, cooperative), to a licensed buyer. The basis of production
    /// value: a dealer's resale to another dealer or an exporter (a *transfer*) is in
    /// [`Measure::SalesCents`] only, so that a stone is valued once. US cents; detail:
    /// mineral.
    FirstSalesCents = 22,
    /// Weight of first sales. Carat hundredths; detail: mineral.
    FirstSalesCaratsHundredths = 23,
}

impl Measure {
    /// Every measure, in tag order.
    pub const ALL: [Measure; 24] = [
        Measure::MinersNew,
        Measure::LicencesNew,
        Measure::LicencesExpired,
        Measure::ProductionRecords,
        Measure::DiggerDays,
        Measure::GravelLitres,
        Measure::CaratsHundredths,
        Measure::Stones,
        Measure::CaratsInsideLicence,
        Measure::CaratsOnValidLicence,
        Measure::CaratsByRegisteredMiner,
        Measure::SalesCents,
        Measure::SalesCaratsHundredths,
        Measure::ExportsCents,
        Measure::ExportsCaratsHundredths,
        Measure::ExportCertificates,
        Measure::FlagsRaised,
        Measure::FlagsResolved,
        Measure::FlagsClosed,
        Measure::FootprintStones,
        Measure::FootprintCarats,
        Measure::LateRecords,
        Measure::FirstSalesCents,
        Measure::FirstSalesCaratsHundredths,
    ];

    /// The byte stored in keys.
    pub fn tag(self) -> u8 {
        self as u8
    }

    pub fn from_tag(t: u8) -> Option<Self> {
        Self::ALL.get(usize::from(t)).copied()
    }

    /// The snake_case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::MinersNew => "miners_new",
            Self::LicencesNew => "licences_new",
            Self::LicencesExpired => "licences_expired",
            Self::ProductionRecords => "production_records",
            Self::DiggerDays => "digger_days",
            Self::GravelLitres => "gravel_litres",
            Self::CaratsHundredths => "carats_hundredths",
            Self::Stones => "stones",
            Self::CaratsInsideLicence => "carats_inside_licence",
            Self::CaratsOnValidLicence => "carats_on_valid_licence",
            Self::CaratsByRegisteredMiner => "carats_by_registered_miner",
            Self::SalesCents => "sales_cents",
            Self::SalesCaratsHundredths => "sales_carats_hundredths",
            Self::ExportsCents => "exports_cents",
            Self::ExportsCaratsHundredths => "exports_carats_hundredths",
            Self::ExportCertificates => "export_certificates",
            Self::FlagsRaised => "flags_raised",
            Self::FlagsResolved => "flags_resolved",
            Self::FlagsClosed => "flags_closed",
            Self::FootprintStones => "footprint_stones",
            Self::FootprintCarats => "footprint_carats",
            Self::LateRecords => "late_records",
            Self::FirstSalesCents => "first_sales_cents",
            Self::FirstSalesCaratsHundredths => "first_sales_carats_hundredths",
        }
    }

    /// The unit of this measure's cells.
    pub fn unit(self) -> Unit {
        match self {
            Self::MinersNew
            | Self::LicencesNew
            | Self::LicencesExpired
            | Self::ProductionRecords
            | Self::Stones
            | Self::ExportCertificates
            | Self::FlagsRaised
            | Self::FlagsResolved
            | Self::FlagsClosed
            | Self::FootprintStones
            | Self::LateRecords => Unit::Count,
            Self::DiggerDays => Unit::DiggerDays,
            Self::GravelLitres => Unit::Litres,
            Self::CaratsHundredths
            | Self::CaratsInsideLicence
            | Self::CaratsOnValidLicence
            | Self::CaratsByRegisteredMiner
            | Self::SalesCaratsHundredths
            | Self::FirstSalesCaratsHundredths
            | Self::ExportsCaratsHundredths
            | Self::FootprintCarats => Unit::CaratHundredths,
            Self::SalesCents | Self::FirstSalesCents | Self::ExportsCents => Unit::UsdCents,
        }
    }

    /// What the `detail` byte of this measure's cells means.
    pub fn detail_kind(self) -> DetailKind {
        match self {
            Self::MinersNew => DetailKind::None,
            Self::LicencesNew | Self::LicencesExpired => DetailKind::LicenceKind,
            Self::ProductionRecords
            | Self::DiggerDays
            | Self::GravelLitres
            | Self::CaratsHundredths
            | Self::Stones
            | Self::CaratsInsideLicence
            | Self::CaratsOnValidLicence
            | Self::CaratsByRegisteredMiner
            | Self::SalesCents
            | Self::SalesCaratsHundredths
            | Self::FirstSalesCents
            | Self::FirstSalesCaratsHundredths => DetailKind::Mineral,
            Self::ExportsCents | Self::ExportsCaratsHundredths | Self::ExportCertificates => {
                DetailKind::HsCode
            }
            Self::FlagsRaised | Self::FlagsResolved | Self::FlagsClosed => DetailKind::FlagKind,
            Self::FootprintStones | Self::FootprintCarats => DetailKind::SizeClass,
            Self::LateRecords => DetailKind::Collection,
        }
    }
}

/// Whether a cell counts gold (a measure by mineral, of gold): reports give gold in grams
/// on lines of its own and never add it to diamonds' carats.
pub fn is_gold(key: &CellKey) -> bool {
    key.measure.detail_kind() == DetailKind::Mineral
        && key.detail == mineral_detail(sync_protocol::values::Mineral::Gold)
}

/// Milligrams of gold in hundredths of a carat (1 ct = 200 mg).
pub fn gold_milligrams(carat_hundredths: i64) -> i64 {
    carat_hundredths.saturating_mul(2)
}

/// Grams with three decimals, from milligrams.
pub fn grams(milligrams: i64) -> String {
    let sign = if milligrams < 0 { "-" } else { "" };
    let m = milligrams.unsigned_abs();
    format!("{sign}{}.{:03}", m / 1000, m % 1000)
}

/// A month as one integer: `year * 12 + month - 1` (January 2026 is 24312).
pub fn month_of(day: Day) -> i32 {
    day.year() * 12 + i32::from(u8::from(day.month())) - 1
}

/// The UTC month of a server stamp.
pub fn month_of_stamp(stamp: Hlc) -> i32 {
    let secs = i64::try_from(stamp.unix_ms() / 1000).unwrap_or(i64::MAX);
    let day = time::OffsetDateTime::from_unix_timestamp(secs)
        .map(|t| t.date())
        .unwrap_or(Day::MAX);
    month_of(day)
}

/// The year and the month (1 to 12) of a month number.
pub fn month_parts(month: i32) -> (i32, u8) {
    (month.div_euclid(12), month.rem_euclid(12) as u8 + 1)
}

/// A month as reports print it: `YYYY-MM`.
pub fn month_label(month: i32) -> String {
    let (y, m) = month_parts(month);
    format!("{y:04}-{m:02}")
}

/// The key of one cell. Ordered by region, then month, then measure, then detail, like its
/// bytes ([`CellKey::to_bytes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CellKey {
    pub region: Uuid,
    /// See [`month_of`].
    pub month: i32,
    pub measure: Measure,
    /// See [`Measure::detail_kind`]; 0 when the measure has no detail.
    pub detail: u8,
}

impl CellKey {
    /// The length of every key's bytes (fixed, so no key is a prefix of another).
    pub const LEN: usize = 22;

    /// Region (16 bytes), month (4 bytes, big-endian with the sign bit flipped so that
    /// byte order is numeric order), measure tag, detail.
    pub fn to_bytes(self) -> [u8; Self::LEN] {
        let mut b = [0u8; Self::LEN];
        b[..20].copy_from_slice(&Self::prefix(self.region, self.month));
        b[20] = self.measure.tag();
        b[21] = self.detail;
        b
    }

    /// The key these bytes hold; `None` for a wrong length or an unknown measure.
    pub fn from_bytes(b: &[u8]) -> Option<Self> {
        if b.len() != Self::LEN {
            return None;
        }
        let region = Uuid::from_slice(&b[..16]).ok()?;
        let month = (u32::from_be_bytes(b[16..20].try_into().ok()?) ^ 0x8000_0000) as i32;
        Some(Self {
            region,
            month,
            measure: Measure::from_tag(b[20])?,
            detail: b[21],
        })
    }

    /// The bytes every key of this region and month starts with: a storage scan over a
    /// region's months runs from `prefix(region, first)` to `prefix(region, last + 1)`.
    pub fn prefix(region: Uuid, month: i32) -> [u8; 20] {
        let mut b = [0u8; 20];
        b[..16].copy_from_slice(region.as_bytes());
        b[16..].copy_from_slice(&((month as u32) ^ 0x8000_0000).to_be_bytes());
        b
    }
}

/// What the checks found for one production or sale, as the caller (ingest, from the flag
/// rules' facts and the sale's purchase) decided them: facts of *other* records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct RecordChecks {
    /// The fix lies inside the licence's area (allowing for its accuracy).
    pub inside_licence_area: bool,
    /// The licence was valid on the production's date.
    pub licence_valid: bool,
    /// The production was reported by a registered miner.
    pub miner_registered: bool,
    /// (Sales.) The sale is a first sale: its seller is a miner or the holder of a mining
    /// licence, not a dealer or exporter reselling ([`Measure::FirstSalesCents`]).
    pub first_sale: bool,
}

/// A record's state, the region it is filed under, and its checks (productions only).
pub type Located<'a> = (&'a AnyRecord, Uuid, Option<RecordChecks>);

/// 1 when a fact dated in `month` was first entered (effective stamp: device clock capped at
/// receipt) after the end of the following month: see [`Measure::LateRecords`].
fn late<T: Clone + PartialEq + Serialize>(
    state: &sync_protocol::merge::RecordState<sync_protocol::records::FactField<T>>,
    month: i32,
) -> i64 {
    let first = state
        .fields
        .get("body")
        .and_then(|h| h.writes.iter().map(|w| w.order().0).min());
    i64::from(first.is_some_and(|t| month_of_stamp(t) > month + 1))
}

/// Values are bounded far below `i64::MAX` (`values.rs`); beyond, the cast wraps like the
/// sums do, so incremental and rebuilt cells still agree.
fn int(v: u64) -> i64 {
    v as i64
}

fn stones_carats(s: &Stones) -> i64 {
    match s {
        Stones::Weighed(w) => w
            .iter()
            .fold(0i64, |acc, c| acc.wrapping_add(int(c.hundredths()))),
        Stones::Counted { total, .. } => int(total.hundredths()),
    }
}

fn stones_count(s: &Stones) -> i64 {
    match s {
        Stones::Weighed(w) => w.len() as i64,
        Stones::Counted { count, .. } => i64::from(count.get()),
    }
}

/// What one record, as it stands, contributes to the cells of `region`: nothing while it is
/// incomplete or once it is voided, nothing for a region record. Zero values are left out.
/// `checks` count only for a production (the control indicators) and a sale (first sale
/// or transfer).
pub fn contributions(
    state: &AnyRecord,
    region: Uuid,
    checks: Option<RecordChecks>,
) -> Vec<(CellKey, i64)> {
    let mut out = Vec::new();
    if state.void_reason().is_some() {
        return out;
    }
    let mut put = |month: i32, measure: Measure, detail: u8, value: i64| {
        if value != 0 {
            let key = CellKey {
                region,
                month,
                measure,
                detail,
            };
            out.push((key, value));
        }
    };
    match state {
        AnyRecord::Miner(s) => {
            if let Some(m) = Miner::from_state(s) {
                put(month_of(m.registered_on), Measure::MinersNew, 0, 1);
            }
        }
        AnyRecord::Licence(s) => {
            if let Some(l) = Licence::from_state(s) {
                let issued = month_of(l.issued);
                let kind = licence_kind_detail(l.kind);
                put(issued, Measure::LicencesNew, kind, 1);
                // Valid through `expires`; no expiry cell for a licence expiring on the
                // last day the calendar has.
                if let Some(after) = l.expires.next_day() {
                    put(
                        month_of(after).max(issued),
                        Measure::LicencesExpired,
                        kind,
                        1,
                    );
                }
            }
        }
        AnyRecord::Production(s) => {
            if let Some(p) = fact_body(s) {
                let (month, mineral) = (month_of(p.date), mineral_detail(p.mineral));
                let carats = stones_carats(&p.stones);
                put(month, Measure::ProductionRecords, mineral, 1);
                put(
                    month,
                    Measure::DiggerDays,
                    mineral,
                    i64::from(p.diggers.get()),
                );
                put(
                    month,
                    Measure::GravelLitres,
                    mineral,
                    i64::from(p.gravel.get()),
                );
                put(month, Measure::CaratsHundredths, mineral, carats);
                put(month, Measure::Stones, mineral, stones_count(&p.stones));
                put(
                    month,
                    Measure::LateRecords,
                    sync_protocol::records::Collection::Production.tag(),
                    late(s, month),
                );
                if p.mineral == Mineral::Diamond {
                    // The footprint module's classing: each weighed stone in its class,
                    // stones counted together in the class of their mean. Carats counted
                    // for no stones have no class, and add nothing.
                    let f = super::footprint::Footprint::of_stones(&p.stones).unwrap_or_default();
                    for (c, (&stones, &carats)) in f.stones.iter().zip(&f.carats).enumerate() {
                        put(month, Measure::FootprintStones, c as u8, int(stones));
                        put(month, Measure::FootprintCarats, c as u8, int(carats));
                    }
                }
                if let Some(c) = checks {
                    for (passed, measure) in [
                        (c.inside_licence_area, Measure::CaratsInsideLicence),
                        (c.licence_valid, Measure::CaratsOnValidLicence),
                        (c.miner_registered, Measure::CaratsByRegisteredMiner),
                    ] {
                        if passed {
                            put(month, measure, mineral, carats);
                        }
                    }
                }
            }
        }
        AnyRecord::Sale(s) => {
            if let Some(sale) = fact_body(s) {
                let (month, mineral) = (month_of(sale.date), mineral_detail(sale.mineral));
                put(month, Measure::SalesCents, mineral, int(sale.value.cents()));
                put(
                    month,
                    Measure::LateRecords,
                    sync_protocol::records::Collection::Sale.tag(),
                    late(s, month),
                );
                put(
                    month,
                    Measure::SalesCaratsHundredths,
                    mineral,
                    int(sale.carats.hundredths()),
                );
                if checks.is_some_and(|c| c.first_sale) {
                    put(
                        month,
                        Measure::FirstSalesCents,
                        mineral,
                        int(sale.value.cents()),
                    );
                    put(
                        month,
                        Measure::FirstSalesCaratsHundredths,
                        mineral,
                        int(sale.carats.hundredths()),
                    );
                }
            }
        }
        AnyRecord::Export(s) => {
            if let Some(e) = fact_body(s) {
                let (month, hs) = (month_of(e.date), hs_code_detail(e.hs_code));
                put(month, Measure::ExportsCents, hs, int(e.value.cents()));
                put(
                    month,
                    Measure::ExportsCaratsHundredths,
                    hs,
                    int(e.carats.hundredths()),
                );
                put(month, Measure::ExportCertificates, hs, 1);
                put(
                    month,
                    Measure::LateRecords,
                    sync_protocol::records::Collection::Export.tag(),
                    late(s, month),
                );
            }
        }
        AnyRecord::Region(_) => {}
    }
    out
}

/// Adds changes to cells, removing every cell that reaches zero (a missing cell is zero).
pub fn add_into(
    cells: &mut BTreeMap<CellKey, i64>,
    changes: impl IntoIterator<Item = (CellKey, i64)>,
) {
    for (key, v) in changes {
        match cells.entry(key) {
            Entry::Vacant(e) => {
                if v != 0 {
                    e.insert(v);
                }
            }
            Entry::Occupied(mut e) => {
                let sum = e.get().wrapping_add(v);
                if sum == 0 {
                    e.remove();
                } else {
                    *e.get_mut() = sum;
                }
            }
        }
    }
}

/// `new − old`, merged per key, zeros dropped, in key order.
fn diff(old: Vec<(CellKey, i64)>, new: Vec<(CellKey, i64)>) -> Vec<(CellKey, i64)> {
    let mut cells = BTreeMap::new();
    add_into(&mut cells, new);
    add_into(
        &mut cells,
        old.into_iter().map(|(k, v)| (k, v.wrapping_neg())),
    );
    cells.into_iter().collect()
}

/// What a write moves the cells by: the record's contributions after it (`new`) minus those
/// before it (`old`; `None` for a record not stored yet), merged per key, zeros dropped, in
/// key order. A store adds this with [`add_into`] (or its own merge) in the same atomic
/// write as the record. Equal states (a duplicate op) give an empty delta.
pub fn delta(old: Option<Located<'_>>, new: Option<Located<'_>>) -> Vec<(CellKey, i64)> {
    let of = |x: Option<Located<'_>>| {
        x.map(|(s, r, c)| contributions(s, r, c))
            .unwrap_or_default()
    };
    diff(of(old), of(new))
}

/// Every cell recomputed from the records: equal, key for key, to cells kept with [`delta`]
/// at every write (the property tests' oracle; `placer admin rebuild-rollups` does the same
/// walk, streaming the records from the store). Zero cells are absent.
#[cfg(test)]
pub fn rebuild<'a>(records: impl Iterator<Item = Located<'a>>) -> BTreeMap<CellKey, i64> {
    let mut cells = BTreeMap::new();
    for (s, r, c) in records {
        add_into(&mut cells, contributions(s, r, c));
    }
    cells
}

/// No region tree is deeper than this; a longer chain of parents is a cycle in bad data.
const MAX_REGION_DEPTH: usize = 16;

/// Each cell added to its own region and to every ancestor `parent_of` gives (district →
/// region → country), so a region's cell is its own plus its districts', and the country's
/// is the whole country's. The store keeps cells in this rolled-up form: ingest passes each
/// commit's deltas through here and the rebuild passes its from-scratch cells, so a report
/// reads one region's total without visiting its districts. The input holds each record's
/// value once, under the region it is filed in; feeding already rolled-up cells would count
/// them twice. A cycle in `parent_of` stops at the first repeated region.
pub fn roll_up(
    cells: impl Iterator<Item = (CellKey, i64)>,
    parent_of: impl Fn(Uuid) -> Option<Uuid>,
) -> BTreeMap<CellKey, i64> {
    let mut chains: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    let mut out = BTreeMap::new();
    for (key, v) in cells {
        let chain = chains.entry(key.region).or_insert_with(|| {
            let mut chain = vec![key.region];
            let mut at = key.region;
            while let Some(p) = parent_of(at) {
                if chain.contains(&p) || chain.len() >= MAX_REGION_DEPTH {
                    break;
                }
                chain.push(p);
                at = p;
            }
            chain
        });
        add_into(
            &mut out,
            chain.iter().map(|&region| (CellKey { region, ..key }, v)),
        );
    }
    out
}

/// How a flag stands, for the rollups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagOutcome {
    /// Waiting for review.
    Open,
    /// Resolved by an officer at this time.
    Resolved(Hlc),
    /// Closed automatically at this time, its cause gone.
    Closed(Hlc),
}

/// What the rollups need of a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagFacts {
    pub kind: FlagKind,
    pub region: Uuid,
    pub raised_at: Hlc,
    pub outcome: FlagOutcome,
}

impl FlagFacts {
    /// The facts of a stored flag; `None` for a flag without a region (it has no cell).
    /// The outcome's time is that of the latest resolution or closure in its history.
    pub fn of(flag: &StoredFlag) -> Option<Self> {
        let last = |kind: FlagEventKind| {
            flag.history
                .iter()
                .rev()
                .find(|e| e.event == kind)
                .map_or(flag.updated_at, |e| e.at)
        };
        Some(Self {
            kind: flag.key.kind,
            region: flag.region?,
            raised_at: flag.raised_at,
            outcome: match flag.state {
                FlagState::Open => FlagOutcome::Open,
                FlagState::Resolved => FlagOutcome::Resolved(last(FlagEventKind::Resolved)),
                FlagState::Closed => FlagOutcome::Closed(last(FlagEventKind::Closed)),
            },
        })
    }
}

/// What one flag, as it stands, contributes: one raised in the month of `raised_at`, and
/// one resolved or closed in the month of its outcome.
pub fn flag_contributions(flag: &FlagFacts) -> Vec<(CellKey, i64)> {
    let detail = flag_kind_detail(flag.kind);
    let key = |at: Hlc, measure: Measure| CellKey {
        region: flag.region,
        month: month_of_stamp(at),
        measure,
        detail,
    };
    let mut out = vec![(key(flag.raised_at, Measure::FlagsRaised), 1)];
    match flag.outcome {
        FlagOutcome::Open => {}
        FlagOutcome::Resolved(at) => out.push((key(at, Measure::FlagsResolved), 1)),
        FlagOutcome::Closed(at) => out.push((key(at, Measure::FlagsClosed), 1)),
    }
    out
}

/// What a change to a flag moves the cells by, like [`delta`] for a record.
pub fn flag_delta(old: Option<&FlagFacts>, new: Option<&FlagFacts>) -> Vec<(CellKey, i64)> {
    diff(
        old.map(flag_contributions).unwrap_or_default(),
        new.map(flag_contributions).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sync_protocol::op::{Op, OpBody, Set};
    use sync_protocol::records::{
        Collection, Export, FactField, Holder, LicenceField, MinerField, Production, Sale, Seller,
    };
    use sync_protocol::values::{
        parse_day, AccuracyMetres, BirthYear, Carats, CountryCode, Diggers, GeoFix, GravelLitres,
        KpCertificate, LicenceNumber, LicenceStatus, Parcel, PersonName, Point, Reason, Sex,
        StoneCount, Text, UsdCents,
    };

    const DEVICE: Uuid = Uuid::from_u128(0xD);
    const BASE_MS: u64 = 1_750_000_000_000;

    fn region(n: u8) -> Uuid {
        Uuid::from_u128(0x1000 + u128::from(n))
    }
    fn day(s: &str) -> Day {
        parse_day(s).unwrap()
    }
    fn ct(h: u64) -> Carats {
        Carats::from_hundredths(h).unwrap()
    }
    fn reason() -> Reason {
        Reason::parse("entered twice").unwrap()
    }

    fn production(date: Day, diggers: u32, gravel: u32, stones: Stones, m: Mineral) -> Production {
        Production {
            licence: Uuid::from_u128(0x11),
            miner: Some(Uuid::from_u128(0x22)),
            date,
            fix: GeoFix {
                point: Point::new(-11.2, 8.5).unwrap(),
                accuracy: AccuracyMetres::new(8).unwrap(),
            },
            diggers: Diggers::new(diggers).unwrap(),
            gravel: GravelLitres::new(gravel).unwrap(),
            stones,
            mineral: m,
        }
    }

    fn sale(date: Day, carats: u64, value: UsdCents, m: Mineral) -> Sale {
        Sale {
            seller: Seller::Miner(Uuid::from_u128(0x22)),
            buyer: Uuid::from_u128(0x33),
            date,
            carats: ct(carats),
            stones: StoneCount::new(4).unwrap(),
            value,
            mineral: m,
        }
    }

    fn export(date: Day, carats: u64, cents: u64, hs: HsCode) -> Export {
        Export {
            exporter: Uuid::from_u128(0x44),
            certificate: KpCertificate::parse("SL-000123").unwrap(),
            date,
            carats: ct(carats),
            value: UsdCents::from_cents(cents).unwrap(),
            hs_code: hs,
            destination: CountryCode::parse("BEL").unwrap(),
            parcel: Parcel::Stones(vec![]),
        }
    }

    fn miner(registered_on: Day) -> Miner {
        Miner {
            names: PersonName::parse("Kadiatu Kamara").unwrap(),
            sex: Sex::Female,
            birth_year: BirthYear::new(1990).unwrap(),
            home_region: region(0),
            registered_on,
            registered_by: Text::parse("agent 7").unwrap(),
            national_id: None,
            phone: None,
            cooperative: None,
            registered_at: None,
        }
    }

    fn licence(kind: LicenceKind, issued: Day, expires: Day) -> Licence {
        Licence {
            number: LicenceNumber::parse("ML-2025-001").unwrap(),
            kind,
            holder: Holder::Organisation(Text::parse("Sewa Diggers").unwrap()),
            mineral: Mineral::Diamond,
            issued,
            expires,
            status: LicenceStatus::Active,
            area: None,
        }
    }

    fn sets<F>(fields: Vec<F>) -> Vec<Set<F>> {
        fields.into_iter().map(Set::new).collect()
    }
    fn prod_body(p: Production) -> OpBody {
        OpBody::Production(sets(vec![FactField::Body(p)]))
    }

    /// The state after these op bodies, written in this order by one device.
    fn written(c: Collection, bodies: Vec<OpBody>) -> AnyRecord {
        let mut s = AnyRecord::empty(c);
        for (i, body) in bodies.into_iter().enumerate() {
            let op = Op {
                record: Uuid::from_u128(0x77),
                stamp: Hlc::new(BASE_MS + i as u64, 0),
                region: region(0),
                body,
            };
            op.apply(&mut s, DEVICE, Some(op.stamp));
        }
        s
    }

    fn key(month: i32, measure: Measure, detail: u8) -> CellKey {
        CellKey {
            region: region(0),
            month,
            measure,
            detail,
        }
    }

    /// The expected cells of region 0, as (month, measure, detail, value) rows.
    fn expect(rows: &[Row]) -> BTreeMap<CellKey, i64> {
        let mut m = BTreeMap::new();
        add_into(
            &mut m,
            rows.iter().map(|&(mo, me, d, v)| (key(mo, me, d), v)),
        );
        m
    }

    /// The cells, less the footprint's and the late records' (which
    /// `footprint_cells_count_stones_per_size_class` and `facts_received_late_are_counted`
    /// check on their own).
    fn as_map(v: Vec<(CellKey, i64)>) -> BTreeMap<CellKey, i64> {
        let mut m = BTreeMap::new();
        add_into(&mut m, v.into_iter().filter(|(k, _)| !is_extra(k.measure)));
        m
    }

    fn is_extra(m: Measure) -> bool {
        is_footprint(m) || m == Measure::LateRecords
    }

    #[test]
    fn facts_received_late_are_counted() {
        // The ops' stamps are in June 2025 (`BASE_MS`).
        let on = |date: &str| {
            let p = production(
                day(date),
                1,
                0,
                Stones::Weighed(vec![ct(10)]),
                Mineral::Diamond,
            );
            let state = written(Collection::Production, vec![prod_body(p)]);
            contributions(&state, region(0), None)
                .into_iter()
                .find(|(k, _)| k.measure == Measure::LateRecords)
                .map(|(k, v)| (k.month, k.detail, v))
        };
        assert_eq!(on("2025-06-01"), None, "same month");
        assert_eq!(on("2025-05-31"), None, "the month before: on time");
        assert_eq!(
            on("2025-04-30"),
            Some((month_of(day("2025-04-01")), Collection::Production.tag(), 1)),
            "counted in its own month"
        );
    }

    fn is_footprint(m: Measure) -> bool {
        matches!(m, Measure::FootprintStones | Measure::FootprintCarats)
    }

    #[test]
    fn footprint_cells_count_stones_per_size_class() {
        let m = month_of(day("2025-03-01"));
        let weighed = production(
            day("2025-03-14"),
            5,
            2000,
            Stones::Weighed(vec![ct(25), ct(110), ct(7)]),
            Mineral::Diamond,
        );
        let state = written(Collection::Production, vec![prod_body(weighed)]);
        let got: BTreeMap<CellKey, i64> = contributions(&state, region(0), None)
            .into_iter()
            .filter(|(k, _)| is_footprint(k.measure))
            .collect();
        let want: BTreeMap<CellKey, i64> = [
            (key(m, Measure::FootprintStones, 0), 1),
            (key(m, Measure::FootprintCarats, 0), 7),
            (key(m, Measure::FootprintStones, 2), 1),
            (key(m, Measure::FootprintCarats, 2), 25),
            (key(m, Measure::FootprintStones, 4), 1),
            (key(m, Measure::FootprintCarats, 4), 110),
        ]
        .into_iter()
        .collect();
        assert_eq!(got, want);
        // Counted together: the class of the mean weight (12 stones, 3.00 ct: 0.25 ct each).
        let counted = production(
            day("2025-03-14"),
            2,
            0,
            Stones::Counted {
                count: sync_protocol::values::StoneCount::new(12).unwrap(),
                total: ct(300),
            },
            Mineral::Diamond,
        );
        let state = written(Collection::Production, vec![prod_body(counted)]);
        let got: Vec<(CellKey, i64)> = contributions(&state, region(0), None)
            .into_iter()
            .filter(|(k, _)| is_footprint(k.measure))
            .collect();
        assert_eq!(
            got,
            vec![
                (key(m, Measure::FootprintStones, 2), 12),
                (key(m, Measure::FootprintCarats, 2), 300)
            ]
        );
        // Gold has no footprint.
        let gold = production(
            day("2025-03-14"),
            2,
            0,
            Stones::Weighed(vec![ct(25)]),
            Mineral::Gold,
        );
        let state = written(Collection::Production, vec![prod_body(gold)]);
        assert!(contributions(&state, region(0), None)
            .iter()
            .all(|(k, _)| !is_footprint(k.measure)));
    }

    /// An expected cell of region 0: month, measure, detail, value.
    type Row = (i32, Measure, u8, i64);

    const DIAMOND: u8 = 0;
    const GOLD: u8 = 1;

    #[test]
    fn months_are_year_times_twelve_plus_month() {
        assert_eq!(month_of(day("2026-01-31")), 2026 * 12);
        assert_eq!(month_of(day("2025-12-01")), 2025 * 12 + 11);
        assert_eq!(month_parts(2025 * 12 + 11), (2025, 12));
        assert_eq!(month_parts(month_of(day("2024-02-29"))), (2024, 2));
        // 2025-06-15T10:13:20Z.
        assert_eq!(
            month_of_stamp(Hlc::new(BASE_MS, 3)),
            month_of(day("2025-06-15"))
        );
    }

    #[test]
    fn a_production_fills_each_measure_exactly() {
        let stones = Stones::Weighed(vec![ct(25), ct(110), ct(7)]);
        let p = production(day("2025-03-14"), 5, 2000, stones, Mineral::Diamond);
        let state = written(Collection::Production, vec![prod_body(p)]);
        let m = month_of(day("2025-03-01"));
        let cases: [(Option<RecordChecks>, &[Row]); 3] = [
            (
                None,
                &[
                    (m, Measure::ProductionRecords, DIAMOND, 1),
                    (m, Measure::DiggerDays, DIAMOND, 5),
                    (m, Measure::GravelLitres, DIAMOND, 2000),
                    (m, Measure::CaratsHundredths, DIAMOND, 142),
                    (m, Measure::Stones, DIAMOND, 3),
                ],
            ),
            (
                Some(RecordChecks {
                    inside_licence_area: true,
                    licence_valid: false,
                    miner_registered: true,
                    first_sale: false,
                }),
                &[
                    (m, Measure::ProductionRecords, DIAMOND, 1),
                    (m, Measure::DiggerDays, DIAMOND, 5),
                    (m, Measure::GravelLitres, DIAMOND, 2000),
                    (m, Measure::CaratsHundredths, DIAMOND, 142),
                    (m, Measure::Stones, DIAMOND, 3),
                    (m, Measure::CaratsInsideLicence, DIAMOND, 142),
                    (m, Measure::CaratsByRegisteredMiner, DIAMOND, 142),
                ],
            ),
            (
                Some(RecordChecks {
                    inside_licence_area: false,
                    licence_valid: true,
                    miner_registered: false,
                    first_sale: false,
                }),
                &[
                    (m, Measure::ProductionRecords, DIAMOND, 1),
                    (m, Measure::DiggerDays, DIAMOND, 5),
                    (m, Measure::GravelLitres, DIAMOND, 2000),
                    (m, Measure::CaratsHundredths, DIAMOND, 142),
                    (m, Measure::Stones, DIAMOND, 3),
                    (m, Measure::CaratsOnValidLicence, DIAMOND, 142),
                ],
            ),
        ];
        for (checks, rows) in cases {
            let got = contributions(&state, region(0), checks);
            assert_eq!(as_map(got.clone()), expect(rows), "{checks:?}");
            let plain = got.iter().filter(|(k, _)| !is_extra(k.measure)).count();
            assert_eq!(plain, rows.len(), "no duplicate keys: {checks:?}");
        }
    }

    #[test]
    fn counted_stones_gold_and_zero_gravel() {
        let stones = Stones::Counted {
            count: StoneCount::new(12).unwrap(),
            total: ct(1999),
        };
        let p = production(day("2024-11-30"), 1, 0, stones, Mineral::Gold);
        let state = written(Collection::Production, vec![prod_body(p)]);
        let m = month_of(day("2024-11-01"));
        let got = contributions(&state, region(0), Some(RecordChecks::default()));
        // Zero gravel and failed checks leave no cell; gold is kept apart from diamonds.
        assert_eq!(
            as_map(got),
            expect(&[
                (m, Measure::ProductionRecords, GOLD, 1),
                (m, Measure::DiggerDays, GOLD, 1),
                (m, Measure::CaratsHundredths, GOLD, 1999),
                (m, Measure::Stones, GOLD, 12),
            ])
        );
    }

    #[test]
    fn a_sale_counts_in_cents_and_hundredths() {
        let value = UsdCents::parse("1250.50").unwrap();
        let s = sale(day("2025-07-02"), 500, value, Mineral::Diamond);
        let state = written(
            Collection::Sale,
            vec![OpBody::Sale(sets(vec![FactField::Body(s)]))],
        );
        let m = month_of(day("2025-07-01"));
        let cells = as_map(contributions(&state, region(0), None));
        assert_eq!(
            cells,
            expect(&[
                (m, Measure::SalesCents, DIAMOND, 125_050),
                (m, Measure::SalesCaratsHundredths, DIAMOND, 500),
            ])
        );
        // US$ per carat at report time: cents per hundredth of a carat.
        assert_eq!(125_050 / 500, 250);
    }

    #[test]
    fn an_export_is_filed_under_its_hs_code() {
        for (hs, detail, label) in [
            (HsCode::Unsorted, 0, "7102.10"),
            (HsCode::Industrial, 1, "7102.21"),
            (HsCode::Gem, 2, "7102.31"),
        ] {
            let e = export(day("2025-09-30"), 12_345, 9_876_543, hs);
            let state = written(
                Collection::Export,
                vec![OpBody::Export(sets(vec![FactField::Body(e)]))],
            );
            let m = month_of(day("2025-09-01"));
            assert_eq!(
                as_map(contributions(&state, region(0), None)),
                expect(&[
                    (m, Measure::ExportsCents, detail, 9_876_543),
                    (m, Measure::ExportsCaratsHundredths, detail, 12_345),
                    (m, Measure::ExportCertificates, detail, 1),
                ])
            );
            assert_eq!(hs_code_detail(hs), detail);
            assert_eq!(DetailKind::HsCode.label(detail), Some(label));
        }
    }

    #[test]
    fn a_miner_counts_in_the_month_registered() {
        let state = written(
            Collection::Miner,
            vec![OpBody::Miner(sets(miner(day("2023-05-09")).into_fields()))],
        );
        assert_eq!(
            as_map(contributions(&state, region(0), None)),
            expect(&[(month_of(day("2023-05-01")), Measure::MinersNew, 0, 1)])
        );
    }

    #[test]
    fn a_licence_is_new_when_issued_and_expired_the_day_after_it_expires() {
        let claim = licence_kind_detail(LicenceKind::Claim);
        let cases = [
            // Valid through 30 June: expired in July.
            ("2025-01-10", "2025-06-30", "2025-01-01", Some("2025-07-01")),
            ("2025-01-10", "2025-06-15", "2025-01-01", Some("2025-06-01")),
            // An expiry before the issue (bad data) never counts before the issue.
            ("2025-03-10", "2024-12-31", "2025-03-01", Some("2025-03-01")),
            // No day after the last one the calendar has: never expires.
            ("2025-03-10", "9999-12-31", "2025-03-01", None),
        ];
        for (issued, expires, new_month, expired_month) in cases {
            let l = licence(LicenceKind::Claim, day(issued), day(expires));
            let state = written(
                Collection::Licence,
                vec![OpBody::Licence(sets(l.into_fields()))],
            );
            let mut rows = vec![(month_of(day(new_month)), Measure::LicencesNew, claim, 1)];
            if let Some(e) = expired_month {
                rows.push((month_of(day(e)), Measure::LicencesExpired, claim, 1));
            }
            assert_eq!(
                as_map(contributions(&state, region(0), None)),
                expect(&rows),
                "{issued} {expires}"
            );
        }
    }

    #[test]
    fn an_incomplete_record_contributes_nothing() {
        // An edit that arrived before the registration it edits.
        let state = written(
            Collection::Miner,
            vec![OpBody::Miner(sets(vec![MinerField::RegisteredOn(day(
                "2025-01-01",
            ))]))],
        );
        assert!(contributions(&state, region(0), None).is_empty());
        let empty = AnyRecord::empty(Collection::Production);
        assert!(contributions(&empty, region(0), Some(RecordChecks::default())).is_empty());
    }

    #[test]
    fn a_void_removes_everything() {
        let all = RecordChecks {
            inside_licence_area: true,
            licence_valid: true,
            miner_registered: true,
            first_sale: false,
        };
        let p = production(
            day("2025-02-02"),
            3,
            700,
            Stones::Weighed(vec![ct(40)]),
            Mineral::Diamond,
        );
        let cases: Vec<(Collection, Vec<OpBody>, OpBody)> = vec![
            (
                Collection::Production,
                vec![prod_body(p)],
                OpBody::Production(sets(vec![FactField::Void(reason())])),
            ),
            (
                Collection::Sale,
                vec![OpBody::Sale(sets(vec![FactField::Body(sale(
                    day("2025-02-03"),
                    40,
                    UsdCents::from_cents(5000).unwrap(),
                    Mineral::Diamond,
                ))]))],
                OpBody::Sale(sets(vec![FactField::Void(reason())])),
            ),
            (
                Collection::Export,
                vec![OpBody::Export(sets(vec![FactField::Body(export(
                    day("2025-02-04"),
                    40,
                    6000,
                    HsCode::Gem,
                ))]))],
                OpBody::Export(sets(vec![FactField::Void(reason())])),
            ),
            (
                Collection::Miner,
                vec![OpBody::Miner(sets(miner(day("2025-02-05")).into_fields()))],
                OpBody::Miner(sets(vec![MinerField::Void(reason())])),
            ),
            (
                Collection::Licence,
                vec![OpBody::Licence(sets(
                    licence(LicenceKind::Buyer, day("2025-02-06"), day("2026-02-05")).into_fields(),
                ))],
                OpBody::Licence(sets(vec![LicenceField::Void(reason())])),
            ),
        ];
        for (c, bodies, void) in cases {
            let before = written(c, bodies.clone());
            let mut with_void = bodies;
            with_void.push(void);
            let after = written(c, with_void);
            let had = contributions(&before, region(0), Some(all));
            assert!(!had.is_empty(), "{c:?}");
            assert!(
                contributions(&after, region(0), Some(all)).is_empty(),
                "{c:?}"
            );
            let d = delta(
                Some((&before, region(0), Some(all))),
                Some((&after, region(0), Some(all))),
            );
            let mut minus = BTreeMap::new();
            add_into(&mut minus, had.into_iter().map(|(k, v)| (k, -v)));
            assert_eq!(d, minus.into_iter().collect::<Vec<_>>(), "{c:?}");
        }
    }

    #[test]
    fn a_correction_to_another_month_moves_the_cells() {
        let stones = || Stones::Weighed(vec![ct(25), ct(110), ct(7)]);
        let first = production(day("2025-03-31"), 5, 2000, stones(), Mineral::Diamond);
        let moved = production(day("2025-04-01"), 5, 2000, stones(), Mineral::Diamond);
        let before = written(Collection::Production, vec![prod_body(first.clone())]);
        let after = written(
            Collection::Production,
            vec![prod_body(first), prod_body(moved)],
        );
        let (march, april) = (month_of(day("2025-03-01")), month_of(day("2025-04-01")));
        let d = as_map(delta(
            Some((&before, region(0), None)),
            Some((&after, region(0), None)),
        ));
        let mut want = BTreeMap::new();
        for (measure, v) in [
            (Measure::ProductionRecords, 1),
            (Measure::DiggerDays, 5),
            (Measure::GravelLitres, 2000),
            (Measure::CaratsHundredths, 142),
            (Measure::Stones, 3),
        ] {
            want.insert(key(march, measure, DIAMOND), -v);
            want.insert(key(april, measure, DIAMOND), v);
        }
        assert_eq!(d, want);
    }

    #[test]
    fn a_correction_of_one_value_moves_only_its_cell() {
        let p = |diggers| {
            production(
                day("2025-03-10"),
                diggers,
                2000,
                Stones::Weighed(vec![ct(25)]),
                Mineral::Diamond,
            )
        };
        let before = written(Collection::Production, vec![prod_body(p(5))]);
        let after = written(
            Collection::Production,
            vec![prod_body(p(5)), prod_body(p(8))],
        );
        let m = month_of(day("2025-03-01"));
        assert_eq!(
            delta(
                Some((&before, region(0), None)),
                Some((&after, region(0), None))
            ),
            vec![(key(m, Measure::DiggerDays, DIAMOND), 3)]
        );
        // The same state again (a duplicate op) moves nothing.
        assert!(delta(
            Some((&after, region(0), None)),
            Some((&after, region(0), None))
        )
        .is_empty());
    }

    #[test]
    fn a_backdated_record_lands_in_its_own_month() {
        // Written in June 2025 (the stamps), dated March 2023.
        let p = production(
            day("2023-03-03"),
            2,
            100,
            Stones::Weighed(vec![ct(50)]),
            Mineral::Diamond,
        );
        let state = written(Collection::Production, vec![prod_body(p)]);
        let months: Vec<i32> = contributions(&state, region(0), None)
            .iter()
            .map(|(k, _)| k.month)
            .collect();
        assert!(!months.is_empty());
        assert!(months.iter().all(|m| *m == 2023 * 12 + 2));
    }

    #[test]
    fn a_record_moving_region_or_checks_moves_its_cells() {
        let p = production(
            day("2025-05-05"),
            4,
            300,
            Stones::Weighed(vec![ct(60)]),
            Mineral::Diamond,
        );
        let state = written(Collection::Production, vec![prod_body(p)]);
        let m = month_of(day("2025-05-01"));
        // To another region: everything leaves region 0 and arrives in region 1.
        let d = delta(
            Some((&state, region(0), None)),
            Some((&state, region(1), None)),
        );
        assert_eq!(
            d.len(),
            14,
            "five measures and two footprint cells, out and in"
        );
        assert_eq!(d.iter().map(|(_, v)| v).sum::<i64>(), 0);
        assert!(d
            .iter()
            .all(|(k, v)| (k.region == region(0)) == (*v < 0) && k.month == m));
        // A re-check that finds the licence no longer valid moves only that indicator.
        let ok = RecordChecks {
            inside_licence_area: true,
            licence_valid: true,
            miner_registered: true,
            first_sale: false,
        };
        let not_valid = RecordChecks {
            licence_valid: false,
            ..ok
        };
        assert_eq!(
            delta(
                Some((&state, region(0), Some(ok))),
                Some((&state, region(0), Some(not_valid)))
            ),
            vec![(key(m, Measure::CaratsOnValidLicence, DIAMOND), -60)]
        );
    }

    #[test]
    fn district_cells_roll_up_to_regions_and_the_country() {
        let (country, east, west) = (region(10), region(11), region(12));
        let (kenema, kono, bo) = (region(21), region(22), region(23));
        let parent = |r: Uuid| {
            if r == kenema || r == kono {
                Some(east)
            } else if r == bo {
                Some(west)
            } else if r == east || r == west {
                Some(country)
            } else {
                None
            }
        };
        let cell = |r, v| {
            (
                CellKey {
                    region: r,
                    month: 24_300,
                    measure: Measure::CaratsHundredths,
                    detail: DIAMOND,
                },
                v,
            )
        };
        let rolled = roll_up(
            [
                cell(kenema, 100),
                cell(kono, 250),
                cell(kenema, 5),
                cell(bo, 7),
                // A record filed at the region level, not in a district.
                cell(east, 1000),
                cell(west, -7),
            ]
            .into_iter(),
            parent,
        );
        let get = |r| rolled.get(&cell(r, 0).0).copied();
        assert_eq!(get(kenema), Some(105));
        assert_eq!(get(kono), Some(250));
        assert_eq!(get(bo), Some(7));
        assert_eq!(get(east), Some(1355));
        assert_eq!(get(west), None, "zero cells are dropped");
        assert_eq!(get(country), Some(1355));
        // A cycle in bad data stops instead of looping.
        let looped = roll_up([cell(kenema, 1)].into_iter(), |r| {
            Some(if r == kenema { kono } else { kenema })
        });
        assert_eq!(looped.len(), 2);
    }

    #[test]
    fn measures_have_stable_tags_names_and_units() {
        for (i, m) in Measure::ALL.iter().enumerate() {
            assert_eq!(usize::from(m.tag()), i);
            assert_eq!(Measure::from_tag(m.tag()), Some(*m));
            assert_eq!(serde_json::to_value(m).unwrap(), m.name());
        }
        assert_eq!(Measure::from_tag(Measure::ALL.len() as u8), None);
        // Tags are stored in keys: these must never change.
        assert_eq!(Measure::MinersNew.tag(), 0);
        assert_eq!(Measure::CaratsHundredths.tag(), 6);
        assert_eq!(Measure::ExportCertificates.tag(), 15);
        assert_eq!(Measure::FlagsClosed.tag(), 18);
        assert_eq!(Measure::SalesCents.unit(), Unit::UsdCents);
        assert_eq!(Measure::GravelLitres.unit(), Unit::Litres);
        assert_eq!(Measure::DiggerDays.unit(), Unit::DiggerDays);
        assert_eq!(Measure::CaratsOnValidLicence.unit(), Unit::CaratHundredths);
        assert_eq!(Measure::ExportsCents.detail_kind(), DetailKind::HsCode);
        assert_eq!(DetailKind::Mineral.label(GOLD), Some("gold"));
        assert_eq!(DetailKind::LicenceKind.label(4), Some("exporter"));
        assert_eq!(DetailKind::HsCode.label(3), None);
        for k in FlagKind::ALL {
            assert_eq!(
                DetailKind::FlagKind.label(flag_kind_detail(k)),
                Some(k.name())
            );
        }
    }

    #[test]
    fn flags_count_when_raised_and_when_settled() {
        let raised = Hlc::new(BASE_MS, 0); // June 2025
        let later = Hlc::new(BASE_MS + 40 * 86_400_000, 0); // July 2025
        let open = FlagFacts {
            kind: FlagKind::LicenceNotValid,
            region: region(0),
            raised_at: raised,
            outcome: FlagOutcome::Open,
        };
        let resolved = FlagFacts {
            outcome: FlagOutcome::Resolved(later),
            ..open
        };
        let closed = FlagFacts {
            outcome: FlagOutcome::Closed(later),
            ..open
        };
        let d = flag_kind_detail(FlagKind::LicenceNotValid);
        let (june, july) = (month_of(day("2025-06-01")), month_of(day("2025-07-01")));
        assert_eq!(
            flag_delta(None, Some(&open)),
            vec![(key(june, Measure::FlagsRaised, d), 1)]
        );
        assert_eq!(
            flag_delta(Some(&open), Some(&resolved)),
            vec![(key(july, Measure::FlagsResolved, d), 1)]
        );
        assert_eq!(
            flag_delta(Some(&resolved), Some(&closed)),
            vec![
                (key(july, Measure::FlagsResolved, d), -1),
                (key(july, Measure::FlagsClosed, d), 1),
            ]
        );
        assert!(flag_delta(Some(&closed), Some(&closed)).is_empty());
    }

    fn arb_key() -> impl Strategy<Value = CellKey> {
        (
            0u128..4,
            prop_oneof![any::<i32>(), -30i32..30, 24_000i32..24_400],
            0usize..Measure::ALL.len(),
            0u8..3,
        )
            .prop_map(|(r, month, m, detail)| CellKey {
                region: Uuid::from_u128(r << 64 | r),
                month,
                measure: Measure::ALL[m],
                detail,
            })
    }

    // ---- The property test: incremental cells against a rebuild. ----

    /// Records 0..=2 are productions, 3..=4 sales, 5..=6 exports, 7..=8 miners, 9..=10
    /// licences.
    const RECORDS: usize = 11;
    const PRODUCTIONS: usize = 3;

    fn collection_of(r: usize) -> Collection {
        match r {
            0..=2 => Collection::Production,
            3..=4 => Collection::Sale,
            5..=6 => Collection::Export,
            7..=8 => Collection::Miner,
            _ => Collection::Licence,
        }
    }
    fn record_id(r: usize) -> Uuid {
        Uuid::from_u128(0xAA00 + r as u128)
    }

    fn day_at(offset: u16) -> Day {
        day("2023-01-01") + time::Duration::days(i64::from(offset))
    }

    /// One write, by what it sets.
    #[derive(Debug, Clone)]
    enum Spec {
        Production {
            date: u16,
            diggers: u32,
            gravel: u32,
            stones: Result<Vec<u64>, (u32, u64)>,
            gold: bool,
        },
        Sale {
            date: u16,
            carats: u64,
            cents: u64,
            gold: bool,
        },
        Export {
            date: u16,
            carats: u64,
            cents: u64,
            hs: u8,
        },
        /// A whole registration.
        MinerCreate {
            date: u16,
        },
        /// A correction of the registration date.
        MinerRegisteredOn {
            date: u16,
        },
        LicenceCreate {
            issued: u16,
            days: u16,
            kind: u8,
        },
        LicenceDates {
            issued: u16,
            expires: u16,
        },
        LicenceKind {
            kind: u8,
        },
        Void,
    }

    fn arb_spec(c: Collection) -> BoxedStrategy<Spec> {
        let date = 0u16..1100;
        let void = Just(Spec::Void);
        match c {
            Collection::Production => prop_oneof![
                4 => (
                    date,
                    1u32..30,
                    0u32..5000,
                    prop_oneof![
                        prop::collection::vec(1u64..600, 0..4).prop_map(Ok),
                        (0u32..10, 0u64..3000).prop_map(Err),
                    ],
                    any::<bool>(),
                )
                    .prop_map(|(date, diggers, gravel, stones, gold)| Spec::Production {
                        date,
                        diggers,
                        gravel,
                        stones,
                        gold,
                    }),
                1 => void,
            ]
            .boxed(),
            Collection::Sale => prop_oneof![
                4 => (date, 0u64..5000, 0u64..10_000_000, any::<bool>()).prop_map(
                    |(date, carats, cents, gold)| Spec::Sale {
                        date,
                        carats,
                        cents,
                        gold,
                    }
                ),
                1 => void,
            ]
            .boxed(),
            Collection::Export => prop_oneof![
                4 => (date, 0u64..50_000, 0u64..100_000_000, 0u8..3).prop_map(
                    |(date, carats, cents, hs)| Spec::Export {
                        date,
                        carats,
                        cents,
                        hs,
                    }
                ),
                1 => void,
            ]
            .boxed(),
            Collection::Miner => prop_oneof![
                3 => date.clone().prop_map(|date| Spec::MinerCreate { date }),
                2 => date.prop_map(|date| Spec::MinerRegisteredOn { date }),
                1 => void,
            ]
            .boxed(),
            _ => prop_oneof![
                3 => (date.clone(), 0u16..800, 0u8..5)
                    .prop_map(|(issued, days, kind)| Spec::LicenceCreate { issued, days, kind }),
                2 => (date.clone(), date)
                    .prop_map(|(issued, expires)| Spec::LicenceDates { issued, expires }),
                1 => (0u8..5).prop_map(|kind| Spec::LicenceKind { kind }),
                1 => void,
            ]
            .boxed(),
        }
    }

    fn kind_of(k: u8) -> LicenceKind {
        [
            LicenceKind::ArtisanalPermit,
            LicenceKind::Claim,
            LicenceKind::Cooperative,
            LicenceKind::Buyer,
            LicenceKind::Exporter,
        ][usize::from(k) % 5]
    }
    fn mineral_of(gold: bool) -> Mineral {
        if gold {
            Mineral::Gold
        } else {
            Mineral::Diamond
        }
    }

    fn body_of(spec: &Spec, c: Collection) -> OpBody {
        match (spec, c) {
            (Spec::Void, Collection::Production) => {
                OpBody::Production(sets(vec![FactField::Void(reason())]))
            }
            (Spec::Void, Collection::Sale) => OpBody::Sale(sets(vec![FactField::Void(reason())])),
            (Spec::Void, Collection::Export) => {
                OpBody::Export(sets(vec![FactField::Void(reason())]))
            }
            (Spec::Void, Collection::Miner) => {
                OpBody::Miner(sets(vec![MinerField::Void(reason())]))
            }
            (Spec::Void, _) => OpBody::Licence(sets(vec![LicenceField::Void(reason())])),
            (
                Spec::Production {
                    date,
                    diggers,
                    gravel,
                    stones,
                    gold,
                },
                _,
            ) => {
                let stones = match stones {
                    Ok(w) => Stones::Weighed(w.iter().map(|h| ct(*h)).collect()),
                    Err((count, total)) => Stones::Counted {
                        count: StoneCount::new(*count).unwrap(),
                        total: ct(*total),
                    },
                };
                prod_body(production(
                    day_at(*date),
                    *diggers,
                    *gravel,
                    stones,
                    mineral_of(*gold),
                ))
            }
            (
                Spec::Sale {
                    date,
                    carats,
                    cents,
                    gold,
                },
                _,
            ) => OpBody::Sale(sets(vec![FactField::Body(sale(
                day_at(*date),
                *carats,
                UsdCents::from_cents(*cents).unwrap(),
                mineral_of(*gold),
            ))])),
            (
                Spec::Export {
                    date,
                    carats,
                    cents,
                    hs,
                },
                _,
            ) => {
                let hs = [HsCode::Unsorted, HsCode::Industrial, HsCode::Gem][usize::from(*hs)];
                OpBody::Export(sets(vec![FactField::Body(export(
                    day_at(*date),
                    *carats,
                    *cents,
                    hs,
                ))]))
            }
            (Spec::MinerCreate { date }, _) => {
                OpBody::Miner(sets(miner(day_at(*date)).into_fields()))
            }
            (Spec::MinerRegisteredOn { date }, _) => {
                OpBody::Miner(sets(vec![MinerField::RegisteredOn(day_at(*date))]))
            }
            (Spec::LicenceCreate { issued, days, kind }, _) => {
                let issued = day_at(*issued);
                let expires = issued + time::Duration::days(i64::from(*days));
                OpBody::Licence(sets(licence(kind_of(*kind), issued, expires).into_fields()))
            }
            (Spec::LicenceDates { issued, expires }, _) => OpBody::Licence(sets(vec![
                LicenceField::Issued(day_at(*issued)),
                LicenceField::Expires(day_at(*expires)),
            ])),
            (Spec::LicenceKind { kind }, _) => {
                OpBody::Licence(sets(vec![LicenceField::Kind(kind_of(*kind))]))
            }
        }
    }

    fn arb_write() -> impl Strategy<Value = (usize, u8, Spec)> {
        (0..RECORDS).prop_flat_map(|r| (Just(r), 0u8..3, arb_spec(collection_of(r))))
    }

    fn arb_checks() -> impl Strategy<Value = RecordChecks> {
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, b, c, d)| {
            RecordChecks {
                inside_licence_area: a,
                licence_valid: b,
                miner_registered: c,
                first_sale: d,
            }
        })
    }

    /// One event reaching the store: an op, or a re-check that changed a production's
    /// checks (a licence or a miner it names was written).
    #[derive(Debug, Clone)]
    enum Delivery {
        Op(usize),
        Recheck(usize, RecordChecks),
    }

    /// Ops stamped in the order they were written, and their delivery: shuffled, some
    /// delivered twice, with re-checks in between.
    fn arb_scenario() -> impl Strategy<Value = (Vec<Op>, Vec<Delivery>)> {
        (
            prop::collection::vec(arb_write(), 1..40),
            prop::collection::vec(any::<prop::sample::Index>(), 0..12),
            prop::collection::vec((0..PRODUCTIONS, arb_checks()), 0..6),
        )
            .prop_flat_map(|(writes, dups, rechecks)| {
                let ops: Vec<Op> = writes
                    .iter()
                    .enumerate()
                    .map(|(i, (r, reg, spec))| Op {
                        record: record_id(*r),
                        stamp: Hlc::new(BASE_MS + 1000 * i as u64, 0),
                        region: region(*reg),
                        body: body_of(spec, collection_of(*r)),
                    })
                    .collect();
                let mut deliveries: Vec<Delivery> = (0..ops.len()).map(Delivery::Op).collect();
                deliveries.extend(dups.iter().map(|ix| Delivery::Op(ix.index(ops.len()))));
                deliveries.extend(rechecks.into_iter().map(|(p, c)| Delivery::Recheck(p, c)));
                (Just(ops), Just(deliveries).prop_shuffle())
            })
    }

    /// A stored record as the rollups see it: filed under the region of its latest write.
    fn located(state: &AnyRecord, checks: Option<RecordChecks>) -> Option<Located<'_>> {
        state.region().map(|r| (state, r, checks))
    }

    fn fresh_states() -> BTreeMap<Uuid, AnyRecord> {
        (0..RECORDS)
            .map(|r| (record_id(r), AnyRecord::empty(collection_of(r))))
            .collect()
    }

    proptest! {
        #[test]
        fn cell_keys_round_trip_and_sort_as_their_bytes(a in arb_key(), b in arb_key()) {
            prop_assert_eq!(CellKey::from_bytes(&a.to_bytes()), Some(a));
            prop_assert_eq!(a.cmp(&b), a.to_bytes().cmp(&b.to_bytes()));
            prop_assert!(a.to_bytes().starts_with(&CellKey::prefix(a.region, a.month)));
            prop_assert_eq!(CellKey::from_bytes(&a.to_bytes()[..21]), None);
        }

        #[test]
        fn incremental_cells_equal_the_rebuild_in_any_order_with_duplicates(
            (ops, deliveries) in arb_scenario()
        ) {
            let mut states = fresh_states();
            let mut checks: BTreeMap<Uuid, RecordChecks> = (0..PRODUCTIONS)
                .map(|p| (record_id(p), RecordChecks::default()))
                .collect();
            let mut cells = BTreeMap::new();
            for d in &deliveries {
                match d {
                    Delivery::Op(i) => {
                        let op = &ops[*i];
                        let c = checks.get(&op.record).copied();
                        let state = states.get_mut(&op.record).unwrap();
                        let old = state.clone();
                        op.apply(state, DEVICE, Some(op.stamp));
                        let change = delta(located(&old, c), located(state, c));
                        if old == *state {
                            prop_assert!(change.is_empty(), "a duplicate moved {:?}", change);
                        }
                        add_into(&mut cells, change);
                    }
                    Delivery::Recheck(p, new) => {
                        let id = record_id(*p);
                        let old = checks.insert(id, *new);
                        let state = &states[&id];
                        add_into(&mut cells, delta(located(state, old), located(state, Some(*new))));
                    }
                }
                prop_assert!(cells.values().all(|v| *v != 0));
            }
            // The merge is order-independent: the ops once each, in order, give the same states.
            let mut in_order = fresh_states();
            for op in &ops {
                op.apply(in_order.get_mut(&op.record).unwrap(), DEVICE, Some(op.stamp));
            }
            prop_assert_eq!(&in_order, &states);
            let rebuilt = rebuild(
                states
                    .iter()
                    .filter_map(|(id, s)| located(s, checks.get(id).copied())),
            );
            prop_assert_eq!(cells, rebuilt);
        }
    }
}
