//! Crashes of the server and of devices at chosen points lose nothing and double nothing.
//!
//! Chosen points use `PLACER_FAILPOINT`, which aborts the real process there as abruptly as
//! `kill -9`; the load test uses a real SIGKILL at an arbitrary moment.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value as Json;
use uuid::Uuid;

use crate::harness::*;

/// Records a miner, a licence and a production on `d` (three ops, nothing synced).
fn field_day(d: &Device) {
    let m = d.add_miner("Abena Owusu", 1988, &[]);
    let l = d.add_licence("GH-AP-0099", "claim", &m);
    d.ok(&[
        "production",
        "add",
        "--licence",
        &l,
        "--date",
        "2026-11-03",
        "--lat",
        "5.30",
        "--lon",
        "-1.99",
        "--diggers",
        "3",
        "--stones",
        "0.12",
    ]);
}

fn records(stats: &Json) -> (u64, u64, u64) {
    let r = &stats["records"];
    (
        r["miner"].as_u64().unwrap(),
        r["licence"].as_u64().unwrap(),
        r["production"].as_u64().unwrap(),
    )
}

/// The server dies at `point` while accepting the device's batch; the device's sync fails.
/// After a restart on the same address, the device resends and everything is there once.
fn lost_ack_is_recovered(point: &str) {
    let mut first = Spawn::new().env("PLACER_FAILPOINT", point).start();
    let tmp = first.take_tmp();
    let data = first.data.clone();
    let addr = first.addr();
    let device = first.device("Ama", &[region(1)]);
    field_day(&device);

    let out = device.run(&["sync", "--attempts", "1"]);
    assert!(!out.status.success(), "the sync must fail: the server died");
    assert!(
        first.wait_exit(Duration::from_secs(10)),
        "the failpoint stopped the server"
    );
    assert_eq!(
        device.status()["outbox_batches"],
        1,
        "the sealed batch waits in the outbox"
    );

    let server = Spawn::new().data(&data).listen(&addr).start();
    assert!(
        server.log().contains("reapplied=1") || point == "server-after-apply",
        "the logged batch was re-applied at start: {}",
        server.log()
    );
    let before = server.stats();
    assert_eq!(
        before["accepted_batches"], 1,
        "logged before the crash, so accepted"
    );
    assert_eq!(records(&before), (1, 1, 1));

    let report = device.sync();
    assert_eq!(
        report["batches_acknowledged"], 1,
        "the resend is acknowledged"
    );
    // The resend adds nothing. The openings the first sync never sent go up now: they open
    // the miner's values, one change of one record, placed in the log.
    assert_eq!(report["values_opened"], 3, "{report}");
    let mut after = server.stats();
    assert_eq!(
        after["change_seq"].as_u64().unwrap(),
        before["change_seq"].as_u64().unwrap() + 1
    );
    for key in ["change_seq", "log"] {
        after[key] = before[key].clone();
    }
    assert_eq!(after, before, "the resend changed nothing");
    assert_eq!(device.status()["outbox_batches"], 0);

    let observer = server.device("Officer", &[region(1)]);
    observer.sync();
    assert_eq!(observer.list("miners").len(), 1);
    assert_eq!(observer.list("production").len(), 1);
    drop(tmp);
}

#[test]
fn a_lost_acknowledgement_after_the_log_sync_is_recovered() {
    lost_ack_is_recovered("server-after-log");
}

#[test]
fn a_lost_acknowledgement_after_the_apply_is_recovered() {
    lost_ack_is_recovered("server-after-apply");
}

#[test]
fn a_crash_before_the_log_sync_acknowledges_nothing_and_loses_nothing() {
    let mut server = spawn_server();
    let tmp = server.take_tmp();
    let data = server.data.clone();
    let addr = server.addr();
    let device = server.device("Ama", &[region(1)]);
    field_day(&device);
    server.kill9();

    let mut armed = Spawn::new()
        .data(&data)
        .listen(&addr)
        .env("PLACER_FAILPOINT", "log-before-sync")
        .start();
    assert!(
        !device.run(&["sync", "--attempts", "1"]).status.success(),
        "no acknowledgement before the sync"
    );
    assert!(armed.wait_exit(Duration::from_secs(10)));

    let server = Spawn::new().data(&data).listen(&addr).start();
    device.sync();
    let stats = server.stats();
    assert_eq!(
        records(&stats),
        (1, 1, 1),
        "written but not synced: kept or resent, never doubled"
    );
    assert_eq!(stats["accepted_batches"], 1);
    drop(tmp);
}

