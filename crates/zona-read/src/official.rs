//! Reading the official LKE ZI layout (PermenPANRB 90/2021 Lampiran III) as units really fill it.
//!
//! Real copies differ from the regulation's table: rows inserted or deleted, the sheet renamed, a
//! title row more, lowercase answers, numbers typed as text, formulas with cached values. So nothing
//! here relies on fixed rows:
//!
//! 1. The sheet is the one named like `LKE ZI`, else the first whose header row has `Bobot` and
//!    `Jawaban`; columns are found by their header text.
//! 2. Every row below the header gets a label: the text of its hierarchy columns (between
//!    `Penilaian` and `Bobot`) without the numbering markers (`A.`, `ii.`, `b.`, `-`).
//! 3. The criteria tree is matched top-down: the children of a node are looked for only among the
//!    rows between the node's row and its next sibling's, by text similarity (character bigrams),
//!    best match first. Two "MANAJEMEN PERUBAHAN" rows (pemenuhan and reform) therefore never mix,
//!    and a reworded or misspelt item still matches its row.
//! 4. A ratio item's count inputs are matched the same way among the rows under the item.
//!
//! Items that cannot be found are reported (file, sheet) and count as unanswered.

use std::sync::Arc;

use calamine::{Data, Range};
use zona_core::answer::{Cell, Evidence, ItemAnswer, Location, RawValue};
use zona_core::answers::evidence::read_entries;
use zona_core::criteria::{AnswerKind, Criteria, ItemId, NodeId};
use zona_core::diag::{DiagKind, Diagnostic, Severity};
use zona_core::{AnswerSet, Layer, LayeredAnswers};

use crate::book::Hidden;
use crate::cells::{cell_name, col_name, data_text, data_to_raw};
use crate::similarity::{Fingerprint, MATCH_THRESHOLD};

/// Where the columns of the official layout are.
#[derive(Debug, Clone)]
pub struct Layout {
    pub header_row: u32,
    pub text_start: u32,
    pub bobot: u32,
    pub pilihan: Option<u32>,
    pub jawaban: u32,
    pub catatan: Option<u32>,
    pub evidence: Vec<u32>,
    /// Answer columns of later layers (TPI, TPN), found by their header.
    pub layers: Vec<LayerColumns>,
    /// Other unit answer columns (a second `Jawaban` header): not read, and said so.
    pub other_answers: Vec<u32>,
}

/// Where a later layer's answers and notes are.
#[derive(Debug, Clone)]
pub struct LayerColumns {
    pub layer: Layer,
    pub answer: u32,
    pub note: Option<u32>,
}

/// The layer a header names: "Jawaban TPI", "Catatan Penilai Nasional" …
fn header_layer(h: &str) -> Option<Layer> {
    if h.contains("tpi") || h.contains("internal") {
        Some(Layer::Tpi)
    } else if h.contains("tpn") || h.contains("nasional") {
        Some(Layer::Tpn)
    } else {
        None
    }
}

