//! zona's blank LKE template (`zona template`): a workbook in the official layout for any criteria,
//! which a unit fills in Excel or LibreOffice and which computes its own score with formulas, the
//! way zona does (docs/template.md).
//!
//! The sheet is the one [`crate::lke_writer`] writes (same rows and columns, so the reader reads the
//! template back with no special case), plus:
//!
//! - **Formulas.** Nilai (L) of every item: the option values of its scale, taken from the criteria
//!   and written into a nested `IF` (`IF(UPPER(TRIM(K8))="B",0.67,…)`); a survey index divided by
//!   the scale's maximum; a ratio computed from its count inputs with the edge cases of
//!   docs/scoring-rules.md §2. A weighted item (hasil) shows value × its Bobot. Sub-area: the sum of
//!   its items' values ÷ the number of items × its Bobot (unanswered items count 0, zona's default
//!   policy, stated in a note row under the table); weighted items: the sum of their points; every
//!   other node and the `TOTAL` rows: the sum of their children; `NILAI EVALUASI ZONA INTEGRITAS`:
//!   the sum of the roots. `%` (M) = Nilai ÷ Bobot. A summed count input ("Jumlah yang harus
//!   melaporkan") is a `SUM` of its parts.
//! - **Drop-downs and checks.** Jawaban of a choice item: a list of exactly its scale's option
//!   codes (inline, or from the hidden sheet `Pilihan` when the list cannot be written inline);
//!   count inputs: whole numbers ≥ 0; survey indices: decimals between 0 and the scale's maximum.
//! - **Protection.** Both sheets are protected without a password; only Jawaban, Catatan, Data
//!   Dukung and Link cells of item and `Jumlah` rows, and the values of the `Unit` sheet, are
//!   unlocked (and tinted).
//! - **Unit sheet.** [`crate::lke_writer::write_unit_sheet`] with a drop-down of `Belum ada` and the
//!   criteria's predicate names for the predicate already held.
//!
//! Formula cells carry an empty cached result, so Excel and LibreOffice compute them on opening.
//! The bytes are deterministic (fixed creation date; rust_xlsxwriter writes fixed zip timestamps).
//! The file is written atomically (a temporary file in the same directory, then a rename or a
//! hard link), and an existing file is replaced only with `force`.

use std::path::Path;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, FormatUnderline,
    Formula, ProtectionOptions, Worksheet, XlsxError,
};
use zona_core::criteria::{
    Aggregation, AnswerKind, ChoiceOption, Criteria, Formula as RatioFormula, ScaleKind,
};
use zona_core::{ItemId, Lang, NodeId};

use crate::lke_writer::{
    filled_lke_workbook, plan_lke, LkeColumns, LkeFill, LkeLayoutOptions, LkePlan, LkeRow,
    UNIT_SHEET_LABELS,
};
use crate::output_file;
use crate::sheet::{merged, plain_text, text, BORDER, COUNT, FRACTION_PCT, NUM};
use crate::{OutputKind, WriteError, CREATION_DATE};
use zona_core::a1::cell_name;

/// Name of the LKE sheet of the template.
pub const LKE_SHEET: &str = "LKE ZI";
/// Name of the unit sheet (written by [`crate::lke_writer::write_unit_sheet`]).
pub const UNIT_SHEET: &str = "Unit";
/// Name of the hidden sheet holding drop-down lists that cannot be written inline (only present
/// when needed).
pub const LISTS_SHEET: &str = "Pilihan";
/// The first option of the predicate drop-down of the unit sheet: no predicate held yet.
pub const NO_PREDICATE: &str = "Belum ada";

/// Excel's limit for an inline drop-down list (characters, commas included).
const INLINE_LIST_MAX: usize = 255;
/// Excel's limits for data validation titles and messages.
const TITLE_MAX: usize = 32;
const MESSAGE_MAX: usize = 255;
/// Excel's limit of arguments of one function call.
const MAX_ARGS: usize = 255;
/// About how many characters of text fit on one line of the item text and Penjelasan columns
/// (55 wide, Calibri 11), for row heights.
const CHARS_PER_LINE: usize = 65;

/// How to write the template.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateOptions {
    /// Replace an existing file.
    pub force: bool,
    /// Language of the notes, drop-down prompts and status texts (`Blm Diisi` / `Not answered`).
    /// The LKE table itself (headers, item texts) stays as the criteria and the official layout
    /// write it, so that the reader recognises it.
    pub lang: Lang,
    /// Creation date stored in the document properties (year, month, day; midnight UTC). Fixed
    /// ([`CREATION_DATE`] by default) so that the same criteria always give the same bytes.
    pub created: (u16, u8, u8),
}

