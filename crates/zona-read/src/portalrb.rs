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
use zona_core::answers::evidence::read_entries;
use zona_core::diag::{DiagKind, Diagnostic, Severity};
use zona_core::{AnswerKind, AnswerSet, Criteria, ItemId, Layer, LayeredAnswers};

use crate::cells::{cell_name, data_text, data_to_raw};
use crate::ReadError;

/// The sheet name of the PortalRB template.
pub use zona_core::portalrb_layout::SHEET;

/// What a source holds for one soal.
#[derive(Debug, Clone, Default)]
pub struct SoalValues {
    pub unit: Option<Cell>,
    pub unit_note: Option<String>,
    /// The evidence entries (`bukti_dukung_unit`, the Bukti Dukung Unit column).
    pub evidence: Vec<Evidence>,
    /// Where the soal's evidence belongs.
    pub evidence_at: Location,
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

/// Builds the unit and TPI layers from per-soal values. Items with no soal in the source are
/// reported as not found.
fn build_layers(
    criteria: &Criteria,
    file: &Arc<str>,
    unit: UnitInfo,
    values: &HashMap<u32, SoalValues>,
    notes: Vec<Diagnostic>,
    // A PortalRB JSON document (not a `Jawaban` sheet).
    document: bool,
) -> LayeredAnswers {
    let slots = soal_slots(criteria);
    let mut unit_set = AnswerSet::empty(criteria);
    unit_set.diagnostics = notes;
    let mut tpi_set = AnswerSet::empty(criteria);
    for set in [&mut unit_set, &mut tpi_set] {
        set.source = Some(file.clone());
        set.unit = unit.clone();
        // The API writes numbers with a decimal point ("3.60"); a sheet is typed the Indonesian
        // way. A count "12.000" in a document is 12 one way and 12000 the other: flagged.
        if document {
            set.number_form = zona_core::NumberForm::DecimalPoint;
        }
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
            unit_set.diagnostics.push(
                Diagnostic::new(Severity::Warning, DiagKind::UnknownSoal { soal_id: *soal })
                    .at(&v.location),
            );
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
        if let Some(a) = unit_set.items[id.0].as_mut() {
            a.evidence.extend(v.evidence.iter().cloned());
            a.evidence_at.get_or_insert_with(|| v.evidence_at.clone());
        }
    }
    for (i, item) in criteria.items.iter().enumerate() {
        if unit_set.items[i].is_none() {
            // An item not found counts as unanswered: an error when that costs points.
            let severity = if criteria.item_max_points(ItemId(i)) > 0.0 {
                Severity::Error
            } else {
                Severity::Warning
            };
            let (text, sub_area, soal_id) = (
                item.text.clone(),
                criteria.node(item.parent).name.clone(),
                item.soal_id,
            );
            // A document has no rows to restore; a sheet does.
            let kind = if document {
                DiagKind::SoalNotInDocument {
                    text,
                    sub_area,
                    soal_id,
                }
            } else {
                DiagKind::ItemNotFound {
                    text,
                    sub_area,
                    soal_id,
                }
            };
            unit_set.diagnostics.push(
                Diagnostic::new(severity, kind)
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
        let value = range.get_value((r, c)).map_or(RawValue::Empty, data_to_raw);
        Cell::new(value, Location::cell(file, &sheet_name, cell_name(r, c)))
    };
    let mut values = HashMap::new();
    // Criteria without a `[portalrb]` table (an older regulation) find nothing here.
    let Some(layout) = &criteria.portalrb else {
        return build_layers(
            criteria,
            file,
            UnitInfo::default(),
            &values,
            Vec::new(),
            false,
        );
    };
    let col = layout.columns;
    let mut notes = Vec::new();
    let rows = soal_rows(range, layout, file, &sheet_name, &mut notes);
    for (soal, r) in rows {
        values.insert(
            soal,
            SoalValues {
                unit: Some(cell(r, col.unit_answer)),
                unit_note: text(r, col.unit_note),
                evidence: text(r, col.evidence)
                    .map(|t| {
                        let at = Location::cell(file, &sheet_name, cell_name(r, col.evidence));
                        let (entries, cut) = read_entries(&t, &at);
                        notes.extend(cut);
                        entries
                    })
                    .unwrap_or_default(),
                evidence_at: Location::cell(file, &sheet_name, cell_name(r, col.evidence)),
                tpi: Some(cell(r, col.tpi_answer)),
                tpi_note: text(r, col.tpi_note),
                location: Location::cell(file, &sheet_name, cell_name(r, col.unit_answer)),
            },
        );
    }
    build_layers(criteria, file, UnitInfo::default(), &values, notes, false)
}

/// The 0-based row of each soal. Column A of the template holds each row's soal_id: where it
/// holds them in row order, a soal is read from the row that names it, wherever that is (a row
/// inserted above the items moves every answer down; read by position, each item would get its
/// neighbour's answer), and a soal no row names is not found. Where column A is empty, the
/// template's rows are read; where it holds other numbers, too, with a warning.
fn soal_rows(
    range: &Range<Data>,
    layout: &zona_core::portalrb_layout::PortalRbLayout,
    file: &Arc<str>,
    sheet: &Arc<str>,
    notes: &mut Vec<Diagnostic>,
) -> Vec<(u32, u32)> {
    let template = || layout.rows.iter().map(|&(s, r1)| (s, r1 - 1)).collect();
    let first_item_row = layout.rows.iter().map(|&(_, r1)| r1 - 1).min().unwrap_or(0);
    let Some(end) = range.end() else {
        return template();
    };
    // The whole numbers in column A from the row above the first item on (a row inserted there
    // moves the first item down by one at least).
    let mut ids: Vec<(u32, u32)> = Vec::new();
    for r in first_item_row.saturating_sub(1)..=end.0 {
        let id = match range.get_value((r, 0)) {
            Some(Data::Int(i)) => u32::try_from(*i).ok(),
            Some(Data::Float(f)) if f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX) => {
                Some(*f as u32)
            }
            Some(Data::String(t)) => t.trim().parse::<u32>().ok(),
            _ => None,
        };
        if let Some(id) = id {
            ids.push((id, r));
        }
    }
    if ids.is_empty() {
        return template();
    }
    let known: std::collections::HashSet<u32> = layout.rows.iter().map(|&(s, _)| s).collect();
    let in_order = ids.windows(2).all(|w| w[0].0 < w[1].0);
    let found = ids.iter().filter(|(id, _)| known.contains(id)).count();
    if !in_order || found * 2 < layout.rows.len() {
        notes.push(
            Diagnostic::new(Severity::Warning, DiagKind::SoalIdsUnclear).at(&Location::cell(
                file,
                sheet,
                "A:A".to_string(),
            )),
        );
        return template();
    }
    let at: HashMap<u32, u32> = ids.into_iter().collect();
    let mut moved = false;
    layout
        .rows
        .iter()
        .filter_map(|&(soal, r1)| {
            let r = *at.get(&soal)?;
            if r != r1 - 1 && !moved {
                moved = true;
                notes.push(
                    Diagnostic::new(
                        Severity::Info,
                        DiagKind::SoalRowMoved {
                            soal_id: soal,
                            template_row: r1,
                            row: r + 1,
                        },
                    )
                    .at(&Location::cell(file, sheet, cell_name(r, 0))),
                );
            }
            Some((soal, r))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(serde::Deserialize)]
struct JsonDoc {
    #[serde(default)]
    unit_id: Option<String>,
    #[serde(default)]
    nama_unit: Option<String>,
    /// A number, or a numeric string ("2025"); anything else is noted and not used.
    #[serde(default)]
    tahun: Option<serde_json::Value>,
    answers: Vec<JsonAnswer>,
    /// Keys the API does not define: ignored, and named (a `jawabanUnit` for `jawaban_unit`
    /// left every answer blank with no word).
    #[serde(flatten)]
    other: std::collections::BTreeMap<String, serde_json::Value>,
}

#[derive(serde::Deserialize)]
struct JsonAnswer {
    /// A number, or a numeric string (`"101"`), as the answers may be.
    #[serde(deserialize_with = "soal_id")]
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
    #[serde(flatten)]
    other: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The keys of an answer the API defines, for the message about the others.
const ANSWER_KEYS: &str =
    "soal_id, jawaban_unit, jawaban_tpi, catatan_unit, bukti_dukung_unit, catatan_tpi";

/// A soal_id given as a number or as a string of digits.
fn soal_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    use serde::de::Error;
    use serde::Deserialize;
    match serde_json::Value::deserialize(d)? {
        // A whole number written with a fraction (`2.0`, as `tahun` may be) is that number.
        serde_json::Value::Number(n) => n
            .as_u64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(f))
                    .map(|f| f as u64)
            })
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| {
                D::Error::custom(format!("soal_id {n} is not a whole number 0–4294967295"))
            }),
        serde_json::Value::String(s) => s
            .trim()
            .parse::<u32>()
            .map_err(|_| D::Error::custom(format!("soal_id \"{s}\" is not a whole number"))),
        other => Err(D::Error::custom(format!("soal_id {other} is not a number"))),
    }
}