fn norm_header(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a header names the unit's own answers ("Unit", "Penilaian Mandiri"), as a
/// sub-header under "Jawaban" names whose column it is.
fn names_unit(h: &str) -> bool {
    [
        "unit",
        "mandiri",
        "sendiri",
        "satker",
        "satuan kerja",
        "self",
    ]
    .iter()
    .any(|w| h.contains(w))
}

/// A header over two rows: "Jawaban" merged over two columns, and under it "TPI" and "Unit" (or
/// "Unit", "TPI", "TPN"). Each column gets the header above it (or, right of it, the one the merge
/// spreads) with its sub-header: "jawaban tpi", "jawaban unit". Only sub-headers that name whose
/// column it is count, so that a first row of answers is never taken for one.
fn split_headers(range: &Range<Data>, r: u32, c1: u32, cols: &mut Vec<(u32, String)>) {
    let sub = |c: u32| match range.get_value((r + 1, c)) {
        Some(Data::String(s)) => {
            let h = norm_header(s);
            (header_layer(&h).is_some() || names_unit(&h)).then_some(h)
        }
        _ => None,
    };
    let mut split: Vec<(u32, String)> = Vec::new();
    for (i, (c, h)) in cols.iter().enumerate() {
        let next = cols.get(i + 1).map_or(c1, |(n, _)| n.saturating_sub(1));
        if sub(*c).is_none() {
            continue;
        }
        for k in *c..=next {
            match sub(k) {
                Some(s) => split.push((k, format!("{h} {s}"))),
                None => break,
            }
        }
    }
    for (c, h) in split {
        match cols.iter_mut().find(|(x, _)| *x == c) {
            Some(slot) => slot.1 = h,
            None => cols.push((c, h)),
        }
    }
    cols.sort_by_key(|(c, _)| *c);
}

/// Finds the header row (Bobot … Jawaban) in the first 40 rows of a sheet. Of two unit answer
/// columns, the first one the sheet shows is read (what an evaluator sees).
pub(crate) fn detect_layout(range: &Range<Data>, hidden: &Hidden) -> Option<Layout> {
    let (r0, c0) = range.start()?;
    let (r1, c1) = range.end()?;
    for r in r0..=r1.min(r0.saturating_add(39)) {
        let mut cols: Vec<(u32, String)> = Vec::new();
        for c in c0..=c1 {
            if let Some(Data::String(s)) = range.get_value((r, c)) {
                let h = norm_header(s);
                if !h.is_empty() {
                    cols.push((c, h));
                }
            }
        }
        split_headers(range, r, c1, &mut cols);
        let find =
            |pred: &dyn Fn(&str) -> bool| cols.iter().find(|(_, h)| pred(h)).map(|(c, _)| *c);
        let is_answer = |h: &str| h.starts_with("jawaban") && !h.contains("pilihan");
        let unit_answers: Vec<u32> = cols
            .iter()
            .filter(|(_, h)| is_answer(h) && header_layer(h).is_none())
            .map(|(c, _)| *c)
            .collect();
        let jawaban = unit_answers
            .iter()
            .find(|c| !hidden.col(**c))
            .or(unit_answers.first())
            .copied();
        let (Some(bobot), Some(jawaban)) = (find(&|h| h.starts_with("bobot")), jawaban) else {
            continue;
        };
        let other_answers = unit_answers.into_iter().filter(|c| *c != jawaban).collect();
        let mut layers: Vec<LayerColumns> = Vec::new();
        for layer in [Layer::Tpi, Layer::Tpn] {
            if let Some(answer) = find(&|h| is_answer(h) && header_layer(h) == Some(layer)) {
                let note = find(&|h| h.starts_with("catatan") && header_layer(h) == Some(layer));
                layers.push(LayerColumns {
                    layer,
                    answer,
                    note,
                });
            }
        }
        let text_start =
            find(&|h| h == "penilaian" || h.starts_with("komponen") || h.starts_with("indikator"))
                .unwrap_or(c0);
        let pilihan = find(&|h| h.starts_with("pilihan"));
        let catatan = find(&|h| {
            (h.starts_with("catatan") || h.starts_with("keterangan")) && header_layer(h).is_none()
        });
        let mut evidence: Vec<u32> = cols
            .iter()
            .filter(|(_, h)| {
                h.contains("data dukung")
                    || h.contains("bukti")
                    || h.contains("link")
                    || h.contains("tautan")
            })
            .map(|(c, _)| *c)
            .collect();
        if evidence.is_empty() {
            // The Lampiran III copies put the data dukung list and the link, unlabelled, right
            // after the catatan column.
            if let Some(cat) = catatan {
                evidence = (cat.saturating_add(1)..=cat.saturating_add(2).min(c1)).collect();
            }
        }
        // A column that holds a later layer is never evidence.
        evidence.retain(|c| !layers.iter().any(|l| l.answer == *c || l.note == Some(*c)));
        return Some(Layout {
            header_row: r,
            text_start,
            bobot,
            pilihan,
            jawaban,
            catatan,
            evidence,
            layers,
            other_answers,
        });
    }
    None
}

/// Whether some row that states an answer type ("Pilihan Jawaban") has a blank answer cell (or the
/// layout has no such column, so it cannot tell).
pub fn has_blank_answers(range: &Range<Data>, layout: &Layout) -> bool {
    let Some(pilihan) = layout.pilihan else {
        return true;
    };
    let end = range.end().map_or(0, |e| e.0);
    let filled = |r: u32, c: u32| {
        range
            .get_value((r, c))
            .is_some_and(|d| !matches!(d, Data::Empty))
    };
    // A ratio row ("%") holds no answer of its own: its counts are on the rows below.
    let answer_row = |r: u32| match range.get_value((r, pilihan)) {
        Some(Data::String(s)) => s.trim() != "%",
        Some(Data::Empty) | None => false,
        Some(_) => true,
    };
    ((layout.header_row + 1)..=end).any(|r| {
        answer_row(r)
            && (!filled(r, layout.jawaban) || layout.layers.iter().any(|l| !filled(r, l.answer)))
    })
}

/// A row of the LKE with its label.
struct Row {
    row: u32,
    fp: Fingerprint,
    /// Hidden in the workbook: matched only where no shown row matches.
    hidden: bool,
}

/// Numbering, not text: `A.`, `II.`, `1.`, `iv.`, `b`, `(c)`, `-`. Short labels such as "IPAK" or
/// "SPBE" are text.
fn is_marker(s: &str) -> bool {
    let t = s
        .trim()
        .trim_end_matches(['.', ')'])
        .trim_start_matches('(');
    let roman = !t.is_empty()
        && t.chars().count() <= 5
        && t.chars()
            .all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x'));
    let letter = t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_alphabetic());
    let number = !t.is_empty() && t.chars().count() <= 3 && t.chars().all(|c| c.is_ascii_digit());
    t.is_empty() || matches!(t, "-" | "–" | "—" | "•") || roman || letter || number
}

