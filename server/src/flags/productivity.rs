//! Productivity judged per licence and month (pure): what a licence's site-days of one
//! month add up to, against the distribution of the area's licence-months before it.
//!
//! One site-day says little about a pit: alluvial finds are heavy-tailed, most days find
//! nothing and a lucky day finds a stone worth months. What a statistics reviewer and an
//! inspector judge is a licence's month: the carats it declared over the digger-days it
//! declared. A licence that declares, month after month or in one month, far more per
//! digger-day than the licences around it is how stones from elsewhere get a legal origin.
//!
//! - Each site-day adds its carats, its diggers (digger-days) and one site-day to its
//!   licence's month ([`SiteDay::of`]). Its largest weighed stone, at or above the
//!   mineral's large-stone size, is left out (it goes to the large-stone register): one
//!   lucky stone is not a month's work. A second one on the same day is not luck again.
//! - The area is the region the site-days are filed in, and its distribution is that of
//!   its licence-months of the same mineral in the three calendar months before (the
//!   month judged is never in its own norm).
//! - A licence-month is flagged above the factor times the area's median carats per
//!   digger-day, and above the mineral's floor, when the median rests on enough
//!   licence-months.
//!
//! The flag is keyed by the licence and by the period ([`period_tag`]): one flag per
//! licence, mineral and month, and one case per licence (`cases`).

use serde::{Deserialize, Serialize};
use serde_json::json;
use sync_protocol::records::Production;
use sync_protocol::values::{Mineral, Stones};
use uuid::Uuid;

use super::kinds::{Finding, FlagKey, FlagKind};
use super::rules::{ct, mineral_name, round, MineralThresholds, Thresholds};

/// A licence's month of one mineral in one area, summed over its site-days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MonthSum {
    pub site_days: u64,
    pub digger_days: u64,
    /// Carats, in hundredths, with each site-day's one large stone left out.
    pub hundredths: u64,
    /// The large stones left out, in hundredths.
    pub large_left_out: u64,
}

/// What one site-day adds to its licence's month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SiteDay {
    pub diggers: u64,
    pub hundredths: u64,
    pub large: u64,
}

impl SiteDay {
    /// The site-day of a production, its one large stone (at or above the mineral's
    /// large-stone size) apart. Counted stones have no single weights and count whole.
    pub fn of(p: &Production, t: &MineralThresholds) -> Self {
        let all = p.stones.total();
        let large = match &p.stones {
            Stones::Weighed(w) => w
                .iter()
                .map(|c| c.hundredths())
                .max()
                .filter(|&c| c >= t.large_stone_hundredths)
                .unwrap_or(0),
            Stones::Counted { .. } => 0,
        };
        Self {
            diggers: u64::from(p.diggers.get()),
            hundredths: all - large,
            large,
        }
    }
}

impl MonthSum {
    /// The sum moved by one site-day added (`sign` 1) or taken away (`sign` -1). Sums never
    /// go below zero: a site-day taken away was added before.
    pub fn moved(self, d: &SiteDay, sign: i64) -> Self {
        let m = |x: u64, by: u64| {
            if sign >= 0 {
                x.saturating_add(by)
            } else {
                x.saturating_sub(by)
            }
        };
        Self {
            site_days: m(self.site_days, 1),
            digger_days: m(self.digger_days, d.diggers),
            hundredths: m(self.hundredths, d.hundredths),
            large_left_out: m(self.large_left_out, d.large),
        }
    }

    /// Carats per digger-day; zero when no digger-day is declared.
    pub fn per_digger_day(&self) -> f64 {
        if self.digger_days == 0 {
            0.0
        } else {
            self.hundredths as f64 / 100.0 / self.digger_days as f64
        }
    }
}

/// The area's licence-months of the three months before, as the caller counted them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaNorm {
    pub median_ct_per_digger_day: f64,
    /// How many licence-months the median rests on.
    pub samples: u32,
}

/// The flag key's second part for a licence's period: the mineral and the month, held in
/// a UUID (version 8: the bytes `pm`, the mineral, and from the ninth byte the month) so that the key keeps its
/// shape of two ids. It names no record.
pub fn period_tag(mineral: Mineral, month: i32) -> Uuid {
    let mut b = [0u8; 16];
    b[0] = b'p';
    b[1] = b'm';
    b[2] = mineral as u8;
    b[9..13].copy_from_slice(&month.to_be_bytes());
    uuid::Builder::from_custom_bytes(b).into_uuid()
}

