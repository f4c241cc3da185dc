//! `POST /v1/sync/notes`: a handset learns the red flags raised on the records it wrote,
//! and what the officers said of them; another handset learns nothing of them; pages
//! send every flag once; a request is refused exactly as a pull is, and a refused one does
//! not use up its nonce. `placer device notes` prints them in words.

use serde_json::{json, Value as Json};
use sync_protocol::api::{
    FlagEventKind, FlagSeverity, FlagState, NotesCursor, NotesPage, NotesRequest, BINARY,
    PATH_NOTES,
};
use sync_protocol::batch::{Bytes, DeviceKey, Signed};
use sync_protocol::codec;
use sync_protocol::records::Collection;
use uuid::Uuid;

use crate::harness::*;

/// A notes request of the device, signed, in the binary encoding.
fn request(d: &RawDevice, nonce: u64, after: &NotesCursor, limit: u32) -> Vec<u8> {
    let r = NotesRequest {
        device: d.id,
        nonce,
        after: after.clone(),
        limit,
    };
    Signed::seal(&r, &d.key).unwrap().to_bytes().unwrap()
}

/// One page, which must be answered 200.
#[track_caller]
fn page(d: &RawDevice, nonce: u64, after: &NotesCursor, limit: u32) -> NotesPage {
    let r = d.post(PATH_NOTES, BINARY, request(d, nonce, after, limit));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    codec::decode(&r.body).unwrap()
}

/// A production on a licence nobody registered: one `licence_not_valid` flag. Its id.
fn unlicensed_production(d: &mut RawDevice) -> Uuid {
    let op = ops::production(region(1), Uuid::now_v7(), &[125, 40]);
    let id = op.record;
    d.push_ops(vec![op]);
    id
}

/// The officers' id of the flag raised on this production.
#[track_caller]
fn flag_on(server: &Server, production: Uuid) -> String {
    let (status, page) = server.call(
        "GET",
        "/v1/flags?kind=licence_not_valid&limit=1000",
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200, "{page}");
    let items = page["items"].as_array().unwrap();
    let found: Vec<&Json> = items
        .iter()
        .filter(|f| f["records"][0] == json!(production))
        .collect();
    assert_eq!(found.len(), 1, "{page}");
    found[0]["id"].as_str().unwrap().to_string()
}

/// Asserts a refusal: the status and a JSON `{code, message}` body.
#[track_caller]
fn refused(r: &Reply, status: u16, code: &str) {
    let text = String::from_utf8_lossy(&r.body).to_string();
    assert_eq!(r.status, status, "expected {status} {code}: {text}");
    let body = r.json();
    assert_eq!(body["code"], json!(code), "{text}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{text}"
    );
}

