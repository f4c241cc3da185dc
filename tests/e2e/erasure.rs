//! A person's values sealed on the handset, opened apart from the signed batches, and
//! erased at the ministry: from the derived state, the pull index, the openings file and
//! every handset at its next pull, while the batch log still verifies.

use crate::harness::*;
use crate::web::Browser;
use serde_json::{json, Value as Json};
use std::path::Path;
use sync_protocol::api::{OpenRequest, BINARY};
use sync_protocol::batch::Signed;
use sync_protocol::codec;
use sync_protocol::merge::WriteId;
use sync_protocol::op::{Op, OpBody, Set};
use sync_protocol::personal::{self, Opening, Salt};
use sync_protocol::records::MinerField;
use sync_protocol::values::PersonName;
use uuid::Uuid;

const NAME: &str = "Adwoa Erasable Mensah";
const OLD_ID: &str = "GHA-7731-OLD";
const NEW_ID: &str = "GHA-7731-NEW";
const PHONE: &str = "+233 20 555 0199";
const LATE_PHONE: &str = "+233 20 555 0777";

/// Every byte of every file under `dir`.
fn bytes_under(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(bytes_under(&p));
            } else if let Ok(b) = std::fs::read(&p) {
                out.extend(b);
            }
        }
    }
    out
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn record(server: &Server, miner: &str) -> Json {
    let (status, body) = server.call(
        "GET",
        &format!("/v1/records/miner/{miner}"),
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200, "{body}");
    body
}

/// The values of one field's writes in a record's state, as JSON.
fn values(record: &Json, field: &str) -> Vec<Json> {
    record["state"]["miner"]["fields"][field]["writes"]
        .as_array()
        .unwrap_or_else(|| panic!("no {field} in {record}"))
        .iter()
        .map(|w| w["value"].clone())
        .collect()
}

