//! Renderings for people and programs: the text a terminal shows, the JSON and CSV programs read.
//! Each takes the core's types (an [`zona_core::Evaluation`], a comparison, batch rows) and
//! returns a `String`; the front end decides where it goes. The JSON documents are typed views
//! ([`view`]) pretty-printed, so that other front ends can serialize the same types.
//!
//! - [`score`]: one evaluation (`zona score`);
//! - [`compare`]: a comparison (`zona compare`);
//! - [`batch`]: a batch summary (`zona batch`);
//! - [`criteria`]: a criteria set (`zona criteria show`, `zona check`).

pub mod batch;
pub mod compare;
pub mod criteria;
pub mod score;
pub mod view;

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

/// One CSV line: the fields, each quoted as [`csv_field`] says, separated by commas, and a line
/// break. Every field of zona's CSV goes through here.
pub(crate) fn csv_record<S: AsRef<str>>(fields: impl IntoIterator<Item = S>) -> String {
    let mut line = fields
        .into_iter()
        .map(|f| csv_field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("abc"), "abc");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_record(["a", "b,c", ""]), "a,\"b,c\",\n");
    }

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("ab", 4), "ab");
        assert_eq!(pad("é", 3), "é  ");
    }
}
