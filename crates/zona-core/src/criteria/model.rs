//! The criteria model: the LKE tree (nodes and items), answer scales, areas and predicates.
//!
//! A [`Criteria`] is built only by the loader ([`crate::criteria::load`]), which guarantees the
//! invariants the scoring relies on: every reference resolves, children's weights add up to their
//! parent's, a node has either child nodes or items, option values lie in 0–1, each [`Role`] is
//! given at most once, prior predicates form no cycle. Nodes and items live in arenas and refer to
//! each other by index ([`NodeId`], [`ItemId`]), in document order. The built-in sets are loaded
//! at build time and built at run time from code written then ([`crate::criteria::prebuilt`]): the
//! parts of a [`Criteria`] are `Serialize` for that, and only that module puts them together
//! (rebuilding the lookups).

use std::collections::HashMap;

use serde::Serialize;

use crate::lang::Lang;

/// Index of a node in [`Criteria::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct NodeId(pub usize);

/// Index of an item in [`Criteria::items`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ItemId(pub usize);

/// Index of an area in [`Criteria::areas`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct AreaId(pub usize);

/// Who wrote this criteria file and for which regulation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    pub id: String,
    pub name: String,
    pub regulation: String,
    pub version: String,
    /// Set when the file transcribes uncertain facts; zona warns whenever such criteria are used.
    pub provisional: bool,
    pub provisional_note: Option<String>,
    /// [`Meta::provisional_note`] in English (the Indonesian one where not given).
    pub provisional_note_en: Option<String>,
}

impl Meta {
    /// What is uncertain about provisional criteria, in `lang` (empty when not said).
    pub fn provisional_note(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Id => self.provisional_note.as_deref(),
            crate::Lang::En => self
                .provisional_note_en
                .as_deref()
                .or(self.provisional_note.as_deref()),
        }
        .unwrap_or("")
    }
}

/// An answer scale: choice options with values, or a survey index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    pub key: String,
    /// The scale as the official workbook names it ("Ya/Tidak"): what readers match.
    pub name: String,
    /// For English outputs ("Yes/No (Ya/Tidak)").
    pub name_en: Option<String>,
    pub kind: ScaleKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ScaleKind {
    Choice(Vec<ChoiceOption>),
    /// A survey index (IPAK, IPKP) in `0..=max`; the item value is `index / max`.
    Index {
        max: f64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceOption {
    pub code: String,
    pub value: f64,
}

/// Normalises an option code or an answer for comparison: " ya" → "YA", "a." → "A", "(b)" → "B".
///
/// Two codes of one scale may not normalise alike (the loader refuses it), and an answer matches
/// the option whose code normalises like it.
pub fn normalize_code(s: &str) -> String {
    let t = s
        .trim()
        .trim_matches(|c: char| matches!(c, '.' | ')' | '(' | ' ' | '\u{a0}'));
    // The words joined by one space, upper case (case maps char by char, so word by word is the
    // same); one allocation, no Unicode tables for ASCII words.
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_uppercase())));
        } else {
            out.push_str(&w.to_uppercase());
        }
    }
    out
}

/// A pengungkit area (Manajemen Perubahan …): the sum of the nodes that name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    pub key: String,
    pub name: String,
    pub name_en: Option<String>,
    pub weight: f64,
    /// The nodes (pemenuhan part, reform part) whose scores make up the area.
    pub parts: Vec<NodeId>,
}

/// The part a node plays in the regulation, declared in the criteria file (`role = "pengungkit"`),
/// so that outputs find Pengungkit, Hasil … whatever the nodes' keys are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Role {
    /// The enablers (Pengungkit, 60 points in 90/2021).
    Pengungkit,
    /// The fulfilment part of the enablers (Pemenuhan; 90/2021 only).
    Pemenuhan,
    /// The reform part of the enablers (Reform; 90/2021 only).
    Reform,
    /// The results (Hasil, 40 points).
    Hasil,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Pengungkit, Role::Pemenuhan, Role::Reform, Role::Hasil];

    /// The value of `role` in the criteria file, and the key in JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Role::Pengungkit => "pengungkit",
            Role::Pemenuhan => "pemenuhan",
            Role::Reform => "reform",
            Role::Hasil => "hasil",
        }
    }

    /// The role a criteria file names (`"pengungkit"` …); None when unknown.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// How a node's score is made (docs/criteria-format.md, `[[node]]`); computed by
/// [`crate::scoring::aggregate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Aggregation {
    /// A node with child nodes: the sum of their scores.
    Sum,
    /// A node whose items carry no weight of their own (every pengungkit sub-area): the mean of
    /// the items' values × the node's weight.
    Mean,
    /// A node whose items carry weights (hasil): Σ value × item weight.
    Weighted,
}

