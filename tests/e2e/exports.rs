//! Export monitoring: exports recorded through the device command line and the ministry's
//! API, purchases from registered miners and licensed buyers, a declared opening stock, and
//! the risk ranking checked against sums computed here from what the test recorded.

use serde_json::Value as Json;
use uuid::Uuid;

use crate::harness::*;
use crate::regions::countries_and_akwatia;
use crate::rollups::stones_at;

/// A row of the monitoring's quarters.
fn quarter<'a>(report: &'a Json, exporter: &str, quarter: &str) -> &'a Json {
    report["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["exporter"] == exporter && r["quarter"] == quarter)
        .unwrap_or_else(|| panic!("no row {exporter} {quarter}: {report}"))
}

fn hundredths(s: &str) -> u64 {
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    whole.parse::<u64>().unwrap() * 100 + format!("{frac:0<2}")[..2].parse::<u64>().unwrap()
}

#[test]
fn an_exporter_that_ships_more_than_it_bought_and_unlike_its_sources_ranks_first() {
    let server = spawn_server();
    let (countries, districts) = countries_and_akwatia(&server.data);
    let gha = countries["Ghana"];
    let east = districts["East Akwatia"].to_string();
    let agent = server.device("Ama", &[gha]);
    // The device learns the districts below Ghana from its first pull.
    agent.sync();
    let in_east = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--region", &east]);
        agent.ok(&all)
    };
    let miner = |names: &str| {
        in_east(&[
            "miner",
            "add",
            "--names",
            names,
            "--sex",
            "male",
            "--birth-year",
            "1988",
            "--lat",
            "6.0",
            "--lon",
            "-0.7",
            "--registered-on",
            "2026-01-05",
        ])
    };
    let licence = |number: &str, kind: &str, holder: &str| {
        in_east(&[
            "licence",
            "add",
            "--number",
            number,
            "--kind",
            kind,
            "--holder-org",
            holder,
            "--issued",
            "2025-01-01",
            "--expires",
            "2027-12-31",
        ])
    };
    let (m1, m2) = (miner("Kofi Mensah"), miner("Yaw Boateng"));
    let buyer = licence("GH-BL-0007", "buyer", "Akwatia Buying Office");
    let honest = licence("GH-EX-0001", "exporter", "Honest Rough Ltd");
    let shady = licence("GH-EX-0002", "exporter", "Quick Export Ltd");
    let sale =
        |seller_flag: &str, seller: &str, buyer: &str, date: &str, carats: &str, usd: &str| {
            in_east(&[
                "sale",
                "add",
                seller_flag,
                seller,
                "--buyer",
                buyer,
                "--date",
                date,
                "--carats",
                carats,
                "--stones",
                "10",
                "--value-usd",
                usd,
            ])
        };
    // Honest buys 100 ct in Q1 and 50 in Q2 from miners, 30 ct from the licensed buyer.
    sale(
        "--seller-miner",
        &m1,
        &honest,
        "2026-02-10",
        "100.00",
        "20000.00",
    );
    sale(
        "--seller-miner",
        &m2,
        &honest,
        "2026-05-10",
        "50.00",
        "10000.00",
    );
    sale(
        "--seller-licence",
        &buyer,
        &honest,
        "2026-05-20",
        "30.00",
        "6300.00",
    );
    // Shady buys 20 ct from a miner, and 200 ct from a seller the registry does not know.
    sale(
        "--seller-miner",
        &m1,
        &shady,
        "2026-04-15",
        "20.00",
        "4000.00",
    );
    let stranger = Uuid::now_v7().to_string();
    sale(
        "--seller-miner",
        &stranger,
        &shady,
        "2026-04-20",
        "200.00",
        "40000.00",
    );
    // East Akwatia's production: small stones.
    let mut raw = RawDevice::enrol(&server, "Kojo", &[gha]);
    raw.push_ops(
        (1..=25)
            .map(|day| {
                stones_at(
                    gha,
                    &format!("2026-03-{day:02}"),
                    Some((-0.70, 6.0)),
                    &[8, 12, 15, 20],
                )
            })
            .collect(),
    );
    let export = |exporter: &str, cert: &str, date: &str, usd: &str, stones: &[&str]| {
        let carats: u64 = stones.iter().map(|s| hundredths(s)).sum();
        let carats = format!("{}.{:02}", carats / 100, carats % 100);
        in_east(&[
            "export",
            "add",
            "--exporter",
            exporter,
            "--certificate",
            cert,
            "--date",
            date,
            "--carats",
            &carats,
            "--value-usd",
            usd,
            "--hs-code",
            "7102.31",
            "--destination",
            "BEL",
            "--stones",
            &stones.join(","),
        ])
    };
    // Honest ships stones like East Akwatia's: 89.65 ct in Q1, 79.75 ct in Q2, at about
    // 200 US$/ct.
    let small = |sets: usize| ["0.08", "0.12", "0.15", "0.20"].repeat(sets);
    export(&honest, "GH-KP-1001", "2026-03-01", "18000.00", &small(163));
    export(&honest, "GH-KP-1002", "2026-06-01", "16000.00", &small(145));
    // Shady ships 150 ct of large stones in Q2 at 100 US$/ct.
    let large = vec!["2.50"; 60];
    export(&shady, "GH-KP-2001", "2026-06-10", "15000.00", &large);
    agent.sync();

    let monitor = server.officer("efua.monitor", "export-monitor", &[]);
    let (status, report) = server.call(
        "GET",
        "/v1/reports/exports?from=2026-01&to=2026-06",
        Some(&monitor),
        None,
    );
    assert_eq!(status, 200, "{report}");
    // Figures from what was recorded above.
    let h1 = quarter(&report, &honest, "2026-Q1");
    assert_eq!(h1["exported_carats_hundredths"], 8_965);
    assert_eq!(h1["bought_carats_hundredths"], 10_000);
    assert_eq!(h1["available_hundredths"], 10_000);
    assert_eq!(h1["exceeds"], false);
    let h2 = quarter(&report, &honest, "2026-Q2");
    assert_eq!(
        h2["stock_at_start_hundredths"], 1_035,
        "100 bought − 89.65 shipped"
    );
    assert_eq!(
        h2["bought_carats_hundredths"], 8_000,
        "50 from a miner, 30 from the buyer"
    );
    assert_eq!(h2["available_hundredths"], 9_035);
    assert_eq!(h2["exported_carats_hundredths"], 7_975);
    assert_eq!(h2["exceeds"], false);
    let s2 = quarter(&report, &shady, "2026-Q2");
    assert_eq!(s2["bought_carats_hundredths"], 2_000);
    assert_eq!(s2["unverified_carats_hundredths"], 20_000);
    assert_eq!(s2["exported_carats_hundredths"], 15_000);
    assert_eq!(s2["exceeds"], true);
    assert_eq!(s2["ratio"], 7.5);
    // Shady's price against the others' over the trailing year: Honest's two exports
    // (200.78 and 200.63 US$/ct). Honest has one other export to compare with: no price
    // check, rather than Shady's price as its yardstick.
    let median = s2["median_usd_per_carat"].as_f64().unwrap();
    assert!(
        (median - (18_000.0 / 89.65 + 16_000.0 / 79.75) / 2.0).abs() < 1e-9,
        "{median}"
    );
    assert!(h2["median_usd_per_carat"].is_null(), "{h2}");

    // The ranking: Shady first, for exporting what it never bought and for stones unlike
    // East Akwatia's; Honest has no reason.
    let ranking = report["ranking"].as_array().unwrap();
    assert_eq!(ranking[0]["exporter"], shady.as_str());
    let kinds: Vec<&str> = ranking[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"exports_exceed_purchases"), "{kinds:?}");
    assert!(kinds.contains(&"footprint_unlike_sources"), "{kinds:?}");
    let honest_rank = ranking
        .iter()
        .find(|r| r["exporter"] == honest.as_str())
        .unwrap();
    assert_eq!(honest_rank["score"], 0, "{honest_rank}");

    // Each reason's evidence answers, and its purchases add up to the row.
    let evidence = ranking[0]["reasons"][0]["evidence"].as_str().unwrap();
    let path = evidence.split('#').next().unwrap();
    let (status, detail) = server.call("GET", path, Some(&monitor), None);
    assert_eq!(status, 200, "{detail}");
    let verified: u64 = detail["purchases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["verified"] == true)
        .map(|p| p["carats_hundredths"].as_u64().unwrap())
        .sum();
    assert_eq!(verified, 2_000);
    assert_eq!(detail["exports"][0]["certificate"], "GH-KP-2001");
    assert_eq!(detail["footprint"]["comparison"]["verdict"], "different");
    assert_eq!(detail["footprint"]["source_regions"][0], east.as_str());

    // The CSV carries the same figures.
    let csv = server
        .http()
        .get(format!(
            "{}/v1/reports/exports?from=2026-01&to=2026-06&format=csv",
            server.url
        ))
        .bearer_auth(&monitor)
        .send()
        .unwrap()
        .text()
        .unwrap();
    let line = csv
        .lines()
        .find(|l| {
            l.starts_with(&format!(
                "2026-Q2,{shady},GH-EX-0002,1,150.00,15000.00,20.00,"
            ))
        })
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        line.contains(",4000.00,200.00,0.00,20.00,7.5000,true,100.00,"),
        "{line}"
    );

    // The red flag: one, about Shady, open; none about Honest.
    let export_flags = |state: &str| {
        let (status, page) = server.call(
            "GET",
            &format!("/v1/flags?kind=exports_exceed_purchases&state={state}"),
            Some(server.root()),
            None,
        );
        assert_eq!(status, 200, "{page}");
        page["items"].as_array().unwrap().clone()
    };
    let open = export_flags("open");
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["records"][0], shady.as_str());
    assert_eq!(open[0]["severity"], "high");
    assert!(
        open[0]["summary"].as_str().unwrap().contains("2026-Q2"),
        "{}",
        open[0]
    );

    // An opening stock, declared with the server running, covers Shady's excess.
    let out = server.admin(&[
        "declare-opening-stock",
        "--exporter",
        &shady,
        "--as-of",
        "2026-04-01",
        "--carats",
        "140.00",
    ]);
    assert!(out.contains("\"as_of\""), "{out}");
    let (_, report) = server.call(
        "GET",
        "/v1/reports/exports?from=2026-01&to=2026-06",
        Some(&monitor),
        None,
    );
    let s2 = quarter(&report, &shady, "2026-Q2");
    assert_eq!(s2["stock_at_start_hundredths"], 14_000);
    assert_eq!(s2["exceeds"], false, "150 shipped of 160 available");
    assert!(export_flags("open").is_empty());
    let closed = export_flags("closed");
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0]["id"], open[0]["id"]);

    // The same through the report command.
    let out = String::from_utf8(
        run(placer().args(["report", "--data"]).arg(&server.data).args([
            "exports", "--from", "2026-04", "--to", "2026-06", "--format", "csv",
        ]))
        .stdout,
    )
    .unwrap();
    assert!(
        out.contains(&format!("2026-Q2,{shady},GH-EX-0002,1,150.00")),
        "{out}"
    );
}

