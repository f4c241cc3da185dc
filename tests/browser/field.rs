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
    // The phone syncs at once: its home screen is drawn again once it has.
    wait_for(&b, "the first sync", "document.body.dataset.synced === '1'");
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

/// One district, "Kade", a square of 0.2° around (6.05 N, 0.95 W), imported as the
/// registry's administrator does; its id.
fn kade(data: &std::path::Path) -> uuid::Uuid {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("kade.geojson");
    let fc = serde_json::json!({"type": "FeatureCollection", "features": [{
        "type": "Feature",
        "properties": {"name": "Kade"},
        "geometry": {"type": "Polygon", "coordinates": [[
            [-1.05, 5.95], [-0.85, 5.95], [-0.85, 6.15], [-1.05, 6.15], [-1.05, 5.95]
        ]]}
    }]});
    std::fs::write(&file, fc.to_string()).unwrap();
    let out = admin(
        data,
        &[
            "import-regions",
            file.to_str().unwrap(),
            "--level",
            "district",
        ],
    );
    let line = out.lines().nth(1).unwrap_or_else(|| panic!("{out}"));
    line.split_once(' ').unwrap().0.parse().unwrap()
}

/// A phone at 360×740 enrolled from its code's link, with its first sync done.
fn phone(tools: &crate::chrome::Tools, url: &str, code: &str, test: &str) -> Browser {
    let b = Browser::open(tools, url, test);
    b.phone(360, 740);
    b.goto(&format!("/field/#code={code}"));
    b.wait_until("the enrolment form", "document.querySelector('#enrol')", 20);
    b.js("document.querySelector('#enrol button').click(); return true");
    b.wait_until("the home screen", "document.querySelector('#agent')", 20);
    b.wait_until("the first sync", "document.body.dataset.synced === '1'", 30);
    b
}

/// Opens a screen of the app (its address after `#`), as tapping a link does; every screen
/// fits the phone's width, and every control is a thumb's size (48 px high at least).
fn open(b: &Browser, screen: &str, ready: &str) {
    b.js(&format!(
        "location.hash = {}; return true",
        Json::String(screen.into())
    ));
    b.wait_until(&format!("screen {screen}"), ready, 20);
    assert!(b.fits_width(), "{screen} is wider than the phone");
    let small = b.js(
        "return Array.from(document.querySelectorAll('main button, main .button, main input:not([type=radio]):not(.hidden-file), main select, main textarea, header button'))
           .filter((e) => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().height < 47.5)
           .map((e) => e.outerHTML.slice(0, 80))",
    );
    assert_eq!(
        small,
        serde_json::json!([]),
        "controls too small on {screen}"
    );
}

