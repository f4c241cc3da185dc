//! The field app is served by `placer serve` itself at `/field/`: every file of its shell
//! with its content type, a strong ETag answered 304 when it matches, `no-cache` (the
//! service worker keeps the shell), a content security policy that lets it load its own
//! scripts only, the worker's scope header; an unknown file is the API's JSON 404.

use crate::harness::*;

#[test]
fn the_field_app_is_served_from_the_binary_with_its_headers() {
    let server = spawn_server();
    let client = server.http();
    let get = |path: &str| client.get(format!("{}{path}", server.url)).send().unwrap();
    let page = get("/field/");
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(page.headers()["cache-control"], "no-cache");
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"),
        "{csp}"
    );
    let tag = page.headers()["etag"].to_str().unwrap().to_string();
    let html = page.text().unwrap();
    assert!(html.contains("rel=\"manifest\"") && html.contains("src=\"js/app.js\""));
    assert!(!html.contains("<script>"), "no inline script");

    // The same file again: 304 with its tag, nothing sent.
    let again = client
        .get(format!("{}/field/index.html", server.url))
        .header("if-none-match", &tag)
        .send()
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), tag);

    // Every file the service worker precaches is served, with its type.
    let files = get("/field/js/files.js").text().unwrap();
    let listed: Vec<&str> = files
        .lines()
        .filter_map(|l| l.trim().strip_prefix('\'')?.strip_suffix("',"))
        .collect();
    assert!(listed.len() > 20, "{files}");
    for f in &listed {
        let path = format!("/field/{}", f.trim_start_matches("./"));
        let r = get(&path);
        assert_eq!(r.status(), 200, "{path}");
        let want = match path.rsplit_once('.').map(|(_, e)| e) {
            Some("js") => "text/javascript; charset=utf-8",
            Some("css") => "text/css; charset=utf-8",
            Some("svg") => "image/svg+xml",
            Some("webmanifest") => "application/manifest+json",
            _ => "text/html; charset=utf-8",
        };
        assert_eq!(r.headers()["content-type"], want, "{path}");
    }
    let worker = get("/field/sw.js");
    assert_eq!(worker.status(), 200);
    assert_eq!(worker.headers()["service-worker-allowed"], "/field/");
    // The policy binds the page and the worker; the modules load under the page's, so
    // their answers do not repeat it (headers cost on a 2G link).
    assert_eq!(worker.headers()["content-security-policy"], csp.as_str());
    assert!(get("/field/js/app.js")
        .headers()
        .get("content-security-policy")
        .is_none());
    let manifest: serde_json::Value = get("/field/manifest.webmanifest").json().unwrap();
    assert_eq!(manifest["start_url"], "/field/");
    assert_eq!(manifest["display"], "standalone");

    // `/field` goes to `/field/`; an unknown file is a JSON 404.
    let bare = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/field", server.url))
        .send()
        .unwrap();
    assert_eq!(bare.status(), 301);
    assert_eq!(bare.headers()["location"], "/field/");
    for unknown in ["/field/nope.js", "/field/../server.json", "/field/js/"] {
        let r = get(unknown);
        assert_eq!(r.status(), 404, "{unknown}");
        let body: serde_json::Value = r.json().unwrap();
        assert_eq!(body["code"], "not_found", "{unknown}: {body}");
    }
}
