//! Rollup cells kept at ingest: a small season through the device CLI, with corrections, a
//! void and a late sync, checked against sums computed here from the records, then against
//! a rebuild from the records, and after a crash.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::harness::*;

/// (month, measure) → value, for one region, as the server reports it.
fn cells(server: &Server, region: uuid::Uuid) -> BTreeMap<(String, String), i64> {
    let r = server
        .http()
        .get(format!(
            "{}/v1/reports/cells?from=2026-01&to=2026-12&region={region}",
            server.url
        ))
        .bearer_auth(server.root())
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Json = r.json().unwrap();
    let mut out = BTreeMap::new();
    for c in body["cells"].as_array().unwrap() {
        assert_eq!(c["region"], region.to_string());
        let key = (
            c["month"].as_str().unwrap().to_string(),
            c["measure"].as_str().unwrap().to_string(),
        );
        *out.entry(key).or_insert(0) += c["value"].as_i64().unwrap();
    }
    out
}

/// The same figures computed from the records the devices hold.
fn expected(d: &Device) -> BTreeMap<(String, String), i64> {
    let mut out: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut add = |month: &str, measure: &str, v: i64| {
        if v != 0 {
            *out.entry((month.to_string(), measure.to_string()))
                .or_insert(0) += v;
        }
    };
    for p in d.list("production") {
        if !p["voided"].is_null() {
            continue;
        }
        let r = &p["record"];
        let month = &r["date"].as_str().unwrap()[..7];
        let stones: Vec<i64> = r["stones"]["weighed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_i64().unwrap())
            .collect();
        let diggers = r["diggers"].as_i64().unwrap();
        add(month, "production_records", 1);
        add(month, "digger_days", diggers);
        add(month, "gravel_litres", r["gravel"].as_i64().unwrap());
        add(month, "carats_hundredths", stones.iter().sum());
        add(month, "stones", stones.len() as i64);
    }
    for s in d.list("sales") {
        let r = &s["record"];
        let month = &r["date"].as_str().unwrap()[..7];
        add(month, "sales_cents", r["value"].as_i64().unwrap());
        add(
            month,
            "sales_carats_hundredths",
            r["carats"].as_i64().unwrap(),
        );
    }
    out
}

fn only(
    all: &BTreeMap<(String, String), i64>,
    measures: &[&str],
) -> BTreeMap<(String, String), i64> {
    all.iter()
        .filter(|((_, m), _)| measures.contains(&m.as_str()))
        .map(|(k, v)| (k.clone(), *v))
        .collect()
}

const MEASURES: &[&str] = &[
    "production_records",
    "digger_days",
    "gravel_litres",
    "carats_hundredths",
    "stones",
    "sales_cents",
    "sales_carats_hundredths",
];

#[test]
fn cells_kept_at_ingest_equal_sums_of_the_records_and_a_rebuild() {
    let mut server = spawn_server();
    let tmp = server.take_tmp();
    let data = server.data.clone();
    let addr = server.addr();
    let a = server.device("Ama", &[region(1)]);
    let b = server.device("Kwame", &[region(1)]);
    let buyer = a.ok(&[
        "licence",
        "add",
        "--number",
        "GH-B-0100",
        "--kind",
        "buyer",
        "--holder-org",
        "Accra Gems",
        "--issued",
        "2026-01-01",
        "--expires",
        "2026-12-31",
    ]);
    let lic = uuid::Uuid::now_v7().to_string();
    let prod = |d: &Device, date: &str, diggers: &str, gravel: &str, stones: &str| {
        d.ok(&[
            "production",
            "add",
            "--licence",
            &lic,
            "--date",
            date,
            "--lat",
            "6.04",
            "--lon",
            "-0.80",
            "--diggers",
            diggers,
            "--gravel-litres",
            gravel,
            "--stones",
            stones,
        ])
    };
    let p1 = prod(&a, "2026-03-02", "5", "2000", "0.25,1.10");
    let p2 = prod(&a, "2026-03-15", "2", "500", "0.40");
    let p3 = prod(&b, "2026-04-01", "3", "900", "2.00,0.07,0.13");
    a.ok(&[
        "sale",
        "add",
        "--seller-licence",
        &lic,
        "--buyer",
        &buyer,
        "--date",
        "2026-03-20",
        "--carats",
        "1.35",
        "--stones",
        "2",
        "--value-usd",
        "500.25",
    ]);
    a.ok(&[
        "export",
        "add",
        "--exporter",
        &uuid::Uuid::now_v7().to_string(),
        "--certificate",
        "GH-KP-2026-0042",
        "--date",
        "2026-04-10",
        "--carats",
        "2.50",
        "--value-usd",
        "1000.00",
        "--hs-code",
        "7102.31",
        "--destination",
        "BEL",
        "--stones",
        "1.00,1.50",
    ]);
    a.sync();
    // Corrections: a date moved to another month, a count fixed; a void.
    a.ok(&["edit", "production", &p1, "--set", "date=\"2026-05-01\""]);
    a.ok(&["edit", "production", &p2, "--set", "diggers=4"]);
    a.sync();
    a.ok(&["void", "production", &p2, "--reason", "entered twice"]);
    a.sync();
    // Kwame syncs late; then both see everything.
    b.sync();
    a.sync();

    let got = cells(&server, region(1));
    let want = expected(&a);
    assert!(!want.is_empty());
    assert_eq!(
        only(&got, MEASURES),
        want,
        "cells kept at ingest = sums of the records"
    );
    assert_eq!(
        got[&("2026-01".to_string(), "licences_new".to_string())],
        1,
        "the buyer licence"
    );

    // Every cell can be traced to the records behind it; they add up to it.
    let (_, listed) = server.call(
        "GET",
        &format!(
            "/v1/reports/cells?from=2026-01&to=2026-12&region={}",
            region(1)
        ),
        Some(server.root()),
        None,
    );
    let listed = listed["cells"].as_array().unwrap().clone();
    assert!(listed.len() > 10);
    for cell in &listed {
        let (status, behind) = server.call(
            "GET",
            &format!("/v1/reports/cells/{}/records", cell["id"].as_str().unwrap()),
            Some(server.root()),
            None,
        );
        assert_eq!(status, 200, "{behind}");
        let sum: i64 = behind["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["value"].as_i64().unwrap())
            .sum();
        assert_eq!(sum, cell["value"].as_i64().unwrap(), "{cell} from {behind}");
    }
    let april_records = listed
        .iter()
        .find(|c| c["month"] == "2026-04" && c["measure"] == "production_records")
        .unwrap();
    let (_, behind) = server.call(
        "GET",
        &format!(
            "/v1/reports/cells/{}/records",
            april_records["id"].as_str().unwrap()
        ),
        Some(server.root()),
        None,
    );
    assert_eq!(behind["records"][0]["id"], p3.as_str());

    // The regional rollup derives its figures from the same cells.
    let (status, report) = server.call(
        "GET",
        &format!(
            "/v1/reports/regional?from=2026-03&to=2026-05&region={}",
            region(1)
        ),
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["version"], 2);
    let rows = report["rows"].as_array().unwrap();
    let months: Vec<&str> = rows.iter().map(|r| r["month"].as_str().unwrap()).collect();
    assert_eq!(months, ["2026-03", "2026-04", "2026-05"]);
    let april = &rows[1];
    assert_eq!(april["carats_hundredths"], 220);
    assert_eq!(april["stones"], 3);
    assert!((april["mean_stone_ct"].as_f64().unwrap() - 2.20 / 3.0).abs() < 1e-9);
    let march = &rows[0];
    assert!((march["usd_per_carat"].as_f64().unwrap() - 500.25 / 1.35).abs() < 1e-6);
    assert_eq!(
        march["licences_active"], 1,
        "the buyer licence issued in January is active"
    );
    let csv = String::from_utf8(
        run(placer()
            .args(["report", "--data"])
            .arg(&data)
            .args([
                "regional", "--from", "2026-03", "--to", "2026-05", "--format", "csv",
            ])
            .args(["--region", &region(1).to_string()]))
        .stdout,
    )
    .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[0].starts_with("region,month,miners_new"));
    assert!(lines[2].contains(",2.20,3,0.73,"), "{}", lines[2]);

    // KP statistics: diamonds produced per half-year, exports per quarter and HS code.
    let (status, kp) = server.call(
        "GET",
        "/v1/reports/kp?from=2026-01&to=2026-12",
        Some(server.root()),
        None,
    );
    // KP statistics are a country's; this registry has no country imported.
    assert_eq!(status, 400, "{kp}");
    assert_eq!(kp["code"], "invalid_value", "{kp}");

    // The national internal-control report: per region and quarter, and the nation.
    let (status, national) = server.call(
        "GET",
        "/v1/reports/national?from=2026-01&to=2026-06&period=quarter",
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200, "{national}");
    let q2: Vec<&Json> = national["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["period"] == "2026-Q2")
        .collect();
    let nation = q2
        .iter()
        .find(|r| r["region"].is_null())
        .expect("a national row");
    assert_eq!(nation["carats_hundredths"], 355);
    assert_eq!(
        nation["share_on_valid_licence"], 0.0,
        "the licence they name is not registered"
    );
    assert_eq!(
        nation["share_inside_licence"], 1.0,
        "no area to be outside of, no regions imported"
    );
    assert_eq!(nation["share_by_registered_miner"], 0.0, "no miner named");
    assert_eq!(
        nation["late_records"], 3,
        "dated April and May, received in November: two productions and the export"
    );
    assert_eq!(
        national["devices_not_synced_for_14_days"],
        serde_json::json!([])
    );

    // A rebuild from the records finds nothing to change.
    let report: Json = serde_json::from_str(&server.admin(&["rebuild-rollups"])).unwrap();
    assert_eq!(report["differences"], 0, "{report}");
    assert_eq!(cells(&server, region(1)), got);

    // After kill -9 the log is re-applied: the same cells.
    server.kill9();
    let restarted = Spawn::new().data(&data).listen(&addr).start();
    assert_eq!(cells(&restarted, region(1)), got);
    drop(tmp);
}

#[test]
fn reports_refuse_what_they_should() {
    let server = spawn_server();
    let regional = server.officer("esi.regional", "regional-officer", &[region(1)]);
    let path = |q: &str| format!("/v1/reports/regional?{q}");
    let check = |token: Option<&str>, q: &str, status: u16, code: &str| {
        let (s, body) = server.call("GET", &path(q), token, None);
        assert_eq!(
            (s, body["code"].as_str()),
            (status, Some(code)),
            "{q}: {body}"
        );
    };
    let (s, body) = server.call(
        "GET",
        "/v1/reports/everything?from=2026-01&to=2026-02",
        Some(&regional),
        None,
    );
    assert_eq!(
        (s, body["code"].as_str()),
        (404, Some("not_found")),
        "{body}"
    );
    check(None, "from=2026-01&to=2026-02", 401, "unauthorized");
    check(
        Some(&regional),
        &format!("from=2026-01&to=2026-02&region={}", region(2)),
        403,
        "forbidden",
    );
    check(Some(&regional), "from=2026-13&to=2026-02", 400, "malformed");
    check(Some(&regional), "from=2026-03&to=2026-02", 400, "malformed");
    check(
        Some(&regional),
        "from=2026-01&to=2026-02&format=pdf",
        400,
        "malformed",
    );
    let (s, body) = server.call(
        "GET",
        &path(&format!("from=2026-01&to=2026-02&region={}", region(1))),
        Some(&regional),
        None,
    );
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        body["rows"].as_array().unwrap().len(),
        2,
        "two months, empty"
    );
}

/// A production dated `date` with these stone weights (hundredths of a carat).
fn stones_on(date: &str, stones: &[u64]) -> sync_protocol::op::Op {
    stones_at(region(1), date, None, stones)
}

/// The same, filed by the device under `region`, at `fix` (lon, lat) when given.
pub(crate) fn stones_at(
    region: uuid::Uuid,
    date: &str,
    fix: Option<(f64, f64)>,
    stones: &[u64],
) -> sync_protocol::op::Op {
    use sync_protocol::op::OpBody;
    use sync_protocol::records::FactField;
    let mut op = ops::production(region, uuid::Uuid::now_v7(), stones);
    if let OpBody::Production(sets) = &mut op.body {
        if let FactField::Body(p) = &mut sets[0].value {
            p.date = sync_protocol::values::parse_day(date).unwrap();
            if let Some((lon, lat)) = fix {
                p.fix.point = sync_protocol::values::Point::new(lon, lat).unwrap();
            }
        }
    }
    op
}

#[test]
fn a_footprint_is_compared_with_a_reference_period_by_a_named_statistic() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
    // Q1: small stones, as in Ghana's fields. Q2: an inflow of large ones.
    let q1: Vec<_> = (0..20)
        .map(|i| stones_on(&format!("2026-02-{:02}", 1 + i), &[8, 12, 20]))
        .collect();
    let q2: Vec<_> = (0..20)
        .map(|i| stones_on(&format!("2026-05-{:02}", 1 + i), &[150, 300, 600]))
        .collect();
    d.push_ops(q1);
    d.push_ops(q2);
    let get = |q: &str| {
        let (s, body) = server.call(
            "GET",
            &format!("/v1/reports/footprint?region={}&{q}", region(1)),
            Some(server.root()),
            None,
        );
        assert_eq!(s, 200, "{body}");
        body
    };
    let against_q1 = get("from=2026-04&to=2026-06&ref_from=2026-01&ref_to=2026-03");
    assert_eq!(against_q1["footprint"]["stones"], 60);
    assert_eq!(against_q1["reference"]["footprint"]["stones"], 60);
    let classes = against_q1["reference"]["footprint"]["classes"]
        .as_array()
        .unwrap();
    assert_eq!(classes[0]["class"], "below_0.10");
    assert_eq!(classes[0]["stones"], 20, "0.08 ct");
    assert_eq!(classes[1]["stones"], 40, "0.12 and 0.20 ct");
    assert_eq!(against_q1["comparison"]["statistic"], "kolmogorov_smirnov");
    assert_eq!(against_q1["comparison"]["verdict"], "different");
    assert!(against_q1["comparison"]["p_value"].as_f64().unwrap() < 0.01);
    let chi = get("from=2026-04&to=2026-06&ref_from=2026-01&ref_to=2026-03&statistic=chi_square");
    assert_eq!(chi["comparison"]["statistic"], "chi_square");
    assert_eq!(chi["comparison"]["verdict"], "different");
    let same = get("from=2026-01&to=2026-03&ref_from=2026-01&ref_to=2026-03");
    assert_eq!(same["comparison"]["verdict"], "similar");
    assert_eq!(same["comparison"]["value"], 0.0);
}

