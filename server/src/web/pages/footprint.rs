//! `/footprint?region=…`: a region's size-frequency footprint of diamonds for a period —
//! the share of stones in each size class, side by side with its reference — and the
//! comparison's verdict ([`Core::footprint_report`], the API's report for the same officer).
//!
//! Without a reference period the report uses the reference kept for the region or its
//! nearest ancestor; when there is none the page says so (404) and offers the form to pick
//! a reference period.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::Value as Json;
use uuid::Uuid;

use crate::core::ReferencePeriod;
use crate::http::reference_period;
use crate::reports::footprint::Statistic;
use crate::reports::hundredths;
use crate::reports::rollup::{month_label, month_of_stamp};
use crate::web::format::{share_value, wire_name, words};
use crate::web::pages::{figure, given, query, Regions};
use crate::web::period::{Months, PeriodQuery};
use crate::web::svg::{self, Chart, Series};
use crate::web::table::{self, Column, Table};
use crate::web::{blocking, core, layout, SignedIn, WebError};

#[derive(Debug, Default, Deserialize)]
struct FootprintQuery {
    region: Option<String>,
    from: Option<String>,
    to: Option<String>,
    ref_from: Option<String>,
    ref_to: Option<String>,
    statistic: Option<String>,
}

const STATISTICS: [Statistic; 2] = [Statistic::KolmogorovSmirnov, Statistic::ChiSquare];

/// What the form shows and the report is asked for.
struct Asked {
    region: Option<Uuid>,
    months: Months,
    reference: Option<ReferencePeriod>,
    statistic: Statistic,
}

fn asked(q: &FootprintQuery, current: i32) -> Result<Asked, WebError> {
    let bad = |m: String| WebError::BadRequest(m);
    let region = given(&q.region)
        .map(|r| {
            r.parse::<Uuid>()
                .map_err(|_| bad(format!("no region {r:?}")))
        })
        .transpose()?;
    let months = Months::from_query(
        &PeriodQuery {
            from: q.from.clone(),
            to: q.to.clone(),
        },
        current,
    )?;
    let reference = reference_period(None, given(&q.ref_from), given(&q.ref_to), "its months")
        .map_err(|e| bad(e.message))?;
    let statistic = match given(&q.statistic) {
        None => Statistic::default(),
        Some(s) => STATISTICS
            .into_iter()
            .find(|x| wire_name(x) == s)
            .ok_or_else(|| bad(format!("no statistic {s:?}")))?,
    };
    Ok(Asked {
        region,
        months,
        reference,
        statistic,
    })
}

fn form(a: &Asked, regions: &Regions) -> Markup {
    let ref_month = |m: Option<i32>| m.map(month_label).unwrap_or_default();
    html! {
        form.filters #footprint-form name="footprint" method="get" action="/footprint" {
            label { "Region" (regions.select("region", a.region, None)) }
            label { "From" input type="month" name="from" value=(month_label(a.months.from)) required; }
            label { "To" input type="month" name="to" value=(month_label(a.months.to)) required; }
            label { "Reference from" input type="month" name="ref_from" value=(ref_month(a.reference.map(|r| r.from))); }
            label { "Reference to" input type="month" name="ref_to" value=(ref_month(a.reference.map(|r| r.to))); }
            label { "Statistic" select name="statistic" {
                @for s in STATISTICS {
                    option value=(wire_name(&s)) selected[s == a.statistic] { (words(&wire_name(&s))) }
                }
            } }
            button type="submit" { "Compare" }
        }
        p.note { "Leave the reference months empty to compare with the reference footprint kept for the region (or the nearest region above it)." }
    }
}

fn classes(side: &Json) -> Vec<&Json> {
    side["classes"]
        .as_array()
        .map(|c| c.iter().collect())
        .unwrap_or_default()
}

fn class_table(report: &Json) -> Table {
    let sample = &report["footprint"];
    let reference = &report["reference"]["footprint"];
    let mut t = Table::new(
        "classes",
        "Stones by size class",
        vec![
            Column::text("class", "Size class (ct)"),
            Column::number("stones", "Stones"),
            Column::number("carats", "Carats"),
            Column::number("share_of_stones", "Share of stones"),
            Column::number("reference_stones", "Reference stones"),
            Column::number("reference_share_of_stones", "Reference share"),
        ],
    );
    for (s, r) in classes(sample).into_iter().zip(classes(reference)) {
        t.row(vec![
            s["class"].as_str().unwrap_or("").into(),
            s["stones"].to_string().into(),
            hundredths(s["carats_hundredths"].as_i64().unwrap_or(0)).into(),
            share_value(s["share_of_stones"].as_f64()).into(),
            r["stones"].to_string().into(),
            share_value(r["share_of_stones"].as_f64()).into(),
        ]);
    }
    t
}

fn chart(report: &Json) -> Markup {
    let sample = classes(&report["footprint"]);
    let labels: Vec<String> = sample
        .iter()
        .map(|c| c["class"].as_str().unwrap_or("").to_string())
        .collect();
    let shares = |side: Vec<&Json>| -> Vec<f64> {
        side.iter()
            .map(|c| c["share_of_stones"].as_f64().unwrap_or(0.0) * 100.0)
            .collect()
    };
    let series = [
        Series {
            name: "this period".into(),
            values: shares(sample),
        },
        Series {
            name: "reference".into(),
            values: shares(classes(&report["reference"]["footprint"])),
        },
    ];
    svg::bars(&Chart {
        id: "share-of-stones",
        title: "Share of stones per size class, against the reference",
        unit: "% of stones",
        labels: &labels,
        series: &series,
    })
}

