//! Sync over an emulated 2G link: the real server (release build) and the real device
//! client (`sync_protocol::client` over HTTP) through a shaping proxy on loopback
//! (`shaper.rs`: 200 ms each way, 50 kbit/s shared by both directions, outages on command).
//!
//! `cargo bench --bench field_link`. Scenarios, each printed with seconds and bytes per
//! record on the link:
//! - a week of one agent up: 50 miners, 10 licences, 300 productions, 40 sales;
//! - a region's first sync: 2,000 records down to a new device;
//! - the week again after its acknowledgement was lost;
//! - the week up with the link dead for 8 s, 3 s into the upload (and 1 s);
//! - the first sync at 20 kbit/s.
//!
//! Packet loss is not emulated (a TCP proxy cannot drop packets); over TCP it shows as
//! delay.
//!
//! The same scenarios run in the same run, through the same proxy, against PouchDB Server
//! (the push bench's peer, in memory) with PouchDB's own replication client
//! (`pouchdb/field.mjs`), in plain JSON and with gzip both ways. Placer runs with its
//! defaults (zstd, dense pages) and with gzip and plain pages. Each cell prints seconds and
//! bytes per record on the link (both directions).

#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;
#[allow(dead_code)]
#[path = "pouchdb/peer.rs"]
mod peer;
#[allow(dead_code)]
mod shaper;
#[allow(dead_code)]
mod week;

use std::time::Duration;

use harness::*;
use shaper::{Link, Shape, Shaper};
use std::sync::Arc;
use sync_protocol::client::transport::{Compression, HttpTransport, Options};
use week::{device, record_week, timed_sync, EDGE};

#[derive(Debug, Clone, Copy)]
enum Scenario {
    /// A week of one agent up.
    Week,
    /// The week again after the acknowledgement of its upload was lost.
    LostAck,
    /// The week up with the link dead for 8 s, `from` seconds into the upload.
    Outage { from: u64 },
    /// A region's first sync, 2,000 records down, at this rate.
    First { bits_per_s: u64 },
}

impl Scenario {
    const ALL: [Scenario; 6] = [
        Scenario::Week,
        Scenario::First { bits_per_s: 50_000 },
        Scenario::LostAck,
        Scenario::Outage { from: 3 },
        Scenario::Outage { from: 1 },
        Scenario::First { bits_per_s: 20_000 },
    ];

    fn name(self) -> String {
        match self {
            Self::Week => "a week of one agent, 400 records up".into(),
            Self::LostAck => "the week again after the acknowledgement was lost".into(),
            Self::Outage { from } => format!("the week up, link dead 8 s from {from} s in"),
            Self::First { bits_per_s: 50_000 } => {
                "a region's first sync, 2,000 records down".into()
            }
            Self::First { bits_per_s } => {
                format!("the first sync at {} kbit/s", bits_per_s / 1000)
            }
        }
    }

    fn target(self) -> &'static str {
        match self {
            Self::Week => "≤ 8 s, ≤ 60 B/record",
            Self::LostAck => "≤ 2 s",
            Self::Outage { .. } => "≤ 25 s, nothing lost or doubled",
            Self::First { bits_per_s: 50_000 } => "≤ 20 s",
            Self::First { .. } => "finishes",
        }
    }

    fn records(self) -> usize {
        match self {
            Self::First { .. } => 2_000,
            _ => 400,
        }
    }

    fn shape(self) -> Shape {
        match self {
            Self::First { bits_per_s } => Shape { bits_per_s, ..EDGE },
            _ => EDGE,
        }
    }

    /// Kills the link for 8 s, `from` seconds after now, in an outage scenario.
    fn start_outage(self, link: &Arc<Link>) -> Option<std::thread::JoinHandle<()>> {
        let Self::Outage { from } = self else {
            return None;
        };
        let link = link.clone();
        Some(std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(from));
            link.set_dead(true);
            std::thread::sleep(Duration::from_secs(8));
            link.set_dead(false);
        }))
    }
}

/// One scenario's figures for one system.
struct Cell {
    seconds: Option<f64>,
    bytes: u64,
    note: String,
}

impl Cell {
    fn show(&self, records: usize) -> String {
        match self.seconds {
            Some(s) => format!(
                "{s:.1} s, {:.0} B/record",
                self.bytes as f64 / records as f64
            ),
            None => "fails".into(),
        }
    }
}

/// The region every first sync pulls: five weeks (2,000 records) loaded off the link.
const FIRST_REGION: u8 = 200;

