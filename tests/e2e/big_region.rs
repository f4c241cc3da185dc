//! The dashboard on a region too big for one page: its lists a page at a time, searched
//! (by names, licence numbers, national ids — the last only for the roles that read them
//! whole), their counts against the API's reports, a country's page listing its districts
//! with their figures, expired licences. Every bad address is a 400 page. The records'
//! builders here serve the flags' tests too (`triage`).

use sync_protocol::op::{Op, OpBody, Set};
use sync_protocol::records::*;
use sync_protocol::values::*;
use uuid::Uuid;

use crate::harness::*;
use crate::regions::countries_and_akwatia;
use crate::web::{api, api_token, attr, csv_rows, table, table_text, Browser};

pub(crate) const PERIOD: &str = "from=2026-01&to=2026-12";

fn op(region: Uuid, body: OpBody) -> Op {
    Op {
        record: Uuid::now_v7(),
        stamp: ops::stamp(),
        region,
        body,
    }
}

fn miner(region: Uuid, names: &str, national_id: &str) -> Op {
    let m = Miner {
        names: PersonName::parse(names).unwrap(),
        sex: Sex::Male,
        birth_year: BirthYear::new(1980).unwrap(),
        home_region: region,
        registered_on: parse_day("2026-02-01").unwrap(),
        registered_by: Text::parse("test agent").unwrap(),
        national_id: Some(NationalId::parse(national_id).unwrap()),
        phone: None,
        cooperative: None,
        registered_at: None,
    };
    op(
        region,
        OpBody::Miner(m.into_fields().into_iter().map(Set::new).collect()),
    )
}

/// A square of `side` degrees with its south-west corner at (lon, lat).
fn square(lon: f64, lat: f64, side: f64) -> Polygon {
    let p = |x: f64, y: f64| Point::new(x, y).unwrap();
    Polygon {
        exterior: Ring::new(vec![
            p(lon, lat),
            p(lon + side, lat),
            p(lon + side, lat + side),
            p(lon, lat + side),
            p(lon, lat),
        ])
        .unwrap(),
        holes: vec![],
    }
}

/// A claim in East Akwatia (its area a 0.002° square at (-0.70, 6.00)).
pub(crate) fn licence(region: Uuid, number: &str, expires: &str) -> Op {
    let l = Licence {
        number: LicenceNumber::parse(number).unwrap(),
        kind: LicenceKind::Claim,
        holder: Holder::Organisation(Text::parse("Akwatia Diggers").unwrap()),
        mineral: Mineral::Diamond,
        issued: parse_day("2026-01-01").unwrap(),
        expires: parse_day(expires).unwrap(),
        status: LicenceStatus::Active,
        area: Some(square(-0.70, 6.00, 0.002)),
    };
    op(
        region,
        OpBody::Licence(l.into_fields().into_iter().map(Set::new).collect()),
    )
}

pub(crate) fn production(
    region: Uuid,
    licence: Uuid,
    date: &str,
    (lon, lat): (f64, f64),
    stones: &[u64],
) -> Op {
    let p = Production {
        licence,
        miner: None,
        date: parse_day(date).unwrap(),
        fix: GeoFix {
            point: Point::new(lon, lat).unwrap(),
            accuracy: AccuracyMetres::new(10).unwrap(),
        },
        diggers: Diggers::new(6).unwrap(),
        gravel: GravelLitres::new(3_000).unwrap(),
        stones: Stones::Weighed(
            stones
                .iter()
                .map(|h| Carats::from_hundredths(*h).unwrap())
                .collect(),
        ),
        mineral: Mineral::Diamond,
    };
    op(
        region,
        OpBody::Production(vec![Set::new(FactField::Body(p))]),
    )
}

/// Inside the claim's area.
pub(crate) const INSIDE: (f64, f64) = (-0.699, 6.001);

/// The `data-…` attributes of the element `#id`.
pub(crate) fn data(html: &str, id: &str, name: &str) -> String {
    attr(html, &format!("id=\"{id}\""), name)
}

