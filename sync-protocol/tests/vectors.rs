//! The conformance vectors in `sync-protocol/vectors/`: what a client in another language
//! tests itself against. Each file is generated here from this implementation and checked
//! in; the test fails when the code and the files disagree, and reads every vector back
//! (JSON and binary decode to the value they were made from).
//!
//! `PLACER_WRITE_VECTORS=1 cargo test -p sync-protocol --test vectors` writes them anew,
//! for a change that is meant (and then needs a changelog entry in PROTOCOL.md, and a new
//! version byte if deployed clients would read the wire otherwise).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use uuid::Uuid;

use sync_protocol::api::{
    Change, DeviceFlag, EnrolRequest, Enrolment, ErrorBody, FlagEventKind, FlagNote, FlagSeverity,
    FlagState, FlaggedRecord, NotesCursor, NotesPage, NotesRequest, PullPage, PullRequest, PushAck,
};
use sync_protocol::batch::{Batch, Bytes, DeviceKey, Digest, Signed};
use sync_protocol::clock::{effective_stamp, Clock, Hlc};
use sync_protocol::codec;
use sync_protocol::merge::{FieldHistory, FieldValue, RecordState, Write, WriteId};
use sync_protocol::op::{Op, OpBody, Set};
use sync_protocol::records::*;
use sync_protocol::values::*;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0000 | n)
}

const DEVICE: u128 = 0x01;
const REGION: u128 = 0x0a01;

fn stamp(s: u64) -> Hlc {
    Hlc::new(1_764_338_000_000 + s * 1_000, 0)
}

fn day(s: &str) -> Day {
    parse_day(s).unwrap()
}

fn carats(h: u64) -> Carats {
    Carats::from_hundredths(h).unwrap()
}

fn fix() -> GeoFix {
    GeoFix {
        point: Point::new(-11.5, 8.25).unwrap(),
        accuracy: AccuracyMetres::new(12).unwrap(),
    }
}

fn square() -> Polygon {
    let p = |x: f64, y: f64| Point::new(x, y).unwrap();
    Polygon {
        exterior: Ring::new(vec![
            p(-11.5, 8.0),
            p(-11.0, 8.0),
            p(-11.0, 8.5),
            p(-11.5, 8.5),
            p(-11.5, 8.0),
        ])
        .unwrap(),
        holes: vec![],
    }
}

fn miner() -> Miner {
    Miner {
        names: PersonName::parse("Aminata Kamara").unwrap(),
        sex: Sex::Female,
        birth_year: BirthYear::new(1991).unwrap(),
        home_region: id(REGION),
        registered_on: day("2025-11-28"),
        registered_by: Text::parse("agent-07").unwrap(),
        national_id: Some(NationalId::parse("SL-1991-0042").unwrap()),
        phone: Some(Phone::parse("+232 76 123456").unwrap()),
        cooperative: Some(Text::parse("Kono Diggers").unwrap()),
        registered_at: Some(fix()),
    }
}

fn licence() -> Licence {
    Licence {
        number: LicenceNumber::parse("SL-AM-0042").unwrap(),
        kind: LicenceKind::Claim,
        holder: Holder::Miner(id(0x11)),
        mineral: Mineral::Diamond,
        issued: day("2025-01-01"),
        expires: day("2027-12-31"),
        status: LicenceStatus::Active,
        area: Some(square()),
    }
}

fn production() -> Production {
    Production {
        licence: id(0x1c01),
        miner: Some(id(0x11)),
        date: day("2025-11-28"),
        fix: fix(),
        diggers: Diggers::new(6).unwrap(),
        gravel: GravelLitres::new(1500).unwrap(),
        stones: Stones::Weighed(vec![carats(125), carats(40)]),
        mineral: Mineral::Diamond,
    }
}

fn sale() -> Sale {
    Sale {
        seller: Seller::Miner(id(0x11)),
        buyer: id(0x1c02),
        date: day("2025-11-29"),
        carats: carats(165),
        stones: StoneCount::new(2).unwrap(),
        value: UsdCents::from_cents(48_000).unwrap(),
        mineral: Mineral::Diamond,
    }
}

