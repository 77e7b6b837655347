//! Writing the xlsx report of a scored LKE: the numbers a reform team needs, in six sheets (seven
//! when the source has more than one answer layer, and one more for a unit that holds a predicate).
//!
//! | sheet (id / en) | what it holds |
//! |---|---|
//! | `Ringkasan` / `Summary` | unit, criteria, total and components, the six areas, the predicate tables, counts, two charts |
//! | `Penilaian Internal` / `Internal Assessment` | only for a unit that holds a predicate: the internal assessment's result (Lampiran II Bab IV), ready to print and sign |
//! | `Lapisan` / `Layers` | only with two or more answer layers: the layers side by side, then per consecutive pair the items whose value differs, largest change in points first |
//! | `LKE` / `LKE` | the whole evaluation in the official column order, values (not formulas), subtotals on every node row |
//! | `Bukti` / `Evidence` | every item with evidence entries or needing evidence: its entries and their status, the points claimed, backed by the evidence and at risk ([`zona_core::evidence`]) |
//! | `Prioritas` / `Priorities` | the evidence to complete first, items by recoverable points, then a plan per failing predicate condition ([`zona_core::priority`]) |
//! | `Validasi` / `Validation` | every diagnostic with its place |
//! | `Metode` / `Method` | how every number is computed, from the criteria: option values, ratio formulas, aggregation, thresholds |
//!
//! The same input always gives the same bytes: the document's creation time is fixed
//! ([`crate::CREATION_DATE`]) and nothing depends on the clock or on hash order. The file is written to a
//! temporary file in the target directory and renamed into place, so a reader never sees half a
//! report; the input workbook is never overwritten, and an existing report only with
//! [`ReportOptions::force`].

mod evidence;
mod keeping;
mod layers;
mod lke;
mod method;
mod priorities;
mod style;
mod summary;
mod validation;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, Format, Url, Workbook, Worksheet, XlsxError};
use zona_core::answers::evidence::{classify, EvidenceKind};
use zona_core::evidence::{EvidencePolicy, EvidenceReview, NoFiles};
use zona_core::priority::{analyse, Priority};
use zona_core::{AnswerSet, Criteria, Evaluation, Lang, Layer, ScoreOptions, ScoreResult};

use crate::doc_properties::{created_on, CREATION_DATE};
use crate::output_file;
use crate::sheet::merged;
pub(crate) use crate::sheet::text;
use crate::{OutputKind, WriteError};
pub use keeping::{
    detail_lines as keeping_details, keeping_sheet_name, verdict_label, verdict_line,
};
use zona_core::SourceInfo;

/// Everything a report is made from.
///
/// `answers` and `result` are the layer the report shows (Ringkasan, LKE, Prioritas, Validasi);
/// `layers` holds every answer layer of the source, the shown one included, for the Lapisan sheet.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub criteria: &'a Criteria,
    pub answers: &'a AnswerSet,
    pub result: &'a ScoreResult,
    pub source: &'a SourceInfo,
    /// The options the result was scored with.
    pub options: &'a ScoreOptions,
    pub lang: Lang,
    /// Every answer layer in evaluation order (unit, TPI, TPN), the shown one included, each
    /// resolved ([`zona_core::layers::resolve`]) and scored with the same criteria and options.
    /// Empty or a single entry: the report has no Lapisan sheet. Consecutive entries are compared
    /// in the order given.
    pub layers: &'a [LayerInput<'a>],
    /// For a unit that holds a predicate: the keeping verdict of the shown layer
    /// ([`Evaluation::keeping`]). The summary leads with it and the report gains the
    /// [`keeping_sheet_name`] sheet; None: neither.
    pub keeping: Option<&'a zona_core::keeping::Keeping>,
    /// The evidence review of the shown layer ([`zona_core::ScoredLayer::evidence`]): the Bukti
    /// sheet, the evidence lines of the summary and the first group of the priorities. None: the
    /// report reviews `answers` itself, under the default policy and without looking for files
    /// (every local path "not checked").
    pub evidence: Option<&'a EvidenceReview>,
}

/// One answer layer for the report: who answered, the answers (inherited ones marked) and their
/// score.
#[derive(Debug, Clone, Copy)]
pub struct LayerInput<'a> {
    pub layer: Layer,
    pub answers: &'a AnswerSet,
    pub result: &'a ScoreResult,
}

