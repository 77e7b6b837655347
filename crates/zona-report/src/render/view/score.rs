//! The document `zona score --format json` prints (docs/cli.md).

use std::collections::BTreeMap;

use serde::Serialize;
use zona_core::evidence::{EvidencePolicy, EvidenceReview};
use zona_core::layers::{differences, Layer};
use zona_core::{
    AnswerKind, Criteria, Evaluation, ItemId, ItemStatus, Lang, Role, ScoreResult, ScoredLayer,
};

use super::{ConditionView, CountsView, CriteriaView};

/// One evaluation: the criteria, the unit, the source, and the scores of the layer shown (by
/// default the unit's own answers) down to every item, with every layer's summary beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreView<'a> {
    /// The pengungkit areas in the criteria's order (the regulation's).
    pub areas: Vec<AreaView<'a>>,
    pub counts: CountsView,
    pub criteria: CriteriaView<'a>,
    /// Every reading and scoring note, in order (reading notes first). The evidence checks'
    /// notes are with their items (`items[].evidence.diagnostics`).
    pub diagnostics: Vec<DiagnosticView<'a>>,
    /// The score the evidence supports beside the score claimed (`total`), under the evidence
    /// policy (docs/evidence.md).
    pub evidence_backed: EvidenceBackedView<'a>,
    /// Score of the node `hasil` (null if the criteria have none).
    pub hasil: Option<f64>,
    /// Every item of the criteria, in document order.
    pub items: Vec<ItemView<'a>>,
    /// Only for a unit that holds a predicate (its source states it, or `--holds`): whether the
    /// layer shown still meets it (Lampiran II Bab IV). Absent for a unit that holds none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keeping: Option<KeepingView<'a>>,
    /// The layer the top-level scores describe: `unit`, `tpi` or `tpn`.
    pub layer: &'a str,
    /// Per consecutive pair of layers, the items on which they disagree.
    pub layer_differences: Vec<LayerDifferencesView<'a>>,
    /// Every layer the source has, in evaluation order (unit, TPI, TPN).
    pub layers: Vec<LayerView<'a>>,
    /// The sum of the root weights (100).
    pub max_total: f64,
    /// Every node in document order (pre-order).
    pub nodes: Vec<NodeView<'a>>,
    /// The report written (`zona score --out`), as given; null when none was written.
    pub out: Option<String>,
    /// Score of the node `pemenuhan` (null if the criteria have none).
    pub pemenuhan: Option<f64>,
    /// Score of the node `pengungkit` (null if the criteria have none).
    pub pengungkit: Option<f64>,
    pub predicates: Vec<PredicateView<'a>>,
    /// Score of the node `reform` (null if the criteria have none).
    pub reform: Option<f64>,
    pub source: SourceView<'a>,
    pub total: f64,
    /// `zero` or `exclude`.
    pub unanswered_policy: &'a str,
    pub unit: UnitView<'a>,
}

/// Keeping a predicate held: the internal assessment's verdict and every score condition of the
/// predicate with its margin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeepingView<'a> {
    /// The year the predicate was awarded, as the source states it.
    pub awarded_year: Option<i32>,
    pub conditions: Vec<KeptConditionView<'a>>,
    /// Score of the node `hasil` (null if the criteria have none).
    pub hasil: Option<f64>,
    /// The layer assessed: `unit`, `tpi` or `tpn`.
    pub layer: &'a str,
    /// The key of the predicate held (`wbk`, `wbbm`).
    pub predicate: &'a str,
    pub predicate_name: &'a str,
    /// Score of the node `pengungkit` (null if the criteria have none).
    pub pengungkit: Option<f64>,
    /// `still_meets` ("masih memenuhi") or `no_longer_meets` ("tidak memenuhi").
    pub status: &'static str,
    pub still_meets: bool,
    /// The share of a threshold under which a margin is thin (0.02: 2 %).
    pub thin_share: f64,
    pub total: f64,
    /// The verdict as the text summary states it, in the output's language.
    pub verdict: String,
}

