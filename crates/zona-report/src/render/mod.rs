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

/// Text made safe for a terminal: every control character other than line break and tab (ESC, CR,
/// BEL, backspace, DEL, the C1 controls) and every bidirectional override is shown escaped
/// (`\x1B`, `\u{202E}`), so that text from an input (a unit name, a note, a file name) cannot
/// clear the screen, move the cursor or reorder what the reader sees. Every text renderer's output
/// and every message the CLI writes to stderr go through here.
pub fn terminal_safe(s: &str) -> String {
    if !s.chars().any(needs_escape) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            let n = c as u32;
            if n < 0x80 {
                out.push_str(&format!("\\x{n:02X}"));
            } else {
                out.push_str(&format!("\\u{{{n:04X}}}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// [`terminal_safe`] for a text meant as one line (a message, a file name): its line breaks and
/// tabs are shown escaped too ([`zona_core::lang::one_line`]).
pub fn terminal_line(s: &str) -> String {
    terminal_safe(&zona_core::lang::one_line(s))
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A CSV field that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`,
/// `-2+3`, one starting with a tab or CR) is prefixed with `'`, which spreadsheets show as text
/// (docs/batch.md). A negative number (`-3`, `-0,5`) is kept as it is.
pub(crate) fn csv_neutral(s: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = s.chars();
    let risky = match chars.next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => {
            !chars.next().is_some_and(|c| c.is_ascii_digit())
                || !s[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | 'e' | 'E' | '-' | '+'))
                || s[1..].contains(['+', '-']) && !s[1..].contains(['e', 'E'])
        }
        _ => false,
    };
    if risky {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

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
    let s = &*csv_neutral(s);
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
    fn csv_fields_that_would_run_as_formulas_are_neutralised() {
        for (raw, want) in [
            (
                "=HYPERLINK(\"http://x\",\"klik\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            ("-2+3", "'-2+3"),
            ("-x", "'-x"),
            ("-", "'-"),
            ("-3", "-3"),
            ("-0.5", "-0.5"),
            ("-1e-3", "-1e-3"),
            ("Kantor = baik", "Kantor = baik"),
            ("", ""),
        ] {
            assert_eq!(csv_field(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn control_characters_are_escaped_for_a_terminal() {
        assert_eq!(terminal_safe("a\u{1b}[2Jb\n\tc"), "a\\x1B[2Jb\n\tc");
        assert_eq!(terminal_safe("x\ry\u{7}\u{9b}"), "x\\x0Dy\\x07\\u{009B}");
        assert_eq!(terminal_safe("abc\u{202E}fed"), "abc\\u{202E}fed");
        assert_eq!(terminal_safe("Kantor Imigrasi"), "Kantor Imigrasi");
    }

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("ab", 4), "ab");
        assert_eq!(pad("é", 3), "é  ");
    }
}
