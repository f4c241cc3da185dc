//! The [`Store`] contract: what any backend of the derived state must do, as tests that
//! take the backend as an argument. `store_contract!(open)` instantiates every test for a
//! backend; [`super::sled_store`] runs them. A second backend (PostgreSQL, say) passes the
//! same suite before it may stand behind `Core`.
//!
//! The suite speaks only through the trait: no key layout, no backend type.

use std::path::Path;

use sync_protocol::api::PushAck;
use sync_protocol::batch::{Batch, Bytes, Digest, PublicKey};
use sync_protocol::clock::Hlc;
use sync_protocol::op::{Op, OpBody, Set};
use sync_protocol::records::{Collection, Miner};
use sync_protocol::values::{parse_day, BirthYear, PersonName, Phone, Sex, Text};
use uuid::Uuid;

use super::{ChainHead, PageLimit, Parked, QuarantineKind, Quarantined, Store};
use crate::batchlog::LogPosition;
use crate::events::AdminEvent;
use crate::ingest::checks::Checks;

/// Opens a backend on an empty directory.
pub type Open = fn(&Path) -> Box<dyn Store>;

const DEVICE: Uuid = Uuid::from_u128(0xD1);

fn region(n: u8) -> Uuid {
    Uuid::from_u128(0x1000 + u128::from(n))
}

fn record(n: u8) -> Uuid {
    Uuid::from_u128(0x2000 + u128::from(n))
}

/// An op writing miner `r` whole, with a phone number made of `t`, filed in region `g`.
fn phone_op(r: u8, g: u8, t: u64) -> Op {
    let miner = Miner {
        names: PersonName::parse(format!("Miner {r}")).unwrap(),
        sex: Sex::Female,
        birth_year: BirthYear::new(1990).unwrap(),
        home_region: region(g),
        registered_on: parse_day("2026-03-02").unwrap(),
        registered_by: Text::parse("agent 7").unwrap(),
        national_id: None,
        phone: Some(Phone::parse(format!("+233 20 000 {:04}", t % 10_000)).unwrap()),
        cooperative: None,
        registered_at: None,
    };
    Op {
        record: record(r),
        stamp: Hlc::new(1_000 + t, 0),
        region: region(g),
        body: OpBody::Miner(miner.into_fields().into_iter().map(Set::new).collect()),
    }
}

fn digest(seq: u64) -> Digest {
    Digest::of(&seq.to_be_bytes())
}

fn batch(seq: u64, ops: Vec<Op>) -> Batch {
    Batch {
        device: DEVICE,
        seq,
        prev: if seq == 1 {
            Digest::ZERO
        } else {
            digest(seq - 1)
        },
        sealed_at: Hlc::new(1_000, 0),
        ops,
    }
}

fn apply(store: &dyn Store, b: &Batch) -> PushAck {
    store
        .apply_batch(
            Hlc::new(2_000_000 + b.seq, 0),
            b,
            digest(b.seq),
            &Checks::without_regions(),
        )
        .unwrap()
}

fn admin(store: &dyn Store, id: u128, event: AdminEvent) {
    store
        .apply_admin(
            Uuid::from_u128(id),
            Hlc::new(3_000_000, 0),
            &event,
            &Checks::without_regions(),
        )
        .unwrap();
}

