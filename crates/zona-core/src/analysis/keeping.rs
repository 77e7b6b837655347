//! Keeping a predicate: a unit that holds Menuju WBK or WBBM shows every two years, through its
//! TPI's internal assessment, that it still meets it ("masih memenuhi" / "tidak memenuhi", with
//! pengungkit and hasil; PermenPANRB 90/2021 Lampiran II Bab IV).
//!
//! [`assess`] reads one scored result against the predicate held: the verdict, and every score
//! condition with its margin, those whose margin is thin (below a share of their threshold, 2 % by
//! default) called out. [`trend`] follows each condition's margin over a holder's years and names
//! the year from which the margin kept shrinking. Pure: scored results in, data out.
//!
//! The predicate held is the unit's: its `prior` conditions (WBBM requires WBK) are taken as met,
//! since holding WBBM means WBK was held before it.

use crate::scoring::predicate::{ConditionResult, ConditionTarget};
use crate::scoring::ScoreResult;

/// The share of a threshold below which a margin is thin, by default (2 %).
pub const DEFAULT_THIN_SHARE: f64 = 0.02;

/// One score condition of the predicate held.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptCondition {
    /// Index into the predicate's conditions.
    pub condition: usize,
    pub target: ConditionTarget,
    pub key: Option<String>,
    pub label_id: String,
    pub label_en: String,
    pub value: f64,
    pub threshold: f64,
    /// `value − threshold`.
    pub margin: f64,
    pub passed: bool,
    /// Met, but by less than the thin share of its threshold.
    pub thin: bool,
    /// Decimals to show the value and margin with (the condition's
    /// [`crate::predicate::ConditionResult::shown_decimals`]).
    pub decimals: usize,
}

impl KeptCondition {
    /// Decimals to show the value and margin with.
    pub fn decimals(&self) -> usize {
        self.decimals
    }
}

/// The internal assessment's result for the predicate held.
#[derive(Debug, Clone, PartialEq)]
pub struct Keeping {
    /// Index into [`ScoreResult::predicates`].
    pub predicate: usize,
    /// "masih memenuhi" (true) or "tidak memenuhi": every score condition met.
    pub still_meets: bool,
    pub conditions: Vec<KeptCondition>,
    /// The share of a threshold below which a margin counts as thin.
    pub thin_share: f64,
    /// The year the predicate was awarded, when the source states it ([`assess`] leaves it None;
    /// the pipeline fills it in from the unit's facts).
    pub awarded_year: Option<i32>,
}

impl Keeping {
    /// The conditions not met.
    pub fn failing(&self) -> impl Iterator<Item = &KeptCondition> {
        self.conditions.iter().filter(|c| !c.passed)
    }

    /// The conditions met by a thin margin.
    pub fn thin(&self) -> impl Iterator<Item = &KeptCondition> {
        self.conditions.iter().filter(|c| c.thin)
    }
}

fn kept(i: usize, c: &ConditionResult, thin_share: f64) -> Option<KeptCondition> {
    if matches!(c.target, ConditionTarget::Prior(_)) {
        return None;
    }
    let (value, threshold) = (c.value?, c.threshold?);
    let passed = c.passed == Some(true);
    let margin = value - threshold;
    Some(KeptCondition {
        condition: i,
        target: c.target,
        key: c.key.clone(),
        label_id: c.label_id.clone(),
        label_en: c.label_en.clone(),
        value,
        threshold,
        margin,
        passed,
        thin: passed && margin < thin_share * threshold.abs(),
        decimals: c.decimals(),
    })
}

/// The keeping verdict of `result` for the predicate held (`held`, an index into
/// [`ScoreResult::predicates`]); None when there is no such predicate.
pub fn assess(result: &ScoreResult, held: usize, thin_share: f64) -> Option<Keeping> {
    let p = result.predicates.get(held)?;
    let conditions: Vec<KeptCondition> = p
        .conditions
        .iter()
        .enumerate()
        .filter_map(|(i, c)| kept(i, c, thin_share))
        .collect();
    Some(Keeping {
        predicate: held,
        still_meets: conditions.iter().all(|c| c.passed),
        conditions,
        thin_share,
        awarded_year: None,
    })
}

/// One condition's margin over the years.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginTrend {
    pub condition: usize,
    pub label_id: String,
    pub label_en: String,
    /// The margin in each year (None where the condition could not be scored).
    pub margins: Vec<Option<f64>>,
    /// The column (year) from which the margin shrank every year to the last: None when the last
    /// margin is not below the one before it.
    pub shrinking_since: Option<usize>,
}