/// Summary rows ("TOTAL PENGUNGKIT", "NILAI EVALUASI ZONA INTEGRITAS") repeat a node's name but
/// are not the node: they are never matched.
fn is_summary_row(label: &str) -> bool {
    let l = label.trim_start().as_bytes();
    ["total ", "nilai evaluasi", "jumlah nilai"]
        .iter()
        .any(|p| l.len() >= p.len() && l[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

fn collect_rows(range: &Range<Data>, layout: &Layout, hidden: &Hidden) -> Vec<Row> {
    let Some((_, c1)) = range.end() else {
        return Vec::new();
    };
    let r1 = range.end().map_or(0, |e| e.0);
    let mut rows = Vec::new();
    let mut label = String::new();
    for r in (layout.header_row + 1)..=r1 {
        label.clear();
        for c in layout.text_start..layout.bobot.min(c1 + 1) {
            // Hierarchy text is text; a number there is numbering.
            let Some(Data::String(t)) = range.get_value((r, c)) else {
                continue;
            };
            let t = t.trim().trim_start_matches(['-', '–']).trim();
            if !t.is_empty() && !is_marker(t) {
                if !label.is_empty() {
                    label.push(' ');
                }
                label.push_str(t);
            }
        }
        if label.is_empty() || is_summary_row(&label) {
            continue;
        }
        rows.push(Row {
            row: r,
            fp: Fingerprint::new(&label),
            hidden: hidden.row(r),
        });
    }
    rows
}

/// Something to look for among rows: a node or an item.
#[derive(Clone, Copy)]
enum Target {
    Node(NodeId),
    Item(ItemId),
}

/// How many (criteria text, row) pairs one sheet may compare for similarity. A real LKE compares
/// none to a few thousand (the imigrasi sample with every text misspelt: 2,392); a sheet of 200,000
/// text rows compared hundreds of millions (22 s, and a batch waited). Past the budget only
/// identical texts are matched, and the sheet gets a `too_many_rows` warning.
const FUZZY_PAIRS: usize = 1_000_000;

/// What is left of [`FUZZY_PAIRS`] for a sheet, and whether some comparison was refused.
struct FuzzyBudget {
    left: usize,
    stopped: bool,
}

impl FuzzyBudget {
    fn new() -> Self {
        FuzzyBudget {
            left: FUZZY_PAIRS,
            stopped: false,
        }
    }

    /// Takes `pairs` comparisons from the budget, or refuses them all.
    fn take(&mut self, pairs: usize) -> bool {
        if pairs > self.left {
            self.stopped = true;
            false
        } else {
            self.left -= pairs;
            true
        }
    }
}

/// Assigns targets to rows (indices into `rows[range]`), best similarity first.
/// Rows already matched (`claimed`) are skipped. Identical texts are always matched; similar
/// ones only within `budget`.
fn assign(
    targets: &[&Fingerprint],
    rows: &[Row],
    range: std::ops::Range<usize>,
    claimed: &[bool],
    budget: &mut FuzzyBudget,
) -> Vec<Option<usize>> {
    let mut out = vec![None; targets.len()];
    let mut used = vec![false; rows.len()];
    // Identical texts first (similarity 1, the best any pair can score), in order: most rows of
    // a real copy match exactly, and only what is left is compared pair by pair. A row the sheet
    // shows before a hidden one (a hidden copy of an item is not what an evaluator reads).
    for (t, fp) in targets.iter().enumerate() {
        let free = |i: &usize| !claimed[*i] && !used[*i] && rows[*i].fp.same_text(fp);
        if let Some(i) = range
            .clone()
            .find(|i| !rows[*i].hidden && free(i))
            .or_else(|| range.clone().find(|i| rows[*i].hidden && free(i)))
        {
            out[t] = Some(i);
            used[i] = true;
        }
    }
    let open_targets = out.iter().filter(|o| o.is_none()).count();
    let open_rows = range.clone().filter(|i| !claimed[*i] && !used[*i]).count();
    if open_targets == 0 || !budget.take(open_targets.saturating_mul(open_rows)) {
        return out;
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (t, fp) in targets
        .iter()
        .enumerate()
        .filter(|(t, _)| out[*t].is_none())
    {
        for i in range.clone().filter(|i| !claimed[*i] && !used[*i]) {
            let s = fp.similarity(&rows[i].fp);
            if s >= MATCH_THRESHOLD {
                pairs.push((s, i, t));
            }
        }
    }
    // The most similar first; of equally similar rows, a shown one before a hidden one (a less
    // similar shown row is not preferred: it may be another text).
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(rows[a.1].hidden.cmp(&rows[b.1].hidden))
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    for (_, i, t) in pairs {
        if out[t].is_none() && !used[i] {
            out[t] = Some(i);
            used[i] = true;
        }
    }
    out
}

/// Given matched row indices of siblings, the range of each (from its row to the next matched
/// sibling's row, or the end of the parent's range).
fn child_ranges(matched: &[Option<usize>], end: usize) -> Vec<Option<std::ops::Range<usize>>> {
    let mut starts: Vec<usize> = matched.iter().flatten().copied().collect();
    starts.sort_unstable();
    matched
        .iter()
        .map(|m| {
            m.map(|i| {
                let next = starts.iter().find(|s| **s > i).copied().unwrap_or(end);
                (i + 1)..next
            })
        })
        .collect()
}

pub(crate) struct SheetData<'a> {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    pub values: &'a Range<Data>,
    pub formulas: Option<&'a Range<String>>,
    /// Merged cell ranges of the sheet.
    pub merged: &'a [calamine::Dimensions],
    /// Rows and columns the sheet hides.
    pub hidden: &'a Hidden,
    /// Cells whose formula only refers to one other cell: (cell, referenced cell), ascending.
    pub references: &'a [crate::xlsx::Reference],
    /// Numbers their format shows otherwise (0.93 as "93%"), ascending.
    pub shown: &'a [((u32, u32), crate::xlsx::ShownAs)],
}

impl SheetData<'_> {
    fn loc(&self, row: u32, col: u32) -> Location {
        Location::cell(&self.file, &self.sheet, cell_name(row, col))
    }

    fn cell(&self, row: u32, col: u32) -> Cell {
        let value = match self.values.get_value((row, col)) {
            Some(d) if !matches!(d, Data::Empty) => data_to_raw(d),
            _ => match self.formulas.and_then(|f| f.get_value((row, col))) {
                // An ods formula keeps its namespace (`of:=[.S16]`): shown as a user types it.
                Some(f) if !f.is_empty() => {
                    RawValue::FormulaWithoutValue(f.strip_prefix("of:=").unwrap_or(f).to_string())
                }
                _ => RawValue::Empty,
            },
        };
        Cell::new(value, self.loc(row, col))
    }

    /// An answer cell as an evaluator sees it: inside a merged range but not its top-left cell,
    /// it shows the merge's value, not its own. A value of its own there is not scored (no one
    /// sees it: `merged_answer`, an error); a blank one is explained (a warning).
    fn answer_cell(
        &self,
        row: u32,
        col: u32,
        item: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Cell {
        let mut cell = self.cell(row, col);
        // A number shown otherwise than it is: scored as it is, and said.
        if let Ok(at) = self.shown.binary_search_by(|(p, _)| p.cmp(&(row, col))) {
            if let RawValue::Number(value) = cell.value {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        DiagKind::NumberShownOtherwise {
                            percent: self.shown[at].1 == crate::xlsx::ShownAs::Percent,
                            value,
                        },
                    )
                    .at(&self.loc(row, col))
                    .item(item),
                );
            }
        }
        let Some(m) = self
            .merged
            .iter()
            .find(|m| m.start != (row, col) && m.contains(row, col))
        else {
            return cell;
        };
        let hidden = match std::mem::replace(&mut cell.value, RawValue::Empty) {
            RawValue::Empty => None,
            v => Some(v.display()),
        };
        let severity = if hidden.is_some() {
            Severity::Error
        } else {
            Severity::Warning
        };
        diagnostics.push(
            Diagnostic::new(
                severity,
                DiagKind::MergedAnswer {
                    range: format!(
                        "{}:{}",
                        cell_name(m.start.0, m.start.1),
                        cell_name(m.end.0, m.end.1)
                    ),
                    hidden,
                },
            )
            .at(&self.loc(row, col))
            .item(item),
        );
        cell
    }

    fn text(&self, row: u32, col: u32) -> Option<String> {
        self.values
            .get_value((row, col))
            .and_then(data_text)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    /// A note cell's text; a note cell holding a formula without a cached value is empty, and
    /// said so in `diagnostics` (info, with the cell).
    fn note(
        &self,
        row: u32,
        col: Option<u32>,
        item: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let col = col?;
        let text = self.text(row, col);
        if text.is_none() {
            if let RawValue::FormulaWithoutValue(formula) = self.cell(row, col).value {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Info,
                        DiagKind::NoteFormulaWithoutValue { formula },
                    )
                    .at(&self.loc(row, col))
                    .item(item),
                );
            }
        }
        text
    }

    fn number(&self, row: u32, col: u32) -> Option<f64> {
        match self.values.get_value((row, col))? {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            Data::String(s) => zona_core::answer::parse_decimal(s),
            _ => None,
        }
    }
}