/// One production's figure under `measure` in November 2026, per region, from the cells.
fn november(server: &Server, token: &str, region: uuid::Uuid, measure: &str) -> (i64, String) {
    let (status, body) = server.call(
        "GET",
        &format!("/v1/reports/cells?from=2026-11&to=2026-11&region={region}"),
        Some(token),
        None,
    );
    assert_eq!(status, 200, "{body}");
    body["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["region"] == region.to_string() && c["measure"] == measure)
        .map(|c| {
            (
                c["value"].as_i64().unwrap(),
                c["id"].as_str().unwrap().to_string(),
            )
        })
        .unwrap_or((0, String::new()))
}

#[test]
fn a_countrys_cells_hold_its_districts_and_reports_read_each_level_once() {
    use crate::regions::{countries_and_akwatia, production_at};
    let server = spawn_server();
    let (countries, districts) = countries_and_akwatia(&server.data);
    let (gha, civ) = (countries["Ghana"], countries["Côte d'Ivoire"]);
    let (east, west) = (districts["East Akwatia"], districts["West Akwatia"]);
    let agent = server.device("Ama", &[gha, civ]);
    // Two in East Akwatia, one in West Akwatia, one in Ghana outside both, one in Côte
    // d'Ivoire: each 0.30 ct.
    let in_east = [
        production_at(&agent, "-0.70", "6.00", gha),
        production_at(&agent, "-0.65", "6.05", gha),
    ];
    production_at(&agent, "-0.90", "6.00", gha);
    production_at(&agent, "-1.60", "7.50", gha);
    production_at(&agent, "-6.67", "7.96", gha);
    agent.sync();

    let admin = server.root();
    let records = |r| november(&server, admin, r, "production_records").0;
    assert_eq!(
        [records(east), records(west), records(gha), records(civ)],
        [2, 1, 4, 1],
        "Ghana's cell is its districts' plus its own"
    );
    // A country's cell traces to the records of its districts too.
    let (_, ghana_cell) = november(&server, admin, gha, "carats_hundredths");
    let (_, behind) = server.call(
        "GET",
        &format!("/v1/reports/cells/{ghana_cell}/records"),
        Some(admin),
        None,
    );
    let behind = behind["records"].as_array().unwrap();
    assert_eq!(behind.len(), 4, "{behind:?}");
    assert_eq!(
        behind
            .iter()
            .map(|r| r["value"].as_i64().unwrap())
            .sum::<i64>(),
        120
    );
    let (_, east_cell) = november(&server, admin, east, "carats_hundredths");
    let (_, behind) = server.call(
        "GET",
        &format!("/v1/reports/cells/{east_cell}/records"),
        Some(admin),
        None,
    );
    let mut traced: Vec<&str> = behind["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    traced.sort();
    let mut want: Vec<&str> = in_east.iter().map(String::as_str).collect();
    want.sort();
    assert_eq!(traced, want);

    // The national report: the countries, the level below them, and the nation, each
    // record counted once.
    let national = |token: &str| {
        let (status, body) = server.call(
            "GET",
            "/v1/reports/national?from=2026-10&to=2026-12&period=quarter",
            Some(token),
            None,
        );
        assert_eq!(status, 200, "{body}");
        body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["region"].as_str().unwrap_or("nation").to_string(),
                    r["production_records"].as_i64().unwrap(),
                )
            })
            .collect::<BTreeMap<String, i64>>()
    };
    let rows = national(admin);
    let want: BTreeMap<String, i64> = [
        (gha.to_string(), 4),
        (east.to_string(), 2),
        (west.to_string(), 1),
        (civ.to_string(), 1),
        ("nation".to_string(), 5),
    ]
    .into_iter()
    .collect();
    assert_eq!(rows, want);
    // A regional officer of one district: that district, and it is their whole nation.
    let east_officer = server.officer("east.officer", "regional-officer", &[east]);
    let rows = national(&east_officer);
    let want: BTreeMap<String, i64> = [(east.to_string(), 2), ("nation".to_string(), 2)]
        .into_iter()
        .collect();
    assert_eq!(rows, want);

    // KP statistics are one participant's, a country's cell (its districts once each);
    // the two countries' add up to every carat once.
    let kp = |token: &str, region: Option<uuid::Uuid>| {
        let query = region.map_or(String::new(), |r| format!("&region={r}"));
        server.call(
            "GET",
            &format!("/v1/reports/kp?from=2026-07&to=2026-12{query}"),
            Some(token),
            None,
        )
    };
    let kp_carats = |region| {
        let (status, kp) = kp(admin, Some(region));
        assert_eq!(status, 200, "{kp}");
        assert_eq!(kp["participant"]["id"], region.to_string(), "{kp}");
        kp["production"][0]["carats_hundredths"].as_i64().unwrap()
    };
    let (in_ghana, in_civ) = (kp_carats(gha), kp_carats(civ));
    assert!(in_ghana > 0 && in_civ > 0, "{in_ghana} {in_civ}");
    assert_eq!(in_ghana + in_civ, 150);
    // Two countries readable and none named, a district, a country not served: refused.
    let (status, body) = kp(admin, None);
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_value")),
        "{body}"
    );
    assert!(
        body["message"].as_str().unwrap().contains(&gha.to_string()),
        "{body}"
    );
    let (status, body) = kp(admin, Some(east));
    assert_eq!(status, 400, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("is not a country"),
        "{body}"
    );
    assert_eq!(kp(&east_officer, None).0, 400);
    assert_eq!(kp(&east_officer, Some(gha)).0, 403);

    // The regional report of Ghana counts its districts; one district, only itself.
    let regional = |region: uuid::Uuid| {
        let (status, body) = server.call(
            "GET",
            &format!("/v1/reports/regional?from=2026-11&to=2026-11&region={region}"),
            Some(admin),
            None,
        );
        assert_eq!(status, 200, "{body}");
        body["rows"][0]["production_records"].as_i64().unwrap()
    };
    assert_eq!((regional(gha), regional(east)), (4, 2));

    // An officer's resolution counts in its month, in the district and in Ghana.
    let resolved = |r| november_flags(&server, admin, r, "flags_resolved");
    assert_eq!((resolved(east), resolved(gha)), (0, 0));
    let (status, flags) = server.call(
        "GET",
        &format!("/v1/flags?region={east}&state=open"),
        Some(admin),
        None,
    );
    assert_eq!(status, 200, "{flags}");
    let flag = flags["items"][0]["id"]
        .as_str()
        .expect("a flag in East Akwatia");
    let (status, body) = server.call(
        "POST",
        &format!("/v1/flags/{flag}/resolve"),
        Some(admin),
        Some(serde_json::json!({"note": "licence shown on paper"})),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!((resolved(east), resolved(gha), resolved(west)), (1, 1, 0));

    // A rebuild from the records and flags rolls up the same way.
    let report: Json = serde_json::from_str(&server.admin(&["rebuild-rollups"])).unwrap();
    assert_eq!(report["differences"], 0, "{report}");
    assert_eq!(records(gha), 4);
    assert_eq!((resolved(east), resolved(gha)), (1, 1));
}

