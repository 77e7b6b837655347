//! `zona batch`: many workbooks in, one ranked summary out (docs/batch.md).
//!
//! 1. **Discovery** ([`discover`]): files as given, folders searched recursively for workbooks
//!    (`.xlsx .xlsm .xls .ods .json`), glob patterns expanded by zona itself (the `glob` crate, so
//!    `"data/**/*.xlsx"` works on any shell). A name that matches nothing is listed as an error.
//! 2. **Checks before any work**: an existing `--out` or report is an error without `--force`; no
//!    output may be an input.
//! 3. **Scoring in parallel** (rayon; `--jobs`): each worker opens one file, reads it against one
//!    [`Reader`] per criteria set (built once for the whole batch), keeps the best-fitting criteria,
//!    scores it, writes its report when asked, and returns only a [`BatchRow`]: the file's answers
//!    and full score are dropped inside the worker, so memory stays flat in the number of files. A
//!    file that cannot be read, or even makes the reader panic, becomes an error row; the rest go
//!    on.
//! 4. **Summary**: rows ranked by total, written as a workbook
//!    ([`zona_report::batch_writer`]) and printed as text, JSON or CSV.
//!
//! Exit codes: 0 every file scored; 1 some files could not be scored (listed); 2 bad usage or an
//! output that cannot be written.

use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{json, Value};
use zona_core::lang::fmt2;
use zona_core::{
    Criteria, Lang, Layer, PredicateStatus, ScoreOptions, ScoreResult, UnansweredPolicy,
};
use zona_read::{Reader, Source};
use zona_report::batch_writer::{
    columns, rank_rows, ranks, total_thresholds, write_batch_summary, BatchError, BatchRow,
    BatchSummary, BatchWriteOptions, CellValue,
};
use zona_report::output_file;
use zona_report::report::{write_report, LayerInput, ReportInput, ReportOptions};

use crate::{emit, load_criteria, Failure, LangArg, Unanswered};

/// The extensions a folder search or a glob takes (case-insensitive).
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "json"];

#[derive(clap::Args)]
pub struct BatchArgs {
    /// Workbooks (.xlsx .xlsm .xls .ods, PortalRB .json), folders (searched recursively) or glob
    /// patterns (quote them: "data/**/*.xlsx").
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write the summary workbook (ranked table, errors, chart) to this file.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write each unit's own report (as `zona score --out`) into this folder, named after
    /// the input file.
    #[arg(long)]
    reports: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    jobs: Option<NonZeroUsize>,
    /// Replace an existing summary or report (never an input).
    #[arg(long)]
    force: bool,
    /// What to print on stdout: a ranked table (text), or the summary rows as JSON or CSV.
    #[arg(long, value_enum, default_value_t = BatchFormat::Text)]
    format: BatchFormat,
    /// Criteria for every file, a file or a built-in id (default: per file, the built-in criteria
    /// that fit it best).
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// What unanswered items count for: `zero` or `exclude` (as in `zona score`).
    #[arg(long, value_enum, default_value_t = Unanswered::Zero)]
    unanswered: Unanswered,
    /// Language of the output: `id` (Bahasa Indonesia) or `en`.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    lang: LangArg,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    Text,
    Json,
    Csv,
}

/// Runs the batch; prints its own failure (exit code 2).
pub fn run(args: BatchArgs) -> ExitCode {
    match run_batch(args) {
        Ok(code) => code,
        Err(Failure(msg)) => {
            let _ = writeln!(std::io::stderr(), "{msg}");
            ExitCode::from(2)
        }
    }
}

