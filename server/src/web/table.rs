//! Tables that render as HTML and download as CSV from the same rows.
//!
//! A page builds each [`Table`] once, with every cell's text already formatted (plain
//! numbers, as the API's CSV writes them: `1234.50`, not grouped), and then either renders
//! it or, when the URL says `format=csv` (and `table=ID` on a page with several), answers
//! with [`csv_response`]. So a download always holds exactly the figures on the screen, and
//! passes through the same handler, the same session and the same scope checks.
//!
//! ```ignore
//! let mut t = Table::new("monthly", "Production by month", vec![
//!     Column::text("month", "Month"),
//!     Column::number("carats", "Carats"),
//! ]);
//! t.row(vec![Cell::from("2026-03"), Cell::from(hundredths(135))]);
//! if let Some(id) = table::csv_wanted(&req)? { return table::csv_response(&[&t], &id); }
//! html! { (t.html(&req)) }
//! ```

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::error::WebError;
use super::format::shortened;
use crate::i18n::{t, ta, Arg};

/// One column: a stable key (`data-column`, what tests and scripts find it by) and a label
/// for people, in the page's language (the heading, and the CSV's header: a download is
/// read in a spreadsheet by the same person; the API's CSV keeps stable keys).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub key: &'static str,
    pub label: String,
    /// Right-aligned, in tabular figures.
    pub numeric: bool,
}

impl Column {
    pub fn text(key: &'static str, label: impl Into<String>) -> Self {
        Self {
            key,
            label: label.into(),
            numeric: false,
        }
    }
    pub fn number(key: &'static str, label: impl Into<String>) -> Self {
        Self {
            key,
            label: label.into(),
            numeric: true,
        }
    }
}

/// One cell: its text (the same in HTML and CSV) and, in HTML only, a link.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    pub link: Option<String>,
    /// In HTML only, what a person reads in place of `text`, which stays in the CSV, in
    /// `data-value` and in the tooltip: a 68-character flag id shown as `0102a3f4…`, a
    /// kind's plain words for its wire name.
    pub shown: Option<String>,
}

impl Cell {
    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            link: Some(href.into()),
            shown: None,
        }
    }

    /// A long identifier shown by its first `chars` characters and an ellipsis, whole in
    /// the CSV and the tooltip, linked to `href`.
    pub fn short_id(id: impl Into<String>, chars: usize, href: impl Into<String>) -> Self {
        let text = id.into();
        let shown = (text.chars().count() > chars).then(|| shortened(&text, chars));
        Self {
            text,
            link: Some(href.into()),
            shown,
        }
    }

    /// A value for machines (`text`: the CSV, `data-value`) shown to people as `shown`.
    pub fn shown_as(text: impl Into<String>, shown: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            link: None,
            shown: Some(shown.into()),
        }
    }

    /// The same cell, linked to `href` in HTML.
    pub fn linked(mut self, href: impl Into<String>) -> Self {
        self.link = Some(href.into());
        self
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self {
            text,
            link: None,
            shown: None,
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        text.to_string().into()
    }
}

/// A table with an id (the HTML `id`, the CSV's file name and `table=` parameter).
#[derive(Debug, Clone)]
pub struct Table {
    pub id: &'static str,
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Per row, a form or button shown in a last column of the HTML only (it is not a
    /// figure, so the CSV leaves it out).
    pub actions: Vec<Option<Markup>>,
    /// Shown instead of an empty body.
    pub empty: String,
    /// The heading of the actions column.
    pub action_label: String,
}

impl Table {
    pub fn new(id: &'static str, caption: impl Into<String>, columns: Vec<Column>) -> Self {
        Self {
            id,
            caption: caption.into(),
            columns,
            rows: Vec::new(),
            actions: Vec::new(),
            empty: t("table-empty"),
            action_label: t("table-action"),
        }
    }

    /// Adds a row; it must have one cell per column.
    pub fn row(&mut self, cells: Vec<Cell>) {
        assert_eq!(
            cells.len(),
            self.columns.len(),
            "a row of table {} has one cell per column",
            self.id
        );
        self.rows.push(cells);
        self.actions.push(None);
    }

    /// Adds a row with an action (HTML only).
    pub fn row_with_action(&mut self, cells: Vec<Cell>, action: Option<Markup>) {
        self.row(cells);
        *self.actions.last_mut().expect("just added") = action;
    }

