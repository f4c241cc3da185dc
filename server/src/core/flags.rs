//! Red flags as officers read and resolve them, within their scope.

use super::*;
use crate::store::StoredRecord;
use sync_protocol::records::Collection;

impl Core {
    /// Flags an officer may see, filtered and paged.
    pub fn flags(
        &self,
        officer: &Officer,
        mut filter: FlagFilter,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<FlagView>, ApiError> {
        if officer.role == Role::RegionalOfficer {
            filter.regions = Some(officer.regions.clone());
        }
        let after = after
            .map(|a| {
                crate::flags::parse_flag_id(a).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::Malformed,
                        format!("`after` {a:?} is not a flag id"),
                    )
                })
            })
            .transpose()?;
        let page = self
            .store
            .flags(&filter, after.as_ref(), limit.clamp(1, 1000))?;
        Ok(Page {
            items: page
                .items
                .iter()
                .map(|f| self.named(officer, FlagView::from(f)))
                .collect::<Result<_, _>>()?,
            next: page.next,
        })
    }

    /// Every flag the filter keeps within the officer's scope, in key order.
    fn matching_flags(
        &self,
        officer: &Officer,
        mut filter: FlagFilter,
    ) -> Result<Vec<StoredFlag>, ApiError> {
        if officer.role == Role::RegionalOfficer {
            filter.regions = Some(officer.regions.clone());
        }
        self.flags_where(&filter)
    }

    /// Every flag the filter keeps, in key order, whoever asks.
    pub(super) fn flags_where(&self, filter: &FlagFilter) -> Result<Vec<StoredFlag>, ApiError> {
        let mut flags = Vec::new();
        let mut after = None;
        loop {
            let page = self.store.flags(filter, after.as_ref(), 1000)?;
            flags.extend(page.items);
            match page.next.as_deref().and_then(crate::flags::parse_flag_id) {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        Ok(flags)
    }

    /// The flags to triage: those the filter keeps within the officer's scope (with a
    /// region, the regions below it too; with a cause, the flags of that one case),
    /// most urgent first — highest severity, then the most recently raised — and the
    /// flags in `range` of that order named for a person ([`FlagView`]; all of them
    /// without a range). Every matching flag is read, as for [`Core::cases`].
    pub fn flag_listing(
        &self,
        officer: &Officer,
        filter: FlagFilter,
        cause: Option<(crate::flags::FlagKind, Uuid)>,
        range: Option<std::ops::Range<usize>>,
    ) -> Result<FlagListing, ApiError> {
        let flags = self.triage_flags(officer, filter, cause)?;
        let total = flags.len();
        let cases = crate::flags::cases::cases(&flags).len();
        let range = range.unwrap_or(0..total);
        let shown = &flags[range.start.min(total)..range.end.min(total)];
        Ok(FlagListing {
            total,
            cases,
            items: shown
                .iter()
                .map(|f| self.named(officer, FlagView::from(f)))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The cases of the flags [`Core::flag_listing`] would list (a region with the
    /// regions below it), most urgent first, each cause and region named.
    pub fn case_listing(
        &self,
        officer: &Officer,
        filter: FlagFilter,
    ) -> Result<Vec<crate::flags::cases::Case>, ApiError> {
        let flags = self.triage_flags(officer, filter, None)?;
        self.named_cases(officer, &flags)
    }

    /// The flags of [`Core::flag_listing`], most urgent first, not yet named.
    fn triage_flags(
        &self,
        officer: &Officer,
        mut filter: FlagFilter,
        cause: Option<(crate::flags::FlagKind, Uuid)>,
    ) -> Result<Vec<StoredFlag>, ApiError> {
        if let Some(r) = filter.region.take() {
            officer.require_region(r)?;
            let below = self.region_index().with_descendants(&[r]);
            filter.regions = Some(match officer.role {
                Role::RegionalOfficer => below
                    .into_iter()
                    .filter(|b| officer.regions.contains(b))
                    .collect(),
                _ => below,
            });
        }
        let scope = filter.regions.take();
        let mut flags = self.matching_flags(officer, filter)?;
        if let Some(scope) = scope {
            let scope: std::collections::HashSet<Uuid> = scope.into_iter().collect();
            flags.retain(|f| f.region.is_some_and(|r| scope.contains(&r)));
        }
        if let Some((kind, cause)) = cause {
            flags.retain(|f| f.key.kind == kind && crate::flags::cases::cause_of(f) == cause);
        }
        flags.sort_by(|a, b| {
            (b.severity, b.raised_at)
                .cmp(&(a.severity, a.raised_at))
                .then(a.key.cmp(&b.key))
        });
        Ok(flags)
    }

    /// The flags the filter keeps, grouped into cases ([`crate::flags::cases`]), each cause
    /// and region named. Every matching flag is read: cases are few, flags may be
    /// thousands.
    pub fn cases(
        &self,
        officer: &Officer,
        filter: FlagFilter,
    ) -> Result<Vec<crate::flags::cases::Case>, ApiError> {
        let flags = self.matching_flags(officer, filter)?;
        self.named_cases(officer, &flags)
    }

    /// `flags` grouped into cases, each cause and region named as the officer reads them.
    fn named_cases(
        &self,
        officer: &Officer,
        flags: &[StoredFlag],
    ) -> Result<Vec<crate::flags::cases::Case>, ApiError> {
        let index = self.region_index();
        let mut cases = crate::flags::cases::cases(flags);
        for c in &mut cases {
            c.cause_name = self.record_name(c.cause, officer.role)?;
            c.region_name = c.region.and_then(|r| index.name(r)).map(str::to_string);
        }
        Ok(cases)
    }

    /// Sets a country's thresholds of the checks (a partial JSON object: what it leaves out
    /// keeps its default), logged as an act of the officer. They judge the records checked
    /// from then on: new records, and records changed or re-checked later.
    pub fn set_thresholds(
        &self,
        officer: &Officer,
        country: Uuid,
        thresholds: &serde_json::Value,
    ) -> Result<CountryThresholds, ApiError> {
        officer.require(&[Role::Admin, Role::NationalOfficer])?;
        if !self.region_index().is_country(country) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!("{country} is not a country: thresholds are set per country"),
            ));
        }
        let text = thresholds.to_string();
        crate::flags::Thresholds::from_json(&text)
            .map_err(|e| ApiError::new(ErrorCode::InvalidValue, format!("thresholds: {e}")))?;
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::ThresholdsSet {
            country,
            thresholds: text,
            by: officer.name.clone(),
        })?;
        let kept = self.store.thresholds()?;
        *self.thresholds.write().unwrap_or_else(|p| p.into_inner()) =
            Checks::country_thresholds(&kept);
        tracing::info!(%country, by = %officer.name, "thresholds set");
        self.thresholds_of(officer)?
            .into_iter()
            .find(|t| t.country == Some(country))
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the thresholds were not kept"))
    }

    /// The thresholds in force: the defaults, and each country's own, in full.
    pub fn thresholds_of(&self, officer: &Officer) -> Result<Vec<CountryThresholds>, ApiError> {
        officer.require(&[Role::Admin, Role::NationalOfficer, Role::RegionalOfficer])?;
        let index = self.region_index();
        let mut out = vec![CountryThresholds {
            country: None,
            country_name: None,
            thresholds: crate::flags::Thresholds::default(),
            set_at: None,
            set_by: None,
        }];
        for k in self.store.thresholds()? {
            if let Ok(t) = crate::flags::Thresholds::from_json(&k.thresholds) {
                out.push(CountryThresholds {
                    country: Some(k.country),
                    country_name: index.name(k.country).map(str::to_string),
                    thresholds: t,
                    set_at: Some(k.set_at),
                    set_by: Some(k.set_by),
                });
            }
        }
        Ok(out)
    }

    /// The flags about a record (raised on it, or on a pair it is in) that the officer
    /// may see, each named as in a listing.
    pub fn flags_about(&self, officer: &Officer, record: Uuid) -> Result<Vec<FlagView>, ApiError> {
        self.store
            .flags_of(record)?
            .iter()
            .filter(|f| sees_flag(officer, f))
            .map(|f| self.named(officer, FlagView::from(f)))
            .collect()
    }

    /// One flag, if the officer may see it.
    pub fn flag(&self, officer: &Officer, id: &str) -> Result<FlagView, ApiError> {
        let flag = self.visible_flag(officer, id)?;
        self.named(officer, FlagView::from(&flag))
    }

    /// The flag as a person reads it: its region's name, a name for each of its first
    /// records (a licence's number, a miner's names, a fact's kind and date), and those
    /// names in the summary in place of the ids, which stay in `records`.
    fn named(&self, officer: &Officer, mut view: FlagView) -> Result<FlagView, ApiError> {
        /// A flag may hold hundreds of productions; the summary names a few.
        const NAMED: usize = 10;
        let index = self.region_index();
        view.region_name = view.region.and_then(|r| index.name(r)).map(str::to_string);
        crate::privacy::redact_flag(officer.role, &mut view.evidence, &mut view.summary);
        for id in view.records.iter().take(NAMED) {
            let Some(label) = self.record_label(*id, officer.role)? else {
                continue;
            };
            view.record_collections.insert(*id, label.collection);
            if let Some(holder) = label.holder {
                view.record_holders.insert(*id, holder);
            }
            if let Some(name) = label.name {
                view.summary = view
                    .summary
                    .replace(&id.to_string(), &name)
                    .replace(&format!("{name} ({name})"), &name);
                view.record_names.insert(*id, name);
            }
        }
        Ok(view)
    }

    /// A record's name for a person, whatever its collection, as `role` may read it (a
    /// miner's names only for the roles that read people's names, [`crate::privacy`]);
    /// `None` for no such record or a name the role does not read.
    pub(super) fn record_name(&self, id: Uuid, role: Role) -> Result<Option<String>, ApiError> {
        Ok(self.record_label(id, role)?.and_then(|l| l.name))
    }

    /// A record's collection, its name as `role` may read it ([`Core::record_name`]) and,
    /// for a licence an organisation holds (an exporter, a dealer, a cooperative), the
    /// organisation's name; `None` for no such record.
    fn record_label(&self, id: Uuid, role: Role) -> Result<Option<RecordLabel>, ApiError> {
        use sync_protocol::records::{fact_body, AnyRecord, Holder, Licence, Miner};
        let Some((c, r)) = self.find_record(id)? else {
            return Ok(None);
        };
        // Summaries say "licence {id}", "miner {id}", "Production {id} of {date}": the
        // name stands where the id stood. A production or sale has no name of its own;
        // the start of its id (unique enough to find it on a page) reads better than
        // all 36 characters.
        let short = || format!("#{}", &id.simple().to_string()[..8]);
        let licence = match &r.state {
            AnyRecord::Licence(s) => Licence::from_state(s),
            _ => None,
        };
        let holder = licence.as_ref().and_then(|l| match &l.holder {
            Holder::Organisation(o) => Some(o.to_string()),
            Holder::Miner(_) => None,
        });
        let name = match &r.state {
            AnyRecord::Licence(_) => licence.map(|l| l.number.to_string()),
            AnyRecord::Miner(_) if !crate::privacy::sees_names(role) => None,
            AnyRecord::Miner(s) => Miner::from_state(s).map(|m| m.names.to_string()),
            AnyRecord::Production(_) | AnyRecord::Sale(_) => Some(short()),
            AnyRecord::Export(s) => fact_body(s).map(|e| e.certificate.to_string()),
            AnyRecord::Region(_) => None,
        };
        Ok(Some(RecordLabel {
            collection: c,
            name,
            holder,
        }))
    }

    /// A record of any collection a flag may name (regions aside), with its collection;
    /// `None` for no such record (a licence named but not registered, a device).
    pub(super) fn find_record(
        &self,
        id: Uuid,
    ) -> Result<Option<(Collection, StoredRecord)>, ApiError> {
        for c in [
            Collection::Licence,
            Collection::Miner,
            Collection::Production,
            Collection::Sale,
            Collection::Export,
        ] {
            if let Some(r) = self.store.record(c, id)? {
                return Ok(Some((c, r)));
            }
        }
        Ok(None)
    }

    pub(super) fn visible_flag(&self, officer: &Officer, id: &str) -> Result<StoredFlag, ApiError> {
        let key = parse_flag(id)?;
        let flag = self
            .store
            .flag(&key)?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no flag {id}")))?;
        if !sees_flag(officer, &flag) {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                format!("{} does not serve the region of flag {id}", officer.name),
            ));
        }
        Ok(flag)
    }

    /// Resolves an open flag with a note; the resolution is logged with the officer.
    pub fn resolve_flag(
        &self,
        officer: &Officer,
        id: &str,
        note: &str,
    ) -> Result<FlagView, ApiError> {
        officer.require(&[Role::Admin, Role::NationalOfficer, Role::RegionalOfficer])?;
        let note = sync_protocol::values::Reason::parse(note)?.to_string();
        let _g = lock(&self.admin_lock);
        let flag = self.visible_flag(officer, id)?;
        if flag.state != FlagState::Open {
            return Err(ApiError::new(
                ErrorCode::NotOpen,
                format!("flag {id} is {:?}, not open", flag.state).to_lowercase(),
            ));
        }
        self.admin_event(AdminEvent::FlagResolved {
            key: flag.key.into(),
            by: officer.name.clone(),
            note,
        })?;
        tracing::info!(flag = %flag.key, by = %officer.name, "flag resolved");
        self.flag(officer, id)
    }
}

