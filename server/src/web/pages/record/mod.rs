//! `/records/{collection}/{id}`: one record's page — a miner, a licence, a site-day, a sale
//! or an export — with its current values (names beside ids, kinds in words, figures
//! grouped), the flags about it, its conflicts and its history (every write of every
//! field: which device, when). `/records/{id}` finds the collection of an id (a flag names
//! its records by id only) and goes on to its page.
//!
//! The record is read as the API's `GET /v1/records/{collection}/{id}` reads it
//! ([`Core::record`]: the officer's scope, then [`crate::privacy`]'s view of a person), so
//! a page shows nothing the API would not; the records it names are read the same way
//! ([`names`]). Refusals and unknown records are pages inside the frame; a malformed id is
//! a 400.
//!
//! - [`read`]: everything a page needs, in one blocking read.
//! - [`names`]: the ids a record holds, named and linked.
//! - [`history`]: the history and conflict tables, for every kind.
//! - [`miner`], [`licence`], [`production`], [`sale`], [`export`]: how each kind's values
//!   read.
//! - [`photos`]: the record's photos (those the role may see), and the route that serves
//!   one photo's bytes.

pub mod erase;
pub mod export;
pub mod history;
pub mod licence;
pub mod miner;
pub mod names;
pub mod photos;
pub mod production;
pub mod read;
pub mod sale;

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;
use sync_protocol::api::ErrorCode;
use sync_protocol::records::{AnyRecord, Collection, FactField};
use uuid::Uuid;

use crate::error::ApiError;
use crate::i18n::{t, ta, Arg};
use crate::web::format::value_words;
use crate::web::pages::{given, query};
use crate::web::table::{self, Table};
use crate::web::{blocking, core, layout, SignedIn, WebError};

use names::Names;
use read::Read;

/// A record's page.
pub fn href(collection: Collection, id: Uuid) -> String {
    match collection {
        Collection::Region => format!("/regions/{id}"),
        c => format!("/records/{}/{id}", c.name()),
    }
}

/// The id in the path; anything but a UUID is a malformed address (400).
fn record_id(req: &HttpRequest) -> Result<Uuid, WebError> {
    let raw = req.match_info().get("id").unwrap_or("");
    raw.parse()
        .map_err(|_| WebError::BadRequest(not_an_id(raw)))
}

/// The message of an address whose id is not one: `"x" is not a record id (a UUID)`.
pub fn not_an_id(raw: &str) -> String {
    ta("rec-not-an-id", &[("id", Arg::from(format!("{raw:?}")))])
}

/// A record's title with its id's first characters, for a record whose values do not name
/// it (yet): `Miner #0192f3a1`. `id` names the message, with `{ $id }`.
pub fn title_by_id(message: &str, id: Uuid) -> String {
    ta(message, &[("id", Arg::from(&id.simple().to_string()[..8]))])
}

/// A field's name as a person reads it, in the page's language: `birth_year` →
/// `birth year` (message `rec-field-` and the name, `_` as `-`; its words where the
/// catalogue has none).
pub fn field_words(field: &str) -> String {
    let id = format!("rec-field-{}", field.replace('_', "-"));
    let text = t(&id);
    if text == id {
        crate::web::format::words(field)
    } else {
        text
    }
}

#[derive(Debug, Default, Deserialize)]
struct RecordQuery {
    /// The page of a long list (a licence's site-days), from 1.
    page: Option<String>,
}

/// What a kind of record shows beside the parts every record has.
pub struct Shown {
    pub title: String,
    /// The current values.
    pub fields: Markup,
    /// Shown after the values: a map, links.
    pub more: Markup,
    /// Tables of its own (a licence's site-days), shown after `more`.
    pub tables: Vec<Table>,
    pub history: Table,
    pub conflicts: Table,
}

/// How a fact's write reads: its body by `body`, or the void reason.
pub fn fact_text<T>(f: &FactField<T>, body: impl Fn(&T) -> String) -> String {
    match f {
        FactField::Body(b) => body(b),
        FactField::Void(reason) => void_text(reason),
    }
}

/// A write that voids a record: `void: registered twice`.
pub fn void_text(reason: &impl std::fmt::Display) -> String {
    ta(
        "rec-void-value",
        &[("reason", Arg::from(reason.to_string()))],
    )
}

/// `GET /records/{collection}/{id}[?page=N][&format=csv&table=…]`
pub async fn page(req: HttpRequest, signed: SignedIn) -> HttpResponse {
    match show(&req, &signed).await {
        Ok(r) => r,
        Err(e) => e.framed(&signed),
    }
}

