//! Scoring: answers in, a score tree out, as `scoring-rules.md` (docs/scoring-rules.md) says.
//!
//! 1. Every item is evaluated on its own ([`evaluate_item`]): its value in 0–1, or unanswered, or
//!    invalid input (counted as unanswered, reported with its cell).
//! 2. Nodes aggregate bottom-up: a sub-area is the mean of its items × its weight (or, where items
//!    carry weights, Σ value × item weight); every other node is the sum of its children.
//! 3. Areas sum their parts, the total sums the roots, and the predicates are evaluated
//!    ([`crate::predicate`]).
//!
//! Nothing is rounded here; display rounds to two decimals.

use std::collections::HashMap;

use crate::answer::{normalize_code, parse_decimal, AnswerSet, Cell, ItemAnswer, RawValue};
use crate::criteria::*;
use crate::diag::{DiagKind, Diagnostic, Severity};
use crate::predicate::{evaluate_predicates, PredicateResult};

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

#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    pub unanswered: UnansweredPolicy,
    /// Predicates the unit is known to hold (true) or known not to hold (false), by key. A
    /// predicate missing here is unknown.
    pub prior: HashMap<String, bool>,
}

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

pub(crate) fn percent(score: f64, weight: f64) -> f64 {
    if weight > 0.0 {
        score / weight * 100.0
    } else {
        0.0
    }
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
    pub fn node(&self, id: NodeId) -> &NodeScore {
        &self.nodes[id.0]
    }

    pub fn item(&self, id: ItemId) -> &ItemScore {
        &self.items[id.0]
    }

    pub fn count_status(&self, status: ItemStatus) -> usize {
        self.items.iter().filter(|i| i.status == status).count()
    }

    /// Score of the node with this key (0 when there is none).
    pub fn node_score(&self, criteria: &Criteria, key: &str) -> Option<f64> {
        criteria.node_by_key(key).map(|id| self.nodes[id.0].score)
    }
}

