//! Kimberley Process statistics, assembled from rollup cells (pure): diamond production in
//! carats per half-year, valued at **first sale** (the diamond sales by miners and
//! mining-licence holders recorded in the same half-year: the registry records sales, not a
//! valuation of production), never by resales, which would value a stone once per hand it
//! passes through (`rollup`, "First sales and transfers"); the transfers are shown beside
//! it, apart. Exports per quarter by HS code (7102.10, 7102.21, 7102.31) in carats, US$ and
//! certificates.
//!
//! A KP statistics report is **one participant's**: the cells of one country (its subtree
//! totals), never two countries added together. A period is **partial** when some of its
//! months are outside the months asked for, before the country's first month with any
//! figure, after its last one, or not over yet: its figures are not the period's.
//!
//! # CSV columns
//! `participant, section, period, partial, hs_code, carats, usd, certificates`:
//! `participant` is the country's name, `partial` `true` or `false`; `section` is `production` (periods
//! `YYYY-H1`/`YYYY-H2`, `carats` produced, `usd` the first-sale value, no HS code or
//! certificates), `first_sales` and `transfers` (the sales of the half-year of each kind,
//! carats sold and US$) or `exports` (periods `YYYY-Q1`…`Q4`). Amounts with two
//! decimals.

use std::collections::BTreeMap;

use serde::Serialize;

use super::hundredths;

use super::national::Period;
use super::rollup::{mineral_detail, CellKey, DetailKind, Measure};

/// The JSON schema version of this report.
pub const VERSION: u32 = 3;

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

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExportRow {
    /// `YYYY-Q1` … `YYYY-Q4`.
    pub period: String,
    /// Some months of the quarter are not covered (module documentation).
    pub partial: bool,
    pub hs_code: String,
    pub carats_hundredths: i64,
    pub cents: i64,
    pub certificates: i64,
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
    pub exports: Vec<ExportRow>,
}

/// Whether the period of `len` months holding `month` has a month outside `covered`.
fn partial(month: i32, len: i32, covered: (i32, i32)) -> bool {
    let start = month - month.rem_euclid(len);
    start < covered.0 || start + len - 1 > covered.1
}

/// The statistics of `participant` for months `from..=to` over its cells (its country
/// cell's: subtree totals). `complete_through` is the last month that is over.
pub fn kp_statistics<'a>(
    participant: Participant,
    cells: impl Iterator<Item = (&'a CellKey, &'a i64)>,
    from: i32,
    to: i32,
    complete_through: i32,
) -> KpStatistics {
    let cells: Vec<(&CellKey, &i64)> = cells
        .filter(|(k, _)| (from..=to).contains(&k.month))
        .collect();
    let first = cells.iter().map(|(k, _)| k.month).min().unwrap_or(from);
    let last = cells.iter().map(|(k, _)| k.month).max().unwrap_or(to);
    let covered = (from.max(first), to.min(last).min(complete_through));
    let diamond = mineral_detail(sync_protocol::values::Mineral::Diamond);
    let mut production: BTreeMap<String, ProductionRow> = BTreeMap::new();
    let mut exports: BTreeMap<(String, u8), ExportRow> = BTreeMap::new();
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
            Measure::ExportsCents
            | Measure::ExportsCaratsHundredths
            | Measure::ExportCertificates => {
                let period = Period::Quarter.of(key.month);
                let row = exports
                    .entry((period.clone(), key.detail))
                    .or_insert_with(|| ExportRow {
                        period,
                        partial: partial(key.month, 3, covered),
                        hs_code: DetailKind::HsCode
                            .label(key.detail)
                            .unwrap_or("unknown")
                            .to_string(),
                        ..Default::default()
                    });
                match key.measure {
                    Measure::ExportsCents => row.cents += v,
                    Measure::ExportsCaratsHundredths => row.carats_hundredths += v,
                    _ => row.certificates += v,
                }
            }
            _ => {}
        }
    }
    KpStatistics {
        participant,
        production: production.into_values().collect(),
        exports: exports.into_values().collect(),
    }
}

/// Both sections as one CSV (columns in the module documentation).
pub fn to_csv(s: &KpStatistics) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "participant",
        "section",
        "period",
        "partial",
        "hs_code",
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
            w.write_record([
                &s.participant.name,
                section,
                &r.period,
                &r.partial.to_string(),
                "",
                &hundredths(carats),
                &hundredths(cents),
                "",
            ])?;
        }
    }
    for r in &s.exports {
        w.write_record([
            &s.participant.name,
            "exports",
            &r.period,
            &r.partial.to_string(),
            &r.hs_code,
            &hundredths(r.carats_hundredths),
            &hundredths(r.cents),
            &r.certificates.to_string(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields"))
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
            (key(y + 1, Measure::ExportsCaratsHundredths, 2), 300),
            (key(y + 1, Measure::ExportsCents, 2), 90_000),
            (key(y + 1, Measure::ExportCertificates, 2), 1),
            (key(y + 3, Measure::ExportCertificates, 0), 2),
        ]
        .into_iter()
        .collect();
        let ghana = Participant {
            id: Uuid::from_u128(1),
            name: "Ghana".into(),
        };
        let s = kp_statistics(ghana.clone(), cells.iter(), y, y + 11, y + 11);
        assert_eq!(s.participant, ghana);
        // Figures run from January to July: the second half-year is partial, the first and
        // the quarters with exports are whole.
        assert_eq!(
            s.production.iter().map(|r| r.partial).collect::<Vec<_>>(),
            [false, true]
        );
        assert!(s.exports.iter().all(|r| !r.partial));
        // A month not over yet makes its period partial.
        let now = kp_statistics(ghana.clone(), cells.iter(), y, y + 11, y + 4);
        assert!(now.production[0].partial && !now.exports[0].partial);
        // So does a span that cuts a period.
        let cut = kp_statistics(ghana, cells.iter(), y + 1, y + 11, y + 11);
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
        assert_eq!(s.exports.len(), 2);
        assert_eq!(s.exports[0].period, "2026-Q1");
        assert_eq!(s.exports[0].hs_code, "7102.31");
        assert_eq!(
            (
                s.exports[0].carats_hundredths,
                s.exports[0].cents,
                s.exports[0].certificates
            ),
            (300, 90_000, 1)
        );
        assert_eq!(
            (s.exports[1].period.as_str(), s.exports[1].hs_code.as_str()),
            ("2026-Q2", "7102.10")
        );
        let csv = to_csv(&s).unwrap();
        assert!(
            csv.contains("Ghana,exports,2026-Q1,false,7102.31,3.00,900.00,1"),
            "{csv}"
        );
        assert!(
            csv.contains("Ghana,production,2026-H1,false,,1.50,100.00,"),
            "{csv}"
        );
        assert!(
            csv.contains("Ghana,first_sales,2026-H1,false,,0.60,100.00,"),
            "{csv}"
        );
        assert!(
            csv.contains("Ghana,transfers,2026-H1,false,,0.30,23.45,"),
            "{csv}"
        );
        // Months outside the range are left out.
        assert!(
            kp_statistics(Participant::default(), cells.iter(), y + 7, y + 11, y + 11)
                .production
                .is_empty()
        );
    }
}