/// A flag measure in November 2026 (the month the server stamps flags in, for this test's
/// clock) summed over flag kinds.
fn november_flags(server: &Server, token: &str, region: uuid::Uuid, measure: &str) -> i64 {
    let month = time::OffsetDateTime::now_utc();
    let month = format!("{:04}-{:02}", month.year(), u8::from(month.month()));
    let (status, body) = server.call(
        "GET",
        &format!("/v1/reports/cells?from={month}&to={month}&region={region}"),
        Some(token),
        None,
    );
    assert_eq!(status, 200, "{body}");
    body["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["region"] == region.to_string() && c["measure"] == measure)
        .map(|c| c["value"].as_i64().unwrap())
        .sum()
}

#[test]
fn a_reference_footprint_kept_per_region_serves_its_reports_and_districts() {
    use crate::regions::countries_and_akwatia;
    let mut server = spawn_server();
    let (countries, districts) = countries_and_akwatia(&server.data);
    let gha = countries["Ghana"];
    let (east, west) = (districts["East Akwatia"], districts["West Akwatia"]);
    let mut d = RawDevice::enrol(&server, "Ama", &[gha]);
    // East Akwatia: small stones in Q1 and in Q2. West Akwatia, Q2: large stones.
    let small = |month: u8| -> Vec<_> {
        (1..=20)
            .map(|day| {
                stones_at(
                    gha,
                    &format!("2026-{month:02}-{day:02}"),
                    Some((-0.70, 6.0)),
                    &[8, 12, 20],
                )
            })
            .collect()
    };
    d.push_ops(small(2));
    d.push_ops(small(5));
    d.push_ops(
        (1..=20)
            .map(|day| {
                stones_at(
                    gha,
                    &format!("2026-05-{day:02}"),
                    Some((-0.90, 6.0)),
                    &[150, 300, 600],
                )
            })
            .collect(),
    );
    let national = server.officer("nana.national", "national-officer", &[]);
    let east_officer = server.officer("esi.east", "regional-officer", &[east]);
    let footprint = |server: &Server, token: &str, region: uuid::Uuid| {
        server.call(
            "GET",
            &format!("/v1/reports/footprint?region={region}&from=2026-04&to=2026-06"),
            Some(token),
            None,
        )
    };
    let set = |token: Option<&str>, region: uuid::Uuid, body: Json| {
        server.call(
            "POST",
            &format!("/v1/reports/footprint/references/{region}"),
            token,
            Some(body),
        )
    };

    // Without a reference kept or asked for: 404, saying what to do.
    let (status, body) = footprint(&server, &national, east);
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("not_found")),
        "{body}"
    );
    assert!(
        body["message"].as_str().unwrap().contains("ref_from"),
        "{body}"
    );

    // Bad requests are refused and change nothing.
    let before = server.fingerprint();
    let refused = |token: Option<&str>, region: uuid::Uuid, body: Json, status: u16, code: &str| {
        let (s, answer) = set(token, region, body.clone());
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{body}: {answer}"
        );
    };
    let q1 = serde_json::json!({"from": "2026-01", "to": "2026-03", "region": east});
    refused(None, gha, q1.clone(), 401, "unauthorized");
    refused(Some(&east_officer), east, q1.clone(), 403, "forbidden");
    refused(Some(&national), region(9), q1.clone(), 404, "not_found");
    refused(
        Some(&national),
        gha,
        serde_json::json!({"from": "2026-01", "to": "2026-03", "region": region(9)}),
        404,
        "not_found",
    );
    refused(
        Some(&national),
        gha,
        serde_json::json!({"from": "2026-03", "to": "2026-01"}),
        400,
        "invalid_value",
    );
    refused(
        Some(&national),
        gha,
        serde_json::json!({"from": "2026-03"}),
        400,
        "malformed",
    );
    refused(
        Some(&national),
        gha,
        serde_json::json!({"form": "2026-03"}),
        400,
        "malformed",
    );
    refused(
        Some(&national),
        gha,
        serde_json::json!({}),
        400,
        "invalid_value",
    );
    let classes = |class: &str, stones: u64, carats: u64| {
        serde_json::json!({
            "classes": [{"class": class, "stones": stones, "carats_hundredths": carats}],
            "source": "survey",
        })
    };
    refused(
        Some(&national),
        gha,
        classes("tiny", 3, 20),
        400,
        "invalid_value",
    );
    refused(
        Some(&national),
        gha,
        classes("below_0.10", 2, 19),
        400,
        "invalid_value",
    );
    let mut both = classes("1-2", 3, 450);
    both["from"] = "2026-01".into();
    both["to"] = "2026-03".into();
    refused(Some(&national), gha, both, 400, "invalid_value");
    refused(
        Some(&national),
        gha,
        serde_json::json!({"classes": [{"class": "1-2", "stones": 3, "carats_hundredths": 450}]}),
        400,
        "invalid_value",
    );
    assert_eq!(server.fingerprint(), before);

    // Ghana's reference is East Akwatia's first quarter; districts without their own use it.
    let (status, kept) = set(Some(&national), gha, q1);
    assert_eq!(status, 200, "{kept}");
    assert_eq!(kept["set_by"], "nana.national");
    let (status, east_q2) = footprint(&server, &east_officer, east);
    assert_eq!(status, 200, "{east_q2}");
    assert_eq!(east_q2["reference"]["source"], "period");
    assert_eq!(east_q2["reference"]["set_for"], gha.to_string());
    assert_eq!(east_q2["reference"]["region"], east.to_string());
    assert_eq!(east_q2["reference"]["footprint"]["stones"], 60);
    assert_eq!(east_q2["comparison"]["verdict"], "similar");
    let (_, west_q2) = footprint(&server, &national, west);
    assert_eq!(west_q2["reference"]["set_for"], gha.to_string());
    assert_eq!(west_q2["comparison"]["verdict"], "different");

    // West Akwatia gets its own, imported from a CSV by the admin command (server running).
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("west.csv");
    std::fs::write(
        &csv,
        "class,stones,carats\n1-2,40,60.00\n2-4,40,120.00\n4-10,40,240.00\n",
    )
    .unwrap();
    let out = server.admin(&[
        "set-reference-footprint",
        "--region",
        &west.to_string(),
        "--file",
        csv.to_str().unwrap(),
        "--source",
        "2019 gravel survey",
    ]);
    assert!(out.contains("2019 gravel survey"), "{out}");
    let (_, west_q2) = footprint(&server, &national, west);
    assert_eq!(west_q2["reference"]["source"], "imported");
    assert_eq!(west_q2["reference"]["note"], "2019 gravel survey");
    assert_eq!(west_q2["reference"]["set_for"], west.to_string());
    assert_eq!(west_q2["reference"]["footprint"]["stones"], 120);
    assert_eq!(west_q2["comparison"]["verdict"], "similar");
    // A reference period asked for in the request still wins over the kept one.
    let (_, asked) = server.call(
        "GET",
        &format!(
            "/v1/reports/footprint?region={west}&from=2026-04&to=2026-06&ref_region={east}&ref_from=2026-01&ref_to=2026-03"
        ),
        Some(&national),
        None,
    );
    assert_eq!(asked["reference"]["source"], "period");
    assert!(asked["reference"]["set_for"].is_null());
    assert_eq!(asked["comparison"]["verdict"], "different");

    // Listed within the officer's regions.
    let listed = |token: &str| {
        let (status, body) =
            server.call("GET", "/v1/reports/footprint/references", Some(token), None);
        assert_eq!(status, 200, "{body}");
        body["references"].as_array().unwrap().len()
    };
    assert_eq!((listed(&national), listed(&east_officer)), (2, 0));

    // Kept in the log: the same after kill -9.
    let addr = server.addr();
    let data = server.data.clone();
    server.kill9();
    let restarted = Spawn::new().data(&data).listen(&addr).start();
    let (_, again) = footprint(&restarted, &national, west);
    assert_eq!(again["reference"], west_q2["reference"]);
}

