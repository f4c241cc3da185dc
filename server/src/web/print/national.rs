//! `/print/national?country=…&from=…&to=…&period=quarter|half`: the national
//! internal-control report as the officer reads it from `GET /v1/reports/national`, the
//! rows of one country (its own row and its regions'), or without `country` every row.
//!
//! The national row (the sum of the officer's top regions) is printed as the total only
//! when no row was left out, so that it is the total of what is printed.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use sync_protocol::api::ErrorCode;
use uuid::Uuid;

use crate::auth::{Officer, Role};
use crate::core::{Core, Report, ReportKind};
use crate::error::ApiError;
use crate::reports::national::ControlRow;
use crate::web::pages::{given, query};
use crate::web::period::Months;
use crate::web::table::{Cell, Column, Table};
use crate::web::{blocking, core, SignedIn, WebError};

use super::cells::{amount, count, gold, maybe_count, share};
use super::document::{table, Heading};
use super::{definitions, printed, PrintQuery};

/// The rows to print and the country (or countries) they are of, by name.
struct Printed {
    rows: Vec<ControlRow>,
    country: String,
}

fn read(
    core: &Core,
    officer: &Officer,
    kind: ReportKind,
    country: Option<Uuid>,
    months: Months,
) -> Result<Printed, ApiError> {
    let index = core.region_index();
    if let Some(c) = country {
        if index.get(c).is_none() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no country {c} has been imported"),
            ));
        }
        if !index.is_country(c) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!(
                    "{} is not a country: give country=<a country's id>",
                    index.name(c).unwrap_or_default()
                ),
            ));
        }
        // A regional officer prints a country they serve a region of, and only that.
        let serves = officer.role != Role::RegionalOfficer
            || officer
                .regions
                .iter()
                .any(|r| index.country_ancestor(*r) == Some(c));
        if !serves {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                format!(
                    "{} serves no region of {}",
                    officer.name,
                    index.name(c).unwrap_or_default()
                ),
            ));
        }
    }
    let Report::National { rows, .. } = core.report(officer, kind, None, months.from, months.to)?
    else {
        return Err(ApiError::new(
            ErrorCode::Internal,
            "not the national report",
        ));
    };
    let country_of = |r: Option<Uuid>| r.and_then(|r| index.country_ancestor(r));
    let (rows, country) = match country {
        Some(c) => {
            let all_in = rows
                .iter()
                .all(|r| r.region.is_none() || country_of(r.region) == Some(c));
            let kept = rows
                .into_iter()
                .filter(|r| match r.region {
                    Some(_) => country_of(r.region) == Some(c),
                    None => all_in,
                })
                .collect();
            (kept, index.name(c).unwrap_or_default().to_string())
        }
        None => {
            let mut names: Vec<String> = rows
                .iter()
                .filter_map(|r| country_of(r.region))
                .filter_map(|c| index.name(c).map(str::to_string))
                .collect();
            names.sort();
            names.dedup();
            let country = if names.is_empty() {
                "every region read".to_string()
            } else {
                names.join(", ")
            };
            (rows, country)
        }
    };
    // Each period's countries first, then their regions by name, the total last.
    let mut rows = rows;
    rows.sort_by_cached_key(|r| {
        let rank = match r.region {
            None => 2,
            Some(id) if index.is_country(id) => 0,
            Some(_) => 1,
        };
        (r.period.clone(), rank, r.region_name.clone())
    });
    Ok(Printed { rows, country })
}

/// The row's period and region (by name; the national row is the total).
fn row_key(r: &ControlRow) -> Vec<Cell> {
    vec![
        r.period.clone().into(),
        match (&r.region, &r.region_name) {
            (None, _) => "Total".into(),
            (Some(_), Some(name)) => name.clone().into(),
            (Some(id), None) => id.to_string().into(),
        },
    ]
}

fn key_columns() -> Vec<Column> {
    vec![
        Column::text("period", "Period"),
        Column::text("region", "Region"),
    ]
}

fn with_keys(
    id: &'static str,
    caption: &str,
    columns: Vec<Column>,
    rows: &[ControlRow],
    cells: impl Fn(&ControlRow) -> Vec<Cell>,
) -> Table {
    let mut all = key_columns();
    all.extend(columns);
    let mut t = Table::new(id, caption, all);
    t.empty = "No figures in this period.".into();
    for r in rows {
        let mut row = row_key(r);
        row.extend(cells(r));
        t.row(row);
    }
    t
}