/// A page that must be refused with a 400 page saying why.
#[track_caller]
pub(crate) fn bad(b: &Browser, path: &str, cookie: &str) {
    let a = b.get(path, Some(cookie));
    assert_eq!(a.status, 400, "{path}: {}", a.body);
    assert!(a.body.contains("<h1>"), "{path}: a page, not a panic");
}

/// `i` in three letters: 0 → `aaa`, 1 → `aab` (names without digits, that no search by
/// a national id can find by accident).
fn letters(i: usize) -> String {
    let l = |n: usize| char::from(b'a' + (n % 26) as u8);
    [l(i / 676), l(i / 26), l(i)].iter().collect()
}

/// A district with more records than a page, in Ghana with two districts.
struct Big {
    server: Server,
    ghana: Uuid,
    east: Uuid,
    west: Uuid,
}

const MINERS: usize = 120;
const LICENCES: usize = 60;
const PRODUCTIONS: usize = 75;

fn big() -> Big {
    let server = spawn_server();
    let (countries, districts) = countries_and_akwatia(&server.data);
    let (ghana, east, west) = (
        countries["Ghana"],
        districts["East Akwatia"],
        districts["West Akwatia"],
    );
    let mut d = RawDevice::enrol(&server, "Ama", &[ghana]);
    let mut batch: Vec<Op> = (0..MINERS)
        .map(|i| {
            miner(
                east,
                &format!("Miner {}", letters(i)),
                &format!("GHA-{:06}-{i:03}", 700_000 + i),
            )
        })
        .collect();
    batch.push(miner(east, "Abena Kyei", "GHA-123456-042"));
    batch.push(miner(west, "Kojo West", "GHA-999999-001"));
    let licences: Vec<Op> = (1..=LICENCES)
        .map(|i| {
            // GH-AP-0001 expired on 2026-06-02; the others run to the year's end.
            let expires = if i == 1 { "2026-06-02" } else { "2026-12-31" };
            licence(east, &format!("GH-AP-{i:04}"), expires)
        })
        .collect();
    let second = licences[1].record;
    batch.extend(licences);
    // Productions on the 60-day run from 2026-03-01, on the second licence, inside its area.
    for i in 0..PRODUCTIONS {
        let d = i % 60;
        let day = if d < 31 {
            format!("2026-03-{:02}", d + 1)
        } else {
            format!("2026-04-{:02}", d - 30)
        };
        batch.push(production(east, second, &day, INSIDE, &[25, 110]));
    }
    d.push_ops(batch);
    Big {
        server,
        ghana,
        east,
        west,
    }
}

