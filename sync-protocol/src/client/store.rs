//! The device's own sled directory: identity, clock, records, pending ops and the outbox.
//!
//! One tree, keys by prefix, so that every step that must be atomic is one
//! `apply_batch`, followed by a flush:
//! - `m/<name>`: metadata (device id, key, server URL, cursor, nonce, clock, chain head);
//! - `r/<collection><id>`: a record's merged state;
//! - `p/<n>`: a pending op, recorded but not yet sealed;
//! - `o/<seq>`: a sealed, signed batch not yet acknowledged, exactly as it will be sent;
//! - `k/<seq>`: an acknowledged batch, kept (with when it was acknowledged) so that it can
//!   be sent again if the server loses it;
//! - `v/<n>`: the opening of a personal value this device sealed, until the server has it;
//! - `n/<flag id>`: a red flag raised on records this device wrote, as the server last sent
//!   it (`POST /v1/sync/notes`).

use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use crate::codec;
use crate::error::ProtocolError;
use crate::records::{AnyRecord, Collection};

pub(crate) const META: &[u8] = b"m/";
pub(crate) const RECORD: &[u8] = b"r/";
pub(crate) const PENDING: &[u8] = b"p/";
pub(crate) const OUTBOX: &[u8] = b"o/";
pub(crate) const KEPT: &[u8] = b"k/";
pub(crate) const OPENING: &[u8] = b"v/";
/// The flags on this device's records, by flag id.
pub(crate) const NOTE: &[u8] = b"n/";
/// Where the server files each pulled record (`Change::region`), by record key.
pub(crate) const FILED: &[u8] = b"f/";
/// Photos waiting to go up, by record, kind and digest ([`super::photos`]).
pub(crate) const PHOTO: &[u8] = b"g/";

pub(crate) fn key(prefix: &[u8], rest: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(prefix.len() + rest.len());
    k.extend_from_slice(prefix);
    k.extend_from_slice(rest);
    k
}

pub(crate) fn meta_key(name: &str) -> Vec<u8> {
    key(META, name.as_bytes())
}

pub(crate) fn record_key(c: Collection, id: Uuid) -> Vec<u8> {
    let mut rest = vec![c.tag()];
    rest.extend_from_slice(id.as_bytes());
    key(RECORD, &rest)
}

pub(crate) fn seq_key(prefix: &[u8], n: u64) -> Vec<u8> {
    key(prefix, &n.to_be_bytes())
}

pub(crate) struct Store {
    db: sled::Db,
    pub(crate) tree: sled::Tree,
}

impl Store {
    pub(crate) fn open(dir: &std::path::Path) -> Result<Self, ProtocolError> {
        // On the device sled is the truth: a snapshot a kill left unfinished must not keep
        // the agent's pending records locked away.
        let db = crate::sled_repair::open(sled::Config::new().path(dir), dir)?;
        let tree = db.open_tree("device")?;
        Ok(Self { db, tree })
    }

    pub(crate) fn get<T: DeserializeOwned>(&self, k: &[u8]) -> Result<Option<T>, ProtocolError> {
        match self.tree.get(k)? {
            Some(v) => Ok(Some(codec::decode(&v)?)),
            None => Ok(None),
        }
    }

    pub(crate) fn meta<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, ProtocolError> {
        self.get(&meta_key(name))
    }

    pub(crate) fn record(
        &self,
        c: Collection,
        id: Uuid,
    ) -> Result<Option<AnyRecord>, ProtocolError> {
        self.get(&record_key(c, id))
    }

    /// Applies a batch of writes atomically and waits for sled to flush it.
    pub(crate) fn commit(&self, batch: Writes) -> Result<(), ProtocolError> {
        self.tree.apply_batch(batch.0)?;
        self.db.flush()?;
        Ok(())
    }

    pub(crate) fn scan(
        &self,
        prefix: &[u8],
    ) -> impl Iterator<Item = Result<(sled::IVec, sled::IVec), ProtocolError>> {
        self.tree
            .scan_prefix(prefix)
            .map(|r| r.map_err(ProtocolError::from))
    }
}

/// Writes to be committed together.
#[derive(Default)]
pub(crate) struct Writes(sled::Batch);

impl Writes {
    pub(crate) fn put<T: Serialize + ?Sized>(
        &mut self,
        k: Vec<u8>,
        v: &T,
    ) -> Result<(), ProtocolError> {
        self.0.insert(k, codec::encode(v)?);
        Ok(())
    }
    pub(crate) fn put_raw(&mut self, k: Vec<u8>, v: Vec<u8>) {
        self.0.insert(k, v);
    }
    pub(crate) fn put_meta<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        v: &T,
    ) -> Result<(), ProtocolError> {
        self.put(meta_key(name), v)
    }
    pub(crate) fn remove(&mut self, k: Vec<u8>) {
        self.0.remove(k);
    }
}