/// One score condition of the predicate held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeptConditionView<'a> {
    /// `total`, `node`, `item` or `area`.
    pub kind: &'static str,
    pub key: Option<&'a str>,
    pub label: &'a str,
    /// `value − threshold`.
    pub margin: f64,
    pub passed: bool,
    /// Met by less than `thin_share` of the threshold.
    pub thin: bool,
    pub threshold: f64,
    pub value: f64,
    /// [`zona_core::keeping::KeptCondition::decimals`] (not in the JSON).
    #[serde(skip)]
    pub decimals: usize,
}

impl KeptConditionView<'_> {
    /// Decimals to show the value and margin with.
    pub fn decimals(&self) -> usize {
        self.decimals
    }
}

fn keeping_view<'a>(ev: &'a Evaluation, lang: Lang) -> Option<KeepingView<'a>> {
    let k = ev.keeping.as_ref()?;
    let (c, r) = (ev.criteria, &ev.shown().result);
    let p = c.predicates.get(k.predicate)?;
    Some(KeepingView {
        awarded_year: k.awarded_year,
        conditions: k
            .conditions
            .iter()
            .map(|x| KeptConditionView {
                kind: x.target.code(),
                key: x.key.as_deref(),
                label: match lang {
                    Lang::Id => &x.label_id,
                    Lang::En => &x.label_en,
                },
                margin: x.margin,
                passed: x.passed,
                thin: x.thin,
                threshold: x.threshold,
                value: x.value,
                decimals: x.decimals,
            })
            .collect(),
        hasil: role_score(c, r, Role::Hasil),
        layer: ev.shown().layer.code(),
        predicate: &p.key,
        predicate_name: p.display_name(lang),
        pengungkit: role_score(c, r, Role::Pengungkit),
        status: if k.still_meets {
            "still_meets"
        } else {
            "no_longer_meets"
        },
        still_meets: k.still_meets,
        thin_share: k.thin_share,
        total: r.total,
        verdict: crate::report::verdict_line(c, k, lang),
    })
}

/// Facts about the unit as the source states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitView<'a> {
    /// The year the predicate held was awarded (present only when the source states it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub awarded_year: Option<i32>,
    pub instansi: Option<&'a str>,
    pub name: Option<&'a str>,
    /// Where the facts came from: `sheet`, `title`, `document` or `file_name`.
    pub origin: Option<&'a str>,
    /// The predicate the source says the unit already holds, as written.
    pub prior_predicate: Option<&'a str>,
    pub year: Option<i32>,
}

/// Where the answers were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceView<'a> {
    /// The file as given.
    pub file: Option<&'a str>,
    /// `official`, `portalrb` or `portalrb-json`.
    pub layout: &'a str,
    /// The sheet read (empty for a JSON document).
    pub sheet: &'a str,
}

/// A pengungkit area; `score` = its pemenuhan part + its reform part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaView<'a> {
    pub key: &'a str,
    pub name: &'a str,
    /// The nodes whose scores make up the area.
    pub parts: Vec<AreaPartView<'a>>,
    /// Score as a percentage of the weight.
    pub percent: f64,
    pub score: f64,
    pub weight: f64,
}

/// A node that is part of an area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaPartView<'a> {
    /// The key of the node's parent (`pemenuhan`, `reform`).
    pub component: Option<&'a str>,
    /// The node's key.
    pub node: &'a str,
    pub score: f64,
    pub weight: f64,
}

/// A predicate (Menuju WBK, Menuju WBBM) and its conditions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredicateView<'a> {
    /// Every condition, in the criteria's order.
    pub conditions: Vec<ConditionView<'a>>,
    pub key: &'a str,
    pub met: bool,
    pub name: &'a str,
    /// `met`, `not_met` or `scores_met_prior_unknown`.
    pub status: &'a str,
}

impl ScoreView<'_> {
    /// Decimals to show the total with ([`zona_core::ScoreResult::total_decimals`]).
    pub fn total_decimals(&self) -> usize {
        self.predicates
            .iter()
            .flat_map(|p| &p.conditions)
            .filter(|c| c.kind == "total")
            .map(ConditionView::decimals)
            .max()
            .unwrap_or(2)
    }
}

