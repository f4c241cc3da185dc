//! Reference footprints kept per region (pure).
//!
//! A footprint report compares a region's stones with a *reference*. An officer can give a
//! reference period in each request, or set one for the region once, in one of two ways:
//!
//! - **From a period** ([`ReferenceSource::Period`]): the footprint of a region's production
//!   (the same region or another, say a neighbouring field) over a span of months. The
//!   definition is kept, not a copy of the counts: the report reads the cells of that period
//!   when it runs, so a late record for the period counts in the reference as in any report.
//! - **Imported** ([`ReferenceSource::Imported`]): counts per size class from outside the
//!   registry (a geological survey, an earlier registry, a KP review visit), with a note of
//!   where they come from. They are checked ([`footprint_from_classes`]) and kept as given.
//!
//! A region without its own reference uses the nearest ancestor's ([`nearest`]): a
//! country's reference serves all its districts until one of them gets its own.
//!
//! Setting a reference is an administrative event in the batch log, like a licence issued at
//! the ministry, so it survives a crash and a rebuild of the derived state.

use serde::{Deserialize, Serialize};
use sync_protocol::clock::Hlc;
use uuid::Uuid;

use super::footprint::{Footprint, FootprintError, CLASS_COUNT, LOWER_BOUNDS_HUNDREDTHS};
use super::rollup::DetailKind;

/// Where a region's reference footprint comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceSource {
    /// The production of `region` over months `from..=to` (`year*12 + month - 1`).
    Period { region: Uuid, from: i32, to: i32 },
    /// Counts per class from outside the registry; `source` says where from.
    Imported {
        footprint: Box<Footprint>,
        source: String,
    },
}

impl From<ReferenceSource> for crate::events::FootprintSource {
    fn from(s: ReferenceSource) -> Self {
        match s {
            ReferenceSource::Period { region, from, to } => Self::Period { region, from, to },
            ReferenceSource::Imported { footprint, source } => Self::Imported {
                counts: crate::events::SizeCounts {
                    stones: footprint.stones.to_vec(),
                    carats: footprint.carats.to_vec(),
                    stones_without_weight: footprint.stones_without_weight,
                },
                source,
            },
        }
    }
}

impl TryFrom<crate::events::FootprintSource> for ReferenceSource {
    type Error = String;

    fn try_from(s: crate::events::FootprintSource) -> Result<Self, String> {
        use crate::events::FootprintSource as Logged;
        Ok(match s {
            Logged::Period { region, from, to } => Self::Period { region, from, to },
            Logged::Imported { counts, source } => {
                let classes = |v: Vec<u64>| -> Result<[u64; CLASS_COUNT], String> {
                    v.try_into().map_err(|v: Vec<u64>| {
                        format!(
                            "{} size classes where this build has {CLASS_COUNT}",
                            v.len()
                        )
                    })
                };
                let total = |v: &[u64; CLASS_COUNT]| {
                    v.iter()
                        .try_fold(0u64, |a, b| a.checked_add(*b))
                        .ok_or("size class counts that overflow")
                };
                let stones = classes(counts.stones)?;
                let carats = classes(counts.carats)?;
                Self::Imported {
                    footprint: Box::new(Footprint {
                        total_stones: total(&stones)?,
                        total_carats: total(&carats)?,
                        stones,
                        carats,
                        stones_without_weight: counts.stones_without_weight,
                    }),
                    source,
                }
            }
        })
    }
}

/// A reference as kept for a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredReference {
    pub region: Uuid,
    pub source: ReferenceSource,
    pub set_at: Hlc,
    /// The officer who set it.
    pub set_by: String,
}

/// One size class of an imported footprint, as JSON and CSV give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRow {
    /// The class label as reports print it: `below_0.10`, `0.10-0.25`, … `10_and_above`.
    pub class: String,
    pub stones: u64,
    /// The weight of the class's weighed stones; 0 when the stones were only counted.
    pub carats_hundredths: u64,
}

/// Why an imported footprint was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("{0:?} is not a size class (expected one of: {classes})", classes = class_labels().join(", "))]
    UnknownClass(String),
    #[error("size class {0} is given twice")]
    DuplicateClass(String),
    #[error("an imported footprint needs at least one stone")]
    Empty,
    #[error(
        "size class {class}: {carats_hundredths} hundredths of a carat cannot be {stones} \
         stones of that class"
    )]
    OutsideClass {
        class: String,
        stones: u64,
        carats_hundredths: u64,
    },
    #[error("{0}")]
    Footprint(#[from] FootprintError),
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
}

