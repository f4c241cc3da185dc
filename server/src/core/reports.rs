//! Reports: rollup cells, the regional, KP, national and footprint reports, reference
//! footprints, and the rebuild of the rollups.

use super::*;

impl Core {
    /// The disjoint regions whose cells add up to everything the officer may read: for a
    /// regional officer the top regions of their scope, for the others every region with
    /// figures that has no parent (the countries, and scope ids never imported as regions).
    pub fn top_regions(&self, officer: &Officer) -> Result<Vec<Uuid>, ApiError> {
        let index = self.region_index();
        let parent = |r: Uuid| index.get(r).and_then(|s| s.parent);
        Ok(match officer.role {
            Role::RegionalOfficer => officer
                .regions
                .iter()
                .copied()
                .filter(|r| parent(*r).is_none_or(|p| !officer.regions.contains(&p)))
                .collect(),
            _ => self
                .store
                .cell_regions()?
                .into_iter()
                .filter(|r| parent(*r).is_none())
                .collect(),
        })
    }

    /// Rollup cells the officer may see, months `from..=to` (`year*12 + month - 1`).
    pub fn cells(
        &self,
        officer: &Officer,
        region: Option<Uuid>,
        from: i32,
        to: i32,
    ) -> Result<Vec<CellView>, ApiError> {
        let mut regions: Option<Vec<Uuid>> =
            region.map(|r| self.region_index().with_descendants(&[r]));
        if officer.role == Role::RegionalOfficer {
            let mine = &officer.regions;
            regions = Some(match regions {
                Some(asked) => asked.into_iter().filter(|r| mine.contains(r)).collect(),
                None => mine.clone(),
            });
        }
        let cells = self.store.cells(regions.as_deref(), from, to)?;
        Ok(cells
            .into_iter()
            .map(|(k, value)| CellView {
                id: hex::encode(k.to_bytes()),
                region: k.region,
                month: crate::reports::rollup::month_label(k.month),
                measure: k.measure.name().to_string(),
                detail: k
                    .measure
                    .detail_kind()
                    .label(k.detail)
                    .unwrap_or("")
                    .to_string(),
                value,
                unit: k.measure.unit(),
            })
            .collect())
    }

    /// The regional rollup for months `from..=to`: one region (which the officer must
    /// serve), or every region the officer may read that has figures. Districts are added
    /// into their regions and countries.
    pub fn regional_report(
        &self,
        officer: &Officer,
        region: Option<Uuid>,
        from: i32,
        to: i32,
    ) -> Result<Vec<crate::reports::regional::RegionalRow>, ApiError> {
        if let Some(r) = region {
            officer.require_region(r)?;
        }
        let regions: Vec<Uuid> = match region {
            Some(r) => vec![r],
            None => self
                .store
                .cell_regions()?
                .into_iter()
                .filter(|r| officer.can_read(*r))
                .collect(),
        };
        // Every month up to `to`: running totals start at the first cell.
        let cells: BTreeMap<_, _> = self
            .store
            .cells(Some(&regions), i32::MIN, to)?
            .into_iter()
            .collect();
        // Without a region asked for, only those with figures by `to` have rows.
        let regions: Vec<Uuid> = match region {
            Some(_) => regions,
            None => {
                let present: std::collections::BTreeSet<Uuid> =
                    cells.keys().map(|k| k.region).collect();
                regions
                    .into_iter()
                    .filter(|r| present.contains(r))
                    .collect()
            }
        };
        let index = self.region_index();
        let mut rows = crate::reports::regional::regional(&cells, &regions, from, to);
        for r in &mut rows {
            r.region_name = index.name(r.region).unwrap_or_default().to_string();
        }
        Ok(rows)
    }

