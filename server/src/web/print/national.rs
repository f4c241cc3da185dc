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
use crate::i18n::{self, t, ta, Arg};
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
                ta("print-no-country", &[("id", Arg::from(c.to_string()))]),
            ));
        }
        if !index.is_country(c) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                ta(
                    "print-not-a-country",
                    &[("name", Arg::from(index.name(c).unwrap_or_default()))],
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
                ta(
                    "print-serves-no-region",
                    &[
                        ("officer", Arg::from(officer.name.as_str())),
                        ("country", Arg::from(index.name(c).unwrap_or_default())),
                    ],
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
                t("print-every-region")
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
            (None, _) => Cell::shown_as("Total", t("print-total")),
            (Some(_), Some(name)) => name.clone().into(),
            (Some(id), None) => id.to_string().into(),
        },
    ]
}

fn key_columns() -> Vec<Column> {
    vec![
        Column::text("period", t("print-period")),
        Column::text("region", t("print-region")),
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
    let mut table = Table::new(id, caption, all);
    table.empty = t("print-no-figures");
    for r in rows {
        let mut row = row_key(r);
        row.extend(cells(r));
        table.row(row);
    }
    table
}

/// The report's tables, a few columns each so that they fit an A4 page.
pub fn tables(rows: &[ControlRow]) -> Vec<Table> {
    vec![
        with_keys(
            "balance",
            &t("print-nat-balance"),
            vec![
                Column::number("production_records", t("print-col-production-records")),
                Column::number("carats", t("print-col-carats")),
                Column::number("stones", t("print-col-stones")),
                Column::number("first_sales_carats", t("print-col-first-sales-ct")),
                Column::number("first_sales_usd", t("print-col-first-sales-usd")),
                Column::number("transfers_carats", t("print-col-transfers-ct")),
                Column::number("transfers_usd", t("print-col-transfers-usd")),
                Column::number("exports_carats", t("print-col-exports-ct")),
                Column::number("exports_usd", t("print-col-exports-usd")),
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
            &t("print-nat-controls"),
            vec![
                Column::number("share_inside_licence", t("print-col-inside-licence")),
                Column::number("share_on_valid_licence", t("print-col-on-valid-licence")),
                Column::number(
                    "share_by_registered_miner",
                    t("print-col-by-registered-miner"),
                ),
                Column::number("sites_visited", t("print-col-sites-visited")),
                Column::number("flags_raised", t("print-col-flags-raised")),
                Column::number("flags_resolved", t("print-col-flags-resolved")),
                Column::number("flags_closed", t("print-col-flags-closed")),
                Column::number("late_records", t("print-col-late-records")),
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
            &t("print-nat-registry"),
            vec![
                Column::number("miners_registered", t("print-col-miners-registered")),
                Column::number("diggers_estimated", t("print-col-diggers-estimated")),
                Column::number("miner_coverage", t("print-col-coverage")),
                Column::number("licences_active", t("print-col-licences-active")),
                Column::number("mining_licences_active", t("print-col-mining-licences")),
                Column::number("dealers_active", t("print-col-dealers")),
                Column::number("exporters_active", t("print-col-exporters")),
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
            &t("print-nat-gold"),
            vec![
                Column::number("gold_grams", t("print-col-produced-g")),
                Column::number("gold_sales_grams", t("print-col-sold-g")),
                Column::number("gold_sales_usd", t("print-col-sales-usd")),
                Column::number("gold_sales_assayed_grams", t("print-col-assayed-g")),
                Column::number("gold_sales_fine_grams", t("print-col-fine-gold-g")),
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
    let cut = t(match given(&q.period) {
        Some("half") => "print-by-half-year",
        _ => "print-by-quarter",
    });
    let officer = signed.officer.clone();
    let (at, by) = printed(&core, &officer);
    // The blocking pool does not see the request's language: `read` names the countries
    // and says what it refuses.
    let lang = i18n::current();
    let p =
        blocking(move || i18n::with(lang, || read(&core, &officer, kind, country, months))).await?;
    let (period, period_value) = super::period(months);
    let heading = Heading {
        title: t("print-national-title"),
        country: p.country,
        region: None,
        period,
        period_value,
        cut,
        printed_at: at,
        printed_by: by,
    };
    let body = html! {
        @for t in tables(&p.rows) { (table(&t)) }
    };
    Ok(super::respond(&heading, body, definitions::NATIONAL))
}