pub fn a_batch_applies_its_records_chain_and_ack_together_and_only_once(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let store = store.as_ref();
    assert_eq!(store.head(DEVICE).unwrap(), ChainHead::default());
    assert_eq!(store.accepted(DEVICE, 1).unwrap(), None);

    let b = batch(1, vec![phone_op(1, 0, 1), phone_op(2, 0, 2)]);
    let ack = apply(store, &b);
    assert_eq!(
        (ack.device, ack.seq, ack.digest, ack.ops),
        (DEVICE, 1, digest(1), 2)
    );
    let head = store.head(DEVICE).unwrap();
    assert_eq!((head.seq, head.digest), (1, digest(1)));
    assert_eq!(head.received, Some(ack.received));
    assert_eq!(store.accepted(DEVICE, 1).unwrap(), Some(ack.clone()));
    let stored = store.record(Collection::Miner, record(1)).unwrap().unwrap();
    assert_eq!(stored.region, region(0));
    let stats = store.stats().unwrap();
    assert_eq!((stats.accepted_batches, stats.accepted_ops), (1, 2));

    // The same batch again: its acknowledgement, and nothing moves.
    assert_eq!(apply(store, &b), ack);
    let again = store.stats().unwrap();
    assert_eq!(again.change_seq, stats.change_seq);
    assert_eq!(again.accepted_ops, 2);
    assert_eq!(
        store
            .pull(&[region(0)], None, 0, PageLimit::changes(100))
            .unwrap()
            .changes
            .len(),
        2
    );
}

pub fn a_pull_pages_in_change_order_within_its_regions(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let store = store.as_ref();
    apply(store, &batch(1, vec![phone_op(1, 0, 1), phone_op(2, 1, 2)]));
    apply(store, &batch(2, vec![phone_op(3, 0, 3), phone_op(1, 0, 4)]));

    let all = store
        .pull(&[region(0), region(1)], None, 0, PageLimit::changes(100))
        .unwrap();
    assert!(!all.more);
    let seqs: Vec<u64> = all.changes.iter().map(|c| c.seq).collect();
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "in change order: {seqs:?}"
    );
    let records: Vec<Uuid> = all.changes.iter().map(|c| c.record).collect();
    assert_eq!(
        records,
        vec![record(2), record(3), record(1)],
        "a record once, at its latest change"
    );

    let only = store
        .pull(&[region(1)], None, 0, PageLimit::changes(100))
        .unwrap();
    assert_eq!(only.changes.len(), 1);
    assert_eq!(only.changes[0].region, region(1));

    let mut cursor = 0;
    let mut paged = Vec::new();
    loop {
        let page = store
            .pull(&[region(0), region(1)], None, cursor, PageLimit::changes(1))
            .unwrap();
        assert!(page.changes.len() <= 1);
        paged.extend(page.changes.iter().map(|c| c.seq));
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(paged, seqs, "paging in ones gives the same changes");

    // Sized by bytes: a page stops once its changes reach the size, but holds at least one.
    let one = sync_protocol::codec::encoded_len(&all.changes[0]);
    for (bytes, per_page) in [(1, 1), (one, 1), (one + 1, 2)] {
        let limit = PageLimit {
            changes: 100,
            bytes,
        };
        let first = store.pull(&[region(0), region(1)], None, 0, limit).unwrap();
        assert_eq!(first.changes.len(), per_page, "{bytes} bytes");
        assert!(first.more);
        let rest = store
            .pull(
                &[region(0), region(1)],
                None,
                first.cursor,
                PageLimit::changes(100),
            )
            .unwrap();
        let both: Vec<u64> = first
            .changes
            .iter()
            .chain(&rest.changes)
            .map(|c| c.seq)
            .collect();
        assert_eq!(both, seqs, "the next page goes on where a full one stopped");
    }
    let past = store
        .pull(&[region(0)], None, cursor, PageLimit::changes(100))
        .unwrap();
    assert!(past.changes.is_empty() && !past.more);
}