impl Default for TemplateOptions {
    fn default() -> Self {
        TemplateOptions {
            force: false,
            lang: Lang::Id,
            created: CREATION_DATE,
        }
    }
}

/// The layout options the template is written with (official layout, `Unit` sheet).
pub fn template_layout(options: &TemplateOptions) -> LkeLayoutOptions {
    LkeLayoutOptions {
        sheet_name: LKE_SHEET.to_string(),
        unit_sheet: true,
        created: Some(options.created),
        ..LkeLayoutOptions::default()
    }
}

/// Where every row of the template's LKE sheet is (nodes, items, count inputs, totals).
pub fn template_plan(criteria: &Criteria) -> LkePlan {
    plan_lke(criteria, &template_layout(&TemplateOptions::default()))
}

/// Writes the template to `path`, pre-filled with `fill` when given (atomically; an existing file
/// only with `options.force`). A fill value for a summed count input is not written: that cell is
/// the `SUM` of its parts.
pub fn write_template(
    path: &Path,
    criteria: &Criteria,
    fill: Option<&LkeFill>,
    options: &TemplateOptions,
) -> Result<(), WriteError> {
    output_file::write_workbook(OutputKind::Template, path, &[], options.force, || {
        template_bytes(criteria, fill, options)
    })
}

/// The template as xlsx bytes (what [`write_template`] writes).
pub fn template_bytes(
    criteria: &Criteria,
    fill: Option<&LkeFill>,
    options: &TemplateOptions,
) -> Result<Vec<u8>, XlsxError> {
    let empty = LkeFill::default();
    let fill = fill.unwrap_or(&empty);
    let layout = template_layout(options);
    let plan = plan_lke(criteria, &layout);
    let texts = Texts::new(options.lang);
    let formats = Formats::new();
    let mut workbook = filled_lke_workbook(criteria, fill, &layout)?;

    // Drop-down lists: one per choice scale used by an item, and the predicates.
    let mut lists = Lists::default();
    for item in &criteria.items {
        if let AnswerKind::Choice(s) = item.answer {
            if let ScaleKind::Choice(options) = &criteria.scales[s].kind {
                lists.add(
                    ListKey::Scale(s),
                    &criteria.scales[s].key,
                    options.iter().map(|o| o.code.clone()).collect(),
                );
            }
        }
    }
    let mut predicates = vec![NO_PREDICATE.to_string()];
    predicates.extend(criteria.predicates.iter().map(|p| p.name.clone()));
    lists.add(ListKey::Predicates, "predikat", predicates);

    {
        let ws = workbook.worksheet_from_name(LKE_SHEET)?;
        let mut sheet = LkeSheet {
            ws,
            criteria,
            plan: &plan,
            cols: plan.columns,
            texts: &texts,
            f: &formats,
            lists: &lists,
        };
        sheet.decorate()?;
    }
    {
        let ws = workbook.worksheet_from_name(UNIT_SHEET)?;
        decorate_unit_sheet(ws, &lists, &texts, &formats)?;
    }
    if lists.needs_sheet() {
        let ws = workbook.add_worksheet();
        ws.set_name(LISTS_SHEET)?;
        lists.write_sheet(ws)?;
        ws.set_hidden(true);
        ws.protect();
    }
    workbook.save_to_buffer()
}

// ---------------------------------------------------------------------------------------------
// Texts

/// The words of the template in one language.
struct Texts {
    lang: Lang,
    blank: &'static str,
    invalid: &'static str,
    inconsistent: &'static str,
}

impl Texts {
    fn new(lang: Lang) -> Self {
        Texts {
            lang,
            blank: lang.pick("Blm Diisi", "Not answered"),
            invalid: lang.pick("Tidak valid", "Invalid"),
            inconsistent: lang.pick("Tidak konsisten", "Inconsistent"),
        }
    }

