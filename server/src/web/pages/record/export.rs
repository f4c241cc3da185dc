//! An export: its exporter's licence named (and linked to the exporter's monitoring page),
//! its KP certificate, carats, value, HS code, destination and parcel.

use maud::html;
use sync_protocol::merge::RecordState;
use sync_protocol::records::{fact_body, Export, FactField};
use sync_protocol::values::{format_day, Parcel};
use uuid::Uuid;

use crate::reports::hundredths;
use crate::web::format::{hundredths_grouped, ratio};
use crate::web::pages::{figure, figure_with};

use super::history::{conflicts, history};
use super::names::Names;
use super::{fact_text, Shown};

/// One line for an export: date, certificate, exporter, carats, US$ and destination.
pub fn summary(e: &Export, names: &Names) -> String {
    format!(
        "{}: {} by {}, {} ct, US$ {}, to {}",
        format_day(e.date),
        e.certificate,
        names.label(e.exporter),
        hundredths_grouped(e.carats.hundredths() as i64),
        hundredths_grouped(e.value.cents() as i64),
        e.destination.as_str()
    )
}

fn parcel_text(p: &Parcel) -> String {
    match p {
        Parcel::Stones(w) => format!("{} stones weighed one by one", w.len()),
        Parcel::SizeClasses(c) => {
            let each: Vec<String> = c
                .iter()
                .map(|x| format!("{} × {}", x.count.get(), x.class.label()))
                .collect();
            format!("counted per size class: {}", each.join(", "))
        }
    }
}

fn fields(e: &Export, names: &Names) -> maud::Markup {
    let date = format_day(e.date);
    let (ct, cents) = (e.carats.hundredths() as i64, e.value.cents() as i64);
    let per_carat = (ct > 0).then(|| cents as f64 / ct as f64);
    let certificate = e.certificate.to_string();
    html! {
        dl.figures #fields {
            (figure("date", "Date", &date, &date))
            (figure("certificate", "KP certificate", &certificate, &certificate))
            (figure_with("exporter", "Exporter's licence", names.link(e.exporter), &e.exporter.to_string()))
            (figure("carats", "Carats", &hundredths_grouped(ct), &hundredths(ct)))
            (figure("value_usd", "Value US$", &hundredths_grouped(cents), &hundredths(cents)))
            (figure("usd_per_carat", "US$ per carat", &ratio(per_carat), &ratio(per_carat)))
            (figure("hs_code", "HS code", e.hs_code.code(), e.hs_code.code()))
            (figure("destination", "Destination", e.destination.as_str(), e.destination.as_str()))
        }
        p.note #parcel { "Parcel: " (parcel_text(&e.parcel)) ". "
            a href=(format!("/exports/{}", e.exporter)) { "The exporter's monitoring" } }
    }
}

pub fn shown(id: Uuid, s: &RecordState<FactField<Export>>, names: &Names) -> Shown {
    let body = fact_body(s);
    let text = |f: &FactField<Export>| fact_text(f, |b| summary(b, names));
    Shown {
        title: match body {
            Some(b) => format!("Export {}", b.certificate),
            None => format!("Export #{}", &id.simple().to_string()[..8]),
        },
        fields: body.map_or_else(
            || html! { p.note { "This export's body has not arrived." } },
            |b| fields(b, names),
        ),
        more: html! {},
        tables: Vec::new(),
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    }
}
