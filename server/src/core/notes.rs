//! Notes: a device's signed question "which flags are raised on what I wrote, and what did
//! the officers say?" (`POST /v1/sync/notes`). Checked as a pull is (signer, signature,
//! canonical form, nonce), answered from the flags; the page's order, cursor and what a
//! device reads of a flag are `crate::flags::notes`'s.
//!
//! # Which flags are a device's
//!
//! A flag is the device's when any record it names (a miner, licence, production, sale or
//! export) holds a write of this device, wherever the record is filed now. There is no
//! index of a device's records: each request reads the flags changed after its cursor (one
//! scan of the flags' key range, decoding each, as the officers' listings do) and, in page
//! order, the records of at most [`notes::EXAMINED`] of them, each record read once per
//! request. A first request of a handset reads every flag; later ones read the flags
//! changed since. That is fine for today's registries (thousands of flags); an index of
//! records by writing device would make it proportional to the device's own flags.

use std::collections::HashMap;

use sync_protocol::api::{FlaggedRecord, NotesPage, NotesRequest};
use sync_protocol::records::Collection;

use super::sync::nonce_given;
use super::*;
use crate::flags::notes;

impl Core {
    /// Answers a signed notes request with the next page of the flags on the device's
    /// records. Refused as a pull is; a refused request does not use up its nonce.
    pub fn notes(&self, raw: &[u8], json: bool) -> Result<NotesPage, ApiError> {
        let (device, req) = self.open_request(raw, json, |r: &NotesRequest| r.device)?;
        nonce_given(req.nonce)?;
        if !notes::valid_cursor(&req.after) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!(
                    "after.flag {:?} is neither empty nor a flag id",
                    req.after.flag
                ),
            ));
        }
        self.use_nonce(device.id, req.nonce)?;
        let now = self.now();
        let changed = self.flags_where(&FlagFilter {
            since: Some(req.after.updated_at),
            ..FlagFilter::default()
        })?;
        let mut written = Written::new(self, device.id);
        let page = notes::select(
            notes::after(changed, &req.after),
            &req.after,
            req.limit.clamp(1, notes::MAX_LIMIT) as usize,
            notes::EXAMINED,
            notes::settled(now),
            |flag| written.any(&flag.records),
        )?;
        let flags = page
            .flags
            .iter()
            .map(|f| Ok(notes::device_flag(f, written.named(&f.records)?)))
            .collect::<Result<Vec<_>, ApiError>>()?;
        tracing::info!(device = %device.id, flags = flags.len(), more = page.more, "notes sent");
        Ok(NotesPage {
            flags,
            cursor: page.cursor,
            more: page.more,
            server_time: now,
        })
    }
}

/// The records flags name, each read once per request: its collection, and whether the
/// device wrote it.
struct Written<'a> {
    core: &'a Core,
    device: Uuid,
    seen: HashMap<Uuid, Option<(Collection, bool)>>,
}

impl<'a> Written<'a> {
    fn new(core: &'a Core, device: Uuid) -> Self {
        Self {
            core,
            device,
            seen: HashMap::new(),
        }
    }

    fn record(&mut self, id: Uuid) -> Result<Option<(Collection, bool)>, ApiError> {
        if let Some(known) = self.seen.get(&id) {
            return Ok(*known);
        }
        let device = self.device;
        let found = self
            .core
            .find_record(id)?
            .map(|(c, r)| (c, r.state.any_write(|d, _| d == device)));
        self.seen.insert(id, found);
        Ok(found)
    }

    /// Whether the device wrote any of these records.
    fn any(&mut self, records: &[Uuid]) -> Result<bool, ApiError> {
        for id in records {
            if self.record(*id)?.is_some_and(|(_, mine)| mine) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The records with their collections, as the device reads them.
    fn named(&mut self, records: &[Uuid]) -> Result<Vec<FlaggedRecord>, ApiError> {
        records
            .iter()
            .map(|id| {
                Ok(FlaggedRecord {
                    collection: self.record(*id)?.map(|(c, _)| c),
                    record: *id,
                })
            })
            .collect()
    }
}
