//! `/regions/{id}`: one region (with the regions below it) for a period: the regional
//! rollup by month as a table and charts ([`Core::regional_report`], which refuses a region
//! outside the officer's scope); the regions right below it with their figures for the
//! period (the same report, one per region); then one list of its records at a time —
//! licences, miners or productions ([`crate::web::reads`]) — a page at a time, searchable.
//!
//! A region with regions below it lists only the records filed in itself: its districts'
//! records are on the districts' pages, reached from their row. A search looks through
//! everything below it.
//!
//! The address: `from`, `to` (the period), `list` (`licences`, `miners`, `production`),
//! `page` (from 1), `q` (the search), and `format=csv&table=ID` for a download: a list's
//! CSV holds every record the search finds, not only the page shown. Links change one of
//! these and keep the others.

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;
use sync_protocol::records::{Collection, Holder, Licence, Miner, Production};
use sync_protocol::values::{format_day, Day};
use uuid::Uuid;

use crate::auth::Officer;
use crate::core::Core;
use crate::error::ApiError;
use crate::i18n::{t, ta, Arg};
use crate::reports::regional::RegionalRow;
use crate::web::format::{self, cells, grouped, hundredths_grouped, value_words, wire_name, words};
use crate::web::pages::record::href;
use crate::web::pages::{given, path_id, query, spliced, worded, worded_by, Regions, MARK};
use crate::web::period::{self, Months, PeriodQuery};
use crate::web::reads::{region_records, Listed, Reach, RegionRecords, Search, MAX_SEARCH};
use crate::web::svg::{self, Chart, Series};
use crate::web::table::{self, href_with, Cell, Column, Pager, Table};
use crate::web::{blocking, core, layout, SignedIn, WebError};

/// Characters of an id shown in a table (the whole id is in its tooltip and the CSV).
const SHORT_ID: usize = 8;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionQuery {
    from: Option<String>,
    to: Option<String>,
    list: Option<String>,
    page: Option<String>,
    q: Option<String>,
    /// Read by [`table::csv_wanted`]; named here so that any other parameter is refused.
    #[serde(rename = "format")]
    _format: Option<String>,
    #[serde(rename = "table")]
    _table: Option<String>,
}

/// The lists of records a region's page shows, one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Licences,
    Miners,
    Production,
}

impl List {
    const ALL: [List; 3] = [List::Licences, List::Miners, List::Production];

    /// Its name in the address, and its table's id.
    fn key(self) -> &'static str {
        match self {
            List::Licences => "licences",
            List::Miners => "miners",
            List::Production => "production",
        }
    }

    fn parse(s: Option<&str>) -> Result<Self, WebError> {
        match s {
            None => Ok(List::Licences),
            Some(s) => List::ALL.into_iter().find(|l| l.key() == s).ok_or_else(|| {
                WebError::BadRequest(ta("reg-no-list", &[("list", Arg::from(format!("{s:?}")))]))
            }),
        }
    }

    /// The message of its count.
    fn counted(self) -> &'static str {
        match self {
            List::Licences => "count-licences",
            List::Miners => "count-miners",
            List::Production => "count-productions",
        }
    }
}

/// A region right below the page's, with its figures for the period.
struct Below {
    id: Uuid,
    name: String,
    /// Registered at the period's end.
    miners: i64,
    /// Active at the period's end.
    licences: i64,
    production_records: i64,
    carats_hundredths: i64,
    flags_raised: i64,
}

impl Below {
    fn of(id: Uuid, name: String, rows: &[RegionalRow]) -> Self {
        let last = rows.last();
        Self {
            id,
            name,
            miners: last.map_or(0, |r| r.miners_total),
            licences: last.map_or(0, |r| r.licences_active),
            production_records: rows.iter().map(|r| r.production_records).sum(),
            carats_hundredths: rows.iter().map(|r| r.carats_hundredths).sum(),
            flags_raised: rows
                .iter()
                .map(|r| r.flags_raised.values().sum::<i64>())
                .sum(),
        }
    }
}

struct RegionPage {
    name: String,
    parent: Option<(Uuid, String)>,
    below: Vec<Below>,
    rows: Vec<RegionalRow>,
    records: RegionRecords,
    /// Which records were read: the region's own (it has regions below and no search was
    /// made), or everything below it.
    reach: Reach,
    regions: Regions,
    /// Whether the officer reads people's names ([`crate::privacy`]).
    sees_names: bool,
    /// Whether the officer may search by national id ([`crate::privacy`]: the roles that
    /// read it whole).
    searches_national_ids: bool,
    /// The server's day, for licences past their last day.
    today: Day,
}

