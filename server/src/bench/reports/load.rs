//! Loading the dataset through the real ingest: the synthetic regions imported as
//! `placer admin import-regions` imports them, one enrolled device per district, and every
//! record pushed as a signed, sealed batch through [`Core::push`], with the checks and the
//! rollup cells kept as on a live server.
//!
//! Each device pushes its district's productions month after month: the productivity
//! norms re-check the three months after a month that changes, so a season that arrives in
//! order (as it does from the field) never re-checks much. Devices are shared out over one
//! thread per core, each sealing and signing its own batches while another one's commit
//! runs.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use sync_protocol::api::EnrolRequest;
use sync_protocol::batch::{Batch, DeviceKey, Digest, Signed};
use sync_protocol::client::MAX_OPS_PER_BATCH;
use sync_protocol::clock::{wall_ms, Clock, Hlc};
use sync_protocol::op::Op;
use sync_protocol::records::RegionLevel;
use uuid::Uuid;

use super::country::{Layout, LICENCES_PER_DISTRICT};
use super::dataset::{
    licence_op, miner_op, production_op, site_days, MinerRef, Spec, GHOSTS_PER_DISTRICT,
    MINERS_PER_DISTRICT,
};
use crate::core::Core;
use crate::error::{Result, ServerError};

/// The imported regions' ids.
#[derive(Debug, Clone)]
pub struct Country {
    /// First-level regions, by number.
    pub regions: Vec<Uuid>,
    pub districts: Vec<Uuid>,
}

/// Imports (or finds again: a re-import changes nothing) the synthetic country, through
/// GeoJSON files in `dir` read by the import command's reader.
pub fn import_country(core: &Core, layout: &Layout, dir: &Path) -> Result<Country> {
    std::fs::create_dir_all(dir)?;
    let import = |file: &str,
                  geojson: serde_json::Value,
                  level: RegionLevel,
                  parent: Option<Uuid>|
     -> Result<Vec<Uuid>> {
        let path = dir.join(file);
        std::fs::write(&path, geojson.to_string())?;
        let items = crate::cli::regions::read_features(&path, "name")?
            .into_iter()
            .map(|i| (i.name, i.boundary))
            .collect();
        let report =
            core.import_regions(&crate::auth::Officer::local_admin(), level, parent, items)?;
        Ok(report.regions.iter().map(|r| r.id).collect())
    };
    let country = import(
        "country.geojson",
        layout.country_geojson(),
        RegionLevel::Country,
        None,
    )?[0];
    let regions = import(
        "regions.geojson",
        layout.regions_geojson(),
        RegionLevel::Region,
        Some(country),
    )?;
    let mut districts = Vec::with_capacity(layout.districts);
    for (r, id) in regions.iter().enumerate() {
        districts.extend(import(
            &format!("districts-{:02}.geojson", r + 1),
            layout.districts_geojson(r),
            RegionLevel::District,
            Some(*id),
        )?);
    }
    Ok(Country { regions, districts })
}

/// A simulated handheld: its key, its chain and its clock.
struct Device {
    district: usize,
    region: Uuid,
    id: Uuid,
    key: DeviceKey,
    seq: u64,
    prev: Digest,
    clock: Clock,
    licences: Vec<Uuid>,
    miners: Vec<Uuid>,
    ghosts: Vec<Uuid>,
}

impl Device {
    fn stamp(&mut self) -> Hlc {
        self.clock.tick(wall_ms())
    }

    /// Seals the ops as the next batch of the chain, signs it, and pushes it.
    fn push(&mut self, core: &Core, ops: Vec<Op>) -> Result<()> {
        let batch = Batch {
            device: self.id,
            seq: self.seq + 1,
            prev: self.prev,
            sealed_at: self.stamp(),
            ops,
        };
        let signed = Signed::seal(&batch, &self.key)?;
        core.push(&signed.to_bytes()?, false)?;
        self.seq += 1;
        self.prev = signed.digest();
        Ok(())
    }

