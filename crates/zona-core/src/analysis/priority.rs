//! Where the points are: which answers to improve first, and the fewest answer improvements that
//! would make each failing predicate condition pass.
//!
//! Two analyses of one scored answer set ([`analyse`]):
//!
//! 1. **Items by recoverable points** ([`Priority::items`]): for every item that is not at full
//!    value, how many points the total would gain if that item alone reached full value, under
//!    the result's unanswered policy, and the next answer step (one option up).
//! 2. **Improvement plans** ([`Priority::conditions`]): for every score condition of a predicate
//!    that fails (total, node, item, area), the smallest set of answer improvements that makes it
//!    pass.
//!
//! # Steps
//!
//! An improvement is made of *steps*, one option up at a time on the item's scale, ordered by
//! value: `C → B` is one step on an A/B/C/D item, `C → A` two. An unanswered (or invalid) item's
//! first step is the lowest option worth more than 0 (`C` on A/B/C/D, `Ya` on Ya/Tidak): answering
//! with a 0-valued option never gains anything. A survey index or a ratio item has no options: it
//! is raised to full value (index maximum, 100 %) in one step, and the plan also tells the
//! smallest value that would already be enough ([`Improvement::sufficient_value`]).
//!
//! # How a plan is found
//!
//! The value of every score condition is a sum of sub-area scores (or one item's points), and a
//! sub-area's score depends only on its own items. So the search is exact, not greedy:
//!
//! 1. for every sub-area in the condition's scope, the best gain reachable with exactly `s` steps
//!    inside it, for every `s` (a small dynamic programme over its items; under the `exclude`
//!    policy it also tracks how many unanswered items become answered, since the mean's divisor
//!    changes);
//! 2. the sub-areas are combined (max-plus convolution) into the best gain with exactly `s` steps
//!    over the whole scope;
//! 3. the plan is the smallest `s` whose best gain makes the condition pass; among plans with that
//!    many steps, the one gaining the most points (exact ties are broken deterministically, by
//!    document order).
//!
//! # Outcomes
//!
//! Items the criteria mark `outcome = true` (IPAK, IPKP, capaian kinerja: results measured by
//! others or reached over a year, not answers a team improves) never take a step in a plan: the
//! search above runs over the actionable items only, so a plan is the fewest *actionable* steps.
//! Where a condition cannot pass through actionable items alone, the plan says instead, for each
//! outcome item in its scope, the value it would need ([`OutcomeNeed`]) with every actionable item
//! of the scope at full value and the other outcomes as they are. Items by recoverable points
//! keep outcomes apart ([`Priority::outcomes`]).
//!
//! The plan is then applied to a copy of the answers and scored again with
//! [`crate::scoring::score()`]; the condition's value and pass/fail after the plan come from that
//! re-score, never from the search alone.
//!
//! The arithmetic (an item's value → its points, a sub-area's score) is the scoring code's own
//! ([`crate::scoring::aggregate`]), called on hypothetical item values; nothing here restates it.

use crate::answers::answer::{AnswerSet, ItemAnswer};
use crate::answers::cell::{Cell, RawValue};
use crate::criteria::{
    Aggregation, AnswerKind, ChoiceOption, Criteria, Item, ItemId, NodeId, ScaleKind,
};
use crate::scoring::aggregate::{answered_items, item_points, item_share, items_score};
use crate::scoring::predicate::{meets, ConditionResult, ConditionTarget};
use crate::scoring::{score, ItemStatus, ScoreOptions, ScoreResult, UnansweredPolicy};

/// Gains smaller than this are floating-point noise, not points.
const GAIN_EPSILON: f64 = 1e-9;

/// Steps of the bisection that finds the sufficient value of an index or ratio item.
const BISECTION_STEPS: usize = 60;

/// What an improvement raises an item to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A choice option.
    Option { code: String, value: f64 },
    /// A survey index raised to its maximum, in one step.
    IndexMax { max: f64 },
    /// A ratio item raised to 100 %, in one step.
    RatioFull,
}

impl Target {
    /// The item value (0–1) the target stands for.
    pub fn value(&self) -> f64 {
        match self {
            Target::Option { value, .. } => *value,
            Target::IndexMax { .. } | Target::RatioFull => 1.0,
        }
    }

    /// True for an index or ratio item raised to full value in one step.
    pub fn is_full_value_step(&self) -> bool {
        !matches!(self, Target::Option { .. })
    }
}

/// One item raised by one or more steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Improvement {
    pub item: ItemId,
    /// The answer now as understood (option code, index); None for ratio, unanswered and invalid
    /// items.
    pub from_answer: Option<String>,
    /// The item value now (None when unanswered or invalid).
    pub from_value: Option<f64>,
    pub status: ItemStatus,
    pub to: Target,
    /// Steps of one option each (1 for an index or ratio raised to full value).
    pub steps: usize,
    /// Points gained by this improvement, applied after the plan's earlier improvements (in
    /// document order). Under the `exclude` policy gains inside one sub-area depend on each other.
    pub gain: f64,
    /// For an index or ratio item: the smallest value (0–1) that would already be enough, with the
    /// plan's other improvements in place. The survey index is this × its maximum.
    pub sufficient_value: Option<f64>,
}

/// A condition of [`ScoreResult::predicates`]: `result.predicates[predicate].conditions[condition]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConditionRef {
    pub predicate: usize,
    pub condition: usize,
}

/// An item and the points it still holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemPriority {
    pub item: ItemId,
    pub status: ItemStatus,
    /// Points the item contributes now, and when fully met (as in [`crate::scoring::ItemScore`]).
    pub points: f64,
    pub max_points: f64,
    /// Points the total gains if this item alone reaches full value, under the result's policy.
    /// Under `zero` this is `max_points − points`; under `exclude` answering an item changes its
    /// sub-area's divisor, so an unanswered item in a sub-area whose answered items are all at
    /// full value recovers nothing.
    pub recoverable: f64,
    /// The next step (one option up), with the points it gains on its own. Under `exclude` the
    /// first answer to an unanswered item can lower its sub-area's mean: the gain is then negative.
    pub next: Option<Improvement>,
    /// The failing conditions whose value this item counts towards.
    pub helps: Vec<ConditionRef>,
}

/// What an outcome item would need for a condition that actionable items cannot make pass.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeNeed {
    pub item: ItemId,
    /// The answer now as understood (option code, index); None when unanswered or invalid.
    pub from_answer: Option<String>,
    /// The item value now (0–1; None when unanswered or invalid).
    pub from_value: Option<f64>,
    pub status: ItemStatus,
    /// The smallest item value (0–1) that makes the condition pass, with every actionable item of
    /// the scope at full value and the other outcomes as they are; None when even full value of
    /// this item alone is not enough. A survey index is this × its maximum.
    pub sufficient_value: Option<f64>,
    /// For a choice item: the lowest option worth at least [`OutcomeNeed::sufficient_value`].
    pub option: Option<Target>,
}

impl OutcomeNeed {
    /// For a survey index: the index needed (sufficient value × maximum), rounded up to two
    /// decimals as a reader must reach it.
    pub fn index_needed(&self, c: &Criteria) -> Option<f64> {
        match (&c.item(self.item).answer, self.sufficient_value) {
            (AnswerKind::Index { max, .. }, Some(v)) => Some(ceil2(v * max)),
            _ => None,
        }
    }
}