fn class_labels() -> Vec<&'static str> {
    (0..CLASS_COUNT)
        .filter_map(|i| DetailKind::SizeClass.label(i as u8))
        .collect()
}

/// The class index of a label.
fn class_of(label: &str) -> Option<usize> {
    (0..CLASS_COUNT).find(|&i| DetailKind::SizeClass.label(i as u8) == Some(label.trim()))
}

/// A footprint from counts per class. Classes left out have no stones. A class with carats
/// must weigh what its stones can weigh (each stone within the class's bounds); a class
/// with stones and no carats holds stones counted without weight.
pub fn footprint_from_classes(rows: &[ClassRow]) -> Result<Footprint, ReferenceError> {
    let mut f = Footprint::default();
    let mut seen = [false; CLASS_COUNT];
    for row in rows {
        let i =
            class_of(&row.class).ok_or_else(|| ReferenceError::UnknownClass(row.class.clone()))?;
        if std::mem::replace(&mut seen[i], true) {
            return Err(ReferenceError::DuplicateClass(row.class.clone()));
        }
        let lower = row.stones.checked_mul(LOWER_BOUNDS_HUNDREDTHS[i]);
        // Upper bounds are exclusive: n stones weigh at most n × (next bound − 1).
        let upper = LOWER_BOUNDS_HUNDREDTHS
            .get(i + 1)
            .map(|next| row.stones.checked_mul(next - 1));
        let weighed = row.carats_hundredths > 0;
        let fits = lower.is_some_and(|lo| row.carats_hundredths >= lo)
            && upper.is_none_or(|hi| hi.is_some_and(|hi| row.carats_hundredths <= hi));
        if weighed && !fits {
            return Err(ReferenceError::OutsideClass {
                class: row.class.clone(),
                stones: row.stones,
                carats_hundredths: row.carats_hundredths,
            });
        }
        f.stones[i] = row.stones;
        f.carats[i] = row.carats_hundredths;
        if !weighed {
            f.stones_without_weight = f
                .stones_without_weight
                .checked_add(row.stones)
                .ok_or(FootprintError::Overflow)?;
        }
    }
    let total = |v: &[u64; CLASS_COUNT]| v.iter().try_fold(0u64, |a, &b| a.checked_add(b));
    f.total_stones = total(&f.stones).ok_or(FootprintError::Overflow)?;
    f.total_carats = total(&f.carats).ok_or(FootprintError::Overflow)?;
    if f.total_stones == 0 {
        return Err(ReferenceError::Empty);
    }
    f.validate()?;
    Ok(f)
}

