//! `/print/kp?country=…&from=…&to=…` (or `year=YYYY`): a participant's KP statistics as
//! the officer reads them from `GET /v1/reports/kp?region=<country>`: production per
//! half-year valued at first sale, exports and imports per quarter, HS code and partner.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use sync_protocol::api::ErrorCode;

use crate::core::{Report, ReportKind};
use crate::error::ApiError;
use crate::i18n::t;
use crate::reports::kp::{KpStatistics, TradeRow};
use crate::web::pages::query;
use crate::web::table::{Cell, Column, Table};
use crate::web::{blocking, core, SignedIn, WebError};

use super::cells::{amount, count};
use super::document::{table, Heading};
use super::{definitions, printed, PrintQuery};

/// "yes" for a partial period (its figures are not the period's), else empty.
fn partial(p: bool) -> Cell {
    Cell::shown_as(
        p.to_string(),
        if p { t("print-partial") } else { String::new() },
    )
}

/// An HS code with what it holds: "7102.31 gem".
fn hs(code: &str) -> Cell {
    let words = match code {
        "7102.10" => t("print-hs-unsorted"),
        "7102.21" => t("print-hs-industrial"),
        "7102.31" => t("print-hs-gem"),
        _ => String::new(),
    };
    Cell::shown_as(code, format!("{code} {words}").trim_end().to_string())
}

fn trade(id: &'static str, caption: &str, partner: String, rows: &[TradeRow]) -> Table {
    let mut table = Table::new(
        id,
        caption,
        vec![
            Column::text("period", t("print-col-quarter")),
            Column::text("partial", t("print-col-partial")),
            Column::text("hs_code", t("print-col-hs-code")),
            Column::text("partner", partner),
            Column::number("carats", t("print-col-carats")),
            Column::number("usd", t("print-col-usd")),
            Column::number("certificates", t("print-col-certificates")),
        ],
    );
    table.empty = t("print-none");
    for r in rows {
        table.row(vec![
            r.period.clone().into(),
            partial(r.partial),
            hs(&r.hs_code),
            r.partner.clone().into(),
            amount(r.carats_hundredths),
            amount(r.cents),
            count(r.certificates),
        ]);
    }
    table
}

/// The statistics' tables: production, exports, imports.
pub fn tables(s: &KpStatistics) -> Vec<Table> {
    let mut production = Table::new(
        "production",
        t("print-kp-production"),
        vec![
            Column::text("period", t("print-col-half-year")),
            Column::text("partial", t("print-col-partial")),
            Column::number("carats", t("print-col-carats-produced")),
            Column::number("stones", t("print-col-stones")),
            Column::number("usd", t("print-col-value-first-sales")),
            Column::number("first_sales_carats", t("print-col-first-sales-ct")),
            Column::number("transfers_carats", t("print-col-transfers-ct")),
            Column::number("transfers_usd", t("print-col-transfers-usd")),
        ],
    );
    production.empty = t("print-no-production");
    for r in &s.production {
        production.row(vec![
            r.period.clone().into(),
            partial(r.partial),
            amount(r.carats_hundredths),
            count(r.stones),
            amount(r.first_sales_cents),
            amount(r.first_sales_carats_hundredths),
            amount(r.transfers_carats_hundredths),
            amount(r.transfers_cents),
        ]);
    }
    vec![
        production,
        trade(
            "exports",
            &t("print-kp-exports"),
            t("print-col-destination"),
            &s.exports,
        ),
        trade(
            "imports",
            &t("print-kp-imports"),
            t("print-col-origin"),
            &s.imports,
        ),
    ]
}

/// `GET /print/kp?country=…&from=…&to=…` or `…&year=YYYY`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let q: PrintQuery = query(&req)?;
    if q.period.is_some() {
        return Err(WebError::BadRequest(t("print-bad-kp-period")));
    }
    let core = core(&req)?;
    let months = q.months(&core)?;
    let country = q.country()?;
    let officer = signed.officer.clone();
    let (at, by) = printed(&core, &officer);
    let s = blocking(move || {
        match core.report(&officer, ReportKind::Kp, country, months.from, months.to)? {
            Report::Kp(s) => Ok(s),
            _ => Err(ApiError::new(ErrorCode::Internal, "not the KP statistics")),
        }
    })
    .await?;
    let (period, period_value) = super::period(months);
    let heading = Heading {
        title: t("print-kp-title"),
        country: s.participant.name.clone(),
        region: None,
        period,
        period_value,
        cut: t("print-kp-cut"),
        printed_at: at,
        printed_by: by,
    };
    let body = html! {
        @for t in tables(&s) { (table(&t)) }
    };
    Ok(super::respond(&heading, body, definitions::KP))
}
