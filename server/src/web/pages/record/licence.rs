//! A licence: its values (the holder named), its area drawn with the fixes of its site-days
//! ([`crate::web::map::area`]), and its site-days, newest first, a page at a time.

use maud::html;
use sync_protocol::merge::RecordState;
use sync_protocol::records::{fact_body, AnyRecord, Collection, Holder, Licence, LicenceField};
use sync_protocol::values::format_day;
use uuid::Uuid;

use crate::reports::hundredths;
use crate::web::format::{cells, grouped, hundredths_grouped, wire_name, words};
use crate::web::map::{self, Spot};
use crate::web::pages::{figure, figure_with};
use crate::web::table::{Cell, Column, Table};
use crate::web::WebError;

use super::history::{conflicts, history};
use super::names::Names;
use super::read::Read;
use super::{href, production, Shown};

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

/// How a write of a licence's field reads.
pub fn field_text(f: &LicenceField, names: &Names) -> String {
    match f {
        LicenceField::Number(n) => n.to_string(),
        LicenceField::Kind(k) => words(&wire_name(k)),
        LicenceField::Holder(h) => holder_text(h, names),
        LicenceField::Mineral(m) => wire_name(m),
        LicenceField::Issued(d) | LicenceField::Expires(d) => format_day(*d),
        LicenceField::Status(s) => words(&wire_name(s)),
        LicenceField::Area(Some(p)) => format!("an area of {} points", p.exterior.points().len()),
        LicenceField::Area(None) => "no area".into(),
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
    let (kind, status) = (wire_name(&l.kind), wire_name(&l.status));
    let (issued, expires) = (format_day(l.issued), format_day(l.expires));
    html! {
        dl.figures #fields {
            (figure("number", "Number", &l.number.to_string(), &l.number.to_string()))
            (figure("kind", "Kind", &words(&kind), &kind))
            (figure_with("holder", "Holder", holder, &holder_value))
            (figure("mineral", "Mineral", &wire_name(&l.mineral), &wire_name(&l.mineral)))
            (figure("issued", "Issued", &issued, &issued))
            (figure("expires", "Expires", &expires, &expires))
            (figure("status", "Status", &words(&status), &status))
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
        return Err(WebError::NotFound(format!(
            "page {page}: there are {total} site-days, {PAGE} a page"
        )));
    }
    let shown = &rows[first.min(total)..first.saturating_add(PAGE).min(total)];
    let mut t = Table::new(
        "productions",
        format!(
            "Site-days on this licence ({}–{} of {}, newest first)",
            if total == 0 { 0 } else { first + 1 },
            first + shown.len(),
            total
        ),
        vec![
            Column::text("date", "Date"),
            Column::text("miner", "Miner"),
            Column::number("diggers", "Diggers"),
            Column::number("stones", "Stones"),
            Column::number("carats", "Carats"),
            Column::text("region", "Filed in"),
            Column::text("void", "Void"),
            Column::text("id", "Id"),
        ],
    );
    t.empty = "No site-day is recorded on this licence.".into();
    for (id, stored, p, s) in shown {
        t.row(vec![
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
    Ok(t)
}

/// Links to the pages before and after `page`.
fn pager(id: Uuid, page: usize, total: usize) -> maud::Markup {
    let pages = total.div_ceil(PAGE).max(1);
    let at = |n: usize| format!("{}?page={n}#productions", href(Collection::Licence, id));
    html! {
        @if pages > 1 {
            p.pager #pager data-page=(page) data-pages=(pages) {
                @if page > 1 { a #newer rel="prev" href=(at(page - 1)) { "Newer site-days" } " · " }
                "page " (page) " of " (pages)
                @if page < pages { " · " a #older rel="next" href=(at(page + 1)) { "Older site-days" } }
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
        Some(n) => format!("Licence {n}"),
        None => format!("Licence #{}", &id.simple().to_string()[..8]),
    };
    let site_days = bodies.len() as i64;
    let more = html! {
        dl.figures #totals {
            (figure("site_days", "Site-days (not void)", &grouped(site_days), &site_days.to_string()))
            (figure("carats", "Their carats", &hundredths_grouped(carats), &hundredths(carats)))
        }
        h2 { "Area and site-days" }
        (map::area("licence-area", &format!("{title}: its area and the fixes of its site-days"), &area, &spots))
        @if area.is_empty() { p.note #no-area { "No area was walked for this licence." } }
        (pager(id, page, r.productions.len()))
    };
    let text = |f: &LicenceField| field_text(f, names);
    Ok(Shown {
        title,
        fields: match &licence {
            Some(l) => fields(l, names),
            None => html! { p.note { "Not all of this licence's fields have arrived yet." } },
        },
        more,
        tables: vec![table],
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    })
}
