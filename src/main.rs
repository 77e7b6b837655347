//! The `zona` command line: argument parsing, a call into the evaluation pipeline (zona-eval), a
//! renderer (zona-report) and the exit code. No scoring, reading or rendering happens here.
//!
//! Exit codes: 0 done; 1 a batch in which some files could not be scored; 2 bad input or usage.
//! Output goes to stdout; problems to stderr.

mod batch;
mod compare;
mod evidence;
mod evidence_args;
mod portalrb;
mod score;
mod serve;
mod template;

/// mimalloc instead of the system allocator: reading a workbook allocates many small strings and
/// vectors on every worker thread, and glibc's malloc spent a fifth of a batch's time in its own
/// bookkeeping (docs/performance.md, "Allocator").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use zona_core::{Criteria, Lang};
use zona_eval::CriteriaSet;

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
    /// Serve the web page: upload a workbook, see its result, download its report.
    Serve(serve::ServeArgs),
    /// PortalRB integration: export a workbook as the API's `jawaban-unit` JSON document.
    Portalrb {
        #[command(subcommand)]
        command: portalrb::PortalRbCommand,
    },
    /// Evidence (data dukung): pack the files a workbook names, with an index workbook.
    Evidence {
        #[command(subcommand)]
        command: evidence::EvidenceCommand,
    },
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
    #[value(alias = "ya")]
    Yes,
    #[value(alias = "tidak")]
    No,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Id,
    En,
}

impl From<Unanswered> for zona_core::UnansweredPolicy {
    fn from(u: Unanswered) -> Self {
        match u {
            Unanswered::Zero => zona_core::UnansweredPolicy::Zero,
            Unanswered::Exclude => zona_core::UnansweredPolicy::Exclude,
        }
    }
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Id => Lang::Id,
            LangArg::En => Lang::En,
        }
    }
}

/// `--thin-margin` as a share of the threshold: a percentage from 0 to 100, else a failure in
/// the user's language.
pub fn thin_share(percent: f64, lang: Lang) -> Result<f64, Failure> {
    if percent.is_finite() && (0.0..=100.0).contains(&percent) {
        Ok(percent / 100.0)
    } else {
        Err(Failure(format!(
            "--thin-margin {percent}: {}",
            lang.pick(
                "harus berupa persentase antara 0 dan 100",
                "must be a percentage from 0 to 100"
            )
        )))
    }
}

/// A usage error (an unknown flag, a bad value, a missing argument): in Bahasa Indonesia unless
/// the command line asks for English (`--lang en`), exit 2. Help and version go to stdout as
/// clap writes them.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            },
        );
    }
    let args: Vec<String> = std::env::args().collect();
    let english = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || args.iter().any(|a| a == "--lang=en");
    let text = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(other) => Some(other.to_string()),
        None => None,
    };
    let said = if english {
        None
    } else {
        let arg = text(ContextKind::InvalidArg).unwrap_or_default();
        let value = text(ContextKind::InvalidValue).unwrap_or_default();
        let valid = text(ContextKind::ValidValue)
            .map(|v| format!(" (pilihan: {v})"))
            .unwrap_or_default();
        let hint = text(ContextKind::SuggestedArg)
            .or(text(ContextKind::SuggestedSubcommand))
            .map(|v| format!("; mungkin maksudnya: {v}"))
            .unwrap_or_default();
        match e.kind() {
            ErrorKind::UnknownArgument => Some(format!("argumen tidak dikenal: `{arg}`{hint}")),
            ErrorKind::InvalidSubcommand => {
                let sub = text(ContextKind::InvalidSubcommand).unwrap_or_default();
                Some(format!("perintah tidak dikenal: `{sub}`{hint}"))
            }
            ErrorKind::InvalidValue => {
                Some(format!("nilai `{value}` tidak sah untuk `{arg}`{valid}"))
            }
            // The validator's own reason is in English: the value and the flag say enough.
            ErrorKind::ValueValidation => Some(format!("nilai `{value}` tidak sah untuk `{arg}`")),
            ErrorKind::MissingRequiredArgument => {
                Some(format!("argumen wajib belum diberikan: {arg}"))
            }
            ErrorKind::MissingSubcommand => Some("perintah belum diberikan".to_string()),
            ErrorKind::ArgumentConflict => Some(format!(
                "`{arg}` tidak dapat dipakai bersama `{}`",
                text(ContextKind::PriorArg).unwrap_or_default()
            )),
            ErrorKind::TooFewValues => Some(format!(
                "`{arg}` memerlukan sedikitnya {} nilai; baru {} diberikan",
                text(ContextKind::MinValues).unwrap_or_default(),
                text(ContextKind::ActualNumValues).unwrap_or_default()
            )),
            ErrorKind::WrongNumberOfValues | ErrorKind::TooManyValues => {
                Some(format!("jumlah nilai untuk `{arg}` tidak sah"))
            }
            _ => None,
        }
    };
    match said {
        Some(msg) => {
            let usage = text(ContextKind::Usage)
                .map(|u| format!("\n\n{}", u.replacen("Usage:", "Pemakaian:", 1)))
                .unwrap_or_default();
            let _ = writeln!(
                std::io::stderr(),
                "galat: {}{usage}\n\nLihat `--help` untuk bantuan.",
                zona_report::render::terminal_safe(&msg)
            );
            ExitCode::from(2)
        }
        None => {
            let _ = e.print();
            ExitCode::from(2)
        }
    }
}

