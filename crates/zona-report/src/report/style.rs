//! Cell formats and colours of the report.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatUnderline};

/// Excel's "Good / Bad / Neutral" cell styles: green pass, red fail, amber unknown or warning.
pub const PASS_BG: u32 = 0xC6EFCE;
pub const PASS_FG: u32 = 0x006100;
pub const FAIL_BG: u32 = 0xFFC7CE;
pub const FAIL_FG: u32 = 0x9C0006;
pub const AMBER_BG: u32 = 0xFFEB9C;
pub const AMBER_FG: u32 = 0x9C5700;
const HEADER_BG: u32 = 0x1F4E78;
const SECTION_FG: u32 = 0x1F4E78;
const GREY_FG: u32 = 0x595959;
const LINK_FG: u32 = 0x0563C1;
const BORDER: u32 = 0xBFBFBF;
/// Node rows of the LKE sheet, by depth (root first).
const NODE_BG: [u32; 4] = [0xBDD7EE, 0xDDEBF7, 0xEDF3FA, 0xF7F9FC];

/// The number formats: scores with two decimals, percentages of weight (the number 89.29 shown as
/// 89.29%), fractions shown as percentages, counts.
pub const NUM: &str = "0.00";
pub const PCT_OF_WEIGHT: &str = "0.00\"%\"";
pub const FRACTION_PCT: &str = "0.00%";
pub const COUNT: &str = "0";

/// The tone of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Pass,
    Fail,
    Amber,
}

impl Tone {
    pub fn of(passed: Option<bool>) -> Tone {
        match passed {
            Some(true) => Tone::Pass,
            Some(false) => Tone::Fail,
            None => Tone::Amber,
        }
    }
}

pub struct Styles {
    pub title: Format,
    pub section: Format,
    pub header: Format,
    pub label: Format,
    pub text: Format,
    pub text_bold: Format,
    pub note: Format,
    pub num: Format,
    pub num_bold: Format,
    pub pct: Format,
    pub pct_bold: Format,
    pub fraction_pct: Format,
    pub count: Format,
    pub link: Format,
    /// Keys: small, grey, not wrapped.
    pub key: Format,
}

fn bordered(f: Format) -> Format {
    f.set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(BORDER))
        .set_align(FormatAlign::Top)
}

impl Styles {
    pub fn new() -> Self {
        let text = bordered(Format::new().set_text_wrap());
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(Color::RGB(SECTION_FG)),
            section: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(SECTION_FG)),
            header: bordered(
                Format::new()
                    .set_bold()
                    .set_text_wrap()
                    .set_font_color(Color::White)
                    .set_background_color(Color::RGB(HEADER_BG)),
            ),
            label: bordered(Format::new().set_bold().set_text_wrap()),
            text_bold: text.clone().set_bold(),
            note: Format::new()
                .set_text_wrap()
                .set_italic()
                .set_align(FormatAlign::Top)
                .set_font_color(Color::RGB(GREY_FG)),
            num: bordered(Format::new().set_num_format(NUM)),
            num_bold: bordered(Format::new().set_num_format(NUM).set_bold()),
            pct: bordered(Format::new().set_num_format(PCT_OF_WEIGHT)),
            pct_bold: bordered(Format::new().set_num_format(PCT_OF_WEIGHT).set_bold()),
            fraction_pct: bordered(Format::new().set_num_format(FRACTION_PCT)),
            count: bordered(Format::new().set_num_format(COUNT)),
            link: bordered(Format::new())
                .set_font_color(Color::RGB(LINK_FG))
                .set_underline(FormatUnderline::Single),
            key: bordered(Format::new())
                .set_font_size(9)
                .set_font_color(Color::RGB(GREY_FG)),
            text,
        }
    }
}

/// `f` with the tone's fill and font colour.
pub fn toned(f: &Format, tone: Tone) -> Format {
    match tone {
        Tone::Plain => f.clone(),
        Tone::Pass => f
            .clone()
            .set_background_color(Color::RGB(PASS_BG))
            .set_font_color(Color::RGB(PASS_FG)),
        Tone::Fail => f
            .clone()
            .set_background_color(Color::RGB(FAIL_BG))
            .set_font_color(Color::RGB(FAIL_FG)),
        Tone::Amber => f
            .clone()
            .set_background_color(Color::RGB(AMBER_BG))
            .set_font_color(Color::RGB(AMBER_FG)),
    }
}

/// `f` as a node row of this depth: bold on the depth's fill.
pub fn node_row(f: &Format, depth: usize) -> Format {
    let bg = NODE_BG[depth.min(NODE_BG.len() - 1)];
    f.clone().set_bold().set_background_color(Color::RGB(bg))
}

/// `f` indented by `level` steps.
pub fn indented(f: &Format, level: usize) -> Format {
    f.clone()
        .set_indent(u8::try_from(level.min(15)).unwrap_or(15))
}

/// `f` in grey italics (count inputs, unanswered).
pub fn muted(f: &Format) -> Format {
    f.clone().set_italic().set_font_color(Color::RGB(GREY_FG))
}
