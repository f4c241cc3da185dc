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
    file!("js/store.js"),
    file!("js/records.js"),
    file!("js/recorder.js"),
    file!("js/sync.js"),
    file!("js/forms.js"),
    file!("js/parse.js"),
    file!("js/describe.js"),
    file!("js/ui.js"),
    file!("js/photos.js"),
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

/// The strong validator of `bytes`: the first 128 bits of their SHA-256, quoted (every
/// byte of a header counts on a 2G link, and 128 bits tell the shell's versions apart).
fn etag(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    format!("\"{}\"", hex::encode(&digest.as_ref()[..16]))
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
        .insert_header(("x-content-type-options", "nosniff"));
    // The policies bind documents and workers only: a module or a stylesheet is fetched
    // under its page's, so they are not repeated on each of the shell's files.
    if file.path == "index.html" || file.path == "sw.js" {
        answer
            .insert_header(("content-security-policy", CSP))
            .insert_header(("referrer-policy", "same-origin"));
    }
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

    /// `js/files.js` as served: the service worker's list and the shell's version.
    fn worker_list() -> &'static str {
        let file = FILES
            .iter()
            .find(|f| f.path == "js/files.js")
            .expect("the list");
        std::str::from_utf8(file.bytes).expect("UTF-8")
    }

    /// The service worker's list (`js/files.js`) and the server's are the same files.
    #[test]
    fn the_shell_the_worker_keeps_is_what_the_server_serves() {
        let listed = worker_list();
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
        assert_eq!(etag(b"").len(), 34);
    }

    /// Every file of the app's directory is served (its tests excepted): a module added
    /// and not listed would be missing on a phone offline.
    #[test]
    fn every_file_of_the_app_is_served() {
        fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if path.is_dir() {
                    if rel != "test" {
                        walk(&path, root, out);
                    }
                } else {
                    out.push(rel);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("field");
        let mut found = Vec::new();
        walk(&root, &root, &mut found);
        found.sort_unstable();
        let mut served: Vec<String> = FILES.iter().map(|f| f.path.to_owned()).collect();
        served.sort_unstable();
        assert_eq!(found, served);
    }

    /// The shell's version names its content: any change to a file of the app gives the
    /// phones a new service worker and a new cache, so none keeps a stale module.
    #[test]
    fn the_shells_version_is_the_digest_of_its_files() {
        let listed = worker_list();
        let expected = shell_version();
        assert!(
            listed.contains(&format!("export const VERSION = '{expected}';")),
            "js/files.js must say: export const VERSION = '{expected}';"
        );
    }

    /// `placer-field-` and the first 12 hex digits of the SHA-256 over every served file
    /// but the list itself (path, a zero byte, content), in the table's order.
    fn shell_version() -> String {
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        for f in FILES.iter().filter(|f| f.path != "js/files.js") {
            ctx.update(f.path.as_bytes());
            ctx.update(&[0]);
            ctx.update(f.bytes);
        }
        let hex: String = ctx
            .finish()
            .as_ref()
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("placer-field-{hex}")
    }
}
