//! Photos and documents: a device's chunks taken (checked, resumed, kept outside the log),
//! and the photos of a record read by an officer as the role allows.
//!
//! # A chunk
//! 1. Decode and authenticate as every signed request (`Core::open_request`); nonce given.
//! 2. Limits (413), the kind against the record's collection (400), the record on the
//!    server (404), the device's scope: it wrote the record or serves where it is filed
//!    (403).
//! 3. Under the uploads' lock: a photo complete already is attached at once; else the
//!    chunk's place against the bytes held (`sync_protocol::photo::resume`): appended,
//!    compared with what is held, or refused as a gap. The last chunk completes the file
//!    only if its SHA-256 is the digest and it is a JPEG or a PNG.
//! 4. The nonce is used once every check has passed: a refused request stores nothing and
//!    leaves its nonce unused.

use super::*;
use crate::photos::Attachment;
use sync_protocol::api::{PhotoAck, PhotoChunk, PhotoKind};
use sync_protocol::photo::{self, Resume};
use sync_protocol::records::Collection;

/// A photo attached to a record, as an officer reads it.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoView {
    pub digest: Digest,
    pub kind: PhotoKind,
    pub bytes: u64,
    pub received_at: Hlc,
}

impl From<&Attachment> for PhotoView {
    fn from(a: &Attachment) -> Self {
        Self {
            digest: a.digest,
            kind: a.kind,
            bytes: a.bytes,
            received_at: a.received_at,
        }
    }
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidValue, message)
}

impl Core {
    /// Takes one chunk of a photo (see the module documentation).
    pub fn photo(&self, raw: &[u8], json: bool) -> Result<PhotoAck, ApiError> {
        let (device, req) = self.open_request(raw, json, |r: &PhotoChunk| r.device)?;
        sync::nonce_given(req.nonce)?;
        if req.total > photo::MAX_PHOTO {
            return Err(ApiError::new(
                ErrorCode::TooLarge,
                format!(
                    "a photo of {} bytes; at most {} (compress it on the handset)",
                    req.total,
                    photo::MAX_PHOTO
                ),
            ));
        }
        if req.bytes.0.len() > photo::MAX_CHUNK {
            return Err(ApiError::new(
                ErrorCode::TooLarge,
                format!(
                    "a chunk of {} bytes; at most {}",
                    req.bytes.0.len(),
                    photo::MAX_CHUNK
                ),
            ));
        }
        if req.total == 0 {
            return Err(invalid("a photo of 0 bytes".into()));
        }
        if !photo::kind_fits(req.kind, req.collection) {
            return Err(invalid(format!(
                "a {} is not attached to a {} record",
                req.kind.name(),
                req.collection.name()
            )));
        }
        self.check_photo_scope(&device, &req)?;
        let done = |received| PhotoAck {
            digest: req.digest,
            received,
            complete: true,
        };
        let _g = lock(&self.uploads_lock);
        if req.kind.is_personal() && self.store.person_erased(req.record)? {
            // The person was erased at the ministry: a photo of them taken offline before is
            // dropped as it arrives, as their values are; the handset forgets it.
            self.use_nonce(device.id, req.nonce)?;
            tracing::info!(device = %device.id, record = %req.record, "photo of an erased person dropped");
            return Ok(done(req.total));
        }
        if self.photos.is_complete(&req.digest) {
            self.use_nonce(device.id, req.nonce)?;
            self.attach(&device, &req)?;
            return Ok(done(req.total));
        }
        let received = self.photos.received(&req.digest)?;
        let len = req.bytes.0.len() as u64;
        let partial = |received| PhotoAck {
            digest: req.digest,
            received,
            complete: false,
        };
        match photo::resume(received, req.total, req.offset, len) {
            Resume::Overrun => Err(invalid(format!(
                "the chunk of {len} bytes at {} runs past the photo's {} bytes or past the {received} held",
                req.offset, req.total
            ))),
            Resume::Gap => {
                let mut e = ApiError::new(
                    ErrorCode::PhotoGap,
                    format!(
                        "the chunk starts at byte {}, but {received} bytes are held: send from {received}",
                        req.offset
                    ),
                );
                e.expected_offset = Some(received);
                Err(e)
            }
            Resume::Held => {
                if len > 0 && self.photos.held(&req.digest, req.offset, len as usize)? != req.bytes.0 {
                    return Err(invalid(format!(
                        "the chunk at {} differs from the bytes held there",
                        req.offset
                    )));
                }
                self.use_nonce(device.id, req.nonce)?;
                Ok(partial(received))
            }
            Resume::Append => {
                let end = received + len;
                let head_held = match received {
                    0 => Vec::new(),
                    n => self.photos.held(
                        &req.digest,
                        0,
                        n.min(photo::MAGIC_LEN as u64) as usize,
                    )?,
                };
                let head: Vec<u8> = head_held
                    .iter()
                    .chain(req.bytes.0.iter())
                    .take(photo::MAGIC_LEN)
                    .copied()
                    .collect();
                if !photo::could_be_image(&head) {
                    return Err(invalid(
                        "the file is neither a JPEG nor a PNG (by its first bytes)".into(),
                    ));
                }
                if end < req.total {
                    self.use_nonce(device.id, req.nonce)?;
                    self.photos.append(&req.digest, &req.bytes.0)?;
                    return Ok(partial(end));
                }
                // The last chunk: the whole file is checked before anything is kept.
                let mut whole = self.photos.partial_bytes(&req.digest)?;
                whole.extend_from_slice(&req.bytes.0);
                if Digest::of(&whole) != req.digest || photo::content_type(&whole).is_none() {
                    self.photos.discard(&req.digest)?;
                    return Err(invalid(format!(
                        "the photo's {} bytes are not a JPEG or PNG whose SHA-256 is {}: \
                         what was held is dropped; upload it again from 0",
                        req.total,
                        req.digest.to_hex()
                    )));
                }
                self.use_nonce(device.id, req.nonce)?;
                self.photos.append(&req.digest, &req.bytes.0)?;
                self.photos.complete(&req.digest)?;
                self.attach(&device, &req)?;
                tracing::info!(device = %device.id, record = %req.record, kind = req.kind.name(), bytes = req.total, "photo kept");
                Ok(done(req.total))
            }
        }
    }