/// Rounds up to two decimals, ignoring floating-point noise.
pub fn ceil2(v: f64) -> f64 {
    ((v * 100.0) - 1e-6).ceil() / 100.0
}

/// The fewest improvements that make one failing condition pass.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionPlan {
    pub at: ConditionRef,
    /// What the condition is about: the total, a node, an item or an area (as
    /// [`ConditionResult::target`]).
    pub target: ConditionTarget,
    pub key: Option<String>,
    pub value: f64,
    pub threshold: f64,
    /// `value − threshold` (negative: points short).
    pub margin: f64,
    /// Points needed to pass: `threshold − value`.
    pub needed: f64,
    /// False when even every actionable item of the scope at full value would not pass.
    pub reachable: bool,
    /// The improvements of actionable items, in document order (empty when unreachable).
    pub improvements: Vec<Improvement>,
    /// When unreachable by actionable items: what each outcome item of the scope would need
    /// (document order; empty when reachable or the scope holds no outcome).
    pub outcomes: Vec<OutcomeNeed>,
    /// Steps in all.
    pub steps: usize,
    /// Points gained by the plan (from the re-score).
    pub gain: f64,
    /// The condition after the plan, from re-scoring the improved answers (when unreachable:
    /// after raising every actionable item of the scope to full value).
    pub value_after: f64,
    pub passes_after: bool,
}

/// The whole analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Priority {
    pub policy: UnansweredPolicy,
    /// Actionable items with points to recover (see [`ItemPriority::recoverable`]), most first;
    /// document order on ties.
    pub items: Vec<ItemPriority>,
    /// Outcome items (`outcome = true` in the criteria) with points to recover, in the same
    /// order; their `next` is None (no answer step raises an outcome).
    pub outcomes: Vec<ItemPriority>,
    /// One plan per failing score condition, in predicate and condition order.
    pub conditions: Vec<ConditionPlan>,
    /// Failing conditions that no answer can fix (a prior predicate the unit does not hold).
    pub not_by_answers: Vec<ConditionRef>,
}

impl ConditionPlan {
    /// The target's code: `total`, `node`, `item` or `area` (as [`ConditionResult::kind`]).
    pub fn kind(&self) -> &'static str {
        self.target.code()
    }
}

impl Priority {
    /// The plan for a failing condition.
    pub fn plan_for(&self, at: ConditionRef) -> Option<&ConditionPlan> {
        self.conditions.iter().find(|p| p.at == at)
    }
}

/// Analyses a scored answer set: items by recoverable points and a plan per failing condition.
///
/// `options` are the score options the result was computed with (the unanswered policy of
/// `result` is used in any case); `answers` are the answers that were scored.
pub fn analyse(
    criteria: &Criteria,
    answers: &AnswerSet,
    result: &ScoreResult,
    options: &ScoreOptions,
) -> Priority {
    let empty = Priority {
        policy: result.policy,
        items: Vec::new(),
        outcomes: Vec::new(),
        conditions: Vec::new(),
        not_by_answers: Vec::new(),
    };
    if result.items.len() != criteria.items.len() || result.nodes.len() != criteria.nodes.len() {
        return empty;
    }
    let model = Model::new(criteria, result);
    let rescore_options = ScoreOptions {
        unanswered: result.policy,
        prior: options.prior.clone(),
    };

    // Failing conditions and their scopes.
    let mut failing: Vec<(ConditionRef, &ConditionResult, Scope)> = Vec::new();
    let mut not_by_answers = Vec::new();
    for (p, pred) in result.predicates.iter().enumerate() {
        for (ci, cond) in pred.conditions.iter().enumerate() {
            if cond.passed != Some(false) {
                continue;
            }
            let at = ConditionRef {
                predicate: p,
                condition: ci,
            };
            match (scope_of(criteria, cond.target), cond.value, cond.threshold) {
                (Some(scope), Some(_), Some(_)) => failing.push((at, cond, scope)),
                _ => not_by_answers.push(at),
            }
        }
    }

    // 1. Items by recoverable points.
    let mut items = Vec::new();
    let mut outcomes = Vec::new();
    for (i, item) in criteria.items.iter().enumerate() {
        let id = ItemId(i);
        let ladder = ladder(criteria, item, model.base[i]);
        let Some(full) = ladder.last() else {
            continue;
        };
        let recoverable = model.item_gain(item.parent, &[(id, full.value())]);
        if recoverable <= GAIN_EPSILON {
            continue;
        }
        let next = ladder.first().filter(|_| !item.outcome).map(|t| {
            let gain = model.item_gain(item.parent, &[(id, t.value())]);
            model.improvement(id, t.clone(), 1, gain)
        });
        let helps = failing
            .iter()
            .filter(|(_, _, scope)| scope.contains(criteria, id))
            .map(|(at, _, _)| *at)
            .collect();
        let s = &result.items[i];
        let list = if item.outcome {
            &mut outcomes
        } else {
            &mut items
        };
        list.push(ItemPriority {
            item: id,
            status: s.status,
            points: s.points,
            max_points: s.max_points,
            recoverable,
            next,
            helps,
        });
    }
    for list in [&mut items, &mut outcomes] {
        list.sort_by(|a, b| {
            b.recoverable
                .total_cmp(&a.recoverable)
                .then(a.item.cmp(&b.item))
        });
    }

    // 2. A plan per failing condition.
    let conditions = failing
        .iter()
        .map(|(at, cond, scope)| plan(&model, answers, &rescore_options, *at, cond, scope))
        .collect();

    Priority {
        policy: result.policy,
        items,
        outcomes,
        conditions,
        not_by_answers,
    }
}

/// What a condition's value is made of.
#[derive(Debug, Clone)]
enum Scope {
    /// The sum of these sub-areas (nodes holding items), in document order.
    Nodes(Vec<NodeId>),
    /// One item's points.
    Item(ItemId),
}

impl Scope {
    fn contains(&self, c: &Criteria, item: ItemId) -> bool {
        match self {
            Scope::Item(i) => *i == item,
            Scope::Nodes(nodes) => c
                .items
                .get(item.0)
                .is_some_and(|it| nodes.contains(&it.parent)),
        }
    }

    fn items(&self, c: &Criteria) -> Vec<ItemId> {
        match self {
            Scope::Item(i) => vec![*i],
            Scope::Nodes(nodes) => nodes
                .iter()
                .flat_map(|n| c.node(*n).items.iter().copied())
                .collect(),
        }
    }
}

/// What a condition's value is made of; None for a prior predicate (no answer changes it).
fn scope_of(c: &Criteria, target: ConditionTarget) -> Option<Scope> {
    let tops: Vec<NodeId> = match target {
        ConditionTarget::Total => c.roots.clone(),
        ConditionTarget::Node(id) => vec![c.nodes.get(id.0).map(|_| id)?],
        ConditionTarget::Area(id) => c.areas.get(id.0)?.parts.clone(),
        ConditionTarget::Item(id) => return c.items.get(id.0).map(|_| Scope::Item(id)),
        ConditionTarget::Prior(_) => return None,
    };
    Some(Scope::Nodes(leaves_under(c, &tops)))
}

/// The nodes holding items below (or at) these nodes, in document order, each once.
fn leaves_under(c: &Criteria, tops: &[NodeId]) -> Vec<NodeId> {
    let mut seen = vec![false; c.nodes.len()];
    let mut out = Vec::new();
    let mut stack: Vec<NodeId> = tops.iter().rev().copied().collect();
    while let Some(id) = stack.pop() {
        if seen[id.0] {
            continue;
        }
        seen[id.0] = true;
        let n = c.node(id);
        if !n.items.is_empty() {
            out.push(id);
        }
        stack.extend(n.children.iter().rev().copied());
    }
    out
}

