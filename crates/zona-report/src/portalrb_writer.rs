//! The PortalRB 2026 `Jawaban` workbook, written from answers by `soal_id` (for exchanging answers
//! with PortalRB, and for tests). Rows and columns come from the criteria's `[portalrb]` table.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rust_xlsxwriter::{DocProperties, XlsxError};
use zona_core::portalrb_layout::{PortalRbLayout, SHEET};
use zona_core::{AnswerKind, Criteria};

use crate::doc_properties::created_on;
use crate::output_file;
use crate::sheet::plain_text;
use crate::{OutputKind, WriteError, CREATION_DATE};

/// One soal's values to write.
#[derive(Debug, Clone, Default)]
pub struct SoalFill {
    pub unit: Option<String>,
    pub unit_note: Option<String>,
    pub evidence: Option<String>,
    pub tpi: Option<String>,
    pub tpi_note: Option<String>,
}

/// Writes a PortalRB-layout workbook (sheet `Jawaban`) with the given answers by `soal_id`, the item
/// texts of the criteria in column C for readers. Criteria without a `[portalrb]` table have no
/// such workbook ([`WriteError::NoPortalRbLayout`]). Written atomically ([`crate::output_file`]);
/// an existing file is replaced (these workbooks are fixtures for tests and exchanges).
pub fn write_workbook(
    path: &Path,
    criteria: &Criteria,
    fill: &HashMap<u32, SoalFill>,
) -> Result<(), WriteError> {
    let Some(layout) = &criteria.portalrb else {
        return Err(WriteError::NoPortalRbLayout {
            file: path.to_path_buf(),
            criteria: criteria.meta.id.clone(),
        });
    };
    output_file::write_workbook(OutputKind::PortalRbWorkbook, path, &[], true, || {
        workbook_bytes(layout, criteria, fill)
    })
}

/// The bytes [`write_workbook`] writes.
fn workbook_bytes(
    layout: &PortalRbLayout,
    criteria: &Criteria,
    fill: &HashMap<u32, SoalFill>,
) -> Result<Vec<u8>, XlsxError> {
    let (col, rows) = (layout.columns, &layout.rows);
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.set_properties(&created_on(DocProperties::new(), CREATION_DATE)?);
    let ws = wb.add_worksheet().set_name(SHEET)?;
    let headers = [
        (2, "Pertanyaan"),
        (col.unit_answer, "Jawaban Unit"),
        (col.unit_note, "Catatan Unit"),
        (col.evidence, "Bukti Dukung Unit"),
        (col.tpi_answer, "Jawaban TPI"),
        (col.tpi_note, "Catatan TPI"),
    ];
    for (c, h) in headers {
        plain_text(ws, 4, c as u16, h)?;
    }
    let mut texts: HashMap<u32, String> = HashMap::new();
    // Soals whose answer is a number (counts, survey indices): written as number cells, as
    // PortalRB's own workbook holds them, so that reading the workbook back needs no forgiveness.
    let mut numeric: HashSet<u32> = HashSet::new();
    for item in &criteria.items {
        if let Some(s) = item.soal_id {
            texts.insert(s, item.text.clone());
            if matches!(item.answer, AnswerKind::Index { .. }) {
                numeric.insert(s);
            }
        }
        if let AnswerKind::Ratio(r) = &item.answer {
            for inp in &r.inputs {
                if let Some(s) = inp.soal_id {
                    texts.insert(s, inp.label.clone());
                    numeric.insert(s);
                }
            }
        }
    }
    for &(soal, row1) in rows {
        let r = row1 - 1;
        ws.write_number(r, 0, f64::from(soal))?;
        if let Some(t) = texts.get(&soal) {
            plain_text(ws, r, 2, t)?;
        }
        if let Some(f) = fill.get(&soal) {
            for (col, v) in [
                (col.unit_answer, &f.unit),
                (col.unit_note, &f.unit_note),
                (col.evidence, &f.evidence),
                (col.tpi_answer, &f.tpi),
                (col.tpi_note, &f.tpi_note),
            ] {
                let answer = col == layout.columns.unit_answer || col == layout.columns.tpi_answer;
                match v {
                    Some(v) if answer && numeric.contains(&soal) => match plain_number(v) {
                        Some(n) => {
                            ws.write_number(r, col as u16, n)?;
                        }
                        None => {
                            plain_text(ws, r, col as u16, v)?;
                        }
                    },
                    Some(v) => {
                        plain_text(ws, r, col as u16, v)?;
                    }
                    None => {}
                }
            }
        }
    }
    wb.save_to_buffer()
}

/// `v` as a number when it is written the way Rust writes one (`12`, `0.5`, `-3`), finite; any
/// other text (`2.000`, `12 orang`, `inf`) stays text, for the reader to judge as it would judge a
/// unit's own cell.
fn plain_number(v: &str) -> Option<f64> {
    let plain = !v.is_empty()
        && v.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && v.bytes().any(|b| b.is_ascii_digit());
    v.parse::<f64>().ok().filter(|n| plain && n.is_finite())
}
