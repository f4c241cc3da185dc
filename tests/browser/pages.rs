//! An administrator logs in through the form and opens every page; each shows its `<h1>`
//! and the figures of the API's reports, and is saved as a screenshot.

use serde_json::Value as Json;

use crate::expected::{self, columns, MONTHLY};
use crate::fixture::{ADMIN, OTHER_DISTRICT, OWN_DISTRICT, SEASON};
use crate::harness::OFFICER_PASSWORD;
use crate::{log_in, report_screenshots, start};

#[test]
fn an_administrator_logs_in_and_every_page_shows_the_apis_figures() {
    let Some((reg, b)) = start("every_page") else {
        return;
    };
    let token = reg.server.login(ADMIN);

    // Without a session the overview sends the browser to the login form; a wrong
    // password is refused there, the right one leads back to the overview asked for.
    let home = format!("/?{SEASON}");
    b.goto(&home);
    assert!(b.location().starts_with("/login?next="), "{}", b.location());
    b.expect_page("Log in", "login");
    log_in(&b, ADMIN, "not the password");
    b.expect_page("Log in", "login-refused");
    assert_eq!(b.text("#login-error"), "Wrong user name or password.");
    assert!(!b.has("[data-officer]"), "no one is logged in");
    log_in(&b, ADMIN, OFFICER_PASSWORD);
    assert_eq!(b.location(), home);
    b.expect_page("National overview", "overview");
    assert_eq!(b.attr("[data-officer]", "data-officer"), ADMIN);

    // The overview's figures and its map are the national report's.
    let national = reg.api(&token, &format!("/v1/reports/national?{SEASON}"));
    let figures = b.figures();
    assert_eq!(figures, expected::overview(&national));
    assert_ne!(figures["production_records"], "0", "a season is shown");
    let shaded = b.pairs(
        "svg[data-map] path[data-region]",
        "data-region",
        "data-value",
    );
    let carats = expected::carats_by_region(&national);
    assert!(
        shaded.len() > 20,
        "the districts of both countries: {shaded:?}"
    );
    for (id, value) in &shaded {
        let want = carats.get(id).copied().unwrap_or(0);
        assert_eq!(value, &want.to_string(), "the map's carats of {id}");
    }
    assert!(shaded.values().any(|v| v != "0"));

    // A district's page: its monthly table is the regional report's.
    let akwatia = reg.region(OWN_DISTRICT);
    b.goto(&format!("/regions/{akwatia}?{SEASON}"));
    b.expect_page(&format!("Region: {OWN_DISTRICT}"), "region");
    let regional = reg.api(
        &token,
        &format!("/v1/reports/regional?{SEASON}&region={akwatia}"),
    );
    let monthly = columns(&b.table("monthly"), &MONTHLY);
    assert_eq!(monthly.len(), 12, "a row per month of the season");
    assert_eq!(monthly, expected::monthly(&regional));

    // The flags, filtered through the form: the API's open flags, most urgent first.
    b.goto("/flags");
    b.select("#filters select[name=state]", "open");
    b.click("#filters button[type=submit]");
    b.expect_page("Flags", "flags");
    assert!(b.location().contains("state=open"), "{}", b.location());
    let shown = columns(&b.table("flags"), &["id", "severity"]);
    assert!(!shown.is_empty());
    let open = reg.api(&token, "/v1/flags?state=open&limit=1000");
    assert!(open["next"].is_null(), "every open flag in one answer");
    let by_urgency = expected::most_urgent_first(&open);
    assert_eq!(
        b.attr("#count", "data-total"),
        by_urgency.len().to_string(),
        "the count of every open flag"
    );
    let want: Vec<Vec<String>> = by_urgency[..shown.len()]
        .iter()
        .map(|(id, severity)| vec![id.clone(), severity.clone()])
        .collect();
    assert_eq!(shown, want);

    // A flag, opened from the list by its link.
    b.click("#flags tbody tr:first-child td[data-column=id] a");
    assert!(b.h1().starts_with("Flag: "), "{}", b.h1());
    b.screenshot("flag");
    let flag = reg.api(&token, &format!("/v1/flags/{}", shown[0][0]));
    let figures = b.figures();
    for key in ["kind", "severity", "state"] {
        assert_eq!(
            figures[key],
            flag[key].as_str().unwrap(),
            "the flag's {key}"
        );
    }
    assert!(b.has("form#resolve"), "an open flag can be resolved");

    // The footprint of another country's district against its own earlier months.
    let koidu = reg.region(OTHER_DISTRICT);
    let query = format!("region={koidu}&from=2026-05&to=2026-10&ref_from=2025-11&ref_to=2026-04");
    b.goto(&format!("/footprint?{query}"));
    b.expect_page(&format!("Footprint: {OTHER_DISTRICT}"), "footprint");
    let report = reg.api(&token, &format!("/v1/reports/footprint?{query}"));
    let figures = b.figures();
    assert_eq!(
        figures["verdict"],
        report["comparison"]["verdict"].as_str().unwrap()
    );
    assert_eq!(figures["stones"], report["footprint"]["stones"].to_string());
    assert_eq!(
        figures["reference_stones"],
        report["reference"]["footprint"]["stones"].to_string()
    );
    let value = report["comparison"]["value"].as_f64().unwrap();
    assert_eq!(figures["value"], format!("{value:.4}"));

    // Export monitoring: the API's report; the riskiest exporter first, opened by its link.
    b.goto(&format!("/exports?{SEASON}"));
    b.expect_page("Export monitoring, 2025-11 to 2026-10", "exports");
    let monitoring = reg.api(&token, &format!("/v1/reports/exports?{SEASON}"));
    assert_eq!(b.figures(), expected::exports(&monitoring));
    let ranked: Vec<String> = columns(&b.table("ranking"), &["exporter_number"]).concat();
    let number_of = |id: &Json| {
        monitoring["exporters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == *id)
            .and_then(|e| e["number"].as_str())
            .unwrap_or_else(|| panic!("exporter {id}"))
            .to_string()
    };
    let api_ranked: Vec<String> = monitoring["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| number_of(&r["exporter"]))
        .collect();
    assert_eq!(ranked, api_ranked);
    let riskiest = &monitoring["ranking"][0]["exporter"];
    b.click("#ranking tbody tr:first-child td[data-column=exporter_number] a");
    b.expect_page(&format!("Exporter {}", ranked[0]), "exporter");
    assert_eq!(
        b.figures()["exported_carats"],
        expected::exported_by(&monitoring, riskiest.as_str().unwrap())
    );

    // The devices: the handsets the admin API lists.
    b.goto("/devices");
    b.expect_page("Devices", "devices");
    let devices = reg.api(&token, "/v1/admin/devices");
    assert_eq!(
        b.table("devices").len() - 1,
        devices.as_array().unwrap().len()
    );

    report_screenshots(&b);
}
