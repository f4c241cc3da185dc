//! Sync over a link that breaks: the real server behind the shaping proxy of the field-link
//! bench, the device client keeping going with its retries.

use std::time::Duration;

use sync_protocol::client::transport::HttpTransport;
use sync_protocol::client::{Device, Kek, Retry};
use sync_protocol::records::{Collection, Miner};
use sync_protocol::values::*;
use uuid::Uuid;

use crate::harness::*;
use crate::shaper::{Shape, Shaper};

const QUICK: Retry = Retry {
    attempts: 20,
    first_wait: Duration::from_millis(20),
    longest_wait: Duration::from_millis(200),
    budget: Duration::from_secs(60),
};

/// A link that only breaks when told to.
const FAST: Shape = Shape {
    delay: Duration::from_millis(1),
    bits_per_s: 50_000_000,
};

/// The server behind a shaping proxy, and the proxy's base URL.
fn shaped(server: &Server, shape: Shape) -> (Shaper, String) {
    let shaper = Shaper::start(server.addr().parse().unwrap(), shape);
    let base = format!("http://{}", shaper.addr);
    (shaper, base)
}

fn miners(d: &Device, region: Uuid, n: usize, tag: &str) {
    for i in 0..n {
        let m = Miner {
            names: PersonName::parse(format!("Akua {tag} {i}")).unwrap(),
            sex: Sex::Female,
            birth_year: BirthYear::new(1990).unwrap(),
            home_region: region,
            registered_on: parse_day("2026-11-30").unwrap(),
            registered_by: Text::parse("agent").unwrap(),
            national_id: None,
            phone: Some(Phone::parse(format!("+233 24 {:07}", i)).unwrap()),
            cooperative: None,
            registered_at: None,
        };
        d.register_miner(m, region).unwrap();
    }
}

fn enrolled(server: &Server, dir: &std::path::Path, base: &str, agent: &str) -> Device {
    let d = Device::open(dir, std::sync::Arc::new(Kek::generate().unwrap())).unwrap();
    let code = server.enrol_code(agent, &[region(1)]);
    d.enrol(
        &HttpTransport::new(&server.url).unwrap(),
        base,
        &code,
        agent,
    )
    .unwrap();
    d
}

/// A sync cut at many points of its bytes (in the push, its answer, the pull, its pages)
/// ends, with retries, with every record on the server once and on the other device once:
/// nothing lost, nothing doubled.
#[test]
fn a_sync_cut_at_any_byte_resumes_without_loss_or_doubling() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let (shaper, base) = shaped(&server, FAST);
    let reader = enrolled(&server, &tmp.path().join("reader"), &base, "reader");
    let direct = HttpTransport::new(&server.url).unwrap();
    // A sync of 40 miners carries a few thousand bytes each way: cut inside each part.
    let mut total = 0;
    for (n, cut) in [1u64, 200, 700, 1_500, 2_500, 3_500, 5_000, 8_000]
        .into_iter()
        .enumerate()
    {
        let d = enrolled(&server, &tmp.path().join(format!("d{n}")), &base, "agent");
        miners(&d, region(1), 40, &format!("{n}"));
        total += 40;
        let transport = HttpTransport::new(&base).unwrap();
        shaper.link.cut_after(cut);
        let report = d.sync_retrying(&transport, QUICK).unwrap();
        assert!(
            report.attempts >= 2,
            "the cut at byte {cut} fell in no sync: {report:?}"
        );
        assert_eq!(report.left_ops + report.left_batches, 0, "{report:?}");
        assert_eq!(
            server.stats()["records"]["miner"].as_u64().unwrap(),
            total,
            "cut at byte {cut}: {report:?}"
        );
        assert_eq!(
            server.stats()["accepted_batches"].as_u64().unwrap(),
            n as u64 + 1
        );
    }
    reader.sync(&direct).unwrap();
    assert_eq!(reader.list(Collection::Miner).unwrap().len() as u64, total);
}

