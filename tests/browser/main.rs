//! The dashboard in a real browser: headless Chromium, driven over WebDriver by its
//! chromedriver, against the real `placer` binary serving a demo season on a loopback
//! port. Officers log in through the login form, open every page, resolve a flag and
//! download a CSV by clicking; the figures the browser shows are checked against the JSON
//! API's reports, and every page is saved as a screenshot under
//! `target/tmp/browser-screenshots/TEST/PAGE.png`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); fails
//! without them unless `PLACER_SKIP_BROWSER=1`.
//!
//! # Modules
//! - [`chrome`]: finding Chromium and chromedriver, starting the driver, the capabilities.
//! - [`browser`]: one session, driven step by step; reading `<h1>`, figures and tables.
//! - [`fixture`]: the demo's season served by the e2e harness, and the tests' officers.
//! - [`expected`]: what the pages must show, from the API's reports (pure).
//! - [`pdf`]: what a printed PDF holds (pages, their size, its title), read from its bytes.
//! - [`pages`], [`forms`], [`scope`], [`records`], [`triage`], [`print`], [`phone`],
//!   [`french`], [`field`]: the tests.

// The e2e harness is shared source; this target uses only part of it.
#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;

mod browser;
mod chrome;
mod expected;
mod fixture;

mod field;
mod forms;
mod french;
mod pages;
mod pdf;
mod phone;
mod print;
mod records;
mod scope;
mod triage;

use std::io::Write as _;

use browser::Browser;
use fixture::Registry;

/// The demo's registry and a browser on it for test `test`; `None` when browser tests are
/// skipped on this machine. Bind the two in this order, so that the browser closes first.
fn start(test: &str) -> Option<(Registry, Browser)> {
    let tools = chrome::tools(test)?;
    let registry = Registry::demo();
    let browser = Browser::open(&tools, &registry.server.url, test);
    Some((registry, browser))
}

/// Logs in through the login form the browser shows.
fn log_in(b: &Browser, user: &str, password: &str) {
    assert!(b.has("form#login"), "the login form at {}", b.location());
    b.type_into("#login input[name=user]", user);
    b.type_into("#login input[name=password]", password);
    b.click("#login button[type=submit]");
}

/// Says where the screenshots are, past the test harness's capture of output.
fn report_screenshots(b: &Browser) {
    let _ = writeln!(
        std::io::stderr(),
        "screenshots: {}",
        b.screenshots().display()
    );
}
