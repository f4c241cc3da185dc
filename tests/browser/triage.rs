//! A big region and the flags to triage, read on a laptop (1366×900) and on a phone
//! (390×844): the demo's largest district a page of miners at a time, its count the API's,
//! the next page by its link; its country listing its districts; the flags most urgent
//! first with short ids that do not wrap down the row; a flag's finding with its map.
//! Nothing is wider than the window but the tables, which scroll in their own box.

use serde_json::Value as Json;
use uuid::Uuid;

use crate::fixture::{Registry, ADMIN, SEASON};
use crate::harness::OFFICER_PASSWORD;
use crate::{log_in, report_screenshots, start};

/// The district with the most miners registered at the season's end, its name and that
/// count, as the API reports them.
fn largest_district(reg: &Registry, token: &str) -> (Uuid, String, i64) {
    let regions = reg.api(token, "/v1/regions");
    let report = reg.api(token, &format!("/v1/reports/regional?{SEASON}"));
    let rows = report["rows"].as_array().unwrap();
    regions
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "district")
        .map(|r| {
            let id: Uuid = r["id"].as_str().unwrap().parse().unwrap();
            let miners = rows
                .iter()
                .rfind(|row| row["region"] == r["id"])
                .map_or(0, |row| row["miners_total"].as_i64().unwrap());
            (id, r["name"].as_str().unwrap().to_string(), miners)
        })
        .max_by_key(|d| d.2)
        .expect("districts")
}

/// Whether the page is no wider than the window (tables scroll inside their own box).
const FITS: &str = "return document.documentElement.scrollWidth <= window.innerWidth + 1;";

#[test]
fn a_big_region_and_the_flags_read_on_a_laptop_and_a_phone() {
    let Some((reg, b)) = start("triage") else {
        return;
    };
    let token = reg.server.login(ADMIN);
    let (district, name, miners) = largest_district(&reg, &token);
    assert!(miners > 50, "more miners than a page: {miners}");
    let region = reg.api(&token, "/v1/regions");
    let country = region
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == district.to_string())
        .and_then(|r| r["parent"].as_str())
        .expect("the district's country")
        .to_string();
    let outside: Json = reg.api(&token, "/v1/flags?kind=outside_licence_area&limit=1");
    let outside = outside["items"][0]["id"]
        .as_str()
        .expect("the demo plants production outside its licence")
        .to_string();

    let miners_page = format!("/regions/{district}?{SEASON}&list=miners");
    b.goto(&miners_page);
    log_in(&b, ADMIN, OFFICER_PASSWORD);
    assert_eq!(b.location(), miners_page);

    for (width, height, size) in [(1366, 900, "laptop"), (390, 844, "phone")] {
        b.resize(width, height);
        // The district: a page of 50 miners, the whole count the API's.
        b.goto(&miners_page);
        b.expect_page(&format!("Region: {name}"), &format!("region-miners-{size}"));
        assert_eq!(b.attr("#count", "data-total"), miners.to_string());
        assert_eq!(b.table("miners").len(), 1 + 50);
        assert_eq!(
            b.js(FITS),
            Json::Bool(true),
            "the district's page fits a {size}"
        );
        b.click("a[data-next]");
        assert!(b.location().contains("page=2"), "{}", b.location());
        assert!(b.location().contains("list=miners"), "{}", b.location());
        assert_eq!(b.attr("#count", "data-first"), "51");
        b.screenshot(&format!("region-miners-page-2-{size}"));
        // Its country: the districts with their figures.
        b.goto(&format!("/regions/{country}?{SEASON}"));
        assert!(b.h1().starts_with("Region: "), "{}", b.h1());
        assert!(b.table("regions").len() > 2, "the country's districts");
        assert_eq!(
            b.js(FITS),
            Json::Bool(true),
            "the country's page fits a {size}"
        );
        b.screenshot(&format!("country-{size}"));

        // The flags: most urgent first, short ids on one or two lines (their link's line boxes), nothing too wide.
        b.goto("/flags?state=open");
        b.expect_page("Flags", &format!("flags-{size}"));
        let rows = b.table("flags");
        assert_eq!(rows[1][0], "high", "the most urgent first");
        let id_height = b.js(
            "return document.querySelector('#flags td[data-column=id] a').getClientRects().length;",
        );
        assert!(
            id_height.as_u64().unwrap() <= 2,
            "a flag id on a {size} takes {id_height} lines"
        );
        assert_eq!(b.js(FITS), Json::Bool(true), "the flags page fits a {size}");
        b.goto("/flags?view=cases&state=open");
        b.expect_page("Flags", &format!("cases-{size}"));
        // A flag of a fix outside its licence: the finding in words, and the map.
        b.goto(&format!("/flags/{outside}"));
        b.expect_page(
            "Flag: Production outside its licence area",
            &format!("flag-map-{size}"),
        );
        assert!(
            b.has("dl#evidence") && !b.has("pre"),
            "the evidence in words"
        );
        assert!(
            b.has("svg[data-fix-map] circle[data-fix]"),
            "the fix on its map"
        );
        b.js("document.querySelector('svg[data-fix-map]').scrollIntoView(); return true;");
        b.screenshot(&format!("flag-map-{size}-scrolled"));
        assert_eq!(
            b.js(FITS),
            Json::Bool(true),
            "the flag's page fits a {size}"
        );
    }
    report_screenshots(&b);
}
