//! The print views (`/print/national`, `/print/kp`, `/print/regional/{region}`) as each
//! role reads them: an A4 document with no dashboard frame, its figures those of the JSON
//! API's report for the same officer, the officer's scope kept (403 pages), a bad address
//! a 400 page; the dashboard's links to them.

use serde_json::Value as Json;

use crate::harness::*;
use crate::web::{api, api_token, fixture, table, Browser};

const PERIOD: &str = "from=2026-01&to=2026-06";
const ROLES: [&str; 4] = ["web.admin", "web.national", "web.regional", "web.monitor"];

fn hundredths(v: &Json) -> String {
    let v = v.as_i64().unwrap();
    let sign = if v < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", v.abs() / 100, v.abs() % 100)
}

fn share(v: &Json) -> String {
    v.as_f64().map(|x| format!("{x:.4}")).unwrap_or_default()
}

/// A printed document: 200, A4, numbered, signed, defined, and outside the frame.
fn document(b: &Browser, path: &str, cookie: &str) -> String {
    let a = b.get(path, Some(cookie));
    assert_eq!(a.status, 200, "GET {path}: {}", a.body);
    let html = a.body;
    assert!(html.contains("@page{size:A4;"), "{path} is A4");
    assert!(html.contains("counter(page)"), "{path} numbers its pages");
    assert!(
        html.contains("break-inside:avoid"),
        "{path} keeps rows whole"
    );
    assert!(!html.contains("<nav"), "{path} has no dashboard frame");
    assert!(
        !html.contains("name=\"logout\""),
        "{path} has no logout form"
    );
    assert!(html.contains("id=\"signatures\"") && html.contains("Signature"));
    assert!(html.contains("id=\"definitions\""));
    html
}