    fn has_actions(&self) -> bool {
        self.actions.iter().any(Option::is_some)
    }

    /// The table with its caption and a link to its CSV (the request's own URL with
    /// `format=csv&table=ID`).
    pub fn html(&self, req: &HttpRequest) -> Markup {
        self.html_with_csv(&csv_href(req.path(), req.query_string(), self.id))
    }

    pub fn html_with_csv(&self, csv: &str) -> Markup {
        html! {
            div.table { table id=(self.id) data-table=(self.id) {
                caption {
                    (self.caption)
                    " " a.csv href=(csv) download=(format!("{}.csv", self.id)) data-csv=(self.id) { "CSV" }
                }
                thead { tr {
                    @for c in &self.columns {
                        th scope="col" class=[c.numeric.then_some("num")] data-column=(c.key) { (c.label) }
                    }
                    @if self.has_actions() { th scope="col" { (self.action_label) } }
                } }
                tbody {
                    @for (row, action) in self.rows.iter().zip(&self.actions) {
                        tr {
                            @for (c, cell) in self.columns.iter().zip(row) {
                                @let shown = cell.shown.as_deref().unwrap_or(&cell.text);
                                @let whole = cell.shown.as_ref().map(|_| cell.text.as_str());
                                td class=[c.numeric.then_some("num")] data-column=(c.key)
                                    data-value=[whole] title=[whole] {
                                    @match &cell.link {
                                        Some(href) => a href=(href) { (shown) },
                                        None => (shown),
                                    }
                                }
                            }
                            @if self.has_actions() {
                                td.action { @if let Some(a) = action { (a) } }
                            }
                        }
                    }
                    @if self.rows.is_empty() {
                        tr.empty { td colspan=(self.columns.len()) { (self.empty) } }
                    }
                }
            } }
        }
    }

    /// The same rows as CSV: a header of column labels, then each cell's text.
    pub fn csv(&self) -> Result<String, csv::Error> {
        let mut w = crate::reports::sheet::Sheet::new();
        w.row(self.columns.iter().map(|c| c.label.as_str()))?;
        for row in &self.rows {
            w.row(row.iter().map(|c| c.text.as_str()))?;
        }
        w.finish()
    }
}

/// `path?query` with `format=csv&table=ID` in place of any earlier `format` and `table`.
pub fn csv_href(path: &str, query: &str, table: &str) -> String {
    href_with(
        path,
        query,
        &[("format", Some("csv")), ("table", Some(table))],
    )
}

/// `path?query` with each of `set` replacing its parameter: `Some(value)` (appended after
/// the parameters kept, in `set`'s order), or `None` to leave it out. Every other
/// parameter is kept as it was, so a link changes one thing (the page, the list, the
/// format) and keeps the search, the filters and the period.
pub fn href_with(path: &str, query: &str, set: &[(&str, Option<&str>)]) -> String {
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    pairs.retain(|(k, _)| !set.iter().any(|(s, _)| s == k));
    for (k, v) in set {
        if let Some(v) = v {
            pairs.push((k.to_string(), v.to_string()));
        }
    }
    if pairs.is_empty() {
        return path.to_string();
    }
    format!(
        "{path}?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

/// Rows shown per page of a long list.
pub const PER_PAGE: usize = 50;
/// The highest page number an address may ask for (far beyond any list; a bound on what
/// a number in the address can make the server compute).
pub const MAX_PAGE: usize = 1_000_000;

/// One page of a long list: which rows it shows, how the count reads, and the links to
/// the other pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pager {
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
    /// Rows in the whole list (every page).
    pub total: usize,
}

impl Pager {
    /// Page `page` (1-based, as [`parse_page`] reads it) of `total` rows; a page past
    /// the last shows the last.
    pub fn new(page: usize, total: usize) -> Self {
        let per_page = PER_PAGE;
        let last = total.div_ceil(per_page).max(1);
        Self {
            page: page.clamp(1, last),
            per_page,
            total,
        }
    }

    /// The rows of this page, as indexes into the whole list.
    pub fn range(&self) -> std::ops::Range<usize> {
        let start = ((self.page - 1) * self.per_page).min(self.total);
        start..(start + self.per_page).min(self.total)
    }

    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.per_page).max(1)
    }

