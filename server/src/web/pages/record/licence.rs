//! A licence: its values (the holder named), its area drawn with the fixes of its site-days
//! ([`crate::web::map::area`]), and its site-days, newest first, a page at a time.

use maud::html;
use sync_protocol::merge::RecordState;
use sync_protocol::records::{fact_body, AnyRecord, Collection, Holder, Licence, LicenceField};
use sync_protocol::values::format_day;
use uuid::Uuid;

use crate::i18n::{t, ta, Arg};
use crate::reports::hundredths;
use crate::web::format::{cells, grouped, hundredths_grouped, value_words, wire_name};
use crate::web::map::{self, Spot};
use crate::web::pages::{figure, figure_with};
use crate::web::table::{Cell, Column, Table};
use crate::web::WebError;

use super::history::{conflicts, history};
use super::names::Names;
use super::read::Read;
use super::{href, production, title_by_id, Shown};

/// Site-days per page.
pub const PAGE: usize = 50;
/// Fixes drawn on the map at most (the newest).
const SPOTS: usize = 500;

fn holder_text(h: &Holder, names: &Names) -> String {
    match h {
        Holder::Organisation(name) => name.to_string(),
        Holder::Miner(id) => names.label(*id),
    }
}

/// How a write of a licence's field reads, in the page's language.
pub fn field_text(f: &LicenceField, names: &Names) -> String {
    match f {
        LicenceField::Number(n) => n.to_string(),
        LicenceField::Kind(k) => value_words(&wire_name(k)),
        LicenceField::Holder(h) => holder_text(h, names),
        LicenceField::Mineral(m) => value_words(&wire_name(m)),
        LicenceField::Issued(d) | LicenceField::Expires(d) => format_day(*d),
        LicenceField::Status(s) => value_words(&wire_name(s)),
        LicenceField::Area(Some(p)) => ta(
            "rec-area-points",
            &[("count", Arg::from(p.exterior.points().len()))],
        ),
        LicenceField::Area(None) => t("rec-no-area"),
        LicenceField::Void(reason) => reason.to_string(),
    }
}

fn fields(l: &Licence, names: &Names) -> maud::Markup {
    let holder = match &l.holder {
        Holder::Organisation(name) => html! { (name.to_string()) },
        Holder::Miner(id) => names.link(*id),
    };
    let holder_value = match &l.holder {
        Holder::Organisation(name) => name.to_string(),
        Holder::Miner(id) => id.to_string(),
    };
    let (kind, status, mineral) = (
        wire_name(&l.kind),
        wire_name(&l.status),
        wire_name(&l.mineral),
    );
    let (issued, expires) = (format_day(l.issued), format_day(l.expires));
    html! {
        dl.figures #fields {
            (figure("number", &t("rec-number"), &l.number.to_string(), &l.number.to_string()))
            (figure("kind", &t("rec-kind"), &value_words(&kind), &kind))
            (figure_with("holder", &t("rec-holder"), holder, &holder_value))
            (figure("mineral", &t("rec-mineral"), &value_words(&mineral), &mineral))
            (figure("issued", &t("rec-issued"), &issued, &issued))
            (figure("expires", &t("rec-expires"), &expires, &expires))
            (figure("status", &t("rec-status"), &value_words(&status), &status))
        }
    }
}

/// The site-days of page `page` (from 1), newest first, and their table.
fn productions_table(r: &Read, page: usize) -> Result<Table, WebError> {
    let mut rows: Vec<_> = r
        .productions
        .iter()
        .filter_map(|(id, stored)| match &stored.state {
            AnyRecord::Production(s) => fact_body(s).map(|p| (*id, stored, p, s)),
            _ => None,
        })
        .collect();
    rows.sort_by_key(|(id, _, p, _)| std::cmp::Reverse((p.date, *id)));
    let total = rows.len();
    let first = page.saturating_sub(1).saturating_mul(PAGE);
    if first > 0 && first >= total {
        return Err(WebError::NotFound(ta(
            "rec-site-days-no-page",
            &[
                ("page", Arg::from(page)),
                ("count", Arg::from(total)),
                ("per-page", Arg::from(PAGE)),
            ],
        )));
    }
    let shown = &rows[first.min(total)..first.saturating_add(PAGE).min(total)];
    let mut table = Table::new(
        "productions",
        ta(
            "rec-site-days-caption",
            &[
                ("first", Arg::from(if total == 0 { 0 } else { first + 1 })),
                ("last", Arg::from(first + shown.len())),
                ("count", Arg::from(total)),
            ],
        ),
        vec![
            Column::text("date", t("rec-date")),
            Column::text("miner", t("rec-miner")),
            Column::number("diggers", t("rec-diggers")),
            Column::number("stones", t("rec-stones")),
            Column::number("carats", t("rec-carats")),
            Column::text("region", t("rec-col-filed-in")),
            Column::text("void", t("rec-col-void")),
            Column::text("id", t("rec-col-id")),
        ],
    );
    table.empty = t("rec-no-site-days");
    for (id, stored, p, s) in shown {
        table.row(vec![
            Cell::link(format_day(p.date), href(Collection::Production, *id)),
            p.miner.map(|m| r.names.label(m)).unwrap_or_default().into(),
            cells::count(i64::from(p.diggers.get())),
            cells::count(p.stones.count() as i64),
            cells::hundredths_u(p.stones.total()),
            r.names.label(stored.region).into(),
            sync_protocol::records::void_reason(s)
                .unwrap_or_default()
                .into(),
            id.to_string().into(),
        ]);
    }
    Ok(table)
}

