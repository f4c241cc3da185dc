//! A registry with a season in it: `placer demo` (small scale, fixed seed and last month)
//! fills a data directory through the real sync path, then the e2e harness serves that
//! directory, so the tests have the harness's server, officers and API calls.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value as Json;
use tempfile::TempDir;
use uuid::Uuid;

use crate::harness::{add_user, placer, Server, Spawn, OFFICER_PASSWORD};

/// The demo's season: twelve months to its fixed last month.
pub const SEASON: &str = "from=2025-11&to=2026-10";

/// The officers the tests log in as (made with `placer admin add-user`).
pub const ADMIN: &str = "browser.admin";
pub const REGIONAL: &str = "browser.regional";
/// The district the regional officer serves, and one of another country.
pub const OWN_DISTRICT: &str = "Akwatia (synthetic)";
pub const OTHER_DISTRICT: &str = "Koidu (synthetic)";

pub struct Registry {
    // Declared before the directory, so that the server is killed before it is removed.
    pub server: Server,
    /// Region ids by name.
    pub regions: BTreeMap<String, Uuid>,
    _tmp: TempDir,
}

/// Runs `placer demo` until it printed its logins (the season is then all in), stops it.
fn fill(data: &std::path::Path) {
    let log = data.with_extension("log");
    let mut child = placer()
        .args(["demo", "--seed", "7", "--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .args(["--last-month", "2026-10", "--scale", "0.05"])
        .env("PLACER_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start placer demo");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    loop {
        match rx.recv_timeout(Duration::from_secs(180)) {
            Ok(line) if line.starts_with("login: ") => break,
            Ok(_) => {}
            Err(_) => panic!(
                "the demo printed no login: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            ),
        }
    }
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "the demo stops cleanly: {status}");
}

impl Registry {
    /// The demo's season, served, with an administrator and a regional officer of
    /// [`OWN_DISTRICT`].
    pub fn demo() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fill(&data);
        let server = Spawn::new().data(&data).start();
        add_officer(&server, ADMIN, "admin", &[]);
        let token = server.login(ADMIN);
        let (status, listed) = server.call("GET", "/v1/regions", Some(&token), None);
        assert_eq!(status, 200, "{listed}");
        let regions: BTreeMap<String, Uuid> = listed
            .as_array()
            .expect("a list of regions")
            .iter()
            .map(|r| {
                let id = r["id"].as_str().unwrap().parse().unwrap();
                (r["name"].as_str().unwrap().to_string(), id)
            })
            .collect();
        let r = Self {
            server,
            regions,
            _tmp: tmp,
        };
        add_officer(
            &r.server,
            REGIONAL,
            "regional-officer",
            &[r.region(OWN_DISTRICT)],
        );
        r
    }

    pub fn region(&self, name: &str) -> Uuid {
        *self
            .regions
            .get(name)
            .unwrap_or_else(|| panic!("no region {name}"))
    }

    /// `GET path` on the JSON API with `token`, which must answer 200.
    pub fn api(&self, token: &str, path: &str) -> Json {
        let (status, body) = self.server.call("GET", path, Some(token), None);
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }
}

fn add_officer(server: &Server, name: &str, role: &str, regions: &[Uuid]) {
    let (ok, out) = add_user(&server.data, name, role, regions, OFFICER_PASSWORD);
    assert!(ok, "add-user {name}: {out}");
}
