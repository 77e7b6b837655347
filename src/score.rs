//! `zona score`: one workbook in, its scores out (text, JSON).

use std::path::PathBuf;

use zona_core::{Lang, Layer};
use zona_eval::{EvalOptions, Pipeline};
use zona_report::render;
use zona_report::report::{write_evaluation_report, ReportOptions};

use crate::{
    criteria_set, emit, emit_json, warn_best_fit_provisional, Failure, Format, LangArg, Unanswered,
    YesNo,
};

#[derive(clap::Args)]
pub struct ScoreArgs {
    /// The filled LKE: a workbook (.xlsx, .xls, .ods) in the official or PortalRB layout, or a
    /// PortalRB JSON answer document (.json).
    workbook: PathBuf,
    /// Criteria file or built-in id (default: the built-in criteria that fit the workbook best,
    /// PermenPANRB 90/2021 unless another is clearly better).
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// What unanswered items count for: `zero` (as if submitted now) or `exclude` (left out of the
    /// sub-area mean, as the workbook's own formulas do).
    #[arg(long, value_enum, default_value_t = Unanswered::Zero)]
    unanswered: Unanswered,
    /// Whether the unit already holds the predicate the others require first (Menuju WBK, needed
    /// for Menuju WBBM). Default: what the workbook's unit sheet states, else unknown.
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
    /// Language of the output: `id` (Bahasa Indonesia) or `en`.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    lang: LangArg,
    /// Which answer layer the summary shows: the unit's own, the internal evaluator's (TPI) or the
    /// national evaluator's (TPN). JSON always lists every layer the source has.
    #[arg(long, value_enum, default_value_t = LayerArg::Unit)]
    layer: LayerArg,
    /// Also write the xlsx report (Ringkasan, Lapisan when there are several answer layers, LKE,
    /// Prioritas, Validasi, Metode) to this file.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace an existing report (never the input workbook).
    #[arg(long)]
    force: bool,
    /// List every unanswered item and every "lengkapi bukti" action in the text summary
    /// (default: the first ten of each).
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    evidence: crate::evidence_args::EvidenceArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LayerArg {
    Unit,
    Tpi,
    Tpn,
}

impl From<LayerArg> for Layer {
    fn from(l: LayerArg) -> Layer {
        match l {
            LayerArg::Unit => Layer::Unit,
            LayerArg::Tpi => Layer::Tpi,
            LayerArg::Tpn => Layer::Tpn,
        }
    }
}

pub fn run(args: ScoreArgs) -> Result<(), Failure> {
    let lang: Lang = args.lang.into();
    let set = criteria_set(args.criteria.as_deref(), lang)?;
    let pipeline = Pipeline::new(&set);
    let options = EvalOptions {
        unanswered: args.unanswered.into(),
        prior_held: args.prior_wbk.map(|p| matches!(p, YesNo::Yes)),
        layer: args.layer.into(),
        holds: args.holds.as_deref().map(zona_eval::Holds::parse),
        thin_share: crate::thin_share(args.thin_margin, lang)?,
        evidence_policy: args.evidence.policy(lang)?,
        evidence: args.evidence.lookup(lang)?,
        ..EvalOptions::default()
    };
    let ev = zona_eval::evaluate(&args.workbook, &pipeline, &options)
        .map_err(|e| Failure(e.message(lang)))?;
    let used = [(ev.criteria_index, vec![ev.file.clone()])].into();
    warn_best_fit_provisional(&set, &used, lang);
    if let Some(out) = &args.out {
        write_evaluation_report(out, &ev, lang, &ReportOptions { force: args.force })
            .map_err(|e| Failure(e.message(lang)))?;
    }
    match args.format {
        Format::Text => emit(&render::score::text_with(
            &ev,
            lang,
            &render::score::TextOptions {
                all_unanswered: args.all,
                all_evidence_actions: args.all,
            },
            args.out.as_deref(),
        )),
        Format::Json => {
            emit_json(&(render::score::json_written(&ev, lang, args.out.as_deref()) + "\n"))
        }
    }
}