/// A sale by a miner or a mining-licence holder is a first sale; a dealer's or exporter's
/// resale is a transfer. Production is valued at first sale, in any arrival order and
/// after a licence's kind is corrected, and a rebuild agrees.
#[test]
fn a_sale_is_a_first_sale_or_a_transfer_and_production_is_valued_at_first_sale() {
    let server = spawn_server();
    let (_, countries) = crate::regions::import(
        &server.data,
        &crate::regions::borders(),
        &["--level", "country"],
    );
    let ghana = countries["Ghana"];
    let a = server.device("Ama", &[ghana]);
    let b = server.device("Kwame", &[ghana]);
    let licence = |d: &Device, number: &str, kind: &str| {
        d.ok(&[
            "licence",
            "add",
            "--number",
            number,
            "--kind",
            kind,
            "--holder-org",
            "Holder",
            "--issued",
            "2026-01-01",
            "--expires",
            "2026-12-31",
        ])
    };
    let sale = |seller: (&str, &str), buyer: &str, carats: &str, usd: &str| {
        a.ok(&[
            "sale",
            "add",
            seller.0,
            seller.1,
            "--buyer",
            buyer,
            "--date",
            "2026-05-02",
            "--carats",
            carats,
            "--stones",
            "1",
            "--value-usd",
            usd,
        ])
    };
    let miner = a.add_miner("Kofi Mensah", 1990, &[]);
    let claim = licence(&a, "GH-C-0001", "claim");
    let dealer = licence(&a, "GH-B-0001", "buyer");
    let exporter = licence(&a, "GH-E-0001", "exporter");
    let second_dealer = licence(&a, "GH-B-0002", "buyer");
    // Kwame's claim is not on the server yet when its holder's sale arrives.
    let late_claim = licence(&b, "GH-C-0002", "claim");
    sale(("--seller-miner", &miner), &dealer, "1.00", "100.00");
    sale(("--seller-licence", &claim), &dealer, "0.50", "60.00");
    sale(("--seller-licence", &dealer), &exporter, "1.50", "300.00");
    sale(
        ("--seller-licence", &second_dealer),
        &dealer,
        "0.20",
        "10.00",
    );
    sale(("--seller-licence", &late_claim), &dealer, "0.30", "40.00");
    a.sync();

    // (first-sale cents, carats; transfer cents, carats) of 2026-H1.
    let kp = || {
        let (status, kp) = server.call(
            "GET",
            &format!("/v1/reports/kp?from=2026-01&to=2026-12&region={ghana}"),
            Some(server.root()),
            None,
        );
        assert_eq!(status, 200, "{kp}");
        assert_eq!(kp["version"], 4, "{kp}");
        assert_eq!(kp["participant"]["name"], "Ghana", "{kp}");
        let h1 = &kp["production"][0];
        assert_eq!(h1["period"], "2026-H1", "{kp}");
        let n = |f: &str| h1[f].as_i64().unwrap();
        (
            n("first_sales_cents"),
            n("first_sales_carats_hundredths"),
            n("transfers_cents"),
            n("transfers_carats_hundredths"),
        )
    };
    // The miner's and the claim holder's sales are first sales; the unknown licence's
    // holder is not taken for a miner.
    assert_eq!(kp(), (16_000, 150, 35_000, 200));
    b.sync();
    assert_eq!(kp(), (20_000, 180, 31_000, 170), "the claim arrived");
    a.ok(&["edit", "licence", &second_dealer, "--set", "kind=claim"]);
    a.sync();
    assert_eq!(
        kp(),
        (21_000, 200, 30_000, 150),
        "a dealer's licence was a claim"
    );

    // The national report gives all sales, first sales and transfers apart.
    let (status, national) = server.call(
        "GET",
        "/v1/reports/national?from=2026-04&to=2026-06&period=quarter",
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200, "{national}");
    let nation = national["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region"].is_null())
        .expect("a national row")
        .clone();
    let n = |f: &str| nation[f].as_i64().unwrap();
    assert_eq!(
        (
            n("sales_cents"),
            n("first_sales_cents"),
            n("transfers_cents"),
            n("first_sales_carats_hundredths")
        ),
        (51_000, 21_000, 30_000, 200),
        "{nation}"
    );
    let csv = String::from_utf8(
        run(placer()
            .args(["report", "--data"])
            .arg(&server.data)
            .args([
                "kp", "--from", "2026-01", "--to", "2026-12", "--format", "csv",
            ])
            .args(["--country", &ghana.to_string()]))
        .stdout,
    )
    .unwrap();
    // The licences issued in January and the sales of May: the half-year is covered.
    assert!(
        csv.contains("Ghana,production,2026-H1,false,,,0.00,210.00,"),
        "{csv}"
    );
    assert!(
        csv.contains("Ghana,first_sales,2026-H1,false,,,2.00,210.00,"),
        "{csv}"
    );
    assert!(
        csv.contains("Ghana,transfers,2026-H1,false,,,1.50,300.00,"),
        "{csv}"
    );

    let rebuilt: Json = serde_json::from_str(&server.admin(&["rebuild-rollups"])).unwrap();
    assert_eq!(rebuilt["differences"], 0, "{rebuilt}");
    assert_eq!(kp(), (21_000, 200, 30_000, 150));
}

