//! The worked example of `sync-protocol/PROTOCOL.md`, checked byte for byte.
//!
//! KEEP IN STEP WITH PROTOCOL.md: every constant below is printed verbatim in the document's
//! "Worked example" section, and `protocol_md_prints_these_constants` fails when they differ.
//! Ed25519 signatures are deterministic, so a fixed seed gives fixed bytes. If a change to the
//! encoding changes these bytes, that change breaks every deployed client: it needs a new
//! version byte, not new constants.

use sync_protocol::api::{Change, PullPage, PushAck};
use sync_protocol::batch::{Batch, DeviceKey, Digest, PublicKey, Signature, Signed};
use sync_protocol::clock::{effective_stamp, Hlc};
use sync_protocol::codec;
use sync_protocol::op::{Op, OpBody, Set};
use sync_protocol::records::{AnyRecord, Collection, FactField, Miner, Production};
use sync_protocol::values::*;
use uuid::Uuid;

const PROTOCOL_MD: &str = include_str!("../PROTOCOL.md");

/// Public key of `DeviceKey::from_seed(&[0x42; 32])`.
const PUBLIC_KEY_HEX: &str = "2152f8d19b791d24453242e15f2eab6cb7cffa7b6a5ed30097960e069881db12";
/// `Signed::seal(&batch, &key).sealed`: the version byte, then the bincode of the `Batch`.
const SEALED_HEX: &str = "01100192000000007000800000000000000101200000000000000000000000000000000000000000000000000000000000000000fd0000ab0ebfca9a010210019acabe23d07a5c8b1e3f2a6c9d0e11fd0000d023beca9a011001920000000070008000000000000a01000a000e416d696e617461204b616d6172610001000002fbc70700031001920000000070008000000000000a010004fbd20ffb4c010005086167656e742d30370006000007010e2b323332203736203132333435360008000009000010019acabee7207c019d2f4a3b5c6d7e8ffd000020e7beca9a011001920000000070008000000000000a010201001001920000000070008000000000001c010110019acabe23d07a5c8b1e3f2a6c9d0e11fbd20ffb4c0100000000000027c000000000008020400c06fbdc0500027d280000";
/// Ed25519 signature over exactly the sealed bytes.
const SIGNATURE_HEX: &str = "1aebc8dd1cfe1cc900d040283384cc8ec56ee0b057487e5f58b22787425a867dfd90fc40427cda09bc117f0e51164350f026606fc80788c35035ad1e8f3f8e02";
/// SHA-256 of the sealed bytes: the `prev` of the device's batch 2.
const DIGEST_HEX: &str = "f36154ae3634e134d8a10501c9e75122c9375de4f5a9cabb0783740554015f0a";
/// `Signed::to_bytes`: the body of `POST /v1/sync/push`.
const PUSH_BODY_HEX: &str = "01fb370101100192000000007000800000000000000101200000000000000000000000000000000000000000000000000000000000000000fd0000ab0ebfca9a010210019acabe23d07a5c8b1e3f2a6c9d0e11fd0000d023beca9a011001920000000070008000000000000a01000a000e416d696e617461204b616d6172610001000002fbc70700031001920000000070008000000000000a010004fbd20ffb4c010005086167656e742d30370006000007010e2b323332203736203132333435360008000009000010019acabee7207c019d2f4a3b5c6d7e8ffd000020e7beca9a011001920000000070008000000000000a010201001001920000000070008000000000001c010110019acabe23d07a5c8b1e3f2a6c9d0e11fbd20ffb4c0100000000000027c000000000008020400c06fbdc0500027d280000401aebc8dd1cfe1cc900d040283384cc8ec56ee0b057487e5f58b22787425a867dfd90fc40427cda09bc117f0e51164350f026606fc80788c35035ad1e8f3f8e02";
/// The binary `PushAck` for this batch, received at 2025-11-28T13:55:12Z.
const PUSH_ACK_HEX: &str = "0110019200000000700080000000000000010120f36154ae3634e134d8a10501c9e75122c9375de4f5a9cabb0783740554015f0afd00000016bfca9a0102";
/// A binary `PullPage` holding the production record after the server applied the batch.
const PULL_PAGE_HEX: &str = "0101020210019acabee7207c019d2f4a3b5c6d7e8f1001920000000070008000000000000a01020104626f647901fd000020e7beca9a01100192000000007000800000000000000101fd000020e7beca9a01001001920000000070008000000000000a01001001920000000070008000000000001c010110019acabe23d07a5c8b1e3f2a6c9d0e11fbd20ffb4c0100000000000027c000000000008020400c06fbdc0500027d2800000200fd0000dc1bbfca9a01";