pub fn an_admin_act_applies_once(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let store = store.as_ref();
    let code = Digest::of(b"ABCD-EFGH");
    let issued = AdminEvent::CodeIssued {
        code,
        agent: "Agent Amina".into(),
        regions: vec![region(0)],
        expires: Hlc::new(9_000_000, 0),
    };
    admin(store, 1, issued.clone());
    let kept = store.code(&code).unwrap().unwrap();
    assert_eq!((kept.agent.as_str(), kept.used_by), ("Agent Amina", None));

    let enrolled = AdminEvent::Enrolled {
        code,
        device: DEVICE,
        public_key: PublicKey::from_slice(&[7; 32]).unwrap(),
        label: "handset 1".into(),
    };
    admin(store, 2, enrolled.clone());
    admin(store, 2, enrolled);
    admin(store, 1, issued);
    assert_eq!(store.code(&code).unwrap().unwrap().used_by, Some(DEVICE));
    let device = store.device(DEVICE).unwrap().unwrap();
    assert_eq!(device.regions, vec![region(0)]);
    assert_eq!(store.devices().unwrap().len(), 1);
    assert_eq!(store.stats().unwrap().devices, 1, "counted once");

    admin(
        store,
        3,
        AdminEvent::Revoked {
            device: DEVICE,
            reason: "stolen".into(),
        },
    );
    let revoked = store.device(DEVICE).unwrap().unwrap().revoked.unwrap();
    assert_eq!(revoked.reason, "stolen");

    let user = crate::auth::new_user(
        "amina",
        crate::auth::Role::NationalOfficer,
        vec![],
        "a long password",
        Hlc::new(5, 0),
    )
    .unwrap();
    admin(
        store,
        4,
        AdminEvent::UserAdded {
            user: user.clone().into(),
        },
    );
    assert_eq!(store.user("amina").unwrap(), Some(user));
    assert_eq!(store.users().unwrap().len(), 1);
}

pub fn nonces_only_move_forward(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    assert!(store.advance_nonce(DEVICE, 5).unwrap());
    assert!(!store.advance_nonce(DEVICE, 5).unwrap(), "a replay");
    assert!(!store.advance_nonce(DEVICE, 4).unwrap());
    assert!(store.advance_nonce(DEVICE, 6).unwrap());
    assert!(
        store.advance_nonce(Uuid::from_u128(0xD2), 1).unwrap(),
        "per device"
    );
}

pub fn sessions_are_kept_by_token_digest(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let token = Digest::of(b"token");
    assert_eq!(store.session(&token).unwrap(), None);
    let session = crate::auth::Session {
        user: "amina".into(),
        role: crate::auth::Role::RegionalOfficer,
        regions: vec![region(1)],
        expires: Hlc::new(10, 0),
        issued: Hlc::new(5, 0),
    };
    store.put_session(token, &session).unwrap();
    assert_eq!(store.session(&token).unwrap(), Some(session.clone()));
    assert_eq!(store.session(&Digest::of(b"other")).unwrap(), None);
    // Purging removes what expired before the time given, and only that.
    let later = Digest::of(b"later");
    let live = crate::auth::Session {
        expires: Hlc::new(100, 0),
        ..session.clone()
    };
    store.put_session(later, &live).unwrap();
    assert_eq!(store.purge_sessions(Hlc::new(10, 0)).unwrap(), 0);
    assert_eq!(store.purge_sessions(Hlc::new(50, 0)).unwrap(), 1);
    assert_eq!(store.session(&token).unwrap(), None);
    assert_eq!(store.session(&later).unwrap(), Some(live));
}

pub fn a_fork_is_kept_once(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let store = store.as_ref();
    apply(store, &batch(1, vec![phone_op(1, 0, 1)]));
    let other = Digest::of(b"another batch 1");
    assert!(!store.has_fork(DEVICE, 1, other).unwrap());
    for _ in 0..2 {
        store
            .record_fork(
                Hlc::new(4_000_000, 0),
                DEVICE,
                1,
                other,
                b"its bytes",
                &Checks::without_regions(),
            )
            .unwrap();
    }
    assert!(store.has_fork(DEVICE, 1, other).unwrap());
    assert_eq!(store.stats().unwrap().forks, 1);
    assert_eq!(
        store.head(DEVICE).unwrap().digest,
        digest(1),
        "the chain stays"
    );
}

