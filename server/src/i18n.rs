//! Messages in the languages Placer's users read: English, French (Guinea, Côte d'Ivoire,
//! the Central African Republic, the DRC) and Portuguese (Angola).
//!
//! One Fluent catalogue per language, `server/i18n/<code>.ftl`, compiled into the binary: a
//! translator edits a plain text file, with comments, placeables (`{ $count }`) and plural
//! forms as Fluent writes them. English is the reference: a message missing from another
//! catalogue falls back to English, and one missing from English shows its id, so a gap
//! never stops the program; the tests fail on any gap between the catalogues or any message
//! the code names that English lacks.
//!
//! A language is chosen on the dashboard (kept with the officer's account and in a cookie of
//! the browser), else by what the browser or the shell asks for (`Accept-Language`;
//! `PLACER_LANG`, `LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
//!
//! # The request's language
//! A dashboard page is written by many functions (the frame, tables, formatters, charts);
//! rather than pass a language through each, the HTTP layer runs every request inside
//! [`scoped`] with the language [`crate::web::lang_of`] reads off it, and [`t`], [`ta`]
//! and [`current`] read it back, as `gettext` reads a process's locale. Outside a request
//! (the command line, a unit test, a closure sent to the blocking pool) it is English
//! unless [`with`] says otherwise; functions that must not depend on it take a [`Lang`].

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language Placer speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
    Pt,
}

/// Every catalogue, in the order of [`Lang::ALL`].
const CATALOGUES: [&str; 3] = [
    include_str!("../i18n/en.ftl"),
    include_str!("../i18n/fr.ftl"),
    include_str!("../i18n/pt.ftl"),
];

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Pt];

    /// Its ISO 639-1 code, as in `Accept-Language` and the catalogue's file name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Pt => "pt",
        }
    }

    /// The language of a tag or a locale name: `fr`, `fr-CI`, `pt_AO.UTF-8`; `None` for
    /// one Placer does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()?
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language a browser prefers among those Placer speaks, by its
    /// `Accept-Language` weights (`fr-CI,fr;q=0.9,en;q=0.8`); English when none.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for range in header.split(',') {
            let mut parts = range.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else {
                continue;
            };
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    /// The language a shell asks for: the first of `PLACER_LANG`, `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` that is set (and not `C`/`POSIX`) decides; English when it names another.
    pub fn from_env() -> Lang {
        Self::from_vars(|k| std::env::var(k).ok())
    }

    fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["PLACER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(get)
            .find(|v| !v.is_empty() && v != "C" && v != "POSIX")
            .and_then(|v| Lang::from_tag(&v))
            .unwrap_or_default()
    }
}

tokio::task_local! {
    static CURRENT: Lang;
}

/// The language of the request being answered ([`scoped`]); English outside one.
pub fn current() -> Lang {
    CURRENT.try_with(|l| *l).unwrap_or_default()
}

/// Runs `fut` (a request's handling) with `lang` as [`current`].
pub async fn scoped<F: std::future::Future>(lang: Lang, fut: F) -> F::Output {
    CURRENT.scope(lang, fut).await
}

/// Runs `f` with `lang` as [`current`] (a test, a command, the blocking pool).
pub fn with<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(lang, f)
}

/// Message `id` in the [`current`] language.
pub fn t(id: &str) -> String {
    text(current(), id, &[])
}

/// Message `id` in the [`current`] language, with its placeables filled from `args`.
pub fn ta(id: &str, args: &[(&str, Arg)]) -> String {
    text(current(), id, args)
}

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
}

fn catalogues() -> &'static [Catalogue; 3] {
    static LOADED: OnceLock<[Catalogue; 3]> = OnceLock::new();
    LOADED.get_or_init(|| Lang::ALL.map(|l| load(l, CATALOGUES[l as usize])))
}

/// A catalogue as Fluent reads it. Entries that do not parse are left out and reported:
/// a translator's slip never stops the program (the tests refuse it before a release).
fn load(lang: Lang, text: &str) -> Catalogue {
    let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, errors)| {
        tracing::error!(
            lang = lang.code(),
            ?errors,
            "catalogue entries that do not parse are left out"
        );
        partial
    });
    let id = lang
        .code()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Figures are formatted by the program; no Unicode isolation marks around them.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(whole_numbers_grouped));
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(lang = lang.code(), ?errors, "catalogue entries left out");
    }
    Catalogue { bundle }
}

/// A whole number given to a message reads as the pages write figures (`1 394`); Fluent
/// would write `1394`.
fn whole_numbers_grouped<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 9e15 => {
            Some(crate::web::format::grouped(n.value as i64))
        }
        _ => None,
    }
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = &catalogues()[lang as usize].bundle;
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// Message `id` in `lang`, with its placeables filled from `args`; in English where the
/// catalogue lacks it, and its id where English does too.
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent = FluentArgs::new();
    for (k, v) in args {
        fluent.set(*k, v.value());
    }
    format(lang, id, Some(&fluent))
        .or_else(|| format(Lang::En, id, Some(&fluent)))
        .unwrap_or_else(|| id.to_string())
}

/// A value given to a message: text, or a number already formatted by the program (so that
/// a figure reads the same in every message of a page).
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Count(u64),
}

