//! Invariants over random answers: every node's score lies within 0 and its weight; raising any
//! answer never lowers any score; the unanswered policy never scores less than counting zero.

mod common;

use common::*;
use proptest::prelude::*;
use zona_core::answer::RawValue;
use zona_core::criteria::{Formula, ScaleKind};
use zona_core::{score, AnswerKind, AnswerSet, Criteria, ScoreOptions, UnansweredPolicy};

/// A choice of answer per item: None (blank) or a "level" in 0..=100 mapped onto the item's type.
fn answers_strategy(n: usize) -> impl Strategy<Value = Vec<Option<u8>>> {
    proptest::collection::vec(proptest::option::weighted(0.85, 0u8..=100), n)
}

/// Builds answers where a higher level never means a lower value.
fn build(c: &Criteria, levels: &[Option<u8>]) -> AnswerSet {
    let mut set = AnswerSet::empty(c);
    for (item, level) in c.items.iter().zip(levels) {
        let Some(level) = *level else { continue };
        let l = level as f64 / 100.0;
        match &item.answer {
            AnswerKind::Choice(s) => {
                let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
                    unreachable!()
                };
                let mut sorted: Vec<_> = opts.iter().collect();
                sorted.sort_by(|a, b| a.value.total_cmp(&b.value));
                let idx = ((l * (sorted.len() - 1) as f64).round() as usize).min(sorted.len() - 1);
                answer(&mut set, c, &item.key, text(&sorted[idx].code));
            }
            AnswerKind::Index { max, .. } => answer(
                &mut set,
                c,
                &item.key,
                num((l * max * 100.0).round() / 100.0),
            ),
            AnswerKind::Ratio(r) => {
                let mut vals: Vec<(&str, RawValue)> = Vec::new();
                match r.formula {
                    Formula::Share { done, required } => {
                        let req_parts = &r.inputs[required].sum_of;
                        let required_total = 20.0;
                        for (i, inp) in r.inputs.iter().enumerate() {
                            if !inp.sum_of.is_empty() {
                                continue;
                            }
                            let v = if i == done {
                                (l * required_total).round()
                            } else if req_parts.contains(&i) {
                                // Split the required total over the parts: 20 = 10 + 5 + 5.
                                match req_parts.iter().position(|p| *p == i) {
                                    Some(0) => 10.0,
                                    _ => (10.0 / (req_parts.len() - 1) as f64).floor(),
                                }
                            } else if i == required {
                                required_total
                            } else {
                                0.0
                            };
                            vals.push((inp.key.as_str(), num(v)));
                        }
                    }
                    Formula::Reduction { previous, current } => {
                        for (i, inp) in r.inputs.iter().enumerate() {
                            let v = if i == previous {
                                10.0
                            } else if i == current {
                                ((1.0 - l) * 10.0).round()
                            } else {
                                0.0
                            };
                            vals.push((inp.key.as_str(), num(v)));
                        }
                    }
                }
                counts(&mut set, c, &item.key, &vals);
            }
        }
    }
    set
}

fn criteria() -> Criteria {
    zona_core::default_criteria()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_score_lies_within_0_and_its_weight(levels in answers_strategy(113), exclude in any::<bool>()) {
        let c = criteria();
        let options = ScoreOptions {
            unanswered: if exclude { UnansweredPolicy::Exclude } else { UnansweredPolicy::Zero },
            ..Default::default()
        };
        let r = score(&c, &build(&c, &levels), &options);
        for (n, s) in c.nodes.iter().zip(&r.nodes) {
            prop_assert!(s.score >= -1e-12 && s.score <= n.weight + 1e-9, "{} = {} of {}", n.key, s.score, n.weight);
        }
        for (a, s) in c.areas.iter().zip(&r.areas) {
            prop_assert!(s.score >= -1e-12 && s.score <= a.weight + 1e-9, "{}", a.key);
        }
        for s in &r.items {
            prop_assert!(s.points >= -1e-12 && s.points <= s.max_points * 1.0 + 1e-9 || exclude);
            if let Some(v) = s.value {
                prop_assert!((0.0..=1.0).contains(&v));
            }
        }
        prop_assert!(r.total >= 0.0 && r.total <= 100.0 + 1e-9);
    }

    #[test]
    fn raising_any_answer_never_lowers_any_score(
        levels in answers_strategy(113),
        which in 0usize..113,
        raise in 1u8..=100,
    ) {
        let c = criteria();
        prop_assume!(levels.len() == c.items.len());
        let before = score(&c, &build(&c, &levels), &ScoreOptions::default());
        let mut raised = levels.clone();
        raised[which] = Some(levels[which].map_or(raise, |l| l.saturating_add(raise).min(100)));
        let after = score(&c, &build(&c, &raised), &ScoreOptions::default());
        for (i, (b, a)) in before.nodes.iter().zip(&after.nodes).enumerate() {
            prop_assert!(a.score >= b.score - 1e-9, "node {} fell from {} to {}", c.nodes[i].key, b.score, a.score);
        }
        prop_assert!(after.total >= before.total - 1e-9);
    }

    #[test]
    fn leaving_unanswered_items_out_never_scores_less_than_counting_them_zero(levels in answers_strategy(113)) {
        let c = criteria();
        let set = build(&c, &levels);
        let zero = score(&c, &set, &ScoreOptions::default());
        let exclude = score(&c, &set, &ScoreOptions { unanswered: UnansweredPolicy::Exclude, ..Default::default() });
        prop_assert!(exclude.total >= zero.total - 1e-9);
    }
}

#[test]
fn the_item_count_used_by_the_strategies_matches_the_criteria() {
    assert_eq!(criteria().items.len(), 113);
}
