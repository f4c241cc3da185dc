//! A site-day: its licence and miner named, where (the GPS fix), how many dug and how much
//! gravel, its stones one by one.

use maud::html;
use sync_protocol::merge::RecordState;
use sync_protocol::records::{fact_body, FactField, Production};
use sync_protocol::values::{format_day, Stones};
use uuid::Uuid;

use crate::i18n::{t, ta, Arg};
use crate::reports::hundredths;
use crate::web::format::{grouped, hundredths_grouped, value_words, wire_name};
use crate::web::pages::{figure, figure_with};

use super::history::{conflicts, history};
use super::names::{fix_text, Names};
use super::{fact_text, title_by_id, Shown};

fn carats(hundredths_of_carat: u64) -> i64 {
    i64::try_from(hundredths_of_carat).unwrap_or(i64::MAX)
}

/// One line for a site-day, in the page's language: its date, licence, diggers, stones
/// and carats.
pub fn summary(p: &Production, names: &Names) -> String {
    ta(
        "rec-production-summary",
        &[
            ("date", Arg::from(format_day(p.date))),
            ("licence", Arg::from(names.label(p.licence))),
            ("diggers", Arg::from(u64::from(p.diggers.get()))),
            ("stones", Arg::from(p.stones.count())),
            (
                "carats",
                Arg::from(hundredths_grouped(carats(p.stones.total()))),
            ),
        ],
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
            ta(
                "rec-stones-weighed",
                &[("carats", Arg::from(each.join(", ")))],
            )
        }
        Stones::Counted { count, total } => ta(
            "rec-stones-together",
            &[
                ("count", Arg::from(u64::from(count.get()))),
                (
                    "carats",
                    Arg::from(hundredths_grouped(carats(total.hundredths()))),
                ),
            ],
        ),
    }
}

fn fields(p: &Production, names: &Names) -> maud::Markup {
    let date = format_day(p.date);
    let total = carats(p.stones.total());
    let gravel_m3 = f64::from(p.gravel.get()) / 1000.0;
    let gravel = format!("{gravel_m3:.3}");
    let mineral = wire_name(&p.mineral);
    html! {
        dl.figures #fields {
            (figure("date", &t("rec-date"), &date, &date))
            (figure_with("licence", &t("rec-licence"), names.link(p.licence), &p.licence.to_string()))
            @match p.miner {
                Some(m) => (figure_with("miner", &t("rec-miner"), names.link(m), &m.to_string())),
                None => (figure("miner", &t("rec-miner"), &t("rec-not-given"), "")),
            }
            (figure("fix", &t("rec-site"), &fix_text(&p.fix), &format!("{:.5},{:.5}", p.fix.point.lat.degrees(), p.fix.point.lon.degrees())))
            (figure("diggers", &t("rec-diggers"), &grouped(i64::from(p.diggers.get())), &p.diggers.get().to_string()))
            (figure("gravel_m3", &t("rec-gravel"), &crate::web::format::decimal(gravel_m3, 3), &gravel))
            (figure("stones", &t("rec-stones"), &grouped(p.stones.count() as i64), &p.stones.count().to_string()))
            (figure("carats", &t("rec-carats"), &hundredths_grouped(total), &hundredths(total)))
            (figure("mineral", &t("rec-mineral"), &value_words(&mineral), &mineral))
        }
        p.note #weights { (ta("rec-stones-note", &[("stones", Arg::from(stones_text(&p.stones)))])) }
    }
}

pub fn shown(id: Uuid, s: &RecordState<FactField<Production>>, names: &Names) -> Shown {
    let body = fact_body(s);
    let text = |f: &FactField<Production>| fact_text(f, |p| summary(p, names));
    Shown {
        title: match body {
            Some(p) => ta(
                "rec-production-title",
                &[
                    ("date", Arg::from(format_day(p.date))),
                    ("licence", Arg::from(names.label(p.licence))),
                ],
            ),
            None => title_by_id("rec-production-title-by-id", id),
        },
        fields: body.map_or_else(
            || html! { p.note { (t("rec-production-missing")) } },
            |p| fields(p, names),
        ),
        more: html! {},
        tables: Vec::new(),
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    }
}
