//! A batch of scored workbooks reduced to summary rows and ranked: the data model of `zona batch`
//! (the summary workbook, the CSV and JSON are renderings of it, in zona-report).
//!
//! So that a batch of thousands of workbooks stays small in memory, each workbook is reduced to a
//! [`BatchRow`] while it is scored ([`BatchRow::new`]: unit facts, total, roots, areas, predicate
//! outcomes, counts, and with [`BatchRow::with_evidence`] an [`EvidenceSummary`]; no items, no
//! diagnostics) and its full answers and score are dropped.

use std::path::Path;

use crate::answer::UnitOrigin;
use crate::criteria::ConditionKind;
use crate::evidence::{EvidencePolicy, EvidenceReview, ItemEvidenceStatus};
use crate::predicate::ConditionResult;
use crate::{AnswerSet, Criteria, ItemStatus, Lang, PredicateStatus, ScoreResult, UnitInfo};

// ---------------------------------------------------------------------------------------------
// Rows

/// Who the unit is: name, instansi and year as the workbook states them (unit sheet, title rows,
/// answer document), each fact the workbook leaves out taken from the file name where it can be.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchUnit {
    pub name: Option<String>,
    pub instansi: Option<String>,
    pub year: Option<i32>,
    /// Where the workbook's own facts came from (`None`: nowhere).
    pub origin: Option<UnitOrigin>,
    /// The facts taken from the file name because the workbook did not state them: `name`,
    /// `year` (empty when the origin is the file name itself).
    pub from_file_name: Vec<&'static str>,
}

impl BatchUnit {
    /// The facts a workbook states, completed from what its file name suggests (`guess`).
    pub fn new(stated: &UnitInfo, guess: &UnitInfo) -> Self {
        let guess = guess.clone();
        let mut unit = BatchUnit {
            name: stated.name.clone().filter(|s| !s.trim().is_empty()),
            instansi: stated.instansi.clone().filter(|s| !s.trim().is_empty()),
            year: stated.year,
            origin: stated.origin.clone(),
            from_file_name: Vec::new(),
        };
        if unit.origin.is_none() || unit.origin == Some(UnitOrigin::FileName) {
            unit.origin = Some(UnitOrigin::FileName);
            unit.name = unit.name.or(guess.name);
            unit.year = unit.year.or(guess.year);
            return unit;
        }
        if unit.name.is_none() && guess.name.is_some() {
            unit.name = guess.name;
            unit.from_file_name.push("name");
        }
        if unit.year.is_none() && guess.year.is_some() {
            unit.year = guess.year;
            unit.from_file_name.push("year");
        }
        unit
    }

    /// `sheet`, `title`, `document` or `file_name`: where the workbook's own facts came from.
    pub fn origin_code(&self) -> &'static str {
        self.origin.as_ref().map_or("file_name", UnitOrigin::code)
    }

    /// Where the facts came from, for people: `lembar "Unit"`, `lembar "Unit"; tahun: nama
    /// berkas`.
    pub fn origin_label(&self, lang: Lang) -> String {
        let mut s = self
            .origin
            .as_ref()
            .unwrap_or(&UnitOrigin::FileName)
            .label(lang);
        if !self.from_file_name.is_empty() {
            let facts: Vec<&str> = self
                .from_file_name
                .iter()
                .map(|f| match (*f, lang) {
                    ("name", Lang::Id) => "nama",
                    ("year", Lang::Id) => "tahun",
                    (other, _) => other,
                })
                .collect();
            s.push_str(&format!(
                "; {}: {}",
                facts.join(", "),
                UnitOrigin::FileName.label(lang)
            ));
        }
        s
    }

    /// `name (year)`, or the name alone; `fallback` when there is no name.
    pub fn label(&self, fallback: &str) -> String {
        let name = self.name.as_deref().unwrap_or(fallback);
        match self.year {
            Some(y) => format!("{name} ({y})"),
            None => name.to_string(),
        }
    }
}

/// An area's score in a row.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchArea {
    pub key: String,
    pub weight: f64,
    pub score: f64,
}

impl BatchArea {
    /// Score as a percentage of the weight.
    pub fn percent(&self) -> f64 {
        if self.weight > 0.0 {
            self.score / self.weight * 100.0
        } else {
            0.0
        }
    }
}

/// A root's (Pengungkit, Hasil) score in a row.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRoot {
    pub key: String,
    pub weight: f64,
    pub score: f64,
}

