//! The summary workbook of `zona batch` (`ringkasan.xlsx`): one row per scored workbook, ranked by
//! total, the files that could not be scored, and how the units lie against the predicates' total
//! thresholds.
//!
//! Data flows in two steps so that a batch of thousands of workbooks stays small in memory: while
//! scoring, each workbook is reduced to a [`BatchRow`] ([`BatchRow::new`]: unit facts, total, roots,
//! areas, predicate outcomes, counts; no items, no diagnostics), and the full answers and score of
//! that workbook are dropped. This module then writes the rows.
//!
//! | sheet (id / en) | content |
//! |---|---|
//! | `Ringkasan` / `Summary` | the verdict line, then an Excel table (sortable, filterable), one row per unit, ranked by total: what a head of office reads ([`TableSheet`]) |
//! | `Nilai`, `Predikat`, `Bukti`, `Berkas` / `Scores`, `Predicates`, `Evidence`, `Files` | the rest of the [`columns`], one theme a sheet, the same rows in the same order, so that each prints one page wide |
//! | `Galat` / `Errors` | the files that could not be scored: file, error message |
//! | `Grafik` / `Chart` | the totals in rank order with each predicate's total threshold, a column chart of them with the thresholds as lines, and the number of units per band between thresholds |
//! | `Keterangan` / `Notes` | the criteria the columns follow, the thresholds, the counts, what the columns mean |
//!
//! The area, root and predicate columns, and the thresholds, come from one criteria set (the
//! criteria of the first scored workbook, [`BatchSummary::criteria`]), never from constants; a row
//! scored with criteria that lack one of them leaves that cell blank.
//!
//! The bytes are deterministic (fixed creation date); the file is written with
//! [`crate::output_file`]: atomically, never over an input workbook, over an existing file only when
//! forced.

use std::path::Path;

use rayon::prelude::*;

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartPoint,
    ChartSolidFill, ChartType, Color, DocProperties, Format, FormatAlign, FormatBorder, Table,
    TableColumn, TableStyle, Url, Workbook, Worksheet, XlsxError,
};
pub use zona_core::batch::{
    rank_rows, ranks, total_thresholds, BackedPredicate, BatchArea, BatchError, BatchPredicate,
    BatchRoot, BatchRow, BatchUnit, EvidenceSummary, TotalThreshold,
};
use zona_core::evidence::EvidencePolicy;
use zona_core::lang::{fmt_dec, fmt_plain};
use zona_core::predicate::ConditionResult;
use zona_core::{Criteria, Lang, PredicateStatus};

use crate::doc_properties::created_on;
use crate::output_file;
use crate::report::lines;
use crate::sheet::{
    cell_text, column_px, header_height, header_row, merged, plain_text, print_scale, print_setup,
    print_setup_pages_wide, relative_file_link, text, toned, Tone, COUNT, FRACTION_PCT, HEADER_BG,
    NUM, PCT_OF_WEIGHT,
};
use crate::{OutputKind, WriteError, CREATION_DATE};

mod table_sheets;
pub use table_sheets::TableSheet;

/// Points per line of the 14-point first line of a table sheet.
const TITLE_LINE_HEIGHT: f64 = 19.0;

/// The condition as a short text: `label: value < threshold` (area conditions in % of weight;
/// a prior predicate: `label: tidak`).
pub fn condition_text(c: &ConditionResult, lang: Lang) -> String {
    let sign = match c.passed {
        Some(true) => "≥",
        _ => "<",
    };
    match (c.value_percent, c.threshold_percent, c.value, c.threshold) {
        (Some(v), Some(t), _, _) => format!(
            "{}: {}% {sign} {}%",
            c.label(lang),
            fmt_dec(v, c.percent_decimals(), lang),
            fmt_plain(t, lang)
        ),
        (_, _, Some(v), Some(t)) => {
            format!(
                "{}: {} {sign} {}",
                c.label(lang),
                fmt_dec(v, c.decimals(), lang),
                fmt_dec(t, 2, lang)
            )
        }
        _ => {
            let held = match c.passed {
                Some(true) => lang.pick("ya", "yes"),
                Some(false) => lang.pick("tidak", "no"),
                None => lang.pick("belum dinyatakan", "not stated"),
            };
            format!("{}: {held}", c.label(lang))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Columns

/// A column of the summary table (and of `zona batch --format csv`).
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    Rank,
    Unit,
    Instansi,
    Year,
    /// Where the unit facts came from.
    UnitOrigin,
    File,
    Criteria,
    Total,
    /// A root of the criteria (Pengungkit, Hasil): its score.
    Root {
        key: String,
        name_id: String,
        name_en: String,
    },
    /// An area's score.
    AreaScore {
        key: String,
        name_id: String,
        name_en: String,
    },
    /// An area's score in % of its weight.
    AreaPercent {
        key: String,
        name_id: String,
        name_en: String,
    },
    /// A predicate's status.
    PredicateStatus {
        key: String,
        name_id: String,
        name_en: String,
    },
    /// The first condition of the predicate that fails.
    PredicateFailing {
        key: String,
        name_id: String,
        name_en: String,
    },
    /// That condition's margin (value − threshold, points).
    PredicateMargin {
        key: String,
        name_id: String,
        name_en: String,
    },
    Answered,
    Unanswered,
    Invalid,
    Items,
    /// Answered / items (0–1).
    Completeness,
    /// The unit's own report (with `--reports`).
    Report,
    /// The evidence policy the evidence-backed total was scored under.
    EvidencePolicy,
    /// Items that need evidence (answered above their lowest answer).
    EvidenceNeeded,
    /// Items that need evidence and lack it (no entry, or none an evaluator can open).
    EvidenceLacking,
    /// Supported / needing, in percent (0–100).
    EvidenceCoverage,
    /// The total the evidence supports.
    EvidenceBackedTotal,
    /// A predicate's status under the evidence-backed total.
    EvidencePredicate {
        key: String,
        name_id: String,
        name_en: String,
    },
}

/// An evidence policy in words ([`EvidencePolicy::label`]): what an item lacking acceptable
/// evidence is scored at.
pub fn policy_label(policy: EvidencePolicy, lang: Lang) -> &'static str {
    policy.label(lang)
}

/// What a cell of a row holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    /// A text for people with the stable code programs read (predicate status, unit origin).
    Coded {
        code: &'static str,
        label: String,
    },
    Number(f64),
}

