//! The evidence flags every scoring command takes: `--evidence-policy lowest|one-step|none` and
//! `--evidence-dir <folder>` (docs/evidence.md), parsed once here and handed to the pipeline as
//! [`zona_eval::EvalOptions::evidence_policy`] and [`zona_eval::EvalOptions::evidence`]. The
//! policy is parsed here rather than by clap so that a wrong value is explained in the user's
//! language.

use std::path::{Path, PathBuf};

use zona_core::Lang;
use zona_eval::{EvidenceLookup, EvidencePolicy};

use crate::Failure;

/// `--evidence-policy` and `--evidence-dir`, the same for `score`, `batch` and `compare`
/// (`#[command(flatten)]`).
#[derive(clap::Args, Debug, Clone)]
pub struct EvidenceArgs {
    /// What an answered item without acceptable evidence (an http(s) link or a file that exists)
    /// counts for in the evidence-backed score: `lowest` (its lowest answer, as evaluators do),
    /// `one-step` (one answer step down) or `none` (report only, no evidence-backed score).
    #[arg(long, value_name = "lowest|one-step|none", default_value = "lowest")]
    pub evidence_policy: String,
    /// The folder where the files that evidence entries name are looked for first (then the
    /// workbook's own folder). Links are never fetched.
    #[arg(long, value_name = "FOLDER")]
    pub evidence_dir: Option<PathBuf>,
}

impl EvidenceArgs {
    /// The policy named, else a failure in the user's language listing the policies.
    pub fn policy(&self, lang: Lang) -> Result<EvidencePolicy, Failure> {
        parse_policy(&self.evidence_policy).map_err(|known| {
            Failure(format!(
                "--evidence-policy {}: {} {known}",
                self.evidence_policy,
                lang.pick(
                    "bukan kebijakan bukti yang dikenal; pilih salah satu:",
                    "is not a known evidence policy; choose one of:"
                ),
            ))
        })
    }

    /// Where evidence files are looked for: `--evidence-dir` (which must be an existing folder),
    /// then the workbook's folder.
    pub fn lookup(&self, lang: Lang) -> Result<EvidenceLookup, Failure> {
        lookup(self.evidence_dir.as_deref(), lang)
    }
}

/// `lowest`, `one-step` or `none` (case and surrounding blanks aside; `one_step` and `onestep`
/// also read as `one-step`); else the list of policies.
pub fn parse_policy(s: &str) -> Result<EvidencePolicy, String> {
    let code = s.trim().to_lowercase().replace('_', "-");
    let code = if code == "onestep" {
        "one-step".to_string()
    } else {
        code
    };
    EvidencePolicy::from_code(&code).ok_or_else(|| {
        let known: Vec<&str> = EvidencePolicy::ALL.iter().map(|p| p.code()).collect();
        known.join(", ")
    })
}

/// [`EvidenceLookup::Beside`] the workbook, with `dir` first when given; `dir` must be a folder.
pub fn lookup(dir: Option<&Path>, lang: Lang) -> Result<EvidenceLookup, Failure> {
    if let Some(d) = dir {
        if !d.is_dir() {
            let why = if d.exists() {
                lang.pick("bukan folder", "is not a folder")
            } else {
                lang.pick("folder tidak ditemukan", "folder not found")
            };
            return Err(Failure(format!("--evidence-dir {}: {why}", d.display())));
        }
    }
    Ok(EvidenceLookup::Beside {
        dir: dir.map(Path::to_path_buf),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_parse_from_their_codes_only() {
        assert_eq!(parse_policy("lowest"), Ok(EvidencePolicy::Lowest));
        assert_eq!(parse_policy(" One-Step "), Ok(EvidencePolicy::OneStep));
        assert_eq!(parse_policy("one_step"), Ok(EvidencePolicy::OneStep));
        assert_eq!(parse_policy("none"), Ok(EvidencePolicy::None));
        let e = parse_policy("terendah").unwrap_err();
        assert_eq!(e, "lowest, one-step, none");
    }

    #[test]
    fn an_evidence_dir_must_be_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            lookup(Some(dir.path()), Lang::En).ok(),
            Some(EvidenceLookup::Beside {
                dir: Some(dir.path().to_path_buf())
            })
        );
        assert_eq!(
            lookup(None, Lang::En).ok(),
            Some(EvidenceLookup::Beside { dir: None })
        );
        let missing = dir.path().join("tidak-ada");
        let Err(Failure(msg)) = lookup(Some(&missing), Lang::Id) else {
            panic!("a missing folder is refused");
        };
        assert!(msg.ends_with("folder tidak ditemukan"), "{msg}");
        let file = dir.path().join("berkas.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(lookup(Some(&file), Lang::En).is_err());
    }
}
