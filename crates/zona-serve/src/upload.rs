//! POST /score: the upload, read within the limit, evaluated by the pipeline in a temporary
//! directory, kept as a result and shown.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use zona_core::{Evaluation, Lang, Layer, UnansweredPolicy};
use zona_eval::{EvalOptions, EvidenceLookup, EvidencePolicy};

use crate::{
    error_page, html, html_response, internal_error_page, parse_lang, store, App, LangQuery,
};

/// What the form may add to the workbook itself (the option fields and multipart framing).
const FORM_OVERHEAD: usize = 64 * 1024;
/// How much of an oversized body is read (and dropped) so that the client sees the 413 page
/// instead of a reset connection; past this, or after [`DRAIN_TIME`], the connection is closed.
const DRAIN_MAX: usize = 512 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(60);

/// The options the form asks for, as the CLI's flags.
struct FormOptions {
    lang: Lang,
    unanswered: UnansweredPolicy,
    prior_held: Option<bool>,
    layer: Layer,
    evidence_policy: EvidencePolicy,
}

enum Upload {
    Complete(Bytes),
    TooLarge,
    Broken,
    /// Nothing came for the idle time, or the whole body took longer than [`UPLOAD_TIME`].
    Stalled,
}

/// The longest an upload's body may take in all (20 MB at 100 KB/s is under 4 minutes); the
/// longest wait for each piece is [`crate::ServeOptions::upload_idle`].
const UPLOAD_TIME: Duration = Duration::from_secs(300);

/// Reads the whole body if it is within `limit`; an oversized body is drained (bounded) and
/// reported as too large.
async fn read_limited(body: Body, limit: usize, idle: Duration) -> Upload {
    let mut body = body;
    let mut kept: Vec<u8> = Vec::new();
    let mut total = 0usize;
    let mut over = false;
    let started = tokio::time::Instant::now();
    loop {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx));
        let frame = if over {
            let left = DRAIN_TIME.saturating_sub(started.elapsed());
            match tokio::time::timeout(left, frame).await {
                Ok(f) => f,
                Err(_) => return Upload::TooLarge,
            }
        } else {
            let left = UPLOAD_TIME.saturating_sub(started.elapsed());
            match tokio::time::timeout(idle.min(left), frame).await {
                Ok(f) => f,
                Err(_) => return Upload::Stalled,
            }
        };
        match frame {
            None => break,
            Some(Err(_)) => {
                return if over {
                    Upload::TooLarge
                } else {
                    Upload::Broken
                }
            }
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    total += data.len();
                    if total > limit {
                        over = true;
                        kept = Vec::new();
                    }
                    if over {
                        if total > DRAIN_MAX {
                            return Upload::TooLarge;
                        }
                    } else {
                        kept.extend_from_slice(&data);
                    }
                }
            }
        }
    }
    if over {
        Upload::TooLarge
    } else {
        Upload::Complete(Bytes::from(kept))
    }
}

/// The longest upload name kept, in bytes: well within the 255 bytes a file system takes.
const NAME_BYTES: usize = 120;

/// The file name the upload is written under: the last component of what the browser sent,
/// only letters, digits and `-_. ()`, no leading dot; `upload.xlsx` when nothing is left. A long
/// name is cut in its stem, at a character boundary, to [`NAME_BYTES`]: its extension, which
/// says how to read the file, is kept (cut away, a workbook was read by the wrong reader and a
/// `.json` document refused).
pub(crate) fn safe_name(given: Option<&str>) -> String {
    let base = given.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| c.is_alphanumeric() || "-_. ()".contains(*c))
        .collect();
    let cleaned = cleaned.trim();
    // A name that is only an extension (`.json`) is that kind of file.
    let only_ext = cleaned
        .strip_prefix('.')
        .filter(|e| !e.is_empty() && !e.contains('.'));
    if let Some(ext) = only_ext {
        return format!("upload.{ext}");
    }
    let cleaned = cleaned.trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return "upload.xlsx".to_string();
    }
    // The extension: after the last dot, if short and plain (`xlsx`, `json`).
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && (1..=5).contains(&ext.len()) && ext.is_ascii() => {
            (stem, Some(ext))
        }
        _ => (cleaned, None),
    };
    let room = NAME_BYTES - ext.map_or(0, |e| e.len() + 1);
    let mut end = stem.len().min(room);
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    let stem = stem[..end].trim_end();
    match ext {
        Some(ext) if !stem.is_empty() => format!("{stem}.{ext}"),
        Some(ext) => format!("upload.{ext}"),
        None => stem.to_string(),
    }
}

