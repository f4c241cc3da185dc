//! The HTTP API: the device endpoints on the public listener, the admin endpoints on a
//! loopback-only listener guarded by a token kept in the data directory.
//!
//! Officers authenticate with a bearer token from `/v1/auth/login` ([`crate::auth`]); the
//! loopback admin listener serves the same admin handlers to `placer admin`, which uses the
//! server's own admin token.
//!
//! Handlers only translate: content negotiation (binary `application/x-placer` or JSON),
//! a body limit enforced while reading, the bearer token, and the mapping of errors to
//! JSON bodies. Every decision is made in [`crate::core::Core`], on a blocking thread.
//! Every response carries the server's clock in the `placer-server-time` header, and each
//! request is logged as one structured line.

pub mod render;

use std::sync::Arc;
use std::time::Instant;

use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use sync_protocol::api::{
    EnrolRequest, ErrorCode, BINARY, PATH_ENROL, PATH_PULL, PATH_PUSH, SERVER_TIME_HEADER,
};
use sync_protocol::codec;
use uuid::Uuid;

use crate::auth::{Officer, Role};
use crate::core::ReportKind;
use crate::core::{AccountAct, Core, ReferencePeriod, ReferenceRequest};
use crate::error::{ApiError, ServerError};
use sync_protocol::batch::Digest;
use sync_protocol::records::Collection;
use sync_protocol::ProtocolError;

/// The largest request body read, in bytes: a full binary message, or its JSON form (hex
/// doubles the sealed bytes).
pub const BODY_LIMIT: usize = 2 * codec::MAX_MESSAGE + 64 * 1024;
/// The body of an officer's request: a licence's area, a list of cited purchases.
pub const JSON_LIMIT: usize = 1024 * 1024;
/// The body of a login, an enrolment, a pull, a notes request or an acknowledgement's
/// question: a few hundred bytes; a stranger may send them, so they may not cost the server
/// more.
pub const SMALL_LIMIT: usize = 16 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub core: Arc<Core>,
    /// The admin bearer token (also in `server.json`, readable by the data directory's owner).
    pub admin_token: Arc<String>,
    /// Requests in flight per address, shared by every worker.
    pub in_flight: Arc<InFlight>,
    /// Bytes of request bodies being read, shared by every worker.
    pub bodies: Arc<BodyBudget>,
}

/// The bytes of request bodies the server holds while reading them, all requests together:
/// past [`BODIES_IN_FLIGHT`], a body is refused (503 `unavailable`, try again shortly)
/// instead of growing the server's memory without bound while clients send slowly.
#[derive(Debug)]
pub struct BodyBudget {
    max: usize,
    in_use: std::sync::atomic::AtomicUsize,
}

/// The default budget: room for eight pushes of the largest size at once.
pub const BODIES_IN_FLIGHT: usize = 8 * BODY_LIMIT;

impl BodyBudget {
    pub fn new(max: usize) -> Arc<Self> {
        Arc::new(Self {
            max,
            in_use: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// Takes `bytes` more from the budget for `held`; `false` (nothing taken) when it is
    /// spent.
    fn take(&self, held: &mut BodyHold, bytes: usize) -> bool {
        use std::sync::atomic::Ordering;
        let ok = self
            .in_use
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(bytes).filter(|n| *n <= self.max)
            })
            .is_ok();
        if ok {
            held.bytes += bytes;
        }
        ok
    }
}

/// What one body holds of the budget; given back when the body is done with.
struct BodyHold {
    budget: Option<Arc<BodyBudget>>,
    bytes: usize,
}

impl Drop for BodyHold {
    fn drop(&mut self) {
        if let Some(b) = &self.budget {
            b.in_use
                .fetch_sub(self.bytes, std::sync::atomic::Ordering::AcqRel);
        }
    }
}

fn server_busy() -> ApiError {
    let mut e = ApiError::new(
        ErrorCode::Unavailable,
        "the server is reading too many request bodies at once; send it again shortly",
    );
    e.retry_after_s = Some(5);
    e
}

/// Requests in flight per address: one address may hold at most `cap` at once (a
/// connection trickling a body holds one), so that a few machines cannot take every
/// worker and all the memory. Loopback is not counted: it is this machine, or a reverse
/// proxy in front of it, which must do its own limiting.
#[derive(Debug)]
pub struct InFlight {
    cap: usize,
    by_address: std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>,
}

/// The default cap of requests in flight per address.
pub const IN_FLIGHT_PER_ADDRESS: usize = 32;

impl InFlight {
    pub fn new(cap: usize) -> Arc<Self> {
        Arc::new(Self {
            cap,
            by_address: Default::default(),
        })
    }

