//! Reads the reports as one reader (the administrator or an officer) and compares every
//! figure with the books; a difference names the report, the row and both values.

use std::collections::BTreeMap;
use std::fmt::Debug;

use serde_json::Value as Json;
use uuid::Uuid;

use super::books::Books;
use super::figures::*;
use super::reading;
use super::world::*;
use crate::harness::*;

/// A report as JSON.
pub fn report(server: &Server, token: &str, query: &str) -> Json {
    let (status, body) = server.call("GET", &format!("/v1/reports/{query}"), Some(token), None);
    assert_eq!(status, 200, "{query}: {body}");
    body
}

/// A report as CSV text.
pub fn report_csv(server: &Server, token: &str, query: &str) -> String {
    match report(server, token, &format!("{query}&format=csv")) {
        Json::String(text) => text,
        other => panic!("{query}: not CSV: {other}"),
    }
}

/// Every figure equal, row by row; the message names each row that differs.
#[track_caller]
pub fn same_figures<K: Ord + Debug, V: PartialEq + Debug>(
    what: &str,
    got: &BTreeMap<K, V>,
    want: &BTreeMap<K, V>,
) {
    let mut wrong = Vec::new();
    for key in got
        .keys()
        .chain(want.keys().filter(|k| !got.contains_key(k)))
    {
        let (g, w) = (got.get(key), want.get(key));
        if g != w {
            wrong.push(format!(
                "{key:?}:\n  expected {}\n  got      {}",
                w.map_or("no row".to_string(), |w| format!("{w:?}")),
                g.map_or("no row".to_string(), |g| format!("{g:?}")),
            ));
        }
    }
    assert!(wrong.is_empty(), "{what}:\n{}", wrong.join("\n"));
}

/// Ratios within `tolerance` (the CSV rounds them), present exactly when expected.
#[track_caller]
pub fn same_ratios<K: Ord + Debug>(
    what: &str,
    got: &BTreeMap<K, Ratios>,
    want: &BTreeMap<K, Ratios>,
    tolerance: f64,
) {
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "{what}: rows"
    );
    for (key, ratios) in want {
        for (name, w) in ratios {
            let g = got[key][name];
            let close = match (g, *w) {
                (Some(g), Some(w)) => (g - w).abs() <= tolerance,
                (None, None) => true,
                _ => false,
            };
            assert!(close, "{what} {key:?} {name}: expected {w:?}, got {g:?}");
        }
    }
}

/// What one reader should see: the regions whose rows they read, and the regions whose
/// records count in their totals (`None`: every region).
pub struct View<'a> {
    pub who: &'a str,
    pub token: &'a str,
    pub readable: Vec<Uuid>,
    pub scope: Option<Vec<Uuid>>,
}

impl<'a> View<'a> {
    /// The administrator (the server's own token): every region.
    pub fn admin(server: &'a Server, books: &Books) -> Self {
        Self {
            who: "admin",
            token: server.root(),
            readable: books.map.areas.iter().map(|a| a.id).collect(),
            scope: None,
        }
    }

    /// A regional officer serving `region`, and so the regions below it.
    pub fn officer(who: &'a str, token: &'a str, region: Uuid, books: &Books) -> Self {
        Self {
            who,
            token,
            readable: books.map.subtree(region),
            scope: Some(books.map.subtree(region)),
        }
    }
}

