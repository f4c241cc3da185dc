//! Reading records as an officer: one record with its history, the records with conflicts,
//! a region's records page by page, and the regions the officer may read. The scope is
//! applied here, never by the front end.

use super::*;
use crate::store::{ConflictItem, Pulled, StoredRecord};
use sync_protocol::records::Collection;

impl Core {
    /// One record, if the officer's scope holds the region it is filed in.
    pub fn record(
        &self,
        officer: &Officer,
        collection: Collection,
        id: Uuid,
    ) -> Result<StoredRecord, ApiError> {
        let stored = self.store.record(collection, id)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no {} {id}", collection.name()),
            )
        })?;
        officer.require_region(stored.region)?;
        let mut stored = stored;
        crate::privacy::redact(officer.role, &mut stored.state);
        Ok(stored)
    }

    /// The site-days recorded on a licence that the officer may read: those filed in
    /// their scope whose current body names the licence, voided ones included; after the
    /// licence itself is checked as [`Core::record`] checks it.
    pub fn licence_productions(
        &self,
        officer: &Officer,
        licence: Uuid,
    ) -> Result<Vec<(Uuid, StoredRecord)>, ApiError> {
        use sync_protocol::records::{fact_body, AnyRecord};
        self.record(officer, Collection::Licence, licence)?;
        let mut out = Vec::new();
        for id in self.store.productions_on(licence)? {
            let Some(mut r) = self.store.record(Collection::Production, id)? else {
                continue;
            };
            let names_it = match &r.state {
                AnyRecord::Production(s) => fact_body(s).is_some_and(|p| p.licence == licence),
                _ => false,
            };
            if names_it && officer.can_read(r.region) {
                crate::privacy::redact(officer.role, &mut r.state);
                out.push((id, r));
            }
        }
        Ok(out)
    }

    /// Records with conflicts, in key order after `after`; a regional officer's only those
    /// filed in their regions.
    pub fn conflicts(
        &self,
        officer: &Officer,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<ConflictItem>, ApiError> {
        let scope = (officer.role == Role::RegionalOfficer).then_some(officer.regions.as_slice());
        let mut page = self.store.conflicts(after, limit, scope)?;
        // A miner's conflicts are over personal fields: what the role reads of them.
        for item in page
            .items
            .iter_mut()
            .filter(|i| i.collection == Collection::Miner)
        {
            if let Some(mut r) = self.store.record(Collection::Miner, item.record)? {
                crate::privacy::redact(officer.role, &mut r.state);
                item.conflicts = r.state.conflicts_json();
            }
        }
        page.items.retain(|i| !i.conflicts.is_empty());
        Ok(page)
    }

    /// One page of the records filed in `region` and the regions below it, after `cursor`.
    pub fn region_changes(
        &self,
        officer: &Officer,
        region: Uuid,
        cursor: u64,
        limit: usize,
    ) -> Result<Pulled, ApiError> {
        self.changes_filed_in(officer, region, true, cursor, limit)
    }

    /// One page of the records filed in `region` itself, not in a region below it, after
    /// `cursor` (what a country's page lists beside its districts' figures).
    pub fn region_own_changes(
        &self,
        officer: &Officer,
        region: Uuid,
        cursor: u64,
        limit: usize,
    ) -> Result<Pulled, ApiError> {
        self.changes_filed_in(officer, region, false, cursor, limit)
    }

    fn changes_filed_in(
        &self,
        officer: &Officer,
        region: Uuid,
        below_too: bool,
        cursor: u64,
        limit: usize,
    ) -> Result<Pulled, ApiError> {
        officer.require_region(region)?;
        let regions = if below_too {
            self.region_index().with_descendants(&[region])
        } else {
            vec![region]
        };
        let mut page = self.store.pull(
            &regions,
            None,
            cursor,
            crate::store::PageLimit::changes(limit),
        )?;
        for c in &mut page.changes {
            crate::privacy::redact(officer.role, &mut c.state);
        }
        Ok(page)
    }

    /// The imported regions the officer may read, with their boundaries.
    pub fn readable_regions(&self, officer: &Officer) -> Result<Vec<Region>, ApiError> {
        Ok(self
            .store
            .regions()?
            .into_iter()
            .filter(|r| officer.can_read(r.id))
            .collect())
    }

    /// The regions the officer may read that have figures in the rollups.
    pub fn regions_with_figures(&self, officer: &Officer) -> Result<Vec<Uuid>, ApiError> {
        Ok(self
            .store
            .cell_regions()?
            .into_iter()
            .filter(|r| officer.can_read(*r))
            .collect())
    }
}
