//! `zona batch` as a library: many sources in, ranked summary rows out (docs/batch.md).
//!
//! 1. **Discovery** ([`discover`]): files as given, folders searched recursively for workbooks
//!    (`.xlsx .xlsm .xls .ods .json`), glob patterns expanded by zona itself (the `glob` crate, so
//!    `"data/**/*.xlsx"` works on any shell). A name that matches nothing is listed as an error.
//! 2. **Report names** ([`plan_reports`]): one per file, never an input nor the summary.
//! 3. **Scoring in parallel** ([`run`], rayon): each worker evaluates one file with the shared
//!    [`Pipeline`] (one reader per criteria set, built once for the whole batch), writes its
//!    report when asked, and returns only a [`BatchRow`] (with its evidence summary: coverage
//!    and the evidence-backed total under [`BatchOptions::evidence_policy`]): the file's answers
//!    and full score are dropped inside the worker, so memory stays flat in the number of files.
//!    A file that cannot be read, or even makes the reader panic, becomes an error row; the rest
//!    go on. Progress is reported through a callback.
//!
//! The rows come back ranked by total; rendering them (workbook, text, JSON, CSV) is zona-report's.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use zona_core::batch::{rank_rows, BatchError, BatchRow};
use zona_core::{Lang, Layer};
use zona_report::report::{write_evaluation_report, ReportOptions};

use crate::{evaluate, EvalError, EvalOptions, EvidenceLookup, EvidencePolicy, Pipeline};

/// The extensions a folder search or a glob takes (case-insensitive).
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "json"];

/// The file name of a path (the path itself when it has none).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
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

// ---------------------------------------------------------------------------------------------
// Discovery

/// What discovery found: the files to score in order, the names that gave none, and the results
/// zona wrote earlier that a folder search or pattern passed over (not scored, not failed).
#[derive(Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub errors: Vec<BatchError>,
    pub skipped: Vec<(PathBuf, zona_core::OutputKind)>,
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
    /// Canonical paths of the folders searched (a symlink loop is searched once), with the
    /// workbooks met in each (a folder named again, or inside another named, gave them).
    visited: HashMap<PathBuf, usize>,
    /// Workbooks met so far, taken or not (named twice, zona's own results).
    met: usize,
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

    /// A workbook met in a folder or by a pattern: one zona wrote as a result is passed over.
    fn add_found(&mut self, path: &Path) {
        if let Some(kind) = zona_read::zona_output_kind(path) {
            self.met += 1;
            self.found.skipped.push((path.to_path_buf(), kind));
            return;
        }
        self.add(path);
    }

    fn add(&mut self, path: &Path) {
        self.met += 1;
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if self.seen.insert(key) {
            self.found.files.push(path.to_path_buf());
        }
    }

    /// Searches a folder; `nested`: met inside another searched folder.
    fn walk(&mut self, dir: &Path, nested: bool) {
        let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        if nested && self.skip_dir == Some(key.as_path()) {
            return;
        }
        if let Some(met) = self.visited.get(&key) {
            self.met += met;
            return;
        }
        self.visited.insert(key.clone(), 0);
        let met_before = self.met;
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                let what = self
                    .lang
                    .pick("folder tidak dapat dibaca", "cannot read the folder");
                return self.error(
                    dir,
                    format!("{what}: {}", zona_read::io_error_text(&e, self.lang)),
                );
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
                Ok(_) if has_workbook_extension(&p) => self.add_found(&p),
                Ok(_) => {}
                // A broken symlink or a file that vanished: listed only if it looked like a workbook.
                Err(e) if has_workbook_extension(&p) => {
                    let text = zona_read::io_error_text(&e, self.lang);
                    self.error(&p, text);
                }
                Err(_) => {}
            }
        }
        let met = self.met - met_before;
        self.visited.insert(key, met);
    }

    fn glob(&mut self, input: &Path, pattern: &str) -> Result<(), EvalError> {
        let lang = self.lang;
        let paths = glob::glob(pattern).map_err(|source| EvalError::Pattern {
            pattern: pattern.to_string(),
            source,
        })?;
        let before = (self.met, self.found.errors.len());
        let mut matched = false;
        for entry in paths {
            match entry {
                Ok(p) => {
                    matched = true;
                    match std::fs::metadata(&p) {
                        Ok(m) if m.is_dir() => self.walk(&p, false),
                        Ok(_) if has_workbook_extension(&p) => self.add_found(&p),
                        _ => {}
                    }
                }
                Err(e) => {
                    let p = e.path().to_path_buf();
                    self.error(&p, e.error());
                }
            }
        }
        if (self.met, self.found.errors.len()) == before {
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
pub fn discover(
    inputs: &[PathBuf],
    skip_dir: Option<&Path>,
    lang: Lang,
) -> Result<Found, EvalError> {
    let mut d = Discovery {
        found: Found::default(),
        seen: HashSet::new(),
        visited: HashMap::new(),
        met: 0,
        skip_dir,
        lang,
    };
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                // A folder that gives no workbook named nothing, like a pattern matching none.
                let before = (d.met, d.found.errors.len());
                d.walk(input, false);
                if (d.met, d.found.errors.len()) == before {
                    let message = match lang {
                        Lang::Id => format!(
                            "tidak ada lembar kerja (.{}) di folder ini",
                            WORKBOOK_EXTENSIONS.join(" .")
                        ),
                        Lang::En => format!(
                            "no workbook (.{}) in this folder",
                            WORKBOOK_EXTENSIONS.join(" .")
                        ),
                    };
                    d.error(input, message);
                }
            }
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
                None => d.error(input, zona_read::io_error_text(&e, lang)),
            },
        }
    }
    Ok(d.found)
}

