//! The device keeps acknowledged batches and sends them again when the server asks for one
//! it lost, through a small in-process server that follows the push rules of PROTOCOL.md
//! (chain order, the same acknowledgement for a resend, `sequence_gap` with the number it
//! expects) and can forget what it acknowledged, as a server does whose damaged log was
//! repaired. The same behaviour through the real server is in the server's e2e tests.

use std::cell::RefCell;
use std::collections::BTreeMap;

use sync_protocol::api::{
    EnrolRequest, Enrolment, ErrorBody, OpenAck, OpenRequest, PullPage, PushAck,
};
use sync_protocol::batch::{Batch, Signed};
use sync_protocol::client::{Device, Transport, KEPT_BATCH_DAYS, MAX_BATCH_BYTES};
use sync_protocol::clock::{wall_ms, Hlc};
use sync_protocol::records::*;
use sync_protocol::values::*;
use sync_protocol::ProtocolError;
use uuid::Uuid;

const DEVICE: Uuid = Uuid::from_u128(0x0192_f000_0000_7000_8000_0000_0000_0001);
const REGION: Uuid = Uuid::from_u128(0x0192_f000_0000_7000_8000_0000_0000_0002);

/// A server that accepts batches in chain order and can forget acknowledged ones.
struct Server {
    accepted: RefCell<BTreeMap<u64, PushAck>>,
    /// When acknowledgements say the batches arrived.
    received: Hlc,
    /// The encoded size of the ops of every batch accepted.
    op_bytes: RefCell<Vec<usize>>,
}

impl Server {
    fn new(received: Hlc) -> Self {
        Self {
            accepted: RefCell::new(BTreeMap::new()),
            received,
            op_bytes: RefCell::new(Vec::new()),
        }
    }

    /// Loses batch `seq` and every batch after it, as a repair that dropped `seq` and the
    /// derived state rebuilt from what is left (later ones parked) would answer.
    fn forget_from(&self, seq: u64) {
        self.accepted.borrow_mut().retain(|s, _| *s < seq);
    }

    fn head(&self) -> u64 {
        self.accepted
            .borrow()
            .keys()
            .next_back()
            .copied()
            .unwrap_or(0)
    }
}

impl Transport for Server {
    fn open(&self, bytes: &[u8]) -> Result<(OpenAck, Option<Hlc>), ProtocolError> {
        let request: OpenRequest = Signed::from_bytes(bytes)?.peek()?;
        Ok((
            OpenAck {
                opened: request.openings.len() as u32,
                erased: 0,
                waiting: Vec::new(),
            },
            None,
        ))
    }

    fn enrol(&self, r: &EnrolRequest) -> Result<(Enrolment, Option<Hlc>), ProtocolError> {
        let _ = r;
        Ok((
            Enrolment {
                device: DEVICE,
                agent: "Ama".into(),
                regions: vec![REGION],
                server_time: Hlc::new(wall_ms(), 0),
            },
            None,
        ))
    }

    fn push(&self, bytes: &[u8]) -> Result<(PushAck, Option<Hlc>), ProtocolError> {
        let signed = Signed::from_bytes(bytes)?;
        let batch: Batch = signed.peek()?;
        let head = self.head();
        if let Some(ack) = self.accepted.borrow().get(&batch.seq) {
            return Ok((ack.clone(), None));
        }
        if batch.seq != head + 1 {
            return Err(ProtocolError::Server {
                status: 409,
                body: ErrorBody {
                    code: "sequence_gap".into(),
                    message: format!("expected {}", head + 1),
                    expected_seq: Some(head + 1),
                    expected_offset: None,
                },
            });
        }
        let ack = PushAck {
            device: batch.device,
            seq: batch.seq,
            digest: signed.digest(),
            received: self.received,
            ops: batch.ops.len() as u32,
        };
        self.accepted.borrow_mut().insert(batch.seq, ack.clone());
        self.op_bytes.borrow_mut().push(
            batch
                .ops
                .iter()
                .map(sync_protocol::codec::encoded_len)
                .sum(),
        );
        Ok((ack, None))
    }

    fn pull(&self, _: &[u8]) -> Result<(PullPage, Option<Hlc>), ProtocolError> {
        Ok((
            PullPage {
                changes: vec![],
                cursor: 0,
                more: false,
                server_time: Hlc::new(wall_ms(), 0),
            },
            None,
        ))
    }
}

fn miner(names: &str) -> Miner {
    Miner {
        names: PersonName::parse(names).unwrap(),
        sex: Sex::Female,
        birth_year: BirthYear::new(1985).unwrap(),
        home_region: REGION,
        registered_on: parse_day("2026-03-01").unwrap(),
        registered_by: Text::parse("test agent").unwrap(),
        national_id: None,
        phone: None,
        cooperative: None,
        registered_at: None,
    }
}

