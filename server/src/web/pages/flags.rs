//! `/flags`: the red flags to triage, most urgent first (severity, then newest raised),
//! filtered by kind, state, region (with the regions below it), changed since a day, and
//! a case; shown one flag a row or grouped by root cause into cases, a page at a time,
//! with the count of what matches ([`Core::flag_listing`], [`Core::case_listing`], which
//! keep a regional officer to their regions). A download holds every flag (or case) that
//! matches, from the same function that builds the page's table.
//!
//! `/flags/{id}`: one flag ([`Core::flag`]): its finding in words ([`crate::web::evidence`]),
//! the records it concerns by name, for a production's fix against a licence area a small
//! map ([`crate::web::fix_map`]), its history; and resolving an open flag with a note
//! ([`Core::resolve_flag`], which logs the officer's name as the API does).
//!
//! Every word is in the request's language (the `fl-` messages): kinds, severities, states
//! and events read in plain words ([`crate::web::format::flag_kind`]); their wire names stay
//! in filters, `data-value` and the CSV, whose header is the columns' labels. A finding's
//! sentence reads in the page's language ([`crate::web::finding`]: in English the rule's,
//! as the API gives it), and so does its evidence. Records and regions are named as the
//! officer's role reads them (a miner by id for a role that reads no names), ids kept
//! short beside.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use sync_protocol::clock::Hlc;
use sync_protocol::records::{Collection, Licence};
use uuid::Uuid;

use crate::auth::{Officer, Role};
use crate::core::{Core, FlagListing, FlagView};
use crate::error::ApiError;
use crate::flags::cases::Case;
use crate::flags::{FlagKind, Severity};
use crate::i18n::{t, ta, Arg};
use crate::store::{FlagEventKind, FlagFilter, FlagState};
use crate::web::evidence::{self, Names};
use crate::web::finding;
use crate::web::fix_map::{self, Fix};
use crate::web::format::{cells, flag_kind, shortened, time, wire_name};
use crate::web::pages::record::href;
use crate::web::pages::{given, query, Regions};
use crate::web::table::{self, href_with, Cell, Column, Pager, Table, PER_PAGE};
use crate::web::{blocking, core, layout, Posted, SignedIn, WebError};

/// The page's own layout: a kind, the records concerned and a region wrap (in a table
/// whose other cells do not), so that the row's finding and its short id stay in view;
/// the filters' long kinds do not widen a phone's page.
const STYLE: &str = "#flags td[data-column=kind],#flags td[data-column=concerns],\
#flags td[data-column=region],#cases td[data-column=kind],#cases td[data-column=cause],\
#cases td[data-column=region]{white-space:normal;min-width:8em}\
#flags td[data-column=summary]{min-width:14em}\
#flags td[data-column=id],#cases td[data-column=case]{min-width:0;white-space:nowrap}\
#filters label,#filters select{max-width:100%}";

/// A flag's page: the evidence as two columns, the map no wider than it is drawn.
const DETAIL_STYLE: &str =
    "dl.evidence{display:grid;grid-template-columns:minmax(8em,max-content) 1fr;\
gap:.25rem 1rem;margin:0 0 1rem}dl.evidence div{display:contents}dl.evidence dt{color:#555}\
dl.evidence dd{margin:0}figure.fix-map svg{max-width:480px}";

const STATES: [FlagState; 3] = [FlagState::Open, FlagState::Resolved, FlagState::Closed];

/// Characters of a flag id shown (the whole id is in the link, the tooltip and the CSV).
const SHORT_ID: usize = 10;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FlagQuery {
    region: Option<String>,
    kind: Option<String>,
    state: Option<String>,
    /// `YYYY-MM-DD`: flags raised or changed on that day or later.
    since: Option<String>,
    /// `flags` (one a row, the default) or `cases`.
    view: Option<String>,
    /// A case's cause (with its kind): only that case's flags.
    cause: Option<String>,
    page: Option<String>,
    /// Read by [`table::csv_wanted`]; named here so that any other parameter is refused.
    #[serde(rename = "format")]
    _format: Option<String>,
    #[serde(rename = "table")]
    _table: Option<String>,
}