#[test]
fn each_print_view_shows_the_apis_figures_to_every_role() {
    let f = fixture(&[]);
    let server = &f.server;
    let (ok, out) = add_user(
        &server.data,
        "web.monitor",
        "export-monitor",
        &[],
        OFFICER_PASSWORD,
    );
    assert!(ok, "{out}");
    let b = Browser::new(server);
    for user in ROLES {
        let cookie = b.login(user);
        let token = api_token(server, user);

        // The national report, Ghana's rows: the country's and its districts'.
        let html = document(
            &b,
            &format!("/print/national?country={}&{PERIOD}", f.ghana),
            &cookie,
        );
        assert!(html.contains("data-country=\"Ghana\""), "{user}");
        assert!(
            html.contains("data-period=\"2026-01 to 2026-06\""),
            "{user}"
        );
        assert!(html.contains("<h1>National internal-control report</h1>"));
        let national = api(server, &token, &format!("/v1/reports/national?{PERIOD}"));
        let rows = national["rows"].as_array().unwrap();
        let ghanas = |r: &Json| {
            ["Ghana", "West Akwatia", "East Akwatia"]
                .contains(&r["region_name"].as_str().unwrap_or(""))
        };
        let all_ghana = rows.iter().all(|r| r["region"].is_null() || ghanas(r));
        let mut want: Vec<&Json> = rows
            .iter()
            .filter(|r| {
                if r["region"].is_null() {
                    all_ghana
                } else {
                    ghanas(r)
                }
            })
            .collect();
        // Printed by period: the country, its districts by name, the total last.
        want.sort_by_key(|r| {
            let name = r["region_name"].as_str().map(str::to_string);
            let rank = match name.as_deref() {
                None => 2,
                Some("Ghana") => 0,
                Some(_) => 1,
            };
            (r["period"].as_str().unwrap().to_string(), rank, name)
        });
        assert!(want.len() >= 3, "{user}: {want:?}");
        let name = |r: &Json| r["region_name"].as_str().unwrap_or("Total").to_string();
        let balance = table(&html, "balance");
        assert_eq!(
            balance[0],
            [
                "period",
                "region",
                "production_records",
                "carats",
                "stones",
                "first_sales_carats",
                "first_sales_usd",
                "transfers_carats",
                "transfers_usd",
                "exports_carats",
                "exports_usd"
            ]
        );
        let expected: Vec<Vec<String>> = want
            .iter()
            .map(|r| {
                vec![
                    r["period"].as_str().unwrap().to_string(),
                    name(r),
                    r["production_records"].to_string(),
                    hundredths(&r["carats_hundredths"]),
                    r["stones"].to_string(),
                    hundredths(&r["first_sales_carats_hundredths"]),
                    hundredths(&r["first_sales_cents"]),
                    hundredths(&r["transfers_carats_hundredths"]),
                    hundredths(&r["transfers_cents"]),
                    hundredths(&r["exports_carats_hundredths"]),
                    hundredths(&r["exports_cents"]),
                ]
            })
            .collect();
        assert_eq!(balance[1..], expected[..], "{user}");
        let controls: Vec<Vec<String>> = want
            .iter()
            .map(|r| {
                vec![
                    share(&r["share_inside_licence"]),
                    share(&r["share_on_valid_licence"]),
                    share(&r["share_by_registered_miner"]),
                    r["sites_visited"].to_string(),
                ]
            })
            .collect();
        let shown: Vec<Vec<String>> = table(&html, "controls")[1..]
            .iter()
            .map(|r| r[2..6].to_vec())
            .collect();
        assert_eq!(shown, controls, "{user}");
        // Names, not ids.
        assert!(!html.contains(&f.east.to_string()) && !html.contains(&f.ghana.to_string()));

        // Without a country, every row the officer reads.
        let every = document(
            &b,
            &format!("/print/national?{PERIOD}&period=half"),
            &cookie,
        );
        assert_eq!(
            table(&every, "balance").len() - 1,
            api(
                server,
                &token,
                &format!("/v1/reports/national?{PERIOD}&period=half")
            )["rows"]
                .as_array()
                .unwrap()
                .len()
        );

        // Ghana's KP statistics.
        let html = document(
            &b,
            &format!("/print/kp?country={}&{PERIOD}", f.ghana),
            &cookie,
        );
        assert!(html.contains("data-country=\"Ghana\""));
        let kp = api(
            server,
            &token,
            &format!("/v1/reports/kp?{PERIOD}&region={}", f.ghana),
        );
        let production: Vec<Vec<String>> = kp["production"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                vec![
                    r["period"].as_str().unwrap().to_string(),
                    r["partial"].to_string(),
                    hundredths(&r["carats_hundredths"]),
                    r["stones"].to_string(),
                    hundredths(&r["first_sales_cents"]),
                    hundredths(&r["first_sales_carats_hundredths"]),
                    hundredths(&r["transfers_carats_hundredths"]),
                    hundredths(&r["transfers_cents"]),
                ]
            })
            .collect();
        assert!(!production.is_empty());
        assert_eq!(table(&html, "production")[1..], production[..], "{user}");
        assert_eq!(
            table(&html, "exports").len() - 1,
            kp["exports"].as_array().unwrap().len()
        );

        // A district's rollup by month.
        let html = document(&b, &format!("/print/regional/{}?{PERIOD}", f.east), &cookie);
        assert!(
            html.contains("data-country=\"Ghana\"")
                && html.contains("data-region-name=\"East Akwatia\"")
        );
        let regional = api(
            server,
            &token,
            &format!("/v1/reports/regional?{PERIOD}&region={}", f.east),
        );
        let by_month: Vec<Vec<String>> = regional["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let litres = r["gravel_litres"].as_i64().unwrap();
                vec![
                    r["month"].as_str().unwrap().to_string(),
                    r["production_records"].to_string(),
                    r["digger_days"].to_string(),
                    format!("{}.{:03}", litres / 1000, litres % 1000),
                    hundredths(&r["carats_hundredths"]),
                    r["stones"].to_string(),
                    r["mean_stone_ct"]
                        .as_f64()
                        .map(|x| format!("{x:.2}"))
                        .unwrap_or_default(),
                ]
            })
            .collect();
        assert_eq!(by_month.len(), 6);
        assert_eq!(table(&html, "production")[1..], by_month[..], "{user}");
    }
}

