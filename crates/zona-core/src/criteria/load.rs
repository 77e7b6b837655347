//! Loading criteria from TOML.
//!
//! Two passes: `toml` parses the text into raw structs that keep the span of every field (a syntax or
//! shape error stops there, with line and column); then `build` checks the whole file and collects
//! *every* semantic problem before giving up, so one run of `zona check` shows them all.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::model::*;
use crate::lang::Lang;

/// Tolerance for weights that must add up.
const WEIGHT_TOLERANCE: f64 = 1e-6;

/// Why criteria could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CriteriaError {
    #[error("{path}: cannot read criteria file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: TOML error: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        /// toml's message (`source.message()`, trimmed).
        message: String,
        /// toml's own rendering, with the offending line and a caret (`source` displayed).
        rendered: String,
        /// The parser's error.
        #[source]
        source: toml::de::Error,
    },
    /// Neither a file nor the id of a built-in set (`--criteria permenpanrb-90-2012`).
    #[error("{name}: no such criteria file, and no built-in criteria has this id (built-in: {})", builtin.join(", "))]
    Unknown {
        name: String,
        /// The ids of the built-in sets.
        builtin: Vec<String>,
    },
    #[error("{path}: {} in criteria", crate::lang::count_en(problems.len(), "problem", "problems"))]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },
}

impl CriteriaError {
    /// The full message in the requested language, one line per problem.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CriteriaError::Io { path, source } => match lang {
                Lang::Id => format!("{path}: berkas kriteria tidak dapat dibaca: {source}"),
                Lang::En => format!("{path}: cannot read criteria file: {source}"),
            },
            CriteriaError::Unknown { name, builtin } => match lang {
                Lang::Id => format!(
                    "{name}: berkas kriteria tidak ditemukan, dan tidak ada kriteria bawaan dengan id ini (id bawaan: {})",
                    builtin.join(", ")
                ),
                Lang::En => self.to_string(),
            },
            CriteriaError::Syntax {
                path,
                line,
                column,
                rendered,
                ..
            } => {
                let head = lang.pick("kesalahan sintaks TOML", "TOML syntax error");
                format!("{path}:{line}:{column}: {head}\n{rendered}")
            }
            CriteriaError::Invalid { path, problems } => {
                let mut out = match lang {
                    Lang::Id => format!("{path}: {} masalah dalam kriteria", problems.len()),
                    Lang::En => format!(
                        "{path}: {} in criteria",
                        crate::lang::count_en(problems.len(), "problem", "problems")
                    ),
                };
                for p in problems {
                    out.push_str(&format!(
                        "\n{path}:{}:{}: {}",
                        p.line,
                        p.column,
                        p.kind.message(lang)
                    ));
                }
                out
            }
        }
    }
}

/// One semantic problem, at a place in the file (1-based line and column).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The children's (or items') weights do not add up to the parent's.
    WeightSum {
        key: String,
        weight: f64,
        sum: f64,
    },
    /// The parts of an area do not add up to the area weight.
    AreaWeightSum {
        key: String,
        weight: f64,
        sum: f64,
    },
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    InvalidKey {
        key: String,
    },
    /// A reference (parent, area, scale, condition target, formula input) to something unknown.
    UnknownReference {
        what: &'static str,
        name: String,
    },
    OptionValueOutOfRange {
        scale: String,
        code: String,
        value: f64,
    },
    EmptyScale {
        scale: String,
    },
    InvalidIndexMax {
        scale: String,
        max: f64,
    },
    MixedChildren {
        key: String,
    },
    NoChildren {
        key: String,
    },
    PartialItemWeights {
        key: String,
    },
    NegativeWeight {
        key: String,
        weight: f64,
    },
    RatioWithoutInputs {
        key: String,
    },
    MissingField {
        what: &'static str,
        field: &'static str,
    },
    SelfSum {
        key: String,
    },
    /// A `sum_of` part that is itself a sum.
    NestedSum {
        key: String,
    },
    InvalidThreshold {
        value: f64,
    },
    ParentCycle {
        key: String,
    },
    DuplicateOption {
        scale: String,
        code: String,
    },
    /// A node `role` that is not one of [`Role::ALL`].
    UnknownRole {
        role: String,
    },
    /// A role given to a second node.
    DuplicateRole {
        role: String,
        first_key: String,
        first_line: usize,
    },
    /// An item marked `outcome = true` inside the node whose role is `pengungkit`: outcomes are
    /// results (hasil), not enablers.
    OutcomeInPengungkit {
        key: String,
    },
    /// An `evidence.period` that is not one of [`PeriodRule::ALL`].
    UnknownPeriod {
        period: String,
    },
    /// An expected document (or one of its other names) that is blank.
    EmptyDocumentName,
    /// A `prior` condition naming its own predicate.
    PriorSelf {
        predicate: String,
    },
    /// `prior` conditions that lead from a predicate back to itself (keys along the cycle, the
    /// first repeated at the end).
    PriorCycle {
        cycle: Vec<String>,
    },
}

