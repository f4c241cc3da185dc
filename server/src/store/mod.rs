//! Derived state: what the server knows, rebuilt from the batch log if need be.
//!
//! The [`Store`] trait is the boundary a PostgreSQL backend would implement for a national
//! deployment with several server processes; [`sled_store::SledStore`] is the embedded
//! default. Every method that changes state is atomic and idempotent under the same input,
//! because on start the server re-applies whatever the log holds that the store has not
//! absorbed, and a crash can fall between any two steps.

pub mod commit;
#[cfg(test)]
pub(crate) mod contract;
pub mod keys;
pub mod pull_index;
pub mod sled_store;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use sync_protocol::api::{Change, PushAck};
use sync_protocol::batch::{Batch, Digest, PublicKey};

use sync_protocol::clock::Hlc;
use sync_protocol::merge::WriteId;
use sync_protocol::records::{AnyRecord, Collection};
use uuid::Uuid;

use crate::batchlog::LogPosition;
use crate::error::Result;
use crate::events::AdminEvent;

pub use crate::flags::stored::{FlagEvent, FlagEventKind, FlagState, StoredFlag};
pub use crate::reports::exports::OpeningStockRecord;
pub use commit::{BatchClock, Before, Changed, Facts, Judge, KeyWrites};

/// An enrolled device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceRecord {
    pub id: Uuid,
    pub agent: String,
    pub label: String,
    pub regions: Vec<Uuid>,
    pub public_key: PublicKey,
    pub enrolled_at: Hlc,
    pub revoked: Option<Revocation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revocation {
    pub at: Hlc,
    pub reason: String,
}

/// The end of a device's hash chain: its last accepted batch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChainHead {
    /// 0 before the first batch.
    pub seq: u64,
    /// Digest of the last accepted batch's sealed bytes; zeros before the first.
    pub digest: Digest,
    /// When the last batch was received (the device's last sync).
    pub received: Option<Hlc>,
}

impl Default for ChainHead {
    fn default() -> Self {
        Self {
            seq: 0,
            digest: Digest::ZERO,
            received: None,
        }
    }
}

/// A one-time enrolment code, stored by digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeRecord {
    pub agent: String,
    pub regions: Vec<Uuid>,
    pub issued_at: Hlc,
    pub expires: Hlc,
    pub used_by: Option<Uuid>,
}

/// A record as stored: its merged state, where it is filed, and its latest change number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRecord {
    pub seq: u64,
    /// Where the server files it: [`filed_region`].
    pub region: Uuid,
    /// The writes as signed: the server never changes a write.
    pub state: AnyRecord,
    /// The server's placement of each write it filed elsewhere than the write names (where
    /// its geometry lies): the server's own attribute of the record, with its history.
    pub placed: BTreeMap<WriteId, Uuid>,
}

impl StoredRecord {
    /// Whether `device` already holds all the server holds of this record: every write is
    /// its own (it took their effective stamps from the acknowledgement), the server files
    /// the record where those writes say, and none of its values was erased at the
    /// ministry. A pull does not send it back (no echo).
    pub fn is_echo(&self, device: Uuid) -> bool {
        self.placed.is_empty()
            && !self.state.any_write(|d, _| d != device)
            && !matches!(&self.state, AnyRecord::Miner(s) if sync_protocol::personal::holds_erased(s))
    }
}

/// Where the server files a record: where it placed the latest write, or else the region
/// that write names.
pub fn filed_region(state: &AnyRecord, placed: &BTreeMap<WriteId, Uuid>) -> Option<Uuid> {
    let (id, region) = state.latest_write()?;
    Some(placed.get(&id).copied().unwrap_or(region))
}

/// A device with its chain head, for listings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceView {
    pub device: DeviceRecord,
    pub head: ChainHead,
}

/// One record with lost values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictItem {
    pub collection: Collection,
    pub record: Uuid,
    pub region: Uuid,
    pub conflicts: Vec<serde_json::Value>,
}

/// What kind of log entry was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuarantineKind {
    /// An accepted batch whose ops could not be applied. Its device's chain moves past it,
    /// so the device is not stuck; its records are missing until it is applied.
    Batch,
    /// A fork's evidence that could not be kept.
    Fork,
    /// An administrative act that could not be applied.
    Admin,
    /// A frame that checks out but does not decode as a log entry of this build.
    Undecodable,
}

