//! The dashboard in French, as an officer in Conakry or Abidjan reads it, at a desktop's
//! 1366×900 and a phone's 390×844: the language is chosen with the frame's button (and
//! kept with the account: the next login reads French at once), every page of the menu, a
//! region, a record and a printed report are written in French (`<html lang="fr">`, no
//! English sentence left in what the page shows), figures carry the French decimal mark
//! and still equal the API's, and each page fits the phone. Screenshots of every page.

use serde_json::Value as Json;

use crate::expected;
use crate::fixture::{ADMIN, OWN_DISTRICT, REGIONAL, SEASON};
use crate::harness::OFFICER_PASSWORD;
use crate::{log_in, report_screenshots, start};

/// Words of English prose that no French page may show: each would be the trace of a
/// sentence, heading or label left untranslated (names of people and places hold none).
const ENGLISH: [&str; 12] = [
    " the ", " of ", " and ", " with ", " per ", "Showing", "Search", "Period", "Licence",
    "Miners", "Overview", "Flags",
];

/// The text the page shows, in one line.
const SHOWN_TEXT: &str = "return document.body.innerText.replace(/\\s+/g, ' ');";

fn english_left(shown: &str) -> Vec<&'static str> {
    let padded = format!(" {shown} ");
    ENGLISH.into_iter().filter(|w| padded.contains(w)).collect()
}

/// A share as a French page shows it: the API's fraction in percent, one decimal, with a
/// decimal comma.
fn pourcentage(fraction: &str) -> String {
    match fraction.parse::<f64>() {
        Ok(x) => format!("{:.1} %", x * 100.0).replace('.', ","),
        Err(_) => "–".into(),
    }
}

fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn every_page_reads_in_french_on_a_desktop_and_a_phone() {
    let Some((reg, b)) = start("french") else {
        return;
    };
    let own = reg.region(OWN_DISTRICT);
    // Every page that shows English, reported together.
    let mut english = Vec::new();
    for user in [ADMIN, REGIONAL] {
        let token = reg.server.login(user);
        b.resize(1366, 900);
        // This browser read English before (the login page's own choice of language).
        b.goto("/language/en?next=/login");
        log_in(&b, user, OFFICER_PASSWORD);
        // Chosen in the frame; the same page comes back in French.
        b.click("#language button[data-lang=fr]");
        assert_eq!(b.location(), "/", "{user}");
        let lang: Json = b.js("return document.documentElement.lang");
        assert_eq!(lang, "fr", "{user}");

        // The overview's figures are the API's, written the French way.
        let national = reg.api(&token, &format!("/v1/reports/national?{SEASON}"));
        let want = expected::overview(&national);
        for key in [
            "share_inside_licence",
            "share_on_valid_licence",
            "share_by_registered_miner",
        ] {
            let shown = plain(&b.text(&format!("#figure-{key}")));
            assert_eq!(shown, pourcentage(&want[key]), "{user}: {key}");
        }
        let carats = b.text("#figure-carats");
        assert!(carats.contains(','), "{user}: carats {carats}");
        assert_eq!(
            carats
                .replace([' ', '\u{202f}', '\u{a0}'], "")
                .replace(',', "."),
            want["carats"],
            "{user}: carats"
        );

        let menu: Vec<String> = b
            .js("return Array.from(document.querySelectorAll('[data-nav]')).map(a => a.getAttribute('href'))")
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let mut pages = menu.clone();
        pages.push(format!("/regions/{own}"));
        // A record of the district: its first licence.
        b.goto(&format!("/regions/{own}"));
        let record: Json = b.js(
            "const a = document.querySelector('#licences a[href^=\"/records/licence/\"]'); return a && a.getAttribute('href');",
        );
        pages.push(
            record
                .as_str()
                .expect("a licence of the district")
                .to_string(),
        );
        pages.push(format!("/print/regional/{own}?{SEASON}"));
        if user == ADMIN {
            pages.push(format!("/print/national?{SEASON}"));
        }
        for (width, height, size) in [(1366, 900, "desktop"), (390, 844, "phone")] {
            b.resize(width, height);
            for path in &pages {
                b.goto(path);
                let lang: Json = b.js("return document.documentElement.lang");
                assert_eq!(lang, "fr", "{user}: {path}");
                let shown: Json = b.js(SHOWN_TEXT);
                let shown = shown.as_str().unwrap();
                let left = english_left(shown);
                if !left.is_empty() {
                    english.push(format!("{user}: {path} at {width}: {left:?}: {shown}"));
                }
                if !path.starts_with("/print/") {
                    assert!(
                        b.fits_width(),
                        "{user}: {path} at {width}×{height} scrolls sideways"
                    );
                }
                let page = path
                    .split('?')
                    .next()
                    .unwrap()
                    .trim_matches('/')
                    .replace('/', "-");
                let page = if page.is_empty() {
                    "overview".into()
                } else {
                    page
                };
                let short = user.trim_start_matches("browser.");
                b.screenshot(&format!(
                    "{short}-fr-{}-{size}",
                    &page[..page.len().min(24)]
                ));
            }
        }
        b.resize(1366, 900);
        b.goto("/");
        b.click("#logout button[type=submit]");
        // The login page and the next login read French: the choice stays.
        log_in(&b, user, OFFICER_PASSWORD);
        let lang: Json = b.js("return document.documentElement.lang");
        assert_eq!(lang, "fr", "{user}: after logging in again");
        b.click("#logout button[type=submit]");
    }
    report_screenshots(&b);
    assert!(english.is_empty(), "{}", english.join("\n\n"));
}
