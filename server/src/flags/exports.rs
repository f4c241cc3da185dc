//! The traders' rule (pure): an exporter that shipped, or a dealer that sold, more than it
//! had, in any quarter.
//!
//! The stock balance is the export monitoring's ([`crate::reports::exports::balance`]): what
//! the trader bought from registered miners and licensed buyers, plus its declared opening
//! stock, carried from quarter to quarter, less what it exported and sold on. One flag per
//! trader licence (`exports_exceed_purchases` for an exporter, `sales_exceed_purchases` for
//! a dealer), open while any quarter exceeds, with every such quarter in its evidence; it
//! closes itself when a purchase arrives, a stock is declared or an export or sale is
//! corrected or voided so that no quarter exceeds any more.

use uuid::Uuid;

use super::kinds::{Finding, FlagKey, FlagKind};
use crate::reports::exports::{
    balance, ExportFact, OpeningStock, PurchaseFact, SoldFact, Thresholds,
};
use crate::reports::hundredths;

/// The flags of one trader licence (`kind`: an exporter's or a dealer's), from all its
/// exports, the sales to it and the sales by it.
pub fn trader_flags(
    kind: FlagKind,
    exporter: Uuid,
    exports: &[ExportFact],
    purchases: &[PurchaseFact],
    sold: &[SoldFact],
    opening: Option<OpeningStock>,
    thresholds: Thresholds,
) -> Vec<Finding> {
    let openings: Vec<OpeningStock> = opening.into_iter().collect();
    let quarters = balance(
        exporter, exports, purchases, sold, &openings, None, thresholds,
    );
    let over: Vec<_> = quarters.values().filter(|q| q.exceeds).collect();
    let Some(worst) = over.iter().max_by(|a, b| {
        let excess = |q: &&&crate::reports::exports::ExporterQuarter| {
            (q.exported_carats_hundredths + q.sold_carats_hundredths)
                .saturating_sub(q.available_hundredths)
        };
        excess(a).cmp(&excess(b))
    }) else {
        return Vec::new();
    };
    let mut records = vec![exporter];
    records.extend(
        exports
            .iter()
            .filter(|e| e.exporter == exporter)
            .map(|e| e.id),
    );
    let evidence = serde_json::json!({
        "margin": thresholds.excess,
        "quarters": over.iter().map(|q| serde_json::json!({
            "quarter": q.quarter,
            "exported_carats_hundredths": q.exported_carats_hundredths,
            "sold_carats_hundredths": q.sold_carats_hundredths,
            "available_hundredths": q.available_hundredths,
            "stock_at_start_hundredths": q.stock_at_start_hundredths,
            "bought_carats_hundredths": q.bought_carats_hundredths,
            "unverified_carats_hundredths": q.unverified_carats_hundredths,
        })).collect::<Vec<_>>(),
    });
    let moved = match (
        worst.exported_carats_hundredths,
        worst.sold_carats_hundredths,
    ) {
        (e, 0) => format!("exported {} ct", hundredths(e as i64)),
        (0, s) => format!("sold {} ct", hundredths(s as i64)),
        (e, s) => format!(
            "exported {} ct and sold {} ct",
            hundredths(e as i64),
            hundredths(s as i64)
        ),
    };
    let summary = format!(
        "{moved} in {} with {} ct bought and in stock ({} quarter(s) over)",
        worst.quarter,
        hundredths(worst.available_hundredths as i64),
        over.len()
    );
    vec![Finding::new(
        FlagKey::single(kind, exporter),
        records,
        evidence,
        summary,
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::footprint::Footprint;

    const Q1_2026: i32 = 2026 * 12;

    fn export(month: i32, hundredths: u64) -> ExportFact {
        ExportFact {
            id: Uuid::from_u128(100 + hundredths as u128),
            exporter: Uuid::from_u128(1),
            country: None,
            hs_code: "7102.31",
            month,
            carats_hundredths: hundredths,
            cents: hundredths * 100,
            parcel: Footprint::default(),
            valuation_cents: None,
            duty_cents: None,
            cited_carats_hundredths: None,
        }
    }

    fn purchase(month: i32, hundredths: u64, verified: bool) -> PurchaseFact {
        PurchaseFact {
            id: Uuid::from_u128(200 + hundredths as u128),
            exporter: Uuid::from_u128(1),
            month,
            carats_hundredths: hundredths,
            cents: 0,
            verified,
            region: Uuid::from_u128(9),
        }
    }

    #[test]
    fn exports_beyond_purchases_and_stock_raise_one_flag_naming_the_quarters() {
        let exporter = Uuid::from_u128(1);
        let exports = [export(Q1_2026, 5_000), export(Q1_2026 + 4, 3_000)];
        let purchases = [
            purchase(Q1_2026, 1_000, true),
            purchase(Q1_2026, 9_000, false),
        ];
        let found = trader_flags(
            FlagKind::ExportsExceedPurchases,
            exporter,
            &exports,
            &purchases,
            &[],
            None,
            Thresholds::default(),
        );
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(
            f.key,
            FlagKey::single(FlagKind::ExportsExceedPurchases, exporter)
        );
        assert_eq!(f.records[0], exporter);
        assert_eq!(f.evidence["quarters"].as_array().unwrap().len(), 2);
        assert!(f.summary.contains("2026-Q1"), "{}", f.summary);
    }

    #[test]
    fn purchases_or_a_declared_stock_clear_it() {
        let exporter = Uuid::from_u128(1);
        let exports = [export(Q1_2026, 5_000)];
        let bought = [purchase(Q1_2026, 5_000, true)];
        let t = Thresholds::default();
        assert!(trader_flags(
            FlagKind::ExportsExceedPurchases,
            exporter,
            &exports,
            &bought,
            &[],
            None,
            t
        )
        .is_empty());
        let stock = OpeningStock {
            exporter,
            month: Q1_2026,
            carats_hundredths: 4_600,
        };
        assert!(
            trader_flags(
                FlagKind::ExportsExceedPurchases,
                exporter,
                &exports,
                &[],
                &[],
                Some(stock),
                t
            )
            .is_empty(),
            "within the 10 % margin"
        );
        assert_eq!(
            trader_flags(
                FlagKind::ExportsExceedPurchases,
                exporter,
                &exports,
                &[],
                &[],
                None,
                t
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_dealer_selling_more_than_it_bought_and_held_raises_its_own_kind() {
        let dealer = Uuid::from_u128(1);
        let bought = [purchase(Q1_2026, 1_000, true)];
        let sold = |h| SoldFact {
            seller: dealer,
            month: Q1_2026,
            carats_hundredths: h,
            cents: 0,
        };
        let t = Thresholds::default();
        let kind = FlagKind::SalesExceedPurchases;
        assert!(trader_flags(kind, dealer, &[], &bought, &[sold(1_050)], None, t).is_empty());
        let found = trader_flags(kind, dealer, &[], &bought, &[sold(2_500)], None, t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key, FlagKey::single(kind, dealer));
        assert!(
            found[0]
                .summary
                .starts_with("sold 25.00 ct in 2026-Q1 with 10.00 ct"),
            "{}",
            found[0].summary
        );
        assert_eq!(
            found[0].evidence["quarters"][0]["sold_carats_hundredths"],
            2_500
        );
    }
}
