//! Each role sees what its work needs of a person, everywhere the registry answers: a
//! record, its conflicts, flags and cases, reports and their CSV, and the dashboard's
//! pages. An export monitor reads no miner's names, national id or phone; a national
//! officer reads names and only the end of a national id, never a phone; administrators
//! and regional officers read everything of their regions.

use serde_json::Value as Json;

use crate::harness::*;

const NAME: &str = "Yaw Distinctivename";
const NATIONAL_ID: &str = "GHA-7319-0042";
const PHONE: &str = "+233201234567";

/// A site-day on `licence` by `miner`, on `date`, with one stone of `carats`.
fn site_day(d: &Device, licence: &str, miner: &str, date: &str, carats: &str) -> String {
    d.ok(&[
        "production",
        "add",
        "--licence",
        licence,
        "--miner",
        miner,
        "--date",
        date,
        "--lat",
        "6.04",
        "--lon",
        "-0.80",
        "--diggers",
        "3",
        "--stones",
        carats,
    ])
}

/// A signed-in dashboard session: its cookie.
fn page_session(server: &Server, user: &str) -> String {
    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client.get(format!("{}/login", server.url)).send().unwrap();
    let pre = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("placer_login="))
        .unwrap();
    let body = page.text().unwrap();
    let at = body.find("name=\"csrf\"").unwrap();
    let value = &body[at..];
    let start = value.find("value=\"").unwrap() + 7;
    let csrf = &value[start..start + value[start..].find('"').unwrap()];
    let r = client
        .post(format!("{}/login", server.url))
        .header("cookie", &pre)
        .header("origin", &server.url)
        .form(&[
            ("user", user),
            ("password", OFFICER_PASSWORD),
            ("next", "/"),
            ("csrf", csrf),
        ])
        .send()
        .unwrap();
    assert_eq!(r.status(), 303, "login {user}");
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("placer_session="))
        .unwrap()
}

/// Everything the role can read, as text: every endpoint and page that answers it 200.
fn everything(server: &Server, token: &str, cookie: &str, paths: &[String]) -> String {
    let client = reqwest::blocking::Client::new();
    let mut all = String::new();
    for path in paths {
        let r = if path.starts_with("/v1/") {
            client
                .get(format!("{}{path}", server.url))
                .bearer_auth(token)
                .send()
                .unwrap()
        } else {
            client
                .get(format!("{}{path}", server.url))
                .header("cookie", cookie)
                .send()
                .unwrap()
        };
        if r.status() == 200 {
            all.push_str(path);
            all.push('\n');
            all.push_str(&r.text().unwrap());
            all.push('\n');
        }
    }
    all
}

#[test]
fn every_role_reads_only_the_personal_fields_its_work_needs() {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let b = server.device("Kwame", &[region(1)]);
    let miner = a.add_miner(
        NAME,
        1977,
        &["--national-id", NATIONAL_ID, "--phone", PHONE],
    );
    // The same national id on a second registration: a duplicate flag holds it.
    a.add_miner("Kojo Other", 1980, &["--national-id", NATIONAL_ID]);
    let permit = a.add_licence("GH-AP-0901", "artisanal-permit", &miner);
    let exporter = a.ok(&[
        "licence",
        "add",
        "--number",
        "GH-E-0901",
        "--kind",
        "exporter",
        "--holder-org",
        "Accra Export Ltd",
        "--issued",
        "2026-01-01",
        "--expires",
        "2027-01-01",
    ]);
    let production = site_day(&a, &permit, &miner, "2026-05-02", "3.70");
    let sale = a.ok(&[
        "sale",
        "add",
        "--seller-miner",
        &miner,
        "--buyer",
        &exporter,
        "--date",
        "2026-05-04",
        "--carats",
        "3.70",
        "--stones",
        "1",
        "--value-usd",
        "900.00",
    ]);
    let export = a.ok(&[
        "export",
        "add",
        "--exporter",
        &exporter,
        "--certificate",
        "GH-KP-0901",
        "--date",
        "2026-05-20",
        "--carats",
        "3.70",
        "--value-usd",
        "1500.00",
        "--hs-code",
        "7102.31",
        "--destination",
        "BEL",
        "--stones",
        "3.70",
    ]);
    a.sync();
    b.sync();
    // Two agents change the phone apart: a conflict over a personal field.
    a.ok(&["edit", "miner", &miner, "--set", "phone=\"+233209999001\""]);
    b.ok(&["edit", "miner", &miner, "--set", "phone=\"+233209999002\""]);
    a.sync();
    b.sync();

    let root = server.root().to_string();
    let national = server.officer("nana.national", "national-officer", &[]);
    let regional = server.officer("esi.regional", "regional-officer", &[region(1)]);
    let monitor = server.officer("kofi.monitor", "export-monitor", &[]);
    let span = "from=2026-01&to=2026-12";
    let flags = server.call("GET", "/v1/flags", Some(&root), None).1["items"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        flags.iter().any(|f| f["kind"] == "duplicate_national_id"),
        "{flags:?}"
    );
    let mut paths: Vec<String> = vec![
        format!("/v1/records/miner/{miner}"),
        "/v1/conflicts".into(),
        "/v1/flags".into(),
        "/v1/cases".into(),
        "/v1/cases?format=csv".into(),
        format!("/v1/reports/large-stones?{span}"),
        format!("/v1/reports/large-stones?{span}&format=csv"),
        format!("/v1/reports/exports?{span}"),
        format!("/v1/reports/exports?{span}&format=csv"),
        format!("/v1/reports/dealers?{span}"),
        format!("/v1/reports/regional?{span}"),
        format!("/v1/reports/national?{span}"),
        "/".into(),
        format!("/regions/{}", region(1)),
        format!("/regions/{}?format=csv&table=miners", region(1)),
        "/flags".into(),
        "/exports".into(),
        format!("/exports/{exporter}?{span}"),
        format!("/large-stones?{span}"),
    ];
    // Every record's page, and the CSV of each of its tables.
    for (collection, id) in [
        ("miner", &miner),
        ("licence", &permit),
        ("licence", &exporter),
        ("production", &production),
        ("sale", &sale),
        ("export", &export),
    ] {
        let page = format!("/records/{collection}/{id}");
        for table in ["history", "conflicts", "flags", "productions"] {
            paths.push(format!("{page}?format=csv&table={table}"));
        }
        paths.push(page);
    }
    for f in &flags {
        let id = f["id"].as_str().unwrap();
        paths.push(format!("/v1/flags/{id}"));
        paths.push(format!("/flags/{id}"));
    }
    let read = |token: &str, user: &str| {
        let cookie = page_session(&server, user);
        everything(&server, token, &cookie, &paths)
    };

    // Administrators and regional officers: everything of their regions.
    for (token, user) in [(&root, "placer.root"), (&regional, "esi.regional")] {
        let all = read(token, user);
        for s in [NAME, NATIONAL_ID, PHONE] {
            assert!(all.contains(s), "{user} reads {s}");
        }
    }
    // A national officer: names and the end of a national id, no phone.
    let all = read(&national, "nana.national");
    assert!(all.contains(NAME), "a national officer reads names");
    assert!(!all.contains(NATIONAL_ID), "a national id shows masked");
    assert!(all.contains("••••••••••042"), "its end shows");
    for phone in [PHONE, "+233209999001", "+233209999002"] {
        assert!(
            !all.contains(phone),
            "no phone for a national officer: {phone}"
        );
    }
    // An export monitor: none of it, anywhere; sellers by id.
    let all = read(&monitor, "kofi.monitor");
    for s in [
        NAME,
        "Kojo Other",
        NATIONAL_ID,
        "0042",
        PHONE,
        "+233209999001",
    ] {
        assert!(!all.contains(s), "an export monitor reads {s}");
    }
    assert!(all.contains(&miner), "the seller by id");
    let record: Json = server
        .call(
            "GET",
            &format!("/v1/records/miner/{miner}"),
            Some(&monitor),
            None,
        )
        .1;
    let text = record.to_string();
    for field in [
        "\"names\"",
        "\"national_id\"",
        "\"phone\"",
        "\"birth_year\"",
    ] {
        assert!(
            !text.contains(field),
            "an export monitor reads {field}: {record}"
        );
    }
}

