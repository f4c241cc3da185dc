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
//! delay. The same scenarios against PouchDB Server are not in this bench yet.

#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;
#[allow(dead_code)]
mod shaper;

use std::time::{Duration, Instant};

use harness::*;
use shaper::{Shape, Shaper};
use sync_protocol::client::transport::HttpTransport;
use sync_protocol::client::Device;
use sync_protocol::records::*;
use sync_protocol::values::*;
use uuid::Uuid;

const EDGE: Shape = Shape {
    delay: Duration::from_millis(200),
    bits_per_s: 50_000,
};

fn day(s: &str) -> Day {
    parse_day(s).unwrap()
}

fn fix(n: u64) -> GeoFix {
    GeoFix {
        point: Point::new(
            -0.75 + (n % 97) as f64 * 1e-4,
            6.05 + (n % 89) as f64 * 1e-4,
        )
        .unwrap(),
        accuracy: AccuracyMetres::new(8).unwrap(),
    }
}

/// A week of one agent: 50 miners, 10 licences, 300 productions, 40 sales (400 records).
fn record_week(d: &Device, region: Uuid, agent: &str) -> usize {
    let mut miners = Vec::new();
    for i in 0..50u64 {
        let m = Miner {
            names: PersonName::parse(format!("Kwame Mensah {i}")).unwrap(),
            sex: if i % 3 == 0 { Sex::Female } else { Sex::Male },
            birth_year: BirthYear::new(1970 + (i % 30) as u16).unwrap(),
            home_region: region,
            registered_on: day("2026-11-23"),
            registered_by: Text::parse(agent).unwrap(),
            national_id: Some(NationalId::parse(format!("GHA-{:09}", 700_000 + i)).unwrap()),
            phone: Some(Phone::parse(format!("+233 24 {:07}", 1_000_000 + i)).unwrap()),
            cooperative: None,
            registered_at: Some(fix(i)),
        };
        miners.push(d.register_miner(m, region).unwrap());
    }
    let mut licences = Vec::new();
    for i in 0..10u64 {
        let l = Licence {
            number: LicenceNumber::parse(format!("GH-SSM-{:04}", 100 + i)).unwrap(),
            kind: if i < 8 {
                LicenceKind::Claim
            } else {
                LicenceKind::Buyer
            },
            holder: Holder::Miner(miners[i as usize]),
            mineral: Mineral::Diamond,
            issued: day("2026-01-01"),
            expires: day("2027-12-31"),
            status: LicenceStatus::Active,
            area: None,
        };
        licences.push(d.register_licence(l, region).unwrap());
    }
    for i in 0..300u64 {
        let p = Production {
            licence: licences[(i % 8) as usize],
            miner: Some(miners[(i % 50) as usize]),
            date: day("2026-11-24"),
            fix: fix(i),
            diggers: Diggers::new(3 + (i % 5) as u32).unwrap(),
            gravel: GravelLitres::new(400 + (i % 7) as u32 * 50).unwrap(),
            stones: Stones::Weighed(
                (0..1 + i % 3)
                    .map(|s| Carats::from_hundredths(12 + s * 7 + i % 40).unwrap())
                    .collect(),
            ),
            mineral: Mineral::Diamond,
        };
        d.record_production(p, region).unwrap();
    }
    for i in 0..40u64 {
        let s = Sale {
            seller: Seller::Miner(miners[(i % 50) as usize]),
            buyer: licences[8 + (i % 2) as usize],
            date: day("2026-11-25"),
            carats: Carats::from_hundredths(40 + i).unwrap(),
            stones: StoneCount::new(2).unwrap(),
            value: UsdCents::from_cents(12_000 + i * 100).unwrap(),
            mineral: Mineral::Diamond,
        };
        d.record_sale(s, region).unwrap();
    }
    400
}

struct Figures {
    name: String,
    records: usize,
    seconds: Option<f64>,
    up: u64,
    down: u64,
    note: String,
}

fn device(server: &Server, dir: &std::path::Path, base: &str, agent: &str, region: Uuid) -> Device {
    let d = Device::open(dir).unwrap();
    let code = server.enrol_code(agent, &[region]);
    // Enrolment happens at the office, on a good link.
    let direct = HttpTransport::new(&server.url).unwrap();
    d.enrol(&direct, base, &code, agent).unwrap();
    d
}

fn timed_sync(d: &Device, transport: &HttpTransport) -> (Option<f64>, String) {
    let t = Instant::now();
    match d.sync(transport) {
        Ok(report) => (
            Some(t.elapsed().as_secs_f64()),
            format!(
                "{} batches up, {} found accepted by asking, {} changes down",
                report.batches_acknowledged, report.batches_not_resent, report.changes_pulled
            ),
        ),
        Err(e) => (
            None,
            format!("failed after {:.1} s: {e}", t.elapsed().as_secs_f64()),
        ),
    }
}

