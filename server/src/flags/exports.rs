//! The export rule (pure): an exporter that shipped more than it had, in any quarter.
//!
//! The stock balance is the export monitoring's ([`crate::reports::exports::balance`]): what
//! the exporter bought from registered miners and licensed buyers, plus its declared opening
//! stock, carried from quarter to quarter. One flag per exporter licence, open while any
//! quarter exceeds, with every such quarter in its evidence; it closes itself when a
//! purchase arrives, a stock is declared or an export is corrected or voided so that no
//! quarter exceeds any more.

use uuid::Uuid;

use super::kinds::{Finding, FlagKey, FlagKind};
use crate::reports::exports::{balance, ExportFact, OpeningStock, PurchaseFact, Thresholds};
use crate::reports::hundredths;

/// The flags of one exporter, from all its exports and the sales to it.
pub fn exporter_flags(
    exporter: Uuid,
    exports: &[ExportFact],
    purchases: &[PurchaseFact],
    opening: Option<OpeningStock>,
    thresholds: Thresholds,
) -> Vec<Finding> {
    let openings: Vec<OpeningStock> = opening.into_iter().collect();
    let quarters = balance(exporter, exports, purchases, &openings, None, thresholds);
    let over: Vec<_> = quarters.values().filter(|q| q.exceeds).collect();
    let Some(worst) = over.iter().max_by(|a, b| {
        let excess = |q: &&&crate::reports::exports::ExporterQuarter| {
            q.exported_carats_hundredths
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
            "available_hundredths": q.available_hundredths,
            "stock_at_start_hundredths": q.stock_at_start_hundredths,
            "bought_carats_hundredths": q.bought_carats_hundredths,
            "unverified_carats_hundredths": q.unverified_carats_hundredths,
        })).collect::<Vec<_>>(),
    });
    let summary = format!(
        "exported {} ct in {} with {} ct bought and in stock ({} quarter(s) over)",
        hundredths(worst.exported_carats_hundredths as i64),
        worst.quarter,
        hundredths(worst.available_hundredths as i64),
        over.len()
    );
    vec![Finding::new(
        FlagKey::single(FlagKind::ExportsExceedPurchases, exporter),
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
        let found = exporter_flags(exporter, &exports, &purchases, None, Thresholds::default());
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
        assert!(exporter_flags(exporter, &exports, &bought, None, t).is_empty());
        let stock = OpeningStock {
            exporter,
            month: Q1_2026,
            carats_hundredths: 4_600,
        };
        assert!(
            exporter_flags(exporter, &exports, &[], Some(stock), t).is_empty(),
            "within the 10 % margin"
        );
        assert_eq!(exporter_flags(exporter, &exports, &[], None, t).len(), 1);
    }
}
