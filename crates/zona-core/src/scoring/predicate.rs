//! Predicates (Menuju WBK, Menuju WBBM): every condition with its value, threshold, pass/fail and
//! margin.
//!
//! Comparisons allow [`THRESHOLD_TOLERANCE`] so that the two-decimal thresholds the regulation
//! writes compare exactly: an IPAK of 3.60 gives 15.749999… in binary floating point and meets
//! 15.75, while 74.996 stays below 75.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::criteria::{AreaId, ConditionKind, Criteria, ItemId, NodeId};
use crate::lang::{fmt_plain, Lang};

use super::scores::{percent, Scores};

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
            (PredicateStatus::Met, Lang::Id) => "MEMENUHI",
            (PredicateStatus::Met, Lang::En) => "MET",
            (PredicateStatus::NotMet, Lang::Id) => "TIDAK MEMENUHI",
            (PredicateStatus::NotMet, Lang::En) => "NOT MET",
            (PredicateStatus::ScoresMetPriorUnknown, Lang::Id) => "NILAI MEMENUHI*",
            (PredicateStatus::ScoresMetPriorUnknown, Lang::En) => "SCORES MET*",
        }
    }

    /// The status in words. `prior` names the prior predicate that was not stated (its short name,
    /// "WBK"; see [`PredicateResult::status_label`]), shown in parentheses; it is used only by
    /// [`PredicateStatus::ScoresMetPriorUnknown`], and an empty `prior` leaves the parentheses out.
    pub fn label(self, lang: Lang, prior: &str) -> Cow<'static, str> {
        match (self, lang) {
            (PredicateStatus::Met | PredicateStatus::NotMet, _) => {
                Cow::Borrowed(self.short_label(lang))
            }
            (PredicateStatus::ScoresMetPriorUnknown, Lang::Id) if prior.is_empty() => {
                Cow::Borrowed("nilai memenuhi; predikat sebelumnya belum dinyatakan")
            }
            (PredicateStatus::ScoresMetPriorUnknown, Lang::En) if prior.is_empty() => {
                Cow::Borrowed("scores meet it; prior predicate not stated")
            }
            (PredicateStatus::ScoresMetPriorUnknown, Lang::Id) => Cow::Owned(format!(
                "nilai memenuhi; predikat sebelumnya ({prior}) belum dinyatakan"
            )),
            (PredicateStatus::ScoresMetPriorUnknown, Lang::En) => Cow::Owned(format!(
                "scores meet it; prior predicate ({prior}) not stated"
            )),
        }
    }
}

/// What a condition is about: the total, a node, an item, an area, or a prior predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConditionTarget {
    /// The total score.
    Total,
    /// A node's score.
    Node(NodeId),
    /// An item's points.
    Item(ItemId),
    /// An area's score (one result per area of an `areas` condition).
    Area(AreaId),
    /// Holding a prior predicate (index into [`Criteria::predicates`]).
    Prior(usize),
}

impl ConditionTarget {
    /// `total`, `node`, `item`, `area` or `prior` (as JSON prints it).
    pub fn code(self) -> &'static str {
        match self {
            ConditionTarget::Total => "total",
            ConditionTarget::Node(_) => "node",
            ConditionTarget::Item(_) => "item",
            ConditionTarget::Area(_) => "area",
            ConditionTarget::Prior(_) => "prior",
        }
    }
}

/// One condition's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionResult {
    /// What the condition is about (its [`ConditionTarget::code`]: `total`, `node`, `item`, `area`
    /// or `prior`). The ids refer to the criteria the result was scored with; to match conditions
    /// across criteria versions use the code and [`ConditionResult::key`].
    pub target: ConditionTarget,
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
    /// Decimals to show the value and margin with: 2, or more where 2 would show a value that
    /// fails this condition or another on the same value as reaching its threshold
    /// ([`crate::lang::decimals_against`]); the same for every condition on one value.
    pub shown_decimals: usize,
    /// The same for the percentages of an area condition.
    pub shown_percent_decimals: usize,
}

impl ConditionResult {
    /// The target's code: `total`, `node`, `item`, `area` or `prior`.
    pub fn kind(&self) -> &'static str {
        self.target.code()
    }

    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.label_id,
            Lang::En => &self.label_en,
        }
    }

    /// Decimals to show the value and margin with ([`ConditionResult::shown_decimals`]).
    pub fn decimals(&self) -> usize {
        self.shown_decimals
    }

    /// Decimals to show the percentages with ([`ConditionResult::shown_percent_decimals`]).
    pub fn percent_decimals(&self) -> usize {
        self.shown_percent_decimals
    }
}

/// A prior predicate by its short names, for status texts ("prior predicate (WBK) not stated").
#[derive(Debug, Clone, PartialEq)]
pub struct PriorName {
    pub key: String,
    /// [`crate::criteria::Predicate::short_display_name`] in Indonesian and in English.
    pub short_id: String,
    pub short_en: String,
}

