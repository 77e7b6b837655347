//! A value as a source holds it, and where it came from: [`RawValue`], [`Location`], [`Cell`].
//!
//! The one place both answers and diagnostics depend on (a diagnostic points at a [`Location`]).

use std::fmt;
use std::sync::Arc;

/// Where a value came from: file, sheet and cell (`samples/x.xlsx: LKE ZI!K37`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub file: Option<Arc<str>>,
    pub sheet: Option<Arc<str>>,
    pub cell: Option<String>,
}

impl Location {
    pub fn file(file: &Arc<str>) -> Self {
        Location {
            file: Some(file.clone()),
            ..Default::default()
        }
    }

    pub fn cell(file: &Arc<str>, sheet: &Arc<str>, cell: String) -> Self {
        Location {
            file: Some(file.clone()),
            sheet: Some(sheet.clone()),
            cell: Some(cell),
        }
    }

    /// `LKE ZI!K37` (or the sheet alone), without the file.
    pub fn sheet_cell(&self) -> String {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => format!("{s}!{c}"),
            (Some(s), None) => s.to_string(),
            (None, Some(c)) => c.clone(),
            (None, None) => String::new(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sc = self.sheet_cell();
        match (&self.file, sc.is_empty()) {
            (Some(file), false) => write!(f, "{file}: {sc}"),
            (Some(file), true) => write!(f, "{file}"),
            (None, _) => f.write_str(&sc),
        }
    }
}

/// What a cell holds, uninterpreted.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A spreadsheet error value such as `#REF!` or `#DIV/0!`.
    Error(String),
    /// A date or time where an answer belongs (shown as the workbook shows it).
    Date(String),
    /// A formula whose result was never computed and saved (no cached value).
    FormulaWithoutValue(String),
}

impl RawValue {
    /// Blank, or text that only says "not filled" ("Blm Diisi" is what the LKE formulas write).
    pub fn is_blank(&self) -> bool {
        match self {
            RawValue::Empty => true,
            RawValue::Text(t) => {
                let t = t.trim();
                t.is_empty()
                    || t.eq_ignore_ascii_case("blm diisi")
                    || t.eq_ignore_ascii_case("belum diisi")
            }
            _ => false,
        }
    }

    /// The value as a user would see it in the cell.
    pub fn display(&self) -> String {
        match self {
            RawValue::Empty => String::new(),
            RawValue::Text(t) => t.clone(),
            RawValue::Number(n) => format_number(*n),
            RawValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            RawValue::Error(e) => e.clone(),
            RawValue::Date(d) => d.clone(),
            RawValue::FormulaWithoutValue(f) => format!("={f}"),
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A raw value with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: RawValue,
    pub location: Location,
}

impl Cell {
    pub fn new(value: RawValue, location: Location) -> Self {
        Cell { value, location }
    }
}
