//! `/`: the overview for a period (by default the last twelve months holding data): the
//! totals and control shares of the national internal-control report, a map of the
//! regions shaded by their production carats, and the monthly trend.
//!
//! Every figure comes from the reports the API serves, for the same officer: the totals
//! and the map from [`Core::national_report`] (its national rows, then its rows for the
//! regions one level below the top), the monthly trend from [`Core::regional_report`] of
//! each top region ([`Core::top_regions`]: disjoint, so their sum counts each record once).
//! A regional officer sees their own regions only, here as in the API, and the page is
//! titled for them ("Overview: Kono"), their regions and the districts below drawn.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};
use sync_protocol::values::Polygon;
use uuid::Uuid;

use crate::auth::{Officer, Role};
use crate::core::Core;
use crate::error::ApiError;
use crate::i18n::{t, ta, Arg};
use crate::reports::hundredths;
use crate::reports::national::{ControlRow, Period};
use crate::web::format::{
    cells, grouped, hundredths_grouped, hundredths_short, share_text, share_value,
};
use crate::web::map::{self, MapRegion};
use crate::web::pages::{figure, query, spliced, MARK};
use crate::web::period::{self, Months, PeriodQuery};
use crate::web::svg::{self, Chart, Series};
use crate::web::table::{self, Cell, Column, Table};
use crate::web::{blocking, core, layout, SignedIn, WebError};

/// One month of the trend.
#[derive(Debug, Clone, Copy, Default)]
struct Month {
    production_records: i64,
    carats_hundredths: i64,
    stones: i64,
    sales_cents: i64,
}

/// A region on the map, with its figures.
struct Place {
    id: Uuid,
    name: String,
    boundary: Vec<Polygon>,
    /// Its rows of the national report added up.
    totals: ControlRow,
}

struct Overview {
    months: Months,
    national: ControlRow,
    quiet_devices: usize,
    trend: Vec<Month>,
    places: Vec<Place>,
    /// Top regions drawn around their districts.
    outlines: Vec<Vec<Polygon>>,
    /// A regional officer's regions by name (the page is titled for them); empty for the
    /// national roles.
    scope: Vec<String>,
}

fn read(core: &Core, officer: &Officer, months: Months) -> Result<Overview, ApiError> {
    let (rows, quiet) = core.national_report(officer, Period::Quarter, months.from, months.to)?;
    let national = ControlRow::total(rows.iter().filter(|r| r.region.is_none()));
    let mut of_region: HashMap<Uuid, Vec<&ControlRow>> = HashMap::new();
    for r in &rows {
        if let Some(id) = r.region {
            of_region.entry(id).or_default().push(r);
        }
    }
    let by_region: HashMap<Uuid, ControlRow> = of_region
        .into_iter()
        .map(|(id, rs)| (id, ControlRow::total(rs)))
        .collect();

    let top = core.top_regions(officer)?;
    let labels = months.labels();
    let mut trend = vec![Month::default(); labels.len()];
    for region in &top {
        for r in core.regional_report(officer, Some(*region), months.from, months.to)? {
            if let Some(m) = labels.iter().position(|l| *l == r.month) {
                let t = &mut trend[m];
                t.production_records += r.production_records;
                t.carats_hundredths += r.carats_hundredths;
                t.stones += r.stones;
                t.sales_cents += r.sales_cents;
            }
        }
    }

    // The map: every top region the officer reads (and, nationally, every imported
    // country, with figures or not), drawn as its regions one level down when it has any.
    let imported = core.readable_regions(officer)?;
    let mut roots: Vec<Uuid> = top.clone();
    if officer.role != Role::RegionalOfficer {
        roots.extend(imported.iter().filter(|r| r.parent.is_none()).map(|r| r.id));
    }
    roots.sort();
    roots.dedup();
    let mut places = Vec::new();
    let mut outlines = Vec::new();
    for root in roots {
        let children: Vec<_> = imported.iter().filter(|r| r.parent == Some(root)).collect();
        let shown: Vec<_> = if children.is_empty() {
            imported.iter().filter(|r| r.id == root).collect()
        } else {
            if let Some(r) = imported.iter().find(|r| r.id == root) {
                outlines.push(r.boundary.clone());
            }
            children
        };
        places.extend(shown.into_iter().map(|r| Place {
            id: r.id,
            name: r.name.to_string(),
            boundary: r.boundary.clone(),
            totals: by_region.get(&r.id).cloned().unwrap_or_default(),
        }));
    }
    let mut scope: Vec<String> = Vec::new();
    if officer.role == Role::RegionalOfficer {
        scope = top
            .iter()
            .map(|id| {
                imported
                    .iter()
                    .find(|r| r.id == *id)
                    .map_or_else(|| id.to_string(), |r| r.name.to_string())
            })
            .collect();
        scope.sort();
    }
    // The table under the map: most production first.
    places.sort_by(|a, b| {
        (b.totals.carats_hundredths, &a.name).cmp(&(a.totals.carats_hundredths, &b.name))
    });
    Ok(Overview {
        months,
        national,
        quiet_devices: quiet.len(),
        trend,
        places,
        outlines,
        scope,
    })
}

