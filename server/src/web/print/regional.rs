//! `/print/regional/{region}?from=…&to=…`: one region's rollup by month (its regions
//! below included), as the officer reads it from `GET /v1/reports/regional?region=…`.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use sync_protocol::api::ErrorCode;
use uuid::Uuid;

use crate::core::{Report, ReportKind};
use crate::error::ApiError;
use crate::i18n::{self, t, Arg};
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
    let mut all = vec![Column::text("month", t("print-col-month"))];
    all.extend(columns);
    let mut table = Table::new(id, caption, all);
    table.empty = t("print-no-figures");
    for r in rows {
        let mut row = vec![Cell::from(r.month.clone())];
        row.extend(cells(r));
        table.row(row);
    }
    table
}

fn total(kinds: &std::collections::BTreeMap<String, i64>) -> i64 {
    kinds.values().sum()
}

/// The rollup's tables, a few columns each so that they fit an A4 page.
pub fn tables(rows: &[RegionalRow]) -> Vec<Table> {
    vec![
        by_month(
            "register",
            &t("print-reg-register"),
            vec![
                Column::number("miners_new", t("print-col-miners-new")),
                Column::number("miners_total", t("print-col-miners-total")),
                Column::number("licences_new", t("print-col-licences-new")),
                Column::number("licences_expired", t("print-col-licences-expired")),
                Column::number("licences_active", t("print-col-licences-active")),
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
            &t("print-reg-production"),
            vec![
                Column::number("production_records", t("print-col-production-records")),
                Column::number("digger_days", t("print-col-digger-days")),
                Column::number("gravel_m3", t("print-col-gravel-m3")),
                Column::number("carats", t("print-col-carats")),
                Column::number("stones", t("print-col-stones")),
                Column::number("mean_stone_ct", t("print-col-mean-stone-ct")),
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
            &t("print-reg-sales"),
            vec![
                Column::number("sales_carats", t("print-col-sales-ct")),
                Column::number("sales_usd", t("print-col-sales-usd")),
                Column::number("usd_per_carat", t("print-col-usd-per-carat")),
                Column::number("first_sales_carats", t("print-col-first-sales-ct")),
                Column::number("first_sales_usd", t("print-col-first-sales-usd")),
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
            &t("print-reg-gold-flags"),
            vec![
                Column::number("gold_grams", t("print-col-gold-produced-g")),
                Column::number("gold_sales_grams", t("print-col-gold-sold-g")),
                Column::number("gold_sales_usd", t("print-col-gold-sales-usd")),
                Column::number("flags_raised", t("print-col-flags-raised")),
                Column::number("flags_resolved", t("print-col-flags-resolved")),
                Column::number("flags_closed", t("print-col-flags-closed")),
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
        .ok_or_else(|| WebError::BadRequest(t("print-bad-which-region")))?;
    let q: PrintQuery = query(&req)?;
    if q.country.is_some() || q.period.is_some() {
        return Err(WebError::BadRequest(t("print-bad-regional-query")));
    }
    let core = core(&req)?;
    let months = q.months(&core)?;
    let officer = signed.officer.clone();
    let (at, by) = printed(&core, &officer);
    // The blocking pool does not see the request's language: say what it refuses in it.
    let lang = i18n::current();
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
                i18n::text(
                    lang,
                    "print-no-region",
                    &[("id", Arg::from(region.to_string()))],
                ),
            )
        })?;
        let country = index
            .country_ancestor(region)
            .and_then(|c| index.name(c))
            .map(str::to_string);
        Ok((rows, name, country))
    })
    .await?;
    let (period, period_value) = super::period(months);
    let heading = Heading {
        title: t("print-regional-title"),
        region: (country.as_deref() != Some(name.as_str())).then(|| name.clone()),
        country: country.unwrap_or(name),
        period,
        period_value,
        cut: t("print-by-month"),
        printed_at: at,
        printed_by: by,
    };
    let body = html! {
        @for t in tables(&rows) { (table(&t)) }
    };
    Ok(super::respond(&heading, body, definitions::REGIONAL))
}