fn main() {
    let server = Spawn::new().env("PLACER_LOG", "warn").start();
    let target: std::net::SocketAddr = server.addr().parse().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let region1 = region(1);
    let mut out = Vec::new();

    // A week up over EDGE.
    {
        let shaper = Shaper::start(target, EDGE);
        let base = format!("http://{}", shaper.addr);
        let d = device(
            &server,
            &tmp.path().join("week"),
            &base,
            "Ama Owusu",
            region1,
        );
        let records = record_week(&d, region1, "Ama Owusu");
        shaper.link.reset();
        let transport = HttpTransport::new(&base).unwrap();
        let (seconds, note) = timed_sync(&d, &transport);
        let (up, down) = shaper.link.bytes();
        out.push(Figures {
            name: "a week of one agent up (400 records)".into(),
            records,
            seconds,
            up,
            down,
            note,
        });
    }

    // The week again after its acknowledgement was lost: the first sync's answer is cut,
    // the next sync is timed.
    {
        let shaper = Shaper::start(target, EDGE);
        let base = format!("http://{}", shaper.addr);
        let d = device(
            &server,
            &tmp.path().join("lost-ack"),
            &base,
            "Yaw Darko",
            region(5),
        );
        let records = record_week(&d, region(5), "Yaw Darko");
        let transport = HttpTransport::new(&base).unwrap();
        shaper.link.cut_down_after(10);
        assert!(d.sync(&transport).is_err(), "the answer was cut");
        shaper.link.reset();
        let (seconds, note) = timed_sync(&d, &transport);
        let (up, down) = shaper.link.bytes();
        out.push(Figures {
            name: "the week again after the acknowledgement was lost".into(),
            records,
            seconds,
            up,
            down,
            note,
        });
    }

    // The week up with the link dead for 8 s, `from` seconds into the upload (3 s, as
    // specified; and 1 s, since the upload may be over by 3 s).
    for (n, from) in [3u64, 1].into_iter().enumerate() {
        let shaper = Shaper::start(target, EDGE);
        let base = format!("http://{}", shaper.addr);
        let dir = tmp.path().join(format!("outage-{n}"));
        let d = device(&server, &dir, &base, "Esi Appiah", region(2 + n as u8));
        let records = record_week(&d, region(2 + n as u8), "Esi Appiah");
        shaper.link.reset();
        let link = shaper.link.clone();
        let outage = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(from));
            link.set_dead(true);
            std::thread::sleep(Duration::from_secs(8));
            link.set_dead(false);
        });
        let transport = HttpTransport::new(&base).unwrap();
        let (seconds, note) = timed_sync(&d, &transport);
        outage.join().unwrap();
        let (up, down) = shaper.link.bytes();
        out.push(Figures {
            name: format!("the week up, link dead 8 s from {from} s in"),
            records,
            seconds,
            up,
            down,
            note,
        });
    }

    // A region's first sync: 2,000 records loaded directly, then pulled over EDGE.
    {
        let direct = HttpTransport::new(&server.url).unwrap();
        // The week above and four more agents' weeks: 2,000 records in the region.
        for n in 0..4 {
            let loader = device(
                &server,
                &tmp.path().join(format!("loader-{n}")),
                &server.url,
                &format!("Loader {n}"),
                region1,
            );
            record_week(&loader, region1, "Loader");
            loader.sync(&direct).unwrap();
        }
        for (name, shape) in [
            ("a region's first sync (2,000 records down)", EDGE),
            (
                "the same at 20 kbit/s",
                Shape {
                    bits_per_s: 20_000,
                    ..EDGE
                },
            ),
        ] {
            let shaper = Shaper::start(target, shape);
            let base = format!("http://{}", shaper.addr);
            let d = device(
                &server,
                &tmp.path().join(format!("first-{}", shape.bits_per_s)),
                &base,
                "Kofi Boateng",
                region1,
            );
            shaper.link.reset();
            let transport = HttpTransport::new(&base).unwrap();
            let (seconds, note) = timed_sync(&d, &transport);
            let (up, down) = shaper.link.bytes();
            out.push(Figures {
                name: name.into(),
                records: 2_000,
                seconds,
                up,
                down,
                note,
            });
        }
    }

    println!();
    println!("Field link: 200 ms each way, 50 kbit/s shared (unless said), no loss; 2 cores");
    println!();
    println!("| scenario | seconds | bytes/record on the link | up | down | note |");
    println!("|---|---:|---:|---:|---:|---|");
    for f in &out {
        println!(
            "| {} | {} | {:.0} | {} | {} | {} |",
            f.name,
            f.seconds.map_or("–".into(), |s| format!("{s:.1}")),
            (f.up + f.down) as f64 / f.records as f64,
            f.up,
            f.down,
            f.note
        );
    }
}
