//! The season's promises: determinism, the twelve months, stone sizes per country, and
//! anomalies exactly where planted.

use super::*;
use crate::flags::rules::{licence_valid_on, Validity};
use crate::flags::{is_mining_licence, normalize_name, normalize_national_id};
use crate::geo::{fix_outside_area, polygon_to_geo, validate_licence_area};
use ::geo::MultiPolygon;
use std::collections::HashMap;
use std::sync::OnceLock;
use sync_protocol::records::Seller;

fn geo() -> &'static Geography {
    static GEO: OnceLock<Geography> = OnceLock::new();
    GEO.get_or_init(Geography::build)
}

fn config(seed: u64, scale: f64) -> SeasonConfig {
    SeasonConfig {
        seed,
        last_month: time::macros::date!(2026 - 10 - 15),
        scale,
    }
}

fn season() -> &'static Season {
    static SEASON: OnceLock<Season> = OnceLock::new();
    SEASON.get_or_init(|| generate(geo(), config(7, 0.15)))
}

fn licences(s: &Season) -> HashMap<Uuid, &Licence> {
    s.entries()
        .filter_map(|e| match &e.record {
            NewRecord::Licence(l) => Some((e.id, l)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_season() {
    let a = generate(geo(), config(7, 0.05));
    assert_eq!(a, generate(geo(), config(7, 0.05)));
    assert_ne!(a, generate(geo(), config(8, 0.05)));
    let ids: BTreeSet<Uuid> = a.entries().map(|e| e.id).collect();
    assert_eq!(ids.len() as u64, a.counts().total(), "ids are unique");
}

#[test]
fn the_season_is_the_twelve_months_to_the_last_one() {
    let s = season();
    assert_eq!(s.config.first_day(), time::macros::date!(2025 - 11 - 01));
    assert_eq!(s.config.last_day(), time::macros::date!(2026 - 10 - 31));
    for phase in 1..PHASES {
        let month = add_months(s.config.first_day(), phase as i32 - 1);
        let facts: Vec<Date> = s
            .agents
            .iter()
            .flat_map(|a| &a.phases[phase])
            .filter_map(|e| match &e.record {
                NewRecord::Production(p) => Some(p.date),
                NewRecord::Sale(x) => Some(x.date),
                NewRecord::Export(x) => Some(x.date),
                _ => None,
            })
            .collect();
        assert!(!facts.is_empty(), "month {phase} has records");
        assert!(facts.iter().all(|d| month_start(*d) == month));
    }
    let c = generate(geo(), config(7, 1.0)).counts();
    assert!((2_000..6_000).contains(&c.miners), "{c:?}");
    assert!((200..600).contains(&c.licences), "{c:?}");
}

#[test]
fn ghana_finds_smaller_stones_than_sierra_leone() {
    let mut sizes: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for a in &season().agents {
        for e in a.phases.iter().flatten() {
            if let NewRecord::Production(p) = &e.record {
                let t = sizes.entry(a.country).or_default();
                t.0 += p.stones.total();
                t.1 += p.stones.count();
            }
        }
    }
    let mean = |c| sizes[c].0 as f64 / sizes[c].1 as f64 / 100.0;
    assert!(mean("GHA") < 0.15, "{}", mean("GHA"));
    assert!(mean("SLE") > 0.4, "{}", mean("SLE"));
}

#[test]
fn productions_break_the_rules_only_where_planted() {
    let s = season();
    let p = &s.planted;
    let licences = licences(s);
    let miners: BTreeSet<Uuid> = s
        .entries()
        .filter(|e| matches!(e.record, NewRecord::Miner(_)))
        .map(|e| e.id)
        .collect();
    for l in licences.values().filter(|l| is_mining_licence(l.kind)) {
        validate_licence_area(l.area.as_ref().expect("mining licences have areas"))
            .expect("walked claims are valid areas");
    }
    let (mut outside, mut expired, mut ghost) = (0, BTreeSet::new(), 0);
    for e in s.entries() {
        let NewRecord::Production(prod) = &e.record else {
            continue;
        };
        let l = licences[&prod.licence];
        let area = MultiPolygon(vec![polygon_to_geo(l.area.as_ref().unwrap())]);
        let off = fix_outside_area(&prod.fix, &area).is_some();
        assert_eq!(off, p.outside_productions.contains(&e.id), "{}", e.id);
        outside += usize::from(off);
        let valid = licence_valid_on(l, &[], prod.date) == Validity::Valid;
        assert_eq!(
            valid,
            !p.expired_licences.contains(&prod.licence) || prod.date <= l.expires
        );
        if !valid {
            expired.insert(prod.licence);
        }
        let miner = prod.miner.unwrap();
        assert_eq!(
            miners.contains(&miner),
            !p.unregistered_miners.contains(&miner)
        );
        ghost += usize::from(!miners.contains(&miner));
    }
    assert!(outside > 0 && ghost > 0);
    assert_eq!(expired, p.expired_licences.iter().copied().collect());
    for e in s.entries() {
        if let NewRecord::Sale(sale) = &e.record {
            let b = licences[&sale.buyer];
            assert!(matches!(b.kind, LicenceKind::Buyer | LicenceKind::Exporter));
            assert_eq!(licence_valid_on(b, &[], sale.date), Validity::Valid);
        }
    }
}

#[test]
fn only_the_planted_exporter_exports_more_than_it_buys_and_larger_stones() {
    let s = season();
    let mut bought: BTreeMap<Uuid, u64> = BTreeMap::new();
    let mut sold: BTreeMap<Uuid, (u64, u64)> = BTreeMap::new();
    for e in s.entries() {
        match &e.record {
            NewRecord::Sale(x) => *bought.entry(x.buyer).or_default() += x.carats.hundredths(),
            NewRecord::Export(x) => {
                let Parcel::Stones(stones) = &x.parcel else {
                    panic!("parcels are weighed stones")
                };
                assert_eq!(
                    stones.iter().map(|c| c.hundredths()).sum::<u64>(),
                    x.carats.hundredths()
                );
                let t = sold.entry(x.exporter).or_default();
                t.0 += x.carats.hundredths();
                t.1 += stones.len() as u64;
            }
            _ => {}
        }
    }
    let (planted, _) = s.planted.exporter.clone().expect("Ghana has one");
    let licences = licences(s);
    let mut ghana_mean = Vec::new();
    for (exporter, (carats, stones)) in &sold {
        let purchases = bought.get(exporter).copied().unwrap_or(0);
        if *exporter == planted {
            assert!(*carats > 10 * purchases, "{carats} against {purchases}");
        } else {
            assert!(*carats <= purchases, "{carats} against {purchases}");
            if licences[exporter].number.as_str().starts_with("GH") {
                ghana_mean.push(*carats as f64 / *stones as f64);
            }
        }
    }
    let planted_mean = sold[&planted].0 as f64 / sold[&planted].1 as f64;
    assert!(!ghana_mean.is_empty());
    assert!(
        ghana_mean.iter().all(|m| planted_mean > 3.0 * m),
        "{planted_mean} {ghana_mean:?}"
    );
}

/// The pairs of ids that share a key.
fn pairs<K>(m: BTreeMap<K, Vec<Uuid>>) -> BTreeSet<(Uuid, Uuid)> {
    m.into_values()
        .filter(|v| v.len() > 1)
        .map(|v| {
            assert_eq!(v.len(), 2);
            (v[0].min(v[1]), v[0].max(v[1]))
        })
        .collect()
}

#[test]
fn registrations_repeat_only_where_planted() {
    let s = season();
    let mut by_name: BTreeMap<(Uuid, String, u16), Vec<Uuid>> = BTreeMap::new();
    let mut by_card: BTreeMap<String, Vec<Uuid>> = BTreeMap::new();
    for e in s.entries() {
        let NewRecord::Miner(m) = &e.record else {
            continue;
        };
        let at = m.registered_at.unwrap().point;
        let district = geo()
            .index
            .locate(at.lon.degrees(), at.lat.degrees())
            .expect("registered inside a district");
        by_name
            .entry((
                district,
                normalize_name(m.names.as_str()),
                m.birth_year.year(),
            ))
            .or_default()
            .push(e.id);
        if let Some(n) = &m.national_id {
            by_card
                .entry(normalize_national_id(n.as_str()))
                .or_default()
                .push(e.id);
        }
    }
    let sorted = |v: &[(Uuid, Uuid)]| -> BTreeSet<(Uuid, Uuid)> {
        v.iter().map(|(a, b)| (*a.min(b), *a.max(b))).collect()
    };
    assert_eq!(pairs(by_name), sorted(&s.planted.duplicate_names));
    assert_eq!(pairs(by_card), sorted(&s.planted.duplicate_national_ids));
    assert_eq!(s.planted.duplicate_names.len(), 4);
    assert_eq!(s.planted.duplicate_national_ids.len(), 4);
}

/// Miners sell what they found: in every district, the carats of first sales (a miner's
/// sale) up to the end of any month never exceed the carats produced up to then. Dealers'
/// resales to exporters are transfers and are not counted again.
#[test]
fn first_sales_never_exceed_production_in_any_district_and_month() {
    let s = season();
    let mut months: BTreeMap<(Uuid, Date), (u64, u64, u64)> = BTreeMap::new();
    let (mut first_sales, mut transfers) = (0, 0);
    for a in &s.agents {
        for e in a.phases.iter().flatten() {
            match &e.record {
                NewRecord::Production(p) if p.mineral == Mineral::Diamond => {
                    let carats: u64 = match &p.stones {
                        Stones::Weighed(w) => w.iter().map(|c| c.hundredths()).sum(),
                        Stones::Counted { total, .. } => total.hundredths(),
                    };
                    months
                        .entry((a.district, month_start(p.date)))
                        .or_default()
                        .0 += carats;
                }
                NewRecord::Sale(x) => match x.seller {
                    Seller::Miner(_) => {
                        first_sales += 1;
                        months
                            .entry((a.district, month_start(x.date)))
                            .or_default()
                            .1 += x.carats.hundredths();
                    }
                    Seller::Licence(_) => {
                        transfers += 1;
                        months
                            .entry((a.district, month_start(x.date)))
                            .or_default()
                            .2 += x.carats.hundredths();
                    }
                },
                _ => {}
            }
        }
    }
    assert!(
        first_sales > 100 && transfers > 10,
        "{first_sales} {transfers}"
    );
    let mut totals: HashMap<Uuid, (u64, u64)> = HashMap::new();
    for ((district, month), (produced, sold, _)) in &months {
        let t = totals.entry(*district).or_default();
        t.0 += produced;
        t.1 += sold;
        assert!(
            t.1 <= t.0,
            "district {district} by {month}: {} ct sold first against {} ct produced",
            t.1,
            t.0
        );
    }
    // All sales together do exceed production somewhere: that is why resales must not
    // count as production's value.
    let all: u64 = months.values().map(|(_, f, t)| f + t).sum();
    let produced: u64 = months.values().map(|(p, _, _)| p).sum();
    let first: u64 = months.values().map(|(_, f, _)| f).sum();
    assert!(first <= produced && all > first, "{first} {all} {produced}");
}