    /// A slot for a request from `from`, or the answer (429) when the address holds `cap`
    /// already.
    pub fn enter(
        self: &Arc<Self>,
        from: Option<std::net::IpAddr>,
    ) -> Result<InFlightSlot, ApiError> {
        let Some(ip) = from.filter(|ip| !ip.is_loopback()) else {
            return Ok(InFlightSlot(None));
        };
        let mut map = self.by_address.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.entry(ip).or_insert(0);
        if *n >= self.cap {
            let mut e = ApiError::new(
                ErrorCode::TooManyRequests,
                format!(
                    "this address has {} requests in flight already; wait for them to finish",
                    self.cap
                ),
            );
            e.retry_after_s = Some(1);
            return Err(e);
        }
        *n += 1;
        Ok(InFlightSlot(Some((self.clone(), ip))))
    }
}

/// A request's slot; given back when the answer is sent (or the request dropped).
pub struct InFlightSlot(Option<(Arc<InFlight>, std::net::IpAddr)>);

impl Drop for InFlightSlot {
    fn drop(&mut self) {
        if let Some((f, ip)) = self.0.take() {
            let mut map = f.by_address.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(n) = map.get_mut(&ip) {
                *n -= 1;
                if *n == 0 {
                    map.remove(&ip);
                }
            }
        }
    }
}

/// Routes of the public listener.
pub fn public_routes(cfg: &mut web::ServiceConfig) {
    cfg.route(PATH_ENROL, web::post().to(enrol))
        .route(PATH_PUSH, web::post().to(push))
        .route(PATH_PULL, web::post().to(pull))
        .route(sync_protocol::api::PATH_ACK, web::post().to(ack))
        .route(sync_protocol::api::PATH_OPEN, web::post().to(open_values))
        .route(sync_protocol::api::PATH_PHOTO, web::post().to(photo))
        .route(sync_protocol::api::PATH_NOTES, web::post().to(notes))
        .route("/v1/auth/login", web::post().to(login))
        .route("/v1/auth/logout", web::post().to(logout))
        .route("/v1/conflicts", web::get().to(conflicts))
        .route("/v1/records/{collection}/{id}", web::get().to(record))
        .route("/v1/admin/enrol-codes", web::post().to(admin_issue_code))
        .route("/v1/admin/devices", web::get().to(admin_devices))
        .route(
            "/v1/admin/devices/{id}/revoke",
            web::post().to(admin_revoke),
        )
        .route("/v1/admin/users", web::get().to(users))
        .route("/v1/admin/users", web::post().to(add_user))
        .route("/v1/admin/people/{id}", web::get().to(person_file))
        .route(
            "/v1/admin/people/{id}/erase",
            web::post().to(erase_personal),
        )
        .route("/v1/admin/users/{name}/{act}", web::post().to(account_act))
        .route("/v1/admin/stats", web::get().to(admin_stats))
        .route("/v1/admin/regions", web::post().to(import_regions))
        .route("/v1/regions", web::get().to(regions))
        .route("/v1/flags", web::get().to(flags))
        .route("/v1/licences", web::post().to(issue_licence))
        .route("/v1/reports/cells", web::get().to(cells))
        .route("/v1/reports/footprint", web::get().to(footprint))
        .route(
            "/v1/reports/exports/{exporter}",
            web::get().to(exporter_detail),
        )
        .route("/v1/exports", web::post().to(record_export))
        .route(
            "/v1/exporters/{licence}/opening-stock",
            web::post().to(declare_opening_stock),
        )
        .route("/v1/exports/{id}/valuation", web::post().to(value_export))
        .route("/v1/sales/{id}/assay", web::post().to(assay_gold))
        .route("/v1/exports/{id}/purchases", web::post().to(cite_purchases))
        .route("/v1/imports", web::post().to(record_import))
        .route(
            "/v1/regions/{id}/digger-estimate",
            web::post().to(set_digger_estimate),
        )
        .route(
            "/v1/reports/footprint/references",
            web::get().to(reference_footprints),
        )
        .route(
            "/v1/reports/footprint/references/{region}",
            web::post().to(set_reference_footprint),
        )
        .route(
            "/v1/reports/cells/{id}/records",
            web::get().to(cell_records),
        )
        .route("/v1/reports/{kind}", web::get().to(report))
        .route("/v1/flags/{id}", web::get().to(flag))
        .route("/v1/cases", web::get().to(cases))
        .route("/v1/thresholds", web::get().to(thresholds))
        .route(
            "/v1/countries/{id}/thresholds",
            web::post().to(set_thresholds),
        )
        .route("/v1/flags/{id}/resolve", web::post().to(resolve_flag))
        .route("/healthz", web::get().to(health));
}

/// Routes of the loopback admin listener.
pub fn admin_routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/enrol-codes", web::post().to(admin_issue_code))
        .route("/admin/devices", web::get().to(admin_devices))
        .route("/admin/devices/{id}/revoke", web::post().to(admin_revoke))
        .route("/admin/conflicts", web::get().to(conflicts))
        .route("/admin/stats", web::get().to(admin_stats))
        .route("/admin/quarantine", web::get().to(admin_quarantine))
        .route("/admin/users", web::get().to(users))
        .route("/admin/users/{name}/{act}", web::post().to(account_act))
        .route("/admin/people/{id}", web::get().to(person_file))
        .route("/admin/people/{id}/erase", web::post().to(erase_personal))
        .route("/admin/regions", web::post().to(import_regions))
        .route("/admin/regions", web::get().to(regions))
        .route("/admin/flags", web::get().to(flags))
        .route("/admin/rollups/rebuild", web::post().to(rebuild_rollups))
        .route("/admin/reports/{kind}", web::get().to(report))
        .route(
            "/admin/exporters/{licence}/opening-stock",
            web::post().to(declare_opening_stock),
        )
        .route(
            "/admin/exports/{id}/valuation",
            web::post().to(value_export),
        )
        .route("/admin/sales/{id}/assay", web::post().to(assay_gold))
        .route(
            "/admin/exports/{id}/purchases",
            web::post().to(cite_purchases),
        )
        .route("/admin/imports", web::post().to(record_import))
        .route(
            "/admin/countries/{id}/thresholds",
            web::post().to(set_thresholds),
        )
        .route(
            "/admin/regions/{id}/digger-estimate",
            web::post().to(set_digger_estimate),
        )
        .route(
            "/admin/reports/footprint/references/{region}",
            web::post().to(set_reference_footprint),
        )
        .route("/admin/flags/{id}/resolve", web::post().to(resolve_flag))
        .route("/admin/users", web::post().to(add_user))
        .route("/healthz", web::get().to(health));
}

/// Builds an app with the shared middleware: server time header, request log, JSON 404.
#[macro_export]
macro_rules! placer_app {
    ($state:expr, $routes:expr) => {{
        let state: $crate::http::AppState = $state;
        let core = state.core.clone();
        let in_flight = state.in_flight.clone();
        actix_web::App::new()
            .app_data(actix_web::web::Data::new(state))
            .app_data(
                actix_web::web::QueryConfig::default().error_handler(|e, _| {
                    $crate::error::ApiError::new(
                        sync_protocol::api::ErrorCode::Malformed,
                        e.to_string(),
                    )
                    .into()
                }),
            )
            .app_data(actix_web::web::PathConfig::default().error_handler(|e, _| {
                $crate::error::ApiError::new(
                    sync_protocol::api::ErrorCode::Malformed,
                    e.to_string(),
                )
                .into()
            }))
            .wrap_fn(move |req, srv| {
                let core = core.clone();
                let started = std::time::Instant::now();
                // The language the pages of this request are written in (`i18n::current`).
                let lang = $crate::web::lang_of(req.request());
                let fut = match in_flight.enter(req.peer_addr().map(|a| a.ip())) {
                    Ok(slot) => Ok((
                        slot,
                        $crate::i18n::with(lang, || actix_web::dev::Service::call(srv, req)),
                    )),
                    Err(refusal) => Err((req, refusal)),
                };
                async move {
                    let res = match fut {
                        // The slot is held until the answer is ready.
                        Ok((_slot, fut)) => $crate::i18n::scoped(lang, fut).await?,
                        Err((req, refusal)) => req.error_response(refusal),
                    };
                    Ok($crate::http::finish(res, &core, started))
                }
            })
            // Responses in gzip or zstd when the client accepts them (a pull page over a
            // 2G link, a dashboard page on a phone).
            .wrap(actix_web::middleware::Compress::default())
            .configure($routes)
            .default_service(actix_web::web::to(|| async {
                Err::<actix_web::HttpResponse, _>($crate::error::ApiError::new(
                    sync_protocol::api::ErrorCode::NotFound,
                    "no such endpoint",
                ))
            }))
    }};
}

