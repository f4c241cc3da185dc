//! The batch log: the server's source of truth. Append-only, checksummed, segmented, and
//! `fdatasync`ed before anything it holds is acknowledged.
//!
//! # Format
//! `DIR/log/<first entry number, 20 digits>.seg` files, each a run of frames
//! ([`frames`]: length, CRC-32, payload). The log knows payloads as bytes only; what they
//! mean is [`crate::events`]'s. A segment rolls over at [`SEGMENT_BYTES`].
//!
//! # Durability
//! One writer thread owns the open segment. Appenders hand it their entry and wait; the
//! writer takes every entry waiting at that moment, writes them in one `write`, calls
//! `sync_data` once, and only then answers each appender. So an acknowledged batch is on
//! disk (sled's own flush is not relied on: it does not `fsync`), and fifty concurrent
//! pushes cost one sync, not fifty. After a new segment is created the directory is synced
//! too, so the file itself survives a power cut.
//!
//! # Recovery
//! At open every frame is checked. A torn tail of the *last* segment is what a crash
//! mid-write leaves; nothing in it was acknowledged, so it is cut off (with a warning).
//! Anything else that does not check out is damage ([`frames`] says how the two are told
//! apart): the server refuses to start, naming the segment and the offset, rather than
//! drop what may hold acknowledged batches; [`salvage`] keeps every intact frame.
//! A frame that checks out is handed to the caller as it is; one whose payload the caller
//! cannot read is the caller's to set aside, never a reason to stop.
//! If a write or sync fails the log stops accepting entries (after a failed `fsync` the
//! kernel may have dropped the pages, so retrying could acknowledge data that is gone).

pub mod copy;
pub mod frames;
pub mod salvage;

use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use tokio::sync::oneshot;

use crate::error::{Result, ServerError};

use frames::{End, FRAME_HEADER, MAX_ENTRY};

/// A segment is closed and a new one started past this size.
pub const SEGMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Where an entry lies in the log: its segment (named by its first entry number) and the
/// byte offset of its frame. Stable until the log is repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LogPosition {
    pub segment: u64,
    pub offset: u64,
}

impl std::fmt::Display for LogPosition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:020}.seg@{}", self.segment, self.offset)
    }
}

struct Append {
    payload: Vec<u8>,
    done: oneshot::Sender<Result<LogPosition>>,
}

/// Handle to the log; cheap to clone.
#[derive(Clone)]
pub struct BatchLog {
    tx: mpsc::Sender<Append>,
    poisoned: Arc<AtomicBool>,
    counters: Arc<Counters>,
}

/// Entries written and syncs made since the log was opened: their ratio is how many
/// appends each `fdatasync` served.
#[derive(Debug, Default)]
pub struct Counters {
    pub entries: AtomicU64,
    pub syncs: AtomicU64,
}

/// A snapshot of [`Counters`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogCounters {
    pub entries_written: u64,
    pub syncs: u64,
    /// Whether the log stopped accepting after a failed write or sync.
    #[serde(default)]
    pub stopped: bool,
}

/// Statistics of what was found at open.
#[derive(Debug, Default, Clone)]
pub struct Opened {
    pub entries: u64,
    pub truncated_bytes: u64,
}

/// The error that stops a start on a damaged log: where, what, and what to do.
fn damaged(path: &Path, d: &frames::Damage, len: u64) -> ServerError {
    ServerError::CorruptLog(format!(
        "{} is damaged at byte {} of {len}: {}. The server will not start, because the \
         damaged bytes may hold acknowledged batches. Keep a copy of the data directory, then \
         run `placer admin repair-log`: it keeps every intact frame and lists what was lost",
        path.display(),
        d.at,
        d.what
    ))
}