    /// KP statistics of one participant (a country) for months `from..=to`. Without a
    /// region, the one country the officer reads; several, or a region that is not a
    /// country, are refused: two participants' figures added together mean nothing to a
    /// KP reader.
    pub fn kp_report(
        &self,
        officer: &Officer,
        region: Option<Uuid>,
        from: i32,
        to: i32,
    ) -> Result<crate::reports::kp::KpStatistics, ApiError> {
        let index = self.region_index();
        let name = |r: Uuid| index.name(r).map_or_else(|| r.to_string(), str::to_string);
        let is_country = |r: Uuid| index.is_country(r);
        let country = match region {
            Some(r) => r,
            None => {
                let countries: Vec<Uuid> = self
                    .top_regions(officer)?
                    .into_iter()
                    .filter(|r| is_country(*r))
                    .collect();
                match countries[..] {
                    [one] => one,
                    _ => {
                        let named: Vec<String> = countries
                            .iter()
                            .map(|c| format!("{} ({c})", name(*c)))
                            .collect();
                        return Err(ApiError::new(
                            ErrorCode::InvalidValue,
                            format!(
                                "KP statistics are one participant's: give region=<country id>{}",
                                if named.is_empty() {
                                    String::new()
                                } else {
                                    format!(", one of {}", named.join(", "))
                                }
                            ),
                        ));
                    }
                }
            }
        };
        officer.require_region(country)?;
        if !is_country(country) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!(
                    "{} is not a country: KP statistics are a participant's, a country's",
                    name(country)
                ),
            ));
        }
        // The country's cells are subtree totals: every district's figures once.
        let cells: BTreeMap<_, _> = self
            .store
            .cells(Some(&[country]), from, to)?
            .into_iter()
            .collect();
        let this_month = crate::reports::rollup::month_of(time::OffsetDateTime::now_utc().date());
        let participant = crate::reports::kp::Participant {
            id: country,
            name: name(country),
        };
        Ok(crate::reports::kp::kp_statistics(
            participant,
            cells.iter(),
            &self.trade_of(country)?,
            from,
            to,
            this_month - 1,
        ))
    }

    /// A country's exports (filed in it) and imports (recorded for it), every one: they are
    /// few, hundreds a year.
    fn trade_of(&self, country: Uuid) -> Result<Vec<crate::reports::kp::TradeFact>, ApiError> {
        use crate::reports::kp::TradeFact;
        let index = self.region_index();
        let mut trade = Vec::new();
        for (_, stored) in self
            .store
            .records_in(sync_protocol::records::Collection::Export)?
        {
            if let Some(e) = crate::export_monitor::live_export(&stored) {
                if index.country_ancestor(stored.region) == Some(country) {
                    trade.push(TradeFact::export(e));
                }
            }
        }
        for i in self.store.imports()? {
            if i.country == country {
                trade.push(TradeFact::import(&i.import));
            }
        }
        Ok(trade)
    }

    /// The national internal-control report: rows per region and period, a national row,
    /// and the devices that have not synced for 14 days.
    pub fn national_report(
        &self,
        officer: &Officer,
        period: crate::reports::national::Period,
        from: i32,
        to: i32,
    ) -> Result<(Vec<crate::reports::national::ControlRow>, Vec<QuietDevice>), ApiError> {
        // The top regions of the officer's view and the regions one level below them (a
        // country's regions); district detail is the regional report's. Each cell is a
        // subtree total, so this reads a few keys per region and month, however many
        // records there are.
        let index = self.region_index();
        let top = self.top_regions(officer)?;
        let mut regions = top.clone();
        regions.extend(
            index
                .with_descendants(&top)
                .into_iter()
                .filter(|r| {
                    index
                        .get(*r)
                        .and_then(|s| s.parent)
                        .is_some_and(|p| top.contains(&p))
                })
                .filter(|r| officer.can_read(*r)),
        );
        // From the registry's first month: what it holds at a period's end runs from there.
        let cells: BTreeMap<_, _> = self
            .store
            .cells(Some(&regions), 0, to)?
            .into_iter()
            .collect();
        let mut rows =
            crate::reports::national::control_rows(&cells, &regions, &top, period, from, to);
        let estimates: BTreeMap<Uuid, u64> = self
            .store
            .digger_estimates()?
            .into_iter()
            .map(|e| (e.region, e.diggers))
            .collect();
        let diggers = |r: Uuid| {
            crate::reports::national::diggers_in(r, &|x| estimates.get(&x).copied(), &|x| {
                index.children(x)
            })
        };
        let national = top
            .iter()
            .map(|&t| diggers(t))
            .reduce(|a, b| match (a, b) {
                (Some(a), Some(b)) => Some(a.saturating_add(b)),
                (a, b) => a.or(b),
            })
            .flatten();
        for r in &mut rows {
            r.region_name = r.region.and_then(|id| index.name(id)).map(str::to_string);
            r.set_estimate(r.region.map_or(national, diggers));
        }
        // Sites visited: the licences worked in each row's regions (their whole subtrees),
        // each region and month read once.
        let mut by_region_month: BTreeMap<(Uuid, i32), std::collections::BTreeSet<Uuid>> =
            BTreeMap::new();
        let mut failed = None;
        let mut worked = |region: Option<Uuid>, month: i32| {
            let roots = match region {
                Some(r) => vec![r],
                None => top.clone(),
            };
            let mut out = std::collections::BTreeSet::new();
            for r in index.with_descendants(&roots) {
                let worked = match by_region_month.entry((r, month)) {
                    std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::btree_map::Entry::Vacant(e) => {
                        match self.store.licences_worked(r, month) {
                            Ok(set) => e.insert(set),
                            Err(err) => {
                                failed.get_or_insert(err);
                                continue;
                            }
                        }
                    }
                };
                out.extend(worked.iter().copied());
            }
            out
        };
        crate::reports::national::count_sites(&mut rows, period, from, to, &mut worked);
        if let Some(e) = failed {
            return Err(e.into());
        }
        let assays = self.assayed_sales()?;
        crate::reports::national::add_assays(&mut rows, period, from, to, &top, &assays);
        let cutoff = Hlc::new(wall_ms().saturating_sub(14 * 24 * 3_600_000), 0);
        let quiet = self
            .store
            .devices()?
            .into_iter()
            .filter(|d| d.device.revoked.is_none())
            .filter(|d| d.head.received.is_none_or(|t| t < cutoff))
            .filter(|d| d.device.regions.iter().any(|r| officer.can_read(*r)))
            .map(|d| QuietDevice {
                device: d.device.id,
                agent: d.device.agent,
                regions: d.device.regions,
                last_sync: d.head.received,
            })
            .collect();
        Ok((rows, quiet))
    }

    /// The large-stone register over months `from..=to`: every stone of a production at or
    /// above its mineral's large size, in the regions the officer reads (below `region`
    /// when one is given), by date.
    pub fn large_stones(
        &self,
        officer: &Officer,
        region: Option<Uuid>,
        from: i32,
        to: i32,
    ) -> Result<Vec<crate::reports::large_stones::LargeStone>, ApiError> {
        use sync_protocol::records::{fact_body, AnyRecord, Collection};
        use sync_protocol::values::Stones;
        let index = self.region_index();
        let within: Option<std::collections::HashSet<Uuid>> = match region {
            Some(r) => {
                officer.require_region(r)?;
                Some(index.with_descendants(&[r]).into_iter().collect())
            }
            None => None,
        };
        let thresholds = self.checks().thresholds;
        let mut rows = Vec::new();
        for (_, filed, id) in self.store.large_stones(from, to)? {
            if !officer.can_read(filed) || within.as_ref().is_some_and(|w| !w.contains(&filed)) {
                continue;
            }
            let Some(stored) = self.store.record(Collection::Production, id)? else {
                continue;
            };
            let AnyRecord::Production(s) = &stored.state else {
                continue;
            };
            let Some(p) = fact_body(s).filter(|_| sync_protocol::records::void_reason(s).is_none())
            else {
                continue;
            };
            let weights: Vec<u64> = match &p.stones {
                Stones::Weighed(w) => w.iter().map(|c| c.hundredths()).collect(),
                Stones::Counted { total, .. } => vec![total.hundredths()],
            };
            let large = thresholds.for_mineral(p.mineral).large_stone_hundredths;
            for carats in crate::reports::large_stones::large_ones(&weights, large) {
                rows.push(crate::reports::large_stones::LargeStone {
                    date: sync_protocol::values::format_day(p.date),
                    production: id,
                    region: stored.region,
                    region_name: index.name(stored.region).unwrap_or_default().to_string(),
                    licence: p.licence,
                    licence_number: self.record_name(p.licence, officer.role)?,
                    miner: p.miner,
                    miner_names: match p.miner {
                        Some(m) => self.record_name(m, officer.role)?,
                        None => None,
                    },
                    mineral: crate::reports::rollup::DetailKind::Mineral
                        .label(crate::reports::rollup::mineral_detail(p.mineral))
                        .unwrap_or_default()
                        .to_string(),
                    carats_hundredths: carats,
                    lon: p.fix.point.lon.degrees(),
                    lat: p.fix.point.lat.degrees(),
                    accuracy_m: p.fix.accuracy.into(),
                    diggers: p.diggers.get(),
                });
            }
        }
        rows.sort_by(|a, b| (&a.date, a.production).cmp(&(&b.date, b.production)));
        Ok(rows)
    }

    /// Sets an officer's estimate of the diggers working in `region` (replacing any earlier
    /// one): national roles anywhere, a regional officer in their own regions.
    pub fn set_digger_estimate(
        &self,
        officer: &Officer,
        region: Uuid,
        diggers: u64,
        source: String,
    ) -> Result<crate::reports::national::DiggerEstimate, ApiError> {
        officer.require(&[Role::Admin, Role::NationalOfficer, Role::RegionalOfficer])?;
        officer.require_region(region)?;
        if self.region_index().get(region).is_none() {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!("no region {region} is imported"),
            ));
        }
        let source = source.trim().to_string();
        if source.is_empty() || source.chars().count() > 200 || source.chars().any(char::is_control)
        {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "say where the estimate comes from (1 to 200 characters, one line)",
            ));
        }
        if diggers > 100_000_000 {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!("{diggers} diggers is not an estimate for one region"),
            ));
        }
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::DiggerEstimateSet {
            region,
            diggers,
            source,
            by: officer.name.clone(),
        })?;
        tracing::info!(%region, diggers, by = %officer.name, "digger estimate set");
        self.store
            .digger_estimates()?
            .into_iter()
            .find(|e| e.region == region)
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the estimate was not kept"))
    }

    /// The footprint of diamond production in `region` (and the regions below it) over
    /// months `from..=to`, against a reference footprint, compared by the named statistic.
    /// The reference is the period asked for (of `region` or another), or else the one kept
    /// for the region or its nearest ancestor (`reports::reference`); with neither, 404.
    pub fn footprint_report(
        &self,
        officer: &Officer,
        region: Uuid,
        from: i32,
        to: i32,
        reference: Option<ReferencePeriod>,
        statistic: crate::reports::footprint::Statistic,
    ) -> Result<FootprintReport, ApiError> {
        use crate::reports::footprint::compare;
        use crate::reports::reference::{nearest, ReferenceSource};
        officer.require_region(region)?;
        let sample = self.footprint_of(region, from, to)?;
        let (reference, reference_from) = match reference {
            Some(asked) => {
                let r = asked.region.unwrap_or(region);
                officer.require_region(r)?;
                (
                    self.footprint_of(r, asked.from, asked.to)?,
                    ReferenceFrom::Asked {
                        region: r,
                        from: asked.from,
                        to: asked.to,
                    },
                )
            }
            None => {
                let index = self.region_index();
                let kept = nearest(
                    region,
                    |r| index.get(r).and_then(|s| s.parent),
                    |r| self.store.reference_footprint(r),
                    index.len(),
                )?
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::NotFound,
                        format!(
                            "no reference footprint is set for region {region} or a region \
                             above it: give ref_from and ref_to, or set one"
                        ),
                    )
                })?;
                let (footprint, source) = match &kept.source {
                    ReferenceSource::Period {
                        region: r,
                        from,
                        to,
                    } => (
                        self.footprint_of(*r, *from, *to)?,
                        KeptReference::Period {
                            region: *r,
                            from: *from,
                            to: *to,
                        },
                    ),
                    ReferenceSource::Imported { footprint, source } => (
                        **footprint,
                        KeptReference::Imported {
                            note: source.clone(),
                        },
                    ),
                };
                (
                    footprint,
                    ReferenceFrom::Kept {
                        set_for: kept.region,
                        set_at: kept.set_at,
                        set_by: kept.set_by.clone(),
                        source,
                    },
                )
            }
        };
        Ok(FootprintReport {
            region,
            from,
            to,
            comparison: compare(&sample, &reference, statistic),
            sample,
            reference,
            reference_from,
        })
    }

    /// The footprint of `region`'s diamond production (its districts' included: cells are
    /// subtree totals) over months `from..=to`.
    pub(super) fn footprint_of(
        &self,
        region: Uuid,
        from: i32,
        to: i32,
    ) -> Result<crate::reports::footprint::Footprint, ApiError> {
        use crate::reports::rollup::Measure;
        let mut f = crate::reports::footprint::Footprint::default();
        for (k, v) in self.store.cells(Some(&[region]), from, to)? {
            let at = usize::from(k.detail);
            let v = u64::try_from(v).unwrap_or(0);
            match k.measure {
                Measure::FootprintStones if at < f.stones.len() => {
                    f.stones[at] += v;
                    f.total_stones += v;
                }
                Measure::FootprintCarats if at < f.carats.len() => {
                    f.carats[at] += v;
                    f.total_carats += v;
                }
                _ => {}
            }
        }
        Ok(f)
    }

    /// Sets `region`'s reference footprint (admin or national officer), logged with the
    /// officer's name; it replaces any earlier one.
    pub fn set_reference_footprint(
        &self,
        officer: &Officer,
        region: Uuid,
        request: ReferenceRequest,
    ) -> Result<crate::reports::reference::StoredReference, ApiError> {
        use crate::reports::reference::{footprint_from_classes, ReferenceSource};
        officer.require(&[Role::Admin, Role::NationalOfficer])?;
        let known = |r: Uuid| {
            if self.region_index().get(r).is_some() {
                Ok(())
            } else {
                Err(ApiError::new(
                    ErrorCode::NotFound,
                    format!("no region {r} has been imported"),
                ))
            }
        };
        known(region)?;
        let invalid = |m: String| ApiError::new(ErrorCode::InvalidValue, m);
        let source = match request {
            ReferenceRequest {
                period: Some(p),
                classes: None,
                source: None,
            } => {
                let r = p.region.unwrap_or(region);
                known(r)?;
                if p.from > p.to {
                    return Err(invalid("the reference period ends before it starts".into()));
                }
                ReferenceSource::Period {
                    region: r,
                    from: p.from,
                    to: p.to,
                }
            }
            ReferenceRequest {
                period: None,
                classes: Some(rows),
                source: Some(note),
            } => ReferenceSource::Imported {
                footprint: Box::new(
                    footprint_from_classes(&rows).map_err(|e| invalid(e.to_string()))?,
                ),
                source: sync_protocol::values::Text::parse(&note)?.to_string(),
            },
            _ => {
                return Err(invalid(
                    "give either a period (from, to, optionally region) or imported classes \
                     with their source"
                        .into(),
                ))
            }
        };
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::ReferenceFootprintSet {
            region,
            source: source.into(),
            by: officer.name.clone(),
        })?;
        tracing::info!(%region, by = %officer.name, "reference footprint set");
        self.store
            .reference_footprint(region)?
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the reference was not kept"))
    }

    /// The reference footprints set, for the regions the officer may read.
    pub fn reference_footprints(
        &self,
        officer: &Officer,
    ) -> Result<Vec<crate::reports::reference::StoredReference>, ApiError> {
        Ok(self
            .store
            .reference_footprints()?
            .into_iter()
            .filter(|r| officer.can_read(r.region))
            .collect())
    }

    /// A report by name, as versioned JSON or as CSV.
    #[allow(clippy::too_many_arguments)]
    /// One of the reports by kind, over months `from..=to`, as the officer may read it.
    pub fn report(
        &self,
        officer: &Officer,
        kind: ReportKind,
        region: Option<Uuid>,
        from: i32,
        to: i32,
    ) -> Result<Report, ApiError> {
        Ok(match kind {
            ReportKind::Regional => {
                Report::Regional(self.regional_report(officer, region, from, to)?)
            }
            ReportKind::Kp => Report::Kp(self.kp_report(officer, region, from, to)?),
            ReportKind::National(period) => {
                let (rows, quiet_devices) = self.national_report(officer, period, from, to)?;
                Report::National {
                    rows,
                    quiet_devices,
                }
            }
            ReportKind::Exports => {
                let (monitoring, exporters) = self.export_monitoring(officer, from, to)?;
                Report::Exports {
                    monitoring,
                    exporters,
                }
            }
            ReportKind::LargeStones => {
                Report::LargeStones(self.large_stones(officer, region, from, to)?)
            }
            ReportKind::Dealers => {
                let (quarters, dealers) = self.dealer_balances(officer, from, to)?;
                let index = self.region_index();
                let region_names = dealers
                    .values()
                    .map(|d| {
                        (
                            d.region,
                            index.name(d.region).unwrap_or_default().to_string(),
                        )
                    })
                    .collect();
                Report::Dealers {
                    quarters,
                    dealers,
                    region_names,
                }
            }
        })
    }

    /// The records behind one cell: every figure of a report can be traced.
    pub fn cell_records(
        &self,
        officer: &Officer,
        id: &str,
    ) -> Result<Vec<crate::store::CellRecord>, ApiError> {
        let key = hex::decode(id)
            .ok()
            .and_then(|b| crate::reports::rollup::CellKey::from_bytes(&b))
            .ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("{id:?} is not a cell id"))
            })?;
        officer.require_region(key.region)?;
        let filed_in = self.region_index().with_descendants(&[key.region]);
        Ok(self.store.cell_records(&key, &filed_in, &self.checks())?)
    }

    /// Recomputes every rollup cell from the records (with a progress bar).
    pub fn rebuild_rollups(
        &self,
        officer: &Officer,
    ) -> Result<crate::store::RebuildReport, ApiError> {
        officer.require(ADMIN)?;
        let bar = crate::progress::count_bar(
            self.store.stats()?.records.values().sum(),
            "rebuilding rollups",
        );
        let report = self.store.rebuild_rollups(&self.checks(), &|| bar.inc(1))?;
        bar.finish_and_clear();
        tracing::info!(
            cells = report.cells,
            differences = report.differences,
            "rollups rebuilt"
        );
        Ok(report)
    }
}

