//! A person's file: everything the registry holds about one miner, for the person who asks
//! to see it (a data subject's right of access, as data protection laws give it).

use super::*;
use sync_protocol::records::{AnyRecord, Collection, FactField, Holder, LicenceField, Seller};

/// Who answers a person's request: the administrators, for the ministry.
const PEOPLE_OFFICERS: &[Role] = &[Role::Admin];

/// Everything held about one miner.
#[derive(Debug, Serialize)]
pub struct PersonFile {
    pub miner: Uuid,
    pub made_at: Hlc,
    /// The registration: every field, every value it ever had and who wrote it when.
    pub registration: serde_json::Value,
    /// Licences the person holds or held.
    pub licences: Vec<serde_json::Value>,
    /// Site-days that name or named the person.
    pub productions: Vec<serde_json::Value>,
    /// Sales the person made (or that were recorded as theirs at some time).
    pub sales: Vec<serde_json::Value>,
    /// Flags about the person, their registration or their records.
    pub flags: Vec<crate::core::FlagView>,
    /// Photos of the person's registration (face, identity document): digest, kind, size,
    /// when received. The bytes themselves are served at `/photos/{digest}?record={id}`.
    pub photos: Vec<crate::core::PhotoView>,
}

/// A record as the file shows it: where it is filed and its whole history.
fn entry(collection: Collection, id: Uuid, r: &crate::store::StoredRecord) -> serde_json::Value {
    serde_json::json!({
        "collection": collection,
        "id": id,
        "region": r.region,
        "record": r.state.current_json(),
        "state": r.state,
    })
}

/// Whether any write of a fact's body satisfies `names`.
fn any_body<T>(
    state: &sync_protocol::merge::RecordState<FactField<T>>,
    names: impl Fn(&T) -> bool,
) -> bool {
    state.fields.get("body").is_some_and(|h| {
        h.writes.iter().any(|w| match &w.value {
            FactField::Body(b) => names(b),
            FactField::Void(_) => false,
        })
    })
}

impl Core {
    /// Everything held about miner `id` (administrators). Records that named the person at
    /// some time are included, with their whole history.
    pub fn person_file(&self, officer: &Officer, id: Uuid) -> Result<PersonFile, ApiError> {
        officer.require(PEOPLE_OFFICERS)?;
        let registration = self
            .store
            .record(Collection::Miner, id)?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no miner {id}")))?;
        let mut licences = Vec::new();
        for (lid, r) in self.store.records_in(Collection::Licence)? {
            let AnyRecord::Licence(s) = &r.state else {
                continue;
            };
            let held = s.fields.get("holder").is_some_and(|h| {
                h.writes
                    .iter()
                    .any(|w| matches!(&w.value, LicenceField::Holder(Holder::Miner(m)) if *m == id))
            });
            if held {
                licences.push(entry(Collection::Licence, lid, &r));
            }
        }
        let mut productions = Vec::new();
        let mut flagged = vec![id];
        for pid in self.store.productions_naming(id)? {
            if let Some(r) = self.store.record(Collection::Production, pid)? {
                if let AnyRecord::Production(s) = &r.state {
                    if any_body(s, |p| p.miner == Some(id)) {
                        productions.push(entry(Collection::Production, pid, &r));
                        flagged.push(pid);
                    }
                }
            }
        }
        let mut sales = Vec::new();
        for sid in self.store.sales_by(id)? {
            if let Some(r) = self.store.record(Collection::Sale, sid)? {
                if let AnyRecord::Sale(s) = &r.state {
                    if any_body(s, |sale| sale.seller == Seller::Miner(id)) {
                        sales.push(entry(Collection::Sale, sid, &r));
                        flagged.push(sid);
                    }
                }
            }
        }
        let mut flags = std::collections::BTreeMap::new();
        for record in flagged {
            for f in self.store.flags_of(record)? {
                if f.key.involves(id) || f.key.primary == record {
                    flags.insert(f.key, FlagView::from(&f));
                }
            }
        }
        tracing::info!(miner = %id, by = %officer.name, "person's file made");
        Ok(PersonFile {
            miner: id,
            made_at: self.now(),
            registration: entry(Collection::Miner, id, &registration),
            licences,
            productions,
            sales,
            flags: flags.into_values().collect(),
            photos: self.person_photos(id),
        })
    }
}

/// What an erasure did.
#[derive(Debug, Serialize)]
pub struct Erasure {
    pub miner: Uuid,
    /// Every personal value of the person, those to come included; else one field's
    /// earlier values (its current value stays).
    pub person: bool,
    pub field: Option<sync_protocol::personal::PersonalField>,
    /// The writes whose values were erased.
    pub erased: Vec<ErasedWrite>,
    /// Openings deleted from the openings file.
    pub openings_deleted: usize,
    /// Photos of the person (face, identity document) detached from the registration,
    /// and their files deleted (a file another record still holds stays).
    pub photos_removed: usize,
    pub photo_files_deleted: usize,
    /// Values erased from the derived state but still inside signed batches of the log:
    /// written by a client that did not seal them (see PRIVACY.md).
    pub still_in_log: usize,
    pub at: Hlc,
}

