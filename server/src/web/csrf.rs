//! Cross-site request forgery: two checks on every POST of the pages.
//!
//! 1. **A token in the form.** Each form carries a hidden `csrf` field: HMAC-SHA256 of a
//!    fixed label keyed by the session's own token (for the login form, by a random
//!    pre-login cookie). The server keeps no extra state: it recomputes the value from the
//!    cookie the request carries and compares in constant time. A page from another site
//!    cannot read the cookie (HttpOnly) nor our pages (same-origin policy), so it cannot
//!    know the value; and the value reveals nothing about the session token (HMAC is
//!    one-way), so a token leaked from a page's source does not open the session.
//! 2. **The origin.** A browser says where a POST comes from (`Origin`, and
//!    `Sec-Fetch-Site`); a request that says it comes from another site is refused before
//!    its form is read, whatever it carries. A request that says nothing (not a browser)
//!    still needs the token.
//!
//! SameSite=Strict session cookies (see [`super::session`]) are a third, browser-side layer.

use ring::hmac;

const LABEL: &[u8] = b"placer page form v1";

/// The form token for a session (or pre-login) token.
pub fn token(secret: &str) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    hex::encode(hmac::sign(&key, LABEL).as_ref())
}

/// Whether `given` is the form token for `secret` (compared in constant time).
pub fn verify(secret: &str, given: &str) -> bool {
    let Ok(tag) = hex::decode(given.trim()) else {
        return false;
    };
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    !secret.is_empty() && hmac::verify(&key, LABEL, &tag).is_ok()
}

/// Whether a POST may come from where the browser says it comes from: `origin` (the
/// `Origin` header), `fetch_site` (`Sec-Fetch-Site`), and `host` (the host and port this
/// request was sent to, as a proxy forwarded it). The scheme is not compared: behind a TLS
/// proxy the server itself sees plain HTTP.
pub fn same_origin(origin: Option<&str>, fetch_site: Option<&str>, host: &str) -> bool {
    if matches!(fetch_site, Some("cross-site" | "same-site")) {
        return false;
    }
    match origin {
        None => true,
        // Sent by sandboxed frames and privacy-preserving redirects: not us.
        Some("null") => false,
        Some(o) => o
            .split_once("://")
            .is_some_and(|(_, rest)| rest.trim_end_matches('/').eq_ignore_ascii_case(host)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_the_session_and_verify_only_themselves() {
        let a = token("session-a");
        assert_eq!(
            a,
            token("session-a"),
            "no state: the same session, the same token"
        );
        assert_eq!(a.len(), 64);
        assert_ne!(a, token("session-b"));
        assert!(verify("session-a", &a));
        assert!(!verify("session-b", &a));
        assert!(!verify("session-a", &token("session-b")));
        assert!(!verify("session-a", ""));
        assert!(!verify("session-a", "not hex"));
        assert!(!verify("session-a", &a[..62]));
        assert!(!verify("", &token("")), "no session, no valid token");
        assert!(
            !a.contains("session"),
            "the token does not reveal the session"
        );
    }

    #[test]
    fn only_requests_from_this_site_may_post() {
        let host = "127.0.0.1:8080";
        assert!(same_origin(Some("http://127.0.0.1:8080"), None, host));
        assert!(same_origin(
            Some("https://127.0.0.1:8080"),
            Some("same-origin"),
            host
        ));
        assert!(
            same_origin(None, None, host),
            "not a browser: the token decides"
        );
        assert!(same_origin(None, Some("none"), host));
        assert!(!same_origin(Some("http://evil.example"), None, host));
        assert!(!same_origin(Some("http://127.0.0.1:8081"), None, host));
        assert!(!same_origin(
            Some("http://127.0.0.1:8080.evil.example"),
            None,
            host
        ));
        assert!(!same_origin(Some("null"), None, host));
        assert!(!same_origin(Some("garbage"), None, host));
        assert!(!same_origin(None, Some("cross-site"), host));
        assert!(!same_origin(
            Some("http://127.0.0.1:8080"),
            Some("same-site"),
            host
        ));
    }
}