/// A reference period asked for in a footprint request: months `from..=to` of `region`
/// (the report's own region when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferencePeriod {
    pub region: Option<Uuid>,
    pub from: i32,
    pub to: i32,
}

/// How an officer sets a region's reference footprint: a period, or imported classes with
/// a note of their source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceRequest {
    pub period: Option<ReferencePeriod>,
    pub classes: Option<Vec<crate::reports::reference::ClassRow>>,
    pub source: Option<String>,
}

/// One rollup cell as a report reads it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CellView {
    /// The cell's id, for `GET /v1/reports/cells/{id}/records`.
    pub id: String,
    pub region: Uuid,
    /// `YYYY-MM`.
    pub month: String,
    pub measure: String,
    /// The mineral, licence kind, HS code or flag kind the cell counts, when it is split.
    pub detail: String,
    pub value: i64,
    /// What `value` counts in: `count`, `digger_days`, `litres`, `carat_hundredths`,
    /// `usd_cents`.
    pub unit: crate::reports::rollup::Unit,
}

/// Which report: `GET /v1/reports/{kind}`, `placer report KIND`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Regional,
    Kp,
    National(crate::reports::national::Period),
    Exports,
    Dealers,
    LargeStones,
}

impl ReportKind {
    /// The report named `kind`; `period` (quarter or half) is the national report's.
    pub fn parse(kind: &str, period: Option<&str>) -> Result<Self, ApiError> {
        use crate::reports::national::Period;
        Ok(match kind {
            "regional" => Self::Regional,
            "kp" => Self::Kp,
            "exports" => Self::Exports,
            "dealers" => Self::Dealers,
            "large-stones" => Self::LargeStones,
            "national" => Self::National(match period.unwrap_or("quarter") {
                "quarter" => Period::Quarter,
                "half" => Period::HalfYear,
                other => {
                    return Err(ApiError::new(
                        ErrorCode::Malformed,
                        format!("period {other:?}: quarter or half"),
                    ))
                }
            }),
            other => {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    format!(
                        "no report {other:?}: regional, national, kp, exports, dealers or \
                         large-stones"
                    ),
                ))
            }
        })
    }

    /// The name a request gives.
    pub fn name(self) -> &'static str {
        match self {
            Self::Regional => "regional",
            Self::Kp => "kp",
            Self::National(_) => "national",
            Self::Exports => "exports",
            Self::Dealers => "dealers",
            Self::LargeStones => "large-stones",
        }
    }
}

