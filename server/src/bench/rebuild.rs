//! `placer bench rebuild --data DIR`: how long it takes to derive the whole state again
//! from a registry's batch log, as the server does at start after `state/` is lost or set
//! aside. The log is copied (consistently, so a running server may keep serving) into a
//! temporary directory and opened there with an empty state, once per run; the figure is
//! the replay's time per million ops. Timing is reported, never asserted.
//!
//! `cargo bench --bench rebuild` fills data directories with `placer demo` seasons of
//! several sizes (miners, licences, productions, sales to exporters with exports, in the
//! order handsets send them) and runs this on each, so that growth with the size of the log
//! shows side by side.

use std::path::PathBuf;
use std::time::Instant;

use serde_json::json;

use crate::batchlog::copy::copy_log;
use crate::core::{log_dir, Core};
use crate::error::{Result, ServerError};

#[derive(Debug, Clone)]
pub struct Config {
    /// The registry whose log is replayed (left untouched).
    pub data: PathBuf,
    pub runs: usize,
}

pub fn run(cfg: Config) -> Result<String> {
    if cfg.runs == 0 {
        return Err(ServerError::Other("--runs must be at least 1".into()));
    }
    if !log_dir(&cfg.data).is_dir() {
        return Err(ServerError::Other(format!(
            "{} holds no batch log",
            cfg.data.display()
        )));
    }
    let mut seconds = Vec::with_capacity(cfg.runs);
    let mut figures = None;
    for run in 0..cfg.runs {
        let scratch =
            std::env::temp_dir().join(format!("placer-bench-rebuild-{}-{run}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        copy_log(&log_dir(&cfg.data), &log_dir(&scratch), &|_| {})?;
        let started = Instant::now();
        let (core, recovery) = Core::open(&scratch)?;
        seconds.push(started.elapsed().as_secs_f64());
        let stats = core.stats(&crate::auth::Officer::local_admin())?.store;
        figures = Some((
            recovery.log_entries,
            stats.accepted_batches,
            stats.accepted_ops,
        ));
        drop(core);
        let _ = std::fs::remove_dir_all(&scratch);
    }
    let (entries, batches, ops) = figures.unwrap_or_default();
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    let per_million = median * 1_000_000.0 / (ops.max(1) as f64);
    let line = json!({
        "bench": "rebuild",
        "log_entries": entries,
        "batches": batches,
        "ops": ops,
        "runs": cfg.runs,
        "median_seconds": median,
        "min_seconds": seconds[0],
        "seconds_per_million_ops": per_million,
        "us_per_op": median * 1e6 / (ops.max(1) as f64),
    });
    Ok(format!(
        "rebuild of {ops} ops ({batches} batches, {entries} log entries): median {median:.2} s \
         over {} run(s), {per_million:.1} s per million ops\n{line}",
        cfg.runs
    ))
}
