//! What a flag is: its kind, its severity, the key that names its cause, and the finding a
//! rule returns.
//!
//! A flag is identified by its *cause*, never by when or in which order it was found: the
//! [`FlagKey`] is the kind, the record the flag is about, and the other record of the pair
//! when there is one (the licence a production names, the buyer licence of a sale, the
//! other miner of a duplicate). Evaluating the same facts again yields the same key, so
//! re-evaluation is idempotent and a store can keep one flag per key. [`key_bytes`] is that
//! key as 34 bytes, and [`flag_id`] their hex, the flag's id in URLs.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// How urgently an officer should look.
///
/// - `High`: a likely breach of the internal-control system itself (a leak of stones into
///   or out of the legal chain, a cloned device); look first.
/// - `Medium`: a likely breach with a common innocent explanation (a claim walked badly,
///   a registration not synced yet, a lucky day); look in the normal review.
/// - `Low`: most likely a data-entry or device problem, or a weak signal (namesakes);
///   look when convenient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

/// The kinds of red flags. Serialized in snake_case (`"outside_licence_area"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// A production's GPS fix lies outside its licence's area, beyond the fix's accuracy.
    OutsideLicenceArea,
    /// A production's GPS fix lies outside its licence's country, or in another country.
    OutsideCountry,
    /// A production on a licence that was not valid on its date (unknown, not yet issued,
    /// expired, suspended, revoked).
    LicenceNotValid,
    /// A production or sale names a miner who is not registered.
    UnregisteredMiner,
    /// A sale to a buyer without a buyer or exporter licence valid on the sale date.
    UnlicensedBuyer,
    /// Carats per digger-day far above the region's recent median.
    ImplausibleProductivity,
    /// A stone weight out of the plausible range for its mineral.
    ImpossibleStoneWeight,
    /// Two miners with the same national id.
    DuplicateNationalId,
    /// Two miners with the same normalized name and birth year in the same district.
    DuplicateNameAndBirthYear,
    /// A device's clock far from the server's when it sealed a batch.
    DeviceClockSkew,
    /// A device sent two different batches under one sequence number.
    BatchFork,
    /// A mining licence whose area is missing or cannot be used (as the geo layer found it),
    /// so its productions cannot be checked against it.
    InvalidLicenceArea,
    /// An exporter shipped more, in some quarter, than it had bought from registered miners
    /// and licensed buyers plus its declared stock, beyond the margin
    /// (`reports::exports::Thresholds::excess`).
    ExportsExceedPurchases,
    /// An entry of the batch log that the server could not apply (a batch, a fork's
    /// evidence, an administrative act, or a frame this build cannot read): kept in the log,
    /// set aside, and skipped, so that one entry never stops the server.
    QuarantinedEntry,
    /// A licensed dealer sold more, in some quarter, than it had bought from registered
    /// miners and licensed buyers plus its declared stock, beyond the margin.
    SalesExceedPurchases,
}

impl FlagKind {
    /// Every kind; a kind's position is its detail byte in the rollup cells, so new kinds
    /// go at the end.
    pub const ALL: [FlagKind; 15] = [
        FlagKind::OutsideLicenceArea,
        FlagKind::OutsideCountry,
        FlagKind::LicenceNotValid,
        FlagKind::UnregisteredMiner,
        FlagKind::UnlicensedBuyer,
        FlagKind::ImplausibleProductivity,
        FlagKind::ImpossibleStoneWeight,
        FlagKind::DuplicateNationalId,
        FlagKind::DuplicateNameAndBirthYear,
        FlagKind::DeviceClockSkew,
        FlagKind::BatchFork,
        FlagKind::InvalidLicenceArea,
        FlagKind::ExportsExceedPurchases,
        FlagKind::QuarantinedEntry,
        FlagKind::SalesExceedPurchases,
    ];

