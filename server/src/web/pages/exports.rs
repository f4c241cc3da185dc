//! `/exports`: export monitoring ([`Core::export_monitoring`], the API's
//! `/v1/reports/exports` for the same officer): the exporters ranked by risk with their
//! reasons, each reason linked to its evidence, and every exporter's quarters; and
//! `/exports/{licence}`: one exporter's evidence — quarters, exports, purchases and the
//! parcels' footprint against the production where it bought ([`Core::exporter_detail`]).
//!
//! Exports are national: administrators, national officers and export monitors read them;
//! a regional officer gets the API's 403.

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};

use crate::reports::exports::{ExporterFootprint, ExporterQuarter, Monitoring, Ranked, Reason};
use crate::reports::hundredths;
use crate::web::format::{cells, grouped, hundredths_grouped, ratio_text, wire_name, words};
use crate::web::pages::record::href;
use crate::web::pages::{figure, path_id, query};
use crate::web::period::{self, Months, PeriodQuery};
use crate::web::svg::{self, Chart, Series};
use crate::web::table::{self, Cell, Column, Table};
use crate::web::{blocking, core, layout, SignedIn, WebError};
use sync_protocol::records::Collection;

/// The page of an evidence path the API gives (`/v1/reports/exports/…`).
fn evidence_page(api_path: &str) -> String {
    api_path.replacen("/v1/reports/exports/", "/exports/", 1)
}

/// The same columns as the API's CSV (`reports::exports::to_csv`), in the same units.
fn quarters_table(
    id: &'static str,
    caption: &str,
    rows: &[&ExporterQuarter],
    number: &dyn Fn(uuid::Uuid) -> String,
    months: Months,
) -> Table {
    let h = cells::hundredths_u;
    let mut t = Table::new(
        id,
        caption,
        vec![
            Column::text("quarter", "Quarter"),
            Column::text("exporter_number", "Exporter"),
            Column::number("exports", "Exports"),
            Column::number("exported_carats", "Exported ct"),
            Column::number("exported_usd", "Exported US$"),
            Column::number("bought_carats", "Bought ct"),
            Column::number("unverified_carats", "Unverified ct"),
            Column::number("stock_at_start", "Stock at start ct"),
            Column::number("available", "Available ct"),
            Column::number("ratio", "Exported / available"),
            Column::text("exceeds", "Exceeds"),
            Column::number("usd_per_carat", "US$/ct"),
            Column::number("median_usd_per_carat", "Median US$/ct"),
            Column::number("price_ratio", "Price / median"),
            Column::number("valuation_usd", "Valuation US$"),
            Column::number("valuation_ratio", "Declared / valuation"),
            Column::number("duty_usd", "Duty US$"),
        ],
    );
    t.empty = "No exporter in this period.".into();
    for r in rows {
        t.row(vec![
            r.quarter.clone().into(),
            Cell::link(
                number(r.exporter),
                format!("/exports/{}?{}", r.exporter, months.query()),
            ),
            cells::count(i64::try_from(r.exports).unwrap_or(i64::MAX)),
            h(r.exported_carats_hundredths),
            h(r.exported_cents),
            h(r.bought_carats_hundredths),
            h(r.unverified_carats_hundredths),
            h(r.stock_at_start_hundredths),
            h(r.available_hundredths),
            cells::ratio(r.ratio, 4),
            if r.exceeds { "yes" } else { "" }.into(),
            cells::ratio(r.usd_per_carat, 2),
            cells::ratio(r.median_usd_per_carat, 2),
            cells::ratio(r.price_ratio, 4),
            if r.valued_exports > 0 {
                h(r.valuation_cents)
            } else {
                Cell::default()
            },
            cells::ratio(r.valuation_ratio, 4),
            h(r.duty_cents),
        ]);
    }
    t
}

