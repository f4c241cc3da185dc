//! Applying what the batch log holds to the store: a batch just logged by a push, and every
//! entry on replay at start, through the same functions.
//!
//! Nothing in the log may stop the server. An entry that cannot be applied (an error that
//! lies in the entry rather than in the machine, or a panic) is **quarantined**: it stays
//! in the log, the store keeps a [`Quarantined`] record and a `quarantined_entry` flag,
//! and a batch's chain moves past it so that its device is not stuck. A failure of the
//! machine (the disk, sled, a stored value that no longer decodes) is returned instead:
//! it is not the entry's fault, and retrying or rebuilding the state is the cure.
//!
//! A logged batch whose predecessor the log no longer holds (a damaged frame dropped by
//! `placer admin repair-log`) is **parked** until the device sends the missing batch again,
//! then applied right after it, in chain order.

pub mod checks;

use std::panic::{catch_unwind, AssertUnwindSafe};

use sync_protocol::api::PushAck;
use sync_protocol::batch::{Batch, Digest, Signed};
use sync_protocol::clock::Hlc;
use uuid::Uuid;

use self::checks::Checks;
use crate::batchlog::LogPosition;
use crate::error::{Result, ServerError};
use crate::events::{AdminEvent, Undecodable};
use crate::store::{Parked, QuarantineKind, Quarantined, Store};

/// A batch as the log holds it, decoded.
pub struct LoggedBatch<'a> {
    pub received: Hlc,
    pub at: LogPosition,
    pub json: bool,
    pub body: &'a [u8],
    pub signed: Signed,
    pub batch: Batch,
}

impl<'a> LoggedBatch<'a> {
    /// Decodes a logged push body; what does not decode is quarantined by the caller.
    pub fn decode(received: Hlc, at: LogPosition, json: bool, body: &'a [u8]) -> Result<Self> {
        let signed = decode_signed(body, json)?;
        let batch: Batch = signed.peek()?;
        Ok(Self {
            received,
            at,
            json,
            body,
            signed,
            batch,
        })
    }
}

/// Decodes a push or pull body in the encoding its content type names.
pub fn decode_signed(raw: &[u8], json: bool) -> Result<Signed, ServerError> {
    if json {
        serde_json::from_slice(raw)
            .map_err(|e| ServerError::Protocol(sync_protocol::ProtocolError::from_json(&e)))
    } else {
        Ok(Signed::from_bytes(raw)?)
    }
}

/// Runs one application; a fault of the entry (or a panic) comes back as `Ok(Err(why))`,
/// a failure of the machine as `Err`.
fn guarded<T>(apply: impl FnOnce() -> Result<T>) -> Result<Result<T, String>> {
    match catch_unwind(AssertUnwindSafe(apply)) {
        Ok(Ok(v)) => Ok(Ok(v)),
        Ok(Err(e)) if e.is_entry_fault() => Ok(Err(e.to_string())),
        Ok(Err(e)) => Err(e),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Ok(Err(format!("the server panicked applying it: {what}")))
        }
    }
}

/// Applies a logged batch, then every parked batch that follows it in its device's chain.
/// Returns its acknowledgement (the stored one if it was applied before, the one given
/// when it is quarantined), or `None` when it waits for a missing predecessor.
pub fn logged_batch(
    store: &dyn Store,
    checks: &Checks,
    logged: LoggedBatch<'_>,
) -> Result<Option<PushAck>> {
    match apply_in_chain(store, checks, logged)? {
        Some(ack) => after_applied(store, checks, ack),
        None => Ok(None),
    }
}

/// A push's batch, once logged, waiting for its turn to be applied.
struct Waiting {
    received: Hlc,
    at: LogPosition,
    json: bool,
    body: Vec<u8>,
    signed: Signed,
    batch: Batch,
    done: std::sync::mpsc::SyncSender<Result<Option<PushAck>>>,
}

