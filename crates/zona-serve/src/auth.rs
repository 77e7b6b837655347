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

/// Lets a request through when the server has no token or the request carries it; `/?token=…`
/// with the right token sets the cookie and sends the browser to `/` (so the token leaves the
/// address bar); anything else is a 401 page.
pub(crate) async fn require_token(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(token) = app.options.token.as_deref() else {
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
