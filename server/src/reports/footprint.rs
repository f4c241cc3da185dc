//! Size-frequency footprints of stone weights and their comparison with a reference.
//!
//! A *footprint* is how the stones of a region and period (or of a set of export parcels)
//! spread over fixed size classes: how many stones, and how many carats, fall in each class.
//! Alluvial deposits have characteristic footprints; a footprint that moves, or an export
//! footprint unlike the production it claims to come from, is a control signal
//! (ARCHITECTURE.md, "Reports").
//!
//! # Size classes
//!
//! The classes are [`SizeClass`] (sync-protocol `values`), in this order ([`CLASSES`]); every
//! lower bound is inclusive, every upper bound exclusive, and weights are integer hundredths
//! of a carat, so a stone is never between two classes:
//!
//! | index | class                           | from (inclusive) | to (exclusive) |
//! |-------|---------------------------------|------------------|----------------|
//! | 0     | [`SizeClass::Below0_10`]        | 0.00 ct          | 0.10 ct        |
//! | 1     | [`SizeClass::From0_10To0_25`]   | 0.10 ct          | 0.25 ct        |
//! | 2     | [`SizeClass::From0_25To0_50`]   | 0.25 ct          | 0.50 ct        |
//! | 3     | [`SizeClass::From0_50To1`]      | 0.50 ct          | 1 ct           |
//! | 4     | [`SizeClass::From1To2`]         | 1 ct             | 2 ct           |
//! | 5     | [`SizeClass::From2To4`]         | 2 ct             | 4 ct           |
//! | 6     | [`SizeClass::From4To10`]        | 4 ct             | 10 ct          |
//! | 7     | [`SizeClass::From10`]           | 10 ct            | (none)         |
//!
//! The per-class arrays of [`Footprint`] (and of its JSON) follow this order.
//!
//! # What goes in
//!
//! - A stone weighed on its own (a production's `Stones::Weighed`, [`Footprint::of_stones`]) counts one stone and its weight in
//!   its class.
//! - Stones counted and weighed together (`Stones::Counted`) are
//!   all put in the class of their **mean** weight, with their total weight. Their real
//!   spread is unknown; the mean is the one weight the record gives. The class of the mean is
//!   exact: the bounds are whole hundredths, so `total / count` rounded down lands in the
//!   same class as the exact mean.
//!   This narrows the distribution where many stones are counted together (a group of
//!   0.05 and 0.40 ct stones all lands in 0.10–0.25), so footprints compared with each other
//!   should be built from records of the same kind where possible.
//! - Stones known only as counts per class (export parcels declared by size class,
//!   [`Footprint::add_parcel`]) count as stones of their class with **no** weight; they
//!   are tallied in [`Footprint::stones_without_weight`].
//!
//! [`Footprint::merge`] adds whole footprints: the stones of a period are the merge of its
//! records' (the rollup keeps them as cells per class, which move by exact deltas when a
//! record is corrected or voided). Counts are integers; a merge that would overflow is
//! refused and changes nothing.
//!
//! # The shares
//!
//! - **Share of stones** ([`Footprint::share_of_stones`]): the stones of a class over all
//!   stones, weighed or not. This is the distribution the tests compare.
//! - **Share of carats** ([`Footprint::share_of_carats`]): the carats of a class over all
//!   carats. Only weighed stones have carats, so this share describes the weighed stones
//!   only; stones known only by class count are left out of it (not counted as zero carats).
//! - **Mean stone size** ([`Footprint::mean_stone_ct`]): carats over *weighed* stones.
//!
//! An empty footprint has all shares zero and no mean.
//!
//! # Comparing with a reference
//!
//! A region's reference footprint is set from a chosen period or imported; a sample is
//! compared with it by a named statistic ([`Statistic`]), and the [`Comparison`] says which.
//!
//! - **Kolmogorov–Smirnov** ([`ks_test`], the default): the largest gap between the two
//!   cumulative shares of stones. The classes are ordered by size, and KS uses that order: it
//!   is most sensitive to a *shift* towards smaller or larger stones, which is what mixing in
//!   stones of another origin typically does.
//! - **Chi-square** ([`chi_square_test`]): homogeneity of the 2×k table of class counts. It
//!   treats the classes as unordered categories and only needs counts, so prefer it when the
//!   sample (or the reference) is made of parcels declared as counts per class: the class
//!   counts are then the data themselves, not a summary of weights. It also reacts to a
//!   change of shape that is not a shift (say, one missing middle class). With classes whose
//!   expected counts are small (below about 5, Cochran 1954) its p-value is only rough.
//!   [`Statistic::suggested`] applies this rule.
//!
//! **Binning makes the KS test conservative.** A footprint keeps class counts, not weights,
//! so the KS statistic is the largest gap *at the class bounds* only, never larger than the
//! gap over the raw weights; and the Kolmogorov distribution assumes continuous data, whereas
//! binned data are tied, which makes the asymptotic p-value too large (Noether 1963; Conover
//! 1972). A "different" verdict is therefore trustworthy; a "similar" one may miss a
//! difference inside a class.
//!
//! Below [`MIN_STONES`] stones on either side the verdict is
//! [`Verdict::TooFewStones`] and no p-value is given: both p-values are asymptotic. Otherwise
//! a p-value below [`SIGNIFICANCE`] is [`Verdict::Different`].
//!
//! The special functions (ln Γ, the regularized incomplete gamma function, the Kolmogorov
//! distribution) are implemented here, after Numerical Recipes (§6.1, §6.2, §6.14 and
//! §14.3), with the references at each.
//!
//! # References
//!
//! - Abramowitz, M. and Stegun, I. A. (1964), *Handbook of Mathematical Functions*, §6.5
//!   (incomplete gamma function) and §26.4 (chi-square distribution).
//! - Cochran, W. G. (1954), "Some methods for strengthening the common χ² tests",
//!   *Biometrics* 10, 417–451.
//! - Conover, W. J. (1972), "A Kolmogorov goodness-of-fit test for discontinuous
//!   distributions", *JASA* 67, 591–596.
//! - Kolmogorov, A. N. (1933), "Sulla determinazione empirica di una legge di
//!   distribuzione", *Giornale dell'Istituto Italiano degli Attuari* 4, 83–91.
//! - Lanczos, C. (1964), "A precision approximation of the gamma function",
//!   *SIAM J. Numer. Anal. B* 1, 86–96.
//! - Noether, G. E. (1963), "Note on the Kolmogorov statistic in the discrete case",
//!   *Metrika* 7, 115–116.
//! - Press, W. H., Teukolsky, S. A., Vetterling, W. T. and Flannery, B. P. (2007),
//!   *Numerical Recipes*, 3rd ed. (2nd ed. 1992 for `probks`).
//! - Smirnov, N. (1948), "Table for estimating the goodness of fit of empirical
//!   distributions", *Ann. Math. Statist.* 19, 279–281.
//! - Stephens, M. A. (1970), "Use of the Kolmogorov–Smirnov, Cramér–von Mises and related
//!   statistics without extensive tables", *J. R. Statist. Soc. B* 32, 115–122.

use serde::{Deserialize, Serialize};
use std::f64::consts::PI;
use sync_protocol::values::{Carats, Parcel, SizeClass, Stones};

/// Number of size classes.
pub const CLASS_COUNT: usize = 8;