/// A group in the tree: component, sub-component, area part or sub-area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub key: String,
    pub name: String,
    pub name_en: Option<String>,
    pub marker: Option<String>,
    pub weight: f64,
    pub parent: Option<NodeId>,
    pub area: Option<AreaId>,
    /// The part the node plays in the regulation, if the file declares one.
    pub role: Option<Role>,
    /// Child nodes in document order (empty when the node holds items).
    pub children: Vec<NodeId>,
    /// Items in document order (empty when the node holds child nodes).
    pub items: Vec<ItemId>,
    /// 0 for roots.
    pub depth: usize,
}

/// A scored indicator of the LKE.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub key: String,
    pub parent: NodeId,
    pub marker: Option<String>,
    pub text: String,
    pub text_en: Option<String>,
    /// The criteria text (penjelasan) that tells which answer applies.
    pub criteria: Option<String>,
    /// Its English text for `--lang en` (an unofficial translation).
    pub criteria_en: Option<String>,
    pub soal_id: Option<u32>,
    /// Only where the regulation weighs items one by one (hasil); otherwise the item shares its
    /// sub-area's weight with its siblings.
    pub weight: Option<f64>,
    pub answer: AnswerKind,
    /// An external outcome (a survey index run by others, the unit's capaian kinerja): counted in
    /// the score, but not something a reform team raises by improving its answers. Improvement
    /// plans use the other items and say the outcome value a condition would need instead.
    pub outcome: bool,
    /// The documents an evaluator expects as evidence, and the period they must be from (the
    /// `evidence` table); None where the criteria leave it unspecified.
    pub evidence: Option<ExpectedEvidence>,
}

impl Item {
    /// The survey index an index item's value (0–1) stands for (`0.9125` of 4 → 3.65); None for
    /// other items and without a value.
    pub fn survey_index(&self, value: Option<f64>) -> Option<f64> {
        match self.answer {
            AnswerKind::Index { max, .. } => value.map(|v| v * max),
            _ => None,
        }
    }
}

/// What evidence an item expects (named in the penjelasan of the regulation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectedEvidence {
    pub documents: Vec<ExpectedDocument>,
    pub period: Option<PeriodRule>,
}

/// A document an evaluator expects ("SK Tim"), and other names it goes by ("Surat Keputusan
/// Tim"): mentioned when an entry's text or file name contains one of them (case, punctuation and
/// spacing ignored).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectedDocument {
    pub name: String,
    /// An English name, for English outputs (the evidence is still matched against `name` and
    /// `also`, the names the unit's documents carry).
    pub name_en: Option<String>,
    pub also: Vec<String>,
}

impl ExpectedDocument {
    /// The name for people: in English `name_en` with the Indonesian name it must carry in the
    /// evidence (`Reward and sanction policy (Kebijakan penghargaan dan sanksi)`), else `name`.
    pub fn display_name(&self, lang: crate::Lang) -> String {
        match (lang, &self.name_en) {
            (crate::Lang::En, Some(en)) if en != &self.name => format!("{en} ({})", self.name),
            _ => self.name.clone(),
        }
    }
}

/// Which years a document's evidence may carry (a year in a file name or description), relative
/// to the year assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PeriodRule {
    /// The year assessed.
    CurrentYear,
    /// The year before the year assessed (last year's report).
    PreviousYear,
    /// Any year up to the year assessed (a decree still in force).
    InForce,
}

