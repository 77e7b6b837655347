//! One evaluation rendered for the terminal (text) and for programs (JSON): what `zona score`
//! prints. The JSON is [`view::ScoreView`], documented in docs/cli.md; it is a contract: add keys,
//! do not rename them.

use zona_core::evidence::ItemEvidenceStatus;
use zona_core::lang::{fmt2, fmt2_signed, fmt_dec, fmt_dec_signed, fmt_plain};
use zona_core::layers::{differences, Layer};
use zona_core::{Criteria, Evaluation, ItemStatus, Lang, ScoredLayer, Severity, SourceInfo};

use super::{pad, truncate, view};

struct Context<'a> {
    criteria: &'a Criteria,
    /// Every layer the source has, in evaluation order (unit, TPI, TPN).
    layers: &'a [ScoredLayer],
    /// The layer the summary shows (index into `layers`).
    shown: usize,
    source: &'a SourceInfo,
    lang: Lang,
}

impl<'a> Context<'a> {
    fn new(ev: &'a Evaluation<'a>, lang: Lang) -> Self {
        Context {
            criteria: ev.criteria,
            layers: &ev.layers,
            shown: ev.shown,
            source: &ev.source,
            lang,
        }
    }

    fn shown(&self) -> &ScoredLayer {
        &self.layers[self.shown]
    }
}

/// How many layer differences the text summary lists.
const TEXT_DIFFERENCES_SHOWN: usize = 15;

/// How many diagnostics the text summary lists before pointing to the JSON output.
const TEXT_DIAGNOSTICS_SHOWN: usize = 25;

/// How many unanswered items the text summary lists unless asked for all.
const TEXT_UNANSWERED_SHOWN: usize = 10;

/// How many "lengkapi bukti" actions the text summary lists unless asked for all.
const TEXT_ACTIONS_SHOWN: usize = 10;

/// What the text summary shows besides the fixed parts.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// List every unanswered item (`--all`), not only the first ten.
    pub all_unanswered: bool,
    /// List every "lengkapi bukti" action (`--all`), not only the first ten.
    pub all_evidence_actions: bool,
}

/// The summary `zona score` prints.
pub fn text(ev: &Evaluation, lang: Lang) -> String {
    text_with(ev, lang, &TextOptions::default(), None)
}

/// [`text`] with options; `report`: where the xlsx report was written, if it was.
pub fn text_with(
    ev: &Evaluation,
    lang: Lang,
    options: &TextOptions,
    report: Option<&std::path::Path>,
) -> String {
    let mut out = text_unescaped(ev, lang, options);
    if let Some(path) = report {
        out.push_str(&format!(
            "\n{}: {}\n",
            lang.pick("Laporan ditulis ke", "Report written to"),
            path.display()
        ));
    }
    super::terminal_safe(&out)
}