/// The size classes, smallest first: the order of every per-class array here.
pub const CLASSES: [SizeClass; CLASS_COUNT] = [
    SizeClass::Below0_10,
    SizeClass::From0_10To0_25,
    SizeClass::From0_25To0_50,
    SizeClass::From0_50To1,
    SizeClass::From1To2,
    SizeClass::From2To4,
    SizeClass::From4To10,
    SizeClass::From10,
];

/// Inclusive lower bound of each class, in hundredths of a carat (the upper bound of a class
/// is the lower bound of the next, exclusive; the last class has none). Must agree with
/// [`SizeClass::of`]; a test checks that it does.
pub const LOWER_BOUNDS_HUNDREDTHS: [u64; CLASS_COUNT] = [0, 10, 25, 50, 100, 200, 400, 1000];

/// Fewest stones on each side for a p-value. Both p-values are asymptotic (the Kolmogorov
/// limit distribution; the χ² approximation of the homogeneity statistic). With Stephens'
/// correction the KS one is already good for small effective n (Numerical Recipes: nₑ ≥ 4),
/// so the binding limit is the chi-square's need for expected counts of about 5 or more
/// (Cochran 1954): 30 stones on a side is about the least for which the usual two to four
/// main classes reach that. Fewer stones also say little about a region's production; the
/// footprint itself is still shown.
pub const MIN_STONES: u64 = 30;

/// A p-value below this is a "different" verdict. One per cent rather than five: a footprint
/// report is read for many regions and periods at once, and a "different" verdict sends
/// someone to look, so false alarms are kept rare.
pub const SIGNIFICANCE: f64 = 0.01;

/// The position of a class in [`CLASSES`] and in the per-class arrays.
pub fn class_index(class: SizeClass) -> usize {
    match class {
        SizeClass::Below0_10 => 0,
        SizeClass::From0_10To0_25 => 1,
        SizeClass::From0_25To0_50 => 2,
        SizeClass::From0_50To1 => 3,
        SizeClass::From1To2 => 4,
        SizeClass::From2To4 => 5,
        SizeClass::From4To10 => 6,
        SizeClass::From10 => 7,
    }
}

/// Why a footprint could not be changed as asked (it is then left unchanged), or why an
/// imported one does not hold together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FootprintError {
    #[error("the footprint's counts would overflow")]
    Overflow,
    #[error("{total} hundredths of a carat given for zero stones")]
    CaratsWithoutStones { total: u64 },
    #[error("inconsistent footprint: {0}")]
    Inconsistent(&'static str),
}

/// The size-frequency distribution of a set of stones. Per-class arrays are in the order of
/// [`CLASSES`]; carats are integer hundredths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Footprint {
    /// Stones per class, weighed or not.
    pub stones: [u64; CLASS_COUNT],
    /// Carats per class, in hundredths: the weight of the weighed stones of the class.
    pub carats: [u64; CLASS_COUNT],
    /// All stones, weighed or not: the sum of `stones`.
    pub total_stones: u64,
    /// All carats, in hundredths: the sum of `carats`.
    pub total_carats: u64,
    /// Stones known only as a count per class (no weight): part of `stones` and
    /// `total_stones`, not of any carats, and left out of the mean stone size.
    pub stones_without_weight: u64,
}

impl Footprint {
    /// No stones and no carats.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Stones with a known weight (alone or counted and weighed together).
    pub fn weighed_stones(&self) -> u64 {
        self.total_stones.saturating_sub(self.stones_without_weight)
    }

    /// One stone weighed on its own.
    pub fn add_stone(&mut self, weight: Carats) -> Result<(), FootprintError> {
        self.merge(&Self::of_counted_unchecked(1, weight.hundredths()))
    }

    /// The stones of an export parcel: weights, or counts per class.
    pub fn add_parcel(&mut self, parcel: &Parcel) -> Result<(), FootprintError> {
        self.merge(&Self::of_parcel(parcel)?)
    }

    /// Adds every count of `other`. On overflow nothing changes.
    pub fn merge(&mut self, other: &Footprint) -> Result<(), FootprintError> {
        *self = self.zip(other, u64::checked_add, FootprintError::Overflow)?;
        Ok(())
    }

    /// Per class, the share of all stones (weighed or not); zeros when there are none.
    pub fn share_of_stones(&self) -> [f64; CLASS_COUNT] {
        shares(&self.stones)
    }

    /// Per class, the share of all carats (weighed stones only); zeros when there are none.
    pub fn share_of_carats(&self) -> [f64; CLASS_COUNT] {
        shares(&self.carats)
    }

    /// Mean weight of the weighed stones, in carats; `None` when no stone is weighed.
    pub fn mean_stone_ct(&self) -> Option<f64> {
        match self.weighed_stones() {
            0 => None,
            n => Some(self.total_carats as f64 / 100.0 / n as f64),
        }
    }

    /// Checks that the totals are the sums of the classes and that the stones without weight
    /// are not more than the stones: for a footprint imported as a reference. Every
    /// footprint built by the methods here passes.
    pub fn validate(&self) -> Result<(), FootprintError> {
        let sum = |v: &[u64; CLASS_COUNT]| {
            v.iter()
                .try_fold(0u64, |a, &b| a.checked_add(b))
                .ok_or(FootprintError::Overflow)
        };
        if sum(&self.stones)? != self.total_stones {
            return Err(FootprintError::Inconsistent(
                "total_stones is not the sum of the stones per class",
            ));
        }
        if sum(&self.carats)? != self.total_carats {
            return Err(FootprintError::Inconsistent(
                "total_carats is not the sum of the carats per class",
            ));
        }
        if self.stones_without_weight > self.total_stones {
            return Err(FootprintError::Inconsistent(
                "more stones without weight than stones",
            ));
        }
        if self
            .stones
            .iter()
            .zip(&self.carats)
            .any(|(&s, &c)| s == 0 && c > 0)
        {
            return Err(FootprintError::Inconsistent(
                "carats in a class without stones",
            ));
        }
        Ok(())
    }

    /// `count` stones weighing `total` together, in the class of their mean weight.
    fn of_counted(count: u64, total: Carats) -> Result<Self, FootprintError> {
        match (count, total.hundredths()) {
            (0, 0) => Ok(Self::default()),
            (0, total) => Err(FootprintError::CaratsWithoutStones { total }),
            (count, total) => Ok(Self::of_counted_unchecked(count, total)),
        }
    }

    /// `count` (> 0) stones weighing `total` hundredths together.
    fn of_counted_unchecked(count: u64, total: u64) -> Self {
        // Flooring the mean keeps its class: every class bound is a whole number of hundredths.
        let mean = Carats::from_hundredths(total / count).expect("a mean is not above its total");
        let i = class_index(SizeClass::of(mean));
        let mut f = Self::default();
        f.stones[i] = count;
        f.carats[i] = total;
        f.total_stones = count;
        f.total_carats = total;
        f
    }

    fn of_class_count(class: SizeClass, count: u64) -> Self {
        let mut f = Self::default();
        f.stones[class_index(class)] = count;
        f.total_stones = count;
        f.stones_without_weight = count;
        f
    }

