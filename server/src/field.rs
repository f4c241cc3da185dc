//! `/field/`: the field app, an installable offline web app for the agents' phones, served
//! from files compiled into the binary (`server/field/`): no build step, nothing fetched
//! from elsewhere at run time. Each answer carries a strong `ETag` (the SHA-256 of its
//! bytes) and `Cache-Control: no-cache`, so a phone revalidates cheaply (304) when it has a
//! network and the service worker serves the shell when it has none; the content security
//! policy lets the app load only its own scripts and talk only to this server.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

/// One file of the app: its path under `/field/` and its bytes.
struct File {
    path: &'static str,
    bytes: &'static [u8],
}

macro_rules! file {
    ($path:literal) => {
        File {
            path: $path,
            bytes: include_bytes!(concat!("../field/", $path)),
        }
    };
}

/// Every file served: the shell that `js/files.js` lists for the service worker, and the
/// worker itself. A test checks that the two lists agree.
static FILES: &[File] = &[
    file!("index.html"),
    file!("app.css"),
    file!("manifest.webmanifest"),
    file!("icons/icon.svg"),
    file!("sw.js"),
    file!("js/files.js"),
    file!("js/app.js"),
    file!("js/i18n.js"),
    file!("js/db.js"),
    file!("js/protocol/bincode.js"),
    file!("js/protocol/bytes.js"),
    file!("js/protocol/clock.js"),
    file!("js/protocol/codec.js"),
    file!("js/protocol/day.js"),
    file!("js/protocol/dense.js"),
    file!("js/protocol/equal.js"),
    file!("js/protocol/errors.js"),
    file!("js/protocol/index.js"),
    file!("js/protocol/merge.js"),
    file!("js/protocol/op.js"),
    file!("js/protocol/page.js"),
    file!("js/protocol/personal.js"),
    file!("js/protocol/schema.js"),
    file!("js/protocol/sign.js"),
    file!("js/protocol/types.js"),
    file!("js/protocol/types/messages.js"),
    file!("js/protocol/types/records.js"),
    file!("js/protocol/types/values.js"),
    file!("js/protocol/uuid.js"),
];

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
                   connect-src 'self'; img-src 'self' data: blob:; worker-src 'self'; \
                   manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
                   form-action 'self'";

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// The strong validator of `bytes`: their SHA-256, quoted.
fn etag(bytes: &[u8]) -> String {
    format!(
        "\"{}\"",
        hex::encode(ring::digest::digest(&ring::digest::SHA256, bytes))
    )
}

/// The routes: `/field` goes to `/field/`, which is the app's page.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/field",
        web::get().to(|| async {
            HttpResponse::MovedPermanently()
                .insert_header((header::LOCATION, "/field/"))
                .finish()
        }),
    )
    .route("/field/{path:.*}", web::get().to(serve));
}

/// `GET /field/{path}`: a file of the app (`index.html` for the bare `/field/`), 304 when
/// the browser holds it already, the JSON 404 of an unknown path.
async fn serve(req: HttpRequest) -> HttpResponse {
    let path = req.match_info().get("path").unwrap_or_default();
    let path = if path.is_empty() { "index.html" } else { path };
    let Some((at, file)) = FILES.iter().enumerate().find(|(_, f)| f.path == path) else {
        return actix_web::ResponseError::error_response(&crate::error::ApiError::new(
            sync_protocol::api::ErrorCode::NotFound,
            format!("the field app has no file {path:?}"),
        ));
    };
    // Each file's tag is hashed once, at its first request, not at every one.
    static TAGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let tag = TAGS.get_or_init(|| FILES.iter().map(|f| etag(f.bytes)).collect())[at].clone();
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    let mut answer = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    answer
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("content-security-policy", CSP))
        .insert_header(("x-content-type-options", "nosniff"))
        .insert_header(("referrer-policy", "same-origin"));
    if file.path == "sw.js" {
        answer.insert_header(("service-worker-allowed", "/field/"));
    }
    if fresh {
        return answer.finish();
    }
    answer
        .content_type(content_type(file.path))
        .body(file.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The service worker's list (`js/files.js`) and the server's are the same files.
    #[test]
    fn the_shell_the_worker_keeps_is_what_the_server_serves() {
        let listed = std::str::from_utf8(
            FILES
                .iter()
                .find(|f| f.path == "js/files.js")
                .expect("the list")
                .bytes,
        )
        .unwrap();
        let mut precached: Vec<&str> = listed
            .lines()
            .filter_map(|l| l.trim().strip_prefix('\'')?.strip_suffix("',"))
            .filter(|p| *p != "./")
            .collect();
        precached.sort_unstable();
        let mut served: Vec<&str> = FILES
            .iter()
            .map(|f| f.path)
            .filter(|p| *p != "sw.js")
            .collect();
        served.sort_unstable();
        assert_eq!(precached, served);
        assert_eq!(content_type("js/app.js"), "text/javascript; charset=utf-8");
        assert_eq!(etag(b"").len(), 66);
    }
}
