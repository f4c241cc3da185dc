//! Red flags: raised by the server at ingest, never refusing a batch; independent of the
//! order in which records arrive; listed, read and resolved by officers within their role
//! and regions (`/v1/flags`), and through `placer flags`.
//!
//! Each test starts its own server. Every flag is checked with the records it is about
//! actually stored: a flag never stands in for a refusal.

use std::path::{Path, PathBuf};

use serde_json::{json, Value as Json};
use sync_protocol::api::PushAck;
use sync_protocol::batch::{Batch, Digest, Signed};
use sync_protocol::clock::{wall_ms, Hlc};
use sync_protocol::codec;
use sync_protocol::op::Op;
use uuid::Uuid;

use crate::harness::*;

const ISSUED: &str = "2026-01-01";
const EXPIRES: &str = "2026-06-30";
/// A production date on which a licence issued `ISSUED` and expiring `EXPIRES` is valid.
const DAY: &str = "2026-03-02";
/// Akwatia, Ghana (longitude, latitude).
const AKWATIA: (f64, f64) = (-0.80, 6.04);
/// Séguéla, Côte d'Ivoire.
const SEGUELA: (f64, f64) = (-6.67, 7.96);
/// In the Gulf of Guinea, in no country.
const AT_SEA: (f64, f64) = (-1.0, 3.0);
const DAY_MS: u64 = 24 * 3_600_000;

// ---------------------------------------------------------------------------------------
// Officers and HTTP
// ---------------------------------------------------------------------------------------

/// Every flag matching `query` (e.g. `kind=batch_fork&state=open`) as this token sees it,
/// following `next` through every page.
#[track_caller]
fn list(server: &Server, token: &str, query: &str) -> Vec<Json> {
    let mut items = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..100 {
        let mut path = format!("/v1/flags?{query}");
        if let Some(a) = &after {
            if !query.is_empty() {
                path.push('&');
            }
            path.push_str(&format!("after={a}"));
        }
        let (status, page) = server.call("GET", &path, Some(token), None);
        assert_eq!(status, 200, "GET {path}: {page}");
        let page_items = page["items"]
            .as_array()
            .unwrap_or_else(|| panic!("GET {path}: no items array: {page}"));
        items.extend(page_items.iter().cloned());
        match &page["next"] {
            Json::Null => return items,
            Json::String(n) => after = Some(n.clone()),
            other => panic!("GET {path}: next is neither null nor a string: {other}"),
        }
    }
    panic!("GET /v1/flags?{query}: more than 100 pages");
}

/// Every flag, as the administrator sees it.
#[track_caller]
fn all_flags(server: &Server) -> Vec<Json> {
    list(server, server.root(), "")
}

/// The flags of one kind, as the administrator sees it.
#[track_caller]
fn flags_of(server: &Server, kind: &str) -> Vec<Json> {
    list(server, server.root(), &format!("kind={kind}"))
}

/// `GET /v1/flags/{id}` as the administrator.
#[track_caller]
fn get_flag(server: &Server, id: &str) -> Json {
    let (status, body) = server.call("GET", &format!("/v1/flags/{id}"), Some(server.root()), None);
    assert_eq!(status, 200, "GET /v1/flags/{id}: {body}");
    body
}

/// The one flag among `flags` whose flagged record (`records[0]`) is `record`.
#[track_caller]
fn about<'a>(flags: &'a [Json], record: &str) -> &'a Json {
    let found: Vec<&Json> = flags
        .iter()
        .filter(|f| f["records"][0].as_str() == Some(record))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one flag about {record} among {}",
        Json::Array(flags.to_vec())
    );
    found[0]
}

fn none_about(flags: &[Json], record: &str) -> bool {
    flags
        .iter()
        .all(|f| f["records"][0].as_str() != Some(record))
}

fn ids(flags: &[Json]) -> Vec<String> {
    let mut v: Vec<String> = flags
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

fn kinds(flags: &[Json]) -> Vec<String> {
    let mut v: Vec<String> = flags
        .iter()
        .map(|f| f["kind"].as_str().unwrap_or("?").to_string())
        .collect();
    v.sort();
    v
}

fn events(flag: &Json) -> Vec<String> {
    flag["history"]
        .as_array()
        .unwrap_or_else(|| panic!("flag without a history: {flag}"))
        .iter()
        .map(|h| h["event"].as_str().unwrap_or("?").to_string())
        .collect()
}

fn last_history(flag: &Json) -> &Json {
    flag["history"]
        .as_array()
        .and_then(|h| h.last())
        .unwrap_or_else(|| panic!("flag without a history: {flag}"))
}

/// Checks the shape every flag has, and its kind, severity, state and key.
#[track_caller]
fn check(flag: &Json, kind: &str, severity: &str, state: &str, key: &str) {
    assert_eq!(flag["kind"], kind, "kind: {flag}");
    assert_eq!(flag["severity"], severity, "severity: {flag}");
    assert_eq!(flag["state"], state, "state: {flag}");
    assert_eq!(flag["key"], key, "key: {flag}");
    let id = flag["id"].as_str().unwrap_or_default();
    assert!(
        !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit()),
        "id is not hex: {flag}"
    );
    let primary = key.split('/').nth(1).unwrap();
    assert_eq!(
        flag["records"][0], primary,
        "records[0] is the flagged record: {flag}"
    );
    assert!(flag["evidence"].is_object(), "evidence: {flag}");
    assert!(
        flag["summary"]
            .as_str()
            .is_some_and(|s| !s.trim().is_empty()),
        "summary: {flag}"
    );
    assert!(flag["raised_at"].is_string(), "raised_at: {flag}");
    assert!(flag["updated_at"].is_string(), "updated_at: {flag}");
    assert_eq!(
        events(flag).first().map(String::as_str),
        Some("raised"),
        "the history starts with raised: {flag}"
    );
}

/// The record is stored: a flag never refuses its batch.
#[track_caller]
fn stored(server: &Server, collection: &str, id: &str) -> Json {
    let (status, body) = server.call(
        "GET",
        &format!("/v1/records/{collection}/{id}"),
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200, "{collection} {id} is not stored: {body}");
    body
}

// ---------------------------------------------------------------------------------------
// Records through the device command line
// ---------------------------------------------------------------------------------------

/// A GeoJSON Feature with a square of `side` degrees centred on (lon, lat).
fn square(dir: &Path, name: &str, (lon, lat): (f64, f64), side: f64) -> PathBuf {
    let h = side / 2.0;
    polygon_file(
        dir,
        name,
        &[
            [lon - h, lat - h],
            [lon + h, lat - h],
            [lon + h, lat + h],
            [lon - h, lat + h],
            [lon - h, lat - h],
        ],
    )
}

fn polygon_file(dir: &Path, name: &str, ring: &[[f64; 2]]) -> PathBuf {
    let feature = json!({
        "type": "Feature",
        "properties": {"name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]}
    });
    let path = dir.join(format!("{name}.geojson"));
    std::fs::write(&path, feature.to_string()).unwrap();
    path
}

/// `placer device licence add`: a licence of `kind` held by an organisation, issued
/// `ISSUED`, expiring `EXPIRES`, plus `extra` arguments. Returns its id.
fn licence(d: &Device, number: &str, kind: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "licence",
        "add",
        "--number",
        number,
        "--kind",
        kind,
        "--holder-org",
        "Akwatia Diggers Cooperative",
        "--issued",
        ISSUED,
        "--expires",
        EXPIRES,
    ];
    args.extend_from_slice(extra);
    d.ok(&args)
}

