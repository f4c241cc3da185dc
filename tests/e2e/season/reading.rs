//! Reads the reports the server answers, JSON and CSV, into the shapes of
//! [`super::books`], so that the two can be compared field by field. Amounts in the CSV are
//! decimals ("12.34" carats, "0.450" m³): they are read back into integer hundredths and
//! litres, so a wrong digit shows as a wrong integer. Ratios are kept apart, as floats.

use std::collections::BTreeMap;

use serde_json::Value as Json;
use uuid::Uuid;

use super::figures::{ControlRow, ExportSums, Kp, KpProduction, Ratios, RegionalRow};

fn int(row: &Json, field: &str) -> i64 {
    row[field]
        .as_i64()
        .unwrap_or_else(|| panic!("{field} is not an integer in {row}"))
}

fn ratio(row: &Json, field: &str) -> Option<f64> {
    match &row[field] {
        Json::Null => None,
        v => Some(
            v.as_f64()
                .unwrap_or_else(|| panic!("{field} is not a number in {row}")),
        ),
    }
}

fn by_kind(row: &Json, field: &str) -> BTreeMap<String, i64> {
    row[field]
        .as_object()
        .unwrap_or_else(|| panic!("{field} is not an object in {row}"))
        .iter()
        .map(|(k, v)| (k.clone(), v.as_i64().unwrap()))
        .collect()
}

fn rows<'a>(report: &'a Json, field: &str) -> &'a Vec<Json> {
    report[field]
        .as_array()
        .unwrap_or_else(|| panic!("no {field} array in {report}"))
}

/// A decimal with `places` places as an integer of that unit: "12.34" → 1234.
fn fixed(text: &str, places: u32) -> i64 {
    let (whole, frac) = text
        .split_once('.')
        .unwrap_or_else(|| panic!("{text:?} has no decimal point"));
    assert_eq!(frac.len(), places as usize, "{text:?}: {places} places");
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    let whole: i64 = whole.trim_start_matches('-').parse().unwrap();
    sign * (whole * 10i64.pow(places) + frac.parse::<i64>().unwrap())
}

fn csv_ratio(text: &str) -> Option<f64> {
    (!text.is_empty()).then(|| text.parse().unwrap())
}

/// CSV rows as maps from column name to text, checking the header.
fn csv_rows(text: &str, header: &[&str]) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let got: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(got, header, "CSV columns");
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .map(|h| h.to_string())
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

pub type RegionalKey = (Uuid, String);

pub fn regional_json(
    report: &Json,
) -> (
    BTreeMap<RegionalKey, RegionalRow>,
    BTreeMap<RegionalKey, Ratios>,
) {
    assert_eq!(report["version"], 2, "{report}");
    let (mut out, mut ratios) = (BTreeMap::new(), BTreeMap::new());
    for r in rows(report, "rows") {
        let key = (
            r["region"].as_str().unwrap().parse().unwrap(),
            r["month"].as_str().unwrap().to_string(),
        );
        let row = RegionalRow {
            miners_new: int(r, "miners_new"),
            miners_total: int(r, "miners_total"),
            licences_new: int(r, "licences_new"),
            licences_expired: int(r, "licences_expired"),
            licences_active: int(r, "licences_active"),
            production_records: int(r, "production_records"),
            digger_days: int(r, "digger_days"),
            gravel_litres: int(r, "gravel_litres"),
            carats: int(r, "carats_hundredths"),
            stones: int(r, "stones"),
            sales_cents: int(r, "sales_cents"),
            sales_carats: int(r, "sales_carats_hundredths"),
            first_sales_cents: int(r, "first_sales_cents"),
            first_sales_carats: int(r, "first_sales_carats_hundredths"),
            gold_milligrams: int(r, "gold_milligrams"),
            flags_raised: by_kind(r, "flags_raised"),
            flags_resolved: by_kind(r, "flags_resolved"),
            flags_closed: by_kind(r, "flags_closed"),
        };
        assert!(
            !r["region_name"].as_str().unwrap().is_empty(),
            "a region without its name: {r}"
        );
        let derived = Ratios::from([
            ("mean_stone_ct", ratio(r, "mean_stone_ct")),
            ("usd_per_carat", ratio(r, "usd_per_carat")),
        ]);
        assert!(out.insert(key.clone(), row).is_none(), "{key:?} twice");
        ratios.insert(key, derived);
    }
    (out, ratios)
}