/// A failure that ends the command: its message, already in the user's language.
pub struct Failure(pub String);

fn main() -> ExitCode {
    zona_read::guard::install_quiet_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let result = match cli.command {
        Command::Score(args) => score::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Batch(args) => return batch::run(args),
        Command::Template(args) => template::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Portalrb { command } => portalrb::run(command),
        Command::Evidence { command } => evidence::run(command),
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
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                zona_report::render::terminal_safe(&msg)
            );
            ExitCode::from(2)
        }
    }
}

/// Writes text (a summary, CSV, a confirmation) to stdout, made safe for a terminal
/// ([`zona_report::render::terminal_safe`]: a control character from an input, in a CSV field or
/// an output name, is shown escaped); a closed pipe (`zona … | head`) is not an error.
pub fn emit(text: &str) -> Result<(), Failure> {
    emit_raw(&zona_report::render::terminal_safe(text))
}

/// [`emit`] for JSON, whose strings already escape every control character.
pub fn emit_json(text: &str) -> Result<(), Failure> {
    emit_raw(text)
}

fn emit_raw(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure(e.to_string())),
    }
}

/// The criteria the user named (a file or a built-in id), or every built-in set for a best fit
/// per source. A provisional set the user named is announced at once.
pub fn criteria_set(path: Option<&Path>, lang: Lang) -> Result<CriteriaSet, Failure> {
    let set = CriteriaSet::load(path).map_err(|e| Failure(e.message(lang)))?;
    if set.is_given() {
        warn_if_provisional(set.primary(), &[], lang);
    }
    Ok(set)
}

/// One criteria set: the one named, else the default built-in set (announced when provisional).
pub fn load_criteria(path: Option<&Path>, lang: Lang) -> Result<Criteria, Failure> {
    let set = criteria_set(path, lang)?;
    Ok(set.primary().clone())
}

/// Announces the provisional criteria a best fit chose, once per criteria set, naming the files
/// scored with them (`used`: index into the set's candidates → files).
pub fn warn_best_fit_provisional(
    set: &CriteriaSet,
    used: &std::collections::BTreeMap<usize, Vec<String>>,
    lang: Lang,
) {
    if set.is_given() {
        return;
    }
    for (i, files) in used {
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        warn_if_provisional(set.candidate(*i), &files, lang);
    }
}

/// Says on stderr, whenever provisional criteria are used, that they are provisional and what is
/// uncertain, naming the files scored with them when there are several.
pub fn warn_if_provisional(criteria: &Criteria, files: &[&str], lang: Lang) {
    if !criteria.meta.provisional {
        return;
    }
    let note = criteria.meta.provisional_note(lang);
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
    let note = zona_report::render::terminal_safe(note);
    let used = zona_report::render::terminal_safe(&used);
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
    // A file, or a built-in set by its id; anything else says which ids there are.
    let set = zona_eval::CriteriaSet::load(Some(path)).map_err(|e| Failure(e.message(lang)))?;
    let c = set.primary();
    emit(&zona_report::render::criteria::check_ok(
        &path.display().to_string(),
        c,
        lang,
    ))
}

fn cmd_criteria_show(path: Option<&Path>, items: bool, lang: Lang) -> Result<(), Failure> {
    let c = load_criteria(path, lang)?;
    emit(&zona_report::render::criteria::tree(&c, items, lang))
}