/// Links to the pages before and after `page`.
fn pager(id: Uuid, page: usize, total: usize) -> maud::Markup {
    let pages = total.div_ceil(PAGE).max(1);
    let at = |n: usize| format!("{}?page={n}#productions", href(Collection::Licence, id));
    html! {
        @if pages > 1 {
            p.pager #pager data-page=(page) data-pages=(pages) {
                @if page > 1 { a #newer rel="prev" href=(at(page - 1)) { (t("rec-newer-site-days")) } " · " }
                (ta("rec-page-of", &[("page", Arg::from(page)), ("pages", Arg::from(pages))]))
                @if page < pages { " · " a #older rel="next" href=(at(page + 1)) { (t("rec-older-site-days")) } }
            }
        }
    }
}

pub fn shown(
    id: Uuid,
    s: &RecordState<LicenceField>,
    r: &Read,
    page: usize,
) -> Result<Shown, WebError> {
    let names = &r.names;
    let licence = Licence::from_state(s);
    let table = productions_table(r, page)?;
    let bodies: Vec<_> = r
        .productions
        .iter()
        .filter(|(_, p)| p.state.void_reason().is_none())
        .filter_map(|(pid, p)| match &p.state {
            AnyRecord::Production(s) => fact_body(s).map(|b| (*pid, b)),
            _ => None,
        })
        .collect();
    let carats: u64 = bodies.iter().map(|(_, p)| p.stones.total()).sum();
    let carats = i64::try_from(carats).unwrap_or(i64::MAX);
    let mut newest: Vec<_> = bodies.iter().collect();
    newest.sort_by_key(|(pid, p)| std::cmp::Reverse((p.date, *pid)));
    let spots: Vec<Spot> = newest
        .iter()
        .take(SPOTS)
        .map(|(pid, p)| Spot {
            lon: p.fix.point.lon.degrees(),
            lat: p.fix.point.lat.degrees(),
            label: production::summary(p, names),
            href: href(Collection::Production, *pid),
        })
        .collect();
    let area: Vec<_> = licence.iter().flat_map(|l| l.area.clone()).collect();
    let number = licence.as_ref().map(|l| l.number.to_string());
    let title = match &number {
        Some(n) => ta("rec-licence-title", &[("number", Arg::from(n.as_str()))]),
        None => title_by_id("rec-licence-title-by-id", id),
    };
    let site_days = bodies.len() as i64;
    let map_title = ta(
        "rec-licence-map-title",
        &[("title", Arg::from(title.as_str()))],
    );
    let more = html! {
        dl.figures #totals {
            (figure("site_days", &t("rec-site-days-not-void"), &grouped(site_days), &site_days.to_string()))
            (figure("carats", &t("rec-their-carats"), &hundredths_grouped(carats), &hundredths(carats)))
        }
        h2 { (t("rec-area-and-site-days")) }
        (map::area("licence-area", &map_title, &area, &spots))
        @if area.is_empty() { p.note #no-area { (t("rec-no-area-walked")) } }
        (pager(id, page, r.productions.len()))
    };
    let text = |f: &LicenceField| field_text(f, names);
    Ok(Shown {
        title,
        fields: match &licence {
            Some(l) => fields(l, names),
            None => html! { p.note { (t("rec-licence-incomplete")) } },
        },
        more,
        tables: vec![table],
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    })
}
