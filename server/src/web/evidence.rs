//! A flag's evidence in words: the JSON object a rule keeps beside a flag, read out as a
//! definition list — "Distance outside the area: 443.2 m", "Licence: GH-CL-0001" — instead
//! of raw JSON.
//!
//! Each known key has a label and a unit; any other key is its own name in words, so a
//! new rule's evidence still reads. A value that is a record's id shows the record's name
//! where the page knows it (linked to the record's page), a region's id the region's name,
//! any other id its first characters (whole in its tooltip); wire names read as words,
//! size classes as "below 0.10 ct"; `…_hundredths` figures as carats with two decimals; a
//! list of objects (an exporter's quarters) as a small table. Pure: the evidence and the
//! names in, markup out. The evidence has already been through [`crate::privacy`]
//! ([`crate::core::Core::flag`]), and the names are those the officer's role reads.

use std::collections::BTreeMap;

use maud::{html, Markup};
use serde_json::Value;
use sync_protocol::records::Collection;
use sync_protocol::values::SizeClass;
use uuid::Uuid;

use super::format::{grouped, hundredths_grouped, size_class, words};

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
/// the rest): each with its label and unit.
const KEYS: &[(&str, &str, &str)] = &[
    ("licence", "Licence", ""),
    ("date", "Date", ""),
    ("validity", "The licence that day", ""),
    ("issued", "Issued", ""),
    ("expires", "Last day valid", ""),
    ("distance_m", "Distance outside the area", "m"),
    ("accuracy_m", "Stated accuracy of the fix", "m"),
    ("lat", "Latitude", "°"),
    ("lon", "Longitude", "°"),
    ("licence_country", "Country of the licence", ""),
    ("fix_country", "Country of the fix", ""),
    ("miner", "Miner", ""),
    ("miners", "Miners", ""),
    ("mineral", "Mineral", ""),
    ("min_ct", "Smallest plausible stone", "ct"),
    ("max_ct", "Largest plausible stone", "ct"),
    ("out_of_range", "Weights out of range", "ct"),
    ("out_of_range_count", "Stones out of range", ""),
    ("stones", "Stones", ""),
    ("count", "Stones counted", ""),
    ("total_ct", "Total weight", "ct"),
    ("buyer_licence", "Buyer's licence", ""),
    ("reason", "Why", ""),
    ("kind", "Licence kind", ""),
    ("number", "Licence number", ""),
    ("problem", "Problem", ""),
    ("district", "District", ""),
    ("seq", "Batch number", ""),
    ("sealed_at", "Sealed at (device clock)", ""),
    ("received", "Received by the server", ""),
    ("skew_ms", "Clock off by", "ms"),
    ("threshold_ms", "Tolerated", "ms"),
    ("direction", "Clock", ""),
    ("accepted_digest", "Batch accepted (digest)", ""),
    ("refused_digest", "Batch refused (digest)", ""),
    ("month", "Month", ""),
    ("site_days", "Site-days", ""),
    ("digger_days", "Digger-days", ""),
    ("carats", "Carats", "ct"),
    ("large_stones_left_out", "Large stones left out", "ct"),
    ("ct_per_digger_day", "Carats per digger-day", "ct"),
    (
        "median_ct_per_digger_day",
        "Area's median per digger-day",
        "ct",
    ),
    ("ratio", "Times the median", "×"),
    ("samples", "Licence-months compared", ""),
    ("margin", "Margin allowed", ""),
    ("quarters", "Quarters over", ""),
    ("quarter", "Quarter", ""),
    ("entry", "Log entry", ""),
    ("device", "Device", ""),
    ("what", "What", ""),
    ("log_position", "Position in the log", ""),
    ("error", "Error", ""),
    ("national_id", "National id", ""),
];

/// A key's label and unit: its own for the keys rules write; any other key in words,
/// `…_hundredths` as carats.
fn label(key: &str) -> (String, &'static str) {
    match KEYS.iter().find(|(k, _, _)| *k == key) {
        Some((_, l, unit)) => (l.to_string(), unit),
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
                (name.unwrap_or_else(|| format!("{} {}", c.name(), short(id))))
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
        Value::Bool(b) => html! { (if *b { "yes" } else { "no" }) },
        Value::Number(n) if key.ends_with("_hundredths") => match n.as_i64() {
            Some(h) => html! { (with_unit(hundredths_grouped(h))) },
            None => html! { (n.to_string()) },
        },
        Value::Number(n) => match n.as_i64() {
            Some(i) if unit != "°" => html! { (with_unit(grouped(i))) },
            _ => html! { (with_unit(n.to_string())) },
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
            let text = if wire { words(s) } else { s.clone() };
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
            @if items.is_empty() { "none" }
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
}
