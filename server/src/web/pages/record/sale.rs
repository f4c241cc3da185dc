//! A sale: who sold (a miner or a licence holder, named as the role may read them), the
//! buyer's licence, carats, stones and value.

use maud::html;
use sync_protocol::merge::RecordState;
use sync_protocol::records::{fact_body, FactField, Sale, Seller};
use sync_protocol::values::format_day;
use uuid::Uuid;

use crate::i18n::{t, ta, Arg};
use crate::reports::hundredths;
use crate::web::format::{grouped, hundredths_grouped, ratio, ratio_text, value_words, wire_name};
use crate::web::pages::{figure, figure_with};

use super::history::{conflicts, history};
use super::names::Names;
use super::{fact_text, title_by_id, Shown};

fn seller_id(s: &Seller) -> Uuid {
    match s {
        Seller::Miner(id) | Seller::Licence(id) => *id,
    }
}

/// One line for a sale, in the page's language: date, seller, buyer, carats and US$.
pub fn summary(s: &Sale, names: &Names) -> String {
    ta(
        "rec-sale-summary",
        &[
            ("date", Arg::from(format_day(s.date))),
            ("seller", Arg::from(names.label(seller_id(&s.seller)))),
            ("buyer", Arg::from(names.label(s.buyer))),
            (
                "carats",
                Arg::from(hundredths_grouped(s.carats.hundredths() as i64)),
            ),
            ("usd", Arg::from(hundredths_grouped(s.value.cents() as i64))),
        ],
    )
}

fn fields(s: &Sale, names: &Names) -> maud::Markup {
    let date = format_day(s.date);
    let (ct, cents) = (s.carats.hundredths() as i64, s.value.cents() as i64);
    let per_carat = (ct > 0).then(|| cents as f64 / ct as f64);
    let seller = seller_id(&s.seller);
    let seller_label = t(match s.seller {
        Seller::Miner(_) => "rec-seller-miner",
        Seller::Licence(_) => "rec-seller-licence",
    });
    let mineral = wire_name(&s.mineral);
    html! {
        dl.figures #fields {
            (figure("date", &t("rec-date"), &date, &date))
            (figure_with("seller", &seller_label, names.link(seller), &seller.to_string()))
            (figure_with("buyer", &t("rec-buyer-licence"), names.link(s.buyer), &s.buyer.to_string()))
            (figure("carats", &t("rec-carats"), &hundredths_grouped(ct), &hundredths(ct)))
            (figure("stones", &t("rec-stones"), &grouped(i64::from(s.stones.get())), &s.stones.get().to_string()))
            (figure("value_usd", &t("rec-value-usd"), &hundredths_grouped(cents), &hundredths(cents)))
            (figure("usd_per_carat", &t("rec-usd-per-carat"), &ratio_text(per_carat), &ratio(per_carat)))
            (figure("mineral", &t("rec-mineral"), &value_words(&mineral), &mineral))
        }
    }
}

pub fn shown(id: Uuid, s: &RecordState<FactField<Sale>>, names: &Names) -> Shown {
    let body = fact_body(s);
    let text = |f: &FactField<Sale>| fact_text(f, |b| summary(b, names));
    Shown {
        title: match body {
            Some(b) => ta(
                "rec-sale-title",
                &[
                    ("date", Arg::from(format_day(b.date))),
                    ("buyer", Arg::from(names.label(b.buyer))),
                ],
            ),
            None => title_by_id("rec-sale-title-by-id", id),
        },
        fields: body.map_or_else(
            || html! { p.note { (t("rec-sale-missing")) } },
            |b| fields(b, names),
        ),
        more: html! {},
        tables: Vec::new(),
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    }
}
