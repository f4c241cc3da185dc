//! The server's core: checks a request, logs it durably, applies it to the store. HTTP
//! handlers and the `placer admin` commands (when no server is running) both call this,
//! so a rule lives in one place whichever way a request arrives.
//!
//! # Ingest of a batch
//! 1. Decode the envelope and the sealed batch (strict codec: 400 on anything odd).
//! 2. Identify the device from the sealed batch, refuse unknown (401) or revoked (403)
//!    devices, verify the signature over the exact sealed bytes (401).
//! 3. Under the device's lock, check the chain: an already accepted batch returns its
//!    stored acknowledgement; other bytes under a taken number are a fork (logged as
//!    evidence, 409); a skipped number is a gap (409 with the expected number); a `prev`
//!    that is not the last digest is a broken chain (409).
//! 4. Stamp the receipt with the server clock, append the raw body to the batch log and
//!    wait for its sync. From here the batch is accepted whatever happens.
//! 5. Apply to the store (records, pull index, chain head, acknowledgement) atomically,
//!    and answer.
//!
//! The envelope can refuse a batch; its content never does: a signed, well-formed batch
//! whose records break a domain rule is accepted (later checks raise flags on it).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use sync_protocol::api::{EnrolRequest, Enrolment, ErrorCode, PullPage, PullRequest, PushAck};
use sync_protocol::batch::{Batch, Bytes, Digest, Signed};
use sync_protocol::clock::{wall_ms, Clock, Hlc};
use sync_protocol::failpoint;
use uuid::Uuid;

use crate::auth::{self, Login, Officer, Role, Session, UserView};
use crate::batchlog::BatchLog;
use crate::error::{ApiError, Result, ServerError};
use crate::events::{self, AdminEvent, LogEntry};
use crate::geo::RegionIndex;
pub use crate::ingest::decode_signed;
use crate::ingest::{self, LoggedBatch};
use crate::store::checks::Checks;
use crate::store::sled_store::SledStore;
use crate::store::{DeviceRecord, DeviceView, FlagFilter, FlagState, Page, Store, StoredFlag};
use sync_protocol::records::{Licence, Region, RegionLevel};
use sync_protocol::values::{Polygon, Text};

/// Most changes one pull page may carry.
pub const MAX_PULL_LIMIT: u32 = 5_000;

pub struct Core {
    store: Arc<dyn Store>,
    log: BatchLog,
    clock: Mutex<Clock>,
    device_locks: Mutex<HashMap<Uuid, Arc<Mutex<()>>>>,
    admin_lock: Mutex<()>,
    session_seconds: u64,
    /// The imported regions' boundaries; replaced whole after an import.
    regions: RwLock<Arc<RegionIndex>>,
    checks_enabled: bool,
    rollups_enabled: bool,
}

/// What opening found.
#[derive(Debug, Default)]
pub struct Recovery {
    pub log_entries: u64,
    pub batches_reapplied: u64,
    pub truncated_bytes: u64,
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
        let (log, opened) = BatchLog::open(&log_dir(data), |entry, at, size| {
            bar.inc(size);
            let checks = Checks::new(index.clone(), checks_enabled);
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
            session_seconds: auth::DEFAULT_SESSION_SECONDS,
            regions: RwLock::new(index),
            checks_enabled,
            rollups_enabled: true,
        };
        Ok((core, recovery))
    }

