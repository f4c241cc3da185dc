//! Mining licences: walked claims clustered around the diamond fields, each with the gang
//! of miners working it, some of them planted with an anomaly.

use sync_protocol::records::{Holder, Licence};
use sync_protocol::values::*;
use uuid::Uuid;

use super::people::People;
use super::*;
use crate::demo::rng::record_id;

impl Builder<'_> {
    /// The country's mining licences and their miners, registered by the agents of their
    /// districts.
    pub(super) fn mining_sites(&mut self, c: &CountryRegions, people: &mut People) -> Vec<Site> {
        let plan = c.plan;
        let seed = self.seed();
        let iso = plan.iso3;
        let mut rng = Rng::new(seed, &format!("sites {iso}"));
        let n = ((plan.mining_licences as f64 * self.config.scale).round() as usize).max(10);
        let planted_expired = (n * 3 / 200).max(2);
        let weights: Vec<f64> = plan.fields.iter().map(|f| f.weight).collect();
        let mut sites = Vec::with_capacity(n);
        for i in 0..n {
            let field = rng.weighted(&weights);
            let (lon, lat, district) = self.place(c, field, &mut rng);
            // One agent registers and follows about twenty licences.
            let nth = self.sites_in.entry(district).or_default();
            let k = *nth / SITES_PER_AGENT;
            *nth += 1;
            let agent = self.agent(c, district, k, &mut rng);
            let role = match i {
                _ if i < planted_expired => Role::PlantedExpired,
                _ if i < planted_expired + 2 => Role::PlantedOutside,
                _ if i == planted_expired + 2 => Role::PlantedGhost,
                _ if rng.chance(0.05) => Role::ExpiresAndStops,
                _ => Role::Clean,
            };
            let issued = if role == Role::Clean && rng.chance(0.1) {
                self.first + days(rng.range(0, 240))
            } else {
                self.first - days(rng.range(30, 1200))
            };
            let expires = match role {
                Role::PlantedExpired => self.first + days(rng.range(120, 250)),
                Role::ExpiresAndStops => self.first + days(rng.range(90, 330)),
                _ => self.last + days(rng.range(20, 700)),
            };
            let kind = *rng.pick(&[
                LicenceKind::ArtisanalPermit,
                LicenceKind::ArtisanalPermit,
                LicenceKind::ArtisanalPermit,
                LicenceKind::Claim,
                LicenceKind::Cooperative,
            ]);
            let id = record_id(seed, &format!("licence {iso}"), i as u64);
            let radius_m = rng.uniform(60.0, 220.0);
            let cooperative = (kind == LicenceKind::Cooperative)
                .then(|| format!("{} Diggers Cooperative {}", plan.fields[field].name, i + 1));
            let members = self.gang(
                &mut rng,
                people,
                issued,
                (lon, lat, district),
                agent,
                cooperative.as_deref(),
            );
            let holder = match &cooperative {
                Some(name) => Holder::Organisation(text(name)),
                None => Holder::Miner(members[0].id),
            };
            let code = match kind {
                LicenceKind::ArtisanalPermit => "AP",
                LicenceKind::Claim => "CL",
                _ => "CO",
            };
            let licence = Licence {
                number: LicenceNumber::parse(format!("{}-{code}-{:04}", plan.code, i + 1))
                    .expect("short"),
                kind,
                holder,
                mineral: Mineral::Diamond,
                issued,
                expires,
                status: LicenceStatus::Active,
                area: Some(claim_area(&mut rng, lon, lat, radius_m)),
            };
            self.push(agent, issued, id, NewRecord::Licence(licence));
            if role == Role::PlantedExpired {
                self.planted.expired_licences.push(id);
            }
            sites.push(Site {
                id,
                field,
                lon,
                lat,
                radius_m,
                agent,
                issued,
                expires,
                role,
                members,
                market_day: rng.range(0, 6) as u8,
            });
        }

        sites
    }

    /// A site's gang: the holder, registered before the licence was issued, then members
    /// registered before the season or, some, during it; all living around the site.
    fn gang(
        &mut self,
        rng: &mut Rng,
        people: &mut People,
        issued: Date,
        (lon, lat, district): (f64, f64, Uuid),
        agent: usize,
        cooperative: Option<&str>,
    ) -> Vec<Member> {
        let size = rng.range(5, 16) as usize;
        let mut members = Vec::with_capacity(size);
        for g in 0..size {
            let registered = if g == 0 {
                issued - days(rng.range(0, 90))
            } else if rng.chance(0.85) {
                self.first - days(rng.range(1, 1000))
            } else {
                (self.first + days(rng.range(0, 330))).min(self.last)
            };
            let at = offset(
                lon,
                lat,
                rng.uniform(-800.0, 800.0),
                rng.uniform(-800.0, 800.0),
            );
            let (id, miner) = people.miner(
                self.geo,
                registered,
                at,
                district,
                &self.agents[agent].name,
                cooperative,
            );
            self.push(agent, registered, id, NewRecord::Miner(miner));
            members.push(Member { id, registered });
        }
        members
    }
}

/// A hexagon walked around a claim: corners at irregular angles and distances, so that
/// no two claims look alike. Every point within 0.4 of `radius_m` of the centre is inside.
fn claim_area(rng: &mut Rng, lon: f64, lat: f64, radius_m: f64) -> Polygon {
    let mut points: Vec<Point> = (0..6)
        .map(|k| {
            let angle = (f64::from(k) * 60.0 + rng.uniform(-12.0, 12.0)).to_radians();
            let r = radius_m * rng.uniform(0.8, 1.25);
            let (x, y) = offset(lon, lat, r * angle.cos(), r * angle.sin());
            point(x, y)
        })
        .collect();
    points.push(points[0]);
    Polygon {
        exterior: Ring::new(points).expect("seven points, closed"),
        holes: Vec::new(),
    }
}
