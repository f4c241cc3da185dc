//! The benchmarks the `placer bench` commands run, apart from the code they measure.
//!
//! - [`geo`]: point-to-region lookups over real borders cut into districts (`placer bench geo`).
//! - [`reports`]: the national and a regional report over a synthetic country loaded through
//!   the real ingest (`placer bench reports`).
//! - [`rebuild`]: a registry's log replayed into an empty state (`placer bench rebuild`).
//! - [`space`]: where a registry's disk goes, per key prefix (`placer bench space`).

pub mod geo;
pub mod rebuild;
pub mod reports;
pub mod space;
