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
pub mod compare;
mod criteria_set;
mod error;

use std::collections::HashMap;
use std::path::Path;

pub use criteria_set::CriteriaSet;
pub use error::EvalError;
use zona_core::{Criteria, Evaluation, Layer, ScoreOptions, ScoredLayer, UnansweredPolicy};
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
    /// The layer a summary shows.
    pub layer: Layer,
    /// Score every layer the source has (`true`), or only the layer shown.
    pub all_layers: bool,
    /// Explain a blank answer under merged cells (costs a second pass over the sheet; a batch
    /// turns it off and such an answer is simply unanswered).
    pub explain_merged_answers: bool,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            unanswered: UnansweredPolicy::Zero,
            prior_held: None,
            layer: Layer::Unit,
            all_layers: true,
            explain_merged_answers: true,
        }
    }
}

/// The criteria candidates with their readers, built once and reused for every source (a reader
/// precomputes the fingerprints of every criteria text).
pub struct Pipeline<'c> {
    set: &'c CriteriaSet,
    readers: Vec<Reader<'c>>,
}

impl<'c> Pipeline<'c> {
    pub fn new(set: &'c CriteriaSet) -> Self {
        Pipeline {
            set,
            readers: set.candidates().iter().map(Reader::new).collect(),
        }
    }

    pub fn criteria_set(&self) -> &'c CriteriaSet {
        self.set
    }
}

/// The prior predicates to score with: what the unit states (its unit sheet or document),
/// overridden by the caller's `prior_held`.
fn decide_prior(
    criteria: &Criteria,
    stated: &zona_core::UnitInfo,
    prior_held: Option<bool>,
) -> HashMap<String, bool> {
    let mut prior = stated.stated_predicates(criteria);
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
    evaluate_source(&source, pipeline, options)
}

/// Evaluates a source already opened (see [`evaluate`]).
pub fn evaluate_source<'c>(
    source: &Source,
    pipeline: &Pipeline<'c>,
    options: &EvalOptions,
) -> Result<Evaluation<'c>, EvalError> {
    let file = source.file().to_string();
    let (index, layered) = zona_read::best_fit(source, &pipeline.readers)?;
    let criteria = pipeline.readers[index].criteria();
    // The unit's own statement (the first layer read) decides the prior predicate.
    let stated = layered
        .layers
        .first()
        .map(|(_, set)| set.unit.clone())
        .unwrap_or_default();
    let score_options = ScoreOptions {
        unanswered: options.unanswered,
        prior: decide_prior(criteria, &stated, options.prior_held),
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
    let layers: Vec<ScoredLayer> = resolved
        .into_iter()
        .enumerate()
        .filter(|(i, _)| options.all_layers || *i == wanted)
        .map(|(_, (layer, answers))| ScoredLayer {
            layer,
            result: zona_core::score(criteria, &answers, &score_options),
            answers,
        })
        .collect();
    let shown = if options.all_layers { wanted } else { 0 };
    Ok(Evaluation {
        file,
        criteria,
        criteria_index: index,
        source: source.source_info(),
        options: score_options,
        layers,
        shown,
    })
}
