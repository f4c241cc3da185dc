//! A flag's finding in the page's language, written from the flag's kind and the evidence
//! its rule keeps, instead of the English sentence (`summary`) the rule stored beside it.
//!
//! The stored sentence stays what the API serves and what an English page shows (with the
//! records' names in place of their ids, [`crate::core::Core::flag`]). A French or
//! Portuguese page shows [`finding`]: one `find-` message per sentence, its placeables
//! filled from the evidence, with the same names for ids as the English page (a licence's
//! number, a miner's names as the officer's role reads them, a production's or a sale's
//! short id, an export's certificate; an id the page cannot name stays whole) and, where
//! the page knows them, a region's name for a country's id. Figures take the page's decimal
//! mark; wire names (`expired`, `ahead`, `claim`, `gold`) and durations read as words.
//!
//! Each sentence needs its fields: an older flag whose evidence lacks one (or holds a value
//! this build does not know) shows the stored sentence ([`shown`]). Two parts of a finding
//! are text the rules copied from elsewhere: a licence area's problem, as the geo layer
//! words it (read back here into the page's language, or the stored sentence when it reads
//! otherwise), and a quarantined entry's error, a program's message quoted as it is.
//!
//! English here reproduces the rules' sentences (a count of a thousand or more grouped as
//! pages group figures), so that the catalogue's reference reads as the API does; pure
//! apart from the request's language ([`crate::i18n::current`]).

use std::collections::BTreeMap;

use serde_json::Value;
use sync_protocol::records::Collection;
use uuid::Uuid;

use crate::core::FlagView;
use crate::flags::FlagKind;
use crate::i18n::{self, ta, Arg, Lang};
use crate::web::format::{marked, value_words, wire_name};

/// What a page knows to name the ids of a finding.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    /// Records' names (a licence's number, a miner's names, a production's short id), as
    /// the officer's role reads them ([`FlagView::record_names`]).
    pub records: &'a BTreeMap<Uuid, String>,
    /// Records' collections ([`FlagView::record_collections`]).
    pub collections: &'a BTreeMap<Uuid, Collection>,
    /// Regions' names, those the officer reads.
    pub regions: &'a BTreeMap<Uuid, &'a str>,
}

/// The finding a page shows for a flag: the stored sentence on an English page, else the
/// sentence in the page's language, or the stored one where the evidence cannot make it.
pub fn shown(flag: &FlagView, regions: &BTreeMap<Uuid, &str>) -> String {
    if i18n::current() == Lang::En {
        return flag.summary.clone();
    }
    let known = Known {
        records: &flag.record_names,
        collections: &flag.record_collections,
        regions,
    };
    finding(flag.kind, &flag.records, &flag.evidence, &known)
        .unwrap_or_else(|| flag.summary.clone())
}

/// A flag's finding in the page's language, from its kind, its records (the flagged one
/// first) and its evidence; `None` when the evidence lacks what the sentence needs.
pub fn finding(
    kind: FlagKind,
    records: &[Uuid],
    evidence: &Value,
    known: &Known,
) -> Option<String> {
    let e = Evidence { v: evidence, known };
    let first = || records.first().map(|id| name(*id, known));
    match kind {
        FlagKind::LicenceNotValid => licence_not_valid(&e, first()?),
        FlagKind::OutsideLicenceArea => Some(ta(
            "find-outside-licence-area",
            &[
                ("production", Arg::from(first()?)),
                ("licence", Arg::from(e.name("licence")?)),
                (
                    "distance",
                    Arg::from(marked(format!("{:.0}", e.f64("distance_m")?))),
                ),
                ("accuracy", Arg::from(e.u64("accuracy_m")?)),
            ],
        )),
        FlagKind::OutsideCountry => {
            let mut args = vec![
                ("production", Arg::from(first()?)),
                ("licence", Arg::from(e.name("licence")?)),
                ("licence_country", Arg::from(e.name("licence_country")?)),
            ];
            match e.v.get("fix_country")? {
                Value::Null => Some(ta("find-outside-any-country", &args)),
                _ => {
                    args.push(("fix_country", Arg::from(e.name("fix_country")?)));
                    Some(ta("find-outside-country", &args))
                }
            }
        }
        FlagKind::UnregisteredMiner => {
            let record = *records.first()?;
            let id = match known.collections.get(&record)? {
                Collection::Production => "find-production-unregistered-miner",
                Collection::Sale => "find-sale-unregistered-miner",
                _ => return None,
            };
            Some(ta(
                id,
                &[
                    ("record", Arg::from(name(record, known))),
                    ("miner", Arg::from(e.name("miner")?)),
                ],
            ))
        }
        FlagKind::UnlicensedBuyer => unlicensed_buyer(&e, first()?),
        FlagKind::ImplausibleProductivity => productivity(&e, first()?),
        FlagKind::ImpossibleStoneWeight => stone_weights(&e, first()?),
        FlagKind::DuplicateNationalId | FlagKind::DuplicateNameAndBirthYear => {
            let miners = e.v.get("miners")?.as_array()?;
            let [a, b] = miners.as_slice() else {
                return None;
            };
            let miner = |v: &Value| v.as_str()?.parse::<Uuid>().ok().map(|id| name(id, known));
            let id = if kind == FlagKind::DuplicateNationalId {
                "find-duplicate-national-id"
            } else {
                "find-duplicate-name-and-birth-year"
            };
            Some(ta(
                id,
                &[
                    ("first", Arg::from(miner(a)?)),
                    ("second", Arg::from(miner(b)?)),
                ],
            ))
        }
        FlagKind::DeviceClockSkew => {
            let direction = e.str("direction")?;
            if !matches!(direction, "ahead" | "behind") {
                return None;
            }
            let skew = e.v.get("skew_ms")?.as_i64()?;
            Some(ta(
                "find-device-clock-skew",
                &[
                    ("device", Arg::from(first()?)),
                    ("seq", Arg::from(e.u64("seq")?.to_string())),
                    ("direction", Arg::from(direction)),
                    ("duration", Arg::from(duration(skew.unsigned_abs()))),
                ],
            ))
        }
        FlagKind::BatchFork => Some(ta(
            "find-batch-fork",
            &[
                ("device", Arg::from(first()?)),
                ("seq", Arg::from(e.u64("seq")?.to_string())),
            ],
        )),
        FlagKind::InvalidLicenceArea => licence_area(&e, *records.first()?),
        FlagKind::ExportsExceedPurchases => trader(&e, "exporter", first()?),
        FlagKind::SalesExceedPurchases => trader(&e, "dealer", first()?),
        FlagKind::QuarantinedEntry => quarantined(&e),
    }
}

/// An id as the finding names it: a record's name, a region's name, else the whole id
/// (as the stored sentence writes an id the page cannot name).
fn name(id: Uuid, known: &Known) -> String {
    known
        .records
        .get(&id)
        .cloned()
        .or_else(|| known.regions.get(&id).map(|r| r.to_string()))
        .unwrap_or_else(|| id.to_string())
}

/// An evidence object, read field by field.
struct Evidence<'a> {
    v: &'a Value,
    known: &'a Known<'a>,
}