impl ReportInput<'_> {
    /// The layer the report shows: the entry of [`ReportInput::layers`] whose answers or result
    /// are this input's own (the same reference, not an equal copy); None when there is none.
    pub fn shown_layer(&self) -> Option<Layer> {
        self.layers
            .iter()
            .find(|l| std::ptr::eq(l.answers, self.answers) || std::ptr::eq(l.result, self.result))
            .map(|l| l.layer)
    }

    /// Whether the report has a Lapisan sheet: two or more layers.
    pub fn has_layers_sheet(&self) -> bool {
        self.layers.len() >= 2
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Replace an existing file at the report path (never the input workbook).
    pub force: bool,
}

/// The sheet names of a report in this language, in order: summary, LKE, evidence, priorities,
/// validation, method. A report with two or more answer layers also has [`layers_sheet_name`],
/// right after the summary (and a holder's report [`keeping_sheet_name`], before it).
pub fn sheet_names(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Id => [
            "Ringkasan",
            "LKE",
            "Bukti",
            "Prioritas",
            "Validasi",
            "Metode",
        ],
        Lang::En => [
            "Summary",
            "LKE",
            "Evidence",
            "Priorities",
            "Validation",
            "Method",
        ],
    }
}

/// Indices into [`sheet_names`].
pub(crate) const SUMMARY: usize = 0;
pub(crate) const LKE: usize = 1;
pub(crate) const EVIDENCE: usize = 2;
pub(crate) const PRIORITIES: usize = 3;
pub(crate) const VALIDATION: usize = 4;
pub(crate) const METHOD: usize = 5;

/// The name of the answer layers sheet in this language: `Lapisan` / `Layers`.
pub fn layers_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Lapisan", "Layers")
}

/// Writes the report to `path` (atomically: a temporary file in the same directory, then a
/// rename).
///
/// Refuses to write over the input workbook (the file `input.answers.source` names), even with
/// `force`; refuses to replace an existing file unless `options.force`.
pub fn write_report(
    path: &Path,
    input: &ReportInput,
    options: &ReportOptions,
) -> Result<(), WriteError> {
    let inputs: Vec<&Path> = input
        .answers
        .source
        .as_deref()
        .map(Path::new)
        .into_iter()
        .collect();
    // Evidence files inside the report's folder are linked relative to it.
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let folder = std::fs::canonicalize(folder).ok();
    output_file::write_workbook(OutputKind::Report, path, &inputs, options.force, || {
        bytes_in(input, folder)
    })
}

/// Every layer of an evaluation, as a report takes them.
pub fn evaluation_layers<'a>(ev: &'a Evaluation<'a>) -> Vec<LayerInput<'a>> {
    ev.layers
        .iter()
        .map(|l| LayerInput {
            layer: l.layer,
            answers: &l.answers,
            result: &l.result,
        })
        .collect()
}

impl<'a> ReportInput<'a> {
    /// The report of an evaluation's shown layer, with every layer it has (`layers`: from
    /// [`evaluation_layers`]): what `zona score --out`, a batch's `--reports` and the web page
    /// write for it.
    pub fn of_evaluation(ev: &'a Evaluation<'a>, layers: &'a [LayerInput<'a>], lang: Lang) -> Self {
        let shown = ev.shown();
        ReportInput {
            criteria: ev.criteria,
            answers: &shown.answers,
            result: &shown.result,
            source: &ev.source,
            options: &ev.options,
            lang,
            layers,
            keeping: ev.keeping.as_ref(),
            evidence: Some(&shown.evidence),
        }
    }
}

/// Writes the report of an evaluation ([`ReportInput::of_evaluation`]) to `path`, as
/// [`write_report`] does.
pub fn write_evaluation_report(
    path: &Path,
    ev: &Evaluation,
    lang: Lang,
    options: &ReportOptions,
) -> Result<(), WriteError> {
    let layers = evaluation_layers(ev);
    write_report(
        path,
        &ReportInput::of_evaluation(ev, &layers, lang),
        options,
    )
}

