//! Scoring: answers in, a score tree out, as `scoring-rules.md` (docs/scoring-rules.md) says.
//!
//! 1. Every item is evaluated on its own ([`evaluate_item`]): its value in 0–1, or unanswered, or
//!    invalid input (counted as unanswered, reported with its cell).
//! 2. Nodes aggregate bottom-up ([`super::aggregate`]): a sub-area is the mean of its items × its
//!    weight (or, where items carry weights, Σ value × item weight); every other node is the sum of
//!    its children. Areas sum their parts, the total sums the roots.
//! 3. The predicates are judged on those scores ([`super::predicate`]).
//!
//! Nothing is rounded here; display rounds to two decimals.

use std::collections::HashMap;

use crate::answers::answer::AnswerSet;
use crate::answers::diag::Diagnostic;
use crate::criteria::{Criteria, ItemId, NodeId};

use super::aggregate::{aggregate, UnansweredPolicy};
pub use super::item::{evaluate_item, ItemEval};
use super::predicate::{evaluate_predicates, PredicateResult};
pub use super::scores::{AreaScore, ItemScore, ItemStatus, NodeScore, Scores};

#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    pub unanswered: UnansweredPolicy,
    /// Predicates the unit is known to hold (true) or known not to hold (false), by key. A
    /// predicate missing here is unknown.
    pub prior: HashMap<String, bool>,
}

/// The full result of scoring one answer set.
#[derive(Debug, Clone)]
pub struct ScoreResult {
    pub total: f64,
    pub max_total: f64,
    pub policy: UnansweredPolicy,
    /// Aligned with [`Criteria::nodes`].
    pub nodes: Vec<NodeScore>,
    /// Aligned with [`Criteria::items`].
    pub items: Vec<ItemScore>,
    /// Aligned with [`Criteria::areas`].
    pub areas: Vec<AreaScore>,
    pub predicates: Vec<PredicateResult>,
    /// Reading diagnostics followed by scoring diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

impl ScoreResult {
    /// Decimals to show the total with: 2, or more where a predicate's total threshold fails by
    /// less than two decimals show ([`crate::lang::decimals_against`]: 74,996, not 75,00).
    pub fn total_decimals(&self) -> usize {
        self.predicates
            .iter()
            .flat_map(|p| &p.conditions)
            .filter(|c| c.kind() == "total")
            .map(crate::scoring::predicate::ConditionResult::decimals)
            .max()
            .unwrap_or(2)
    }

    pub fn node(&self, id: NodeId) -> &NodeScore {
        &self.nodes[id.0]
    }

    pub fn item(&self, id: ItemId) -> &ItemScore {
        &self.items[id.0]
    }

    pub fn count_status(&self, status: ItemStatus) -> usize {
        self.items.iter().filter(|i| i.status == status).count()
    }

    /// Score of the node with this key (None when there is none).
    pub fn node_score(&self, criteria: &Criteria, key: &str) -> Option<f64> {
        criteria.node_by_key(key).map(|id| self.nodes[id.0].score)
    }
}

/// Scores an answer set against criteria.
pub fn score(criteria: &Criteria, answers: &AnswerSet, options: &ScoreOptions) -> ScoreResult {
    let mut diagnostics = answers.diagnostics.clone();
    let items: Vec<ItemScore> = criteria
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let eval = evaluate_item(criteria, item, answers.get(ItemId(i)), answers.number_form);
            diagnostics.extend(eval.diagnostics);
            ItemScore {
                status: eval.status,
                value: eval.value,
                points: 0.0,
                max_points: criteria.item_max_points(ItemId(i)),
                answer: eval.answer,
                counts: eval.counts,
            }
        })
        .collect();
    aggregated(criteria, items, options, diagnostics)
}

/// Steps 2 and 3 on items evaluated on their own: aggregation, predicates, the result.
fn aggregated(
    criteria: &Criteria,
    items: Vec<ItemScore>,
    options: &ScoreOptions,
    diagnostics: Vec<Diagnostic>,
) -> ScoreResult {
    let scores = aggregate(criteria, items, options.unanswered);
    let predicates = evaluate_predicates(criteria, &scores, &options.prior);
    let Scores {
        total,
        nodes,
        items,
        areas,
    } = scores;
    ScoreResult {
        total,
        max_total: criteria.max_total(),
        policy: options.unanswered,
        nodes,
        items,
        areas,
        predicates,
        diagnostics,
    }
}

/// Scores again with some items' values replaced (value in 0–1 and the answer as then understood),
/// every other item as `base` evaluated it: the same aggregation and predicates, no diagnostics.
/// The evidence-backed score ([`crate::analysis::evidence`]) is this.
pub fn rescore(
    criteria: &Criteria,
    base: &ScoreResult,
    options: &ScoreOptions,
    replaced: &[(ItemId, f64, Option<String>)],
) -> ScoreResult {
    let mut items = base.items.clone();
    for (id, value, answer) in replaced {
        let it = &mut items[id.0];
        it.value = Some(*value);
        it.answer.clone_from(answer);
    }
    aggregated(criteria, items, options, Vec::new())
}
