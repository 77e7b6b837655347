//! Guards against hostile or broken input, before and while a workbook is loaded.
//!
//! - **Before opening**: an empty file, a file too large, an encrypted (password-protected) Office
//!   file, a zip whose entries would expand beyond a limit (a zip bomb).
//! - **While loading an xlsx sheet**: cells are streamed and counted; a sheet with too many cells,
//!   or whose cells span a too large rectangle (calamine would allocate the whole rectangle), is
//!   refused before anything large is allocated. Values and formulas come from one pass over the
//!   sheet XML.
//!
//! The limits are far above any real LKE (about 220 rows × 20 columns).

use std::io::Read;
use std::path::Path;

use calamine::{Cell, Data, Range, Xlsx};

use crate::ReadError;

/// Largest file zona opens.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Largest total uncompressed size of a workbook's zip entries.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 1024 * 1024 * 1024;
/// Most non-empty cells zona loads from one sheet.
pub const MAX_CELLS: usize = 2_000_000;
/// Largest rectangle (rows × columns) the cells of one sheet may span.
pub const MAX_AREA: u64 = 20_000_000;

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Checks a file before calamine opens it.
pub fn preflight(path: &Path) -> Result<(), ReadError> {
    let file = path.display().to_string();
    let open_err = |e: std::io::Error| ReadError::Open {
        file: file.clone(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(open_err)?;
    if meta.is_dir() {
        return Err(ReadError::Open {
            file,
            message: "is a directory".into(),
        });
    }
    if meta.len() == 0 {
        return Err(ReadError::Empty { file });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            file,
            what: "file",
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let mut head = [0u8; 8];
    let mut f = std::fs::File::open(path).map_err(open_err)?;
    let n = f.read(&mut head).map_err(open_err)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // An xlsx/xlsm/xlsb that is an OLE compound file is an encrypted Office package
    // (EncryptedPackage): the zip is inside, encrypted with the password.
    if n == 8 && head == CFB_MAGIC && matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb") {
        return Err(ReadError::Encrypted { file });
    }
    if n >= 4 && head[..4] == *b"PK\x03\x04" {
        let mut archive = zip::ZipArchive::new(f).map_err(|e| ReadError::Open {
            file: file.clone(),
            message: e.to_string(),
        })?;
        // Sizes from the central directory; nothing is decompressed here.
        let mut total: u64 = 0;
        for i in 0..archive.len() {
            if let Ok(entry) = archive.by_index_raw(i) {
                total = total.saturating_add(entry.size());
            }
        }
        if total > MAX_UNCOMPRESSED_BYTES {
            return Err(ReadError::TooLarge {
                file,
                what: "uncompressed content",
                size: total,
                limit: MAX_UNCOMPRESSED_BYTES,
            });
        }
    }
    Ok(())
}

/// A loaded xlsx sheet: its values, and the formulas of cells that have no cached value.
pub struct LoadedSheet {
    pub values: Range<Data>,
    pub formulas_without_value: Option<Range<String>>,
}

/// Loads one xlsx sheet in a single pass, refusing sheets beyond the limits.
pub fn load_xlsx_sheet<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut Xlsx<RS>,
    file: &str,
    name: &str,
) -> Result<LoadedSheet, ReadError> {
    let sheet_err = |message: String| ReadError::Sheet {
        file: file.to_string(),
        sheet: name.to_string(),
        message,
    };
    let mut reader = xlsx
        .worksheet_cells_reader(name)
        .map_err(|e| sheet_err(e.to_string()))?;
    let mut values: Vec<Cell<Data>> = Vec::new();
    let mut formulas: Vec<Cell<String>> = Vec::new();
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
    while let Some(cell) = reader
        .next_cell_with_formula()
        .map_err(|e| sheet_err(e.to_string()))?
    {
        let value: Data = cell.value.into();
        let empty = matches!(value, Data::Empty);
        let formula = cell.formula.filter(|f| !f.is_empty());
        if empty && formula.is_none() {
            continue;
        }
        let (r, c) = cell.pos;
        r0 = r0.min(r);
        r1 = r1.max(r);
        c0 = c0.min(c);
        c1 = c1.max(c);
        if values.len() + formulas.len() >= MAX_CELLS {
            return Err(ReadError::SheetTooLarge {
                file: file.to_string(),
                sheet: name.to_string(),
                detail: format!("more than {MAX_CELLS} cells"),
            });
        }
        let area = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        if area > MAX_AREA {
            return Err(ReadError::SheetTooLarge {
                file: file.to_string(),
                sheet: name.to_string(),
                detail: format!(
                    "cells span {}:{} ({} × {} cells)",
                    crate::cell_name(r0, c0),
                    crate::cell_name(r1, c1),
                    u64::from(r1 - r0) + 1,
                    u64::from(c1 - c0) + 1
                ),
            });
        }
        if empty {
            if let Some(f) = formula {
                formulas.push(Cell::new(cell.pos, f));
            }
        } else {
            values.push(Cell::new(cell.pos, value));
        }
    }
    Ok(LoadedSheet {
        values: Range::from_sparse(values),
        formulas_without_value: (!formulas.is_empty()).then(|| Range::from_sparse(formulas)),
    })
}
