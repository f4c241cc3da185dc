//! Convergence at the level of ops and batches, as the server and the devices see them.
//!
//! Devices record ops offline (registrations, edits of a few shared miners with the base
//! they last saw, production facts, corrections, voids), seal them into signed, chained
//! batches, and a simulated server receives those batches in any order that keeps each
//! device's own batches in sequence, with duplicates. Like the real server it fixes each
//! batch's `received` stamp at its first delivery, acknowledges a re-delivery without
//! applying it again, and applies each op at `effective_stamp(op.stamp, received)`.
//!
//! Properties:
//! - given the receipts the server stored, every delivery order, re-applying duplicates or
//!   not, gives exactly the same state per record (a rebuild from the batch log is
//!   the live state); when no device clock is ahead of the server's, even a second server
//!   with its own receipts reaches exactly the same state;
//! - replicas that merge the server's compacted states (the changes a pull returns) in
//!   different orders, with duplicates, and the devices themselves after pulling, all show
//!   the server's `visible_json()`;
//! - concurrent edits of different fields keep both values; concurrent edits of one field
//!   leave exactly one conflict loser, the same everywhere.

use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

use sync_protocol::api::PushAck;
use sync_protocol::batch::{Batch, DeviceKey, Digest, PublicKey, Signed};
use sync_protocol::clock::{effective_stamp, Clock, Hlc};
use sync_protocol::merge::{FieldValue, RecordState, WriteId};
use sync_protocol::op::{Op, OpBody, Set};
use sync_protocol::records::*;
use sync_protocol::values::*;

type Key = (Collection, Uuid);
type States = BTreeMap<Key, AnyRecord>;

/// Device wall clocks start here (2025-11-24).
const T0: u64 = 1_764_000_000_000;
/// Wall-clock milliseconds between two steps of the devices' script.
const STEP_MS: u64 = 1_000;
/// How far a device whose clock is wrong runs ahead.
const YEAR_MS: u64 = 365 * 24 * 3_600 * 1_000;

fn region() -> Uuid {
    Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0a01)
}

fn shared_miner(n: usize) -> Uuid {
    Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0001_0000 + n as u128)
}

fn device_id(d: usize) -> Uuid {
    Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0000 + d as u128 + 1)
}

fn new_miner(names: &str) -> Miner {
    Miner {
        names: PersonName::parse(names).unwrap(),
        sex: Sex::Female,
        birth_year: BirthYear::new(1990).unwrap(),
        home_region: region(),
        registered_on: parse_day("2025-11-24").unwrap(),
        registered_by: Text::parse("agent").unwrap(),
        national_id: None,
        phone: None,
        cooperative: None,
        registered_at: None,
    }
}

/// A small pool of values per editable miner field, so that edits often collide.
fn miner_field(field: usize, value: usize) -> MinerField {
    const NAMES: [&str; 3] = ["Aminata Kamara", "Fatmata Sesay", "Ibrahim Koroma"];
    const PHONES: [&str; 2] = ["+232 76 100001", "+232 76 100002"];
    const COOPS: [&str; 2] = ["Kono Diggers", "Tongo Field Union"];
    match field % 5 {
        0 => MinerField::Names(PersonName::parse(NAMES[value % 3]).unwrap()),
        1 => MinerField::Phone((value % 3 < 2).then(|| Phone::parse(PHONES[value % 2]).unwrap())),
        2 => {
            MinerField::Cooperative((value % 3 < 2).then(|| Text::parse(COOPS[value % 2]).unwrap()))
        }
        3 => MinerField::BirthYear(BirthYear::new(1980 + value as u16 % 3).unwrap()),
        _ => MinerField::Sex([Sex::Female, Sex::Male, Sex::Unspecified][value % 3]),
    }
}

