//! Licensed dealers' stock balances (pure): per dealer and quarter, what it bought from
//! registered miners and licensed buyers, what it sold on to exporters and other dealers,
//! and the stock it held, by the exporters' balance ([`super::exports::balance`]): opening
//! stock + bought − sold − exported. A dealer **exceeds** in a quarter where it sold more
//! than it had, beyond the margin ([`super::exports::Thresholds::excess`]); the
//! `sales_exceed_purchases` flag says the same at ingest.
//!
//! # CSV columns
//! `quarter, dealer, dealer_number, dealer_name, region, region_name, bought_carats,
//! bought_usd, unverified_carats, sold_carats, sold_usd, exported_carats, stock_at_start,
//! available, ratio, exceeds` (carats and US$ with two decimals, the ratio with four; empty
//! where nothing was available).

use std::collections::BTreeMap;

use uuid::Uuid;

use super::exports::{balance, ExporterQuarter, OpeningStock, PurchaseFact, SoldFact, Thresholds};
use super::hundredths;

/// The JSON schema version of the report.
pub const VERSION: u32 = 1;

/// Every dealer's quarters from `from` to `to` (months), in order of dealer then quarter;
/// every quarter of the span has a row, with or without trade.
pub fn dealer_balances(
    dealers: &[Uuid],
    purchases: &[PurchaseFact],
    sold: &[SoldFact],
    openings: &[OpeningStock],
    from: i32,
    to: i32,
    thresholds: Thresholds,
) -> Vec<ExporterQuarter> {
    let (first_q, last_q) = (from.div_euclid(3), to.div_euclid(3));
    dealers
        .iter()
        .flat_map(|&d| {
            balance(
                d,
                &[],
                purchases,
                sold,
                openings,
                Some((first_q, last_q)),
                thresholds,
            )
            .into_iter()
            .filter(move |(q, _)| (first_q..=last_q).contains(q))
            .map(|(_, r)| r)
        })
        .collect()
}

/// A dealer as the report names it.
pub struct Named<'a> {
    pub number: &'a str,
    pub name: &'a str,
    pub region: Uuid,
    pub region_name: &'a str,
}

/// The rows as CSV (columns in the module documentation).
pub fn to_csv<'a>(
    rows: &[ExporterQuarter],
    named: &dyn Fn(Uuid) -> Option<Named<'a>>,
) -> Result<String, csv::Error> {
    let mut w = crate::reports::sheet::Sheet::new();
    w.row([
        "quarter",
        "dealer",
        "dealer_number",
        "dealer_name",
        "region",
        "region_name",
        "bought_carats",
        "bought_usd",
        "unverified_carats",
        "sold_carats",
        "sold_usd",
        "exported_carats",
        "stock_at_start",
        "available",
        "ratio",
        "exceeds",
    ])?;
    let h = |v: u64| hundredths(i64::try_from(v).unwrap_or(i64::MAX));
    for r in rows {
        let n = named(r.exporter);
        w.row([
            r.quarter.clone(),
            r.exporter.to_string(),
            n.as_ref().map_or("", |n| n.number).to_string(),
            n.as_ref().map_or("", |n| n.name).to_string(),
            n.as_ref().map_or(String::new(), |n| n.region.to_string()),
            n.as_ref().map_or("", |n| n.region_name).to_string(),
            h(r.bought_carats_hundredths),
            h(r.bought_cents),
            h(r.unverified_carats_hundredths),
            h(r.sold_carats_hundredths),
            h(r.sold_cents),
            h(r.exported_carats_hundredths),
            h(r.stock_at_start_hundredths),
            h(r.available_hundredths),
            r.ratio.map(|x| format!("{x:.4}")).unwrap_or_default(),
            r.exceeds.to_string(),
        ])?;
    }
    w.finish()
}

/// Rows per dealer, for a reader that wants them grouped.
pub fn by_dealer(rows: &[ExporterQuarter]) -> BTreeMap<Uuid, Vec<&ExporterQuarter>> {
    let mut out: BTreeMap<Uuid, Vec<&ExporterQuarter>> = BTreeMap::new();
    for r in rows {
        out.entry(r.exporter).or_default().push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAN_2026: i32 = 2026 * 12;

    #[test]
    fn a_dealer_that_sells_what_it_bought_holds_stock_and_one_that_sells_more_exceeds() {
        let (honest, shady) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let buy = |dealer, month, h, verified| PurchaseFact {
            id: Uuid::nil(),
            exporter: dealer,
            month,
            carats_hundredths: h,
            cents: h * 50,
            verified,
            region: Uuid::nil(),
        };
        let sell = |seller, month, h| SoldFact {
            seller,
            month,
            carats_hundredths: h,
            cents: h * 60,
        };
        let purchases = [
            buy(honest, JAN_2026, 1_000, true),
            buy(shady, JAN_2026, 1_000, true),
            buy(shady, JAN_2026 + 1, 5_000, false),
        ];
        let sold = [
            sell(honest, JAN_2026 + 1, 600),
            sell(honest, JAN_2026 + 4, 400),
            sell(shady, JAN_2026 + 2, 3_000),
        ];
        let opening = [OpeningStock {
            exporter: honest,
            month: JAN_2026,
            carats_hundredths: 100,
        }];
        let rows = dealer_balances(
            &[honest, shady],
            &purchases,
            &sold,
            &opening,
            JAN_2026,
            JAN_2026 + 5,
            Thresholds::default(),
        );
        let grouped = by_dealer(&rows);
        let h = &grouped[&honest];
        assert_eq!(h.len(), 2, "both quarters of the span");
        assert_eq!(
            (
                h[0].available_hundredths,
                h[0].sold_carats_hundredths,
                h[0].exceeds
            ),
            (1_100, 600, false)
        );
        assert_eq!(
            (h[1].stock_at_start_hundredths, h[1].exceeds),
            (500, false),
            "500 carried over"
        );
        let s = &grouped[&shady];
        assert!(
            s[0].exceeds,
            "sold 30 ct with 10 ct bought (50 unverified buy nothing)"
        );
        assert_eq!(s[0].unverified_carats_hundredths, 5_000);
        assert_eq!(s[0].ratio, Some(3.0));
        let csv = to_csv(&rows, &|d| {
            (d == shady).then_some(Named {
                number: "GH-B-0002",
                name: "Shady Buying",
                region: Uuid::from_u128(9),
                region_name: "Ashanti",
            })
        })
        .unwrap();
        assert!(
            csv.contains(&format!(
                "2026-Q1,{shady},GH-B-0002,Shady Buying,{},Ashanti,10.00,500.00,50.00,30.00,1800.00,0.00,0.00,10.00,3.0000,true",
                Uuid::from_u128(9)
            )),
            "{csv}"
        );
    }
}