/// Adds the server time header and logs the request. Nothing is cached unless an answer
/// says otherwise: answers hold people's names, national ids and phones, and a shared
/// computer's browser or a proxy must not keep them.
pub fn finish<B>(mut res: ServiceResponse<B>, core: &Core, started: Instant) -> ServiceResponse<B> {
    if let Ok(v) = HeaderValue::from_str(&core.now().to_string()) {
        res.headers_mut()
            .insert(header::HeaderName::from_static(SERVER_TIME_HEADER), v);
    }
    if !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let req = res.request();
    tracing::info!(
        method = %req.method(),
        path = %req.path(),
        status = res.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    res
}

/// Whether the body is JSON (`application/json`) or binary (`application/x-placer`).
fn body_is_json(req: &HttpRequest) -> Result<bool, ApiError> {
    let ct = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match ct.as_str() {
        "application/json" => Ok(true),
        x if x == BINARY || x == "application/octet-stream" => Ok(false),
        other => Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            format!("content type {other:?}: send {BINARY} or application/json"),
        )),
    }
}

/// An answer of the device API: JSON, or binary in the encoding version the client reads.
trait Answer: Serialize {
    /// Only a pull page differs between versions; every other answer is version 1.
    fn binary(&self, _version: u8) -> Result<Vec<u8>, ProtocolError> {
        codec::encode(self)
    }
}

impl Answer for sync_protocol::api::Enrolment {}
impl Answer for sync_protocol::api::PushAck {}
impl Answer for sync_protocol::api::OpenAck {}
impl Answer for sync_protocol::api::PhotoAck {}
impl Answer for sync_protocol::api::NotesPage {}
impl Answer for sync_protocol::api::PullPage {
    fn binary(&self, version: u8) -> Result<Vec<u8>, ProtocolError> {
        codec::encode_page(self, version)
    }
}

/// The binary encoding version the client reads, when it accepts binary at all: `Accept:
/// application/x-placer` is version 1, `application/x-placer; version=2` the dense page.
fn binary_version(req: &HttpRequest) -> Option<u8> {
    let accept = req.headers().get(header::ACCEPT)?.to_str().ok()?;
    accept.split(',').find_map(|range| {
        let mut parts = range.split(';').map(str::trim);
        if !parts.next()?.eq_ignore_ascii_case(BINARY) {
            return None;
        }
        let version = parts
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("version"))
            .and_then(|(_, v)| v.trim().parse::<u8>().ok());
        // A version this server does not write is answered in the one every client reads.
        Some(match version {
            Some(codec::DENSE_PAGE) => codec::DENSE_PAGE,
            _ => codec::VERSION,
        })
    })
}

/// Answers in the binary encoding if the client accepts it, in JSON otherwise.
fn respond<T: Answer>(req: &HttpRequest, value: &T) -> Result<HttpResponse, ApiError> {
    match binary_version(req) {
        Some(version) => Ok(HttpResponse::Ok()
            .content_type(BINARY)
            .body(value.binary(version)?)),
        None => Ok(HttpResponse::Ok().json(value)),
    }
}

/// Reads the body, refusing it as soon as it is known to be over the limit.
async fn read_body(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<Vec<u8>, ApiError> {
    use futures_util::StreamExt;
    let too_large = |n: usize| {
        ApiError::new(
            ErrorCode::TooLarge,
            format!("request body of {n} bytes or more is over this endpoint's limit of {limit}"),
        )
    };
    if let Some(len) = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
    {
        if len > limit {
            return Err(too_large(len));
        }
    }
    let started = std::time::Instant::now();
    let budget = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.bodies.clone());
    let mut hold = BodyHold {
        budget: budget.clone(),
        bytes: 0,
    };
    let mut body = Vec::new();
    loop {
        let next = actix_web::rt::time::timeout(BODY_IDLE, payload.next()).await;
        let Ok(next) = next else {
            return Err(ApiError::new(
                ErrorCode::Incomplete,
                format!(
                    "no byte of the body for {} s; send it again",
                    BODY_IDLE.as_secs()
                ),
            ));
        };
        let Some(chunk) = next else { break };
        // A body cut short is the link's fault, not the message's: the same bytes, sent
        // again, will do.
        let chunk = chunk.map_err(|e| {
            ApiError::new(
                ErrorCode::Incomplete,
                format!("the body ended before it was whole ({e}); send it again"),
            )
        })?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(body.len() + chunk.len()));
        }
        if let Some(b) = &budget {
            if !b.take(&mut hold, chunk.len()) {
                tracing::warn!(path = %req.path(), "body refused: the budget of bodies in flight is spent");
                return Err(server_busy());
            }
        }
        body.extend_from_slice(&chunk);
        if too_slow(started.elapsed(), body.len()) {
            return Err(ApiError::new(
                ErrorCode::Incomplete,
                format!(
                    "the body arrives slower than {MIN_BODY_RATE} bytes a second; send it again"
                ),
            ));
        }
    }
    inflate(req, body, limit)
}

/// A body that sends nothing for this long is given up (a connection held open by a
/// trickle costs the server memory and a slot).
const BODY_IDLE: std::time::Duration = std::time::Duration::from_secs(30);
/// After [`BODY_IDLE`], a body must have come at this many bytes a second on average: a
/// 2G link at 20 kbit/s brings 2,500.
const MIN_BODY_RATE: u64 = 256;

/// Whether `received` bytes after `elapsed` are below [`MIN_BODY_RATE`] once the grace of
/// [`BODY_IDLE`] is over.
fn too_slow(elapsed: std::time::Duration, received: usize) -> bool {
    let beyond = elapsed.saturating_sub(BODY_IDLE).as_secs();
    beyond > 0 && (received as u64) < beyond * MIN_BODY_RATE
}

