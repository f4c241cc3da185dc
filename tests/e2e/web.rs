//! The dashboard in a browser's place: cookies, forms and pages over real HTTP, read the
//! way a person (and a later browser test) reads them — `<h1>`, `data-figure`, tables —
//! and checked against the JSON API's reports for the same officer.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{json, Value as Json};
use uuid::Uuid;

use crate::harness::*;
use crate::regions::countries_and_akwatia;

/// An HTTP answer as a browser gets it, redirects not followed.
pub struct Answer {
    pub status: u16,
    pub location: String,
    pub cookies: Vec<String>,
    pub body: String,
}

impl Answer {
    /// The `Set-Cookie` value for cookie `name`.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(String::as_str)
    }
}

/// A browser without a cookie jar: the tests hand the cookies over themselves, to see them.
pub struct Browser {
    url: String,
    pub client: reqwest::blocking::Client,
}

impl Browser {
    pub fn new(server: &Server) -> Self {
        Self {
            url: server.url.clone(),
            client: reqwest::blocking::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap(),
        }
    }

    pub fn send(&self, req: reqwest::blocking::RequestBuilder) -> Answer {
        let r = req.send().unwrap();
        Answer {
            status: r.status().as_u16(),
            location: r
                .headers()
                .get("location")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default(),
            cookies: r
                .headers()
                .get_all("set-cookie")
                .iter()
                .map(|v| v.to_str().unwrap().to_string())
                .collect(),
            body: r.text().unwrap(),
        }
    }

    pub fn get(&self, path: &str, cookie: Option<&str>) -> Answer {
        let mut req = self.client.get(format!("{}{path}", self.url));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        self.send(req)
    }