const BATCH_JSON: &str = r#"{
  "device": "01920000-0000-7000-8000-000000000001",
  "seq": 1,
  "prev": "0000000000000000000000000000000000000000000000000000000000000000",
  "sealed_at": "2025-11-28T13:55:10.123Z+0",
  "ops": [
    {
      "record": "019acabe-23d0-7a5c-8b1e-3f2a6c9d0e11",
      "stamp": "2025-11-28T13:54:10Z+0",
      "region": "01920000-0000-7000-8000-000000000a01",
      "body": {
        "miner": [
          {
            "value": {
              "names": "Aminata Kamara"
            },
            "base": null
          },
          {
            "value": {
              "sex": "female"
            },
            "base": null
          },
          {
            "value": {
              "birth_year": 1991
            },
            "base": null
          },
          {
            "value": {
              "home_region": "01920000-0000-7000-8000-000000000a01"
            },
            "base": null
          },
          {
            "value": {
              "registered_on": "2025-11-28"
            },
            "base": null
          },
          {
            "value": {
              "registered_by": "agent-07"
            },
            "base": null
          },
          {
            "value": {
              "national_id": null
            },
            "base": null
          },
          {
            "value": {
              "phone": "+232 76 123456"
            },
            "base": null
          },
          {
            "value": {
              "cooperative": null
            },
            "base": null
          },
          {
            "value": {
              "registered_at": null
            },
            "base": null
          }
        ]
      }
    },
    {
      "record": "019acabe-e720-7c01-9d2f-4a3b5c6d7e8f",
      "stamp": "2025-11-28T13:55:00Z+0",
      "region": "01920000-0000-7000-8000-000000000a01",
      "body": {
        "production": [
          {
            "value": {
              "body": {
                "licence": "01920000-0000-7000-8000-000000001c01",
                "miner": "019acabe-23d0-7a5c-8b1e-3f2a6c9d0e11",
                "date": "2025-11-28",
                "fix": {
                  "point": {
                    "lon": -11.5,
                    "lat": 8.25
                  },
                  "accuracy": 12
                },
                "diggers": 6,
                "gravel": 1500,
                "stones": {
                  "weighed": [
                    125,
                    40
                  ]
                },
                "mineral": "diamond"
              }
            },
            "base": null
          }
        ]
      }
    }
  ]
}"#;

const SIGNED_JSON: &str = r#"{
  "sealed": "01100192000000007000800000000000000101200000000000000000000000000000000000000000000000000000000000000000fd0000ab0ebfca9a010210019acabe23d07a5c8b1e3f2a6c9d0e11fd0000d023beca9a011001920000000070008000000000000a01000a000e416d696e617461204b616d6172610001000002fbc70700031001920000000070008000000000000a010004fbd20ffb4c010005086167656e742d30370006000007010e2b323332203736203132333435360008000009000010019acabee7207c019d2f4a3b5c6d7e8ffd000020e7beca9a011001920000000070008000000000000a010201001001920000000070008000000000001c010110019acabe23d07a5c8b1e3f2a6c9d0e11fbd20ffb4c0100000000000027c000000000008020400c06fbdc0500027d280000",
  "signature": "1aebc8dd1cfe1cc900d040283384cc8ec56ee0b057487e5f58b22787425a867dfd90fc40427cda09bc117f0e51164350f026606fc80788c35035ad1e8f3f8e02"
}"#;

