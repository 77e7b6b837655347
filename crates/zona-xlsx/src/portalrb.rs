//! The PortalRB 2026 layouts: the `Jawaban` workbook template and the JSON answer document of the
//! PortalRB integration API.
//!
//! Both address items by `soal_id` (1–127, the PortalRB master list). The criteria carry each item's
//! and each count input's `soal_id`; a criteria set without them (an older regulation) finds nothing
//! here. Each source holds two answer layers: the unit's and the internal evaluator's (TPI).
//!
//! Workbook (sheet `Jawaban`, rows from the 2026 master list): unit answer K, unit note L, evidence
//! M, TPI answer N, TPI note Q. JSON: `{unit_id, nama_unit, tahun, answers: [{soal_id,
//! jawaban_unit, jawaban_tpi, catatan_unit, bukti_dukung_unit, catatan_tpi}]}`; numbers arrive as
//! strings ("7", "3.60").

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Range};
use zona_core::answer::{Cell, Evidence, ItemAnswer, Location, RawValue, UnitInfo};
use zona_core::diag::{DiagKind, Diagnostic, Severity};
use zona_core::{AnswerKind, AnswerSet, Criteria, ItemId, Layer, LayeredAnswers};

use crate::cells::{cell_name, data_text, data_to_raw};
use crate::ReadError;

/// `soal_id` → row (1-based) in the PortalRB 2026 `Jawaban` template, from the 2026 master list
/// (`excel_baris`).
pub const PORTALRB_2026_ROWS: [(u32, u32); 127] = [
    (1, 6),
    (2, 7),
    (3, 9),
    (4, 10),
    (5, 11),
    (6, 13),
    (7, 14),
    (8, 15),
    (9, 17),
    (10, 18),
    (11, 19),
    (12, 20),
    (13, 23),
    (14, 24),
    (15, 25),
    (16, 27),
    (17, 28),
    (18, 29),
    (19, 30),
    (20, 32),
    (21, 33),
    (22, 36),
    (23, 37),
    (24, 38),
    (25, 40),
    (26, 41),
    (27, 42),
    (28, 44),
    (29, 45),
    (30, 46),
    (31, 47),
    (32, 48),
    (33, 49),
    (34, 51),
    (35, 52),
    (36, 53),
    (37, 54),
    (38, 56),
    (39, 58),
    (40, 61),
    (41, 62),
    (42, 63),
    (43, 65),
    (44, 66),
    (45, 67),
    (46, 68),
    (47, 69),
    (48, 70),
    (49, 71),
    (50, 72),
    (51, 75),
    (52, 76),
    (53, 78),
    (54, 79),
    (55, 80),
    (56, 81),
    (57, 83),
    (58, 84),
    (59, 85),
    (60, 86),
    (61, 88),
    (62, 89),
    (63, 90),
    (64, 92),
    (65, 93),
    (66, 94),
    (67, 95),
    (68, 96),
    (69, 99),
    (70, 100),
    (71, 101),
    (72, 102),
    (73, 104),
    (74, 105),
    (75, 106),
    (76, 107),
    (77, 108),
    (78, 109),
    (79, 111),
    (80, 112),
    (81, 113),
    (82, 115),
    (83, 116),
    (84, 117),
    (85, 119),
    (86, 120),
    (87, 121),
    (88, 126),
    (89, 127),
    (90, 129),
    (91, 130),
    (92, 132),
    (93, 134),
    (94, 137),
    (95, 139),
    (96, 140),
    (97, 142),
    (98, 143),
    (99, 144),
    (100, 147),
    (101, 149),
    (102, 152),
    (103, 153),
    (104, 154),
    (105, 158),
    (106, 159),
    (107, 161),
    (108, 163),
    (109, 166),
    (110, 169),
    (111, 170),
    (112, 171),
    (113, 176),
    (114, 177),
    (115, 178),
    (116, 179),
    (117, 183),
    (118, 184),
    (119, 185),
    (120, 186),
    (121, 189),
    (122, 191),
    (123, 192),
    (124, 194),
    (125, 199),
    (126, 200),
    (127, 202),
];

/// The sheet name of the PortalRB template.
pub const SHEET: &str = "Jawaban";

// 0-based columns of the template.
const COL_UNIT_ANSWER: u32 = 10; // K
const COL_UNIT_NOTE: u32 = 11; // L
const COL_EVIDENCE: u32 = 12; // M
const COL_TPI_ANSWER: u32 = 13; // N
const COL_TPI_NOTE: u32 = 16; // Q