fn production(stones: &[u64]) -> Production {
    Production {
        licence: Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_1c01),
        miner: None,
        date: parse_day("2025-11-24").unwrap(),
        fix: GeoFix {
            point: Point::new(-11.5, 8.25).unwrap(),
            accuracy: AccuracyMetres::new(10).unwrap(),
        },
        diggers: Diggers::new(5).unwrap(),
        gravel: GravelLitres::new(2_000).unwrap(),
        stones: Stones::Weighed(
            stones
                .iter()
                .map(|&h| Carats::from_hundredths(h).unwrap())
                .collect(),
        ),
        mineral: Mineral::Diamond,
    }
}

fn reason(text: &str) -> Reason {
    Reason::parse(text).unwrap()
}

/// The write a replica currently shows in one field: what an edit names as its base.
fn seen<F: FieldValue>(state: &RecordState<F>, field: &str) -> Option<WriteId> {
    state.fields.get(field)?.winner().map(|w| w.id)
}

/// One handset: its key, clock, local replica, pending ops and sealed batches.
struct Device {
    id: Uuid,
    key: DeviceKey,
    clock: Clock,
    /// Added to the true time: how wrong this device's clock is.
    skew_ms: i64,
    local: States,
    pending: Vec<Op>,
    batches: Vec<Vec<u8>>,
    last_digest: Digest,
    productions: u128,
}

impl Device {
    fn new(d: usize, skew_ms: i64) -> Self {
        Self {
            id: device_id(d),
            key: DeviceKey::from_seed(&[d as u8 + 1; 32]).unwrap(),
            clock: Clock::default(),
            skew_ms,
            local: States::new(),
            pending: Vec::new(),
            batches: Vec::new(),
            last_digest: Digest::ZERO,
            productions: 0,
        }
    }

    fn wall(&self, now: u64) -> u64 {
        now.saturating_add_signed(self.skew_ms)
    }

    /// Records an op as the real client does: stamp it, apply it locally with no effective
    /// stamp yet, queue it.
    fn record(&mut self, now: u64, collection: Collection, record: Uuid, body: OpBody) {
        let op = Op {
            record,
            stamp: self.clock.tick(self.wall(now)),
            region: region(),
            body,
        };
        let state = self
            .local
            .entry((collection, record))
            .or_insert_with(|| AnyRecord::empty(collection));
        op.apply(state, self.id, None);
        self.pending.push(op);
    }

    /// Seals the pending ops into the next batch of this device's chain.
    fn seal(&mut self, now: u64) {
        if self.pending.is_empty() {
            return;
        }
        let batch = Batch {
            device: self.id,
            seq: self.batches.len() as u64 + 1,
            prev: self.last_digest,
            sealed_at: self.clock.tick(self.wall(now)),
            ops: std::mem::take(&mut self.pending),
        };
        let signed = Signed::seal(&batch, &self.key).unwrap();
        self.last_digest = signed.digest();
        self.batches.push(signed.to_bytes().unwrap());
    }

    /// Takes in what a pull returned: merges the states and observes the server's clock.
    fn pull(&mut self, now: u64, changes: &[(Key, AnyRecord)], server_time: Hlc) {
        for (k, state) in changes {
            self.local
                .entry(*k)
                .or_insert_with(|| AnyRecord::empty(k.0))
                .merge(state);
        }
        self.clock.observe(server_time, self.wall(now));
    }
}

/// The server's side of push, as the real server does it, without storage.
struct Server {
    clock: Clock,
    /// The server's wall clock; one tick per delivery.
    wall: u64,
    keys: HashMap<Uuid, PublicKey>,
    /// Per device, per accepted seq: the digest and the stored acknowledgement.
    accepted: HashMap<Uuid, Vec<PushAck>>,
    /// Receipts to reuse instead of reading the clock: a rebuild from the batch log.
    log: Option<HashMap<(Uuid, u64), Hlc>>,
    /// Whether a re-delivered batch's ops are applied again (a crash between the log's sync
    /// and the state's: the batch is re-applied at start-up). Must change nothing.
    reapply_duplicates: bool,
    states: States,
    /// Every record's compacted state each time it changed: what pulls return.
    changes: Vec<(Key, AnyRecord)>,
    /// Whether any op took effect at its receipt rather than at its device stamp.
    capped: bool,
}

