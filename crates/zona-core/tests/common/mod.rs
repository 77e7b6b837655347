//! Helpers shared by the core tests: building answer sets by item key.

#![allow(dead_code)]

use zona_core::answer::{Cell, ItemAnswer, Location, RawValue};
use zona_core::{AnswerKind, AnswerSet, Criteria};

pub fn text(s: &str) -> RawValue {
    RawValue::Text(s.to_string())
}

pub fn num(n: f64) -> RawValue {
    RawValue::Number(n)
}

fn loc(cell: &str) -> Location {
    Location {
        file: Some("test.xlsx".into()),
        sheet: Some("LKE ZI".into()),
        cell: Some(cell.to_string()),
    }
}

/// Sets a choice or index answer.
pub fn answer(set: &mut AnswerSet, c: &Criteria, key: &str, value: RawValue) {
    let id = c
        .item_by_key(key)
        .unwrap_or_else(|| panic!("no item {key}"));
    set.set(
        id,
        ItemAnswer {
            answer: Some(Cell::new(value, loc(&format!("K{}", id.0 + 10)))),
            location: loc(&format!("K{}", id.0 + 10)),
            ..Default::default()
        },
    );
}

/// Sets the count inputs of a ratio item by input key (inputs not named are left blank).
pub fn counts(set: &mut AnswerSet, c: &Criteria, key: &str, values: &[(&str, RawValue)]) {
    let id = c
        .item_by_key(key)
        .unwrap_or_else(|| panic!("no item {key}"));
    let AnswerKind::Ratio(ratio) = &c.item(id).answer else {
        panic!("{key} is not a ratio item")
    };
    let inputs = ratio
        .inputs
        .iter()
        .enumerate()
        .map(|(i, inp)| {
            values
                .iter()
                .find(|(k, _)| *k == inp.key)
                .map(|(_, v)| Cell::new(v.clone(), loc(&format!("K{}", 500 + i))))
        })
        .collect();
    set.set(
        id,
        ItemAnswer {
            inputs,
            location: loc("K499"),
            ..Default::default()
        },
    );
}

/// Every choice item answered with its best option, every index at its maximum, every ratio full.
pub fn all_best(c: &Criteria) -> AnswerSet {
    let mut set = AnswerSet::empty(c);
    for item in &c.items {
        match &item.answer {
            AnswerKind::Choice(s) => {
                let zona_core::criteria::ScaleKind::Choice(opts) = &c.scales[*s].kind else {
                    unreachable!()
                };
                let best = opts
                    .iter()
                    .max_by(|a, b| a.value.total_cmp(&b.value))
                    .unwrap();
                answer(&mut set, c, &item.key, text(&best.code));
            }
            AnswerKind::Index { max, .. } => answer(&mut set, c, &item.key, num(*max)),
            AnswerKind::Ratio(r) => {
                use zona_core::criteria::Formula;
                let value = |i: usize| -> f64 {
                    match r.formula {
                        // previous = current = 0 scores 1.0.
                        Formula::Reduction { .. } => 0.0,
                        // done = required (a summed required counts its parts).
                        Formula::Share { done, required } if i == done => {
                            r.inputs[required].sum_of.len().max(1) as f64
                        }
                        Formula::Share { .. } => 1.0,
                    }
                };
                let vals: Vec<(&str, RawValue)> = r
                    .inputs
                    .iter()
                    .enumerate()
                    .map(|(i, inp)| (inp.key.as_str(), num(value(i))))
                    .collect();
                counts(&mut set, c, &item.key, &vals);
            }
        }
    }
    set
}

pub const EPS: f64 = 1e-9;

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}
