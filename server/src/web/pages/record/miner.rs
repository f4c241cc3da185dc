//! A miner's registration as the officer's role may read it: every field in the order the
//! record declares them, each shown, masked or left out as [`crate::privacy::miner_field`]
//! says (the record itself comes redacted from [`crate::core::Core::record`]; this page
//! only says which fields the role does not read).

use maud::html;
use serde_json::Value as Json;
use sync_protocol::merge::RecordState;
use sync_protocol::records::MinerField;
use uuid::Uuid;

use crate::auth::Role;
use crate::privacy::{self, Seen};
use crate::web::format::words;
use crate::web::pages::figure_with;

use super::history::{conflicts, history};
use super::names::{inner_json, Names};
use super::Shown;

/// A value as the API's JSON holds it, for `data-value`.
pub fn plain(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A field's name as a label: `birth_year` → `Birth year`.
fn label(field: &str) -> String {
    let w = words(field);
    let mut c = w.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => w,
    }
}

/// A miner's value as a person reads it: a person's value erased at the ministry, or
/// sealed and not yet opened by its handset, says so instead of its digest.
fn value_json(value: &MinerField) -> Json {
    match value {
        MinerField::Erased(_) => Json::String("(erased)".into()),
        MinerField::Sealed(_) => Json::String("(sealed: not yet sent by its handset)".into()),
        other => inner_json(other),
    }
}

pub fn shown(id: Uuid, s: &RecordState<MinerField>, role: Role, names: &Names) -> Shown {
    let current = |field: &str| {
        s.fields
            .get(field)
            .and_then(|h| h.winner())
            .map(|w| value_json(&w.value))
    };
    let fields = html! {
        dl.figures #fields {
            @for field in MinerField::NAMES.iter().filter(|f| **f != "void") {
                @let label = label(field);
                @match (privacy::miner_field(role, field), current(field)) {
                    (Seen::Hidden, _) => (figure_with(field, &label, html! { span.note { "not shown to your role" } }, "")),
                    (_, None) => (figure_with(field, &label, html! { "–" }, "")),
                    (_, Some(v)) => {
                        @let shown = match v.as_str().and_then(|s| s.parse::<Uuid>().ok()) {
                            Some(linked) => names.link(linked),
                            None => html! { (names.text(&v)) },
                        };
                        (figure_with(field, &label, shown, &plain(&v)))
                    }
                }
            }
        }
    };
    let readable_name = s
        .fields
        .get("names")
        .and_then(|h| h.winner())
        .filter(|w| matches!(w.value, MinerField::Names(_)))
        .map(|w| inner_json(&w.value));
    let title = match readable_name.filter(|_| privacy::sees_names(role)) {
        Some(n) => format!("Miner: {}", plain(&n)),
        None => format!("Miner #{}", &id.simple().to_string()[..8]),
    };
    let text = |f: &MinerField| names.text(&value_json(f));
    Shown {
        title,
        fields,
        more: html! {},
        tables: Vec::new(),
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    }
}