impl Server {
    fn new(devices: &[Device], start_ms: u64) -> Self {
        Self {
            clock: Clock::default(),
            wall: start_ms,
            keys: devices.iter().map(|d| (d.id, d.key.public_key())).collect(),
            accepted: HashMap::new(),
            log: None,
            reapply_duplicates: false,
            states: States::new(),
            changes: Vec::new(),
            capped: false,
        }
    }

    fn receipts(&self) -> HashMap<(Uuid, u64), Hlc> {
        self.accepted
            .values()
            .flatten()
            .map(|ack| ((ack.device, ack.seq), ack.received))
            .collect()
    }

    fn push(&mut self, body: &[u8]) -> PushAck {
        let signed = Signed::from_bytes(body).unwrap();
        let batch: Batch = signed.peek().unwrap();
        signed.verify(&self.keys[&batch.device]).unwrap();
        let chain = self.accepted.entry(batch.device).or_default();
        if let Some(ack) = chain.get(batch.seq as usize - 1) {
            // Already accepted: the same bytes get the same acknowledgement.
            assert_eq!(
                ack.digest,
                signed.digest(),
                "a fork in the test's own batches"
            );
            let ack = ack.clone();
            if self.reapply_duplicates {
                self.apply(&batch, ack.received);
            }
            return ack;
        }
        assert_eq!(
            batch.seq as usize,
            chain.len() + 1,
            "deliveries must keep each device's order"
        );
        let expected_prev = chain.last().map_or(Digest::ZERO, |a| a.digest);
        assert_eq!(batch.prev, expected_prev, "broken chain");
        self.wall += 250;
        let received = match &self.log {
            Some(log) => log[&(batch.device, batch.seq)],
            None => self.clock.tick(self.wall),
        };
        let ack = PushAck {
            device: batch.device,
            seq: batch.seq,
            digest: signed.digest(),
            received,
            ops: batch.ops.len() as u32,
        };
        self.accepted
            .get_mut(&batch.device)
            .unwrap()
            .push(ack.clone());
        self.apply(&batch, received);
        ack
    }

    fn apply(&mut self, batch: &Batch, received: Hlc) {
        for op in &batch.ops {
            let k = (op.collection(), op.record);
            let state = self
                .states
                .entry(k)
                .or_insert_with(|| AnyRecord::empty(k.0));
            let effective = effective_stamp(op.stamp, received);
            self.capped |= effective != op.stamp;
            op.apply(state, batch.device, Some(effective));
            self.changes.push((k, state.compact()));
        }
    }

    /// The server's clock as it would stamp the `placer-server-time` header now.
    fn time(&mut self) -> Hlc {
        self.wall += 1;
        self.clock.tick(self.wall)
    }
}

/// What one device does at one step of the script.
#[derive(Debug, Clone)]
enum Action {
    /// Registers shared miner `n`, unless this device already knows it.
    Register(usize),
    /// Edits some fields of shared miner `n` that this device knows; `blind` edits name no base.
    Edit {
        miner: usize,
        fields: Vec<(usize, usize)>,
        blind: bool,
    },
    /// Records a new production site-day.
    Produce(Vec<u64>),
    /// Corrects the `nth` production record this device knows.
    Correct(Index, Vec<u64>),
    /// Voids a miner (`true`) or a production record this device knows.
    Void(bool, Index),
    /// Receives another device's records (as a pull after that device's push would).
    Learn(Index),
    /// Seals the pending ops into a batch.
    Seal,
}

fn stones() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(1u64..2_000, 0..3)
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        2 => (0usize..3).prop_map(Action::Register),
        5 => (
            0usize..3,
            prop::collection::vec((0usize..5, 0usize..3), 1..3),
            prop::bool::weighted(0.2),
        )
            .prop_map(|(miner, fields, blind)| Action::Edit { miner, fields, blind }),
        2 => stones().prop_map(Action::Produce),
        2 => (any::<Index>(), stones()).prop_map(|(i, s)| Action::Correct(i, s)),
        1 => (any::<bool>(), any::<Index>()).prop_map(|(m, i)| Action::Void(m, i)),
        3 => any::<Index>().prop_map(Action::Learn),
        3 => Just(Action::Seal),
    ]
}