/// The longest file name (bytes) the file systems zona runs on take (Linux, macOS; Windows counts
/// 255 UTF-16 units, which a name of 255 bytes never exceeds).
pub const NAME_MAX: usize = 255;

/// `stem` cut to at most `max` bytes, at a character boundary.
fn fit_name(stem: &str, max: usize) -> &str {
    if stem.len() <= max {
        return stem;
    }
    let mut end = max;
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    &stem[..end]
}

/// The report path of every file: `<dir>/<file stem>.xlsx`; a name already taken by an earlier
/// report, by an input or by the summary (compared without case) gets `-2`, `-3`, …; a stem is
/// cut so that the name stays within [`NAME_MAX`] bytes (else the report is refused only after
/// its unit was scored).
pub fn plan_reports(
    files: &[PathBuf],
    dir: &Path,
    out: Option<&Path>,
) -> Result<Vec<PathBuf>, EvalError> {
    if dir.exists() && !dir.is_dir() {
        return Err(EvalError::NotAFolder {
            dir: dir.display().to_string(),
        });
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
                let suffix = if n == 1 {
                    ".xlsx".to_string()
                } else {
                    format!("-{n}.xlsx")
                };
                format!("{}{suffix}", fit_name(&stem, NAME_MAX - suffix.len()))
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

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub unanswered: zona_core::UnansweredPolicy,
    /// Worker threads (None: one per core).
    pub jobs: Option<NonZeroUsize>,
    /// Replace existing reports (never an input).
    pub force: bool,
    /// The language of error messages and reports.
    pub lang: Lang,
    /// What an answered item without acceptable evidence counts for in each row's
    /// evidence-backed total.
    pub evidence_policy: EvidencePolicy,
    /// Where the files evidence entries name are looked for (`--evidence-dir`, then each
    /// workbook's own folder).
    pub evidence: EvidenceLookup,
}

/// What a batch gives back.
#[derive(Debug, Default)]
pub struct BatchOutcome {
    /// Ranked by total, highest first ([`rank_rows`]).
    pub rows: Vec<BatchRow>,
    /// The files that could not be scored, in the order given.
    pub errors: Vec<BatchError>,
    /// Why some units' reports could not be written.
    pub report_errors: Vec<String>,
    /// Index of each criteria set used (into the pipeline's candidates) → the files scored with it.
    pub used: BTreeMap<usize, Vec<String>>,
    /// The criteria of the first file scored, in the order found: the summary's columns follow it.
    pub first_criteria: Option<usize>,
}

enum Outcome {
    Scored {
        row: Box<BatchRow>,
        criteria: usize,
        report_error: Option<String>,
    },
    Failed(String),
}

/// The most threads a batch starts, however many `--jobs` asks for: each holds a workbook, and
/// starting thousands took minutes before the first file was read (`--jobs 100000`).
pub const MAX_JOBS: usize = 256;

/// The threads for `jobs` asked and `files` to score: never more than the files, nor
/// [`MAX_JOBS`].
fn worker_count(jobs: NonZeroUsize, files: usize) -> usize {
    jobs.get().min(files.max(1)).min(MAX_JOBS)
}

/// Scores `files` in parallel (each with its planned report path, or None) and ranks the rows.
/// `progress` is called with each file as a worker takes it and once more when it is done.
pub fn run(
    files: &[PathBuf],
    reports: &[Option<PathBuf>],
    pipeline: &Pipeline,
    options: &BatchOptions,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<BatchOutcome, EvalError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.map_or(0, |j| worker_count(j, files.len())))
        .build()
        .map_err(EvalError::Threads)?;
    let none = vec![None; files.len()];
    let reports = if reports.len() == files.len() {
        reports
    } else {
        &none
    };
    let outcomes: Vec<Outcome> = pool.install(|| {
        files
            .par_iter()
            .zip(reports.par_iter())
            .map(|(path, report)| {
                progress(Progress::Started(path));
                let outcome = score_file(path, report.as_deref(), pipeline, options);
                progress(Progress::Done(path));
                outcome
            })
            .collect()
    });
    let mut out = BatchOutcome::default();
    for (path, outcome) in files.iter().zip(outcomes) {
        match outcome {
            Outcome::Scored {
                row,
                criteria,
                report_error,
            } => {
                out.first_criteria.get_or_insert(criteria);
                out.used.entry(criteria).or_default().push(row.file.clone());
                out.report_errors.extend(report_error);
                out.rows.push(*row);
            }
            Outcome::Failed(message) => out.errors.push(BatchError {
                file: path.display().to_string(),
                message,
            }),
        }
    }
    rank_rows(&mut out.rows);
    Ok(out)
}

