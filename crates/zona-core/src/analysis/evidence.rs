//! The evidence review: every item's evidence entries checked, and the score the evidence
//! supports beside the score the unit claims (docs/evidence.md).
//!
//! Evaluators score what the evidence shows. An item answered above its lowest answer needs at
//! least one entry an evaluator can open: a well-formed http(s) link (zona never fetches it) or a
//! file that exists. Every other answered item is scored again under the [`EvidencePolicy`]
//! (the lowest answer, or one step down) to give the evidence-backed score, and every predicate
//! condition the claimed score meets but the evidence-backed score does not is listed.
//!
//! Whether a file exists is not the core's business: the caller answers through
//! [`EvidenceFiles`] (the pipeline looks in the workbook's folder and `--evidence-dir`).

use std::collections::HashMap;

use crate::answers::answer::AnswerSet;
use crate::answers::diag::{DiagKind, Diagnostic, Severity};
use crate::answers::evidence::{Evidence, EvidenceKind, LinkProblem, PathForm};
use crate::criteria::{AnswerKind, Criteria, ItemId, ScaleKind};
use crate::scoring::score::{rescore, ScoreOptions, ScoreResult};
use crate::scoring::scores::ItemStatus;

/// What an answered item without acceptable evidence counts for in the evidence-backed score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum EvidencePolicy {
    /// The lowest answer, as evaluators do when nothing supports an answer (default). Counts and
    /// survey indices have no answer steps: their value becomes 0.
    #[default]
    Lowest,
    /// One answer step down ("A" → "B"); counts and indices as under `Lowest`.
    OneStep,
    /// Report only: no evidence-backed score.
    None,
}

impl EvidencePolicy {
    pub const ALL: [EvidencePolicy; 3] = [
        EvidencePolicy::Lowest,
        EvidencePolicy::OneStep,
        EvidencePolicy::None,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EvidencePolicy::Lowest => "lowest",
            EvidencePolicy::OneStep => "one-step",
            EvidencePolicy::None => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<EvidencePolicy> {
        EvidencePolicy::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The policy in words, for people (every output says it so): what an item lacking
    /// acceptable evidence is scored at.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            EvidencePolicy::Lowest => lang.pick("jawaban terendah", "lowest answer"),
            EvidencePolicy::OneStep => lang.pick("turun satu jawaban", "one answer step down"),
            EvidencePolicy::None => lang.pick(
                "hanya laporan, tanpa nilai didukung bukti",
                "report only, no evidence-backed total",
            ),
        }
    }
}

/// What the file system says of a path an entry names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathCheck {
    /// The file exists; the path as found (relative to the folder it was found in, `/` separated).
    Found(String),
    NotFound,
    /// Not looked for: no folder is known (an upload), or the path is a network share.
    NotChecked,
}

/// Answers whether the files that evidence entries name exist.
pub trait EvidenceFiles {
    fn check(&self, path: &str, form: PathForm) -> PathCheck;
}

/// No folder known: no path is looked for.
pub struct NoFiles;

impl EvidenceFiles for NoFiles {
    fn check(&self, _path: &str, _form: PathForm) -> PathCheck {
        PathCheck::NotChecked
    }
}

/// One entry's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryStatus {
    /// A well-formed http(s) link (not fetched).
    Link,
    /// Not a usable link: never made clickable.
    BadLink,
    /// A file that exists (the path as found).
    FileFound(String),
    FileMissing,
    /// A file not looked for (no folder known).
    FileNotChecked,
    /// A network share: an evaluator cannot open it.
    NetworkPath,
    /// A description only.
    Description,
}

impl EntryStatus {
    /// An entry an evaluator can open: a well-formed link or a file that exists.
    pub fn acceptable(&self) -> bool {
        matches!(self, EntryStatus::Link | EntryStatus::FileFound(_))
    }

    pub fn code(&self) -> &'static str {
        match self {
            EntryStatus::Link => "link",
            EntryStatus::BadLink => "bad_link",
            EntryStatus::FileFound(_) => "file_found",
            EntryStatus::FileMissing => "file_missing",
            EntryStatus::FileNotChecked => "file_not_checked",
            EntryStatus::NetworkPath => "network_path",
            EntryStatus::Description => "description",
        }
    }
}

/// One entry, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryReview {
    pub evidence: Evidence,
    pub status: EntryStatus,
}