/// Runs the script: every device's ops, sealed into batches (the rest sealed at the end).
fn run_script(skews: &[i64], script: &[(Index, Action)]) -> Vec<Device> {
    let mut devices: Vec<Device> = skews
        .iter()
        .enumerate()
        .map(|(d, &s)| Device::new(d, s))
        .collect();
    let n = devices.len();
    for (step, (who, action)) in script.iter().enumerate() {
        let now = T0 + step as u64 * STEP_MS;
        let d = who.index(n);
        match action {
            Action::Register(m) => {
                let key = (Collection::Miner, shared_miner(*m));
                if !devices[d].local.contains_key(&key) {
                    let miner = new_miner(["Mariama Bangura", "Sia Kamanda", "Musa Conteh"][*m]);
                    let sets = miner.into_fields().into_iter().map(Set::new).collect();
                    devices[d].record(now, Collection::Miner, key.1, OpBody::Miner(sets));
                }
            }
            Action::Edit {
                miner,
                fields,
                blind,
            } => {
                let key = (Collection::Miner, shared_miner(*miner));
                let Some(AnyRecord::Miner(state)) = devices[d].local.get(&key) else {
                    continue;
                };
                let mut sets: Vec<Set<MinerField>> = Vec::new();
                for &(f, v) in fields {
                    let value = miner_field(f, v);
                    if sets.iter().any(|s| s.value.key() == value.key()) {
                        continue; // one op sets a field at most once
                    }
                    let base = if *blind {
                        None
                    } else {
                        seen(state, value.key())
                    };
                    sets.push(Set { value, base });
                }
                devices[d].record(now, Collection::Miner, key.1, OpBody::Miner(sets));
            }
            Action::Produce(s) => {
                devices[d].productions += 1;
                let id = Uuid::from_u128(((d as u128 + 1) << 64) | devices[d].productions);
                let sets = vec![Set::new(FactField::Body(production(s)))];
                devices[d].record(now, Collection::Production, id, OpBody::Production(sets));
            }
            Action::Correct(i, _) | Action::Void(false, i) => {
                let known: Vec<Uuid> = devices[d]
                    .local
                    .keys()
                    .filter(|k| k.0 == Collection::Production)
                    .map(|k| k.1)
                    .collect();
                if known.is_empty() {
                    continue;
                }
                let id = known[i.index(known.len())];
                let Some(AnyRecord::Production(state)) =
                    devices[d].local.get(&(Collection::Production, id))
                else {
                    unreachable!()
                };
                let set = match action {
                    Action::Correct(_, s) => Set {
                        value: FactField::Body(production(s)),
                        base: seen(state, "body"),
                    },
                    _ => Set {
                        value: FactField::Void(reason("recorded twice")),
                        base: seen(state, "void"),
                    },
                };
                devices[d].record(
                    now,
                    Collection::Production,
                    id,
                    OpBody::Production(vec![set]),
                );
            }
            Action::Void(true, i) => {
                let key = (Collection::Miner, shared_miner(i.index(3)));
                let Some(AnyRecord::Miner(state)) = devices[d].local.get(&key) else {
                    continue;
                };
                let set = Set {
                    value: MinerField::Void(reason("registered twice")),
                    base: seen(state, "void"),
                };
                devices[d].record(now, Collection::Miner, key.1, OpBody::Miner(vec![set]));
            }
            Action::Learn(from) => {
                let from = from.index(n);
                if from != d {
                    let theirs: Vec<(Key, AnyRecord)> = devices[from]
                        .local
                        .iter()
                        .map(|(k, s)| (*k, s.clone()))
                        .collect();
                    let their_clock = devices[from].clock.last();
                    devices[d].pull(now, &theirs, their_clock);
                }
            }
            Action::Seal => devices[d].seal(now),
        }
    }
    let end = T0 + script.len() as u64 * STEP_MS;
    for dev in &mut devices {
        dev.seal(end);
    }
    devices
}

