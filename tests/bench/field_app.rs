//! The field app against the device client, side by side in one run: the same week of one
//! agent (50 miners, 10 licences, 300 productions, 40 sales) recorded on the phone and
//! synced, by the field app in headless Chromium (its own modules, IndexedDB and WebCrypto,
//! driven from the page) and by the device client (`sync_protocol::client`, sled), on
//! loopback and over the field-link bench's emulated 2G link (`shaper.rs`: 200 ms each
//! way, 50 kbit/s shared by both directions). Also the app's first open over that link.
//!
//! `cargo bench --bench field_app` (needs Debian's chromium and chromium-driver).

#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;
#[allow(dead_code)]
mod shaper;
#[allow(dead_code)]
mod week;

#[allow(dead_code)]
#[path = "../browser/browser.rs"]
mod browser;
#[allow(dead_code)]
#[path = "../browser/chrome.rs"]
mod chrome;

use std::sync::Arc;
use std::time::Instant;

use harness::*;
use serde_json::Value as Json;
use shaper::{Link, Shaper};
use sync_protocol::client::transport::HttpTransport;
use uuid::Uuid;
use week::{device, record_week, timed_sync, EDGE};

/// The week, recorded through the app's own modules (the ones its forms call), in the
/// page: `{ms, records}`.
const RECORD_WEEK_JS: &str = r#"
window.__bench = null;
(async () => {
  const { record } = await import('/field/js/recorder.js');
  const { newRecordId } = await import('/field/js/recorder.js');
  const { registrationSets, factSets } = await import('/field/js/records.js');
  const { loadDevice } = await import('/field/js/store.js');
  const device = await loadDevice();
  const region = device.regions[0];
  const fix = (n) => ({ point: { lon: -0.75 + (n % 97) * 1e-4, lat: 6.05 + (n % 89) * 1e-4 }, accuracy: 8 });
  const t0 = performance.now();
  const miners = [];
  for (let i = 0; i < 50; i++) {
    const id = newRecordId();
    await record(device, 'miner', id, region, registrationSets('miner', {
      names: `Kwame Mensah ${i}`, sex: i % 3 === 0 ? 'female' : 'male', birth_year: 1970 + (i % 30),
      home_region: region, registered_on: '2026-11-23', registered_by: device.agent,
      national_id: `GHA-${String(700000 + i).padStart(9, '0')}`, phone: `+233 24 ${1000000 + i}`,
      cooperative: null, registered_at: fix(i),
    }));
    miners.push(id);
  }
  const licences = [];
  for (let i = 0; i < 10; i++) {
    const id = newRecordId();
    await record(device, 'licence', id, region, registrationSets('licence', {
      number: `GH-SSM-${String(100 + i).padStart(4, '0')}`, kind: i < 8 ? 'claim' : 'buyer',
      holder: { miner: miners[i] }, mineral: 'diamond', issued: '2026-01-01', expires: '2027-12-31',
      status: 'active', area: null,
    }));
    licences.push(id);
  }
  for (let i = 0; i < 300; i++) {
    const weighed = [];
    for (let s = 0; s < 1 + (i % 3); s++) weighed.push(12 + s * 7 + (i % 40));
    await record(device, 'production', newRecordId(), region, factSets(null, {
      licence: licences[i % 8], miner: miners[i % 50], date: '2026-11-24', fix: fix(i),
      diggers: 3 + (i % 5), gravel: 400 + (i % 7) * 50, stones: { weighed }, mineral: 'diamond',
    }));
  }
  for (let i = 0; i < 40; i++) {
    await record(device, 'sale', newRecordId(), region, factSets(null, {
      seller: { miner: miners[i % 50] }, buyer: licences[8 + (i % 2)], date: '2026-11-25',
      carats: 40 + i, stones: 2, value: 12000 + i * 100, mineral: 'diamond',
    }));
  }
  window.__bench = { ms: performance.now() - t0, records: 400 };
})();
return true;
"#;

/// One sync through the app's own sync loop: `{ms, ops, pulled, up, down}`.
const SYNC_JS: &str = r#"
window.__bench = null;
(async () => {
  const { sync } = await import('/field/js/sync.js');
  const { loadDevice } = await import('/field/js/store.js');
  const device = await loadDevice();
  const t0 = performance.now();
  const r = await sync(device);
  window.__bench = { ms: performance.now() - t0, ops: r.ops, pulled: r.pulled, up: r.up, down: r.down };
})();
return true;
"#;

/// Runs one of the scripts above in the page and waits (up to 10 minutes) for its result.
fn run(b: &browser::Browser, script: &str) -> Json {
    b.js(script);
    b.wait_until("the step", "window.__bench", 600);
    b.js("return window.__bench")
}

/// What one side measured.
struct Figures {
    record_s: f64,
    sync_s: f64,
    /// Bytes on the link, both ways, headers included (the shaper counts them).
    link_bytes: Option<u64>,
    /// The app's first open over the link: seconds and bytes.
    first_open: Option<(f64, u64)>,
    /// Until the worker kept the whole shell (enrolment and first sync included).
    shell: Option<(f64, u64)>,
}