    /// How long a login lasts.
    pub fn with_session_seconds(mut self, seconds: u64) -> Self {
        self.session_seconds = seconds.max(1);
        self
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The store's counts and this process's batch-log counters.
    pub fn stats(&self) -> Result<ServerStats> {
        Ok(ServerStats {
            store: self.store.stats()?,
            log: self.log.counters(),
        })
    }

    /// The log entries set aside because they could not be applied, oldest first, as an
    /// operator reads them.
    pub fn quarantined(&self) -> Result<Vec<QuarantineView>, ApiError> {
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

    fn device_lock(&self, device: Uuid) -> Arc<Mutex<()>> {
        lock(&self.device_locks).entry(device).or_default().clone()
    }

    /// Identifies the signer of a request and checks the signature.
    fn authenticate(&self, device: Uuid, signed: &Signed) -> Result<DeviceRecord, ApiError> {
        let d = self.store.device(device)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::UnknownDevice,
                format!("no device {device} is enrolled"),
            )
        })?;
        if let Some(r) = &d.revoked {
            return Err(ApiError::new(
                ErrorCode::DeviceRevoked,
                format!("device {device} was revoked at {}: {}", r.at, r.reason),
            ));
        }
        signed.verify(&d.public_key)?;
        Ok(d)
    }

    /// Accepts a pushed batch (see the module documentation for the steps).
    pub fn push(&self, raw: &[u8], json: bool) -> Result<PushAck, ApiError> {
        let t0 = std::time::Instant::now();
        let signed = decode_signed(raw, json)?;
        let batch: Batch = signed.peek()?;
        let device = self.authenticate(batch.device, &signed)?.id;
        batch.check_shape()?;
        let seq = batch.seq;
        let digest = signed.digest();
        let device_lock = self.device_lock(device);
        let _g = lock(&device_lock);
        let head = self.store.head(device)?;
        if batch.seq <= head.seq {
            if let Some(ack) = self.store.accepted(device, batch.seq)? {
                if ack.digest == digest {
                    tracing::info!(%device, seq = batch.seq, "batch resent; same acknowledgement");
                    return Ok(ack);
                }
            }
            // A device resends until it gets an answer it accepts, so the same fork may come
            // back many times: keep its evidence once.
            if !self.store.has_fork(device, batch.seq, digest)? {
                let received = self.now();
                let at = self
                    .log
                    .append_durable_blocking(events::encode(&LogEntry::Fork {
                        received,
                        json,
                        body: Bytes(raw.to_vec()),
                    })?)?;
                ingest::logged_fork(self.store.as_ref(), &self.checks(), received, at, json, raw)?;
                tracing::warn!(%device, seq = batch.seq, digest = %digest.to_hex(), "fork refused and kept as evidence");
            }
            return Err(ApiError::new(
                ErrorCode::Fork,
                format!(
                    "batch {} of device {device} was already accepted with other content; this one is kept as evidence",
                    batch.seq
                ),
            ));
        }
        if batch.seq > head.seq + 1 {
            let mut e = ApiError::new(
                ErrorCode::SequenceGap,
                format!(
                    "expected batch {} of device {device}, got {}",
                    head.seq + 1,
                    batch.seq
                ),
            );
            e.expected_seq = Some(head.seq + 1);
            return Err(e);
        }
        if batch.prev != head.digest {
            return Err(ApiError::new(
                ErrorCode::BrokenChain,
                format!(
                    "batch {} names previous digest {}, but the last accepted batch has {}",
                    batch.seq,
                    batch.prev.to_hex(),
                    head.digest.to_hex()
                ),
            ));
        }
        let received = self.now();
        let t1 = std::time::Instant::now();
        let at = self
            .log
            .append_durable_blocking(events::encode(&LogEntry::Batch {
                received,
                json,
                body: Bytes(raw.to_vec()),
            })?)?;
        failpoint::hit("server-after-log");
        let t2 = std::time::Instant::now();
        let checks = self.checks();
        let ack = ingest::logged_batch(
            self.store.as_ref(),
            &checks,
            LoggedBatch {
                received,
                at,
                json,
                body: raw,
                signed,
                batch,
            },
        )?
        .ok_or_else(|| {
            ServerError::Other(format!(
                "batch {seq} of {device} was parked after its gap check"
            ))
        })?;
        failpoint::hit("server-after-apply");
        tracing::info!(
            %device,
            seq,
            ops = ack.ops,
            check_us = (t1 - t0).as_micros() as u64,
            log_us = (t2 - t1).as_micros() as u64,
            apply_us = t2.elapsed().as_micros() as u64,
            "batch accepted"
        );
        Ok(ack)
    }

    /// Answers a signed pull request with the next page of changes in the device's scope.
    pub fn pull(&self, raw: &[u8], json: bool) -> Result<PullPage, ApiError> {
        let signed = decode_signed(raw, json)?;
        let req: PullRequest = signed.peek()?;
        let device = self.authenticate(req.device, &signed)?;
        // A device serving a country serves its regions and districts too.
        let served = self.region_index().with_descendants(&device.regions);
        let regions = if req.regions.is_empty() {
            served
        } else {
            if let Some(r) = req.regions.iter().find(|r| !served.contains(r)) {
                return Err(ApiError::new(
                    ErrorCode::OutOfScope,
                    format!("device {} does not serve region {r}", device.id),
                ));
            }
            req.regions.clone()
        };
        if !self.store.advance_nonce(device.id, req.nonce)? {
            return Err(ApiError::new(
                ErrorCode::Replayed,
                format!(
                    "nonce {} was already used by device {}",
                    req.nonce, device.id
                ),
            ));
        }
        let limit = req.limit.clamp(1, MAX_PULL_LIMIT) as usize;
        let pulled = self.store.pull(&regions, req.cursor, limit)?;
        Ok(PullPage {
            changes: pulled.changes,
            cursor: pulled.cursor,
            more: pulled.more,
            server_time: self.now(),
        })
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

    /// Issues a one-time enrolment code for an agent serving `regions`.
    pub fn issue_code(
        &self,
        agent: &str,
        regions: Vec<Uuid>,
        ttl_hours: u64,
    ) -> Result<IssuedCode, ApiError> {
        let agent = sync_protocol::values::Text::parse(agent)?.to_string();
        if regions.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "an agent must serve at least one region",
            ));
        }
        if !(1..=24 * 90).contains(&ttl_hours) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "the code's lifetime must be 1 to 2160 hours",
            ));
        }
        let code = new_code()?;
        let expires = Hlc::new(wall_ms() + ttl_hours * 3_600_000, 0);
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::CodeIssued {
            code: code_digest(&code),
            agent: agent.clone(),
            regions: regions.clone(),
            expires,
        })?;
        tracing::info!(%agent, regions = regions.len(), "enrolment code issued");
        Ok(IssuedCode {
            code,
            agent,
            regions,
            expires: expires.to_string(),
        })
    }

    /// Enrols a device with a one-time code.
    pub fn enrol(&self, req: &EnrolRequest) -> Result<Enrolment, ApiError> {
        let digest = code_digest(&req.code);
        let label = sync_protocol::values::Text::parse(req.label.as_str())?.to_string();
        let _g = lock(&self.admin_lock);
        let bad = |m: &str| ApiError::new(ErrorCode::BadCode, m);
        let code = self
            .store
            .code(&digest)?
            .ok_or_else(|| bad("unknown enrolment code"))?;
        if code.used_by.is_some() {
            return Err(bad("this enrolment code was already used"));
        }
        if code.expires < self.now() {
            return Err(bad("this enrolment code has expired"));
        }
        let device = Uuid::now_v7();
        let at = self.admin_event(AdminEvent::Enrolled {
            code: digest,
            device,
            public_key: req.public_key,
            label,
        })?;
        tracing::info!(%device, agent = %code.agent, "device enrolled");
        Ok(Enrolment {
            device,
            agent: code.agent,
            regions: code.regions,
            server_time: at,
        })
    }

    pub fn revoke(&self, device: Uuid, reason: &str) -> Result<DeviceView, ApiError> {
        let reason = sync_protocol::values::Reason::parse(reason)?.to_string();
        let _g = lock(&self.admin_lock);
        if self.store.device(device)?.is_none() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no device {device}"),
            ));
        }
        self.admin_event(AdminEvent::Revoked { device, reason })?;
        tracing::warn!(%device, "device revoked");
        self.devices()?
            .into_iter()
            .find(|d| d.device.id == device)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no device {device}")))
    }

    pub fn devices(&self) -> Result<Vec<DeviceView>, ApiError> {
        Ok(self.store.devices()?)
    }

    fn checks(&self) -> Checks {
        let mut checks = Checks::new(self.region_index(), self.checks_enabled);
        checks.rollups = self.rollups_enabled;
        checks
    }

    /// Keeps the rollup cells at ingest, or not (off only to measure their cost).
    pub fn with_rollups(mut self, on: bool) -> Self {
        self.rollups_enabled = on;
        self
    }

    /// Issues a licence at the ministry (buyers, exporters, or a claim surveyed by the
    /// cadastre). Unlike a device's batch, a direct call can be refused: a mining licence
    /// needs a valid area. Filed under the region of its area, or the region given.
    pub fn issue_licence(
        &self,
        officer: &Officer,
        licence: Licence,
        region: Option<Uuid>,
    ) -> Result<IssuedRecord, ApiError> {
        officer.require(&[Role::Admin, Role::NationalOfficer])?;
        let located = match &licence.area {
            Some(area) => {
                crate::geo::validate_licence_area(area).map_err(|e| {
                    ApiError::new(ErrorCode::InvalidValue, format!("licence area: {e}"))
                })?;
                use ::geo::Centroid;
                crate::geo::polygon_to_geo(area)
                    .centroid()
                    .and_then(|c| self.region_index().locate(c.x(), c.y()))
            }
            None if crate::flags::is_mining_licence(licence.kind) => {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    "a mining licence (artisanal permit, claim, cooperative) needs its area",
                ))
            }
            None => None,
        };
        let region = located.or(region).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidValue,
                "give the licence's region, or an area inside an imported region",
            )
        })?;
        if licence.expires < licence.issued {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "the licence expires before it is issued",
            ));
        }
        let number = licence.number.to_string();
        let issued = self.write_at_ministry(region, |id| AdminEvent::LicenceIssued {
            id,
            region,
            licence,
        })?;
        tracing::info!(licence = %issued.id, %number, by = %officer.name, "licence issued");
        Ok(issued)
    }

    pub fn region_index(&self) -> Arc<RegionIndex> {
        self.regions
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Imports regions of one level (and parent), each a name and a boundary. A region's id
    /// follows from its level, parent and name, so importing the same file again changes
    /// nothing, and a corrected boundary replaces the old one.
    pub fn import_regions(
        &self,
        level: RegionLevel,
        parent: Option<Uuid>,
        items: Vec<(String, Vec<Polygon>)>,
    ) -> Result<ImportReport, ApiError> {
        if let Some(p) = parent {
            let index = self.region_index();
            let parent_level = index.get(p).map(|r| r.level).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidValue,
                    format!("no region {p} to import under"),
                )
            })?;
            if parent_level >= level {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    format!("a {level:?} cannot sit under a {parent_level:?}"),
                ));
            }
        }
        let mut regions = Vec::with_capacity(items.len());
        let mut seen = std::collections::HashSet::new();
        for (name, boundary) in items {
            let name = Text::parse(name)?;
            if boundary.is_empty() {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    format!("{name} has no boundary"),
                ));
            }
            let id = region_id(level, parent, name.as_str());
            if !seen.insert(id) {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    format!("two regions named {name} at this level and parent"),
                ));
            }
            regions.push(Region {
                id,
                name,
                level,
                parent,
                boundary,
            });
        }
        let _g = lock(&self.admin_lock);
        let before: std::collections::HashMap<Uuid, Region> = self
            .store
            .regions()?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let mut report = ImportReport::default();
        for r in &regions {
            match before.get(&r.id) {
                None => report.created += 1,
                Some(old) if old == r => report.unchanged += 1,
                Some(_) => report.changed += 1,
            }
            report.regions.push(ImportedRegion {
                id: r.id,
                name: r.name.to_string(),
            });
        }
        if report.created + report.changed > 0 {
            self.admin_event(AdminEvent::RegionsImported { regions })?;
            let index = RegionIndex::from_regions(&self.store.regions()?);
            *self.regions.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(index);
        }
        tracing::info!(
            created = report.created,
            changed = report.changed,
            unchanged = report.unchanged,
            "regions imported"
        );
        Ok(report)
    }

    /// The imported regions, without boundaries.
    pub fn regions(&self) -> Result<Vec<RegionSummary>, ApiError> {
        Ok(self
            .store
            .regions()?
            .into_iter()
            .map(|r| RegionSummary {
                id: r.id,
                name: r.name.to_string(),
                level: r.level,
                parent: r.parent,
            })
            .collect())
    }

    /// Flags an officer may see, filtered and paged.
    pub fn flags(
        &self,
        officer: &Officer,
        mut filter: FlagFilter,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<FlagView>, ApiError> {
        if officer.role == Role::RegionalOfficer {
            filter.regions = Some(officer.regions.clone());
        }
        let after = after
            .map(|a| {
                crate::store::checks::parse_flag_id(a).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::Malformed,
                        format!("`after` {a:?} is not a flag id"),
                    )
                })
            })
            .transpose()?;
        let page = self
            .store
            .flags(&filter, after.as_ref(), limit.clamp(1, 1000))?;
        Ok(Page {
            items: page.items.iter().map(FlagView::from).collect(),
            next: page.next,
        })
    }

    /// One flag, if the officer may see it.
    pub fn flag(&self, officer: &Officer, id: &str) -> Result<FlagView, ApiError> {
        let flag = self.visible_flag(officer, id)?;
        Ok(FlagView::from(&flag))
    }

    fn visible_flag(&self, officer: &Officer, id: &str) -> Result<StoredFlag, ApiError> {
        let key = parse_flag(id)?;
        let flag = self
            .store
            .flag(&key)?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no flag {id}")))?;
        if officer.role == Role::RegionalOfficer
            && !flag.region.is_some_and(|r| officer.can_read(r))
        {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                format!("{} does not serve the region of flag {id}", officer.name),
            ));
        }
        Ok(flag)
    }

    /// Resolves an open flag with a note; the resolution is logged with the officer.
    pub fn resolve_flag(
        &self,
        officer: &Officer,
        id: &str,
        note: &str,
    ) -> Result<FlagView, ApiError> {
        officer.require(&[Role::Admin, Role::NationalOfficer, Role::RegionalOfficer])?;
        let note = sync_protocol::values::Reason::parse(note)?.to_string();
        let _g = lock(&self.admin_lock);
        let flag = self.visible_flag(officer, id)?;
        if flag.state != FlagState::Open {
            return Err(ApiError::new(
                ErrorCode::NotOpen,
                format!("flag {id} is {:?}, not open", flag.state).to_lowercase(),
            ));
        }
        self.admin_event(AdminEvent::FlagResolved {
            key: flag.key.into(),
            by: officer.name.clone(),
            note,
        })?;
        tracing::info!(flag = %flag.key, by = %officer.name, "flag resolved");
        self.flag(officer, id)
    }

    /// The disjoint regions whose cells add up to everything the officer may read: for a
    /// regional officer the top regions of their scope, for the others every region with
    /// figures that has no parent (the countries, and scope ids never imported as regions).
    pub fn top_regions(&self, officer: &Officer) -> Result<Vec<Uuid>, ApiError> {
        let index = self.region_index();
        let parent = |r: Uuid| index.get(r).and_then(|s| s.parent);
        Ok(match officer.role {
            Role::RegionalOfficer => officer
                .regions
                .iter()
                .copied()
                .filter(|r| parent(*r).is_none_or(|p| !officer.regions.contains(&p)))
                .collect(),
            _ => self
                .store
                .cell_regions()?
                .into_iter()
                .filter(|r| parent(*r).is_none())
                .collect(),
        })
    }

    /// Rollup cells the officer may see, months `from..=to` (`year*12 + month - 1`).
    pub fn cells(
        &self,
        officer: &Officer,
        region: Option<Uuid>,
        from: i32,
        to: i32,
    ) -> Result<Vec<CellView>, ApiError> {
        let mut regions: Option<Vec<Uuid>> =
            region.map(|r| self.region_index().with_descendants(&[r]));
        if officer.role == Role::RegionalOfficer {
            let mine = &officer.regions;
            regions = Some(match regions {
                Some(asked) => asked.into_iter().filter(|r| mine.contains(r)).collect(),
                None => mine.clone(),
            });
        }
        let cells = self.store.cells(regions.as_deref(), from, to)?;
        Ok(cells
            .into_iter()
            .map(|(k, value)| CellView {
                id: hex::encode(k.to_bytes()),
                region: k.region,
                month: crate::reports::rollup::month_label(k.month),
                measure: k.measure.name().to_string(),
                detail: k
                    .measure
                    .detail_kind()
                    .label(k.detail)
                    .unwrap_or("")
                    .to_string(),
                value,
                unit: k.measure.unit(),
            })
            .collect())
    }

    /// The regional rollup for months `from..=to`: one region (which the officer must
    /// serve), or every region the officer may read that has figures. Districts are added
    /// into their regions and countries.
    pub fn regional_report(
        &self,
        officer: &Officer,
        region: Option<Uuid>,
        from: i32,
        to: i32,
    ) -> Result<Vec<crate::reports::regional::RegionalRow>, ApiError> {
        if let Some(r) = region {
            officer.require_region(r)?;
        }
        let regions: Vec<Uuid> = match region {
            Some(r) => vec![r],
            None => self
                .store
                .cell_regions()?
                .into_iter()
                .filter(|r| officer.can_read(*r))
                .collect(),
        };
        // Every month up to `to`: running totals start at the first cell.
        let cells: BTreeMap<_, _> = self
            .store
            .cells(Some(&regions), i32::MIN, to)?
            .into_iter()
            .collect();
        // Without a region asked for, only those with figures by `to` have rows.
        let regions: Vec<Uuid> = match region {
            Some(_) => regions,
            None => {
                let present: std::collections::BTreeSet<Uuid> =
                    cells.keys().map(|k| k.region).collect();
                regions
                    .into_iter()
                    .filter(|r| present.contains(r))
                    .collect()
            }
        };
        Ok(crate::reports::regional::regional(
            &cells, &regions, from, to,
        ))
    }

    /// KP statistics for months `from..=to`, over every region the officer may read (or one).
    pub fn kp_report(
        &self,
        officer: &Officer,
        region: Option<Uuid>,
        from: i32,
        to: i32,
    ) -> Result<crate::reports::kp::KpStatistics, ApiError> {
        if let Some(r) = region {
            officer.require_region(r)?;
        }
        // Subtree totals of disjoint regions add up without counting anything twice.
        let scope = match region {
            Some(r) => vec![r],
            None => self.top_regions(officer)?,
        };
        let cells: BTreeMap<_, _> = self
            .store
            .cells(Some(&scope), from, to)?
            .into_iter()
            .collect();
        Ok(crate::reports::kp::kp_statistics(cells.iter(), from, to))
    }

    /// The national internal-control report: rows per region and period, a national row,
    /// and the devices that have not synced for 14 days.
    pub fn national_report(
        &self,
        officer: &Officer,
        period: crate::reports::national::Period,
        from: i32,
        to: i32,
    ) -> Result<
        (
            Vec<crate::reports::national::ControlRow>,
            Vec<serde_json::Value>,
        ),
        ApiError,
    > {
        // The top regions of the officer's view and the regions one level below them (a
        // country's regions); district detail is the regional report's. Each cell is a
        // subtree total, so this reads a few keys per region and month, however many
        // records there are.
        let index = self.region_index();
        let top = self.top_regions(officer)?;
        let mut regions = top.clone();
        regions.extend(
            index
                .with_descendants(&top)
                .into_iter()
                .filter(|r| {
                    index
                        .get(*r)
                        .and_then(|s| s.parent)
                        .is_some_and(|p| top.contains(&p))
                })
                .filter(|r| officer.can_read(*r)),
        );
        let cells: BTreeMap<_, _> = self
            .store
            .cells(Some(&regions), from, to)?
            .into_iter()
            .collect();
        let rows = crate::reports::national::control_rows(
            &cells,
            &regions,
            cells.iter().filter(|(k, _)| top.contains(&k.region)),
            period,
            from,
            to,
        );
        let cutoff = Hlc::new(wall_ms().saturating_sub(14 * 24 * 3_600_000), 0);
        let quiet = self
            .store
            .devices()?
            .into_iter()
            .filter(|d| d.device.revoked.is_none())
            .filter(|d| d.head.received.is_none_or(|t| t < cutoff))
            .filter(|d| d.device.regions.iter().any(|r| officer.can_read(*r)))
            .map(|d| {
                serde_json::json!({
                    "device": d.device.id,
                    "agent": d.device.agent,
                    "regions": d.device.regions,
                    "last_sync": d.head.received,
                })
            })
            .collect();
        Ok((rows, quiet))
    }

    /// The footprint of diamond production in `region` (and the regions below it) over
    /// months `from..=to`, against a reference footprint, compared by the named statistic.
    /// The reference is the period asked for (of `region` or another), or else the one kept
    /// for the region or its nearest ancestor (`reports::reference`); with neither, 404.
    pub fn footprint_report(
        &self,
        officer: &Officer,
        region: Uuid,
        from: i32,
        to: i32,
        reference: Option<ReferencePeriod>,
        statistic: crate::reports::footprint::Statistic,
    ) -> Result<serde_json::Value, ApiError> {
        use crate::reports::footprint::compare;
        use crate::reports::reference::{nearest, ReferenceSource};
        use crate::reports::rollup::month_label;
        officer.require_region(region)?;
        let sample = self.footprint_of(region, from, to)?;
        let period = |r: Uuid, from: i32, to: i32| {
            serde_json::json!({
                "source": "period",
                "region": r,
                "from": month_label(from),
                "to": month_label(to),
            })
        };
        let (reference, mut described) = match reference {
            Some(asked) => {
                let r = asked.region.unwrap_or(region);
                officer.require_region(r)?;
                (
                    self.footprint_of(r, asked.from, asked.to)?,
                    period(r, asked.from, asked.to),
                )
            }
            None => {
                let index = self.region_index();
                let kept = nearest(
                    region,
                    |r| index.get(r).and_then(|s| s.parent),
                    |r| self.store.reference_footprint(r),
                    index.len(),
                )?
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::NotFound,
                        format!(
                            "no reference footprint is set for region {region} or a region \
                             above it: give ref_from and ref_to, or set one"
                        ),
                    )
                })?;
                let (footprint, mut d) = match &kept.source {
                    ReferenceSource::Period {
                        region: r,
                        from,
                        to,
                    } => (self.footprint_of(*r, *from, *to)?, period(*r, *from, *to)),
                    ReferenceSource::Imported { footprint, source } => (
                        **footprint,
                        serde_json::json!({"source": "imported", "note": source}),
                    ),
                };
                d["set_for"] = serde_json::json!(kept.region);
                d["set_at"] = serde_json::json!(kept.set_at);
                d["set_by"] = serde_json::json!(kept.set_by);
                (footprint, d)
            }
        };
        described["footprint"] = describe_footprint(&reference);
        Ok(serde_json::json!({
            "report": "footprint",
            "version": 1,
            "region": region,
            "from": month_label(from),
            "to": month_label(to),
            "footprint": describe_footprint(&sample),
            "reference": described,
            "comparison": compare(&sample, &reference, statistic),
        }))
    }

    /// The footprint of `region`'s diamond production (its districts' included: cells are
    /// subtree totals) over months `from..=to`.
    fn footprint_of(
        &self,
        region: Uuid,
        from: i32,
        to: i32,
    ) -> Result<crate::reports::footprint::Footprint, ApiError> {
        use crate::reports::rollup::Measure;
        let mut f = crate::reports::footprint::Footprint::default();
        for (k, v) in self.store.cells(Some(&[region]), from, to)? {
            let at = usize::from(k.detail);
            let v = u64::try_from(v).unwrap_or(0);
            match k.measure {
                Measure::FootprintStones if at < f.stones.len() => {
                    f.stones[at] += v;
                    f.total_stones += v;
                }
                Measure::FootprintCarats if at < f.carats.len() => {
                    f.carats[at] += v;
                    f.total_carats += v;
                }
                _ => {}
            }
        }
        Ok(f)
    }

    /// Sets `region`'s reference footprint (admin or national officer), logged with the
    /// officer's name; it replaces any earlier one.
    pub fn set_reference_footprint(
        &self,
        officer: &Officer,
        region: Uuid,
        request: ReferenceRequest,
    ) -> Result<crate::reports::reference::StoredReference, ApiError> {
        use crate::reports::reference::{footprint_from_classes, ReferenceSource};
        officer.require(&[Role::Admin, Role::NationalOfficer])?;
        let known = |r: Uuid| {
            if self.region_index().get(r).is_some() {
                Ok(())
            } else {
                Err(ApiError::new(
                    ErrorCode::NotFound,
                    format!("no region {r} has been imported"),
                ))
            }
        };
        known(region)?;
        let invalid = |m: String| ApiError::new(ErrorCode::InvalidValue, m);
        let source = match request {
            ReferenceRequest {
                period: Some(p),
                classes: None,
                source: None,
            } => {
                let r = p.region.unwrap_or(region);
                known(r)?;
                if p.from > p.to {
                    return Err(invalid("the reference period ends before it starts".into()));
                }
                ReferenceSource::Period {
                    region: r,
                    from: p.from,
                    to: p.to,
                }
            }
            ReferenceRequest {
                period: None,
                classes: Some(rows),
                source: Some(note),
            } => ReferenceSource::Imported {
                footprint: Box::new(
                    footprint_from_classes(&rows).map_err(|e| invalid(e.to_string()))?,
                ),
                source: sync_protocol::values::Text::parse(&note)?.to_string(),
            },
            _ => {
                return Err(invalid(
                    "give either a period (from, to, optionally region) or imported classes \
                     with their source"
                        .into(),
                ))
            }
        };
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::ReferenceFootprintSet {
            region,
            source: source.into(),
            by: officer.name.clone(),
        })?;
        tracing::info!(%region, by = %officer.name, "reference footprint set");
        self.store
            .reference_footprint(region)?
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the reference was not kept"))
    }

    /// The reference footprints set, for the regions the officer may read.
    pub fn reference_footprints(
        &self,
        officer: &Officer,
    ) -> Result<Vec<crate::reports::reference::StoredReference>, ApiError> {
        Ok(self
            .store
            .reference_footprints()?
            .into_iter()
            .filter(|r| officer.can_read(r.region))
            .collect())
    }

    /// Export monitoring over months `from..=to`, with the exporters by licence id (admin,
    /// national officer, export monitor: exports are national, not regional).
    pub fn export_monitoring(
        &self,
        officer: &Officer,
        from: i32,
        to: i32,
    ) -> Result<
        (
            crate::reports::exports::Monitoring,
            BTreeMap<Uuid, crate::export_monitor::Exporter>,
        ),
        ApiError,
    > {
        let (m, g) = self.monitor_exports(officer, from, to)?;
        Ok((m, g.exporters))
    }

    fn monitor_exports(
        &self,
        officer: &Officer,
        from: i32,
        to: i32,
    ) -> Result<
        (
            crate::reports::exports::Monitoring,
            crate::export_monitor::Gathered,
        ),
        ApiError,
    > {
        officer.require(EXPORT_READERS)?;
        let g = crate::export_monitor::gather(self.store.as_ref(), &self.region_index())?;
        let exports: Vec<_> = g.exports.iter().map(|(_, f)| f.clone()).collect();
        let purchases: Vec<_> = g.purchases.iter().map(|(_, f)| f.clone()).collect();
        let m = crate::reports::exports::monitor(
            &exports,
            &purchases,
            &g.openings,
            from,
            to,
            crate::reports::exports::Thresholds::default(),
            |regions, from, to| self.footprint_of_regions(regions, from, to),
        );
        Ok((m, g))
    }

    /// One exporter's evidence over months `from..=to`: its quarters, exports, purchases,
    /// the parcels' footprint against its sources', and the reasons it ranks where it does.
    pub fn exporter_detail(
        &self,
        officer: &Officer,
        exporter: Uuid,
        from: i32,
        to: i32,
    ) -> Result<serde_json::Value, ApiError> {
        let (m, g) = self.monitor_exports(officer, from, to)?;
        let info = g.exporters.get(&exporter).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no exporter licence {exporter} and no export names it"),
            )
        })?;
        let in_period = |month: i32| (from..=to).contains(&month);
        let exports: Vec<_> = g
            .exports
            .iter()
            .filter(|(l, f)| l.exporter == exporter && in_period(f.month))
            .map(|(l, _)| l)
            .collect();
        let purchases: Vec<_> = g
            .purchases
            .iter()
            .filter(|(l, f)| l.exporter == exporter && in_period(f.month))
            .map(|(l, _)| l)
            .collect();
        let footprint = m
            .footprints
            .iter()
            .find(|f| f.exporter == exporter)
            .map(|f| {
                serde_json::json!({
                    "source_regions": f.source_regions,
                    "parcels": describe_footprint(&f.parcels),
                    "sources": describe_footprint(&f.sources),
                    "comparison": f.comparison,
                })
            });
        Ok(serde_json::json!({
            "report": "exporter",
            "version": crate::reports::exports::VERSION,
            "from": crate::reports::rollup::month_label(from),
            "to": crate::reports::rollup::month_label(to),
            "exporter": info,
            "quarters": m.quarters.iter().filter(|q| q.exporter == exporter).collect::<Vec<_>>(),
            "exports": exports,
            "purchases": purchases,
            "footprint": footprint,
            "reasons": m.ranking.iter().find(|r| r.exporter == exporter).map(|r| &r.reasons),
        }))
    }

    /// The production footprint of `regions` (each counted once: a region inside another
    /// listed one is left out, its stones are in its ancestor's cells).
    fn footprint_of_regions(
        &self,
        regions: &[Uuid],
        from: i32,
        to: i32,
    ) -> crate::reports::footprint::Footprint {
        let index = self.region_index();
        let mut f = crate::reports::footprint::Footprint::default();
        for &r in regions {
            let covered = crate::reports::reference::nearest(
                r,
                |x| index.get(x).and_then(|s| s.parent),
                |x| {
                    Ok::<_, std::convert::Infallible>(
                        (x != r && regions.contains(&x)).then_some(()),
                    )
                },
                index.len(),
            );
            if matches!(covered, Ok(Some(()))) {
                continue;
            }
            if let Ok(part) = self.footprint_of(r, from, to) {
                let _ = f.merge(&part);
            }
        }
        f
    }

    /// Records an export at the ministry (admin, national officer, export monitor). The
    /// exporter's licence must be a registered exporter licence; the export is filed in
    /// the licence's region and checked like one from a device.
    pub fn record_export(
        &self,
        officer: &Officer,
        export: sync_protocol::records::Export,
    ) -> Result<IssuedRecord, ApiError> {
        officer.require(EXPORT_READERS)?;
        let region = self.exporter_region(export.exporter)?;
        if let sync_protocol::values::Parcel::Stones(stones) = &export.parcel {
            let sum: u64 = stones.iter().map(|c| c.hundredths()).sum();
            let carats = export.carats.hundredths();
            // Stones weighed one by one add up to the parcel's weight to within 1 %.
            if sum.abs_diff(carats) * 100 > carats {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    format!(
                        "the parcel's stones weigh {} ct, the export {} ct",
                        crate::reports::hundredths(sum as i64),
                        crate::reports::hundredths(carats as i64)
                    ),
                ));
            }
        }
        let certificate = export.certificate.to_string();
        let recorded = self.write_at_ministry(region, |id| AdminEvent::ExportRecorded {
            id,
            region,
            export,
        })?;
        tracing::info!(export = %recorded.id, %certificate, by = %officer.name, "export recorded");
        Ok(recorded)
    }

    /// Logs and applies a record the ministry writes (not a device), under a new id.
    fn write_at_ministry(
        &self,
        region: Uuid,
        event: impl FnOnce(Uuid) -> AdminEvent,
    ) -> Result<IssuedRecord, ApiError> {
        let id = Uuid::now_v7();
        let _g = lock(&self.admin_lock);
        self.admin_event(event(id))?;
        Ok(IssuedRecord { id, region })
    }

    /// Declares an exporter's stock on hand at a date (replacing any earlier declaration).
    pub fn declare_opening_stock(
        &self,
        officer: &Officer,
        exporter: Uuid,
        as_of: sync_protocol::values::Day,
        carats: sync_protocol::values::Carats,
    ) -> Result<crate::store::OpeningStockRecord, ApiError> {
        officer.require(EXPORT_READERS)?;
        self.exporter_region(exporter)?;
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::OpeningStockDeclared {
            exporter,
            as_of,
            carats,
            by: officer.name.clone(),
        })?;
        tracing::info!(%exporter, %carats, by = %officer.name, "opening stock declared");
        self.store
            .opening_stocks()?
            .into_iter()
            .find(|o| o.exporter == exporter)
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the declaration was not kept"))
    }

    /// The region of a registered exporter licence; 400 for anything else.
    fn exporter_region(&self, exporter: Uuid) -> Result<Uuid, ApiError> {
        let stored = self
            .store
            .record(sync_protocol::records::Collection::Licence, exporter)?;
        let is_exporter = stored.as_ref().is_some_and(|r| match &r.state {
            sync_protocol::records::AnyRecord::Licence(s) => Licence::from_state(s)
                .is_some_and(|l| l.kind == sync_protocol::values::LicenceKind::Exporter),
            _ => false,
        });
        match stored {
            Some(r) if is_exporter => Ok(r.region),
            _ => Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!("{exporter} is not a registered exporter licence"),
            )),
        }
    }

    /// A report by name, as versioned JSON or as CSV.
    #[allow(clippy::too_many_arguments)]
    pub fn report(
        &self,
        officer: &Officer,
        kind: &str,
        region: Option<Uuid>,
        period: Option<&str>,
        from: i32,
        to: i32,
        csv: bool,
    ) -> Result<ReportOutput, ApiError> {
        // The CSV is made only when asked for, from the same rows as the JSON.
        let csv_of = |make: &dyn Fn() -> std::result::Result<String, csv::Error>| {
            if csv {
                make()
                    .map(Some)
                    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
            } else {
                Ok(None)
            }
        };
        let (version, body, text) = match kind {
            "regional" => {
                use crate::reports::regional;
                let rows = self.regional_report(officer, region, from, to)?;
                let text = csv_of(&|| regional::to_csv(&rows))?;
                (regional::VERSION, serde_json::json!({ "rows": rows }), text)
            }
            "kp" => {
                use crate::reports::kp;
                let s = self.kp_report(officer, region, from, to)?;
                let text = csv_of(&|| kp::to_csv(&s))?;
                (
                    kp::VERSION,
                    serde_json::to_value(&s).expect("serializable"),
                    text,
                )
            }
            "national" => {
                use crate::reports::national::{self, Period};
                let period = match period.unwrap_or("quarter") {
                    "quarter" => Period::Quarter,
                    "half" => Period::HalfYear,
                    other => {
                        return Err(ApiError::new(
                            ErrorCode::Malformed,
                            format!("period {other:?}: quarter or half"),
                        ))
                    }
                };
                let (rows, quiet) = self.national_report(officer, period, from, to)?;
                let text = csv_of(&|| national::to_csv(&rows))?;
                (
                    national::VERSION,
                    serde_json::json!({ "rows": rows, "devices_not_synced_for_14_days": quiet }),
                    text,
                )
            }
            "exports" => {
                use crate::reports::exports;
                let (m, exporters) = self.export_monitoring(officer, from, to)?;
                let number = |id: Uuid| {
                    exporters
                        .get(&id)
                        .map_or_else(String::new, |e| e.number.clone())
                };
                let text = csv_of(&|| exports::to_csv(&m.quarters, &number))?;
                let mut body = serde_json::to_value(&m).expect("serializable");
                body["exporters"] = serde_json::to_value(exporters.values().collect::<Vec<_>>())
                    .expect("serializable");
                (exports::VERSION, body, text)
            }
            other => {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    format!("no report {other:?}: regional, national, kp or exports"),
                ))
            }
        };
        Ok(match text {
            Some(t) => ReportOutput::Csv(t),
            None => {
                let mut json = serde_json::json!({
                    "report": kind,
                    "version": version,
                    "from": crate::reports::rollup::month_label(from),
                    "to": crate::reports::rollup::month_label(to),
                });
                if let (Some(o), serde_json::Value::Object(b)) = (json.as_object_mut(), body) {
                    o.extend(b);
                }
                ReportOutput::Json(json)
            }
        })
    }

    /// The records behind one cell: every figure of a report can be traced.
    pub fn cell_records(
        &self,
        officer: &Officer,
        id: &str,
    ) -> Result<Vec<crate::store::CellRecord>, ApiError> {
        let key = hex::decode(id)
            .ok()
            .and_then(|b| crate::reports::rollup::CellKey::from_bytes(&b))
            .ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("{id:?} is not a cell id"))
            })?;
        officer.require_region(key.region)?;
        let filed_in = self.region_index().with_descendants(&[key.region]);
        Ok(self.store.cell_records(&key, &filed_in)?)
    }

    /// Recomputes every rollup cell from the records (with a progress bar).
    pub fn rebuild_rollups(&self) -> Result<crate::store::RebuildReport, ApiError> {
        let bar = crate::progress::count_bar(
            self.store.stats()?.records.values().sum(),
            "rebuilding rollups",
        );
        let report = self
            .store
            .rebuild_rollups(&self.region_index(), &|| bar.inc(1))?;
        bar.finish_and_clear();
        tracing::info!(
            cells = report.cells,
            differences = report.differences,
            "rollups rebuilt"
        );
        Ok(report)
    }

    /// Creates an officer account.
    pub fn add_user(
        &self,
        name: &str,
        role: Role,
        regions: Vec<Uuid>,
        password: &str,
    ) -> Result<UserView, ApiError> {
        // Hashing is deliberately slow: do it before taking the lock.
        let user = auth::new_user(name, role, regions, password, self.now())?;
        let _g = lock(&self.admin_lock);
        if self.store.user(&user.name)?.is_some() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                format!("a user named {} exists already", user.name),
            ));
        }
        let view = UserView::from(&user);
        self.admin_event(AdminEvent::UserAdded { user: user.into() })?;
        tracing::info!(user = %view.name, role = view.role.name(), "user added");
        Ok(view)
    }

    pub fn users(&self) -> Result<Vec<UserView>, ApiError> {
        Ok(self.store.users()?.iter().map(UserView::from).collect())
    }

    /// Checks a name and password and opens a session.
    pub fn login(&self, name: &str, password: &str) -> Result<Login, ApiError> {
        let user = self.store.user(name.trim())?;
        // Verify against something even for an unknown name, so the answer takes as long.
        let phc = user
            .as_ref()
            .map(|u| u.password_hash.as_str())
            .unwrap_or(UNKNOWN_USER_HASH);
        let ok = auth::verify_password(password, phc);
        let Some(user) = user.filter(|_| ok) else {
            tracing::warn!(user = %name, "failed login");
            return Err(ApiError::new(
                ErrorCode::Unauthorized,
                "wrong user name or password",
            ));
        };
        let (token, digest) = auth::new_token()?;
        let expires = Hlc::new(wall_ms() + self.session_seconds * 1000, 0);
        self.store.put_session(
            digest,
            &Session {
                user: user.name.clone(),
                role: user.role,
                regions: user.regions.clone(),
                expires,
            },
        )?;
        tracing::info!(user = %user.name, "login");
        Ok(Login {
            token,
            user: user.name,
            role: user.role,
            regions: user.regions,
            expires,
        })
    }

    /// Ends a login: its session is kept as expired (sessions are never deleted, expired
    /// ones included), so the token is refused from now on. An unknown token is no error.
    pub fn logout(&self, token: &str) -> Result<(), ApiError> {
        let digest = auth::token_digest(token);
        if let Some(mut session) = self.store.session(&digest)? {
            session.expires = Hlc::ZERO;
            self.store.put_session(digest, &session)?;
            tracing::info!(user = %session.user, "logout");
        }
        Ok(())
    }

    /// The officer behind a bearer token.
    pub fn officer(&self, token: &str) -> Result<Officer, ApiError> {
        let unauthorized = |m: &str| ApiError::new(ErrorCode::Unauthorized, m);
        let session = self
            .store
            .session(&auth::token_digest(token))?
            .ok_or_else(|| unauthorized("unknown token; log in at /v1/auth/login"))?;
        if session.expires < self.now() {
            return Err(unauthorized("this token has expired; log in again"));
        }
        Ok(Officer {
            name: session.user,
            role: session.role,
            // An officer of a region reads its districts too.
            regions: self.region_index().with_descendants(&session.regions),
        })
    }

    /// Flushes sled before a clean exit so the next start has little to re-apply.
    pub fn shutdown(&self) {
        if let Err(e) = self.store.flush() {
            tracing::warn!(error = %e, "flushing the store at shutdown failed; the log will be re-applied");
        }
    }
}