/// A delivery order: `(device, seq)` pairs that keep each device's batches in sequence,
/// with re-deliveries of batches already delivered, ending with every batch delivered.
fn schedule(devices: &[Device], picks: &[(bool, Index)]) -> Vec<(usize, usize)> {
    let mut next = vec![0usize; devices.len()];
    let mut delivered: Vec<(usize, usize)> = Vec::new();
    let mut order = Vec::new();
    let waiting = |next: &[usize]| -> Vec<usize> {
        (0..devices.len())
            .filter(|&d| next[d] < devices[d].batches.len())
            .collect()
    };
    for (again, i) in picks {
        let ready = waiting(&next);
        let item = if (*again || ready.is_empty()) && !delivered.is_empty() {
            delivered[i.index(delivered.len())]
        } else if let Some(&d) = ready.get(i.index(ready.len().max(1))) {
            next[d] += 1;
            delivered.push((d, next[d] - 1));
            (d, next[d] - 1)
        } else {
            continue;
        };
        order.push(item);
    }
    while let Some(&d) = waiting(&next).first() {
        order.push((d, next[d]));
        next[d] += 1;
    }
    order
}

fn deliver(server: &mut Server, devices: &[Device], order: &[(usize, usize)]) {
    let mut acks: HashMap<(usize, usize), PushAck> = HashMap::new();
    for &(d, s) in order {
        let ack = server.push(&devices[d].batches[s]);
        // A re-delivery gets exactly the first acknowledgement.
        let first = acks.entry((d, s)).or_insert_with(|| ack.clone());
        assert_eq!(*first, ack);
    }
}

fn visible(states: &States) -> BTreeMap<Key, serde_json::Value> {
    states.iter().map(|(k, s)| (*k, s.visible_json())).collect()
}

/// A replica that merges the given changes in the given order.
fn replica(changes: &[(Key, AnyRecord)], order: impl IntoIterator<Item = usize>) -> States {
    let mut states = States::new();
    for i in order {
        let (k, s) = &changes[i];
        states
            .entry(*k)
            .or_insert_with(|| AnyRecord::empty(k.0))
            .merge(s);
    }
    states
}

fn shuffled(len: usize, seed: &[Index]) -> Vec<usize> {
    let mut v: Vec<usize> = (0..len).collect();
    for (i, ix) in seed.iter().enumerate() {
        if len > 1 {
            v.swap(i % len, ix.index(len));
        }
    }
    // Duplicates: deliver some changes a second time.
    v.extend(
        seed.iter()
            .take(len / 2)
            .map(|ix| ix.index(len.max(1)))
            .filter(|_| len > 0),
    );
    v
}