/// Inflates a body sent with `Content-Encoding: gzip` or `zstd`, never past
/// [`BODY_LIMIT`]: the decoder is read a piece at a time and stopped there, so a small body
/// that would inflate to gigabytes costs no more than the limit. Signatures are over what
/// the body holds once inflated.
fn inflate(req: &HttpRequest, body: Vec<u8>, limit: usize) -> Result<Vec<u8>, ApiError> {
    use std::io::Read;
    let encoding = req
        .headers()
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let decoder: Box<dyn Read + '_> = match encoding.as_str() {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" => Box::new(flate2::read::GzDecoder::new(&body[..])),
        "zstd" => {
            Box::new(zstd::stream::read::Decoder::new(&body[..]).map_err(|e| {
                ApiError::new(ErrorCode::Malformed, format!("not a zstd body: {e}"))
            })?)
        }
        other => {
            return Err(ApiError::new(
                ErrorCode::UnsupportedMediaType,
                format!("content encoding {other:?} is not spoken here: send gzip, zstd or none"),
            ))
        }
    };
    let mut out = Vec::new();
    let read = decoder
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Malformed,
                format!("the {encoding} body does not inflate: {e}"),
            )
        })?;
    if read > limit {
        return Err(ApiError::new(
            ErrorCode::TooLarge,
            format!("the {encoding} body inflates past this endpoint's limit of {limit} bytes"),
        ));
    }
    Ok(out)
}

/// Runs blocking core work off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    web::block(f).await.map_err(|_| {
        // The blocking pool only fails when the server is stopping.
        ApiError::new(
            ErrorCode::Unavailable,
            "the server is shutting down; send the same request again later",
        )
    })?
}

/// The request's bearer token (401 without one).
fn bearer(req: &HttpRequest) -> Result<&str, ApiError> {
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if given.is_empty() {
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "a bearer token is required: log in at /v1/auth/login",
        ));
    }
    Ok(given)
}

/// The officer behind the request's bearer token (401 without one). The server's own
/// admin token counts as the built-in administrator on the loopback admin listener only,
/// whose routes are all under `/admin/` and which the public listener never serves: a
/// leaked `server.json` must not be remote administration. What the officer may do is
/// `core`'s to decide.
fn authorize(req: &HttpRequest, state: &AppState) -> Result<Officer, ApiError> {
    let given = bearer(req)?;
    // Compare digests, so the comparison's time says nothing about the token.
    let is_admin_token = Digest::of(given.as_bytes()) == Digest::of(state.admin_token.as_bytes());
    if is_admin_token {
        if req.path().starts_with("/admin/") {
            return Ok(Officer::local_admin());
        }
        tracing::warn!(path = %req.path(), "the admin token was offered on the public listener");
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "the server's admin token is accepted on the loopback admin listener only; \
             officers log in at /v1/auth/login",
        ));
    }
    state.core.officer(given)
}

/// Reads an officer's JSON body, of at most [`JSON_LIMIT`] (with the JSON errors of every
/// endpoint).
async fn json_body<T: serde::de::DeserializeOwned>(
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<T, ApiError> {
    json_body_within(req, payload, JSON_LIMIT).await
}

/// [`json_body`] with another limit.
async fn json_body_within<T: serde::de::DeserializeOwned>(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<T, ApiError> {
    let body = read_body(req, payload, limit).await?;
    serde_json::from_slice(&body)
        .map_err(|e| ApiError::from(ServerError::Protocol(ProtocolError::from_json(&e))))
}

async fn health() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

async fn enrol(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let json = body_is_json(&req)?;
    let body = read_body(&req, payload, SMALL_LIMIT).await?;
    let request: EnrolRequest = if json {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::from(ServerError::Protocol(ProtocolError::from_json(&e))))?
    } else {
        let request = codec::decode(&body)?;
        crate::core::canonical(&request, &body, false)?;
        request
    };
    let core = state.core.clone();
    let enrolment = blocking(move || core.enrol(&request)).await?;
    respond(&req, &enrolment)
}

/// A device's signed request: the body, in the encoding its content type names, handed
/// to `answer` off the async workers, and the answer in the encoding `Accept` asks for.
async fn device_request<T: Answer + Send + 'static>(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
    answer: fn(&Core, &[u8], bool) -> Result<T, ApiError>,
    limit: usize,
) -> Result<HttpResponse, ApiError> {
    let json = body_is_json(&req)?;
    let body = read_body(&req, payload, limit).await?;
    let core = state.core.clone();
    let answered = blocking(move || answer(&core, &body, json)).await?;
    respond(&req, &answered)
}

async fn push(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    device_request(req, payload, state, Core::push, BODY_LIMIT).await
}

async fn ack(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    device_request(req, payload, state, Core::ack, SMALL_LIMIT).await
}

/// The most a request of openings may hold: [`sync_protocol::api::MAX_OPENINGS`] openings
/// of the longest personal values, as hex in JSON.
pub const OPENINGS_LIMIT: usize = 4 * 1024 * 1024;

async fn open_values(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    device_request(req, payload, state, Core::open_values, OPENINGS_LIMIT).await
}

/// The most a photo's chunk request may hold: a chunk of
/// [`sync_protocol::photo::MAX_CHUNK`] as hex in JSON, with room for the rest.
pub const PHOTO_LIMIT: usize = 256 * 1024;

async fn photo(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    device_request(req, payload, state, Core::photo, PHOTO_LIMIT).await
}

async fn pull(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    device_request(req, payload, state, Core::pull, SMALL_LIMIT).await
}

async fn notes(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    device_request(req, payload, state, Core::notes, SMALL_LIMIT).await
}

#[derive(Deserialize)]
struct PageQuery {
    after: Option<String>,
    limit: Option<usize>,
}

async fn conflicts(
    req: HttpRequest,
    q: web::Query<PageQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let q = q.into_inner();
    if let Some(a) = &q.after {
        if hex::decode(a).map(|b| b.len() != 17).unwrap_or(true) {
            return Err(ApiError::new(
                ErrorCode::Malformed,
                "`after` is not a conflict cursor",
            ));
        }
    }
    let page = blocking(move || {
        core.conflicts(
            &officer,
            q.after.as_deref(),
            q.limit.unwrap_or(100).clamp(1, 1000),
        )
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One record as an officer sees it: current value, region, void, conflicts, and every
/// write of every field (its history).
async fn record(
    req: HttpRequest,
    path: web::Path<(String, Uuid)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let (collection, id) = path.into_inner();
    let collection: Collection = collection
        .parse()
        .map_err(|e: String| ApiError::new(ErrorCode::NotFound, e))?;
    let core = state.core.clone();
    let (stored, photos) = blocking(move || {
        Ok::<_, ApiError>((
            core.record(&officer, collection, id)?,
            core.record_photos(&officer, collection, id)?,
        ))
    })
    .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "collection": collection,
        "id": id,
        "region": stored.region,
        "change_seq": stored.seq,
        "voided": stored.state.void_reason(),
        "record": stored.state.current_json(),
        "conflicts": stored.state.conflicts_json(),
        "state": stored.state,
        "photos": photos,
    })))
}