impl Arg {
    fn value(&self) -> FluentValue<'static> {
        match self {
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Count(n) => FluentValue::from(*n),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Count(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Count(n as u64)
    }
}

/// The ids of every message a catalogue holds, in its order.
#[cfg(test)]
fn ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with([' ', '#', '\t', '.', '[', '*', '}']))
        .filter_map(|l| l.split_once('='))
        .map(|(id, _)| id.trim().to_string())
        .filter(|id| !id.is_empty())
        .collect()
}

/// The message ids the code names: every string literal made of lower-case words joined by
/// `-` whose first word begins an id of the English catalogue (`"frame-log-out"`,
/// `"count-miners"`), for the completeness test. Ids built at run time (`flag-kind-…`,
/// `value-…`) are checked from their enums.
#[cfg(test)]
fn ids_named_in(source: &str, sections: &[&str]) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|lit| {
            lit.contains('-')
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && lit
                    .split_once('-')
                    .is_some_and(|(first, _)| sections.contains(&first))
        })
        .map(str::to_string)
        .collect()
}

/// The Rust sources under `dir`, by path.
#[cfg(test)]
fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("the crate's sources") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file");
            out.push((path.display().to_string(), text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_parses_and_holds_every_message() {
        let english = ids(CATALOGUES[0]);
        assert!(!english.is_empty());
        for lang in Lang::ALL {
            let text = CATALOGUES[lang as usize];
            if let Err((_, errors)) = FluentResource::try_new(text.to_string()) {
                panic!("{}.ftl does not parse: {errors:?}", lang.code());
            }
            let held = ids(text);
            let mut once = std::collections::HashSet::new();
            for id in &held {
                assert!(once.insert(id), "{}.ftl holds {id} twice", lang.code());
            }
            for id in &english {
                assert!(held.contains(id), "{}.ftl lacks {id}", lang.code());
            }
            for id in &held {
                assert!(
                    english.contains(id),
                    "{}.ftl has {id}, which en.ftl lacks",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn every_message_the_code_names_is_in_the_catalogues() {
        let english = ids(CATALOGUES[0]);
        let mut sections: Vec<&str> = english
            .iter()
            .filter_map(|id| id.split_once('-').map(|(first, _)| first))
            .collect();
        sections.sort_unstable();
        sections.dedup();
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        // Without the source of this test, which names ids that must not exist.
        files.retain(|(path, _)| !path.ends_with("i18n.rs"));
        let mut named = 0;
        for (path, source) in &files {
            for id in ids_named_in(source, &sections) {
                assert!(
                    english.contains(&id),
                    "{path} names {id}, which en.ftl lacks"
                );
                named += 1;
            }
        }
        assert!(named > 20, "{named}");
        // Ids built at run time, from their enums.
        for kind in crate::flags::FlagKind::ALL {
            let id = format!("flag-kind-{}", kind.name().replace('_', "-"));
            assert!(english.contains(&id), "en.ftl lacks {id}");
        }
    }

    #[test]
    fn figures_and_words_follow_the_language() {
        use crate::web::format::{flag_kind, hundredths_grouped, share_text};
        assert_eq!(hundredths_grouped(123456), "1\u{202f}234.56");
        assert_eq!(
            with(Lang::Fr, || hundredths_grouped(123456)),
            "1\u{202f}234,56"
        );
        assert_eq!(with(Lang::Fr, || share_text(Some(0.875))), "87,5\u{a0}%");
        assert_eq!(
            with(Lang::Fr, || flag_kind(crate::flags::FlagKind::BatchFork)),
            "Deux lots différents d'un même terminal (terminal cloné ?)"
        );
        assert_eq!(
            with(Lang::Fr, || ta(
                "count-miners",
                &[("count", Arg::from(1394u64))]
            )),
            "1\u{202f}394 mineurs"
        );
        assert_eq!(ta("count-miners", &[("count", Arg::from(1u64))]), "1 miner");
        assert_eq!(
            ta("count-miners", &[("count", Arg::from(0u64))]),
            "No miners"
        );
        assert_eq!(current(), Lang::En, "English outside a request");
    }

    #[test]
    fn a_language_is_chosen_by_tag_browser_and_shell() {
        assert_eq!(Lang::from_tag("fr-CI"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("pt_AO.UTF-8"), Some(Lang::Pt));
        assert_eq!(Lang::from_tag("sw"), None);
        assert_eq!(
            Lang::from_accept_language("fr-CI,fr;q=0.9,en;q=0.8"),
            Lang::Fr
        );
        assert_eq!(Lang::from_accept_language("sw,en;q=0.3,fr;q=0.5"), Lang::Fr);
        assert_eq!(Lang::from_accept_language("de, fr;q=0"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_vars(vars(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(
            Lang::from_vars(vars(&[("PLACER_LANG", "pt"), ("LANG", "fr_FR.UTF-8")])),
            Lang::Pt
        );
        assert_eq!(
            Lang::from_vars(vars(&[("LC_ALL", "C"), ("LANG", "fr_CI")])),
            Lang::Fr
        );
        assert_eq!(Lang::from_vars(vars(&[])), Lang::En);
    }

    #[test]
    fn a_message_reads_in_each_language_and_falls_back_to_english() {
        let args = [("count", Arg::from(3u64))];
        assert_eq!(text(Lang::En, "device-list-count", &args), "3 record(s)");
        assert_eq!(
            text(Lang::Fr, "device-list-count", &args),
            "3 enregistrement(s)"
        );
        assert_eq!(text(Lang::Pt, "device-list-count", &args), "3 registo(s)");
        assert_eq!(text(Lang::Fr, "no-such-message", &[]), "no-such-message");
    }
}
