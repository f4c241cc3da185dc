//! A site-day: its licence and miner named, where (the GPS fix), how many dug and how much
//! gravel, its stones one by one.

use maud::html;
use sync_protocol::merge::RecordState;
use sync_protocol::records::{fact_body, FactField, Production};
use sync_protocol::values::{format_day, Stones};
use uuid::Uuid;

use crate::reports::hundredths;
use crate::web::format::{grouped, hundredths_grouped, wire_name};
use crate::web::pages::{figure, figure_with};

use super::history::{conflicts, history};
use super::names::{fix_text, Names};
use super::{fact_text, Shown};

fn carats(hundredths_of_carat: u64) -> i64 {
    i64::try_from(hundredths_of_carat).unwrap_or(i64::MAX)
}

/// One line for a site-day: its date, licence, diggers, stones and carats.
pub fn summary(p: &Production, names: &Names) -> String {
    format!(
        "{} on {}: {} diggers, {} stones, {} ct",
        format_day(p.date),
        names.label(p.licence),
        p.diggers.get(),
        p.stones.count(),
        hundredths_grouped(carats(p.stones.total()))
    )
}

/// The stones as weighed (`0.25, 1.10 ct`) or as counted.
fn stones_text(s: &Stones) -> String {
    match s {
        Stones::Weighed(w) => {
            let each: Vec<String> = w
                .iter()
                .map(|c| hundredths_grouped(carats(c.hundredths())))
                .collect();
            format!("{} ct", each.join(", "))
        }
        Stones::Counted { count, total } => format!(
            "{} stones weighed together, {} ct",
            count.get(),
            hundredths_grouped(carats(total.hundredths()))
        ),
    }
}

fn fields(p: &Production, names: &Names) -> maud::Markup {
    let date = format_day(p.date);
    let total = carats(p.stones.total());
    let gravel_m3 = f64::from(p.gravel.get()) / 1000.0;
    let gravel = format!("{gravel_m3:.3}");
    html! {
        dl.figures #fields {
            (figure("date", "Date", &date, &date))
            (figure_with("licence", "Licence", names.link(p.licence), &p.licence.to_string()))
            @match p.miner {
                Some(m) => (figure_with("miner", "Miner", names.link(m), &m.to_string())),
                None => (figure("miner", "Miner", "not given", "")),
            }
            (figure("fix", "Site (lat, lon)", &fix_text(&p.fix), &format!("{:.5},{:.5}", p.fix.point.lat.degrees(), p.fix.point.lon.degrees())))
            (figure("diggers", "Diggers", &grouped(i64::from(p.diggers.get())), &p.diggers.get().to_string()))
            (figure("gravel_m3", "Gravel m³", &crate::web::format::decimal(gravel_m3, 3), &gravel))
            (figure("stones", "Stones", &grouped(p.stones.count() as i64), &p.stones.count().to_string()))
            (figure("carats", "Carats", &hundredths_grouped(total), &hundredths(total)))
            (figure("mineral", "Mineral", &wire_name(&p.mineral), &wire_name(&p.mineral)))
        }
        p.note #weights { "Stones: " (stones_text(&p.stones)) }
    }
}

pub fn shown(id: Uuid, s: &RecordState<FactField<Production>>, names: &Names) -> Shown {
    let body = fact_body(s);
    let text = |f: &FactField<Production>| fact_text(f, |p| summary(p, names));
    Shown {
        title: match body {
            Some(p) => format!(
                "Site-day {} on {}",
                format_day(p.date),
                names.label(p.licence)
            ),
            None => format!("Site-day #{}", &id.simple().to_string()[..8]),
        },
        fields: body.map_or_else(
            || html! { p.note { "This site-day's body has not arrived." } },
            |p| fields(p, names),
        ),
        more: html! {},
        tables: Vec::new(),
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    }
}