/// A claim with a ~100 m square area around Akwatia.
fn claim(d: &Device, dir: &Path, number: &str) -> String {
    let area = square(dir, number, AKWATIA, 0.001);
    licence(d, number, "claim", &["--area", area.to_str().unwrap()])
}

/// `placer device production add`, with defaults for what a test does not care about.
struct Prod<'a> {
    licence: &'a str,
    date: &'a str,
    at: (f64, f64),
    accuracy: u32,
    stones: &'a str,
    miner: Option<&'a str>,
    region: Option<Uuid>,
}

impl<'a> Prod<'a> {
    fn on(licence: &'a str) -> Self {
        Self {
            licence,
            date: DAY,
            at: AKWATIA,
            accuracy: 10,
            stones: "0.25,1.10",
            miner: None,
            region: None,
        }
    }
    fn date(mut self, date: &'a str) -> Self {
        self.date = date;
        self
    }
    fn at(mut self, lon: f64, lat: f64, accuracy: u32) -> Self {
        self.at = (lon, lat);
        self.accuracy = accuracy;
        self
    }
    fn stones(mut self, stones: &'a str) -> Self {
        self.stones = stones;
        self
    }
    fn miner(mut self, miner: &'a str) -> Self {
        self.miner = Some(miner);
        self
    }
    fn region(mut self, region: Uuid) -> Self {
        self.region = Some(region);
        self
    }
    fn add(&self, d: &Device) -> String {
        let (lon, lat) = (self.at.0.to_string(), self.at.1.to_string());
        let accuracy = self.accuracy.to_string();
        let region = self.region.map(|r| r.to_string());
        let mut args = vec![
            "production",
            "add",
            "--licence",
            self.licence,
            "--date",
            self.date,
            "--lat",
            &lat,
            "--lon",
            &lon,
            "--accuracy",
            &accuracy,
            "--diggers",
            "5",
            "--stones",
            self.stones,
        ];
        if let Some(m) = self.miner {
            args.extend_from_slice(&["--miner", m]);
        }
        if let Some(r) = &region {
            args.extend_from_slice(&["--region", r]);
        }
        d.ok(&args)
    }
}

/// Syncs and checks that every pending op was acknowledged (nothing refused).
#[track_caller]
fn sync_all(d: &Device) {
    d.sync();
    let status = d.status();
    assert_eq!(
        (
            status["pending_ops"].as_u64(),
            status["outbox_batches"].as_u64()
        ),
        (Some(0), Some(0)),
        "ops not acknowledged after sync: {status}"
    );
}

// ---------------------------------------------------------------------------------------
// 1. Each kind of flag
// ---------------------------------------------------------------------------------------

#[test]
fn a_production_on_a_licence_not_valid_that_day_is_flagged() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let d = server.device("Ama", &[region(1)]);
    let ok = claim(&d, tmp.path(), "GH-CL-0001");
    let suspended_area = square(tmp.path(), "susp", AKWATIA, 0.001);
    let suspended = licence(
        &d,
        "GH-CL-0002",
        "claim",
        &[
            "--area",
            suspended_area.to_str().unwrap(),
            "--status",
            "suspended",
        ],
    );
    let revoked_area = square(tmp.path(), "rev", AKWATIA, 0.001);
    let revoked = licence(
        &d,
        "GH-CL-0003",
        "claim",
        &[
            "--area",
            revoked_area.to_str().unwrap(),
            "--status",
            "revoked",
        ],
    );
    let unknown = Uuid::now_v7().to_string();

    let cases = [
        (
            Prod::on(&unknown).add(&d),
            unknown.clone(),
            "unknown_licence",
        ),
        (
            Prod::on(&ok).date("2025-12-15").add(&d),
            ok.clone(),
            "not_yet_issued",
        ),
        (
            Prod::on(&ok).date("2026-07-15").add(&d),
            ok.clone(),
            "expired",
        ),
        (Prod::on(&suspended).add(&d), suspended.clone(), "suspended"),
        (Prod::on(&revoked).add(&d), revoked.clone(), "revoked"),
    ];
    let valid = Prod::on(&ok).add(&d);
    let last_day = Prod::on(&ok).date(EXPIRES).add(&d);
    sync_all(&d);

    for (p, _, _) in &cases {
        stored(&server, "production", p);
    }
    stored(&server, "production", &valid);
    let flags = flags_of(&server, "licence_not_valid");
    assert_eq!(
        flags.len(),
        cases.len(),
        "one flag per production on a licence not valid: {}",
        Json::Array(flags.clone())
    );
    for (p, lic, validity) in &cases {
        let f = about(&flags, p);
        check(
            f,
            "licence_not_valid",
            "high",
            "open",
            &format!("licence_not_valid/{p}/{lic}"),
        );
        assert_eq!(f["evidence"]["validity"], *validity, "{f}");
        assert_eq!(f["evidence"]["licence"], *lic, "{f}");
        assert!(
            f["records"].as_array().unwrap().contains(&json!(lic)),
            "{f}"
        );
        assert_eq!(f["region"], json!(region(1)), "{f}");
        assert_eq!(events(f), vec!["raised"], "{f}");
    }
    assert!(
        none_about(&flags, &valid),
        "a valid production is not flagged"
    );
    assert!(
        none_about(&flags, &last_day),
        "a licence is valid on its expiry day"
    );
    // Nothing else: the licences' areas are fine, the fixes inside them.
    assert_eq!(
        kinds(&all_flags(&server)),
        vec!["licence_not_valid"; cases.len()],
        "only licence_not_valid flags"
    );

    // One case per licence: GH-CL-0001's two productions (before its issue, after its
    // expiry) are one case; the unknown, suspended and revoked licences one each.
    let (status, grouped) = server.call("GET", "/v1/cases", Some(server.root()), None);
    assert_eq!(status, 200, "{grouped}");
    let grouped = grouped["cases"].as_array().unwrap();
    assert_eq!(grouped.len(), 4, "{grouped:?}");
    let first = &grouped[0];
    assert_eq!(
        (
            first["cause"].as_str(),
            first["flags"].as_u64(),
            first["open"].as_u64()
        ),
        (Some(ok.as_str()), Some(2), Some(2)),
        "the largest open case first: {first}"
    );
    assert_eq!(first["cause_name"], "GH-CL-0001");
    assert_eq!(first["state"], "open");
    assert_eq!(first["region"], json!(region(1)));
    let (_, csv) = server.call("GET", "/v1/cases?format=csv", Some(server.root()), None);
    let csv = csv.as_str().unwrap();
    assert!(
        csv.starts_with("case,kind,severity,state,cause,cause_name,flags,open,"),
        "{csv}"
    );
    assert!(
        csv.contains(&format!(
            "licence_not_valid:{ok},licence_not_valid,high,open,{ok},GH-CL-0001,2,2,"
        )),
        "{csv}"
    );
    let elsewhere = server.officer("yaw.regional", "regional-officer", &[region(2)]);
    let (_, none) = server.call("GET", "/v1/cases", Some(&elsewhere), None);
    assert_eq!(none["cases"], json!([]), "{none}");
}

