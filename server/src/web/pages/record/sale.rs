//! A sale: who sold (a miner or a licence holder, named as the role may read them), the
//! buyer's licence, carats, stones and value.

use maud::html;
use sync_protocol::merge::RecordState;
use sync_protocol::records::{fact_body, FactField, Sale, Seller};
use sync_protocol::values::format_day;
use uuid::Uuid;

use crate::reports::hundredths;
use crate::web::format::{grouped, hundredths_grouped, ratio, wire_name};
use crate::web::pages::{figure, figure_with};

use super::history::{conflicts, history};
use super::names::Names;
use super::{fact_text, Shown};

fn seller_id(s: &Seller) -> Uuid {
    match s {
        Seller::Miner(id) | Seller::Licence(id) => *id,
    }
}

/// One line for a sale: date, seller, buyer, carats and US$.
pub fn summary(s: &Sale, names: &Names) -> String {
    format!(
        "{}: {} to {}, {} ct, US$ {}",
        format_day(s.date),
        names.label(seller_id(&s.seller)),
        names.label(s.buyer),
        hundredths_grouped(s.carats.hundredths() as i64),
        hundredths_grouped(s.value.cents() as i64)
    )
}

fn fields(s: &Sale, names: &Names) -> maud::Markup {
    let date = format_day(s.date);
    let (ct, cents) = (s.carats.hundredths() as i64, s.value.cents() as i64);
    let per_carat = (ct > 0).then(|| cents as f64 / ct as f64);
    let seller = seller_id(&s.seller);
    let seller_kind = match s.seller {
        Seller::Miner(_) => "miner",
        Seller::Licence(_) => "licence",
    };
    html! {
        dl.figures #fields {
            (figure("date", "Date", &date, &date))
            (figure_with("seller", &format!("Seller ({seller_kind})"), names.link(seller), &seller.to_string()))
            (figure_with("buyer", "Buyer's licence", names.link(s.buyer), &s.buyer.to_string()))
            (figure("carats", "Carats", &hundredths_grouped(ct), &hundredths(ct)))
            (figure("stones", "Stones", &grouped(i64::from(s.stones.get())), &s.stones.get().to_string()))
            (figure("value_usd", "Value US$", &hundredths_grouped(cents), &hundredths(cents)))
            (figure("usd_per_carat", "US$ per carat", &ratio(per_carat), &ratio(per_carat)))
            (figure("mineral", "Mineral", &wire_name(&s.mineral), &wire_name(&s.mineral)))
        }
    }
}

pub fn shown(id: Uuid, s: &RecordState<FactField<Sale>>, names: &Names) -> Shown {
    let body = fact_body(s);
    let text = |f: &FactField<Sale>| fact_text(f, |b| summary(b, names));
    Shown {
        title: match body {
            Some(b) => format!("Sale of {} to {}", format_day(b.date), names.label(b.buyer)),
            None => format!("Sale #{}", &id.simple().to_string()[..8]),
        },
        fields: body.map_or_else(
            || html! { p.note { "This sale's body has not arrived." } },
            |b| fields(b, names),
        ),
        more: html! {},
        tables: Vec::new(),
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    }
}
