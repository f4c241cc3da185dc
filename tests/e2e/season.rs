//! A scripted season end to end: five devices in two countries (one of them with two
//! districts drawn here) record six months of miners, licences, production, sales and
//! exports through `placer device`, with corrections, voids, a concurrent correction and a
//! device that stays offline until the end. The test keeps its own books of what it wrote
//! ([`books`]) and checks the regional, national and KP reports, JSON and CSV, as the
//! administrator and as regional officers, against sums computed from those books
//! ([`verify`]); then again after kill -9 and a restart, and after a rebuild of the rollups.
//!
//! Dates are relative to today (the last six months), because a fact is late when it was
//! first written more than a calendar month after the month of its date.
//!
//! - [`world`]: months, a calendar relative to today, the map of regions as boxes;
//! - [`books`]: what was written, and the figures computed from it (pure);
//! - [`figures`]: the report rows, as the books compute them and the server gives them;
//! - [`script`]: the devices, driven through the CLI, each write entered in the books;
//! - [`reading`]: the reports' JSON and CSV read into those rows;
//! - [`verify`]: one reader's reports compared with the books.

mod books;
mod figures;
mod reading;
mod script;
mod verify;
mod world;

use serde_json::Value as Json;
use uuid::Uuid;

use crate::harness::*;
use crate::regions::{borders, import};
use books::*;
use script::*;
use verify::*;
use world::*;

// The devices, by index.
const AMA: usize = 0; // Birim district
const KOJO: usize = 1; // Birim district
const FATMATA: usize = 2; // Sierra Leone
const KWESI: usize = 3; // a buying office's agent: Ghana and Sierra Leone
const ESI: usize = 4; // Tarkwa district, offline until the end of the season

// Places. Akwatia and Koidu are diamond towns; the pits are a few km apart.
const AKWATIA: Point = Point {
    lon: -0.80,
    lat: 6.04,
};
const SECOND_PIT: Point = Point {
    lon: -0.75,
    lat: 6.10,
};
/// In Birim, about 3 km from Akwatia's claim.
const OFF_AKWATIA: Point = Point {
    lon: -0.78,
    lat: 6.06,
};
/// In Ghana, in no district.
const KIBI: Point = Point {
    lon: -0.55,
    lat: 6.17,
};
const TARKWA_PIT: Point = Point {
    lon: -1.99,
    lat: 5.30,
};
const GOLD_PIT: Point = Point {
    lon: -1.95,
    lat: 5.34,
};
const KOIDU: Point = Point {
    lon: -10.97,
    lat: 8.64,
};
/// In Sierra Leone, about 4 km from Koidu's claim.
const OFF_KOIDU: Point = Point {
    lon: -10.94,
    lat: 8.66,
};

const BIRIM: BBox = BBox {
    west: -1.0,
    east: -0.6,
    south: 5.9,
    north: 6.3,
};
const TARKWA: BBox = BBox {
    west: -2.2,
    east: -1.8,
    south: 5.1,
    north: 5.5,
};
/// Stand-ins for the two countries' borders: every point of the season lies far inside.
const GHANA: BBox = BBox {
    west: -3.3,
    east: 1.2,
    south: 4.7,
    north: 11.2,
};
const SIERRA_LEONE: BBox = BBox {
    west: -13.3,
    east: -10.3,
    south: 6.9,
    north: 10.0,
};

// ---------------------------------------------------------------------------------------
// The season
// ---------------------------------------------------------------------------------------

