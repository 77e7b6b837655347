//! The document `zona compare --format json` prints (docs/compare.md).

use std::path::Path;

use serde::Serialize;
use zona_core::compare::{Comparison, Delta, Measure, Row, RowKind};
use zona_core::{Evaluation, Lang, PredicateStatus};

use super::{ConditionView, CountsView, CriteriaView, EvidenceSummaryView};

/// A comparison of workbooks side by side: the columns, the rows of scores matched by key, the
/// predicates per column, the change per step between consecutive columns and the item overlap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareView<'a> {
    /// The pengungkit areas.
    pub areas: Vec<RowView<'a>>,
    /// One per workbook, in the order given.
    pub columns: Vec<ColumnView<'a>>,
    /// The components (Pengungkit, Pemenuhan, Reform, Hasil and its halves).
    pub components: Vec<RowView<'a>>,
    /// Every item.
    pub items: Vec<RowView<'a>>,
    /// Only when a compared workbook holds a predicate: the margin of each of its conditions
    /// over the years, and the year from which it kept shrinking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keeping_trend: Option<KeepingTrendView<'a>>,
    /// Every node.
    pub nodes: Vec<RowView<'a>>,
    /// The workbook written with `--out`, or null.
    pub out: Option<String>,
    /// Every pair of columns a < b.
    pub overlaps: Vec<OverlapView<'a>>,
    pub predicates: Vec<PredicateRowView<'a>>,
    /// Column i → i + 1, for every i.
    pub steps: Vec<StepView<'a>>,
    pub total: RowView<'a>,
}

/// The margins of the predicate a unit holds, over the compared years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeepingTrendView<'a> {
    /// The labels of the columns followed (those scored with the same criteria), in order.
    pub columns: Vec<&'a str>,
    pub conditions: Vec<MarginTrendView>,
    /// Whether the unit held the predicate in each column followed.
    pub held: Vec<bool>,
    /// The key of the predicate held in the latest workbook that states one.
    pub predicate: &'a str,
    pub predicate_name: &'a str,
}

/// One condition's margin, column by column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarginTrendView {
    pub label: String,
    /// `value − threshold` in each column followed (null where it could not be scored).
    pub margins: Vec<Option<f64>>,
    /// The label of the column from which the margin shrank every year to the last (null when
    /// the last margin is not below the one before).
    pub shrinking_since: Option<String>,
}

fn keeping_trend_view<'a>(
    cmp: &'a Comparison,
    columns: &[&'a Evaluation<'a>],
    lang: Lang,
) -> Option<KeepingTrendView<'a>> {
    let t = crate::render::compare::keeping_trend(columns)?;
    let p = &t.criteria.predicates[t.predicate];
    let label = |j: &usize| cmp.columns[*j].label.as_str();
    Some(KeepingTrendView {
        columns: t.columns.iter().map(label).collect(),
        conditions: t
            .trends
            .iter()
            .map(|m| MarginTrendView {
                label: match lang {
                    Lang::Id => m.label_id.clone(),
                    Lang::En => m.label_en.clone(),
                },
                margins: m.margins.clone(),
                shrinking_since: m
                    .shrinking_since
                    .and_then(|i| t.columns.get(i))
                    .map(|j| label(j).to_string()),
            })
            .collect(),
        held: t.held.clone(),
        predicate: &p.key,
        predicate_name: p.display_name(lang),
    })
}

/// One compared workbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnView<'a> {
    pub counts: CountsView,
    pub criteria: CriteriaView<'a>,
    /// The unit's evidence in this column: coverage, items lacking evidence, the evidence-backed
    /// total and predicates (null: not reviewed).
    pub evidence: Option<EvidenceSummaryView<'a>>,
    /// The file as given.
    pub file: &'a str,
    pub label: &'a str,
    pub max_total: f64,
    pub source: ColumnSourceView<'a>,
    /// The thresholds of this column's own criteria, per predicate.
    pub thresholds: Vec<ThresholdView<'a>>,
    /// `zero` or `exclude`.
    pub unanswered_policy: &'a str,
}