/// The columns of the summary for these criteria (the criteria of the first scored workbook):
/// rank, unit, instansi, year, where the unit facts came from, file, criteria id, total, each
/// root, each area (score and % of weight), each predicate (status, first failing condition,
/// its margin), answered, items, completeness, the report when `with_reports`, and last the
/// evidence: policy, items needing evidence, items lacking it, coverage, the evidence-backed
/// total and each predicate's status under it (added last, so that the columns before keep
/// their places).
pub fn columns(criteria: &Criteria, with_reports: bool) -> Vec<Column> {
    let mut cols = vec![
        Column::Rank,
        Column::Unit,
        Column::Instansi,
        Column::Year,
        Column::UnitOrigin,
        Column::File,
        Column::Criteria,
        Column::Total,
    ];
    for r in &criteria.roots {
        let n = criteria.node(*r);
        cols.push(Column::Root {
            key: n.key.clone(),
            name_id: n.display_name(Lang::Id).to_string(),
            name_en: n.display_name(Lang::En).to_string(),
        });
    }
    for a in &criteria.areas {
        let (key, name_id, name_en) = (
            a.key.clone(),
            a.display_name(Lang::Id).to_string(),
            a.display_name(Lang::En).to_string(),
        );
        cols.push(Column::AreaScore {
            key: key.clone(),
            name_id: name_id.clone(),
            name_en: name_en.clone(),
        });
        cols.push(Column::AreaPercent {
            key,
            name_id,
            name_en,
        });
    }
    for p in &criteria.predicates {
        let (key, name_id, name_en) = (
            p.key.clone(),
            p.display_name(Lang::Id).to_string(),
            p.display_name(Lang::En).to_string(),
        );
        cols.push(Column::PredicateStatus {
            key: key.clone(),
            name_id: name_id.clone(),
            name_en: name_en.clone(),
        });
        cols.push(Column::PredicateFailing {
            key: key.clone(),
            name_id: name_id.clone(),
            name_en: name_en.clone(),
        });
        cols.push(Column::PredicateMargin {
            key,
            name_id,
            name_en,
        });
    }
    cols.extend([
        Column::Answered,
        Column::Unanswered,
        Column::Invalid,
        Column::Items,
        Column::Completeness,
    ]);
    if with_reports {
        cols.push(Column::Report);
    }
    cols.extend([
        Column::EvidencePolicy,
        Column::EvidenceNeeded,
        Column::EvidenceLacking,
        Column::EvidenceCoverage,
        Column::EvidenceBackedTotal,
    ]);
    for p in &criteria.predicates {
        cols.push(Column::EvidencePredicate {
            key: p.key.clone(),
            name_id: p.display_name(Lang::Id).to_string(),
            name_en: p.display_name(Lang::En).to_string(),
        });
    }
    cols
}

impl Column {
    /// Decimals a number of this column shows in the row: 2, or more for a total or a margin
    /// that fails by less than two decimals show ([`zona_core::lang::decimals_against`]).
    pub fn decimals(&self, row: &BatchRow) -> usize {
        match self {
            Column::Total => row.total_decimals,
            Column::EvidenceBackedTotal => {
                row.evidence.as_ref().map_or(2, |e| e.backed_total_decimals)
            }
            Column::PredicateMargin { key, .. } => row
                .predicate(key)
                .and_then(|p| p.first_failing.as_ref())
                .map_or(2, ConditionResult::decimals),
            _ => 2,
        }
    }

    /// A stable machine name (the CSV header): `total`, `area_mp_percent`, `wbk_status`, …
    pub fn key(&self) -> String {
        match self {
            Column::Rank => "rank".into(),
            Column::Unit => "unit".into(),
            Column::Instansi => "instansi".into(),
            Column::Year => "year".into(),
            Column::UnitOrigin => "unit_origin".into(),
            Column::File => "file".into(),
            Column::Criteria => "criteria".into(),
            Column::Total => "total".into(),
            Column::Root { key, .. } => key.clone(),
            Column::AreaScore { key, .. } => format!("area_{key}_score"),
            Column::AreaPercent { key, .. } => format!("area_{key}_percent"),
            Column::PredicateStatus { key, .. } => format!("{key}_status"),
            Column::PredicateFailing { key, .. } => format!("{key}_first_failing"),
            Column::PredicateMargin { key, .. } => format!("{key}_margin"),
            Column::Answered => "answered".into(),
            Column::Unanswered => "unanswered".into(),
            Column::Invalid => "invalid".into(),
            Column::Items => "items".into(),
            Column::Completeness => "completeness".into(),
            Column::Report => "report".into(),
            Column::EvidencePolicy => "evidence_policy".into(),
            Column::EvidenceNeeded => "evidence_needed".into(),
            Column::EvidenceLacking => "evidence_lacking".into(),
            Column::EvidenceCoverage => "evidence_coverage_percent".into(),
            Column::EvidenceBackedTotal => "evidence_backed_total".into(),
            Column::EvidencePredicate { key, .. } => format!("{key}_evidence_status"),
        }
    }

    /// The header of the column in the workbook.
    pub fn header(&self, lang: Lang) -> String {
        let t = |id: &str, en: &str| lang.pick(id, en).to_string();
        match self {
            Column::Rank => t("Peringkat", "Rank"),
            Column::Unit => t("Unit", "Unit"),
            Column::Instansi => t("Instansi", "Agency"),
            Column::Year => t("Tahun", "Year"),
            Column::UnitOrigin => t("Asal data unit", "Unit facts from"),
            Column::File => t("Berkas", "File"),
            Column::Criteria => t("Kriteria", "Criteria"),
            Column::Total => t("Nilai total", "Total"),
            Column::Root {
                name_id, name_en, ..
            }
            | Column::AreaScore {
                name_id, name_en, ..
            } => lang.pick(name_id, name_en).to_string(),
            Column::AreaPercent {
                name_id, name_en, ..
            } => format!(
                "{} {}",
                lang.pick(name_id, name_en),
                lang.pick("(% bobot)", "(% of weight)")
            ),
            Column::PredicateStatus {
                name_id, name_en, ..
            } => lang.pick(name_id, name_en).to_string(),
            Column::PredicateFailing {
                name_id, name_en, ..
            } => format!(
                "{}: {}",
                lang.pick(name_id, name_en),
                lang.pick("syarat pertama yang gagal", "first failing condition")
            ),
            Column::PredicateMargin {
                name_id, name_en, ..
            } => format!(
                "{}: {}",
                lang.pick(name_id, name_en),
                lang.pick("selisih", "margin")
            ),
            Column::Answered => t("Item dijawab", "Items answered"),
            Column::Unanswered => t("Belum dijawab", "Unanswered"),
            Column::Invalid => t("Jawaban tidak sah", "Invalid answers"),
            Column::Items => t("Jumlah item", "Items"),
            Column::Completeness => t("Kelengkapan", "Completeness"),
            Column::Report => t("Laporan", "Report"),
            Column::EvidencePolicy => t("Kebijakan bukti", "Evidence policy"),
            Column::EvidenceNeeded => t("Item perlu bukti", "Items needing evidence"),
            Column::EvidenceLacking => t("Item tanpa bukti sah", "Items lacking evidence"),
            Column::EvidenceCoverage => t("Cakupan bukti", "Evidence coverage"),
            Column::EvidenceBackedTotal => t("Nilai didukung bukti", "Evidence-backed total"),
            Column::EvidencePredicate {
                name_id, name_en, ..
            } => format!(
                "{}: {}",
                lang.pick(name_id, name_en),
                lang.pick("didukung bukti", "on the evidence")
            ),
        }
    }

