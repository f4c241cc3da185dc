//! The ministry's dashboard: server-rendered HTML pages on the public listener, for
//! officers in a browser, beside the JSON API.
//!
//! # The one way in
//! Every page handler takes a [`SignedIn`] (GET) or a [`Posted`] (POST) argument, and both
//! are built by [`signed_in`], the only function that turns a request into an
//! [`Officer`]: the session cookie, then [`Core::officer`] — the same check as the API's
//! bearer token, so an expired or ended session is refused alike (here with a redirect to
//! the login page). A [`Posted`] form is read only after its origin and its CSRF token
//! checked out ([`csrf`]). The pages then call the same `Core` functions as the API with
//! that officer, so roles and regions are checked in one place; a page adds nothing to
//! what the API would let the officer read.
//!
//! # Layout
//! - [`session`]: the session cookie (attributes, `Secure`), the pre-login cookie.
//! - [`csrf`]: form tokens and the origin check.
//! - [`error`]: the login redirect and the 400/403/404/409/500 pages, and the 404 of an
//!   address nothing serves (a page for a browser, the API's JSON under `/v1/`).
//! - [`layout`]: the frame of every page ([`layout::page`]) and its headers.
//! - [`table`]: tables that render as HTML and download as CSV from the same rows.
//! - [`svg`], [`map`]: charts and the map of regions, drawn on the server (pure);
//!   [`fix_map`]: a production's GPS fix against its licence's area (pure).
//! - [`evidence`]: a flag's evidence as a list in words (pure).
//! - [`finding`]: a flag's finding in the page's language, from its evidence (pure).
//! - [`format`]: how figures read; [`period`]: the months a page covers.
//! - [`reads`]: the records of a region for its page, from the store's pull index.
//! - [`pages`]: one module per page.
//! - [`print`]: the reports as A4 documents to sign, outside the frame.

pub mod csrf;
pub mod error;
pub mod evidence;
pub mod finding;
pub mod fix_map;
pub mod format;
pub mod layout;
pub mod map;
pub mod pages;
pub mod period;
pub mod print;
pub mod reads;
pub mod session;
pub mod svg;
pub mod table;

use std::future::{ready, Future, Ready};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use crate::auth::Officer;
use crate::core::Core;
use crate::error::ApiError;
use crate::http::AppState;
pub use error::WebError;

/// The page routes, mounted on the public listener beside the API.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(pages::login::form))
        .route("/login", web::post().to(pages::login::submit))
        .route("/logout", web::post().to(pages::login::logout))
        .route("/language/{code}", web::get().to(pages::login::language))
        .route("/language", web::post().to(pages::login::choose))
        .route("/", web::get().to(pages::overview::page))
        .route("/regions/{id}", web::get().to(pages::region::page))
        .route("/flags", web::get().to(pages::flags::list))
        .route("/flags/{id}", web::get().to(pages::flags::detail))
        .route("/flags/{id}/resolve", web::post().to(pages::flags::resolve))
        .route("/footprint", web::get().to(pages::footprint::page))
        .route("/exports", web::get().to(pages::exports::page))
        .route("/large-stones", web::get().to(pages::large_stones::page))
        .route("/exports/{id}", web::get().to(pages::exports::detail))
        .route("/devices", web::get().to(pages::devices::list))
        .route(
            "/devices/{id}/revoke",
            web::post().to(pages::devices::revoke),
        )
        .route("/devices/codes", web::post().to(pages::devices::issue_code))
        .route("/users", web::get().to(pages::users::list))
        .route("/users/{name}/{act}", web::post().to(pages::users::act))
        .route("/print/national", web::get().to(print::national::page))
        .route("/print/kp", web::get().to(print::kp::page))
        .route(
            "/print/regional/{region}",
            web::get().to(print::regional::page),
        )
        .route("/records/{id}", web::get().to(pages::record::find))
        .route(
            "/records/{collection}/{id}",
            web::get().to(pages::record::page),
        )
        .route(
            "/records/miner/{id}/erase",
            web::post().to(pages::record::erase::erase),
        )
        .route(
            "/photos/{digest}",
            web::get().to(pages::record::photos::file),
        )
        // Last: whatever no route above (nor the API's) serves.
        .route("/{tail:.*}", web::route().to(error::unknown));
}

