//! Export monitoring: exporters ranked, one exporter's evidence, exports recorded at the
//! ministry, declared opening stocks.

use super::*;

impl Core {
    /// Export monitoring over months `from..=to`, with the exporters by licence id (admin,
    /// national officer, export monitor: exports are national, not regional).
    pub fn export_monitoring(
        &self,
        officer: &Officer,
        from: i32,
        to: i32,
    ) -> Result<
        (
            crate::reports::exports::Monitoring,
            BTreeMap<Uuid, crate::export_monitor::Exporter>,
        ),
        ApiError,
    > {
        let (m, g) = self.monitor_exports(officer, from, to)?;
        Ok((m, g.exporters))
    }

    pub(super) fn monitor_exports(
        &self,
        officer: &Officer,
        from: i32,
        to: i32,
    ) -> Result<
        (
            crate::reports::exports::Monitoring,
            crate::export_monitor::Gathered,
        ),
        ApiError,
    > {
        officer.require(EXPORT_READERS)?;
        let mut g = crate::export_monitor::gather(self.store.as_ref(), &self.region_index())?;
        // A miner who sold is read by id by the roles that do not read people's names.
        if !crate::privacy::sees_names(officer.role) {
            for (p, _) in g
                .purchases
                .iter_mut()
                .filter(|(p, _)| p.seller_kind == "miner")
            {
                p.seller_name = None;
            }
        }
        let exports: Vec<_> = g.exports.iter().map(|(_, f)| f.clone()).collect();
        let purchases: Vec<_> = g.purchases.iter().map(|(_, f)| f.clone()).collect();
        let m = crate::reports::exports::monitor(
            &exports,
            &purchases,
            &g.sold,
            &g.openings,
            from,
            to,
            crate::reports::exports::Thresholds::default(),
            |regions, from, to| self.footprint_of_regions(regions, from, to),
        );
        Ok((m, g))
    }

    /// The licensed dealers' stock balances per quarter over months `from..=to`, with the
    /// dealers by licence id: every dealer for the national roles, a regional officer's
    /// own regions' dealers for them.
    pub fn dealer_balances(
        &self,
        officer: &Officer,
        from: i32,
        to: i32,
    ) -> Result<
        (
            Vec<crate::reports::exports::ExporterQuarter>,
            BTreeMap<Uuid, crate::export_monitor::Exporter>,
        ),
        ApiError,
    > {
        let store = self.store.as_ref();
        let dealers = crate::export_monitor::dealers(store, |r| officer.can_read(r))?;
        let (mut purchases, mut sold) = (Vec::new(), Vec::new());
        for &d in dealers.keys() {
            purchases.extend(
                crate::export_monitor::purchases_by(store, d)?
                    .into_iter()
                    .map(|(_, f)| f),
            );
            sold.extend(crate::export_monitor::sold_by(store, d)?);
        }
        let openings: Vec<_> = store
            .opening_stocks()?
            .iter()
            .map(crate::reports::exports::OpeningStock::of)
            .collect();
        let ids: Vec<Uuid> = dealers.keys().copied().collect();
        let rows = crate::reports::dealers::dealer_balances(
            &ids,
            &purchases,
            &sold,
            &openings,
            from,
            to,
            crate::reports::exports::Thresholds::default(),
        );
        Ok((rows, dealers))
    }

