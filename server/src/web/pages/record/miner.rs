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
use crate::i18n::{self, t, ta, Arg, Lang};
use crate::privacy::{self, Seen};
use crate::web::format::{value_words, wire_name};
use crate::web::pages::figure_with;

use super::history::{conflicts, history};
use super::names::{inner_json, Names};
use super::{field_words, title_by_id, Shown};

/// A value as the API's JSON holds it, for `data-value`.
pub fn plain(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A field's name as a label, in the page's language: `birth_year` → `Birth year`.
fn label(field: &str) -> String {
    let w = field_words(field);
    let mut c = w.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => w,
    }
}

/// A miner's value as JSON, for `data-value` (a value erased, or sealed and not yet
/// opened, has none a machine reads: its words in English, whatever the page's language).
fn value_json(value: &MinerField) -> Json {
    match value {
        MinerField::Erased(_) | MinerField::Sealed(_) => {
            Json::String(i18n::with(Lang::En, || value_text(value, None)))
        }
        other => inner_json(other),
    }
}

/// A miner's value as a person reads it, in the page's language: a person's value erased at
/// the ministry, or sealed and not yet opened by its handset, says so instead of its
/// digest; a sex in words; ids named (by `names`, when given).
fn value_text(value: &MinerField, names: Option<&Names>) -> String {
    match value {
        MinerField::Erased(_) => t("rec-erased"),
        MinerField::Sealed(_) => t("rec-sealed"),
        MinerField::Sex(s) => value_words(&wire_name(s)),
        other => {
            let v = inner_json(other);
            match names {
                Some(n) => n.text(&v),
                None => plain(&v),
            }
        }
    }
}

pub fn shown(id: Uuid, s: &RecordState<MinerField>, role: Role, names: &Names) -> Shown {
    let current = |field: &str| {
        s.fields
            .get(field)
            .and_then(|h| h.winner())
            .map(|w| (value_json(&w.value), value_text(&w.value, Some(names))))
    };
    let fields = html! {
        dl.figures #fields {
            @for field in MinerField::NAMES.iter().filter(|f| **f != "void") {
                @let label = label(field);
                @match (privacy::miner_field(role, field), current(field)) {
                    (Seen::Hidden, _) => (figure_with(field, &label, html! { span.note { (t("rec-not-shown")) } }, "")),
                    (_, None) => (figure_with(field, &label, html! { "–" }, "")),
                    (_, Some((v, text))) => {
                        @let shown = match v.as_str().and_then(|s| s.parse::<Uuid>().ok()) {
                            Some(linked) => names.link(linked),
                            None => html! { (text) },
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
        Some(n) => ta("rec-miner-title", &[("names", Arg::from(plain(&n)))]),
        None => title_by_id("rec-miner-title-by-id", id),
    };
    let text = |f: &MinerField| value_text(f, Some(names));
    Shown {
        title,
        fields,
        more: html! {},
        tables: Vec::new(),
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    }
}