/// Whether a formula's cached value is what its referenced cell holds: the same text, the same
/// number (to rounding), or nothing and a zero or empty text (`=S9` of an empty S9 shows 0).
fn same_value(cached: Option<&Data>, current: Option<&Data>) -> bool {
    let number = |d: &Data| match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    };
    let empty = |d: Option<&Data>| match d {
        None | Some(Data::Empty) => true,
        Some(Data::String(s)) => s.is_empty(),
        _ => false,
    };
    match (cached, current) {
        (a, b) if empty(a) && empty(b) => true,
        (Some(a), b) if empty(b) => number(a) == Some(0.0),
        (Some(a), Some(b)) => match (number(a), number(b)) {
            (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
            _ => a == b,
        },
        _ => false,
    }
}

/// Whether two answer-type labels are the same, ignoring case and spaces ("Nilai\n(0-4)").
fn same_type(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<Vec<char>>()
    };
    norm(a) == norm(b)
}

/// Fingerprints of every criteria text the reader looks for (node names, item texts, count-input
/// labels), computed once per criteria and reused for every workbook read against it.
pub struct CriteriaIndex {
    nodes: Vec<Fingerprint>,
    items: Vec<Fingerprint>,
    inputs: Vec<Vec<Fingerprint>>,
}

impl CriteriaIndex {
    pub fn new(criteria: &Criteria) -> Self {
        CriteriaIndex {
            nodes: criteria
                .nodes
                .iter()
                .map(|n| Fingerprint::new(&n.name))
                .collect(),
            items: criteria
                .items
                .iter()
                .map(|i| Fingerprint::new(&i.text))
                .collect(),
            inputs: criteria
                .items
                .iter()
                .map(|i| match &i.answer {
                    AnswerKind::Ratio(r) => r
                        .inputs
                        .iter()
                        .map(|inp| Fingerprint::new(&inp.label))
                        .collect(),
                    _ => Vec::new(),
                })
                .collect(),
        }
    }
}

