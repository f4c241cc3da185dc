//! Gold's fineness: assays of gold sales recorded at the ministry, and the assayed sales
//! the reports count.

use super::*;
use crate::reports::gold::{AssayRecord, AssayedSale, Fineness};

/// Who records an assay: the ministry's national roles (the assay office reports to them).
const ASSAYERS: &[Role] = &[Role::Admin, Role::NationalOfficer, Role::ExportMonitor];

impl Core {
    /// Records the fineness of a gold sale by assay (replacing any earlier assay of the
    /// sale), and who assayed it.
    pub fn assay_gold(
        &self,
        officer: &Officer,
        sale: Uuid,
        fineness: Fineness,
        assayer: &str,
    ) -> Result<AssayRecord, ApiError> {
        use sync_protocol::records::{fact_body, void_reason, AnyRecord, Collection};
        use sync_protocol::values::Mineral;
        officer.require(ASSAYERS)?;
        let invalid = |m: String| ApiError::new(ErrorCode::InvalidValue, m);
        let assayer = sync_protocol::values::Text::parse(assayer)
            .map_err(|e| invalid(format!("assayer: {e}")))?;
        if assayer.as_str().trim().is_empty() {
            return Err(invalid("assayer: name who assayed the gold".into()));
        }
        let stored = self.store.record(Collection::Sale, sale)?;
        let body = match stored.as_ref().map(|r| &r.state) {
            Some(AnyRecord::Sale(s)) if void_reason(s).is_none() => fact_body(s),
            _ => None,
        };
        match body {
            None => {
                return Err(invalid(format!(
                    "{sale} is not a recorded sale (or it was voided)"
                )))
            }
            Some(s) if s.mineral != Mineral::Gold => {
                return Err(invalid(format!(
                    "{sale} is a sale of diamonds: only gold is assayed for fineness"
                )))
            }
            Some(_) => {}
        }
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::GoldAssayed {
            sale,
            fineness_tenths: fineness.tenths(),
            assayer: assayer.to_string(),
            by: officer.name.clone(),
        })?;
        tracing::info!(%sale, %fineness, by = %officer.name, "gold assayed");
        self.store
            .assays()?
            .into_iter()
            .find(|a| a.sale == sale)
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the assay was not kept"))
    }

    /// Every assayed gold sale that still stands (a sale voided or corrected to diamonds
    /// after its assay no longer counts), with where it is filed and its month.
    pub(super) fn assayed_sales(&self) -> Result<Vec<AssayedSale>, ApiError> {
        use sync_protocol::records::{fact_body, void_reason, AnyRecord, Collection};
        use sync_protocol::values::Mineral;
        let index = self.region_index();
        let mut out = Vec::new();
        for a in self.store.assays()? {
            let Some(stored) = self.store.record(Collection::Sale, a.sale)? else {
                continue;
            };
            let AnyRecord::Sale(s) = &stored.state else {
                continue;
            };
            let Some(sale) = fact_body(s).filter(|_| void_reason(s).is_none()) else {
                continue;
            };
            if sale.mineral != Mineral::Gold {
                continue;
            }
            out.push(AssayedSale {
                lineage: index.lineage(stored.region),
                month: crate::reports::rollup::month_of(sale.date),
                milligrams: crate::reports::rollup::gold_milligrams(
                    i64::try_from(sale.carats.hundredths()).unwrap_or(i64::MAX),
                ),
                fineness: a.fineness,
            });
        }
        Ok(out)
    }
}