fn read(
    core: &Core,
    officer: &Officer,
    id: Uuid,
    months: Months,
    search: Option<&Search>,
) -> Result<RegionPage, ApiError> {
    // The scope first: outside it, whether the region exists is none of the officer's business.
    officer.require_region(id)?;
    let regions = Regions::readable(core, officer)?;
    let known = regions.0.contains_key(&id) || core.regions_with_figures(officer)?.contains(&id);
    if !known {
        return Err(ApiError::new(
            sync_protocol::api::ErrorCode::NotFound,
            format!("no region {id} has been imported or has figures"),
        ));
    }
    let summary = regions.0.get(&id);
    let parent = summary
        .and_then(|r| r.parent)
        .filter(|p| officer.can_read(*p))
        .map(|p| (p, regions.name(p)));
    let mut below = Vec::new();
    for r in regions.0.values().filter(|r| r.parent == Some(id)) {
        let rows = core.regional_report(officer, Some(r.id), months.from, months.to)?;
        below.push(Below::of(r.id, r.name.clone(), &rows));
    }
    below.sort_by(|a, b| a.name.cmp(&b.name));
    let reach = if below.is_empty() || search.is_some() {
        Reach::Below
    } else {
        Reach::Own
    };
    Ok(RegionPage {
        name: regions.name(id),
        parent,
        below,
        rows: core.regional_report(officer, Some(id), months.from, months.to)?,
        records: region_records(core, officer, id, reach, search)?,
        reach,
        regions,
        sees_names: crate::privacy::sees_names(officer.role),
        searches_national_ids: crate::privacy::miner_field(officer.role, "national_id")
            == crate::privacy::Seen::Full,
        today: format::day(core.now()),
    })
}

fn monthly(p: &RegionPage, months: Months) -> Table {
    let mut table = Table::new(
        "monthly",
        ta(
            "reg-monthly-caption",
            &[("period", Arg::from(months.describe()))],
        ),
        vec![
            Column::text("month", t("reg-col-month")),
            Column::number("production_records", t("reg-col-production-records")),
            Column::number("digger_days", t("reg-col-digger-days")),
            Column::number("gravel_m3", t("reg-col-gravel")),
            Column::number("carats", t("reg-col-carats")),
            Column::number("stones", t("reg-col-stones")),
            Column::number("mean_stone_ct", t("reg-col-mean-stone")),
            Column::number("sales_usd", t("reg-col-sales-usd")),
            Column::number("usd_per_carat", t("reg-col-usd-per-carat")),
            Column::number("miners_total", t("reg-col-miners")),
            Column::number("licences_active", t("reg-col-licences-active")),
            Column::number("flags_raised", t("reg-col-flags-raised")),
        ],
    );
    for r in &p.rows {
        table.row(vec![
            r.month.clone().into(),
            cells::count(r.production_records),
            cells::count(r.digger_days),
            cells::decimal(r.gravel_litres as f64 / 1000.0, 3),
            cells::hundredths(r.carats_hundredths),
            cells::count(r.stones),
            cells::ratio(r.mean_stone_ct, 2),
            cells::hundredths(r.sales_cents),
            cells::ratio(r.usd_per_carat, 2),
            cells::count(r.miners_total),
            cells::count(r.licences_active),
            cells::count(r.flags_raised.values().sum::<i64>()),
        ]);
    }
    table
}

/// The regions right below, each a row of its figures, linked to its page for the period.
fn below(p: &RegionPage, months: Months) -> Table {
    let mut table = Table::new(
        "regions",
        ta(
            "reg-below-caption",
            &[
                ("name", Arg::from(p.name.as_str())),
                ("period", Arg::from(months.describe())),
            ],
        ),
        vec![
            Column::text("region", t("reg-col-region")),
            Column::number("miners", t("reg-col-miners-registered")),
            Column::number("licences_active", t("reg-col-licences-active")),
            Column::number("production_records", t("reg-col-production-records")),
            Column::number("carats", t("reg-col-carats")),
            Column::number("flags_raised", t("reg-col-flags-raised")),
            Column::text("id", t("reg-col-id")),
        ],
    );
    for b in &p.below {
        let href = format!("/regions/{}?{}", b.id, months.query());
        table.row(vec![
            Cell::link(&b.name, &href),
            cells::count(b.miners),
            cells::count(b.licences),
            cells::count(b.production_records),
            cells::hundredths(b.carats_hundredths),
            cells::count(b.flags_raised),
            Cell::short_id(b.id.to_string(), SHORT_ID, href),
        ]);
    }
    table
}

