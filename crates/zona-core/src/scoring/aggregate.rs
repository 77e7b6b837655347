//! Step 2 of scoring: the aggregation rule, in one place (docs/criteria-format.md, `[[node]]`).
//!
//! Every node aggregates as [`Criteria::aggregation`] says:
//!
//! - [`Aggregation::Mean`] (a sub-area whose items carry no weight of their own): the mean of its
//!   items' values × its weight. Each item contributes `value × weight / n` ([`item_share`]); under
//!   [`UnansweredPolicy::Exclude`] `n` counts only the answered items (no answer at all: 0).
//! - [`Aggregation::Weighted`] (hasil): Σ value × item weight.
//! - [`Aggregation::Sum`] (every node with child nodes): the sum of its children.
//!
//! Areas sum their parts and the total sums the roots. The analyses (priority) and the template
//! writer use the same functions rather than restating the rule.

use crate::criteria::{Aggregation, Criteria, ItemId, NodeId};

use super::scores::{AreaScore, ItemScore, NodeScore, Scores};

/// What an unanswered item counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum UnansweredPolicy {
    /// Unanswered items count as 0: what the unit would get if it submitted now (default).
    #[default]
    Zero,
    /// The workbook's own behaviour: unanswered items are left out of the sub-area mean; a
    /// sub-area with no answers scores 0.
    Exclude,
}

impl UnansweredPolicy {
    pub fn code(self) -> &'static str {
        match self {
            UnansweredPolicy::Zero => "zero",
            UnansweredPolicy::Exclude => "exclude",
        }
    }
}

/// What an item's value (0–1) is multiplied by to give its points, when `answered` items of its
/// node have a value: its weight ([`Aggregation::Weighted`]), or its node's weight divided by the
/// number of items the mean runs over ([`Aggregation::Mean`]: every item under
/// [`UnansweredPolicy::Zero`], the answered ones under [`UnansweredPolicy::Exclude`]).
///
/// Under `Zero` (and for weighted items) this is [`Criteria::item_max_points`].
pub fn item_share(
    criteria: &Criteria,
    item: ItemId,
    policy: UnansweredPolicy,
    answered: usize,
) -> f64 {
    let parent = criteria.item(item).parent;
    match (criteria.aggregation(parent), policy) {
        (Aggregation::Mean, UnansweredPolicy::Exclude) if answered > 0 => {
            criteria.node(parent).weight / answered as f64
        }
        (Aggregation::Mean, UnansweredPolicy::Exclude) => 0.0,
        _ => criteria.item_max_points(item),
    }
}

/// An item's points: its value (0 when it has none) × its share ([`item_share`]).
pub fn item_points(value: Option<f64>, share: f64) -> f64 {
    value.unwrap_or(0.0) * share
}

/// How many items of a node holding items have a value.
pub fn answered_items(
    criteria: &Criteria,
    node: NodeId,
    value: &dyn Fn(ItemId) -> Option<f64>,
) -> usize {
    criteria
        .node(node)
        .items
        .iter()
        .filter(|i| value(**i).is_some())
        .count()
}

/// The score of a node holding items, from its items' values (None: unanswered or invalid): the
/// sum of the items' points, in document order.
pub fn items_score(
    criteria: &Criteria,
    node: NodeId,
    policy: UnansweredPolicy,
    value: &dyn Fn(ItemId) -> Option<f64>,
) -> f64 {
    let answered = answered_items(criteria, node, value);
    criteria.node(node).items.iter().fold(0.0, |score, id| {
        score + item_points(value(*id), item_share(criteria, *id, policy, answered))
    })
}

/// Nodes bottom-up, areas and the total, from the items evaluated on their own; fills in each
/// item's points.
pub(crate) fn aggregate(
    criteria: &Criteria,
    mut items: Vec<ItemScore>,
    policy: UnansweredPolicy,
) -> Scores {
    let mut nodes: Vec<NodeScore> = criteria
        .nodes
        .iter()
        .map(|n| NodeScore {
            score: 0.0,
            weight: n.weight,
            answered: 0,
            items: 0,
        })
        .collect();
    // Children come after their parents in pre-order; aggregate in reverse.
    for id in criteria.nodes_preorder().into_iter().rev() {
        let node = criteria.node(id);
        let ns = match criteria.aggregation(id) {
            Aggregation::Sum => node.children.iter().fold(
                NodeScore {
                    score: 0.0,
                    weight: node.weight,
                    answered: 0,
                    items: 0,
                },
                |acc, ch| {
                    let c = &nodes[ch.0];
                    NodeScore {
                        score: acc.score + c.score,
                        weight: acc.weight,
                        answered: acc.answered + c.answered,
                        items: acc.items + c.items,
                    }
                },
            ),
            Aggregation::Mean | Aggregation::Weighted => {
                let value = |i: ItemId| items[i.0].value;
                let answered = answered_items(criteria, id, &value);
                let mut score = 0.0;
                for i in &node.items {
                    let share = item_share(criteria, *i, policy, answered);
                    let it = &mut items[i.0];
                    it.points = item_points(it.value, share);
                    score += it.points;
                }
                NodeScore {
                    score,
                    weight: node.weight,
                    answered,
                    items: node.items.len(),
                }
            }
        };
        nodes[id.0] = ns;
    }

    let areas = criteria
        .areas
        .iter()
        .map(|a| AreaScore {
            score: a.parts.iter().map(|p| nodes[p.0].score).sum(),
            weight: a.weight,
        })
        .collect();
    let total = criteria.roots.iter().map(|r| nodes[r.0].score).sum();
    Scores {
        total,
        nodes,
        items,
        areas,
    }
}