fn export() -> Export {
    Export {
        exporter: id(0x1c03),
        certificate: KpCertificate::parse("SL-KP-2025-0815").unwrap(),
        date: day("2025-12-01"),
        carats: carats(12_000),
        value: UsdCents::from_cents(9_600_000).unwrap(),
        hs_code: HsCode::Gem,
        destination: CountryCode::parse("BEL").unwrap(),
        parcel: Parcel::SizeClasses(vec![SizeClassCount {
            class: SizeClass::From1To2,
            count: StoneCount::new(80).unwrap(),
        }]),
    }
}

fn region() -> Region {
    Region {
        id: id(REGION),
        name: Text::parse("Kono").unwrap(),
        level: RegionLevel::District,
        parent: Some(id(0x0a00)),
        boundary: vec![square()],
    }
}

/// A value in both encodings.
fn encoding<T: Serialize>(name: &str, value: &T) -> Value {
    json!({
        "name": name,
        "json": serde_json::to_value(value).unwrap(),
        "binary": hex::encode(codec::encode(value).unwrap()),
    })
}

/// Reads an encoding vector back as `T`, both ways, and checks it is `value`.
fn reads_back<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    vector: &Value,
    value: &T,
) {
    let from_json: T = serde_json::from_value(vector["json"].clone()).unwrap();
    assert_eq!(&from_json, value, "{}", vector["name"]);
    let bytes = hex::decode(vector["binary"].as_str().unwrap()).unwrap();
    let from_binary: T = codec::decode(&bytes).unwrap();
    assert_eq!(&from_binary, value, "{}", vector["name"]);
}

fn sample_batch(key: &DeviceKey) -> (Batch, Signed) {
    let batch = Batch {
        device: id(DEVICE),
        seq: 1,
        prev: Digest::ZERO,
        sealed_at: stamp(110),
        ops: vec![
            Op {
                record: id(0x11),
                stamp: stamp(50),
                region: id(REGION),
                body: OpBody::Miner(miner().into_fields().into_iter().map(Set::new).collect()),
            },
            Op {
                record: id(0x21),
                stamp: stamp(100),
                region: id(REGION),
                body: OpBody::Production(vec![Set::new(FactField::Body(production()))]),
            },
        ],
    };
    let signed = Signed::seal(&batch, key).unwrap();
    (batch, signed)
}

