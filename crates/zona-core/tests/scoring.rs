//! Item values, ratio formulas and their edge cases, aggregation and the unanswered policy, as
//! scoring-rules.md says.

mod common;

use common::*;
use zona_core::answer::RawValue;
use zona_core::{
    score, AnswerSet, Criteria, ItemStatus, Lang, ScoreOptions, ScoreResult, Severity,
    UnansweredPolicy,
};

fn mini() -> Criteria {
    zona_core::load_str(include_str!("data/mini.toml"), "mini.toml").expect("mini criteria load")
}

fn value_of(c: &Criteria, set: &AnswerSet, key: &str) -> Option<f64> {
    let r = score(c, set, &ScoreOptions::default());
    r.item(c.item_by_key(key).unwrap()).value
}

/// Diagnostic codes about one item.
fn codes_for(r: &ScoreResult, key: &str) -> Vec<&'static str> {
    r.diagnostics
        .iter()
        .filter(|d| d.item.as_deref() == Some(key))
        .map(zona_core::Diagnostic::code)
        .collect()
}

fn scored(c: &Criteria, set: &AnswerSet) -> ScoreResult {
    score(c, set, &ScoreOptions::default())
}

fn choice_value(key: &str, answer_text: &str) -> Option<f64> {
    let c = mini();
    let mut set = AnswerSet::empty(&c);
    answer(&mut set, &c, key, text(answer_text));
    value_of(&c, &set, key)
}

#[test]
fn ya_tidak_values() {
    assert_eq!(choice_value("yt", "Ya"), Some(1.0));
    assert_eq!(choice_value("yt", "Tidak"), Some(0.0));
}

#[test]
fn abc_values() {
    assert_eq!(choice_value("abc", "A"), Some(1.0));
    assert_eq!(choice_value("abc", "B"), Some(0.5));
    assert_eq!(choice_value("abc", "C"), Some(0.0));
}

#[test]
fn abcd_values_are_the_official_truncated_ones() {
    assert_eq!(choice_value("abcd", "A"), Some(1.0));
    assert_eq!(choice_value("abcd", "B"), Some(0.67));
    assert_eq!(choice_value("abcd", "C"), Some(0.33));
    assert_eq!(choice_value("abcd", "D"), Some(0.0));
}

#[test]
fn abcde_values() {
    for (a, v) in [("A", 1.0), ("B", 0.75), ("C", 0.5), ("D", 0.25), ("E", 0.0)] {
        assert_eq!(choice_value("abcde", a), Some(v), "answer {a}");
    }
}

#[test]
fn answers_are_read_forgivingly() {
    assert_eq!(choice_value("yt", " ya"), Some(1.0));
    assert_eq!(choice_value("yt", "YA"), Some(1.0));
    assert_eq!(choice_value("yt", "tidak "), Some(0.0));
    assert_eq!(choice_value("abcd", "a"), Some(1.0));
    assert_eq!(choice_value("abcd", "A."), Some(1.0));
    assert_eq!(choice_value("abcd", "b)"), Some(0.67));
}

#[test]
fn an_answer_outside_the_options_is_invalid_and_reported_with_its_cell() {
    let c = mini();
    let mut set = AnswerSet::empty(&c);
    answer(&mut set, &c, "abcd", text("F"));
    answer(&mut set, &c, "yt", text("Iya"));
    let r = scored(&c, &set);
    for key in ["abcd", "yt"] {
        let it = r.item(c.item_by_key(key).unwrap());
        assert_eq!(it.status, ItemStatus::Invalid, "{key}");
        assert_eq!(it.value, None);
    }
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.item.as_deref() == Some("abcd") && d.code() == "invalid_choice")
        .expect("diagnostic for abcd");
    let id = c.item_by_key("abcd").unwrap().0;
    assert_eq!(
        d.location.as_ref().unwrap().sheet_cell(),
        format!("LKE ZI!K{}", id + 10)
    );
    assert_eq!(
        d.message(zona_core::Lang::Id),
        "jawaban \"F\" bukan salah satu pilihan (A/B/C/D); item dihitung belum dijawab"
    );
    assert_eq!(
        d.message(zona_core::Lang::En),
        "answer \"F\" is not one of the options (A/B/C/D); the item counts as unanswered"
    );
}

#[test]
fn survey_index_is_divided_by_its_maximum_and_accepts_a_decimal_comma() {
    let c = mini();
    for (raw, expected) in [
        (num(3.45), 3.45 / 4.0),
        (text("3,45"), 3.45 / 4.0),
        (text("3.45"), 3.45 / 4.0),
        (num(4.0), 1.0),
        (num(0.0), 0.0),
    ] {
        let mut set = AnswerSet::empty(&c);
        answer(&mut set, &c, "ipak", raw.clone());
        let r = scored(&c, &set);
        let it = r.item(c.item_by_key("ipak").unwrap());
        assert!(close(it.value.unwrap(), expected), "{raw:?}");
        assert!(close(it.points, expected * 10.0));
    }
}