/// The id column of a record: its first characters, linked to its page.
fn id_cell(collection: Collection, id: Uuid) -> Cell {
    Cell::short_id(id.to_string(), SHORT_ID, href(collection, id))
}

/// A miner as this officer may name them: their names, else `miner #0192f3a1` (a role
/// that reads no names reads a person by id), in the page's language (the CSV's in
/// English).
fn miner_label(p: &RegionPage, id: Uuid) -> Cell {
    match p.records.miner_names.get(&id) {
        Some(names) => names.clone().into(),
        None => {
            let short = &id.simple().to_string()[..SHORT_ID];
            worded_by(|| ta("reg-miner-by-id", &[("id", Arg::from(short))]))
        }
    }
}

/// An enum's value: its words in the page's language, as the CSV has them in English
/// (`english`: the words the CSV always held).
fn value_cell(english: String, wire: &str) -> Cell {
    worded(english, value_words(wire))
}

fn holder(l: &Licence, p: &RegionPage) -> Cell {
    match &l.holder {
        Holder::Organisation(name) => name.to_string().into(),
        Holder::Miner(id) => miner_label(p, *id).linked(href(Collection::Miner, *id)),
    }
}

fn licences(p: &RegionPage, rows: &[Listed<Licence>], caption: String) -> Table {
    let mut table = Table::new(
        List::Licences.key(),
        caption,
        vec![
            Column::text("number", t("reg-col-number")),
            Column::text("kind", t("reg-col-kind")),
            Column::text("holder", t("reg-col-holder")),
            Column::text("mineral", t("reg-col-mineral")),
            Column::text("issued", t("reg-col-issued")),
            Column::text("expires", t("reg-col-expires")),
            Column::text("status", t("reg-col-status")),
            Column::text("region", t("reg-col-region")),
            Column::text("id", t("reg-col-id")),
        ],
    );
    table.empty = t("reg-no-licences");
    for (id, filed, l) in rows {
        let (kind, mineral) = (wire_name(&l.kind), wire_name(&l.mineral));
        table.row(vec![
            Cell::link(l.number.to_string(), href(Collection::Licence, *id)),
            value_cell(words(&kind), &kind),
            holder(l, p),
            value_cell(mineral.clone(), &mineral),
            format_day(l.issued).into(),
            format_day(l.expires).into(),
            worded_by(|| format::licence_standing(l.status, l.issued, l.expires, p.today)),
            p.regions.name(*filed).into(),
            id_cell(Collection::Licence, *id),
        ]);
    }
    table
}

fn miners(p: &RegionPage, rows: &[Listed<Miner>], caption: String) -> Table {
    let mut table = Table::new(
        List::Miners.key(),
        caption,
        vec![
            Column::text("names", t("reg-col-names")),
            Column::text("sex", t("reg-col-sex")),
            Column::number("birth_year", t("reg-col-born")),
            Column::text("cooperative", t("reg-col-cooperative")),
            Column::text("registered_on", t("reg-col-registered")),
            Column::text("region", t("reg-col-region")),
            Column::text("id", t("reg-col-id")),
        ],
    );
    table.empty = if p.sees_names {
        t("reg-no-miners")
    } else {
        t("reg-miners-not-shown")
    };
    for (id, filed, m) in rows {
        let sex = wire_name(&m.sex);
        table.row(vec![
            Cell::link(m.names.to_string(), href(Collection::Miner, *id)),
            value_cell(sex.clone(), &sex),
            u16::from(m.birth_year).to_string().into(),
            m.cooperative
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default()
                .into(),
            format_day(m.registered_on).into(),
            p.regions.name(*filed).into(),
            id_cell(Collection::Miner, *id),
        ]);
    }
    table
}