/// A node of the criteria tree (component, sub-component, area part, sub-area).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeView<'a> {
    /// Items answered below the node.
    pub answered: usize,
    /// The key of the area the node is part of.
    pub area: Option<&'a str>,
    /// Items below the node.
    pub items: usize,
    pub key: &'a str,
    pub name: &'a str,
    /// The key of the parent node (null for a root).
    pub parent: Option<&'a str>,
    /// Score as a percentage of the weight.
    pub percent: f64,
    pub score: f64,
    pub weight: f64,
}

/// An item: its answer as read and understood, and its points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemView<'a> {
    /// The answer as understood: option code (`B`), index (`3.45`); null for ratio items and
    /// unanswered items.
    pub answer: Option<&'a str>,
    /// The item's row in the source (`LKE ZI!K37`), null if unknown.
    pub cell: Option<String>,
    /// Ratio items only: each count input by key, parsed (null when missing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<BTreeMap<&'a str, Option<f64>>>,
    /// The evidence (data dukung) the unit gives, checked.
    pub evidence: ItemEvidenceView<'a>,
    /// Survey index items: the index as a number (3.45); absent on other items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<f64>,
    /// The layer the answer was taken from when this layer left it blank.
    pub inherited_from: Option<&'a str>,
    pub key: &'a str,
    /// Points when fully met.
    pub max_points: f64,
    pub note: Option<&'a str>,
    /// Points the item contributes to its node.
    pub points: f64,
    pub soal_id: Option<u32>,
    /// `answered`, `unanswered` or `invalid`.
    pub status: &'a str,
    pub text: &'a str,
    /// The answer type: `Ya/Tidak`, `A/B/C/D`, `Nilai (0-4)`, `%`.
    #[serde(rename = "type")]
    pub answer_type: &'a str,
    /// 0–1 when answered.
    pub value: Option<f64>,
}

/// An item's evidence (data dukung), checked: its entries, its verdict and the points that hang
/// on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemEvidenceView<'a> {
    /// The answer the evidence-backed score gives the item when its evidence is lacking (`C`,
    /// `Tidak`); null for counts and indices (their value becomes 0) and for items that keep their
    /// answer.
    pub backed_answer: Option<&'a str>,
    /// Points in the evidence-backed score (null under policy `none`).
    pub backed_points: Option<f64>,
    /// The data dukung cell of the item's row (`LKE ZI!P37`), else the answer's; null if unknown.
    pub cell: Option<String>,
    /// Points claimed: the item's `points`.
    pub claimed_points: f64,
    /// The evidence checks' notes on this item, in order.
    pub diagnostics: Vec<EvidenceDiagnosticView<'a>>,
    /// Documents the criteria expect that no entry mentions (checked only for items with entries
    /// and something to support).
    pub documents_not_mentioned: Vec<&'a str>,
    /// Every entry, in the order the source gives them.
    pub entries: Vec<EvidenceEntryView<'a>>,
    /// `claimed_points − backed_points` (null under policy `none`).
    pub points_at_risk: Option<f64>,
    /// `supported`, `missing`, `unsupported` or `not_needed`.
    pub status: &'static str,
}

/// One evidence entry: a link, a path or a description, and what the check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceEntryView<'a> {
    /// Where the entry is written (`LKE ZI!Q37`); null if unknown.
    pub cell: Option<String>,
    /// `link`, `bad_link`, `path` or `description`.
    pub kind: &'static str,
    /// The link, only when the entry is a well-formed http(s) link (never fetched); null otherwise.
    pub link: Option<&'a str>,
    /// `link`, `bad_link`, `file_found`, `file_missing`, `file_not_checked`, `network_path` or
    /// `description`.
    pub status: &'static str,
    /// The entry as written.
    pub text: &'a str,
}

/// An evidence check's note (codes `evidence_*`, docs/cli.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceDiagnosticView<'a> {
    /// `LKE ZI!P37`; null if unknown.
    pub cell: Option<String>,
    pub code: &'a str,
    pub message: String,
    /// `warning` or `info`.
    pub severity: &'a str,
}