    /// A form POST as a page of this server sends it (same `Origin`), or with `headers`.
    pub fn post(
        &self,
        path: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut req = self
            .client
            .post(format!("{}{path}", self.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(fields).unwrap());
        let mut origin = Some(self.url.clone());
        for (k, v) in headers {
            if k.eq_ignore_ascii_case("origin") {
                origin = (!v.is_empty()).then(|| v.to_string());
            } else {
                req = req.header(*k, *v);
            }
        }
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        self.send(req)
    }

    /// Logs in through the login page: the session cookie (`placer_session=…`), and the
    /// login's answer.
    pub fn login_with(&self, user: &str, password: &str, headers: &[(&str, &str)]) -> Answer {
        let page = self.get("/login?next=/flags", None);
        assert_eq!(page.status, 200);
        let pre = page.cookie("placer_login").expect("a pre-login cookie");
        let pre = pre.split(';').next().unwrap().to_string();
        let csrf = attr(&page.body, "name=\"csrf\"", "value");
        self.post(
            "/login",
            Some(&pre),
            &[
                ("user", user),
                ("password", password),
                ("next", "/flags"),
                ("csrf", &csrf),
            ],
            headers,
        )
    }

    pub fn login(&self, user: &str) -> String {
        let a = self.login_with(user, OFFICER_PASSWORD, &[]);
        assert_eq!(a.status, 303, "login {user}: {}", a.body);
        let c = a.cookie("placer_session").expect("a session cookie");
        c.split(';').next().unwrap().to_string()
    }

    /// A page that must show (200), with its `<h1>`.
    pub fn page(&self, path: &str, cookie: &str) -> String {
        let a = self.get(path, Some(cookie));
        assert_eq!(a.status, 200, "GET {path}: {}", a.body);
        assert!(a.body.contains("<h1>"), "{path} has an <h1>");
        a.body
    }
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in the first element holding `marker`.
pub fn attr(html: &str, marker: &str, name: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    let element = &html[start..end];
    let key = format!("{name}=\"");
    let v = &element[element
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {element}"))
        + key.len()..];
    unescape(&v[..v.find('"').unwrap()])
}

/// A figure's `data-value`.
pub fn figure(html: &str, key: &str) -> String {
    attr(html, &format!("data-figure=\"{key}\""), "data-value")
}

/// The text of an element's content, tags removed.
pub fn text(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// Table `id` as the page holds it: the header keys, then each row's data cells (the
/// action column, which is not data, left out), each cell's `data-value` where it has one
/// (a long id shown short, a kind shown in words), else its text.
pub fn table(html: &str, id: &str) -> Vec<Vec<String>> {
    shown_table(html, id, false)
}

/// Table `id` as a person reads it: the column labels, then each cell's text.
pub fn table_text(html: &str, id: &str) -> Vec<Vec<String>> {
    shown_table(html, id, true)
}

fn shown_table(html: &str, id: &str, as_read: bool) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("<table id=\"{id}\""))
        .unwrap_or_else(|| panic!("no table {id}"));
    let t = &html[start..start + html[start..].find("</table>").unwrap()];
    let header: Vec<String> = t
        .split("<th ")
        .skip(1)
        .filter_map(|th| {
            let open = &th[..th.find('>')?];
            let k = open.find("data-column=\"")? + 13;
            Some(if as_read {
                text(&th[th.find('>')? + 1..th.find("</th>")?])
            } else {
                open[k..k + open[k..].find('"')?].to_string()
            })
        })
        .collect();
    let mut rows = vec![header];
    let body = &t[t.find("<tbody>").unwrap()..];
    for tr in body.split("<tr>").skip(1) {
        let cells: Vec<String> = tr
            .split("<td ")
            .skip(1)
            .filter(|td| td.contains("data-column="))
            .map(|td| {
                let open = &td[..td.find('>').unwrap()];
                match open.find("data-value=\"") {
                    Some(k) if !as_read => {
                        let v = &open[k + 12..];
                        unescape(&v[..v.find('"').unwrap()])
                    }
                    _ => text(&td[td.find('>').unwrap() + 1..td.find("</td>").unwrap()]),
                }
            })
            .collect();
        rows.push(cells);
    }
    rows
}

/// A CSV download as rows of fields.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The CSV link of table `id` on a page, followed: it must hold the table's figures.
pub fn csv_equals_table(browser: &Browser, page: &str, id: &str, cookie: &str) -> Vec<Vec<String>> {
    let href = attr(page, &format!("data-csv=\"{id}\""), "href");
    let a = browser.get(&href, Some(cookie));
    assert_eq!(a.status, 200, "{href}");
    let mut rows = csv_rows(&a.body);
    let mut keyed = table(page, id);
    assert_eq!(
        rows[0],
        table_text(page, id)[0],
        "the CSV of {id} is headed by the table's column labels"
    );
    // By key from here on, as the callers find columns.
    rows[0] = std::mem::take(&mut keyed[0]);
    assert_eq!(rows, table(page, id), "the CSV of {id} is the table");
    rows
}

/// Ghana with two districts and Côte d'Ivoire, production in both countries (which raises
/// flags: the licences are unknown), a sale, and officers of each role.
pub struct Fixture {
    pub server: Server,
    pub ghana: Uuid,
    pub ivory: Uuid,
    pub east: Uuid,
    pub ama: Device,
}

pub fn fixture(env: &[(&'static str, &'static str)]) -> Fixture {
    let mut spawn = Spawn::new();
    for (k, v) in env {
        spawn = spawn.env(k, v);
    }
    let server = spawn.start();
    let (countries, districts) = countries_and_akwatia(&server.data);
    let (ghana, ivory) = (countries["Ghana"], countries["Côte d'Ivoire"]);
    let east = districts["East Akwatia"];
    let ama = server.device("Ama", &[ghana]);
    let awa = server.device("Awa", &[ivory]);
    let lic = Uuid::now_v7().to_string();
    let prod = |d: &Device, date: &str, lon: &str, lat: &str, stones: &str| {
        d.ok(&[
            "production",
            "add",
            "--licence",
            &lic,
            "--date",
            date,
            "--lat",
            lat,
            "--lon",
            lon,
            "--diggers",
            "4",
            "--gravel-litres",
            "1500",
            "--stones",
            stones,
        ])
    };
    prod(&ama, "2026-03-02", "-0.70", "6.00", "0.25,1.10");
    prod(&ama, "2026-04-10", "-0.70", "6.00", "0.40");
    prod(&ama, "2026-04-12", "-0.90", "6.00", "2.00,0.07");
    prod(&awa, "2026-03-20", "-6.67", "7.96", "3.00");
    let buyer = ama.ok(&[
        "licence",
        "add",
        "--number",
        "GH-B-0001",
        "--kind",
        "buyer",
        "--holder-org",
        "Accra Gems",
        "--issued",
        "2026-01-01",
        "--expires",
        "2026-12-31",
    ]);
    ama.ok(&[
        "sale",
        "add",
        "--seller-licence",
        &lic,
        "--buyer",
        &buyer,
        "--date",
        "2026-04-20",
        "--carats",
        "1.35",
        "--stones",
        "2",
        "--value-usd",
        "500.25",
    ]);
    ama.sync();
    awa.sync();
    for (name, role, regions) in [
        ("web.admin", "admin", vec![]),
        ("web.national", "national-officer", vec![]),
        ("web.regional", "regional-officer", vec![ghana]),
    ] {
        let (ok, out) = add_user(&server.data, name, role, &regions, OFFICER_PASSWORD);
        assert!(ok, "{out}");
    }
    Fixture {
        server,
        ghana,
        ivory,
        east,
        ama,
    }
}

/// A bearer token for the JSON API.
pub fn api_token(server: &Server, user: &str) -> String {
    let (status, body) = server.call(
        "POST",
        "/v1/auth/login",
        None,
        Some(json!({"user": user, "password": OFFICER_PASSWORD})),
    );
    assert_eq!(status, 200, "{body}");
    body["token"].as_str().unwrap().to_string()
}

pub fn api(server: &Server, token: &str, path: &str) -> Json {
    let (status, body) = server.call("GET", path, Some(token), None);
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

const PERIOD: &str = "from=2026-01&to=2026-06";

#[test]
fn logging_in_sets_a_strict_http_only_cookie_and_logging_out_ends_the_session() {
    let server = spawn_server();
    assert!(add_user(&server.data, "web.admin", "admin", &[], OFFICER_PASSWORD).0);
    let b = Browser::new(&server);

    // No session: every page sends the officer to the login page, and back afterwards.
    for path in ["/", "/flags?state=open", "/devices"] {
        let a = b.get(path, None);
        assert_eq!(a.status, 303, "{path}");
        assert_eq!(
            a.location,
            format!(
                "/login?{}",
                serde_urlencoded::to_string([("next", path)]).unwrap()
            )
        );
    }
    let login = b.get("/login", None);
    assert!(login.body.contains("<h1>Log in</h1>") && login.body.contains("id=\"login\""));
    let pre = login.cookie("placer_login").unwrap();
    assert!(
        pre.contains("HttpOnly") && pre.contains("SameSite=Strict"),
        "{pre}"
    );

    // A wrong password: refused, and no session.
    let before = server.fingerprint();
    let wrong = b.login_with("web.admin", "not the password", &[]);
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("Wrong user name or password."));
    assert!(wrong.cookie("placer_session").is_none());
    // A login form posted from another site, or without its token: refused.
    let cross = b.login_with(
        "web.admin",
        OFFICER_PASSWORD,
        &[("origin", "http://evil.example")],
    );
    assert_eq!(cross.status, 403);
    assert!(cross.cookie("placer_session").is_none());
    let tokenless = b.post(
        "/login",
        None,
        &[("user", "web.admin"), ("password", OFFICER_PASSWORD)],
        &[],
    );
    assert_eq!(tokenless.status, 403);
    assert!(tokenless.cookie("placer_session").is_none());
    assert_eq!(server.fingerprint(), before);

    // The right password: a session cookie, HttpOnly and SameSite=Strict, not Secure over
    // plain HTTP; then on to the page asked for.
    let ok = b.login_with("web.admin", OFFICER_PASSWORD, &[]);
    assert_eq!((ok.status, ok.location.as_str()), (303, "/flags"));
    let set = ok.cookie("placer_session").unwrap();
    for part in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(set.contains(part), "{set} has {part}");
    }
    assert!(!set.contains("Secure"), "{set}");
    let cookie = set.split(';').next().unwrap().to_string();
    let home = b.page("/", &cookie);
    assert!(home.contains("<h1>National overview</h1>"));
    assert!(home.contains("data-officer=\"web.admin\""));
    // Behind a TLS proxy the cookie is Secure.
    let tls = b.login_with(
        "web.admin",
        OFFICER_PASSWORD,
        &[("x-forwarded-proto", "https")],
    );
    assert!(tls.cookie("placer_session").unwrap().contains("; Secure"));

