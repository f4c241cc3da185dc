//! Reports (ARCHITECTURE.md, "Reports"): rollup cells kept at ingest and the statistics the
//! national internal-control report, the KP statistics and the footprint comparison need.
//!
//! - [`rollup`]: the cells and the exact deltas a record's change moves them by (pure).
//! - [`regional`]: the regional rollup per region and month, in JSON and CSV.
//! - [`kp`]: Kimberley Process statistics: production per half-year, exports and imports per
//!   quarter by HS code and partner country.
//! - [`national`]: the national internal-control report per quarter or half-year.
//! - [`footprint`]: size-frequency distributions of stones and their comparison with a
//!   reference by a named statistic (pure).
//! - [`exports`]: export monitoring per exporter and quarter: stock balance, price against
//!   the median and the valuation, parcels' footprint against the sources', risk ranking
//!   (pure).
//! - [`dealers`]: the licensed dealers' stock balances per quarter, by the same balance.
//! - [`large_stones`]: the large-stone register, one row per stone.
//! - [`sheet`]: every CSV the server writes, its cells safe for a spreadsheet (pure).
//! - [`gold`]: gold's fineness by assay, and the fine gold it holds (pure).
//! - [`reference`]: reference footprints kept per region, from a period or imported (pure).

pub mod dealers;
pub mod exports;
pub mod footprint;
pub mod gold;
pub mod kp;
pub mod large_stones;
pub mod national;
pub mod reference;
pub mod regional;
pub mod rollup;
pub mod sheet;

/// The longest span a report or a page covers, in months: ten years. A longer one is
/// refused rather than computed (a span from 1900 to 9999 is a request for gigabytes).
pub const MAX_SPAN_MONTHS: i32 = 120;

/// A value's name as the JSON API spells it (`"artisanal_permit"`), for enums without a
/// `name()` of their own: the same word in JSON, CSV and pages.
pub fn wire_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Hundredths (of a carat, of a dollar) as a decimal with two places: 125 → `1.25`.
pub fn hundredths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:02}",
        v.unsigned_abs() / 100,
        v.unsigned_abs() % 100
    )
}