impl BatchLog {
    /// Opens (or creates) the log in `dir`, calling `visit` with every payload in order,
    /// its position and its size on disk, then starts the writer thread. A torn tail is
    /// cut; damage anywhere refuses to open.
    pub fn open(
        dir: &Path,
        mut visit: impl FnMut(&[u8], LogPosition, u64) -> Result<()>,
    ) -> Result<(Self, Opened)> {
        create_private_dir(dir)?;
        let mut segments = list_segments(dir)?;
        let mut opened = Opened::default();
        let mut next_index = 0u64;
        for (i, (first, path)) in segments.iter().enumerate() {
            let last = i + 1 == segments.len();
            let data = std::fs::read(path)?;
            let scan = frames::scan(&data, last);
            let keep = match &scan.end {
                End::Clean => data.len() as u64,
                End::Torn { at } => *at,
                End::Damaged(d) => return Err(damaged(path, d, data.len() as u64)),
            };
            for f in &scan.frames {
                let at = LogPosition {
                    segment: *first,
                    offset: f.offset,
                };
                visit(f.payload, at, (f.payload.len() + FRAME_HEADER) as u64)?;
            }
            if keep < data.len() as u64 {
                tracing::warn!(
                    segment = %path.display(),
                    kept = keep,
                    cut = data.len() as u64 - keep,
                    "cutting a torn tail off the batch log (a crash mid-write; never acknowledged)"
                );
                let f = OpenOptions::new().write(true).open(path)?;
                f.set_len(keep)?;
                f.sync_all()?;
                opened.truncated_bytes = data.len() as u64 - keep;
            }
            let count = scan.frames.len() as u64;
            opened.entries += count;
            next_index = first + count;
        }
        let current = match segments.pop() {
            Some((first, path)) => Segment::open_existing(&path, first)?,
            None => Segment::create(dir, 0)?,
        };
        let (tx, rx) = mpsc::channel::<Append>();
        let poisoned = Arc::new(AtomicBool::new(false));
        let counters = Arc::new(Counters::default());
        let writer = Writer {
            dir: dir.to_path_buf(),
            current,
            next_index,
            poisoned: poisoned.clone(),
            counters: counters.clone(),
        };
        std::thread::Builder::new()
            .name("batch-log".into())
            .spawn(move || writer.run(rx))?;
        Ok((
            Self {
                tx,
                poisoned,
                counters,
            },
            opened,
        ))
    }

    pub fn counters(&self) -> LogCounters {
        LogCounters {
            entries_written: self.counters.entries.load(Ordering::Relaxed),
            syncs: self.counters.syncs.load(Ordering::Relaxed),
            stopped: self.poisoned.load(Ordering::SeqCst),
        }
    }

    /// Appends a payload; the returned receiver resolves once it is on disk, with where.
    pub fn append(&self, payload: Vec<u8>) -> Result<oneshot::Receiver<Result<LogPosition>>> {
        if self.poisoned.load(Ordering::SeqCst) {
            return Err(ServerError::LogPoisoned);
        }
        if payload.len() > MAX_ENTRY {
            return Err(ServerError::Other(format!(
                "log entry of {} bytes is over the limit",
                payload.len()
            )));
        }
        let (done, rx) = oneshot::channel();
        self.tx
            .send(Append { payload, done })
            .map_err(|_| ServerError::LogPoisoned)?;
        Ok(rx)
    }

    /// Appends and waits until the payload is durable. Called from blocking threads only.
    pub fn append_durable_blocking(&self, payload: Vec<u8>) -> Result<LogPosition> {
        self.append(payload)?
            .blocking_recv()
            .map_err(|_| ServerError::LogPoisoned)?
    }
}

/// Creates a directory (and its parents) readable by the service's user alone.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)?;
    Ok(())
}

/// Refuses a data directory that group or others may read, write or enter: it holds every
/// record, the officers' password hashes and, while the server runs, the admin token.
/// Created owner-only, it can only have been opened up by hand (or by an older build).
pub fn refuse_shared_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(ServerError::Other(format!(
                "{} holds the registry's data but is open to other users (mode \
                 {mode:03o}): run `chmod 700 {}` and try again",
                dir.display(),
                dir.display()
            )));
        }
    }
    Ok(())
}

pub fn segment_path(dir: &Path, first: u64) -> PathBuf {
    dir.join(format!("{first:020}.seg"))
}

