//! Officers: accounts made with `placer admin add-user` (server running or stopped), login
//! tokens, and the refusals: 401 without a valid token, 403 out of role or scope. Every
//! refusal leaves everything stored as it was.

use std::time::Duration;

use serde_json::{json, Value as Json};
use uuid::Uuid;

use crate::harness::*;

const PASSWORD: &str = OFFICER_PASSWORD;

fn login(server: &Server, user: &str, password: &str) -> (u16, Json) {
    let r = server
        .http()
        .post(format!("{}/v1/auth/login", server.url))
        .json(&json!({"user": user, "password": password}))
        .send()
        .unwrap();
    (r.status().as_u16(), r.json().unwrap())
}

fn token(server: &Server, user: &str) -> String {
    let (status, body) = login(server, user, PASSWORD);
    assert_eq!(status, 200, "{body}");
    body["token"].as_str().unwrap().to_string()
}

/// What a refusal must not change: counts, the log, and the accounts.
fn snapshot(server: &Server) -> ((Json, u64), Json) {
    (server.fingerprint(), server.admin_get("/admin/users"))
}

/// Two miners, in regions 1 and 2, each with a same-field conflict.
fn two_regions_with_conflicts(server: &Server) -> (Uuid, Uuid) {
    use sync_protocol::clock::{wall_ms, Hlc};
    use sync_protocol::merge::WriteId;
    use sync_protocol::op::{Op, OpBody, Set};
    use sync_protocol::records::MinerField;
    use sync_protocol::values::PersonName;
    let mut a = RawDevice::enrol(server, "Ama", &[region(1), region(2)]);
    let mut b = RawDevice::enrol(server, "Kwame", &[region(1), region(2)]);
    let regs = vec![
        ops::miner(region(1), "In Region One"),
        ops::miner(region(2), "In Region Two"),
    ];
    let ids: Vec<(Uuid, Uuid, WriteId)> = regs
        .iter()
        .map(|o| {
            (
                o.record,
                o.region,
                WriteId {
                    stamp: o.stamp,
                    device: a.id,
                },
            )
        })
        .collect();
    a.push_ops(regs);
    for (who, d) in [("A", &mut a), ("B", &mut b)] {
        let renames = ids
            .iter()
            .map(|(record, region, base)| Op {
                record: *record,
                stamp: Hlc::new(wall_ms(), 0),
                region: *region,
                body: OpBody::Miner(vec![Set {
                    value: MinerField::Names(
                        PersonName::parse(format!("Renamed by {who}")).unwrap(),
                    ),
                    base: Some(*base),
                }]),
            })
            .collect();
        d.push_ops(renames);
    }
    (ids[0].0, ids[1].0)
}