fn run_batch(args: BatchArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.lang.into();
    // A report folder inside a searched folder is not searched: reports are not LKE workbooks.
    let reports_dir = args.reports.as_deref().and_then(|d| d.canonicalize().ok());
    let found = discover(&args.inputs, reports_dir.as_deref(), lang)?;
    if found.files.is_empty() && found.errors.is_empty() {
        return Err(Failure(match lang {
            Lang::Id => format!(
                "tidak ada lembar kerja (.{}) di {}",
                WORKBOOK_EXTENSIONS.join(" ."),
                inputs_text(&args.inputs)
            ),
            Lang::En => format!(
                "no workbooks (.{}) in {}",
                WORKBOOK_EXTENSIONS.join(" ."),
                inputs_text(&args.inputs)
            ),
        }));
    }
    let inputs: Vec<&Path> = found.files.iter().map(PathBuf::as_path).collect();

    // Every output is checked before any work starts.
    if let Some(out) = &args.out {
        output_file::check(out, &inputs, args.force).map_err(|e| Failure(e.message(lang)))?;
        check_parent(out, lang)?;
    }
    let report_paths: Vec<Option<PathBuf>> = match &args.reports {
        Some(dir) => {
            let planned = plan_reports(&found.files, dir, args.out.as_deref(), lang)?;
            for p in &planned {
                output_file::check(p, &inputs, args.force).map_err(|e| Failure(e.message(lang)))?;
            }
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure(format!(
                    "{}: {} {e}",
                    dir.display(),
                    lang.pick(
                        "folder laporan tidak dapat dibuat:",
                        "cannot create the report folder:"
                    )
                ))
            })?;
            planned.into_iter().map(Some).collect()
        }
        None => vec![None; found.files.len()],
    };

    // Criteria: one set for all, or every built-in set with a best fit per file. One Reader per
    // set for the whole batch: it precomputes the fingerprints of every criteria text.
    let candidates: Vec<Criteria> = match &args.criteria {
        Some(p) => vec![load_criteria(Some(p), lang)?],
        None => zona_core::builtin_criteria(),
    };
    let readers: Vec<Reader> = candidates.iter().map(Reader::new).collect();
    let job = Job {
        readers: &readers,
        policy: match args.unanswered {
            Unanswered::Zero => UnansweredPolicy::Zero,
            Unanswered::Exclude => UnansweredPolicy::Exclude,
        },
        lang,
        force: args.force,
    };

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.map_or(0, NonZeroUsize::get))
        .build()
        .map_err(|e| Failure(format!("--jobs: {e}")))?;
    let progress = progress_bar(found.files.len());
    let outcomes: Vec<Outcome> = pool.install(|| {
        found
            .files
            .par_iter()
            .zip(report_paths.par_iter())
            .map(|(path, report)| {
                progress.set_message(file_name(path));
                let outcome = score_file(path, report.as_deref(), &job);
                progress.inc(1);
                outcome
            })
            .collect()
    });
    progress.finish_and_clear();

    let mut rows: Vec<BatchRow> = Vec::with_capacity(outcomes.len());
    let mut errors = found.errors;
    let mut output_errors: Vec<String> = Vec::new();
    let mut used: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut first_criteria = None;
    for (path, outcome) in found.files.iter().zip(outcomes) {
        match outcome {
            Outcome::Scored {
                row,
                criteria,
                report_error,
            } => {
                first_criteria.get_or_insert(criteria);
                used.entry(criteria).or_default().push(row.file.clone());
                output_errors.extend(report_error);
                rows.push(*row);
            }
            Outcome::Failed(message) => errors.push(BatchError {
                file: path.display().to_string(),
                message,
            }),
        }
    }
    if args.criteria.is_none() {
        warn_provisional(&candidates, &used, lang);
    }
    // The columns follow the criteria of the first file scored (in the order found).
    let reference = &candidates[first_criteria.unwrap_or(0)];
    rank_rows(&mut rows);

    let summary = BatchSummary {
        criteria: reference,
        rows: &rows,
        errors: &errors,
    };
    let mut written = Written {
        out: None,
        reports: args.reports.as_deref(),
        report_count: rows.iter().filter(|r| r.report.is_some()).count(),
    };
    if let Some(out) = &args.out {
        let options = BatchWriteOptions {
            lang,
            force: args.force,
            ..Default::default()
        };
        match write_batch_summary(out, &summary, &inputs, &options) {
            Ok(()) => written.out = Some(out),
            Err(e) => output_errors.push(e.message(lang)),
        }
    }

    let printed = match args.format {
        BatchFormat::Text => text(&summary, &written, lang),
        BatchFormat::Json => json_doc(&summary, &candidates, &used, &written, lang) + "\n",
        BatchFormat::Csv => csv(&summary, args.reports.is_some(), lang),
    };
    emit(&printed)?;

    let mut err = std::io::stderr().lock();
    if !errors.is_empty() {
        let _ = writeln!(
            err,
            "{} ({}):",
            lang.pick("Tidak dapat dinilai", "Could not be scored"),
            errors.len()
        );
        for e in &errors {
            let _ = writeln!(err, "  {}", e.message);
        }
    }
    if !output_errors.is_empty() {
        for e in &output_errors {
            let _ = writeln!(err, "{e}");
        }
        return Ok(ExitCode::from(2));
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn inputs_text(inputs: &[PathBuf]) -> String {
    inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The canonical path of a file that may not exist yet (its folder's canonical path and its
/// name).
fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(c) = path.canonicalize() {
        return Some(c);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok()?,
        _ => std::env::current_dir().ok()?.canonicalize().ok()?,
    };
    Some(dir.join(path.file_name()?))
}

/// The output's folder must exist: found out now, not after scoring every file.
fn check_parent(out: &Path, lang: Lang) -> Result<(), Failure> {
    match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => Err(Failure(match lang {
            Lang::Id => format!("{}: folder {} tidak ada", out.display(), dir.display()),
            Lang::En => format!("{}: no such folder {}", out.display(), dir.display()),
        })),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Discovery

/// What discovery found: the files to score in order, and the names that gave none.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    errors: Vec<BatchError>,
}

fn has_workbook_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        WORKBOOK_EXTENSIONS
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Names a folder search skips: hidden files and folders, and Excel's lock files (`~$lke.xlsx`).
fn skipped_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$")
}

fn is_pattern(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

struct Discovery<'a> {
    found: Found,
    /// Canonical paths of the files taken (a file named twice is scored once).
    seen: HashSet<PathBuf>,
    /// Canonical paths of the folders searched (a symlink loop is searched once).
    visited: HashSet<PathBuf>,
    /// A folder not to search when met inside another (canonical: the report folder).
    skip_dir: Option<&'a Path>,
    lang: Lang,
}

impl Discovery<'_> {
    fn error(&mut self, file: &Path, message: impl std::fmt::Display) {
        self.found.errors.push(BatchError {
            file: file.display().to_string(),
            message: format!("{}: {message}", file.display()),
        });
    }

    fn add(&mut self, path: &Path) {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if self.seen.insert(key) {
            self.found.files.push(path.to_path_buf());
        }
    }

    /// Searches a folder; `nested`: met inside another searched folder.
    fn walk(&mut self, dir: &Path, nested: bool) {
        let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        if (nested && self.skip_dir == Some(key.as_path())) || !self.visited.insert(key) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                let what = self
                    .lang
                    .pick("folder tidak dapat dibaca", "cannot read the folder");
                return self.error(dir, format!("{what}: {e}"));
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| !skipped_name(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect();
        paths.sort();
        for p in paths {
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => self.walk(&p, true),
                Ok(_) if has_workbook_extension(&p) => self.add(&p),
                Ok(_) => {}
                // A broken symlink or a file that vanished: listed only if it looked like a workbook.
                Err(e) if has_workbook_extension(&p) => self.error(&p, e),
                Err(_) => {}
            }
        }
    }

    fn glob(&mut self, input: &Path, pattern: &str) -> Result<(), Failure> {
        let lang = self.lang;
        let paths = glob::glob(pattern).map_err(|e| {
            Failure(format!(
                "{pattern}: {}: {e}",
                lang.pick("pola tidak sah", "invalid pattern")
            ))
        })?;
        let before = (self.found.files.len(), self.found.errors.len());
        let mut matched = false;
        for entry in paths {
            match entry {
                Ok(p) => {
                    matched = true;
                    match std::fs::metadata(&p) {
                        Ok(m) if m.is_dir() => self.walk(&p, false),
                        Ok(_) if has_workbook_extension(&p) => self.add(&p),
                        _ => {}
                    }
                }
                Err(e) => {
                    let p = e.path().to_path_buf();
                    self.error(&p, e.error());
                }
            }
        }
        if (self.found.files.len(), self.found.errors.len()) == before {
            let message = match (matched, lang) {
                (false, Lang::Id) => "tidak ada berkas yang cocok dengan pola ini".to_string(),
                (false, Lang::En) => "no file matches this pattern".to_string(),
                (true, Lang::Id) => format!(
                    "tidak ada lembar kerja (.{}) yang cocok dengan pola ini",
                    WORKBOOK_EXTENSIONS.join(" .")
                ),
                (true, Lang::En) => format!(
                    "no workbook (.{}) matches this pattern",
                    WORKBOOK_EXTENSIONS.join(" .")
                ),
            };
            self.error(input, message);
        }
        Ok(())
    }
}

