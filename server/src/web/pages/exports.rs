//! `/exports`: export monitoring ([`Core::export_monitoring`], the API's
//! `/v1/reports/exports` for the same officer): the exporters ranked by risk with their
//! reasons, each reason linked to its evidence, and every exporter's quarters; and
//! `/exports/{licence}`: one exporter's evidence — quarters, exports, purchases and the
//! parcels' footprint against the production where it bought ([`Core::exporter_detail`]).
//!
//! Exports are national: administrators, national officers and export monitors read them;
//! a regional officer gets the API's 403.
//!
//! Every word is in the request's language (the `exp-` messages); a reason's sentence is
//! the API's in English and is written again from its figures in another language
//! (`reason_detail`). Wire names stay in `data-value` and the CSV.

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};

use crate::i18n::{self, t, ta, Arg, Lang};
use crate::reports::exports::{
    ExporterFootprint, ExporterQuarter, Monitoring, Ranked, Reason, ReasonKind,
};
use crate::reports::footprint::{Statistic, Verdict};
use crate::reports::hundredths;
use crate::web::format::{cells, decimal, grouped, hundredths_grouped, ratio_text, wire_name};
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

/// A kind of reason in words: "exports exceed purchases".
fn reason_words(kind: ReasonKind) -> String {
    t(match kind {
        ReasonKind::ExportsExceedPurchases => "exp-reason-exports-exceed-purchases",
        ReasonKind::FootprintUnlikeSources => "exp-reason-footprint-unlike-sources",
        ReasonKind::PriceBelowMedian => "exp-reason-price-below-median",
        ReasonKind::PriceAboveMedian => "exp-reason-price-above-median",
        ReasonKind::BelowValuation => "exp-reason-below-valuation",
        ReasonKind::AboveValuation => "exp-reason-above-valuation",
        ReasonKind::BeyondCitedPurchases => "exp-reason-beyond-cited-purchases",
    })
}

/// A footprint's verdict in words.
fn verdict_words(v: Verdict) -> String {
    t(match v {
        Verdict::Similar => "exp-verdict-similar",
        Verdict::Different => "exp-verdict-different",
        Verdict::TooFewStones => "exp-verdict-too-few-stones",
    })
}

/// The statistic a footprint is compared by, in words.
fn statistic_words(s: Statistic) -> String {
    t(match s {
        Statistic::KolmogorovSmirnov => "exp-statistic-kolmogorov-smirnov",
        Statistic::ChiSquare => "exp-statistic-chi-square",
    })
}

/// "yes" for machines (the CSV, `data-value`), in words for people; empty for `false`
/// where `no` is `None`.
fn yes_no(v: bool, no: Option<&str>) -> Cell {
    match (v, no) {
        (true, _) => Cell::shown_as("yes", t("exp-yes")),
        (false, Some(no)) => Cell::shown_as(no, t("exp-no")),
        (false, None) => Cell::default(),
    }
}

