//! `placer serve`: opens the data directory, binds the public and admin listeners, writes
//! `server.json` so that `placer admin` can find the running server, and serves until a
//! signal arrives.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::core::Core;
use crate::error::{Result, ServerError};
use crate::http::{admin_routes, public_routes, AppState};

/// What `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub data: PathBuf,
    pub listen: String,
    pub admin_listen: String,
    pub workers: usize,
    /// How long an officer's login lasts.
    pub session_seconds: u64,
    /// Whether ingest raises flags (off only for measuring their cost).
    pub checks: bool,
    /// Whether ingest keeps the rollup cells (off only for measuring their cost).
    pub rollups: bool,
}

/// Written to `DATA/server.json` while the server runs (owner-only permissions).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerInfo {
    pub pid: u32,
    /// Base URL of the public listener.
    pub url: String,
    /// Base URL of the loopback admin listener.
    pub admin_url: String,
    /// Bearer token for the admin listener and `/v1/conflicts`.
    pub admin_token: String,
}

pub fn info_path(data: &Path) -> PathBuf {
    data.join("server.json")
}

pub fn read_info(data: &Path) -> Option<ServerInfo> {
    let text = std::fs::read_to_string(info_path(data)).ok()?;
    serde_json::from_str(&text).ok()
}

fn write_info(data: &Path, info: &ServerInfo) -> Result<()> {
    let tmp = data.join("server.json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(info).expect("plain struct"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
    }
    std::fs::rename(&tmp, info_path(data))?;
    Ok(())
}

fn random_token() -> Result<String> {
    let mut b = [0u8; 32];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut b)
        .map_err(|_| ServerError::Other("no randomness for the admin token".into()))?;
    Ok(hex::encode(b))
}

/// The public listener's routes: the API, and the officers' pages (`crate::web`).
fn pages_and_api(cfg: &mut actix_web::web::ServiceConfig) {
    public_routes(cfg);
    crate::web::routes(cfg);
}

/// Runs the server until SIGINT or SIGTERM.
pub fn serve(cfg: ServeConfig) -> Result<()> {
    let started = std::time::Instant::now();
    let (core, recovery) = Core::open_with(&cfg.data, cfg.checks)?;
    if !cfg.checks {
        tracing::warn!("checks at ingest are off: no flags will be raised");
    }
    tracing::info!(
        data = %cfg.data.display(),
        log_entries = recovery.log_entries,
        reapplied = recovery.batches_reapplied,
        truncated_bytes = recovery.truncated_bytes,
        quarantined = recovery.quarantined,
        state_rebuilt_from = ?recovery.state_rebuilt_from,
        ms = started.elapsed().as_millis() as u64,
        "data directory opened"
    );
    if recovery.quarantined > 0 {
        tracing::warn!(
            entries = recovery.quarantined,
            "log entries are quarantined (kept in the log, not applied): `placer admin quarantine` lists them"
        );
    }
    if !cfg.rollups {
        tracing::warn!(
            "rollups at ingest are off: run `placer admin rebuild-rollups` before reading reports"
        );
    }
    let core = Arc::new(
        core.with_session_seconds(cfg.session_seconds)
            .with_rollups(cfg.rollups),
    );
    let workers = cfg.workers.max(1);
    let data = cfg.data.clone();
    let serving = core.clone();
    let result = actix_web::rt::System::new().block_on(async move {
        // One handler for both listeners, installed before either exists: a signal that
        // comes before this point ends the process by the default action (nothing is
        // listening yet, and the log is the truth), one that comes after stops both.
        let mut stop = StopSignals::install()?;
        let public = TcpListener::bind(&cfg.listen)?;
        let admin = TcpListener::bind(&cfg.admin_listen)?;
        if !admin.local_addr()?.ip().is_loopback() {
            return Err(ServerError::Other(
                "the admin listener must be on a loopback address".into(),
            ));
        }
        let info = ServerInfo {
            pid: std::process::id(),
            url: format!("http://{}", public.local_addr()?),
            admin_url: format!("http://{}", admin.local_addr()?),
            admin_token: random_token()?,
        };
        let state = AppState {
            core: serving,
            admin_token: Arc::new(info.admin_token.clone()),
        };
        let s1 = state.clone();
        let public_server =
            actix_web::HttpServer::new(move || crate::placer_app!(s1.clone(), pages_and_api))
                .workers(workers)
                // A device on a 2G link takes its time: an idle connection is kept 75 s
                // (actix's default, 5 s, closes it while a long page is still on its way
                // to the handset, and the next request fails), and a request's head may
                // take 30 s to arrive.
                .keep_alive(std::time::Duration::from_secs(75))
                .client_request_timeout(std::time::Duration::from_secs(30))
                .disable_signals()
                .shutdown_timeout(DRAIN_SECONDS)
                .listen(public)?
                .run();
        let s2 = state.clone();
        let admin_server =
            actix_web::HttpServer::new(move || crate::placer_app!(s2.clone(), admin_routes))
                .workers(1)
                .disable_signals()
                .shutdown_timeout(DRAIN_SECONDS)
                .listen(admin)?
                .run();
        let handles = [public_server.handle(), admin_server.handle()];
        let mut public_task = actix_web::rt::spawn(public_server);
        let mut admin_task = actix_web::rt::spawn(admin_server);
        write_info(&data, &info)?;
        tracing::info!(url = %info.url, admin = %info.admin_url, "listening");
        let ended = tokio::select! {
            signal = stop.next() => {
                tracing::info!(signal, "stopping: draining both listeners");
                Ok(())
            }
            r = &mut public_task => Err(ServerError::Other(format!("the public listener stopped: {r:?}"))),
            r = &mut admin_task => Err(ServerError::Other(format!("the admin listener stopped: {r:?}"))),
        };
        for h in &handles {
            h.stop(true).await;
        }
        let _ = public_task.await;
        let _ = admin_task.await;
        ended
    });
    let _ = std::fs::remove_file(info_path(&cfg.data));
    core.shutdown();
    tracing::info!("stopped");
    result
}

/// How long a stop waits for requests in flight (a push waiting on its log sync) to finish.
const DRAIN_SECONDS: u64 = 10;

/// SIGTERM and SIGINT (Ctrl-C), once for the whole process.
struct StopSignals {
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
}

impl StopSignals {
    fn install() -> Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Self {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
        })
    }

    /// The name of the first signal to arrive.
    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.int.recv() => "SIGINT",
        }
    }
}
