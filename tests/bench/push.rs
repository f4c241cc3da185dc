//! Durable push throughput: many devices pushing signed batches of production ops over
//! HTTP to the real server (release build), every batch fsynced before its ack. Then the
//! same load against PouchDB Server's `_bulk_docs` (in memory, no sync to disk), side by
//! side, when npm is available.
//!
//! `cargo bench --bench push`. Environment: `PLACER_BENCH_DEVICES` (50),
//! `PLACER_BENCH_BATCHES` (batches per device, 10), `PLACER_BENCH_OPS` (ops per batch, 500),
//! `PLACER_BENCH_PEER` (`0` to skip PouchDB).

#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;
#[path = "pouchdb/peer.rs"]
mod peer;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use harness::*;
use sync_protocol::batch::Signed;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

struct Result {
    name: String,
    ops: usize,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
    bytes_per_op: f64,
    durable: &'static str,
}

fn placer_run(devices: usize, batches: usize, ops: usize, checks: bool, rollups: bool) -> Result {
    let mut spawn = Spawn::new().env("PLACER_LOG", "placer::core=info,warn");
    if !checks {
        spawn = spawn.env("PLACER_NO_CHECKS", "true");
    }
    if !rollups {
        spawn = spawn.env("PLACER_NO_ROLLUPS", "true");
    }
    let server = spawn.start();
    eprintln!("enrolling {devices} devices");
    let mut raw: Vec<RawDevice> = (0..devices)
        .map(|i| {
            RawDevice::enrol(
                &server,
                &format!("Bench agent {i}"),
                &[region(1), region(2)],
            )
        })
        .collect();
    eprintln!(
        "sealing {} batches of {ops} production ops",
        devices * batches
    );
    let mut bodies: Vec<Vec<Vec<u8>>> = Vec::new();
    let mut body_bytes = 0usize;
    for d in raw.iter_mut() {
        // Each device's productions are on a valid claim it registered first, so the
        // checks run their full course and find nothing wrong, as on most days.
        let claim = ops::licence(region(1));
        let licence = claim.record;
        d.push_ops(vec![claim]);
        let mut mine = Vec::new();
        for b in 0..batches {
            let r = if b % 2 == 0 { region(1) } else { region(2) };
            let (_, signed): (_, Signed) = d.seal(
                (0..ops)
                    .map(|_| ops::production(r, licence, &[25, 110, 7]))
                    .collect(),
            );
            d.accepted(&signed);
            let bytes = signed.to_bytes().unwrap();
            body_bytes += bytes.len();
            mine.push(bytes);
        }
        bodies.push(mine);
    }
    let bar = indicatif::ProgressBar::new((devices * batches) as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("pushing [{bar:30}] {pos}/{len} batches {per_sec}")
            .unwrap()
            .progress_chars("=> "),
    );
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let workers: Vec<_> = raw
        .into_iter()
        .zip(bodies)
        .map(|(d, mine)| {
            let latencies = latencies.clone();
            let bar = bar.clone();
            std::thread::spawn(move || {
                for body in mine {
                    let t = Instant::now();
                    let r = d.push_bytes(body);
                    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
                    latencies
                        .lock()
                        .unwrap()
                        .push(t.elapsed().as_secs_f64() * 1000.0);
                    bar.inc(1);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let stats = server.stats();
    let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-push-server.log");
    let _ = std::fs::write(&kept, server.log());
    eprintln!(
        "server log (per-batch check/log/apply times): {}",
        kept.display()
    );
    let total = devices * batches * ops;
    assert_eq!(
        stats["accepted_ops"].as_u64().unwrap() as usize,
        total + devices,
        "every op stored (and each device's licence)"
    );
    if checks {
        let flags = server.admin_get("/admin/flags?limit=10");
        assert_eq!(
            flags["items"],
            serde_json::json!([]),
            "valid claims raise nothing"
        );
    }
    let (entries, syncs) = (
        stats["log"]["entries_written"].as_u64().unwrap(),
        stats["log"]["syncs"].as_u64().unwrap(),
    );
    eprintln!(
        "batch log: {entries} entries, {syncs} fdatasync calls ({:.1} batches per sync)",
        entries as f64 / syncs.max(1) as f64
    );
    let mut l = latencies.lock().unwrap().clone();
    l.sort_by(|a, b| a.partial_cmp(b).unwrap());
    Result {
        name: format!(
            "Placer (binary, signed, fsync per group, checks {}, rollups {})",
            if checks { "on" } else { "off" },
            if rollups { "on" } else { "off" }
        ),
        ops: total,
        seconds,
        p50_ms: percentile(&l, 0.5),
        p99_ms: percentile(&l, 0.99),
        bytes_per_op: body_bytes as f64 / total as f64,
        durable: "yes (fdatasync before ack)",
    }
}

/// PouchDB Server in memory, through the scripts in tests/bench/pouchdb.
fn pouchdb_run(devices: usize, batches: usize, ops: usize) -> Option<Result> {
    let peer = peer::Peer::start()?;
    eprintln!("pushing the same load to PouchDB Server");
    let v = peer.run(
        "load.mjs",
        &[
            "--clients",
            &devices.to_string(),
            "--batches",
            &batches.to_string(),
            "--docs",
            &ops.to_string(),
        ],
    )?;
    Some(Result {
        name: v["peer"].as_str().unwrap_or("pouchdb-server").to_string()
            + " (JSON _bulk_docs, in memory)",
        ops: v["docs"].as_u64()? as usize,
        seconds: v["seconds"].as_f64()?,
        p50_ms: v["p50_ms"].as_f64()?,
        p99_ms: v["p99_ms"].as_f64()?,
        bytes_per_op: v["bytes_per_doc"].as_f64()?,
        durable: "no (memory)",
    })
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let devices = env_or("PLACER_BENCH_DEVICES", 50);
    let batches = env_or("PLACER_BENCH_BATCHES", 10);
    let ops = env_or("PLACER_BENCH_OPS", 500);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let mut results = vec![
        placer_run(devices, batches, ops, true, true),
        placer_run(devices, batches, ops, true, false),
        placer_run(devices, batches, ops, false, true),
    ];
    if std::env::var("PLACER_BENCH_PEER").as_deref() != Ok("0") {
        results.extend(pouchdb_run(devices, batches, ops));
    }
    println!();
    println!("push benchmark: {devices} concurrent devices x {batches} batches x {ops} production ops, {cores} cores");
    println!();
    println!("| server | ops | seconds | ops/s | p50 ms | p99 ms | bytes/op | durable |");
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    for r in &results {
        println!(
            "| {} | {} | {:.2} | {:.0} | {:.1} | {:.1} | {:.1} | {} |",
            r.name,
            r.ops,
            r.seconds,
            r.ops as f64 / r.seconds,
            r.p50_ms,
            r.p99_ms,
            r.bytes_per_op,
            r.durable
        );
    }
    let rate = |r: &Result| r.ops as f64 / r.seconds;
    println!();
    println!(
        "rollups on / rollups off throughput (checks on): {:.2}",
        rate(&results[0]) / rate(&results[1])
    );
    println!(
        "checks on / checks off throughput (rollups on): {:.2}",
        rate(&results[0]) / rate(&results[2])
    );
    if let [on, _, _, peer] = &results[..] {
        println!(
            "Placer (checks on) / PouchDB throughput ratio: {:.1}x",
            rate(on) / rate(peer)
        );
    }
}