/// Saves the form on screen and gives the id of the record it wrote (from the address).
fn save(b: &Browser) -> String {
    b.js("document.querySelector('#save').click(); return true");
    b.wait_until("the record saved", "document.querySelector('#saved')", 20);
    let hash = b.js("return location.hash");
    hash.as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

/// Registers a miner from the phone's form and gives their record id.
fn register_miner(b: &Browser, names: &str, sex: &str, born: &str) -> String {
    open(b, "#/new/miner", "document.querySelector('#record-form')");
    b.fill("[name=names]", names);
    b.fill("[name=sex]", sex);
    b.fill("[name=birth_year]", born);
    save(b)
}

/// Taps "Sync now" on the home screen and waits until the phone has synced `count` times
/// since its page opened (a reconnection may start one before the tap: either counts).
fn sync_now(b: &Browser, count: u32) {
    open(b, "#/", "document.querySelector('#sync')");
    b.js("document.querySelector('#sync').click(); return true");
    b.wait_until(
        "a sync",
        &format!("Number(document.body.dataset.synced) >= {count} && !document.querySelector('#sync').disabled"),
        120,
    );
}

/// A record as the registry holds it (`GET /v1/records/…` as its administrator).
#[track_caller]
fn stored(server: &crate::harness::Server, collection: &str, id: &str) -> Json {
    let (status, body) = server.call(
        "GET",
        &format!("/v1/records/{collection}/{id}"),
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200, "{collection} {id}: {body}");
    body
}

fn waiting(b: &Browser) -> (String, String) {
    (
        b.attr("#waiting", "data-pending"),
        b.attr("#waiting", "data-outbox"),
    )
}

#[test]
fn an_agent_records_a_field_day_offline_and_two_phones_sync_it() {
    let Some(tools) = crate::chrome::tools("field-day") else {
        return;
    };
    let server = Spawn::new().start();
    let district = kade(&server.data);
    let code_a = enrol_code(&server.data, "Awa Traoré", &[district]);
    let code_b = enrol_code(&server.data, "Kojo Mensah", &[district]);
    let a = phone(&tools, &server.url, &code_a, "field-day");
    assert_eq!(a.text("#regions"), "Regions: Kade");
    a.screenshot("home");

    // The field: no network from here.
    a.set_offline(true);
    a.wait_until(
        "the offline badge",
        "!document.querySelector('#offline').hidden",
        10,
    );

    // A miner, first with a birth year the registry refuses: the server's words, nothing kept.
    open(&a, "#/new/miner", "document.querySelector('#record-form')");
    a.fill("[name=names]", "  Ama Mensah ");
    a.fill("[name=sex]", "female");
    a.fill("[name=birth_year]", "1850");
    a.fill("[name=phone]", "+233 20 123 4567");
    a.js("document.querySelector('#save').click(); return true");
    a.wait_until(
        "the refusal",
        "document.querySelector('[data-error=birth_year]').textContent !== ''",
        10,
    );
    assert_eq!(
        a.text("[data-error=birth_year]"),
        "bad birth year: 1850 is not within 1900..=2100"
    );
    a.screenshot("miner-refused");
    a.fill("[name=birth_year]", "1990");
    a.screenshot("miner-form");
    let miner = save(&a);
    assert_eq!(a.h1(), "Miner: Ama Mensah");
    a.screenshot("miner");

    // Her licence, its area typed corner by corner.
    open(
        &a,
        "#/new/licence",
        "document.querySelector('#record-form')",
    );
    a.fill("[name=number]", "GH-KAD-0001");
    a.fill("[name=kind]", "artisanal_permit");
    a.fill("[name=holder-miner]", &miner);
    a.fill("[name=mineral]", "diamond");
    a.fill("[name=expires]", "2027-12-01");
    a.fill("[name=status]", "active");
    a.fill(
        "[name=area]",
        "6.04, -0.96\n6.04, -0.94\n6.06, -0.94\n6.06, -0.96",
    );
    a.screenshot("licence-form");
    let licence = save(&a);
    assert_eq!(a.h1(), "Licence: GH-KAD-0001");
    assert_eq!(a.text("[data-field=holder] dd"), "Ama Mensah");
    assert_eq!(a.text("[data-field=area] dd"), "4 corners");

    // The site-day: the position from the phone's GPS, three stones weighed.
    a.gps(6.0512, -0.9488, 12.0);
    open(
        &a,
        "#/new/production",
        "document.querySelector('#record-form')",
    );
    a.fill("[name=licence]", &licence);
    a.fill("[name=miner]", &miner);
    a.js("document.querySelector('[data-gps=fix]').click(); return true");
    a.wait_until(
        "the GPS fix",
        "document.querySelector('[name=fix-lat]').value !== ''",
        20,
    );
    assert_eq!(
        a.js("return [document.querySelector('[name=fix-lat]').value, document.querySelector('[name=fix-lon]').value, document.querySelector('[name=fix-accuracy]').value]"),
        serde_json::json!(["6.0512", "-0.9488", "12"])
    );
    a.fill("[name=diggers]", "6");
    a.fill("[name=gravel]", "2 400");
    a.fill("[name=stones-weights]", "0.25 1,10 0.40");
    a.fill("[name=mineral]", "diamond");
    a.screenshot("production-form");
    let production = save(&a);
    assert_eq!(a.text("[data-field=stones] dd"), "3 stones, 1.75 ct");
    a.screenshot("production");

    // Three records wait; the phone is reloaded with no network: the worker serves the
    // app and the store still holds them.
    open(&a, "#/", "document.querySelector('#waiting')");
    assert_eq!(waiting(&a), ("3".into(), "0".into()));
    // A tap on "Sync now" with no network says so at once; nothing leaves the phone.
    a.js("document.querySelector('#sync').click(); return true");
    a.wait_until(
        "the refusal",
        "document.body.dataset.syncFailed === '1'",
        30,
    );
    assert_eq!(
        a.text("#sync-status"),
        "No network: everything waits on the phone and goes up by itself when a network appears."
    );
    a.wait_until(
        "the waiting records",
        "document.querySelector('#waiting[data-pending=\"0\"][data-outbox=\"1\"]')",
        10,
    );
    a.screenshot("home-waiting");
    a.reload();
    a.wait_until("the app offline", "document.querySelector('#waiting')", 20);
    // The three records were sealed into one batch by the tap: it waits, signed, to go.
    assert_eq!(waiting(&a), ("0".into(), "1".into()));
    open(&a, "#/list/miner", "document.querySelector('#records li')");
    assert!(a.text("#records").contains("Ama Mensah"));
    a.screenshot("miners-offline");

    // Back in coverage: the phone syncs by itself.
    open(&a, "#/", "document.querySelector('#waiting')");
    a.set_offline(false);
    a.wait_until(
        "the sync on reconnection",
        "document.body.dataset.synced === '1'",
        60,
    );
    a.wait_until(
        "nothing waiting",
        "document.querySelector('#waiting[data-pending=\"0\"][data-outbox=\"0\"]')",
        20,
    );
    assert!(
        a.text("#sync-status")
            .starts_with("Synced. Sent: 3 · received: 0 ·"),
        "{}",
        a.text("#sync-status")
    );
    a.screenshot("home-synced");

    // On the registry: the miner with her name opened, the site-day as recorded.
    let m = stored(&server, "miner", &miner);
    assert_eq!(m["record"]["names"], "Ama Mensah", "{m}");
    assert_eq!(m["region"], district.to_string(), "{m}");
    let p = stored(&server, "production", &production);
    assert_eq!(p["record"]["diggers"], 6, "{p}");
    assert_eq!(p["record"]["gravel"], 2400, "{p}");
    assert_eq!(
        p["record"]["stones"],
        serde_json::json!({"weighed": [25, 110, 40]}),
        "{p}"
    );
    assert_eq!(p["record"]["fix"]["accuracy"], 12, "{p}");
    assert_eq!(p["record"]["licence"], licence.as_str(), "{p}");
    stored(&server, "licence", &licence);

    // A second phone in the district receives them.
    let b = phone(&tools, &server.url, &code_b, "field-day-b");
    open(&b, "#/list/miner", "document.querySelector('#records li')");
    assert_eq!(b.text("#records li"), "Ama Mensah");
    open(
        &b,
        &format!("#/record/production/{production}"),
        "document.querySelector('[data-field=stones]')",
    );
    assert_eq!(b.text("[data-field=licence] dd"), "GH-KAD-0001");
    assert_eq!(b.text("[data-field=miner] dd"), "Ama Mensah");
    b.screenshot("b-production");

    // Both phones change her phone number from the same copy, offline: a conflict that
    // each phone shows once both have synced.
    a.set_offline(true);
    b.set_offline(true);
    for (p, number) in [(&a, "+233 24 000 0001"), (&b, "+233 24 000 0002")] {
        open(
            p,
            &format!("#/edit/miner/{miner}"),
            "document.querySelector('#record-form')",
        );
        p.fill("[name=phone]", number);
        p.screenshot(if number.ends_with('1') {
            "miner-edit"
        } else {
            "b-miner-edit"
        });
        save(p);
    }
    for (p, syncs) in [(&a, 2), (&b, 2), (&a, 3)] {
        p.set_offline(false);
        sync_now(p, syncs);
    }
    for (p, shot) in [(&a, "conflict"), (&b, "b-conflict")] {
        open(
            p,
            &format!("#/record/miner/{miner}"),
            "document.querySelector('h1')",
        );
        assert!(p.has("#conflicts"), "{}", p.text("main"));
        let line = p.text("[data-conflict=phone]");
        assert!(
            line.contains("+233 24 000 0002") && line.contains("+233 24 000 0001"),
            "{line}"
        );
        p.screenshot(shot);
    }
    assert_eq!(server.conflicts().len(), 1);
    report_screenshots(&a);
    report_screenshots(&b);
}

#[test]
fn an_agent_records_sales_and_exports_in_french_and_voids_one() {
    let Some(tools) = crate::chrome::tools("field-fr") else {
        return;
    };
    let server = Spawn::new().start();
    let district = kade(&server.data);
    let code = enrol_code(&server.data, "Awa Traoré", &[district]);
    let a = phone(&tools, &server.url, &code, "field-fr");
    a.js("document.querySelector('#languages button[data-lang=fr]').click(); return true");
    a.wait_until("French", "document.documentElement.lang === 'fr'", 10);
    assert_eq!(a.h1(), "Placer terrain");
    assert_eq!(a.text("#regions"), "Régions : Kade");
    a.screenshot("accueil");

    let miner = register_miner(&a, "Kofi Boateng", "male", "1984");
    assert_eq!(a.h1(), "Mineur : Kofi Boateng");

    // An exporter's licence, held by a company.
    open(
        &a,
        "#/new/licence",
        "document.querySelector('#record-form')",
    );
    a.fill("[name=number]", "GH-EXP-0001");
    a.fill("[name=kind]", "exporter");
    a.js("document.querySelector('[name=holder-mode][value=organisation]').click(); return true");
    a.fill("[name=holder-organisation]", "Kade Diamonds Ltd");
    a.fill("[name=expires]", "2027-06-30");
    let exporter = save(&a);
    assert_eq!(a.text("[data-field=kind] dd"), "Exportateur");
    assert_eq!(a.text("[data-field=holder] dd"), "Kade Diamonds Ltd");

    // A sale, amounts typed with a decimal comma and grouped digits.
    open(&a, "#/new/sale", "document.querySelector('#record-form')");
    assert_eq!(a.h1(), "Saisir une vente");
    a.fill("[name=seller]", &format!("miner:{miner}"));
    a.fill("[name=buyer]", &exporter);
    a.fill("[name=carats]", "1,75");
    a.fill("[name=stones]", "3");
    a.fill("[name=value]", "1 250,50");
    a.screenshot("vente");
    let sale = save(&a);
    assert_eq!(
        a.text("#saved"),
        "Enregistré sur le téléphone. Envoi au registre à la prochaine synchronisation."
    );
    assert_eq!(a.text("[data-field=carats] dd"), "1,75 ct");
    assert_eq!(a.text("[data-field=value] dd"), "US$ 1\u{202f}250,50");

    // An export: a destination that is not an ISO code is refused in French.
    open(&a, "#/new/export", "document.querySelector('#record-form')");
    a.fill("[name=exporter]", &exporter);
    a.fill("[name=certificate]", "GH-KP-2026-0042");
    a.fill("[name=carats]", "1,75");
    a.fill("[name=value]", "1500");
    a.fill("[name=hs_code]", "7102.31");
    a.fill("[name=destination]", "BE");
    a.fill("[name=parcel]", "0,25 1,10 0,40");
    a.js("document.querySelector('#save').click(); return true");
    a.wait_until(
        "the refusal",
        "document.querySelector('[data-error=destination]').textContent !== ''",
        10,
    );
    assert_eq!(
        a.text("[data-error=destination]"),
        "Trois lettres majuscules (code ISO 3166-1 alpha-3)."
    );
    assert_eq!(a.text("#form-error"), "Certaines valeurs sont à corriger.");
    a.screenshot("exportation-refusee");
    a.fill("[name=destination]", "bel");
    let export = save(&a);
    assert_eq!(a.text("[data-field=hs_code] dd"), "7102.31 gemmes");

    // The sale was recorded twice by mistake: voided, with the reason.
    open(
        &a,
        &format!("#/void/sale/{sale}"),
        "document.querySelector('#void-form')",
    );
    a.fill("#reason", "saisie en double");
    a.js("document.querySelector('#confirm-void').click(); return true");
    a.wait_until("the void", "document.querySelector('#void')", 10);
    assert_eq!(a.text("#void"), "Annulée : saisie en double");
    a.screenshot("vente-annulee");
    open(&a, "#/list/sale", "document.querySelector('#records li')");
    assert!(a.text("#records li").contains("annulé"));
    a.screenshot("ventes");

    sync_now(&a, 2);
    assert!(
        a.text("#sync-status")
            .starts_with("Synchronisé. Fiches envoyées : 5 ·"),
        "{}",
        a.text("#sync-status")
    );
    a.screenshot("synchronise");
    let s = stored(&server, "sale", &sale);
    assert_eq!(s["voided"], "saisie en double", "{s}");
    let e = stored(&server, "export", &export);
    assert_eq!(e["record"]["destination"], "BEL", "{e}");
    assert_eq!(e["record"]["value"], 150_000, "{e}");
    assert_eq!(
        e["record"]["parcel"],
        serde_json::json!({"stones": [25, 110, 40]}),
        "{e}"
    );
    report_screenshots(&a);
}

#[test]
fn a_phone_lists_a_districts_miners_a_page_at_a_time_and_finds_one() {
    let Some(tools) = crate::chrome::tools("field-list") else {
        return;
    };
    let server = Spawn::new().start();
    let district = kade(&server.data);
    // Another agent's 1,200 registrations, already on the registry.
    let mut other = crate::harness::RawDevice::enrol(&server, "Kojo Mensah", &[district]);
    let ops = (0..1200)
        .map(|i| crate::harness::ops::miner(district, &format!("Abena Owusu {i:04}")))
        .collect();
    other.push_ops(ops);
    let code = enrol_code(&server.data, "Awa Traoré", &[district]);
    let a = phone(&tools, &server.url, &code, "field-list");
    assert!(
        a.text("#sync-status").contains("received: 1,201"),
        "{}",
        a.text("#sync-status")
    );
    open(&a, "#/list/miner", "document.querySelector('#records li')");
    assert_eq!(a.text("#shown"), "100 of 1,200");
    assert_eq!(
        a.js("return document.querySelectorAll('#records li').length"),
        100
    );
    a.js("document.querySelector('#more').click(); return true");
    a.wait_until(
        "the next ones",
        "document.querySelectorAll('#records li').length === 300",
        10,
    );
    assert_eq!(a.text("#shown"), "300 of 1,200");
    a.fill("#search", "owusu 1199");
    a.wait_until(
        "the search",
        "document.querySelectorAll('#records li').length === 1",
        10,
    );
    assert_eq!(a.text("#records li"), "Abena Owusu 1199");
    assert_eq!(a.text("#shown"), "1 of 1");
    a.screenshot("miners-found");
    a.fill("#search", "");
    a.wait_until(
        "the whole list",
        "document.querySelectorAll('#records li').length === 100",
        10,
    );
    assert_eq!(a.text("#records li"), "Abena Owusu 0000");
    report_screenshots(&a);
}

#[test]
fn a_flag_on_an_agents_site_day_and_the_officers_note_reach_the_phone() {
    let Some(tools) = crate::chrome::tools("field-flags") else {
        return;
    };
    let server = Spawn::new().start();
    let district = kade(&server.data);
    let code = enrol_code(&server.data, "Awa Traoré", &[district]);
    let a = phone(&tools, &server.url, &code, "field-flags");
    a.js("document.querySelector('#languages button[data-lang=fr]').click(); return true");
    a.wait_until("French", "document.documentElement.lang === 'fr'", 10);

    let miner = register_miner(&a, "Ama Mensah", "female", "1990");
    open(
        &a,
        "#/new/licence",
        "document.querySelector('#record-form')",
    );
    a.fill("[name=number]", "GH-KAD-0007");
    a.fill("[name=kind]", "claim");
    a.fill("[name=holder-miner]", &miner);
    a.fill("[name=expires]", "2027-12-01");
    a.fill(
        "[name=area]",
        "6.04, -0.96\n6.04, -0.94\n6.06, -0.94\n6.06, -0.96",
    );
    let licence = save(&a);
    // The pit is 5 km from the licence's area.
    a.gps(6.1, -0.9, 10.0);
    open(
        &a,
        "#/new/production",
        "document.querySelector('#record-form')",
    );
    a.fill("[name=licence]", &licence);
    a.js("document.querySelector('[data-gps=fix]').click(); return true");
    a.wait_until(
        "the GPS fix",
        "document.querySelector('[name=fix-lat]').value !== ''",
        20,
    );
    a.fill("[name=diggers]", "4");
    a.fill("[name=gravel]", "800");
    a.fill("[name=stones-weights]", "0,30");
    let production = save(&a);

    sync_now(&a, 2);
    a.wait_until("the flag", "document.querySelector('#flags-link')", 10);
    assert_eq!(
        a.text("#flags-link"),
        "Signalements ouverts sur vos fiches : 1 sur 1"
    );
    a.screenshot("accueil-signalement");
    open(&a, "#/flags", "document.querySelector('#flags')");
    let flag = a.attr("#flags li.flag", "data-flag");
    assert_eq!(
        a.attr("#flags li.flag", "data-kind"),
        "outside_licence_area"
    );
    assert_eq!(a.attr("#flags li.flag", "data-state"), "open");
    assert!(
        a.text("#flags li.flag")
            .starts_with("Production hors du périmètre du permis ouvert"),
        "{}",
        a.text("#flags li.flag")
    );
    assert_eq!(
        a.attr("#flags .flag-record", "href"),
        format!("#/record/production/{production}")
    );
    a.screenshot("signalements");

    // The district's officer looks at it and writes back.
    let (status, body) = server.call(
        "POST",
        &format!("/v1/flags/{flag}/resolve"),
        Some(server.root()),
        Some(serde_json::json!({"note": "Puits vérifié hors permis : demander l'extension du périmètre."})),
    );
    assert_eq!(status, 200, "{body}");
    sync_now(&a, 3);
    open(
        &a,
        &format!("#/record/production/{production}"),
        "document.querySelector('#record-flags')",
    );
    assert_eq!(a.attr("#record-flags li.flag", "data-state"), "resolved");
    let notes = a.text("#record-flags li.flag");
    assert!(
        notes.contains("traité par placer.root")
            && notes.contains("Puits vérifié hors permis : demander l'extension du périmètre."),
        "{notes}"
    );
    a.screenshot("signalement-traite");
    report_screenshots(&a);
}

#[test]
fn a_revoked_phone_stops_syncing_and_keeps_what_it_recorded() {
    let Some(tools) = crate::chrome::tools("field-revoked") else {
        return;
    };
    let server = Spawn::new().start();
    let district = kade(&server.data);
    let code = enrol_code(&server.data, "Awa Traoré", &[district]);
    let a = phone(&tools, &server.url, &code, "field-revoked");
    let device = a.attr("#device", "data-device");
    open(&a, "#/new/miner", "document.querySelector('#record-form')");
    a.fill("[name=names]", "Ama Mensah");
    a.fill("[name=sex]", "female");
    a.fill("[name=birth_year]", "1990");
    save(&a);

    // The handset was reported stolen.
    admin(
        &server.data,
        &["revoke-device", &device, "--reason", "reported stolen"],
    );
    open(&a, "#/", "document.querySelector('#sync')");
    a.js("document.querySelector('#sync').click(); return true");
    a.wait_until(
        "the refusal",
        "document.body.dataset.syncFailed === '1'",
        60,
    );
    let said = a.text("#sync-status");
    assert!(
        said.starts_with("Sync stopped:")
            && said.ends_with("an administrator must look at this device."),
        "{said}"
    );
    // Nothing is lost on the phone: the record waits, sealed, in the outbox.
    assert_eq!(waiting(&a), ("0".into(), "1".into()));
    a.screenshot("revoked");
    let stats = server.stats();
    assert_eq!(
        stats["records"]["miner"].as_u64().unwrap_or(0),
        0,
        "{stats}"
    );
    report_screenshots(&a);
}

/// Reads one photo the phone holds of `record`, from IndexedDB: `{received, complete, total, digest, has_bytes}`.
fn held_photo(b: &Browser, record: &str) -> Json {
    b.js(&format!(
        "return (async () => {{ const m = await import('/field/js/photos.js'); \
         const [p] = await m.photosOf({}); \
         return p ? {{received: p.received, complete: p.complete, total: p.total, digest: p.digest, has_bytes: p.bytes !== null}} : null; }})()",
        Json::String(record.into())
    ))
}

#[test]
fn a_miners_photo_goes_up_in_chunks_and_survives_a_cut() {
    let Some(tools) = crate::chrome::tools("field-photo") else {
        return;
    };
    let server = Spawn::new().start();
    let district = kade(&server.data);
    let code = enrol_code(&server.data, "Awa Traoré", &[district]);
    let a = phone(&tools, &server.url, &code, "field-photo");
    let miner = register_miner(&a, "Ama Mensah", "female", "1990");

    // The camera's picture: 1600×1200 of noise, a JPEG of over a megabyte that the phone
    // must bring to about 100 KB.
    a.js(
        "const c = document.createElement('canvas'); c.width = 1600; c.height = 1200; \
         const g = c.getContext('2d'); const img = g.createImageData(1600, 1200); \
         for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 2654435761 >>> 13) & 255; \
         g.putImageData(img, 0, 0); \
         c.toBlob((blob) => { const dt = new DataTransfer(); \
           dt.items.add(new File([blob], 'camera.jpg', {type: 'image/jpeg'})); \
           const input = document.querySelector('[data-photo=miner_photo]'); \
           input.files = dt.files; input.dispatchEvent(new Event('change')); }, 'image/jpeg', 0.95); \
         return true",
    );
    a.wait_until(
        "the photo kept",
        "document.querySelector('#photos figure')",
        30,
    );
    let photo = held_photo(&a, &miner);
    let total = photo["total"].as_u64().unwrap();
    assert!(
        (40_000..=102_400).contains(&total),
        "a photo of about 100 KB: {photo}"
    );
    assert_eq!(photo["received"], 0);
    a.screenshot("miner-photo");

    // A slow uplink (8 KB/s): the first chunk goes, then the network drops mid-upload.
    a.command(
        http::Method::POST,
        "chromium/network_conditions",
        Some(serde_json::json!({"network_conditions": {
            "offline": false, "latency": 100,
            "download_throughput": 50_000, "upload_throughput": 8_000,
        }})),
    );
    open(&a, "#/", "document.querySelector('#sync')");
    a.js("document.querySelector('#sync').click(); return true");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while held_photo(&a, &miner)["received"] == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "no chunk acknowledged"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let before_cut = held_photo(&a, &miner);
    assert_eq!(
        before_cut["complete"], false,
        "cut mid-upload: {before_cut}"
    );
    a.set_offline(true);
    std::thread::sleep(Duration::from_secs(3));
    a.set_offline(false);
    a.wait_until("the sync", "Number(document.body.dataset.synced) >= 2", 120);
    let after = held_photo(&a, &miner);
    assert_eq!(after["complete"], true, "{after}");
    assert_eq!(
        after["has_bytes"], false,
        "the phone keeps the thumbnail only"
    );
    a.screenshot("home-photo-synced");
    // On the registry: attached to the miner, whole, the very bytes the phone made.
    let digest = after["digest"].as_str().unwrap().to_string();
    let (status, m) = server.call(
        "GET",
        &format!("/v1/records/miner/{miner}"),
        Some(server.root()),
        None,
    );
    assert_eq!(status, 200, "{m}");
    assert_eq!(m["photos"][0]["digest"], digest.as_str(), "{m}");
    assert_eq!(m["photos"][0]["kind"], "miner_photo", "{m}");
    assert_eq!(m["photos"][0]["bytes"], total, "{m}");
    let kept = std::fs::read(server.data.join("photos/complete").join(&digest)).unwrap();
    assert_eq!(kept.len() as u64, total);
    assert_eq!(&kept[..3], &[0xff, 0xd8, 0xff], "a JPEG");

    // She asks to be erased: the registry deletes her photo, and the phone, at its next
    // sync, forgets the thumbnail it kept.
    let (status, erased) = server.call(
        "POST",
        &format!("/v1/admin/people/{miner}/erase"),
        Some(server.root()),
        Some(serde_json::json!({"reason": "the person asked (Act 843, s. 33)"})),
    );
    assert_eq!(status, 200, "{erased}");
    assert!(!server.data.join("photos/complete").join(&digest).exists());
    sync_now(&a, 3);
    assert_eq!(held_photo(&a, &miner), Json::Null);
    open(
        &a,
        &format!("#/record/miner/{miner}"),
        "document.querySelector('h1')",
    );
    assert_eq!(a.h1(), "Miner: erased");
    assert_eq!(a.text("[data-field=names] dd"), "erased");
    assert!(!a.has("#photos"), "no photo, and none to take");
    a.screenshot("miner-erased");
    report_screenshots(&a);
}

/// The page that runs the conformance vectors in the browser (`server/field/test/in_browser.mjs`).
const VECTORS_PAGE: &str = "<!DOCTYPE html><meta charset=utf-8><title>vectors</title>\
<script type=module>import { run } from '/field/test/in_browser.mjs';\
run().then((r) => { window.__result = r; }, (e) => { window.__result = { checked: 0, failures: [String(e)] }; });\
</script>";

/// A plain file server on loopback over the repository's `server/field/` (the app and its
/// tests) and `sync-protocol/vectors/`, for the vectors' run: a test's page, not the app's.
fn serve_repository() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut line = String::new();
            if BufReader::new(&stream).read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split(' ').nth(1).unwrap_or("/").to_string();
            let file = if path == "/vectors.html" {
                Some(VECTORS_PAGE.as_bytes().to_vec())
            } else if path.contains("..") {
                None
            } else if let Some(rest) = path.strip_prefix("/vectors/") {
                std::fs::read(root.join("sync-protocol/vectors").join(rest)).ok()
            } else if let Some(rest) = path.strip_prefix("/field/") {
                std::fs::read(root.join("server/field").join(rest)).ok()
            } else {
                None
            };
            let kind = match path.rsplit_once('.').map(|(_, e)| e) {
                Some("html") => "text/html; charset=utf-8",
                Some("js" | "mjs") => "text/javascript; charset=utf-8",
                _ => "application/json",
            };
            let _ = match file {
                Some(body) => write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .and_then(|_| stream.write_all(&body)),
                None => {
                    write!(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                }
            };
        }
    });
    format!("http://{addr}")
}

