//! The PortalRB integration endpoints (`zona serve --portalrb <folder>`): the agency's unit
//! workbooks, evaluated once at start, served as the documents PortalRB pulls.
//!
//! - `GET /pengusulan/unit-wbk`, `GET /pengusulan/unit-wbbm`: `{tahun, units: [{id, nama,
//!   kategori, afirmasi}]}`.
//! - `GET /lke/jawaban-unit/{unit_id}`: [`zona_report::portalrb_json::JawabanUnit`].
//! - `GET /status`: the operator's page: every workbook served, every one left out and why.
//!
//! Every workbook of the folder (any input zona reads, sub-folders included) goes through
//! [`zona_eval::batch::discover`] and [`zona_eval::evaluate`] at start; the documents are built
//! then and kept. A workbook that fails to read, or in which some item of the criteria was not
//! found, or whose id another workbook also has, is not served at all (never half-read): it is on
//! the status page and in [`PortalRb::left_out`].
//!
//! Unit ids: `units.toml` in the folder (`[units."<file>"] id = "…", afirmasi = true`), else
//! [`zona_report::portalrb_json::unit_id_from_file_name`]. Listing rule (docs/serve.md): a unit is
//! proposed for WBK when the verdict layer (TPI when the workbook has one, else the unit's own)
//! meets the criteria's first predicate (Menuju WBK) and the unit does not state it already holds
//! it; for WBBM when it states it holds Menuju WBK and the verdict layer meets a predicate that
//! requires it (Menuju WBBM). Only units of the listing's year (units.toml `tahun`, else the latest
//! year a workbook states) or of no stated year are listed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use zona_core::{Evaluation, Lang, Layer};
use zona_eval::{EvalOptions, Pipeline};
use zona_report::portalrb_json;

use crate::html::esc;
use crate::App;

/// The mapping file in the folder.
pub const UNITS_FILE: &str = "units.toml";

/// `units.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    /// The evaluation year the lists are for.
    tahun: Option<i32>,
    /// By file name (relative to the folder, `/` between folders).
    #[serde(default)]
    units: BTreeMap<String, UnitEntry>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitEntry {
    id: Option<String>,
    #[serde(default)]
    afirmasi: bool,
}

/// Why the PortalRB folder cannot be served.
#[derive(Debug)]
pub enum LoadError {
    /// The folder does not exist or is not a folder.
    Folder(PathBuf, String),
    /// `units.toml` cannot be read or is invalid.
    Units(PathBuf, String),
    /// The PortalRB endpoints need an access token.
    NoToken,
}

impl LoadError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LoadError::Folder(p, e) => format!(
                "{}: {}: {e}",
                p.display(),
                lang.pick(
                    "folder PortalRB tidak dapat dibaca",
                    "cannot read the PortalRB folder"
                )
            ),
            LoadError::Units(p, e) => format!("{}: {e}", p.display()),
            LoadError::NoToken => lang
                .pick(
                    "titik akhir PortalRB memerlukan token akses (--token-file BERKAS)",
                    "the PortalRB endpoints need an access token (--token-file FILE)",
                )
                .to_string(),
        }
    }
}

/// One unit served.
#[derive(Debug, Clone)]
pub struct ServedUnit {
    pub id: String,
    /// The workbook, relative to the folder.
    pub file: String,
    pub nama: Option<String>,
    pub tahun: Option<i32>,
    pub afirmasi: bool,
    /// Where the id came from: `units.toml` or `file name`.
    pub id_origin: &'static str,
    /// The layer whose verdicts decide the lists.
    pub verdict_layer: Layer,
    pub total: f64,
    pub proposed_wbk: bool,
    pub proposed_wbbm: bool,
    /// The `jawaban-unit` document.
    document: Vec<u8>,
}

/// A workbook not served, and why.
#[derive(Debug, Clone)]
pub struct LeftOut {
    pub file: String,
    pub reason: String,
}

/// The folder, evaluated.
#[derive(Debug, Default)]
pub struct PortalRb {
    pub folder: PathBuf,
    /// The year the lists are for.
    pub tahun: Option<i32>,
    pub units: Vec<ServedUnit>,
    pub left_out: Vec<LeftOut>,
    /// Notes about units.toml (an entry naming no workbook).
    pub notes: Vec<String>,
    by_id: HashMap<String, usize>,
}

/// Whether `id` may be a unit id: 1–64 of `A-Z a-z 0-9 . _ -`, not only dots.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        && !id.bytes().all(|b| b == b'.')
}