#[test]
fn exports_recorded_at_the_ministry_are_checked_and_refusals_change_nothing() {
    let server = spawn_server();
    let agent = server.device("Ama", &[region(1)]);
    let r1 = region(1).to_string();
    let exporter = agent.ok(&[
        "licence",
        "add",
        "--number",
        "GH-EX-0009",
        "--kind",
        "exporter",
        "--holder-org",
        "Accra Rough",
        "--issued",
        "2025-01-01",
        "--expires",
        "2027-12-31",
        "--region",
        &r1,
    ]);
    let buyer = agent.ok(&[
        "licence",
        "add",
        "--number",
        "GH-BL-0009",
        "--kind",
        "buyer",
        "--holder-org",
        "Kade Buying",
        "--issued",
        "2025-01-01",
        "--expires",
        "2027-12-31",
        "--region",
        &r1,
    ]);
    agent.sync();
    let monitor = server.officer("efua.monitor", "export-monitor", &[]);
    let regional = server.officer("esi.regional", "regional-officer", &[region(1)]);
    let body = |exporter: &str, carats: u64, stones: &[u64]| {
        serde_json::json!({"export": {
            "exporter": exporter,
            "certificate": "GH-KP-3001",
            "date": "2026-05-02",
            "carats": carats,
            "value": 1_000_000,
            "hs_code": "7102.31",
            "destination": "ARE",
            "parcel": {"stones": stones},
        }})
    };
    let before = server.fingerprint();
    let refused = |token: Option<&str>, b: Json, status: u16, code: &str| {
        let (s, answer) = server.call("POST", "/v1/exports", token, Some(b.clone()));
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{b}: {answer}"
        );
    };
    refused(None, body(&exporter, 300, &[100, 200]), 401, "unauthorized");
    refused(
        Some(&regional),
        body(&exporter, 300, &[100, 200]),
        403,
        "forbidden",
    );
    refused(
        Some(&monitor),
        body(&buyer, 300, &[100, 200]),
        400,
        "invalid_value",
    );
    refused(
        Some(&monitor),
        body(&Uuid::now_v7().to_string(), 300, &[100, 200]),
        400,
        "invalid_value",
    );
    refused(
        Some(&monitor),
        body(&exporter, 300, &[100, 100]),
        400,
        "invalid_value",
    );
    refused(
        Some(&monitor),
        serde_json::json!({"export": {}}),
        400,
        "malformed",
    );
    let stock = |token: Option<&str>, licence: &str, b: Json, status: u16, code: &str| {
        let (s, answer) = server.call(
            "POST",
            &format!("/v1/exporters/{licence}/opening-stock"),
            token,
            Some(b.clone()),
        );
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{b}: {answer}"
        );
    };
    let ok_stock = serde_json::json!({"as_of": "2026-01-01", "carats": "10.00"});
    stock(None, &exporter, ok_stock.clone(), 401, "unauthorized");
    stock(
        Some(&regional),
        &exporter,
        ok_stock.clone(),
        403,
        "forbidden",
    );
    // A dealer keeps stock too; an id that is no trader's licence does not.
    stock(
        Some(&monitor),
        &Uuid::now_v7().to_string(),
        ok_stock.clone(),
        400,
        "invalid_value",
    );
    stock(
        Some(&monitor),
        &exporter,
        serde_json::json!({"as_of": "2026-13-01", "carats": "10.00"}),
        400,
        "invalid_value",
    );
    stock(
        Some(&monitor),
        &exporter,
        serde_json::json!({"as_of": "2026-01-01", "carats": "10.001"}),
        400,
        "invalid_value",
    );
    stock(
        Some(&monitor),
        &exporter,
        serde_json::json!({"as_of": "2026-01-01", "carats": "10", "by": "me"}),
        400,
        "malformed",
    );
    let (s, answer) = server.call(
        "GET",
        "/v1/reports/exports?from=2026-01&to=2026-06",
        Some(&regional),
        None,
    );
    assert_eq!(
        (s, answer["code"].as_str()),
        (403, Some("forbidden")),
        "{answer}"
    );
    for (path, status, code) in [
        (
            format!(
                "/v1/reports/exports/{}?from=2026-01&to=2026-06",
                Uuid::now_v7()
            ),
            404,
            "not_found",
        ),
        (
            format!("/v1/reports/exports/{exporter}?from=2026-13&to=2026-06"),
            400,
            "malformed",
        ),
        (
            format!("/v1/reports/exports/{exporter}?from=2026-06&to=2026-01"),
            400,
            "malformed",
        ),
        (
            format!("/v1/reports/exports/{exporter}?from=2026-01&to=2026-06"),
            403,
            "forbidden",
        ),
    ] {
        let token = if status == 403 { &regional } else { &monitor };
        let (s, answer) = server.call("GET", &path, Some(token), None);
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{path}: {answer}"
        );
    }
    assert_eq!(server.fingerprint(), before, "nothing refused was kept");

    // A good one: filed in the exporter's region, counted, and it reaches the region's
    // devices; within 1 % the stones may differ from the parcel's weight.
    let (s, recorded) = server.call(
        "POST",
        "/v1/exports",
        Some(&monitor),
        Some(body(&exporter, 300, &[100, 199])),
    );
    assert_eq!(s, 200, "{recorded}");
    assert_eq!(recorded["region"], r1.as_str());
    let (_, report) = server.call(
        "GET",
        "/v1/reports/exports?from=2026-04&to=2026-06",
        Some(&monitor),
        None,
    );
    let q2 = quarter(&report, &exporter, "2026-Q2");
    assert_eq!(q2["exported_carats_hundredths"], 300);
    assert_eq!(q2["exports"], 1);
    agent.sync();
    let exports = agent.list("export");
    assert_eq!(exports.len(), 1);
    assert_eq!(exports[0]["id"], recorded["id"]);

    // A parcel declared by size class on a handset: counted stones, no weights, compared by
    // chi-square.
    agent.ok(&[
        "export",
        "add",
        "--exporter",
        &exporter,
        "--certificate",
        "GH-KP-3003",
        "--date",
        "2026-06-03",
        "--carats",
        "30.00",
        "--value-usd",
        "3000.00",
        "--hs-code",
        "7102.21",
        "--destination",
        "ARE",
        "--class-counts",
        "0.10-0.25=100,1-2=5",
        "--region",
        &r1,
    ]);
    let refused = agent.run(&[
        "export",
        "add",
        "--exporter",
        &exporter,
        "--certificate",
        "GH-KP-3004",
        "--carats",
        "1.00",
        "--value-usd",
        "1.00",
        "--hs-code",
        "7102.21",
        "--destination",
        "ARE",
        "--class-counts",
        "tiny=3",
    ]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("is not a size class"),
        "{refused:?}"
    );
    agent.sync();
    let (_, detail) = server.call(
        "GET",
        &format!("/v1/reports/exports/{exporter}?from=2026-06&to=2026-06"),
        Some(&monitor),
        None,
    );
    let parcels = &detail["footprint"]["parcels"];
    assert_eq!(parcels["stones"], 105, "{detail}");
    assert_eq!(parcels["carats_hundredths"], 0, "counted, not weighed");
    assert_eq!(detail["footprint"]["comparison"]["statistic"], "chi_square");

    // One entered twice on a handset and voided counts nowhere.
    let twice = agent.ok(&[
        "export",
        "add",
        "--exporter",
        &exporter,
        "--certificate",
        "GH-KP-3002",
        "--date",
        "2026-05-03",
        "--carats",
        "1.00",
        "--value-usd",
        "100.00",
        "--hs-code",
        "7102.31",
        "--destination",
        "ARE",
        "--stones",
        "1.00",
        "--region",
        &r1,
    ]);
    agent.ok(&["void", "export", &twice, "--reason", "entered twice"]);
    agent.sync();
    let (_, report) = server.call(
        "GET",
        "/v1/reports/exports?from=2026-04&to=2026-06",
        Some(&monitor),
        None,
    );
    let q2 = quarter(&report, &exporter, "2026-Q2");
    assert_eq!(
        (
            q2["exports"].as_u64(),
            q2["exported_carats_hundredths"].as_u64()
        ),
        (Some(2), Some(300 + 3_000)),
        "the ministry's and the one counted by class; not the voided one"
    );
}

