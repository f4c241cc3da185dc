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
        })
    }
}
