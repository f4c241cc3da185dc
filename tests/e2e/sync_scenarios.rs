//! Devices in two regions record offline and sync in several orders; they converge.

use serde_json::Value as Json;
use sync_protocol::api::BINARY;
use sync_protocol::clock::{wall_ms, Hlc};
use sync_protocol::codec;
use sync_protocol::op::{Op, OpBody, Set};
use sync_protocol::records::MinerField;
use sync_protocol::values::Phone;
use uuid::Uuid;

use crate::harness::*;

/// What a replica shows of a collection: each record's id, region, void state, current
/// value and conflicts, in id order.
fn shown(d: &Device, collection: &str) -> Vec<Json> {
    d.list(collection)
}

fn find<'a>(list: &'a [Json], id: &str) -> &'a Json {
    list.iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("record {id} not in {list:?}"))
}

/// Three devices, two regions: A and B serve region 1, C serves region 2. After a shared
/// registration, A and B edit one miner offline (different fields, and the same field),
/// C works in its own region, then everyone syncs in `order`, twice over.
fn converge_in_order(order: [usize; 3]) {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let b = server.device("Kwame", &[region(1)]);
    let c = server.device("Fatmata", &[region(2)]);

    let m = a.add_miner("Kofi Mensah", 1990, &[]);
    a.sync();
    b.sync();

    // Offline edits of the same miner.
    a.ok(&["edit", "miner", &m, "--set", "phone=+233 20 111 1111"]);
    b.ok(&["edit", "miner", &m, "--set", "cooperative=Akwatia Diggers"]);
    a.ok(&["edit", "miner", &m, "--set", "names=Kofi A. Mensah"]);
    b.ok(&["edit", "miner", &m, "--set", "names=Kofi B. Mensah"]);
    let l = a.ok(&[
        "licence",
        "add",
        "--number",
        "GH-AP-0001",
        "--kind",
        "artisanal-permit",
        "--holder-miner",
        &m,
        "--issued",
        "2026-01-01",
        "--expires",
        "2027-01-01",
    ]);
    let p = a.ok(&[
        "production",
        "add",
        "--licence",
        &l,
        "--miner",
        &m,
        "--date",
        "2026-11-02",
        "--lat",
        "6.04",
        "--lon",
        "-0.80",
        "--diggers",
        "6",
        "--gravel-litres",
        "2500",
        "--stones",
        "0.25,1.10,0.07",
    ]);
    // B has not seen the production yet, so it cannot correct it.
    assert!(!b
        .run(&["edit", "production", &p, "--set", "diggers=7"])
        .status
        .success());
    let n = c.add_miner("Fatmata Kamara", 1994, &["--national-id", "SL-1234567"]);

    let devices = [&a, &b, &c];
    for _round in 0..2 {
        for i in order {
            devices[i].sync();
        }
    }

    let observer = server.device("Officer", &[region(1)]);
    observer.sync();

    for collection in ["miners", "licences", "production"] {
        let on_a = shown(&a, collection);
        assert_eq!(
            on_a,
            shown(&b, collection),
            "{collection}: A and B differ (order {order:?})"
        );
        assert_eq!(
            on_a,
            shown(&observer, collection),
            "{collection}: A and the server differ (order {order:?})"
        );
    }

    let miners = shown(&a, "miners");
    assert_eq!(miners.len(), 1, "region 1 sees only its miner");
    let kofi = find(&miners, &m);
    assert_eq!(
        kofi["record"]["phone"], "+233 20 111 1111",
        "A's edit survives"
    );
    assert_eq!(
        kofi["record"]["cooperative"], "Akwatia Diggers",
        "B's edit survives"
    );
    let names = kofi["record"]["names"].as_str().unwrap();
    let conflicts = kofi["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "one same-field conflict: {conflicts:?}");
    assert_eq!(conflicts[0]["field"], "names");
    let losers = conflicts[0]["losers"].as_array().unwrap();
    assert_eq!(losers.len(), 1);
    let lost = losers[0]["value"]["names"].as_str().unwrap();
    let mut both = [names, lost];
    both.sort();
    assert_eq!(
        both,
        ["Kofi A. Mensah", "Kofi B. Mensah"],
        "the loser is kept, not dropped"
    );

    // The server's conflict list shows the same.
    let listed = server.conflicts();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["record"], m.as_str());
    assert_eq!(listed[0]["conflicts"][0]["field"], "names");

    // Region 2 is separate both ways.
    let c_miners = shown(&c, "miners");
    assert_eq!(c_miners.len(), 1);
    assert_eq!(c_miners[0]["id"], n.as_str());
    assert_eq!(c_miners[0]["record"]["national_id"], "SL-1234567");
    assert!(shown(&a, "miners").iter().all(|r| r["id"] != n.as_str()));
    assert!(shown(&c, "production").is_empty());
    assert_eq!(find(&shown(&b, "production"), &p)["record"]["diggers"], 6);
}

