//! The login page, logging in (a session cookie) and out (the session ended on the server).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::html;
use serde::Deserialize;
use sync_protocol::api::ErrorCode;
use sync_protocol::clock::wall_ms;

use crate::i18n::{self, Lang};
use crate::web::session::{self, LOGIN_COOKIE, LOGIN_FORM_SECONDS, SESSION_COOKIE};
use crate::web::{blocking, check_origin, csrf, layout, parse_form, Posted, WebError};

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    user: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

/// Where to go after logging in: a path on this server, never another site (`//host`),
/// never back to the login page. Only visible ASCII without a backslash: browsers drop
/// tabs and line breaks from a URL (`/\t/evil.example` is `//evil.example` to them) and
/// read `\` as `/`, and a line break in a header is refused by the server.
pub fn safe_next(next: &str) -> &str {
    let plain = next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    let local = plain && next.starts_with('/') && !next.starts_with("//");
    if local && !next.starts_with("/login") {
        next
    } else {
        "/"
    }
}

/// The login page, with `message` above the form; keeps (or sets) the pre-login cookie
/// that keys the form's token.
fn login_page(
    req: &HttpRequest,
    status: StatusCode,
    next: &str,
    user: &str,
    message: Option<&str>,
) -> Result<HttpResponse, WebError> {
    let pre = match session::cookie(req, LOGIN_COOKIE) {
        Some(v) => v,
        None => session::random_value()
            .ok_or_else(|| WebError::Internal("no randomness for the login form".into()))?,
    };
    let lang = crate::web::lang_of(req);
    let t = |id: &str| i18n::text(lang, id, &[]);
    let body = html! {
        @if let Some(m) = message { p.error #login-error data-error=(status.as_u16()) { (m) } }
        form #login name="login" method="post" action="/login" {
            input type="hidden" name="csrf" value=(csrf::token(&pre));
            input type="hidden" name="next" value=(safe_next(next));
            label { (t("login-user")) input type="text" name="user" value=(user) autocomplete="username" required autofocus; }
            label { (t("login-password")) input type="password" name="password" autocomplete="current-password" required; }
            p { button type="submit" { (t("login-submit")) } }
        }
    };
    let here = format!("/login?next={}", safe_next(next));
    let mut res = layout::respond(status, layout::bare(lang, &here, &t("login-title"), body));
    let cookie = session::set_cookie(
        LOGIN_COOKIE,
        &pre,
        "/login",
        LOGIN_FORM_SECONDS,
        session::over_tls(req),
    );
    res.headers_mut().append(
        actix_web::http::header::SET_COOKIE,
        cookie
            .parse()
            .map_err(|_| WebError::Internal("a bad cookie".into()))?,
    );
    Ok(res)
}

/// `GET /login?next=…`
pub async fn form(req: HttpRequest) -> Result<HttpResponse, WebError> {
    let q: NextQuery = serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    login_page(
        &req,
        StatusCode::OK,
        q.next.as_deref().unwrap_or("/"),
        "",
        None,
    )
}

/// `POST /login`: checks the form's origin and token, then the password; sets the session
/// cookie and goes on to `next`.
pub async fn submit(req: HttpRequest, body: web::Bytes) -> Result<HttpResponse, WebError> {
    check_origin(&req)?;
    let f: LoginForm = parse_form(&body)?;
    let pre = session::cookie(&req, LOGIN_COOKIE).unwrap_or_default();
    if !csrf::verify(&pre, &f.csrf) {
        return login_page(
            &req,
            StatusCode::FORBIDDEN,
            &f.next,
            &f.user,
            Some(&i18n::t("login-expired")),
        );
    }
    let core = crate::web::core(&req)?;
    let (user, password) = (f.user.clone(), f.password);
    let from = req.peer_addr().map(|a| a.ip());
    let login = match blocking(move || Ok(core.login(&user, &password, from))).await? {
        Ok(l) => l,
        Err(e) if e.code == ErrorCode::Unauthorized => {
            return login_page(
                &req,
                StatusCode::UNAUTHORIZED,
                &f.next,
                &f.user,
                Some(&i18n::t("login-wrong")),
            )
        }
        Err(e) if e.code == ErrorCode::TooManyRequests => {
            let wait = e.retry_after_s.unwrap_or(1);
            let mut page = login_page(
                &req,
                StatusCode::TOO_MANY_REQUESTS,
                &f.next,
                &f.user,
                Some(&i18n::ta("login-too-many", &[("seconds", wait.into())])),
            )?;
            page.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from(wait),
            );
            return Ok(page);
        }
        Err(e) => return Err(e.into()),
    };
    let secure = session::over_tls(&req);
    // The language the account chose reads from now on in this browser too.
    let core = crate::web::core(&req)?;
    let name = login.user.clone();
    let chosen = blocking(move || core.account_language(&name)).await?;
    // Rounded up: a cookie of `Max-Age=0` would be dropped at once.
    let seconds = login
        .expires
        .unix_ms()
        .saturating_sub(wall_ms())
        .div_ceil(1000);
    let mut answer = HttpResponse::SeeOther();
    if let Some(lang) = chosen {
        answer.append_header(("set-cookie", lang_cookie(&req, lang)));
    }
    Ok(answer
        .insert_header(("location", safe_next(&f.next)))
        .insert_header(("cache-control", "no-store"))
        .append_header((
            "set-cookie",
            session::set_cookie(SESSION_COOKIE, &login.token, "/", seconds, secure),
        ))
        .append_header((
            "set-cookie",
            session::clear_cookie(LOGIN_COOKIE, "/login", secure),
        ))
        .finish())
}