    // The JSON API is as it was: no cookie counts there.
    let r = b
        .client
        .get(format!("{}/v1/regions", server.url))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.json::<Json>().unwrap()["code"], "unauthorized");

    // Logging out needs the form's token too; then the session is over on the server.
    let csrf = attr(&home, "name=\"csrf\"", "value");
    assert_eq!(b.post("/logout", Some(&cookie), &[], &[]).status, 403);
    assert_eq!(b.get("/", Some(&cookie)).status, 200, "still logged in");
    let out = b.post("/logout", Some(&cookie), &[("csrf", &csrf)], &[]);
    assert_eq!((out.status, out.location.as_str()), (303, "/login"));
    assert!(out.cookie("placer_session").unwrap().contains("Max-Age=0"));
    let after = b.get("/", Some(&cookie));
    assert_eq!(after.status, 303, "the old cookie no longer works");
    assert!(after.location.starts_with("/login?next="));
}

#[test]
fn an_expired_session_sends_the_officer_to_the_login_page() {
    let server = Spawn::new().env("PLACER_SESSION_SECONDS", "1").start();
    assert!(add_user(&server.data, "web.admin", "admin", &[], OFFICER_PASSWORD).0);
    let b = Browser::new(&server);
    let cookie = b.login("web.admin");
    b.page("/flags", &cookie);
    std::thread::sleep(Duration::from_millis(2_100));
    let a = b.get("/flags", Some(&cookie));
    assert_eq!(
        (a.status, a.location.as_str()),
        (303, "/login?next=%2Fflags")
    );
}