/// The segments of a log directory, in order: (first entry number, path).
pub fn list_segments(dir: &Path) -> Result<Vec<(u64, PathBuf)>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let path = e?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(num) = name.strip_suffix(".seg") {
            if let Ok(first) = num.parse::<u64>() {
                out.push((first, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Syncs a directory, so that files created or renamed in it survive a power cut.
pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)?.sync_all()?;
    Ok(())
}

struct Segment {
    file: File,
    first: u64,
    len: u64,
}

impl Segment {
    fn create(dir: &Path, first: u64) -> Result<Self> {
        let mut o = OpenOptions::new();
        o.create_new(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        let file = o.open(segment_path(dir, first))?;
        file.sync_all()?;
        // The new file's directory entry must be durable too.
        sync_dir(dir)?;
        Ok(Self {
            file,
            first,
            len: 0,
        })
    }

    fn open_existing(path: &Path, first: u64) -> Result<Self> {
        let mut file = OpenOptions::new().append(true).open(path)?;
        let len = file.seek(SeekFrom::End(0))?;
        Ok(Self { file, first, len })
    }
}

struct Writer {
    dir: PathBuf,
    current: Segment,
    next_index: u64,
    poisoned: Arc<AtomicBool>,
    counters: Arc<Counters>,
}

impl Writer {
    fn run(mut self, rx: mpsc::Receiver<Append>) {
        while let Ok(first) = rx.recv() {
            let mut group = vec![first];
            while let Ok(more) = rx.try_recv() {
                group.push(more);
            }
            let result = if self.poisoned.load(Ordering::SeqCst) {
                Err(ServerError::LogPoisoned)
            } else {
                self.write_group(&group)
            };
            match result {
                Ok(positions) => {
                    for (a, at) in group.into_iter().zip(positions) {
                        let _ = a.done.send(Ok(at));
                    }
                }
                Err(e) => {
                    if !self.poisoned.swap(true, Ordering::SeqCst) {
                        tracing::error!(error = %e, "batch log write failed; refusing every append until a restart");
                    }
                    for a in group {
                        let _ = a.done.send(Err(ServerError::LogPoisoned));
                    }
                }
            }
        }
    }

    fn write_group(&mut self, group: &[Append]) -> Result<Vec<LogPosition>> {
        let mut buf = Vec::new();
        let mut positions = Vec::with_capacity(group.len());
        for a in group {
            let frame_len = (FRAME_HEADER + a.payload.len()) as u64;
            if self.current.len > 0
                && self.current.len + buf.len() as u64 + frame_len > SEGMENT_BYTES
            {
                self.flush(&mut buf)?;
                self.sync()?;
                self.current = Segment::create(&self.dir, self.next_index)?;
            }
            positions.push(LogPosition {
                segment: self.current.first,
                offset: self.current.len + buf.len() as u64,
            });
            frames::encode_frame(&a.payload, &mut buf);
            self.next_index += 1;
        }
        self.flush(&mut buf)?;
        sync_protocol::failpoint::hit("log-before-sync");
        self.sync()?;
        self.counters
            .entries
            .fetch_add(group.len() as u64, Ordering::Relaxed);
        self.counters.syncs.fetch_add(1, Ordering::Relaxed);
        Ok(positions)
    }

    fn sync(&mut self) -> Result<()> {
        sync_protocol::failpoint::io_error("log-sync-fails")?;
        self.current.file.sync_data()?;
        Ok(())
    }

    fn flush(&mut self, buf: &mut Vec<u8>) -> Result<()> {
        if !buf.is_empty() {
            self.current.file.write_all(buf)?;
            self.current.len += buf.len() as u64;
            buf.clear();
        }
        Ok(())
    }
}

/// Logs written by a real writer, for the tests of this module and its parts.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A payload of `size` bytes of `n`.
    pub fn entry_of(n: u8, size: usize) -> Vec<u8> {
        vec![n; size]
    }

    /// A log holding `entries`, closed: its directory, its one segment and that segment's
    /// bytes.
    pub fn written(entries: &[Vec<u8>]) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let (log, _) = BatchLog::open(dir.path(), |_, _, _| Ok(())).unwrap();
        for e in entries {
            log.append_durable_blocking(e.clone()).unwrap();
        }
        drop(log);
        // The writer thread ends once its last sender is gone.
        std::thread::sleep(std::time::Duration::from_millis(50));
        let (_, seg) = list_segments(dir.path()).unwrap().pop().unwrap();
        let bytes = std::fs::read(&seg).unwrap();
        (dir, seg, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{entry_of, written};
    use super::*;

    fn entry(n: u8) -> Vec<u8> {
        entry_of(n, 100)
    }

    fn entries(ns: std::ops::RangeInclusive<u8>) -> Vec<Vec<u8>> {
        ns.map(entry).collect()
    }

    fn read_all(dir: &Path) -> Vec<Vec<u8>> {
        let mut seen = Vec::new();
        BatchLog::open(dir, |e, _, _| {
            seen.push(e.to_vec());
            Ok(())
        })
        .unwrap();
        seen
    }

    #[test]
    fn appends_are_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let (log, _) = BatchLog::open(dir.path(), |_, _, _| Ok(())).unwrap();
        for n in 0..5 {
            log.append_durable_blocking(entry(n)).unwrap();
        }
        assert_eq!(
            log.counters(),
            LogCounters {
                entries_written: 5,
                syncs: 5,
                stopped: false,
            },
            "one at a time, one sync each"
        );
        drop(log);
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert_eq!(read_all(dir.path()), (0..5).map(entry).collect::<Vec<_>>());
    }

    #[test]
    fn appends_waiting_together_share_one_sync() {
        let dir = tempfile::tempdir().unwrap();
        let (log, _) = BatchLog::open(dir.path(), |_, _, _| Ok(())).unwrap();
        // Queue twenty appends before waiting on any: the writer takes them as groups.
        let waits: Vec<_> = (0..20).map(|n| log.append(entry(n)).unwrap()).collect();
        for w in waits {
            w.blocking_recv().unwrap().unwrap();
        }
        let c = log.counters();
        assert_eq!(c.entries_written, 20);
        assert!(c.syncs < 20, "{c:?}");
    }

    #[test]
    fn a_torn_tail_is_cut_and_the_log_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let (log, _) = BatchLog::open(dir.path(), |_, _, _| Ok(())).unwrap();
        log.append_durable_blocking(entry(1)).unwrap();
        log.append_durable_blocking(entry(2)).unwrap();
        drop(log);
        let (_, seg) = list_segments(dir.path()).unwrap().pop().unwrap();
        let len = std::fs::metadata(&seg).unwrap().len();
        // A crash in the middle of writing the second frame.
        OpenOptions::new()
            .write(true)
            .open(&seg)
            .unwrap()
            .set_len(len - 10)
            .unwrap();
        let (log, opened) = BatchLog::open(dir.path(), |_, _, _| Ok(())).unwrap();
        assert_eq!(opened.entries, 1);
        assert!(opened.truncated_bytes > 0);
        log.append_durable_blocking(entry(3)).unwrap();
        drop(log);
        assert_eq!(read_all(dir.path()), vec![entry(1), entry(3)]);
    }

    /// Damage in the last segment, with intact frames after it, is not a torn tail: cutting
    /// there dropped hundreds of acknowledged batches. The log refuses to open, naming the
    /// segment and the offset, and changes nothing on disk.
    #[test]
    fn a_flipped_bit_mid_segment_refuses_to_open_and_cuts_nothing() {
        let (dir, seg, mut bytes) = written(&entries(1..=5));
        bytes[150] ^= 0x01;
        std::fs::write(&seg, &bytes).unwrap();
        let err = BatchLog::open(dir.path(), |_, _, _| Ok(()))
            .err()
            .expect("refused");
        let msg = err.to_string();
        assert!(matches!(err, ServerError::CorruptLog(_)), "{msg}");
        let frame = bytes.len() / 5;
        let hit = format!("byte {} of", 150 / frame * frame);
        assert!(
            msg.contains("00000000000000000000.seg") && msg.contains(&hit),
            "{msg}"
        );
        assert!(msg.contains("repair-log"), "{msg}");
        assert_eq!(std::fs::read(&seg).unwrap(), bytes, "nothing cut");
    }

    /// The newest acknowledged batch, its last bytes flipped: written whole, then changed.
    #[test]
    fn a_damaged_final_frame_refuses_to_open() {
        let (dir, seg, mut bytes) = written(&entries(1..=2));
        let n = bytes.len();
        for b in &mut bytes[n - 4..] {
            *b ^= 0xFF;
        }
        std::fs::write(&seg, &bytes).unwrap();
        assert!(matches!(
            BatchLog::open(dir.path(), |_, _, _| Ok(())),
            Err(ServerError::CorruptLog(_))
        ));
        assert_eq!(std::fs::read(&seg).unwrap(), bytes, "nothing cut");
    }

    #[test]
    fn a_flipped_bit_in_an_old_segment_refuses_to_start() {
        let (dir, seg, mut bytes) = written(&entries(1..=1));
        bytes[20] ^= 0xFF;
        std::fs::write(&seg, &bytes).unwrap();
        // A later segment makes the damaged one "not the last".
        Segment::create(dir.path(), 1).unwrap();
        assert!(matches!(
            BatchLog::open(dir.path(), |_, _, _| Ok(())),
            Err(ServerError::CorruptLog(_))
        ));
    }

    /// Any payload that checks out reaches the caller as written, with its place: what it
    /// means is the caller's business.
    #[test]
    fn every_payload_is_handed_over_as_written() {
        let (dir, seg, mut bytes) = written(&entries(1..=1));
        let first_len = bytes.len() as u64;
        frames::encode_frame(b"\x01not an entry", &mut bytes);
        std::fs::write(&seg, &bytes).unwrap();
        let (log, _) = BatchLog::open(dir.path(), |_, _, _| Ok(())).unwrap();
        log.append_durable_blocking(entry(2)).unwrap();
        drop(log);
        std::thread::sleep(std::time::Duration::from_millis(50));
        let mut seen = Vec::new();
        BatchLog::open(dir.path(), |e, at, _| {
            seen.push((e.to_vec(), at.offset));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[1], (b"\x01not an entry".to_vec(), first_len));
        assert_eq!(seen[0].0, entry(1));
        assert_eq!(seen[2].0, entry(2));
    }

    #[test]
    fn appends_report_where_they_landed() {
        let dir = tempfile::tempdir().unwrap();
        let (log, _) = BatchLog::open(dir.path(), |_, _, _| Ok(())).unwrap();
        let a = log.append_durable_blocking(entry(1)).unwrap();
        let b = log.append_durable_blocking(entry(2)).unwrap();
        drop(log);
        std::thread::sleep(std::time::Duration::from_millis(50));
        let mut seen = Vec::new();
        BatchLog::open(dir.path(), |_, at, _| {
            seen.push(at);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, vec![a, b]);
        assert_eq!(a.offset, 0);
    }
}