    /// One exporter's evidence over months `from..=to`: its quarters, exports, purchases,
    /// the parcels' footprint against its sources', and the reasons it ranks where it does.
    pub fn exporter_detail(
        &self,
        officer: &Officer,
        exporter: Uuid,
        from: i32,
        to: i32,
    ) -> Result<ExporterDetail, ApiError> {
        let (m, g) = self.monitor_exports(officer, from, to)?;
        let info = g.exporters.get(&exporter).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no exporter licence {exporter} and no export names it"),
            )
        })?;
        let in_period = |month: i32| (from..=to).contains(&month);
        Ok(ExporterDetail {
            from,
            to,
            exporter: info.clone(),
            quarters: m
                .quarters
                .iter()
                .filter(|q| q.exporter == exporter)
                .cloned()
                .collect(),
            exports: g
                .exports
                .iter()
                .filter(|(l, f)| l.exporter == exporter && in_period(f.month))
                .map(|(l, _)| l.clone())
                .collect(),
            purchases: g
                .purchases
                .iter()
                .filter(|(l, f)| l.exporter == exporter && in_period(f.month))
                .map(|(l, _)| l.clone())
                .collect(),
            footprint: m
                .footprints
                .iter()
                .find(|f| f.exporter == exporter)
                .cloned(),
            reasons: m
                .ranking
                .iter()
                .find(|r| r.exporter == exporter)
                .map(|r| r.reasons.clone()),
        })
    }

    /// The production footprint of `regions` (each counted once: a region inside another
    /// listed one is left out, its stones are in its ancestor's cells).
    pub(super) fn footprint_of_regions(
        &self,
        regions: &[Uuid],
        from: i32,
        to: i32,
    ) -> crate::reports::footprint::Footprint {
        let index = self.region_index();
        let mut f = crate::reports::footprint::Footprint::default();
        for &r in regions {
            let covered = crate::reports::reference::nearest(
                r,
                |x| index.get(x).and_then(|s| s.parent),
                |x| {
                    Ok::<_, std::convert::Infallible>(
                        (x != r && regions.contains(&x)).then_some(()),
                    )
                },
                index.len(),
            );
            if matches!(covered, Ok(Some(()))) {
                continue;
            }
            if let Ok(part) = self.footprint_of(r, from, to) {
                let _ = f.merge(&part);
            }
        }
        f
    }

    /// Records an export at the ministry (admin, national officer, export monitor). The
    /// exporter's licence must be a registered exporter licence; the export is filed in
    /// the licence's region and checked like one from a device.
    pub fn record_export(
        &self,
        officer: &Officer,
        export: sync_protocol::records::Export,
    ) -> Result<IssuedRecord, ApiError> {
        officer.require(EXPORT_READERS)?;
        let region = self.exporter_region(export.exporter)?;
        if let sync_protocol::values::Parcel::Stones(stones) = &export.parcel {
            let sum: u64 = stones.iter().map(|c| c.hundredths()).sum();
            let carats = export.carats.hundredths();
            // Stones weighed one by one add up to the parcel's weight to within 1 %.
            if sum.abs_diff(carats) * 100 > carats {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    format!(
                        "the parcel's stones weigh {} ct, the export {} ct",
                        crate::reports::hundredths(sum as i64),
                        crate::reports::hundredths(carats as i64)
                    ),
                ));
            }
        }
        let certificate = export.certificate.to_string();
        let recorded = self.write_at_ministry(region, |id| AdminEvent::ExportRecorded {
            id,
            region,
            export,
        })?;
        tracing::info!(export = %recorded.id, %certificate, by = %officer.name, "export recorded");
        Ok(recorded)
    }

    /// Declares an exporter's stock on hand at a date (replacing any earlier declaration).
    pub fn declare_opening_stock(
        &self,
        officer: &Officer,
        exporter: Uuid,
        as_of: sync_protocol::values::Day,
        carats: sync_protocol::values::Carats,
    ) -> Result<crate::store::OpeningStockRecord, ApiError> {
        officer.require(EXPORT_READERS)?;
        self.trader_region(exporter)?;
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::OpeningStockDeclared {
            exporter,
            as_of,
            carats,
            by: officer.name.clone(),
        })?;
        tracing::info!(%exporter, %carats, by = %officer.name, "opening stock declared");
        self.store
            .opening_stocks()?
            .into_iter()
            .find(|o| o.exporter == exporter)
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the declaration was not kept"))
    }

    /// Records the government valuator's value of an export's parcel and the duty paid on
    /// it (replacing any earlier valuation of that export).
    pub fn value_export(
        &self,
        officer: &Officer,
        export: Uuid,
        valuation: sync_protocol::values::UsdCents,
        duty: sync_protocol::values::UsdCents,
    ) -> Result<crate::reports::exports::ValuationRecord, ApiError> {
        officer.require(EXPORT_READERS)?;
        let live = self
            .store
            .record(sync_protocol::records::Collection::Export, export)?
            .is_some_and(|r| crate::export_monitor::live_export(&r).is_some());
        if !live {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!("{export} is not a recorded export (or it was voided)"),
            ));
        }
        if valuation.cents() == 0 {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "a valuation of zero is not a valuation",
            ));
        }
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::ExportValued {
            export,
            valuation,
            duty,
            by: officer.name.clone(),
        })?;
        tracing::info!(%export, %valuation, %duty, by = %officer.name, "export valued");
        self.store
            .valuations()?
            .into_iter()
            .find(|v| v.export == export)
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the valuation was not kept"))
    }

    /// Records the purchases an export's parcel comes from, as its exporter declares them
    /// (replacing any earlier citation of that export). Each must be a sale recorded to the
    /// export's exporter, and none may be cited by another export: a stone is exported once.
    pub fn cite_purchases(
        &self,
        officer: &Officer,
        export: Uuid,
        purchases: Vec<Uuid>,
    ) -> Result<crate::reports::exports::CitationRecord, ApiError> {
        use sync_protocol::records::Collection;
        officer.require(EXPORT_READERS)?;
        let invalid = |m: String| ApiError::new(ErrorCode::InvalidValue, m);
        let stored = self.store.record(Collection::Export, export)?;
        let Some(e) = stored.as_ref().and_then(crate::export_monitor::live_export) else {
            return Err(invalid(format!(
                "{export} is not a recorded export (or it was voided)"
            )));
        };
        if purchases.is_empty() || purchases.len() > 10_000 {
            return Err(invalid("cite from 1 to 10,000 purchases".into()));
        }
        let mut seen = std::collections::HashSet::new();
        for p in &purchases {
            if !seen.insert(*p) {
                return Err(invalid(format!("purchase {p} is cited twice")));
            }
            let to_exporter = self
                .store
                .record(Collection::Sale, *p)?
                .as_ref()
                .and_then(crate::export_monitor::live_sale)
                .is_some_and(|s| s.buyer == e.exporter);
            if !to_exporter {
                return Err(invalid(format!(
                    "{p} is not a sale recorded to the export's exporter {}",
                    e.exporter
                )));
            }
        }
        let _g = lock(&self.admin_lock);
        for other in self.store.citations()? {
            if other.export == export {
                continue;
            }
            if let Some(p) = other.purchases.iter().find(|p| seen.contains(p)) {
                return Err(ApiError::new(
                    ErrorCode::AlreadyExists,
                    format!("purchase {p} is already cited by export {}", other.export),
                ));
            }
        }
        self.admin_event(AdminEvent::PurchasesCited {
            export,
            purchases,
            by: officer.name.clone(),
        })?;
        tracing::info!(%export, by = %officer.name, "purchases cited");
        self.store
            .citations()?
            .into_iter()
            .find(|c| c.export == export)
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the citation was not kept"))
    }

    /// Records rough diamonds imported into `country` under a KP certificate. A certificate
    /// already recorded as an import of that country is refused: a shipment counts once.
    pub fn record_import(
        &self,
        officer: &Officer,
        country: Uuid,
        import: crate::events::Import,
    ) -> Result<crate::reports::kp::StoredImport, ApiError> {
        officer.require(EXPORT_READERS)?;
        officer.require_region(country)?;
        if !self.region_index().is_country(country) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!("{country} is not a country: imports are a KP participant's"),
            ));
        }
        if import.carats.hundredths() == 0 || import.value.cents() == 0 {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "an import has carats and a value above zero",
            ));
        }
        let _g = lock(&self.admin_lock);
        if let Some(earlier) = self
            .store
            .imports()?
            .into_iter()
            .find(|i| i.country == country && i.import.certificate == import.certificate)
        {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                format!(
                    "KP certificate {} is already recorded as import {}",
                    import.certificate.as_str(),
                    earlier.id
                ),
            ));
        }
        let id = Uuid::now_v7();
        let certificate = import.certificate.as_str().to_string();
        self.admin_event(AdminEvent::ImportRecorded {
            id,
            country,
            import,
            by: officer.name.clone(),
        })?;
        tracing::info!(import = %id, %certificate, by = %officer.name, "import recorded");
        self.store
            .imports()?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the import was not kept"))
    }

    /// The region of a registered exporter licence; 400 for anything else.
    pub(super) fn exporter_region(&self, exporter: Uuid) -> Result<Uuid, ApiError> {
        use sync_protocol::values::LicenceKind;
        self.licence_region(exporter, &[LicenceKind::Exporter], "exporter")
    }

    /// The region of a registered trader licence (an exporter's or a dealer's, which keep
    /// stock); 400 for anything else.
    pub(super) fn trader_region(&self, licence: Uuid) -> Result<Uuid, ApiError> {
        use sync_protocol::values::LicenceKind;
        self.licence_region(
            licence,
            &[LicenceKind::Exporter, LicenceKind::Buyer],
            "exporter or buyer",
        )
    }

    fn licence_region(
        &self,
        licence: Uuid,
        kinds: &[sync_protocol::values::LicenceKind],
        what: &str,
    ) -> Result<Uuid, ApiError> {
        let stored = self
            .store
            .record(sync_protocol::records::Collection::Licence, licence)?;
        let of_kind = stored.as_ref().is_some_and(|r| match &r.state {
            sync_protocol::records::AnyRecord::Licence(s) => {
                Licence::from_state(s).is_some_and(|l| kinds.contains(&l.kind))
            }
            _ => false,
        });
        match stored {
            Some(r) if of_kind => Ok(r.region),
            _ => Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!("{licence} is not a registered {what} licence"),
            )),
        }
    }
}

/// Who reads and records exports: they are national, not regional.
pub(super) const EXPORT_READERS: &[Role] =
    &[Role::Admin, Role::NationalOfficer, Role::ExportMonitor];

/// One exporter's evidence over a period: its quarters, exports, purchases, the parcels'
/// footprint against its sources', and why it ranks where it does.
#[derive(Debug, Clone)]
pub struct ExporterDetail {
    pub from: i32,
    pub to: i32,
    pub exporter: crate::export_monitor::Exporter,
    pub quarters: Vec<crate::reports::exports::ExporterQuarter>,
    pub exports: Vec<crate::export_monitor::ExportLine>,
    pub purchases: Vec<crate::export_monitor::PurchaseLine>,
    pub footprint: Option<crate::reports::exports::ExporterFootprint>,
    pub reasons: Option<Vec<crate::reports::exports::Reason>>,
}