fn app(
    tools: &chrome::Tools,
    server: &Server,
    base: &str,
    region: Uuid,
    link: Option<&Arc<Link>>,
    name: &str,
) -> Figures {
    let code = server.enrol_code("Ama Owusu", &[region]);
    let b = browser::Browser::open(tools, base, name);
    b.phone(360, 740);
    if let Some(l) = link {
        l.reset();
    }
    let t = Instant::now();
    b.goto(&format!("/field/#code={code}"));
    b.wait_until(
        "the enrolment form",
        "document.querySelector('#enrol')",
        120,
    );
    let first_open = link.map(|l| {
        let (up, down) = l.bytes();
        (t.elapsed().as_secs_f64(), up + down)
    });
    b.js("document.querySelector('#enrol button').click(); return true");
    b.wait_until(
        "the first sync",
        "document.body.dataset.synced === '1'",
        300,
    );
    // The week is a later sync, not the first use: the service worker has kept the shell
    // (its install fetches every file once, over the same link).
    b.wait_until("the shell kept", "navigator.serviceWorker.controller", 300);
    let shell = link.map(|l| {
        let (up, down) = l.bytes();
        (t.elapsed().as_secs_f64(), up + down)
    });
    let recorded = run(&b, RECORD_WEEK_JS);
    let record_s = recorded["ms"].as_f64().expect("the recording's time") / 1000.0;
    if let Some(l) = link {
        l.reset();
    }
    let synced = run(&b, SYNC_JS);
    assert_eq!(synced["ops"], 400, "the week went up whole: {synced}");
    eprintln!("{name}: the app's sync report (bodies only): {synced}");
    Figures {
        record_s,
        sync_s: synced["ms"].as_f64().unwrap() / 1000.0,
        link_bytes: link.map(|l| {
            let (up, down) = l.bytes();
            up + down
        }),
        first_open,
        shell,
    }
}

fn client(
    server: &Server,
    dir: &std::path::Path,
    base: &str,
    region: Uuid,
    link: Option<&Arc<Link>>,
) -> Figures {
    let d = device(server, dir, base, "Ama Owusu", region);
    let t = Instant::now();
    let records = record_week(&d, region, "Ama Owusu");
    let record_s = t.elapsed().as_secs_f64();
    assert_eq!(records, 400);
    let transport = HttpTransport::new(base).unwrap();
    if let Some(l) = link {
        l.reset();
    }
    let (seconds, note) = timed_sync(&d, &transport);
    Figures {
        record_s,
        sync_s: seconds.unwrap_or_else(|| panic!("the device client's sync: {note}")),
        link_bytes: link.map(|l| {
            let (up, down) = l.bytes();
            up + down
        }),
        first_open: None,
        shell: None,
    }
}