fn read_units(folder: &Path) -> Result<UnitsFile, LoadError> {
    let path = folder.join(UNITS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(UnitsFile::default()),
        Err(e) => return Err(LoadError::Units(path, e.to_string())),
    };
    let units: UnitsFile =
        toml::from_str(&text).map_err(|e| LoadError::Units(path.clone(), e.to_string()))?;
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (file, entry) in &units.units {
        if let Some(id) = &entry.id {
            if !valid_id(id) {
                return Err(LoadError::Units(
                    path,
                    format!("{file}: id {id:?}: 1–64 of A-Z a-z 0-9 . _ -"),
                ));
            }
            if let Some(other) = seen.insert(id, file) {
                return Err(LoadError::Units(
                    path,
                    format!("id {id:?}: {other}, {file}"),
                ));
            }
        }
    }
    Ok(units)
}

/// The file's name relative to the folder, `/` between folders.
fn relative(folder: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(folder).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The lists a unit is proposed for (see the module documentation): (WBK, WBBM), and the layer
/// whose verdicts decided.
fn proposals(ev: &Evaluation) -> (bool, bool, Layer) {
    let shown = ev.layer(Layer::Tpi).unwrap_or_else(|| ev.unit());
    let criteria = ev.criteria;
    let Some(first) = criteria.first_prior_predicate() else {
        return (false, false, shown.layer);
    };
    let first_key = &criteria.predicates[first].key;
    let holds_first = ev.options.prior.get(first_key) == Some(&true);
    let met = |key: &str| {
        shown
            .result
            .predicates
            .iter()
            .any(|p| p.key == key && p.met())
    };
    let wbk = !holds_first && met(first_key);
    let wbbm = holds_first
        && criteria
            .predicates
            .iter()
            .filter(|p| p.priors().next().is_some())
            .any(|p| met(&p.key));
    (wbk, wbbm, shown.layer)
}

impl PortalRb {
    /// Evaluates every workbook of `folder` (see the module documentation). `log` is told of
    /// every workbook left out (the binary prints it on stderr).
    pub fn load(
        folder: &Path,
        pipeline: &Pipeline,
        lang: Lang,
        mut log: impl FnMut(&LeftOut),
    ) -> Result<PortalRb, LoadError> {
        match std::fs::metadata(folder) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(LoadError::Folder(
                    folder.to_path_buf(),
                    lang.pick("bukan folder", "not a folder").to_string(),
                ))
            }
            Err(e) => return Err(LoadError::Folder(folder.to_path_buf(), e.to_string())),
        }
        let units_file = read_units(folder)?;
        let found = zona_eval::batch::discover(&[folder.to_path_buf()], None, lang)
            .map_err(|e| LoadError::Folder(folder.to_path_buf(), e.message(lang)))?;
        let mut out = PortalRb {
            folder: folder.to_path_buf(),
            ..Default::default()
        };
        for e in found.errors {
            out.left_out.push(LeftOut {
                file: relative(folder, Path::new(&e.file)),
                reason: e.message,
            });
        }
        let options = EvalOptions::default();
        let mut used_entries = Vec::new();
        for path in &found.files {
            let file = relative(folder, path);
            let ev = match zona_eval::evaluate(path, pipeline, &options) {
                Ok(ev) => ev,
                Err(e) => {
                    out.left_out.push(LeftOut {
                        file,
                        reason: e.message(lang),
                    });
                    continue;
                }
            };
            let missing = ev
                .unit()
                .answers
                .items
                .iter()
                .filter(|a| a.is_none())
                .count();
            if missing > 0 {
                out.left_out.push(LeftOut {
                    file,
                    reason: format!(
                        "{missing} {}",
                        lang.pick(
                            "butir kriteria tidak ditemukan di berkas ini (tidak disajikan setengah terbaca)",
                            "items of the criteria not found in this file (not served half-read)"
                        )
                    ),
                });
                continue;
            }
            let entry = units_file.units.get(&file);
            if entry.is_some() {
                used_entries.push(file.clone());
            }
            let (id, id_origin) = match entry.and_then(|e| e.id.clone()) {
                Some(id) => (id, "units.toml"),
                None => (
                    portalrb_json::unit_id_from_file_name(
                        path.file_name()
                            .map(|n| n.to_string_lossy())
                            .as_deref()
                            .unwrap_or(""),
                    ),
                    "nama berkas",
                ),
            };
            let doc = match portalrb_json::jawaban_unit(&ev, &id) {
                Ok(doc) => doc,
                Err(e) => {
                    out.left_out.push(LeftOut {
                        file,
                        reason: e.message(lang),
                    });
                    continue;
                }
            };
            let (proposed_wbk, proposed_wbbm, verdict_layer) = proposals(&ev);
            let total = ev
                .layer(verdict_layer)
                .map_or(ev.unit().result.total, |l| l.result.total);
            out.units.push(ServedUnit {
                id,
                file,
                nama: doc.nama_unit.clone(),
                tahun: doc.tahun,
                afirmasi: entry.is_some_and(|e| e.afirmasi),
                id_origin,
                verdict_layer,
                total,
                proposed_wbk,
                proposed_wbbm,
                document: portalrb_json::to_bytes(&doc),
            });
        }
        // An id two workbooks share is served for neither.
        let mut count: HashMap<String, usize> = HashMap::new();
        for u in &out.units {
            *count.entry(u.id.clone()).or_default() += 1;
        }
        let (kept, clashing): (Vec<ServedUnit>, Vec<ServedUnit>) =
            out.units.drain(..).partition(|u| count[&u.id] == 1);
        for u in clashing {
            out.left_out.push(LeftOut {
                reason: format!(
                    "{} {}: {}",
                    lang.pick("id", "id"),
                    u.id,
                    lang.pick(
                        "dimiliki juga oleh berkas lain; beri id di units.toml",
                        "another file has it too; give ids in units.toml"
                    )
                ),
                file: u.file,
            });
        }
        out.units = kept;
        for name in units_file.units.keys() {
            if !used_entries.contains(name) && !out.left_out.iter().any(|l| &l.file == name) {
                out.notes.push(format!(
                    "{UNITS_FILE}: {name}: {}",
                    lang.pick(
                        "tidak ada berkas ini di folder",
                        "no such workbook in the folder"
                    )
                ));
            }
        }
        out.tahun = units_file
            .tahun
            .or_else(|| out.units.iter().filter_map(|u| u.tahun).max());
        out.by_id = out
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        for l in &out.left_out {
            log(l);
        }
        Ok(out)
    }

    pub fn unit(&self, id: &str) -> Option<&ServedUnit> {
        self.by_id.get(id).map(|&i| &self.units[i])
    }

    /// The `jawaban-unit` document of a unit, as served.
    pub fn document(&self, id: &str) -> Option<&[u8]> {
        self.unit(id).map(|u| u.document.as_slice())
    }

    /// Whether a unit's year is the listing's (or either is not stated): only those are listed.
    fn of_listing_year(&self, u: &ServedUnit) -> bool {
        u.tahun.is_none() || self.tahun.is_none() || u.tahun == self.tahun
    }

    /// The units of one list: `wbbm` false for unit-wbk, true for unit-wbbm.
    pub fn list(&self, wbbm: bool) -> UnitList {
        let units = self
            .units
            .iter()
            .filter(|u| {
                if wbbm {
                    u.proposed_wbbm
                } else {
                    u.proposed_wbk
                }
            })
            .filter(|u| self.of_listing_year(u))
            .map(|u| ListedUnit {
                id: u.id.clone(),
                nama: u.nama.clone(),
                kategori: match (wbbm, u.afirmasi) {
                    (true, _) => "WBBM",
                    (false, true) => "WBK-AFIRMASI",
                    (false, false) => "WBK",
                },
                afirmasi: u.afirmasi,
            })
            .collect();
        UnitList {
            tahun: self.tahun,
            units,
        }
    }
}

