//! Regions: the index of their boundaries, their import, their listing.

use super::*;

impl Core {
    pub fn region_index(&self) -> Arc<RegionIndex> {
        self.regions
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Imports regions of one level (and parent), each a name and a boundary. A region's id
    /// follows from its level, parent and name, so importing the same file again changes
    /// nothing, and a corrected boundary replaces the old one.
    pub fn import_regions(
        &self,
        officer: &Officer,
        level: RegionLevel,
        parent: Option<Uuid>,
        items: Vec<(String, Vec<Polygon>)>,
    ) -> Result<ImportReport, ApiError> {
        officer.require(ADMIN)?;
        if let Some(p) = parent {
            let index = self.region_index();
            let parent_level = index.get(p).map(|r| r.level).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidValue,
                    format!("no region {p} to import under"),
                )
            })?;
            if parent_level >= level {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    format!("a {level:?} cannot sit under a {parent_level:?}"),
                ));
            }
        }
        let mut regions = Vec::with_capacity(items.len());
        let mut seen = std::collections::HashSet::new();
        for (name, boundary) in items {
            let name = Text::parse(name)?;
            if boundary.is_empty() {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    format!("{name} has no boundary"),
                ));
            }
            let id = region_id(level, parent, name.as_str());
            if !seen.insert(id) {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    format!("two regions named {name} at this level and parent"),
                ));
            }
            regions.push(Region {
                id,
                name,
                level,
                parent,
                boundary,
            });
        }
        let _g = lock(&self.admin_lock);
        let before: std::collections::HashMap<Uuid, Region> = self
            .store
            .regions()?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let mut report = ImportReport::default();
        for r in &regions {
            match before.get(&r.id) {
                None => report.created += 1,
                Some(old) if old == r => report.unchanged += 1,
                Some(_) => report.changed += 1,
            }
            report.regions.push(ImportedRegion {
                id: r.id,
                name: r.name.to_string(),
            });
        }
        if report.created + report.changed > 0 {
            self.admin_event(AdminEvent::RegionsImported { regions })?;
            let index = RegionIndex::from_regions(&self.store.regions()?);
            *self.regions.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(index);
        }
        tracing::info!(
            created = report.created,
            changed = report.changed,
            unchanged = report.unchanged,
            "regions imported"
        );
        Ok(report)
    }

    /// The imported regions, without boundaries. Every officer may list them: a region's
    /// name and place are no secret, what is filed there is.
    pub fn regions(&self, _officer: &Officer) -> Result<Vec<RegionSummary>, ApiError> {
        Ok(self
            .store
            .regions()?
            .into_iter()
            .map(|r| RegionSummary {
                id: r.id,
                name: r.name.to_string(),
                level: r.level,
                parent: r.parent,
            })
            .collect())
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub created: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub regions: Vec<ImportedRegion>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ImportedRegion {
    pub id: Uuid,
    pub name: String,
}

/// A region without its boundary, for listings.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RegionSummary {
    pub id: Uuid,
    pub name: String,
    pub level: RegionLevel,
    pub parent: Option<Uuid>,
}

/// A region's id: a hash of its level, parent and name, so that re-imports find it.
pub fn region_id(level: RegionLevel, parent: Option<Uuid>, name: &str) -> Uuid {
    let mut text = format!("placer region\0{level:?}\0");
    text.push_str(&parent.map(|p| p.to_string()).unwrap_or_default());
    text.push('\0');
    text.push_str(name);
    let d = Digest::of(text.as_bytes());
    let bytes: [u8; 16] = d.0[..16].try_into().expect("16 of 32 bytes");
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}