/// The mineral and month of a [`period_tag`]; `None` for any other id.
pub fn period_of_tag(tag: Uuid) -> Option<(Mineral, i32)> {
    let b = tag.as_bytes();
    if b[0] != b'p' || b[1] != b'm' || tag.get_version_num() != 8 {
        return None;
    }
    let mineral = mineral_of(b[2])?;
    let month = i32::from_be_bytes(b[9..13].try_into().ok()?);
    (period_tag(mineral, month) == tag).then_some((mineral, month))
}

/// Every mineral a licence-month may be of.
pub const MINERALS: [Mineral; 2] = [Mineral::Diamond, Mineral::Gold];

/// The mineral whose `as u8` is `b` (as keys and tags write it).
pub fn mineral_of(b: u8) -> Option<Mineral> {
    MINERALS.into_iter().find(|m| *m as u8 == b)
}

/// Carats per digger-day above which a licence's month of `mineral` is implausible in an
/// area of this norm; `None` when the norm judges nothing (too few licence-months, a
/// nonsense median).
pub fn threshold(norm: AreaNorm, mineral: Mineral, th: &Thresholds) -> Option<f64> {
    let median = norm.median_ct_per_digger_day;
    if norm.samples < th.productivity_min_samples || !median.is_finite() || median < 0.0 {
        return None;
    }
    let floor = th.for_mineral(mineral).productivity_floor_hundredths as f64 / 100.0;
    Some((th.productivity_factor * median).max(floor))
}

/// The productivity flag that should be open now for a licence's month, if any.
pub fn productivity_flag(
    licence: Uuid,
    mineral: Mineral,
    month: i32,
    sum: &MonthSum,
    norm: Option<AreaNorm>,
    th: &Thresholds,
) -> Option<Finding> {
    let norm = norm?;
    let median = norm.median_ct_per_digger_day;
    let threshold = threshold(norm, mineral, th)?;
    let floor = th.for_mineral(mineral).productivity_floor_hundredths as f64 / 100.0;
    let per_dd = sum.per_digger_day();
    if sum.digger_days == 0 || per_dd <= threshold {
        return None;
    }
    let ratio = (median > 0.0).then(|| round(per_dd / median, 1));
    let how_far = match ratio {
        Some(r) => format!(
            "{r}× the area's median licence-month of {}",
            two_figures(median)
        ),
        None => "while the area's median licence-month is zero".to_string(),
    };
    let period = crate::reports::rollup::month_label(month);
    let mineral_word = mineral_name(mineral);
    Some(Finding::new(
        FlagKey::about(
            FlagKind::ImplausibleProductivity,
            licence,
            period_tag(mineral, month),
        ),
        vec![licence],
        json!({
            "month": period,
            "mineral": mineral_word,
            "site_days": sum.site_days,
            "digger_days": sum.digger_days,
            "carats": ct(sum.hundredths),
            "large_stones_left_out": ct(sum.large_left_out),
            "ct_per_digger_day": round(per_dd, 2),
            "median_ct_per_digger_day": median,
            "ratio": ratio,
            "samples": norm.samples,
            "factor": th.productivity_factor,
            "floor_ct_per_digger_day": floor,
            "threshold_ct_per_digger_day": round(threshold, 2),
        }),
        format!(
            "Licence {licence} declares {per_dd:.2} ct of {mineral_word} per digger-day in \
             {period} ({} ct over {} digger-days on {} site-days), {how_far}.",
            ct(sum.hundredths),
            sum.digger_days,
            sum.site_days
        ),
    ))
}

/// The median of counts per bucket, as the middle of its bucket, and how many counts.
pub fn median_of(histogram: &[i64]) -> Option<AreaNorm> {
    let samples: i64 = histogram.iter().sum();
    if samples <= 0 {
        return None;
    }
    let half = (samples + 1) / 2;
    let mut seen = 0;
    let median_bucket = histogram
        .iter()
        .position(|c| {
            seen += c;
            seen >= half
        })
        .unwrap_or(0);
    Some(AreaNorm {
        median_ct_per_digger_day: bucket_middle(median_bucket),
        samples: u32::try_from(samples).unwrap_or(u32::MAX),
    })
}

/// Buckets of carats per digger-day: 0 for below 0.01 ct, then ten per decade from 0.01 ct
/// up (the last holds everything from about 7,900 ct).
pub const BUCKETS: usize = 60;

