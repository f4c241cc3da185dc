//! The server's core: every rule of the registry, whichever way a request arrives (HTTP,
//! the dashboard, `placer admin` on a stopped server). Front ends only translate: every
//! role and scope check lives here, in the use case's module, which takes the [`Officer`]
//! where a person acts.
//!
//! - `sync`: push and pull (the order of work of an ingest is written there);
//! - `devices`: enrolment codes, enrolment, revocation;
//! - `regions`: the region index, imports, listings;
//! - `flags`: red flags read and resolved;
//! - `notes`: the flags on a device's records, as the device asks for them;
//! - `reports`: rollup cells and the reports built on them, reference footprints;
//! - `exports`: export monitoring, exports and opening stocks recorded at the ministry;
//! - `ministry`: records written at the ministry;
//! - `officers`: accounts, logins, sessions;
//! - `people`: a person's file and erasure;
//! - `photos`: photos and documents from the field, taken in chunks and read by role.
//!
//! This module opens the data directory (the replay) and holds what every use case shares.

#[cfg(test)]
mod convergence_tests;
mod devices;
mod exports;
mod flags;
mod gold;
mod ministry;
mod notes;
mod officers;
mod people;
mod photos;
mod records;
mod regions;
mod reports;
mod sync;
pub use sync::canonical;

pub use devices::{code_digest, IssuedCode};
pub use exports::ExporterDetail;
pub use flags::{FlagListing, FlagView};
pub use ministry::IssuedRecord;
pub use officers::AccountAct;
pub use people::PersonFile;
pub use photos::PhotoView;
pub use regions::{region_id, ImportReport, ImportedRegion, RegionSummary};
pub use reports::{
    CellView, FootprintReport, KeptReference, ReferenceFrom, ReferencePeriod, ReferenceRequest,
    Report, ReportKind,
};

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use sync_protocol::api::{
    EnrolRequest, Enrolment, ErrorCode, OpenAck, OpenRequest, PullPage, PullRequest, PushAck,
    MAX_OPENINGS,
};
use sync_protocol::batch::{Batch, Bytes, Digest, Signed};
use sync_protocol::clock::{wall_ms, Clock, Hlc};
use sync_protocol::failpoint;
use uuid::Uuid;

use crate::auth::{self, Login, Officer, Role, Session, UserView};
use crate::batchlog::BatchLog;
use crate::error::{ApiError, Result, ServerError};
use crate::events::{self, AdminEvent, LogEntry};
use crate::geo::RegionIndex;
use crate::ingest::checks::Checks;
pub use crate::ingest::decode_signed;
use crate::ingest::{self, LoggedBatch};
use crate::store::sled_store::SledStore;
use crate::store::{DeviceRecord, DeviceView, FlagFilter, FlagState, Page, Store, StoredFlag};
use sync_protocol::records::{Licence, Region, RegionLevel};
use sync_protocol::values::{Polygon, Text};

/// Who manages devices, officers, regions and the derived state.
const ADMIN: &[Role] = &[Role::Admin];

/// Most changes one pull page may carry.
pub const MAX_PULL_LIMIT: u32 = 5_000;
/// A pull page takes no more changes once their plain encoding reaches this many bytes.
/// Compressed, that is a page of 32–64 KB (BENCHMARKS.md): 5–10 s on a 50 kbit/s link, the
/// most a cut connection makes a device fetch again.
pub const PAGE_BYTES: usize = 256 * 1024;

/// What one device may push in a UTC day, by default, in MiB: far above any agent's work
/// (a week offline is a few megabytes), far below what fills a disk. A stolen handset's
/// key, or a device in a loop, is stopped there.
pub const PUSH_QUOTA_MIB: u64 = 256;