/// How the flags are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Flags,
    Cases,
}

/// What the query asks for, checked.
#[derive(Debug, Clone)]
struct Asked {
    filter: FlagFilter,
    cause: Option<(FlagKind, Uuid)>,
    view: View,
    page: usize,
}

/// The filter a query asks for; an unknown kind, state, region, day, view or cause is a
/// 400 that says what is expected.
fn asked(q: &FlagQuery) -> Result<Asked, WebError> {
    let bad = |message: &str, v: &str| {
        WebError::BadRequest(ta(message, &[("value", Arg::from(format!("{v:?}")))]))
    };
    let region = given(&q.region)
        .map(|r| r.parse::<Uuid>().map_err(|_| bad("fl-bad-region", r)))
        .transpose()?;
    let kind = given(&q.kind)
        .map(|k| {
            FlagKind::ALL
                .into_iter()
                .find(|f| f.name() == k)
                .ok_or_else(|| bad("fl-bad-kind", k))
        })
        .transpose()?;
    let state = given(&q.state)
        .map(|s| {
            STATES
                .into_iter()
                .find(|x| wire_name(x) == s)
                .ok_or_else(|| bad("fl-bad-state", s))
        })
        .transpose()?;
    let since = given(&q.since)
        .map(|d| {
            sync_protocol::values::parse_day(d)
                .ok()
                .and_then(|day| {
                    let secs = day.midnight().assume_utc().unix_timestamp();
                    u64::try_from(secs).ok().map(|s| Hlc::new(s * 1000, 0))
                })
                .ok_or_else(|| bad("fl-bad-since", d))
        })
        .transpose()?;
    let view = match given(&q.view) {
        None | Some("flags") => View::Flags,
        Some("cases") => View::Cases,
        Some(v) => return Err(bad("fl-bad-view", v)),
    };
    let cause = given(&q.cause)
        .map(|c| {
            let id = c.parse::<Uuid>().map_err(|_| bad("fl-bad-cause", c))?;
            let kind = kind.ok_or_else(|| WebError::BadRequest(t("fl-cause-needs-kind")))?;
            Ok::<_, WebError>((kind, id))
        })
        .transpose()?;
    Ok(Asked {
        filter: FlagFilter {
            regions: None,
            region,
            kind,
            state,
            since,
        },
        cause,
        view,
        page: table::parse_page(given(&q.page))?,
    })
}

/// A flag's state in words (its wire name stays in filters, `data-value` and the CSV).
fn state_words(s: FlagState) -> String {
    t(match s {
        FlagState::Open => "fl-state-open",
        FlagState::Resolved => "fl-state-resolved",
        FlagState::Closed => "fl-state-closed",
    })
}

/// A severity in words.
fn severity_words(s: Severity) -> String {
    t(match s {
        Severity::High => "fl-severity-high",
        Severity::Medium => "fl-severity-medium",
        Severity::Low => "fl-severity-low",
    })
}

/// What happened to a flag, in words.
fn event_words(e: FlagEventKind) -> String {
    t(match e {
        FlagEventKind::Raised => "fl-event-raised",
        FlagEventKind::Updated => "fl-event-updated",
        FlagEventKind::Closed => "fl-event-closed",
        FlagEventKind::Reopened => "fl-event-reopened",
        FlagEventKind::Resolved => "fl-event-resolved",
    })
}

/// A cell of a state: the wire name for machines, words shown.
fn state_cell(s: FlagState) -> Cell {
    Cell::shown_as(wire_name(&s), state_words(s))
}

fn severity_cell(s: Severity) -> Cell {
    Cell::shown_as(wire_name(&s), severity_words(s))
}

