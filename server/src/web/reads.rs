//! The records of one region for its page: licences, miners and productions, read through
//! the store's pull index (the same per-region index devices pull from), so nothing new is
//! kept for the pages; and the search that narrows them.
//!
//! The walk reads every current record filed in the region (and, for [`Reach::Below`], in
//! the regions below it, each region's index apart), in pages; its cost grows with those
//! records, not with the whole registry. A country's page walks only what is filed in the country itself (its
//! districts are listed with their figures instead), unless it is searched. Voided
//! records and records still missing a required field are left out, as the devices' lists
//! leave them out.
//!
//! # Search and privacy
//! The records come from [`Core::region_own_changes`] already as the officer's role may read
//! them ([`crate::privacy`]), and [`Search`] matches only what that role reads whole: a
//! miner's names for the roles that read names, a national id only for the roles that
//! read it unmasked. A national officer (who sees the last three characters) or an export
//! monitor finds no miner by a national id, not even by its visible end.

use std::collections::HashMap;

use sync_protocol::records::{fact_body, AnyRecord, Holder, Licence, Miner, Production};
use uuid::Uuid;

use crate::auth::{Officer, Role};
use crate::core::Core;
use crate::error::ApiError;
use crate::flags::{normalize_name, normalize_national_id};
use crate::privacy::{self, Seen};
use crate::store::Pulled;

/// Changes read per page of the walk.
const PAGE: usize = 2_000;

/// The longest search an address may hold, in characters.
pub const MAX_SEARCH: usize = 100;

/// Which records of a region a walk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Filed in the region or any region below it.
    Below,
    /// Filed in the region itself.
    Own,
}

/// What a person typed in the search box, as the officer's role may search: case and
/// accents ignored in names, spaces and punctuation in national ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// Lowercase, for licence numbers, organisations and dates.
    text: String,
    /// [`normalize_name`]d, for people's names; empty when the role reads no names.
    name: String,
    /// [`normalize_national_id`]; empty when the role does not read national ids whole.
    national_id: String,
}

impl Search {
    /// The search for `q` by an officer of `role`; `None` for an empty search. A search
    /// longer than [`MAX_SEARCH`] is refused with the reason.
    pub fn new(q: &str, role: Role) -> Result<Option<Self>, String> {
        let q = q.trim();
        if q.chars().count() > MAX_SEARCH {
            return Err(crate::i18n::ta(
                "reg-search-too-long",
                &[("count", crate::i18n::Arg::from(MAX_SEARCH))],
            ));
        }
        if q.is_empty() {
            return Ok(None);
        }
        let name = if privacy::sees_names(role) {
            normalize_name(q)
        } else {
            String::new()
        };
        let national_id = if privacy::miner_field(role, "national_id") == Seen::Full {
            normalize_national_id(q)
        } else {
            String::new()
        };
        Ok(Some(Self {
            text: q.to_lowercase(),
            name,
            national_id,
        }))
    }

    fn in_text(&self, s: &str) -> bool {
        s.to_lowercase().contains(&self.text)
    }

    fn in_name(&self, s: &str) -> bool {
        !self.name.is_empty() && normalize_name(s).contains(&self.name)
    }

    /// A miner by names or national id (each only as the role may search them).
    pub fn miner(&self, m: &Miner) -> bool {
        self.in_name(m.names.as_str())
            || (!self.national_id.is_empty()
                && m.national_id
                    .as_ref()
                    .is_some_and(|n| normalize_national_id(n.as_str()).contains(&self.national_id)))
    }

    /// A licence by number, or by its holder (an organisation's name, a miner's names).
    pub fn licence(&self, l: &Licence, holder_names: Option<&str>) -> bool {
        self.in_text(l.number.as_str())
            || match &l.holder {
                Holder::Organisation(o) => self.in_text(o.as_str()),
                Holder::Miner(_) => holder_names.is_some_and(|n| self.in_name(n)),
            }
    }

    /// A production by its licence's number, its miner's names or its day (`2026-05`).
    pub fn production(&self, p: &Production, licence: Option<&str>, miner: Option<&str>) -> bool {
        licence.is_some_and(|n| self.in_text(n))
            || miner.is_some_and(|n| self.in_name(n))
            || sync_protocol::values::format_day(p.date).starts_with(&self.text)
    }
}

/// A record as listed: its id, the region it is filed in, the record.
pub type Listed<T> = (Uuid, Uuid, T);

/// What a region's page lists.
#[derive(Debug, Default)]
pub struct RegionRecords {
    /// By licence number.
    pub licences: Vec<Listed<Licence>>,
    /// By name, then id.
    pub miners: Vec<Listed<Miner>>,
    /// Newest first (date, then id).
    pub productions: Vec<Listed<Production>>,
    /// Licence numbers by id, for every licence read (searched for or not).
    pub licence_numbers: HashMap<Uuid, String>,
    /// Miners' names by id, for every miner read (as the role reads them).
    pub miner_names: HashMap<Uuid, String>,
}