/// The bytes [`write_evaluation_report`] writes.
pub fn evaluation_report_bytes(ev: &Evaluation, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let layers = evaluation_layers(ev);
    report_bytes(&ReportInput::of_evaluation(ev, &layers, lang))
}

/// The report as xlsx bytes (what [`write_report`] writes, except that no evidence file is a
/// link: the bytes have no folder to link from).
///
/// Fails with [`XlsxError::ParameterError`] when the result (or a layer's) was not scored with
/// these criteria.
pub fn report_bytes(input: &ReportInput) -> Result<Vec<u8>, XlsxError> {
    bytes_in(input, None)
}

/// The report as it is written into `folder` (canonical; None: unknown).
fn bytes_in(input: &ReportInput, folder: Option<PathBuf>) -> Result<Vec<u8>, XlsxError> {
    let c = input.criteria;
    let fits = |r: &ScoreResult| {
        r.nodes.len() == c.nodes.len()
            && r.items.len() == c.items.len()
            && r.areas.len() == c.areas.len()
            && r.predicates.len() == c.predicates.len()
    };
    let evidence_fits = input
        .evidence
        .is_none_or(|e| e.items.len() == c.items.len());
    if !fits(input.result) || !input.layers.iter().all(|l| fits(l.result)) || !evidence_fits {
        return Err(XlsxError::ParameterError(
            "the score result does not belong to these criteria".into(),
        ));
    }
    let ctx = Ctx::new(input, folder);
    let mut wb = Workbook::new();
    // The fastest deflate level: a report is small, and in a batch one is written per unit.
    wb.set_zip_compression_level(1);
    let props = DocProperties::new()
        .set_title(ctx.lang.pick(
            "Laporan Penilaian LKE Zona Integritas",
            "Zona Integritas LKE score report",
        ))
        .set_subject(ctx.unit_label())
        .set_author(format!("zona {}", env!("CARGO_PKG_VERSION")))
        .set_comment(format!(
            "{} [{}] {}",
            ctx.c.meta.name, ctx.c.meta.id, ctx.c.meta.version
        ));
    wb.set_properties(&created_on(
        crate::doc_properties::zona_output(props, zona_core::OutputKind::Report),
        CREATION_DATE,
    )?);
    let mut summary = summary::sheet(&ctx)?;
    summary.set_active(true);
    wb.push_worksheet(summary);
    if let Some(k) = input.keeping {
        wb.push_worksheet(keeping::sheet(&ctx, k)?);
    }
    if input.has_layers_sheet() {
        wb.push_worksheet(layers::sheet(&ctx)?);
    }
    wb.push_worksheet(lke::sheet(&ctx)?);
    wb.push_worksheet(evidence::sheet(&ctx)?);
    wb.push_worksheet(priorities::sheet(&ctx)?);
    wb.push_worksheet(validation::sheet(&ctx)?);
    wb.push_worksheet(method::sheet(&ctx)?);
    wb.save_to_buffer()
}

/// What every sheet writer needs.
pub(crate) struct Ctx<'a> {
    pub input: &'a ReportInput<'a>,
    pub c: &'a Criteria,
    pub r: &'a ScoreResult,
    pub lang: Lang,
    pub priority: Priority,
    pub st: style::Styles,
    pub names: [&'static str; 6],
    /// The evidence review the report shows (the input's, or one made here).
    pub ev: Cow<'a, EvidenceReview>,
    /// The report's folder (canonical), when it is written to one: evidence files inside it are
    /// linked relative to it.
    pub folder: Option<PathBuf>,
}

impl<'a> Ctx<'a> {
    fn new(input: &'a ReportInput<'a>, folder: Option<PathBuf>) -> Self {
        let ev = match input.evidence {
            Some(e) => Cow::Borrowed(e),
            None => Cow::Owned(zona_core::evidence::review(
                input.criteria,
                input.answers,
                input.result,
                input.options,
                EvidencePolicy::default(),
                &NoFiles,
            )),
        };
        Ctx {
            input,
            c: input.criteria,
            r: input.result,
            lang: input.lang,
            priority: analyse(input.criteria, input.answers, input.result, input.options),
            st: style::Styles::new(),
            names: sheet_names(input.lang),
            ev,
            folder,
        }
    }

