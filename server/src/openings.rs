//! The openings of personal values (`sync_protocol::personal`), kept apart from the batch
//! log so that an erasure can remove a value for good while every batch still verifies.
//!
//! `DATA/openings/` holds one file, `<generation>.open`, of frames as the batch log lays
//! them down (`[length][CRC-32][payload]`, the payload an [`Opening`] in the wire codec).
//! An opening is appended and synced before the derived state takes it, so the file is,
//! with the log, what the derived state is rebuilt from. An erasure writes the next
//! generation without the erased values, syncs it, renames it into place and deletes the
//! old file: no earlier generation is left to read. Where the openings were taken among
//! the log's entries is in the log (`LogEntry::Opened`, naming the values, not holding
//! them), so a rebuild takes them at the same point.
//!
//! The file is private to the service's user (0600 in a 0700 directory), like the log.
//! What a file system keeps of deleted blocks is outside a program's reach: a deployment
//! that must answer for it puts the data directory on an encrypted volume (SECURITY.md).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use std::collections::HashMap;
use sync_protocol::codec;
use sync_protocol::merge::WriteId;
use sync_protocol::personal::{Opening, PersonalField};
use uuid::Uuid;

use crate::batchlog::{create_private_dir, frames, sync_dir};
use crate::error::{Result, ServerError};

pub struct Openings {
    dir: PathBuf,
    file: Mutex<Current>,
}

struct Current {
    generation: u64,
    file: File,
    len: u64,
}

fn path_of(dir: &Path, generation: u64) -> PathBuf {
    dir.join(format!("{generation:020}.open"))
}

fn create_private(path: &Path) -> Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.create(true).append(true).read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    Ok(o.open(path)?)
}

pub fn openings_dir(data: &Path) -> PathBuf {
    data.join("openings")
}

/// The generations of openings files in `dir`, oldest first.
fn generations(dir: &Path) -> Result<Vec<u64>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let path = e?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(g) = name
            .strip_suffix(".open")
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
pub fn newest_file(dir: &Path) -> Result<Option<PathBuf>> {
    if !dir.is_dir() {
        return Ok(None);
    }
    Ok(generations(dir)?.last().map(|g| path_of(dir, *g)))
}

