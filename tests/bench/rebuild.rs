//! Rebuild from the log, at several sizes, side by side: `placer demo` seasons (miners,
//! licences, productions, sales to exporters that export, as handsets send them) at several
//! scales, each then replayed from its log into an empty state by `placer bench rebuild`
//! (release build). Linear means the same seconds per million ops at every size.
//!
//! `cargo bench --bench rebuild`. Environment: `PLACER_BENCH_SCALES` (demo scales,
//! comma-separated, `1,3,10`: scale 1 is about 48,000 ops), `PLACER_BENCH_RUNS` (replays per
//! size, 3), `PLACER_BENCH_DATA` (where the demo directories are kept and reused;
//! `target/bench-rebuild` by default).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn placer() -> Command {
    Command::new(env!("CARGO_BIN_EXE_placer"))
}

/// A finished demo season of this scale in `dir` (made once; a later run reuses it).
fn season(dir: &Path, scale: &str) {
    if dir.join("demo.json").exists() {
        return;
    }
    let _ = std::fs::remove_dir_all(dir);
    eprintln!(
        "drawing and syncing a demo season at scale {scale} into {}",
        dir.display()
    );
    let mut demo = placer()
        .args([
            "demo",
            "--scale",
            scale,
            "--listen",
            "127.0.0.1:0",
            "--data",
        ])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start placer demo");
    let started = Instant::now();
    while !dir.join("demo.json").exists() {
        if let Some(status) = demo.try_wait().expect("demo status") {
            panic!("placer demo stopped: {status}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    eprintln!("  synced in {:.0} s", started.elapsed().as_secs_f64());
    let stopped = Command::new("kill")
        .args(["-TERM", &demo.id().to_string()])
        .status()
        .expect("kill");
    assert!(stopped.success());
    demo.wait().expect("demo exit");
}

fn main() {
    let scales = std::env::var("PLACER_BENCH_SCALES").unwrap_or_else(|_| "1,3,10".into());
    let runs = std::env::var("PLACER_BENCH_RUNS").unwrap_or_else(|_| "3".into());
    let root = std::env::var("PLACER_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-rebuild"));
    let mut rows = Vec::new();
    for scale in scales.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let dir = root.join(format!("scale-{scale}"));
        season(&dir, scale);
        let out = placer()
            .args(["bench", "rebuild", "--runs", &runs, "--data"])
            .arg(&dir)
            .stderr(Stdio::inherit())
            .output()
            .expect("run placer bench rebuild");
        assert!(out.status.success(), "placer bench rebuild failed");
        let text = String::from_utf8_lossy(&out.stdout);
        let line = text.lines().last().expect("a JSON line");
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
        eprintln!("{}", text.lines().next().unwrap_or_default());
        rows.push((scale.to_string(), v));
    }
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("\nrebuild from the log, {cores} cores, median of {runs} run(s)\n");
    println!("| demo scale | log entries | batches | ops | seconds | s per million ops |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for (scale, v) in &rows {
        println!(
            "| {scale} | {} | {} | {} | {:.2} | {:.1} |",
            v["log_entries"],
            v["batches"],
            v["ops"],
            v["median_seconds"].as_f64().unwrap_or(0.0),
            v["seconds_per_million_ops"].as_f64().unwrap_or(0.0)
        );
    }
}
