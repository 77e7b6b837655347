//! zona-xlsx: the spreadsheet adapters around zona's scoring core.
//!
//! Reading: [`read_answers`] opens an evidence workbook (xlsx, xlsm, xls, ods), finds the LKE sheet
//! and its layout, and hands the core an [`AnswerSet`] of raw cells with their locations. It never
//! interprets answers; that is the core's job.

mod cells;
pub mod official;
pub mod similarity;

use std::path::Path;
use std::sync::Arc;

use calamine::{open_workbook_auto, Data, Range, Reader};
use zona_core::{AnswerSet, Criteria, Lang};

pub use cells::{cell_name, col_name};

/// Why a workbook could not be read at all. Problems with single items are diagnostics in the
/// [`AnswerSet`] instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    #[error("{file}: cannot open as a spreadsheet: {message}")]
    Open { file: String, message: String },
    #[error("{file}: no LKE sheet found (a sheet with a header row holding `Bobot` and `Jawaban`); sheets: {}", sheets.join(", "))]
    NoLkeSheet { file: String, sheets: Vec<String> },
    #[error("{file}: sheet `{sheet}` cannot be read: {message}")]
    Sheet {
        file: String,
        sheet: String,
        message: String,
    },
}

impl ReadError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadError::Open { file, message }, Lang::Id) => {
                format!("{file}: tidak dapat dibuka sebagai lembar kerja (xlsx/xls/ods): {message}")
            }
            (ReadError::NoLkeSheet { file, sheets }, Lang::Id) => format!(
                "{file}: tidak ada lembar LKE (lembar dengan baris judul berisi `Bobot` dan `Jawaban`); lembar yang ada: {}",
                sheets.join(", ")
            ),
            (ReadError::Sheet { file, sheet, message }, Lang::Id) => {
                format!("{file}: lembar `{sheet}` tidak dapat dibaca: {message}")
            }
            (e, Lang::En) => e.to_string(),
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            ReadError::Open { file, .. }
            | ReadError::NoLkeSheet { file, .. }
            | ReadError::Sheet { file, .. } => file,
        }
    }
}

/// Which layout a workbook was read as, and from which sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub layout: &'static str,
    pub sheet: String,
}

/// An opened workbook with its LKE sheet located, ready to be read against criteria.
pub struct LkeWorkbook {
    file: Arc<str>,
    sheet: String,
    layout: official::Layout,
    values: Range<Data>,
    formulas: Option<Range<String>>,
}

impl LkeWorkbook {
    /// Opens a workbook (xlsx, xlsm, xls, ods) and finds its LKE sheet and layout.
    pub fn open(path: &Path) -> Result<Self, ReadError> {
        let file: Arc<str> = Arc::from(path.display().to_string());
        let mut wb = open_workbook_auto(path).map_err(|e| ReadError::Open {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        let names = wb.sheet_names().to_vec();
        // Prefer a sheet named like "LKE ZI", then every other sheet in order.
        let is_lke = |n: &String| n.to_lowercase().replace(' ', "").contains("lke");
        let order = names
            .iter()
            .filter(|n| is_lke(n))
            .chain(names.iter().filter(|n| !is_lke(n)));
        for name in order {
            let values: Range<Data> = wb.worksheet_range(name).map_err(|e| ReadError::Sheet {
                file: file.to_string(),
                sheet: name.clone(),
                message: e.to_string(),
            })?;
            let Some(layout) = official::detect_layout(&values) else {
                continue;
            };
            let formulas = wb.worksheet_formula(name).ok();
            return Ok(LkeWorkbook {
                file,
                sheet: name.clone(),
                layout,
                values,
                formulas,
            });
        }
        Err(ReadError::NoLkeSheet {
            file: file.to_string(),
            sheets: names,
        })
    }

    pub fn source_info(&self) -> SourceInfo {
        SourceInfo {
            layout: "official",
            sheet: self.sheet.clone(),
        }
    }

    /// Reads the answers for the given criteria.
    pub fn read(&self, criteria: &Criteria) -> AnswerSet {
        let sheet = official::SheetData {
            file: self.file.clone(),
            sheet: Arc::from(self.sheet.as_str()),
            values: &self.values,
            formulas: self.formulas.as_ref(),
        };
        official::read_sheet(&sheet, &self.layout, criteria)
    }
}

/// Reads the answers of an evidence workbook for the given criteria.
pub fn read_answers(
    path: &Path,
    criteria: &Criteria,
) -> Result<(AnswerSet, SourceInfo), ReadError> {
    let wb = LkeWorkbook::open(path)?;
    Ok((wb.read(criteria), wb.source_info()))
}

/// Reads a workbook against several candidate criteria (e.g. every built-in regulation version) and
/// keeps the one that finds the largest share of its items; ties go to the earlier candidate.
/// Returns the index of the chosen criteria.
pub fn read_answers_best_fit(
    path: &Path,
    candidates: &[Criteria],
) -> Result<(usize, AnswerSet, SourceInfo), ReadError> {
    let wb = LkeWorkbook::open(path)?;
    let mut best: Option<(usize, f64, AnswerSet)> = None;
    for (i, c) in candidates.iter().enumerate() {
        let set = wb.read(c);
        let found =
            set.items.iter().filter(|a| a.is_some()).count() as f64 / c.items.len().max(1) as f64;
        if best.as_ref().is_none_or(|(_, f, _)| found > *f) {
            best = Some((i, found, set));
        }
    }
    let (i, _, set) = best.ok_or_else(|| ReadError::NoLkeSheet {
        file: path.display().to_string(),
        sheets: Vec::new(),
    })?;
    Ok((i, set, wb.source_info()))
}
