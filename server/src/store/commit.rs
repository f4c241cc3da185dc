//! What a backend gives the checks at ingest, and what it asks of them, at each commit.
//!
//! The store merges a commit's records, then hands them to a [`Judge`] (the checks at
//! ingest, `crate::ingest::checks`) with a [`Facts`] view of the records as the commit
//! leaves them and of the keys as stored. The judge writes its flags, indexes and sums
//! through [`KeyWrites`] into the checks' key space ([`super::keys`]) and returns the
//! rollup cells' deltas; the store adds its own writes and applies everything as one
//! atomic write. The store names no rule, and the judge no backend.

use sync_protocol::clock::Hlc;
use sync_protocol::op::Op;
use sync_protocol::records::{AnyRecord, Collection};
use uuid::Uuid;

use super::{StoredFlag, StoredRecord};
use crate::error::Result;
use crate::flags::{Finding, FlagKey};
use crate::reports::rollup::{CellKey, RecordChecks};

/// The writes of one commit to an ordered key-value layout, applied atomically by the
/// backend.
pub trait KeyWrites {
    fn insert(&mut self, key: Vec<u8>, value: Vec<u8>);
    fn remove(&mut self, key: Vec<u8>);
}

/// What the judge reads: records as this commit leaves them, keys and flags as stored.
pub trait Facts {
    fn record(&self, c: Collection, id: Uuid) -> Result<Option<StoredRecord>>;
    fn stored_keys(&self, prefix: &[u8]) -> Result<Vec<Vec<u8>>>;
    fn stored_values(&self, prefix: &[u8]) -> Result<Vec<Vec<u8>>>;
    fn stored_value(&self, key: &[u8]) -> Result<Option<Vec<u8>>>;
    fn stored_flag(&self, key: &FlagKey) -> Result<Option<StoredFlag>>;
}

/// One record as a commit leaves it, with what the checks and the rollups need of it
/// before the commit.
pub struct Changed<'a> {
    pub collection: Collection,
    pub id: Uuid,
    /// What it named and how it was indexed before.
    pub before: &'a Before,
    /// Its state and region before, if it existed.
    pub old: Option<(&'a AnyRecord, Uuid)>,
    pub state: &'a AnyRecord,
    /// Where it is filed after the commit.
    pub region: Option<Uuid>,
}

/// What a record named and how the checks indexed it before a commit changed it, taken
/// by [`Judge::before`] when the store loads the record.
#[derive(Debug, Clone, Default)]
pub struct Before {
    pub existed: bool,
    /// (index prefix, named record).
    pub refs: Vec<(u8, Uuid)>,
    pub miner_keys: Vec<Vec<u8>>,
    /// A production's site-day: (its licence-month's key, what it adds).
    pub site_day: Option<(Vec<u8>, crate::flags::productivity::SiteDay)>,
    /// A production's largest weighed stone: (month, region, mineral, hundredths).
    pub largest_stone: Option<(i32, Uuid, sync_protocol::values::Mineral, u64)>,
}

/// What the clock check of one batch reads: the device's clock when it sealed the batch
/// against the server's when it received it.
#[derive(Debug, Clone, Copy)]
pub struct BatchClock {
    pub device: Uuid,
    pub seq: u64,
    pub sealed_at: Hlc,
    pub received: Hlc,
    /// Where a flag about the device is filed: its first region.
    pub region: Option<Uuid>,
}

/// The checks at ingest, as a backend calls them.
pub trait Judge: Send + Sync {
    /// Whether the rollup cells are kept at ingest.
    fn rollups(&self) -> bool;
    /// Where the server files the record an op writes: where the op's geometry lies, else
    /// where the record is filed now (`current`), else where the op says.
    fn place(&self, op: &Op, current: Option<Uuid>) -> Uuid;
    /// What a stored record names and how it is indexed, before a commit changes it.
    fn before(&self, old: Option<(&AnyRecord, Uuid)>) -> Before;
    /// Judges a commit: every scope whose facts changed is evaluated again, the flags,
    /// indexes and sums go to `writes`, and the rollup cells' deltas are returned.
    /// `exporter` is re-checked too (its declared opening stock changed).
    fn judge(
        &self,
        now: Hlc,
        facts: &dyn Facts,
        changed: &[Changed<'_>],
        batches: &[BatchClock],
        exporter: Option<Uuid>,
        writes: &mut dyn KeyWrites,
    ) -> Result<Vec<(CellKey, i64)>>;
    /// Raises a flag no scope evaluates again (a fork, a quarantined entry), unless a live
    /// one with its key is kept: its writes go to `writes`, its cells' deltas are returned.
    fn raise(
        &self,
        facts: &dyn Facts,
        primary: Uuid,
        finding: Finding,
        region: Option<Uuid>,
        now: Hlc,
        writes: &mut dyn KeyWrites,
    ) -> Result<Vec<(CellKey, i64)>>;
    /// A stored flag changed by an officer (resolved): its writes, and its cells' deltas.
    fn flag_changed(
        &self,
        before: &StoredFlag,
        after: &StoredFlag,
        writes: &mut dyn KeyWrites,
    ) -> Result<Vec<(CellKey, i64)>>;
    /// Rollup cell deltas of the regions records and flags are filed in, as deltas of the
    /// stored cells: those are subtree totals, so each delta also moves every ancestor's.
    fn rolled_up(&self, deltas: Vec<(CellKey, i64)>) -> Vec<(CellKey, i64)>;
    /// The checks of a stored production (from its live flags as stored) or sale (first
    /// sale or not, from its purchase as stored); `None` for any other record.
    fn stored_checks(
        &self,
        facts: &dyn Facts,
        state: &AnyRecord,
        id: Uuid,
    ) -> Result<Option<RecordChecks>>;
}