    /// The district's miners and claims, in one batch.
    fn register(&mut self, core: &Core, spec: &Spec) -> Result<()> {
        let mut ops = Vec::new();
        for j in 0..MINERS_PER_DISTRICT {
            let stamp = self.stamp();
            ops.push(miner_op(
                spec,
                self.district,
                j,
                self.miners[j],
                self.region,
                stamp,
            ));
        }
        for k in 0..LICENCES_PER_DISTRICT {
            let stamp = self.stamp();
            let holder = self.miners[k % MINERS_PER_DISTRICT];
            ops.push(licence_op(
                spec,
                self.district,
                k,
                holder,
                self.licences[k],
                self.region,
                stamp,
            ));
        }
        self.push(core, ops)
    }

    /// The district's productions of one month, in as few batches as the client's size
    /// allows, of even sizes.
    fn month(&mut self, core: &Core, spec: &Spec, offset: u32) -> Result<u64> {
        let days = site_days(spec, self.district, offset);
        let n = days.len() as u64;
        let mut ops: Vec<Op> = Vec::with_capacity(days.len());
        for s in &days {
            let miner = match s.miner {
                MinerRef::Registered(j) => self.miners[j],
                MinerRef::Ghost(j) => self.ghosts[j],
            };
            let stamp = self.stamp();
            ops.push(production_op(
                s,
                Uuid::now_v7(),
                self.licences[s.licence],
                miner,
                self.region,
                stamp,
            ));
        }
        let size = ops
            .len()
            .div_ceil(ops.len().div_ceil(MAX_OPS_PER_BATCH).max(1));
        while !ops.is_empty() {
            let rest = ops.split_off(ops.len().min(size));
            self.push(core, ops)?;
            ops = rest;
        }
        Ok(n)
    }
}

/// What a load took.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct LoadFigures {
    /// Productions pushed.
    pub records: u64,
    /// Batches pushed (registrations included).
    pub batches: u64,
    /// Enrolling the devices and registering miners and licences.
    pub setup_seconds: f64,
    /// Pushing the productions.
    pub seconds: f64,
    pub records_per_s: f64,
}

fn new_ids(n: usize) -> Vec<Uuid> {
    (0..n).map(|_| Uuid::now_v7()).collect()
}

/// Enrols a device per district and pushes the whole dataset, with a progress bar.
pub fn load(core: Arc<Core>, spec: &Spec, country: &Country) -> Result<LoadFigures> {
    let started = Instant::now();
    let mut devices = Vec::with_capacity(spec.districts);
    for (district, &region) in country.districts.iter().enumerate() {
        let code = core.issue_code(
            &crate::auth::Officer::local_admin(),
            &format!("Bench agent {}", district + 1),
            vec![region],
            72,
        )?;
        let key = DeviceKey::generate()?;
        let enrolment = core.enrol(&EnrolRequest {
            code: code.code,
            public_key: key.public_key(),
            label: "bench device".into(),
        })?;
        devices.push(Device {
            district,
            region,
            id: enrolment.device,
            key,
            seq: 0,
            prev: Digest::ZERO,
            clock: Clock::starting_at(Hlc::ZERO),
            licences: new_ids(LICENCES_PER_DISTRICT),
            miners: new_ids(MINERS_PER_DISTRICT),
            ghosts: new_ids(GHOSTS_PER_DISTRICT),
        });
    }
    for d in &mut devices {
        d.register(&core, spec)?;
    }
    let setup_seconds = started.elapsed().as_secs_f64();

    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let mut shares: Vec<Vec<Device>> = (0..workers).map(|_| Vec::new()).collect();
    for (i, d) in devices.into_iter().enumerate() {
        shares[i % workers].push(d);
    }
    let bar = crate::progress::count_bar(spec.records, "loading productions");
    let started = Instant::now();
    let results: Vec<Result<u64>> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|mut mine| {
                let (core, bar) = (core.clone(), bar.clone());
                scope.spawn(move || -> Result<u64> {
                    let mut batches = 0;
                    for offset in 0..spec.months {
                        for d in &mut mine {
                            let before = d.seq;
                            bar.inc(d.month(&core, spec, offset)?);
                            batches += d.seq - before;
                        }
                    }
                    Ok(batches)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(ServerError::Other("a loading thread panicked".into())))
            })
            .collect()
    });
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let mut batches = spec.districts as u64;
    for r in results {
        batches += r?;
    }
    Ok(LoadFigures {
        records: spec.records,
        batches,
        setup_seconds,
        seconds,
        records_per_s: spec.records as f64 / seconds.max(1e-9),
    })
}