/// The evidence-backed score and what it costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceBackedView<'a> {
    /// The "lengkapi bukti" actions: the keys of the items whose answer is at risk, most points
    /// at risk first (under policy `none`, the items lacking evidence in criteria order).
    pub actions: Vec<&'a str>,
    /// Items supported / items needing evidence, in percent; null when no item needs evidence.
    pub coverage_percent: Option<f64>,
    /// Items that need evidence and lack it (`missing` or `unsupported`).
    pub items_lacking: usize,
    /// Items that need evidence: answered above their lowest answer.
    pub items_needing: usize,
    /// Items with at least one entry an evaluator can open.
    pub items_supported: usize,
    /// The predicate conditions the claimed score meets and the evidence-backed score does not.
    pub lost_conditions: Vec<LostConditionView<'a>>,
    /// Σ points at risk: `total` (claimed) − the evidence-backed total; null under policy `none`.
    pub points_at_risk: Option<f64>,
    /// `lowest`, `one-step` or `none`.
    pub policy: &'static str,
    /// Each predicate's status under the evidence-backed score; null under policy `none`.
    pub predicates: Option<Vec<LayerPredicateView<'a>>>,
    /// The evidence-backed total; null under policy `none`.
    pub total: Option<f64>,
}

/// A predicate condition lost when the evidence is not completed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LostConditionView<'a> {
    /// The value under the evidence-backed score.
    pub backed_value: Option<f64>,
    /// The value under the claimed score.
    pub claimed_value: Option<f64>,
    /// The condition's key (node, item or area; null for `total`).
    pub key: Option<&'a str>,
    /// `total`, `node`, `item` or `area`.
    pub kind: &'a str,
    /// What the condition asks, in the output language.
    pub label: &'a str,
    /// The predicate's key.
    pub predicate: &'a str,
    pub threshold: Option<f64>,
}

/// A reading or scoring note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagnosticView<'a> {
    pub cell: Option<&'a str>,
    /// A stable code (`invalid_choice`; the list is in docs/cli.md).
    pub code: &'a str,
    pub file: Option<&'a str>,
    /// The key of the item concerned.
    pub item: Option<&'a str>,
    pub message: String,
    /// `error`, `warning` or `info`.
    pub severity: &'a str,
    pub sheet: Option<&'a str>,
}

/// One answer layer's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerView<'a> {
    pub areas: Vec<LayerAreaView<'a>>,
    pub counts: LayerCountsView,
    /// Score of the node `hasil`.
    pub hasil: Option<f64>,
    /// `unit`, `tpi` or `tpn`.
    pub layer: &'a str,
    /// Score of the node `pengungkit`.
    pub pengungkit: Option<f64>,
    pub predicates: Vec<LayerPredicateView<'a>>,
    pub total: f64,
}

/// An area's score in a layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerAreaView<'a> {
    pub key: &'a str,
    pub percent: f64,
    pub score: f64,
}

/// A predicate's status in a layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerPredicateView<'a> {
    pub key: &'a str,
    pub met: bool,
    /// `met`, `not_met` or `scores_met_prior_unknown`.
    pub status: &'a str,
}

/// A layer's item counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LayerCountsView {
    pub answered: usize,
    /// Answers taken from an earlier layer.
    pub inherited: usize,
    pub invalid: usize,
    pub unanswered: usize,
}

/// How two consecutive layers differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerDifferencesView<'a> {
    /// The later layer's total minus the earlier one's.
    pub delta_total: f64,
    /// The earlier layer.
    pub from: &'a str,
    /// The items whose value differs, largest change in points first.
    pub items: Vec<LayerDifferenceView<'a>>,
    /// The later layer.
    pub to: &'a str,
}

/// An item on which two layers disagree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerDifferenceView<'a> {
    /// Points in the later layer minus points in the earlier one.
    pub delta_points: f64,
    pub from_answer: Option<String>,
    pub from_value: Option<f64>,
    /// The layer the later answer was inherited from, if it was.
    pub inherited: Option<&'a str>,
    pub key: &'a str,
    pub text: &'a str,
    pub to_answer: Option<String>,
    pub to_value: Option<f64>,
}