    pub fn t<'s>(&self, id: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(id, en)
    }

    /// The unit as the report names it: name, instansi and year when the source states them,
    /// else the workbook's file name.
    pub fn unit_label(&self) -> String {
        let u = &self.input.answers.unit;
        let mut parts: Vec<String> = Vec::new();
        if let Some(n) = u.name.as_deref().filter(|s| !s.trim().is_empty()) {
            parts.push(n.trim().to_string());
        }
        if let Some(i) = u.instansi.as_deref().filter(|s| !s.trim().is_empty()) {
            parts.push(i.trim().to_string());
        }
        if let Some(y) = u.year {
            parts.push(y.to_string());
        }
        if !parts.is_empty() {
            return parts.join(" — ");
        }
        self.source_file_name()
    }

    pub fn source_file_name(&self) -> String {
        match self.input.answers.source.as_deref() {
            Some(s) => Path::new(s)
                .file_name()
                .map_or_else(|| s.to_string(), |f| f.to_string_lossy().into_owned()),
            None => "—".to_string(),
        }
    }

    /// The areas conditions of the criteria: (predicate index, min percent), in criteria order.
    pub fn area_thresholds(&self) -> Vec<(usize, f64)> {
        let mut out = Vec::new();
        for (p, pred) in self.c.predicates.iter().enumerate() {
            for cond in &pred.conditions {
                if let zona_core::criteria::ConditionKind::Areas { min_percent } = cond.kind {
                    out.push((p, min_percent));
                }
            }
        }
        out
    }
}

/// `f` (whose number format is `code`, two decimals) with `decimals` decimals where a value needs
/// more so as not to be rounded up to a threshold it fails
/// ([`zona_core::lang::decimals_against`]); `f` itself otherwise.
pub(crate) fn with_decimals<'f>(
    f: &'f Format,
    code: &str,
    decimals: usize,
) -> std::borrow::Cow<'f, Format> {
    if decimals <= 2 {
        return std::borrow::Cow::Borrowed(f);
    }
    let wider = code.replacen("0.00", &crate::sheet::decimals_format(decimals), 1);
    std::borrow::Cow::Owned(f.clone().set_num_format(wider))
}

/// Writes a number (a non-finite one as a dash).
pub(crate) fn number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: f64,
    f: &Format,
) -> Result<(), XlsxError> {
    if v.is_finite() {
        ws.write_number_with_format(row, col, v, f)?;
    } else {
        ws.write_string_with_format(row, col, "—", f)?;
    }
    Ok(())
}

/// Writes an optional number; None leaves a formatted blank.
pub(crate) fn opt_number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<f64>,
    f: &Format,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => number(ws, row, col, v, f),
        None => {
            ws.write_blank(row, col, f)?;
            Ok(())
        }
    }
}

/// Writes a link as a clickable hyperlink when it is one, else as text.
///
/// Only a well-formed `http://` or `https://` link ([`zona_core::answers::evidence::classify`]) is
/// made clickable: never `javascript:`, `file:`, `www.` without a scheme, a UNC path
/// `\\server\share` or any other scheme. The link points exactly where the unit wrote: escapes
/// already in it (`%26`) are kept, not escaped again; a link the library cannot carry unchanged is
/// written as text (never as a formula: nothing zona writes runs).
pub(crate) fn link(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    target: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    let t = target.trim();
    if classify(t) == EvidenceKind::Link {
        if let Some(u) = hyperlink_target(t) {
            let shown: String = t.chars().take(255).collect();
            if ws
                .write_url_with_format(row, col, Url::new(u).set_text(shown), f)
                .is_ok()
            {
                return Ok(());
            }
        }
    }
    text(ws, row, col, target, f)
}

