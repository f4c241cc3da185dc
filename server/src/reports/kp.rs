//! Kimberley Process statistics, assembled from rollup cells (pure): diamond production in
//! carats per half-year, valued at **first sale** (the diamond sales by miners and
//! mining-licence holders recorded in the same half-year: the registry records sales, not a
//! valuation of production), never by resales, which would value a stone once per hand it
//! passes through (`rollup`, "First sales and transfers"); the transfers are shown beside
//! it, apart. Exports and imports per quarter by HS code (7102.10, 7102.21, 7102.31) and
//! partner country (an export's destination, an import's origin) in carats, US$ and
//! certificates (one per export or import), read from the export records and the imports
//! recorded at the ministry (they are few), not from the rollup.
//!
//! A KP statistics report is **one participant's**: the cells of one country (its subtree
//! totals), never two countries added together. A period is **partial** when some of its
//! months are outside the months asked for, before the country's first month with any
//! figure, after its last one, or not over yet: its figures are not the period's.
//!
//! # CSV columns
//! `participant, section, period, partial, hs_code, partner, carats, usd, certificates`:
//! `participant` is the country's name, `partial` `true` or `false`; `section` is
//! `production` (periods `YYYY-H1`/`YYYY-H2`, `carats` produced, `usd` the first-sale
//! value, no HS code, partner or certificates), `first_sales` and `transfers` (the sales of
//! the half-year of each kind, carats sold and US$), `exports` or `imports` (periods
//! `YYYY-Q1`…`Q4`, `partner` the ISO 3166 alpha-3 code of the destination or origin).
//! Amounts with two decimals.

use std::collections::BTreeMap;

use serde::Serialize;

use super::hundredths;

use super::national::Period;
use super::rollup::{mineral_detail, CellKey, Measure};

/// The JSON schema version of this report.
pub const VERSION: u32 = 4;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProductionRow {
    /// `YYYY-H1` or `YYYY-H2`.
    pub period: String,
    /// Some months of the half-year are not covered (module documentation).
    pub partial: bool,
    pub carats_hundredths: i64,
    pub stones: i64,
    /// Diamond first sales (by miners and mining-licence holders) in the half-year, US
    /// cents: the value of production.
    pub first_sales_cents: i64,
    pub first_sales_carats_hundredths: i64,
    /// Diamond resales by dealers and exporters in the half-year, apart.
    pub transfers_cents: i64,
    pub transfers_carats_hundredths: i64,
}

/// Exports or imports of one quarter, HS code and partner country.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TradeRow {
    /// `YYYY-Q1` … `YYYY-Q4`.
    pub period: String,
    /// Some months of the quarter are not covered (module documentation).
    pub partial: bool,
    pub hs_code: String,
    /// ISO 3166 alpha-3: the destination of exports, the origin of imports.
    pub partner: String,
    pub carats_hundredths: i64,
    pub cents: i64,
    pub certificates: i64,
}

/// One shipment under a KP certificate, as the statistics count it.
#[derive(Debug, Clone, PartialEq)]
pub struct TradeFact {
    pub flow: Flow,
    /// See [`super::rollup::month_of`].
    pub month: i32,
    pub hs_code: &'static str,
    pub partner: String,
    pub carats_hundredths: i64,
    pub cents: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Export,
    Import,
}

impl TradeFact {
    pub fn export(e: &sync_protocol::records::Export) -> Self {
        Self {
            flow: Flow::Export,
            month: super::rollup::month_of(e.date),
            hs_code: e.hs_code.code(),
            partner: e.destination.as_str().to_string(),
            carats_hundredths: e.carats.hundredths() as i64,
            cents: e.value.cents() as i64,
        }
    }

    pub fn import(i: &crate::events::Import) -> Self {
        Self {
            flow: Flow::Import,
            month: super::rollup::month_of(i.date),
            hs_code: i.hs_code.code(),
            partner: i.origin.as_str().to_string(),
            carats_hundredths: i.carats.hundredths() as i64,
            cents: i.value.cents() as i64,
        }
    }
}

/// An import recorded at the ministry, as kept.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct StoredImport {
    pub id: uuid::Uuid,
    /// The importing country (the KP participant).
    pub country: uuid::Uuid,
    pub import: crate::events::Import,
    pub recorded_at: sync_protocol::clock::Hlc,
    pub recorded_by: String,
}

/// The KP participant a report is about: a country.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Participant {
    pub id: uuid::Uuid,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KpStatistics {
    pub participant: Participant,
    pub production: Vec<ProductionRow>,
    pub exports: Vec<TradeRow>,
    pub imports: Vec<TradeRow>,
}

/// Whether the period of `len` months holding `month` has a month outside `covered`.
fn partial(month: i32, len: i32, covered: (i32, i32)) -> bool {
    let start = month - month.rem_euclid(len);
    start < covered.0 || start + len - 1 > covered.1
}

