//! zona-eval: the one evaluation pipeline every front end calls (the CLI, the web page, the
//! PortalRB server).
//!
//! ```text
//! criteria (CriteriaSet) ─┐
//!                         ├─ evaluate ─▶ Evaluation (criteria chosen, source, every layer scored)
//! file ── zona-read ──────┘
//! ```
//!
//! [`evaluate`] decides, in one place, what every command used to decide for itself: which
//! criteria fit the source (the one set given, or the best fit among the built-in sets), which
//! predicates the unit already holds (what its unit sheet states, overridden by the caller), and
//! which answer layers there are (unit, TPI, TPN, with inheritance resolved); then it scores each
//! layer with the core. [`batch`] runs it over many files in parallel; [`compare`] over several
//! workbooks side by side.
//!
//! Embedding an evaluation:
//!
//! ```no_run
//! use zona_eval::{evaluate, CriteriaSet, EvalOptions, Pipeline};
//!
//! let criteria = CriteriaSet::builtin(); // or CriteriaSet::load(Some(path))?
//! let pipeline = Pipeline::new(&criteria); // build once, reuse for every file
//! let options = EvalOptions::default(); // unanswered = 0, prior predicate as stated, unit layer
//! let evaluation = evaluate(std::path::Path::new("lke.xlsx"), &pipeline, &options)
//!     .map_err(|e| e.message(zona_core::Lang::Id))?;
//! let result = &evaluation.shown().result;
//! println!("{}: {:.2} / {:.2}", evaluation.criteria.meta.id, result.total, result.max_total);
//! for p in &result.predicates {
//!     println!("{}: {}", p.name(zona_core::Lang::Id), p.met());
//! }
//! # Ok::<(), String>(())
//! ```

pub mod batch;
mod builtin;
pub mod compare;
mod criteria_set;
mod error;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use builtin::load_builtin;
pub use criteria_set::CriteriaSet;
pub use error::EvalError;
pub use zona_core::evidence::EvidencePolicy;
use zona_core::{Criteria, Evaluation, Layer, ScoreOptions, ScoredLayer, UnansweredPolicy};
use zona_read::evidence_files::EvidenceFolders;
use zona_read::{OpenOptions, Reader, Source};

/// What an evaluation is asked for.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// What unanswered items count for.
    pub unanswered: UnansweredPolicy,
    /// Whether the unit holds the predicate it earns first, which others require as their prior
    /// (`Criteria::first_prior_predicate`: Menuju WBK for Menuju WBBM under 90/2021). `None`: what
    /// the source states, else unknown.
    pub prior_held: Option<bool>,
    /// The predicate the unit holds, overriding what its source states (`zona score --holds`):
    /// `None`, what the source states.
    pub holds: Option<Holds>,
    /// The share of a threshold under which a held predicate's margin is thin (0.02: 2 %).
    pub thin_share: f64,
    /// The layer a summary shows.
    pub layer: Layer,
    /// Score every layer the source has (`true`), or only the layer shown.
    pub all_layers: bool,
    /// Explain a blank answer under merged cells (costs a second pass over the sheet; a batch
    /// turns it off and such an answer is simply unanswered).
    pub explain_merged_answers: bool,
    /// What an answered item without acceptable evidence counts for in the evidence-backed score.
    pub evidence_policy: EvidencePolicy,
    /// Where the files evidence entries name are looked for.
    pub evidence: EvidenceLookup,
}

/// Where the files that evidence entries name are looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceLookup {
    /// In `dir` when given (`--evidence-dir`), then in the source's own folder (the CLI).
    Beside { dir: Option<PathBuf> },
    /// Nowhere: no file is looked for and a path entry is "not checked" (an upload, whose folder
    /// is a temporary one).
    Nowhere,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            unanswered: UnansweredPolicy::Zero,
            prior_held: None,
            holds: None,
            thin_share: zona_core::keeping::DEFAULT_THIN_SHARE,
            layer: Layer::Unit,
            all_layers: true,
            explain_merged_answers: true,
            evidence_policy: EvidencePolicy::Lowest,
            evidence: EvidenceLookup::Beside { dir: None },
        }
    }
}

