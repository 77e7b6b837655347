//! Rendering a score for the terminal (text) and for programs (JSON). The JSON shape is documented
//! in docs/cli.md and is a contract: add keys, do not rename them.

use serde_json::{json, Map, Value};
use zona_core::lang::{fmt2, fmt2_signed, fmt_plain};
use zona_core::layers::{differences, Layer};
use zona_core::{AnswerSet, Criteria, ItemStatus, Lang, ScoreResult, Severity};
use zona_xlsx::SourceInfo;

/// One answer layer, read and scored.
pub struct Scored {
    pub layer: Layer,
    pub answers: AnswerSet,
    pub result: ScoreResult,
}

pub struct Context<'a> {
    pub criteria: &'a Criteria,
    /// Every layer the source has, in evaluation order (unit, TPI, TPN).
    pub layers: &'a [Scored],
    /// The layer the summary shows (index into `layers`).
    pub shown: usize,
    pub source: &'a SourceInfo,
    pub lang: Lang,
}

impl Context<'_> {
    fn shown(&self) -> &Scored {
        &self.layers[self.shown]
    }
}

/// How many layer differences the text summary lists.
const TEXT_DIFFERENCES_SHOWN: usize = 15;

/// How many diagnostics the text summary lists before pointing to the JSON output.
const TEXT_DIAGNOSTICS_SHOWN: usize = 25;