/// An item's evidence verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemEvidenceStatus {
    /// At least one entry an evaluator can open.
    Supported,
    /// Answered above its lowest answer, and no entry at all.
    Missing,
    /// Entries, but none an evaluator can open.
    Unsupported,
    /// Nothing to support: not answered, invalid, or at its lowest answer already.
    NotNeeded,
}

impl ItemEvidenceStatus {
    pub fn code(self) -> &'static str {
        match self {
            ItemEvidenceStatus::Supported => "supported",
            ItemEvidenceStatus::Missing => "missing",
            ItemEvidenceStatus::Unsupported => "unsupported",
            ItemEvidenceStatus::NotNeeded => "not_needed",
        }
    }

    /// Missing or unsupported: the item's answer is at risk.
    pub fn lacking(self) -> bool {
        matches!(
            self,
            ItemEvidenceStatus::Missing | ItemEvidenceStatus::Unsupported
        )
    }
}

/// One item's evidence, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemEvidence {
    pub status: ItemEvidenceStatus,
    pub entries: Vec<EntryReview>,
    /// Expected documents (indices into the item's `evidence.documents`) no entry mentions;
    /// checked only for items with entries and something to support.
    pub documents_not_mentioned: Vec<usize>,
    /// Points claimed (the layer's score of the item).
    pub claimed_points: f64,
    /// Points the evidence supports (claimed when supported, or under policy `none`).
    pub backed_points: f64,
    /// The answer the evidence-backed score takes ("C"; None for counts, indices and items
    /// that keep their answer).
    pub backed_answer: Option<String>,
}

impl ItemEvidence {
    /// Points lost when the evidence is not completed: claimed − backed (≥ 0).
    pub fn points_at_risk(&self) -> f64 {
        (self.claimed_points - self.backed_points).max(0.0)
    }
}

/// A predicate condition the claimed score meets and the evidence-backed score does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LostCondition {
    /// Index into [`Criteria::predicates`].
    pub predicate: usize,
    /// Index into the predicate result's conditions.
    pub condition: usize,
}

/// Every item's evidence checked, and the evidence-backed score.
#[derive(Debug, Clone)]
pub struct EvidenceReview {
    pub policy: EvidencePolicy,
    /// Aligned with [`Criteria::items`].
    pub items: Vec<ItemEvidence>,
    /// The checks' findings, in item order, with cells.
    pub diagnostics: Vec<Diagnostic>,
    /// The score with every answered item that lacks evidence scored under the policy; None
    /// under [`EvidencePolicy::None`].
    pub backed: Option<ScoreResult>,
    /// Conditions met by the claimed score but not by the evidence-backed one.
    pub lost: Vec<LostCondition>,
    /// The year assessed, as the source states it (the period checks need it).
    pub year: Option<i32>,
}

impl EvidenceReview {
    /// Items that need evidence (answered above their lowest answer).
    pub fn needing(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.status != ItemEvidenceStatus::NotNeeded)
            .count()
    }

    pub fn supported(&self) -> usize {
        self.count(ItemEvidenceStatus::Supported)
    }

    pub fn count(&self, status: ItemEvidenceStatus) -> usize {
        self.items.iter().filter(|i| i.status == status).count()
    }

    /// Items that need evidence and lack it (missing or unsupported).
    pub fn lacking(&self) -> usize {
        self.items.iter().filter(|i| i.status.lacking()).count()
    }

    /// Supported / needing, in percent; None when no item needs evidence.
    pub fn coverage_percent(&self) -> Option<f64> {
        let n = self.needing();
        (n > 0).then(|| self.supported() as f64 * 100.0 / n as f64)
    }

    /// The evidence-backed total (None under policy `none`).
    pub fn backed_total(&self) -> Option<f64> {
        self.backed.as_ref().map(|b| b.total)
    }

    /// Σ points at risk.
    pub fn points_at_risk(&self) -> f64 {
        self.items.iter().map(ItemEvidence::points_at_risk).sum()
    }

    /// Items whose answer is at risk, most points first (ties in criteria order): the "lengkapi
    /// bukti" actions.
    pub fn actions(&self) -> Vec<ItemId> {
        let mut ids: Vec<ItemId> = (0..self.items.len())
            .map(ItemId)
            .filter(|id| self.items[id.0].points_at_risk() > 1e-12)
            .collect();
        ids.sort_by(|a, b| {
            self.items[b.0]
                .points_at_risk()
                .total_cmp(&self.items[a.0].points_at_risk())
                .then(a.0.cmp(&b.0))
        });
        ids
    }
}

