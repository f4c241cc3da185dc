//! `placer admin verify`: reads a batch log (a data directory's, or a backup's) from end to
//! end without changing it, and says whether it is whole: every frame checks out, every
//! device's hash chain runs from 1 without a gap or a break, and every batch's signature
//! verifies with the key its device enrolled with (the enrolment is itself in the log).
//!
//! It reads files only, never the derived state, so it runs beside a live server: a frame
//! the server is writing at that moment shows as the log's open end, not as damage.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;
use sync_protocol::batch::{Batch, Digest, PublicKey};
use uuid::Uuid;

use crate::batchlog::frames::{self, End};
use crate::batchlog::{list_segments, LogPosition};
use crate::error::Result;
use crate::events::{self, AdminEvent, LogEntry};
use crate::ingest::decode_signed;

/// What a walk of the log found. `ok` is false when anything below `devices` is non-empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VerifyReport {
    pub ok: bool,
    pub segments: u64,
    pub frames: u64,
    pub bytes: u64,
    pub batches: u64,
    /// The same batch logged twice (a push retried after a failure between the log and
    /// the store): harmless, applied once.
    pub batches_logged_twice: u64,
    pub forks: u64,
    pub admin_events: u64,
    /// Entries that place the taking of personal values' openings (`LogEntry::Opened`).
    pub openings: u64,
    pub devices: u64,
    /// Where the last segment ends mid-frame: a write in progress, or a crash's torn tail.
    pub open_end: Option<String>,
    pub damage: Vec<String>,
    pub undecodable: Vec<String>,
    pub gaps: Vec<ChainGap>,
    pub faults: Vec<ChainFault>,
    /// The last batch of each device's chain in the log.
    #[serde(skip)]
    pub chain_ends: BTreeMap<Uuid, u64>,
}

/// Batches missing from a device's chain: `first..=last` are not in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainGap {
    pub device: Uuid,
    pub first: u64,
    pub last: u64,
}

/// A batch that is in the log but does not hold up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainFault {
    pub device: Uuid,
    pub seq: u64,
    pub at: String,
    pub what: String,
}

/// One device's batches as the log holds them: seq → (digest, prev, where).
type Chain = BTreeMap<u64, (Digest, Digest, LogPosition)>;

/// Walks the log in `log_dir`, calling `progress` with the bytes of each segment read.
pub fn verify_log(log_dir: &Path, progress: &dyn Fn(u64)) -> Result<VerifyReport> {
    let mut r = VerifyReport::default();
    let mut keys: HashMap<Uuid, PublicKey> = HashMap::new();
    let mut chains: BTreeMap<Uuid, Chain> = BTreeMap::new();
    let segments = list_segments(log_dir)?;
    for (i, (first, path)) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let data = std::fs::read(path)?;
        r.segments += 1;
        r.bytes += data.len() as u64;
        let scan = frames::scan(&data, last);
        let frames = match &scan.end {
            End::Clean => scan.frames,
            End::Torn { at } => {
                r.open_end = Some(format!("{} ends mid-frame at byte {at}", path.display()));
                scan.frames
            }
            End::Damaged(d) => {
                r.damage.push(format!(
                    "{} is damaged at byte {}: {}",
                    path.display(),
                    d.at,
                    d.what
                ));
                // Read on past the damage: the report should name everything wrong.
                frames::salvage(&data).0
            }
        };
        for f in frames {
            r.frames += 1;
            let at = LogPosition {
                segment: *first,
                offset: f.offset,
            };
            match events::decode(f.payload) {
                Err(e) => r.undecodable.push(format!("{at}: {}", e.error)),
                Ok(LogEntry::Admin { event, .. }) => {
                    r.admin_events += 1;
                    if let AdminEvent::Enrolled {
                        device, public_key, ..
                    } = event
                    {
                        keys.insert(device, public_key);
                    }
                }
                Ok(LogEntry::Fork { .. } | LogEntry::ForkSampled { .. }) => r.forks += 1,
                Ok(LogEntry::Opened { .. }) => r.openings += 1,
                Ok(LogEntry::Batch { json, body, .. }) => {
                    r.batches += 1;
                    check_batch(&mut r, &keys, &mut chains, at, json, &body.0);
                }
            }
        }
        progress(data.len() as u64);
    }
    r.devices = chains.len() as u64;
    for (device, chain) in &chains {
        walk_chain(&mut r, *device, chain);
        if let Some((&last, _)) = chain.last_key_value() {
            r.chain_ends.insert(*device, last);
        }
    }
    r.ok =
        r.damage.is_empty() && r.undecodable.is_empty() && r.gaps.is_empty() && r.faults.is_empty();
    Ok(r)
}

fn check_batch(
    r: &mut VerifyReport,
    keys: &HashMap<Uuid, PublicKey>,
    chains: &mut BTreeMap<Uuid, Chain>,
    at: LogPosition,
    json: bool,
    body: &[u8],
) {
    let signed = match decode_signed(body, json) {
        Ok(s) => s,
        Err(e) => {
            r.undecodable
                .push(format!("{at}: a batch that does not decode: {e}"));
            return;
        }
    };
    let batch: Batch = match signed.peek() {
        Ok(b) => b,
        Err(e) => {
            r.undecodable
                .push(format!("{at}: a batch that does not decode: {e}"));
            return;
        }
    };
    let fault = |what: String| ChainFault {
        device: batch.device,
        seq: batch.seq,
        at: at.to_string(),
        what,
    };
    match keys.get(&batch.device) {
        None => r.faults.push(fault(
            "its device's enrolment is not in the log before it".into(),
        )),
        Some(key) => {
            if signed.verify(key).is_err() {
                r.faults.push(fault(
                    "its signature does not verify with its device's enrolled key".into(),
                ));
            }
        }
    }
    let digest = signed.digest();
    let chain = chains.entry(batch.device).or_default();
    match chain.get(&batch.seq) {
        Some((d, _, _)) if *d == digest => r.batches_logged_twice += 1,
        Some((_, _, first)) => r.faults.push(fault(format!(
            "another batch with this number is already accepted at {first}"
        ))),
        None => {
            chain.insert(batch.seq, (digest, batch.prev, at));
        }
    }
}

fn walk_chain(r: &mut VerifyReport, device: Uuid, chain: &Chain) {
    let mut expected = 1u64;
    let mut prev_digest = Digest::ZERO;
    for (&seq, (digest, prev, at)) in chain {
        if seq > expected {
            r.gaps.push(ChainGap {
                device,
                first: expected,
                last: seq - 1,
            });
        } else if *prev != prev_digest {
            r.faults.push(ChainFault {
                device,
                seq,
                at: at.to_string(),
                what: format!(
                    "its previous digest {} is not the digest of batch {} ({})",
                    prev.to_hex(),
                    seq - 1,
                    prev_digest.to_hex()
                ),
            });
        }
        expected = seq + 1;
        prev_digest = *digest;
    }
}