fn production(p: &RegionPage, rows: &[Listed<Production>], caption: String) -> Table {
    let mut table = Table::new(
        List::Production.key(),
        caption,
        vec![
            Column::text("date", t("reg-col-date")),
            Column::text("licence", t("reg-col-licence")),
            Column::text("miner", t("reg-col-miner")),
            Column::number("diggers", t("reg-col-diggers")),
            Column::number("gravel_m3", t("reg-col-gravel")),
            Column::number("stones", t("reg-col-stones")),
            Column::number("carats", t("reg-col-carats")),
            Column::text("mineral", t("reg-col-mineral")),
            Column::text("region", t("reg-col-region")),
            Column::text("id", t("reg-col-id")),
        ],
    );
    table.empty = t("reg-no-production");
    for (id, filed, r) in rows {
        let licence = p
            .records
            .licence_numbers
            .get(&r.licence)
            .cloned()
            .unwrap_or_else(|| r.licence.to_string());
        let mineral = wire_name(&r.mineral);
        table.row(vec![
            Cell::link(format_day(r.date), href(Collection::Production, *id)),
            Cell::link(licence, href(Collection::Licence, r.licence)),
            match r.miner {
                Some(m) => miner_label(p, m).linked(href(Collection::Miner, m)),
                None => Cell::default(),
            },
            cells::count(i64::from(r.diggers.get())),
            cells::decimal(f64::from(r.gravel.get()) / 1000.0, 3),
            cells::count(r.stones.count() as i64),
            cells::hundredths_u(r.stones.total()),
            value_cell(mineral.clone(), &mineral),
            p.regions.name(*filed).into(),
            id_cell(Collection::Production, *id),
        ]);
    }
    table
}

/// A list's name on its tab and over its table, in the page's language.
fn list_label(list: List) -> String {
    t(match list {
        List::Licences => "reg-list-licences",
        List::Miners => "reg-list-miners",
        List::Production => "reg-list-production",
    })
}

/// How many records a list holds.
fn count(p: &RegionPage, list: List) -> usize {
    match list {
        List::Licences => p.records.licences.len(),
        List::Miners => p.records.miners.len(),
        List::Production => p.records.productions.len(),
    }
}

/// The table of `list` with the rows in `range` (a page, or all of them for the CSV).
/// One function serves the page and its download.
fn records_table(
    p: &RegionPage,
    list: List,
    range: std::ops::Range<usize>,
    caption: String,
) -> Table {
    let r = &p.records;
    match list {
        List::Licences => licences(p, &r.licences[range], caption),
        List::Miners => miners(p, &r.miners[range], caption),
        List::Production => production(p, &r.productions[range], caption),
    }
}

/// The search box, the lists' tabs with their counts, the count of the list shown and its
/// pages.
fn records_section(
    req: &HttpRequest,
    p: &RegionPage,
    list: List,
    pager: &Pager,
    q: Option<&str>,
    months: Months,
) -> Markup {
    let (path, query) = (req.path(), req.query_string());
    let search_label = if p.searches_national_ids {
        t("reg-search-label-national-id")
    } else {
        t("reg-search-label")
    };
    html! {
        h2 #records { (t("reg-records")) }
        @if p.reach == Reach::Own {
            p.note #own-records {
                (ta("reg-own-records", &[("name", Arg::from(p.name.as_str()))]))
            }
        }
        form.filters #search name="search" method="get" action=(format!("{path}#records")) role="search" {
            input type="hidden" name="from" value=(crate::reports::rollup::month_label(months.from));
            input type="hidden" name="to" value=(crate::reports::rollup::month_label(months.to));
            input type="hidden" name="list" value=(list.key());
            label { (search_label)
                input type="search" name="q" value=(q.unwrap_or("")) maxlength=(MAX_SEARCH) size="32";
            }
            button type="submit" { (t("reg-search")) }
            @if q.is_some() {
                a #clear-search href=(format!("{}#records", href_with(path, query, &[("q", None), ("page", None)]))) { (t("reg-clear-search")) }
            }
        }
        nav.tabs #lists aria-label=(t("reg-lists")) {
            @for (i, l) in List::ALL.into_iter().enumerate() {
                @let n = count(p, l);
                @if i > 0 { " · " }
                a href=(format!("{}#records", href_with(path, query, &[("list", Some(l.key())), ("page", None)])))
                    aria-current=[(l == list).then_some("page")] data-list=(l.key()) data-count=(n) {
                    (list_label(l)) " (" (grouped(n as i64)) ")"
                }
            }
        }
        p.count #count data-list=(list.key()) data-total=(pager.total)
            data-first=(pager.range().start + usize::from(pager.total > 0)) data-last=(pager.range().end) {
            @match q {
                Some(q) => (ta("reg-found-by", &[("count", Arg::from(pager.counted(list.counted()))), ("q", Arg::from(q))])),
                None => (pager.counted(list.counted())),
            }
        }
    }
}

