//! The device side of sync: what a field agent's handset runs, offline for weeks.
//!
//! A [`Device`] keeps its records and its pending ops in its own sled directory
//! ([`store`]). Recording an op applies it locally and queues it in one atomic write, so a
//! recorded op is never lost. [`Device::sync`] then:
//! 1. seals the pending ops into batches (chained, signed) and moves them to the outbox,
//!    atomically, keeping the exact bytes;
//! 2. sends each outbox batch until the server acknowledges it (a resend after a lost
//!    acknowledgement gets the same acknowledgement), then moves it from the outbox to the
//!    kept batches, in one atomic write;
//! 3. pulls the changes of its regions page by page, merging each page and advancing the
//!    cursor in one atomic write, so a page is never applied twice.
//!
//! Killing the process between any two steps leaves a state the next `sync` continues from.
//!
//! # Kept batches
//! An acknowledged batch is kept for [`KEPT_BATCH_DAYS`] (by the device's clock, which
//! follows the server's at every sync), because a server whose disk was damaged may lose
//! an acknowledged batch in its repair. It then answers the device's next push
//! `sequence_gap` with the number it lacks, below the batch sent; the device sends its kept
//! batches from that number on, in order, and goes on with its outbox. A batch the server
//! asks for that is no longer kept is an error naming it, for an administrator.
//! Every answer from the server carries its clock, which the device's clock observes.
//!
//! # The key
//! The device's signing key is sealed at rest under a key-encryption key the platform
//! keeps ([`keys`]); a [`Device`] is opened with the [`KeyStore`] that opens it.

pub mod keys;
mod photos;
mod store;
pub mod transport;

use serde_json::Value as Json;
use uuid::Uuid;

use crate::api::{
    DeviceFlag, EnrolRequest, Enrolment, NotesCursor, NotesRequest, PullRequest, PushAck,
};
use crate::batch::{Batch, Bytes, DeviceKey, Digest, Signed};
use crate::clock::{wall_ms, Clock, Hlc};
use crate::error::ProtocolError;
use crate::failpoint;
use crate::merge::{FieldValue, RecordState, WriteId};
use crate::op::{Op, OpBody, Set};
use crate::records::*;
use crate::values::Reason;
pub use keys::{Kek, KeyStore};
use store::{
    key, record_key, seq_key, Store, Writes, FILED, KEPT, NOTE, OPENING, OUTBOX, PENDING, RECORD,
};
pub use transport::Transport;

/// At most this many ops go into one batch; more pending ops make several batches.
pub const MAX_OPS_PER_BATCH: usize = 2_000;
/// A batch takes no more ops once their encoding reaches this many bytes: about 30 KB
/// compressed, 5 s on a 50 kbit/s link. A large outbox goes up in pieces the server
/// acknowledges one by one, and a cut costs at most one piece.
pub const MAX_BATCH_BYTES: usize = 128 * 1024;
/// Changes asked for per pull page: the server's most, so that it sizes pages by bytes.
pub const PULL_PAGE: u32 = 5_000;
/// Flags asked for per notes page: the server's most.
pub const NOTES_PAGE: u32 = 500;
/// How long an acknowledged batch is kept, to be sent again if the server loses it: long
/// enough for an operator to find and repair a damaged disk, short enough that a handset
/// syncing weekly keeps a dozen batches, not a season's.
pub const KEPT_BATCH_DAYS: u64 = 60;

/// What the device knows of itself once enrolled.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Identity {
    pub device: Uuid,
    pub agent: String,
    pub server: String,
    pub regions: Vec<Uuid>,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct SyncReport {
    pub batches_sealed: u64,
    pub batches_acknowledged: u64,
    /// Acknowledged batches sent again because the server asked for them.
    pub batches_resent: u64,
    /// Batches whose acknowledgement was lost, found accepted by asking instead of being
    /// sent again.
    pub batches_not_resent: u64,
    pub ops_acknowledged: u64,
    /// Personal values whose openings the server took (see [`crate::personal`]).
    pub values_opened: u64,
    /// Photos the server now holds complete.
    pub photos_sent: u64,
    pub changes_pulled: u64,
    pub cursor: u64,
    pub server_time: Option<String>,
    /// Attempts made (1 when the first went through).
    pub attempts: u32,
    /// Body bytes over the link, as sent and received (compressed), for transports that
    /// count them.
    pub bytes_up: u64,
    pub bytes_down: u64,
    pub seconds: f64,
    /// What is still waiting on the device afterwards.
    pub left_ops: u64,
    pub left_batches: u64,
}

impl SyncReport {
    /// Adds what another attempt did.
    fn absorb(&mut self, other: SyncReport) {
        self.batches_sealed += other.batches_sealed;
        self.batches_acknowledged += other.batches_acknowledged;
        self.batches_resent += other.batches_resent;
        self.batches_not_resent += other.batches_not_resent;
        self.ops_acknowledged += other.ops_acknowledged;
        self.values_opened += other.values_opened;
        self.photos_sent += other.photos_sent;
        self.changes_pulled += other.changes_pulled;
        self.cursor = self.cursor.max(other.cursor);
        self.server_time = other.server_time.or(self.server_time.take());
    }
}

/// How a sync keeps going over a bad link: how many attempts, how long to wait between
/// them (doubling from `first_wait` up to `longest_wait`, each wait drawn between half and
/// all of it), and how long to keep trying in all.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub attempts: u32,
    pub first_wait: std::time::Duration,
    pub longest_wait: std::time::Duration,
    pub budget: std::time::Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Self {
            attempts: 10,
            first_wait: std::time::Duration::from_secs(1),
            longest_wait: std::time::Duration::from_secs(30),
            budget: std::time::Duration::from_secs(600),
        }
    }
}

