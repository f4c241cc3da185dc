//! The printed document: an A4 page with no dashboard frame, a header naming the country
//! and the period, the report's tables (a row never split across pages), the definitions
//! of its figures, and a signature block; each page numbered in its bottom margin.
//!
//! Page numbers are CSS `@page` margin boxes (`counter(page)` of `counter(pages)`), which
//! Chromium prints since version 131; the browser test prints to PDF and counts the pages.
//! Every word is in the request's language ([`crate::i18n::current`]), the margin boxes'
//! too: their text is written into the style sheet of each document. Markup only.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::i18n::{self, t, ta, Arg};
use crate::web::table::Table;

/// What every printed report says about itself.
pub struct Heading {
    /// The report's title: "National internal-control report".
    pub title: String,
    /// The country or countries by name: "Ghana".
    pub country: String,
    /// A region below the country, when the report is one region's.
    pub region: Option<String>,
    /// The period as a person reads it: "2026-01 to 2026-06".
    pub period: String,
    /// The period for machines (`data-period`), the same in every language:
    /// "2026-01 to 2026-06".
    pub period_value: String,
    /// How the period is cut: "by quarter", "by month".
    pub cut: String,
    /// "2026-12-03 14:11 UTC".
    pub printed_at: String,
    /// The officer's account and role.
    pub printed_by: String,
}

/// One figure's definition, for the definitions section: the messages of the figure's
/// name and of what it means.
pub struct Definition {
    pub figure: &'static str,
    pub meaning: &'static str,
}