fn state_badge(s: FlagState) -> Markup {
    let name = wire_name(&s);
    html! { span class=(format!("badge {name}")) data-state=(name) { (state_words(s)) } }
}

/// The records a flag concerns, by the names the officer reads (a licence's number, a
/// miner's names, a production's short id; a miner by id for a role that reads no names).
/// `kind` names a record's collection: its wire name (the CSV) or its words (the page).
fn concerns(f: &FlagView, kind: impl Fn(Collection) -> String) -> String {
    let named: Vec<String> = f
        .records
        .iter()
        .filter_map(|id| {
            let c = *f.record_collections.get(id)?;
            Some(match f.record_names.get(id) {
                Some(name) if c == Collection::Production || c == Collection::Sale => {
                    format!("{} {name}", kind(c))
                }
                Some(name) => match f.record_holders.get(id) {
                    Some(holder) => format!("{name} ({holder})"),
                    None => name.clone(),
                },
                None => format!("{} {}", kind(c), evidence::short(*id)),
            })
        })
        .collect();
    if named.is_empty() {
        // Not a record (a device, a log entry): the start of its id.
        f.records
            .first()
            .map(|id| evidence::short(*id))
            .unwrap_or_default()
    } else {
        named.join(", ")
    }
}

/// One row per flag; the page's rows and the CSV's (every match) alike, and the flags
/// about a record on its page. `regions` (those the officer reads) name the countries a
/// finding cites.
pub fn flags_table(items: &[FlagView], caption: String, regions: &Regions) -> Table {
    let region_names: BTreeMap<Uuid, &str> = regions
        .0
        .values()
        .map(|r| (r.id, r.name.as_str()))
        .collect();
    let mut table = Table::new(
        "flags",
        caption,
        vec![
            Column::text("severity", t("fl-col-severity")),
            Column::text("kind", t("fl-col-kind")),
            Column::text("concerns", t("fl-col-concerns")),
            Column::text("region", t("fl-col-region")),
            Column::text("state", t("fl-col-state")),
            Column::text("raised_at", t("fl-col-raised")),
            Column::text("summary", t("fl-finding")),
            Column::text("id", t("fl-col-flag")),
        ],
    );
    table.empty = t("fl-no-flag");
    for f in items {
        let href = format!("/flags/{}", f.id);
        let named = concerns(f, |c| c.name().to_string());
        let read = concerns(f, evidence::collection_words);
        table.row(vec![
            severity_cell(f.severity),
            Cell::shown_as(f.kind.name(), flag_kind(f.kind)).linked(&href),
            if read == named {
                named.into()
            } else {
                Cell::shown_as(named, read)
            },
            match (f.region, &f.region_name) {
                (Some(r), Some(name)) => Cell::link(name, format!("/regions/{r}")),
                (Some(r), None) => Cell::short_id(r.to_string(), 8, format!("/regions/{r}")),
                (None, _) => Cell::default(),
            },
            state_cell(f.state),
            time(f.raised_at).into(),
            finding::shown(f, &region_names).into(),
            Cell::short_id(&f.id, SHORT_ID, &href),
        ]);
    }
    table
}