    /// A photo goes to a record the server holds, which the device wrote or which is
    /// filed where the device serves.
    fn check_photo_scope(&self, device: &DeviceRecord, req: &PhotoChunk) -> Result<(), ApiError> {
        let stored = self
            .store
            .record(req.collection, req.record)?
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!(
                        "no {} {} on the server: push its batch before its photos",
                        req.collection.name(),
                        req.record
                    ),
                )
            })?;
        let wrote = stored.state.any_write(|d, _| d == device.id);
        let serves = wrote
            || self
                .region_index()
                .with_descendants(&device.regions)
                .contains(&stored.region);
        if !serves {
            return Err(ApiError::new(
                ErrorCode::OutOfScope,
                format!(
                    "{} {} is filed in region {}, which device {} does not serve, and it did not write it",
                    req.collection.name(),
                    req.record,
                    stored.region,
                    device.id
                ),
            ));
        }
        Ok(())
    }

    fn attach(&self, device: &DeviceRecord, req: &PhotoChunk) -> Result<(), ApiError> {
        self.photos.attach(Attachment {
            record: req.record,
            collection: req.collection,
            kind: req.kind,
            digest: req.digest,
            bytes: req.total,
            device: device.id,
            received_at: self.now(),
        })?;
        Ok(())
    }

    /// The photos of a record that the officer may see: the record read as
    /// [`Core::record`] reads it (scope), then each photo as the role allows.
    pub fn record_photos(
        &self,
        officer: &Officer,
        collection: Collection,
        id: Uuid,
    ) -> Result<Vec<PhotoView>, ApiError> {
        self.record(officer, collection, id)?;
        Ok(self.visible_photos(officer.role, collection, id))
    }

    fn visible_photos(&self, role: Role, collection: Collection, id: Uuid) -> Vec<PhotoView> {
        self.photos
            .of_record(id)
            .iter()
            .filter(|a| a.collection == collection && crate::privacy::sees_photo(role, a.kind))
            .map(PhotoView::from)
            .collect()
    }

    /// One photo's bytes and content type, for an officer who may see it on `record`:
    /// 404 when the record does not hold it, 403 when the officer's scope or role does not
    /// allow it.
    pub fn photo_file(
        &self,
        officer: &Officer,
        digest: Digest,
        record: Uuid,
    ) -> Result<(Vec<u8>, &'static str), ApiError> {
        let not_found = || {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no photo {} on record {record}", digest.to_hex()),
            )
        };
        let attached: Vec<Attachment> = self
            .photos
            .of_record(record)
            .into_iter()
            .filter(|a| a.digest == digest)
            .collect();
        let first = attached.first().ok_or_else(not_found)?;
        self.record(officer, first.collection, record)?;
        if !attached
            .iter()
            .any(|a| crate::privacy::sees_photo(officer.role, a.kind))
        {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                format!(
                    "a {} shows a person; the {} role does not see it",
                    first.kind.name(),
                    officer.role.name()
                ),
            ));
        }
        let bytes = self.photos.read(&digest)?.ok_or_else(not_found)?;
        let content_type = photo::content_type(&bytes).ok_or_else(not_found)?;
        Ok((bytes, content_type))
    }

    /// A miner's photos for their person's file (administrators: every kind).
    pub(super) fn person_photos(&self, miner: Uuid) -> Vec<PhotoView> {
        self.visible_photos(Role::Admin, Collection::Miner, miner)
    }

    /// Deletes a miner's photos of the person (face, identity document), and the files no
    /// other record holds. Returns the attachments removed and the files deleted. The
    /// caller holds the uploads' lock until the erasure is applied.
    pub(super) fn erase_person_photos(&self, miner: Uuid) -> Result<(usize, usize), ApiError> {
        let (removed, deleted) = self
            .photos
            .detach(|a| a.record == miner && a.kind.is_personal())?;
        Ok((removed.len(), deleted))
    }
}
