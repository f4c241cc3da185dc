//! A flag's evidence in words: the JSON object a rule keeps beside a flag, read out as a
//! definition list — "Distance outside the area: 443.2 m", "Licence: GH-CL-0001" — instead
//! of raw JSON.
//!
//! Each known key has a label and a unit; any other key is its own name in words, so a
//! new rule's evidence still reads. A value that is a record's id shows the record's name
//! where the page knows it (linked to the record's page), a region's id the region's name,
//! any other id its first characters (whole in its tooltip); wire names read as words,
//! size classes as "below 0.10 ct"; `…_hundredths` figures as carats with two decimals; a
//! list of objects (an exporter's quarters) as a small table. Labels, words and decimal
//! marks are the request's language's (the `ev-` messages, [`crate::i18n::current`]);
//! otherwise pure: the evidence and the names in, markup out. The evidence has already
//! been through [`crate::privacy`] ([`crate::core::Core::flag`]), and the names are those
//! the officer's role reads.

use std::collections::BTreeMap;

use maud::{html, Markup};
use serde_json::Value;
use sync_protocol::records::Collection;
use sync_protocol::values::SizeClass;
use uuid::Uuid;

use super::format::{grouped, hundredths_grouped, size_class, value_words, words};
use crate::i18n::{self, t, Lang};

/// What the page knows to name the ids in an evidence.
#[derive(Debug, Default)]
pub struct Names<'a> {
    /// Records' names (a licence's number, a miner's names), as the role reads them.
    pub records: BTreeMap<Uuid, String>,
    /// Records' collections, for links to their pages.
    pub collections: BTreeMap<Uuid, Collection>,
    /// Regions' names.
    pub regions: BTreeMap<Uuid, &'a str>,
}

/// The keys rules write, in the order a person reads them (what, where, how far, then
/// the rest): each with the message of its label and its unit.
const KEYS: &[(&str, &str, &str)] = &[
    ("licence", "ev-key-licence", ""),
    ("date", "ev-key-date", ""),
    ("validity", "ev-key-validity", ""),
    ("issued", "ev-key-issued", ""),
    ("expires", "ev-key-expires", ""),
    ("distance_m", "ev-key-distance-m", "m"),
    ("accuracy_m", "ev-key-accuracy-m", "m"),
    ("lat", "ev-key-lat", "°"),
    ("lon", "ev-key-lon", "°"),
    ("licence_country", "ev-key-licence-country", ""),
    ("fix_country", "ev-key-fix-country", ""),
    ("miner", "ev-key-miner", ""),
    ("miners", "ev-key-miners", ""),
    ("mineral", "ev-key-mineral", ""),
    ("min_ct", "ev-key-min-ct", "ct"),
    ("max_ct", "ev-key-max-ct", "ct"),
    ("out_of_range", "ev-key-out-of-range", "ct"),
    ("out_of_range_count", "ev-key-out-of-range-count", ""),
    ("stones", "ev-key-stones", ""),
    ("count", "ev-key-count", ""),
    ("total_ct", "ev-key-total-ct", "ct"),
    ("buyer_licence", "ev-key-buyer-licence", ""),
    ("reason", "ev-key-reason", ""),
    ("kind", "ev-key-kind", ""),
    ("number", "ev-key-number", ""),
    ("problem", "ev-key-problem", ""),
    ("district", "ev-key-district", ""),
    ("seq", "ev-key-seq", ""),
    ("sealed_at", "ev-key-sealed-at", ""),
    ("received", "ev-key-received", ""),
    ("skew_ms", "ev-key-skew-ms", "ms"),
    ("threshold_ms", "ev-key-threshold-ms", "ms"),
    ("direction", "ev-key-direction", ""),
    ("accepted_digest", "ev-key-accepted-digest", ""),
    ("refused_digest", "ev-key-refused-digest", ""),
    ("month", "ev-key-month", ""),
    ("site_days", "ev-key-site-days", ""),
    ("digger_days", "ev-key-digger-days", ""),
    ("carats", "ev-key-carats", "ct"),
    (
        "large_stones_left_out",
        "ev-key-large-stones-left-out",
        "ct",
    ),
    ("ct_per_digger_day", "ev-key-ct-per-digger-day", "ct"),
    (
        "median_ct_per_digger_day",
        "ev-key-median-ct-per-digger-day",
        "ct",
    ),
    ("ratio", "ev-key-ratio", "×"),
    ("samples", "ev-key-samples", ""),
    ("factor", "ev-key-factor", ""),
    (
        "floor_ct_per_digger_day",
        "ev-key-floor-ct-per-digger-day",
        "",
    ),
    (
        "threshold_ct_per_digger_day",
        "ev-key-threshold-ct-per-digger-day",
        "",
    ),
    ("margin", "ev-key-margin", ""),
    ("quarters", "ev-key-quarters", ""),
    ("quarter", "ev-key-quarter", ""),
    (
        "exported_carats_hundredths",
        "ev-key-exported-carats-hundredths",
        "ct",
    ),
    (
        "sold_carats_hundredths",
        "ev-key-sold-carats-hundredths",
        "ct",
    ),
    ("available_hundredths", "ev-key-available-hundredths", "ct"),
    (
        "stock_at_start_hundredths",
        "ev-key-stock-at-start-hundredths",
        "ct",
    ),
    (
        "bought_carats_hundredths",
        "ev-key-bought-carats-hundredths",
        "ct",
    ),
    (
        "unverified_carats_hundredths",
        "ev-key-unverified-carats-hundredths",
        "ct",
    ),
    ("entry", "ev-key-entry", ""),
    ("device", "ev-key-device", ""),
    ("what", "ev-key-what", ""),
    ("log_position", "ev-key-log-position", ""),
    ("error", "ev-key-error", ""),
    ("national_id", "ev-key-national-id", ""),
];