#[derive(Debug, Serialize)]
pub struct ErasedWrite {
    pub field: sync_protocol::personal::PersonalField,
    pub write: sync_protocol::merge::WriteId,
}

impl Core {
    /// Erases a person's values (administrators), for a data subject's request or a
    /// rectification: with no `field`, every personal value of the miner, now and to come;
    /// with a field, every earlier value of it, its current value staying. The openings are
    /// deleted from the openings file first, then the act is logged (naming writes, never a
    /// value) and applied: the values are erased from the derived state and the pull
    /// index, and every device that holds the record receives it erased at its next pull.
    pub fn erase_personal(
        &self,
        officer: &Officer,
        miner: Uuid,
        field: Option<sync_protocol::personal::PersonalField>,
        reason: &str,
    ) -> Result<Erasure, ApiError> {
        use sync_protocol::personal::PersonalField;
        use sync_protocol::records::MinerField;
        officer.require(PEOPLE_OFFICERS)?;
        let reason = sync_protocol::values::Reason::parse(reason.trim()).map_err(|e| {
            ApiError::new(
                ErrorCode::InvalidValue,
                format!("an erasure needs its reason (the request or the ruling): {e}"),
            )
        })?;
        let _g = lock(&self.personal_lock);
        // Held until the act is applied: a photo of the person whose last chunk arrives
        // meanwhile is either deleted here or dropped as the erased person's.
        let _uploads = lock(&self.uploads_lock);
        let stored = self
            .store
            .record(Collection::Miner, miner)?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no miner {miner}")))?;
        let AnyRecord::Miner(state) = &stored.state else {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no miner {miner}"),
            ));
        };
        let mut writes = Vec::new();
        // Values open in the derived state: each was either opened (its opening is in the
        // file) or signed in the clear by a client that does not seal (an empty optional
        // value is signed as it is by every client, and holds nothing).
        let mut open = std::collections::HashSet::new();
        for f in field.map_or(PersonalField::ALL.to_vec(), |f| vec![f]) {
            let Some(history) = state.fields.get(f.name()) else {
                continue;
            };
            let current = history.winner().map(|w| w.id);
            for w in &history.writes {
                let keep = field.is_some() && Some(w.id) == current;
                if keep || matches!(w.value, MinerField::Erased(_)) {
                    continue;
                }
                let empty = matches!(
                    w.value,
                    MinerField::NationalId(None)
                        | MinerField::Phone(None)
                        | MinerField::Cooperative(None)
                );
                if !empty && !matches!(w.value, MinerField::Sealed(_)) {
                    open.insert((f, w.id));
                }
                writes.push((f, w.id));
            }
        }
        let person = field.is_none();
        if writes.is_empty() && (!person || self.store.person_erased(miner)?) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                match field {
                    Some(f) => {
                        format!("nothing to erase: the {f} of miner {miner} has no earlier value")
                    }
                    None => format!("nothing to erase: miner {miner} is erased already"),
                },
            ));
        }
        let named: std::collections::HashSet<(PersonalField, sync_protocol::merge::WriteId)> =
            writes.iter().copied().collect();
        let deleted = std::cell::RefCell::new(std::collections::HashSet::new());
        let openings_deleted = self.openings.rewrite(|o| {
            let of = PersonalField::of(&o.value).map(|f| (f, o.write));
            let erased = o.record == miner && (person || of.is_some_and(|k| named.contains(&k)));
            if erased {
                deleted.borrow_mut().extend(of);
            }
            !erased
        })?;
        let still_in_log = open.difference(&deleted.borrow()).count();
        // The person's photos go with their values; a rectification of one field keeps them.
        let (photos_removed, photo_files_deleted) = if person {
            self.erase_person_photos(miner)?
        } else {
            (0, 0)
        };
        let at = self.admin_event(AdminEvent::PersonalErased {
            miner,
            person,
            writes: writes.clone(),
            reason: reason.to_string(),
            by: officer.name.clone(),
        })?;
        tracing::info!(
            miner = %miner,
            by = %officer.name,
            person,
            field = field.map(PersonalField::name),
            values = writes.len(),
            openings_deleted,
            photos_removed,
            photo_files_deleted,
            still_in_log,
            "personal values erased"
        );
        Ok(Erasure {
            miner,
            person,
            field,
            erased: writes
                .into_iter()
                .map(|(field, write)| ErasedWrite { field, write })
                .collect(),
            openings_deleted,
            photos_removed,
            photo_files_deleted,
            still_in_log,
            at,
        })
    }
}