impl Evidence<'_> {
    fn str(&self, key: &str) -> Option<&str> {
        self.v.get(key)?.as_str()
    }

    fn u64(&self, key: &str) -> Option<u64> {
        self.v.get(key)?.as_u64()
    }

    fn f64(&self, key: &str) -> Option<f64> {
        self.v.get(key)?.as_f64().filter(|x| x.is_finite())
    }

    /// The id held at `key`, named.
    fn name(&self, key: &str) -> Option<String> {
        let id = self.str(key)?.parse::<Uuid>().ok()?;
        Some(name(id, self.known))
    }

    /// A figure the rule wrote as text (`"1000.00"`), with the page's decimal mark.
    fn figure(&self, key: &str) -> Option<String> {
        figure(self.str(key)?)
    }

    /// A figure the rule wrote as carats (`"12.34"`), in hundredths.
    fn hundredths(&self, key: &str) -> Option<u64> {
        hundredths_of(self.str(key)?)
    }
}

/// Plain decimal text (`1000.00`, `-0.795500`, `42`) with the page's decimal mark; `None`
/// for anything else.
fn figure(s: &str) -> Option<String> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let ok = !int.is_empty()
        && !frac.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit());
    ok.then(|| marked(s.to_string()))
}

/// `"12.34"` → 1234; `None` unless two decimals.
fn hundredths_of(s: &str) -> Option<u64> {
    let (int, frac) = s.split_once('.')?;
    if frac.len() != 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    int.parse::<u64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(frac.parse().ok()?)
}

/// The validity phrases a sentence selects by wire name.
const VALIDITIES: [&str; 4] = ["not_yet_issued", "expired", "suspended", "revoked"];

fn licence_not_valid(e: &Evidence, production: String) -> Option<String> {
    let validity = e.str("validity")?;
    let mut args = vec![
        ("production", Arg::from(production)),
        ("date", Arg::from(e.str("date")?)),
        ("licence", Arg::from(e.name("licence")?)),
    ];
    if validity == "unknown_licence" {
        return Some(ta("find-licence-unknown", &args));
    }
    if !VALIDITIES.contains(&validity) {
        return None;
    }
    args.push(("validity", Arg::from(validity)));
    Some(ta("find-licence-not-valid", &args))
}

/// A mineral's wire name and words, for a sentence to select its article by.
fn mineral_args<'a>(prefix: &'a str, words: &'a str, wire: &str) -> [(&'a str, Arg); 2] {
    [
        (prefix, Arg::from(wire)),
        (words, Arg::from(value_words(wire))),
    ]
}

fn unlicensed_buyer(e: &Evidence, sale: String) -> Option<String> {
    let mut args = vec![
        ("sale", Arg::from(sale)),
        ("date", Arg::from(e.str("date")?)),
        ("buyer", Arg::from(e.name("buyer_licence")?)),
    ];
    let id = match e.str("reason")? {
        "unknown_licence" => "find-buyer-unknown",
        "not_a_buyer_licence" => {
            let kind = e.str("kind")?;
            args.push(("kind", Arg::from(kind)));
            args.push(("kind_words", Arg::from(value_words(kind))));
            "find-buyer-not-a-buyer"
        }
        "other_mineral" => {
            // The sale's mineral is the licence's other one (the evidence names the
            // licence's); told only while there is a single other.
            let licence = e.str("mineral")?;
            let others: Vec<String> = crate::flags::productivity::MINERALS
                .iter()
                .map(wire_name)
                .filter(|m| m != licence)
                .collect();
            let [sale] = others.as_slice() else {
                return None;
            };
            args.extend(mineral_args(
                "licence_mineral",
                "licence_mineral_words",
                licence,
            ));
            args.extend(mineral_args("sale_mineral", "sale_mineral_words", sale));
            "find-buyer-other-mineral"
        }
        v if VALIDITIES.contains(&v) => {
            args.push(("validity", Arg::from(v)));
            "find-buyer-not-valid"
        }
        _ => return None,
    };
    Some(ta(id, &args))
}

fn productivity(e: &Evidence, licence: String) -> Option<String> {
    let mineral = e.str("mineral")?;
    let mut args = vec![
        ("licence", Arg::from(licence)),
        (
            "per_digger_day",
            Arg::from(marked(format!("{:.2}", e.f64("ct_per_digger_day")?))),
        ),
        ("month", Arg::from(e.str("month")?)),
        ("carats", Arg::from(e.figure("carats")?)),
        ("digger_days", Arg::from(e.u64("digger_days")?)),
        ("site_days", Arg::from(e.u64("site_days")?)),
    ];
    args.extend(mineral_args("mineral", "mineral_words", mineral));
    let median = e.f64("median_ct_per_digger_day")?;
    match e.v.get("ratio")? {
        Value::Null => Some(ta("find-productivity-zero-median", &args)),
        r => {
            let ratio = r.as_f64()?;
            args.push(("ratio", Arg::from(marked(format!("{ratio}")))));
            args.push(("median", Arg::from(marked(two_figures(median)))));
            Some(ta("find-productivity", &args))
        }
    }
}

/// A small positive figure with two significant digits, as the productivity rule writes
/// the area's median (0.0048 → "0.0048", 0.5 → "0.50").
fn two_figures(x: f64) -> String {
    let decimals = if x > 0.0 && x < 0.1 {
        (1 - x.log10().floor() as i32).max(2) as usize
    } else {
        2
    };
    format!("{x:.decimals$}")
}

fn stone_weights(e: &Evidence, production: String) -> Option<String> {
    let mineral = e.str("mineral")?;
    let mut args = vec![
        ("production", Arg::from(production)),
        ("min", Arg::from(e.figure("min_ct")?)),
        ("max", Arg::from(e.figure("max_ct")?)),
    ];
    args.extend(mineral_args("mineral", "mineral_words", mineral));
    if let Some(listed) = e.v.get("out_of_range") {
        let first = listed.as_array()?.first()?.as_str()?;
        args.push(("first", Arg::from(figure(first)?)));
        args.push(("count", Arg::from(e.u64("out_of_range_count")?)));
        args.push(("stones", Arg::from(e.u64("stones")?)));
        return Some(ta("find-stone-weights-weighed", &args));
    }
    let n = e.u64("count")?;
    let total = e.hundredths("total_ct")?;
    let (lo, hi) = (e.hundredths("min_ct")?, e.hundredths("max_ct")?);
    args.push(("total", Arg::from(e.figure("total_ct")?)));
    args.push(("count", Arg::from(n)));
    let id = if n == 0 {
        "find-stone-weights-no-stones"
    } else if total < n.saturating_mul(lo) {
        "find-stone-weights-too-light"
    } else if total > n.saturating_mul(hi) {
        "find-stone-weights-too-heavy"
    } else {
        return None;
    };
    Some(ta(id, &args))
}

/// A clock's skew in words, as the clock rule measures it: years (one decimal) from a
/// year, days from two days, else hours.
fn duration(ms: u64) -> String {
    const HOUR: u64 = 3_600_000;
    const DAY: u64 = 24 * HOUR;
    if ms >= 365 * DAY {
        let years = format!("{:.1}", ms as f64 / (365.25 * DAY as f64));
        // Whole years, for a language that says "1,5 an" but "2,5 ans".
        let whole = years.split('.').next().and_then(|y| y.parse::<u64>().ok());
        ta(
            "find-duration-years",
            &[
                ("years", Arg::from(marked(years))),
                ("count", Arg::from(whole.unwrap_or(0))),
            ],
        )
    } else if ms >= 2 * DAY {
        ta("find-duration-days", &[("count", Arg::from(ms / DAY))])
    } else {
        ta("find-duration-hours", &[("count", Arg::from(ms / HOUR))])
    }
}

