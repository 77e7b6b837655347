//! Scoring: an answer set in, a [`ScoreResult`] out ([`score()`]).
//!
//! The steps, one module each, in the order they run:
//!
//! 1. [`item`]: every item on its own — its value in 0–1, unanswered, or invalid input;
//! 2. [`aggregate`]: the one aggregation rule (sub-area mean × weight, weighted items, sums) giving
//!    the [`Scores`] of nodes, areas and the total;
//! 3. [`predicate`]: every predicate condition judged on those scores;
//!
//! and [`score`](mod@score), which runs them and assembles the result.

pub mod aggregate;
pub mod item;
pub mod predicate;
pub mod score;
pub mod scores;

pub use aggregate::UnansweredPolicy;
pub use predicate::{ConditionResult, PredicateResult, PredicateStatus};
pub use score::{score, ScoreOptions, ScoreResult};
pub use scores::{AreaScore, ItemScore, ItemStatus, NodeScore, Scores};
