//! Every kind of bad input gets a clear 4xx JSON error and changes nothing stored.

use serde_json::Value as Json;
use sync_protocol::api::{
    EnrolRequest, Enrolment, PullPage, PullRequest, PushAck, BINARY, PATH_ENROL, PATH_PULL,
    PATH_PUSH, SERVER_TIME_HEADER,
};
use sync_protocol::batch::{Batch, Bytes, DeviceKey, Digest, Signed};
use sync_protocol::clock::{wall_ms, Hlc};
use sync_protocol::codec;
use sync_protocol::op::Op;
use uuid::Uuid;

use crate::harness::*;

/// A server with one raw device serving region 1 whose first batch (one miner) is accepted,
/// and one miner another device registered there (a device's pulls do not send its own
/// records back, so this is what it pulls).
fn setup() -> (Server, RawDevice) {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "agent", &[region(1)]);
    d.push_ops(vec![ops::miner(region(1), "Akosua Boateng")]);
    let mut other = RawDevice::enrol(&server, "other agent", &[region(1)]);
    other.push_ops(vec![ops::miner(region(1), "Abena Osei")]);
    (server, d)
}

/// Sends a request and checks that the answer carries the server's clock, as every
/// response must.
#[track_caller]
fn call(request: reqwest::blocking::RequestBuilder) -> Reply {
    let r = request.send().expect("send request");
    let status = r.status().as_u16();
    let time = r
        .headers()
        .get(SERVER_TIME_HEADER)
        .unwrap_or_else(|| panic!("{status} response without a {SERVER_TIME_HEADER} header"))
        .to_str()
        .expect("ASCII header")
        .to_string();
    let hlc: Hlc = time
        .parse()
        .unwrap_or_else(|e| panic!("{SERVER_TIME_HEADER}: {time:?} is not a server time: {e}"));
    assert!(hlc > Hlc::ZERO, "{SERVER_TIME_HEADER}: {time}");
    Reply {
        status,
        body: r.bytes().expect("read body").to_vec(),
    }
}

/// `POST` to the public listener with this content type, accepting the binary encoding.
#[track_caller]
fn post(server: &Server, path: &str, content_type: &str, body: Vec<u8>) -> Reply {
    call(
        server
            .http()
            .post(format!("{}{path}", server.url))
            .header("content-type", content_type)
            .header("accept", BINARY)
            .body(body),
    )
}

/// Asserts a refusal: the status, a JSON body with this `code` and a non-empty `message`.
/// Returns the body.
#[track_caller]
fn refused(r: &Reply, status: u16, code: &str) -> Json {
    let text = String::from_utf8_lossy(&r.body[..r.body.len().min(2_000)]).to_string();
    assert_eq!(
        r.status, status,
        "expected {status} {code}, got {}: {text}",
        r.status
    );
    let body = r.json();
    assert!(body.is_object(), "error body is not a JSON object: {text}");
    assert_eq!(r.code(), code, "error body: {text}");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| !m.trim().is_empty()),
        "error body without a message: {text}"
    );
    // A message speaks of the request, not of the server's insides.
    for internal in ["OtherString", "worker failed", "DecodeError", "thread pool"] {
        assert!(
            !text.contains(internal),
            "the message leaks {internal}: {text}"
        );
    }
    body
}

/// A sealed batch with `from` replaced by `to` (of any length), signed as it stands.
fn spliced_batch(d: &RawDevice, ops: Vec<Op>, from: &[u8], to: &[u8]) -> Vec<u8> {
    let (batch, _) = d.seal(ops);
    let sealed = codec::encode(&batch).unwrap();
    assert_eq!(
        count(&sealed, from),
        1,
        "{from:02x?} is not in the batch once"
    );
    let at = sealed.windows(from.len()).position(|w| w == from).unwrap();
    let sealed = [&sealed[..at], to, &sealed[at + from.len()..]].concat();
    let signature = d.key.sign(&sealed);
    Signed {
        sealed: Bytes(sealed),
        signature,
    }
    .to_bytes()
    .unwrap()
}

/// Asserts that nothing stored changed since `before`.
#[track_caller]
fn unchanged(server: &Server, before: &(Json, u64)) {
    assert_eq!(
        &server.fingerprint(),
        before,
        "a refused request changed what is stored"
    );
}

/// The device's correct next batch is still accepted: the refusal did not break its chain.
#[track_caller]
fn next_batch_is_accepted(server: &Server, d: &mut RawDevice) {
    let batches = server.stats()["accepted_batches"].as_u64().unwrap();
    let ack = d.push_ops(vec![ops::miner(region(1), "Kwabena Owusu")]);
    assert_eq!(ack.device, d.id);
    assert_eq!(ack.seq, d.seq);
    assert_eq!(ack.digest, d.prev);
    assert_eq!(
        server.stats()["accepted_batches"].as_u64().unwrap(),
        batches + 1
    );
}

/// Seals `ops` as the device's next batch, but with a chosen `seq` and `prev` (the device's
/// own chain is left as it was).
fn seal_as(d: &mut RawDevice, seq: u64, prev: Digest, ops: Vec<Op>) -> Signed {
    let (saved_seq, saved_prev) = (d.seq, d.prev);
    d.seq = seq - 1;
    d.prev = prev;
    let (_, signed) = d.seal(ops);
    d.seq = saved_seq;
    d.prev = saved_prev;
    signed
}