/// rust_xlsxwriter escapes `%` (to `%25`) and the characters Excel needs escaped, unless the link
/// already holds one of those escapes; a link with other escapes only (`?a=1%26b`) would end up
/// pointing elsewhere (`%2526`). So: a link without `%` goes as it is (the library escapes it
/// right); a link with `%` gets the needed escapes here (a `%` that starts no escape becomes
/// `%25`), and goes as a hyperlink when that leaves an escape the library recognises; else there
/// is no target that reaches the workbook unchanged (None: the link is written as text).
fn hyperlink_target(u: &str) -> Option<String> {
    let base = u.split('#').next().unwrap_or(u);
    if !base.contains('%') {
        return Some(u.to_string());
    }
    let b = u.as_bytes();
    let mut out = String::with_capacity(u.len() + 8);
    for (i, c) in u.char_indices() {
        match c {
            '%' if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)) =>
            {
                out.push_str("%25");
            }
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '[' => out.push_str("%5B"),
            ']' => out.push_str("%5D"),
            '^' => out.push_str("%5E"),
            '`' => out.push_str("%60"),
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            c => out.push(c),
        }
    }
    let base = out.split('#').next().unwrap_or(&out).to_ascii_uppercase();
    let recognised = [
        "%20", "%25", "%22", "%60", "%3C", "%3E", "%5B", "%5D", "%5E", "%7B", "%7D",
    ];
    recognised.iter().any(|e| base.contains(e)).then_some(out)
}

/// Points per line of 11-point text, and the tallest row Excel allows.
const LINE_HEIGHT: f64 = 15.0;
const MAX_ROW_HEIGHT: f64 = 409.0;

/// How many lines `s` wraps to in a column `width` characters wide (greedy word wrap; an estimate
/// on the safe side, since Excel and LibreOffice do not grow rows of generated files by
/// themselves).
pub(crate) fn lines(s: &str, width: f64) -> usize {
    // A column width counts "0" digits; ordinary text runs about 15 % narrower.
    let per_line = ((width * 1.15).floor() as usize).max(1);
    s.split('\n')
        .map(|para| {
            let mut wrap = Wrap::new(per_line);
            if para.is_ascii() {
                // Most texts: words split on the bytes `char::is_whitespace` holds for ASCII,
                // their length in bytes (the same as in characters).
                para.as_bytes()
                    .split(|b| b.is_ascii_whitespace() || *b == 0x0B)
                    .filter(|w| !w.is_empty())
                    .for_each(|w| wrap.word(w.len()));
            } else {
                para.split_whitespace()
                    .for_each(|w| wrap.word(w.chars().count()));
            }
            wrap.lines
        })
        .sum()
}

/// Greedy word wrap of one paragraph, a word at a time.
struct Wrap {
    per_line: usize,
    lines: usize,
    used: usize,
}

impl Wrap {
    fn new(per_line: usize) -> Wrap {
        Wrap {
            per_line,
            lines: 1,
            used: 0,
        }
    }

    /// Places a word `len` characters long.
    fn word(&mut self, len: usize) {
        if self.used == 0 {
            self.used = len;
        } else if self.used + 1 + len <= self.per_line {
            self.used += 1 + len;
        } else {
            self.lines += 1;
            self.used = len;
        }
        while self.used > self.per_line {
            self.lines += 1;
            self.used -= self.per_line;
        }
    }
}

/// Makes a row tall enough for its most wrapped cell: `cells` are (text, column width).
pub(crate) fn fit_row(
    ws: &mut Worksheet,
    row: u32,
    cells: &[(&str, f64)],
) -> Result<(), XlsxError> {
    let n = cells.iter().map(|(s, w)| lines(s, *w)).max().unwrap_or(1);
    row_lines(ws, row, n)
}

/// Makes a row `n` lines of text tall (a row of one line keeps the default height).
pub(crate) fn row_lines(ws: &mut Worksheet, row: u32, n: usize) -> Result<(), XlsxError> {
    if n > 1 {
        let h = (LINE_HEIGHT * n as f64 + 2.0).min(MAX_ROW_HEIGHT);
        ws.set_row_height(row, h)?;
    }
    Ok(())
}

/// A paragraph merged over columns `first..=last` (`width`: their total width), its row fitted.
pub(crate) fn paragraph(
    ws: &mut Worksheet,
    row: u32,
    (first, last): (u16, u16),
    width: f64,
    s: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if last > first {
        merged(ws, (row, first), (row, last), s, f)?;
    } else {
        text(ws, row, first, s, f)?;
    }
    fit_row(ws, row, &[(s, width)])
}

