//! Sheet 1, Ringkasan / Summary: who and what, the scores, the areas, the predicate tables, the
//! counts, and two charts (areas as % of weight against the predicates' area minima; pemenuhan and
//! reform per area).

use crate::sheet::{NUM, PCT_OF_WEIGHT};
use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartLine, ChartLineDashType, ChartType, Color, Worksheet,
    XlsxError,
};
use zona_core::criteria::{ConditionKind, NodeId};
use zona_core::lang::fmt_plain;
use zona_core::{ItemStatus, Lang, Severity, UnansweredPolicy};

use super::style::{indented, toned, Tone};
use super::{col, number, opt_number, text, Ctx};
use crate::sheet::{header_row, merged};

/// Columns of the areas table before the parts and the reference series.
const AREA_NAME: u16 = 0;
const AREA_SCORE: u16 = 1;
const AREA_WEIGHT: u16 = 2;
const AREA_PCT: u16 = 3;
const AREA_FIRST_PART: u16 = 4;
/// Where the charts go.
const CHART_COL: u16 = 9;
/// Column widths of the tables.
const WIDTHS: [f64; 9] = [52.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0];

pub(super) fn sheet(ctx: &Ctx) -> Result<Worksheet, XlsxError> {
    let (c, r, st, lang) = (ctx.c, ctx.r, &ctx.st, ctx.lang);
    let name = ctx.names[super::SUMMARY];
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    for (k, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(k), *w)?;
    }

    text(
        &mut ws,
        0,
        0,
        ctx.t(
            "Laporan Penilaian LKE Zona Integritas",
            "Zona Integritas LKE score report",
        ),
        &st.title,
    )?;
    let mut row = 2;

    // A holder's keeping verdict leads (Lampiran II Bab IV).
    if let Some(k) = ctx.input.keeping {
        let value_width: f64 = WIDTHS[1..].iter().sum();
        let tone = if k.still_meets {
            Tone::Pass
        } else {
            Tone::Fail
        };
        text(
            &mut ws,
            row,
            0,
            ctx.t("Penilaian internal", "Internal assessment"),
            &st.label,
        )?;
        super::paragraph(
            &mut ws,
            row,
            (1, 8),
            value_width,
            &super::keeping::verdict_line(c, k, lang),
            &toned(&st.text_bold, tone),
        )?;
        row += 1;
        let mut details: Vec<(Tone, String)> = super::keeping::detail_lines(k, lang)
            .into_iter()
            .map(|(failing, d)| (if failing { Tone::Fail } else { Tone::Amber }, d))
            .collect();
        details.push((
            Tone::Plain,
            format!(
                "{}: {} \"{}\"",
                ctx.t(
                    "Rincian dan lembar tanda tangan",
                    "Details and signature sheet"
                ),
                ctx.t("lembar", "sheet"),
                super::keeping_sheet_name(lang)
            ),
        ));
        for (tone, d) in &details {
            let tone = *tone;
            text(&mut ws, row, 0, "", &st.label)?;
            super::paragraph(&mut ws, row, (1, 8), value_width, d, &toned(&st.text, tone))?;
            row += 1;
        }
        row += 1;
    }

    // Who and what.
    let mut info: Vec<(String, String, Tone)> = vec![
        (
            ctx.t("Unit kerja", "Unit").into(),
            ctx.unit_label(),
            Tone::Plain,
        ),
        (
            ctx.t("Berkas sumber", "Source file").into(),
            format!(
                "{} ({} \"{}\", {} {})",
                ctx.input.answers.source.as_deref().unwrap_or("—"),
                ctx.t("lembar", "sheet"),
                ctx.input.source.sheet,
                ctx.t("tata letak", "layout"),
                ctx.input.source.layout
            ),
            Tone::Plain,
        ),
        (
            ctx.t("Kriteria", "Criteria").into(),
            c.meta.name.clone(),
            Tone::Plain,
        ),
        (
            ctx.t("ID / versi kriteria", "Criteria id / version").into(),
            format!("{} / {}", c.meta.id, c.meta.version),
            Tone::Plain,
        ),
        (
            ctx.t("Regulasi", "Regulation").into(),
            c.meta.regulation.clone(),
            Tone::Plain,
        ),
    ];
    // The answer layer shown, when the source has others (or this is not the unit's own).
    if let Some(shown) = ctx.input.shown_layer() {
        if ctx.input.has_layers_sheet() || shown != zona_core::Layer::Unit {
            let mut value = shown.label(lang).to_string();
            if ctx.input.has_layers_sheet() {
                value.push_str(&format!(
                    "; {} {}",
                    ctx.t(
                        "semua lapisan dan bedanya: lembar",
                        "every layer and where they differ: sheet"
                    ),
                    super::layers_sheet_name(lang)
                ));
            }
            info.insert(
                2,
                (
                    ctx.t("Lapisan jawaban", "Answer layer").into(),
                    value,
                    Tone::Plain,
                ),
            );
        }
    }
    if c.meta.provisional {
        info.push((
            ctx.t("Status kriteria", "Criteria status").into(),
            format!(
                "{} {}",
                ctx.t("SEMENTARA (provisional):", "PROVISIONAL:"),
                c.meta.provisional_note(ctx.lang)
            )
            .trim()
            .to_string(),
            Tone::Amber,
        ));
    }
    info.push((
        ctx.t("Perlakuan item belum dijawab", "Unanswered items")
            .into(),
        policy_text(r.policy, lang).to_string(),
        Tone::Plain,
    ));
    for pred in &c.predicates {
        for cond in &pred.conditions {
            if let ConditionKind::Prior { predicate } = cond.kind {
                let Some(prior) = c.predicates.get(predicate) else {
                    continue;
                };
                let held = ctx.input.options.prior.get(&prior.key).copied();
                let label = format!(
                    "{} {}",
                    ctx.t("Predikat sebelumnya:", "Prior predicate:"),
                    prior.display_name(lang)
                );
                if info.iter().any(|(l, _, _)| *l == label) {
                    continue;
                }
                let (v, tone) = match held {
                    Some(true) => (ctx.t("ya", "yes"), Tone::Pass),
                    Some(false) => (ctx.t("tidak", "no"), Tone::Fail),
                    None => (ctx.t("belum dinyatakan", "not stated"), Tone::Amber),
                };
                info.push((label, v.to_string(), tone));
            }
        }
    }
    info.push((
        ctx.t("Dibuat dengan", "Made with").into(),
        format!("zona {}", env!("CARGO_PKG_VERSION")),
        Tone::Plain,
    ));
    for (label, value, tone) in &info {
        text(&mut ws, row, 0, label, &st.label)?;
        let value_width: f64 = WIDTHS[1..].iter().sum();
        super::paragraph(
            &mut ws,
            row,
            (1, 8),
            value_width,
            value,
            &toned(&st.text, *tone),
        )?;
        row += 1;
    }
    row += 1;

    // Scores.
    text(&mut ws, row, 0, ctx.t("Nilai", "Scores"), &st.section)?;
    row += 1;
    header(
        &mut ws,
        ctx,
        row,
        &[
            ctx.t("Komponen", "Component"),
            ctx.t("Nilai", "Score"),
            ctx.t("Bobot", "Weight"),
            ctx.t("% bobot", "% of weight"),
        ],
        &WIDTHS,
    )?;
    row += 1;
    let total_pct = if r.max_total > 0.0 {
        r.total / r.max_total * 100.0
    } else {
        0.0
    };
    text(
        &mut ws,
        row,
        0,
        ctx.t("NILAI TOTAL", "TOTAL SCORE"),
        &st.text_bold,
    )?;
    number(
        &mut ws,
        row,
        1,
        r.total,
        &super::with_decimals(&st.num_bold, NUM, r.total_decimals()),
    )?;
    number(&mut ws, row, 2, r.max_total, &st.num_bold)?;
    number(&mut ws, row, 3, total_pct, &st.pct_bold)?;
    row += 1;
    for root in &c.roots {
        score_row(&mut ws, ctx, row, *root, 1)?;
        row += 1;
        for ch in &c.node(*root).children {
            score_row(&mut ws, ctx, row, *ch, 2)?;
            row += 1;
        }
    }
    row += 1;

    // Areas, with the chart data: parts by sub-component and the predicates' area minima.
    let parts = part_columns(ctx);
    let refs = ctx.area_thresholds();
    let mut area_rows = None;
    if !c.areas.is_empty() {
        text(
            &mut ws,
            row,
            0,
            ctx.t(
                "Area pengungkit (pemenuhan + reform)",
                "Enabler areas (pemenuhan + reform)",
            ),
            &st.section,
        )?;
        row += 1;
        let mut heads: Vec<String> = vec![
            ctx.t("Area", "Area").to_string(),
            ctx.t("Nilai", "Score").to_string(),
            ctx.t("Bobot", "Weight").to_string(),
            ctx.t("% bobot", "% of weight").to_string(),
        ];
        heads.extend(parts.iter().map(|p| {
            format!(
                "{} ({})",
                c.node(*p).display_name(lang),
                ctx.t("nilai", "score")
            )
        }));
        heads.extend(refs.iter().map(|(p, pct)| ref_series_name(ctx, *p, *pct)));
        let head_refs: Vec<&str> = heads.iter().map(String::as_str).collect();
        header(&mut ws, ctx, row, &head_refs, &WIDTHS)?;
        row += 1;
        let first = row;
        for (a, s) in c.areas.iter().zip(&r.areas) {
            let below = refs
                .iter()
                .filter(|(_, pct)| !zona_core::predicate::meets(s.score, a.weight * pct / 100.0))
                .count();
            let tone = match below {
                0 => Tone::Plain,
                n if n == refs.len() => Tone::Fail,
                _ => Tone::Amber,
            };
            text(
                &mut ws,
                row,
                AREA_NAME,
                a.display_name(lang),
                &toned(&st.text, tone),
            )?;
            number(&mut ws, row, AREA_SCORE, s.score, &toned(&st.num, tone))?;
            number(&mut ws, row, AREA_WEIGHT, s.weight, &st.num)?;
            number(&mut ws, row, AREA_PCT, s.percent(), &toned(&st.pct, tone))?;
            for (k, p) in parts.iter().enumerate() {
                let v: f64 = a
                    .parts
                    .iter()
                    .filter(|part| part_group(ctx, **part) == *p)
                    .map(|part| r.node(*part).score)
                    .sum();
                number(&mut ws, row, AREA_FIRST_PART + col(k), v, &st.num)?;
            }
            for (k, (_, pct)) in refs.iter().enumerate() {
                number(
                    &mut ws,
                    row,
                    AREA_FIRST_PART + col(parts.len() + k),
                    *pct,
                    &st.pct,
                )?;
            }
            row += 1;
        }
        area_rows = Some((first, row - 1));
        row += 1;
    }

    // Predicates.
    text(
        &mut ws,
        row,
        0,
        ctx.t("Predikat", "Predicates"),
        &st.section,
    )?;
    row += 1;
    for p in &r.predicates {
        let tone = match p.status {
            zona_core::PredicateStatus::Met => Tone::Pass,
            zona_core::PredicateStatus::NotMet => Tone::Fail,
            zona_core::PredicateStatus::ScoresMetPriorUnknown => Tone::Amber,
        };
        text(&mut ws, row, 0, p.name(lang), &st.text_bold)?;
        merged(&mut ws, (row, 1), (row, 6), "", &toned(&st.text_bold, tone))?;
        text(
            &mut ws,
            row,
            1,
            p.status_label(lang),
            &toned(&st.text_bold, tone),
        )?;
        row += 1;
        header(
            &mut ws,
            ctx,
            row,
            &[
                ctx.t("Syarat", "Condition"),
                ctx.t("Nilai", "Value"),
                ctx.t("Ambang", "Threshold"),
                ctx.t("Nilai (% bobot)", "Value (% of weight)"),
                ctx.t("Ambang (% bobot)", "Threshold (% of weight)"),
                ctx.t("Status", "Status"),
                ctx.t("Selisih", "Margin"),
            ],
            &WIDTHS,
        )?;
        row += 1;
        for cond in &p.conditions {
            let tone = Tone::of(cond.passed);
            text(&mut ws, row, 0, cond.label(lang), &st.text)?;
            super::fit_row(&mut ws, row, &[(cond.label(lang), WIDTHS[0])])?;
            let num = super::with_decimals(&st.num, NUM, cond.decimals());
            opt_number(&mut ws, row, 1, cond.value, &num)?;
            opt_number(&mut ws, row, 2, cond.threshold, &st.num)?;
            opt_number(
                &mut ws,
                row,
                3,
                cond.value_percent,
                &super::with_decimals(&st.pct, PCT_OF_WEIGHT, cond.percent_decimals()),
            )?;
            opt_number(&mut ws, row, 4, cond.threshold_percent, &st.pct)?;
            let status = match (cond.passed, cond.kind()) {
                (Some(true), _) => ctx.t("memenuhi", "met"),
                (Some(false), _) => ctx.t("tidak memenuhi", "not met"),
                (None, _) => ctx.t("belum diketahui", "unknown"),
            };
            text(&mut ws, row, 5, status, &toned(&st.text, tone))?;
            opt_number(&mut ws, row, 6, cond.margin, &toned(&num, tone))?;
            row += 1;
        }
        row += 1;
    }

    row = evidence_lines(&mut ws, ctx, row)?;

    // Counts.
    text(&mut ws, row, 0, ctx.t("Jumlah", "Counts"), &st.section)?;
    row += 1;
    let diag = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
    let counts: Vec<(&str, usize, Tone)> = vec![
        (
            ctx.t("Item dinilai", "Items scored"),
            r.items.len(),
            Tone::Plain,
        ),
        (
            ctx.t("Item dijawab", "Items answered"),
            r.count_status(ItemStatus::Answered),
            Tone::Plain,
        ),
        (
            ctx.t("Item belum dijawab", "Items unanswered"),
            r.count_status(ItemStatus::Unanswered),
            nonzero(r.count_status(ItemStatus::Unanswered), Tone::Amber),
        ),
        (
            ctx.t(
                "Item dengan jawaban tidak sah",
                "Items with invalid answers",
            ),
            r.count_status(ItemStatus::Invalid),
            nonzero(r.count_status(ItemStatus::Invalid), Tone::Fail),
        ),
        (
            ctx.t("Catatan: galat", "Diagnostics: errors"),
            diag(Severity::Error),
            nonzero(diag(Severity::Error), Tone::Fail),
        ),
        (
            ctx.t("Catatan: peringatan", "Diagnostics: warnings"),
            diag(Severity::Warning),
            nonzero(diag(Severity::Warning), Tone::Amber),
        ),
        (
            ctx.t("Catatan: info", "Diagnostics: info"),
            diag(Severity::Info),
            Tone::Plain,
        ),
    ];
    for (label, n, tone) in counts {
        text(&mut ws, row, 0, label, &st.text)?;
        number(&mut ws, row, 1, n as f64, &toned(&st.count, tone))?;
        row += 1;
    }
    row += 1;
    let width: f64 = WIDTHS.iter().sum();
    let mut guide = match lang {
        Lang::Id => format!(
            "Rincian per item: lembar {}; data dukung per item: lembar {}; urutan perbaikan: lembar {}; catatan: lembar {}; cara menghitung: lembar {}.",
            ctx.names[super::LKE],
            ctx.names[super::EVIDENCE],
            ctx.names[super::PRIORITIES],
            ctx.names[super::VALIDATION],
            ctx.names[super::METHOD]
        ),
        Lang::En => format!(
            "Item by item: sheet {}; evidence item by item: sheet {}; what to improve first: sheet {}; diagnostics: sheet {}; how it is computed: sheet {}.",
            ctx.names[super::LKE],
            ctx.names[super::EVIDENCE],
            ctx.names[super::PRIORITIES],
            ctx.names[super::VALIDATION],
            ctx.names[super::METHOD]
        ),
    };
    if ctx.input.has_layers_sheet() {
        guide.push_str(&match lang {
            Lang::Id => format!(
                " Lapisan jawaban (unit, TPI, TPN) berdampingan dan item yang berbeda: lembar {}.",
                super::layers_sheet_name(lang)
            ),
            Lang::En => format!(
                " The answer layers (unit, TPI, TPN) side by side and the items where they differ: sheet {}.",
                super::layers_sheet_name(lang)
            ),
        });
    }
    super::paragraph(&mut ws, row, (0, 8), width, &guide, &st.note)?;

    if let Some((first, last)) = area_rows {
        charts(&mut ws, ctx, name, first, last, parts.len(), refs.len())?;
    }
    crate::sheet::print_setup(&mut ws, &WIDTHS, Some((0, 0)))?;
    Ok(ws)
}

