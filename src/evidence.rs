//! `zona evidence pack`: the files a workbook names as evidence, copied into a folder tree
//! numbered like the LKE, with an index workbook (crates/zona-report/src/evidence_pack.rs,
//! docs/evidence.md).

use std::path::PathBuf;
use zona_core::lang::count_en;

use zona_core::Lang;
use zona_eval::{EvalOptions, EvidenceLookup, Pipeline};
use zona_report::evidence_pack::{self, PackEntryKind, PackOptions, PackSources};
use zona_report::render::terminal_safe;

use crate::{criteria_set, emit, warn_best_fit_provisional, Failure, LangArg};

#[derive(clap::Subcommand)]
pub enum EvidenceCommand {
    /// Copy the local files a workbook names as evidence into a folder tree numbered like the
    /// LKE, with an index workbook (links, files, sizes, SHA-256, items without evidence).
    Pack(PackArgs),
}

#[derive(clap::Args)]
pub struct PackArgs {
    /// The filled LKE (any input zona reads).
    workbook: PathBuf,
    /// The evidence folder the workbook's paths are relative to (read only: nothing in it is
    /// changed). Paths are also looked for beside the workbook.
    #[arg(long)]
    dir: PathBuf,
    /// The pack folder to write; never inside the evidence folder or the workbook's folder.
    #[arg(long)]
    out: PathBuf,
    /// Replace an existing pack (only a pack zona wrote).
    #[arg(long)]
    force: bool,
    /// Criteria file or built-in id (default: the built-in criteria that fit the workbook best).
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// Language of the index and of this command's messages: `id` (Bahasa Indonesia) or `en`.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    lang: LangArg,
}

pub fn run(command: EvidenceCommand) -> Result<(), Failure> {
    match command {
        EvidenceCommand::Pack(args) => pack(args),
    }
}

fn pack(args: PackArgs) -> Result<(), Failure> {
    let lang: Lang = args.lang.into();
    if !args.dir.is_dir() {
        return Err(Failure(format!(
            "{}: {}",
            args.dir.display(),
            lang.pick(
                "folder bukti tidak ditemukan atau bukan folder",
                "the evidence folder does not exist or is not a folder"
            )
        )));
    }
    let sources = PackSources {
        workbook: &args.workbook,
        evidence_dir: &args.dir,
    };
    evidence_pack::check(&args.out, &sources, args.force).map_err(|e| Failure(e.message(lang)))?;
    let set = criteria_set(args.criteria.as_deref(), lang)?;
    let pipeline = Pipeline::new(&set);
    let options = EvalOptions {
        evidence: EvidenceLookup::Beside {
            dir: Some(args.dir.clone()),
        },
        ..EvalOptions::default()
    };
    let ev = zona_eval::evaluate(&args.workbook, &pipeline, &options)
        .map_err(|e| Failure(e.message(lang)))?;
    let used = [(ev.criteria_index, vec![ev.file.clone()])].into();
    warn_best_fit_provisional(&set, &used, lang);
    let pack = evidence_pack::write_pack(
        &args.out,
        &ev,
        &sources,
        &PackOptions {
            force: args.force,
            lang,
            date: today(),
        },
    )
    .map_err(|e| Failure(e.message(lang)))?;
    let (items, files, links, missing, nothing) = (
        pack.items.len(),
        pack.files_copied(),
        pack.links(),
        pack.files_missing(),
        pack.items_with_nothing(),
    );
    let bytes = evidence_pack::bytes_text(pack.bytes_copied(), lang);
    let mut text = match lang {
        Lang::Id => format!(
            "{}: paket bukti ditulis — {items} butir, {files} berkas disalin ({bytes} byte), {links} tautan, {missing} berkas tidak ada, {nothing} butir tanpa data dukung\nIndeks: {}\n",
            args.out.display(),
            pack.index.display()
        ),
        Lang::En => format!(
            "{}: evidence pack written — {}, {} copied ({bytes} bytes), {}, {} missing, {} without evidence\nIndex: {}\n",
            args.out.display(),
            count_en(items, "item", "items"),
            count_en(files, "file", "files"),
            count_en(links, "link", "links"),
            count_en(missing, "file", "files"),
            count_en(nothing, "item", "items"),
            pack.index.display()
        ),
    };
    let absent: Vec<String> = pack
        .items
        .iter()
        .flat_map(|i| i.entries.iter().map(move |e| (i, e)))
        .filter_map(|(i, e)| match &e.kind {
            PackEntryKind::Missing(why) => {
                Some(format!("  {}  {}: {}\n", i.number, e.text, why.label(lang)))
            }
            _ => None,
        })
        .collect();
    if !absent.is_empty() {
        text.push_str(lang.pick("Tidak ada di paket:\n", "Not in the pack:\n"));
        text.extend(absent);
    }
    emit(&terminal_safe(&text))
}

/// Today's date in the machine's time zone (in Indonesia WIB, WITA or WIT: a pack made at
/// 06:00 WIB is dated that day, not the day before as in UTC); UTC when the offset cannot be
/// known (`time` refuses to read it while other threads run).
fn today() -> (u16, u8, u8) {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    (
        u16::try_from(now.year()).unwrap_or(u16::MAX),
        u8::from(now.month()),
        now.day(),
    )
}
