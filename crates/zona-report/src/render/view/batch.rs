//! The document `zona batch --format json` prints (docs/batch.md).

use std::collections::BTreeMap;

use serde::Serialize;
use zona_core::batch::{ranks, total_thresholds, BatchRow, EvidenceSummary};
use zona_core::{Criteria, Lang};

use super::{ConditionView, CountsView};
use crate::batch_writer::BatchSummary;
use crate::render::batch::Written;

/// A batch: the criteria used, the thresholds, the scored workbooks ranked by total, the files
/// that failed and what was written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchView<'a> {
    /// The id of the criteria the columns follow (those of the first file scored).
    pub columns_criteria: &'a str,
    /// Every criteria set used, with how many files were scored with it.
    pub criteria: Vec<BatchCriteriaView<'a>>,
    /// The files that could not be scored, in the order found.
    pub errors: Vec<BatchErrorView<'a>>,
    pub failed: usize,
    /// The summary workbook written, or null (none, or it failed).
    pub out: Option<String>,
    /// The report folder, or null.
    pub reports: Option<String>,
    /// The scored workbooks, ranked by total.
    pub rows: Vec<BatchRowView<'a>>,
    pub scored: usize,
    /// Each predicate's total threshold in the columns' criteria.
    pub thresholds: Vec<BatchThresholdView>,
}

/// A criteria set the batch used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchCriteriaView<'a> {
    /// How many files were scored with it.
    pub files: usize,
    pub id: &'a str,
    pub name: &'a str,
    pub provisional: bool,
    pub version: &'a str,
}

/// A predicate's `total` condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchThresholdView {
    pub name: String,
    /// The predicate's key.
    pub predicate: String,
    pub total_min: f64,
}

/// A file that could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchErrorView<'a> {
    pub file: &'a str,
    /// The error; it names the file.
    pub message: &'a str,
}

/// One scored workbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchRowView<'a> {
    /// The pengungkit areas of the file's criteria.
    pub areas: Vec<BatchAreaView<'a>>,
    /// Answered items / items, 0–1.
    pub completeness: f64,
    /// The score of each root of the file's criteria, by key (`pengungkit`, `hasil`).
    pub components: BTreeMap<&'a str, f64>,
    pub counts: CountsView,
    pub criteria: BatchRowCriteriaView<'a>,
    /// The unit's evidence: coverage and the evidence-backed total (null: not reviewed).
    pub evidence: Option<EvidenceSummaryView<'a>>,
    pub file: &'a str,
    pub max_total: f64,
    pub predicates: Vec<BatchPredicateView<'a>>,
    /// 1, 2, 3 …; equal totals share a rank.
    pub rank: usize,
    /// The unit's report, when one was written.
    pub report: Option<&'a str>,
    pub total: f64,
    pub unit: BatchUnitView<'a>,
}

/// A unit's evidence reduced to its counts and the score it supports (a batch row, a compared
/// column).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceSummaryView<'a> {
    /// The total with every item lacking evidence scored under the policy (null under `none`).
    pub backed_total: Option<f64>,
    /// supported / needing × 100 (null when no item needs evidence).
    pub coverage_percent: Option<f64>,
    /// Items needing evidence that lack it: `missing` + `unsupported`.
    pub lacking: usize,
    /// Items needing evidence with no entry at all.
    pub missing: usize,
    /// Items that need evidence (answered above their lowest answer).
    pub needing: usize,
    /// Σ over the items of claimed − evidence-backed points.
    pub points_at_risk: f64,
    /// `lowest`, `one-step` or `none`.
    pub policy: &'static str,
    /// Each predicate under the evidence-backed score (empty under `none`).
    pub predicates: Vec<BackedPredicateView<'a>>,
    /// Items with at least one link or existing file.
    pub supported: usize,
    /// Items needing evidence whose entries are none an evaluator can open.
    pub unsupported: usize,
}

/// A predicate's status under the evidence-backed score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackedPredicateView<'a> {
    pub key: &'a str,
    pub met: bool,
    pub name: &'a str,
    /// `met`, `not_met` or `scores_met_prior_unknown`.
    pub status: &'static str,
}

impl<'a> EvidenceSummaryView<'a> {
    pub fn new(e: &'a EvidenceSummary, lang: Lang) -> Self {
        EvidenceSummaryView {
            backed_total: e.backed_total,
            coverage_percent: e.coverage_percent(),
            lacking: e.lacking(),
            missing: e.missing,
            needing: e.needing,
            points_at_risk: e.points_at_risk,
            policy: e.policy.code(),
            predicates: e
                .backed_predicates
                .iter()
                .map(|p| BackedPredicateView {
                    key: &p.key,
                    met: p.status == zona_core::PredicateStatus::Met,
                    name: p.name(lang),
                    status: p.status.code(),
                })
                .collect(),
            supported: e.supported,
            unsupported: e.unsupported,
        }
    }
}