/// Scores an answer set against criteria.
pub fn score(criteria: &Criteria, answers: &AnswerSet, options: &ScoreOptions) -> ScoreResult {
    let mut diagnostics = answers.diagnostics.clone();
    let mut items: Vec<ItemScore> = criteria
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let eval = evaluate_item(criteria, item, answers.get(ItemId(i)));
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
        let ns = if node.items.is_empty() {
            node.children.iter().fold(
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
            )
        } else {
            aggregate_items(criteria, node, &mut items, options.unanswered)
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
        .collect::<Vec<_>>();
    let total = criteria.roots.iter().map(|r| nodes[r.0].score).sum();

    let mut result = ScoreResult {
        total,
        max_total: criteria.max_total(),
        policy: options.unanswered,
        nodes,
        items,
        areas,
        predicates: Vec::new(),
        diagnostics,
    };
    result.predicates = evaluate_predicates(criteria, &result, options);
    result
}

fn aggregate_items(
    criteria: &Criteria,
    node: &Node,
    items: &mut [ItemScore],
    policy: UnansweredPolicy,
) -> NodeScore {
    let n = node.items.len();
    let answered = node
        .items
        .iter()
        .filter(|i| items[i.0].value.is_some())
        .count();
    let weighted = criteria.item(node.items[0]).weight.is_some();
    let mut score = 0.0;
    for id in &node.items {
        let it = &mut items[id.0];
        let v = it.value.unwrap_or(0.0);
        let share = if weighted {
            it.max_points
        } else {
            match policy {
                UnansweredPolicy::Zero => node.weight / n as f64,
                UnansweredPolicy::Exclude if answered > 0 => node.weight / answered as f64,
                UnansweredPolicy::Exclude => 0.0,
            }
        };
        it.points = v * share;
        score += it.points;
    }
    NodeScore {
        score,
        weight: node.weight,
        answered,
        items: n,
    }
}

/// The evaluation of one item on its own.
#[derive(Debug, Clone)]
pub struct ItemEval {
    pub status: ItemStatus,
    pub value: Option<f64>,
    pub answer: Option<String>,
    pub counts: Vec<Option<f64>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ItemEval {
    fn unanswered(item: &Item, answer: Option<&ItemAnswer>) -> Self {
        let mut d = Diagnostic::new(Severity::Info, DiagKind::Unanswered).item(&item.key);
        if let Some(a) = answer {
            let loc = a
                .answer
                .as_ref()
                .map(|c| &c.location)
                .unwrap_or(&a.location);
            d = d.at(loc);
        }
        ItemEval {
            status: ItemStatus::Unanswered,
            value: None,
            answer: None,
            counts: Vec::new(),
            diagnostics: vec![d],
        }
    }

    fn invalid(item: &Item, cell: &Cell, kind: DiagKind) -> Self {
        ItemEval {
            status: ItemStatus::Invalid,
            value: None,
            answer: None,
            counts: Vec::new(),
            diagnostics: vec![Diagnostic::new(Severity::Error, kind)
                .at(&cell.location)
                .item(&item.key)],
        }
    }
}

/// Evaluates one item's answer: value, status and diagnostics.
pub fn evaluate_item(criteria: &Criteria, item: &Item, answer: Option<&ItemAnswer>) -> ItemEval {
    match &item.answer {
        AnswerKind::Choice(scale) => {
            let Some(cell) = answer
                .and_then(|a| a.answer.as_ref())
                .filter(|c| !c.value.is_blank())
            else {
                return ItemEval::unanswered(item, answer);
            };
            let ScaleKind::Choice(options) = &criteria.scales[*scale].kind else {
                unreachable!("choice item on an index scale is rejected by the loader")
            };
            let text = match &cell.value {
                RawValue::Text(t) => t.clone(),
                other => match value_problem(other) {
                    Some(kind) => return ItemEval::invalid(item, cell, kind),
                    None => other.display(),
                },
            };
            let norm = normalize_code(&text);
            match options.iter().find(|o| normalize_code(&o.code) == norm) {
                Some(o) => ItemEval {
                    status: ItemStatus::Answered,
                    value: Some(o.value),
                    answer: Some(o.code.clone()),
                    counts: Vec::new(),
                    diagnostics: Vec::new(),
                },
                None => ItemEval::invalid(
                    item,
                    cell,
                    DiagKind::InvalidChoice {
                        answer: text,
                        allowed: options.iter().map(|o| o.code.clone()).collect(),
                    },
                ),
            }
        }
        AnswerKind::Index { max, .. } => {
            let Some(cell) = answer
                .and_then(|a| a.answer.as_ref())
                .filter(|c| !c.value.is_blank())
            else {
                return ItemEval::unanswered(item, answer);
            };
            let v = match number(&cell.value) {
                Ok(v) => v,
                Err(kind) => return ItemEval::invalid(item, cell, kind),
            };
            if !(0.0..=*max).contains(&v) {
                return ItemEval::invalid(
                    item,
                    cell,
                    DiagKind::IndexOutOfRange {
                        value: v,
                        max: *max,
                    },
                );
            }
            ItemEval {
                status: ItemStatus::Answered,
                value: Some(v / max),
                answer: Some(crate::lang::fmt_plain(v, crate::lang::Lang::En)),
                counts: Vec::new(),
                diagnostics: Vec::new(),
            }
        }
        AnswerKind::Ratio(ratio) => evaluate_ratio(item, ratio, answer),
    }
}

/// A problem with a non-text, non-number value (error cell, date, formula without value).
fn value_problem(v: &RawValue) -> Option<DiagKind> {
    match v {
        RawValue::Error(e) => Some(DiagKind::ErrorValue { value: e.clone() }),
        RawValue::Date(d) => Some(DiagKind::DateValue { value: d.clone() }),
        RawValue::FormulaWithoutValue(f) => {
            Some(DiagKind::FormulaWithoutValue { formula: f.clone() })
        }
        _ => None,
    }
}

fn number(v: &RawValue) -> Result<f64, DiagKind> {
    if let Some(kind) = value_problem(v) {
        return Err(kind);
    }
    match v {
        RawValue::Number(n) if n.is_finite() => Ok(*n),
        RawValue::Text(t) => {
            parse_decimal(t).ok_or_else(|| DiagKind::NotANumber { answer: t.clone() })
        }
        other => Err(DiagKind::NotANumber {
            answer: other.display(),
        }),
    }
}

fn evaluate_ratio(item: &Item, ratio: &Ratio, answer: Option<&ItemAnswer>) -> ItemEval {
    let cells: Vec<Option<&Cell>> = (0..ratio.inputs.len())
        .map(|i| {
            answer
                .and_then(|a| a.inputs.get(i))
                .and_then(|c| c.as_ref())
        })
        .collect();
    let filled = |i: usize| cells[i].filter(|c| !c.value.is_blank());
    // Inputs the unit must type: every input that is not a sum of others.
    let typed: Vec<usize> = (0..ratio.inputs.len())
        .filter(|i| ratio.inputs[*i].sum_of.is_empty())
        .collect();
    if typed.iter().all(|i| filled(*i).is_none()) {
        return ItemEval::unanswered(item, answer);
    }

    let mut diagnostics = Vec::new();
    let mut counts: Vec<Option<f64>> = vec![None; ratio.inputs.len()];
    let mut invalid = false;
    let mut missing = false;
    for &i in &typed {
        let input = &ratio.inputs[i];
        match filled(i) {
            None => {
                missing = true;
                let mut d = Diagnostic::new(
                    Severity::Info,
                    DiagKind::InputMissing {
                        input: input.label.clone(),
                    },
                )
                .item(&item.key);
                if let Some(loc) = cells[i]
                    .map(|c| &c.location)
                    .or(answer.map(|a| &a.location))
                {
                    d = d.at(loc);
                }
                diagnostics.push(d);
            }
            Some(cell) => match count(&cell.value, &input.label) {
                Ok(v) => counts[i] = Some(v),
                Err(kind) => {
                    invalid = true;
                    diagnostics.push(
                        Diagnostic::new(Severity::Error, kind)
                            .at(&cell.location)
                            .item(&item.key),
                    );
                }
            },
        }
    }
    if invalid || missing {
        return ItemEval {
            status: if invalid {
                ItemStatus::Invalid
            } else {
                ItemStatus::Unanswered
            },
            value: None,
            answer: None,
            counts,
            diagnostics,
        };
    }
    // Summed inputs: the sum of the parts wins over a typed total.
    for (i, input) in ratio.inputs.iter().enumerate() {
        if input.sum_of.is_empty() {
            continue;
        }
        let sum: f64 = input.sum_of.iter().map(|p| counts[*p].unwrap_or(0.0)).sum();
        if let Some(cell) = filled(i) {
            if let Ok(typed) = number(&cell.value) {
                if (typed - sum).abs() > 1e-9 {
                    diagnostics.push(
                        Diagnostic::new(
                            Severity::Warning,
                            DiagKind::SumMismatch {
                                input: input.label.clone(),
                                typed,
                                sum,
                            },
                        )
                        .at(&cell.location)
                        .item(&item.key),
                    );
                }
            }
        }
        counts[i] = Some(sum);
    }
    let at = |i: usize| counts[i].unwrap_or(0.0);
    let loc = answer.map(|a| a.location.clone()).unwrap_or_default();
    let value = match ratio.formula {
        Formula::Share { done, required } => {
            let (d, r) = (at(done), at(required));
            if r == 0.0 && d == 0.0 {
                1.0
            } else if r == 0.0 {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Error,
                        DiagKind::InconsistentCounts {
                            done: d,
                            required: r,
                        },
                    )
                    .at(&loc)
                    .item(&item.key),
                );
                return ItemEval {
                    status: ItemStatus::Invalid,
                    value: None,
                    answer: None,
                    counts,
                    diagnostics,
                };
            } else if d > r {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        DiagKind::RatioCapped {
                            done: d,
                            required: r,
                        },
                    )
                    .at(&loc)
                    .item(&item.key),
                );
                1.0
            } else {
                d / r
            }
        }
        Formula::Reduction { previous, current } => {
            let (p, c) = (at(previous), at(current));
            if p == 0.0 && c == 0.0 {
                1.0
            } else if p == 0.0 {
                diagnostics.push(
                    Diagnostic::new(Severity::Info, DiagKind::ReductionFromZero { current: c })
                        .at(&loc)
                        .item(&item.key),
                );
                0.0
            } else {
                ((p - c) / p).max(0.0)
            }
        }
    };
    ItemEval {
        status: ItemStatus::Answered,
        value: Some(value),
        answer: None,
        counts,
        diagnostics,
    }
}

/// A count: a whole, non-negative number.
fn count(v: &RawValue, label: &str) -> Result<f64, DiagKind> {
    let n = number(v)?;
    if n < 0.0 {
        return Err(DiagKind::CountNegative {
            input: label.to_string(),
            value: n,
        });
    }
    if n.fract() != 0.0 {
        return Err(DiagKind::CountNotWhole {
            input: label.to_string(),
            value: n,
        });
    }
    Ok(n)
}