/// The regional, national (quarters and half-years) and KP reports, JSON and CSV, against
/// the books, for months `from..=to`.
pub fn check_reports(server: &Server, view: &View<'_>, books: &Books, from: Month, to: Month) {
    let (who, token) = (view.who, view.token);
    let months = months(from, to);
    let scope = view.scope.as_deref();

    let want = books.regional(&view.readable, from, to);
    assert!(!want.is_empty());
    let (got, ratios) =
        reading::regional_json(&report(server, token, &format!("regional?{months}")));
    same_figures(&format!("{who}: regional JSON"), &got, &want);
    same_ratios(
        &format!("{who}: regional JSON"),
        &ratios,
        &ratios_of(&want, RegionalRow::ratios),
        1e-9,
    );
    let (got, ratios) =
        reading::regional_csv(&report_csv(server, token, &format!("regional?{months}")));
    let totals = want
        .iter()
        .map(|(k, r)| (k.clone(), r.flag_totals()))
        .collect();
    same_figures(&format!("{who}: regional CSV"), &got, &totals);
    same_ratios(
        &format!("{who}: regional CSV"),
        &ratios,
        &ratios_of(&want, RegionalRow::ratios),
        0.005 + 1e-9,
    );

    for (period, label) in [
        ("quarter", quarter_label as fn(Month) -> String),
        ("half", half_label),
    ] {
        let query = format!("national?{months}&period={period}");
        let want = books.national(scope, label, from, to);
        let (got, shares) = reading::national_json(&report(server, token, &query));
        same_figures(&format!("{who}: national {period} JSON"), &got, &want);
        same_ratios(
            &format!("{who}: national {period} JSON"),
            &shares,
            &ratios_of(&want, ControlRow::ratios),
            1e-12,
        );
        let (got, shares) = reading::national_csv(&report_csv(server, token, &query));
        let without = want
            .iter()
            .map(|(k, r)| (k.clone(), r.without_numerators()))
            .collect();
        same_figures(&format!("{who}: national {period} CSV"), &got, &without);
        same_ratios(
            &format!("{who}: national {period} CSV"),
            &shares,
            &ratios_of(&want, ControlRow::ratios),
            0.00005 + 1e-12,
        );
    }

    // KP statistics are one participant's: each country the reader reads, by its id, and
    // without one when it reads only one; a reader of no whole country is refused.
    let countries: Vec<Uuid> = books
        .map
        .areas
        .iter()
        .filter(|a| a.parent.is_none() && view.readable.contains(&a.id))
        .map(|a| a.id)
        .collect();
    if countries.len() != 1 {
        let (status, body) = server.call(
            "GET",
            &format!("/v1/reports/kp?{months}"),
            Some(token),
            None,
        );
        assert_eq!(status, 400, "{who}: KP of no country named: {body}");
    }
    for (n, country) in countries.iter().enumerate() {
        let subtree = books.map.subtree(*country);
        let want = books.kp(Some(&subtree), from, to);
        let query = if countries.len() == 1 && n == 0 {
            format!("kp?{months}")
        } else {
            format!("kp?{months}&region={country}")
        };
        let got = reading::kp_json(&report(server, token, &query), *country);
        same_figures(
            &format!("{who}: {query} production JSON"),
            &got.production,
            &want.production,
        );
        same_figures(
            &format!("{who}: {query} exports JSON"),
            &got.exports,
            &want.exports,
        );
        let got = reading::kp_csv(&report_csv(server, token, &query));
        let want = want.csv_view();
        same_figures(
            &format!("{who}: {query} production CSV"),
            &got.production,
            &want.production,
        );
        same_figures(
            &format!("{who}: {query} exports CSV"),
            &got.exports,
            &want.exports,
        );
    }
}

fn months(from: Month, to: Month) -> String {
    format!("from={}&to={}", month_label(from), month_label(to))
}

/// The regional rollup of one region asked for by name: its rows only, its districts
/// counted in them.
pub fn check_regional_of(
    server: &Server,
    view: &View<'_>,
    region: Uuid,
    books: &Books,
    from: Month,
    to: Month,
) {
    let query = format!("regional?{}&region={region}", months(from, to));
    let (got, _) = reading::regional_json(&report(server, view.token, &query));
    let want = books.regional(&[region], from, to);
    same_figures(&format!("{}: {query}", view.who), &got, &want);
}

/// The devices the national report lists as not synced for 14 days.
pub fn not_synced(server: &Server, token: &str, from: Month, to: Month) -> Vec<Json> {
    let national = report(server, token, &format!("national?{}", months(from, to)));
    national["devices_not_synced_for_14_days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["device"].clone())
        .collect()
}

/// Every report these readers read, JSON and CSV, as the server answers them (status and
/// body, refusals too), by query; the KP statistics of `country`.
pub fn snapshot(
    server: &Server,
    tokens: &[&str],
    country: Uuid,
    from: Month,
    to: Month,
) -> Vec<(String, Json)> {
    let mut out = Vec::new();
    for (reader, token) in tokens.iter().enumerate() {
        for kind in [
            "regional?".to_string(),
            "national?period=quarter&".to_string(),
            "national?period=half&".to_string(),
            format!("kp?region={country}&"),
        ] {
            let query = format!("{kind}{}", months(from, to));
            for query in [query.clone(), format!("{query}&format=csv")] {
                let (status, body) =
                    server.call("GET", &format!("/v1/reports/{query}"), Some(token), None);
                out.push((
                    format!("reader {reader}: {query}"),
                    serde_json::json!([status, body]),
                ));
            }
        }
    }
    out
}

/// Two snapshots answer every query the same.
#[track_caller]
pub fn same_reports(when: &str, before: &[(String, Json)], after: &[(String, Json)]) {
    assert_eq!(before.len(), after.len());
    for ((query, b), (_, a)) in before.iter().zip(after) {
        assert_eq!(a, b, "{query} changed {when}");
    }
}

fn ratios_of<K: Ord + Clone, R>(
    rows: &BTreeMap<K, R>,
    ratios: fn(&R) -> Ratios,
) -> BTreeMap<K, Ratios> {
    rows.iter().map(|(k, r)| (k.clone(), ratios(r))).collect()
}
