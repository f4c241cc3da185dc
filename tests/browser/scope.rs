//! A regional officer in the browser: their district's page and their figures, and the
//! refusal page for another region's.

use crate::expected::{self, columns, MONTHLY};
use crate::fixture::{OTHER_DISTRICT, OWN_DISTRICT, REGIONAL, SEASON};
use crate::harness::OFFICER_PASSWORD;
use crate::{log_in, report_screenshots, start};

#[test]
fn a_regional_officer_is_refused_another_regions_page_and_sees_their_own() {
    let Some((reg, b)) = start("regional_officer") else {
        return;
    };
    let token = reg.server.login(REGIONAL);
    let (own, other) = (reg.region(OWN_DISTRICT), reg.region(OTHER_DISTRICT));

    // Another country's district: logged in on the way, then refused, as by the API.
    let elsewhere = format!("/regions/{other}?{SEASON}");
    b.goto(&elsewhere);
    log_in(&b, REGIONAL, OFFICER_PASSWORD);
    assert_eq!(b.location(), elsewhere);
    b.expect_page("Not allowed", "other-region-refused");
    assert_eq!(b.attr("p.error", "data-error"), "403");
    assert!(!b.has("table"), "nothing of the region is shown");
    let (status, _) = reg.server.call(
        "GET",
        &format!("/v1/reports/regional?{SEASON}&region={other}"),
        Some(&token),
        None,
    );
    assert_eq!(status, 403);

    // Their own district: the regional report they may read.
    b.goto(&format!("/regions/{own}?{SEASON}"));
    b.expect_page(&format!("Region: {OWN_DISTRICT}"), "own-region");
    let regional = reg.api(
        &token,
        &format!("/v1/reports/regional?{SEASON}&region={own}"),
    );
    assert_eq!(
        columns(&b.table("monthly"), &MONTHLY),
        expected::monthly(&regional)
    );

    // Their overview: the national report as the API gives it to them, no devices page.
    b.goto(&format!("/?{SEASON}"));
    b.expect_page(&format!("Overview: {OWN_DISTRICT}"), "overview");
    let national = reg.api(&token, &format!("/v1/reports/national?{SEASON}"));
    assert_eq!(b.figures(), expected::overview(&national));
    assert!(!b.has("[data-nav='/devices']"), "no devices in the menu");

    // Exports are national: refused, as by the API.
    b.goto(&format!("/exports?{SEASON}"));
    b.expect_page("Not allowed", "exports-refused");
    let (status, _) = reg.server.call(
        "GET",
        &format!("/v1/reports/exports?{SEASON}"),
        Some(&token),
        None,
    );
    assert_eq!(status, 403);

    report_screenshots(&b);
}