#[test]
fn a_fix_outside_the_licence_area_beyond_its_accuracy_is_flagged() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let d = server.device("Ama", &[region(1)]);
    let lic = claim(&d, tmp.path(), "GH-CL-0001");
    // The square's east edge is at -0.7995; 1° of longitude at 6.04° N is ~110.7 km.
    let far = Prod::on(&lic).at(-0.7955, 6.04, 10).add(&d); // ~443 m outside
    let near_precise = Prod::on(&lic).at(-0.79932, 6.04, 5).add(&d); // ~20 m outside, ±5 m
    let near_vague = Prod::on(&lic).at(-0.79932, 6.04, 50).add(&d); // ~20 m outside, ±50 m
    let inside = Prod::on(&lic).add(&d);
    sync_all(&d);

    for p in [&far, &near_precise, &near_vague, &inside] {
        stored(&server, "production", p);
    }
    let flags = flags_of(&server, "outside_licence_area");
    assert_eq!(flags.len(), 2, "{}", Json::Array(flags.clone()));
    let f = about(&flags, &far);
    check(
        f,
        "outside_licence_area",
        "medium",
        "open",
        &format!("outside_licence_area/{far}/{lic}"),
    );
    let d_far = f["evidence"]["distance_m"]
        .as_f64()
        .unwrap_or_else(|| panic!("no distance_m: {f}"));
    assert!(
        (400.0..=460.0).contains(&d_far),
        "distance_m {d_far}, expected ~443: {f}"
    );
    assert_eq!(f["evidence"]["accuracy_m"], 10, "{f}");
    assert_eq!(f["region"], json!(region(1)), "{f}");
    // A person reads names: the licence's number and the production's short id stand
    // in the summary where the ids stood; the ids stay in `records`.
    let summary = f["summary"].as_str().unwrap();
    assert!(summary.contains("licence GH-CL-0001"), "{summary}");
    assert!(
        !summary.contains(&lic) && !summary.contains(far.as_str()),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("#{}", &far.replace('-', "")[..8])),
        "{summary}"
    );
    assert_eq!(f["record_names"][lic.as_str()], "GH-CL-0001", "{f}");
    assert_eq!(f["records"][1], lic.as_str(), "{f}");

    let f = about(&flags, &near_precise);
    check(
        f,
        "outside_licence_area",
        "medium",
        "open",
        &format!("outside_licence_area/{near_precise}/{lic}"),
    );
    let d_near = f["evidence"]["distance_m"].as_f64().unwrap();
    assert!(
        (10.0..=30.0).contains(&d_near),
        "distance_m {d_near}, expected ~20: {f}"
    );
    assert!(none_about(&flags, &near_vague), "within its accuracy");
    assert!(none_about(&flags, &inside));
    assert_eq!(
        kinds(&all_flags(&server)),
        vec!["outside_licence_area"; 2],
        "only outside_licence_area flags"
    );
}

fn borders() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/geo/west-central-africa-countries.geojson")
}

#[test]
fn a_fix_in_another_country_or_none_is_flagged_once_regions_are_imported() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let out = server.admin(&[
        "import-regions",
        borders().to_str().unwrap(),
        "--level",
        "country",
    ]);
    let country = |name: &str| -> Uuid {
        out.lines()
            .skip(1)
            .find_map(|l| {
                let (id, n) = l.split_once(' ')?;
                (n == name).then(|| id.parse().unwrap())
            })
            .unwrap_or_else(|| panic!("{name} not imported: {out}"))
    };
    let (gha, civ) = (country("Ghana"), country("Côte d'Ivoire"));
    let d = server.device("Ama", &[gha]);
    let lic = claim(&d, tmp.path(), "GH-CL-0001");
    let home = Prod::on(&lic).add(&d);
    let abroad = Prod::on(&lic).at(SEGUELA.0, SEGUELA.1, 10).add(&d);
    let sea = Prod::on(&lic).at(AT_SEA.0, AT_SEA.1, 10).add(&d);
    sync_all(&d);

    stored(&server, "production", &home);
    stored(&server, "production", &sea);
    let record = stored(&server, "production", &abroad);
    assert_eq!(record["region"], json!(civ), "filed where its fix is");

    let flags = flags_of(&server, "outside_country");
    assert_eq!(flags.len(), 2, "{}", Json::Array(flags.clone()));
    let f = about(&flags, &abroad);
    check(
        f,
        "outside_country",
        "high",
        "open",
        &format!("outside_country/{abroad}/{lic}"),
    );
    assert_eq!(f["evidence"]["licence_country"], json!(gha), "{f}");
    assert_eq!(f["evidence"]["fix_country"], json!(civ), "{f}");
    let f = about(&flags, &sea);
    check(
        f,
        "outside_country",
        "high",
        "open",
        &format!("outside_country/{sea}/{lic}"),
    );
    assert_eq!(f["evidence"]["licence_country"], json!(gha), "{f}");
    assert_eq!(f["evidence"]["fix_country"], Json::Null, "{f}");
    assert!(none_about(&flags, &home));
    // Both are far outside the claim too; the production at home is clean.
    let all = all_flags(&server);
    assert!(none_about(&all, &home), "{}", Json::Array(all.clone()));
    let outside_area = flags_of(&server, "outside_licence_area");
    assert_eq!(outside_area.len(), 2);
    about(&outside_area, &abroad);
    about(&outside_area, &sea);
}

#[test]
fn a_production_naming_an_unregistered_miner_is_flagged_until_the_miner_arrives() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let registrar = server.device("Ama", &[region(1)]);
    let d = server.device("Kwame", &[region(1)]);
    let lic = claim(&d, tmp.path(), "GH-CL-0001");
    // Registered offline on another handset, not synced yet.
    let miner = registrar.add_miner("Kofi Mensah", 1990, &[]);
    let never = Uuid::now_v7().to_string();
    let p = Prod::on(&lic).miner(&miner).add(&d);
    let q = Prod::on(&lic).miner(&never).add(&d);
    sync_all(&d);

    stored(&server, "production", &p);
    stored(&server, "production", &q);
    let flags = flags_of(&server, "unregistered_miner");
    assert_eq!(flags.len(), 2, "{}", Json::Array(flags.clone()));
    let f = about(&flags, &p);
    check(
        f,
        "unregistered_miner",
        "medium",
        "open",
        &format!("unregistered_miner/{p}/{miner}"),
    );
    assert_eq!(f["evidence"]["miner"], miner, "{f}");
    let fid = f["id"].as_str().unwrap().to_string();
    let f = about(&flags, &q);
    check(
        f,
        "unregistered_miner",
        "medium",
        "open",
        &format!("unregistered_miner/{q}/{never}"),
    );
    assert_eq!(
        kinds(&all_flags(&server)),
        vec!["unregistered_miner"; 2],
        "only unregistered_miner flags"
    );

    // The registration arrives: the flag closes itself.
    sync_all(&registrar);
    stored(&server, "miner", &miner);
    let f = get_flag(&server, &fid);
    assert_eq!(f["state"], "closed", "{f}");
    assert_eq!(events(&f), vec!["raised", "closed"], "{f}");
    assert!(
        last_history(&f)["note"]
            .as_str()
            .is_some_and(|n| n.starts_with("cause no longer present")),
        "closed with the reason: {f}"
    );
    let open = list(&server, server.root(), "kind=unregistered_miner&state=open");
    assert_eq!(ids(&open), ids(&[about(&flags, &q).clone()]));
}