/// The name the report downloads as: the workbook's stem (ASCII only) and `-laporan.xlsx`.
fn report_name(upload: &str, lang: Lang) -> String {
    let stem = std::path::Path::new(upload)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
        .collect();
    let stem = if stem.is_empty() {
        "zona".to_string()
    } else {
        stem
    };
    format!("{stem}-{}.xlsx", lang.pick("laporan", "report"))
}

fn stalled(lang: Lang, idle: Duration) -> Response {
    let s = idle.as_secs();
    html_response(
        StatusCode::REQUEST_TIMEOUT,
        html::message_page(
            lang,
            lang.pick("Unggahan terhenti", "The upload stalled"),
            &match lang {
                Lang::Id => format!(
                    "Tidak ada data yang datang selama {s} detik, atau unggahan memakan lebih dari 5 menit. Periksa sambungan lalu unggah lagi."
                ),
                Lang::En => format!(
                    "No data came for {s} seconds, or the upload took more than 5 minutes. Check the connection and upload again."
                ),
            },
        ),
    )
}

fn too_large(lang: Lang, limit: usize) -> Response {
    let mb = limit / (1024 * 1024);
    html_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        html::message_page(
            lang,
            lang.pick("Berkas terlalu besar", "File too large"),
            &match lang {
                Lang::Id => format!(
                    "Berkas yang diunggah melebihi batas {mb} MB. LKE biasanya jauh lebih kecil; \
                     periksa apakah berkas yang dipilih benar."
                ),
                Lang::En => format!(
                    "The upload is larger than the limit of {mb} MB. An LKE is usually much \
                     smaller; check that the right file was chosen."
                ),
            },
        ),
    )
}

fn bad_form(lang: Lang, what: &str) -> Response {
    error_page(StatusCode::BAD_REQUEST, lang, what)
}