/// One row per case; the page's rows and the CSV's alike. A case links to its flags.
fn cases_table(cases: &[Case], caption: String, state: Option<FlagState>) -> Table {
    let mut table = Table::new(
        "cases",
        caption,
        vec![
            Column::text("severity", t("fl-col-severity")),
            Column::text("kind", t("fl-col-kind")),
            Column::text("cause", t("fl-col-cause")),
            Column::text("region", t("fl-col-region")),
            Column::text("state", t("fl-col-state")),
            Column::number("flags", t("fl-col-flags")),
            Column::number("open", t("fl-col-open")),
            Column::text("first_raised", t("fl-col-first-raised")),
            Column::text("last_updated", t("fl-col-last-changed")),
            Column::text("case", t("fl-col-case")),
        ],
    );
    table.empty = t("fl-no-case");
    for c in cases {
        let state_q = state.map(|s| wire_name(&s));
        let href = href_with(
            "/flags",
            "",
            &[
                ("kind", Some(c.kind.name())),
                ("cause", Some(&c.cause.to_string())),
                ("state", state_q.as_deref()),
            ],
        );
        table.row(vec![
            severity_cell(c.severity),
            Cell::shown_as(c.kind.name(), flag_kind(c.kind)),
            Cell::link(
                c.cause_name
                    .clone()
                    .unwrap_or_else(|| evidence::short(c.cause)),
                &href,
            ),
            match (c.region, &c.region_name) {
                (Some(r), Some(name)) => Cell::link(name, format!("/regions/{r}")),
                _ => Cell::default(),
            },
            state_cell(c.state),
            cells::count(i64::try_from(c.flags).unwrap_or(i64::MAX)),
            cells::count(i64::try_from(c.open).unwrap_or(i64::MAX)),
            time(c.first_raised).into(),
            time(c.last_updated).into(),
            Cell::short_id(&c.id, SHORT_ID + 8, &href),
        ]);
    }
    table
}

/// What the list page read.
enum Listed {
    Flags(FlagListing),
    Cases(Vec<Case>),
}

fn read(core: &Core, officer: &Officer, a: &Asked, all: bool) -> Result<Listed, ApiError> {
    Ok(match a.view {
        View::Cases => Listed::Cases(core.case_listing(officer, a.filter.clone())?),
        View::Flags if all => {
            Listed::Flags(core.flag_listing(officer, a.filter.clone(), a.cause, None)?)
        }
        View::Flags => {
            let range = |page: usize| (page - 1) * PER_PAGE..page * PER_PAGE;
            let listing =
                core.flag_listing(officer, a.filter.clone(), a.cause, Some(range(a.page)))?;
            // Past the last page: the last page.
            let last = Pager::new(a.page, listing.total).page;
            if last != a.page {
                Listed::Flags(core.flag_listing(
                    officer,
                    a.filter.clone(),
                    a.cause,
                    Some(range(last)),
                )?)
            } else {
                Listed::Flags(listing)
            }
        }
    })
}

fn filters(shown: &Asked, regions: &Regions, view: View) -> Markup {
    let f = &shown.filter;
    let since = f.since.map(|s| crate::web::format::day(s).to_string());
    html! {
        form.filters #filters name="filters" method="get" action="/flags" {
            @if view == View::Cases { input type="hidden" name="view" value="cases"; }
            label { (t("fl-col-kind")) select name="kind" {
                option value="" selected[f.kind.is_none()] { (t("fl-any-kind")) }
                @for k in FlagKind::ALL {
                    option value=(k.name()) selected[f.kind == Some(k)] { (flag_kind(k)) }
                }
            } }
            label { (t("fl-col-state")) select name="state" {
                option value="" selected[f.state.is_none()] { (t("fl-any-state")) }
                @for s in STATES {
                    option value=(wire_name(&s)) selected[f.state == Some(s)] { (state_words(s)) }
                }
            } }
            label { (t("fl-filter-region")) (regions.select("region", f.region, Some(&t("fl-any-region")))) }
            label { (t("fl-filter-since")) input type="date" name="since" value=[since]; }
            @if let Some((_, cause)) = shown.cause { input type="hidden" name="cause" value=(cause); }
            button type="submit" { (t("fl-filter")) }
            a href=(if view == View::Cases { "/flags?view=cases" } else { "/flags" }) { (t("fl-clear")) }
        }
    }
}

/// A list's caption with the page shown: "Flags, most urgent first (page 1 of 2)".
fn page_caption(id: &str, pager: &Pager) -> String {
    ta(
        id,
        &[
            ("page", Arg::from(pager.page.to_string())),
            ("pages", Arg::from(pager.pages().to_string())),
        ],
    )
}