fn parse_flag(id: &str) -> Result<crate::flags::FlagKey, ApiError> {
    crate::store::checks::parse_flag_id(id)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("{id:?} is not a flag id")))
}

/// A reference period asked for in a footprint request: months `from..=to` of `region`
/// (the report's own region when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferencePeriod {
    pub region: Option<Uuid>,
    pub from: i32,
    pub to: i32,
}

/// How an officer sets a region's reference footprint: a period, or imported classes with
/// a note of their source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceRequest {
    pub period: Option<ReferencePeriod>,
    pub classes: Option<Vec<crate::reports::reference::ClassRow>>,
    pub source: Option<String>,
}

/// A footprint as reports show it: totals, mean stone size, and per class the stones and
/// carats with their shares.
fn describe_footprint(f: &crate::reports::footprint::Footprint) -> serde_json::Value {
    use crate::reports::footprint::{class_index, CLASSES};
    use crate::reports::rollup::DetailKind;
    let (stones, carats) = (f.share_of_stones(), f.share_of_carats());
    serde_json::json!({
        "stones": f.total_stones,
        "carats_hundredths": f.total_carats,
        "mean_stone_ct": f.mean_stone_ct(),
        "classes": CLASSES.iter().map(|c| {
            let i = class_index(*c);
            serde_json::json!({
                "class": DetailKind::SizeClass.label(i as u8),
                "stones": f.stones[i],
                "carats_hundredths": f.carats[i],
                "share_of_stones": stones[i],
                "share_of_carats": carats[i],
            })
        }).collect::<Vec<_>>(),
    })
}

