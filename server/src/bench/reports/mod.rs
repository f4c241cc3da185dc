//! The reports benchmark (`placer bench reports`): a synthetic country of 200 districts,
//! 10 million productions over 24 months loaded through the real ingest, then the national
//! report and one regional report timed through [`Core::report`], the function the HTTP
//! handler calls, JSON rendered. Timing is reported, never asserted.
//!
//! - [`country`]: the regions and districts, and where licences and fixes lie (pure).
//! - [`dataset`]: the productions of each district and month, as ops and as CSV rows (pure).
//! - [`load`]: the import, the enrolments and the pushes.
//!
//! A data directory given with `--data` keeps a marker of the dataset it holds; a later run
//! on the same dataset skips the load. `--rows-csv` writes the very productions that were
//! pushed, so a peer database can compute the same report (`tests/bench/reports.rs`). The
//! last line of the output is one JSON object for that harness.

pub mod country;
pub mod dataset;
pub mod load;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde_json::{json, Value};
use uuid::Uuid;

use self::dataset::{csv_row, site_days, Spec, CSV_HEADER, LAST_MONTH, VERSION};
use self::load::{Country, LoadFigures};
use crate::auth::Officer;
use crate::core::{Core, ReportKind};
use crate::error::{Result, ServerError};
use crate::reports::rollup::month_label;

/// What `placer bench reports` was asked.
#[derive(Debug, Clone)]
pub struct Config {
    pub spec: Spec,
    /// A data directory to keep (and reuse); a temporary one otherwise.
    pub data: Option<PathBuf>,
    pub rows_csv: Option<PathBuf>,
    /// Timed runs of each report.
    pub runs: usize,
}

/// The file in the data directory that says which dataset it holds; written once the load
/// is complete and flushed.
const MARKER: &str = "bench-reports.json";

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Marker {
    version: u32,
    spec: Spec,
    load: LoadFigures,
}

fn read_marker(data: &Path) -> Option<Marker> {
    let text = std::fs::read_to_string(data.join(MARKER)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Disk space the directory takes (allocated blocks, as `du` counts them).
fn disk_bytes(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => disk_bytes(&e.path()),
                    Ok(m) => m.blocks() * 512,
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Writes the dataset's productions as CSV ([`CSV_HEADER`]).
pub fn write_rows(spec: &Spec, path: &Path) -> Result<()> {
    let bar = crate::progress::count_bar(spec.records, "writing the rows CSV");
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "{CSV_HEADER}")?;
    for district in 0..spec.districts {
        for offset in 0..spec.months {
            let days = site_days(spec, district, offset);
            for s in &days {
                writeln!(out, "{}", csv_row(spec, s))?;
            }
            bar.inc(days.len() as u64);
        }
    }
    out.flush()?;
    bar.finish_and_clear();
    Ok(())
}

/// Milliseconds of a first run and of the timed runs after it.
#[derive(Debug, Clone, serde::Serialize)]
struct Timing {
    first: f64,
    median: f64,
    p95: f64,
    min: f64,
    max: f64,
}

/// The nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Runs `f` once untimed-but-noted, then `runs` times; returns the timings and the first
/// run's output.
fn time(runs: usize, f: impl Fn() -> Result<Vec<u8>>) -> Result<(Timing, Vec<u8>)> {
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let out = f()?;
    let first = ms(t);
    let mut all = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f()?);
        all.push(ms(t));
    }
    all.sort_by(f64::total_cmp);
    Ok((
        Timing {
            first,
            median: percentile(&all, 0.5),
            p95: percentile(&all, 0.95),
            min: all[0],
            max: all[all.len() - 1],
        },
        out,
    ))
}

/// A report as the HTTP handler answers it: [`Core::report`], then the JSON rendered.
fn rendered(
    core: &Core,
    kind: &str,
    region: Option<Uuid>,
    period: Option<&str>,
    from: i32,
    to: i32,
) -> Result<Vec<u8>> {
    let kind = ReportKind::parse(kind, period)?;
    let report = core.report(&Officer::local_admin(), kind, region, from, to)?;
    serde_json::to_vec(&crate::http::render::json(kind, &report, from, to))
        .map_err(|e| ServerError::Other(e.to_string()))
}