fn skew() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => -30_000i64..30_000,
        1 => Just(3 * YEAR_MS as i64),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_delivery_order_converges(
        skews in prop::collection::vec(skew(), 2..=4),
        script in prop::collection::vec((any::<Index>(), action()), 1..60),
        server_start in 0u64..80_000,
        order_a in prop::collection::vec((prop::bool::weighted(0.3), any::<Index>()), 0..40),
        order_b in prop::collection::vec((prop::bool::weighted(0.3), any::<Index>()), 0..40),
        replica_seed in prop::collection::vec(any::<Index>(), 0..200),
    ) {
        let mut devices = run_script(&skews, &script);
        let start = T0 + server_start;

        // The live server: receipts from its clock, re-deliveries acknowledged, not applied.
        let mut live = Server::new(&devices, start);
        deliver(&mut live, &devices, &schedule(&devices, &order_a));

        // A rebuild from the batch log in another order, re-applying every duplicate.
        let mut rebuild = Server::new(&devices, start);
        rebuild.log = Some(live.receipts());
        rebuild.reapply_duplicates = true;
        deliver(&mut rebuild, &devices, &schedule(&devices, &order_b));
        prop_assert_eq!(&rebuild.states, &live.states);

        // A second server with its own receipts: the same state whenever no op was capped,
        // since then every effective stamp is the device's own.
        let mut other = Server::new(&devices, start + 7);
        deliver(&mut other, &devices, &schedule(&devices, &order_b));
        if !live.capped && !other.capped {
            prop_assert_eq!(&other.states, &live.states);
        }

        // Replicas merging the pulled changes in order, and shuffled with duplicates.
        let want = visible(&live.states);
        let in_order = replica(&live.changes, 0..live.changes.len());
        let mixed = replica(&live.changes, shuffled(live.changes.len(), &replica_seed));
        prop_assert_eq!(&visible(&in_order), &want);
        prop_assert_eq!(&visible(&mixed), &want);
        prop_assert_eq!(&in_order, &mixed);
        // Only the final compacted states, in reverse order.
        let finals: Vec<(Key, AnyRecord)> =
            live.states.iter().rev().map(|(k, s)| (*k, s.compact())).collect();
        prop_assert_eq!(&visible(&replica(&finals, 0..finals.len())), &want);

        // Every device, after pulling everything, shows what the server shows, conflicts
        // included, although its own writes were provisional until then.
        let server_time = live.time();
        let end = T0 + script.len() as u64 * STEP_MS;
        for dev in &mut devices {
            dev.pull(end, &live.changes, server_time);
            prop_assert_eq!(&visible(&dev.local), &want);
            for (k, s) in &dev.local {
                prop_assert_eq!(s.conflicts_json(), live.states[k].conflicts_json());
            }
        }
    }
}

/// Two devices that both pulled a miner's registration edit it offline; `fields` are the
/// (field, value) pairs each sets. Returns the devices, the live server, and its states.
fn concurrent_edits(
    skews: [i64; 3],
    fields: [(usize, usize); 2],
    order: &[(bool, Index)],
) -> (Vec<Device>, Server) {
    let miner = shared_miner(0);
    let mut devices: Vec<Device> = skews
        .iter()
        .enumerate()
        .map(|(d, &s)| Device::new(d, s))
        .collect();
    let mut server = Server::new(&devices, T0 + 60_000);

    // Device 0 registers the miner; the server receives it.
    let sets = new_miner("Mariama Bangura")
        .into_fields()
        .into_iter()
        .map(Set::new)
        .collect();
    devices[0].record(T0, Collection::Miner, miner, OpBody::Miner(sets));
    devices[0].seal(T0 + 100);
    server.push(&devices[0].batches[0]);

    // Devices 1 and 2 pull it, observing the server's time, then each edits offline.
    let pulled: Vec<(Key, AnyRecord)> = server
        .states
        .iter()
        .map(|(k, s)| (*k, s.compact()))
        .collect();
    for (d, &(f, v)) in [1usize, 2].into_iter().zip(fields.iter()) {
        let now = T0 + 120_000 + d as u64 * 5_000;
        let time = server.time();
        devices[d].pull(now, &pulled, time);
        let Some(AnyRecord::Miner(state)) = devices[d].local.get(&(Collection::Miner, miner))
        else {
            unreachable!()
        };
        let value = miner_field(f, v);
        let base = seen(state, value.key());
        assert!(base.is_some());
        devices[d].record(
            now + 1_000,
            Collection::Miner,
            miner,
            OpBody::Miner(vec![Set { value, base }]),
        );
        devices[d].seal(now + 2_000);
    }

    // The two edits arrive in any order, with duplicates (the registration among them).
    let mut already = [1usize, 0, 0];
    let mut rest = vec![(1usize, 0usize), (2, 0)];
    for (again, i) in order {
        if *again || rest.is_empty() {
            let d = i.index(3);
            if already[d] > 0 {
                server.push(&devices[d].batches[0]);
            }
        } else {
            let (d, s) = rest.remove(i.index(rest.len()));
            server.push(&devices[d].batches[s]);
            already[d] += 1;
        }
    }
    for (d, s) in rest {
        server.push(&devices[d].batches[s]);
    }
    (devices, server)
}

