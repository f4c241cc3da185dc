//! Sync: push and pull. Each request is checked, logged durably, applied to the store.
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
//!    that is not the last digest is a broken chain (409). Then the write scope: every op
//!    must file its record in a region the device serves (or below one), and an op on a
//!    record the server holds must touch one that was filed or written there at some time
//!    (403 `out_of_scope`, naming the op).
//! 4. Stamp the receipt with the server clock, append the raw body to the batch log and
//!    wait for its sync. From here the batch is accepted whatever happens.
//! 5. Apply to the store (records, pull index, chain head, acknowledgement) atomically,
//!    and answer.
//!
//! The envelope can refuse a batch; its content never does: a signed, well-formed batch
//! whose records break a domain rule is accepted (later checks raise flags on it).

use super::*;

/// A device's first refused forks are kept whole, signed, as evidence that its key wrote
/// them; past these, a fork keeps its digest, its length and its first bytes.
pub const FORKS_KEPT_WHOLE: usize = 4;
/// The bytes of a fork kept past [`FORKS_KEPT_WHOLE`].
pub const FORK_SAMPLE: usize = 4096;
/// Whether a device that pushed `used` bytes today may push `more` under `quota`:
/// `Err(seconds until the next UTC day)` when it may not.
pub fn within_quota(used: u64, more: u64, quota: u64, now_ms: u64) -> Result<(), u64> {
    if used.saturating_add(more) <= quota {
        Ok(())
    } else {
        const DAY: u64 = 86_400_000;
        Err((DAY - now_ms % DAY).div_ceil(1000))
    }
}

impl Core {
    pub(super) fn device_lock(&self, device: Uuid) -> Arc<Mutex<()>> {
        lock(&self.device_locks).entry(device).or_default().clone()
    }