/// KP trade figures are per quarter, HS code and partner country: exports by destination
/// (from export records), imports by origin (recorded at the ministry). Bad imports are
/// refused and change nothing; a certificate counts once.
#[test]
fn kp_statistics_give_exports_and_imports_by_partner_country() {
    let server = spawn_server();
    let (_, countries) = crate::regions::import(
        &server.data,
        &crate::regions::borders(),
        &["--level", "country"],
    );
    let (ghana, sierra_leone) = (countries["Ghana"], countries["Sierra Leone"]);
    let agent = server.device("Ama", &[ghana]);
    let exporter = agent.ok(&[
        "licence",
        "add",
        "--number",
        "GH-E-0007",
        "--kind",
        "exporter",
        "--holder-org",
        "Accra Rough",
        "--issued",
        "2025-01-01",
        "--expires",
        "2027-12-31",
    ]);
    let export = |certificate: &str, date: &str, carats: &str, usd: &str, to: &str| {
        agent.ok(&[
            "export",
            "add",
            "--exporter",
            &exporter,
            "--certificate",
            certificate,
            "--date",
            date,
            "--carats",
            carats,
            "--value-usd",
            usd,
            "--hs-code",
            "7102.21",
            "--destination",
            to,
            "--stones",
            carats,
        ])
    };
    export("GH-KP-7001", "2026-02-03", "10.00", "400.00", "BEL");
    export("GH-KP-7002", "2026-03-03", "5.00", "200.00", "BEL");
    export("GH-KP-7003", "2026-03-04", "2.00", "90.00", "ARE");
    agent.sync();

    let national = server.officer("kofi.national", "national-officer", &[]);
    let regional = server.officer("esi.regional", "regional-officer", &[ghana]);
    let import = |certificate: &str, date: &str, origin: &str| {
        serde_json::json!({"country": ghana, "import": {
            "importer": "Accra Rough",
            "certificate": certificate,
            "date": date,
            "carats": 350,
            "value": 14_000,
            "hs_code": "7102.10",
            "origin": origin,
        }})
    };
    let before = server.fingerprint();
    let refused = |token: Option<&str>, body: Json, status: u16, code: &str| {
        let (s, answer) = server.call("POST", "/v1/imports", token, Some(body.clone()));
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{body}: {answer}"
        );
    };
    let good = import("SL-KP-0091", "2026-05-20", "SLE");
    refused(None, good.clone(), 401, "unauthorized");
    refused(Some(&regional), good.clone(), 403, "forbidden");
    let mut nowhere = good.clone();
    nowhere["country"] = serde_json::json!(uuid::Uuid::now_v7());
    refused(Some(server.root()), nowhere, 400, "invalid_value");
    let mut zero = good.clone();
    zero["import"]["carats"] = serde_json::json!(0);
    refused(Some(&national), zero, 400, "invalid_value");
    for (field, value) in [
        ("origin", "Sierra Leone"),
        ("hs_code", "7102.99"),
        ("date", "2026-02-30"),
        ("certificate", ""),
    ] {
        let mut bad = good.clone();
        bad["import"][field] = serde_json::json!(value);
        let (s, answer) = server.call("POST", "/v1/imports", Some(&national), Some(bad));
        assert_eq!(s, 400, "{field}: {answer}");
    }
    let mut extra = good.clone();
    extra["import"]["by"] = serde_json::json!("me");
    refused(Some(&national), extra, 400, "malformed");
    assert_eq!(server.fingerprint(), before, "nothing refused was kept");

    let (s, kept) = server.call("POST", "/v1/imports", Some(&national), Some(good.clone()));
    assert_eq!(s, 200, "{kept}");
    assert_eq!(kept["recorded_by"], "kofi.national");
    refused(Some(&national), good, 409, "already_exists");
    // The same through the command line, with the server running.
    let out = server.admin(&[
        "record-import",
        "--country",
        &ghana.to_string(),
        "--importer",
        "Accra Rough",
        "--certificate",
        "CI-KP-0012",
        "--date",
        "2026-06-01",
        "--carats",
        "1.25",
        "--value-usd",
        "50.00",
        "--hs-code",
        "7102.10",
        "--origin",
        "CIV",
    ]);
    assert!(out.contains("CI-KP-0012"), "{out}");

    let (status, kp) = server.call(
        "GET",
        &format!("/v1/reports/kp?from=2026-01&to=2026-06&region={ghana}"),
        Some(&national),
        None,
    );
    assert_eq!(status, 200, "{kp}");
    let rows = |section: &str| -> Vec<(String, String, String, i64, i64, i64)> {
        kp[section]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let s = |f: &str| r[f].as_str().unwrap().to_string();
                let n = |f: &str| r[f].as_i64().unwrap();
                (
                    s("period"),
                    s("hs_code"),
                    s("partner"),
                    n("carats_hundredths"),
                    n("cents"),
                    n("certificates"),
                )
            })
            .collect()
    };
    let row = |p: &str, hs: &str, partner: &str, carats, cents, certificates| {
        (
            p.into(),
            hs.into(),
            partner.into(),
            carats,
            cents,
            certificates,
        )
    };
    assert_eq!(
        rows("exports"),
        [
            row("2026-Q1", "7102.21", "ARE", 200, 9_000, 1),
            row("2026-Q1", "7102.21", "BEL", 1_500, 60_000, 2),
        ]
    );
    assert_eq!(
        rows("imports"),
        [
            row("2026-Q2", "7102.10", "CIV", 125, 5_000, 1),
            row("2026-Q2", "7102.10", "SLE", 350, 14_000, 1),
        ]
    );
    // Sierra Leone's statistics hold none of Ghana's trade.
    let (_, other) = server.call(
        "GET",
        &format!("/v1/reports/kp?from=2026-01&to=2026-06&region={sierra_leone}"),
        Some(server.root()),
        None,
    );
    assert_eq!(other["exports"], serde_json::json!([]), "{other}");
    assert_eq!(other["imports"], serde_json::json!([]), "{other}");
    let (_, csv) = server.call(
        "GET",
        &format!("/v1/reports/kp?from=2026-01&to=2026-06&region={ghana}&format=csv"),
        Some(&national),
        None,
    );
    let csv = csv.as_str().unwrap();
    assert!(
        csv.starts_with(
            "participant,section,period,partial,hs_code,partner,carats,usd,certificates"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("Ghana,imports,2026-Q2,false,7102.10,SLE,3.50,140.00,1"),
        "{csv}"
    );
    // The registry's figures start in February: January is not covered, Q1 is partial.
    assert!(
        csv.contains("Ghana,exports,2026-Q1,true,7102.21,BEL,15.00,600.00,2"),
        "{csv}"
    );
    // Kept in the log: the same after kill -9.
    let addr = server.addr();
    let data = server.data.clone();
    let mut server = server;
    server.kill9();
    let restarted = Spawn::new().data(&data).listen(&addr).start();
    let (_, again) = restarted.call(
        "GET",
        &format!("/v1/reports/kp?from=2026-01&to=2026-06&region={ghana}"),
        Some(&national),
        None,
    );
    assert_eq!(again["imports"], kp["imports"], "{again}");
}

