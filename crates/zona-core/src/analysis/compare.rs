//! Comparing scores side by side: the same unit across years, or several units in one year, possibly
//! under different versions of the criteria (PermenPANRB 10/2019 beside 90/2021).
//!
//! Input: one column per scored workbook, `(label, &Criteria, &ScoreResult)` ([`CompareInput`]).
//! Output ([`Comparison`]):
//!
//! - a [`Row`] for the total, for every component, area, node and item key found in *any* column, with
//!   a [`Measure`] per column (score, weight, % of weight) or `None` where that column's criteria have
//!   no such key ("absent in this version");
//! - the change between consecutive columns ([`Delta`]): in points and in percentage points of the
//!   weight. Where the weight itself differs between the two columns (a regulation version changed
//!   it) the change is read in % of weight ([`Basis::PercentOfWeight`]);
//! - per step (column *i* to *i + 1*, a [`Step`]): the items that moved, largest change in points
//!   first, and the threshold crossings: a predicate whose score conditions held in *i* and not in
//!   *i + 1*, and every condition that passed in *i* and fails in *i + 1*;
//! - the predicate status per column;
//! - the pairwise overlap of the item keys ([`Overlap`]): |shared| / |union| × 100;
//! - per column, the unit's evidence when the input has its review ([`ColumnInfo::evidence`]:
//!   coverage, items lacking evidence, the evidence-backed total and predicates).
//!
//! Everything is matched by **key**, never by text: keys are stable across rewordings and versions
//! (docs/criteria-format.md). Rows are in document order: the first column's order, with keys that
//! only later columns have inserted after the nearest preceding key they share.
//!
//! Nothing here reads or writes files; the CLI and the xlsx writer render a [`Comparison`].

use std::collections::{HashMap, HashSet};

use crate::analysis::batch::EvidenceSummary;
use crate::analysis::evidence::EvidenceReview;
use crate::criteria::{ConditionKind, Criteria};
use crate::lang::Lang;
use crate::scoring::predicate::PriorName;
use crate::scoring::{ConditionResult, ItemStatus, PredicateStatus, ScoreResult, UnansweredPolicy};

/// Differences smaller than this (floating-point noise) are no change.
pub const CHANGE_TOLERANCE: f64 = 1e-9;

/// One column of a comparison: a label (a year, a unit) and a score under its criteria, with the
/// unit's evidence review of that score when there is one.
#[derive(Debug, Clone, Copy)]
pub struct CompareInput<'a> {
    pub label: &'a str,
    pub criteria: &'a Criteria,
    pub result: &'a ScoreResult,
    pub evidence: Option<&'a EvidenceReview>,
}

/// What a column was scored with.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnInfo {
    pub label: String,
    pub criteria_id: String,
    pub criteria_name: String,
    pub criteria_version: String,
    pub provisional: bool,
    pub policy: UnansweredPolicy,
    pub max_total: f64,
    pub items: usize,
    pub answered: usize,
    pub unanswered: usize,
    pub invalid: usize,
    /// The score thresholds of each predicate of this column's criteria (for charts).
    pub thresholds: Vec<PredicateThresholds>,
    /// The unit's evidence: coverage and the evidence-backed score (None: not reviewed).
    pub evidence: Option<EvidenceSummary>,
}

/// The thresholds of one predicate, taken from its conditions.
#[derive(Debug, Clone, PartialEq)]
pub struct PredicateThresholds {
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    /// The short name (`WBK`), in Indonesian and in English ([`crate::criteria::Predicate::short_display_name`]).
    pub short_id: String,
    pub short_en: String,
    /// The `total` condition's minimum, in points.
    pub total_min: Option<f64>,
    /// The same as a percentage of the maximum total.
    pub total_percent: Option<f64>,
    /// The `areas` condition's minimum, in % of each area's weight.
    pub area_min_percent: Option<f64>,
}

impl PredicateThresholds {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_id, &self.name_en)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKind {
    /// The total score.
    Total,
    /// A root node or a root's child that is not an area part (Pengungkit, Pemenuhan, Reform, Hasil,
    /// its two halves).
    Component,
    /// A pengungkit area (the sum of its parts).
    Area,
    /// Any node of the tree.
    Node,
    Item,
}

impl RowKind {
    pub fn code(self) -> &'static str {
        match self {
            RowKind::Total => "total",
            RowKind::Component => "component",
            RowKind::Area => "area",
            RowKind::Node => "node",
            RowKind::Item => "item",
        }
    }
}

/// A key's score in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// Points.
    pub score: f64,
    /// The weight (items: the points the item is worth when fully met).
    pub weight: f64,
    /// Score as a percentage of the weight; for items, the value × 100 (0 when unanswered).
    pub percent: f64,
    /// Items: the value in 0–1 (None when unanswered or invalid).
    pub value: Option<f64>,
    /// Items: answered, unanswered or invalid.
    pub status: Option<ItemStatus>,
    /// Items: the answer as understood ("B", "3.45").
    pub answer: Option<String>,
    /// Survey index items: the index as a number (3.45).
    pub index: Option<f64>,
    /// Decimals to show the score with: 2, more for a total that fails a threshold by less than
    /// two decimals show ([`crate::ScoreResult::total_decimals`]).
    pub decimals: usize,
}

/// How a change is best read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// The weight is the same in both columns: points and % of weight say the same.
    Points,
    /// The weight differs (another regulation version): compare the % of weight.
    PercentOfWeight,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::Points => "points",
            Basis::PercentOfWeight => "percent_of_weight",
        }
    }
}

/// The change of a row from one column to the next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delta {
    /// Points after − points before.
    pub points: f64,
    /// % of weight after − % of weight before (percentage points; items: value change × 100).
    pub percent: f64,
    pub basis: Basis,
    /// Items: the status changed (answered ↔ unanswered/invalid).
    pub status_changed: bool,
}

impl Delta {
    /// Whether anything changed: points (same weight) or % of weight (weights differ), or status.
    pub fn changed(&self) -> bool {
        self.status_changed
            || match self.basis {
                Basis::Points => self.points.abs() > CHANGE_TOLERANCE,
                Basis::PercentOfWeight => self.percent.abs() > CHANGE_TOLERANCE,
            }
    }

    /// The change in the unit it is best read in (points, or percentage points of weight).
    pub fn primary(&self) -> f64 {
        match self.basis {
            Basis::Points => self.points,
            Basis::PercentOfWeight => self.percent,
        }
    }
}