#[test]
fn a_device_learns_the_flags_on_its_records_and_the_officers_notes() {
    let server = spawn_server();
    let mut ama = RawDevice::enrol(&server, "Ama", &[region(1)]);
    let mut kofi = RawDevice::enrol(&server, "Kofi", &[region(1)]);
    let mine: Vec<Uuid> = (0..3).map(|_| unlicensed_production(&mut ama)).collect();
    let theirs = unlicensed_production(&mut kofi);
    let ids: Vec<String> = mine.iter().map(|p| flag_on(&server, *p)).collect();

    // Open, as the officers' API names them, with the records they name.
    let first = page(&ama, 1, &NotesCursor::START, 100);
    assert!(!first.more);
    let mut sent: Vec<String> = first.flags.iter().map(|f| f.id.clone()).collect();
    sent.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(
        sent, expected,
        "the flags on Ama's productions, and no other"
    );
    for f in &first.flags {
        assert_eq!(f.kind, "licence_not_valid");
        assert_eq!(f.severity, FlagSeverity::High);
        assert_eq!(f.state, FlagState::Open);
        assert_eq!(f.records.len(), 2);
        assert_eq!(f.records[0].collection, Some(Collection::Production));
        assert!(mine.contains(&f.records[0].record));
        assert_eq!(
            f.records[1].collection, None,
            "the licence is not registered"
        );
        assert!(f.summary.contains(&f.records[0].record.to_string()));
        assert_eq!(f.events.len(), 1);
        assert_eq!(f.events[0].event, FlagEventKind::Raised);
        assert_eq!(f.events[0].by, None);
        assert_eq!(f.raised_at, f.updated_at);
    }
    let order: Vec<_> = first
        .flags
        .iter()
        .map(|f| (f.updated_at, f.id.clone()))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "by (updated_at, id)");

    // An officer resolves one with a note: the next page says so, by whom, and the note.
    let esi = server.officer("esi.regional", "regional-officer", &[region(1)]);
    let note = "Licence number mistyped; correct it on the handset.";
    let (status, body) = server.call(
        "POST",
        &format!("/v1/flags/{}/resolve", ids[0]),
        Some(&esi),
        Some(json!({ "note": note })),
    );
    assert_eq!(status, 200, "{body}");
    let next = page(&ama, 2, &first.cursor, 100);
    let resolved = next
        .flags
        .iter()
        .find(|f| f.id == ids[0])
        .expect("the resolved flag comes again");
    assert_eq!(resolved.state, FlagState::Resolved);
    assert!(resolved.updated_at > resolved.raised_at);
    let last = resolved.events.last().unwrap();
    assert_eq!(last.event, FlagEventKind::Resolved);
    assert_eq!(last.by.as_deref(), Some("esi.regional"));
    assert_eq!(last.note.as_deref(), Some(note));
    assert!(next.flags.iter().all(|f| ids.contains(&f.id)));

    // Kofi wrote none of Ama's records: he learns only of his own.
    let his = page(&kofi, 1, &NotesCursor::START, 100);
    assert_eq!(his.flags.len(), 1);
    assert_eq!(his.flags[0].id, flag_on(&server, theirs));

    // A page at a time: every flag once.
    let mut cursor = NotesCursor::START;
    let mut seen = Vec::new();
    for nonce in 3..20 {
        let p = page(&ama, nonce, &cursor, 1);
        assert!(p.flags.len() <= 1);
        seen.extend(p.flags.iter().map(|f| f.id.clone()));
        cursor = p.cursor;
        if !p.more {
            break;
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "every flag once: {seen:?}");

    // In JSON when the client does not accept binary, the names as the officers' API's.
    let body = serde_json::to_vec(
        &Signed::seal(
            &NotesRequest {
                device: ama.id,
                nonce: 30,
                after: NotesCursor::START,
                limit: 100,
            },
            &ama.key,
        )
        .unwrap(),
    )
    .unwrap();
    let r = ama.post_accepting(PATH_NOTES, "application/json", "application/json", body);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let j = r.json();
    let flag = j["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == json!(ids[0]))
        .unwrap();
    assert_eq!(flag["state"], json!("resolved"));
    assert_eq!(flag["kind"], json!("licence_not_valid"));
    assert_eq!(flag["severity"], json!("high"));
    assert_eq!(flag["records"][0]["collection"], json!("production"));
    assert_eq!(flag["events"][1]["by"], json!("esi.regional"));
    assert!(
        flag.get("evidence").is_none(),
        "no evidence goes to a device"
    );
}

#[test]
fn notes_requests_are_refused_as_pulls_are_and_keep_their_nonce() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
    unlicensed_production(&mut d);
    let start = NotesCursor::START;
    let before = server.fingerprint();

    refused(
        &d.post(PATH_NOTES, BINARY, request(&d, 0, &start, 10)),
        400,
        "invalid_value",
    );
    let bad_cursor = NotesCursor {
        updated_at: start.updated_at,
        flag: "not a flag".into(),
    };
    refused(
        &d.post(PATH_NOTES, BINARY, request(&d, 5, &bad_cursor, 10)),
        400,
        "invalid_value",
    );
    refused(
        &d.post(PATH_NOTES, BINARY, b"\x01hello, world".to_vec()),
        400,
        "malformed",
    );
    let mut trailing = request(&d, 5, &start, 10);
    trailing.push(0);
    refused(&d.post(PATH_NOTES, BINARY, trailing), 400, "malformed");
    // A byte after the request inside what is signed.
    let mut sealed = codec::encode(&NotesRequest {
        device: d.id,
        nonce: 5,
        after: start.clone(),
        limit: 10,
    })
    .unwrap();
    sealed.push(0);
    let signature = d.key.sign(&sealed);
    let inner = Signed {
        sealed: Bytes(sealed),
        signature,
    };
    refused(
        &d.post(PATH_NOTES, BINARY, inner.to_bytes().unwrap()),
        400,
        "malformed",
    );
    // Signed with another key.
    let other = DeviceKey::generate().unwrap();
    let forged = Signed::seal(
        &NotesRequest {
            device: d.id,
            nonce: 5,
            after: start.clone(),
            limit: 10,
        },
        &other,
    )
    .unwrap();
    refused(
        &d.post(PATH_NOTES, BINARY, forged.to_bytes().unwrap()),
        401,
        "bad_signature",
    );
    let stranger = Signed::seal(
        &NotesRequest {
            device: Uuid::now_v7(),
            nonce: 5,
            after: start.clone(),
            limit: 10,
        },
        &other,
    )
    .unwrap();
    refused(
        &d.post(PATH_NOTES, BINARY, stranger.to_bytes().unwrap()),
        401,
        "unknown_device",
    );
    refused(
        &d.post(PATH_NOTES, "text/plain", request(&d, 5, &start, 10)),
        415,
        "unsupported_media_type",
    );
    refused(
        &d.post(PATH_NOTES, BINARY, vec![1; 64 * 1024]),
        413,
        "too_large",
    );
    assert_eq!(
        server.fingerprint(),
        before,
        "a refusal changed what is stored"
    );

    // None of them used nonce 5.
    assert_eq!(page(&d, 5, &start, 10).flags.len(), 1);
    refused(
        &d.post(PATH_NOTES, BINARY, request(&d, 5, &start, 10)),
        409,
        "replayed",
    );
    refused(
        &d.post(PATH_NOTES, BINARY, request(&d, 4, &start, 10)),
        409,
        "replayed",
    );
    // Nor did the replays use up 6.
    assert_eq!(page(&d, 6, &start, 10).flags.len(), 1);
    assert_eq!(
        server.fingerprint(),
        before,
        "a notes request changed what is stored"
    );

    server.admin(&["revoke-device", &d.id.to_string()]);
    refused(
        &d.post(PATH_NOTES, BINARY, request(&d, 7, &start, 10)),
        403,
        "device_revoked",
    );
}