    /// The stones of a production record: weighed one by one, or counted and weighed
    /// together (the rollup's footprint cells are these, per production).
    pub fn of_stones(stones: &Stones) -> Result<Self, FootprintError> {
        match stones {
            Stones::Weighed(weights) => Self::of_weights(weights),
            Stones::Counted { count, total } => Self::of_counted(u64::from(count.get()), *total),
        }
    }

    fn of_parcel(parcel: &Parcel) -> Result<Self, FootprintError> {
        match parcel {
            Parcel::Stones(weights) => Self::of_weights(weights),
            Parcel::SizeClasses(counts) => counts.iter().try_fold(Self::default(), |mut f, c| {
                f.merge(&Self::of_class_count(c.class, u64::from(c.count.get())))?;
                Ok(f)
            }),
        }
    }

    fn of_weights(weights: &[Carats]) -> Result<Self, FootprintError> {
        weights.iter().try_fold(Self::default(), |mut f, &w| {
            f.add_stone(w)?;
            Ok(f)
        })
    }

    /// Applies `op` field by field; `err` if any field fails.
    fn zip(
        &self,
        other: &Self,
        op: fn(u64, u64) -> Option<u64>,
        err: FootprintError,
    ) -> Result<Self, FootprintError> {
        let mut out = Self::default();
        for i in 0..CLASS_COUNT {
            out.stones[i] = op(self.stones[i], other.stones[i]).ok_or_else(|| err.clone())?;
            out.carats[i] = op(self.carats[i], other.carats[i]).ok_or_else(|| err.clone())?;
        }
        out.total_stones = op(self.total_stones, other.total_stones).ok_or_else(|| err.clone())?;
        out.total_carats = op(self.total_carats, other.total_carats).ok_or_else(|| err.clone())?;
        out.stones_without_weight =
            op(self.stones_without_weight, other.stones_without_weight).ok_or(err)?;
        Ok(out)
    }
}

/// Each value over their sum; zeros when the sum is zero.
fn shares(values: &[u64; CLASS_COUNT]) -> [f64; CLASS_COUNT] {
    let total: u128 = values.iter().map(|&v| u128::from(v)).sum();
    let mut out = [0.0; CLASS_COUNT];
    if total > 0 {
        for (o, &v) in out.iter_mut().zip(values) {
            *o = v as f64 / total as f64;
        }
    }
    out
}

/// The statistic a comparison uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    /// Two-sample Kolmogorov–Smirnov over the class shares ([`ks_test`]).
    #[default]
    KolmogorovSmirnov,
    /// Chi-square test of homogeneity of the class counts ([`chi_square_test`]).
    ChiSquare,
}

impl Statistic {
    /// Chi-square when either footprint holds stones known only as counts per class,
    /// Kolmogorov–Smirnov otherwise (module documentation, "Comparing with a reference").
    pub fn suggested(sample: &Footprint, reference: &Footprint) -> Self {
        if sample.stones_without_weight > 0 || reference.stones_without_weight > 0 {
            Self::ChiSquare
        } else {
            Self::KolmogorovSmirnov
        }
    }
}

/// The outcome of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Enough stones, and no significant difference (p ≥ [`SIGNIFICANCE`]).
    Similar,
    /// Enough stones, and a significant difference (p < [`SIGNIFICANCE`]).
    Different,
    /// Fewer than [`MIN_STONES`] stones in the sample or the reference: no p-value.
    TooFewStones,
}

/// A sample footprint compared with a reference footprint by a named statistic.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// `"kolmogorov_smirnov"` or `"chi_square"`.
    pub statistic: Statistic,
    /// The statistic: KS D in [0, 1], or χ². Zero when either side has no stones.
    pub value: f64,
    /// In [0, 1]; `None` when either side has fewer than [`MIN_STONES`] stones.
    pub p_value: Option<f64>,
    /// Chi-square only: classes holding a stone on either side, minus one.
    pub degrees_of_freedom: Option<u32>,
    /// Stones of the sample (weighed or not).
    pub n_sample: u64,
    /// Stones of the reference (weighed or not).
    pub n_reference: u64,
    pub verdict: Verdict,
}

/// Compares `sample` with `reference` by `statistic`.
pub fn compare(sample: &Footprint, reference: &Footprint, statistic: Statistic) -> Comparison {
    match statistic {
        Statistic::KolmogorovSmirnov => ks_test(sample, reference),
        Statistic::ChiSquare => chi_square_test(sample, reference),
    }
}

/// Stones per class and their total, in u128; the total saturates at `u64::MAX` so that a
/// hand-made inconsistent footprint cannot overflow the products below (every cumulative
/// count is then ≤ the total, and total × total < 2¹²⁸).
fn counts(f: &Footprint) -> ([u128; CLASS_COUNT], u128) {
    let mut c = [0u128; CLASS_COUNT];
    let mut total = 0u64;
    for (ci, &s) in c.iter_mut().zip(&f.stones) {
        let before = total;
        total = total.saturating_add(s);
        *ci = u128::from(total - before);
    }
    (c, u128::from(total))
}

/// Two-sample Kolmogorov–Smirnov test over the binned distributions of stones.
///
/// D is the largest difference between the two cumulative class shares of stones, computed
/// exactly in integers (|C₁ᵢ·n₂ − C₂ᵢ·n₁| / (n₁·n₂)), so it is exactly symmetric and exactly
/// zero for proportional footprints. The p-value is the asymptotic one,
/// Q_KS((√nₑ + 0.12 + 0.11/√nₑ)·D) with nₑ = n₁n₂/(n₁+n₂) (Stephens 1970; Numerical Recipes
/// §14.3.3). Binned data make it conservative (module documentation).
pub fn ks_test(sample: &Footprint, reference: &Footprint) -> Comparison {
    let (c1, n1) = counts(sample);
    let (c2, n2) = counts(reference);
    let mut p = None;
    let mut value = 0.0;
    if n1 > 0 && n2 > 0 {
        let (mut cum1, mut cum2, mut gap) = (0u128, 0u128, 0u128);
        for i in 0..CLASS_COUNT {
            cum1 += c1[i];
            cum2 += c2[i];
            gap = gap.max((cum1 * n2).abs_diff(cum2 * n1));
        }
        value = gap as f64 / (n1 * n2) as f64;
        let (n1, n2) = (n1 as f64, n2 as f64);
        let ne = n1 * n2 / (n1 + n2);
        let lambda = (ne.sqrt() + 0.12 + 0.11 / ne.sqrt()) * value;
        p = Some(kolmogorov_q(lambda));
    }
    finish(Statistic::KolmogorovSmirnov, value, p, None, n1, n2)
}

