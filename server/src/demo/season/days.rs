//! Site-days: who dug where, with how many diggers, and which stones they found; and the
//! weekly sale of each site's finds.

use sync_protocol::records::{Production, Sale, Seller};
use sync_protocol::values::*;
use uuid::Uuid;

use super::trade::{rng_pick_mut, usd_per_carat};
use super::*;
use crate::demo::rng::record_id;

impl Builder<'_> {
    /// Every worked day of every site, and a sale on the site's market day when it found
    /// stones since the last one.
    pub(super) fn site_days(&mut self, c: &CountryRegions, sites: &[Site], traders: &mut Traders) {
        let plan = c.plan;
        let (seed, iso) = (self.seed(), plan.iso3);
        let mut rng = Rng::new(seed, &format!("days {iso}"));
        let ghost = record_id(seed, &format!("unregistered miner {iso}"), 0);
        let mut productions = 0u64;
        let mut sales = 0u64;
        for site in sites {
            let mut lot = (0u64, 0u64, site.members[0].id); // hundredths, stones, seller
            let stop = match site.role {
                Role::PlantedExpired => self.last,
                _ => self.last.min(site.expires),
            };
            let mut day = self.first.max(site.issued);
            while day <= stop {
                let wet = plan.wet_months.contains(&u8::from(day.month()));
                let mut p = if wet { 0.15 } else { 0.45 };
                if day > site.expires {
                    p *= 0.6;
                }
                if rng.chance(p) {
                    let eligible: Vec<Uuid> = site
                        .members
                        .iter()
                        .filter(|m| m.registered <= day)
                        .map(|m| m.id)
                        .collect();
                    let miner = if site.role == Role::PlantedGhost && rng.chance(0.12) {
                        if !self.planted.unregistered_miners.contains(&ghost) {
                            self.planted.unregistered_miners.push(ghost);
                        }
                        ghost
                    } else {
                        *rng.pick(&eligible)
                    };
                    let diggers = rng.range(3, site.members.len() as i64 + 4) as u32;
                    let found = rng.poisson(plan.stones_per_digger_day * f64::from(diggers));
                    let weights: Vec<Carats> =
                        (0..found).map(|_| plan.stones.draw(&mut rng)).collect();
                    let id = record_id(seed, &format!("production {iso}"), productions);
                    productions += 1;
                    let outside = site.role == Role::PlantedOutside && rng.chance(0.1);
                    let (lon, lat) = if outside {
                        let angle = rng.uniform(0.0, std::f64::consts::TAU);
                        let d = rng.uniform(1_500.0, 5_000.0);
                        offset(site.lon, site.lat, d * angle.cos(), d * angle.sin())
                    } else {
                        let angle = rng.uniform(0.0, std::f64::consts::TAU);
                        let d = rng.uniform(0.0, 0.35) * site.radius_m;
                        offset(site.lon, site.lat, d * angle.cos(), d * angle.sin())
                    };
                    if outside {
                        self.planted.outside_productions.push(id);
                    }
                    lot.0 += weights.iter().map(|w| w.hundredths()).sum::<u64>();
                    lot.1 += weights.len() as u64;
                    lot.2 = miner;
                    let production = Production {
                        licence: site.id,
                        miner: Some(miner),
                        date: day,
                        fix: fix(lon, lat, rng.range(3, 12) as u32),
                        diggers: Diggers::new(diggers).expect("a few"),
                        gravel: GravelLitres::new(diggers * rng.range(120, 450) as u32)
                            .expect("a few cubic metres"),
                        stones: Stones::Weighed(weights),
                        mineral: Mineral::Diamond,
                    };
                    self.push(site.agent, day, id, NewRecord::Production(production));
                }
                if lot.1 > 0 && day.weekday().number_days_from_monday() == site.market_day {
                    let x = rng.unit();
                    let trader = match traders.planted.as_mut() {
                        Some(t) if x < 0.02 => t,
                        _ if x < 0.25 => rng_pick_mut(&mut rng, &mut traders.exporters),
                        _ => {
                            let near: Vec<usize> = (0..traders.buyers.len())
                                .filter(|&b| traders.buyers[b].field == site.field)
                                .collect();
                            let b = if near.is_empty() {
                                rng.range(0, traders.buyers.len() as i64 - 1) as usize
                            } else {
                                *rng.pick(&near)
                            };
                            &mut traders.buyers[b]
                        }
                    };
                    let price = usd_per_carat(plan, &plan.stones, lot.0 as f64 / 100.0, lot.1)
                        * rng.uniform(0.85, 1.15);
                    let value = lot.0 as f64 * price;
                    let month = month_index(self.first, day);
                    trader.buy(month, lot.0, lot.1, value);
                    let sale = Sale {
                        seller: Seller::Miner(lot.2),
                        buyer: trader.id,
                        date: day,
                        carats: carats(lot.0),
                        stones: StoneCount::new(lot.1 as u32).expect("a few"),
                        value: cents(value),
                        mineral: Mineral::Diamond,
                    };
                    let id = record_id(seed, &format!("sale {iso}"), sales);
                    sales += 1;
                    self.push(site.agent, day, id, NewRecord::Sale(sale));
                    lot = (0, 0, lot.2);
                }
                day += days(1);
            }
        }
    }
}
