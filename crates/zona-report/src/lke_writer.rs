//! Writing a filled LKE ZI workbook in the official layout (PermenPANRB 90/2021 Lampiran III), for
//! samples and tests of the reader.
//!
//! The sheet looks like the official one (see the facts file, §7):
//!
//! | row | content |
//! |---|---|
//! | 1 | title: `LAMPIRAN III` … `LEMBAR KERJA EVALUASI ZONA INTEGRITAS`, unit, instansi, year (merged B:O) |
//! | 2 | header: Penilaian (B, merged B:G) · Bobot (H) · Penjelasan (I) · Pilihan Jawaban (J) · Jawaban (K) · Nilai (L) · % (M) · Catatan (O) · Data Dukung (P) · Link Data Dukung (Q) |
//! | 3 | blank |
//! | 4… | the tree in document order |
//!
//! A node at depth *d* has its marker in column B+*d* and its name right after it (component `A.` in
//! B, sub-component `I.` in C, area part `1.` in D, sub-area `i.` in E); an item has its marker one
//! column right of its parent's marker and its text after it (`a.` in F, text in G). Deeper levels
//! are clamped so that the text never passes G (the column before Bobot). A ratio item is a row
//! with Pilihan Jawaban `%`, followed by one `Jumlah` row per count input (`- label`). After each
//! root comes a `TOTAL <root>` row, and at the end `NILAI EVALUASI ZONA INTEGRITAS`; the Nilai and
//! % columns stay empty (values only, no formulas).
//!
//! [`LkeLayoutOptions`] moves things around the way real copies do (title rows more, blank rows,
//! the table one column further right, a renamed sheet, deleted item rows); [`plan_lke`] tells
//! where every row ends up, so tests can name the cell of an answer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use zona_core::answer::parse_decimal;
use zona_core::criteria::{AnswerKind, Criteria, ItemId, NodeId};

use zona_core::a1::cell_name;

use crate::doc_properties::created_on;
use crate::output_file;
use crate::sheet::{cell_text, light_header, merged, plain_text, text, NUM, SECTION_BG};
use crate::{OutputKind, WriteError, CREATION_DATE};

/// What goes into an answer cell: text (`"A"`, `"Ya"`, `"3,45"`) or a number.
#[derive(Debug, Clone, PartialEq)]
pub enum FillValue {
    Text(String),
    Number(f64),
}

impl FillValue {
    /// The value as a number, if it is one or is text that reads as one ("7", "3,45").
    pub fn as_number(&self) -> Option<f64> {
        match self {
            FillValue::Number(n) => Some(*n),
            FillValue::Text(t) => parse_decimal(t),
        }
    }
}

impl From<&str> for FillValue {
    fn from(s: &str) -> Self {
        FillValue::Text(s.to_string())
    }
}

impl From<String> for FillValue {
    fn from(s: String) -> Self {
        FillValue::Text(s)
    }
}

impl From<f64> for FillValue {
    fn from(n: f64) -> Self {
        FillValue::Number(n)
    }
}

impl From<u32> for FillValue {
    fn from(n: u32) -> Self {
        FillValue::Number(f64::from(n))
    }
}

impl From<i32> for FillValue {
    fn from(n: i32) -> Self {
        FillValue::Number(f64::from(n))
    }
}

/// The cells of one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemFill {
    /// Jawaban of a choice or index item (column K of the item row). On a ratio item it is
    /// written to the `%` row as given (the reader ignores it).
    pub answer: Option<FillValue>,
    /// Count inputs of a ratio item by input key (column K of the `Jumlah` rows). A summed input
    /// (`sum_of`) left out here is written as the sum of its parts when they are all numbers.
    pub inputs: BTreeMap<String, FillValue>,
    /// Catatan (column O of the item row).
    pub note: Option<String>,
    /// Data dukung list (column P of the item row).
    pub evidence_text: Option<String>,
    /// Link to the data dukung (column Q of the item row).
    pub evidence_link: Option<String>,
}

/// Everything a unit fills into its LKE: the title facts and the cells of each item (by item key).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LkeFill {
    pub unit_name: Option<String>,
    pub instansi: Option<String>,
    pub year: Option<i32>,
    /// One more title line, e.g. `CONTOH — data fiktif`.
    pub title_note: Option<String>,
    /// The predicate the unit already holds ("Menuju WBK"), for the unit sheet.
    pub prior_predicate: Option<String>,
    /// The year that predicate was awarded: a row [`AWARDED_YEAR_LABEL`] of the unit sheet (none
    /// when None).
    pub awarded_year: Option<i32>,
    pub items: BTreeMap<String, ItemFill>,
}

