//! Answers as an adapter delivers them: raw cell values with the place they came from.
//!
//! Adapters (the workbook reader, later a JSON reader) do not interpret answers; they hand over what
//! the cell holds ([`RawValue`](super::cell::RawValue)) and where it is ([`Location`]). Interpretation (forgiving parsing of
//! "a.", " ya", "3,45") happens once, here and in [`crate::scoring`], so every source is read alike.

use std::collections::HashMap;
use std::sync::Arc;

use super::cell::{Cell, Location};
use super::diag::Diagnostic;
use crate::criteria::{Criteria, ItemId};
use crate::lang::Lang;

pub use super::evidence::{Evidence, EvidenceKind};

/// Who gave the answers, in the order the evaluation runs: the layers of one source
/// ([`crate::answers::layers`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// The unit's self-assessment.
    Unit,
    /// Tim Penilai Internal.
    Tpi,
    /// Tim Penilai Nasional.
    Tpn,
}

impl Layer {
    pub const ALL: [Layer; 3] = [Layer::Unit, Layer::Tpi, Layer::Tpn];

    /// The short name, the same in both languages: `Unit`, `TPI`, `TPN`.
    pub fn short_name(self) -> &'static str {
        match self {
            Layer::Unit => "Unit",
            Layer::Tpi => "TPI",
            Layer::Tpn => "TPN",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Layer::Unit => "unit",
            Layer::Tpi => "tpi",
            Layer::Tpn => "tpn",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Layer::Unit, Lang::Id) => "Unit (penilaian mandiri)",
            (Layer::Unit, Lang::En) => "Unit (self-assessment)",
            (Layer::Tpi, Lang::Id) => "TPI (penilai internal)",
            (Layer::Tpi, Lang::En) => "TPI (internal evaluator)",
            (Layer::Tpn, Lang::Id) => "TPN (penilai nasional)",
            (Layer::Tpn, Lang::En) => "TPN (national evaluator)",
        }
    }
}

/// What a source holds for one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemAnswer {
    /// The answer cell of a choice or index item (None for ratio items).
    pub answer: Option<Cell>,
    /// Count inputs of a ratio item, aligned with the item's `inputs` (None: row not found).
    pub inputs: Vec<Option<Cell>>,
    pub note: Option<String>,
    /// The item's evidence entries (data dukung), in the order the source gives them.
    pub evidence: Vec<Evidence>,
    /// Where the item's evidence belongs (the first data dukung cell of its row), for "no
    /// evidence" messages; None when the source has no place for evidence.
    pub evidence_at: Option<Location>,
    /// Where the item's row is (for "not answered" messages).
    pub location: Location,
    /// Set when this answer was left blank in its layer and taken from an earlier layer.
    pub inherited_from: Option<Layer>,
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
    /// The year the predicate held was awarded ("Tahun diperoleh: 2023"), when the source states
    /// it.
    pub awarded_year: Option<i32>,
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
    pub fn label(&self, lang: Lang) -> String {
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
    /// How the source writes numbers as text (a PortalRB document: with a decimal point).
    pub number_form: crate::scoring::item::NumberForm,
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

/// How a count written as text reads ([`parse_count_text`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CountText {
    /// A number in one reading only: plain digits ("2000", "-3", "7,0"), or the Indonesian
    /// forms with a dot between thousands ("2.000", "1.250.000", "2.000,00").
    Number(f64),
    /// Separators that read two ways for a count: "1,500" (1.5 with a decimal comma, 1500 with a
    /// thousands comma), "2.5" (a decimal point; in Indonesian a dot groups thousands),
    /// "1,5", "1.250,5", "1,250,000".
    Ambiguous,
    /// Not a number at all.
    NotANumber,
}

