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
use uuid::Uuid;

use crate::core::{FootprintReport, KeptReference, ReferenceFrom, ReferencePeriod};
use crate::http::reference_period;
use crate::i18n::{t, ta, Arg};
use crate::reports::footprint::{class_index, Footprint, Statistic, CLASSES};
use crate::reports::rollup::{month_label, DetailKind};
use crate::web::format::{cells, grouped, p_value_text, ratio, ratio_text, value_words, wire_name};
use crate::web::pages::{figure, given, query, Regions};
use crate::web::period::{self, Months, PeriodQuery};
use crate::web::svg::{self, Chart, Series};
use crate::web::table::{self, Cell, Column, Table};
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
            r.parse::<Uuid>().map_err(|_| {
                bad(ta(
                    "foot-no-region",
                    &[("region", Arg::from(format!("{r:?}")))],
                ))
            })
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
            .ok_or_else(|| {
                bad(ta(
                    "foot-no-statistic",
                    &[("statistic", Arg::from(format!("{s:?}")))],
                ))
            })?,
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
            label { (t("foot-region")) (regions.select("region", a.region, None)) }
            label { (t("period-from")) input type="month" name="from" value=(month_label(a.months.from)) required; }
            label { (t("period-to")) input type="month" name="to" value=(month_label(a.months.to)) required; }
            label { (t("foot-reference-from")) input type="month" name="ref_from" value=(ref_month(a.reference.map(|r| r.from))); }
            label { (t("foot-reference-to")) input type="month" name="ref_to" value=(ref_month(a.reference.map(|r| r.to))); }
            label { (t("foot-statistic")) select name="statistic" {
                @for s in STATISTICS {
                    option value=(wire_name(&s)) selected[s == a.statistic] { (value_words(&wire_name(&s))) }
                }
            } }
            button type="submit" { (t("foot-compare")) }
        }
        p.note { (t("foot-reference-hint")) }
    }
}

/// The size classes, smallest first: (the label machines read, the words a person reads,
/// "below 0.10 ct").
fn class_labels() -> Vec<(String, String)> {
    CLASSES
        .iter()
        .map(|c| {
            let wire = DetailKind::SizeClass
                .label(class_index(*c) as u8)
                .unwrap_or_default()
                .to_string();
            (wire, crate::web::format::size_class(*c))
        })
        .collect()
}

fn class_table(report: &FootprintReport) -> Table {
    let (sample, reference) = (&report.sample, &report.reference);
    let (sample_shares, reference_shares) = (sample.share_of_stones(), reference.share_of_stones());
    let mut table = Table::new(
        "classes",
        t("foot-classes-caption"),
        vec![
            Column::text("class", t("foot-col-class")),
            Column::number("stones", t("foot-stones")),
            Column::number("carats", t("foot-col-carats")),
            Column::number("share_of_stones", t("foot-col-share")),
            Column::number("reference_stones", t("foot-reference-stones")),
            Column::number("reference_share_of_stones", t("foot-col-reference-share")),
        ],
    );
    for (i, (wire, shown)) in class_labels().into_iter().enumerate() {
        table.row(vec![
            Cell::shown_as(wire, shown),
            cells::count(i64::try_from(sample.stones[i]).unwrap_or(i64::MAX)),
            cells::hundredths_u(sample.carats[i]),
            cells::share(Some(sample_shares[i])),
            cells::count(i64::try_from(reference.stones[i]).unwrap_or(i64::MAX)),
            cells::share(Some(reference_shares[i])),
        ]);
    }
    table
}

fn chart(report: &FootprintReport) -> Markup {
    share_chart(
        "share-of-stones",
        &t("foot-chart-title"),
        [
            ("this period", &report.sample),
            ("reference", &report.reference),
        ],
    )
}

/// Two footprints' shares of stones per size class, side by side, as percentages. `title`
/// in the page's language; each side's name as [`svg::series_label`] reads it.
pub(super) fn share_chart(id: &'static str, title: &str, sides: [(&str, &Footprint); 2]) -> Markup {
    let labels: Vec<String> = class_labels().into_iter().map(|(_, shown)| shown).collect();
    let series = sides.map(|(name, f)| Series {
        name: name.into(),
        values: f.share_of_stones().iter().map(|s| s * 100.0).collect(),
    });
    svg::bars(&Chart {
        id,
        title,
        unit: &t("chart-unit-share-of-stones"),
        labels: &labels,
        series: &series,
    })
}