/// An exporter alone in its HS code has no peer price; the government valuator's value of
/// each parcel is what checks it. Bad valuations are refused and change nothing.
#[test]
fn an_exporter_alone_in_its_goods_is_checked_against_the_valuators_value() {
    let server = spawn_server();
    let agent = server.device("Ama", &[region(1)]);
    let r1 = region(1).to_string();
    let exporter = agent.ok(&[
        "licence",
        "add",
        "--number",
        "GH-EX-0044",
        "--kind",
        "exporter",
        "--holder-org",
        "Lone Gems",
        "--issued",
        "2025-01-01",
        "--expires",
        "2027-12-31",
        "--region",
        &r1,
    ]);
    agent.sync();
    let monitor = server.officer("efua.monitor", "export-monitor", &[]);
    let regional = server.officer("esi.regional", "regional-officer", &[region(1)]);
    // Two gem parcels, the only 7102.31 exports in the registry, declared at US$ 1,000/ct
    // (US$ 3,000 each); stock declared so that the balance holds.
    server.admin(&[
        "declare-opening-stock",
        "--exporter",
        &exporter,
        "--as-of",
        "2026-01-01",
        "--carats",
        "100.00",
    ]);
    let export = |certificate: &str, date: &str| {
        let (s, recorded) = server.call(
            "POST",
            "/v1/exports",
            Some(&monitor),
            Some(serde_json::json!({"export": {
                "exporter": exporter,
                "certificate": certificate,
                "date": date,
                "carats": 300,
                "value": 300_000,
                "hs_code": "7102.31",
                "destination": "BEL",
                "parcel": {"stones": [100, 200]},
            }})),
        );
        assert_eq!(s, 200, "{recorded}");
        recorded["id"].as_str().unwrap().to_string()
    };
    let q1 = export("GH-KP-4401", "2026-02-10");
    let q2 = export("GH-KP-4402", "2026-05-10");

    let before = server.fingerprint();
    let value = |token: Option<&str>, id: &str, b: Json, status: u16, code: &str| {
        let (s, answer) = server.call(
            "POST",
            &format!("/v1/exports/{id}/valuation"),
            token,
            Some(b.clone()),
        );
        let code = (status != 200).then_some(code);
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, code),
            "{b}: {answer}"
        );
        answer
    };
    let good = serde_json::json!({"valuation_usd": "7500.00", "duty_usd": "225.00"});
    value(None, &q1, good.clone(), 401, "unauthorized");
    value(Some(&regional), &q1, good.clone(), 403, "forbidden");
    value(
        Some(&monitor),
        &Uuid::now_v7().to_string(),
        good.clone(),
        400,
        "invalid_value",
    );
    value(
        Some(&monitor),
        &exporter,
        good.clone(),
        400,
        "invalid_value",
    );
    for bad in [
        serde_json::json!({"valuation_usd": "75.001", "duty_usd": "0"}),
        serde_json::json!({"valuation_usd": "-5", "duty_usd": "0"}),
        serde_json::json!({"valuation_usd": "0", "duty_usd": "0"}),
    ] {
        value(Some(&monitor), &q1, bad, 400, "invalid_value");
    }
    value(
        Some(&monitor),
        &q1,
        serde_json::json!({"valuation_usd": "7500.00"}),
        400,
        "malformed",
    );
    value(
        Some(&monitor),
        &q1,
        serde_json::json!({"valuation_usd": "7500.00", "duty_usd": "1", "by": "me"}),
        400,
        "malformed",
    );
    let (s, answer) = server.call(
        "POST",
        "/v1/exports/not-an-id/valuation",
        Some(&monitor),
        Some(good.clone()),
    );
    assert_eq!(
        (s, answer["code"].as_str()),
        (400, Some("malformed")),
        "{answer}"
    );
    assert_eq!(server.fingerprint(), before, "nothing refused was kept");

    // Without a valuation and without peers, nothing checks the price.
    let report = |from: &str, to: &str| {
        let (s, r) = server.call(
            "GET",
            &format!("/v1/reports/exports?from={from}&to={to}"),
            Some(&monitor),
            None,
        );
        assert_eq!(s, 200, "{r}");
        r
    };
    let r = report("2026-01", "2026-06");
    assert_eq!(quarter(&r, &exporter, "2026-Q1")["price_ratio"], Json::Null);
    assert_eq!(r["ranking"][0]["score"], 0, "{r}");

    // The valuator values the first parcel at US$ 7,500, two and a half times what was
    // declared (through the API), and the second at US$ 3,200 (through the command line).
    let kept = value(Some(&monitor), &q1, good, 200, "");
    assert_eq!(kept["valuation"], 750_000, "{kept}");
    assert_eq!(kept["valued_by"], "efua.monitor");
    let out = server.admin(&[
        "value-export",
        "--export",
        &q2,
        "--valuation",
        "3200.00",
        "--duty",
        "96.00",
    ]);
    assert!(out.contains("\"valued_by\""), "{out}");
    let r = report("2026-01", "2026-06");
    let first = quarter(&r, &exporter, "2026-Q1");
    assert_eq!(first["valuation_cents"], 750_000, "{first}");
    assert_eq!(first["duty_cents"], 22_500);
    assert_eq!(first["valuation_ratio"], 0.4);
    let second = quarter(&r, &exporter, "2026-Q2");
    assert_eq!(second["valuation_ratio"], 300_000.0 / 320_000.0);
    let ranked = &r["ranking"][0];
    assert_eq!(ranked["exporter"], exporter.as_str());
    let reasons = ranked["reasons"].as_array().unwrap();
    assert_eq!(
        reasons.len(),
        1,
        "only Q1 is off by more than 10 %: {ranked}"
    );
    assert_eq!(reasons[0]["kind"], "below_valuation");
    assert_eq!(reasons[0]["quarter"], "2026-Q1");
    assert!(
        reasons[0]["detail"].as_str().unwrap().contains("7500.00"),
        "{}",
        reasons[0]
    );
    // The exporter's evidence lists each export's valuation and duty, and the CSV has them.
    let (_, detail) = server.call(
        "GET",
        &format!("/v1/reports/exports/{exporter}?from=2026-01&to=2026-06"),
        Some(&monitor),
        None,
    );
    let lines = detail["exports"].as_array().unwrap();
    let line = lines.iter().find(|e| e["id"] == q2.as_str()).unwrap();
    assert_eq!(
        (
            line["valuation_cents"].as_u64(),
            line["duty_cents"].as_u64()
        ),
        (Some(320_000), Some(9_600))
    );
    let (s, csv) = server.call(
        "GET",
        "/v1/reports/exports?from=2026-01&to=2026-03&format=csv",
        Some(&monitor),
        None,
    );
    assert_eq!(s, 200);
    let csv = csv.as_str().unwrap();
    assert!(csv.contains(",1,3000.00,7500.00,0.4000,225.00"), "{csv}");
}