/// Every message and record type, in both encodings.
fn encodings() -> Value {
    let mut out = Vec::new();
    macro_rules! check {
        ($name:expr, $value:expr) => {{
            let name: String = $name.to_string();
            let value = $value;
            let v = encoding(&name, &value);
            reads_back(&v, &value);
            out.push(v);
        }};
    }
    check!("Hlc", stamp(10));
    check!("Hlc with a counter", Hlc::new(1_764_338_110_123, 7));
    check!("Day", day("2025-11-28"));
    check!("Day, 29 February", day("2024-02-29"));
    check!("Carats", carats(125));
    check!("UsdCents", UsdCents::from_cents(48_000).unwrap());
    check!("Point (longitude first)", Point::new(-11.5, 8.25).unwrap());
    check!("GeoFix", fix());
    check!("Polygon", square());
    check!(
        "Stones::Weighed",
        Stones::Weighed(vec![carats(125), carats(40)])
    );
    check!(
        "Stones::Counted",
        Stones::Counted {
            count: StoneCount::new(3).unwrap(),
            total: carats(125)
        }
    );
    check!("Parcel::Stones", Parcel::Stones(vec![carats(310)]));
    check!(
        "Holder::Organisation",
        Holder::Organisation(Text::parse("Kono Mining Co").unwrap())
    );
    check!("Seller::Licence", Seller::Licence(id(0x1c01)));
    check!("HsCode::Unsorted", HsCode::Unsorted);
    for c in Collection::ALL {
        check!(&format!("Collection::{}", c.name()), c);
    }
    for f in miner().into_fields() {
        check!(&format!("MinerField::{}", f.key()), f);
    }
    check!(
        "MinerField::void",
        MinerField::Void(Reason::parse("registered twice").unwrap())
    );
    for f in licence().into_fields() {
        check!(&format!("LicenceField::{}", f.key()), f);
    }
    for f in region().into_fields() {
        check!(&format!("RegionField::{}", f.key()), f);
    }
    check!("Production", production());
    check!("Sale", sale());
    check!("Export", export());
    check!("Region", region());
    check!(
        "FactField::body (production)",
        FactField::Body(production())
    );
    check!(
        "FactField::void (production)",
        FactField::<Production>::Void(Reason::parse("wrong licence").unwrap())
    );
    check!(
        "WriteId",
        WriteId {
            stamp: stamp(50),
            device: id(DEVICE)
        }
    );
    check!(
        "Set with a base",
        Set {
            value: MinerField::Phone(Some(Phone::parse("+232 76 999999").unwrap())),
            base: Some(WriteId {
                stamp: stamp(50),
                device: id(DEVICE)
            }),
        }
    );
    let ops = [
        OpBody::Miner(vec![Set::new(MinerField::Sex(Sex::Male))]),
        OpBody::Licence(vec![Set::new(LicenceField::Status(
            LicenceStatus::Suspended,
        ))]),
        OpBody::Production(vec![Set::new(FactField::Body(production()))]),
        OpBody::Sale(vec![Set::new(FactField::Body(sale()))]),
        OpBody::Export(vec![Set::new(FactField::Body(export()))]),
    ];
    for (n, body) in ops.into_iter().enumerate() {
        let op = Op {
            record: id(0x30 + n as u128),
            stamp: stamp(60 + n as u64),
            region: id(REGION),
            body,
        };
        check!(&format!("Op ({})", op.collection().name()), op);
    }
    let mut state = AnyRecord::empty(Collection::Production);
    Op {
        record: id(0x21),
        stamp: stamp(100),
        region: id(REGION),
        body: OpBody::Production(vec![Set::new(FactField::Body(production()))]),
    }
    .apply(&mut state, id(DEVICE), Some(stamp(105)));
    check!("AnyRecord::production", state.clone());
    let mut region_state = AnyRecord::empty(Collection::Region);
    if let AnyRecord::Region(s) = &mut region_state {
        for value in region().into_fields() {
            s.insert(Write {
                id: WriteId {
                    stamp: stamp(1),
                    device: Uuid::nil(),
                },
                effective: Some(stamp(1)),
                base: None,
                region: id(REGION),
                value,
            });
        }
    }
    check!(
        "AnyRecord::region (written by the server)",
        region_state.clone()
    );
    let key = DeviceKey::from_seed(&[0x42; 32]).unwrap();
    let (batch, signed) = sample_batch(&key);
    check!("Batch", batch.clone());
    check!("Signed (a push body)", signed.clone());
    check!(
        "EnrolRequest",
        EnrolRequest {
            code: "7KQ2-M9XD-4TPL".into(),
            public_key: key.public_key(),
            label: "Tecno Spark, Kono office".into(),
        }
    );
    check!(
        "Enrolment",
        Enrolment {
            device: id(DEVICE),
            agent: "agent-07".into(),
            regions: vec![id(REGION)],
            server_time: stamp(5),
        }
    );
    check!(
        "PushAck",
        PushAck {
            device: id(DEVICE),
            seq: 1,
            digest: signed.digest(),
            received: stamp(112),
            ops: 2,
        }
    );
    check!(
        "PullRequest",
        PullRequest {
            device: id(DEVICE),
            nonce: 1,
            cursor: 0,
            regions: vec![],
            limit: 500,
        }
    );
    check!(
        "AckRequest",
        sync_protocol::api::AckRequest {
            device: id(DEVICE),
            nonce: 2,
            seq: 1,
        }
    );
    check!(
        "PullPage (a region record, then a production)",
        PullPage {
            changes: vec![
                Change {
                    seq: 1,
                    collection: Collection::Region,
                    record: id(REGION),
                    region: id(REGION),
                    state: region_state,
                },
                Change {
                    seq: 2,
                    collection: Collection::Production,
                    record: id(0x21),
                    region: id(REGION),
                    state,
                },
            ],
            cursor: 2,
            more: false,
            server_time: stamp(113),
        }
    );
    check!(
        "NotesRequest",
        NotesRequest {
            device: id(DEVICE),
            nonce: 3,
            after: NotesCursor::START,
            limit: 100,
        }
    );
    // A production whose licence expired: raised at its batch's receipt, then resolved by
    // an officer with a note.
    let flag_id = format!("02{}{}01", id(0x21).simple(), id(0x31).simple());
    check!(
        "NotesPage (a flag resolved with a note)",
        NotesPage {
            flags: vec![DeviceFlag {
                id: flag_id.clone(),
                kind: "licence_not_valid".into(),
                severity: FlagSeverity::High,
                state: FlagState::Resolved,
                records: vec![
                    FlaggedRecord {
                        collection: Some(Collection::Production),
                        record: id(0x21),
                    },
                    FlaggedRecord {
                        collection: None,
                        record: id(0x31),
                    },
                ],
                raised_at: stamp(112),
                updated_at: stamp(200),
                summary: format!(
                    "Production {} of 2025-11-27 names licence {}, which is not registered.",
                    id(0x21),
                    id(0x31)
                ),
                events: vec![
                    FlagNote {
                        at: stamp(112),
                        event: FlagEventKind::Raised,
                        by: None,
                        note: None,
                    },
                    FlagNote {
                        at: stamp(200),
                        event: FlagEventKind::Resolved,
                        by: Some("kofi.mensah".into()),
                        note: Some("Licence number mistyped; the agent corrects it.".into()),
                    },
                ],
            }],
            cursor: NotesCursor {
                updated_at: stamp(200),
                flag: flag_id,
            },
            more: false,
            server_time: stamp(201),
        }
    );
    out.push(json!({
        "name": "ErrorBody (JSON only)",
        "json": serde_json::to_value(ErrorBody {
            code: "sequence_gap".into(),
            message: "expected batch 3 of device 01920000-0000-7000-8000-000000000001, got 5".into(),
            expected_seq: Some(3),
            expected_offset: None,
        }).unwrap(),
    }));
    // Photos and documents (POST /v1/sync/photo): after every earlier entry, which stay
    // as they were.
    for k in sync_protocol::api::PhotoKind::ALL {
        check!(&format!("PhotoKind::{}", k.name()), k);
    }
    let jpeg: Vec<u8> = [0xFF, 0xD8, 0xFF, 0xE0]
        .into_iter()
        .chain((0u8..12).map(|i| i.wrapping_mul(37)))
        .collect();
    check!(
        "PhotoChunk (the first chunk of a miner's photo)",
        sync_protocol::api::PhotoChunk {
            device: id(DEVICE),
            nonce: 3,
            record: id(0x11),
            collection: Collection::Miner,
            kind: sync_protocol::api::PhotoKind::MinerPhoto,
            digest: Digest::of(&jpeg),
            total: jpeg.len() as u64,
            offset: 0,
            bytes: Bytes(jpeg[..10].to_vec()),
        }
    );
    check!(
        "PhotoAck",
        sync_protocol::api::PhotoAck {
            digest: Digest::of(&jpeg),
            received: 10,
            complete: false,
        }
    );
    out.push(json!({
        "name": "ErrorBody (JSON only, a photo_gap)",
        "json": serde_json::to_value(ErrorBody {
            code: "photo_gap".into(),
            message: "the next chunk of this photo starts at byte 65536".into(),
            expected_seq: None,
            expected_offset: Some(65_536),
        }).unwrap(),
    }));
    json!({
        "about": "Each value in the JSON encoding and the binary one (hex: the version byte, then bincode). A client decodes both to the same value and encodes the value to exactly these bytes.",
        "vectors": out,
    })
}