/// Every replica: each device after a pull, and two replicas merging in opposite orders.
fn replicas_of(devices: &mut [Device], server: &mut Server) -> Vec<States> {
    let time = server.time();
    let mut all = Vec::new();
    for dev in devices.iter_mut() {
        dev.pull(T0 + 10 * YEAR_MS, &server.changes, time);
        all.push(dev.local.clone());
    }
    let n = server.changes.len();
    all.push(replica(&server.changes, 0..n));
    all.push(replica(&server.changes, (0..n).rev()));
    all
}

fn edit_skew() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => -200_000i64..200_000,
        1 => Just(3 * YEAR_MS as i64),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn concurrent_edits_of_different_fields_both_survive(
        skews in [edit_skew(), edit_skew(), edit_skew()],
        fields in (0usize..5, 0usize..3, 1usize..5, 0usize..3),
        order in prop::collection::vec((any::<bool>(), any::<Index>()), 0..8),
    ) {
        let (f1, v1, df, v2) = fields;
        let f2 = (f1 + df) % 5; // a different field
        let (mut devices, mut server) = concurrent_edits(skews, [(f1, v1), (f2, v2)], &order);
        let key = (Collection::Miner, shared_miner(0));
        let AnyRecord::Miner(state) = &server.states[&key] else { unreachable!() };
        let current: Vec<MinerField> = state.current().cloned().collect();
        prop_assert!(current.contains(&miner_field(f1, v1)));
        prop_assert!(current.contains(&miner_field(f2, v2)));
        prop_assert!(server.states[&key].conflicts_json().is_empty());
        let want = server.states[&key].visible_json();
        let view = server.states[&key].current_json();
        for r in replicas_of(&mut devices, &mut server) {
            prop_assert_eq!(r[&key].visible_json(), want.clone());
            prop_assert_eq!(r[&key].current_json(), view.clone());
            prop_assert!(r[&key].conflicts_json().is_empty());
        }
    }

    #[test]
    fn concurrent_edits_of_one_field_leave_one_conflict(
        skews in [edit_skew(), edit_skew(), edit_skew()],
        field in 0usize..5,
        values in (0usize..3, 1usize..3),
        order in prop::collection::vec((any::<bool>(), any::<Index>()), 0..8),
    ) {
        let (v1, dv) = values;
        let v2 = (v1 + dv) % 3;
        let (mut devices, mut server) = concurrent_edits(skews, [(field, v1), (field, v2)], &order);
        let key = (Collection::Miner, shared_miner(0));
        let AnyRecord::Miner(state) = &server.states[&key] else { unreachable!() };
        let name = miner_field(field, 0).key();

        // The winner is the edit with the later (effective stamp, write id); the other is
        // the one conflict, whichever order the batches arrived in.
        let edits: Vec<_> = state.fields[name].writes.iter().filter(|w| w.base.is_some()).collect();
        prop_assert_eq!(edits.len(), 2);
        let (loser, winner) = if edits[0].order() < edits[1].order() {
            (edits[0], edits[1])
        } else {
            (edits[1], edits[0])
        };
        let conflicts = state.conflicts();
        prop_assert_eq!(conflicts.len(), 1);
        prop_assert_eq!(conflicts[0].field.as_str(), name);
        prop_assert_eq!(conflicts[0].winner.id, winner.id);
        prop_assert_eq!(conflicts[0].losers.len(), 1);
        prop_assert_eq!(conflicts[0].losers[0].id, loser.id);
        prop_assert_eq!(state.fields[name].winner().map(|w| w.id), Some(winner.id));

        let want = server.states[&key].conflicts_json();
        let visible = server.states[&key].visible_json();
        for r in replicas_of(&mut devices, &mut server) {
            prop_assert_eq!(r[&key].conflicts_json(), want.clone());
            prop_assert_eq!(r[&key].visible_json(), visible.clone());
        }
    }
}