#[test]
fn every_page_shows_for_an_admin_and_its_figures_are_the_apis() {
    let f = fixture(&[]);
    let (server, b) = (&f.server, Browser::new(&f.server));
    let cookie = b.login("web.admin");
    let token = api_token(server, "web.admin");

    // The overview's totals are the national report's national rows, added up.
    let home = b.page(&format!("/?{PERIOD}"), &cookie);
    assert!(home.contains("<h1>National overview</h1>"));
    let national = api(server, &token, &format!("/v1/reports/national?{PERIOD}"));
    let mut sums: BTreeMap<&str, i64> = BTreeMap::new();
    for row in national["rows"].as_array().unwrap() {
        if row["region"].is_null() {
            for k in [
                "production_records",
                "carats_hundredths",
                "stones",
                "sales_cents",
                "carats_inside_licence",
                "carats_on_valid_licence",
            ] {
                *sums.entry(k).or_default() += row[k].as_i64().unwrap();
            }
        }
    }
    let hundredths = |v: i64| format!("{}.{:02}", v / 100, v % 100);
    assert_eq!(sums["production_records"], 4);
    assert_eq!(figure(&home, "production_records"), "4");
    assert_eq!(
        figure(&home, "carats"),
        hundredths(sums["carats_hundredths"])
    );
    assert_eq!(figure(&home, "carats"), "6.82");
    assert_eq!(figure(&home, "stones"), sums["stones"].to_string());
    assert_eq!(figure(&home, "sales_usd"), hundredths(sums["sales_cents"]));
    let share = |part: &str| {
        format!(
            "{:.4}",
            sums[part] as f64 / sums["carats_hundredths"] as f64
        )
    };
    assert_eq!(
        figure(&home, "share_on_valid_licence"),
        share("carats_on_valid_licence")
    );
    assert_eq!(
        figure(&home, "share_inside_licence"),
        share("carats_inside_licence")
    );
    assert_eq!(
        figure(&home, "devices_not_synced"),
        national["devices_not_synced_for_14_days"]
            .as_array()
            .unwrap()
            .len()
            .to_string()
    );

    // The monthly trend adds up the countries' regional reports, and downloads as shown.
    let monthly = csv_equals_table(&b, &home, "monthly", &cookie);
    assert_eq!(
        monthly[0],
        [
            "month",
            "production_records",
            "carats",
            "stones",
            "sales_usd"
        ]
    );
    assert_eq!(monthly.len(), 1 + 6);
    let mut by_month: BTreeMap<String, i64> = BTreeMap::new();
    for country in [f.ghana, f.ivory] {
        let r = api(
            server,
            &token,
            &format!("/v1/reports/regional?{PERIOD}&region={country}"),
        );
        for row in r["rows"].as_array().unwrap() {
            *by_month
                .entry(row["month"].as_str().unwrap().into())
                .or_default() += row["carats_hundredths"].as_i64().unwrap();
        }
    }
    for row in &monthly[1..] {
        assert_eq!(row[2], hundredths(by_month[&row[0]]), "{row:?}");
    }
    // The map shades Ghana's districts and Côte d'Ivoire by their carats, and lists them.
    let regions = csv_equals_table(&b, &home, "regions", &cookie);
    let carats_of = |name: &str| {
        regions
            .iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("{name}"))[2]
            .clone()
    };
    assert_eq!(carats_of("East Akwatia"), "1.75");
    assert_eq!(carats_of("West Akwatia"), "2.07");
    assert_eq!(carats_of("Côte d'Ivoire"), "3.00");
    assert_eq!(
        attr(&home, &format!("data-region=\"{}\"", f.east), "data-value"),
        "175"
    );
    assert!(home.contains("data-chart=\"carats-by-month\""));

    // A region's page: its monthly table is the regional report's.
    let ghana = b.page(&format!("/regions/{}?{PERIOD}", f.ghana), &cookie);
    assert!(ghana.contains("<h1>Region: Ghana</h1>"));
    let rows = csv_equals_table(&b, &ghana, "monthly", &cookie);
    let report = api(
        server,
        &token,
        &format!("/v1/reports/regional?{PERIOD}&region={}", f.ghana),
    );
    for (row, api_row) in rows[1..].iter().zip(report["rows"].as_array().unwrap()) {
        assert_eq!(row[0], api_row["month"].as_str().unwrap());
        assert_eq!(
            row[4],
            hundredths(api_row["carats_hundredths"].as_i64().unwrap())
        );
        assert_eq!(row[5], api_row["stones"].to_string());
    }
    let licences = csv_equals_table(&b, &ghana, "licences", &cookie);
    assert_eq!(licences.len(), 2, "the buyer's licence: {licences:?}");
    assert_eq!(licences[1][0], "GH-B-0001");
    // Ghana lists its districts' productions on their pages, and finds them by a search.
    let own = b.page(
        &format!("/regions/{}?{PERIOD}&list=production", f.ghana),
        &cookie,
    );
    assert_eq!(csv_equals_table(&b, &own, "production", &cookie).len(), 1);
    let searched = b.page(
        &format!("/regions/{}?{PERIOD}&list=production&q=2026-0", f.ghana),
        &cookie,
    );
    let production = csv_equals_table(&b, &searched, "production", &cookie);
    assert_eq!(production.len(), 1 + 3);
    assert_eq!(production[1][0], "2026-04-12", "newest first");
    let miners = b.page(
        &format!("/regions/{}?{PERIOD}&list=miners", f.ghana),
        &cookie,
    );
    csv_equals_table(&b, &miners, "miners", &cookie);
    let districts = csv_equals_table(&b, &ghana, "regions", &cookie);
    assert_eq!(districts.len(), 1 + 2, "East and West Akwatia");
    b.page(&format!("/regions/{}", f.east), &cookie);

    // Flags, a flag, the footprint (against a period; without a reference it says so),
    // the devices.
    let flags = b.page("/flags?state=open", &cookie);
    assert!(flags.contains("<h1>Flags</h1>") && flags.contains("name=\"filters\""));
    let listed = csv_equals_table(&b, &flags, "flags", &cookie);
    let api_flags = api(server, &token, "/v1/flags?state=open");
    assert_eq!(
        listed.len() - 1,
        api_flags["items"].as_array().unwrap().len()
    );
    assert!(listed.len() > 1);
    let id = &listed[1][7];
    let flag = b.page(&format!("/flags/{id}"), &cookie);
    assert!(flag.contains("<form id=\"resolve\" name=\"resolve\""));
    assert_eq!(figure(&flag, "state"), "open");
    let fp = b.page(
        &format!(
            "/footprint?region={}&from=2026-04&to=2026-06&ref_from=2026-01&ref_to=2026-03",
            f.ghana
        ),
        &cookie,
    );
    assert!(fp.contains("<h1>Footprint: Ghana</h1>"));
    assert_eq!(figure(&fp, "verdict"), "too_few_stones");
    assert_eq!(figure(&fp, "stones"), "3");
    let classes = csv_equals_table(&b, &fp, "classes", &cookie);
    assert_eq!(classes.len(), 1 + 8);
    // Size classes read in words, the CSV keeping their labels.
    assert_eq!(classes[1][0], "below_0.10");
    assert_eq!(table_text(&fp, "classes")[1][0], "below 0.10 ct");
    b.page("/footprint", &cookie);
    let none = b.get(&format!("/footprint?region={}", f.ghana), Some(&cookie));
    assert_eq!(none.status, 404);
    assert!(none.body.contains("id=\"no-reference\"") && none.body.contains("name=\"footprint\""));
    let devices = b.page("/devices", &cookie);
    let listed = csv_equals_table(&b, &devices, "devices", &cookie);
    assert_eq!(listed.len(), 1 + 2);
    assert!(
        devices.contains("data-nav=\"/exports\""),
        "export monitoring is in the menu"
    );

    // Pages that do not exist.
    for path in [
        format!("/regions/{}", Uuid::now_v7()),
        "/regions/Ghana".to_string(),
        "/flags/nope".to_string(),
    ] {
        let a = b.get(&path, Some(&cookie));
        assert_eq!(a.status, 404, "{path}");
        assert!(a.body.contains("<h1>Not found</h1>"), "{path}");
    }
    assert_eq!(
        b.get("/?from=2026-07&to=2026-01", Some(&cookie)).status,
        400
    );
}

