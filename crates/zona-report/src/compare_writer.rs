//! Writing a comparison ([`zona_core::compare::Comparison`]) as a workbook (`perbandingan.xlsx`).
//!
//! Sheets (names in the chosen language):
//!
//! | sheet | content |
//! |---|---|
//! | `Ringkasan` / `Summary` | one pair of columns (score, % of weight) per workbook and one pair (Δ points, Δ % of weight) per step; rows: total, components, areas, predicates with the conditions that fail, the evidence (coverage, items lacking evidence, the evidence-backed total, each predicate on it), the drops below a threshold, the item-key overlap |
//! | `Item` / `Items` | every item key side by side: answer, value, points per workbook; Δ points and Δ value per step; "absent in this version" where a version has no such item |
//! | `Item Berubah` / `Moved Items` | per step, the items whose value or status changed, largest change in points first |
//! | `Grafik` / `Chart` | the total (% of the maximum) and every area (% of weight) per workbook, the WBK/WBBM thresholds of each column's criteria, and a line chart of them |
//!
//! A value that dropped below a threshold (a condition that passed in the previous column and
//! fails in this one) is highlighted red. Thresholds come from the criteria (the comparison's
//! [`PredicateThresholds`]), never from constants.
//!
//! The bytes are deterministic (fixed creation date in the document properties; rust_xlsxwriter
//! writes fixed zip timestamps). The file is written atomically (a temporary file in the same
//! directory, then a rename), never over one of the input workbooks, and over an existing file only
//! when forced.

use std::path::Path;

use rust_xlsxwriter::{
    Chart, ChartEmptyCells, ChartLegendPosition, ChartLine, ChartLineDashType, ChartMarker,
    ChartMarkerType, ChartType, Color, DocProperties, Format, FormatAlign, Workbook, Worksheet,
    XlsxError,
};
use zona_core::batch::{BackedPredicate, EvidenceSummary};
use zona_core::compare::{Comparison, Delta, Measure, PredicateCell, PredicateThresholds, Row};
use zona_core::lang::{fmt2, fmt_dec};
use zona_core::predicate::ConditionResult;
use zona_core::{Lang, PredicateStatus};

use crate::batch_writer::policy_label;
use crate::doc_properties::created_on;
use crate::output_file;
use crate::sheet::{
    header_row, light_header, merged, plain_text, print_setup, text, toned, Tone, FAIL_FG, GREY_FG,
    NUM, SECTION_BG,
};
use crate::{OutputKind, WriteError, CREATION_DATE};

/// How to write the comparison workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareWriteOptions {
    /// Language of the labels (Bahasa Indonesia by default).
    pub lang: Lang,
    /// Replace an existing output file.
    pub force: bool,
    /// Creation date stored in the document properties (year, month, day; midnight UTC). Fixed
    /// ([`CREATION_DATE`] by default) so that the same comparison always gives the same bytes.
    pub created: (u16, u8, u8),
}

impl Default for CompareWriteOptions {
    fn default() -> Self {
        CompareWriteOptions {
            lang: Lang::Id,
            force: false,
            created: CREATION_DATE,
        }
    }
}

/// Checks that `output` may be written: it is none of the `inputs`, and it does not exist unless
/// `force`. Call it before the (slow) scoring to fail early; [`write_comparison`] checks again.
pub fn check_output(output: &Path, inputs: &[&Path], force: bool) -> Result<(), WriteError> {
    output_file::check_as(OutputKind::Comparison, None, output, inputs, force)
}

/// Writes the comparison workbook to `output` (atomically; see the module documentation).
/// `inputs` are the compared workbooks: the output never replaces one of them.
pub fn write_comparison(
    output: &Path,
    cmp: &Comparison,
    inputs: &[&Path],
    options: &CompareWriteOptions,
) -> Result<(), WriteError> {
    output_file::write_workbook(
        OutputKind::Comparison,
        output,
        inputs,
        options.force,
        || comparison_workbook_bytes(cmp, options),
    )
}

// ---------------------------------------------------------------------------------------------
// Labels

struct Labels {
    lang: Lang,
}

impl Labels {
    fn t<'a>(&self, id: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(id, en)
    }

    fn absent(&self) -> &'static str {
        self.lang
            .pick("tidak ada di versi ini", "absent in this version")
    }

    fn step(&self, cmp: &Comparison, from: usize, to: usize) -> String {
        format!("Δ {} → {}", cmp.columns[from].label, cmp.columns[to].label)
    }

    fn status(&self, cell: &PredicateCell) -> std::borrow::Cow<'static, str> {
        cell.status_label(self.lang)
    }
}

/// Cell formats.
struct Formats {
    title: Format,
    note: Format,
    section: Format,
    header: Format,
    text: Format,
    bold: Format,
    key: Format,
    num: Format,
    num_bold: Format,
    delta: Format,
    delta_neg: Format,
    absent: Format,
    drop_num: Format,
    drop_text: Format,
    drop_cell: Format,
    met: Format,
    not_met: Format,
    unknown: Format,
    wrap: Format,
}

/// About how many characters fit on one line of two merged 12-wide columns.
const MERGED_LINE_CHARS: usize = 24;

