//! zona-serve: the web page (`zona serve`) over the one evaluation pipeline.
//!
//! ```text
//! browser ── POST /score (multipart, 1..n files) ──▶ temp dir ── zona_eval::evaluate_named ──▶ Evaluation
//!                                         (n ≥ 2: zona_eval::compare::run ──▶ Comparison)
//!                                                          │ zona_report (views, report / comparison bytes)
//!   result page (HTML, SVG radar) ◀── store (random id, expiry, bounded) ──▶ GET /report/{id}, /result/{id}
//! ```
//!
//! Several files in one upload (several years of one unit, oldest first) are each evaluated and
//! kept as their own result, then compared by [`zona_eval::compare::run`] in the order uploaded:
//! the page is drawn from [`zona_report::render::view::compare_view`], the workbook is
//! [`zona_report::compare_writer::comparison_workbook_bytes`] (the bytes `zona compare --out`
//! writes). At most [`ServeOptions::max_parallel`] uploads are evaluated at the same time.
//!
//! Handlers read no workbook, score nothing and choose no criteria themselves: an upload is
//! written to a per-request temporary directory, [`zona_eval::evaluate`] is called on it inside
//! `spawn_blocking` (a panic there is one 500 page), and the page is rendered from
//! [`zona_report::render::view::score_view`] and [`zona_core::priority::analyse`]. The xlsx report
//! is [`zona_report::report::report_bytes`] of the same evaluation: the bytes `zona score --out`
//! writes. The upload is deleted as soon as it is evaluated; the result (page and report bytes)
//! is kept in memory under a random id until it expires.
//!
//! Safety: an upload limit answered with a 413 page (the body is drained first, so the browser
//! sees the page rather than a reset connection), an access token required off loopback
//! ([`check_bind`]), security headers on every response, and no route that names a path.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use zona_serve::{App, ServeOptions};
//! let criteria = zona_eval::CriteriaSet::builtin();
//! let app = App::new(criteria, ServeOptions::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! zona_serve::serve(listener, app).await
//! # }
//! ```

mod auth;
mod html;
pub mod portalrb;
mod store;
mod upload;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use zona_core::Lang;
use zona_eval::{CriteriaSet, Pipeline};

pub use auth::{check_bind, generate_token, BindError};
use store::Store;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The access token every request must carry (`Authorization: Bearer`, or the cookie set by
    /// visiting `/?token=…`). `None`: no token (loopback only, see [`check_bind`]).
    pub token: Option<String>,
    /// The largest workbook accepted, in bytes.
    pub max_upload_bytes: usize,
    /// How long a result (page and report) is kept.
    pub result_ttl: Duration,
    /// How many results are kept at most (the oldest goes first). A comparison of several
    /// uploads keeps one result per file and one for the comparison.
    pub max_results: usize,
    /// How many uploads are evaluated at the same time; the others wait their turn. Four times
    /// as many bodies are read into memory at once at most (slow or stalled uploads wait for a
    /// turn to be read), which bounds the memory many simultaneous uploads take. Default: the
    /// number of CPUs.
    pub max_parallel: usize,
    /// How many files one upload may carry (a comparison of several years).
    pub max_files: usize,
    /// The longest wait for the next piece of an upload's body (a stalled upload is answered
    /// 408 and its memory freed). Default: 30 s.
    pub upload_idle: Duration,
}

/// The default upload limit: 20 MB.
pub const DEFAULT_MAX_UPLOAD_MB: usize = 20;

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            token: None,
            max_upload_bytes: DEFAULT_MAX_UPLOAD_MB * 1024 * 1024,
            result_ttl: Duration::from_secs(30 * 60),
            max_results: 200,
            max_parallel: std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
            max_files: 10,
            upload_idle: Duration::from_secs(30),
        }
    }
}

/// The server's state: the pipeline (built once), the options, the results kept.
pub struct App {
    pipeline: Pipeline<'static>,
    options: ServeOptions,
    store: Store,
    /// Permits to evaluate ([`ServeOptions::max_parallel`]).
    evaluations: tokio::sync::Semaphore,
    /// Permits to hold an upload's body in memory ([`UPLOADS_PER_EVALUATION`] per evaluation):
    /// many slow or stalled uploads wait for one instead of each buffering up to the limit.
    uploads: tokio::sync::Semaphore,
    portalrb: Option<portalrb::PortalRb>,
}

