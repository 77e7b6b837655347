//! The JSON documents zona prints, as typed views: what `zona score --format json`,
//! `zona compare --format json` and `zona batch --format json` print is the pretty-printed
//! serialization of [`ScoreView`], [`CompareView`] and [`BatchView`]. The types are the contract
//! that docs/cli.md, docs/compare.md and docs/batch.md describe (new fields may be added; existing
//! ones keep their name and meaning), and a server can serialize the same types.
//!
//! Each document has a function that builds its view from the core's types: [`score_view`],
//! [`compare_view`], [`batch_view`]. A view borrows what it can from those types; numbers are
//! unrounded (`null` for a missing or non-finite number).
//!
//! **Field order.** Every view declares its fields in alphabetical (byte) order, and serde prints
//! struct fields in declaration order. The documents were first built as `serde_json::Value`s,
//! whose maps print their keys sorted; declaring the fields sorted keeps the output as it was.
//! Keys that are data (the count inputs of an item, the roots of a batch row) are `BTreeMap`s,
//! sorted the same way. Keep new fields in order: `crates/zona-report/tests/views.rs` checks every
//! object of every document, and the golden snapshots (`tests/golden.rs`) pin the bytes.

mod batch;
mod compare;
mod score;

pub use batch::*;
pub use compare::*;
pub use score::*;

use serde::Serialize;
use zona_core::{ConditionResult, Lang};

/// One predicate condition, the same in every document (docs/cli.md): a `total`, `node`, `item`,
/// `area` or `prior` condition with the unit's value, the threshold and whether it passed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionView<'a> {
    /// Key of the node, item, area or predicate the condition is about (null for `total`).
    pub key: Option<&'a str>,
    /// `total`, `node`, `item`, `area` or `prior`.
    pub kind: &'a str,
    /// What the condition asks, in the output language.
    pub label: &'a str,
    /// `value − threshold` in points: spare (≥ 0) or short (< 0); null for `prior`.
    pub margin: Option<f64>,
    /// Null when unknown (a prior predicate not stated).
    pub passed: Option<bool>,
    /// The threshold in points (null for `prior`).
    pub threshold: Option<f64>,
    /// Area conditions: the required percentage of the area's weight.
    pub threshold_percent: Option<f64>,
    /// The unit's value in points (null for `prior`).
    pub value: Option<f64>,
    /// Area conditions: the area's score as a percentage of its weight.
    pub value_percent: Option<f64>,
    /// [`ConditionResult::decimals`] (not in the JSON, whose numbers are unrounded).
    #[serde(skip)]
    pub decimals: usize,
    #[serde(skip)]
    pub percent_decimals: usize,
}

impl<'a> ConditionView<'a> {
    pub fn new(c: &'a ConditionResult, lang: Lang) -> Self {
        ConditionView {
            key: c.key.as_deref(),
            kind: c.kind(),
            label: c.label(lang),
            margin: c.margin,
            passed: c.passed,
            threshold: c.threshold,
            threshold_percent: c.threshold_percent,
            value: c.value,
            value_percent: c.value_percent,
            decimals: c.decimals(),
            percent_decimals: c.percent_decimals(),
        }
    }

    /// Decimals to show the value and margin with ([`ConditionResult::decimals`]).
    pub fn decimals(&self) -> usize {
        self.decimals
    }

    /// Decimals to show the percentages with ([`ConditionResult::percent_decimals`]).
    pub fn percent_decimals(&self) -> usize {
        self.percent_decimals
    }
}

/// How many items were scored, and how many of them are answered, unanswered or invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CountsView {
    pub answered: usize,
    pub invalid: usize,
    pub items: usize,
    pub unanswered: usize,
}

/// The criteria set a source was scored with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriteriaView<'a> {
    /// `permenpanrb-90-2021`, `permenpanrb-10-2019`, or the id of a criteria file.
    pub id: &'a str,
    pub name: &'a str,
    /// Set when the criteria transcribe uncertain facts (10/2019).
    pub provisional: bool,
    pub version: &'a str,
}

impl<'a> CriteriaView<'a> {
    pub fn new(meta: &'a zona_core::criteria::Meta) -> Self {
        CriteriaView {
            id: &meta.id,
            name: &meta.name,
            provisional: meta.provisional,
            version: &meta.version,
        }
    }
}

/// Pretty-printed JSON of a view, as the CLI prints it (without a final newline).
pub fn to_json<T: Serialize + ?Sized>(view: &T) -> String {
    serde_json::to_string_pretty(view).unwrap_or_default()
}
