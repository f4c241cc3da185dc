//! Sales and duplicate registrations raise flags at ingest, in any arrival order, and the
//! flags close by themselves when their cause goes away.

use crate::harness::*;
use serde_json::Value as Json;

fn flags(server: &Server, kind: &str) -> Vec<Json> {
    server.admin_get(&format!("/admin/flags?kind={kind}"))["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn states(server: &Server, kind: &str) -> Vec<String> {
    flags(server, kind)
        .iter()
        .map(|f| f["state"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_sale_to_an_unlicensed_buyer_is_flagged_until_the_buyer_licence_arrives() {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let b = server.device("Kwame", &[region(1)]);
    let seller = a.add_miner("Kofi Mensah", 1990, &[]);
    a.sync();
    // Kwame records the buyer's licence but has not synced; Ama records the sale.
    let buyer = b.ok(&[
        "licence",
        "add",
        "--number",
        "GH-B-0001",
        "--kind",
        "buyer",
        "--holder-org",
        "Accra Diamonds",
        "--issued",
        "2026-01-01",
        "--expires",
        "2026-12-31",
    ]);
    let sale = a.ok(&[
        "sale",
        "add",
        "--seller-miner",
        &seller,
        "--buyer",
        &buyer,
        "--date",
        "2026-05-02",
        "--carats",
        "3.25",
        "--stones",
        "4",
        "--value-usd",
        "1250.00",
    ]);
    a.sync();
    let raised = flags(&server, "unlicensed_buyer");
    assert_eq!(raised.len(), 1, "{raised:?}");
    assert_eq!(raised[0]["records"][0], sale.as_str());
    assert_eq!(raised[0]["evidence"]["reason"], "unknown_licence");
    assert!(
        flags(&server, "unregistered_miner").is_empty(),
        "the seller is registered"
    );
    b.sync();
    assert_eq!(states(&server, "unlicensed_buyer"), vec!["closed"]);
    // The buyer's licence turns out to be a claim: the flag comes back.
    b.ok(&["edit", "licence", &buyer, "--set", "kind=claim"]);
    b.sync();
    let back = flags(&server, "unlicensed_buyer");
    assert_eq!(back[0]["state"], "open");
    assert_eq!(back[0]["evidence"]["reason"], "not_a_buyer_licence");
}

#[test]
fn a_sale_by_an_unregistered_miner_is_flagged_until_the_miner_arrives() {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let b = server.device("Kwame", &[region(1)]);
    let buyer = a.ok(&[
        "licence",
        "add",
        "--number",
        "GH-B-0002",
        "--kind",
        "buyer",
        "--holder-org",
        "Kumasi Gems",
        "--issued",
        "2026-01-01",
        "--expires",
        "2026-12-31",
    ]);
    a.sync();
    let seller = b.add_miner("Yaw Boateng", 1984, &[]);
    let _ = a.ok(&[
        "sale",
        "add",
        "--seller-miner",
        &seller,
        "--buyer",
        &buyer,
        "--date",
        "2026-05-02",
        "--carats",
        "1.00",
        "--stones",
        "1",
        "--value-usd",
        "300",
    ]);
    a.sync();
    assert_eq!(states(&server, "unregistered_miner"), vec!["open"]);
    b.sync();
    assert_eq!(states(&server, "unregistered_miner"), vec!["closed"]);
    assert!(flags(&server, "unlicensed_buyer").is_empty());
    // A page cursor that is not a flag id is a malformed request, not a missing flag.
    let r = server
        .http()
        .get(format!("{}/v1/flags?after=zz", server.url))
        .bearer_auth(server.root())
        .send()
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Json>().unwrap()["code"], "malformed");
}

#[test]
fn the_same_person_registered_twice_is_flagged_once_per_pair() {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let b = server.device("Kwame", &[region(1)]);
    let c = server.device("Fatmata", &[region(2)]);
    let first = a.add_miner("Kofi Mensah", 1990, &["--national-id", "GHA-712345678-9"]);
    let second = b.add_miner(
        "  KÔFI   mensah ",
        1990,
        &["--national-id", "gha 7123456789"],
    );
    // Same name and year, but in another region: only the national id could match, and it does not.
    c.add_miner("Kofi Mensah", 1990, &[]);
    a.sync();
    b.sync();
    c.sync();
    let by_id = flags(&server, "duplicate_national_id");
    assert_eq!(by_id.len(), 1, "{by_id:?}");
    let mut pair: Vec<String> = by_id[0]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    pair.sort();
    let mut want = vec![first.clone(), second.clone()];
    want.sort();
    assert_eq!(pair, want);
    let by_name = flags(&server, "duplicate_name_and_birth_year");
    assert_eq!(by_name.len(), 1, "same district only: {by_name:?}");

    // A typing error corrected: the national ids differ now, that flag closes; the name stays.
    b.ok(&[
        "edit",
        "miner",
        &second,
        "--set",
        "national_id=GHA-700000000-1",
    ]);
    b.sync();
    assert_eq!(states(&server, "duplicate_national_id"), vec!["closed"]);
    assert_eq!(
        states(&server, "duplicate_name_and_birth_year"),
        vec!["open"]
    );
    // The duplicate voided: every flag of the pair closes, with the reason.
    b.ok(&["void", "miner", &second, "--reason", "registered twice"]);
    b.sync();
    let closed = flags(&server, "duplicate_name_and_birth_year");
    assert_eq!(closed[0]["state"], "closed");
    let last = closed[0]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!(
        last["note"].as_str().unwrap().contains("registered twice"),
        "{last}"
    );
}

/// A licence issued at the ministry through the API.
fn licence_body(area: Option<Json>) -> Json {
    serde_json::json!({
        "licence": {
            "number": "GH-CL-MIN-0001",
            "kind": "claim",
            "holder": {"organisation": "Akwatia Diggers"},
            "mineral": "diamond",
            "issued": "2026-01-01",
            "expires": "2026-12-31",
            "status": "active",
            "area": area,
        },
        "region": crate::harness::region(1),
    })
}

fn square(corners: &[(f64, f64)]) -> Json {
    let ring: Vec<Json> = corners
        .iter()
        .map(|(x, y)| serde_json::json!({"lon": x, "lat": y}))
        .collect();
    serde_json::json!({"exterior": ring, "holes": []})
}

#[test]
fn a_licence_issued_at_the_ministry_is_checked_then_reaches_devices() {
    let server = spawn_server();
    let post = |token: &str, body: &Json| {
        let r = server
            .http()
            .post(format!("{}/v1/licences", server.url))
            .bearer_auth(token)
            .json(body)
            .send()
            .unwrap();
        (r.status().as_u16(), r.json::<Json>().unwrap())
    };
    let before = server.fingerprint();
    // A bow tie: its edges cross.
    let bow_tie = square(&[
        (-0.801, 6.039),
        (-0.799, 6.041),
        (-0.799, 6.039),
        (-0.801, 6.041),
        (-0.801, 6.039),
    ]);
    let (status, body) = post(server.root(), &licence_body(Some(bow_tie)));
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_value")),
        "{body}"
    );
    assert!(body["message"].as_str().unwrap().contains("area"), "{body}");
    let (status, body) = post(server.root(), &licence_body(None));
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_value")),
        "a claim needs its area: {body}"
    );
    assert_eq!(server.fingerprint(), before, "refusals change nothing");

    let claim = square(&[
        (-0.801, 6.039),
        (-0.799, 6.039),
        (-0.799, 6.041),
        (-0.801, 6.041),
        (-0.801, 6.039),
    ]);
    let (status, issued) = post(server.root(), &licence_body(Some(claim)));
    assert_eq!(status, 200, "{issued}");
    let id = issued["id"].as_str().unwrap().to_string();
    let agent = server.device("Ama", &[region(1)]);
    agent.sync();
    let licences = agent.list("licences");
    assert_eq!(licences.len(), 1);
    assert_eq!(licences[0]["id"], id.as_str());
    agent.ok(&[
        "production",
        "add",
        "--licence",
        &id,
        "--date",
        "2026-06-01",
        "--lat",
        "6.04",
        "--lon",
        "-0.80",
        "--accuracy",
        "5",
        "--diggers",
        "4",
        "--stones",
        "0.40",
    ]);
    agent.sync();
    let all = server.admin_get("/admin/flags");
    assert_eq!(
        all["items"],
        serde_json::json!([]),
        "on a valid claim, inside it: nothing to flag"
    );
}

/// A production on `licence` dated `date`, by `diggers`, with stones of these weights
/// (hundredths of a carat), inside the claim of `ops::licence`.
fn production_on(
    licence: uuid::Uuid,
    date: &str,
    diggers: u32,
    stones: &[u64],
) -> sync_protocol::op::Op {
    use sync_protocol::op::OpBody;
    use sync_protocol::records::FactField;
    let mut op = ops::production(region(1), licence, stones);
    if let OpBody::Production(sets) = &mut op.body {
        if let FactField::Body(p) = &mut sets[0].value {
            p.date = sync_protocol::values::parse_day(date).unwrap();
            p.diggers = sync_protocol::values::Diggers::new(diggers).unwrap();
        }
    }
    op
}

/// Twelve licences digging through the first quarter, two site-days a month each at 0.25
/// ct per digger-day: 36 licence-months, the area's norm for April.
fn an_ordinary_quarter(d: &mut RawDevice) -> Vec<sync_protocol::op::Op> {
    let claims: Vec<_> = (0..12).map(|_| ops::licence(region(1))).collect();
    let licences: Vec<_> = claims.iter().map(|c| c.record).collect();
    d.push_ops(claims);
    licences
        .iter()
        .flat_map(|l| {
            (1..=3).flat_map(move |m| {
                [10, 20].map(|day| production_on(*l, &format!("2026-0{m}-{day}"), 2, &[25, 25]))
            })
        })
        .collect()
}

#[test]
fn a_licences_month_far_above_its_areas_licence_months_is_flagged_once() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
    let quarter = an_ordinary_quarter(&mut d);
    d.push_ops(quarter);
    assert!(flags(&server, "implausible_productivity").is_empty());
    let (heavy, lucky, good) = (
        ops::licence(region(1)),
        ops::licence(region(1)),
        ops::licence(region(1)),
    );
    let (heavy_id, lucky_id, good_id) = (heavy.record, lucky.record, good.record);
    d.push_ops(vec![heavy, lucky, good]);
    // In April one licence declares 3 ct per digger-day over three site-days, twelve times
    // the area's median. Another finds one stone of 5.3 ct among empty days: luck, which
    // goes to the large-stone register. A third declares 2 ct per digger-day, eight times
    // the median.
    let heavy_days: Vec<_> = ["2026-04-03", "2026-04-10", "2026-04-17"]
        .iter()
        .map(|day| production_on(heavy_id, day, 2, &[150; 4]))
        .collect();
    let heavy_records: Vec<_> = heavy_days.iter().map(|o| o.record).collect();
    let mut april = heavy_days;
    april.extend([
        production_on(lucky_id, "2026-04-03", 3, &[530, 12]),
        production_on(lucky_id, "2026-04-10", 3, &[]),
        production_on(good_id, "2026-04-10", 2, &[100; 4]),
    ]);
    d.push_ops(april);
    let raised = flags(&server, "implausible_productivity");
    assert_eq!(
        raised.len(),
        1,
        "one flag for the licence's month: {raised:?}"
    );
    let f = &raised[0];
    assert_eq!(f["records"][0], heavy_id.to_string());
    assert_eq!(f["evidence"]["month"], "2026-04");
    assert_eq!(f["evidence"]["site_days"], 3);
    assert_eq!(f["evidence"]["digger_days"], 6);
    assert_eq!(f["evidence"]["samples"], 36);
    let median = f["evidence"]["median_ct_per_digger_day"].as_f64().unwrap();
    assert!((0.2..0.3).contains(&median), "median {median}");
    assert!(f["summary"].as_str().unwrap().contains("2026-04"), "{f}");
    // Corrected to ordinary days, the month closes its flag by itself.
    let corrections: Vec<_> = heavy_records
        .iter()
        .map(|r| {
            let mut op = production_on(heavy_id, "2026-04-10", 2, &[25, 25]);
            op.record = *r;
            op
        })
        .collect();
    d.push_ops(corrections);
    assert_eq!(states(&server, "implausible_productivity"), ["closed"]);
}

#[test]
fn productivity_is_judged_the_same_whatever_order_the_site_days_arrive_in() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
    let heavy = ops::licence(region(1));
    let heavy_id = heavy.record;
    d.push_ops(vec![heavy]);
    // The exceptional April arrives first, before the quarter it is compared with.
    d.push_ops(vec![
        production_on(heavy_id, "2026-04-03", 2, &[150; 4]),
        production_on(heavy_id, "2026-04-10", 2, &[150; 4]),
    ]);
    assert!(
        flags(&server, "implausible_productivity").is_empty(),
        "no norm yet: nothing to judge against"
    );
    let quarter = an_ordinary_quarter(&mut d);
    d.push_ops(quarter);
    let raised = flags(&server, "implausible_productivity");
    assert_eq!(
        raised.len(),
        1,
        "re-checked when its norm arrived: {raised:?}"
    );
    assert_eq!(raised[0]["records"][0], heavy_id.to_string());
    assert_eq!(raised[0]["state"], "open");
}
