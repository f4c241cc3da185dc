//! `placer demo`: a registry with a realistic season in it, served.
//!
//! On a data directory without a finished demo, it starts the real server (the code of
//! `placer serve`, with its public and admin listeners), imports Ghana and Sierra Leone
//! and their synthetic districts through the admin API (as `placer admin import-regions`
//! does), creates four officers, enrols one simulated handset per field agent through
//! the public API (each with its own outbox directory under `DATA/demo-devices/`), and has
//! every handset enter its agent's season and sync it, month after month, as signed
//! batches over HTTP. Then it writes the marker `DATA/demo.json`, prints the URL and the
//! logins, and serves until Ctrl-C. On a directory holding a finished demo it only serves.
//!
//! # Modules
//! - [`districts`]: the two countries cut into named synthetic districts.
//! - [`plans`]: per country, the fields, stone sizes, prices, seasons and names.
//! - [`rng`]: the seeded generator and the records' ids.
//! - [`season`]: the pure generator of every record, planted anomalies included.
//! - [`handsets`]: enrols the simulated handsets and syncs the season through them.
//! - [`logins`]: the officers and their passwords.
//!
//! The passwords follow from the seed ([`logins::password`]): anyone who knows the seed can log
//! in. They are for a demo on one's own machine only.

/// Prints a line on standard output, ignoring a closed pipe: the server keeps serving
/// when whoever read its first lines has gone (`placer demo | head -3`).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

pub mod districts;
mod handsets;
mod logins;
pub mod plans;
pub mod rng;
pub mod season;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sync_protocol::records::RegionLevel;
use sync_protocol::values::{format_day, parse_day};
use uuid::Uuid;

use crate::app::{self, ServerInfo};
use crate::cli::admin::Admin;
use crate::error::{Result, ServerError};
use crate::http::{RegionImport, RegionItem};
use districts::{DemoRegion, Geography};
use season::{Counts, Season, SeasonConfig};

/// What `placer demo` was asked for.
#[derive(Debug, Clone)]
pub struct DemoConfig {
    pub data: PathBuf,
    /// Served in plain HTTP: loopback only, unless `insecure_http`.
    pub listen: String,
    pub insecure_http: bool,
    pub seed: u64,
    /// Share of the full size; 1.0 unless a test wants a small season.
    pub scale: f64,
    /// The season's last month, `YYYY-MM`; by default the month before the current one.
    pub last_month: Option<String>,
    pub workers: usize,
}

/// `DATA/demo.json`: written once the whole season is in, so that a directory holding it
/// is served as it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Marker {
    seed: u64,
    scale: f64,
    last_month: String,
    counts: Counts,
    /// The district of the regional officer, and its name.
    regional: (Uuid, String),
}

const MARKER: &str = "demo.json";

fn other(e: impl std::fmt::Display) -> ServerError {
    ServerError::Other(e.to_string())
}

/// Runs the demo: creates it if needed, then serves until a signal.
pub fn run(cfg: DemoConfig) -> Result<()> {
    // Before a season is drawn: a refused address should cost nothing.
    app::check_plain_listen(&cfg.listen, cfg.insecure_http)?;
    let marker_path = cfg.data.join(MARKER);
    let marker: Option<Marker> = std::fs::read(&marker_path)
        .ok()
        .map(|b| serde_json::from_slice(&b))
        .transpose()
        .map_err(|e| other(format!("{}: {e}", marker_path.display())))?;
    if marker.is_none() && log_bytes(&cfg.data) > 0 {
        return Err(other(format!(
            "{} holds data but no finished demo (was the demo interrupted?): remove it or \
             give another --data",
            cfg.data.display()
        )));
    }
    if let Some(m) = &marker {
        if m.seed != cfg.seed {
            eprintln!(
                "{} holds the demo of seed {}; serving it (remove the directory for seed {})",
                cfg.data.display(),
                m.seed,
                cfg.seed
            );
        }
    }
    // The season is generated before the server starts, so a bad --last-month or a bug in
    // the generator costs nothing.
    let prepared = match &marker {
        Some(_) => None,
        None => {
            let last_month = match &cfg.last_month {
                Some(m) => parse_day(&format!("{m}-01"))
                    .map_err(|_| other(format!("--last-month {m:?}: expected YYYY-MM")))?,
                None => season::add_months(time::OffsetDateTime::now_utc().date(), -1),
            };
            eprintln!("Cutting Ghana and Sierra Leone into districts and drawing the season...");
            let geo = Geography::build();
            let season = season::generate(
                &geo,
                SeasonConfig {
                    seed: cfg.seed,
                    last_month,
                    scale: cfg.scale,
                },
            );
            Some((geo, season))
        }
    };

    crate::batchlog::create_private_dir(&cfg.data)?;
    // A new registry starts a week before its season: the server's clock and the
    // handsets' live at the season's days while it is entered (`handsets::entered_at`).
    if let Some((_, season)) = &prepared {
        sync_protocol::clock::simulate_wall_clock(handsets::entered_at(season, 0));
    }
    let serve = app::ServeConfig {
        data: cfg.data.clone(),
        listen: cfg.listen.clone(),
        admin_listen: "127.0.0.1:0".into(),
        workers: cfg.workers.max(1),
        session_seconds: crate::auth::DEFAULT_SESSION_SECONDS,
        push_quota_bytes: crate::core::PUSH_QUOTA_MIB * 1024 * 1024,
        checks: true,
        rollups: true,
        tls: None,
        insecure_http: cfg.insecure_http,
    };
    let server = std::thread::spawn(move || app::serve(serve));
    let Some(info) = wait_for_server(&cfg.data, &server)? else {
        // The server gave up while starting (a taken port, a locked directory): its error.
        return server
            .join()
            .unwrap_or_else(|_| Err(other("the server thread panicked")))
            .and(Err(other("the server stopped while starting")));
    };

    let marker = match (marker, prepared) {
        (Some(m), _) => m,
        (None, Some((geo, season))) => {
            let started = Instant::now();
            let marker = create(&cfg, &info, &geo, &season)?;
            let c = marker.counts;
            say!(
                "Placer demo, seed {}: Ghana and Sierra Leone, {} to {}",
                marker.seed,
                &format_day(season.config.first_day())[..7],
                marker.last_month
            );
            say!(
                "  {} miners, {} licences, {} productions, {} sales, {} exports from {} \
                 handsets in {:.1} s",
                c.miners,
                c.licences,
                c.productions,
                c.sales,
                c.exports,
                season.agents.len(),
                started.elapsed().as_secs_f64()
            );
            say!("  planted: {}", planted_summary(&season));
            marker
        }
        (None, None) => unreachable!("a season is prepared whenever there is no marker"),
    };
    logins::print(&info, marker.seed, &marker.regional);
    // A handset to try the field app with: a fresh code each time the demo starts.
    match Admin::connect(&cfg.data)
        .and_then(|admin| logins::print_new_handset(&admin, &info, &marker.regional))
    {
        Ok(()) => {}
        Err(e) => tracing::warn!(error = %e, "no enrolment code for a new handset"),
    }
    match server.join() {
        Ok(r) => r,
        Err(_) => Err(other("the server thread panicked")),
    }
}