#[test]
fn a_big_district_is_paged_searched_and_counted_and_a_country_lists_its_districts() {
    let f = big();
    let (server, b) = (&f.server, Browser::new(&f.server));
    for (name, role, regions) in [
        ("t.admin", "admin", vec![]),
        ("t.national", "national-officer", vec![]),
        ("t.regional", "regional-officer", vec![f.ghana]),
        ("t.monitor", "export-monitor", vec![]),
    ] {
        let (ok, out) = add_user(&server.data, name, role, &regions, OFFICER_PASSWORD);
        assert!(ok, "{out}");
    }
    let cookie = b.login("t.admin");
    let token = api_token(server, "t.admin");
    let east = format!("/regions/{}?{PERIOD}", f.east);

    // Miners, a page of 50 at a time, by name, counted whole.
    let page = b.page(&format!("{east}&list=miners"), &cookie);
    let total = MINERS + 1;
    assert_eq!(data(&page, "count", "data-total"), total.to_string());
    assert!(
        page.contains(&format!("{} miners, showing 1–50", total)),
        "the count reads"
    );
    let rows = table(&page, "miners");
    assert_eq!(rows.len(), 1 + 50);
    assert_eq!(rows[1][0], "Abena Kyei", "by name");
    assert_eq!(rows[2][0], "Miner aaa");
    // The next page keeps the list and the period.
    let next = attr(&page, "data-next", "href");
    assert!(
        next.contains("list=miners") && next.contains("page=2") && next.contains("from=2026-01"),
        "{next}"
    );
    let last = b.page(&format!("{east}&list=miners&page=3"), &cookie);
    assert_eq!(data(&last, "count", "data-first"), "101");
    assert_eq!(data(&last, "count", "data-last"), total.to_string());
    assert_eq!(table(&last, "miners").len(), 1 + (total - 100));
    // A page past the last shows the last.
    let past = b.page(&format!("{east}&list=miners&page=40"), &cookie);
    assert_eq!(data(&past, "count", "data-first"), "101");
    // The download holds every miner the list holds, not only the page shown.
    let href = attr(&page, "data-csv=\"miners\"", "href");
    let csv = csv_rows(&b.get(&href, Some(&cookie)).body);
    assert_eq!(csv.len(), 1 + total);
    assert_eq!(csv[1..51], table(&page, "miners")[1..]);

    // The counts are the API's: miners registered, production records in the period.
    let report = api(
        server,
        &token,
        &format!("/v1/reports/regional?{PERIOD}&region={}", f.east),
    );
    let rows_api = report["rows"].as_array().unwrap();
    let at_end = |k: &str| rows_api.last().unwrap()[k].as_i64().unwrap();
    let summed = |k: &str| rows_api.iter().map(|r| r[k].as_i64().unwrap()).sum::<i64>();
    assert_eq!(at_end("miners_total"), total as i64);
    let tabs = |l: &str| {
        attr(
            &page,
            &format!("data-list=\"{l}\" data-count"),
            "data-count",
        )
    };
    assert_eq!(tabs("miners"), total.to_string());
    assert_eq!(tabs("production"), summed("production_records").to_string());
    assert_eq!(tabs("production"), PRODUCTIONS.to_string());
    assert_eq!(tabs("licences"), LICENCES.to_string());
    // GH-AP-0001 expired in June: one licence fewer active.
    assert_eq!(at_end("licences_active"), LICENCES as i64 - 1);

    // Productions newest first, across pages.
    let prod = b.page(&format!("{east}&list=production"), &cookie);
    let p1 = table(&prod, "production");
    assert_eq!(p1[1][0], "2026-04-29");
    let dates: Vec<&String> = p1[1..].iter().map(|r| &r[0]).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    assert_eq!(p1[1][1], "GH-AP-0002", "a licence by its number");
    let p2 = table(
        &b.page(&format!("{east}&list=production&page=2"), &cookie),
        "production",
    );
    assert!(p2[1][0] <= p1[50][0]);
    assert_eq!(p2.len(), 1 + PRODUCTIONS - 50);

    // Licences by number; an expired one says so.
    let lic = b.page(&format!("{east}&list=licences"), &cookie);
    let l1 = table(&lic, "licences");
    assert_eq!(
        (l1[1][0].as_str(), l1[2][0].as_str()),
        ("GH-AP-0001", "GH-AP-0002")
    );
    let status = l1[0].iter().position(|c| c == "status").unwrap();
    assert_eq!(l1[1][status], "expired 2026-06-02");
    assert_eq!(l1[2][status], "active");
    // Ids are short on the page, whole in the CSV and the tooltip.
    let id = l1[0].iter().position(|c| c == "id").unwrap();
    let shown = table_text(&lic, "licences");
    assert_eq!(shown[1][id].chars().count(), 9, "{}", shown[1][id]);
    assert_eq!(l1[1][id].len(), 36);
    assert!(lic.contains(&format!("href=\"/records/licence/{}\"", l1[1][id])));

    // Search: by licence number, by names, by national id.
    let found = b.page(&format!("{east}&list=licences&q=gh-ap-0007"), &cookie);
    assert_eq!(data(&found, "count", "data-total"), "1");
    assert_eq!(table(&found, "licences")[1][0], "GH-AP-0007");
    let by_name = b.page(&format!("{east}&list=miners&q=kyei"), &cookie);
    assert_eq!(table(&by_name, "miners")[1..].len(), 1);
    let by_id = format!("{east}&list=miners&q=GHA-123456-042");
    for user in ["t.admin", "t.regional"] {
        let c = b.login(user);
        let p = b.page(&by_id, &c);
        assert_eq!(
            data(&p, "count", "data-total"),
            "1",
            "{user} finds by national id"
        );
        assert_eq!(table(&p, "miners")[1][0], "Abena Kyei");
    }
    // A national officer reads the id masked, an export monitor not at all: neither finds
    // the miner by it, not even by its visible end.
    for user in ["t.national", "t.monitor"] {
        let c = b.login(user);
        for q in ["GHA-123456-042", "042", "123456"] {
            let p = b.page(&format!("{east}&list=miners&q={q}"), &c);
            assert_eq!(data(&p, "count", "data-total"), "0", "{user} searching {q}");
            assert!(!p.contains("Abena Kyei"), "{user} searching {q}");
            // The download of the search finds nothing either.
            let href = attr(&p, "data-csv=\"miners\"", "href");
            assert_eq!(csv_rows(&b.get(&href, Some(&c)).body).len(), 1, "{user}");
        }
        let p = b.page(&format!("{east}&list=miners&q=Kyei"), &c);
        let names = if user == "t.national" { 1 } else { 0 };
        assert_eq!(
            data(&p, "count", "data-total"),
            names.to_string(),
            "{user} by name"
        );
    }

    // Ghana: its districts with their figures (the API's, district by district), and no
    // district's records, unless it is searched.
    let ghana = b.page(&format!("/regions/{}?{PERIOD}", f.ghana), &cookie);
    let districts = table(&ghana, "regions");
    assert_eq!(
        districts[0][..6],
        [
            "region",
            "miners",
            "licences_active",
            "production_records",
            "carats",
            "flags_raised"
        ]
    );
    assert_eq!(districts.len(), 1 + 2);
    for row in &districts[1..] {
        let id = if row[0] == "East Akwatia" {
            f.east
        } else {
            f.west
        };
        let r = api(
            server,
            &token,
            &format!("/v1/reports/regional?{PERIOD}&region={id}"),
        );
        let rows = r["rows"].as_array().unwrap();
        let last = rows.last().unwrap();
        assert_eq!(row[1], last["miners_total"].to_string(), "{row:?}");
        assert_eq!(row[2], last["licences_active"].to_string(), "{row:?}");
        let recs: i64 = rows
            .iter()
            .map(|r| r["production_records"].as_i64().unwrap())
            .sum();
        assert_eq!(row[3], recs.to_string(), "{row:?}");
        assert_eq!(row[6], id.to_string());
    }
    assert!(ghana.contains("id=\"own-records\""));
    assert_eq!(
        attr(&ghana, "data-list=\"miners\" data-count", "data-count"),
        "0"
    );
    let searched = b.page(
        &format!("/regions/{}?{PERIOD}&list=miners&q=kojo", f.ghana),
        &cookie,
    );
    assert_eq!(
        table(&searched, "miners")[1][0],
        "Kojo West",
        "a search looks below"
    );
    assert!(!searched.contains("id=\"own-records\""));

    // The largest page stays small: one page of each list.
    for l in ["licences", "miners", "production"] {
        let p = b.page(&format!("{east}&list={l}"), &cookie);
        assert!(p.len() < 100_000, "{l}: {} bytes", p.len());
    }

    // Every bad address is a 400 page that says what is wrong.
    for q in [
        "page=0",
        "page=-2",
        "page=abc",
        "page=99999999999999999999",
        "page=1&page=2",
        "list=everything",
        "nonsense=1",
        "from=2026-13",
        "format=pdf",
    ] {
        bad(&b, &format!("/regions/{}?{q}", f.east), &cookie);
    }
    bad(
        &b,
        &format!("/regions/{}?q={}", f.east, "x".repeat(101)),
        &cookie,
    );
    let unknown = b.get(
        &format!("/regions/{}?format=csv&table=nope", f.east),
        Some(&cookie),
    );
    assert_eq!(unknown.status, 404);
}
