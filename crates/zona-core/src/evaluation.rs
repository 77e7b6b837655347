//! One evaluated source, as every front end receives it: the criteria it was scored with, how it
//! was read, and each of its answer layers (unit, TPI, TPN) read and scored.
//!
//! The pipeline that builds it (read → choose criteria → stated prior predicate → layers → score)
//! is `zona-eval`; this is only the data, so that renderers (zona-report) and analyses depend on
//! the core alone.

use crate::answer::AnswerSet;
use crate::criteria::Criteria;
use crate::layers::Layer;
use crate::score::{ScoreOptions, ScoreResult};

/// Which layout a source was read as (`official`, `portalrb`, `portalrb-json`), and from which
/// sheet (empty for a JSON document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub layout: &'static str,
    pub sheet: String,
}

/// One answer layer, read and scored, with its evidence reviewed.
#[derive(Debug, Clone)]
pub struct ScoredLayer {
    pub layer: Layer,
    pub answers: AnswerSet,
    pub result: ScoreResult,
    /// The unit's evidence checked against this layer's answers, and the score it supports
    /// ([`crate::evidence::review`]).
    pub evidence: crate::evidence::EvidenceReview,
}

/// A source evaluated against one criteria set.
#[derive(Debug, Clone)]
pub struct Evaluation<'c> {
    /// The file as given (or found by a batch).
    pub file: String,
    /// The criteria the source was scored with (chosen, or the best fit among candidates).
    pub criteria: &'c Criteria,
    /// Index of [`Evaluation::criteria`] among the candidates it was chosen from (0 when one set
    /// was given).
    pub criteria_index: usize,
    pub source: SourceInfo,
    /// The options every layer was scored with, the prior predicates as decided (stated by the
    /// source, overridden by the caller).
    pub options: ScoreOptions,
    /// Every layer the source has, in evaluation order (unit first), inheritance resolved.
    pub layers: Vec<ScoredLayer>,
    /// The layer a summary shows (index into [`Evaluation::layers`]).
    pub shown: usize,
    /// For a unit that holds a predicate (Menuju WBK, WBBM: as its source states, or as the caller
    /// says): whether the shown layer still meets it ([`crate::keeping::assess`]); None for a unit
    /// that holds none.
    pub keeping: Option<crate::keeping::Keeping>,
}

impl Evaluation<'_> {
    /// The layer a summary shows.
    pub fn shown(&self) -> &ScoredLayer {
        &self.layers[self.shown]
    }

    /// The unit's own layer (always first).
    pub fn unit(&self) -> &ScoredLayer {
        &self.layers[0]
    }

    pub fn layer(&self, layer: Layer) -> Option<&ScoredLayer> {
        self.layers.iter().find(|l| l.layer == layer)
    }
}
