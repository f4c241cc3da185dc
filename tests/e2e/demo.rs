//! `placer demo`: a small season (hidden `--scale`) goes in through the real sync path; the
//! printed admin login works over the API, and records, regions, reports and a flag of
//! every planted kind are there. The same seed in another directory stores the same.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value as Json};

use crate::harness::{placer, Spawn};

/// A running `placer demo` and what it printed.
struct Demo {
    child: Child,
    url: String,
    admin_password: String,
    /// Every line printed before the URL and the logins.
    printed: Vec<String>,
    /// The one-time code printed for a new handset, and the field app's link with it.
    handset: (String, String),
}

/// The season the demo draws by default, as `from=…&to=…` months: the twelve months up to
/// the one before the test started.
fn season() -> &'static (String, String) {
    static SEASON: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    SEASON.get_or_init(|| {
        let now = time::OffsetDateTime::now_utc();
        let last = now.year() * 12 + i32::from(u8::from(now.month())) - 2;
        let label = |m: i32| format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1);
        (label(last - 11), label(last))
    })
}

/// `from=…&to=…` of the season.
fn period() -> String {
    let (from, to) = season();
    format!("from={from}&to={to}")
}

impl Demo {
    /// Runs the small demo of seed 7 on `data` and waits for its URL and admin login.
    fn start(data: &Path) -> Self {
        let log = std::fs::File::create(data.with_extension("log")).unwrap();
        let mut child = placer()
            .args(["demo", "--seed", "7", "--listen", "127.0.0.1:0", "--data"])
            .arg(data)
            // One last month for every run of the test, so that two runs across a month's
            // end still agree.
            .args(["--last-month", &season().1, "--scale", "0.05"])
            .env("PLACER_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("start placer demo");
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            // Reads to the end even when nobody listens any more, so that the demo never
            // writes into a closed pipe.
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let (mut url, mut printed) = (None, Vec::new());
        let admin_password = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(300))
                .unwrap_or_else(|_| {
                    panic!(
                        "the demo printed no admin login: {printed:?}\n{}",
                        std::fs::read_to_string(data.with_extension("log")).unwrap_or_default()
                    )
                });
            if let Some(u) = line.strip_prefix("url: ") {
                url = Some(u.to_string());
            } else if let Some(rest) = line.strip_prefix("login: admin / ") {
                break rest.split_whitespace().next().unwrap().to_string();
            }
            printed.push(line);
        };
        // After the logins: a new handset's code, its link, and the link's QR code.
        let mut code = None;
        let link = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("the demo printed a code for a new handset");
            if let Some(rest) = line.strip_prefix("handset: ") {
                code = rest.split_whitespace().next().map(String::from);
            } else if let Some(link) = line.strip_prefix("field app: ") {
                break link.to_string();
            }
        };
        let qr = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the link's QR code");
        assert!(
            qr.chars().all(|c| " ▀▄█".contains(c)) && qr.chars().count() > 20,
            "a QR code in block characters: {qr:?}"
        );
        Self {
            child,
            url: url.expect("the URL comes before the logins"),
            admin_password,
            printed,
            handset: (code.expect("the code before the link"), link),
        }
    }

    fn call(&self, path: &str, token: Option<&str>, body: Option<Json>) -> (u16, Json) {
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let url = format!("{}{}", self.url, path);
        let mut req = match body {
            Some(b) => client.post(url).json(&b),
            None => client.get(url),
        };
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().unwrap();
        let status = r.status().as_u16();
        (status, r.json().unwrap_or(Json::Null))
    }

    fn get(&self, path: &str, token: &str) -> Json {
        let (status, body) = self.call(path, Some(token), None);
        assert_eq!(status, 200, "{path}: {body}");
        body
    }

    fn login(&self) -> String {
        let (status, body) = self.call(
            "/v1/auth/login",
            None,
            Some(json!({"user": "admin", "password": self.admin_password})),
        );
        assert_eq!(status, 200, "admin login: {body}");
        body["token"].as_str().unwrap().to_string()
    }

    /// SIGTERM, and a clean exit.
    fn stop(mut self) {
        let ok = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        let status = self.child.wait().unwrap();
        assert!(status.success(), "clean exit after SIGTERM: {status}");
    }
}

