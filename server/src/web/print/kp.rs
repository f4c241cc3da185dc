//! `/print/kp?country=…&from=…&to=…` (or `year=YYYY`): a participant's KP statistics as
//! the officer reads them from `GET /v1/reports/kp?region=<country>`: production per
//! half-year valued at first sale, exports and imports per quarter, HS code and partner.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use sync_protocol::api::ErrorCode;

use crate::core::{Report, ReportKind};
use crate::error::ApiError;
use crate::reports::kp::{KpStatistics, TradeRow};
use crate::web::pages::query;
use crate::web::table::{Cell, Column, Table};
use crate::web::{blocking, core, SignedIn, WebError};

use super::cells::{amount, count};
use super::document::{table, Heading};
use super::{definitions, printed, PrintQuery};

/// "yes" for a partial period (its figures are not the period's), else empty.
fn partial(p: bool) -> Cell {
    Cell::shown_as(p.to_string(), if p { "partial" } else { "" })
}

/// An HS code with what it holds: "7102.31 gem".
fn hs(code: &str) -> Cell {
    let words = match code {
        "7102.10" => "unsorted",
        "7102.21" => "industrial",
        "7102.31" => "gem",
        _ => "",
    };
    Cell::shown_as(code, format!("{code} {words}").trim_end().to_string())
}

fn trade(id: &'static str, caption: &str, partner: &'static str, rows: &[TradeRow]) -> Table {
    let mut t = Table::new(
        id,
        caption,
        vec![
            Column::text("period", "Quarter"),
            Column::text("partial", "Partial"),
            Column::text("hs_code", "HS code"),
            Column::text("partner", partner),
            Column::number("carats", "Carats"),
            Column::number("usd", "US$"),
            Column::number("certificates", "Certificates"),
        ],
    );
    t.empty = "None in this period.".into();
    for r in rows {
        t.row(vec![
            r.period.clone().into(),
            partial(r.partial),
            hs(&r.hs_code),
            r.partner.clone().into(),
            amount(r.carats_hundredths),
            amount(r.cents),
            count(r.certificates),
        ]);
    }
    t
}

/// The statistics' tables: production, exports, imports.
pub fn tables(s: &KpStatistics) -> Vec<Table> {
    let mut production = Table::new(
        "production",
        "Production per half-year, valued at first sale",
        vec![
            Column::text("period", "Half-year"),
            Column::text("partial", "Partial"),
            Column::number("carats", "Carats produced"),
            Column::number("stones", "Stones"),
            Column::number("usd", "Value US$ (first sales)"),
            Column::number("first_sales_carats", "First sales ct"),
            Column::number("transfers_carats", "Transfers ct"),
            Column::number("transfers_usd", "Transfers US$"),
        ],
    );
    production.empty = "No production in this period.".into();
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
            "Exports per quarter, by HS code and destination",
            "Destination",
            &s.exports,
        ),
        trade(
            "imports",
            "Imports per quarter, by HS code and origin",
            "Origin",
            &s.imports,
        ),
    ]
}

/// `GET /print/kp?country=…&from=…&to=…` or `…&year=YYYY`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let q: PrintQuery = query(&req)?;
    if q.period.is_some() {
        return Err(WebError::BadRequest(
            "KP statistics are per half-year and quarter: no period to choose".into(),
        ));
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
    let heading = Heading {
        title: "Kimberley Process statistics".into(),
        country: s.participant.name.clone(),
        region: None,
        period: months.describe(),
        cut: "production by half-year, trade by quarter".into(),
        printed_at: at,
        printed_by: by,
    };
    let body = html! {
        @for t in tables(&s) { (table(&t)) }
    };
    Ok(super::respond(&heading, body, definitions::KP))
}
