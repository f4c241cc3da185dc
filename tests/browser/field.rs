//! The field app on a phone's 360×740 screen, against the real server: the agent opens
//! the link of a one-time code (`/field/#code=…`, as the QR code gives it), enrols — the
//! phone makes its Ed25519 key with WebCrypto, not extractable, and keeps it in IndexedDB
//! — and sees their home screen; the server lists the device with the key the phone made.
//! The service worker then keeps the shell: with the registry gone (its process killed),
//! a reload still opens the app on the enrolled agent. A used code is refused in the
//! agent's language. Screenshots of each screen.

use std::time::{Duration, Instant};

use serde_json::Value as Json;

use crate::browser::Browser;
use crate::harness::{admin, enrol_code, region, Spawn};
use crate::report_screenshots;

/// Polls `script` (an expression) until it is true, for at most 20 s.
fn wait_for(b: &Browser, what: &str, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if b.js(&format!("return Boolean({script})")) == Json::Bool(true) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("waited 20 s for {what} at {}", b.location());
}

#[test]
fn an_agent_enrols_a_phone_and_the_app_opens_offline() {
    let Some(tools) = crate::chrome::tools("field") else {
        return;
    };
    let mut server = Spawn::new().start();
    let code = enrol_code(&server.data, "Awa Traoré", &[region(1)]);
    let b = Browser::open(&tools, &server.url, "field");
    b.resize(360, 740);

    // A used code first: refused, in French once the phone reads French.
    let used = enrol_code(&server.data, "Used", &[region(1)]);
    crate::harness::RawDevice::enrol_with(&server, &used);
    b.goto(&format!("/field/#code={used}"));
    wait_for(&b, "the enrolment form", "document.querySelector('#enrol')");
    b.js("document.querySelector('#languages button[data-lang=fr]').click()");
    wait_for(&b, "French", "document.documentElement.lang === 'fr'");
    b.js("document.querySelector('#enrol button').click()");
    wait_for(
        &b,
        "the refusal",
        "document.querySelector('#error').textContent.includes('inconnu, expiré ou déjà utilisé')",
    );
    b.screenshot("enrol-refused-fr");
    b.js("document.querySelector('#languages button[data-lang=en]').click()");

    // The code's link: the form comes filled in.
    b.goto(&format!("/field/#code={code}"));
    wait_for(&b, "the enrolment form", "document.querySelector('#enrol')");
    assert_eq!(b.attr("#code", "value"), code);
    assert_eq!(b.h1(), "Enrol this phone");
    b.screenshot("enrol");
    b.js("document.querySelector('#enrol button').click()");
    wait_for(&b, "the home screen", "document.querySelector('#agent')");
    b.screenshot("home");
    assert_eq!(b.text("#agent"), "Agent: Awa Traoré");
    assert_eq!(b.attr("#device", "data-extractable"), "false");
    let public_key = b.attr("#device", "data-public-key");
    let device = b.attr("#device", "data-device");
    let devices: Json = serde_json::from_str(&admin(&server.data, &["devices"])).unwrap();
    let listed = devices
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device"]["id"] == device.as_str())
        .unwrap_or_else(|| panic!("the server lists device {device}: {devices}"));
    assert_eq!(listed["device"]["agent"], "Awa Traoré");
    assert_eq!(
        listed["device"]["public_key"],
        public_key.as_str(),
        "{listed}"
    );

    // The service worker takes the page, then the registry goes away: the app still opens.
    b.goto("/field/");
    wait_for(
        &b,
        "the service worker in charge",
        "navigator.serviceWorker.controller",
    );
    server.kill9();
    b.goto("/field/");
    wait_for(
        &b,
        "the home screen offline",
        "document.querySelector('#agent')",
    );
    assert_eq!(b.text("#agent"), "Agent: Awa Traoré");
    b.screenshot("home-offline");
    report_screenshots(&b);
}