/// Body of `POST /v1/auth/login`.
#[derive(Debug, Serialize, Deserialize)]
pub struct LoginRequest {
    pub user: String,
    pub password: String,
}

async fn login(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let r: LoginRequest = json_body_within(&req, payload, SMALL_LIMIT).await?;
    let core = state.core.clone();
    let from = req.peer_addr().map(|a| a.ip());
    let login = blocking(move || core.login(&r.user, &r.password, from)).await?;
    Ok(HttpResponse::Ok().json(login))
}

/// `POST /v1/auth/logout`: ends the session of the bearer token (an unknown or ended token
/// is no error: the session is over either way).
async fn logout(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let token = bearer(&req)?.to_string();
    let core = state.core.clone();
    blocking(move || core.logout(&token)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "ok": true })))
}

/// `GET /v1/admin/people/{id}`: everything held about one miner (administrators), as a
/// JSON file to hand to the person who asked for it.
async fn person_file(
    req: HttpRequest,
    id: web::Path<Uuid>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let id = id.into_inner();
    let file = blocking(move || core.person_file(&officer, id)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"person-{id}.json\""),
        ))
        .json(file))
}

/// Body of `POST /v1/admin/people/{id}/erase`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraseRequest {
    /// Why: the person's request, a ruling, a rectification.
    pub reason: String,
    /// One field whose earlier values are erased (its current value stays); absent: every
    /// personal value of the person, those to come included.
    #[serde(default)]
    pub field: Option<String>,
}

/// `POST /v1/admin/people/{id}/erase`: erases a person's values, or one field's earlier
/// values (administrators).
async fn erase_personal(
    req: HttpRequest,
    id: web::Path<Uuid>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: EraseRequest = json_body_within(&req, payload, SMALL_LIMIT).await?;
    let field = body
        .field
        .as_deref()
        .map(parse_personal_field)
        .transpose()?;
    let core = state.core.clone();
    let id = id.into_inner();
    let erasure = blocking(move || core.erase_personal(&officer, id, field, &body.reason)).await?;
    Ok(HttpResponse::Ok().json(erasure))
}

/// A personal field by its name, or a 400 naming the ones there are.
pub fn parse_personal_field(
    name: &str,
) -> Result<sync_protocol::personal::PersonalField, ApiError> {
    use sync_protocol::personal::PersonalField;
    PersonalField::from_name(name).ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidValue,
            format!(
                "{name:?} is not a person's field; one of {}",
                PersonalField::ALL.map(PersonalField::name).join(", ")
            ),
        )
    })
}

/// Body of `POST /v1/admin/users/{name}/password`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordRequest {
    pub password: String,
}

/// `POST /v1/admin/users/{name}/{act}`, `act` one of `disable`, `enable`,
/// `revoke-sessions` (no body needed) and `password` (`{"password": …}`): an
/// administrator's act on an account, logged.
async fn account_act(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let (name, act) = path.into_inner();
    let password = if AccountAct::takes_password(&act) {
        Some(
            json_body_within::<PasswordRequest>(&req, payload, SMALL_LIMIT)
                .await?
                .password,
        )
    } else {
        None
    };
    let act = AccountAct::parse(&act, password)?;
    let core = state.core.clone();
    let user = blocking(move || core.act_on_account(&officer, &name, act)).await?;
    Ok(HttpResponse::Ok().json(user))
}

/// Body of `POST /v1/admin/users`.
#[derive(Debug, Serialize, Deserialize)]
pub struct UserRequest {
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub regions: Vec<Uuid>,
    pub password: String,
}

async fn add_user(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let r: UserRequest = json_body(&req, payload).await?;
    let core = state.core.clone();
    let user =
        blocking(move || core.add_user(&officer, &r.name, r.role, r.regions, &r.password)).await?;
    Ok(HttpResponse::Ok().json(user))
}

async fn users(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let users = blocking(move || core.users(&officer)).await?;
    Ok(HttpResponse::Ok().json(users))
}

/// Body of `POST /v1/admin/enrol-codes`.
#[derive(Debug, Serialize, Deserialize)]
pub struct CodeRequest {
    pub agent: String,
    pub regions: Vec<Uuid>,
    pub ttl_hours: u64,
}

async fn admin_issue_code(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let r: CodeRequest = json_body(&req, payload).await?;
    let core = state.core.clone();
    let issued =
        blocking(move || core.issue_code(&officer, &r.agent, r.regions, r.ttl_hours)).await?;
    Ok(HttpResponse::Ok().json(issued))
}

async fn admin_devices(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let devices = blocking(move || core.devices(&officer)).await?;
    Ok(HttpResponse::Ok().json(devices))
}

/// Body of `POST /v1/admin/devices/{id}/revoke`.
#[derive(Debug, Serialize, Deserialize)]
pub struct RevokeRequest {
    pub reason: String,
}

async fn admin_revoke(
    req: HttpRequest,
    path: web::Path<Uuid>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let r: RevokeRequest = json_body(&req, payload).await?;
    let core = state.core.clone();
    let id = path.into_inner();
    let view = blocking(move || core.revoke(&officer, id, &r.reason)).await?;
    Ok(HttpResponse::Ok().json(view))
}

async fn admin_stats(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let stats = blocking(move || core.stats(&officer)).await?;
    Ok(HttpResponse::Ok().json(stats))
}

async fn admin_quarantine(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let listed = blocking(move || core.quarantined(&officer)).await?;
    Ok(HttpResponse::Ok().json(listed))
}

/// One region of an import: a name and its boundary.
#[derive(Debug, Serialize, Deserialize)]
pub struct RegionItem {
    pub name: String,
    pub boundary: Vec<sync_protocol::values::Polygon>,
}

/// Body of `POST /v1/admin/regions`.
#[derive(Debug, Serialize, Deserialize)]
pub struct RegionImport {
    pub level: sync_protocol::records::RegionLevel,
    pub parent: Option<Uuid>,
    pub regions: Vec<RegionItem>,
}