/// Item values that can be changed, scored by the scoring code ([`crate::scoring::aggregate`]).
struct Model<'a> {
    c: &'a Criteria,
    r: &'a ScoreResult,
    policy: UnansweredPolicy,
    /// Item values now (None: unanswered or invalid).
    base: Vec<Option<f64>>,
    /// The steps each item can still take in a plan, lowest first (none for an outcome).
    ladders: Vec<Vec<Target>>,
}

/// The best gain inside one sub-area for every number of steps.
struct NodeTable {
    /// `gains[s]`: the best gain with exactly `s` steps (−∞ when impossible).
    gains: Vec<f64>,
    /// `levels[s]`: the steps taken by each of the node's items for `gains[s]`.
    levels: Vec<Vec<usize>>,
}

impl<'a> Model<'a> {
    fn new(c: &'a Criteria, r: &'a ScoreResult) -> Self {
        let base: Vec<Option<f64>> = r.items.iter().map(|s| s.value).collect();
        let ladders = c
            .items
            .iter()
            .zip(&base)
            .map(|(item, b)| {
                if item.outcome {
                    Vec::new()
                } else {
                    ladder(c, item, *b)
                }
            })
            .collect();
        Model {
            c,
            r,
            policy: r.policy,
            base,
            ladders,
        }
    }

    /// A sub-area's score with the given item values.
    fn node_score(&self, node: NodeId, values: &dyn Fn(ItemId) -> Option<f64>) -> f64 {
        items_score(self.c, node, self.policy, values)
    }

    /// An item's points with the given item values.
    fn item_points(&self, item: ItemId, values: &dyn Fn(ItemId) -> Option<f64>) -> f64 {
        let answered = answered_items(self.c, self.c.item(item).parent, values);
        item_points(
            values(item),
            item_share(self.c, item, self.policy, answered),
        )
    }

    fn value_with<'b>(
        &'b self,
        changes: &'b [(ItemId, f64)],
    ) -> impl Fn(ItemId) -> Option<f64> + 'b {
        move |id| {
            changes
                .iter()
                .rev()
                .find(|(i, _)| *i == id)
                .map_or_else(|| self.base.get(id.0).copied().flatten(), |(_, v)| Some(*v))
        }
    }

    /// The gain of a sub-area when these values are set.
    fn item_gain(&self, node: NodeId, changes: &[(ItemId, f64)]) -> f64 {
        let base = |id: ItemId| self.base.get(id.0).copied().flatten();
        self.node_score(node, &self.value_with(changes)) - self.node_score(node, &base)
    }

    /// A scope's value (model arithmetic) with these values set.
    fn scope_value(&self, scope: &Scope, changes: &[(ItemId, f64)]) -> f64 {
        let values = self.value_with(changes);
        match scope {
            Scope::Item(i) => self.item_points(*i, &values),
            Scope::Nodes(nodes) => nodes.iter().map(|n| self.node_score(*n, &values)).sum(),
        }
    }

    fn improvement(&self, id: ItemId, to: Target, steps: usize, gain: f64) -> Improvement {
        let s = &self.r.items[id.0];
        Improvement {
            item: id,
            from_answer: s.answer.clone(),
            from_value: s.value,
            status: s.status,
            to,
            steps,
            gain,
            sufficient_value: None,
        }
    }

    /// Dynamic programme over one sub-area's items: the best gain for every number of steps.
    fn node_table(&self, node: NodeId) -> NodeTable {
        let ids = &self.c.node(node).items;
        // Under `exclude` a mean's divisor is the number of answered items: answering one changes
        // every item's share, so the state sums values and counts newly answered items; otherwise
        // every item's share is fixed and the state sums points.
        let exclude = self.policy == UnansweredPolicy::Exclude
            && self.c.aggregation(node) == Aggregation::Mean;
        let base = |id: ItemId| self.base[id.0];
        let answered_now = answered_items(self.c, node, &base);
        let width = if exclude {
            ids.len() - answered_now + 1
        } else {
            1
        };
        let max_steps: usize = ids.iter().map(|i| self.ladders[i.0].len()).sum();
        let cells = (max_steps + 1) * width;
        // What item `id` at level `j` adds to the state: (sum term, newly answered?).
        let term = |id: ItemId, j: usize| -> (f64, usize) {
            let base = self.base[id.0];
            let value = if j == 0 {
                base
            } else {
                Some(self.ladders[id.0][j - 1].value())
            };
            if exclude {
                let newly = usize::from(base.is_none() && value.is_some());
                (value.unwrap_or(0.0), newly)
            } else {
                let share = item_share(self.c, id, self.policy, answered_now);
                (item_points(value, share), 0)
            }
        };

        let mut dp = vec![f64::NEG_INFINITY; cells];
        dp[0] = 0.0;
        let mut back: Vec<Vec<usize>> = Vec::with_capacity(ids.len());
        let mut reach = 0;
        for id in ids {
            let levels = self.ladders[id.0].len();
            let mut next = vec![f64::NEG_INFINITY; cells];
            let mut choice = vec![usize::MAX; cells];
            for s in 0..=reach {
                for m in 0..width {
                    let cur = dp[s * width + m];
                    if cur == f64::NEG_INFINITY {
                        continue;
                    }
                    for j in 0..=levels {
                        let (add, newly) = term(*id, j);
                        let idx = (s + j) * width + m + newly;
                        if idx < cells && cur + add > next[idx] {
                            next[idx] = cur + add;
                            choice[idx] = j;
                        }
                    }
                }
            }
            reach += levels;
            dp = next;
            back.push(choice);
        }

        // The sub-area's score from a state: under `exclude` the items' points Σ value × share are
        // (Σ value) × share, with the share for `answered_now + m` answered items.
        let node_value = |m: usize, sum: f64| -> f64 {
            match ids.first() {
                Some(first) if exclude => item_points(
                    Some(sum),
                    item_share(self.c, *first, self.policy, answered_now + m),
                ),
                _ => sum,
            }
        };
        // The sub-area's score now, as scoring computed it.
        let base_value = self.r.node(node).score;
        let mut gains = Vec::with_capacity(max_steps + 1);
        let mut levels = Vec::with_capacity(max_steps + 1);
        for s in 0..=max_steps {
            let mut best: Option<(f64, usize)> = None;
            for m in 0..width {
                let sum = dp[s * width + m];
                if sum == f64::NEG_INFINITY {
                    continue;
                }
                let g = node_value(m, sum) - base_value;
                if !matches!(best, Some((b, _)) if g <= b) {
                    best = Some((g, m));
                }
            }
            match best {
                Some((g, m)) => {
                    gains.push(g);
                    levels.push(backtrack(ids, &back, &term, width, s, m));
                }
                None => {
                    gains.push(f64::NEG_INFINITY);
                    levels.push(vec![0; ids.len()]);
                }
            }
        }
        NodeTable { gains, levels }
    }
}

fn backtrack(
    ids: &[ItemId],
    back: &[Vec<usize>],
    term: &dyn Fn(ItemId, usize) -> (f64, usize),
    width: usize,
    mut s: usize,
    mut m: usize,
) -> Vec<usize> {
    let mut levels = vec![0; ids.len()];
    for i in (0..ids.len()).rev() {
        let j = back[i].get(s * width + m).copied().unwrap_or(usize::MAX);
        if j == usize::MAX {
            return vec![0; ids.len()];
        }
        levels[i] = j;
        let newly = term(ids[i], j).1;
        s = s.saturating_sub(j);
        m = m.saturating_sub(newly);
    }
    levels
}