/// The national report's production and control figures, per quarter, nationally (region
/// `null`) and per first-level region (by number), for the peer's check.
fn totals(national: &[u8], country: &Country) -> Result<Vec<Value>> {
    let report: Value =
        serde_json::from_slice(national).map_err(|e| ServerError::Other(e.to_string()))?;
    let rows = report["rows"].as_array().cloned().unwrap_or_default();
    Ok(rows
        .iter()
        .filter_map(|r| {
            let region = match r["region"].as_str() {
                None => Value::Null,
                Some(id) => {
                    let n = country.regions.iter().position(|x| x.to_string() == id)?;
                    json!(n + 1)
                }
            };
            Some(json!({
                "period": r["period"],
                "region": region,
                "records": r["production_records"],
                "carats_hundredths": r["carats_hundredths"],
                "stones": r["stones"],
                "inside_licence": r["carats_inside_licence"],
                "valid_licence": r["carats_on_valid_licence"],
                "registered_miner": r["carats_by_registered_miner"],
            }))
        })
        .collect())
}

pub fn run(cfg: Config) -> Result<String> {
    let spec = cfg.spec;
    if spec.districts == 0 || spec.months == 0 || cfg.runs == 0 {
        return Err(ServerError::Other(
            "--districts, --months and --runs must be at least 1".into(),
        ));
    }
    let (data, temporary) = match &cfg.data {
        Some(d) => (d.clone(), false),
        None => (
            std::env::temp_dir().join(format!("placer-bench-reports-{}", std::process::id())),
            true,
        ),
    };
    let marker = read_marker(&data).filter(|m| m.version == VERSION && m.spec == spec);
    let empty = std::fs::read_dir(&data).map_or(true, |mut d| d.next().is_none());
    if marker.is_none() && !empty {
        return Err(ServerError::Other(format!(
            "{} holds other data or an unfinished load; give an empty or new directory",
            data.display()
        )));
    }
    let (core, _) = Core::open(&data)?;
    let core = Arc::new(core);
    let layout = spec.layout();
    let country = load::import_country(&core, &layout, &data.join("bench-geo"))?;
    let (load, loaded_now) = match marker {
        Some(m) => (m.load, false),
        None => {
            let figures = load::load(core.clone(), &spec, &country)?;
            core.flush()?;
            let m = Marker {
                version: VERSION,
                spec,
                load: figures,
            };
            std::fs::write(
                data.join(MARKER),
                serde_json::to_string_pretty(&m).expect("serializable"),
            )?;
            (figures, true)
        }
    };
    let disk = disk_bytes(&data);
    if let Some(path) = &cfg.rows_csv {
        write_rows(&spec, path)?;
    }

    let (from, to) = (spec.first_month(), LAST_MONTH);
    let region = country.regions[0];
    let (national, national_out) = time(cfg.runs, || {
        rendered(&core, "national", None, Some("quarter"), from, to)
    })?;
    let (regional, regional_out) = time(cfg.runs, || {
        rendered(&core, "regional", Some(region), None, from, to)
    })?;
    let totals = totals(&national_out, &country)?;
    core.shutdown();
    drop(core);
    if temporary {
        let _ = std::fs::remove_dir_all(&data);
    }

    let line = json!({
        "bench": "reports",
        "records": spec.records,
        "districts": spec.districts,
        "regions": layout.regions(),
        "months": spec.months,
        "from": month_label(from),
        "to": month_label(to),
        "runs": cfg.runs,
        "load": {
            "loaded_now": loaded_now,
            "records": load.records,
            "batches": load.batches,
            "setup_seconds": load.setup_seconds,
            "seconds": load.seconds,
            "records_per_s": load.records_per_s,
        },
        "disk_bytes": disk,
        "national_ms": national,
        "national_bytes": national_out.len(),
        "regional_ms": regional,
        "regional_bytes": regional_out.len(),
        "totals": totals,
    });
    let gib = |b: u64| b as f64 / (1u64 << 30) as f64;
    let mut out = format!(
        "reports bench: {} productions, {} districts in {} regions, {} months ({} to {})\n",
        spec.records,
        spec.districts,
        layout.regions(),
        spec.months,
        month_label(from),
        month_label(to),
    );
    out.push_str(&format!(
        "load{}: {:.1} s, {:.0} productions/s ({} batches; enrolment and registrations {:.1} s); data directory {:.2} GiB\n",
        if loaded_now { "" } else { " (earlier, same dataset)" },
        load.seconds,
        load.records_per_s,
        load.batches,
        load.setup_seconds,
        gib(disk),
    ));
    let line_of = |name: &str, t: &Timing, bytes: usize| {
        format!(
            "{name}: median {:.1} ms, p95 {:.1} ms, min {:.1} ms, first {:.1} ms over {} runs ({} bytes of JSON)\n",
            t.median, t.p95, t.min, t.first, cfg.runs, bytes
        )
    };
    out.push_str(&line_of(
        "national report (quarters, JSON rendered)",
        &national,
        national_out.len(),
    ));
    out.push_str(&line_of(
        &format!("regional report ({})", country::region_name(0)),
        &regional,
        regional_out.len(),
    ));
    out.push_str(&line.to_string());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), 10.0);
        assert_eq!(percentile(&v, 0.95), 19.0);
        assert_eq!(percentile(&[3.0], 0.95), 3.0);
    }

    /// The national rows of the CSV, summed as the peer sums them.
    fn national_sums(csv: &str) -> std::collections::BTreeMap<String, [i64; 6]> {
        let mut sums = std::collections::BTreeMap::new();
        for line in csv.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let month: i32 = f[2][5..7].parse().unwrap();
            let period = format!("{}-Q{}", &f[2][..4], (month - 1) / 3 + 1);
            let carats: i64 = f[3].parse().unwrap();
            let s: &mut [i64; 6] = sums.entry(period).or_default();
            s[0] += 1;
            s[1] += carats;
            s[2] += f[4].parse::<i64>().unwrap();
            for (i, flag) in f[5..8].iter().enumerate() {
                s[3 + i] += if *flag == "true" { carats } else { 0 };
            }
        }
        sums
    }

    #[test]
    fn the_national_report_adds_up_to_the_rows_pushed_and_a_second_run_reuses_the_load() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = Config {
            spec: Spec {
                records: 3_000,
                districts: 4,
                months: 3,
            },
            data: Some(dir.path().join("data")),
            rows_csv: Some(dir.path().join("rows.csv")),
            runs: 2,
        };
        let out = run(cfg.clone()).unwrap();
        let line: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
        assert_eq!(line["load"]["loaded_now"], true);
        let sums = national_sums(&std::fs::read_to_string(dir.path().join("rows.csv")).unwrap());
        assert_eq!(sums.keys().collect::<Vec<_>>(), ["2026-Q3", "2026-Q4"]);
        let national: Vec<&Value> = line["totals"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["region"].is_null())
            .collect();
        assert_eq!(national.len(), sums.len());
        for t in national {
            let s = sums[t["period"].as_str().unwrap()];
            let placer = [
                "records",
                "carats_hundredths",
                "stones",
                "inside_licence",
                "valid_licence",
                "registered_miner",
            ]
            .map(|k| t[k].as_i64().unwrap());
            assert_eq!(placer, s, "{t}");
            // Every control is tested: none is all or nothing.
            assert!(s[3..].iter().all(|c| *c > 0 && *c < s[1]), "{t}");
        }
        let again: Value = serde_json::from_str(run(cfg).unwrap().lines().last().unwrap()).unwrap();
        assert_eq!(again["load"]["loaded_now"], false);
        assert_eq!(again["totals"], line["totals"]);
    }
}