pub(crate) async fn score(
    State(app): State<Arc<App>>,
    Query(q): Query<LangQuery>,
    request: Request,
) -> Response {
    let mut lang = q.lang();
    let limit = app.options.max_upload_bytes;
    let (parts, body) = request.into_parts();
    // The body is held in memory only with a permit; its wait does not read it.
    let Ok(_upload_permit) = app.uploads.acquire().await else {
        return bad_form(
            lang,
            lang.pick("Server sedang berhenti.", "The server is stopping."),
        );
    };
    let read = read_limited(
        body,
        limit.saturating_add(FORM_OVERHEAD),
        app.options.upload_idle,
    )
    .await;
    let bytes = match read {
        Upload::Complete(b) => b,
        Upload::TooLarge => return too_large(lang, limit),
        Upload::Broken => {
            return bad_form(
                lang,
                lang.pick("Unggahan terputus.", "The upload was interrupted."),
            )
        }
        Upload::Stalled => return stalled(lang, app.options.upload_idle),
    };
    let request = Request::from_parts(parts, Body::from(bytes));
    let no_form = lang.pick(
        "Kirim formulir dengan berkas LKE (multipart/form-data).",
        "Send the form with an LKE file (multipart/form-data).",
    );
    let Ok(mut multipart) = Multipart::from_request(request, &()).await else {
        return bad_form(lang, no_form);
    };
    let mut files: Vec<(String, Bytes)> = Vec::new();
    let mut fields: Vec<(String, String)> = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                if name == "workbook" {
                    let given = safe_name(field.file_name());
                    match field.bytes().await {
                        // A browser sends an empty part when no file is chosen.
                        Ok(b) if b.is_empty() => {}
                        Ok(b) => files.push((given, b)),
                        Err(_) => return bad_form(lang, no_form),
                    }
                } else {
                    match field.text().await {
                        Ok(t) if t.len() <= 64 && fields.len() < 32 => fields.push((name, t)),
                        _ => return bad_form(lang, no_form),
                    }
                }
            }
            Ok(None) => break,
            Err(_) => return bad_form(lang, no_form),
        }
    }
    if let Some(l) = field(&fields, "lang") {
        lang = parse_lang(Some(l));
    }
    let options = match form_options(lang, &fields) {
        Ok(o) => o,
        Err(msg) => return bad_form(lang, &msg),
    };
    // The limit is on the whole upload, however many files it carries.
    if files.iter().map(|(_, d)| d.len()).sum::<usize>() > limit {
        return too_large(lang, limit);
    }
    if files.is_empty() {
        return bad_form(
            lang,
            lang.pick(
                "Pilih berkas LKE terlebih dahulu.",
                "Choose an LKE file first.",
            ),
        );
    }
    let max_files = app.options.max_files.max(1);
    if files.len() > max_files {
        return bad_form(
            lang,
            &match lang {
                Lang::Id => format!("Paling banyak {max_files} berkas sekaligus."),
                Lang::En => format!("At most {max_files} files at once."),
            },
        );
    }
    // Evaluations wait their turn: at most `max_parallel` at the same time.
    let Ok(_permit) = app.evaluations.acquire().await else {
        return internal_error_page(lang);
    };
    let worker = app.clone();
    evaluated_page(lang, move || {
        if files.len() == 1 {
            let (name, data) = &files[0];
            evaluate_upload(&worker, name, data, &options)
        } else {
            evaluate_uploads(&worker, &files, &options)
        }
    })
    .await
}

/// Runs an evaluation off the async workers and turns its outcome into the page: the result, the
/// error page of a file zona cannot score (400), or, when the evaluation panicked, one
/// internal-error page (500). The panic ends that request only; the server goes on.
async fn evaluated_page<F>(lang: Lang, evaluate: F) -> Response
where
    F: FnOnce() -> Result<String, String> + Send + 'static,
{
    match tokio::task::spawn_blocking(evaluate).await {
        Ok(Ok(page)) => html_response(StatusCode::OK, page),
        Ok(Err(message)) => bad_form(lang, &message),
        Err(_) => internal_error_page(lang),
    }
}

/// A form field's value, trimmed; `None` when absent or blank.
fn field<'f>(fields: &'f [(String, String)], name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn form_options(lang: Lang, fields: &[(String, String)]) -> Result<FormOptions, String> {
    let field = |name| field(fields, name);
    let unanswered = match field("unanswered") {
        None | Some("zero") => UnansweredPolicy::Zero,
        Some("exclude") => UnansweredPolicy::Exclude,
        Some(_) => return Err(invalid(lang, "unanswered")),
    };
    let prior_held = match field("prior") {
        None | Some("unstated") => None,
        Some("yes") => Some(true),
        Some("no") => Some(false),
        Some(_) => return Err(invalid(lang, "prior")),
    };
    let layer = match field("layer") {
        None | Some("unit") => Layer::Unit,
        Some("tpi") => Layer::Tpi,
        Some("tpn") => Layer::Tpn,
        Some(_) => return Err(invalid(lang, "layer")),
    };
    let evidence_policy = match field("evidence_policy") {
        None => EvidencePolicy::Lowest,
        Some(code) => {
            EvidencePolicy::from_code(code).ok_or_else(|| invalid(lang, "evidence_policy"))?
        }
    };
    Ok(FormOptions {
        lang,
        unanswered,
        prior_held,
        layer,
        evidence_policy,
    })
}

fn invalid(lang: Lang, field: &str) -> String {
    match lang {
        Lang::Id => format!("Nilai isian '{field}' tidak dikenal."),
        Lang::En => format!("Unknown value for the field '{field}'."),
    }
}