fn tables(o: &Overview) -> (Table, Table) {
    let period = || Arg::from(o.months.describe());
    let mut monthly = Table::new(
        "monthly",
        ta("ov-monthly-caption", &[("period", period())]),
        vec![
            Column::text("month", t("ov-col-month")),
            Column::number("production_records", t("ov-production-records")),
            Column::number("carats", t("ov-carats")),
            Column::number("stones", t("ov-stones")),
            Column::number("sales_usd", t("ov-sales-usd")),
        ],
    );
    for (label, m) in o.months.labels().into_iter().zip(&o.trend) {
        monthly.row(vec![
            label.into(),
            cells::count(m.production_records),
            cells::hundredths(m.carats_hundredths),
            cells::count(m.stones),
            cells::hundredths(m.sales_cents),
        ]);
    }
    let mut regions = Table::new(
        "regions",
        ta("ov-regions-caption", &[("period", period())]),
        vec![
            Column::text("region", t("ov-col-region")),
            Column::number("production_records", t("ov-production-records")),
            Column::number("carats", t("ov-carats")),
            Column::number("stones", t("ov-stones")),
            Column::number("sales_usd", t("ov-sales-usd")),
            Column::number("share_inside_licence", t("ov-col-inside-licence")),
        ],
    );
    for p in &o.places {
        let t = &p.totals;
        regions.row(vec![
            Cell::link(&p.name, format!("/regions/{}?{}", p.id, o.months.query())),
            cells::count(t.production_records),
            cells::hundredths(t.carats_hundredths),
            cells::count(t.stones),
            cells::hundredths(t.sales_cents),
            cells::share(t.share_inside_licence),
        ]);
    }
    (monthly, regions)
}

fn figures(o: &Overview) -> Markup {
    let n = &o.national;
    let share = |key: &str, label: &str, share: Option<f64>| {
        figure(key, &t(label), &share_text(share), &share_value(share))
    };
    html! {
        dl.figures #totals {
            (figure("production_records", &t("ov-production-records"), &grouped(n.production_records), &n.production_records.to_string()))
            (figure("carats", &t("ov-carats"), &hundredths_grouped(n.carats_hundredths), &hundredths(n.carats_hundredths)))
            (figure("stones", &t("ov-stones"), &grouped(n.stones), &n.stones.to_string()))
            (figure("sales_usd", &t("ov-sales-usd"), &hundredths_grouped(n.sales_cents), &hundredths(n.sales_cents)))
            (share("share_inside_licence", "ov-share-inside-licence", n.share_inside_licence))
            (share("share_on_valid_licence", "ov-share-on-valid-licence", n.share_on_valid_licence))
            (share("share_by_registered_miner", "ov-share-by-registered-miner", n.share_by_registered_miner))
            (figure("devices_not_synced", &t("ov-devices-not-synced"), &grouped(o.quiet_devices as i64), &o.quiet_devices.to_string()))
        }
    }
}