#[test]
fn impossible_stone_weights_are_flagged() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let d = server.device("Ama", &[region(1)]);
    let lic = claim(&d, tmp.path(), "GH-CL-0001");
    let heavy = Prod::on(&lic).stones("0.25,1500").add(&d);
    let dust = Prod::on(&lic).stones("0,0.40").add(&d);
    let bounds = Prod::on(&lic).stones("0.01,1000").add(&d);
    sync_all(&d);

    for p in [&heavy, &dust, &bounds] {
        stored(&server, "production", p);
    }
    let flags = flags_of(&server, "impossible_stone_weight");
    assert_eq!(flags.len(), 2, "{}", Json::Array(flags.clone()));
    let f = about(&flags, &heavy);
    check(
        f,
        "impossible_stone_weight",
        "low",
        "open",
        &format!("impossible_stone_weight/{heavy}"),
    );
    assert_eq!(f["evidence"]["out_of_range"], json!(["1500.00"]), "{f}");
    assert_eq!(f["records"], json!([heavy]), "{f}");
    let f = about(&flags, &dust);
    check(
        f,
        "impossible_stone_weight",
        "low",
        "open",
        &format!("impossible_stone_weight/{dust}"),
    );
    assert_eq!(f["evidence"]["out_of_range"], json!(["0.00"]), "{f}");
    assert!(
        none_about(&flags, &bounds),
        "0.01 ct and 1000 ct are possible"
    );
    assert_eq!(
        kinds(&all_flags(&server)),
        vec!["impossible_stone_weight"; 2]
    );
}

#[test]
fn a_mining_licence_without_a_usable_area_is_flagged() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let d = server.device("Ama", &[region(1)]);
    let (x, y) = AKWATIA;
    let bowtie = polygon_file(
        tmp.path(),
        "bowtie",
        &[
            [x - 0.0005, y - 0.0005],
            [x + 0.0005, y + 0.0005],
            [x + 0.0005, y - 0.0005],
            [x - 0.0005, y + 0.0005],
            [x - 0.0005, y - 0.0005],
        ],
    );
    let huge = square(tmp.path(), "huge", AKWATIA, 1.0);
    let no_area = licence(&d, "GH-CL-0001", "claim", &[]);
    let permit = licence(&d, "GH-AP-0001", "artisanal-permit", &[]);
    let coop = licence(&d, "GH-CO-0001", "cooperative", &[]);
    let crossed = licence(
        &d,
        "GH-CL-0002",
        "claim",
        &["--area", bowtie.to_str().unwrap()],
    );
    let too_big = licence(
        &d,
        "GH-CL-0003",
        "claim",
        &["--area", huge.to_str().unwrap()],
    );
    let buyer = licence(&d, "GH-BU-0001", "buyer", &[]);
    let good = claim(&d, tmp.path(), "GH-CL-0004");
    sync_all(&d);

    for l in [&no_area, &permit, &coop, &crossed, &too_big, &buyer, &good] {
        stored(&server, "licence", l);
    }
    let flags = flags_of(&server, "invalid_licence_area");
    assert_eq!(flags.len(), 5, "{}", Json::Array(flags.clone()));
    for l in [&no_area, &permit, &coop] {
        let f = about(&flags, l);
        check(
            f,
            "invalid_licence_area",
            "medium",
            "open",
            &format!("invalid_licence_area/{l}"),
        );
        assert_eq!(f["evidence"]["problem"], "missing", "{f}");
        assert_eq!(f["records"], json!([l]), "{f}");
        assert_eq!(f["region"], json!(region(1)), "{f}");
    }
    for l in [&crossed, &too_big] {
        let f = about(&flags, l);
        check(
            f,
            "invalid_licence_area",
            "medium",
            "open",
            &format!("invalid_licence_area/{l}"),
        );
        let problem = f["evidence"]["problem"].as_str().unwrap_or_default();
        assert!(
            !problem.is_empty() && problem != "missing",
            "the area's problem: {f}"
        );
    }
    assert!(none_about(&flags, &buyer), "a buyer licence needs no area");
    assert!(none_about(&flags, &good));
    assert_eq!(kinds(&all_flags(&server)), vec!["invalid_licence_area"; 5]);
}

/// Seals the device's next batch with this `sealed_at` (its ops stamped the same), pushes
/// it and expects it accepted.
fn push_sealed_at(d: &mut RawDevice, sealed_at: Hlc, mut ops: Vec<Op>) -> PushAck {
    for op in &mut ops {
        op.stamp = sealed_at;
    }
    let batch = Batch {
        device: d.id,
        seq: d.seq + 1,
        prev: d.prev,
        sealed_at,
        ops,
    };
    let signed = Signed::seal(&batch, &d.key).unwrap();
    let r = d.push_bytes(signed.to_bytes().unwrap());
    assert_eq!(
        r.status,
        200,
        "a batch sealed at {sealed_at} was refused: {}",
        String::from_utf8_lossy(&r.body)
    );
    d.accepted(&signed);
    codec::decode(&r.body).unwrap()
}

#[test]
fn a_device_clock_far_from_the_servers_is_flagged_while_it_lasts() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
    let device = d.id.to_string();
    let key = format!("device_clock_skew/{device}");

    // Three days ahead.
    let m1 = ops::miner(region(1), "Akosua Boateng");
    let m1_id = m1.record.to_string();
    let ack = push_sealed_at(&mut d, Hlc::new(wall_ms() + 3 * DAY_MS, 0), vec![m1]);
    assert_eq!(ack.seq, 1);
    stored(&server, "miner", &m1_id);
    let flags = flags_of(&server, "device_clock_skew");
    assert_eq!(flags.len(), 1, "{}", Json::Array(flags.clone()));
    let f = &flags[0];
    check(f, "device_clock_skew", "low", "open", &key);
    assert_eq!(f["records"][0], device, "{f}");
    assert_eq!(f["evidence"]["direction"], "ahead", "{f}");
    assert_eq!(f["evidence"]["seq"], 1, "{f}");
    let skew = f["evidence"]["skew_ms"].as_i64().unwrap_or_default();
    assert!(
        skew > (2 * DAY_MS) as i64 && skew <= (3 * DAY_MS) as i64 + 60_000,
        "skew_ms {skew}: {f}"
    );
    let fid = f["id"].as_str().unwrap().to_string();
    assert_eq!(kinds(&all_flags(&server)), vec!["device_clock_skew"]);

    // Twelve hours ahead is within the allowance, and the clock is fixed: the flag closes.
    let m2 = ops::miner(region(1), "Kwabena Owusu");
    let m2_id = m2.record.to_string();
    push_sealed_at(&mut d, Hlc::new(wall_ms() + DAY_MS / 2, 0), vec![m2]);
    stored(&server, "miner", &m2_id);
    let f = get_flag(&server, &fid);
    assert_eq!(f["state"], "closed", "{f}");
    assert_eq!(events(&f).last().map(String::as_str), Some("closed"), "{f}");
    assert!(
        last_history(&f)["note"]
            .as_str()
            .is_some_and(|n| n.starts_with("cause no longer present")),
        "{f}"
    );

    // Twenty days behind is a late delivery, not a flag.
    let m3 = ops::miner(region(1), "Yaa Asantewaa");
    push_sealed_at(&mut d, Hlc::new(wall_ms() - 20 * DAY_MS, 0), vec![m3]);
    assert_eq!(get_flag(&server, &fid)["state"], "closed");

    // Thirty-one days behind: the same flag, raised again.
    let m4 = ops::miner(region(1), "Abena Mensah");
    let m4_id = m4.record.to_string();
    push_sealed_at(&mut d, Hlc::new(wall_ms() - 31 * DAY_MS, 0), vec![m4]);
    stored(&server, "miner", &m4_id);
    let flags = flags_of(&server, "device_clock_skew");
    assert_eq!(
        flags.len(),
        1,
        "one flag per device: {}",
        Json::Array(flags)
    );
    let f = get_flag(&server, &fid);
    assert_eq!(f["state"], "open", "{f}");
    assert_eq!(f["key"], key.as_str());
    assert_eq!(f["evidence"]["direction"], "behind", "{f}");
    assert_eq!(f["evidence"]["seq"], 4, "{f}");
    assert_eq!(
        events(&f),
        vec!["raised", "closed", "reopened"],
        "history kept: {f}"
    );
    assert_eq!(server.stats()["accepted_batches"], 4);
}