async fn import_regions(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    // A country's boundaries run to megabytes.
    let r: RegionImport = json_body_within(&req, payload, BODY_LIMIT).await?;
    let core = state.core.clone();
    let items = r
        .regions
        .into_iter()
        .map(|i| (i.name, i.boundary))
        .collect();
    let report = blocking(move || core.import_regions(&officer, r.level, r.parent, items)).await?;
    Ok(HttpResponse::Ok().json(report))
}

async fn regions(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let regions = blocking(move || core.regions(&officer)).await?;
    Ok(HttpResponse::Ok().json(regions))
}

#[derive(Debug, Deserialize)]
struct FlagQuery {
    region: Option<Uuid>,
    kind: Option<crate::flags::FlagKind>,
    state: Option<crate::store::FlagState>,
    since: Option<sync_protocol::clock::Hlc>,
    after: Option<String>,
    limit: Option<usize>,
}

async fn flags(
    req: HttpRequest,
    q: web::Query<FlagQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let q = q.into_inner();
    let filter = crate::store::FlagFilter {
        regions: None,
        region: q.region,
        kind: q.kind,
        state: q.state,
        since: q.since,
    };
    let core = state.core.clone();
    let page =
        blocking(move || core.flags(&officer, filter, q.after.as_deref(), q.limit.unwrap_or(100)))
            .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// `GET /v1/thresholds`: the thresholds of the checks in force, the defaults and each
/// country's own.
async fn thresholds(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let all = blocking(move || core.thresholds_of(&officer)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "thresholds": all })))
}

/// `POST /v1/countries/{id}/thresholds`: a country's thresholds, a partial object of
/// `flags::Thresholds` (what it leaves out keeps its default).
async fn set_thresholds(
    req: HttpRequest,
    country: web::Path<Uuid>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: serde_json::Value = json_body(&req, payload).await?;
    if !body.is_object() {
        return Err(ApiError::new(
            ErrorCode::Malformed,
            "the thresholds are a JSON object",
        ));
    }
    let core = state.core.clone();
    let country = country.into_inner();
    let kept = blocking(move || core.set_thresholds(&officer, country, &body)).await?;
    Ok(HttpResponse::Ok().json(kept))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseQuery {
    region: Option<Uuid>,
    kind: Option<crate::flags::FlagKind>,
    /// Of the flags counted (a case is open while any of its flags is).
    state: Option<crate::store::FlagState>,
    since: Option<sync_protocol::clock::Hlc>,
    /// `json` (default) or `csv`.
    format: Option<String>,
}

/// Whether a `format` asks for CSV (`json`, the default, or `csv`).
fn csv_format(format: Option<&str>) -> Result<bool, ApiError> {
    match format {
        None | Some("json") => Ok(false),
        Some("csv") => Ok(true),
        Some(other) => Err(ApiError::new(
            ErrorCode::Malformed,
            format!("format {other:?}: json or csv"),
        )),
    }
}

/// `GET /v1/cases`: the flags the query keeps, one case per root cause, most urgent first.
async fn cases(
    req: HttpRequest,
    q: web::Query<CaseQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let q = q.into_inner();
    let csv = csv_format(q.format.as_deref())?;
    let filter = crate::store::FlagFilter {
        regions: None,
        region: q.region,
        kind: q.kind,
        state: q.state,
        since: q.since,
    };
    let core = state.core.clone();
    let cases = blocking(move || core.cases(&officer, filter)).await?;
    Ok(if csv {
        HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .body(
                crate::flags::cases::to_csv(&cases)
                    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?,
            )
    } else {
        HttpResponse::Ok().json(serde_json::json!({ "cases": cases }))
    })
}

async fn flag(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let id = path.into_inner();
    let flag = blocking(move || core.flag(&officer, &id)).await?;
    Ok(HttpResponse::Ok().json(flag))
}

/// Body of `POST /v1/flags/{id}/resolve`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ResolveRequest {
    pub note: String,
}

async fn resolve_flag(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let r: ResolveRequest = json_body(&req, payload).await?;
    let core = state.core.clone();
    let id = path.into_inner();
    let flag = blocking(move || core.resolve_flag(&officer, &id, &r.note)).await?;
    Ok(HttpResponse::Ok().json(flag))
}

/// Body of `POST /v1/licences`: the licence, and its region when it has no area.
#[derive(Debug, Serialize, Deserialize)]
pub struct LicenceRequest {
    pub licence: sync_protocol::records::Licence,
    #[serde(default)]
    pub region: Option<Uuid>,
}

async fn issue_licence(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let r: LicenceRequest = json_body(&req, payload).await?;
    let core = state.core.clone();
    let issued = blocking(move || core.issue_licence(&officer, r.licence, r.region)).await?;
    Ok(HttpResponse::Ok().json(issued))
}

#[derive(Debug, Deserialize)]
struct CellQuery {
    region: Option<Uuid>,
    /// `YYYY-MM`
    from: String,
    /// `YYYY-MM`
    to: String,
}

pub fn parse_month(s: &str) -> Result<i32, ApiError> {
    let bad = || {
        ApiError::new(
            ErrorCode::Malformed,
            format!("{s:?} is not a month (YYYY-MM)"),
        )
    };
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    let (y, m): (i32, i32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(1..=12).contains(&m) || !(1900..=9999).contains(&y) {
        return Err(bad());
    }
    Ok(y * 12 + m - 1)
}

/// A span of months `from..=to` from two `YYYY-MM` strings; 400 if it ends before it starts
/// or is longer than [`crate::reports::MAX_SPAN_MONTHS`].
pub fn months(from: &str, to: &str) -> Result<(i32, i32), ApiError> {
    let (from, to) = (parse_month(from)?, parse_month(to)?);
    if from > to {
        return Err(ApiError::new(ErrorCode::Malformed, "`from` is after `to`"));
    }
    let most = crate::reports::MAX_SPAN_MONTHS;
    if to - from >= most {
        return Err(ApiError::new(
            ErrorCode::InvalidValue,
            format!("a report covers at most {most} months; ask for a shorter span"),
        ));
    }
    Ok((from, to))
}

async fn cells(
    req: HttpRequest,
    q: web::Query<CellQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let q = q.into_inner();
    let (from, to) = months(&q.from, &q.to)?;
    let core = state.core.clone();
    let cells = blocking(move || core.cells(&officer, q.region, from, to)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "cells": cells })))
}