/// Uploads read at once per evaluation permit: with 2 evaluations and the 20 MB limit, at most
/// 8 bodies (160 MB) are in memory whatever the number of connections.
const UPLOADS_PER_EVALUATION: usize = 4;

fn upload_permits(options: &ServeOptions) -> tokio::sync::Semaphore {
    tokio::sync::Semaphore::new(options.max_parallel.max(1) * UPLOADS_PER_EVALUATION)
}

impl App {
    /// Builds the pipeline over `criteria` (kept for the life of the process).
    pub fn new(criteria: CriteriaSet, options: ServeOptions) -> Arc<App> {
        let criteria: &'static CriteriaSet = Box::leak(Box::new(criteria));
        Arc::new(App {
            pipeline: Pipeline::new(criteria),
            store: Store::new(options.result_ttl, options.max_results),
            evaluations: tokio::sync::Semaphore::new(options.max_parallel.max(1)),
            uploads: upload_permits(&options),
            options,
            portalrb: None,
        })
    }

    /// [`App::new`] that also serves the PortalRB endpoints from `folder`: every workbook in it
    /// evaluated now ([`portalrb::PortalRb::load`]; `log` is told of each one left out). The
    /// endpoints need an access token ([`portalrb::LoadError::NoToken`]).
    pub fn with_portalrb(
        criteria: CriteriaSet,
        options: ServeOptions,
        folder: &std::path::Path,
        lang: Lang,
        log: impl FnMut(&portalrb::LeftOut),
    ) -> Result<Arc<App>, portalrb::LoadError> {
        if options.token.is_none() {
            return Err(portalrb::LoadError::NoToken);
        }
        let criteria: &'static CriteriaSet = Box::leak(Box::new(criteria));
        let pipeline = Pipeline::new(criteria);
        let portal = portalrb::PortalRb::load(folder, &pipeline, lang, log)?;
        Ok(Arc::new(App {
            pipeline,
            store: Store::new(options.result_ttl, options.max_results),
            evaluations: tokio::sync::Semaphore::new(options.max_parallel.max(1)),
            uploads: upload_permits(&options),
            options,
            portalrb: Some(portal),
        }))
    }

    /// The PortalRB folder as evaluated at start, when the server has one.
    pub fn portalrb(&self) -> Option<&portalrb::PortalRb> {
        self.portalrb.as_ref()
    }

    pub fn options(&self) -> &ServeOptions {
        &self.options
    }

    /// How many results are kept in memory now (the expired ones are dropped first).
    pub fn results_kept(&self) -> usize {
        self.store.len()
    }
}

/// The router of the web page: every route, the token check and the security headers.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(index))
        .route(
            "/score",
            // The upload reads its own body, within the limit (see `upload::read_limited`).
            post(upload::score).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/report/{id}", get(report))
        .route("/result/{id}", get(result))
        .route("/template.xlsx", get(template))
        .route("/style.css", get(style))
        .route("/app.js", get(script))
        .route("/pengusulan/unit-wbk", get(portalrb::unit_wbk))
        .route("/pengusulan/unit-wbbm", get(portalrb::unit_wbbm))
        .route("/lke/jawaban-unit/{unit_id}", get(portalrb::jawaban_unit))
        .route("/status", get(portalrb::status))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(json_405_for_api))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::require_token,
        ))
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(app)
}

/// Serves the router on `listener` until the process ends (or Ctrl-C).
pub async fn serve(listener: tokio::net::TcpListener, app: Arc<App>) -> std::io::Result<()> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Starts a multi-threaded runtime, binds `bind` and serves until Ctrl-C. `ready` is called with
/// the address bound (the port chosen when `bind` has port 0) before the first request.
pub fn run(bind: SocketAddr, app: Arc<App>, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind).await?;
        ready(listener.local_addr()?);
        serve(listener, app).await
    })
}

