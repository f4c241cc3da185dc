//! What the pages must show, worked out from the JSON API's reports (pure): the figures are
//! compared as the `data-value`s carry them (plain numbers, two decimals for carats and
//! dollars, four for shares), not as the grouped text a person reads.

use std::collections::BTreeMap;

use serde_json::Value as Json;

/// Hundredths (of a carat, of a dollar) as `data-value`s write them: `1234.05`.
pub fn hundredths(v: i64) -> String {
    assert!(v >= 0, "no negative figures in a season: {v}");
    format!("{}.{:02}", v / 100, v % 100)
}

fn int(row: &Json, key: &str) -> i64 {
    row[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{key} in {row}"))
}

/// The overview's figures from the national report (for the same officer and months): its
/// national rows (`region` null) added up, and the devices it lists as quiet.
pub fn overview(national: &Json) -> BTreeMap<String, String> {
    let keys = [
        "production_records",
        "carats_hundredths",
        "stones",
        "sales_cents",
        "carats_inside_licence",
        "carats_on_valid_licence",
        "carats_by_registered_miner",
    ];
    let mut sum: BTreeMap<&str, i64> = keys.iter().map(|k| (*k, 0)).collect();
    for row in rows(national).iter().filter(|r| r["region"].is_null()) {
        for k in keys {
            *sum.get_mut(k).unwrap() += int(row, k);
        }
    }
    let share = |part: &str| match sum["carats_hundredths"] {
        0 => String::new(),
        all => format!("{:.4}", sum[part] as f64 / all as f64),
    };
    let quiet = national["devices_not_synced_for_14_days"]
        .as_array()
        .expect("the quiet devices")
        .len();
    [
        ("production_records", sum["production_records"].to_string()),
        ("carats", hundredths(sum["carats_hundredths"])),
        ("stones", sum["stones"].to_string()),
        ("sales_usd", hundredths(sum["sales_cents"])),
        ("share_inside_licence", share("carats_inside_licence")),
        ("share_on_valid_licence", share("carats_on_valid_licence")),
        (
            "share_by_registered_miner",
            share("carats_by_registered_miner"),
        ),
        ("devices_not_synced", quiet.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Carats in hundredths per region id, from the national report's regional rows: what
/// the overview's map shades each region by.
pub fn carats_by_region(national: &Json) -> BTreeMap<String, i64> {
    let mut by: BTreeMap<String, i64> = BTreeMap::new();
    for row in rows(national) {
        if let Some(id) = row["region"].as_str() {
            *by.entry(id.to_string()).or_default() += int(row, "carats_hundredths");
        }
    }
    by
}

/// The export monitoring page's figures from the API's export monitoring report (for the
/// same officer and months).
pub fn exports(monitoring: &Json) -> BTreeMap<String, String> {
    let ranking = list(monitoring, "ranking");
    let quarters = list(monitoring, "quarters");
    let with_reasons = ranking.iter().filter(|r| int(r, "score") > 0).count();
    let exceeding = quarters.iter().filter(|q| q["exceeds"] == true).count();
    let sum = |key: &str| quarters.iter().map(|q| int(q, key)).sum::<i64>();
    [
        ("exporters", ranking.len().to_string()),
        ("exporters_with_reasons", with_reasons.to_string()),
        ("quarters_exceeding", exceeding.to_string()),
        (
            "exported_carats",
            hundredths(sum("exported_carats_hundredths")),
        ),
        ("exported_usd", hundredths(sum("exported_cents"))),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Carats (hundredths) exporter `id` shipped, from the monitoring report's quarters.
pub fn exported_by(monitoring: &Json, id: &str) -> String {
    hundredths(
        list(monitoring, "quarters")
            .iter()
            .filter(|q| q["exporter"] == id)
            .map(|q| int(q, "exported_carats_hundredths"))
            .sum(),
    )
}

/// The columns of a region page's monthly table that the regional report gives as they
/// are, one row per month of the report.
pub const MONTHLY: [&str; 8] = [
    "month",
    "production_records",
    "digger_days",
    "carats",
    "stones",
    "sales_usd",
    "miners_total",
    "licences_active",
];

/// The regional report's rows, as [`MONTHLY`] columns.
pub fn monthly(regional: &Json) -> Vec<Vec<String>> {
    rows(regional)
        .iter()
        .map(|r| {
            MONTHLY
                .iter()
                .map(|k| match *k {
                    "month" => r["month"].as_str().unwrap().to_string(),
                    "carats" => hundredths(int(r, "carats_hundredths")),
                    "sales_usd" => hundredths(int(r, "sales_cents")),
                    k => int(r, k).to_string(),
                })
                .collect()
        })
        .collect()
}

/// Table `rows` (a header of column keys first) cut down to the columns `keys`, in order.
pub fn columns(rows: &[Vec<String>], keys: &[&str]) -> Vec<Vec<String>> {
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            rows[0]
                .iter()
                .position(|c| c == k)
                .unwrap_or_else(|| panic!("no column {k} in {:?}", rows[0]))
        })
        .collect();
    rows[1..]
        .iter()
        .map(|r| at.iter().map(|i| r[*i].clone()).collect())
        .collect()
}

fn rows(report: &Json) -> &Vec<Json> {
    list(report, "rows")
}

fn list<'a>(report: &'a Json, key: &str) -> &'a Vec<Json> {
    report[key]
        .as_array()
        .unwrap_or_else(|| panic!("a report with {key}: {report}"))
}

#[test]
fn hundredths_read_as_data_values() {
    assert_eq!(hundredths(0), "0.00");
    assert_eq!(hundredths(7), "0.07");
    assert_eq!(hundredths(123_456), "1234.56");
}

#[test]
fn the_overview_adds_up_national_rows_only() {
    let report = serde_json::json!({
        "devices_not_synced_for_14_days": [{"device": "x"}],
        "rows": [
            {"region": null, "production_records": 2, "carats_hundredths": 300, "stones": 4,
             "sales_cents": 1050, "carats_inside_licence": 300, "carats_on_valid_licence": 150,
             "carats_by_registered_miner": 0},
            {"region": null, "production_records": 1, "carats_hundredths": 100, "stones": 1,
             "sales_cents": 0, "carats_inside_licence": 0, "carats_on_valid_licence": 50,
             "carats_by_registered_miner": 0},
            {"region": "r", "production_records": 9, "carats_hundredths": 999, "stones": 9,
             "sales_cents": 9, "carats_inside_licence": 9, "carats_on_valid_licence": 9,
             "carats_by_registered_miner": 9}
        ]
    });
    let f = overview(&report);
    assert_eq!(f["production_records"], "3");
    assert_eq!(f["carats"], "4.00");
    assert_eq!(f["sales_usd"], "10.50");
    assert_eq!(f["share_inside_licence"], "0.7500");
    assert_eq!(f["share_on_valid_licence"], "0.5000");
    assert_eq!(f["share_by_registered_miner"], "0.0000");
    assert_eq!(f["devices_not_synced"], "1");
    assert_eq!(carats_by_region(&report)["r"], 999);
}

/// The flags of a listing of the API (`/v1/flags`, in its order: by key), most urgent first
/// as the flags page lists them: highest severity, then the most recently raised, then the
/// API's order. Each as (id, severity).
pub fn most_urgent_first(listing: &Json) -> Vec<(String, String)> {
    let rank = |s: &str| match s {
        "high" => 2,
        "medium" => 1,
        _ => 0,
    };
    let mut flags: Vec<(u8, sync_protocol::clock::Hlc, String, String)> = listing["items"]
        .as_array()
        .expect("a page of flags")
        .iter()
        .map(|f| {
            let severity = f["severity"].as_str().unwrap().to_string();
            (
                rank(&severity),
                serde_json::from_value(f["raised_at"].clone()).expect("a stamp"),
                f["id"].as_str().unwrap().to_string(),
                severity,
            )
        })
        .collect();
    // Stable: flags raised together stay in the API's order.
    flags.sort_by_key(|f| std::cmp::Reverse((f.0, f.1)));
    flags.into_iter().map(|(_, _, id, s)| (id, s)).collect()
}