/// A person may ask what the registry holds about them: an administrator gets it all in one
/// file (the registration with its whole history, licences held, site-days and sales naming
/// them, flags); nobody else may, and asking changes nothing.
#[test]
fn a_persons_file_holds_everything_about_them_for_an_administrator_only() {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let miner = a.add_miner(
        NAME,
        1977,
        &["--national-id", NATIONAL_ID, "--phone", PHONE],
    );
    let other = a.add_miner("Kojo Other", 1980, &["--national-id", NATIONAL_ID]);
    let permit = a.add_licence("GH-AP-0902", "artisanal-permit", &miner);
    let theirs = site_day(&a, &permit, &miner, "2026-05-02", "0.70");
    let not_theirs = site_day(&a, &permit, &other, "2026-05-03", "0.40");
    let sale = a.ok(&[
        "sale",
        "add",
        "--seller-miner",
        &miner,
        "--buyer",
        &permit,
        "--date",
        "2026-05-04",
        "--carats",
        "0.70",
        "--stones",
        "1",
        "--value-usd",
        "90.00",
    ]);
    a.sync();
    a.ok(&["edit", "miner", &miner, "--set", "phone=\"+233209999001\""]);
    a.sync();

    let national = server.officer("nana.national", "national-officer", &[]);
    let before = server.fingerprint();
    let path = format!("/v1/admin/people/{miner}");
    assert_eq!(server.call("GET", &path, Some(&national), None).0, 403);
    assert_eq!(server.call("GET", &path, None, None).0, 401);
    let unknown = format!("/v1/admin/people/{}", uuid::Uuid::now_v7());
    assert_eq!(
        server.call("GET", &unknown, Some(server.root()), None).0,
        404
    );
    let (status, file) = server.call("GET", &path, Some(server.root()), None);
    assert_eq!(status, 200, "{file}");
    assert_eq!(server.fingerprint(), before, "asking changes nothing");

    let text = file.to_string();
    for s in [NAME, NATIONAL_ID, PHONE, "+233209999001"] {
        assert!(text.contains(s), "the file holds {s}, old values included");
    }
    let ids = |key: &str| -> Vec<String> {
        file[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("licences"), vec![permit.clone()]);
    assert_eq!(ids("productions"), vec![theirs]);
    assert!(!text.contains(&not_theirs), "another person's site-day");
    assert_eq!(ids("sales"), vec![sale]);
    let kinds: Vec<&str> = file["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"duplicate_national_id"), "{kinds:?}");
    // The same file from the command line, with the server running.
    let out = server.admin(&["person-file", &miner]);
    assert!(out.contains(NATIONAL_ID) && out.contains(&permit), "{out}");
}
