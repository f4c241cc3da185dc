//! The records of one region for its page: licences, miners and the latest production,
//! read through the store's pull index (the same per-region index devices pull from), so
//! nothing new is kept for the pages.
//!
//! The walk reads every current record filed in the region and the regions below it, in
//! pages; its cost grows with the region's records, not with the whole registry. Voided
//! records and records still missing a required field are left out, as the devices' lists
//! leave them out.

use std::collections::HashMap;

use sync_protocol::records::{fact_body, AnyRecord, Licence, Miner, Production};
use uuid::Uuid;

use crate::auth::Officer;
use crate::core::Core;
use crate::error::ApiError;

/// Changes read per page of the walk.
const PAGE: usize = 2_000;

/// What a region's page lists.
#[derive(Debug, Default)]
pub struct RegionRecords {
    /// By licence number.
    pub licences: Vec<(Uuid, Uuid, Licence)>,
    /// By name.
    pub miners: Vec<(Uuid, Uuid, Miner)>,
    /// The latest productions by date (then id), newest first, at most the number asked.
    pub recent: Vec<(Uuid, Uuid, Production)>,
    /// Every current production in the region.
    pub productions: u64,
    /// Licence numbers by id, for the productions that name a licence of the region.
    pub licence_numbers: HashMap<Uuid, String>,
}

/// Reads `region`'s records (with the regions below it), keeping the `recent` latest
/// productions. Record tuples are (id, region filed in, record).
pub fn region_records(
    core: &Core,
    officer: &Officer,
    region: Uuid,
    recent: usize,
) -> Result<RegionRecords, ApiError> {
    let mut out = RegionRecords::default();
    let mut cursor = 0;
    loop {
        let page = core.region_changes(officer, region, cursor, PAGE)?;
        for change in &page.changes {
            if change.state.void_reason().is_some() {
                continue;
            }
            let (id, filed) = (change.record, change.region);
            match &change.state {
                AnyRecord::Licence(s) => {
                    if let Some(l) = Licence::from_state(s) {
                        out.licence_numbers.insert(id, l.number.to_string());
                        out.licences.push((id, filed, l));
                    }
                }
                AnyRecord::Miner(s) => {
                    if let Some(m) = Miner::from_state(s) {
                        out.miners.push((id, filed, m));
                    }
                }
                AnyRecord::Production(s) => {
                    if let Some(p) = fact_body(s) {
                        out.productions += 1;
                        out.recent.push((id, filed, p.clone()));
                        // Keep the newest only, so memory stays bounded by `recent`.
                        if out.recent.len() >= 2 * recent.max(1) {
                            newest_first(&mut out.recent, recent);
                        }
                    }
                }
                _ => {}
            }
        }
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    newest_first(&mut out.recent, recent);
    out.licences.sort_by_cached_key(|l| l.2.number.to_string());
    out.miners
        .sort_by_cached_key(|m| (m.2.names.to_string(), m.0));
    Ok(out)
}

/// Sorts productions newest first (date, then id) and keeps `keep`.
fn newest_first(v: &mut Vec<(Uuid, Uuid, Production)>, keep: usize) {
    v.sort_by_key(|p| std::cmp::Reverse((p.2.date, p.0)));
    v.truncate(keep);
}
