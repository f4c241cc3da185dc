//! Flags grouped into cases (pure): one root cause, one case, with its records attached.
//!
//! A flag about a production on an expired licence is keyed by the production *and* the
//! licence; the licence is the cause. Four expired licences dug on for 105 site-days are
//! four cases holding 105 productions, not 105 things to review. A flag's cause is the
//! second record of its key (the licence, the miner, the other registration) where it has
//! one, else the record itself (an exporter's balance, a device's clock): such a case
//! holds its one flag. A licence's implausible months are one case about the licence.
//!
//! A case is **open** while any of its flags is open, **resolved** when none is open and
//! some are resolved, **closed** when all are closed; its severity is its flags' highest.

use std::collections::BTreeMap;

use serde::Serialize;
use sync_protocol::clock::Hlc;
use uuid::Uuid;

use super::stored::{FlagState, StoredFlag};
use super::{FlagKind, Severity};

/// At most this many records are listed in a case (the count says how many there are).
pub const LISTED: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    /// `{kind}:{cause}`.
    pub id: String,
    pub kind: FlagKind,
    pub cause: Uuid,
    /// The cause's name, for a person (a licence number, a miner's names); filled by the
    /// caller, which reads the records.
    pub cause_name: Option<String>,
    pub severity: Severity,
    pub state: FlagState,
    pub flags: usize,
    pub open: usize,
    /// The flagged records (the first [`LISTED`]), oldest flag first.
    pub records: Vec<Uuid>,
    pub region: Option<Uuid>,
    pub region_name: Option<String>,
    pub first_raised: Hlc,
    pub last_updated: Hlc,
}

/// The cause of a flag: the second record of its key, else its first. A licence's
/// implausible months are one case about the licence (the second part of their key is a
/// period, not a record).
pub fn cause_of(f: &StoredFlag) -> Uuid {
    match (f.key.kind, f.key.secondary) {
        (FlagKind::ImplausibleProductivity, _) | (_, None) => f.key.primary,
        (_, Some(cause)) => cause,
    }
}

