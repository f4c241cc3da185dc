//! Records written at the ministry rather than from a device (a licence issued).

use super::*;

impl Core {
    /// Issues a licence at the ministry (buyers, exporters, or a claim surveyed by the
    /// cadastre). Unlike a device's batch, a direct call can be refused: a mining licence
    /// needs a valid area. Filed under the region of its area, or the region given.
    pub fn issue_licence(
        &self,
        officer: &Officer,
        licence: Licence,
        region: Option<Uuid>,
    ) -> Result<IssuedRecord, ApiError> {
        officer.require(&[Role::Admin, Role::NationalOfficer])?;
        let located = match &licence.area {
            Some(area) => {
                crate::geo::validate_licence_area(area).map_err(|e| {
                    ApiError::new(ErrorCode::InvalidValue, format!("licence area: {e}"))
                })?;
                use ::geo::Centroid;
                crate::geo::polygon_to_geo(area)
                    .centroid()
                    .and_then(|c| self.region_index().locate(c.x(), c.y()))
            }
            None if crate::flags::is_mining_licence(licence.kind) => {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    "a mining licence (artisanal permit, claim, cooperative) needs its area",
                ))
            }
            None => None,
        };
        let region = located.or(region).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidValue,
                "give the licence's region, or an area inside an imported region",
            )
        })?;
        if licence.expires < licence.issued {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "the licence expires before it is issued",
            ));
        }
        let number = licence.number.to_string();
        let issued = self.write_at_ministry(region, |id| AdminEvent::LicenceIssued {
            id,
            region,
            licence,
        })?;
        tracing::info!(licence = %issued.id, %number, by = %officer.name, "licence issued");
        Ok(issued)
    }

    /// Logs and applies a record the ministry writes (not a device), under a new id.
    pub(super) fn write_at_ministry(
        &self,
        region: Uuid,
        event: impl FnOnce(Uuid) -> AdminEvent,
    ) -> Result<IssuedRecord, ApiError> {
        let id = Uuid::now_v7();
        let _g = lock(&self.admin_lock);
        self.admin_event(event(id))?;
        Ok(IssuedRecord { id, region })
    }
}

/// A record written at the ministry (a licence issued, an export recorded).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct IssuedRecord {
    pub id: Uuid,
    pub region: Uuid,
}