/// How a column's workbook was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnSourceView<'a> {
    /// `official`, `portalrb` or `portalrb-json`.
    pub layout: &'a str,
    pub sheet: &'a str,
}

/// A predicate's thresholds in a column's criteria.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThresholdView<'a> {
    /// The minimum % of each area's weight.
    pub area_min_percent: Option<f64>,
    pub name: &'a str,
    /// The predicate's key.
    pub predicate: &'a str,
    /// The minimum total in points.
    pub total_min: Option<f64>,
    /// The minimum total as % of the maximum.
    pub total_percent: Option<f64>,
}

/// A row (the total, a component, area, node or item) across the columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowView<'a> {
    /// Per column: null (absent in that version) or the row's scores there.
    pub columns: Vec<Option<MeasureView<'a>>>,
    /// Per step (column i → i + 1): null (absent on either side) or the change.
    pub deltas: Vec<Option<DeltaView>>,
    pub depth: usize,
    pub in_every_column: bool,
    pub key: &'a str,
    /// `total`, `component`, `area`, `node` or `item`.
    pub kind: &'a str,
    pub marker: Option<&'a str>,
    /// The name in the last column that has the row.
    pub name: &'a str,
}

/// A row's scores in one column. `answer`, `status` and `value` are there for items only (and
/// are then null when unknown). In a row's `columns`, each record also carries its column's
/// `label`, `unit` and `year`, so a data frame built from the records keeps them
/// (`pandas.json_normalize`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureView<'a> {
    /// Items: the answer as understood (option code, index).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<Option<&'a str>>,
    /// Whether a predicate condition on this row held in the previous column and fails here.
    pub dropped_below_threshold: bool,
    /// Survey index items: the index as a number (3.45); absent on other rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<f64>,
    /// The column's label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
    /// Score as a percentage of the weight (items: the value, 0–100).
    pub percent: f64,
    pub score: f64,
    /// Items: `answered`, `unanswered` or `invalid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Option<&'a str>>,
    /// The unit the column's workbook states (null when it states none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Option<&'a str>>,
    /// Items: the value, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Option<f64>>,
    pub weight: f64,
    /// The year the column's workbook states (null when it states none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<Option<i32>>,
}

/// What every record of a column carries: its label, unit and year.
#[derive(Debug, Clone, Copy)]
pub struct ColumnFacts<'a> {
    pub label: &'a str,
    pub unit: Option<&'a str>,
    pub year: Option<i32>,
}

impl<'a> MeasureView<'a> {
    /// The record with its column's facts.
    fn in_column(mut self, facts: Option<&ColumnFacts<'a>>) -> Self {
        if let Some(f) = facts {
            self.label = Some(f.label);
            self.unit = Some(f.unit);
            self.year = Some(f.year);
        }
        self
    }
}

impl<'a> MeasureView<'a> {
    /// `item`: whether the row is an item (adds `answer`, `status`, `value`).
    pub fn new(m: &'a Measure, item: bool, dropped: bool) -> Self {
        MeasureView {
            answer: item.then_some(m.answer.as_deref()),
            dropped_below_threshold: dropped,
            index: m.index,
            percent: m.percent,
            score: m.score,
            status: item.then_some(m.status.map(zona_core::ItemStatus::code)),
            value: item.then_some(m.value),
            weight: m.weight,
            label: None,
            unit: None,
            year: None,
        }
    }
}

/// The change of a row from one column to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeltaView {
    /// `points` where the weights are equal, `percent_of_weight` where they differ.
    pub basis: &'static str,
    pub changed: bool,
    /// Change in percentage points of the weight.
    pub percent: f64,
    /// Change in points.
    pub points: f64,
}

impl DeltaView {
    pub fn new(d: &Delta) -> Self {
        DeltaView {
            basis: d.basis.code(),
            changed: d.changed(),
            percent: d.percent,
            points: d.points,
        }
    }
}

