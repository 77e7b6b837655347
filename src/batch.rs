//! `zona batch`: many workbooks in, one ranked summary out (docs/batch.md). Discovery, report
//! names and the parallel scoring are [`zona_eval::batch`]; the summary workbook is
//! [`zona_report::batch_writer`], the text/JSON/CSV [`zona_report::render::batch`]. Here: the
//! arguments, a progress bar, what goes to stdout and stderr, and the exit code.
//!
//! Exit codes (docs/cli.md): 0 every input scored; 1 some workbooks scored while other inputs
//! named nothing (missing, an empty folder, a pattern matching none) or could not be read (listed);
//! 2 nothing to score at all, bad usage, or an output that cannot be written.

use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use zona_core::Lang;
use zona_eval::batch::{
    discover, file_name, plan_reports, BatchOptions, Progress, WORKBOOK_EXTENSIONS,
};
use zona_eval::Pipeline;
use zona_report::batch_writer::{write_batch_summary, BatchSummary, BatchWriteOptions};
use zona_report::output_file;
use zona_report::render;
use zona_report::render::batch::Written;

use crate::evidence_args::EvidenceArgs;
use crate::{
    criteria_set, emit, emit_json, warn_best_fit_provisional, Failure, LangArg, Unanswered,
};

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
    #[command(flatten)]
    evidence: EvidenceArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    Text,
    Json,
    Csv,
}

/// The results zona wrote earlier that the search passed over, one line each (empty if none).
fn skipped_text(skipped: &[(PathBuf, zona_core::OutputKind)], lang: Lang) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "{} ({}):\n",
        lang.pick(
            "Dilewati, hasil tulisan zona (bukan LKE)",
            "Passed over, written by zona (not an LKE)"
        ),
        skipped.len()
    );
    const SHOWN: usize = 5;
    for (path, kind) in skipped.iter().take(SHOWN) {
        out.push_str(&format!(
            "  {} ({})\n",
            zona_core::lang::one_line(&path.display().to_string()),
            kind.label(lang)
        ));
    }
    if skipped.len() > SHOWN {
        let more = skipped.len() - SHOWN;
        out.push_str(&match lang {
            Lang::Id => format!("  … dan {more} lainnya\n"),
            Lang::En => format!("  … and {more} more\n"),
        });
    }
    out
}

/// Runs the batch; prints its own failure (exit code 2).
pub fn run(args: BatchArgs) -> ExitCode {
    match run_batch(args) {
        Ok(code) => code,
        Err(Failure(msg)) => {
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                zona_report::render::terminal_safe(&msg)
            );
            ExitCode::from(2)
        }
    }
}

fn run_batch(args: BatchArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.lang.into();
    let fail = |e: zona_eval::EvalError| Failure(e.message(lang));
    // A report folder inside a searched folder is not searched: reports are not LKE workbooks.
    let reports_dir = args.reports.as_deref().and_then(|d| d.canonicalize().ok());
    let found = discover(&args.inputs, reports_dir.as_deref(), lang).map_err(fail)?;
    // Nothing to score at all (every input is missing, an empty folder or a pattern matching no
    // workbook, alone or together): bad usage, exit 2, nothing written. Each input that named
    // nothing is listed first.
    if found.files.is_empty() {
        let mut msg: String = found
            .errors
            .iter()
            .map(|e| format!("{}\n", e.message))
            .collect();
        msg.push_str(&skipped_text(&found.skipped, lang));
        msg.push_str(&match lang {
            Lang::Id => format!(
                "tidak ada lembar kerja (.{}) untuk dinilai di {}",
                WORKBOOK_EXTENSIONS.join(" ."),
                inputs_text(&args.inputs)
            ),
            Lang::En => format!(
                "no workbooks (.{}) to score in {}",
                WORKBOOK_EXTENSIONS.join(" ."),
                inputs_text(&args.inputs)
            ),
        });
        return Err(Failure(msg));
    }
    let inputs: Vec<&Path> = found.files.iter().map(PathBuf::as_path).collect();
    let evidence = args.evidence.lookup(lang)?;

    // Every output is checked before any work starts.
    if let Some(out) = &args.out {
        output_file::check_as(
            zona_report::OutputKind::BatchSummary,
            None,
            out,
            &inputs,
            args.force,
        )
        .map_err(|e| Failure(e.message(lang)))?;
        check_parent(out, lang)?;
    }
    let report_paths: Vec<Option<PathBuf>> = match &args.reports {
        Some(dir) => {
            let planned = plan_reports(&found.files, dir, args.out.as_deref()).map_err(fail)?;
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

    let set = criteria_set(args.criteria.as_deref(), lang)?;
    let pipeline = Pipeline::new(&set);
    let options = BatchOptions {
        unanswered: args.unanswered.into(),
        jobs: args.jobs,
        force: args.force,
        lang,
        evidence_policy: args.evidence.policy(lang)?,
        evidence,
    };
    let bar = progress_bar(found.files.len());
    let progress = |p: Progress| match p {
        Progress::Started(path) => {
            bar.set_message(zona_report::render::terminal_line(&file_name(path)));
        }
        Progress::Done(_) => bar.inc(1),
    };
    let outcome =
        zona_eval::batch::run(&found.files, &report_paths, &pipeline, &options, &progress)
            .map_err(fail)?;
    bar.finish_and_clear();

    let mut errors = found.errors;
    errors.extend(outcome.errors);
    let mut output_errors = outcome.report_errors;
    warn_best_fit_provisional(&set, &outcome.used, lang);
    // The columns follow the criteria of the first file scored (in the order found).
    let reference = set.candidate(outcome.first_criteria.unwrap_or(0));
    let rows = outcome.rows;

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
        BatchFormat::Text => render::batch::text(&summary, &written, lang),
        BatchFormat::Json => {
            render::batch::json(
                &summary,
                &|i| set.candidate(i),
                &outcome.used,
                &written,
                lang,
            ) + "\n"
        }
        BatchFormat::Csv => render::batch::csv(&summary, args.reports.is_some(), lang),
    };
    match args.format {
        BatchFormat::Json => emit_json(&printed)?,
        _ => emit(&printed)?,
    }

    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "{}",
        zona_report::render::terminal_safe(&skipped_text(&found.skipped, lang))
    );
    if !errors.is_empty() {
        let _ = writeln!(
            err,
            "{} ({}):",
            lang.pick("Tidak dapat dinilai", "Could not be scored"),
            errors.len()
        );
        for e in &errors {
            let _ = writeln!(err, "  {}", zona_report::render::terminal_line(&e.message));
        }
    }
    if !output_errors.is_empty() {
        for e in &output_errors {
            let _ = writeln!(err, "{}", zona_report::render::terminal_line(e));
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