/// `GET /flags?kind=…&state=…&region=…&since=…&view=flags|cases&cause=…&page=…[&format=csv]`
pub async fn list(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let q: FlagQuery = query(&req)?;
    let a = asked(&q)?;
    if let Some(r) = a.filter.region {
        // As on every page: a region outside the officer's scope is refused, not emptied.
        signed.officer.require_region(r)?;
    }
    let csv = table::csv_wanted(&req)?;
    let core = core(&req)?;
    let officer = signed.officer.clone();
    let shown = a.clone();
    let all = csv.is_some();
    let (listed, regions) = blocking(move || {
        let regions = Regions::readable(&core, &officer)?;
        Ok((read(&core, &officer, &shown, all)?, regions))
    })
    .await?;
    let (path, query_string) = (req.path(), req.query_string());
    let state = a.filter.state;
    let (table, pager, counts) = match &listed {
        Listed::Flags(l) => {
            let pager = Pager::new(a.page, l.total);
            let caption = page_caption("fl-caption-flags", &pager);
            (
                flags_table(&l.items, caption, &regions),
                pager,
                (l.total, l.cases),
            )
        }
        Listed::Cases(cases) => {
            let pager = Pager::new(a.page, cases.len());
            let flags: usize = cases.iter().map(|c| c.flags).sum();
            let rows = if all {
                &cases[..]
            } else {
                &cases[pager.range()]
            };
            let caption = page_caption("fl-caption-cases", &pager);
            (
                cases_table(rows, caption, state),
                pager,
                (flags, cases.len()),
            )
        }
    };
    if let Some(id) = csv {
        return table::csv_response(&[&table], &id);
    }
    let counted = match a.view {
        View::Flags => "count-flags",
        View::Cases => "count-cases",
    };
    let tab = |v: &str| href_with(path, query_string, &[("view", Some(v)), ("page", None)]);
    let body = html! {
        style { (PreEscaped(STYLE)) }
        (filters(&a, &regions, a.view))
        nav.tabs #views aria-label=(t("fl-views")) {
            a href=(tab("flags")) aria-current=[(a.view == View::Flags).then_some("page")] data-view="flags" data-count=(counts.0) {
                (ta("fl-tab-flags", &[("count", Arg::from(counts.0))]))
            }
            " · "
            a href=(tab("cases")) aria-current=[(a.view == View::Cases).then_some("page")] data-view="cases" data-count=(counts.1) {
                (ta("fl-tab-cases", &[("count", Arg::from(counts.1))]))
            }
        }
        @if let Some((kind, cause)) = a.cause {
            p.note #case data-cause=(cause) {
                (ta("fl-case-note", &[("kind", Arg::from(flag_kind(kind))), ("cause", Arg::from(evidence::short(cause)))]))
                " "
                a href=(href_with(path, query_string, &[("cause", None), ("page", None)])) { (t("fl-all-flags")) }
            }
        }
        p.count #count data-total=(pager.total) data-first=(pager.range().start + usize::from(pager.total > 0)) data-last=(pager.range().end) {
            (pager.counted(counted))
        }
        (table.html(&req))
        (pager.links(path, query_string, "page", "count"))
    };
    Ok(layout::ok(layout::page(
        &signed,
        "/flags",
        &t("fl-title"),
        body,
    )))
}

/// The licence area and fix of a flag about a production's GPS fix against a licence,
/// when the officer may read the licence.
fn fix_of(
    core: &Core,
    officer: &Officer,
    flag: &FlagView,
) -> Option<(String, Option<sync_protocol::values::Polygon>, Fix)> {
    if !matches!(
        flag.kind,
        FlagKind::OutsideLicenceArea | FlagKind::OutsideCountry
    ) {
        return None;
    }
    let e = &flag.evidence;
    let fix = Fix {
        lon: e.get("lon")?.as_f64()?,
        lat: e.get("lat")?.as_f64()?,
        accuracy_m: e.get("accuracy_m").and_then(|a| a.as_f64()).unwrap_or(0.0),
    };
    let lic: Uuid = e.get("licence")?.as_str()?.parse().ok()?;
    let stored = core.record(officer, Collection::Licence, lic).ok()?;
    let licence = match &stored.state {
        sync_protocol::records::AnyRecord::Licence(s) => Licence::from_state(s)?,
        _ => return None,
    };
    Some((licence.number.to_string(), licence.area, fix))
}