/// A report as JSON or CSV.
pub enum ReportOutput {
    Json(serde_json::Value),
    Csv(String),
}

/// One rollup cell as a report reads it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CellView {
    /// The cell's id, for `GET /v1/reports/cells/{id}/records`.
    pub id: String,
    pub region: Uuid,
    /// `YYYY-MM`.
    pub month: String,
    pub measure: String,
    /// The mineral, licence kind, HS code or flag kind the cell counts, when it is split.
    pub detail: String,
    pub value: i64,
    /// What `value` counts in: `count`, `digger_days`, `litres`, `carat_hundredths`,
    /// `usd_cents`.
    pub unit: crate::reports::rollup::Unit,
}

/// A flag as officers see it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FlagView {
    pub id: String,
    pub key: String,
    pub kind: crate::flags::FlagKind,
    pub severity: crate::flags::Severity,
    pub region: Option<Uuid>,
    pub records: Vec<Uuid>,
    pub evidence: serde_json::Value,
    pub summary: String,
    pub state: FlagState,
    pub raised_at: Hlc,
    pub updated_at: Hlc,
    pub history: Vec<crate::store::FlagEvent>,
}

impl From<&StoredFlag> for FlagView {
    fn from(f: &StoredFlag) -> Self {
        Self {
            id: crate::store::checks::flag_id(&f.key),
            key: f.key.to_string(),
            kind: f.key.kind,
            severity: f.severity,
            region: f.region,
            records: f.records.clone(),
            evidence: serde_json::from_str(&f.evidence).unwrap_or(serde_json::Value::Null),
            summary: f.summary.clone(),
            state: f.state,
            raised_at: f.raised_at,
            updated_at: f.updated_at,
            history: f.history.clone(),
        }
    }
}