impl Openings {
    /// Opens the newest generation, removing older ones an interrupted erasure left.
    pub fn open(dir: &Path) -> Result<Self> {
        create_private_dir(dir)?;
        for e in std::fs::read_dir(dir)? {
            let path = e?.path();
            if path.to_string_lossy().ends_with(".open.new") {
                // An erasure cut short before its rename: the old generation stands.
                std::fs::remove_file(&path)?;
            }
        }
        let generations = generations(dir)?;
        let generation = generations.last().copied().unwrap_or(1);
        for &old in &generations[..generations.len().saturating_sub(1)] {
            std::fs::remove_file(path_of(dir, old))?;
        }
        let path = path_of(dir, generation);
        let file = create_private(&path)?;
        // A crash mid-append leaves a torn frame at the end, never acknowledged: cut it, so
        // that the next append does not land behind it.
        let bytes = std::fs::read(&path)?;
        if let frames::End::Torn { at } = frames::scan(&bytes, true).end {
            tracing::warn!(file = %path.display(), at, cut = bytes.len() as u64 - at, "torn end of the openings file cut");
            file.set_len(at)?;
            file.sync_all()?;
        }
        let len = file.metadata()?.len();
        sync_dir(dir)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            file: Mutex::new(Current {
                generation,
                file,
                len,
            }),
        })
    }

    fn current(&self) -> std::sync::MutexGuard<'_, Current> {
        self.file.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Appends openings and syncs them.
    pub fn append(&self, openings: &[Opening]) -> Result<()> {
        let mut bytes = Vec::new();
        for o in openings {
            frames::encode_frame(&codec::encode(o)?, &mut bytes);
        }
        let mut c = self.current();
        c.file.write_all(&bytes)?;
        c.file.sync_data()?;
        c.len += bytes.len() as u64;
        Ok(())
    }

    /// Every opening kept. A frame that does not check out or decode is left out and
    /// reported: it never stops the server.
    pub fn all(&self) -> Result<Vec<Opening>> {
        let c = self.current();
        self.read_locked(&c)
    }

    fn read_locked(&self, c: &Current) -> Result<Vec<Opening>> {
        let bytes = std::fs::read(path_of(&self.dir, c.generation))?;
        let (found, lost) = frames::salvage(&bytes);
        for range in &lost {
            tracing::error!(
                file = %path_of(&self.dir, c.generation).display(),
                from = range.start,
                to = range.end,
                "openings file damaged: the personal values there are lost (restore them from a backup)"
            );
        }
        let mut out = Vec::with_capacity(found.len());
        for f in found {
            match codec::decode::<Opening>(f.payload) {
                Ok(o) => out.push(o),
                Err(e) => {
                    tracing::error!(error = %e, "an opening that does not decode is left out")
                }
            }
        }
        Ok(out)
    }

    /// Writes the next generation with only the openings `keep` accepts, and drops the
    /// current one. Returns how many were removed.
    pub fn rewrite(&self, keep: impl Fn(&Opening) -> bool) -> Result<usize> {
        let mut c = self.current();
        let all = self.read_locked(&c)?;
        let next = c.generation + 1;
        let tmp = self.dir.join(format!("{next:020}.open.new"));
        let mut bytes = Vec::new();
        let mut removed = 0;
        for o in &all {
            if keep(o) {
                frames::encode_frame(&codec::encode(o)?, &mut bytes);
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
        let path = path_of(&self.dir, next);
        std::fs::rename(&tmp, &path)?;
        sync_dir(&self.dir)?;
        let old = path_of(&self.dir, c.generation);
        *c = Current {
            generation: next,
            file: create_private(&path)?,
            len: bytes.len() as u64,
        };
        std::fs::remove_file(&old).map_err(|e| {
            ServerError::Other(format!(
                "the erased openings' old file {}: {e}",
                old.display()
            ))
        })?;
        sync_dir(&self.dir)?;
        Ok(removed)
    }
}

/// The openings kept, by the value each opens: what a replay of the log takes at each
/// `LogEntry::Opened`. It holds every opening in memory, about 200 bytes each.
pub struct Index(HashMap<(Uuid, PersonalField, WriteId), Opening>);

impl Index {
    pub fn of(openings: &Openings) -> Result<Self> {
        let mut map = HashMap::new();
        for o in openings.all()? {
            if let Some(field) = PersonalField::of(&o.value) {
                map.insert((o.record, field, o.write), o);
            }
        }
        Ok(Self(map))
    }

    /// The openings of these values that are kept (an erased value's is not).
    pub fn find(&self, values: &[(Uuid, PersonalField, WriteId)]) -> Vec<Opening> {
        values
            .iter()
            .filter_map(|k| self.0.get(k).cloned())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sync_protocol::clock::Hlc;
    use sync_protocol::personal::Salt;
    use sync_protocol::records::MinerField;
    use sync_protocol::values::PersonName;

    fn opening(n: u128, name: &str) -> Opening {
        Opening {
            record: Uuid::from_u128(n),
            write: WriteId {
                stamp: Hlc::new(1, 0),
                device: Uuid::from_u128(9),
            },
            salt: Salt([n as u8; 16]),
            value: MinerField::Names(PersonName::parse(name).unwrap()),
        }
    }

    #[test]
    fn an_erasure_leaves_no_file_holding_the_value() {
        let dir = tempfile::tempdir().unwrap();
        let store = Openings::open(dir.path()).unwrap();
        store.append(&[opening(1, "Awa Kamara")]).unwrap();
        store.append(&[opening(2, "Sia Conteh")]).unwrap();
        assert_eq!(store.all().unwrap().len(), 2);

        let removed = store.rewrite(|o| o.record != Uuid::from_u128(1)).unwrap();
        assert_eq!(removed, 1);
        let mut held = Vec::new();
        for e in std::fs::read_dir(dir.path()).unwrap() {
            held.extend(std::fs::read(e.unwrap().path()).unwrap());
        }
        let contains = |needle: &[u8]| held.windows(needle.len()).any(|w| w == needle);
        assert!(!contains(b"Awa Kamara"));
        assert!(contains(b"Sia Conteh"));
        assert_eq!(store.all().unwrap(), vec![opening(2, "Sia Conteh")]);

        drop(store);
        let again = Openings::open(dir.path()).unwrap();
        again.append(&[opening(3, "Musa Bangura")]).unwrap();
        assert_eq!(
            again.all().unwrap(),
            vec![opening(2, "Sia Conteh"), opening(3, "Musa Bangura")]
        );
    }

    #[test]
    fn a_torn_or_damaged_file_keeps_its_intact_openings_and_opens() {
        let dir = tempfile::tempdir().unwrap();
        let store = Openings::open(dir.path()).unwrap();
        store
            .append(&[opening(1, "Awa Kamara"), opening(2, "Sia Conteh")])
            .unwrap();
        drop(store);
        let path = path_of(dir.path(), 1);
        let whole = std::fs::read(&path).unwrap();
        // Torn: cut at the next open, and what follows is read.
        let mut torn = whole.clone();
        torn.extend_from_slice(&[7, 0, 0]);
        std::fs::write(&path, torn).unwrap();
        let store = Openings::open(dir.path()).unwrap();
        store.append(&[opening(3, "Musa Bangura")]).unwrap();
        assert_eq!(store.all().unwrap().len(), 3);
        drop(store);
        // Damaged: the first opening is lost, the others read.
        let mut damaged = whole;
        damaged[12] ^= 0xff;
        std::fs::write(&path, damaged).unwrap();
        let store = Openings::open(dir.path()).unwrap();
        assert_eq!(store.all().unwrap(), vec![opening(2, "Sia Conteh")]);
    }

    #[cfg(unix)]
    #[test]
    fn the_openings_are_private_to_the_service_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("openings");
        let store = Openings::open(&sub).unwrap();
        store.append(&[opening(1, "Awa Kamara")]).unwrap();
        store.rewrite(|_| true).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&sub), 0o700);
        assert_eq!(mode(&path_of(&sub, 2)), 0o600);
    }
}