async fn rebuild_rollups(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let report = blocking(move || core.rebuild_rollups(&officer)).await?;
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Debug, Deserialize)]
struct ReportQuery {
    region: Option<Uuid>,
    /// `YYYY-MM`
    from: String,
    /// `YYYY-MM`
    to: String,
    /// `json` (default) or `csv`
    format: Option<String>,
    /// For the national report: `quarter` (default) or `half`.
    period: Option<String>,
}

/// `GET /v1/reports/{kind}` (`regional`, `national`, `kp`): versioned JSON `{"report","version","from","to",…}`,
/// or CSV with the columns documented in `reports::regional` and `reports::kp`.
async fn report(
    req: HttpRequest,
    kind: web::Path<String>,
    q: web::Query<ReportQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let q = q.into_inner();
    let (from, to) = months(&q.from, &q.to)?;
    let csv = csv_format(q.format.as_deref())?;
    let kind = ReportKind::parse(&kind.into_inner(), q.period.as_deref())?;
    let core = state.core.clone();
    let report = blocking(move || core.report(&officer, kind, q.region, from, to)).await?;
    Ok(if csv {
        HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .body(render::csv(&report)?)
    } else {
        HttpResponse::Ok().json(render::json(kind, &report, from, to))
    })
}

#[derive(Debug, Deserialize)]
struct FootprintQuery {
    region: Uuid,
    from: String,
    to: String,
    ref_region: Option<Uuid>,
    /// With `ref_to`, a reference period; without both, the region's kept reference.
    ref_from: Option<String>,
    ref_to: Option<String>,
    /// `kolmogorov_smirnov` (default) or `chi_square`
    statistic: Option<crate::reports::footprint::Statistic>,
}

/// `GET /v1/reports/footprint`: a region's diamond footprint for a period against a
/// reference period (and region), with the statistic named in the answer.
async fn footprint(
    req: HttpRequest,
    q: web::Query<FootprintQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let q = q.into_inner();
    let (from, to) = months(&q.from, &q.to)?;
    let reference = reference_period(
        q.ref_region,
        q.ref_from.as_deref(),
        q.ref_to.as_deref(),
        "ref_from and ref_to",
    )?;
    let core = state.core.clone();
    let report = blocking(move || {
        core.footprint_report(
            &officer,
            q.region,
            from,
            to,
            reference,
            q.statistic.unwrap_or_default(),
        )
    })
    .await?;
    Ok(HttpResponse::Ok().json(render::footprint_report(&report)))
}

/// A reference period from its two months (named `months` in the error) and an optional
/// region: both months or none; a region alone is refused too.
pub fn reference_period(
    region: Option<Uuid>,
    from: Option<&str>,
    to: Option<&str>,
    months: &str,
) -> Result<Option<ReferencePeriod>, ApiError> {
    match (from, to) {
        (Some(f), Some(t)) => Ok(Some(ReferencePeriod {
            region,
            from: parse_month(f)?,
            to: parse_month(t)?,
        })),
        (None, None) if region.is_none() => Ok(None),
        _ => Err(ApiError::new(
            ErrorCode::Malformed,
            format!("a reference period needs both {months}"),
        )),
    }
}

/// Body of `POST /v1/reports/footprint/references/{region}`: a period (`from`, `to`,
/// optionally another `region`), or imported `classes` with their `source`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceBody {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub region: Option<Uuid>,
    #[serde(default)]
    pub classes: Option<Vec<crate::reports::reference::ClassRow>>,
    #[serde(default)]
    pub source: Option<String>,
}

impl ReferenceBody {
    pub fn into_request(self) -> Result<ReferenceRequest, ApiError> {
        let period = reference_period(
            self.region,
            self.from.as_deref(),
            self.to.as_deref(),
            "from and to",
        )?;
        Ok(ReferenceRequest {
            period,
            classes: self.classes,
            source: self.source,
        })
    }
}

/// `POST /v1/reports/footprint/references/{region}`: sets a region's reference footprint.
async fn set_reference_footprint(
    req: HttpRequest,
    region: web::Path<Uuid>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: ReferenceBody = json_body(&req, payload).await?;
    let request = body.into_request()?;
    let core = state.core.clone();
    let region = region.into_inner();
    let kept = blocking(move || core.set_reference_footprint(&officer, region, request)).await?;
    Ok(HttpResponse::Ok().json(kept))
}

/// `GET /v1/reports/footprint/references`: the reference footprints set, in the officer's
/// regions.
async fn reference_footprints(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let kept = blocking(move || core.reference_footprints(&officer)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "references": kept })))
}

/// Months `from..=to` of a query.
#[derive(Debug, Deserialize)]
struct PeriodQuery {
    from: String,
    to: String,
}

/// `GET /v1/reports/exports/{exporter}`: one exporter's evidence for the monitoring.
async fn exporter_detail(
    req: HttpRequest,
    exporter: web::Path<Uuid>,
    q: web::Query<PeriodQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let (from, to) = months(&q.from, &q.to)?;
    let core = state.core.clone();
    let exporter = exporter.into_inner();
    let detail = blocking(move || core.exporter_detail(&officer, exporter, from, to)).await?;
    Ok(HttpResponse::Ok().json(render::exporter_detail(&detail)))
}

/// Body of `POST /v1/exports`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExportRequest {
    pub export: sync_protocol::records::Export,
}

/// `POST /v1/exports`: an export recorded at the ministry.
async fn record_export(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: ExportRequest = json_body(&req, payload).await?;
    let core = state.core.clone();
    let recorded = blocking(move || core.record_export(&officer, body.export)).await?;
    Ok(HttpResponse::Ok().json(recorded))
}

/// Body of `POST /v1/exporters/{licence}/opening-stock`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningStockRequest {
    /// `YYYY-MM-DD`; the stock counts from this date's month.
    pub as_of: String,
    /// Carats as a decimal, e.g. `120.50`.
    pub carats: String,
}

/// `POST /v1/exporters/{licence}/opening-stock`: an exporter's declared stock on hand.
async fn declare_opening_stock(
    req: HttpRequest,
    licence: web::Path<Uuid>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: OpeningStockRequest = json_body(&req, payload).await?;
    let as_of = sync_protocol::values::parse_day(&body.as_of)?;
    let carats = sync_protocol::values::Carats::parse(&body.carats)?;
    let core = state.core.clone();
    let exporter = licence.into_inner();
    let kept =
        blocking(move || core.declare_opening_stock(&officer, exporter, as_of, carats)).await?;
    Ok(HttpResponse::Ok().json(kept))
}