/// Reads every answer layer of an official-layout sheet (the unit's, and TPI/TPN where the sheet
/// has their columns). Layers are returned as read, without inheritance.
pub(crate) fn read_sheet(
    sheet: &SheetData,
    layout: &Layout,
    criteria: &Criteria,
    index: &CriteriaIndex,
) -> LayeredAnswers {
    let rows = collect_rows(sheet.values, layout, sheet.hidden);
    let mut set = AnswerSet::empty(criteria);
    set.source = Some(sheet.file.clone());
    let mut others: Vec<(Layer, AnswerSet)> = layout
        .layers
        .iter()
        .map(|l| {
            let mut s = AnswerSet::empty(criteria);
            s.source = Some(sheet.file.clone());
            (l.layer, s)
        })
        .collect();
    let mut reader = Matcher {
        sheet,
        layout,
        criteria,
        rows: &rows,
        set: &mut set,
        others: &mut others,
        claimed: vec![false; rows.len()],
        index,
        budget: FuzzyBudget::new(),
        read_rows: Vec::new(),
    };
    let roots: Vec<Target> = criteria.roots.iter().map(|r| Target::Node(*r)).collect();
    reader.match_level(&roots, 0..rows.len());
    reader.duplicate_rows();
    let stopped = reader.budget.stopped;
    // Answer columns an evaluator does not see, or does not know to be the ones read: said
    // first, as they explain what follows.
    let header = |col: u32| sheet.loc(layout.header_row, col);
    let mut columns = Vec::new();
    if sheet.hidden.col(layout.jawaban) {
        columns.push(
            Diagnostic::new(Severity::Warning, DiagKind::AnswerInHiddenColumn)
                .at(&header(layout.jawaban)),
        );
    }
    for &other in &layout.other_answers {
        columns.push(
            Diagnostic::new(
                Severity::Warning,
                DiagKind::OtherAnswerColumn {
                    read: col_name(layout.jawaban),
                    other: col_name(other),
                    hidden: sheet.hidden.col(other),
                },
            )
            .at(&header(other)),
        );
    }
    set.diagnostics.splice(0..0, columns);
    if stopped {
        // First: it explains the items not found that follow.
        set.diagnostics.insert(
            0,
            Diagnostic::new(
                Severity::Warning,
                DiagKind::TooManyRows { rows: rows.len() },
            )
            .at(&Location {
                file: Some(sheet.file.clone()),
                sheet: Some(sheet.sheet.clone()),
                cell: None,
            }),
        );
    }
    for (_, s) in &mut others {
        s.nodes = set.nodes.clone();
    }
    let mut layers = vec![(Layer::Unit, set)];
    layers.extend(others);
    LayeredAnswers { layers }
}

