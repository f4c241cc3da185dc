//! First-sync pull throughput and server memory: the real server (release build) loaded
//! with productions through signed pushes, then a freshly enrolled device pulls every
//! record of its regions page by page, as a handset's first sync does (signed requests,
//! binary pages of at most 5,000 changes). The server's resident memory is read from
//! `/proc` after the load and after the pull. In the same run, PouchDB Server (in memory)
//! is loaded with as many production documents and a fresh replica reads
//! `_changes?include_docs=true` in pages of the same size.
//!
//! `cargo bench --bench pull`. Environment: `PLACER_BENCH_RECORDS` (200,000),
//! `PLACER_BENCH_PEER` (`0` to skip PouchDB).

#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;
#[path = "pouchdb/peer.rs"]
mod peer;

use std::path::Path;
use std::time::Instant;

use harness::*;
use sync_protocol::api::{PullPage, PullRequest, BINARY, PATH_PULL};
use sync_protocol::batch::Signed;
use sync_protocol::codec;

/// Changes per pull page: the server's cap.
const PAGE: u32 = 5_000;
/// Productions per pushed batch while loading.
const LOAD_BATCH: usize = 2_000;
/// Devices loading in parallel.
const LOADERS: usize = 8;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Resident and peak resident memory of a process, in MiB.
fn memory_mib(pid: u64) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn server_pid(server: &Server) -> u64 {
    let info: serde_json::Value =
        serde_json::from_slice(&std::fs::read(server.data.join("server.json")).unwrap()).unwrap();
    info["pid"].as_u64().unwrap()
}

struct Placer {
    records: usize,
    load_seconds: f64,
    pull_seconds: f64,
    pages: usize,
    bytes: usize,
    rss_loaded: (f64, f64),
    rss_pulled: (f64, f64),
    disk_bytes: u64,
}

fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let m = e.metadata().unwrap();
        total += if m.is_dir() {
            dir_bytes(&e.path())
        } else {
            m.len()
        };
    }
    total
}

fn placer_run(records: usize) -> Placer {
    let server = Spawn::new().env("PLACER_LOG", "warn").start();
    let regions = [region(1), region(2)];
    let per_loader = records.div_ceil(LOADERS);
    eprintln!("loading {records} productions through {LOADERS} devices");
    let bar = indicatif::ProgressBar::new(records as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("loading [{bar:30}] {pos}/{len} {per_sec}")
            .unwrap()
            .progress_chars("=> "),
    );
    let started = Instant::now();
    let loaders: Vec<_> = (0..LOADERS)
        .map(|i| {
            let mut d = RawDevice::enrol(&server, &format!("Loader {i}"), &regions);
            let bar = bar.clone();
            let quota = per_loader.min(records.saturating_sub(i * per_loader));
            std::thread::spawn(move || {
                let claim = ops::licence(regions[i % 2]);
                let licence = claim.record;
                d.push_ops(vec![claim]);
                let mut left = quota;
                while left > 0 {
                    let n = left.min(LOAD_BATCH);
                    d.push_ops(
                        (0..n)
                            .map(|_| ops::production(regions[i % 2], licence, &[25, 110, 7]))
                            .collect(),
                    );
                    left -= n;
                    bar.inc(n as u64);
                }
            })
        })
        .collect();
    for l in loaders {
        l.join().unwrap();
    }
    let load_seconds = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let pid = server_pid(&server);
    let rss_loaded = memory_mib(pid);

    let reader = RawDevice::enrol(&server, "First sync", &regions);
    let client = server.http();
    let (mut cursor, mut nonce, mut pulled, mut pages, mut bytes) = (0u64, 0u64, 0usize, 0, 0);
    let started = Instant::now();
    loop {
        nonce += 1;
        let request = PullRequest {
            device: reader.id,
            nonce,
            cursor,
            regions: Vec::new(),
            limit: PAGE,
        };
        let body = Signed::seal(&request, &reader.key)
            .unwrap()
            .to_bytes()
            .unwrap();
        let r = client
            .post(format!("{}{PATH_PULL}", server.url))
            .header("content-type", BINARY)
            .header("accept", BINARY)
            .body(body)
            .send()
            .unwrap();
        assert!(r.status().is_success(), "pull: {}", r.status());
        let raw = r.bytes().unwrap();
        bytes += raw.len();
        let page: PullPage = codec::decode(&raw).unwrap();
        pulled += page.changes.len();
        pages += 1;
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    let pull_seconds = started.elapsed().as_secs_f64();
    // Every production, and each loader's licence.
    assert_eq!(
        pulled,
        records + LOADERS,
        "a first sync receives every record"
    );
    let rss_pulled = memory_mib(pid);
    let disk_bytes = dir_bytes(&server.data.join("log")) + dir_bytes(&server.data.join("state"));
    Placer {
        records: pulled,
        load_seconds,
        pull_seconds,
        pages,
        bytes,
        rss_loaded,
        rss_pulled,
        disk_bytes,
    }
}

/// PouchDB Server in memory: (docs, seconds, pages, bytes).
fn pouchdb_run(records: usize) -> Option<(usize, f64, usize, usize)> {
    let peer = peer::Peer::start()?;
    eprintln!("loading PouchDB Server with {records} documents, then reading its _changes");
    let v = peer.run(
        "pull.mjs",
        &["--docs", &records.to_string(), "--page", &PAGE.to_string()],
    )?;
    Some((
        v["docs"].as_u64()? as usize,
        v["seconds"].as_f64()?,
        v["pages"].as_u64()? as usize,
        v["bytes"].as_u64()? as usize,
    ))
}

fn main() {
    let records = env_or("PLACER_BENCH_RECORDS", 200_000);
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let p = placer_run(records);
    let peer = if std::env::var("PLACER_BENCH_PEER").as_deref() == Ok("0") {
        None
    } else {
        pouchdb_run(records)
    };
    println!(
        "\nfirst-sync pull of {} records, pages of {PAGE}, {cores} cores\n",
        p.records
    );
    println!("| server | records | seconds | records/s | pages | bytes/record |");
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "| Placer (signed pull, binary pages) | {} | {:.2} | {:.0} | {} | {:.0} |",
        p.records,
        p.pull_seconds,
        p.records as f64 / p.pull_seconds,
        p.pages,
        p.bytes as f64 / p.records as f64
    );
    if let Some((docs, seconds, pages, bytes)) = peer {
        println!(
            "| pouchdb-server 4.2.0 (_changes, include_docs, in memory) | {docs} | {seconds:.2} | {:.0} | {pages} | {:.0} |",
            docs as f64 / seconds,
            bytes as f64 / docs as f64
        );
        println!(
            "\nPlacer / PouchDB pull throughput: {:.1}x",
            (p.records as f64 / p.pull_seconds) / (docs as f64 / seconds)
        );
    }
    println!(
        "\nPlacer server: loaded {} records in {:.1} s ({:.0}/s); resident memory {:.0} MiB \
         (peak {:.0} MiB) after the load, {:.0} MiB (peak {:.0} MiB) after the pull; \
         data directory {:.0} bytes per record",
        p.records,
        p.load_seconds,
        p.records as f64 / p.load_seconds,
        p.rss_loaded.0,
        p.rss_loaded.1,
        p.rss_pulled.0,
        p.rss_pulled.1,
        p.disk_bytes as f64 / p.records as f64
    );
}