pub struct Core {
    store: Arc<dyn Store>,
    log: BatchLog,
    clock: Mutex<Clock>,
    device_locks: Mutex<HashMap<Uuid, Arc<Mutex<()>>>>,
    admin_lock: Mutex<()>,
    /// Failed logins, per account and per address (kept in memory: a restart forgives).
    logins: Mutex<(crate::throttle::Throttle, crate::throttle::Throttle)>,
    /// Push bytes per device and UTC day (in memory: a restart forgives), and the quota.
    pushed_today: Mutex<HashMap<Uuid, (i64, u64)>>,
    push_quota: u64,
    /// When expired sessions were last purged (wall ms).
    sessions_purged_ms: std::sync::atomic::AtomicU64,
    session_seconds: u64,
    /// The imported regions' boundaries; replaced whole after an import.
    regions: RwLock<Arc<RegionIndex>>,
    /// Countries' own thresholds of the checks; replaced whole when one is set.
    thresholds: RwLock<Arc<BTreeMap<Uuid, crate::flags::Thresholds>>>,
    checks_enabled: bool,
    rollups_enabled: bool,
    /// Applies concurrent pushes' batches together.
    combiner: ingest::Combiner,
    /// The openings of miners' sealed personal values, and the lock that orders their
    /// taking against erasures.
    openings: crate::openings::Openings,
    personal_lock: Mutex<()>,
    /// Photos and documents from the field, and the lock that orders their chunks (and
    /// their erasure).
    photos: crate::photos::Photos,
    uploads_lock: Mutex<()>,
}

/// What opening found.
#[derive(Debug, Default)]
pub struct Recovery {
    pub log_entries: u64,
    pub batches_reapplied: u64,
    pub truncated_bytes: u64,
    /// Openings of personal values taken from the openings file.
    pub openings_taken: u64,
    /// Log entries set aside (now, in all).
    pub quarantined: u64,
    /// Where a derived state that could not be used was moved, when it was rebuilt.
    pub state_rebuilt_from: Option<PathBuf>,
}

pub fn log_dir(data: &Path) -> PathBuf {
    data.join("log")
}

pub fn state_dir(data: &Path) -> PathBuf {
    data.join("state")
}

