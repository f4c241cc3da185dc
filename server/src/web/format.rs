//! How figures read on a page: grouped digits, two decimals for carats and US$, shares as
//! percentages, server times in UTC minutes, enum values in words.
//!
//! A figure's machine-readable value (`data-value`, and the CSV) is always the plain form the
//! API's CSV uses ([`crate::reports::hundredths`], four-decimal shares); only the text a
//! person reads is grouped, with the decimal mark of the page's language (`1 234.56` in
//! English, `1 234,56` in French and Portuguese: [`crate::i18n::current`]). Otherwise pure.

use sync_protocol::clock::Hlc;
use sync_protocol::values::{format_day, Day, LicenceStatus, SizeClass};

use crate::flags::FlagKind;
use crate::i18n::{self, Arg, Lang};

/// The decimal mark of the page's language.
fn mark() -> char {
    match i18n::current() {
        Lang::En => '.',
        Lang::Fr | Lang::Pt => ',',
    }
}

/// `1234.56` with the page's decimal mark.
pub fn marked(plain: String) -> String {
    match mark() {
        '.' => plain,
        m => plain.replace('.', &m.to_string()),
    }
}

/// Digits in groups of three with a thin space: `1234567` → `1 234 567`.
pub fn grouped(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if v < 0 {
        out.insert(0, '-');
    }
    out
}

/// Hundredths (carats, US$) grouped, two decimals: `123456` → `1 234.56`.
pub fn hundredths_grouped(v: i64) -> String {
    let plain = crate::reports::hundredths(v);
    let (int, frac) = plain.split_once('.').expect("two decimals");
    let int: i64 = int.parse().expect("digits");
    // `-0.50`: the integer part lost its sign.
    let sign = if v < 0 && int == 0 { "-" } else { "" };
    format!("{sign}{}{}{frac}", grouped(int), mark())
}

/// Hundredths as a legend or a round figure reads them: whole when they are
/// (`50000` → `500`), else with two decimals (`1 234.56`).
pub fn hundredths_short(v: i64) -> String {
    if v % 100 == 0 {
        grouped(v / 100)
    } else {
        hundredths_grouped(v)
    }
}

/// A share as the national report's CSV writes it (four decimals), empty without one.
pub fn share_value(s: Option<f64>) -> String {
    s.map(|x| format!("{x:.4}")).unwrap_or_default()
}

/// A share as a person reads it: `0.8751` → `87.5 %`; a dash without one.
pub fn share_text(s: Option<f64>) -> String {
    s.map(|x| marked(format!("{:.1}\u{a0}%", x * 100.0)))
        .unwrap_or_else(|| "–".into())
}

/// A ratio with two decimals (mean stone size, US$ per carat), empty without one, as in
/// the regional CSV.
pub fn ratio(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_default()
}