/// The size of the batch log: anything in it means the directory is not a fresh one (a
/// start that failed, on a taken port say, leaves an empty log behind).
fn log_bytes(data: &Path) -> u64 {
    std::fs::read_dir(crate::core::log_dir(data))
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Waits until the server of this process answers; `None` when it stopped instead.
fn wait_for_server(
    data: &Path,
    server: &std::thread::JoinHandle<Result<()>>,
) -> Result<Option<ServerInfo>> {
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .map_err(other)?;
    loop {
        if server.is_finished() {
            return Ok(None);
        }
        if let Some(info) = app::read_info(data).filter(|i| i.pid == std::process::id()) {
            let up = client
                .get(format!("{}/healthz", info.admin_url))
                .send()
                .is_ok_and(|r| r.status().is_success());
            if up {
                return Ok(Some(info));
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Imports the regions, adds the officers, enrols the handsets and pushes the season.
fn create(cfg: &DemoConfig, info: &ServerInfo, geo: &Geography, season: &Season) -> Result<Marker> {
    let admin = Admin::connect(&cfg.data)?;
    import_regions(
        &admin,
        RegionLevel::Country,
        None,
        geo.countries.iter().map(|c| &c.country),
    )?;
    for c in &geo.countries {
        import_regions(
            &admin,
            RegionLevel::District,
            Some(c.country.id),
            c.districts.iter(),
        )?;
    }
    let regional = logins::regional_district(geo);
    for (user, role, regions, _) in logins::logins(&regional) {
        admin.add_user(user, role, regions, &logins::password(cfg.seed, user))?;
    }

    let devices = handsets::enrol(&admin, &info.url, &cfg.data.join("demo-devices"), season)?;
    drop(admin);

    handsets::sync_season(&info.url, season, &devices)?;

    let marker = Marker {
        seed: cfg.seed,
        scale: cfg.scale,
        last_month: format_day(season.config.last_day())[..7].to_string(),
        counts: season.counts(),
        regional,
    };
    // Owner-only, like the rest of the directory: the logins' passwords follow from the seed.
    let tmp = cfg.data.join("demo.json.tmp");
    crate::batchlog::salvage::write_private(
        &tmp,
        &serde_json::to_vec_pretty(&marker).expect("plain struct"),
    )?;
    std::fs::rename(&tmp, cfg.data.join(MARKER))?;
    Ok(marker)
}

/// Imports regions of one level through the admin API, checking that the server gave them
/// the ids the season was drawn with.
fn import_regions<'a>(
    admin: &Admin,
    level: RegionLevel,
    parent: Option<Uuid>,
    regions: impl Iterator<Item = &'a DemoRegion>,
) -> Result<()> {
    let regions: Vec<&DemoRegion> = regions.collect();
    let items = regions
        .iter()
        .map(|r| {
            Ok(RegionItem {
                name: r.name.clone(),
                boundary: crate::geo::boundary_from_geo(&r.boundary).map_err(other)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let report = admin.import_regions(RegionImport {
        level,
        parent,
        regions: items,
    })?;
    for (r, got) in regions.iter().zip(&report.regions) {
        if r.id != got.id {
            return Err(other(format!(
                "region {} got id {}, not {}",
                r.name, got.id, r.id
            )));
        }
    }
    Ok(())
}

fn planted_summary(season: &Season) -> String {
    let p = &season.planted;
    let mut parts = Vec::new();
    if let Some((_, number)) = &p.exporter {
        parts.push(format!(
            "exporter {number} exports far more than it buys, in stones unlike Ghana's"
        ));
    }
    parts.push(format!(
        "{} licences dug after they expired",
        p.expired_licences.len()
    ));
    parts.push(format!(
        "{} productions outside their licence's area",
        p.outside_productions.len()
    ));
    parts.push(format!(
        "{} unregistered miners",
        p.unregistered_miners.len()
    ));
    parts.push(format!(
        "{} national ids and {} names registered twice",
        p.duplicate_national_ids.len(),
        p.duplicate_names.len()
    ));
    parts.join("; ")
}