/// A report's figures, before any rendering (the front ends render them as JSON or CSV).
#[derive(Debug)]
pub enum Report {
    Regional(Vec<crate::reports::regional::RegionalRow>),
    Kp(crate::reports::kp::KpStatistics),
    National {
        rows: Vec<crate::reports::national::ControlRow>,
        quiet_devices: Vec<QuietDevice>,
    },
    Exports {
        monitoring: crate::reports::exports::Monitoring,
        exporters: BTreeMap<Uuid, crate::export_monitor::Exporter>,
    },
    LargeStones(Vec<crate::reports::large_stones::LargeStone>),
    Dealers {
        quarters: Vec<crate::reports::exports::ExporterQuarter>,
        dealers: BTreeMap<Uuid, crate::export_monitor::Exporter>,
        /// Region names by id, for the dealers' regions.
        region_names: BTreeMap<Uuid, String>,
    },
}

/// The footprint report's figures: a region's stones over a period against a reference.
#[derive(Debug, Clone)]
pub struct FootprintReport {
    pub region: Uuid,
    pub from: i32,
    pub to: i32,
    pub sample: crate::reports::footprint::Footprint,
    pub reference: crate::reports::footprint::Footprint,
    pub reference_from: ReferenceFrom,
    pub comparison: crate::reports::footprint::Comparison,
}

/// Which reference a footprint report compared with.
#[derive(Debug, Clone)]
pub enum ReferenceFrom {
    /// The period the request asked for.
    Asked { region: Uuid, from: i32, to: i32 },
    /// The reference kept for `set_for` (the region or its nearest ancestor).
    Kept {
        set_for: Uuid,
        set_at: Hlc,
        set_by: String,
        source: KeptReference,
    },
}

/// What a kept reference is.
#[derive(Debug, Clone)]
pub enum KeptReference {
    Period { region: Uuid, from: i32, to: i32 },
    Imported { note: String },
}

/// A device that has not synced for 14 days, in the national report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuietDevice {
    pub device: Uuid,
    pub agent: String,
    pub regions: Vec<Uuid>,
    pub last_sync: Option<Hlc>,
}