/// Flags of each planted kind the demo promises.
const PLANTED: [&str; 6] = [
    "outside_licence_area",
    "licence_not_valid",
    "unregistered_miner",
    "duplicate_national_id",
    "duplicate_name_and_birth_year",
    "exports_exceed_purchases",
];

#[test]
fn the_demo_fills_a_registry_through_sync_and_the_same_seed_stores_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let (first, second) = (tmp.path().join("first"), tmp.path().join("second"));

    let demo = Demo::start(&first);
    assert!(
        demo.printed.iter().any(|l| l.contains("planted:")),
        "{:?}",
        demo.printed
    );
    let token = demo.login();

    let stats = demo.get("/v1/admin/stats", &token);
    for collection in ["miner", "licence", "production", "sale", "export"] {
        assert!(
            stats["records"][collection].as_u64().unwrap_or(0) > 0,
            "{collection}: {stats}"
        );
    }
    assert!(stats["devices"].as_u64().unwrap() >= 4, "{stats}");

    let regions = demo.get("/v1/regions", &token);
    let names: Vec<&str> = regions
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Ghana") && names.contains(&"Sierra Leone"),
        "{names:?}"
    );
    assert!(
        names.contains(&"Akwatia (synthetic)") && names.contains(&"Koidu (synthetic)"),
        "{names:?}"
    );
    assert!(names.len() > 20, "{names:?}");

    for kind in PLANTED {
        let flags = demo.get(&format!("/v1/flags?kind={kind}&limit=5"), &token);
        assert!(
            !flags["items"].as_array().unwrap().is_empty(),
            "no {kind} flag: {flags}"
        );
    }

    // One root cause, one case: the productions on the four licences dug after they
    // expired are four cases, each holding its productions, each naming its licence.
    let all: Vec<Json> = {
        let mut items = Vec::new();
        let mut after = String::new();
        loop {
            let page = demo.get(
                &format!("/v1/flags?kind=licence_not_valid&limit=1000{after}"),
                &token,
            );
            items.extend(page["items"].as_array().unwrap().iter().cloned());
            match page["next"].as_str() {
                Some(next) => after = format!("&after={next}"),
                None => break,
            }
        }
        items
    };
    let cases = demo.get("/v1/cases?kind=licence_not_valid", &token)["cases"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(cases.len(), 4, "{cases:?}");
    assert!(all.len() > cases.len(), "{} flags", all.len());
    let held: u64 = cases.iter().map(|c| c["flags"].as_u64().unwrap()).sum();
    assert_eq!(held, all.len() as u64);
    for c in &cases {
        let licence = c["cause"].as_str().unwrap();
        let of_it = all
            .iter()
            .filter(|f| {
                f["records"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r == licence)
            })
            .count();
        assert_eq!(c["flags"].as_u64(), Some(of_it as u64), "{c}");
        assert!(
            c["cause_name"].as_str().is_some_and(|n| n.contains("-")),
            "a licence number: {c}"
        );
        assert_eq!(c["severity"], "high");
    }
    for (query, status) in [
        ("?kind=no_such_kind", 400),
        ("?format=xml", 400),
        ("?colour=red", 400),
    ] {
        let (s, body) = demo.call(&format!("/v1/cases{query}"), Some(&token), None);
        assert_eq!(s, status, "{query}: {body}");
        assert!(body["code"].is_string(), "{query}: a JSON error: {body}");
    }
    assert_eq!(demo.call("/v1/cases", None, None).0, 401);

    // KP statistics are one participant's: the administrator reads two countries, so the
    // report asks which, and names them.
    let (status, refused) = demo.call(&format!("/v1/reports/kp?{}", period()), Some(&token), None);
    assert_eq!(status, 400, "{refused}");
    let message = refused["message"].as_str().unwrap();
    assert!(
        message.contains("Ghana (") && message.contains("Sierra Leone ("),
        "{message}"
    );
    let countries: Vec<(&str, &str)> = regions
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "country")
        .map(|r| (r["name"].as_str().unwrap(), r["id"].as_str().unwrap()))
        .collect();
    assert_eq!(countries.len(), 2, "{countries:?}");
    let mut both = String::new();
    for (name, id) in &countries {
        let kp = demo.get(&format!("/v1/reports/kp?{}&region={id}", period()), &token);
        assert_eq!(kp["version"], 4, "{kp}");
        assert_eq!(kp["participant"]["name"], *name, "{kp}");
        assert!(!kp["production"].as_array().unwrap().is_empty(), "{kp}");
        both.push_str(&kp.to_string());
    }
    for hs in ["7102.10", "7102.21", "7102.31"] {
        assert!(both.contains(hs), "KP statistics without {hs}: {both}");
    }
    for (report, version) in [("regional", 2), ("national", 5)] {
        let r = demo.get(&format!("/v1/reports/{report}?{}", period()), &token);
        assert_eq!(r["version"], version, "{report}: {r}");
    }
    // The season was entered on its days: nothing is backdated, every handset synced last
    // today, and flags were raised across the season, not all at once.
    let national = demo.get(&format!("/v1/reports/national?{}", period()), &token);
    let nation: Vec<&Json> = national["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["region"].is_null())
        .collect();
    assert!(nation.iter().all(|r| r["late_records"] == 0), "{national}");
    // Miners sell what they dug: in every region, first sales up to the end of any quarter
    // never exceed production up to then, while all sales together (resales by dealers
    // to exporters counted again) do exceed it.
    let mut running: std::collections::BTreeMap<String, (i64, i64, i64)> = Default::default();
    for r in national["rows"].as_array().unwrap() {
        let n = |f: &str| r[f].as_i64().unwrap();
        let t = running.entry(r["region"].to_string()).or_default();
        t.0 += n("carats_hundredths");
        t.1 += n("first_sales_carats_hundredths");
        t.2 += n("sales_carats_hundredths");
        assert!(
            t.1 <= t.0,
            "first sales over production by {}: {r}",
            r["period"]
        );
    }
    let (produced, _, sold) = running["null"];
    assert!(sold > produced, "{produced} {sold}");
    assert!(
        nation
            .iter()
            .filter(|r| r["flags_raised"].as_i64().unwrap() > 0)
            .count()
            >= 3,
        "{national}"
    );
    assert_eq!(
        national["devices_not_synced_for_14_days"],
        serde_json::json!([])
    );
    // The planted exporter leads the export monitoring.
    let exports = demo.get(&format!("/v1/reports/exports?{}", period()), &token);
    let leader = exports["ranking"][0]["exporter"].clone();
    let number = exports["exporters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == leader)
        .map(|e| e["number"].clone());
    assert_eq!(number, Some(Json::from("GH-EXP-004")), "{exports}");
    demo.stop();

    // The same command on the finished directory serves it as it is.
    let again = Demo::start(&first);
    assert!(
        !again.printed.iter().any(|l| l.contains("planted:")),
        "a finished demo is served, not made again: {:?}",
        again.printed
    );
    let token = again.login();
    assert_eq!(
        again.get("/v1/admin/stats", &token)["records"],
        stats["records"]
    );
    again.stop();

    // The same seed in another directory stores the same records, batches and log bytes
    // (each start issued one code for a new handset: twice here as there).
    Demo::start(&second).stop();
    Demo::start(&second).stop();
    let fingerprint = |data: &Path| {
        let server = Spawn::new().data(data).start();
        server.fingerprint()
    };
    assert_eq!(fingerprint(&first), fingerprint(&second));

    // The code a start prints for a new handset opens the field app and enrols a device.
    let demo = Demo::start(&first);
    let (code, link) = &demo.handset;
    assert_eq!(link, &format!("{}/field/#code={code}", demo.url));
    let key = sync_protocol::batch::DeviceKey::generate().unwrap();
    let (status, enrolment) = demo.call(
        "/v1/devices/enrol",
        None,
        Some(
            json!({"code": code, "public_key": hex::encode(key.public_key().0), "label": "phone"}),
        ),
    );
    assert_eq!(status, 200, "{enrolment}");
    assert_eq!(enrolment["agent"], "Demo field agent", "{enrolment}");

    demo.stop();
}