fn describe_reference(r: &ReferenceFrom, regions: &Regions) -> Markup {
    let period = |region: Uuid, from: i32, to: i32| {
        let months = Months { from, to };
        ta(
            "foot-reference-period",
            &[
                ("region", Arg::from(regions.name(region))),
                ("period", Arg::from(months.describe())),
            ],
        )
    };
    let (source, text, kept) = match r {
        ReferenceFrom::Asked { region, from, to } => ("period", period(*region, *from, *to), None),
        ReferenceFrom::Kept {
            set_for,
            set_by,
            source,
            ..
        } => {
            let (source, text) = match source {
                KeptReference::Period { region, from, to } => {
                    ("period", period(*region, *from, *to))
                }
                KeptReference::Imported { note } => (
                    "imported",
                    ta(
                        "foot-reference-imported",
                        &[("note", Arg::from(note.to_string()))],
                    ),
                ),
            };
            (source, text, Some((regions.name(*set_for), set_by.clone())))
        }
    };
    let text = Arg::from(text);
    let line = match kept {
        Some((set_for, by)) => ta(
            "foot-reference-kept",
            &[
                ("reference", text),
                ("region", Arg::from(set_for)),
                ("by", Arg::from(by)),
            ],
        ),
        None => ta("foot-reference", &[("reference", text)]),
    };
    html! {
        p #reference data-source=(source) { (line) }
    }
}

fn report_body(report: &FootprintReport, regions: &Regions) -> Markup {
    let c = &report.comparison;
    let f = &report.sample;
    let verdict = wire_name(&c.verdict);
    let statistic = wire_name(&c.statistic);
    let value = format!("{:.4}", c.value);
    let p_value = c.p_value.map(|p| format!("{p:.4}"));
    let mean = f.mean_stone_ct();
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let (stones, reference_stones) = (count(f.total_stones), count(report.reference.total_stones));
    html! {
        (describe_reference(&report.reference_from, regions))
        dl.figures #comparison {
            (figure("verdict", &t("foot-verdict"), &value_words(&verdict), &verdict))
            (figure("statistic", &t("foot-statistic"), &value_words(&statistic), &statistic))
            (figure("value", &t("foot-value"), &ratio_text(Some(c.value)), &value))
            (figure("p_value", &t("foot-p-value"), &p_value_text(c.p_value), &p_value.unwrap_or_default()))
            (figure("stones", &t("foot-stones"), &grouped(stones), &stones.to_string()))
            (figure("reference_stones", &t("foot-reference-stones"), &grouped(reference_stones), &reference_stones.to_string()))
            (figure("mean_stone_ct", &t("foot-mean-stone"), &ratio_text(mean), &ratio(mean)))
        }
        @if verdict == "too_few_stones" {
            p.note { (t("foot-too-few-stones")) }
        }
        (chart(report))
    }
}

/// `GET /footprint?region=…&from=…&to=…[&ref_from=…&ref_to=…][&statistic=…][&format=csv]`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let q: FootprintQuery = query(&req)?;
    let core = core(&req)?;
    let asked_period = PeriodQuery {
        from: q.from.clone(),
        to: q.to.clone(),
    };
    let a = asked(
        &q,
        period::default_end(&core, &signed.officer, &asked_period).await?,
    )?;
    if let Some(r) = a.region {
        signed.officer.require_region(r)?;
    }
    let officer = signed.officer.clone();
    let (region, months, reference, statistic) = (a.region, a.months, a.reference, a.statistic);
    let (regions, report) = blocking(move || {
        let regions = Regions::readable(&core, &officer)?;
        let report = region.map(|r| {
            core.footprint_report(&officer, r, months.from, months.to, reference, statistic)
        });
        Ok((regions, report))
    })
    .await?;
    let (status, body) = match report {
        None => (StatusCode::OK, html! { p.note { (t("foot-choose")) } }),
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
                    (ta("foot-no-reference", &[("region", Arg::from(a.region.map(|r| regions.name(r)).unwrap_or_default()))]))
                }
            },
        ),
        Some(Err(e)) => return Err(e.into()),
    };
    let title = match a.region {
        Some(r) => ta(
            "foot-title-region",
            &[("region", Arg::from(regions.name(r)))],
        ),
        None => t("foot-title"),
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