#[test]
fn survey_index_outside_0_4_is_invalid() {
    let c = mini();
    for raw in [num(4.01), num(-0.5), text("4,5")] {
        let mut set = AnswerSet::empty(&c);
        answer(&mut set, &c, "ipak", raw.clone());
        let r = scored(&c, &set);
        assert_eq!(
            r.item(c.item_by_key("ipak").unwrap()).status,
            ItemStatus::Invalid,
            "{raw:?}"
        );
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.code() == "index_out_of_range"));
    }
}

fn share(
    harus: RawValue,
    proses: RawValue,
    selesai: RawValue,
) -> (Option<f64>, ItemStatus, Vec<&'static str>) {
    let c = mini();
    let mut set = AnswerSet::empty(&c);
    counts(
        &mut set,
        &c,
        "share",
        &[("harus", harus), ("proses", proses), ("selesai", selesai)],
    );
    let r = scored(&c, &set);
    let it = r.item(c.item_by_key("share").unwrap()).clone();
    (it.value, it.status, codes_for(&r, "share"))
}

#[test]
fn share_is_done_over_required() {
    let (v, s, d) = share(num(6.0), num(1.0), num(1.0));
    assert!(close(v.unwrap(), 1.0 / 6.0));
    assert_eq!(s, ItemStatus::Answered);
    assert!(d.is_empty());
}

#[test]
fn share_with_nothing_owed_is_full() {
    let (v, _, d) = share(num(0.0), num(0.0), num(0.0));
    assert_eq!(v, Some(1.0));
    assert!(d.is_empty());
}

#[test]
fn share_with_nothing_required_but_something_done_is_inconsistent() {
    let (v, s, d) = share(num(0.0), num(0.0), num(3.0));
    assert_eq!(v, None);
    assert_eq!(s, ItemStatus::Unanswered);
    assert_eq!(d, vec!["inconsistent_counts"]);
}

/// scoring-rules.md: `required = 0, done > 0` → inconsistent input: reported, item unanswered. The
/// counts are valid counts, so the item is not invalid: a warning, status unanswered, and it
/// scores exactly as if it were left blank, under both policies.
#[test]
fn nothing_owed_but_something_done_counts_as_unanswered_under_both_policies() {
    let c = mini();
    let share_id = c.item_by_key("share").unwrap();
    let ratios = c.node_by_key("p.a1.ratios").unwrap();
    let mut blank = AnswerSet::empty(&c);
    // reduction 2 → 1: 0.5; summed 1 of 1: 1.
    counts(
        &mut blank,
        &c,
        "reduction",
        &[("lalu", num(2.0)), ("kini", num(1.0))],
    );
    counts(
        &mut blank,
        &c,
        "summed",
        &[
            ("x", num(1.0)),
            ("y", num(0.0)),
            ("z", num(0.0)),
            ("sudah", num(1.0)),
        ],
    );
    let mut inconsistent = blank.clone();
    counts(
        &mut inconsistent,
        &c,
        "share",
        &[
            ("harus", num(0.0)),
            ("proses", num(0.0)),
            ("selesai", num(3.0)),
        ],
    );
    for (policy, expected) in [
        // (0 + 0.5 + 1) / 3 × 6 and (0.5 + 1) / 2 × 6: the share item is out of the mean.
        (UnansweredPolicy::Zero, 3.0),
        (UnansweredPolicy::Exclude, 4.5),
    ] {
        let options = ScoreOptions {
            unanswered: policy,
            ..Default::default()
        };
        let r = score(&c, &inconsistent, &options);
        let it = r.item(share_id);
        assert_eq!(it.status, ItemStatus::Unanswered, "{policy:?}");
        assert_eq!(it.value, None, "{policy:?}");
        assert_eq!(it.points, 0.0, "{policy:?}");
        assert_eq!(r.count_status(ItemStatus::Invalid), 0, "{policy:?}");
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.item.as_deref() == Some("share"))
            .expect("reported");
        assert_eq!(d.code(), "inconsistent_counts");
        assert_eq!(d.severity, Severity::Warning);
        assert!(!d.is_invalid_input());
        assert!(d
            .message(Lang::En)
            .ends_with("the item counts as unanswered"));

        let left_blank = score(&c, &blank, &options);
        assert!(close(r.node(ratios).score, expected), "{policy:?}");
        assert_eq!(r.node(ratios), left_blank.node(ratios), "{policy:?}");
        assert_eq!(r.total, left_blank.total, "{policy:?}");
        assert_eq!(
            r.count_status(ItemStatus::Unanswered),
            left_blank.count_status(ItemStatus::Unanswered)
        );
    }
}