/// What a source holds for one soal.
#[derive(Debug, Clone, Default)]
pub struct SoalValues {
    pub unit: Option<Cell>,
    pub unit_note: Option<String>,
    pub evidence: Option<String>,
    pub tpi: Option<Cell>,
    pub tpi_note: Option<String>,
    /// Where the soal is, for "not answered" messages.
    pub location: Location,
}

/// Where a soal lives in the criteria: an item, or a count input of a ratio item.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Item(ItemId),
    Input(ItemId, usize),
}

fn soal_slots(criteria: &Criteria) -> HashMap<u32, Slot> {
    let mut map = HashMap::new();
    for (i, item) in criteria.items.iter().enumerate() {
        if let Some(s) = item.soal_id {
            map.insert(s, Slot::Item(ItemId(i)));
        }
        if let AnswerKind::Ratio(r) = &item.answer {
            for (k, inp) in r.inputs.iter().enumerate() {
                if let Some(s) = inp.soal_id {
                    map.insert(s, Slot::Input(ItemId(i), k));
                }
            }
        }
    }
    map
}

fn evidence_of(text: &str) -> Evidence {
    let l = text.trim().to_lowercase();
    if l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.") {
        Evidence {
            text: None,
            link: Some(text.trim().to_string()),
        }
    } else {
        Evidence {
            text: Some(text.trim().to_string()),
            link: None,
        }
    }
}

/// Builds the unit and TPI layers from per-soal values. Items with no soal in the source are
/// reported as not found.
fn build_layers(
    criteria: &Criteria,
    file: &Arc<str>,
    unit: UnitInfo,
    values: &HashMap<u32, SoalValues>,
) -> LayeredAnswers {
    let slots = soal_slots(criteria);
    let mut unit_set = AnswerSet::empty(criteria);
    let mut tpi_set = AnswerSet::empty(criteria);
    for set in [&mut unit_set, &mut tpi_set] {
        set.source = Some(file.clone());
        set.unit = unit.clone();
    }
    let new_answer = |id: ItemId, loc: &Location| ItemAnswer {
        inputs: match &criteria.item(id).answer {
            AnswerKind::Ratio(r) => vec![None; r.inputs.len()],
            _ => Vec::new(),
        },
        location: loc.clone(),
        ..Default::default()
    };
    let mut ids: Vec<&u32> = values.keys().collect();
    ids.sort_unstable();
    for soal in ids {
        let v = &values[soal];
        let Some(slot) = slots.get(soal) else {
            continue;
        };
        let id = match slot {
            Slot::Item(id) | Slot::Input(id, _) => *id,
        };
        for (set, answer, note) in [
            (&mut unit_set, &v.unit, &v.unit_note),
            (&mut tpi_set, &v.tpi, &v.tpi_note),
        ] {
            if set.get(id).is_none() {
                set.set(id, new_answer(id, &v.location));
            }
            let Some(a) = set.items[id.0].as_mut() else {
                continue;
            };
            match slot {
                Slot::Item(_) => {
                    a.answer = answer.clone();
                    a.location = v.location.clone();
                }
                Slot::Input(_, k) => a.inputs[*k] = answer.clone(),
            }
            if a.note.is_none() {
                a.note = note.clone();
            }
        }
        if let (Some(e), Some(a)) = (&v.evidence, unit_set.items[id.0].as_mut()) {
            a.evidence.push(evidence_of(e));
        }
    }
    for (i, item) in criteria.items.iter().enumerate() {
        if unit_set.items[i].is_none() {
            unit_set.diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    DiagKind::ItemNotFound {
                        text: item.text.clone(),
                    },
                )
                .at(&Location::file(file))
                .item(&item.key),
            );
        }
    }
    LayeredAnswers {
        layers: vec![(Layer::Unit, unit_set), (Layer::Tpi, tpi_set)],
    }
}