const PUSH_ACK_JSON: &str = r#"{
  "device": "01920000-0000-7000-8000-000000000001",
  "seq": 1,
  "digest": "f36154ae3634e134d8a10501c9e75122c9375de4f5a9cabb0783740554015f0a",
  "received": "2025-11-28T13:55:12Z+0",
  "ops": 2
}"#;

const PULL_PAGE_DENSE_HEX: &str = "02011001920000000070008000000000000001011001920000000070008000000000000a01010210019acabee7207c019d2f4a3b5c6d7e8f00020101fd000020e7beca9a0100010000001001920000000070008000000000001c010110019acabe23d07a5c8b1e3f2a6c9d0e11fbd20ffb4c0100000000000027c000000000008020400c06fbdc0500027d2800000200fd0000dc1bbfca9a01";
const PULL_PAGE_JSON: &str = r#"{
  "changes": [
    {
      "seq": 2,
      "collection": "production",
      "record": "019acabe-e720-7c01-9d2f-4a3b5c6d7e8f",
      "region": "01920000-0000-7000-8000-000000000a01",
      "state": {
        "production": {
          "fields": {
            "body": {
              "writes": [
                {
                  "id": {
                    "stamp": "2025-11-28T13:55:00Z+0",
                    "device": "01920000-0000-7000-8000-000000000001"
                  },
                  "effective": "2025-11-28T13:55:00Z+0",
                  "base": null,
                  "region": "01920000-0000-7000-8000-000000000a01",
                  "value": {
                    "body": {
                      "licence": "01920000-0000-7000-8000-000000001c01",
                      "miner": "019acabe-23d0-7a5c-8b1e-3f2a6c9d0e11",
                      "date": "2025-11-28",
                      "fix": {
                        "point": {
                          "lon": -11.5,
                          "lat": 8.25
                        },
                        "accuracy": 12
                      },
                      "diggers": 6,
                      "gravel": 1500,
                      "stones": {
                        "weighed": [
                          125,
                          40
                        ]
                      },
                      "mineral": "diamond"
                    }
                  }
                }
              ],
              "overwritten": []
            }
          }
        }
      }
    }
  ],
  "cursor": 2,
  "more": false,
  "server_time": "2025-11-28T13:55:13.5Z+0"
}"#;

fn example() -> (DeviceKey, Batch) {
    let key = DeviceKey::from_seed(&[0x42; 32]).unwrap();
    let device = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0001);
    let region = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0a01);
    let miner_id = Uuid::from_u128(0x019a_cabe_23d0_7a5c_8b1e_3f2a_6c9d_0e11);
    let production_id = Uuid::from_u128(0x019a_cabe_e720_7c01_9d2f_4a3b_5c6d_7e8f);
    let licence_id = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_1c01);
    let miner = Miner {
        names: PersonName::parse("Aminata Kamara").unwrap(),
        sex: Sex::Female,
        birth_year: BirthYear::new(1991).unwrap(),
        home_region: region,
        registered_on: parse_day("2025-11-28").unwrap(),
        registered_by: Text::parse("agent-07").unwrap(),
        national_id: None,
        phone: Some(Phone::parse("+232 76 123456").unwrap()),
        cooperative: None,
        registered_at: None,
    };
    let production = Production {
        licence: licence_id,
        miner: Some(miner_id),
        date: parse_day("2025-11-28").unwrap(),
        fix: GeoFix {
            point: Point::new(-11.5, 8.25).unwrap(),
            accuracy: AccuracyMetres::new(12).unwrap(),
        },
        diggers: Diggers::new(6).unwrap(),
        gravel: GravelLitres::new(1500).unwrap(),
        stones: Stones::Weighed(vec![
            Carats::from_hundredths(125).unwrap(),
            Carats::from_hundredths(40).unwrap(),
        ]),
        mineral: Mineral::Diamond,
    };
    let batch = Batch {
        device,
        seq: 1,
        prev: Digest::ZERO,
        sealed_at: Hlc::new(1_764_338_110_123, 0),
        ops: vec![
            Op {
                record: miner_id,
                stamp: Hlc::new(1_764_338_050_000, 0),
                region,
                body: OpBody::Miner(miner.into_fields().into_iter().map(Set::new).collect()),
            },
            Op {
                record: production_id,
                stamp: Hlc::new(1_764_338_100_000, 0),
                region,
                body: OpBody::Production(vec![Set::new(FactField::Body(production))]),
            },
        ],
    };
    (key, batch)
}