/// A predicate across the columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredicateRowView<'a> {
    /// Per column: null (not defined in that version) or its status there.
    pub columns: Vec<Option<PredicateCellView<'a>>>,
    pub key: &'a str,
    pub name: &'a str,
}

/// A predicate's status in one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredicateCellView<'a> {
    /// The conditions that fail.
    pub failing: Vec<ConditionView<'a>>,
    pub met: bool,
    /// Whether every score condition holds (the prior predicate aside).
    pub scores_met: bool,
    /// `met`, `not_met` or `scores_met_prior_unknown`.
    pub status: &'a str,
}

/// From one column to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepView<'a> {
    /// The predicates this step loses or whose conditions drop below their thresholds.
    pub crossings: Vec<CrossingView<'a>>,
    /// Index of the earlier column.
    pub from: usize,
    pub from_label: &'a str,
    /// The items whose value or status changed, largest change in points first.
    pub moved_items: Vec<MovedItemView<'a>>,
    /// Whether both columns were scored with the same criteria.
    pub same_criteria: bool,
    /// Index of the later column.
    pub to: usize,
    pub to_label: &'a str,
    /// The change of the total.
    pub total: DeltaView,
}

/// An item that moved in a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovedItemView<'a> {
    pub after: MeasureView<'a>,
    pub before: MeasureView<'a>,
    pub delta: DeltaView,
    pub key: &'a str,
    pub text: &'a str,
}

/// A predicate lost in a step, or with conditions that dropped below their thresholds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossingView<'a> {
    /// The conditions that held before and fail after.
    pub conditions: Vec<ConditionDropView<'a>>,
    /// Whether no score condition failed before and some fails after.
    pub lost: bool,
    pub name: &'a str,
    /// The predicate's key.
    pub predicate: &'a str,
}

/// A condition before and after a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionDropView<'a> {
    pub after: ConditionView<'a>,
    /// Null when the earlier column's criteria have no such condition.
    pub before: Option<ConditionView<'a>>,
}

/// How much of the item set two columns share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverlapView<'a> {
    /// Index of the first column.
    pub a: usize,
    pub a_label: &'a str,
    /// Index of the second column.
    pub b: usize,
    pub b_label: &'a str,
    /// Item keys only the first column has.
    pub only_a: &'a [String],
    /// Item keys only the second column has.
    pub only_b: &'a [String],
    /// shared / union × 100 (100 when both are empty).
    pub percent: f64,
    /// Item keys both columns have.
    pub shared: usize,
    /// Item keys either column has.
    pub union: usize,
}