#[test]
fn a_form_without_its_token_or_from_another_site_changes_nothing() {
    let f = fixture(&[]);
    let (server, b) = (&f.server, Browser::new(&f.server));
    let cookie = b.login("web.admin");
    let other = b.login("web.national");
    let token = api_token(server, "web.admin");
    let flag_id = api(server, &token, "/v1/flags?state=open")["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let page = b.page(&format!("/flags/{flag_id}"), &cookie);
    let csrf = attr(&page, "name=\"csrf\"", "value");
    let others = attr(&b.page("/", &other), "name=\"csrf\"", "value");
    assert_ne!(csrf, others, "each session has its own token");
    let resolve = format!("/flags/{flag_id}/resolve");
    let note = "licence renewed on paper, 3 May";

    let before = server.fingerprint();
    for (fields, headers, why) in [
        (vec![("note", note)], vec![], "no token"),
        (
            vec![("note", note), ("csrf", "00")],
            vec![],
            "a wrong token",
        ),
        (
            vec![("note", note), ("csrf", others.as_str())],
            vec![],
            "another session's token",
        ),
        (
            vec![("note", note), ("csrf", csrf.as_str())],
            vec![("origin", "http://evil.example")],
            "another site",
        ),
        (
            vec![("note", note), ("csrf", csrf.as_str())],
            vec![("sec-fetch-site", "cross-site")],
            "another site, by fetch metadata",
        ),
    ] {
        let a = b.post(&resolve, Some(&cookie), &fields, &headers);
        assert_eq!(a.status, 403, "{why}: {}", a.body);
        assert!(a.body.contains("<h1>Not allowed</h1>"), "{why}");
    }
    assert_eq!(
        server.fingerprint(),
        before,
        "a refused form changes nothing"
    );
    assert_eq!(
        api(server, &token, &format!("/v1/flags/{flag_id}"))["state"],
        "open"
    );

    // With the token, from this site: resolved, by this officer, with the note.
    let a = b.post(
        &resolve,
        Some(&cookie),
        &[("note", note), ("csrf", &csrf)],
        &[],
    );
    assert_eq!(
        (a.status, a.location.clone()),
        (303, format!("/flags/{flag_id}"))
    );
    let flag = api(server, &token, &format!("/v1/flags/{flag_id}"));
    assert_eq!(flag["state"], "resolved");
    let last = flag["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["by"].as_str(), last["note"].as_str()),
        (Some("web.admin"), Some(note))
    );
    let shown = b.page(&format!("/flags/{flag_id}"), &cookie);
    assert_eq!(figure(&shown, "state"), "resolved");
    assert!(
        !shown.contains("name=\"resolve\""),
        "a resolved flag has no resolve form"
    );
    // Again: not open any more (409), nothing changes.
    let before = server.fingerprint();
    let again = b.post(
        &resolve,
        Some(&cookie),
        &[("note", note), ("csrf", &csrf)],
        &[],
    );
    assert_eq!(again.status, 409);
    assert_eq!(server.fingerprint(), before);

    // Revoking a device: the same rules.
    let devices = api(server, &token, "/v1/admin/devices");
    let device = devices
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device"]["agent"] == "Ama")
        .unwrap()["device"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let revoke = format!("/devices/{device}/revoke");
    let before = server.fingerprint();
    assert_eq!(
        b.post(&revoke, Some(&cookie), &[("reason", "lost")], &[])
            .status,
        403
    );
    assert_eq!(
        b.post(
            &revoke,
            Some(&other),
            &[("reason", "lost"), ("csrf", &others)],
            &[]
        )
        .status,
        403,
        "a national officer may not revoke"
    );
    assert_eq!(server.fingerprint(), before);
    // The list's form asks first: a page naming the device, and nothing revoked.
    let asked = b.post(
        &revoke,
        Some(&cookie),
        &[("reason", "handset stolen"), ("csrf", &csrf)],
        &[],
    );
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert!(asked.body.contains("<h1>Revoke a device?</h1>"));
    assert!(asked.body.contains(&device), "the page names the device");
    assert_eq!(attr(&asked.body, "name=\"confirm\"", "value"), "yes");
    assert_eq!(server.fingerprint(), before, "asking revokes nothing");
    let a = b.post(
        &revoke,
        Some(&cookie),
        &[
            ("reason", "handset stolen"),
            ("csrf", &csrf),
            ("confirm", "yes"),
        ],
        &[],
    );
    assert_eq!((a.status, a.location.as_str()), (303, "/devices"));
    let revoked = api(server, &token, "/v1/admin/devices");
    let d = revoked
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device"]["id"] == device.as_str())
        .unwrap();
    assert_eq!(d["device"]["revoked"]["reason"], "handset stolen");
    let list = b.page("/devices", &cookie);
    assert!(!list.contains(&format!("id=\"revoke-{device}\"")));
    // The revoked handset can no longer sync.
    f.ama.ok(&[
        "miner",
        "add",
        "--names",
        "Late Entry",
        "--sex",
        "female",
        "--birth-year",
        "1990",
    ]);
    assert!(!f.ama.run(&["sync"]).status.success());
}

#[test]
fn a_regional_officer_sees_only_their_regions_in_pages_and_csv() {
    let f = fixture(&[]);
    let (server, b) = (&f.server, Browser::new(&f.server));
    let cookie = b.login("web.regional");
    let token = api_token(server, "web.regional");

    for path in [
        format!("/regions/{}", f.ivory),
        format!("/regions/{}?format=csv&table=monthly", f.ivory),
        format!("/flags?region={}", f.ivory),
        format!(
            "/footprint?region={}&ref_from=2026-01&ref_to=2026-03",
            f.ivory
        ),
        "/devices".to_string(),
    ] {
        let a = b.get(&path, Some(&cookie));
        assert_eq!(a.status, 403, "{path}");
        assert!(a.body.contains("<h1>Not allowed</h1>"), "{path}");
    }
    let home = b.page(&format!("/?{PERIOD}"), &cookie);
    assert!(
        !home.contains("data-nav=\"/devices\""),
        "no devices in the menu"
    );
    // Their figures are Ghana's, as the API gives them to the same officer.
    assert_eq!(figure(&home, "production_records"), "3");
    assert_eq!(figure(&home, "carats"), "3.82");
    let national = api(server, &token, &format!("/v1/reports/national?{PERIOD}"));
    let api_carats: i64 = national["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["region"].is_null())
        .map(|r| r["carats_hundredths"].as_i64().unwrap())
        .sum();
    assert_eq!(api_carats, 382);
    let regions = csv_equals_table(&b, &home, "regions", &cookie);
    let names: Vec<&str> = regions[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, ["West Akwatia", "East Akwatia"]);
    assert!(!home.contains(&f.ivory.to_string()));
    let flags = b.page("/flags", &cookie);
    let listed = csv_equals_table(&b, &flags, "flags", &cookie);
    assert!(listed.len() > 1);
    assert!(
        listed[1..].iter().all(|r| r[3] != "Côte d'Ivoire"),
        "{listed:?}"
    );
    b.page(&format!("/regions/{}", f.east), &cookie);
}

#[test]
fn the_export_monitoring_page_ranks_exporters_with_links_to_their_evidence() {
    let f = fixture(&[]);
    let (server, b) = (&f.server, Browser::new(&f.server));
    let exporter = f.ama.ok(&[
        "licence",
        "add",
        "--number",
        "GH-EX-0100",
        "--kind",
        "exporter",
        "--holder-org",
        "Volta Rough",
        "--issued",
        "2026-01-01",
        "--expires",
        "2026-12-31",
    ]);
    let buyer = f.ama.list("licence")[0]["id"].as_str().unwrap().to_string();
    // Bought 1 ct from the licensed buyer, shipped 5 ct: over its purchases.
    f.ama.ok(&[
        "sale",
        "add",
        "--seller-licence",
        &buyer,
        "--buyer",
        &exporter,
        "--date",
        "2026-04-02",
        "--carats",
        "1.00",
        "--stones",
        "3",
        "--value-usd",
        "300.00",
    ]);
    f.ama.ok(&[
        "export",
        "add",
        "--exporter",
        &exporter,
        "--certificate",
        "GH-KP-9001",
        "--date",
        "2026-05-02",
        "--carats",
        "5.00",
        "--value-usd",
        "1500.00",
        "--hs-code",
        "7102.31",
        "--destination",
        "BEL",
        "--stones",
        "2.50,2.50",
    ]);
    f.ama.sync();

    let cookie = b.login("web.national");
    let token = api_token(server, "web.national");
    let page = b.page(&format!("/exports?{PERIOD}"), &cookie);
    let api_report = api(server, &token, &format!("/v1/reports/exports?{PERIOD}"));
    assert_eq!(
        figure(&page, "exporters"),
        api_report["ranking"].as_array().unwrap().len().to_string()
    );
    assert_eq!(figure(&page, "exported_carats"), "5.00");
    assert_eq!(figure(&page, "quarters_exceeding"), "1");
    let ranking = csv_equals_table(&b, &page, "ranking", &cookie);
    assert_eq!(ranking[1][1], "GH-EX-0100", "{ranking:?}");
    assert!(
        ranking[1][4].contains("exports_exceed_purchases (2026-Q2)"),
        "{ranking:?}"
    );
    let quarters = csv_equals_table(&b, &page, "quarters", &cookie);
    let q2 = quarters
        .iter()
        .find(|r| r[0] == "2026-Q2" && r[1] == "GH-EX-0100")
        .unwrap();
    assert_eq!(
        (q2[3].as_str(), q2[5].as_str(), q2[10].as_str()),
        ("5.00", "1.00", "yes")
    );

    // The reason links to the exporter's evidence: its purchases, on its own page.
    let start = page
        .find("data-reason=\"exports_exceed_purchases\"")
        .unwrap();
    let link = &page[start..];
    let link = &link[link.find("href=\"").unwrap() + 6..];
    let link = unescape(&link[..link.find('"').unwrap()]);
    assert_eq!(
        link,
        format!("/exports/{exporter}?from=2026-04&to=2026-06#purchases")
    );
    let detail = b.page(link.split('#').next().unwrap(), &cookie);
    assert!(detail.contains("<h1>Exporter GH-EX-0100</h1>"), "{detail}");
    let purchases = csv_equals_table(&b, &detail, "purchases", &cookie);
    assert_eq!(purchases.len(), 2, "one purchase: {purchases:?}");
    assert_eq!(purchases[1][4], "1.00");
    let exports = csv_equals_table(&b, &detail, "exports", &cookie);
    assert_eq!(exports[1][1], "GH-KP-9001");
    assert_eq!(figure(&detail, "bought_carats"), "1.00");

    // Exports are national: a regional officer is refused, as by the API.
    let regional = b.login("web.regional");
    let a = b.get(&format!("/exports?{PERIOD}"), Some(&regional));
    assert_eq!(a.status, 403);
    let a = b.get(&format!("/exports/{exporter}?{PERIOD}"), Some(&regional));
    assert_eq!(a.status, 403);
}

#[test]
fn the_large_stone_register_page_lists_the_apis_stones_for_each_officer() {
    let f = fixture(&[]);
    let (server, b) = (&f.server, Browser::new(&f.server));
    let cookie = b.login("web.national");
    let token = api_token(server, "web.national");
    let page = b.page(&format!("/large-stones?{PERIOD}"), &cookie);
    let api_stones = api(
        server,
        &token,
        &format!("/v1/reports/large-stones?{PERIOD}"),
    );
    let stones = api_stones["stones"].as_array().unwrap();
    // The 2.00 ct in Ghana and the 3.00 ct in Côte d'Ivoire; not the small ones.
    assert_eq!(stones.len(), 2, "{api_stones}");
    assert_eq!(figure(&page, "stones"), "2");
    assert_eq!(figure(&page, "heaviest"), "3.00");
    let rows = csv_equals_table(&b, &page, "stones", &cookie);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1][0], stones[0]["date"].as_str().unwrap());
    assert_eq!(rows[1][5], "3.00", "{rows:?}");
    assert_eq!(rows[2][5], "2.00", "{rows:?}");
    // A regional officer of Ghana sees Ghana's stone only.
    let regional = b.login("web.regional");
    let page = b.page(&format!("/large-stones?{PERIOD}"), &regional);
    assert_eq!(figure(&page, "stones"), "1");
    assert!(page.contains("Large-stone register"), "{page}");
}

#[test]
fn an_administrator_offboards_an_officer_from_the_accounts_page() {
    let f = fixture(&[]);
    let server = &f.server;
    let b = Browser::new(server);
    let admin = b.login("web.admin");
    let national = b.login("web.national");
    let regional = b.login("web.regional");
    let page = b.page("/users", &admin);
    let csrf = attr(&page, "name=\"csrf\"", "value");
    assert!(
        page.contains("web.regional") && page.contains("Disable"),
        "{page}"
    );
    // The menu offers the page to administrators only, and it refuses the others.
    assert!(!b.page("/", &national).contains("href=\"/users\""));
    assert_eq!(b.get("/users", Some(&national)).status, 403);
    let national_csrf = attr(&b.page("/", &national), "name=\"csrf\"", "value");
    let before = server.fingerprint();
    assert_eq!(
        b.post(
            "/users/web.regional/disable",
            Some(&national),
            &[("csrf", &national_csrf)],
            &[]
        )
        .status,
        403
    );
    assert_eq!(
        b.post("/users/web.regional/disable", Some(&admin), &[], &[])
            .status,
        403,
        "no form token"
    );
    assert_eq!(server.fingerprint(), before);

    // Disabled: the regional officer's open session ends at once.
    assert_eq!(b.get("/", Some(&regional)).status, 200);
    let a = b.post(
        "/users/web.regional/disable",
        Some(&admin),
        &[("csrf", &csrf)],
        &[],
    );
    assert_eq!((a.status, a.location.as_str()), (303, "/users"));
    let after = b.get("/", Some(&regional));
    assert_eq!(after.status, 303, "sent to the login page");
    assert!(after.location.starts_with("/login"), "{}", after.location);
    assert_eq!(
        b.login_with("web.regional", OFFICER_PASSWORD, &[]).status,
        401
    );
    assert!(b.page("/users", &admin).contains("disabled "));

    // A new password for the national officer ends their session.
    let a = b.post(
        "/users/web.national/password",
        Some(&admin),
        &[("password", "another-long-password"), ("csrf", &csrf)],
        &[],
    );
    assert_eq!(a.status, 303, "{}", a.body);
    assert_eq!(b.get("/", Some(&national)).status, 303);
    let again = b.login_with("web.national", "another-long-password", &[]);
    assert_eq!(again.status, 303, "{}", again.body);
}

#[test]
fn after_login_the_officer_stays_on_this_site_whatever_next_says() {
    let f = fixture(&[]);
    let b = Browser::new(&f.server);
    for next in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/flags\r\nSet-Cookie: x=1",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
    ] {
        let query = serde_urlencoded::to_string([("next", next)]).unwrap();
        let page = b.get(&format!("/login?{query}"), None);
        assert_eq!(page.status, 200, "{next:?}: {}", page.body);
        let pre = page.cookie("placer_login").expect("a pre-login cookie");
        let pre = pre.split(';').next().unwrap().to_string();
        let csrf = attr(&page.body, "name=\"csrf\"", "value");
        let a = b.post(
            "/login",
            Some(&pre),
            &[
                ("user", "web.national"),
                ("password", OFFICER_PASSWORD),
                ("next", next),
                ("csrf", &csrf),
            ],
            &[],
        );
        assert_eq!((a.status, a.location.as_str()), (303, "/"), "{next:?}");
    }
}