/// The national internal-control report says what the registry holds at each period's end
/// (miners registered, licences active by kind) and how much of the workforce it reaches
/// against an officer's estimate of the diggers; bad estimates are refused and change
/// nothing.
#[test]
fn the_national_report_holds_the_register_against_an_estimate_of_the_diggers() {
    let server = spawn_server();
    let (_, countries) = crate::regions::import(
        &server.data,
        &crate::regions::borders(),
        &["--level", "country"],
    );
    let (ghana, sierra_leone) = (countries["Ghana"], countries["Sierra Leone"]);
    let agent = server.device("Ama", &[ghana]);
    let mut licences = Vec::new();
    for (number, kind) in [
        ("GH-C-0101", "claim"),
        ("GH-B-0101", "buyer"),
        ("GH-E-0101", "exporter"),
    ] {
        let id = agent.ok(&[
            "licence",
            "add",
            "--number",
            number,
            "--kind",
            kind,
            "--holder-org",
            "Holder",
            "--issued",
            "2026-01-01",
            "--expires",
            "2027-12-31",
        ]);
        licences.push(id);
    }
    for name in ["Kofi Mensah", "Ama Owusu", "Yaw Boateng"] {
        agent.add_miner(name, 1990, &[]);
    }
    // The claim is worked in March, and on two days of the second half.
    for date in ["2026-03-10", "2026-07-02", "2026-09-20"] {
        agent.ok(&[
            "production",
            "add",
            "--licence",
            &licences[0],
            "--date",
            date,
            "--lat",
            "6.04",
            "--lon",
            "-0.80",
            "--diggers",
            "3",
            "--gravel-litres",
            "500",
            "--stones",
            "0.40",
        ]);
    }
    agent.sync();

    let national = server.officer("kofi.national", "national-officer", &[]);
    let other = server.officer("fatmata.regional", "regional-officer", &[sierra_leone]);
    let set = |token: Option<&str>, region: uuid::Uuid, body: Json| {
        server.call(
            "POST",
            &format!("/v1/regions/{region}/digger-estimate"),
            token,
            Some(body),
        )
    };
    let good = serde_json::json!({"diggers": 12, "source": "2025 district census"});
    let before = server.fingerprint();
    for (token, region, body, status, code) in [
        (None, ghana, good.clone(), 401, "unauthorized"),
        (Some(other.as_str()), ghana, good.clone(), 403, "forbidden"),
        (
            Some(national.as_str()),
            uuid::Uuid::now_v7(),
            good.clone(),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            ghana,
            serde_json::json!({"diggers": 12, "source": "  "}),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            ghana,
            serde_json::json!({"diggers": 1_000_000_000, "source": "a guess"}),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            ghana,
            serde_json::json!({"diggers": -3, "source": "census"}),
            400,
            "malformed",
        ),
        (
            Some(national.as_str()),
            ghana,
            serde_json::json!({"diggers": 12, "source": "census", "by": "me"}),
            400,
            "malformed",
        ),
    ] {
        let (s, answer) = set(token, region, body.clone());
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{body}: {answer}"
        );
    }
    assert_eq!(server.fingerprint(), before, "nothing refused was kept");
    let (s, kept) = set(Some(&national), ghana, good);
    assert_eq!(s, 200, "{kept}");
    assert_eq!(kept["set_by"], "kofi.national");

    let nation = |token: &str| {
        let (status, report) = server.call(
            "GET",
            "/v1/reports/national?from=2026-01&to=2026-12&period=half",
            Some(token),
            None,
        );
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["version"], 5);
        report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|r| r["region"].is_null())
            .cloned()
            .unwrap_or_else(|| panic!("{report}"))
    };
    let last = nation(&national);
    assert_eq!(last["period"], "2026-H2", "{last}");
    assert_eq!(last["miners_registered"], 3, "{last}");
    assert_eq!(
        (
            last["licences_active"].as_i64(),
            last["mining_licences_active"].as_i64(),
            last["dealers_active"].as_i64(),
            last["exporters_active"].as_i64()
        ),
        (Some(3), Some(1), Some(1), Some(1)),
        "{last}"
    );
    assert_eq!(last["diggers_estimated"], 12);
    assert_eq!(last["miner_coverage"], 0.25);
    // One site visited in each half, however many days.
    assert_eq!(last["sites_visited"], 1, "{last}");

    // A new estimate through the command line replaces it.
    let out = server.admin(&[
        "set-digger-estimate",
        "--region",
        &ghana.to_string(),
        "--diggers",
        "6",
        "--source",
        "2026 survey",
    ]);
    assert!(out.contains("2026 survey"), "{out}");
    let last = nation(&national);
    assert_eq!(
        (
            last["diggers_estimated"].as_i64(),
            last["miner_coverage"].as_f64()
        ),
        (Some(6), Some(0.5))
    );
    let (_, csv) = server.call(
        "GET",
        "/v1/reports/national?from=2026-01&to=2026-12&period=half&format=csv",
        Some(&national),
        None,
    );
    let csv = csv.as_str().unwrap();
    let line = csv
        .lines()
        .rev()
        .find(|l| l.starts_with("2026-H2,,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        line.ends_with(",3,6,0.5000,3,1,1,1,0.000,0.000,0.00,1,0.000,0.000"),
        "{line}"
    );
}