/// `GET /pengusulan/unit-wbk` and `unit-wbbm`.
#[derive(Debug, Serialize)]
pub struct UnitList {
    pub tahun: Option<i32>,
    pub units: Vec<ListedUnit>,
}

#[derive(Debug, Serialize)]
pub struct ListedUnit {
    pub id: String,
    pub nama: Option<String>,
    pub kategori: &'static str,
    pub afirmasi: bool,
}

fn json(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::to_vec(&serde_json::json!({ "error": message }))
        .unwrap_or_else(|_| b"{}".to_vec());
    json(status, body)
}

/// A path under the PortalRB routes that names no endpoint (`/lke/jawaban-unit/`, a trailing
/// segment) or a method they do not take: a JSON error, as a PortalRB client expects.
pub(crate) fn api_path(path: &str) -> bool {
    path.starts_with("/lke/") || path == "/lke" || path.starts_with("/pengusulan")
}

pub(crate) fn api_not_found() -> Response {
    json_error(StatusCode::NOT_FOUND, "not found")
}

pub(crate) fn api_method_not_allowed() -> Response {
    let mut r = json_error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    r.headers_mut().insert(
        axum::http::header::ALLOW,
        axum::http::HeaderValue::from_static("GET"),
    );
    r
}

pub(crate) fn unauthorized() -> Response {
    json_error(StatusCode::UNAUTHORIZED, "unauthorized")
}