/// Keys, digests and signatures.
fn signatures() -> Value {
    let key = DeviceKey::from_seed(&[0x42; 32]).unwrap();
    let (_, signed) = sample_batch(&key);
    signed.verify(&key.public_key()).unwrap();
    let request = Signed::seal(
        &PullRequest {
            device: id(DEVICE),
            nonce: 1,
            cursor: 0,
            regions: vec![],
            limit: 500,
        },
        &key,
    )
    .unwrap();
    json!({
        "about": "Ed25519 over exactly the sealed bytes (deterministic: the same seed and bytes give the same signature); digest = SHA-256 of the sealed bytes, the next batch's prev.",
        "seed": hex::encode([0x42u8; 32]),
        "public_key": key.public_key().to_hex(),
        "signed": [
            {
                "name": "the Batch of encodings.json",
                "sealed": hex::encode(&signed.sealed.0),
                "signature": signed.signature.to_hex(),
                "digest": signed.digest().to_hex(),
            },
            {
                "name": "a PullRequest (nonce 1, cursor 0, all regions, limit 500)",
                "sealed": hex::encode(&request.sealed.0),
                "signature": request.signature.to_hex(),
                "digest": request.digest().to_hex(),
            }
        ],
    })
}

fn write(
    n: u64,
    device: u128,
    effective: Option<u64>,
    base: Option<(u64, u128)>,
    phone: &str,
) -> Write<MinerField> {
    Write {
        id: WriteId {
            stamp: stamp(n),
            device: id(device),
        },
        effective: effective.map(stamp),
        base: base.map(|(s, d)| WriteId {
            stamp: stamp(s),
            device: id(d),
        }),
        region: id(REGION),
        value: MinerField::Phone(Some(Phone::parse(phone).unwrap())),
    }
}

