//! Validated domain values: the only way to hold a latitude, a weight or a licence number.
//!
//! Every newtype checks its invariant in its constructor and again when it is decoded
//! (`#[serde(try_from = ...)]`), so an out-of-range value arriving from the wire is refused
//! by the codec instead of reaching a record. Money and weight are integers: US$ in cents,
//! carats in hundredths, so sums never drift.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::error::ValueError;

/// Upper bound on any carat amount (hundredths): ten billion carats. Keeps sums of many
/// values far from `u64::MAX`.
pub const MAX_CARAT_HUNDREDTHS: u64 = 1_000_000_000_000;
/// Upper bound on any US$ amount (cents): one hundred billion dollars.
pub const MAX_USD_CENTS: u64 = 10_000_000_000_000;

fn invalid(what: &'static str, detail: impl Into<String>) -> ValueError {
    ValueError {
        what,
        detail: detail.into(),
    }
}

/// Degrees north, -90 to 90.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Latitude(f64);

impl Latitude {
    pub fn new(v: f64) -> Result<Self, ValueError> {
        if v.is_finite() && (-90.0..=90.0).contains(&v) {
            Ok(Self(v))
        } else {
            Err(invalid("latitude", format!("{v} is not within -90..=90")))
        }
    }
    pub fn degrees(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Latitude {
    type Error = ValueError;
    fn try_from(v: f64) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}
impl From<Latitude> for f64 {
    fn from(v: Latitude) -> f64 {
        v.0
    }
}

/// Degrees east, -180 to 180.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Longitude(f64);

impl Longitude {
    pub fn new(v: f64) -> Result<Self, ValueError> {
        if v.is_finite() && (-180.0..=180.0).contains(&v) {
            Ok(Self(v))
        } else {
            Err(invalid(
                "longitude",
                format!("{v} is not within -180..=180"),
            ))
        }
    }
    pub fn degrees(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Longitude {
    type Error = ValueError;
    fn try_from(v: f64) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}
impl From<Longitude> for f64 {
    fn from(v: Longitude) -> f64 {
        v.0
    }
}

/// A point in WGS 84.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub lon: Longitude,
    pub lat: Latitude,
}

impl Point {
    pub fn new(lon: f64, lat: f64) -> Result<Self, ValueError> {
        Ok(Self {
            lon: Longitude::new(lon)?,
            lat: Latitude::new(lat)?,
        })
    }
}

/// Stated horizontal accuracy of a GPS fix, in metres (1 to 100 km).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct AccuracyMetres(u32);

impl AccuracyMetres {
    pub fn new(v: u32) -> Result<Self, ValueError> {
        if (1..=100_000).contains(&v) {
            Ok(Self(v))
        } else {
            Err(invalid(
                "accuracy",
                format!("{v} m is not within 1..=100000"),
            ))
        }
    }
    pub fn metres(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for AccuracyMetres {
    type Error = ValueError;
    fn try_from(v: u32) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}
impl From<AccuracyMetres> for u32 {
    fn from(v: AccuracyMetres) -> u32 {
        v.0
    }
}

/// A GPS fix as the handheld reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeoFix {
    pub point: Point,
    pub accuracy: AccuracyMetres,
}

/// A closed ring: at least four points, the last equal to the first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Point>", into = "Vec<Point>")]
pub struct Ring(Vec<Point>);

impl Ring {
    pub fn new(points: Vec<Point>) -> Result<Self, ValueError> {
        if points.len() < 4 {
            return Err(invalid(
                "ring",
                format!("{} points; a closed ring needs at least 4", points.len()),
            ));
        }
        if points.len() > 100_000 {
            return Err(invalid("ring", "more than 100000 points"));
        }
        if points.first() != points.last() {
            return Err(invalid("ring", "the last point must equal the first"));
        }
        Ok(Self(points))
    }
    pub fn points(&self) -> &[Point] {
        &self.0
    }
}

impl TryFrom<Vec<Point>> for Ring {
    type Error = ValueError;
    fn try_from(v: Vec<Point>) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}
impl From<Ring> for Vec<Point> {
    fn from(v: Ring) -> Self {
        v.0
    }
}

/// A polygon with optional holes, as walked by an agent around a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Polygon {
    pub exterior: Ring,
    pub holes: Vec<Ring>,
}

/// Carats in hundredths: `Carats::from_hundredths(125)` is 1.25 ct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct Carats(u64);

impl Carats {
    pub fn from_hundredths(v: u64) -> Result<Self, ValueError> {
        if v <= MAX_CARAT_HUNDREDTHS {
            Ok(Self(v))
        } else {
            Err(invalid(
                "carats",
                format!("{v} hundredths is above the limit"),
            ))
        }
    }
    /// Parses "1.25", "3" or "0.5" into hundredths, refusing a third decimal place.
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        Self::from_hundredths(parse_hundredths(s).map_err(|d| invalid("carats", d))?)
    }
    pub fn hundredths(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Carats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl TryFrom<u64> for Carats {
    type Error = ValueError;
    fn try_from(v: u64) -> Result<Self, Self::Error> {
        Self::from_hundredths(v)
    }
}
impl From<Carats> for u64 {
    fn from(v: Carats) -> u64 {
        v.0
    }
}

/// US dollars in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct UsdCents(u64);

impl UsdCents {
    pub fn from_cents(v: u64) -> Result<Self, ValueError> {
        if v <= MAX_USD_CENTS {
            Ok(Self(v))
        } else {
            Err(invalid("usd", format!("{v} cents is above the limit")))
        }
    }
    /// Parses "1250.50" or "12" into cents.
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        Self::from_cents(parse_hundredths(s).map_err(|d| invalid("usd", d))?)
    }
    pub fn cents(self) -> u64 {
        self.0
    }
}

impl fmt::Display for UsdCents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl TryFrom<u64> for UsdCents {
    type Error = ValueError;
    fn try_from(v: u64) -> Result<Self, Self::Error> {
        Self::from_cents(v)
    }
}
impl From<UsdCents> for u64 {
    fn from(v: UsdCents) -> u64 {
        v.0
    }
}

/// Decimal text with at most two decimal places, as an integer number of hundredths.
fn parse_hundredths(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !frac.is_none_or(digits) {
        return Err(format!("{s:?} is not a non-negative decimal number"));
    }
    let frac = frac.unwrap_or("");
    if frac.len() > 2 {
        return Err(format!("{s:?} has more than two decimal places"));
    }
    let whole: u64 = whole.parse().map_err(|_| format!("{s:?} is too large"))?;
    let frac: u64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().expect("two digits")
    };
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac))
        .ok_or_else(|| format!("{s:?} is too large"))
}