/// The device's batch under a chosen `seq` and `prev` (its own chain left as it was).
fn seal_as(d: &mut RawDevice, seq: u64, prev: Digest, ops: Vec<Op>) -> Signed {
    let (saved_seq, saved_prev) = (d.seq, d.prev);
    d.seq = seq - 1;
    d.prev = prev;
    let (_, signed) = d.seal(ops);
    d.seq = saved_seq;
    d.prev = saved_prev;
    signed
}

#[test]
fn a_refused_fork_raises_one_flag_per_device() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
    let device = d.id.to_string();
    let m1 = ops::miner(region(1), "Akosua Boateng");
    let m1_id = m1.record.to_string();
    let (_, first) = d.seal(vec![m1]);
    let r = d.push_bytes(first.to_bytes().unwrap());
    assert_eq!(r.status, 200);
    d.accepted(&first);
    stored(&server, "miner", &m1_id);
    assert!(all_flags(&server).is_empty(), "no flag before the fork");

    let fork = seal_as(
        &mut d,
        1,
        Digest::ZERO,
        vec![ops::miner(region(1), "Someone Else")],
    );
    let r = d.push_bytes(fork.to_bytes().unwrap());
    assert_eq!(
        (r.status, r.code()),
        (409, "fork".to_string()),
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    let flags = flags_of(&server, "batch_fork");
    assert_eq!(flags.len(), 1, "{}", Json::Array(flags.clone()));
    let f = flags[0].clone();
    check(
        &f,
        "batch_fork",
        "high",
        "open",
        &format!("batch_fork/{device}"),
    );
    assert_eq!(f["records"][0], device, "{f}");
    assert_eq!(f["evidence"]["seq"], 1, "{f}");
    assert_eq!(
        f["evidence"]["accepted_digest"],
        first.digest().to_hex(),
        "{f}"
    );
    assert_eq!(
        f["evidence"]["refused_digest"],
        fork.digest().to_hex(),
        "{f}"
    );

    // Another fork, and the same one again: still one flag.
    let fork2 = seal_as(
        &mut d,
        1,
        Digest::ZERO,
        vec![ops::miner(region(1), "Yet Another")],
    );
    assert_eq!(d.push_bytes(fork2.to_bytes().unwrap()).status, 409);
    assert_eq!(d.push_bytes(fork.to_bytes().unwrap()).status, 409);
    let flags = flags_of(&server, "batch_fork");
    assert_eq!(flags.len(), 1, "{}", Json::Array(flags.clone()));
    assert_eq!(flags[0]["state"], "open");
    assert_eq!(flags[0]["id"], f["id"]);

    // The device's chain is intact.
    let m2 = ops::miner(region(1), "Kwabena Owusu");
    let m2_id = m2.record.to_string();
    d.push_ops(vec![m2]);
    stored(&server, "miner", &m2_id);
    assert_eq!(kinds(&all_flags(&server)), vec!["batch_fork"]);
}

// ---------------------------------------------------------------------------------------
// 2. Order independence
// ---------------------------------------------------------------------------------------

/// The licence_not_valid flags as (validity, state), for comparing two orders of arrival.
fn outcome(server: &Server) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = all_flags(server)
        .iter()
        .map(|f| {
            assert_eq!(f["kind"], "licence_not_valid", "{f}");
            (
                f["evidence"]["validity"]
                    .as_str()
                    .unwrap_or("?")
                    .to_string(),
                f["state"].as_str().unwrap_or("?").to_string(),
            )
        })
        .filter(|(_, state)| state != "closed")
        .collect();
    v.sort();
    v
}

#[test]
fn a_production_synced_before_its_licence_is_flagged_until_the_licence_arrives() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let ama = server.device("Ama", &[region(1)]);
    let kwame = server.device("Kwame", &[region(1)]);
    // Ama registers the claim offline; Kwame records a day on it and syncs first.
    let lic = claim(&ama, tmp.path(), "GH-CL-0001");
    let p = Prod::on(&lic).add(&kwame);
    sync_all(&kwame);

    stored(&server, "production", &p);
    let flags = all_flags(&server);
    assert_eq!(flags.len(), 1, "{}", Json::Array(flags.clone()));
    let f = &flags[0];
    let key = format!("licence_not_valid/{p}/{lic}");
    check(f, "licence_not_valid", "high", "open", &key);
    assert_eq!(f["evidence"]["validity"], "unknown_licence", "{f}");
    assert_eq!(f["region"], json!(region(1)), "{f}");
    let fid = f["id"].as_str().unwrap().to_string();

    // The licence arrives, valid on the production's date: the flag closes itself.
    sync_all(&ama);
    stored(&server, "licence", &lic);
    let f = get_flag(&server, &fid);
    assert_eq!(f["state"], "closed", "{f}");
    assert_eq!(events(&f), vec!["raised", "closed"], "{f}");
    let last = last_history(&f);
    assert!(
        last["note"]
            .as_str()
            .is_some_and(|n| n.starts_with("cause no longer present")),
        "closed with the reason: {f}"
    );
    assert!(list(&server, server.root(), "state=open").is_empty());
    assert_eq!(
        ids(&list(&server, server.root(), "state=closed")),
        vec![fid.clone()]
    );
    assert!(outcome(&server).is_empty(), "same as the other order");
    // A closed flag is not open: it cannot be resolved.
    let (status, answer) = server.call(
        "POST",
        &format!("/v1/flags/{fid}/resolve"),
        Some(server.root()),
        Some(json!({"note": "seen"})),
    );
    assert_eq!(
        (status, answer["code"].as_str()),
        (409, Some("not_open")),
        "{answer}"
    );
    assert_eq!(get_flag(&server, &fid), f, "the refusal changed the flag");

    // The licence is corrected to expire before the production's date: raised again.
    ama.ok(&["edit", "licence", &lic, "--set", "expires=2026-03-01"]);
    sync_all(&ama);
    let f = get_flag(&server, &fid);
    assert_eq!(f["state"], "open", "{f}");
    assert_eq!(f["key"], key.as_str(), "{f}");
    assert_eq!(f["evidence"]["validity"], "expired", "{f}");
    assert_eq!(f["evidence"]["expires"], "2026-03-01", "{f}");
    assert_eq!(events(&f), vec!["raised", "closed", "reopened"], "{f}");
    assert_eq!(all_flags(&server).len(), 1, "the same flag, not a new one");
    assert_eq!(
        outcome(&server),
        vec![("expired".to_string(), "open".to_string())]
    );

    // Corrected back: closed again.
    ama.ok(&["edit", "licence", &lic, "--set", "expires=2026-06-30"]);
    sync_all(&ama);
    let f = get_flag(&server, &fid);
    assert_eq!(f["state"], "closed", "{f}");
    assert_eq!(
        events(&f),
        vec!["raised", "closed", "reopened", "closed"],
        "{f}"
    );
}