/// Whether a failed attempt may succeed if tried again: the link failed, or the server was
/// down or stopping. Anything else (a refusal) would fail the same way.
pub fn worth_retrying(e: &ProtocolError) -> bool {
    match e {
        ProtocolError::Transport(_) => true,
        ProtocolError::Server { status, .. } => matches!(status, 408 | 429 | 500 | 502 | 503 | 504),
        _ => false,
    }
}

/// Between half and all of `wait`, from the clock's nanoseconds: devices that lost the
/// link together do not all come back at once.
fn jittered(wait: std::time::Duration) -> std::time::Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let fraction = 0.5 + f64::from(nanos % 1_000) / 2_000.0;
    wait.mul_f64(fraction)
}

/// Counts of what is waiting on the device.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Status {
    pub identity: Option<Identity>,
    pub pending_ops: u64,
    pub outbox_batches: u64,
    /// Acknowledged batches kept to be sent again if the server loses them.
    pub kept_batches: u64,
    /// Photos waiting to go up.
    pub photos_waiting: u64,
    pub records: u64,
    pub cursor: u64,
    pub next_seq: u64,
    pub clock: String,
}

/// A record as listed on the device.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Listed {
    pub id: Uuid,
    /// Where the server files it (as last pulled), else where its latest write files it.
    pub region: Option<Uuid>,
    pub voided: Option<String>,
    /// `None` while an edit has arrived before the registration it edits.
    pub record: Option<Json>,
    pub conflicts: Vec<Json>,
}

pub struct Device {
    store: Store,
    dir: std::path::PathBuf,
    keys: std::sync::Arc<dyn KeyStore>,
}

/// Where devices of older builds kept their key, unsealed, in the state.
const PLAIN_KEY: &str = "key";

impl Device {
    /// Opens (or creates, owner-only) the device directory; `keys` seals and opens the
    /// device's signing key. A key left plain by an older build is sealed now.
    pub fn open(
        dir: &std::path::Path,
        keys: std::sync::Arc<dyn KeyStore>,
    ) -> Result<Self, ProtocolError> {
        // Before sled, which would create the directory with the default permissions.
        keys::create_private_dir(dir)
            .map_err(|e| ProtocolError::Invalid(format!("{}: {e}", dir.display())))?;
        let device = Self {
            store: Store::open(dir)?,
            dir: dir.to_path_buf(),
            keys,
        };
        device.seal_plain_key()?;
        Ok(device)
    }

    /// Moves a key an older build kept plain in the state into the sealed key file. The
    /// plain copy is the truth while it exists: it is sealed again (over any earlier,
    /// interrupted attempt), read back, and only then removed.
    fn seal_plain_key(&self) -> Result<(), ProtocolError> {
        let Some(plain) = self.store.meta::<Vec<u8>>(PLAIN_KEY)? else {
            return Ok(());
        };
        DeviceKey::from_pkcs8(&plain)?;
        keys::write_sealed(&self.dir, self.keys.as_ref(), &plain)?;
        if keys::read_sealed(&self.dir, self.keys.as_ref())? != plain {
            return Err(ProtocolError::Key(format!(
                "{} does not read back as the key it was given; the plain key is kept",
                keys::key_file(&self.dir).display()
            )));
        }
        let mut w = Writes::default();
        w.remove(store::meta_key(PLAIN_KEY));
        self.store.commit(w)?;
        tracing::info!(dir = %self.dir.display(), "the device key is now sealed at rest");
        Ok(())
    }

    /// Enrols this device with a one-time code and keeps its new identity and key.
    pub fn enrol(
        &self,
        transport: &dyn Transport,
        server: &str,
        code: &str,
        label: &str,
    ) -> Result<Identity, ProtocolError> {
        if let Some(id) = self.store.meta::<Identity>("identity")? {
            return Err(ProtocolError::AlreadyEnrolled(id.device));
        }
        let key = DeviceKey::generate()?;
        // Sealed and on disk before the one-time code is spent: a key store that fails
        // costs the agent no code. A key left by an enrolment that failed is replaced.
        keys::write_sealed(
            &self.dir,
            self.keys.as_ref(),
            key.pkcs8().ok_or_else(|| {
                ProtocolError::Invalid("a new device key came without its PKCS#8 document".into())
            })?,
        )?;
        let (enrolment, server_time): (Enrolment, _) = transport.enrol(&EnrolRequest {
            code: code.to_string(),
            public_key: key.public_key(),
            label: label.to_string(),
        })?;
        let identity = Identity {
            device: enrolment.device,
            agent: enrolment.agent,
            server: server.to_string(),
            regions: enrolment.regions,
        };
        let mut clock = Clock::default();
        clock.observe(server_time.unwrap_or(enrolment.server_time), wall_ms());
        let mut w = Writes::default();
        w.put_meta("identity", &identity)?;
        w.put_meta("clock", &clock.last())?;
        w.put_meta("next_seq", &1u64)?;
        w.put_meta("last_digest", &Digest::ZERO)?;
        w.put_meta("cursor", &0u64)?;
        w.put_meta("nonce", &0u64)?;
        w.put_meta("pending_next", &0u64)?;
        self.store.commit(w)?;
        Ok(identity)
    }

    pub fn identity(&self) -> Result<Identity, ProtocolError> {
        self.store
            .meta::<Identity>("identity")?
            .ok_or(ProtocolError::NotEnrolled)
    }

    /// The signing key, unsealed for as long as the caller holds it.
    fn key(&self) -> Result<DeviceKey, ProtocolError> {
        // A key file without an identity is from an enrolment that never completed.
        self.identity()?;
        DeviceKey::from_pkcs8(&keys::read_sealed(&self.dir, self.keys.as_ref())?)
    }

