//! Site-days: who dug where, with how many diggers, and which stones they found; and the
//! weekly sale of each site's finds.

use sync_protocol::records::{Production, Sale, Seller};
use sync_protocol::values::*;
use uuid::Uuid;

use super::trade::{rng_pick_mut, usd_per_carat};
use super::*;
use crate::demo::plans::CountryPlan;
use crate::demo::rng::record_id;

/// Chance that a site works on a day of the dry season, and of the rainy one (flooded
/// pits); a site on an expired licence works less, as if keeping out of sight.
const WORK_DRY: f64 = 0.45;
const WORK_WET: f64 = 0.15;
const WORK_EXPIRED: f64 = 0.6;
/// Shares of the planted days: the unregistered miner's, the fixes off the claim.
const GHOST_DAYS: f64 = 0.12;
const OUTSIDE_DAYS: f64 = 0.1;
/// Where a site's finds go: the planted exporter (where there is one), another exporter,
/// else a buyer of the site's field.
const TO_PLANTED_EXPORTER: f64 = 0.02;
const TO_EXPORTERS: f64 = 0.25;

/// What a site found since its last sale.
struct Lot {
    hundredths: u64,
    stones: u64,
    /// The miner who reported the last find, who sells.
    seller: Uuid,
}

/// The numbers of the records made so far, for their ids.
#[derive(Default)]
struct Numbers {
    productions: u64,
    sales: u64,
}

impl Builder<'_> {
    /// Every worked day of every site, and a sale on the site's market day when it found
    /// stones since the last one.
    pub(super) fn site_days(&mut self, c: &CountryRegions, sites: &[Site], traders: &mut Traders) {
        let mut rng = Rng::new(self.seed(), &format!("days {}", c.plan.iso3));
        let mut n = Numbers::default();
        for site in sites {
            let mut lot = Lot {
                hundredths: 0,
                stones: 0,
                seller: site.members[0].id,
            };
            let stop = match site.role {
                Role::PlantedExpired => self.last,
                _ => self.last.min(site.expires),
            };
            let mut day = self.first.max(site.issued);
            while day <= stop {
                let wet = c.plan.wet_months.contains(&u8::from(day.month()));
                let mut p = if wet { WORK_WET } else { WORK_DRY };
                if day > site.expires {
                    p *= WORK_EXPIRED;
                }
                if rng.chance(p) {
                    self.worked_day(c.plan, site, day, &mut rng, &mut n, &mut lot);
                }
                if lot.stones > 0 && day.weekday().number_days_from_monday() == site.market_day {
                    self.sale(c.plan, site, day, &mut rng, traders, &mut n, &lot);
                    lot.hundredths = 0;
                    lot.stones = 0;
                }
                day += days(1);
            }
        }
    }

    /// One production record, its finds added to the lot.
    fn worked_day(
        &mut self,
        plan: &CountryPlan,
        site: &Site,
        day: Date,
        rng: &mut Rng,
        n: &mut Numbers,
        lot: &mut Lot,
    ) {
        let iso = plan.iso3;
        let eligible: Vec<Uuid> = site
            .members
            .iter()
            .filter(|m| m.registered <= day)
            .map(|m| m.id)
            .collect();
        let miner = if site.role == Role::PlantedGhost && rng.chance(GHOST_DAYS) {
            let ghost = record_id(self.seed(), &format!("unregistered miner {iso}"), 0);
            if !self.planted.unregistered_miners.contains(&ghost) {
                self.planted.unregistered_miners.push(ghost);
            }
            ghost
        } else {
            *rng.pick(&eligible)
        };
        let diggers = rng.range(3, site.members.len() as i64 + 4) as u32;
        let found = rng.poisson(plan.stones_per_digger_day * f64::from(diggers));
        let weights: Vec<Carats> = (0..found).map(|_| plan.stones.draw(rng)).collect();
        let id = record_id(self.seed(), &format!("production {iso}"), n.productions);
        n.productions += 1;
        let outside = site.role == Role::PlantedOutside && rng.chance(OUTSIDE_DAYS);
        let angle = rng.uniform(0.0, std::f64::consts::TAU);
        let distance = if outside {
            rng.uniform(1_500.0, 5_000.0)
        } else {
            // Well inside the walked hexagon (see `claim_area`).
            rng.uniform(0.0, 0.35) * site.radius_m
        };
        let (lon, lat) = offset(
            site.lon,
            site.lat,
            distance * angle.cos(),
            distance * angle.sin(),
        );
        if outside {
            self.planted.outside_productions.push(id);
        }
        lot.hundredths += weights.iter().map(|w| w.hundredths()).sum::<u64>();
        lot.stones += weights.len() as u64;
        lot.seller = miner;
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

    /// The sale of a lot to a buyer of the site's field or to an exporter.
    #[allow(clippy::too_many_arguments)]
    fn sale(
        &mut self,
        plan: &CountryPlan,
        site: &Site,
        day: Date,
        rng: &mut Rng,
        traders: &mut Traders,
        n: &mut Numbers,
        lot: &Lot,
    ) {
        let x = rng.unit();
        let trader = match traders.planted.as_mut() {
            Some(t) if x < TO_PLANTED_EXPORTER => t,
            _ if x < TO_EXPORTERS => rng_pick_mut(rng, &mut traders.exporters),
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
        let price = usd_per_carat(
            plan,
            &plan.stones,
            lot.hundredths as f64 / 100.0,
            lot.stones,
        ) * rng.uniform(0.85, 1.15);
        let value = lot.hundredths as f64 * price;
        trader.buy(
            month_index(self.first, day),
            lot.hundredths,
            lot.stones,
            value,
        );
        let sale = Sale {
            seller: Seller::Miner(lot.seller),
            buyer: trader.id,
            date: day,
            carats: carats(lot.hundredths),
            stones: StoneCount::new(lot.stones as u32).expect("a few"),
            value: cents(value),
            mineral: Mineral::Diamond,
        };
        let id = record_id(self.seed(), &format!("sale {}", plan.iso3), n.sales);
        n.sales += 1;
        self.push(site.agent, day, id, NewRecord::Sale(sale));
    }
}
