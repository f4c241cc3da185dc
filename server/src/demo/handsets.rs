//! The demo's handsets: one per field agent, each enrolled with a one-time code and its own
//! sled directory, entering its agent's season month by month and syncing it over HTTP
//! through the device library, as a handset in the field would.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use sync_protocol::client::transport::HttpTransport;
use sync_protocol::client::{Device, Kek, KeyStore};

use super::other;
use super::season::{add_months, Season, PHASES};
use crate::cli::admin::Admin;
use crate::error::Result;

/// Handsets entering and syncing at the same time: enough to keep the server's two cores
/// busy while each device seals, signs and waits for its acknowledgement.
const PARALLEL_DEVICES: usize = 4;

/// Enrols one handset per agent of the season, in `dirs/NN-district`. Their keys are
/// sealed under one key-encryption key in `dirs/handsets.kek`: simulated handsets of one
/// machine have no platform keystore, and the file stays outside every device directory.
pub fn enrol(admin: &Admin, url: &str, dirs: &Path, season: &Season) -> Result<Vec<Device>> {
    let transport = HttpTransport::new(url)?;
    let kek: Arc<dyn KeyStore> = Arc::new(Kek::load_or_create(&dirs.join("handsets.kek"))?);
    let mut devices = Vec::with_capacity(season.agents.len());
    for (i, agent) in season.agents.iter().enumerate() {
        let code = admin.issue_code(&agent.name, vec![agent.district], 24)?;
        let dir = dirs.join(format!("{i:02}-{}", slug(&agent.district_name)));
        let device = Device::open(&dir, kek.clone())?;
        device.enrol(
            &transport,
            url,
            &code.code,
            &format!("demo handset {i:02} ({})", agent.district_name),
        )?;
        devices.push(device);
    }
    Ok(devices)
}

/// Each handset enters its agent's records of a phase (what was registered before the
/// season, then each month) and syncs; every handset finishes a phase before the next
/// begins, so that no month's sale arrives before the licence it names. A progress bar
/// counts the ops acknowledged.
pub fn sync_season(url: &str, season: &Season, devices: &[Device]) -> Result<()> {
    let bar = crate::progress::count_bar(season.counts().total(), "pushing");
    for phase in 0..PHASES {
        sync_protocol::clock::simulate_wall_clock(entered_at(season, phase));
        let next = AtomicUsize::new(0);
        let failure = std::thread::scope(|s| {
            let workers: Vec<_> = (0..PARALLEL_DEVICES.min(devices.len()))
                .map(|_| {
                    s.spawn(|| -> Result<()> {
                        let transport = HttpTransport::new(url)?;
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(agent) = season.agents.get(i) else {
                                return Ok(());
                            };
                            let entries = &agent.phases[phase];
                            if entries.is_empty() {
                                continue;
                            }
                            devices[i].record_ops(
                                entries
                                    .iter()
                                    .map(|e| (e.id, agent.district, e.record.body()))
                                    .collect(),
                            )?;
                            let report = devices[i]
                                .sync(&transport)
                                .map_err(|e| other(format!("{}'s handset: {e}", agent.name)))?;
                            bar.inc(report.ops_acknowledged);
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|_| Err(other("a device panicked"))))
                .find_map(|r| r.err())
        });
        if let Some(e) = failure {
            bar.abandon();
            return Err(e);
        }
    }
    sync_protocol::clock::simulate_wall_clock(None);
    bar.finish_and_clear();
    Ok(())
}

/// When the handsets enter and sync a phase, in ms since the epoch (the process's clocks
/// are set to it: `simulate_wall_clock`): a week before the season for what was registered
/// before it, the last afternoon of each month for that month, so that nothing is late and
/// flags are raised in the month their cause arrived; the last month now, on the real
/// clock, when now is the month after it, so that the registry's handsets last synced
/// today. Never later than now.
pub fn entered_at(season: &Season, phase: usize) -> Option<u64> {
    let first = season.config.first_day();
    let at = |d: time::Date, hour: u8| {
        let t = d.with_hms(hour, 0, 0).expect("a valid hour").assume_utc();
        (t.unix_timestamp() * 1000) as u64
    };
    let now = (time::OffsetDateTime::now_utc().unix_timestamp() * 1000) as u64;
    let month_end = |p: usize| at(add_months(first, p as i32) - time::Duration::days(1), 17);
    let target = match phase {
        0 => at(first - time::Duration::days(7), 9),
        p if p + 1 < PHASES => month_end(p),
        // The season's last month, while the month after it runs (the default season):
        // now, so the handsets last synced today and nothing is late. An older season
        // (`--last-month` long past) was entered at its end, like its other months.
        p if now < at(add_months(first, p as i32 + 1), 0) => return None,
        p => month_end(p),
    };
    (target < now).then_some(target)
}

/// A directory-safe form of a district name.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