#[test]
fn a_persons_values_are_signed_sealed_and_erased_everywhere_while_the_log_still_verifies() {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let b = server.device("Kofi", &[region(1)]);
    let miner = a.add_miner(NAME, 1979, &["--national-id", OLD_ID, "--phone", PHONE]);
    let report = a.sync();
    // names, sex, birth year, national id, phone; the empty cooperative is signed as it is.
    assert_eq!(report["values_opened"], 5, "{report}");
    b.sync();
    assert!(b.ok(&["list", "miner", "--json"]).contains(NAME));

    // The signed batches hold digests only; the values are in the openings file.
    let log = bytes_under(&server.data.join("log"));
    for v in [NAME, OLD_ID, PHONE] {
        assert!(!holds(&log, v), "the batch log holds {v}");
    }
    assert!(holds(&bytes_under(&server.data.join("openings")), NAME));
    let r = record(&server, &miner);
    assert_eq!(r["record"]["names"], NAME, "{r}");

    // A rectification: the national id corrected, the wrong one erased from history.
    a.ok(&[
        "edit",
        "miner",
        &miner,
        "--set",
        &format!("national_id=\"{NEW_ID}\""),
    ]);
    a.sync();
    let (status, erased) = server.call(
        "POST",
        &format!("/v1/admin/people/{miner}/erase"),
        Some(server.root()),
        Some(json!({"reason": "rectification: wrong national id typed", "field": "national_id"})),
    );
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["erased"].as_array().unwrap().len(), 1, "{erased}");
    assert_eq!(erased["openings_deleted"], 1);
    assert_eq!(erased["still_in_log"], 0);
    let r = record(&server, &miner);
    assert_eq!(r["record"]["national_id"], NEW_ID);
    assert!(values(&r, "national_id").contains(&json!({"erased": "national_id"})));
    assert!(!r.to_string().contains(OLD_ID));
    let openings = bytes_under(&server.data.join("openings"));
    assert!(!holds(&openings, OLD_ID) && holds(&openings, NEW_ID));
    a.sync();
    let on_a = a.ok(&["list", "miner", "--json"]);
    assert!(on_a.contains(NEW_ID) && !on_a.contains(OLD_ID), "{on_a}");

    // Handset B edits the phone offline; meanwhile the person asks to be erased.
    b.sync();
    b.ok(&[
        "edit",
        "miner",
        &miner,
        "--set",
        &format!("phone=\"{LATE_PHONE}\""),
    ]);
    let out = server.admin(&[
        "erase-person",
        &miner,
        "--reason",
        "the person's request of 2026-12-01 (Act 843, s. 33)",
    ]);
    let erasure: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(erasure["person"], true, "{erasure}");
    assert!(
        erasure["openings_deleted"].as_u64().unwrap() >= 5,
        "{erasure}"
    );
    // B's late edit arrives: its value is erased as it arrives, its opening dropped.
    let late = b.sync();
    assert_eq!(late["values_opened"], 0, "{late}");
    a.sync();

    let r = record(&server, &miner);
    assert!(
        r["record"].is_null(),
        "the person can no longer be read: {r}"
    );
    for v in [NAME, NEW_ID, PHONE, LATE_PHONE] {
        assert!(!r.to_string().contains(v), "the server still shows {v}");
    }
    assert!(values(&r, "names")
        .iter()
        .all(|v| v == &json!({"erased": "names"})));
    assert!(values(&r, "phone")
        .iter()
        .all(|v| v == &json!({"erased": "phone"})));
    // What is not the person's stays: the registration's region and date.
    assert!(r.to_string().contains("registered_on"));
    for device in [&a, &b] {
        let listed = device.ok(&["list", "miner", "--json"]);
        for v in [NAME, NEW_ID, PHONE, LATE_PHONE] {
            assert!(!listed.contains(v), "a handset still shows {v}: {listed}");
        }
    }
    // The dashboard's page of the miner says erased, in words.
    server.officer("era.admin", "admin", &[]);
    let b = Browser::new(&server);
    let cookie = b.login("era.admin");
    let page = b.page(&format!("/records/miner/{miner}"), &cookie);
    assert!(page.contains("(erased)"), "{page}");
    for v in [NAME, NEW_ID, PHONE, LATE_PHONE] {
        assert!(!page.contains(v), "the dashboard still shows {v}");
    }
    let file = server.admin(&["person-file", &miner]);
    assert!(!file.contains(NAME) && file.contains("erased"), "{file}");
    for v in [NAME, NEW_ID, PHONE, LATE_PHONE] {
        assert!(!holds(&bytes_under(&server.data.join("openings")), v));
        assert!(!holds(&bytes_under(&server.data.join("log")), v));
    }
    // The log names the act, never a value, and every batch still verifies.
    let verified: Json = serde_json::from_str(&server.admin(&["verify"])).unwrap();
    assert_eq!(verified["ok"], true, "{verified}");
    let again = server.call(
        "POST",
        &format!("/v1/admin/people/{miner}/erase"),
        Some(server.root()),
        Some(json!({"reason": "twice"})),
    );
    assert_eq!(
        again.0, 400,
        "an erased person has nothing left to erase: {}",
        again.1
    );

    // From the log and the openings file alone: the same.
    let kept = record(&server, &miner);
    let data = server.data.clone();
    let addr = server.addr();
    let mut server = server;
    let tmp = server.take_tmp();
    server.terminate();
    std::fs::remove_dir_all(data.join("state")).unwrap();
    let server = Spawn::new().data(&data).listen(&addr).start();
    let rebuilt = record(&server, &miner);
    assert_eq!(rebuilt["state"], kept["state"]);
    drop(tmp);
}