#[test]
fn share_above_required_is_capped_with_a_warning() {
    let (v, s, d) = share(num(4.0), num(0.0), num(5.0));
    assert_eq!(v, Some(1.0));
    assert_eq!(s, ItemStatus::Answered);
    assert_eq!(d, vec!["ratio_capped"]);
}

#[test]
fn an_unused_input_is_still_required() {
    let (v, s, d) = share(num(6.0), RawValue::Empty, num(6.0));
    assert_eq!(v, None);
    assert_eq!(s, ItemStatus::Unanswered);
    assert_eq!(d, vec!["input_missing"]);
}

#[test]
fn counts_must_be_whole_and_non_negative_numbers() {
    assert_eq!(
        share(num(6.0), num(0.0), num(2.5)).2,
        vec!["count_not_whole"]
    );
    assert_eq!(
        share(num(-1.0), num(0.0), num(0.0)).2,
        vec!["count_negative"]
    );
    assert_eq!(
        share(text("enam"), num(0.0), num(0.0)).2,
        vec!["not_a_number"]
    );
    assert_eq!(share(num(6.0), num(0.0), num(2.5)).1, ItemStatus::Invalid);
    // Numbers typed as text are numbers.
    let (v, s, _) = share(text("6"), text("0"), text("3"));
    assert_eq!((v, s), (Some(0.5), ItemStatus::Answered));
}

fn reduction(lalu: f64, kini: f64) -> (Option<f64>, Vec<&'static str>) {
    let c = mini();
    let mut set = AnswerSet::empty(&c);
    counts(
        &mut set,
        &c,
        "reduction",
        &[("lalu", num(lalu)), ("kini", num(kini))],
    );
    let r = scored(&c, &set);
    (
        r.item(c.item_by_key("reduction").unwrap()).value,
        codes_for(&r, "reduction"),
    )
}

#[test]
fn reduction_edge_cases() {
    assert_eq!(reduction(0.0, 0.0), (Some(1.0), vec![]));
    assert_eq!(reduction(4.0, 1.0), (Some(0.75), vec![]));
    assert_eq!(reduction(4.0, 4.0), (Some(0.0), vec![]));
    // More violations than last year: never below 0.
    assert_eq!(reduction(2.0, 5.0), (Some(0.0), vec![]));
    // From 0 to some: 0 with a note (the workbook shows #DIV/0!).
    assert_eq!(
        reduction(0.0, 3.0),
        (Some(0.0), vec!["reduction_from_zero"])
    );
}

#[test]
fn a_summed_denominator_is_computed_from_its_parts_and_wins_over_a_typed_total() {
    let c = mini();
    let mut set = AnswerSet::empty(&c);
    counts(
        &mut set,
        &c,
        "summed",
        &[
            ("wajib", num(12.0)),
            ("x", num(0.0)),
            ("y", num(1.0)),
            ("z", num(12.0)),
            ("sudah", num(12.0)),
        ],
    );
    let r = scored(&c, &set);
    let it = r.item(c.item_by_key("summed").unwrap());
    assert!(close(it.value.unwrap(), 12.0 / 13.0));
    assert_eq!(it.counts[0], Some(13.0));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code() == "sum_mismatch")
        .expect("sum mismatch");
    assert_eq!(
        d.message(zona_core::Lang::En),
        "\"Jumlah yang harus melaporkan\" typed as 12 but its parts add up to 13; using 13"
    );
    // Without a typed total: the parts alone.
    let mut set = AnswerSet::empty(&c);
    counts(
        &mut set,
        &c,
        "summed",
        &[
            ("x", num(1.0)),
            ("y", num(1.0)),
            ("z", num(13.0)),
            ("sudah", num(13.0)),
        ],
    );
    let r = scored(&c, &set);
    assert!(close(
        r.item(c.item_by_key("summed").unwrap()).value.unwrap(),
        13.0 / 15.0
    ));
    assert!(codes_for(&r, "summed").is_empty());
}

#[test]
fn error_cells_dates_and_formulas_without_values_are_invalid_input() {
    let c = mini();
    for (raw, code) in [
        (RawValue::Error("#REF!".into()), "error_value"),
        (RawValue::Date("2024-01-01".into()), "date_value"),
        (
            RawValue::FormulaWithoutValue("IF(A1>1,\"A\",\"B\")".into()),
            "formula_without_value",
        ),
    ] {
        let mut set = AnswerSet::empty(&c);
        answer(&mut set, &c, "abc", raw);
        let r = scored(&c, &set);
        assert_eq!(
            r.item(c.item_by_key("abc").unwrap()).status,
            ItemStatus::Invalid
        );
        assert_eq!(codes_for(&r, "abc"), vec![code]);
    }
}