/// A signed pull request from the device, in the binary encoding.
fn pull_request(d: &RawDevice, nonce: u64, regions: Vec<Uuid>) -> Vec<u8> {
    d.pull_request(nonce, 0, regions)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// The device's next batch with the one occurrence of `from` in its sealed bytes replaced
/// by `to`, re-signed with the device's key: bytes no correct client can produce, with a
/// valid signature. Retries with fresh ops in the unlikely case that `from` also appears by
/// chance in an id or a stamp.
fn patched_batch(d: &RawDevice, make: impl Fn() -> Vec<Op>, from: &[u8], to: &[u8]) -> Vec<u8> {
    for _ in 0..20 {
        let (batch, _) = d.seal(make());
        let mut sealed = codec::encode(&batch).unwrap();
        if count(&sealed, from) != 1 {
            continue;
        }
        let at = sealed.windows(from.len()).position(|w| w == from).unwrap();
        sealed[at..at + from.len()].copy_from_slice(to);
        let signature = d.key.sign(&sealed);
        let signed = Signed {
            sealed: Bytes(sealed),
            signature,
        };
        assert!(
            signed.peek::<Batch>().is_err(),
            "the patched batch still decodes"
        );
        return signed.to_bytes().unwrap();
    }
    panic!("the pattern {from:02x?} never appeared exactly once in a sealed batch");
}

/// Deterministic bytes that look random.
fn noise(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect()
}

#[test]
fn garbage_is_malformed_or_an_unsupported_version() {
    let (server, mut d) = setup();
    let before = server.fingerprint();

    // First byte 'h': not a version this server speaks.
    let r = post(&server, PATH_PUSH, BINARY, b"hello, world".to_vec());
    refused(&r, 400, "unsupported_version");
    let mut other = noise(4_096, 7);
    other[0] = 0xA7;
    refused(&d.push_bytes(other), 400, "unsupported_version");

    // Version byte 1, then garbage: malformed.
    refused(
        &d.push_bytes(b"\x01hello, world".to_vec()),
        400,
        "malformed",
    );
    let mut random = noise(4_096, 42);
    random[0] = 0x01;
    random[1] = 0x20; // a short length prefix, so the decoder reads on into the noise
    refused(&d.push_bytes(random), 400, "malformed");
    refused(&d.push_bytes(vec![0x01]), 400, "malformed");

    // Nothing at all.
    refused(&d.push_bytes(Vec::new()), 400, "malformed");
    // Not JSON, sent as JSON.
    let r = post(
        &server,
        PATH_PUSH,
        "application/json",
        b"{\"sealed\": ".to_vec(),
    );
    refused(&r, 400, "malformed");
    // The same garbage on the pull and enrolment endpoints.
    refused(
        &d.post(PATH_PULL, BINARY, b"\x01hello, world".to_vec()),
        400,
        "malformed",
    );
    refused(
        &d.post(PATH_ENROL, BINARY, b"\x01hello, world".to_vec()),
        400,
        "malformed",
    );

    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn a_truncated_batch_is_malformed() {
    let (server, mut d) = setup();
    let (_, signed) = d.seal(vec![ops::miner(region(1), "Yaa Asantewaa")]);
    let bytes = signed.to_bytes().unwrap();
    let before = server.fingerprint();

    for keep in [bytes.len() - 3, bytes.len() - 1, bytes.len() / 2, 1] {
        let r = d.push_bytes(bytes[..keep].to_vec());
        refused(&r, 400, "malformed");
    }

    unchanged(&server, &before);
    // The whole batch, under the same number, is then accepted.
    let r = d.push_bytes(bytes);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    d.accepted(&signed);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn trailing_bytes_are_malformed() {
    let (server, mut d) = setup();
    let (_, signed) = d.seal(vec![ops::miner(region(1), "Yaa Asantewaa")]);
    let bytes = signed.to_bytes().unwrap();
    let before = server.fingerprint();

    let mut one_more = bytes.clone();
    one_more.push(0);
    refused(&d.push_bytes(one_more), 400, "malformed");
    let mut twice = bytes.clone();
    twice.extend_from_slice(&bytes);
    refused(&d.push_bytes(twice), 400, "malformed");
    // A trailing byte inside the signed bytes (re-signed, so only the encoding is wrong).
    let mut sealed = signed.sealed.0.clone();
    sealed.push(0);
    let signature = d.key.sign(&sealed);
    let inner = Signed {
        sealed: Bytes(sealed),
        signature,
    };
    refused(&d.push_bytes(inner.to_bytes().unwrap()), 400, "malformed");

    unchanged(&server, &before);
    let r = d.push_bytes(bytes);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    d.accepted(&signed);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn another_protocol_version_is_unsupported() {
    let (server, mut d) = setup();
    let (_, signed) = d.seal(vec![ops::miner(region(1), "Yaa Asantewaa")]);
    let bytes = signed.to_bytes().unwrap();
    let before = server.fingerprint();

    for version in [2u8, 0, 255] {
        let mut wrong = bytes.clone();
        wrong[0] = version;
        let body = refused(&d.push_bytes(wrong), 400, "unsupported_version");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains(&version.to_string()),
            "{body}"
        );
    }
    // The envelope is version 1, but the signed batch inside names version 2.
    let mut sealed = signed.sealed.0.clone();
    sealed[0] = 2;
    let signature = d.key.sign(&sealed);
    let inner = Signed {
        sealed: Bytes(sealed),
        signature,
    };
    refused(
        &d.push_bytes(inner.to_bytes().unwrap()),
        400,
        "unsupported_version",
    );

    unchanged(&server, &before);
    let r = d.push_bytes(bytes);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    d.accepted(&signed);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn a_wrong_signature_is_refused() {
    let (server, mut d) = setup();
    let (_, signed) = d.seal(vec![ops::miner(region(1), "Yaa Asantewaa")]);
    let before = server.fingerprint();

    // Signed by a key that is not the device's.
    let other = DeviceKey::generate().unwrap();
    let forged = Signed {
        sealed: signed.sealed.clone(),
        signature: other.sign(&signed.sealed.0),
    };
    refused(
        &d.push_bytes(forged.to_bytes().unwrap()),
        401,
        "bad_signature",
    );

    // Other content (another name) under the original signature.
    let (_, changed) = d.seal(vec![ops::miner(region(1), "Yaa Asantewab")]);
    assert_ne!(changed.sealed, signed.sealed);
    let tampered = Signed {
        sealed: changed.sealed.clone(),
        signature: signed.signature,
    };
    refused(
        &d.push_bytes(tampered.to_bytes().unwrap()),
        401,
        "bad_signature",
    );

    // One bit of the signature flipped.
    let mut flipped = signed.clone();
    flipped.signature.0[10] ^= 0x01;
    refused(
        &d.push_bytes(flipped.to_bytes().unwrap()),
        401,
        "bad_signature",
    );

    unchanged(&server, &before);

    // A second enrolled device signing a batch that claims to be the first device's.
    let mut mallory = RawDevice::enrol(&server, "mallory", &[region(1)]);
    let before = server.fingerprint();
    mallory.id = d.id;
    mallory.seq = d.seq;
    mallory.prev = d.prev;
    let (_, impostor) = mallory.seal(vec![ops::miner(region(1), "Impostor")]);
    refused(
        &mallory.push_bytes(impostor.to_bytes().unwrap()),
        401,
        "bad_signature",
    );

    unchanged(&server, &before);
    let r = d.push_bytes(signed.to_bytes().unwrap());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    d.accepted(&signed);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn an_unknown_device_is_refused() {
    let (server, d) = setup();
    let key = DeviceKey::generate().unwrap();
    let stranger = Uuid::now_v7();
    let batch = Batch {
        device: stranger,
        seq: 1,
        prev: Digest::ZERO,
        sealed_at: Hlc::new(wall_ms(), 0),
        ops: vec![ops::miner(region(1), "Nobody Known")],
    };
    let signed = Signed::seal(&batch, &key).unwrap();
    let pull = Signed::seal(
        &PullRequest {
            device: stranger,
            nonce: 1,
            cursor: 0,
            regions: vec![],
            limit: 100,
        },
        &key,
    )
    .unwrap();
    let before = server.fingerprint();

    refused(
        &d.push_bytes(signed.to_bytes().unwrap()),
        401,
        "unknown_device",
    );
    refused(
        &d.post(PATH_PULL, BINARY, pull.to_bytes().unwrap()),
        401,
        "unknown_device",
    );

    unchanged(&server, &before);
}

#[test]
fn a_revoked_device_can_neither_push_nor_pull() {
    let (server, d) = setup();
    server.admin(&["revoke-device", &d.id.to_string()]);
    let (_, next) = d.seal(vec![ops::miner(region(1), "Yaa Asantewaa")]);
    let before = server.fingerprint();

    let r = post(&server, PATH_PUSH, BINARY, next.to_bytes().unwrap());
    refused(&r, 403, "device_revoked");
    let r = post(&server, PATH_PULL, BINARY, pull_request(&d, 1, vec![]));
    refused(&r, 403, "device_revoked");
    // Again, later: still refused.
    refused(
        &d.push_bytes(next.to_bytes().unwrap()),
        403,
        "device_revoked",
    );
    refused(
        &d.post(PATH_PULL, BINARY, pull_request(&d, 2, vec![region(1)])),
        403,
        "device_revoked",
    );

    unchanged(&server, &before);
}

#[test]
fn a_replayed_batch_gets_the_same_acknowledgement_and_changes_nothing() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "agent", &[region(1)]);
    let (_, first) = d.seal(vec![ops::miner(region(1), "Akosua Boateng")]);
    let first_bytes = first.to_bytes().unwrap();
    let first_reply = d.push_bytes(first_bytes.clone());
    assert_eq!(first_reply.status, 200);
    d.accepted(&first);
    let (_, second) = d.seal(vec![
        ops::miner(region(1), "Kwame Nkrumah"),
        ops::miner(region(1), "Efua Sutherland"),
    ]);
    let second_bytes = second.to_bytes().unwrap();
    let second_reply = d.push_bytes(second_bytes.clone());
    assert_eq!(second_reply.status, 200);
    d.accepted(&second);
    let first_ack: PushAck = codec::decode(&first_reply.body).unwrap();
    let second_ack: PushAck = codec::decode(&second_reply.body).unwrap();
    assert_eq!((first_ack.seq, first_ack.ops), (1, 1));
    assert_eq!((second_ack.seq, second_ack.ops), (2, 2));
    let before = server.fingerprint();

    for _ in 0..2 {
        let again = d.push_bytes(first_bytes.clone());
        assert_eq!(
            again.status,
            200,
            "{}",
            String::from_utf8_lossy(&again.body)
        );
        assert_eq!(
            again.body, first_reply.body,
            "a resent batch gets the same acknowledgement"
        );
        let again = d.push_bytes(second_bytes.clone());
        assert_eq!(
            again.status,
            200,
            "{}",
            String::from_utf8_lossy(&again.body)
        );
        assert_eq!(again.body, second_reply.body);
    }
    // The same batch in its JSON form is the same batch.
    let r = call(
        server
            .http()
            .post(format!("{}{PATH_PUSH}", server.url))
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .body(serde_json::to_vec(&first).unwrap()),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let json_ack: PushAck = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(json_ack, first_ack);

    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn a_sequence_gap_is_refused_with_the_expected_number() {
    let (server, mut d) = setup();
    d.seq += 1;
    let (_, skipping) = d.seal(vec![ops::miner(region(1), "Yaa Asantewaa")]);
    d.seq -= 1;
    assert_eq!(skipping.peek::<Batch>().unwrap().seq, d.seq + 2);
    let far = seal_as(
        &mut d,
        1_000,
        Digest::of(b"somewhere"),
        vec![ops::miner(region(1), "Far Ahead")],
    );
    let before = server.fingerprint();

    let body = refused(
        &d.push_bytes(skipping.to_bytes().unwrap()),
        409,
        "sequence_gap",
    );
    assert_eq!(body["expected_seq"], d.seq + 1, "{body}");
    let body = refused(&d.push_bytes(far.to_bytes().unwrap()), 409, "sequence_gap");
    assert_eq!(body["expected_seq"], d.seq + 1, "{body}");

    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn a_fork_is_refused_and_kept_as_evidence_once() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "agent", &[region(1)]);
    let (_, first) = d.seal(vec![ops::miner(region(1), "Akosua Boateng")]);
    let first_reply = d.push_bytes(first.to_bytes().unwrap());
    assert_eq!(first_reply.status, 200);
    d.accepted(&first);
    let fork = seal_as(
        &mut d,
        1,
        Digest::ZERO,
        vec![ops::miner(region(1), "Someone Else")],
    );
    assert_ne!(fork.sealed, first.sealed);
    let fork_bytes = fork.to_bytes().unwrap();
    let (stats, log) = server.fingerprint();

    let body = refused(&d.push_bytes(fork_bytes.clone()), 409, "fork");
    assert!(body.get("expected_seq").is_none(), "{body}");
    let (after, log_after) = server.fingerprint();
    let mut expected = stats.clone();
    expected["forks"] = Json::from(stats["forks"].as_u64().unwrap() + 1);
    // The evidence is one more log entry.
    let entries = stats["log"]["entries_written"].as_u64().unwrap();
    assert_eq!(after["log"]["entries_written"], entries + 1);
    expected["log"] = after["log"].clone();
    assert_eq!(
        after, expected,
        "only the fork count changes: records, batches and change_seq stay"
    );
    assert!(log_after > log, "the fork is logged as evidence");

    // The same fork again is the same evidence.
    refused(&d.push_bytes(fork_bytes), 409, "fork");
    assert_eq!(
        server.fingerprint(),
        (expected.clone(), log_after),
        "the same fork is counted and logged once"
    );

    // A second, different fork under the same number is counted too.
    let fork2 = seal_as(
        &mut d,
        1,
        Digest::ZERO,
        vec![ops::miner(region(1), "Yet Another")],
    );
    refused(&d.push_bytes(fork2.to_bytes().unwrap()), 409, "fork");
    assert_eq!(
        server.stats()["forks"],
        stats["forks"].as_u64().unwrap() + 2
    );

    // The accepted batch 1 is untouched: resent, it gets its acknowledgement.
    let r = d.push_bytes(first.to_bytes().unwrap());
    assert_eq!(r.status, 200);
    assert_eq!(r.body, first_reply.body);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn a_broken_chain_is_refused() {
    let (server, mut d) = setup();
    let prev = Digest::of(b"not the last batch");
    assert_ne!(prev, d.prev);
    let next = d.seq + 1;
    let broken = seal_as(
        &mut d,
        next,
        prev,
        vec![ops::miner(region(1), "Yaa Asantewaa")],
    );
    let zero = seal_as(
        &mut d,
        next,
        Digest::ZERO,
        vec![ops::miner(region(1), "Yaa Asantewaa")],
    );
    let before = server.fingerprint();

    refused(
        &d.push_bytes(broken.to_bytes().unwrap()),
        409,
        "broken_chain",
    );
    refused(&d.push_bytes(zero.to_bytes().unwrap()), 409, "broken_chain");

    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

/// A miner op with no field set was logged and then panicked the server at apply, at every
/// restart: such a batch is refused at the envelope, in both encodings, and changes nothing.
#[test]
fn an_op_that_sets_no_field_is_malformed_and_changes_nothing() {
    use sync_protocol::op::OpBody;
    let (server, mut d) = setup();
    let before = server.fingerprint();
    let mut empty = ops::miner(region(1), "Akua Mensah");
    empty.body = OpBody::Miner(Vec::new());
    let (_, signed) = d.seal(vec![ops::miner(region(1), "Yaw Darko"), empty]);
    let body = refused(&d.push_bytes(signed.to_bytes().unwrap()), 400, "malformed");
    assert!(
        body["message"].as_str().unwrap().contains("op 1")
            && body["message"].as_str().unwrap().contains("sets no field"),
        "{body}"
    );
    let json = serde_json::to_vec(&signed).unwrap();
    refused(
        &d.post(PATH_PUSH, "application/json", json),
        400,
        "malformed",
    );
    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

/// One op setting one field twice would make two writes with one id.
#[test]
fn an_op_that_sets_a_field_twice_is_malformed() {
    use sync_protocol::op::OpBody;
    let (server, mut d) = setup();
    let before = server.fingerprint();
    let mut twice = ops::miner(region(1), "Akua Mensah");
    if let OpBody::Miner(sets) = &mut twice.body {
        let first = sets[0].clone();
        sets.push(first);
    }
    let (_, signed) = d.seal(vec![twice]);
    let body = refused(&d.push_bytes(signed.to_bytes().unwrap()), 400, "malformed");
    assert!(
        body["message"].as_str().unwrap().contains("twice"),
        "{body}"
    );
    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn an_oversized_body_is_too_large() {
    let (server, mut d) = setup();
    let before = server.fingerprint();

    // Over the body limit (twice the message limit, for JSON's hex): refused while reading.
    let r = post(&server, PATH_PUSH, BINARY, vec![0; 40 * 1024 * 1024]);
    refused(&r, 413, "too_large");
    // Under the body limit but over the codec's 16 MiB message limit.
    let mut big = vec![0u8; 17 * 1024 * 1024];
    big[0] = codec::VERSION;
    refused(&d.push_bytes(big.clone()), 413, "too_large");
    refused(&d.post(PATH_PULL, BINARY, big), 413, "too_large");

    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn an_out_of_range_value_is_invalid() {
    let (server, mut d) = setup();
    let licence = Uuid::now_v7();
    let lat_91 = patched_batch(
        &d,
        || vec![ops::production(region(1), licence, &[125])],
        &6.04f64.to_le_bytes(),
        &91.0f64.to_le_bytes(),
    );
    // A u16 over 250 is varint-encoded as 251 and two little-endian bytes.
    let year = |y: u16| [vec![251u8], y.to_le_bytes().to_vec()].concat();
    let born_1800 = patched_batch(
        &d,
        || vec![ops::miner(region(1), "Yaa Asantewaa")],
        &year(1985),
        &year(1800),
    );
    let before = server.fingerprint();

    let body = refused(&d.push_bytes(lat_91), 400, "invalid_value");
    assert!(
        body["message"].as_str().unwrap().contains("latitude"),
        "{body}"
    );
    let body = refused(&d.push_bytes(born_1800), 400, "invalid_value");
    assert!(
        body["message"].as_str().unwrap().contains("birth year"),
        "{body}"
    );

    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn an_unsupported_content_type_is_refused() {
    let (server, mut d) = setup();
    let (_, signed) = d.seal(vec![ops::miner(region(1), "Yaa Asantewaa")]);
    let bytes = signed.to_bytes().unwrap();
    let before = server.fingerprint();

    for ct in ["text/plain", "application/xml", "multipart/form-data"] {
        refused(
            &post(&server, PATH_PUSH, ct, bytes.clone()),
            415,
            "unsupported_media_type",
        );
    }
    // No content type at all.
    let r = call(
        server
            .http()
            .post(format!("{}{PATH_PUSH}", server.url))
            .body(bytes.clone()),
    );
    refused(&r, 415, "unsupported_media_type");
    refused(
        &post(
            &server,
            PATH_PULL,
            "text/plain",
            pull_request(&d, 1, vec![]),
        ),
        415,
        "unsupported_media_type",
    );
    refused(
        &post(&server, PATH_ENROL, "text/plain", b"code".to_vec()),
        415,
        "unsupported_media_type",
    );

    unchanged(&server, &before);
    let r = d.push_bytes(bytes);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    d.accepted(&signed);
    next_batch_is_accepted(&server, &mut d);
}

#[test]
fn a_pull_outside_the_device_regions_is_out_of_scope() {
    let (server, d) = setup();
    assert_eq!(d.regions, vec![region(1)]);
    let before = server.fingerprint();

    refused(
        &d.post(PATH_PULL, BINARY, pull_request(&d, 1, vec![region(9)])),
        403,
        "out_of_scope",
    );
    // One region in scope and one not: still refused.
    refused(
        &d.post(
            PATH_PULL,
            BINARY,
            pull_request(&d, 2, vec![region(1), region(9)]),
        ),
        403,
        "out_of_scope",
    );
    unchanged(&server, &before);

    // The refused requests did not use up their nonces.
    let r = d.post(PATH_PULL, BINARY, pull_request(&d, 1, vec![region(1)]));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let page: PullPage = codec::decode(&r.body).unwrap();
    assert_eq!(page.changes.len(), 1, "{page:?}");
    assert_eq!(page.changes[0].region, region(1));
    assert!(!page.more);
    unchanged(&server, &before);
}

#[test]
fn a_replayed_pull_request_is_refused() {
    let (server, d) = setup();
    let first = pull_request(&d, 5, vec![]);
    let r = d.post(PATH_PULL, BINARY, first.clone());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let page: PullPage = codec::decode(&r.body).unwrap();
    assert_eq!(page.changes.len(), 1);
    let before = server.fingerprint();

    let body = refused(&d.post(PATH_PULL, BINARY, first), 409, "replayed");
    assert!(body["message"].as_str().unwrap().contains('5'), "{body}");
    // An older nonce, freshly signed, is a replay too.
    refused(
        &d.post(PATH_PULL, BINARY, pull_request(&d, 3, vec![])),
        409,
        "replayed",
    );

    unchanged(&server, &before);
    // A newer nonce is fine.
    let r = d.post(PATH_PULL, BINARY, pull_request(&d, 6, vec![]));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
}

fn enrol_with(server: &Server, code: &str) -> Reply {
    let req = EnrolRequest {
        code: code.to_string(),
        public_key: DeviceKey::generate().unwrap().public_key(),
        label: "bad input test".into(),
    };
    post(server, PATH_ENROL, BINARY, codec::encode(&req).unwrap())
}

#[test]
fn a_used_or_unknown_enrolment_code_is_refused() {
    let server = spawn_server();
    let code = server.enrol_code("agent", &[region(1)]);
    let r = enrol_with(&server, &code);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let enrolment: Enrolment = codec::decode(&r.body).unwrap();
    assert_eq!(enrolment.regions, vec![region(1)]);
    let before = server.fingerprint();

    let body = refused(&enrol_with(&server, &code), 401, "bad_code");
    assert!(body["message"].as_str().unwrap().contains("used"), "{body}");
    // The same code spelled differently is the same used code.
    refused(
        &enrol_with(&server, &code.to_lowercase().replace('-', " ")),
        401,
        "bad_code",
    );
    refused(&enrol_with(&server, "AAAA-BBBB-CCCC-DDDD"), 401, "bad_code");
    refused(&enrol_with(&server, ""), 401, "bad_code");

    unchanged(&server, &before);
    assert_eq!(
        server.admin_get("/admin/devices").as_array().unwrap().len(),
        1
    );
}

#[test]
fn the_conflict_list_needs_a_token_and_the_admin_token_works_on_the_admin_listener_only() {
    let server = spawn_server();
    let url = format!("{}/v1/conflicts", server.url);
    let before = server.fingerprint();

    refused(&call(server.http().get(&url)), 401, "unauthorized");
    refused(
        &call(server.http().get(&url).bearer_auth("not-the-token")),
        401,
        "unauthorized",
    );
    let almost = format!("{}x", server.token);
    refused(
        &call(server.http().get(&url).bearer_auth(almost)),
        401,
        "unauthorized",
    );
    // The token, but not as a bearer token.
    refused(
        &call(
            server
                .http()
                .get(&url)
                .header("authorization", server.token.clone()),
        ),
        401,
        "unauthorized",
    );
    // The server's admin token is for the loopback admin listener only: a leaked
    // server.json must not be remote administration.
    refused(
        &call(server.http().get(&url).bearer_auth(&server.token)),
        401,
        "unauthorized",
    );
    refused(
        &call(
            server
                .http()
                .get(format!("{}/v1/admin/users", server.url))
                .bearer_auth(&server.token),
        ),
        401,
        "unauthorized",
    );
    // The admin listener too.
    refused(
        &call(
            server
                .http()
                .get(format!("{}/admin/stats", server.admin_url)),
        ),
        401,
        "unauthorized",
    );

    unchanged(&server, &before);
    assert!(server.conflicts().is_empty(), "with the token it answers");
}

#[test]
fn an_unknown_path_is_a_json_not_found() {
    let server = spawn_server();
    let before = server.fingerprint();

    refused(
        &call(server.http().get(format!("{}/v1/nothing-here", server.url))),
        404,
        "not_found",
    );
    refused(
        &post(&server, "/v1/sync/pushh", BINARY, vec![1, 2, 3]),
        404,
        "not_found",
    );
    refused(
        &call(
            server
                .http()
                .get(format!("{}/admin/nothing-here", server.admin_url))
                .bearer_auth(&server.token),
        ),
        404,
        "not_found",
    );

    unchanged(&server, &before);
}

#[test]
fn a_wrong_method_gets_a_json_error() {
    let server = spawn_server();
    let before = server.fingerprint();

    for (method, path) in [
        (reqwest::Method::GET, PATH_PUSH),
        (reqwest::Method::PUT, PATH_PULL),
        (reqwest::Method::DELETE, "/v1/conflicts"),
    ] {
        let r = call(
            server
                .http()
                .request(method.clone(), format!("{}{path}", server.url)),
        );
        let text = String::from_utf8_lossy(&r.body).to_string();
        assert!(
            (400..500).contains(&r.status),
            "{method} {path}: {} {text}",
            r.status
        );
        let body: Json = serde_json::from_slice(&r.body).unwrap_or_else(|_| {
            panic!(
                "{method} {path}: {} with a body that is not JSON: {text:?}",
                r.status
            )
        });
        assert!(
            body["code"].as_str().is_some_and(|c| !c.is_empty()),
            "{method} {path}: {text}"
        );
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{method} {path}: {text}"
        );
    }

    unchanged(&server, &before);
}

#[test]
fn a_batch_that_breaks_a_domain_rule_is_accepted_not_refused() {
    let (server, mut d) = setup();
    let before = server.stats();

    // A production on a licence that does not exist, with a fix nowhere near: well-formed
    // and signed, so stored (checks flag it later).
    let ack = d.push_ops(vec![ops::production(region(1), Uuid::now_v7(), &[125, 40])]);
    assert_eq!(ack.ops, 1);
    let after = server.stats();
    let n = |s: &Json, k: &str| s["records"][k].as_u64().unwrap();
    assert_eq!(
        n(&after, "production"),
        n(&before, "production") + 1,
        "{after}"
    );
    assert_eq!(
        after["accepted_batches"].as_u64().unwrap(),
        before["accepted_batches"].as_u64().unwrap() + 1
    );
    next_batch_is_accepted(&server, &mut d);
}

/// Who may write where is an envelope rule: an op filing a record in a region the device
/// does not serve, or changing a record filed and written elsewhere, refuses the batch
/// (403 `out_of_scope`, naming the op), and nothing is stored.
#[test]
fn a_write_outside_the_device_regions_is_out_of_scope_and_changes_nothing() {
    let (server, mut d) = setup();
    // A record another device, serving region 2, filed there.
    let mut other = RawDevice::enrol(&server, "other agent", &[region(2)]);
    let theirs = ops::miner(region(2), "Esi Appiah");
    let their_id = theirs.record;
    other.push_ops(vec![theirs]);
    let before = server.fingerprint();

    // A new record filed outside: op 1 of the batch.
    let (_, signed) = d.seal(vec![
        ops::miner(region(1), "Yaw Darko"),
        ops::miner(region(7), "Out Of Region"),
    ]);
    let body = refused(
        &d.push_bytes(signed.to_bytes().unwrap()),
        403,
        "out_of_scope",
    );
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("op 1") && message.contains(&region(7).to_string()),
        "{body}"
    );
    refused(
        &d.post(
            PATH_PUSH,
            "application/json",
            serde_json::to_vec(&signed).unwrap(),
        ),
        403,
        "out_of_scope",
    );
    unchanged(&server, &before);

    // The other device's record, changed under this device's own region: op 0.
    let mut edit = ops::miner(region(1), "Esi Appiah-Mensah");
    edit.record = their_id;
    let (_, signed) = d.seal(vec![edit]);
    let body = refused(
        &d.push_bytes(signed.to_bytes().unwrap()),
        403,
        "out_of_scope",
    );
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("op 0") && message.contains(&their_id.to_string()),
        "{body}"
    );
    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

/// What the protocol forbids is refused with the code it names: a date out of range is
/// `invalid_value`, a varint written longer than needed is `malformed` (one message has one
/// encoding), a record id that is not a UUIDv7 is `invalid_value`, uppercase hex and fields
/// the protocol does not define in JSON are `malformed`, a pull nonce of 0 is
/// `invalid_value`.
#[test]
fn what_the_protocol_forbids_is_refused_with_its_code() {
    let (server, mut d) = setup();
    let licence = Uuid::now_v7();
    let production = || vec![ops::production(region(1), licence, &[125])];
    // 2026-03-02: the year 2026 (zigzag 4052, a u16 varint), then day 61 of the year.
    let march_2 = [0xfb, 0xd4, 0x0f, 61];
    let day_400 = spliced_batch(
        &d,
        production(),
        &march_2,
        &[0xfb, 0xd4, 0x0f, 0xfb, 0x90, 0x01],
    );
    let wide_year = spliced_batch(&d, production(), &march_2, &[0xfc, 0xd4, 0x0f, 0, 0, 61]);
    let before = server.fingerprint();

    let body = refused(&d.push_bytes(day_400), 400, "invalid_value");
    assert!(
        body["message"].as_str().unwrap().contains("ordinal"),
        "{body}"
    );
    let body = refused(&d.push_bytes(wide_year), 400, "malformed");
    assert!(
        body["message"].as_str().unwrap().contains("canonical"),
        "{body}"
    );

    let mut v4 = ops::production(region(1), licence, &[125]);
    v4.record = Uuid::from_u128(0x1234_5678_9abc_4def_8123_4567_89ab_cdef);
    let (_, signed) = d.seal(vec![v4]);
    let body = refused(
        &d.push_bytes(signed.to_bytes().unwrap()),
        400,
        "invalid_value",
    );
    assert!(
        body["message"].as_str().unwrap().contains("UUIDv7"),
        "{body}"
    );

    let (_, signed) = d.seal(production());
    let json = serde_json::to_value(&signed).unwrap();
    let upper = serde_json::json!({
        "sealed": json["sealed"].as_str().unwrap().to_uppercase(),
        "signature": json["signature"],
    });
    let body = refused(
        &d.post(
            PATH_PUSH,
            "application/json",
            serde_json::to_vec(&upper).unwrap(),
        ),
        400,
        "malformed",
    );
    assert!(
        body["message"].as_str().unwrap().contains("lowercase"),
        "{body}"
    );
    let mut extra = json.clone();
    extra["note"] = Json::String("not in the protocol".into());
    let body = refused(
        &d.post(
            PATH_PUSH,
            "application/json",
            serde_json::to_vec(&extra).unwrap(),
        ),
        400,
        "malformed",
    );
    assert!(body["message"].as_str().unwrap().contains("note"), "{body}");

    let body = refused(
        &d.post(PATH_PULL, BINARY, pull_request(&d, 0, vec![])),
        400,
        "invalid_value",
    );
    assert!(
        body["message"].as_str().unwrap().contains("nonce"),
        "{body}"
    );

    unchanged(&server, &before);
    next_batch_is_accepted(&server, &mut d);
}

/// The enrolment label is `Text`: 1 to 200 characters once trimmed, no control characters;
/// anything else is `invalid_value`, and the code stays unused.
#[test]
fn an_enrolment_label_outside_its_limits_is_invalid() {
    let server = spawn_server();
    let code = server.enrol_code("agent", &[region(1)]);
    let before = server.fingerprint();
    for label in [
        "".to_string(),
        "   ".into(),
        "x".repeat(201),
        "tab\there".into(),
    ] {
        let req = EnrolRequest {
            code: code.clone(),
            public_key: DeviceKey::generate().unwrap().public_key(),
            label: label.clone(),
        };
        let r = post(&server, PATH_ENROL, BINARY, codec::encode(&req).unwrap());
        let body = refused(&r, 400, "invalid_value");
        assert!(
            body["message"].as_str().unwrap().contains("text"),
            "{label:?}: {body}"
        );
    }
    unchanged(&server, &before);
    let r = enrol_with(&server, &code);
    assert_eq!(
        r.status,
        200,
        "the code is still unused: {}",
        String::from_utf8_lossy(&r.body)
    );
}

/// Push bodies may come compressed (`Content-Encoding: zstd` or `gzip`) and pull pages go
/// compressed to a client that accepts it; a body that would inflate past the limit is
/// refused (413) without being inflated, an encoding the server does not speak is 415.
#[test]
fn bodies_travel_compressed_and_a_compression_bomb_is_refused() {
    use std::io::Write;
    let (server, mut d) = setup();
    // A client that leaves the answer as it came, to see what was on the wire.
    let raw = reqwest::blocking::Client::builder()
        .no_gzip()
        .no_zstd()
        .build()
        .unwrap();
    let send = |body: Vec<u8>, encoding: &str| {
        let r = raw
            .post(format!("{}{PATH_PUSH}", server.url))
            .header("content-type", BINARY)
            .header("accept", BINARY)
            .header("content-encoding", encoding)
            .body(body)
            .send()
            .unwrap();
        Reply {
            status: r.status().as_u16(),
            body: r.bytes().unwrap().to_vec(),
        }
    };

    // A bomb: 40 MB of zeros in a few kilobytes.
    let bomb = zstd::bulk::compress(&vec![0u8; 40 * 1024 * 1024], 19).unwrap();
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    let before = server.fingerprint();
    refused(&send(bomb, "zstd"), 413, "too_large");
    let (_, signed) = d.seal(vec![ops::miner(region(1), "Yaw Darko")]);
    let bytes = signed.to_bytes().unwrap();
    refused(&send(bytes.clone(), "br"), 415, "unsupported_media_type");
    refused(&send(b"not zstd at all".to_vec(), "zstd"), 400, "malformed");
    unchanged(&server, &before);

    // The same batch in zstd, then (a resend) in gzip: one acknowledgement.
    let r = send(zstd::bulk::compress(&bytes, 3).unwrap(), "zstd");
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let ack: PushAck = codec::decode(&r.body).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bytes).unwrap();
    let r = send(gz.finish().unwrap(), "gzip");
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(codec::decode::<PushAck>(&r.body).unwrap(), ack);
    d.accepted(&signed);

    // A pull page goes back in zstd when asked, smaller than as it stands.
    let request = pull_request(&d, 1, vec![]);
    let page = |encoding: &str| {
        raw.post(format!("{}{PATH_PULL}", server.url))
            .header("content-type", BINARY)
            .header("accept", BINARY)
            .header("accept-encoding", encoding)
            .body(request.clone())
            .send()
            .unwrap()
    };
    let r = page("zstd");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-encoding"], "zstd");
    let packed = r.bytes().unwrap().to_vec();
    let plain = zstd::stream::decode_all(&packed[..]).unwrap();
    let decoded: PullPage = codec::decode(&plain).unwrap();
    assert_eq!(decoded.changes.len(), 1, "the other agent's miner");
    let request2 = pull_request(&d, 2, vec![]);
    let r = raw
        .post(format!("{}{PATH_PULL}", server.url))
        .header("content-type", BINARY)
        .header("accept", BINARY)
        .body(request2)
        .send()
        .unwrap();
    assert!(r.headers().get("content-encoding").is_none());
    assert!(packed.len() < r.bytes().unwrap().len());
}

/// `POST /v1/sync/ack`: the acknowledgement of an accepted batch, the same bytes as the push
/// got; 404 for one the server does not hold; nonces as for pull.
#[test]
fn asking_for_an_acknowledgement() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "agent", &[region(1)]);
    let ack = d.push_ops(vec![ops::miner(region(1), "Akosua Boateng")]);
    let ask = |nonce: u64, seq: u64| {
        let request = sync_protocol::api::AckRequest {
            device: d.id,
            nonce,
            seq,
        };
        let body = Signed::seal(&request, &d.key).unwrap().to_bytes().unwrap();
        d.post(sync_protocol::api::PATH_ACK, BINARY, body)
    };
    let before = server.fingerprint();
    let r = ask(1, 1);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(codec::decode::<PushAck>(&r.body).unwrap(), ack);
    let body = refused(&ask(2, 2), 404, "not_found");
    assert!(
        body["message"].as_str().unwrap().contains("batch 2"),
        "{body}"
    );
    refused(&ask(2, 1), 409, "replayed");
    refused(&ask(0, 1), 400, "invalid_value");
    unchanged(&server, &before);
}

/// Text from a handset reaches CSV cells as text a spreadsheet shows, never as a formula it
/// runs: a miner named `=HYPERLINK(…)` is written with a `'` in front, figures as they are.
#[test]
fn text_from_a_device_never_becomes_a_spreadsheet_formula() {
    let server = spawn_server();
    let agent = server.device("Ama", &[region(1)]);
    let name = "=HYPERLINK(\"http://evil.example\",\"Kofi\")";
    let miner = agent.add_miner(name, 1990, &[]);
    let licence = agent.add_licence("SL-AP-0901", "artisanal-permit", &miner);
    agent.ok(&[
        "production",
        "add",
        "--licence",
        &licence,
        "--miner",
        &miner,
        "--date",
        "2026-05-02",
        "--lat",
        "8.65",
        "--lon",
        "-10.95",
        "--diggers",
        "3",
        "--stones",
        "3.70",
    ]);
    agent.sync();
    let (status, csv) = server.call(
        "GET",
        "/v1/reports/large-stones?from=2026-01&to=2026-12&format=csv",
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200);
    let csv = csv.as_str().unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<String> = rows
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(cells.contains(&format!("'{name}")), "{csv}");
    assert!(
        !cells.iter().any(|c| c.starts_with(['=', '+', '@'])),
        "{csv}"
    );
    assert!(
        cells.contains(&"3.70".to_string()),
        "figures stay figures: {csv}"
    );
}

/// What a stranger may send costs the server little: a login, an enrolment or a pull is a
/// few hundred bytes and 16 KiB is their limit; a report asks for ten years at most.
#[test]
fn small_endpoints_refuse_big_bodies_and_reports_refuse_long_spans() {
    let server = spawn_server();
    let before = server.fingerprint();
    let big = serde_json::json!({"user": "x".repeat(20_000), "password": "y"});
    let r = call(
        server
            .http()
            .post(format!("{}/v1/auth/login", server.url))
            .json(&big),
    );
    refused(&r, 413, "too_large");
    for path in ["/v1/devices/enrol", "/v1/sync/pull", "/v1/sync/ack"] {
        refused(
            &post(&server, path, "application/json", vec![b' '; 20_000]),
            413,
            "too_large",
        );
    }
    // Compressed small but inflating past the limit: refused the same.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, &vec![b' '; 200_000]).unwrap();
    let r = call(
        server
            .http()
            .post(format!("{}/v1/devices/enrol", server.url))
            .header("content-type", "application/json")
            .header("content-encoding", "gzip")
            .body(gz.finish().unwrap()),
    );
    refused(&r, 413, "too_large");
    let (status, body) = server.call(
        "GET",
        "/v1/reports/regional?from=1900-01&to=9999-12",
        Some(server.root()),
        None,
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_value")),
        "{body}"
    );
    let (status, _) = server.call(
        "GET",
        "/v1/reports/regional?from=2017-01&to=2026-12",
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200, "ten years is allowed");
    unchanged(&server, &before);
}

/// A body that stalls is given up: a connection holding an unfinished body does not stay
/// open for ever.
#[test]
fn a_stalled_body_is_given_up() {
    use std::io::{Read, Write};
    let server = spawn_server();
    let mut s = std::net::TcpStream::connect(server.addr()).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    write!(
        s,
        "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: 200\r\n\r\n{{\"user\""
    )
    .unwrap();
    let started = std::time::Instant::now();
    let mut answer = vec![0u8; 4096];
    let n = s.read(&mut answer).unwrap();
    let text = String::from_utf8_lossy(&answer[..n]).to_string();
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"incomplete\""), "{text}");
    let waited = started.elapsed().as_secs();
    assert!((25..=50).contains(&waited), "given up after {waited} s");
}

/// Failed logins back off per account: the right password, after a run of wrong ones, waits
/// its turn (429 with Retry-After), and another account is not held up.
#[test]
fn failed_logins_back_off_per_account() {
    let server = spawn_server();
    server.officer("esi.regional", "regional-officer", &[region(1)]);
    server.officer("kofi.national", "national-officer", &[]);
    let login = |user: &str, password: &str| {
        call(
            server
                .http()
                .post(format!("{}/v1/auth/login", server.url))
                .json(&serde_json::json!({"user": user, "password": password})),
        )
    };
    for _ in 0..6 {
        refused(
            &login("esi.regional", "wrong-password"),
            401,
            "unauthorized",
        );
    }
    let r = login("esi.regional", OFFICER_PASSWORD);
    refused(&r, 429, "too_many_requests");
    let r = server
        .http()
        .post(format!("{}/v1/auth/login", server.url))
        .json(&serde_json::json!({"user": "esi.regional", "password": OFFICER_PASSWORD}))
        .send()
        .unwrap();
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&wait), "Retry-After {wait}");
    assert_eq!(login("kofi.national", OFFICER_PASSWORD).status, 200);
    std::thread::sleep(std::time::Duration::from_secs(wait + 1));
    assert_eq!(
        login("esi.regional", OFFICER_PASSWORD).status,
        200,
        "after the wait, the right password works"
    );
}

/// A device (or a stolen key) that sends fork after fork costs the log little: its first
/// forks are kept whole as signed evidence, later ones as a digest and a sample, and every
/// one is counted and survives a rebuild from the log.
#[test]
fn forks_past_the_first_few_keep_a_digest_and_a_sample() {
    let mut server = spawn_server();
    let mut d = RawDevice::enrol(&server, "agent", &[region(1)]);
    let (_, first) = d.seal(vec![ops::miner(region(1), "Akosua Boateng")]);
    assert_eq!(d.push_bytes(first.to_bytes().unwrap()).status, 200);
    d.accepted(&first);
    // Forks of about 60 KB each: 500 miners.
    let fork = |d: &mut RawDevice, n: usize| {
        let ops = (0..500)
            .map(|i| ops::miner(region(1), &format!("Fork {n} Miner {i}")))
            .collect();
        seal_as(d, 1, Digest::ZERO, ops).to_bytes().unwrap()
    };
    let mut grew = Vec::new();
    for n in 0..6 {
        let body = fork(&mut d, n);
        let (_, before) = server.fingerprint();
        refused(&d.push_bytes(body.clone()), 409, "fork");
        let (_, after) = server.fingerprint();
        grew.push((body.len() as u64, after - before));
    }
    for (n, (len, growth)) in grew.iter().enumerate() {
        if n < 4 {
            assert!(growth >= len, "fork {n} kept whole: {grew:?}");
        } else {
            assert!(*growth < 8_192, "fork {n} kept as a sample: {grew:?}");
        }
    }
    let stats = server.stats();
    assert_eq!(stats["forks"], 6, "{stats}");
    let flags = server.admin_get("/admin/flags?kind=batch_fork")["items"].clone();
    assert_eq!(
        flags.as_array().unwrap().len(),
        1,
        "one flag per device: {flags}"
    );
    // Derived again from the log: the same six forks.
    server.kill9();
    std::fs::remove_dir_all(server.data.join("state")).unwrap();
    let restarted = Spawn::new().data(&server.data).start();
    assert_eq!(restarted.stats()["forks"], 6);
}

/// A device may push so much in a day: past it (here 1 MiB), its pushes are refused with
/// 429 and a Retry-After to the next UTC day, and nothing is stored; another device goes on.
#[test]
fn a_device_past_its_daily_push_quota_waits_for_the_next_day() {
    let server = Spawn::new().env("PLACER_PUSH_QUOTA_MIB", "1").start();
    let mut d = RawDevice::enrol(&server, "agent", &[region(1)]);
    let mut e = RawDevice::enrol(&server, "other", &[region(1)]);
    let big = |n: usize| {
        (0..2_000)
            .map(|i| ops::miner(region(1), &format!("Miner {n} Number {i}")))
            .collect::<Vec<_>>()
    };
    // About 250 KB a batch: four fit in a mebibyte, the fifth does not.
    let mut refused_at = None;
    for n in 0..8 {
        let (_, signed) = d.seal(big(n));
        let r = d.push_bytes(signed.to_bytes().unwrap());
        if r.status == 200 {
            d.accepted(&signed);
            continue;
        }
        let before = server.fingerprint();
        let body = refused(&r, 429, "too_many_requests");
        assert!(
            body["message"].as_str().unwrap().contains("a day"),
            "{body}"
        );
        // Refused again, still nothing stored.
        refused(
            &d.push_bytes(signed.to_bytes().unwrap()),
            429,
            "too_many_requests",
        );
        unchanged(&server, &before);
        refused_at = Some(n);
        break;
    }
    assert!(
        matches!(refused_at, Some(2..=5)),
        "refused at {refused_at:?}"
    );
    let wait: u64 = server
        .http()
        .post(format!("{}/v1/sync/push", server.url))
        .header("content-type", BINARY)
        .body(d.seal(big(99)).1.to_bytes().unwrap())
        .send()
        .unwrap()
        .headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=86_400).contains(&wait), "Retry-After {wait}");
    // Another device is not held up.
    e.push_ops(vec![ops::miner(region(1), "Kwabena Owusu")]);
}

