//! The three reports printed to PDF by headless Chromium: each print view, reached
//! through the login form, shows the API's figures (read from the page's DOM before
//! printing), and prints as A4 pages (595 × 842 pt) titled with the country and the period.
//! Each PDF is kept beside its screenshot in `target/tmp/browser-screenshots/print/`.

use serde_json::Value as Json;

use crate::browser::Browser;
use crate::fixture::{ADMIN, OWN_DISTRICT, SEASON};
use crate::harness::OFFICER_PASSWORD;
use crate::{log_in, pdf, report_screenshots, start};

const PERIOD: &str = "2025-11 to 2026-10";

fn hundredths(v: &Json) -> String {
    let v = v.as_i64().unwrap();
    format!("{}.{:02}", v / 100, v % 100)
}

/// The columns `keys` of the browser's table `id`, each row.
fn columns(b: &Browser, id: &str, keys: &[&str]) -> Vec<Vec<String>> {
    let t = b.table(id);
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            t[0].iter()
                .position(|c| c == k)
                .unwrap_or_else(|| panic!("no {k} in {id}"))
        })
        .collect();
    t[1..]
        .iter()
        .map(|r| at.iter().map(|&i| r[i].clone()).collect())
        .collect()
}

/// Prints the page shown to `NAME.pdf` and checks it: A4 pages, at least `min_pages` and
/// at most `max_pages`, its title naming `country` and the period.
fn printed(b: &Browser, name: &str, country: &str, pages: std::ops::RangeInclusive<usize>) {
    b.screenshot(name);
    let bytes = b.print_pdf(name);
    let sizes = pdf::page_sizes(&bytes);
    assert!(
        pages.contains(&sizes.len()),
        "{name}: {} pages, expected {pages:?}",
        sizes.len()
    );
    for (w, h) in &sizes {
        assert!(
            (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0,
            "{name}: an A4 page is 595 × 842 pt, not {w} × {h}"
        );
    }
    let title = pdf::title(&bytes).unwrap_or_else(|| panic!("{name}: the PDF has a title"));
    assert!(
        title.contains(country) && title.contains(PERIOD),
        "{name}: {title}"
    );
}

#[test]
fn the_three_reports_print_to_pdf_on_a4() {
    let Some((reg, b)) = start("print") else {
        return;
    };
    let token = reg.server.login(ADMIN);
    let ghana = reg.region("Ghana");

    // The national report, Ghana's rows, after logging in on the way.
    let path = format!("/print/national?country={ghana}&{SEASON}");
    b.goto(&path);
    log_in(&b, ADMIN, OFFICER_PASSWORD);
    assert_eq!(b.location(), path);
    assert_eq!(b.h1(), "National internal-control report");
    assert_eq!(b.attr("#country", "data-country"), "Ghana");
    assert_eq!(b.attr("#period", "data-period"), PERIOD);
    assert!(!b.has("header nav"), "no dashboard frame");
    let national = reg.api(&token, &format!("/v1/reports/national?{SEASON}"));
    let want: Vec<Vec<String>> = national["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["region_name"] == "Ghana")
        .map(|r| {
            vec![
                r["period"].as_str().unwrap().to_string(),
                hundredths(&r["carats_hundredths"]),
                hundredths(&r["exports_carats_hundredths"]),
            ]
        })
        .collect();
    let shown: Vec<Vec<String>> = columns(
        &b,
        "balance",
        &["period", "region", "carats", "exports_carats"],
    )
    .into_iter()
    .filter(|r| r[1] == "Ghana")
    .map(|r| vec![r[0].clone(), r[2].clone(), r[3].clone()])
    .collect();
    assert_eq!(shown, want);
    assert!(want.iter().any(|r| r[1] != "0.00"), "a season is printed");
    // Ghana's quarters and its synthetic districts' rows make a document of a few pages.
    printed(&b, "national", "Ghana", 2..=12);

    // Ghana's KP statistics.
    b.goto(&format!("/print/kp?country={ghana}&{SEASON}"));
    assert_eq!(b.h1(), "Kimberley Process statistics");
    assert_eq!(b.attr("#country", "data-country"), "Ghana");
    let kp = reg.api(&token, &format!("/v1/reports/kp?{SEASON}&region={ghana}"));
    let production: Vec<Vec<String>> = kp["production"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            vec![
                r["period"].as_str().unwrap().to_string(),
                hundredths(&r["carats_hundredths"]),
                hundredths(&r["first_sales_cents"]),
            ]
        })
        .collect();
    assert_eq!(
        columns(&b, "production", &["period", "carats", "usd"]),
        production
    );
    assert_eq!(
        b.table("exports").len() - 1,
        kp["exports"].as_array().unwrap().len()
    );
    printed(&b, "kp", "Ghana", 1..=4);

    // The regional officer's district, a month a row.
    let akwatia = reg.region(OWN_DISTRICT);
    b.goto(&format!("/print/regional/{akwatia}?{SEASON}"));
    assert_eq!(b.h1(), "Regional rollup");
    assert_eq!(b.attr("#country", "data-country"), "Ghana");
    assert_eq!(b.attr("#region", "data-region-name"), OWN_DISTRICT);
    let regional = reg.api(
        &token,
        &format!("/v1/reports/regional?{SEASON}&region={akwatia}"),
    );
    let monthly: Vec<Vec<String>> = regional["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            vec![
                r["month"].as_str().unwrap().to_string(),
                r["production_records"].to_string(),
                hundredths(&r["carats_hundredths"]),
            ]
        })
        .collect();
    assert_eq!(monthly.len(), 12);
    assert_eq!(
        columns(&b, "production", &["month", "production_records", "carats"]),
        monthly
    );
    printed(&b, "regional", "Ghana", 1..=4);

    report_screenshots(&b);
}
