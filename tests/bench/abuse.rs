//! A login flood against the real server (release build): what an officer's login costs
//! while 64 connections from another machine try passwords as fast as they can.
//!
//! `cargo bench --bench abuse`. The server listens on every address (`--insecure-http`);
//! the flood comes from this machine's network address, the officer from loopback (which is
//! not counted per address, as a reverse proxy on the same machine would not be). Printed:
//! the officer's login time (median and 95th percentile) with no flood and during the
//! flood, and how the flood was answered (401 while its 20 free failures last, then 429
//! without a password hash).

#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use harness::*;

const FLOOD: usize = 64;
const SAMPLES: usize = 30;

fn login_times(url: &str, n: usize) -> (f64, f64) {
    let client = reqwest::blocking::Client::new();
    let mut ms: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            let r = client
                .post(format!("{url}/v1/auth/login"))
                .json(&serde_json::json!({"user": "real.officer", "password": OFFICER_PASSWORD}))
                .send()
                .unwrap();
            assert_eq!(r.status(), 200);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[n / 2], ms[n * 95 / 100])
}

fn main() {
    let Some(ip) = network_address() else {
        println!("no network address besides loopback: the flood cannot come from elsewhere");
        return;
    };
    let server = Spawn::new()
        .listen("0.0.0.0:0")
        .arg("--insecure-http")
        .start();
    let port = server.url.rsplit(':').next().unwrap().to_string();
    let local = format!("http://127.0.0.1:{port}");
    let remote = format!("http://{ip}:{port}");
    let (ok, out) = add_user(&server.data, "real.officer", "admin", &[], OFFICER_PASSWORD);
    assert!(ok, "{out}");

    let (quiet_median, quiet_p95) = login_times(&local, SAMPLES);

    let stop = Arc::new(AtomicBool::new(false));
    let (unauthorized, throttled, other) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
    );
    let flood: Vec<_> = (0..FLOOD)
        .map(|i| {
            let (stop, unauthorized, throttled, other) = (
                stop.clone(),
                unauthorized.clone(),
                throttled.clone(),
                other.clone(),
            );
            let remote = remote.clone();
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::new();
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let status = client
                        .post(format!("{remote}/v1/auth/login"))
                        .json(&serde_json::json!({
                            "user": format!("guess.{i}.{n}"),
                            "password": "wrong password",
                        }))
                        .send()
                        .map(|r| r.status().as_u16())
                        .unwrap_or(0);
                    match status {
                        401 => unauthorized.fetch_add(1, Ordering::Relaxed),
                        429 => throttled.fetch_add(1, Ordering::Relaxed),
                        _ => other.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(2));
    let started = Instant::now();
    let (flood_median, flood_p95) = login_times(&local, SAMPLES);
    let seconds = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for t in flood {
        t.join().unwrap();
    }
    let total = unauthorized.load(Ordering::Relaxed)
        + throttled.load(Ordering::Relaxed)
        + other.load(Ordering::Relaxed);
    println!("login flood: {FLOOD} connections from {ip}, the officer from loopback");
    println!("| | officer's login, median | 95th percentile |");
    println!("|---|---|---|");
    println!("| no flood | {quiet_median:.1} ms | {quiet_p95:.1} ms |");
    println!("| during the flood | {flood_median:.1} ms | {flood_p95:.1} ms |");
    println!(
        "flood answered: {total} requests in {:.1} s ({:.0}/s): {} 401, {} 429, {} other",
        seconds + 2.0,
        total as f64 / (seconds + 2.0),
        unauthorized.load(Ordering::Relaxed),
        throttled.load(Ordering::Relaxed),
        other.load(Ordering::Relaxed),
    );
}