/// A decimal number grouped, with `decimals` decimals: `2064183.987` → `2 064 183.99`
/// (two). Not finite (never a report's figure) reads as a dash.
pub fn decimal(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let plain = format!("{:.*}", decimals, v.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let digits = int
        .parse::<i64>()
        .map(grouped)
        .unwrap_or_else(|_| int.to_string());
    // A value that rounds to zero keeps no sign: `-0.001` is `0.00`.
    let zero = plain.chars().all(|c| c == '0' || c == '.');
    let sign = if v < 0.0 && !zero { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{digits}")
    } else {
        format!("{sign}{digits}{}{frac}", mark())
    }
}

/// A ratio as a person reads it (exported / available, a statistic, US$ per carat): at
/// most two decimals, grouped: `28.6566` → `28.66`; a dash without one.
pub fn ratio_text(v: Option<f64>) -> String {
    v.map(|x| decimal(x, 2)).unwrap_or_else(|| "–".into())
}

/// A p-value as a person reads it: `p < 0.001` below a thousandth, else `p = 0.042`; a
/// dash without one.
pub fn p_value_text(p: Option<f64>) -> String {
    match p {
        Some(p) if p.is_finite() && p < 0.001 => marked("p < 0.001".into()),
        Some(p) if p.is_finite() => format!("p = {}", decimal(p, 3)),
        _ => "–".into(),
    }
}

/// Table cells of figures: the plain value for machines (the CSV, `data-value`, as the
/// API's CSV writes it) and, shown, the same figure as the formatters above write it. One
/// constructor per kind of figure, so that every table reads alike.
pub mod cells {
    use super::super::table::Cell;
    use super::*;

    /// A count: `1394` shown `1 394`.
    pub fn count(v: i64) -> Cell {
        Cell::shown_as(v.to_string(), grouped(v))
    }

    /// Carats or US$ held in hundredths: `206418399` shown `2 064 183.99`.
    pub fn hundredths(v: i64) -> Cell {
        Cell::shown_as(crate::reports::hundredths(v), hundredths_grouped(v))
    }

    /// An unsigned count of hundredths (capped, never wrapped).
    pub fn hundredths_u(v: u64) -> Cell {
        hundredths(i64::try_from(v).unwrap_or(i64::MAX))
    }

    /// A share: `0.9989` (four decimals) shown `99.9 %`; empty and a dash without one.
    pub fn share(s: Option<f64>) -> Cell {
        Cell::shown_as(share_value(s), share_text(s))
    }

    /// A ratio: the plain value with `decimals` decimals for machines, shown with two.
    pub fn ratio(v: Option<f64>, decimals: usize) -> Cell {
        let plain = v.map(|x| format!("{x:.decimals$}")).unwrap_or_default();
        Cell::shown_as(plain, ratio_text(v))
    }

    /// A measure with `decimals` decimals (gravel in m³): plain for machines, grouped shown.
    pub fn decimal(v: f64, decimals: usize) -> Cell {
        Cell::shown_as(format!("{v:.decimals$}"), super::decimal(v, decimals))
    }
}

/// A server stamp as people read a time anywhere in Placer: RFC 3339 in UTC, to the
/// millisecond (`2026-12-02T17:31:03.804Z`), the same in every language.
pub fn time(stamp: Hlc) -> String {
    stamp.rfc3339()
}

pub use crate::reports::wire_name;

/// A wire name for people: `outside_licence_area` → `outside licence area`.
pub fn words(name: &str) -> String {
    name.replace('_', " ")
}

/// A long identifier shown by its first `chars` characters and an ellipsis: `0102a3f4…`.
pub fn shortened(s: &str, chars: usize) -> String {
    if s.chars().count() > chars {
        format!("{}…", s.chars().take(chars).collect::<String>())
    } else {
        s.to_string()
    }
}

/// A kind of flag as a person names it: "Production outside its licence area", not
/// `outside_licence_area` (which stays the value of filters, `data-value` and CSV).
pub fn flag_kind(kind: FlagKind) -> String {
    i18n::t(&format!("flag-kind-{}", kind.name().replace('_', "-")))
}

/// A size class of stones as a person reads it: "below 0.10 ct", "0.10–0.25 ct",
/// "10 ct and above" (the reports' label, `below_0.10`, stays in CSV and forms).
pub fn size_class(class: SizeClass) -> String {
    match class.label() {
        "below_0.10" => i18n::ta("size-below", &[("carats", marked("0.10".into()).into())]),
        "10_and_above" => i18n::ta("size-and-above", &[("carats", "10".into())]),
        range => marked(format!("{} ct", range.replace('-', "–"))),
    }
}

/// An enum's value (its wire name: `active`, `artisanal_permit`, `dealer`) in words of the
/// page's language, from the catalogue's `value-…` messages; its wire name in words where
/// the catalogue has none.
pub fn value_words(wire: &str) -> String {
    let id = format!("value-{}", wire.replace(['_', '.'], "-"));
    let text = i18n::t(&id);
    if text == id {
        words(wire)
    } else {
        text
    }
}

/// The day (UTC) of a server stamp.
pub fn day(stamp: Hlc) -> Day {
    let secs = i64::try_from(stamp.unix_ms() / 1000).unwrap_or(i64::MAX);
    time::OffsetDateTime::from_unix_timestamp(secs)
        .map(|t| t.date())
        .unwrap_or(Day::MAX)
}

/// A licence's standing on `today`: "expired 2026-06-02" for an active licence whose
/// last day is past, "not issued before 2026-08-01" for one not yet in force, else its
/// status (`active`, `suspended`, `revoked`).
pub fn licence_standing(status: LicenceStatus, issued: Day, expires: Day, today: Day) -> String {
    match status {
        LicenceStatus::Active if expires < today => i18n::ta(
            "standing-expired",
            &[("day", Arg::from(format_day(expires)))],
        ),
        LicenceStatus::Active if issued > today => i18n::ta(
            "standing-not-issued",
            &[("day", Arg::from(format_day(issued)))],
        ),
        other => value_words(&wire_name(&other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_by_three() {
        for (v, want) in [
            (0, "0"),
            (999, "999"),
            (1000, "1\u{202f}000"),
            (1234567, "1\u{202f}234\u{202f}567"),
            (-12345, "-12\u{202f}345"),
        ] {
            assert_eq!(grouped(v), want, "{v}");
        }
    }

    #[test]
    fn hundredths_keep_two_decimals_and_the_sign() {
        for (v, want) in [
            (0, "0.00"),
            (7, "0.07"),
            (123456, "1\u{202f}234.56"),
            (-50, "-0.50"),
            (-123456, "-1\u{202f}234.56"),
        ] {
            assert_eq!(hundredths_grouped(v), want, "{v}");
        }
    }

    #[test]
    fn shares_ratios_and_times() {
        assert_eq!(share_value(Some(0.87514)), "0.8751");
        assert_eq!(share_value(None), "");
        assert_eq!(share_text(Some(0.875)), "87.5\u{a0}%");
        assert_eq!(share_text(None), "–");
        assert_eq!(ratio(Some(0.675)), "0.68");
        assert_eq!(ratio(None), "");
        // 2026-01-02 03:04:05 UTC
        assert_eq!(
            time(Hlc::new(1_767_323_045_804, 3)),
            "2026-01-02T03:04:05.804Z"
        );
    }

    #[test]
    fn one_way_for_each_kind_of_figure() {
        assert_eq!(decimal(2064183.987, 2), "2\u{202f}064\u{202f}183.99");
        assert_eq!(decimal(-0.001, 2), "0.00");
        assert_eq!(decimal(-1234.5, 1), "-1\u{202f}234.5");
        assert_eq!(decimal(12.0, 0), "12");
        assert_eq!(decimal(f64::NAN, 2), "–");
        assert_eq!(ratio_text(Some(28.6566)), "28.66");
        assert_eq!(hundredths_short(500_000), "5\u{202f}000");
        assert_eq!(hundredths_short(-50), "-0.50");
        assert_eq!(ratio_text(Some(1234.5)), "1\u{202f}234.50");
        assert_eq!(ratio_text(None), "–");
        assert_eq!(p_value_text(Some(0.0)), "p < 0.001");
        assert_eq!(p_value_text(Some(0.00099)), "p < 0.001");
        assert_eq!(p_value_text(Some(0.0421)), "p = 0.042");
        assert_eq!(p_value_text(Some(f64::NAN)), "–");
        assert_eq!(p_value_text(None), "–");
        let c = cells::share(Some(0.9989));
        assert_eq!(
            (c.text.as_str(), c.shown.as_deref()),
            ("0.9989", Some("99.9\u{a0}%"))
        );
        let c = cells::hundredths(206418399);
        assert_eq!(c.text, "2064183.99");
        assert_eq!(c.shown.as_deref(), Some("2\u{202f}064\u{202f}183.99"));
        let c = cells::ratio(Some(28.65664), 4);
        assert_eq!(
            (c.text.as_str(), c.shown.as_deref()),
            ("28.6566", Some("28.66"))
        );
        let c = cells::count(1394);
        assert_eq!(
            (c.text.as_str(), c.shown.as_deref()),
            ("1394", Some("1\u{202f}394"))
        );
        assert_eq!(
            cells::hundredths_u(u64::MAX).text,
            crate::reports::hundredths(i64::MAX)
        );
        let c = cells::decimal(1234.5678, 3);
        assert_eq!(
            (c.text.as_str(), c.shown.as_deref()),
            ("1234.568", Some("1\u{202f}234.568"))
        );
    }

    #[test]
    fn enum_values_go_by_their_wire_names() {
        assert_eq!(
            wire_name(&sync_protocol::values::LicenceKind::ArtisanalPermit),
            "artisanal_permit"
        );
        assert_eq!(words("outside_licence_area"), "outside licence area");
    }

    #[test]
    fn kinds_and_size_classes_read_in_plain_words() {
        assert_eq!(
            flag_kind(FlagKind::OutsideLicenceArea),
            "Production outside its licence area"
        );
        for k in FlagKind::ALL {
            assert!(!flag_kind(k).contains('_'), "{k:?}");
        }
        let classes: Vec<String> = SizeClass::ALL.into_iter().map(size_class).collect();
        assert_eq!(classes[0], "below 0.10 ct");
        assert_eq!(classes[1], "0.10–0.25 ct");
        assert_eq!(classes[7], "10 ct and above");
        assert_eq!(shortened("0102a3f4b5", 4), "0102…");
        assert_eq!(shortened("0102", 4), "0102");
        assert!(classes.iter().all(|c| !c.contains('_')), "{classes:?}");
    }

    #[test]
    fn a_licence_past_its_last_day_reads_expired() {
        let d = |s: &str| sync_protocol::values::parse_day(s).unwrap();
        let (issued, expires) = (d("2025-06-03"), d("2026-06-02"));
        let on = |today: &str, status| licence_standing(status, issued, expires, d(today));
        assert_eq!(on("2026-06-02", LicenceStatus::Active), "active");
        assert_eq!(
            on("2026-06-03", LicenceStatus::Active),
            "expired 2026-06-02"
        );
        assert_eq!(
            on("2025-06-01", LicenceStatus::Active),
            "not issued before 2025-06-03"
        );
        assert_eq!(on("2026-12-01", LicenceStatus::Suspended), "suspended");
        // 2026-01-02 03:04:05 UTC
        assert_eq!(day(Hlc::new(1_767_323_045_000, 3)), d("2026-01-02"));
    }
}
