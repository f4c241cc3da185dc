//! The national internal-control report (for the KP working group on artisanal and alluvial
//! production), per quarter or half-year, assembled from rollup cells (pure).
//!
//! Per region and period: production (records; diamonds' carats and stones; gold apart, in
//! grams: it is never added to diamonds' carats), sales (all of them; first
//! sales, by miners and mining-licence holders; transfers, resales by dealers and exporters:
//! `rollup`, "First sales and transfers"), exports, and the control
//! indicators — the share of production carats inside licensed areas, on licences valid that
//! day, and by registered miners (from the checks at ingest) — and flags raised, resolved
//! and closed. A national row adds every region up. Devices that have not synced for 14 days
//! are listed by the caller, which knows the devices.
//!
//! What the registry holds at the end of each period (or of the span asked for, when it ends
//! first), counted from the registry's first month: `miners_registered`, the licences active
//! (`licences_active`, and apart the mining licences, dealers' and exporters'), and against
//! the miners the officers' estimate of the diggers working there (`diggers_estimated`, set
//! per region; a region without its own estimate takes the sum of its regions' below), so
//! that `miner_coverage = miners_registered / diggers_estimated` says how much of the
//! workforce the register reaches.
//!
//! `sites_visited` counts, per row, the licences with at least one site-day recorded in
//! the period: a production is recorded at the pit, with a GPS fix, so each is a site a
//! field agent visited ([`count_sites`]; a distinct count, read from the checks'
//! licence-month index, not from cells).
//!
//! # CSV columns
//! `period, region, production_records, carats, stones, sales_usd, first_sales_carats,
//! first_sales_usd, transfers_carats, transfers_usd, exports_carats, exports_usd,
//! share_inside_licence, share_on_valid_licence, share_by_registered_miner, flags_raised,
//! flags_resolved, flags_closed, late_records, region_name, miners_registered,
//! diggers_estimated, miner_coverage, licences_active, mining_licences_active,
//! dealers_active, exporters_active, gold_grams, gold_sales_grams, gold_sales_usd,
//! sites_visited, gold_sales_assayed_grams, gold_sales_fine_grams` — grams
//! with three decimals, shares (of diamonds' carats) as fractions with four decimals, empty without
//! production (and the coverage without an estimate); the national row has an empty
//! `region` and `region_name`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::hundredths;
use uuid::Uuid;

use super::rollup::{month_parts, CellKey, Measure};

/// The JSON schema version of this report.
pub const VERSION: u32 = 5;

/// An officer's estimate of the diggers working in a region, as kept.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct DiggerEstimate {
    pub region: Uuid,
    pub diggers: u64,
    /// Where the figure comes from (a census, a survey, a count by the district office).
    pub source: String,
    pub set_at: sync_protocol::clock::Hlc,
    pub set_by: String,
}

/// The diggers estimated in `region`: its own estimate, else the sum of its children's
/// (each by the same rule), else `None`.
pub fn diggers_in(
    region: Uuid,
    own: &dyn Fn(Uuid) -> Option<u64>,
    children: &dyn Fn(Uuid) -> Vec<Uuid>,
) -> Option<i64> {
    fn walk(
        r: Uuid,
        own: &dyn Fn(Uuid) -> Option<u64>,
        children: &dyn Fn(Uuid) -> Vec<Uuid>,
        depth: usize,
    ) -> Option<i64> {
        if let Some(d) = own(r) {
            return Some(i64::try_from(d).unwrap_or(i64::MAX));
        }
        if depth == 0 {
            return None;
        }
        children(r)
            .into_iter()
            .filter_map(|c| walk(c, own, children, depth - 1))
            .reduce(i64::saturating_add)
    }
    // Region trees are a few levels deep; the bound only guards against a cycle.
    walk(region, own, children, 16)
}

/// Quarters or half-years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Quarter,
    HalfYear,
}

impl Period {
    /// The last month of the period holding `month`.
    pub fn last_month(self, month: i32) -> i32 {
        let len = match self {
            Period::Quarter => 3,
            Period::HalfYear => 6,
        };
        month - month.rem_euclid(len) + len - 1
    }