fn licence_area(e: &Evidence, licence: Uuid) -> Option<String> {
    // The stored sentence names the licence by its number and its id, and the page by its
    // number alone where it knows it.
    let number = e.str("number")?;
    let shown = match e.known.records.get(&licence) {
        Some(name) => name.clone(),
        None => format!("{number} ({licence})"),
    };
    let args = |problem: Option<String>| {
        let mut a = vec![("licence", Arg::from(shown.clone()))];
        a.extend(problem.map(|p| ("problem", Arg::from(p))));
        a
    };
    match e.str("problem")? {
        "missing" => Some(ta("find-area-missing", &args(None))),
        problem => Some(ta(
            "find-area-unusable",
            &args(Some(area_problem(problem)?)),
        )),
    }
}

/// The parts of `s` between the literal `pieces` of a template, in order: `"hole 2 is not
/// closed: …"` against `["", " is not closed: …"]` gives `["hole 2"]`. Each part is
/// non-empty; a middle piece is found at its first occurrence, the last one must end `s`.
fn parts<'a>(s: &'a str, pieces: &[&str]) -> Option<Vec<&'a str>> {
    let (head, rest_pieces) = pieces.split_first()?;
    let mut rest = s.strip_prefix(head)?;
    let mut out = Vec::new();
    for (i, piece) in rest_pieces.iter().enumerate() {
        let part = if i + 1 == rest_pieces.len() {
            let part = rest.strip_suffix(piece)?;
            rest = "";
            part
        } else {
            let at = rest.find(piece)?;
            let part = &rest[..at];
            rest = &rest[at + piece.len()..];
            part
        };
        if part.is_empty() {
            return None;
        }
        out.push(part);
    }
    rest.is_empty().then_some(out)
}

/// A ring of a licence area as the geo layer names it (`the exterior`, `hole 2`), as
/// arguments: `ring` (`exterior` or `hole`) and `hole` (its number).
fn ring_args<'a>(ring: &str, kind: &'a str, number: &'a str) -> Option<[(&'a str, Arg); 2]> {
    if ring == "the exterior" {
        return Some([(kind, Arg::from("exterior")), (number, Arg::from(""))]);
    }
    let n: u64 = ring.strip_prefix("hole ")?.parse().ok()?;
    Some([(kind, Arg::from("hole")), (number, Arg::from(n))])
}

/// A count the geo layer wrote.
fn count(s: &str) -> Option<Arg> {
    s.parse::<u64>().ok().map(Arg::from)
}