/// Each reason, linked to its evidence.
fn reasons_list(reasons: &[Reason]) -> Markup {
    html! {
        ul.reasons {
            @for reason in reasons {
                li data-reason=(crate::web::format::wire_name(&reason.kind)) {
                    a href=(evidence_page(&reason.evidence)) {
                        (words(&crate::web::format::wire_name(&reason.kind)))
                        @if let Some(q) = &reason.quarter { " (" (q) ")" }
                    }
                    ": " (reason.detail)
                }
            }
        }
    }
}

fn ranking_table(
    m: &Monitoring,
    exporters: &std::collections::BTreeMap<uuid::Uuid, crate::export_monitor::Exporter>,
    months: Months,
) -> Table {
    let mut t = Table::new(
        "ranking",
        "Exporters by risk",
        vec![
            Column::number("rank", "Rank"),
            Column::text("exporter_number", "Exporter"),
            Column::text("holder", "Holder"),
            Column::number("score", "Score"),
            Column::text("reasons", "Reasons"),
        ],
    );
    t.empty = "No exporter in this period.".into();
    t.action_label = "Evidence".into();
    for (i, r) in m.ranking.iter().enumerate() {
        let e = exporters.get(&r.exporter);
        // Each kind once, with the quarters it holds in: the list beside links each one.
        let mut kinds: Vec<(String, Vec<String>)> = Vec::new();
        for x in &r.reasons {
            let k = crate::web::format::wire_name(&x.kind);
            let q = x.quarter.clone().unwrap_or_else(|| "period".into());
            match kinds.iter_mut().find(|(name, _)| *name == k) {
                Some((_, qs)) => qs.push(q),
                None => kinds.push((k, vec![q])),
            }
        }
        let kinds: Vec<String> = kinds
            .into_iter()
            .map(|(k, qs)| format!("{k} ({})", qs.join(", ")))
            .collect();
        t.row_with_action(
            vec![
                cells::count(i as i64 + 1),
                Cell::link(
                    e.map_or_else(|| r.exporter.to_string(), |e| e.number.clone()),
                    format!("/exports/{}?{}", r.exporter, months.query()),
                ),
                e.map(|e| e.holder.clone()).unwrap_or_default().into(),
                cells::count(i64::from(r.score)),
                kinds.join("; ").into(),
            ],
            (!r.reasons.is_empty()).then(|| reasons_list(&r.reasons)),
        );
    }
    t
}

/// `GET /exports[?from=…&to=…][&format=csv&table=ranking|quarters]`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let core = core(&req)?;
    let q: PeriodQuery = query(&req)?;
    let months = Months::from_query(&q, period::default_end(&core, &signed.officer, &q).await?)?;
    let officer = signed.officer.clone();
    let (m, exporters) =
        blocking(move || core.export_monitoring(&officer, months.from, months.to)).await?;
    let number = |id: uuid::Uuid| {
        exporters
            .get(&id)
            .map_or_else(|| id.to_string(), |e| e.number.clone())
    };
    let ranking = ranking_table(&m, &exporters, months);
    let rows: Vec<&ExporterQuarter> = m.quarters.iter().collect();
    let quarters = quarters_table(
        "quarters",
        "Per exporter and quarter",
        &rows,
        &number,
        months,
    );
    if let Some(id) = table::csv_wanted(&req)? {
        return table::csv_response(&[&ranking, &quarters], &id);
    }
    let flagged = m.ranking.iter().filter(|r| r.score > 0).count();
    let exceeding = m.quarters.iter().filter(|q| q.exceeds).count();
    let exported: u64 = m
        .quarters
        .iter()
        .map(|q| q.exported_carats_hundredths)
        .sum();
    let cents: u64 = m.quarters.iter().map(|q| q.exported_cents).sum();
    // Exported against available over the period, for the exporters with the most risk.
    let top: Vec<&Ranked> = m.ranking.iter().take(12).collect();
    let labels: Vec<String> = top.iter().map(|r| number(r.exporter)).collect();
    let sum_of = |r: &Ranked, f: fn(&ExporterQuarter) -> u64| -> f64 {
        m.quarters
            .iter()
            .filter(|q| q.exporter == r.exporter)
            .map(f)
            .sum::<u64>() as f64
            / 100.0
    };
    let series = [
        Series {
            name: "exported (ct)".into(),
            values: top
                .iter()
                .map(|r| sum_of(r, |q| q.exported_carats_hundredths))
                .collect(),
        },
        Series {
            name: "bought (ct)".into(),
            values: top
                .iter()
                .map(|r| sum_of(r, |q| q.bought_carats_hundredths))
                .collect(),
        },
    ];
    let body = html! {
        (months.form("/exports", &[]))
        dl.figures #totals {
            (figure("exporters", "Exporters", &grouped(m.ranking.len() as i64), &m.ranking.len().to_string()))
            (figure("exporters_with_reasons", "With a reason", &grouped(flagged as i64), &flagged.to_string()))
            (figure("quarters_exceeding", "Quarters over purchases", &grouped(exceeding as i64), &exceeding.to_string()))
            (figure("exported_carats", "Exported (ct)", &hundredths_grouped(exported as i64), &hundredths(exported as i64)))
            (figure("exported_usd", "Exported (US$)", &hundredths_grouped(cents as i64), &hundredths(cents as i64)))
        }
        p.note {
            "An exporter exceeds its purchases when it ships more than 10 % beyond what it bought from registered miners and licensed buyers plus its stock; its price is compared with the quarter's median for the same country and HS code; its parcels' stones with the production where it bought. "
            "Each reason links to its evidence."
        }
        (svg::bars(&Chart {
            id: "exported-bought",
            title: "Exported and bought over the period, by exporter (highest risk first)",
            unit: "carats",
            labels: &labels,
            series: &series,
        }))
        (ranking.html(&req))
        (quarters.html(&req))
    };
    Ok(layout::ok(layout::page(
        &signed,
        "/exports",
        &format!("Export monitoring, {}", months.describe()),
        body,
    )))
}