pub fn text_summary(ctx: &Context) -> String {
    let (c, r, lang) = (ctx.criteria, &ctx.shown().result, ctx.lang);
    let answers = &ctx.shown().answers;
    let mut out = String::new();
    let line = |out: &mut String, s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(
        &mut out,
        lang.pick(
            "zona — Penilaian LKE Zona Integritas",
            "zona — Zona Integritas LKE score",
        )
        .into(),
    );
    line(
        &mut out,
        format!(
            "{:<10}: {} ({} \"{}\")",
            lang.pick("Berkas", "File"),
            answers.source.as_deref().unwrap_or("-"),
            lang.pick("lembar", "sheet"),
            ctx.source.sheet
        ),
    );
    let u = &answers.unit;
    if u.name.is_some() || u.year.is_some() {
        let mut parts = vec![u.name.clone().unwrap_or_else(|| "-".into())];
        if let Some(i) = &u.instansi {
            parts.push(i.clone());
        }
        if let Some(y) = u.year {
            parts.push(y.to_string());
        }
        let origin = u
            .origin
            .as_ref()
            .map(|o| format!(" ({} {})", lang.pick("dari", "from"), o.label(lang)))
            .unwrap_or_default();
        line(
            &mut out,
            format!(
                "{:<10}: {}{origin}",
                lang.pick("Unit", "Unit"),
                parts.join(", ")
            ),
        );
    }
    line(
        &mut out,
        format!(
            "{:<10}: {} [{}]",
            lang.pick("Kriteria", "Criteria"),
            c.meta.name,
            c.meta.id
        ),
    );
    if ctx.layers.len() > 1 || ctx.shown().layer != Layer::Unit {
        line(
            &mut out,
            format!(
                "{:<10}: {}",
                lang.pick("Lapisan", "Layer"),
                ctx.shown().layer.label(lang)
            ),
        );
    }
    line(
        &mut out,
        format!(
            "{:<10}: {}",
            lang.pick("Belum diisi", "Unanswered"),
            match r.policy {
                zona_core::UnansweredPolicy::Zero => lang.pick(
                    "dihitung 0 (seperti bila diajukan sekarang)",
                    "count as 0 (as if submitted now)"
                ),
                zona_core::UnansweredPolicy::Exclude => lang.pick(
                    "tidak ikut dirata-rata (seperti rumus LKE)",
                    "left out of the mean (as the LKE formulas do)"
                ),
            }
        ),
    );
    out.push('\n');

    line(
        &mut out,
        format!(
            "{:<44} {:>8} / {:>6}",
            lang.pick("NILAI TOTAL", "TOTAL SCORE"),
            fmt2(r.total, lang),
            fmt2(r.max_total, lang)
        ),
    );
    for root in &c.roots {
        let n = c.node(*root);
        let s = r.node(*root);
        line(
            &mut out,
            format!(
                "  {:<42} {:>8} / {:>6}  {:>7}%",
                n.display_name(lang),
                fmt2(s.score, lang),
                fmt2(s.weight, lang),
                fmt2(s.percent(), lang)
            ),
        );
        for ch in &n.children {
            let cn = c.node(*ch);
            let cs = r.node(*ch);
            line(
                &mut out,
                format!(
                    "    {:<40} {:>8} / {:>6}  {:>7}%",
                    truncate(cn.display_name(lang), 40),
                    fmt2(cs.score, lang),
                    fmt2(cs.weight, lang),
                    fmt2(cs.percent(), lang)
                ),
            );
        }
    }
    out.push('\n');

    if !c.areas.is_empty() {
        line(
            &mut out,
            format!(
                "{:<46} {:>8} {:>8} {:>9}",
                lang.pick(
                    "AREA PENGUNGKIT (pemenuhan + reform)",
                    "ENABLER AREAS (pemenuhan + reform)"
                ),
                lang.pick("Nilai", "Score"),
                lang.pick("Bobot", "Weight"),
                lang.pick("% bobot", "% weight")
            ),
        );
        for (a, s) in c.areas.iter().zip(&r.areas) {
            line(
                &mut out,
                format!(
                    "  {:<44} {:>8} {:>8} {:>8}%",
                    truncate(a.display_name(lang), 44),
                    fmt2(s.score, lang),
                    fmt2(s.weight, lang),
                    fmt2(s.percent(), lang)
                ),
            );
        }
        out.push('\n');
    }

    line(&mut out, lang.pick("PREDIKAT", "PREDICATES").into());
    for p in &r.predicates {
        line(
            &mut out,
            format!("  {}: {}", p.name(lang), p.status_label(lang)),
        );
        for cond in &p.conditions {
            let mark = match cond.passed {
                Some(true) => "[v]",
                Some(false) => "[x]",
                None => "[?]",
            };
            match (cond.value, cond.threshold, cond.margin) {
                (Some(v), Some(t), Some(m)) => {
                    let (vs, ts) = match (cond.value_percent, cond.threshold_percent) {
                        (Some(vp), Some(tp)) => (
                            format!("{} ({}%)", fmt2(v, lang), fmt2(vp, lang)),
                            format!("{} ({}%)", fmt2(t, lang), fmt_plain(tp, lang)),
                        ),
                        _ => (fmt2(v, lang), fmt2(t, lang)),
                    };
                    line(
                        &mut out,
                        format!(
                            "    {mark} {:<52} {:>16}  ≥ {:<14} {} {}",
                            truncate(cond.label(lang), 52),
                            vs,
                            ts,
                            lang.pick("selisih", "margin"),
                            fmt2_signed(m, lang)
                        ),
                    );
                }
                _ => {
                    let state = match cond.passed {
                        Some(true) => lang.pick("ya", "yes"),
                        Some(false) => lang.pick("tidak", "no"),
                        None => lang.pick(
                            "belum dinyatakan (--prior-wbk yes|no)",
                            "not stated (--prior-wbk yes|no)",
                        ),
                    };
                    line(
                        &mut out,
                        format!("    {mark} {:<52} {state}", truncate(cond.label(lang), 52)),
                    );
                }
            }
        }
    }
    out.push('\n');

    let n = r.items.len();
    let answered = r.count_status(ItemStatus::Answered);
    let unanswered = r.count_status(ItemStatus::Unanswered);
    let invalid = r.count_status(ItemStatus::Invalid);
    line(
        &mut out,
        match lang {
            Lang::Id => format!(
                "ITEM: {n} item dinilai — {answered} dijawab, {unanswered} belum dijawab, {invalid} jawaban tidak sah"
            ),
            Lang::En => format!("ITEMS: {n} scored — {answered} answered, {unanswered} unanswered, {invalid} invalid"),
        },
    );
    if ctx.layers.len() > 1 {
        out.push_str(&text_layers(ctx));
    }
    let shown: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info || d.code() != "unanswered")
        .collect();
    if !shown.is_empty() {
        line(
            &mut out,
            format!(
                "{} ({}):",
                lang.pick(
                    "CATATAN PEMBACAAN DAN PENILAIAN",
                    "READING AND SCORING NOTES"
                ),
                shown.len()
            ),
        );
        for d in shown.iter().take(TEXT_DIAGNOSTICS_SHOWN) {
            let loc = d
                .location
                .as_ref()
                .map(|l| l.sheet_cell())
                .unwrap_or_default();
            line(
                &mut out,
                format!(
                    "  {:<10} {:<12} {}",
                    d.severity.label(lang),
                    loc,
                    d.message(lang)
                ),
            );
        }
        if shown.len() > TEXT_DIAGNOSTICS_SHOWN {
            line(
                &mut out,
                match lang {
                    Lang::Id => format!(
                        "  … dan {} lainnya (lihat --format json)",
                        shown.len() - TEXT_DIAGNOSTICS_SHOWN
                    ),
                    Lang::En => format!(
                        "  … and {} more (see --format json)",
                        shown.len() - TEXT_DIAGNOSTICS_SHOWN
                    ),
                },
            );
        }
    }
    out
}