/// One key across all columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    /// The node, item or area key (`total` for the total).
    pub key: String,
    /// Name (items: text), from the last column that has the key.
    pub name_id: String,
    pub name_en: String,
    pub marker: Option<String>,
    /// Depth in the tree (items: their node's depth + 1), from the same column as the name.
    pub depth: usize,
    /// Per column; None: the key is absent in that column's criteria.
    pub cells: Vec<Option<Measure>>,
    /// Per step (column i → i + 1); None when the key is absent on either side.
    pub deltas: Vec<Option<Delta>>,
}

impl Row {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_id, &self.name_en)
    }

    pub fn present(&self, column: usize) -> bool {
        matches!(self.cells.get(column), Some(Some(_)))
    }

    /// True when every column has this key.
    pub fn in_every_column(&self) -> bool {
        self.cells.iter().all(Option::is_some)
    }
}

/// A predicate in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct PredicateCell {
    pub status: PredicateStatus,
    /// No condition failed (the predicate is met, or only an unstated prior predicate is missing).
    pub scores_met: bool,
    pub conditions: Vec<ConditionResult>,
    /// The prior predicates required and not stated (as [`crate::PredicateResult::unstated_priors`]).
    pub unstated_priors: Vec<PriorName>,
}

impl PredicateCell {
    /// The status in words, naming the prior predicates not stated (as
    /// [`crate::PredicateResult::status_label`]).
    pub fn status_label(&self, lang: Lang) -> std::borrow::Cow<'static, str> {
        let names: Vec<&str> = self
            .unstated_priors
            .iter()
            .map(|p| p.short_name(lang))
            .collect();
        self.status.label(lang, &names.join(", "))
    }

    pub fn failing(&self) -> impl Iterator<Item = &ConditionResult> {
        self.conditions.iter().filter(|c| c.passed == Some(false))
    }
}

/// A predicate key across all columns.
#[derive(Debug, Clone, PartialEq)]
pub struct PredicateRow {
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    /// Per column; None: the column's criteria do not define this predicate.
    pub cells: Vec<Option<PredicateCell>>,
}

impl PredicateRow {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_id, &self.name_en)
    }
}

/// An item whose value or status changed between two columns.
#[derive(Debug, Clone, PartialEq)]
pub struct MovedItem {
    pub key: String,
    /// Index into [`Comparison::items`].
    pub row: usize,
    pub before: Measure,
    pub after: Measure,
    pub delta: Delta,
}

/// A condition that passed before and fails after (or is new and fails, when the predicate was lost).
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionDrop {
    /// None: the earlier column's criteria have no such condition.
    pub before: Option<ConditionResult>,
    pub after: ConditionResult,
}

/// A drop below a threshold between two consecutive columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Crossing {
    pub from: usize,
    pub to: usize,
    pub predicate: String,
    pub name_id: String,
    pub name_en: String,
    /// Every score condition held in `from` and some fails in `to`: the predicate is lost.
    pub lost: bool,
    /// The conditions that dropped below their threshold (or, when lost, fail and did not exist
    /// before).
    pub conditions: Vec<ConditionDrop>,
}

impl Crossing {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_id, &self.name_en)
    }
}

/// How much of the item set two columns share: `percent = shared / union × 100` (Jaccard index of
/// the item keys; 100 when both are empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    pub a: usize,
    pub b: usize,
    pub shared: usize,
    pub union: usize,
    pub percent: f64,
    /// Item keys only column `a` has, in row order.
    pub only_a: Vec<String>,
    /// Item keys only column `b` has, in row order.
    pub only_b: Vec<String>,
}

/// From column `from` to column `from + 1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub from: usize,
    pub to: usize,
    /// Both columns were scored with the same criteria (same id and version).
    pub same_criteria: bool,
    pub total: Delta,
    /// Items present on both sides whose value or status changed, by |Δ points| descending.
    pub moved_items: Vec<MovedItem>,
    pub crossings: Vec<Crossing>,
}

/// Scores side by side. See the module documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub columns: Vec<ColumnInfo>,
    pub total: Row,
    pub components: Vec<Row>,
    pub areas: Vec<Row>,
    pub nodes: Vec<Row>,
    pub items: Vec<Row>,
    pub predicates: Vec<PredicateRow>,
    /// Consecutive columns: `steps[i]` goes from column i to column i + 1.
    pub steps: Vec<Step>,
    /// Every pair of columns (a < b).
    pub overlaps: Vec<Overlap>,
}

impl Comparison {
    /// The overlap of two columns (in either order).
    pub fn overlap(&self, a: usize, b: usize) -> Option<&Overlap> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.overlaps.iter().find(|o| o.a == a && o.b == b)
    }

    /// Every crossing of every step.
    pub fn crossings(&self) -> impl Iterator<Item = &Crossing> {
        self.steps.iter().flat_map(|s| s.crossings.iter())
    }

    pub fn area(&self, key: &str) -> Option<&Row> {
        self.areas.iter().find(|r| r.key == key)
    }

    pub fn node(&self, key: &str) -> Option<&Row> {
        self.nodes.iter().find(|r| r.key == key)
    }

    pub fn item(&self, key: &str) -> Option<&Row> {
        self.items.iter().find(|r| r.key == key)
    }

    pub fn component(&self, key: &str) -> Option<&Row> {
        self.components.iter().find(|r| r.key == key)
    }

    /// Whether this row's value fell below a predicate threshold in `column`: a condition about it
    /// (`total` for the total, `node` for a component or node, `area`, `item`) passed in the
    /// previous column and fails in this one (or is new and fails where the predicate was lost).
    pub fn dropped_below_threshold(&self, column: usize, row: &Row) -> bool {
        let kind = match row.kind {
            RowKind::Total => "total",
            RowKind::Component | RowKind::Node => "node",
            RowKind::Area => "area",
            RowKind::Item => "item",
        };
        self.crossings().filter(|x| x.to == column).any(|x| {
            x.conditions.iter().any(|d| {
                d.after.kind() == kind
                    && (row.kind == RowKind::Total || d.after.key.as_deref() == Some(&row.key))
            })
        })
    }
}

