//! `zona compare`: several workbooks side by side (a unit across years, or several units in one
//! year), as text, JSON and optionally a workbook (docs/compare.md). The pipeline is
//! [`zona_eval::compare`]; the renderings are [`zona_report::render::compare`].

use std::io::Write;
use std::path::{Path, PathBuf};

use zona_core::{Evaluation, Lang};
use zona_eval::{EvalOptions, Pipeline};
use zona_report::compare_writer::{check_output, write_comparison, CompareWriteOptions};
use zona_report::render;

use crate::evidence_args::EvidenceArgs;
use crate::{
    criteria_set, emit, emit_json, warn_best_fit_provisional, Failure, LangArg, Unanswered, YesNo,
};

#[derive(clap::Args)]
pub struct CompareArgs {
    /// The filled LKE workbooks (.xlsx, .xls, .ods), oldest first: two or more.
    #[arg(required = true, num_args = 2..)]
    workbooks: Vec<PathBuf>,
    /// Column labels, comma-separated, one per workbook (default: the years when the workbooks
    /// state one unit and its years, else "unit year", else the file names).
    #[arg(long, value_delimiter = ',')]
    labels: Vec<String>,
    /// Also write the comparison as a workbook (summary, items, chart).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace the `--out` file if it exists.
    #[arg(long)]
    force: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    format: CompareFormat,
    /// Language of the output: `id` (Bahasa Indonesia) or `en`.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    lang: LangArg,
    /// Criteria file for every workbook (default: the best-fitting built-in criteria per workbook).
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// What unanswered items count for: `zero` or `exclude` (as in `zona score`).
    #[arg(long, value_enum, default_value_t = Unanswered::Zero)]
    unanswered: Unanswered,
    /// Whether the unit held the predicate the others require first (Menuju WBK, needed for
    /// Menuju WBBM) in every compared evaluation. Default: what each workbook's unit sheet states.
    #[arg(long, value_enum)]
    prior_wbk: Option<YesNo>,
    /// The predicate the unit holds, overriding what its unit sheet states: a predicate of the
    /// criteria by key or short name (`wbk`, `wbbm`), or `tidak` (none). A holder's output leads
    /// with whether it still meets that predicate (the internal assessment of Lampiran II Bab IV).
    #[arg(long, value_name = "wbk|wbbm|tidak")]
    holds: Option<String>,
    /// A held predicate's condition is called out as thin when met by less than this share of
    /// its threshold, in percent.
    #[arg(long, value_name = "PERCENT", default_value_t = 2.0)]
    thin_margin: f64,
    #[command(flatten)]
    evidence: EvidenceArgs,
}

/// What `zona compare` prints: the side-by-side text, the JSON document, or CSV records in long
/// form (one per column and row).
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CompareFormat {
    Text,
    Json,
    Csv,
}

pub fn run(args: CompareArgs) -> Result<(), Failure> {
    let lang: Lang = args.lang.into();
    let inputs: Vec<&Path> = args.workbooks.iter().map(PathBuf::as_path).collect();
    if let Some(out) = &args.out {
        check_output(out, &inputs, args.force).map_err(|e| Failure(e.message(lang)))?;
    }
    let set = criteria_set(args.criteria.as_deref(), lang)?;
    let pipeline = Pipeline::new(&set);
    let options = EvalOptions {
        unanswered: args.unanswered.into(),
        prior_held: args.prior_wbk.map(|p| matches!(p, YesNo::Yes)),
        holds: args.holds.as_deref().map(zona_eval::Holds::parse),
        thin_share: crate::thin_share(args.thin_margin, lang)?,
        evidence_policy: args.evidence.policy(lang)?,
        evidence: args.evidence.lookup(lang)?,
        ..EvalOptions::default()
    };
    let run = zona_eval::compare::run(&args.workbooks, &args.labels, &pipeline, &options)
        .map_err(|e| Failure(e.message(lang)))?;
    let mut used = std::collections::BTreeMap::<usize, Vec<String>>::new();
    for c in &run.columns {
        used.entry(c.evaluation.criteria_index)
            .or_default()
            .push(c.evaluation.file.clone());
    }
    warn_best_fit_provisional(&set, &used, lang);
    if !run.units_differ.is_empty() {
        let names = zona_report::render::terminal_safe(&run.units_differ.join(", "));
        let _ = writeln!(
            std::io::stderr(),
            "{}: {}: {names}",
            lang.pick("PERHATIAN", "NOTE"),
            lang.pick(
                "lembar kerja ini menyebut unit yang berbeda pada tahun yang berbeda",
                "these workbooks name different units in different years"
            )
        );
    }
    if let Some(out) = &args.out {
        write_comparison(
            out,
            &run.comparison,
            &inputs,
            &CompareWriteOptions {
                lang,
                force: args.force,
                ..Default::default()
            },
        )
        .map_err(|e| Failure(e.message(lang)))?;
    }
    let columns: Vec<&Evaluation> = run.columns.iter().map(|c| &c.evaluation).collect();
    let out = args.out.as_deref();
    match args.format {
        CompareFormat::Text => emit(&render::compare::text(&run.comparison, &columns, out, lang)),
        CompareFormat::Json => {
            emit_json(&(render::compare::json(&run.comparison, &columns, out, lang) + "\n"))
        }
        CompareFormat::Csv => emit(&render::compare::csv(&run.comparison, &columns, lang)),
    }
}
