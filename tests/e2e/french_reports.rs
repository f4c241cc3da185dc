//! The flags, the export monitoring and the printed reports read in French when French is
//! chosen (the `placer_lang` cookie, or the browser's `Accept-Language`): headings, column
//! labels, kinds of flag, evidence, figures with a decimal comma, the signature block and
//! the definitions; the English sentences of each page gone; the downloads headed in
//! French and holding machine values.

use sync_protocol::op::Op;
use uuid::Uuid;

use crate::big_region::{licence, production, INSIDE};
use crate::harness::*;
use crate::regions::countries_and_akwatia;
use crate::web::{attr, csv_rows, table, table_text, text, unescape, Answer, Browser};

const PERIOD: &str = "from=2026-01&to=2026-06";

/// Ghana with its Akwatia districts: a claim with productions outside its area (medium
/// flags, one case) and an impossible stone (a low flag); a production on a claim expired
/// that day (a high flag); an exporter that shipped more than it bought.
struct Registry {
    server: Server,
    ghana: Uuid,
    east: Uuid,
    exporter: String,
}

fn registry() -> Registry {
    let server = spawn_server();
    let (countries, districts) = countries_and_akwatia(&server.data);
    let (ghana, east) = (countries["Ghana"], districts["East Akwatia"]);
    let mut d = RawDevice::enrol(&server, "Ama", &[ghana]);
    let claim = licence(east, "GH-CL-0042", "2026-12-31");
    let claim_id = claim.record;
    let mut ops: Vec<Op> = vec![claim];
    for i in 0..2 {
        // About 550 m east of the claim, and more.
        ops.push(production(
            east,
            claim_id,
            "2026-05-04",
            (-0.693 + i as f64 * 0.001, 6.001),
            &[25],
        ));
    }
    ops.push(production(east, claim_id, "2026-05-05", INSIDE, &[250_000]));
    ops.push(production(east, claim_id, "2026-04-06", INSIDE, &[135, 20]));
    let lapsed = licence(east, "GH-CL-0007", "2026-03-31");
    let lapsed_id = lapsed.record;
    ops.push(lapsed);
    ops.push(production(east, lapsed_id, "2026-05-06", INSIDE, &[40]));
    d.push_ops(ops);

    let kofi = server.device("Kofi", &[ghana]);
    let buyer = kofi.ok(&[
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
    let exporter = kofi.ok(&[
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
    // Bought 1 ct from the licensed buyer, shipped 5 ct: over its purchases.
    kofi.ok(&[
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
    kofi.ok(&[
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
    kofi.sync();
    let (ok, out) = add_user(&server.data, "fr.admin", "admin", &[], OFFICER_PASSWORD);
    assert!(ok, "{out}");
    Registry {
        server,
        ghana,
        east,
        exporter,
    }
}

/// A page in French (chosen on the dashboard: the cookie), which must show.
fn french(b: &Browser, path: &str, cookies: &str) -> String {
    let a = b.get(path, Some(cookies));
    assert_eq!(a.status, 200, "GET {path}: {}", a.body);
    assert!(
        a.body.contains("<html lang=\"fr\""),
        "{path} is in French: {}",
        a.body
    );
    a.body
}

/// Each of `words` is on the page (as written, or as HTML escapes it).
#[track_caller]
fn shows(page: &str, path: &str, words: &[&str]) {
    for w in words {
        let escaped = maud::html! { (w) }.into_string();
        assert!(
            page.contains(w) || page.contains(&escaped),
            "{path} shows {w:?}: {page}"
        );
    }
}

/// None of `sentences` (English) is on the page.
#[track_caller]
fn lacks(page: &str, path: &str, sentences: &[&str]) {
    let read = unescape(page);
    for s in sentences {
        assert!(!read.contains(s), "{path} still says {s:?}: {page}");
    }
}

/// Words of the rules' English findings, which a French page must not show.
const ENGLISH_FINDINGS: &[&str] = &[
    "The fix of production",
    "outside the area of licence",
    "beyond its stated accuracy",
    "has implausible",
    "stone weights lie outside",
    "which was expired",
    "that day",
    "is on licence",
    "bought and in stock",
    "quarter(s) over",
    "exported 5.00 ct",
];

/// The value of an evidence's entry `key`, as read.
fn evidence(html: &str, key: &str) -> String {
    let at = html
        .find(&format!("data-key=\"{key}\""))
        .unwrap_or_else(|| panic!("no evidence {key}"));
    let start = at + html[at..].find("<dd>").unwrap() + 4;
    let end = start + html[start..].find("</dd>").unwrap();
    text(&html[start..end])
}

/// The text of the element holding `marker`.
fn element_text(html: &str, marker: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let start = at + html[at..].find('>').unwrap() + 1;
    let end = start + html[start..].find("</").unwrap();
    text(&html[start..end])
}

/// A figure with a decimal comma: `2 500,00`, `553,4`.
fn decimal_comma(s: &str) -> bool {
    let s = s.trim();
    s.split_once(',').is_some_and(|(int, frac)| {
        !int.is_empty()
            && int.chars().last().is_some_and(|c| c.is_ascii_digit())
            && frac.chars().next().is_some_and(|c| c.is_ascii_digit())
    }) && !s.contains('.')
}

#[test]
fn flags_exports_and_printed_reports_read_in_french() {
    let r = registry();
    let b = Browser::new(&r.server);
    let session = b.login("fr.admin");
    let cookies = format!("{session}; placer_lang=fr");

    // The flags, most urgent first.
    let path = "/flags";
    let flags = french(&b, path, &cookies);
    shows(
        &flags,
        path,
        &[
            "<h1>Signalements</h1>",
            "Signalements, les plus urgents d'abord (page 1 sur 1)",
            "Production hors du périmètre du permis",
            "tous les types",
            "toutes les régions",
            "Modifiés depuis le",
            "Filtrer",
            "Chaque signalement (",
            "Regroupés par cause première (",
        ],
    );
    lacks(
        &flags,
        path,
        &[
            "Flags, most urgent first",
            "any kind",
            "any region",
            "Changed since",
            "Each flag (",
            "Grouped by root cause",
            "Production outside its licence area",
        ],
    );
    let labels = table_text(&flags, "flags");
    assert_eq!(
        labels[0],
        [
            "Gravité",
            "Type",
            "Concerne",
            "Région",
            "État",
            "Émis le",
            "Constat",
            "Signalement"
        ]
    );
    let total = crate::big_region::data(&flags, "count", "data-total");
    assert!(
        element_text(&flags, "id=\"count\"").ends_with(" signalements"),
        "{total} flags counted in French"
    );
    let keyed = table(&flags, "flags");
    let outside: Vec<usize> = (1..keyed.len())
        .filter(|&i| keyed[i][1] == "outside_licence_area")
        .collect();
    assert_eq!(outside.len(), 2, "{keyed:?}");
    for &i in &outside {
        assert_eq!(
            (labels[i][0].as_str(), labels[i][4].as_str()),
            ("moyenne", "ouvert")
        );
        assert_eq!(
            (keyed[i][0].as_str(), keyed[i][4].as_str()),
            ("medium", "open")
        );
        assert!(
            labels[i][2].starts_with("production #"),
            "a record by its kind in French: {:?}",
            labels[i]
        );
    }

    // Each finding in French, written from its evidence, with the names the page gives
    // the records; no English sentence left.
    for &i in &outside {
        let finding = &labels[i][6];
        assert!(
            finding.starts_with("Le point GPS de la production #")
                && finding.ends_with(
                    " m hors du périmètre du permis GH-CL-0042, au-delà de sa précision \
                     déclarée de 10 m."
                ),
            "{finding}"
        );
    }
    let finding_of = |kind: &str| {
        let i = (1..keyed.len())
            .find(|&i| keyed[i][1] == kind)
            .unwrap_or_else(|| panic!("a flag {kind}: {keyed:?}"));
        labels[i][6].clone()
    };
    let heavy = finding_of("impossible_stone_weight");
    assert!(
        heavy.starts_with("La production #")
            && heavy.ends_with(
                " a des poids de diamant invraisemblables : sa seule pierre pesée est hors de \
                 l'intervalle de 0,01 à 1000,00 ct (la première : 2500,00 ct)."
            ),
        "{heavy}"
    );
    let lapsed = finding_of("licence_not_valid");
    assert!(
        lapsed.starts_with("La production #")
            && lapsed.ends_with(
                " du 2026-05-06 est déclarée sur le permis GH-CL-0007, qui était expiré ce \
                 jour-là."
            ),
        "{lapsed}"
    );
    assert_eq!(
        finding_of("exports_exceed_purchases"),
        "L'exportateur GH-EX-0100 a exporté 5,00 ct en 2026-Q2 pour 1,00 ct achetés et en \
         stock (1 trimestre en dépassement)."
    );
    lacks(&flags, path, ENGLISH_FINDINGS);

    // Its download: headed in French, machine values in the cells.
    let href = attr(&flags, "data-csv=\"flags\"", "href");
    let csv = b.get(&href, Some(&cookies));
    assert_eq!(csv.status, 200, "{}", csv.body);
    let csv = csv_rows(&csv.body);
    assert_eq!(csv[0], labels[0]);
    assert_eq!(csv[1..], keyed[1..]);
    let kinds: Vec<&str> = csv[1..].iter().map(|row| row[1].as_str()).collect();
    assert!(kinds.contains(&"outside_licence_area"), "{kinds:?}");
    assert!(kinds.contains(&"impossible_stone_weight"), "{kinds:?}");
    for row in &csv[1..] {
        assert!(
            ["high", "medium", "low"].contains(&row[0].as_str()),
            "{row:?}"
        );
        assert_eq!(row[4], "open");
    }

    // A flag of a fix outside its claim: its finding in words, a map, its history.
    let id = &keyed[outside[0]][7];
    let path = format!("/flags/{id}");
    let flag = french(&b, &path, &cookies);
    shows(
        &flag,
        &path,
        &[
            "<h1>Signalement : Production hors du périmètre du permis</h1>",
            "<h2>Constat</h2>",
            "<h3>Enregistrements concernés</h3>",
            "<h3>Éléments de preuve</h3>",
            "<dt>Distance hors du périmètre</dt>",
            "<dt>Précision déclarée du point GPS</dt><dd>10\u{a0}m</dd>",
            "<h3>Le point GPS face au périmètre du permis</h3>",
            "aria-label=\"Le point GPS face au périmètre du permis GH-CL-0042\"",
            "sa précision déclarée (10 m)",
            "<dd data-figure=\"severity\" data-value=\"medium\">moyenne</dd>",
            "Historique",
            "Traiter le signalement",
            "Note (ce qui a été constaté, ce qui a été fait)",
            "Tous les signalements",
        ],
    );
    lacks(
        &flag,
        &path,
        &[
            "Records concerned",
            "<h3>Evidence</h3>",
            "Distance outside the area",
            "Stated accuracy of the fix",
            "The fix against",
            ">History<",
            "Note (what was found",
            "All flags",
            "Flag: ",
        ],
    );
    let finding = element_text(&flag, "id=\"summary\"");
    assert_eq!(finding, labels[outside[0]][6], "the list's finding");
    lacks(&flag, &path, ENGLISH_FINDINGS);

    let distance = evidence(&flag, "distance_m");
    assert!(
        distance.ends_with("\u{a0}m") && decimal_comma(distance.trim_end_matches("\u{a0}m")),
        "{distance:?}"
    );
    let longitude = evidence(&flag, "lon");
    assert!(longitude.contains("-0,69"), "{longitude:?}");

    // The production's own page lists its flags, their findings in French too.
    let site_day = attr(&flag, "<li data-id=", "data-id");
    let path = format!("/records/production/{site_day}");
    let record = french(&b, &path, &cookies);
    let flagged = table_text(&record, "flags");
    assert!(
        flagged[1..].iter().any(|row| row[6] == finding),
        "{finding} in {flagged:?}"
    );
    lacks(&record, &path, ENGLISH_FINDINGS);

    // The cases view: the flags grouped by root cause.
    let path = "/flags?view=cases";
    let cases = french(&b, path, &cookies);
    shows(
        &cases,
        path,
        &[
            "Cas, les plus urgents d'abord (page 1 sur 1)",
            "Premier émis le",
            "Dernière modification",
            "Production hors du périmètre du permis",
            "Poids de pierres impossibles",
        ],
    );
    lacks(
        &cases,
        path,
        &["Cases, most urgent first", "First raised", "Last changed"],
    );
    assert_eq!(table_text(&cases, "cases")[0][6], "Ouverts");

    // Export monitoring: the exporter that shipped more than it bought, with its reason.
    let path = format!("/exports?{PERIOD}");
    let exports = french(&b, &path, &cookies);
    shows(
        &exports,
        &path,
        &[
            "Suivi des exportations, ",
            "Exportateurs par niveau de risque",
            "Trimestres au-delà des achats",
            "Chaque motif renvoie à ses éléments de preuve.",
            "Exporté et acheté sur la période, par exportateur (risque le plus élevé d'abord)",
            "exportations supérieures aux achats (2026-Q2)",
            "5,00 ct exportés pour 1,00 ct disponibles",
            "Par exportateur et par trimestre",
        ],
    );
    lacks(
        &exports,
        &path,
        &[
            "Exporters by risk",
            "Quarters over purchases",
            "Each reason links to its evidence",
            "An exporter exceeds its purchases",
            "Exported and bought over the period",
            "exported 5.00 ct with",
            "Per exporter and quarter",
            "No exporter in this period",
        ],
    );
    assert_eq!(
        element_text(&exports, "id=\"figure-exported_carats\""),
        "5,00"
    );
    let quarters = table_text(&exports, "quarters");
    assert!(quarters[0].contains(&"Exporté / disponible".to_string()));
    let ranking = attr(&exports, "data-csv=\"ranking\"", "href");
    let ranking = csv_rows(&b.get(&ranking, Some(&cookies)).body);
    assert_eq!(ranking[0], table_text(&exports, "ranking")[0]);
    assert_eq!(ranking[0][0], "Rang");
    assert!(
        ranking[1][4].contains("exports_exceed_purchases (2026-Q2)"),
        "machine values in the CSV: {ranking:?}"
    );

    // The exporter's own page.
    let path = format!("/exports/{}?{PERIOD}", r.exporter);
    let exporter = french(&b, &path, &cookies);
    shows(
        &exporter,
        &path,
        &[
            "<h1>Exportateur GH-EX-0100</h1>",
            "Titulaire : Volta Rough.",
            "Tous les exportateurs",
            "Bilan des stocks par trimestre",
            "Achats (ventes enregistrées sur son permis)",
            "Certificat du Processus de Kimberley",
            "Acheté, vérifié (ct)",
            "<h2>Motifs</h2>",
        ],
    );
    lacks(
        &exporter,
        &path,
        &[
            "Holder: ",
            "All exporters",
            "Stock balance by quarter",
            "Purchases (sales recorded",
            "KP certificate",
            "Bought, verified",
        ],
    );
    let purchases = table_text(&exporter, "purchases");
    assert_eq!(purchases[1][1], "permis", "{purchases:?}");
    assert_eq!(purchases[1][2], "GH-B-0001", "{purchases:?}");
    assert_eq!(purchases[1][3], "oui", "{purchases:?}");
    assert_eq!(purchases[1][4], "1,00", "{purchases:?}");
    assert_eq!(table(&exporter, "purchases")[1][3], "yes");

    // The printed reports: the header, the tables, the definitions and the signature
    // block in French, each page numbered in French.
    let printed_in_french = |page: &str, path: &str| {
        shows(
            page,
            path,
            &[
                "Placer · Registre national de l'exploitation minière artisanale alluvionnaire",
                "<dt>Pays</dt>",
                "<dt>Période</dt>",
                "de 2026-01 à 2026-06",
                "data-period=\"2026-01 to 2026-06\"",
                "par fr.admin (administrateur)",
                r#"content:"Page " counter(page) " sur " counter(pages);"#,
                "<h2>Définitions</h2>",
                "Les chiffres sont des sommes des enregistrements du registre",
                "<h2>Certification</h2>",
                "<h3>Établi par</h3>",
                "<h3>Vérifié et approuvé par</h3>",
                "<span>Nom</span>",
                "<span>Fonction</span>",
                "<span>Signature</span>",
                "<dt>Premières ventes, cessions</dt>",
            ],
        );
        lacks(
            page,
            path,
            &[
                "National registry of artisanal alluvial mining",
                "Definitions",
                "Figures are sums",
                "Prepared by",
                "Reviewed and approved by",
                "\" of \" counter",
                "2026-01 to 2026-06,",
                "First sales, transfers",
                "a sale by a registered",
            ],
        );
    };
    let path = format!("/print/national?country={}&{PERIOD}", r.ghana);
    let national = french(&b, &path, &cookies);
    printed_in_french(&national, &path);
    shows(
        &national,
        &path,
        &[
            "<h1>Rapport national de contrôle interne</h1>",
            "de 2026-01 à 2026-06, par trimestre",
            "Production, ventes et exportations",
            "Enregistrements de production",
            "<dt>Dans le permis</dt>",
            "rapportés à l'ensemble des carats.",
        ],
    );
    lacks(
        &national,
        &path,
        &[
            "National internal-control report",
            "by quarter",
            "Production, sales and exports",
            "Inside licence",
            "over all carats",
        ],
    );
    let balance = table_text(&national, "balance");
    assert_eq!(balance[0][2], "Enregistrements de production");
    let carats: Vec<&String> = balance[1..].iter().map(|row| &row[3]).collect();
    assert!(
        carats.iter().any(|c| decimal_comma(c)),
        "carats grouped with a decimal comma: {carats:?}"
    );
    assert!(
        table(&national, "balance")[1..]
            .iter()
            .all(|row| !row[3].contains(',')),
        "the plain values stay for machines"
    );
    let controls = table_text(&national, "controls");
    assert!(
        controls[1..]
            .iter()
            .any(|row| row[2].ends_with("\u{a0}%")
                && decimal_comma(row[2].trim_end_matches("\u{a0}%"))),
        "{controls:?}"
    );

    let path = format!("/print/kp?country={}&{PERIOD}", r.ghana);
    let kp = french(&b, &path, &cookies);
    printed_in_french(&kp, &path);
    shows(
        &kp,
        &path,
        &[
            "<h1>Statistiques du Processus de Kimberley</h1>",
            "production par semestre, commerce par trimestre",
            "Production par semestre, valorisée à la première vente",
            "Carats produits",
            "Exportations par trimestre, par code SH et par destination",
            "<dt>Codes SH</dt>",
        ],
    );
    lacks(
        &kp,
        &path,
        &[
            "Kimberley Process statistics",
            "trade by quarter",
            "Carats produced",
            "Half-year",
            "HS codes",
        ],
    );

    // Asked for by the browser alone, without a choice made on the dashboard.
    let path = format!("/print/regional/{}?{PERIOD}", r.east);
    let a: Answer = b.send(
        b.client
            .get(format!("{}{path}", r.server.url))
            .header("cookie", &session)
            .header("accept-language", "fr-CI,fr;q=0.9,en;q=0.5"),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let regional = a.body;
    assert!(regional.contains("<html lang=\"fr\""));
    printed_in_french(&regional, &path);
    shows(
        &regional,
        &path,
        &[
            "<h1>Synthèse régionale</h1>",
            "<dt>Région</dt>",
            "de 2026-01 à 2026-06, par mois",
            "Mineurs et permis",
            "Journées-creuseur",
            "<dt>Journées-creuseur, gravier</dt>",
        ],
    );
    lacks(
        &regional,
        &path,
        &[
            "Regional rollup",
            "by month",
            "Miners and licences",
            "Digger-days",
            "diggers × days",
        ],
    );
    let production = table_text(&regional, "production");
    assert_eq!(production[0][0], "Mois");
    let may = production.iter().find(|row| row[0] == "2026-05").unwrap();
    assert!(
        decimal_comma(&may[4]),
        "carats with a decimal comma: {may:?}"
    );
}
