//! The PortalRB integration API's answer document (`GET /lke/jawaban-unit/{unit_id}`), built from an
//! [`Evaluation`]: what `zona portalrb export` writes and what `zona serve --portalrb` serves.
//!
//! ```json
//! { "unit_id": "UNIT-BKD-001", "nama_unit": "Biro Kepegawaian dan Diklat", "tahun": 2025,
//!   "answers": [ { "soal_id": 101, "jawaban_unit": "A", "jawaban_tpi": null, "catatan_unit": null,
//!                  "bukti_dukung_unit": null, "catatan_tpi": null } ] }
//! ```
//!
//! One entry per `soal_id` the criteria know (an item, or a count input of a ratio item), in
//! `soal_id` order. Every answer is a string as the source holds it (numbers as strings: `"7"`,
//! `"3.6"`), `null` where the layer left it blank. `jawaban_tpi` / `catatan_tpi` are the TPI
//! layer's own answers when the source has that layer (an answer the TPI layer only inherited from
//! the unit is `null`, so reading the document back inherits it again); the TPN layer has no place
//! in the document. An item's note and evidence go on its first `soal_id` (the reader takes them
//! from there); evidence is every entry on a line of its own, links first (see `evidence`).
//! The prior predicate a unit states has no field in the API either.
//!
//! The builder is pure ([`jawaban_unit`]); [`write()`] puts the bytes in a file through
//! [`crate::output_file`].

use std::path::Path;

use serde::Serialize;
use zona_core::answer::{Evidence, ItemAnswer};
use zona_core::{AnswerKind, Evaluation, ItemId, Layer};

use crate::{output_file, WriteError};

/// The answer document of one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JawabanUnit {
    pub unit_id: String,
    pub nama_unit: Option<String>,
    pub tahun: Option<i32>,
    pub answers: Vec<JawabanSoal>,
}

/// One soal's answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JawabanSoal {
    pub soal_id: u32,
    pub jawaban_unit: Option<String>,
    pub jawaban_tpi: Option<String>,
    pub catatan_unit: Option<String>,
    pub bukti_dukung_unit: Option<String>,
    pub catatan_tpi: Option<String>,
}

/// Where a soal lives: an item, or a count input of a ratio item.
#[derive(Debug, Clone, Copy)]
struct Slot {
    soal: u32,
    item: ItemId,
    input: Option<usize>,
}

/// Every soal the criteria know, in `soal_id` order.
fn slots(criteria: &zona_core::Criteria) -> Vec<Slot> {
    let mut out = Vec::new();
    for (i, item) in criteria.items.iter().enumerate() {
        if let Some(soal) = item.soal_id {
            out.push(Slot {
                soal,
                item: ItemId(i),
                input: None,
            });
        }
        if let AnswerKind::Ratio(r) = &item.answer {
            for (k, inp) in r.inputs.iter().enumerate() {
                if let Some(soal) = inp.soal_id {
                    out.push(Slot {
                        soal,
                        item: ItemId(i),
                        input: Some(k),
                    });
                }
            }
        }
    }
    out.sort_by_key(|s| s.soal);
    out.dedup_by_key(|s| s.soal);
    out
}

fn text(s: Option<&str>) -> Option<String> {
    s.filter(|t| !t.trim().is_empty()).map(str::to_string)
}

/// The answer a slot holds in one layer's answer, as a string; `None` when blank.
fn value(answer: &ItemAnswer, input: Option<usize>) -> Option<String> {
    let cell = match input {
        None => answer.answer.as_ref(),
        Some(k) => answer.inputs.get(k).and_then(Option::as_ref),
    }?;
    text(Some(&cell.value.display()))
}

/// Every entry on a line of its own, links first (PortalRB expects a URL, else a description):
/// read back, the lines give the same entries.
fn evidence(items: &[Evidence]) -> Option<String> {
    let (links, others): (Vec<&Evidence>, Vec<&Evidence>) =
        items.iter().partition(|e| e.link().is_some());
    let texts: Vec<&str> = links
        .iter()
        .chain(&others)
        .map(|e| e.text.as_str())
        .collect();
    (!texts.is_empty()).then(|| texts.join("\n"))
}

