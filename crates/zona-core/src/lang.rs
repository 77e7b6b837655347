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
    let s = format!("{value:.2}");
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

/// Like [`fmt2`] with an explicit sign, for margins.
pub fn fmt2_signed(value: f64, lang: Lang) -> String {
    // -0.00 reads oddly for a margin of exactly zero.
    let v = if value.abs() < 0.005 { 0.0 } else { value };
    let s = format!("{v:+.2}");
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

/// Formats a number as short as it is (7, 3.45), with a decimal comma in Indonesian.
pub fn fmt_plain(value: f64, lang: Lang) -> String {
    let s = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let s = format!("{value:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
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