/// Each score condition's margin over a holder's years (`years`: one scored result a year, in
/// order, all of the same criteria) for the predicate at index `held`.
pub fn trend(years: &[&ScoreResult], held: usize) -> Vec<MarginTrend> {
    let Some(first) = years.first().and_then(|r| r.predicates.get(held)) else {
        return Vec::new();
    };
    first
        .conditions
        .iter()
        .enumerate()
        .filter(|(_, c)| !matches!(c.target, ConditionTarget::Prior(_)))
        .map(|(i, c)| {
            let margins: Vec<Option<f64>> = years
                .iter()
                .map(|r| {
                    let c = r.predicates.get(held)?.conditions.get(i)?;
                    Some(c.value? - c.threshold?)
                })
                .collect();
            MarginTrend {
                condition: i,
                label_id: c.label_id.clone(),
                label_en: c.label_en.clone(),
                shrinking_since: shrinking_since(&margins),
                margins,
            }
        })
        .collect()
}

/// The first index of the run of strictly falling margins that ends at the last year.
fn shrinking_since(margins: &[Option<f64>]) -> Option<usize> {
    let n = margins.len();
    let mut start = None;
    for k in (1..n).rev() {
        match (margins[k - 1], margins[k]) {
            (Some(a), Some(b)) if b < a - 1e-9 => start = Some(k),
            _ => break,
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::answer::AnswerSet;
    use crate::criteria::load::load_str;
    use crate::scoring::{score, ScoreOptions};

    const CRITERIA: &str = r#"
[criteria]
id = "uji"
name = "Kriteria uji"

[scales.idx]
name = "Nilai (0-4)"
index_max = 4.0

[[node]]
key = "h"
name = "H"
weight = 10.0
role = "hasil"

[[item]]
key = "h.a"
parent = "h"
text = "A"
answer = "idx"
weight = 10.0
outcome = true

[[predicate]]
key = "wbk"
name = "Menuju WBK"
conditions = [{ kind = "total", min = 8.0 }]

[[predicate]]
key = "wbbm"
name = "Menuju WBBM"
conditions = [{ kind = "prior", predicate = "wbk" }, { kind = "total", min = 9.0 }]
"#;

    fn scored(index: f64) -> ScoreResult {
        let c = load_str(CRITERIA, "uji.toml").expect("valid");
        let mut a = AnswerSet::empty(&c);
        let cell = crate::answers::cell::Cell::new(
            crate::answers::cell::RawValue::Number(index),
            crate::answers::cell::Location::default(),
        );
        a.set(
            crate::criteria::ItemId(0),
            crate::answers::answer::ItemAnswer {
                answer: Some(cell),
                ..Default::default()
            },
        );
        score(&c, &a, &ScoreOptions::default())
    }

    #[test]
    fn still_meets_with_a_thin_margin_called_out() {
        // 3.22 / 4 × 10 = 8.05: meets 8 by 0.05 < 2 % of 8 (0.16).
        let k = assess(&scored(3.22), 0, DEFAULT_THIN_SHARE).unwrap();
        assert!(k.still_meets);
        assert_eq!(k.thin().count(), 1);
        // 3.6 → 9: margin 1, not thin.
        let k = assess(&scored(3.6), 0, DEFAULT_THIN_SHARE).unwrap();
        assert!(k.still_meets && k.thin().count() == 0);
    }

    #[test]
    fn no_longer_meets_and_the_prior_of_the_held_predicate_is_not_asked() {
        // WBBM held, total 8.5 < 9; its prior (WBK) is not a keeping condition.
        let k = assess(&scored(3.4), 1, DEFAULT_THIN_SHARE).unwrap();
        assert!(!k.still_meets);
        assert_eq!(k.conditions.len(), 1);
        assert_eq!(k.failing().count(), 1);
        assert!(assess(&scored(3.4), 5, DEFAULT_THIN_SHARE).is_none());
    }

    #[test]
    fn trend_names_the_year_the_margin_started_to_shrink() {
        let years = [scored(3.2), scored(3.8), scored(3.6), scored(3.4)];
        let refs: Vec<&ScoreResult> = years.iter().collect();
        let t = trend(&refs, 0);
        assert_eq!(t.len(), 1);
        // Margins 0, 1.5, 1, 0.5: shrinking from the third year (index 2) on.
        assert_eq!(t[0].shrinking_since, Some(2));
        let growing = [scored(3.2), scored(3.4)];
        let refs: Vec<&ScoreResult> = growing.iter().collect();
        assert_eq!(trend(&refs, 0)[0].shrinking_since, None);
    }
}