    fn meta_u64(&self, name: &str) -> Result<u64, ProtocolError> {
        Ok(self.store.meta::<u64>(name)?.unwrap_or(0))
    }

    fn clock(&self) -> Result<Clock, ProtocolError> {
        Ok(Clock::starting_at(
            self.store.meta::<Hlc>("clock")?.unwrap_or_default(),
        ))
    }

    /// The region a new record is filed under: the one asked for, which must be served by
    /// this device, or the device's first region.
    pub fn region_or_default(&self, region: Option<Uuid>) -> Result<Uuid, ProtocolError> {
        let id = self.identity()?;
        match region {
            Some(r) => Ok(r),
            None => id.regions.first().copied().ok_or_else(|| {
                ProtocolError::Invalid("this device serves no region; pass --region".into())
            }),
        }
    }

    /// The regions this device may write in: those it was enrolled for, and every region
    /// below them that it has pulled.
    pub fn served_regions(
        &self,
        roots: &[Uuid],
    ) -> Result<std::collections::HashSet<Uuid>, ProtocolError> {
        let mut served: std::collections::HashSet<Uuid> = roots.iter().copied().collect();
        let mut parents: Vec<(Uuid, Uuid)> = Vec::new();
        let prefix = key(RECORD, &[Collection::Region.tag()]);
        for item in self.store.scan(&prefix) {
            let (k, v) = item?;
            let id = Uuid::from_slice(&k[prefix.len()..])
                .map_err(|e| ProtocolError::Malformed(e.to_string()))?;
            if let AnyRecord::Region(state) = crate::codec::decode::<AnyRecord>(&v)? {
                if let Some(p) = state.current().find_map(|f| match f {
                    RegionField::Parent(p) => *p,
                    _ => None,
                }) {
                    parents.push((id, p));
                }
            }
        }
        // Parents before children is not guaranteed: add until nothing changes.
        loop {
            let before = served.len();
            for (id, parent) in &parents {
                if served.contains(parent) {
                    served.insert(*id);
                }
            }
            if served.len() == before {
                return Ok(served);
            }
        }
    }

    /// Records one op: applies it to the local record and queues it, atomically.
    fn record_op(
        &self,
        collection: Collection,
        record: Uuid,
        region: Uuid,
        body: impl FnOnce(&AnyRecord) -> Result<OpBody, ProtocolError>,
    ) -> Result<Uuid, ProtocolError> {
        let state = self
            .store
            .record(collection, record)?
            .unwrap_or_else(|| AnyRecord::empty(collection));
        self.record_ops(vec![(record, region, body(&state)?)])?;
        Ok(record)
    }