/// Body of `POST /v1/exports/{id}/valuation`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValuationRequest {
    /// The government valuator's value of the parcel, US$ as a decimal, e.g. `52000.00`.
    pub valuation_usd: String,
    /// The export duty paid on it, US$ as a decimal (`0` where none).
    pub duty_usd: String,
}

impl ValuationRequest {
    /// The valuation and the duty, or the value that does not parse.
    pub fn parse(
        &self,
    ) -> Result<
        (
            sync_protocol::values::UsdCents,
            sync_protocol::values::UsdCents,
        ),
        sync_protocol::ValueError,
    > {
        Ok((
            sync_protocol::values::UsdCents::parse(&self.valuation_usd)?,
            sync_protocol::values::UsdCents::parse(&self.duty_usd)?,
        ))
    }
}

/// `POST /v1/exports/{id}/valuation`: the government valuator's value of an export and the
/// duty paid on it.
async fn value_export(
    req: HttpRequest,
    export: web::Path<Uuid>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: ValuationRequest = json_body(&req, payload).await?;
    let (valuation, duty) = body.parse()?;
    let core = state.core.clone();
    let export = export.into_inner();
    let kept = blocking(move || core.value_export(&officer, export, valuation, duty)).await?;
    Ok(HttpResponse::Ok().json(kept))
}

/// Body of `POST /v1/sales/{id}/assay`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssayRequest {
    /// Parts per thousand, at most one decimal, as the assay certificate gives it: `916.7`.
    pub fineness: String,
    /// Who assayed the gold (the assay office, the buyer's laboratory).
    pub assayer: String,
}

/// `POST /v1/sales/{id}/assay`: the fineness of a gold sale by assay.
async fn assay_gold(
    req: HttpRequest,
    sale: web::Path<Uuid>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: AssayRequest = json_body(&req, payload).await?;
    let fineness = crate::reports::gold::Fineness::parse(&body.fineness)
        .map_err(|m| ApiError::new(ErrorCode::InvalidValue, m))?;
    let core = state.core.clone();
    let sale = sale.into_inner();
    let kept = blocking(move || core.assay_gold(&officer, sale, fineness, &body.assayer)).await?;
    Ok(HttpResponse::Ok().json(kept))
}

/// Body of `POST /v1/regions/{id}/digger-estimate`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiggerEstimateRequest {
    pub diggers: u64,
    /// Where the figure comes from.
    pub source: String,
}

/// `POST /v1/regions/{id}/digger-estimate`: an officer's estimate of a region's diggers.
async fn set_digger_estimate(
    req: HttpRequest,
    region: web::Path<Uuid>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: DiggerEstimateRequest = json_body(&req, payload).await?;
    let core = state.core.clone();
    let region = region.into_inner();
    let kept =
        blocking(move || core.set_digger_estimate(&officer, region, body.diggers, body.source))
            .await?;
    Ok(HttpResponse::Ok().json(kept))
}

/// Body of `POST /v1/exports/{id}/purchases`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationRequest {
    /// The sales (to the export's exporter) its parcel comes from.
    pub purchases: Vec<Uuid>,
}

/// `POST /v1/exports/{id}/purchases`: the purchases an export's parcel comes from.
async fn cite_purchases(
    req: HttpRequest,
    export: web::Path<Uuid>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: CitationRequest = json_body(&req, payload).await?;
    let core = state.core.clone();
    let export = export.into_inner();
    let kept = blocking(move || core.cite_purchases(&officer, export, body.purchases)).await?;
    Ok(HttpResponse::Ok().json(kept))
}

/// Body of `POST /v1/imports`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    /// The importing country's region id.
    pub country: Uuid,
    pub import: crate::events::Import,
}

/// `POST /v1/imports`: rough diamonds imported under a KP certificate.
async fn record_import(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let body: ImportRequest = json_body(&req, payload).await?;
    let core = state.core.clone();
    let kept = blocking(move || core.record_import(&officer, body.country, body.import)).await?;
    Ok(HttpResponse::Ok().json(kept))
}

/// `GET /v1/reports/cells/{id}/records`: the records (and flags) behind a cell, each with
/// its contribution; they add up to the cell's value.
async fn cell_records(
    req: HttpRequest,
    id: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let officer = authorize(&req, &state)?;
    let core = state.core.clone();
    let id = id.into_inner();
    let records = blocking(move || core.cell_records(&officer, &id)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "records": records })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_holds_at_most_its_cap_of_requests_and_loopback_is_not_counted() {
        let f = InFlight::new(3);
        let far: std::net::IpAddr = "192.0.2.7".parse().unwrap();
        let other: std::net::IpAddr = "198.51.100.1".parse().unwrap();
        let held: Vec<_> = (0..3)
            .map(|_| f.enter(Some(far)).expect("a slot"))
            .collect();
        assert!(f.enter(Some(far)).is_err(), "over the cap");
        assert!(
            f.enter(Some(other)).is_ok(),
            "another address is not held up"
        );
        let local = (0..100)
            .map(|_| f.enter(Some("127.0.0.1".parse().unwrap())))
            .collect::<Vec<_>>();
        assert!(local.iter().all(Result::is_ok));
        assert!(f.enter(None).is_ok());
        drop(held);
        assert!(f.enter(Some(far)).is_ok(), "slots come back when answered");
        assert!(f.by_address.lock().unwrap().len() <= 1);
    }

    #[test]
    fn bodies_in_flight_share_one_budget_given_back_when_done() {
        let budget = BodyBudget::new(100);
        let hold = |b: &Arc<BodyBudget>| BodyHold {
            budget: Some(b.clone()),
            bytes: 0,
        };
        let mut a = hold(&budget);
        let mut b = hold(&budget);
        assert!(budget.take(&mut a, 60));
        assert!(!budget.take(&mut b, 50), "over the budget: nothing taken");
        assert!(budget.take(&mut b, 40));
        assert!(!budget.take(&mut b, 1));
        drop(a);
        assert!(budget.take(&mut b, 60), "given back when a body is done");
        drop(b);
        assert_eq!(budget.in_use.load(std::sync::atomic::Ordering::Relaxed), 0);
    }

    #[test]
    fn a_body_must_keep_coming() {
        use std::time::Duration;
        assert!(
            !too_slow(Duration::from_secs(10), 0),
            "the first 30 s are free"
        );
        assert!(!too_slow(Duration::from_secs(40), 2_560));
        assert!(too_slow(Duration::from_secs(40), 2_559));
        assert!(too_slow(Duration::from_secs(600), 100_000));
    }
}