/// The steps an item can still take, lowest first.
fn ladder(c: &Criteria, item: &Item, value: Option<f64>) -> Vec<Target> {
    let floor = value.unwrap_or(0.0);
    match &item.answer {
        AnswerKind::Choice(scale) => {
            let Some(ScaleKind::Choice(options)) = c.scales.get(*scale).map(|s| &s.kind) else {
                return Vec::new();
            };
            let mut up: Vec<&ChoiceOption> = options
                .iter()
                .filter(|o| o.value > floor + GAIN_EPSILON)
                .collect();
            // Stable: of options worth the same, the first in the scale stays.
            up.sort_by(|a, b| a.value.total_cmp(&b.value));
            up.dedup_by(|later, earlier| (later.value - earlier.value).abs() <= GAIN_EPSILON);
            up.into_iter()
                .map(|o| Target::Option {
                    code: o.code.clone(),
                    value: o.value,
                })
                .collect()
        }
        AnswerKind::Index { max, .. } if floor < 1.0 - GAIN_EPSILON => {
            vec![Target::IndexMax { max: *max }]
        }
        AnswerKind::Ratio(_) if floor < 1.0 - GAIN_EPSILON => vec![Target::RatioFull],
        _ => Vec::new(),
    }
}

/// The steps of every scope item for the best plan with exactly `s` steps, per node table.
fn combine(tables: &[NodeTable]) -> (Vec<f64>, Vec<Vec<usize>>) {
    // best[s] over the nodes so far; alloc[k][s]: steps given to node k for best[s] after k.
    let mut best = vec![0.0];
    let mut alloc: Vec<Vec<usize>> = Vec::with_capacity(tables.len());
    for t in tables {
        let len = best.len() + t.gains.len() - 1;
        let mut next = vec![f64::NEG_INFINITY; len];
        let mut pick = vec![0; len];
        for (s, b) in best.iter().enumerate() {
            if *b == f64::NEG_INFINITY {
                continue;
            }
            for (k, g) in t.gains.iter().enumerate() {
                if *g == f64::NEG_INFINITY {
                    continue;
                }
                if b + g > next[s + k] {
                    next[s + k] = b + g;
                    pick[s + k] = k;
                }
            }
        }
        best = next;
        alloc.push(pick);
    }
    (best, alloc)
}

/// Node-by-node steps of the best `s`-step plan.
fn allocation(alloc: &[Vec<usize>], mut s: usize) -> Vec<usize> {
    let mut out = vec![0; alloc.len()];
    for k in (0..alloc.len()).rev() {
        let t = alloc[k].get(s).copied().unwrap_or(0);
        out[k] = t;
        s = s.saturating_sub(t);
    }
    out
}

/// The levels (steps per item) of a plan, as (item, steps) in document order.
fn plan_levels(
    model: &Model,
    scope: &Scope,
    s: usize,
    tables: &[NodeTable],
    alloc: &[Vec<usize>],
) -> Vec<(ItemId, usize)> {
    match scope {
        Scope::Item(i) => vec![(*i, s)],
        Scope::Nodes(nodes) => {
            let per_node = allocation(alloc, s);
            let mut out = Vec::new();
            for ((n, t), table) in nodes.iter().zip(per_node).zip(tables) {
                let ids = &model.c.node(*n).items;
                if let Some(levels) = table.levels.get(t) {
                    out.extend(
                        ids.iter()
                            .zip(levels)
                            .filter(|(_, l)| **l > 0)
                            .map(|(i, l)| (*i, *l)),
                    );
                }
            }
            out
        }
    }
}

/// The answers with the plan's targets written in (re-scored by [`score`]).
fn apply(c: &Criteria, answers: &AnswerSet, targets: &[(ItemId, &Target)]) -> AnswerSet {
    let mut out = answers.clone();
    out.diagnostics.clear();
    for (id, target) in targets {
        let item = c.item(*id);
        let mut a: ItemAnswer = answers.get(*id).cloned().unwrap_or_default();
        let loc = a
            .answer
            .as_ref()
            .map_or_else(|| a.location.clone(), |c| c.location.clone());
        match target {
            Target::Option { code, .. } => {
                a.answer = Some(Cell::new(RawValue::Text(code.clone()), loc));
            }
            Target::IndexMax { max } => {
                a.answer = Some(Cell::new(RawValue::Number(*max), loc));
            }
            Target::RatioFull => {
                // Every count 0 scores 1 under both formulas ("nothing was owed").
                if let AnswerKind::Ratio(r) = &item.answer {
                    a.inputs = r
                        .inputs
                        .iter()
                        .map(|_| Some(Cell::new(RawValue::Number(0.0), loc.clone())))
                        .collect();
                }
            }
        }
        out.set(*id, a);
    }
    out
}

