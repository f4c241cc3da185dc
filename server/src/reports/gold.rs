//! Gold's fineness (pure): an assay of a gold sale, and the fine gold it holds.
//!
//! Artisanal gold is weighed at the pit and at the buying office as it is, dust or nuggets
//! with silver and other metals in them; what it is worth is its fine gold. Fineness is
//! found by assay, at the buying office or at the government's assay office, never at the
//! pit, so it is recorded at the ministry against a sale, not on the handset. It is written
//! as parts per thousand with one decimal, as assay certificates write it (`916.7` is 22
//! carat gold, `999.9` four nines).
//!
//! Reports give gold in grams as weighed, and beside it the grams that were assayed and the
//! fine gold they hold: the share assayed says how far the fine figure reaches.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Millesimal fineness in tenths: 9167 is 916.7 parts per thousand. From 0.1 to 1000.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fineness(u32);

impl Fineness {
    pub const MAX_TENTHS: u32 = 10_000;

    /// `916.7`, `995`, `999.9`: parts per thousand, at most one decimal, above 0 and at most
    /// 1000.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "fineness {text:?} is not parts per thousand with at most one decimal, above 0 \
                 and at most 1000 (e.g. 916.7)"
            )
        };
        let (whole, tenth) = match text.split_once('.') {
            Some((w, t)) if t.len() == 1 => (w, t),
            Some(_) => return Err(bad()),
            None => (text, "0"),
        };
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || !digits(tenth) {
            return Err(bad());
        }
        let tenths = whole.parse::<u32>().map_err(|_| bad())? * 10
            + tenth.parse::<u32>().map_err(|_| bad())?;
        Self::from_tenths(tenths).ok_or_else(bad)
    }

    pub fn from_tenths(tenths: u32) -> Option<Self> {
        (1..=Self::MAX_TENTHS)
            .contains(&tenths)
            .then_some(Self(tenths))
    }

    pub fn tenths(self) -> u32 {
        self.0
    }

    /// The fine gold in `milligrams` of this fineness, rounded down to the milligram.
    pub fn fine_milligrams(self, milligrams: i64) -> i64 {
        milligrams.saturating_mul(i64::from(self.0)) / i64::from(Self::MAX_TENTHS)
    }
}

impl std::fmt::Display for Fineness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// An assay of a gold sale, as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssayRecord {
    pub sale: Uuid,
    pub fineness: Fineness,
    /// Who assayed it (the assay office or the buyer's laboratory).
    pub assayer: String,
    pub assayed_at: sync_protocol::clock::Hlc,
    pub assayed_by: String,
}

/// An assayed gold sale as the reports count it: where it is filed (the region and those
/// above it), its month, its weight and its fineness.
#[derive(Debug, Clone, PartialEq)]
pub struct AssayedSale {
    pub lineage: Vec<Uuid>,
    pub month: i32,
    pub milligrams: i64,
    pub fineness: Fineness,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fineness_reads_as_assay_certificates_write_it() {
        assert_eq!(Fineness::parse("916.7").unwrap().tenths(), 9_167);
        assert_eq!(Fineness::parse("995").unwrap().tenths(), 9_950);
        assert_eq!(Fineness::parse("1000").unwrap().tenths(), 10_000);
        assert_eq!(Fineness::parse("0.1").unwrap().tenths(), 1);
        for bad in [
            "", "0", "0.0", "1000.1", "1001", "916.75", "916.", ".5", "-5", "9e2", " 916", "abc",
            "99999", "916,7",
        ] {
            assert!(Fineness::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Fineness::parse("916.7").unwrap().to_string(), "916.7");
        assert_eq!(Fineness::parse("995").unwrap().to_string(), "995.0");
    }

    #[test]
    fn fine_gold_is_the_weight_times_the_fineness() {
        let f = Fineness::parse("916.7").unwrap();
        // 10 g at 916.7: 9.167 g fine.
        assert_eq!(f.fine_milligrams(10_000), 9_167);
        assert_eq!(
            Fineness::parse("1000").unwrap().fine_milligrams(1_234),
            1_234
        );
        assert_eq!(f.fine_milligrams(0), 0);
    }

    proptest! {
        #[test]
        fn fine_gold_never_exceeds_the_weight_and_fineness_round_trips(
            tenths in 1u32..=10_000,
            mg in 0i64..1_000_000_000_000,
        ) {
            let f = Fineness::from_tenths(tenths).unwrap();
            prop_assert!(f.fine_milligrams(mg) <= mg);
            prop_assert_eq!(Fineness::parse(&f.to_string()).unwrap(), f);
        }
    }
}
