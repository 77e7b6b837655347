//! Renderings for people and programs: the text a terminal shows, the JSON and CSV programs read.
//! Each takes the core's types (an [`zona_core::Evaluation`], a comparison, batch rows) and
//! returns a `String`; the front end decides where it goes.
//!
//! - [`score`]: one evaluation (`zona score`);
//! - [`compare`]: a comparison (`zona compare`);
//! - [`batch`]: a batch summary (`zona batch`);
//! - [`criteria`]: a criteria set (`zona criteria show`, `zona check`).

pub mod batch;
pub mod compare;
pub mod criteria;
pub mod score;

use serde_json::{json, Value};
use zona_core::Lang;

/// At most `max` characters, the last one an ellipsis when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let t: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{t}…")
    }
}

/// Padded on the right to a width in characters.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One predicate condition as JSON (the shape docs/cli.md documents; shared by score, compare
/// and batch).
pub(crate) fn condition_json(c: &zona_core::ConditionResult, lang: Lang) -> Value {
    json!({
        "kind": c.kind,
        "key": c.key,
        "label": c.label(lang),
        "value": opt(c.value),
        "threshold": opt(c.threshold),
        "value_percent": opt(c.value_percent),
        "threshold_percent": opt(c.threshold_percent),
        "passed": c.passed,
        "margin": opt(c.margin),
    })
}

/// A number, or null.
pub(crate) fn opt(v: Option<f64>) -> Value {
    v.map(Value::from).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("abc"), "abc");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("ab", 4), "ab");
        assert_eq!(pad("é", 3), "é  ");
    }
}
