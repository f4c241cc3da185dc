//! The dashboard as each role finds it: a menu of pages that open, a device revoked only
//! once confirmed, and pages whose default period is the last twelve months holding data.

use crate::harness::*;
use crate::web::{api, api_token, attr, fixture, table, Browser};

/// Every `data-figure` of a page with its `data-value`.
fn figures(html: &str) -> Vec<(String, String)> {
    html.split("data-figure=\"")
        .skip(1)
        .map(|rest| {
            let key = rest[..rest.find('"').unwrap()].to_string();
            (
                key.clone(),
                attr(html, &format!("data-figure=\"{key}\""), "data-value"),
            )
        })
        .collect()
}

/// The menu's links: every `data-nav`.
fn menu(html: &str) -> Vec<String> {
    html.split("data-nav=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn each_roles_menu_holds_only_pages_that_open_for_it() {
    let f = fixture(&[]);
    let (ok, out) = add_user(
        &f.server.data,
        "web.exports",
        "export-monitor",
        &[],
        OFFICER_PASSWORD,
    );
    assert!(ok, "{out}");
    let b = Browser::new(&f.server);
    for (user, must, must_not) in [
        (
            "web.admin",
            &["/", "/exports", "/devices", "/users"][..],
            &[][..],
        ),
        (
            "web.national",
            &["/", "/exports"][..],
            &["/devices", "/users"][..],
        ),
        (
            "web.regional",
            &["/", "/flags"][..],
            &["/exports", "/devices", "/users"][..],
        ),
        (
            "web.exports",
            &["/", "/exports"][..],
            &["/devices", "/users"][..],
        ),
    ] {
        let cookie = b.login(user);
        let home = b.page("/", &cookie);
        let links = menu(&home);
        for m in must {
            assert!(
                links.iter().any(|l| l == m),
                "{user}'s menu has {m}: {links:?}"
            );
        }
        for m in must_not {
            assert!(!links.iter().any(|l| l == m), "{user}'s menu has no {m}");
            // Left out because it would be refused.
            assert_eq!(b.get(m, Some(&cookie)).status, 403, "{user} GET {m}");
        }
        for link in &links {
            let a = b.get(link, Some(&cookie));
            assert_eq!(a.status, 200, "{user}'s menu link {link}: {}", a.body);
        }
    }
}

#[test]
fn a_device_is_revoked_only_once_confirmed() {
    let f = fixture(&[]);
    let (server, b) = (&f.server, Browser::new(&f.server));
    let cookie = b.login("web.admin");
    let token = api_token(server, "web.admin");
    let list = b.page("/devices", &cookie);
    let csrf = attr(&list, "name=\"csrf\"", "value");
    let device = api(server, &token, "/v1/admin/devices")
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device"]["agent"] == "Ama")
        .unwrap()["device"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let form = list
        .split(&format!("id=\"revoke-{device}\""))
        .nth(1)
        .map(|rest| &rest[..rest.find("</form>").unwrap()])
        .expect("a revoke form on the list");
    assert!(
        !form.contains("name=\"confirm\""),
        "the list's form only asks"
    );
    let revoke = format!("/devices/{device}/revoke");
    let before = server.fingerprint();
    for confirm in [None, Some(""), Some("no"), Some("YES ")] {
        let mut fields = vec![("reason", "lost"), ("csrf", csrf.as_str())];
        if let Some(c) = confirm {
            fields.push(("confirm", c));
        }
        let a = b.post(&revoke, Some(&cookie), &fields, &[]);
        assert_eq!(a.status, 200, "{confirm:?}: {}", a.body);
        assert!(a.body.contains("<h1>Revoke a device?</h1>"), "{confirm:?}");
        assert!(
            attr(&a.body, "id=\"cancel\"", "href") == "/devices",
            "a way back"
        );
        assert_eq!(server.fingerprint(), before, "{confirm:?} revokes nothing");
    }
    let d = api(server, &token, "/v1/admin/devices");
    let ama = d
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device"]["id"] == device.as_str())
        .unwrap();
    assert!(ama["device"]["revoked"].is_null(), "{ama}");
    // An unknown device is not asked about.
    let none = format!("/devices/{}/revoke", uuid::Uuid::now_v7());
    assert_eq!(
        b.post(
            &none,
            Some(&cookie),
            &[("reason", "x"), ("csrf", &csrf)],
            &[]
        )
        .status,
        404
    );
    // Confirmed: revoked.
    let a = b.post(
        &revoke,
        Some(&cookie),
        &[("reason", "lost"), ("csrf", &csrf), ("confirm", "yes")],
        &[],
    );
    assert_eq!((a.status, a.location.as_str()), (303, "/devices"));
    let list = b.page("/devices", &cookie);
    assert!(!list.contains(&format!("id=\"revoke-{device}\"")));
}

#[test]
fn pages_default_to_the_last_twelve_months_holding_data() {
    // The fixture's production and sales are of 2026-03 and 2026-04, entered today.
    let f = fixture(&[]);
    let b = Browser::new(&f.server);
    for user in ["web.admin", "web.regional"] {
        let cookie = b.login(user);
        let home = b.page("/", &cookie);
        assert_eq!(attr(&home, "name=\"from\"", "value"), "2025-05", "{user}");
        assert_eq!(attr(&home, "name=\"to\"", "value"), "2026-04", "{user}");
        let asked = b.page("/?from=2025-05&to=2026-04", &cookie);
        assert_eq!(figures(&home), figures(&asked), "{user}");
        let monthly = table(&home, "monthly");
        let last = monthly.last().unwrap();
        assert_eq!(last[0], "2026-04", "{user}: {monthly:?}");
        assert_ne!(last[2], "0.00", "{user}: the last month holds carats");
        for page in ["/large-stones", "/flags"] {
            let _ = b.page(page, &cookie);
        }
        let stones = b.page("/large-stones", &cookie);
        assert!(
            stones.contains("<h1>Large-stone register, 2025-05 to 2026-04</h1>"),
            "{user}"
        );
        // A period asked for is kept as asked.
        let june = b.page("/?from=2026-01&to=2026-06", &cookie);
        assert_eq!(attr(&june, "name=\"to\"", "value"), "2026-06");
    }
    let cookie = b.login("web.national");
    let exports = b.page("/exports", &cookie);
    assert!(exports.contains("<h1>Export monitoring, 2025-05 to 2026-04</h1>"));
    let region = b.page(&format!("/regions/{}", f.ghana), &cookie);
    assert_eq!(attr(&region, "name=\"to\"", "value"), "2026-04");
}

/// An administrator issues a new handset's one-time code on the devices page: shown once,
/// with the field app's link on this server and its QR code (in French too); the code
/// enrols a device. A form without an agent, a region or a whole number of hours is a 400
/// page and issues nothing; an officer who is not an administrator is refused.
#[test]
fn an_administrator_issues_a_handsets_code_with_its_qr_code_on_the_devices_page() {
    let f = fixture(&[]);
    let (server, b) = (&f.server, Browser::new(&f.server));
    let cookie = b.login("web.admin");
    let list = b.page("/devices", &cookie);
    assert!(list.contains("id=\"enrol-code\""), "the form on the list");
    let csrf = attr(&list, "name=\"csrf\"", "value");
    let east = f.east.to_string();

    let before = server.fingerprint();
    for (agent, region, hours) in [
        ("", east.as_str(), "72"),
        ("Yaw", "", "72"),
        ("Yaw", "not-a-region", "72"),
        ("Yaw", east.as_str(), "1.5"),
        ("Yaw", east.as_str(), "0"),
        ("Yaw", east.as_str(), "99999"),
    ] {
        let a = b.post(
            "/devices/codes",
            Some(&cookie),
            &[
                ("agent", agent),
                ("region", region),
                ("hours", hours),
                ("csrf", &csrf),
            ],
            &[],
        );
        assert_eq!(a.status, 400, "{agent:?} {region:?} {hours:?}: {}", a.body);
        assert_eq!(server.fingerprint(), before, "nothing issued");
    }
    let forged = b.post(
        "/devices/codes",
        Some(&cookie),
        &[
            ("agent", "Yaw"),
            ("region", &east),
            ("hours", "72"),
            ("csrf", "x"),
        ],
        &[],
    );
    assert_eq!(forged.status, 403);

    let a = b.post(
        "/devices/codes",
        Some(&cookie),
        &[
            ("agent", "Yaw Boateng"),
            ("region", &east),
            ("hours", "48"),
            ("csrf", &csrf),
        ],
        &[],
    );
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a
        .body
        .contains("<h1>A one-time code for a new handset</h1>"));
    let code = attr(&a.body, "data-figure=\"code\"", "data-value");
    let link = attr(&a.body, "id=\"field-link\"", "href");
    assert_eq!(link, format!("{}/field/#code={code}", server.url));
    assert!(a.body.contains("<figure id=\"code-qr\"><svg"), "{}", a.body);
    assert!(a.body.contains("East Akwatia"), "the region by its name");
    // The code enrols a device serving that region.
    let d = RawDevice::enrol_with(server, &code);
    assert_eq!(d.regions, vec![f.east]);

    // In French, and refused to an officer who is not an administrator.
    let fr = b.send(
        b.client
            .post(format!("{}/devices/codes", server.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", server.url.as_str())
            .header("cookie", format!("{cookie}; placer_lang=fr"))
            .body(format!("agent=Awa&region={east}&hours=24&csrf={csrf}")),
    );
    assert_eq!(fr.status, 200, "{}", fr.body);
    assert!(fr
        .body
        .contains("Un code à usage unique pour un nouveau terminal"));
    let national = b.login("web.national");
    let page = b.page("/", &national);
    let csrf = attr(&page, "name=\"csrf\"", "value");
    let refused = b.post(
        "/devices/codes",
        Some(&national),
        &[
            ("agent", "Yaw"),
            ("region", &east),
            ("hours", "72"),
            ("csrf", &csrf),
        ],
        &[],
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
}