/// A log entry that could not be applied, kept aside: it stays in the batch log, is listed
/// by `placer admin quarantine`, raises a `quarantined_entry` flag, and is skipped. A
/// rebuild of the state from the log (after the fault is fixed) tries it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quarantined {
    /// The batch's digest's first 16 bytes, the admin event's id, or the digest of the
    /// undecodable payload: the same entry always gets the same id.
    pub id: Uuid,
    pub kind: QuarantineKind,
    pub at: LogPosition,
    pub device: Option<Uuid>,
    pub seq: Option<u64>,
    pub digest: Option<Digest>,
    /// When the server received the batch or logged the act.
    pub received: Option<Hlc>,
    pub error: String,
    pub quarantined_at: Hlc,
}

/// An accepted batch whose predecessor the log no longer holds (a damaged frame dropped by
/// `placer admin repair-log`): kept until the device sends the missing batch again, then
/// applied after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parked {
    pub device: Uuid,
    pub seq: u64,
    pub received: Hlc,
    pub json: bool,
    pub body: sync_protocol::batch::Bytes,
    pub at: LogPosition,
}

/// A page of a listing; `next` is the cursor for the following page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// Counts for operators and for tests that check that nothing changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub change_seq: u64,
    pub accepted_batches: u64,
    pub accepted_ops: u64,
    pub forks: u64,
    /// Log entries set aside because they could not be applied.
    #[serde(default)]
    pub quarantined: u64,
    /// Accepted batches waiting for a predecessor the log lost.
    #[serde(default)]
    pub parked: u64,
    pub devices: u64,
    pub records: std::collections::BTreeMap<String, u64>,
}

/// One record or flag behind a rollup cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellRecord {
    /// A collection name, or `flag`.
    pub kind: String,
    /// The record's id, or the flag's id.
    pub id: String,
    pub value: i64,
}

/// What a rebuild of the rollups found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RebuildReport {
    pub records: u64,
    pub flags: u64,
    pub cells: u64,
    /// Cells whose kept value differed from the rebuilt one (missing or extra included).
    pub differences: u64,
}

/// What a flag listing is restricted to.
#[derive(Debug, Clone, Default)]
pub struct FlagFilter {
    /// Only flags in these regions (an officer's scope), when given.
    pub regions: Option<Vec<Uuid>>,
    pub region: Option<Uuid>,
    pub kind: Option<crate::flags::FlagKind>,
    pub state: Option<FlagState>,
    /// Only flags changed at or after this time.
    pub since: Option<Hlc>,
}

/// How much one pull page may hold: at most `changes` changes, and no more changes once
/// their encoded size (plain, version 1) reaches `bytes`, but always at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimit {
    pub changes: usize,
    pub bytes: usize,
}

impl PageLimit {
    /// A limit on the count only.
    pub fn changes(changes: usize) -> Self {
        Self {
            changes,
            bytes: usize::MAX,
        }
    }
}

/// The changes a pull returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Pulled {
    pub changes: Vec<Change>,
    pub cursor: u64,
    pub more: bool,
}