/// An enrolled device that synced `batches` batches of one miner each.
fn device_with(server: &Server, batches: usize) -> (tempfile::TempDir, Device) {
    let tmp = tempfile::tempdir().unwrap();
    let d = Device::open(
        tmp.path(),
        std::sync::Arc::new(sync_protocol::client::Kek::generate().unwrap()),
    )
    .unwrap();
    d.enrol(server, "http://test", "CODE", "handset").unwrap();
    for i in 0..batches {
        d.register_miner(miner(&format!("Miner {i}")), REGION)
            .unwrap();
        d.sync(server).unwrap();
    }
    (tmp, d)
}

fn now() -> Hlc {
    Hlc::new(wall_ms(), 0)
}

#[test]
fn acknowledged_batches_are_kept() {
    let server = Server::new(now());
    let (_t, d) = device_with(&server, 3);
    d.sync(&server).unwrap();
    let s = d.status().unwrap();
    assert_eq!(
        (s.outbox_batches, s.kept_batches),
        (0, 3),
        "kept, and not pruned"
    );
}

#[test]
fn a_lost_middle_batch_is_sent_again_and_the_work_goes_on() {
    let server = Server::new(now());
    let (_t, d) = device_with(&server, 4);
    server.forget_from(2);
    d.register_miner(miner("After the repair"), REGION).unwrap();
    let report = d.sync(&server).unwrap();
    assert_eq!(report.batches_resent, 3, "batches 2, 3 and 4");
    assert_eq!(report.batches_acknowledged, 1);
    assert_eq!(server.head(), 5);
}

#[test]
fn a_lost_newest_batch_is_sent_again_at_the_next_push() {
    let server = Server::new(now());
    let (_t, d) = device_with(&server, 2);
    server.forget_from(2);
    // Nothing to send: the loss shows only at the next push.
    assert_eq!(d.sync(&server).unwrap().batches_resent, 0);
    d.register_miner(miner("Next day"), REGION).unwrap();
    let report = d.sync(&server).unwrap();
    assert_eq!(report.batches_resent, 1);
    assert_eq!(server.head(), 3);
}

#[test]
fn a_batch_no_longer_kept_is_a_clear_error() {
    // Acknowledged, by the server's account, long before the retention.
    let old = Hlc::new(wall_ms() - (KEPT_BATCH_DAYS + 1) * 24 * 3_600 * 1_000, 0);
    let server = Server::new(old);
    let (_t, d) = device_with(&server, 2);
    assert_eq!(d.status().unwrap().kept_batches, 0, "pruned at the sync");
    server.forget_from(2);
    d.register_miner(miner("Too late"), REGION).unwrap();
    let err = d.sync(&server).unwrap_err().to_string();
    assert!(
        err.contains("lacks batch 2") && err.contains("no longer keeps"),
        "{err}"
    );
    assert_eq!(d.status().unwrap().outbox_batches, 1, "the new batch waits");
}

#[test]
fn an_edit_that_sets_nothing_is_not_recorded() {
    let server = Server::new(now());
    let (_t, d) = device_with(&server, 1);
    let id = d.list(Collection::Miner).unwrap()[0].id;
    let err = d.edit(Collection::Miner, id, &[]).unwrap_err().to_string();
    assert!(err.contains("sets no field"), "{err}");
    assert_eq!(d.status().unwrap().pending_ops, 0);
}

#[test]
fn a_large_outbox_goes_up_in_pieces_each_acknowledged() {
    let server = Server::new(now());
    let (_tmp, d) = device_with(&server, 0);
    for i in 0..1_500 {
        d.register_miner(miner(&format!("Miner {i}")), REGION)
            .unwrap();
    }
    let report = d.sync(&server).unwrap();
    let sizes = server.op_bytes.borrow().clone();
    assert!(sizes.len() >= 2, "{sizes:?}");
    assert_eq!(report.batches_acknowledged, sizes.len() as u64);
    // Each piece stops at the first op that reaches the size: under it by less than one op.
    let one_op = sizes[0].div_ceil(server.accepted.borrow()[&1].ops as usize);
    for s in &sizes[..sizes.len() - 1] {
        assert!(
            *s >= MAX_BATCH_BYTES && *s < MAX_BATCH_BYTES + 2 * one_op,
            "{sizes:?}"
        );
    }
    let ops: u32 = server.accepted.borrow().values().map(|a| a.ops).sum();
    assert_eq!(ops, 1_500);
    assert_eq!(d.status().unwrap().outbox_batches, 0);
}