fn portal(app: &App) -> Option<&PortalRb> {
    app.portalrb.as_ref()
}

fn list_response(app: &App, wbbm: bool) -> Response {
    match portal(app) {
        Some(p) => {
            let body = serde_json::to_vec_pretty(&p.list(wbbm)).unwrap_or_default();
            json(StatusCode::OK, body)
        }
        None => json_error(StatusCode::NOT_FOUND, "not found"),
    }
}

pub(crate) async fn unit_wbk(State(app): State<Arc<App>>) -> Response {
    list_response(&app, false)
}

pub(crate) async fn unit_wbbm(State(app): State<Arc<App>>) -> Response {
    list_response(&app, true)
}

pub(crate) async fn jawaban_unit(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let Some(p) = portal(&app) else {
        return json_error(StatusCode::NOT_FOUND, "not found");
    };
    if !valid_id(&id) {
        return json_error(StatusCode::BAD_REQUEST, "invalid unit_id");
    }
    match p.document(&id) {
        Some(doc) => json(StatusCode::OK, doc.to_vec()),
        None => json_error(StatusCode::NOT_FOUND, "unit not found"),
    }
}

pub(crate) async fn status(State(app): State<Arc<App>>) -> Response {
    let Some(p) = portal(&app) else {
        return crate::not_found_page(Lang::Id);
    };
    crate::html_response(StatusCode::OK, status_page(p))
}

fn status_page(p: &PortalRb) -> String {
    let lang = Lang::Id;
    let mut b = String::new();
    b.push_str("<h1>PortalRB — status</h1>\n");
    b.push_str(&format!(
        "<p>Folder: <code>{}</code> · tahun: {} · {} unit disajikan · {} berkas tidak disajikan</p>\n",
        esc(&p.folder.display().to_string()),
        p.tahun.map_or("-".to_string(), |y| y.to_string()),
        p.units.len(),
        p.left_out.len()
    ));
    b.push_str(
        "<h2>Disajikan</h2>\n<table id=\"served\">\n<tr><th>id</th><th>asal id</th><th>berkas</th>\
         <th>nama</th><th>tahun</th><th>lapisan</th><th>total</th><th>unit-wbk</th><th>unit-wbbm</th>\
         <th>afirmasi</th></tr>\n",
    );
    for u in &p.units {
        // What the list says: a unit that meets the predicate but is of another year is not on it.
        let listed = |proposed: bool| match (proposed, p.of_listing_year(u)) {
            (true, true) => "ya".to_string(),
            (true, false) => format!(
                "tidak (memenuhi, tetapi tahun {} bukan tahun daftar)",
                u.tahun.map_or("-".to_string(), |y| y.to_string())
            ),
            (false, _) => "-".to_string(),
        };
        b.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td></tr>\n",
            esc(&u.id),
            u.id_origin,
            esc(&u.file),
            esc(u.nama.as_deref().unwrap_or("-")),
            u.tahun.map_or("-".to_string(), |y| y.to_string()),
            esc(u.verdict_layer.label(lang)),
            zona_core::lang::fmt2(u.total, lang),
            listed(u.proposed_wbk),
            listed(u.proposed_wbbm),
            if u.afirmasi { "ya" } else { "-" },
        ));
    }
    b.push_str("</table>\n<h2>Tidak disajikan</h2>\n<table id=\"left-out\">\n<tr><th>berkas</th><th>alasan</th></tr>\n");
    for l in &p.left_out {
        b.push_str(&format!(
            "<tr><td>{}</td><td>{}</td></tr>\n",
            esc(&l.file),
            esc(&l.reason)
        ));
    }
    b.push_str("</table>\n");
    if !p.notes.is_empty() {
        b.push_str("<h2>Catatan</h2>\n<ul>\n");
        for n in &p.notes {
            b.push_str(&format!("<li>{}</li>\n", esc(n)));
        }
        b.push_str("</ul>\n");
    }
    crate::html::page(lang, "PortalRB status", &b)
}
