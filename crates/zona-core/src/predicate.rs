//! Predicates (Menuju WBK, Menuju WBBM): every condition with its value, threshold, pass/fail and
//! margin.
//!
//! Comparisons allow [`THRESHOLD_TOLERANCE`] so that the two-decimal thresholds the regulation
//! writes compare exactly: an IPAK of 3.60 gives 15.749999… in binary floating point and meets
//! 15.75, while 74.996 stays below 75.

use crate::criteria::{ConditionKind, Criteria};
use crate::lang::Lang;
use crate::score::{percent, ScoreOptions, ScoreResult};

/// How far below a threshold a value may lie and still meet it (floating-point noise only).
pub const THRESHOLD_TOLERANCE: f64 = 1e-9;

/// Whether `value` meets the threshold `min`.
pub fn meets(value: f64, min: f64) -> bool {
    value >= min - THRESHOLD_TOLERANCE
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PredicateStatus {
    Met,
    NotMet,
    /// Every score condition holds, but the required prior predicate was not stated.
    ScoresMetPriorUnknown,
}

impl PredicateStatus {
    pub fn code(self) -> &'static str {
        match self {
            PredicateStatus::Met => "met",
            PredicateStatus::NotMet => "not_met",
            PredicateStatus::ScoresMetPriorUnknown => "scores_met_prior_unknown",
        }
    }

    /// A short label for tables: an asterisk marks "scores met, prior predicate not stated".
    pub fn short_label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PredicateStatus::ScoresMetPriorUnknown, Lang::Id) => "NILAI MEMENUHI*",
            (PredicateStatus::ScoresMetPriorUnknown, Lang::En) => "SCORES MET*",
            _ => self.label(lang),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PredicateStatus::Met, Lang::Id) => "MEMENUHI",
            (PredicateStatus::Met, Lang::En) => "MET",
            (PredicateStatus::NotMet, Lang::Id) => "TIDAK MEMENUHI",
            (PredicateStatus::NotMet, Lang::En) => "NOT MET",
            (PredicateStatus::ScoresMetPriorUnknown, Lang::Id) => {
                "nilai memenuhi; predikat sebelumnya (WBK) belum dinyatakan"
            }
            (PredicateStatus::ScoresMetPriorUnknown, Lang::En) => {
                "scores meet it; prior predicate (WBK) not stated"
            }
        }
    }
}

/// One condition's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionResult {
    /// `total`, `node`, `item`, `area` or `prior`.
    pub kind: &'static str,
    /// Key of the node, item, area or predicate the condition is about.
    pub key: Option<String>,
    pub label_id: String,
    pub label_en: String,
    /// The unit's value in points (None for `prior`).
    pub value: Option<f64>,
    /// The threshold in points (None for `prior`).
    pub threshold: Option<f64>,
    /// For area conditions: the required percentage of the area's weight.
    pub threshold_percent: Option<f64>,
    /// For area conditions: the area's score as a percentage of its weight.
    pub value_percent: Option<f64>,
    /// None when unknown (a prior predicate not stated).
    pub passed: Option<bool>,
    /// `value − threshold`: points spare (≥ 0) or short (< 0).
    pub margin: Option<f64>,
}

impl ConditionResult {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.label_id,
            Lang::En => &self.label_en,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PredicateResult {
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    pub status: PredicateStatus,
    pub conditions: Vec<ConditionResult>,
}

impl PredicateResult {
    pub fn met(&self) -> bool {
        self.status == PredicateStatus::Met
    }

    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.name_id,
            Lang::En => &self.name_en,
        }
    }

    /// The first condition that fails, if any.
    pub fn first_failing(&self) -> Option<&ConditionResult> {
        self.conditions.iter().find(|c| c.passed == Some(false))
    }
}