/// The regional CSV: flags as totals ([`RegionalRow::flag_totals`]).
pub fn regional_csv(
    text: &str,
) -> (
    BTreeMap<RegionalKey, RegionalRow>,
    BTreeMap<RegionalKey, Ratios>,
) {
    let header = [
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
    ];
    let (mut out, mut ratios) = (BTreeMap::new(), BTreeMap::new());
    for r in csv_rows(text, &header) {
        assert!(
            !r["region_name"].is_empty(),
            "a region without its name: {r:?}"
        );
        let n = |c: &str| -> i64 { r[c].parse().unwrap() };
        let all = |c: &str| BTreeMap::from([("all".to_string(), n(c))]);
        let key = (r["region"].parse().unwrap(), r["month"].clone());
        let row = RegionalRow {
            miners_new: n("miners_new"),
            miners_total: n("miners_total"),
            licences_new: n("licences_new"),
            licences_expired: n("licences_expired"),
            licences_active: n("licences_active"),
            production_records: n("production_records"),
            digger_days: n("digger_days"),
            gravel_litres: fixed(&r["gravel_m3"], 3),
            carats: fixed(&r["carats"], 2),
            stones: n("stones"),
            sales_cents: fixed(&r["sales_usd"], 2),
            sales_carats: fixed(&r["sales_carats"], 2),
            first_sales_cents: fixed(&r["first_sales_usd"], 2),
            first_sales_carats: fixed(&r["first_sales_carats"], 2),
            gold_milligrams: fixed(&r["gold_grams"], 3),
            flags_raised: all("flags_raised"),
            flags_resolved: all("flags_resolved"),
            flags_closed: all("flags_closed"),
        };
        let derived = Ratios::from([
            ("mean_stone_ct", csv_ratio(&r["mean_stone_ct"])),
            ("usd_per_carat", csv_ratio(&r["usd_per_carat"])),
        ]);
        assert!(out.insert(key.clone(), row).is_none(), "{key:?} twice");
        ratios.insert(key, derived);
    }
    (out, ratios)
}

pub type ControlKey = (String, Option<Uuid>);

const SHARES: [&str; 3] = [
    "share_inside_licence",
    "share_on_valid_licence",
    "share_by_registered_miner",
];

pub fn national_json(
    report: &Json,
) -> (
    BTreeMap<ControlKey, ControlRow>,
    BTreeMap<ControlKey, Ratios>,
) {
    assert_eq!(report["version"], 5, "{report}");
    let (mut out, mut ratios) = (BTreeMap::new(), BTreeMap::new());
    for r in rows(report, "rows") {
        let region = r["region"].as_str().map(|s| s.parse().unwrap());
        assert_eq!(
            region.is_some(),
            r["region_name"].as_str().is_some_and(|n| !n.is_empty()),
            "a region's row names it, the nation's has no region: {r}"
        );
        let key = (r["period"].as_str().unwrap().to_string(), region);
        let row = ControlRow {
            production_records: int(r, "production_records"),
            carats: int(r, "carats_hundredths"),
            stones: int(r, "stones"),
            sales_cents: int(r, "sales_cents"),
            sales_carats: int(r, "sales_carats_hundredths"),
            first_sales_cents: int(r, "first_sales_cents"),
            first_sales_carats: int(r, "first_sales_carats_hundredths"),
            gold_milligrams: int(r, "gold_milligrams"),
            exports_cents: int(r, "exports_cents"),
            exports_carats: int(r, "exports_carats_hundredths"),
            carats_inside: int(r, "carats_inside_licence"),
            carats_valid: int(r, "carats_on_valid_licence"),
            carats_registered: int(r, "carats_by_registered_miner"),
            flags_raised: int(r, "flags_raised"),
            flags_resolved: int(r, "flags_resolved"),
            flags_closed: int(r, "flags_closed"),
            late_records: int(r, "late_records"),
            miners_registered: int(r, "miners_registered"),
            licences_active: int(r, "licences_active"),
            sites_visited: int(r, "sites_visited"),
        };
        assert_eq!(
            int(r, "licences_active"),
            int(r, "mining_licences_active")
                + int(r, "dealers_active")
                + int(r, "exporters_active"),
            "{r}"
        );
        let shares = SHARES.iter().map(|s| (*s, ratio(r, s))).collect();
        assert!(out.insert(key.clone(), row).is_none(), "{key:?} twice");
        ratios.insert(key, shares);
    }
    (out, ratios)
}