/// Merges the key lists of several columns into one order: the first list's order; a key only a
/// later list has goes right after the nearest key before it (in that list) that is already placed.
fn merge_order(lists: &[Vec<String>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut placed: HashSet<String> = HashSet::new();
    for list in lists {
        let mut after: Option<usize> = None;
        for key in list {
            if placed.contains(key) {
                after = out.iter().position(|k| k == key);
                continue;
            }
            let at = after.map_or(0, |p| p + 1);
            out.insert(at, key.clone());
            placed.insert(key.clone());
            after = Some(at);
        }
    }
    out
}

/// A key's name, marker, depth and measure in one column.
struct Entry {
    name_id: String,
    name_en: String,
    marker: Option<String>,
    depth: usize,
    measure: Measure,
}

fn measure(score: f64, weight: f64) -> Measure {
    Measure {
        score,
        weight,
        percent: if weight > 0.0 {
            score / weight * 100.0
        } else {
            0.0
        },
        value: None,
        status: None,
        answer: None,
        index: None,
        decimals: 2,
    }
}

fn delta(before: &Measure, after: &Measure) -> Delta {
    let basis = if (before.weight - after.weight).abs() > CHANGE_TOLERANCE {
        Basis::PercentOfWeight
    } else {
        Basis::Points
    };
    let status_changed = before.status != after.status;
    Delta {
        points: after.score - before.score,
        percent: after.percent - before.percent,
        basis,
        status_changed,
    }
}

/// Builds the rows of one kind from per-column key lists and entries.
fn build_rows(kind: RowKind, per_column: Vec<Vec<(String, Entry)>>) -> Vec<Row> {
    let n = per_column.len();
    let order = merge_order(
        &per_column
            .iter()
            .map(|c| c.iter().map(|(k, _)| k.clone()).collect())
            .collect::<Vec<_>>(),
    );
    let maps: Vec<HashMap<&str, &Entry>> = per_column
        .iter()
        .map(|c| c.iter().map(|(k, e)| (k.as_str(), e)).collect())
        .collect();
    order
        .into_iter()
        .map(|key| {
            let found: Vec<Option<&Entry>> =
                maps.iter().map(|m| m.get(key.as_str()).copied()).collect();
            let named = found.iter().rev().flatten().next();
            let (name_id, name_en, marker, depth) = named
                .map(|e| {
                    (
                        e.name_id.clone(),
                        e.name_en.clone(),
                        e.marker.clone(),
                        e.depth,
                    )
                })
                .unwrap_or_default();
            let cells: Vec<Option<Measure>> =
                found.iter().map(|e| e.map(|e| e.measure.clone())).collect();
            let deltas = (0..n.saturating_sub(1))
                .map(|i| match (&cells[i], &cells[i + 1]) {
                    (Some(a), Some(b)) => Some(delta(a, b)),
                    _ => None,
                })
                .collect();
            Row {
                kind,
                key,
                name_id,
                name_en,
                marker,
                depth,
                cells,
                deltas,
            }
        })
        .collect()
}

fn node_entries(c: &Criteria, r: &ScoreResult, components_only: bool) -> Vec<(String, Entry)> {
    c.nodes_preorder()
        .into_iter()
        .filter(|id| {
            let n = c.node(*id);
            !components_only || (n.depth <= 1 && n.area.is_none())
        })
        .filter_map(|id| {
            let n = c.node(id);
            let s = r.nodes.get(id.0)?;
            Some((
                n.key.clone(),
                Entry {
                    name_id: n.display_name(Lang::Id).to_string(),
                    name_en: n.display_name(Lang::En).to_string(),
                    marker: n.marker.clone(),
                    depth: n.depth,
                    measure: measure(s.score, s.weight),
                },
            ))
        })
        .collect()
}

fn area_entries(c: &Criteria, r: &ScoreResult) -> Vec<(String, Entry)> {
    c.areas
        .iter()
        .zip(&r.areas)
        .map(|(a, s)| {
            (
                a.key.clone(),
                Entry {
                    name_id: a.display_name(Lang::Id).to_string(),
                    name_en: a.display_name(Lang::En).to_string(),
                    marker: None,
                    depth: 0,
                    measure: measure(s.score, s.weight),
                },
            )
        })
        .collect()
}

fn item_entries(c: &Criteria, r: &ScoreResult) -> Vec<(String, Entry)> {
    // Items in tree order (the order of the file is the display order, but walk the tree so that
    // items follow their nodes even in an unusually ordered file).
    let mut out = Vec::with_capacity(c.items.len());
    for id in c.nodes_preorder() {
        let n = c.node(id);
        for it in &n.items {
            let item = c.item(*it);
            let Some(s) = r.items.get(it.0) else {
                continue;
            };
            out.push((
                item.key.clone(),
                Entry {
                    name_id: item.display_text(Lang::Id).to_string(),
                    name_en: item.display_text(Lang::En).to_string(),
                    marker: item.marker.clone(),
                    depth: n.depth + 1,
                    measure: Measure {
                        score: s.points,
                        weight: s.max_points,
                        percent: s.value.unwrap_or(0.0) * 100.0,
                        value: s.value,
                        status: Some(s.status),
                        answer: s.answer.clone(),
                        index: item.survey_index(s.value),
                        decimals: 2,
                    },
                },
            ));
        }
    }
    out
}

fn thresholds(c: &Criteria) -> Vec<PredicateThresholds> {
    let max_total = c.max_total();
    c.predicates
        .iter()
        .map(|p| {
            let mut t = PredicateThresholds {
                key: p.key.clone(),
                name_id: p.display_name(Lang::Id).to_string(),
                name_en: p.display_name(Lang::En).to_string(),
                short_id: p.short_display_name(Lang::Id).to_string(),
                short_en: p.short_display_name(Lang::En).to_string(),
                total_min: None,
                total_percent: None,
                area_min_percent: None,
            };
            for cond in &p.conditions {
                match cond.kind {
                    ConditionKind::Total { min } => {
                        t.total_min = Some(min);
                        t.total_percent = (max_total > 0.0).then(|| min / max_total * 100.0);
                    }
                    ConditionKind::Areas { min_percent } => t.area_min_percent = Some(min_percent),
                    _ => {}
                }
            }
            t
        })
        .collect()
}

/// Whether two condition results are the same condition (same kind and subject, by key: the two
/// columns may be scored with different criteria, whose ids do not match).
fn same_condition(a: &ConditionResult, b: &ConditionResult) -> bool {
    a.kind() == b.kind() && a.key == b.key
}

fn crossings(predicates: &[PredicateRow], from: usize) -> Vec<Crossing> {
    let to = from + 1;
    let mut out = Vec::new();
    for p in predicates {
        let (Some(Some(before)), Some(Some(after))) = (p.cells.get(from), p.cells.get(to)) else {
            continue;
        };
        let lost = before.scores_met && !after.scores_met;
        let mut conditions = Vec::new();
        for cond in after.failing() {
            let prev = before.conditions.iter().find(|b| same_condition(b, cond));
            let dropped = match prev {
                Some(b) => b.passed == Some(true),
                None => lost,
            };
            if dropped {
                conditions.push(ConditionDrop {
                    before: prev.cloned(),
                    after: cond.clone(),
                });
            }
        }
        if lost || !conditions.is_empty() {
            out.push(Crossing {
                from,
                to,
                predicate: p.key.clone(),
                name_id: p.name_id.clone(),
                name_en: p.name_en.clone(),
                lost,
                conditions,
            });
        }
    }
    out
}

fn overlap(items: &[Row], a: usize, b: usize) -> Overlap {
    let (mut shared, mut union) = (0, 0);
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    for row in items {
        match (row.present(a), row.present(b)) {
            (true, true) => {
                shared += 1;
                union += 1;
            }
            (true, false) => {
                union += 1;
                only_a.push(row.key.clone());
            }
            (false, true) => {
                union += 1;
                only_b.push(row.key.clone());
            }
            (false, false) => {}
        }
    }
    Overlap {
        a,
        b,
        shared,
        union,
        percent: if union == 0 {
            100.0
        } else {
            shared as f64 / union as f64 * 100.0
        },
        only_a,
        only_b,
    }
}

/// Compares the columns, in the order given (oldest first for a unit across years).
pub fn compare(inputs: &[CompareInput<'_>]) -> Comparison {
    let n = inputs.len();
    let columns: Vec<ColumnInfo> = inputs
        .iter()
        .map(|i| {
            let count = |s: ItemStatus| i.result.items.iter().filter(|x| x.status == s).count();
            ColumnInfo {
                label: i.label.to_string(),
                criteria_id: i.criteria.meta.id.clone(),
                criteria_name: i.criteria.meta.name.clone(),
                criteria_version: i.criteria.meta.version.clone(),
                provisional: i.criteria.meta.provisional,
                policy: i.result.policy,
                max_total: i.result.max_total,
                items: i.result.items.len(),
                answered: count(ItemStatus::Answered),
                unanswered: count(ItemStatus::Unanswered),
                invalid: count(ItemStatus::Invalid),
                thresholds: thresholds(i.criteria),
                evidence: i.evidence.map(EvidenceSummary::new),
            }
        })
        .collect();

    let total_entries: Vec<Vec<(String, Entry)>> = inputs
        .iter()
        .map(|i| {
            vec![(
                "total".to_string(),
                Entry {
                    name_id: "Nilai total".to_string(),
                    name_en: "Total score".to_string(),
                    marker: None,
                    depth: 0,
                    measure: Measure {
                        decimals: i.result.total_decimals(),
                        ..measure(i.result.total, i.result.max_total)
                    },
                },
            )]
        })
        .collect();
    let total = build_rows(RowKind::Total, total_entries)
        .into_iter()
        .next()
        .unwrap_or(Row {
            kind: RowKind::Total,
            key: "total".to_string(),
            name_id: "Nilai total".to_string(),
            name_en: "Total score".to_string(),
            marker: None,
            depth: 0,
            cells: Vec::new(),
            deltas: Vec::new(),
        });
    let components = build_rows(
        RowKind::Component,
        inputs
            .iter()
            .map(|i| node_entries(i.criteria, i.result, true))
            .collect(),
    );
    let areas = build_rows(
        RowKind::Area,
        inputs
            .iter()
            .map(|i| area_entries(i.criteria, i.result))
            .collect(),
    );
    let nodes = build_rows(
        RowKind::Node,
        inputs
            .iter()
            .map(|i| node_entries(i.criteria, i.result, false))
            .collect(),
    );
    let items = build_rows(
        RowKind::Item,
        inputs
            .iter()
            .map(|i| item_entries(i.criteria, i.result))
            .collect(),
    );

    // Predicates by key, in merged order.
    let order = merge_order(
        &inputs
            .iter()
            .map(|i| i.result.predicates.iter().map(|p| p.key.clone()).collect())
            .collect::<Vec<_>>(),
    );
    let predicates: Vec<PredicateRow> = order
        .into_iter()
        .map(|key| {
            let found: Vec<_> = inputs
                .iter()
                .map(|i| i.result.predicates.iter().find(|p| p.key == key))
                .collect();
            let named = found.iter().rev().flatten().next();
            let (name_id, name_en) = named
                .map(|p| (p.name_id.clone(), p.name_en.clone()))
                .unwrap_or_default();
            PredicateRow {
                key,
                name_id,
                name_en,
                cells: found
                    .iter()
                    .map(|p| {
                        p.map(|p| PredicateCell {
                            status: p.status,
                            scores_met: p.conditions.iter().all(|c| c.passed != Some(false)),
                            conditions: p.conditions.clone(),
                            unstated_priors: p.unstated_priors.clone(),
                        })
                    })
                    .collect(),
            }
        })
        .collect();

    let steps: Vec<Step> = (0..n.saturating_sub(1))
        .map(|from| {
            let to = from + 1;
            let mut moved: Vec<MovedItem> = items
                .iter()
                .enumerate()
                .filter_map(|(row, r)| {
                    let d = r.deltas.get(from).copied().flatten()?;
                    let (Some(Some(before)), Some(Some(after))) =
                        (r.cells.get(from), r.cells.get(to))
                    else {
                        return None;
                    };
                    let moved = d.status_changed || d.percent.abs() > CHANGE_TOLERANCE;
                    moved.then(|| MovedItem {
                        key: r.key.clone(),
                        row,
                        before: before.clone(),
                        after: after.clone(),
                        delta: d,
                    })
                })
                .collect();
            moved.sort_by(|a, b| {
                b.delta
                    .points
                    .abs()
                    .total_cmp(&a.delta.points.abs())
                    .then(b.delta.percent.abs().total_cmp(&a.delta.percent.abs()))
                    .then(a.row.cmp(&b.row))
            });
            let total_delta = total.deltas.get(from).copied().flatten().unwrap_or(Delta {
                points: 0.0,
                percent: 0.0,
                basis: Basis::Points,
                status_changed: false,
            });
            Step {
                from,
                to,
                same_criteria: columns[from].criteria_id == columns[to].criteria_id
                    && columns[from].criteria_version == columns[to].criteria_version,
                total: total_delta,
                moved_items: moved,
                crossings: crossings(&predicates, from),
            }
        })
        .collect();

    let overlaps = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .map(|(a, b)| overlap(&items, a, b))
        .collect();

    Comparison {
        columns,
        total,
        components,
        areas,
        nodes,
        items,
        predicates,
        steps,
        overlaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::answer::ItemAnswer;
    use crate::answers::cell::{Cell, Location, RawValue};
    use crate::{load_str, score, AnswerSet, ScoreOptions};

    /// A small "new" version: two areas split into pemenuhan/reform, hasil with a survey.
    const NEW: &str = r#"
[criteria]
id = "new"
name = "New"
version = "2"

[scales.ya_tidak]
name = "Ya/Tidak"
options = [{ code = "Ya", value = 1.0 }, { code = "Tidak", value = 0.0 }]

[scales.abc]
name = "A/B/C"
options = [{ code = "A", value = 1.0 }, { code = "B", value = 0.5 }, { code = "C", value = 0.0 }]

[scales.indeks]
name = "Nilai (0-4)"
index_max = 4.0

[[area]]
key = "mp"
name = "Manajemen Perubahan"
weight = 8.0

[[area]]
key = "pw"
name = "Penguatan Pengawasan"
weight = 12.0

[[node]]
key = "pengungkit"
name = "PENGUNGKIT"
weight = 20.0
role = "pengungkit"

[[node]]
key = "pemenuhan"
parent = "pengungkit"
name = "PEMENUHAN"
weight = 10.0
role = "pemenuhan"

[[node]]
key = "pemenuhan.mp"
parent = "pemenuhan"
name = "MP"
weight = 4.0
area = "mp"

[[node]]
key = "pemenuhan.mp.tim"
parent = "pemenuhan.mp"
name = "Tim"
weight = 4.0

[[item]]
key = "pemenuhan.mp.tim.a"
parent = "pemenuhan.mp.tim"
text = "Tim dibentuk"
answer = "ya_tidak"

[[item]]
key = "pemenuhan.mp.tim.b"
parent = "pemenuhan.mp.tim"
text = "Anggota dipilih"
answer = "abc"

[[node]]
key = "pemenuhan.pw"
parent = "pemenuhan"
name = "PW"
weight = 6.0
area = "pw"

[[node]]
key = "pemenuhan.pw.spip"
parent = "pemenuhan.pw"
name = "SPIP"
weight = 6.0

[[item]]
key = "pemenuhan.pw.spip.a"
parent = "pemenuhan.pw.spip"
text = "SPIP diterapkan"
answer = "abc"

[[node]]
key = "reform"
parent = "pengungkit"
name = "REFORM"
weight = 10.0
role = "reform"

[[node]]
key = "reform.mp"
parent = "reform"
name = "MP"
weight = 4.0
area = "mp"

[[node]]
key = "reform.mp.komitmen"
parent = "reform.mp"
name = "Komitmen"
weight = 4.0

[[item]]
key = "reform.mp.komitmen.a"
parent = "reform.mp.komitmen"
text = "Komitmen pimpinan"
answer = "abc"

[[node]]
key = "reform.pw"
parent = "reform"
name = "PW"
weight = 6.0
area = "pw"

[[node]]
key = "reform.pw.pengendalian"
parent = "reform.pw"
name = "Pengendalian"
weight = 6.0

[[item]]
key = "reform.pw.pengendalian.a"
parent = "reform.pw.pengendalian"
text = "Pengendalian berjenjang"
answer = "abc"

[[node]]
key = "hasil"
name = "HASIL"
weight = 10.0
role = "hasil"

[[node]]
key = "hasil.bersih"
parent = "hasil"
name = "BERSIH"
weight = 10.0

[[item]]
key = "hasil.bersih.ipak"
parent = "hasil.bersih"
text = "IPAK"
answer = "indeks"
weight = 10.0

[[predicate]]
key = "wbk"
name = "Menuju WBK"
short_name = "WBK"
conditions = [
  { kind = "total", min = 20.0 },
  { kind = "areas", min_percent = 60.0 },
]

[[predicate]]
key = "wbbm"
name = "Menuju WBBM"
conditions = [
  { kind = "prior", predicate = "wbk" },
  { kind = "total", min = 25.0 },
  { kind = "areas", min_percent = 75.0 },
  { kind = "item", item = "hasil.bersih.ipak", min = 9.0 },
]
"#;

    /// A small "old" version of the same LKE: no pemenuhan/reform split, other area weights, one
    /// item only here (`hasil.bersih.tlhp`).
    const OLD: &str = r#"
[criteria]
id = "old"
name = "Old"
version = "1"

[scales.ya_tidak]
name = "Ya/Tidak"
options = [{ code = "Ya", value = 1.0 }, { code = "Tidak", value = 0.0 }]

[scales.abc]
name = "A/B/C"
options = [{ code = "A", value = 1.0 }, { code = "B", value = 0.5 }, { code = "C", value = 0.0 }]

[scales.indeks]
name = "Nilai (0-4)"
index_max = 4.0

[[area]]
key = "mp"
name = "Manajemen Perubahan (lama)"
weight = 10.0

[[area]]
key = "pw"
name = "Penguatan Pengawasan"
weight = 10.0

[[node]]
key = "pengungkit"
name = "PENGUNGKIT"
weight = 20.0
role = "pengungkit"

[[node]]
key = "pengungkit.mp"
parent = "pengungkit"
name = "MP"
weight = 10.0
area = "mp"

[[node]]
key = "pemenuhan.mp.tim"
parent = "pengungkit.mp"
name = "Tim"
weight = 10.0

[[item]]
key = "pemenuhan.mp.tim.a"
parent = "pemenuhan.mp.tim"
text = "Tim dibentuk"
answer = "ya_tidak"

[[item]]
key = "pemenuhan.mp.tim.b"
parent = "pemenuhan.mp.tim"
text = "Anggota dipilih"
answer = "abc"

[[node]]
key = "pengungkit.pw"
parent = "pengungkit"
name = "PW"
weight = 10.0
area = "pw"

[[node]]
key = "pemenuhan.pw.spip"
parent = "pengungkit.pw"
name = "SPIP"
weight = 10.0

[[item]]
key = "pemenuhan.pw.spip.a"
parent = "pemenuhan.pw.spip"
text = "SPIP diterapkan"
answer = "abc"

[[node]]
key = "hasil"
name = "HASIL"
weight = 10.0
role = "hasil"

[[node]]
key = "hasil.bersih"
parent = "hasil"
name = "BERSIH"
weight = 10.0

[[item]]
key = "hasil.bersih.ipak"
parent = "hasil.bersih"
text = "IPAK"
answer = "indeks"
weight = 8.0

[[item]]
key = "hasil.bersih.tlhp"
parent = "hasil.bersih"
text = "TLHP"
answer = "abc"
weight = 2.0

[[predicate]]
key = "wbk"
name = "Menuju WBK"
short_name = "WBK"
conditions = [{ kind = "total", min = 20.0 }]
"#;

    fn crit(text: &str) -> Criteria {
        load_str(text, "test.toml").expect("valid test criteria")
    }

    fn answers(c: &Criteria, values: &[(&str, RawValue)]) -> AnswerSet {
        let mut set = AnswerSet::empty(c);
        for (key, v) in values {
            let id = c.item_by_key(key).expect("item");
            set.set(
                id,
                ItemAnswer {
                    answer: Some(Cell::new(v.clone(), Location::default())),
                    ..Default::default()
                },
            );
        }
        set
    }

    fn t(s: &str) -> RawValue {
        RawValue::Text(s.to_string())
    }

    fn scored(c: &Criteria, values: &[(&str, RawValue)]) -> ScoreResult {
        score(c, &answers(c, values), &ScoreOptions::default())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn merge_order_inserts_later_keys_after_their_predecessor() {
        let l = |v: &[&str]| {
            v.iter()
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>()
        };
        let merged = merge_order(&[l(&["a", "b", "d"]), l(&["x", "a", "c", "d", "e"])]);
        assert_eq!(merged, ["x", "a", "c", "b", "d", "e"]);
        assert!(merge_order(&[]).is_empty());
    }

    #[test]
    fn same_version_three_columns_deltas_moves_and_a_lost_predicate() {
        let c = crit(NEW);
        let all = [
            ("pemenuhan.mp.tim.a", t("Ya")),
            ("pemenuhan.mp.tim.b", t("A")),
            ("pemenuhan.pw.spip.a", t("A")),
            ("reform.mp.komitmen.a", t("A")),
            ("reform.pw.pengendalian.a", t("A")),
            ("hasil.bersih.ipak", RawValue::Number(4.0)),
        ];
        let y1 = scored(&c, &all);
        // Year 2: tim.b drops to C (−2 points: 4 / 2 items × 1), IPAK 3.6 (−1).
        let mut v2 = all.to_vec();
        v2[1].1 = t("C");
        v2[5].1 = RawValue::Number(3.6);
        let y2 = scored(&c, &v2);
        // Year 3: SPIP drops to C (−6: PW 12 → 6 = 50 % < 60 %), komitmen unanswered (−4).
        let mut v3 = v2.clone();
        v3[2].1 = t("C");
        v3.remove(3);
        let y3 = scored(&c, &v3);

        let cmp = compare(&[
            CompareInput {
                label: "2021",
                criteria: &c,
                result: &y1,
                evidence: None,
            },
            CompareInput {
                label: "2022",
                criteria: &c,
                result: &y2,
                evidence: None,
            },
            CompareInput {
                label: "2023",
                criteria: &c,
                result: &y3,
                evidence: None,
            },
        ]);
        assert_eq!(cmp.columns.len(), 3);
        assert_eq!(cmp.steps.len(), 2);
        assert!(cmp.steps.iter().all(|s| s.same_criteria));
        let totals: Vec<f64> = cmp.total.cells.iter().flatten().map(|m| m.score).collect();
        assert!(close(totals[0], 30.0) && close(totals[1], 27.0) && close(totals[2], 17.0));
        assert!(close(cmp.steps[0].total.points, -3.0));
        assert!(close(cmp.steps[1].total.points, -10.0));
        assert_eq!(cmp.steps[1].total.basis, Basis::Points);

        let mp = cmp.area("mp").unwrap();
        assert!(close(mp.deltas[0].unwrap().points, -2.0));
        assert!(close(mp.deltas[0].unwrap().percent, -25.0));
        assert!(close(mp.deltas[1].unwrap().points, -4.0));
        let pw = cmp.area("pw").unwrap();
        assert!(close(pw.deltas[0].unwrap().points, 0.0));
        assert!(!pw.deltas[0].unwrap().changed());
        assert!(close(pw.deltas[1].unwrap().points, -6.0));

        // Components: pengungkit, pemenuhan, reform, hasil, hasil.bersih; no area parts.
        let keys: Vec<&str> = cmp.components.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            keys,
            ["pengungkit", "pemenuhan", "reform", "hasil", "hasil.bersih"]
        );

        // Moved items, largest |Δ points| first.
        let moved: Vec<&str> = cmp.steps[0]
            .moved_items
            .iter()
            .map(|m| m.key.as_str())
            .collect();
        assert_eq!(moved, ["pemenuhan.mp.tim.b", "hasil.bersih.ipak"]);
        let moved: Vec<&str> = cmp.steps[1]
            .moved_items
            .iter()
            .map(|m| m.key.as_str())
            .collect();
        assert_eq!(moved, ["pemenuhan.pw.spip.a", "reform.mp.komitmen.a"]);
        let k = &cmp.steps[1].moved_items[1];
        assert!(k.delta.status_changed);
        assert_eq!(k.after.status, Some(ItemStatus::Unanswered));

        // WBBM scores held in 2021 and 2022 (IPAK 3.6 → 9.0 meets 9; MP 6 of 8 = 75 % meets 75 %),
        // lost in 2023: total 17 < 25, MP 2 of 8 = 25 % and PW 6 of 12 = 50 % < 75 %.
        let wbbm = cmp.predicates.iter().find(|p| p.key == "wbbm").unwrap();
        assert!(wbbm.cells.iter().flatten().take(2).all(|c| c.scores_met));
        assert_eq!(
            wbbm.cells[0].as_ref().unwrap().status,
            PredicateStatus::ScoresMetPriorUnknown
        );
        assert!(!wbbm.cells[2].as_ref().unwrap().scores_met);
        assert!(cmp.steps[0].crossings.is_empty());
        let crossings = &cmp.steps[1].crossings;
        let wbbm_x = crossings.iter().find(|x| x.predicate == "wbbm").unwrap();
        assert!(wbbm_x.lost);
        let dropped: Vec<(&str, Option<&str>)> = wbbm_x
            .conditions
            .iter()
            .map(|d| (d.after.kind(), d.after.key.as_deref()))
            .collect();
        assert_eq!(
            dropped,
            [("total", None), ("area", Some("mp")), ("area", Some("pw"))]
        );
        let wbk_x = crossings.iter().find(|x| x.predicate == "wbk").unwrap();
        assert!(wbk_x.lost);
        assert!(cmp.dropped_below_threshold(2, &cmp.total));
        assert!(!cmp.dropped_below_threshold(1, &cmp.total));
        assert!(cmp.dropped_below_threshold(2, cmp.area("pw").unwrap()));
        assert!(!cmp.dropped_below_threshold(2, cmp.item("hasil.bersih.ipak").unwrap()));
        // Same item set in every column.
        assert!(cmp.overlaps.iter().all(|o| close(o.percent, 100.0)));
        assert_eq!(cmp.overlaps.len(), 3);
    }

    #[test]
    fn across_versions_keys_match_and_areas_compare_by_percent_of_weight() {
        let old = crit(OLD);
        let new = crit(NEW);
        let r_old = scored(
            &old,
            &[
                ("pemenuhan.mp.tim.a", t("Ya")),
                ("pemenuhan.mp.tim.b", t("B")),
                ("pemenuhan.pw.spip.a", t("A")),
                ("hasil.bersih.ipak", RawValue::Number(4.0)),
                ("hasil.bersih.tlhp", t("A")),
            ],
        );
        let r_new = scored(
            &new,
            &[
                ("pemenuhan.mp.tim.a", t("Ya")),
                ("pemenuhan.mp.tim.b", t("B")),
                ("pemenuhan.pw.spip.a", t("A")),
                ("reform.mp.komitmen.a", t("A")),
                ("reform.pw.pengendalian.a", t("B")),
                ("hasil.bersih.ipak", RawValue::Number(4.0)),
            ],
        );
        let cmp = compare(&[
            CompareInput {
                label: "2020",
                criteria: &old,
                result: &r_old,
                evidence: None,
            },
            CompareInput {
                label: "2023",
                criteria: &new,
                result: &r_new,
                evidence: None,
            },
        ]);
        assert!(!cmp.steps[0].same_criteria);
        // Items: old {tim.a, tim.b, spip.a, ipak, tlhp}, new {tim.a, tim.b, spip.a, komitmen.a,
        // pengendalian.a, ipak}: shared 4 of a union of 7.
        let o = cmp.overlap(1, 0).unwrap();
        assert_eq!((o.shared, o.union), (4, 7));
        assert!(close(o.percent, 4.0 / 7.0 * 100.0));
        assert_eq!(o.only_a, ["hasil.bersih.tlhp"]);
        assert_eq!(
            o.only_b,
            ["reform.mp.komitmen.a", "reform.pw.pengendalian.a"]
        );

        // MP: old 7.5 of 10 (75 %), new 3 + 4 = 7 of 8 (87.5 %): weights differ → % of weight.
        let mp = cmp.area("mp").unwrap();
        let d = mp.deltas[0].unwrap();
        assert_eq!(d.basis, Basis::PercentOfWeight);
        assert!(close(d.percent, 12.5));
        assert!(close(d.points, -0.5));
        assert!(d.changed());
        assert_eq!(
            mp.name_id, "Manajemen Perubahan",
            "name from the latest column"
        );
        // PW: 10 of 10 → 6 + 3 = 9 of 12.
        let pw = cmp.area("pw").unwrap();
        assert_eq!(pw.deltas[0].unwrap().basis, Basis::PercentOfWeight);
        assert!(close(pw.deltas[0].unwrap().percent, -25.0));
        // Hasil has the same weight in both: points.
        let hasil = cmp.component("hasil").unwrap();
        assert_eq!(hasil.deltas[0].unwrap().basis, Basis::Points);

        // Nodes only in one version are absent in the other, and merged in tree order.
        let pmp = cmp.node("pengungkit.mp").unwrap();
        assert!(pmp.present(0) && !pmp.present(1));
        assert!(pmp.deltas[0].is_none());
        let reform = cmp.node("reform").unwrap();
        assert!(!reform.present(0) && reform.present(1));
        let keys: Vec<&str> = cmp.nodes.iter().map(|r| r.key.as_str()).collect();
        let pos = |k: &str| keys.iter().position(|x| *x == k).unwrap();
        assert!(pos("pengungkit.mp") < pos("pemenuhan.mp.tim"));
        assert!(pos("pemenuhan.mp.tim") < pos("pengungkit.pw"));
        // The shared sub-area is compared by % of weight (10 → 4).
        let tim = cmp.node("pemenuhan.mp.tim").unwrap();
        assert_eq!(tim.deltas[0].unwrap().basis, Basis::PercentOfWeight);
        assert!(!tim.deltas[0].unwrap().changed());
        // Same answers, other weights: not moved.
        assert!(cmp.steps[0].moved_items.is_empty());
        // Components: "pemenuhan"/"reform" only in the new version.
        assert!(!cmp.component("pemenuhan").unwrap().present(0));
        // Predicates: WBBM is not defined in the old version.
        let wbbm = cmp.predicates.iter().find(|p| p.key == "wbbm").unwrap();
        assert!(wbbm.cells[0].is_none() && wbbm.cells[1].is_some());
        // Thresholds for charts come from the conditions.
        let t_new = &cmp.columns[1].thresholds;
        assert_eq!(t_new[0].total_min, Some(20.0));
        assert!(close(t_new[0].total_percent.unwrap(), 20.0 / 30.0 * 100.0));
        assert_eq!(t_new[1].area_min_percent, Some(75.0));
        assert_eq!(cmp.columns[0].thresholds[0].area_min_percent, None);
    }

    #[test]
    fn a_condition_new_in_the_later_version_is_named_when_the_predicate_is_lost() {
        let old = crit(OLD);
        let new = crit(NEW);
        // Old: total 20 of 30, WBK (total ≥ 20) held. New: total ≥ 20 still, but PW 50 % < 60 %.
        let r_old = scored(
            &old,
            &[
                ("pemenuhan.mp.tim.a", t("Ya")),
                ("pemenuhan.mp.tim.b", t("A")),
                ("hasil.bersih.ipak", RawValue::Number(4.0)),
                ("hasil.bersih.tlhp", t("A")),
            ],
        );
        let r_new = scored(
            &new,
            &[
                ("pemenuhan.mp.tim.a", t("Ya")),
                ("pemenuhan.mp.tim.b", t("A")),
                ("pemenuhan.pw.spip.a", t("A")),
                ("reform.mp.komitmen.a", t("A")),
                ("hasil.bersih.ipak", RawValue::Number(4.0)),
            ],
        );
        assert!(close(r_old.total, 20.0) && close(r_new.total, 24.0));
        let cmp = compare(&[
            CompareInput {
                label: "a",
                criteria: &old,
                result: &r_old,
                evidence: None,
            },
            CompareInput {
                label: "b",
                criteria: &new,
                result: &r_new,
                evidence: None,
            },
        ]);
        let x = &cmp.steps[0].crossings;
        assert_eq!(x.len(), 1);
        assert!(x[0].lost);
        assert_eq!(x[0].conditions.len(), 1);
        assert!(x[0].conditions[0].before.is_none());
        assert_eq!(x[0].conditions[0].after.key.as_deref(), Some("pw"));
    }

    #[test]
    fn a_drop_while_already_failing_is_a_crossing_but_not_a_loss() {
        let c = crit(NEW);
        let base = [
            ("pemenuhan.mp.tim.a", t("Ya")),
            ("pemenuhan.mp.tim.b", t("A")),
            ("pemenuhan.pw.spip.a", t("A")),
            ("reform.mp.komitmen.a", t("A")),
            ("reform.pw.pengendalian.a", t("A")),
            ("hasil.bersih.ipak", RawValue::Number(2.0)), // 5 < 9: WBBM fails already
        ];
        let r1 = scored(&c, &base);
        let mut v2 = base.to_vec();
        v2[4].1 = t("C"); // PW 6 of 12 = 50 %
        let r2 = scored(&c, &v2);
        let cmp = compare(&[
            CompareInput {
                label: "1",
                criteria: &c,
                result: &r1,
                evidence: None,
            },
            CompareInput {
                label: "2",
                criteria: &c,
                result: &r2,
                evidence: None,
            },
        ]);
        let wbbm = cmp.steps[0]
            .crossings
            .iter()
            .find(|x| x.predicate == "wbbm")
            .unwrap();
        assert!(!wbbm.lost);
        // Total 25 → 19 (below 25) and PW 100 % → 50 % dropped; IPAK failed on both sides.
        let keys: Vec<_> = wbbm
            .conditions
            .iter()
            .map(|d| (d.after.kind(), d.after.key.as_deref()))
            .collect();
        assert_eq!(keys, [("total", None), ("area", Some("pw"))]);
    }

    #[test]
    fn the_built_in_10_2019_criteria_reuse_the_90_2021_keys() {
        let all = crate::builtin_criteria();
        let new = &all[0];
        let old = all
            .iter()
            .find(|c| c.meta.id == "permenpanrb-10-2019")
            .expect("built in");
        assert!(old.meta.provisional);
        assert!(old
            .meta
            .provisional_note
            .as_deref()
            .is_some_and(|n| n.len() > 100));
        // Areas: same keys, the weights of facts §3.
        let weights: Vec<(&str, f64)> = old
            .areas
            .iter()
            .map(|a| (a.key.as_str(), a.weight))
            .collect();
        assert_eq!(
            weights,
            [
                ("mp", 5.0),
                ("tt", 5.0),
                ("sdm", 15.0),
                ("ak", 10.0),
                ("pw", 15.0),
                ("pp", 10.0)
            ]
        );
        // Each area is one node directly under pengungkit.
        for a in &old.areas {
            assert_eq!(a.parts.len(), 1);
            let part = old.node(a.parts[0]);
            assert_eq!(part.key, format!("pengungkit.{}", a.key));
            assert_eq!(old.node(part.parent.unwrap()).key, "pengungkit");
        }
        // Every item but TLHP is a 90/2021 pemenuhan item under the sub-area of the same key.
        for item in &old.items {
            if item.key == "hasil.bersih.tlhp" {
                continue;
            }
            let id = new.item_by_key(&item.key).expect("a 90/2021 item");
            let new_parent = &new.node(new.item(id).parent).key;
            assert_eq!(new_parent, &old.node(item.parent).key, "{}", item.key);
            assert_eq!(new.item(id).text, item.text, "{}", item.key);
        }
        // The TT sub-areas: 1 + 2 + 1 of S7 scaled by 5/4.
        let w = |k: &str| old.node(old.node_by_key(k).unwrap()).weight;
        assert_eq!(w("pemenuhan.tt.sop"), 1.25);
        assert_eq!(w("pemenuhan.tt.spbe"), 2.5);
        assert_eq!(w("pemenuhan.tt.keterbukaan_informasi"), 1.25);
        // Hasil: 22.5 (17.5 + 5) and 17.5.
        assert_eq!(w("hasil.bersih"), 22.5);
        assert_eq!(w("hasil.prima"), 17.5);
        assert_eq!(old.max_total(), 100.0);
        assert_eq!(old.items.len(), 84);
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let empty = compare(&[]);
        assert!(empty.columns.is_empty() && empty.steps.is_empty() && empty.overlaps.is_empty());
        assert!(empty.total.cells.is_empty());
        let c = crit(NEW);
        let r = scored(&c, &[]);
        let one = compare(&[CompareInput {
            label: "x",
            criteria: &c,
            result: &r,
            evidence: None,
        }]);
        assert!(one.steps.is_empty());
        assert!(one.total.deltas.is_empty());
        assert_eq!(one.items.len(), 6);
        // A result that does not belong to the criteria (fewer nodes/items) is read as far as it goes.
        let other = crit(OLD);
        let r_other = scored(&other, &[]);
        let mixed = compare(&[CompareInput {
            label: "mismatch",
            criteria: &c,
            result: &r_other,
            evidence: None,
        }]);
        assert_eq!(mixed.columns.len(), 1);
    }
}