/// A handset that signs its values sealed but sends a wrong opening, another device's
/// opening, or an erased value; an erasure asked wrongly: each refused, nothing changed.
#[test]
fn openings_and_erasures_refuse_bad_input_and_change_nothing() {
    let server = spawn_server();
    let mut raw = RawDevice::enrol(&server, "Raw", &[region(1)]);
    let mut op = ops::miner(region(1), "Esi Sealed Owusu");
    let salt = Salt([5; 16]);
    let names = MinerField::Names(PersonName::parse("Esi Sealed Owusu").unwrap());
    let OpBody::Miner(sets) = &mut op.body else {
        unreachable!()
    };
    let sealed = personal::seal(op.record, &names, &salt).unwrap().unwrap();
    sets[0] = Set::new(MinerField::Sealed(sealed));
    raw.push_ops(vec![op.clone()]);
    let write = WriteId {
        stamp: op.stamp,
        device: raw.id,
    };
    let opening = Opening {
        record: op.record,
        write,
        salt,
        value: names.clone(),
    };
    let mut nonce = 0;
    let mut send = |raw: &RawDevice, openings: Vec<Opening>, device: Uuid| {
        nonce += 1;
        let req = OpenRequest {
            device,
            nonce,
            openings,
        };
        let signed = Signed::seal(&req, &raw.key).unwrap();
        raw.post("/v1/sync/open", BINARY, signed.to_bytes().unwrap())
    };
    let before = server.fingerprint();
    let wrong_salt = Opening {
        salt: Salt([6; 16]),
        ..opening.clone()
    };
    let wrong_value = Opening {
        value: MinerField::Names(PersonName::parse("Esi Other").unwrap()),
        ..opening.clone()
    };
    let not_personal = Opening {
        value: MinerField::HomeRegion(region(1)),
        ..opening.clone()
    };
    let others_write = Opening {
        write: WriteId {
            device: Uuid::now_v7(),
            ..write
        },
        ..opening.clone()
    };
    for (what, bad) in [
        ("a wrong salt", wrong_salt),
        ("a wrong value", wrong_value),
        ("a value that is not a person's", not_personal),
        ("another device's write", others_write),
    ] {
        // A good opening beside the bad one is not kept either.
        let r = send(&raw, vec![opening.clone(), bad], raw.id);
        assert_eq!(
            r.status,
            400,
            "{what}: {}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.code(), "invalid_value", "{what}");
        assert_eq!(
            server.fingerprint(),
            before,
            "{what} changed what is stored"
        );
    }
    let r = send(&raw, vec![opening.clone()], Uuid::now_v7());
    assert_eq!(r.code(), "unknown_device");
    assert!(!holds(
        &bytes_under(&server.data.join("openings")),
        "Esi Sealed"
    ));

    // The right opening opens it; the same again is answered the same and adds nothing.
    let r = send(&raw, vec![opening.clone()], raw.id);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let ack: sync_protocol::api::OpenAck = codec::decode(&r.body).unwrap();
    assert_eq!((ack.opened, ack.erased, ack.waiting.len()), (1, 0, 0));
    let miner = op.record.to_string();
    assert_eq!(
        record(&server, &miner)["record"]["names"],
        "Esi Sealed Owusu"
    );
    let size = bytes_under(&server.data.join("openings")).len();
    let r = send(&raw, vec![opening.clone()], raw.id);
    let ack: sync_protocol::api::OpenAck = codec::decode(&r.body).unwrap();
    assert_eq!(ack.opened, 1);
    assert_eq!(bytes_under(&server.data.join("openings")).len(), size);
    // An opening of a write the server has not received waits.
    let early = Opening {
        write: WriteId {
            stamp: sync_protocol::clock::Hlc::new(op.stamp.unix_ms() + 1, 0),
            ..write
        },
        ..opening.clone()
    };
    let r = send(&raw, vec![early], raw.id);
    let ack: sync_protocol::api::OpenAck = codec::decode(&r.body).unwrap();
    assert_eq!(ack.waiting, vec![0]);

    // Only the ministry erases: a batch carrying an erased value is refused whole.
    let before = server.fingerprint();
    let mut erasing = ops::miner(region(1), "Yaw Eraser");
    if let OpBody::Miner(sets) = &mut erasing.body {
        sets[0] = Set::new(MinerField::Erased(personal::PersonalField::Names));
    }
    let (_, signed) = raw.seal(vec![erasing]);
    let r = raw.push_bytes(signed.to_bytes().unwrap());
    assert_eq!((r.status, r.code().as_str()), (400, "invalid_value"));
    assert_eq!(server.fingerprint(), before);

    // Erasures asked wrongly.
    let plain: Op = ops::miner(region(1), "Kwesi Plain Boateng");
    let licence = ops::licence(region(1));
    raw.push_ops(vec![plain.clone(), licence.clone()]);
    let national = server.officer("nana.national", "national-officer", &[]);
    let before = server.fingerprint();
    let erase = |token: Option<&str>, id: &str, body: Json| {
        server.call(
            "POST",
            &format!("/v1/admin/people/{id}/erase"),
            token,
            Some(body),
        )
    };
    let reason = json!({"reason": "the person's request"});
    for (what, (status, body), want) in [
        ("no token", erase(None, &miner, reason.clone()), 401),
        (
            "a national officer",
            erase(Some(&national), &miner, reason.clone()),
            403,
        ),
        (
            "an unknown miner",
            erase(
                Some(server.root()),
                &Uuid::now_v7().to_string(),
                reason.clone(),
            ),
            404,
        ),
        (
            "no reason",
            erase(Some(server.root()), &miner, json!({"reason": "  "})),
            400,
        ),
        (
            "an unknown field",
            erase(
                Some(server.root()),
                &miner,
                json!({"reason": "x", "field": "colour"}),
            ),
            400,
        ),
        (
            "a field not a person's",
            erase(
                Some(server.root()),
                &miner,
                json!({"reason": "x", "field": "home_region"}),
            ),
            400,
        ),
        (
            "a field with no earlier value",
            erase(
                Some(server.root()),
                &miner,
                json!({"reason": "x", "field": "names"}),
            ),
            400,
        ),
        (
            "an undefined key",
            erase(
                Some(server.root()),
                &miner,
                json!({"reason": "x", "why": "y"}),
            ),
            400,
        ),
        (
            "not an id",
            erase(Some(server.root()), "GH-AP-0001", reason.clone()),
            400,
        ),
        (
            "a licence's id",
            erase(
                Some(server.root()),
                &licence.record.to_string(),
                reason.clone(),
            ),
            404,
        ),
    ] {
        assert_eq!(status, want, "{what}: {body}");
        assert!(body["code"].is_string(), "{what}: a JSON error {body}");
        assert_eq!(
            server.fingerprint(),
            before,
            "{what} changed what is stored"
        );
    }
    // A value a client signed in the clear is erased from the state, and the answer says
    // it stays inside its signed batch.
    let (status, body) = erase(Some(server.root()), &plain.record.to_string(), reason);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["still_in_log"], 3, "{body}");
}