    fn pick<'a>(&self, id: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(id, en)
    }

    /// The decimal separator of the language (for prompts only; formulas use a point).
    fn num(&self, v: f64) -> String {
        zona_core::lang::fmt_plain(v, self.lang)
    }

    /// The note rows under the table.
    fn notes(&self, criteria: &Criteria) -> Vec<String> {
        let name = &criteria.meta.name;
        match self.lang {
            Lang::Id => vec![
                format!(
                    "Cara mengisi: pilih jawaban di kolom Jawaban dari daftar pilihannya; baris \"Jumlah\" diisi bilangan bulat ≥ 0; nilai survei (IPAK, IPKP) diisi angka indeks. Catatan, data dukung dan tautannya di kolom Catatan, Data Dukung dan Link Data Dukung. Sel berwarna dapat diisi; sel lain terkunci (proteksi lembar tanpa kata sandi). Data unit diisi di lembar \"{UNIT_SHEET}\"."
                ),
                "Nilai sub-area = rata-rata nilai butirnya × bobot; butir yang belum diisi atau tidak valid dihitung 0 (kebijakan bawaan zona, zona score --unanswered zero). Lembar kerja resmi memakai AVERAGE yang melewati butir kosong; zona score --unanswered exclude menirunya.".to_string(),
                "Butir persentase: bila jumlah yang harus dan yang sudah sama-sama 0, nilainya 1; bila yang harus 0 tetapi yang sudah lebih dari 0, butir dianggap belum diisi (tidak konsisten); nilai paling tinggi 1. Penurunan: tahun lalu = tahun ini = 0 → 1; tahun lalu 0 dan tahun ini lebih dari 0 → 0. Jumlah gabungan dihitung dari rinciannya. Setiap baris Jumlah wajib diisi.".to_string(),
                format!(
                    "Nilai setiap pilihan jawaban dan semua bobot diambil dari kriteria \"{name}\" yang dipakai zona untuk menyusun templat ini; rumus lembar ini menghitung nilai yang sama dengan zona score."
                ),
            ],
            Lang::En => vec![
                format!(
                    "How to fill: choose the answer in the Jawaban column from its drop-down list; \"Jumlah\" rows take whole numbers ≥ 0; survey values (IPAK, IPKP) take the index. Notes, evidence and its link go into the Catatan, Data Dukung and Link Data Dukung columns. Tinted cells can be filled; all other cells are locked (sheet protection without a password). Unit details go into the \"{UNIT_SHEET}\" sheet."
                ),
                "Sub-area score = mean of its items' values × weight; unanswered or invalid items count 0 (zona's default policy, zona score --unanswered zero). The official workbook uses AVERAGE, which skips empty items; zona score --unanswered exclude reproduces it.".to_string(),
                "Percentage items: when the required and the done counts are both 0 the value is 1; when required is 0 but done is more than 0 the item counts as unanswered (inconsistent); the value is at most 1. Reduction: last year = this year = 0 → 1; last year 0 and this year more than 0 → 0. Summed counts are computed from their parts. Every Jumlah row must be filled.".to_string(),
                format!(
                    "Every option value and every weight comes from the criteria \"{name}\" zona built this template from; the formulas of this sheet compute the same values as zona score."
                ),
            ],
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Formats

struct Formats {
    /// Jawaban cells: unlocked, tinted, centred.
    input: Format,
    /// Catatan and Data Dukung cells: unlocked, tinted, wrapped.
    input_text: Format,
    /// Link cells: unlocked, tinted, link style.
    input_link: Format,
    /// Item values.
    value: Format,
    /// Node subtotals.
    subtotal: Format,
    percent: Format,
    percent_bold: Format,
    /// A summed count (formula).
    count: Format,
    note: Format,
}

impl Formats {
    fn new() -> Self {
        let tint = Color::RGB(0x00FF_F2CC);
        let unlocked = |f: Format| {
            f.set_unlocked()
                .set_background_color(tint)
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(BORDER))
                .set_align(FormatAlign::Top)
        };
        Formats {
            input: unlocked(Format::new().set_align(FormatAlign::Center)),
            input_text: unlocked(Format::new().set_text_wrap()),
            input_link: unlocked(
                Format::new()
                    .set_text_wrap()
                    .set_font_color(Color::Blue)
                    .set_underline(FormatUnderline::Single),
            ),
            value: Format::new()
                .set_num_format(NUM)
                .set_align(FormatAlign::Top),
            subtotal: Format::new()
                .set_num_format(NUM)
                .set_bold()
                .set_align(FormatAlign::Top),
            percent: Format::new()
                .set_num_format(FRACTION_PCT)
                .set_align(FormatAlign::Top),
            percent_bold: Format::new()
                .set_num_format(FRACTION_PCT)
                .set_bold()
                .set_align(FormatAlign::Top),
            count: Format::new()
                .set_num_format(COUNT)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top),
            note: Format::new()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Drop-down lists

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKey {
    Scale(usize),
    Predicates,
}

#[derive(Default)]
struct Lists {
    /// (key, entries, column on the lists sheet when it cannot be inline).
    lists: Vec<(ListKey, Vec<String>, Option<u16>)>,
    /// Headers of the lists sheet's columns.
    headers: Vec<String>,
}

impl Lists {
    fn add(&mut self, key: ListKey, header: &str, entries: Vec<String>) {
        if self.lists.iter().any(|(k, _, _)| *k == key) {
            return;
        }
        let entries: Vec<String> = entries
            .into_iter()
            .map(|e| crate::sheet::xml_attr_text(&e).into_owned())
            .collect();
        // Inline lists are comma-separated with quotes doubled (what rust_xlsxwriter writes).
        let joined = entries.join(",").replace('"', "\"\"");
        let inline = entries
            .iter()
            .all(|e| !e.contains(',') && !e.trim().is_empty())
            && utf16_len(&joined) <= INLINE_LIST_MAX;
        let col = (!inline).then(|| {
            self.headers.push(header.to_string());
            (self.headers.len() - 1) as u16
        });
        self.lists.push((key, entries, col));
    }

    fn get(&self, key: ListKey) -> Option<&(ListKey, Vec<String>, Option<u16>)> {
        self.lists.iter().find(|(k, _, _)| *k == key)
    }

    fn needs_sheet(&self) -> bool {
        self.lists.iter().any(|l| l.2.is_some())
    }

    /// The validation of a list: inline, or a reference to the lists sheet.
    fn validation(&self, key: ListKey) -> Result<DataValidation, XlsxError> {
        let Some((_, entries, col)) = self.get(key) else {
            return Err(XlsxError::ParameterError(format!(
                "no drop-down list for {key:?}"
            )));
        };
        match col {
            None => DataValidation::new().allow_list_strings(entries),
            Some(c) => {
                let letters = zona_core::a1::col_name(u32::from(*c));
                let last = entries.len().max(1) + 1;
                Ok(
                    DataValidation::new().allow_list_formula(Formula::new(format!(
                        "='{LISTS_SHEET}'!${letters}$2:${letters}${last}"
                    ))),
                )
            }
        }
    }

    fn write_sheet(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (_, entries, col) in &self.lists {
            let Some(c) = col else { continue };
            if let Some(h) = self.headers.get(usize::from(*c)) {
                plain_text(ws, 0, *c, h)?;
            }
            for (r, e) in entries.iter().enumerate() {
                plain_text(ws, r as u32 + 1, *c, e)?;
            }
        }
        Ok(())
    }
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Cuts a text to at most `max` UTF-16 units (Excel's limits), ending with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    let s = &*crate::sheet::xml_attr_text(s);
    if utf16_len(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        if utf16_len(&out) + ch.len_utf16() + 1 > max {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

fn with_messages(
    v: DataValidation,
    title: &str,
    input: &str,
    error_title: &str,
    error: &str,
) -> Result<DataValidation, XlsxError> {
    v.set_input_title(clip(title, TITLE_MAX))?
        .set_input_message(clip(input, MESSAGE_MAX))?
        .set_error_title(clip(error_title, TITLE_MAX))?
        .set_error_message(clip(error, MESSAGE_MAX))
}

// ---------------------------------------------------------------------------------------------
// Formula text

/// A number as a formula literal (Rust prints the shortest exact form, never an exponent).
fn lit(v: f64) -> String {
    format!("{v}")
}

/// A string as a formula literal.
fn text_lit(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `SUM(a,b,…)` of cell references, nested when there are more than Excel's 255 arguments.
fn sum_of(refs: &[String]) -> String {
    if refs.is_empty() {
        return "0".to_string();
    }
    if refs.len() <= MAX_ARGS {
        return format!("SUM({})", refs.join(","));
    }
    let parts: Vec<String> = refs.chunks(MAX_ARGS).map(sum_of).collect();
    sum_of(&parts)
}

/// How a choice answer compares: what Excel's `UPPER(TRIM(…))` makes of the code.
fn code_key(code: &str) -> String {
    code.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Value of a choice item: `IF(K="",blank,IF(UPPER(TRIM(K))="A",1,IF(…,"Tidak valid")))`.
fn choice_formula(k: &str, options: &[ChoiceOption], mult: &str, t: &Texts) -> String {
    let mut f = format!("IF({k}=\"\",{},", text_lit(t.blank));
    for o in options {
        f.push_str(&format!(
            "IF(UPPER(TRIM({k}))={},{}{mult},",
            text_lit(&code_key(&o.code)),
            lit(o.value)
        ));
    }
    f.push_str(&text_lit(t.invalid));
    f.push_str(&")".repeat(options.len() + 1));
    f
}

/// Value of a survey index item: the index ÷ the scale's maximum.
fn index_formula(k: &str, max: f64, mult: &str, t: &Texts) -> String {
    let m = lit(max);
    let inv = text_lit(t.invalid);
    format!(
        "IF({k}=\"\",{},IF(ISNUMBER({k}),IF(AND({k}>=0,{k}<={m}),{k}/{m}{mult},{inv}),{inv}))",
        text_lit(t.blank)
    )
}

/// Value of a ratio item from its count cells (`cells[i]` is input i's Jawaban cell).
fn ratio_formula(
    ratio: &zona_core::criteria::Ratio,
    cells: &[String],
    mult: &str,
    t: &Texts,
) -> String {
    let typed: Vec<&String> = ratio
        .inputs
        .iter()
        .zip(cells)
        .filter(|(inp, _)| inp.sum_of.is_empty())
        .map(|(_, c)| c)
        .collect();
    if typed.is_empty() {
        return text_lit(t.blank);
    }
    let blank = format!(
        "OR({})",
        typed
            .iter()
            .map(|c| format!("{c}=\"\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    let numbers = format!(
        "AND({})",
        typed
            .iter()
            .map(|c| format!("ISNUMBER({c})"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let bad = format!(
        "OR({})",
        typed
            .iter()
            .map(|c| format!("{c}<0,{c}<>INT({c})"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let core = match ratio.formula {
        RatioFormula::Share { done, required } => {
            let (d, r) = (&cells[done], &cells[required]);
            format!(
                "IF(AND({r}=0,{d}=0),1{mult},IF({r}=0,{},MIN(1,{d}/{r}){mult}))",
                text_lit(t.inconsistent)
            )
        }
        RatioFormula::Reduction { previous, current } => {
            let (p, c) = (&cells[previous], &cells[current]);
            format!("IF(AND({p}=0,{c}=0),1{mult},IF({p}=0,0{mult},MAX(0,({p}-{c})/{p}){mult}))")
        }
    };
    let inv = text_lit(t.invalid);
    format!(
        "IF({blank},{},IF(NOT({numbers}),{inv},IF({bad},{inv},{core})))",
        text_lit(t.blank)
    )
}

/// The formula of a summed count input `i`: the sum of its parts, as zona's core computes it: a
/// part that is itself a sum counts only when it comes earlier in the item's inputs (later sums
/// are not computed yet there and count 0), which also rules out circular references.
fn summed_input_formula(ratio: &zona_core::criteria::Ratio, i: usize, cells: &[String]) -> String {
    let refs: Vec<String> = ratio.inputs[i]
        .sum_of
        .iter()
        .filter(|p| ratio.inputs[**p].sum_of.is_empty() || **p < i)
        .map(|p| cells[*p].clone())
        .collect();
    sum_of(&refs)
}

// ---------------------------------------------------------------------------------------------
// The LKE sheet

struct LkeSheet<'a> {
    ws: &'a mut Worksheet,
    criteria: &'a Criteria,
    plan: &'a LkePlan,
    cols: LkeColumns,
    texts: &'a Texts,
    f: &'a Formats,
    lists: &'a Lists,
}

impl LkeSheet<'_> {
    fn cell(&self, row: u32, col: u16) -> String {
        cell_name(row, u32::from(col))
    }

    fn node_row(&self, id: NodeId) -> Option<u32> {
        self.plan.rows.iter().find_map(|(r, k)| match k {
            LkeRow::Node(n) if *n == id => Some(*r),
            _ => None,
        })
    }

    fn item_row(&self, id: ItemId) -> Option<u32> {
        self.plan.item_row(&self.criteria.item(id).key)
    }

    /// Jawaban cells of a ratio item's inputs (aligned with its inputs). An input without a row,
    /// which the template never has, is the empty text: the item stays unanswered, as in zona.
    fn input_cells(&self, id: ItemId) -> Vec<String> {
        let item = self.criteria.item(id);
        let AnswerKind::Ratio(ratio) = &item.answer else {
            return Vec::new();
        };
        ratio
            .inputs
            .iter()
            .map(|inp| {
                self.plan
                    .input_row(&item.key, &inp.key)
                    .map_or_else(|| "\"\"".to_string(), |r| self.cell(r, self.cols.jawaban))
            })
            .collect()
    }

    fn decorate(&mut self) -> Result<(), XlsxError> {
        self.ws.set_formula_result_default("");
        let rows = self.plan.rows.clone();
        let mut first_answer: Option<u32> = None;
        let mut last_row = 0;
        for (row, kind) in rows {
            last_row = row;
            match kind {
                LkeRow::Node(id) => self.node(row, id)?,
                LkeRow::Item(id) => {
                    self.item(row, id)?;
                    if first_answer.is_none()
                        && !matches!(self.criteria.item(id).answer, AnswerKind::Ratio(_))
                    {
                        first_answer = Some(row);
                    }
                }
                LkeRow::Input { item, input } => self.input(row, item, input)?,
                LkeRow::Total(id) => self.total(row, id)?,
                LkeRow::GrandTotal => self.grand_total(row)?,
                _ => {}
            }
        }
        self.notes(last_row + 2)?;
        if let Some(r) = first_answer {
            self.ws
                .set_selection(r, self.cols.jawaban, r, self.cols.jawaban)?;
        }
        // Printed on A4 landscape, one page wide, the header repeated on every page.
        self.ws
            .set_landscape()
            .set_paper_size(crate::sheet::PAPER_A4)
            .set_print_fit_to_pages(1, 0)
            .set_repeat_rows(self.plan.header_row, self.plan.header_row)?;
        self.ws.protect_with_options(&ProtectionOptions {
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::new()
        });
        Ok(())
    }

    fn percent(&mut self, row: u32, weight: &str, bold: bool) -> Result<(), XlsxError> {
        let l = self.cell(row, self.cols.nilai);
        let f = format!("=IF({weight}>0,{l}/{weight},0)");
        let fmt = if bold {
            &self.f.percent_bold
        } else {
            &self.f.percent
        };
        self.ws
            .write_formula_with_format(row, self.cols.persen, Formula::new(f), fmt)?;
        Ok(())
    }

    fn node(&mut self, row: u32, id: NodeId) -> Result<(), XlsxError> {
        let node = self.criteria.node(id);
        let h = self.cell(row, self.cols.bobot);
        let formula = if self.criteria.aggregation(id) == Aggregation::Sum {
            let refs: Vec<String> = node
                .children
                .iter()
                .filter_map(|c| self.node_row(*c))
                .map(|r| self.cell(r, self.cols.nilai))
                .collect();
            sum_of(&refs)
        } else {
            let rows: Vec<u32> = node
                .items
                .iter()
                .filter_map(|i| self.item_row(*i))
                .collect();
            let (Some(first), Some(last)) = (rows.iter().min(), rows.iter().max()) else {
                return Err(XlsxError::ParameterError(format!(
                    "node {} has no item rows",
                    node.key
                )));
            };
            let range = format!(
                "{}:{}",
                self.cell(*first, self.cols.nilai),
                self.cell(*last, self.cols.nilai)
            );
            if self.criteria.aggregation(id) == Aggregation::Weighted {
                format!("SUM({range})")
            } else {
                format!("SUM({range})/{}*{h}", node.items.len())
            }
        };
        self.ws.write_formula_with_format(
            row,
            self.cols.nilai,
            Formula::new(format!("={formula}")),
            &self.f.subtotal,
        )?;
        self.percent(row, &h, true)
    }

    fn item(&mut self, row: u32, id: ItemId) -> Result<(), XlsxError> {
        let item = self.criteria.item(id);
        let cols = self.cols;
        let k = self.cell(row, cols.jawaban);
        let h = self.cell(row, cols.bobot);
        let mult = if item.weight.is_some() {
            format!("*{h}")
        } else {
            String::new()
        };
        let t = self.texts;
        let formula = match &item.answer {
            AnswerKind::Choice(s) => {
                let scale = &self.criteria.scales[*s];
                let ScaleKind::Choice(options) = &scale.kind else {
                    return Err(XlsxError::ParameterError(format!(
                        "item {} answers on scale {}, which has no options",
                        item.key, scale.key
                    )));
                };
                self.ws.set_cell_format(row, cols.jawaban, &self.f.input)?;
                let codes: Vec<&str> = options.iter().map(|o| o.code.as_str()).collect();
                let values: Vec<String> = options
                    .iter()
                    .map(|o| format!("{} = {}", o.code, t.num(o.value)))
                    .collect();
                let v = with_messages(
                    self.lists.validation(ListKey::Scale(*s))?,
                    &scale.name,
                    &format!("{}: {}", t.pick("Pilih", "Choose"), values.join("; ")),
                    t.pick("Jawaban tidak sah", "Invalid answer"),
                    &format!(
                        "{} {}",
                        t.pick("Pilih salah satu:", "Choose one of:"),
                        codes.join(", ")
                    ),
                )?;
                self.ws
                    .add_data_validation(row, cols.jawaban, row, cols.jawaban, &v)?;
                choice_formula(&k, options, &mult, t)
            }
            AnswerKind::Index { max, .. } => {
                self.ws.set_cell_format(row, cols.jawaban, &self.f.input)?;
                let range = format!("0 – {}", t.num(*max));
                let v = with_messages(
                    DataValidation::new()
                        .allow_decimal_number(DataValidationRule::Between(0.0, *max)),
                    self.criteria.answer_label(item),
                    &format!(
                        "{} {range}",
                        t.pick("Isi nilai indeks survei,", "Enter the survey index,")
                    ),
                    t.pick("Nilai tidak sah", "Invalid value"),
                    &format!(
                        "{} {range}",
                        t.pick("Nilai harus antara", "The value must lie within")
                    ),
                )?;
                self.ws
                    .add_data_validation(row, cols.jawaban, row, cols.jawaban, &v)?;
                index_formula(&k, *max, &mult, t)
            }
            AnswerKind::Ratio(ratio) => {
                let cells = self.input_cells(id);
                ratio_formula(ratio, &cells, &mult, t)
            }
        };
        self.ws.write_formula_with_format(
            row,
            cols.nilai,
            Formula::new(format!("={formula}")),
            &self.f.value,
        )?;
        if item.weight.is_some() {
            // An unanswered weighted item shows its status in Nilai and nothing in %.
            let l = self.cell(row, cols.nilai);
            self.ws.write_formula_with_format(
                row,
                cols.persen,
                Formula::new(format!("=IF(AND(ISNUMBER({l}),{h}>0),{l}/{h},\"\")")),
                &self.f.percent,
            )?;
        }
        // Tall enough for the wrapped item text and criteria text (merged cells never grow by
        // themselves).
        let longest = item
            .text
            .chars()
            .count()
            .max(item.criteria.as_deref().map_or(0, |c| c.chars().count()));
        let lines = longest.div_ceil(CHARS_PER_LINE).max(1);
        if lines > 1 {
            self.ws.set_row_height(row, 15.0 * lines as f64)?;
        }
        self.unlock_extras(row)
    }

    fn input(&mut self, row: u32, id: ItemId, input: usize) -> Result<(), XlsxError> {
        let item = self.criteria.item(id);
        let AnswerKind::Ratio(ratio) = &item.answer else {
            return Ok(());
        };
        let cols = self.cols;
        let inp = &ratio.inputs[input];
        let t = self.texts;
        if inp.sum_of.is_empty() {
            self.ws.set_cell_format(row, cols.jawaban, &self.f.input)?;
            let v = with_messages(
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
                t.pick("Jumlah", "Count"),
                &format!(
                    "{} {}",
                    inp.label,
                    t.pick("(bilangan bulat ≥ 0)", "(a whole number ≥ 0)")
                ),
                t.pick("Jumlah tidak sah", "Invalid count"),
                t.pick(
                    "Isi bilangan bulat 0 atau lebih.",
                    "Enter a whole number, 0 or more.",
                ),
            )?;
            self.ws
                .add_data_validation(row, cols.jawaban, row, cols.jawaban, &v)?;
        } else {
            let cells = self.input_cells(id);
            let f = summed_input_formula(ratio, input, &cells);
            self.ws.write_formula_with_format(
                row,
                cols.jawaban,
                Formula::new(format!("={f}")),
                &self.f.count,
            )?;
        }
        self.unlock_extras(row)
    }

    /// Catatan, Data Dukung and Link cells of an item or count row: unlocked.
    fn unlock_extras(&mut self, row: u32) -> Result<(), XlsxError> {
        let cols = self.cols;
        self.ws
            .set_cell_format(row, cols.catatan, &self.f.input_text)?;
        self.ws
            .set_cell_format(row, cols.data_dukung, &self.f.input_text)?;
        self.ws
            .set_cell_format(row, cols.link, &self.f.input_link)?;
        Ok(())
    }

    fn total(&mut self, row: u32, root: NodeId) -> Result<(), XlsxError> {
        let Some(r) = self.node_row(root) else {
            return Ok(());
        };
        let l = self.cell(r, self.cols.nilai);
        self.ws.write_formula_with_format(
            row,
            self.cols.nilai,
            Formula::new(format!("={l}")),
            &self.f.subtotal,
        )?;
        let h = self.cell(r, self.cols.bobot);
        self.percent(row, &h, true)
    }

    fn grand_total(&mut self, row: u32) -> Result<(), XlsxError> {
        let totals: Vec<u32> = self
            .plan
            .rows
            .iter()
            .filter_map(|(r, k)| matches!(k, LkeRow::Total(_)).then_some(*r))
            .collect();
        let roots: Vec<String> = self
            .criteria
            .roots
            .iter()
            .filter_map(|r| self.node_row(*r))
            .map(|r| self.cell(r, self.cols.bobot))
            .collect();
        let values: Vec<String> = totals
            .iter()
            .map(|r| self.cell(*r, self.cols.nilai))
            .collect();
        self.ws.write_formula_with_format(
            row,
            self.cols.nilai,
            Formula::new(format!("={}", sum_of(&values))),
            &self.f.subtotal,
        )?;
        let weight = format!("({})", sum_of(&roots));
        self.percent(row, &weight, true)
    }

    /// The note rows under the table: how to fill, the unanswered policy, the ratio rules.
    fn notes(&mut self, first: u32) -> Result<(), XlsxError> {
        let cols = self.cols;
        for (i, note) in self.texts.notes(self.criteria).iter().enumerate() {
            let row = first + i as u32;
            merged(
                self.ws,
                (row, cols.penilaian),
                (row, cols.link),
                note,
                &self.f.note,
            )?;
            // Roughly two lines of the merged width per 300 characters.
            let lines = (note.chars().count() / 150 + 1) as f64;
            self.ws.set_row_height(row, 15.0 * lines)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The unit sheet

fn decorate_unit_sheet(
    ws: &mut Worksheet,
    lists: &Lists,
    t: &Texts,
    f: &Formats,
) -> Result<(), XlsxError> {
    for r in 0..UNIT_SHEET_LABELS.len() as u32 {
        ws.set_cell_format(r, 1, &f.input_text)?;
    }
    let predicate_row = (UNIT_SHEET_LABELS.len() - 1) as u32;
    let v = with_messages(
        lists.validation(ListKey::Predicates)?,
        t.pick("Predikat", "Predicate"),
        t.pick(
            "Predikat yang sudah diperoleh unit; \"Belum ada\" bila belum ada.",
            "The predicate the unit already holds; \"Belum ada\" (none) if none.",
        ),
        t.pick("Predikat tidak sah", "Invalid predicate"),
        t.pick(
            "Pilih dari daftar predikat.",
            "Choose from the list of predicates.",
        ),
    )?;
    ws.add_data_validation(predicate_row, 1, predicate_row, 1, &v)?;
    let note_row = UNIT_SHEET_LABELS.len() as u32 + 1;
    text(ws,
        note_row,
        0,
        t.pick(
            "Isi kolom B: nama unit, instansi, tahun penilaian, dan predikat yang sudah diperoleh (pilih dari daftar).",
            "Fill column B: unit name, instansi, evaluation year, and the predicate already held (choose from the list).",
        ),
        &f.note,
    )?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Texts {
        Texts::new(Lang::Id)
    }

    #[test]
    fn choice_formulas_carry_the_criteria_values() {
        let options = vec![
            ChoiceOption {
                code: "A".into(),
                value: 1.0,
            },
            ChoiceOption {
                code: "b".into(),
                value: 0.67,
            },
        ];
        assert_eq!(
            choice_formula("K8", &options, "", &t()),
            "IF(K8=\"\",\"Blm Diisi\",IF(UPPER(TRIM(K8))=\"A\",1,IF(UPPER(TRIM(K8))=\"B\",0.67,\"Tidak valid\")))"
        );
        assert_eq!(
            choice_formula("K8", &options[..1], "*H8", &Texts::new(Lang::En)),
            "IF(K8=\"\",\"Not answered\",IF(UPPER(TRIM(K8))=\"A\",1*H8,\"Invalid\"))"
        );
    }

    #[test]
    fn sums_nest_beyond_excel_argument_limit() {
        assert_eq!(sum_of(&[]), "0");
        assert_eq!(sum_of(&["K1".into(), "K2".into()]), "SUM(K1,K2)");
        let many: Vec<String> = (1..=300).map(|i| format!("K{i}")).collect();
        let f = sum_of(&many);
        assert!(f.starts_with("SUM(SUM(K1,"), "{f}");
        assert!(f.ends_with(",K300))"), "{f}");
    }

    #[test]
    fn codes_compare_as_excel_sees_them() {
        assert_eq!(code_key(" ya "), "YA");
        assert_eq!(code_key("sangat  baik"), "SANGAT BAIK");
        assert_eq!(text_lit("a\"b"), "\"a\"\"b\"");
        assert_eq!(lit(0.67), "0.67");
        assert_eq!(lit(1.0), "1");
        assert_eq!(lit(17.5), "17.5");
    }

    #[test]
    fn long_or_comma_lists_go_to_the_lists_sheet() {
        let mut lists = Lists::default();
        lists.add(ListKey::Scale(0), "abc", vec!["A".into(), "B".into()]);
        lists.add(
            ListKey::Scale(1),
            "koma",
            vec!["Baik, sekali".into(), "Kurang".into()],
        );
        lists.add(ListKey::Predicates, "predikat", vec!["x".repeat(300)]);
        assert_eq!(lists.get(ListKey::Scale(0)).and_then(|l| l.2), None);
        assert_eq!(lists.get(ListKey::Scale(1)).and_then(|l| l.2), Some(0));
        assert_eq!(lists.get(ListKey::Predicates).and_then(|l| l.2), Some(1));
        assert!(lists.needs_sheet());
    }

    #[test]
    fn clipping_respects_excel_limits() {
        assert_eq!(clip("abc", 32), "abc");
        assert_eq!(clip("@SUM(1) \u{1b}]0;T\u{7}", 32), "@SUM(1) ]0;T");
        let c = clip(&"é".repeat(40), 32);
        assert_eq!(utf16_len(&c), 32);
        assert!(c.ends_with('…'));
    }
}
