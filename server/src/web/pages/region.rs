//! `/regions/{id}`: one region (with the regions below it) for a period: the regional
//! rollup by month as a table and charts ([`Core::regional_report`], which refuses a region
//! outside the officer's scope), then its licences, miners and latest production
//! ([`crate::web::reads`]).

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use sync_protocol::records::{Collection, Holder, Licence, Miner, Production};
use sync_protocol::values::format_day;
use uuid::Uuid;

use crate::auth::Officer;
use crate::core::Core;
use crate::error::ApiError;
use crate::reports::hundredths;
use crate::reports::regional::RegionalRow;
use crate::reports::rollup::month_of_stamp;
use crate::web::format::{ratio, wire_name, words};
use crate::web::pages::record::href;
use crate::web::pages::{path_id, query, Regions};
use crate::web::period::{Months, PeriodQuery};
use crate::web::reads::{region_records, RegionRecords};
use crate::web::svg::{self, Chart, Series};
use crate::web::table::{self, Cell, Column, Table};
use crate::web::{blocking, core, layout, SignedIn, WebError};

/// Latest productions listed.
const RECENT: usize = 50;

struct RegionPage {
    name: String,
    parent: Option<(Uuid, String)>,
    below: Vec<(Uuid, String)>,
    rows: Vec<RegionalRow>,
    records: RegionRecords,
    regions: Regions,
    /// Whether the officer reads people's names ([`crate::privacy`]).
    sees_names: bool,
}

fn read(core: &Core, officer: &Officer, id: Uuid, months: Months) -> Result<RegionPage, ApiError> {
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
    let mut below: Vec<(Uuid, String)> = regions
        .0
        .values()
        .filter(|r| r.parent == Some(id))
        .map(|r| (r.id, r.name.clone()))
        .collect();
    below.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(RegionPage {
        name: regions.name(id),
        parent,
        below,
        rows: core.regional_report(officer, Some(id), months.from, months.to)?,
        records: region_records(core, officer, id, RECENT)?,
        regions,
        sees_names: crate::privacy::sees_names(officer.role),
    })
}

fn monthly(p: &RegionPage, months: Months) -> Table {
    let mut t = Table::new(
        "monthly",
        format!("By month, {}", months.describe()),
        vec![
            Column::text("month", "Month"),
            Column::number("production_records", "Production records"),
            Column::number("digger_days", "Digger-days"),
            Column::number("gravel_m3", "Gravel m³"),
            Column::number("carats", "Carats"),
            Column::number("stones", "Stones"),
            Column::number("mean_stone_ct", "Mean stone ct"),
            Column::number("sales_usd", "Sales US$"),
            Column::number("usd_per_carat", "US$ per carat"),
            Column::number("miners_total", "Miners"),
            Column::number("licences_active", "Licences active"),
            Column::number("flags_raised", "Flags raised"),
        ],
    );
    for r in &p.rows {
        t.row(vec![
            r.month.clone().into(),
            r.production_records.to_string().into(),
            r.digger_days.to_string().into(),
            format!("{:.3}", r.gravel_litres as f64 / 1000.0).into(),
            hundredths(r.carats_hundredths).into(),
            r.stones.to_string().into(),
            ratio(r.mean_stone_ct).into(),
            hundredths(r.sales_cents).into(),
            ratio(r.usd_per_carat).into(),
            r.miners_total.to_string().into(),
            r.licences_active.to_string().into(),
            r.flags_raised.values().sum::<i64>().to_string().into(),
        ]);
    }
    t
}

fn holder(l: &Licence, p: &RegionPage) -> String {
    match &l.holder {
        Holder::Organisation(name) => name.to_string(),
        Holder::Miner(id) => p
            .records
            .miners
            .iter()
            .find(|m| m.0 == *id)
            .map(|m| m.2.names.to_string())
            .unwrap_or_else(|| format!("miner {id}")),
    }
}

fn licences(p: &RegionPage) -> Table {
    let mut t = Table::new(
        "licences",
        format!("Licences ({})", p.records.licences.len()),
        vec![
            Column::text("number", "Number"),
            Column::text("kind", "Kind"),
            Column::text("holder", "Holder"),
            Column::text("mineral", "Mineral"),
            Column::text("issued", "Issued"),
            Column::text("expires", "Expires"),
            Column::text("status", "Status"),
            Column::text("region", "Region"),
            Column::text("id", "Id"),
        ],
    );
    t.empty = "No licence is filed in this region.";
    for (id, filed, l) in &p.records.licences {
        t.row(vec![
            Cell::link(l.number.to_string(), href(Collection::Licence, *id)),
            words(&wire_name(&l.kind)).into(),
            holder(l, p).into(),
            wire_name(&l.mineral).into(),
            format_day(l.issued).into(),
            format_day(l.expires).into(),
            wire_name(&l.status).into(),
            p.regions.name(*filed).into(),
            id.to_string().into(),
        ]);
    }
    t
}