/// Reads a count (a whole number of documents, people, cases) written as text, the way an
/// Indonesian reader would: a dot groups thousands, a comma starts decimals that must be zero. A
/// form that could mean two numbers is [`CountText::Ambiguous`], never guessed.
pub fn parse_count_text(text: &str) -> CountText {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\u{a0}' | '\u{202f}' | ' '))
        .collect();
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.as_str()),
    };
    if body.is_empty() {
        return CountText::NotANumber;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    // A comma part: zeros only ("2.000,00") keep the number whole; other digits are ambiguous
    // ("1,5": 1.5 or, read the English way, nothing sensible; "1,500": 1.5 or 1500).
    if let Some(f) = frac {
        if !digits(f) || f.contains(',') {
            return if body
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
            {
                CountText::Ambiguous
            } else {
                CountText::NotANumber
            };
        }
        if f.bytes().any(|b| b != b'0') {
            return if digits(int) || grouped(int) {
                CountText::Ambiguous
            } else {
                CountText::NotANumber
            };
        }
    }
    let value = if digits(int) {
        int.parse::<f64>().ok()
    } else if grouped(int) {
        int.replace('.', "").parse::<f64>().ok()
    } else if int.bytes().all(|b| b.is_ascii_digit() || b == b'.') && int.contains('.') {
        // "2.5", "2.50", "12.34.5": a dot that is not a thousands separator.
        return CountText::Ambiguous;
    } else {
        None
    };
    match value {
        Some(v) if v.is_finite() => CountText::Number(if neg { -v } else { v }),
        _ => CountText::NotANumber,
    }
}

/// "2.000", "1.250.000": one to three digits, then groups of a dot and three digits.
pub(crate) fn grouped(s: &str) -> bool {
    let mut parts = s.split('.');
    let Some(first) = parts.next() else {
        return false;
    };
    let mut n = 0;
    let ok_first = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
    let ok_rest = parts.all(|p| {
        n += 1;
        p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())
    });
    ok_first && ok_rest && n > 0
}

impl UnitInfo {
    /// What the unit's own statement of its predicate ("Menuju WBK", "belum ada") says about
    /// holding each predicate of the criteria, by key. Holding a predicate implies holding those
    /// its `prior` conditions require (a Menuju WBBM unit holds Menuju WBK).
    pub fn stated_predicates(&self, criteria: &Criteria) -> HashMap<String, bool> {
        let mut out = HashMap::new();
        match self.stated_predicate(criteria) {
            None => {}
            Some(None) => {
                for p in &criteria.predicates {
                    out.insert(p.key.clone(), false);
                }
            }
            Some(Some(first)) => out = criteria.held_with_priors(first),
        }
        out
    }

    /// The predicate the unit's statement names (index into [`Criteria::predicates`], the most
    /// demanding one it names): `Some(None)` when it says it holds none ("belum ada", "-"),
    /// `None` when it states nothing the criteria know.
    pub fn stated_predicate(&self, criteria: &Criteria) -> Option<Option<usize>> {
        let text = self.prior_predicate.as_ref()?;
        let t = text.trim().to_lowercase();
        // Words with the clause they are in: a negation denies only within its clause
        // ("Tidak ada catatan. Menuju WBK" holds WBK).
        let words: Vec<(usize, &str)> = t
            .split(['.', ',', ';', '(', ')', '/', '\n'])
            .enumerate()
            .flat_map(|(clause, c)| {
                c.split(|ch: char| !ch.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(move |w| (clause, w))
            })
            .collect();
        // Each predicate the text names, and whether every mention of it is negated ("Bukan
        // WBK", "Gagal WBK tahun 2024", "Menuju WBK, belum WBBM" names WBBM negated only).
        let mut named = false;
        let held = criteria
            .predicates
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                let name: Vec<String> = p
                    .name
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect();
                let key = p.key.to_lowercase();
                let mentions = mentions(&words, &name, &key);
                named |= !mentions.is_empty();
                mentions.iter().any(|&m| !negated(&words, m))
            })
            // The most demanding predicate named (names like "Menuju WBK" are contained in none
            // of the others, so the longest name wins).
            .max_by_key(|(_, p)| p.name.len())
            .map(|(i, _)| i);
        if held.is_some() {
            return Some(held);
        }
        let none = named
            || t.is_empty()
            || t == "-"
            || t.starts_with("belum")
            || t.starts_with("tidak")
            || t.starts_with("none")
            || t.starts_with("no ");
        none.then_some(None)
    }
}

/// Words that deny the predicate they come just before ("bukan WBK", "belum memperoleh WBBM").
const NEGATIONS: [&str; 14] = [
    "belum", "tidak", "bukan", "non", "gagal", "tanpa", "dicabut", "batal", "tak", "not", "no",
    "never", "failed", "without",
];

/// Words after a predicate that take it away ("Menuju WBK dicabut").
const NEGATIONS_AFTER: [&str; 4] = ["dicabut", "batal", "gagal", "revoked"];

