//! Opening a sled 0.34 directory that a kill left with an unfinished snapshot.
//!
//! sled writes a snapshot as `snap.<lsn>.generating`, syncs it, then renames it to
//! `snap.<lsn>`. But when it opens, it lists every file whose name starts with `snap.`,
//! `.generating` ones included, sorts them and reads the last; a file of 12 bytes or less
//! (or one that fails its checksum) makes it refuse with "Read corrupted data", at every
//! open from then on. A process killed between the creation of the file and its first
//! write leaves exactly that: an empty newest snapshot, and a directory that never opens
//! again.
//!
//! An unrenamed snapshot was never completed, and one of 12 bytes or less holds no
//! snapshot at all: nothing refers to either. Removing them lets sled fall back to the
//! previous snapshot, or replay its own log from the start, which is what it does for a
//! directory that never wrote one. A snapshot that is whole but fails its checksum is left
//! alone: that is damage, not an interrupted write.

use std::path::{Path, PathBuf};

/// Whether sled failed to open because the directory's lock is held. sled reports it as
/// an error of kind `Other` wrapping the `WouldBlock` of `flock`.
fn lock_held(e: &sled::Error) -> bool {
    match e {
        sled::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().contains("could not acquire lock")
        }
        _ => false,
    }
}

/// Opens with `config`, waiting up to two seconds for the directory's lock: a handle of
/// this process just dropped releases it once sled's background threads end.
fn open_when_free(config: &sled::Config) -> sled::Result<sled::Db> {
    let mut waited = std::time::Duration::ZERO;
    let step = std::time::Duration::from_millis(20);
    loop {
        match config.clone().open() {
            Err(e) if lock_held(&e) && waited < std::time::Duration::from_secs(2) => {
                std::thread::sleep(step);
                waited += step;
            }
            other => return other,
        }
    }
}

/// Opens a sled directory with `config`; if that fails for any reason but the lock being
/// held, removes the unfinished snapshots and tries once more. Only after a failed open
/// with the lock free: sled takes its lock before it reads a snapshot, so no live process
/// is writing the files this removes.
pub fn open(config: sled::Config, dir: &Path) -> sled::Result<sled::Db> {
    match open_when_free(&config) {
        Err(e) if lock_held(&e) => Err(e),
        Err(first) => {
            if remove_unfinished_snapshots(dir)
                .map_err(sled::Error::Io)?
                .is_empty()
            {
                return Err(first);
            }
            open_when_free(&config)
        }
        ok => ok,
    }
}

/// The size under which sled reads a snapshot file as corrupt (its length and checksum
/// trailer alone take 12 bytes).
const EMPTY_SNAPSHOT: u64 = 12;

/// Removes the unfinished snapshots of the sled directory `dir` (which need not exist),
/// returning what it removed, each with a warning in the log.
pub fn remove_unfinished_snapshots(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut removed = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("snap.") {
            continue;
        }
        let unrenamed = name.ends_with(".generating");
        let empty = entry.metadata()?.len() <= EMPTY_SNAPSHOT;
        if unrenamed || empty {
            let path = entry.path();
            std::fs::remove_file(&path)?;
            tracing::warn!(
                file = %path.display(),
                why = if unrenamed { "never renamed: the write was interrupted" } else { "empty: the write was interrupted" },
                "removed an unfinished sled snapshot so that the directory opens"
            );
            removed.push(path);
        }
    }
    if !removed.is_empty() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sled directory with some data, flushed and closed: what it holds.
    fn sled_with_data(dir: &Path) -> Vec<(Vec<u8>, Vec<u8>)> {
        let db = sled::Config::new().path(dir).open().unwrap();
        let pairs: Vec<(Vec<u8>, Vec<u8>)> = (0u32..200)
            .map(|i| (i.to_be_bytes().to_vec(), vec![i as u8; 100]))
            .collect();
        for (k, v) in &pairs {
            db.insert(k, v.clone()).unwrap();
        }
        db.flush().unwrap();
        drop(db);
        // sled writes its snapshot when it opens a directory: reopen once to have one.
        drop(open_when_free(&sled::Config::new().path(dir)).unwrap());
        pairs
    }

    fn newest_snapshot(dir: &Path) -> PathBuf {
        let mut snaps: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("snap.")
            })
            .collect();
        snaps.sort();
        snaps.pop().expect("sled wrote a snapshot")
    }

    fn holds(dir: &Path, pairs: &[(Vec<u8>, Vec<u8>)]) {
        let db = open_when_free(&sled::Config::new().path(dir)).unwrap();
        for (k, v) in pairs {
            assert_eq!(db.get(k).unwrap().as_deref(), Some(&v[..]));
        }
    }

    /// Issue: a device killed 81 ms into a sync, between the creation of a snapshot file
    /// and its first write, never opened again ("Read corrupted data").
    #[test]
    fn an_empty_unrenamed_snapshot_no_longer_bricks_the_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let pairs = sled_with_data(tmp.path());
        let planted = tmp.path().join("snap.FFFFFFFFFFFFFFFF.generating");
        std::fs::write(&planted, b"").unwrap();
        let refused = open_when_free(&sled::Config::new().path(tmp.path()));
        assert!(
            refused.is_err_and(|e| !lock_held(&e)),
            "sled itself refuses such a directory"
        );
        assert!(open(sled::Config::new().path(tmp.path()), tmp.path()).is_ok());
        assert!(!planted.exists());
        holds(tmp.path(), &pairs);
    }

    #[test]
    fn an_empty_renamed_snapshot_is_removed_too() {
        let tmp = tempfile::tempdir().unwrap();
        let pairs = sled_with_data(tmp.path());
        let newest = newest_snapshot(tmp.path());
        std::fs::write(&newest, b"").unwrap();
        let refused = open_when_free(&sled::Config::new().path(tmp.path()));
        assert!(refused.is_err_and(|e| !lock_held(&e)));
        assert_eq!(
            remove_unfinished_snapshots(tmp.path()).unwrap(),
            vec![newest]
        );
        holds(tmp.path(), &pairs);
    }

    #[test]
    fn whole_snapshots_and_other_files_are_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let pairs = sled_with_data(tmp.path());
        newest_snapshot(tmp.path());
        let count = || std::fs::read_dir(tmp.path()).unwrap().count();
        let before = count();
        assert!(remove_unfinished_snapshots(tmp.path()).unwrap().is_empty());
        assert_eq!(count(), before);
        holds(tmp.path(), &pairs);
        let missing = tmp.path().join("not-there");
        assert!(remove_unfinished_snapshots(&missing).unwrap().is_empty());
    }
}
