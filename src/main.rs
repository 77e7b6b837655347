//! The `zona` command line: a thin shell over zona-core (scoring) and zona-xlsx (spreadsheets).
//!
//! Exit codes: 0 done; 1 a batch in which some files could not be scored; 2 bad input or usage. Output goes to stdout; problems to stderr.

mod batch;
mod compare;
mod output;
mod score;
mod template;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use zona_core::{Criteria, Lang};

#[derive(Parser)]
#[command(
    name = "zona",
    version,
    about = "Menilai LKE Zona Integritas (PermenPANRB 90/2021) / Scores the Zona Integritas LKE"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score a filled LKE ZI workbook: total, areas, predicates (Menuju WBK/WBBM).
    Score(score::ScoreArgs),
    /// Compare workbooks side by side: a unit across years, or several units.
    Compare(compare::CompareArgs),
    /// Score many workbooks (files, folders, globs) in parallel into one ranked summary.
    Batch(batch::BatchArgs),
    /// Write a blank LKE workbook (official layout, drop-downs, formulas) for the criteria.
    Template(template::TemplateArgs),
    /// Validate a criteria file and list every problem.
    Check {
        /// The criteria TOML file.
        criteria: PathBuf,
        #[arg(long, value_enum, default_value_t = LangArg::Id)]
        lang: LangArg,
    },
    /// Inspect criteria.
    Criteria {
        #[command(subcommand)]
        command: CriteriaCommand,
    },
}

#[derive(Subcommand)]
enum CriteriaCommand {
    /// Print the criteria tree with weights.
    Show {
        /// Criteria file (default: built-in PermenPANRB 90/2021).
        #[arg(long)]
        criteria: Option<PathBuf>,
        /// Also list the items.
        #[arg(long)]
        items: bool,
        #[arg(long, value_enum, default_value_t = LangArg::Id)]
        lang: LangArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Unanswered {
    Zero,
    Exclude,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Id,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Id => Lang::Id,
            LangArg::En => Lang::En,
        }
    }
}

/// A failure that ends the command: its message, already in the user's language.
pub struct Failure(pub String);

fn main() -> ExitCode {
    zona_read::guard::install_quiet_panic_hook();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => score::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Batch(args) => return batch::run(args),
        Command::Template(args) => template::run(args),
        Command::Check { criteria, lang } => cmd_check(&criteria, lang.into()),
        Command::Criteria {
            command:
                CriteriaCommand::Show {
                    criteria,
                    items,
                    lang,
                },
        } => cmd_criteria_show(criteria.as_deref(), items, lang.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            let _ = writeln!(std::io::stderr(), "{msg}");
            ExitCode::from(2)
        }
    }
}

/// Writes to stdout; a closed pipe (`zona … | head`) is not an error.
pub fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure(e.to_string())),
    }
}

pub fn load_criteria(path: Option<&Path>, lang: Lang) -> Result<Criteria, Failure> {
    let criteria = match path {
        None => zona_core::default_criteria(),
        // A built-in criteria set may be named by its id (`--criteria permenpanrb-10-2019`).
        Some(p) if !p.exists() => {
            let id = p.to_string_lossy();
            match zona_core::builtin_criteria()
                .into_iter()
                .find(|c| c.meta.id == id)
            {
                Some(c) => c,
                None => zona_core::load_file(p).map_err(|e| Failure(e.message(lang)))?,
            }
        }
        Some(p) => zona_core::load_file(p).map_err(|e| Failure(e.message(lang)))?,
    };
    warn_if_provisional(&criteria, &[], lang);
    Ok(criteria)
}

/// Says on stderr, whenever provisional criteria are used, that they are provisional and what is
/// uncertain, naming the files scored with them when there are several.
pub fn warn_if_provisional(criteria: &Criteria, files: &[&str], lang: Lang) {
    if !criteria.meta.provisional {
        return;
    }
    let note = criteria.meta.provisional_note.as_deref().unwrap_or("");
    let used = if files.is_empty() {
        String::new()
    } else {
        format!(
            " [{}] ({}: {})",
            criteria.meta.id,
            lang.pick("dipakai untuk", "used for"),
            files.join(", ")
        )
    };
    let _ = writeln!(
        std::io::stderr(),
        "{}: {}{used} {note}",
        lang.pick("PERHATIAN", "NOTE"),
        lang.pick(
            "kriteria ini bersifat sementara (provisional).",
            "these criteria are provisional."
        ),
    );
}

fn cmd_check(path: &Path, lang: Lang) -> Result<(), Failure> {
    let c = zona_core::load_file(path).map_err(|e| Failure(e.message(lang)))?;
    let text = match lang {
        Lang::Id => format!(
            "{}: kriteria sah — {} ({} node, {} item, {} input jumlah, {} area, {} predikat; total bobot {})\n",
            path.display(),
            c.meta.name,
            c.nodes.len(),
            c.items.len(),
            c.count_inputs(),
            c.areas.len(),
            c.predicates.len(),
            zona_core::lang::fmt_plain(c.max_total(), lang)
        ),
        Lang::En => format!(
            "{}: valid criteria — {} ({} nodes, {} items, {} count inputs, {} areas, {} predicates; total weight {})\n",
            path.display(),
            c.meta.name,
            c.nodes.len(),
            c.items.len(),
            c.count_inputs(),
            c.areas.len(),
            c.predicates.len(),
            zona_core::lang::fmt_plain(c.max_total(), lang)
        ),
    };
    emit(&text)
}

fn cmd_criteria_show(path: Option<&Path>, items: bool, lang: Lang) -> Result<(), Failure> {
    let c = load_criteria(path, lang)?;
    emit(&output::criteria_tree(&c, items, lang))
}