/// An area's score in a row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchAreaView<'a> {
    pub key: &'a str,
    pub percent: f64,
    pub score: f64,
    pub weight: f64,
}

/// The criteria a row was scored with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchRowCriteriaView<'a> {
    pub id: &'a str,
    pub provisional: bool,
}

/// A predicate's status in a row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchPredicateView<'a> {
    /// The first failing condition in the criteria's order, or null.
    pub first_failing: Option<ConditionView<'a>>,
    pub key: &'a str,
    pub met: bool,
    pub name: &'a str,
    /// `met`, `not_met` or `scores_met_prior_unknown`.
    pub status: &'a str,
}

/// The unit of a row, as the workbook states it or its file name suggests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchUnitView<'a> {
    /// The facts taken from the file name (`name`, `instansi`, `year`).
    pub from_file_name: &'a [&'static str],
    pub instansi: Option<&'a str>,
    pub name: Option<&'a str>,
    /// Where the workbook's own facts came from: `sheet`, `title`, `document` or `file_name`.
    pub origin: &'a str,
    pub year: Option<i32>,
}

impl<'a> BatchRowView<'a> {
    pub fn new(row: &'a BatchRow, rank: usize, lang: Lang) -> Self {
        BatchRowView {
            areas: row
                .areas
                .iter()
                .map(|a| BatchAreaView {
                    key: &a.key,
                    percent: a.percent(),
                    score: a.score,
                    weight: a.weight,
                })
                .collect(),
            completeness: row.completeness(),
            components: row
                .roots
                .iter()
                .map(|r| (r.key.as_str(), r.score))
                .collect(),
            counts: CountsView {
                answered: row.answered,
                invalid: row.invalid,
                items: row.items,
                unanswered: row.unanswered,
            },
            criteria: BatchRowCriteriaView {
                id: &row.criteria_id,
                provisional: row.criteria_provisional,
            },
            evidence: row
                .evidence
                .as_ref()
                .map(|e| EvidenceSummaryView::new(e, lang)),
            file: &row.file,
            max_total: row.max_total,
            predicates: row
                .predicates
                .iter()
                .map(|p| BatchPredicateView {
                    first_failing: p
                        .first_failing
                        .as_ref()
                        .map(|c| ConditionView::new(c, lang)),
                    key: &p.key,
                    met: p.met(),
                    name: p.name(lang),
                    status: p.status.code(),
                })
                .collect(),
            rank,
            report: row.report.as_deref(),
            total: row.total,
            unit: BatchUnitView {
                from_file_name: &row.unit.from_file_name,
                instansi: row.unit.instansi.as_deref(),
                name: row.unit.name.as_deref(),
                origin: row.unit.origin_code(),
                year: row.unit.year,
            },
        }
    }
}

/// The document `zona batch --format json` prints; `used`: index of each criteria set used (the
/// index `candidate` takes) → the files scored with it.
pub fn batch_view<'a>(
    summary: &BatchSummary<'a>,
    candidate: &dyn Fn(usize) -> &'a Criteria,
    used: &BTreeMap<usize, Vec<String>>,
    written: &Written,
    lang: Lang,
) -> BatchView<'a> {
    BatchView {
        columns_criteria: &summary.criteria.meta.id,
        criteria: used
            .iter()
            .map(|(i, files)| {
                let m = &candidate(*i).meta;
                BatchCriteriaView {
                    files: files.len(),
                    id: &m.id,
                    name: &m.name,
                    provisional: m.provisional,
                    version: &m.version,
                }
            })
            .collect(),
        errors: summary
            .errors
            .iter()
            .map(|e| BatchErrorView {
                file: &e.file,
                message: &e.message,
            })
            .collect(),
        failed: summary.errors.len(),
        out: written.out.map(|p| p.display().to_string()),
        reports: written.reports.map(|p| p.display().to_string()),
        rows: summary
            .rows
            .iter()
            .zip(ranks(summary.rows))
            .map(|(r, rank)| BatchRowView::new(r, rank, lang))
            .collect(),
        scored: summary.rows.len(),
        thresholds: total_thresholds(summary.criteria)
            .into_iter()
            .map(|t| BatchThresholdView {
                name: t.name(lang).to_string(),
                predicate: t.key,
                total_min: t.min,
            })
            .collect(),
    }
}