fn sealed() -> (DeviceKey, Batch, Signed) {
    let (key, batch) = example();
    let signed = Signed::seal(&batch, &key).unwrap();
    (key, batch, signed)
}

/// The server's receipt of the batch, and what it answers.
fn ack_and_page(batch: &Batch, signed: &Signed) -> (PushAck, PullPage) {
    let received = Hlc::new(1_764_338_112_000, 0);
    let ack = PushAck {
        device: batch.device,
        seq: batch.seq,
        digest: signed.digest(),
        received,
        ops: batch.ops.len() as u32,
    };
    let op = &batch.ops[1];
    let mut state = AnyRecord::empty(Collection::Production);
    op.apply(
        &mut state,
        batch.device,
        Some(effective_stamp(op.stamp, received)),
    );
    let page = PullPage {
        changes: vec![Change {
            seq: 2,
            collection: Collection::Production,
            record: op.record,
            region: op.region,
            state: state.compact(),
        }],
        cursor: 2,
        more: false,
        server_time: Hlc::new(1_764_338_113_500, 0),
    };
    (ack, page)
}

#[test]
fn sealed_batch_is_byte_for_byte_the_documented_one() {
    let (key, batch, signed) = sealed();
    assert_eq!(key.public_key().to_hex(), PUBLIC_KEY_HEX);
    assert_eq!(hex::encode(&signed.sealed.0), SEALED_HEX);
    assert_eq!(signed.signature.to_hex(), SIGNATURE_HEX);
    assert_eq!(signed.digest().to_hex(), DIGEST_HEX);
    assert_eq!(hex::encode(signed.to_bytes().unwrap()), PUSH_BODY_HEX);
    assert_eq!(serde_json::to_string_pretty(&batch).unwrap(), BATCH_JSON);
    assert_eq!(serde_json::to_string_pretty(&signed).unwrap(), SIGNED_JSON);
    // Sealing again gives the same bytes and signature: Ed25519 is deterministic.
    assert_eq!(Signed::seal(&batch, &key).unwrap(), signed);
}

#[test]
fn server_answers_are_byte_for_byte_the_documented_ones() {
    let (_, batch, signed) = sealed();
    let (ack, page) = ack_and_page(&batch, &signed);
    assert_eq!(hex::encode(codec::encode(&ack).unwrap()), PUSH_ACK_HEX);
    assert_eq!(serde_json::to_string_pretty(&ack).unwrap(), PUSH_ACK_JSON);
    assert_eq!(hex::encode(codec::encode(&page).unwrap()), PULL_PAGE_HEX);
    assert_eq!(
        hex::encode(codec::encode_page(&page, codec::DENSE_PAGE).unwrap()),
        PULL_PAGE_DENSE_HEX
    );
    assert_eq!(serde_json::to_string_pretty(&page).unwrap(), PULL_PAGE_JSON);
    assert_eq!(
        codec::decode::<PushAck>(&hex::decode(PUSH_ACK_HEX).unwrap()).unwrap(),
        ack
    );
    assert_eq!(
        codec::decode::<PullPage>(&hex::decode(PULL_PAGE_HEX).unwrap()).unwrap(),
        page
    );
    assert_eq!(
        codec::decode_page(&hex::decode(PULL_PAGE_DENSE_HEX).unwrap()).unwrap(),
        page
    );
    assert_eq!(serde_json::from_str::<PushAck>(PUSH_ACK_JSON).unwrap(), ack);
    assert_eq!(
        serde_json::from_str::<PullPage>(PULL_PAGE_JSON).unwrap(),
        page
    );
}

