//! The flags to triage on the dashboard: most urgent first, counted, filtered (kind,
//! state, region and below, changed since), grouped into cases as the API groups them,
//! downloaded whole, kinds in words and records by name; a flag's finding in words with a
//! map of its fix against the licence area. Every bad address is a 400 page.

use serde_json::Value as Json;
use sync_protocol::clock::Hlc;
use sync_protocol::op::Op;
use uuid::Uuid;

use crate::big_region::{bad, data, licence, production, INSIDE};
use crate::harness::*;
use crate::regions::countries_and_akwatia;
use crate::web::{api, api_token, attr, csv_rows, table, table_text, Browser};

/// Flags of three severities: productions on a licence nobody registered (high, one
/// case), fixes outside a claim (medium), impossible stone weights (low).
struct Flagged {
    server: Server,
    ghana: Uuid,
    east: Uuid,
    unknown: Uuid,
    claim_number: &'static str,
}

const UNKNOWN_EARLY: usize = 30;
const UNKNOWN_LATE: usize = 25;
const OUTSIDE: usize = 3;
const HEAVY: usize = 2;
const FLAGS: usize = UNKNOWN_EARLY + UNKNOWN_LATE + OUTSIDE + HEAVY;

fn flagged() -> Flagged {
    let server = spawn_server();
    let (countries, districts) = countries_and_akwatia(&server.data);
    let (ghana, east) = (countries["Ghana"], districts["East Akwatia"]);
    let mut d = RawDevice::enrol(&server, "Ama", &[ghana]);
    let claim = licence(east, "GH-CL-0042", "2026-12-31");
    let claim_id = claim.record;
    let unknown = Uuid::now_v7();
    let mut first = vec![claim];
    for i in 0..OUTSIDE {
        // About 550 m east of the claim, and more.
        first.push(production(
            east,
            claim_id,
            "2026-05-04",
            (-0.693 + i as f64 * 0.001, 6.001),
            &[25],
        ));
    }
    for _ in 0..HEAVY {
        first.push(production(east, claim_id, "2026-05-05", INSIDE, &[250_000]));
    }
    for _ in 0..UNKNOWN_EARLY {
        first.push(production(east, unknown, "2026-05-06", INSIDE, &[30]));
    }
    d.push_ops(first);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let late: Vec<Op> = (0..UNKNOWN_LATE)
        .map(|_| production(east, unknown, "2026-05-07", INSIDE, &[30]))
        .collect();
    d.push_ops(late);
    Flagged {
        server,
        ghana,
        east,
        unknown,
        claim_number: "GH-CL-0042",
    }
}

fn severity_rank(s: &str) -> u8 {
    match s {
        "high" => 2,
        "medium" => 1,
        _ => 0,
    }
}