#[test]
fn a_licence_synced_before_its_production_raises_no_flag() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let ama = server.device("Ama", &[region(1)]);
    let kwame = server.device("Kwame", &[region(1)]);
    let lic = claim(&ama, tmp.path(), "GH-CL-0001");
    sync_all(&ama);
    kwame.sync();
    let p = Prod::on(&lic).add(&kwame);
    sync_all(&kwame);

    stored(&server, "licence", &lic);
    stored(&server, "production", &p);
    assert!(
        all_flags(&server).is_empty(),
        "{}",
        Json::Array(all_flags(&server))
    );
    assert!(
        list(&server, server.root(), "state=closed").is_empty(),
        "no flag was ever raised"
    );
    assert!(outcome(&server).is_empty(), "same as the other order");

    // The same correction gives the same final state as in the other order.
    ama.ok(&["edit", "licence", &lic, "--set", "expires=2026-03-01"]);
    sync_all(&ama);
    let flags = all_flags(&server);
    assert_eq!(flags.len(), 1, "{}", Json::Array(flags.clone()));
    let f = &flags[0];
    check(
        f,
        "licence_not_valid",
        "high",
        "open",
        &format!("licence_not_valid/{p}/{lic}"),
    );
    assert_eq!(f["evidence"]["validity"], "expired", "{f}");
    assert_eq!(events(f), vec!["raised"], "{f}");
    assert_eq!(
        outcome(&server),
        vec![("expired".to_string(), "open".to_string())]
    );
}

// ---------------------------------------------------------------------------------------
// 3. Review
// ---------------------------------------------------------------------------------------

#[test]
fn officers_list_read_and_resolve_flags_within_their_role_and_regions() {
    let server = spawn_server();
    let (r1, r2) = (region(1), region(2));
    let d = server.device("Ama", &[r1, r2]);
    let (l1, l2, l3) = (
        Uuid::now_v7().to_string(),
        Uuid::now_v7().to_string(),
        Uuid::now_v7().to_string(),
    );
    let p1 = Prod::on(&l1).region(r1).add(&d);
    let p2 = Prod::on(&l2).region(r1).stones("0.25,1500").add(&d);
    let p3 = Prod::on(&l3).region(r2).add(&d);
    sync_all(&d);
    for p in [&p1, &p2, &p3] {
        stored(&server, "production", p);
    }

    let esi = server.officer("esi.regional", "regional-officer", &[r1]);
    let yaw = server.officer("yaw.regional", "regional-officer", &[r2]);
    let nana = server.officer("nana.national", "national-officer", &[]);
    let kofi = server.officer("kofi.monitor", "export-monitor", &[]);
    let admin = server.root().to_string();

    // Listing and its filters.
    let all = list(&server, &admin, "");
    assert_eq!(all.len(), 4, "{}", Json::Array(all.clone()));
    let lnv = flags_of(&server, "licence_not_valid");
    let (f1, f2, f3) = (
        about(&lnv, &p1).clone(),
        about(&lnv, &p2).clone(),
        about(&lnv, &p3).clone(),
    );
    let isw = flags_of(&server, "impossible_stone_weight");
    assert_eq!(isw.len(), 1);
    let f2w = about(&isw, &p2).clone();
    let id = |f: &Json| f["id"].as_str().unwrap().to_string();
    assert_eq!(f1["region"], json!(r1));
    assert_eq!(f3["region"], json!(r2));
    assert_eq!(
        ids(&list(&server, &admin, &format!("region={r1}"))),
        ids(&[f1.clone(), f2.clone(), f2w.clone()])
    );
    assert_eq!(
        ids(&list(&server, &admin, &format!("region={r2}"))),
        vec![id(&f3)]
    );
    assert_eq!(
        ids(&list(
            &server,
            &admin,
            &format!("region={r1}&kind=licence_not_valid")
        )),
        ids(&[f1.clone(), f2.clone()])
    );
    assert_eq!(list(&server, &admin, "state=open").len(), 4);
    assert!(list(&server, &admin, "state=resolved").is_empty());
    assert!(list(&server, &admin, "state=closed").is_empty());
    assert!(list(&server, &admin, "kind=batch_fork").is_empty());
    assert_eq!(ids(&list(&server, &nana, "")), ids(&all));
    assert_eq!(
        ids(&list(&server, &esi, "")),
        ids(&[f1.clone(), f2.clone(), f2w.clone()]),
        "a regional officer sees their region's flags"
    );
    assert_eq!(
        ids(&list(&server, &yaw, "")),
        vec![id(&f3)],
        "and only those"
    );

    // Paging one at a time through `next`.
    let mut seen = Vec::new();
    let mut path = "/v1/flags?limit=1".to_string();
    for _ in 0..10 {
        let (status, page) = server.call("GET", &path, Some(admin.as_str()), None);
        assert_eq!(status, 200, "{path}: {page}");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 1, "limit=1 gave {}", items.len());
        seen.extend(items.iter().cloned());
        match page["next"].as_str() {
            Some(next) => path = format!("/v1/flags?limit=1&after={next}"),
            None => {
                assert!(page["next"].is_null(), "{page}");
                break;
            }
        }
    }
    assert_eq!(
        seen.len(),
        4,
        "every flag once: {}",
        Json::Array(seen.clone())
    );
    assert_eq!(ids(&seen), ids(&all));

    // Reading one.
    for f in &all {
        assert_eq!(&get_flag(&server, &id(f)), f, "GET by id = listed");
    }
    let unknown = "f".repeat(id(&f1).len());
    let (status, body) = server.call(
        "GET",
        &format!("/v1/flags/{unknown}"),
        Some(admin.as_str()),
        None,
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("not_found")),
        "{body}"
    );

    // Refusals, each leaving the flag as it was.
    let target = id(&f1);
    let get_path = format!("/v1/flags/{target}");
    let resolve_path = format!("/v1/flags/{target}/resolve");
    let note = json!({"note": "Licence issued on paper; agent told to register it."});
    let refused = |what: &str,
                   method: &str,
                   path: &str,
                   token: Option<&str>,
                   body: Option<Json>,
                   want: (u16, &str)| {
        let before = get_flag(&server, &target);
        let (status, answer) = server.call(method, path, token, body);
        assert_eq!(
            (status, answer["code"].as_str()),
            (want.0, Some(want.1)),
            "{what}: {method} {path}: {answer}"
        );
        assert_eq!(
            get_flag(&server, &target),
            before,
            "{what} changed the flag"
        );
    };
    let forbidden = (403, "forbidden");
    let unauthorized = (401, "unauthorized");
    refused(
        "out of scope",
        "GET",
        &get_path,
        Some(&yaw),
        None,
        forbidden,
    );
    refused(
        "out of scope",
        "POST",
        &resolve_path,
        Some(&yaw),
        Some(note.clone()),
        forbidden,
    );
    refused(
        "export monitor",
        "POST",
        &resolve_path,
        Some(&kofi),
        Some(note.clone()),
        forbidden,
    );
    refused("no token", "GET", &get_path, None, None, unauthorized);
    refused(
        "no token",
        "POST",
        &resolve_path,
        None,
        Some(note.clone()),
        unauthorized,
    );
    refused(
        "bad token",
        "POST",
        &resolve_path,
        Some("not-a-token"),
        Some(note.clone()),
        unauthorized,
    );
    refused(
        "empty note",
        "POST",
        &resolve_path,
        Some(&esi),
        Some(json!({"note": ""})),
        (400, "invalid_value"),
    );
    refused(
        "blank note",
        "POST",
        &resolve_path,
        Some(&esi),
        Some(json!({"note": "   "})),
        (400, "invalid_value"),
    );
    let (status, answer) = server.call("GET", "/v1/flags", None, None);
    assert_eq!(
        (status, answer["code"].as_str()),
        (401, Some("unauthorized")),
        "list without a token: {answer}"
    );

    // Resolved by the officer of its region, with a note.
    let (status, resolved) = server.call(
        "POST",
        &resolve_path,
        Some(esi.as_str()),
        Some(note.clone()),
    );
    assert_eq!(status, 200, "{resolved}");
    assert_eq!(resolved["state"], "resolved", "{resolved}");
    assert_eq!(resolved["id"], target.as_str());
    assert_eq!(events(&resolved), vec!["raised", "resolved"], "{resolved}");
    let entry = last_history(&resolved);
    assert_eq!(entry["by"], "esi.regional", "{resolved}");
    assert_eq!(entry["note"], note["note"], "{resolved}");
    assert_eq!(get_flag(&server, &target), resolved, "stored as returned");

    // Resolving again is refused, and changes nothing.
    let (status, answer) = server.call(
        "POST",
        &resolve_path,
        Some(esi.as_str()),
        Some(note.clone()),
    );
    assert_eq!(
        (status, answer["code"].as_str()),
        (409, Some("not_open")),
        "{answer}"
    );
    assert_eq!(get_flag(&server, &target), resolved);
    assert_eq!(
        ids(&list(&server, &admin, "state=resolved")),
        vec![target.clone()]
    );
    assert_eq!(list(&server, &admin, "state=open").len(), 3);

    // A resolution holds while its cause persists: a correction re-evaluates the production.
    let stone_path = format!("/v1/flags/{}/resolve", id(&f2w));
    let (status, answer) = server.call(
        "POST",
        &stone_path,
        Some(nana.as_str()),
        Some(json!({"note": "15.00 ct typed as 1500; weighed again at the office."})),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(last_history(&answer)["by"], "nana.national", "{answer}");
    d.ok(&["edit", "production", &p2, "--set", "diggers=7"]);
    sync_all(&d);
    let after = get_flag(&server, &id(&f2w));
    assert_eq!(after["state"], "resolved", "still resolved: {after}");
    assert_eq!(
        events(&after).iter().filter(|e| *e == "reopened").count(),
        0,
        "{after}"
    );
    assert_eq!(get_flag(&server, &id(&f2))["state"], "open");
    assert_eq!(get_flag(&server, &target)["state"], "resolved");
}