impl LkeFill {
    /// The fill of an item, created empty on first use.
    pub fn item_mut(&mut self, key: &str) -> &mut ItemFill {
        self.items.entry(key.to_string()).or_default()
    }

    /// Sets the Jawaban of an item.
    pub fn set_answer(&mut self, key: &str, value: impl Into<FillValue>) -> &mut Self {
        self.item_mut(key).answer = Some(value.into());
        self
    }

    /// Sets a count input of a ratio item.
    pub fn set_input(&mut self, key: &str, input: &str, value: impl Into<FillValue>) -> &mut Self {
        self.item_mut(key)
            .inputs
            .insert(input.to_string(), value.into());
        self
    }
}

/// Where and how the table is laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct LkeLayoutOptions {
    /// Name of the sheet (default `LKE ZI`).
    pub sheet_name: String,
    /// Rows between the title row and the header row (`Unit Kerja: …`, `Instansi: …`,
    /// `Tahun Penilaian: …`, then empty). The reader looks for the header in the first 41 rows
    /// of the sheet, so at most 39.
    pub extra_title_rows: u32,
    /// An empty row after the last row of every sub-area (node holding items).
    pub blank_row_after_each_subarea: bool,
    /// Start this many columns further right (1: Penilaian in C, Jawaban in L).
    pub shift_columns: u16,
    /// Item keys whose rows (with their `Jumlah` rows) are left out, as if deleted.
    pub omit_items: BTreeSet<String>,
    /// Creation date of the document (year, month, day; midnight UTC), for reproducible files
    /// (default [`CREATION_DATE`]); None: the time of writing.
    pub created: Option<(u16, u8, u8)>,
    /// Also write a `Unit` sheet of unit details (label/value rows), as zona's template does.
    pub unit_sheet: bool,
}

impl Default for LkeLayoutOptions {
    fn default() -> Self {
        LkeLayoutOptions {
            sheet_name: "LKE ZI".to_string(),
            extra_title_rows: 0,
            blank_row_after_each_subarea: false,
            shift_columns: 0,
            omit_items: BTreeSet::new(),
            created: Some(CREATION_DATE),
            unit_sheet: false,
        }
    }
}

/// The columns of the table (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LkeColumns {
    /// First hierarchy column (B): the `Penilaian` header; hierarchy runs to `penilaian + 5` (G).
    pub penilaian: u16,
    pub bobot: u16,
    pub penjelasan: u16,
    pub pilihan: u16,
    pub jawaban: u16,
    pub nilai: u16,
    pub persen: u16,
    pub catatan: u16,
    pub data_dukung: u16,
    pub link: u16,
}

impl LkeColumns {
    fn new(shift: u16) -> Self {
        let b = 1 + shift;
        LkeColumns {
            penilaian: b,
            bobot: b + 6,
            penjelasan: b + 7,
            pilihan: b + 8,
            jawaban: b + 9,
            nilai: b + 10,
            persen: b + 11,
            catatan: b + 13,
            data_dukung: b + 14,
            link: b + 15,
        }
    }

    /// The last hierarchy column (G): text never goes further right.
    pub fn last_text(&self) -> u16 {
        self.penilaian + 5
    }
}

/// What a row of the sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LkeRow {
    Title,
    /// A title line between the title and the header (index from 0).
    ExtraTitle(u32),
    Header,
    Node(NodeId),
    Item(ItemId),
    /// A `Jumlah` row: count input `input` (index into the ratio's inputs) of a ratio item.
    Input {
        item: ItemId,
        input: usize,
    },
    /// `TOTAL <root name>`.
    Total(NodeId),
    /// `NILAI EVALUASI ZONA INTEGRITAS`.
    GrandTotal,
    Blank,
}

/// Where every row of a written LKE is.
#[derive(Debug, Clone)]
pub struct LkePlan {
    pub sheet_name: String,
    pub columns: LkeColumns,
    /// 0-based row of the header.
    pub header_row: u32,
    /// Every row in order: (0-based row, content).
    pub rows: Vec<(u32, LkeRow)>,
    item_rows: BTreeMap<String, u32>,
    input_rows: BTreeMap<(String, String), u32>,
}