/// Finds the files to score, in the order given (folders and glob matches sorted by path). A
/// file named twice is scored once. Errors: an invalid glob pattern (bad usage); a name that
/// does not exist or matches nothing is listed in [`Found::errors`].
fn discover(inputs: &[PathBuf], skip_dir: Option<&Path>, lang: Lang) -> Result<Found, Failure> {
    let mut d = Discovery {
        found: Found::default(),
        seen: HashSet::new(),
        visited: HashSet::new(),
        skip_dir,
        lang,
    };
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => d.walk(input, false),
            Ok(_) => d.add(input),
            Err(e) => match input.to_str().filter(|s| is_pattern(s)) {
                Some(pattern) => d.glob(input, pattern)?,
                None if e.kind() == std::io::ErrorKind::NotFound => d.error(
                    input,
                    lang.pick(
                        "berkas atau folder tidak ditemukan",
                        "no such file or folder",
                    ),
                ),
                None => d.error(input, e),
            },
        }
    }
    Ok(d.found)
}

/// The report path of every file: `<dir>/<file stem>.xlsx`; a name already taken by an earlier
/// report, by an input or by the summary (compared without case) gets `-2`, `-3`, ….
fn plan_reports(
    files: &[PathBuf],
    dir: &Path,
    out: Option<&Path>,
    lang: Lang,
) -> Result<Vec<PathBuf>, Failure> {
    if dir.exists() && !dir.is_dir() {
        return Err(Failure(match lang {
            Lang::Id => format!("{}: bukan folder (--reports)", dir.display()),
            Lang::En => format!("{}: not a folder (--reports)", dir.display()),
        }));
    }
    // Compared without case: on a case-insensitive file system `LKE-2.xlsx` is `lke-2.xlsx`.
    let lower = |p: &Path| p.to_string_lossy().to_lowercase();
    let mut protected: HashSet<String> = files
        .iter()
        .filter_map(|f| f.canonicalize().ok())
        .map(|p| lower(&p))
        .collect();
    protected.extend(out.and_then(canonical).map(|p| lower(&p)));
    let dir_canonical = dir.canonicalize().ok();
    let mut taken: HashSet<String> = HashSet::new();
    let mut planned = Vec::with_capacity(files.len());
    for f in files {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "lke".to_string());
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    format!("{stem}.xlsx")
                } else {
                    format!("{stem}-{n}.xlsx")
                }
            })
            .find(|name| {
                let free = !taken.contains(&name.to_lowercase());
                let protected = dir_canonical
                    .as_ref()
                    .is_some_and(|d| protected.contains(&lower(&d.join(name))));
                free && !protected
            })
            .unwrap_or_else(|| format!("{stem}.xlsx"));
        taken.insert(name.to_lowercase());
        planned.push(dir.join(name));
    }
    Ok(planned)
}