#[test]
fn three_devices_converge_when_syncing_a_b_c() {
    converge_in_order([0, 1, 2]);
}

#[test]
fn three_devices_converge_when_syncing_c_b_a() {
    converge_in_order([2, 1, 0]);
}

#[test]
fn three_devices_converge_when_syncing_b_c_a() {
    converge_in_order([1, 2, 0]);
}

#[test]
fn a_correction_and_a_void_reach_every_device_and_keep_history() {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let b = server.device("Kwame", &[region(1)]);
    let p = a.ok(&[
        "production",
        "add",
        "--licence",
        &Uuid::now_v7().to_string(),
        "--date",
        "2026-10-01",
        "--lat",
        "6.04",
        "--lon",
        "-0.80",
        "--diggers",
        "4",
        "--stone-count",
        "12",
        "--total-carats",
        "3.40",
    ]);
    a.sync();
    b.sync();
    b.ok(&["edit", "production", &p, "--set", "diggers=5"]);
    b.sync();
    a.sync();
    let on_a = shown(&a, "production");
    assert_eq!(find(&on_a, &p)["record"]["diggers"], 5);
    assert_eq!(
        find(&on_a, &p)["conflicts"],
        Json::Array(vec![]),
        "a seen correction is not a conflict"
    );
    let m = a.add_miner("Duplicate Person", 1980, &[]);
    a.sync();
    b.sync();
    b.ok(&["void", "miner", &m, "--reason", "registered twice"]);
    b.sync();
    a.sync();
    let miners = shown(&a, "miners");
    let voided = find(&miners, &m);
    assert_eq!(voided["voided"], "registered twice");
    assert_eq!(
        voided["record"]["names"], "Duplicate Person",
        "a void keeps the record"
    );
    assert_eq!(shown(&a, "miners"), shown(&b, "miners"));
}