/// An administrator erases a person from the miner's page: the form asks for a reason and a
/// confirmation, and nobody else sees it or may post it.
#[test]
fn an_administrator_erases_a_person_from_the_dashboard_after_confirming() {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let miner = a.add_miner(NAME, 1981, &["--phone", PHONE]);
    a.sync();
    server.officer("era.admin", "admin", &[]);
    server.officer("era.national", "national-officer", &[]);
    let b = Browser::new(&server);
    let admin = b.login("era.admin");
    let national = b.login("era.national");
    let path = format!("/records/miner/{miner}");
    let erase = format!("{path}/erase");

    let page = b.page(&path, &national);
    assert!(
        !page.contains("name=\"erase\""),
        "a national officer is offered no erasure"
    );
    let csrf = crate::web::attr(&page, "name=\"csrf\"", "value");
    let before = server.fingerprint();
    let refused = b.post(
        &erase,
        Some(&national),
        &[("csrf", &csrf), ("reason", "x"), ("confirm", "yes")],
        &[],
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(server.fingerprint(), before);

    let page = b.page(&path, &admin);
    assert!(page.contains("name=\"erase\""), "{page}");
    let csrf = crate::web::attr(&page, "name=\"erase\"", "action");
    assert_eq!(csrf, erase);
    let csrf = crate::web::attr(&page, "name=\"csrf\"", "value");
    for (what, fields) in [
        ("no confirmation", vec![("reason", "the person's request")]),
        ("no reason", vec![("confirm", "yes")]),
        (
            "a field not a person's",
            vec![
                ("reason", "x"),
                ("confirm", "yes"),
                ("field", "home_region"),
            ],
        ),
    ] {
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend(fields);
        let a = b.post(&erase, Some(&admin), &all, &[]);
        assert_eq!(a.status, 400, "{what}: {}", a.body);
        assert!(a.body.contains("<h1>"), "{what}: an HTML page");
        assert_eq!(
            server.fingerprint(),
            before,
            "{what} changed what is stored"
        );
    }
    let done = b.post(
        &erase,
        Some(&admin),
        &[
            ("csrf", &csrf),
            ("reason", "the person's request"),
            ("confirm", "yes"),
            ("field", ""),
        ],
        &[],
    );
    assert_eq!(
        (done.status, done.location.as_str()),
        (303, path.as_str()),
        "{}",
        done.body
    );
    let page = b.page(&path, &admin);
    assert!(!page.contains(NAME) && !page.contains(PHONE) && page.contains("(erased)"));
    a.sync();
    assert!(!a.ok(&["list", "miner", "--json"]).contains(NAME));
}