/// Writes of one field merged in every order: the state, the winner and the conflicts.
fn merge() -> Value {
    let cases: Vec<(&str, Vec<Write<MinerField>>)> = vec![
        (
            "two devices edit one field from the same base: one wins, one conflict",
            vec![
                write(1, 1, Some(1), None, "+232 76 000001"),
                write(5, 2, Some(6), Some((1, 1)), "+232 76 000002"),
                write(7, 3, Some(8), Some((1, 1)), "+232 76 000003"),
            ],
        ),
        (
            "an overwrite whose author saw the old value is no conflict",
            vec![
                write(1, 1, Some(1), None, "+232 76 000001"),
                write(5, 2, Some(6), Some((1, 1)), "+232 76 000002"),
            ],
        ),
        (
            "a device clock a year ahead: the effective stamp (capped at receipt) orders it",
            vec![
                write(1, 1, Some(1), None, "+232 76 000001"),
                write(40_000_000, 2, Some(9), Some((1, 1)), "+232 76 000002"),
                write(10, 3, Some(10), Some((1, 1)), "+232 76 000003"),
            ],
        ),
        (
            "a write not yet seen by the server orders by its own stamp",
            vec![
                write(1, 1, Some(1), None, "+232 76 000001"),
                write(5, 2, None, Some((1, 1)), "+232 76 000002"),
            ],
        ),
        (
            "two copies of one write: the effective stamp joins",
            vec![
                write(5, 2, None, None, "+232 76 000002"),
                write(5, 2, Some(6), None, "+232 76 000002"),
            ],
        ),
        (
            "two different contents under one write id: the larger encoding of (base, region, value) is kept",
            vec![
                write(5, 2, Some(6), None, "+232 76 000002"),
                write(5, 2, Some(6), None, "+232 76 000009"),
            ],
        ),
        (
            "equal effective stamps: the write id (stamp, then device bytes as unsigned) breaks the tie",
            vec![
                write(5, 0xff, Some(6), None, "+232 76 000255"),
                write(5, 0x02, Some(6), None, "+232 76 000002"),
            ],
        ),
    ];
    let mut out = Vec::new();
    for (name, writes) in cases {
        let orders = permutations(writes.len());
        let mut results = Vec::new();
        for order in &orders {
            let mut h = FieldHistory::default();
            for &i in order {
                h.insert(writes[i].clone());
            }
            let mut state = RecordState::default();
            state.fields.insert("phone".to_string(), h);
            results.push(AnyRecord::Miner(state));
        }
        assert!(
            results.windows(2).all(|w| w[0] == w[1]),
            "{name}: the order changed the state"
        );
        let state = &results[0];
        let AnyRecord::Miner(s) = state else {
            unreachable!()
        };
        let h = &s.fields["phone"];
        out.push(json!({
            "name": name,
            "writes": writes,
            "orders": orders,
            "state": state,
            "winner": h.winner().map(|w| w.id),
            "conflicts": h.conflicts().iter().map(|w| w.id).collect::<Vec<_>>(),
            "compacted": state.compact(),
        }));
    }
    json!({
        "about": "Writes of one field (a miner's phone) inserted in each listed order (indexes into writes) give the same state; winner and conflicts are write ids; compacted is what a pull sends.",
        "cases": out,
    })
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for p in permutations(n - 1) {
        for at in 0..=p.len() {
            let mut q = p.clone();
            q.insert(at, n - 1);
            out.push(q);
        }
    }
    out
}