/// Rows from CSV text with the header `class,stones,carats` (carats as a decimal with at most
/// two places, e.g. `12.50`; empty or 0 for stones counted without weight).
pub fn classes_from_csv(text: &str) -> Result<Vec<ClassRow>, ReferenceError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let bad = |line: u64, message: String| ReferenceError::Csv { line, message };
    let header = reader
        .headers()
        .map_err(|e| bad(1, e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    if header != ["class", "stones", "carats"] {
        return Err(bad(
            1,
            format!(
                "the header must be class,stones,carats, not {}",
                header.join(",")
            ),
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| bad(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let stones = record[1]
            .parse::<u64>()
            .map_err(|_| bad(line, format!("{:?} is not a number of stones", &record[1])))?;
        let carats_hundredths = match &record[2] {
            "" => 0,
            c => sync_protocol::values::Carats::parse(c)
                .map_err(|e| bad(line, e.to_string()))?
                .hundredths(),
        };
        rows.push(ClassRow {
            class: record[0].to_string(),
            stones,
            carats_hundredths,
        });
    }
    Ok(rows)
}

/// The reference that serves `region`: its own, or the nearest ancestor's, following
/// `parent_of` (at most `max_depth` steps, so a cycle in bad data ends). A failed lookup
/// is the answer, not a missing reference.
pub fn nearest<R, E>(
    region: Uuid,
    parent_of: impl Fn(Uuid) -> Option<Uuid>,
    reference_of: impl Fn(Uuid) -> Result<Option<R>, E>,
    max_depth: usize,
) -> Result<Option<R>, E> {
    let mut at = region;
    for _ in 0..=max_depth {
        if let Some(r) = reference_of(at)? {
            return Ok(Some(r));
        }
        match parent_of(at) {
            Some(p) => at = p,
            None => return Ok(None),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(class: &str, stones: u64, carats_hundredths: u64) -> ClassRow {
        ClassRow {
            class: class.into(),
            stones,
            carats_hundredths,
        }
    }

    #[test]
    fn classes_build_a_consistent_footprint() {
        let f = footprint_from_classes(&[
            row("below_0.10", 10, 50),
            row("0.10-0.25", 4, 60),
            row("10_and_above", 1, 1200),
            row("1-2", 3, 0),
        ])
        .unwrap();
        assert_eq!(f.stones, [10, 4, 0, 0, 3, 0, 0, 1]);
        assert_eq!(f.carats, [50, 60, 0, 0, 0, 0, 0, 1200]);
        assert_eq!((f.total_stones, f.total_carats), (18, 1310));
        assert_eq!(f.stones_without_weight, 3);
        assert_eq!(f.mean_stone_ct(), Some(13.10 / 15.0));
    }

    #[test]
    fn carats_must_fit_the_class_of_their_stones() {
        // Two stones below 0.10 ct weigh at most 0.18 ct.
        assert!(footprint_from_classes(&[row("below_0.10", 2, 18)]).is_ok());
        assert_eq!(
            footprint_from_classes(&[row("below_0.10", 2, 19)]),
            Err(ReferenceError::OutsideClass {
                class: "below_0.10".into(),
                stones: 2,
                carats_hundredths: 19
            })
        );
        // Three stones of 1–2 ct weigh at least 3 ct.
        assert!(footprint_from_classes(&[row("1-2", 3, 299)]).is_err());
        assert!(footprint_from_classes(&[row("1-2", 3, 300)]).is_ok());
        // The last class has no upper bound, but carats need stones.
        assert!(footprint_from_classes(&[row("10_and_above", 1, 1_000_000)]).is_ok());
        assert!(footprint_from_classes(&[row("10_and_above", 0, 1000)]).is_err());
    }

    #[test]
    fn bad_imports_are_named() {
        assert_eq!(
            footprint_from_classes(&[row("tiny", 1, 5)]),
            Err(ReferenceError::UnknownClass("tiny".into()))
        );
        assert_eq!(
            footprint_from_classes(&[row("1-2", 1, 150), row("1-2", 1, 150)]),
            Err(ReferenceError::DuplicateClass("1-2".into()))
        );
        assert_eq!(footprint_from_classes(&[]), Err(ReferenceError::Empty));
        assert_eq!(
            footprint_from_classes(&[row("1-2", 0, 0)]),
            Err(ReferenceError::Empty)
        );
        assert!(matches!(
            footprint_from_classes(&[row("below_0.10", u64::MAX, 0), row("1-2", 1, 0)]),
            Err(ReferenceError::Footprint(FootprintError::Overflow))
        ));
    }

    #[test]
    fn csv_rows_parse_with_decimal_carats() {
        let rows = classes_from_csv("class,stones,carats\nbelow_0.10, 10, 0.50\n1-2,3,\n").unwrap();
        assert_eq!(rows, vec![row("below_0.10", 10, 50), row("1-2", 3, 0)]);
        assert!(matches!(
            classes_from_csv("size,count,weight\n"),
            Err(ReferenceError::Csv { line: 1, .. })
        ));
        assert!(matches!(
            classes_from_csv("class,stones,carats\n1-2,three,4\n"),
            Err(ReferenceError::Csv { line: 2, .. })
        ));
        assert!(matches!(
            classes_from_csv("class,stones,carats\n1-2,3,4.567\n"),
            Err(ReferenceError::Csv { line: 2, .. })
        ));
    }

    #[test]
    fn the_nearest_ancestor_serves_a_region_without_its_own() {
        let (country, region, district) =
            (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let parent = |r: Uuid| match r.as_u128() {
            3 => Some(region),
            2 => Some(country),
            _ => None,
        };
        let only_country = |r: Uuid| (r == country).then_some("country's");
        let found = |of: &dyn Fn(Uuid) -> Option<&'static str>| {
            nearest(district, parent, |r| Ok::<_, ()>(of(r)), 8)
        };
        assert_eq!(found(&only_country), Ok(Some("country's")));
        let own = |r: Uuid| (r == district).then_some("own").or(only_country(r));
        assert_eq!(found(&own), Ok(Some("own")));
        assert_eq!(found(&|_| None), Ok(None));
        // A cycle ends.
        let looped = |r: Uuid| Some(if r == region { district } else { region });
        assert_eq!(
            nearest(district, looped, |_| Ok::<Option<&str>, ()>(None), 8),
            Ok(None)
        );
        // A failed lookup is not a missing reference.
        assert_eq!(
            nearest(district, parent, |_| Err::<Option<&str>, _>("disk"), 8),
            Err("disk")
        );
    }
}
