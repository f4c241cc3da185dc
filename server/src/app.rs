//! `placer serve`: opens the data directory, binds the public and admin listeners, writes
//! `server.json` so that `placer admin` can find the running server, and serves until a
//! signal arrives.
//!
//! The public listener speaks HTTPS (rustls, on ring) when given a certificate and its key,
//! and then every answer carries `Strict-Transport-Security`. Plain HTTP is served only on
//! a loopback address (a TLS proxy on the same machine, a demo) unless `--insecure-http`
//! says otherwise: the check comes before anything is opened or bound. The admin listener
//! is plain HTTP on loopback, always; `server.json` (owner-only, holding its token) tells
//! `placer admin` where it is.

use std::net::{TcpListener, ToSocketAddrs};
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
    /// What one device may push in a UTC day.
    pub push_quota_bytes: u64,
    /// Whether ingest raises flags (off only for measuring their cost).
    pub checks: bool,
    /// Whether ingest keeps the rollup cells (off only for measuring their cost).
    pub rollups: bool,
    /// The public listener's certificate and key: HTTPS when given.
    pub tls: Option<TlsFiles>,
    /// Plain HTTP on an address other than loopback, knowingly.
    pub insecure_http: bool,
}

/// PEM files of the public listener's certificate chain (leaf first) and private key.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// What every HTTPS answer says: this host is to be reached over HTTPS only, for a year,
/// so that a browser never again sends an officer's session cookie in clear.
pub const HSTS: &str = "max-age=31536000";

/// An error no layer has answered yet: actix answers it after every middleware has run,
/// so it carries the header itself.
#[derive(Debug)]
struct WithHsts(actix_web::Error);

impl std::fmt::Display for WithHsts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl actix_web::ResponseError for WithHsts {
    fn status_code(&self) -> actix_web::http::StatusCode {
        self.0.as_response_error().status_code()
    }

    fn error_response(&self) -> actix_web::HttpResponse {
        let mut res = self.0.error_response();
        res.headers_mut().insert(
            actix_web::http::header::STRICT_TRANSPORT_SECURITY,
            actix_web::http::header::HeaderValue::from_static(HSTS),
        );
        res
    }
}

/// The rustls configuration of the public listener, from its PEM files. Every failure
/// names the file and what is wrong with it.
pub fn load_tls(files: &TlsFiles) -> Result<rustls::ServerConfig> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    let read = |flag: &str, path: &Path| {
        std::fs::read(path)
            .map_err(|e| ServerError::Other(format!("{flag} {}: {e}", path.display())))
    };
    let cert_pem = read("--tls-cert", &files.cert)?;
    let chain = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| {
            ServerError::Other(format!(
                "--tls-cert {}: not a PEM certificate chain: {e}",
                files.cert.display()
            ))
        })?;
    if chain.is_empty() {
        return Err(ServerError::Other(format!(
            "--tls-cert {}: no certificate in it (expected -----BEGIN CERTIFICATE-----)",
            files.cert.display()
        )));
    }
    let key_pem = read("--tls-key", &files.key)?;
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| {
        ServerError::Other(format!(
            "--tls-key {}: no private key in it (expected PKCS#8, PKCS#1 or SEC1 PEM): {e}",
            files.key.display()
        ))
    })?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ServerError::Other(format!("TLS: {e}")))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| {
            ServerError::Other(format!(
                "--tls-cert {} with --tls-key {}: {e}",
                files.cert.display(),
                files.key.display()
            ))
        })
}