/// A file a worker took up, or finished.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    Started(&'a Path),
    Done(&'a Path),
}

/// Scores one file: its summary row, or the reason it could not be scored. A panic (a bug, never
/// expected) is caught and reported as this file's error.
fn score_file(
    path: &Path,
    report: Option<&Path>,
    pipeline: &Pipeline,
    job: &BatchOptions,
) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| {
        score_file_inner(path, report, pipeline, job)
    })) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(message)) => Outcome::Failed(message),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(std::string::ToString::to_string)
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

fn score_file_inner(
    path: &Path,
    report: Option<&Path>,
    pipeline: &Pipeline,
    job: &BatchOptions,
) -> Result<Outcome, String> {
    let lang = job.lang;
    // The unit's own layer is shown; the others (TPI, TPN) are scored only for a report's
    // Lapisan sheet. The second pass that explains blank answers under merged cells is skipped.
    let options = EvalOptions {
        unanswered: job.unanswered,
        prior_held: None,
        layer: Layer::Unit,
        all_layers: report.is_some(),
        explain_merged_answers: false,
        evidence_policy: job.evidence_policy,
        evidence: job.evidence.clone(),
        ..EvalOptions::default()
    };
    let eval = evaluate(path, pipeline, &options).map_err(|e| match e {
        EvalError::NoLayer { .. } => format!(
            "{}: {}",
            path.display(),
            lang.pick("tidak ada jawaban unit", "no unit answers")
        ),
        e => e.message(lang),
    })?;
    let unit = eval.shown();
    let mut row = BatchRow::new(
        path,
        eval.criteria,
        &unit.answers,
        &unit.result,
        &zona_read::unit::from_file_name(path),
    )
    .with_evidence(&unit.evidence);
    let mut report_error = None;
    if let Some(report) = report {
        match write_evaluation_report(report, &eval, lang, &ReportOptions { force: job.force }) {
            Ok(()) => row.report = Some(report.display().to_string()),
            Err(e) => report_error = Some(e.message(lang)),
        }
    }
    Ok(Outcome::Scored {
        row: Box::new(row),
        criteria: eval.criteria_index,
        report_error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found_in(inputs: &[PathBuf], skip_dir: Option<&Path>) -> Found {
        discover(inputs, skip_dir, Lang::En).unwrap_or_else(|e| panic!("{e}"))
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
        let planned = plan_reports(&[a, b, c], &dir.path().join("y"), Some(&out))
            .unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = planned.iter().map(|p| file_name(p)).collect();
        assert_eq!(names, ["lke.xlsx", "LKE-4.xlsx", "lke-2-2.xlsx"]);
    }

    #[test]
    fn a_batch_starts_no_more_threads_than_files_nor_max_jobs() {
        let n = |j: usize| NonZeroUsize::new(j).unwrap();
        assert_eq!(worker_count(n(4), 10), 4);
        assert_eq!(worker_count(n(100_000), 1), 1);
        assert_eq!(worker_count(n(100_000), 5_000), MAX_JOBS);
        assert_eq!(worker_count(n(3), 0), 1);
    }

    #[test]
    fn report_names_stay_within_the_longest_file_name() {
        // Two inputs with the same 255-byte name (the longest a file system takes): the second
        // report, `-2.xlsx`, was 257 bytes and refused after its unit was scored.
        let dir = tempfile::tempdir().unwrap();
        let stem = format!("lke--{}a", "é".repeat(122)); // 5 + 244 + 1 bytes
        let name = format!("{stem}.xlsx");
        assert_eq!(name.len(), 255);
        let a = dir.path().join("a").join(&name);
        let b = dir.path().join("b").join(&name);
        let xls = dir.path().join("c").join(format!("{stem}x.xls"));
        for p in [&a, &b, &xls] {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, b"").unwrap();
        }
        let planned = plan_reports(&[a, b, xls], &dir.path().join("laporan"), None).unwrap();
        let names: Vec<String> = planned.iter().map(|p| file_name(p)).collect();
        assert_eq!(names[0], name);
        // Cut to 248 bytes for "-2.xlsx", back to a character boundary (an "é" is two bytes).
        assert_eq!(names[1], format!("lke--{}-2.xlsx", "é".repeat(121)));
        assert_eq!(names[2], format!("lke--{}-3.xlsx", "é".repeat(121)));
        for n in &names {
            assert!(n.len() <= 255, "{} bytes", n.len());
        }
        // And they can be written.
        std::fs::create_dir_all(dir.path().join("laporan")).unwrap();
        for p in &planned {
            std::fs::write(p, b"x").unwrap();
        }
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
