//! `/flags`: red flags filtered by region, kind and state, a page at a time
//! ([`Core::flags`], which keeps a regional officer to their regions); `/flags/{id}`: one
//! flag with its evidence and history ([`Core::flag`]); and resolving an open flag with a
//! note ([`Core::resolve_flag`], which logs the officer's name as the API does).

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Role;
use crate::core::FlagView;
use crate::flags::FlagKind;
use crate::store::{FlagFilter, FlagState};
use crate::web::format::{time, wire_name, words};
use crate::web::pages::{given, query, Regions};
use crate::web::table::{self, Cell, Column, Table};
use crate::web::{blocking, core, layout, Posted, SignedIn, WebError};

/// Flags per page.
const PAGE: usize = 100;

const STATES: [FlagState; 3] = [FlagState::Open, FlagState::Resolved, FlagState::Closed];

#[derive(Debug, Default, Deserialize)]
struct FlagQuery {
    region: Option<String>,
    kind: Option<String>,
    state: Option<String>,
    after: Option<String>,
}

/// The filter a query asks for; an unknown kind, state or region is a 400.
fn filter(q: &FlagQuery) -> Result<FlagFilter, WebError> {
    let bad = |what: &str, v: &str| WebError::BadRequest(format!("no {what} {v:?}"));
    let region = given(&q.region)
        .map(|r| r.parse::<Uuid>().map_err(|_| bad("region", r)))
        .transpose()?;
    let kind = given(&q.kind)
        .map(|k| {
            FlagKind::ALL
                .into_iter()
                .find(|f| f.name() == k)
                .ok_or_else(|| bad("flag kind", k))
        })
        .transpose()?;
    let state = given(&q.state)
        .map(|s| {
            STATES
                .into_iter()
                .find(|x| wire_name(x) == s)
                .ok_or_else(|| bad("flag state", s))
        })
        .transpose()?;
    Ok(FlagFilter {
        regions: None,
        region,
        kind,
        state,
        since: None,
    })
}

fn state_badge(s: FlagState) -> maud::Markup {
    let name = wire_name(&s);
    html! { span class=(format!("badge {name}")) data-state=(name) { (name) } }
}

/// A table of flags (a listing's page, the flags about a record).
pub fn list_table(items: &[FlagView], caption: String, regions: &Regions) -> Table {
    let mut t = Table::new(
        "flags",
        caption,
        vec![
            Column::text("kind", "Kind"),
            Column::text("severity", "Severity"),
            Column::text("state", "State"),
            Column::text("region", "Region"),
            Column::text("summary", "Summary"),
            Column::text("raised_at", "Raised"),
            Column::text("updated_at", "Updated"),
            Column::text("id", "Flag"),
        ],
    );
    t.empty = "No flag matches.";
    for f in items {
        let region = f.region.map(|r| regions.name(r)).unwrap_or_default();
        t.row(vec![
            Cell::link(f.kind.name(), format!("/flags/{}", f.id)),
            wire_name(&f.severity).into(),
            wire_name(&f.state).into(),
            match f.region {
                Some(r) => Cell::link(region, format!("/regions/{r}")),
                None => Cell::default(),
            },
            f.summary.clone().into(),
            f.raised_at.rfc3339().into(),
            f.updated_at.rfc3339().into(),
            Cell::link(&f.id, format!("/flags/{}", f.id)),
        ]);
    }
    t
}

