//! Licensed buyers and exporters, their purchases, and the exports under Kimberley Process
//! certificates.

use sync_protocol::records::{Export, Holder, Licence, Sale, Seller};
use sync_protocol::values::*;
use uuid::Uuid;

use super::*;
use crate::demo::plans::{CountryPlan, StoneSizes, BUYER_KINDS, COUNTRIES, EXPORTER_KINDS};
use crate::demo::rng::record_id;

impl Builder<'_> {
    /// Licensed buyers near the fields, exporters in the capital, and the planted exporter.
    pub(super) fn traders(&mut self, c: &CountryRegions) -> Traders {
        let plan = c.plan;
        let mut rng = Rng::new(self.seed(), &format!("traders {}", plan.iso3));
        let capital = plan
            .towns
            .iter()
            .find(|(name, _, _)| *name == plan.capital)
            .and_then(|(_, lon, lat)| {
                // A coastal capital has the sea 2 km away: its district is where it lies.
                self.geo.index.locate_at_level(
                    *lon,
                    *lat,
                    sync_protocol::records::RegionLevel::District,
                )
            })
            .unwrap_or(c.districts[0].id);
        let mut buyers = Vec::new();
        for i in 0..plan.buyers {
            let field = i % plan.fields.len();
            let f = &plan.fields[field];
            let district = self
                .geo
                .district_well_inside(f.lon, f.lat)
                .expect("field centres lie well inside a district (tested)");
            let agent = self.agent(c, district, 0, &mut rng);
            let name = format!(
                "{} {}",
                f.name,
                BUYER_KINDS[(i / plan.fields.len()) % BUYER_KINDS.len()]
            );
            let id = self.trader(
                &mut rng,
                agent,
                LicenceKind::Buyer,
                &name,
                format!("{}-BUY-{:03}", plan.code, i + 1),
            );
            buyers.push(Trader::new(id, field, agent));
        }
        let capital_agent = self.agent(c, capital, 0, &mut rng);
        let mut exporters = Vec::new();
        for i in 0..plan.exporters {
            let name = format!(
                "{} {}",
                plan.towns[i % plan.towns.len()].0,
                EXPORTER_KINDS[i % EXPORTER_KINDS.len()]
            );
            let id = self.trader(
                &mut rng,
                capital_agent,
                LicenceKind::Exporter,
                &name,
                format!("{}-EXP-{:03}", plan.code, i + 1),
            );
            exporters.push(Trader::new(id, 0, capital_agent));
        }
        let planted = plan.planted_exporter.map(|name| {
            let number = format!("{}-EXP-{:03}", plan.code, plan.exporters + 1);
            let id = self.trader(
                &mut rng,
                capital_agent,
                LicenceKind::Exporter,
                name,
                number.clone(),
            );
            self.planted.exporter = Some((id, number));
            Trader::new(id, 0, capital_agent)
        });

        Traders {
            buyers,
            exporters,
            planted,
        }
    }

    /// Each buyer sells the month's purchases to its exporter on the month's last day.
    pub(super) fn resales(&mut self, c: &CountryRegions, traders: &mut Traders) {
        let plan = c.plan;
        let (seed, iso) = (self.seed(), plan.iso3);
        let mut rng = Rng::new(seed, &format!("resales {iso}"));
        let mut sales = 0u64;
        for (i, buyer) in traders.buyers.iter().enumerate() {
            let exporter = &mut traders.exporters[i % plan.exporters];
            for (m, &(h, stones, paid)) in buyer.bought.iter().enumerate() {
                if h == 0 {
                    continue;
                }
                let date = add_months(self.first, m as i32 + 1) - days(1);
                let value = paid as f64 * rng.uniform(1.08, 1.15);
                exporter.buy(m, h, stones, value);
                let sale = Sale {
                    seller: Seller::Licence(buyer.id),
                    buyer: exporter.id,
                    date,
                    carats: carats(h),
                    stones: StoneCount::new(stones as u32).expect("a month's stones"),
                    value: cents(value),
                    mineral: Mineral::Diamond,
                };
                let id = record_id(seed, &format!("resale {iso}"), sales);
                sales += 1;
                self.push(buyer.agent, date, id, NewRecord::Sale(sale));
            }
        }
    }

    /// Exports early each month of what was bought the month before; the planted exporter
    /// instead ships large parcels of another country's stones at that country's prices.
    pub(super) fn exports(&mut self, c: &CountryRegions, traders: &Traders) {
        let plan = c.plan;
        let mut rng = Rng::new(self.seed(), &format!("exports {}", plan.iso3));
        let mut certificates = 0u64;
        for exporter in &traders.exporters {
            for m in 0..11 {
                let (h, _, paid) = exporter.bought[m];
                if h == 0 {
                    continue;
                }
                let target = (h as f64 * rng.uniform(0.9, 1.0)) as u64;
                // Never more than was bought: honest exporters ship what they hold.
                let parcel = parcel(&mut rng, &plan.stones, target, h);
                let total: u64 = parcel.iter().map(|c| c.hundredths()).sum();
                let value = paid as f64 * (total as f64 / h as f64) * rng.uniform(1.05, 1.15);
                // Industrial stones are sorted out of the month's goods and shipped under a
                // certificate of their own at a few US$ per carat (boart, crushing bort);
                // the rest of the goods carries the rest of the value.
                let industrial_share = plan
                    .hs_codes
                    .iter()
                    .find(|(hs, _)| *hs == HsCode::Industrial)
                    .map_or(0.0, |(_, w)| *w);
                let (industrial, goods): (Vec<Carats>, Vec<Carats>) = parcel
                    .into_iter()
                    .partition(|_| rng.uniform(0.0, 1.0) < industrial_share);
                let (goods, value) = if industrial.is_empty() || goods.is_empty() {
                    (goods.into_iter().chain(industrial).collect(), value)
                } else {
                    // Cents per hundredth of a carat are US$ per carat.
                    let ct: u64 = industrial.iter().map(|c| c.hundredths()).sum();
                    let at = ct as f64 * INDUSTRIAL_USD_PER_CARAT * rng.uniform(0.7, 1.3);
                    self.export(
                        c,
                        &mut rng,
                        exporter,
                        m + 1,
                        &mut certificates,
                        industrial,
                        at,
                        HsCode::Industrial,
                    );
                    (goods, value - at)
                };
                let others: Vec<(HsCode, f64)> = plan
                    .hs_codes
                    .iter()
                    .copied()
                    .filter(|(hs, _)| *hs != HsCode::Industrial)
                    .collect();
                let weights: Vec<f64> = others.iter().map(|(_, w)| *w).collect();
                let hs = others
                    .get(rng.weighted(&weights))
                    .map_or(HsCode::Industrial, |(hs, _)| *hs);
                self.export(
                    c,
                    &mut rng,
                    exporter,
                    m + 1,
                    &mut certificates,
                    goods,
                    value,
                    hs,
                );
            }
        }
        if let Some(exporter) = &traders.planted {
            let other = COUNTRIES
                .iter()
                .find(|p| p.iso3 != plan.iso3)
                .expect("two countries");
            for month in 1..12 {
                let target = rng.range(15_000, 35_000) as u64;
                let parcel = parcel(&mut rng, &other.stones, target, u64::MAX);
                let total: u64 = parcel.iter().map(|c| c.hundredths()).sum();
                let value = total as f64 * other.usd_per_carat * rng.uniform(0.9, 1.1);
                self.export(
                    c,
                    &mut rng,
                    exporter,
                    month,
                    &mut certificates,
                    parcel,
                    value,
                    HsCode::Gem,
                );
            }
        }
    }

    /// Registers a buyer's or exporter's licence (no area: they do not dig); returns its id.
    fn trader(
        &mut self,
        rng: &mut Rng,
        agent: usize,
        kind: LicenceKind,
        holder: &str,
        number: String,
    ) -> Uuid {
        let id = record_id(self.seed(), &format!("licence {number}"), 0);
        let issued = self.first - days(rng.range(200, 900));
        let licence = Licence {
            number: LicenceNumber::parse(number).expect("short"),
            kind,
            holder: Holder::Organisation(text(holder)),
            mineral: Mineral::Diamond,
            issued,
            expires: self.last + days(rng.range(60, 500)),
            status: LicenceStatus::Active,
            area: None,
        };
        self.push(agent, issued, id, NewRecord::Licence(licence));
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn export(
        &mut self,
        c: &CountryRegions,
        rng: &mut Rng,
        exporter: &Trader,
        month: usize,
        certificates: &mut u64,
        parcel: Vec<Carats>,
        value: f64,
        hs_code: HsCode,
    ) {
        let plan = c.plan;
        let date = add_months(self.first, month as i32) + days(rng.range(2, 9));
        *certificates += 1;
        let total: u64 = parcel.iter().map(|c| c.hundredths()).sum();
        let export = Export {
            exporter: exporter.id,
            certificate: KpCertificate::parse(format!(
                "{}-KP-{}-{:05}",
                plan.code,
                date.year(),
                *certificates
            ))
            .expect("short"),
            date,
            carats: carats(total),
            value: cents(value),
            hs_code,
            destination: CountryCode::parse(*rng.pick(plan.destinations)).expect("ISO codes"),
            parcel: Parcel::Stones(parcel),
        };
        let id = record_id(self.seed(), &format!("export {}", plan.iso3), *certificates);
        self.push(exporter.agent, date, id, NewRecord::Export(export));
    }
}