/// `placer device notes ARGS` in English, which must succeed: its standard output.
#[track_caller]
fn notes_cli(d: &Device, args: &[&str]) -> String {
    let out = d.run_env(&[&["notes"], args].concat(), &[("PLACER_LANG", "en")]);
    assert!(
        out.status.success(),
        "placer device notes: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn placer_device_notes_prints_the_flags_on_the_devices_records_with_the_notes() {
    let server = spawn_server();
    let d = server.device("Ama", &[region(1)]);
    let licence = Uuid::now_v7().to_string();
    let production = d.ok(&[
        "production",
        "add",
        "--licence",
        &licence,
        "--date",
        "2026-03-02",
        "--lat",
        "6.04",
        "--lon",
        "-0.80",
        "--accuracy",
        "10",
        "--diggers",
        "5",
        "--stones",
        "0.25,1.10",
    ]);
    d.sync();
    let text = notes_cli(&d, &[]);
    assert!(text.contains("[open, high]"), "{text}");
    assert!(text.contains(&production), "{text}");
    assert!(text.contains("1 flag(s)"), "{text}");

    let id = flag_on(&server, production.parse().unwrap());
    let (status, body) = server.call(
        "POST",
        &format!("/v1/flags/{id}/resolve"),
        Some(server.root()),
        Some(json!({ "note": "Wrong licence number: record it again." })),
    );
    assert_eq!(status, 200, "{body}");
    let text = notes_cli(&d, &[]);
    assert!(text.contains("[resolved, high]"), "{text}");
    assert!(text.contains("resolved by placer.root"), "{text}");
    assert!(
        text.contains("note: Wrong licence number: record it again."),
        "{text}"
    );
    assert!(
        text.contains("1 flag(s)"),
        "the flag replaced, not added: {text}"
    );
    let json: Vec<Json> = serde_json::from_str(&notes_cli(&d, &["--json"])).unwrap();
    assert_eq!(json.len(), 1);
    assert_eq!(json[0]["id"], json!(id));
    assert_eq!(json[0]["state"], json!("resolved"));
}