// ---------------------------------------------------------------------------------------------
// Scoring

/// What every worker shares.
struct Job<'a> {
    readers: &'a [Reader<'a>],
    policy: UnansweredPolicy,
    lang: Lang,
    force: bool,
}

enum Outcome {
    Scored {
        row: Box<BatchRow>,
        /// Index of the criteria used.
        criteria: usize,
        /// Why the unit's report could not be written.
        report_error: Option<String>,
    },
    Failed(String),
}

fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} [{elapsed}] {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// Scores one file: its summary row, or the reason it could not be scored. A panic while
/// reading (a bug, never expected) is caught and reported as this file's error.
fn score_file(path: &Path, report: Option<&Path>, job: &Job) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| score_file_inner(path, report, job))) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(message)) => Outcome::Failed(message),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Outcome::Failed(format!(
                "{}: {} {what}",
                path.display(),
                job.lang.pick(
                    "galat internal saat membaca:",
                    "internal error while reading:"
                )
            ))
        }
    }
}

fn score_file_inner(path: &Path, report: Option<&Path>, job: &Job) -> Result<Outcome, String> {
    let lang = job.lang;
    // A batch skips the second pass that explains blank answers under merged cells (they stay
    // unanswered); `zona score` explains them.
    let options = zona_read::OpenOptions {
        explain_merged_answers: false,
    };
    let source = Source::open_with(path, options).map_err(|e| e.message(lang))?;
    let (index, layered) =
        zona_read::best_fit(&source, job.readers).map_err(|e| e.message(lang))?;
    let criteria = job.readers[index].criteria();
    // As `zona score`: the prior predicate the workbook states, the unit's own layer shown.
    let prior = layered
        .layers
        .first()
        .map(|(_, set)| set.unit.stated_predicates(criteria))
        .unwrap_or_default();
    let options = ScoreOptions {
        unanswered: job.policy,
        prior,
    };
    let layers = zona_core::layers::resolve(layered).layers;
    let unit = layers
        .iter()
        .position(|(l, _)| *l == Layer::Unit)
        .ok_or_else(|| {
            format!(
                "{}: {}",
                path.display(),
                lang.pick("tidak ada jawaban unit", "no unit answers")
            )
        })?;
    // The other layers (TPI, TPN) are scored only for the report's Lapisan sheet.
    let results: Vec<Option<ScoreResult>> = layers
        .iter()
        .enumerate()
        .map(|(i, (_, answers))| {
            (i == unit || report.is_some()).then(|| zona_core::score(criteria, answers, &options))
        })
        .collect();
    let (answers, Some(result)) = (&layers[unit].1, &results[unit]) else {
        return Err(format!("{}: {}", path.display(), "no unit score"));
    };
    let mut row = BatchRow::new(
        path,
        criteria,
        answers,
        result,
        &zona_read::unit::from_file_name(path),
    );
    let mut report_error = None;
    if let Some(report) = report {
        let info = source.source_info();
        let all: Vec<LayerInput> = layers
            .iter()
            .zip(&results)
            .filter_map(|((layer, answers), result)| {
                Some(LayerInput {
                    layer: *layer,
                    answers,
                    result: result.as_ref()?,
                })
            })
            .collect();
        let input = ReportInput {
            criteria,
            answers,
            result,
            source: &info,
            options: &options,
            lang,
            layers: &all,
        };
        match write_report(report, &input, &ReportOptions { force: job.force }) {
            Ok(()) => row.report = Some(report.display().to_string()),
            Err(e) => report_error = Some(e.message(lang)),
        }
    }
    Ok(Outcome::Scored {
        row: Box::new(row),
        criteria: index,
        report_error,
    })
}