/// `GET /flags?region=…&kind=…&state=…&after=…[&format=csv]`
pub async fn list(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let q: FlagQuery = query(&req)?;
    let f = filter(&q)?;
    if let Some(r) = f.region {
        // As on every page: a region outside the officer's scope is refused, not emptied.
        signed.officer.require_region(r)?;
    }
    let core = core(&req)?;
    let officer = signed.officer.clone();
    let after = given(&q.after).map(str::to_string);
    let shown = f.clone();
    let (page, regions) = blocking(move || {
        let regions = Regions::readable(&core, &officer)?;
        Ok((core.flags(&officer, f, after.as_deref(), PAGE)?, regions))
    })
    .await?;
    let t = list_table(
        &page.items,
        format!("Flags ({} on this page)", page.items.len()),
        &regions,
    );
    if let Some(id) = table::csv_wanted(&req)? {
        return table::csv_response(&[&t], &id);
    }
    let next = page.next.as_ref().map(|n| {
        let mut pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
        pairs.retain(|(k, _)| k != "after");
        pairs.push(("after".into(), n.clone()));
        format!(
            "/flags?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    });
    let body = html! {
        form.filters #filters name="filters" method="get" action="/flags" {
            label { "Region" (regions.select("region", shown.region, Some("any region"))) }
            label { "Kind" select name="kind" {
                option value="" selected[shown.kind.is_none()] { "any kind" }
                @for k in FlagKind::ALL {
                    option value=(k.name()) selected[shown.kind == Some(k)] { (words(k.name())) }
                }
            } }
            label { "State" select name="state" {
                option value="" selected[shown.state.is_none()] { "any state" }
                @for s in STATES {
                    option value=(wire_name(&s)) selected[shown.state == Some(s)] { (wire_name(&s)) }
                }
            } }
            button type="submit" { "Filter" }
        }
        (t.html(&req))
        @if let Some(href) = next { p { a #next-page href=(href) { "Next page" } } }
    };
    Ok(layout::ok(layout::page(&signed, "/flags", "Flags", body)))
}

/// `GET /flags/{id}`
pub async fn detail(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let id = req.match_info().get("id").unwrap_or("").to_string();
    let core = core(&req)?;
    let officer = signed.officer.clone();
    let (flag, regions) = blocking(move || {
        let flag = core.flag(&officer, &id)?;
        Ok((flag, Regions::readable(&core, &officer)?))
    })
    .await?;
    let mut history = Table::new(
        "history",
        "History",
        vec![
            Column::text("at", "When"),
            Column::text("event", "Event"),
            Column::text("by", "By"),
            Column::text("note", "Note"),
        ],
    );
    for e in &flag.history {
        history.row(vec![
            time(e.at).into(),
            wire_name(&e.event).into(),
            e.by.clone().unwrap_or_default().into(),
            e.note.clone().unwrap_or_default().into(),
        ]);
    }
    if let Some(t) = table::csv_wanted(&req)? {
        return table::csv_response(&[&history], &t);
    }
    let may_resolve = flag.state == FlagState::Open
        && matches!(
            signed.officer.role,
            Role::Admin | Role::NationalOfficer | Role::RegionalOfficer
        );
    let evidence = serde_json::to_string_pretty(&flag.evidence).unwrap_or_default();
    let body = html! {
        p { a href="/flags" { "All flags" } }
        dl.figures #flag data-flag=(flag.id) {
            div { dt { "Kind" } dd data-figure="kind" data-value=(flag.kind.name()) { (words(flag.kind.name())) } }
            div { dt { "Severity" } dd data-figure="severity" data-value=(wire_name(&flag.severity)) { (wire_name(&flag.severity)) } }
            div { dt { "State" } dd data-figure="state" data-value=(wire_name(&flag.state)) { (state_badge(flag.state)) } }
            div { dt { "Region" } dd data-figure="region" data-value=(flag.region.map(|r| r.to_string()).unwrap_or_default()) {
                @if let Some(r) = flag.region { a href=(format!("/regions/{r}")) { (regions.name(r)) } }
            } }
            div { dt { "Raised" } dd data-figure="raised_at" data-value=(flag.raised_at) { (time(flag.raised_at)) } }
        }
        h2 { "Finding" }
        p #summary { (flag.summary) }
        p.note #records { "Records: " @for (i, r) in flag.records.iter().enumerate() {
            @if i > 0 { ", " }
            a href=(format!("/records/{r}")) data-record=(r) {
                @if let Some(name) = flag.record_names.get(r) { (name) " " }
                small.id { (r) }
            }
        } }
        pre #evidence { (evidence) }
        (history.html(&req))
        @if may_resolve {
            h2 { "Resolve" }
            form #resolve name="resolve" method="post" action=(format!("/flags/{}/resolve", flag.id)) {
                input type="hidden" name="csrf" value=(signed.csrf);
                label { "Note (what was found, what was done)" textarea name="note" rows="3" cols="60" required {} }
                p { button type="submit" { "Resolve" } }
            }
        }
    };
    let title = format!("Flag: {}", words(flag.kind.name()));
    Ok(layout::ok(layout::page(&signed, "/flags", &title, body)))
}

#[derive(Debug, Deserialize)]
pub struct ResolveForm {
    #[serde(default)]
    note: String,
}

/// `POST /flags/{id}/resolve` (note, csrf): back to the flag.
pub async fn resolve(
    req: HttpRequest,
    posted: Posted<ResolveForm>,
) -> Result<HttpResponse, WebError> {
    let id = req.match_info().get("id").unwrap_or("").to_string();
    let core = core(&req)?;
    let officer = posted.signed.officer.clone();
    let note = posted.form.note;
    let flag = blocking(move || core.resolve_flag(&officer, &id, &note)).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("location", format!("/flags/{}", flag.id)))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_read_by_their_wire_names() {
        let q = FlagQuery {
            region: Some(String::new()),
            kind: Some("licence_not_valid".into()),
            state: Some("open".into()),
            after: None,
        };
        let f = filter(&q).unwrap();
        assert_eq!(f.region, None);
        assert_eq!(f.kind, Some(FlagKind::LicenceNotValid));
        assert_eq!(f.state, Some(FlagState::Open));
        for bad in [
            FlagQuery {
                kind: Some("nope".into()),
                ..Default::default()
            },
            FlagQuery {
                state: Some("shut".into()),
                ..Default::default()
            },
            FlagQuery {
                region: Some("x".into()),
                ..Default::default()
            },
        ] {
            assert!(matches!(filter(&bad), Err(WebError::BadRequest(_))));
        }
    }
}
