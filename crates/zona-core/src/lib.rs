//! zona-core: the pure scoring core of zona, free of file formats.
//!
//! Data flows one way, and the modules are grouped the same way:
//!
//! ```text
//! criteria TOML ──criteria::load──▶ Criteria ─┐
//!                                             ├──scoring::score──▶ ScoreResult ──analysis──▶ priorities,
//! adapter (xlsx, JSON) ──▶ answers::AnswerSet ┘   (items, nodes, areas,           comparisons, layer
//!                                                  predicates, diagnostics)        differences
//! ```
//!
//! - [`criteria`]: the criteria model (tree, scales, areas, predicates, roles) and its loader;
//! - [`answers`]: what a source holds (raw cells and their locations), diagnostics, answer layers;
//! - [`scoring`]: item values, the aggregation rule, predicates, and [`score()`] which runs them;
//! - [`analysis`]: what to improve first ([`analysis::priority`]), scores side by side
//!   ([`analysis::compare`]), where two layers disagree ([`analysis::layer_diff`]), a batch of
//!   units ranked ([`analysis::batch`]);
//! - [`evaluation`]: one source evaluated (criteria chosen, every layer scored), as every front
//!   end receives it from the pipeline (zona-eval).
//!
//! Each folder depends only on those before it (and on [`lang`]). The former flat module paths
//! (`zona_core::score`, `zona_core::answer`, …) remain as re-export modules.
//!
//! Domain words kept in Indonesian: *pengungkit* (the enablers, 60 points: six areas, each split into
//! *pemenuhan*, fulfilment of the former LKE, and *reform*, evidence of change), *hasil* (results,
//! 40 points: the IPAK and IPKP survey indices and capaian kinerja), *predikat* (the predicate a unit
//! earns: Menuju WBK, Menuju WBBM).

pub mod analysis;
pub mod answers;
pub mod criteria;
pub mod evaluation;
pub mod lang;
pub mod output_kind;
pub mod scoring;

pub use analysis::{batch, compare, evidence, keeping, priority};
pub use answers::a1;
pub use answers::answer::{AnswerSet, Evidence, ItemAnswer, Layer, UnitInfo};
pub use answers::cell::{Cell, Location, RawValue};
pub use answers::diag::{DiagKind, Diagnostic, Severity};
pub use answers::layers::LayeredAnswers;
pub use criteria::load::{
    builtin_criteria, default_criteria, load_builtin, load_file, load_str, CriteriaError, Problem,
    ProblemKind, BUILTIN_CRITERIA,
};
pub use criteria::portalrb_layout;
pub use criteria::{AnswerKind, Criteria, ItemId, NodeId, Role};
pub use evaluation::{Evaluation, ScoredLayer, SourceInfo};
pub use lang::Lang;
pub use output_kind::OutputKind;
pub use scoring::item::NumberForm;
pub use scoring::predicate::{
    ConditionResult, ConditionTarget, PredicateResult, PredicateStatus, PriorName,
};
pub use scoring::score::score;
pub use scoring::{ItemStatus, ScoreOptions, ScoreResult, UnansweredPolicy};

/// Former path of [`answers::answer`] and [`answers::cell`].
pub mod answer {
    pub use crate::answers::answer::*;
    pub use crate::answers::cell::*;
    pub use crate::criteria::normalize_code;
}

/// Former path of [`answers::diag`].
pub mod diag {
    pub use crate::answers::diag::*;
}

/// Former path of [`answers::layers`] and [`analysis::layer_diff`].
pub mod layers {
    pub use crate::analysis::layer_diff::*;
    pub use crate::answers::layers::*;
}

/// Former path of [`criteria::load`].
pub mod load {
    pub use crate::criteria::load::*;
}

/// Former path of [`scoring::predicate`].
pub mod predicate {
    pub use crate::scoring::predicate::*;
}

/// Former path of [`scoring::score`](mod@scoring::score) (with the score types of [`scoring::scores`], the policy of
/// [`scoring::aggregate`] and the item evaluation of [`scoring::item`]).
pub mod score {
    pub use crate::scoring::aggregate::UnansweredPolicy;
    pub use crate::scoring::item::*;
    pub use crate::scoring::score::*;
    pub use crate::scoring::scores::*;
}
