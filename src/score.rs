//! `zona score`: one workbook in, its scores out (text, JSON).

use std::collections::HashMap;
use std::path::PathBuf;

use zona_core::{Lang, Layer, ScoreOptions, UnansweredPolicy};

use crate::{emit, load_criteria, output, Failure, Format, LangArg, Unanswered, YesNo};

#[derive(clap::Args)]
pub struct ScoreArgs {
    /// The filled LKE: a workbook (.xlsx, .xls, .ods) in the official or PortalRB layout, or a
    /// PortalRB JSON answer document (.json).
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
    /// Whether the unit already holds Menuju WBK (needed for Menuju WBBM). Default: what the
    /// workbook's unit sheet states, else unknown.
    #[arg(long, value_enum)]
    prior_wbk: Option<YesNo>,
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
    let criteria = load_criteria(args.criteria.as_deref(), lang)?;
    let (layered, source) =
        zona_read::read_layers(&args.workbook, &criteria).map_err(|e| Failure(e.message(lang)))?;
    // What the workbook states (its unit sheet), overridden by the flag.
    let mut prior: HashMap<String, bool> = layered
        .layers
        .first()
        .map(|(_, s)| s.unit.stated_predicates(&criteria))
        .unwrap_or_default();
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
    let layers: Vec<output::Scored> = zona_core::layers::resolve(layered)
        .layers
        .into_iter()
        .map(|(layer, answers)| output::Scored {
            layer,
            result: zona_core::score(&criteria, &answers, &options),
            answers,
        })
        .collect();
    let wanted: Layer = args.layer.into();
    let shown = layers
        .iter()
        .position(|s| s.layer == wanted)
        .ok_or_else(|| {
            let have: Vec<&str> = layers.iter().map(|s| s.layer.code()).collect();
            Failure(match lang {
                Lang::Id => format!(
                    "{}: tidak ada lapisan jawaban {} (yang ada: {})",
                    args.workbook.display(),
                    wanted.code().to_uppercase(),
                    have.join(", ")
                ),
                Lang::En => format!(
                    "{}: no {} answer layer (present: {})",
                    args.workbook.display(),
                    wanted.code().to_uppercase(),
                    have.join(", ")
                ),
            })
        })?;
    if let Some(out) = &args.out {
        let s = &layers[shown];
        // Every layer, the shown one included: with two or more the report has a Lapisan sheet.
        let all: Vec<zona_report::report::LayerInput> = layers
            .iter()
            .map(|l| zona_report::report::LayerInput {
                layer: l.layer,
                answers: &l.answers,
                result: &l.result,
            })
            .collect();
        let input = zona_report::report::ReportInput {
            criteria: &criteria,
            answers: &s.answers,
            result: &s.result,
            source: &source,
            options: &options,
            lang,
            layers: &all,
        };
        zona_report::report::write_report(
            out,
            &input,
            &zona_report::report::ReportOptions { force: args.force },
        )
        .map_err(|e| Failure(e.message(lang)))?;
    }
    let ctx = output::Context {
        criteria: &criteria,
        layers: &layers,
        shown,
        source: &source,
        lang,
    };
    match args.format {
        Format::Text => emit(&output::text_summary(&ctx)),
        Format::Json => emit(&(output::json_summary(&ctx) + "\n")),
    }
}