fn lines_table<T>(
    id: &'static str,
    caption: &str,
    items: &[T],
    columns: Vec<Column>,
    cells: impl Fn(&T) -> Vec<Cell>,
) -> Table {
    let mut t = Table::new(id, caption, columns);
    t.empty = "None in this period.".into();
    for item in items {
        t.row(cells(item));
    }
    t
}

fn footprint_chart(f: &ExporterFootprint) -> Markup {
    let c = &f.comparison;
    let verdict = wire_name(&c.verdict);
    let statistic = wire_name(&c.statistic);
    let value = format!("{:.4}", c.value);
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let (parcel_stones, source_stones) =
        (count(f.parcels.total_stones), count(f.sources.total_stones));
    html! {
        section #footprint {
            h2 { "Footprint of its parcels" }
            dl.figures {
                (figure("footprint_verdict", "Verdict", &words(&verdict), &verdict))
                (figure("footprint_value", &words(&statistic), &ratio_text(Some(c.value)), &value))
                (figure("parcel_stones", "Parcel stones", &grouped(parcel_stones), &parcel_stones.to_string()))
                (figure("source_stones", "Stones produced where it bought", &grouped(source_stones), &source_stones.to_string()))
            }
            (super::footprint::share_chart(
                "parcel-footprint",
                "Share of stones per size class: parcels against the production where it bought",
                [
                    ("exported parcels", &f.parcels),
                    ("production where it bought", &f.sources),
                ],
            ))
        }
    }
}

