//! A consistent copy of the log while the server appends to it: the log's part of
//! `placer admin backup`.
//!
//! The log only grows, and a segment other than the last never changes once the next one
//! exists. So a copy of the segments listed at the start, each cut at the end of its last
//! frame that checks out, is a prefix of the log: exactly the log as it stood at some
//! moment, which is all a restore needs (everything else is derived from it). A frame the
//! writer is still writing is left out; a frame written but not yet synced may be in, which
//! is harmless (it was accepted or is about to be, and a device's resend gets the same
//! acknowledgement).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::frames::{self, End};
use super::salvage::write_private;
use super::{create_private_dir, list_segments, sync_dir};
use crate::error::{Result, ServerError};

/// One copied segment, as the backup's manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopiedSegment {
    pub name: String,
    pub bytes: u64,
    pub frames: u64,
    /// SHA-256 of the copied bytes, hex.
    pub sha256: String,
}

/// Copies the log in `from` into `to` (which must not hold a log), calling `progress` with
/// the bytes of each segment copied. Damage in a segment other than the last is copied as
/// it is and reported, so that a backup taken in trouble still holds every byte.
pub fn copy_log(
    from: &Path,
    to: &Path,
    progress: &dyn Fn(u64),
) -> Result<(Vec<CopiedSegment>, Vec<String>)> {
    create_private_dir(to)?;
    if !list_segments(to)?.is_empty() {
        return Err(ServerError::Other(format!(
            "{} already holds a batch log; a backup goes to a new directory",
            to.display()
        )));
    }
    let segments = list_segments(from)?;
    let mut copied = Vec::new();
    let mut damage = Vec::new();
    for (i, (_, path)) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let data = std::fs::read(path)?;
        let scan = frames::scan(&data, last);
        let keep = match &scan.end {
            End::Clean => data.len(),
            // The writer is mid-append (or a crash left a torn tail): the whole frames only.
            End::Torn { at } => *at as usize,
            End::Damaged(d) => {
                damage.push(format!(
                    "{} is damaged at byte {}: {}",
                    path.display(),
                    d.at,
                    d.what
                ));
                data.len()
            }
        };
        let bytes = &data[..keep];
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = to.join(format!("{name}.copying"));
        write_private(&tmp, bytes)?;
        std::fs::rename(&tmp, to.join(&name))?;
        progress(bytes.len() as u64);
        copied.push(CopiedSegment {
            name,
            bytes: bytes.len() as u64,
            frames: frames::salvage(bytes).0.len() as u64,
            sha256: sha256_hex(bytes),
        });
    }
    sync_dir(to)?;
    Ok((copied, damage))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(ring::digest::digest(&ring::digest::SHA256, bytes))
}