    pub fn of(self, month: i32) -> String {
        let (y, m) = month_parts(month);
        match self {
            Period::Quarter => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
            Period::HalfYear => format!("{y:04}-H{}", if m <= 6 { 1 } else { 2 }),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ControlRow {
    pub period: String,
    /// `None` for the national row.
    pub region: Option<Uuid>,
    /// The region's name, for a person; filled by the caller, which knows the regions.
    pub region_name: Option<String>,
    pub production_records: i64,
    pub carats_hundredths: i64,
    pub stones: i64,
    /// Every sale, first sales and transfers together.
    pub sales_cents: i64,
    pub sales_carats_hundredths: i64,
    /// Sales by miners and mining-licence holders: the basis of production value.
    pub first_sales_cents: i64,
    pub first_sales_carats_hundredths: i64,
    /// Resales by dealers and exporters (sales less first sales).
    pub transfers_cents: i64,
    pub transfers_carats_hundredths: i64,
    pub exports_cents: i64,
    pub exports_carats_hundredths: i64,
    pub carats_inside_licence: i64,
    pub carats_on_valid_licence: i64,
    pub carats_by_registered_miner: i64,
    pub share_inside_licence: Option<f64>,
    pub share_on_valid_licence: Option<f64>,
    pub share_by_registered_miner: Option<f64>,
    pub flags_raised: i64,
    pub flags_resolved: i64,
    pub flags_closed: i64,
    /// Facts backdated: entered more than a month after the month of their date
    /// ([`Measure::LateRecords`]).
    pub late_records: i64,
    /// Held at the end of the period (module documentation).
    pub miners_registered: i64,
    pub licences_active: i64,
    pub mining_licences_active: i64,
    pub dealers_active: i64,
    pub exporters_active: i64,
    /// The officers' estimate of the diggers; filled by the caller, which keeps them.
    pub diggers_estimated: Option<i64>,
    /// `miners_registered / diggers_estimated`.
    pub miner_coverage: Option<f64>,
    /// Gold produced, sold (every sale) and its value: milligrams and US cents.
    pub gold_milligrams: i64,
    pub gold_sales_milligrams: i64,
    pub gold_sales_cents: i64,
    /// Of the gold sold, the milligrams assayed, and the fine gold they hold
    /// ([`super::gold`]; filled by [`add_assays`]).
    pub gold_sales_assayed_milligrams: i64,
    pub gold_sales_fine_milligrams: i64,
    /// Sites visited: the licences with at least one site-day recorded in the row's regions
    /// in the period (each counted once, however many days and regions); filled by
    /// [`count_sites`].
    pub sites_visited: i64,
}

impl ControlRow {
    fn add(&mut self, key: &CellKey, v: i64) {
        use super::rollup::{gold_milligrams, is_gold};
        if is_gold(key) {
            match key.measure {
                Measure::CaratsHundredths => self.gold_milligrams += gold_milligrams(v),
                Measure::SalesCaratsHundredths => self.gold_sales_milligrams += gold_milligrams(v),
                Measure::SalesCents => self.gold_sales_cents += v,
                Measure::ProductionRecords => self.production_records += v,
                _ => {}
            }
            return;
        }
        match key.measure {
            Measure::ProductionRecords => self.production_records += v,
            Measure::CaratsHundredths => self.carats_hundredths += v,
            Measure::Stones => self.stones += v,
            Measure::SalesCents => self.sales_cents += v,
            Measure::SalesCaratsHundredths => self.sales_carats_hundredths += v,
            Measure::FirstSalesCents => self.first_sales_cents += v,
            Measure::FirstSalesCaratsHundredths => self.first_sales_carats_hundredths += v,
            Measure::ExportsCents => self.exports_cents += v,
            Measure::ExportsCaratsHundredths => self.exports_carats_hundredths += v,
            Measure::CaratsInsideLicence => self.carats_inside_licence += v,
            Measure::CaratsOnValidLicence => self.carats_on_valid_licence += v,
            Measure::CaratsByRegisteredMiner => self.carats_by_registered_miner += v,
            Measure::FlagsRaised => self.flags_raised += v,
            Measure::FlagsResolved => self.flags_resolved += v,
            Measure::FlagsClosed => self.flags_closed += v,
            Measure::LateRecords => self.late_records += v,
            _ => {}
        }
    }

    /// `rows` added up into one row of no period and no region, its shares computed as the
    /// report computes them: the total of a span of periods (flows only: what the registry
    /// holds at a period's end does not add up over periods).
    pub fn total<'a>(rows: impl IntoIterator<Item = &'a ControlRow>) -> ControlRow {
        let mut t = ControlRow::default();
        for r in rows {
            t.production_records += r.production_records;
            t.carats_hundredths += r.carats_hundredths;
            t.stones += r.stones;
            t.sales_cents += r.sales_cents;
            t.sales_carats_hundredths += r.sales_carats_hundredths;
            t.first_sales_cents += r.first_sales_cents;
            t.first_sales_carats_hundredths += r.first_sales_carats_hundredths;
            t.exports_cents += r.exports_cents;
            t.exports_carats_hundredths += r.exports_carats_hundredths;
            t.carats_inside_licence += r.carats_inside_licence;
            t.carats_on_valid_licence += r.carats_on_valid_licence;
            t.carats_by_registered_miner += r.carats_by_registered_miner;
            t.flags_raised += r.flags_raised;
            t.flags_resolved += r.flags_resolved;
            t.flags_closed += r.flags_closed;
            t.late_records += r.late_records;
            t.gold_milligrams += r.gold_milligrams;
            t.gold_sales_milligrams += r.gold_sales_milligrams;
            t.gold_sales_cents += r.gold_sales_cents;
            t.gold_sales_assayed_milligrams += r.gold_sales_assayed_milligrams;
            t.gold_sales_fine_milligrams += r.gold_sales_fine_milligrams;
        }
        t.finish()
    }

    /// Sets the diggers estimated where the row counts, and the register's coverage of them.
    pub fn set_estimate(&mut self, diggers: Option<i64>) {
        self.diggers_estimated = diggers;
        self.miner_coverage = diggers
            .filter(|d| *d > 0)
            .map(|d| self.miners_registered as f64 / d as f64);
    }

    fn finish(mut self) -> Self {
        let share = |part: i64| {
            (self.carats_hundredths > 0).then(|| part as f64 / self.carats_hundredths as f64)
        };
        self.share_inside_licence = share(self.carats_inside_licence);
        self.share_on_valid_licence = share(self.carats_on_valid_licence);
        self.share_by_registered_miner = share(self.carats_by_registered_miner);
        self.transfers_cents = self.sales_cents.wrapping_sub(self.first_sales_cents);
        self.transfers_carats_hundredths = self
            .sales_carats_hundredths
            .wrapping_sub(self.first_sales_carats_hundredths);
        self
    }
}

/// What the registry holds: running totals of these cells.
fn add_stock(row: &mut ControlRow, key: &CellKey, v: i64) {
    use super::rollup::DetailKind;
    let sign = match key.measure {
        Measure::MinersNew => {
            row.miners_registered += v;
            return;
        }
        Measure::LicencesNew => 1,
        Measure::LicencesExpired => -1,
        _ => return,
    };
    row.licences_active += sign * v;
    match DetailKind::LicenceKind.label(key.detail) {
        Some("buyer") => row.dealers_active += sign * v,
        Some("exporter") => row.exporters_active += sign * v,
        Some(_) => row.mining_licences_active += sign * v,
        None => {}
    }
}

/// Rows per period for each of `regions` (cells are subtree totals), then one national row
/// per period over the cells of `top`, disjoint regions, so each record once. `rolled`
/// holds every month up to `to` (the registry's stocks are counted from its first month);
/// the flows are those of months `from..=to`.
pub fn control_rows(
    rolled: &BTreeMap<CellKey, i64>,
    regions: &[Uuid],
    top: &[Uuid],
    period: Period,
    from: i32,
    to: i32,
) -> Vec<ControlRow> {
    // Each row with the last month of its period.
    let mut rows: BTreeMap<(String, Option<Uuid>), (i32, ControlRow)> = BTreeMap::new();
    let mut add = |region: Option<Uuid>, key: &CellKey, v: i64| {
        let p = period.of(key.month);
        rows.entry((p.clone(), region))
            .or_insert_with(|| {
                let row = ControlRow {
                    period: p,
                    region,
                    ..Default::default()
                };
                (period.last_month(key.month), row)
            })
            .1
            .add(key, v);
    };
    for (key, v) in rolled
        .iter()
        .filter(|(k, _)| regions.contains(&k.region) && (from..=to).contains(&k.month))
    {
        add(Some(key.region), key, *v);
    }
    for (key, v) in rolled
        .iter()
        .filter(|(k, _)| top.contains(&k.region) && (from..=to).contains(&k.month))
    {
        add(None, key, *v);
    }
    // Each row's stocks: its regions' cells from the first month to the end of its period
    // (or of the span), one key range per region.
    for ((_, region), (last, row)) in rows.iter_mut() {
        let end = (*last).min(to);
        let counted: &[Uuid] = match region {
            Some(r) => std::slice::from_ref(r),
            None => top,
        };
        for &r in counted {
            let lo = CellKey {
                region: r,
                month: i32::MIN,
                measure: Measure::ALL[0],
                detail: 0,
            };
            for (key, v) in rolled
                .range(lo..)
                .take_while(|(k, _)| k.region == r && k.month <= end)
            {
                add_stock(row, key, *v);
            }
        }
    }
    // National rows last within each period.
    let mut out: Vec<ControlRow> = rows.into_values().map(|(_, row)| row.finish()).collect();
    out.sort_by(|a, b| {
        (&a.period, a.region.is_none(), a.region).cmp(&(&b.period, b.region.is_none(), b.region))
    });
    out
}

/// Sets each row's `sites_visited`: the distinct licences of `worked(region, month)` (the
/// licences with a site-day of that month in that region's subtree; `None`, every top
/// region's) over the months of its period within `from..=to`. A distinct count does not
/// add up from cells: a licence worked in two months, or on both sides of a district
/// border, is one site.
pub fn count_sites(
    rows: &mut [ControlRow],
    period: Period,
    from: i32,
    to: i32,
    worked: &mut dyn FnMut(Option<Uuid>, i32) -> std::collections::BTreeSet<Uuid>,
) {
    for row in rows.iter_mut() {
        let mut sites = std::collections::BTreeSet::new();
        for month in (from..=to).filter(|m| period.of(*m) == row.period) {
            sites.extend(worked(row.region, month));
        }
        row.sites_visited = i64::try_from(sites.len()).unwrap_or(i64::MAX);
    }
}

/// Adds each assayed gold sale of months `from..=to` to the rows it counts in: its
/// period's row of every region of its lineage, and the national row when its lineage
/// holds one of `top`.
pub fn add_assays(
    rows: &mut [ControlRow],
    period: Period,
    from: i32,
    to: i32,
    top: &[Uuid],
    assays: &[super::gold::AssayedSale],
) {
    for a in assays.iter().filter(|a| (from..=to).contains(&a.month)) {
        let p = period.of(a.month);
        for row in rows.iter_mut().filter(|r| r.period == p) {
            let counts = match row.region {
                Some(r) => a.lineage.contains(&r),
                None => a.lineage.iter().any(|r| top.contains(r)),
            };
            if counts {
                row.gold_sales_assayed_milligrams += a.milligrams;
                row.gold_sales_fine_milligrams += a.fineness.fine_milligrams(a.milligrams);
            }
        }
    }
}

pub fn to_csv(rows: &[ControlRow]) -> Result<String, csv::Error> {
    let mut w = crate::reports::sheet::Sheet::new();
    w.row([
        "period",
        "region",
        "production_records",
        "carats",
        "stones",
        "sales_usd",
        "first_sales_carats",
        "first_sales_usd",
        "transfers_carats",
        "transfers_usd",
        "exports_carats",
        "exports_usd",
        "share_inside_licence",
        "share_on_valid_licence",
        "share_by_registered_miner",
        "flags_raised",
        "flags_resolved",
        "flags_closed",
        "late_records",
        "region_name",
        "miners_registered",
        "diggers_estimated",
        "miner_coverage",
        "licences_active",
        "mining_licences_active",
        "dealers_active",
        "exporters_active",
        "gold_grams",
        "gold_sales_grams",
        "gold_sales_usd",
        "sites_visited",
        "gold_sales_assayed_grams",
        "gold_sales_fine_grams",
    ])?;
    let share = |s: Option<f64>| s.map(|x| format!("{x:.4}")).unwrap_or_default();
    for r in rows {
        w.row([
            r.period.clone(),
            r.region.map(|u| u.to_string()).unwrap_or_default(),
            r.production_records.to_string(),
            hundredths(r.carats_hundredths),
            r.stones.to_string(),
            hundredths(r.sales_cents),
            hundredths(r.first_sales_carats_hundredths),
            hundredths(r.first_sales_cents),
            hundredths(r.transfers_carats_hundredths),
            hundredths(r.transfers_cents),
            hundredths(r.exports_carats_hundredths),
            hundredths(r.exports_cents),
            share(r.share_inside_licence),
            share(r.share_on_valid_licence),
            share(r.share_by_registered_miner),
            r.flags_raised.to_string(),
            r.flags_resolved.to_string(),
            r.flags_closed.to_string(),
            r.late_records.to_string(),
            r.region_name.clone().unwrap_or_default(),
            r.miners_registered.to_string(),
            r.diggers_estimated
                .map(|d| d.to_string())
                .unwrap_or_default(),
            share(r.miner_coverage),
            r.licences_active.to_string(),
            r.mining_licences_active.to_string(),
            r.dealers_active.to_string(),
            r.exporters_active.to_string(),
            super::rollup::grams(r.gold_milligrams),
            super::rollup::grams(r.gold_sales_milligrams),
            hundredths(r.gold_sales_cents),
            r.sites_visited.to_string(),
            super::rollup::grams(r.gold_sales_assayed_milligrams),
            super::rollup::grams(r.gold_sales_fine_milligrams),
        ])?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(region: u128, month: i32, measure: Measure) -> CellKey {
        CellKey {
            region: Uuid::from_u128(region),
            month,
            measure,
            detail: 0,
        }
    }

    #[test]
    fn shares_by_region_and_nationally() {
        let q1 = 2026 * 12;
        let cells: BTreeMap<CellKey, i64> = [
            (key(1, q1, Measure::CaratsHundredths), 400),
            (key(1, q1, Measure::CaratsInsideLicence), 300),
            (key(1, q1 + 1, Measure::CaratsOnValidLicence), 400),
            (key(2, q1 + 2, Measure::CaratsHundredths), 100),
            (key(2, q1 + 2, Measure::CaratsByRegisteredMiner), 100),
            (key(2, q1 + 3, Measure::FlagsRaised), 2),
            // US$500 of sales for 2 ct, of which US$300 for 1.5 ct at first sale.
            (key(1, q1, Measure::SalesCents), 50_000),
            (key(1, q1, Measure::SalesCaratsHundredths), 200),
            (key(1, q1, Measure::FirstSalesCents), 30_000),
            (key(1, q1, Measure::FirstSalesCaratsHundredths), 150),
            (key(1, q1, Measure::ExportsCents), 90_000),
            (key(1, q1, Measure::ExportsCaratsHundredths), 100),
            // 10 ct (2 g) of gold: its own line, not in the carats nor their shares.
            (
                CellKey {
                    detail: 1,
                    ..key(1, q1, Measure::CaratsHundredths)
                },
                1_000,
            ),
        ]
        .into_iter()
        .collect();
        let regions = [Uuid::from_u128(1), Uuid::from_u128(2)];
        let rows = control_rows(&cells, &regions, &regions, Period::Quarter, q1, q1 + 5);
        let q1_rows: Vec<&ControlRow> = rows.iter().filter(|r| r.period == "2026-Q1").collect();
        assert_eq!(q1_rows.len(), 3, "two regions and the nation");
        assert_eq!(q1_rows[0].share_inside_licence, Some(0.75));
        assert_eq!(q1_rows[0].share_on_valid_licence, Some(1.0));
        assert_eq!(q1_rows[1].share_by_registered_miner, Some(1.0));
        let nation = q1_rows[2];
        assert_eq!(nation.region, None);
        assert_eq!(nation.carats_hundredths, 500);
        assert_eq!(nation.gold_milligrams, 2_000);
        assert_eq!(nation.share_inside_licence, Some(0.6));
        assert_eq!(
            (
                nation.first_sales_cents,
                nation.transfers_cents,
                nation.transfers_carats_hundredths
            ),
            (30_000, 20_000, 50)
        );
        let q2: Vec<&ControlRow> = rows.iter().filter(|r| r.period == "2026-Q2").collect();
        assert_eq!(q2.iter().map(|r| r.flags_raised).max(), Some(2));
        assert_eq!(q2[0].share_inside_licence, None, "no production: no share");
        let csv = to_csv(&rows).unwrap();
        assert!(csv
            .lines()
            .next()
            .unwrap()
            .starts_with("period,region,production_records"));
        assert!(
            csv.contains(
                "2026-Q1,,0,5.00,0,500.00,1.50,300.00,0.50,200.00,1.00,900.00,\
                 0.6000,0.8000,0.2000,0,0,0,0,,0,,,0,0,0,0,2.000,0.000,0.00,0,0.000,0.000"
            ),
            "{csv}"
        );
        let halves = control_rows(&cells, &regions, &regions, Period::HalfYear, q1, q1 + 5);
        assert!(halves.iter().all(|r| r.period == "2026-H1"));
    }

    #[test]
    fn assayed_gold_counts_in_its_regions_period_and_the_nation() {
        use super::super::gold::{AssayedSale, Fineness};
        let jan = 2026 * 12;
        let (country, district, elsewhere) =
            (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let row = |period: &str, region: Option<Uuid>| ControlRow {
            period: period.into(),
            region,
            ..Default::default()
        };
        let mut rows = vec![
            row("2026-Q1", Some(country)),
            row("2026-Q1", Some(district)),
            row("2026-Q1", None),
            row("2026-Q2", None),
        ];
        let sale = |month: i32, lineage: Vec<Uuid>| AssayedSale {
            lineage,
            month,
            milligrams: 10_000,
            fineness: Fineness::parse("916.7").unwrap(),
        };
        let assays = [
            sale(jan + 1, vec![district, country]),
            sale(jan + 2, vec![country]),
            sale(jan + 3, vec![district, country]),
            // Filed in a country this report does not cover.
            sale(jan, vec![elsewhere]),
            // Outside the span.
            sale(jan + 9, vec![district, country]),
        ];
        add_assays(
            &mut rows,
            Period::Quarter,
            jan,
            jan + 5,
            &[country],
            &assays,
        );
        let got: Vec<(i64, i64)> = rows
            .iter()
            .map(|r| {
                (
                    r.gold_sales_assayed_milligrams,
                    r.gold_sales_fine_milligrams,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (20_000, 18_334),
                (10_000, 9_167),
                (20_000, 18_334),
                (10_000, 9_167)
            ]
        );
    }

    #[test]
    fn sites_are_counted_once_per_period_whatever_their_days_and_regions() {
        let jan = 2026 * 12;
        let (r1, r2) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let row = |period: &str, region: Option<Uuid>| ControlRow {
            period: period.into(),
            region,
            ..Default::default()
        };
        let mut rows = vec![
            row("2026-Q1", Some(r1)),
            row("2026-Q1", Some(r2)),
            row("2026-Q1", None),
            row("2026-Q2", Some(r1)),
        ];
        let l = |n: u128| Uuid::from_u128(100 + n);
        // Licence 1 worked in January and February in region 1, and in region 2 in
        // March; licence 2 in region 2 only; licence 3 in April.
        let mut worked = |region: Option<Uuid>, month: i32| {
            let mut out = std::collections::BTreeSet::new();
            let in_r1 = region.is_none_or(|r| r == r1);
            let in_r2 = region.is_none_or(|r| r == r2);
            match month - jan {
                0 | 1 if in_r1 => {
                    out.insert(l(1));
                }
                2 if in_r2 => {
                    out.extend([l(1), l(2)]);
                }
                3 if in_r1 => {
                    out.insert(l(3));
                }
                _ => {}
            }
            out
        };
        count_sites(&mut rows, Period::Quarter, jan, jan + 5, &mut worked);
        let counts: Vec<i64> = rows.iter().map(|r| r.sites_visited).collect();
        assert_eq!(counts, [1, 2, 2, 1]);
        // Only the months of the span: February alone sees licence 1 in region 1.
        count_sites(&mut rows, Period::Quarter, jan + 1, jan + 1, &mut worked);
        assert_eq!(rows[1].sites_visited, 0);
        assert_eq!(rows[0].sites_visited, 1);
    }

    #[test]
    fn what_the_registry_holds_runs_from_its_first_month_to_each_periods_end() {
        let jan = 2026 * 12;
        let kind = |label: &str| {
            (0..8u8)
                .find(|d| super::super::rollup::DetailKind::LicenceKind.label(*d) == Some(label))
                .unwrap()
        };
        let cell = |region: u128, month: i32, measure: Measure, detail: u8| CellKey {
            region: Uuid::from_u128(region),
            month,
            measure,
            detail,
        };
        let cells: BTreeMap<CellKey, i64> = [
            // Registered before the span: counted in its stocks.
            (cell(1, jan - 5, Measure::MinersNew, 0), 10),
            (cell(1, jan - 5, Measure::LicencesNew, kind("claim")), 3),
            (cell(1, jan - 5, Measure::LicencesNew, kind("buyer")), 2),
            (cell(1, jan + 1, Measure::MinersNew, 0), 5),
            (cell(1, jan + 1, Measure::ProductionRecords, 0), 1),
            (cell(1, jan + 4, Measure::LicencesExpired, kind("buyer")), 1),
            (cell(1, jan + 4, Measure::LicencesNew, kind("exporter")), 1),
            (cell(1, jan + 4, Measure::ProductionRecords, 0), 1),
            (cell(2, jan + 4, Measure::MinersNew, 0), 7),
            // After the span: not yet.
            (cell(1, jan + 9, Measure::MinersNew, 0), 100),
        ]
        .into_iter()
        .collect();
        let regions = [Uuid::from_u128(1), Uuid::from_u128(2)];
        let rows = control_rows(&cells, &regions, &regions, Period::Quarter, jan, jan + 5);
        let row = |p: &str, r: Option<u128>| {
            rows.iter()
                .find(|x| x.period == p && x.region == r.map(Uuid::from_u128))
                .unwrap_or_else(|| panic!("{p} {r:?}: {rows:?}"))
        };
        let q1 = row("2026-Q1", Some(1));
        assert_eq!(
            (
                q1.miners_registered,
                q1.licences_active,
                q1.mining_licences_active,
                q1.dealers_active,
                q1.exporters_active
            ),
            (15, 5, 3, 2, 0)
        );
        let q2 = row("2026-Q2", Some(1));
        assert_eq!(
            (q2.miners_registered, q2.dealers_active, q2.exporters_active),
            (15, 1, 1)
        );
        assert_eq!(row("2026-Q2", None).miners_registered, 22, "both regions");
        let mut with_estimate = q2.clone();
        with_estimate.set_estimate(Some(60));
        assert_eq!(with_estimate.miner_coverage, Some(0.25));
        with_estimate.set_estimate(None);
        assert_eq!(with_estimate.miner_coverage, None);
    }
}