/// A record as a flag's page names it ([`Core::record_label`]).
struct RecordLabel {
    collection: sync_protocol::records::Collection,
    name: Option<String>,
    holder: Option<String>,
}

/// A page of the flags to triage ([`Core::flag_listing`]).
#[derive(Debug, Clone)]
pub struct FlagListing {
    /// Flags that match.
    pub total: usize,
    /// The cases they make ([`crate::flags::cases`]).
    pub cases: usize,
    /// The flags asked for, named.
    pub items: Vec<FlagView>,
}

pub(super) fn parse_flag(id: &str) -> Result<crate::flags::FlagKey, ApiError> {
    crate::flags::parse_flag_id(id)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("{id:?} is not a flag id")))
}

/// A flag as officers see it.
/// The thresholds in force in a country (`None`: the defaults, everywhere else).
#[derive(Debug, Clone, serde::Serialize)]
pub struct CountryThresholds {
    pub country: Option<Uuid>,
    pub country_name: Option<String>,
    pub thresholds: crate::flags::Thresholds,
    pub set_at: Option<Hlc>,
    pub set_by: Option<String>,
}

/// Whether the officer may see a flag: a regional officer only those of their regions.
fn sees_flag(officer: &Officer, flag: &StoredFlag) -> bool {
    officer.role != Role::RegionalOfficer || flag.region.is_some_and(|r| officer.can_read(r))
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FlagView {
    pub id: String,
    pub key: String,
    pub kind: crate::flags::FlagKind,
    pub severity: crate::flags::Severity,
    pub region: Option<Uuid>,
    /// The region's name, for a person.
    pub region_name: Option<String>,
    pub records: Vec<Uuid>,
    /// Names of the first records, for a person (the ids stay in `records`).
    pub record_names: std::collections::BTreeMap<Uuid, String>,
    /// The organisations holding the first records that are licences (pages only).
    #[serde(skip)]
    pub record_holders: std::collections::BTreeMap<Uuid, String>,
    /// The collections of the first records, for links to them (pages only).
    #[serde(skip)]
    pub record_collections: std::collections::BTreeMap<Uuid, sync_protocol::records::Collection>,
    pub evidence: serde_json::Value,
    /// In words, with the records' names in place of their ids.
    pub summary: String,
    pub state: FlagState,
    pub raised_at: Hlc,
    pub updated_at: Hlc,
    pub history: Vec<crate::store::FlagEvent>,
}

impl From<&StoredFlag> for FlagView {
    fn from(f: &StoredFlag) -> Self {
        Self {
            id: crate::flags::flag_id(&f.key),
            key: f.key.to_string(),
            kind: f.key.kind,
            severity: f.severity,
            region: f.region,
            region_name: None,
            records: f.records.clone(),
            record_names: Default::default(),
            record_collections: Default::default(),
            record_holders: Default::default(),
            evidence: serde_json::from_str(&f.evidence).unwrap_or(serde_json::Value::Null),
            summary: f.summary.clone(),
            state: f.state,
            raised_at: f.raised_at,
            updated_at: f.updated_at,
            history: f.history.clone(),
        }
    }
}
