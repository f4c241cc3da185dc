//! The embedded store: one sled tree, keys by one-byte prefix, every change one atomic
//! `apply_batch` taken under a single apply lock.
//!
//! | prefix | key | value |
//! |---|---|---|
//! | `v` | device | [`DeviceRecord`] |
//! | `h` | device | [`ChainHead`] |
//! | `a` | device, seq | the [`PushAck`] given |
//! | `r` | collection, record | [`StoredRecord`] |
//! | `i` | region, change seq | collection, record (the pull index) |
//! | `c` | collection, record | empty: the record has conflicts |
//! | `k` | code digest | [`CodeRecord`] |
//! | `e` | admin event id | empty: applied |
//! | `f` | device, seq, digest | fork evidence |
//! | `n` | device | last pull nonce |
//! | `m` | name | counters |
//!
//! Every record has exactly one `i` entry, at its latest change, so a pull walks only the
//! records of its regions changed since the cursor: its cost grows with what is in scope.
//! Change numbers are given out under the apply lock and committed in order, so a reader
//! never sees change N+1 without change N.
//!
//! sled 0.34 takes a global write lock for each `apply_batch`, so commits are serial
//! whatever we do around them; ingest throughput is bounded by sled's insert cost (two
//! keys per record), measured in BENCHMARKS.md.
//!
//! sled's flush does not fsync; that is fine here because the batch log is the truth and
//! everything below is re-derived from it at start.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;

use serde::de::DeserializeOwned;
use serde::Serialize;
use sync_protocol::api::{Change, PushAck};
use sync_protocol::batch::{Batch, Digest};
use sync_protocol::clock::{effective_stamp, Hlc};
use sync_protocol::codec;
use sync_protocol::records::{AnyRecord, Collection};
use uuid::Uuid;

use super::*;
use crate::batchlog::AdminEvent;
use crate::error::{Result, ServerError};

const DEVICE: u8 = b'v';
const HEAD: u8 = b'h';
const ACK: u8 = b'a';
const RECORD: u8 = b'r';
const INDEX: u8 = b'i';
const CONFLICT: u8 = b'c';
const CODE: u8 = b'k';
const EVENT: u8 = b'e';
const FORK: u8 = b'f';
const NONCE: u8 = b'n';
const META: u8 = b'm';

fn k(prefix: u8, parts: &[&[u8]]) -> Vec<u8> {
    let mut out = vec![prefix];
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}

fn record_key(c: Collection, id: Uuid) -> Vec<u8> {
    k(RECORD, &[&[c.tag()], id.as_bytes()])
}

fn index_key(region: Uuid, seq: u64) -> Vec<u8> {
    k(INDEX, &[region.as_bytes(), &seq.to_be_bytes()])
}

fn fork_key(device: Uuid, seq: u64, digest: Digest) -> Vec<u8> {
    k(FORK, &[device.as_bytes(), &seq.to_be_bytes(), &digest.0])
}

fn meta_key(name: &str) -> Vec<u8> {
    k(META, &[name.as_bytes()])
}

fn enc<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    Ok(codec::encode(v)?)
}

pub struct SledStore {
    db: sled::Db,
    tree: sled::Tree,
    /// Serialises every write, so read-modify-write needs no transaction and change
    /// numbers are committed in order.
    apply: Mutex<()>,
}

impl SledStore {
    pub fn open(dir: &Path) -> Result<Self> {
        let db = sled::Config::new()
            .path(dir)
            .mode(sled::Mode::HighThroughput)
            // The batch log is the truth, so sled may write back lazily: fewer, larger
            // flushes coalesce more updates per page. At most this much is re-applied at start.
            .flush_every_ms(Some(5_000))
            .open()?;
        let tree = db.open_tree("state")?;
        Ok(Self {
            db,
            tree,
            apply: Mutex::new(()),
        })
    }

    fn get<T: DeserializeOwned>(&self, key: &[u8]) -> Result<Option<T>> {
        match self.tree.get(key)? {
            Some(v) => Ok(Some(codec::decode(&v)?)),
            None => Ok(None),
        }
    }

