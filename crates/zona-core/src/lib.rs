//! zona-core: the pure scoring core of zona, free of file formats.
//!
//! Data flows one way:
//!
//! ```text
//! criteria TOML ──load──▶ Criteria ─┐
//!                                   ├──score──▶ ScoreResult (items, nodes, areas, predicates, diagnostics)
//! adapter (xlsx, JSON) ─▶ AnswerSet ┘
//! ```
//!
//! Domain words kept in Indonesian: *pengungkit* (the enablers, 60 points: six areas, each split into
//! *pemenuhan*, fulfilment of the former LKE, and *reform*, evidence of change), *hasil* (results,
//! 40 points: the IPAK and IPKP survey indices and capaian kinerja), *predikat* (the predicate a unit
//! earns: Menuju WBK, Menuju WBBM).

pub mod a1;
pub mod answer;
pub mod batch;
pub mod compare;
pub mod criteria;
pub mod diag;
pub mod evaluation;
pub mod lang;
pub mod layers;
pub mod load;
pub mod portalrb_layout;
pub mod predicate;
pub mod priority;
pub mod score;

pub use answer::{AnswerSet, Cell, Evidence, ItemAnswer, Location, RawValue, UnitInfo};
pub use criteria::{AnswerKind, Criteria, ItemId, NodeId};
pub use diag::{DiagKind, Diagnostic, Severity};
pub use evaluation::{Evaluation, ScoredLayer, SourceInfo};
pub use lang::Lang;
pub use layers::{Layer, LayeredAnswers};
pub use load::{
    builtin_criteria, default_criteria, load_file, load_str, CriteriaError, Problem, ProblemKind,
};
pub use predicate::{ConditionResult, PredicateResult, PredicateStatus};
pub use score::{score, ItemStatus, ScoreOptions, ScoreResult, UnansweredPolicy};