/// The hybrid logical clock and the effective stamp.
fn clock() -> Value {
    let t = 1_764_338_110_123u64;
    let tick = |last: Hlc, wall: u64| {
        let mut c = Clock::starting_at(last);
        let next = c.tick(wall);
        json!({"last": last, "wall_ms": wall, "next": next, "next_raw": next.raw()})
    };
    let observe = |last: Hlc, remote: Hlc, wall: u64| {
        let mut c = Clock::starting_at(last);
        let next = c.observe(remote, wall);
        json!({"last": last, "remote": remote, "wall_ms": wall, "next": next})
    };
    let effective = |stamp: Hlc, received: Hlc| json!({"stamp": stamp, "received": received, "effective": effective_stamp(stamp, received)});
    let a = Hlc::new(t, 0);
    let strings: Vec<Value> = [
        Hlc::new(t, 0),
        Hlc::new(t - 123, 0),
        Hlc::new(t, 3),
        Hlc::new(t + 877, 0),
    ]
    .iter()
    .map(|h| json!({"json": h, "raw": h.raw(), "binary": hex::encode(codec::encode(h).unwrap())}))
    .collect();
    for (text, means) in [
        ("2025-11-28T14:55:10.123+01:00+0", Hlc::new(t, 0)),
        ("2025-11-28T13:55:10.123456Z+4", Hlc::new(t, 4)),
    ] {
        assert_eq!(text.parse::<Hlc>().unwrap(), means, "{text}");
    }
    json!({
        "about": "An Hlc is u64 unix_ms << 16 | counter. tick: (wall, 0) if greater than last, else last + 1. observe: max(last, remote), then tick. effective = min(stamp, received). The JSON strings do not sort as text: compare the raw integers.",
        "tick": [tick(a, t + 1), tick(a, t), tick(a, t - 5_000), tick(Hlc::new(t, u16::MAX), t)],
        "observe": [observe(a, Hlc::new(t + 60_000, 2), t), observe(Hlc::new(t + 60_000, 2), a, t)],
        "effective": [effective(a, Hlc::new(t + 2_000, 0)), effective(Hlc::new(t + 31_536_000_000, 0), Hlc::new(t + 2_000, 0))],
        "strings": strings,
        "parse": [
            {"text": "2025-11-28T14:55:10.123+01:00+0", "means": Hlc::new(t, 0)},
            {"text": "2025-11-28T13:55:10.123456Z+4", "means": Hlc::new(t, 4)},
        ],
    })
}