struct Matcher<'a, 's> {
    sheet: &'a SheetData<'s>,
    layout: &'a Layout,
    criteria: &'a Criteria,
    rows: &'a [Row],
    set: &'a mut AnswerSet,
    /// Later layers (TPI, TPN) read from the same rows.
    others: &'a mut Vec<(Layer, AnswerSet)>,
    /// Rows already matched to a node, item or count input.
    claimed: Vec<bool>,
    index: &'a CriteriaIndex,
    budget: FuzzyBudget,
    /// The row each item was read from (index into `rows`).
    read_rows: Vec<(ItemId, usize)>,
}

impl Matcher<'_, '_> {
    fn match_level(&mut self, targets: &[Target], range: std::ops::Range<usize>) {
        let index = self.index;
        let fps: Vec<&Fingerprint> = targets
            .iter()
            .map(|t| match t {
                Target::Node(n) => &index.nodes[n.0],
                Target::Item(i) => &index.items[i.0],
            })
            .collect();
        let matched = assign(
            &fps,
            self.rows,
            range.clone(),
            &self.claimed,
            &mut self.budget,
        );
        for i in matched.iter().flatten() {
            self.claimed[*i] = true;
        }
        let ranges = child_ranges(&matched, range.end);
        let mut unmatched_nodes = Vec::new();
        for ((t, m), r) in targets.iter().zip(&matched).zip(ranges) {
            match (t, m, r) {
                (Target::Node(n), Some(i), Some(r)) => {
                    self.check_weight(*i, self.criteria.node(*n).weight);
                    if let Some(slot) = self.set.nodes.get_mut(n.0) {
                        *slot = Some(self.sheet.loc(self.rows[*i].row, self.layout.bobot));
                    }
                    let node = self.criteria.node(*n);
                    let children: Vec<Target> = if node.items.is_empty() {
                        node.children.iter().map(|c| Target::Node(*c)).collect()
                    } else {
                        node.items.iter().map(|c| Target::Item(*c)).collect()
                    };
                    self.match_level(&children, r);
                }
                (Target::Item(id), Some(i), Some(r)) => self.read_item(*id, *i, r),
                (Target::Node(n), _, _) => unmatched_nodes.push(*n),
                (Target::Item(id), _, _) => self.not_found(*id),
            }
        }
        // A node whose own row is missing or unrecognisable: look for its children among the
        // rows of the parent that nothing else claimed, so one bad heading loses nothing else.
        for n in unmatched_nodes {
            let node = self.criteria.node(n);
            let children: Vec<Target> = if node.items.is_empty() {
                node.children.iter().map(|c| Target::Node(*c)).collect()
            } else {
                node.items.iter().map(|c| Target::Item(*c)).collect()
            };
            self.match_level(&children, range.clone());
        }
    }