/// Moves `state/` aside as `state.aside-<UTC time>`, so that the next open rebuilds it
/// from the log; the old copy stays for inspection until an operator removes it.
pub fn move_state_aside(data: &Path) -> Result<PathBuf> {
    let stamp = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
        .replace(':', "");
    let mut aside = data.join(format!("state.aside-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        aside = data.join(format!("state.aside-{stamp}-{n}"));
        n += 1;
    }
    std::fs::rename(state_dir(data), &aside)?;
    crate::batchlog::sync_dir(data)?;
    Ok(aside)
}

impl Core {
    /// Opens the data directory: the store, then the log, re-applying every logged entry
    /// the store has not absorbed (after a crash, the batches acknowledged or not yet
    /// acknowledged whose apply did not reach sled).
    pub fn open(data: &Path) -> Result<(Self, Recovery)> {
        Self::open_with(data, true)
    }

    /// Opens with the checks at ingest on or off (off only to measure their cost).
    ///
    /// `state/` is derived from the log, so when it cannot be opened or read (sled left a
    /// snapshot it cannot read after a kill, a value that no longer decodes) it is moved
    /// aside, named after the moment, and rebuilt from the log: a damaged derived state never
    /// keeps the registry down.
    pub fn open_with(data: &Path, checks_enabled: bool) -> Result<(Self, Recovery)> {
        crate::batchlog::create_private_dir(data)?;
        crate::batchlog::refuse_shared_dir(data)?;
        match Self::open_once(data, checks_enabled) {
            Err(e) if e.is_state_damage() => {
                let aside = move_state_aside(data)?;
                tracing::warn!(
                    error = %e,
                    moved_to = %aside.display(),
                    "the derived state cannot be used; it was moved aside and is rebuilt from the batch log"
                );
                let (core, mut recovery) = Self::open_once(data, checks_enabled)?;
                recovery.state_rebuilt_from = Some(aside);
                Ok((core, recovery))
            }
            other => other,
        }
    }

    fn open_once(data: &Path, checks_enabled: bool) -> Result<(Self, Recovery)> {
        // Before sled, which would create it with the default permissions.
        crate::batchlog::create_private_dir(&state_dir(data))?;
        let store: Arc<dyn Store> =
            Arc::new(SledStore::open(&state_dir(data)).map_err(|e| match e {
                ServerError::Sled(sled::Error::Io(io))
                    if io.kind() == std::io::ErrorKind::WouldBlock =>
                {
                    ServerError::Locked(data.display().to_string())
                }
                // Any other failure to open is the derived state's: rebuilt from the log.
                ServerError::Sled(other) => ServerError::CorruptState(other.to_string()),
                other => other,
            })?);
        let total: u64 = std::fs::read_dir(log_dir(data))
            .map(|d| {
                d.filter_map(|e| e.ok()?.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        let bar = crate::progress::bytes_bar(total, "reading the batch log");
        let mut recovery = Recovery::default();
        let mut latest = Hlc::ZERO;
        // Regions as they stood at each point of the log, so that a batch is placed on
        // replay exactly as it was when it arrived.
        let mut index = Arc::new(RegionIndex::from_regions(&store.regions()?));
        // Thresholds too, as they stood: a production is judged on replay as it was.
        let mut thresholds = Checks::country_thresholds(&store.thresholds()?);
        let openings = crate::openings::Openings::open(&crate::openings::openings_dir(data))?;
        // Outside the log, like the openings; partial uploads left a week are removed.
        let photos = crate::photos::Photos::open(
            &crate::photos::photos_dir(data),
            crate::photos::PARTIAL_MAX_AGE,
        )?;
        // The openings by value, read when the replay first meets an entry that took some.
        let mut opening_index: Option<crate::openings::Index> = None;
        let (log, opened) = BatchLog::open(&log_dir(data), |entry, at, size| {
            bar.inc(size);
            let mut checks = Checks::new(index.clone(), checks_enabled);
            checks.by_country = thresholds.clone();
            let store = store.as_ref();
            match events::decode(entry) {
                Err(undecodable) => {
                    ingest::undecodable_entry(store, &checks, at, &undecodable, latest)?;
                }
                Ok(LogEntry::Batch {
                    received,
                    json,
                    body,
                }) => {
                    latest = latest.max(received);
                    match LoggedBatch::decode(received, at, json, &body.0) {
                        Ok(logged) => {
                            let (device, seq) = (logged.batch.device, logged.batch.seq);
                            if store.head(device)?.seq < seq {
                                ingest::logged_batch(store, &checks, logged)?;
                                recovery.batches_reapplied += 1;
                            }
                        }
                        Err(e) => ingest::undecodable_batch(
                            store,
                            &checks,
                            received,
                            at,
                            &body.0,
                            e.to_string(),
                        )?,
                    }
                }
                Ok(LogEntry::Fork {
                    received,
                    json,
                    body,
                }) => {
                    latest = latest.max(received);
                    ingest::logged_fork(store, &checks, received, at, json, &body.0)?;
                }
                Ok(LogEntry::ForkSampled {
                    received,
                    device,
                    seq,
                    digest,
                    sample,
                    ..
                }) => {
                    latest = latest.max(received);
                    store.record_fork(received, device, seq, digest, &sample.0, &checks)?;
                }
                Ok(LogEntry::Opened {
                    id,
                    at: when,
                    values,
                    ..
                }) => {
                    latest = latest.max(when);
                    // Read only when a taking is missing (a rebuild, a crash before the
                    // apply), not at every start.
                    if !store.openings_taken(id)? {
                        if opening_index.is_none() {
                            opening_index = Some(crate::openings::Index::of(&openings)?);
                        }
                        let found = opening_index
                            .as_ref()
                            .map(|index| index.find(&values))
                            .unwrap_or_default();
                        store.apply_openings(id, &found, when, &checks)?;
                        recovery.openings_taken += found.len() as u64;
                    }
                }
                Ok(LogEntry::Admin {
                    id,
                    at: when,
                    event,
                }) => {
                    latest = latest.max(when);
                    // A quarantined act is recorded and flagged; replay goes on.
                    let _quarantined = ingest::logged_admin(store, &checks, id, when, at, &event)?;
                    if matches!(event, AdminEvent::RegionsImported { .. }) {
                        index = Arc::new(RegionIndex::from_regions(&store.regions()?));
                    }
                    if matches!(event, AdminEvent::ThresholdsSet { .. }) {
                        thresholds = Checks::country_thresholds(&store.thresholds()?);
                    }
                }
            }
            Ok(())
        })?;
        bar.finish_and_clear();
        recovery.log_entries = opened.entries;
        recovery.truncated_bytes = opened.truncated_bytes;
        recovery.quarantined = store.stats()?.quarantined;
        let core = Self {
            store,
            log,
            clock: Mutex::new(Clock::starting_at(latest)),
            device_locks: Mutex::new(HashMap::new()),
            admin_lock: Mutex::new(()),
            sessions_purged_ms: std::sync::atomic::AtomicU64::new(0),
            pushed_today: Mutex::new(HashMap::new()),
            push_quota: PUSH_QUOTA_MIB * 1024 * 1024,
            logins: Mutex::new((
                crate::throttle::Throttle::new(crate::throttle::Policy::ACCOUNT),
                crate::throttle::Throttle::new(crate::throttle::Policy::ADDRESS),
            )),
            session_seconds: auth::DEFAULT_SESSION_SECONDS,
            regions: RwLock::new(index),
            thresholds: RwLock::new(thresholds),
            checks_enabled,
            rollups_enabled: true,
            combiner: ingest::Combiner::default(),
            openings,
            personal_lock: Mutex::new(()),
            photos,
            uploads_lock: Mutex::new(()),
        };
        Ok((core, recovery))
    }

    /// What one device may push in a UTC day.
    pub fn with_push_quota(mut self, bytes: u64) -> Self {
        self.push_quota = bytes;
        self
    }

    /// How long a login lasts.
    pub fn with_session_seconds(mut self, seconds: u64) -> Self {
        self.session_seconds = seconds.max(1);
        self
    }

    /// What is stored (the store's counts) and what this process's log has done, for an
    /// operator.
    pub fn stats(&self, officer: &Officer) -> Result<ServerStats, ApiError> {
        officer.require(ADMIN)?;
        Ok(ServerStats {
            store: self.store.stats()?,
            log: self.log.counters(),
        })
    }

    /// The log entries set aside because they could not be applied, oldest first, as an
    /// operator reads them.
    pub fn quarantined(&self, officer: &Officer) -> Result<Vec<QuarantineView>, ApiError> {
        officer.require(ADMIN)?;
        Ok(self
            .store
            .quarantined()?
            .into_iter()
            .map(QuarantineView::from)
            .collect())
    }

    /// The server's clock, ticked. Device stamps never move it.
    pub fn now(&self) -> Hlc {
        lock(&self.clock).tick(wall_ms())
    }

    /// Logs an administrative event, then applies it.
    fn admin_event(&self, event: AdminEvent) -> Result<Hlc> {
        let id = Uuid::now_v7();
        let at = self.now();
        let position = self
            .log
            .append_durable_blocking(events::encode(&LogEntry::Admin {
                id,
                at,
                event: event.clone(),
            })?)?;
        ingest::logged_admin(
            self.store.as_ref(),
            &self.checks(),
            id,
            at,
            position,
            &event,
        )?
        .map_err(|why| {
            ServerError::Other(format!(
                "the act was logged but could not be applied, and is quarantined: {why}"
            ))
        })?;
        Ok(at)
    }

    fn checks(&self) -> Checks {
        let mut checks = Checks::new(self.region_index(), self.checks_enabled);
        checks.rollups = self.rollups_enabled;
        checks.by_country = self
            .thresholds
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        checks
    }

    /// Keeps the rollup cells at ingest, or not (off only to measure their cost).
    pub fn with_rollups(mut self, on: bool) -> Self {
        self.rollups_enabled = on;
        self
    }

    /// Writes the derived state out (sled's own flush; the log needs none, it is synced
    /// before every acknowledgement).
    pub fn flush(&self) -> Result<()> {
        self.store.flush()
    }

    /// Flushes sled before a clean exit so the next start has little to re-apply.
    pub fn shutdown(&self) {
        if let Err(e) = self.flush() {
            tracing::warn!(error = %e, "flushing the store at shutdown failed; the log will be re-applied");
        }
    }
}

/// A quarantined log entry for people: where it is, what it is, why it was set aside.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct QuarantineView {
    pub id: Uuid,
    pub kind: crate::store::QuarantineKind,
    /// Segment file and byte offset of its frame in the batch log.
    pub log_position: String,
    pub device: Option<Uuid>,
    pub seq: Option<u64>,
    pub digest: Option<String>,
    pub received: Option<String>,
    pub error: String,
    pub quarantined_at: String,
    /// The flag it raised.
    pub flag: String,
}

impl From<crate::store::Quarantined> for QuarantineView {
    fn from(q: crate::store::Quarantined) -> Self {
        Self {
            id: q.id,
            kind: q.kind,
            log_position: q.at.to_string(),
            device: q.device,
            seq: q.seq,
            digest: q.digest.map(|d| d.to_hex()),
            received: q.received.map(|h| h.rfc3339()),
            error: q.error,
            quarantined_at: q.quarantined_at.rfc3339(),
            flag: crate::flags::flag_id(&crate::flags::FlagKey::single(
                crate::flags::FlagKind::QuarantinedEntry,
                q.id,
            )),
        }
    }
}

/// What `/admin/stats` shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ServerStats {
    #[serde(flatten)]
    pub store: crate::store::Stats,
    /// Since this process started.
    pub log: crate::batchlog::LogCounters,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