impl Formats {
    fn new() -> Self {
        let delta = "+0.00;-0.00;0.00";
        let bold = Format::new().set_bold();
        let bold_centred = bold.clone().set_align(FormatAlign::Center);
        let num_bold = Format::new().set_num_format(NUM).set_bold();
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(GREY_FG)),
            section: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(SECTION_BG)),
            header: light_header(),
            text: Format::new(),
            key: Format::new().set_font_color(Color::RGB(GREY_FG)),
            num: Format::new().set_num_format(NUM),
            delta: Format::new().set_num_format(delta),
            delta_neg: Format::new()
                .set_num_format(delta)
                .set_font_color(Color::RGB(FAIL_FG)),
            absent: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x0080_8080))
                .set_align(FormatAlign::Center),
            drop_num: toned(&num_bold, Tone::Fail),
            drop_cell: toned(&bold, Tone::Fail),
            drop_text: toned(
                &bold.clone().set_text_wrap().set_align(FormatAlign::Top),
                Tone::Fail,
            ),
            met: toned(&bold_centred, Tone::Pass),
            not_met: toned(&bold_centred, Tone::Fail),
            unknown: toned(&bold_centred.clone().set_text_wrap(), Tone::Amber),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            bold,
            num_bold,
        }
    }

    fn delta_for(&self, v: f64) -> &Format {
        if v < -zona_core::compare::CHANGE_TOLERANCE {
            &self.delta_neg
        } else {
            &self.delta
        }
    }
}

/// Builds the comparison workbook in memory.
pub fn comparison_workbook_bytes(
    cmp: &Comparison,
    options: &CompareWriteOptions,
) -> Result<Vec<u8>, XlsxError> {
    let l = Labels { lang: options.lang };
    let f = Formats::new();
    let mut workbook = Workbook::new();
    let props = DocProperties::new()
        .set_title(l.t(
            "Perbandingan Penilaian LKE Zona Integritas",
            "Zona Integritas LKE comparison",
        ))
        .set_author("zona");
    workbook.set_properties(&created_on(
        crate::doc_properties::zona_output(props, zona_core::OutputKind::Comparison),
        options.created,
    )?);

    let summary = workbook.add_worksheet();
    summary.set_name(l.t("Ringkasan", "Summary"))?;
    write_summary(summary, cmp, &l, &f)?;

    let items = workbook.add_worksheet();
    items.set_name(l.t("Item", "Items"))?;
    write_items(items, cmp, &l, &f)?;

    let moved = workbook.add_worksheet();
    moved.set_name(l.t("Item Berubah", "Moved Items"))?;
    write_moved(moved, cmp, &l, &f)?;

    let chart_sheet = l.t("Grafik", "Chart");
    let chart = workbook.add_worksheet();
    chart.set_name(chart_sheet)?;
    write_chart(chart, chart_sheet, cmp, &l, &f)?;

    workbook.save_to_buffer()
}

/// Column of workbook `j`'s score in the summary (its % of weight is the next column).
fn sum_col(j: usize) -> u16 {
    2 + 2 * j as u16
}

/// Column of step `s`'s Δ points in the summary (Δ % the next), after the workbook columns.
fn sum_delta_col(n: usize, s: usize) -> u16 {
    2 + 2 * n as u16 + 2 * s as u16
}

fn write_measure_pair(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    m: Option<&Measure>,
    fmt: &Format,
    l: &Labels,
    f: &Formats,
) -> Result<(), XlsxError> {
    match m {
        Some(m) => {
            // The score's own format (`0.00`, more where it fails a threshold by less).
            let score = crate::report::with_decimals(fmt, crate::sheet::NUM, m.decimals);
            ws.write_number_with_format(row, col, m.score, &score)?;
            ws.write_number_with_format(row, col + 1, m.percent, &score)?;
        }
        None => {
            merged(ws, (row, col), (row, col + 1), l.absent(), &f.absent)?;
        }
    }
    Ok(())
}