pub fn bucket(ct_per_digger_day: f64) -> usize {
    if ct_per_digger_day < 0.01 {
        0
    } else {
        (1 + ((ct_per_digger_day / 0.01).log10() * 10.0).floor() as usize).min(BUCKETS - 1)
    }
}

/// The middle of a bucket, in carats per digger-day.
fn bucket_middle(b: usize) -> f64 {
    if b == 0 {
        0.005
    } else {
        0.01 * 10f64.powf((b as f64 - 0.5) / 10.0)
    }
}

/// A small positive figure with two significant digits (0.0048 → "0.0048", 0.5 → "0.50",
/// 12.3 → "12.30"): a median of 0.005 ct printed as "0.01" would be wrong by half.
fn two_figures(x: f64) -> String {
    let decimals = if x > 0.0 && x < 0.1 {
        (1 - x.log10().floor() as i32).max(2) as usize
    } else {
        2
    };
    format!("{x:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sync_protocol::values::{
        parse_day, AccuracyMetres, Carats, Diggers, GeoFix, GravelLitres, Point, StoneCount,
    };

    fn production(stones: Stones, diggers: u32) -> Production {
        Production {
            licence: Uuid::from_u128(1),
            miner: None,
            date: parse_day("2026-04-10").unwrap(),
            mineral: Mineral::Diamond,
            fix: GeoFix {
                point: Point::new(-11.0, 8.5).unwrap(),
                accuracy: AccuracyMetres::new(10).unwrap(),
            },
            diggers: Diggers::new(diggers).unwrap(),
            gravel: GravelLitres::new(100).unwrap(),
            stones,
        }
    }

    fn weighed(hs: &[u64]) -> Stones {
        Stones::Weighed(
            hs.iter()
                .map(|h| Carats::from_hundredths(*h).unwrap())
                .collect(),
        )
    }

    fn month(site_days: &[(&[u64], u32)]) -> MonthSum {
        site_days.iter().fold(MonthSum::default(), |s, (w, d)| {
            s.moved(
                &SiteDay::of(&production(weighed(w), *d), &MineralThresholds::DIAMOND),
                1,
            )
        })
    }

    fn repeated(weights: &[u64], diggers: u32, days: usize) -> MonthSum {
        month(&vec![(weights, diggers); days])
    }

    fn norm(median: f64, samples: u32) -> Option<AreaNorm> {
        Some(AreaNorm {
            median_ct_per_digger_day: median,
            samples,
        })
    }

    fn flagged(sum: &MonthSum, n: Option<AreaNorm>) -> Option<Finding> {
        productivity_flag(
            Uuid::from_u128(1),
            Mineral::Diamond,
            24_315,
            sum,
            n,
            &Thresholds::default(),
        )
    }

    #[test]
    fn a_month_is_judged_on_its_carats_over_its_digger_days() {
        // Median 0.5 ct per digger-day: the threshold is 5.
        let n = norm(0.5, 100);
        // Twenty days of 4 diggers at 5 ct per digger-day exactly: not above.
        let at = repeated(&[199, 199, 199, 199, 199, 5], 2, 20);
        assert_eq!(at.per_digger_day(), 5.0);
        assert!(flagged(&at, n).is_none());
        let above = repeated(&[199, 199, 199, 199, 199, 6], 2, 20);
        let f = flagged(&above, n).expect("above the threshold");
        assert_eq!(f.evidence["site_days"], 20);
        assert_eq!(f.evidence["digger_days"], 40);
        assert_eq!(f.evidence["month"], "2026-04");
        assert_eq!(f.records, vec![Uuid::from_u128(1)]);
        assert!(f.summary.contains("in 2026-04"), "{}", f.summary);
        assert!(f.summary.contains("10× the area's median"), "{}", f.summary);
        // The same carats among more diggers: not flagged.
        let spread = repeated(&[199, 199, 199, 199, 199, 6], 4, 20);
        assert!(flagged(&spread, n).is_none());
    }

    #[test]
    fn too_few_licence_months_or_a_nonsense_median_judge_nothing() {
        let heavy = month(&[(&[1_000; 10], 1)]);
        assert!(flagged(&heavy, norm(0.5, 29)).is_none());
        assert!(flagged(&heavy, norm(0.5, 30)).is_some());
        assert!(flagged(&heavy, None).is_none());
        assert!(flagged(&heavy, norm(f64::NAN, 100)).is_none());
        assert!(flagged(&heavy, norm(-1.0, 100)).is_none());
        // A median of zero: the floor of 1 ct per digger-day applies.
        assert!(flagged(&month(&[(&[100], 1)]), norm(0.0, 100)).is_none());
        assert!(flagged(&month(&[(&[101], 1)]), norm(0.0, 100)).is_some());
    }

    #[test]
    fn lucky_stones_are_left_out_one_per_day() {
        // Sierra Leone: a median of 0.005 ct per digger-day. One stone of 5.3 ct found by
        // three diggers, in a month of otherwise empty days: a lucky find, not a flag.
        let lucky = month(&[(&[530, 12, 8], 3), (&[], 3), (&[], 3)]);
        assert_eq!(lucky.large_left_out, 530);
        assert!(flagged(&lucky, norm(0.005, 200)).is_none());
        // Two large stones the same day: the second counts.
        let twice = month(&[(&[500, 500], 3)]);
        assert_eq!(twice.hundredths, 500);
        let f = flagged(&twice, norm(0.005, 200)).expect("not luck twice");
        assert_eq!(f.evidence["large_stones_left_out"], "5.00");
        // The median is printed as it is, not rounded to 0.01.
        assert!(
            f.summary.contains("median licence-month of 0.0050"),
            "{}",
            f.summary
        );
        // Counted stones have no single weight: they count whole.
        let counted = SiteDay::of(
            &production(
                Stones::Counted {
                    count: StoneCount::new(1).unwrap(),
                    total: Carats::from_hundredths(900).unwrap(),
                },
                1,
            ),
            &MineralThresholds::DIAMOND,
        );
        assert_eq!((counted.hundredths, counted.large), (900, 0));
    }

    #[test]
    fn the_factor_and_the_samples_are_configurable() {
        let th: Thresholds = serde_json::from_value(json!({
            "productivity_factor": 3.0,
            "productivity_min_samples": 5,
        }))
        .unwrap();
        let two = month(&[(&[150, 150, 100], 2)]);
        let f = productivity_flag(
            Uuid::from_u128(1),
            Mineral::Diamond,
            24_315,
            &two,
            norm(0.5, 6),
            &th,
        );
        assert!(f.is_some());
        assert!(
            flagged(&two, norm(0.5, 6)).is_none(),
            "defaults: 30 samples"
        );
    }

    #[test]
    fn period_tags_round_trip_and_name_no_record() {
        let t = period_tag(Mineral::Gold, 24_315);
        assert_eq!(period_of_tag(t), Some((Mineral::Gold, 24_315)));
        assert_ne!(t, period_tag(Mineral::Diamond, 24_315));
        assert_eq!(period_of_tag(Uuid::from_u128(7)), None);
        assert_eq!(period_of_tag(Uuid::now_v7()), None);
    }

    #[test]
    fn the_median_is_taken_over_the_buckets() {
        let mut h = vec![0i64; BUCKETS];
        h[bucket(0.25)] = 3;
        h[bucket(40.0)] = 1;
        let n = median_of(&h).unwrap();
        assert_eq!(n.samples, 4);
        assert!((0.2..0.3).contains(&n.median_ct_per_digger_day));
        assert!(median_of(&[0; BUCKETS]).is_none());
        assert_eq!(bucket(0.0), 0);
        assert_eq!(bucket(1e12), BUCKETS - 1);
    }

    proptest! {
        /// Site-days added in any order and some of them taken away again leave the sum of
        /// those that stay: the month kept at ingest is the month recomputed.
        #[test]
        fn a_month_is_the_sum_of_its_site_days_whatever_the_order(
            days in prop::collection::vec(
                (prop::collection::vec(1u64..2_000, 0..5), 1u32..30, any::<bool>()), 0..20)
        ) {
            let t = MineralThresholds::DIAMOND;
            let site = |(w, d, _): &(Vec<u64>, u32, bool)| SiteDay::of(&production(weighed(w), *d), &t);
            let mut kept = MonthSum::default();
            for d in &days {
                kept = kept.moved(&site(d), 1);
            }
            for d in days.iter().rev().filter(|d| !d.2) {
                kept = kept.moved(&site(d), -1);
            }
            let direct = days.iter().filter(|d| d.2).fold(MonthSum::default(), |s, d| s.moved(&site(d), 1));
            prop_assert_eq!(kept, direct);
        }
    }
}