/// Announces provisional criteria chosen by best fit, once per criteria set, naming the files.
fn warn_provisional(candidates: &[Criteria], used: &BTreeMap<usize, Vec<String>>, lang: Lang) {
    for (i, files) in used {
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        crate::warn_if_provisional(&candidates[*i], &files, lang);
    }
}

// ---------------------------------------------------------------------------------------------
// Output

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// The ranked table: rank, total, each predicate's status, completeness, unit and file.
/// What the batch wrote.
struct Written<'a> {
    /// The summary workbook, when written.
    out: Option<&'a Path>,
    /// The report folder (`--reports`) and how many reports went into it.
    reports: Option<&'a Path>,
    report_count: usize,
}

fn text(summary: &BatchSummary, written: &Written, lang: Lang) -> String {
    let c = summary.criteria;
    let mut out = String::new();
    out.push_str(&match lang {
        Lang::Id => format!(
            "zona — Ringkasan penilaian LKE Zona Integritas: {} lembar kerja dinilai, {} gagal\n",
            summary.rows.len(),
            summary.errors.len()
        ),
        Lang::En => format!(
            "zona — Zona Integritas LKE batch summary: {} workbooks scored, {} failed\n",
            summary.rows.len(),
            summary.errors.len()
        ),
    });
    let thresholds: Vec<String> = total_thresholds(c)
        .iter()
        .map(|t| {
            format!(
                "{} ≥ {}",
                t.name(lang),
                zona_core::lang::fmt_plain(t.min, lang)
            )
        })
        .collect();
    out.push_str(&format!(
        "{}: {} [{}]; {}: {}\n\n",
        lang.pick("Kriteria kolom", "Columns follow"),
        c.meta.name,
        c.meta.id,
        lang.pick("ambang total", "total thresholds"),
        thresholds.join(", ")
    ));
    const STATUS_W: usize = 17;
    let mut header = format!("{:>4}  {:>7}  ", "#", lang.pick("Total", "Total"));
    for p in &c.predicates {
        header.push_str(&pad(p.display_name(lang), STATUS_W));
        header.push(' ');
    }
    header.push_str(&format!(
        "{:>8}  {}",
        lang.pick("Lengkap", "Complete"),
        "Unit"
    ));
    out.push_str(header.trim_end());
    out.push('\n');
    let mut unknown_prior = false;
    for (row, rank) in summary.rows.iter().zip(ranks(summary.rows)) {
        let mut line = format!("{rank:>4}  {:>7}  ", fmt2(row.total, lang));
        for p in &c.predicates {
            let status = match row.predicate(&p.key) {
                Some(r) => {
                    unknown_prior |= r.status == PredicateStatus::ScoresMetPriorUnknown;
                    r.status.short_label(lang)
                }
                None => "—",
            };
            line.push_str(&pad(status, STATUS_W));
            line.push(' ');
        }
        line.push_str(&format!(
            "{:>8}  {} — {}",
            format!("{}%", fmt2(row.completeness() * 100.0, lang)),
            row.unit.label("—"),
            row.file
        ));
        out.push_str(&line);
        out.push('\n');
    }
    if unknown_prior {
        out.push_str(lang.pick(
            "* nilai memenuhi; predikat sebelumnya (WBK) belum dinyatakan\n",
            "* scores meet it; prior predicate (WBK) not stated\n",
        ));
    }
    if let Some(o) = written.out {
        out.push_str(&format!(
            "\n{}: {}\n",
            lang.pick("Ringkasan ditulis ke", "Summary written to"),
            o.display()
        ));
    }
    if let Some(d) = written.reports {
        out.push_str(&format!(
            "{}: {} ({})\n",
            lang.pick("Laporan per unit", "Reports per unit"),
            d.display(),
            written.report_count
        ));
    }
    out
}