/// The national CSV, which gives the shares but not their numerators (left at zero).
pub fn national_csv(
    text: &str,
) -> (
    BTreeMap<ControlKey, ControlRow>,
    BTreeMap<ControlKey, Ratios>,
) {
    let header = [
        "period",
        "region",
        "production_records",
        "carats",
        "stones",
        "sales_usd",
        "first_sales_carats",
        "first_sales_usd",
        "transfers_carats",
        "transfers_usd",
        "exports_carats",
        "exports_usd",
        SHARES[0],
        SHARES[1],
        SHARES[2],
        "flags_raised",
        "flags_resolved",
        "flags_closed",
        "late_records",
        "region_name",
        "miners_registered",
        "diggers_estimated",
        "miner_coverage",
        "licences_active",
        "mining_licences_active",
        "dealers_active",
        "exporters_active",
        "gold_grams",
        "gold_sales_grams",
        "gold_sales_usd",
        "sites_visited",
        "gold_sales_assayed_grams",
        "gold_sales_fine_grams",
    ];
    let (mut out, mut ratios) = (BTreeMap::new(), BTreeMap::new());
    for r in csv_rows(text, &header) {
        let n = |c: &str| -> i64 { r[c].parse().unwrap() };
        let region = (!r["region"].is_empty()).then(|| r["region"].parse().unwrap());
        assert_eq!(region.is_some(), !r["region_name"].is_empty(), "{r:?}");
        let key = (r["period"].clone(), region);
        let row = ControlRow {
            production_records: n("production_records"),
            carats: fixed(&r["carats"], 2),
            stones: n("stones"),
            sales_cents: fixed(&r["sales_usd"], 2),
            first_sales_cents: fixed(&r["first_sales_usd"], 2),
            first_sales_carats: fixed(&r["first_sales_carats"], 2),
            gold_milligrams: fixed(&r["gold_grams"], 3),
            sales_carats: fixed(&r["first_sales_carats"], 2) + fixed(&r["transfers_carats"], 2),
            exports_cents: fixed(&r["exports_usd"], 2),
            exports_carats: fixed(&r["exports_carats"], 2),
            flags_raised: n("flags_raised"),
            flags_resolved: n("flags_resolved"),
            flags_closed: n("flags_closed"),
            late_records: n("late_records"),
            miners_registered: n("miners_registered"),
            licences_active: n("licences_active"),
            sites_visited: n("sites_visited"),
            ..Default::default()
        };
        let shares = SHARES.iter().map(|s| (*s, csv_ratio(&r[*s]))).collect();
        assert!(out.insert(key.clone(), row).is_none(), "{key:?} twice");
        ratios.insert(key, shares);
    }
    (out, ratios)
}

pub fn kp_json(report: &Json, country: uuid::Uuid) -> Kp {
    assert_eq!(report["version"], 4, "{report}");
    assert_eq!(
        report["imports"],
        serde_json::json!([]),
        "no import recorded"
    );
    assert_eq!(report["participant"]["id"], country.to_string(), "{report}");
    let mut kp = Kp::default();
    for r in rows(report, "production") {
        let row = KpProduction {
            carats: int(r, "carats_hundredths"),
            stones: int(r, "stones"),
            first_sales_cents: int(r, "first_sales_cents"),
            first_sales_carats: int(r, "first_sales_carats_hundredths"),
            transfers_cents: int(r, "transfers_cents"),
            transfers_carats: int(r, "transfers_carats_hundredths"),
        };
        let period = r["period"].as_str().unwrap().to_string();
        assert!(kp.production.insert(period, row).is_none(), "{r}");
    }
    for r in rows(report, "exports") {
        let key = (
            r["period"].as_str().unwrap().to_string(),
            r["hs_code"].as_str().unwrap().to_string(),
            r["partner"].as_str().unwrap().to_string(),
        );
        let row = ExportSums {
            carats: int(r, "carats_hundredths"),
            cents: int(r, "cents"),
            certificates: int(r, "certificates"),
        };
        assert!(kp.exports.insert(key, row).is_none(), "{r}");
    }
    kp
}

/// The KP CSV: production carats and value, first sales and transfers (carats, US$),
/// exports; no stones (left at zero).
pub fn kp_csv(text: &str) -> Kp {
    let header = [
        "participant",
        "section",
        "period",
        "partial",
        "hs_code",
        "partner",
        "carats",
        "usd",
        "certificates",
    ];
    let mut kp = Kp::default();
    for r in csv_rows(text, &header) {
        let period = r["period"].clone();
        match r["section"].as_str() {
            section @ ("production" | "first_sales" | "transfers") => {
                assert_eq!(
                    (
                        r["hs_code"].as_str(),
                        r["partner"].as_str(),
                        r["certificates"].as_str()
                    ),
                    ("", "", "")
                );
                let (carats, cents) = (fixed(&r["carats"], 2), fixed(&r["usd"], 2));
                let row = kp.production.entry(period).or_default();
                match section {
                    "production" => {
                        // Production is valued at first sale: the same US$ as that row.
                        row.carats = carats;
                        row.first_sales_cents = cents;
                    }
                    "first_sales" => {
                        assert_eq!(row.first_sales_cents, cents, "{r:?}");
                        row.first_sales_carats = carats;
                    }
                    _ => (row.transfers_carats, row.transfers_cents) = (carats, cents),
                }
            }
            "exports" => {
                let row = ExportSums {
                    carats: fixed(&r["carats"], 2),
                    cents: fixed(&r["usd"], 2),
                    certificates: r["certificates"].parse().unwrap(),
                };
                let key = (period, r["hs_code"].clone(), r["partner"].clone());
                assert!(kp.exports.insert(key, row).is_none(), "{r:?}");
            }
            other => panic!("section {other:?}"),
        }
    }
    kp
}
