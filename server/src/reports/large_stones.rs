//! The large-stone register (pure rendering): every stone of a production at or above its
//! mineral's large size (`flags::MineralThresholds::large_stone_hundredths`: 2 ct for
//! diamonds, 250 ct of gold, a nugget), one row per stone, as alluvial producers keep a
//! register of their large stones apart from the daily production. Such a stone is a lucky
//! find, not a sign of fraud: the productivity check leaves it out, and the register is
//! where an officer follows it (who found it, where, and to whom it was sold).
//!
//! The register is kept at ingest (`G` month, region, production in the checks' key space),
//! so a period's register reads its own entries, not every production.
//!
//! # CSV columns
//! `date, production, region, region_name, licence, licence_number, miner, miner_names,
//! mineral, carats, lon, lat, accuracy_m, diggers` (carats with two decimals; a miner or
//! licence the registry does not hold is empty).

use serde::Serialize;
use uuid::Uuid;

use super::hundredths;

/// The JSON schema version of the register.
pub const VERSION: u32 = 1;

/// One large stone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LargeStone {
    pub date: String,
    pub production: Uuid,
    pub region: Uuid,
    pub region_name: String,
    pub licence: Uuid,
    pub licence_number: Option<String>,
    pub miner: Option<Uuid>,
    pub miner_names: Option<String>,
    pub mineral: String,
    pub carats_hundredths: u64,
    pub lon: f64,
    pub lat: f64,
    pub accuracy_m: u32,
    pub diggers: u32,
}

/// The stones of one production at or above `large` hundredths, heaviest first.
pub fn large_ones(weights: &[u64], large: u64) -> Vec<u64> {
    let mut out: Vec<u64> = weights.iter().copied().filter(|w| *w >= large).collect();
    out.sort_unstable_by(|a, b| b.cmp(a));
    out
}

pub fn to_csv(rows: &[LargeStone]) -> Result<String, csv::Error> {
    let mut w = crate::reports::sheet::Sheet::new();
    w.row([
        "date",
        "production",
        "region",
        "region_name",
        "licence",
        "licence_number",
        "miner",
        "miner_names",
        "mineral",
        "carats",
        "lon",
        "lat",
        "accuracy_m",
        "diggers",
    ])?;
    for r in rows {
        w.row([
            r.date.clone(),
            r.production.to_string(),
            r.region.to_string(),
            r.region_name.clone(),
            r.licence.to_string(),
            r.licence_number.clone().unwrap_or_default(),
            r.miner.map(|m| m.to_string()).unwrap_or_default(),
            r.miner_names.clone().unwrap_or_default(),
            r.mineral.clone(),
            hundredths(i64::try_from(r.carats_hundredths).unwrap_or(i64::MAX)),
            format!("{:.6}", r.lon),
            format!("{:.6}", r.lat),
            r.accuracy_m.to_string(),
            r.diggers.to_string(),
        ])?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_large_stones_of_a_site_day_heaviest_first() {
        assert_eq!(
            large_ones(&[15, 250, 199, 200, 1_060], 200),
            [1_060, 250, 200]
        );
        assert!(large_ones(&[15, 199], 200).is_empty());
    }

    #[test]
    fn the_csv_names_the_licence_and_the_miner() {
        let row = LargeStone {
            date: "2026-05-02".into(),
            production: Uuid::from_u128(1),
            region: Uuid::from_u128(2),
            region_name: "Kono".into(),
            licence: Uuid::from_u128(3),
            licence_number: Some("SL-AP-0007".into()),
            miner: None,
            miner_names: None,
            mineral: "diamond".into(),
            carats_hundredths: 1_060,
            lon: -10.95,
            lat: 8.65,
            accuracy_m: 8,
            diggers: 5,
        };
        let csv = to_csv(&[row]).unwrap();
        assert!(
            csv.contains(",Kono,00000000-0000-0000-0000-000000000003,SL-AP-0007,,,diamond,10.60,-10.950000,8.650000,8,5"),
            "{csv}"
        );
    }
}