fn row_json(row: &BatchRow, rank: usize, lang: Lang) -> Value {
    let components: serde_json::Map<String, Value> = row
        .roots
        .iter()
        .map(|r| (r.key.clone(), json!(r.score)))
        .collect();
    json!({
        "rank": rank,
        "file": row.file,
        "unit": {
            "name": row.unit.name,
            "instansi": row.unit.instansi,
            "year": row.unit.year,
            "origin": row.unit.origin_code(),
            "from_file_name": row.unit.from_file_name,
        },
        "criteria": { "id": row.criteria_id, "provisional": row.criteria_provisional },
        "total": row.total,
        "max_total": row.max_total,
        "components": components,
        "areas": row.areas.iter().map(|a| json!({
            "key": a.key,
            "weight": a.weight,
            "score": a.score,
            "percent": a.percent(),
        })).collect::<Vec<_>>(),
        "predicates": row.predicates.iter().map(|p| json!({
            "key": p.key,
            "name": p.name(lang),
            "met": p.met(),
            "status": p.status.code(),
            "first_failing": p.first_failing.as_ref().map(|c| crate::output::condition_json(c, lang)),
        })).collect::<Vec<_>>(),
        "counts": {
            "items": row.items,
            "answered": row.answered,
            "unanswered": row.unanswered,
            "invalid": row.invalid,
        },
        "completeness": row.completeness(),
        "report": row.report,
    })
}

