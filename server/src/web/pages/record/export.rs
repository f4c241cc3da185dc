//! An export: its exporter's licence named (and linked to the exporter's monitoring page),
//! its KP certificate, carats, value, HS code, destination and parcel.

use maud::html;
use sync_protocol::merge::RecordState;
use sync_protocol::records::{fact_body, Export, FactField};
use sync_protocol::values::{format_day, Parcel};
use uuid::Uuid;

use crate::i18n::{t, ta, Arg};
use crate::reports::hundredths;
use crate::web::format::{hundredths_grouped, ratio, ratio_text};
use crate::web::pages::{figure, figure_with};

use super::history::{conflicts, history};
use super::names::Names;
use super::{fact_text, title_by_id, Shown};

/// One line for an export, in the page's language: date, certificate, exporter, carats,
/// US$ and destination.
pub fn summary(e: &Export, names: &Names) -> String {
    ta(
        "rec-export-summary",
        &[
            ("date", Arg::from(format_day(e.date))),
            ("certificate", Arg::from(e.certificate.to_string())),
            ("exporter", Arg::from(names.label(e.exporter))),
            (
                "carats",
                Arg::from(hundredths_grouped(e.carats.hundredths() as i64)),
            ),
            ("usd", Arg::from(hundredths_grouped(e.value.cents() as i64))),
            ("destination", Arg::from(e.destination.as_str())),
        ],
    )
}

fn parcel_text(p: &Parcel) -> String {
    match p {
        Parcel::Stones(w) => ta("rec-parcel-weighed", &[("count", Arg::from(w.len()))]),
        Parcel::SizeClasses(c) => {
            let each: Vec<String> = c
                .iter()
                .map(|x| format!("{} × {}", x.count.get(), x.class.label()))
                .collect();
            ta(
                "rec-parcel-classes",
                &[("classes", Arg::from(each.join(", ")))],
            )
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
            (figure("date", &t("rec-date"), &date, &date))
            (figure("certificate", &t("rec-certificate"), &certificate, &certificate))
            (figure_with("exporter", &t("rec-exporter-licence"), names.link(e.exporter), &e.exporter.to_string()))
            (figure("carats", &t("rec-carats"), &hundredths_grouped(ct), &hundredths(ct)))
            (figure("value_usd", &t("rec-value-usd"), &hundredths_grouped(cents), &hundredths(cents)))
            (figure("usd_per_carat", &t("rec-usd-per-carat"), &ratio_text(per_carat), &ratio(per_carat)))
            (figure("hs_code", &t("rec-hs-code"), e.hs_code.code(), e.hs_code.code()))
            (figure("destination", &t("rec-destination"), e.destination.as_str(), e.destination.as_str()))
        }
        p.note #parcel { (ta("rec-parcel", &[("parcel", Arg::from(parcel_text(&e.parcel)))])) " "
            a href=(format!("/exports/{}", e.exporter)) { (t("rec-exporter-monitoring")) } }
    }
}

pub fn shown(id: Uuid, s: &RecordState<FactField<Export>>, names: &Names) -> Shown {
    let body = fact_body(s);
    let text = |f: &FactField<Export>| fact_text(f, |b| summary(b, names));
    Shown {
        title: match body {
            Some(b) => ta(
                "rec-export-title",
                &[("certificate", Arg::from(b.certificate.to_string()))],
            ),
            None => title_by_id("rec-export-title-by-id", id),
        },
        fields: body.map_or_else(
            || html! { p.note { (t("rec-export-missing")) } },
            |b| fields(b, names),
        ),
        more: html! {},
        tables: Vec::new(),
        history: history(s, &text, names),
        conflicts: conflicts(s, &text, names),
    }
}