/// The predicate a unit holds, as the caller states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holds {
    /// None at all.
    Nothing,
    /// The predicate of this key or short name (`wbk`, `WBBM`, `Menuju WBK`), case aside.
    Named(String),
}

impl Holds {
    /// `tidak`, `none`, `belum`, `-` → [`Holds::Nothing`]; anything else names a predicate.
    pub fn parse(s: &str) -> Holds {
        let t = s.trim().to_lowercase();
        if matches!(
            t.as_str(),
            "" | "-" | "tidak" | "none" | "no" | "belum" | "belum ada"
        ) {
            Holds::Nothing
        } else {
            Holds::Named(s.trim().to_string())
        }
    }

    /// The predicate held (index into [`Criteria::predicates`]), found by key, short name or
    /// name in either language; `Ok(None)` for [`Holds::Nothing`].
    pub fn resolve(&self, criteria: &Criteria) -> Result<Option<usize>, EvalError> {
        let Holds::Named(name) = self else {
            return Ok(None);
        };
        let n = name.to_lowercase();
        let found = criteria.predicates.iter().position(|p| {
            [
                Some(&p.key),
                p.short_name.as_ref(),
                p.short_name_en.as_ref(),
                Some(&p.name),
                p.name_en.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|s| s.to_lowercase() == n)
        });
        match found {
            Some(i) => Ok(Some(i)),
            None => Err(EvalError::UnknownPredicate {
                given: name.clone(),
                known: criteria.predicates.iter().map(|p| p.key.clone()).collect(),
            }),
        }
    }
}

/// The criteria candidates with their readers, built once and reused for every source (a reader
/// precomputes the fingerprints of every criteria text). A candidate's reader is built when a
/// source first needs it.
pub struct Pipeline<'c> {
    set: &'c CriteriaSet,
    readers: Vec<std::sync::OnceLock<Reader<'c>>>,
}

impl<'c> Pipeline<'c> {
    pub fn new(set: &'c CriteriaSet) -> Self {
        Pipeline {
            set,
            readers: (0..set.len()).map(|_| std::sync::OnceLock::new()).collect(),
        }
    }

    /// The reader of candidate `index`, built on first use.
    fn reader(&self, index: usize) -> &Reader<'c> {
        self.readers[index].get_or_init(|| Reader::new(self.set.candidate(index)))
    }

    pub fn criteria_set(&self) -> &'c CriteriaSet {
        self.set
    }
}

/// The predicate the unit holds (index into [`Criteria::predicates`]): the caller's `holds`, else
/// what the unit states; None when it holds none or nothing is known.
fn decide_held(
    criteria: &Criteria,
    stated: &zona_core::UnitInfo,
    holds: Option<&Holds>,
) -> Result<Option<usize>, EvalError> {
    match holds {
        Some(h) => h.resolve(criteria),
        None => Ok(stated.stated_predicate(criteria).flatten()),
    }
}

/// The prior predicates to score with: what the unit states (its unit sheet or document), or the
/// predicate the caller says it holds, overridden by the caller's `prior_held`.
fn decide_prior(
    criteria: &Criteria,
    stated: &zona_core::UnitInfo,
    holds: Option<(&Holds, Option<usize>)>,
    prior_held: Option<bool>,
) -> HashMap<String, bool> {
    let mut prior = match holds {
        None => stated.stated_predicates(criteria),
        Some((_, Some(held))) => criteria.held_with_priors(held),
        Some((_, None)) => criteria
            .predicates
            .iter()
            .map(|p| (p.key.clone(), false))
            .collect(),
    };
    // "The unit holds its first predicate" (Menuju WBK under 90/2021), whatever its key.
    if let (Some(held), Some(first)) = (prior_held, criteria.first_prior_predicate()) {
        prior.insert(criteria.predicates[first].key.clone(), held);
    }
    prior
}

/// Opens and evaluates one source: see the crate documentation.
pub fn evaluate<'c>(
    path: &Path,
    pipeline: &Pipeline<'c>,
    options: &EvalOptions,
) -> Result<Evaluation<'c>, EvalError> {
    evaluate_named(path, &path.display().to_string(), pipeline, options)
}