/// The `jawaban-unit` document of an evaluation, for the unit known to PortalRB as `unit_id`:
/// the unit layer's answers, the TPI layer's where the source has one, the unit's name and year
/// from its unit facts. Criteria without `soal_id`s (an older regulation) have no such document
/// ([`WriteError::NoPortalRbLayout`], `file` the evaluation's file).
pub fn jawaban_unit(evaluation: &Evaluation, unit_id: &str) -> Result<JawabanUnit, WriteError> {
    let criteria = evaluation.criteria;
    let slots = slots(criteria);
    if slots.is_empty() {
        return Err(WriteError::NoPortalRbLayout {
            file: evaluation.file.clone().into(),
            criteria: criteria.meta.id.clone(),
        });
    }
    let unit = &evaluation.unit().answers;
    let tpi = evaluation.layer(Layer::Tpi).map(|l| &l.answers);
    let mut first_soal_done = vec![false; criteria.items.len()];
    let answers = slots
        .iter()
        .map(|s| {
            let first = !std::mem::replace(&mut first_soal_done[s.item.0], true);
            let own = unit.get(s.item);
            let unit_note = own.and_then(|a| text(a.note.as_deref()));
            // The TPI layer's own answer (not one it inherited from the unit).
            let tpi_own = tpi
                .and_then(|t| t.get(s.item))
                .filter(|a| a.inherited_from.is_none());
            let tpi_note = tpi
                .and_then(|t| t.get(s.item))
                .and_then(|a| text(a.note.as_deref()))
                // An inherited answer carries the unit's note unless the TPI wrote its own.
                .filter(|n| tpi_own.is_some() || Some(n) != unit_note.as_ref());
            JawabanSoal {
                soal_id: s.soal,
                jawaban_unit: own.and_then(|a| value(a, s.input)),
                jawaban_tpi: tpi_own.and_then(|a| value(a, s.input)),
                catatan_unit: if first { unit_note.clone() } else { None },
                bukti_dukung_unit: if first {
                    own.and_then(|a| evidence(&a.evidence))
                } else {
                    None
                },
                catatan_tpi: if first { tpi_note } else { None },
            }
        })
        .collect();
    Ok(JawabanUnit {
        unit_id: unit_id.to_string(),
        nama_unit: text(unit.unit.name.as_deref()),
        tahun: unit.unit.year,
        answers,
    })
}

/// The document as JSON (pretty, ending in a newline): the bytes [`write()`] writes and the server
/// sends.
pub fn to_bytes(doc: &JawabanUnit) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(doc).expect("a JawabanUnit always serializes");
    bytes.push(b'\n');
    bytes
}

/// Writes the document to `path` through [`crate::output_file`]: atomically, never over one of
/// `inputs`, over an existing file only with `force`.
pub fn write(
    path: &Path,
    doc: &JawabanUnit,
    inputs: &[&Path],
    force: bool,
) -> Result<(), WriteError> {
    output_file::check_as(
        crate::error::OutputKind::File,
        Some("json"),
        path,
        inputs,
        force,
    )?;
    output_file::write_atomically(path, &to_bytes(doc), force)
}

/// The unit id a workbook gets when nothing states one: its file name without the extension,
/// upper-cased, every run of characters other than `A-Z` and `0-9` one `-`, trimmed of `-`, at
/// most 64 characters (`lke-contoh-kantor-imigrasi-nusantara-2025.xlsx` →
/// `LKE-CONTOH-KANTOR-IMIGRASI-NUSANTARA-2025`); `UNIT` when nothing is left.
pub fn unit_id_from_file_name(file_name: &str) -> String {
    let stem = Path::new(file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file_name);
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_uppercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let mut id: String = id.trim_end_matches('-').chars().take(64).collect();
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        id.push_str("UNIT");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::unit_id_from_file_name as id;

    #[test]
    fn unit_ids_from_file_names() {
        assert_eq!(
            id("lke-contoh-kantor-imigrasi-nusantara-2025.xlsx"),
            "LKE-CONTOH-KANTOR-IMIGRASI-NUSANTARA-2025"
        );
        assert_eq!(id("  Biro (Umum) 2025.ods"), "BIRO-UMUM-2025");
        assert_eq!(id("../..xlsx"), "UNIT");
        assert_eq!(id("ÜBER.xlsx"), "BER");
        assert_eq!(id(&format!("{}.xlsx", "a".repeat(100))).len(), 64);
    }
}