/// A key's label and unit: its own for the keys rules write; any other key in words,
/// `…_hundredths` as carats.
fn label(key: &str) -> (String, &'static str) {
    match KEYS.iter().find(|(k, _, _)| *k == key) {
        Some((_, id, unit)) => (t(id), unit),
        None => match key.strip_suffix("_hundredths") {
            Some(k) => (sentence(&words(k)), "ct"),
            None => (sentence(&words(key)), ""),
        },
    }
}

/// Where a key comes in the list: the known keys in [`KEYS`]' order, then the others.
fn rank(key: &str) -> usize {
    KEYS.iter()
        .position(|(k, _, _)| *k == key)
        .unwrap_or(KEYS.len())
}

/// "exported carats" → "Exported carats".
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A record's collection in words of the page's language: "licence", "production".
pub fn collection_words(c: Collection) -> String {
    t(match c {
        Collection::Miner => "ev-record-miner",
        Collection::Licence => "ev-record-licence",
        Collection::Production => "ev-record-production",
        Collection::Sale => "ev-record-sale",
        Collection::Export => "ev-record-export",
        Collection::Region => "ev-record-region",
    })
}

/// A wire name a rule writes as a value (`not_yet_issued`, `ahead`, `diamond`) in words of
/// the page's language; any other in words.
fn wire_words(s: &str) -> String {
    let id = match s {
        "valid" => "ev-value-valid",
        "not_yet_issued" => "ev-value-not-yet-issued",
        "expired" => "ev-value-expired",
        "unknown_licence" => "ev-value-unknown-licence",
        "not_a_buyer_licence" => "ev-value-not-a-buyer-licence",
        "other_mineral" => "ev-value-other-mineral",
        "missing" => "ev-value-missing",
        "ahead" => "ev-value-ahead",
        "behind" => "ev-value-behind",
        // The enums' values the dashboard already names (`suspended`, `diamond`, `buyer`).
        _ => return value_words(s),
    };
    t(id)
}

/// A plain decimal (`443.2`, `-0.7955`, `1000.00`) with the page's decimal mark.
fn with_mark(plain: String) -> String {
    match i18n::current() {
        Lang::En => plain,
        Lang::Fr | Lang::Pt => plain.replace('.', ","),
    }
}

