//! `zona template`: writes a blank LKE workbook in the official layout for any criteria, with
//! drop-downs, locked cells and formulas that compute the score as zona does (docs/template.md).

use std::path::PathBuf;

use zona_core::lang::fmt_plain;
use zona_core::Lang;
use zona_report::template::{write_template, TemplateOptions};

use crate::{emit, load_criteria, Failure, LangArg};

#[derive(clap::Args)]
pub struct TemplateArgs {
    /// Where to write the blank LKE workbook (an .xlsx file).
    #[arg(long)]
    out: PathBuf,
    /// Criteria file (default: built-in PermenPANRB 90/2021).
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    force: bool,
    /// Language of the notes and prompts in the workbook and of this command's messages: `id`
    /// (Bahasa Indonesia) or `en`. The LKE table itself keeps the criteria's (official) wording.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    lang: LangArg,
}

pub fn run(args: TemplateArgs) -> Result<(), Failure> {
    let lang: Lang = args.lang.into();
    let is_xlsx = args
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(Failure(match lang {
            Lang::Id => format!(
                "{}: templat ditulis sebagai .xlsx; beri nama berkas yang berakhiran .xlsx",
                args.out.display()
            ),
            Lang::En => format!(
                "{}: the template is written as .xlsx; give a file name ending in .xlsx",
                args.out.display()
            ),
        }));
    }
    let criteria = load_criteria(args.criteria.as_deref(), lang)?;
    let options = TemplateOptions {
        force: args.force,
        lang,
        ..TemplateOptions::default()
    };
    write_template(&args.out, &criteria, None, &options).map_err(|e| Failure(e.message(lang)))?;
    let weight = fmt_plain(criteria.max_total(), lang);
    let (items, inputs) = (criteria.items.len(), criteria.count_inputs());
    emit(&match lang {
        Lang::Id => format!(
            "{}: templat LKE ditulis — {} ({items} butir, {inputs} input jumlah, total bobot {weight})\n",
            args.out.display(),
            criteria.meta.name
        ),
        Lang::En => format!(
            "{}: LKE template written — {} ({items} items, {inputs} count inputs, total weight {weight})\n",
            args.out.display(),
            criteria.meta.name
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(out: PathBuf, force: bool) -> TemplateArgs {
        TemplateArgs {
            out,
            criteria: None,
            force,
            lang: LangArg::En,
        }
    }

    #[test]
    fn writes_refuses_to_replace_and_wants_xlsx() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("lke-kosong.xlsx");
        assert!(run(args(out.clone(), false)).is_ok());
        let first = std::fs::read(&out).expect("written");
        assert!(first.starts_with(b"PK"), "an xlsx (zip) file");
        let Err(Failure(msg)) = run(args(out.clone(), false)) else {
            panic!("replaced without --force");
        };
        assert!(
            msg.contains("lke-kosong.xlsx") && msg.contains("--force"),
            "{msg}"
        );
        assert!(run(args(out.clone(), true)).is_ok());
        assert_eq!(std::fs::read(&out).expect("written"), first, "same bytes");
        let Err(Failure(msg)) = run(args(dir.path().join("lke.ods"), false)) else {
            panic!("wrote a non-xlsx name");
        };
        assert!(msg.contains(".xlsx"), "{msg}");
    }
}