/// Reads the PortalRB `Jawaban` sheet (already loaded) for the criteria.
pub(crate) fn read_sheet(
    file: &Arc<str>,
    sheet: &str,
    range: &Range<Data>,
    criteria: &Criteria,
) -> LayeredAnswers {
    let sheet_name: Arc<str> = Arc::from(sheet);
    let text = |r: u32, c: u32| -> Option<String> {
        range
            .get_value((r, c))
            .and_then(data_text)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let cell = |r: u32, c: u32| -> Cell {
        let value = range
            .get_value((r, c))
            .map(data_to_raw)
            .unwrap_or(RawValue::Empty);
        Cell::new(value, Location::cell(file, &sheet_name, cell_name(r, c)))
    };
    let mut values = HashMap::new();
    for (soal, row1) in PORTALRB_2026_ROWS {
        let r = row1 - 1;
        values.insert(
            soal,
            SoalValues {
                unit: Some(cell(r, COL_UNIT_ANSWER)),
                unit_note: text(r, COL_UNIT_NOTE),
                evidence: text(r, COL_EVIDENCE),
                tpi: Some(cell(r, COL_TPI_ANSWER)),
                tpi_note: text(r, COL_TPI_NOTE),
                location: Location::cell(file, &sheet_name, cell_name(r, COL_UNIT_ANSWER)),
            },
        );
    }
    build_layers(criteria, file, UnitInfo::default(), &values)
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(serde::Deserialize)]
struct JsonDoc {
    #[serde(default)]
    unit_id: Option<String>,
    #[serde(default)]
    nama_unit: Option<String>,
    #[serde(default)]
    tahun: Option<i32>,
    answers: Vec<JsonAnswer>,
}

#[derive(serde::Deserialize)]
struct JsonAnswer {
    soal_id: u32,
    #[serde(default)]
    jawaban_unit: Option<serde_json::Value>,
    #[serde(default)]
    jawaban_tpi: Option<serde_json::Value>,
    #[serde(default)]
    catatan_unit: Option<String>,
    #[serde(default)]
    bukti_dukung_unit: Option<String>,
    #[serde(default)]
    catatan_tpi: Option<String>,
}

fn json_raw(v: &Option<serde_json::Value>) -> RawValue {
    match v {
        None | Some(serde_json::Value::Null) => RawValue::Empty,
        Some(serde_json::Value::String(s)) => RawValue::Text(s.clone()),
        Some(serde_json::Value::Number(n)) => {
            n.as_f64().map(RawValue::Number).unwrap_or(RawValue::Empty)
        }
        Some(serde_json::Value::Bool(b)) => RawValue::Bool(*b),
        Some(other) => RawValue::Text(other.to_string()),
    }
}

/// Reads a PortalRB API answer document (`GET /lke/jawaban-unit/{unit_id}`).
pub fn read_json(path: &Path, criteria: &Criteria) -> Result<LayeredAnswers, ReadError> {
    let file: Arc<str> = Arc::from(path.display().to_string());
    let text = std::fs::read_to_string(path).map_err(|e| ReadError::Open {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let doc: JsonDoc = serde_json::from_str(&text).map_err(|e| ReadError::Json {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let mut values = HashMap::new();
    for a in doc.answers {
        let location = Location {
            file: Some(file.clone()),
            sheet: None,
            cell: Some(format!("soal_id {}", a.soal_id)),
        };
        values.insert(
            a.soal_id,
            SoalValues {
                unit: Some(Cell::new(json_raw(&a.jawaban_unit), location.clone())),
                unit_note: a.catatan_unit.filter(|s| !s.trim().is_empty()),
                evidence: a.bukti_dukung_unit.filter(|s| !s.trim().is_empty()),
                tpi: Some(Cell::new(json_raw(&a.jawaban_tpi), location.clone())),
                tpi_note: a.catatan_tpi.filter(|s| !s.trim().is_empty()),
                location,
            },
        );
    }
    let unit = UnitInfo {
        name: doc.nama_unit.or(doc.unit_id),
        year: doc.tahun,
        origin: Some(zona_core::answer::UnitOrigin::Document),
        ..Default::default()
    };
    Ok(build_layers(criteria, &file, unit, &values))
}

// ---------------------------------------------------------------------------------------------
// Writing (for exchanging answers, and for tests)

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
/// texts of the criteria in column C for readers.
pub fn write_workbook(
    path: &Path,
    criteria: &Criteria,
    fill: &HashMap<u32, SoalFill>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name(SHEET)?;
    let headers = [
        (2, "Pertanyaan"),
        (COL_UNIT_ANSWER, "Jawaban Unit"),
        (COL_UNIT_NOTE, "Catatan Unit"),
        (COL_EVIDENCE, "Bukti Dukung Unit"),
        (COL_TPI_ANSWER, "Jawaban TPI"),
        (COL_TPI_NOTE, "Catatan TPI"),
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
    for (soal, row1) in PORTALRB_2026_ROWS {
        let r = row1 - 1;
        ws.write(r, 0, soal)?;
        if let Some(t) = texts.get(&soal) {
            ws.write(r, 2, t.as_str())?;
        }
        if let Some(f) = fill.get(&soal) {
            for (col, v) in [
                (COL_UNIT_ANSWER, &f.unit),
                (COL_UNIT_NOTE, &f.unit_note),
                (COL_EVIDENCE, &f.evidence),
                (COL_TPI_ANSWER, &f.tpi),
                (COL_TPI_NOTE, &f.tpi_note),
            ] {
                if let Some(v) = v {
                    ws.write(r, col as u16, v.as_str())?;
                }
            }
        }
    }
    wb.save(path)
}