/// The evidence section: the policy, the score claimed and the score the evidence supports, the
/// points at risk, the items without acceptable evidence and the coverage, and every predicate
/// condition the claimed score meets and the evidence-backed one does not. Returns the next free
/// row (after a blank one).
fn evidence_lines(ws: &mut Worksheet, ctx: &Ctx, mut row: u32) -> Result<u32, XlsxError> {
    let (r, st, lang) = (ctx.r, &ctx.st, ctx.lang);
    let ev = &ctx.ev;
    let value_width: f64 = WIDTHS[1..].iter().sum();
    text(
        ws,
        row,
        0,
        ctx.t("Bukti (data dukung)", "Evidence (data dukung)"),
        &st.section,
    )?;
    row += 1;
    text(
        ws,
        row,
        0,
        ctx.t("Kebijakan bukti", "Evidence policy"),
        &st.label,
    )?;
    super::paragraph(
        ws,
        row,
        (1, 8),
        value_width,
        &super::evidence::policy_text(ev.policy, lang),
        &st.text,
    )?;
    row += 1;
    text(
        ws,
        row,
        0,
        ctx.t("Nilai yang diklaim", "Score claimed"),
        &st.text_bold,
    )?;
    number(
        ws,
        row,
        1,
        r.total,
        &super::with_decimals(&st.num_bold, NUM, r.total_decimals()),
    )?;
    row += 1;
    let backed_label = match lang {
        Lang::Id => format!(
            "Nilai berdasarkan bukti (kebijakan: {})",
            ev.policy.label(lang)
        ),
        Lang::En => format!("Evidence-backed score (policy: {})", ev.policy.label(lang)),
    };
    text(ws, row, 0, &backed_label, &st.text_bold)?;
    match ev.backed_total() {
        Some(b) => {
            let tone = if ev.lost.is_empty() {
                Tone::Plain
            } else {
                Tone::Fail
            };
            number(ws, row, 1, b, &toned(&st.num_bold, tone))?;
            row += 1;
            text(
                ws,
                row,
                0,
                ctx.t("Poin berisiko", "Points at risk"),
                &st.text,
            )?;
            let risk = ev.points_at_risk();
            number(
                ws,
                row,
                1,
                risk,
                &toned(
                    &st.num,
                    if risk > 1e-12 {
                        Tone::Fail
                    } else {
                        Tone::Plain
                    },
                ),
            )?;
        }
        None => {
            super::paragraph(
                ws,
                row,
                (1, 8),
                value_width,
                ctx.t(
                    "tidak ada: kebijakan ini hanya melaporkan bukti, tanpa nilai berdasarkan bukti",
                    "none: this policy reports the evidence only, with no evidence-backed score",
                ),
                &st.text,
            )?;
        }
    }
    row += 1;
    let lacking = ev.lacking();
    let counts = [
        (
            ctx.t("Item yang perlu bukti", "Items needing evidence"),
            ev.needing(),
            Tone::Plain,
        ),
        (
            ctx.t(
                "Item tanpa bukti yang dapat diterima",
                "Items without acceptable evidence",
            ),
            lacking,
            nonzero(lacking, Tone::Fail),
        ),
    ];
    for (label, n, tone) in counts {
        text(ws, row, 0, label, &st.text)?;
        number(ws, row, 1, n as f64, &toned(&st.count, tone))?;
        row += 1;
    }
    text(
        ws,
        row,
        0,
        ctx.t(
            "Cakupan bukti (didukung / perlu bukti)",
            "Evidence coverage (supported / needing)",
        ),
        &st.text,
    )?;
    match ev.coverage_percent() {
        Some(p) => number(ws, row, 1, p, &st.pct)?,
        None => text(ws, row, 1, "—", &st.text)?,
    }
    row += 1;

    // Conditions lost without the evidence.
    if let Some(backed) = &ev.backed {
        text(
            ws,
            row,
            0,
            ctx.t(
                "Syarat predikat yang dipenuhi nilai yang diklaim, tetapi tidak oleh nilai berdasarkan bukti",
                "Predicate conditions the claimed score meets and the evidence-backed score does not",
            ),
            &st.label,
        )?;
        super::fit_row(
            ws,
            row,
            &[(
                ctx.t(
                    "Syarat predikat yang dipenuhi nilai yang diklaim, tetapi tidak oleh nilai berdasarkan bukti",
                    "Predicate conditions the claimed score meets and the evidence-backed score does not",
                ),
                WIDTHS[0],
            )],
        )?;
        if ev.lost.is_empty() {
            super::paragraph(
                ws,
                row,
                (1, 8),
                value_width,
                ctx.t("tidak ada", "none"),
                &toned(&st.text, Tone::Pass),
            )?;
            row += 1;
        } else {
            row += 1;
            header(
                ws,
                ctx,
                row,
                &[
                    ctx.t("Syarat", "Condition"),
                    ctx.t("Nilai diklaim", "Value claimed"),
                    ctx.t("Nilai berdasarkan bukti", "Evidence-backed value"),
                    ctx.t("Ambang", "Threshold"),
                ],
                &WIDTHS,
            )?;
            row += 1;
            for l in &ev.lost {
                let (Some(p), Some(bp)) = (
                    r.predicates.get(l.predicate),
                    backed.predicates.get(l.predicate),
                ) else {
                    continue;
                };
                let (Some(cond), Some(bcond)) = (
                    p.conditions.get(l.condition),
                    bp.conditions.get(l.condition),
                ) else {
                    continue;
                };
                let label = format!("{} — {}", p.name(lang), cond.label(lang));
                text(ws, row, 0, &label, &toned(&st.text, Tone::Fail))?;
                super::fit_row(ws, row, &[(&label, WIDTHS[0])])?;
                opt_number(ws, row, 1, cond.value, &st.num)?;
                opt_number(ws, row, 2, bcond.value, &toned(&st.num, Tone::Fail))?;
                opt_number(ws, row, 3, cond.threshold, &st.num)?;
                row += 1;
            }
        }
    }
    Ok(row + 1)
}