    /// The cell of a row (`rank` from [`ranks`]).
    pub fn value(&self, row: &BatchRow, rank: usize, lang: Lang) -> CellValue {
        let text = |s: Option<&str>| match s {
            Some(s) => CellValue::Text(s.to_string()),
            None => CellValue::Empty,
        };
        let num = |v: Option<f64>| match v {
            Some(v) if v.is_finite() => CellValue::Number(v),
            _ => CellValue::Empty,
        };
        match self {
            Column::Rank => CellValue::Number(rank as f64),
            Column::Unit => text(row.unit.name.as_deref()),
            Column::Instansi => text(row.unit.instansi.as_deref()),
            Column::Year => num(row.unit.year.map(f64::from)),
            Column::UnitOrigin => CellValue::Coded {
                code: row.unit.origin_code(),
                label: row.unit.origin_label(lang),
            },
            Column::File => CellValue::Text(row.file.clone()),
            Column::Criteria => CellValue::Text(row.criteria_id.clone()),
            Column::Total => num(Some(row.total)),
            Column::Root { key, .. } => num(row.root(key).map(|r| r.score)),
            Column::AreaScore { key, .. } => num(row.area(key).map(|a| a.score)),
            Column::AreaPercent { key, .. } => num(row.area(key).map(BatchArea::percent)),
            Column::PredicateStatus { key, .. } => match row.predicate(key) {
                Some(p) => CellValue::Coded {
                    code: p.status.code(),
                    label: lang
                        .pick(&p.status_label_id, &p.status_label_en)
                        .to_string(),
                },
                None => CellValue::Empty,
            },
            Column::PredicateFailing { key, .. } => text(
                row.predicate(key)
                    .and_then(|p| p.first_failing.as_ref())
                    .map(|c| condition_text(c, lang))
                    .as_deref(),
            ),
            Column::PredicateMargin { key, .. } => num(row
                .predicate(key)
                .and_then(|p| p.first_failing.as_ref())
                .and_then(|c| c.margin)),
            Column::Answered => CellValue::Number(row.answered as f64),
            Column::Unanswered => CellValue::Number(row.unanswered as f64),
            Column::Invalid => CellValue::Number(row.invalid as f64),
            Column::Items => CellValue::Number(row.items as f64),
            Column::Completeness => CellValue::Number(row.completeness()),
            Column::Report => text(row.report.as_deref()),
            Column::EvidencePolicy => match &row.evidence {
                Some(e) => CellValue::Coded {
                    code: e.policy.code(),
                    label: policy_label(e.policy, lang).to_string(),
                },
                None => CellValue::Empty,
            },
            Column::EvidenceNeeded => num(row.evidence.as_ref().map(|e| e.needing as f64)),
            Column::EvidenceLacking => num(row.evidence.as_ref().map(|e| e.lacking() as f64)),
            Column::EvidenceCoverage => num(row
                .evidence
                .as_ref()
                .and_then(EvidenceSummary::coverage_percent)),
            Column::EvidenceBackedTotal => num(row.evidence.as_ref().and_then(|e| e.backed_total)),
            Column::EvidencePredicate { key, .. } => {
                match row.evidence.as_ref().and_then(|e| e.backed_predicate(key)) {
                    Some(p) => CellValue::Coded {
                        code: p.status.code(),
                        label: p.status_label(lang).to_string(),
                    },
                    None => CellValue::Empty,
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// What the summary workbook shows.
#[derive(Debug, Clone, Copy)]
pub struct BatchSummary<'a> {
    /// The criteria the area, root and predicate columns and the thresholds follow (those of the
    /// first scored workbook).
    pub criteria: &'a Criteria,
    /// The scored workbooks, ranked ([`rank_rows`]).
    pub rows: &'a [BatchRow],
    /// The files that could not be scored, in the order they were found.
    pub errors: &'a [BatchError],
}

/// How to write the summary workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchWriteOptions {
    pub lang: Lang,
    /// Replace an existing output file (never an input).
    pub force: bool,
    /// Creation date in the document properties (year, month, day; midnight UTC); fixed
    /// ([`CREATION_DATE`] by default) so that the same rows give the same bytes.
    pub created: (u16, u8, u8),
    /// The folder the summary is written into (canonical): a unit's report inside it is linked
    /// from the report column, relative to it. None (the default, and for bytes): plain text.
    /// [`write_batch_summary`] sets it.
    pub folder: Option<std::path::PathBuf>,
}

impl Default for BatchWriteOptions {
    fn default() -> Self {
        BatchWriteOptions {
            lang: Lang::Id,
            force: false,
            created: CREATION_DATE,
            folder: None,
        }
    }
}

/// The sheet names in this language: the table sheets ([`TableSheet::ALL`]: summary, scores,
/// predicates, evidence, files), then errors, chart, notes.
pub fn sheet_names(lang: Lang) -> [&'static str; 8] {
    let [a, b, c, d, e] = TableSheet::ALL.map(|s| s.name(lang));
    match lang {
        Lang::Id => [a, b, c, d, e, "Galat", "Grafik", "Keterangan"],
        Lang::En => [a, b, c, d, e, "Errors", "Chart", "Notes"],
    }
}

/// Writes the summary workbook to `output` ([`output_file`]: atomically; never over one of
/// `inputs`; over an existing file only with `options.force`).
pub fn write_batch_summary(
    output: &Path,
    summary: &BatchSummary,
    inputs: &[&Path],
    options: &BatchWriteOptions,
) -> Result<(), WriteError> {
    let folder = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let options = BatchWriteOptions {
        folder: std::fs::canonicalize(folder).ok(),
        ..options.clone()
    };
    output_file::write_workbook(
        OutputKind::BatchSummary,
        output,
        inputs,
        options.force,
        || batch_workbook_bytes(summary, &options),
    )
}

/// Bars of the chart by band, lowest band first (below every threshold, then each threshold
/// reached); the last colour repeats.
const BAND_COLOURS: [u32; 4] = [0xC0504D, 0xF0A30A, 0x4F9A3A, 0x1F4E78];

struct Formats {
    header: Format,
    text: Format,
    num: Format,
    pct_of_weight: Format,
    fraction_pct: Format,
    count: Format,
    /// A count among texts (the Keterangan sheet).
    count_left: Format,
    pass: Format,
    fail: Format,
    amber: Format,
    title: Format,
    /// A header written upwards ([`upwards`]).
    header_up: Format,
    /// The first line of a table sheet: wrapped across the table.
    first_line: Format,
    note: Format,
    label: Format,
    link: Format,
    link_wrap: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new().set_align(FormatAlign::Top);
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_font_color(Color::White)
            .set_background_color(Color::RGB(HEADER_BG))
            .set_border(FormatBorder::Thin);
        Formats {
            header_up: header
                .clone()
                .set_rotation(90)
                .set_align(FormatAlign::Bottom)
                .set_align(FormatAlign::Center),
            header,
            text: cell.clone(),
            num: cell.clone().set_num_format(NUM),
            pct_of_weight: cell.clone().set_num_format(PCT_OF_WEIGHT),
            fraction_pct: cell.clone().set_num_format(FRACTION_PCT),
            count: cell.clone().set_num_format(COUNT),
            count_left: cell
                .clone()
                .set_num_format(COUNT)
                .set_align(FormatAlign::Left),
            pass: toned(&cell, Tone::Pass),
            fail: toned(&cell, Tone::Fail),
            amber: toned(&cell, Tone::Amber),
            title: Format::new().set_bold().set_font_size(14),
            first_line: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            link: cell
                .clone()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            link_wrap: cell
                .clone()
                .set_text_wrap()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
        }
    }
}

/// The summary workbook as bytes (what [`write_batch_summary`] writes).
pub fn batch_workbook_bytes(
    summary: &BatchSummary,
    options: &BatchWriteOptions,
) -> Result<Vec<u8>, XlsxError> {
    let lang = options.lang;
    let names = sheet_names(lang);
    let f = Formats::new();
    let mut wb = Workbook::new();
    // The fastest deflate level: the summary of a large batch is written once, at the end, while
    // the user waits (1000 units: 0.04 s less, the file 788 KB instead of 486 KB).
    wb.set_zip_compression_level(1);
    let props = DocProperties::new()
        .set_title(lang.pick(
            "Ringkasan Penilaian LKE Zona Integritas",
            "Zona Integritas LKE batch summary",
        ))
        .set_author(format!("zona {}", env!("CARGO_PKG_VERSION")));
    wb.set_properties(&created_on(
        crate::doc_properties::zona_output(props, zona_core::OutputKind::Summary),
        options.created,
    )?);
    let ranks = ranks(summary.rows);

    // The table sheets hold one row per unit each and do not depend on one another: they are
    // built side by side (a large batch's summary is written while the user waits), then added
    // in their order.
    let tables: Vec<Result<Worksheet, XlsxError>> = TableSheet::ALL
        .par_iter()
        .map(|&sheet| {
            let mut ws = Worksheet::new();
            ws.set_name(sheet.name(lang))?;
            write_table_sheet(
                &mut ws,
                sheet,
                summary,
                &ranks,
                lang,
                options.folder.as_deref(),
                &f,
            )?;
            Ok(ws)
        })
        .collect();
    for ws in tables {
        wb.push_worksheet(ws?);
    }

    let ws = wb.add_worksheet();
    ws.set_name(names[5])?;
    write_errors_sheet(ws, summary.errors, lang, &f)?;

    let ws = wb.add_worksheet();
    ws.set_name(names[6])?;
    write_chart_sheet(ws, names[6], summary, lang, &f)?;

    let ws = wb.add_worksheet();
    ws.set_name(names[7])?;
    write_notes_sheet(ws, summary, lang, &f)?;

    wb.save_to_buffer()
}

/// Table headers must be unique (Excel compares them without case): a repeated one gets ` (2)`.
fn unique_headers(headers: Vec<String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::with_capacity(headers.len());
    headers
        .into_iter()
        .map(|h| {
            let h = if h.trim().is_empty() {
                "-".to_string()
            } else {
                h
            };
            let mut candidate = h.clone();
            let mut n = 2;
            while seen.contains(&candidate.to_lowercase()) {
                candidate = format!("{h} ({n})");
                n += 1;
            }
            seen.push(candidate.to_lowercase());
            candidate
        })
        .collect()
}

fn column_width(c: &Column) -> f64 {
    match c {
        Column::Rank
        | Column::Year
        | Column::Answered
        | Column::Unanswered
        | Column::Invalid
        | Column::Items
        | Column::EvidenceNeeded
        | Column::EvidenceLacking => 7.0,
        Column::Unit => 26.0,
        Column::File => 24.0,
        Column::Instansi | Column::UnitOrigin => 15.0,
        Column::Criteria => 17.0,
        Column::Report => 16.0,
        Column::PredicateFailing { .. } => 30.0,
        // "TIDAK MEMENUHI" fits.
        Column::PredicateStatus { .. } | Column::EvidencePredicate { .. } => 15.0,
        Column::EvidencePolicy => 14.0,
        // Twelve of them on the scores sheet for 90/2021: narrow enough to print one page wide.
        Column::AreaScore { .. } | Column::AreaPercent { .. } => 8.5,
        _ => 10.0,
    }
}

/// Whether a column's texts wrap within it (the row grows to fit): conditions and paths.
fn wraps(c: &Column) -> bool {
    matches!(
        c,
        Column::PredicateFailing { .. }
            | Column::File
            | Column::UnitOrigin
            | Column::Instansi
            | Column::Unit
            | Column::Report
    )
}

/// Whether a column's header is written upwards: the long names of roots and areas over their
/// narrow numbers.
fn upwards(c: &Column) -> bool {
    matches!(
        c,
        Column::Root { .. } | Column::AreaScore { .. } | Column::AreaPercent { .. }
    )
}

/// The height of a header row that fits `header` written upwards and wrapped in a column `width`
/// characters wide: the shortest line length that wraps it into the lines the width holds.
fn upwards_header_height(header: &str, width: f64) -> f64 {
    // Lines of bold 11-point text across the column: about 16 px each.
    let fit = ((column_px(width) / 16.0).floor() as usize).max(1);
    let longest_word = header
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(1);
    let chars = (longest_word..)
        .find(|&n| lines(header, n as f64 / 1.15) <= fit)
        .unwrap_or(longest_word);
    // A bold character is about 8 px = 6 pt along the line, plus the cell's padding.
    (chars as f64 * 6.0 + 8.0).min(409.0)
}

/// The row of the summary table's header: the verdict line comes first.
const TABLE_ROW: u32 = 2;

/// The one line a head of office reads first: per predicate, how many units meet it.
fn verdict_line(summary: &BatchSummary, lang: Lang) -> String {
    let n = summary.rows.len();
    let parts: Vec<String> = summary
        .criteria
        .predicates
        .iter()
        .map(|p| {
            let of = |st: PredicateStatus| {
                summary
                    .rows
                    .iter()
                    .filter(|r| r.predicate(&p.key).is_some_and(|b| b.status == st))
                    .count()
            };
            let (met, unknown) = (
                of(PredicateStatus::Met),
                of(PredicateStatus::ScoresMetPriorUnknown),
            );
            let name = p.display_name(lang);
            let mut s = match lang {
                Lang::Id => format!("{name}: {met} dari {n} unit memenuhi"),
                Lang::En => format!("{name}: {met} of {n} units meet it"),
            };
            if unknown > 0 {
                s.push_str(&match lang {
                    Lang::Id => format!(
                        " (+{unknown} nilai memenuhi, predikat sebelumnya belum dinyatakan)"
                    ),
                    Lang::En => {
                        format!(" (+{unknown} whose scores meet it, prior predicate not stated)")
                    }
                });
            }
            s
        })
        .collect();
    let errors = summary.errors.len();
    let mut line = parts.join(" · ");
    // On the evidence: how many units the evidence-backed totals keep each predicate for.
    let backed: Vec<String> = summary
        .criteria
        .predicates
        .iter()
        .filter(|p| {
            summary.rows.iter().any(|r| {
                r.evidence
                    .as_ref()
                    .is_some_and(|e| e.backed_predicate(&p.key).is_some())
            })
        })
        .map(|p| {
            let met = summary
                .rows
                .iter()
                .filter(|r| {
                    r.evidence
                        .as_ref()
                        .and_then(|e| e.backed_predicate(&p.key))
                        .is_some_and(|b| b.status == PredicateStatus::Met)
                })
                .count();
            format!("{} {met}", p.display_name(lang))
        })
        .collect();
    if !backed.is_empty() {
        line.push_str(&format!(
            " · {}: {}",
            lang.pick("didukung bukti", "on the evidence"),
            backed.join(", ")
        ));
    }
    if errors > 0 {
        line.push_str(&match lang {
            Lang::Id => format!(" · {errors} berkas tidak dapat dinilai"),
            Lang::En => format!(
                " · {} could not be scored",
                zona_core::lang::count_en(errors, "file", "files")
            ),
        });
    }
    line
}

/// One table sheet: its first line (the verdict on the summary sheet, a heading on the others)
/// across the table, then its columns of the table, ranked, as an Excel table. One page wide when
/// its columns print at 8 pt or more that way (every sheet, for the built-in criteria); else as many
/// pages wide as that needs, rank and unit repeated.
fn write_table_sheet(
    ws: &mut Worksheet,
    sheet: TableSheet,
    summary: &BatchSummary,
    ranks: &[usize],
    lang: Lang,
    folder: Option<&Path>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let with_reports = summary.rows.iter().any(|r| r.report.is_some());
    let cols = sheet.columns(&columns(summary.criteria, with_reports));
    let headers = unique_headers(cols.iter().map(|c| c.header(lang)).collect());
    let last_col = (cols.len() - 1) as u16;
    // Each column at least as wide as the longest word of its header (written across), so that
    // no word of a header is broken.
    let widths: Vec<f64> = cols
        .iter()
        .zip(&headers)
        .map(|(c, h)| {
            let w = column_width(c);
            if upwards(c) {
                return w;
            }
            let longest = h.split_whitespace().map(|w| w.chars().count()).max();
            // A bold character is about 1.1 of a column's character, plus the padding.
            let needed = longest.map_or(0.0, |n| (n as f64 * 1.1 + 1.0).ceil());
            w.max(needed)
        })
        .collect();
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, *w)?;
    }
    let first_line = match sheet {
        TableSheet::Summary => verdict_line(summary, lang),
        _ => sheet.heading(lang).to_string(),
    };
    // The first line wraps within the table's width, so that it prints whole.
    let table_width: f64 = widths.iter().sum();
    let title_lines = lines(&first_line, table_width * 11.0 / 14.0 / 1.1);
    ws.set_row_height(0, TITLE_LINE_HEIGHT * title_lines as f64 + 4.0)?;
    if last_col > 0 {
        merged(ws, (0, 0), (0, last_col), &first_line, &f.first_line)?;
    } else {
        text(ws, 0, 0, &first_line, &f.first_line)?;
    }
    // Area and root headers are long names over narrow numbers: written upwards, wrapped.
    let height = headers
        .iter()
        .zip(&cols)
        .zip(&widths)
        .map(|((h, c), w)| {
            if upwards(c) {
                upwards_header_height(h, *w)
            } else {
                header_height(&[h], &[*w])
            }
        })
        .fold(0.0, f64::max);
    ws.set_row_height(TABLE_ROW, height)?;
    ws.set_freeze_panes(TABLE_ROW + 1, 2)?;
    if print_scale(&widths, true) * 11.0 >= 8.0 {
        print_setup(ws, &widths, Some((TABLE_ROW, TABLE_ROW)))?;
    } else {
        print_setup_pages_wide(ws, &widths, (TABLE_ROW, TABLE_ROW), (0, 1))?;
    }
    for (i, (row, rank)) in summary.rows.iter().zip(ranks).enumerate() {
        let r = TABLE_ROW + 1 + i as u32;
        // Long texts wrap (`wraps`): the row grows to the longest.
        let mut row_lines = 1;
        for (j, c) in cols.iter().enumerate() {
            let col = j as u16;
            let format = match c {
                c if wraps(c) => &f.note,
                Column::Rank
                | Column::Year
                | Column::Answered
                | Column::Unanswered
                | Column::Invalid
                | Column::Items
                | Column::EvidenceNeeded
                | Column::EvidenceLacking => &f.count,
                Column::AreaPercent { .. } | Column::EvidenceCoverage => &f.pct_of_weight,
                Column::Completeness => &f.fraction_pct,
                Column::PredicateStatus { key, .. } => match row.predicate(key).map(|p| p.status) {
                    Some(PredicateStatus::Met) => &f.pass,
                    Some(PredicateStatus::NotMet) => &f.fail,
                    Some(PredicateStatus::ScoresMetPriorUnknown) => &f.amber,
                    None => &f.text,
                },
                Column::Criteria if row.criteria_provisional => &f.amber,
                Column::Total | Column::Root { .. } | Column::AreaScore { .. } => &f.num,
                Column::PredicateMargin { .. } | Column::EvidenceBackedTotal => &f.num,
                Column::EvidencePredicate { key, .. } => match row
                    .evidence
                    .as_ref()
                    .and_then(|e| e.backed_predicate(key))
                    .map(|p| p.status)
                {
                    Some(PredicateStatus::Met) => &f.pass,
                    Some(PredicateStatus::NotMet) => &f.fail,
                    Some(PredicateStatus::ScoresMetPriorUnknown) => &f.amber,
                    None => &f.text,
                },
                _ => &f.text,
            };
            // A unit's report beside the summary is a relative link (from the report column, and
            // on the summary sheet, which has no report column, from the unit's name); anything
            // else is text.
            let link_text = match (c, sheet) {
                (Column::Report, _) => row.report.clone(),
                (Column::Unit, TableSheet::Summary) => row.unit.name.clone(),
                _ => None,
            };
            if let (Some(folder), Some(report), Some(shown)) = (folder, &row.report, link_text) {
                if let Some(rel) = relative_file_link(folder, Path::new(report), &["xlsx"]) {
                    let link = if wraps(c) {
                        row_lines = row_lines.max(lines(&shown, widths[j]));
                        &f.link_wrap
                    } else {
                        &f.link
                    };
                    let url = Url::new(format!("file:///{rel}")).set_text(cell_text(&shown));
                    // A link the library refuses (too long) is written as the text below.
                    if ws.write_url_with_format(r, col, url, link).is_ok() {
                        continue;
                    }
                }
            }
            match c.value(row, *rank, lang) {
                CellValue::Empty => {
                    ws.write_blank(r, col, format)?;
                }
                CellValue::Text(s) => {
                    if wraps(c) {
                        row_lines = row_lines.max(lines(&s, widths[j]));
                    }
                    text(ws, r, col, &s, format)?;
                }
                CellValue::Coded { label, .. } => text(ws, r, col, &label, format)?,
                CellValue::Number(v) => {
                    let format = crate::report::with_decimals(format, NUM, c.decimals(row));
                    ws.write_number_with_format(r, col, v, &format)?;
                }
            };
        }
        if row_lines > 1 {
            ws.set_row_height(r, 15.0 * row_lines as f64 + 2.0)?;
        }
    }
    let header_format = |c: &Column| if upwards(c) { &f.header_up } else { &f.header };
    let table_columns: Vec<TableColumn> = headers
        .iter()
        .zip(&cols)
        .map(|(h, c)| {
            TableColumn::new()
                .set_header(h.as_str())
                .set_header_format(header_format(c))
        })
        .collect();
    if summary.rows.is_empty() {
        // A table needs a data row: the headers alone, and a line saying there is nothing.
        for (j, (h, c)) in headers.iter().zip(&cols).enumerate() {
            text(ws, TABLE_ROW, j as u16, h, header_format(c))?;
        }
        plain_text(
            ws,
            TABLE_ROW + 1,
            0,
            lang.pick(
                "Tidak ada lembar kerja yang dapat dinilai (lihat lembar Galat).",
                "No workbook could be scored (see the Errors sheet).",
            ),
        )?;
        return Ok(());
    }
    let table = Table::new()
        .set_name(sheet.name(lang))
        .set_style(TableStyle::Medium2)
        .set_columns(&table_columns);
    ws.add_table(
        TABLE_ROW,
        0,
        TABLE_ROW + summary.rows.len() as u32,
        last_col,
        &table,
    )?;
    Ok(())
}