impl PriorName {
    pub fn short_name(&self, lang: Lang) -> &str {
        lang.pick(&self.short_id, &self.short_en)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PredicateResult {
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    pub status: PredicateStatus,
    pub conditions: Vec<ConditionResult>,
    /// The prior predicates this one requires whose holding was not stated, in condition order.
    pub unstated_priors: Vec<PriorName>,
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

    /// The status in words, naming the prior predicates that were not stated:
    /// "nilai memenuhi; predikat sebelumnya (WBK) belum dinyatakan".
    pub fn status_label(&self, lang: Lang) -> Cow<'static, str> {
        let names: Vec<&str> = self
            .unstated_priors
            .iter()
            .map(|p| p.short_name(lang))
            .collect();
        self.status.label(lang, &names.join(", "))
    }

    /// The first condition that fails, if any.
    pub fn first_failing(&self) -> Option<&ConditionResult> {
        self.conditions.iter().find(|c| c.passed == Some(false))
    }
}

fn score_condition(
    target: ConditionTarget,
    key: Option<String>,
    labels: (String, String),
    value: f64,
    threshold: f64,
) -> ConditionResult {
    ConditionResult {
        target,
        key,
        label_id: labels.0,
        label_en: labels.1,
        value: Some(value),
        threshold: Some(threshold),
        threshold_percent: None,
        value_percent: None,
        passed: Some(meets(value, threshold)),
        margin: Some(value - threshold),
        shown_decimals: 2,
        shown_percent_decimals: 2,
    }
}

/// Sets [`ConditionResult::shown_decimals`] on every condition: one value (the total, a node, an
/// item, an area) is shown with the same decimals wherever it is compared, enough for each
/// threshold it fails.
fn set_shown_decimals(predicates: &mut [PredicateResult]) {
    let all: Vec<(ConditionTarget, usize, usize)> = predicates
        .iter()
        .flat_map(|p| &p.conditions)
        .map(|c| {
            let failed = c.passed == Some(false);
            let d = |v: Option<f64>, t: Option<f64>| match (v, t) {
                (Some(v), Some(t)) => crate::lang::decimals_against(v, t, failed),
                _ => 2,
            };
            (
                c.target,
                d(c.value, c.threshold),
                d(c.value_percent, c.threshold_percent),
            )
        })
        .collect();
    for c in predicates.iter_mut().flat_map(|p| &mut p.conditions) {
        let same = all.iter().filter(|(t, _, _)| *t == c.target);
        c.shown_decimals = same.clone().map(|x| x.1).max().unwrap_or(2);
        c.shown_percent_decimals = same.map(|x| x.2).max().unwrap_or(2);
    }
}

/// Every predicate of the criteria judged on the scores; `prior` says which predicates the unit is
/// known to hold (true) or not to hold (false), by key.
pub(crate) fn evaluate_predicates(
    criteria: &Criteria,
    result: &Scores,
    prior: &HashMap<String, bool>,
) -> Vec<PredicateResult> {
    let mut predicates: Vec<PredicateResult> = criteria
        .predicates
        .iter()
        .map(|p| {
            let mut conditions = Vec::new();
            let mut unstated_priors = Vec::new();
            for cond in &p.conditions {
                let custom = |id: String, en: String| {
                    (
                        cond.label.clone().unwrap_or(id),
                        cond.label_en.clone().or(cond.label.clone()).unwrap_or(en),
                    )
                };
                match &cond.kind {
                    ConditionKind::Total { min } => conditions.push(score_condition(
                        ConditionTarget::Total,
                        None,
                        custom("Nilai total".into(), "Total score".into()),
                        result.total,
                        *min,
                    )),
                    ConditionKind::Node { node, min } => {
                        let n = criteria.node(*node);
                        conditions.push(score_condition(
                            ConditionTarget::Node(*node),
                            Some(n.key.clone()),
                            custom(
                                n.display_name(Lang::Id).to_string(),
                                n.display_name(Lang::En).to_string(),
                            ),
                            result.node(*node).score,
                            *min,
                        ));
                    }
                    ConditionKind::Item { item, min } => {
                        let it = criteria.item(*item);
                        conditions.push(score_condition(
                            ConditionTarget::Item(*item),
                            Some(it.key.clone()),
                            custom(
                                it.display_text(Lang::Id).to_string(),
                                it.display_text(Lang::En).to_string(),
                            ),
                            result.item(*item).points,
                            *min,
                        ));
                    }
                    ConditionKind::Areas { min_percent } => {
                        for (i, (a, s)) in criteria.areas.iter().zip(&result.areas).enumerate() {
                            let threshold = a.weight * min_percent / 100.0;
                            let mut c = score_condition(
                                ConditionTarget::Area(AreaId(i)),
                                Some(a.key.clone()),
                                (
                                    format!(
                                        "Area {} (≥ {}% bobot)",
                                        a.display_name(Lang::Id),
                                        fmt_plain(*min_percent, Lang::Id)
                                    ),
                                    format!(
                                        "Area {} (≥ {}% of weight)",
                                        a.display_name(Lang::En),
                                        fmt_plain(*min_percent, Lang::En)
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
                        let prior_predicate = &criteria.predicates[*predicate];
                        let held = prior.get(&prior_predicate.key).copied();
                        if held.is_none() {
                            unstated_priors.push(PriorName {
                                key: prior_predicate.key.clone(),
                                short_id: prior_predicate.short_display_name(Lang::Id).to_string(),
                                short_en: prior_predicate.short_display_name(Lang::En).to_string(),
                            });
                        }
                        let (id, en) = custom(
                            format!(
                                "Sudah memperoleh predikat {}",
                                prior_predicate.display_name(Lang::Id)
                            ),
                            format!("Already holds {}", prior_predicate.display_name(Lang::En)),
                        );
                        conditions.push(ConditionResult {
                            target: ConditionTarget::Prior(*predicate),
                            key: Some(prior_predicate.key.clone()),
                            label_id: id,
                            label_en: en,
                            value: None,
                            threshold: None,
                            threshold_percent: None,
                            value_percent: None,
                            passed: held,
                            margin: None,
                            shown_decimals: 2,
                            shown_percent_decimals: 2,
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
                unstated_priors,
            }
        })
        .collect();
    set_shown_decimals(&mut predicates);
    predicates
}
