//! The log's part of `placer admin repair-log`: rewrite each damaged segment with every
//! frame that still checks out, and set the original aside, untouched, for inspection.
//!
//! Order of work, so that a crash during a repair loses nothing and never leaves a segment
//! missing: the salvaged copy is written and synced under a temporary name, the original
//! gets a second name in `log/damaged/` (a hard link: the same bytes, whole), then the copy
//! is renamed over the original's name (atomic) and the directory synced. At every moment
//! the segment's name holds either the original or the salvaged copy.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::frames::{self, End};
use super::{list_segments, sync_dir};
use crate::error::Result;

/// What the repair did to one segment.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SegmentSalvage {
    pub segment: PathBuf,
    /// Frames kept in the rewritten segment.
    pub frames_kept: u64,
    /// Byte ranges of the original that no frame could be read from.
    pub lost: Vec<Range<u64>>,
    /// Only a crash's torn tail was cut (nothing acknowledged was there).
    pub torn_tail_only: bool,
    /// Where the original was moved, whole.
    pub original: Option<PathBuf>,
}

/// Rewrites every segment that does not read clean; returns what was done to each.
pub fn salvage_log(dir: &Path) -> Result<Vec<SegmentSalvage>> {
    let segments = list_segments(dir)?;
    let mut out = Vec::new();
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
    for (i, (_, path)) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let data = std::fs::read(path)?;
        let scan = frames::scan(&data, last);
        match scan.end {
            End::Clean => continue,
            End::Torn { at } => {
                let f = std::fs::OpenOptions::new().write(true).open(path)?;
                f.set_len(at)?;
                f.sync_all()?;
                out.push(SegmentSalvage {
                    segment: path.clone(),
                    frames_kept: scan.frames.len() as u64,
                    lost: std::iter::once(at..data.len() as u64).collect(),
                    torn_tail_only: true,
                    original: None,
                });
            }
            End::Damaged(_) => {
                let (kept, lost) = frames::salvage(&data);
                let mut bytes = Vec::with_capacity(data.len());
                for f in &kept {
                    frames::encode_frame(f.payload, &mut bytes);
                }
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let tmp = dir.join(format!("{name}.salvaged"));
                write_private(&tmp, &bytes)?;
                let damaged_dir = dir.join("damaged");
                super::create_private_dir(&damaged_dir)?;
                let original = damaged_dir.join(format!("{name}.{stamp}"));
                std::fs::hard_link(path, &original)?;
                sync_dir(&damaged_dir)?;
                std::fs::rename(&tmp, path)?;
                sync_dir(dir)?;
                out.push(SegmentSalvage {
                    segment: path.clone(),
                    frames_kept: kept.len() as u64,
                    lost,
                    torn_tail_only: false,
                    original: Some(original),
                });
            }
        }
    }
    Ok(out)
}

/// Writes a file readable by the service's user alone and syncs it.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batchlog::testing::{entry_of, written};
    use crate::batchlog::BatchLog;

    fn entry(n: u8) -> Vec<u8> {
        entry_of(n, 300)
    }

    #[test]
    fn a_damaged_segment_keeps_every_intact_frame_and_the_log_opens_again() {
        let (dir, seg, mut bytes) = written(&(1..=6).map(entry).collect::<Vec<_>>());
        let frame = bytes.len() / 6;
        bytes[frame * 2 + 100] ^= 0x04; // inside the third entry
        std::fs::write(&seg, &bytes).unwrap();
        assert!(BatchLog::open(dir.path(), |_, _, _| Ok(())).is_err());

        let done = salvage_log(dir.path()).unwrap();
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].frames_kept, 5);
        assert_eq!(done[0].lost, vec![(frame * 2) as u64..(frame * 3) as u64]);
        let original = done[0].original.clone().unwrap();
        assert_eq!(
            std::fs::read(&original).unwrap(),
            bytes,
            "the original is kept whole"
        );

        let mut seen = Vec::new();
        BatchLog::open(dir.path(), |e, _, _| {
            seen.push(e.to_vec());
            Ok(())
        })
        .unwrap();
        let expected: Vec<Vec<u8>> = [1, 2, 4, 5, 6].into_iter().map(entry).collect();
        assert_eq!(seen, expected);
        assert!(
            salvage_log(dir.path()).unwrap().is_empty(),
            "nothing left to do"
        );
    }
}
