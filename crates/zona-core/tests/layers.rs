//! Answer layers: inheritance of blanks and differences.

mod common;

use common::*;
use zona_core::answer::RawValue;
use zona_core::layers::{differences, resolve, Layer, LayeredAnswers};
use zona_core::{score, AnswerSet, ScoreOptions};

#[test]
fn later_layers_inherit_blank_items_and_empty_layers_disappear() {
    let c = zona_core::default_criteria();
    let unit = all_best(&c);
    let mut tpi = AnswerSet::empty(&c);
    answer(&mut tpi, &c, "pemenuhan.mp.tim_kerja.b", text("B"));
    // A blank answer cell is the same as no answer.
    answer(&mut tpi, &c, "pemenuhan.mp.tim_kerja.a", RawValue::Empty);
    let tpn = AnswerSet::empty(&c);
    let resolved = resolve(LayeredAnswers {
        layers: vec![(Layer::Tpn, tpn), (Layer::Unit, unit), (Layer::Tpi, tpi)],
    });
    let layers: Vec<Layer> = resolved.layers.iter().map(|(l, _)| *l).collect();
    assert_eq!(
        layers,
        vec![Layer::Unit, Layer::Tpi],
        "sorted, and the empty TPN dropped"
    );
    let tpi = resolved.get(Layer::Tpi).unwrap();
    let own = c.item_by_key("pemenuhan.mp.tim_kerja.b").unwrap();
    let blank = c.item_by_key("pemenuhan.mp.tim_kerja.a").unwrap();
    assert_eq!(tpi.get(own).unwrap().inherited_from, None);
    assert_eq!(tpi.get(blank).unwrap().inherited_from, Some(Layer::Unit));

    let unit_score = score(
        &c,
        resolved.get(Layer::Unit).unwrap(),
        &ScoreOptions::default(),
    );
    let tpi_score = score(&c, tpi, &ScoreOptions::default());
    let diffs = differences(&c, &unit_score, &tpi_score);
    assert_eq!(diffs.len(), 1);
    assert_eq!(diffs[0].item, own);
    // Tim kerja (0.5, two items): A → B is (0.5 − 1) × 0.25 = −0.125.
    assert!(close(diffs[0].delta_points, -0.125));
    assert!(close(tpi_score.total, 100.0 - 0.125));
}