const CSS: &str = r#"
*{box-sizing:border-box}
html{background:#fff}
body{margin:0 auto;max-width:190mm;padding:8mm 0;font:9.5pt/1.35 "DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#111}
header.doc{border-bottom:1.5pt solid #111;padding-bottom:3mm;margin-bottom:4mm}
header.doc .issuer{margin:0;font-size:8pt;letter-spacing:.04em;text-transform:uppercase;color:#444}
h1{font-size:15pt;margin:1mm 0 2mm}
h2{font-size:11pt;margin:6mm 0 2mm;break-after:avoid}
dl.meta{display:grid;grid-template-columns:auto 1fr;gap:.5mm 4mm;margin:0}
dl.meta dt{font-weight:600}
dl.meta dd{margin:0}
table{border-collapse:collapse;width:100%;margin:1mm 0 4mm;font-size:7.5pt}
caption{text-align:left;font-weight:600;font-size:8.5pt;padding:1mm 0;caption-side:top}
thead{display:table-header-group}
tr,th,td{break-inside:avoid;page-break-inside:avoid}
th,td{border:.5pt solid #999;padding:.6mm 1.2mm;text-align:left;vertical-align:top}
th{background:#eee;font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td[data-column=period],td[data-column=month]{white-space:nowrap}
tr.empty td{font-style:italic;color:#555}
section.definitions dl{margin:0;font-size:8pt}
section.definitions div{break-inside:avoid;margin:0 0 1.2mm}
section.definitions dt{font-weight:600;display:inline}
section.definitions dt::after{content:": "}
section.definitions dd{display:inline;margin:0}
p.note{font-size:8pt;color:#333}
section.signatures{break-inside:avoid;margin-top:8mm;display:grid;grid-template-columns:1fr 1fr;gap:8mm}
section.signatures h2{grid-column:1/-1;margin:0}
.signature{break-inside:avoid}
.signature h3{font-size:9.5pt;margin:0 0 3mm}
.signature .line{display:flex;align-items:flex-end;gap:2mm;margin:0 0 5mm}
.signature .line span{white-space:nowrap}
.signature .line i{flex:1;border-bottom:.7pt solid #111;height:5mm}
.signature .line.tall i{height:14mm}
@media screen{body{padding:12mm}}
"#;

/// Quotes `s` as a CSS string (for a margin box's `content`), safe inside `<style>`.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '\n' | '\r' => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// "Page 2 of 5" as a margin box's `content`: the message of the page's language with
/// the counters in place of its placeables (`"Page " counter(page) " of " counter(pages)`),
/// so that a language may put them in its own order.
fn page_number_content() -> String {
    const PAGE: &str = "\u{1}";
    const PAGES: &str = "\u{2}";
    let text = ta(
        "print-page-of",
        &[("page", Arg::from(PAGE)), ("pages", Arg::from(PAGES))],
    );
    let mut parts = Vec::new();
    let mut literal = String::new();
    for c in text.chars() {
        let counter = match c {
            '\u{1}' => "counter(page)",
            '\u{2}' => "counter(pages)",
            _ => {
                literal.push(c);
                continue;
            }
        };
        if !literal.is_empty() {
            parts.push(css_string(&std::mem::take(&mut literal)));
        }
        parts.push(counter.to_string());
    }
    if !literal.is_empty() {
        parts.push(css_string(&literal));
    }
    parts.join(" ")
}

/// The page box: A4 with margins, the report named bottom left, the page number bottom
/// right.
fn page_css(h: &Heading) -> String {
    let footer = format!("{} · {} · {}", h.title, h.country, h.period);
    format!(
        "@page{{size:A4;margin:16mm 10mm 18mm 10mm;\
         @bottom-left{{content:{};font:7.5pt sans-serif;color:#444}}\
         @bottom-right{{content:{};font:7.5pt sans-serif;color:#444}}}}",
        css_string(&footer),
        page_number_content()
    )
}

/// The document's `<title>`, which the browser also writes into a PDF's properties.
pub fn title(h: &Heading) -> String {
    match &h.region {
        Some(r) => format!("{}, {r} ({}), {}", h.title, h.country, h.period),
        None => format!("{}, {}, {}", h.title, h.country, h.period),
    }
}

/// The whole document.
pub fn document(h: &Heading, body: Markup, definitions: &[Definition]) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(i18n::current().code()) {
            head {
                meta charset="utf-8";
                title { (title(h)) }
                style { (PreEscaped(CSS)) (PreEscaped(page_css(h))) }
            }
            body.print {
                header.doc {
                    p.issuer { (t("print-issuer")) }
                    h1 { (h.title) }
                    dl.meta {
                        dt { (t("print-country")) } dd #country data-country=(h.country) { (h.country) }
                        @if let Some(r) = &h.region {
                            dt { (t("print-region")) } dd #region data-region-name=(r) { (r) }
                        }
                        dt { (t("print-period")) } dd #period data-period=(h.period_value) {
                            (ta("print-period-cut", &[("period", Arg::from(h.period.as_str())), ("cut", Arg::from(h.cut.as_str()))]))
                        }
                        dt { (t("print-printed")) } dd #printed {
                            (ta("print-printed-by", &[("at", Arg::from(h.printed_at.as_str())), ("by", Arg::from(h.printed_by.as_str()))]))
                        }
                    }
                }
                main { (body) }
                (definitions_section(definitions))
                (signatures())
            }
        }
    }
}

/// A table as printed: caption, a header row repeated on every page, each figure shown
/// grouped with its plain value in `data-value`; no links, no downloads.
pub fn table(t: &Table) -> Markup {
    html! {
        table id=(t.id) data-table=(t.id) {
            caption { (t.caption) }
            thead { tr {
                @for c in &t.columns {
                    th scope="col" class=[c.numeric.then_some("num")] data-column=(c.key) { (c.label) }
                } } }
            tbody {
                @for row in &t.rows {
                    tr {
                        @for (c, cell) in t.columns.iter().zip(row) {
                            td class=[c.numeric.then_some("num")] data-column=(c.key) data-value=(cell.text) {
                                (cell.shown.as_deref().unwrap_or(&cell.text))
                            }
                        }
                    }
                }
                @if t.rows.is_empty() {
                    tr.empty { td colspan=(t.columns.len()) { (t.empty) } }
                }
            }
        }
    }
}

fn definitions_section(definitions: &[Definition]) -> Markup {
    html! {
        section.definitions #definitions {
            h2 { (t("print-definitions")) }
            p.note { (t("print-definitions-note")) }
            dl {
                @for d in definitions {
                    div { dt { (t(d.figure)) } dd { (t(d.meaning)) } }
                }
            }
        }
    }
}

fn signature(role: &str) -> Markup {
    html! {
        div.signature {
            h3 { (t(role)) }
            @for field in ["print-sign-name", "print-sign-function", "print-sign-date"] {
                p.line { span { (t(field)) } i {} }
            }
            p.line.tall { span { (t("print-signature")) } i {} }
        }
    }
}

fn signatures() -> Markup {
    html! {
        section.signatures #signatures {
            h2 { (t("print-certification")) }
            (signature("print-prepared-by"))
            (signature("print-approved-by"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::table::{Cell, Column};

    fn heading() -> Heading {
        Heading {
            title: "National internal-control report".into(),
            country: "Côte d'Ivoire \"</style>".into(),
            region: None,
            period: "2026-01 to 2026-06".into(),
            period_value: "2026-01 to 2026-06".into(),
            cut: "by quarter".into(),
            printed_at: "2026-12-03 14:11 UTC".into(),
            printed_by: "esi (admin)".into(),
        }
    }

    #[test]
    fn the_page_is_a4_numbered_and_the_footer_is_quoted() {
        let css = page_css(&heading());
        assert!(css.starts_with("@page{size:A4;"), "{css}");
        assert!(
            css.contains(r#"content:"Page " counter(page) " of " counter(pages);"#),
            "{css}"
        );
        let french = i18n::with(i18n::Lang::Fr, || page_css(&heading()));
        assert!(
            french.contains(r#"content:"Page " counter(page) " sur " counter(pages);"#),
            "{french}"
        );
        assert!(
            css.contains(r#"Côte d'Ivoire \"\3c /style\3e  · 2026-01"#),
            "{css}"
        );
        assert!(!css.contains("</style>"));
    }

    #[test]
    fn the_document_holds_its_heading_definitions_and_signatures() {
        let mut t = Table::new("t", "Figures", vec![Column::number("carats", "Carats")]);
        t.row(vec![Cell::shown_as("1234.50", "1\u{202f}234.50")]);
        let html = document(
            &heading(),
            table(&t),
            &[Definition {
                figure: "def-gold",
                meaning: "def-kp-gold-meaning",
            }],
        )
        .into_string();
        assert!(html.contains("<html lang=\"en\""));
        assert!(html.contains("data-period=\"2026-01 to 2026-06\""));
        assert!(html.contains(
            "<td class=\"num\" data-column=\"carats\" data-value=\"1234.50\">1\u{202f}234.50</td>"
        ));
        assert!(html.contains("<dt>Gold</dt><dd>not in KP statistics.</dd>"));
        assert_eq!(html.matches("class=\"signature\"").count(), 2);
        assert!(html.contains("Reviewed and approved by"));
        assert!(!html.contains("<nav"), "no dashboard frame");
    }

    #[test]
    fn a_document_reads_in_the_requests_language() {
        let html = i18n::with(i18n::Lang::Fr, || {
            document(
                &heading(),
                html! {},
                &[Definition {
                    figure: "def-gold",
                    meaning: "def-kp-gold-meaning",
                }],
            )
            .into_string()
        });
        assert!(html.contains("<html lang=\"fr\""), "{html}");
        for words in [
            "Pays",
            "Période",
            "Définitions",
            "Établi par",
            "Vérifié et approuvé par",
            "Fonction",
            "<dt>Or</dt>",
        ] {
            assert!(html.contains(words), "{words}: {html}");
        }
        for english in [
            "Country",
            "Definitions",
            "Reviewed and approved by",
            "Printed",
        ] {
            assert!(!html.contains(english), "{english}: {html}");
        }
    }
}
