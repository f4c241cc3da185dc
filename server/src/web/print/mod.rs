//! Reports printed as signed documents: the national internal-control report
//! (`/print/national`), a country's KP statistics (`/print/kp`) and a region's rollup
//! (`/print/regional/{region}`), each an A4 document with no dashboard frame, to print or
//! save as PDF from the browser.
//!
//! A print view renders what [`Core::report`] returns for the signed-in officer, as the
//! API's `/v1/reports/{kind}` does: the same scope checks (a regional officer prints their
//! own regions only; anything else is the 403 page), no figure computed again. A bad
//! address is the 400 page.
//!
//! - [`document`]: the page (A4, header, numbered pages, definitions, signature block).
//! - [`cells`]: figures with their thousands grouped, the plain value kept for machines.
//! - [`definitions`]: what each figure means (REPORTS.md's definitions, in the document).
//! - [`national`], [`kp`], [`regional`]: one report each (its tables and its handler).

pub mod cells;
pub mod definitions;
pub mod document;
pub mod kp;
pub mod national;
pub mod regional;

use actix_web::HttpResponse;
use maud::Markup;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Officer;
use crate::core::Core;
use crate::i18n::{self, t, ta, Arg};
use crate::reports::rollup::{month_label, month_of_stamp};

use super::error::WebError;
use super::format;
use super::layout;
use super::pages::given;
use super::period::{Months, PeriodQuery};
use document::{Definition, Heading};

/// The address of a print view: the period (`from`, `to`, or a whole `year`), the
/// `country` and, for the national report, `period` (`quarter` or `half`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub year: Option<String>,
    pub country: Option<String>,
    pub period: Option<String>,
}

impl PrintQuery {
    /// The months printed: `year=YYYY` (January to December), else `from` and `to` (by
    /// default the twelve months up to this one).
    pub fn months(&self, core: &Core) -> Result<Months, WebError> {
        let current = month_of_stamp(core.now());
        if let Some(year) = given(&self.year) {
            if given(&self.from).is_some() || given(&self.to).is_some() {
                return Err(WebError::BadRequest(t("print-bad-year-and-months")));
            }
            let y: i32 = year
                .parse()
                .ok()
                .filter(|y| (1900..=9999).contains(y))
                .ok_or_else(|| {
                    WebError::BadRequest(ta(
                        "print-bad-year",
                        &[("value", Arg::from(format!("{year:?}")))],
                    ))
                })?;
            return Ok(Months {
                from: y * 12,
                to: y * 12 + 11,
            });
        }
        Months::from_query(
            &PeriodQuery {
                from: self.from.clone(),
                to: self.to.clone(),
            },
            current,
        )
    }

    /// The country asked for; anything but a region id is a 400.
    pub fn country(&self) -> Result<Option<Uuid>, WebError> {
        uuid_param(given(&self.country), "country")
    }
}

/// An id given in the address: absent is `None`; anything but a UUID is a 400.
pub fn uuid_param(raw: Option<&str>, what: &str) -> Result<Option<Uuid>, WebError> {
    raw.map(|s| {
        s.parse().map_err(|_| {
            WebError::BadRequest(ta(
                "print-bad-region-id",
                &[
                    ("param", Arg::from(what)),
                    ("value", Arg::from(format!("{s:?}"))),
                ],
            ))
        })
    })
    .transpose()
}

/// When and by whom a document is printed: ("2026-12-03 14:11 UTC", "esi (administrator)"),
/// the role in the page's language.
pub fn printed(core: &Core, officer: &Officer) -> (String, String) {
    (
        format!("{} UTC", format::time(core.now())),
        format!(
            "{} ({})",
            officer.name,
            layout::role_name(i18n::current(), officer.role)
        ),
    )
}

/// The months printed as a person reads them ("2026-01 to 2026-06", in the page's
/// language) and as machines do (`data-period`: "2026-01 to 2026-06" in every language).
pub fn period(months: Months) -> (String, String) {
    let (from, to) = (month_label(months.from), month_label(months.to));
    let value = format!("{from} to {to}");
    (
        ta(
            "print-period-range",
            &[("from", Arg::from(from)), ("to", Arg::from(to))],
        ),
        value,
    )
}

/// 200 with the document, with the headers every page carries.
pub fn respond(heading: &Heading, body: Markup, definitions: &[Definition]) -> HttpResponse {
    layout::ok(document::document(heading, body, definitions))
}