/// The large-stone register lists every stone at or above its mineral's large size, named,
/// kept at ingest as productions arrive, are corrected and voided; regional officers read
/// their own regions'.
#[test]
fn the_large_stone_register_follows_the_productions() {
    let server = spawn_server();
    let agent = server.device("Ama", &[region(1), region(2)]);
    let miner = agent.add_miner("Kofi Mensah", 1990, &[]);
    let licence = agent.add_licence("SL-AP-0701", "artisanal-permit", &miner);
    let production = |region: uuid::Uuid, date: &str, stones: &str, mineral: &str| {
        agent.ok(&[
            "production",
            "add",
            "--licence",
            &licence,
            "--miner",
            &miner,
            "--date",
            date,
            "--lat",
            "8.65",
            "--lon",
            "-10.95",
            "--accuracy",
            "8",
            "--diggers",
            "5",
            "--stones",
            stones,
            "--mineral",
            mineral,
            "--region",
            &region.to_string(),
        ])
    };
    let lucky = production(region(1), "2026-05-02", "0.15,3.70,2.10", "diamond");
    production(region(1), "2026-05-03", "0.50,1.99", "diamond");
    let nugget = production(region(2), "2026-06-10", "300.00", "gold");
    production(region(2), "2026-06-11", "249.99", "gold");
    agent.sync();

    let register = |token: &str, query: &str| {
        let (status, r) = server.call(
            "GET",
            &format!("/v1/reports/large-stones?from=2026-01&to=2026-12{query}"),
            Some(token),
            None,
        );
        assert_eq!(status, 200, "{r}");
        r["stones"].as_array().unwrap().clone()
    };
    let all = register(server.root(), "");
    let listed: Vec<(&str, &str, u64)> = all
        .iter()
        .map(|s| {
            (
                s["production"].as_str().unwrap(),
                s["mineral"].as_str().unwrap(),
                s["carats_hundredths"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (lucky.as_str(), "diamond", 370),
            (lucky.as_str(), "diamond", 210),
            (nugget.as_str(), "gold", 30_000),
        ]
    );
    assert_eq!(all[0]["licence_number"], "SL-AP-0701");
    assert_eq!(all[0]["miner_names"], "Kofi Mensah");
    assert_eq!(all[0]["diggers"], 5);
    // A region, and a regional officer, see their own.
    let one = server.officer("esi.regional", "regional-officer", &[region(1)]);
    assert_eq!(register(&one, "").len(), 2);
    assert_eq!(
        register(server.root(), &format!("&region={}", region(2))).len(),
        1
    );
    let (status, refused) = server.call(
        "GET",
        &format!(
            "/v1/reports/large-stones?from=2026-01&to=2026-12&region={}",
            region(2)
        ),
        Some(&one),
        None,
    );
    assert_eq!(status, 403, "{refused}");

    // A weight corrected below the size leaves the register; a void too.
    agent.ok(&[
        "edit",
        "production",
        &lucky,
        "--set",
        r#"stones={"weighed":[15,370]}"#,
    ]);
    agent.ok(&["void", "production", &nugget, "--reason", "entered twice"]);
    agent.sync();
    let all = register(server.root(), "");
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["carats_hundredths"], 370);

    let (_, csv) = server.call(
        "GET",
        "/v1/reports/large-stones?from=2026-01&to=2026-12&format=csv",
        Some(server.root()),
        None,
    );
    let csv = csv.as_str().unwrap();
    assert!(
        csv.contains(&format!("2026-05-02,{lucky},{},", region(1))),
        "{csv}"
    );
    assert!(
        csv.contains(",SL-AP-0701,") && csv.contains(",Kofi Mensah,diamond,3.70,"),
        "{csv}"
    );
    // The register is derived: a rebuild from the log gives it again.
    let out = String::from_utf8(
        run(placer().args(["report", "--data"]).arg(&server.data).args([
            "large-stones",
            "--from",
            "2026-01",
            "--to",
            "2026-12",
            "--format",
            "csv",
        ]))
        .stdout,
    )
    .unwrap();
    assert_eq!(out.lines().count(), 2, "{out}");
}

/// A gold sale's fineness, by assay at the ministry, gives the fine gold beside the grams
/// weighed in the national report; what is not a gold sale, a fineness out of range, a
/// missing assayer or a role without the right is refused and changes nothing.
#[test]
fn assayed_gold_sales_give_the_fine_gold_in_the_national_report() {
    let server = spawn_server();
    let agent = server.device("Ama", &[region(1)]);
    let buyer = agent.ok(&[
        "licence",
        "add",
        "--number",
        "GH-B-0201",
        "--kind",
        "buyer",
        "--holder-org",
        "Tarkwa Gold Buyers",
        "--mineral",
        "gold",
        "--issued",
        "2026-01-01",
        "--expires",
        "2027-12-31",
    ]);
    let seller = agent.add_miner("Kojo Asante", 1985, &[]);
    let sale = |carats: &str, mineral: &str| {
        agent.ok(&[
            "sale",
            "add",
            "--seller-miner",
            &seller,
            "--buyer",
            &buyer,
            "--date",
            "2026-05-04",
            "--carats",
            carats,
            "--stones",
            "1",
            "--value-usd",
            "600.00",
            "--mineral",
            mineral,
        ])
    };
    // 50 ct of gold is 10 g; 25 ct is 5 g.
    let gold = sale("50.00", "gold");
    sale("25.00", "gold");
    let diamonds = sale("1.20", "diamond");
    agent.sync();
    let national = server.officer("kofi.national", "national-officer", &[]);
    let regional = server.officer("esi.regional", "regional-officer", &[region(1)]);
    let assay = |token: Option<&str>, sale: &str, body: Json| {
        server.call(
            "POST",
            &format!("/v1/sales/{sale}/assay"),
            token,
            Some(body),
        )
    };
    let good = serde_json::json!({"fineness": "916.7", "assayer": "Assay office, Accra"});
    let before = server.fingerprint();
    let unknown = uuid::Uuid::now_v7().to_string();
    for (token, target, body, status, code) in [
        (None, gold.as_str(), good.clone(), 401, "unauthorized"),
        (
            Some(regional.as_str()),
            gold.as_str(),
            good.clone(),
            403,
            "forbidden",
        ),
        (
            Some(national.as_str()),
            diamonds.as_str(),
            good.clone(),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            unknown.as_str(),
            good.clone(),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            gold.as_str(),
            serde_json::json!({"fineness": "1000.5", "assayer": "Lab"}),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            gold.as_str(),
            serde_json::json!({"fineness": "0", "assayer": "Lab"}),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            gold.as_str(),
            serde_json::json!({"fineness": "916.7", "assayer": "  "}),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            gold.as_str(),
            serde_json::json!({"fineness": 916.7, "assayer": "Lab"}),
            400,
            "malformed",
        ),
        (
            Some(national.as_str()),
            gold.as_str(),
            serde_json::json!({"fineness": "916.7", "assayer": "Lab", "by": "me"}),
            400,
            "malformed",
        ),
    ] {
        let (s, answer) = assay(token, target, body.clone());
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{body}: {answer}"
        );
    }
    assert_eq!(server.fingerprint(), before, "nothing refused was kept");
    let (s, kept) = assay(Some(&national), &gold, good);
    assert_eq!(s, 200, "{kept}");
    assert_eq!(kept["fineness"], 9_167);
    assert_eq!(kept["assayed_by"], "kofi.national");

    let report = |token: &str| {
        let (status, report) = server.call(
            "GET",
            "/v1/reports/national?from=2026-04&to=2026-06",
            Some(token),
            None,
        );
        assert_eq!(status, 200, "{report}");
        report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["region"].is_null())
            .cloned()
            .unwrap_or_else(|| panic!("{report}"))
    };
    let q2 = report(&national);
    // 15 g sold, 10 g of it assayed at 916.7: 9.167 g fine.
    assert_eq!(q2["gold_sales_milligrams"], 15_000, "{q2}");
    assert_eq!(q2["gold_sales_assayed_milligrams"], 10_000, "{q2}");
    assert_eq!(q2["gold_sales_fine_milligrams"], 9_167, "{q2}");

    // A second assay of the same sale replaces the first, through the command line.
    let out = server.admin(&[
        "assay-gold",
        "--sale",
        &gold,
        "--fineness",
        "995",
        "--assayer",
        "Buyer's laboratory",
    ]);
    assert!(out.contains("9950"), "{out}");
    let q2 = report(&national);
    assert_eq!(q2["gold_sales_fine_milligrams"], 9_950, "{q2}");
    let (_, csv) = server.call(
        "GET",
        "/v1/reports/national?from=2026-04&to=2026-06&format=csv",
        Some(&national),
        None,
    );
    let csv = csv.as_str().unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",gold_sales_assayed_grams,gold_sales_fine_grams"),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("2026-Q2,,") && l.ends_with(",10.000,9.950")),
        "{csv}"
    );
}