#[test]
fn a_new_device_gets_a_paged_snapshot_of_its_regions_only() {
    let server = spawn_server();
    let mut feeder = RawDevice::enrol(&server, "Feeder", &[region(1), region(2)]);
    let licence = Uuid::now_v7();
    let in_scope: Vec<Op> = (0..2_300)
        .map(|_| ops::production(region(1), licence, &[25, 110]))
        .collect();
    let ids: Vec<Uuid> = in_scope.iter().map(|o| o.record).collect();
    feeder.push_ops(in_scope);
    feeder.push_ops(
        (0..300)
            .map(|_| ops::production(region(2), licence, &[40]))
            .collect(),
    );
    // Ten corrections of one record: the snapshot still carries it once.
    for i in 0..10u32 {
        let mut again = ops::production(region(1), licence, &[25, 110, 1 + u64::from(i)]);
        again.record = ids[0];
        feeder.push_ops(vec![again]);
    }
    let fresh = server.device("New agent", &[region(1)]);
    let report = fresh.sync();
    assert_eq!(
        report["changes_pulled"], 2_300,
        "one change per record in scope: {report}"
    );
    let listed = fresh.list("production");
    assert_eq!(listed.len(), 2_300);
    let first = find(&listed, &ids[0].to_string());
    assert_eq!(
        first["record"]["stones"]["weighed"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // A second sync has nothing new.
    assert_eq!(fresh.sync()["changes_pulled"], 0);
}

#[test]
fn a_device_clock_years_ahead_does_not_win_later_edits() {
    let server = spawn_server();
    let mut fast = RawDevice::enrol(&server, "Fast clock", &[region(1)]);
    let a = server.device("Ama", &[region(1)]);
    let year_ms = 365 * 24 * 3_600_000;
    let mut reg = ops::miner(region(1), "Yaw Asante");
    reg.stamp = Hlc::new(wall_ms() + year_ms, 0);
    let id = reg.record;
    let edit = Op {
        record: id,
        stamp: Hlc::new(wall_ms() + year_ms, 1),
        region: region(1),
        body: OpBody::Miner(vec![Set::new(MinerField::Phone(Some(
            Phone::parse("+233 30 000 0001").unwrap(),
        )))]),
    };
    let ack = fast.push_ops(vec![reg, edit]);
    assert!(
        ack.received.unix_ms() <= wall_ms() + 1_000,
        "the server's clock did not follow the device"
    );

    a.sync();
    a.ok(&[
        "edit",
        "miner",
        &id.to_string(),
        "--set",
        "phone=+233 30 000 0002",
    ]);
    a.sync();
    let observer = server.device("Officer", &[region(1)]);
    observer.sync();
    let miners = shown(&observer, "miners");
    assert_eq!(
        find(&miners, &id.to_string())["record"]["phone"],
        "+233 30 000 0002",
        "the later edit wins although the fast device's stamp is a year ahead"
    );
}

#[test]
fn the_conflict_list_is_paged_and_complete() {
    use sync_protocol::merge::WriteId;
    use sync_protocol::values::PersonName;
    let server = spawn_server();
    let mut a = RawDevice::enrol(&server, "Ama", &[region(1)]);
    let mut b = RawDevice::enrol(&server, "Kwame", &[region(1)]);
    let registrations: Vec<Op> = (0..5)
        .map(|i| ops::miner(region(1), &format!("Miner {i}")))
        .collect();
    let bases: Vec<(Uuid, WriteId)> = registrations
        .iter()
        .map(|o| {
            (
                o.record,
                WriteId {
                    stamp: o.stamp,
                    device: a.id,
                },
            )
        })
        .collect();
    a.push_ops(registrations);
    // Both agents rename every miner, each having seen only the registration.
    let rename = |who: &str| -> Vec<Op> {
        bases
            .iter()
            .map(|(record, base)| Op {
                record: *record,
                stamp: Hlc::new(wall_ms(), 0),
                region: region(1),
                body: OpBody::Miner(vec![Set {
                    value: MinerField::Names(PersonName::parse(format!("{who} {record}")).unwrap()),
                    base: Some(*base),
                }]),
            })
            .collect()
    };
    let from_a = rename("Renamed by Ama");
    let from_b = rename("Renamed by Kwame");
    a.push_ops(from_a);
    b.push_ops(from_b);

    let client = server.http();
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..10 {
        let mut url = format!("{}/v1/conflicts?limit=2", server.url);
        if let Some(a) = &after {
            url.push_str(&format!("&after={a}"));
        }
        let page: Json = client
            .get(url)
            .bearer_auth(server.root())
            .send()
            .unwrap()
            .json()
            .unwrap();
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(
            items
                .iter()
                .map(|i| i["record"].as_str().unwrap().to_string()),
        );
        match page["next"].as_str() {
            Some(n) => after = Some(n.to_string()),
            None => break,
        }
    }
    let mut want: Vec<String> = bases.iter().map(|(r, _)| r.to_string()).collect();
    want.sort();
    seen.sort();
    assert_eq!(seen, want, "every conflicting record once, across pages");
}

#[test]
fn concurrent_pushes_share_log_syncs() {
    let server = spawn_server();
    let devices: Vec<RawDevice> = (0..8)
        .map(|i| RawDevice::enrol(&server, &format!("Agent {i}"), &[region(1)]))
        .collect();
    let before = server.stats()["log"].clone();
    let threads: Vec<_> = devices
        .into_iter()
        .map(|mut d| {
            std::thread::spawn(move || {
                let licence = Uuid::now_v7();
                for _ in 0..15 {
                    d.push_ops(
                        (0..20)
                            .map(|_| ops::production(region(1), licence, &[12]))
                            .collect(),
                    );
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let after = server.stats();
    let entries = after["log"]["entries_written"].as_u64().unwrap()
        - before["entries_written"].as_u64().unwrap();
    let syncs = after["log"]["syncs"].as_u64().unwrap() - before["syncs"].as_u64().unwrap();
    assert_eq!(entries, 8 * 15);
    assert_eq!(after["accepted_batches"], 8 * 15);
    assert!(
        syncs < entries,
        "{syncs} syncs for {entries} concurrent batches: none shared"
    );
}

#[test]
fn a_production_on_its_claim_raises_nothing_and_one_outside_is_flagged_with_the_distance() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
    let claim = ops::licence(region(1));
    let licence = claim.record;
    d.push_ops(vec![claim]);
    // Inside the claim (its corners are 0.001° from Akwatia).
    d.push_ops(vec![ops::production(region(1), licence, &[25])]);
    let flags = |server: &Server| -> Vec<Json> {
        server.admin_get("/admin/flags")["items"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(flags(&server).is_empty(), "{:?}", flags(&server));
    // 0.0055° of longitude east of Akwatia: about 500 m beyond the claim's edge.
    let mut outside = ops::production(region(1), licence, &[25]);
    if let OpBody::Production(sets) = &mut outside.body {
        if let sync_protocol::records::FactField::Body(p) = &mut sets[0].value {
            p.fix.point = sync_protocol::values::Point::new(-0.7935, 6.04).unwrap();
        }
    }
    let id = outside.record;
    d.push_ops(vec![outside]);
    let raised = flags(&server);
    assert_eq!(raised.len(), 1, "{raised:?}");
    assert_eq!(raised[0]["kind"], "outside_licence_area");
    assert_eq!(raised[0]["records"][0], id.to_string());
    let metres = raised[0]["evidence"]["distance_m"].as_f64().unwrap();
    assert!((400.0..650.0).contains(&metres), "{metres} m");
}

/// No echo: a device's pull does not bring back what only it wrote (it has it all, and took
/// the effective stamps from the acknowledgement), but the cursor moves past; once another
/// device changes one of its records, that record comes back.
#[test]
fn a_device_does_not_download_its_own_writes_again() {
    let server = spawn_server();
    let mut a = RawDevice::enrol(&server, "a", &[region(1)]);
    let mut b = RawDevice::enrol(&server, "b", &[region(1)]);
    let mine = ops::miner(region(1), "Akosua Boateng");
    let id = mine.record;
    a.push_ops(vec![mine, ops::miner(region(1), "Kofi Mensah")]);
    let page = a.pull(1, 0, vec![]);
    assert!(page.changes.is_empty(), "{page:?}");
    assert_eq!(
        page.cursor, 2,
        "the cursor moves past the device's own records"
    );
    assert_eq!(
        b.pull(1, 0, vec![]).changes.len(),
        2,
        "another device gets them"
    );

    let mut edit = ops::miner(region(1), "Akosua Boateng-Mensah");
    edit.record = id;
    b.push_ops(vec![edit]);
    let page = a.pull(2, 2, vec![]);
    assert_eq!(page.changes.len(), 1, "{page:?}");
    assert_eq!(page.changes[0].record, id);
}

/// A page is dense when the device asks for it (and plain when not: the same page), and
/// stops at 256 KiB of plain encoding even when the device asks for 5,000 changes.
#[test]
fn pages_are_dense_when_asked_and_sized_by_bytes() {
    let server = spawn_server();
    let mut feeder = RawDevice::enrol(&server, "Feeder", &[region(1)]);
    let licence = Uuid::now_v7();
    feeder.push_ops(
        (0..2_000)
            .map(|_| ops::production(region(1), licence, &[25, 110]))
            .collect(),
    );
    feeder.push_ops(vec![ops::miner(region(1), "Adwoa Sarpong")]);
    let reader = RawDevice::enrol(&server, "Reader", &[region(1)]);
    let page_of = |nonce: u64, cursor: u64, accept: &str| {
        let r = reader.post_accepting(
            sync_protocol::api::PATH_PULL,
            BINARY,
            accept,
            reader.pull_request_of(nonce, cursor, vec![], 5_000),
        );
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        r.body
    };
    let dense = page_of(1, 0, "application/x-placer; version=2");
    let plain = page_of(2, 0, BINARY);
    assert_eq!((dense[0], plain[0]), (2, 1), "the version bytes");
    let mut from_dense = codec::decode_page(&dense).unwrap();
    let from_plain: sync_protocol::api::PullPage = codec::decode(&plain).unwrap();
    from_dense.server_time = from_plain.server_time;
    assert_eq!(from_dense, from_plain, "the same page in two forms");
    assert!(
        dense.len() * 10 < plain.len() * 7,
        "dense {} bytes, plain {}",
        dense.len(),
        plain.len()
    );
    // A version this server does not write is answered in version 1.
    assert_eq!(page_of(3, 0, "application/x-placer; version=9")[0], 1);

    // Sized by bytes: the first page stops within one change past 256 KiB.
    let budget = 256 * 1024;
    let sizes: Vec<usize> = from_plain
        .changes
        .iter()
        .map(sync_protocol::codec::encoded_len)
        .collect();
    let total: usize = sizes.iter().sum();
    assert!(from_plain.more, "{} changes", sizes.len());
    assert!(
        total >= budget && total - sizes.last().unwrap() < budget,
        "{total} bytes in {} changes",
        sizes.len()
    );
    // The rest follows from the cursor: every record once.
    let mut seen = from_plain.changes.len();
    let (mut cursor, mut nonce) = (from_plain.cursor, 3);
    loop {
        nonce += 1;
        let page =
            codec::decode_page(&page_of(nonce, cursor, "application/x-placer; version=2")).unwrap();
        seen += page.changes.len();
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(seen, 2_001);
}