    /// Records ops on records whose ids the caller chose (a form of several records saved
    /// at once, an import, a reproducible simulation): each `(record, region, body)` is
    /// applied to its local record and queued, in order, all in one atomic write.
    pub fn record_ops(&self, ops: Vec<(Uuid, Uuid, OpBody)>) -> Result<(), ProtocolError> {
        let identity = self.identity()?;
        // The server refuses a batch writing outside the device's regions, and a sealed
        // batch cannot be changed: an op out of scope would block the chain, so it is never
        // recorded.
        let served = self.served_regions(&identity.regions)?;
        if let Some((_, region, _)) = ops.iter().find(|(_, r, _)| !served.contains(r)) {
            return Err(ProtocolError::Invalid(format!(
                "nothing recorded: this device does not serve region {region} (if it lies \
                 below one it serves, sync first to learn it)"
            )));
        }
        let mut clock = self.clock()?;
        let mut n = self.meta_u64("pending_next")?;
        let mut openings = self.meta_u64("opening_next")?;
        let mut states: std::collections::HashMap<(Collection, Uuid), AnyRecord> =
            Default::default();
        let mut w = Writes::default();
        for (record, region, body) in ops {
            let op = Op {
                record,
                stamp: clock.tick(wall_ms()),
                region,
                body,
            };
            op.check_shape().map_err(|e| match e {
                ProtocolError::Malformed(m) => {
                    ProtocolError::Invalid(format!("nothing recorded: {m}"))
                }
                other => other,
            })?;
            // A person's values are signed sealed, and their openings kept to be sent apart;
            // the device's own copy holds them open.
            let signed = self.seal_personal(&op, identity.device, &mut openings, &mut w)?;
            let collection = op.collection();
            let state = match states.entry((collection, record)) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(
                    self.store
                        .record(collection, record)?
                        .unwrap_or_else(|| AnyRecord::empty(collection)),
                ),
            };
            op.apply(state, identity.device, None);
            w.put(record_key(collection, record), state)?;
            w.put(seq_key(PENDING, n), &signed)?;
            n += 1;
        }
        w.put_meta("pending_next", &n)?;
        w.put_meta("opening_next", &openings)?;
        w.put_meta("clock", &clock.last())?;
        self.store.commit(w)
    }

    /// The op as it is signed: each open personal value of a miner replaced by its sealed
    /// form, its opening queued under `v/<n>` in `w`.
    fn seal_personal(
        &self,
        op: &Op,
        device: Uuid,
        next: &mut u64,
        w: &mut Writes,
    ) -> Result<Op, ProtocolError> {
        let OpBody::Miner(sets) = &op.body else {
            return Ok(op.clone());
        };
        let write = WriteId {
            stamp: op.stamp,
            device,
        };
        let mut sealed_sets = Vec::with_capacity(sets.len());
        for set in sets {
            let salt = crate::personal::Salt::random()?;
            let value = match crate::personal::seal(op.record, &set.value, &salt)? {
                Some(sealed) => {
                    let opening = crate::personal::Opening {
                        record: op.record,
                        write,
                        salt,
                        value: set.value.clone(),
                    };
                    w.put(seq_key(OPENING, *next), &opening)?;
                    *next += 1;
                    MinerField::Sealed(sealed)
                }
                None => set.value.clone(),
            };
            sealed_sets.push(Set {
                value,
                base: set.base,
            });
        }
        Ok(Op {
            body: OpBody::Miner(sealed_sets),
            ..op.clone()
        })
    }

    pub fn register_miner(&self, miner: Miner, region: Uuid) -> Result<Uuid, ProtocolError> {
        let sets = miner.into_fields().into_iter().map(Set::new).collect();
        self.record_op(Collection::Miner, Uuid::now_v7(), region, |_| {
            Ok(OpBody::Miner(sets))
        })
    }

    pub fn register_licence(&self, licence: Licence, region: Uuid) -> Result<Uuid, ProtocolError> {
        let sets = licence.into_fields().into_iter().map(Set::new).collect();
        self.record_op(Collection::Licence, Uuid::now_v7(), region, |_| {
            Ok(OpBody::Licence(sets))
        })
    }

    pub fn record_production(&self, p: Production, region: Uuid) -> Result<Uuid, ProtocolError> {
        let sets = vec![Set::new(FactField::Body(p))];
        self.record_op(Collection::Production, Uuid::now_v7(), region, |_| {
            Ok(OpBody::Production(sets))
        })
    }

    pub fn record_sale(&self, s: Sale, region: Uuid) -> Result<Uuid, ProtocolError> {
        let sets = vec![Set::new(FactField::Body(s))];
        self.record_op(Collection::Sale, Uuid::now_v7(), region, |_| {
            Ok(OpBody::Sale(sets))
        })
    }

    pub fn record_export(&self, e: Export, region: Uuid) -> Result<Uuid, ProtocolError> {
        let sets = vec![Set::new(FactField::Body(e))];
        self.record_op(Collection::Export, Uuid::now_v7(), region, |_| {
            Ok(OpBody::Export(sets))
        })
    }

    /// Edits fields of a record this device has, by name, with JSON values
    /// (`("phone", "+233 24 000 0000")`). For a fact, the fields are those of its body and
    /// the edit is a correction: a new version of the whole body.
    pub fn edit(
        &self,
        collection: Collection,
        id: Uuid,
        sets: &[(String, Json)],
    ) -> Result<(), ProtocolError> {
        let existing = self
            .store
            .record(collection, id)?
            .ok_or(ProtocolError::NotFound {
                collection: collection.name(),
                id,
            })?;
        // Filed where the server files it, when this device serves that region; else where
        // its latest write filed it; else in any region of its writes that this device
        // serves: the server accepts an op on a record written there at some time, so the
        // author of a record the server filed across a border, and then another device
        // moved, may still correct it.
        let served = self.served_regions(&self.identity()?.regions)?;
        let filed: Option<Uuid> = self.store.get(&store::key(
            FILED,
            &record_key(collection, id)[RECORD.len()..],
        ))?;
        let written = existing.writers().into_iter().map(|(_, region)| region);
        let region = match [filed, existing.region()]
            .into_iter()
            .flatten()
            .chain(written)
            .find(|r| served.contains(r))
        {
            Some(r) => r,
            None => existing
                .region()
                .map(Ok)
                .unwrap_or_else(|| self.region_or_default(None))?,
        };
        self.record_op(collection, id, region, |state| edit_body(state, sets))?;
        Ok(())
    }

    /// Voids a record, with the reason. It stays in history and in every listing.
    pub fn void(
        &self,
        collection: Collection,
        id: Uuid,
        reason: Reason,
    ) -> Result<(), ProtocolError> {
        self.edit(
            collection,
            id,
            &[("void".to_string(), Json::String(reason.to_string()))],
        )
    }

    /// Seals pending ops into outbox batches, pushes the outbox, then pulls every page.
    pub fn sync(&self, transport: &dyn Transport) -> Result<SyncReport, ProtocolError> {
        let started = std::time::Instant::now();
        let bytes = transport.bytes();
        let mut report = SyncReport::default();
        self.sync_into(transport, &mut report, &mut |_| {})?;
        report.attempts = 1;
        self.finish_report(&mut report, started, transport, bytes)?;
        Ok(report)
    }

    /// Syncs, trying again after a failure of the link or a server that was down. Each
    /// attempt goes on from what the last one kept: acknowledged batches are not sent again
    /// (an unacknowledged one is sent again as the same bytes, which the server answers
    /// with its first acknowledgement), and the pull resumes from the last page stored. So
    /// an interrupted sync loses nothing and doubles nothing.
    pub fn sync_retrying(
        &self,
        transport: &dyn Transport,
        retry: Retry,
    ) -> Result<SyncReport, ProtocolError> {
        self.sync_with_progress(transport, retry, &mut |_| {})
    }

    /// [`Self::sync_retrying`], calling `progress` with what this attempt has done so far
    /// after every batch acknowledged and every page stored (for an app's progress bar).
    pub fn sync_with_progress(
        &self,
        transport: &dyn Transport,
        retry: Retry,
        progress: &mut dyn FnMut(&SyncReport),
    ) -> Result<SyncReport, ProtocolError> {
        let started = std::time::Instant::now();
        let bytes = transport.bytes();
        let mut report = SyncReport::default();
        let mut wait = retry.first_wait;
        loop {
            report.attempts += 1;
            let mut this = SyncReport::default();
            let outcome = self.sync_into(transport, &mut this, progress);
            report.absorb(this);
            match outcome {
                Ok(()) => break,
                Err(e)
                    if worth_retrying(&e)
                        && report.attempts < retry.attempts
                        && started.elapsed() + wait < retry.budget =>
                {
                    std::thread::sleep(jittered(wait));
                    wait = (wait * 2).min(retry.longest_wait);
                }
                Err(e) => return Err(e),
            }
        }
        self.finish_report(&mut report, started, transport, bytes)?;
        Ok(report)
    }

    /// One attempt, counting what it did in `report` even when it fails part way.
    fn sync_into(
        &self,
        transport: &dyn Transport,
        report: &mut SyncReport,
        progress: &mut dyn FnMut(&SyncReport),
    ) -> Result<(), ProtocolError> {
        report.batches_sealed += self.seal_pending()?;
        failpoint::hit("device-after-seal");
        self.push_outbox(transport, report, progress)?;
        self.send_openings(transport, report)?;
        self.send_photos(transport, report)?;
        self.prune_kept()?;
        self.pull_all(transport, report, progress)?;
        Ok(())
    }

    fn finish_report(
        &self,
        report: &mut SyncReport,
        started: std::time::Instant,
        transport: &dyn Transport,
        bytes_before: (u64, u64),
    ) -> Result<(), ProtocolError> {
        let (up, down) = transport.bytes();
        report.bytes_up = up - bytes_before.0;
        report.bytes_down = down - bytes_before.1;
        let status = self.status()?;
        report.cursor = status.cursor;
        report.left_ops = status.pending_ops;
        report.left_batches = status.outbox_batches;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(())
    }

    /// Moves pending ops into sealed, signed batches in the outbox. Returns how many.
    pub fn seal_pending(&self) -> Result<u64, ProtocolError> {
        let identity = self.identity()?;
        let key = self.key()?;
        let mut sealed = 0;
        loop {
            let mut keys = Vec::new();
            let mut ops = Vec::new();
            let mut bytes = 0;
            for item in self.store.scan(PENDING).take(MAX_OPS_PER_BATCH) {
                if bytes >= MAX_BATCH_BYTES {
                    break;
                }
                let (k, v) = item?;
                // As the op goes into the batch: without the version byte of its stored copy.
                bytes += v.len().saturating_sub(1);
                keys.push(k.to_vec());
                ops.push(crate::codec::decode::<Op>(&v)?);
            }
            if ops.is_empty() {
                return Ok(sealed);
            }
            let seq = self.meta_u64("next_seq")?.max(1);
            let prev: Digest = self.store.meta("last_digest")?.unwrap_or(Digest::ZERO);
            let mut clock = self.clock()?;
            let batch = Batch {
                device: identity.device,
                seq,
                prev,
                sealed_at: clock.tick(wall_ms()),
                ops,
            };
            let signed = Signed::seal(&batch, &key)?;
            let mut w = Writes::default();
            w.put_raw(seq_key(OUTBOX, seq), signed.to_bytes()?);
            for k in keys {
                w.remove(k);
            }
            w.put_meta("next_seq", &(seq + 1))?;
            w.put_meta("last_digest", &signed.digest())?;
            w.put_meta("clock", &clock.last())?;
            self.store.commit(w)?;
            sealed += 1;
        }
    }

    fn observe(
        &self,
        server_time: Option<Hlc>,
        report: &mut SyncReport,
    ) -> Result<(), ProtocolError> {
        if let Some(t) = server_time {
            let mut clock = self.clock()?;
            clock.observe(t, wall_ms());
            let mut w = Writes::default();
            w.put_meta("clock", &clock.last())?;
            self.store.commit(w)?;
            report.server_time = Some(t.to_string());
        }
        Ok(())
    }

    fn push_outbox(
        &self,
        transport: &dyn Transport,
        report: &mut SyncReport,
        progress: &mut dyn FnMut(&SyncReport),
    ) -> Result<(), ProtocolError> {
        let outbox: Vec<(Vec<u8>, Vec<u8>)> = self
            .store
            .scan(OUTBOX)
            .map(|r| r.map(|(k, v)| (k.to_vec(), v.to_vec())))
            .collect::<Result<_, _>>()?;
        for (k, bytes) in outbox {
            let signed = Signed::from_bytes(&bytes)?;
            let batch: Batch = signed.peek()?;
            // Sent before without an answer: ask whether it arrived (a few dozen bytes)
            // before sending it all again.
            let known = if self.meta_u64("sent")? == batch.seq {
                self.ask_ack(transport, batch.seq)?
            } else {
                None
            };
            let (ack, server_time) = match known {
                Some(answer) => {
                    report.batches_not_resent += 1;
                    answer
                }
                None => {
                    let mut w = Writes::default();
                    w.put_meta("sent", &batch.seq)?;
                    self.store.commit(w)?;
                    match transport.push(&bytes) {
                        Err(e) => match lost_from(&e, batch.seq) {
                            // The server lost acknowledged batches: send them, then this one
                            // again.
                            Some(from) => {
                                self.resend_kept(transport, from, batch.seq, report)?;
                                transport.push(&bytes)?
                            }
                            None => return Err(e),
                        },
                        ok => ok?,
                    }
                }
            };
            failpoint::hit("device-after-push");
            check_ack(&ack, &signed, &batch)?;
            let mut w = Writes::default();
            w.remove(k);
            w.put(seq_key(KEPT, batch.seq), &(ack.received, Bytes(bytes)))?;
            // The server fixed each op's effective stamp at receipt: the device's copy of
            // its own writes takes it now, as every other replica has it, even for records
            // that a pull would not bring back.
            let mut states: std::collections::HashMap<Vec<u8>, AnyRecord> = Default::default();
            for op in &batch.ops {
                let k = record_key(op.collection(), op.record);
                let state = match states.entry(k) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        let loaded = self
                            .store
                            .get::<AnyRecord>(e.key())?
                            .unwrap_or_else(|| AnyRecord::empty(op.collection()));
                        e.insert(loaded)
                    }
                };
                op.apply(
                    state,
                    batch.device,
                    Some(crate::clock::effective_stamp(op.stamp, ack.received)),
                );
            }
            for (k, state) in &states {
                w.put(k.clone(), state)?;
            }
            self.store.commit(w)?;
            self.observe(server_time, report)?;
            report.batches_acknowledged += 1;
            report.ops_acknowledged += u64::from(ack.ops);
            progress(report);
        }
        Ok(())
    }

    /// Sends the openings of the personal values this device sealed, once their batches
    /// are acknowledged, and forgets each the server took (or dropped, as erased).
    fn send_openings(
        &self,
        transport: &dyn Transport,
        report: &mut SyncReport,
    ) -> Result<(), ProtocolError> {
        let mut after: Option<Vec<u8>> = None;
        loop {
            let mut keys = Vec::new();
            let mut openings = Vec::new();
            for item in self.store.scan(OPENING) {
                let (k, v) = item?;
                if after.as_deref().is_some_and(|a| k.as_ref() <= a) {
                    continue;
                }
                keys.push(k.to_vec());
                openings.push(crate::codec::decode::<crate::personal::Opening>(&v)?);
                if openings.len() == crate::api::MAX_OPENINGS {
                    break;
                }
            }
            let Some(last) = keys.last().cloned() else {
                return Ok(());
            };
            let request = crate::api::OpenRequest {
                device: self.identity()?.device,
                nonce: self.next_nonce()?,
                openings,
            };
            let signed = Signed::seal(&request, &self.key()?)?;
            let (ack, server_time) = transport.open(&signed.to_bytes()?)?;
            let mut w = Writes::default();
            for (i, k) in keys.into_iter().enumerate() {
                if !ack.waiting.contains(&(i as u32)) {
                    w.remove(k);
                }
            }
            self.store.commit(w)?;
            report.values_opened += u64::from(ack.opened);
            self.observe(server_time, report)?;
            after = Some(last);
        }
    }

    /// Sends the kept batches `from..until` again, in order.
    fn resend_kept(
        &self,
        transport: &dyn Transport,
        from: u64,
        until: u64,
        report: &mut SyncReport,
    ) -> Result<(), ProtocolError> {
        let device = self.identity()?.device;
        for seq in from..until {
            let Some((_, Bytes(bytes))) = self.store.get::<(Hlc, Bytes)>(&seq_key(KEPT, seq))?
            else {
                return Err(ProtocolError::Invalid(format!(
                    "the server lacks batch {seq} of device {device}, which this device no \
                     longer keeps (kept {KEPT_BATCH_DAYS} days): an administrator must look \
                     (`placer admin verify` on the server)"
                )));
            };
            let signed = Signed::from_bytes(&bytes)?;
            let batch: Batch = signed.peek()?;
            let (ack, server_time) = transport.push(&bytes)?;
            check_ack(&ack, &signed, &batch)?;
            self.observe(server_time, report)?;
            report.batches_resent += 1;
        }
        Ok(())
    }

    /// Drops kept batches acknowledged more than [`KEPT_BATCH_DAYS`] ago.
    fn prune_kept(&self) -> Result<(), ProtocolError> {
        let now = self.clock()?.last();
        let horizon = KEPT_BATCH_DAYS * 24 * 3_600 * 1_000;
        let mut w = Writes::default();
        for item in self.store.scan(KEPT) {
            let (k, v) = item?;
            let (acked, _): (Hlc, Bytes) = crate::codec::decode(&v)?;
            if now.unix_ms().saturating_sub(acked.unix_ms()) > horizon {
                w.remove(k.to_vec());
            }
        }
        self.store.commit(w)
    }

    /// Whether the server accepted this device's batch `seq`: its acknowledgement, if so.
    fn ask_ack(
        &self,
        transport: &dyn Transport,
        seq: u64,
    ) -> Result<Option<(PushAck, Option<Hlc>)>, ProtocolError> {
        let identity = self.identity()?;
        let nonce = self.next_nonce()?;
        let request = crate::api::AckRequest {
            device: identity.device,
            nonce,
            seq,
        };
        let signed = Signed::seal(&request, &self.key()?)?;
        let (ack, time) = transport.ack(&signed.to_bytes()?)?;
        Ok(ack.map(|a| (a, time)))
    }

    /// The next request nonce, stored before it is used, so a crash can skip one but never
    /// reuse it.
    fn next_nonce(&self) -> Result<u64, ProtocolError> {
        let nonce = self.meta_u64("nonce")? + 1;
        let mut w = Writes::default();
        w.put_meta("nonce", &nonce)?;
        self.store.commit(w)?;
        Ok(nonce)
    }

    fn pull_all(
        &self,
        transport: &dyn Transport,
        report: &mut SyncReport,
        progress: &mut dyn FnMut(&SyncReport),
    ) -> Result<(), ProtocolError> {
        let identity = self.identity()?;
        let key = self.key()?;
        loop {
            let nonce = self.next_nonce()?;
            let request = PullRequest {
                device: identity.device,
                nonce,
                cursor: self.meta_u64("cursor")?,
                regions: Vec::new(),
                limit: PULL_PAGE,
            };
            let signed = Signed::seal(&request, &key)?;
            let (page, server_time) = transport.pull(&signed.to_bytes()?)?;
            let mut w = Writes::default();
            for change in &page.changes {
                let k = record_key(change.collection, change.record);
                let mut state = self
                    .store
                    .get::<AnyRecord>(&k)?
                    .unwrap_or_else(|| AnyRecord::empty(change.collection));
                state.merge(&change.state);
                // Where the server files it is the server's attribute, not a write: kept
                // beside the state, which stays as the writers signed it.
                w.put(store::key(FILED, &k[RECORD.len()..]), &change.region)?;
                w.put(k, &state)?;
            }
            w.put_meta("cursor", &page.cursor.max(request.cursor))?;
            self.store.commit(w)?;
            failpoint::hit("device-after-pull-page");
            report.changes_pulled += page.changes.len() as u64;
            progress(report);
            self.observe(server_time.or(Some(page.server_time)), report)?;
            if !page.more {
                return Ok(());
            }
        }
    }

    /// Asks the server for the red flags raised on records this device wrote that changed
    /// since it last asked (page by page, each page kept with its cursor in one atomic
    /// write, as a pull's), and returns every flag the device holds, the latest changed
    /// first. A flag the server sends again replaces the one held.
    pub fn notes(&self, transport: &dyn Transport) -> Result<Vec<DeviceFlag>, ProtocolError> {
        let identity = self.identity()?;
        let key = self.key()?;
        loop {
            let request = NotesRequest {
                device: identity.device,
                nonce: self.next_nonce()?,
                after: self
                    .store
                    .meta::<NotesCursor>("notes_cursor")?
                    .unwrap_or(NotesCursor::START),
                limit: NOTES_PAGE,
            };
            let signed = Signed::seal(&request, &key)?;
            let (page, server_time) = transport.notes(&signed.to_bytes()?)?;
            let mut w = Writes::default();
            for flag in &page.flags {
                w.put(store::key(NOTE, flag.id.as_bytes()), flag)?;
            }
            w.put_meta("notes_cursor", &page.cursor)?;
            self.store.commit(w)?;
            self.observe(
                server_time.or(Some(page.server_time)),
                &mut SyncReport::default(),
            )?;
            if !page.more {
                break;
            }
        }
        self.held_notes()
    }

    /// The flags on this device's records it holds, the latest changed first.
    pub fn held_notes(&self) -> Result<Vec<DeviceFlag>, ProtocolError> {
        let mut flags = Vec::new();
        for item in self.store.scan(NOTE) {
            let (_, v) = item?;
            flags.push(crate::codec::decode::<DeviceFlag>(&v)?);
        }
        flags.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
        Ok(flags)
    }

    /// The records of one collection on this device, in id order (which is creation order
    /// for UUIDv7).
    pub fn list(&self, collection: Collection) -> Result<Vec<Listed>, ProtocolError> {
        let prefix = key(RECORD, &[collection.tag()]);
        self.store
            .scan(&prefix)
            .map(|item| {
                let (k, v) = item?;
                let id = Uuid::from_slice(&k[prefix.len()..])
                    .map_err(|e| ProtocolError::Malformed(e.to_string()))?;
                let state: AnyRecord = crate::codec::decode(&v)?;
                let filed: Option<Uuid> = self.store.get(&key(FILED, &k[RECORD.len()..]))?;
                Ok(Listed {
                    id,
                    region: filed.or(state.region()),
                    voided: state.void_reason(),
                    record: state.current_json(),
                    conflicts: state.conflicts_json(),
                })
            })
            .collect()
    }

    /// The full merged state of one record, for comparing replicas.
    pub fn record_state(
        &self,
        collection: Collection,
        id: Uuid,
    ) -> Result<Option<AnyRecord>, ProtocolError> {
        self.store.record(collection, id)
    }

    pub fn status(&self) -> Result<Status, ProtocolError> {
        Ok(Status {
            identity: self.store.meta("identity")?,
            pending_ops: self.store.scan(PENDING).count() as u64,
            outbox_batches: self.store.scan(OUTBOX).count() as u64,
            kept_batches: self.store.scan(KEPT).count() as u64,
            photos_waiting: self.photos_waiting(),
            records: self.store.scan(RECORD).count() as u64,
            cursor: self.meta_u64("cursor")?,
            next_seq: self.meta_u64("next_seq")?,
            clock: self.clock()?.last().to_string(),
        })
    }
}