/// The score of the node that plays a role in the regulation (`pengungkit`, `pemenuhan`,
/// `reform`, `hasil`), null if the criteria have none.
/// The score of the node the criteria give this role (`role = "pengungkit"` …); null when no
/// node has it (10/2019 has no pemenuhan/reform split).
fn role_score(c: &Criteria, r: &ScoreResult, role: Role) -> Option<f64> {
    c.role(role).map(|id| r.node(id).score)
}

fn counts(r: &ScoreResult) -> CountsView {
    CountsView {
        answered: r.count_status(ItemStatus::Answered),
        invalid: r.count_status(ItemStatus::Invalid),
        items: r.items.len(),
        unanswered: r.count_status(ItemStatus::Unanswered),
    }
}

/// The document `zona score --format json` prints for this evaluation (its layer shown).
pub fn score_view<'a>(ev: &'a Evaluation, lang: Lang) -> ScoreView<'a> {
    let c: &'a Criteria = ev.criteria;
    let shown = ev.shown();
    let (r, answers) = (&shown.result, &shown.answers);
    let node_key = |id: zona_core::NodeId| c.node(id).key.as_str();
    let nodes = c
        .nodes_preorder()
        .into_iter()
        .map(|id| {
            let n = c.node(id);
            let s = r.node(id);
            NodeView {
                answered: s.answered,
                area: n.area.map(|a| c.areas[a.0].key.as_str()),
                items: s.items,
                key: &n.key,
                name: n.display_name(lang),
                parent: n.parent.map(node_key),
                percent: s.percent(),
                score: s.score,
                weight: n.weight,
            }
        })
        .collect();
    let areas = c
        .areas
        .iter()
        .zip(&r.areas)
        .map(|(a, s)| AreaView {
            key: &a.key,
            name: a.display_name(lang),
            parts: a
                .parts
                .iter()
                .map(|p| {
                    let n = c.node(*p);
                    AreaPartView {
                        component: n.parent.map(node_key),
                        node: &n.key,
                        score: r.node(*p).score,
                        weight: n.weight,
                    }
                })
                .collect(),
            percent: s.percent(),
            score: s.score,
            weight: a.weight,
        })
        .collect();
    let items = c
        .items
        .iter()
        .zip(&r.items)
        .enumerate()
        .map(|(i, (it, s))| {
            let a = answers.items.get(i).and_then(|a| a.as_ref());
            let counts = match &it.answer {
                AnswerKind::Ratio(ratio) => Some(
                    ratio
                        .inputs
                        .iter()
                        .zip(s.counts.iter().chain(std::iter::repeat(&None)))
                        .map(|(inp, v)| (inp.key.as_str(), *v))
                        .collect(),
                ),
                _ => None,
            };
            ItemView {
                answer: s.answer.as_deref(),
                cell: a.map(|a| a.location.sheet_cell()).filter(|s| !s.is_empty()),
                counts,
                evidence: item_evidence(ev, zona_core::ItemId(i), lang),
                index: it.survey_index(s.value),
                inherited_from: a.and_then(|a| a.inherited_from).map(Layer::code),
                key: &it.key,
                max_points: s.max_points,
                note: a.and_then(|a| a.note.as_deref()),
                points: s.points,
                soal_id: it.soal_id,
                status: s.status.code(),
                text: it.display_text(lang),
                answer_type: c.answer_label(it),
                value: s.value,
            }
        })
        .collect();
    let predicates = r
        .predicates
        .iter()
        .map(|p| PredicateView {
            conditions: p
                .conditions
                .iter()
                .map(|cond| ConditionView::new(cond, lang))
                .collect(),
            key: &p.key,
            met: p.met(),
            name: p.name(lang),
            status: p.status.code(),
        })
        .collect();
    let diagnostics = r
        .diagnostics
        .iter()
        .map(|d| {
            let loc = d.location.as_ref();
            DiagnosticView {
                cell: loc.and_then(|l| l.cell.as_deref()),
                code: d.code(),
                file: loc.and_then(|l| l.file.as_deref()),
                item: d.item.as_deref(),
                message: d.message(lang),
                severity: d.severity.code(),
                sheet: loc.and_then(|l| l.sheet.as_deref()),
            }
        })
        .collect();
    let unit = &answers.unit;
    ScoreView {
        areas,
        counts: counts(r),
        criteria: CriteriaView::new(&c.meta),
        diagnostics,
        evidence_backed: evidence_backed(ev, lang),
        hasil: role_score(c, r, Role::Hasil),
        items,
        keeping: keeping_view(ev, lang),
        layer: shown.layer.code(),
        layer_differences: layer_differences(c, &ev.layers, lang),
        layers: layers(c, &ev.layers),
        max_total: r.max_total,
        nodes,
        out: None,
        pemenuhan: role_score(c, r, Role::Pemenuhan),
        pengungkit: role_score(c, r, Role::Pengungkit),
        predicates,
        reform: role_score(c, r, Role::Reform),
        source: SourceView {
            file: answers.source.as_deref(),
            layout: ev.source.layout,
            sheet: &ev.source.sheet,
        },
        total: r.total,
        unanswered_policy: r.policy.code(),
        unit: UnitView {
            awarded_year: unit.awarded_year,
            instansi: unit.instansi.as_deref(),
            name: unit.name.as_deref(),
            origin: unit
                .origin
                .as_ref()
                .map(zona_core::answer::UnitOrigin::code),
            prior_predicate: unit.prior_predicate.as_deref(),
            year: unit.year,
        },
    }
}

