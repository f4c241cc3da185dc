//! `/large-stones`: the large-stone register for a period ([`Core::large_stones`], the
//! API's `/v1/reports/large-stones` for the same officer): every stone at or above its
//! mineral's large size, with the site-day it was found on, the licence, the miner and the
//! place, heaviest finds easy to see. Officers read their own regions'.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;

use crate::i18n::{t, ta, Arg};
use crate::reports::hundredths;
use crate::web::format::{cells, grouped, hundredths_grouped, value_words};
use crate::web::pages::record::href;
use crate::web::pages::{figure, query, worded};
use crate::web::period::{self, Months, PeriodQuery};
use crate::web::table::{self, Cell, Column, Table};
use crate::web::{blocking, core, layout, SignedIn, WebError};
use sync_protocol::records::Collection;

pub async fn page(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let core = core(&req)?;
    let q: PeriodQuery = query(&req)?;
    let months = Months::from_query(&q, period::default_end(&core, &signed.officer, &q).await?)?;
    let officer = signed.officer.clone();
    let stones =
        blocking(move || core.large_stones(&officer, None, months.from, months.to)).await?;
    let mut table = Table::new(
        "stones",
        t("stones-caption"),
        vec![
            Column::text("date", t("stones-col-date")),
            Column::text("region_name", t("stones-col-region")),
            Column::text("licence_number", t("stones-col-licence")),
            Column::text("miner_names", t("stones-col-miner")),
            Column::text("mineral", t("stones-col-mineral")),
            Column::number("carats", t("stones-col-carats")),
            Column::number("diggers", t("stones-col-diggers")),
            Column::text("site", t("stones-col-site")),
            Column::text("production", t("stones-col-site-day")),
        ],
    );
    table.empty = t("stones-none");
    for s in &stones {
        table.row(vec![
            s.date.clone().into(),
            Cell::link(&s.region_name, format!("/regions/{}", s.region)),
            Cell::link(
                s.licence_number.clone().unwrap_or_default(),
                href(Collection::Licence, s.licence),
            ),
            match (&s.miner_names, s.miner) {
                (Some(names), Some(m)) => Cell::link(names, href(Collection::Miner, m)),
                (names, _) => names.clone().unwrap_or_default().into(),
            },
            worded(s.mineral.clone(), value_words(&s.mineral)),
            cells::hundredths_u(s.carats_hundredths),
            cells::count(i64::from(s.diggers)),
            format!("{:.5}, {:.5}", s.lat, s.lon).into(),
            Cell::link(
                format!("#{}", &s.production.simple().to_string()[..8]),
                href(Collection::Production, s.production),
            ),
        ]);
    }
    if let Some(id) = table::csv_wanted(&req)? {
        return table::csv_response(&[&table], &id);
    }
    let carats: u64 = stones.iter().map(|s| s.carats_hundredths).sum();
    let heaviest = stones
        .iter()
        .map(|s| s.carats_hundredths)
        .max()
        .unwrap_or(0);
    let body = html! {
        (months.form("/large-stones", &[]))
        dl.figures #totals {
            (figure("stones", &t("stones-count"), &grouped(stones.len() as i64), &stones.len().to_string()))
            (figure("carats", &t("stones-carats"), &hundredths_grouped(carats as i64), &hundredths(carats as i64)))
            (figure("heaviest", &t("stones-heaviest"), &hundredths_grouped(heaviest as i64), &hundredths(heaviest as i64)))
        }
        p.note { (t("stones-note")) }
        (table.html(&req))
    };
    Ok(layout::ok(layout::page(
        &signed,
        "/large-stones",
        &ta("stones-title", &[("period", Arg::from(months.describe()))]),
        body,
    )))
}