impl LkePlan {
    /// 0-based row of an item (None when the item is unknown or omitted).
    pub fn item_row(&self, item_key: &str) -> Option<u32> {
        self.item_rows.get(item_key).copied()
    }

    /// 0-based row of a count input of a ratio item.
    pub fn input_row(&self, item_key: &str, input_key: &str) -> Option<u32> {
        self.input_rows
            .get(&(item_key.to_string(), input_key.to_string()))
            .copied()
    }

    /// The Jawaban cell of an item, as the reader names it (`K57`).
    pub fn answer_cell(&self, item_key: &str) -> Option<String> {
        self.item_row(item_key)
            .map(|r| cell_name(r, u32::from(self.columns.jawaban)))
    }

    /// The Jawaban cell of a count input (`K129`).
    pub fn input_cell(&self, item_key: &str, input_key: &str) -> Option<String> {
        self.input_row(item_key, input_key)
            .map(|r| cell_name(r, u32::from(self.columns.jawaban)))
    }
}

/// Lays out the rows of the criteria for these options (what [`write_filled_lke`] writes).
pub fn plan_lke(criteria: &Criteria, layout: &LkeLayoutOptions) -> LkePlan {
    let mut kinds: Vec<LkeRow> = vec![LkeRow::Title];
    kinds.extend((0..layout.extra_title_rows).map(LkeRow::ExtraTitle));
    kinds.push(LkeRow::Header);
    kinds.push(LkeRow::Blank);

    fn walk(c: &Criteria, id: NodeId, layout: &LkeLayoutOptions, out: &mut Vec<LkeRow>) {
        out.push(LkeRow::Node(id));
        let node = c.node(id);
        for ch in &node.children {
            walk(c, *ch, layout, out);
        }
        if node.items.is_empty() {
            return;
        }
        for it in &node.items {
            let item = c.item(*it);
            if layout.omit_items.contains(&item.key) {
                continue;
            }
            out.push(LkeRow::Item(*it));
            if let AnswerKind::Ratio(r) = &item.answer {
                out.extend((0..r.inputs.len()).map(|input| LkeRow::Input { item: *it, input }));
            }
        }
        if layout.blank_row_after_each_subarea {
            out.push(LkeRow::Blank);
        }
    }
    for root in &criteria.roots {
        walk(criteria, *root, layout, &mut kinds);
        kinds.push(LkeRow::Total(*root));
        kinds.push(LkeRow::Blank);
    }
    kinds.push(LkeRow::GrandTotal);

    let rows: Vec<(u32, LkeRow)> = kinds
        .into_iter()
        .enumerate()
        .map(|(i, k)| (i as u32, k))
        .collect();
    let mut item_rows = BTreeMap::new();
    let mut input_rows = BTreeMap::new();
    for (r, kind) in &rows {
        match kind {
            LkeRow::Item(id) => {
                item_rows.insert(criteria.item(*id).key.clone(), *r);
            }
            LkeRow::Input { item, input } => {
                let it = criteria.item(*item);
                if let AnswerKind::Ratio(ratio) = &it.answer {
                    input_rows.insert((it.key.clone(), ratio.inputs[*input].key.clone()), *r);
                }
            }
            _ => {}
        }
    }
    LkePlan {
        sheet_name: layout.sheet_name.clone(),
        columns: LkeColumns::new(layout.shift_columns),
        header_row: 1 + layout.extra_title_rows,
        rows,
        item_rows,
        input_rows,
    }
}

/// Formats of the sheet.
struct Formats {
    title: Format,
    header: Format,
    node: Format,
    node_top: Format,
    text: Format,
    center: Format,
    number: Format,
    link: Format,
    total: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            title: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: light_header(),
            node: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            node_top: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(SECTION_BG)),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            center: Format::new()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top),
            number: Format::new()
                .set_num_format(NUM)
                .set_align(FormatAlign::Top),
            link: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_font_color(Color::Blue)
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            total: Format::new().set_bold(),
        }
    }
}

/// Writes a text into a hierarchy cell, merged to the last hierarchy column when it starts left
/// of it (as the official sheet does).
fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    last: u16,
    s: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if col < last {
        merged(ws, (row, col), (row, last), cell_text(s), format)?;
    } else {
        text(ws, row, col, s, format)?;
    }
    Ok(())
}

fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &FillValue,
    f: &Formats,
) -> Result<(), XlsxError> {
    match value {
        FillValue::Text(t) => text(ws, row, col, t, &f.center)?,
        FillValue::Number(n) => {
            ws.write_number_with_format(row, col, *n, &f.center)?;
        }
    };
    Ok(())
}

fn is_url(s: &str) -> bool {
    let l = s.trim().to_lowercase();
    (l.starts_with("https://") || l.starts_with("http://")) && !l.contains(char::is_whitespace)
}

/// Writes the Catatan, Data Dukung and link cells of an item row.
fn write_item_extras(
    ws: &mut Worksheet,
    row: u32,
    cols: &LkeColumns,
    fill: &ItemFill,
    f: &Formats,
) -> Result<(), XlsxError> {
    if let Some(n) = &fill.note {
        text(ws, row, cols.catatan, n, &f.text)?;
    }
    if let Some(t) = &fill.evidence_text {
        text(ws, row, cols.data_dukung, t, &f.text)?;
    }
    if let Some(l) = &fill.evidence_link {
        if is_url(l) && l.len() <= 2079 {
            ws.write_url_with_format(row, cols.link, l.trim(), &f.link)?;
        } else {
            text(ws, row, cols.link, l, &f.text)?;
        }
    }
    Ok(())
}

fn title_text(criteria: &Criteria, fill: &LkeFill) -> String {
    let mut lines = vec!["LAMPIRAN III".to_string()];
    if !criteria.meta.regulation.trim().is_empty() {
        lines.push(criteria.meta.regulation.trim().to_uppercase());
    }
    lines.push("LEMBAR KERJA EVALUASI ZONA INTEGRITAS".to_string());
    if let Some(u) = &fill.unit_name {
        lines.push(format!("Unit Kerja: {u}"));
    }
    if let Some(i) = &fill.instansi {
        lines.push(format!("Instansi: {i}"));
    }
    if let Some(y) = fill.year {
        lines.push(format!("Tahun Penilaian: {y}"));
    }
    if let Some(n) = &fill.title_note {
        lines.push(n.clone());
    }
    lines.join("\n")
}

/// Column of a hierarchy level (0 = component): marker column, clamped so that the text after it
/// stays within B:G.
fn marker_col(cols: &LkeColumns, level: usize) -> u16 {
    cols.penilaian + level.min(4) as u16
}

/// Writes a filled LKE workbook in the official layout: every node and item of the criteria, with
/// the cells of `fill`. Written atomically ([`crate::output_file`]); an existing file is replaced
/// (these workbooks are fixtures: samples, test and benchmark inputs).
pub fn write_filled_lke(
    path: &Path,
    criteria: &Criteria,
    fill: &LkeFill,
    layout: &LkeLayoutOptions,
) -> Result<(), WriteError> {
    output_file::write_workbook(OutputKind::LkeWorkbook, path, &[], true, || {
        filled_lke_workbook(criteria, fill, layout)?.save_to_buffer()
    })
}