    /// The snake_case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::OutsideLicenceArea => "outside_licence_area",
            Self::OutsideCountry => "outside_country",
            Self::LicenceNotValid => "licence_not_valid",
            Self::UnregisteredMiner => "unregistered_miner",
            Self::UnlicensedBuyer => "unlicensed_buyer",
            Self::ImplausibleProductivity => "implausible_productivity",
            Self::ImpossibleStoneWeight => "impossible_stone_weight",
            Self::DuplicateNationalId => "duplicate_national_id",
            Self::DuplicateNameAndBirthYear => "duplicate_name_and_birth_year",
            Self::DeviceClockSkew => "device_clock_skew",
            Self::BatchFork => "batch_fork",
            Self::InvalidLicenceArea => "invalid_licence_area",
            Self::ExportsExceedPurchases => "exports_exceed_purchases",
            Self::QuarantinedEntry => "quarantined_entry",
            Self::SalesExceedPurchases => "sales_exceed_purchases",
        }
    }

    /// The severity a flag of this kind is raised with.
    pub fn default_severity(self) -> Severity {
        match self {
            // Stones from across the border entering the legal chain: the Ghana/Côte
            // d'Ivoire case that suspended Ghana's exports in 2006.
            Self::OutsideCountry => Severity::High,
            // Mining on a licence that is revoked, suspended, expired or not issued is, in
            // law, unlicensed production; it also lowers the "on valid licences" indicator.
            Self::LicenceNotValid => Severity::High,
            // A sale to an unlicensed buyer is where stones leave the recorded chain.
            Self::UnlicensedBuyer => Severity::High,
            // One national id on two registrations is a duplicate or a borrowed identity
            // (ghost miners are a known way to launder production).
            Self::DuplicateNationalId => Severity::High,
            // Two devices signing as one: a cloned device or a leaked key.
            Self::BatchFork => Severity::High,
            // Stones shipped that were never bought in the registry came from somewhere
            // else: smuggled production, or goods from across a border given a legal exit.
            Self::ExportsExceedPurchases => Severity::High,
            // A dealer selling stones it never bought gives them a registered past: the
            // same laundering one step earlier in the chain.
            Self::SalesExceedPurchases => Severity::High,
            // Acknowledged records the registry does not show until someone looks: a
            // software fault or a hostile device, either way urgent.
            Self::QuarantinedEntry => Severity::High,
            // Often a claim walked badly or a fix taken at the camp, but also the signature
            // of digging off-licence.
            Self::OutsideLicenceArea => Severity::Medium,
            // Often a registration that has not arrived yet (the flag then closes itself).
            Self::UnregisteredMiner => Severity::Medium,
            // Inflated production is how smuggled stones get a legal origin, but alluvial
            // finds are heavy-tailed and lucky days happen.
            Self::ImplausibleProductivity => Severity::Medium,
            // Productions on this licence cannot be checked against its area.
            Self::InvalidLicenceArea => Severity::Medium,
            // Almost always a misplaced decimal point; it spoils footprints and totals.
            Self::ImpossibleStoneWeight => Severity::Low,
            // Namesakes are common (day names, common surnames); a weak signal.
            Self::DuplicateNameAndBirthYear => Severity::Low,
            // The server already caps effective stamps at receipt; an operational fix.
            Self::DeviceClockSkew => Severity::Low,
        }
    }

    /// Why a flag of this kind is closed when re-evaluation no longer finds its cause.
    /// Completes "cause no longer present: …".
    pub fn cleared_reason(self) -> &'static str {
        match self {
            Self::OutsideLicenceArea => {
                "the fix lies within the licence's area allowing for its accuracy, \
                 or the production no longer names that licence"
            }
            Self::OutsideCountry => {
                "the fix lies in the licence's country, or the production no longer names \
                 that licence"
            }
            Self::LicenceNotValid => {
                "the licence is known and valid on the production date, or the production \
                 no longer names it"
            }
            Self::UnregisteredMiner => {
                "the miner is registered, or the record no longer names them"
            }
            Self::UnlicensedBuyer => {
                "the buyer licence is a buyer or exporter licence valid on the sale date, \
                 or the sale no longer names it"
            }
            Self::ImplausibleProductivity => {
                "carats per digger-day are within the threshold of the region's median"
            }
            Self::ImpossibleStoneWeight => "every stone weight is within range",
            Self::DuplicateNationalId => "the two miners no longer share a national id",
            Self::DuplicateNameAndBirthYear => {
                "the two miners no longer share name, birth year and district"
            }
            Self::DeviceClockSkew => {
                "the device's latest batch was sealed with a clock close to the server's"
            }
            Self::BatchFork => "the fork evidence is no longer present",
            Self::InvalidLicenceArea => "the licence's area is present and valid",
            Self::ExportsExceedPurchases => {
                "in every quarter the exporter shipped no more than it bought and held, \
                 within the margin"
            }
            Self::QuarantinedEntry => "the entry was applied after all",
            Self::SalesExceedPurchases => {
                "in every quarter the dealer sold no more than it bought and held, within the \
                 margin"
            }
        }
    }
}

