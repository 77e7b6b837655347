//! Answer layers: the unit's own answers, the internal evaluator's (TPI) and the national
//! evaluator's (TPN) are layers of the same items, each scored on its own.
//!
//! Where a later layer leaves an item blank it takes the previous layer's answer, marked as
//! inherited ([`resolve`]). Where two scored layers disagree is an analysis of their scores:
//! [`crate::analysis::layer_diff`].

use super::answer::AnswerSet;
pub use super::answer::Layer;

/// The layers a source holds, as read (blank where the layer left an item blank).
#[derive(Debug, Clone, Default)]
pub struct LayeredAnswers {
    /// In evaluation order (unit, TPI, TPN); only the layers the source has.
    pub layers: Vec<(Layer, AnswerSet)>,
}

impl LayeredAnswers {
    pub fn single(set: AnswerSet) -> Self {
        LayeredAnswers {
            layers: vec![(Layer::Unit, set)],
        }
    }

    pub fn get(&self, layer: Layer) -> Option<&AnswerSet> {
        self.layers
            .iter()
            .find(|(l, _)| *l == layer)
            .map(|(_, s)| s)
    }

    pub fn has(&self, layer: Layer) -> bool {
        self.get(layer).is_some()
    }
}

/// Fills every blank item of a later layer with the previous layer's answer, marked inherited
/// (and the blank count inputs of a partly filled ratio item with the previous layer's counts).
/// Layers are sorted into evaluation order first.
pub fn resolve(mut answers: LayeredAnswers) -> LayeredAnswers {
    answers.layers.sort_by_key(|(l, _)| *l);
    // A later layer without a single answer of its own is not there (an empty TPI column).
    let mut first = true;
    answers.layers.retain(|(_, set)| {
        let keep = first || set.items.iter().flatten().any(|a| !a.is_blank());
        first = false;
        keep
    });
    for i in 1..answers.layers.len() {
        let (done, rest) = answers.layers.split_at_mut(i);
        let (prev_layer, prev) = &done[i - 1];
        let (_, set) = &mut rest[0];
        if set.items.len() < prev.items.len() {
            set.items.resize(prev.items.len(), None);
        }
        for (slot, earlier) in set.items.iter_mut().zip(&prev.items) {
            let Some(earlier) = earlier.as_ref().filter(|e| !e.is_blank()) else {
                continue;
            };
            match slot {
                Some(own) if !own.is_blank() => {
                    // Partly filled ratio items: blank count inputs take the earlier layer's.
                    for (mine, theirs) in own.inputs.iter_mut().zip(&earlier.inputs) {
                        if mine.as_ref().is_none_or(|c| c.value.is_blank()) && theirs.is_some() {
                            *mine = theirs.clone();
                        }
                    }
                }
                _ => {
                    let mut inherited = earlier.clone();
                    inherited.inherited_from = Some(earlier.inherited_from.unwrap_or(*prev_layer));
                    // Keep this layer's own note, if it wrote one.
                    if let Some(own) = slot.as_ref().and_then(|a| a.note.clone()) {
                        inherited.note = Some(own);
                    }
                    *slot = Some(inherited);
                }
            }
        }
    }
    answers
}
