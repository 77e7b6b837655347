//! `zona score`: one workbook in, its scores out (text, JSON).

use std::collections::HashMap;
use std::path::PathBuf;

use zona_core::{Lang, ScoreOptions, UnansweredPolicy};

use crate::{emit, load_criteria, output, Failure, Format, LangArg, Unanswered, YesNo};

#[derive(clap::Args)]
pub struct ScoreArgs {
    /// The filled LKE workbook (.xlsx, .xls, .ods).
    workbook: PathBuf,
    /// Criteria file (default: built-in PermenPANRB 90/2021).
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// What unanswered items count for: `zero` (as if submitted now) or `exclude` (left out of the
    /// sub-area mean, as the workbook's own formulas do).
    #[arg(long, value_enum, default_value_t = Unanswered::Zero)]
    unanswered: Unanswered,
    /// Whether the unit already holds Menuju WBK (needed for Menuju WBBM).
    #[arg(long, value_enum)]
    prior_wbk: Option<YesNo>,
    /// Language of the output: `id` (Bahasa Indonesia) or `en`.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    lang: LangArg,
}

pub fn run(args: ScoreArgs) -> Result<(), Failure> {
    let lang: Lang = args.lang.into();
    let criteria = load_criteria(args.criteria.as_deref(), lang)?;
    let (answers, source) =
        zona_xlsx::read_answers(&args.workbook, &criteria).map_err(|e| Failure(e.message(lang)))?;
    let mut prior = HashMap::new();
    if let Some(p) = args.prior_wbk {
        prior.insert("wbk".to_string(), matches!(p, YesNo::Yes));
    }
    let options = ScoreOptions {
        unanswered: match args.unanswered {
            Unanswered::Zero => UnansweredPolicy::Zero,
            Unanswered::Exclude => UnansweredPolicy::Exclude,
        },
        prior,
    };
    let result = zona_core::score(&criteria, &answers, &options);
    let ctx = output::Context {
        criteria: &criteria,
        result: &result,
        answers: &answers,
        source: &source,
        lang,
    };
    match args.format {
        Format::Text => emit(&output::text_summary(&ctx)),
        Format::Json => emit(&(output::json_summary(&ctx) + "\n")),
    }
}