/// Refuses plain HTTP on `listen` unless every address it names is loopback, or
/// `insecure_http` says it is meant (a TLS proxy on another machine, a closed network).
/// Officers' passwords and session cookies, and every record, would cross the network in
/// clear.
pub fn check_plain_listen(listen: &str, insecure_http: bool) -> Result<()> {
    let addrs: Vec<_> = listen
        .to_socket_addrs()
        .map_err(|e| ServerError::Other(format!("--listen {listen}: {e}")))?
        .collect();
    if addrs.is_empty() {
        return Err(ServerError::Other(format!(
            "--listen {listen}: names no address"
        )));
    }
    if addrs.iter().all(|a| a.ip().is_loopback()) {
        return Ok(());
    }
    if insecure_http {
        tracing::warn!(
            listen,
            "serving plain HTTP beyond this machine (--insecure-http): passwords, sessions \
             and records cross the network in clear unless a TLS proxy is in front"
        );
        return Ok(());
    }
    Err(ServerError::Other(format!(
        "refusing to serve plain HTTP on {listen}, which is not a loopback address: \
         passwords, sessions and records would cross the network in clear. Give \
         --tls-cert and --tls-key, or listen on 127.0.0.1 behind a TLS proxy, or pass \
         --insecure-http if plain HTTP is really meant"
    )))
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

/// Writes `server.json`, owner-only from its creation: it holds the admin token.
fn write_info(data: &Path, info: &ServerInfo) -> Result<()> {
    let tmp = data.join("server.json.tmp");
    // A file left by an earlier run would keep its mode: only a new one is made owner-only.
    match std::fs::remove_file(&tmp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
        _ => {}
    }
    crate::batchlog::salvage::write_private(
        &tmp,
        &serde_json::to_vec_pretty(info).expect("plain struct"),
    )?;
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
    // Before the dashboard's routes, whose last one answers any other address.
    crate::field::routes(cfg);
    crate::web::routes(cfg);
}

/// Runs the server until SIGINT or SIGTERM.
pub fn serve(cfg: ServeConfig) -> Result<()> {
    let started = std::time::Instant::now();
    // Before the data directory is opened: a bad certificate or a refused address costs
    // nothing and leaves nothing bound.
    let tls = cfg.tls.as_ref().map(load_tls).transpose()?;
    if tls.is_none() {
        check_plain_listen(&cfg.listen, cfg.insecure_http)?;
    }
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
            .with_push_quota(cfg.push_quota_bytes)
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
            url: format!(
                "{}://{}",
                if tls.is_some() { "https" } else { "http" },
                public.local_addr()?
            ),
            admin_url: format!("http://{}", admin.local_addr()?),
            admin_token: random_token()?,
        };
        let state = AppState {
            core: serving,
            admin_token: Arc::new(info.admin_token.clone()),
            in_flight: crate::http::InFlight::new(crate::http::IN_FLIGHT_PER_ADDRESS),
            bodies: crate::http::BodyBudget::new(crate::http::BODIES_IN_FLIGHT),
        };
        let s1 = state.clone();
        let hsts = tls.is_some();
        let public_server = actix_web::HttpServer::new(move || {
            crate::placer_app!(s1.clone(), pages_and_api).wrap_fn(move |req, srv| {
                let fut = actix_web::dev::Service::call(srv, req);
                async move {
                    if !hsts {
                        return fut.await;
                    }
                    match fut.await {
                        Ok(mut res) => {
                            res.headers_mut().insert(
                                actix_web::http::header::STRICT_TRANSPORT_SECURITY,
                                actix_web::http::header::HeaderValue::from_static(HSTS),
                            );
                            Ok(res)
                        }
                        Err(e) => Err(WithHsts(e).into()),
                    }
                }
            })
        })
        .workers(workers)
        // A device on a 2G link takes its time: an idle connection is kept 75 s
        // (actix's default, 5 s, closes it while a long page is still on its way
        // to the handset, and the next request fails), and a request's head may
        // take 30 s to arrive.
        .keep_alive(std::time::Duration::from_secs(75))
        .client_request_timeout(std::time::Duration::from_secs(30))
        .disable_signals()
        .shutdown_timeout(DRAIN_SECONDS);
        let public_server = match tls {
            // A TLS handshake is a few round trips of a second each on 2G: actix's 3 s
            // would refuse the handsets it is for.
            Some(config) => public_server
                .tls_handshake_timeout(std::time::Duration::from_secs(30))
                .listen_rustls_0_23(public, config)?,
            None => public_server.listen(public)?,
        }
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