async fn show(req: &HttpRequest, signed: &SignedIn) -> Result<HttpResponse, WebError> {
    let raw = req.match_info().get("collection").unwrap_or("");
    let collection: Collection = raw
        .parse()
        .map_err(|_| WebError::NotFound(crate::web::error::no_page(req.path())))?;
    let id = record_id(req)?;
    if collection == Collection::Region {
        return Ok(see_other(&href(collection, id)));
    }
    let q: RecordQuery = query(req)?;
    let page = given(&q.page)
        .map(|p| {
            p.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                WebError::BadRequest(ta("rec-bad-page", &[("page", Arg::from(format!("{p:?}")))]))
            })
        })
        .transpose()?
        .unwrap_or(1);
    let core = core(req)?;
    let officer = signed.officer.clone();
    let r = blocking(move || read::read(&core, &officer, collection, id)).await?;
    let role = signed.officer.role;
    let shown = match &r.stored.state {
        AnyRecord::Miner(s) => miner::shown(id, s, role, &r.names),
        AnyRecord::Licence(s) => licence::shown(id, s, &r, page)?,
        AnyRecord::Production(s) => production::shown(id, s, &r.names),
        AnyRecord::Sale(s) => sale::shown(id, s, &r.names),
        AnyRecord::Export(s) => export::shown(id, s, &r.names),
        AnyRecord::Region(_) => return Ok(see_other(&href(Collection::Region, id))),
    };
    let mut flags = crate::web::pages::flags::flags_table(
        &r.flags,
        ta("rec-flags-caption", &[("count", Arg::from(r.flags.len()))]),
        &r.names.regions,
    );
    flags.empty = t("rec-no-flags");
    let mut tables: Vec<&Table> = shown.tables.iter().collect();
    tables.extend([&flags, &shown.conflicts, &shown.history]);
    if let Some(t) = table::csv_wanted(req)? {
        return table::csv_response(&tables, &t);
    }
    let void = r.stored.state.void_reason();
    let title = match &void {
        Some(_) => ta(
            "rec-title-void",
            &[("title", Arg::from(shown.title.as_str()))],
        ),
        None => shown.title.clone(),
    };
    let body = html! {
        (header(&r, id, &r.names))
        @if let Some(reason) = &void {
            p.void #void data-void=(reason) { (ta("rec-void", &[("reason", Arg::from(reason.to_string()))])) }
        }
        h2 { (t("rec-current-values")) }
        (shown.fields)
        (shown.more)
        (photos::section(id, &r.photos))
        @for t in &tables {
            (t.html(req))
        }
        @if collection == Collection::Miner && signed.officer.role == crate::auth::Role::Admin {
            (erase::form(id, &signed.csrf))
        }
    };
    Ok(layout::ok(layout::page(signed, "", &title, body)))
}

/// What the record is, where it is filed, and its id for machines.
fn header(r: &Read, id: Uuid, names: &Names) -> Markup {
    let collection = r.stored.state.collection();
    html! {
        p.note #record data-collection=(collection.name()) data-record=(id) data-region=(r.stored.region) {
            (value_words(collection.name())) " " small.id { (id) }
            " · " (t("rec-filed-in")) " " (names.link(r.stored.region))
            " · " (t("rec-change")) " " (r.stored.seq)
        }
    }
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("location", location))
        .finish()
}

/// `GET /records/{id}`: the page of whatever record has this id.
pub async fn find(req: HttpRequest, signed: SignedIn) -> HttpResponse {
    let found = async {
        let id = record_id(&req)?;
        let core = core(&req)?;
        let officer = signed.officer.clone();
        let collection = blocking(move || {
            let mut refused = None;
            for c in Collection::ALL {
                match core.record(&officer, c, id) {
                    Ok(_) => return Ok(c),
                    Err(e) if e.code == ErrorCode::NotFound => {}
                    Err(e) => refused = Some(e),
                }
            }
            Err(refused
                .unwrap_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no record {id}"))))
        })
        .await?;
        Ok::<_, WebError>(see_other(&href(collection, id)))
    }
    .await;
    found.unwrap_or_else(|e| e.framed(&signed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{self, Lang};
    use sync_protocol::records::{LicenceField, MinerField};

    #[test]
    fn every_field_of_every_record_reads_in_each_language() {
        let fields = MinerField::NAMES
            .iter()
            .chain(LicenceField::NAMES)
            .chain(&["body"]);
        for field in fields {
            let id = format!("rec-field-{}", field.replace('_', "-"));
            for lang in Lang::ALL {
                assert_ne!(i18n::text(lang, &id, &[]), id, "{lang:?} lacks {id}");
            }
            // The CSV's words are as they always were.
            assert_eq!(field_words(field), crate::web::format::words(field));
        }
        assert_eq!(
            i18n::with(Lang::Fr, || field_words("birth_year")),
            "année de naissance"
        );
        assert_eq!(
            i18n::with(Lang::Pt, || title_by_id(
                "rec-miner-title-by-id",
                Uuid::from_u128(0x0192_f3a1_0000_7000_8000_0000_0000_0001)
            )),
            "Mineiro n.º 0192f3a1"
        );
        assert_eq!(
            i18n::with(Lang::Fr, || void_text(&"registered twice")),
            "annulé : registered twice"
        );
    }
}