#[test]
fn documented_bytes_decode_and_verify() {
    let (_, batch, signed) = sealed();
    let push = hex::decode(PUSH_BODY_HEX).unwrap();
    let decoded = Signed::from_bytes(&push).unwrap();
    assert_eq!(decoded, signed);
    assert_eq!(hex::encode(&decoded.sealed.0), SEALED_HEX);
    assert_eq!(decoded.peek::<Batch>().unwrap(), batch);
    assert_eq!(
        codec::decode::<Batch>(&hex::decode(SEALED_HEX).unwrap()).unwrap(),
        batch
    );

    let public = PublicKey::from_hex(PUBLIC_KEY_HEX).unwrap();
    decoded.verify(&public).unwrap();
    assert_eq!(
        decoded.signature,
        Signature::from_hex(SIGNATURE_HEX).unwrap()
    );
    assert_eq!(
        Digest::of(&decoded.sealed.0),
        Digest::from_hex(DIGEST_HEX).unwrap()
    );

    // One flipped bit anywhere in the sealed bytes breaks the signature.
    let mut tampered = decoded.clone();
    tampered.sealed.0[40] ^= 1;
    assert!(tampered.verify(&public).is_err());

    // The JSON forms decode to the same values, and a client that builds the batch from its
    // JSON form seals exactly the documented bytes.
    let from_json: Batch = serde_json::from_str(BATCH_JSON).unwrap();
    assert_eq!(from_json, batch);
    assert_eq!(hex::encode(codec::encode(&from_json).unwrap()), SEALED_HEX);
    assert_eq!(serde_json::from_str::<Signed>(SIGNED_JSON).unwrap(), signed);

    // Strict decoding: a trailing byte, a wrong version byte or a cut message is refused.
    let mut trailing = push.clone();
    trailing.push(0);
    assert!(Signed::from_bytes(&trailing).is_err());
    let mut version = push.clone();
    version[0] = 2;
    assert!(Signed::from_bytes(&version).is_err());
    assert!(Signed::from_bytes(&push[..push.len() - 1]).is_err());
}

#[test]
fn protocol_md_prints_these_constants() {
    for (name, value) in [
        ("BATCH_JSON", BATCH_JSON),
        ("SIGNED_JSON", SIGNED_JSON),
        ("PUSH_ACK_JSON", PUSH_ACK_JSON),
        ("PULL_PAGE_JSON", PULL_PAGE_JSON),
    ] {
        assert!(
            PROTOCOL_MD.contains(value),
            "PROTOCOL.md does not show {name} verbatim"
        );
    }
    // Long hex strings are wrapped in the document; compare without line breaks.
    let unwrapped: String = PROTOCOL_MD.split_whitespace().collect();
    for (name, value) in [
        ("PUBLIC_KEY_HEX", PUBLIC_KEY_HEX),
        ("SEALED_HEX", SEALED_HEX),
        ("SIGNATURE_HEX", SIGNATURE_HEX),
        ("DIGEST_HEX", DIGEST_HEX),
        ("PUSH_BODY_HEX", PUSH_BODY_HEX),
        ("PUSH_ACK_HEX", PUSH_ACK_HEX),
        ("PULL_PAGE_HEX", PULL_PAGE_HEX),
        ("PULL_PAGE_DENSE_HEX", PULL_PAGE_DENSE_HEX),
    ] {
        assert!(
            unwrapped.contains(value),
            "PROTOCOL.md does not show {name}"
        );
    }
}
