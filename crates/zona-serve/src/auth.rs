//! The access token: required off loopback, checked on every request.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use zona_core::Lang;

use crate::{html, html_response, parse_lang, App};

/// The cookie that carries the token after a visit to `/?token=…`.
const COOKIE: &str = "zona_token";

/// Why the server refuses to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindError {
    /// A non-loopback address without an access token.
    NoToken(SocketAddr),
    /// A token too short to be a secret.
    WeakToken,
}

impl BindError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (BindError::NoToken(addr), Lang::Id) => format!(
                "{addr} bukan alamat loopback: siapa pun di jaringan dapat membuka server ini. \
                 Beri token akses (--token-file BERKAS, atau --generate-token untuk membuat dan \
                 menampilkannya), atau dengarkan di 127.0.0.1."
            ),
            (BindError::NoToken(addr), Lang::En) => format!(
                "{addr} is not a loopback address: anyone on the network could open this server. \
                 Give an access token (--token-file FILE, or --generate-token to make one and \
                 print it), or listen on 127.0.0.1."
            ),
            (BindError::WeakToken, Lang::Id) => {
                "token akses terlalu pendek: paling sedikit 16 karakter".to_string()
            }
            (BindError::WeakToken, Lang::En) => {
                "the access token is too short: at least 16 characters".to_string()
            }
        }
    }
}

/// Whether the server may listen on `bind` with this token: a non-loopback address needs one,
/// and a token must be at least 16 characters of printable ASCII.
pub fn check_bind(bind: &SocketAddr, token: Option<&str>) -> Result<(), BindError> {
    if let Some(t) = token {
        if t.len() < 16 || !t.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(BindError::WeakToken);
        }
    } else if !bind.ip().is_loopback() {
        return Err(BindError::NoToken(*bind));
    }
    Ok(())
}

/// A fresh random token (32 hex characters, 128 bits).
pub fn generate_token() -> String {
    random_hex()
}

/// 128 random bits as 32 lowercase hex characters.
pub(crate) fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    // The OS's generator; without it no id or token can be made safely.
    getrandom::fill(&mut bytes).expect("the operating system's random number generator");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal in time independent of where the strings first differ.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The token a request carries: `Authorization: Bearer …` or the cookie.
fn carried(request: &Request) -> Option<&str> {
    let headers = request.headers();
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            // The scheme is case-insensitive (RFC 7235): `bearer …` is `Bearer …`.
            let (scheme, token) = v.trim_start().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then_some(token)
        })
    {
        return Some(bearer.trim());
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix("zona_token="))
}

fn query_param<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .uri()
        .query()?
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// Whether the request's `Host` names this machine's loopback (`localhost`, `127.x.y.z`,
/// `[::1]`, any port); a request without one (HTTP/1.0) is let through.
fn loopback_host(request: &Request) -> bool {
    let Some(host) = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
    else {
        return !request.headers().contains_key(header::HOST);
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A request a browser sent from another site: `Sec-Fetch-Site: cross-site` (every current
/// browser sends it); from a browser that does not, an `Origin` whose host is not the request's.
/// `Origin: null` says nothing: the page's own `Referrer-Policy: no-referrer` makes a browser
/// send it with the page's own forms.
fn cross_site(request: &Request) -> bool {
    let h = request.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site.eq_ignore_ascii_case("cross-site");
    }
    let (Some(origin), Some(host)) = (
        h.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        h.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) else {
        return false;
    };
    if origin == "null" {
        return false;
    }
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    !origin_host.eq_ignore_ascii_case(host)
}

fn refused(status: StatusCode, lang: Lang, message: &str) -> Response {
    html_response(
        status,
        html::message_page(lang, lang.pick("Ditolak", "Refused"), message),
    )
}

/// Lets a request through when the server has no token or the request carries it; `/?token=…`
/// with the right token sets the cookie and sends the browser to `/` (so the token leaves the
/// address bar); anything else is a 401 page.
pub(crate) async fn require_token(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(token) = app.options.token.as_deref() else {
        // Without a token the server listens on loopback only; a page elsewhere must not reach
        // it: not through a name of its own that resolves to 127.0.0.1 (DNS rebinding: the Host
        // is that name), nor by posting a form from another site.
        let lang = parse_lang(query_param(&request, "lang"));
        if !loopback_host(&request) {
            return refused(
                StatusCode::MISDIRECTED_REQUEST,
                lang,
                lang.pick(
                    "Server ini hanya melayani alamat lokal (localhost, 127.0.0.1, [::1]).",
                    "This server answers local addresses only (localhost, 127.0.0.1, [::1]).",
                ),
            );
        }
        if request.method() != axum::http::Method::GET && cross_site(&request) {
            return refused(
                StatusCode::FORBIDDEN,
                lang,
                lang.pick(
                    "Formulir dari situs lain ditolak; unggah dari halaman zona sendiri.",
                    "A form from another site is refused; upload from zona's own page.",
                ),
            );
        }
        return next.run(request).await;
    };
    if carried(&request).is_some_and(|t| same(t, token)) {
        return next.run(request).await;
    }
    let path = request.uri().path();
    if path.starts_with("/pengusulan/") || path.starts_with("/lke/") {
        // The PortalRB endpoints answer machines: a JSON 401.
        let mut response = crate::portalrb::unauthorized();
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
    }
    let lang = parse_lang(query_param(&request, "lang"));
    if request.uri().path() == "/" {
        if let Some(given) = query_param(&request, "token") {
            if same(given, token) {
                let cookie = format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
                let location = format!("/?lang={}", crate::lang_code(lang));
                let mut response = (
                    StatusCode::SEE_OTHER,
                    [(header::LOCATION, location.as_str())],
                )
                    .into_response();
                if let Ok(v) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().insert(header::SET_COOKIE, v);
                }
                return response;
            }
        }
    }
    let mut response = html_response(
        StatusCode::UNAUTHORIZED,
        html::message_page(
            lang,
            lang.pick("Perlu token akses", "Access token required"),
            lang.pick(
                "Server ini dilindungi token. Buka alamat yang ditampilkan saat server dimulai \
                 (…/?token=…), atau kirim header Authorization: Bearer.",
                "This server is protected by a token. Open the address printed when the server \
                 started (…/?token=…), or send an Authorization: Bearer header.",
            ),
        ),
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}