    fn counter(&self, name: &str) -> Result<u64> {
        Ok(self.get::<u64>(&meta_key(name))?.unwrap_or(0))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.apply.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Store for SledStore {
    fn device(&self, id: Uuid) -> Result<Option<DeviceRecord>> {
        self.get(&k(DEVICE, &[id.as_bytes()]))
    }

    fn devices(&self) -> Result<Vec<DeviceView>> {
        let mut out = Vec::new();
        for item in self.tree.scan_prefix([DEVICE]) {
            let (_, v) = item?;
            let device: DeviceRecord = codec::decode(&v)?;
            let head = self.head(device.id)?;
            out.push(DeviceView { device, head });
        }
        Ok(out)
    }

    fn code(&self, code: &Digest) -> Result<Option<CodeRecord>> {
        self.get(&k(CODE, &[&code.0]))
    }

    fn head(&self, device: Uuid) -> Result<ChainHead> {
        Ok(self
            .get(&k(HEAD, &[device.as_bytes()]))?
            .unwrap_or_default())
    }

    fn accepted(&self, device: Uuid, seq: u64) -> Result<Option<PushAck>> {
        self.get(&k(ACK, &[device.as_bytes(), &seq.to_be_bytes()]))
    }

    fn apply_admin(&self, id: Uuid, at: Hlc, event: &AdminEvent) -> Result<()> {
        let _g = self.lock();
        let marker = k(EVENT, &[id.as_bytes()]);
        if self.tree.contains_key(&marker)? {
            return Ok(());
        }
        let mut b = sled::Batch::default();
        b.insert(marker, vec![]);
        match event {
            AdminEvent::CodeIssued {
                code,
                agent,
                regions,
                expires,
            } => {
                let rec = CodeRecord {
                    agent: agent.clone(),
                    regions: regions.clone(),
                    issued_at: at,
                    expires: *expires,
                    used_by: None,
                };
                b.insert(k(CODE, &[&code.0]), enc(&rec)?);
            }
            AdminEvent::Enrolled {
                code,
                device,
                public_key,
                label,
            } => {
                let mut rec = self
                    .code(code)?
                    .ok_or_else(|| ServerError::Other("enrolment names an unknown code".into()))?;
                rec.used_by = Some(*device);
                b.insert(k(CODE, &[&code.0]), enc(&rec)?);
                let dev = DeviceRecord {
                    id: *device,
                    agent: rec.agent.clone(),
                    label: label.clone(),
                    regions: rec.regions.clone(),
                    public_key: *public_key,
                    enrolled_at: at,
                    revoked: None,
                };
                b.insert(k(DEVICE, &[device.as_bytes()]), enc(&dev)?);
                b.insert(meta_key("devices"), enc(&(self.counter("devices")? + 1))?);
            }
            AdminEvent::Revoked { device, reason } => {
                if let Some(mut dev) = self.device(*device)? {
                    if dev.revoked.is_none() {
                        dev.revoked = Some(Revocation {
                            at,
                            reason: reason.clone(),
                        });
                        b.insert(k(DEVICE, &[device.as_bytes()]), enc(&dev)?);
                    }
                }
            }
        }
        self.tree.apply_batch(b)?;
        Ok(())
    }

    fn apply_batch(&self, received: Hlc, batch: &Batch, digest: Digest) -> Result<PushAck> {
        let _g = self.lock();
        let device = batch.device;
        let head = self.head(device)?;
        if batch.seq <= head.seq {
            return self.accepted(device, batch.seq)?.ok_or_else(|| {
                ServerError::Other(format!(
                    "batch {} of {device} applied but its ack is missing",
                    batch.seq
                ))
            });
        }
        if batch.seq != head.seq + 1 {
            return Err(ServerError::Other(format!(
                "batch {} of {device} applied out of order (head is {})",
                batch.seq, head.seq
            )));
        }

        // Merge every op into its record; a record touched twice in a batch is loaded once.
        // `placed` is where the record's pull-index entry was: (region, change number).
        struct Touched {
            placed: Option<(Uuid, u64)>,
            state: AnyRecord,
        }
        let mut order: Vec<Vec<u8>> = Vec::with_capacity(batch.ops.len());
        let mut touched: HashMap<Vec<u8>, Touched> = HashMap::with_capacity(batch.ops.len());
        for op in &batch.ops {
            let key = record_key(op.collection(), op.record);
            let slot = match touched.entry(key) {
                std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    let slot = match self.get::<StoredRecord>(v.key())? {
                        Some(old) => Touched {
                            placed: Some((old.region, old.seq)),
                            state: old.state,
                        },
                        None => Touched {
                            placed: None,
                            state: AnyRecord::empty(op.collection()),
                        },
                    };
                    order.push(v.key().clone());
                    v.insert(slot)
                }
            };
            op.apply(
                &mut slot.state,
                device,
                Some(effective_stamp(op.stamp, received)),
            );
        }

        let mut b = sled::Batch::default();
        let mut seq = self.counter("change_seq")?;
        let mut new_records: BTreeMap<u8, u64> = BTreeMap::new();
        for key in order {
            let Touched { placed, state } =
                touched.remove(&key).expect("every ordered key was touched");
            seq += 1;
            let region = state.region().expect("a record with a write has a region");
            match placed {
                Some((old_region, old_seq)) => b.remove(index_key(old_region, old_seq)),
                None => *new_records.entry(state.collection().tag()).or_default() += 1,
            }
            b.insert(index_key(region, seq), key.clone());
            let ckey = k(CONFLICT, &[&key[1..]]);
            if state.has_conflicts() {
                b.insert(ckey, vec![]);
            } else if placed.is_some() {
                b.remove(ckey);
            }
            b.insert(key, enc(&StoredRecord { seq, region, state })?);
        }
        for (tag, n) in new_records {
            let name = format!("records/{tag}");
            b.insert(meta_key(&name), enc(&(self.counter(&name)? + n))?);
        }
        let ack = PushAck {
            device,
            seq: batch.seq,
            digest,
            received,
            ops: batch.ops.len() as u32,
        };
        b.insert(
            k(ACK, &[device.as_bytes(), &batch.seq.to_be_bytes()]),
            enc(&ack)?,
        );
        let new_head = ChainHead {
            seq: batch.seq,
            digest,
            received: Some(received),
        };
        b.insert(k(HEAD, &[device.as_bytes()]), enc(&new_head)?);
        b.insert(meta_key("change_seq"), enc(&seq)?);
        b.insert(meta_key("batches"), enc(&(self.counter("batches")? + 1))?);
        b.insert(
            meta_key("ops"),
            enc(&(self.counter("ops")? + batch.ops.len() as u64))?,
        );
        self.tree.apply_batch(b)?;
        Ok(ack)
    }

    fn has_fork(&self, device: Uuid, seq: u64, digest: Digest) -> Result<bool> {
        Ok(self.tree.contains_key(fork_key(device, seq, digest))?)
    }

    fn record_fork(
        &self,
        received: Hlc,
        device: Uuid,
        seq: u64,
        digest: Digest,
        body: &[u8],
    ) -> Result<()> {
        let _g = self.lock();
        let key = fork_key(device, seq, digest);
        if self.tree.contains_key(&key)? {
            return Ok(());
        }
        let mut b = sled::Batch::default();
        b.insert(
            key,
            enc(&(received, sync_protocol::batch::Bytes(body.to_vec())))?,
        );
        b.insert(meta_key("forks"), enc(&(self.counter("forks")? + 1))?);
        self.tree.apply_batch(b)?;
        Ok(())
    }

    fn pull(&self, regions: &[Uuid], cursor: u64, limit: usize) -> Result<Pulled> {
        // A k-way merge of the regions' index ranges, in change order.
        let mut iters: Vec<std::iter::Peekable<sled::Iter>> = regions
            .iter()
            .map(|r| {
                self.tree
                    .range(index_key(*r, cursor.saturating_add(1))..=index_key(*r, u64::MAX))
                    .peekable()
            })
            .collect();
        let seq_of =
            |key: &[u8]| u64::from_be_bytes(key[17..25].try_into().expect("index keys hold a seq"));
        let mut changes = Vec::new();
        let mut last = cursor;
        loop {
            let mut best: Option<(usize, u64)> = None;
            for (i, it) in iters.iter_mut().enumerate() {
                match it.peek() {
                    Some(Ok((key, _))) => {
                        let s = seq_of(key);
                        if best.is_none_or(|(_, b)| s < b) {
                            best = Some((i, s));
                        }
                    }
                    Some(Err(_)) => {
                        if let Some(Err(e)) = it.next() {
                            return Err(e.into());
                        }
                    }
                    None => {}
                }
            }
            let Some((i, s)) = best else {
                return Ok(Pulled {
                    changes,
                    cursor: last,
                    more: false,
                });
            };
            if changes.len() >= limit {
                return Ok(Pulled {
                    changes,
                    cursor: last,
                    more: true,
                });
            }
            let (_, rkey) = iters[i].next().expect("peeked")?;
            let collection = Collection::from_tag(rkey[1])
                .ok_or_else(|| ServerError::Other("bad collection tag in index".into()))?;
            let record =
                Uuid::from_slice(&rkey[2..18]).map_err(|e| ServerError::Other(e.to_string()))?;
            if let Some(stored) = self.get::<StoredRecord>(&rkey)? {
                changes.push(Change {
                    seq: s,
                    collection,
                    record,
                    region: stored.region,
                    state: stored.state.compact(),
                });
            }
            last = s;
        }
    }

    fn record(&self, collection: Collection, id: Uuid) -> Result<Option<StoredRecord>> {
        self.get(&record_key(collection, id))
    }

    fn conflicts(&self, after: Option<&str>, limit: usize) -> Result<Page<ConflictItem>> {
        let start = match after {
            Some(a) => {
                let mut key = k(
                    CONFLICT,
                    &[&hex::decode(a).map_err(|e| ServerError::Other(e.to_string()))?],
                );
                key.push(0); // strictly after
                key
            }
            None => vec![CONFLICT],
        };
        let mut items = Vec::new();
        let mut next = None;
        for item in self.tree.range(start..) {
            let (key, _) = item?;
            if key[0] != CONFLICT {
                break;
            }
            if items.len() >= limit {
                next = items.last().map(|i: &ConflictItem| {
                    let mut raw = vec![i.collection.tag()];
                    raw.extend_from_slice(i.record.as_bytes());
                    hex::encode(raw)
                });
                break;
            }
            let collection = Collection::from_tag(key[1])
                .ok_or_else(|| ServerError::Other("bad collection tag".into()))?;
            let record =
                Uuid::from_slice(&key[2..18]).map_err(|e| ServerError::Other(e.to_string()))?;
            if let Some(stored) = self.record(collection, record)? {
                items.push(ConflictItem {
                    collection,
                    record,
                    region: stored.region,
                    conflicts: stored.state.conflicts_json(),
                });
            }
        }
        Ok(Page { items, next })
    }

    fn advance_nonce(&self, device: Uuid, nonce: u64) -> Result<bool> {
        let mut accepted = false;
        self.tree
            .fetch_and_update(k(NONCE, &[device.as_bytes()]), |old| {
                let current = old
                    .and_then(|b| b.try_into().ok())
                    .map(u64::from_be_bytes)
                    .unwrap_or(0);
                accepted = nonce > current;
                Some(nonce.max(current).to_be_bytes().to_vec())
            })?;
        Ok(accepted)
    }

    fn stats(&self) -> Result<Stats> {
        let mut records = BTreeMap::new();
        for c in Collection::ALL {
            records.insert(
                c.name().to_string(),
                self.counter(&format!("records/{}", c.tag()))?,
            );
        }
        Ok(Stats {
            change_seq: self.counter("change_seq")?,
            accepted_batches: self.counter("batches")?,
            accepted_ops: self.counter("ops")?,
            forks: self.counter("forks")?,
            devices: self.counter("devices")?,
            records,
        })
    }

    fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }
}
