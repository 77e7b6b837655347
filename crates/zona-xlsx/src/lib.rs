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

/// Reads the answers of an evidence workbook for the given criteria.
pub fn read_answers(
    path: &Path,
    criteria: &Criteria,
) -> Result<(AnswerSet, SourceInfo), ReadError> {
    let file: Arc<str> = Arc::from(path.display().to_string());
    let mut wb = open_workbook_auto(path).map_err(|e| ReadError::Open {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let names = wb.sheet_names().to_vec();
    // Prefer a sheet named like "LKE ZI", then every other sheet in order.
    let mut order: Vec<&String> = names
        .iter()
        .filter(|n| n.to_lowercase().replace(' ', "").contains("lke"))
        .collect();
    order.extend(
        names
            .iter()
            .filter(|n| !n.to_lowercase().replace(' ', "").contains("lke")),
    );
    for name in order {
        let range: Range<Data> = match wb.worksheet_range(name) {
            Ok(r) => r,
            Err(e) => {
                return Err(ReadError::Sheet {
                    file: file.to_string(),
                    sheet: name.clone(),
                    message: e.to_string(),
                })
            }
        };
        let Some(layout) = official::detect_layout(&range) else {
            continue;
        };
        let formulas = wb.worksheet_formula(name).ok();
        let sheet = official::SheetData {
            file: file.clone(),
            sheet: Arc::from(name.as_str()),
            values: &range,
            formulas: formulas.as_ref(),
        };
        let set = official::read_sheet(&sheet, &layout, criteria);
        return Ok((
            set,
            SourceInfo {
                layout: "official",
                sheet: name.clone(),
            },
        ));
    }
    Err(ReadError::NoLkeSheet {
        file: file.to_string(),
        sheets: names,
    })
}