/// What industrial diamonds (boart, crushing bort) fetch: a few US$ per carat.
const INDUSTRIAL_USD_PER_CARAT: f64 = 8.0;

/// `rng.pick` for a mutable element.
pub(super) fn rng_pick_mut<'a, T>(rng: &mut Rng, items: &'a mut [T]) -> &'a mut T {
    let i = rng.range(0, items.len() as i64 - 1) as usize;
    &mut items[i]
}

/// Stones drawn until they weigh at least `target` hundredths together, a stone that would
/// take them past `cap` drawn again (a few times, then the parcel is what it is).
fn parcel(rng: &mut Rng, stones: &StoneSizes, target: u64, cap: u64) -> Vec<Carats> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut misses = 0;
    while total < target.max(1) && misses < 20 {
        let s = stones.draw(rng);
        if total + s.hundredths() > cap && !out.is_empty() {
            misses += 1;
            continue;
        }
        total += s.hundredths();
        out.push(s);
    }
    out
}

/// The price of a lot, in US$ per carat: larger stones fetch more per carat.
pub(super) fn usd_per_carat(
    plan: &CountryPlan,
    stones: &StoneSizes,
    lot_ct: f64,
    lot_stones: u64,
) -> f64 {
    let mean = lot_ct / lot_stones.max(1) as f64;
    plan.usd_per_carat * (mean / stones.mean_ct()).powf(0.5)
}