    /// "1 394 miners, showing 1–50", or "No miners": `what` names the message of the
    /// count (`{ $count }` with its plural forms: "1 miner", "1 394 miners"), and the
    /// range is added when the list is longer than a page.
    pub fn counted(&self, what: &str) -> String {
        let r = self.range();
        let count = ta(what, &[("count", Arg::from(self.total))]);
        if r.len() == self.total {
            count
        } else {
            ta(
                "table-showing",
                &[
                    ("count", Arg::from(count)),
                    ("first", Arg::from(r.start + 1)),
                    ("last", Arg::from(r.end)),
                ],
            )
        }
    }

    /// The links to the first, previous, next and last pages (the request's own address
    /// with `param` changed, everything else kept, and `#anchor`, the element the list
    /// starts at, so that the browser shows the list and not the page's top); nothing when
    /// the list fits on one page.
    pub fn links(&self, path: &str, query: &str, param: &str, anchor: &str) -> Markup {
        if self.pages() <= 1 {
            return html! {};
        }
        let to = |p: usize| {
            let n = p.to_string();
            let href = href_with(path, query, &[(param, (p > 1).then_some(n.as_str()))]);
            format!("{href}#{anchor}")
        };
        let id = anchor;
        let (page, last) = (self.page, self.pages());
        html! {
            nav.pager aria-label=(t("table-pages")) data-pager=(id) data-page=(page) data-pages=(last) {
                @if page > 1 {
                    a href=(to(1)) rel="first" { (t("table-first")) } " · "
                    a href=(to(page - 1)) rel="prev" data-prev { (t("table-previous")) } " · "
                }
                span { (ta("table-page-of", &[("page", Arg::from(page)), ("pages", Arg::from(last))])) }
                @if page < last {
                    " · " a href=(to(page + 1)) rel="next" data-next { (t("table-next")) }
                    " · " a href=(to(last)) rel="last" { (t("table-last")) }
                }
            }
        }
    }
}

/// A page number from the address: absent or empty is 1; anything but a whole number from
/// 1 to [`MAX_PAGE`] is a 400.
pub fn parse_page(page: Option<&str>) -> Result<usize, WebError> {
    match page.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(1),
        Some(p) => p
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_PAGE).contains(n))
            .ok_or_else(|| {
                WebError::BadRequest(format!(
                    "page {p:?}: a page is a whole number from 1 to {MAX_PAGE}"
                ))
            }),
    }
}

#[derive(serde::Deserialize)]
struct Download {
    format: Option<String>,
    table: Option<String>,
}

/// The table whose CSV the request asks for (`format=csv`, `table=ID`; an empty id means
/// the page's first table), or `None` for the HTML page.
pub fn csv_wanted(req: &HttpRequest) -> Result<Option<String>, WebError> {
    let d: Download = serde_urlencoded::from_str(req.query_string())
        .map_err(|e| WebError::BadRequest(e.to_string()))?;
    match d.format.as_deref() {
        None | Some("" | "html") => Ok(None),
        Some("csv") => Ok(Some(d.table.unwrap_or_default())),
        Some(other) => Err(WebError::BadRequest(format!(
            "format {other:?}: html or csv"
        ))),
    }
}