/// The layers side by side and where they disagree.
fn text_layers(ctx: &Context) -> String {
    let (c, lang) = (ctx.criteria, ctx.lang);
    let mut out = String::new();
    out.push_str(&format!(
        "\n{}\n",
        lang.pick("LAPISAN JAWABAN", "ANSWER LAYERS")
    ));
    for s in ctx.layers {
        let inherited = s
            .answers
            .items
            .iter()
            .flatten()
            .filter(|a| a.inherited_from.is_some())
            .count();
        let status: Vec<String> = s
            .result
            .predicates
            .iter()
            .map(|p| format!("{} {}", p.name(lang), p.status_label(lang)))
            .collect();
        out.push_str(&format!(
            "  {:<28} {:>8}   {}{}\n",
            s.layer.label(lang),
            fmt2(s.result.total, lang),
            status.join("; "),
            if inherited > 0 {
                match lang {
                    Lang::Id => format!("  ({inherited} jawaban diwarisi dari lapisan sebelumnya)"),
                    Lang::En => {
                        format!("  ({inherited} answers inherited from the previous layer)")
                    }
                }
            } else {
                String::new()
            }
        ));
    }
    for pair in ctx.layers.windows(2) {
        let diffs = differences(c, &pair[0].result, &pair[1].result);
        out.push_str(&format!(
            "  {} → {}: {} {}\n",
            pair[0].layer.code().to_uppercase(),
            pair[1].layer.code().to_uppercase(),
            diffs.len(),
            lang.pick(
                "item berbeda (terbesar dulu)",
                "items differ (largest first)"
            )
        ));
        for d in diffs.iter().take(TEXT_DIFFERENCES_SHOWN) {
            let item = c.item(d.item);
            let show = |a: &Option<String>, v: Option<f64>| {
                a.clone()
                    .or(v.map(|v| format!("{}%", fmt2(v * 100.0, lang))))
                    .unwrap_or_else(|| "-".into())
            };
            out.push_str(&format!(
                "    {:>7}  {:<10} {} → {}  {}\n",
                fmt2_signed(d.delta_points, lang),
                item.key.rsplit('.').nth(1).unwrap_or(""),
                show(&d.from_answer, d.from_value),
                show(&d.to_answer, d.to_value),
                truncate(item.display_text(lang), 70)
            ));
        }
    }
    out
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let t: String = s.chars().take(max - 1).collect();
        format!("{t}…")
    }
}

/// One predicate condition as JSON (the shape docs/cli.md documents; shared by score, compare
/// and batch).
pub fn condition_json(c: &zona_core::ConditionResult, lang: Lang) -> Value {
    json!({
        "kind": c.kind(),
        "key": c.key,
        "label": c.label(lang),
        "value": opt(c.value),
        "threshold": opt(c.threshold),
        "value_percent": opt(c.value_percent),
        "threshold_percent": opt(c.threshold_percent),
        "passed": c.passed,
        "margin": opt(c.margin),
    })
}

fn opt(v: Option<f64>) -> Value {
    v.map(Value::from).unwrap_or(Value::Null)
}

