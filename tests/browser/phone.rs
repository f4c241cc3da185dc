//! Every page of the menu, as each of the four roles, at a desktop's 1366×900 and a
//! phone's 390×844: the page fits the window (tables and charts scroll in their own
//! boxes), chart and map labels stay readable, the menu holds no link that is refused,
//! the default period is the season's last twelve months, and figures read one way (a
//! share as the API's value in percent with one decimal, carats grouped, ratios with at
//! most two decimals).

use serde_json::Value as Json;

use crate::expected;
use crate::fixture::{ADMIN, OWN_DISTRICT, REGIONAL, SEASON};
use crate::harness::{add_user, OFFICER_PASSWORD};
use crate::{log_in, report_screenshots, start};

const NATIONAL: &str = "browser.national";
const EXPORTS: &str = "browser.exports";

/// The smallest font size of the page's SVG text, in CSS pixels as drawn (a chart scaled
/// down shrinks its labels).
const SMALLEST_SVG_TEXT: &str = r#"
const sizes = Array.from(document.querySelectorAll('svg text'))
  .filter(t => t.getClientRects().length > 0)
  .map(t => { const m = t.getScreenCTM(); return parseFloat(getComputedStyle(t).fontSize) * (m ? Math.abs(m.a) : 1); });
return sizes.length ? Math.min(...sizes) : null;
"#;

/// Each cell of column `COL` of table `TABLE`: [shown text, data-value].
const SHOWN_AND_VALUE: &str = r#"
return Array.from(document.querySelectorAll('#TABLE td[data-column=COL]'))
  .map(td => [td.textContent.trim(), td.dataset.value === undefined ? null : td.dataset.value]);
"#;

/// Whether every evidence link of the exports ranking is shown inside the window.
const EVIDENCE_IN_VIEW: &str = r#"
const links = Array.from(document.querySelectorAll('#ranking td.action a'));
return links.length > 0 && links.every(a => { const r = a.getBoundingClientRect();
  return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 1; });
"#;

fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

/// A share as the page must show it: the API's fraction in percent, one decimal.
fn percent(fraction: &str) -> String {
    match fraction.parse::<f64>() {
        Ok(x) => format!("{:.1} %", x * 100.0),
        Err(_) => "–".into(),
    }
}

fn column(b: &crate::browser::Browser, table: &str, col: &str) -> Vec<(String, Option<String>)> {
    let v: Json = b.js(&SHOWN_AND_VALUE.replace("TABLE", table).replace("COL", col));
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().map(String::from),
            )
        })
        .collect()
}

#[test]
fn every_page_reads_alike_and_fits_a_phone_for_every_role() {
    let Some((reg, b)) = start("phone") else {
        return;
    };
    for (name, role) in [(NATIONAL, "national-officer"), (EXPORTS, "export-monitor")] {
        let (ok, out) = add_user(&reg.server.data, name, role, &[], OFFICER_PASSWORD);
        assert!(ok, "{out}");
    }
    let own = reg.region(OWN_DISTRICT);
    for user in [ADMIN, NATIONAL, REGIONAL, EXPORTS] {
        let token = reg.server.login(user);
        b.resize(1366, 900);
        b.goto("/");
        log_in(&b, user, OFFICER_PASSWORD);
        assert_eq!(b.location(), "/", "{user}");
        // The default period: the season's last twelve months (its last month included).
        let (from, to) = (
            b.attr("#period input[name=from]", "value"),
            b.attr("#period input[name=to]", "value"),
        );
        assert_eq!(format!("from={from}&to={to}"), SEASON, "{user}");
        // Figures read one way: the overview's shares are the API's, as percentages.
        let national = reg.api(&token, &format!("/v1/reports/national?{SEASON}"));
        let want = expected::overview(&national);
        for key in [
            "share_inside_licence",
            "share_on_valid_licence",
            "share_by_registered_miner",
        ] {
            let shown = plain(&b.text(&format!("#figure-{key}")));
            assert_eq!(shown, percent(&want[key]), "{user}: {key}");
        }
        let carats = b.text("#figure-carats");
        assert_eq!(
            carats.replace([' ', '\u{202f}', '\u{a0}'], ""),
            want["carats"],
            "{user}: carats grouped"
        );
        for (shown, value) in column(&b, "regions", "share_inside_licence") {
            let value = value.expect("a share keeps its value for machines");
            assert_eq!(plain(&shown), percent(&value), "{user}: a region's share");
        }
        for (shown, value) in column(&b, "monthly", "carats") {
            let value = value.unwrap();
            assert_eq!(shown.replace([' ', '\u{202f}'], ""), value);
        }
        if user == REGIONAL {
            assert_eq!(b.h1(), format!("Overview: {OWN_DISTRICT}"));
            assert!(b.has(&format!("svg[data-map] text[data-label='{own}']")));
        } else {
            assert_eq!(b.h1(), "National overview");
            assert!(
                b.has("svg[data-map] text.place"),
                "the map names its regions"
            );
        }
        // The legend is rounded: no bound with hundredths.
        let legend = b.text("figcaption[data-legend=production]");
        assert!(!legend.contains(".00"), "{legend}");

        let menu: Vec<String> = b
            .js("return Array.from(document.querySelectorAll('[data-nav]')).map(a => a.getAttribute('href'))")
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let mut pages = menu.clone();
        if user != EXPORTS {
            pages.push(format!("/regions/{own}"));
        }
        for (width, height, size) in [(1366, 900, "desktop"), (390, 844, "phone")] {
            b.resize(width, height);
            for path in &pages {
                b.goto(path);
                let h1 = b.h1();
                assert_ne!(h1, "Not allowed", "{user}: {path} from the menu is refused");
                assert!(
                    b.fits_width(),
                    "{user}: {path} at {width}×{height} scrolls sideways"
                );
                if width == 390 {
                    if let Some(px) = b.js(SMALLEST_SVG_TEXT).as_f64() {
                        assert!(px >= 10.0, "{user}: {path}: labels of {px:.1} px");
                    }
                }
                if path == "/exports" {
                    assert!(
                        b.js(EVIDENCE_IN_VIEW).as_bool().unwrap_or(false),
                        "{user}: the ranking's evidence in view at {width}"
                    );
                    for (shown, _) in column(&b, "quarters", "ratio") {
                        let decimals = shown.split('.').nth(1).map_or(0, str::len);
                        assert!(decimals <= 2, "{user}: ratio {shown}");
                    }
                }
                let page = path.trim_matches('/').replace('/', "-");
                let page = if page.is_empty() {
                    "overview".into()
                } else {
                    page
                };
                let short = user.trim_start_matches("browser.");
                b.screenshot(&format!("{short}-{}-{size}", &page[..page.len().min(24)]));
            }
        }
        b.resize(1366, 900);
        b.goto("/");
        b.click("#logout button[type=submit]");
    }
    report_screenshots(&b);
}