/// What was found, in the page's language: the API's own sentence (`reason.detail`) in
/// English; in another language the same sentence written again from the figures it was
/// made of (the exporter's quarter, or its footprint), the API's where they are missing.
fn reason_detail(
    reason: &Reason,
    exporter: uuid::Uuid,
    quarters: &[ExporterQuarter],
    footprint: Option<&ExporterFootprint>,
) -> String {
    if i18n::current() == Lang::En {
        return reason.detail.clone();
    }
    let ct = |h: u64| hundredths_grouped(i64::try_from(h).unwrap_or(i64::MAX));
    let percent = |r: f64| decimal(r * 100.0, 0);
    let row = quarters
        .iter()
        .find(|q| q.exporter == exporter && Some(&q.quarter) == reason.quarter.as_ref());
    let text = match (reason.kind, row) {
        (ReasonKind::ExportsExceedPurchases, Some(r)) => Some(ta(
            "exp-detail-exceeds",
            &[
                ("exported", Arg::from(ct(r.exported_carats_hundredths))),
                ("available", Arg::from(ct(r.available_hundredths))),
                ("stock", Arg::from(ct(r.stock_at_start_hundredths))),
                ("bought", Arg::from(ct(r.bought_carats_hundredths))),
            ],
        )),
        // The price the API compared: the declared value over the value at the medians,
        // times the median.
        (ReasonKind::PriceBelowMedian | ReasonKind::PriceAboveMedian, Some(r)) => r
            .median_usd_per_carat
            .zip(r.price_ratio)
            .map(|(median, ratio)| {
                ta(
                    "exp-detail-price",
                    &[
                        ("price", Arg::from(decimal(median * ratio, 2))),
                        ("median", Arg::from(decimal(median, 2))),
                        ("percent", Arg::from(percent(ratio))),
                    ],
                )
            }),
        (ReasonKind::BeyondCitedPurchases, Some(r)) => Some(ta(
            "exp-detail-cited",
            &[
                ("exports", Arg::from(r.citing_exports)),
                ("exported", Arg::from(ct(r.citing_exported_hundredths))),
                ("cited", Arg::from(ct(r.cited_hundredths))),
            ],
        )),
        (ReasonKind::BelowValuation | ReasonKind::AboveValuation, Some(r)) => {
            r.valuation_ratio.map(|ratio| {
                ta(
                    "exp-detail-valuation",
                    &[
                        ("declared", Arg::from(ct(r.valued_declared_cents))),
                        ("exports", Arg::from(r.valued_exports)),
                        ("valuation", Arg::from(ct(r.valuation_cents))),
                        ("percent", Arg::from(percent(ratio))),
                    ],
                )
            })
        }
        (ReasonKind::FootprintUnlikeSources, _) => {
            footprint.filter(|f| f.exporter == exporter).map(|f| {
                let c = &f.comparison;
                let statistic = t(match c.statistic {
                    Statistic::KolmogorovSmirnov => "exp-stat-ks-d",
                    Statistic::ChiSquare => "exp-stat-chi-square",
                });
                let p = c
                    .p_value
                    .map_or_else(|| t("exp-not-available"), |p| decimal(p, 4));
                ta(
                    "exp-detail-footprint",
                    &[
                        ("regions", Arg::from(f.source_regions.len())),
                        ("statistic", Arg::from(statistic)),
                        ("value", Arg::from(decimal(c.value, 2))),
                        ("p", Arg::from(p)),
                    ],
                )
            })
        }
        _ => None,
    };
    text.unwrap_or_else(|| reason.detail.clone())
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
    let mut table = Table::new(
        id,
        caption,
        vec![
            Column::text("quarter", t("exp-col-quarter")),
            Column::text("exporter_number", t("exp-col-exporter")),
            Column::number("exports", t("exp-col-exports")),
            Column::number("exported_carats", t("exp-col-exported-ct")),
            Column::number("exported_usd", t("exp-col-exported-usd")),
            Column::number("bought_carats", t("exp-col-bought-ct")),
            Column::number("unverified_carats", t("exp-col-unverified-ct")),
            Column::number("stock_at_start", t("exp-col-stock-at-start")),
            Column::number("available", t("exp-col-available")),
            Column::number("ratio", t("exp-col-ratio")),
            Column::text("exceeds", t("exp-col-exceeds")),
            Column::number("usd_per_carat", t("exp-col-usd-per-ct")),
            Column::number("median_usd_per_carat", t("exp-col-median-usd-per-ct")),
            Column::number("price_ratio", t("exp-col-price-ratio")),
            Column::number("valuation_usd", t("exp-col-valuation-usd")),
            Column::number("valuation_ratio", t("exp-col-valuation-ratio")),
            Column::number("duty_usd", t("exp-col-duty-usd")),
        ],
    );
    table.empty = t("exp-no-exporter");
    for r in rows {
        table.row(vec![
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
            yes_no(r.exceeds, None),
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
    table
}

/// Each reason of `exporter`, linked to its evidence; what was found is read from its
/// `quarters` and `footprint` ([`reason_detail`]).
fn reasons_list(
    reasons: &[Reason],
    exporter: uuid::Uuid,
    quarters: &[ExporterQuarter],
    footprint: Option<&ExporterFootprint>,
) -> Markup {
    html! {
        ul.reasons {
            @for reason in reasons {
                li data-reason=(wire_name(&reason.kind)) {
                    a href=(evidence_page(&reason.evidence)) {
                        (reason_words(reason.kind))
                        @if let Some(q) = &reason.quarter { " (" (q) ")" }
                    }
                    (t("exp-colon")) (reason_detail(reason, exporter, quarters, footprint))
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
    let mut table = Table::new(
        "ranking",
        t("exp-ranking"),
        vec![
            Column::number("rank", t("exp-col-rank")),
            Column::text("exporter_number", t("exp-col-exporter")),
            Column::text("holder", t("exp-col-holder")),
            Column::number("score", t("exp-col-score")),
            Column::text("reasons", t("exp-col-reasons")),
        ],
    );
    table.empty = t("exp-no-exporter");
    table.action_label = t("exp-col-evidence");
    for (i, r) in m.ranking.iter().enumerate() {
        let e = exporters.get(&r.exporter);
        // Each kind once, with the quarters it holds in: the list beside links each one.
        let mut kinds: Vec<(ReasonKind, Vec<Option<String>>)> = Vec::new();
        for x in &r.reasons {
            match kinds.iter_mut().find(|(kind, _)| *kind == x.kind) {
                Some((_, qs)) => qs.push(x.quarter.clone()),
                None => kinds.push((x.kind, vec![x.quarter.clone()])),
            }
        }
        // For machines (the CSV, `data-value`) by wire names; for people in words.
        let listed = |name: &dyn Fn(ReasonKind) -> String, period: &str| -> String {
            kinds
                .iter()
                .map(|(k, qs)| {
                    let qs: Vec<&str> = qs.iter().map(|q| q.as_deref().unwrap_or(period)).collect();
                    format!("{} ({})", name(*k), qs.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let wire = listed(&|k| wire_name(&k), "period");
        let read = listed(&reason_words, &t("exp-whole-period"));
        let footprint = m.footprints.iter().find(|f| f.exporter == r.exporter);
        table.row_with_action(
            vec![
                cells::count(i as i64 + 1),
                Cell::link(
                    e.map_or_else(|| r.exporter.to_string(), |e| e.number.clone()),
                    format!("/exports/{}?{}", r.exporter, months.query()),
                ),
                e.map(|e| e.holder.clone()).unwrap_or_default().into(),
                cells::count(i64::from(r.score)),
                if wire.is_empty() {
                    Cell::default()
                } else {
                    Cell::shown_as(wire, read)
                },
            ],
            (!r.reasons.is_empty())
                .then(|| reasons_list(&r.reasons, r.exporter, &m.quarters, footprint)),
        );
    }
    table
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
    let quarters = quarters_table("quarters", &t("exp-per-quarter"), &rows, &number, months);
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
            name: t("exp-series-exported"),
            values: top
                .iter()
                .map(|r| sum_of(r, |q| q.exported_carats_hundredths))
                .collect(),
        },
        Series {
            name: t("exp-series-bought"),
            values: top
                .iter()
                .map(|r| sum_of(r, |q| q.bought_carats_hundredths))
                .collect(),
        },
    ];
    let body = html! {
        (months.form("/exports", &[]))
        dl.figures #totals {
            (figure("exporters", &t("exp-fig-exporters"), &grouped(m.ranking.len() as i64), &m.ranking.len().to_string()))
            (figure("exporters_with_reasons", &t("exp-fig-with-reason"), &grouped(flagged as i64), &flagged.to_string()))
            (figure("quarters_exceeding", &t("exp-fig-quarters-exceeding"), &grouped(exceeding as i64), &exceeding.to_string()))
            (figure("exported_carats", &t("exp-fig-exported-ct"), &hundredths_grouped(exported as i64), &hundredths(exported as i64)))
            (figure("exported_usd", &t("exp-fig-exported-usd"), &hundredths_grouped(cents as i64), &hundredths(cents as i64)))
        }
        p.note {
            (t("exp-note")) " " (t("exp-note-links"))
        }
        (svg::bars(&Chart {
            id: "exported-bought",
            title: &t("exp-chart-title"),
            unit: &t("exp-chart-unit"),
            labels: &labels,
            series: &series,
        }))
        (ranking.html(&req))
        (quarters.html(&req))
    };
    Ok(layout::ok(layout::page(
        &signed,
        "/exports",
        &ta("exp-title", &[("period", Arg::from(months.describe()))]),
        body,
    )))
}

/// Who sold to the exporter, in words: a miner, or a licence's holder.
fn seller_words(seller: Collection) -> String {
    crate::web::evidence::collection_words(seller)
}

fn lines_table<T>(
    id: &'static str,
    caption: &str,
    items: &[T],
    columns: Vec<Column>,
    cells: impl Fn(&T) -> Vec<Cell>,
) -> Table {
    let mut table = Table::new(id, caption, columns);
    table.empty = t("exp-none");
    for item in items {
        table.row(cells(item));
    }
    table
}

fn footprint_chart(f: &ExporterFootprint) -> Markup {
    let c = &f.comparison;
    let verdict = wire_name(&c.verdict);
    let value = format!("{:.4}", c.value);
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let (parcel_stones, source_stones) =
        (count(f.parcels.total_stones), count(f.sources.total_stones));
    html! {
        section #footprint {
            h2 { (t("exp-footprint")) }
            dl.figures {
                (figure("footprint_verdict", &t("exp-fig-verdict"), &verdict_words(c.verdict), &verdict))
                (figure("footprint_value", &statistic_words(c.statistic), &ratio_text(Some(c.value)), &value))
                (figure("parcel_stones", &t("exp-fig-parcel-stones"), &grouped(parcel_stones), &parcel_stones.to_string()))
                (figure("source_stones", &t("exp-fig-source-stones"), &grouped(source_stones), &source_stones.to_string()))
            }
            (super::footprint::share_chart(
                "parcel-footprint",
                &t("exp-footprint-chart"),
                [
                    (&t("exp-series-parcels"), &f.parcels),
                    (&t("exp-series-sources"), &f.sources),
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
        &t("exp-stock-balance"),
        &rows,
        &|_| number.clone(),
        months,
    );
    let h = cells::hundredths_u;
    let exports = lines_table(
        "exports",
        &t("exp-col-exports"),
        &d.exports,
        vec![
            Column::text("date", t("exp-col-date")),
            Column::text("certificate", t("exp-col-certificate")),
            Column::text("hs_code", t("exp-col-hs-code")),
            Column::text("destination", t("exp-col-destination")),
            Column::number("carats", t("exp-col-carats")),
            Column::number("usd", t("exp-col-usd")),
            Column::number("usd_per_carat", t("exp-col-usd-per-ct")),
            Column::number("valuation_usd", t("exp-col-valuation-usd")),
            Column::number("duty_usd", t("exp-col-duty-usd")),
            Column::number("cited_carats", t("exp-col-cited")),
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
        &t("exp-purchases"),
        &d.purchases,
        vec![
            Column::text("date", t("exp-col-date")),
            Column::text("seller_kind", t("exp-col-seller")),
            Column::text("seller_name", t("exp-col-seller-name")),
            Column::text("verified", t("exp-col-verified")),
            Column::number("carats", t("exp-col-carats")),
            Column::number("usd", t("exp-col-usd")),
            Column::text("seller", t("exp-col-seller-id")),
        ],
        |p| {
            let seller = match p.seller_kind {
                "miner" => Collection::Miner,
                _ => Collection::Licence,
            };
            vec![
                Cell::link(&p.date, href(Collection::Sale, p.id)),
                Cell::shown_as(p.seller_kind, seller_words(seller)),
                match &p.seller_name {
                    Some(name) => Cell::link(name, href(seller, p.seller)),
                    None => Cell::shown_as("(not registered)", t("exp-not-registered")),
                },
                yes_no(p.verified, Some("no")),
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
        p { (ta("exp-holder", &[("holder", Arg::from(d.exporter.holder.as_str()))])) " " a href=(format!("/exports?{}", months.query())) { (t("exp-all-exporters")) } }
        dl.figures #totals {
            (figure("exported_carats", &t("exp-fig-exported-ct"), &hundredths_grouped(exported as i64), &hundredths(exported as i64)))
            (figure("bought_carats", &t("exp-fig-bought-verified"), &hundredths_grouped(bought as i64), &hundredths(bought as i64)))
            (figure("worst_ratio", &t("exp-fig-worst-ratio"), &ratio_text(worst), &worst.map(|w| format!("{w:.4}")).unwrap_or_default()))
        }
        @if !reasons.is_empty() {
            section #reasons {
                h2 { (t("exp-col-reasons")) }
                (reasons_list(&reasons, exporter, quarter_rows, d.footprint.as_ref()))
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
        &ta(
            "exp-exporter-title",
            &[("number", Arg::from(number.as_str()))],
        ),
        body,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn quarter(exporter: uuid::Uuid) -> ExporterQuarter {
        serde_json::from_value(json!({
            "exporter": exporter,
            "quarter": "2026-Q2",
            "exports": 2,
            "exported_carats_hundredths": 123_456,
            "exported_cents": 1_500_000,
            "bought_carats_hundredths": 100,
            "bought_cents": 30_000,
            "unverified_carats_hundredths": 0,
            "sold_carats_hundredths": 0,
            "sold_cents": 0,
            "stock_at_start_hundredths": 0,
            "available_hundredths": 100,
            "exceeds": true,
            "median_usd_per_carat": 300.0,
            "price_ratio": 0.5,
            "valued_exports": 1,
            "valued_declared_cents": 300_000,
            "valuation_cents": 750_000,
            "duty_cents": 0,
            "valuation_ratio": 0.4,
            "citing_exports": 1,
            "citing_exported_hundredths": 500,
            "cited_hundredths": 100,
        }))
        .unwrap()
    }

    #[test]
    fn a_reason_reads_in_the_pages_language_from_its_figures() {
        let exporter = uuid::Uuid::from_u128(7);
        let quarters = [quarter(exporter)];
        let reason = |kind| Reason {
            kind,
            quarter: Some("2026-Q2".into()),
            detail: "the API's own words".into(),
            evidence: String::new(),
        };
        let read = |lang, kind| {
            i18n::with(lang, || {
                reason_detail(&reason(kind), exporter, &quarters, None)
            })
        };
        assert_eq!(
            read(Lang::En, ReasonKind::ExportsExceedPurchases),
            "the API's own words"
        );
        assert_eq!(
            read(Lang::Fr, ReasonKind::ExportsExceedPurchases),
            "1\u{202f}234,56 ct exportés pour 1,00 ct disponibles (0,00 ct en stock, 1,00 ct achetés)"
        );
        assert_eq!(
            read(Lang::Fr, ReasonKind::PriceBelowMedian),
            "150,00 US$/ct contre une médiane de 300,00 US$/ct (50 %)"
        );
        assert_eq!(
            read(Lang::Pt, ReasonKind::BelowValuation),
            "3\u{202f}000,00 US$ declarados para 1 exportação(ões) que o avaliador do Estado \
             avaliou em 7\u{202f}500,00 US$ (40 %)"
        );
        assert_eq!(
            read(Lang::Fr, ReasonKind::BeyondCitedPurchases),
            "1 exportation(s) de 5,00 ct citant des achats de 1,00 ct"
        );
        // Without the figures it was made of: the API's sentence.
        assert_eq!(
            read(Lang::Fr, ReasonKind::FootprintUnlikeSources),
            "the API's own words"
        );
        let elsewhere = i18n::with(Lang::Fr, || {
            reason_detail(
                &reason(ReasonKind::ExportsExceedPurchases),
                uuid::Uuid::from_u128(8),
                &quarters,
                None,
            )
        });
        assert_eq!(elsewhere, "the API's own words");
        assert_eq!(
            i18n::with(Lang::Fr, || reason_words(ReasonKind::PriceAboveMedian)),
            "prix supérieur à la médiane"
        );
    }
}
