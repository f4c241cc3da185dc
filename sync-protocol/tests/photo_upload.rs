//! The device uploads its photos after the records sync, in chunks, and resumes a cut
//! upload where the server's bytes end: through a small in-process server that follows the
//! photo rules of PROTOCOL.md (`sync_protocol::photo::resume`) and can cut the link after
//! a number of chunks. The same through the real server is in the server's e2e tests.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use sync_protocol::api::{
    EnrolRequest, Enrolment, ErrorBody, OpenAck, PhotoAck, PhotoChunk, PhotoKind, PullPage, PushAck,
};
use sync_protocol::batch::{Batch, Digest, Signed};
use sync_protocol::client::{Device, Transport};
use sync_protocol::clock::{wall_ms, Hlc};
use sync_protocol::photo::{self, Resume};
use sync_protocol::records::*;
use sync_protocol::values::*;
use sync_protocol::ProtocolError;
use uuid::Uuid;

const DEVICE: Uuid = Uuid::from_u128(0x0192_f000_0000_7000_8000_0000_0000_0001);
const REGION: Uuid = Uuid::from_u128(0x0192_f000_0000_7000_8000_0000_0000_0002);

#[derive(Default)]
struct Server {
    /// Bytes held per photo, and whether each is complete.
    held: RefCell<BTreeMap<Digest, (Vec<u8>, bool)>>,
    /// Chunks that carried bytes, and how many more may pass before the link is cut.
    appended: Cell<usize>,
    cut_after: Cell<Option<usize>>,
    head: Cell<u64>,
}

impl Transport for Server {
    fn enrol(&self, _: &EnrolRequest) -> Result<(Enrolment, Option<Hlc>), ProtocolError> {
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
        self.head.set(batch.seq);
        Ok((
            PushAck {
                device: batch.device,
                seq: batch.seq,
                digest: signed.digest(),
                received: Hlc::new(wall_ms(), 0),
                ops: batch.ops.len() as u32,
            },
            None,
        ))
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
    fn open(&self, _: &[u8]) -> Result<(OpenAck, Option<Hlc>), ProtocolError> {
        Ok((
            OpenAck {
                opened: 0,
                erased: 0,
                waiting: vec![],
            },
            None,
        ))
    }
    fn photo(&self, bytes: &[u8]) -> Result<(Option<PhotoAck>, Option<Hlc>), ProtocolError> {
        let c: PhotoChunk = Signed::from_bytes(bytes)?.peek()?;
        assert!(c.bytes.0.len() <= photo::MAX_CHUNK);
        let mut held = self.held.borrow_mut();
        let (file, complete) = held.entry(c.digest).or_default();
        let ack = |received, complete| {
            Ok((
                Some(PhotoAck {
                    digest: c.digest,
                    received,
                    complete,
                }),
                None,
            ))
        };
        if *complete {
            return ack(c.total, true);
        }
        match photo::resume(file.len() as u64, c.total, c.offset, c.bytes.0.len() as u64) {
            Resume::Append => {
                if self.cut_after.get() == Some(self.appended.get()) {
                    // The chunk arrives, its answer is lost.
                    file.extend_from_slice(&c.bytes.0);
                    self.cut_after.set(None);
                    return Err(ProtocolError::Transport("the link broke".into()));
                }
                self.appended.set(self.appended.get() + 1);
                file.extend_from_slice(&c.bytes.0);
                if file.len() as u64 == c.total {
                    assert_eq!(Digest::of(file), c.digest);
                    *complete = true;
                }
                ack(file.len() as u64, *complete)
            }
            Resume::Held => ack(file.len() as u64, false),
            Resume::Gap => Err(ProtocolError::Server {
                status: 409,
                body: ErrorBody {
                    code: "photo_gap".into(),
                    message: "gap".into(),
                    expected_seq: None,
                    expected_offset: Some(file.len() as u64),
                },
            }),
            Resume::Overrun => panic!("the device sent a chunk past what is held"),
        }
    }
}

fn jpeg(len: usize) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0];
    out.extend((0..len - 4).map(|i| (i * 7 % 251) as u8));
    out
}

#[test]
fn a_cut_upload_resumes_where_the_servers_bytes_end_and_is_then_forgotten() {
    let server = Server::default();
    let tmp = tempfile::tempdir().unwrap();
    let d = Device::open(
        tmp.path(),
        std::sync::Arc::new(sync_protocol::client::Kek::generate().unwrap()),
    )
    .unwrap();
    d.enrol(&server, "http://test", "CODE", "handset").unwrap();
    let miner = d
        .register_miner(
            Miner {
                names: PersonName::parse("Abena Lens").unwrap(),
                sex: Sex::Female,
                birth_year: BirthYear::new(1985).unwrap(),
                home_region: REGION,
                registered_on: parse_day("2026-03-01").unwrap(),
                registered_by: Text::parse("test agent").unwrap(),
                national_id: None,
                phone: None,
                cooperative: None,
                registered_at: None,
            },
            REGION,
        )
        .unwrap();
    let file = jpeg(200_000);
    // Refused on the device, as the server would refuse them.
    assert!(d
        .add_photo(miner, PhotoKind::LicenceDocument, file.clone())
        .is_err());
    assert!(d
        .add_photo(miner, PhotoKind::MinerPhoto, b"<html>".to_vec())
        .is_err());
    assert!(d
        .add_photo(Uuid::now_v7(), PhotoKind::MinerPhoto, file.clone())
        .is_err());
    let digest = d
        .add_photo(miner, PhotoKind::MinerPhoto, file.clone())
        .unwrap();
    d.add_photo(miner, PhotoKind::MinerPhoto, file.clone())
        .unwrap();
    assert_eq!(d.status().unwrap().photos_waiting, 1, "kept once");

    // The link breaks after the second chunk reached the server.
    server.cut_after.set(Some(1));
    assert!(d.sync(&server).is_err());
    assert_eq!(d.status().unwrap().photos_waiting, 1);
    assert_eq!(server.held.borrow()[&digest].0.len(), 2 * photo::MAX_CHUNK);
    // The next sync asks, and goes on from there: two more chunks, none sent twice.
    let report = d.sync(&server).unwrap();
    assert_eq!(report.photos_sent, 1);
    assert_eq!(server.appended.get(), 1 + 2);
    assert_eq!(server.held.borrow()[&digest], (file, true));
    assert_eq!(d.status().unwrap().photos_waiting, 0);
    assert_eq!(d.sync(&server).unwrap().photos_sent, 0);
}