/// `GET /flags/{id}`
pub async fn detail(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let id = req.match_info().get("id").unwrap_or("").to_string();
    let core = core(&req)?;
    let officer = signed.officer.clone();
    let (flag, regions, fix) = blocking(move || {
        let flag = core.flag(&officer, &id)?;
        let fix = fix_of(&core, &officer, &flag);
        Ok((flag, Regions::readable(&core, &officer)?, fix))
    })
    .await?;
    let mut history = Table::new(
        "history",
        t("fl-history"),
        vec![
            Column::text("at", t("fl-col-when")),
            Column::text("event", t("fl-col-event")),
            Column::text("by", t("fl-col-by")),
            Column::text("note", t("fl-col-note")),
        ],
    );
    for e in &flag.history {
        history.row(vec![
            time(e.at).into(),
            Cell::shown_as(wire_name(&e.event), event_words(e.event)),
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
    let names = Names {
        records: flag.record_names.clone(),
        collections: flag.record_collections.clone(),
        regions: regions
            .0
            .values()
            .map(|r| (r.id, r.name.as_str()))
            .collect(),
    };
    let case_href = {
        let cause = match flag.records.as_slice() {
            [_, cause, ..] if flag.kind != FlagKind::ImplausibleProductivity => Some(*cause),
            [only, ..] => Some(*only),
            [] => None,
        };
        cause.map(|c| {
            href_with(
                "/flags",
                "",
                &[
                    ("kind", Some(flag.kind.name())),
                    ("cause", Some(&c.to_string())),
                ],
            )
        })
    };
    let body = html! {
        style { (PreEscaped(DETAIL_STYLE)) }
        p { a href="/flags" { (t("fl-all-flags")) }
            @if let Some(h) = &case_href { " · " a #case-flags href=(h) { (t("fl-case-flags")) } } }
        dl.figures #flag data-flag=(flag.id) {
            div { dt { (t("fl-col-kind")) } dd data-figure="kind" data-value=(flag.kind.name()) { (flag_kind(flag.kind)) } }
            div { dt { (t("fl-col-severity")) } dd data-figure="severity" data-value=(wire_name(&flag.severity)) { (severity_words(flag.severity)) } }
            div { dt { (t("fl-col-state")) } dd data-figure="state" data-value=(wire_name(&flag.state)) { (state_badge(flag.state)) } }
            div { dt { (t("fl-col-region")) } dd data-figure="region" data-value=(flag.region.map(|r| r.to_string()).unwrap_or_default()) {
                @if let Some(r) = flag.region { a href=(format!("/regions/{r}")) { (regions.name(r)) } }
            } }
            div { dt { (t("fl-col-raised")) } dd data-figure="raised_at" data-value=(flag.raised_at) { (time(flag.raised_at)) } }
            div { dt { (t("fl-col-flag")) } dd.id title=(flag.id) { (shortened(&flag.id, SHORT_ID)) } }
        }
        h2 { (t("fl-finding")) }
        p #summary { (finding::shown(&flag, &names.regions)) }
        h3 { (t("fl-records-concerned")) }
        ul #records {
            @for r in &flag.records {
                li data-id=(r) {
                    @match flag.record_collections.get(r) {
                        Some(c) => {
                            (evidence::collection_words(*c)) " "
                            a href=(href(*c, *r)) title=(r) {
                                (flag.record_names.get(r).cloned().unwrap_or_else(|| evidence::short(*r)))
                            }
                            @if let Some(holder) = flag.record_holders.get(r) {
                                " " (ta("fl-held-by", &[("holder", Arg::from(holder.as_str()))]))
                            }
                        }
                        None => span title=(r) { (evidence::short(*r)) },
                    }
                }
            }
        }
        h3 { (t("fl-evidence")) }
        (evidence::list(&flag.evidence, &names))
        @if let Some((number, area, fix)) = &fix {
            h3 { (t("fl-fix-heading")) }
            (fix_map::render(number, area.as_ref(), *fix))
        }
        (history.html(&req))
        @if may_resolve {
            h2 { (t("fl-resolve")) }
            form #resolve name="resolve" method="post" action=(format!("/flags/{}/resolve", flag.id)) {
                input type="hidden" name="csrf" value=(signed.csrf);
                label { (t("fl-resolve-note")) textarea name="note" rows="3" cols="40" required {} }
                p { button type="submit" { (t("fl-resolve-submit")) } }
            }
        }
    };
    let title = ta(
        "fl-flag-title",
        &[("kind", Arg::from(flag_kind(flag.kind)))],
    );
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
    use crate::i18n::{self, Lang};

    #[test]
    fn words_follow_the_language_and_counts_their_plural() {
        assert_eq!(state_words(FlagState::Resolved), "resolved");
        assert_eq!(
            i18n::with(Lang::Fr, || state_words(FlagState::Open)),
            "ouvert"
        );
        assert_eq!(
            i18n::with(Lang::Pt, || severity_words(Severity::High)),
            "alta"
        );
        let cases = |lang, n: usize| i18n::text(lang, "fl-tab-cases", &[("count", Arg::from(n))]);
        assert_eq!(
            cases(Lang::En, 1394),
            "Grouped by root cause (1\u{202f}394 cases)"
        );
        assert_eq!(cases(Lang::Pt, 1), "Agrupados por causa (1 caso)");
        assert_eq!(cases(Lang::Pt, 2), "Agrupados por causa (2 casos)");
        assert_eq!(cases(Lang::Fr, 2), "Regroupés par cause première (2 cas)");
        let bad = i18n::with(Lang::Fr, || {
            asked(&FlagQuery {
                view: Some("grid".into()),
                ..Default::default()
            })
        });
        match bad {
            Err(WebError::BadRequest(m)) => assert_eq!(m, "affichage \"grid\" : flags ou cases"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn filters_are_read_by_their_wire_names() {
        let q = FlagQuery {
            region: Some(String::new()),
            kind: Some("licence_not_valid".into()),
            state: Some("open".into()),
            since: Some("2026-05-01".into()),
            cause: Some(Uuid::from_u128(7).to_string()),
            view: Some("cases".into()),
            page: Some("3".into()),
            ..Default::default()
        };
        let a = asked(&q).unwrap();
        assert_eq!(a.filter.region, None);
        assert_eq!(a.filter.kind, Some(FlagKind::LicenceNotValid));
        assert_eq!(a.filter.state, Some(FlagState::Open));
        // 2026-05-01 00:00 UTC
        assert_eq!(a.filter.since, Some(Hlc::new(1_777_593_600_000, 0)));
        assert_eq!(
            a.cause,
            Some((FlagKind::LicenceNotValid, Uuid::from_u128(7)))
        );
        assert_eq!((a.view, a.page), (View::Cases, 3));
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
            FlagQuery {
                since: Some("2026-13-01".into()),
                ..Default::default()
            },
            FlagQuery {
                view: Some("grid".into()),
                ..Default::default()
            },
            FlagQuery {
                cause: Some(Uuid::from_u128(7).to_string()),
                ..Default::default()
            },
            FlagQuery {
                page: Some("0".into()),
                ..Default::default()
            },
            FlagQuery {
                page: Some("-1".into()),
                ..Default::default()
            },
        ] {
            assert!(
                matches!(asked(&bad), Err(WebError::BadRequest(_))),
                "{bad:?}"
            );
        }
    }
}