    /// Identifies the signer of a request and checks the signature.
    pub(super) fn authenticate(
        &self,
        device: Uuid,
        signed: &Signed,
    ) -> Result<DeviceRecord, ApiError> {
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
    /// Counts a push's bytes against its device's day, refusing (429) past the quota.
    fn count_push(&self, device: Uuid, bytes: u64) -> Result<(), ApiError> {
        let now = wall_ms();
        let day = (now / 86_400_000) as i64;
        let mut pushed = lock(&self.pushed_today);
        let used = match pushed.get(&device) {
            Some((d, used)) if *d == day => *used,
            _ => 0,
        };
        if let Err(wait) = within_quota(used, bytes, self.push_quota, now) {
            tracing::warn!(%device, used, bytes, "push refused: daily quota");
            let mut e = ApiError::new(
                ErrorCode::TooManyRequests,
                format!(
                    "device {device} pushed {used} bytes today, and may push {} a day; \
                     try again in {wait} s",
                    self.push_quota
                ),
            );
            e.retry_after_s = Some(wait);
            return Err(e);
        }
        // One entry per device, replaced when its day turns.
        pushed.insert(device, (day, used + bytes));
        Ok(())
    }

    pub fn push(&self, raw: &[u8], json: bool) -> Result<PushAck, ApiError> {
        let t0 = std::time::Instant::now();
        let signed = decode_signed(raw, json)?;
        let batch: Batch = signed.peek()?;
        let signer = self.authenticate(batch.device, &signed)?;
        let device = signer.id;
        self.count_push(device, raw.len() as u64)?;
        batch.check_shape()?;
        canonical(&signed, raw, json)?;
        canonical(&batch, &signed.sealed.0, false)?;
        if let Some((i, op)) = batch.ops.iter().enumerate().find(|(_, op)| {
            op.record.get_version_num() != 7 || op.record.get_variant() != uuid::Variant::RFC4122
        }) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!(
                    "op {i}: record id {} is not a UUIDv7 (version {})",
                    op.record,
                    op.record.get_version_num()
                ),
            ));
        }
        // Only the ministry erases: a device that sends an erased value is faulty.
        if let Some(i) = batch.ops.iter().position(|op| match &op.body {
            sync_protocol::op::OpBody::Miner(sets) => sets
                .iter()
                .any(|s| matches!(s.value, sync_protocol::records::MinerField::Erased(_))),
            _ => false,
        }) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!("op {i}: a device cannot write an erased value; only the ministry erases"),
            ));
        }
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
                if self.store.forks_of(device)? < FORKS_KEPT_WHOLE {
                    let at =
                        self.log
                            .append_durable_blocking(events::encode(&LogEntry::Fork {
                                received,
                                json,
                                body: Bytes(raw.to_vec()),
                            })?)?;
                    ingest::logged_fork(
                        self.store.as_ref(),
                        &self.checks(),
                        received,
                        at,
                        json,
                        raw,
                    )?;
                } else {
                    let sample = Bytes(raw[..raw.len().min(FORK_SAMPLE)].to_vec());
                    self.log
                        .append_durable_blocking(events::encode(&LogEntry::ForkSampled {
                            received,
                            device,
                            seq: batch.seq,
                            digest,
                            length: raw.len() as u64,
                            sample: sample.clone(),
                        })?)?;
                    self.store.record_fork(
                        received,
                        device,
                        batch.seq,
                        digest,
                        &sample.0,
                        &self.checks(),
                    )?;
                }
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
        self.check_write_scope(&signer, &batch)?;
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
        let ack = self
            .combiner
            .apply(
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

    /// Who may write where: a device creates records only in the regions it serves (and
    /// their descendants), and changes only records that were filed or written there at
    /// some time (an agent may correct a production the server filed across a border from
    /// the fix, and an edit recorded offline stays valid when another device's edit has
    /// moved the record since: a sealed batch refused would block the device's chain).
    /// Where geometry lands is not a question of scope: the server files the record where
    /// it lies and the checks flag it.
    fn check_write_scope(&self, device: &DeviceRecord, batch: &Batch) -> Result<(), ApiError> {
        let served: std::collections::HashSet<Uuid> = self
            .region_index()
            .with_descendants(&device.regions)
            .into_iter()
            .collect();
        let refuse = |i: usize, op: &sync_protocol::op::Op, why: String| {
            ApiError::new(
                ErrorCode::OutOfScope,
                format!(
                    "op {i} ({} {}) {why}; device {} serves {}",
                    op.collection().name(),
                    op.record,
                    device.id,
                    device
                        .regions
                        .iter()
                        .map(Uuid::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        };
        let mut checked = std::collections::HashSet::new();
        for (i, op) in batch.ops.iter().enumerate() {
            if !served.contains(&op.region) {
                return Err(refuse(
                    i,
                    op,
                    format!("files the record in region {}", op.region),
                ));
            }
            if !checked.insert((op.collection(), op.record)) {
                continue;
            }
            if let Some(stored) = self.store.record(op.collection(), op.record)? {
                // Ever filed or written in a region the device serves: what it could have
                // seen there when it recorded the op offline, whatever moved it since.
                let seen_here = served.contains(&stored.region)
                    || stored.placed.values().any(|r| served.contains(r))
                    || stored.state.any_write(|_, r| served.contains(&r));
                if !seen_here {
                    return Err(refuse(
                        i,
                        op,
                        format!("changes a record filed in region {}", stored.region),
                    ));
                }
            }
        }
        Ok(())
    }

    /// A signed request of a device (not a batch): decoded, its signer found and its
    /// signature checked, both messages in canonical form. Every signed request (pull,
    /// ack, openings, notes, photos) comes through here.
    pub(super) fn open_request<T: serde::Serialize + serde::de::DeserializeOwned>(
        &self,
        raw: &[u8],
        json: bool,
        device_of: impl Fn(&T) -> Uuid,
    ) -> Result<(DeviceRecord, T), ApiError> {
        let signed = decode_signed(raw, json)?;
        let req: T = signed.peek()?;
        let device = self.authenticate(device_of(&req), &signed)?;
        canonical(&signed, raw, json)?;
        canonical(&req, &signed.sealed.0, false)?;
        Ok((device, req))
    }

    /// Accepts a request's nonce if it is above every nonce the device sent before.
    pub(super) fn use_nonce(&self, device: Uuid, nonce: u64) -> Result<(), ApiError> {
        if self.store.advance_nonce(device, nonce)? {
            return Ok(());
        }
        Err(ApiError::new(
            ErrorCode::Replayed,
            format!("nonce {nonce} was already used by device {device}"),
        ))
    }

    /// Answers a device's signed question: did the server accept its batch `seq`? The
    /// acknowledgement if so (the same bytes as the push got), 404 if not.
    pub fn ack(&self, raw: &[u8], json: bool) -> Result<PushAck, ApiError> {
        let (device, req) =
            self.open_request(raw, json, |r: &sync_protocol::api::AckRequest| r.device)?;
        nonce_given(req.nonce)?;
        self.use_nonce(device.id, req.nonce)?;
        self.store.accepted(device.id, req.seq)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("batch {} of device {} is not accepted", req.seq, device.id),
            )
        })
    }

    /// Answers a signed pull request with the next page of changes in the device's scope.
    pub fn pull(&self, raw: &[u8], json: bool) -> Result<PullPage, ApiError> {
        let (device, req) = self.open_request(raw, json, |r: &PullRequest| r.device)?;
        nonce_given(req.nonce)?;
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
            // Naming a region names its descendants, as everywhere else.
            self.region_index().with_descendants(&req.regions)
        };
        // After the scope check: a refused request does not use up its nonce.
        self.use_nonce(device.id, req.nonce)?;
        let limit = crate::store::PageLimit {
            changes: req.limit.clamp(1, MAX_PULL_LIMIT) as usize,
            bytes: PAGE_BYTES,
        };
        let pulled = self
            .store
            .pull(&regions, Some(device.id), req.cursor, limit)?;
        Ok(PullPage {
            changes: pulled.changes,
            cursor: pulled.cursor,
            more: pulled.more,
            server_time: self.now(),
        })
    }
}