fn write_errors_sheet(
    ws: &mut Worksheet,
    errors: &[BatchError],
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let headers = [lang.pick("Berkas", "File"), lang.pick("Galat", "Error")];
    ws.set_column_width(0, 48.0)?;
    ws.set_column_width(1, 100.0)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, &[48.0, 100.0], Some((0, 0)))?;
    if errors.is_empty() {
        header_row(ws, 0, 0, &headers, &f.header)?;
        plain_text(
            ws,
            1,
            0,
            lang.pick("Semua lembar kerja dinilai.", "Every workbook was scored."),
        )?;
        return Ok(());
    }
    for (i, e) in errors.iter().enumerate() {
        let r = 1 + i as u32;
        text(ws, r, 0, &e.file, &f.text)?;
        text(ws, r, 1, &e.message, &f.note)?;
    }
    let table = Table::new()
        .set_name(lang.pick("Galat", "Errors"))
        .set_style(TableStyle::Medium3)
        .set_columns(&headers.map(|h| {
            TableColumn::new()
                .set_header(h)
                .set_header_format(&f.header)
        }));
    ws.add_table(0, 0, errors.len() as u32, 1, &table)?;
    Ok(())
}

/// The bands between the total thresholds: (lower bound, upper bound) in points, lowest first.
fn bands(thresholds: &[f64]) -> Vec<(Option<f64>, Option<f64>)> {
    let mut t: Vec<f64> = thresholds
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    t.sort_by(f64::total_cmp);
    t.dedup();
    let mut out = Vec::with_capacity(t.len() + 1);
    let mut lower = None;
    for v in t {
        out.push((lower, Some(v)));
        lower = Some(v);
    }
    out.push((lower, None));
    out
}