impl Waiting {
    /// Applies this batch on its own and answers its push.
    fn apply_alone(self, store: &dyn Store, checks: &Checks) {
        let Waiting {
            received,
            at,
            json,
            body,
            signed,
            batch,
            done,
        } = self;
        let logged = LoggedBatch {
            received,
            at,
            json,
            body: &body,
            signed,
            batch,
        };
        let _ = done.send(logged_batch(store, checks, logged));
    }
}

/// Applies the batches of concurrent pushes together. The store applies one commit at a
/// time; while it does, the pushes that arrive wait here, and the next push to get its
/// turn applies every waiting batch in one commit (`Store::apply_batches`), so fifty
/// devices pushing at once cost a few commits, not fifty. Batches that could not share a
/// commit (a record another batch of the group writes, a batch that is not next in its
/// chain, one whose group failed) are applied one by one through [`logged_batch`], which
/// quarantines what cannot be applied. The replay applies one by one: the same records,
/// chains and flags result.
#[derive(Default)]
pub struct Combiner {
    waiting: std::sync::Mutex<Vec<Waiting>>,
    turn: std::sync::Mutex<()>,
}

impl Combiner {
    /// Applies a logged batch, alone or with others waiting; returns as [`logged_batch`].
    pub fn apply(
        &self,
        store: &dyn Store,
        checks: &Checks,
        logged: LoggedBatch<'_>,
    ) -> Result<Option<PushAck>> {
        let (done, result) = std::sync::mpsc::sync_channel(1);
        lock(&self.waiting).push(Waiting {
            received: logged.received,
            at: logged.at,
            json: logged.json,
            body: logged.body.to_vec(),
            signed: logged.signed,
            batch: logged.batch,
            done,
        });
        {
            let _turn = lock(&self.turn);
            // Whoever had the turn before may have applied this batch with theirs.
            if let Ok(r) = result.try_recv() {
                return r;
            }
            let group = std::mem::take(&mut *lock(&self.waiting));
            apply_group(store, checks, group);
        }
        result
            .recv()
            .map_err(|_| ServerError::Other("a batch's application was lost".into()))?
    }
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Applies a group of waiting batches and answers each.
fn apply_group(store: &dyn Store, checks: &Checks, group: Vec<Waiting>) {
    // A batch with none waiting beside it, the usual case, needs no grouping.
    if group.len() < 2 {
        for w in group {
            w.apply_alone(store, checks);
        }
        return;
    }
    let mut together: Vec<Waiting> = Vec::new();
    let mut alone: Vec<Waiting> = Vec::new();
    let mut taken = Taken::default();
    for w in group {
        match group_member(store, &w, &mut taken) {
            Ok(true) => together.push(w),
            _ => alone.push(w),
        }
    }
    // A group of one is no group: it goes the usual way, first.
    if together.len() == 1 {
        alone.splice(0..0, together.drain(..));
    }
    if !together.is_empty() {
        let applied = guarded(|| {
            let batches: Vec<(Hlc, &Batch, Digest)> = together
                .iter()
                .map(|w| (w.received, &w.batch, w.signed.digest()))
                .collect();
            store.apply_batches(&batches, checks)
        });
        match applied {
            Ok(Ok(acks)) => {
                for (w, ack) in together.into_iter().zip(acks) {
                    let r = after_applied(store, checks, ack);
                    let _ = w.done.send(r);
                }
            }
            // Nothing of the group was stored: each is applied on its own, so that only
            // the batch at fault is set aside.
            _ => alone.extend(together),
        }
    }
    for w in alone {
        w.apply_alone(store, checks);
    }
}

/// The devices and records of a group's members so far.
#[derive(Default)]
struct Taken {
    devices: std::collections::HashSet<Uuid>,
    records: std::collections::HashSet<Uuid>,
}

/// Whether a waiting batch may share a commit: next in its chain, of a shape the protocol
/// admits, of a device and writing no record an earlier member has.
fn group_member(store: &dyn Store, w: &Waiting, taken: &mut Taken) -> Result<bool> {
    if taken.devices.contains(&w.batch.device) {
        return Ok(false);
    }
    let head = store.head(w.batch.device)?;
    if w.batch.seq != head.seq + 1 || w.batch.prev != head.digest || w.batch.check_shape().is_err()
    {
        return Ok(false);
    }
    let records: std::collections::HashSet<Uuid> = w.batch.ops.iter().map(|o| o.record).collect();
    if records.iter().any(|r| taken.records.contains(r)) {
        return Ok(false);
    }
    taken.devices.insert(w.batch.device);
    taken.records.extend(records);
    Ok(true)
}

/// The parked batches that follow an applied one, applied in chain order.
fn after_applied(store: &dyn Store, checks: &Checks, ack: PushAck) -> Result<Option<PushAck>> {
    let mut seq = ack.seq;
    while let Some(p) = store.parked(ack.device, seq + 1)? {
        let next = match LoggedBatch::decode(p.received, p.at, p.json, &p.body.0) {
            Ok(next) => apply_in_chain(store, checks, next)?,
            Err(e) => Some(quarantine_batch(store, checks, &p, e.to_string())?),
        };
        match next {
            Some(a) if a.seq == seq + 1 => seq = a.seq,
            _ => break,
        }
    }
    Ok(Some(ack))
}

fn apply_in_chain(
    store: &dyn Store,
    checks: &Checks,
    logged: LoggedBatch<'_>,
) -> Result<Option<PushAck>> {
    let device = logged.batch.device;
    let seq = logged.batch.seq;
    let digest = logged.signed.digest();
    let head = store.head(device)?;
    if seq <= head.seq {
        return store.accepted(device, seq);
    }
    let parked = Parked {
        device,
        seq,
        received: logged.received,
        json: logged.json,
        body: sync_protocol::batch::Bytes(logged.body.to_vec()),
        at: logged.at,
    };
    if seq > head.seq + 1 {
        store.park(&parked)?;
        tracing::warn!(%device, seq, expected = head.seq + 1, "batch parked until the device sends the one before it");
        return Ok(None);
    }
    if logged.batch.prev != head.digest {
        let why = format!(
            "its previous digest {} is not that of batch {} as the log now holds it ({})",
            logged.batch.prev.to_hex(),
            head.seq,
            head.digest.to_hex()
        );
        return quarantine_batch(store, checks, &parked, why).map(Some);
    }
    // A push checks this before logging; an older build may have logged what it refuses.
    if let Err(e) = logged.batch.check_shape() {
        return quarantine_batch(store, checks, &parked, e.to_string()).map(Some);
    }
    let batch = logged.batch;
    let applied = guarded(|| {
        sync_protocol::failpoint::panic_here("apply-batch-panics");
        store.apply_batch(logged.received, &batch, digest, checks)
    })?;
    match applied {
        Ok(ack) => Ok(Some(ack)),
        Err(why) => quarantine_batch(store, checks, &parked, why).map(Some),
    }
}

/// The id of a quarantined entry named by a digest: the digest's first 16 bytes.
fn id_of(digest: &Digest) -> Uuid {
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest.0[..16]);
    Uuid::from_bytes(b)
}