macro_rules! text_newtype {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Trims the text; refuses it when empty, too long or holding control characters.
            pub fn parse(s: impl Into<String>) -> Result<Self, ValueError> {
                let s: String = s.into();
                let t = s.trim();
                if t.is_empty() {
                    return Err(invalid($what, "must not be empty"));
                }
                if t.chars().count() > $max {
                    return Err(invalid($what, format!("longer than {} characters", $max)));
                }
                if t.chars().any(char::is_control) {
                    return Err(invalid($what, "contains control characters"));
                }
                Ok(Self(t.to_string()))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(v: String) -> Result<Self, Self::Error> {
                // Decoding must not silently change a value: refuse what `parse` would trim.
                let parsed = Self::parse(v.clone())?;
                if parsed.0 != v {
                    return Err(invalid($what, "has leading or trailing spaces"));
                }
                Ok(parsed)
            }
        }
        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_newtype!(
    /// A person's names as written on their identity document.
    PersonName, "name", 200);
text_newtype!(
    /// Short free text: a cooperative's name, an agent's name, a destination.
    Text, "text", 200);
text_newtype!(
    /// A licence number as printed on the licence.
    LicenceNumber, "licence number", 64);
text_newtype!(
    /// A national identity number.
    NationalId, "national id", 64);
text_newtype!(
    /// A Kimberley Process certificate number.
    KpCertificate, "KP certificate", 64);
text_newtype!(
    /// Why a record was voided.
    Reason, "reason", 500);

/// A telephone number: digits, spaces, dashes and a leading plus.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(s: impl Into<String>) -> Result<Self, ValueError> {
        let s: String = s.into();
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let ok_chars = s
            .char_indices()
            .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
        if !ok_chars || !(6..=20).contains(&digits) {
            return Err(invalid(
                "phone",
                format!("{s:?} is not a phone number (6 to 20 digits, spaces, dashes, leading +)"),
            ));
        }
        Ok(Self(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = ValueError;
    fn try_from(v: String) -> Result<Self, Self::Error> {
        Self::parse(v)
    }
}
impl From<Phone> for String {
    fn from(v: Phone) -> String {
        v.0
    }
}

/// A year of birth between 1900 and 2100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct BirthYear(u16);

impl BirthYear {
    pub fn new(v: u16) -> Result<Self, ValueError> {
        if (1900..=2100).contains(&v) {
            Ok(Self(v))
        } else {
            Err(invalid(
                "birth year",
                format!("{v} is not within 1900..=2100"),
            ))
        }
    }
    pub fn year(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for BirthYear {
    type Error = ValueError;
    fn try_from(v: u16) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}
impl From<BirthYear> for u16 {
    fn from(v: BirthYear) -> u16 {
        v.0
    }
}

macro_rules! bounded_count {
    ($(#[$doc:meta])* $name:ident, $what:literal, $min:expr, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "u32", into = "u32")]
        pub struct $name(u32);

        impl $name {
            pub fn new(v: u32) -> Result<Self, ValueError> {
                if ($min..=$max).contains(&v) {
                    Ok(Self(v))
                } else {
                    Err(invalid($what, format!("{v} is not within {}..={}", $min, $max)))
                }
            }
            pub fn get(self) -> u32 {
                self.0
            }
        }
        impl TryFrom<u32> for $name {
            type Error = ValueError;
            fn try_from(v: u32) -> Result<Self, Self::Error> {
                Self::new(v)
            }
        }
        impl From<$name> for u32 {
            fn from(v: $name) -> u32 {
                v.0
            }
        }
    };
}

bounded_count!(
    /// Diggers who worked a site on one day.
    Diggers, "diggers", 1, 10_000);
bounded_count!(
    /// Gravel washed on one site-day, in litres (1 m³ = 1000 L).
    GravelLitres, "gravel", 0, 100_000_000);
bounded_count!(
    /// A number of stones.
    StoneCount, "stone count", 0, 10_000_000);

/// A calendar date (no time of day), JSON `"2026-11-28"`.
pub type Day = time::Date;

/// Parses `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Result<Day, ValueError> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Day::parse(s.trim(), fmt).map_err(|e| invalid("date", format!("{s:?}: {e}")))
}

/// Formats a day as `YYYY-MM-DD`.
pub fn format_day(d: Day) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    d.format(fmt).expect("a date always formats")
}

/// An ISO 3166-1 alpha-3 country code, for export destinations.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(s: impl Into<String>) -> Result<Self, ValueError> {
        let s: String = s.into();
        if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(s))
        } else {
            Err(invalid(
                "country",
                format!("{s:?} is not an ISO 3166-1 alpha-3 code"),
            ))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CountryCode {
    type Error = ValueError;
    fn try_from(v: String) -> Result<Self, Self::Error> {
        Self::parse(v)
    }
}
impl From<CountryCode> for String {
    fn from(v: CountryCode) -> String {
        v.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    Unspecified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mineral {
    Diamond,
    Gold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceKind {
    ArtisanalPermit,
    Claim,
    Cooperative,
    Buyer,
    Exporter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceStatus {
    Active,
    Suspended,
    Revoked,
}

/// Harmonized System codes for rough diamonds that Kimberley Process statistics use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HsCode {
    /// Unsorted.
    #[serde(rename = "7102.10")]
    Unsorted,
    /// Industrial, unworked or simply sawn, cleaved or bruted.
    #[serde(rename = "7102.21")]
    Industrial,
    /// Non-industrial (gem), unworked or simply sawn, cleaved or bruted.
    #[serde(rename = "7102.31")]
    Gem,
}

impl HsCode {
    /// The code as customs and KP statistics write it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Unsorted => "7102.10",
            Self::Industrial => "7102.21",
            Self::Gem => "7102.31",
        }
    }
}

/// Fixed size classes of rough stones, in carats; the footprint is counted in these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// below 0.10 ct
    Below0_10,
    /// 0.10 to below 0.25 ct
    From0_10To0_25,
    /// 0.25 to below 0.50 ct
    From0_25To0_50,
    /// 0.50 to below 1 ct
    From0_50To1,
    /// 1 to below 2 ct
    From1To2,
    /// 2 to below 4 ct
    From2To4,
    /// 4 to below 10 ct
    From4To10,
    /// 10 ct and above
    From10,
}

impl SizeClass {
    /// Every class, smallest first.
    pub const ALL: [SizeClass; 8] = [
        Self::Below0_10,
        Self::From0_10To0_25,
        Self::From0_25To0_50,
        Self::From0_50To1,
        Self::From1To2,
        Self::From2To4,
        Self::From4To10,
        Self::From10,
    ];

    /// The class as reports, forms and the device command line name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Below0_10 => "below_0.10",
            Self::From0_10To0_25 => "0.10-0.25",
            Self::From0_25To0_50 => "0.25-0.50",
            Self::From0_50To1 => "0.50-1",
            Self::From1To2 => "1-2",
            Self::From2To4 => "2-4",
            Self::From4To10 => "4-10",
            Self::From10 => "10_and_above",
        }
    }

    /// The class a [`SizeClass::label`] names.
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.label() == label.trim())
    }

    /// The class a stone of this weight falls in.
    pub fn of(weight: Carats) -> Self {
        match weight.hundredths() {
            0..=9 => Self::Below0_10,
            10..=24 => Self::From0_10To0_25,
            25..=49 => Self::From0_25To0_50,
            50..=99 => Self::From0_50To1,
            100..=199 => Self::From1To2,
            200..=399 => Self::From2To4,
            400..=999 => Self::From4To10,
            _ => Self::From10,
        }
    }
}