/// The cases of `flags`, most urgent first: highest severity, then most open flags, then
/// most flags, then the cause's id.
pub fn cases<'a>(flags: impl IntoIterator<Item = &'a StoredFlag>) -> Vec<Case> {
    let mut by_cause: BTreeMap<(FlagKind, Uuid), Vec<&StoredFlag>> = BTreeMap::new();
    for f in flags {
        by_cause
            .entry((f.key.kind, cause_of(f)))
            .or_default()
            .push(f);
    }
    let mut out: Vec<Case> = by_cause
        .into_iter()
        .map(|((kind, cause), mut flags)| {
            flags.sort_by_key(|f| (f.raised_at, f.key.primary));
            let open = flags.iter().filter(|f| f.state == FlagState::Open).count();
            let state = if open > 0 {
                FlagState::Open
            } else if flags.iter().any(|f| f.state == FlagState::Resolved) {
                FlagState::Resolved
            } else {
                FlagState::Closed
            };
            Case {
                id: format!("{}:{cause}", kind.name()),
                kind,
                cause,
                cause_name: None,
                severity: flags
                    .iter()
                    .map(|f| f.severity)
                    .max()
                    .unwrap_or(Severity::Low),
                state,
                flags: flags.len(),
                open,
                records: flags
                    .iter()
                    .map(|f| f.key.primary)
                    .filter(|p| *p != cause)
                    .take(LISTED)
                    .collect(),
                region: flags.iter().find_map(|f| f.region),
                region_name: None,
                first_raised: flags.iter().map(|f| f.raised_at).min().unwrap_or_default(),
                last_updated: flags.iter().map(|f| f.updated_at).max().unwrap_or_default(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (b.severity, b.open, b.flags)
            .cmp(&(a.severity, a.open, a.flags))
            .then(a.cause.cmp(&b.cause))
    });
    out
}

/// The cases as CSV: `case, kind, severity, state, cause, cause_name, flags, open, region,
/// region_name, first_raised, last_updated` (times in RFC 3339).
pub fn to_csv(cases: &[Case]) -> Result<String, csv::Error> {
    let mut w = crate::reports::sheet::Sheet::new();
    w.row([
        "case",
        "kind",
        "severity",
        "state",
        "cause",
        "cause_name",
        "flags",
        "open",
        "region",
        "region_name",
        "first_raised",
        "last_updated",
    ])?;
    use crate::reports::wire_name as name;
    for c in cases {
        w.row([
            c.id.clone(),
            c.kind.name().to_string(),
            name(&c.severity),
            name(&c.state),
            c.cause.to_string(),
            c.cause_name.clone().unwrap_or_default(),
            c.flags.to_string(),
            c.open.to_string(),
            c.region.map(|r| r.to_string()).unwrap_or_default(),
            c.region_name.clone().unwrap_or_default(),
            c.first_raised.rfc3339(),
            c.last_updated.rfc3339(),
        ])?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::FlagKey;

    fn flag(
        kind: FlagKind,
        primary: u128,
        cause: Option<u128>,
        state: FlagState,
        at: u64,
    ) -> StoredFlag {
        let key = match cause {
            Some(c) => FlagKey::about(kind, Uuid::from_u128(primary), Uuid::from_u128(c)),
            None => FlagKey::single(kind, Uuid::from_u128(primary)),
        };
        StoredFlag {
            severity: kind.default_severity(),
            key,
            region: Some(Uuid::from_u128(9)),
            records: vec![],
            evidence: "{}".into(),
            summary: String::new(),
            state,
            raised_at: Hlc::new(at, 0),
            updated_at: Hlc::new(at + 5, 0),
            history: vec![],
        }
    }

    #[test]
    fn a_licences_implausible_months_are_one_case_about_the_licence() {
        use crate::flags::productivity::period_tag;
        use sync_protocol::values::Mineral;
        let month = |m: i32, state| {
            let mut f = flag(
                FlagKind::ImplausibleProductivity,
                100,
                None,
                state,
                m as u64,
            );
            f.key.secondary = Some(period_tag(Mineral::Diamond, m));
            f
        };
        let flags = [
            month(24_313, FlagState::Closed),
            month(24_314, FlagState::Open),
        ];
        let cases = cases(&flags);
        assert_eq!(cases.len(), 1);
        assert_eq!(
            (
                cases[0].cause,
                cases[0].flags,
                cases[0].open,
                cases[0].state
            ),
            (Uuid::from_u128(100), 2, 1, FlagState::Open)
        );
        assert!(cases[0].records.is_empty(), "the licence is the cause");
    }

    #[test]
    fn flags_with_one_cause_make_one_case_most_urgent_first() {
        use FlagKind::*;
        let mut flags = Vec::new();
        // Two expired licences (100, 101): 30 and 2 productions on them.
        for p in 0..30 {
            flags.push(flag(
                LicenceNotValid,
                1_000 + p,
                Some(100),
                FlagState::Open,
                50 + p as u64,
            ));
        }
        flags.push(flag(
            LicenceNotValid,
            2_000,
            Some(101),
            FlagState::Resolved,
            10,
        ));
        flags.push(flag(
            LicenceNotValid,
            2_001,
            Some(101),
            FlagState::Closed,
            11,
        ));
        // A medium flag with its own cause, and a closed one.
        flags.push(flag(
            OutsideLicenceArea,
            3_000,
            Some(100),
            FlagState::Open,
            5,
        ));
        flags.push(flag(
            ExportsExceedPurchases,
            4_000,
            None,
            FlagState::Closed,
            7,
        ));
        let cases = cases(&flags);
        assert_eq!(cases.len(), 4);
        let first = &cases[0];
        assert_eq!(
            (
                first.kind,
                first.cause,
                first.flags,
                first.open,
                first.state
            ),
            (
                LicenceNotValid,
                Uuid::from_u128(100),
                30,
                30,
                FlagState::Open
            )
        );
        assert_eq!(first.records.len(), 30);
        assert_eq!(first.records[0], Uuid::from_u128(1_000), "oldest first");
        assert_eq!(first.first_raised, Hlc::new(50, 0));
        assert_eq!(first.last_updated, Hlc::new(84, 0));
        assert_eq!(
            first.id,
            format!("licence_not_valid:{}", Uuid::from_u128(100))
        );
        // Same kind, other licence: resolved (none open), after the open case.
        let second = &cases[1];
        assert_eq!(
            (second.cause, second.flags, second.state),
            (Uuid::from_u128(101), 2, FlagState::Resolved)
        );
        // A single-record flag is its own cause and lists nothing else.
        let exports = cases
            .iter()
            .find(|c| c.kind == ExportsExceedPurchases)
            .unwrap();
        assert_eq!(
            (exports.state, exports.records.len()),
            (FlagState::Closed, 0)
        );
        // Severity first: the open medium case comes after every high one.
        assert_eq!(
            cases.iter().map(|c| c.kind).collect::<Vec<_>>(),
            [
                LicenceNotValid,
                LicenceNotValid,
                ExportsExceedPurchases,
                OutsideLicenceArea
            ]
        );
        let csv = to_csv(&cases).unwrap();
        assert!(
            csv.contains(&format!(
                "licence_not_valid:{0},licence_not_valid,high,open,{0},,30,30,",
                Uuid::from_u128(100)
            )),
            "{csv}"
        );
    }
}