/// `GET /regions/{id}?from=…&to=…&list=…&page=…&q=…[&format=csv&table=ID]`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let id = path_id(&req, "region")?;
    let q: RegionQuery = query(&req)?;
    let core = core(&req)?;
    let asked = PeriodQuery {
        from: q.from.clone(),
        to: q.to.clone(),
    };
    let months = Months::from_query(
        &asked,
        period::default_end(&core, &signed.officer, &asked).await?,
    )?;
    let list = List::parse(given(&q.list))?;
    let page_asked = table::parse_page(given(&q.page))?;
    let csv = table::csv_wanted(&req)?;
    let text = given(&q.q).map(str::to_string);
    let search = match &text {
        Some(t) => Search::new(t, signed.officer.role).map_err(WebError::BadRequest)?,
        None => None,
    };
    let officer = signed.officer.clone();
    let p = blocking(move || read(&core, &officer, id, months, search.as_ref())).await?;

    if let Some(t) = csv {
        let table = match t.as_str() {
            "" | "monthly" => monthly(&p, months),
            "regions" => below(&p, months),
            other => {
                let l = List::ALL
                    .into_iter()
                    .find(|l| l.key() == other)
                    .ok_or_else(|| {
                        WebError::NotFound(ta(
                            "reg-no-table",
                            &[("table", Arg::from(format!("{other:?}")))],
                        ))
                    })?;
                records_table(&p, l, 0..count(&p, l), String::new())
            }
        };
        return table::csv_response(&[&table], &t);
    }

    let pager = Pager::new(page_asked, count(&p, list));
    let caption = ta(
        "reg-list-caption",
        &[
            ("list", Arg::from(list_label(list))),
            ("page", Arg::from(pager.page)),
            ("pages", Arg::from(pager.pages())),
        ],
    );
    let records = records_table(&p, list, pager.range(), caption);
    let monthly_table = monthly(&p, months);
    let below_table = (!p.below.is_empty()).then(|| below(&p, months));
    let labels = months.labels();
    let carats = [Series {
        name: "carats".into(),
        values: p
            .rows
            .iter()
            .map(|r| r.carats_hundredths as f64 / 100.0)
            .collect(),
    }];
    let records_series = [Series {
        name: "production records".into(),
        values: p.rows.iter().map(|r| r.production_records as f64).collect(),
    }];
    let title = ta("reg-title", &[("name", Arg::from(p.name.as_str()))]);
    let name = || Arg::from(p.name.as_str());
    let below_note = ta(
        "reg-below-note",
        &[
            ("count", Arg::from(p.below.len())),
            (
                "month",
                Arg::from(crate::reports::rollup::month_label(months.to)),
            ),
            (
                "carats",
                Arg::from(hundredths_grouped(
                    p.below.iter().map(|b| b.carats_hundredths).sum(),
                )),
            ),
        ],
    );
    let body = html! {
        p.note #region data-region=(id) {
            @if let Some((pid, pname)) = &p.parent {
                (spliced(
                    &ta("reg-part-of", &[("region", Arg::from(MARK))]),
                    html! { a href=(format!("/regions/{pid}?{}", months.query())) { (pname) } },
                ))
                " "
            }
            a href=(format!("/footprint?region={id}&{}", months.query())) { (t("reg-footprint-link")) }
            " · "
            a href=(format!("/flags?region={id}")) { (t("reg-flags-link")) }
            " · "
            a href="#records" { (t("reg-records")) }
            " · " a #print href=(format!("/print/regional/{id}?{}", months.query())) { (t("reg-print")) }
            @if p.regions.0.get(&id).is_some_and(|r| r.level == sync_protocol::records::RegionLevel::Country) { " · " a #print-kp href=(format!("/print/kp?country={id}&{}", months.query())) { (t("reg-print-kp")) } }
        }
        (months.form(req.path(), &[]))
        h2 { (t("reg-by-month")) }
        (svg::bars(&Chart { id: "carats-by-month", title: &t("chart-carats-by-month"), unit: &t("chart-unit-carats"), labels: &labels, series: &carats }))
        (svg::lines(&Chart { id: "records-by-month", title: &t("chart-records-by-month"), unit: &t("chart-unit-records"), labels: &labels, series: &records_series }))
        (monthly_table.html(&req))
        @if let Some(table) = &below_table {
            h2 #below { (ta("reg-below-title", &[("name", name())])) }
            p.note { (below_note) }
            (table.html(&req))
        }
        (records_section(&req, &p, list, &pager, text.as_deref(), months))
        (records.html(&req))
        (pager.links(req.path(), req.query_string(), "page", "records"))
    };
    Ok(layout::ok(layout::page(&signed, "", &title, body)))
}