/// `GET /exports/{licence}?from=…&to=…[&format=csv&table=…]`
pub async fn detail(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let exporter = path_id(&req, "exporter licence")?;
    let core = core(&req)?;
    let q: PeriodQuery = query(&req)?;
    let months = Months::from_query(&q, period::default_end(&core, &signed.officer, &q).await?)?;
    let officer = signed.officer.clone();
    let d =
        blocking(move || core.exporter_detail(&officer, exporter, months.from, months.to)).await?;
    let number = d.exporter.number.clone();
    let quarter_rows = &d.quarters;
    let reasons: Vec<Reason> = d.reasons.clone().unwrap_or_default();
    let rows: Vec<&ExporterQuarter> = quarter_rows.iter().collect();
    let quarters = quarters_table(
        "quarters",
        "Stock balance by quarter",
        &rows,
        &|_| number.clone(),
        months,
    );
    let h = cells::hundredths_u;
    let exports = lines_table(
        "exports",
        "Exports",
        &d.exports,
        vec![
            Column::text("date", "Date"),
            Column::text("certificate", "KP certificate"),
            Column::text("hs_code", "HS code"),
            Column::text("destination", "Destination"),
            Column::number("carats", "Carats"),
            Column::number("usd", "US$"),
            Column::number("usd_per_carat", "US$/ct"),
            Column::number("valuation_usd", "Valuation US$"),
            Column::number("duty_usd", "Duty US$"),
            Column::number("cited_carats", "Cited purchases (ct)"),
        ],
        |e| {
            vec![
                e.date.clone().into(),
                Cell::link(&e.certificate, href(Collection::Export, e.id)),
                e.hs_code.clone().into(),
                e.destination.clone().into(),
                h(e.carats_hundredths),
                h(e.cents),
                cells::ratio(e.usd_per_carat, 2),
                e.valuation_cents.map(h).unwrap_or_default(),
                e.duty_cents.map(h).unwrap_or_default(),
                e.cited_carats_hundredths.map(h).unwrap_or_default(),
            ]
        },
    );
    let purchases = lines_table(
        "purchases",
        "Purchases (sales recorded to its licence)",
        &d.purchases,
        vec![
            Column::text("date", "Date"),
            Column::text("seller_kind", "Seller"),
            Column::text("seller_name", "Seller's name or licence"),
            Column::text("verified", "Verified"),
            Column::number("carats", "Carats"),
            Column::number("usd", "US$"),
            Column::text("seller", "Seller id"),
        ],
        |p| {
            let seller = match p.seller_kind {
                "miner" => Collection::Miner,
                _ => Collection::Licence,
            };
            vec![
                Cell::link(&p.date, href(Collection::Sale, p.id)),
                p.seller_kind.into(),
                match &p.seller_name {
                    Some(name) => Cell::link(name, href(seller, p.seller)),
                    None => "(not registered)".into(),
                },
                if p.verified { "yes" } else { "no" }.into(),
                h(p.carats_hundredths),
                h(p.cents),
                Cell::link(p.seller.to_string(), href(seller, p.seller)),
            ]
        },
    );
    if let Some(id) = table::csv_wanted(&req)? {
        return table::csv_response(&[&quarters, &exports, &purchases], &id);
    }
    let exported: u64 = quarter_rows
        .iter()
        .map(|q| q.exported_carats_hundredths)
        .sum();
    let bought: u64 = quarter_rows
        .iter()
        .map(|q| q.bought_carats_hundredths)
        .sum();
    let worst = quarter_rows
        .iter()
        .filter_map(|q| q.ratio)
        .fold(None, |a: Option<f64>, r| Some(a.map_or(r, |a| a.max(r))));
    let body = html! {
        (months.form(&format!("/exports/{exporter}"), &[]))
        p { "Holder: " (d.exporter.holder) ". " a href=(format!("/exports?{}", months.query())) { "All exporters" } }
        dl.figures #totals {
            (figure("exported_carats", "Exported (ct)", &hundredths_grouped(exported as i64), &hundredths(exported as i64)))
            (figure("bought_carats", "Bought, verified (ct)", &hundredths_grouped(bought as i64), &hundredths(bought as i64)))
            (figure("worst_ratio", "Worst exported / available", &ratio_text(worst), &worst.map(|w| format!("{w:.4}")).unwrap_or_default()))
        }
        @if !reasons.is_empty() {
            section #reasons {
                h2 { "Reasons" }
                (reasons_list(&reasons))
            }
        }
        (quarters.html(&req))
        (exports.html(&req))
        (purchases.html(&req))
        @if let Some(f) = &d.footprint { (footprint_chart(f)) }
    };
    Ok(layout::ok(layout::page(
        &signed,
        "/exports",
        &format!("Exporter {number}"),
        body,
    )))
}