/// The statistics of `participant` for months `from..=to` over its cells (its country
/// cell's: subtree totals) and its exports and imports. `complete_through` is the last
/// month that is over.
pub fn kp_statistics<'a>(
    participant: Participant,
    cells: impl Iterator<Item = (&'a CellKey, &'a i64)>,
    trade: &[TradeFact],
    from: i32,
    to: i32,
    complete_through: i32,
) -> KpStatistics {
    let cells: Vec<(&CellKey, &i64)> = cells
        .filter(|(k, _)| (from..=to).contains(&k.month))
        .collect();
    let trade: Vec<&TradeFact> = trade
        .iter()
        .filter(|t| (from..=to).contains(&t.month))
        .collect();
    let months = || {
        cells
            .iter()
            .map(|(k, _)| k.month)
            .chain(trade.iter().map(|t| t.month))
    };
    let first = months().min().unwrap_or(from);
    let last = months().max().unwrap_or(to);
    let covered = (from.max(first), to.min(last).min(complete_through));
    let diamond = mineral_detail(sync_protocol::values::Mineral::Diamond);
    let mut production: BTreeMap<String, ProductionRow> = BTreeMap::new();
    let mut flows: [BTreeMap<(String, &str, &str), TradeRow>; 2] = Default::default();
    for t in &trade {
        let period = Period::Quarter.of(t.month);
        let flow = &mut flows[usize::from(t.flow == Flow::Import)];
        let row = flow
            .entry((period.clone(), t.hs_code, &t.partner))
            .or_insert_with(|| TradeRow {
                period,
                partial: partial(t.month, 3, covered),
                hs_code: t.hs_code.to_string(),
                partner: t.partner.clone(),
                ..Default::default()
            });
        row.carats_hundredths += t.carats_hundredths;
        row.cents += t.cents;
        row.certificates += 1;
    }
    for (key, v) in cells {
        let v = *v;
        match key.measure {
            Measure::CaratsHundredths
            | Measure::Stones
            | Measure::SalesCents
            | Measure::SalesCaratsHundredths
            | Measure::FirstSalesCents
            | Measure::FirstSalesCaratsHundredths
                if key.detail == diamond =>
            {
                let period = Period::HalfYear.of(key.month);
                let row = production
                    .entry(period.clone())
                    .or_insert_with(|| ProductionRow {
                        period,
                        partial: partial(key.month, 6, covered),
                        ..Default::default()
                    });
                // Transfers are every sale less the first sales.
                match key.measure {
                    Measure::CaratsHundredths => row.carats_hundredths += v,
                    Measure::Stones => row.stones += v,
                    Measure::SalesCents => row.transfers_cents += v,
                    Measure::SalesCaratsHundredths => row.transfers_carats_hundredths += v,
                    Measure::FirstSalesCents => {
                        row.first_sales_cents += v;
                        row.transfers_cents -= v;
                    }
                    _ => {
                        row.first_sales_carats_hundredths += v;
                        row.transfers_carats_hundredths -= v;
                    }
                }
            }
            _ => {}
        }
    }
    let [exports, imports] = flows.map(|f| f.into_values().collect());
    KpStatistics {
        participant,
        production: production.into_values().collect(),
        exports,
        imports,
    }
}