fn plan(
    model: &Model,
    answers: &AnswerSet,
    options: &ScoreOptions,
    at: ConditionRef,
    cond: &ConditionResult,
    scope: &Scope,
) -> ConditionPlan {
    let c = model.c;
    let value = cond.value.unwrap_or(0.0);
    let threshold = cond.threshold.unwrap_or(0.0);
    let rescore = |levels: &[(ItemId, usize)]| -> (f64, bool) {
        let targets: Vec<(ItemId, &Target)> = levels
            .iter()
            .filter_map(|(i, l)| model.ladders[i.0].get(l.wrapping_sub(1)).map(|t| (*i, t)))
            .collect();
        let improved = apply(c, answers, &targets);
        let r = score(c, &improved, options);
        let after = r
            .predicates
            .get(at.predicate)
            .and_then(|p| p.conditions.get(at.condition));
        (
            after.and_then(|a| a.value).unwrap_or(value),
            after.and_then(|a| a.passed) == Some(true),
        )
    };

    // Best gain for every number of steps over the scope.
    let (tables, best, alloc) = match scope {
        Scope::Item(i) => {
            let gains = (0..=model.ladders[i.0].len())
                .map(|j| {
                    let change: Vec<(ItemId, f64)> = if j == 0 {
                        Vec::new()
                    } else {
                        vec![(*i, model.ladders[i.0][j - 1].value())]
                    };
                    model.scope_value(scope, &change) - model.scope_value(scope, &[])
                })
                .collect();
            (Vec::new(), gains, Vec::new())
        }
        Scope::Nodes(nodes) => {
            let tables: Vec<NodeTable> = nodes.iter().map(|n| model.node_table(*n)).collect();
            let (best, alloc) = combine(&tables);
            (tables, best, alloc)
        }
    };

    let mut found: Option<(Vec<(ItemId, usize)>, f64)> = None;
    for (s, g) in best.iter().enumerate() {
        if *g == f64::NEG_INFINITY || !meets(value + g, threshold) {
            continue;
        }
        let levels = plan_levels(model, scope, s, &tables, &alloc);
        let (after, passes) = rescore(&levels);
        if passes {
            found = Some((levels, after));
            break;
        }
    }

    let base = ConditionPlan {
        at,
        target: cond.target,
        key: cond.key.clone(),
        value,
        threshold,
        margin: value - threshold,
        needed: threshold - value,
        reachable: false,
        improvements: Vec::new(),
        outcomes: Vec::new(),
        steps: 0,
        gain: 0.0,
        value_after: value,
        passes_after: false,
    };
    let Some((levels, after)) = found else {
        // Unreachable: report what every scope item at full value would give.
        let all: Vec<(ItemId, usize)> = scope
            .items(c)
            .into_iter()
            .map(|i| (i, model.ladders[i.0].len()))
            .collect();
        let (after, passes) = rescore(&all);
        let outcomes = outcome_needs(model, scope, value, threshold);
        return ConditionPlan {
            gain: after - value,
            value_after: after,
            passes_after: passes,
            outcomes,
            ..base
        };
    };

    // Improvements in document order, each with its gain after the earlier ones.
    let mut improvements = Vec::with_capacity(levels.len());
    let mut changes: Vec<(ItemId, f64)> = Vec::new();
    let mut before = model.scope_value(scope, &changes);
    for (id, l) in &levels {
        let Some(target) = model.ladders[id.0].get(l.wrapping_sub(1)) else {
            continue;
        };
        changes.push((*id, target.value()));
        let now = model.scope_value(scope, &changes);
        improvements.push(model.improvement(*id, target.clone(), *l, now - before));
        before = now;
    }
    // The smallest sufficient value of index and ratio steps, the others in place.
    let all_changes = changes.clone();
    for imp in improvements.iter_mut() {
        if !imp.to.is_full_value_step() {
            continue;
        }
        let lo = imp.from_value.unwrap_or(0.0);
        let mut trial = all_changes.clone();
        let pos = trial.iter().position(|(i, _)| *i == imp.item);
        let passes_at = |x: f64, trial: &mut Vec<(ItemId, f64)>| -> bool {
            if let Some(p) = pos {
                trial[p].1 = x;
            }
            let g = model.scope_value(scope, trial) - model.scope_value(scope, &[]);
            meets(value + g, threshold)
        };
        if !passes_at(1.0, &mut trial) {
            continue;
        }
        let (mut low, mut high) = (lo, 1.0);
        for _ in 0..BISECTION_STEPS {
            let mid = (low + high) / 2.0;
            if passes_at(mid, &mut trial) {
                high = mid;
            } else {
                low = mid;
            }
        }
        imp.sufficient_value = Some(high);
    }
    let steps = improvements.iter().map(|i| i.steps).sum();
    ConditionPlan {
        reachable: true,
        improvements,
        steps,
        gain: after - value,
        value_after: after,
        passes_after: true,
        ..base
    }
}