fn json_doc(
    summary: &BatchSummary,
    candidates: &[Criteria],
    used: &BTreeMap<usize, Vec<String>>,
    written: &Written,
    lang: Lang,
) -> String {
    let criteria: Vec<Value> = used
        .iter()
        .map(|(i, files)| {
            let c = &candidates[*i];
            json!({
                "id": c.meta.id,
                "name": c.meta.name,
                "version": c.meta.version,
                "provisional": c.meta.provisional,
                "files": files.len(),
            })
        })
        .collect();
    let thresholds: Vec<Value> = total_thresholds(summary.criteria)
        .iter()
        .map(|t| json!({ "predicate": t.key, "name": t.name(lang), "total_min": t.min }))
        .collect();
    let doc = json!({
        "columns_criteria": summary.criteria.meta.id,
        "criteria": criteria,
        "thresholds": thresholds,
        "scored": summary.rows.len(),
        "failed": summary.errors.len(),
        "rows": summary
            .rows
            .iter()
            .zip(ranks(summary.rows))
            .map(|(r, rank)| row_json(r, rank, lang))
            .collect::<Vec<_>>(),
        "errors": summary
            .errors
            .iter()
            .map(|e| json!({ "file": e.file, "message": e.message }))
            .collect::<Vec<_>>(),
        "out": written.out.map(|p| p.display().to_string()),
        "reports": written.reports.map(|p| p.display().to_string()),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The summary rows as CSV: the workbook's columns under stable machine names, numbers
/// unrounded, statuses and origins as codes.
fn csv(summary: &BatchSummary, with_reports: bool, lang: Lang) -> String {
    let cols = columns(summary.criteria, with_reports);
    let mut out = cols
        .iter()
        .map(|c| csv_field(&c.key()))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for (row, rank) in summary.rows.iter().zip(ranks(summary.rows)) {
        let line: Vec<String> = cols
            .iter()
            .map(|c| match c.value(row, rank, lang) {
                CellValue::Empty => String::new(),
                CellValue::Text(s) => csv_field(&s),
                CellValue::Coded { code, .. } => csv_field(code),
                CellValue::Number(v) => v.to_string(),
            })
            .collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found_in(inputs: &[PathBuf], skip_dir: Option<&Path>) -> Found {
        discover(inputs, skip_dir, Lang::En).unwrap_or_else(|Failure(m)| panic!("{m}"))
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("abc"), "abc");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn report_names_never_repeat_nor_replace_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("x/lke.xlsx");
        let b = dir.path().join("y/LKE.json");
        let c = dir.path().join("y/lke-2.xlsx");
        for p in [&a, &b, &c] {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, b"").unwrap();
        }
        // Reports into the folder of two of the inputs: `lke-2.xlsx` is an input there.
        let out = dir.path().join("y/lke-3.xlsx");
        let planned = plan_reports(&[a, b, c], &dir.path().join("y"), Some(&out), Lang::Id)
            .unwrap_or_else(|Failure(m)| panic!("{m}"));
        let names: Vec<String> = planned.iter().map(|p| file_name(p)).collect();
        assert_eq!(names, ["lke.xlsx", "LKE-4.xlsx", "lke-2-2.xlsx"]);
    }

    #[test]
    fn discovery_walks_folders_in_order_skips_lock_files_and_lists_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b/2.xlsx",
            "b/1.ods",
            "a.json",
            "c.txt",
            "~$a.xlsx",
            ".h/x.xlsx",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, b"").unwrap();
        }
        let missing = root.join("nope.xlsx");
        let pattern = root.join("*.zzz");
        let found = found_in(
            &[root.to_path_buf(), root.join("a.json"), missing, pattern],
            None,
        );
        let files: Vec<String> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(files, ["a.json", "b/1.ods", "b/2.xlsx"]);
        assert_eq!(found.errors.len(), 2);
        assert!(found.errors[0].message.contains("nope.xlsx: no such file"));
        assert!(found.errors[1].message.contains("no file matches"));
        let globbed = found_in(&[root.join("b/*.xlsx")], None);
        assert_eq!(globbed.files, [root.join("b/2.xlsx")]);
        assert!(discover(&[root.join("[")], None, Lang::En).is_err());
        // The report folder is not searched inside another folder, but is when named itself.
        let b = root.join("b").canonicalize().unwrap();
        let skipping = found_in(&[root.to_path_buf()], Some(&b));
        assert_eq!(skipping.files, [root.join("a.json")]);
        assert_eq!(found_in(&[root.join("b")], Some(&b)).files.len(), 2);
    }
}
