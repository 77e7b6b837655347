//! An opened workbook, whichever reader reads it: zona's own xlsx reader ([`crate::xlsx`]) for an
//! ordinary `.xlsx`/`.xlsm`, calamine for everything else and for any xlsx the own reader steps
//! aside from. [`crate::Source::open`] decides the layout over this one interface, so both
//! readers go through the same choices.

use std::fs::File;
use std::io::BufReader;

use calamine::{Data, Dimensions, Range, Reader as _, Sheets};

use crate::xlsx::{Unsupported, XlsxBook, XlsxSheet};
use crate::{guard, ReadError};

/// Why loading stopped: a real error, or zona's own reader stepping aside (the caller then starts
/// again with calamine).
pub(crate) enum Stop {
    Read(ReadError),
    Aside,
}

impl From<ReadError> for Stop {
    fn from(e: ReadError) -> Self {
        Stop::Read(e)
    }
}

impl From<Unsupported> for Stop {
    fn from(_: Unsupported) -> Self {
        Stop::Aside
    }
}

/// One sheet as the layout detection sees it.
pub(crate) struct SheetMeta {
    pub name: String,
    pub worksheet: bool,
    pub hidden: bool,
}

/// A loaded sheet: values, and for xlsx the formulas of cells without a cached value and the
/// hidden rows and columns (same pass).
pub(crate) struct Loaded {
    pub values: Range<Data>,
    pub formulas: Option<Range<String>>,
    pub hidden: Hidden,
    /// Cells with a cached value whose formula only refers to one other cell (`=S9`): (cell,
    /// referenced cell), ascending; xlsx read by zona's own reader only.
    pub references: Vec<crate::xlsx::Reference>,
    /// Cells left out, far from the sheet's table ([`XlsxSheet::far_cells`]); xlsx read by
    /// zona's own reader only (calamine's guard refuses such a sheet).
    pub far_cells: Vec<(u32, u32)>,
    /// Numbers whose format shows them otherwise ([`XlsxSheet::shown`]); zona's own reader only.
    pub shown: Vec<((u32, u32), crate::xlsx::ShownAs)>,
}

/// The rows and columns a sheet hides (0-based), as zona's own xlsx reader finds them; none for
/// the formats and files calamine reads (its ranges do not say).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hidden {
    /// Ascending.
    rows: Vec<u32>,
    /// Inclusive spans.
    cols: Vec<(u32, u32)>,
}

impl Hidden {
    /// Hidden rows (any order) and column spans (inclusive).
    pub(crate) fn new(mut rows: Vec<u32>, cols: Vec<(u32, u32)>) -> Self {
        rows.sort_unstable();
        rows.dedup();
        Hidden { rows, cols }
    }

    pub fn row(&self, row: u32) -> bool {
        self.rows.binary_search(&row).is_ok()
    }

    pub fn col(&self, col: u32) -> bool {
        self.cols.iter().any(|&(a, b)| (a..=b).contains(&col))
    }
}

/// What zona reads of a sheet beside calamine: the rows and columns it hides, its merged ranges.
pub(crate) struct SheetMarks {
    pub name: String,
    pub hidden: Hidden,
    pub merged: Vec<Dimensions>,
}

pub(crate) enum Book {
    Own {
        book: XlsxBook<BufReader<File>>,
        /// The merged ranges of the last sheet loaded (read in the same pass).
        merged: Option<(String, Vec<Dimensions>)>,
    },
    /// calamine, with the rows and columns each sheet hides where zona can tell (xls, ods), and
    /// an ods's merged ranges (calamine gives an xls's itself).
    Calamine(Sheets<BufReader<File>>, Vec<SheetMarks>),
}