/// [`evaluate`] for a source known as `name` rather than by its path (an upload the server keeps
/// in a temporary file): the evaluation, its diagnostics and its report name it `name`.
pub fn evaluate_named<'c>(
    path: &Path,
    name: &str,
    pipeline: &Pipeline<'c>,
    options: &EvalOptions,
) -> Result<Evaluation<'c>, EvalError> {
    let source = Source::open_named(
        path,
        name,
        OpenOptions {
            explain_merged_answers: options.explain_merged_answers,
        },
    )?;
    let folder = path.parent().map(|p| {
        if p.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            p.to_path_buf()
        }
    });
    evaluate_with(&source, pipeline, options, folder)
}

/// Evaluates a source already opened (see [`evaluate`]).
pub fn evaluate_source<'c>(
    source: &Source,
    pipeline: &Pipeline<'c>,
    options: &EvalOptions,
) -> Result<Evaluation<'c>, EvalError> {
    evaluate_with(source, pipeline, options, None)
}

/// The folders relative evidence paths are looked in: `--evidence-dir`, then the source's own.
fn evidence_folders(lookup: &EvidenceLookup, source_folder: Option<PathBuf>) -> EvidenceFolders {
    match lookup {
        EvidenceLookup::Nowhere => EvidenceFolders::default(),
        EvidenceLookup::Beside { dir } => {
            EvidenceFolders::new(dir.iter().cloned().chain(source_folder).collect())
        }
    }
}

fn evaluate_with<'c>(
    source: &Source,
    pipeline: &Pipeline<'c>,
    options: &EvalOptions,
    source_folder: Option<PathBuf>,
) -> Result<Evaluation<'c>, EvalError> {
    let file = source.file().to_string();
    let (index, layered) =
        zona_read::best_fit_lazy(source, pipeline.readers.len(), |i| pipeline.reader(i))?;
    let criteria = pipeline.reader(index).criteria();
    // The unit's own statement (the first layer read) decides the prior predicate.
    let stated = layered
        .layers
        .first()
        .map(|(_, set)| set.unit.clone())
        .unwrap_or_default();
    let held = decide_held(criteria, &stated, options.holds.as_ref())?;
    let score_options = ScoreOptions {
        unanswered: options.unanswered,
        prior: decide_prior(
            criteria,
            &stated,
            options.holds.as_ref().map(|h| (h, held)),
            options.prior_held,
        ),
    };
    let resolved = zona_core::layers::resolve(layered).layers;
    let have: Vec<Layer> = resolved.iter().map(|(l, _)| *l).collect();
    let Some(wanted) = have.iter().position(|l| *l == options.layer) else {
        return Err(EvalError::NoLayer {
            file,
            wanted: options.layer,
            have,
        });
    };
    // The unit gives the evidence: every layer is reviewed against the unit's entries.
    let files = evidence_folders(&options.evidence, source_folder);
    let keep = |i: usize| options.all_layers || i == wanted;
    let scored: Vec<_> = (0..resolved.len())
        .filter(|i| keep(*i))
        .map(|i| {
            let result = zona_core::score(criteria, &resolved[i].1, &score_options);
            let evidence = zona_core::evidence::review(
                criteria,
                &resolved[0].1,
                &result,
                &score_options,
                options.evidence_policy,
                &files,
            );
            (result, evidence)
        })
        .collect();
    let layers: Vec<ScoredLayer> = resolved
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .zip(scored)
        .map(|((_, (layer, answers)), (result, evidence))| ScoredLayer {
            layer,
            result,
            answers,
            evidence,
        })
        .collect();
    let shown = if options.all_layers { wanted } else { 0 };
    // A holder keeps its predicate while the layer shown still meets it (Lampiran II Bab IV). The
    // year awarded is the source's, when the predicate held is the one it states.
    let awarded_year = stated
        .awarded_year
        .filter(|_| held.is_some() && stated.stated_predicate(criteria).flatten() == held);
    let keeping = held
        .and_then(|h| zona_core::keeping::assess(&layers[shown].result, h, options.thin_share))
        .map(|k| zona_core::keeping::Keeping { awarded_year, ..k });
    Ok(Evaluation {
        file,
        criteria,
        criteria_index: index,
        source: source.source_info(),
        options: score_options,
        layers,
        shown,
        keeping,
    })
}
