//! The regional rollup: per region and month, the figures ARCHITECTURE.md lists
//! ("Reports"), assembled from rollup cells (pure: the caller reads the cells).
//!
//! Stored cells hold sums only; everything derived is computed here, at report time:
//! miners total and licences active are running sums from the first cell on (so the caller
//! passes every cell up to the last month, not only the months shown), gravel in m³ is
//! litres / 1000, the mean stone size is carats / stones, US$ per carat is sales cents /
//! sales carats. Carats, stones, sales and first sales are diamonds'; gold is given on
//! lines of its own, in grams (its weighings are recorded in carats, 1 ct = 0.2 g), and
//! never added to diamonds' carats. Site-days, digger-days and gravel count both.
//!
//! # CSV columns (stable; a new column is only ever added at the end)
//! `region, month, miners_new, miners_total, licences_new, licences_expired,
//! licences_active, production_records, digger_days, gravel_m3, carats, stones,
//! mean_stone_ct, sales_usd, sales_carats, usd_per_carat, flags_raised, flags_resolved,
//! flags_closed, first_sales_usd, first_sales_carats, region_name, gold_grams,
//! gold_sales_grams, gold_sales_usd` — carats and US$ with two decimals, gravel and grams
//! with three, empty when a ratio has no denominator; the flag columns are
//! totals over kinds (the JSON splits them). Sales are every sale; first sales, by miners
//! and mining-licence holders, are also given apart (`rollup`, "First sales and
//! transfers"). `region_name` is the region's name, as the caller gives it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::hundredths;
use uuid::Uuid;

use super::rollup::{gold_milligrams, grams, is_gold, month_label, CellKey, DetailKind, Measure};

/// The JSON schema version of this report.
pub const VERSION: u32 = 2;

/// One region in one month.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RegionalRow {
    pub region: Uuid,
    /// The region's name, for a person; filled by the caller, which knows the regions.
    pub region_name: String,
    /// `YYYY-MM`.
    pub month: String,
    pub miners_new: i64,
    pub miners_total: i64,
    pub licences_new: i64,
    pub licences_expired: i64,
    pub licences_active: i64,
    pub production_records: i64,
    pub digger_days: i64,
    pub gravel_litres: i64,
    pub carats_hundredths: i64,
    pub stones: i64,
    /// Carats per stone, when any stone was counted.
    pub mean_stone_ct: Option<f64>,
    pub sales_cents: i64,
    pub sales_carats_hundredths: i64,
    /// US$ per carat sold, when any carat was sold.
    pub usd_per_carat: Option<f64>,
    /// Sales by miners and mining-licence holders.
    pub first_sales_cents: i64,
    pub first_sales_carats_hundredths: i64,
    /// Gold produced, sold (every sale) and its value: milligrams and US cents.
    pub gold_milligrams: i64,
    pub gold_sales_milligrams: i64,
    pub gold_sales_cents: i64,
    /// Flags by kind.
    pub flags_raised: BTreeMap<String, i64>,
    pub flags_resolved: BTreeMap<String, i64>,
    pub flags_closed: BTreeMap<String, i64>,
}