impl fmt::Display for FlagKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The identity of a flag, derived only from its cause: the same facts always give the
/// same key.
///
/// - `primary`: the record the flag is about (a production, sale, licence), or the device
///   for device flags; for a duplicate pair, the smaller of the two miner ids.
/// - `secondary`: the other record of a pair, when the cause involves one: the licence of
///   a production flag about that licence, the miner a production or sale names, the
///   buyer licence of a sale, the larger miner id of a duplicate pair.
///
/// Including the secondary record means a production corrected to name another licence
/// closes the flag about the old licence and, if the new one is also wrong, raises a new
/// flag about the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FlagKey {
    pub kind: FlagKind,
    pub primary: Uuid,
    pub secondary: Option<Uuid>,
}

impl From<FlagKey> for crate::events::FlagRef {
    fn from(k: FlagKey) -> Self {
        Self {
            kind: k.kind.name().into(),
            primary: k.primary,
            secondary: k.secondary,
        }
    }
}

impl TryFrom<&crate::events::FlagRef> for FlagKey {
    type Error = String;

    fn try_from(r: &crate::events::FlagRef) -> Result<Self, String> {
        let kind = FlagKind::ALL
            .into_iter()
            .find(|k| k.name() == r.kind)
            .ok_or_else(|| format!("a flag of kind {:?}, unknown to this build", r.kind))?;
        Ok(Self {
            kind,
            primary: r.primary,
            secondary: r.secondary,
        })
    }
}

impl FlagKey {
    /// A flag about one record alone.
    pub fn single(kind: FlagKind, primary: Uuid) -> Self {
        Self {
            kind,
            primary,
            secondary: None,
        }
    }

    /// A flag about a record and another record it names (order matters).
    pub fn about(kind: FlagKind, primary: Uuid, secondary: Uuid) -> Self {
        Self {
            kind,
            primary,
            secondary: Some(secondary),
        }
    }

    /// A flag about an unordered pair: the smaller id is primary, so (a, b) and (b, a)
    /// are the same flag.
    pub fn pair(kind: FlagKind, a: Uuid, b: Uuid) -> Self {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        Self::about(kind, lo, hi)
    }

    /// Whether this flag involves the record, in either position.
    pub fn involves(&self, id: Uuid) -> bool {
        self.primary == id || self.secondary == Some(id)
    }
}

impl fmt::Display for FlagKey {
    /// `kind/primary` or `kind/primary/secondary`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind, self.primary)?;
        if let Some(s) = self.secondary {
            write!(f, "/{s}")?;
        }
        Ok(())
    }
}

/// What a rule found: a flag that should be open now, with what an officer needs to judge
/// it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub key: FlagKey,
    pub kind: FlagKind,
    pub severity: Severity,
    /// Every record involved, the flagged one first.
    pub records: Vec<Uuid>,
    /// A small object with the numbers: distance, median, ratio, dates, ids.
    pub evidence: serde_json::Value,
    /// One sentence for a person.
    pub summary: String,
}

impl Finding {
    /// A finding with its kind's default severity.
    pub fn new(
        key: FlagKey,
        records: Vec<Uuid>,
        evidence: serde_json::Value,
        summary: String,
    ) -> Self {
        Self {
            key,
            kind: key.kind,
            severity: key.kind.default_severity(),
            records,
            evidence,
            summary,
        }
    }
}

/// A flag key as storage bytes: kind, primary, secondary (zeros when none), and whether
/// there is a secondary.
pub fn key_bytes(key: &FlagKey) -> Vec<u8> {
    let kind = FlagKind::ALL
        .iter()
        .position(|k| *k == key.kind)
        .expect("every kind is listed") as u8;
    let mut out = Vec::with_capacity(34);
    out.push(kind);
    out.extend_from_slice(key.primary.as_bytes());
    out.extend_from_slice(key.secondary.unwrap_or_default().as_bytes());
    out.push(u8::from(key.secondary.is_some()));
    out
}

pub fn key_from_bytes(b: &[u8]) -> Option<FlagKey> {
    if b.len() != 34 {
        return None;
    }
    let kind = *FlagKind::ALL.get(usize::from(b[0]))?;
    let primary = Uuid::from_slice(&b[1..17]).ok()?;
    let secondary = Uuid::from_slice(&b[17..33]).ok()?;
    Some(FlagKey {
        kind,
        primary,
        secondary: (b[33] == 1).then_some(secondary),
    })
}

