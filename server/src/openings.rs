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

use std::path::{Path, PathBuf};

use std::collections::HashMap;
use sync_protocol::merge::WriteId;
use sync_protocol::personal::{Opening, PersonalField};
use uuid::Uuid;

use crate::error::Result;
use crate::framefile::{FrameFile, Kept};

/// The openings file's extension.
const EXTENSION: &str = "open";

impl Kept for Opening {
    const EXTENSION: &'static str = EXTENSION;
    const WHAT: &'static str = "openings (personal values)";
}

/// The openings file (see the module documentation).
pub type Openings = FrameFile<Opening>;

pub fn openings_dir(data: &Path) -> PathBuf {
    data.join("openings")
}

/// The file of the newest generation in `dir`, if any (for a backup, which must not
/// change the directory of a running server).
pub fn newest_file(dir: &Path) -> Result<Option<PathBuf>> {
    crate::framefile::newest_file(dir, EXTENSION)
}

#[cfg(test)]
fn path_of(dir: &Path, generation: u64) -> PathBuf {
    crate::framefile::path_of(dir, EXTENSION, generation)
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
