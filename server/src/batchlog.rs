//! The batch log: the server's source of truth. Append-only, checksummed, segmented, and
//! `fdatasync`ed before anything it holds is acknowledged.
//!
//! # Format
//! `DIR/log/<first entry number, 20 digits>.seg` files, each a run of frames:
//! `[payload length: u32 LE][CRC-32 of payload: u32 LE][payload]`. A payload is one
//! [`LogEntry`] in the wire codec. A segment rolls over at [`SEGMENT_BYTES`].
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
//! At open every frame is checked. A torn or corrupt tail of the *last* segment is what a
//! crash mid-write leaves; nothing in it was acknowledged, so it is cut off (with a warning).
//! Damage anywhere else means lost acknowledged data: the server refuses to start.
//! If a write or sync fails the log stops accepting entries (after a failed `fsync` the
//! kernel may have dropped the pages, so retrying could acknowledge data that is gone).

use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use sync_protocol::batch::{Bytes, Digest, PublicKey};
use sync_protocol::clock::Hlc;
use sync_protocol::codec;
use tokio::sync::oneshot;
use uuid::Uuid;

use crate::error::{Result, ServerError};

/// A segment is closed and a new one started past this size.
pub const SEGMENT_BYTES: u64 = 64 * 1024 * 1024;
const FRAME_HEADER: usize = 8;
/// No single entry may be larger than this (a push body is capped well below it).
const MAX_ENTRY: usize = 64 * 1024 * 1024;

