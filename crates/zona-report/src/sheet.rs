//! What every workbook writer shares: the colours, the number formats, the pass / fail / unknown
//! tones, the light-blue header of the official layout, and writing a text cell or a header row.
//!
//! Each writer keeps its own set of formats (a report, a comparison and a batch summary look
//! different on purpose); they are built from these pieces, so that a "met" cell is the same green
//! everywhere.

use std::borrow::Cow;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// Excel's "Good / Bad / Neutral" cell styles: green pass, red fail, amber unknown or warning.
pub(crate) const PASS_BG: u32 = 0xC6EFCE;
pub(crate) const PASS_FG: u32 = 0x006100;
pub(crate) const FAIL_BG: u32 = 0xFFC7CE;
pub(crate) const FAIL_FG: u32 = 0x9C0006;
pub(crate) const AMBER_BG: u32 = 0xFFEB9C;
pub(crate) const AMBER_FG: u32 = 0x9C5700;
/// Dark blue of the header rows (white text) of the report and the batch summary.
pub(crate) const HEADER_BG: u32 = 0x1F4E78;
/// Light blue of the official layout's header row (the LKE sheet, the template, the comparison).
pub(crate) const LIGHT_HEADER_BG: u32 = 0xD9E1F2;
/// Light grey of section and top-level rows.
pub(crate) const SECTION_BG: u32 = 0xF2F2F2;
/// Grey of notes and keys.
pub(crate) const GREY_FG: u32 = 0x595959;
/// Thin cell borders (the report, the template's input cells).
pub(crate) const BORDER: u32 = 0xBFBFBF;

/// The number formats: scores with two decimals, percentages of weight (the number 89.29 shown as
/// 89.29%), fractions shown as percentages, counts.
pub(crate) const NUM: &str = "0.00";
pub(crate) const PCT_OF_WEIGHT: &str = "0.00\"%\"";
pub(crate) const FRACTION_PCT: &str = "0.00%";
pub(crate) const COUNT: &str = "0";

/// [`NUM`] with `decimals` decimals, for a value shown with more than two so that it is not
/// rounded up to a threshold it fails ([`zona_core::lang::decimals_against`]).
pub(crate) fn decimals_format(decimals: usize) -> String {
    format!("0.{}", "0".repeat(decimals.max(1)))
}

/// The longest text Excel holds in a cell, in UTF-16 code units (a character beyond the Basic
/// Multilingual Plane, an emoji, counts two).
const MAX_CELL_UNITS: usize = 32_767;

/// The tone of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Plain,
    Pass,
    Fail,
    Amber,
}

impl Tone {
    /// Pass, fail, or amber when not known.
    pub(crate) fn of(passed: Option<bool>) -> Tone {
        match passed {
            Some(true) => Tone::Pass,
            Some(false) => Tone::Fail,
            None => Tone::Amber,
        }
    }
}

/// `f` with the tone's fill and font colour.
pub(crate) fn toned(f: &Format, tone: Tone) -> Format {
    let (bg, fg) = match tone {
        Tone::Plain => return f.clone(),
        Tone::Pass => (PASS_BG, PASS_FG),
        Tone::Fail => (FAIL_BG, FAIL_FG),
        Tone::Amber => (AMBER_BG, AMBER_FG),
    };
    f.clone()
        .set_background_color(Color::RGB(bg))
        .set_font_color(Color::RGB(fg))
}

/// The header cells of the official layout: bold, wrapped, centred both ways, thin border, light
/// blue.
pub(crate) fn light_header() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(LIGHT_HEADER_BG))
}

/// Writes text, cut to what a cell holds (rust_xlsxwriter refuses a longer text, and with it
/// the whole workbook). Every text a writer puts in a cell goes through here.
pub(crate) fn text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: impl AsRef<str>,
    f: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, cell_text(s.as_ref()), f)?;
    Ok(())
}

/// Writes text without a format of its own (the row's or column's applies), cut like [`text`].
pub(crate) fn plain_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: impl AsRef<str>,
) -> Result<(), XlsxError> {
    ws.write_string(row, col, cell_text(s.as_ref()))?;
    Ok(())
}

