//! Regions: imported from GeoJSON (the real borders in `server/data/geo`), idempotently;
//! the server, not the device, decides a record's region from its geometry; regions reach
//! devices through pull.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value as Json;
use uuid::Uuid;

use crate::harness::*;

pub(crate) fn borders() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/geo/west-central-africa-countries.geojson")
}

/// Imports a file; returns the summary line and the ids by name.
pub(crate) fn import(
    data: &std::path::Path,
    file: &std::path::Path,
    extra: &[&str],
) -> (String, HashMap<String, Uuid>) {
    let mut args = vec!["import-regions", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = admin(data, &args);
    let mut lines = out.lines();
    let summary = lines.next().unwrap().to_string();
    let ids = lines
        .map(|l| {
            let (id, name) = l.split_once(' ').unwrap();
            (name.to_string(), id.parse().unwrap())
        })
        .collect();
    (summary, ids)
}

pub(crate) fn production_at(d: &Device, lon: &str, lat: &str, region: Uuid) -> String {
    d.ok(&[
        "production",
        "add",
        "--licence",
        &Uuid::now_v7().to_string(),
        "--date",
        "2026-11-02",
        "--lat",
        lat,
        "--lon",
        lon,
        "--diggers",
        "4",
        "--stones",
        "0.30",
        "--region",
        &region.to_string(),
    ])
}

/// Two squares side by side inside Ghana, as districts.
pub(crate) fn districts_file(dir: &std::path::Path) -> PathBuf {
    let square = |x0: f64, name: &str| {
        serde_json::json!({
            "type": "Feature",
            "properties": {"NAME_2": name},
            "geometry": {"type": "Polygon", "coordinates": [[
                [x0, 5.9], [x0 + 0.2, 5.9], [x0 + 0.2, 6.1], [x0, 6.1], [x0, 5.9]
            ]]}
        })
    };
    let fc = serde_json::json!({"type": "FeatureCollection", "features": [
        square(-1.0, "West Akwatia"), square(-0.8, "East Akwatia")
    ]});
    let path = dir.join("districts.geojson");
    std::fs::write(&path, fc.to_string()).unwrap();
    path
}

/// The ten countries, and East and West Akwatia as districts of Ghana: the countries' ids
/// by name, and the districts'.
pub(crate) fn countries_and_akwatia(
    data: &std::path::Path,
) -> (HashMap<String, Uuid>, HashMap<String, Uuid>) {
    let (_, countries) = import(data, &borders(), &["--level", "country"]);
    let tmp = tempfile::tempdir().unwrap();
    let (_, districts) = import(
        data,
        &districts_file(tmp.path()),
        &[
            "--level",
            "district",
            "--parent",
            &countries["Ghana"].to_string(),
            "--name-field",
            "NAME_2",
        ],
    );
    (countries, districts)
}

#[test]
fn imported_borders_place_records_and_reach_devices() {
    let mut server = spawn_server();
    let tmp = server.take_tmp();
    let data = server.data.clone();
    let addr = server.addr();

    let (summary, countries) = import(&data, &borders(), &["--level", "country"]);
    assert_eq!(summary, "10 created, 0 changed, 0 unchanged");
    let (gha, civ) = (countries["Ghana"], countries["Côte d'Ivoire"]);
    let before = server.stats();
    let (again, same_ids) = import(&data, &borders(), &["--level", "country"]);
    assert_eq!(again, "0 created, 0 changed, 10 unchanged");
    assert_eq!(
        same_ids, countries,
        "ids follow from level, parent and name"
    );
    assert_eq!(server.stats(), before, "a re-import changes nothing");

    // An agent working both sides of the border.
    let ghana_agent = server.device("Ama", &[gha, civ]);
    let ivory_officer = server.device("Awa", &[civ]);
    let ghana_officer = server.device("Kojo", &[gha]);
    // A device records nothing in a region it does not serve: the server would refuse the
    // batch, and a sealed batch cannot be changed.
    let out = ghana_officer.run(&[
        "miner",
        "add",
        "--names",
        "Kofi Annan",
        "--sex",
        "male",
        "--birth-year",
        "1980",
        "--region",
        &civ.to_string(),
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("does not serve region"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ghana_officer.status()["pending_ops"], 0);
    // Filed by the device under Côte d'Ivoire, but the fix is at Akwatia, Ghana.
    let in_ghana = production_at(&ghana_agent, "-0.80", "6.04", civ);
    // Filed under Ghana, but the fix is at Séguéla, Côte d'Ivoire.
    let in_ivory = production_at(&ghana_agent, "-6.67", "7.96", gha);
    ghana_agent.sync();
    ghana_officer.sync();
    ivory_officer.sync();
    let ids = |d: &Device| -> Vec<String> {
        d.list("production")
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&ghana_officer), vec![in_ghana.clone()]);
    assert_eq!(ids(&ivory_officer), vec![in_ivory.clone()]);
    assert_eq!(
        ghana_officer.list("production")[0]["region"],
        gha.to_string()
    );

    // An agent serving Ghana only, whose production's fix lies in Côte d'Ivoire: the
    // server files it there, without changing the agent's write, and the agent learns it.
    let border_agent = server.device("Kwame", &[gha]);
    let across = production_at(&border_agent, "-6.67", "7.96", gha);
    border_agent.sync();
    let mine = border_agent.list("production");
    let listed = mine.iter().find(|r| r["id"] == across.as_str()).unwrap();
    assert_eq!(listed["region"], civ.to_string(), "{listed}");
    ivory_officer.sync();
    assert!(ids(&ivory_officer).contains(&across));
    let by_officer = ivory_officer.list("production");
    let there = by_officer
        .iter()
        .find(|r| r["id"] == across.as_str())
        .unwrap();
    assert_eq!(there["record"], listed["record"]);

    // The devices know their country's boundary offline.
    let regions = ghana_officer.list("regions");
    assert_eq!(regions.len(), 1);
    assert_eq!(regions[0]["id"], gha.to_string());
    assert_eq!(regions[0]["record"]["name"], "Ghana");

    // Districts under Ghana: the deepest region wins.
    let (summary, districts) = import(
        &data,
        &districts_file(tmp.as_ref().unwrap().path()),
        &[
            "--level",
            "district",
            "--parent",
            &gha.to_string(),
            "--name-field",
            "NAME_2",
        ],
    );
    assert_eq!(summary, "2 created, 0 changed, 0 unchanged");
    let east = districts["East Akwatia"];
    let district_agent = server.device("Yaa", &[east]);
    let p = production_at(&ghana_agent, "-0.70", "6.00", gha);
    ghana_agent.sync();
    district_agent.sync();
    assert_eq!(ids(&district_agent), vec![p.clone()]);

    // After a crash the log is re-applied with the regions as they stood: same placement.
    let stats = server.stats();
    server.kill9();
    let restarted = Spawn::new().data(&data).listen(&addr).start();
    assert_eq!(restarted.stats()["records"], stats["records"]);
    // A device serving Ghana serves its districts too; one serving a district, only that.
    let fresh = restarted.device("Kojo again", &[gha]);
    fresh.sync();
    let mut got = ids(&fresh);
    got.sort();
    let mut want = vec![in_ghana, p.clone()];
    want.sort();
    assert_eq!(got, want);
    assert_eq!(
        fresh.list("regions").len(),
        3,
        "Ghana and its two districts"
    );
    // Naming Ghana in a pull names its districts too.
    let raw = RawDevice::enrol(&restarted, "Kojo raw", &[gha]);
    let page = raw.pull(1, 0, vec![gha]);
    let pulled: Vec<String> = page
        .changes
        .iter()
        .filter(|c| c.collection == sync_protocol::records::Collection::Production)
        .map(|c| c.record.to_string())
        .collect();
    assert!(pulled.contains(&p), "{pulled:?}");
    assert!(
        page.changes.iter().any(|c| c.region == east),
        "the district's records come with Ghana's"
    );
    let west = restarted.device("Kofi", &[districts["West Akwatia"]]);
    west.sync();
    assert!(ids(&west).is_empty());
    assert_eq!(ids(&district_agent), vec![p.clone()]);

    // Officers too: Ghana's reads the district's record, West Akwatia's does not.
    let read = |token: &str| {
        restarted
            .http()
            .get(format!("{}/v1/records/production/{p}", restarted.url))
            .bearer_auth(token)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(
        read(&restarted.officer("ghana.officer", "regional-officer", &[gha])),
        200
    );
    assert_eq!(
        read(&restarted.officer(
            "west.officer",
            "regional-officer",
            &[districts["West Akwatia"]]
        )),
        403
    );
    drop(tmp);
}

#[test]
fn bad_imports_are_refused_and_change_nothing() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let before = server.fingerprint();
    let refused = |args: &[&str], expect: &str| {
        let out = run(placer()
            .args(["admin", "--data"])
            .arg(&server.data)
            .args(args));
        assert!(!out.status.success(), "{args:?} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expect), "{args:?}: {err}");
        assert_eq!(server.fingerprint(), before, "{args:?} changed something");
    };
    let file = borders();
    let file = file.to_str().unwrap();
    refused(
        &[
            "import-regions",
            file,
            "--level",
            "country",
            "--name-field",
            "NAME_9",
        ],
        "no string property",
    );
    refused(
        &["import-regions", file, "--level", "county"],
        "expected country, region or district",
    );
    refused(
        &[
            "import-regions",
            file,
            "--level",
            "region",
            "--parent",
            &Uuid::now_v7().to_string(),
        ],
        "no region",
    );
    let point = tmp.path().join("point.geojson");
    std::fs::write(
        &point,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X"},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#,
    )
    .unwrap();
    refused(
        &[
            "import-regions",
            point.to_str().unwrap(),
            "--level",
            "district",
        ],
        "Point",
    );
    let open_ring = tmp.path().join("open.geojson");
    std::fs::write(
        &open_ring,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}]}"#,
    )
    .unwrap();
    refused(
        &[
            "import-regions",
            open_ring.to_str().unwrap(),
            "--level",
            "district",
        ],
        "ring",
    );
    std::fs::write(tmp.path().join("garbage.geojson"), "not json").unwrap();
    refused(
        &[
            "import-regions",
            tmp.path().join("garbage.geojson").to_str().unwrap(),
            "--level",
            "district",
        ],
        "not GeoJSON",
    );
    // Through the API, an officer who is not an admin cannot import.
    let r = server
        .http()
        .post(format!("{}/v1/admin/regions", server.url))
        .json(&serde_json::json!({"level": "country", "parent": null, "regions": []}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 401);
    let body: Json = r.json().unwrap();
    assert_eq!(body["code"], "unauthorized");
    assert_eq!(server.fingerprint(), before);
}