pub fn a_quarantined_batch_moves_the_chain_and_is_listed_once(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let store = store.as_ref();
    let entry = Quarantined {
        id: Uuid::from_u128(0x0A),
        kind: QuarantineKind::Batch,
        at: LogPosition {
            segment: 0,
            offset: 96,
        },
        device: Some(DEVICE),
        seq: Some(1),
        digest: Some(digest(1)),
        received: Some(Hlc::new(5, 0)),
        error: "cannot be applied".into(),
        quarantined_at: Hlc::new(6, 0),
    };
    let ack = PushAck {
        device: DEVICE,
        seq: 1,
        digest: digest(1),
        received: Hlc::new(5, 0),
        ops: 1,
    };
    for _ in 0..2 {
        store
            .quarantine(&entry, Some(&ack), &Checks::without_regions())
            .unwrap();
    }
    assert_eq!(store.quarantined().unwrap(), vec![entry]);
    assert_eq!(store.stats().unwrap().quarantined, 1);
    assert_eq!(store.head(DEVICE).unwrap().seq, 1);
    assert_eq!(store.accepted(DEVICE, 1).unwrap(), Some(ack));
    // The device's next batch follows it.
    assert_eq!(apply(store, &batch(2, vec![phone_op(1, 0, 1)])).seq, 2);
}

pub fn a_parked_batch_is_found_by_device_and_number(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let parked = Parked {
        device: DEVICE,
        seq: 3,
        received: Hlc::new(7, 0),
        json: false,
        body: Bytes(vec![1, 2, 3]),
        at: LogPosition {
            segment: 0,
            offset: 512,
        },
    };
    store.park(&parked).unwrap();
    assert_eq!(store.parked(DEVICE, 3).unwrap(), Some(parked));
    assert_eq!(store.parked(DEVICE, 2).unwrap(), None);
    assert_eq!(store.stats().unwrap().parked, 1);
}

pub fn cells_kept_at_ingest_equal_a_rebuild(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let store = store.as_ref();
    apply(store, &batch(1, vec![phone_op(1, 0, 1), phone_op(2, 1, 2)]));
    apply(store, &batch(2, vec![phone_op(1, 1, 3)]));
    assert!(
        store.cell_regions().unwrap().contains(&region(1)),
        "the miners filed in region 1 are counted there"
    );
    let kept = store.cells(None, i32::MIN, i32::MAX).unwrap();
    assert!(!kept.is_empty());
    let report = store
        .rebuild_rollups(&Checks::without_regions(), &|| {})
        .unwrap();
    assert_eq!(report.differences, 0, "{report:?}");
    assert_eq!(report.records, 2);
    assert_eq!(store.cells(None, i32::MIN, i32::MAX).unwrap(), kept);
}