#[test]
fn the_protocol_core_agrees_with_the_vectors_in_chromium() {
    let Some(tools) = crate::chrome::tools("field-vectors") else {
        return;
    };
    let base = serve_repository();
    let b = Browser::open(&tools, &base, "field-vectors");
    b.goto("/vectors.html");
    b.wait_until("the vectors' run", "window.__result", 60);
    let result = b.js("return window.__result");
    assert_eq!(result["failures"], serde_json::json!([]), "{result}");
    // As many checks as the vectors hold: every encoding both ways, every merge order, the
    // clock's ticks and observations, each signature, each sealed value.
    let vectors = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sync-protocol/vectors");
    let read = |name: &str| -> Json {
        serde_json::from_str(
            &std::fs::read_to_string(vectors.join(format!("{name}.json"))).unwrap(),
        )
        .unwrap()
    };
    let count = |v: &Json| v.as_array().map_or(0, |a| a.len() as u64);
    let encodings: u64 = read("encodings")["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| if v.get("binary").is_some() { 4 } else { 2 })
        .sum();
    let merges: u64 = read("merge")["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| 4 * count(&c["orders"]))
        .sum();
    let clock = read("clock");
    let expected = encodings
        + merges
        + count(&clock["tick"])
        + count(&clock["observe"])
        + 1
        + 3 * count(&read("signatures")["signed"])
        + 2 * count(&read("personal")["sealed"]);
    let checked = result["checked"].as_u64().unwrap();
    assert_eq!(checked, expected, "{result}");
    eprintln!("the protocol core in Chromium: {checked} checks against the vectors");
}
