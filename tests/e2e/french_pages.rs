//! The dashboard's pages in French: the overview, a region, the footprint, the
//! large-stone register, devices, accounts, every kind of record's page and the 404 page
//! read in French — headings, column labels, figures with a decimal comma, counts — with no
//! sentence of their English version left; a table's CSV is headed in French while its
//! values stay as machines read them (`1234.50`).

use crate::web::{attr, csv_rows, fixture, table, Answer, Browser, Fixture};

const PERIOD: &str = "from=2026-01&to=2026-06";

/// Whether `html` holds `text` (an apostrophe written as is or escaped).
fn has(html: &str, text: &str) -> bool {
    html.contains(text) || html.contains(&text.replace('\'', "&#39;"))
}

/// A page in French (the language chosen on the dashboard: its cookie) that must show:
/// `<html lang="fr">`, each of `french`, none of `english`.
#[track_caller]
fn french_page(b: &Browser, path: &str, cookie: &str, french: &[&str], english: &[&str]) -> String {
    let a = b.get(path, Some(cookie));
    assert_eq!(a.status, 200, "GET {path}: {}", a.body);
    reads_in_french(path, &a.body, french, english);
    a.body
}

#[track_caller]
fn reads_in_french(path: &str, body: &str, french: &[&str], english: &[&str]) {
    assert!(body.contains("<html lang=\"fr\""), "{path}: {body}");
    for text in french {
        assert!(has(body, text), "{path} has {text:?}: {body}");
    }
    for text in english {
        assert!(!has(body, text), "{path} still has {text:?}: {body}");
    }
}

/// The fixture's registry with a miner, their permit and a site-day on it, an exporter
/// licence and its export: a record of every kind. Their ids.
struct Records {
    miner: String,
    permit: String,
    production: String,
    sale: String,
    export: String,
}

fn records(f: &Fixture) -> Records {
    let ama = &f.ama;
    let miner = ama.add_miner("Sekou Traoré", 1984, &[]);
    let permit = ama.add_licence("GH-AP-0777", "artisanal-permit", &miner);
    let production = ama.ok(&[
        "production",
        "add",
        "--licence",
        &permit,
        "--miner",
        &miner,
        "--date",
        "2026-05-02",
        "--lat",
        "6.04",
        "--lon",
        "-0.80",
        "--diggers",
        "3",
        "--stones",
        "1.25,2.45",
    ]);
    let exporter = ama.ok(&[
        "licence",
        "add",
        "--number",
        "GH-E-0777",
        "--kind",
        "exporter",
        "--holder-org",
        "Accra Export Ltd",
        "--issued",
        "2026-01-01",
        "--expires",
        "2027-01-01",
    ]);
    let export = ama.ok(&[
        "export",
        "add",
        "--exporter",
        &exporter,
        "--certificate",
        "GH-KP-0777",
        "--date",
        "2026-05-20",
        "--carats",
        "3.70",
        "--value-usd",
        "15000.00",
        "--hs-code",
        "7102.31",
        "--destination",
        "BEL",
        "--stones",
        "1.25,2.45",
    ]);
    ama.sync();
    let sale = ama.list("sale")[0]["id"].as_str().unwrap().to_string();
    Records {
        miner,
        permit,
        production,
        sale,
        export,
    }
}

