//! Debian's headless Chromium behind its chromedriver: finding both, starting the driver on
//! a free loopback port, and the capabilities of a fresh, quiet browser profile.
//!
//! CI installs `chromium` and `chromium-driver` (`.ci/run`), so a missing browser fails
//! the tests with what to install; only `PLACER_SKIP_BROWSER=1` skips them, loudly.

use std::io::Write as _;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value as Json};

/// The two programs the browser tests drive.
pub struct Tools {
    pub chromedriver: PathBuf,
    pub chromium: PathBuf,
}

/// The first executable called `name` on `PATH`.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Chromium and chromedriver, or `None` (after a loud notice) when the machine opted out
/// with `PLACER_SKIP_BROWSER=1`. Panics, naming the Debian packages, when either is missing.
pub fn tools(test: &str) -> Option<Tools> {
    if std::env::var("PLACER_SKIP_BROWSER").as_deref() == Ok("1") {
        // Written past the test harness's capture, so that a skip is never silent.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED browser test {test}: PLACER_SKIP_BROWSER=1 is set; the dashboard \
             was not tested in a browser ***\n"
        );
        return None;
    }
    let chromedriver = on_path(&["chromedriver"]);
    let chromium = on_path(&["chromium", "chromium-browser"]);
    match (chromedriver, chromium) {
        (Some(chromedriver), Some(chromium)) => Some(Tools {
            chromedriver,
            chromium,
        }),
        (driver, browser) => {
            panic!(
            "the browser tests need headless Chromium and its WebDriver ({}{}not found on PATH): \
             install Debian's packages with `apt-get install chromium chromium-driver` \
             (.ci/run does), or set PLACER_SKIP_BROWSER=1 to skip these tests on this machine",
            if browser.is_none() { "chromium " } else { "" },
            if driver.is_none() { "chromedriver " } else { "" },
        )
        }
    }
}

/// A free TCP port on loopback (free when asked; chromedriver binds it right after).
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// A running chromedriver, killed (and reaped) when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Driver {
    /// Starts `chromedriver` on a free loopback port, its output in `log`, and waits until
    /// it accepts connections.
    pub fn start(tools: &Tools, log: &Path) -> Self {
        let port = free_port();
        let out = std::fs::File::create(log).expect("chromedriver log");
        let child = Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", tools.chromedriver.display()));
        let driver = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on {addr}: {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The session's capabilities: headless Chromium with a fresh profile in `profile`, CSV
/// downloads saved to `downloads` without asking, page loads bounded.
pub fn capabilities(
    tools: &Tools,
    profile: &Path,
    downloads: &Path,
) -> serde_json::Map<String, Json> {
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1400",
    ]
    .iter()
    .map(|a| a.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect::<Vec<_>>();
    let caps = json!({
        "browserName": "chrome",
        "timeouts": {"pageLoad": 30_000, "script": 10_000, "implicit": 0},
        "goog:chromeOptions": {
            "binary": tools.chromium,
            "args": args,
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
            },
        },
    });
    match caps {
        Json::Object(map) => map,
        _ => unreachable!("an object literal"),
    }
}