impl<'a> RowView<'a> {
    /// `facts`: each column's label, unit and year, put on every record of the row.
    pub fn new(cmp: &'a Comparison, r: &'a Row, facts: &[ColumnFacts<'a>], lang: Lang) -> Self {
        let item = r.kind == RowKind::Item;
        RowView {
            columns: r
                .cells
                .iter()
                .enumerate()
                .map(|(j, m)| {
                    m.as_ref().map(|m| {
                        MeasureView::new(m, item, cmp.dropped_below_threshold(j, r))
                            .in_column(facts.get(j))
                    })
                })
                .collect(),
            deltas: r
                .deltas
                .iter()
                .map(|d| d.as_ref().map(DeltaView::new))
                .collect(),
            depth: r.depth,
            in_every_column: r.in_every_column(),
            key: &r.key,
            kind: r.kind.code(),
            marker: r.marker.as_deref(),
            name: r.name(lang),
        }
    }
}

/// The document `zona compare --format json` prints; `columns`: the evaluation of each column,
/// in order; `out_file`: the workbook written, if any.
pub fn compare_view<'a>(
    cmp: &'a Comparison,
    columns: &[&'a Evaluation],
    out_file: Option<&Path>,
    lang: Lang,
) -> CompareView<'a> {
    let facts: Vec<ColumnFacts<'a>> = cmp
        .columns
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let unit = columns.get(j).map(|e| &e.unit().answers.unit);
            ColumnFacts {
                label: &c.label,
                unit: unit.and_then(|u| u.name.as_deref()),
                year: unit.and_then(|u| u.year),
            }
        })
        .collect();
    let rows = |rows: &'a [Row]| -> Vec<RowView<'a>> {
        rows.iter()
            .map(|r| RowView::new(cmp, r, &facts, lang))
            .collect()
    };
    let label = |j: usize| cmp.columns[j].label.as_str();
    CompareView {
        areas: rows(&cmp.areas),
        columns: cmp
            .columns
            .iter()
            .zip(columns)
            .map(|(c, s)| ColumnView {
                counts: CountsView {
                    answered: c.answered,
                    invalid: c.invalid,
                    items: c.items,
                    unanswered: c.unanswered,
                },
                criteria: CriteriaView {
                    id: &c.criteria_id,
                    name: &c.criteria_name,
                    provisional: c.provisional,
                    version: &c.criteria_version,
                },
                evidence: c
                    .evidence
                    .as_ref()
                    .map(|e| EvidenceSummaryView::new(e, lang)),
                file: &s.file,
                label: &c.label,
                max_total: c.max_total,
                source: ColumnSourceView {
                    layout: s.source.layout,
                    sheet: &s.source.sheet,
                },
                thresholds: c
                    .thresholds
                    .iter()
                    .map(|t| ThresholdView {
                        area_min_percent: t.area_min_percent,
                        name: t.name(lang),
                        predicate: &t.key,
                        total_min: t.total_min,
                        total_percent: t.total_percent,
                    })
                    .collect(),
                unanswered_policy: c.policy.code(),
            })
            .collect(),
        components: rows(&cmp.components),
        items: rows(&cmp.items),
        keeping_trend: keeping_trend_view(cmp, columns, lang),
        nodes: rows(&cmp.nodes),
        out: out_file.map(|p| p.display().to_string()),
        overlaps: cmp
            .overlaps
            .iter()
            .map(|o| OverlapView {
                a: o.a,
                a_label: label(o.a),
                b: o.b,
                b_label: label(o.b),
                only_a: &o.only_a,
                only_b: &o.only_b,
                percent: o.percent,
                shared: o.shared,
                union: o.union,
            })
            .collect(),
        predicates: cmp
            .predicates
            .iter()
            .map(|p| PredicateRowView {
                columns: p
                    .cells
                    .iter()
                    .map(|c| {
                        c.as_ref().map(|c| PredicateCellView {
                            failing: c.failing().map(|f| ConditionView::new(f, lang)).collect(),
                            met: c.status == PredicateStatus::Met,
                            scores_met: c.scores_met,
                            status: c.status.code(),
                        })
                    })
                    .collect(),
                key: &p.key,
                name: p.name(lang),
            })
            .collect(),
        steps: cmp
            .steps
            .iter()
            .map(|s| StepView {
                crossings: s
                    .crossings
                    .iter()
                    .map(|x| CrossingView {
                        conditions: x
                            .conditions
                            .iter()
                            .map(|d| ConditionDropView {
                                after: ConditionView::new(&d.after, lang),
                                before: d.before.as_ref().map(|b| ConditionView::new(b, lang)),
                            })
                            .collect(),
                        lost: x.lost,
                        name: x.name(lang),
                        predicate: &x.predicate,
                    })
                    .collect(),
                from: s.from,
                from_label: label(s.from),
                moved_items: s
                    .moved_items
                    .iter()
                    .map(|m| MovedItemView {
                        after: MeasureView::new(
                            &m.after,
                            true,
                            cmp.dropped_below_threshold(s.to, &cmp.items[m.row]),
                        ),
                        before: MeasureView::new(&m.before, true, false),
                        delta: DeltaView::new(&m.delta),
                        key: &m.key,
                        text: cmp.items[m.row].name(lang),
                    })
                    .collect(),
                same_criteria: s.same_criteria,
                to: s.to,
                to_label: label(s.to),
                total: DeltaView::new(&s.total),
            })
            .collect(),
        total: RowView::new(cmp, &cmp.total, &facts, lang),
    }
}