/// Scrolls the list from top to bottom, one screen a frame, and gives each frame's time.
const SCROLL_JS: &str = r#"
window.__bench = null;
(async () => {
  const frames = [];
  let last = performance.now();
  window.scrollTo(0, 0);
  while (window.scrollY + window.innerHeight < document.body.scrollHeight - 2) {
    window.scrollBy(0, window.innerHeight);
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  frames.sort((a, b) => a - b);
  window.__bench = { frames: frames.length, p50: frames[frames.length >> 1], max: frames[frames.length - 1],
    over50: frames.filter((f) => f > 50).length };
})();
return true;
"#;

/// A district of `n` miners another agent registered: the phone's first sync of them, then
/// its list: opened, searched, shown whole and scrolled. Each figure in milliseconds.
fn big_list(
    tools: &chrome::Tools,
    server: &Server,
    region: Uuid,
    n: usize,
) -> Vec<(String, String)> {
    let mut other = RawDevice::enrol(server, "Kojo Mensah", &[region]);
    let ops: Vec<_> = (0..n)
        .map(|i| ops::miner(region, &format!("Abena Owusu {i:05}")))
        .collect();
    for chunk in ops.chunks(2000) {
        other.push_ops(chunk.to_vec());
    }
    let code = server.enrol_code("Ama Owusu", &[region]);
    let b = browser::Browser::open(tools, &server.url, "field-app-bench-list");
    b.phone(360, 740);
    b.goto(&format!("/field/#code={code}"));
    b.wait_until("the enrolment form", "document.querySelector('#enrol')", 60);
    let t = Instant::now();
    b.js("document.querySelector('#enrol button').click(); return true");
    b.wait_until(
        "the first sync",
        "document.body.dataset.synced === '1'",
        600,
    );
    let first_sync = t.elapsed().as_secs_f64();
    let timed = |what: &str, action: &str, done: &str| {
        let t = Instant::now();
        b.js(&format!("{action}; return true"));
        b.wait_until(what, done, 120);
        t.elapsed().as_secs_f64() * 1000.0
    };
    let open = timed(
        "the list",
        "location.hash = '#/list/miner'",
        "document.querySelectorAll('#records li').length === 100",
    );
    let search = timed(
        "the search",
        &format!("const s = document.querySelector('#search'); s.value = 'owusu {:05}'; s.dispatchEvent(new Event('input'))", n - 1),
        "document.querySelectorAll('#records li').length === 1",
    );
    b.fill("#search", "");
    b.wait_until(
        "the list again",
        "document.querySelectorAll('#records li').length === 100",
        60,
    );
    let t = Instant::now();
    while b.js("return !document.querySelector('#more').hidden") == Json::Bool(true) {
        b.js("document.querySelector('#more').click(); return true");
    }
    let whole = t.elapsed().as_secs_f64() * 1000.0;
    b.js(SCROLL_JS);
    b.wait_until("the scroll", "window.__bench", 300);
    let scroll = b.js("return window.__bench");
    vec![
        (
            format!("first sync of the district ({n} miners), loopback"),
            format!("{first_sync:.1} s"),
        ),
        (
            "open the miners' list (100 shown)".into(),
            format!("{open:.0} ms"),
        ),
        ("search one miner by name".into(), format!("{search:.0} ms")),
        (
            format!("show all {n}, 200 at a tap"),
            format!(
                "{whole:.0} ms ({} taps, WebDriver round trips included)",
                (n - 100).div_ceil(200)
            ),
        ),
        (
            format!("scroll all {n}, a screen a frame"),
            format!(
                "{} frames, median {:.0} ms, longest {:.0} ms, {} over 50 ms",
                scroll["frames"],
                scroll["p50"].as_f64().unwrap_or(0.0),
                scroll["max"].as_f64().unwrap_or(0.0),
                scroll["over50"]
            ),
        ),
    ]
}

fn main() {
    let tools = chrome::tools("field-app-bench")
        .expect("Chromium and chromedriver (apt install chromium chromium-driver)");
    let server = Spawn::new().env("PLACER_LOG", "warn").start();
    let tmp = tempfile::tempdir().unwrap();
    let target: std::net::SocketAddr = server.addr().parse().unwrap();

    eprintln!("the field app on loopback");
    let app_loopback = app(
        &tools,
        &server,
        &server.url,
        region(1),
        None,
        "field-app-bench",
    );
    eprintln!("the field app over 2G");
    let shaper = Shaper::start(target, EDGE);
    let app_2g = app(
        &tools,
        &server,
        &format!("http://{}", shaper.addr),
        region(2),
        Some(&shaper.link),
        "field-app-bench-2g",
    );
    eprintln!("the device client on loopback");
    let client_loopback = client(
        &server,
        &tmp.path().join("loopback"),
        &server.url,
        region(3),
        None,
    );
    eprintln!("the device client over 2G");
    let shaper = Shaper::start(target, EDGE);
    let client_2g = client(
        &server,
        &tmp.path().join("2g"),
        &format!("http://{}", shaper.addr),
        region(4),
        Some(&shaper.link),
    );

    eprintln!("a district of 5,000 miners on the phone");
    let list = big_list(&tools, &server, region(5), 5000);

    let per_s = |f: &Figures| format!("{:.2} s, {:.0} records/s", f.record_s, 400.0 / f.record_s);
    let sync = |f: &Figures| match f.link_bytes {
        Some(b) => format!("{:.1} s, {:.0} B/record", f.sync_s, b as f64 / 400.0),
        None => format!("{:.2} s, {:.0} records/s", f.sync_s, 400.0 / f.sync_s),
    };
    println!();
    println!("Field app (Chromium, IndexedDB, WebCrypto) against the device client (Rust, sled): one week, 400 records; 2 cores");
    println!();
    println!("| step | field app | device client | target |");
    println!("|---|---|---|---|");
    println!(
        "| record the week on the phone | {} | {} | |",
        per_s(&app_loopback),
        per_s(&client_loopback)
    );
    println!(
        "| sync the week, loopback | {} | {} | |",
        sync(&app_loopback),
        sync(&client_loopback)
    );
    println!(
        "| sync the week over 2G | {} | {} | ≤ 8 s, ≤ 60 B/record |",
        sync(&app_2g),
        sync(&client_2g)
    );
    let (s, bytes) = app_2g.first_open.unwrap();
    println!(
        "| first open of the app over 2G (enrolment screen) | {s:.1} s, {:.0} KB | — | |",
        bytes as f64 / 1000.0
    );
    let (s, bytes) = app_2g.shell.unwrap();
    println!(
        "| first open, enrolment, first sync, the shell kept for offline use, over 2G | {s:.1} s, {:.0} KB | — | |",
        bytes as f64 / 1000.0
    );
    println!();
    println!("A district of 5,000 miners on the phone (360×740, loopback)");
    println!();
    println!("| step | field app |");
    println!("|---|---|");
    for (step, figure) in list {
        println!("| {step} | {figure} |");
    }
}