impl Book {
    /// zona's own reader, for a file calamine would read as xlsx: named `.xlsx`, `.xlsm` or
    /// `.xlam` in any case (calamine goes by the exact extension, and detects an `.XLSX` by its
    /// content, as xlsx too; read by calamine, it lost the checks only zona's reader makes:
    /// hidden rows and columns, stale reference formulas).
    pub fn own(path: &std::path::Path) -> Option<Book> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xlam")) {
            return None;
        }
        let file = File::open(path).ok()?;
        let book = XlsxBook::open(BufReader::new(file)).ok()?;
        Some(Book::Own { book, merged: None })
    }

    pub fn calamine(path: &std::path::Path, file: &str) -> Result<Book, ReadError> {
        let sheets = calamine::open_workbook_auto(path).map_err(|e| crate::open_error(file, e))?;
        // Only calamine's xlsx reader sizes a table by shared-formula indices (only when it reads
        // cells, after opening) and reads a shared-string index that is no number as string 0.
        if matches!(sheets, Sheets::Xlsx(_)) {
            guard::check_calamine_xlsx(path, file)?;
        }
        let marks = match &sheets {
            Sheets::Xls(_) => crate::xls_guard::hidden_by_sheet(path)
                .into_iter()
                .map(|(name, hidden)| SheetMarks {
                    name,
                    hidden,
                    merged: Vec::new(),
                })
                .collect(),
            Sheets::Ods(_) => crate::ods_hidden::tables(path)
                .into_iter()
                .map(|t| SheetMarks {
                    name: t.name,
                    hidden: t.hidden,
                    merged: t.merged,
                })
                .collect(),
            _ => Vec::new(),
        };
        Ok(Book::Calamine(sheets, marks))
    }

    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Own { book, .. } => book.sheets().iter().map(|s| s.name.clone()).collect(),
            Book::Calamine(wb, _) => wb.sheet_names(),
        }
    }

    pub fn sheets(&self) -> Vec<SheetMeta> {
        let meta =
            |name: &str, typ: calamine::SheetType, visible: calamine::SheetVisible| SheetMeta {
                name: name.to_string(),
                worksheet: typ == calamine::SheetType::WorkSheet,
                hidden: visible != calamine::SheetVisible::Visible,
            };
        match self {
            Book::Own { book, .. } => book
                .sheets()
                .iter()
                .map(|s| meta(&s.name, s.typ, s.visible))
                .collect(),
            Book::Calamine(wb, _) => wb
                .sheets_metadata()
                .iter()
                .map(|s| meta(&s.name, s.typ, s.visible))
                .collect(),
        }
    }

    pub fn is_xlsx(&self) -> bool {
        matches!(self, Book::Own { .. } | Book::Calamine(Sheets::Xlsx(_), _))
    }

    /// Loads a sheet's values (and, for xlsx, the formulas of cells without a cached value, from
    /// the same pass), within the limits of [`guard`].
    pub fn load(&mut self, file: &str, name: &str) -> Result<Loaded, Stop> {
        match self {
            Book::Own { book, merged } => {
                let XlsxSheet {
                    values,
                    formulas_without_value,
                    merged: m,
                    hidden_rows,
                    hidden_cols,
                    references,
                    far_cells,
                    shown,
                } = book.load(name)?;
                *merged = Some((name.to_string(), m));
                Ok(Loaded {
                    values,
                    formulas: formulas_without_value,
                    hidden: Hidden {
                        rows: hidden_rows,
                        cols: hidden_cols,
                    },
                    references,
                    far_cells,
                    shown,
                })
            }
            Book::Calamine(Sheets::Xlsx(x), _) => {
                let loaded = guard::load_xlsx_sheet(x, file, name)?;
                Ok(Loaded {
                    values: loaded.values,
                    formulas: loaded.formulas_without_value,
                    hidden: Hidden::default(),
                    references: Vec::new(),
                    far_cells: Vec::new(),
                    shown: Vec::new(),
                })
            }
            Book::Calamine(other, hidden) => {
                let values = other.worksheet_range(name).map_err(|e| ReadError::Sheet {
                    file: file.to_string(),
                    sheet: name.to_string(),
                    source: e.into(),
                })?;
                Ok(Loaded {
                    values,
                    formulas: None,
                    hidden: hidden
                        .iter()
                        .find(|m| m.name == name)
                        .map(|m| m.hidden.clone())
                        .unwrap_or_default(),
                    references: Vec::new(),
                    far_cells: Vec::new(),
                    shown: Vec::new(),
                })
            }
        }
    }

    /// The formulas of a sheet of another format than xlsx (a separate pass; `None` on error).
    pub fn formulas(&mut self, name: &str) -> Option<Range<String>> {
        match self {
            Book::Calamine(wb, _) if !matches!(wb, Sheets::Xlsx(_)) => {
                wb.worksheet_formula(name).ok()
            }
            _ => None,
        }
    }

    /// Whether [`Book::merged`] costs nothing more: zona's own reader read them in the same pass,
    /// calamine's xls reader when it opened the file, zona's ods scan when the file was opened.
    /// calamine's xlsx reader parses the sheet again.
    pub fn merged_are_free(&self) -> bool {
        matches!(
            self,
            Book::Own { .. } | Book::Calamine(Sheets::Xls(_) | Sheets::Ods(_), _)
        )
    }

    /// The merged ranges of a sheet (xlsx, xls, ods; empty on error).
    pub fn merged(&mut self, name: &str) -> Result<Vec<Dimensions>, Stop> {
        match self {
            Book::Own { merged, .. } => match merged {
                Some((n, m)) if n == name => Ok(std::mem::take(m)),
                _ => Err(Stop::Aside),
            },
            Book::Calamine(Sheets::Xlsx(x), _) => {
                Ok(x.merge_cells_by_sheet_name(name).unwrap_or_default())
            }
            Book::Calamine(Sheets::Xls(x), _) => {
                Ok(x.merge_cells_by_sheet_name(name).unwrap_or_default())
            }
            Book::Calamine(Sheets::Ods(_), marks) => Ok(marks
                .iter()
                .find(|m| m.name == name)
                .map(|m| m.merged.clone())
                .unwrap_or_default()),
            Book::Calamine(..) => Ok(Vec::new()),
        }
    }
}
