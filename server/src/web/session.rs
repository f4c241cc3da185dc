//! Browser sessions: the login token of [`crate::core::Core::login`] kept in a cookie.
//!
//! - The cookie `placer_session` holds the same random token the JSON API hands out, so
//!   the server keeps it the same way (hashed, with the officer's role, regions and
//!   expiry) and one check serves both ([`crate::core::Core::officer`]). It is `HttpOnly`
//!   (no script reads it), `SameSite=Strict` (no other site's page sends it), `Path=/`, and
//!   its `Max-Age` is what is left of the session; the session's own expiry is what counts:
//!   an expired session is refused even if a browser still sends the cookie.
//! - `Secure` is set when the request came over TLS: the connection's scheme is https, or
//!   a proxy in front says so with `X-Forwarded-Proto: https` (or `Forwarded: proto=https`).
//!   The header is believed without a list of trusted proxies because it can only make the
//!   cookie stricter: a forged `https` makes a browser withhold the cookie on plain HTTP,
//!   which harms no one but the forger. A TLS proxy must send the header (README,
//!   "Deploying"), or the cookie goes out without `Secure`.
//! - The login form, before any session exists, gets a random `placer_login` cookie (Path
//!   `/login`, one hour) to key its form token ([`super::csrf`]).
//! - Logging out ends the session on the server ([`crate::core::Core::logout`]) and clears
//!   the cookie.

use actix_web::HttpRequest;

pub const SESSION_COOKIE: &str = "placer_session";
pub const LOGIN_COOKIE: &str = "placer_login";
/// How long a login form stays usable.
pub const LOGIN_FORM_SECONDS: u64 = 3600;

/// A `Set-Cookie` value. `value` must be a cookie-safe token (ours are hex).
pub fn set_cookie(name: &str, value: &str, path: &str, max_age: u64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}")
}

/// A `Set-Cookie` value that removes the cookie.
pub fn clear_cookie(name: &str, path: &str, secure: bool) -> String {
    set_cookie(name, "", path, 0, secure)
}

/// The value of cookie `name` in `Cookie` header values.
pub fn find_cookie<'a>(headers: impl IntoIterator<Item = &'a str>, name: &str) -> Option<&'a str> {
    headers
        .into_iter()
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"'))
        .filter(|v| !v.is_empty())
}

/// The request's cookie `name`.
pub fn cookie(req: &HttpRequest, name: &str) -> Option<String> {
    find_cookie(
        req.headers()
            .get_all(actix_web::http::header::COOKIE)
            .filter_map(|v| v.to_str().ok()),
        name,
    )
    .map(str::to_string)
}

/// Whether the request came over TLS, here or at a proxy (see the module documentation).
pub fn over_tls(req: &HttpRequest) -> bool {
    req.connection_info().scheme().eq_ignore_ascii_case("https")
}

/// A new random value for the pre-login cookie.
pub fn random_value() -> Option<String> {
    let mut b = [0u8; 32];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut b).ok()?;
    Some(hex::encode(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_strict_and_secure_over_tls() {
        assert_eq!(
            set_cookie("placer_session", "ab12", "/", 3600, false),
            "placer_session=ab12; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict"
        );
        assert!(set_cookie("a", "b", "/", 1, true).ends_with("; Secure"));
        assert_eq!(
            clear_cookie("placer_session", "/", false),
            "placer_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        );
    }

    #[test]
    fn the_cookie_header_is_read_by_name() {
        let h = ["theme=dark; placer_session=ab12", "placer_login=\"cd34\""];
        assert_eq!(find_cookie(h, "placer_session"), Some("ab12"));
        assert_eq!(find_cookie(h, "placer_login"), Some("cd34"));
        assert_eq!(find_cookie(h, "placer"), None);
        assert_eq!(find_cookie(["placer_session="], "placer_session"), None);
        assert_eq!(find_cookie([], "placer_session"), None);
    }

    #[test]
    fn the_scheme_comes_from_the_connection_or_the_proxy() {
        use actix_web::test::TestRequest;
        assert!(!over_tls(&TestRequest::default().to_http_request()));
        let proxied = TestRequest::default()
            .insert_header(("x-forwarded-proto", "https"))
            .to_http_request();
        assert!(over_tls(&proxied));
        let forwarded = TestRequest::default()
            .insert_header(("forwarded", "for=1.2.3.4;proto=https"))
            .to_http_request();
        assert!(over_tls(&forwarded));
    }
}
