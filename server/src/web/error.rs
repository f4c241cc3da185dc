//! What an officer sees when a page cannot be shown: the login page (a 303 redirect that
//! remembers where they were going), or an HTML page for 400, 403, 404, 409 and 500.
//!
//! Core functions answer [`ApiError`]s; [`WebError::from`] maps their codes to these pages
//! in one place (an expired or unknown session becomes the login redirect). The JSON API
//! keeps its own errors: nothing here is used under `/v1`, where [`unknown`] answers the
//! API's JSON 404 as before. Pages that know their officer answer
//! [`WebError::framed`], the same page inside their frame.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use maud::{html, Markup};
use sync_protocol::api::ErrorCode;

use crate::error::ApiError;
use crate::i18n::{self, t, ta, Arg};

use super::{layout, SignedIn};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// No valid session: to the login page, then back to `next` (a local path).
    #[error("log in to see {next}")]
    Login { next: String },
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Internal(String),
}

impl From<ApiError> for WebError {
    fn from(e: ApiError) -> Self {
        match e.code.status() {
            401 => WebError::Login { next: "/".into() },
            403 => WebError::Forbidden(e.message),
            404 => WebError::NotFound(e.message),
            409 => WebError::Conflict(e.message),
            400 | 413 | 415 => WebError::BadRequest(e.message),
            _ => {
                if e.code != ErrorCode::Internal {
                    tracing::warn!(error = %e, "page failed");
                }
                // ApiError's own conversion already logged an internal cause.
                WebError::Internal(e.message)
            }
        }
    }
}

/// The login page's URL for someone who wanted `next`.
pub fn login_url(next: &str) -> String {
    format!(
        "/login?{}",
        serde_urlencoded::to_string([("next", next)]).unwrap_or_default()
    )
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::Login { .. } => StatusCode::SEE_OTHER,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self.login_redirect() {
            Some(r) => r,
            None => layout::respond(
                self.status_code(),
                layout::bare(i18n::current(), "/", &self.title(), self.body()),
            ),
        }
    }
}

impl WebError {
    fn login_redirect(&self) -> Option<HttpResponse> {
        match self {
            WebError::Login { next } => Some(
                HttpResponse::SeeOther()
                    .insert_header(("location", login_url(next)))
                    .insert_header(("cache-control", "no-store"))
                    .finish(),
            ),
            _ => None,
        }
    }

    /// The page's heading, in the request's language.
    fn title(&self) -> String {
        t(match self {
            WebError::Login { .. } => "login-title",
            WebError::BadRequest(_) => "err-bad-request",
            WebError::Forbidden(_) => "err-forbidden",
            WebError::NotFound(_) => "err-not-found",
            WebError::Conflict(_) => "err-conflict",
            WebError::Internal(_) => "err-internal",
        })
    }

    /// What went wrong (the message as given: the core's, or the page's, in the request's
    /// language where the page wrote it), and the way back.
    fn body(&self) -> Markup {
        let message = match self {
            WebError::Login { next } => next.clone(),
            WebError::BadRequest(m)
            | WebError::Forbidden(m)
            | WebError::NotFound(m)
            | WebError::Conflict(m) => m.clone(),
            WebError::Internal(_) => t("err-internal-detail"),
        };
        html! {
            p.error data-error=(self.status_code().as_u16()) { (message) }
            p { a href="/" { (t("err-back")) } }
        }
    }

    /// The same page inside the frame of the officer's pages (navigation, their name),
    /// for pages that know who asked; the login redirect stays a redirect.
    pub fn framed(&self, signed: &SignedIn) -> HttpResponse {
        match self.login_redirect() {
            Some(r) => r,
            None => layout::respond(
                self.status_code(),
                layout::page(signed, "", &self.title(), self.body()),
            ),
        }
    }
}

/// The message of an address no page answers: "there is no page at /x".
pub fn no_page(path: &str) -> String {
    ta("err-no-page", &[("path", Arg::from(path))])
}