/// The workbook [`write_filled_lke`] saves, for callers that add to it (zona's template adds
/// formulas, validations and protection); rows are where [`plan_lke`] says.
pub fn filled_lke_workbook(
    criteria: &Criteria,
    fill: &LkeFill,
    layout: &LkeLayoutOptions,
) -> Result<Workbook, XlsxError> {
    let plan = plan_lke(criteria, layout);
    let cols = plan.columns;
    let f = Formats::new();
    let empty = ItemFill::default();

    let mut workbook = Workbook::new();
    let mut props = DocProperties::new()
        .set_title("Lembar Kerja Evaluasi Zona Integritas")
        .set_subject(criteria.meta.name.clone())
        .set_author("zona");
    if let Some(u) = &fill.unit_name {
        props = props.set_company(u.clone());
    }
    if let Some(date) = layout.created {
        props = created_on(props, date)?;
    }
    workbook.set_properties(&props);

    let ws = workbook.add_worksheet();
    ws.set_name(&layout.sheet_name)?;
    let widths: [(u16, f64); 17] = [
        (0, 4.0),
        (1, 4.0),
        (2, 4.0),
        (3, 4.0),
        (4, 4.5),
        (5, 4.5),
        (6, 34.0),
        (7, 8.0),
        (8, 28.0),
        (9, 11.0),
        (10, 10.0),
        (11, 8.0),
        (12, 8.0),
        (13, 2.0),
        (14, 18.0),
        (15, 18.0),
        (16, 14.0),
    ];
    for (c, w) in widths {
        // Column A keeps its width; the table moves right by `shift_columns`.
        let col = if c == 0 { 0 } else { c + layout.shift_columns };
        ws.set_column_width(col, w)?;
    }
    for extra in 1..=layout.shift_columns {
        ws.set_column_width(extra, 3.0)?;
    }

    for (row, kind) in &plan.rows {
        let row = *row;
        match *kind {
            LkeRow::Title => {
                let text = title_text(criteria, fill);
                let lines = text.lines().count() as f64;
                merged(
                    ws,
                    (row, cols.penilaian),
                    (row, cols.catatan),
                    &text,
                    &f.title,
                )?;
                ws.set_row_height(row, 15.0 * lines.max(1.0) + 6.0)?;
            }
            LkeRow::ExtraTitle(i) => {
                let line = match i {
                    0 => fill.unit_name.as_ref().map(|u| format!("Unit Kerja: {u}")),
                    1 => fill.instansi.as_ref().map(|s| format!("Instansi: {s}")),
                    2 => fill.year.map(|y| format!("Tahun Penilaian: {y}")),
                    _ => None,
                };
                if let Some(line) = line {
                    plain_text(ws, row, cols.penilaian, line)?;
                }
            }
            LkeRow::Header => {
                merged(
                    ws,
                    (row, cols.penilaian),
                    (row, cols.last_text()),
                    "Penilaian",
                    &f.header,
                )?;
                for (c, h) in [
                    (cols.bobot, "Bobot"),
                    (cols.penjelasan, "Penjelasan"),
                    (cols.pilihan, "Pilihan Jawaban"),
                    (cols.jawaban, "Jawaban"),
                    (cols.nilai, "Nilai"),
                    (cols.persen, "%"),
                    (cols.catatan, "Catatan"),
                    (cols.data_dukung, "Data Dukung"),
                    (cols.link, "Link Data Dukung"),
                ] {
                    text(ws, row, c, h, &f.header)?;
                }
                // Two lines: "Pilihan Jawaban", "Link Data Dukung" wrap in their columns.
                ws.set_row_height(row, 32.0)?;
                ws.set_freeze_panes(row + 1, 0)?;
            }
            LkeRow::Node(id) => {
                let node = criteria.node(id);
                let mc = marker_col(&cols, node.depth);
                let tc = (mc + 1).min(cols.last_text());
                let format = if node.depth < 2 { &f.node_top } else { &f.node };
                if let Some(m) = &node.marker {
                    text(ws, row, mc, m, format)?;
                }
                write_text(ws, row, tc, cols.last_text(), &node.name, format)?;
                ws.write_number_with_format(row, cols.bobot, node.weight, &f.number)?;
            }
            LkeRow::Item(id) => {
                let item = criteria.item(id);
                let level = criteria.node(item.parent).depth + 1;
                let mc = marker_col(&cols, level);
                let tc = (mc + 1).min(cols.last_text());
                let it_fill = fill.items.get(&item.key).unwrap_or(&empty);
                if let Some(m) = &item.marker {
                    text(ws, row, mc, m, &f.center)?;
                }
                write_text(ws, row, tc, cols.last_text(), &item.text, &f.text)?;
                if let Some(w) = item.weight {
                    ws.write_number_with_format(row, cols.bobot, w, &f.number)?;
                }
                if let Some(c) = &item.criteria {
                    text(ws, row, cols.penjelasan, c, &f.text)?;
                }
                text(
                    ws,
                    row,
                    cols.pilihan,
                    criteria.answer_label(item),
                    &f.center,
                )?;
                if let Some(a) = &it_fill.answer {
                    write_value(ws, row, cols.jawaban, a, &f)?;
                }
                write_item_extras(ws, row, &cols, it_fill, &f)?;
            }
            LkeRow::Input { item, input } => {
                let item = criteria.item(item);
                let AnswerKind::Ratio(ratio) = &item.answer else {
                    continue;
                };
                let level = criteria.node(item.parent).depth + 1;
                let tc = (marker_col(&cols, level) + 1).min(cols.last_text());
                let inp = &ratio.inputs[input];
                write_text(
                    ws,
                    row,
                    tc,
                    cols.last_text(),
                    &format!("- {}", inp.label),
                    &f.text,
                )?;
                text(ws, row, cols.pilihan, "Jumlah", &f.center)?;
                let it_fill = fill.items.get(&item.key).unwrap_or(&empty);
                let value = it_fill.inputs.get(&inp.key).cloned().or_else(|| {
                    if inp.sum_of.is_empty() {
                        return None;
                    }
                    inp.sum_of
                        .iter()
                        .map(|p| {
                            it_fill
                                .inputs
                                .get(&ratio.inputs[*p].key)
                                .and_then(FillValue::as_number)
                        })
                        .sum::<Option<f64>>()
                        .map(FillValue::Number)
                });
                if let Some(v) = &value {
                    write_value(ws, row, cols.jawaban, v, &f)?;
                }
            }
            LkeRow::Total(id) => {
                let text = format!("TOTAL {}", criteria.node(id).name);
                merged(
                    ws,
                    (row, cols.penilaian),
                    (row, cols.penjelasan),
                    &text,
                    &f.total,
                )?;
            }
            LkeRow::GrandTotal => {
                merged(
                    ws,
                    (row, cols.penilaian),
                    (row, cols.jawaban),
                    "NILAI EVALUASI ZONA INTEGRITAS",
                    &f.total,
                )?;
            }
            LkeRow::Blank => {}
        }
    }
    if layout.unit_sheet {
        write_unit_sheet(&mut workbook, fill)?;
    }
    Ok(workbook)
}