fn json_raw(v: &Option<serde_json::Value>) -> RawValue {
    match v {
        None | Some(serde_json::Value::Null) => RawValue::Empty,
        // The API sends numbers as strings ("7", "3.60"): they are numbers, not counts typed as
        // text (which a workbook's own formulas would not count, and is said so there).
        Some(serde_json::Value::String(s)) if is_api_number(s) => s
            .trim()
            .parse::<f64>()
            .map_or(RawValue::Text(s.clone()), RawValue::Number),
        Some(serde_json::Value::String(s)) => RawValue::Text(s.clone()),
        Some(serde_json::Value::Number(n)) => n.as_f64().map_or(RawValue::Empty, RawValue::Number),
        Some(serde_json::Value::Bool(b)) => RawValue::Bool(*b),
        Some(other) => RawValue::Text(other.to_string()),
    }
}

/// A number as the API writes it: digits with an optional minus sign and decimal point (`"12"`,
/// `"3.60"`). Not `"1.200"`: three decimals read as a thousands separator in Indonesian, so that
/// one stays text, read (and flagged when ambiguous) as a typed count is.
fn is_api_number(s: &str) -> bool {
    let t = s.trim();
    let t = t.strip_prefix('-').unwrap_or(t);
    let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    !whole.is_empty()
        && t.len() <= 20
        && digits(whole)
        && digits(fraction)
        && (t.len() == whole.len() || (!fraction.is_empty() && fraction.len() != 3))
}