fn describe_reference(r: &Json, regions: &Regions) -> Markup {
    let region_name = |v: &Json| {
        v.as_str()
            .and_then(|s| s.parse().ok())
            .map(|id| regions.name(id))
            .unwrap_or_default()
    };
    html! {
        p #reference data-source=(r["source"].as_str().unwrap_or("")) {
            "Reference: "
            @match r["source"].as_str() {
                Some("period") => {
                    (region_name(&r["region"])) ", " (r["from"].as_str().unwrap_or("")) " to " (r["to"].as_str().unwrap_or(""))
                }
                _ => { "imported (" (r["note"].as_str().unwrap_or("")) ")" }
            }
            @if let Some(by) = r["set_by"].as_str() {
                "; kept for " (region_name(&r["set_for"])) ", set by " (by)
            }
            "."
        }
    }
}

fn report_body(report: &Json, regions: &Regions) -> Markup {
    let c = &report["comparison"];
    let f = &report["footprint"];
    let verdict = c["verdict"].as_str().unwrap_or("");
    let mean = f["mean_stone_ct"].as_f64();
    html! {
        (describe_reference(&report["reference"], regions))
        dl.figures #comparison {
            (figure("verdict", "Verdict", &words(verdict), verdict))
            (figure("statistic", "Statistic", &words(c["statistic"].as_str().unwrap_or("")), c["statistic"].as_str().unwrap_or("")))
            (figure("value", "Value", &format!("{:.4}", c["value"].as_f64().unwrap_or(0.0)), &format!("{:.4}", c["value"].as_f64().unwrap_or(0.0))))
            (figure("p_value", "p-value", &c["p_value"].as_f64().map(|p| format!("{p:.4}")).unwrap_or_else(|| "–".into()), &c["p_value"].as_f64().map(|p| format!("{p:.4}")).unwrap_or_default()))
            (figure("stones", "Stones", &f["stones"].to_string(), &f["stones"].to_string()))
            (figure("reference_stones", "Reference stones", &report["reference"]["footprint"]["stones"].to_string(), &report["reference"]["footprint"]["stones"].to_string()))
            (figure("mean_stone_ct", "Mean stone (ct)", &mean.map(|m| format!("{m:.2}")).unwrap_or_else(|| "–".into()), &mean.map(|m| format!("{m:.2}")).unwrap_or_default()))
        }
        @if verdict == "too_few_stones" {
            p.note { "Too few stones on one side for a p-value; compare a longer period." }
        }
        (chart(report))
    }
}

/// `GET /footprint?region=…&from=…&to=…[&ref_from=…&ref_to=…][&statistic=…][&format=csv]`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let q: FootprintQuery = query(&req)?;
    let core = core(&req)?;
    let a = asked(&q, month_of_stamp(core.now()))?;
    if let Some(r) = a.region {
        signed.officer.require_region(r)?;
    }
    let officer = signed.officer.clone();
    let (region, months, reference, statistic) = (a.region, a.months, a.reference, a.statistic);
    let (regions, report) = blocking(move || {
        let regions = Regions::readable(&core, &officer)?;
        let report = region.map(|r| {
            core.footprint_report(&officer, r, months.from, months.to, reference, statistic)
                .map(|r| crate::http::render::footprint_report(&r))
        });
        Ok((regions, report))
    })
    .await?;
    let (status, body) = match report {
        None => (
            StatusCode::OK,
            html! { p.note { "Choose a region and a period." } },
        ),
        Some(Ok(report)) => {
            let t = class_table(&report);
            if let Some(id) = table::csv_wanted(&req)? {
                return table::csv_response(&[&t], &id);
            }
            (
                StatusCode::OK,
                html! { (report_body(&report, &regions)) (t.html(&req)) },
            )
        }
        Some(Err(e)) if e.code == sync_protocol::api::ErrorCode::NotFound => (
            StatusCode::NOT_FOUND,
            html! {
                p.error #no-reference data-error="404" {
                    "No reference footprint is kept for "
                    (a.region.map(|r| regions.name(r)).unwrap_or_default())
                    " or a region above it. Pick a reference period below, or ask an administrator to set one."
                }
            },
        ),
        Some(Err(e)) => return Err(e.into()),
    };
    let title = match a.region {
        Some(r) => format!("Footprint: {}", regions.name(r)),
        None => "Footprint".to_string(),
    };
    let page = html! { (form(&a, &regions)) (body) };
    Ok(layout::respond(
        status,
        layout::page(&signed, "/footprint", &title, page),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> FootprintQuery {
        serde_urlencoded::from_str(&serde_urlencoded::to_string(pairs).unwrap()).unwrap()
    }

    #[test]
    fn the_query_names_a_region_a_period_and_maybe_a_reference() {
        let now = 2026 * 12 + 10;
        let a = asked(&q(&[("region", ""), ("ref_from", ""), ("ref_to", "")]), now).unwrap();
        assert!(a.region.is_none() && a.reference.is_none());
        assert_eq!(a.statistic, Statistic::KolmogorovSmirnov);
        let a = asked(
            &q(&[
                ("region", "0192f000-0000-7000-8000-000000000001"),
                ("from", "2026-04"),
                ("to", "2026-06"),
                ("ref_from", "2026-01"),
                ("ref_to", "2026-03"),
                ("statistic", "chi_square"),
            ]),
            now,
        )
        .unwrap();
        assert_eq!(a.reference.map(|r| (r.from, r.to)), Some((24312, 24314)));
        assert_eq!(a.statistic, Statistic::ChiSquare);
        for bad in [
            q(&[("ref_from", "2026-01")]),
            q(&[("statistic", "t_test")]),
            q(&[("region", "Ghana")]),
        ] {
            assert!(asked(&bad, now).is_err());
        }
    }
}