/// Whether `s` is a plain decimal figure: digits, a point, digits (a sign before).
fn is_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    matches!(digits.split_once('.'), Some((i, f))
        if !i.is_empty() && !f.is_empty()
            && i.chars().all(|c| c.is_ascii_digit())
            && f.chars().all(|c| c.is_ascii_digit()))
}

/// The start of an id, for people: `#0192f3a1`.
pub fn short(id: Uuid) -> String {
    format!("#{}", &id.simple().to_string()[..8])
}

/// An id as a person reads it: a record's name (linked), a region's name (linked), or its
/// first characters.
fn id_value(id: Uuid, names: &Names) -> Markup {
    if let Some(region) = names.regions.get(&id) {
        return html! { a href=(format!("/regions/{id}")) data-id=(id) { (region) } };
    }
    let name = names.records.get(&id).cloned();
    match (names.collections.get(&id), name) {
        (Some(c), name) => html! {
            a href=(format!("/records/{}/{id}", c.name())) data-id=(id) title=(id) {
                (name.unwrap_or_else(|| format!("{} {}", collection_words(*c), short(id))))
            }
        },
        (None, Some(name)) => html! { span data-id=(id) title=(id) { (name) } },
        (None, None) => html! { span data-id=(id) title=(id) { (short(id)) } },
    }
}

/// A scalar as a person reads it, with its unit.
fn scalar(key: &str, v: &Value, unit: &str, names: &Names) -> Markup {
    let with_unit = |text: String| match unit {
        "" => text,
        "°" | "×" => format!("{text}{unit}"),
        _ => format!("{text}\u{a0}{unit}"),
    };
    match v {
        Value::Null => html! { "–" },
        Value::Bool(b) => html! { (t(if *b { "ev-yes" } else { "ev-no" })) },
        Value::Number(n) if key.ends_with("_hundredths") => match n.as_i64() {
            Some(h) => html! { (with_unit(hundredths_grouped(h))) },
            None => html! { (n.to_string()) },
        },
        Value::Number(n) => match n.as_i64() {
            Some(i) if unit != "°" => html! { (with_unit(grouped(i))) },
            _ => html! { (with_unit(with_mark(n.to_string()))) },
        },
        Value::String(s) => {
            if let Ok(id) = s.parse::<Uuid>() {
                return id_value(id, names);
            }
            if let Some(class) = SizeClass::from_label(s) {
                return html! { (size_class(class)) };
            }
            // Wire names (`not_yet_issued`, `diamond`) read as words; sentences and
            // figures as they are.
            let wire = !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
                && s.chars().any(|c| c.is_ascii_lowercase());
            let text = if wire {
                wire_words(s)
            } else if is_decimal(s) {
                with_mark(s.clone())
            } else {
                s.clone()
            };
            html! { (with_unit(text)) }
        }
        Value::Array(_) | Value::Object(_) => value(key, v, names),
    }
}

/// Any value: scalars as above, a list of scalars joined, a list of objects as a table,
/// an object as a nested list.
fn value(key: &str, v: &Value, names: &Names) -> Markup {
    let (_, unit) = label(key);
    match v {
        Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
            let mut keys: Vec<&str> = Vec::new();
            for item in items {
                for k in item.as_object().into_iter().flat_map(|o| o.keys()) {
                    if !keys.contains(&k.as_str()) {
                        keys.push(k);
                    }
                }
            }
            html! {
                div.table { table.evidence data-evidence=(key) {
                    thead { tr { @for k in &keys { th scope="col" data-column=(k) { (label(k).0) } } } }
                    tbody { @for item in items { tr {
                        @for k in &keys {
                            td data-column=(k) { (scalar(k, item.get(*k).unwrap_or(&Value::Null), label(k).1, names)) }
                        }
                    } } }
                } }
            }
        }
        Value::Array(items) => html! {
            @if items.is_empty() { (t("ev-none")) }
            @for (i, item) in items.iter().enumerate() {
                @if i > 0 { ", " }
                (scalar(key, item, unit, names))
            }
        },
        Value::Object(_) => list(v, names),
        other => scalar(key, other, unit, names),
    }
}