/// For each outcome item of the scope: the smallest value making the condition pass, every
/// actionable item of the scope at full value, the other outcomes as they are.
fn outcome_needs(model: &Model, scope: &Scope, value: f64, threshold: f64) -> Vec<OutcomeNeed> {
    let c = model.c;
    let ids = scope.items(c);
    let actionable: Vec<(ItemId, f64)> = ids
        .iter()
        .filter_map(|i| model.ladders[i.0].last().map(|t| (*i, t.value())))
        .collect();
    let now = model.scope_value(scope, &[]);
    ids.iter()
        .filter(|i| c.item(**i).outcome)
        .map(|id| {
            let passes_at = |x: f64| -> bool {
                let mut trial = actionable.clone();
                trial.push((*id, x));
                meets(value + model.scope_value(scope, &trial) - now, threshold)
            };
            let lo = model.base[id.0].unwrap_or(0.0);
            let sufficient = passes_at(1.0).then(|| {
                let (mut low, mut high) = (lo, 1.0);
                if passes_at(lo) {
                    return lo;
                }
                for _ in 0..BISECTION_STEPS {
                    let mid = (low + high) / 2.0;
                    if passes_at(mid) {
                        high = mid;
                    } else {
                        low = mid;
                    }
                }
                high
            });
            let option = sufficient.and_then(|v| {
                ladder(c, c.item(*id), None)
                    .into_iter()
                    .filter(|t| matches!(t, Target::Option { .. }))
                    .find(|t| t.value() + GAIN_EPSILON >= v)
            });
            let s = &model.r.items[id.0];
            OutcomeNeed {
                item: *id,
                from_answer: s.answer.clone(),
                from_value: s.value,
                status: s.status,
                sufficient_value: sufficient,
                option,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::cell::Location;
    use crate::criteria::load::load_str;

    /// Two areas (x: 6, y: 4) and a hasil-like index item; predicates at 60 % and 85 % of each
    /// area, plus a total and an item condition.
    const CRITERIA: &str = r#"
[criteria]
id = "uji"
name = "Kriteria uji"

[scales.yt]
name = "Ya/Tidak"
options = [{ code = "Ya", value = 1.0 }, { code = "Tidak", value = 0.0 }]

[scales.abcd]
name = "A/B/C/D"
options = [
  { code = "A", value = 1.0 },
  { code = "B", value = 0.67 },
  { code = "C", value = 0.33 },
  { code = "D", value = 0.0 },
]

[scales.idx]
name = "Nilai (0-4)"
index_max = 4.0

[[area]]
key = "x"
name = "Area X"
weight = 6.0

[[area]]
key = "y"
name = "Area Y"
weight = 4.0

[[node]]
key = "p"
name = "P"
weight = 10.0
role = "pengungkit"

[[node]]
key = "p.x"
parent = "p"
name = "PX"
weight = 6.0
area = "x"

[[node]]
key = "p.x.s1"
parent = "p.x"
name = "S1"
weight = 3.0

[[node]]
key = "p.x.s2"
parent = "p.x"
name = "S2"
weight = 3.0

[[node]]
key = "p.y"
parent = "p"
name = "PY"
weight = 4.0
area = "y"

[[node]]
key = "p.y.s"
parent = "p.y"
name = "SY"
weight = 4.0

[[node]]
key = "h"
name = "H"
weight = 10.0
role = "hasil"

[[node]]
key = "h.s"
parent = "h"
name = "HS"
weight = 10.0

[[item]]
key = "s1.a"
parent = "p.x.s1"
text = "s1 a"
answer = "abcd"

[[item]]
key = "s1.b"
parent = "p.x.s1"
text = "s1 b"
answer = "abcd"

[[item]]
key = "s1.c"
parent = "p.x.s1"
text = "s1 c"
answer = "yt"

[[item]]
key = "s2.a"
parent = "p.x.s2"
text = "s2 a"
answer = "abcd"

[[item]]
key = "s2.b"
parent = "p.x.s2"
text = "s2 b"
answer = "abcd"

[[item]]
key = "y.a"
parent = "p.y.s"
text = "y a"
answer = "abcd"

[[item]]
key = "y.r"
parent = "p.y.s"
text = "y ratio"
answer = "ratio"
ratio = { kind = "share", done = "done", required = "req" }
inputs = [
  { key = "req", label = "Jumlah wajib" },
  { key = "done", label = "Jumlah selesai" },
]

[[item]]
key = "h.ipak"
parent = "h.s"
text = "IPAK"
answer = "idx"
weight = 10.0

[[predicate]]
key = "wbk"
name = "Menuju WBK"
short_name = "WBK"
conditions = [
  { kind = "areas", min_percent = 60.0 },
  { kind = "item", item = "h.ipak", min = 9.0 },
]

[[predicate]]
key = "wbbm"
name = "Menuju WBBM"
conditions = [
  { kind = "total", min = 17.0 },
  { kind = "areas", min_percent = 85.0 },
]
"#;

    fn criteria() -> Criteria {
        load_str(CRITERIA, "uji.toml").expect("test criteria are valid")
    }

    fn cell(v: RawValue) -> Cell {
        Cell::new(v, Location::default())
    }

    fn text(s: &str) -> RawValue {
        RawValue::Text(s.to_string())
    }

    /// Answers by item key; ratio items take (required, done).
    fn answers(
        c: &Criteria,
        choices: &[(&str, RawValue)],
        ratios: &[(&str, f64, f64)],
    ) -> AnswerSet {
        let mut set = AnswerSet::empty(c);
        for (key, v) in choices {
            let id = c.item_by_key(key).expect("known item");
            set.set(
                id,
                ItemAnswer {
                    answer: Some(cell(v.clone())),
                    ..Default::default()
                },
            );
        }
        for (key, req, done) in ratios {
            let id = c.item_by_key(key).expect("known item");
            set.set(
                id,
                ItemAnswer {
                    inputs: vec![
                        Some(cell(RawValue::Number(*req))),
                        Some(cell(RawValue::Number(*done))),
                    ],
                    ..Default::default()
                },
            );
        }
        set
    }

    fn run(c: &Criteria, a: &AnswerSet, policy: UnansweredPolicy) -> (ScoreResult, Priority) {
        let options = ScoreOptions {
            unanswered: policy,
            ..Default::default()
        };
        let r = score(c, a, &options);
        let p = analyse(c, a, &r, &options);
        (r, p)
    }

    /// The plan for a condition given by predicate key and condition key.
    fn plan_of<'a>(
        r: &ScoreResult,
        p: &'a Priority,
        pred: &str,
        kind: &str,
        key: Option<&str>,
    ) -> Option<&'a ConditionPlan> {
        let pi = r.predicates.iter().position(|x| x.key == pred)?;
        let ci = r.predicates[pi]
            .conditions
            .iter()
            .position(|x| x.kind() == kind && x.key.as_deref() == key)?;
        p.plan_for(ConditionRef {
            predicate: pi,
            condition: ci,
        })
    }

    fn key_of(c: &Criteria, id: ItemId) -> &str {
        &c.item(id).key
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Area X at 3.995 of 6 (66.58 %): passes 60 %, fails 85 % (5.1) by 1.105.
    fn area_x_short() -> Vec<(&'static str, RawValue)> {
        vec![
            ("s1.a", text("A")),
            ("s1.b", text("A")),
            ("s1.c", text("Tidak")),
            ("s2.a", text("C")),
            ("s2.b", text("A")),
            ("y.a", text("A")),
            ("h.ipak", RawValue::Number(4.0)),
        ]
    }

    #[test]
    fn one_failing_area_two_steps() {
        let c = criteria();
        let a = answers(&c, &area_x_short(), &[("y.r", 4.0, 4.0)]);
        let (r, p) = run(&c, &a, UnansweredPolicy::Zero);
        // s1 = (1 + 1 + 0) / 3 × 3 = 2; s2 = (0.33 + 1) / 2 × 3 = 1.995.
        assert!(close(r.areas[0].score, 3.995));
        assert!(
            plan_of(&r, &p, "wbk", "area", Some("x")).is_none(),
            "passes 60 %"
        );
        let plan = plan_of(&r, &p, "wbbm", "area", Some("x")).expect("fails 85 %");
        assert!(close(plan.needed, 1.105));
        // One step gains at most 1 (s1.c Tidak → Ya); two steps: s1.c → Ya (+1) and s2.a C → B
        // (+0.34 × 1.5 = 0.51) = 1.51, the only two-step set reaching 1.105.
        assert!(plan.reachable && plan.passes_after);
        assert_eq!(plan.steps, 2);
        let got: Vec<(&str, Target, usize)> = plan
            .improvements
            .iter()
            .map(|i| (key_of(&c, i.item), i.to.clone(), i.steps))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "s1.c",
                    Target::Option {
                        code: "Ya".into(),
                        value: 1.0
                    },
                    1
                ),
                (
                    "s2.a",
                    Target::Option {
                        code: "B".into(),
                        value: 0.67
                    },
                    1
                ),
            ]
        );
        assert!(close(plan.improvements[0].gain, 1.0));
        assert!(close(plan.improvements[1].gain, 0.51));
        assert!(close(plan.gain, 1.51));
        assert!(close(plan.value_after, 5.505));
        assert_eq!(plan.improvements[1].from_answer.as_deref(), Some("C"));
    }

    #[test]
    fn one_step_suffices_and_the_bigger_gain_wins() {
        let c = criteria();
        // s2.a at B instead of C: area X = 2 + (0.67 + 1) / 2 × 3 = 4.505; 85 % needs 0.595.
        let mut ch = area_x_short();
        ch[3] = ("s2.a", text("B"));
        let a = answers(&c, &ch, &[("y.r", 4.0, 4.0)]);
        let (r, p) = run(&c, &a, UnansweredPolicy::Zero);
        let plan = plan_of(&r, &p, "wbbm", "area", Some("x")).expect("fails 85 %");
        assert!(close(plan.needed, 0.595));
        // s1.c → Ya (+1) and s2.a B → A (+0.495) are both one step; only the first suffices.
        assert_eq!(plan.steps, 1);
        assert_eq!(key_of(&c, plan.improvements[0].item), "s1.c");
    }

    #[test]
    fn ratio_item_full_value_in_one_step_with_sufficient_share() {
        let c = criteria();
        // Area Y: y.a = A, ratio unanswered → (1 + 0) / 2 × 4 = 2 (50 %); 60 % needs 0.4.
        let a = answers(&c, &area_x_short(), &[]);
        let (r, p) = run(&c, &a, UnansweredPolicy::Zero);
        let plan = plan_of(&r, &p, "wbk", "area", Some("y")).expect("fails 60 %");
        assert!(close(plan.needed, 0.4));
        assert_eq!(plan.steps, 1);
        let imp = &plan.improvements[0];
        assert_eq!(key_of(&c, imp.item), "y.r");
        assert_eq!(imp.to, Target::RatioFull);
        assert_eq!(imp.status, ItemStatus::Unanswered);
        assert!(close(imp.gain, 2.0));
        // 0.4 of the item's 2 points: a ratio of 20 % would already do.
        let v = imp.sufficient_value.expect("ratio step");
        assert!((v - 0.2).abs() < 1e-6, "{v}");
        assert!(close(plan.value_after, 4.0));
    }

    #[test]
    fn index_item_condition_tells_the_index_needed() {
        let c = criteria();
        let mut ch = area_x_short();
        ch[6] = ("h.ipak", RawValue::Number(3.45));
        let a = answers(&c, &ch, &[("y.r", 4.0, 4.0)]);
        let (r, p) = run(&c, &a, UnansweredPolicy::Zero);
        // 3.45 / 4 × 10 = 8.625 < 9.
        let plan = plan_of(&r, &p, "wbk", "item", Some("h.ipak")).expect("fails");
        assert!(close(plan.needed, 0.375));
        assert_eq!(plan.steps, 1);
        assert_eq!(plan.improvements[0].to, Target::IndexMax { max: 4.0 });
        // 9 / 10 × 4 = 3.60.
        let v = plan.improvements[0].sufficient_value.expect("index step");
        assert!((v * 4.0 - 3.6).abs() < 1e-6, "{}", v * 4.0);
    }

    #[test]
    fn recoverable_points_differ_by_policy() {
        let c = criteria();
        // s1.c unanswered; s1.a, s1.b at A.
        let ch: Vec<_> = area_x_short()
            .into_iter()
            .filter(|(k, _)| *k != "s1.c")
            .collect();
        let a = answers(&c, &ch, &[("y.r", 4.0, 4.0)]);

        let (r, p) = run(&c, &a, UnansweredPolicy::Zero);
        // Zero: s1.c holds its full 1 point; s2.a (C, share 1.5) holds 0.67 × 1.5 = 1.005.
        let s1c = c.item_by_key("s1.c").unwrap();
        let s2a = c.item_by_key("s2.a").unwrap();
        assert_eq!(p.items[0].item, s2a);
        assert!(close(p.items[0].recoverable, 1.005));
        assert_eq!(p.items[1].item, s1c);
        assert!(close(p.items[1].recoverable, 1.0));
        let next = p.items[1].next.as_ref().unwrap();
        assert_eq!(
            next.to,
            Target::Option {
                code: "Ya".into(),
                value: 1.0
            }
        );
        // Zero: recoverable points add up to what the total lacks.
        let sum: f64 = p.items.iter().map(|i| i.recoverable).sum();
        assert!(close(sum, r.max_total - r.total));

        let (_, p) = run(&c, &a, UnansweredPolicy::Exclude);
        // Exclude: s1 is already at 3 of 3 from its two answers; answering s1.c gains nothing.
        assert!(p.items.iter().all(|i| i.item != s1c));
        assert_eq!(p.items[0].item, s2a);
        assert!(close(p.items[0].recoverable, 1.005));
    }

    #[test]
    fn exclude_policy_plan_raises_the_answered_item() {
        let c = criteria();
        // s2: a = C, b unanswered → under exclude s2 = 0.33 × 3 = 0.99; area X = 2.99 (49.8 %).
        let ch: Vec<_> = area_x_short()
            .into_iter()
            .filter(|(k, _)| *k != "s2.b")
            .collect();
        let a = answers(&c, &ch, &[("y.r", 4.0, 4.0)]);
        let (r, p) = run(&c, &a, UnansweredPolicy::Exclude);
        assert!(close(r.areas[0].score, 2.99));
        let plan = plan_of(&r, &p, "wbk", "area", Some("x")).expect("fails 60 % (3.6)");
        assert!(close(plan.needed, 0.61));
        // s1.c → Ya gains 1 (s1 = 3) in one step; s2.a C → B gains 1.02. Either suffices; the
        // bigger gain wins. Answering s2.b with C would gain 0 (the mean stays 0.33).
        assert_eq!(plan.steps, 1);
        assert_eq!(key_of(&c, plan.improvements[0].item), "s2.a");
        assert!(close(plan.gain, 1.02));

        // 85 % (5.1) needs 2.11: s1.c → Ya (+1) and s2.a C → B (+1.02) = 2.02 fall short;
        // s1.c → Ya and s2.a C → A (+2.01): three steps, 3.01.
        let plan = plan_of(&r, &p, "wbbm", "area", Some("x")).expect("fails 85 %");
        assert!(close(plan.needed, 2.11));
        assert_eq!(plan.steps, 3);
        let got: Vec<(&str, usize)> = plan
            .improvements
            .iter()
            .map(|i| (key_of(&c, i.item), i.steps))
            .collect();
        assert_eq!(got, vec![("s1.c", 1), ("s2.a", 2)]);
        assert!(close(plan.value_after, 6.0));
    }

    #[test]
    fn exclude_first_answer_can_lower_the_mean() {
        let c = criteria();
        // s2: a = B, b unanswered → under exclude s2 = 0.67 × 3 = 2.01.
        let ch: Vec<_> = area_x_short()
            .into_iter()
            .filter(|(k, _)| *k != "s2.b")
            .map(|(k, v)| if k == "s2.a" { (k, text("B")) } else { (k, v) })
            .collect();
        let a = answers(&c, &ch, &[("y.r", 4.0, 4.0)]);
        let (_, p) = run(&c, &a, UnansweredPolicy::Exclude);
        let s2b = c.item_by_key("s2.b").unwrap();
        let it = p.items.iter().find(|i| i.item == s2b).expect("listed");
        // Answered A: (0.67 + 1) / 2 × 3 = 2.505, +0.495; the first step (C) gives
        // (0.67 + 0.33) / 2 × 3 = 1.5, −0.51.
        assert!(close(it.recoverable, 0.495));
        let next = it.next.as_ref().unwrap();
        assert_eq!(next.to.value(), 0.33);
        assert!(close(next.gain, -0.51));

        // s2.a = A and s2.b unanswered: nothing to recover from s2.b, so it is not listed.
        let ch: Vec<_> = ch
            .into_iter()
            .map(|(k, v)| if k == "s2.a" { (k, text("A")) } else { (k, v) })
            .collect();
        let a = answers(&c, &ch, &[("y.r", 4.0, 4.0)]);
        let (_, p) = run(&c, &a, UnansweredPolicy::Exclude);
        assert!(p.items.iter().all(|i| i.item != s2b));
        assert_eq!(key_of(&c, p.items[0].item), "s1.c");
    }

    #[test]
    fn unreachable_and_prior_conditions() {
        let c = criteria();
        let a = AnswerSet::empty(&c);
        let mut options = ScoreOptions::default();
        let r = score(&c, &a, &options);
        let p = analyse(&c, &a, &r, &options);
        // Everything fails; the total (17 of 20) is reachable.
        let plan = plan_of(&r, &p, "wbbm", "total", None).expect("fails");
        assert!(plan.reachable && plan.passes_after && plan.value_after >= 17.0);
        assert!(p.not_by_answers.is_empty());

        // A criteria set whose threshold exceeds the maximum: unreachable.
        let c2 = load_str(
            &CRITERIA.replace(
                "{ kind = \"total\", min = 17.0 }",
                "{ kind = \"total\", min = 25.0 }",
            ),
            "uji.toml",
        )
        .unwrap();
        let a2 = AnswerSet::empty(&c2);
        let r2 = score(&c2, &a2, &options);
        let p2 = analyse(&c2, &a2, &r2, &options);
        let plan = plan_of(&r2, &p2, "wbbm", "total", None).expect("fails");
        assert!(!plan.reachable && !plan.passes_after);
        assert!(plan.improvements.is_empty());
        assert!(close(plan.value_after, 20.0));

        // A prior predicate the unit does not hold cannot be fixed by answers.
        let c3 = load_str(
            &CRITERIA.replace(
                "{ kind = \"total\", min = 17.0 },",
                "{ kind = \"prior\", predicate = \"wbk\" },",
            ),
            "uji.toml",
        )
        .unwrap();
        options.prior.insert("wbk".into(), false);
        let a3 = AnswerSet::empty(&c3);
        let r3 = score(&c3, &a3, &options);
        let p3 = analyse(&c3, &a3, &r3, &options);
        assert_eq!(
            p3.not_by_answers,
            vec![ConditionRef {
                predicate: 1,
                condition: 0
            }]
        );
    }

    #[test]
    fn mismatched_result_gives_an_empty_analysis() {
        let c = criteria();
        let a = AnswerSet::empty(&c);
        let mut r = score(&c, &a, &ScoreOptions::default());
        r.items.pop();
        let p = analyse(&c, &a, &r, &ScoreOptions::default());
        assert!(p.items.is_empty() && p.conditions.is_empty());
    }

    /// A tiny deterministic generator (no dependency needed).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n as u64) as usize
        }
    }

    /// The test criteria with the index item marked as an outcome.
    fn criteria_with_outcome() -> Criteria {
        let text = CRITERIA.replace(
            "answer = \"idx\"\nweight = 10.0\n",
            "answer = \"idx\"\nweight = 10.0\noutcome = true\n",
        );
        assert_ne!(text, CRITERIA);
        load_str(&text, "uji.toml").expect("valid")
    }

    #[test]
    fn outcome_item_condition_says_the_index_needed_not_a_step() {
        let c = criteria_with_outcome();
        let mut ch = area_x_short();
        ch[6] = ("h.ipak", RawValue::Number(3.45));
        let a = answers(&c, &ch, &[("y.r", 4.0, 4.0)]);
        let (r, p) = run(&c, &a, UnansweredPolicy::Zero);
        let plan = plan_of(&r, &p, "wbk", "item", Some("h.ipak")).expect("fails");
        assert!(!plan.reachable);
        assert!(plan.improvements.is_empty());
        assert_eq!(plan.outcomes.len(), 1);
        let need = &plan.outcomes[0];
        assert_eq!(key_of(&c, need.item), "h.ipak");
        // 9 / 10 × 4 = 3.60.
        assert_eq!(need.index_needed(&c), Some(3.6));
        assert!(need.option.is_none());
        // Section A keeps the outcome apart, with no answer step.
        assert!(p.items.iter().all(|i| key_of(&c, i.item) != "h.ipak"));
        let out: Vec<&str> = p.outcomes.iter().map(|i| key_of(&c, i.item)).collect();
        assert_eq!(out, ["h.ipak"]);
        assert!(p.outcomes[0].next.is_none());
    }

    #[test]
    fn total_plan_uses_actionable_items_only() {
        let (plain, with_outcome) = (criteria(), criteria_with_outcome());
        for c in [&plain, &with_outcome] {
            let mut ch = area_x_short();
            ch[6] = ("h.ipak", RawValue::Number(2.0));
            let a = answers(c, &ch, &[("y.r", 4.0, 1.0)]);
            let (r, p) = run(c, &a, UnansweredPolicy::Zero);
            let Some(plan) = plan_of(&r, &p, "wbbm", "total", None) else {
                continue;
            };
            let uses_index = plan
                .improvements
                .iter()
                .any(|i| key_of(c, i.item) == "h.ipak");
            if c.items.iter().any(|i| i.outcome) {
                assert!(!uses_index, "an outcome took a step");
            }
        }
    }

    #[test]
    fn outcome_under_pengungkit_is_refused() {
        let text = CRITERIA.replace(
            "key = \"y.a\"\nparent = \"p.y.s\"\n",
            "key = \"y.a\"\nparent = \"p.y.s\"\noutcome = true\n",
        );
        assert_ne!(text, CRITERIA);
        let err = load_str(&text, "uji.toml").expect_err("refused");
        assert!(
            format!("{err:?}").contains("OutcomeInPengungkit"),
            "{err:?}"
        );
    }

    /// Every plan is the smallest by brute force over all step combinations of its scope, and the
    /// search's prediction matches `score` — under both policies, with and without outcomes (whose
    /// ladders in the model are empty: brute force takes no step on them either).
    #[test]
    fn plans_are_minimal_and_agree_with_score() {
        minimal_plans(&criteria());
    }

    #[test]
    fn plans_with_outcomes_are_minimal_over_actionable_items() {
        minimal_plans(&criteria_with_outcome());
    }

    fn minimal_plans(c: &Criteria) {
        let c = c.clone();
        let codes = ["A", "B", "C", "D", ""];
        let mut rng = Lcg(7);
        let (mut checked, mut multi_step, mut exclude_checked) = (0, 0, 0);
        for round in 0..40 {
            let policy = if round % 2 == 0 {
                UnansweredPolicy::Zero
            } else {
                UnansweredPolicy::Exclude
            };
            let mut ch = Vec::new();
            for key in ["s1.a", "s1.b", "s2.a", "s2.b", "y.a"] {
                let code = codes[rng.next(codes.len())];
                if !code.is_empty() {
                    ch.push((key, text(code)));
                }
            }
            match rng.next(3) {
                0 => ch.push(("s1.c", text("Ya"))),
                1 => ch.push(("s1.c", text("Tidak"))),
                _ => {}
            }
            ch.push(("h.ipak", RawValue::Number(rng.next(5) as f64)));
            let ratios: Vec<(&str, f64, f64)> = match rng.next(3) {
                0 => vec![],
                _ => vec![("y.r", 4.0, rng.next(5) as f64)],
            };
            let a = answers(&c, &ch, &ratios);
            let options = ScoreOptions {
                unanswered: policy,
                ..Default::default()
            };
            let r = score(&c, &a, &options);
            let p = analyse(&c, &a, &r, &options);
            let model = Model::new(&c, &r);
            for plan in &p.conditions {
                let cond = &r.predicates[plan.at.predicate].conditions[plan.at.condition];
                let scope = scope_of(&c, cond.target).unwrap();
                let ids = scope.items(&c);
                // Brute force: every combination of levels, fewest steps first, scored by `score`.
                let mut combos: Vec<Vec<usize>> = vec![Vec::new()];
                for id in &ids {
                    let n = model.ladders[id.0].len();
                    combos = combos
                        .into_iter()
                        .flat_map(|v| {
                            (0..=n).map(move |l| {
                                let mut v = v.clone();
                                v.push(l);
                                v
                            })
                        })
                        .collect();
                }
                combos.sort_by_key(|v| v.iter().sum::<usize>());
                let best = combos.iter().find_map(|levels| {
                    let targets: Vec<(ItemId, &Target)> = ids
                        .iter()
                        .zip(levels)
                        .filter(|(_, l)| **l > 0)
                        .map(|(i, l)| (*i, &model.ladders[i.0][*l - 1]))
                        .collect();
                    let r2 = score(&c, &apply(&c, &a, &targets), &options);
                    let after = &r2.predicates[plan.at.predicate].conditions[plan.at.condition];
                    (after.passed == Some(true)).then(|| levels.iter().sum::<usize>())
                });
                assert_eq!(
                    plan.reachable,
                    best.is_some(),
                    "round {round} {:?}",
                    plan.kind()
                );
                checked += 1;
                multi_step += usize::from(plan.steps > 1);
                exclude_checked += usize::from(policy == UnansweredPolicy::Exclude);
                if let Some(b) = best {
                    assert_eq!(
                        plan.steps,
                        b,
                        "round {round} {} {:?}",
                        plan.kind(),
                        plan.key
                    );
                    assert!(plan.passes_after);
                    let predicted: f64 = plan.improvements.iter().map(|i| i.gain).sum();
                    assert!(
                        (plan.value + predicted - plan.value_after).abs() < 1e-9,
                        "round {round}: model {} vs score {}",
                        plan.value + predicted,
                        plan.value_after
                    );
                }
            }
            // Under zero, recoverable points add up to what the total lacks.
            if policy == UnansweredPolicy::Zero {
                let sum: f64 = p
                    .items
                    .iter()
                    .chain(&p.outcomes)
                    .map(|i| i.recoverable)
                    .sum();
                assert!(close(sum, r.max_total - r.total), "round {round}");
            }
        }
        eprintln!("checked {checked}, multi-step {multi_step}, exclude {exclude_checked}");
        assert!(checked >= 40 && multi_step >= 10 && exclude_checked >= 20);
    }
}