/// What the log records. Everything in sled is derived from these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LogEntry {
    /// An accepted batch: the push body exactly as received.
    Batch {
        received: Hlc,
        json: bool,
        body: Bytes,
    },
    /// A refused fork: another batch under a sequence number already taken. Kept as evidence.
    Fork {
        received: Hlc,
        json: bool,
        body: Bytes,
    },
    /// An administrative act.
    Admin {
        id: Uuid,
        at: Hlc,
        event: AdminEvent,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AdminEvent {
    /// A one-time enrolment code was issued. Only its digest is kept.
    CodeIssued {
        code: Digest,
        agent: String,
        regions: Vec<Uuid>,
        expires: Hlc,
    },
    /// A device enrolled with a code.
    Enrolled {
        code: Digest,
        device: Uuid,
        public_key: PublicKey,
        label: String,
    },
    /// A device was revoked; everything it sends from now on is refused.
    Revoked { device: Uuid, reason: String },
    /// The ministry issued a licence directly (not from a device).
    LicenceIssued {
        id: Uuid,
        region: Uuid,
        licence: sync_protocol::records::Licence,
    },
    /// An officer resolved an open flag, with a note.
    FlagResolved {
        key: crate::flags::FlagKey,
        by: String,
        note: String,
    },
    /// An officer account was created (the password only as its argon2id hash).
    UserAdded { user: crate::auth::User },
    /// Regions were imported (created, or changed where they differ).
    RegionsImported {
        regions: Vec<sync_protocol::records::Region>,
    },
    /// An export recorded at the ministry (not from a device), filed in `region`.
    ExportRecorded {
        id: Uuid,
        region: Uuid,
        export: sync_protocol::records::Export,
    },
    /// An exporter's declared stock on hand at a date (replacing any earlier declaration).
    OpeningStockDeclared {
        exporter: Uuid,
        as_of: sync_protocol::values::Day,
        carats: sync_protocol::values::Carats,
        by: String,
    },
    /// An officer set a region's reference footprint (replacing any earlier one).
    ReferenceFootprintSet {
        region: Uuid,
        source: crate::reports::reference::ReferenceSource,
        by: String,
    },
}

struct Append {
    payload: Vec<u8>,
    done: oneshot::Sender<Result<()>>,
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
}

/// Statistics of what was found at open.
#[derive(Debug, Default, Clone)]
pub struct Opened {
    pub entries: u64,
    pub truncated_bytes: u64,
}

impl BatchLog {
    /// Opens (or creates) the log in `dir`, calling `visit` with every entry in order, then
    /// starts the writer thread.
    pub fn open(
        dir: &Path,
        mut visit: impl FnMut(LogEntry, u64) -> Result<()>,
    ) -> Result<(Self, Opened)> {
        std::fs::create_dir_all(dir)?;
        let mut segments = list_segments(dir)?;
        let mut opened = Opened::default();
        let mut next_index = 0u64;
        for (i, (first, path)) in segments.iter().enumerate() {
            let last = i + 1 == segments.len();
            let (count, good_len, file_len) = scan_segment(path, |payload| {
                let entry: LogEntry = codec::decode(payload).map_err(|e| {
                    ServerError::CorruptLog(format!("{}: undecodable entry: {e}", path.display()))
                })?;
                visit(entry, (payload.len() + FRAME_HEADER) as u64)
            })?;
            if good_len < file_len {
                if !last {
                    return Err(ServerError::CorruptLog(format!(
                        "{} is damaged at byte {good_len} of {file_len}, and it is not the last segment",
                        path.display()
                    )));
                }
                tracing::warn!(
                    segment = %path.display(),
                    kept = good_len,
                    cut = file_len - good_len,
                    "cutting a torn tail off the batch log (never acknowledged)"
                );
                let f = OpenOptions::new().write(true).open(path)?;
                f.set_len(good_len)?;
                f.sync_all()?;
                opened.truncated_bytes = file_len - good_len;
            }
            opened.entries += count;
            next_index = first + count;
        }
        let current = match segments.pop() {
            Some((_, path)) => Segment::open_existing(&path)?,
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
        }
    }

    /// Appends an entry; the returned receiver resolves once it is on disk.
    pub fn append(&self, entry: &LogEntry) -> Result<oneshot::Receiver<Result<()>>> {
        if self.poisoned.load(Ordering::SeqCst) {
            return Err(ServerError::LogPoisoned);
        }
        let payload = codec::encode(entry)?;
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

    /// Appends and waits until the entry is durable. Called from blocking threads only.
    pub fn append_durable_blocking(&self, entry: &LogEntry) -> Result<()> {
        self.append(entry)?
            .blocking_recv()
            .map_err(|_| ServerError::LogPoisoned)?
    }
}

fn segment_path(dir: &Path, first: u64) -> PathBuf {
    dir.join(format!("{first:020}.seg"))
}

fn list_segments(dir: &Path) -> Result<Vec<(u64, PathBuf)>> {
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

/// Visits every intact frame of a segment. Returns (frames, length of the intact prefix,
/// file length).
fn scan_segment(
    path: &Path,
    mut visit: impl FnMut(&[u8]) -> Result<()>,
) -> Result<(u64, u64, u64)> {
    let mut data = Vec::new();
    File::open(path)?.read_to_end(&mut data)?;
    let mut at = 0usize;
    let mut count = 0u64;
    while data.len() - at >= FRAME_HEADER {
        let len = u32::from_le_bytes(data[at..at + 4].try_into().expect("4 bytes")) as usize;
        let crc = u32::from_le_bytes(data[at + 4..at + 8].try_into().expect("4 bytes"));
        let start = at + FRAME_HEADER;
        if len > MAX_ENTRY || data.len() - start < len {
            break;
        }
        let payload = &data[start..start + len];
        if crc32fast::hash(payload) != crc {
            break;
        }
        visit(payload)?;
        count += 1;
        at = start + len;
    }
    Ok((count, at as u64, data.len() as u64))
}

struct Segment {
    file: File,
    len: u64,
}

impl Segment {
    fn create(dir: &Path, first: u64) -> Result<Self> {
        let file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(segment_path(dir, first))?;
        file.sync_all()?;
        // The new file's directory entry must be durable too.
        File::open(dir)?.sync_all()?;
        Ok(Self { file, len: 0 })
    }

    fn open_existing(path: &Path) -> Result<Self> {
        let mut file = OpenOptions::new().append(true).open(path)?;
        let len = file.seek(SeekFrom::End(0))?;
        Ok(Self { file, len })
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
                Ok(()) => {
                    for a in group {
                        let _ = a.done.send(Ok(()));
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, "batch log write failed; refusing further appends");
                    self.poisoned.store(true, Ordering::SeqCst);
                    for a in group {
                        let _ = a.done.send(Err(ServerError::LogPoisoned));
                    }
                }
            }
        }
    }

    fn write_group(&mut self, group: &[Append]) -> Result<()> {
        let mut buf = Vec::new();
        for a in group {
            let frame_len = (FRAME_HEADER + a.payload.len()) as u64;
            if self.current.len > 0
                && self.current.len + buf.len() as u64 + frame_len > SEGMENT_BYTES
            {
                self.flush(&mut buf)?;
                self.current.file.sync_data()?;
                self.current = Segment::create(&self.dir, self.next_index)?;
            }
            buf.extend_from_slice(&(a.payload.len() as u32).to_le_bytes());
            buf.extend_from_slice(&crc32fast::hash(&a.payload).to_le_bytes());
            buf.extend_from_slice(&a.payload);
            self.next_index += 1;
        }
        self.flush(&mut buf)?;
        sync_protocol::failpoint::hit("log-before-sync");
        self.current.file.sync_data()?;
        self.counters
            .entries
            .fetch_add(group.len() as u64, Ordering::Relaxed);
        self.counters.syncs.fetch_add(1, Ordering::Relaxed);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: u8) -> LogEntry {
        LogEntry::Batch {
            received: Hlc::new(u64::from(n), 0),
            json: false,
            body: Bytes(vec![n; 100]),
        }
    }

    fn read_all(dir: &Path) -> Vec<LogEntry> {
        let mut seen = Vec::new();
        BatchLog::open(dir, |e, _| {
            seen.push(e);
            Ok(())
        })
        .unwrap();
        seen
    }

    #[test]
    fn appends_are_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let (log, _) = BatchLog::open(dir.path(), |_, _| Ok(())).unwrap();
        for n in 0..5 {
            log.append_durable_blocking(&entry(n)).unwrap();
        }
        assert_eq!(
            log.counters(),
            LogCounters {
                entries_written: 5,
                syncs: 5
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
        let (log, _) = BatchLog::open(dir.path(), |_, _| Ok(())).unwrap();
        // Queue twenty appends before waiting on any: the writer takes them as groups.
        let waits: Vec<_> = (0..20).map(|n| log.append(&entry(n)).unwrap()).collect();
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
        let (log, _) = BatchLog::open(dir.path(), |_, _| Ok(())).unwrap();
        log.append_durable_blocking(&entry(1)).unwrap();
        log.append_durable_blocking(&entry(2)).unwrap();
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
        let (log, opened) = BatchLog::open(dir.path(), |_, _| Ok(())).unwrap();
        assert_eq!(opened.entries, 1);
        assert!(opened.truncated_bytes > 0);
        log.append_durable_blocking(&entry(3)).unwrap();
        drop(log);
        assert_eq!(read_all(dir.path()), vec![entry(1), entry(3)]);
    }

    #[test]
    fn a_flipped_bit_in_an_old_segment_refuses_to_start() {
        let dir = tempfile::tempdir().unwrap();
        let (log, _) = BatchLog::open(dir.path(), |_, _| Ok(())).unwrap();
        log.append_durable_blocking(&entry(1)).unwrap();
        drop(log);
        let (_, seg) = list_segments(dir.path()).unwrap().pop().unwrap();
        let mut bytes = std::fs::read(&seg).unwrap();
        bytes[20] ^= 0xFF;
        std::fs::write(&seg, &bytes).unwrap();
        // A later segment makes the damaged one "not the last".
        Segment::create(dir.path(), 1).unwrap();
        assert!(matches!(
            BatchLog::open(dir.path(), |_, _| Ok(())),
            Err(ServerError::CorruptLog(_))
        ));
    }
}