/// The evidence as a definition list (`dl#evidence`), each entry with the evidence's key
/// as `data-key`; a value that is not an object is shown alone.
pub fn list(evidence: &Value, names: &Names) -> Markup {
    let Value::Object(fields) = evidence else {
        return html! { p #evidence { (value("", evidence, names)) } };
    };
    let mut fields: Vec<(&String, &Value)> = fields.iter().collect();
    fields.sort_by_key(|(k, _)| rank(k));
    html! {
        dl.evidence #evidence {
            @for (k, v) in fields {
                div data-key=(k) {
                    dt { (label(k).0) }
                    dd { (value(k, v, names)) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_evidence_reads_in_words_with_names_in_place_of_ids() {
        let (lic, prod, region) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let mut names = Names::default();
        names.records.insert(lic, "GH-CL-0001".into());
        names.collections.insert(lic, Collection::Licence);
        names.collections.insert(prod, Collection::Production);
        names.regions.insert(region, "Akwatia");
        let html = list(
            &json!({
                "licence": lic,
                "distance_m": 443.2,
                "accuracy_m": 10,
                "lon": -0.7955,
                "validity": "not_yet_issued",
                "district": region,
                "device": Uuid::from_u128(9),
                "class": "below_0.10",
                "quarters": [{"quarter": "2026-Q1", "exported_carats_hundredths": 123456}],
            }),
            &names,
        )
        .into_string();
        assert!(
            html.contains("<dt>Distance outside the area</dt><dd>443.2\u{a0}m</dd>"),
            "{html}"
        );
        assert!(html.contains("<dd>10\u{a0}m</dd>"), "{html}");
        assert!(html.contains("<dd>-0.7955°</dd>"), "{html}");
        assert!(
            html.contains(&format!("href=\"/records/licence/{lic}\"")),
            "{html}"
        );
        assert!(html.contains(">GH-CL-0001</a>"), "{html}");
        assert!(html.contains("<dd>not yet issued</dd>"), "{html}");
        assert!(html.contains(">Akwatia</a>"), "{html}");
        assert!(
            html.contains(">#00000000</span>"),
            "an unknown id by its start: {html}"
        );
        assert!(html.contains("<dd>below 0.10 ct</dd>"), "{html}");
        assert!(
            html.contains(
                "<th scope=\"col\" data-column=\"exported_carats_hundredths\">Exported carats</th>"
            ),
            "{html}"
        );
        assert!(html.contains("1\u{202f}234.56\u{a0}ct"), "{html}");
        assert!(
            !html.contains('{') && !html.contains("_m<"),
            "no JSON left: {html}"
        );
    }

    #[test]
    fn an_evidence_reads_in_the_pages_language() {
        let lic = Uuid::from_u128(1);
        let mut names = Names::default();
        names.collections.insert(lic, Collection::Licence);
        let html = i18n::with(Lang::Fr, || {
            list(
                &json!({
                    "licence": lic,
                    "distance_m": 443.2,
                    "lon": -0.7955,
                    "validity": "not_yet_issued",
                    "mineral": "diamond",
                    "direction": "ahead",
                    "max_ct": "1000.00",
                    "date": "2026-03-10",
                    "issued": true,
                    "miners": [],
                    "quarters": [{"quarter": "2026-Q1", "exported_carats_hundredths": 123456}],
                }),
                &names,
            )
            .into_string()
        });
        for shown in [
            "<dt>Distance hors du périmètre</dt><dd>443,2\u{a0}m</dd>",
            "<dd>-0,7955°</dd>",
            "<dd>pas encore délivré</dd>",
            "<dd>diamant</dd>",
            "<dd>en avance</dd>",
            "<dt>Plus grosse pierre plausible</dt><dd>1000,00\u{a0}ct</dd>",
            "<dd>2026-03-10</dd>",
            "<dd>oui</dd>",
            "<dd>aucun</dd>",
            ">permis #00000000</a>",
            ">Carats exportés</th>",
            "1\u{202f}234,56\u{a0}ct",
        ] {
            assert!(html.contains(shown), "{shown} in {html}");
        }
    }
}