/// A predicate's outcome in a row: its status and the first condition that fails.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchPredicate {
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    pub status: PredicateStatus,
    /// The status in words (`PredicateResult::status_label`), in Indonesian and in English.
    pub status_label_id: String,
    pub status_label_en: String,
    /// The first condition that fails, in the criteria's order (None when none fails).
    pub first_failing: Option<ConditionResult>,
}

impl BatchPredicate {
    pub fn met(&self) -> bool {
        self.status == PredicateStatus::Met
    }

    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_id, &self.name_en)
    }
}

/// A predicate's status under the evidence-backed score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackedPredicate {
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    pub status: PredicateStatus,
    /// The status in words (`PredicateResult::status_label`), in Indonesian and in English.
    pub status_label_id: String,
    pub status_label_en: String,
}

impl BackedPredicate {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_id, &self.name_en)
    }

    pub fn status_label(&self, lang: Lang) -> &str {
        lang.pick(&self.status_label_id, &self.status_label_en)
    }
}

/// A unit's evidence reduced to its counts and the score it supports ([`EvidenceReview`]): what a
/// batch row and a comparison column show.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceSummary {
    pub policy: EvidencePolicy,
    /// Items that need evidence (answered above their lowest answer).
    pub needing: usize,
    /// Items with at least one entry an evaluator can open.
    pub supported: usize,
    /// Items that need evidence and have no entry at all.
    pub missing: usize,
    /// Items that need evidence and have entries, none of which an evaluator can open.
    pub unsupported: usize,
    /// The evidence-backed total (None under policy `none`).
    pub backed_total: Option<f64>,
    /// Decimals to show it with ([`crate::ScoreResult::total_decimals`] of the backed score).
    pub backed_total_decimals: usize,
    /// Σ points at risk over the items (claimed − backed; 0 under policy `none`).
    pub points_at_risk: f64,
    /// Each predicate's status under the evidence-backed score, in the criteria's order (empty
    /// under policy `none`).
    pub backed_predicates: Vec<BackedPredicate>,
}

impl EvidenceSummary {
    pub fn new(review: &EvidenceReview) -> Self {
        EvidenceSummary {
            policy: review.policy,
            needing: review.needing(),
            supported: review.supported(),
            missing: review.count(ItemEvidenceStatus::Missing),
            unsupported: review.count(ItemEvidenceStatus::Unsupported),
            backed_total: review.backed_total(),
            backed_total_decimals: review
                .backed
                .as_ref()
                .map_or(2, crate::ScoreResult::total_decimals),
            points_at_risk: review.points_at_risk(),
            backed_predicates: review
                .backed
                .iter()
                .flat_map(|b| &b.predicates)
                .map(|p| BackedPredicate {
                    key: p.key.clone(),
                    name_id: p.name_id.clone(),
                    name_en: p.name_en.clone(),
                    status: p.status,
                    status_label_id: p.status_label(Lang::Id).into_owned(),
                    status_label_en: p.status_label(Lang::En).into_owned(),
                })
                .collect(),
        }
    }

    /// Items that need evidence and lack it (missing or unsupported).
    pub fn lacking(&self) -> usize {
        self.missing + self.unsupported
    }

    /// Supported / needing, in percent; None when no item needs evidence.
    pub fn coverage_percent(&self) -> Option<f64> {
        (self.needing > 0).then(|| self.supported as f64 * 100.0 / self.needing as f64)
    }

    /// A predicate under the evidence-backed score.
    pub fn backed_predicate(&self, key: &str) -> Option<&BackedPredicate> {
        self.backed_predicates.iter().find(|p| p.key == key)
    }
}

/// One scored workbook, reduced to what the summary shows.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    /// The input file, as given or found.
    pub file: String,
    pub unit: BatchUnit,
    pub criteria_id: String,
    pub criteria_provisional: bool,
    pub total: f64,
    /// Decimals to show the total with ([`ScoreResult::total_decimals`]).
    pub total_decimals: usize,
    pub max_total: f64,
    /// The roots of the row's criteria (Pengungkit, Hasil), in order.
    pub roots: Vec<BatchRoot>,
    /// The areas of the row's criteria, in order.
    pub areas: Vec<BatchArea>,
    pub predicates: Vec<BatchPredicate>,
    pub items: usize,
    pub answered: usize,
    pub unanswered: usize,
    pub invalid: usize,
    /// The unit's own report, when one was written.
    pub report: Option<String>,
    /// The unit's evidence (None: not reviewed).
    pub evidence: Option<EvidenceSummary>,
}