impl ProblemKind {
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind::*;
        match (self, lang) {
            (WeightSum { key, weight, sum }, Lang::Id) => format!(
                "bobot anak dari `{key}` berjumlah {sum} tetapi bobot `{key}` adalah {weight}"
            ),
            (WeightSum { key, weight, sum }, Lang::En) => {
                format!("children of `{key}` weigh {sum} in total but `{key}` weighs {weight}")
            }
            (AreaWeightSum { key, weight, sum }, Lang::Id) => format!(
                "bagian area `{key}` berjumlah bobot {sum} tetapi bobot area adalah {weight}"
            ),
            (AreaWeightSum { key, weight, sum }, Lang::En) => {
                format!("parts of area `{key}` weigh {sum} in total but the area weighs {weight}")
            }
            (DuplicateKey { key, first_line }, Lang::Id) => {
                format!("kunci `{key}` ganda (pertama di baris {first_line})")
            }
            (DuplicateKey { key, first_line }, Lang::En) => {
                format!("duplicate key `{key}` (first at line {first_line})")
            }
            (InvalidKey { key }, Lang::Id) => {
                format!("kunci `{key}` tidak sah: gunakan huruf, angka, `_`, `-` dan `.`")
            }
            (InvalidKey { key }, Lang::En) => {
                format!("invalid key `{key}`: use letters, digits, `_`, `-` and `.`")
            }
            (UnknownReference { what, name }, Lang::Id) => {
                format!("{} `{name}` tidak dikenal", what_id(what))
            }
            (UnknownReference { what, name }, Lang::En) => format!("unknown {what} `{name}`"),
            (OptionValueOutOfRange { scale, code, value }, Lang::Id) => format!(
                "nilai pilihan `{code}` pada skala `{scale}` adalah {value}, harus antara 0 dan 1"
            ),
            (OptionValueOutOfRange { scale, code, value }, Lang::En) => format!(
                "option `{code}` of scale `{scale}` has value {value}, must lie between 0 and 1"
            ),
            (EmptyScale { scale }, Lang::Id) => {
                format!("skala `{scale}` tidak punya pilihan maupun `index_max`")
            }
            (EmptyScale { scale }, Lang::En) => {
                format!("scale `{scale}` has neither options nor `index_max`")
            }
            (InvalidIndexMax { scale, max }, Lang::Id) => {
                format!("`index_max` skala `{scale}` adalah {max}, harus lebih dari 0")
            }
            (InvalidIndexMax { scale, max }, Lang::En) => {
                format!("`index_max` of scale `{scale}` is {max}, must be greater than 0")
            }
            (MixedChildren { key }, Lang::Id) => {
                format!("node `{key}` berisi node anak sekaligus item")
            }
            (MixedChildren { key }, Lang::En) => {
                format!("node `{key}` has both child nodes and items")
            }
            (NoChildren { key }, Lang::Id) => format!("node `{key}` tidak berisi node maupun item"),
            (NoChildren { key }, Lang::En) => {
                format!("node `{key}` has neither child nodes nor items")
            }
            (PartialItemWeights { key }, Lang::Id) => format!(
                "hanya sebagian item di `{key}` yang punya `weight`: semua atau tidak sama sekali"
            ),
            (PartialItemWeights { key }, Lang::En) => {
                format!("only some items of `{key}` carry a `weight`: all or none")
            }
            (NegativeWeight { key, weight }, Lang::Id) => {
                format!("bobot `{key}` adalah {weight}, harus bilangan terhingga ≥ 0")
            }
            (NegativeWeight { key, weight }, Lang::En) => {
                format!("weight of `{key}` is {weight}, must be a finite number ≥ 0")
            }
            (RatioWithoutInputs { key }, Lang::Id) => {
                format!("item rasio `{key}` memerlukan `ratio` dan `inputs`")
            }
            (RatioWithoutInputs { key }, Lang::En) => {
                format!("ratio item `{key}` needs `ratio` and `inputs`")
            }
            (MissingField { what, field }, Lang::Id) => {
                format!("{} memerlukan kolom `{field}`", what_id(what))
            }
            (MissingField { what, field }, Lang::En) => format!("{what} needs field `{field}`"),
            (SelfSum { key }, Lang::Id) => format!("input `{key}` menjumlahkan dirinya sendiri"),
            (SelfSum { key }, Lang::En) => format!("input `{key}` sums itself"),
            (NestedSum { key }, Lang::Id) => format!(
                "bagian `{key}` sendiri merupakan jumlah; `sum_of` hanya boleh berisi input yang diketik"
            ),
            (NestedSum { key }, Lang::En) => {
                format!("part `{key}` is itself a sum; `sum_of` may only name typed inputs")
            }
            (InvalidThreshold { value }, Lang::Id) => {
                format!("ambang batas {value} tidak sah (harus ≥ 0; persentase maksimal 100)")
            }
            (InvalidThreshold { value }, Lang::En) => {
                format!("invalid threshold {value} (must be ≥ 0; a percentage at most 100)")
            }
            (ParentCycle { key }, Lang::Id) => format!("node `{key}` menjadi leluhurnya sendiri"),
            (ParentCycle { key }, Lang::En) => format!("node `{key}` is its own ancestor"),
            (DuplicateOption { scale, code }, Lang::Id) => {
                format!("pilihan `{code}` ganda pada skala `{scale}`")
            }
            (DuplicateOption { scale, code }, Lang::En) => {
                format!("duplicate option `{code}` in scale `{scale}`")
            }
            (UnknownRole { role }, Lang::Id) => {
                format!("peran `{role}` tidak dikenal (pilihan: {})", role_codes())
            }
            (UnknownRole { role }, Lang::En) => {
                format!("unknown role `{role}` (one of: {})", role_codes())
            }
            (
                DuplicateRole {
                    role,
                    first_key,
                    first_line,
                },
                Lang::Id,
            ) => format!(
                "peran `{role}` sudah diberikan kepada node `{first_key}` (baris {first_line}); satu peran hanya untuk satu node"
            ),
            (
                DuplicateRole {
                    role,
                    first_key,
                    first_line,
                },
                Lang::En,
            ) => format!(
                "role `{role}` is already given to node `{first_key}` (line {first_line}); a role belongs to one node"
            ),
            (OutcomeInPengungkit { key }, Lang::Id) => format!(
                "item `{key}` ditandai `outcome = true` tetapi berada di bawah pengungkit; hasil eksternal (survei, capaian kinerja) hanya ada di hasil"
            ),
            (OutcomeInPengungkit { key }, Lang::En) => format!(
                "item `{key}` is marked `outcome = true` but sits under pengungkit; external outcomes (surveys, capaian kinerja) belong to hasil"
            ),
            (UnknownPeriod { period }, Lang::Id) => format!(
                "periode bukti `{period}` tidak dikenal (pilihan: {})",
                period_codes()
            ),
            (UnknownPeriod { period }, Lang::En) => format!(
                "unknown evidence period `{period}` (one of: {})",
                period_codes()
            ),
            (EmptyDocumentName, Lang::Id) => "nama dokumen bukti kosong".into(),
            (EmptyDocumentName, Lang::En) => "an evidence document name is blank".into(),
            (PriorSelf { predicate }, Lang::Id) => format!(
                "predikat `{predicate}` mensyaratkan dirinya sendiri sebagai predikat sebelumnya"
            ),
            (PriorSelf { predicate }, Lang::En) => {
                format!("predicate `{predicate}` requires itself as its prior predicate")
            }
            (PriorCycle { cycle }, Lang::Id) => format!(
                "syarat `prior` membentuk siklus: {}",
                cycle.join(" → ")
            ),
            (PriorCycle { cycle }, Lang::En) => {
                format!("`prior` conditions form a cycle: {}", cycle.join(" → "))
            }
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The roles a node may declare, for messages: "pengungkit, pemenuhan, reform, hasil".
fn role_codes() -> String {
    Role::ALL.map(Role::code).join(", ")
}

fn period_codes() -> String {
    PeriodRule::ALL.map(PeriodRule::code).join(", ")
}

fn what_id(what: &str) -> &str {
    match what {
        "parent" => "induk",
        "area" => "area",
        "scale" => "skala",
        "node" => "node",
        "item" => "item",
        "predicate" => "predikat",
        "input" => "input",
        "condition kind" => "jenis syarat",
        "formula kind" => "jenis rumus",
        "ratio formula" => "rumus rasio",
        "condition" => "syarat",
        other => other,
    }
}

// ---------------------------------------------------------------------------------------------
// Raw file shape

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    criteria: RawMeta,
    #[serde(default)]
    scales: BTreeMap<String, S<RawScale>>,
    #[serde(default)]
    area: Vec<S<RawArea>>,
    #[serde(default)]
    node: Vec<S<RawNode>>,
    #[serde(default)]
    item: Vec<S<RawItem>>,
    #[serde(default)]
    predicate: Vec<S<RawPredicate>>,
    #[serde(default)]
    portalrb: Option<crate::criteria::portalrb_layout::RawPortalRb>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: String,
    name: String,
    #[serde(default)]
    regulation: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    provisional: bool,
    #[serde(default)]
    provisional_note: Option<String>,
    #[serde(default)]
    provisional_note_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    name: String,
    #[serde(default)]
    name_en: Option<String>,
    #[serde(default)]
    options: Vec<S<RawOption>>,
    #[serde(default)]
    index_max: Option<S<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    code: String,
    value: S<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    key: S<String>,
    name: String,
    #[serde(default)]
    name_en: Option<String>,
    weight: S<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    key: S<String>,
    #[serde(default)]
    parent: Option<S<String>>,
    name: String,
    #[serde(default)]
    name_en: Option<String>,
    #[serde(default)]
    marker: Option<String>,
    weight: S<f64>,
    #[serde(default)]
    area: Option<S<String>>,
    #[serde(default)]
    role: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    key: S<String>,
    parent: S<String>,
    #[serde(default)]
    marker: Option<String>,
    text: String,
    #[serde(default)]
    text_en: Option<String>,
    #[serde(default)]
    criteria: Option<String>,
    #[serde(default)]
    criteria_en: Option<String>,
    answer: S<String>,
    #[serde(default)]
    weight: Option<S<f64>>,
    #[serde(default)]
    soal_id: Option<u32>,
    #[serde(default)]
    outcome: Option<S<bool>>,
    #[serde(default)]
    evidence: Option<RawEvidence>,
    #[serde(default)]
    ratio: Option<S<RawRatio>>,
    #[serde(default)]
    inputs: Vec<S<RawInput>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    #[serde(default)]
    documents: Vec<S<RawDocument>>,
    #[serde(default)]
    period: Option<S<String>>,
}

/// `"SK Tim"`, or `{ name = "SK Tim", name_en = "Team decree", also = ["Surat Keputusan Tim"] }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawDocument {
    Name(String),
    Full {
        name: String,
        #[serde(default)]
        name_en: Option<String>,
        #[serde(default)]
        also: Vec<String>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRatio {
    kind: S<String>,
    #[serde(default)]
    done: Option<S<String>>,
    #[serde(default)]
    required: Option<S<String>>,
    #[serde(default)]
    previous: Option<S<String>>,
    #[serde(default)]
    current: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    key: S<String>,
    label: String,
    #[serde(default)]
    label_en: Option<String>,
    #[serde(default)]
    soal_id: Option<u32>,
    #[serde(default)]
    sum_of: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPredicate {
    key: S<String>,
    name: String,
    #[serde(default)]
    name_en: Option<String>,
    #[serde(default)]
    short_name: Option<String>,
    #[serde(default)]
    short_name_en: Option<String>,
    #[serde(default)]
    conditions: Vec<S<RawCondition>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    kind: S<String>,
    #[serde(default)]
    min: Option<S<f64>>,
    #[serde(default)]
    min_percent: Option<S<f64>>,
    #[serde(default)]
    node: Option<S<String>>,
    #[serde(default)]
    item: Option<S<String>>,
    #[serde(default)]
    predicate: Option<S<String>>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    label_en: Option<String>,
}

// ---------------------------------------------------------------------------------------------

/// The criteria of PermenPANRB 90/2021, built into the binary.
pub const DEFAULT_CRITERIA_TOML: &str =
    include_str!("../../../../criteria/permenpanrb-90-2021.toml");
/// The name the built-in criteria are reported under.
pub const DEFAULT_CRITERIA_NAME: &str = "criteria/permenpanrb-90-2021.toml (bawaan)";

/// The criteria built into the binary, as (source name, TOML text), the default first.
pub const BUILTIN_CRITERIA: &[(&str, &str)] = &[
    (DEFAULT_CRITERIA_NAME, DEFAULT_CRITERIA_TOML),
    (
        "criteria/permenpanrb-10-2019.toml (bawaan)",
        include_str!("../../../../criteria/permenpanrb-10-2019.toml"),
    ),
];

/// Loads every built-in criteria set, the default (PermenPANRB 90/2021) first.
pub fn builtin_criteria() -> Vec<Criteria> {
    (0..BUILTIN_CRITERIA.len()).map(load_builtin).collect()
}

/// Loads the built-in criteria set at `index` of [`BUILTIN_CRITERIA`] (0: the default). Parsing
/// one set costs about a millisecond, so a caller that may need only the default loads the others
/// when it needs them.
///
/// # Panics
/// When `index` is out of range, or the built-in text is invalid (a build defect, covered by
/// tests).
pub fn load_builtin(index: usize) -> Criteria {
    let (name, text) = BUILTIN_CRITERIA[index];
    load_str(text, name).unwrap_or_else(|e| panic!("built-in criteria {name} are invalid: {e}"))
}

/// Loads the built-in PermenPANRB 90/2021 criteria.
pub fn default_criteria() -> Criteria {
    // The file is part of the build and covered by tests: failing here is a build defect.
    load_str(DEFAULT_CRITERIA_TOML, DEFAULT_CRITERIA_NAME)
        .unwrap_or_else(|e| panic!("built-in criteria are invalid: {e}"))
}

/// Reads and validates a criteria file.
// The error keeps toml's own error as its `#[source]` (88 bytes, so `downcast_ref` finds it);
/// The longest line of toml's rendering (the offending line and its caret) shown in a message.
const MAX_RENDERED_LINE: usize = 200;

/// toml's rendering of a syntax error, or only its message when the offending line is longer
/// than `max` characters: a file of one 400 KB line would otherwise be printed whole.
fn rendered_within(e: &toml::de::Error, max: usize) -> String {
    let rendered = e.to_string().trim_end().to_string();
    if rendered.lines().all(|l| l.chars().count() <= max) {
        rendered
    } else {
        e.message().trim().to_string()
    }
}

// loading fails once, on a cold path, so it is not boxed.
#[allow(clippy::result_large_err)]
pub fn load_file(path: &Path) -> Result<Criteria, CriteriaError> {
    let text = std::fs::read_to_string(path).map_err(|source| CriteriaError::Io {
        path: path.display().to_string(),
        source,
    })?;
    load_str(&text, &path.display().to_string())
}

/// Parses and validates criteria text; `path` names the source in messages.
// The error keeps toml's own error as its `#[source]` (88 bytes, so `downcast_ref` finds it);
// loading fails once, on a cold path, so it is not boxed.
#[allow(clippy::result_large_err)]
pub fn load_str(text: &str, path: &str) -> Result<Criteria, CriteriaError> {
    let lines = LineIndex::new(text);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| lines.position(s.start));
        CriteriaError::Syntax {
            path: path.to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
            rendered: rendered_within(&e, MAX_RENDERED_LINE),
            source: e,
        }
    })?;
    build(raw, &lines).map_err(|problems| CriteriaError::Invalid {
        path: path.to_string(),
        problems,
    })
}