/// Chi-square test of homogeneity on the 2×k table of class counts (sample and reference
/// rows). Classes with no stone on either side are dropped, so k is the number of classes
/// holding a stone and df = k − 1. With row totals n₁, n₂ and counts aⱼ, bⱼ, the usual
/// Σ (O − E)²/E over both rows reduces to Σⱼ (aⱼn₂ − bⱼn₁)² / (n₁n₂(aⱼ + bⱼ)), whose
/// numerators are computed exactly in integers. p = Q(df/2, χ²/2), the upper regularized
/// incomplete gamma function (Abramowitz & Stegun §26.4).
pub fn chi_square_test(sample: &Footprint, reference: &Footprint) -> Comparison {
    let (c1, n1) = counts(sample);
    let (c2, n2) = counts(reference);
    let (mut p, mut value, mut df) = (None, 0.0, None);
    if n1 > 0 && n2 > 0 {
        let mut k = 0u32;
        let mut chi2 = 0.0;
        for j in 0..CLASS_COUNT {
            let column = c1[j] + c2[j];
            if column == 0 {
                continue;
            }
            k += 1;
            let d = (c1[j] * n2).abs_diff(c2[j] * n1) as f64;
            chi2 += d * d / (n1 as f64 * n2 as f64 * column as f64);
        }
        let dof = k - 1;
        value = chi2;
        df = Some(dof);
        // One class on both sides: the distributions are the same; nothing to test.
        p = Some(if dof == 0 {
            1.0
        } else {
            gamma_q(f64::from(dof) / 2.0, chi2 / 2.0)
        });
    }
    finish(Statistic::ChiSquare, value, p, df, n1, n2)
}

fn finish(
    statistic: Statistic,
    value: f64,
    p: Option<f64>,
    degrees_of_freedom: Option<u32>,
    n1: u128,
    n2: u128,
) -> Comparison {
    let (n_sample, n_reference) = (n1 as u64, n2 as u64); // both ≤ u64::MAX (see `counts`)
    let (p_value, verdict) = match p {
        Some(p) if n_sample >= MIN_STONES && n_reference >= MIN_STONES => {
            let p = p.clamp(0.0, 1.0);
            let verdict = if p < SIGNIFICANCE {
                Verdict::Different
            } else {
                Verdict::Similar
            };
            (Some(p), verdict)
        }
        _ => (None, Verdict::TooFewStones),
    };
    Comparison {
        statistic,
        value,
        p_value,
        degrees_of_freedom,
        n_sample,
        n_reference,
        verdict,
    }
}

// ---------------------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------------------

/// Relative precision at which the series and continued fractions stop.
const EPS: f64 = f64::EPSILON;
/// Near the smallest normal number: keeps the Lentz continued fraction from dividing by 0.
const FPMIN: f64 = f64::MIN_POSITIVE / EPS;
/// Iteration cap of every series and continued fraction. With the arguments used here
/// (a ≤ 3.5) they converge in a few dozen terms; the cap only guards against a loop.
const MAX_ITER: usize = 10_000;

/// ln Γ(x) for x > 0, by the Lanczos approximation (Lanczos 1964, SIAM J. Numer. Anal. B 1,
/// 86–96) with the 14 coefficients of Numerical Recipes 3rd ed. §6.1 (`gammln`;
/// γ = 607/128, relative error below about 10⁻¹⁵).
// The coefficients are kept with every digit Numerical Recipes prints, so they can be
// checked against the book; the compiler rounds them to the nearest f64.
#[allow(clippy::excessive_precision)]
pub fn ln_gamma(x: f64) -> f64 {
    const COF: [f64; 14] = [
        57.156_235_665_862_923_5,
        -59.597_960_355_475_491_2,
        14.136_097_974_741_747_1,
        -0.491_913_816_097_620_199,
        0.339_946_499_848_118_887e-4,
        0.465_236_289_270_485_756e-4,
        -0.983_744_753_048_795_646e-4,
        0.158_088_703_224_912_494e-3,
        -0.210_264_441_724_104_883e-3,
        0.217_439_618_115_212_643e-3,
        -0.164_318_106_536_763_890e-3,
        0.844_182_239_838_527_433e-4,
        -0.261_908_384_015_814_087e-4,
        0.368_991_826_595_316_234e-5,
    ];
    debug_assert!(x > 0.0, "ln_gamma needs x > 0, got {x}");
    let t = x + 5.242_187_5; // x + γ + 1/2
    let head = (x + 0.5) * t.ln() - t;
    let mut ser = 0.999_999_999_999_997_092;
    let mut y = x;
    for c in COF {
        y += 1.0;
        ser += c / y;
    }
    head + (2.506_628_274_631_000_5 * ser / x).ln() // √(2π)
}

/// Q(a, x) = Γ(a, x)/Γ(a), the upper regularized incomplete gamma function, for a > 0 and
/// x ≥ 0: by its series where x < a + 1 (Q = 1 − P) and by its continued fraction elsewhere
/// (Numerical Recipes 3rd ed. §6.2, `gammq`, `gser`, `gcf`; Abramowitz & Stegun 6.5.29 and
/// 6.5.31). The chi-square upper tail with ν degrees of freedom is Q(ν/2, χ²/2).
pub fn gamma_q(a: f64, x: f64) -> f64 {
    debug_assert!(a > 0.0, "gamma_q needs a > 0, got {a}");
    if x.is_nan() || x <= 0.0 {
        return 1.0;
    }
    let q = if x < a + 1.0 {
        1.0 - gamma_p_series(a, x)
    } else {
        gamma_q_continued_fraction(a, x)
    };
    q.clamp(0.0, 1.0)
}

/// e^{−x} xᵃ / Γ(a), the factor common to the series and the continued fraction.
fn gamma_prefactor(a: f64, x: f64) -> f64 {
    (-x + a * x.ln() - ln_gamma(a)).exp()
}

/// P(a, x) = e^{−x} xᵃ/Γ(a) · Σₙ xⁿ / (a(a+1)…(a+n)) (A&S 6.5.29; NR `gser`).
fn gamma_p_series(a: f64, x: f64) -> f64 {
    let mut ap = a;
    let mut term = 1.0 / a;
    let mut sum = term;
    for _ in 0..MAX_ITER {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if term.abs() < sum.abs() * EPS {
            break;
        }
    }
    sum * gamma_prefactor(a, x)
}