/// A request from a signed-in officer.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub officer: Officer,
    /// The token every form of the page must carry back.
    pub csrf: String,
    /// The session token (to end the session at logout).
    token: String,
    /// The language the officer reads the dashboard in ([`lang_of`]).
    pub lang: crate::i18n::Lang,
    /// The page asked for, for a choice of language to come back to.
    pub here: String,
}

/// The cookie that keeps a browser's choice of language.
pub const LANG_COOKIE: &str = "placer_lang";

/// The language a request's pages read in: the browser's choice made on the dashboard
/// (kept in a cookie), else its `Accept-Language`, else English.
pub fn lang_of(req: &HttpRequest) -> crate::i18n::Lang {
    use crate::i18n::Lang;
    session::cookie(req, LANG_COOKIE)
        .and_then(|c| Lang::from_tag(&c))
        .or_else(|| {
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// The path and query asked for (a GET), else the overview.
pub fn here(req: &HttpRequest) -> String {
    match *req.method() {
        actix_web::http::Method::GET => req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into()),
        _ => "/".into(),
    }
}

/// The officer behind the request's session cookie, or the login redirect. Every page goes
/// through here.
pub fn signed_in(req: &HttpRequest) -> Result<SignedIn, WebError> {
    let next = here(req);
    let token = session::cookie(req, session::SESSION_COOKIE)
        .ok_or_else(|| WebError::Login { next: next.clone() })?;
    let core = core(req)?;
    let officer = core.officer(&token).map_err(|e| match WebError::from(e) {
        WebError::Login { .. } => WebError::Login { next },
        other => other,
    })?;
    Ok(SignedIn {
        officer,
        csrf: csrf::token(&token),
        token,
        lang: lang_of(req),
        here: here(req),
    })
}

impl SignedIn {
    /// The session token, for ending the session.
    pub fn session_token(&self) -> &str {
        &self.token
    }
}

impl FromRequest for SignedIn {
    type Error = WebError;
    type Future = Ready<Result<Self, WebError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(signed_in(req))
    }
}

/// A form posted by a signed-in officer, from this site, with the right CSRF token. `T`
/// is the form's own fields (the `csrf` field is checked and may be left out of `T`).
#[derive(Debug)]
pub struct Posted<T> {
    pub signed: SignedIn,
    pub form: T,
}

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

/// Refuses (403) a POST whose browser says it comes from another site.
pub fn check_origin(req: &HttpRequest) -> Result<(), WebError> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if csrf::same_origin(
        header("origin"),
        header("sec-fetch-site"),
        req.connection_info().host(),
    ) {
        Ok(())
    } else {
        tracing::warn!(path = %req.path(), origin = ?header("origin"), "cross-site form refused");
        Err(WebError::Forbidden(
            "this form was sent from another site".into(),
        ))
    }
}

/// Parses a urlencoded form body into `T`.
pub fn parse_form<T: DeserializeOwned>(body: &[u8]) -> Result<T, WebError> {
    serde_urlencoded::from_bytes(body).map_err(|e| WebError::BadRequest(format!("the form: {e}")))
}

impl<T: DeserializeOwned + 'static> FromRequest for Posted<T> {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // Origin first: a cross-site request is refused before anything else is looked at.
        let checked = check_origin(req).and_then(|_| signed_in(req));
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let signed = checked?;
            let body = body
                .await
                .map_err(|e| WebError::BadRequest(format!("reading the form: {e}")))?;
            let given: CsrfField = parse_form(&body)?;
            if !csrf::verify(&signed.token, &given.csrf) {
                tracing::warn!(officer = %signed.officer.name, "form with a wrong CSRF token refused");
                return Err(WebError::Forbidden(
                    "this form is out of date or was not sent from a Placer page; \
                     reload the page and try again"
                        .into(),
                ));
            }
            let form = parse_form(&body)?;
            Ok(Posted { signed, form })
        })
    }
}

/// The server's core, from the app's state.
pub fn core(req: &HttpRequest) -> Result<std::sync::Arc<Core>, WebError> {
    req.app_data::<web::Data<AppState>>()
        .map(|s| s.core.clone())
        .ok_or_else(|| WebError::Internal("the app has no state".into()))
}

/// Runs blocking core work off the async workers.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, WebError> {
    web::block(f)
        .await
        .map_err(|e| WebError::Internal(format!("worker failed: {e}")))?
        .map_err(WebError::from)
}