struct LineIndex {
    starts: Vec<usize>,
    text_len: usize,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            text_len: text.len(),
        }
    }

    /// 1-based line and column (in bytes) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text_len);
        let line = self.starts.partition_point(|s| *s <= offset);
        let col = offset - self.starts[line - 1] + 1;
        (line, col)
    }
}

struct Collector<'a> {
    lines: &'a LineIndex,
    problems: Vec<Problem>,
}

impl Collector<'_> {
    fn at<T>(&mut self, spanned: &Spanned<T>, kind: ProblemKind) {
        let (line, column) = self.lines.position(spanned.span().start);
        self.problems.push(Problem { line, column, kind });
    }

    fn line_of<T>(&self, spanned: &Spanned<T>) -> usize {
        self.lines.position(spanned.span().start).0
    }
}

/// An item's `evidence` table: documents with a name (blank names refused), a known period.
fn expected_evidence(c: &mut Collector, raw: &RawEvidence) -> ExpectedEvidence {
    let mut documents = Vec::new();
    for d in &raw.documents {
        let (name, name_en, also) = match d.get_ref() {
            RawDocument::Name(n) => (n.clone(), None, Vec::new()),
            RawDocument::Full {
                name,
                name_en,
                also,
            } => (name.clone(), name_en.clone(), also.clone()),
        };
        if name.trim().is_empty()
            || also.iter().any(|a| a.trim().is_empty())
            || name_en.as_ref().is_some_and(|n| n.trim().is_empty())
        {
            c.at(d, ProblemKind::EmptyDocumentName);
            continue;
        }
        documents.push(ExpectedDocument {
            name,
            name_en,
            also,
        });
    }
    let period = raw.period.as_ref().and_then(|p| {
        let rule = PeriodRule::from_code(p.get_ref());
        if rule.is_none() {
            c.at(
                p,
                ProblemKind::UnknownPeriod {
                    period: p.get_ref().clone(),
                },
            );
        }
        rule
    });
    ExpectedEvidence { documents, period }
}

