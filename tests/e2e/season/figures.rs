//! The report figures in the shapes the reports give them, computed by the books and read
//! from the server's answers. Carats in hundredths, US$ in cents, gravel in litres.

use std::collections::BTreeMap;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ExportSums {
    pub carats: i64,
    pub cents: i64,
    pub certificates: i64,
}

/// The ratios of a row, by name as the reports call them (`None` without a denominator).
pub type Ratios = BTreeMap<&'static str, Option<f64>>;

/// One region in one month of the regional rollup. Flags by kind; the CSV gives only
/// their totals (see [`RegionalRow::flag_totals`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RegionalRow {
    pub miners_new: i64,
    pub miners_total: i64,
    pub licences_new: i64,
    pub licences_expired: i64,
    pub licences_active: i64,
    pub production_records: i64,
    pub digger_days: i64,
    pub gravel_litres: i64,
    pub carats: i64,
    pub stones: i64,
    pub sales_cents: i64,
    pub sales_carats: i64,
    pub first_sales_cents: i64,
    pub first_sales_carats: i64,
    /// Gold dug, apart from diamonds' carats (1 ct = 200 mg).
    pub gold_milligrams: i64,
    pub flags_raised: BTreeMap<String, i64>,
    pub flags_resolved: BTreeMap<String, i64>,
    pub flags_closed: BTreeMap<String, i64>,
}

impl RegionalRow {
    /// Carats per stone, when any stone was counted.
    pub fn mean_stone_ct(&self) -> Option<f64> {
        (self.stones > 0).then(|| self.carats as f64 / 100.0 / self.stones as f64)
    }

    /// US$ per carat sold, when any carat was sold.
    pub fn usd_per_carat(&self) -> Option<f64> {
        (self.sales_carats > 0).then(|| self.sales_cents as f64 / self.sales_carats as f64)
    }

    pub fn ratios(&self) -> Ratios {
        Ratios::from([
            ("mean_stone_ct", self.mean_stone_ct()),
            ("usd_per_carat", self.usd_per_carat()),
        ])
    }

    /// The row with each flag map folded into one `"all"` total (the CSV's columns).
    pub fn flag_totals(&self) -> Self {
        let fold = |m: &BTreeMap<String, i64>| {
            let total: i64 = m.values().sum();
            BTreeMap::from([("all".to_string(), total)])
        };
        Self {
            flags_raised: fold(&self.flags_raised),
            flags_resolved: fold(&self.flags_resolved),
            flags_closed: fold(&self.flags_closed),
            ..self.clone()
        }
    }
}

/// One region (or the nation) in one period of the national internal-control report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ControlRow {
    pub production_records: i64,
    pub carats: i64,
    pub stones: i64,
    pub sales_cents: i64,
    pub sales_carats: i64,
    pub first_sales_cents: i64,
    pub first_sales_carats: i64,
    pub exports_cents: i64,
    pub exports_carats: i64,
    pub carats_inside: i64,
    pub carats_valid: i64,
    pub carats_registered: i64,
    pub flags_raised: i64,
    pub flags_resolved: i64,
    pub flags_closed: i64,
    pub late_records: i64,
    pub gold_milligrams: i64,
    /// Held at the end of the period (or of the span).
    pub miners_registered: i64,
    pub licences_active: i64,
    /// Licences with a site-day in the period.
    pub sites_visited: i64,
}

impl ControlRow {
    /// The row as the CSV gives it: the shares without their numerators.
    pub fn without_numerators(&self) -> Self {
        Self {
            carats_inside: 0,
            carats_valid: 0,
            carats_registered: 0,
            ..self.clone()
        }
    }

    /// The three control shares, when there was production.
    pub fn ratios(&self) -> Ratios {
        let share = |part: i64| (self.carats > 0).then(|| part as f64 / self.carats as f64);
        Ratios::from([
            ("share_inside_licence", share(self.carats_inside)),
            ("share_on_valid_licence", share(self.carats_valid)),
            ("share_by_registered_miner", share(self.carats_registered)),
        ])
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct KpProduction {
    pub carats: i64,
    pub stones: i64,
    /// The value of production: first sales only.
    pub first_sales_cents: i64,
    pub first_sales_carats: i64,
    /// Resales, apart.
    pub transfers_cents: i64,
    pub transfers_carats: i64,
}

/// KP statistics: production per half-year; exports per (quarter, HS code, destination).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Kp {
    pub production: BTreeMap<String, KpProduction>,
    /// By quarter, HS code and destination.
    pub exports: BTreeMap<(String, String, String), ExportSums>,
}

impl Kp {
    /// As the CSV gives it: everything but stones.
    pub fn csv_view(&self) -> Self {
        let production = self
            .production
            .iter()
            .map(|(period, p)| {
                let row = KpProduction {
                    stones: 0,
                    ..p.clone()
                };
                (period.clone(), row)
            })
            .collect();
        Self {
            production,
            exports: self.exports.clone(),
        }
    }
}
