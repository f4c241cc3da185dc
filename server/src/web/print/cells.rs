//! A printed figure: the plain value the API's CSV writes (kept in `data-value`, for
//! machines and tests) shown to people with its thousands grouped and the decimal mark of
//! the document's language (`1 234.56`, `1 234,56`). Reuses [`crate::web::format`].

use crate::i18n::{self, Lang};
use crate::reports::hundredths;
use crate::reports::rollup::grams;
use crate::web::format::{grouped, share_text, share_value};
use crate::web::table::Cell;

/// A plain decimal (`-1234567.891`) with its integer part grouped (`-1 234 567.891`; in
/// French and Portuguese `-1 234 567,891`).
pub fn group_decimal(plain: &str) -> String {
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let Ok(n) = int.parse::<i64>() else {
        return plain.to_string();
    };
    let mut out = format!("{sign}{}", grouped(n));
    if let Some(f) = frac {
        out.push(match i18n::current() {
            Lang::En => '.',
            Lang::Fr | Lang::Pt => ',',
        });
        out.push_str(f);
    }
    out
}

/// A count: `1234` shown `1 234`.
pub fn count(v: i64) -> Cell {
    Cell::shown_as(v.to_string(), grouped(v))
}

/// Hundredths of a carat or cents of a US$: `123456` is `1234.56`, shown `1 234.56`.
pub fn amount(v: i64) -> Cell {
    decimal(hundredths(v))
}

/// Milligrams as grams with three decimals.
pub fn gold(milligrams: i64) -> Cell {
    decimal(grams(milligrams))
}

/// A plain decimal, shown grouped.
pub fn decimal(plain: String) -> Cell {
    let shown = group_decimal(&plain);
    Cell::shown_as(plain, shown)
}

/// A ratio with two decimals (mean stone, US$ per carat); empty without one.
pub fn ratio(v: Option<f64>) -> Cell {
    decimal(crate::web::format::ratio(v))
}

/// A share: `0.8751` shown `87.5 %`; a dash without one.
pub fn share(v: Option<f64>) -> Cell {
    Cell::shown_as(share_value(v), share_text(v))
}

/// A count that may be unknown (an estimate not given): empty, shown as a dash.
pub fn maybe_count(v: Option<i64>) -> Cell {
    match v {
        Some(v) => count(v),
        None => Cell::shown_as("", "–"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_keep_their_plain_value_and_show_grouped() {
        let nb = '\u{202f}';
        assert_eq!(group_decimal("1234567.891"), format!("1{nb}234{nb}567.891"));
        assert_eq!(group_decimal("-1234.50"), format!("-1{nb}234.50"));
        assert_eq!(group_decimal("12"), "12");
        assert_eq!(group_decimal(""), "");
        let c = amount(316_407);
        assert_eq!(
            (c.text.as_str(), c.shown.as_deref()),
            ("3164.07", Some(format!("3{nb}164.07").as_str()))
        );
        assert_eq!(count(1603).shown.unwrap(), format!("1{nb}603"));
        assert_eq!(gold(1_234_567).text, "1234.567");
        assert_eq!(share(Some(0.998)).text, "0.9980");
        assert_eq!(share(None).shown.unwrap(), "–");
        assert_eq!(maybe_count(None).text, "");
        assert_eq!(ratio(Some(1234.5)).shown.unwrap(), format!("1{nb}234.50"));
        let c = i18n::with(Lang::Pt, || amount(316_407));
        assert_eq!(
            (c.text.as_str(), c.shown.as_deref()),
            ("3164.07", Some(format!("3{nb}164,07").as_str()))
        );
        assert_eq!(
            i18n::with(Lang::Fr, || share(Some(0.998)).shown.unwrap()),
            "99,8\u{a0}%"
        );
    }
}