fn io_message(lang: Lang, e: &std::io::Error) -> String {
    // The reason in the page's language, the system's words in parentheses.
    let why = zona_read::io_error_text(e, lang);
    match lang {
        Lang::Id => format!("Berkas unggahan tidak dapat disimpan sementara: {why}"),
        Lang::En => format!("The upload cannot be stored temporarily: {why}"),
    }
}

/// The pipeline's options for an upload. Evidence files are looked for nowhere: the upload sits
/// alone in a temporary folder, so a path entry is "not checked" and never "found" (a workbook
/// naming itself, or anything else there, is no evidence).
fn eval_options(form: &FormOptions) -> EvalOptions {
    EvalOptions {
        unanswered: form.unanswered,
        prior_held: form.prior_held,
        layer: form.layer,
        evidence_policy: form.evidence_policy,
        evidence: EvidenceLookup::Nowhere,
        ..EvalOptions::default()
    }
}

/// One file's evaluation, kept (its page and report) under a fresh id; returns the id and the
/// evaluation. The pipeline's error message names `name`, not the temporary path.
fn evaluate_kept(
    app: &App,
    path: &std::path::Path,
    name: &str,
    form: &FormOptions,
) -> Result<(String, Evaluation<'static>, String), String> {
    let lang = form.lang;
    let evaluated = zona_eval::evaluate_named(path, name, &app.pipeline, &eval_options(form));
    let ev = evaluated.map_err(|e| e.message(lang).replace(&path.display().to_string(), name))?;
    let report = evaluation_report(&ev, lang)?;
    let id = store::new_id();
    let page = html::result_page(&ev, name, &id, lang);
    app.store
        .put(id.clone(), page.clone(), report, report_name(name, lang));
    Ok((id, ev, page))
}

/// Writes the upload to a fresh temporary directory, evaluates it, keeps its page and report
/// and renders the result page; the directory is removed before returning. Errors are the
/// pipeline's own messages, in the page's language.
fn evaluate_upload(
    app: &App,
    name: &str,
    data: &[u8],
    form: &FormOptions,
) -> Result<String, String> {
    let lang = form.lang;
    let dir = tempfile::tempdir().map_err(|e| io_message(lang, &e))?;
    let path = dir.path().join(name);
    std::fs::write(&path, data).map_err(|e| io_message(lang, &e))?;
    let kept = evaluate_kept(app, &path, name, form);
    // The upload is gone as soon as it is read.
    let _ = dir.close();
    kept.map(|(_, _, page)| page)
}

/// Several files of one upload (a unit across years, oldest first as chosen): each evaluated and
/// kept as its own result, then compared by [`zona_eval::compare::run`] in the order uploaded;
/// the comparison workbook is the bytes `zona compare <files…> --out` writes. Returns the
/// comparison page. Each file is written under its own name (in its own sub-directory, so that
/// two files of the same name do not collide), and the directory is removed before returning.
fn evaluate_uploads(
    app: &App,
    files: &[(String, Bytes)],
    form: &FormOptions,
) -> Result<String, String> {
    let lang = form.lang;
    let dir = tempfile::tempdir().map_err(|e| io_message(lang, &e))?;
    let result = (|| {
        let mut paths = Vec::with_capacity(files.len());
        for (i, (name, data)) in files.iter().enumerate() {
            let sub = dir.path().join(i.to_string());
            std::fs::create_dir(&sub).map_err(|e| io_message(lang, &e))?;
            let path = sub.join(name);
            std::fs::write(&path, data).map_err(|e| io_message(lang, &e))?;
            paths.push(path);
        }
        let mut each = Vec::with_capacity(files.len());
        for ((name, _), path) in files.iter().zip(&paths) {
            let (id, ev, _) = evaluate_kept(app, path, name, form)?;
            each.push(html::Uploaded {
                name: name.clone(),
                result_id: id,
                unit: ev.unit().answers.unit.name.clone(),
            });
        }
        // The comparison: the CLI's pipeline and options (`zona compare` has no layer option: it
        // compares the unit's own answers).
        let options = EvalOptions {
            layer: Layer::Unit,
            ..eval_options(form)
        };
        let mut run =
            zona_eval::compare::run(&paths, &[], &app.pipeline, &options).map_err(|e| {
                let mut m = e.message(lang);
                for ((name, _), path) in files.iter().zip(&paths) {
                    m = m.replace(&path.display().to_string(), name);
                }
                m
            })?;
        // Two files of the same name are labelled by their path: show the name and its place.
        for (j, path) in paths.iter().enumerate() {
            let shown = path.display().to_string();
            if run.comparison.columns[j].label == shown {
                run.comparison.columns[j].label = format!("{} ({})", files[j].0, j + 1);
                run.columns[j]
                    .label
                    .clone_from(&run.comparison.columns[j].label);
            }
        }
        let bytes = zona_report::compare_writer::comparison_workbook_bytes(
            &run.comparison,
            &zona_report::compare_writer::CompareWriteOptions {
                lang,
                ..Default::default()
            },
        )
        .map_err(|e| e.to_string())?;
        let id = store::new_id();
        let page = html::compare_page(&run, &each, &id, lang);
        app.store.put(
            id,
            page.clone(),
            bytes,
            lang.pick("perbandingan.xlsx", "comparison.xlsx")
                .to_string(),
        );
        Ok(page)
    })();
    // The uploads are gone as soon as they are read.
    let _ = dir.close();
    result
}