/// Sets a batch aside and moves its device's chain past it; returns its acknowledgement.
fn quarantine_batch(
    store: &dyn Store,
    checks: &Checks,
    p: &Parked,
    why: String,
) -> Result<PushAck> {
    // What of the batch still decodes names it; the signed bytes' digest is its identity.
    let (digest, ops) = match decode_signed(&p.body.0, p.json) {
        Ok(s) => (
            s.digest(),
            s.peek::<Batch>().map(|b| b.ops.len() as u32).unwrap_or(0),
        ),
        Err(_) => (Digest::of(&p.body.0), 0),
    };
    let ack = PushAck {
        device: p.device,
        seq: p.seq,
        digest,
        received: p.received,
        ops,
    };
    tracing::error!(device = %p.device, seq = p.seq, at = %p.at, error = %why, "batch quarantined: kept in the log, not applied");
    store.quarantine(
        &Quarantined {
            id: id_of(&digest),
            kind: QuarantineKind::Batch,
            at: p.at,
            device: Some(p.device),
            seq: Some(p.seq),
            digest: Some(digest),
            received: Some(p.received),
            error: why,
            quarantined_at: p.received,
        },
        Some(&ack),
        checks,
    )?;
    Ok(ack)
}

/// A logged batch whose body no longer decodes (a change of encoding, a bug): set aside
/// under the digest of its bytes.
pub fn undecodable_batch(
    store: &dyn Store,
    checks: &Checks,
    received: Hlc,
    at: LogPosition,
    body: &[u8],
    why: String,
) -> Result<()> {
    set_aside_bytes(
        store,
        checks,
        QuarantineKind::Batch,
        at,
        received,
        Some(received),
        body,
        why,
    )
}