fn nonzero(n: usize, tone: Tone) -> Tone {
    if n > 0 {
        tone
    } else {
        Tone::Plain
    }
}

fn policy_text(policy: UnansweredPolicy, lang: Lang) -> &'static str {
    match policy {
        UnansweredPolicy::Zero => lang.pick(
            "dihitung 0 (seperti bila diajukan sekarang)",
            "count as 0 (as if submitted now)",
        ),
        UnansweredPolicy::Exclude => lang.pick(
            "tidak ikut dirata-rata (seperti rumus LKE)",
            "left out of the sub-area mean (as the LKE formulas do)",
        ),
    }
}

/// A header row, fitted to the column widths.
pub(super) fn header(
    ws: &mut Worksheet,
    ctx: &Ctx,
    row: u32,
    heads: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    header_row(ws, row, 0, heads, &ctx.st.header)?;
    let cells: Vec<(&str, f64)> = heads
        .iter()
        .zip(widths.iter().chain(std::iter::repeat(&14.0)))
        .map(|(h, w)| (*h, *w))
        .collect();
    super::fit_row(ws, row, &cells)
}

fn score_row(
    ws: &mut Worksheet,
    ctx: &Ctx,
    row: u32,
    id: NodeId,
    level: usize,
) -> Result<(), XlsxError> {
    let n = ctx.c.node(id);
    let s = ctx.r.node(id);
    let label = match &n.marker {
        Some(m) => format!("{m} {}", n.display_name(ctx.lang)),
        None => n.display_name(ctx.lang).to_string(),
    };
    let (tf, nf, pf) = if level == 1 {
        (&ctx.st.text_bold, &ctx.st.num_bold, &ctx.st.pct_bold)
    } else {
        (&ctx.st.text, &ctx.st.num, &ctx.st.pct)
    };
    text(ws, row, 0, &label, &indented(tf, level))?;
    number(ws, row, 1, s.score, nf)?;
    number(ws, row, 2, s.weight, nf)?;
    number(ws, row, 3, s.percent(), pf)
}

