//! Benchmarks of the pure core: loading the built-in criteria, and scoring one unit.
//! Run: `cargo bench -p zona-core`.

use zona_core::answer::{Cell, ItemAnswer, Location, RawValue};
use zona_core::criteria::{Formula, ScaleKind};
use zona_core::{score, AnswerKind, AnswerSet, Criteria, ScoreOptions};

fn main() {
    divan::main();
}

/// Parsing and validating the 90/2021 criteria (TOML → Criteria).
#[divan::bench]
fn load_criteria_90_2021() -> Criteria {
    zona_core::load_str(
        divan::black_box(zona_core::load::DEFAULT_CRITERIA_TOML),
        "bench",
    )
    .unwrap()
}

/// A fully answered unit with varied answers.
fn answers(c: &Criteria) -> AnswerSet {
    let mut set = AnswerSet::empty(c);
    let loc = Location::default();
    for (i, item) in c.items.iter().enumerate() {
        let cell = |v: RawValue| Some(Cell::new(v, loc.clone()));
        let mut a = ItemAnswer::default();
        match &item.answer {
            AnswerKind::Choice(s) => {
                let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
                    unreachable!()
                };
                a.answer = cell(RawValue::Text(opts[i % opts.len()].code.to_lowercase()));
            }
            AnswerKind::Index { .. } => a.answer = cell(RawValue::Text("3,45".into())),
            AnswerKind::Ratio(r) => {
                a.inputs = r
                    .inputs
                    .iter()
                    .enumerate()
                    .map(|(k, _)| match r.formula {
                        Formula::Share { done, .. } if k == done => cell(RawValue::Number(3.0)),
                        _ => cell(RawValue::Number(5.0)),
                    })
                    .collect();
            }
        }
        set.set(zona_core::ItemId(i), a);
    }
    set
}

#[divan::bench]
fn score_one_unit(bencher: divan::Bencher) {
    let c = zona_core::default_criteria();
    let set = answers(&c);
    let options = ScoreOptions::default();
    bencher.bench_local(|| score(&c, divan::black_box(&set), &options));
}