impl Core {
    /// Takes a device's openings of the personal values it sealed. Every opening is checked
    /// first (a value of its own device, a personal field, the content of its write's
    /// digest), and one that fails refuses the request with nothing kept. The openings
    /// that open a value are appended to the openings file and synced, then taken into the
    /// derived state; those of erased values are dropped; those whose write has not arrived
    /// are answered as waiting.
    pub fn open_values(&self, raw: &[u8], json: bool) -> Result<OpenAck, ApiError> {
        use sync_protocol::personal::{self, Opened, PersonalField};
        use sync_protocol::records::{AnyRecord, Collection};
        let (device, req) = self.open_request(raw, json, |r: &OpenRequest| r.device)?;
        nonce_given(req.nonce)?;
        if req.openings.len() > MAX_OPENINGS {
            return Err(ApiError::new(
                ErrorCode::TooLarge,
                format!(
                    "{} openings in one request; at most {MAX_OPENINGS}",
                    req.openings.len()
                ),
            ));
        }
        let invalid = |i: usize, why: String| {
            ApiError::new(ErrorCode::InvalidValue, format!("opening {i}: {why}"))
        };
        let _g = lock(&self.personal_lock);
        let mut keep = Vec::new();
        let (mut opened, mut erased, mut waiting) = (0u32, 0u32, Vec::new());
        for (i, o) in req.openings.iter().enumerate() {
            if o.write.device != device.id {
                return Err(invalid(
                    i,
                    format!(
                        "it names a write of device {}; a device opens only the values it sealed",
                        o.write.device
                    ),
                ));
            }
            let Some(field) = PersonalField::of(&o.value) else {
                return Err(invalid(
                    i,
                    "its value is not one of a person's values (names, sex, birth_year,                      national_id, phone, cooperative)"
                        .into(),
                ));
            };
            let state = match self.store.record(Collection::Miner, o.record)? {
                Some(r) => r.state,
                None => AnyRecord::empty(Collection::Miner),
            };
            let AnyRecord::Miner(mut s) = state else {
                continue;
            };
            match personal::open(&mut s, o) {
                Opened::Opened => {
                    opened += 1;
                    keep.push(o.clone());
                }
                Opened::AlreadyOpen => opened += 1,
                Opened::Erased => erased += 1,
                Opened::NoSuchWrite => waiting.push(i as u32),
                Opened::Mismatch => {
                    return Err(invalid(
                        i,
                        format!(
                            "it does not open the {field} of miner {} written at {}: the                              value or the salt differs from what the write sealed",
                            o.record, o.write.stamp
                        ),
                    ))
                }
            }
        }
        // After the checks: a refused request does not use up its nonce.
        self.use_nonce(device.id, req.nonce)?;
        if !keep.is_empty() {
            // The values into the openings file, then their taking into the log (naming
            // them only), then into the derived state: a crash between leaves an opening
            // the device sends again, or a logged taking the replay applies.
            self.openings.append(&keep)?;
            let at = self.now();
            let values = keep
                .iter()
                .filter_map(|o| Some((o.record, PersonalField::of(&o.value)?, o.write)))
                .collect();
            let id = Uuid::now_v7();
            self.log
                .append_durable_blocking(events::encode(&LogEntry::Opened {
                    id,
                    at,
                    device: device.id,
                    values,
                })?)?;
            self.store.apply_openings(id, &keep, at, &self.checks())?;
        }
        tracing::info!(
            device = %device.id,
            opened,
            erased,
            waiting = waiting.len(),
            "personal values opened"
        );
        Ok(OpenAck {
            opened,
            erased,
            waiting,
        })
    }
}

/// Nonces start at 1.
pub(super) fn nonce_given(nonce: u64) -> Result<(), ApiError> {
    if nonce == 0 {
        return Err(ApiError::new(
            ErrorCode::InvalidValue,
            "nonce must be at least 1",
        ));
    }
    Ok(())
}

/// Refuses a binary message that is not in its one canonical form (a varint or a length
/// written longer than needed): what enters the server has one encoding. A JSON body has
/// no binary form of its own; the binary messages inside it are checked all the same.
pub fn canonical<T: serde::Serialize>(value: &T, bytes: &[u8], json: bool) -> Result<(), ApiError> {
    if json || sync_protocol::codec::is_canonical(value, bytes) {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::Malformed,
        "not in canonical form: a varint or a length is written longer than needed",
    ))
}

#[cfg(test)]
mod quota_tests {
    use super::within_quota;

    #[test]
    fn a_day_holds_the_quota_and_the_wait_runs_to_midnight_utc() {
        let day = 86_400_000;
        assert_eq!(within_quota(0, 100, 100, 5), Ok(()));
        assert_eq!(within_quota(60, 40, 100, 5), Ok(()));
        assert_eq!(within_quota(61, 40, 100, 0), Err(86_400));
        assert_eq!(within_quota(61, 40, 100, day - 1_500), Err(2));
        assert_eq!(within_quota(u64::MAX, 1, 100, 3 * day + 10), Err(86_400));
    }
}