/// The sub-component an area part belongs to: its parent node (pemenuhan, reform), or the part
/// itself at the root.
fn part_group(ctx: &Ctx, part: NodeId) -> NodeId {
    ctx.c.node(part).parent.unwrap_or(part)
}

/// The sub-components of the areas' parts, in order of first appearance.
fn part_columns(ctx: &Ctx) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = Vec::new();
    for a in &ctx.c.areas {
        for p in &a.parts {
            let g = part_group(ctx, *p);
            if !out.contains(&g) {
                out.push(g);
            }
        }
    }
    out
}

fn ref_series_name(ctx: &Ctx, predicate: usize, pct: f64) -> String {
    let name = ctx
        .c
        .predicates
        .get(predicate)
        .map(|p| p.display_name(ctx.lang).to_string())
        .unwrap_or_default();
    format!("{name} (≥ {}%)", fmt_plain(pct, ctx.lang))
}

fn charts(
    ws: &mut Worksheet,
    ctx: &Ctx,
    sheet: &str,
    first: u32,
    last: u32,
    parts: usize,
    refs: usize,
) -> Result<(), XlsxError> {
    let head = first.saturating_sub(1);
    // Radar: each area's score as % of its weight, against the predicates' area minima.
    let mut radar = Chart::new(ChartType::RadarWithMarkers);
    radar
        .title()
        .set_name(ctx.t("Area: % dari bobot", "Areas: % of weight"));
    radar
        .add_series()
        .set_name((sheet, head, AREA_PCT))
        .set_categories((sheet, first, AREA_NAME, last, AREA_NAME))
        .set_values((sheet, first, AREA_PCT, last, AREA_PCT))
        .set_format(
            ChartLine::new()
                .set_color(Color::RGB(0x1F4E78))
                .set_width(2.25),
        );
    let ref_colors = [0xC00000, 0x548235, 0x7030A0, 0xBF8F00];
    for k in 0..refs {
        let c = AREA_FIRST_PART + col(parts + k);
        radar
            .add_series()
            .set_name((sheet, head, c))
            .set_categories((sheet, first, AREA_NAME, last, AREA_NAME))
            .set_values((sheet, first, c, last, c))
            .set_format(
                ChartLine::new()
                    .set_color(Color::RGB(ref_colors[k % ref_colors.len()]))
                    .set_dash_type(ChartLineDashType::Dash)
                    .set_width(1.5),
            );
    }
    radar.y_axis().set_min(0).set_max(100).set_major_unit(20);
    radar.legend().set_position(ChartLegendPosition::Bottom);
    radar.set_width(620).set_height(420);
    ws.insert_chart(2, CHART_COL, &radar)?;

    // Columns: pemenuhan and reform per area.
    if parts > 0 {
        let mut columns = Chart::new(ChartType::Column);
        columns.title().set_name(ctx.t(
            "Pemenuhan dan reform per area",
            "Pemenuhan and reform per area",
        ));
        for k in 0..parts {
            let c = AREA_FIRST_PART + col(k);
            columns
                .add_series()
                .set_name((sheet, head, c))
                .set_categories((sheet, first, AREA_NAME, last, AREA_NAME))
                .set_values((sheet, first, c, last, c));
        }
        columns
            .y_axis()
            .set_name(ctx.t("Nilai", "Score"))
            .set_min(0);
        columns.legend().set_position(ChartLegendPosition::Bottom);
        columns.set_width(620).set_height(380);
        ws.insert_chart(24, CHART_COL, &columns)?;
    }
    Ok(())
}