#[test]
fn sub_area_is_the_mean_of_its_items_times_its_weight() {
    let c = mini();
    let mut set = AnswerSet::empty(&c);
    answer(&mut set, &c, "yt", text("Ya")); // 1
    answer(&mut set, &c, "abc", text("B")); // 0.5
    answer(&mut set, &c, "abcd", text("C")); // 0.33
    answer(&mut set, &c, "abcde", text("D")); // 0.25
    let r = scored(&c, &set);
    let choices = r.node(c.node_by_key("p.a1.choices").unwrap()).score;
    assert!(close(choices, (1.0 + 0.5 + 0.33 + 0.25) / 4.0 * 4.0)); // 2.08
                                                                    // The ratios sub-area is empty: 0; the area and root are sums.
    assert!(close(r.node(c.node_by_key("p").unwrap()).score, 2.08));
    assert!(close(r.areas[0].score, 2.08));
    assert!(close(r.total, 2.08));
}

#[test]
fn unanswered_items_count_zero_by_default_and_are_left_out_on_request() {
    let c = mini();
    let mut set = AnswerSet::empty(&c);
    answer(&mut set, &c, "yt", text("Ya"));
    answer(&mut set, &c, "abc", text("B"));
    let zero = score(&c, &set, &ScoreOptions::default());
    assert!(close(
        zero.node(c.node_by_key("p.a1.choices").unwrap()).score,
        1.5 / 4.0 * 4.0
    ));
    assert_eq!(zero.count_status(ItemStatus::Unanswered), 6);
    let exclude = score(
        &c,
        &set,
        &ScoreOptions {
            unanswered: UnansweredPolicy::Exclude,
            ..Default::default()
        },
    );
    assert!(close(
        exclude.node(c.node_by_key("p.a1.choices").unwrap()).score,
        1.5 / 2.0 * 4.0
    ));
    // A sub-area with no answers scores 0 in both policies.
    assert!(close(
        exclude.node(c.node_by_key("p.a1.ratios").unwrap()).score,
        0.0
    ));
}

#[test]
fn the_90_2021_criteria_with_every_best_answer_score_100() {
    let c = zona_core::default_criteria();
    let r = scored(&c, &all_best(&c));
    assert!(close(r.total, 100.0), "total {}", r.total);
    assert_eq!(r.count_status(ItemStatus::Answered), c.items.len());
    assert!(r.predicates.iter().find(|p| p.key == "wbk").unwrap().met());
}

/// The one aggregation rule: what `Criteria::aggregation` says of each node, and the functions the
/// analyses and the template use, agree with `score` to the bit under both policies.
#[test]
fn the_aggregation_rule_is_the_one_score_uses() {
    use zona_core::criteria::Aggregation;
    use zona_core::scoring::aggregate::{answered_items, item_points, item_share, items_score};
    let c = zona_core::default_criteria();
    let kind = |k: &str| c.aggregation(c.node_by_key(k).unwrap());
    assert_eq!(kind("pengungkit"), Aggregation::Sum);
    assert_eq!(kind("pemenuhan.mp.tim_kerja"), Aggregation::Mean);
    assert_eq!(kind("hasil.bersih"), Aggregation::Weighted);

    // Half the items answered (varied), half left blank.
    let full = all_best(&c);
    let mut set = AnswerSet::empty(&c);
    for (i, a) in full.items.iter().enumerate() {
        if i % 2 == 0 {
            set.items[i] = a.clone();
        }
    }
    answer(&mut set, &c, "pemenuhan.mp.tim_kerja.b", text("C"));
    for policy in [UnansweredPolicy::Zero, UnansweredPolicy::Exclude] {
        let r = score(
            &c,
            &set,
            &ScoreOptions {
                unanswered: policy,
                ..Default::default()
            },
        );
        let value = |i: zona_core::ItemId| r.item(i).value;
        for (n, node) in c.nodes.iter().enumerate() {
            let id = zona_core::NodeId(n);
            match c.aggregation(id) {
                Aggregation::Sum => assert!(node.items.is_empty()),
                _ => {
                    assert_eq!(items_score(&c, id, policy, &value), r.node(id).score);
                    let answered = answered_items(&c, id, &value);
                    for i in &node.items {
                        let share = item_share(&c, *i, policy, answered);
                        assert_eq!(item_points(value(*i), share), r.item(*i).points);
                        if policy == UnansweredPolicy::Zero {
                            assert_eq!(share, c.item_max_points(*i));
                        }
                    }
                }
            }
        }
    }
}