#[test]
fn every_page_reads_in_french_and_its_csv_keeps_plain_values() {
    let f = fixture(&[]);
    let r = records(&f);
    let b = Browser::new(&f.server);
    let session = b.login("web.admin");
    let cookie = format!("{session}; placer_lang=fr");

    // The overview: chosen by the browser's language alone, as by the cookie.
    let by_browser = b.send(
        b.client
            .get(format!("{}/?{PERIOD}", f.server.url))
            .header("cookie", &session)
            .header("accept-language", "fr-CI,fr;q=0.9,en;q=0.5"),
    );
    assert_eq!(by_browser.status, 200);
    reads_in_french(
        "/",
        &by_browser.body,
        &["<h1>Vue d'ensemble nationale</h1>"],
        &[],
    );
    let home = french_page(
        &b,
        &format!("/?{PERIOD}"),
        &cookie,
        &[
            "<h1>Vue d'ensemble nationale</h1>",
            "Chiffres de toutes les régions, de 2026-01 à 2026-06, tirés du rapport national",
            "Imprimer</a> le rapport national de contrôle interne de cette période.",
            "<h2>Production par région</h2>",
            "<h2>Évolution mensuelle</h2>",
            "Productions enregistrées",
            "Terminaux non synchronisés depuis 14 jours",
            "Carats produits par mois",
            ">Afficher</button>",
        ],
        &[
            "National overview",
            "Figures for every region",
            "the national internal-control report",
            "Production by region",
            "Monthly trend",
            "Devices not synced",
            "Production carats by",
            "Sales by month",
            "Regions on the map",
            ">Show<",
            "up to ",
        ],
    );
    // Figures with a decimal comma: 10.52 carats in all.
    assert_eq!(attr(&home, "data-figure=\"carats\"", "data-value"), "10.52");
    assert!(home.contains(">10,52</dd>"), "{home}");
    // The regions' CSV: French column labels, plain values.
    let href = attr(&home, "data-csv=\"regions\"", "href");
    let csv = csv_rows(&b.get(&href, Some(&cookie)).body);
    assert_eq!(
        csv[0],
        [
            "Région",
            "Productions enregistrées",
            "Carats",
            "Pierres",
            "Ventes (US$)",
            "Dans le périmètre du permis"
        ]
    );
    let ivory = csv.iter().find(|row| row[0] == "Côte d'Ivoire").unwrap();
    assert_eq!(ivory[2], "3.00", "{csv:?}");
    assert!(
        csv[1..].iter().flatten().all(|cell| !cell.contains(',')),
        "no decimal comma in the CSV: {csv:?}"
    );
    let monthly = csv_rows(
        &b.get(&attr(&home, "data-csv=\"monthly\"", "href"), Some(&cookie))
            .body,
    );
    assert_eq!(monthly[0][0], "Mois");
    let april = monthly.iter().find(|row| row[0] == "2026-04").unwrap();
    assert_eq!(
        april[4], "500.25",
        "sales US$ as the API writes them: {monthly:?}"
    );

    // A region: its months, its districts, its licences counted.
    let region = french_page(
        &b,
        &format!("/regions/{}?{PERIOD}", f.ghana),
        &cookie,
        &[
            "<h1>Région : Ghana</h1>",
            "Empreinte des tailles de pierres",
            "<h2>Par mois</h2>",
            "Journées-creuseurs",
            "Régions de Ghana",
            "régions ; mineurs et permis tels qu'ils étaient à la fin de 2026-06",
            "Seuls les enregistrements rattachés directement à Ghana",
            "Rechercher par nom, numéro de permis, numéro d'identité ou date",
            "Permis en vigueur",
            "Titulaire",
            "permis artisanal",
        ],
        &[
            "Region: Ghana",
            "By month",
            "Footprint of stone sizes",
            "Digger-days",
            "regions; miners and licences",
            "The records filed in",
            "Search by name",
            "Clear the search",
            "Production, newest first",
            "No licence is filed here",
        ],
    );
    let licences = attr(&region, "id=\"count\"", "data-total");
    assert!(
        region.contains(&format!(">{licences} permis")),
        "the licences counted in French: {region}"
    );
    let miners = french_page(
        &b,
        &format!("/regions/{}?{PERIOD}&list=miners", f.ghana),
        &cookie,
        &["1 mineur", "Année de naissance", ">homme<", "Sekou Traoré"],
        &["No miner is registered here", ">male<"],
    );
    // The sex in words for a person; the CSV keeps its value.
    let csv = csv_rows(
        &b.get(&attr(&miners, "data-csv=\"miners\"", "href"), Some(&cookie))
            .body,
    );
    assert_eq!(csv[0][1], "Sexe");
    assert_eq!(csv[1][1], "male", "{csv:?}");
    assert_eq!(table(&miners, "miners")[1][1], "male");

    // The footprint against a reference period.
    french_page(
        &b,
        &format!(
            "/footprint?region={}&{PERIOD}&ref_from=2026-01&ref_to=2026-06",
            f.ghana
        ),
        &cookie,
        &[
            "<h1>Empreinte : Ghana</h1>",
            "Référence : Ghana, de 2026-01 à 2026-06.",
            "Pierres par classe de taille",
            "Part des pierres",
            "moins de 0,10 ct",
            "Conclusion",
            ">Comparer</button>",
            "cette période",
        ],
        &[
            "Footprint:",
            "Reference:",
            "Stones by size class",
            "Share of stones",
            "below 0.10",
            "Verdict",
            ">Compare<",
            "Leave the reference months empty",
        ],
    );

    // The large-stone register: 2.00 ct in Ghana, 3.00 ct in Côte d'Ivoire.
    let stones = french_page(
        &b,
        &format!("/large-stones?{PERIOD}"),
        &cookie,
        &[
            "<h1>Registre des grosses pierres, de 2026-01 à 2026-06</h1>",
            "La plus lourde (ct)",
            ">3,00</dd>",
            "Minerai",
            "diamant",
            "trouvaille exceptionnelle",
        ],
        &[
            "Large-stone register",
            "Large stones",
            "Their carats",
            "Heaviest",
            "lucky find",
            ">diamond<",
        ],
    );
    let csv = csv_rows(
        &b.get(&attr(&stones, "data-csv=\"stones\"", "href"), Some(&cookie))
            .body,
    );
    assert_eq!((csv[0][5].as_str(), csv[1][5].as_str()), ("Carats", "3.00"));
    assert_eq!(csv[1][4], "diamond", "the mineral as machines read it");

    // Devices, and revoking one: asked in French.
    let devices = french_page(
        &b,
        "/devices",
        &cookie,
        &[
            "<h1>Terminaux</h1>",
            "Terminaux (2)",
            "Dernière synchronisation",
            ">actif<",
            "Retirer…",
            "placeholder=\"motif\"",
            "Un terminal retiré ne peut plus se synchroniser",
        ],
        &[
            "Last sync",
            ">active<",
            "Revoke…",
            "A revoked device",
            "placeholder=\"reason\"",
        ],
    );
    let csrf = attr(&devices, "name=\"csrf\"", "value");
    let device = attr(&devices, "name=\"revoke\"", "action");
    let asked = b.post(
        &device,
        Some(&cookie),
        &[("reason", "perdu"), ("csrf", &csrf)],
        &[],
    );
    assert_eq!(asked.status, 200, "{}", asked.body);
    reads_in_french(
        &device,
        &asked.body,
        &[
            "<h1>Retirer un terminal ?</h1>",
            "Retirer le terminal de <strong>",
            "Cette action est irréversible.",
            "Oui, retirer ce terminal",
            "Annuler",
        ],
        &[
            "Revoke a device?",
            "Revoke the device of",
            "This cannot be undone",
            "Cancel",
        ],
    );

    // Accounts.
    let users = french_page(
        &b,
        "/users",
        &cookie,
        &[
            "<h1>Comptes</h1>",
            "Connexions fermées avant le",
            ">agent national<",
            "Désactiver",
            "Fermer les sessions",
            "Changer le mot de passe",
        ],
        &[
            "Logins ended before",
            ">Disable<",
            "End sessions",
            "Set password",
            "When an officer leaves",
        ],
    );
    let csv = csv_rows(
        &b.get(&attr(&users, "data-csv=\"users\"", "href"), Some(&cookie))
            .body,
    );
    assert_eq!(csv[0][1], "Rôle");
    assert!(
        csv.iter().any(|row| row[1] == "national_officer"),
        "the role's name for machines: {csv:?}"
    );

    // Every kind of record.
    let record_english = [
        "Current values",
        "History: every write",
        "Conflicts: values that lost",
        " · filed in ",
        "No conflict.",
        "Written on the device",
    ];
    let record_french = [
        "<h2>Valeurs actuelles</h2>",
        "Historique : chaque écriture de chaque champ",
        "Conflits : valeurs écartées sans avoir été vues",
        " · rattaché à ",
        "Aucun conflit.",
    ];
    let record = |path: String, french: &[&str], english: &[&str]| {
        let all_french: Vec<&str> = record_french.iter().chain(french).copied().collect();
        let all_english: Vec<&str> = record_english.iter().chain(english).copied().collect();
        french_page(&b, &path, &cookie, &all_french, &all_english)
    };
    record(
        format!("/records/miner/{}", r.miner),
        &[
            "<h1>Mineur : Sekou Traoré</h1>",
            "Année de naissance",
            ">homme<",
            "Effacer les données de cette personne",
            "les valeurs antérieures du champ numéro d'identité nationale",
            "Je confirme : cette action est irréversible",
        ],
        &[
            "Miner:",
            "Birth year",
            "Erase this person's values",
            "the earlier values of",
            "I confirm",
        ],
    );
    record(
        format!("/records/licence/{}", r.permit),
        &[
            "<h1>Permis GH-AP-0777</h1>",
            "permis artisanal",
            "Journées de chantier (non annulées)",
            ">3,70</dd>",
            "Journées de chantier sur ce permis (1 à 1 sur 1, la plus récente d'abord)",
            "Aucun périmètre n'a été relevé pour ce permis.",
        ],
        &[
            "Licence GH-AP-0777",
            ">artisanal permit<",
            "Site-days",
            "No area was walked",
            "newest first",
        ],
    );
    record(
        format!("/records/production/{}", r.production),
        &[
            "<h1>Journée de chantier du 2026-05-02 sur GH-AP-0777</h1>",
            "Creuseurs",
            ">3,70</dd>",
            "Pierres : 1,25, 2,45 ct",
            "2026-05-02 sur GH-AP-0777 : 3 creuseurs, 2 pierres, 3,70 ct",
        ],
        &["Site-day", "Diggers", "Stones:", "Gravel"],
    );
    record(
        format!("/records/sale/{}", r.sale),
        &[
            "<h1>Vente du 2026-04-20 à GH-B-0001</h1>",
            "Permis de l'acheteur",
            "Valeur (US$)",
            ">500,25</dd>",
            "Vendeur (permis)",
        ],
        &["Sale of", "Buyer's licence", "Value US$", "Seller ("],
    );
    let export = record(
        format!("/records/export/{}", r.export),
        &[
            "<h1>Exportation GH-KP-0777</h1>",
            "Certificat PK",
            "Permis de l'exportateur",
            ">15\u{202f}000,00</dd>",
            "Colis : 2 pierres pesées une à une.",
            "Le suivi de l'exportateur",
        ],
        &[
            "Export GH-KP-0777",
            "KP certificate",
            "Exporter's licence",
            "Parcel:",
            "weighed one by one",
            "The exporter's monitoring",
        ],
    );
    // The history's CSV: French labels, its values as in English (as a tooltip or
    // `data-value` reads them).
    let csv = csv_rows(
        &b.get(
            &attr(&export, "data-csv=\"history\"", "href"),
            Some(&cookie),
        )
        .body,
    );
    assert_eq!(csv[0][..4], ["Reçu le", "Champ", "Valeur", "État"]);
    assert_eq!(
        (csv[1][1].as_str(), csv[1][3].as_str()),
        ("body", "current")
    );
    assert!(
        csv[1][2].starts_with("2026-05-20: GH-KP-0777 by "),
        "{csv:?}"
    );

    // An address no page answers: the 404 page, in French.
    let missing: Answer = b.send(
        b.client
            .get(format!("{}/no/such/page", f.server.url))
            .header("accept", "text/html")
            .header("cookie", &cookie),
    );
    assert_eq!(missing.status, 404);
    reads_in_french(
        "/no/such/page",
        &missing.body,
        &[
            "<h1>Introuvable</h1>",
            "il n'y a pas de page à l'adresse /no/such/page",
            "Retour à la vue d'ensemble",
        ],
        &["Not found", "there is no page", "Back to the overview"],
    );
}