/// Merges `first_row, first_col ..= last_row, last_col` and writes its text, cut to what a cell
/// holds, like [`text`]. Every merged range a writer makes goes through here.
pub(crate) fn merged(
    ws: &mut Worksheet,
    (first_row, first_col): (u32, u16),
    (last_row, last_col): (u32, u16),
    s: impl AsRef<str>,
    f: &Format,
) -> Result<(), XlsxError> {
    ws.merge_range(
        first_row,
        first_col,
        last_row,
        last_col,
        &cell_text(s.as_ref()),
        f,
    )?;
    Ok(())
}

/// `s` as a cell holds it: whole, or cut to the cell's limit with "…" as its last character.
/// Text for an XML attribute the library writes as it is (a drop-down's title and messages, its
/// inline list): the characters XML 1.0 cannot hold at all (the C0 controls other than tab, line
/// break and carriage return; U+FFFE, U+FFFF) are left out, which would make the part unreadable
/// (cell text the library escapes as `_x001B_` itself).
pub(crate) fn xml_attr_text(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if s.chars().any(bad) {
        Cow::Owned(s.chars().filter(|c| !bad(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

pub(crate) fn cell_text(s: &str) -> Cow<'_, str> {
    // No text has more UTF-16 units than UTF-8 bytes: most need no counting.
    if s.len() <= MAX_CELL_UNITS || s.encode_utf16().count() <= MAX_CELL_UNITS {
        return Cow::Borrowed(s);
    }
    let mut units = 0;
    let end = s
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > MAX_CELL_UNITS - 1
        })
        .map_or(s.len(), |(i, _)| i);
    Cow::Owned(format!("{}…", &s[..end]))
}

/// Writes a header row: `heads` left to right from column `first`, each in format `f`.
pub(crate) fn header_row<S: AsRef<str>>(
    ws: &mut Worksheet,
    row: u32,
    first: u16,
    heads: &[S],
    f: &Format,
) -> Result<(), XlsxError> {
    for (col, h) in (first..).zip(heads) {
        text(ws, row, col, h.as_ref(), f)?;
    }
    Ok(())
}

/// The height of a header row of bold 11-point labels that wrap in columns of these `widths`:
/// the tallest label's lines (a bold character takes about 1.1 of a column's character, and a
/// character of padding; [`crate::report::lines`] assumes ordinary text, 15 % narrower).
pub(crate) fn header_height<S: AsRef<str>>(headers: &[S], widths: &[f64]) -> f64 {
    let lines = headers
        .iter()
        .zip(widths)
        .map(|(h, w)| crate::report::lines(h.as_ref(), (w - 1.0) / 1.1 / 1.15))
        .max()
        .unwrap_or(1);
    15.0 * lines as f64 + 4.0
}

/// A4 in Excel's paper codes.
pub(crate) const PAPER_A4: u8 = 9;

/// The printable width of A4 at 96 dpi within Excel's default margins (0.7 in each side), in
/// pixels: portrait and landscape.
pub(crate) const A4_PRINTABLE_PX: (f64, f64) = ((8.27 - 1.4) * 96.0, (11.69 - 1.4) * 96.0);

/// A column's width in pixels (Calibri 11: 7 px a character, 5 px of padding), as Excel lays it
/// out.
pub(crate) fn column_px(width: f64) -> f64 {
    (width * 7.0 + 5.0).floor()
}

/// The scale Excel prints a sheet at when it fits these columns one page wide (1 when they fit
/// at full size), portrait or landscape.
pub(crate) fn print_scale(widths: &[f64], landscape: bool) -> f64 {
    let px: f64 = widths.iter().copied().map(column_px).sum();
    let page = if landscape {
        A4_PRINTABLE_PX.1
    } else {
        A4_PRINTABLE_PX.0
    };
    if px <= page {
        1.0
    } else {
        page / px
    }
}

/// Prints a sheet as every written workbook does: A4, one page wide and as many pages tall as it
/// takes, the header rows (`repeat`, first and last, 0-based) on every page. Portrait when the
/// columns (`widths`, every column the sheet sets) print at nearly full size that way, else
/// landscape.
pub(crate) fn print_setup(
    ws: &mut Worksheet,
    widths: &[f64],
    repeat: Option<(u32, u32)>,
) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    if print_scale(widths, false) >= 0.9 {
        ws.set_portrait();
    } else {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    if let Some((first, last)) = repeat {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// Like [`print_setup`], landscape, for a table too wide for one page at a readable size: as
/// many pages wide as 11 pt text needs to print at 8 pt or more, the header rows and the key
/// columns (`cols`, first and last) repeated on every page.
pub(crate) fn print_setup_pages_wide(
    ws: &mut Worksheet,
    widths: &[f64],
    rows: (u32, u32),
    cols: (u16, u16),
) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    let scale = print_scale(widths, true);
    let pages = (8.0 / 11.0 / scale).ceil().clamp(1.0, 16.0) as u16;
    ws.set_print_fit_to_pages(pages, 0);
    ws.set_repeat_rows(rows.0, rows.1)?;
    if pages > 1 {
        ws.set_repeat_columns(cols.0, cols.1)?;
    }
    Ok(())
}

/// A link to `file` relative to `folder` (canonical), for a cell of a workbook written into
/// `folder` (`laporan/lke-a.xlsx`), when that is straightforward and safe: the file exists, lies
/// inside `folder` once every symbolic link is resolved (no `..`, no absolute path), is of one of
/// `types` (extensions, lower case), and every part of its path is of plain characters (no `%`,
/// `#`, `?`, `:`, `\`, control characters). None: write the path as text.
pub(crate) fn relative_file_link(
    folder: &std::path::Path,
    file: &std::path::Path,
    types: &[&str],
) -> Option<String> {
    let real = std::fs::canonicalize(file).ok()?;
    if !real.is_file() {
        return None;
    }
    let rel = real.strip_prefix(folder).ok()?;
    let mut parts = Vec::new();
    for c in rel.components() {
        let std::path::Component::Normal(part) = c else {
            return None;
        };
        let part = part.to_str()?;
        if part.is_empty()
            || part
                .chars()
                .any(|ch| ch.is_control() || matches!(ch, '%' | '#' | '?' | ':' | '\\'))
        {
            return None;
        }
        parts.push(part);
    }
    let ext = parts.last()?.rsplit_once('.')?.1.to_ascii_lowercase();
    types.contains(&ext.as_str()).then(|| parts.join("/"))
}

#[cfg(test)]
mod text_tests {
    use super::*;

    fn units(s: &str) -> usize {
        s.encode_utf16().count()
    }

    #[test]
    fn a_text_longer_than_a_cell_is_cut_to_the_limit_in_utf16_units() {
        assert_eq!(cell_text("Laporan"), "Laporan");
        let exact = "a".repeat(MAX_CELL_UNITS);
        assert_eq!(cell_text(&exact), exact.as_str());
        // 3-byte characters: more bytes than the limit, as many units as characters.
        let wide = "€".repeat(MAX_CELL_UNITS);
        assert_eq!(cell_text(&wide), wide.as_str());
        let long = "a".repeat(40_000);
        let cut = cell_text(&long);
        assert_eq!(units(&cut), MAX_CELL_UNITS);
        assert!(cut.ends_with("a…"));
        // 20,000 emoji are 40,000 units: Excel (and rust_xlsxwriter) count units, not characters.
        let emoji = "😀".repeat(20_000);
        let cut = cell_text(&emoji);
        assert_eq!(units(&cut), MAX_CELL_UNITS);
        assert_eq!(cut.chars().count(), 16_384);
        assert!(cut.ends_with("😀…"));
    }

    #[test]
    fn a_cell_of_twenty_thousand_emoji_is_written() {
        let mut ws = Worksheet::new();
        let emoji = "😀".repeat(20_000);
        text(&mut ws, 0, 0, &emoji, &Format::new()).unwrap();
    }
}

#[cfg(test)]
mod print_tests {
    use super::*;

    #[test]
    fn scale_of_narrow_and_wide_sheets() {
        assert_eq!(print_scale(&[40.0, 40.0], false), 1.0);
        // 300 characters landscape: well below 8 pt.
        assert!(print_scale(&[100.0, 100.0, 100.0], true) < 8.0 / 11.0);
        // 180 characters landscape: above.
        assert!(print_scale(&[60.0, 60.0, 60.0], true) >= 8.0 / 11.0);
    }
}