pub fn a_group_of_batches_stores_what_one_by_one_stores(open: Open) {
    let (one, group) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (one, group) = (open(one.path()), open(group.path()));
    let other = Uuid::from_u128(0xD2);
    let first = batch(1, vec![phone_op(1, 0, 1), phone_op(2, 1, 2)]);
    let mut second = batch(1, vec![phone_op(3, 0, 3), phone_op(4, 1, 4)]);
    second.device = other;
    let third = batch(2, vec![phone_op(1, 1, 5)]);
    let checks = Checks::without_regions();
    let at = |n: u64| Hlc::new(2_000_000 + n, 0);
    let mut acks = Vec::new();
    for (n, b) in [&first, &second].into_iter().enumerate() {
        acks.push(
            one.apply_batch(at(n as u64), b, digest(b.seq), &checks)
                .unwrap(),
        );
    }
    let grouped = group
        .apply_batches(
            &[(at(0), &first, digest(1)), (at(1), &second, digest(1))],
            &checks,
        )
        .unwrap();
    assert_eq!(grouped, acks);
    // A later batch follows either way.
    one.apply_batch(at(2), &third, digest(2), &checks).unwrap();
    group
        .apply_batches(&[(at(2), &third, digest(2))], &checks)
        .unwrap();
    let records = |s: &dyn Store| {
        let mut r: Vec<_> = s
            .pull(&[region(0), region(1)], None, 0, PageLimit::changes(100))
            .unwrap()
            .changes
            .into_iter()
            .map(|c| (c.record, c.region, c.state))
            .collect();
        r.sort_by_key(|(id, _, _)| *id);
        r
    };
    assert_eq!(records(one.as_ref()), records(group.as_ref()));
    for device in [DEVICE, other] {
        assert_eq!(one.head(device).unwrap(), group.head(device).unwrap());
    }
    let (a, b) = (one.stats().unwrap(), group.stats().unwrap());
    assert_eq!(
        (a.accepted_batches, a.accepted_ops, a.records),
        (b.accepted_batches, b.accepted_ops, b.records)
    );
    assert_eq!(
        one.cells(None, i32::MIN, i32::MAX).unwrap(),
        group.cells(None, i32::MIN, i32::MAX).unwrap()
    );

    // A group with a batch that is not next in its chain stores nothing.
    let stale = batch(5, vec![phone_op(6, 0, 6)]);
    let mut fresh = batch(2, vec![phone_op(7, 0, 7)]);
    fresh.device = other;
    assert!(group
        .apply_batches(
            &[(at(3), &fresh, digest(2)), (at(4), &stale, digest(5))],
            &checks
        )
        .is_err());
    assert_eq!(group.head(other).unwrap().seq, 1);
    assert!(group
        .record(Collection::Miner, record(7))
        .unwrap()
        .is_none());
}

pub fn what_is_stored_survives_a_reopen(open: Open) {
    let dir = tempfile::tempdir().unwrap();
    let ack = {
        let store = open(dir.path());
        let ack = apply(store.as_ref(), &batch(1, vec![phone_op(1, 0, 1)]));
        store.flush().unwrap();
        ack
    };
    let store = open(dir.path());
    assert_eq!(store.accepted(DEVICE, 1).unwrap(), Some(ack));
    assert!(store
        .record(Collection::Miner, record(1))
        .unwrap()
        .is_some());
}

/// Every test of the contract, for the backend `open` makes.
macro_rules! store_contract {
    ($open:expr) => {
        mod contract {
            use super::*;
            use $crate::store::contract as c;

            #[test]
            fn a_batch_applies_its_records_chain_and_ack_together_and_only_once() {
                c::a_batch_applies_its_records_chain_and_ack_together_and_only_once($open)
            }
            #[test]
            fn a_pull_pages_in_change_order_within_its_regions() {
                c::a_pull_pages_in_change_order_within_its_regions($open)
            }
            #[test]
            fn an_admin_act_applies_once() {
                c::an_admin_act_applies_once($open)
            }
            #[test]
            fn nonces_only_move_forward() {
                c::nonces_only_move_forward($open)
            }
            #[test]
            fn sessions_are_kept_by_token_digest() {
                c::sessions_are_kept_by_token_digest($open)
            }
            #[test]
            fn a_fork_is_kept_once() {
                c::a_fork_is_kept_once($open)
            }
            #[test]
            fn a_quarantined_batch_moves_the_chain_and_is_listed_once() {
                c::a_quarantined_batch_moves_the_chain_and_is_listed_once($open)
            }
            #[test]
            fn a_parked_batch_is_found_by_device_and_number() {
                c::a_parked_batch_is_found_by_device_and_number($open)
            }
            #[test]
            fn cells_kept_at_ingest_equal_a_rebuild() {
                c::cells_kept_at_ingest_equal_a_rebuild($open)
            }
            #[test]
            fn a_group_of_batches_stores_what_one_by_one_stores() {
                c::a_group_of_batches_stores_what_one_by_one_stores($open)
            }
            #[test]
            fn what_is_stored_survives_a_reopen() {
                c::what_is_stored_survives_a_reopen($open)
            }
        }
    };
}
pub(crate) use store_contract;
