//! Replicas converge through the real core and store: devices (the reference client) record
//! productions whose fixes may lie in a region other than the one they file them in, correct
//! records they hold, and push and pull in any interleaving, while the server places each
//! record where its fix lies. Afterwards every device holds, for every record it serves or
//! wrote, exactly the state the server holds, byte for byte: the server never changes a
//! signed write, and where it files a record is its own attribute of the record.

use std::collections::HashSet;

use proptest::prelude::*;
use sync_protocol::api::{EnrolRequest, Enrolment, OpenAck, PullPage, PushAck};
use sync_protocol::client::{Device, Transport};
use sync_protocol::clock::Hlc;
use sync_protocol::codec;
use sync_protocol::error::ProtocolError;
use sync_protocol::records::{AnyRecord, Collection, Production, RegionLevel};
use sync_protocol::values::*;
use uuid::Uuid;

use super::Core;
use crate::auth::Officer;
use crate::error::ApiError;

/// The core, called as the HTTP handlers call it.
struct InProcess<'a>(&'a Core);

fn protocol_error(e: ApiError) -> ProtocolError {
    ProtocolError::Server {
        status: e.code.status(),
        body: e.body(),
    }
}

impl Transport for InProcess<'_> {
    fn enrol(&self, request: &EnrolRequest) -> Result<(Enrolment, Option<Hlc>), ProtocolError> {
        let e = self.0.enrol(request).map_err(protocol_error)?;
        Ok((e, Some(self.0.now())))
    }

    fn push(&self, signed_batch: &[u8]) -> Result<(PushAck, Option<Hlc>), ProtocolError> {
        let ack = self.0.push(signed_batch, false).map_err(protocol_error)?;
        Ok((ack, Some(self.0.now())))
    }

    fn pull(&self, signed_request: &[u8]) -> Result<(PullPage, Option<Hlc>), ProtocolError> {
        let page = self.0.pull(signed_request, false).map_err(protocol_error)?;
        // Through the dense form, as the HTTP client gets it.
        let page = codec::decode_page(&codec::encode_page(&page, codec::DENSE_PAGE)?)?;
        Ok((page, Some(self.0.now())))
    }

    fn open(&self, signed_request: &[u8]) -> Result<(OpenAck, Option<Hlc>), ProtocolError> {
        let ack = self
            .0
            .open_values(signed_request, false)
            .map_err(protocol_error)?;
        Ok((ack, Some(self.0.now())))
    }

    fn ack(&self, signed_request: &[u8]) -> Result<(Option<PushAck>, Option<Hlc>), ProtocolError> {
        match self.0.ack(signed_request, false) {
            Ok(ack) => Ok((Some(ack), Some(self.0.now()))),
            Err(e) if e.code.status() == 404 => Ok((None, Some(self.0.now()))),
            Err(e) => Err(protocol_error(e)),
        }
    }
}

fn square(x0: f64) -> Vec<Polygon> {
    let p = |x: f64, y: f64| Point::new(x, y).unwrap();
    vec![Polygon {
        exterior: Ring::new(vec![
            p(x0, 0.0),
            p(x0 + 1.0, 0.0),
            p(x0 + 1.0, 1.0),
            p(x0, 1.0),
            p(x0, 0.0),
        ])
        .unwrap(),
        holes: vec![],
    }]
}

fn production(lon: f64, carats: u64) -> Production {
    Production {
        licence: Uuid::from_u128(7),
        miner: None,
        date: parse_day("2026-11-02").unwrap(),
        fix: GeoFix {
            point: Point::new(lon, 0.5).unwrap(),
            accuracy: AccuracyMetres::new(10).unwrap(),
        },
        diggers: Diggers::new(4).unwrap(),
        gravel: GravelLitres::new(200).unwrap(),
        stones: Stones::Weighed(vec![Carats::from_hundredths(carats).unwrap()]),
        mineral: Mineral::Diamond,
    }
}

#[derive(Debug, Clone)]
enum Step {
    /// Device `d` records a production with its fix in region `at` (0 or 1), filed in the
    /// first region it serves.
    Record { d: usize, at: usize, carats: u64 },
    /// Device `d` corrects the `n`-th record it holds (if any), to a fix in region `at`.
    Correct { d: usize, n: usize, at: usize },
    /// Device `d` pushes and pulls.
    Sync { d: usize },
}