#[test]
fn officers_read_within_their_role_and_scope() {
    let mut server = spawn_server();
    let tmp = server.take_tmp();
    let data = server.data.clone();
    let addr = server.addr();
    // Accounts made with the server running, then one with it stopped.
    assert!(add_user(&data, "admin.one", "admin", &[], PASSWORD).0);
    assert!(add_user(&data, "nana.national", "national-officer", &[], PASSWORD).0);
    assert!(
        add_user(
            &data,
            "esi.regional",
            "regional-officer",
            &[region(1)],
            PASSWORD
        )
        .0
    );
    server.kill9();
    let (ok, out) = add_user(&data, "kofi.monitor", "export-monitor", &[], PASSWORD);
    assert!(ok, "{out}");
    let server = Spawn::new().data(&data).listen(&addr).start();
    let users = server.admin_get("/admin/users");
    assert_eq!(users.as_array().unwrap().len(), 4);
    assert!(
        users.to_string().find("argon2").is_none(),
        "hashes never leave the server"
    );

    let (m1, m2) = two_regions_with_conflicts(&server);
    let regional = token(&server, "esi.regional");
    let national = token(&server, "nana.national");
    let monitor = token(&server, "kofi.monitor");
    let admin = token(&server, "admin.one");

    // Records: a regional officer reads only their region.
    let path = |id: Uuid| format!("/v1/records/miner/{id}");
    assert_eq!(server.call("GET", &path(m1), Some(&regional), None).0, 200);
    let (status, body) = server.call("GET", &path(m2), Some(&regional), None);
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("forbidden")),
        "{body}"
    );
    for t in [&national, &monitor, &admin] {
        assert_eq!(server.call("GET", &path(m2), Some(t), None).0, 200);
    }

    // Listings are filtered the same way.
    let listed = |t: &str| -> Vec<String> {
        let (s, page) = server.call("GET", "/v1/conflicts", Some(t), None);
        assert_eq!(s, 200);
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["record"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(listed(&regional), vec![m1.to_string()]);
    assert_eq!(listed(&national).len(), 2);

    // Administration is for admins only: each refusal changes nothing.
    let device_id = server.admin_get("/admin/devices")[0]["device"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let attempts: Vec<(&str, String, Option<Json>)> = vec![
        (
            "POST",
            "/v1/admin/enrol-codes".into(),
            Some(json!({"agent": "X", "regions": [region(1)], "ttl_hours": 1})),
        ),
        (
            "POST",
            format!("/v1/admin/devices/{device_id}/revoke"),
            Some(json!({"reason": "test"})),
        ),
        (
            "POST",
            "/v1/admin/users".into(),
            Some(json!({"name": "intruder", "role": "admin", "password": PASSWORD})),
        ),
        ("GET", "/v1/admin/devices".into(), None),
        ("GET", "/v1/admin/users".into(), None),
        ("GET", "/v1/admin/stats".into(), None),
        (
            "POST",
            "/v1/admin/regions".into(),
            Some(json!({"level": "country", "parent": null, "regions": []})),
        ),
        // An officer's token on the loopback admin listener is still that officer's.
        (
            "GET",
            format!("{}/admin/quarantine", server.admin_url),
            None,
        ),
        ("GET", format!("{}/admin/devices", server.admin_url), None),
        (
            "POST",
            format!("{}/admin/rollups/rebuild", server.admin_url),
            None,
        ),
    ];
    for t in [&regional, &national, &monitor] {
        for (method, p, body) in &attempts {
            let before = snapshot(&server);
            let (status, answer) = server.call(method, p, Some(t), body.clone());
            assert_eq!(
                (status, answer["code"].as_str()),
                (403, Some("forbidden")),
                "{method} {p}: {answer}"
            );
            assert_eq!(snapshot(&server), before, "{method} {p} changed something");
        }
    }
    // Licences are issued at the ministry by admins and national officers only.
    let licence = json!({
        "licence": {
            "number": "GH-BUY-0009", "kind": "buyer", "holder": {"organisation": "Accra Gems"},
            "mineral": "diamond", "issued": "2026-01-01", "expires": "2026-12-31",
            "status": "active", "area": null
        },
        "region": region(1),
    });
    for t in [&regional, &monitor] {
        let before = snapshot(&server);
        let (status, answer) = server.call("POST", "/v1/licences", Some(t), Some(licence.clone()));
        assert_eq!(
            (status, answer["code"].as_str()),
            (403, Some("forbidden")),
            "{answer}"
        );
        assert_eq!(snapshot(&server), before);
    }
    let (status, answer) = server.call("POST", "/v1/licences", Some(&national), Some(licence));
    assert_eq!(status, 200, "{answer}");

    // An admin may.
    let (status, created) = server.call("POST",
        "/v1/admin/users",
        Some(&admin),
        Some(
            json!({"name": "yaw.regional", "role": "regional_officer", "regions": [region(2)], "password": PASSWORD}),
        ),
    );
    assert_eq!(status, 200, "{created}");
    assert_eq!(
        server
            .call("GET", "/v1/admin/devices", Some(&admin), None)
            .0,
        200
    );
    let yaw = token(&server, "yaw.regional");
    assert_eq!(listed(&yaw), vec![m2.to_string()]);
    drop(tmp);
}

#[test]
fn without_a_valid_token_everything_is_401() {
    let server = Spawn::new().env("PLACER_SESSION_SECONDS", "1").start();
    assert!(
        add_user(
            &server.data,
            "esi.regional",
            "regional-officer",
            &[region(1)],
            PASSWORD
        )
        .0
    );
    let miner = {
        let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
        let op = ops::miner(region(1), "Someone");
        let id = op.record;
        d.push_ops(vec![op]);
        id
    };
    let endpoints: Vec<(&str, String)> = vec![
        ("GET", "/v1/conflicts".into()),
        ("GET", format!("/v1/records/miner/{miner}")),
        ("GET", "/v1/admin/devices".into()),
        ("POST", "/v1/admin/users".into()),
        ("POST", "/v1/admin/enrol-codes".into()),
    ];
    let expired = token(&server, "esi.regional");
    std::thread::sleep(Duration::from_millis(2_100));
    for (method, p) in &endpoints {
        for t in [None, Some("not-a-token"), Some(expired.as_str())] {
            let before = snapshot(&server);
            let (status, body) = server.call(method, p, t, Some(json!({})));
            assert_eq!(
                (status, body["code"].as_str()),
                (401, Some("unauthorized")),
                "{method} {p} {t:?}: {body}"
            );
            assert!(!body["message"].as_str().unwrap().is_empty());
            assert_eq!(snapshot(&server), before);
        }
    }
    let (_, body) = server.call("GET", "/v1/conflicts", Some(&expired), None);
    assert!(
        body["message"].as_str().unwrap().contains("expired"),
        "{body}"
    );

    // Failed logins say the same whether the user exists or not.
    let (s1, wrong_password) = login(&server, "esi.regional", "not the password");
    let (s2, unknown_user) = login(&server, "nobody.here", PASSWORD);
    assert_eq!((s1, s2), (401, 401));
    assert_eq!(wrong_password, unknown_user);
    let (s3, malformed) = server.call("POST", "/v1/auth/login", None, Some(json!({"user": 5})));
    assert_eq!((s3, malformed["code"].as_str()), (400, Some("malformed")));
}

#[test]
fn bad_accounts_are_refused_and_change_nothing() {
    let server = spawn_server();
    assert!(
        add_user(
            &server.data,
            "esi.regional",
            "regional-officer",
            &[region(1)],
            PASSWORD
        )
        .0
    );
    let before = snapshot(&server);
    let cases: Vec<(&str, &str, Vec<Uuid>, &str, &str)> = vec![
        ("esi.regional", "admin", vec![], PASSWORD, "already_exists"),
        (
            "no.regions",
            "regional-officer",
            vec![],
            PASSWORD,
            "invalid_value",
        ),
        (
            "too.many",
            "national-officer",
            vec![region(1)],
            PASSWORD,
            "invalid_value",
        ),
        ("short.pw", "admin", vec![], "short", "invalid_value"),
        ("bad name!", "admin", vec![], PASSWORD, "invalid_value"),
    ];
    for (name, role, regions, pw, code) in cases {
        let (ok, out) = add_user(&server.data, name, role, &regions, pw);
        assert!(!ok, "{name} was accepted");
        assert!(out.contains(code), "{name}: {out}");
        assert_eq!(snapshot(&server), before, "{name} changed something");
    }
    // The same refusals through the API, as an admin.
    let admin_token = server.root();
    let before = snapshot(&server);
    let (status, body) = server.call(
        "POST",
        "/v1/admin/users",
        Some(admin_token),
        Some(json!({"name": "esi.regional", "role": "admin", "password": PASSWORD})),
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("already_exists"))
    );
    let (status, body) = server.call(
        "POST",
        "/v1/admin/users",
        Some(admin_token),
        Some(json!({"name": "x.y", "role": "emperor", "password": PASSWORD})),
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("malformed")),
        "{body}"
    );
    assert_eq!(snapshot(&server), before);
}

