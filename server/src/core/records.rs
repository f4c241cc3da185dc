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
        Ok(stored)
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
        Ok(self.store.conflicts(after, limit, scope)?)
    }

    /// One page of the records filed in `region` and the regions below it, after `cursor`.
    pub fn region_changes(
        &self,
        officer: &Officer,
        region: Uuid,
        cursor: u64,
        limit: usize,
    ) -> Result<Pulled, ApiError> {
        officer.require_region(region)?;
        let regions = self.region_index().with_descendants(&[region]);
        Ok(self.store.pull(
            &regions,
            None,
            cursor,
            crate::store::PageLimit::changes(limit),
        )?)
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