/// Keeps a refused fork's evidence, or sets it aside.
pub fn logged_fork(
    store: &dyn Store,
    checks: &Checks,
    received: Hlc,
    at: LogPosition,
    json: bool,
    body: &[u8],
) -> Result<()> {
    let kept = guarded(|| {
        let signed = decode_signed(body, json)?;
        let batch: Batch = signed.peek()?;
        store.record_fork(
            received,
            batch.device,
            batch.seq,
            signed.digest(),
            body,
            checks,
        )
    })?;
    match kept {
        Ok(()) => Ok(()),
        Err(why) => set_aside_bytes(
            store,
            checks,
            QuarantineKind::Fork,
            at,
            received,
            Some(received),
            body,
            why,
        ),
    }
}

/// Sets aside an entry known only by its bytes, under their digest: `received` when the
/// entry says when it arrived, `now` for the flag either way.
#[allow(clippy::too_many_arguments)]
fn set_aside_bytes(
    store: &dyn Store,
    checks: &Checks,
    kind: QuarantineKind,
    at: LogPosition,
    now: Hlc,
    received: Option<Hlc>,
    bytes: &[u8],
    why: String,
) -> Result<()> {
    let digest = Digest::of(bytes);
    tracing::error!(%at, ?kind, error = %why, "log entry quarantined: kept in the log, not applied");
    store.quarantine(
        &Quarantined {
            id: id_of(&digest),
            kind,
            at,
            device: None,
            seq: None,
            digest: Some(digest),
            received,
            error: why,
            quarantined_at: now,
        },
        None,
        checks,
    )
}

/// Applies an administrative act, or sets it aside.
pub fn logged_admin(
    store: &dyn Store,
    checks: &Checks,
    id: Uuid,
    at: Hlc,
    position: LogPosition,
    event: &AdminEvent,
) -> Result<Result<(), String>> {
    let applied = guarded(|| store.apply_admin(id, at, event, checks))?;
    if let Err(why) = &applied {
        tracing::error!(%id, at = %position, error = %why, "administrative act quarantined");
        store.quarantine(
            &Quarantined {
                id,
                kind: QuarantineKind::Admin,
                at: position,
                device: None,
                seq: None,
                digest: None,
                received: Some(at),
                error: why.clone(),
                quarantined_at: at,
            },
            None,
            checks,
        )?;
    }
    Ok(applied)
}

/// A frame that checks out but is no log entry this build reads.
pub fn undecodable_entry(
    store: &dyn Store,
    checks: &Checks,
    at: LogPosition,
    entry: &Undecodable,
    now: Hlc,
) -> Result<()> {
    set_aside_bytes(
        store,
        checks,
        QuarantineKind::Undecodable,
        at,
        now,
        None,
        &entry.payload,
        entry.error.clone(),
    )
}
