//! Cell formats and colours of the report.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatUnderline};

pub(crate) use crate::sheet::{toned, Tone};
use crate::sheet::{BORDER, COUNT, FRACTION_PCT, GREY_FG, HEADER_BG, NUM, PCT_OF_WEIGHT};

const SECTION_FG: u32 = 0x1F4E78;
const LINK_FG: u32 = 0x0563C1;
/// Node rows of the LKE sheet, by depth (root first).
const NODE_BG: [u32; 4] = [0xBDD7EE, 0xDDEBF7, 0xEDF3FA, 0xF7F9FC];

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
