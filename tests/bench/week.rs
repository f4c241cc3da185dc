//! A week of one agent's field work, as the field-link and field-app benches record it
//! with the device client: 50 miners, 10 licences, 300 productions, 40 sales; the 2G
//! link's shape; a device enrolled at the office; a timed sync.

use std::sync::Arc;
use std::time::{Duration, Instant};

use sync_protocol::client::transport::HttpTransport;
use sync_protocol::client::{Device, Kek};
use sync_protocol::records::*;
use sync_protocol::values::*;
use uuid::Uuid;

use crate::harness::Server;
use crate::shaper::Shape;

/// The field's edge: 200 ms each way, 50 kbit/s shared by both directions.
pub const EDGE: Shape = Shape {
    delay: Duration::from_millis(200),
    bits_per_s: 50_000,
};

pub fn day(s: &str) -> Day {
    parse_day(s).unwrap()
}

pub fn fix(n: u64) -> GeoFix {
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
pub fn record_week(d: &Device, region: Uuid, agent: &str) -> usize {
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

pub fn device(
    server: &Server,
    dir: &std::path::Path,
    base: &str,
    agent: &str,
    region: Uuid,
) -> Device {
    let d = Device::open(dir, Arc::new(Kek::generate().unwrap())).unwrap();
    let code = server.enrol_code(agent, &[region]);
    // Enrolment happens at the office, on a good link.
    let direct = HttpTransport::new(&server.url).unwrap();
    d.enrol(&direct, base, &code, agent).unwrap();
    d
}

pub fn timed_sync(d: &Device, transport: &HttpTransport) -> (Option<f64>, String) {
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
