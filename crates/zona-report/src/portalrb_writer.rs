//! The PortalRB 2026 `Jawaban` workbook, written from answers by `soal_id` (for exchanging answers
//! with PortalRB, and for tests). Rows and columns come from the criteria's `[portalrb]` table.

use std::collections::HashMap;
use std::path::Path;

use zona_core::portalrb_layout::SHEET;
use zona_core::{AnswerKind, Criteria};

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
/// such workbook (an error).
pub fn write_workbook(
    path: &Path,
    criteria: &Criteria,
    fill: &HashMap<u32, SoalFill>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let Some(layout) = &criteria.portalrb else {
        return Err(rust_xlsxwriter::XlsxError::ParameterError(format!(
            "criteria {} have no [portalrb] table",
            criteria.meta.id
        )));
    };
    let (col, rows) = (layout.columns, &layout.rows);
    let mut wb = rust_xlsxwriter::Workbook::new();
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
        ws.write(4, c as u16, h)?;
    }
    let mut texts: HashMap<u32, String> = HashMap::new();
    for item in &criteria.items {
        if let Some(s) = item.soal_id {
            texts.insert(s, item.text.clone());
        }
        if let AnswerKind::Ratio(r) = &item.answer {
            for inp in &r.inputs {
                if let Some(s) = inp.soal_id {
                    texts.insert(s, inp.label.clone());
                }
            }
        }
    }
    for &(soal, row1) in rows {
        let r = row1 - 1;
        ws.write(r, 0, soal)?;
        if let Some(t) = texts.get(&soal) {
            ws.write(r, 2, t.as_str())?;
        }
        if let Some(f) = fill.get(&soal) {
            for (col, v) in [
                (col.unit_answer, &f.unit),
                (col.unit_note, &f.unit_note),
                (col.evidence, &f.evidence),
                (col.tpi_answer, &f.tpi),
                (col.tpi_note, &f.tpi_note),
            ] {
                if let Some(v) = v {
                    ws.write(r, col as u16, v.as_str())?;
                }
            }
        }
    }
    wb.save(path)
}