fn write_delta_pair(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Option<&Delta>,
    f: &Formats,
) -> Result<(), XlsxError> {
    if let Some(d) = d {
        ws.write_number_with_format(row, col, d.points, f.delta_for(d.points))?;
        ws.write_number_with_format(row, col + 1, d.percent, f.delta_for(d.percent))?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn write_score_row(
    ws: &mut Worksheet,
    row: u32,
    r: &Row,
    indent: usize,
    bold: bool,
    cmp: &Comparison,
    l: &Labels,
    f: &Formats,
) -> Result<(), XlsxError> {
    let n = cmp.columns.len();
    let name = format!("{}{}", "   ".repeat(indent), r.name(l.lang));
    text(ws, row, 0, &name, if bold { &f.bold } else { &f.text })?;
    text(ws, row, 1, &r.key, &f.key)?;
    for j in 0..n {
        let is_drop = cmp.dropped_below_threshold(j, r);
        write_measure_pair(
            ws,
            row,
            sum_col(j),
            r.cells.get(j).and_then(Option::as_ref),
            if is_drop {
                &f.drop_num
            } else if bold {
                &f.num_bold
            } else {
                &f.num
            },
            l,
            f,
        )?;
    }
    for s in 0..n.saturating_sub(1) {
        write_delta_pair(
            ws,
            row,
            sum_delta_col(n, s),
            r.deltas.get(s).and_then(Option::as_ref),
            f,
        )?;
    }
    Ok(())
}

fn condition_text(c: &ConditionResult, lang: Lang) -> String {
    match (c.value, c.threshold) {
        (Some(v), Some(t)) => match (c.value_percent, c.threshold_percent) {
            (Some(vp), Some(tp)) => format!(
                "{}: {}% < {}%",
                c.label(lang),
                fmt_dec(vp, c.percent_decimals(), lang),
                fmt2(tp, lang)
            ),
            _ => format!(
                "{}: {} < {}",
                c.label(lang),
                fmt_dec(v, c.decimals(), lang),
                fmt2(t, lang)
            ),
        },
        _ => c.label(lang).to_string(),
    }
}

fn write_summary(
    ws: &mut Worksheet,
    cmp: &Comparison,
    l: &Labels,
    f: &Formats,
) -> Result<(), XlsxError> {
    let n = cmp.columns.len();
    let steps = n.saturating_sub(1);
    let last_col = sum_delta_col(n, steps).saturating_sub(1).max(3);
    let mut widths = vec![44.0, 18.0];
    widths.extend((2..=last_col).map(|_| 11.0));
    for (c, w) in (0u16..).zip(&widths) {
        ws.set_column_width(c, *w)?;
    }
    text(
        ws,
        0,
        0,
        l.t(
            "Perbandingan Penilaian LKE Zona Integritas",
            "Zona Integritas LKE comparison",
        ),
        &f.title,
    )?;
    text(ws,
        1,
        0,
        l.t(
            "Nilai dan % bobot per lembar kerja; Δ antar kolom berurutan. Bila bobot berbeda (versi peraturan lain), bandingkan % bobot. Merah: turun di bawah ambang predikat.",
            "Score and % of weight per workbook; Δ between consecutive columns. Where weights differ (another regulation version), compare the % of weight. Red: dropped below a predicate threshold.",
        ),
        &f.note,
    )?;
    let provisional: Vec<&str> = cmp
        .columns
        .iter()
        .filter(|c| c.provisional)
        .map(|c| c.label.as_str())
        .collect();
    if !provisional.is_empty() {
        text(
            ws,
            2,
            0,
            format!(
                "{}: {}",
                l.t(
                    "PERHATIAN — kriteria sementara (provisional) dipakai untuk",
                    "NOTE — provisional criteria used for"
                ),
                provisional.join(", ")
            ),
            &f.drop_cell,
        )?;
    }

    // Header: label (merged), criteria, then Nilai / % bobot.
    let (h0, h1, h2) = (4u32, 5u32, 6u32);
    merged(
        ws,
        (h0, 0),
        (h2, 0),
        l.t("Penilaian", "Assessment"),
        &f.header,
    )?;
    merged(ws, (h0, 1), (h2, 1), l.t("Kunci", "Key"), &f.header)?;
    for (j, c) in cmp.columns.iter().enumerate() {
        let col = sum_col(j);
        merged(ws, (h0, col), (h0, col + 1), &c.label, &f.header)?;
        let crit = if c.provisional {
            format!("{} ({})*", c.criteria_id, c.criteria_version)
        } else {
            format!("{} ({})", c.criteria_id, c.criteria_version)
        };
        merged(ws, (h1, col), (h1, col + 1), &crit, &f.header)?;
        ws.set_row_height(h1, 30.0)?;
        text(ws, h2, col, l.t("Nilai", "Score"), &f.header)?;
        text(ws, h2, col + 1, l.t("% bobot", "% of weight"), &f.header)?;
    }
    for s in 0..steps {
        let col = sum_delta_col(n, s);
        merged(
            ws,
            (h0, col),
            (h1, col + 1),
            l.step(cmp, s, s + 1),
            &f.header,
        )?;
        text(ws, h2, col, l.t("Δ nilai", "Δ points"), &f.header)?;
        text(
            ws,
            h2,
            col + 1,
            l.t("Δ % bobot", "Δ % of weight"),
            &f.header,
        )?;
    }
    ws.set_freeze_panes(h2 + 1, 2)?;
    print_setup(ws, &widths, Some((h0, h2)))?;

    let mut row = h2 + 1;
    write_score_row(ws, row, &cmp.total, 0, true, cmp, l, f)?;
    row += 1;
    for r in &cmp.components {
        write_score_row(ws, row, r, r.depth + 1, r.depth == 0, cmp, l, f)?;
        row += 1;
    }
    row += 1;
    text(
        ws,
        row,
        0,
        l.t(
            "AREA PENGUNGKIT (% bobot area)",
            "ENABLER AREAS (% of area weight)",
        ),
        &f.section,
    )?;
    row += 1;
    for r in &cmp.areas {
        write_score_row(ws, row, r, 1, false, cmp, l, f)?;
        row += 1;
    }

    // Predicates: status per column, then the conditions that fail.
    row += 1;
    text(ws, row, 0, l.t("PREDIKAT", "PREDICATES"), &f.section)?;
    row += 1;
    for p in &cmp.predicates {
        let mut failing_lines = 0usize;
        text(ws, row, 0, p.name(l.lang), &f.bold)?;
        text(ws, row, 1, &p.key, &f.key)?;
        text(
            ws,
            row + 1,
            0,
            format!(
                "   {}",
                l.t("syarat yang tidak terpenuhi", "conditions not met")
            ),
            &f.wrap,
        )?;
        for j in 0..n {
            let col = sum_col(j);
            match p.cells.get(j).and_then(Option::as_ref) {
                None => {
                    merged(ws, (row, col), (row, col + 1), l.absent(), &f.absent)?;
                }
                Some(cell) => {
                    let fmt = match cell.status {
                        PredicateStatus::Met => &f.met,
                        PredicateStatus::NotMet => &f.not_met,
                        PredicateStatus::ScoresMetPriorUnknown => &f.unknown,
                    };
                    merged(ws, (row, col), (row, col + 1), l.status(cell), fmt)?;
                    let failing: Vec<String> =
                        cell.failing().map(|c| condition_text(c, l.lang)).collect();
                    if !failing.is_empty() {
                        // Merged cells do not grow with their text: size the row to it.
                        let lines: usize = failing
                            .iter()
                            .map(|t| t.chars().count().div_ceil(MERGED_LINE_CHARS).max(1))
                            .sum();
                        failing_lines = failing_lines.max(lines);
                        let lost_here = cmp
                            .crossings()
                            .any(|x| x.to == j && x.predicate == p.key && x.lost);
                        merged(
                            ws,
                            (row + 1, col),
                            (row + 1, col + 1),
                            failing.join("\n"),
                            if lost_here { &f.drop_text } else { &f.wrap },
                        )?;
                    }
                }
            }
        }
        if failing_lines > 0 {
            ws.set_row_height(row + 1, (15.0 * failing_lines as f64).min(409.0))?;
        }
        row += 2;
    }

    row = write_summary_evidence(ws, row, cmp, l, f)?;

    // Drops below a threshold.
    row += 1;
    text(
        ws,
        row,
        0,
        l.t(
            "TURUN DI BAWAH AMBANG PREDIKAT",
            "DROPS BELOW A PREDICATE THRESHOLD",
        ),
        &f.section,
    )?;
    row += 1;
    let heads = [
        l.t("Syarat", "Condition"),
        l.t("Predikat", "Predicate"),
        l.t("Perubahan", "Change"),
        l.t("Sebelum", "Before"),
        l.t("Sesudah", "After"),
        l.t("Ambang", "Threshold"),
        l.t("Predikat hilang", "Predicate lost"),
    ];
    header_row(ws, row, 0, &heads, &f.header)?;
    row += 1;
    let mut any = false;
    for x in cmp.crossings() {
        let lost = if x.lost {
            l.t("ya", "yes")
        } else {
            l.t("tidak", "no")
        };
        let conds: Vec<Option<&zona_core::compare::ConditionDrop>> = if x.conditions.is_empty() {
            vec![None]
        } else {
            x.conditions.iter().map(Some).collect()
        };
        for d in conds {
            any = true;
            let step = format!(
                "{} → {}",
                cmp.columns[x.from].label, cmp.columns[x.to].label
            );
            text(ws, row, 2, &step, &f.drop_cell)?;
            text(ws, row, 1, x.name(l.lang), &f.drop_cell)?;
            if let Some(d) = d {
                let c = &d.after;
                text(ws, row, 0, c.label(l.lang), &f.drop_cell)?;
                let pct = c.value_percent.is_some();
                let shown = |r: &ConditionResult| {
                    if pct {
                        r.value_percent
                    } else {
                        r.value
                    }
                };
                match d.before.as_ref().and_then(shown) {
                    Some(v) => {
                        ws.write_number_with_format(row, 3, v, &f.num)?;
                    }
                    None => text(ws, row, 3, l.absent(), &f.absent)?,
                };
                if let Some(v) = shown(c) {
                    ws.write_number_with_format(row, 4, v, &f.drop_num)?;
                }
                let t = if pct {
                    c.threshold_percent
                } else {
                    c.threshold
                };
                if let Some(t) = t {
                    ws.write_number_with_format(row, 5, t, &f.num)?;
                }
            }
            text(ws, row, 6, lost, &f.drop_cell)?;
            row += 1;
        }
    }
    if !any {
        text(ws, row, 0, l.t("tidak ada", "none"), &f.note)?;
        row += 1;
    }

    // Overlap of the item keys.
    row += 1;
    text(
        ws,
        row,
        0,
        l.t(
            "KESAMAAN ITEM (kunci item sama / gabungan kunci item)",
            "ITEM OVERLAP (shared item keys / union of item keys)",
        ),
        &f.section,
    )?;
    row += 1;
    let heads = [
        l.t("Kolom", "Columns"),
        l.t("Sama", "Shared"),
        l.t("Gabungan", "Union"),
        l.t("% kesamaan", "% overlap"),
        l.t("Hanya kiri", "Only left"),
        l.t("Hanya kanan", "Only right"),
    ];
    header_row(ws, row, 0, &heads, &f.header)?;
    row += 1;
    for o in &cmp.overlaps {
        plain_text(
            ws,
            row,
            0,
            format!("{} ↔ {}", cmp.columns[o.a].label, cmp.columns[o.b].label),
        )?;
        ws.write_number(row, 1, o.shared as f64)?;
        ws.write_number(row, 2, o.union as f64)?;
        ws.write_number_with_format(row, 3, o.percent, &f.num)?;
        ws.write_number(row, 4, o.only_a.len() as f64)?;
        ws.write_number(row, 5, o.only_b.len() as f64)?;
        row += 1;
    }
    Ok(())
}

/// The evidence section of the summary (from `row`; nothing when no column has an evidence
/// review): per column, items supported and the coverage, items lacking evidence and their share,
/// the evidence-backed total and its % of the maximum, Δ per step, and each predicate's status
/// on the evidence-backed total. Returns the next free row.
fn write_summary_evidence(
    ws: &mut Worksheet,
    mut row: u32,
    cmp: &Comparison,
    l: &Labels,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let ev: Vec<Option<&EvidenceSummary>> =
        cmp.columns.iter().map(|c| c.evidence.as_ref()).collect();
    let Some(policy) = ev.iter().flatten().next().map(|e| e.policy) else {
        return Ok(row);
    };
    let n = cmp.columns.len();
    row += 1;
    text(ws, row, 0, l.t("BUKTI DUKUNG", "EVIDENCE"), &f.section)?;
    text(ws,
        row,
        2,
        format!(
            "{}: {}. {}",
            l.t("Kebijakan bukti", "Evidence policy"),
            policy_label(policy, l.lang),
            l.t(
                "Bukti sah: tautan http(s) yang benar (tidak dibuka) atau berkas yang ada.",
                "Acceptable evidence: a well-formed http(s) link (not fetched) or a file that exists.",
            )
        ),
        &f.note,
    )?;
    row += 1;
    // Per column: the value and its percentage (None: no evidence review in that column).
    type Pair = Option<(f64, Option<f64>)>;
    let share = |e: &EvidenceSummary, part: usize| {
        (e.needing > 0).then(|| part as f64 * 100.0 / e.needing as f64)
    };
    let lines: [(&str, &str, Vec<Pair>); 3] = [
        (
            l.t(
                "Cakupan bukti (item didukung; % item perlu bukti)",
                "Evidence coverage (items supported; % of items needing evidence)",
            ),
            "evidence.coverage",
            ev.iter()
                .map(|e| e.map(|e| (e.supported as f64, e.coverage_percent())))
                .collect(),
        ),
        (
            l.t(
                "Item tanpa bukti sah (item; % item perlu bukti)",
                "Items lacking evidence (items; % of items needing evidence)",
            ),
            "evidence.lacking",
            ev.iter()
                .map(|e| e.map(|e| (e.lacking() as f64, share(e, e.lacking()))))
                .collect(),
        ),
        (
            l.t("Nilai total didukung bukti", "Evidence-backed total"),
            "evidence.backed_total",
            ev.iter()
                .zip(&cmp.columns)
                .map(|(e, c)| {
                    let t = e.and_then(|e| e.backed_total)?;
                    Some((t, (c.max_total > 0.0).then(|| t / c.max_total * 100.0)))
                })
                .collect(),
        ),
    ];
    for (label, key, pairs) in &lines {
        text(ws, row, 0, format!("   {label}"), &f.text)?;
        text(ws, row, 1, *key, &f.key)?;
        for (j, p) in pairs.iter().enumerate() {
            let col = sum_col(j);
            match p {
                Some((v, pct)) => {
                    ws.write_number_with_format(row, col, *v, &f.num)?;
                    if let Some(pct) = pct {
                        ws.write_number_with_format(row, col + 1, *pct, &f.num)?;
                    }
                }
                None => {
                    merged(ws, (row, col), (row, col + 1), "—", &f.absent)?;
                }
            }
        }
        for s in 0..n.saturating_sub(1) {
            if let (Some((a, ap)), Some((b, bp))) = (pairs[s], pairs[s + 1]) {
                let col = sum_delta_col(n, s);
                ws.write_number_with_format(row, col, b - a, f.delta_for(b - a))?;
                if let (Some(ap), Some(bp)) = (ap, bp) {
                    ws.write_number_with_format(row, col + 1, bp - ap, f.delta_for(bp - ap))?;
                }
            }
        }
        row += 1;
    }
    for p in &cmp.predicates {
        let cells: Vec<Option<&BackedPredicate>> = ev
            .iter()
            .map(|e| e.and_then(|e| e.backed_predicate(&p.key)))
            .collect();
        if cells.iter().all(Option::is_none) {
            continue;
        }
        text(
            ws,
            row,
            0,
            format!(
                "   {} ({})",
                p.name(l.lang),
                l.t("didukung bukti", "on the evidence")
            ),
            &f.text,
        )?;
        text(ws, row, 1, format!("evidence.{}", p.key), &f.key)?;
        for (j, c) in cells.iter().enumerate() {
            let col = sum_col(j);
            match c {
                Some(b) => {
                    let fmt = match b.status {
                        PredicateStatus::Met => &f.met,
                        PredicateStatus::NotMet => &f.not_met,
                        PredicateStatus::ScoresMetPriorUnknown => &f.unknown,
                    };
                    merged(ws, (row, col), (row, col + 1), b.status_label(l.lang), fmt)?;
                }
                None => {
                    merged(ws, (row, col), (row, col + 1), "—", &f.absent)?;
                }
            }
        }
        row += 1;
    }
    Ok(row)
}

fn write_items(
    ws: &mut Worksheet,
    cmp: &Comparison,
    l: &Labels,
    f: &Formats,
) -> Result<(), XlsxError> {
    let n = cmp.columns.len();
    let per_col = 3u16;
    let col_of = |j: usize| 2 + per_col * j as u16;
    let delta_of = |s: usize| 2 + per_col * n as u16 + 2 * s as u16;
    let mut widths = vec![24.0, 40.0];
    widths.extend((0..per_col as usize * n + 2 * n.saturating_sub(1)).map(|_| 9.0));
    ws.set_column_width(0, widths[0])?;
    ws.set_column_width(1, widths[1])?;
    let (h0, h1) = (0u32, 1u32);
    merged(ws, (h0, 0), (h1, 0), l.t("Kunci", "Key"), &f.header)?;
    merged(
        ws,
        (h0, 1),
        (h1, 1),
        l.t("Penilaian", "Assessment"),
        &f.header,
    )?;
    for (j, c) in cmp.columns.iter().enumerate() {
        let col = col_of(j);
        merged(ws, (h0, col), (h0, col + per_col - 1), &c.label, &f.header)?;
        text(ws, h1, col, l.t("Jawaban", "Answer"), &f.header)?;
        text(
            ws,
            h1,
            col + 1,
            l.t("Nilai (0-1)", "Value (0-1)"),
            &f.header,
        )?;
        text(ws, h1, col + 2, l.t("Poin", "Points"), &f.header)?;
        for k in 0..per_col {
            ws.set_column_width(col + k, 9.0)?;
        }
    }
    for s in 0..n.saturating_sub(1) {
        let col = delta_of(s);
        merged(
            ws,
            (h0, col),
            (h0, col + 1),
            l.step(cmp, s, s + 1),
            &f.header,
        )?;
        text(ws, h1, col, l.t("Δ poin", "Δ points"), &f.header)?;
        text(
            ws,
            h1,
            col + 1,
            l.t("Δ nilai (%)", "Δ value (%)"),
            &f.header,
        )?;
        ws.set_column_width(col, 9.0)?;
        ws.set_column_width(col + 1, 9.0)?;
    }
    ws.set_freeze_panes(h1 + 1, 2)?;
    print_setup(ws, &widths, Some((h0, h1)))?;
    ws.autofilter(
        h1,
        0,
        h1 + cmp.items.len() as u32,
        delta_of(n.saturating_sub(1)).max(col_of(n)) - 1,
    )?;

    for (i, r) in cmp.items.iter().enumerate() {
        let row = h1 + 1 + i as u32;
        text(ws, row, 0, &r.key, &f.key)?;
        let text = match &r.marker {
            Some(m) => format!("{m} {}", r.name(l.lang)),
            None => r.name(l.lang).to_string(),
        };
        plain_text(ws, row, 1, &text)?;
        for j in 0..n {
            let col = col_of(j);
            match r.cells.get(j).and_then(Option::as_ref) {
                None => {
                    merged(
                        ws,
                        (row, col),
                        (row, col + per_col - 1),
                        l.absent(),
                        &f.absent,
                    )?;
                }
                Some(m) => {
                    let is_drop = cmp.dropped_below_threshold(j, r);
                    let answer = match (m.status, &m.answer) {
                        (_, Some(a)) => a.clone(),
                        (Some(zona_core::ItemStatus::Answered), None) => "%".to_string(),
                        (Some(zona_core::ItemStatus::Invalid), None) => {
                            l.t("tidak sah", "invalid").to_string()
                        }
                        _ => l.t("belum diisi", "unanswered").to_string(),
                    };
                    plain_text(ws, row, col, &answer)?;
                    if let Some(v) = m.value {
                        ws.write_number_with_format(row, col + 1, v, &f.num)?;
                    }
                    ws.write_number_with_format(
                        row,
                        col + 2,
                        m.score,
                        if is_drop { &f.drop_num } else { &f.num },
                    )?;
                }
            }
        }
        for s in 0..n.saturating_sub(1) {
            if let Some(d) = r.deltas.get(s).and_then(Option::as_ref) {
                let col = delta_of(s);
                ws.write_number_with_format(row, col, d.points, f.delta_for(d.points))?;
                ws.write_number_with_format(row, col + 1, d.percent, f.delta_for(d.percent))?;
            }
        }
    }
    Ok(())
}

fn write_moved(
    ws: &mut Worksheet,
    cmp: &Comparison,
    l: &Labels,
    f: &Formats,
) -> Result<(), XlsxError> {
    let heads = [
        l.t("Perubahan", "Change"),
        l.t("Kunci", "Key"),
        l.t("Penilaian", "Assessment"),
        l.t("Jawaban sebelum", "Answer before"),
        l.t("Jawaban sesudah", "Answer after"),
        l.t("Poin sebelum", "Points before"),
        l.t("Poin sesudah", "Points after"),
        l.t("Δ poin", "Δ points"),
        l.t("Δ nilai (%)", "Δ value (%)"),
    ];
    header_row(ws, 0, 0, &heads, &f.header)?;
    let widths = [18.0, 30.0, 50.0, 12.0, 12.0, 10.0, 10.0, 9.0, 10.0];
    for (c, w) in (0u16..).zip(widths) {
        ws.set_column_width(c, w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, &widths, Some((0, 0)))?;
    let answer = |m: &Measure| -> String {
        match (&m.answer, m.status) {
            (Some(a), _) => a.clone(),
            (None, Some(zona_core::ItemStatus::Answered)) => "%".to_string(),
            (None, Some(zona_core::ItemStatus::Invalid)) => l.t("tidak sah", "invalid").to_string(),
            _ => l.t("belum diisi", "unanswered").to_string(),
        }
    };
    let mut row = 1u32;
    for s in &cmp.steps {
        for mv in &s.moved_items {
            let r = &cmp.items[mv.row];
            plain_text(ws, row, 0, l.step(cmp, s.from, s.to))?;
            text(ws, row, 1, &mv.key, &f.key)?;
            plain_text(ws, row, 2, r.name(l.lang))?;
            plain_text(ws, row, 3, answer(&mv.before))?;
            plain_text(ws, row, 4, answer(&mv.after))?;
            ws.write_number_with_format(row, 5, mv.before.score, &f.num)?;
            ws.write_number_with_format(row, 6, mv.after.score, &f.num)?;
            ws.write_number_with_format(row, 7, mv.delta.points, f.delta_for(mv.delta.points))?;
            ws.write_number_with_format(row, 8, mv.delta.percent, f.delta_for(mv.delta.percent))?;
            row += 1;
        }
    }
    if row == 1 {
        text(
            ws,
            1,
            0,
            l.t("tidak ada item yang berubah", "no item moved"),
            &f.note,
        )?;
    }
    Ok(())
}

/// A line of the chart data: its name and a value per column (None: a gap).
struct Series {
    name: String,
    values: Vec<Option<f64>>,
    threshold: bool,
}

fn chart_series(cmp: &Comparison, l: &Labels) -> Vec<Series> {
    let mut out = vec![Series {
        name: l
            .t(
                "Nilai total (% dari maksimum)",
                "Total score (% of maximum)",
            )
            .to_string(),
        values: cmp
            .total
            .cells
            .iter()
            .map(|c| c.as_ref().map(|m| m.percent))
            .collect(),
        threshold: false,
    }];
    for a in &cmp.areas {
        out.push(Series {
            name: format!("{} (% {})", a.name(l.lang), l.t("bobot", "of weight")),
            values: a
                .cells
                .iter()
                .map(|c| c.as_ref().map(|m| m.percent))
                .collect(),
            threshold: false,
        });
    }
    // Threshold lines, per predicate key, from each column's own criteria.
    for p in &cmp.predicates {
        let per_col: Vec<Option<&PredicateThresholds>> = cmp
            .columns
            .iter()
            .map(|c| c.thresholds.iter().find(|t| t.key == p.key))
            .collect();
        let total: Vec<Option<f64>> = per_col
            .iter()
            .map(|t| t.and_then(|t| t.total_percent))
            .collect();
        if total.iter().any(Option::is_some) {
            out.push(Series {
                name: format!(
                    "{} {} — {}",
                    l.t("Ambang", "Threshold"),
                    p.name(l.lang),
                    l.t("nilai total", "total score")
                ),
                values: total,
                threshold: true,
            });
        }
        let area: Vec<Option<f64>> = per_col
            .iter()
            .map(|t| t.and_then(|t| t.area_min_percent))
            .collect();
        if area.iter().any(Option::is_some) {
            out.push(Series {
                name: format!(
                    "{} {} — {}",
                    l.t("Ambang", "Threshold"),
                    p.name(l.lang),
                    l.t("tiap area", "each area")
                ),
                values: area,
                threshold: true,
            });
        }
    }
    out
}

/// The bottom of the % axis: 10 below the lowest plotted value (thresholds included), rounded
/// down to a multiple of 10, at least 0; so the lines near the thresholds stay apart.
fn axis_min(series: &[Series]) -> f64 {
    let lowest = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::INFINITY, f64::min);
    if lowest.is_finite() {
        ((lowest - 10.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0
    } else {
        0.0
    }
}

fn write_chart(
    ws: &mut Worksheet,
    sheet: &str,
    cmp: &Comparison,
    l: &Labels,
    f: &Formats,
) -> Result<(), XlsxError> {
    let n = cmp.columns.len();
    let mut widths = vec![52.0];
    widths.extend(cmp.columns.iter().map(|_| 12.0));
    print_setup(ws, &widths, Some((0, 0)))?;
    ws.set_column_width(0, 52.0)?;
    text(
        ws,
        0,
        0,
        l.t("Data grafik (%)", "Chart data (%)"),
        &f.header,
    )?;
    for (j, c) in cmp.columns.iter().enumerate() {
        text(ws, 0, 1 + j as u16, &c.label, &f.header)?;
        ws.set_column_width(1 + j as u16, 12.0)?;
    }
    let series = chart_series(cmp, l);
    for (i, s) in series.iter().enumerate() {
        let row = 1 + i as u32;
        text(
            ws,
            row,
            0,
            &s.name,
            if s.threshold { &f.note } else { &f.text },
        )?;
        for (j, v) in s.values.iter().enumerate() {
            if let Some(v) = v {
                ws.write_number_with_format(row, 1 + j as u16, *v, &f.num)?;
            }
        }
    }
    if n == 0 {
        return Ok(());
    }
    let mut chart = Chart::new(ChartType::Line);
    // The thresholds' predicates by their short names (WBK/WBBM), as the criteria name them.
    let names = |lang: Lang| -> String {
        cmp.columns
            .first()
            .map(|c| {
                c.thresholds
                    .iter()
                    .map(|t| lang.pick(t.short_id.as_str(), t.short_en.as_str()))
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    };
    chart.title().set_name(l.t(
        &format!(
            "Nilai total dan area (% bobot) terhadap ambang {}",
            names(Lang::Id)
        ),
        &format!(
            "Total and areas (% of weight) against the {} thresholds",
            names(Lang::En)
        ),
    ));
    chart.show_empty_cells_as(ChartEmptyCells::Gaps);
    chart.x_axis().set_name(l.t("Lembar kerja", "Workbook"));
    chart
        .y_axis()
        .set_name(l.t("% bobot", "% of weight"))
        .set_min(axis_min(&series))
        .set_max(100.0);
    chart.legend().set_position(ChartLegendPosition::Right);
    chart.set_width(960).set_height(520);
    let last = n as u16;
    for (i, s) in series.iter().enumerate() {
        let row = 1 + i as u32;
        let mut line = if s.threshold {
            ChartLine::new()
                .set_dash_type(ChartLineDashType::Dash)
                .set_width(1.5)
                .clone()
        } else if i == 0 {
            ChartLine::new().set_width(3.0).clone()
        } else {
            ChartLine::new().set_width(1.75).clone()
        };
        let mut marker = ChartMarker::new();
        if s.threshold {
            marker.set_none();
        } else {
            marker.set_type(ChartMarkerType::Circle);
        }
        chart
            .add_series()
            .set_name((sheet, row, 0))
            .set_categories((sheet, 0, 1, 0, last))
            .set_values((sheet, row, 1, row, last))
            .set_format(&mut line)
            .set_marker(&marker);
    }
    ws.insert_chart(series.len() as u32 + 3, 0, &chart)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use zona_core::compare::{compare, CompareInput};
    use zona_core::{score, AnswerSet, ScoreOptions};

    fn comparison() -> Comparison {
        let c = zona_core::default_criteria();
        let r = score(&c, &AnswerSet::empty(&c), &ScoreOptions::default());
        compare(&[
            CompareInput {
                label: "2022",
                criteria: &c,
                result: &r,
                evidence: None,
            },
            CompareInput {
                label: "2023",
                criteria: &c,
                result: &r,
                evidence: None,
            },
        ])
    }

    #[test]
    fn the_same_comparison_gives_the_same_bytes() {
        let cmp = comparison();
        let o = CompareWriteOptions::default();
        let a = comparison_workbook_bytes(&cmp, &o).unwrap();
        let b = comparison_workbook_bytes(&cmp, &o).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn existing_output_needs_force_and_inputs_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let cmp = comparison();
        let input = dir.path().join("lke-2023.xlsx");
        fs::write(&input, b"input").unwrap();
        let out = dir.path().join("perbandingan.xlsx");
        let o = CompareWriteOptions::default();
        write_comparison(&out, &cmp, &[&input], &o).unwrap();
        let first = fs::read(&out).unwrap();
        assert!(first.starts_with(b"PK"));
        let err = write_comparison(&out, &cmp, &[&input], &o).unwrap_err();
        assert!(
            matches!(
                err,
                WriteError::Exists {
                    output: OutputKind::Comparison,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.message(Lang::Id).contains("--force"));
        let forced = CompareWriteOptions {
            force: true,
            ..Default::default()
        };
        write_comparison(&out, &cmp, &[&input], &forced).unwrap();
        assert_eq!(fs::read(&out).unwrap(), first);
        // The input, even with force and even spelt differently.
        let spelt = dir.path().join(".").join("lke-2023.xlsx");
        let err = write_comparison(&spelt, &cmp, &[&input], &forced).unwrap_err();
        assert!(
            matches!(
                err,
                WriteError::SameAsInput {
                    output: OutputKind::Comparison,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(fs::read(&input).unwrap(), b"input");
        // No temporary files left behind.
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("no-such-dir").join("x.xlsx");
        let err = write_comparison(&out, &comparison(), &[], &CompareWriteOptions::default())
            .unwrap_err();
        assert!(err.message(Lang::En).contains("x.xlsx"), "{err}");
    }
}