#[test]
fn a_scripted_season_gives_the_reports_its_own_books_compute() {
    let mut server = spawn_server();
    let tmp = server.take_tmp();
    let dir = tempfile::tempdir().unwrap();
    let (data, addr) = (server.data.clone(), server.addr());

    // Regions: the real borders, and two districts of Ghana drawn here.
    let (_, countries) = import(&data, &borders(), &["--level", "country"]);
    let (gh, sl) = (countries["Ghana"], countries["Sierra Leone"]);
    let drawn = [("Birim", BIRIM), ("Tarkwa", TARKWA)];
    let districts = import_districts(&data, dir.path(), gh, &drawn);
    let (birim, tarkwa) = (districts["Birim"], districts["Tarkwa"]);
    let area = |id, parent, bounds| Area { id, parent, bounds };
    let map = Map {
        areas: vec![
            area(gh, None, GHANA),
            area(sl, None, SIERRA_LEONE),
            area(birim, Some(gh), BIRIM),
            area(tarkwa, Some(gh), TARKWA),
        ],
    };

    let mut s = Season::new(&server, map, dir.path());
    s.enrol("Ama Owusu", &[birim]);
    s.enrol("Kojo Mensah", &[birim]);
    s.enrol("Fatmata Koroma", &[sl]);
    s.enrol("Kwesi Appiah", &[gh, sl]);
    s.enrol("Esi Quaye", &[tarkwa]);
    let c = Calendar::now();
    let d = |back, day| c.day(back, day);

    // --- Registrations: miners and licences (one claim expires mid-season). -------------
    let m1 = s.miner(AMA, "Kofi Mensah", d(5, 3), Some(AKWATIA), None);
    let claim = |number, holder, issued, expires, pit| LicenceSpec {
        number,
        kind: LicenceKind::Claim,
        mineral: Mineral::Diamond,
        holder,
        issued,
        expires,
        area: Some(claim_around(pit)),
    };
    let l1 = s.licence(
        AMA,
        claim(
            "GH-CL-0001",
            Holder::Miner(m1.clone()),
            d(6, 1),
            d(-12, 1),
            AKWATIA,
        ),
        None,
    );
    let l2_holder = Holder::Organisation("Birim Diggers Cooperative");
    let l2 = s.licence(
        AMA,
        claim("GH-CL-0002", l2_holder, d(5, 1), d(3, 15), SECOND_PIT),
        None,
    );
    s.sync(AMA);
    let m2 = s.miner(KOJO, "Yaw Boateng", d(5, 8), Some(SECOND_PIT), None);
    s.sync(KOJO);
    let m3 = s.miner(FATMATA, "Abu Kamara", d(5, 5), Some(KOIDU), None);
    let m4 = s.miner(FATMATA, "Ibrahim Sesay", d(5, 2), Some(KOIDU), None);
    let l3 = s.licence(
        FATMATA,
        claim(
            "SL-CL-0001",
            Holder::Miner(m3.clone()),
            d(5, 1),
            d(-6, 1),
            KOIDU,
        ),
        None,
    );
    s.sync(FATMATA);
    let trader = |number, kind, holder, issued| LicenceSpec {
        number,
        kind,
        mineral: Mineral::Diamond,
        holder: Holder::Organisation(holder),
        issued,
        expires: c.day(-6, 1),
        area: None,
    };
    let buyer = s.licence(
        KWESI,
        trader("GH-B-0001", LicenceKind::Buyer, "Accra Gems", d(6, 1)),
        Some(gh),
    );
    let exporter = s.licence(
        KWESI,
        trader("SL-EX-0001", LicenceKind::Exporter, "Kono Exports", d(6, 1)),
        Some(sl),
    );
    let l6_holder = Holder::Organisation("Kibi Diggers");
    let l6 = s.licence(
        KWESI,
        claim("GH-CL-0004", l6_holder, d(5, 1), d(-12, 1), KIBI),
        None,
    );
    let m6 = s.miner(KWESI, "Fatu Conteh", d(2, 7), None, Some(sl));
    s.miner(KWESI, "Akosua Darko", d(0, 1), None, Some(gh));
    s.sync(KWESI);
    // Esi works offline all season.
    let m5 = s.miner(ESI, "Kwame Asante", d(5, 9), Some(TARKWA_PIT), None);
    let l4 = s.licence(
        ESI,
        claim(
            "GH-CL-0003",
            Holder::Miner(m5.clone()),
            d(5, 1),
            d(-6, 1),
            TARKWA_PIT,
        ),
        None,
    );
    let gold_claim = LicenceSpec {
        mineral: Mineral::Gold,
        ..claim(
            "GH-AU-0001",
            Holder::Organisation("Tarkwa Gold Diggers"),
            d(4, 1),
            d(-6, 1),
            GOLD_PIT,
        )
    };
    let l5 = s.licence(ESI, gold_claim, None);
    s.sync(AMA);
    s.sync(KOJO);

    // --- The season's facts. ----------------------------------------------------------
    let (m1, m2, m3, m4, m5) = (
        m1.as_str(),
        m2.as_str(),
        m3.as_str(),
        m4.as_str(),
        m5.as_str(),
    );
    let p2 = s.production(
        AMA,
        diamonds(&l1, Some(m1), d(5, 20), AKWATIA, 2, 500, &[40]),
    );
    s.production(
        AMA,
        diamonds(&l1, Some(m1), d(5, 10), AKWATIA, 5, 2000, &[25, 110]),
    );
    let p3 = s.production(
        AMA,
        diamonds(&l1, Some(m2), d(4, 5), AKWATIA, 3, 900, &[200, 7, 13]),
    );
    s.production(
        AMA,
        diamonds(&l2, Some(m2), d(4, 12), SECOND_PIT, 4, 1200, &[60, 60]),
    );
    let p8 = s.production(
        AMA,
        diamonds(&l1, Some(m1), d(2, 15), AKWATIA, 8, 4000, &[500]),
    );
    // No miner named: not counted as by a registered miner, and no flag.
    s.production(AMA, diamonds(&l1, None, d(0, 1), AKWATIA, 2, 300, &[22]));
    s.production(
        AMA,
        diamonds(&l1, Some(m2), d(1, 10), AKWATIA, 4, 800, &[95, 5]),
    );
    let p11 = s.production(
        AMA,
        diamonds(&l1, Some(m1), d(2, 20), AKWATIA, 3, 600, &[30]),
    );
    let p12 = s.production(
        AMA,
        diamonds(&l1, Some(m1), d(3, 25), AKWATIA, 2, 500, &[80, 20]),
    );
    s.sale(
        AMA,
        sale(Seller::Licence(l1.clone()), &buyer, d(5, 25), 135, 50_025),
        None,
    );
    let s2 = s.sale(
        AMA,
        sale(Seller::Miner(m2.into()), &buyer, d(3, 10), 90, 31_000),
        None,
    );
    s.sync(AMA);
    // On the claim that expired on day 15; outside the claim; by a miner nobody registered.
    s.production(
        KOJO,
        diamonds(&l2, Some(m2), d(3, 20), SECOND_PIT, 2, 400, &[33]),
    );
    s.production(
        KOJO,
        diamonds(&l1, Some(m1), d(3, 3), OFF_AKWATIA, 6, 3000, &[150]),
    );
    let ghost = Uuid::now_v7().to_string();
    let p7 = s.production(
        KOJO,
        diamonds(&l1, Some(&ghost), d(2, 8), AKWATIA, 3, 700, &[12, 18, 30]),
    );
    let p14 = s.production(
        KOJO,
        diamonds(&l1, Some(m2), d(2, 25), OFF_AKWATIA, 2, 350, &[41]),
    );
    s.sync(KOJO);
    s.production(
        FATMATA,
        diamonds(&l3, Some(m3), d(5, 12), KOIDU, 4, 1600, &[120, 80, 305]),
    );
    let p21 = s.production(
        FATMATA,
        diamonds(&l3, Some(m4), d(4, 2), KOIDU, 3, 1000, &[210]),
    );
    let p22 = s.production(
        FATMATA,
        diamonds(&l3, Some(m3), d(3, 9), KOIDU, 2, 500, &[66]),
    );
    s.production(
        FATMATA,
        diamonds(&l3, Some(m4), d(2, 14), OFF_KOIDU, 5, 2500, &[90, 10]),
    );
    s.production(
        FATMATA,
        diamonds(&l3, Some(m3), d(0, 1), KOIDU, 3, 700, &[44, 16]),
    );
    s.sale(
        FATMATA,
        sale(Seller::Miner(m3.into()), &buyer, d(2, 1), 305, 150_000),
        None,
    );
    let s5 = s.sale(
        FATMATA,
        sale(Seller::Miner(m4.into()), &buyer, d(2, 2), 66, 20_000),
        None,
    );
    let x5 = export(&exporter, "SL-KP-0005", d(0, 1), "7102.31", 60_000, &[100]);
    s.export(FATMATA, x5, None);
    s.sync(FATMATA);
    s.production(
        KWESI,
        diamonds(&l6, Some(m1), d(4, 18), KIBI, 5, 1500, &[120, 80, 40]),
    );
    s.production(
        KWESI,
        diamonds(&l3, Some(m3), d(1, 5), KOIDU, 2, 450, &[130]),
    );
    s.sale(
        KWESI,
        sale(Seller::Licence(l6.clone()), &buyer, d(4, 20), 200, 90_000),
        None,
    );
    s.sale(
        KWESI,
        sale(Seller::Miner(m6.clone()), &exporter, d(1, 12), 130, 65_000),
        Some(sl),
    );
    let exports = [
        export(
            &exporter,
            "SL-KP-0001",
            d(5, 28),
            "7102.31",
            200_000,
            &[150, 300],
        ),
        export(
            &exporter,
            "SL-KP-0002",
            d(4, 15),
            "7102.10",
            150_000,
            &[250, 250, 500],
        ),
        export(
            &exporter,
            "SL-KP-0003",
            d(2, 3),
            "7102.21",
            15_000,
            &[100, 200],
        ),
        export(&exporter, "SL-KP-0004", d(3, 5), "7102.31", 10_000, &[100]),
    ];
    let x: Vec<String> = exports
        .into_iter()
        .map(|e| s.export(KWESI, e, Some(sl)))
        .collect();
    s.sync(KWESI);
    // Esi, still offline: one correction before anything was sent, and gold.
    s.production(
        ESI,
        diamonds(&l4, Some(m5), d(4, 6), TARKWA_PIT, 4, 1000, &[70, 30]),
    );
    let p31 = s.production(
        ESI,
        diamonds(&l4, Some(m5), d(3, 6), TARKWA_PIT, 2, 600, &[55]),
    );
    s.edit(ESI, &p31, &[Edit::Stones(Stones::Weighed(vec![55, 15]))]);
    let gold = Production {
        stones: Stones::Counted {
            count: 0,
            total: 1250,
        },
        mineral: Mineral::Gold,
        ..diamonds(&l5, Some(m5), d(2, 6), GOLD_PIT, 6, 5000, &[])
    };
    s.production(ESI, gold);
    s.production(
        ESI,
        diamonds(&l4, Some(m5), d(5, 25), TARKWA_PIT, 3, 800, &[100, 100]),
    );
    s.sale(
        ESI,
        sale(Seller::Licence(l4.clone()), &buyer, d(3, 20), 50, 12_000),
        None,
    );

    // --- Corrections and voids, after the facts reached the server. --------------------
    s.edit(AMA, &p2, &[Edit::Stones(Stones::Weighed(vec![45, 5]))]);
    s.edit(AMA, &p3, &[Edit::Date(d(3, 7))]);
    // The fix moves out of Birim (to Kibi, in no district) and out of the claim.
    s.edit(AMA, &p12, &[Edit::At(KIBI)]);
    s.void(AMA, &p8);
    s.edit(AMA, &s2, &[Edit::Value(32_050)]);
    s.sync(AMA);
    s.sync(KOJO);
    // Back inside the claim: its flag closes.
    s.edit(KOJO, &p14, &[Edit::At(AKWATIA)]);
    s.sync(KOJO);
    s.edit(
        FATMATA,
        &p21,
        &[
            Edit::Stones(Stones::Weighed(vec![201])),
            Edit::Date(d(5, 28)),
        ],
    );
    s.void(FATMATA, &p22);
    s.void(FATMATA, &s5);
    s.sync(FATMATA);
    s.edit(
        KWESI,
        &x[2],
        &[
            Edit::Hs("7102.31"),
            Edit::Date(d(1, 20)),
            Edit::Value(45_000),
        ],
    );
    s.void(KWESI, &x[3]);
    s.sync(KWESI);

    // --- The same production corrected on two devices: Ama's correction reaches the
    // server while Kojo, offline, corrects the body he last pulled. The later whole body
    // wins everywhere (Ama's carats are lost), and her write is listed as a conflict.
    s.sync(AMA);
    s.sync(KOJO);
    s.edit(AMA, &p11, &[Edit::Stones(Stones::Weighed(vec![35, 10]))]);
    s.sync(AMA);
    s.edit(KOJO, &p11, &[Edit::Date(d(1, 3))]);
    s.sync(KOJO);
    s.sync(AMA);
    let conflicts = server.conflicts();
    assert!(
        conflicts.iter().any(|c| c["record"] == p11.as_str()),
        "{conflicts:?}"
    );

    // --- An officer of Birim resolves the flag about the unregistered miner. -----------
    let birim_officer = server.officer("efua.birim", "regional-officer", &[birim]);
    let ghana_officer = server.officer("kofi.ghana", "regional-officer", &[gh]);
    s.resolve_flag(&birim_officer, &p7, "unregistered_miner");

    // --- Before Esi syncs: her device is listed as not synced, and the reports hold what
    // the others sent.
    let (from, to) = (c.month() - 6, c.month());
    let admin = View::admin(&server, &s.books);
    check_reports(&server, &admin, &s.books, from, to);
    let esi = s.devices[ESI].status()["identity"]["device"].clone();
    let quiet = |token: &str| not_synced(&server, token, from, to);
    assert_eq!(quiet(server.root()), vec![esi.clone()], "Esi never synced");
    assert!(
        quiet(&birim_officer).is_empty(),
        "Esi serves Tarkwa, not Birim"
    );

    // --- Esi syncs at last; everyone pulls. --------------------------------------------
    s.sync(ESI);
    for device in [AMA, KOJO, FATMATA, KWESI] {
        s.sync(device);
    }
    assert!(s.books.all_pushed());
    assert!(quiet(server.root()).is_empty());
    // The books' merge is the devices' merge: Kwesi serves both countries.
    s.same_merge_as(KWESI);

    // --- The reports against the books: as the administrator and as two officers. -----
    check_reports(&server, &admin, &s.books, from, to);
    let birim_view = View::officer("Birim officer", &birim_officer, birim, &s.books);
    check_reports(&server, &birim_view, &s.books, from, to);
    let ghana_view = View::officer("Ghana officer", &ghana_officer, gh, &s.books);
    check_reports(&server, &ghana_view, &s.books, from, to);
    let months = format!("from={}&to={}", month_label(from), month_label(to));
    for other in [gh, sl] {
        let (status, body) = server.call(
            "GET",
            &format!("/v1/reports/regional?{months}&region={other}"),
            Some(&birim_officer),
            None,
        );
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("forbidden")),
            "{body}"
        );
    }
    // One region asked for: its rows only, its districts included.
    check_regional_of(&server, &admin, gh, &s.books, from, to);

    // --- kill -9 and a restart: the same reports; then a rebuild finds nothing to change.
    let before = snapshot(&server, &[server.root(), &birim_officer], gh, from, to);
    drop(s);
    server.kill9();
    let restarted = Spawn::new().data(&data).listen(&addr).start();
    let birim_officer = restarted.login("efua.birim");
    let after = snapshot(
        &restarted,
        &[restarted.root(), &birim_officer],
        gh,
        from,
        to,
    );
    same_reports("across kill -9 and a restart", &before, &after);
    let rebuilt: Json = serde_json::from_str(&restarted.admin(&["rebuild-rollups"])).unwrap();
    assert_eq!(rebuilt["differences"], 0, "{rebuilt}");
    let again = snapshot(
        &restarted,
        &[restarted.root(), &birim_officer],
        gh,
        from,
        to,
    );
    same_reports("after a rebuild of the rollups", &before, &again);
    drop(tmp);
}