/// The report's tables, a few columns each so that they fit an A4 page.
pub fn tables(rows: &[ControlRow]) -> Vec<Table> {
    vec![
        with_keys(
            "balance",
            "Production, sales and exports",
            vec![
                Column::number("production_records", "Production records"),
                Column::number("carats", "Carats"),
                Column::number("stones", "Stones"),
                Column::number("first_sales_carats", "First sales ct"),
                Column::number("first_sales_usd", "First sales US$"),
                Column::number("transfers_carats", "Transfers ct"),
                Column::number("transfers_usd", "Transfers US$"),
                Column::number("exports_carats", "Exports ct"),
                Column::number("exports_usd", "Exports US$"),
            ],
            rows,
            |r| {
                vec![
                    count(r.production_records),
                    amount(r.carats_hundredths),
                    count(r.stones),
                    amount(r.first_sales_carats_hundredths),
                    amount(r.first_sales_cents),
                    amount(r.transfers_carats_hundredths),
                    amount(r.transfers_cents),
                    amount(r.exports_carats_hundredths),
                    amount(r.exports_cents),
                ]
            },
        ),
        with_keys(
            "controls",
            "Production under control",
            vec![
                Column::number("share_inside_licence", "Inside licence"),
                Column::number("share_on_valid_licence", "On valid licence"),
                Column::number("share_by_registered_miner", "By registered miner"),
                Column::number("sites_visited", "Sites visited"),
                Column::number("flags_raised", "Flags raised"),
                Column::number("flags_resolved", "Flags resolved"),
                Column::number("flags_closed", "Flags closed"),
                Column::number("late_records", "Late records"),
            ],
            rows,
            |r| {
                vec![
                    share(r.share_inside_licence),
                    share(r.share_on_valid_licence),
                    share(r.share_by_registered_miner),
                    count(r.sites_visited),
                    count(r.flags_raised),
                    count(r.flags_resolved),
                    count(r.flags_closed),
                    count(r.late_records),
                ]
            },
        ),
        with_keys(
            "registry",
            "The register at the end of each period",
            vec![
                Column::number("miners_registered", "Miners registered"),
                Column::number("diggers_estimated", "Diggers estimated"),
                Column::number("miner_coverage", "Coverage"),
                Column::number("licences_active", "Licences active"),
                Column::number("mining_licences_active", "Mining licences"),
                Column::number("dealers_active", "Dealers"),
                Column::number("exporters_active", "Exporters"),
            ],
            rows,
            |r| {
                vec![
                    count(r.miners_registered),
                    maybe_count(r.diggers_estimated),
                    share(r.miner_coverage),
                    count(r.licences_active),
                    count(r.mining_licences_active),
                    count(r.dealers_active),
                    count(r.exporters_active),
                ]
            },
        ),
        with_keys(
            "gold",
            "Gold, in grams",
            vec![
                Column::number("gold_grams", "Produced g"),
                Column::number("gold_sales_grams", "Sold g"),
                Column::number("gold_sales_usd", "Sales US$"),
                Column::number("gold_sales_assayed_grams", "Assayed g"),
                Column::number("gold_sales_fine_grams", "Fine gold g"),
            ],
            rows,
            |r| {
                vec![
                    gold(r.gold_milligrams),
                    gold(r.gold_sales_milligrams),
                    amount(r.gold_sales_cents),
                    gold(r.gold_sales_assayed_milligrams),
                    gold(r.gold_sales_fine_milligrams),
                ]
            },
        ),
    ]
}

/// `GET /print/national?country=…&from=…&to=…&period=quarter|half`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let q: PrintQuery = query(&req)?;
    let core = core(&req)?;
    let months = q.months(&core)?;
    let country = q.country()?;
    let kind = ReportKind::parse("national", given(&q.period))?;
    let cut = match given(&q.period) {
        Some("half") => "by half-year",
        _ => "by quarter",
    };
    let officer = signed.officer.clone();
    let (at, by) = printed(&core, &officer);
    let p = blocking(move || read(&core, &officer, kind, country, months)).await?;
    let heading = Heading {
        title: "National internal-control report".into(),
        country: p.country,
        region: None,
        period: months.describe(),
        cut: cut.into(),
        printed_at: at,
        printed_by: by,
    };
    let body = html! {
        @for t in tables(&p.rows) { (table(&t)) }
    };
    Ok(super::respond(&heading, body, definitions::NATIONAL))
}