/// Where `words` mention a predicate, as (first, last) word indices: its name as consecutive
/// words of one clause, or its key as a word outside such a name.
fn mentions(words: &[(usize, &str)], name: &[String], key: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = (0..words.len())
        .filter(|&i| {
            !name.is_empty()
                && words.len() >= i + name.len()
                && words[i..i + name.len()]
                    .iter()
                    .zip(name)
                    .all(|((clause, w), n)| *clause == words[i].0 && w == n)
        })
        .map(|i| (i, i + name.len() - 1))
        .collect();
    let keys: Vec<(usize, usize)> = (0..words.len())
        .filter(|&i| words[i].1 == key && !out.iter().any(|&(a, b)| (a..=b).contains(&i)))
        .map(|i| (i, i))
        .collect();
    out.extend(keys);
    out
}

/// Whether a mention is denied: a negation among the three words before it, or a word that takes
/// it away just after it, in its clause.
fn negated(words: &[(usize, &str)], (first, last): (usize, usize)) -> bool {
    let clause = words[first].0;
    let before = words[first.saturating_sub(3)..first]
        .iter()
        .any(|(c, w)| *c == clause && NEGATIONS.contains(w));
    let after = words
        .get(last + 1)
        .is_some_and(|(c, w)| *c == clause && NEGATIONS_AFTER.contains(w));
    before || after
}

impl Criteria {
    /// Holding predicate `held` (an index into [`Criteria::predicates`]): `held` and the
    /// predicates its `prior` conditions require (a Menuju WBBM unit holds Menuju WBK), by key,
    /// each true.
    pub fn held_with_priors(&self, held: usize) -> HashMap<String, bool> {
        let mut out = HashMap::new();
        let mut stack = vec![held];
        let mut seen = std::collections::HashSet::new();
        while let Some(i) = stack.pop() {
            if i < self.predicates.len() && seen.insert(i) {
                out.insert(self.predicates[i].key.clone(), true);
                stack.extend(self.predicates[i].priors());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stated_predicate_is_held_only_where_no_negation_denies_it() {
        let c = crate::default_criteria();
        let wbk = c.predicates.iter().position(|p| p.key == "wbk");
        let wbbm = c.predicates.iter().position(|p| p.key == "wbbm");
        let stated = |text: &str| {
            UnitInfo {
                prior_predicate: Some(text.to_string()),
                ..UnitInfo::default()
            }
            .stated_predicate(&c)
        };
        for (text, want) in [
            ("Menuju WBK", Some(wbk)),
            ("WBK", Some(wbk)),
            ("Menuju WBK (2023)", Some(wbk)),
            ("Menuju WBBM", Some(wbbm)),
            ("Menuju WBK, belum WBBM", Some(wbk)),
            ("Tidak ada catatan. Menuju WBK", Some(wbk)),
            ("Belum ada", Some(None)),
            ("-", Some(None)),
            ("Bukan WBK", Some(None)),
            ("Non WBK", Some(None)),
            ("Gagal WBK tahun 2024", Some(None)),
            ("belum memperoleh predikat Menuju WBK", Some(None)),
            ("Menuju WBK dicabut", Some(None)),
            ("Menuju WBK dicabut, tahun 2024", Some(None)),
            ("entah", None),
        ] {
            assert_eq!(stated(text), want, "{text}");
        }
    }

    #[test]
    fn counts_in_indonesian_number_forms() {
        use CountText::*;
        for (text, want) in [
            ("2000", Number(2000.0)),
            (" 7 ", Number(7.0)),
            ("2.000", Number(2000.0)),
            ("1.250.000", Number(1_250_000.0)),
            ("2.000,00", Number(2000.0)),
            ("5,0", Number(5.0)),
            ("-3", Number(-3.0)),
            ("2\u{a0}000", Number(2000.0)),
            ("2.5", Ambiguous),
            ("2.50", Ambiguous),
            ("1,5", Ambiguous),
            ("1,500", Ambiguous),
            ("1.250,5", Ambiguous),
            ("1,250,000", Ambiguous),
            ("12.34.5", Ambiguous),
            ("dua", NotANumber),
            ("", NotANumber),
            ("1e3", NotANumber),
        ] {
            assert_eq!(parse_count_text(text), want, "{text:?}");
        }
    }
}