/// The column of a 0-based index, as `u16`.
pub(crate) fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod wrap_tests {
    use super::lines;

    /// The wrap as it was written first: words from `split_whitespace`, lengths in characters.
    fn lines_by_chars(s: &str, width: f64) -> usize {
        let per_line = ((width * 1.15).floor() as usize).max(1);
        s.split('\n')
            .map(|para| {
                let mut wrap = super::Wrap::new(per_line);
                para.split_whitespace()
                    .for_each(|w| wrap.word(w.chars().count()));
                wrap.lines
            })
            .sum()
    }

    #[test]
    fn ascii_text_wraps_as_the_general_wrap_does() {
        let texts = [
            "",
            " ",
            "Satu",
            "Dokumen SK Tim Kerja Pembangunan Zona Integritas telah ditetapkan oleh pimpinan",
            "tab\tvertical\x0Btab form\x0Cfeed carriage\rreturn  double  spaces ",
            "a-very-long-word-without-any-space-that-must-be-broken-over-several-lines-of-text",
            "\x1C\x1D\x1E\x1F are not white space\n\nand two paragraphs\n",
            "https://drive.example.go.id/berkas/laporan-monitoring-evaluasi-2025.pdf?unduh=1",
        ];
        for t in texts {
            for width in [1.0, 4.5, 8.7, 16.7, 34.7, 60.0] {
                assert_eq!(
                    lines(t, width),
                    lines_by_chars(t, width),
                    "{t:?} at {width}"
                );
            }
        }
        // Ten characters a line at width 8.7.
        assert_eq!(lines("Dokumen SK Tim Kerja", 8.7), 2);
        assert_eq!(lines("abcdefghijklmnopqrstu", 8.7), 3);
        // Non-ASCII: lengths in characters, NBSP is white space.
        assert_eq!(lines("Évaluasi\u{a0}pembangunan zona", 8.7), 3);
        assert_eq!(
            lines("Évaluasi\u{a0}pembangunan zona", 8.7),
            lines_by_chars("Évaluasi\u{a0}pembangunan zona", 8.7)
        );
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;
    use calamine::Reader as _;

    #[test]
    fn links_keep_their_escapes_and_only_web_links_are_clickable() {
        let links = [
            "https://drive.example/a?x=1%26y=2",
            "https://contoh.example/berkas%20satu.pdf",
            "https://contoh.example/a{b}",
            "https://contoh.example/100%",
            "http://contoh.example/plain",
            "javascript:alert(1)",
            "file:///C:/rahasia.txt",
            "\\\\server\\share\\x.pdf",
            "mailto:a@b.example",
        ];
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("L").unwrap();
        for (i, l) in links.iter().enumerate() {
            link(ws, i as u32, 0, l, &Format::new()).unwrap();
        }
        let bytes = wb.save_to_buffer().unwrap();
        let mut x: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let got: std::collections::BTreeMap<u32, String> = x
            .hyperlinks_by_sheet_name("L")
            .unwrap()
            .into_iter()
            .map(|h| (h.range.start.0, h.target.unwrap_or_default()))
            .collect();
        let formulas = x.worksheet_formula("L").unwrap();
        let values = x.worksheet_range("L").unwrap();
        // %26 alone: no hyperlink target reaches the workbook unchanged, and no formula is ever
        // written: the link is text, exactly as given.
        assert!(!got.contains_key(&0));
        assert!(
            formulas.used_cells().next().is_none(),
            "no formula anywhere"
        );
        assert_eq!(
            values.get_value((0, 0)).map(ToString::to_string).as_deref(),
            Some("https://drive.example/a?x=1%26y=2")
        );
        assert_eq!(got[&1], "https://contoh.example/berkas%20satu.pdf");
        assert_eq!(got[&2], "https://contoh.example/a%7bb%7d");
        assert_eq!(got[&3], "https://contoh.example/100%25");
        assert_eq!(got[&4], "http://contoh.example/plain");
        for row in 5..links.len() as u32 {
            assert!(
                !got.contains_key(&row),
                "{} is not clickable",
                links[row as usize]
            );
            assert_eq!(
                values
                    .get_value((row, 0))
                    .map(ToString::to_string)
                    .as_deref(),
                Some(links[row as usize]),
                "written as text"
            );
        }
        assert!(got
            .values()
            .all(|t| !t.contains("%25%") && !t.contains("%2526")));
    }
}