fn map(o: &Overview) -> Markup {
    let regions: Vec<MapRegion> = o
        .places
        .iter()
        .map(|p| MapRegion {
            id: p.id.to_string(),
            name: p.name.clone(),
            boundary: &p.boundary,
            value: p.totals.carats_hundredths,
            value_text: hundredths_grouped(p.totals.carats_hundredths),
            href: format!("/regions/{}?{}", p.id, o.months.query()),
        })
        .collect();
    let outlines: Vec<&[Polygon]> = o.outlines.iter().map(Vec::as_slice).collect();
    map::render(&map::Map {
        id: "production",
        title: &ta(
            "ov-map-title",
            &[("period", Arg::from(o.months.describe()))],
        ),
        regions: &regions,
        outlines: &outlines,
        legend_text: &hundredths_short,
        unit: &t("chart-unit-carats"),
    })
}

fn charts(o: &Overview) -> Markup {
    let labels = o.months.labels();
    let carats = [Series {
        name: "carats".into(),
        values: o
            .trend
            .iter()
            .map(|m| m.carats_hundredths as f64 / 100.0)
            .collect(),
    }];
    let sales = [Series {
        name: "sales US$".into(),
        values: o
            .trend
            .iter()
            .map(|m| m.sales_cents as f64 / 100.0)
            .collect(),
    }];
    html! {
        (svg::bars(&Chart { id: "carats-by-month", title: &t("chart-carats-by-month"), unit: &t("chart-unit-carats"), labels: &labels, series: &carats }))
        (svg::lines(&Chart { id: "sales-by-month", title: &t("chart-sales-by-month"), unit: &t("chart-unit-usd"), labels: &labels, series: &sales }))
    }
}

/// `GET /?from=YYYY-MM&to=YYYY-MM[&format=csv&table=monthly|regions]`
pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let q: PeriodQuery = query(&req)?;
    let core = core(&req)?;
    let months = Months::from_query(&q, period::default_end(&core, &signed.officer, &q).await?)?;
    let officer = signed.officer.clone();
    let o = blocking(move || read(&core, &officer, months)).await?;
    let (monthly, regions) = tables(&o);
    if let Some(id) = table::csv_wanted(&req)? {
        return table::csv_response(&[&monthly, &regions], &id);
    }
    let period = o.months.describe();
    let names = o.scope.join(", ");
    let (title, note, by_region) = if o.scope.is_empty() {
        (
            t("ov-title-national"),
            ta("ov-note-national", &[("period", Arg::from(period))]),
            t("ov-by-region"),
        )
    } else {
        let names = || Arg::from(names.as_str());
        (
            ta("ov-title-scoped", &[("names", names())]),
            ta(
                "ov-note-scoped",
                &[("names", names()), ("period", Arg::from(period))],
            ),
            ta("ov-production-in", &[("names", names())]),
        )
    };
    let print = html! { a #print href=(format!("/print/national?{}", o.months.query())) { (t("ov-print")) } };
    let body = html! {
        (o.months.form("/", &[]))
        p.note { (note) }
        p.note { (spliced(&ta("ov-print-note", &[("print", Arg::from(MARK))]), print)) }
        (figures(&o))
        h2 { (by_region) }
        (map(&o))
        (regions.html(&req))
        h2 { (t("ov-trend")) }
        (charts(&o))
        (monthly.html(&req))
    };
    Ok(layout::ok(layout::page(&signed, "/", &title, body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_rows_and_share_the_carats() {
        let rows = [
            ControlRow {
                production_records: 2,
                carats_hundredths: 300,
                stones: 4,
                sales_cents: 1000,
                carats_inside_licence: 300,
                carats_on_valid_licence: 100,
                ..Default::default()
            },
            ControlRow {
                production_records: 1,
                carats_hundredths: 100,
                stones: 1,
                carats_inside_licence: 0,
                ..Default::default()
            },
        ];
        let t = ControlRow::total(&rows);
        assert_eq!(
            (t.production_records, t.carats_hundredths, t.stones),
            (3, 400, 5)
        );
        assert_eq!(t.share_inside_licence, Some(0.75));
        assert_eq!(t.share_on_valid_licence, Some(0.25));
        assert_eq!(ControlRow::total([]).share_inside_licence, None);
    }
}