/// Which band (index into [`bands`]) a total falls in; a total within the threshold tolerance of
/// a threshold reaches it, as the predicates decide.
fn band_of(total: f64, bands: &[(Option<f64>, Option<f64>)]) -> usize {
    bands
        .iter()
        .position(|(_, upper)| upper.is_none_or(|u| !zona_core::predicate::meets(total, u)))
        .unwrap_or(bands.len().saturating_sub(1))
}

fn band_label(band: (Option<f64>, Option<f64>), names: &[(f64, String)], lang: Lang) -> String {
    let name_of = |v: f64| {
        names
            .iter()
            .filter(|(t, _)| t.total_cmp(&v).is_eq())
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match band {
        (None, Some(u)) => format!(
            "< {} ({} {})",
            fmt_plain(u, lang),
            lang.pick("di bawah ambang", "below the threshold of"),
            name_of(u)
        ),
        (Some(l), Some(u)) => format!(
            "{} – < {} ({})",
            fmt_plain(l, lang),
            fmt_plain(u, lang),
            name_of(l)
        ),
        (Some(l), None) => format!("≥ {} ({})", fmt_plain(l, lang), name_of(l)),
        (None, None) => lang.pick("semua", "all").to_string(),
    }
}

/// The value axis starts at the ten below the lowest total or threshold (less 5), so that the
/// differences between units show; never below 0.
fn axis_min(rows: &[BatchRow], thresholds: &[TotalThreshold]) -> f64 {
    let lowest = rows
        .iter()
        .map(|r| r.total)
        .chain(thresholds.iter().map(|t| t.min))
        .filter(|v| v.is_finite())
        .fold(f64::INFINITY, f64::min);
    if lowest.is_finite() {
        (((lowest - 5.0) / 10.0).floor() * 10.0).max(0.0)
    } else {
        0.0
    }
}

fn write_chart_sheet(
    ws: &mut Worksheet,
    sheet: &str,
    summary: &BatchSummary,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let thresholds = total_thresholds(summary.criteria);
    let n = summary.rows.len() as u32;
    let mut widths = vec![40.0, 12.0];
    widths.extend(thresholds.iter().map(|_| 14.0));
    widths.extend([8.43, 44.0, 12.0]);
    print_setup(ws, &widths, Some((0, 0)))?;
    // Data: unit, total, one column per threshold (the same value on every row, drawn as a line).
    ws.set_column_width(0, 40.0)?;
    let mut heads = vec![
        lang.pick("Unit", "Unit").to_string(),
        lang.pick("Nilai total", "Total").to_string(),
    ];
    heads.extend(
        thresholds
            .iter()
            .map(|t| format!("{} ({})", lang.pick("Ambang", "Threshold"), t.name(lang))),
    );
    header_row(ws, 0, 0, &heads, &f.header)?;
    for k in 0..thresholds.len() {
        ws.set_column_width(2 + k as u16, 14.0)?;
    }
    ws.set_column_width(1, 12.0)?;
    for (i, row) in summary.rows.iter().enumerate() {
        let r = 1 + i as u32;
        text(ws, r, 0, row.label(), &f.text)?;
        ws.write_number_with_format(r, 1, row.total, &f.num)?;
        for (k, t) in thresholds.iter().enumerate() {
            ws.write_number_with_format(r, 2 + k as u16, t.min, &f.num)?;
        }
    }

    // The bands between thresholds, with the number of units in each.
    let band_col = 3 + thresholds.len() as u16;
    let bands = bands(&thresholds.iter().map(|t| t.min).collect::<Vec<_>>());
    let names: Vec<(f64, String)> = thresholds
        .iter()
        .map(|t| (t.min, t.name(lang).to_string()))
        .collect();
    let mut counts = vec![0usize; bands.len()];
    for row in summary.rows {
        counts[band_of(row.total, &bands)] += 1;
    }
    ws.set_column_width(band_col, 44.0)?;
    ws.set_column_width(band_col + 1, 12.0)?;
    text(
        ws,
        0,
        band_col,
        lang.pick("Sebaran nilai total", "Totals by band"),
        &f.header,
    )?;
    text(ws, 0, band_col + 1, lang.pick("Unit", "Units"), &f.header)?;
    for (b, (band, count)) in bands.iter().zip(&counts).enumerate() {
        let r = 1 + b as u32;
        text(ws, r, band_col, band_label(*band, &names, lang), &f.text)?;
        ws.write_number_with_format(r, band_col + 1, *count as f64, &f.count)?;
    }
    let note_row = 2 + bands.len() as u32;
    text(
        ws,
        note_row,
        band_col,
        format!(
            "{} {} [{}].",
            lang.pick(
                "Ambang diambil dari syarat nilai total predikat pada kriteria",
                "Thresholds are the predicates' total conditions of the criteria"
            ),
            summary.criteria.meta.name,
            summary.criteria.meta.id
        ),
        &f.note,
    )?;

    if n == 0 {
        return Ok(());
    }
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name(lang.pick(
        "Nilai total per unit terhadap ambang predikat",
        "Total per unit against the predicate thresholds",
    ));
    let points: Vec<ChartPoint> = summary
        .rows
        .iter()
        .map(|row| {
            let colour = BAND_COLOURS[band_of(row.total, &bands).min(BAND_COLOURS.len() - 1)];
            ChartPoint::new().set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(colour)),
            )
        })
        .collect();
    chart
        .add_series()
        .set_name((sheet, 0, 1))
        .set_categories((sheet, 1, 0, n, 0))
        .set_values((sheet, 1, 1, n, 1))
        .set_points(&points)
        .set_gap(60);
    let mut lines = Chart::new(ChartType::Line);
    for (k, _) in thresholds.iter().enumerate() {
        let col = 2 + k as u16;
        let colour = BAND_COLOURS[(k + 1).min(BAND_COLOURS.len() - 1)];
        lines
            .add_series()
            .set_name((sheet, 0, col))
            .set_categories((sheet, 1, 0, n, 0))
            .set_values((sheet, 1, col, n, col))
            .set_format(
                ChartFormat::new().set_line(
                    ChartLine::new()
                        .set_color(colour)
                        .set_width(2.0)
                        .set_dash_type(ChartLineDashType::Dash),
                ),
            );
    }
    if !thresholds.is_empty() {
        chart.combine(&lines);
    }
    chart.x_axis().set_name(lang.pick("Unit", "Unit"));
    chart
        .y_axis()
        .set_name(lang.pick("Nilai total", "Total"))
        .set_min(axis_min(summary.rows, &thresholds))
        .set_max(summary.criteria.max_total().max(1.0));
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width((480 + 28 * n).min(2000)).set_height(440);
    ws.insert_chart(note_row + 2, band_col, &chart)?;
    Ok(())
}