/// Reads the records of `region` (with the regions below it, or its own only, as `reach`
/// says) that `search` finds (all without one), sorted for listing.
pub fn region_records(
    core: &Core,
    officer: &Officer,
    region: Uuid,
    reach: Reach,
    search: Option<&Search>,
) -> Result<RegionRecords, ApiError> {
    let mut out = RegionRecords::default();
    // Each region's own index walked apart: a walk of one region reads its chunks in
    // order, where a walk of many at once merges their scans record by record.
    let walked = match reach {
        Reach::Below => core.region_index().with_descendants(&[region]),
        Reach::Own => vec![region],
    };
    for r in walked {
        read_own(core, officer, r, &mut out)?;
    }
    if let Some(q) = search {
        let (numbers, names) = (&out.licence_numbers, &out.miner_names);
        out.miners.retain(|m| q.miner(&m.2));
        out.licences.retain(|l| {
            let holder = match l.2.holder {
                Holder::Miner(m) => names.get(&m).map(String::as_str),
                Holder::Organisation(_) => None,
            };
            q.licence(&l.2, holder)
        });
        out.productions.retain(|p| {
            q.production(
                &p.2,
                numbers.get(&p.2.licence).map(String::as_str),
                p.2.miner.and_then(|m| names.get(&m)).map(String::as_str),
            )
        });
    }
    out.licences
        .sort_by_cached_key(|l| (l.2.number.to_string(), l.0));
    out.miners
        .sort_by_cached_key(|m| (m.2.names.to_string(), m.0));
    out.productions
        .sort_by_key(|p| std::cmp::Reverse((p.2.date, p.0)));
    Ok(out)
}

/// Adds the current records filed in `region` itself to `out`.
fn read_own(
    core: &Core,
    officer: &Officer,
    region: Uuid,
    out: &mut RegionRecords,
) -> Result<(), ApiError> {
    let mut cursor = 0;
    loop {
        let page: Pulled = core.region_own_changes(officer, region, cursor, PAGE)?;
        for change in page.changes {
            if change.state.void_reason().is_some() {
                continue;
            }
            let (id, filed) = (change.record, change.region);
            match &change.state {
                AnyRecord::Licence(s) => {
                    if let Some(l) = Licence::from_state(s) {
                        out.licence_numbers.insert(id, l.number.to_string());
                        out.licences.push((id, filed, l));
                    }
                }
                AnyRecord::Miner(s) => {
                    if let Some(m) = Miner::from_state(s) {
                        out.miner_names.insert(id, m.names.to_string());
                        out.miners.push((id, filed, m));
                    }
                }
                AnyRecord::Production(s) => {
                    if let Some(p) = fact_body(s) {
                        out.productions.push((id, filed, p.clone()));
                    }
                }
                _ => {}
            }
        }
        cursor = page.cursor;
        if !page.more {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn miner(names: &str, national_id: Option<&str>) -> Miner {
        use sync_protocol::values::*;
        Miner {
            names: PersonName::parse(names).unwrap(),
            sex: Sex::Female,
            birth_year: BirthYear::new(1990).unwrap(),
            home_region: Uuid::nil(),
            registered_on: parse_day("2026-01-05").unwrap(),
            registered_by: Text::parse("Ama").unwrap(),
            national_id: national_id.map(|n| NationalId::parse(n).unwrap()),
            phone: None,
            cooperative: None,
            registered_at: None,
        }
    }

    #[test]
    fn a_national_id_is_searched_only_by_the_roles_that_read_it_whole() {
        let m = miner("Abena Kyei-Mensah", Some("GHA-123456-042"));
        let find = |role, q: &str| Search::new(q, role).unwrap().unwrap().miner(&m);
        for role in [Role::Admin, Role::RegionalOfficer] {
            assert!(find(role, "gha 123456 042"), "{role:?}");
            assert!(find(role, "123456"), "{role:?}");
        }
        // A national officer sees `•••••••••042`, and cannot find the miner by any of it.
        assert!(!find(Role::NationalOfficer, "GHA-123456-042"));
        assert!(!find(Role::NationalOfficer, "042"));
        assert!(!find(Role::ExportMonitor, "GHA-123456-042"));
        // Names: case and accents do not matter, for the roles that read names.
        assert!(find(Role::NationalOfficer, "kyei mensah"));
        assert!(find(Role::RegionalOfficer, "ABÉNA"));
        assert!(!find(Role::ExportMonitor, "Abena"));
        assert!(!find(Role::Admin, "Kofi"));
    }

    #[test]
    fn an_empty_search_is_none_and_a_long_one_is_refused() {
        assert_eq!(Search::new("  ", Role::Admin), Ok(None));
        assert!(Search::new(&"x".repeat(MAX_SEARCH), Role::Admin).is_ok());
        assert!(Search::new(&"x".repeat(MAX_SEARCH + 1), Role::Admin).is_err());
    }
}
