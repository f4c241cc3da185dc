//! `placer admin repair-log`: what an operator runs when the server refused to start on a
//! damaged batch log. The server must be stopped.
//!
//! 1. Every damaged segment is rewritten with every frame that still checks out; the
//!    original is kept whole in `log/damaged/` ([`crate::batchlog::salvage`]).
//! 2. What was lost is named: the batches missing from each device's chain in the repaired
//!    log, and those the old derived state had acknowledged past the log's end.
//! 3. The derived state is moved aside, so that the next start rebuilds it from the
//!    repaired log: it must never hold batches the log no longer has, or a device's resend
//!    of a lost batch would be answered from it instead of being logged again.
//!
//! Devices keep their acknowledged batches for a while and send a lost one again when the
//! server answers their next push `sequence_gap` with its number; batches after a lost one
//! wait (parked) until it arrives, then apply in order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use uuid::Uuid;

use crate::batchlog::salvage::{salvage_log, SegmentSalvage};
use crate::core::{log_dir, move_state_aside, state_dir};
use crate::error::{Result, ServerError};
use crate::store::sled_store::SledStore;
use crate::store::Store;

use super::verify::{verify_log, ChainGap};

#[derive(Debug, Clone, Serialize)]
pub struct RepairReport {
    pub segments: Vec<SegmentSalvage>,
    /// Accepted batches the log no longer holds, per device: `first..=last`.
    pub lost_batches: Vec<ChainGap>,
    /// Whether the old derived state could be read to find batches lost at a chain's end.
    pub state_read: bool,
    pub state_moved_to: Option<PathBuf>,
    pub next_steps: Vec<String>,
}

pub fn repair_log(data: &Path) -> Result<RepairReport> {
    if crate::cli::admin::live_server(data)?.is_some() {
        return Err(ServerError::Other(
            "a server is running on this data directory: stop it first".into(),
        ));
    }
    crate::batchlog::refuse_shared_dir(data)?;
    // The derived state's chain heads, read before anything changes: the batches each
    // device was told were accepted, including any at the end of a chain that the repair
    // drops and that no gap in the log would show.
    let heads: Option<BTreeMap<Uuid, u64>> = match SledStore::open(&state_dir(data)) {
        Ok(store) => store
            .devices()
            .ok()
            .map(|ds| ds.into_iter().map(|d| (d.device.id, d.head.seq)).collect()),
        Err(ServerError::Sled(sled::Error::Io(e)))
            if e.kind() == std::io::ErrorKind::WouldBlock =>
        {
            return Err(ServerError::Locked(data.display().to_string()))
        }
        Err(_) => None,
    };
    let segments = salvage_log(&log_dir(data))?;
    if segments.is_empty() {
        return Ok(RepairReport {
            segments,
            lost_batches: Vec::new(),
            state_read: heads.is_some(),
            state_moved_to: None,
            next_steps: vec!["the batch log reads clean: nothing was repaired".into()],
        });
    }
    let after = verify_log(&log_dir(data), &|_| {})?;
    let mut lost = after.gaps.clone();
    for (device, acked) in heads.iter().flatten() {
        let in_log = after.chain_ends.get(device).copied().unwrap_or(0);
        if *acked > in_log {
            lost.push(ChainGap {
                device: *device,
                first: in_log + 1,
                last: *acked,
            });
        }
    }
    lost.sort_by_key(|g| (g.device, g.first));
    let moved = if state_dir(data).exists() {
        Some(move_state_aside(data)?)
    } else {
        None
    };
    let mut next_steps =
        vec!["start the server: it rebuilds the derived state from the repaired log".to_string()];
    if lost.is_empty() {
        next_steps.push("no accepted batch was found missing".into());
    } else {
        next_steps.push(format!(
            "have the agents of {} device(s) sync: each re-sends its lost batches, which it \
             keeps for a while after their acknowledgement; `placer admin verify` then shows \
             no gap",
            lost.iter()
                .map(|g| g.device)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
        ));
    }
    if heads.is_none() {
        next_steps.push(
            "the old derived state could not be read, so a batch lost at the very end of a \
             device's chain is not listed; it is re-sent at that device's next sync all the same"
                .into(),
        );
    }
    Ok(RepairReport {
        segments,
        lost_batches: lost,
        state_read: heads.is_some(),
        state_moved_to: moved,
        next_steps,
    })
}