fn write_notes_sheet(
    ws: &mut Worksheet,
    summary: &BatchSummary,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let c = summary.criteria;
    ws.set_column_width(0, 34.0)?;
    ws.set_column_width(1, 100.0)?;
    print_setup(ws, &[34.0, 100.0], Some((0, 0)))?;
    text(
        ws,
        0,
        0,
        lang.pick(
            "Ringkasan Penilaian LKE Zona Integritas",
            "Zona Integritas LKE batch summary",
        ),
        &f.title,
    )?;
    let provisional: Vec<&str> = {
        let mut ids: Vec<&str> = summary
            .rows
            .iter()
            .filter(|r| r.criteria_provisional)
            .map(|r| r.criteria_id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let thresholds: Vec<String> = total_thresholds(c)
        .iter()
        .map(|t| format!("{} ≥ {}", t.name(lang), fmt_plain(t.min, lang)))
        .collect();
    let lines: Vec<(&str, String)> = vec![
        (
            lang.pick("Lembar kerja dinilai", "Workbooks scored"),
            summary.rows.len().to_string(),
        ),
        (
            lang.pick("Gagal dinilai", "Could not be scored"),
            format!(
                "{} {}",
                summary.errors.len(),
                lang.pick("(lihat lembar Galat)", "(see the Errors sheet)")
            ),
        ),
        (
            lang.pick("Kolom mengikuti kriteria", "Columns follow the criteria"),
            format!("{} [{}] {}", c.meta.name, c.meta.id, c.meta.version),
        ),
        (
            lang.pick("Ambang nilai total", "Total thresholds"),
            thresholds.join("; "),
        ),
        (
            lang.pick("Kriteria sementara dipakai", "Provisional criteria used"),
            if provisional.is_empty() {
                "—".to_string()
            } else {
                provisional.join(", ")
            },
        ),
        (
            lang.pick("Urutan", "Order"),
            lang.pick(
                "Menurut nilai total, tertinggi dulu; nilai sama berbagi peringkat.",
                "By total, highest first; equal totals share a rank.",
            )
            .to_string(),
        ),
        (
            lang.pick("Lembar tabel", "Table sheets"),
            lang.pick(
                "Ringkasan: nilai, predikat dan selisihnya, nilai didukung bukti; nama unit membuka laporannya (dengan --reports). Nilai: akar dan area. Predikat: syarat pertama yang gagal. Bukti: cakupan bukti dukung. Berkas: berkas, asal data unit, kriteria, jumlah jawaban, laporan. Setiap lembar memuat baris yang sama dalam urutan peringkat yang sama dan tercetak selebar satu halaman A4.",
                "Summary: total, predicates and their margins, the evidence-backed total; a unit's name opens its report (with --reports). Scores: roots and areas. Predicates: the first failing condition. Evidence: evidence coverage. Files: file, unit facts' origin, criteria, answer counts, report. Every sheet holds the same rows in the same rank order and prints one A4 page wide.",
            )
            .to_string(),
        ),
        (
            lang.pick("Area", "Areas"),
            lang.pick(
                "Nilai dan % bobot tiap area pengungkit; kosong bila kriteria baris itu tidak memiliki area tersebut.",
                "Score and % of weight of each enabler area; blank where the row's criteria have no such area.",
            )
            .to_string(),
        ),
        (
            lang.pick("Predikat", "Predicates"),
            lang.pick(
                "Status, syarat pertama yang gagal (nilai dan ambang) dan selisihnya (nilai − ambang, poin; negatif = kurang).",
                "Status, the first failing condition (value and threshold) and its margin (value − threshold, points; negative = short).",
            )
            .to_string(),
        ),
        (
            lang.pick("Kelengkapan", "Completeness"),
            lang.pick(
                "Item dijawab / jumlah item.",
                "Items answered / items.",
            )
            .to_string(),
        ),
        (
            lang.pick("Bukti dukung", "Evidence"),
            format!(
                "{} {}",
                lang.pick(
                    "Item perlu bukti: dijawab di atas jawaban terendahnya. Cakupan bukti = item dengan bukti yang dapat dibuka (tautan http(s) yang sah atau berkas yang ada di folder lembar kerja atau --evidence-dir) / item perlu bukti. Nilai didukung bukti: nilai total bila setiap item tanpa bukti sah dinilai menurut kebijakan bukti; tautan tidak pernah dibuka.",
                    "Items needing evidence: answered above their lowest answer. Evidence coverage = items with evidence an evaluator can open (a well-formed http(s) link, or a file found in the workbook's folder or --evidence-dir) / items needing evidence. Evidence-backed total: the total with every item lacking evidence scored under the evidence policy; links are never fetched.",
                ),
                match summary.rows.iter().find_map(|r| r.evidence.as_ref()) {
                    Some(e) => format!(
                        "{}: {}.",
                        lang.pick("Kebijakan", "Policy"),
                        policy_label(e.policy, lang)
                    ),
                    None => String::new(),
                }
            )
            .trim_end()
            .to_string(),
        ),
        (
            lang.pick("Asal data unit", "Unit facts from"),
            lang.pick(
                "Lembar unit, judul lembar LKE atau dokumen jawaban; yang tidak dinyatakan diambil dari nama berkas.",
                "The unit sheet, the LKE sheet's title or the answer document; what they do not state is taken from the file name.",
            )
            .to_string(),
        ),
    ];
    for (i, (label, value)) in lines.iter().enumerate() {
        let r = 2 + i as u32;
        text(ws, r, 0, *label, &f.label)?;
        // A count is a number cell (it was the text '9'), left-aligned like the notes beside it.
        match value.parse::<u32>() {
            Ok(n) => {
                ws.write_number_with_format(r, 1, f64::from(n), &f.count_left)?;
            }
            Err(_) => text(ws, r, 1, value, &f.note)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, total: f64) -> BatchRow {
        BatchRow {
            file: file.into(),
            unit: BatchUnit::default(),
            criteria_id: "x".into(),
            criteria_provisional: false,
            total,
            total_decimals: 2,
            max_total: 100.0,
            roots: Vec::new(),
            areas: Vec::new(),
            predicates: Vec::new(),
            items: 4,
            answered: 3,
            unanswered: 1,
            invalid: 0,
            report: None,
            evidence: None,
        }
    }

    #[test]
    fn ranking_is_by_total_then_file_and_ties_share_a_rank() {
        let mut rows = vec![
            row("b", 80.0),
            row("a", 90.0),
            row("c", 80.0),
            row("d", 70.0),
        ];
        rank_rows(&mut rows);
        let files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(files, ["a", "b", "c", "d"]);
        assert_eq!(ranks(&rows), [1, 2, 2, 4]);
        assert!((rows[0].completeness() - 0.75).abs() < 1e-12);
    }

    #[test]
    fn bands_follow_the_thresholds_and_a_threshold_reached_counts_as_reached() {
        let b = bands(&[85.0, 75.0]);
        assert_eq!(
            b,
            [
                (None, Some(75.0)),
                (Some(75.0), Some(85.0)),
                (Some(85.0), None)
            ]
        );
        assert_eq!(band_of(74.99, &b), 0);
        assert_eq!(band_of(75.0 - 1e-12, &b), 1);
        assert_eq!(band_of(84.0, &b), 1);
        assert_eq!(band_of(85.0, &b), 2);
        assert_eq!(bands(&[]), [(None, None)]);
        assert_eq!(band_of(10.0, &bands(&[])), 0);
    }

    #[test]
    fn evidence_columns_come_last_and_are_blank_without_a_review() {
        let c = zona_core::default_criteria();
        let keys: Vec<String> = columns(&c, true).iter().map(Column::key).collect();
        let report = keys.iter().position(|k| k == "report").unwrap();
        assert_eq!(
            keys[report + 1..],
            [
                "evidence_policy",
                "evidence_needed",
                "evidence_lacking",
                "evidence_coverage_percent",
                "evidence_backed_total",
                "wbk_evidence_status",
                "wbbm_evidence_status"
            ]
        );
        let mut r = row("a.xlsx", 80.0);
        let cols = columns(&c, false);
        let value = |r: &BatchRow, key: &str| {
            cols.iter()
                .find(|col| col.key() == key)
                .unwrap()
                .value(r, 1, Lang::En)
        };
        assert_eq!(value(&r, "evidence_coverage_percent"), CellValue::Empty);
        assert_eq!(value(&r, "wbk_evidence_status"), CellValue::Empty);
        r.evidence = Some(EvidenceSummary {
            policy: EvidencePolicy::OneStep,
            needing: 8,
            supported: 6,
            missing: 1,
            unsupported: 1,
            backed_total: Some(71.5),
            backed_total_decimals: 2,
            points_at_risk: 8.5,
            backed_predicates: vec![BackedPredicate {
                key: "wbk".into(),
                name_id: "Menuju WBK".into(),
                name_en: "Towards WBK".into(),
                status: PredicateStatus::NotMet,
                status_label_id: "TIDAK MEMENUHI".into(),
                status_label_en: "NOT MET".into(),
            }],
        });
        assert_eq!(
            value(&r, "evidence_coverage_percent"),
            CellValue::Number(75.0)
        );
        assert_eq!(value(&r, "evidence_lacking"), CellValue::Number(2.0));
        assert_eq!(value(&r, "evidence_backed_total"), CellValue::Number(71.5));
        assert_eq!(
            value(&r, "evidence_policy"),
            CellValue::Coded {
                code: "one-step",
                label: "one answer step down".into()
            }
        );
        assert_eq!(
            value(&r, "wbk_evidence_status"),
            CellValue::Coded {
                code: "not_met",
                label: "NOT MET".into()
            }
        );
        // No item needs evidence: no coverage (not 0 %, not 100 %).
        r.evidence.as_mut().unwrap().needing = 0;
        assert_eq!(value(&r, "evidence_coverage_percent"), CellValue::Empty);
    }

    #[test]
    fn headers_are_made_unique() {
        assert_eq!(
            unique_headers(vec!["A".into(), "a".into(), "".into(), "A".into()]),
            ["A", "a (2)", "-", "A (3)"]
        );
    }

    #[test]
    fn an_empty_batch_and_a_batch_of_errors_still_make_a_workbook() {
        let c = zona_core::default_criteria();
        let errors = [BatchError {
            file: "x.xlsx".into(),
            message: "x.xlsx: rusak".into(),
        }];
        for errors in [&errors[..], &[]] {
            let bytes = batch_workbook_bytes(
                &BatchSummary {
                    criteria: &c,
                    rows: &[],
                    errors,
                },
                &BatchWriteOptions::default(),
            )
            .expect("workbook");
            assert!(bytes.starts_with(b"PK"));
        }
    }

    #[test]
    fn the_same_summary_gives_the_same_bytes() {
        let c = zona_core::default_criteria();
        let rows = [row("a.xlsx", 91.0), row("b.xlsx", 77.0)];
        let s = BatchSummary {
            criteria: &c,
            rows: &rows,
            errors: &[],
        };
        let o = BatchWriteOptions::default();
        assert_eq!(
            batch_workbook_bytes(&s, &o).unwrap(),
            batch_workbook_bytes(&s, &o).unwrap()
        );
    }
}