/// A flag's id in URLs: the hex of its key bytes.
pub fn flag_id(key: &FlagKey) -> String {
    hex::encode(key_bytes(key))
}

pub fn parse_flag_id(id: &str) -> Option<FlagKey> {
    key_from_bytes(&hex::decode(id).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_ids_round_trip() {
        let a = FlagKey::single(FlagKind::BatchFork, Uuid::from_u128(7));
        let b = FlagKey::about(FlagKind::LicenceNotValid, Uuid::from_u128(1), Uuid::nil());
        for k in [a, b] {
            assert_eq!(parse_flag_id(&flag_id(&k)), Some(k));
        }
        assert_ne!(flag_id(&a), flag_id(&b));
        assert_eq!(parse_flag_id("zz"), None);
        assert_eq!(parse_flag_id(&"00".repeat(33)), None);
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn kind_names_match_their_json() {
        for kind in FlagKind::ALL {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, serde_json::json!(kind.name()), "{kind:?}");
            let back: FlagKind = serde_json::from_value(json).unwrap();
            assert_eq!(back, kind);
        }
    }

    #[test]
    fn every_kind_is_listed_once() {
        let mut names: Vec<_> = FlagKind::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FlagKind::ALL.len());
    }

    #[test]
    fn default_severities() {
        let check = |kind: FlagKind, expected: Severity| {
            assert_eq!(kind.default_severity(), expected, "{kind:?}");
        };
        check(FlagKind::OutsideCountry, Severity::High);
        check(FlagKind::LicenceNotValid, Severity::High);
        check(FlagKind::UnlicensedBuyer, Severity::High);
        check(FlagKind::DuplicateNationalId, Severity::High);
        check(FlagKind::BatchFork, Severity::High);
        check(FlagKind::OutsideLicenceArea, Severity::Medium);
        check(FlagKind::UnregisteredMiner, Severity::Medium);
        check(FlagKind::ImplausibleProductivity, Severity::Medium);
        check(FlagKind::InvalidLicenceArea, Severity::Medium);
        check(FlagKind::ImpossibleStoneWeight, Severity::Low);
        check(FlagKind::DuplicateNameAndBirthYear, Severity::Low);
        check(FlagKind::DeviceClockSkew, Severity::Low);
        assert!(Severity::High > Severity::Medium && Severity::Medium > Severity::Low);
    }

    #[test]
    fn pair_keys_are_symmetric() {
        let k = FlagKind::DuplicateNationalId;
        assert_eq!(
            FlagKey::pair(k, id(1), id(2)),
            FlagKey::pair(k, id(2), id(1))
        );
        assert_eq!(FlagKey::pair(k, id(2), id(1)).primary, id(1));
        assert_ne!(
            FlagKey::about(k, id(1), id(2)),
            FlagKey::about(k, id(2), id(1))
        );
    }

    #[test]
    fn keys_display_and_serialize() {
        let check = |key: FlagKey, expected: &str| assert_eq!(key.to_string(), expected);
        check(
            FlagKey::single(FlagKind::DeviceClockSkew, id(1)),
            "device_clock_skew/00000000-0000-0000-0000-000000000001",
        );
        check(
            FlagKey::about(FlagKind::LicenceNotValid, id(1), id(2)),
            "licence_not_valid/00000000-0000-0000-0000-000000000001/\
             00000000-0000-0000-0000-000000000002",
        );
        let key = FlagKey::about(FlagKind::OutsideLicenceArea, id(3), id(4));
        let json = serde_json::to_value(key).unwrap();
        assert_eq!(json["kind"], "outside_licence_area");
        assert_eq!(serde_json::from_value::<FlagKey>(json).unwrap(), key);
    }

    #[test]
    fn involves_either_position() {
        let key = FlagKey::pair(FlagKind::DuplicateNameAndBirthYear, id(5), id(9));
        assert!(key.involves(id(5)) && key.involves(id(9)) && !key.involves(id(7)));
    }

    #[test]
    fn a_finding_takes_its_kinds_severity() {
        let key = FlagKey::single(FlagKind::ImpossibleStoneWeight, id(1));
        let f = Finding::new(key, vec![id(1)], serde_json::json!({}), "x".into());
        assert_eq!(f.kind, FlagKind::ImpossibleStoneWeight);
        assert_eq!(f.severity, Severity::Low);
    }
}