/// Reads a PortalRB API answer document (`GET /lke/jawaban-unit/{unit_id}`).
///
/// The file is checked like a workbook first (a regular file, not empty, within
/// [`guard::MAX_FILE_BYTES`](crate::guard::MAX_FILE_BYTES)); a UTF-8 byte order mark is skipped.
/// A soal listed twice keeps its first entry; when the entries' answers differ a warning names the
/// soal_id (`duplicate_soal`).
pub fn read_json(path: &Path, criteria: &Criteria) -> Result<LayeredAnswers, ReadError> {
    read_json_named(path, &path.display().to_string(), criteria)
}

/// [`read_json`] for a document known as `name` rather than by its path
/// ([`crate::Source::open_named`]).
pub fn read_json_named(
    path: &Path,
    name: &str,
    criteria: &Criteria,
) -> Result<LayeredAnswers, ReadError> {
    let file: Arc<str> = Arc::from(name);
    crate::guard::check_file(path)?;
    let text = std::fs::read_to_string(path).map_err(|e| ReadError::Open {
        file: file.to_string(),
        source: e.into(),
    })?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let doc: JsonDoc = serde_json::from_str(body).map_err(|e| ReadError::Json {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        source: e,
    })?;
    let mut notes = Vec::new();
    // Each unknown key once: where it is first met, and how many answers hold it.
    // `kategori` and `afirmasi` are the API's too (its unit lists): not read, not warned of.
    let mut unknown: Vec<(String, Option<u32>, usize)> = doc
        .other
        .keys()
        .filter(|k| !matches!(k.as_str(), "kategori" | "afirmasi"))
        .map(|k| (k.clone(), None, 1))
        .collect();
    for a in &doc.answers {
        for k in a.other.keys() {
            match unknown.iter_mut().find(|(u, at, _)| u == k && at.is_some()) {
                Some(u) => u.2 += 1,
                None => unknown.push((k.clone(), Some(a.soal_id), 1)),
            }
        }
    }
    for (key, soal_id, count) in unknown {
        notes.push(
            Diagnostic::new(
                Severity::Warning,
                DiagKind::UnknownJsonKey {
                    key,
                    count,
                    known: if soal_id.is_some() {
                        ANSWER_KEYS.to_string()
                    } else {
                        "unit_id, nama_unit, tahun, answers".to_string()
                    },
                },
            )
            .at(&Location {
                file: Some(file.clone()),
                sheet: None,
                cell: soal_id.map(|s| format!("soal_id {s}")),
            }),
        );
    }
    let mut values: HashMap<u32, SoalValues> = HashMap::new();
    for a in doc.answers {
        let location = Location {
            file: Some(file.clone()),
            sheet: None,
            cell: Some(format!("soal_id {}", a.soal_id)),
        };
        let unit = Cell::new(json_raw(&a.jawaban_unit), location.clone());
        let tpi = Cell::new(json_raw(&a.jawaban_tpi), location.clone());
        if let Some(first) = values.get(&a.soal_id) {
            let differs = |x: &Option<Cell>, y: &Cell| {
                x.as_ref().map(|c| c.value.display().trim().to_string())
                    != Some(y.value.display().trim().to_string())
            };
            if differs(&first.unit, &unit) || differs(&first.tpi, &tpi) {
                let show = |u: Option<&Cell>, t: Option<&Cell>| {
                    let u = u.map(|c| c.value.display()).unwrap_or_default();
                    let t = t.map(|c| c.value.display()).unwrap_or_default();
                    if t.is_empty() {
                        u
                    } else {
                        format!("{u} / TPI {t}")
                    }
                };
                notes.push(
                    Diagnostic::new(
                        Severity::Warning,
                        DiagKind::DuplicateSoal {
                            soal_id: a.soal_id,
                            first: show(first.unit.as_ref(), first.tpi.as_ref()),
                            other: show(Some(&unit), Some(&tpi)),
                        },
                    )
                    .at(&location),
                );
            }
            continue;
        }
        values.insert(
            a.soal_id,
            SoalValues {
                unit: Some(unit),
                unit_note: a.catatan_unit.filter(|s| !s.trim().is_empty()),
                evidence: a
                    .bukti_dukung_unit
                    .map(|t| {
                        let (entries, cut) = read_entries(&t, &location);
                        notes.extend(cut);
                        entries
                    })
                    .unwrap_or_default(),
                evidence_at: location.clone(),
                tpi: Some(tpi),
                tpi_note: a.catatan_tpi.filter(|s| !s.trim().is_empty()),
                location,
            },
        );
    }
    let year = match &doc.tahun {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => {
            let y = match v {
                // 2025, and 2025.0 as some serialisers write it.
                serde_json::Value::Number(n) => n.as_i64().or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && f.abs() < 1e9)
                        .map(|f| f as i64)
                }),
                serde_json::Value::String(s) => s.trim().parse::<i64>().ok(),
                _ => None,
            }
            .filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y));
            if y.is_none() {
                notes.push(
                    Diagnostic::new(
                        Severity::Warning,
                        DiagKind::YearInvalid {
                            value: match v {
                                serde_json::Value::String(s) => s.clone(),
                                other => other.to_string(),
                            },
                        },
                    )
                    .at(&Location {
                        file: Some(file.clone()),
                        sheet: None,
                        cell: Some("tahun".into()),
                    }),
                );
            }
            y.and_then(|y| i32::try_from(y).ok())
        }
    };
    let unit = UnitInfo {
        name: doc
            .nama_unit
            .or(doc.unit_id)
            .map(|n| zona_core::lang::single_spaced(&n))
            .filter(|n| !n.is_empty()),
        year,
        origin: Some(zona_core::answer::UnitOrigin::Document),
        ..Default::default()
    };
    Ok(build_layers(criteria, &file, unit, &values, notes, true))
}

/// The years a document may state (Zona Integritas evaluations began in 2014).
pub const YEAR_MIN: i64 = 2000;
/// See [`YEAR_MIN`].
pub const YEAR_MAX: i64 = 2100;
