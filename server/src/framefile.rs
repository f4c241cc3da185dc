//! A small file of records kept outside the batch log and erasable: the openings of
//! personal values ([`crate::openings`]) and the index of photos ([`crate::photos`]).
//!
//! A directory holds one file, `<generation>.<extension>`, of frames as the batch log lays
//! them down (`[length][CRC-32][payload]`, the payload one value in the wire codec). A value
//! is appended and synced before anything relies on it. Removing values writes the next
//! generation without them, syncs it, renames it into place and deletes the old file: no
//! earlier generation is left to read. The file is private to the service's user (0600
//! from its creation, in a 0700 directory), like the log.

use std::fs::File;
use std::io::Write;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::de::DeserializeOwned;
use serde::Serialize;
use sync_protocol::codec;

use crate::batchlog::{create_private_dir, frames, sync_dir};
use crate::error::{Result, ServerError};

/// A value kept in a [`FrameFile`]: its file's extension, and what it is called in the
/// server's log when its file is damaged.
pub trait Kept: Serialize + DeserializeOwned {
    const EXTENSION: &'static str;
    const WHAT: &'static str;
}

pub struct FrameFile<T: Kept> {
    dir: PathBuf,
    file: Mutex<Current>,
    kept: PhantomData<fn() -> T>,
}

struct Current {
    generation: u64,
    file: File,
}

pub(crate) fn path_of(dir: &Path, extension: &str, generation: u64) -> PathBuf {
    dir.join(format!("{generation:020}.{extension}"))
}

/// Opens (creating it 0600 if need be) a file for appending and reading.
pub(crate) fn create_private(path: &Path) -> Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.create(true).append(true).read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    Ok(o.open(path)?)
}

/// The generations of files of `extension` in `dir`, oldest first.
fn generations(dir: &Path, extension: &str) -> Result<Vec<u64>> {
    let suffix = format!(".{extension}");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let path = e?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(g) = name
            .strip_suffix(&suffix)
            .and_then(|g| g.parse::<u64>().ok())
        {
            out.push(g);
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// The file of the newest generation in `dir`, if any (for a backup, which must not
/// change the directory of a running server).
pub fn newest_file(dir: &Path, extension: &str) -> Result<Option<PathBuf>> {
    if !dir.is_dir() {
        return Ok(None);
    }
    Ok(generations(dir, extension)?
        .last()
        .map(|g| path_of(dir, extension, *g)))
}

impl<T: Kept> FrameFile<T> {
    /// Opens the newest generation, removing older ones an interrupted rewrite left.
    pub fn open(dir: &Path) -> Result<Self> {
        create_private_dir(dir)?;
        let unfinished = format!(".{}.new", T::EXTENSION);
        for e in std::fs::read_dir(dir)? {
            let path = e?.path();
            if path.to_string_lossy().ends_with(&unfinished) {
                // A rewrite cut short before its rename: the old generation stands.
                std::fs::remove_file(&path)?;
            }
        }
        let generations = generations(dir, T::EXTENSION)?;
        let generation = generations.last().copied().unwrap_or(1);
        for &old in &generations[..generations.len().saturating_sub(1)] {
            std::fs::remove_file(path_of(dir, T::EXTENSION, old))?;
        }
        let path = path_of(dir, T::EXTENSION, generation);
        let file = create_private(&path)?;
        // A crash mid-append leaves a torn frame at the end, never relied on: cut it, so
        // that the next append does not land behind it.
        let bytes = std::fs::read(&path)?;
        if let frames::End::Torn { at } = frames::scan(&bytes, true).end {
            tracing::warn!(file = %path.display(), at, cut = bytes.len() as u64 - at, "torn end of a kept file cut");
            file.set_len(at)?;
            file.sync_all()?;
        }
        sync_dir(dir)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            file: Mutex::new(Current { generation, file }),
            kept: PhantomData,
        })
    }

    fn current(&self) -> std::sync::MutexGuard<'_, Current> {
        self.file.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn path(&self, generation: u64) -> PathBuf {
        path_of(&self.dir, T::EXTENSION, generation)
    }

    /// Appends values and syncs them.
    pub fn append(&self, values: &[T]) -> Result<()> {
        let mut bytes = Vec::new();
        for v in values {
            frames::encode_frame(&codec::encode(v)?, &mut bytes);
        }
        let mut c = self.current();
        c.file.write_all(&bytes)?;
        c.file.sync_data()?;
        Ok(())
    }

    /// Every value kept. A frame that does not check out or decode is left out and
    /// reported: it never stops the server.
    pub fn all(&self) -> Result<Vec<T>> {
        let c = self.current();
        self.read_locked(&c)
    }

    fn read_locked(&self, c: &Current) -> Result<Vec<T>> {
        let path = self.path(c.generation);
        let bytes = std::fs::read(&path)?;
        let (found, lost) = frames::salvage(&bytes);
        for range in &lost {
            tracing::error!(
                file = %path.display(),
                from = range.start,
                to = range.end,
                "{} file damaged: what it held there is lost (restore it from a backup)",
                T::WHAT
            );
        }
        let mut out = Vec::with_capacity(found.len());
        for f in found {
            match codec::decode::<T>(f.payload) {
                Ok(v) => out.push(v),
                Err(e) => {
                    tracing::error!(error = %e, what = T::WHAT, "a kept value that does not decode is left out")
                }
            }
        }
        Ok(out)
    }

    /// Writes the next generation with only the values `keep` accepts, and drops the
    /// current one. Returns how many were removed.
    pub fn rewrite(&self, mut keep: impl FnMut(&T) -> bool) -> Result<usize> {
        let mut c = self.current();
        let all = self.read_locked(&c)?;
        let next = c.generation + 1;
        let tmp = self.dir.join(format!("{next:020}.{}.new", T::EXTENSION));
        let mut bytes = Vec::new();
        let mut removed = 0;
        for v in &all {
            if keep(v) {
                frames::encode_frame(&codec::encode(v)?, &mut bytes);
            } else {
                removed += 1;
            }
        }
        {
            let mut f = create_private(&tmp)?;
            f.set_len(0)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
        }
        let path = self.path(next);
        std::fs::rename(&tmp, &path)?;
        sync_dir(&self.dir)?;
        let old = self.path(c.generation);
        *c = Current {
            generation: next,
            file: create_private(&path)?,
        };
        std::fs::remove_file(&old).map_err(|e| {
            ServerError::Other(format!("the old {} file {}: {e}", T::WHAT, old.display()))
        })?;
        sync_dir(&self.dir)?;
        Ok(removed)
    }
}