/// A licensed dealer's stock balance: bought from registered miners, sold on to exporters,
/// per quarter; selling more than it bought and held raises its own flag, which a declared
/// opening stock clears. Regional officers read their own regions' dealers.
#[test]
fn a_dealer_selling_more_than_it_bought_is_flagged_and_its_balance_reported() {
    let server = spawn_server();
    let agent = server.device("Ama", &[region(1)]);
    let r1 = region(1).to_string();
    let licence = |number: &str, kind: &str, holder: &str| {
        agent.ok(&[
            "licence",
            "add",
            "--number",
            number,
            "--kind",
            kind,
            "--holder-org",
            holder,
            "--issued",
            "2025-01-01",
            "--expires",
            "2027-12-31",
            "--region",
            &r1,
        ])
    };
    let dealer = licence("GH-B-0050", "buyer", "Kade Buying");
    let exporter = licence("GH-E-0050", "exporter", "Accra Rough");
    let miner = agent.add_miner("Kofi Mensah", 1990, &[]);
    let sale = |seller: (&str, &str), buyer: &str, date: &str, carats: &str, usd: &str| {
        agent.ok(&[
            "sale",
            "add",
            seller.0,
            seller.1,
            "--buyer",
            buyer,
            "--date",
            date,
            "--carats",
            carats,
            "--stones",
            "1",
            "--value-usd",
            usd,
        ])
    };
    sale(
        ("--seller-miner", &miner),
        &dealer,
        "2026-04-10",
        "2.00",
        "80.00",
    );
    sale(
        ("--seller-licence", &dealer),
        &exporter,
        "2026-05-30",
        "5.00",
        "250.00",
    );
    agent.sync();

    let flags = |state: &str| {
        let (status, page) = server.call(
            "GET",
            &format!("/v1/flags?kind=sales_exceed_purchases&state={state}"),
            Some(server.root()),
            None,
        );
        assert_eq!(status, 200, "{page}");
        page["items"].as_array().unwrap().clone()
    };
    let open = flags("open");
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["records"][0], dealer.as_str());
    assert_eq!(open[0]["severity"], "high");
    let summary = open[0]["summary"].as_str().unwrap();
    assert!(
        summary.contains("sold 5.00 ct in 2026-Q2 with 2.00 ct"),
        "{summary}"
    );

    let report = |token: &str| {
        let (status, r) = server.call(
            "GET",
            "/v1/reports/dealers?from=2026-04&to=2026-06",
            Some(token),
            None,
        );
        assert_eq!(status, 200, "{r}");
        r
    };
    let r = report(server.root());
    assert_eq!(r["version"], 1);
    let row = r["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["exporter"] == dealer.as_str())
        .unwrap_or_else(|| panic!("{r}"));
    assert_eq!(row["quarter"], "2026-Q2");
    assert_eq!(row["bought_carats_hundredths"], 200);
    assert_eq!(row["sold_carats_hundredths"], 500);
    assert_eq!(row["sold_cents"], 25_000);
    assert_eq!(row["ratio"], 2.5);
    assert_eq!(row["exceeds"], true);
    let named = &r["dealers"][0];
    assert_eq!(
        (named["number"].as_str(), named["holder"].as_str()),
        (Some("GH-B-0050"), Some("Kade Buying"))
    );
    // The exporter bought from a licensed dealer: a verified purchase, not a dealer row.
    assert!(r["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["exporter"] != exporter.as_str()));

    // Regional officers read their own regions' dealers only.
    let here = server.officer("esi.regional", "regional-officer", &[region(1)]);
    let there = server.officer("yaw.regional", "regional-officer", &[region(2)]);
    assert_eq!(report(&here)["quarters"], r["quarters"]);
    assert_eq!(report(&there)["quarters"], serde_json::json!([]));
    let (_, csv) = server.call(
        "GET",
        "/v1/reports/dealers?from=2026-04&to=2026-06&format=csv",
        Some(&here),
        None,
    );
    let csv = csv.as_str().unwrap();
    assert!(
        csv.contains(&format!("2026-Q2,{dealer},GH-B-0050,Kade Buying,{r1},")),
        "{csv}"
    );
    assert!(
        csv.contains(",2.00,80.00,0.00,5.00,250.00,0.00,0.00,2.00,2.5000,true"),
        "{csv}"
    );
    let (status, _) = server.call(
        "GET",
        "/v1/reports/dealers?from=2026-06&to=2026-04",
        Some(&here),
        None,
    );
    assert_eq!(status, 400);

    // The same through the report command.
    let out = String::from_utf8(
        run(placer().args(["report", "--data"]).arg(&server.data).args([
            "dealers", "--from", "2026-04", "--to", "2026-06", "--format", "csv",
        ]))
        .stdout,
    )
    .unwrap();
    assert!(
        out.contains(&format!("2026-Q2,{dealer},GH-B-0050,")),
        "{out}"
    );

    // A stock declared on hand since April covers the sale: the flag closes itself.
    server.admin(&[
        "declare-opening-stock",
        "--exporter",
        &dealer,
        "--as-of",
        "2026-04-01",
        "--carats",
        "3.00",
    ]);
    assert!(flags("open").is_empty());
    assert_eq!(flags("closed").len(), 1);
    let r = report(server.root());
    assert_eq!(r["quarters"][0]["exceeds"], false, "{r}");
    assert_eq!(r["quarters"][0]["stock_at_start_hundredths"], 300);

    // The exporter's evidence names its seller: the dealer's licence number.
    let (_, detail) = server.call(
        "GET",
        &format!("/v1/reports/exports/{exporter}?from=2026-04&to=2026-06"),
        Some(server.root()),
        None,
    );
    let bought = &detail["purchases"][0];
    assert_eq!(
        (bought["seller"].as_str(), bought["seller_name"].as_str()),
        (Some(dealer.as_str()), Some("GH-B-0050")),
        "{detail}"
    );
}

/// An export may cite the purchases its parcel comes from: each must be a sale to its
/// exporter, and a purchase is cited by one export only. Parcels heavier than the purchases
/// they cite are a reason; bad citations are refused and change nothing.
#[test]
fn an_export_cites_the_purchases_it_comes_from_and_each_counts_once() {
    let server = spawn_server();
    let agent = server.device("Ama", &[region(1)]);
    let r1 = region(1).to_string();
    let licence = |number: &str| {
        agent.ok(&[
            "licence",
            "add",
            "--number",
            number,
            "--kind",
            "exporter",
            "--holder-org",
            number,
            "--issued",
            "2025-01-01",
            "--expires",
            "2027-12-31",
            "--region",
            &r1,
        ])
    };
    let (exporter, other) = (licence("GH-E-0301"), licence("GH-E-0302"));
    let miner = agent.add_miner("Kofi Mensah", 1990, &[]);
    let sale = |buyer: &str, carats: &str| {
        agent.ok(&[
            "sale",
            "add",
            "--seller-miner",
            &miner,
            "--buyer",
            buyer,
            "--date",
            "2026-04-02",
            "--carats",
            carats,
            "--stones",
            "1",
            "--value-usd",
            "100.00",
        ])
    };
    let (first, second, elsewhere) = (
        sale(&exporter, "2.00"),
        sale(&exporter, "1.00"),
        sale(&other, "4.00"),
    );
    agent.sync();
    let monitor = server.officer("efua.monitor", "export-monitor", &[]);
    let regional = server.officer("esi.regional", "regional-officer", &[region(1)]);
    let export = |certificate: &str, carats: u64| {
        let (s, recorded) = server.call(
            "POST",
            "/v1/exports",
            Some(&monitor),
            Some(serde_json::json!({"export": {
                "exporter": exporter,
                "certificate": certificate,
                "date": "2026-05-02",
                "carats": carats,
                "value": 10_000,
                "hs_code": "7102.10",
                "destination": "BEL",
                "parcel": {"stones": [carats]},
            }})),
        );
        assert_eq!(s, 200, "{recorded}");
        recorded["id"].as_str().unwrap().to_string()
    };
    let (small, large) = (export("GH-KP-3011", 200), export("GH-KP-3012", 500));

    let cite = |token: Option<&str>, export: &str, body: Json| {
        server.call(
            "POST",
            &format!("/v1/exports/{export}/purchases"),
            token,
            Some(body),
        )
    };
    let before = server.fingerprint();
    let refused = |token: Option<&str>, export: &str, body: Json, status: u16, code: &str| {
        let (s, answer) = cite(token, export, body.clone());
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{body}: {answer}"
        );
    };
    let just = |p: &str| serde_json::json!({ "purchases": [p] });
    refused(None, &small, just(&first), 401, "unauthorized");
    refused(Some(&regional), &small, just(&first), 403, "forbidden");
    refused(
        Some(&monitor),
        &Uuid::now_v7().to_string(),
        just(&first),
        400,
        "invalid_value",
    );
    refused(
        Some(&monitor),
        &small,
        just(&elsewhere),
        400,
        "invalid_value",
    );
    refused(
        Some(&monitor),
        &small,
        just(&Uuid::now_v7().to_string()),
        400,
        "invalid_value",
    );
    refused(
        Some(&monitor),
        &small,
        serde_json::json!({ "purchases": [first, first] }),
        400,
        "invalid_value",
    );
    refused(
        Some(&monitor),
        &small,
        serde_json::json!({ "purchases": [] }),
        400,
        "invalid_value",
    );
    refused(
        Some(&monitor),
        &small,
        serde_json::json!({ "purchases": [first], "note": "x" }),
        400,
        "malformed",
    );
    assert_eq!(server.fingerprint(), before, "nothing refused was kept");

    let (s, kept) = cite(Some(&monitor), &small, just(&first));
    assert_eq!(s, 200, "{kept}");
    assert_eq!(kept["cited_by"], "efua.monitor");
    // A stone is exported once: the other export cannot cite the same purchase.
    refused(Some(&monitor), &large, just(&first), 409, "already_exists");
    let out = server.admin(&["cite-purchases", "--export", &large, "--purchase", &second]);
    assert!(out.contains(&second), "{out}");

    let (_, report) = server.call(
        "GET",
        "/v1/reports/exports?from=2026-04&to=2026-06",
        Some(&monitor),
        None,
    );
    let q2 = quarter(&report, &exporter, "2026-Q2");
    assert_eq!(
        (
            q2["citing_exports"].as_u64(),
            q2["citing_exported_hundredths"].as_u64(),
            q2["cited_hundredths"].as_u64()
        ),
        (Some(2), Some(700), Some(300)),
        "{q2}"
    );
    let ranked = report["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["exporter"] == exporter.as_str())
        .unwrap();
    let kinds: Vec<&str> = ranked["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"beyond_cited_purchases"), "{ranked}");
    let (_, detail) = server.call(
        "GET",
        &format!("/v1/reports/exports/{exporter}?from=2026-04&to=2026-06"),
        Some(&monitor),
        None,
    );
    let line = detail["exports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == large.as_str())
        .unwrap()
        .clone();
    assert_eq!(line["cited_purchases"], serde_json::json!([second]));
    assert_eq!(line["cited_carats_hundredths"], 100);
}