/// Who reads and records exports: they are national, not regional.
const EXPORT_READERS: &[Role] = &[Role::Admin, Role::NationalOfficer, Role::ExportMonitor];

/// A record written at the ministry (a licence issued, an export recorded).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct IssuedRecord {
    pub id: Uuid,
    pub region: Uuid,
}

/// What an import did.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub created: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub regions: Vec<ImportedRegion>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ImportedRegion {
    pub id: Uuid,
    pub name: String,
}

/// A region without its boundary, for listings.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RegionSummary {
    pub id: Uuid,
    pub name: String,
    pub level: RegionLevel,
    pub parent: Option<Uuid>,
}

/// A region's id: a hash of its level, parent and name, so that re-imports find it.
pub fn region_id(level: RegionLevel, parent: Option<Uuid>, name: &str) -> Uuid {
    let mut text = format!("placer region\0{level:?}\0");
    text.push_str(&parent.map(|p| p.to_string()).unwrap_or_default());
    text.push('\0');
    text.push_str(name);
    let d = Digest::of(text.as_bytes());
    let bytes: [u8; 16] = d.0[..16].try_into().expect("16 of 32 bytes");
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
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
            flag: crate::store::checks::flag_id(&crate::flags::FlagKey::single(
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

/// A code as shown to the administrator, once.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct IssuedCode {
    pub code: String,
    pub agent: String,
    pub regions: Vec<Uuid>,
    pub expires: String,
}

/// An argon2id hash of a random password nobody knows, checked when a login names an
/// unknown user so that the answer takes the same time either way.
const UNKNOWN_USER_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5sbyXb8jJgD1d8mWmRo3b4cT2Db/3QbJ1CIP7WqCsn4";

/// Enrolment codes: 16 characters of Crockford base32 (80 random bits), shown in groups of 4.
fn new_code() -> Result<String, ApiError> {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 10];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "no randomness"))?;
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    let chars: Vec<u8> = (0..16)
        .map(|i| ALPHABET[((bits >> (75 - 5 * i)) & 31) as usize])
        .collect();
    let s = String::from_utf8(chars).expect("ASCII");
    Ok(format!(
        "{}-{}-{}-{}",
        &s[0..4],
        &s[4..8],
        &s[8..12],
        &s[12..16]
    ))
}

/// Codes are compared by digest, ignoring case, dashes and spaces.
pub fn code_digest(code: &str) -> Digest {
    let norm: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    Digest::of(norm.as_bytes())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sixteen_crockford_characters() {
        let c = new_code().unwrap();
        assert_eq!(c.len(), 19);
        assert!(c
            .chars()
            .all(|ch| ch == '-' || "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(ch)));
        assert_eq!(
            code_digest(&c),
            code_digest(&c.to_lowercase().replace('-', " "))
        );
        assert_ne!(new_code().unwrap(), c);
    }
}