/// Q(a, x) = e^{−x} xᵃ/Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))) by the
/// modified Lentz method (A&S 6.5.31; NR `gcf`).
fn gamma_q_continued_fraction(a: f64, x: f64) -> f64 {
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / FPMIN;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..=MAX_ITER {
        let i = i as f64;
        let an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < FPMIN {
            d = FPMIN;
        }
        c = b + an / c;
        if c.abs() < FPMIN {
            c = FPMIN;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() <= EPS {
            break;
        }
    }
    gamma_prefactor(a, x) * h
}

/// The limiting Kolmogorov distribution's upper tail,
/// Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}, with Q_KS(0) = 1 (Kolmogorov 1933;
/// Smirnov 1948; Numerical Recipes 3rd ed. §6.14, 2nd ed. §14.3 `probks`).
///
/// The alternating series converges fast for large λ but slowly, and with cancellation,
/// for small λ; there the same function is computed from its Jacobi-theta dual,
/// 1 − Q_KS(λ) = (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}, which converges fast for small λ
/// (NR 3rd ed. §6.14, `KSdist`, which switches at λ = 1.18 as here).
pub fn kolmogorov_q(lambda: f64) -> f64 {
    if lambda.is_nan() || lambda <= 0.0 {
        return 1.0;
    }
    let q = if lambda < 1.18 {
        let c = -PI * PI / (8.0 * lambda * lambda);
        let mut sum = 0.0;
        for k in 1..=MAX_ITER {
            let m = (2 * k - 1) as f64;
            let term = (c * m * m).exp();
            sum += term;
            if term <= sum * EPS {
                break;
            }
        }
        1.0 - (2.0 * PI).sqrt() / lambda * sum
    } else {
        let c = -2.0 * lambda * lambda;
        let mut sum = 0.0;
        let mut sign = 2.0;
        for k in 1..=MAX_ITER {
            let k = k as f64;
            let term = sign * (c * k * k).exp();
            sum += term;
            if term.abs() <= sum.abs() * EPS {
                break;
            }
            sign = -sign;
        }
        sum
    };
    q.clamp(0.0, 1.0)
}

/// Conveniences for building footprints in tests.
#[cfg(test)]
impl Footprint {
    /// The empty footprint.
    pub fn new() -> Self {
        Self::default()
    }

    /// `count` stones weighed together at `total`: all in the class of their mean weight
    /// (see the module documentation). No stones and no carats changes nothing; carats
    /// without stones are refused.
    pub fn add_counted(&mut self, count: u64, total: Carats) -> Result<(), FootprintError> {
        self.merge(&Self::of_counted(count, total)?)
    }

    /// `count` stones of `class` whose weights are unknown.
    pub fn add_class_count(&mut self, class: SizeClass, count: u64) -> Result<(), FootprintError> {
        self.merge(&Self::of_class_count(class, count))
    }

    /// The stones of a production record: weighed one by one, or counted and weighed together.
    pub fn add_stones(&mut self, stones: &Stones) -> Result<(), FootprintError> {
        self.merge(&Self::of_stones(stones)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sync_protocol::values::{SizeClassCount, StoneCount};

    fn ct(hundredths: u64) -> Carats {
        Carats::from_hundredths(hundredths).unwrap()
    }

    /// A footprint of stones weighed one by one.
    fn weighed(hundredths: &[u64]) -> Footprint {
        let mut f = Footprint::new();
        for &h in hundredths {
            f.add_stone(ct(h)).unwrap();
        }
        f
    }

    /// A footprint of stones known only by class counts.
    fn by_class(counts: [u64; CLASS_COUNT]) -> Footprint {
        let mut f = Footprint::new();
        for (class, n) in CLASSES.into_iter().zip(counts) {
            f.add_class_count(class, n).unwrap();
        }
        f
    }

    fn close(got: f64, want: f64, tol: f64) -> bool {
        (got - want).abs() <= tol
    }

    #[test]
    fn the_lower_bounds_are_the_ones_size_class_of_uses() {
        for (i, &lower) in LOWER_BOUNDS_HUNDREDTHS.iter().enumerate() {
            assert_eq!(
                SizeClass::of(ct(lower)),
                CLASSES[i],
                "lower bound of class {i}"
            );
            assert_eq!(class_index(CLASSES[i]), i);
            if i > 0 {
                assert_eq!(
                    SizeClass::of(ct(lower - 1)),
                    CLASSES[i - 1],
                    "just below class {i}"
                );
            }
        }
    }

    #[test]
    fn stones_land_in_their_documented_classes() {
        let check = |hundredths: u64, want: usize| {
            let f = weighed(&[hundredths]);
            let mut stones = [0; CLASS_COUNT];
            stones[want] = 1;
            let mut carats = [0; CLASS_COUNT];
            carats[want] = hundredths;
            assert_eq!(f.stones, stones, "{hundredths}");
            assert_eq!(f.carats, carats, "{hundredths}");
            assert_eq!((f.total_stones, f.total_carats), (1, hundredths));
        };
        check(0, 0);
        check(9, 0);
        check(10, 1);
        check(24, 1);
        check(25, 2);
        check(49, 2);
        check(50, 3);
        check(99, 3);
        check(100, 4);
        check(199, 4);
        check(200, 5);
        check(399, 5);
        check(400, 6);
        check(999, 6);
        check(1000, 7);
        check(123_456, 7);
    }

    #[test]
    fn stones_counted_together_go_to_the_class_of_their_mean_weight() {
        let check = |count: u64, total: u64, want: usize| {
            let mut f = Footprint::new();
            f.add_counted(count, ct(total)).unwrap();
            assert_eq!(f.stones[want], count, "{count} stones, {total}");
            assert_eq!(f.carats[want], total, "{count} stones, {total}");
            assert_eq!((f.total_stones, f.total_carats), (count, total));
            assert_eq!(f.stones_without_weight, 0);
        };
        check(10, 249, 1); // mean 0.249 ct
        check(10, 250, 2); // mean 0.25 ct exactly
        check(3, 29, 0); // mean 0.0967 ct
        check(3, 30, 1); // mean 0.10 ct
        check(4, 399, 3); // mean 0.9975 ct
        check(4, 400, 4); // mean 1 ct
        check(1, 1000, 7);
        check(7, 0, 0);
    }

    #[test]
    fn zero_stones_are_nothing_but_carats_without_stones_are_refused() {
        let mut f = weighed(&[30]);
        let before = f;
        f.add_counted(0, ct(0)).unwrap();
        assert_eq!(f, before);
        assert_eq!(
            f.add_counted(0, ct(12)),
            Err(FootprintError::CaratsWithoutStones { total: 12 })
        );
        assert_eq!(f, before);
    }

    #[test]
    fn shares_sum_to_one_and_are_zero_when_empty() {
        let check = |f: Footprint, stones_sum: f64, carats_sum: f64| {
            let s: f64 = f.share_of_stones().iter().sum();
            let c: f64 = f.share_of_carats().iter().sum();
            assert!(close(s, stones_sum, 1e-12), "{f:?}: stones {s}");
            assert!(close(c, carats_sum, 1e-12), "{f:?}: carats {c}");
        };
        check(Footprint::new(), 0.0, 0.0);
        check(weighed(&[5]), 1.0, 1.0);
        check(weighed(&[0, 0, 0]), 1.0, 0.0); // stones of 0.00 ct weigh nothing
        check(
            weighed(&[5, 17, 33, 77, 150, 300, 700, 2500, 2500]),
            1.0,
            1.0,
        );
        check(by_class([1, 2, 3, 4, 5, 6, 7, 8]), 1.0, 0.0);
        let mut mixed = by_class([0, 0, 9, 0, 0, 0, 0, 1]);
        mixed.add_counted(11, ct(333)).unwrap();
        check(mixed, 1.0, 1.0);
        assert_eq!(Footprint::new().share_of_stones(), [0.0; CLASS_COUNT]);
        assert_eq!(Footprint::new().share_of_carats(), [0.0; CLASS_COUNT]);
    }

    #[test]
    fn shares_per_class() {
        let check = |f: Footprint, stones: [f64; CLASS_COUNT], carats: [f64; CLASS_COUNT]| {
            for i in 0..CLASS_COUNT {
                assert!(
                    close(f.share_of_stones()[i], stones[i], 1e-12),
                    "{f:?} stones {i}"
                );
                assert!(
                    close(f.share_of_carats()[i], carats[i], 1e-12),
                    "{f:?} carats {i}"
                );
            }
        };
        // Three stones: 0.05, 0.05 and 0.90 ct.
        check(
            weighed(&[5, 5, 90]),
            [2.0 / 3.0, 0.0, 0.0, 1.0 / 3.0, 0.0, 0.0, 0.0, 0.0],
            [0.1, 0.0, 0.0, 0.9, 0.0, 0.0, 0.0, 0.0],
        );
        // A weighed 1 ct stone and three stones of the 10 ct class with no weight: the
        // carats are all in the weighed stone's class.
        let mut f = weighed(&[100]);
        f.add_class_count(SizeClass::From10, 3).unwrap();
        check(
            f,
            [0.0, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0, 0.75],
            [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
        );
    }

    #[test]
    fn the_mean_stone_size_counts_weighed_stones_only() {
        let check = |f: Footprint, want: Option<f64>| {
            let got = f.mean_stone_ct();
            match (got, want) {
                (Some(g), Some(w)) => assert!(close(g, w, 1e-12), "{f:?}: {g} != {w}"),
                _ => assert_eq!(got, want, "{f:?}"),
            }
        };
        check(Footprint::new(), None);
        check(by_class([0, 5, 0, 0, 0, 0, 0, 0]), None);
        check(weighed(&[125]), Some(1.25));
        check(weighed(&[10, 20, 30]), Some(0.2));
        let mut f = weighed(&[100, 300]);
        f.add_class_count(SizeClass::Below0_10, 1000).unwrap();
        check(f, Some(2.0));
        f.add_counted(6, ct(60)).unwrap();
        check(f, Some(4.6 / 8.0));
    }

    #[test]
    fn every_kind_of_stones_adds_up() {
        let mut f = Footprint::new();
        f.add_stone(ct(37)).unwrap();
        f.add_counted(12, ct(480)).unwrap();
        f.add_class_count(SizeClass::From2To4, 4).unwrap();
        f.add_stones(&Stones::Weighed(vec![ct(5), ct(1500)]))
            .unwrap();
        f.add_stones(&Stones::Counted {
            count: StoneCount::new(3).unwrap(),
            total: ct(45),
        })
        .unwrap();
        let parcel = Parcel::SizeClasses(vec![
            SizeClassCount {
                class: SizeClass::From0_50To1,
                count: StoneCount::new(20).unwrap(),
            },
            SizeClassCount {
                class: SizeClass::From0_50To1,
                count: StoneCount::new(2).unwrap(),
            },
        ]);
        f.add_parcel(&parcel).unwrap();
        f.add_parcel(&Parcel::Stones(vec![ct(260)])).unwrap();
        assert_eq!(f.total_stones, 1 + 12 + 4 + 2 + 3 + 22 + 1);
        assert_eq!(f.stones_without_weight, 4 + 22);
        assert_eq!(f.validate(), Ok(()));
    }

    #[test]
    fn overflow_is_refused_and_changes_nothing() {
        let mut f = by_class([u64::MAX, 0, 0, 0, 0, 0, 0, 0]);
        let before = f;
        assert_eq!(f.add_stone(ct(1)), Err(FootprintError::Overflow));
        assert_eq!(f, before);
        assert_eq!(
            f.add_class_count(SizeClass::From10, 1),
            Err(FootprintError::Overflow)
        );
        assert_eq!(f, before);
    }

    #[test]
    fn merging_is_adding_every_count() {
        let a = weighed(&[5, 12, 60, 60, 250]);
        let b = {
            let mut b = by_class([0, 3, 0, 0, 1, 0, 0, 2]);
            b.add_counted(4, ct(2000)).unwrap();
            b
        };
        let mut ab = a;
        ab.merge(&b).unwrap();
        let mut ba = b;
        ba.merge(&a).unwrap();
        assert_eq!(ab, ba);
        assert_eq!(ab.validate(), Ok(()));
        assert_eq!(ab.total_stones, a.total_stones + b.total_stones);
        assert_eq!(ab.total_carats, a.total_carats + b.total_carats);
        assert_eq!(ab.stones_without_weight, 6);
        // Merging the stones one by one gives the same as merging the footprints.
        let mut one_by_one = b;
        for h in [5, 12, 60, 60, 250] {
            one_by_one.add_stone(ct(h)).unwrap();
        }
        assert_eq!(one_by_one, ab);
    }

    #[test]
    fn validate_finds_inconsistent_imported_footprints() {
        let check = |f: Footprint, ok: bool| assert_eq!(f.validate().is_ok(), ok, "{f:?}");
        check(Footprint::new(), true);
        check(weighed(&[5, 500]), true);
        check(
            Footprint {
                total_stones: 1,
                ..Footprint::new()
            },
            false,
        );
        check(
            Footprint {
                total_carats: 1,
                ..Footprint::new()
            },
            false,
        );
        check(
            Footprint {
                stones_without_weight: 1,
                ..Footprint::new()
            },
            false,
        );
        let mut f = Footprint::new();
        f.carats[3] = 70;
        f.total_carats = 70;
        check(f, false);
    }

    #[test]
    fn footprints_and_comparisons_serialize_with_plain_snake_case_names() {
        let mut f = weighed(&[5, 150]);
        f.add_class_count(SizeClass::From10, 2).unwrap();
        let json = serde_json::to_value(f).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "stones": [1, 0, 0, 0, 1, 0, 0, 2],
                "carats": [5, 0, 0, 0, 150, 0, 0, 0],
                "total_stones": 4,
                "total_carats": 155,
                "stones_without_weight": 2,
            })
        );
        assert_eq!(serde_json::from_value::<Footprint>(json).unwrap(), f);

        let c = ks_test(&f, &f);
        let json = serde_json::to_value(c).unwrap();
        assert_eq!(json["statistic"], "kolmogorov_smirnov");
        assert_eq!(json["verdict"], "too_few_stones");
        assert_eq!(json["p_value"], serde_json::Value::Null);
        let c = chi_square_test(&f, &f);
        assert_eq!(serde_json::to_value(c).unwrap()["statistic"], "chi_square");
        for (s, name) in [
            (Verdict::Similar, "similar"),
            (Verdict::Different, "different"),
            (Verdict::TooFewStones, "too_few_stones"),
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), name);
        }
        assert_eq!(
            serde_json::from_str::<Statistic>("\"chi_square\"").unwrap(),
            Statistic::ChiSquare
        );
    }

    #[test]
    fn ln_gamma_known_values() {
        let check = |x: f64, want: f64| {
            let got = ln_gamma(x);
            assert!(
                close(got, want, 1e-13 * want.abs().max(1.0)),
                "ln Γ({x}) = {got}, not {want}"
            );
        };
        check(0.5, PI.sqrt().ln());
        check(1.0, 0.0);
        check(2.0, 0.0);
        check(1.5, (PI.sqrt() / 2.0).ln());
        check(3.5, (15.0 / 8.0 * PI.sqrt()).ln());
        check(10.0, 362_880f64.ln());
        let mut factorial = 1f64;
        for n in 1..=30u32 {
            check(f64::from(n), factorial.ln()); // Γ(n) = (n − 1)!
            factorial *= f64::from(n);
        }
    }

    #[test]
    fn upper_incomplete_gamma_known_values() {
        let check = |a: f64, x: f64, want: f64, tol: f64| {
            let got = gamma_q(a, x);
            assert!(close(got, want, tol), "Q({a}, {x}) = {got}, not {want}");
        };
        // Q(1, x) = e^{−x}; Q(2, x) = e^{−x}(1 + x); Q(a, 0) = 1. Both sides of x = a + 1.
        for x in [
            0.0, 0.01, 0.5, 1.0, 1.99, 2.0, 2.01, 3.0, 7.5, 20.0, 100.0, 700.0,
        ] {
            check(1.0, x, (-x).exp(), 1e-14);
            check(2.0, x, (-x).exp() * (1.0 + x), 1e-14);
        }
        check(3.5, 0.0, 1.0, 0.0);
        // Chi-square critical values: Q(df/2, χ²/2).
        let chi = |df: f64, chi2: f64, p: f64| check(df / 2.0, chi2 / 2.0, p, 1e-3);
        chi(1.0, 3.841, 0.05);
        chi(1.0, 6.635, 0.01);
        chi(2.0, 5.991, 0.05);
        chi(4.0, 13.277, 0.01);
        chi(5.0, 11.070, 0.05);
        chi(7.0, 14.067, 0.05);
        chi(7.0, 18.475, 0.01);
        chi(7.0, 0.0, 1.0);
    }

    /// The alternating series with many terms, no switch: a cross-check of the dual series.
    fn kolmogorov_q_plain(lambda: f64) -> f64 {
        (1..=400)
            .map(|k| {
                let k = f64::from(k);
                let sign = if k as u32 % 2 == 1 { 2.0 } else { -2.0 };
                sign * (-2.0 * k * k * lambda * lambda).exp()
            })
            .sum()
    }

    #[test]
    fn kolmogorov_distribution_known_values() {
        let check = |lambda: f64, want: f64, tol: f64| {
            let got = kolmogorov_q(lambda);
            assert!(close(got, want, tol), "Q_KS({lambda}) = {got}, not {want}");
        };
        check(0.0, 1.0, 0.0);
        check(0.01, 1.0, 1e-15);
        check(1.36, 0.049, 1e-3);
        check(1.63, 0.0098, 1e-3);
        check(1.224, 0.1, 1e-3);
        check(1.0, 0.27, 1e-3);
        check(10.0, 0.0, 1e-15);
        // Both series agree, across the switch at 1.18 too.
        for lambda in [
            0.3, 0.5, 0.8, 1.0, 1.17, 1.179_999, 1.18, 1.181, 1.5, 2.0, 3.0,
        ] {
            check(lambda, kolmogorov_q_plain(lambda), 1e-12);
        }
        // Decreasing.
        let mut last = 1.0;
        for i in 1..=400 {
            let q = kolmogorov_q(f64::from(i) * 0.01);
            assert!(q <= last, "Q_KS not decreasing at {i}");
            last = q;
        }
    }

    #[test]
    fn the_ks_statistic_is_the_largest_gap_of_cumulative_shares() {
        let check = |a: [u64; CLASS_COUNT], b: [u64; CLASS_COUNT], want: f64| {
            let c = ks_test(&by_class(a), &by_class(b));
            assert!(close(c.value, want, 1e-15), "{a:?} {b:?}: {}", c.value);
            assert_eq!(c.degrees_of_freedom, None);
        };
        check([1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 1], 1.0);
        check([1, 1, 0, 0, 0, 0, 0, 0], [0, 1, 1, 0, 0, 0, 0, 0], 0.5);
        // Cumulative 0.25, 0.75, 1 against 0.5, 0.5, 1: gaps 0.25 and 0.25.
        check([1, 2, 1, 0, 0, 0, 0, 0], [2, 0, 2, 0, 0, 0, 0, 0], 0.25);
        check([3, 3, 3, 3, 3, 3, 3, 3], [1, 1, 1, 1, 1, 1, 1, 1], 0.0);
        check([10, 0, 0, 0, 0, 0, 0, 30], [0, 0, 0, 20, 0, 0, 0, 20], 0.25);
        check([0; CLASS_COUNT], [1, 0, 0, 0, 0, 0, 0, 0], 0.0);
    }

    #[test]
    fn the_ks_p_value_uses_the_effective_number_of_stones() {
        // 100 and 100 stones, D = 0.2: nₑ = 50, λ = (√50 + 0.12 + 0.11/√50)·0.2.
        let a = by_class([60, 40, 0, 0, 0, 0, 0, 0]);
        let b = by_class([40, 60, 0, 0, 0, 0, 0, 0]);
        let c = ks_test(&a, &b);
        let ne: f64 = 50.0;
        let lambda = (ne.sqrt() + 0.12 + 0.11 / ne.sqrt()) * 0.2;
        assert!(close(c.value, 0.2, 1e-15));
        assert_eq!(c.p_value, Some(kolmogorov_q(lambda)));
        assert!(close(c.p_value.unwrap(), 0.0314, 1e-4), "{c:?}");
        assert_eq!(c.verdict, Verdict::Similar);
        assert_eq!((c.n_sample, c.n_reference), (100, 100));
    }

    #[test]
    fn the_chi_square_value_and_degrees_of_freedom() {
        let check = |a: [u64; CLASS_COUNT], b: [u64; CLASS_COUNT], chi2: f64, df: u32| {
            let c = chi_square_test(&by_class(a), &by_class(b));
            assert!(close(c.value, chi2, 1e-9), "{a:?} {b:?}: χ² {}", c.value);
            assert_eq!(c.degrees_of_freedom, Some(df), "{a:?} {b:?}");
        };
        // 2×2 table [[30, 20], [20, 30]]: every E = 25, χ² = 4·25/25 = 4.
        check(
            [30, 20, 0, 0, 0, 0, 0, 0],
            [20, 30, 0, 0, 0, 0, 0, 0],
            4.0,
            1,
        );
        // The same with the empty classes elsewhere: still one degree of freedom.
        check(
            [0, 0, 0, 30, 0, 0, 20, 0],
            [0, 0, 0, 20, 0, 0, 30, 0],
            4.0,
            1,
        );
        // [[10, 20, 30], [20, 20, 20]]: E = [[15, 20, 25], [15, 20, 25]],
        // χ² = 2·(25/15 + 0 + 25/25) = 16/3.
        check(
            [10, 20, 30, 0, 0, 0, 0, 0],
            [20, 20, 20, 0, 0, 0, 0, 0],
            16.0 / 3.0,
            2,
        );
        // A class that only one side has still counts.
        check(
            [50, 0, 0, 0, 0, 0, 0, 0],
            [25, 0, 0, 0, 0, 0, 0, 25],
            100.0 / 3.0,
            1,
        );
        // All stones in one class on both sides: nothing to test.
        check([40, 0, 0, 0, 0, 0, 0, 0], [90, 0, 0, 0, 0, 0, 0, 0], 0.0, 0);
        let one_class = chi_square_test(
            &by_class([40, 0, 0, 0, 0, 0, 0, 0]),
            &by_class([90, 0, 0, 0, 0, 0, 0, 0]),
        );
        assert_eq!(one_class.p_value, Some(1.0));
        assert_eq!(one_class.verdict, Verdict::Similar);
        // The 2×2 example's p-value: Q(1/2, 2) = erfc(√2) = 0.0455.
        let c = chi_square_test(
            &by_class([30, 20, 0, 0, 0, 0, 0, 0]),
            &by_class([20, 30, 0, 0, 0, 0, 0, 0]),
        );
        assert!(close(c.p_value.unwrap(), 0.045_500_263_9, 1e-9), "{c:?}");
        assert_eq!(c.verdict, Verdict::Similar);
    }

    #[test]
    fn identical_footprints_are_similar() {
        let check = |f: Footprint| {
            for s in [Statistic::KolmogorovSmirnov, Statistic::ChiSquare] {
                let c = compare(&f, &f, s);
                assert_eq!(c.statistic, s);
                assert_eq!(c.value, 0.0, "{s:?} {f:?}");
                assert_eq!(c.p_value, Some(1.0), "{s:?} {f:?}");
                assert_eq!(c.verdict, Verdict::Similar, "{s:?} {f:?}");
                assert_eq!(
                    (c.n_sample, c.n_reference),
                    (f.total_stones, f.total_stones)
                );
            }
        };
        check(by_class([5, 10, 20, 40, 20, 10, 4, 1]));
        check(by_class([0, 0, 30, 0, 0, 0, 0, 0]));
        check(weighed(&[7; 30]));
        check(weighed(&(0..3000).collect::<Vec<u64>>()));
        // Proportional footprints have the same shares.
        let c = ks_test(
            &by_class([5, 10, 20, 40, 20, 10, 4, 1]),
            &by_class([50, 100, 200, 400, 200, 100, 40, 10]),
        );
        assert_eq!((c.value, c.p_value), (0.0, Some(1.0)));
        let c = chi_square_test(
            &by_class([5, 10, 20, 40, 20, 10, 4, 1]),
            &by_class([50, 100, 200, 400, 200, 100, 40, 10]),
        );
        assert_eq!((c.value, c.p_value), (0.0, Some(1.0)));
    }

    #[test]
    fn small_stones_against_large_stones_are_different() {
        // 200 stones each: mostly below 0.25 ct, and mostly above 1 ct.
        let small: Vec<u64> = (0..200)
            .map(|i| if i % 10 == 0 { 60 } else { 3 + i % 22 })
            .collect();
        let large: Vec<u64> = (0..200)
            .map(|i| if i % 10 == 0 { 40 } else { 100 + 7 * i })
            .collect();
        let (small, large) = (weighed(&small), weighed(&large));
        assert!(small.stones[..2].iter().sum::<u64>() >= 180);
        assert!(large.stones[4..].iter().sum::<u64>() >= 180);
        for s in [Statistic::KolmogorovSmirnov, Statistic::ChiSquare] {
            let c = compare(&small, &large, s);
            assert_eq!(c.verdict, Verdict::Different, "{c:?}");
            assert!(c.p_value.unwrap() < 1e-6, "{c:?}");
            assert_eq!((c.n_sample, c.n_reference), (200, 200));
            let back = compare(&large, &small, s);
            assert_eq!(back.value, c.value, "{s:?} is symmetric");
        }
        assert!(ks_test(&small, &large).value >= 0.8);
        assert_eq!(chi_square_test(&small, &large).degrees_of_freedom, Some(7));
    }

    #[test]
    fn too_few_stones_gives_no_p_value() {
        let check = |a: Footprint, b: Footprint| {
            for s in [Statistic::KolmogorovSmirnov, Statistic::ChiSquare] {
                let c = compare(&a, &b, s);
                assert_eq!(c.verdict, Verdict::TooFewStones, "{s:?} {a:?} {b:?}");
                assert_eq!(c.p_value, None, "{s:?}");
                assert!(c.value.is_finite());
            }
        };
        let thirty = by_class([0, 30, 0, 0, 0, 0, 0, 0]);
        let few = by_class([0, 0, 0, 0, 0, 29, 0, 0]);
        check(few, thirty);
        check(thirty, few);
        check(Footprint::new(), thirty);
        check(Footprint::new(), Footprint::new());
        // Thirty on each side is enough, and this pair is plainly different.
        let other = by_class([0, 0, 0, 0, 0, 30, 0, 0]);
        assert_eq!(ks_test(&thirty, &other).verdict, Verdict::Different);
        assert_eq!(chi_square_test(&thirty, &other).verdict, Verdict::Different);
        // With too few stones the statistic itself is still reported.
        assert_eq!(ks_test(&few, &thirty).value, 1.0);
    }

    #[test]
    fn the_suggested_statistic_is_chi_square_for_class_counts() {
        let w = weighed(&[10, 20]);
        let c = by_class([1, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(Statistic::suggested(&w, &w), Statistic::KolmogorovSmirnov);
        assert_eq!(Statistic::suggested(&c, &w), Statistic::ChiSquare);
        assert_eq!(Statistic::suggested(&w, &c), Statistic::ChiSquare);
        assert_eq!(Statistic::default(), Statistic::KolmogorovSmirnov);
    }

    fn footprint() -> impl Strategy<Value = Footprint> {
        (
            prop::array::uniform8(0u64..120),
            prop::collection::vec(0u64..2_500, 0..150),
        )
            .prop_map(|(counts, weights)| {
                let mut f = by_class(counts);
                f.merge(&weighed(&weights)).unwrap();
                f
            })
    }

    fn scaled(f: &Footprint, m: u64) -> Footprint {
        let mut out = Footprint::new();
        for _ in 0..m {
            out.merge(f).unwrap();
        }
        out
    }

    proptest! {
        #[test]
        fn the_ks_statistic_is_in_0_1_and_symmetric(a in footprint(), b in footprint()) {
            let ab = ks_test(&a, &b);
            let ba = ks_test(&b, &a);
            prop_assert!((0.0..=1.0).contains(&ab.value), "{}", ab.value);
            prop_assert_eq!(ab.value, ba.value);
            prop_assert_eq!(ab.p_value, ba.p_value);
            prop_assert_eq!(ab.verdict, ba.verdict);
            if let Some(p) = ab.p_value {
                prop_assert!((0.0..=1.0).contains(&p), "{}", p);
            }
        }

        #[test]
        fn the_chi_square_p_value_is_in_0_1(a in footprint(), b in footprint()) {
            let c = chi_square_test(&a, &b);
            prop_assert!(c.value >= 0.0 && c.value.is_finite(), "{}", c.value);
            if let Some(p) = c.p_value {
                prop_assert!((0.0..=1.0).contains(&p), "{}", p);
            }
            prop_assert_eq!(c.value, chi_square_test(&b, &a).value);
        }

        #[test]
        fn more_of_the_same_stones_never_raises_the_p_value(
            a in footprint(),
            b in footprint(),
            m in 2u64..12,
        ) {
            let (am, bm) = (scaled(&a, m), scaled(&b, m));
            for s in [Statistic::KolmogorovSmirnov, Statistic::ChiSquare] {
                let (before, after) = (compare(&a, &b, s), compare(&am, &bm, s));
                if let (Some(p), Some(pm)) = (before.p_value, after.p_value) {
                    // Equal up to rounding when the p-value is 1 or 0 on both sides.
                    prop_assert!(pm <= p + 1e-12, "{:?}: {} then {} at ×{}", s, p, pm, m);
                }
            }
        }

        #[test]
        fn shares_always_sum_to_one_or_zero(f in footprint()) {
            let s: f64 = f.share_of_stones().iter().sum();
            let c: f64 = f.share_of_carats().iter().sum();
            let want_s = if f.total_stones > 0 { 1.0 } else { 0.0 };
            let want_c = if f.total_carats > 0 { 1.0 } else { 0.0 };
            prop_assert!(close(s, want_s, 1e-12), "{}", s);
            prop_assert!(close(c, want_c, 1e-12), "{}", c);
            prop_assert_eq!(f.validate(), Ok(()));
        }
    }
}