/// Pull pages as a client reads them, with a collection it does not know.
fn pull_pages() -> Value {
    let encodings = encodings();
    let page = encodings["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"].as_str().unwrap().starts_with("PullPage"))
        .unwrap()
        .clone();
    let mut with_unknown = page["json"].clone();
    with_unknown["changes"].as_array_mut().unwrap().insert(
        1,
        json!({
            "seq": 2,
            "collection": "site_visit",
            "record": id(0x51),
            "region": id(REGION),
            "state": {"site_visit": {"fields": {}}}
        }),
    );
    with_unknown["changes"][2]["seq"] = json!(3);
    with_unknown["cursor"] = json!(3);
    // What a client keeps: the changes of collections it knows, and the page's cursor.
    let known: Vec<Change> = with_unknown["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| serde_json::from_value::<Collection>(c["collection"].clone()).is_ok())
        .map(|c| serde_json::from_value(c.clone()).unwrap())
        .collect();
    assert_eq!(known.len(), 2);

    // The same page in its dense form (version 2), and dense pages a client must refuse.
    let plain: PullPage =
        codec::decode(&hex::decode(page["binary"].as_str().unwrap()).unwrap()).unwrap();
    let dense_bytes = codec::encode_page(&plain, codec::DENSE_PAGE).unwrap();
    assert_eq!(codec::decode_page(&dense_bytes).unwrap(), plain);
    let dense = sync_protocol::dense::to_dense(&plain);
    let raw = |d: &sync_protocol::dense::DensePage| {
        let mut bytes = vec![codec::DENSE_PAGE];
        bytes.extend(codec::encode(d).unwrap()[1..].iter());
        hex::encode(bytes)
    };
    let mut refused = Vec::new();
    let mut past_table = dense.clone();
    past_table.changes[1].region = 1;
    refused.push(("a region index past the region table", raw(&past_table)));
    let mut same_seq = dense.clone();
    same_seq.changes[1].seq_step = 0;
    refused.push(("a change at the seq of the one before it", raw(&same_seq)));
    let mut no_writes = dense.clone();
    if let sync_protocol::dense::DenseRecord::Production(fields) = &mut no_writes.changes[1].state {
        fields[0].writes.clear();
    }
    refused.push(("a field without writes", raw(&no_writes)));
    for (why, bytes) in &refused {
        assert!(
            matches!(
                codec::decode_page(&hex::decode(bytes).unwrap()),
                Err(sync_protocol::ProtocolError::Malformed(_))
            ),
            "{why}"
        );
    }
    json!({
        "about": "A JSON page with a change of a collection this version does not define: a client skips it, applies the others and stores the cursor. (The binary encoding cannot frame an unknown collection: the server sends a binary client only the collections of its version.)",
        "json_page": with_unknown,
        "keeps": {
            "records": known.iter().map(|c| json!({"collection": c.collection, "record": c.record})).collect::<Vec<_>>(),
            "cursor": 3,
        },
        "binary_page": page["binary"],
        "dense": {
            "about": "The binary page above in its dense form (encoding version 2: first byte 02), which a client asks for with `Accept: application/x-placer; version=2`. It decodes to the same page. The refused pages are malformed.",
            "binary_page": hex::encode(&dense_bytes),
            "refused": refused.iter().map(|(why, bytes)| json!({"why": why, "binary_page": bytes})).collect::<Vec<_>>(),
        },
    })
}