impl PeriodRule {
    pub const ALL: [PeriodRule; 3] = [
        PeriodRule::CurrentYear,
        PeriodRule::PreviousYear,
        PeriodRule::InForce,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PeriodRule::CurrentYear => "current-year",
            PeriodRule::PreviousYear => "previous-year",
            PeriodRule::InForce => "in-force",
        }
    }

    pub fn from_code(code: &str) -> Option<PeriodRule> {
        PeriodRule::ALL.into_iter().find(|p| p.code() == code)
    }

    /// Whether a year found in an entry fits the rule for the year assessed.
    pub fn allows(self, found: i32, assessed: i32) -> bool {
        match self {
            PeriodRule::CurrentYear => found == assessed,
            PeriodRule::PreviousYear => found == assessed - 1,
            PeriodRule::InForce => found <= assessed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum AnswerKind {
    /// One option of a choice scale (index into [`Criteria::scales`]).
    Choice(usize),
    /// A survey index (index into [`Criteria::scales`]) with its maximum.
    Index { scale: usize, max: f64 },
    /// A declared formula over count inputs.
    Ratio(Ratio),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ratio {
    pub formula: Formula,
    pub inputs: Vec<CountInput>,
}

/// Indices refer to [`Ratio::inputs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Formula {
    /// `min(1, done / required)`.
    Share { done: usize, required: usize },
    /// `max(0, (previous − current) / previous)`.
    Reduction { previous: usize, current: usize },
}

/// A "Jumlah" row: a whole, non-negative count the unit fills in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountInput {
    pub key: String,
    /// The row text in the LKE ("Jumlah Agen Perubahan"): what workbook rows are matched against.
    pub label: String,
    /// Its English text for `--lang en`; never matched against workbook rows.
    pub label_en: Option<String>,
    pub soal_id: Option<u32>,
    /// When not empty, this input is the sum of these inputs (indices into [`Ratio::inputs`]).
    pub sum_of: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Predicate {
    pub key: String,
    pub name: String,
    pub name_en: Option<String>,
    /// A short name for running text ("WBK" for "Menuju WBK"): "prior predicate (WBK) not stated".
    pub short_name: Option<String>,
    pub short_name_en: Option<String>,
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    pub kind: ConditionKind,
    pub label: Option<String>,
    pub label_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ConditionKind {
    Total {
        min: f64,
    },
    Node {
        node: NodeId,
        min: f64,
    },
    Item {
        item: ItemId,
        min: f64,
    },
    /// Every area reaches this percentage of its weight.
    Areas {
        min_percent: f64,
    },
    /// The unit already holds this predicate (index into [`Criteria::predicates`]).
    Prior {
        predicate: usize,
    },
}

/// A complete, validated criteria set.
#[derive(Debug, Clone, PartialEq)]
pub struct Criteria {
    pub meta: Meta,
    pub scales: Vec<Scale>,
    pub areas: Vec<Area>,
    pub nodes: Vec<Node>,
    pub items: Vec<Item>,
    pub roots: Vec<NodeId>,
    pub predicates: Vec<Predicate>,
    /// Where the PortalRB `Jawaban` workbook keeps each soal (the `[portalrb]` table), when the
    /// criteria have one.
    pub portalrb: Option<crate::criteria::portalrb_layout::PortalRbLayout>,
    pub(crate) node_index: HashMap<String, NodeId>,
    pub(crate) item_index: HashMap<String, ItemId>,
}

impl Criteria {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0]
    }

    pub fn item(&self, id: ItemId) -> &Item {
        &self.items[id.0]
    }

    pub fn node_by_key(&self, key: &str) -> Option<NodeId> {
        self.node_index.get(key).copied()
    }

    pub fn item_by_key(&self, key: &str) -> Option<ItemId> {
        self.item_index.get(key).copied()
    }

    pub fn item_by_soal_id(&self, soal_id: u32) -> Option<ItemId> {
        self.items
            .iter()
            .position(|i| i.soal_id == Some(soal_id))
            .map(ItemId)
    }

    /// Sum of the root weights (100 for the LKE ZI).
    pub fn max_total(&self) -> f64 {
        self.roots.iter().map(|r| self.node(*r).weight).sum()
    }

    /// How the node's score is made: the sum of its children, the mean of its items × its weight,
    /// or Σ value × item weight.
    pub fn aggregation(&self, id: NodeId) -> Aggregation {
        match self.node(id).items.first() {
            None => Aggregation::Sum,
            Some(first) if self.item(*first).weight.is_some() => Aggregation::Weighted,
            Some(_) => Aggregation::Mean,
        }
    }

    /// The node that plays this role, if the file declares it (at most one node does).
    pub fn role(&self, role: Role) -> Option<NodeId> {
        self.nodes
            .iter()
            .position(|n| n.role == Some(role))
            .map(NodeId)
    }

    /// The predicate with this key (index into [`Criteria::predicates`]).
    pub fn predicate_by_key(&self, key: &str) -> Option<usize> {
        self.predicates.iter().position(|p| p.key == key)
    }

    /// The predicates some other predicate requires as prior (a `prior` condition), in document
    /// order, each once: Menuju WBK in 90/2021.
    pub fn prior_predicates(&self) -> Vec<usize> {
        let mut required = vec![false; self.predicates.len()];
        for q in self.predicates.iter().flat_map(Predicate::priors) {
            required[q] = true;
        }
        (0..required.len()).filter(|i| required[*i]).collect()
    }

    /// The predicate a unit earns first: the first of [`Criteria::prior_predicates`] that requires
    /// no prior itself (Menuju WBK). What a user states with "the unit already holds the prior
    /// predicate" (`--prior-wbk`). None when no predicate requires a prior.
    pub fn first_prior_predicate(&self) -> Option<usize> {
        self.prior_predicates()
            .into_iter()
            .find(|i| self.predicates[*i].priors().next().is_none())
    }

    /// The item's share of its node's weight, the points it is worth when fully met: its own
    /// weight ([`Aggregation::Weighted`]), or the node weight divided by the number of items
    /// ([`Aggregation::Mean`]).
    pub fn item_max_points(&self, id: ItemId) -> f64 {
        let item = self.item(id);
        match (self.aggregation(item.parent), item.weight) {
            (Aggregation::Weighted, Some(w)) => w,
            _ => {
                let node = self.node(item.parent);
                node.weight / node.items.len() as f64
            }
        }
    }

    /// The ancestors of a node, nearest first.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.node(id).parent, |n| self.node(*n).parent)
    }

    /// Nodes in document (pre-)order.
    pub fn nodes_preorder(&self) -> Vec<NodeId> {
        fn walk(c: &Criteria, id: NodeId, out: &mut Vec<NodeId>) {
            out.push(id);
            for ch in &c.node(id).children {
                walk(c, *ch, out);
            }
        }
        let mut out = Vec::with_capacity(self.nodes.len());
        for r in &self.roots {
            walk(self, *r, &mut out);
        }
        out
    }

    /// Number of count inputs over all ratio items.
    pub fn count_inputs(&self) -> usize {
        self.items
            .iter()
            .map(|i| match &i.answer {
                AnswerKind::Ratio(r) => r.inputs.len(),
                _ => 0,
            })
            .sum()
    }

    /// The type label for people in `lang`: in English the scale's `name_en` ("Yes/No
    /// (Ya/Tidak)", "Index (0-4)"), else [`Criteria::answer_label`].
    pub fn answer_label_in<'a>(&'a self, item: &Item, lang: Lang) -> &'a str {
        match (&item.answer, lang) {
            (AnswerKind::Choice(s) | AnswerKind::Index { scale: s, .. }, Lang::En) => self.scales
                [*s]
                .name_en
                .as_deref()
                .unwrap_or(&self.scales[*s].name),
            _ => self.answer_label(item),
        }
    }

    /// A short type label for an item: "Ya/Tidak", "A/B/C/D", "Nilai (0-4)", "%" (as the
    /// official workbook writes it: what readers match, and the JSON's `answer_type`).
    pub fn answer_label<'a>(&'a self, item: &Item) -> &'a str {
        match &item.answer {
            AnswerKind::Choice(s) | AnswerKind::Index { scale: s, .. } => &self.scales[*s].name,
            AnswerKind::Ratio(_) => "%",
        }
    }
}