/// The report: rows for months `from..=to` (month indexes) of the given regions, from cells
/// covering every month up to `to` (already rolled up to parents when wanted).
pub fn regional(
    cells: &BTreeMap<CellKey, i64>,
    regions: &[Uuid],
    from: i32,
    to: i32,
) -> Vec<RegionalRow> {
    let mut rows = Vec::new();
    for &region in regions {
        let mut miners_total = 0;
        let mut licences_active = 0;
        let mut by_month: BTreeMap<i32, RegionalRow> = BTreeMap::new();
        let first = cells
            .keys()
            .filter(|k| k.region == region)
            .map(|k| k.month)
            .min()
            .unwrap_or(from)
            .min(from);
        for month in first..=to {
            let mut row = RegionalRow {
                region,
                month: month_label(month),
                ..Default::default()
            };
            let lo = CellKey {
                region,
                month,
                measure: Measure::ALL[0],
                detail: 0,
            };
            for (key, v) in cells
                .range(lo..)
                .take_while(|(k, _)| k.region == region && k.month == month)
            {
                let kind = || {
                    key.measure
                        .detail_kind()
                        .label(key.detail)
                        .unwrap_or("unknown")
                        .to_string()
                };
                if is_gold(key) {
                    match key.measure {
                        Measure::CaratsHundredths => row.gold_milligrams += gold_milligrams(*v),
                        Measure::SalesCaratsHundredths => {
                            row.gold_sales_milligrams += gold_milligrams(*v)
                        }
                        Measure::SalesCents => row.gold_sales_cents += v,
                        // Site-days, digger-days and gravel are the mine's, whatever it
                        // yields.
                        Measure::ProductionRecords => row.production_records += v,
                        Measure::DiggerDays => row.digger_days += v,
                        Measure::GravelLitres => row.gravel_litres += v,
                        _ => {}
                    }
                    continue;
                }
                match key.measure {
                    Measure::MinersNew => row.miners_new += v,
                    Measure::LicencesNew => row.licences_new += v,
                    Measure::LicencesExpired => row.licences_expired += v,
                    Measure::ProductionRecords => row.production_records += v,
                    Measure::DiggerDays => row.digger_days += v,
                    Measure::GravelLitres => row.gravel_litres += v,
                    Measure::CaratsHundredths => row.carats_hundredths += v,
                    Measure::Stones => row.stones += v,
                    Measure::SalesCents => row.sales_cents += v,
                    Measure::SalesCaratsHundredths => row.sales_carats_hundredths += v,
                    Measure::FirstSalesCents => row.first_sales_cents += v,
                    Measure::FirstSalesCaratsHundredths => row.first_sales_carats_hundredths += v,
                    Measure::FlagsRaised => *row.flags_raised.entry(kind()).or_default() += v,
                    Measure::FlagsResolved => *row.flags_resolved.entry(kind()).or_default() += v,
                    Measure::FlagsClosed => *row.flags_closed.entry(kind()).or_default() += v,
                    _ => {}
                }
            }
            debug_assert!(matches!(
                Measure::FlagsRaised.detail_kind(),
                DetailKind::FlagKind
            ));
            miners_total += row.miners_new;
            licences_active += row.licences_new - row.licences_expired;
            row.miners_total = miners_total;
            row.licences_active = licences_active;
            row.mean_stone_ct =
                (row.stones > 0).then(|| row.carats_hundredths as f64 / 100.0 / row.stones as f64);
            row.usd_per_carat = (row.sales_carats_hundredths > 0)
                .then(|| row.sales_cents as f64 / row.sales_carats_hundredths as f64);
            if month >= from {
                by_month.insert(month, row);
            }
        }
        rows.extend(by_month.into_values());
    }
    rows
}