#[test]
fn print_views_keep_to_the_officers_regions_and_refuse_bad_addresses() {
    let f = fixture(&[]);
    let server = &f.server;
    let b = Browser::new(server);

    // No session: to the login page, and back.
    let a = b.get(&format!("/print/kp?country={}", f.ghana), None);
    assert_eq!(a.status, 303);
    assert!(
        a.location.starts_with("/login?next=%2Fprint%2Fkp"),
        "{}",
        a.location
    );

    // A regional officer of Ghana: Côte d'Ivoire is refused, as the API refuses it.
    let cookie = b.login("web.regional");
    let token = api_token(server, "web.regional");
    for path in [
        format!("/print/national?country={}&{PERIOD}", f.ivory),
        format!("/print/kp?country={}&{PERIOD}", f.ivory),
        format!("/print/regional/{}?{PERIOD}", f.ivory),
    ] {
        let a = b.get(&path, Some(&cookie));
        assert_eq!(a.status, 403, "{path}: {}", a.body);
        assert!(a.body.contains("<h1>Not allowed</h1>"), "{path}");
        assert!(!a.body.contains("@page"), "{path}: nothing printed");
    }
    for path in [
        format!("/v1/reports/kp?region={}&{PERIOD}", f.ivory),
        format!("/v1/reports/regional?region={}&{PERIOD}", f.ivory),
    ] {
        assert_eq!(
            server.call("GET", &path, Some(&token), None).0,
            403,
            "{path}"
        );
    }
    // Their whole national report holds Ghana's rows only.
    let html = b.page(&format!("/print/national?{PERIOD}"), &cookie);
    assert!(html.contains("data-country=\"Ghana\""));
    assert!(!html.contains("Côte d'Ivoire") && !html.contains("Côte d&#39;Ivoire"));

    // Bad addresses: the 400 page, never a panic.
    let admin = b.login("web.admin");
    for path in [
        "/print/national?country=ghana".to_string(),
        "/print/national?from=2026-13&to=2026-14".to_string(),
        "/print/national?from=2026-06&to=2026-01".to_string(),
        "/print/national?from=1990-01&to=2026-01".to_string(),
        "/print/national?period=month".to_string(),
        "/print/national?colour=red".to_string(),
        format!("/print/national?country={}", f.east),
        "/print/kp?year=twenty".to_string(),
        format!("/print/kp?country={}&year=2026&from=2026-01", f.ghana),
        format!("/print/kp?country={}", f.east),
        format!("/print/kp?country={}&period=half", f.ghana),
        "/print/regional/not-a-region".to_string(),
        format!("/print/regional/{}?country={}", f.east, f.ghana),
        format!("/print/regional/{}?to=May", f.east),
    ] {
        let a = b.get(&path, Some(&admin));
        assert_eq!(a.status, 400, "{path}: {}", a.body);
        assert!(a.body.contains("<h1>Bad request</h1>"), "{path}");
    }
    let unknown = uuid::Uuid::now_v7();
    for path in [
        format!("/print/national?country={unknown}"),
        format!("/print/regional/{unknown}"),
    ] {
        assert_eq!(b.get(&path, Some(&admin)).status, 404, "{path}");
    }
    // A whole year is a period too.
    let year = b.page(&format!("/print/kp?country={}&year=2026", f.ghana), &admin);
    assert!(year.contains("data-period=\"2026-01 to 2026-12\""));
    assert_eq!(
        b.get("/print/national", Some(&admin)).status,
        200,
        "still serving"
    );
}

#[test]
fn the_dashboard_links_each_report_to_its_print_view() {
    let f = fixture(&[]);
    let b = Browser::new(&f.server);
    let cookie = b.login("web.national");
    let home = b.page(&format!("/?{PERIOD}"), &cookie);
    let href = crate::web::attr(&home, "id=\"print\"", "href");
    assert_eq!(href, format!("/print/national?{PERIOD}"));
    b.page(&href, &cookie);
    let ghana = b.page(&format!("/regions/{}?{PERIOD}", f.ghana), &cookie);
    let regional = crate::web::attr(&ghana, "id=\"print\"", "href");
    assert_eq!(regional, format!("/print/regional/{}?{PERIOD}", f.ghana));
    let kp = crate::web::attr(&ghana, "id=\"print-kp\"", "href");
    assert_eq!(kp, format!("/print/kp?country={}&{PERIOD}", f.ghana));
    for path in [regional, kp] {
        assert!(b.page(&path, &cookie).contains("id=\"signatures\""));
    }
    let district = b.page(&format!("/regions/{}?{PERIOD}", f.east), &cookie);
    assert!(district.contains("id=\"print\"") && !district.contains("id=\"print-kp\""));
}
