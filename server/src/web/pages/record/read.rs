//! Everything a record's page shows, read in one go on a blocking thread: the record as
//! the officer may read it, its flags, a licence's site-days, and the names of every id
//! they hold.

use std::collections::BTreeSet;

use sync_protocol::records::Collection;
use uuid::Uuid;

use crate::auth::Officer;
use crate::core::{Core, FlagView, PhotoView};
use crate::error::ApiError;
use crate::store::StoredRecord;

use super::names::{ids_in, Names};

pub struct Read {
    pub stored: StoredRecord,
    pub flags: Vec<FlagView>,
    /// A licence's site-days (with where each is filed); empty for other kinds.
    pub productions: Vec<(Uuid, StoredRecord)>,
    pub names: Names,
    /// The record's photos the officer may see.
    pub photos: Vec<PhotoView>,
}

/// The ids a record's writes hold (in their values, and the regions they file it in).
fn ids_of(stored: &StoredRecord, ids: &mut BTreeSet<Uuid>) {
    ids.insert(stored.region);
    sync_protocol::with_state!(&stored.state, s => {
        for w in s.fields.values().flat_map(|h| &h.writes) {
            ids.insert(w.region);
            if let Ok(v) = serde_json::to_value(&w.value) {
                ids_in(&v, ids);
            }
        }
    });
}

pub fn read(
    core: &Core,
    officer: &Officer,
    collection: Collection,
    id: Uuid,
) -> Result<Read, ApiError> {
    let stored = core.record(officer, collection, id)?;
    let productions = match collection {
        Collection::Licence => core.licence_productions(officer, id)?,
        _ => Vec::new(),
    };
    let flags = core.flags_about(officer, id)?;
    let photos = core.record_photos(officer, collection, id)?;
    let mut ids = BTreeSet::new();
    ids_of(&stored, &mut ids);
    for (_, p) in &productions {
        ids.insert(p.region);
        if let Some(v) = p.state.current_json() {
            ids_in(&v, &mut ids);
        }
    }
    // The record names itself: its own page needs no lookup of it.
    ids.remove(&id);
    let names = Names::read(core, officer, &ids, true)?;
    Ok(Read {
        stored,
        flags,
        productions,
        names,
        photos,
    })
}
