//! The language of user-facing text: Bahasa Indonesia by default, English on request.

/// Language of messages, labels and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// Picks the Indonesian or the English text.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

/// Formats a number with two decimals, as the LKE shows scores: Indonesian uses a decimal comma.
pub fn fmt2(value: f64, lang: Lang) -> String {
    fmt_dec(value, 2, lang)
}

/// Like [`fmt2`] with an explicit sign, for margins.
pub fn fmt2_signed(value: f64, lang: Lang) -> String {
    fmt_dec_signed(value, 2, lang)
}

/// Formats a number with `decimals` decimals (see [`decimals_against`]).
pub fn fmt_dec(value: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{value:.decimals$}");
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

/// Like [`fmt_dec`] with an explicit sign, for margins.
pub fn fmt_dec_signed(value: f64, decimals: usize, lang: Lang) -> String {
    // -0.00 reads oddly for a margin of exactly zero.
    let v = if value.abs() < 0.5 * 10f64.powi(-(decimals as i32)) {
        0.0
    } else {
        value
    };
    let s = format!("{v:+.decimals$}");
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

/// Text from an input kept on one line: a line break, tab or other separator in it (a unit name
/// typed over two lines, an answer cell holding "B⏎A") is written as an escape (`\n`, `\t`,
/// `\u{2028}`), so that it cannot start a line of its own (a forged ranking row) in a text output.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    let breaks = |c: char| {
        matches!(
            c,
            '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    };
    if !s.chars().any(breaks) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if breaks(c) => out.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A name from an input (a unit, an instansi) as one line: its runs of white space, line breaks
/// included, as single spaces ("Kantor Imigrasi⏎Kelas I" → "Kantor Imigrasi Kelas I").
pub fn single_spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decimals that show a value on its side of the threshold it failed: 2, as the LKE shows
/// scores, or more (up to 9) where 2 would round a value short of its threshold up to it (a
/// total of 74.996 shown as 75,00 beside "not met"; shown 74,996, margin −0,004). A value that
/// passes (`failed` false) keeps 2.
pub fn decimals_against(value: f64, threshold: f64, failed: bool) -> usize {
    if !failed || !value.is_finite() || !threshold.is_finite() {
        return 2;
    }
    (2..=9)
        .find(|&d| {
            format!("{value:.d$}")
                .parse::<f64>()
                .is_ok_and(|shown| shown < threshold)
        })
        .unwrap_or(9)
}

/// Formats a number as short as it is (7, 3.45), with a decimal comma in Indonesian; a huge one
/// in exponent form (1e300, not three hundred digits).
pub fn fmt_plain(value: f64, lang: Lang) -> String {
    let s = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else if value.abs() >= 1e15 {
        format!("{value:e}")
    } else {
        let s = format!("{value:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

/// [`fmt_plain`] for a value said not to be whole: where six decimals would show it whole
/// (12.0000000001 as 12, beside "is not a whole number"), every digit it has.
pub fn fmt_not_whole(value: f64, lang: Lang) -> String {
    let s = fmt_plain(value, lang);
    if value.fract() != 0.0 && !s.contains([',', '.', 'e']) {
        let full = format!("{value}");
        match lang {
            Lang::Id => full.replace('.', ","),
            Lang::En => full,
        }
    } else {
        s
    }
}

/// An English count with its noun: "1 workbook", "2 workbooks" (`many` is the plural). Indonesian
/// nouns do not change with the count.
/// `reason` (already in the message's language) with the system's own words of `e` in
/// parentheses, without the "(os error N)" they end in: `folder tujuan tidak ditemukan (No such
/// file or directory)`. What read and write errors both say after their headline.
pub fn with_system_words(reason: &str, e: &std::io::Error) -> String {
    let detail = e.to_string();
    let detail = match detail.rfind(" (os error ") {
        Some(i) if detail.ends_with(')') => &detail[..i],
        _ => detail.as_str(),
    };
    format!("{reason} ({detail})")
}

pub fn count_en(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_value_is_never_shown_as_reaching_its_threshold() {
        assert_eq!(decimals_against(74.996, 75.0, true), 3);
        assert_eq!(fmt_dec(74.996, 3, Lang::Id), "74,996");
        assert_eq!(fmt_dec_signed(74.996 - 75.0, 3, Lang::Id), "-0,004");
        assert_eq!(decimals_against(74.99996, 75.0, true), 5);
        assert_eq!(decimals_against(74.99, 75.0, true), 2);
        assert_eq!(decimals_against(74.996, 75.0, false), 2);
        assert_eq!(decimals_against(75.0 - 2e-9, 75.0, true), 9);
        assert_eq!(fmt_dec_signed(-0.004, 2, Lang::En), "+0.00");
    }

    #[test]
    fn numbers_are_shown_as_short_as_they_are_and_never_whole_when_not() {
        assert_eq!(fmt_plain(1e300, Lang::Id), "1e300");
        assert_eq!(fmt_plain(3.45, Lang::Id), "3,45");
        assert_eq!(fmt_not_whole(12.0000000001, Lang::Id), "12,0000000001");
        assert_eq!(fmt_not_whole(12.5, Lang::En), "12.5");
    }

    #[test]
    fn input_text_stays_on_one_line() {
        assert_eq!(one_line("B\nA\tC\r\u{2028}"), "B\\nA\\tC\\r\\u{2028}");
        assert!(matches!(one_line("Ya"), std::borrow::Cow::Borrowed("Ya")));
        assert_eq!(
            single_spaced(" Kantor\n  Imigrasi\tI "),
            "Kantor Imigrasi I"
        );
    }
}
