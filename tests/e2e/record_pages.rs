//! Every record has a dashboard page — a miner, a licence, a site-day, a sale, an export —
//! read as the JSON API's `GET /v1/records/{collection}/{id}` reads it for the same
//! officer: its values named, its history, conflicts and flags; refused in the frame
//! outside the officer's regions, a 404 page for what does not exist, a 400 for an id
//! that is not one.

use std::collections::BTreeSet;

use serde_json::Value as Json;
use uuid::Uuid;

use crate::harness::*;
use crate::web::{api, api_token, attr, csv_equals_table, figure, table, Browser};

const NAME: &str = "Yaw Recordpage";
const NATIONAL_ID: &str = "GHA-5521-0077";
const PHONE: &str = "+233201110001";

/// A registry in region 1: a miner (phone changed apart by two agents: a conflict), a
/// second registration with the same national id (a duplicate flag), voided; the miner's
/// permit with a site-day, an exporter licence, a sale to it and its export.
struct World {
    server: Server,
    miner: String,
    twice: String,
    permit: String,
    exporter: String,
    production: String,
    sale: String,
    export: String,
    agent: Device,
}

fn world() -> World {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let b = server.device("Kwame", &[region(1)]);
    let miner = a.add_miner(
        NAME,
        1977,
        &["--national-id", NATIONAL_ID, "--phone", PHONE],
    );
    let twice = a.add_miner("Kojo Twice", 1980, &["--national-id", NATIONAL_ID]);
    let permit = a.add_licence("GH-AP-0951", "artisanal-permit", &miner);
    let exporter = a.ok(&[
        "licence",
        "add",
        "--number",
        "GH-E-0951",
        "--kind",
        "exporter",
        "--holder-org",
        "Accra Export Ltd",
        "--issued",
        "2026-01-01",
        "--expires",
        "2027-01-01",
    ]);
    let production = a.ok(&[
        "production",
        "add",
        "--licence",
        &permit,
        "--miner",
        &miner,
        "--date",
        "2026-05-02",
        "--lat",
        "6.04",
        "--lon",
        "-0.80",
        "--diggers",
        "3",
        "--stones",
        "1.25,2.45",
    ]);
    let sale = a.ok(&[
        "sale",
        "add",
        "--seller-miner",
        &miner,
        "--buyer",
        &exporter,
        "--date",
        "2026-05-04",
        "--carats",
        "3.70",
        "--stones",
        "2",
        "--value-usd",
        "12345.67",
    ]);
    let export = a.ok(&[
        "export",
        "add",
        "--exporter",
        &exporter,
        "--certificate",
        "GH-KP-0951",
        "--date",
        "2026-05-20",
        "--carats",
        "3.70",
        "--value-usd",
        "15000.00",
        "--hs-code",
        "7102.31",
        "--destination",
        "BEL",
        "--stones",
        "1.25,2.45",
    ]);
    a.sync();
    b.sync();
    a.ok(&["edit", "miner", &miner, "--set", "phone=\"+233209990001\""]);
    b.ok(&["edit", "miner", &miner, "--set", "phone=\"+233209990002\""]);
    a.ok(&["void", "miner", &twice, "--reason", "registered twice"]);
    a.sync();
    b.sync();
    for (name, role, regions) in [
        ("rec.admin", "admin", vec![]),
        ("rec.national", "national-officer", vec![]),
        ("rec.regional", "regional-officer", vec![region(1)]),
        ("rec.elsewhere", "regional-officer", vec![region(2)]),
        ("rec.monitor", "export-monitor", vec![]),
    ] {
        let (ok, out) = add_user(&server.data, name, role, &regions, OFFICER_PASSWORD);
        assert!(ok, "{out}");
    }
    World {
        server,
        miner,
        twice,
        permit,
        exporter,
        production,
        sale,
        export,
        agent: a,
    }
}

/// `1234.5` as the API's CSV writes hundredths: `1234.50`.
fn hundredths(v: i64) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