/// The first batch the server lacks, when it refused a push as a gap below the batch sent:
/// a server that lost acknowledged batches in a repair asks for them this way.
fn lost_from(e: &ProtocolError, sent: u64) -> Option<u64> {
    match e {
        ProtocolError::Server { status: 409, body } if body.code == "sequence_gap" => {
            body.expected_seq.filter(|&x| x >= 1 && x < sent)
        }
        _ => None,
    }
}

/// The acknowledgement must be for the batch sent.
fn check_ack(ack: &PushAck, signed: &Signed, batch: &Batch) -> Result<(), ProtocolError> {
    if ack.seq != batch.seq || ack.digest != signed.digest() || ack.device != batch.device {
        return Err(ProtocolError::Mismatch(format!(
            "sent batch {} ({}), acknowledged {} ({})",
            batch.seq,
            signed.digest().to_hex(),
            ack.seq,
            ack.digest.to_hex()
        )));
    }
    Ok(())
}

/// Builds the op body of an edit from `(field, JSON value)` pairs, each set naming the
/// write it overwrites (the field's current winner) so that a plain overwrite is not
/// mistaken for a conflict.
fn edit_body(state: &AnyRecord, sets: &[(String, Json)]) -> Result<OpBody, ProtocolError> {
    fn field<F: serde::de::DeserializeOwned>(name: &str, value: &Json) -> Result<F, ProtocolError> {
        serde_json::from_value(serde_json::json!({ name: value }))
            .map_err(|e| ProtocolError::Invalid(format!("field {name:?}: {e}")))
    }
    fn with_bases<F: FieldValue>(state: &RecordState<F>, values: Vec<F>) -> Vec<Set<F>> {
        values
            .into_iter()
            .map(|value| {
                let base = base_of(state, value.key());
                Set { value, base }
            })
            .collect()
    }
    fn fact<T>(
        state: &RecordState<FactField<T>>,
        sets: &[(String, Json)],
    ) -> Result<Vec<Set<FactField<T>>>, ProtocolError>
    where
        T: Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned,
    {
        let mut values = Vec::new();
        let mut body_changes = serde_json::Map::new();
        for (k, v) in sets {
            if k == "void" {
                values.push(field::<FactField<T>>("void", v)?);
            } else {
                body_changes.insert(k.clone(), v.clone());
            }
        }
        if !body_changes.is_empty() {
            let mut body = fact_body(state)
                .map(serde_json::to_value)
                .transpose()
                .map_err(|e| ProtocolError::Invalid(e.to_string()))?
                .ok_or_else(|| {
                    ProtocolError::Invalid("the record's body has not arrived yet".into())
                })?;
            let obj = body
                .as_object_mut()
                .ok_or_else(|| ProtocolError::Invalid("record body is not an object".into()))?;
            for (k, v) in body_changes {
                if !obj.contains_key(&k) {
                    return Err(ProtocolError::Invalid(format!("no field {k:?}")));
                }
                obj.insert(k, v);
            }
            let corrected: T = serde_json::from_value(body)
                .map_err(|e| ProtocolError::Invalid(format!("correction: {e}")))?;
            values.push(FactField::Body(corrected));
        }
        Ok(with_bases(state, values))
    }
    Ok(match state {
        AnyRecord::Miner(s) => OpBody::Miner(with_bases(
            s,
            sets.iter()
                .map(|(k, v)| field(k, v))
                .collect::<Result<_, _>>()?,
        )),
        AnyRecord::Licence(s) => OpBody::Licence(with_bases(
            s,
            sets.iter()
                .map(|(k, v)| field(k, v))
                .collect::<Result<_, _>>()?,
        )),
        AnyRecord::Production(s) => OpBody::Production(fact(s, sets)?),
        AnyRecord::Sale(s) => OpBody::Sale(fact(s, sets)?),
        AnyRecord::Export(s) => OpBody::Export(fact(s, sets)?),
        AnyRecord::Region(_) => {
            return Err(ProtocolError::Invalid(
                "regions are set by the administrators, not edited on a device".into(),
            ))
        }
    })
}

