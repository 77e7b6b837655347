//! Where two scored layers disagree: item by item and in points, largest first — how a reform team
//! sees where the evaluator disagreed with it (layers: [`crate::answers::layers`]).

use crate::criteria::{Criteria, ItemId};
use crate::scoring::ScoreResult;

/// One item on which two layers disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerDifference {
    pub item: ItemId,
    pub from_answer: Option<String>,
    pub to_answer: Option<String>,
    pub from_value: Option<f64>,
    pub to_value: Option<f64>,
    /// Points in the later layer minus points in the earlier one.
    pub delta_points: f64,
}

/// Items whose value differs between two scored layers, largest change in points first.
pub fn differences(
    criteria: &Criteria,
    from: &ScoreResult,
    to: &ScoreResult,
) -> Vec<LayerDifference> {
    let mut out: Vec<LayerDifference> = (0..criteria.items.len())
        .filter_map(|i| {
            let (a, b) = (&from.items[i], &to.items[i]);
            let delta = b.points - a.points;
            let value_changed = match (a.value, b.value) {
                (Some(x), Some(y)) => (x - y).abs() > 1e-12,
                (None, None) => false,
                _ => true,
            };
            (value_changed || delta.abs() > 1e-12).then(|| LayerDifference {
                item: ItemId(i),
                from_answer: a.answer.clone(),
                to_answer: b.answer.clone(),
                from_value: a.value,
                to_value: b.value,
                delta_points: delta,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.delta_points
            .abs()
            .total_cmp(&x.delta_points.abs())
            .then(x.item.cmp(&y.item))
    });
    out
}