/// The times the server received each write of a record (`state` of the API's answer),
/// in RFC 3339.
fn received(record: &Json) -> Vec<String> {
    let mut out: Vec<String> = record["state"]
        .as_object()
        .map(|o| o.values().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .flat_map(|fields| fields["fields"].as_object().unwrap().values())
        .flat_map(|h| h["writes"].as_array().unwrap())
        .map(|w| {
            w["effective"]
                .as_str()
                .unwrap()
                .split('+')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    out.sort();
    out
}

/// Checks a record's page against the API's answer for the same officer: the record's id
/// and region, its history write by write, its conflicts, its flags.
fn same_record(page: &str, record: &Json, id: &str, flags: &[Json]) {
    assert_eq!(attr(page, "id=\"record\"", "data-record"), id);
    assert_eq!(
        attr(page, "id=\"record\"", "data-region"),
        record["region"].as_str().unwrap()
    );
    let history = table(page, "history");
    let mut shown: Vec<String> = history[1..].iter().map(|r| r[0].clone()).collect();
    shown.sort();
    assert_eq!(shown, received(record), "every write, when it was received");
    assert!(
        shown.iter().all(|t| t.ends_with('Z') && t.contains('T')),
        "{shown:?}"
    );
    let losers: usize = record["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["losers"].as_array().unwrap().len())
        .sum();
    assert_eq!(table(page, "conflicts").len() - 1, losers);
    assert_eq!(record["voided"].is_null(), !page.contains("id=\"void\""));
    // Each flag shown is one the API shows the officer, about this record.
    for row in &table(page, "flags")[1..] {
        let f = flags
            .iter()
            .find(|f| f["id"] == row[7].as_str())
            .unwrap_or_else(|| panic!("flag {} is the API's", row[7]));
        assert!(f["records"].as_array().unwrap().iter().any(|r| r == id));
    }
}

#[test]
fn every_record_has_a_page_each_role_reads_as_the_api_gives_it() {
    let w = world();
    let (server, b) = (&w.server, Browser::new(&w.server));
    let pages = [
        ("miner", &w.miner),
        ("licence", &w.permit),
        ("production", &w.production),
        ("sale", &w.sale),
        ("export", &w.export),
    ];
    let mut duplicate_flag_seen = BTreeSet::new();
    for user in ["rec.admin", "rec.national", "rec.regional", "rec.monitor"] {
        let cookie = b.login(user);
        let token = api_token(server, user);
        let flags = api(server, &token, "/v1/flags?limit=1000")["items"]
            .as_array()
            .unwrap()
            .clone();
        for (collection, id) in pages {
            let path = format!("/records/{collection}/{id}");
            let page = b.page(&path, &cookie);
            assert!(page.contains(&format!("data-officer=\"{user}\"")), "framed");
            let record = api(server, &token, &format!("/v1/records/{collection}/{id}"));
            same_record(&page, &record, id, &flags);
            // Each table downloads as shown.
            for t in ["history", "conflicts", "flags"] {
                csv_equals_table(&b, &page, t, &cookie);
            }
            let r = &record["record"];
            match collection {
                "miner" => {
                    if page.contains("duplicate_national_id") {
                        duplicate_flag_seen.insert(user);
                    }
                    match user {
                        "rec.admin" | "rec.regional" => {
                            assert!(page.contains(&format!("<h1>Miner: {NAME}</h1>")));
                            for k in ["names", "national_id", "phone", "birth_year", "sex"] {
                                assert_eq!(
                                    figure(&page, k),
                                    crate::web::unescape(&match &r[k] {
                                        Json::String(s) => s.clone(),
                                        other => other.to_string(),
                                    }),
                                    "{user}: {k}"
                                );
                            }
                            assert_eq!(table(&page, "conflicts").len(), 2, "the phone");
                        }
                        "rec.national" => {
                            assert_eq!(figure(&page, "names"), NAME);
                            assert_eq!(figure(&page, "national_id"), "••••••••••077");
                            assert_eq!(r["national_id"], "••••••••••077");
                            assert_eq!(figure(&page, "phone"), "");
                            assert!(page.contains("not shown to your role"));
                        }
                        _ => {
                            for k in ["names", "national_id", "phone", "birth_year"] {
                                assert_eq!(figure(&page, k), "", "{user}: {k}");
                            }
                            assert!(!page.contains(NAME) && !page.contains("0077"));
                            assert!(page.contains("<h1>Miner #"), "no name in the title");
                        }
                    }
                }
                "licence" => {
                    assert!(page.contains("<h1>Licence GH-AP-0951</h1>"), "{page}");
                    for k in ["number", "kind", "status", "issued", "expires"] {
                        assert_eq!(figure(&page, k), r[k].as_str().unwrap(), "{k}");
                    }
                    assert_eq!(figure(&page, "holder"), w.miner);
                    assert_eq!(figure(&page, "kind"), "artisanal_permit");
                    assert!(page.contains(">artisanal permit<"), "the kind in words");
                    assert_eq!(figure(&page, "site_days"), "1");
                    assert_eq!(figure(&page, "carats"), "3.70");
                    let days = table(&page, "productions");
                    assert_eq!(days.len(), 2, "{days:?}");
                    assert_eq!(
                        (days[1][0].as_str(), days[1][4].as_str()),
                        ("2026-05-02", "3.70")
                    );
                    assert_eq!(days[1][7], w.production);
                    assert!(page.contains("data-map=\"licence-area\""));
                    assert!(page.contains("<circle"), "the site-day's fix on the map");
                    assert_eq!(page.contains(NAME), user != "rec.monitor", "the holder");
                }
                "production" => {
                    assert!(page.contains("<h1>Site-day 2026-05-02 on GH-AP-0951</h1>"));
                    assert_eq!(figure(&page, "date"), r["date"].as_str().unwrap());
                    assert_eq!(figure(&page, "licence"), r["licence"].as_str().unwrap());
                    assert_eq!(figure(&page, "miner"), r["miner"].as_str().unwrap());
                    assert_eq!(figure(&page, "diggers"), r["diggers"].to_string());
                    let weighed: i64 = r["stones"]["weighed"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|c| c.as_i64().unwrap())
                        .sum();
                    assert_eq!(figure(&page, "carats"), hundredths(weighed));
                    assert_eq!(figure(&page, "stones"), "2");
                    assert!(page.contains(&format!("href=\"/records/licence/{}\"", w.permit)));
                    assert_eq!(page.contains(NAME), user != "rec.monitor", "the miner");
                }
                "sale" => {
                    assert_eq!(figure(&page, "date"), "2026-05-04");
                    assert_eq!(
                        figure(&page, "carats"),
                        hundredths(r["carats"].as_i64().unwrap())
                    );
                    assert_eq!(
                        figure(&page, "value_usd"),
                        hundredths(r["value"].as_i64().unwrap())
                    );
                    assert_eq!(figure(&page, "value_usd"), "12345.67");
                    assert!(page.contains("12\u{202f}345.67"), "grouped for a person");
                    assert_eq!(figure(&page, "buyer"), w.exporter);
                    assert_eq!(figure(&page, "seller"), w.miner);
                    assert!(page.contains("<h1>Sale of 2026-05-04 to GH-E-0951</h1>"));
                    assert_eq!(page.contains(NAME), user != "rec.monitor", "the seller");
                }
                _ => {
                    assert!(page.contains("<h1>Export GH-KP-0951</h1>"));
                    for k in ["certificate", "date", "destination"] {
                        assert_eq!(figure(&page, k), r[k].as_str().unwrap(), "{k}");
                    }
                    assert_eq!(figure(&page, "hs_code"), "7102.31");
                    assert_eq!(
                        figure(&page, "carats"),
                        hundredths(r["carats"].as_i64().unwrap())
                    );
                    assert_eq!(figure(&page, "value_usd"), "15000.00");
                    assert!(page.contains("15\u{202f}000.00"));
                    assert_eq!(figure(&page, "exporter"), w.exporter);
                    assert!(page.contains(">GH-E-0951<"), "the exporter by its number");
                }
            }
            for secret in [PHONE, "+233209990001", "+233209990002"] {
                assert_eq!(
                    page.contains(secret),
                    matches!(user, "rec.admin" | "rec.regional") && collection == "miner",
                    "{user} on {path}: {secret}"
                );
            }
            if user != "rec.admin" && user != "rec.regional" {
                assert!(!page.contains(NATIONAL_ID), "{user} on {path}");
            }
        }
        // The voided registration shows as void, with its reason.
        let void = b.page(&format!("/records/miner/{}", w.twice), &cookie);
        assert_eq!(attr(&void, "id=\"void\"", "data-void"), "registered twice");
        assert!(void.contains("(void)</h1>"), "{user}");
        if void.contains("duplicate_national_id") {
            duplicate_flag_seen.insert(user);
        }
    }
    assert_eq!(duplicate_flag_seen.len(), 4, "{duplicate_flag_seen:?}");
}

#[test]
fn record_pages_refuse_in_the_frame_and_every_dashboard_link_leads_to_one() {
    let w = world();
    let (server, b) = (&w.server, Browser::new(&w.server));
    let html = [("accept", "text/html,application/xhtml+xml")];
    let get = |path: &str, cookie: Option<&str>, headers: &[(&str, &str)]| {
        let mut req = b.client.get(format!("{}{path}", server.url));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        b.send(req)
    };
    let elsewhere = b.login("rec.elsewhere");
    let admin = b.login("rec.admin");
    let token = api_token(server, "rec.elsewhere");
    for (collection, id) in [
        ("miner", &w.miner),
        ("licence", &w.permit),
        ("production", &w.production),
        ("sale", &w.sale),
        ("export", &w.export),
    ] {
        let a = get(
            &format!("/records/{collection}/{id}"),
            Some(&elsewhere),
            &[],
        );
        assert_eq!(a.status, 403, "{collection}: {}", a.body);
        assert!(a.body.contains("<h1>Not allowed</h1>"));
        assert!(
            a.body.contains("data-officer=\"rec.elsewhere\""),
            "in the frame"
        );
        assert!(!a.body.contains("GH-"), "nothing of the record");
        let (status, _) = server.call(
            "GET",
            &format!("/v1/records/{collection}/{id}"),
            Some(&token),
            None,
        );
        assert_eq!(status, 403, "as the API");
        // `/records/{id}` finds the collection, for an officer who may read it.
        let found = get(&format!("/records/{id}"), Some(&admin), &[]);
        assert_eq!(
            (found.status, found.location.as_str()),
            (303, format!("/records/{collection}/{id}").as_str())
        );
        assert_eq!(
            get(&format!("/records/{id}"), Some(&elsewhere), &[]).status,
            403
        );
    }

    // Unknown records and addresses: 404 pages in the frame; a malformed id: 400.
    let unknown = Uuid::now_v7();
    for path in [
        format!("/records/miner/{unknown}"),
        format!("/records/{unknown}"),
        format!("/records/mines/{}", w.miner),
        "/no/such/page".to_string(),
        format!("/records/licence/{}?page=9", w.permit),
        format!("/records/licence/{}?page={}", w.permit, usize::MAX),
    ] {
        let a = get(&path, Some(&admin), &html);
        assert_eq!(a.status, 404, "{path}: {}", a.body);
        assert!(a.body.contains("<h1>Not found</h1>"), "{path}");
        assert!(
            a.body.contains("data-officer=\"rec.admin\""),
            "{path} in the frame"
        );
        assert!(a.body.contains("data-error=\"404\""));
    }
    for path in [
        "/records/miner/not-a-uuid",
        "/records/miner/%00%ff",
        "/records/12345",
        "/records/licence/00000000-0000-0000-0000-00000000000g",
    ] {
        let a = get(path, Some(&admin), &html);
        assert_eq!(a.status, 400, "{path}: {}", a.body);
        assert!(a.body.contains("<h1>Bad request</h1>") && a.body.contains("data-officer"));
    }
    for page in ["0", "x", "-1"] {
        let a = get(
            &format!("/records/licence/{}?page={page}", w.permit),
            Some(&admin),
            &[],
        );
        assert_eq!(a.status, 400, "page {page}");
    }
    // Without a session: an unknown page is a 404 page all the same, a record's page asks
    // for a login first.
    let a = get("/no/such/page", None, &html);
    assert_eq!(a.status, 404);
    assert!(a.body.contains("<h1>Not found</h1>") && !a.body.contains("data-officer"));
    let a = get(&format!("/records/miner/{}", w.miner), None, &html);
    assert_eq!(a.status, 303);
    assert!(a.location.starts_with("/login?next=%2Frecords%2Fminer%2F"));
    // The API keeps its JSON errors, whatever the client accepts.
    for (path, headers) in [
        ("/v1/no/such", &html[..]),
        ("/v1/records/miner/not-a-uuid", &html[..]),
        ("/no/such/page", &[][..]),
        ("/no/such/page", &[("accept", "application/json")][..]),
    ] {
        let a = get(path, Some(&admin), headers);
        let body: Json =
            serde_json::from_str(&a.body).unwrap_or_else(|_| panic!("{path}: {}", a.body));
        assert!(matches!(a.status, 400 | 401 | 404), "{path}: {}", a.status);
        assert!(body["code"].is_string(), "{path}: {body}");
    }
    let (status, body) = server.call("POST", "/v1/no/such", None, None);
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
    let (status, body) = server.call("GET", &format!("/v1/records/miner/{}", w.miner), None, None);
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));

    // The dashboard's links lead to record pages: the exporter's exports and purchases,
    // the region's licences, miners and site-days, a flag's records.
    let detail = b.page(
        &format!("/exports/{}?from=2026-01&to=2026-12", w.exporter),
        &admin,
    );
    assert!(detail.contains(&format!("href=\"/records/export/{}\"", w.export)));
    assert!(detail.contains(&format!("href=\"/records/sale/{}\"", w.sale)));
    assert!(detail.contains(&format!("href=\"/records/miner/{}\"", w.miner)));
    assert!(!detail.contains("/v1/records"));
    let region = b.page(
        &format!("/regions/{}?from=2026-01&to=2026-12", region(1)),
        &admin,
    );
    // One list at a time: the licences first, the others by their links.
    for (c, id, list) in [
        ("licence", &w.permit, "licences"),
        ("miner", &w.miner, "miners"),
        ("production", &w.production, "production"),
    ] {
        let shown = if list == "licences" {
            region.clone()
        } else {
            b.page(
                &format!(
                    "/regions/{}?from=2026-01&to=2026-12&list={list}",
                    crate::harness::region(1)
                ),
                &admin,
            )
        };
        assert!(
            shown.contains(&format!("href=\"/records/{c}/{id}\"")),
            "{c}"
        );
    }
    let token = api_token(server, "rec.admin");
    let flag = api(server, &token, "/v1/flags?kind=duplicate_national_id")["items"][0].clone();
    let flag_page = b.page(&format!("/flags/{}", flag["id"].as_str().unwrap()), &admin);
    for r in flag["records"].as_array().unwrap() {
        assert!(flag_page.contains(&format!("href=\"/records/{}\"", r.as_str().unwrap())));
    }
}

#[test]
fn a_licence_pages_its_site_days_newest_first() {
    let w = world();
    let (server, b) = (&w.server, Browser::new(&w.server));
    for day in 1..=52 {
        let date = format!("2026-0{}-{:02}", 6 + day / 28, 1 + day % 28);
        w.agent.ok(&[
            "production",
            "add",
            "--licence",
            &w.permit,
            "--date",
            &date,
            "--lat",
            "6.04",
            "--lon",
            "-0.80",
            "--diggers",
            "2",
            "--stones",
            "0.10",
        ]);
    }
    w.agent.sync();
    let cookie = b.login("rec.regional");
    let path = format!("/records/licence/{}", w.permit);
    let first = b.page(&path, &cookie);
    assert_eq!(figure(&first, "site_days"), "53");
    let rows = table(&first, "productions");
    assert_eq!(rows.len(), 1 + 50);
    let dates: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert!(first.contains("Site-days on this licence (1–50 of 53"));
    let older = attr(&first, "id=\"older\"", "href");
    assert_eq!(older, format!("{path}?page=2#productions"));
    let second = b.page(older.split('#').next().unwrap(), &cookie);
    let rows = table(&second, "productions");
    assert_eq!(rows.len(), 1 + 3);
    assert_eq!(rows.last().unwrap()[0], "2026-05-02", "the oldest last");
    assert!(second.contains("id=\"newer\"") && !second.contains("id=\"older\""));
    // The CSV of a page is that page.
    csv_equals_table(&b, &second, "productions", &cookie);
    let _ = server;
}