impl BatchRow {
    /// The summary of a scored workbook (`result` scored from `answers` with `criteria`);
    /// `file_guess`: the unit facts its file name suggests, for what the workbook leaves out.
    pub fn new(
        path: &Path,
        criteria: &Criteria,
        answers: &AnswerSet,
        result: &ScoreResult,
        file_guess: &UnitInfo,
    ) -> Self {
        let node_score = |id: crate::NodeId| result.nodes.get(id.0).map_or(0.0, |n| n.score);
        BatchRow {
            file: path.display().to_string(),
            unit: BatchUnit::new(&answers.unit, file_guess),
            criteria_id: criteria.meta.id.clone(),
            criteria_provisional: criteria.meta.provisional,
            total: result.total,
            total_decimals: result.total_decimals(),
            max_total: result.max_total,
            roots: criteria
                .roots
                .iter()
                .map(|r| BatchRoot {
                    key: criteria.node(*r).key.clone(),
                    weight: criteria.node(*r).weight,
                    score: node_score(*r),
                })
                .collect(),
            areas: criteria
                .areas
                .iter()
                .zip(&result.areas)
                .map(|(a, s)| BatchArea {
                    key: a.key.clone(),
                    weight: a.weight,
                    score: s.score,
                })
                .collect(),
            predicates: result
                .predicates
                .iter()
                .map(|p| BatchPredicate {
                    key: p.key.clone(),
                    name_id: p.name_id.clone(),
                    name_en: p.name_en.clone(),
                    status: p.status,
                    status_label_id: p.status_label(Lang::Id).into_owned(),
                    status_label_en: p.status_label(Lang::En).into_owned(),
                    first_failing: p.first_failing().cloned(),
                })
                .collect(),
            items: result.items.len(),
            answered: result.count_status(ItemStatus::Answered),
            unanswered: result.count_status(ItemStatus::Unanswered),
            invalid: result.count_status(ItemStatus::Invalid),
            report: None,
            evidence: None,
        }
    }

    /// The row with the unit's evidence review (of the layer the row was scored from).
    #[must_use]
    pub fn with_evidence(mut self, review: &EvidenceReview) -> Self {
        self.evidence = Some(EvidenceSummary::new(review));
        self
    }

    /// Answered items / all items, 0–1 (0 when the criteria have no items).
    pub fn completeness(&self) -> f64 {
        if self.items == 0 {
            0.0
        } else {
            self.answered as f64 / self.items as f64
        }
    }

    pub fn area(&self, key: &str) -> Option<&BatchArea> {
        self.areas.iter().find(|a| a.key == key)
    }

    pub fn root(&self, key: &str) -> Option<&BatchRoot> {
        self.roots.iter().find(|r| r.key == key)
    }

    pub fn predicate(&self, key: &str) -> Option<&BatchPredicate> {
        self.predicates.iter().find(|p| p.key == key)
    }

    /// The unit as the chart names it: `name (year)`, else the file name.
    pub fn label(&self) -> String {
        let file = Path::new(&self.file)
            .file_name()
            .map_or_else(|| self.file.clone(), |f| f.to_string_lossy().into_owned());
        self.unit.label(&file)
    }
}

/// A file that could not be scored, with the reason (the message names the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchError {
    pub file: String,
    pub message: String,
}

/// Sorts rows by total, highest first; equal totals by file, so the order never depends on
/// which worker finished first.
pub fn rank_rows(rows: &mut [BatchRow]) {
    rows.sort_by(|a, b| {
        b.total
            .total_cmp(&a.total)
            .then_with(|| a.file.cmp(&b.file))
    });
}

/// The rank of each row of ranked rows: equal totals share a rank, the next rank skips
/// (1, 2, 2, 4).
pub fn ranks(rows: &[BatchRow]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let same_as_previous = i > 0 && rows[i - 1].total.total_cmp(&r.total).is_eq();
        out.push(if same_as_previous { out[i - 1] } else { i + 1 });
    }
    out
}

/// A predicate's `total` condition.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalThreshold {
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    pub min: f64,
}

impl TotalThreshold {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_id, &self.name_en)
    }
}

/// The `total` condition of every predicate that has one, in the criteria's order.
pub fn total_thresholds(criteria: &Criteria) -> Vec<TotalThreshold> {
    criteria
        .predicates
        .iter()
        .filter_map(|p| {
            p.conditions.iter().find_map(|c| match c.kind {
                ConditionKind::Total { min } => Some(TotalThreshold {
                    key: p.key.clone(),
                    name_id: p.display_name(Lang::Id).to_string(),
                    name_en: p.display_name(Lang::En).to_string(),
                    min,
                }),
                _ => None,
            })
        })
        .collect()
}