/// The device process dies at `point` during `sync`; the next sync completes and the
/// server holds every op exactly once.
fn device_crash_is_recovered(point: &str, outbox_after_crash: u64) {
    let server = spawn_server();
    let device = server.device("Ama", &[region(1)]);
    let colleague = server.device("Kwame", &[region(1)]);
    colleague.add_miner("Colleague Miner", 1975, &[]);
    colleague.sync();
    field_day(&device);
    let pending = device.status()["pending_ops"].as_u64().unwrap();
    assert_eq!(pending, 3);

    let out = device.run_env(&["sync"], &[("PLACER_FAILPOINT", point)]);
    assert!(
        !out.status.success(),
        "the device process aborted at {point}"
    );
    let status = device.status();
    assert_eq!(
        status["pending_ops"], 0,
        "sealed ops left the pending queue atomically"
    );
    assert_eq!(status["outbox_batches"], outbox_after_crash, "{status}");

    let report = device.sync();
    assert_eq!(device.status()["outbox_batches"], 0);
    let stats = server.stats();
    assert_eq!(
        stats["accepted_batches"], 2,
        "the colleague's batch and ours, once each: {report}"
    );
    assert_eq!(records(&stats), (2, 1, 1));
    assert_eq!(
        device.list("miners").len(),
        2,
        "the colleague's miner arrived once"
    );
    colleague.sync();
    assert_eq!(device.list("miners"), colleague.list("miners"));
}

#[test]
fn a_device_killed_after_sealing_keeps_its_outbox() {
    device_crash_is_recovered("device-after-seal", 1);
}

#[test]
fn a_device_killed_after_the_push_resends_and_gets_the_same_ack() {
    device_crash_is_recovered("device-after-push", 1);
}

#[test]
fn a_device_killed_after_a_pull_page_applies_nothing_twice() {
    device_crash_is_recovered("device-after-pull-page", 0);
}

#[test]
fn acknowledged_batches_survive_kill_9_under_load() {
    let mut server = spawn_server();
    let tmp = server.take_tmp();
    let data = server.data.clone();
    let addr = server.addr();
    let devices: Vec<RawDevice> = (0..4)
        .map(|i| RawDevice::enrol(&server, &format!("Load {i}"), &[region(1)]))
        .collect();
    let acked: Arc<Mutex<Vec<(Uuid, u64)>>> = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = devices
        .into_iter()
        .map(|mut d| {
            let acked = acked.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let licence = Uuid::now_v7();
                // Bounded: at most 400 batches per device, or until the server is gone.
                for _ in 0..400 {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let (_, signed) = d.seal(
                        (0..50)
                            .map(|_| ops::production(region(1), licence, &[30]))
                            .collect(),
                    );
                    let body = signed.to_bytes().unwrap();
                    let Ok(r) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        d.push_bytes(body)
                    })) else {
                        break; // the connection died with the server
                    };
                    if r.status != 200 {
                        break;
                    }
                    d.accepted(&signed);
                    acked.lock().unwrap().push((d.id, d.seq));
                }
                d.id
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1_500));
    server.kill9();
    stop.store(true, Ordering::SeqCst);
    let ids: Vec<Uuid> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 4,
        "the load ran before the kill ({} acks)",
        acked.len()
    );

    let server = Spawn::new().data(&data).listen(&addr).start();
    let stats = server.stats();
    let mut total_batches = 0;
    for id in ids {
        let last_acked = acked
            .iter()
            .filter(|(d, _)| *d == id)
            .map(|(_, s)| *s)
            .max()
            .unwrap_or(0);
        let head = server.head(id);
        assert!(
            head >= last_acked,
            "device {id}: acknowledged {last_acked}, only {head} survived"
        );
        assert!(
            head <= last_acked + 1,
            "device {id}: at most the one in flight was logged unacknowledged"
        );
        total_batches += head;
    }
    assert_eq!(
        stats["accepted_batches"].as_u64().unwrap(),
        total_batches,
        "every batch exactly once"
    );
    assert_eq!(
        stats["records"]["production"].as_u64().unwrap(),
        total_batches * 50,
        "every op exactly once"
    );
    drop(tmp);
}

/// A small deterministic generator, so that a failing storm can be run again.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// One agent's work in the storm: records ops through the device CLI and syncs, whether or
/// not the server is up, until told to stop. Returns the ops it recorded.
fn agent_at_work(d: &Device, n: usize, seed: u64, stop: &AtomicBool) -> u64 {
    let mut rng = Rng(seed);
    let mut recorded = 0u64;
    let mut licence: Option<String> = None;
    let mut round = 0usize;
    while !stop.load(Ordering::SeqCst) {
        round += 1;
        let m = d.add_miner(
            &format!("Storm Miner {n}-{round}"),
            1980 + (round % 20) as u16,
            &[],
        );
        recorded += 1;
        if licence.is_none() || rng.below(4) == 0 {
            let number = format!("GH-AP-{n}{round:05}");
            licence = Some(d.add_licence(&number, "artisanal-permit", &m));
            recorded += 1;
        }
        let l = licence.clone().unwrap_or_default();
        let diggers = (2 + rng.below(6)).to_string();
        d.ok(&[
            "production",
            "add",
            "--licence",
            &l,
            "--miner",
            &m,
            "--date",
            "2026-11-20",
            "--lat",
            "6.04",
            "--lon",
            "-0.80",
            "--accuracy",
            "8",
            "--diggers",
            &diggers,
            "--gravel-litres",
            "1500",
            "--stones",
            "0.25,1.10",
        ]);
        recorded += 1;
        // An edit of a miner this device holds, its own or a colleague's: concurrent
        // edits of one field make conflicts, which must converge too.
        let miners = d.list("miners");
        if !miners.is_empty() {
            let pick = &miners[rng.below(miners.len() as u64) as usize];
            let id = pick["id"].as_str().unwrap();
            let value = format!("cooperative=Coop {}", rng.below(3));
            if d.run(&["edit", "miner", id, "--set", &value])
                .status
                .success()
            {
                recorded += 1;
            }
        }
        // The server may be down or die mid-sync: the next sync goes on from there.
        let _ = d.run(&["sync", "--attempts", "1"]);
    }
    recorded
}

