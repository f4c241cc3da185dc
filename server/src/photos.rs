//! Photos and documents from the field, in `DATA/photos/`, outside the batch log: a photo
//! of a person is a person's data, and must be erasable (PRIVACY.md).
//!
//! ```text
//! photos/partial/<digest>.part   an upload under way, bytes contiguous from 0
//! photos/complete/<digest>       a whole file whose SHA-256 is its name
//! photos/index/<generation>.att  the attachments: which record holds which photo
//! ```
//!
//! Files are content-addressed, so one photo attached to several records is kept once. A
//! partial file becomes complete by a rename, after its digest checks out. The index
//! ([`Attachment`] frames in a [`FrameFile`]) is truth beside the log, like the openings:
//! a rebuild of the derived state from the log does not touch it. It is held in memory
//! (about 120 bytes an attachment). Every directory is 0700 and every file 0600 from its
//! creation. The rules (which kind fits which record, where an upload resumes) are pure,
//! in `sync_protocol::photo`; `core::photos` applies them.

use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use sync_protocol::api::PhotoKind;
use sync_protocol::batch::Digest;
use sync_protocol::clock::Hlc;
use sync_protocol::records::Collection;
use uuid::Uuid;

use crate::batchlog::{create_private_dir, sync_dir};
use crate::error::Result;
use crate::framefile::{create_private, FrameFile, Kept};

/// A partial upload untouched this long is removed at start-up: a handset that lost it
/// starts again from 0 (the empty chunk tells it so).
pub const PARTIAL_MAX_AGE: Duration = Duration::from_secs(7 * 86_400);

/// One photo attached to one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub record: Uuid,
    pub collection: Collection,
    pub kind: PhotoKind,
    pub digest: Digest,
    pub bytes: u64,
    /// The device that uploaded it.
    pub device: Uuid,
    pub received_at: Hlc,
}

impl Kept for Attachment {
    const EXTENSION: &'static str = "att";
    const WHAT: &'static str = "photo index";
}

pub fn photos_dir(data: &Path) -> PathBuf {
    data.join("photos")
}

/// The index's newest file under a photos directory, if any (for a backup, which must not
/// change the directory of a running server).
pub fn newest_index_file(dir: &Path) -> Result<Option<PathBuf>> {
    crate::framefile::newest_file(&dir.join("index"), Attachment::EXTENSION)
}

pub struct Photos {
    partial: PathBuf,
    complete: PathBuf,
    index: FrameFile<Attachment>,
    attachments: Mutex<Vec<Attachment>>,
}

impl Photos {
    /// Opens `dir`, creating it, and removes partial uploads older than `max_age`.
    pub fn open(dir: &Path, max_age: Duration) -> Result<Self> {
        create_private_dir(dir)?;
        let partial = dir.join("partial");
        let complete = dir.join("complete");
        create_private_dir(&partial)?;
        create_private_dir(&complete)?;
        let index = FrameFile::<Attachment>::open(&dir.join("index"))?;
        let attachments = Mutex::new(index.all()?);
        let photos = Self {
            partial,
            complete,
            index,
            attachments,
        };
        let swept = photos.sweep(max_age)?;
        if swept > 0 {
            tracing::info!(
                swept,
                "partial photo uploads older than their limit removed"
            );
        }
        Ok(photos)
    }

    fn partial_path(&self, digest: &Digest) -> PathBuf {
        self.partial.join(format!("{}.part", digest.to_hex()))
    }

    fn complete_path(&self, digest: &Digest) -> PathBuf {
        self.complete.join(digest.to_hex())
    }

    /// Removes partial uploads last written more than `max_age` ago; returns how many.
    pub fn sweep(&self, max_age: Duration) -> Result<usize> {
        let now = SystemTime::now();
        let mut removed = 0;
        for e in std::fs::read_dir(&self.partial)? {
            let e = e?;
            let modified = e.metadata()?.modified()?;
            if now.duration_since(modified).unwrap_or_default() > max_age {
                std::fs::remove_file(e.path())?;
                removed += 1;
            }
        }
        if removed > 0 {
            sync_dir(&self.partial)?;
        }
        Ok(removed)
    }