fn me(server: &Server, token: &str) -> u16 {
    server.call("GET", "/v1/regions", Some(token), None).0
}

fn account(server: &Server, name: &str) -> Json {
    server
        .admin_get("/admin/users")
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no account {name}"))
}

/// Offboarding: a disabled account's live sessions end at once and it cannot log in; a new
/// password and a revocation end every session; logging out ends one. Each act is in the
/// log: the derived state rebuilt from it holds them.
#[test]
fn an_officer_is_offboarded_at_once_and_the_acts_are_in_the_log() {
    let mut server = spawn_server();
    let esi = server.officer("esi.regional", "regional-officer", &[region(1)]);
    let kofi = server.officer("kofi.national", "national-officer", &[]);
    let root = server.root().to_string();
    assert_eq!(me(&server, &esi), 200);
    // Answers holding people's data are never kept by a browser or a proxy.
    let r = server
        .http()
        .get(format!("{}/v1/admin/users", server.url))
        .bearer_auth(&root)
        .send()
        .unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");

    // Disabled from the command line while the server runs: refused at once.
    let out = server.admin(&["disable-user", "esi.regional"]);
    assert!(out.contains("disabled_at"), "{out}");
    assert!(!account(&server, "esi.regional")["disabled_at"].is_null());
    assert_eq!(
        me(&server, &esi),
        401,
        "a live session of a disabled account"
    );
    let (status, body) = login(&server, "esi.regional", PASSWORD);
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
    // Enabled again: a new login works, the old session stays ended.
    server.admin(&["enable-user", "esi.regional"]);
    let esi_again = token(&server, "esi.regional");
    assert_eq!(me(&server, &esi_again), 200);
    assert_eq!(me(&server, &esi), 401);

    // A new password through the API ends every session; the old password is refused.
    let (status, body) = server.call(
        "POST",
        "/v1/admin/users/kofi.national/password",
        Some(&root),
        Some(json!({"password": "a-new-long-password"})),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(me(&server, &kofi), 401);
    assert_eq!(login(&server, "kofi.national", PASSWORD).0, 401);
    let (status, body) = login(&server, "kofi.national", "a-new-long-password");
    assert_eq!(status, 200, "{body}");
    let kofi = body["token"].as_str().unwrap().to_string();

    // Revoking sessions ends them; a login after works.
    let (status, _) = server.call(
        "POST",
        "/v1/admin/users/kofi.national/revoke-sessions",
        Some(&root),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(me(&server, &kofi), 401);
    let (status, body) = login(&server, "kofi.national", "a-new-long-password");
    assert_eq!(status, 200, "{body}");
    let kofi = body["token"].as_str().unwrap().to_string();

    // Logging out ends the one session.
    let (status, _) = server.call("POST", "/v1/auth/logout", Some(&kofi), None);
    assert_eq!(status, 200);
    assert_eq!(me(&server, &kofi), 401);
    assert_eq!(server.call("POST", "/v1/auth/logout", None, None).0, 401);

    // Refusals change nothing: not an administrator, no such account, no such act, a short
    // password, an unknown field.
    let before = snapshot(&server);
    let esi = esi_again;
    for (token, path, body, status, code) in [
        (
            esi.as_str(),
            "/v1/admin/users/kofi.national/disable",
            None,
            403,
            "forbidden",
        ),
        (
            root.as_str(),
            "/v1/admin/users/nobody.here/disable",
            None,
            404,
            "not_found",
        ),
        (
            root.as_str(),
            "/v1/admin/users/kofi.national/promote",
            None,
            404,
            "not_found",
        ),
        (
            root.as_str(),
            "/v1/admin/users/kofi.national/password",
            Some(json!({"password": "short"})),
            400,
            "invalid_value",
        ),
        (
            root.as_str(),
            "/v1/admin/users/kofi.national/password",
            Some(json!({"password": "a-new-long-password", "by": "me"})),
            400,
            "malformed",
        ),
    ] {
        let (s, answer) = server.call("POST", path, Some(token), body);
        assert_eq!(
            (s, answer["code"].as_str()),
            (status, Some(code)),
            "{path}: {answer}"
        );
    }
    assert_eq!(snapshot(&server), before);

    // Disable Esi again, then derive the state again from the log alone.
    server.admin(&["disable-user", "esi.regional"]);
    server.kill9();
    std::fs::remove_dir_all(server.data.join("state")).unwrap();
    let restarted = Spawn::new().data(&server.data).start();
    assert_eq!(
        login(&restarted, "esi.regional", PASSWORD).0,
        401,
        "still disabled"
    );
    assert_eq!(
        login(&restarted, "kofi.national", PASSWORD).0,
        401,
        "the old password"
    );
    assert_eq!(
        login(&restarted, "kofi.national", "a-new-long-password").0,
        200
    );
}