/// `?lang=en` on any page; Bahasa Indonesia otherwise.
#[derive(Debug, Default, Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

impl LangQuery {
    fn lang(&self) -> Lang {
        parse_lang(self.lang.as_deref())
    }
}

fn parse_lang(s: Option<&str>) -> Lang {
    match s {
        Some("en") => Lang::En,
        _ => Lang::Id,
    }
}

fn lang_code(lang: Lang) -> &'static str {
    lang.pick("id", "en")
}

async fn index(State(app): State<Arc<App>>, Query(q): Query<LangQuery>) -> Response {
    html_response(
        StatusCode::OK,
        html::upload_page(q.lang(), app.options.max_upload_bytes),
    )
}

async fn report(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    match app.store.get(&id) {
        Some(kept) => {
            let disposition = format!("attachment; filename=\"{}\"", kept.report_name);
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static(XLSX_CONTENT_TYPE),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        HeaderValue::from_str(&disposition)
                            .unwrap_or(HeaderValue::from_static("attachment")),
                    ),
                ],
                kept.report.clone(),
            )
                .into_response()
        }
        None => not_found_page(q.lang()),
    }
}

/// The page of a result kept (a file's own result, or a comparison).
async fn result(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    match app.store.get(&id) {
        Some(kept) => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            kept.page,
        )
            .into_response(),
        None => not_found_page(q.lang()),
    }
}

const XLSX_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn template(State(app): State<Arc<App>>, Query(q): Query<LangQuery>) -> Response {
    let lang = q.lang();
    let criteria = app.pipeline.criteria_set().primary();
    let options = zona_report::template::TemplateOptions {
        lang,
        ..Default::default()
    };
    match tokio::task::spawn_blocking(move || {
        zona_report::template::template_bytes(criteria, None, &options)
    })
    .await
    {
        Ok(Ok(bytes)) => {
            let name = lang.pick("templat-lke.xlsx", "lke-template.xlsx");
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static(XLSX_CONTENT_TYPE),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                            .unwrap_or(HeaderValue::from_static("attachment")),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(Err(e)) => error_page(StatusCode::INTERNAL_SERVER_ERROR, lang, &e.to_string()),
        Err(_) => internal_error_page(lang),
    }
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        html::STYLE,
    )
        .into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        html::SCRIPT,
    )
        .into_response()
}

async fn not_found(uri: axum::http::Uri, Query(q): Query<LangQuery>) -> Response {
    if portalrb::api_path(uri.path()) {
        return portalrb::api_not_found();
    }
    not_found_page(q.lang())
}

/// A method a route does not take: a JSON error under the PortalRB paths, else the page's 405.
async fn json_405_for_api(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let api = portalrb::api_path(request.uri().path());
    let response = next.run(request).await;
    if api && response.status() == StatusCode::METHOD_NOT_ALLOWED {
        return portalrb::api_method_not_allowed();
    }
    response
}

pub(crate) fn not_found_page(lang: Lang) -> Response {
    html_response(
        StatusCode::NOT_FOUND,
        html::message_page(
            lang,
            lang.pick("Tidak ditemukan", "Not found"),
            lang.pick(
                "Halaman atau hasil ini tidak ada (hasil disimpan 30 menit).",
                "This page or result does not exist (results are kept for 30 minutes).",
            ),
        ),
    )
}

fn error_page(status: StatusCode, lang: Lang, message: &str) -> Response {
    html_response(
        status,
        html::message_page(
            lang,
            lang.pick("Berkas tidak dapat dinilai", "The file cannot be scored"),
            message,
        ),
    )
}

fn internal_error_page(lang: Lang) -> Response {
    html_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        html::message_page(
            lang,
            lang.pick("Kesalahan internal", "Internal error"),
            lang.pick(
                "Berkas ini membuat zona gagal; server tetap berjalan. Mohon laporkan berkasnya.",
                "This file made zona fail; the server keeps running. Please report the file.",
            ),
        ),
    )
}

pub(crate) fn html_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The standard security headers, on every response: no remote sources, no sniffing, no
/// framing, no referrer.
async fn security_headers(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