// ---------------------------------------------------------------------------------------
// 4. The command line
// ---------------------------------------------------------------------------------------

/// `placer flags --data DIR ARGS`: (success, stdout, stderr).
fn flags_cli(server: &Server, args: &[&str]) -> (bool, String, String) {
    let out = run(placer()
        .args(["flags", "--data"])
        .arg(&server.data)
        .args(args));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[track_caller]
fn cli_json(server: &Server, args: &[&str]) -> Json {
    let (ok, out, err) = flags_cli(server, args);
    assert!(ok, "placer flags {args:?} failed: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("placer flags {args:?}: {e}: {out}"))
}

#[track_caller]
fn cli_items(server: &Server, args: &[&str]) -> Vec<Json> {
    let page = cli_json(server, args);
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("placer flags {args:?}: no items: {page}"))
        .clone()
}

#[test]
fn placer_flags_lists_and_resolves_through_the_running_server() {
    let server = spawn_server();
    let d = server.device("Ama", &[region(1), region(2)]);
    let unknown = Uuid::now_v7().to_string();
    let p = Prod::on(&unknown).region(region(1)).add(&d);
    let q = Prod::on(&unknown).region(region(2)).add(&d);
    sync_all(&d);
    stored(&server, "production", &p);

    let listed = cli_items(&server, &["list"]);
    assert_eq!(ids(&listed), ids(&all_flags(&server)));
    assert_eq!(listed.len(), 2, "{}", Json::Array(listed.clone()));
    let r1 = region(1).to_string();
    let mine = cli_items(
        &server,
        &[
            "list",
            "--region",
            &r1,
            "--kind",
            "licence_not_valid",
            "--state",
            "open",
        ],
    );
    assert_eq!(mine.len(), 1, "{}", Json::Array(mine.clone()));
    let f = about(&mine, &p).clone();
    check(
        &f,
        "licence_not_valid",
        "high",
        "open",
        &format!("licence_not_valid/{p}/{unknown}"),
    );
    assert!(cli_items(&server, &["list", "--kind", "batch_fork"]).is_empty());
    assert!(cli_items(&server, &["list", "--state", "resolved"]).is_empty());
    let fid = f["id"].as_str().unwrap().to_string();

    let resolved = cli_json(
        &server,
        &["resolve", &fid, "--note", "Checked with the cadastre."],
    );
    assert_eq!(resolved["id"], fid.as_str(), "{resolved}");
    assert_eq!(resolved["state"], "resolved", "{resolved}");
    assert_eq!(events(&resolved), vec!["raised", "resolved"], "{resolved}");
    assert_eq!(
        last_history(&resolved)["note"],
        "Checked with the cadastre.",
        "{resolved}"
    );
    assert_eq!(get_flag(&server, &fid), resolved, "the server has it");
    assert_eq!(
        ids(&cli_items(&server, &["list", "--state", "resolved"])),
        vec![fid.clone()]
    );
    let open = cli_items(&server, &["list", "--state", "open"]);
    assert_eq!(open.len(), 1);
    about(&open, &q);

    // Resolving it again fails, saying why, and changes nothing.
    let (ok, _, err) = flags_cli(&server, &["resolve", &fid, "--note", "again"]);
    assert!(!ok, "a second resolve succeeded");
    assert!(
        err.contains("not_open") || err.contains("not open"),
        "stderr: {err}"
    );
    assert_eq!(get_flag(&server, &fid), resolved);
}

// ---------------------------------------------------------------------------------------
// 5. Flags are derived state: the log rebuilds them, resolutions included
// ---------------------------------------------------------------------------------------

#[test]
fn flags_and_resolutions_survive_kill_9_and_a_rebuild_from_the_log() {
    let mut server = spawn_server();
    let tmp = server.take_tmp();
    let data = server.data.clone();
    let addr = server.addr();
    let area_dir = tempfile::tempdir().unwrap();
    let ama = server.device("Ama", &[region(1)]);
    let kwame = server.device("Kwame", &[region(1)]);
    // Raised then closed; raised and resolved; raised and left open.
    let lic = claim(&ama, area_dir.path(), "GH-CL-0001");
    let p = Prod::on(&lic).add(&kwame);
    let q = Prod::on(&lic).stones("1500").add(&kwame);
    let unknown = Uuid::now_v7().to_string();
    let r = Prod::on(&unknown).add(&kwame);
    sync_all(&kwame);
    sync_all(&ama);
    let heavy = about(&flags_of(&server, "impossible_stone_weight"), &q).clone();
    let (status, resolved) = server.call(
        "POST",
        &format!("/v1/flags/{}/resolve", heavy["id"].as_str().unwrap()),
        Some(server.root()),
        Some(json!({"note": "Weighed again: 15.00 ct."})),
    );
    assert_eq!(status, 200, "{resolved}");
    let before = all_flags(&server);
    // p and q were synced before their licence (closed since), q is too heavy (resolved),
    // r names a licence that never comes (open).
    assert_eq!(before.len(), 4, "{}", Json::Array(before.clone()));
    let lnv = flags_of(&server, "licence_not_valid");
    assert_eq!(about(&lnv, &p)["state"], "closed");
    assert_eq!(about(&lnv, &q)["state"], "closed");
    assert_eq!(about(&lnv, &r)["state"], "open");
    assert_eq!(
        get_flag(&server, heavy["id"].as_str().unwrap())["state"],
        "resolved"
    );

    // kill -9, then start again on the same data.
    server.kill9();
    let mut again = Spawn::new().data(&data).listen(&addr).start();
    assert_eq!(all_flags(&again), before, "after kill -9");
    again.kill9();

    // Derived state lost: rebuilt from the log, the flags are the same.
    std::fs::remove_dir_all(data.join("state")).unwrap();
    let rebuilt = Spawn::new().data(&data).listen(&addr).start();
    let after = all_flags(&rebuilt);
    assert_eq!(
        after.len(),
        before.len(),
        "after a rebuild: {}",
        Json::Array(after.clone())
    );
    for f in &before {
        let id = f["id"].as_str().unwrap();
        let g = get_flag(&rebuilt, id);
        for field in ["key", "kind", "severity", "state", "records", "evidence"] {
            assert_eq!(g[field], f[field], "{field} after a rebuild: {g} vs {f}");
        }
        assert_eq!(events(&g), events(f), "history after a rebuild: {g} vs {f}");
        assert_eq!(&g, f, "the whole flag after a rebuild");
    }
    drop(tmp);
}

/// A country's thresholds are set by an officer, logged, and judge the records filed in
/// that country from then on, through a restart; other countries keep theirs. Bad
/// thresholds are refused and change nothing.
#[test]
fn a_countrys_thresholds_judge_its_records_and_no_others() {
    const KONO: (f64, f64) = (-10.95, 8.65);
    let mut server = spawn_server();
    let (_, countries) = crate::regions::import(
        &server.data,
        &crate::regions::borders(),
        &["--level", "country"],
    );
    let (ghana, sierra_leone) = (countries["Ghana"], countries["Sierra Leone"]);
    let d = server.device("Ama", &[ghana, sierra_leone]);
    let lic = Uuid::now_v7().to_string();
    let national = server.officer("kofi.national", "national-officer", &[]);
    let regional = server.officer("esi.regional", "regional-officer", &[ghana]);
    let set = |token: Option<&str>, country: Uuid, body: Json| {
        server.call(
            "POST",
            &format!("/v1/countries/{country}/thresholds"),
            token,
            Some(body),
        )
    };
    // Sierra Leone's officers count a stone above 10 ct as impossible on this field.
    let strict = json!({"diamond": {
        "min_stone_hundredths": 1,
        "max_stone_hundredths": 1000,
        "productivity_floor_hundredths": 100,
        "large_stone_hundredths": 200,
    }});
    let before = server.fingerprint();
    for (token, country, body, status, code) in [
        (None, sierra_leone, strict.clone(), 401, "unauthorized"),
        (
            Some(regional.as_str()),
            sierra_leone,
            strict.clone(),
            403,
            "forbidden",
        ),
        (
            Some(national.as_str()),
            Uuid::now_v7(),
            strict.clone(),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            sierra_leone,
            json!({"productivity_factor": 0.5}),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            sierra_leone,
            json!({"tolerance": 3}),
            400,
            "invalid_value",
        ),
        (
            Some(national.as_str()),
            sierra_leone,
            json!([1, 2]),
            400,
            "malformed",
        ),
    ] {
        let (s, answer) = set(token, country, body.clone());
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{body}: {answer}"
        );
    }
    assert_eq!(server.fingerprint(), before, "nothing refused was kept");
    let (s, kept) = set(Some(&national), sierra_leone, strict);
    assert_eq!(s, 200, "{kept}");
    assert_eq!(kept["set_by"], "kofi.national");
    assert_eq!(kept["thresholds"]["diamond"]["max_stone_hundredths"], 1000);
    assert_eq!(
        kept["thresholds"]["gold"]["max_stone_hundredths"], 500_000,
        "a default"
    );
    let (_, all) = server.call("GET", "/v1/thresholds", Some(&regional), None);
    assert_eq!(all["thresholds"].as_array().unwrap().len(), 2, "{all}");

    let twelve_ct_in = |at: (f64, f64)| Prod::on(&lic).at(at.0, at.1, 10).stones("12.00").add(&d);
    let in_sierra_leone = twelve_ct_in(KONO);
    let in_ghana = twelve_ct_in(AKWATIA);
    sync_all(&d);
    let weights = flags_of(&server, "impossible_stone_weight");
    assert_eq!(weights.len(), 1, "{}", Json::Array(weights.clone()));
    assert_eq!(weights[0]["records"][0], in_sierra_leone.as_str());
    assert!(
        none_about(&weights, &in_ghana),
        "Ghana keeps the default 1000 ct"
    );

    // Logged: after kill -9 the country's thresholds still judge what arrives.
    let addr = server.addr();
    let data = server.data.clone();
    server.kill9();
    let restarted = Spawn::new().data(&data).listen(&addr).start();
    let again = twelve_ct_in(KONO);
    sync_all(&d);
    let weights = flags_of(&restarted, "impossible_stone_weight");
    assert_eq!(weights.len(), 2, "{}", Json::Array(weights.clone()));
    assert!(!none_about(&weights, &again));
}