/// A region's first sync over 20 kbit/s with 200 ms each way completes, in one attempt:
/// two pages, the second asked on the connection that carried the first for many seconds
/// (a server that closes idle connections after 5 s broke it).
#[test]
fn a_first_sync_at_20_kbit_completes() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let loader = enrolled(&server, &tmp.path().join("loader"), &server.url, "loader");
    miners(&loader, region(1), 1_200, "loaded");
    loader
        .sync(&HttpTransport::new(&server.url).unwrap())
        .unwrap();
    let (shaper, base) = shaped(
        &server,
        Shape {
            delay: Duration::from_millis(200),
            bits_per_s: 20_000,
        },
    );
    let d = enrolled(&server, &tmp.path().join("new"), &base, "new agent");
    let mut seen = Vec::new();
    let report = d
        .sync_with_progress(
            &HttpTransport::new(&base).unwrap(),
            Retry::default(),
            &mut |r| seen.push(r.changes_pulled),
        )
        .unwrap();
    assert_eq!(report.changes_pulled, 1_200, "{report:?}");
    assert_eq!(report.attempts, 1, "{report:?}");
    // The app's progress bar saw the pages arrive, and the report counts the link's bytes.
    assert_eq!(seen.last(), Some(&1_200), "{seen:?}");
    assert!(seen.len() >= 2, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    let (_, down) = shaper.link.bytes();
    assert!(
        report.bytes_down > 0 && report.bytes_down < down,
        "{} body bytes of {down} on the link",
        report.bytes_down
    );
    assert_eq!(d.list(Collection::Miner).unwrap().len(), 1_200);
}

/// The answer to a push is lost: on its next attempt the device asks whether the batch
/// arrived (a few dozen bytes) and, told it did, does not send it again.
#[test]
fn a_batch_whose_acknowledgement_was_lost_is_not_sent_again() {
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let (shaper, base) = shaped(&server, FAST);
    let d = enrolled(&server, &tmp.path().join("d"), &base, "agent");
    miners(&d, region(1), 200, "week");
    let transport = HttpTransport::new(&base).unwrap();
    shaper.link.cut_down_after(10);
    let up_before = shaper.link.bytes().0;
    let report = d.sync_retrying(&transport, QUICK).unwrap();
    let up = shaper.link.bytes().0 - up_before;
    assert_eq!(report.batches_not_resent, 1, "{report:?}");
    assert_eq!(report.attempts, 2, "{report:?}");
    assert_eq!(server.stats()["accepted_batches"].as_u64().unwrap(), 1);
    assert_eq!(server.stats()["records"]["miner"].as_u64().unwrap(), 200);
    // The batch went up once: about what a sync of the same work sends without a cut,
    // and far from twice that.
    let clean = enrolled(&server, &tmp.path().join("clean"), &base, "clean");
    miners(&clean, region(1), 200, "week");
    let before = shaper.link.bytes().0;
    clean.sync(&transport).unwrap();
    let once = shaper.link.bytes().0 - before;
    assert!(
        up < once + once / 2,
        "{up} bytes up, against {once} for one sending"
    );
}

/// Every way a client may ask (zstd or gzip, dense or plain pages) moves the same records,
/// and the link carries them compressed: the bytes counted on the wire are well under the
/// messages they carry.
#[test]
fn gzip_zstd_dense_and_plain_pages_sync_the_same_records() {
    use sync_protocol::client::transport::{Compression, Options};
    let server = spawn_server();
    let tmp = tempfile::tempdir().unwrap();
    let writer = enrolled(&server, &tmp.path().join("writer"), &server.url, "writer");
    miners(&writer, region(1), 300, "both");
    let gzip_plain = Options {
        compression: Compression::Gzip,
        dense_pages: false,
    };
    let up = HttpTransport::with(&server.url, gzip_plain).unwrap();
    assert_eq!(writer.sync(&up).unwrap().batches_acknowledged, 1);
    let mut held = Vec::new();
    for (n, options) in [
        Options::default(),
        gzip_plain,
        Options {
            compression: Compression::Gzip,
            dense_pages: true,
        },
        Options {
            compression: Compression::Zstd,
            dense_pages: false,
        },
    ]
    .into_iter()
    .enumerate()
    {
        let (shaper, base) = shaped(&server, FAST);
        let d = enrolled(&server, &tmp.path().join(format!("r{n}")), &base, "reader");
        let report = d
            .sync(&HttpTransport::with(&base, options).unwrap())
            .unwrap();
        assert_eq!(report.changes_pulled, 300, "{options:?}");
        let (_, down) = shaper.link.bytes();
        assert!(
            down < 300 * 80,
            "{options:?}: {down} bytes down for 300 miners"
        );
        let mut states: Vec<_> = d
            .list(Collection::Miner)
            .unwrap()
            .into_iter()
            .map(|l| (l.id, l.record))
            .collect();
        states.sort_by_key(|s| s.0);
        held.push((options, down, states));
    }
    for (options, _, states) in &held[1..] {
        assert_eq!(
            states, &held[0].2,
            "{options:?} holds what zstd and dense hold"
        );
    }
    let downs: Vec<u64> = held.iter().map(|h| h.1).collect();
    assert!(
        downs[0] < downs[1],
        "zstd and dense below gzip and plain: {downs:?}"
    );
}