/// One address holds at most 32 requests in flight: connections holding unfinished bodies
/// take the slots, the next request is refused (429) at once, and closing them gives the
/// slots back. Run from this machine's network address (loopback, a reverse proxy's, is not
/// counted).
#[test]
fn one_address_holds_at_most_its_cap_of_requests_in_flight() {
    use std::io::{Read, Write};
    let ip = network_address().expect("this test needs a network address besides loopback");
    let server = Spawn::new()
        .listen("0.0.0.0:0")
        .arg("--insecure-http")
        .start();
    let port = server.url.rsplit(':').next().unwrap().to_string();
    let addr = format!("{ip}:{port}");
    let held: Vec<std::net::TcpStream> = (0..32)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(&addr).unwrap();
            write!(
                s,
                "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                 Content-Length: 100\r\n\r\n{{"
            )
            .unwrap();
            s
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let login = || {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let body = r#"{"user":"nobody.here","password":"wrong password"}"#;
        write!(
            s,
            "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        answer
    };
    let refused = login();
    assert!(refused.starts_with("HTTP/1.1 429"), "{refused}");
    assert!(refused.contains("too_many_requests"), "{refused}");
    drop(held);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let answered = login();
    assert!(answered.starts_with("HTTP/1.1 401"), "{answered}");
}