/// The CSV of table `id` among `tables` (the first when `id` is empty), as a download.
pub fn csv_response(tables: &[&Table], id: &str) -> Result<HttpResponse, WebError> {
    let t = tables
        .iter()
        .find(|t| id.is_empty() || t.id == id)
        .ok_or_else(|| WebError::NotFound(format!("this page has no table {id:?}")))?;
    let text = t.csv().map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"{}.csv\"", t.id),
        ))
        .insert_header(("cache-control", "no-store"))
        .body(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(
            "monthly",
            "By month",
            vec![
                Column::text("month", "Month"),
                Column::number("carats", "Carats"),
            ],
        );
        t.row(vec!["2026-03".into(), Cell::link("1.35", "/x?a=1&b=2")]);
        t.row(vec!["2026-04".into(), "2,5 \"big\"".into()]);
        t
    }

    #[test]
    fn html_and_csv_hold_the_same_text() {
        let t = sample();
        let html = t.html_with_csv("/?format=csv&table=monthly").into_string();
        assert!(html.contains("<table id=\"monthly\" data-table=\"monthly\">"));
        assert!(html.contains("<th scope=\"col\" class=\"num\" data-column=\"carats\">Carats</th>"));
        assert!(html.contains("<a href=\"/x?a=1&amp;b=2\">1.35</a>"));
        assert!(html.contains("2,5 &quot;big&quot;"));
        assert!(html.contains("href=\"/?format=csv&amp;table=monthly\""));
        assert_eq!(
            t.csv().unwrap(),
            "Month,Carats\n2026-03,1.35\n2026-04,\"2,5 \"\"big\"\"\"\n"
        );
    }

    #[test]
    fn actions_show_in_html_only() {
        let mut t = sample();
        t.row_with_action(
            vec!["2026-05".into(), "0.00".into()],
            Some(maud::html! { button { "Revoke" } }),
        );
        let html = t.html_with_csv("/").into_string();
        assert!(html.contains("<th scope=\"col\">Action</th>"));
        assert!(html.contains("<td class=\"action\"><button>Revoke</button></td>"));
        assert_eq!(html.matches("<td class=\"action\">").count(), 3);
        assert!(!t.csv().unwrap().contains("Revoke"));
    }

    #[test]
    fn an_empty_table_says_so() {
        let t = Table::new("x", "X", vec![Column::text("a", "A")]);
        assert!(t
            .html_with_csv("/")
            .into_string()
            .contains("Nothing to show."));
        assert_eq!(t.csv().unwrap(), "A\n");
    }

    #[test]
    #[should_panic(expected = "one cell per column")]
    fn a_row_has_one_cell_per_column() {
        sample().row(vec!["only one".into()]);
    }

    #[test]
    fn a_long_list_is_paged_and_counted_whole() {
        let p = Pager::new(1, 1394);
        assert_eq!((p.range(), p.pages()), (0..50, 28));
        assert_eq!(
            p.counted("count-miners"),
            "1\u{202f}394 miners, showing 1–50"
        );
        let last = Pager::new(28, 1394);
        assert_eq!(last.range(), 1350..1394);
        assert_eq!(Pager::new(99, 1394), last, "past the last page: the last");
        assert_eq!(Pager::new(1, 1).counted("count-miners"), "1 miner");
        assert_eq!(Pager::new(3, 0).range(), 0..0);
        assert_eq!(Pager::new(3, 0).counted("count-miners"), "No miners");
        let links = Pager::new(2, 120)
            .links("/regions/x", "list=miners&page=2&q=a%20b", "page", "miners")
            .into_string();
        assert!(
            links.contains("href=\"/regions/x?list=miners&amp;q=a+b#miners\" rel=\"first\""),
            "{links}"
        );
        assert!(
            links.contains(
                "href=\"/regions/x?list=miners&amp;q=a+b&amp;page=3#miners\" rel=\"next\""
            ),
            "{links}"
        );
        assert!(Pager::new(1, 50)
            .links("/", "", "page", "x")
            .into_string()
            .is_empty());
        for bad in ["0", "-1", "x", "1.5", "99999999999999999999999"] {
            assert!(parse_page(Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(parse_page(None).unwrap(), 1);
        assert_eq!(parse_page(Some(" 7 ")).unwrap(), 7);
    }

    #[test]
    fn a_long_id_shows_short_and_stays_whole_for_machines() {
        let mut t = Table::new("flags", "Flags", vec![Column::text("id", "Flag")]);
        let id = "0102".repeat(17);
        t.row(vec![Cell::short_id(&id, 10, "/flags/x")]);
        let html = t.html_with_csv("/").into_string();
        assert!(
            html.contains(&format!(
                "data-value=\"{id}\" title=\"{id}\"><a href=\"/flags/x\">0102010201…</a>"
            )),
            "{html}"
        );
        assert_eq!(t.csv().unwrap(), format!("Flag\n{id}\n"));
    }

    #[test]
    fn the_csv_link_keeps_the_query_and_replaces_the_format() {
        assert_eq!(csv_href("/", "", "monthly"), "/?format=csv&table=monthly");
        assert_eq!(
            csv_href(
                "/flags",
                "state=open&format=csv&table=old&region=a%20b",
                "flags"
            ),
            "/flags?state=open&region=a+b&format=csv&table=flags"
        );
    }
}
