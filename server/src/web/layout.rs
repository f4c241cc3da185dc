//! The frame of every page: head, a small inline style sheet, the navigation (what the
//! officer's role may open), the officer's name and the logout button, and the page's
//! `<h1>`.
//!
//! [`page`] is what a page handler ends with; [`bare`] serves the login and error pages,
//! which may have no officer. [`respond`] sets the headers every page carries: no caching
//! (pages hold officers' data), and a content security policy that allows no script at
//! all, no outside resource, no framing, and forms only to this server.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::auth::Role;
use crate::i18n::{self, Lang};

use super::SignedIn;

/// Every role.
const ALL: &[Role] = &[
    Role::Admin,
    Role::NationalOfficer,
    Role::RegionalOfficer,
    Role::ExportMonitor,
];

/// The pages in the navigation: (path, label, the roles that may open it). A role sees
/// only the pages `core` lets it read (exports are national: no regional officer reads
/// them), so the menu holds no link that answers 403.
const NAV: &[(&str, &str, &[Role])] = &[
    ("/", "frame-nav-overview", ALL),
    ("/flags", "frame-nav-flags", ALL),
    ("/footprint", "frame-nav-footprint", ALL),
    (
        "/exports",
        "frame-nav-exports",
        &[Role::Admin, Role::NationalOfficer, Role::ExportMonitor],
    ),
    ("/large-stones", "frame-nav-large-stones", ALL),
    ("/devices", "frame-nav-devices", &[Role::Admin]),
    ("/users", "frame-nav-users", &[Role::Admin]),
];

/// The navigation's entries `role` sees: (path, the label's message id).
pub fn menu(role: Role) -> impl Iterator<Item = (&'static str, &'static str)> {
    NAV.iter()
        .filter(move |(_, _, roles)| roles.contains(&role))
        .map(|(path, label, _)| (*path, *label))
}

/// A role as a person reads it, in `lang`.
pub fn role_name(lang: Lang, role: Role) -> String {
    let id = match role {
        Role::Admin => "frame-role-admin",
        Role::NationalOfficer => "frame-role-national-officer",
        Role::RegionalOfficer => "frame-role-regional-officer",
        Role::ExportMonitor => "frame-role-export-monitor",
    };
    i18n::text(lang, id, &[])
}

/// For a signed-in officer, buttons that choose the language they read in (`POST
/// /language`, kept with their account and in a cookie), back to `here`.
fn language_choice(signed: &SignedIn) -> Markup {
    let lang = signed.lang;
    html! {
        form.inline.languages #language name="language" method="post" action="/language"
            aria-label=(i18n::text(lang, "frame-language", &[])) {
            input type="hidden" name="csrf" value=(signed.csrf);
            input type="hidden" name="next" value=(signed.here);
            @for l in Lang::ALL {
                @if l == lang {
                    span lang=(l.code()) aria-current="true" { (l.code().to_uppercase()) }
                } @else {
                    button.link type="submit" name="lang" value=(l.code()) lang=(l.code()) data-lang=(l.code()) {
                        (l.code().to_uppercase())
                    }
                }
                " "
            }
        }
    }
}

/// Links to read the page in another language (`/language/{code}`, which keeps the choice
/// in a cookie and comes back to `here`): before login, where there is no account.
fn languages(lang: Lang, here: &str) -> Markup {
    html! {
        span.languages aria-label=(i18n::text(lang, "frame-language", &[])) {
            @for l in Lang::ALL {
                @if l == lang {
                    span lang=(l.code()) aria-current="true" { (l.code().to_uppercase()) }
                } @else {
                    a lang=(l.code()) data-lang=(l.code())
                        href=(format!("/language/{}?next={}", l.code(), urlencode(here))) {
                        (l.code().to_uppercase())
                    }
                }
                " "
            }
        }
    }
}

/// A path as a query parameter's value.
fn urlencode(path: &str) -> String {
    serde_urlencoded::to_string([("", path)])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_else(|_| "/".into())
}

const CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;background:#fafaf7}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.2rem;padding:.6rem 1.2rem;background:#12416b;color:#fff}
header a{color:#fff;text-decoration:none}
header .brand{font-weight:700;letter-spacing:.04em}
header nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem;flex:1}
header nav a[aria-current]{text-decoration:underline}
header .who{display:flex;gap:.6rem;align-items:center;font-size:.9em}
header .who button{background:none;color:#fff;border:1px solid #fff8;border-radius:3px;cursor:pointer}
header .languages{white-space:nowrap}
header .languages button{border:none;padding:.2rem .3rem;min-height:2rem;text-decoration:underline}
main{max-width:1100px;margin:0 auto;padding:1rem 1.2rem 3rem}
h1{font-size:1.5rem;margin:.4rem 0 1rem}
h2{font-size:1.15rem;margin:1.8rem 0 .6rem}
a{color:#1f5f8b}
form.inline{display:inline}
form.filters,form.period{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin:.4rem 0 1rem}
label{display:flex;flex-direction:column;font-size:.85em;gap:.15rem}
input,select,textarea,button{font:inherit}
button{padding:.25rem .8rem}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem;margin:0}
dl.figures div{background:#fff;border:1px solid #e2e2dc;border-radius:4px;padding:.5rem .7rem}
dl.figures dt{font-size:.8em;color:#555}
dl.figures dd{margin:0;font-size:1.3rem;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;background:#fff;margin:.4rem 0 1rem;font-size:.9em}
caption{text-align:left;font-weight:600;padding:.3rem 0}
caption a.csv{font-weight:400;font-size:.85em;margin-left:.6rem}
th,td{border-bottom:1px solid #e2e2dc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f1ee}
td{white-space:nowrap}
td[data-column=summary],td[data-column=holder],td[data-column=label],td[data-column=regions],td[data-column=state],td[data-column=note],td[data-column=names],td[data-column=cooperative],td[data-column=reasons],td.action{white-space:normal}
td[data-column=id],td[data-column=device]{font-size:.8em;color:#666;white-space:normal;word-break:break-all;min-width:9em}
td[data-column=summary]{min-width:22em}
.table{overflow-x:auto}
.num{text-align:right;font-variant-numeric:tabular-nums}
tr.empty td{color:#777;font-style:italic}
svg{width:100%;height:auto;background:#fff;border:1px solid #e2e2dc;border-radius:4px}
svg text{font-size:11px;fill:#333}
svg .grid{stroke:#e8e8e2}
svg .axis{stroke:#777}
svg .region{stroke:#fff;stroke-width:.6}
svg .region:hover{stroke:#e08a2c;stroke-width:2}
svg .outline{stroke:#333;stroke-width:1.2}
figure{margin:0}
figcaption.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85em;margin:.3rem 0}
figcaption.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;border:1px solid #ccc;vertical-align:-.1em}
.note{color:#555}
.error{background:#fff3f0;border:1px solid #e0b4a8;padding:.6rem .8rem;border-radius:4px}
.badge{font-size:.8em;padding:.05rem .4rem;border-radius:3px;background:#eee}
.badge.open{background:#fde2d9}.badge.resolved{background:#dcefd5}.badge.closed{background:#e6e6e6}
.void{background:#f3f0ff;border:1px solid #b9a8e0;padding:.6rem .8rem;border-radius:4px}
small.id{font-size:.75em;color:#666;word-break:break-all}
dl.figures dd small.id{display:block;font-size:.7rem}
td[data-column=value],td[data-column=lost],td[data-column=device],td[data-column=lost_device]{white-space:normal;min-width:12em}
svg .area{fill-opacity:.6}
pre{background:#fff;border:1px solid #e2e2dc;padding:.6rem;overflow:auto;font-size:.85em}
main{overflow-wrap:break-word}
.table th:first-child,.table td:first-child{position:sticky;left:0;z-index:1;background:#fff;box-shadow:1px 0 0 #e2e2dc}
.table th:first-child{background:#f1f1ee}
.scroll{overflow-x:auto;max-width:100%;margin:.4rem 0}
.scroll>svg{min-width:640px;display:block}
svg.chart text{font-size:12px}
svg text.place{font-size:12px;fill:#1d2327;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;pointer-events:none}
@media (max-width:700px){
main{padding:.8rem .7rem 2rem}
header{padding:.5rem .7rem}
#ranking,#ranking tbody,#ranking tr,#ranking td{display:block;width:auto}
#ranking caption{display:block}
#ranking thead{display:none}
#ranking tr{border:1px solid #e2e2dc;border-radius:4px;margin:.5rem 0;padding:.3rem .6rem}
#ranking td{border:0;white-space:normal;text-align:left;padding:.1rem 0;position:static;box-shadow:none}
#ranking td::before{font-size:.8em;color:#555;margin-right:.4em}
#ranking td[data-column=rank]::before{content:"Rank"}
#ranking td[data-column=exporter_number]::before{content:"Exporter"}
#ranking td[data-column=holder]::before{content:"Holder"}
#ranking td[data-column=score]::before{content:"Score"}
#ranking td[data-column=reasons]::before{content:"Reasons"}
#ranking td.action::before{content:"Evidence";display:block}
#ranking td.action ul{margin:.2rem 0;padding-left:1.1rem}
}
"#;

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · Placer" }
            style { (PreEscaped(CSS)) }
        }
    }
}

/// A page for a signed-in officer: navigation, the `<h1>` `title`, then `body`. `current`
/// is the navigation entry to mark (its path).
pub fn page(signed: &SignedIn, current: &str, title: &str, body: Markup) -> Markup {
    let officer = &signed.officer;
    let lang = signed.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(title))
            body {
                header {
                    a.brand href="/" { "Placer" }
                    nav aria-label=(i18n::text(lang, "frame-nav-label", &[])) {
                        @for (path, label) in menu(officer.role) {
                            a href=(path) aria-current=[(path == current).then_some("page")]
                                data-nav=(path) { (i18n::text(lang, label, &[])) }
                        }
                    }
                    div.who {
                        span data-officer=(officer.name) data-role=(officer.role.name()) {
                            (officer.name) " (" (role_name(lang, officer.role)) ")"
                        }
                        (language_choice(signed))
                        form.inline #logout name="logout" method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(signed.csrf);
                            button type="submit" { (i18n::text(lang, "frame-log-out", &[])) }
                        }
                    }
                }
                main {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// A page without navigation (login, errors), in `lang`; `here` is where a choice of
/// language comes back to.
pub fn bare(lang: Lang, here: &str, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(title))
            body {
                header { a.brand href="/" { "Placer" } (languages(lang, here)) }
                main {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// An HTML answer with the headers every page carries.
pub fn respond(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("cache-control", "no-store"))
        .insert_header(("content-security-policy", CSP))
        .insert_header(("x-content-type-options", "nosniff"))
        .insert_header(("referrer-policy", "same-origin"))
        .body(markup.into_string())
}

/// 200 with the page.
pub fn ok(markup: Markup) -> HttpResponse {
    respond(StatusCode::OK, markup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_sees_the_pages_it_may_open() {
        let paths = |r: Role| menu(r).map(|(p, _)| p).collect::<Vec<_>>();
        assert_eq!(paths(Role::Admin).len(), NAV.len());
        assert!(!paths(Role::RegionalOfficer).contains(&"/exports"));
        assert!(paths(Role::ExportMonitor).contains(&"/exports"));
        for r in [
            Role::NationalOfficer,
            Role::RegionalOfficer,
            Role::ExportMonitor,
        ] {
            assert!(!paths(r).contains(&"/devices") && !paths(r).contains(&"/users"));
        }
    }
}
