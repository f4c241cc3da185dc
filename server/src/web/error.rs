//! What an officer sees when a page cannot be shown: the login page (a 303 redirect that
//! remembers where they were going), or an HTML page for 400, 403, 404, 409 and 500.
//!
//! Core functions answer [`ApiError`]s; [`WebError::from`] maps their codes to these pages
//! in one place (an expired or unknown session becomes the login redirect). The JSON API
//! keeps its own errors: nothing here is used under `/v1`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use maud::html;
use sync_protocol::api::ErrorCode;

use crate::error::ApiError;

use super::layout;

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
        let (title, message) = match self {
            WebError::Login { next } => {
                return HttpResponse::SeeOther()
                    .insert_header(("location", login_url(next)))
                    .insert_header(("cache-control", "no-store"))
                    .finish()
            }
            WebError::BadRequest(m) => ("Bad request", m.as_str()),
            WebError::Forbidden(m) => ("Not allowed", m.as_str()),
            WebError::NotFound(m) => ("Not found", m.as_str()),
            WebError::Conflict(m) => ("Cannot be done", m.as_str()),
            WebError::Internal(_) => (
                "Server error",
                "The server failed to show this page; the cause is in its log.",
            ),
        };
        layout::respond(
            self.status_code(),
            layout::bare(
                title,
                html! {
                    p.error data-error=(self.status_code().as_u16()) { (message) }
                    p { a href="/" { "Back to the overview" } }
                },
            ),
        )
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