/// The stones of one site-day or parcel: weighed one by one, or only counted and weighed together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Stones {
    Weighed(Vec<Carats>),
    Counted { count: StoneCount, total: Carats },
}

impl Stones {
    pub fn count(&self) -> u64 {
        match self {
            Self::Weighed(w) => w.len() as u64,
            Self::Counted { count, .. } => u64::from(count.get()),
        }
    }
    pub fn total(&self) -> u64 {
        match self {
            Self::Weighed(w) => w.iter().map(|c| c.hundredths()).sum(),
            Self::Counted { total, .. } => total.hundredths(),
        }
    }
}

/// Stones of an export parcel counted per size class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeClassCount {
    pub class: SizeClass,
    pub count: StoneCount,
}

/// What an export parcel holds: the stones' weights, or counts per size class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Parcel {
    Stones(Vec<Carats>),
    SizeClasses(Vec<SizeClassCount>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_must_be_in_range() {
        assert!(Latitude::new(90.0).is_ok());
        assert!(Latitude::new(90.01).is_err());
        assert!(Latitude::new(f64::NAN).is_err());
        assert!(Longitude::new(-180.0).is_ok());
        assert!(Longitude::new(-180.5).is_err());
    }

    #[test]
    fn decimal_amounts_parse_to_hundredths() {
        let check = |s: &str, want: Option<u64>| {
            assert_eq!(Carats::parse(s).ok().map(Carats::hundredths), want, "{s}");
        };
        check("1.25", Some(125));
        check("3", Some(300));
        check("0.5", Some(50));
        check(" 12.07 ", Some(1207));
        check("1.255", None);
        check("-1", None);
        check("", None);
        check("1.", None);
        check("abc", None);
        check("99999999999999999999", None);
        assert_eq!(UsdCents::parse("1250.5").unwrap().cents(), 125_050);
        assert_eq!(Carats::from_hundredths(7).unwrap().to_string(), "0.07");
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            PersonName::parse("  Kofi Mensah ").unwrap().as_str(),
            "Kofi Mensah"
        );
        assert!(PersonName::parse("   ").is_err());
        assert!(LicenceNumber::parse("x".repeat(65)).is_err());
        assert!(Text::parse("a\u{0}b").is_err());
        // Decoding refuses what parsing would have changed.
        assert!(PersonName::try_from(" Kofi".to_string()).is_err());
    }

    #[test]
    fn rings_must_close() {
        let p = |x: f64, y: f64| Point::new(x, y).unwrap();
        let open = vec![p(0.0, 0.0), p(1.0, 0.0), p(1.0, 1.0), p(0.0, 1.0)];
        assert!(Ring::new(open.clone()).is_err());
        let mut closed = open;
        closed.push(p(0.0, 0.0));
        assert!(Ring::new(closed).is_ok());
        assert!(Ring::new(vec![p(0.0, 0.0), p(1.0, 1.0), p(0.0, 0.0)]).is_err());
    }

    #[test]
    fn size_classes_have_inclusive_lower_bounds() {
        let c = |h| SizeClass::of(Carats::from_hundredths(h).unwrap());
        assert_eq!(c(9), SizeClass::Below0_10);
        assert_eq!(c(10), SizeClass::From0_10To0_25);
        assert_eq!(c(99), SizeClass::From0_50To1);
        assert_eq!(c(100), SizeClass::From1To2);
        assert_eq!(c(1000), SizeClass::From10);
    }

    #[test]
    fn other_values() {
        assert!(Phone::parse("+233 24 123 4567").is_ok());
        assert!(Phone::parse("call me").is_err());
        assert!(BirthYear::new(1899).is_err());
        assert!(Diggers::new(0).is_err());
        assert!(CountryCode::parse("BEL").is_ok());
        assert!(CountryCode::parse("be").is_err());
        assert_eq!(format_day(parse_day("2026-02-03").unwrap()), "2026-02-03");
        assert!(parse_day("2026-02-30").is_err());
        assert!(AccuracyMetres::new(0).is_err());
    }
}
