//! Answers as an adapter delivers them: raw cell values with the place they came from.
//!
//! Adapters (the workbook reader, later a JSON reader) do not interpret answers; they hand over what
//! the cell holds ([`RawValue`]) and where it is ([`Location`]). Interpretation (forgiving parsing of
//! "a.", " ya", "3,45") happens once, here and in [`crate::score`], so every source is read alike.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::criteria::{Criteria, ItemId};
use crate::diag::Diagnostic;

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

/// Evidence (data dukung) for an item: a description and/or a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub text: Option<String>,
    pub link: Option<String>,
}

/// What a source holds for one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemAnswer {
    /// The answer cell of a choice or index item (None for ratio items).
    pub answer: Option<Cell>,
    /// Count inputs of a ratio item, aligned with the item's `inputs` (None: row not found).
    pub inputs: Vec<Option<Cell>>,
    pub note: Option<String>,
    pub evidence: Vec<Evidence>,
    /// Where the item's row is (for "not answered" messages).
    pub location: Location,
    /// Set when this answer was left blank in its layer and taken from an earlier layer.
    pub inherited_from: Option<crate::layers::Layer>,
}

impl ItemAnswer {
    /// True when nothing was filled in: no answer, no count.
    pub fn is_blank(&self) -> bool {
        self.answer.as_ref().is_none_or(|c| c.value.is_blank())
            && self
                .inputs
                .iter()
                .all(|c| c.as_ref().is_none_or(|c| c.value.is_blank()))
    }
}

/// Facts about the unit that a source may state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitInfo {
    pub name: Option<String>,
    pub instansi: Option<String>,
    pub year: Option<i32>,
    /// The predicate the source says the unit already holds ("Menuju WBK"), as written.
    pub prior_predicate: Option<String>,
    /// Where these facts came from.
    pub origin: Option<UnitOrigin>,
}

/// Where the unit facts were found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitOrigin {
    /// A sheet of unit details (zona's template writes one).
    Sheet(String),
    /// The title rows above the LKE header ("Unit Kerja: …").
    Title,
    /// The answer document (PortalRB JSON `nama_unit`, `tahun`).
    Document,
    /// Nothing in the workbook: guessed from the file name.
    FileName,
}

impl UnitOrigin {
    pub fn label(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang;
        match (self, lang) {
            (UnitOrigin::Sheet(s), Lang::Id) => format!("lembar \"{s}\""),
            (UnitOrigin::Sheet(s), Lang::En) => format!("sheet \"{s}\""),
            (UnitOrigin::Title, Lang::Id) => "judul lembar LKE".into(),
            (UnitOrigin::Title, Lang::En) => "LKE sheet title".into(),
            (UnitOrigin::Document, Lang::Id) => "dokumen jawaban".into(),
            (UnitOrigin::Document, Lang::En) => "answer document".into(),
            (UnitOrigin::FileName, Lang::Id) => "nama berkas".into(),
            (UnitOrigin::FileName, Lang::En) => "file name".into(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            UnitOrigin::Sheet(_) => "sheet",
            UnitOrigin::Title => "title",
            UnitOrigin::Document => "document",
            UnitOrigin::FileName => "file_name",
        }
    }
}

/// All answers of one source for one criteria set (aligned with [`Criteria::items`]).
#[derive(Debug, Clone, Default)]
pub struct AnswerSet {
    pub source: Option<Arc<str>>,
    pub unit: UnitInfo,
    pub items: Vec<Option<ItemAnswer>>,
    /// Where each node's row is in the source, when the source has rows (aligned with
    /// [`Criteria::nodes`]; may be empty).
    pub nodes: Vec<Option<Location>>,
    /// Problems found while reading (item not found, formula without value …).
    pub diagnostics: Vec<Diagnostic>,
}

impl AnswerSet {
    /// An empty answer set for the criteria (every item unanswered).
    pub fn empty(criteria: &Criteria) -> Self {
        AnswerSet {
            items: vec![None; criteria.items.len()],
            nodes: vec![None; criteria.nodes.len()],
            ..Default::default()
        }
    }

    pub fn get(&self, id: ItemId) -> Option<&ItemAnswer> {
        self.items.get(id.0).and_then(|a| a.as_ref())
    }

    pub fn set(&mut self, id: ItemId, answer: ItemAnswer) {
        if self.items.len() <= id.0 {
            self.items.resize(id.0 + 1, None);
        }
        self.items[id.0] = Some(answer);
    }
}

/// Normalises an option code or an answer for comparison: " ya" → "YA", "a." → "A", "(b)" → "B".
pub fn normalize_code(s: &str) -> String {
    let t = s
        .trim()
        .trim_matches(|c: char| matches!(c, '.' | ')' | '(' | ' ' | '\u{a0}'));
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Parses a decimal that may be written with a comma ("3,45") or as text. Returns None if it is
/// not a number.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let t = text.trim().replace('\u{a0}', "");
    if t.is_empty() {
        return None;
    }
    // "3,45" → 3.45; "1.234,5" is not a plausible answer here, so commas are decimal separators
    // only when no dot is present.
    let t = if t.contains(',') && !t.contains('.') {
        t.replace(',', ".")
    } else {
        t
    };
    let v: f64 = t.parse().ok()?;
    v.is_finite().then_some(v)
}

impl UnitInfo {
    /// What the unit's own statement of its predicate ("Menuju WBK", "belum ada") says about
    /// holding each predicate of the criteria, by key. Holding a predicate implies holding those
    /// its `prior` conditions require (a Menuju WBBM unit holds Menuju WBK).
    pub fn stated_predicates(&self, criteria: &Criteria) -> HashMap<String, bool> {
        let mut out = HashMap::new();
        let Some(text) = &self.prior_predicate else {
            return out;
        };
        let t = text.trim().to_lowercase();
        let none = t.is_empty()
            || t == "-"
            || t.starts_with("belum")
            || t.starts_with("tidak")
            || t.starts_with("none")
            || t.starts_with("no ");
        if none {
            for p in &criteria.predicates {
                out.insert(p.key.clone(), false);
            }
            return out;
        }
        // The most demanding predicate the text names (names like "Menuju WBK" are contained in
        // none of the others, so the longest match wins).
        let named = criteria
            .predicates
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                t.contains(&p.name.to_lowercase()) || t.split_whitespace().any(|w| w == p.key)
            })
            .max_by_key(|(_, p)| p.name.len());
        let Some((first, _)) = named else {
            return out;
        };
        let mut stack = vec![first];
        while let Some(i) = stack.pop() {
            if out
                .insert(criteria.predicates[i].key.clone(), true)
                .is_none()
            {
                for c in &criteria.predicates[i].conditions {
                    if let crate::criteria::ConditionKind::Prior { predicate } = c.kind {
                        stack.push(predicate);
                    }
                }
            }
        }
        out
    }
}
