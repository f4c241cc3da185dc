//! `/print/regional/{region}?from=…&to=…`: one region's rollup by month (its regions
//! below included), as the officer reads it from `GET /v1/reports/regional?region=…`.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use sync_protocol::api::ErrorCode;
use uuid::Uuid;

use crate::core::{Report, ReportKind};
use crate::error::ApiError;
use crate::reports::regional::RegionalRow;
use crate::web::pages::query;
use crate::web::table::{Cell, Column, Table};
use crate::web::{blocking, core, SignedIn, WebError};

use super::cells::{amount, count, decimal, gold, ratio};
use super::document::{table, Heading};
use super::{definitions, printed, uuid_param, PrintQuery};

fn by_month(
    id: &'static str,
    caption: &str,
    columns: Vec<Column>,
    rows: &[RegionalRow],
    cells: impl Fn(&RegionalRow) -> Vec<Cell>,
) -> Table {
    let mut all = vec![Column::text("month", "Month")];
    all.extend(columns);
    let mut t = Table::new(id, caption, all);
    t.empty = "No figures in this period.".into();
    for r in rows {
        let mut row = vec![Cell::from(r.month.clone())];
        row.extend(cells(r));
        t.row(row);
    }
    t
}

fn total(kinds: &std::collections::BTreeMap<String, i64>) -> i64 {
    kinds.values().sum()
}

/// The rollup's tables, a few columns each so that they fit an A4 page.
pub fn tables(rows: &[RegionalRow]) -> Vec<Table> {
    vec![
        by_month(
            "register",
            "Miners and licences",
            vec![
                Column::number("miners_new", "Miners new"),
                Column::number("miners_total", "Miners total"),
                Column::number("licences_new", "Licences new"),
                Column::number("licences_expired", "Licences expired"),
                Column::number("licences_active", "Licences active"),
            ],
            rows,
            |r| {
                vec![
                    count(r.miners_new),
                    count(r.miners_total),
                    count(r.licences_new),
                    count(r.licences_expired),
                    count(r.licences_active),
                ]
            },
        ),
        by_month(
            "production",
            "Production",
            vec![
                Column::number("production_records", "Production records"),
                Column::number("digger_days", "Digger-days"),
                Column::number("gravel_m3", "Gravel m³"),
                Column::number("carats", "Carats"),
                Column::number("stones", "Stones"),
                Column::number("mean_stone_ct", "Mean stone ct"),
            ],
            rows,
            |r| {
                vec![
                    count(r.production_records),
                    count(r.digger_days),
                    // litres / 1000, three decimals: the same digits as grams from milligrams.
                    decimal(crate::reports::rollup::grams(r.gravel_litres)),
                    amount(r.carats_hundredths),
                    count(r.stones),
                    ratio(r.mean_stone_ct),
                ]
            },
        ),
        by_month(
            "sales",
            "Diamond sales",
            vec![
                Column::number("sales_carats", "Sales ct"),
                Column::number("sales_usd", "Sales US$"),
                Column::number("usd_per_carat", "US$ per carat"),
                Column::number("first_sales_carats", "First sales ct"),
                Column::number("first_sales_usd", "First sales US$"),
            ],
            rows,
            |r| {
                vec![
                    amount(r.sales_carats_hundredths),
                    amount(r.sales_cents),
                    ratio(r.usd_per_carat),
                    amount(r.first_sales_carats_hundredths),
                    amount(r.first_sales_cents),
                ]
            },
        ),
        by_month(
            "gold_flags",
            "Gold (grams) and flags",
            vec![
                Column::number("gold_grams", "Gold produced g"),
                Column::number("gold_sales_grams", "Gold sold g"),
                Column::number("gold_sales_usd", "Gold sales US$"),
                Column::number("flags_raised", "Flags raised"),
                Column::number("flags_resolved", "Flags resolved"),
                Column::number("flags_closed", "Flags closed"),
            ],
            rows,
            |r| {
                vec![
                    gold(r.gold_milligrams),
                    gold(r.gold_sales_milligrams),
                    amount(r.gold_sales_cents),
                    count(total(&r.flags_raised)),
                    count(total(&r.flags_resolved)),
                    count(total(&r.flags_closed)),
                ]
            },
        ),
    ]
}

/// `GET /print/regional/{region}?from=…&to=…`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let region: Uuid = uuid_param(req.match_info().get("region"), "region")?
        .ok_or_else(|| WebError::BadRequest("which region?".into()))?;
    let q: PrintQuery = query(&req)?;
    if q.country.is_some() || q.period.is_some() {
        return Err(WebError::BadRequest(
            "a region's rollup is by month, of the region in the address".into(),
        ));
    }
    let core = core(&req)?;
    let months = q.months(&core)?;
    let officer = signed.officer.clone();
    let (at, by) = printed(&core, &officer);
    let (rows, name, country) = blocking(move || {
        let Report::Regional(rows) = core.report(
            &officer,
            ReportKind::Regional,
            Some(region),
            months.from,
            months.to,
        )?
        else {
            return Err(ApiError::new(
                ErrorCode::Internal,
                "not the regional rollup",
            ));
        };
        let index = core.region_index();
        let name = index.name(region).map(str::to_string).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no region {region} has been imported"),
            )
        })?;
        let country = index
            .country_ancestor(region)
            .and_then(|c| index.name(c))
            .map(str::to_string);
        Ok((rows, name, country))
    })
    .await?;
    let heading = Heading {
        title: "Regional rollup".into(),
        region: (country.as_deref() != Some(name.as_str())).then(|| name.clone()),
        country: country.unwrap_or(name),
        period: months.describe(),
        cut: "by month".into(),
        printed_at: at,
        printed_by: by,
    };
    let body = html! {
        @for t in tables(&rows) { (table(&t)) }
    };
    Ok(super::respond(&heading, body, definitions::REGIONAL))
}