/// A licence area's problem, as the geo layer words it ([`crate::geo::shape::InvalidArea`]),
/// in the page's language; `None` for words it does not write.
fn area_problem(p: &str) -> Option<String> {
    type Read = fn(&[&str]) -> Option<Vec<(&'static str, Arg)>>;
    let templates: [(&[&str], &str, Read); 10] = [
        (
            &[
                "",
                " has ",
                " points; a closed ring needs at least 4, the last equal to the first",
            ],
            "find-area-too-few-points",
            |p| {
                let mut a = ring_args(p[0], "ring", "hole")?.to_vec();
                a.push(("points", count(p[1])?));
                Some(a)
            },
        ),
        (
            &["", " is not closed: its last point must equal its first"],
            "find-area-not-closed",
            |p| Some(ring_args(p[0], "ring", "hole")?.to_vec()),
        ),
        (
            &[
                "the area has ",
                " points, more than the ",
                " a licence area may have",
            ],
            "find-area-too-many-points",
            |p| Some(vec![("points", count(p[0])?), ("max", count(p[1])?)]),
        ),
        (
            &[
                "the area has ",
                " holes, more than the ",
                " a licence area may have",
            ],
            "find-area-too-many-holes",
            |p| Some(vec![("holes", count(p[0])?), ("max", count(p[1])?)]),
        ),
        (
            &["", " has ", " distinct corners; an area needs at least 3"],
            "find-area-too-few-corners",
            |p| {
                let mut a = ring_args(p[0], "ring", "hole")?.to_vec();
                a.push(("corners", count(p[1])?));
                Some(a)
            },
        ),
        (
            &[
                "",
                " crosses or touches itself near longitude ",
                ", latitude ",
                "",
            ],
            "find-area-self-intersection",
            |p| {
                let mut a = ring_args(p[0], "ring", "hole")?.to_vec();
                a.push(("lon", Arg::from(figure(p[1])?)));
                a.push(("lat", Arg::from(figure(p[2])?)));
                Some(a)
            },
        ),
        (
            &["", " is not inside the exterior"],
            "find-area-hole-outside",
            |p| Some(ring_args(p[0], "ring", "hole")?.to_vec()),
        ),
        (
            &["", " and ", " overlap or share an edge"],
            "find-area-rings-overlap",
            |p| {
                // The second ring is always a hole.
                let other: u64 = p[1].strip_prefix("hole ")?.parse().ok()?;
                let mut a = ring_args(p[0], "ring", "hole")?.to_vec();
                a.push(("other_hole", Arg::from(other)));
                Some(a)
            },
        ),
        (
            &[
                "the area is ",
                " m², less than the ",
                " m² a licence area must have",
            ],
            "find-area-too-small",
            |p| Some(vec![("area", count(p[0])?), ("min", count(p[1])?)]),
        ),
        (
            &[
                "the area is ",
                " km², more than the ",
                " km² a licence area may have",
            ],
            "find-area-too-large",
            |p| {
                Some(vec![
                    ("area", Arg::from(figure(p[0])?)),
                    ("max", count(p[1])?),
                ])
            },
        ),
    ];
    templates.iter().find_map(|(pieces, id, read)| {
        let args = read(&parts(p, pieces)?)?;
        Some(ta(id, &args))
    })
}

/// The flag of an exporter or a dealer (`role`) that moved more than it had: its worst
/// quarter (the largest excess; the last of equals), as the rule chose it.
fn trader(e: &Evidence, role: &str, licence: String) -> Option<String> {
    struct Quarter<'a> {
        quarter: &'a str,
        exported: u64,
        sold: u64,
        available: u64,
    }
    let quarters =
        e.v.get("quarters")?
            .as_array()?
            .iter()
            .map(|q| {
                let n = |k: &str| q.get(k)?.as_u64();
                Some(Quarter {
                    quarter: q.get("quarter")?.as_str()?,
                    exported: n("exported_carats_hundredths")?,
                    sold: n("sold_carats_hundredths")?,
                    available: n("available_hundredths")?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
    let worst = quarters
        .iter()
        .max_by_key(|q| (q.exported + q.sold).saturating_sub(q.available))?;
    let ct = |h: u64| {
        marked(crate::reports::hundredths(
            i64::try_from(h).unwrap_or(i64::MAX),
        ))
    };
    let args = vec![
        ("role", Arg::from(role)),
        ("licence", Arg::from(licence)),
        ("quarter", Arg::from(worst.quarter)),
        ("available", Arg::from(ct(worst.available))),
        ("count", Arg::from(quarters.len())),
        ("exported", Arg::from(ct(worst.exported))),
        ("sold", Arg::from(ct(worst.sold))),
    ];
    let id = match (worst.exported, worst.sold) {
        (_, 0) => "find-trader-exported",
        (0, _) => "find-trader-sold",
        _ => "find-trader-exported-and-sold",
    };
    Some(ta(id, &args))
}

/// An entry of the batch log set aside: what it was, as the store words it, read back.
fn quarantined(e: &Evidence) -> Option<String> {
    let what = e.str("what")?;
    let mut args = vec![
        ("position", Arg::from(e.str("log_position")?)),
        ("error", Arg::from(e.str("error")?)),
    ];
    let id_arg = |d: &str| {
        d.parse::<Uuid>()
            .ok()
            .map(|id| Arg::from(name(id, e.known)))
    };
    let seq = |s: &str| s.parse::<u64>().ok().map(|n| Arg::from(n.to_string()));
    let id = if what == "A log entry this build cannot read" {
        "find-quarantined-unreadable"
    } else if let Some(p) = parts(what, &["The fork evidence of batch ", " of device ", ""]) {
        args.push(("seq", seq(p[0])?));
        args.push(("device", id_arg(p[1])?));
        "find-quarantined-fork"
    } else if let Some(p) = parts(what, &["Batch ", " of device ", ""]) {
        args.push(("seq", seq(p[0])?));
        args.push(("device", id_arg(p[1])?));
        "find-quarantined-batch"
    } else if let Some(p) = parts(what, &["Administrative act ", ""]) {
        args.push(("entry", id_arg(p[0])?));
        "find-quarantined-act"
    } else if let Some(p) = parts(what, &["Log entry ", ""]) {
        args.push(("entry", id_arg(p[0])?));
        "find-quarantined-entry"
    } else {
        return None;
    };
    Some(ta(id, &args))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::productivity::{productivity_flag, AreaNorm, MonthSum};
    use crate::flags::rules::{
        LicenceAtDate, ProductionContext, SaleContext, Thresholds, Validity,
    };
    use crate::flags::{self as rules, Finding};
    use crate::reports::exports::{ExportFact, PurchaseFact, SoldFact};
    use crate::reports::footprint::Footprint;
    use crate::store::{FlagState, StoredFlag};
    use std::collections::BTreeSet;
    use sync_protocol::clock::Hlc;
    use sync_protocol::records::{Holder, Licence, Miner, Production, Sale, Seller};
    use sync_protocol::values::{
        parse_day, AccuracyMetres, BirthYear, Carats, Diggers, GeoFix, GravelLitres, LicenceKind,
        LicenceNumber, LicenceStatus, Mineral, NationalId, PersonName, Point, Polygon, Ring, Sex,
        StoneCount, Stones, Text, UsdCents,
    };

    // Ids whose first characters differ, as the page shortens them.
    const PRODUCTION: u128 = 0x0192f3a1_5b7c_7d00_8e00_000000000001;
    const LICENCE: u128 = 0x0192f3b2_5b7c_7d00_8e00_000000000002;
    const UNKNOWN: u128 = 0x0192f3c3_5b7c_7d00_8e00_000000000003;
    const KOFI: u128 = 0x0192f3d4_5b7c_7d00_8e00_000000000004;
    const KOFI_AGAIN: u128 = 0x0192f3e5_5b7c_7d00_8e00_000000000005;
    const SALE: u128 = 0x0192f3f6_5b7c_7d00_8e00_000000000006;
    const BUYER: u128 = 0x0192f407_5b7c_7d00_8e00_000000000007;
    const DEVICE: u128 = 0x0192f418_5b7c_7d00_8e00_000000000008;
    const EXPORTER: u128 = 0x0192f429_5b7c_7d00_8e00_000000000009;
    const GHANA: u128 = 0x0192f43a_5b7c_7d00_8e00_00000000000a;
    const COTE_DIVOIRE: u128 = 0x0192f44b_5b7c_7d00_8e00_00000000000b;
    const ENTRY: u128 = 0x0192f45c_5b7c_7d00_8e00_00000000000c;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// What the page knows, as [`crate::core::Core::flag`] and the regions name them: the
    /// licences by number, the registered miners by name, productions and sales by the
    /// start of their id; the unknown licence and the device by nothing.
    struct Page {
        records: BTreeMap<Uuid, String>,
        collections: BTreeMap<Uuid, Collection>,
        regions: BTreeMap<Uuid, &'static str>,
    }

    fn page() -> Page {
        let short = |n: u128| format!("#{}", &id(n).simple().to_string()[..8]);
        let mut p = Page {
            records: BTreeMap::new(),
            collections: BTreeMap::new(),
            regions: BTreeMap::new(),
        };
        for (n, name, c) in [
            (PRODUCTION, short(PRODUCTION), Collection::Production),
            (SALE, short(SALE), Collection::Sale),
            (LICENCE, "GH-CL-0042".to_string(), Collection::Licence),
            (BUYER, "GH-B-0001".to_string(), Collection::Licence),
            (EXPORTER, "GH-EX-0100".to_string(), Collection::Licence),
            (KOFI, "Kofi Mensah".to_string(), Collection::Miner),
            (KOFI_AGAIN, "Kôfí MENSAH".to_string(), Collection::Miner),
        ] {
            p.records.insert(id(n), name);
            p.collections.insert(id(n), c);
        }
        p.regions.insert(id(GHANA), "Ghana");
        p.regions.insert(id(COTE_DIVOIRE), "Côte d'Ivoire");
        p
    }

    /// The flag as the page reads it: through storage (its evidence as text), its first
    /// records named and those names in the summary, as [`crate::core::Core::flag`] does.
    fn view(f: &Finding, page: &Page) -> FlagView {
        let stored = StoredFlag {
            key: f.key,
            severity: f.severity,
            region: None,
            records: f.records.clone(),
            evidence: f.evidence.to_string(),
            summary: f.summary.clone(),
            state: FlagState::Open,
            raised_at: Hlc::new(1, 0),
            updated_at: Hlc::new(1, 0),
            history: Vec::new(),
        };
        let mut v = FlagView::from(&stored);
        for r in v.records.clone().iter().take(10) {
            if let Some(c) = page.collections.get(r) {
                v.record_collections.insert(*r, *c);
            }
            if let Some(name) = page.records.get(r) {
                v.summary = v
                    .summary
                    .replace(&r.to_string(), name)
                    .replace(&format!("{name} ({name})"), name);
                v.record_names.insert(*r, name.clone());
            }
        }
        v
    }

    /// The finding of `f` on a page in each language: English as the page shows it today
    /// (the stored sentence, named), and written from the evidence in English too (the
    /// catalogue's reference, without the regions an English sentence never names);
    /// French and Portuguese as expected. Returns the kind, for the coverage.
    #[track_caller]
    fn check(f: &Finding, fr: &str, pt: &str) -> FlagKind {
        let page = page();
        let v = view(f, &page);
        let no_regions = BTreeMap::new();
        assert_eq!(
            shown(&v, &page.regions),
            v.summary,
            "English pages keep the stored sentence"
        );
        let english = Known {
            records: &v.record_names,
            collections: &v.record_collections,
            regions: &no_regions,
        };
        let written = finding(v.kind, &v.records, &v.evidence, &english);
        assert_eq!(
            written.as_deref(),
            Some(v.summary.as_str()),
            "English from the evidence"
        );
        let in_lang = |lang| i18n::with(lang, || shown(&v, &page.regions));
        assert_eq!(in_lang(Lang::Fr), fr);
        assert_eq!(in_lang(Lang::Pt), pt);
        f.kind
    }

    fn day(s: &str) -> sync_protocol::values::Day {
        parse_day(s).unwrap()
    }

    fn weighed(hs: &[u64]) -> Stones {
        Stones::Weighed(
            hs.iter()
                .map(|h| Carats::from_hundredths(*h).unwrap())
                .collect(),
        )
    }

    fn counted(n: u32, total: u64) -> Stones {
        Stones::Counted {
            count: StoneCount::new(n).unwrap(),
            total: Carats::from_hundredths(total).unwrap(),
        }
    }

    fn production(licence: u128, stones: Stones) -> Production {
        Production {
            licence: id(licence),
            miner: None,
            date: day("2026-03-10"),
            fix: GeoFix {
                point: Point::new(-0.693, 6.001).unwrap(),
                accuracy: AccuracyMetres::new(15).unwrap(),
            },
            diggers: Diggers::new(3).unwrap(),
            gravel: GravelLitres::new(2_000).unwrap(),
            stones,
            mineral: Mineral::Diamond,
        }
    }

    fn licence(kind: LicenceKind, number: &str, expires: &str) -> Licence {
        Licence {
            number: LicenceNumber::parse(number).unwrap(),
            kind,
            holder: Holder::Organisation(Text::parse("Akwatia Diggers").unwrap()),
            mineral: Mineral::Diamond,
            issued: day("2024-01-01"),
            expires: day(expires),
            status: LicenceStatus::Active,
            area: None,
        }
    }

    fn valid() -> LicenceAtDate {
        LicenceAtDate::on(
            &licence(LicenceKind::Claim, "GH-CL-0042", "2027-12-31"),
            &[],
            day("2026-03-10"),
        )
    }

    fn clean() -> ProductionContext {
        ProductionContext {
            licence: Some(valid()),
            miner_registered: None,
            distance_outside_licence_m: None,
            fix_country: Some(id(GHANA)),
            licence_country: Some(id(GHANA)),
            thresholds: Thresholds::default(),
        }
    }

    /// The one finding of `kind` among a rule's.
    fn one(found: Vec<Finding>, kind: FlagKind) -> Finding {
        let mut of: Vec<Finding> = found.into_iter().filter(|f| f.kind == kind).collect();
        assert_eq!(of.len(), 1, "one {kind:?}");
        of.remove(0)
    }

    fn production_finding(p: &Production, ctx: &ProductionContext, kind: FlagKind) -> Finding {
        one(rules::production_flags(id(PRODUCTION), p, ctx), kind)
    }

    fn sale(seller: Seller, buyer: u128) -> Sale {
        Sale {
            seller,
            buyer: id(buyer),
            date: day("2026-04-02"),
            carats: Carats::from_hundredths(100).unwrap(),
            stones: StoneCount::new(3).unwrap(),
            value: UsdCents::from_cents(30_000).unwrap(),
            mineral: Mineral::Diamond,
        }
    }

    fn buyer_at(kind: LicenceKind, mineral: Mineral, validity: Validity) -> LicenceAtDate {
        LicenceAtDate {
            kind,
            mineral,
            issued: day("2026-01-01"),
            expires: day("2026-12-31"),
            validity,
        }
    }

    fn miner(name: &str) -> Miner {
        Miner {
            names: PersonName::parse(name).unwrap(),
            sex: Sex::Male,
            birth_year: BirthYear::new(1984).unwrap(),
            home_region: id(GHANA),
            registered_on: day("2026-01-05"),
            registered_by: Text::parse("agent 7").unwrap(),
            national_id: Some(NationalId::parse("GHA-123456789-0").unwrap()),
            phone: None,
            cooperative: None,
            registered_at: None,
        }
    }

    const Q1_2026: i32 = 2026 * 12;

    fn export(month: i32, hundredths: u64) -> ExportFact {
        ExportFact {
            id: Uuid::from_u128(0x1000 + hundredths as u128),
            exporter: id(EXPORTER),
            country: None,
            hs_code: "7102.31",
            month,
            carats_hundredths: hundredths,
            cents: hundredths * 300,
            parcel: Footprint::default(),
            valuation_cents: None,
            duty_cents: None,
            cited_carats_hundredths: None,
        }
    }

    fn purchase(trader: u128, month: i32, hundredths: u64) -> PurchaseFact {
        PurchaseFact {
            id: Uuid::from_u128(0x2000 + hundredths as u128),
            exporter: id(trader),
            month,
            carats_hundredths: hundredths,
            cents: 0,
            verified: true,
            region: id(GHANA),
        }
    }

    fn sold(trader: u128, month: i32, hundredths: u64) -> SoldFact {
        SoldFact {
            seller: id(trader),
            month,
            carats_hundredths: hundredths,
            cents: 0,
        }
    }

    #[test]
    fn every_kind_reads_in_french_and_portuguese_from_its_evidence() {
        let mut covered = BTreeSet::new();
        let p = production(LICENCE, weighed(&[40]));

        // A production on a licence expired, not yet issued, or unknown.
        let expired = licence(LicenceKind::Claim, "GH-CL-0042", "2025-12-31");
        let ctx = ProductionContext {
            licence: Some(LicenceAtDate::on(&expired, &[], p.date)),
            ..clean()
        };
        covered.insert(check(
            &production_finding(&p, &ctx, FlagKind::LicenceNotValid),
            "La production #0192f3a1 du 2026-03-10 est déclarée sur le permis GH-CL-0042, \
             qui était expiré ce jour-là.",
            "A produção #0192f3a1 de 2026-03-10 foi declarada com a licença GH-CL-0042, \
             que estava caducada nesse dia.",
        ));
        let mut later = expired.clone();
        later.issued = day("2026-06-01");
        later.expires = day("2027-06-01");
        let ctx = ProductionContext {
            licence: Some(LicenceAtDate::on(&later, &[], p.date)),
            ..clean()
        };
        check(
            &production_finding(&p, &ctx, FlagKind::LicenceNotValid),
            "La production #0192f3a1 du 2026-03-10 est déclarée sur le permis GH-CL-0042, \
             qui n'était pas encore délivré ce jour-là.",
            "A produção #0192f3a1 de 2026-03-10 foi declarada com a licença GH-CL-0042, \
             que ainda não tinha sido emitida nesse dia.",
        );
        let on_unknown = production(UNKNOWN, weighed(&[40]));
        let ctx = ProductionContext {
            licence: None,
            ..clean()
        };
        let unknown = id(UNKNOWN);
        check(
            &production_finding(&on_unknown, &ctx, FlagKind::LicenceNotValid),
            &format!(
                "La production #0192f3a1 du 2026-03-10 cite le permis {unknown}, qui ne \
                 figure pas au registre."
            ),
            &format!(
                "A produção #0192f3a1 de 2026-03-10 indica a licença {unknown}, que não \
                 está registada."
            ),
        );

        // A fix outside the licence's area, its country, or any country.
        let ctx = ProductionContext {
            distance_outside_licence_m: Some(443.24),
            ..clean()
        };
        covered.insert(check(
            &production_finding(&p, &ctx, FlagKind::OutsideLicenceArea),
            "Le point GPS de la production #0192f3a1 se trouve à 443 m hors du périmètre du \
             permis GH-CL-0042, au-delà de sa précision déclarée de 15 m.",
            "O ponto GPS da produção #0192f3a1 fica a 443 m fora da área da licença \
             GH-CL-0042, para além da sua precisão declarada de 15 m.",
        ));
        let ctx = ProductionContext {
            fix_country: Some(id(COTE_DIVOIRE)),
            ..clean()
        };
        covered.insert(check(
            &production_finding(&p, &ctx, FlagKind::OutsideCountry),
            "Le point GPS de la production #0192f3a1 se trouve dans le pays Côte d'Ivoire, et \
             non dans le pays Ghana du permis GH-CL-0042.",
            "O ponto GPS da produção #0192f3a1 fica no país Côte d'Ivoire, e não no país \
             Ghana da licença GH-CL-0042.",
        ));
        let ctx = ProductionContext {
            fix_country: None,
            ..clean()
        };
        check(
            &production_finding(&p, &ctx, FlagKind::OutsideCountry),
            "Le point GPS de la production #0192f3a1 se trouve hors du pays Ghana du permis \
             GH-CL-0042, et hors de tout pays enregistré.",
            "O ponto GPS da produção #0192f3a1 fica fora do país Ghana da licença \
             GH-CL-0042, e fora de qualquer país registado.",
        );

        // A production and a sale naming a miner not registered (so not named).
        let stranger = id(UNKNOWN);
        let mut by_stranger = p.clone();
        by_stranger.miner = Some(stranger);
        let ctx = ProductionContext {
            miner_registered: Some(false),
            ..clean()
        };
        covered.insert(check(
            &production_finding(&by_stranger, &ctx, FlagKind::UnregisteredMiner),
            &format!(
                "La production #0192f3a1 cite le mineur {stranger}, qui n'est pas immatriculé."
            ),
            &format!("A produção #0192f3a1 indica o mineiro {stranger}, que não está inscrito."),
        ));
        let s = sale(Seller::Miner(stranger), BUYER);
        let sale_ctx = |buyer: Option<LicenceAtDate>| SaleContext {
            seller_registered: Some(false),
            buyer,
        };
        let valid_buyer = buyer_at(LicenceKind::Buyer, Mineral::Diamond, Validity::Valid);
        check(
            &one(
                rules::sale_flags(id(SALE), &s, &sale_ctx(Some(valid_buyer))),
                FlagKind::UnregisteredMiner,
            ),
            &format!("La vente #0192f3f6 cite le mineur {stranger}, qui n'est pas immatriculé."),
            &format!("A venda #0192f3f6 indica o mineiro {stranger}, que não está inscrito."),
        );

        // A sale to a licence that is not a valid buyer's.
        let buyer_finding = |buyer: u128, at: Option<LicenceAtDate>| {
            let s = sale(Seller::Licence(id(LICENCE)), buyer);
            one(
                rules::sale_flags(id(SALE), &s, &sale_ctx(at)),
                FlagKind::UnlicensedBuyer,
            )
        };
        covered.insert(check(
            &buyer_finding(UNKNOWN, None),
            &format!(
                "La vente #0192f3f6 du 2026-04-02 a pour acheteur le permis {unknown}, qui ne \
                 figure pas au registre."
            ),
            &format!(
                "A venda #0192f3f6 de 2026-04-02 tem como comprador a licença {unknown}, que \
                 não está registada."
            ),
        ));
        check(
            &buyer_finding(
                LICENCE,
                Some(buyer_at(
                    LicenceKind::Claim,
                    Mineral::Diamond,
                    Validity::Valid,
                )),
            ),
            "La vente #0192f3f6 du 2026-04-02 a pour acheteur le permis GH-CL-0042, qui est \
             une concession et non un permis d'acheteur.",
            "A venda #0192f3f6 de 2026-04-02 tem como comprador a licença GH-CL-0042, que é \
             uma concessão e não uma licença de comprador.",
        );
        check(
            &buyer_finding(
                BUYER,
                Some(buyer_at(LicenceKind::Buyer, Mineral::Gold, Validity::Valid)),
            ),
            "La vente #0192f3f6 du 2026-04-02 a pour acheteur le permis GH-B-0001, qui vaut \
             pour l'or et non pour le diamant.",
            "A venda #0192f3f6 de 2026-04-02 tem como comprador a licença GH-B-0001, que é \
             válida para ouro e não para diamantes.",
        );
        check(
            &buyer_finding(
                BUYER,
                Some(buyer_at(
                    LicenceKind::Buyer,
                    Mineral::Diamond,
                    Validity::Suspended,
                )),
            ),
            "La vente #0192f3f6 du 2026-04-02 a pour acheteur le permis GH-B-0001, qui était \
             suspendu ce jour-là.",
            "A venda #0192f3f6 de 2026-04-02 tem como comprador a licença GH-B-0001, que \
             estava suspensa nesse dia.",
        );

        // A licence's month far above its area's median, or above the floor of a zero one.
        let th = Thresholds::default();
        let month = MonthSum {
            site_days: 20,
            digger_days: 60,
            hundredths: 18_000,
            large_left_out: 500,
        };
        let norm = |median, samples| {
            Some(AreaNorm {
                median_ct_per_digger_day: median,
                samples,
            })
        };
        let april = Q1_2026 + 3;
        let flag = |sum: &MonthSum, n| {
            productivity_flag(id(LICENCE), Mineral::Diamond, april, sum, n, &th).unwrap()
        };
        covered.insert(check(
            &flag(&month, norm(0.0112, 40)),
            "Le permis GH-CL-0042 déclare 3,00 ct de diamant par journée-creuseur en 2026-04 \
             (180,00 ct pour 60 journées-creuseur sur 20 journées de chantier), soit 267,9 \
             fois la médiane des mois-permis de la zone (0,011 ct par journée-creuseur).",
            "A licença GH-CL-0042 declara 3,00 ct de diamante por dia-escavador em 2026-04 \
             (180,00 ct em 60 dias-escavador e 20 dias de exploração), ou seja 267,9 vezes a \
             mediana dos meses-licença da zona (0,011 ct por dia-escavador).",
        ));
        let lucky = MonthSum {
            site_days: 1,
            digger_days: 2,
            hundredths: 500,
            large_left_out: 0,
        };
        check(
            &flag(&lucky, norm(0.0, 40)),
            "Le permis GH-CL-0042 déclare 2,50 ct de diamant par journée-creuseur en 2026-04 \
             (5,00 ct pour 2 journées-creuseur sur 1 journée de chantier), alors que la \
             médiane des mois-permis de la zone est nulle.",
            "A licença GH-CL-0042 declara 2,50 ct de diamante por dia-escavador em 2026-04 \
             (5,00 ct em 2 dias-escavador e 1 dia de exploração), quando a mediana dos \
             meses-licença da zona é zero.",
        );

        // Stone weights out of range: weighed one by one, or counted.
        let weights = |stones: Stones, mineral: Mineral| {
            let mut p = production(LICENCE, stones);
            p.mineral = mineral;
            production_finding(&p, &clean(), FlagKind::ImpossibleStoneWeight)
        };
        covered.insert(check(
            &weights(weighed(&[25, 250_000]), Mineral::Diamond),
            "La production #0192f3a1 a des poids de diamant invraisemblables : 1 de ses 2 \
             pierres pesées est hors de l'intervalle de 0,01 à 1000,00 ct (la première : \
             2500,00 ct).",
            "A produção #0192f3a1 tem pesos de diamante inverosímeis: 1 das suas 2 pedras \
             pesadas está fora do intervalo de 0,01 a 1000,00 ct (a primeira: 2500,00 ct).",
        ));
        check(
            &weights(weighed(&[250_000]), Mineral::Diamond),
            "La production #0192f3a1 a des poids de diamant invraisemblables : sa seule \
             pierre pesée est hors de l'intervalle de 0,01 à 1000,00 ct (la première : \
             2500,00 ct).",
            "A produção #0192f3a1 tem pesos de diamante inverosímeis: a sua única pedra \
             pesada está fora do intervalo de 0,01 a 1000,00 ct (a primeira: 2500,00 ct).",
        );
        check(
            &weights(counted(0, 120), Mineral::Diamond),
            "La production #0192f3a1 a des poids de diamant invraisemblables : elle \
             enregistre 1,20 ct mais aucune pierre.",
            "A produção #0192f3a1 tem pesos de diamante inverosímeis: regista 1,20 ct mas \
             nenhuma pedra.",
        );
        check(
            &weights(counted(3, 2), Mineral::Diamond),
            "La production #0192f3a1 a des poids de diamant invraisemblables : ses 3 pierres \
             pèsent 0,02 ct au total, moins de 0,01 ct chacune.",
            "A produção #0192f3a1 tem pesos de diamante inverosímeis: as suas 3 pedras pesam \
             0,02 ct no total, menos de 0,01 ct cada uma.",
        );
        check(
            &weights(counted(1, 600_000), Mineral::Gold),
            "La production #0192f3a1 a des poids d'or invraisemblables : sa pierre pèse \
             6000,00 ct, plus de 5000,00 ct.",
            "A produção #0192f3a1 tem pesos de ouro inverosímeis: a sua pedra pesa 6000,00 \
             ct, mais de 5000,00 ct.",
        );

        // Two registrations of one miner.
        let (a, b) = (miner("Kofi Mensah"), miner("Kôfí MENSAH"));
        let district = Some(id(GHANA));
        let found =
            rules::miner_duplicate_flags(id(KOFI), &a, district, &[(id(KOFI_AGAIN), &b, district)]);
        covered.insert(check(
            &one(found.clone(), FlagKind::DuplicateNationalId),
            "Les mineurs Kofi Mensah et Kôfí MENSAH sont immatriculés avec le même numéro \
             d'identité nationale.",
            "Os mineiros Kofi Mensah e Kôfí MENSAH estão inscritos com o mesmo número de \
             identificação nacional.",
        ));
        covered.insert(check(
            &one(found, FlagKind::DuplicateNameAndBirthYear),
            "Les mineurs Kofi Mensah et Kôfí MENSAH ont le même nom, la même année de \
             naissance et le même district.",
            "Os mineiros Kofi Mensah e Kôfí MENSAH têm o mesmo nome, o mesmo ano de \
             nascimento e o mesmo distrito.",
        ));

        // A device's clock, ahead by days or hours, behind by a year; a device that forked.
        let device = id(DEVICE);
        const HOUR: i64 = 3_600_000;
        let now: i64 = 1_780_000_000_000;
        let skewed = |by: i64| {
            rules::clock_skew_flag(
                device,
                41,
                Hlc::new((now + by) as u64, 0),
                Hlc::new(now as u64, 0),
                &th,
            )
            .unwrap()
        };
        covered.insert(check(
            &skewed(77 * HOUR),
            &format!(
                "Le terminal {device} a scellé le lot 41 avec une horloge en avance de 3 jours \
                 sur celle du serveur."
            ),
            &format!(
                "O dispositivo {device} selou o lote 41 com um relógio 3 dias adiantado em \
                 relação ao do servidor."
            ),
        ));
        check(
            &skewed(30 * HOUR),
            &format!(
                "Le terminal {device} a scellé le lot 41 avec une horloge en avance de 30 h \
                 sur celle du serveur."
            ),
            &format!(
                "O dispositivo {device} selou o lote 41 com um relógio 30 h adiantado em \
                 relação ao do servidor."
            ),
        );
        check(
            &skewed(-400 * 24 * HOUR),
            &format!(
                "Le terminal {device} a scellé le lot 41 avec une horloge en retard de 1,1 an \
                 sur celle du serveur."
            ),
            &format!(
                "O dispositivo {device} selou o lote 41 com um relógio 1,1 anos atrasado em \
                 relação ao do servidor."
            ),
        );
        let fork = rules::batch_fork_flag(
            device,
            4,
            &sync_protocol::batch::Digest([1; 32]),
            &sync_protocol::batch::Digest([2; 32]),
        );
        covered.insert(check(
            &fork,
            &format!(
                "Le terminal {device} a envoyé deux lots différents portant le numéro 4 : un \
                 terminal cloné ou une clé divulguée."
            ),
            &format!(
                "O dispositivo {device} enviou dois lotes diferentes com o número 4: um \
                 dispositivo clonado ou uma chave divulgada."
            ),
        ));

        // A claim without an area, and one whose area crosses itself.
        let claim = licence(LicenceKind::Claim, "GH-CL-0042", "2027-12-31");
        covered.insert(check(
            &rules::licence_flags(id(LICENCE), &claim, None).remove(0),
            "Le permis minier GH-CL-0042 ne peut pas être confronté à ses productions : il \
             n'a pas de périmètre.",
            "A licença de exploração GH-CL-0042 não pode ser confrontada com as suas \
             produções: não tem área.",
        ));
        let pt = |lon: f64, lat: f64| Point::new(lon, lat).unwrap();
        let bow_tie = Polygon {
            exterior: Ring::new(vec![
                pt(-0.70, 6.00),
                pt(-0.69, 6.01),
                pt(-0.69, 6.00),
                pt(-0.70, 6.01),
                pt(-0.70, 6.00),
            ])
            .unwrap(),
            holes: vec![],
        };
        let problem = crate::geo::validate_licence_area(&bow_tie)
            .unwrap_err()
            .to_string();
        let mut crossed = claim.clone();
        crossed.area = Some(bow_tie);
        check(
            &rules::licence_flags(id(LICENCE), &crossed, Some(&problem)).remove(0),
            "Le permis minier GH-CL-0042 ne peut pas être confronté à ses productions : son \
             périmètre est inutilisable, le contour extérieur se croise ou se touche \
             lui-même près de la longitude -0,695000, latitude 6,005000.",
            "A licença de exploração GH-CL-0042 não pode ser confrontada com as suas \
             produções: a sua área é inutilizável, o contorno exterior cruza-se ou toca-se a \
             si próprio perto da longitude -0,695000, latitude 6,005000.",
        );

        // An exporter that shipped more than it bought, one that also sold on; a dealer.
        let exporter = |exports: &[ExportFact], sales: &[SoldFact]| {
            let bought = [purchase(EXPORTER, Q1_2026 + 3, 100)];
            rules::trader_flags(
                FlagKind::ExportsExceedPurchases,
                id(EXPORTER),
                exports,
                &bought,
                sales,
                None,
                Default::default(),
            )
            .remove(0)
        };
        covered.insert(check(
            &exporter(&[export(Q1_2026 + 4, 500)], &[]),
            "L'exportateur GH-EX-0100 a exporté 5,00 ct en 2026-Q2 pour 1,00 ct achetés et en \
             stock (1 trimestre en dépassement).",
            "O exportador GH-EX-0100 exportou 5,00 ct em 2026-Q2 com 1,00 ct comprados e em \
             existências (1 trimestre em excesso).",
        ));
        check(
            &exporter(
                &[export(Q1_2026 + 4, 500), export(Q1_2026 + 7, 300)],
                &[sold(EXPORTER, Q1_2026 + 4, 200)],
            ),
            "L'exportateur GH-EX-0100 a exporté 5,00 ct et vendu 2,00 ct en 2026-Q2 pour 1,00 \
             ct achetés et en stock (2 trimestres en dépassement).",
            "O exportador GH-EX-0100 exportou 5,00 ct e vendeu 2,00 ct em 2026-Q2 com 1,00 ct \
             comprados e em existências (2 trimestres em excesso).",
        );
        let dealer = rules::trader_flags(
            FlagKind::SalesExceedPurchases,
            id(BUYER),
            &[],
            &[purchase(BUYER, Q1_2026, 1_000)],
            &[sold(BUYER, Q1_2026, 2_500)],
            None,
            Default::default(),
        )
        .remove(0);
        covered.insert(check(
            &dealer,
            "Le négociant GH-B-0001 a vendu 25,00 ct en 2026-Q1 pour 10,00 ct achetés et en \
             stock (1 trimestre en dépassement).",
            "O comerciante GH-B-0001 vendeu 25,00 ct em 2026-Q1 com 10,00 ct comprados e em \
             existências (1 trimestre em excesso).",
        ));

        // A batch set aside.
        let position = "00000000000000000003.seg@4096";
        let error = "batch 3 does not decode: unexpected end of input";
        let set_aside = rules::quarantined_entry_flag(
            id(ENTRY),
            Some(device),
            &format!("Batch 3 of device {device}"),
            position,
            error,
        );
        covered.insert(check(
            &set_aside,
            &format!(
                "Le lot 3 du terminal {device} n'a pas pu être appliqué et a été mis à l'écart \
                 (journal {position}) : {error}. Il reste dans le journal des lots ; `placer \
                 admin quarantine` le liste."
            ),
            &format!(
                "O lote 3 do dispositivo {device} não pôde ser aplicado e foi posto de lado \
                 (registo {position}): {error}. Continua no registo de lotes; `placer admin \
                 quarantine` lista-o."
            ),
        ));

        let all: BTreeSet<FlagKind> = FlagKind::ALL.into_iter().collect();
        assert_eq!(covered, all, "every kind of flag");
    }

    #[test]
    fn an_older_flag_without_the_fields_keeps_its_stored_sentence() {
        let page = page();
        let p = production(LICENCE, weighed(&[40]));
        let expired = licence(LicenceKind::Claim, "GH-CL-0042", "2025-12-31");
        let ctx = ProductionContext {
            licence: Some(LicenceAtDate::on(&expired, &[], p.date)),
            ..clean()
        };
        let f = production_finding(&p, &ctx, FlagKind::LicenceNotValid);
        let in_french = |v: &FlagView| i18n::with(Lang::Fr, || shown(v, &page.regions));
        let mut v = view(&f, &page);
        assert!(in_french(&v).contains("qui était expiré ce jour-là"));
        // Without its date, with a validity this build does not know, with no evidence.
        for evidence in [
            serde_json::json!({ "licence": id(LICENCE), "validity": "expired" }),
            serde_json::json!({ "licence": id(LICENCE), "date": "2026-03-10", "validity": "lapsed" }),
            serde_json::json!({}),
            Value::Null,
        ] {
            v.evidence = evidence;
            assert_eq!(in_french(&v), v.summary, "{}", v.evidence);
        }
        // Every kind with an empty evidence: the stored sentence.
        for kind in FlagKind::ALL {
            let known = Known {
                records: &page.records,
                collections: &page.collections,
                regions: &page.regions,
            };
            let records = [id(PRODUCTION), id(LICENCE)];
            let none = i18n::with(Lang::Fr, || {
                finding(kind, &records, &serde_json::json!({}), &known)
            });
            assert_eq!(none, None, "{kind:?}");
        }
        // A licence area's problem worded otherwise than the geo layer words it.
        let claim = licence(LicenceKind::Claim, "GH-CL-0042", "2027-12-31");
        let mut odd = rules::licence_flags(id(LICENCE), &claim, None).remove(0);
        odd.evidence["problem"] = Value::from("the area is on the moon");
        let v = view(&odd, &page);
        assert_eq!(in_french(&v), v.summary);
    }

    #[test]
    fn every_problem_of_a_licence_area_reads_back() {
        use crate::geo::shape::{InvalidArea as A, RingRef};
        let problems = [
            A::TooFewPoints {
                ring: RingRef::Exterior,
                points: 3,
            },
            A::TooFewPoints {
                ring: RingRef::Hole(1),
                points: 1,
            },
            A::NotClosed {
                ring: RingRef::Hole(0),
            },
            A::TooManyPoints {
                points: 512,
                max: 500,
            },
            A::TooManyHoles { holes: 21, max: 20 },
            A::TooFewCorners {
                ring: RingRef::Exterior,
                corners: 2,
            },
            A::SelfIntersection {
                ring: RingRef::Hole(2),
                lon: -11.25,
                lat: 8.5,
            },
            A::HoleOutside {
                ring: RingRef::Hole(0),
            },
            A::RingsOverlap {
                a: RingRef::Exterior,
                b: RingRef::Hole(0),
            },
            A::RingsOverlap {
                a: RingRef::Hole(0),
                b: RingRef::Hole(3),
            },
            A::TooSmall {
                area_m2: 40.2,
                min: 100.0,
            },
            A::TooLarge {
                area_m2: 126_400_000.0,
                max: 100_000_000.0,
            },
        ];
        for p in &problems {
            let text = p.to_string();
            assert_eq!(area_problem(&text), Some(text.clone()), "English: {p:?}");
            let fr = i18n::with(Lang::Fr, || area_problem(&text)).unwrap();
            assert_ne!(fr, text, "French: {p:?}");
        }
        let fr = |p: &A| i18n::with(Lang::Fr, || area_problem(&p.to_string())).unwrap();
        let pt = |p: &A| i18n::with(Lang::Pt, || area_problem(&p.to_string())).unwrap();
        assert_eq!(
            fr(&problems[1]),
            "l'enclave 2 a 1 point ; un contour fermé en demande au moins 4, le dernier \
             identique au premier"
        );
        assert_eq!(
            fr(&problems[2]),
            "l'enclave 1 n'est pas fermée : son dernier point doit être identique au premier"
        );
        assert_eq!(
            fr(&problems[6]),
            "l'enclave 3 se croise ou se touche elle-même près de la longitude -11,250000, \
             latitude 8,500000"
        );
        assert_eq!(
            fr(&problems[9]),
            "l'enclave 1 et l'enclave 4 se chevauchent ou partagent un côté"
        );
        assert_eq!(
            fr(&problems[11]),
            "le périmètre mesure 126,4 km², plus que les 100 km² qu'admet un périmètre de permis"
        );
        assert_eq!(
            pt(&problems[0]),
            "o contorno exterior tem 3 pontos; um contorno fechado precisa de pelo menos 4, o \
             último igual ao primeiro"
        );
        assert_eq!(
            pt(&problems[10]),
            "a área mede 40 m², menos do que os 100 m² que uma área de licença deve ter"
        );
    }

    #[test]
    fn every_entry_set_aside_reads_back() {
        let page = page();
        let device = id(DEVICE);
        let entry = id(ENTRY);
        let position = "00000000000000000007.seg@512";
        for (what, fr) in [
            (
                format!("The fork evidence of batch 9 of device {device}"),
                format!("La preuve des deux lots numéro 9 du terminal {device} n'a pas pu être appliquée et a été mise à l'écart"),
            ),
            (
                format!("Administrative act {entry}"),
                format!("L'acte administratif {entry} n'a pas pu être appliqué et a été mis à l'écart"),
            ),
            (
                "A log entry this build cannot read".to_string(),
                "Une entrée du journal que cette version ne sait pas lire n'a pas pu être appliquée".to_string(),
            ),
            (
                format!("Log entry {entry}"),
                format!("L'entrée du journal {entry} n'a pas pu être appliquée et a été mise à l'écart"),
            ),
        ] {
            let f = rules::quarantined_entry_flag(entry, Some(device), &what, position, "boom");
            let v = view(&f, &page);
            let english = Known {
                records: &v.record_names,
                collections: &v.record_collections,
                regions: &page.regions,
            };
            assert_eq!(
                finding(v.kind, &v.records, &v.evidence, &english).as_deref(),
                Some(f.summary.as_str())
            );
            let shown_fr = i18n::with(Lang::Fr, || shown(&v, &page.regions));
            assert!(
                shown_fr.starts_with(&fr) && shown_fr.contains(&format!("(journal {position}) : boom.")),
                "{shown_fr}"
            );
        }
    }
}
