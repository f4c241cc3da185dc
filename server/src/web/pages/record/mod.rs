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

pub mod erase;
pub mod export;
pub mod history;
pub mod licence;
pub mod miner;
pub mod names;
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
use crate::web::format::words;
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
        .map_err(|_| WebError::BadRequest(format!("{raw:?} is not a record id (a UUID)")))
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
        FactField::Void(reason) => format!("void: {reason}"),
    }
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
        .map_err(|_| WebError::NotFound(format!("there is no page at {}", req.path())))?;
    let id = record_id(req)?;
    if collection == Collection::Region {
        return Ok(see_other(&href(collection, id)));
    }
    let q: RecordQuery = query(req)?;
    let page = given(&q.page)
        .map(|p| {
            p.parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| WebError::BadRequest(format!("page {p:?}: a number from 1")))
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
        format!("Flags about this record ({})", r.flags.len()),
    );
    flags.empty = "No flag is raised about this record.".into();
    let mut tables: Vec<&Table> = shown.tables.iter().collect();
    tables.extend([&flags, &shown.conflicts, &shown.history]);
    if let Some(t) = table::csv_wanted(req)? {
        return table::csv_response(&tables, &t);
    }
    let void = r.stored.state.void_reason();
    let title = match &void {
        Some(_) => format!("{} (void)", shown.title),
        None => shown.title.clone(),
    };
    let body = html! {
        (header(&r, id, &r.names))
        @if let Some(reason) = &void {
            p.void #void data-void=(reason) { "This record is void: " (reason) }
        }
        h2 { "Current values" }
        (shown.fields)
        (shown.more)
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
            (words(collection.name())) " " small.id { (id) }
            " · filed in " (names.link(r.stored.region))
            " · change " (r.stored.seq)
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
