//! The computed scores: per item, per node, per area and the total — what [`super::aggregate`]
//! computes and what [`super::predicate`] judges.

use crate::criteria::{ItemId, NodeId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemStatus {
    Answered,
    Unanswered,
    /// Bad input (reported as an error): scored as unanswered.
    Invalid,
}

impl ItemStatus {
    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Answered => "answered",
            ItemStatus::Unanswered => "unanswered",
            ItemStatus::Invalid => "invalid",
        }
    }
}

/// The result for one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemScore {
    pub status: ItemStatus,
    /// Value in 0–1 when answered.
    pub value: Option<f64>,
    /// Points the item contributes to its node's score.
    pub points: f64,
    /// Points the item is worth when fully met (its share of the node weight).
    pub max_points: f64,
    /// The answer as understood: option code ("B"), index ("3.45"); None for ratio items and
    /// unanswered items.
    pub answer: Option<String>,
    /// The parsed count inputs of a ratio item (aligned with its inputs; sums computed).
    pub counts: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeScore {
    pub score: f64,
    pub weight: f64,
    /// Items answered / all items below this node.
    pub answered: usize,
    pub items: usize,
}

impl NodeScore {
    /// Score as a percentage of the weight.
    pub fn percent(&self) -> f64 {
        percent(self.score, self.weight)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaScore {
    pub score: f64,
    pub weight: f64,
}

impl AreaScore {
    pub fn percent(&self) -> f64 {
        percent(self.score, self.weight)
    }
}

/// A score as a percentage of its weight (0 for a weight of 0).
pub(crate) fn percent(score: f64, weight: f64) -> f64 {
    if weight > 0.0 {
        score / weight * 100.0
    } else {
        0.0
    }
}

/// The scores of one answer set, before predicates: what the predicates are judged on.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// The sum of the roots.
    pub total: f64,
    /// Aligned with [`crate::Criteria::nodes`].
    pub nodes: Vec<NodeScore>,
    /// Aligned with [`crate::Criteria::items`].
    pub items: Vec<ItemScore>,
    /// Aligned with [`crate::criteria::Criteria::areas`].
    pub areas: Vec<AreaScore>,
}

impl Scores {
    pub fn node(&self, id: NodeId) -> &NodeScore {
        &self.nodes[id.0]
    }

    pub fn item(&self, id: ItemId) -> &ItemScore {
        &self.items[id.0]
    }
}
