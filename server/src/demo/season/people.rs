//! Miners: names, birth years, ids and phones; and the planted duplicate registrations.

use std::collections::{BTreeMap, BTreeSet};

use sync_protocol::records::Miner;
use sync_protocol::values::*;
use uuid::Uuid;

use super::*;
use crate::demo::rng::record_id;
use crate::flags::normalize_name;

/// Makes miners: names, ids and phones, never two with the same normalized name and birth
/// year in one district, nor two with one national id (the planted duplicates aside).
pub(super) struct People<'c> {
    c: &'c CountryRegions,
    seed: u64,
    rng: Rng,
    /// Miners made so far: the next one's number.
    count: u64,
    names: BTreeSet<(Uuid, String, u16)>,
    ids: BTreeSet<String>,
    national_ids: BTreeMap<Uuid, String>,
    registered: BTreeMap<Uuid, Miner>,
}

impl<'c> People<'c> {
    pub(super) fn new(seed: u64, c: &'c CountryRegions) -> Self {
        Self {
            c,
            seed,
            rng: Rng::new(seed, &format!("people {}", c.plan.iso3)),
            count: 0,
            names: BTreeSet::new(),
            ids: BTreeSet::new(),
            national_ids: BTreeMap::new(),
            registered: BTreeMap::new(),
        }
    }

    /// A new miner registered at `at`, and its id.
    pub(super) fn miner(
        &mut self,
        geo: &Geography,
        registered_on: Date,
        at: (f64, f64),
        home: Uuid,
        agent: &str,
        cooperative: Option<&str>,
    ) -> (Uuid, Miner) {
        let plan = self.c.plan;
        let r = &mut self.rng;
        let district = geo.district_well_inside(at.0, at.1).unwrap_or(home);
        let (sex, names, birth_year) = loop {
            let female = r.chance(0.15);
            let first = if female {
                r.pick(plan.female_names)
            } else {
                r.pick(plan.male_names)
            };
            let names = if r.chance(0.5) {
                let middle = if female {
                    r.pick(plan.female_names)
                } else {
                    r.pick(plan.male_names)
                };
                format!("{first} {middle} {}", r.pick(plan.surnames))
            } else {
                format!("{first} {}", r.pick(plan.surnames))
            };
            let year = (registered_on.year() - r.range(18, 60) as i32) as u16;
            if self.names.insert((district, normalize_name(&names), year)) {
                let sex = if female { Sex::Female } else { Sex::Male };
                break (sex, names, year);
            }
        };
        let national_id = r.chance(plan.national_id_share).then(|| loop {
            let id = format!(
                "{}-{:09}-{}",
                plan.iso3,
                r.range(0, 999_999_999),
                r.range(0, 9)
            );
            if self.ids.insert(id.clone()) {
                break id;
            }
        });
        let phone = r.chance(0.6).then(|| {
            format!(
                "{} {:03} {:04}",
                plan.phone_prefix,
                r.range(100, 999),
                r.range(0, 9999)
            )
        });
        let id = record_id(self.seed, &format!("miner {}", plan.iso3), self.count);
        self.count += 1;
        if let Some(n) = &national_id {
            self.national_ids.insert(id, n.clone());
        }
        let miner = Miner {
            names: PersonName::parse(names).expect("short"),
            sex,
            birth_year: BirthYear::new(birth_year).expect("adults of this century"),
            home_region: home,
            registered_on,
            registered_by: text(agent),
            national_id: national_id
                .as_ref()
                .map(|n| NationalId::parse(n.as_str()).expect("short")),
            phone: phone.map(|p| Phone::parse(p).expect("digits")),
            cooperative: cooperative.map(text),
            registered_at: Some(fix(at.0, at.1, r.range(4, 15) as u32)),
        };
        self.registered.insert(id, miner.clone());
        (id, miner)
    }
}

impl Builder<'_> {
    /// Two miners registered again under a national id already taken, and two registered
    /// again under the same name and birth year in the same district.
    pub(super) fn duplicates(&mut self, c: &CountryRegions, sites: &[Site], people: &mut People) {
        let iso = c.plan.iso3;
        let mut rng = Rng::new(self.seed(), &format!("duplicates {iso}"));
        let mut clean: Vec<&Site> = sites.iter().filter(|s| s.role == Role::Clean).collect();
        if clean.is_empty() {
            clean = sites.iter().collect();
        }
        let mut used = BTreeSet::new();
        for k in 0..4 {
            // An original registered before the season, and not used yet.
            let found = (0..10_000).find_map(|_| {
                let site = *rng.pick(&clean);
                let m = rng.range(1, site.members.len() as i64 - 1) as usize;
                let id = site.members[m].id;
                let ok = site.members[m].registered < self.first
                    && !used.contains(&id)
                    && (k >= 2 || people.national_ids.contains_key(&id));
                ok.then_some((site, id))
            });
            let Some((site, original)) = found else {
                continue;
            };
            used.insert(original);
            let registered = self.first + days(rng.range(45, 320));
            let registered = registered.min(self.last);
            let theirs = people.registered[&original].clone();
            let (same_id, at_site) = if k < 2 {
                // Another site, another name: a borrowed identity card.
                (true, *rng.pick(&clean))
            } else {
                // Same site, so the same district: registered twice.
                (false, site)
            };
            let (mx, my) = offset(at_site.lon, at_site.lat, rng.uniform(-600.0, 600.0), 0.0);
            let (id, mut miner) = people.miner(
                self.geo,
                registered,
                (mx, my),
                self.agents[at_site.agent].district,
                &self.agents[at_site.agent].name,
                None,
            );
            if same_id {
                // Entered without the dashes: the same card all the same.
                let card = people.national_ids[&original].replace('-', " ");
                miner.national_id = Some(NationalId::parse(card).expect("short"));
            } else {
                miner.names = theirs.names;
                miner.birth_year = theirs.birth_year;
                miner.sex = theirs.sex;
                miner.national_id = None;
            }
            self.push(at_site.agent, registered, id, NewRecord::Miner(miner));
            if same_id {
                self.planted.duplicate_national_ids.push((original, id));
            } else {
                self.planted.duplicate_names.push((original, id));
            }
        }
    }
}