pub trait Store: Send + Sync + 'static {
    fn device(&self, id: Uuid) -> Result<Option<DeviceRecord>>;
    fn devices(&self) -> Result<Vec<DeviceView>>;
    fn code(&self, code: &Digest) -> Result<Option<CodeRecord>>;
    fn head(&self, device: Uuid) -> Result<ChainHead>;
    /// The acknowledgement given for a device's batch `seq`, if it was accepted.
    fn accepted(&self, device: Uuid, seq: u64) -> Result<Option<PushAck>>;

    /// Applies an administrative event once; applying it again changes nothing.
    /// `judge` serves the events that write records (licences issued by the ministry).
    fn apply_admin(&self, id: Uuid, at: Hlc, event: &AdminEvent, judge: &dyn Judge) -> Result<()>;
    /// Opens sealed personal values of miners, as the log's taking `id` says: each opening
    /// checked against its write (one that does not open its write changes nothing), the
    /// records it opens committed together with the mark that `id` is taken. A taking
    /// applied before changes nothing.
    fn apply_openings(
        &self,
        id: Uuid,
        openings: &[sync_protocol::personal::Opening],
        at: Hlc,
        judge: &dyn Judge,
    ) -> Result<()>;
    /// Whether the log's taking of openings `id` is in this state.
    fn openings_taken(&self, id: Uuid) -> Result<bool>;
    /// Whether every personal value of this miner was erased, those to come included.
    fn person_erased(&self, miner: Uuid) -> Result<bool>;
    /// Applies a verified batch, records, chain head and the red flags its records raise or
    /// clear, together. A batch already applied returns its stored acknowledgement and
    /// changes nothing.
    fn apply_batch(
        &self,
        received: Hlc,
        batch: &Batch,
        digest: Digest,
        judge: &dyn Judge,
    ) -> Result<PushAck>;
    /// Applies several verified batches as one commit: each of another device, each next in
    /// its chain, no record written by two of them (the caller groups them so). What is
    /// stored is what applying them one by one in this order stores, but for the stamp of
    /// the commit (the latest `received`) on the flags it raises. Nothing is applied when
    /// one of them cannot be.
    fn apply_batches(
        &self,
        batches: &[(Hlc, &Batch, Digest)],
        judge: &dyn Judge,
    ) -> Result<Vec<PushAck>>;
    fn flag(&self, key: &crate::flags::FlagKey) -> Result<Option<StoredFlag>>;
    /// Rollup cells of months `from..=to`, in the given regions when given (one key range
    /// per region), else every cell. Each cell is its region's subtree total.
    fn cells(
        &self,
        regions: Option<&[Uuid]>,
        from: i32,
        to: i32,
    ) -> Result<Vec<(crate::reports::rollup::CellKey, i64)>>;
    /// The regions that have at least one cell, in id order.
    fn cell_regions(&self) -> Result<Vec<Uuid>>;
    /// The records (and flags) behind one cell, with what each contributes to it: those
    /// filed in `regions` (the cell's region and every region below it).
    fn cell_records(
        &self,
        key: &crate::reports::rollup::CellKey,
        regions: &[Uuid],
        judge: &dyn Judge,
    ) -> Result<Vec<CellRecord>>;
    /// Recomputes every rollup cell from the records and flags (the production checks
    /// and the roll-up to parent regions as `judge` has them), replaces the kept ones, and
    /// says how many differed. `progress` is called once per record read.
    fn rebuild_rollups(&self, judge: &dyn Judge, progress: &dyn Fn()) -> Result<RebuildReport>;
    /// Flags in key order after `after` (a flag id), filtered, at most `limit`.
    fn flags(
        &self,
        filter: &FlagFilter,
        after: Option<&crate::flags::FlagKey>,
        limit: usize,
    ) -> Result<Page<StoredFlag>>;
    /// Whether this exact fork was already kept.
    fn has_fork(&self, device: Uuid, seq: u64, digest: Digest) -> Result<bool>;
    /// How many distinct refused forks of the device are kept.
    fn forks_of(&self, device: Uuid) -> Result<usize>;
    /// Keeps the evidence of a refused fork (once per distinct batch).
    fn record_fork(
        &self,
        received: Hlc,
        device: Uuid,
        seq: u64,
        digest: Digest,
        body: &[u8],
        judge: &dyn Judge,
    ) -> Result<()>;
    /// Sets a log entry aside, with its flag; a second time changes nothing. With `ack`
    /// (a batch), the device's chain moves past it and the acknowledgement is kept, as for
    /// an applied batch.
    fn quarantine(
        &self,
        entry: &Quarantined,
        ack: Option<&PushAck>,
        judge: &dyn Judge,
    ) -> Result<()>;
    /// Every entry set aside, in log order.
    fn quarantined(&self) -> Result<Vec<Quarantined>>;
    /// Keeps an accepted batch that cannot be applied before its predecessor arrives.
    fn park(&self, parked: &Parked) -> Result<()>;
    /// The batch parked under this device and sequence number, if any.
    fn parked(&self, device: Uuid, seq: u64) -> Result<Option<Parked>>;

    /// Changes after `cursor` in the given regions, in change order, within `limit`; with
    /// `author`, also the records that device wrote and the server filed elsewhere (where
    /// their geometry lies), so that their author learns where they are.
    fn pull(
        &self,
        regions: &[Uuid],
        author: Option<Uuid>,
        cursor: u64,
        limit: PageLimit,
    ) -> Result<Pulled>;
    fn record(&self, collection: Collection, id: Uuid) -> Result<Option<StoredRecord>>;
    /// Records with conflicts, in key order; only those filed in `regions` when given.
    fn conflicts(
        &self,
        after: Option<&str>,
        limit: usize,
        regions: Option<&[Uuid]>,
    ) -> Result<Page<ConflictItem>>;
    /// Every region that has all its fields, voided ones excluded.
    fn regions(&self) -> Result<Vec<sync_protocol::records::Region>>;
    /// Every record of a collection (for small ones: exports).
    fn records_in(&self, collection: Collection) -> Result<Vec<(Uuid, StoredRecord)>>;
    /// The sales naming `buyer` as their buyer (from the check indexes).
    fn sales_to(&self, buyer: Uuid) -> Result<Vec<Uuid>>;
    /// The productions that named the miner at some time (the index only grows: read each
    /// to see whether it still does).
    fn productions_naming(&self, miner: Uuid) -> Result<Vec<Uuid>>;
    /// The flags filed under a record (about it, or a pair it is in).
    fn flags_of(&self, record: Uuid) -> Result<Vec<StoredFlag>>;
    /// The productions that named the licence at some time (the index only grows: read
    /// each to see whether it still does).
    fn productions_on(&self, licence: Uuid) -> Result<Vec<Uuid>>;
    /// The sales naming `seller` (a miner or a licence) as their seller (from the check
    /// indexes).
    fn sales_by(&self, seller: Uuid) -> Result<Vec<Uuid>>;
    /// Every exporter's declared opening stock.
    fn opening_stocks(&self) -> Result<Vec<OpeningStockRecord>>;
    /// The reference footprint set for exactly this region, if any.
    fn reference_footprint(
        &self,
        region: Uuid,
    ) -> Result<Option<crate::reports::reference::StoredReference>>;
    /// Every reference footprint set, by region id.
    fn reference_footprints(&self) -> Result<Vec<crate::reports::reference::StoredReference>>;
    /// Every export's valuation by the government valuator.
    fn valuations(&self) -> Result<Vec<crate::reports::exports::ValuationRecord>>;
    /// Every gold sale's assay.
    fn assays(&self) -> Result<Vec<crate::reports::gold::AssayRecord>>;
    /// The large-stone register's entries of months `from..=to`: (month, region, production).
    fn large_stones(&self, from: i32, to: i32) -> Result<Vec<(i32, Uuid, Uuid)>>;
    /// The licences with a site-day of `month` filed in `region` (any mineral): the sites
    /// field agents visited there.
    fn licences_worked(&self, region: Uuid, month: i32)
        -> Result<std::collections::BTreeSet<Uuid>>;
    /// Every export's cited purchases.
    fn citations(&self) -> Result<Vec<crate::reports::exports::CitationRecord>>;
    /// Every country's thresholds of the checks, as set.
    fn thresholds(&self) -> Result<Vec<crate::flags::rules::StoredThresholds>>;
    /// Every region's estimate of its diggers.
    fn digger_estimates(&self) -> Result<Vec<crate::reports::national::DiggerEstimate>>;
    /// Every import recorded at the ministry.
    fn imports(&self) -> Result<Vec<crate::reports::kp::StoredImport>>;
    fn user(&self, name: &str) -> Result<Option<crate::auth::User>>;
    fn users(&self) -> Result<Vec<crate::auth::User>>;
    /// Keeps a login's session under its token's digest (not logged: a lost session only
    /// means logging in again).
    fn put_session(&self, token: Digest, session: &crate::auth::Session) -> Result<()>;
    fn session(&self, token: &Digest) -> Result<Option<crate::auth::Session>>;
    /// Deletes the sessions that expired before `before`; how many.
    fn purge_sessions(&self, before: Hlc) -> Result<usize>;
    /// Accepts a signed request's nonce if it is above every nonce seen from the device.
    fn advance_nonce(&self, device: Uuid, nonce: u64) -> Result<bool>;
    fn stats(&self) -> Result<Stats>;
    fn flush(&self) -> Result<()>;
}