/// Three devices: one serving each region, one serving both.
const SERVES: [&[usize]; 3] = [&[0], &[1], &[0, 1]];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 0..2usize, 1..500u64).prop_map(|(d, at, carats)| Step::Record {
            d,
            at,
            carats
        }),
        (0..3usize, 0..8usize, 0..2usize).prop_map(|(d, n, at)| Step::Correct { d, n, at }),
        (0..3usize).prop_map(|d| Step::Sync { d }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn every_replica_holds_the_servers_state_whatever_the_placements(
        steps in proptest::collection::vec(step(), 1..30)
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let (core, _) = Core::open(&tmp.path().join("server")).unwrap();
        let admin = Officer::local_admin();
        let report = core
            .import_regions(
                &admin,
                RegionLevel::Country,
                None,
                vec![("West".into(), square(0.0)), ("East".into(), square(1.0))],
            )
            .unwrap();
        let mut regions: Vec<(String, Uuid)> =
            report.regions.iter().map(|r| (r.name.clone(), r.id)).collect();
        regions.sort();
        let (east, west) = (regions[0].1, regions[1].1);
        let region_of = [west, east];
        let transport = InProcess(&core);
        let devices: Vec<Device> = SERVES
            .iter()
            .enumerate()
            .map(|(i, serves)| {
                let served: Vec<Uuid> = serves.iter().map(|r| region_of[*r]).collect();
                let code = core.issue_code(&admin, &format!("agent {i}"), served, 24).unwrap();
                let d = Device::open(
                    &tmp.path().join(format!("device-{i}")),
                    std::sync::Arc::new(sync_protocol::client::Kek::generate().unwrap()),
                )
                .unwrap();
                d.enrol(&transport, "in process", &code.code, &format!("handset {i}")).unwrap();
                d
            })
            .collect();
        let mut authored: Vec<HashSet<Uuid>> = vec![HashSet::new(); devices.len()];
        for s in &steps {
            match *s {
                Step::Record { d, at, carats } => {
                    let filed = region_of[SERVES[d][0]];
                    let lon = at as f64 + 0.5;
                    let id = devices[d].record_production(production(lon, carats), filed).unwrap();
                    authored[d].insert(id);
                }
                Step::Correct { d, n, at } => {
                    let held = devices[d].list(Collection::Production).unwrap();
                    if let Some(r) = held.get(n % held.len().max(1)) {
                        let lon = at as f64 + 0.5;
                        let sets = vec![(
                            "fix".to_string(),
                            serde_json::json!({"point": {"lon": lon, "lat": 0.5}, "accuracy": 10}),
                        )];
                        devices[d].edit(Collection::Production, r.id, &sets).unwrap();
                    }
                }
                Step::Sync { d } => {
                    devices[d].sync(&transport).unwrap();
                }
            }
        }
        // Everyone syncs until nothing moves: twice, so that each sees the others' last.
        for _ in 0..2 {
            for d in &devices {
                d.sync(&transport).unwrap();
            }
        }
        let served_by = |d: usize| -> Vec<Uuid> {
            SERVES[d].iter().map(|r| region_of[*r]).collect()
        };
        let stored = core
            .store
            .records_in(Collection::Production)
            .unwrap();
        prop_assert_eq!(
            stored.len(),
            authored.iter().map(HashSet::len).sum::<usize>(),
            "every recorded production reached the server"
        );
        for (id, record) in &stored {
            let server = codec::encode(&record.state.compact()).unwrap();
            for (d, device) in devices.iter().enumerate() {
                let serves = served_by(d).contains(&record.region);
                if !serves && !authored[d].contains(id) {
                    continue;
                }
                let held: AnyRecord = device
                    .record_state(Collection::Production, *id)
                    .unwrap()
                    .unwrap_or_else(|| panic!("device {d} lacks production {id}"));
                prop_assert_eq!(
                    &codec::encode(&held.compact()).unwrap(),
                    &server,
                    "device {} holds production {} otherwise than the server",
                    d,
                    id
                );
                let listed = device.list(Collection::Production).unwrap();
                let filed = listed.iter().find(|l| l.id == *id).and_then(|l| l.region);
                prop_assert_eq!(filed, Some(record.region), "device {} files {} elsewhere", d, id);
            }
        }
    }
}