/// The real server under load from six devices in two regions, killed with SIGKILL at
/// random moments and restarted on its address each time. Afterwards every device syncs
/// until it holds nothing unsent: every op recorded is stored exactly once, the devices of
/// a region hold identical records, the rollups kept at ingest equal a rebuild, the log
/// verifies, and a state rebuilt from the log equals the one kept.
///
/// Kills: `PLACER_STORM_KILLS` (20 for the full run; 6 by default, to keep the suite short).
#[test]
fn a_storm_of_kill_9_under_load_loses_and_doubles_nothing() {
    let kills: u64 = std::env::var("PLACER_STORM_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(6);
    let seed: u64 = std::env::var("PLACER_STORM_SEED")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(7);
    let addr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().to_string()
    };
    let mut server = Spawn::new().listen(&addr).start();
    let tmp = server.take_tmp();
    let data = server.data.clone();
    let regions = [
        region(1),
        region(1),
        region(1),
        region(2),
        region(2),
        region(2),
    ];
    let devices: Vec<Arc<Device>> = regions
        .iter()
        .enumerate()
        .map(|(i, r)| Arc::new(server.device(&format!("Storm agent {i}"), &[*r])))
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = devices
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (d, stop) = (d.clone(), stop.clone());
            std::thread::spawn(move || agent_at_work(&d, i, seed + i as u64, &stop))
        })
        .collect();

    let mut rng = Rng(seed);
    for _ in 0..kills {
        std::thread::sleep(Duration::from_millis(200 + rng.below(800)));
        server.kill9();
        std::thread::sleep(Duration::from_millis(rng.below(300)));
        server = Spawn::new().data(&data).listen(&addr).start();
    }
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::SeqCst);
    let recorded: u64 = workers.into_iter().map(|w| w.join().unwrap()).sum();
    assert!(recorded > 6 * 3, "the agents worked ({recorded} ops)");

    // Every device sends everything, then everyone pulls what the others sent.
    for d in &devices {
        let mut tries = 0;
        loop {
            let synced = d.run(&["sync", "--attempts", "1"]).status.success();
            let s = d.status();
            if synced && s["pending_ops"] == 0 && s["outbox_batches"] == 0 {
                break;
            }
            tries += 1;
            assert!(tries < 5, "a device could not empty its outbox: {s}");
        }
    }
    for d in &devices {
        d.sync();
    }

    let stats = server.stats();
    eprintln!(
        "storm: {kills} kills, {recorded} ops recorded by 6 devices in {} batches",
        stats["accepted_batches"]
    );
    assert_eq!(
        stats["accepted_ops"].as_u64().unwrap(),
        recorded,
        "every op recorded is stored, exactly once: {stats}"
    );
    assert_eq!(stats["quarantined"], 0);
    assert_eq!(stats["parked"], 0);
    for group in [&devices[..3], &devices[3..]] {
        for collection in ["miners", "licences", "production"] {
            let first = group[0].list(collection);
            assert!(!first.is_empty());
            for other in &group[1..] {
                assert_eq!(
                    other.list(collection),
                    first,
                    "{collection}: two devices of one region differ"
                );
            }
        }
    }
    let rebuilt: Json = serde_json::from_str(&server.admin(&["rebuild-rollups"])).unwrap();
    assert_eq!(rebuilt["differences"], 0, "{rebuilt}");
    let verified: Json = serde_json::from_str(&server.admin(&["verify"])).unwrap();
    assert_eq!(verified["ok"], true, "{verified}");

    // The whole state again from the log alone gives the same.
    let mut kept = server.stats();
    server.terminate();
    std::fs::remove_dir_all(data.join("state")).unwrap();
    let server = Spawn::new().data(&data).listen(&addr).start();
    let mut again = server.stats();
    kept.as_object_mut().unwrap().remove("log");
    again.as_object_mut().unwrap().remove("log");
    assert_eq!(
        again, kept,
        "a rebuild from the log differs from the state kept"
    );
    drop(tmp);
}