/// Whether the request is a browser's asking for a page: a GET or HEAD accepting HTML,
/// outside the API's `/v1/` paths.
fn wants_a_page(req: &HttpRequest) -> bool {
    let accepts_html = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    let method = req.method();
    (method == actix_web::http::Method::GET || method == actix_web::http::Method::HEAD)
        && accepts_html
        && !(req.path() == "/v1" || req.path().starts_with("/v1/"))
}

/// Any URL no route serves: for a browser asking for a page, the 404 page (in the frame
/// when an officer is signed in); otherwise, and under `/v1/`, the API's JSON 404.
pub async fn unknown(req: HttpRequest) -> HttpResponse {
    if !wants_a_page(&req) {
        return ApiError::new(ErrorCode::NotFound, "no such endpoint").error_response();
    }
    let e = WebError::NotFound(no_page(req.path()));
    match super::signed_in(&req) {
        Ok(signed) => e.framed(&signed),
        Err(_) => e.error_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_refusals_become_pages() {
        let page = |code, m: &str| WebError::from(ApiError::new(code, m));
        assert!(matches!(
            page(ErrorCode::Forbidden, "x"),
            WebError::Forbidden(_)
        ));
        assert!(matches!(
            page(ErrorCode::NotFound, "x"),
            WebError::NotFound(_)
        ));
        assert!(matches!(
            page(ErrorCode::Unauthorized, "x"),
            WebError::Login { .. }
        ));
        assert!(matches!(
            page(ErrorCode::InvalidValue, "x"),
            WebError::BadRequest(_)
        ));
        assert!(matches!(
            page(ErrorCode::NotOpen, "x"),
            WebError::Conflict(_)
        ));
        assert_eq!(
            page(ErrorCode::Forbidden, "no").error_response().status(),
            StatusCode::FORBIDDEN
        );
    }

    #[test]
    fn error_pages_read_in_the_requests_language() {
        use actix_web::body::MessageBody;
        let page = |e: WebError| {
            let body = e.error_response().into_body().try_into_bytes();
            String::from_utf8(body.expect("a whole body").to_vec()).unwrap()
        };
        let english = page(WebError::NotFound(no_page("/x")));
        assert!(english.contains("<h1>Not found</h1>"), "{english}");
        assert!(english.contains("there is no page at /x"));
        assert!(english.contains("Back to the overview"));
        let french = i18n::with(i18n::Lang::Fr, || {
            page(WebError::Internal("a cause for the log".into()))
        });
        assert!(french.contains("<html lang=\"fr\""), "{french}");
        assert!(french.contains("<h1>Erreur du serveur</h1>"), "{french}");
        assert!(!french.contains("a cause for the log") && !french.contains("Back to"));
        let pt = i18n::with(i18n::Lang::Pt, || page(WebError::NotFound(no_page("/x"))));
        assert!(
            pt.contains("<h1>Não encontrado</h1>") && pt.contains("não há nenhuma página em /x")
        );
    }

    #[test]
    fn a_page_is_for_a_browsers_get_outside_the_api() {
        use actix_web::test::TestRequest;
        let html = ("accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        let asks = |req: TestRequest| wants_a_page(&req.to_http_request());
        assert!(asks(TestRequest::get().uri("/no/such").insert_header(html)));
        assert!(!asks(TestRequest::get().uri("/no/such")));
        assert!(!asks(
            TestRequest::get()
                .uri("/no/such")
                .insert_header(("accept", "application/json"))
        ));
        assert!(!asks(
            TestRequest::get().uri("/v1/no/such").insert_header(html)
        ));
        assert!(!asks(TestRequest::get().uri("/v1").insert_header(html)));
        assert!(asks(TestRequest::get().uri("/v1x").insert_header(html)));
        assert!(!asks(
            TestRequest::post().uri("/no/such").insert_header(html)
        ));
    }

    #[test]
    fn the_login_redirect_remembers_the_page() {
        assert_eq!(
            login_url("/flags?state=open&region=x"),
            "/login?next=%2Fflags%3Fstate%3Dopen%26region%3Dx"
        );
        let r = WebError::Login {
            next: "/devices".into(),
        }
        .error_response();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            r.headers().get("location").unwrap(),
            "/login?next=%2Fdevices"
        );
    }
}
