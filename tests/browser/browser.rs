//! One headless Chromium session, driven synchronously: the tests read top to bottom and
//! call the (blocking) API helpers of the e2e harness between browser steps, so the async
//! WebDriver client runs on a runtime of its own, entered only for each browser step.
//!
//! What the tests read from a page they read from the browser's DOM — the `<h1>`, the
//! `data-figure`/`data-value` pairs, the cells of a table — after the browser loaded it,
//! followed its redirects and submitted its forms.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::Value as Json;
use tempfile::TempDir;

use crate::chrome::{self, Driver, Tools};

/// Where the screenshots of test `test` go; emptied when a browser opens for it.
pub fn screenshot_dir(test: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("browser-screenshots")
        .join(test)
}

pub struct Browser {
    rt: tokio::runtime::Runtime,
    client: Option<Client>,
    /// The dashboard's base URL, `http://127.0.0.1:PORT`.
    base: String,
    shots: PathBuf,
    pub downloads: PathBuf,
    // Dropped after the session is closed (see `Drop`): the driver, then the profile.
    _driver: Driver,
    _tmp: TempDir,
}

/// The cells of every `<th data-column>` and, per body row, every `<td data-column>` of
/// table `arguments[0]`: the data (the action column left out), each cell's `data-value`
/// where it has one (an id shown short, a kind shown in words), else its text.
const TABLE_JS: &str = r#"
const t = document.getElementById(arguments[0]);
if (!t) return null;
const keys = Array.from(t.querySelectorAll('thead th[data-column]')).map(th => th.dataset.column);
const rows = Array.from(t.querySelectorAll('tbody tr'))
  .filter(tr => !tr.classList.contains('empty'))
  .map(tr => Array.from(tr.querySelectorAll('td[data-column]'))
    .map(td => td.dataset.value !== undefined ? td.dataset.value : td.textContent));
return [keys].concat(rows);
"#;

/// For every element matching `arguments[0]`: attributes `arguments[1]` and `arguments[2]`.
const PAIRS_JS: &str = r#"
return Array.from(document.querySelectorAll(arguments[0]))
  .map(e => [e.getAttribute(arguments[1]), e.getAttribute(arguments[2])]);
"#;