#[derive(Debug, Deserialize)]
pub struct NoFields {}

/// `POST /logout`: ends the session on the server and clears the cookie.
pub async fn logout(req: HttpRequest, posted: Posted<NoFields>) -> Result<HttpResponse, WebError> {
    let core = crate::web::core(&req)?;
    let token = posted.signed.session_token().to_string();
    blocking(move || core.logout(&token)).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("location", "/login"))
        .insert_header(("cache-control", "no-store"))
        .append_header((
            "set-cookie",
            session::clear_cookie(SESSION_COOKIE, "/", session::over_tls(&req)),
        ))
        .finish())
}

/// The language cookie for `lang`.
fn lang_cookie(req: &HttpRequest, lang: Lang) -> String {
    session::set_cookie(
        crate::web::LANG_COOKIE,
        lang.code(),
        "/",
        LANG_SECONDS,
        session::over_tls(req),
    )
}

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

/// `POST /language` (lang, next, csrf): a signed-in officer's choice, kept with their
/// account (it follows them to the next browser they log in from) and in this browser's
/// cookie, then back to `next`.
pub async fn choose(
    req: HttpRequest,
    posted: Posted<LanguageForm>,
) -> Result<HttpResponse, WebError> {
    let code = posted.form.lang.trim().to_string();
    let lang = Lang::from_tag(&code)
        .filter(|l| l.code() == code)
        .ok_or_else(|| {
            WebError::BadRequest(format!("{code:?}: the dashboard reads in en, fr or pt"))
        })?;
    let core = crate::web::core(&req)?;
    let officer = posted.signed.officer.clone();
    blocking(move || core.choose_language(&officer, lang)).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("location", safe_next(&posted.form.next)))
        .insert_header((actix_web::http::header::SET_COOKIE, lang_cookie(&req, lang)))
        .finish())
}

/// How long a browser keeps its choice of language: a year.
const LANG_SECONDS: u64 = 365 * 24 * 3600;

/// `GET /language/{code}?next=PATH`: reads the dashboard in that language from now on (a
/// cookie of this browser), back to `PATH` (a path on this server only). No sign-in
/// needed: the login page offers it too.
pub async fn language(
    req: HttpRequest,
    q: web::Query<NextQuery>,
) -> Result<HttpResponse, WebError> {
    let code = req.match_info().get("code").unwrap_or_default();
    let lang = Lang::from_tag(code)
        .filter(|l| l.code() == code)
        .ok_or_else(|| {
            WebError::BadRequest(format!("{code:?}: the dashboard reads in en, fr or pt"))
        })?;
    let next = safe_next(q.next.as_deref().unwrap_or("/"));
    Ok(HttpResponse::SeeOther()
        .insert_header(("location", next))
        .insert_header((actix_web::http::header::SET_COOKIE, lang_cookie(&req, lang)))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_login_only_local_pages() {
        for (next, want) in [
            ("/flags?state=open", "/flags?state=open"),
            ("/", "/"),
            ("", "/"),
            ("//evil.example/x", "/"),
            ("/\\evil.example", "/"),
            ("https://evil.example/", "/"),
            ("/login?next=/x", "/"),
            ("/\t/evil.example", "/"),
            ("/\n/evil.example", "/"),
            ("/flags\r\nSet-Cookie: x=1", "/"),
            ("/ /evil.example", "/"),
            ("/a\\b", "/"),
            ("/régions", "/"),
            ("/regions/01a2?x=1&y=%2F", "/regions/01a2?x=1&y=%2F"),
        ] {
            assert_eq!(safe_next(next), want, "{next}");
        }
    }
}
