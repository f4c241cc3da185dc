//! Photos and documents on the device: kept in its store once taken, and uploaded in
//! chunks after the records sync (`POST /v1/sync/photo`), resuming where the server's
//! bytes end. A photo waits while the server does not hold its record yet (its batch is
//! acknowledged first in the same sync, so that is rare), and is forgotten once the server
//! answers it complete.

use uuid::Uuid;

use super::store::{key, Writes, PHOTO};
use super::{Device, SyncReport, Transport};
use crate::api::{PhotoChunk, PhotoKind};
use crate::batch::{Bytes, Digest, Signed};
use crate::error::ProtocolError;
use crate::photo::{self, MAX_CHUNK, MAX_PHOTO};
use crate::records::Collection;

/// A photo waiting to go up.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Waiting {
    record: Uuid,
    collection: Collection,
    kind: PhotoKind,
    bytes: Bytes,
}

/// Its key: the record, the kind and the digest, so that the same photo added twice is
/// kept once.
fn photo_key(record: Uuid, kind: PhotoKind, digest: &Digest) -> Vec<u8> {
    let mut rest = record.as_bytes().to_vec();
    rest.push(kind as u8);
    rest.extend_from_slice(&digest.0);
    key(PHOTO, &rest)
}

impl Device {
    /// Keeps a photo of a record this device holds, to upload at the next sync. Checked as
    /// the server checks it: the kind fits the record's collection, a JPEG or a PNG, at
    /// most [`MAX_PHOTO`] bytes. Returns its digest.
    pub fn add_photo(
        &self,
        record: Uuid,
        kind: PhotoKind,
        bytes: Vec<u8>,
    ) -> Result<Digest, ProtocolError> {
        let collection = Collection::ALL
            .into_iter()
            .find(|c| matches!(self.store.record(*c, record), Ok(Some(_))))
            .ok_or_else(|| ProtocolError::Invalid(format!("no record {record} on this device")))?;
        if !photo::kind_fits(kind, collection) {
            return Err(ProtocolError::Invalid(format!(
                "a {} is not attached to a {} record",
                kind.name(),
                collection.name()
            )));
        }
        if bytes.len() as u64 > MAX_PHOTO || bytes.is_empty() {
            return Err(ProtocolError::Invalid(format!(
                "a photo of {} bytes: from 1 to {MAX_PHOTO} (compress it first)",
                bytes.len()
            )));
        }
        if photo::content_type(&bytes).is_none() {
            return Err(ProtocolError::Invalid(
                "the file is neither a JPEG nor a PNG".into(),
            ));
        }
        let digest = Digest::of(&bytes);
        let mut w = Writes::default();
        w.put(
            photo_key(record, kind, &digest),
            &Waiting {
                record,
                collection,
                kind,
                bytes: Bytes(bytes),
            },
        )?;
        self.store.commit(w)?;
        Ok(digest)
    }

    /// Photos waiting to go up.
    pub fn photos_waiting(&self) -> u64 {
        self.store.scan(PHOTO).count() as u64
    }

    /// Uploads every photo waiting, each from where the server's bytes end.
    pub(super) fn send_photos(
        &self,
        transport: &dyn Transport,
        report: &mut SyncReport,
    ) -> Result<(), ProtocolError> {
        let waiting: Vec<(Vec<u8>, Waiting)> = self
            .store
            .scan(PHOTO)
            .map(|item| {
                let (k, v) = item?;
                Ok((k.to_vec(), crate::codec::decode::<Waiting>(&v)?))
            })
            .collect::<Result<_, ProtocolError>>()?;
        for (k, p) in waiting {
            match self.upload(transport, &p, report) {
                Ok(true) => {
                    let mut w = Writes::default();
                    w.remove(k);
                    self.store.commit(w)?;
                    report.photos_sent += 1;
                }
                Ok(false) => {}
                // The record's batch has not reached the server: the photo waits.
                Err(ProtocolError::Server { status: 404, .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// One photo, chunk after chunk: whether the server holds it complete (`false` when
    /// this transport does not carry photos).
    fn upload(
        &self,
        transport: &dyn Transport,
        p: &Waiting,
        report: &mut SyncReport,
    ) -> Result<bool, ProtocolError> {
        let file = &p.bytes.0;
        let digest = Digest::of(file);
        // First ask where the upload stands: a cut one resumes there.
        let mut offset = 0u64;
        let mut chunk: &[u8] = &[];
        loop {
            let request = PhotoChunk {
                device: self.identity()?.device,
                nonce: self.next_nonce()?,
                record: p.record,
                collection: p.collection,
                kind: p.kind,
                digest,
                total: file.len() as u64,
                offset,
                bytes: Bytes(chunk.to_vec()),
            };
            let signed = Signed::seal(&request, &self.key()?)?;
            let (ack, server_time) = match transport.photo(&signed.to_bytes()?) {
                Ok((Some(ack), t)) => (ack, t),
                Ok((None, _)) => return Ok(false),
                Err(ProtocolError::Server { status: 409, body })
                    if body.code == "photo_gap" && body.expected_offset.is_some() =>
                {
                    offset = body.expected_offset.unwrap_or(0);
                    let end = (offset as usize + MAX_CHUNK).min(file.len());
                    chunk = file.get(offset as usize..end).unwrap_or(&[]);
                    continue;
                }
                Err(e) => return Err(e),
            };
            self.observe(server_time, report)?;
            if ack.complete {
                return Ok(true);
            }
            offset = ack.received;
            let start = offset as usize;
            let end = (start + MAX_CHUNK).min(file.len());
            chunk = file.get(start..end).ok_or_else(|| {
                ProtocolError::Invalid(format!(
                    "the server holds {offset} bytes of a photo of {}",
                    file.len()
                ))
            })?;
        }
    }
}