pub fn json_summary(ctx: &Context) -> String {
    let (c, r, lang) = (ctx.criteria, &ctx.shown().result, ctx.lang);
    let answers = &ctx.shown().answers;
    let score_of = |key: &str| opt(r.node_score(c, key));
    let nodes: Vec<Value> = c
        .nodes_preorder()
        .into_iter()
        .map(|id| {
            let n = c.node(id);
            let s = r.node(id);
            json!({
                "key": n.key,
                "name": n.display_name(lang),
                "parent": n.parent.map(|p| c.node(p).key.clone()),
                "area": n.area.map(|a| c.areas[a.0].key.clone()),
                "weight": n.weight,
                "score": s.score,
                "percent": s.percent(),
                "items": s.items,
                "answered": s.answered,
            })
        })
        .collect();
    let areas: Vec<Value> = c
        .areas
        .iter()
        .zip(&r.areas)
        .map(|(a, s)| {
            let parts: Vec<Value> = a
                .parts
                .iter()
                .map(|p| {
                    let n = c.node(*p);
                    json!({
                        "node": n.key,
                        "component": n.parent.map(|pp| c.node(pp).key.clone()),
                        "weight": n.weight,
                        "score": r.node(*p).score,
                    })
                })
                .collect();
            json!({
                "key": a.key,
                "name": a.display_name(lang),
                "weight": a.weight,
                "score": s.score,
                "percent": s.percent(),
                "parts": parts,
            })
        })
        .collect();
    let items: Vec<Value> = c
        .items
        .iter()
        .zip(&r.items)
        .enumerate()
        .map(|(i, (it, s))| {
            let a = answers.items.get(i).and_then(|a| a.as_ref());
            let mut m = Map::new();
            m.insert("key".into(), json!(it.key));
            m.insert("text".into(), json!(it.display_text(lang)));
            m.insert("soal_id".into(), json!(it.soal_id));
            m.insert("type".into(), json!(c.answer_label(it)));
            m.insert("status".into(), json!(s.status.code()));
            m.insert("answer".into(), json!(s.answer));
            m.insert("value".into(), opt(s.value));
            m.insert("points".into(), json!(s.points));
            m.insert("max_points".into(), json!(s.max_points));
            if let zona_core::AnswerKind::Ratio(ratio) = &it.answer {
                let counts: Map<String, Value> = ratio
                    .inputs
                    .iter()
                    .zip(s.counts.iter().chain(std::iter::repeat(&None)))
                    .map(|(inp, v)| (inp.key.clone(), opt(*v)))
                    .collect();
                m.insert("counts".into(), Value::Object(counts));
            }
            m.insert(
                "cell".into(),
                json!(a.map(|a| a.location.sheet_cell()).filter(|s| !s.is_empty())),
            );
            m.insert("note".into(), json!(a.and_then(|a| a.note.clone())));
            m.insert(
                "inherited_from".into(),
                json!(a.and_then(|a| a.inherited_from).map(|l| l.code())),
            );
            let evidence: Vec<Value> = a
                .map(|a| {
                    a.evidence
                        .iter()
                        .map(|e| json!({"text": e.text, "link": e.link}))
                        .collect()
                })
                .unwrap_or_default();
            m.insert("evidence".into(), Value::Array(evidence));
            Value::Object(m)
        })
        .collect();
    let predicates: Vec<Value> = r
        .predicates
        .iter()
        .map(|p| {
            let conds: Vec<Value> = p
                .conditions
                .iter()
                .map(|cond| condition_json(cond, lang))
                .collect();
            json!({
                "key": p.key,
                "name": p.name(lang),
                "met": p.met(),
                "status": p.status.code(),
                "conditions": conds,
            })
        })
        .collect();
    let diagnostics: Vec<Value> = r
        .diagnostics
        .iter()
        .map(|d| {
            let loc = d.location.clone().unwrap_or_default();
            json!({
                "severity": d.severity.code(),
                "code": d.code(),
                "message": d.message(lang),
                "file": loc.file.as_deref(),
                "sheet": loc.sheet.as_deref(),
                "cell": loc.cell,
                "item": d.item,
            })
        })
        .collect();
    let doc = json!({
        "criteria": {
            "id": c.meta.id,
            "name": c.meta.name,
            "version": c.meta.version,
            "provisional": c.meta.provisional,
        },
        "unit": {
            "name": answers.unit.name,
            "instansi": answers.unit.instansi,
            "year": answers.unit.year,
            "prior_predicate": answers.unit.prior_predicate,
            "origin": answers.unit.origin.as_ref().map(|o| o.code()),
        },
        "source": {
            "file": answers.source.as_deref(),
            "layout": ctx.source.layout,
            "sheet": ctx.source.sheet,
        },
        "unanswered_policy": r.policy.code(),
        "layer": ctx.shown().layer.code(),
        "layers": json_layers(ctx),
        "layer_differences": json_layer_differences(ctx),
        "total": r.total,
        "max_total": r.max_total,
        "pengungkit": score_of("pengungkit"),
        "pemenuhan": score_of("pemenuhan"),
        "reform": score_of("reform"),
        "hasil": score_of("hasil"),
        "areas": areas,
        "predicates": predicates,
        "counts": {
            "items": r.items.len(),
            "answered": r.count_status(ItemStatus::Answered),
            "unanswered": r.count_status(ItemStatus::Unanswered),
            "invalid": r.count_status(ItemStatus::Invalid),
        },
        "nodes": nodes,
        "items": items,
        "diagnostics": diagnostics,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn json_layers(ctx: &Context) -> Vec<Value> {
    let c = ctx.criteria;
    ctx.layers
        .iter()
        .map(|s| {
            let r = &s.result;
            json!({
                "layer": s.layer.code(),
                "total": r.total,
                "pengungkit": opt(r.node_score(c, "pengungkit")),
                "hasil": opt(r.node_score(c, "hasil")),
                "areas": c.areas.iter().zip(&r.areas).map(|(a, x)| json!({"key": a.key, "score": x.score, "percent": x.percent()})).collect::<Vec<_>>(),
                "predicates": r.predicates.iter().map(|p| json!({"key": p.key, "met": p.met(), "status": p.status.code()})).collect::<Vec<_>>(),
                "counts": {
                    "answered": r.count_status(ItemStatus::Answered),
                    "unanswered": r.count_status(ItemStatus::Unanswered),
                    "invalid": r.count_status(ItemStatus::Invalid),
                    "inherited": s.answers.items.iter().flatten().filter(|a| a.inherited_from.is_some()).count(),
                },
            })
        })
        .collect()
}

fn json_layer_differences(ctx: &Context) -> Vec<Value> {
    let (c, lang) = (ctx.criteria, ctx.lang);
    ctx.layers
        .windows(2)
        .map(|pair| {
            let items: Vec<Value> = differences(c, &pair[0].result, &pair[1].result)
                .into_iter()
                .map(|d| {
                    let item = c.item(d.item);
                    json!({
                        "key": item.key,
                        "text": item.display_text(lang),
                        "from_answer": d.from_answer,
                        "to_answer": d.to_answer,
                        "from_value": opt(d.from_value),
                        "to_value": opt(d.to_value),
                        "delta_points": d.delta_points,
                        "inherited": pair[1].answers.items[d.item.0].as_ref().and_then(|a| a.inherited_from).map(|l| l.code()),
                    })
                })
                .collect();
            json!({
                "from": pair[0].layer.code(),
                "to": pair[1].layer.code(),
                "delta_total": pair[1].result.total - pair[0].result.total,
                "items": items,
            })
        })
        .collect()
}

pub fn criteria_tree(c: &Criteria, with_items: bool, lang: Lang) -> String {
    let mut out = format!(
        "{} [{}]\n{}: {}\n\n",
        c.meta.name,
        c.meta.id,
        lang.pick("Regulasi", "Regulation"),
        c.meta.regulation
    );
    for id in c.nodes_preorder() {
        let n = c.node(id);
        let indent = "  ".repeat(n.depth);
        let area = n
            .area
            .map(|a| format!("  [area {}]", c.areas[a.0].key))
            .unwrap_or_default();
        let label = format!(
            "{indent}{} {}",
            n.marker.as_deref().unwrap_or(""),
            n.display_name(lang)
        );
        out.push_str(&format!(
            "{:<72} {:>7}{area}\n",
            truncate(label.trim_end(), 72),
            fmt2(n.weight, lang)
        ));
        if with_items {
            for i in &n.items {
                let it = c.item(*i);
                let w = it.weight.map(|w| fmt2(w, lang)).unwrap_or_default();
                let label = format!(
                    "{indent}  {} {}",
                    it.marker.as_deref().unwrap_or("-"),
                    it.display_text(lang)
                );
                out.push_str(&format!(
                    "{:<72} {:>7}  {}\n",
                    truncate(&label, 72),
                    w,
                    c.answer_label(it)
                ));
            }
        }
    }
    out.push_str(&format!(
        "\n{}: {}\n",
        lang.pick("Total bobot", "Total weight"),
        fmt2(c.max_total(), lang)
    ));
    out
}