fn score_condition(
    kind: &'static str,
    key: Option<String>,
    labels: (String, String),
    value: f64,
    threshold: f64,
) -> ConditionResult {
    ConditionResult {
        kind,
        key,
        label_id: labels.0,
        label_en: labels.1,
        value: Some(value),
        threshold: Some(threshold),
        threshold_percent: None,
        value_percent: None,
        passed: Some(meets(value, threshold)),
        margin: Some(value - threshold),
    }
}

pub(crate) fn evaluate_predicates(
    criteria: &Criteria,
    result: &ScoreResult,
    options: &ScoreOptions,
) -> Vec<PredicateResult> {
    criteria
        .predicates
        .iter()
        .map(|p| {
            let mut conditions = Vec::new();
            for cond in &p.conditions {
                let custom = |id: String, en: String| {
                    (
                        cond.label.clone().unwrap_or(id),
                        cond.label_en.clone().or(cond.label.clone()).unwrap_or(en),
                    )
                };
                match &cond.kind {
                    ConditionKind::Total { min } => conditions.push(score_condition(
                        "total",
                        None,
                        custom("Nilai total".into(), "Total score".into()),
                        result.total,
                        *min,
                    )),
                    ConditionKind::Node { node, min } => {
                        let n = criteria.node(*node);
                        conditions.push(score_condition(
                            "node",
                            Some(n.key.clone()),
                            custom(
                                n.display_name(Lang::Id).to_string(),
                                n.display_name(Lang::En).to_string(),
                            ),
                            result.node(*node).score,
                            *min,
                        ))
                    }
                    ConditionKind::Item { item, min } => {
                        let it = criteria.item(*item);
                        conditions.push(score_condition(
                            "item",
                            Some(it.key.clone()),
                            custom(
                                it.display_text(Lang::Id).to_string(),
                                it.display_text(Lang::En).to_string(),
                            ),
                            result.item(*item).points,
                            *min,
                        ))
                    }
                    ConditionKind::Areas { min_percent } => {
                        for (a, s) in criteria.areas.iter().zip(&result.areas) {
                            let threshold = a.weight * min_percent / 100.0;
                            let mut c = score_condition(
                                "area",
                                Some(a.key.clone()),
                                (
                                    format!(
                                        "Area {} (≥ {}% bobot)",
                                        a.display_name(Lang::Id),
                                        crate::lang::fmt_plain(*min_percent, Lang::Id)
                                    ),
                                    format!(
                                        "Area {} (≥ {}% of weight)",
                                        a.display_name(Lang::En),
                                        crate::lang::fmt_plain(*min_percent, Lang::En)
                                    ),
                                ),
                                s.score,
                                threshold,
                            );
                            c.threshold_percent = Some(*min_percent);
                            c.value_percent = Some(percent(s.score, a.weight));
                            conditions.push(c);
                        }
                    }
                    ConditionKind::Prior { predicate } => {
                        let prior = &criteria.predicates[*predicate];
                        let held = options.prior.get(&prior.key).copied();
                        let (id, en) = custom(
                            format!("Sudah memperoleh predikat {}", prior.display_name(Lang::Id)),
                            format!("Already holds {}", prior.display_name(Lang::En)),
                        );
                        conditions.push(ConditionResult {
                            kind: "prior",
                            key: Some(prior.key.clone()),
                            label_id: id,
                            label_en: en,
                            value: None,
                            threshold: None,
                            threshold_percent: None,
                            value_percent: None,
                            passed: held,
                            margin: None,
                        });
                    }
                }
            }
            let any_failed = conditions.iter().any(|c| c.passed == Some(false));
            let any_unknown = conditions.iter().any(|c| c.passed.is_none());
            let status = if any_failed {
                PredicateStatus::NotMet
            } else if any_unknown {
                PredicateStatus::ScoresMetPriorUnknown
            } else {
                PredicateStatus::Met
            };
            PredicateResult {
                key: p.key.clone(),
                name_id: p.display_name(Lang::Id).to_string(),
                name_en: p.display_name(Lang::En).to_string(),
                status,
                conditions,
            }
        })
        .collect()
}
