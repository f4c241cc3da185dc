//! How figures read on a page: grouped digits, two decimals for carats and US$, shares as
//! percentages, server times in UTC minutes, enum values by their wire names.
//!
//! A figure's machine-readable value (`data-value`, and the CSV) is always the plain form the
//! API's CSV uses ([`crate::reports::hundredths`], four-decimal shares); only the text a
//! person reads is grouped. Pure functions.

use sync_protocol::clock::Hlc;
use sync_protocol::values::{format_day, Day, LicenceStatus, SizeClass};

use crate::flags::FlagKind;

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
    format!("{sign}{}.{frac}", grouped(int))
}

/// A share as the national report's CSV writes it (four decimals), empty without one.
pub fn share_value(s: Option<f64>) -> String {
    s.map(|x| format!("{x:.4}")).unwrap_or_default()
}

/// A share as a person reads it: `0.8751` → `87.5 %`; a dash without one.
pub fn share_text(s: Option<f64>) -> String {
    s.map(|x| format!("{:.1}\u{a0}%", x * 100.0))
        .unwrap_or_else(|| "–".into())
}

/// A ratio with two decimals (mean stone size, US$ per carat), empty without one, as in
/// the regional CSV.
pub fn ratio(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_default()
}

/// A server stamp as `YYYY-MM-DD HH:MM` (UTC).
pub fn time(stamp: Hlc) -> String {
    let secs = i64::try_from(stamp.unix_ms() / 1000).unwrap_or(i64::MAX);
    match time::OffsetDateTime::from_unix_timestamp(secs) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        Err(_) => stamp.to_string(),
    }
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
pub fn flag_kind(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::OutsideLicenceArea => "Production outside its licence area",
        FlagKind::OutsideCountry => "Production outside its licence's country",
        FlagKind::LicenceNotValid => "Production on a licence not valid that day",
        FlagKind::UnregisteredMiner => "Record naming an unregistered miner",
        FlagKind::UnlicensedBuyer => "Sale to an unlicensed buyer",
        FlagKind::ImplausibleProductivity => "Implausible production on a licence",
        FlagKind::ImpossibleStoneWeight => "Impossible stone weights",
        FlagKind::DuplicateNationalId => "Two miners with one national id",
        FlagKind::DuplicateNameAndBirthYear => "Two miners of the same name and birth year",
        FlagKind::DeviceClockSkew => "Device clock far off",
        FlagKind::BatchFork => "Two different batches from one device (cloned device?)",
        FlagKind::InvalidLicenceArea => "Licence area missing or unusable",
        FlagKind::ExportsExceedPurchases => "Exporter shipped more than it bought",
        FlagKind::QuarantinedEntry => "Log entry set aside (could not be applied)",
        FlagKind::SalesExceedPurchases => "Dealer sold more than it bought",
    }
}

/// A size class of stones as a person reads it: "below 0.10 ct", "0.10–0.25 ct",
/// "10 ct and above" (the reports' label, `below_0.10`, stays in CSV and forms).
pub fn size_class(class: SizeClass) -> String {
    match class.label() {
        "below_0.10" => "below 0.10 ct".into(),
        "10_and_above" => "10 ct and above".into(),
        range => format!("{} ct", range.replace('-', "–")),
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
        LicenceStatus::Active if expires < today => format!("expired {}", format_day(expires)),
        LicenceStatus::Active if issued > today => {
            format!("not issued before {}", format_day(issued))
        }
        other => wire_name(&other),
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
        assert_eq!(time(Hlc::new(1_767_323_045_000, 3)), "2026-01-02 03:04");
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