impl Node {
    pub fn display_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.name_en.as_deref().unwrap_or(&self.name),
            Lang::Id => &self.name,
        }
    }
}

impl Area {
    pub fn display_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.name_en.as_deref().unwrap_or(&self.name),
            Lang::Id => &self.name,
        }
    }
}

impl Item {
    pub fn display_text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.text_en.as_deref().unwrap_or(&self.text),
            Lang::Id => &self.text,
        }
    }

    /// The criteria text (penjelasan) in `lang`: `criteria_en` in English, else `criteria`; None
    /// when the item has none.
    pub fn display_criteria(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.criteria_en.as_deref().or(self.criteria.as_deref()),
            Lang::Id => self.criteria.as_deref(),
        }
    }
}

impl CountInput {
    /// The label in `lang`: `label_en` in English, else `label`.
    pub fn display_label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.label_en.as_deref().unwrap_or(&self.label),
            Lang::Id => &self.label,
        }
    }
}

impl Predicate {
    pub fn display_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.name_en.as_deref().unwrap_or(&self.name),
            Lang::Id => &self.name,
        }
    }

    /// The short name for running text: `short_name` (in English `short_name_en`, else
    /// `short_name`), else the display name.
    pub fn short_display_name(&self, lang: Lang) -> &str {
        let short = match lang {
            Lang::En => self.short_name_en.as_deref().or(self.short_name.as_deref()),
            Lang::Id => self.short_name.as_deref(),
        };
        short.unwrap_or_else(|| self.display_name(lang))
    }

    /// The predicates this one's `prior` conditions require (indices into
    /// [`Criteria::predicates`]), in condition order.
    pub fn priors(&self) -> impl Iterator<Item = usize> + '_ {
        self.conditions.iter().filter_map(|c| match c.kind {
            ConditionKind::Prior { predicate } => Some(predicate),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_code;

    /// The definition: trimmed of spaces and `.()`, words joined by one space, upper case.
    fn reference(s: &str) -> String {
        let t = s
            .trim()
            .trim_matches(|c: char| matches!(c, '.' | ')' | '(' | ' ' | '\u{a0}'));
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_uppercase()
    }

    #[test]
    fn codes_normalise_as_defined() {
        for s in [
            "",
            " ",
            "a",
            " ya",
            "a.",
            "(b)",
            "Ya ",
            "tidak  ada",
            "Ya\u{a0}",
            "é  ß",
            "straße x",
            "\tb\n",
            "ǆ",
            "(c) . ",
            "ıi",
        ] {
            assert_eq!(normalize_code(s), reference(s), "{s:?}");
        }
    }
}