/// The "lengkapi bukti" actions of a review: the items whose answer is at risk, most points first
/// ([`EvidenceReview::actions`]); under policy `none` (no points at risk) the items lacking
/// evidence, in criteria order. The text, the JSON and the web page list these.
pub fn evidence_actions(review: &EvidenceReview) -> Vec<ItemId> {
    if review.policy == EvidencePolicy::None {
        (0..review.items.len())
            .map(ItemId)
            .filter(|id| review.items[id.0].status.lacking())
            .collect()
    } else {
        review.actions()
    }
}

/// The cell where an item's evidence is written (its data dukung cell), else its answer's: the
/// unit's own answers, which give the evidence of every layer.
pub fn evidence_cell(ev: &Evaluation, id: ItemId) -> Option<String> {
    let a = ev.unit().answers.get(id)?;
    Some(a.evidence_at.as_ref().unwrap_or(&a.location).sheet_cell()).filter(|s| !s.is_empty())
}

fn sheet_cell(l: &zona_core::Location) -> Option<String> {
    Some(l.sheet_cell()).filter(|s| !s.is_empty())
}

fn item_evidence<'a>(ev: &'a Evaluation, id: ItemId, lang: Lang) -> ItemEvidenceView<'a> {
    let c = ev.criteria;
    let review = &ev.shown().evidence;
    let it = &review.items[id.0];
    let backed = review.backed.is_some();
    let key = c.item(id).key.as_str();
    let documents = c.item(id).evidence.as_ref();
    ItemEvidenceView {
        backed_answer: it.backed_answer.as_deref(),
        backed_points: backed.then_some(it.backed_points),
        cell: evidence_cell(ev, id),
        claimed_points: it.claimed_points,
        diagnostics: review
            .diagnostics
            .iter()
            .filter(|d| d.item.as_deref() == Some(key))
            .map(|d| EvidenceDiagnosticView {
                cell: d.location.as_ref().and_then(sheet_cell),
                code: d.code(),
                message: d.message(lang),
                severity: d.severity.code(),
            })
            .collect(),
        documents_not_mentioned: it
            .documents_not_mentioned
            .iter()
            .filter_map(|k| documents.and_then(|e| e.documents.get(*k)))
            .map(|d| d.name.as_str())
            .collect(),
        entries: it
            .entries
            .iter()
            .map(|e| EvidenceEntryView {
                cell: sheet_cell(&e.evidence.location),
                kind: e.evidence.kind.code(),
                link: e.evidence.link(),
                status: e.status.code(),
                text: &e.evidence.text,
            })
            .collect(),
        points_at_risk: backed.then(|| it.points_at_risk()),
        status: it.status.code(),
    }
}