/// The report of an evaluation: the bytes `zona score --out` writes for it (every layer, the
/// shown one included).
fn evaluation_report(ev: &Evaluation, lang: Lang) -> Result<Vec<u8>, String> {
    zona_report::report::evaluation_report_bytes(ev, lang).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_name_keeps_its_extension_and_fits_a_file_system() {
        assert_eq!(safe_name(Some("../../etc/LKE 2025.xlsx")), "LKE 2025.xlsx");
        assert_eq!(safe_name(Some(".json")), "upload.json");
        assert_eq!(safe_name(Some("..rahasia.xlsx")), "rahasia.xlsx");
        assert_eq!(safe_name(Some("")), "upload.xlsx");
        // 126 letters and `.xlsx`: the extension was cut away (the workbook then went to the
        // wrong reader; a JSON document was refused).
        let long = format!("lke-kantor-{}.xlsx", "b".repeat(115));
        let kept = safe_name(Some(&long));
        assert!(kept.ends_with("b.xlsx"), "{kept}");
        assert_eq!(kept.len(), NAME_BYTES);
        assert!(safe_name(Some(&format!("{}.json", "b".repeat(200)))).ends_with(".json"));
        // 90 CJK characters (270 bytes): a name a file system refuses, cut by bytes.
        let cjk = format!("{}.xlsx", "評".repeat(90));
        let kept = safe_name(Some(&cjk));
        assert!(
            kept.len() <= NAME_BYTES && kept.ends_with("評.xlsx"),
            "{kept}"
        );
        std::fs::write(tempfile::tempdir().unwrap().path().join(&kept), b"x").unwrap();
    }

    async fn body(r: Response) -> String {
        let bytes = axum::body::to_bytes(r.into_body(), 1 << 20)
            .await
            .expect("a body");
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// A panic inside one evaluation is that request's 500 page; the next request is served.
    #[tokio::test]
    async fn a_panic_in_an_evaluation_is_one_error_page_and_the_server_goes_on() {
        let r = evaluated_page(Lang::Id, || -> Result<String, String> {
            panic!("a bug met while evaluating")
        })
        .await;
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let page = body(r).await;
        assert!(page.contains("Kesalahan internal"), "{page}");
        assert!(page.contains("server tetap berjalan"), "{page}");
        assert!(
            !page.contains("a bug met"),
            "the panic text is not shown: {page}"
        );

        let bad = evaluated_page(Lang::En, || Err("not a workbook".to_string())).await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        assert!(body(bad).await.contains("not a workbook"));
        let ok = evaluated_page(Lang::En, || Ok("<p>scored</p>".to_string())).await;
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(body(ok).await, "<p>scored</p>");
    }
}
