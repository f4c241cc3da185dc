//! The months a page covers: `from` and `to` (`YYYY-MM`) from the query, by default the
//! twelve months up to the last one that holds data for the officer ([`default_end`]: the
//! last month with production or sales in the regions they read, not after the current
//! one), and the form that picks them.

use std::sync::Arc;

use maud::{html, Markup};
use serde::Deserialize;

use crate::auth::Officer;
use crate::core::Core;
use crate::error::ApiError;
use crate::http::parse_month;
use crate::i18n::{t, ta, Arg};
use crate::reports::rollup::{month_label, month_of_stamp};

use super::error::WebError;

/// The longest period a page shows, in months: ten years of monthly bars and rows.
pub const MAX_MONTHS: i32 = crate::reports::MAX_SPAN_MONTHS;

/// `from` and `to` as a query gives them (empty fields count as absent).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// Months `from..=to` (`year * 12 + month - 1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Months {
    pub from: i32,
    pub to: i32,
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The last month, from `current` back over [`MAX_MONTHS`], with production or sales in
/// the regions the officer reads (their top regions' cells: a few keys a month), or
/// `current` when none has any.
pub fn last_month_with_data(core: &Core, officer: &Officer, current: i32) -> Result<i32, ApiError> {
    let mut last: Option<i32> = None;
    for region in core.top_regions(officer)? {
        let rows =
            core.regional_report(officer, Some(region), current - MAX_MONTHS + 1, current)?;
        for r in rows {
            if r.production_records > 0 || r.sales_cents > 0 {
                if let Ok(m) = parse_month(&r.month) {
                    last = Some(last.map_or(m, |l| l.max(m)));
                }
            }
        }
    }
    Ok(last.unwrap_or(current))
}

/// The month a page's default period ends at for `q`: the current month when the query
/// gives both ends (nothing is defaulted), else the last month holding data for the
/// officer ([`last_month_with_data`]).
pub async fn default_end(
    core: &Arc<Core>,
    officer: &Officer,
    q: &PeriodQuery,
) -> Result<i32, WebError> {
    let current = month_of_stamp(core.now());
    if given(&q.from).is_some() && given(&q.to).is_some() {
        return Ok(current);
    }
    let (core, officer) = (core.clone(), officer.clone());
    super::blocking(move || last_month_with_data(&core, &officer, current)).await
}

impl Months {
    /// The period asked for, or the twelve months up to `current` (a page passes
    /// [`default_end`]); a missing end is counted from the other one.
    pub fn from_query(q: &PeriodQuery, current: i32) -> Result<Self, WebError> {
        let parse = |s: &str| parse_month(s).map_err(|e| WebError::BadRequest(e.message));
        let to = given(&q.to).map(parse).transpose()?;
        let from = given(&q.from).map(parse).transpose()?;
        let (from, to) = match (from, to) {
            (Some(f), Some(t)) => (f, t),
            (Some(f), None) => (f, (f + 11).min(current.max(f))),
            (None, Some(t)) => (t - 11, t),
            (None, None) => (current - 11, current),
        };
        if from > to {
            return Err(WebError::BadRequest(ta(
                "period-starts-after-end",
                &[
                    ("from", Arg::from(month_label(from))),
                    ("to", Arg::from(month_label(to))),
                ],
            )));
        }
        if to - from >= MAX_MONTHS {
            return Err(WebError::BadRequest(ta(
                "period-too-long",
                &[("months", Arg::from(u64::from(MAX_MONTHS.unsigned_abs())))],
            )));
        }
        Ok(Self { from, to })
    }

    pub fn iter(self) -> impl Iterator<Item = i32> {
        self.from..=self.to
    }

    pub fn labels(self) -> Vec<String> {
        self.iter().map(month_label).collect()
    }

    /// `from=YYYY-MM&to=YYYY-MM`, for links that keep the period.
    pub fn query(self) -> String {
        format!(
            "from={}&to={}",
            month_label(self.from),
            month_label(self.to)
        )
    }

    /// "2026-01 to 2026-12", in the page's language.
    pub fn describe(self) -> String {
        ta(
            "period-describe",
            &[
                ("from", Arg::from(month_label(self.from))),
                ("to", Arg::from(month_label(self.to))),
            ],
        )
    }

    /// The period selector: a GET form to `action`, keeping `hidden` fields.
    pub fn form(self, action: &str, hidden: &[(&str, String)]) -> Markup {
        html! {
            form.period #period name="period" method="get" action=(action) {
                @for (name, value) in hidden {
                    input type="hidden" name=(name) value=(value);
                }
                label { (t("period-from")) input type="month" name="from" value=(month_label(self.from)) required; }
                label { (t("period-to")) input type="month" name="to" value=(month_label(self.to)) required; }
                button type="submit" { (t("period-show")) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(from: Option<&str>, to: Option<&str>) -> PeriodQuery {
        PeriodQuery {
            from: from.map(String::from),
            to: to.map(String::from),
        }
    }

    #[test]
    fn the_default_is_the_last_twelve_months() {
        let nov = 2026 * 12 + 10;
        let m = Months::from_query(&q(None, None), nov).unwrap();
        assert_eq!(m.describe(), "2025-12 to 2026-11");
        assert_eq!(m.labels().len(), 12);
        assert_eq!(Months::from_query(&q(Some(""), Some(" ")), nov).unwrap(), m);
    }

    #[test]
    fn a_period_is_parsed_and_checked() {
        let nov = 2026 * 12 + 10;
        let m = Months::from_query(&q(Some("2026-01"), Some("2026-03")), nov).unwrap();
        assert_eq!((m.from, m.to), (2026 * 12, 2026 * 12 + 2));
        assert_eq!(m.query(), "from=2026-01&to=2026-03");
        let only_to = Months::from_query(&q(None, Some("2026-06")), nov).unwrap();
        assert_eq!(only_to.describe(), "2025-07 to 2026-06");
        let only_from = Months::from_query(&q(Some("2026-09"), None), nov).unwrap();
        assert_eq!(only_from.describe(), "2026-09 to 2026-11");
        for (f, t) in [
            (Some("2026-05"), Some("2026-04")),
            (Some("2026-13"), None),
            (Some("May"), None),
            (Some("2000-01"), Some("2026-01")),
        ] {
            assert!(
                matches!(
                    Months::from_query(&q(f, t), nov),
                    Err(WebError::BadRequest(_))
                ),
                "{f:?} {t:?}"
            );
        }
    }

    #[test]
    fn the_form_keeps_other_fields() {
        let m = Months {
            from: 24312,
            to: 24323,
        };
        let html = m
            .form("/footprint", &[("region", "abc".into())])
            .into_string();
        assert!(html.contains("name=\"region\" value=\"abc\""));
        assert!(html.contains("value=\"2026-01\"") && html.contains("value=\"2026-12\""));
        let french = crate::i18n::with(crate::i18n::Lang::Fr, || m.form("/", &[]).into_string());
        assert!(french.contains(">Afficher</button>"), "{french}");
    }

    #[test]
    fn a_period_reads_in_the_pages_language() {
        let m = Months {
            from: 24312,
            to: 24323,
        };
        assert_eq!(m.describe(), "2026-01 to 2026-12");
        let fr = crate::i18n::with(crate::i18n::Lang::Fr, || m.describe());
        assert_eq!(fr, "de 2026-01 à 2026-12");
        let pt = crate::i18n::with(crate::i18n::Lang::Pt, || m.describe());
        assert_eq!(pt, "de 2026-01 a 2026-12");
    }
}