#[test]
fn flags_come_most_urgent_first_counted_filtered_grouped_and_downloaded_whole() {
    let f = flagged();
    let (server, b) = (&f.server, Browser::new(&f.server));
    let (ok, out) = add_user(&server.data, "t.admin", "admin", &[], OFFICER_PASSWORD);
    assert!(ok, "{out}");
    let cookie = b.login("t.admin");
    let token = api_token(server, "t.admin");
    let api_flags: Vec<Json> = api(server, &token, "/v1/flags?limit=1000")["items"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(api_flags.len(), FLAGS, "{api_flags:?}");

    // The first page: 50 of them, counted whole, most urgent first.
    let page = b.page("/flags", &cookie);
    assert_eq!(data(&page, "count", "data-total"), FLAGS.to_string());
    assert!(page.contains(&format!("{FLAGS} flags, showing 1–50")));
    let rows = table(&page, "flags");
    assert_eq!(
        rows[0],
        [
            "severity",
            "kind",
            "concerns",
            "region",
            "state",
            "raised_at",
            "summary",
            "id"
        ]
    );
    assert_eq!(rows.len(), 1 + 50);
    // The API's flags sorted by severity, then newest raised: the page's order.
    let mut sorted = api_flags.clone();
    let raised = |f: &Json| serde_json::from_value::<Hlc>(f["raised_at"].clone()).unwrap();
    sorted.sort_by(|a, b| {
        (severity_rank(b["severity"].as_str().unwrap()), raised(b))
            .cmp(&(severity_rank(a["severity"].as_str().unwrap()), raised(a)))
    });
    let listed: Vec<&str> = rows[1..].iter().map(|r| r[7].as_str()).collect();
    let expected: Vec<&str> = sorted[..50]
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    let as_set = |v: &[&str]| {
        v.iter()
            .map(|s| s.to_string())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(as_set(&listed), as_set(&expected));
    for (row, f) in rows[1..].iter().zip(&sorted) {
        assert_eq!(row[0], f["severity"].as_str().unwrap());
    }
    // The later batch's flags come before the earlier one's, within the high ones.
    assert!(
        raised(&sorted[UNKNOWN_LATE - 1]) > raised(&sorted[UNKNOWN_LATE]),
        "two batches, raised apart"
    );
    assert_eq!(
        as_set(&listed[..UNKNOWN_LATE]),
        as_set(&expected[..UNKNOWN_LATE]),
        "the later batch's flags first"
    );
    // The second page: the rest, medium then low.
    let page2 = b.page("/flags?page=2", &cookie);
    let rows2 = table(&page2, "flags");
    assert_eq!(rows2.len(), 1 + FLAGS - 50);
    let sev: Vec<&str> = rows2[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(sev[sev.len() - HEAVY..], ["low"; HEAVY]);
    assert!(sev.contains(&"medium"));

    // The download holds every flag that matches, not only the page.
    let href = attr(&page, "data-csv=\"flags\"", "href");
    let csv = csv_rows(&b.get(&href, Some(&cookie)).body);
    assert_eq!(csv.len(), 1 + FLAGS);
    // Headed by the column labels, as a person reads them; then the page's rows.
    assert_eq!(csv[0], table_text(&page, "flags")[0]);
    assert_eq!(csv[1..51], rows[1..]);

    // Kinds in words, the wire name kept for machines; names in place of ids; a short id.
    let text = table_text(&page, "flags");
    assert_eq!(text[1][1], "Production on a licence not valid that day");
    assert_eq!(rows[1][1], "licence_not_valid");
    assert_eq!(text[1][3], "East Akwatia");
    assert!(
        text[1][7].chars().count() <= 11 && rows[1][7].len() == 68,
        "{}",
        text[1][7]
    );
    assert!(page.contains(&format!("title=\"{}\"", rows[1][7])));
    let outside = b.page("/flags?kind=outside_licence_area", &cookie);
    let o = table_text(&outside, "flags");
    assert_eq!(o.len(), 1 + OUTSIDE);
    assert_eq!(o[1][1], "Production outside its licence area");
    assert!(
        o[1][2].contains(&format!("{} (Akwatia Diggers)", f.claim_number)),
        "the licence by its number and its holder: {:?}",
        o[1]
    );
    assert!(
        !outside.contains(">outside_licence_area<"),
        "no wire name shown"
    );

    // Filters: kind, state, region (and below), changed since.
    let count = |q: &str| {
        data(
            &b.page(&format!("/flags?{q}"), &cookie),
            "count",
            "data-total",
        )
    };
    assert_eq!(count("kind=impossible_stone_weight"), HEAVY.to_string());
    assert_eq!(count("state=open"), FLAGS.to_string());
    assert_eq!(count("state=resolved"), "0");
    assert_eq!(count(&format!("region={}", f.ghana)), FLAGS.to_string());
    assert_eq!(count(&format!("region={}", f.east)), FLAGS.to_string());
    assert_eq!(count("since=2020-01-01"), FLAGS.to_string());
    assert_eq!(count("since=2099-01-01"), "0");
    let api_kind = api(
        server,
        &token,
        "/v1/flags?kind=outside_licence_area&limit=1000",
    );
    assert_eq!(
        count("kind=outside_licence_area"),
        api_kind["items"].as_array().unwrap().len().to_string()
    );

    // Cases: the flags of one root cause together, as the API groups them.
    let cases = b.page("/flags?view=cases", &cookie);
    let c = table(&cases, "cases");
    let api_cases = api(server, &token, "/v1/cases");
    let api_cases = api_cases["cases"].as_array().unwrap();
    assert_eq!(c.len() - 1, api_cases.len());
    assert_eq!(
        data(&cases, "count", "data-total"),
        api_cases.len().to_string()
    );
    let first = &api_cases[0];
    assert_eq!(first["flags"], UNKNOWN_EARLY + UNKNOWN_LATE);
    assert_eq!(c[1][5], (UNKNOWN_EARLY + UNKNOWN_LATE).to_string());
    assert_eq!(c[1][1], "licence_not_valid");
    // A case's flags, from its link.
    let link = format!("/flags?kind=licence_not_valid&cause={}", f.unknown);
    assert!(
        cases.contains(&link.replace('&', "&amp;")),
        "the case links to its flags"
    );
    let of_case = b.page(&link, &cookie);
    assert_eq!(
        data(&of_case, "count", "data-total"),
        (UNKNOWN_EARLY + UNKNOWN_LATE).to_string()
    );
    assert!(of_case.contains("id=\"case\""));

    // A flag of a fix outside its claim: the finding in words and a map, no raw JSON.
    let id = &table(&outside, "flags")[1][7];
    let flag = b.page(&format!("/flags/{id}"), &cookie);
    assert!(flag.contains("<h1>Flag: Production outside its licence area</h1>"));
    assert!(!flag.contains("<pre"), "no raw JSON");
    assert!(flag.contains("id=\"evidence\""));
    assert!(flag.contains("<dt>Distance outside the area</dt>"));
    assert!(flag.contains("<dt>Stated accuracy of the fix</dt><dd>10\u{a0}m</dd>"));
    assert!(
        flag.contains(&format!(">{}</a>", f.claim_number)),
        "the licence by its number"
    );
    assert!(
        flag.contains(&format!("data-fix-map=\"{}\"", f.claim_number)),
        "a map"
    );
    assert!(
        flag.contains(&format!("data-area=\"{}\"", f.claim_number)),
        "the claim's area"
    );
    assert!(flag.contains("data-fix=\""));
    // A flag with no fix has no map.
    let heavy = &table(
        &b.page("/flags?kind=impossible_stone_weight", &cookie),
        "flags",
    )[1][7];
    let h = b.page(&format!("/flags/{heavy}"), &cookie);
    assert!(!h.contains("data-fix-map"));
    assert!(h.contains("<dt>Largest plausible stone</dt>"), "{h}");

    // Every bad address is a 400 page.
    for q in [
        "kind=nope".to_string(),
        "state=shut".into(),
        "region=Ghana".into(),
        "since=yesterday".into(),
        "since=2026-02-30".into(),
        "view=grid".into(),
        "page=0".into(),
        "page=x".into(),
        format!("cause={}", f.unknown),
        "after=abc".into(),
        "format=xml".into(),
    ] {
        bad(&b, &format!("/flags?{q}"), &cookie);
    }
    let _ = f.east;
}