impl Browser {
    /// A fresh browser (its own chromedriver and profile) for test `test`, pointed at the
    /// dashboard at `base`.
    pub fn open(tools: &Tools, base: &str, test: &str) -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (profile, downloads) = (tmp.path().join("profile"), tmp.path().join("downloads"));
        std::fs::create_dir_all(&downloads).unwrap();
        let shots = screenshot_dir(test);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).unwrap();
        let log = tmp.path().join("chromedriver.log");
        let driver = Driver::start(tools, &log);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let caps = chrome::capabilities(tools, &profile, &downloads);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = rt
            .block_on(
                ClientBuilder::new(connector)
                    .capabilities(caps)
                    .connect(&driver.url),
            )
            .unwrap_or_else(|e| {
                panic!(
                    "no Chromium session through chromedriver: {e}\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                )
            });
        Self {
            rt,
            client: Some(client),
            base: base.trim_end_matches('/').to_string(),
            shots,
            downloads,
            _driver: driver,
            _tmp: tmp,
        }
    }

    /// Runs one browser step to its end; a WebDriver error fails the test with `what`.
    fn step<T, E: std::fmt::Display, F: Future<Output = Result<T, E>>>(
        &self,
        what: &str,
        f: impl FnOnce(Client) -> F,
    ) -> T {
        let client = self.client.clone().expect("an open session");
        self.rt
            .block_on(f(client))
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    /// Opens `path` on the dashboard (following redirects, as a browser does).
    pub fn goto(&self, path: &str) {
        let url = format!("{}{path}", self.base);
        self.step(
            &format!("open {url}"),
            |c| async move { c.goto(&url).await },
        );
    }

    /// The path and query the browser shows.
    pub fn location(&self) -> String {
        let url = self.step("read the URL", |c| async move { c.current_url().await });
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    pub fn h1(&self) -> String {
        self.text("h1")
    }

    /// Checks the page's `<h1>` and saves its screenshot as `PAGE.png`.
    pub fn expect_page(&self, h1: &str, page: &str) {
        assert_eq!(self.h1(), h1, "the <h1> of {}", self.location());
        self.screenshot(page);
    }

    /// The visible text of the first element matching `css`.
    pub fn text(&self, css: &str) -> String {
        self.step(&format!("read {css}"), |c| async move {
            c.find(Locator::Css(css)).await?.text().await
        })
    }

    /// Whether any element matches `css`.
    pub fn has(&self, css: &str) -> bool {
        !self
            .step(&format!("look for {css}"), |c| async move {
                c.find_all(Locator::Css(css)).await
            })
            .is_empty()
    }

    /// Attribute `name` of the first element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> String {
        self.step(&format!("read {name} of {css}"), |c| async move {
            c.find(Locator::Css(css)).await?.attr(name).await
        })
        .unwrap_or_else(|| panic!("{css} has no {name}"))
    }

    /// Types `text` into the field matching `css` (emptied first), key by key.
    pub fn type_into(&self, css: &str, text: &str) {
        self.step(&format!("type into {css}"), |c| async move {
            let field = c.find(Locator::Css(css)).await?;
            field.clear().await?;
            field.send_keys(text).await
        });
    }

    /// Chooses the option of value `value` in the `<select>` matching `css`.
    pub fn select(&self, css: &str, value: &str) {
        self.step(&format!("choose {value} in {css}"), |c| async move {
            c.find(Locator::Css(css))
                .await?
                .select_by_value(value)
                .await
        });
    }

    /// Clicks the element matching `css`, which leads to another page (a link, a form's
    /// button), and waits until the browser shows that page: the old document is marked
    /// first, and the wait is for a document without the mark.
    pub fn click(&self, css: &str) {
        self.step(&format!("click {css}"), |c| async move {
            c.execute(
                "document.documentElement.setAttribute('data-left', '')",
                vec![],
            )
            .await?;
            c.find(Locator::Css(css)).await?.click().await?;
            c.wait()
                .at_most(Duration::from_secs(20))
                .for_element(Locator::Css("html:not([data-left]) h1"))
                .await
                .map(drop)
        });
    }

    /// Sets the window to `width` × `height` pixels (a desktop's, a phone's).
    pub fn resize(&self, width: u32, height: u32) {
        self.step(&format!("resize to {width}×{height}"), |c| async move {
            c.set_window_size(width, height).await
        });
    }

    /// Whether the page is no wider than the window (nothing to scroll sideways but
    /// inside the tables' own scrolling boxes).
    pub fn fits_width(&self) -> bool {
        let v = self.step("measure the page", |c| async move {
            c.execute(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1",
                vec![],
            )
            .await
        });
        v.as_bool().unwrap_or(false)
    }

    /// Every `data-figure` of the page with its `data-value`.
    pub fn figures(&self) -> BTreeMap<String, String> {
        self.pairs("[data-figure]", "data-figure", "data-value")
    }

    /// For every element matching `css`, attribute `key` mapped to attribute `value`.
    pub fn pairs(&self, css: &str, key: &str, value: &str) -> BTreeMap<String, String> {
        let args = [css, key, value].map(|a| Json::String(a.into())).to_vec();
        let v = self.step(&format!("read {key} of {css}"), |c| async move {
            c.execute(PAIRS_JS, args).await
        });
        serde_json::from_value::<Vec<(String, String)>>(v)
            .unwrap_or_else(|e| panic!("{css} with {key} and {value}: {e}"))
            .into_iter()
            .collect()
    }

    /// Table `id` as shown: the column keys, then each row's cells.
    pub fn table(&self, id: &str) -> Vec<Vec<String>> {
        let arg = Json::String(id.to_string());
        let v = self.step(&format!("read table {id}"), |c| async move {
            c.execute(TABLE_JS, vec![arg]).await
        });
        assert!(!v.is_null(), "no table {id} on {}", self.location());
        serde_json::from_value(v).expect("a table of strings")
    }

    /// Saves a PNG of the window as `PAGE.png` in the test's screenshot directory.
    pub fn screenshot(&self, page: &str) {
        let png = self.step(&format!("screenshot {page}"), |c| async move {
            c.screenshot().await
        });
        assert!(png.starts_with(b"\x89PNG"), "a PNG of {page}");
        std::fs::write(self.shots.join(format!("{page}.png")), png).unwrap();
    }

    /// Clicks the download link matching `css` and waits for the finished file (Chromium
    /// writes `NAME.crdownload` and renames it when done).
    pub fn download(&self, css: &str) -> PathBuf {
        self.step(&format!("click {css}"), |c| async move {
            c.find(Locator::Css(css)).await?.click().await
        });
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let done: Vec<PathBuf> = std::fs::read_dir(&self.downloads)
                .unwrap()
                .filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.extension().is_some_and(|x| x != "crdownload"))
                // Chromium writes a download to a hidden temporary file first.
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            if let [file] = done.as_slice() {
                return file.clone();
            }
            assert!(
                done.len() <= 1 && Instant::now() < deadline,
                "one finished download in {}: {done:?}",
                self.downloads.display()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs `script` (a function body that `return`s) in the page and gives its value.
    pub fn js(&self, script: &str) -> Json {
        let script = script.to_string();
        self.step("run a script", |c| async move {
            c.execute(&script, vec![]).await
        })
    }

    /// The page printed to PDF by the browser (WebDriver's Print Page: A4, 1 cm margins,
    /// backgrounds printed), saved as `PAGE.pdf` beside the screenshots; its bytes.
    pub fn print_pdf(&self, page: &str) -> Vec<u8> {
        let config = fantoccini::wd::PrintConfiguration::builder()
            .size(fantoccini::wd::PrintSize::A4)
            .background(true)
            .build()
            .expect("an A4 print configuration");
        let pdf = self.step(&format!("print {page}"), |c| async move {
            c.print(config).await
        });
        assert!(pdf.starts_with(b"%PDF-"), "a PDF of {page}");
        std::fs::write(self.shots.join(format!("{page}.pdf")), &pdf).unwrap();
        pdf
    }

    /// Where this test's screenshots are.
    pub fn screenshots(&self) -> &Path {
        &self.shots
    }

    /// Sends a command of the session that WebDriver's standard lacks but chromedriver
    /// has (`chromium/network_conditions`, `goog/cdp/execute`, `permissions`): `method` on
    /// `/session/{id}/{path}` with a JSON `body`; its `value`.
    pub fn command(&self, method: http::Method, path: &str, body: Option<Json>) -> Json {
        let cmd = SessionCommand {
            method,
            path: path.to_string(),
            body,
        };
        self.step(
            &format!("{cmd:?}"),
            |c| async move { c.issue_cmd(cmd).await },
        )
    }

    /// Takes the browser off the network (chromedriver's network conditions: every request
    /// of the page and its service worker fails as with no signal), or back on it.
    pub fn set_offline(&self, offline: bool) {
        let conditions = serde_json::json!({"network_conditions": {
            "offline": offline, "latency": 0,
            "download_throughput": -1, "upload_throughput": -1,
        }});
        self.command(
            http::Method::POST,
            "chromium/network_conditions",
            Some(conditions),
        );
        // The page learns it as a phone does: `online`/`offline` events.
        self.devtools(
            "Network.emulateNetworkConditions",
            serde_json::json!({"offline": offline, "latency": 0,
                "downloadThroughput": -1, "uploadThroughput": -1}),
        );
    }

    /// A Chrome DevTools Protocol command on the page (`Emulation.setGeolocationOverride`…).
    pub fn devtools(&self, cmd: &str, params: Json) -> Json {
        let body = serde_json::json!({"cmd": cmd, "params": params});
        self.command(http::Method::POST, "goog/cdp/execute", Some(body))
    }

    /// A phone's screen, `width` × `height` CSS pixels at twice the density, touch: the
    /// viewport itself (a window resize leaves the browser's own bars out of it).
    pub fn phone(&self, width: u32, height: u32) {
        self.devtools(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": width, "height": height,
                "deviceScaleFactor": 2, "mobile": true}),
        );
        self.devtools(
            "Emulation.setTouchEmulationEnabled",
            serde_json::json!({"enabled": true}),
        );
    }

    /// The phone's GPS reads `lat`, `lon` within `accuracy` metres, and the page may ask.
    pub fn gps(&self, lat: f64, lon: f64, accuracy: f64) {
        self.command(
            http::Method::POST,
            "permissions",
            Some(serde_json::json!({"descriptor": {"name": "geolocation"}, "state": "granted"})),
        );
        self.devtools(
            "Emulation.setGeolocationOverride",
            serde_json::json!({"latitude": lat, "longitude": lon, "accuracy": accuracy}),
        );
    }

    /// Reloads the page, as the phone's reload does.
    pub fn reload(&self) {
        self.step("reload", |c| async move { c.refresh().await });
    }

    /// Waits (up to `secs`) until `script` (an expression) is true; `what` names the wait
    /// in the failure. A script that meets a page being replaced is asked again.
    pub fn wait_until(&self, what: &str, script: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        let client = self.client.clone().expect("an open session");
        let script = format!("return Boolean({script})");
        loop {
            let ok = self
                .rt
                .block_on(client.execute(&script, vec![]))
                .is_ok_and(|v| v.as_bool() == Some(true));
            if ok {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: not within {secs} s at {}",
                self.location()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sets the value of the form control `css` as typing or choosing would, with the
    /// events a page listens to.
    pub fn fill(&self, css: &str, value: &str) {
        let script = format!(
            "const e = document.querySelector({css}); if (!e) return false; e.value = {value}; \
             e.dispatchEvent(new Event('input', {{bubbles: true}})); \
             e.dispatchEvent(new Event('change', {{bubbles: true}})); return true;",
            css = Json::String(css.to_string()),
            value = Json::String(value.to_string()),
        );
        assert_eq!(self.js(&script), Json::Bool(true), "no {css} to fill");
    }
}

/// A command of the session outside WebDriver's standard, sent through fantoccini.
#[derive(Debug)]
struct SessionCommand {
    method: http::Method,
    path: String,
    body: Option<Json>,
}

impl fantoccini::wd::WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let id = session_id.unwrap_or_default();
        base_url.join(&format!("session/{id}/{}", self.path))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (self.method.clone(), self.body.as_ref().map(Json::to_string))
    }
}

impl Drop for Browser {
    /// Ends the session first, so that chromedriver closes Chromium before it is killed.
    fn drop(&mut self) {
        if let Some(c) = self.client.take() {
            let _ = self
                .rt
                .block_on(async { tokio::time::timeout(Duration::from_secs(10), c.close()).await });
        }
    }
}