/// Runs one scenario with Placer's device client; `run` numbers the run, so that each has
/// a region of its own (a week's upload must not pull another run's records).
fn placer(
    server: &Server,
    tmp: &std::path::Path,
    scenario: Scenario,
    options: Options,
    run: u8,
) -> Cell {
    let target: std::net::SocketAddr = server.addr().parse().unwrap();
    let shaper = Shaper::start(target, scenario.shape());
    let base = format!("http://{}", shaper.addr);
    let transport = HttpTransport::with(&base, options).unwrap();
    let dir = tmp.join(format!("run-{run}"));
    let (d, region) = match scenario {
        Scenario::First { .. } => (
            device(server, &dir, &base, "Kofi Boateng", region(FIRST_REGION)),
            region(FIRST_REGION),
        ),
        _ => (
            device(server, &dir, &base, "Ama Owusu", region(run)),
            region(run),
        ),
    };
    if !matches!(scenario, Scenario::First { .. }) {
        record_week(&d, region, "Ama Owusu");
    }
    if let Scenario::LostAck = scenario {
        shaper.link.cut_down_after(10);
        assert!(d.sync(&transport).is_err(), "the answer was cut");
    }
    shaper.link.reset();
    let outage = scenario.start_outage(&shaper.link);
    let (seconds, note) = timed_sync(&d, &transport);
    if let Some(o) = outage {
        o.join().unwrap();
    }
    let (up, down) = shaper.link.bytes();
    Cell {
        seconds,
        bytes: up + down,
        note,
    }
}

/// Runs one scenario with PouchDB's replication client against PouchDB Server, through
/// the same proxy; with `gzip`, through a front that inflates gzip request bodies.
fn pouch(peer: &peer::Peer, scenario: Scenario, gzip: bool, run: u8) -> Cell {
    let server_port: u16 = peer.url().rsplit(':').next().unwrap().parse().unwrap();
    let front = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let target_port = if gzip { front } else { server_port };
    let shaper = Shaper::start(([127, 0, 0, 1], target_port).into(), scenario.shape());
    let via = format!("http://{}", shaper.addr);
    let (name, db) = match scenario {
        Scenario::Week => ("week", format!("field-{run}")),
        Scenario::LostAck => ("lost-ack", format!("field-{run}")),
        Scenario::Outage { .. } => ("outage", format!("field-{run}")),
        Scenario::First { .. } => ("first", "first-region".to_string()),
    };
    let front = front.to_string();
    let url = peer.url();
    let mut args = vec![
        "--url",
        &url,
        "--via",
        &via,
        "--scenario",
        name,
        "--db",
        &db,
    ];
    if gzip {
        args.extend(["--gzip", "--front", &front]);
    }
    let link = shaper.link.clone();
    let mut outage = None;
    let answer = peer.run_timed("field.mjs", &args, || {
        link.reset();
        outage = scenario.start_outage(&link);
    });
    if let Some(o) = outage {
        o.join().unwrap();
    }
    let (up, down) = shaper.link.bytes();
    match answer {
        Some(v) => Cell {
            seconds: v["seconds"].as_f64(),
            bytes: up + down,
            note: format!("{} attempt(s)", v["attempts"]),
        },
        None => Cell {
            seconds: None,
            bytes: up + down,
            note: "failed".into(),
        },
    }
}

fn main() {
    let server = Spawn::new().env("PLACER_LOG", "warn").start();
    let tmp = tempfile::tempdir().unwrap();
    let peer = peer::Peer::start();

    // The first-sync region, loaded directly.
    let direct = HttpTransport::new(&server.url).unwrap();
    for n in 0..5 {
        let loader = device(
            &server,
            &tmp.path().join(format!("loader-{n}")),
            &server.url,
            &format!("Loader {n}"),
            region(FIRST_REGION),
        );
        record_week(&loader, region(FIRST_REGION), "Loader");
        loader.sync(&direct).unwrap();
    }

    let gzip_plain = Options {
        compression: Compression::Gzip,
        dense_pages: false,
    };
    let mut rows = Vec::new();
    let mut run = 0u8;
    for scenario in Scenario::ALL {
        eprintln!("{}", scenario.name());
        let mut cells = Vec::new();
        for options in [Options::default(), gzip_plain] {
            run += 1;
            cells.push(placer(&server, tmp.path(), scenario, options, run));
        }
        for gzip in [false, true] {
            run += 1;
            // Plain JSON at 20 kbit/s would take over seven minutes; it is left out.
            let slow_plain = !gzip && matches!(scenario, Scenario::First { bits_per_s: 20_000 });
            cells.push(match &peer {
                Some(peer) if !slow_plain => pouch(peer, scenario, gzip, run),
                _ => Cell {
                    seconds: None,
                    bytes: 0,
                    note: "not run".into(),
                },
            });
        }
        rows.push((scenario, cells));
    }

    println!();
    println!("Field link: 200 ms each way, 50 kbit/s shared by both directions (unless said), no loss; 2 cores");
    println!();
    println!("| scenario | Placer (zstd, dense pages) | Placer (gzip, plain pages) | PouchDB plain JSON | PouchDB gzip | target |");
    println!("|---|---|---|---|---|---|");
    for (scenario, cells) in &rows {
        let shown: Vec<String> = cells
            .iter()
            .map(|c| match c.note.as_str() {
                "not run" => "not run".to_string(),
                _ => c.show(scenario.records()),
            })
            .collect();
        println!(
            "| {} | {} | {} |",
            scenario.name(),
            shown.join(" | "),
            scenario.target()
        );
    }
    println!();
    for (scenario, cells) in &rows {
        let notes: Vec<&str> = cells.iter().map(|c| c.note.as_str()).collect();
        println!("- {}: {}", scenario.name(), notes.join("; "));
    }
}