    fn check_weight(&mut self, row_index: usize, weight: f64) {
        let row = self.rows[row_index].row;
        if let Some(w) = self.sheet.number(row, self.layout.bobot) {
            if (w - weight).abs() > 1e-6 {
                self.set.diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        DiagKind::WeightDiffers {
                            workbook: w,
                            criteria: weight,
                        },
                    )
                    .at(&self.sheet.loc(row, self.layout.bobot)),
                );
            }
        }
    }

    fn not_found(&mut self, id: ItemId) {
        let item = self.criteria.item(id);
        // An item not found counts as unanswered: an error when that costs points.
        let severity = if self.criteria.item_max_points(id) > 0.0 {
            Severity::Error
        } else {
            Severity::Warning
        };
        self.set.diagnostics.push(
            Diagnostic::new(
                severity,
                DiagKind::ItemNotFound {
                    text: item.text.clone(),
                    sub_area: self.criteria.node(item.parent).name.clone(),
                    soal_id: None,
                },
            )
            .at(&Location {
                file: Some(self.sheet.file.clone()),
                sheet: Some(self.sheet.sheet.clone()),
                cell: None,
            })
            .item(&item.key),
        );
    }

    /// Rows no target claimed whose text is an item's that was read elsewhere (a copy, a hidden
    /// older row): their answers are not read, and each is said at the item.
    fn duplicate_rows(&mut self) {
        // Most rows are claimed: the few left are compared with each item's row.
        let unclaimed: Vec<usize> = (0..self.rows.len()).filter(|j| !self.claimed[*j]).collect();
        if unclaimed.is_empty() {
            return;
        }
        for &(id, i) in &self.read_rows {
            let read = &self.rows[i];
            for &j in &unclaimed {
                let other = &self.rows[j];
                if !other.fp.same_text(&read.fp) {
                    continue;
                }
                let cell = self.sheet.cell(other.row, self.layout.jawaban);
                let answer = match &cell.value {
                    RawValue::Empty => "—".to_string(),
                    v => v.display(),
                };
                self.set.diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        DiagKind::DuplicateItemRow {
                            other: cell_name(other.row, self.layout.jawaban),
                            answer,
                        },
                    )
                    .at(&self.sheet.loc(read.row, self.layout.jawaban))
                    .item(&self.criteria.item(id).key),
                );
            }
        }
    }

    /// Says so when the answer cell at (`row`, `col`) is a plain reference (`=S9`) whose cached
    /// value is not what the referenced cell holds.
    fn check_reference(&mut self, row: u32, col: u32, item: &str) {
        let Ok(at) = self
            .sheet
            .references
            .binary_search_by(|(cell, _)| cell.cmp(&(row, col)))
        else {
            return;
        };
        let target = self.sheet.references[at].1;
        let values = self.sheet.values;
        let cached = values.get_value((row, col));
        let current = values.get_value(target);
        if same_value(cached, current) {
            return;
        }
        let shown = |d: Option<&Data>| {
            d.and_then(data_text)
                .map_or("—".to_string(), |t| format!("\"{t}\""))
        };
        let target_name = cell_name(target.0, target.1);
        self.set.diagnostics.push(
            Diagnostic::new(
                Severity::Warning,
                DiagKind::FormulaStale {
                    formula: target_name.clone(),
                    cached: shown(cached),
                    target: target_name,
                    current: shown(current),
                },
            )
            .at(&self.sheet.loc(row, col))
            .item(item),
        );
    }

    fn read_item(&mut self, id: ItemId, row_index: usize, below: std::ops::Range<usize>) {
        let item = self.criteria.item(id);
        let row = self.rows[row_index].row;
        let l = self.layout;
        self.read_rows.push((id, row_index));
        if self.rows[row_index].hidden {
            self.set.diagnostics.push(
                Diagnostic::new(Severity::Warning, DiagKind::AnswerInHiddenRow)
                    .at(&self.sheet.loc(row, l.jawaban))
                    .item(&item.key),
            );
        }
        let mut answer = ItemAnswer {
            location: self.sheet.loc(row, l.jawaban),
            note: self
                .sheet
                .note(row, l.catatan, &item.key, &mut self.set.diagnostics),
            evidence: self.evidence(row),
            evidence_at: l.evidence.first().map(|c| self.sheet.loc(row, *c)),
            ..Default::default()
        };
        let mut input_rows: Vec<Option<u32>> = Vec::new();
        if let Some(w) = item.weight {
            self.check_weight(row_index, w);
        }
        if let Some(p) = l.pilihan.and_then(|c| self.sheet.text(row, c)) {
            let expected = self.criteria.answer_label(item);
            if !same_type(&p, expected) {
                self.set.diagnostics.push(
                    Diagnostic::new(
                        Severity::Info,
                        DiagKind::AnswerTypeDiffers {
                            workbook: p,
                            criteria: expected.to_string(),
                        },
                    )
                    .at(&self.sheet.loc(row, l.pilihan.unwrap_or(l.jawaban)))
                    .item(&item.key),
                );
            }
        }
        match &item.answer {
            AnswerKind::Ratio(ratio) => {
                let fps: Vec<&Fingerprint> = self.index.inputs[id.0].iter().collect();
                let matched = assign(&fps, self.rows, below, &self.claimed, &mut self.budget);
                for i in matched.iter().flatten() {
                    self.claimed[*i] = true;
                }
                input_rows = matched
                    .iter()
                    .map(|m| m.map(|i| self.rows[i].row))
                    .collect();
                for (inp, m) in ratio.inputs.iter().zip(&matched) {
                    match m {
                        Some(i) => {
                            let r = self.rows[*i].row;
                            answer.inputs.push(Some(self.sheet.answer_cell(
                                r,
                                l.jawaban,
                                &item.key,
                                &mut self.set.diagnostics,
                            )));
                            if answer.note.is_none() {
                                answer.note = self.sheet.note(
                                    r,
                                    l.catatan,
                                    &item.key,
                                    &mut self.set.diagnostics,
                                );
                            }
                            answer.evidence.extend(self.evidence(r));
                        }
                        None => {
                            answer.inputs.push(None);
                            // A summed input may be absent: it is computed from its parts.
                            if inp.sum_of.is_empty() {
                                self.set.diagnostics.push(
                                    Diagnostic::new(
                                        Severity::Warning,
                                        DiagKind::InputNotFound {
                                            input: inp.label.clone(),
                                        },
                                    )
                                    .at(&self.sheet.loc(row, l.jawaban))
                                    .item(&item.key),
                                );
                            }
                        }
                    }
                }
            }
            _ => {
                answer.answer = Some(self.sheet.answer_cell(
                    row,
                    l.jawaban,
                    &item.key,
                    &mut self.set.diagnostics,
                ));
            }
        }
        if !self.sheet.references.is_empty() {
            let answer_rows = std::iter::once(row).chain(input_rows.iter().flatten().copied());
            for r in answer_rows {
                self.check_reference(r, l.jawaban, &item.key);
            }
        }
        self.set.set(id, answer);
        for (cols, (_, set)) in l.layers.iter().zip(self.others.iter_mut()) {
            let is_ratio = matches!(item.answer, AnswerKind::Ratio(_));
            let sheet = &self.sheet;
            let mut cell = |r| sheet.answer_cell(r, cols.answer, &item.key, &mut set.diagnostics);
            let layer_answer = ItemAnswer {
                answer: (!is_ratio).then(|| cell(row)),
                inputs: input_rows.iter().map(|r| r.map(&mut cell)).collect(),
                note: self
                    .sheet
                    .note(row, cols.note, &item.key, &mut set.diagnostics),
                evidence: Vec::new(),
                evidence_at: None,
                location: self.sheet.loc(row, cols.answer),
                inherited_from: None,
            };
            set.set(id, layer_answer);
        }
    }

    /// The evidence entries of a row's data dukung cells; a cell cut at the entry bound is said
    /// in the reading diagnostics.
    fn evidence(&mut self, row: u32) -> Vec<Evidence> {
        let mut out = Vec::new();
        for &c in &self.layout.evidence {
            if let Some(t) = self.sheet.text(row, c) {
                let (entries, cut) = read_entries(&t, &self.sheet.loc(row, c));
                out.extend(entries);
                self.set.diagnostics.extend(cut);
            }
        }
        out
    }
}

/// Column letters, re-exported for messages about layouts.
pub fn column_letters(col: u32) -> String {
    col_name(col)
}
