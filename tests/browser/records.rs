//! Record pages in the browser, at a desktop's width and a phone's: a miner and a licence
//! reached from their district's page, an export from its exporter's evidence, each
//! showing the values the API gives for the record, and saved as screenshots.

use serde_json::Value as Json;

use crate::fixture::{ADMIN, OWN_DISTRICT, SEASON};
use crate::harness::OFFICER_PASSWORD;
use crate::{log_in, report_screenshots, start};

/// A value of the API's record as the page's `data-value` holds it.
fn plain(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn hundredths(v: &Json) -> String {
    let v = v.as_i64().expect("hundredths");
    format!("{}.{:02}", v / 100, v % 100)
}

#[test]
fn a_miner_a_licence_and_an_export_have_pages_at_desktop_and_phone_widths() {
    let Some((reg, b)) = start("record_pages") else {
        return;
    };
    let token = reg.server.login(ADMIN);
    let own = reg.region(OWN_DISTRICT);

    // Where the dashboard links to them: the district's tables, the exporter's exports.
    b.goto(&format!("/regions/{own}?{SEASON}"));
    log_in(&b, ADMIN, OFFICER_PASSWORD);
    b.expect_page(&format!("Region: {OWN_DISTRICT}"), "region");
    // The licences are the list a region's page opens on; the miners one link away.
    let licence = b.attr(
        "#licences tbody tr:first-child td[data-column=number] a",
        "href",
    );
    b.goto(&format!("/regions/{own}?{SEASON}&list=miners"));
    let miner = b.attr(
        "#miners tbody tr:first-child td[data-column=names] a",
        "href",
    );
    b.goto(&format!("/exports?{SEASON}"));
    b.click("#ranking tbody tr:first-child td[data-column=exporter_number] a");
    b.click("#exports tbody tr:first-child td[data-column=certificate] a");
    let export = b.location();
    assert!(export.starts_with("/records/export/"), "{export}");

    for (width, height, size) in [(1366, 900, "desktop"), (390, 844, "phone")] {
        b.resize(width, height);
        for (kind, path) in [
            ("miner", &miner),
            ("licence", &licence),
            ("export", &export),
        ] {
            b.goto(path);
            let id = b.attr("#record", "data-record");
            assert!(path.ends_with(&id), "{path}");
            let api = reg.api(&token, &format!("/v1/records/{kind}/{id}"));
            let r = &api["record"];
            let figures = b.figures();
            match kind {
                "miner" => {
                    assert_eq!(b.h1(), format!("Miner: {}", plain(&r["names"])));
                    for k in ["names", "sex", "birth_year", "national_id", "home_region"] {
                        assert_eq!(figures[k], plain(&r[k]), "{k}");
                    }
                }
                "licence" => {
                    assert_eq!(b.h1(), format!("Licence {}", plain(&r["number"])));
                    for k in ["number", "kind", "status", "issued", "expires"] {
                        assert_eq!(figures[k], plain(&r[k]), "{k}");
                    }
                    assert!(b.has("[data-map=licence-area]"), "its area's map");
                    let days = b.table("productions");
                    assert!(days.len() > 1, "its site-days");
                }
                _ => {
                    assert_eq!(b.h1(), format!("Export {}", plain(&r["certificate"])));
                    for k in ["certificate", "date", "destination", "exporter"] {
                        assert_eq!(figures[k], plain(&r[k]), "{k}");
                    }
                    assert_eq!(figures["carats"], hundredths(&r["carats"]));
                    assert_eq!(figures["value_usd"], hundredths(&r["value"]));
                }
            }
            // Every write the API holds is in the history.
            let writes: usize = api["state"]
                .as_object()
                .and_then(|o| o.values().next())
                .and_then(|s| s["fields"].as_object())
                .map(|f| {
                    f.values()
                        .map(|h| h["writes"].as_array().unwrap().len())
                        .sum()
                })
                .unwrap_or(0);
            assert_eq!(b.table("history").len() - 1, writes, "{kind}'s history");
            assert!(
                b.fits_width(),
                "{kind} at {width}×{height} scrolls sideways"
            );
            b.screenshot(&format!("{kind}-{size}"));
        }
    }
    report_screenshots(&b);
}
