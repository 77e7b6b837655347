//! `zona portalrb export`: a workbook's answers as the PortalRB integration API's `jawaban-unit`
//! document (crates/zona-report/src/portalrb_json.rs, docs/serve.md).

use std::path::PathBuf;

use zona_core::Lang;
use zona_eval::{EvalOptions, Pipeline};
use zona_report::portalrb_json;

use crate::{criteria_set, emit, warn_best_fit_provisional, Failure, LangArg};

#[derive(clap::Subcommand)]
pub enum PortalRbCommand {
    /// Write the `GET /lke/jawaban-unit/{unit_id}` JSON document of a workbook to a file.
    Export(ExportArgs),
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The filled LKE (any input zona reads).
    workbook: PathBuf,
    /// The JSON file to write.
    #[arg(long)]
    out: PathBuf,
    /// Replace an existing file (never the input).
    #[arg(long)]
    force: bool,
    /// The unit's PortalRB id (default: derived from the file name, as `zona serve --portalrb`
    /// does without a units.toml entry).
    #[arg(long)]
    unit_id: Option<String>,
    /// Criteria file or built-in id (default: the built-in criteria that fit the workbook best).
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// Language of this command's messages.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    lang: LangArg,
}

pub fn run(command: PortalRbCommand) -> Result<(), Failure> {
    match command {
        PortalRbCommand::Export(args) => export(args),
    }
}

fn export(args: ExportArgs) -> Result<(), Failure> {
    let lang: Lang = args.lang.into();
    zona_report::output_file::check_as(
        zona_report::OutputKind::File,
        Some("json"),
        &args.out,
        &[&args.workbook],
        args.force,
    )
    .map_err(|e| Failure(e.message(lang)))?;
    let set = criteria_set(args.criteria.as_deref(), lang)?;
    let pipeline = Pipeline::new(&set);
    let ev = zona_eval::evaluate(&args.workbook, &pipeline, &EvalOptions::default())
        .map_err(|e| Failure(e.message(lang)))?;
    let used = [(ev.criteria_index, vec![ev.file.clone()])].into();
    warn_best_fit_provisional(&set, &used, lang);
    let unit_id = match args.unit_id {
        Some(id) => id,
        None => portalrb_json::unit_id_from_file_name(
            &args
                .workbook
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
    };
    let doc = portalrb_json::jawaban_unit(&ev, &unit_id).map_err(|e| Failure(e.message(lang)))?;
    portalrb_json::write(&args.out, &doc, &[&args.workbook], args.force)
        .map_err(|e| Failure(e.message(lang)))?;
    let answered = doc
        .answers
        .iter()
        .filter(|a| a.jawaban_unit.is_some())
        .count();
    emit(&format!(
        "{}: {} ({unit_id}, {answered}/{} soal)\n",
        args.out.display(),
        lang.pick("ditulis", "written"),
        doc.answers.len()
    ))
}