/// A person's values sealed: the digest's input and output for each personal field of the
/// sample miner, the signed openings, and the rank rule of the merge.
fn personal() -> Value {
    use sync_protocol::api::{OpenAck, OpenRequest};
    use sync_protocol::personal::{self, Opening, PersonalField, Salt};
    let record = id(0x11);
    let write = WriteId {
        stamp: stamp(50),
        device: id(DEVICE),
    };
    let mut sealed = Vec::new();
    let mut openings = Vec::new();
    for (n, value) in miner().into_fields().into_iter().enumerate() {
        let salt = Salt([n as u8 + 1; 16]);
        let Some(s) = personal::seal(record, &value, &salt).unwrap() else {
            continue;
        };
        let mut input = b"placer personal v1\0".to_vec();
        input.extend_from_slice(record.as_bytes());
        input.extend_from_slice(&salt.0);
        // The value's binary encoding without the version byte.
        input.extend_from_slice(&codec::encode(&value).unwrap()[1..]);
        assert_eq!(Digest::of(&input), s.digest);
        let signed_value = MinerField::Sealed(s.clone());
        let opening = Opening {
            record,
            write,
            salt,
            value: value.clone(),
        };
        assert!(opening.opens(&s));
        sealed.push(json!({
            "field": s.field,
            "value": encoding("the open value", &value),
            "salt": salt.to_hex(),
            "digest_input": hex::encode(&input),
            "digest": s.digest.to_hex(),
            "as_signed": encoding("the value as signed (MinerField 11, sealed)", &signed_value),
            "opening": encoding("its Opening", &opening),
        }));
        openings.push(opening);
    }
    let key = DeviceKey::from_seed(&[0x42; 32]).unwrap();
    let request = OpenRequest {
        device: id(DEVICE),
        nonce: 2,
        openings: openings[..2].to_vec(),
    };
    let signed = Signed::seal(&request, &key).unwrap();
    let ack = OpenAck {
        opened: 1,
        erased: 0,
        waiting: vec![1],
    };
    // One write's three copies, merged in every order: the highest rank wins.
    let open = MinerField::Names(miner().names);
    let copies = [
        (
            "sealed",
            MinerField::Sealed(
                personal::seal(record, &open, &Salt([1; 16]))
                    .unwrap()
                    .unwrap(),
            ),
        ),
        ("open", open),
        ("erased", MinerField::Erased(PersonalField::Names)),
    ];
    let one = |value: &MinerField| Write {
        id: write,
        effective: Some(stamp(50)),
        base: None,
        region: id(REGION),
        value: value.clone(),
    };
    let mut merges = Vec::new();
    let pairs = (0..3).flat_map(|i| (0..3).filter(move |j| *j != i).map(move |j| vec![i, j]));
    for order in pairs.chain(permutations(3)) {
        let mut state = RecordState::<MinerField>::default();
        for &i in &order {
            state.insert(one(&copies[i].1));
        }
        let winner = state.fields["names"].writes[0].value.clone();
        merges.push(json!({
            "inserted": order.iter().map(|&i| copies[i].0).collect::<Vec<_>>(),
            "value": winner,
        }));
    }
    json!({
        "about": "Personal values as a handset signs them: digest = SHA-256(\"placer personal v1\" 0x00, record id (16 bytes), salt (16 bytes), the open value's binary encoding without the version byte). The opening travels apart (POST /v1/sync/open). Two copies of one write keep the higher rank: sealed 0 < open 1 < erased 2.",
        "record": record,
        "write": write,
        "sealed": sealed,
        "erased": encoding("an erased value (MinerField 12)", &MinerField::Erased(PersonalField::NationalId)),
        "open_request": {
            "seed": hex::encode([0x42u8; 32]),
            "request": encoding("an OpenRequest of the first two openings", &request),
            "sealed": hex::encode(&signed.sealed.0),
            "signature": signed.signature.to_hex(),
        },
        "open_ack": encoding("an OpenAck: one opened, the second waiting for its batch", &ack),
        "merge": merges,
    })
}

fn check(name: &str, value: Value) {
    let path = dir().join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(&value).unwrap() + "\n";
    if std::env::var_os("PLACER_WRITE_VECTORS").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; PLACER_WRITE_VECTORS=1 writes it", path.display()));
    assert!(
        kept == text,
        "{} differs from what this implementation gives: the wire changed, or the file was edited",
        path.display()
    );
}

#[test]
fn encodings_agree_with_the_vectors() {
    check("encodings", encodings());
}

#[test]
fn signatures_agree_with_the_vectors() {
    check("signatures", signatures());
}

#[test]
fn merges_agree_with_the_vectors() {
    check("merge", merge());
}

#[test]
fn clock_agrees_with_the_vectors() {
    check("clock", clock());
}

#[test]
fn pull_pages_agree_with_the_vectors() {
    check("pull_pages", pull_pages());
}

#[test]
fn personal_values_agree_with_the_vectors() {
    check("personal", personal());
}

#[test]
fn the_vectors_read_back_from_their_files() {
    // A client's view: decode what the files say, without this test's values.
    let text = std::fs::read_to_string(dir().join("signatures.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let key = sync_protocol::batch::PublicKey::from_hex(v["public_key"].as_str().unwrap()).unwrap();
    for s in v["signed"].as_array().unwrap() {
        let signed = Signed {
            sealed: Bytes(hex::decode(s["sealed"].as_str().unwrap()).unwrap()),
            signature: sync_protocol::batch::Signature::from_hex(s["signature"].as_str().unwrap())
                .unwrap(),
        };
        signed.verify(&key).unwrap();
        assert_eq!(signed.digest().to_hex(), s["digest"].as_str().unwrap());
    }
    let text = std::fs::read_to_string(dir().join("pull_pages.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let page: PullPage =
        codec::decode(&hex::decode(v["binary_page"].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(page.changes[0].collection, Collection::Region);
    let dense =
        codec::decode_page(&hex::decode(v["dense"]["binary_page"].as_str().unwrap()).unwrap())
            .unwrap();
    assert_eq!(dense, page);
}