/// A weight is a finite number ≥ 0 (TOML also has `inf` and `nan`).
fn valid_weight(w: f64) -> bool {
    w.is_finite() && w >= 0.0
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn build(raw: RawFile, lines: &LineIndex) -> Result<Criteria, Vec<Problem>> {
    let mut c = Collector {
        lines,
        problems: Vec::new(),
    };

    // Scales.
    let mut scales = Vec::new();
    let mut scale_index = HashMap::new();
    for (key, s) in &raw.scales {
        let kind = if let Some(max) = &s.get_ref().index_max {
            if !(max.get_ref().is_finite() && *max.get_ref() > 0.0) {
                c.at(
                    max,
                    ProblemKind::InvalidIndexMax {
                        scale: key.clone(),
                        max: *max.get_ref(),
                    },
                );
            }
            ScaleKind::Index {
                max: *max.get_ref(),
            }
        } else {
            if s.get_ref().options.is_empty() {
                c.at(s, ProblemKind::EmptyScale { scale: key.clone() });
            }
            let mut seen = HashSet::new();
            let mut options = Vec::new();
            for o in &s.get_ref().options {
                let v = *o.get_ref().value.get_ref();
                if !(0.0..=1.0).contains(&v) {
                    c.at(
                        &o.get_ref().value,
                        ProblemKind::OptionValueOutOfRange {
                            scale: key.clone(),
                            code: o.get_ref().code.clone(),
                            value: v,
                        },
                    );
                }
                if !seen.insert(normalize_code(&o.get_ref().code)) {
                    c.at(
                        o,
                        ProblemKind::DuplicateOption {
                            scale: key.clone(),
                            code: o.get_ref().code.clone(),
                        },
                    );
                }
                options.push(ChoiceOption {
                    code: o.get_ref().code.clone(),
                    value: v,
                });
            }
            ScaleKind::Choice(options)
        };
        scale_index.insert(key.clone(), scales.len());
        scales.push(Scale {
            key: key.clone(),
            name: s.get_ref().name.clone(),
            name_en: s.get_ref().name_en.clone(),
            kind,
        });
    }

    // One key namespace for areas, nodes and items.
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut check_key = |c: &mut Collector, key: &Spanned<String>| {
        let k = key.get_ref();
        if !valid_key(k) {
            c.at(key, ProblemKind::InvalidKey { key: k.clone() });
        }
        let line = c.line_of(key);
        if let Some(first) = first_line.get(k) {
            c.at(
                key,
                ProblemKind::DuplicateKey {
                    key: k.clone(),
                    first_line: *first,
                },
            );
            false
        } else {
            first_line.insert(k.clone(), line);
            true
        }
    };

    let mut areas = Vec::new();
    let mut area_index = HashMap::new();
    for a in &raw.area {
        let a = a.get_ref();
        if check_key(&mut c, &a.key) {
            area_index.insert(a.key.get_ref().clone(), AreaId(areas.len()));
        }
        if !valid_weight(*a.weight.get_ref()) {
            c.at(
                &a.weight,
                ProblemKind::NegativeWeight {
                    key: a.key.get_ref().clone(),
                    weight: *a.weight.get_ref(),
                },
            );
        }
        areas.push(Area {
            key: a.key.get_ref().clone(),
            name: a.name.clone(),
            name_en: a.name_en.clone(),
            weight: *a.weight.get_ref(),
            parts: Vec::new(),
        });
    }

    let mut nodes = Vec::new();
    let mut node_index = HashMap::new();
    // The node (key, line) each role went to first.
    let mut roles: HashMap<Role, (String, usize)> = HashMap::new();
    for n in &raw.node {
        let n = n.get_ref();
        if check_key(&mut c, &n.key) {
            node_index.insert(n.key.get_ref().clone(), NodeId(nodes.len()));
        }
        let role = n
            .role
            .as_ref()
            .and_then(|r| match Role::from_code(r.get_ref()) {
                None => {
                    c.at(
                        r,
                        ProblemKind::UnknownRole {
                            role: r.get_ref().clone(),
                        },
                    );
                    None
                }
                Some(role) => match roles.get(&role) {
                    Some((first_key, first_line)) => {
                        c.at(
                            r,
                            ProblemKind::DuplicateRole {
                                role: role.code().to_string(),
                                first_key: first_key.clone(),
                                first_line: *first_line,
                            },
                        );
                        None
                    }
                    None => {
                        roles.insert(role, (n.key.get_ref().clone(), c.line_of(r)));
                        Some(role)
                    }
                },
            });
        if !valid_weight(*n.weight.get_ref()) {
            c.at(
                &n.weight,
                ProblemKind::NegativeWeight {
                    key: n.key.get_ref().clone(),
                    weight: *n.weight.get_ref(),
                },
            );
        }
        nodes.push(Node {
            key: n.key.get_ref().clone(),
            name: n.name.clone(),
            name_en: n.name_en.clone(),
            marker: n.marker.clone(),
            weight: *n.weight.get_ref(),
            parent: None,
            area: None,
            role,
            children: Vec::new(),
            items: Vec::new(),
            depth: 0,
        });
    }

    // Parents and areas of nodes.
    let mut roots = Vec::new();
    for (i, n) in raw.node.iter().enumerate() {
        let n = n.get_ref();
        match &n.parent {
            None => roots.push(NodeId(i)),
            Some(p) => match node_index.get(p.get_ref()) {
                Some(pid) => {
                    nodes[i].parent = Some(*pid);
                    nodes[pid.0].children.push(NodeId(i));
                }
                None => c.at(
                    p,
                    ProblemKind::UnknownReference {
                        what: "parent",
                        name: p.get_ref().clone(),
                    },
                ),
            },
        }
        if let Some(a) = &n.area {
            match area_index.get(a.get_ref()) {
                Some(aid) => {
                    nodes[i].area = Some(*aid);
                    areas[aid.0].parts.push(NodeId(i));
                }
                None => c.at(
                    a,
                    ProblemKind::UnknownReference {
                        what: "area",
                        name: a.get_ref().clone(),
                    },
                ),
            }
        }
    }
    // Depth, and cycles (a cycle is unreachable from the roots).
    let mut reached = vec![false; nodes.len()];
    let mut stack: Vec<(NodeId, usize)> = roots.iter().map(|r| (*r, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        if reached[id.0] {
            continue;
        }
        reached[id.0] = true;
        nodes[id.0].depth = depth;
        for ch in &nodes[id.0].children {
            stack.push((*ch, depth + 1));
        }
    }
    for (i, r) in reached.iter().enumerate() {
        if !r && nodes[i].parent.is_some() {
            c.at(
                &raw.node[i].get_ref().key,
                ProblemKind::ParentCycle {
                    key: nodes[i].key.clone(),
                },
            );
        }
    }

    // Items.
    let mut items = Vec::new();
    let mut item_index = HashMap::new();
    for it in &raw.item {
        let r = it.get_ref();
        let registered = check_key(&mut c, &r.key);
        let key = r.key.get_ref().clone();
        let parent = match node_index.get(r.parent.get_ref()) {
            Some(p) => *p,
            None => {
                c.at(
                    &r.parent,
                    ProblemKind::UnknownReference {
                        what: "parent",
                        name: r.parent.get_ref().clone(),
                    },
                );
                continue;
            }
        };
        if let Some(w) = &r.weight {
            if !valid_weight(*w.get_ref()) {
                c.at(
                    w,
                    ProblemKind::NegativeWeight {
                        key: key.clone(),
                        weight: *w.get_ref(),
                    },
                );
            }
        }
        let answer = if r.answer.get_ref() == "ratio" {
            match build_ratio(&mut c, &key, it, r) {
                Some(ratio) => AnswerKind::Ratio(ratio),
                None => continue,
            }
        } else {
            match scale_index.get(r.answer.get_ref()) {
                Some(s) => match scales[*s].kind {
                    ScaleKind::Choice(_) => AnswerKind::Choice(*s),
                    ScaleKind::Index { max } => AnswerKind::Index { scale: *s, max },
                },
                None => {
                    c.at(
                        &r.answer,
                        ProblemKind::UnknownReference {
                            what: "scale",
                            name: r.answer.get_ref().clone(),
                        },
                    );
                    continue;
                }
            }
        };
        let id = ItemId(items.len());
        if registered {
            item_index.insert(key.clone(), id);
        }
        nodes[parent.0].items.push(id);
        items.push(Item {
            key,
            parent,
            marker: r.marker.clone(),
            text: r.text.clone(),
            text_en: r.text_en.clone(),
            criteria: r.criteria.clone(),
            criteria_en: r.criteria_en.clone(),
            soal_id: r.soal_id,
            weight: r.weight.as_ref().map(|w| *w.get_ref()),
            answer,
            outcome: r.outcome.as_ref().is_some_and(|o| *o.get_ref()),
            evidence: r.evidence.as_ref().map(|e| expected_evidence(&mut c, e)),
        });
    }

    // Outcomes are hasil: none under the pengungkit node (parents walked at most once each, so a
    // parent cycle reported elsewhere cannot loop here).
    for r in &raw.item {
        let r = r.get_ref();
        let Some(flag) = r.outcome.as_ref().filter(|o| *o.get_ref()) else {
            continue;
        };
        let mut at = node_index.get(r.parent.get_ref()).copied();
        let mut under_pengungkit = false;
        for _ in 0..=nodes.len() {
            let Some(id) = at else { break };
            let node: &Node = &nodes[id.0];
            if node.role == Some(Role::Pengungkit) {
                under_pengungkit = true;
                break;
            }
            at = node.parent;
        }
        if under_pengungkit {
            c.at(
                flag,
                ProblemKind::OutcomeInPengungkit {
                    key: r.key.get_ref().clone(),
                },
            );
        }
    }

    // Tree shape and weights.
    for (i, n) in nodes.iter().enumerate() {
        let at = &raw.node[i].get_ref().key;
        if !n.children.is_empty() && !n.items.is_empty() {
            c.at(at, ProblemKind::MixedChildren { key: n.key.clone() });
            continue;
        }
        if n.children.is_empty() && n.items.is_empty() {
            c.at(at, ProblemKind::NoChildren { key: n.key.clone() });
            continue;
        }
        let sum = if !n.children.is_empty() {
            Some(n.children.iter().map(|ch| nodes[ch.0].weight).sum::<f64>())
        } else {
            let weighted = n
                .items
                .iter()
                .filter(|i| items[i.0].weight.is_some())
                .count();
            if weighted == 0 {
                None
            } else if weighted < n.items.len() {
                c.at(at, ProblemKind::PartialItemWeights { key: n.key.clone() });
                None
            } else {
                Some(
                    n.items
                        .iter()
                        .filter_map(|i| items[i.0].weight)
                        .sum::<f64>(),
                )
            }
        };
        if let Some(sum) = sum {
            if (sum - n.weight).abs() > WEIGHT_TOLERANCE {
                c.at(
                    &raw.node[i].get_ref().weight,
                    ProblemKind::WeightSum {
                        key: n.key.clone(),
                        weight: n.weight,
                        sum: round6(sum),
                    },
                );
            }
        }
    }
    for (i, a) in areas.iter().enumerate() {
        let sum: f64 = a.parts.iter().map(|p| nodes[p.0].weight).sum();
        if (sum - a.weight).abs() > WEIGHT_TOLERANCE {
            c.at(
                &raw.area[i].get_ref().weight,
                ProblemKind::AreaWeightSum {
                    key: a.key.clone(),
                    weight: a.weight,
                    sum: round6(sum),
                },
            );
        }
    }

    // Predicates.
    let mut pred_index = HashMap::new();
    for (i, p) in raw.predicate.iter().enumerate() {
        if pred_index
            .insert(p.get_ref().key.get_ref().clone(), i)
            .is_some()
        {
            c.at(
                &p.get_ref().key,
                ProblemKind::DuplicateKey {
                    key: p.get_ref().key.get_ref().clone(),
                    first_line: 0,
                },
            );
        }
    }
    let mut predicates = Vec::new();
    // `prior` conditions: (predicate, the prior it names, where it names it).
    let mut prior_edges: Vec<(usize, usize, &S<String>)> = Vec::new();
    for (i, p) in raw.predicate.iter().enumerate() {
        let p = p.get_ref();
        let mut conditions = Vec::new();
        for cond in &p.conditions {
            if let Some(kind) = build_condition(&mut c, cond, &node_index, &item_index, &pred_index)
            {
                if let (ConditionKind::Prior { predicate }, Some(at)) =
                    (&kind, &cond.get_ref().predicate)
                {
                    if *predicate == i {
                        c.at(
                            at,
                            ProblemKind::PriorSelf {
                                predicate: p.key.get_ref().clone(),
                            },
                        );
                    } else {
                        prior_edges.push((i, *predicate, at));
                    }
                }
                conditions.push(Condition {
                    kind,
                    label: cond.get_ref().label.clone(),
                    label_en: cond.get_ref().label_en.clone(),
                });
            }
        }
        predicates.push(Predicate {
            key: p.key.get_ref().clone(),
            name: p.name.clone(),
            name_en: p.name_en.clone(),
            short_name: p.short_name.clone(),
            short_name_en: p.short_name_en.clone(),
            conditions,
        });
    }
    for (cycle, at) in prior_cycles(predicates.len(), &prior_edges) {
        let cycle = cycle
            .iter()
            .map(|i| raw.predicate[*i].get_ref().key.get_ref().clone())
            .collect();
        c.at(at, ProblemKind::PriorCycle { cycle });
    }

    let portalrb = raw.portalrb.as_ref().map(|layout| {
        let mut soal_ids = HashSet::new();
        for it in &items {
            soal_ids.extend(it.soal_id);
            if let AnswerKind::Ratio(r) = &it.answer {
                soal_ids.extend(r.inputs.iter().filter_map(|i| i.soal_id));
            }
        }
        let mut found = Vec::new();
        let built = crate::criteria::portalrb_layout::build(layout, &soal_ids, &mut found);
        for problem in found {
            use crate::criteria::portalrb_layout::LayoutProblem;
            let (span, kind) = match problem {
                LayoutProblem::Column(span, key) | LayoutProblem::Row(span, key) => {
                    (span, ProblemKind::InvalidKey { key })
                }
                LayoutProblem::UnknownSoal(span, name) => (
                    span,
                    ProblemKind::UnknownReference {
                        what: "soal_id",
                        name,
                    },
                ),
            };
            let (line, column) = lines.position(span.start);
            c.problems.push(Problem { line, column, kind });
        }
        built
    });

    if !c.problems.is_empty() {
        c.problems.sort_by_key(|p| (p.line, p.column));
        return Err(c.problems);
    }
    Ok(Criteria {
        meta: Meta {
            id: raw.criteria.id,
            name: raw.criteria.name,
            regulation: raw.criteria.regulation,
            version: raw.criteria.version,
            provisional: raw.criteria.provisional,
            provisional_note: raw.criteria.provisional_note,
            provisional_note_en: raw.criteria.provisional_note_en,
        },
        scales,
        areas,
        nodes,
        items,
        roots,
        predicates,
        portalrb,
        node_index,
        item_index,
    })
}

/// The cycles among `prior` conditions (`edges`: predicate → the prior it requires, and where),
/// each found once by a depth-first search in document order: the predicates along it, the first
/// repeated at the end, and the condition that closes it. Iterative: a hostile file may chain
/// thousands of predicates.
fn prior_cycles<'e, T>(n: usize, edges: &[(usize, usize, &'e T)]) -> Vec<(Vec<usize>, &'e T)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut out_edges: Vec<Vec<(usize, &'e T)>> = vec![Vec::new(); n];
    for (from, to, at) in edges {
        out_edges[*from].push((*to, *at));
    }
    let mut marks = vec![Mark::New; n];
    let mut cycles = Vec::new();
    for start in 0..n {
        if marks[start] != Mark::New {
            continue;
        }
        // The path of the search: (predicate, index of its next edge to follow).
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::OnPath;
        while let Some((at, next)) = path.last_mut() {
            let Some((to, span)) = out_edges[*at].get(*next).copied() else {
                marks[*at] = Mark::Done;
                path.pop();
                continue;
            };
            *next += 1;
            match marks[to] {
                Mark::New => {
                    marks[to] = Mark::OnPath;
                    path.push((to, 0));
                }
                Mark::OnPath => {
                    let from = path.iter().position(|(p, _)| *p == to).unwrap_or(0);
                    let mut cycle: Vec<usize> = path[from..].iter().map(|(p, _)| *p).collect();
                    cycle.push(to);
                    cycles.push((cycle, span));
                }
                Mark::Done => {}
            }
        }
    }
    cycles
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn build_ratio(c: &mut Collector, key: &str, it: &S<RawItem>, r: &RawItem) -> Option<Ratio> {
    let (Some(ratio), false) = (&r.ratio, r.inputs.is_empty()) else {
        c.at(
            it,
            ProblemKind::RatioWithoutInputs {
                key: key.to_string(),
            },
        );
        return None;
    };
    let mut index = HashMap::new();
    let mut ok = true;
    for (i, inp) in r.inputs.iter().enumerate() {
        let k = inp.get_ref().key.get_ref();
        if index.insert(k.clone(), i).is_some() {
            c.at(
                &inp.get_ref().key,
                ProblemKind::DuplicateKey {
                    key: format!("{key}/{k}"),
                    first_line: c.line_of(&r.inputs[index[k]].get_ref().key),
                },
            );
            ok = false;
        }
    }
    let mut inputs = Vec::new();
    for inp in &r.inputs {
        let raw = inp.get_ref();
        let mut sum_of = Vec::new();
        for part in &raw.sum_of {
            if part.get_ref() == raw.key.get_ref() {
                c.at(
                    part,
                    ProblemKind::SelfSum {
                        key: part.get_ref().clone(),
                    },
                );
                ok = false;
            } else if let Some(i) = index.get(part.get_ref()) {
                // Parts are typed counts: a sum of sums could form a cycle.
                if !r.inputs[*i].get_ref().sum_of.is_empty() {
                    c.at(
                        part,
                        ProblemKind::NestedSum {
                            key: part.get_ref().clone(),
                        },
                    );
                    ok = false;
                }
                sum_of.push(*i);
            } else {
                c.at(
                    part,
                    ProblemKind::UnknownReference {
                        what: "input",
                        name: part.get_ref().clone(),
                    },
                );
                ok = false;
            }
        }
        inputs.push(CountInput {
            key: raw.key.get_ref().clone(),
            label: raw.label.clone(),
            label_en: raw.label_en.clone(),
            soal_id: raw.soal_id,
            sum_of,
        });
    }
    let input =
        |c: &mut Collector, field: &Option<S<String>>, name: &'static str| -> Option<usize> {
            match field {
                None => {
                    c.at(
                        ratio,
                        ProblemKind::MissingField {
                            what: "ratio formula",
                            field: name,
                        },
                    );
                    None
                }
                Some(f) => match index.get(f.get_ref()) {
                    Some(i) => Some(*i),
                    None => {
                        c.at(
                            f,
                            ProblemKind::UnknownReference {
                                what: "input",
                                name: f.get_ref().clone(),
                            },
                        );
                        None
                    }
                },
            }
        };
    let rr = ratio.get_ref();
    let formula = match rr.kind.get_ref().as_str() {
        "share" => {
            let done = input(c, &rr.done, "done");
            let required = input(c, &rr.required, "required");
            Formula::Share {
                done: done?,
                required: required?,
            }
        }
        "reduction" => {
            let previous = input(c, &rr.previous, "previous");
            let current = input(c, &rr.current, "current");
            Formula::Reduction {
                previous: previous?,
                current: current?,
            }
        }
        other => {
            c.at(
                &rr.kind,
                ProblemKind::UnknownReference {
                    what: "formula kind",
                    name: other.to_string(),
                },
            );
            return None;
        }
    };
    ok.then_some(Ratio { formula, inputs })
}