fn miners(p: &RegionPage) -> Table {
    let mut t = Table::new(
        "miners",
        format!("Miners ({})", p.records.miners.len()),
        vec![
            Column::text("names", "Names"),
            Column::text("sex", "Sex"),
            Column::number("birth_year", "Born"),
            Column::text("cooperative", "Cooperative"),
            Column::text("registered_on", "Registered"),
            Column::text("region", "Region"),
            Column::text("id", "Id"),
        ],
    );
    t.empty = if p.sees_names {
        "No miner is registered in this region."
    } else {
        "Miners' personal data is not shown to this role."
    };
    let m_row = |id: &Uuid, filed: &Uuid, m: &Miner| -> Vec<Cell> {
        vec![
            Cell::link(m.names.to_string(), href(Collection::Miner, *id)),
            wire_name(&m.sex).into(),
            u16::from(m.birth_year).to_string().into(),
            m.cooperative
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default()
                .into(),
            format_day(m.registered_on).into(),
            p.regions.name(*filed).into(),
            id.to_string().into(),
        ]
    };
    for (id, filed, m) in &p.records.miners {
        t.row(m_row(id, filed, m));
    }
    t
}

fn production(p: &RegionPage) -> Table {
    let mut t = Table::new(
        "production",
        format!(
            "Latest production ({} of {})",
            p.records.recent.len(),
            p.records.productions
        ),
        vec![
            Column::text("date", "Date"),
            Column::text("licence", "Licence"),
            Column::number("diggers", "Diggers"),
            Column::number("gravel_m3", "Gravel m³"),
            Column::number("stones", "Stones"),
            Column::number("carats", "Carats"),
            Column::text("mineral", "Mineral"),
            Column::text("region", "Region"),
            Column::text("id", "Id"),
        ],
    );
    t.empty = "No production is recorded in this region.";
    let p_row = |id: &Uuid, filed: &Uuid, r: &Production| -> Vec<Cell> {
        vec![
            Cell::link(format_day(r.date), href(Collection::Production, *id)),
            Cell::link(
                p.records
                    .licence_numbers
                    .get(&r.licence)
                    .cloned()
                    .unwrap_or_else(|| r.licence.to_string()),
                href(Collection::Licence, r.licence),
            ),
            r.diggers.get().to_string().into(),
            format!("{:.3}", f64::from(r.gravel.get()) / 1000.0).into(),
            r.stones.count().to_string().into(),
            hundredths(i64::try_from(r.stones.total()).unwrap_or(i64::MAX)).into(),
            wire_name(&r.mineral).into(),
            p.regions.name(*filed).into(),
            id.to_string().into(),
        ]
    };
    for (id, filed, r) in &p.records.recent {
        t.row(p_row(id, filed, r));
    }
    t
}

/// `GET /regions/{id}?from=…&to=…[&format=csv&table=monthly|licences|miners|production]`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let id = path_id(&req, "region")?;
    let q: PeriodQuery = query(&req)?;
    let core = core(&req)?;
    let months = Months::from_query(&q, month_of_stamp(core.now()))?;
    let officer = signed.officer.clone();
    let p = blocking(move || read(&core, &officer, id, months)).await?;
    let tables = [
        monthly(&p, months),
        licences(&p),
        miners(&p),
        production(&p),
    ];
    if let Some(t) = table::csv_wanted(&req)? {
        return table::csv_response(&tables.iter().collect::<Vec<_>>(), &t);
    }
    let labels = months.labels();
    let carats = [Series {
        name: "carats".into(),
        values: p
            .rows
            .iter()
            .map(|r| r.carats_hundredths as f64 / 100.0)
            .collect(),
    }];
    let records = [Series {
        name: "production records".into(),
        values: p.rows.iter().map(|r| r.production_records as f64).collect(),
    }];
    let title = format!("Region: {}", p.name);
    let body = html! {
        p.note #region data-region=(id) {
            @if let Some((pid, pname)) = &p.parent {
                "Part of " a href=(format!("/regions/{pid}?{}", months.query())) { (pname) } ". "
            }
            @if !p.below.is_empty() {
                "Its figures include: "
                @for (i, (bid, bname)) in p.below.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href=(format!("/regions/{bid}?{}", months.query())) { (bname) }
                }
                ". "
            }
            a href=(format!("/footprint?region={id}&{}", months.query())) { "Footprint of stone sizes" }
            " · "
            a href=(format!("/flags?region={id}")) { "Flags" }
        }
        (months.form(req.path(), &[]))
        h2 { "By month" }
        (svg::bars(&Chart { id: "carats-by-month", title: "Production carats by month", unit: "carats", labels: &labels, series: &carats }))
        (svg::lines(&Chart { id: "records-by-month", title: "Production records by month", unit: "records", labels: &labels, series: &records }))
        @for t in &tables {
            (t.html(&req))
        }
    };
    Ok(layout::ok(layout::page(&signed, "", &title, body)))
}