/// Both sections as one CSV (columns in the module documentation).
pub fn to_csv(s: &KpStatistics) -> Result<String, csv::Error> {
    let mut w = crate::reports::sheet::Sheet::new();
    w.row([
        "participant",
        "section",
        "period",
        "partial",
        "hs_code",
        "partner",
        "carats",
        "usd",
        "certificates",
    ])?;
    for r in &s.production {
        for (section, carats, cents) in [
            ("production", r.carats_hundredths, r.first_sales_cents),
            (
                "first_sales",
                r.first_sales_carats_hundredths,
                r.first_sales_cents,
            ),
            (
                "transfers",
                r.transfers_carats_hundredths,
                r.transfers_cents,
            ),
        ] {
            w.row([
                &s.participant.name,
                section,
                &r.period,
                &r.partial.to_string(),
                "",
                "",
                &hundredths(carats),
                &hundredths(cents),
                "",
            ])?;
        }
    }
    for (section, rows) in [("exports", &s.exports), ("imports", &s.imports)] {
        for r in rows {
            w.row([
                &s.participant.name,
                section,
                &r.period,
                &r.partial.to_string(),
                &r.hs_code,
                &r.partner,
                &hundredths(r.carats_hundredths),
                &hundredths(r.cents),
                &r.certificates.to_string(),
            ])?;
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn key(month: i32, measure: Measure, detail: u8) -> CellKey {
        CellKey {
            region: Uuid::from_u128(1),
            month,
            measure,
            detail,
        }
    }

    #[test]
    fn half_years_quarters_and_hs_codes() {
        let y = 2026 * 12;
        let cells: BTreeMap<CellKey, i64> = [
            (key(y, Measure::CaratsHundredths, 0), 100),
            (key(y + 5, Measure::CaratsHundredths, 0), 50),
            (key(y + 6, Measure::CaratsHundredths, 0), 7),
            (key(y + 6, Measure::CaratsHundredths, 1), 999), // gold: not in KP figures
            // Sales of US$123.45, of which US$100.00 at first sale.
            (key(y + 2, Measure::SalesCents, 0), 12_345),
            (key(y + 2, Measure::FirstSalesCents, 0), 10_000),
            (key(y + 2, Measure::SalesCaratsHundredths, 0), 90),
            (key(y + 2, Measure::FirstSalesCaratsHundredths, 0), 60),
        ]
        .into_iter()
        .collect();
        let shipment = |flow, month, hs_code, partner: &str, carats, cents| TradeFact {
            flow,
            month,
            hs_code,
            partner: partner.into(),
            carats_hundredths: carats,
            cents,
        };
        let trade = [
            shipment(Flow::Export, y + 1, "7102.31", "BEL", 100, 30_000),
            shipment(Flow::Export, y + 2, "7102.31", "BEL", 200, 60_000),
            shipment(Flow::Export, y + 2, "7102.31", "ARE", 50, 1_000),
            shipment(Flow::Export, y + 3, "7102.10", "ARE", 10, 100),
            shipment(Flow::Import, y + 4, "7102.10", "SLE", 40, 2_000),
        ];
        let ghana = Participant {
            id: Uuid::from_u128(1),
            name: "Ghana".into(),
        };
        let s = kp_statistics(ghana.clone(), cells.iter(), &trade, y, y + 11, y + 11);
        assert_eq!(s.participant, ghana);
        // Figures run from January to July: the second half-year is partial, the first and
        // the quarters with exports and imports are whole.
        assert_eq!(
            s.production.iter().map(|r| r.partial).collect::<Vec<_>>(),
            [false, true]
        );
        assert!(s.exports.iter().chain(&s.imports).all(|r| !r.partial));
        // A month not over yet makes its period partial.
        let now = kp_statistics(ghana.clone(), cells.iter(), &trade, y, y + 11, y + 4);
        assert!(now.production[0].partial && !now.exports[0].partial);
        assert!(now.imports[0].partial, "May is not over");
        // So does a span that cuts a period.
        let cut = kp_statistics(ghana, cells.iter(), &trade, y + 1, y + 11, y + 11);
        assert!(cut.production[0].partial && cut.exports[0].partial);
        assert_eq!(s.production.len(), 2);
        assert_eq!(
            (
                s.production[0].period.as_str(),
                s.production[0].carats_hundredths
            ),
            ("2026-H1", 150)
        );
        let h1 = &s.production[0];
        assert_eq!((h1.first_sales_cents, h1.transfers_cents), (10_000, 2_345));
        assert_eq!(
            (
                h1.first_sales_carats_hundredths,
                h1.transfers_carats_hundredths
            ),
            (60, 30)
        );
        assert_eq!(
            (
                s.production[1].period.as_str(),
                s.production[1].carats_hundredths
            ),
            ("2026-H2", 7)
        );
        // Per quarter, HS code and partner: two shipments to Belgium make one row.
        let rows: Vec<(&str, &str, &str, i64, i64, i64)> = s
            .exports
            .iter()
            .map(|r| {
                (
                    r.period.as_str(),
                    r.hs_code.as_str(),
                    r.partner.as_str(),
                    r.carats_hundredths,
                    r.cents,
                    r.certificates,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("2026-Q1", "7102.31", "ARE", 50, 1_000, 1),
                ("2026-Q1", "7102.31", "BEL", 300, 90_000, 2),
                ("2026-Q2", "7102.10", "ARE", 10, 100, 1),
            ]
        );
        assert_eq!(s.imports.len(), 1);
        assert_eq!(
            (s.imports[0].period.as_str(), s.imports[0].partner.as_str()),
            ("2026-Q2", "SLE")
        );
        let csv = to_csv(&s).unwrap();
        assert!(
            csv.contains("Ghana,exports,2026-Q1,false,7102.31,BEL,3.00,900.00,2"),
            "{csv}"
        );
        assert!(
            csv.contains("Ghana,imports,2026-Q2,false,7102.10,SLE,0.40,20.00,1"),
            "{csv}"
        );
        assert!(
            csv.contains("Ghana,production,2026-H1,false,,,1.50,100.00,"),
            "{csv}"
        );
        assert!(
            csv.contains("Ghana,first_sales,2026-H1,false,,,0.60,100.00,"),
            "{csv}"
        );
        assert!(
            csv.contains("Ghana,transfers,2026-H1,false,,,0.30,23.45,"),
            "{csv}"
        );
        // Months outside the range are left out.
        let later = kp_statistics(
            Participant::default(),
            cells.iter(),
            &trade,
            y + 7,
            y + 11,
            y + 11,
        );
        assert!(
            later.production.is_empty() && later.exports.is_empty() && later.imports.is_empty()
        );
    }
}