fn build_condition(
    c: &mut Collector,
    cond: &S<RawCondition>,
    nodes: &HashMap<String, NodeId>,
    items: &HashMap<String, ItemId>,
    preds: &HashMap<String, usize>,
) -> Option<ConditionKind> {
    let r = cond.get_ref();
    let min = |c: &mut Collector| -> Option<f64> {
        match &r.min {
            None => {
                c.at(
                    cond,
                    ProblemKind::MissingField {
                        what: "condition",
                        field: "min",
                    },
                );
                None
            }
            Some(m) if !(m.get_ref().is_finite() && *m.get_ref() >= 0.0) => {
                c.at(
                    m,
                    ProblemKind::InvalidThreshold {
                        value: *m.get_ref(),
                    },
                );
                None
            }
            Some(m) => Some(*m.get_ref()),
        }
    };
    fn target<T: Copy>(
        c: &mut Collector,
        cond: &S<RawCondition>,
        field: &Option<S<String>>,
        what: &'static str,
        field_name: &'static str,
        map: &HashMap<String, T>,
    ) -> Option<T> {
        match field {
            None => {
                c.at(
                    cond,
                    ProblemKind::MissingField {
                        what: "condition",
                        field: field_name,
                    },
                );
                None
            }
            Some(n) => match map.get(n.get_ref()) {
                Some(id) => Some(*id),
                None => {
                    c.at(
                        n,
                        ProblemKind::UnknownReference {
                            what,
                            name: n.get_ref().clone(),
                        },
                    );
                    None
                }
            },
        }
    }
    match r.kind.get_ref().as_str() {
        "total" => Some(ConditionKind::Total { min: min(c)? }),
        "node" => {
            let node = target(c, cond, &r.node, "node", "node", nodes);
            let min = min(c);
            Some(ConditionKind::Node {
                node: node?,
                min: min?,
            })
        }
        "item" => {
            let item = target(c, cond, &r.item, "item", "item", items);
            let min = min(c);
            Some(ConditionKind::Item {
                item: item?,
                min: min?,
            })
        }
        "areas" => match &r.min_percent {
            None => {
                c.at(
                    cond,
                    ProblemKind::MissingField {
                        what: "condition",
                        field: "min_percent",
                    },
                );
                None
            }
            Some(p) if !(0.0..=100.0).contains(p.get_ref()) => {
                c.at(
                    p,
                    ProblemKind::InvalidThreshold {
                        value: *p.get_ref(),
                    },
                );
                None
            }
            Some(p) => Some(ConditionKind::Areas {
                min_percent: *p.get_ref(),
            }),
        },
        "prior" => {
            let p = target(c, cond, &r.predicate, "predicate", "predicate", preds)?;
            Some(ConditionKind::Prior { predicate: p })
        }
        other => {
            c.at(
                &r.kind,
                ProblemKind::UnknownReference {
                    what: "condition kind",
                    name: other.to_string(),
                },
            );
            None
        }
    }
}