/// Reviews the evidence of `evidence` (the unit's own answers: the unit gives the evidence) for
/// the layer scored as `claimed`.
pub fn review(
    criteria: &Criteria,
    evidence: &AnswerSet,
    claimed: &ScoreResult,
    options: &ScoreOptions,
    policy: EvidencePolicy,
    files: &dyn EvidenceFiles,
) -> EvidenceReview {
    let year = evidence.unit.year;
    let mut diagnostics = Vec::new();
    let mut items = Vec::with_capacity(criteria.items.len());
    let mut replaced = Vec::new();
    // The first item (and its sub-area) each link or file was given for.
    let mut first_use: HashMap<String, ItemId> = HashMap::new();
    for (i, item) in criteria.items.iter().enumerate() {
        let id = ItemId(i);
        let score = claimed.item(id);
        let answer = evidence.get(id);
        let entries: Vec<EntryReview> = answer
            .map(|a| {
                a.evidence
                    .iter()
                    .map(|e| EntryReview {
                        status: entry_status(e, files),
                        evidence: e.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut d = Vec::new();
        for e in &entries {
            entry_diagnostics(e, &mut d);
            if let Some(key) = reuse_key(e) {
                match first_use.get(&key) {
                    Some(first) if criteria.item(*first).parent != item.parent => d.push(
                        Diagnostic::new(
                            Severity::Warning,
                            DiagKind::EvidenceReused {
                                text: e.evidence.text.clone(),
                                first_item: item_label(criteria, *first),
                            },
                        )
                        .at(&e.evidence.location),
                    ),
                    Some(_) => {}
                    None => {
                        first_use.insert(key, id);
                    }
                }
            }
        }
        let lowered = lowered_value(criteria, id, score.value, policy);
        let needs = score.status == ItemStatus::Answered && lowered.is_some();
        let status = if !needs {
            ItemEvidenceStatus::NotNeeded
        } else if entries.is_empty() {
            ItemEvidenceStatus::Missing
        } else if entries.iter().any(|e| e.status.acceptable()) {
            ItemEvidenceStatus::Supported
        } else {
            ItemEvidenceStatus::Unsupported
        };
        let mut documents_not_mentioned = Vec::new();
        if needs && !entries.is_empty() {
            if let Some(expected) = item.evidence.as_ref().filter(|e| !e.documents.is_empty()) {
                // Every entry's words once, then each document's names against them.
                let texts: Vec<String> = entries.iter().map(|e| words(&e.evidence.text)).collect();
                for (k, doc) in expected.documents.iter().enumerate() {
                    let mentioned = std::iter::once(&doc.name).chain(&doc.also).any(|n| {
                        let n = words(n);
                        texts.iter().any(|t| t.contains(n.as_str()))
                    });
                    if !mentioned {
                        documents_not_mentioned.push(k);
                        d.push(Diagnostic::new(
                            Severity::Info,
                            DiagKind::EvidenceDocumentNotMentioned {
                                document: doc.name.clone(),
                                document_en: doc.name_en.clone(),
                            },
                        ));
                    }
                }
            }
            if let (Some(rule), Some(assessed)) =
                (item.evidence.as_ref().and_then(|e| e.period), year)
            {
                for e in &entries {
                    let found = years_in(period_text(&e.evidence));
                    if let Some(y) = found
                        .first()
                        .filter(|_| !found.iter().any(|y| rule.allows(*y, assessed)))
                    {
                        d.push(
                            Diagnostic::new(
                                Severity::Warning,
                                DiagKind::EvidenceOutsidePeriod {
                                    text: e.evidence.text.clone(),
                                    year: *y,
                                    period: rule.code().to_string(),
                                    assessed,
                                },
                            )
                            .at(&e.evidence.location),
                        );
                    }
                }
            }
        }
        let where_ = answer.and_then(|a| a.evidence_at.as_ref().or(Some(&a.location)));
        if status.lacking() {
            if let Some((value, code)) = lowered.filter(|_| policy != EvidencePolicy::None) {
                replaced.push((id, value, code));
            }
        }
        // Item-level findings first, then the entries' own.
        if status.lacking() {
            let shown = score.answer.clone().unwrap_or_else(|| answer_shown(score));
            let kind = if status == ItemEvidenceStatus::Missing {
                DiagKind::EvidenceMissing {
                    answer: shown,
                    points_at_risk: None,
                }
            } else {
                DiagKind::EvidenceUnsupported {
                    answer: shown,
                    points_at_risk: None,
                }
            };
            let mut diag = Diagnostic::new(Severity::Warning, kind);
            if let Some(l) = where_ {
                diag = diag.at(l);
            }
            d.insert(0, diag);
        }
        for diag in &mut d {
            diag.item = Some(item.key.clone());
            if diag.location.is_none() {
                diag.location = where_.cloned();
            }
        }
        diagnostics.extend(d);
        items.push(ItemEvidence {
            status,
            entries,
            documents_not_mentioned,
            claimed_points: score.points,
            backed_points: score.points,
            backed_answer: None,
        });
    }
    let backed =
        (policy != EvidencePolicy::None).then(|| rescore(criteria, claimed, options, &replaced));
    let mut lost = Vec::new();
    if let Some(b) = &backed {
        for (it, s) in items.iter_mut().zip(&b.items) {
            it.backed_points = s.points;
        }
        for (id, _, code) in &replaced {
            items[id.0].backed_answer.clone_from(code);
        }
        // Points at risk belong in the item's own message.
        for diag in &mut diagnostics {
            let at_risk = diag
                .item
                .as_deref()
                .and_then(|k| criteria.item_by_key(k))
                .map(|id| items[id.0].points_at_risk());
            if let (
                DiagKind::EvidenceMissing { points_at_risk, .. }
                | DiagKind::EvidenceUnsupported { points_at_risk, .. },
                Some(p),
            ) = (&mut diag.kind, at_risk)
            {
                *points_at_risk = Some(p);
            }
        }
        for (p, (c, e)) in claimed.predicates.iter().zip(&b.predicates).enumerate() {
            for (k, (cc, ec)) in c.conditions.iter().zip(&e.conditions).enumerate() {
                if cc.passed == Some(true) && ec.passed == Some(false) {
                    lost.push(LostCondition {
                        predicate: p,
                        condition: k,
                    });
                }
            }
        }
    }
    EvidenceReview {
        policy,
        items,
        diagnostics,
        backed,
        lost,
        year,
    }
}

/// "12/20" for a ratio item (no answer code), "3.65" for an index, as scored.
fn answer_shown(score: &crate::scoring::scores::ItemScore) -> String {
    let counts: Vec<String> = score
        .counts
        .iter()
        .map(|c| c.map_or_else(|| "-".into(), |v| format!("{v}")))
        .collect();
    counts.join("/")
}

/// `pemenuhan.mp.tim_kerja.a` as a reader finds it in running text: the item key.
fn item_label(criteria: &Criteria, id: ItemId) -> String {
    criteria.item(id).key.clone()
}

/// The value (and answer code) the item takes when its evidence is lacking, under the policy;
/// None when the item is at its lowest already (nothing to lose). Under `none` the lowest
/// value is still what decides whether the item needs evidence.
fn lowered_value(
    criteria: &Criteria,
    id: ItemId,
    value: Option<f64>,
    policy: EvidencePolicy,
) -> Option<(f64, Option<String>)> {
    let value = value?;
    const EPS: f64 = 1e-9;
    match &criteria.item(id).answer {
        AnswerKind::Choice(scale) => {
            let ScaleKind::Choice(options) = &criteria.scales[*scale].kind else {
                return None;
            };
            let lowest = options.iter().min_by(|a, b| a.value.total_cmp(&b.value))?;
            if value <= lowest.value + EPS {
                return None;
            }
            let target = match policy {
                EvidencePolicy::OneStep => options
                    .iter()
                    .filter(|o| o.value < value - EPS)
                    .max_by(|a, b| a.value.total_cmp(&b.value))
                    .unwrap_or(lowest),
                _ => lowest,
            };
            Some((target.value, Some(target.code.clone())))
        }
        AnswerKind::Index { .. } | AnswerKind::Ratio(_) => (value > EPS).then_some((0.0, None)),
    }
}

fn entry_status(e: &Evidence, files: &dyn EvidenceFiles) -> EntryStatus {
    match &e.kind {
        EvidenceKind::Link => EntryStatus::Link,
        EvidenceKind::BadLink(_) => EntryStatus::BadLink,
        EvidenceKind::Description => EntryStatus::Description,
        EvidenceKind::LocalPath(PathForm::Unc) => EntryStatus::NetworkPath,
        EvidenceKind::LocalPath(form) => match files.check(&e.text, *form) {
            PathCheck::Found(p) => EntryStatus::FileFound(p),
            PathCheck::NotFound => EntryStatus::FileMissing,
            PathCheck::NotChecked => EntryStatus::FileNotChecked,
        },
    }
}

fn entry_diagnostics(e: &EntryReview, out: &mut Vec<Diagnostic>) {
    let text = || e.evidence.text.clone();
    let (severity, kind) = match (&e.status, &e.evidence.kind) {
        (EntryStatus::BadLink, EvidenceKind::BadLink(problem)) => (
            Severity::Warning,
            DiagKind::EvidenceBadLink {
                text: text(),
                problem: match problem {
                    LinkProblem::Scheme(s) => format!("scheme:{s}"),
                    LinkProblem::NoScheme => "no_scheme".into(),
                    LinkProblem::Malformed => "malformed".into(),
                },
            },
        ),
        (EntryStatus::FileMissing, _) => (
            Severity::Warning,
            DiagKind::EvidenceFileMissing { path: text() },
        ),
        (EntryStatus::FileNotChecked, _) => (
            Severity::Info,
            DiagKind::EvidenceFileNotChecked { path: text() },
        ),
        (EntryStatus::NetworkPath, _) => (
            Severity::Warning,
            DiagKind::EvidenceNetworkPath { path: text() },
        ),
        _ => return,
    };
    out.push(Diagnostic::new(severity, kind).at(&e.evidence.location));
}

/// What makes two entries "the same evidence": a link without its scheme's case and a trailing
/// slash, or a file as found (else as written, `\` read as `/`, case ignored).
fn reuse_key(e: &EntryReview) -> Option<String> {
    match &e.status {
        EntryStatus::Link => Some(format!(
            "link:{}",
            e.evidence.text.trim_end_matches('/').to_lowercase()
        )),
        EntryStatus::FileFound(p) => Some(format!("file:{}", p.to_lowercase())),
        EntryStatus::FileMissing | EntryStatus::FileNotChecked | EntryStatus::NetworkPath => Some(
            format!("file:{}", e.evidence.text.replace('\\', "/").to_lowercase()),
        ),
        _ => None,
    }
}

/// The part of an entry a year is read from: a description's text, a file's name, a link's file
/// name (a link without one has no year: its ids are not years).
fn period_text(e: &Evidence) -> &str {
    match e.kind {
        EvidenceKind::Description => &e.text,
        _ => e.file_name().unwrap_or(""),
    }
}

/// Four-digit years 1990–2100 standing alone among digits ("SK_2024.pdf", "Laporan 2025").
fn years_in(text: &str) -> Vec<i32> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                if let Ok(y) = text[start..i].parse::<i32>() {
                    if (1990..=2100).contains(&y) {
                        out.push(y);
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Lower case, letters and digits only, words separated by one space, padded with spaces (so a
/// name matches whole words: " sk tim ").
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&w.to_lowercase());
        }
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_stand_alone() {
        assert_eq!(years_in("SK_2024.pdf"), [2024]);
        assert_eq!(years_in("Laporan 2025 dan 2026"), [2025, 2026]);
        assert_eq!(years_in("id 120245 x"), Vec::<i32>::new());
        assert_eq!(years_in("1989 2101"), Vec::<i32>::new());
    }

    #[test]
    fn names_match_whole_words() {
        assert!(words("1.a SK-Tim_ZI 2025.pdf").contains(&words("SK Tim")));
        assert!(!words("SKTim").contains(&words("SK Tim")));
    }

    #[test]
    fn words_lower_case_ascii_and_unicode_alike() {
        assert_eq!(words("SK-Tim ZI"), " sk tim zi ");
        assert_eq!(words("ÉVALUASI Ünit"), " évaluasi ünit ");
        assert_eq!(words(""), " ");
    }
}
