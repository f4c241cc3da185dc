//! One module per page. Each handler takes the session extractor ([`super::SignedIn`] or
//! [`super::Posted`]), reads through `Core` with that officer on a blocking thread, builds
//! its tables once, and answers either the page or, for `format=csv`, one table's CSV.
//!
//! - `/login`, `/logout`: [`login`].
//! - `/`, the national overview: [`overview`].
//! - `/regions/{id}`: [`region`].
//! - `/records/{collection}/{id}`, every record's page, and `/records/{id}`: [`record`].
//! - `/flags`, `/flags/{id}` and resolving: [`flags`].
//! - `/footprint`: [`footprint`].
//! - `/devices` and revoking (administrators): [`devices`].

pub mod devices;
pub mod exports;
pub mod flags;
pub mod footprint;
pub mod large_stones;
pub mod login;
pub mod overview;
pub mod record;
pub mod region;
pub mod users;

use std::collections::HashMap;

use actix_web::HttpRequest;
use maud::{html, Markup};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::auth::Officer;
use crate::core::{Core, RegionSummary};
use crate::error::ApiError;
use crate::i18n::{self, Lang};

use super::error::WebError;
use super::table::Cell;

/// The request's query as `T`; a malformed one is a 400 page.
pub fn query<T: DeserializeOwned>(req: &HttpRequest) -> Result<T, WebError> {
    serde_urlencoded::from_str(req.query_string())
        .map_err(|e| WebError::BadRequest(format!("the address: {e}")))
}

/// An id from the path; anything but a UUID names nothing (404).
pub fn path_id(req: &HttpRequest, what: &str) -> Result<Uuid, WebError> {
    let raw = req.match_info().get("id").unwrap_or("");
    raw.parse()
        .map_err(|_| WebError::NotFound(format!("there is no {what} {raw:?}")))
}

/// An optional query field: absent or empty is `None`.
pub fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The imported regions the officer may read, by id, sorted by name in listings.
pub struct Regions(pub HashMap<Uuid, RegionSummary>);

impl Regions {
    pub fn readable(core: &Core, officer: &Officer) -> Result<Self, ApiError> {
        Ok(Self(
            core.regions(officer)?
                .into_iter()
                .filter(|r| officer.can_read(r.id))
                .map(|r| (r.id, r))
                .collect(),
        ))
    }

    /// A region's name, or its id when it was never imported (a scope may name one).
    pub fn name(&self, id: Uuid) -> String {
        self.0
            .get(&id)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// By level (countries first), then name.
    pub fn sorted(&self) -> Vec<&RegionSummary> {
        let mut v: Vec<&RegionSummary> = self.0.values().collect();
        v.sort_by(|a, b| (a.level, &a.name).cmp(&(b.level, &b.name)));
        v
    }

    /// A `<select name=…>` of these regions, with `selected` chosen, and an "any" entry
    /// when `any` is given.
    pub fn select(&self, name: &str, selected: Option<Uuid>, any: Option<&str>) -> Markup {
        html! {
            select name=(name) {
                @if let Some(label) = any {
                    option value="" selected[selected.is_none()] { (label) }
                }
                @for r in self.sorted() {
                    option value=(r.id) selected[selected == Some(r.id)] {
                        (indent(r.level)) (r.name)
                    }
                }
            }
        }
    }
}

fn indent(level: sync_protocol::records::RegionLevel) -> &'static str {
    use sync_protocol::records::RegionLevel;
    match level {
        RegionLevel::Country => "",
        RegionLevel::Region => "\u{a0}\u{a0}",
        RegionLevel::District => "\u{a0}\u{a0}\u{a0}\u{a0}",
    }
}

/// A figure: a label, the text a person reads, and the plain value under
/// `data-figure`/`data-value` (and `id="figure-…"`) for tests and browsers.
pub fn figure(key: &str, label: &str, text: &str, value: &str) -> Markup {
    figure_with(key, label, html! { (text) }, value)
}

/// A figure whose reading is markup (a name linked to its page, say).
pub fn figure_with(key: &str, label: &str, shown: Markup, value: &str) -> Markup {
    html! {
        div {
            dt { (label) }
            dd id=(format!("figure-{key}")) data-figure=(key) data-value=(value) { (shown) }
        }
    }
}

/// A cell a person reads in the page's language (`shown`) whose text for machines (the
/// CSV, `data-value`) is the same in every language: as it reads in English
/// (`english`). A download's values do not change with the language of the page.
pub fn worded(english: String, shown: String) -> Cell {
    if english == shown {
        english.into()
    } else {
        Cell::shown_as(english, shown)
    }
}

/// [`worded`], of one text made in English and in the page's language.
pub fn worded_by(text: impl Fn() -> String) -> Cell {
    worded(i18n::with(Lang::En, &text), text())
}

/// A message's text with `markup` in place of the placeable given [`MARK`] (a name in
/// bold, a link inside a sentence), the rest escaped: a sentence stays one message, its
/// word order the translator's.
pub fn spliced(text: &str, markup: Markup) -> Markup {
    match text.split_once(MARK) {
        Some((before, after)) => html! { (before) (markup) (after) },
        None => html! { (text) },
    }
}

/// The value given to a message's placeable that [`spliced`] replaces with markup.
pub const MARK: &str = "\u{1}";