    /// Whether the whole file of `digest` is kept.
    pub fn is_complete(&self, digest: &Digest) -> bool {
        self.complete_path(digest).is_file()
    }

    /// Bytes held of an upload under way (0 when none).
    pub fn received(&self, digest: &Digest) -> Result<u64> {
        match std::fs::metadata(self.partial_path(digest)) {
            Ok(m) => Ok(m.len()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(e.into()),
        }
    }

    /// `len` bytes of an upload under way from `offset` (within what is held).
    pub fn held(&self, digest: &Digest, offset: u64, len: usize) -> Result<Vec<u8>> {
        let mut f = std::fs::File::open(self.partial_path(digest))?;
        f.seek(SeekFrom::Start(offset))?;
        let mut out = vec![0; len];
        f.read_exact(&mut out)?;
        Ok(out)
    }

    /// Appends a chunk to an upload and syncs it (the caller has checked that it starts
    /// where the held bytes end, under its lock).
    pub fn append(&self, digest: &Digest, bytes: &[u8]) -> Result<()> {
        let path = self.partial_path(digest);
        let new = !path.exists();
        let mut f = create_private(&path)?;
        f.write_all(bytes)?;
        f.sync_data()?;
        if new {
            sync_dir(&self.partial)?;
        }
        Ok(())
    }

    /// The upload's whole bytes (at most a photo's limit).
    pub fn partial_bytes(&self, digest: &Digest) -> Result<Vec<u8>> {
        match std::fs::read(self.partial_path(digest)) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }

    /// Moves a whole, checked upload among the complete files.
    pub fn complete(&self, digest: &Digest) -> Result<()> {
        std::fs::rename(self.partial_path(digest), self.complete_path(digest))?;
        sync_dir(&self.complete)?;
        sync_dir(&self.partial)?;
        Ok(())
    }

    /// Drops an upload under way (its digest did not check out).
    pub fn discard(&self, digest: &Digest) -> Result<()> {
        match std::fs::remove_file(self.partial_path(digest)) {
            Ok(()) => sync_dir(&self.partial),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// A complete file's bytes, if kept.
    pub fn read(&self, digest: &Digest) -> Result<Option<Vec<u8>>> {
        match std::fs::read(self.complete_path(digest)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn attachments(&self) -> std::sync::MutexGuard<'_, Vec<Attachment>> {
        self.attachments.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Attaches a complete photo to a record, durably; the same photo of the same kind
    /// attached to the same record again changes nothing. Returns whether it was new.
    pub fn attach(&self, a: Attachment) -> Result<bool> {
        let mut all = self.attachments();
        let same =
            |b: &Attachment| b.record == a.record && b.kind == a.kind && b.digest == a.digest;
        if all.iter().any(same) {
            return Ok(false);
        }
        self.index.append(std::slice::from_ref(&a))?;
        all.push(a);
        Ok(true)
    }

    /// The photos attached to a record, oldest first.
    pub fn of_record(&self, record: Uuid) -> Vec<Attachment> {
        self.attachments()
            .iter()
            .filter(|a| a.record == record)
            .cloned()
            .collect()
    }

    /// Removes the attachments `remove` picks (the index's next generation without them),
    /// then deletes every file no attachment left names. Returns the attachments removed
    /// and the files deleted.
    pub fn detach(&self, remove: impl Fn(&Attachment) -> bool) -> Result<(Vec<Attachment>, usize)> {
        let mut all = self.attachments();
        let removed: Vec<Attachment> = all.iter().filter(|a| remove(a)).cloned().collect();
        if removed.is_empty() {
            return Ok((removed, 0));
        }
        self.index.rewrite(|a| !remove(a))?;
        all.retain(|a| !remove(a));
        let still: HashSet<Digest> = all.iter().map(|a| a.digest).collect();
        let mut deleted = 0;
        let gone: HashSet<Digest> = removed
            .iter()
            .map(|a| a.digest)
            .filter(|d| !still.contains(d))
            .collect();
        for d in gone {
            match std::fs::remove_file(self.complete_path(&d)) {
                Ok(()) => deleted += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        sync_dir(&self.complete)?;
        Ok((removed, deleted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attachment(record: u128, kind: PhotoKind, digest: Digest) -> Attachment {
        Attachment {
            record: Uuid::from_u128(record),
            collection: Collection::Miner,
            kind,
            digest,
            bytes: 4,
            device: Uuid::from_u128(9),
            received_at: Hlc::new(1, 0),
        }
    }

    fn upload(p: &Photos, bytes: &[u8]) -> Digest {
        let d = Digest::of(bytes);
        p.append(&d, &bytes[..2]).unwrap();
        assert_eq!(p.received(&d).unwrap(), 2);
        p.append(&d, &bytes[2..]).unwrap();
        assert_eq!(p.held(&d, 1, 2).unwrap(), bytes[1..3].to_vec());
        assert_eq!(p.partial_bytes(&d).unwrap(), bytes);
        p.complete(&d).unwrap();
        d
    }

    #[test]
    fn a_file_attached_elsewhere_outlives_one_detachment_and_the_index_survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let p = Photos::open(dir.path(), PARTIAL_MAX_AGE).unwrap();
        let face = upload(&p, &[0xFF, 0xD8, 0xFF, 1]);
        let doc = upload(&p, &[0xFF, 0xD8, 0xFF, 2]);
        assert!(p.is_complete(&face) && p.received(&face).unwrap() == 0);
        assert!(p
            .attach(attachment(1, PhotoKind::MinerPhoto, face))
            .unwrap());
        assert!(!p
            .attach(attachment(1, PhotoKind::MinerPhoto, face))
            .unwrap());
        p.attach(attachment(1, PhotoKind::IdentityDocument, doc))
            .unwrap();
        p.attach(attachment(2, PhotoKind::MinerPhoto, doc)).unwrap();
        let (removed, deleted) = p.detach(|a| a.record == Uuid::from_u128(1)).unwrap();
        assert_eq!((removed.len(), deleted), (2, 1));
        assert!(!p.is_complete(&face) && p.is_complete(&doc));
        drop(p);
        let p = Photos::open(dir.path(), PARTIAL_MAX_AGE).unwrap();
        assert_eq!(p.of_record(Uuid::from_u128(1)), vec![]);
        assert_eq!(
            p.of_record(Uuid::from_u128(2)),
            vec![attachment(2, PhotoKind::MinerPhoto, doc)]
        );
        assert_eq!(p.read(&doc).unwrap().unwrap(), vec![0xFF, 0xD8, 0xFF, 2]);
    }

    #[test]
    fn old_partial_uploads_are_swept_and_a_discarded_one_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let p = Photos::open(dir.path(), PARTIAL_MAX_AGE).unwrap();
        let d = Digest::of(b"x");
        p.append(&d, &[0xFF]).unwrap();
        assert_eq!(p.sweep(PARTIAL_MAX_AGE).unwrap(), 0);
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(p.sweep(Duration::from_millis(10)).unwrap(), 1);
        assert_eq!(p.received(&d).unwrap(), 0);
        p.append(&d, &[0xFF]).unwrap();
        p.discard(&d).unwrap();
        assert_eq!(p.received(&d).unwrap(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn photos_are_private_to_the_service_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("photos");
        let p = Photos::open(&root, PARTIAL_MAX_AGE).unwrap();
        let d = upload(&p, &[0xFF, 0xD8, 0xFF, 3]);
        p.attach(attachment(1, PhotoKind::MinerPhoto, d)).unwrap();
        p.append(&Digest::of(b"y"), &[0xFF]).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        for sub in ["", "partial", "complete", "index"] {
            assert_eq!(mode(&root.join(sub)), 0o700, "{sub}");
        }
        for d in ["partial", "complete", "index"] {
            for f in std::fs::read_dir(root.join(d)).unwrap() {
                assert_eq!(mode(&f.unwrap().path()), 0o600);
            }
        }
    }
}