fn base_of<F: FieldValue>(state: &RecordState<F>, field: &str) -> Option<WriteId> {
    state.fields.get(field)?.winner().map(|w| w.id)
}

/// Reads a JSON value from the command line: JSON when it parses, a plain string otherwise.
pub fn cli_value(s: &str) -> Json {
    serde_json::from_str(s).unwrap_or_else(|_| Json::String(s.to_string()))
}

#[cfg(test)]
mod key_tests {
    use super::*;
    use std::sync::Arc;

    fn identity() -> Identity {
        Identity {
            device: Uuid::from_u128(1),
            agent: "test agent".into(),
            server: "https://registry.test".into(),
            regions: vec![Uuid::from_u128(2)],
        }
    }

    /// The 32-byte seed inside ring's Ed25519 PKCS#8 (v2) document, after its 16-byte
    /// header: what anyone holding it could sign with.
    fn seed(pkcs8: &[u8]) -> &[u8] {
        &pkcs8[16..48]
    }

    #[test]
    fn a_plain_key_of_an_older_build_is_sealed_and_signs_as_before() {
        let tmp = tempfile::tempdir().unwrap();
        let key = DeviceKey::generate().unwrap();
        let pkcs8 = key.pkcs8().unwrap().to_vec();
        {
            let store = Store::open(tmp.path()).unwrap();
            let mut w = Writes::default();
            w.put_meta("identity", &identity()).unwrap();
            w.put_meta(PLAIN_KEY, &pkcs8).unwrap();
            store.commit(w).unwrap();
        }
        let kek: Arc<dyn KeyStore> = Arc::new(Kek::generate().unwrap());
        let d = Device::open(tmp.path(), kek.clone()).unwrap();
        assert!(d.store.meta::<Vec<u8>>(PLAIN_KEY).unwrap().is_none());
        assert_eq!(d.key().unwrap().public_key(), key.public_key());
        let file = std::fs::read(keys::key_file(tmp.path())).unwrap();
        assert!(file.starts_with(keys::MAGIC));
        assert!(!file.windows(32).any(|w| w == seed(&pkcs8)));
        drop(d);

        let again = Device::open(tmp.path(), kek).unwrap();
        assert_eq!(again.key().unwrap().public_key(), key.public_key());
        drop(again);
        let stranger = Device::open(tmp.path(), Arc::new(Kek::generate().unwrap())).unwrap();
        let e = stranger.key().err().unwrap().to_string();
        assert!(e.contains("does not open"), "{e}");
    }

    #[test]
    fn a_device_not_enrolled_has_no_key_whatever_files_lie_around() {
        let tmp = tempfile::tempdir().unwrap();
        let kek: Arc<dyn KeyStore> = Arc::new(Kek::generate().unwrap());
        let d = Device::open(tmp.path(), kek.clone()).unwrap();
        keys::write_sealed(
            tmp.path(),
            kek.as_ref(),
            DeviceKey::generate().unwrap().pkcs8().unwrap(),
        )
        .unwrap();
        assert!(matches!(d.key(), Err(ProtocolError::NotEnrolled)));
    }

    #[cfg(unix)]
    #[test]
    fn the_device_directory_and_key_file_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("handset");
        let kek: Arc<dyn KeyStore> = Arc::new(Kek::generate().unwrap());
        let _d = Device::open(&dir, kek.clone()).unwrap();
        keys::write_sealed(&dir, kek.as_ref(), b"pkcs8").unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&keys::key_file(&dir)), 0o600);
    }
}