/// The rows as CSV (the columns in the module documentation).
pub fn to_csv(rows: &[RegionalRow]) -> Result<String, csv::Error> {
    let mut w = crate::reports::sheet::Sheet::new();
    w.row([
        "region",
        "month",
        "miners_new",
        "miners_total",
        "licences_new",
        "licences_expired",
        "licences_active",
        "production_records",
        "digger_days",
        "gravel_m3",
        "carats",
        "stones",
        "mean_stone_ct",
        "sales_usd",
        "sales_carats",
        "usd_per_carat",
        "flags_raised",
        "flags_resolved",
        "flags_closed",
        "first_sales_usd",
        "first_sales_carats",
        "region_name",
        "gold_grams",
        "gold_sales_grams",
        "gold_sales_usd",
    ])?;
    let opt = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_default();
    for r in rows {
        w.row([
            r.region.to_string(),
            r.month.clone(),
            r.miners_new.to_string(),
            r.miners_total.to_string(),
            r.licences_new.to_string(),
            r.licences_expired.to_string(),
            r.licences_active.to_string(),
            r.production_records.to_string(),
            r.digger_days.to_string(),
            format!("{:.3}", r.gravel_litres as f64 / 1000.0),
            hundredths(r.carats_hundredths),
            r.stones.to_string(),
            opt(r.mean_stone_ct),
            hundredths(r.sales_cents),
            hundredths(r.sales_carats_hundredths),
            opt(r.usd_per_carat),
            r.flags_raised.values().sum::<i64>().to_string(),
            r.flags_resolved.values().sum::<i64>().to_string(),
            r.flags_closed.values().sum::<i64>().to_string(),
            hundredths(r.first_sales_cents),
            hundredths(r.first_sales_carats_hundredths),
            r.region_name.clone(),
            grams(r.gold_milligrams),
            grams(r.gold_sales_milligrams),
            hundredths(r.gold_sales_cents),
        ])?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(region: u128, month: i32, measure: Measure, detail: u8) -> CellKey {
        CellKey {
            region: Uuid::from_u128(region),
            month,
            measure,
            detail,
        }
    }

    #[test]
    fn running_totals_start_before_the_months_shown() {
        let jan = 2026 * 12;
        let cells: BTreeMap<CellKey, i64> = [
            (key(1, jan - 2, Measure::MinersNew, 0), 4),
            (key(1, jan - 2, Measure::LicencesNew, 1), 2),
            (key(1, jan + 1, Measure::MinersNew, 0), 3),
            (key(1, jan + 1, Measure::LicencesExpired, 1), 1),
            (key(1, jan + 1, Measure::CaratsHundredths, 0), 135),
            (key(1, jan + 1, Measure::Stones, 0), 2),
            (key(1, jan + 1, Measure::SalesCents, 0), 50_025),
            (key(1, jan + 1, Measure::SalesCaratsHundredths, 0), 135),
            (key(1, jan + 1, Measure::FlagsRaised, 0), 2),
            // Gold: 2.50 ct (0.5 g) dug and sold for US$ 40, on a site-day of its own.
            (key(1, jan + 1, Measure::CaratsHundredths, 1), 250),
            (key(1, jan + 1, Measure::SalesCaratsHundredths, 1), 250),
            (key(1, jan + 1, Measure::SalesCents, 1), 4_000),
            (key(1, jan + 1, Measure::ProductionRecords, 1), 1),
        ]
        .into_iter()
        .collect();
        let rows = regional(&cells, &[Uuid::from_u128(1)], jan, jan + 1);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].month, "2026-01");
        assert_eq!((rows[0].miners_total, rows[0].licences_active), (4, 2));
        let feb = &rows[1];
        assert_eq!(
            (feb.miners_new, feb.miners_total, feb.licences_active),
            (3, 7, 1)
        );
        assert_eq!(feb.mean_stone_ct, Some(0.675));
        assert!((feb.usd_per_carat.unwrap() - 370.555).abs() < 0.001);
        assert_eq!(feb.flags_raised.values().sum::<i64>(), 2);
        assert_eq!(feb.carats_hundredths, 135, "diamonds' carats only");
        assert_eq!(
            (
                feb.gold_milligrams,
                feb.gold_sales_milligrams,
                feb.gold_sales_cents
            ),
            (500, 500, 4_000)
        );
        assert_eq!(feb.production_records, 1);
        assert_eq!(rows[0].mean_stone_ct, None);
        let csv = to_csv(&rows).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("region,month,miners_new,miners_total"));
        assert!(
            lines[2].contains(",1.35,2,0.68,500.25,1.35,370.56,2,0,0"),
            "{}",
            lines[2]
        );
        assert!(lines[2].ends_with(",0.500,0.500,40.00"), "{}", lines[2]);
    }

    #[test]
    fn amounts_print_with_two_decimals() {
        assert_eq!(hundredths(125), "1.25");
        assert_eq!(hundredths(7), "0.07");
        assert_eq!(hundredths(-250), "-2.50");
    }
}