fn evidence_backed<'a>(ev: &'a Evaluation, lang: Lang) -> EvidenceBackedView<'a> {
    let c = ev.criteria;
    let shown = ev.shown();
    let review = &shown.evidence;
    let backed = review.backed.as_ref();
    EvidenceBackedView {
        actions: evidence_actions(review)
            .into_iter()
            .map(|id| c.item(id).key.as_str())
            .collect(),
        coverage_percent: review.coverage_percent(),
        items_lacking: review.lacking(),
        items_needing: review.needing(),
        items_supported: review.supported(),
        lost_conditions: review
            .lost
            .iter()
            .filter_map(|l| {
                let claimed = shown.result.predicates.get(l.predicate)?;
                let cond = claimed.conditions.get(l.condition)?;
                let backed_cond = backed?
                    .predicates
                    .get(l.predicate)?
                    .conditions
                    .get(l.condition)?;
                Some(LostConditionView {
                    backed_value: backed_cond.value,
                    claimed_value: cond.value,
                    key: cond.key.as_deref(),
                    kind: cond.kind(),
                    label: cond.label(lang),
                    predicate: &claimed.key,
                    threshold: cond.threshold,
                })
            })
            .collect(),
        points_at_risk: backed.map(|_| review.points_at_risk()),
        policy: review.policy.code(),
        predicates: backed.map(|b| {
            b.predicates
                .iter()
                .map(|p| LayerPredicateView {
                    key: &p.key,
                    met: p.met(),
                    status: p.status.code(),
                })
                .collect()
        }),
        total: review.backed_total(),
    }
}

fn layers<'a>(c: &'a Criteria, layers: &'a [ScoredLayer]) -> Vec<LayerView<'a>> {
    layers
        .iter()
        .map(|s| {
            let r = &s.result;
            LayerView {
                areas: c
                    .areas
                    .iter()
                    .zip(&r.areas)
                    .map(|(a, x)| LayerAreaView {
                        key: &a.key,
                        percent: x.percent(),
                        score: x.score,
                    })
                    .collect(),
                counts: LayerCountsView {
                    answered: r.count_status(ItemStatus::Answered),
                    inherited: s
                        .answers
                        .items
                        .iter()
                        .flatten()
                        .filter(|a| a.inherited_from.is_some())
                        .count(),
                    invalid: r.count_status(ItemStatus::Invalid),
                    unanswered: r.count_status(ItemStatus::Unanswered),
                },
                hasil: role_score(c, r, Role::Hasil),
                layer: s.layer.code(),
                pengungkit: role_score(c, r, Role::Pengungkit),
                predicates: r
                    .predicates
                    .iter()
                    .map(|p| LayerPredicateView {
                        key: &p.key,
                        met: p.met(),
                        status: p.status.code(),
                    })
                    .collect(),
                total: r.total,
            }
        })
        .collect()
}

fn layer_differences<'a>(
    c: &'a Criteria,
    layers: &'a [ScoredLayer],
    lang: Lang,
) -> Vec<LayerDifferencesView<'a>> {
    layers
        .windows(2)
        .map(|pair| {
            let (from, to) = (&pair[0], &pair[1]);
            let items = differences(c, &from.result, &to.result)
                .into_iter()
                .map(|d| {
                    let item = c.item(d.item);
                    LayerDifferenceView {
                        delta_points: d.delta_points,
                        from_answer: d.from_answer,
                        from_value: d.from_value,
                        inherited: to.answers.items[d.item.0]
                            .as_ref()
                            .and_then(|a| a.inherited_from)
                            .map(Layer::code),
                        key: &item.key,
                        text: item.display_text(lang),
                        to_answer: d.to_answer,
                        to_value: d.to_value,
                    }
                })
                .collect();
            LayerDifferencesView {
                delta_total: to.result.total - from.result.total,
                from: from.layer.code(),
                items,
                to: to.layer.code(),
            }
        })
        .collect()
}