/// The summary `zona score` prints.
fn text_unescaped(ev: &Evaluation, lang: Lang, options: &TextOptions) -> String {
    let ctx = &Context::new(ev, lang);
    let (c, r, lang) = (ctx.criteria, &ctx.shown().result, ctx.lang);
    let answers = &ctx.shown().answers;
    let mut out = String::new();
    // One line each: a line break from an input (a file or sheet name) is shown escaped.
    let line = |out: &mut String, s: String| {
        out.push_str(&zona_core::lang::one_line(&s));
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
    // A document (PortalRB JSON) has no sheet to name.
    let sheet = if ctx.source.sheet.is_empty() {
        String::new()
    } else {
        format!(
            " ({} \"{}\")",
            lang.pick("lembar", "sheet"),
            ctx.source.sheet
        )
    };
    line(
        &mut out,
        format!(
            "{:<10}: {}{sheet}",
            lang.pick("Berkas", "File"),
            answers.source.as_deref().unwrap_or("-"),
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

    // A holder's keeping verdict leads (Lampiran II Bab IV).
    if let Some(k) = &ev.keeping {
        line(&mut out, crate::report::verdict_line(c, k, lang));
        for (_, d) in crate::report::keeping_details(k, lang) {
            line(&mut out, format!("  {d}"));
        }
        out.push('\n');
    }

    line(
        &mut out,
        format!(
            "{:<44} {:>8} / {:>6}",
            lang.pick("NILAI TOTAL", "TOTAL SCORE"),
            fmt_dec(r.total, r.total_decimals(), lang),
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
                    let d = cond.decimals();
                    let (vs, ts) = match (cond.value_percent, cond.threshold_percent) {
                        (Some(vp), Some(tp)) => (
                            format!(
                                "{} ({}%)",
                                fmt_dec(v, d, lang),
                                fmt_dec(vp, cond.percent_decimals(), lang)
                            ),
                            format!("{} ({}%)", fmt2(t, lang), fmt_plain(tp, lang)),
                        ),
                        _ => (fmt_dec(v, d, lang), fmt2(t, lang)),
                    };
                    line(
                        &mut out,
                        format!(
                            "    {mark} {:<52} {:>16}  ≥ {:<14} {} {}",
                            truncate(cond.label(lang), 52),
                            vs,
                            ts,
                            lang.pick("selisih", "margin"),
                            fmt_dec_signed(m, d, lang)
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

    out.push_str(&evidence_section(ev, lang, options.all_evidence_actions));

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
    out.push_str(&unanswered_list(ctx, options.all_unanswered));
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
                .map(zona_core::Location::sheet_cell)
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

/// The unanswered items with their cells: the first ten (all with `all`), then how many more.
fn unanswered_list(ctx: &Context, all: bool) -> String {
    let (c, lang) = (ctx.criteria, ctx.lang);
    let r = &ctx.shown().result;
    let items: Vec<(String, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code() == "unanswered")
        .filter_map(|d| {
            let key = d.item.as_deref()?;
            let cell = d
                .location
                .as_ref()
                .map(zona_core::Location::sheet_cell)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "-".into());
            Some((cell, key))
        })
        .collect();
    if items.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "{} ({}):\n",
        lang.pick("BELUM DIJAWAB", "UNANSWERED"),
        items.len()
    );
    let shown = if all {
        items.len()
    } else {
        TEXT_UNANSWERED_SHOWN
    };
    for (cell, key) in items.iter().take(shown) {
        let text = c
            .item_by_key(key)
            .map_or("", |id| c.item(id).display_text(lang));
        out.push_str(&format!("  {cell:<12} {}\n", truncate(text, 90)));
    }
    if items.len() > shown {
        out.push_str(&match lang {
            Lang::Id => format!("  … dan {} lainnya (semua: --all)\n", items.len() - shown),
            Lang::En => format!("  … and {} more (all: --all)\n", items.len() - shown),
        });
    }
    out
}

/// The evidence (data dukung) section: both totals, the items without acceptable evidence, the
/// coverage, the conditions lost and the "lengkapi bukti" actions with their cells (the first
/// ten, all with `all`).
fn evidence_section(ev: &Evaluation, lang: Lang, all: bool) -> String {
    let (c, shown) = (ev.criteria, ev.shown());
    let (r, review) = (&shown.result, &shown.evidence);
    let mut out = format!("{}\n", lang.pick("BUKTI (DATA DUKUNG)", "EVIDENCE"));
    let policy = review.policy.label(lang);
    let claimed = fmt_dec(r.total, r.total_decimals(), lang);
    let backed = review
        .backed
        .as_ref()
        .map(|b| fmt_dec(b.total, b.total_decimals(), lang));
    out.push_str(&match (backed, lang) {
        (Some(b), Lang::Id) => format!(
            "  Nilai diklaim {claimed} · nilai didukung bukti {b} (kebijakan: {policy})\n"
        ),
        (Some(b), Lang::En) => format!(
            "  Claimed score {claimed} · evidence-backed score {b} (policy: {policy})\n"
        ),
        (None, Lang::Id) => format!(
            "  Nilai diklaim {claimed} · nilai didukung bukti tidak dihitung (kebijakan: {policy})\n"
        ),
        (None, Lang::En) => format!(
            "  Claimed score {claimed} · evidence-backed score not computed (policy: {policy})\n"
        ),
    });
    let needing = review.needing();
    if needing == 0 {
        out.push_str(lang.pick(
            "  Tidak ada item yang perlu bukti (tidak ada jawaban di atas jawaban terendah)\n",
            "  No item needs evidence (no answer above its lowest answer)\n",
        ));
    } else {
        let lacking = review.lacking();
        let coverage = review
            .coverage_percent()
            .map_or_else(|| "-".into(), |p| fmt2(p, lang));
        let at_risk = review
            .backed
            .as_ref()
            .map(|_| fmt2(review.points_at_risk(), lang));
        out.push_str(&match lang {
            Lang::Id => format!(
                "  Item tanpa bukti yang dapat diterima: {lacking} dari {needing} item yang perlu bukti · cakupan bukti {coverage}%{}\n",
                at_risk.map(|p| format!(" · {p} poin berisiko")).unwrap_or_default()
            ),
            Lang::En => format!(
                "  Items without acceptable evidence: {lacking} of {needing} that need evidence · evidence coverage {coverage}%{}\n",
                at_risk.map(|p| format!(" · {p} points at risk")).unwrap_or_default()
            ),
        });
    }
    let notes = review.diagnostics.len();
    if notes > 0 {
        out.push_str(&match lang {
            Lang::Id => {
                format!("  Catatan pemeriksaan bukti: {notes} (lihat --format json atau --out)\n")
            }
            Lang::En => format!("  Evidence check notes: {notes} (see --format json or --out)\n"),
        });
    }
    if let (Some(backed), false) = (&review.backed, review.lost.is_empty()) {
        out.push_str(&format!(
            "  {} ({}):\n",
            lang.pick(
                "Syarat yang tidak terpenuhi bila bukti tidak dilengkapi",
                "Conditions lost unless the evidence is completed"
            ),
            review.lost.len()
        ));
        for l in &review.lost {
            let (Some(p), Some(b)) = (
                r.predicates.get(l.predicate),
                backed.predicates.get(l.predicate),
            ) else {
                continue;
            };
            let (Some(cond), Some(bc)) =
                (p.conditions.get(l.condition), b.conditions.get(l.condition))
            else {
                continue;
            };
            let v = |x: Option<f64>| x.map_or_else(|| "-".into(), |x| fmt2(x, lang));
            out.push_str(&format!(
                "    [x] {} {} {:>6} → {} {:>6}  ≥ {:>6}\n",
                pad(
                    &truncate(&format!("{}: {}", p.name(lang), cond.label(lang)), 58),
                    58
                ),
                lang.pick("diklaim", "claimed"),
                v(cond.value),
                lang.pick("didukung", "backed"),
                v(bc.value),
                v(cond.threshold)
            ));
        }
    }
    let actions = view::evidence_actions(review);
    if !actions.is_empty() {
        out.push_str(&format!(
            "{} ({}{}):\n",
            lang.pick("LENGKAPI BUKTI", "COMPLETE THE EVIDENCE"),
            actions.len(),
            if review.backed.is_some() {
                lang.pick(
                    ", poin berisiko terbesar dulu",
                    ", most points at risk first",
                )
            } else {
                ""
            }
        ));
        let shown_n = if all {
            actions.len()
        } else {
            TEXT_ACTIONS_SHOWN
        };
        for id in actions.iter().take(shown_n) {
            let it = &review.items[id.0];
            let item = c.item(*id);
            let cell = view::evidence_cell(ev, *id).unwrap_or_else(|| "-".into());
            let status = match it.status {
                ItemEvidenceStatus::Missing => lang.pick("tanpa data dukung", "no evidence"),
                _ => lang.pick("bukti tak dapat dibuka", "evidence not openable"),
            };
            let risk = if review.backed.is_some() {
                let s = r.item(*id);
                // An index answer ("3.55") in the language's decimals ("3,55").
                let from = s.answer.as_deref().map(|a| match a.parse::<f64>() {
                    Ok(v) => zona_core::lang::fmt_plain(v, lang),
                    Err(_) => a.to_string(),
                });
                let from = from.unwrap_or_else(|| {
                    s.value
                        .map_or_else(|| "-".into(), |v| format!("{}%", fmt2(v * 100.0, lang)))
                });
                let to = match (&it.backed_answer, &s.answer) {
                    (Some(b), _) => b.clone(),
                    (None, Some(_)) => "0".into(),
                    (None, None) => format!("{}%", fmt2(0.0, lang)),
                };
                let change = format!("{from} → {to}");
                format!("{:>8} {:<16} ", fmt2(-it.points_at_risk(), lang), change)
            } else {
                String::new()
            };
            out.push_str(&format!(
                "  {cell:<12} {risk}{status:<22} {}\n",
                truncate(item.display_text(lang), 70)
            ));
        }
        if actions.len() > shown_n {
            out.push_str(&match lang {
                Lang::Id => format!(
                    "  … dan {} lainnya (semua: --all)\n",
                    actions.len() - shown_n
                ),
                Lang::En => format!("  … and {} more (all: --all)\n", actions.len() - shown_n),
            });
        }
    }
    out.push('\n');
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

/// Everything about the evaluation, for programs (docs/cli.md): [`view::score_view`]
/// pretty-printed.
pub fn json(ev: &Evaluation, lang: Lang) -> String {
    json_written(ev, lang, None)
}

/// [`json`], saying where the report was written (`out`, as `zona compare` and `zona batch` do).
pub fn json_written(ev: &Evaluation, lang: Lang, out: Option<&std::path::Path>) -> String {
    let mut v = view::score_view(ev, lang);
    v.out = out.map(|p| p.display().to_string());
    view::to_json(&v)
}