/// Labels of the unit sheet, as the reader (`zona_read::unit`) understands them.
pub const UNIT_SHEET_LABELS: [&str; 4] = [
    "Nama unit",
    "Instansi",
    "Tahun",
    "Predikat yang sudah diperoleh",
];

/// The label of the unit sheet's row for the year the predicate held was awarded, written only
/// when [`LkeFill::awarded_year`] is set.
pub const AWARDED_YEAR_LABEL: &str = "Tahun diperoleh";

/// Writes the `Unit` sheet: one label/value row per fact.
pub fn write_unit_sheet(workbook: &mut Workbook, fill: &LkeFill) -> Result<(), XlsxError> {
    let ws = workbook.add_worksheet();
    ws.set_name("Unit")?;
    let bold = Format::new().set_bold();
    ws.set_column_width(0, 32.0)?;
    ws.set_column_width(1, 48.0)?;
    crate::sheet::print_setup(ws, &[32.0, 48.0], Some((0, 0)))?;
    let values = [
        fill.unit_name.clone(),
        fill.instansi.clone(),
        fill.year.map(|y| y.to_string()),
        fill.prior_predicate.clone(),
    ];
    for (r, (label, value)) in UNIT_SHEET_LABELS.iter().zip(values).enumerate() {
        text(ws, r as u32, 0, *label, &bold)?;
        if let Some(v) = value {
            plain_text(ws, r as u32, 1, v)?;
        }
    }
    if let Some(y) = fill.awarded_year {
        let r = UNIT_SHEET_LABELS.len() as u32;
        text(ws, r, 0, AWARDED_YEAR_LABEL, &bold)?;
        ws.write_number(r, 1, f64::from(y))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_matches_official_rows() {
        let c = zona_core::default_criteria();
        let plan = plan_lke(&c, &LkeLayoutOptions::default());
        // Official sheet: header row 2, first item on row 8, "Rencana Pembangunan" items 11–13.
        assert_eq!(plan.header_row, 1);
        assert_eq!(
            plan.answer_cell("pemenuhan.mp.tim_kerja.a").as_deref(),
            Some("K8")
        );
        assert_eq!(
            plan.answer_cell("pemenuhan.mp.rencana_pembangunan.c")
                .as_deref(),
            Some("K13")
        );
        let shifted = plan_lke(
            &c,
            &LkeLayoutOptions {
                extra_title_rows: 2,
                blank_row_after_each_subarea: true,
                shift_columns: 1,
                ..Default::default()
            },
        );
        assert_eq!(
            shifted.answer_cell("pemenuhan.mp.tim_kerja.a").as_deref(),
            Some("L10")
        );
        let omitted = plan_lke(
            &c,
            &LkeLayoutOptions {
                omit_items: ["reform.mp.komitmen.a".to_string()].into(),
                ..Default::default()
            },
        );
        assert!(omitted.item_row("reform.mp.komitmen.a").is_none());
        assert!(omitted
            .input_row("reform.mp.komitmen.a", "jumlah_agen")
            .is_none());
        assert!(omitted
            .input_row("reform.mp.komitmen.b", "perubahan_dibuat")
            .is_some());
    }
}
