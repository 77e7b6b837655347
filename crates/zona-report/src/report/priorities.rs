//! Sheet 3, Prioritas / Priorities: (A) items by the points they still hold, with the next answer
//! step; (B) for every failing predicate condition, the fewest answer improvements that make it
//! pass ([`zona_core::priority`]).

use rust_xlsxwriter::{Worksheet, XlsxError};
use zona_core::criteria::ItemId;
use zona_core::lang::{fmt2, fmt_plain};
use zona_core::priority::{
    ceil2, ConditionPlan, ConditionRef, Improvement, ItemPriority, OutcomeNeed, Target,
};
use zona_core::{ItemStatus, Lang, UnansweredPolicy};

use super::style::{toned, Tone};
use super::summary::header;
use super::{col, fit_row, number, paragraph, text, Ctx};
use crate::sheet::merged;

/// Column widths (table A has twelve columns; the plan tables reuse them).
const WIDTHS: [f64; 12] = [
    5.0, 24.0, 40.0, 22.0, 10.0, 10.0, 8.0, 8.0, 9.0, 10.0, 9.0, 24.0,
];
const LAST: u16 = 11;

fn width_sum() -> f64 {
    WIDTHS.iter().sum()
}

pub(super) fn sheet(ctx: &Ctx) -> Result<Worksheet, XlsxError> {
    let (st, lang) = (&ctx.st, ctx.lang);
    let p = &ctx.priority;
    let mut ws = Worksheet::new();
    ws.set_name(ctx.names[super::PRIORITIES])?;
    for (k, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(k), *w)?;
    }
    text(
        &mut ws,
        0,
        0,
        ctx.t("Prioritas perbaikan", "Improvement priorities"),
        &st.title,
    )?;
    let policy = match (p.policy, lang) {
        (UnansweredPolicy::Zero, Lang::Id) => {
            "Dihitung dengan item belum dijawab bernilai 0 (seperti bila diajukan sekarang)."
        }
        (UnansweredPolicy::Zero, Lang::En) => {
            "Computed with unanswered items counting 0 (as if submitted now)."
        }
        (UnansweredPolicy::Exclude, Lang::Id) => {
            "Dihitung dengan item belum dijawab tidak ikut dirata-rata (seperti rumus LKE): menjawab item dapat menurunkan rata-rata sub-areanya."
        }
        (UnansweredPolicy::Exclude, Lang::En) => {
            "Computed with unanswered items left out of the sub-area mean (as the LKE formulas do): answering an item can lower its sub-area's mean."
        }
    };
    paragraph(&mut ws, 1, (0, LAST), width_sum(), policy, &st.note)?;
    let mut row = 3;

    // First: the evidence to complete (it costs the team least).
    row = evidence_group(&mut ws, ctx, row)?;
    row += 1;

    // A. Items by recoverable points.
    text(
        &mut ws,
        row,
        0,
        ctx.t(
            "A. Item menurut poin yang masih dapat diraih",
            "A. Items by points still to gain",
        ),
        &st.section,
    )?;
    row += 1;
    paragraph(
        &mut ws,
        row,
        (0, LAST),
        width_sum(),
        ctx.t(
            "Dapat diraih: poin yang bertambah pada nilai total bila item ini saja mencapai nilai penuh. Langkah berikut: satu pilihan lebih tinggi (indeks dan rasio: langsung nilai penuh).",
            "To gain: points the total gains if this item alone reaches full value. Next step: one option up (index and ratio items: straight to full value).",
        ),
        &st.note,
    )?;
    row += 1;
    header(
        &mut ws,
        ctx,
        row,
        &[
            ctx.t("No", "No"),
            ctx.t("Kunci", "Key"),
            ctx.t("Item", "Item"),
            ctx.t("Sub-area", "Sub-area"),
            ctx.t("Status", "Status"),
            ctx.t("Jawaban sekarang", "Answer now"),
            ctx.t("Poin", "Points"),
            ctx.t("Poin maks", "Max points"),
            ctx.t("Dapat diraih", "To gain"),
            ctx.t("Langkah berikut", "Next step"),
            ctx.t("Poin langkah berikut", "Points of next step"),
            ctx.t(
                "Membantu syarat yang belum terpenuhi",
                "Helps failing conditions",
            ),
        ],
        &WIDTHS,
    )?;
    row += 1;
    if p.items.is_empty() {
        paragraph(
            &mut ws,
            row,
            (0, LAST),
            width_sum(),
            ctx.t(
                "Semua item sudah bernilai penuh.",
                "Every item is at full value.",
            ),
            &st.note,
        )?;
        row += 1;
    }
    for (n, it) in p.items.iter().enumerate() {
        item_row(&mut ws, ctx, row, n, it, true)?;
        row += 1;
    }

    // A (continued). Outcomes, apart: no answer step raises them.
    if !p.outcomes.is_empty() {
        row += 1;
        text(&mut ws, row, 0, outcome_heading(ctx), &st.section)?;
        row += 1;
        paragraph(
            &mut ws,
            row,
            (0, LAST),
            width_sum(),
            ctx.t(
                "Hasil survei eksternal dan capaian kinerja: dihitung dalam nilai, tetapi tidak dinaikkan dengan memperbaiki jawaban; rencana perbaikan di bagian B tidak memakainya.",
                "External survey results and performance achievement: counted in the score, but not raised by improving answers; the plans in part B do not use them.",
            ),
            &st.note,
        )?;
        row += 1;
        header(
            &mut ws,
            ctx,
            row,
            &[
                ctx.t("No", "No"),
                ctx.t("Kunci", "Key"),
                ctx.t("Item", "Item"),
                ctx.t("Sub-area", "Sub-area"),
                ctx.t("Status", "Status"),
                ctx.t("Nilai sekarang", "Value now"),
                ctx.t("Poin", "Points"),
                ctx.t("Poin maks", "Max points"),
                ctx.t("Dapat diraih", "To gain"),
                "",
                "",
                ctx.t(
                    "Membantu syarat yang belum terpenuhi",
                    "Helps failing conditions",
                ),
            ],
            &WIDTHS,
        )?;
        row += 1;
        for (n, it) in p.outcomes.iter().enumerate() {
            item_row(&mut ws, ctx, row, n, it, false)?;
            row += 1;
        }
    }
    row += 1;

    // B. Plans per failing condition.
    text(
        &mut ws,
        row,
        0,
        ctx.t(
            "B. Perbaikan terkecil per syarat predikat yang belum terpenuhi",
            "B. Fewest improvements per failing predicate condition",
        ),
        &st.section,
    )?;
    row += 1;
    paragraph(
        &mut ws,
        row,
        (0, LAST),
        width_sum(),
        ctx.t(
            "Satu langkah = satu pilihan lebih tinggi (mis. C → B); item rasio naik ke nilai penuh dalam satu langkah. Dicari jumlah langkah terkecil secara tepat (pemrograman dinamis atas semua item yang dapat dikerjakan tim dalam cakupan syarat; hasil survei dan capaian tidak termasuk), lalu diperiksa dengan menilai ulang jawaban yang sudah diperbaiki. Syarat yang hanya dapat dipenuhi melalui hasil survei atau capaian menyebut nilai yang diperlukan.",
            "One step = one option up (e.g. C → B); ratio items go to full value in one step. The smallest number of steps is searched exactly (dynamic programming over every item of the condition's scope a team can act on; survey results and performance achievement are left out), then checked by re-scoring the improved answers. A condition that only survey results or performance achievement can meet states the value needed.",
        ),
        &st.note,
    )?;
    row += 1;
    if p.conditions.is_empty() {
        text(
            &mut ws,
            row,
            0,
            ctx.t(
                "Tidak ada syarat nilai yang belum terpenuhi.",
                "No score condition fails.",
            ),
            &toned(&st.text, Tone::Pass),
        )?;
        row += 1;
    }
    for plan in &p.conditions {
        row += 1;
        text(&mut ws, row, 0, condition_name(ctx, plan.at), &st.section)?;
        row += 1;
        header(
            &mut ws,
            ctx,
            row,
            &[
                "",
                ctx.t("Nilai", "Value"),
                ctx.t("Ambang", "Threshold"),
                ctx.t("Selisih", "Margin"),
                ctx.t("Poin dibutuhkan", "Points needed"),
                ctx.t("Langkah", "Steps"),
                ctx.t("Nilai setelah perbaikan", "Value after"),
                ctx.t("Status setelah perbaikan", "Status after"),
            ],
            &WIDTHS,
        )?;
        row += 1;
        text(&mut ws, row, 0, ctx.t("Syarat", "Condition"), &st.label)?;
        number(&mut ws, row, 1, plan.value, &st.num)?;
        number(&mut ws, row, 2, plan.threshold, &st.num)?;
        number(&mut ws, row, 3, plan.margin, &toned(&st.num, Tone::Fail))?;
        number(&mut ws, row, 4, plan.needed, &st.num_bold)?;
        if plan.reachable {
            number(&mut ws, row, 5, plan.steps as f64, &st.count)?;
        } else {
            text(&mut ws, row, 5, "—", &st.text)?;
        }
        number(&mut ws, row, 6, plan.value_after, &st.num)?;
        let tone = Tone::of(Some(plan.passes_after));
        text(
            &mut ws,
            row,
            7,
            if plan.passes_after {
                ctx.t("memenuhi", "met")
            } else {
                ctx.t("tidak memenuhi", "not met")
            },
            &toned(&st.text, tone),
        )?;
        row += 1;
        if !plan.reachable {
            let msg = unreachable_text(ctx, plan);
            text(&mut ws, row, 0, &msg, &toned(&st.text, Tone::Fail))?;
            row += 1;
            if !plan.outcomes.is_empty() {
                let any_actionable = (plan.value_after - plan.value).abs() > 1e-9;
                row = outcome_needs(&mut ws, ctx, row, &plan.outcomes, any_actionable)?;
            }
            continue;
        }
        header(
            &mut ws,
            ctx,
            row,
            &[
                ctx.t("No", "No"),
                ctx.t("Kunci", "Key"),
                ctx.t("Item", "Item"),
                ctx.t("Sub-area", "Sub-area"),
                ctx.t("Status", "Status"),
                ctx.t("Jawaban sekarang", "Answer now"),
                ctx.t("Menjadi", "Raise to"),
                ctx.t("Langkah", "Steps"),
                ctx.t("Tambahan poin", "Points gained"),
            ],
            &WIDTHS,
        )?;
        merged(
            &mut ws,
            (row, 9),
            (row, LAST),
            ctx.t("Keterangan", "Note"),
            &st.header,
        )?;
        row += 1;
        for (n, imp) in plan.improvements.iter().enumerate() {
            let item = ctx.c.item(imp.item);
            number(&mut ws, row, 0, (n + 1) as f64, &st.count)?;
            text(&mut ws, row, 1, &item.key, &st.key)?;
            text(&mut ws, row, 2, item.display_text(lang), &st.text)?;
            text(&mut ws, row, 3, sub_area(ctx, imp.item), &st.text)?;
            text(
                &mut ws,
                row,
                4,
                status_text(ctx, imp.status),
                &status_style(ctx, imp.status),
            )?;
            text(
                &mut ws,
                row,
                5,
                answer_now(
                    ctx,
                    imp.item,
                    imp.from_answer.as_deref(),
                    imp.from_value,
                    imp.status,
                ),
                &st.text,
            )?;
            text(&mut ws, row, 6, target_text(ctx, &imp.to), &st.text_bold)?;
            number(&mut ws, row, 7, imp.steps as f64, &st.count)?;
            number(&mut ws, row, 8, imp.gain, &st.num)?;
            let note = improvement_note(ctx, imp);
            merged(&mut ws, (row, 9), (row, LAST), "", &st.text)?;
            text(&mut ws, row, 9, &note, &st.text)?;
            let sub = sub_area(ctx, imp.item);
            fit_row(
                &mut ws,
                row,
                &[
                    (item.display_text(lang), WIDTHS[2]),
                    (&sub, WIDTHS[3]),
                    (&note, WIDTHS[9] + WIDTHS[10] + WIDTHS[11]),
                ],
            )?;
            row += 1;
        }
    }

    if !p.not_by_answers.is_empty() {
        row += 1;
        text(
            &mut ws,
            row,
            0,
            ctx.t(
                "Syarat yang tidak dapat dipenuhi dengan memperbaiki jawaban",
                "Conditions that answers cannot fix",
            ),
            &st.section,
        )?;
        row += 1;
        for at in &p.not_by_answers {
            text(
                &mut ws,
                row,
                0,
                condition_name(ctx, *at),
                &toned(&st.text, Tone::Fail),
            )?;
            row += 1;
        }
    }
    crate::sheet::print_setup(&mut ws, &WIDTHS, Some((0, 0)))?;
    Ok(ws)
}

/// The first group, "Lengkapi bukti": the items whose answer the evidence does not support,
/// most points at risk first ([`zona_core::evidence::EvidenceReview::actions`]), with the answer
/// they fall to and what they lack. Returns the next free row.
fn evidence_group(ws: &mut Worksheet, ctx: &Ctx, mut row: u32) -> Result<u32, XlsxError> {
    use super::evidence::{backed_answer_text, item_status_text, lacking_text};
    use zona_core::evidence::EvidencePolicy;
    let (st, lang) = (&ctx.st, ctx.lang);
    let ev = &ctx.ev;
    text(
        ws,
        row,
        0,
        ctx.t("Lengkapi bukti", "Complete the evidence"),
        &st.section,
    )?;
    row += 1;
    let intro = match lang {
        Lang::Id => format!(
            "Item yang dijawab tanpa data dukung yang dapat dibuka penilai: tanpa buktinya, nilainya turun menurut kebijakan bukti ({}). Melengkapi bukti tidak mengubah jawaban, jadi biayanya paling kecil; poin berisiko terbesar dulu. Rincian per data dukung: lembar {}.",
            ctx.ev.policy.label(lang),
            ctx.names[super::EVIDENCE]
        ),
        Lang::En => format!(
            "Items answered without evidence an evaluator can open: without it, their value falls under the evidence policy ({}). Completing the evidence changes no answer, so it costs least; most points at risk first. Entry by entry: sheet {}.",
            ctx.ev.policy.label(lang),
            ctx.names[super::EVIDENCE]
        ),
    };
    paragraph(ws, row, (0, LAST), width_sum(), &intro, &st.note)?;
    row += 1;
    let actions = ev.actions();
    if actions.is_empty() {
        let (msg, tone) = if ev.policy == EvidencePolicy::None {
            (
                match lang {
                    Lang::Id => format!(
                        "Kebijakan bukti: hanya laporan (--evidence-policy none), tidak ada nilai berdasarkan bukti, jadi tidak ada poin berisiko. Item tanpa bukti yang dapat diterima: {}.",
                        ev.lacking()
                    ),
                    Lang::En => format!(
                        "Evidence policy: report only (--evidence-policy none), there is no evidence-backed score, so no points at risk. Items without acceptable evidence: {}.",
                        ev.lacking()
                    ),
                },
                Tone::Plain,
            )
        } else {
            (
                ctx.t(
                    "Setiap item yang perlu bukti sudah didukung data dukung yang dapat dibuka.",
                    "Every item that needs evidence has an entry an evaluator can open.",
                )
                .to_string(),
                Tone::Pass,
            )
        };
        paragraph(
            ws,
            row,
            (0, LAST),
            width_sum(),
            &msg,
            &toned(&st.text, tone),
        )?;
        return Ok(row + 1);
    }
    header(
        ws,
        ctx,
        row,
        &[
            ctx.t("No", "No"),
            ctx.t("Kunci", "Key"),
            ctx.t("Item", "Item"),
            ctx.t("Sub-area", "Sub-area"),
            ctx.t("Status bukti", "Evidence status"),
            ctx.t("Jawaban sekarang", "Answer now"),
            ctx.t("Poin diklaim", "Points claimed"),
            ctx.t("Tanpa bukti menjadi", "Without evidence"),
            ctx.t("Poin berisiko", "Points at risk"),
        ],
        &WIDTHS,
    )?;
    merged(
        ws,
        (row, 9),
        (row, LAST),
        ctx.t("Yang kurang", "What is lacking"),
        &st.header,
    )?;
    row += 1;
    for (n, id) in actions.iter().enumerate() {
        let item = ctx.c.item(*id);
        let it = &ev.items[id.0];
        let now = ctx.r.item(*id);
        let red = toned(&st.text, Tone::Fail);
        number(ws, row, 0, (n + 1) as f64, &st.count)?;
        text(ws, row, 1, &item.key, &st.key)?;
        text(ws, row, 2, item.display_text(lang), &st.text)?;
        let sub = sub_area(ctx, *id);
        text(ws, row, 3, &sub, &st.text)?;
        text(ws, row, 4, item_status_text(it.status, lang), &red)?;
        text(
            ws,
            row,
            5,
            answer_now(ctx, *id, now.answer.as_deref(), now.value, now.status),
            &st.text,
        )?;
        number(ws, row, 6, it.claimed_points, &st.num)?;
        text(ws, row, 7, backed_answer_text(ctx, *id), &st.text)?;
        number(
            ws,
            row,
            8,
            it.points_at_risk(),
            &toned(&st.num_bold, Tone::Fail),
        )?;
        let lacking = lacking_text(ctx, *id);
        merged(ws, (row, 9), (row, LAST), "", &st.text)?;
        text(ws, row, 9, &lacking, &st.text)?;
        fit_row(
            ws,
            row,
            &[
                (item.display_text(lang), WIDTHS[2]),
                (&sub, WIDTHS[3]),
                (&lacking, WIDTHS[9] + WIDTHS[10] + WIDTHS[11]),
            ],
        )?;
        row += 1;
    }
    Ok(row)
}

/// One row of section A: number, key, item, sub-area, status, value now, points, max points,
/// points to gain, (with `next`) the next answer and its gain, and the failing conditions it
/// helps.
fn item_row(
    ws: &mut Worksheet,
    ctx: &Ctx,
    row: u32,
    n: usize,
    it: &ItemPriority,
    next: bool,
) -> Result<(), XlsxError> {
    let (st, lang) = (&ctx.st, ctx.lang);
    let item = ctx.c.item(it.item);
    number(ws, row, 0, (n + 1) as f64, &st.count)?;
    text(ws, row, 1, &item.key, &st.key)?;
    text(ws, row, 2, item.display_text(lang), &st.text)?;
    let sub = sub_area(ctx, it.item);
    text(ws, row, 3, &sub, &st.text)?;
    text(
        ws,
        row,
        4,
        status_text(ctx, it.status),
        &status_style(ctx, it.status),
    )?;
    let now = ctx.r.item(it.item);
    text(
        ws,
        row,
        5,
        answer_now(ctx, it.item, now.answer.as_deref(), now.value, it.status),
        &st.text,
    )?;
    number(ws, row, 6, it.points, &st.num)?;
    number(ws, row, 7, it.max_points, &st.num)?;
    number(ws, row, 8, it.recoverable, &st.num_bold)?;
    if let Some(step) = it.next.as_ref().filter(|_| next) {
        text(ws, row, 9, target_text(ctx, &step.to), &st.text)?;
        let tone = if step.gain < 0.0 {
            Tone::Amber
        } else {
            Tone::Plain
        };
        number(ws, row, 10, step.gain, &toned(&st.num, tone))?;
    }
    let helps: Vec<String> = it.helps.iter().map(|h| condition_name(ctx, *h)).collect();
    let helps = helps.join("; ");
    text(ws, row, 11, &helps, &st.text)?;
    fit_row(
        ws,
        row,
        &[
            (item.display_text(lang), WIDTHS[2]),
            (&sub, WIDTHS[3]),
            (&helps, WIDTHS[11]),
        ],
    )
}

fn outcome_heading(ctx: &Ctx) -> &'static str {
    ctx.t("Hasil survei dan capaian", "Survey results and performance")
}

/// The line under a condition that actionable items cannot make pass.
fn unreachable_text(ctx: &Ctx, plan: &ConditionPlan) -> String {
    let lang = ctx.lang;
    let (after, threshold) = (fmt2(plan.value_after, lang), fmt2(plan.threshold, lang));
    let any_actionable = (plan.value_after - plan.value).abs() > 1e-9;
    match (lang, plan.outcomes.is_empty(), any_actionable) {
        (Lang::Id, true, _) => format!(
            "Tidak tercapai dengan memperbaiki jawaban saja: bila semua item dalam cakupan syarat ini bernilai penuh, nilainya {after} (ambang {threshold})."
        ),
        (Lang::En, true, _) => format!(
            "Not reachable by answers alone: with every item in this condition's scope at full value it would be {after} (threshold {threshold})."
        ),
        (Lang::Id, false, true) => format!(
            "Tidak tercapai dengan item yang dapat dikerjakan tim saja: bila semuanya bernilai penuh, nilainya {after} (ambang {threshold}). Selebihnya hanya melalui hasil survei dan capaian:"
        ),
        (Lang::En, false, true) => format!(
            "Not reachable by the items a team can act on: with all of them at full value it would be {after} (threshold {threshold}). The rest only through survey results and performance:"
        ),
        (Lang::Id, false, false) => {
            "Hanya dapat dipenuhi melalui hasil survei dan capaian:".to_string()
        }
        (Lang::En, false, false) => {
            "Can only be met through survey results and performance:".to_string()
        }
    }
}

/// The outcome values a condition needs, under the heading "Hasil survei dan capaian".
fn outcome_needs(
    ws: &mut Worksheet,
    ctx: &Ctx,
    mut row: u32,
    needs: &[OutcomeNeed],
    any_actionable: bool,
) -> Result<u32, XlsxError> {
    let st = &ctx.st;
    text(ws, row, 0, outcome_heading(ctx), &st.label)?;
    row += 1;
    header(
        ws,
        ctx,
        row,
        &[
            ctx.t("No", "No"),
            ctx.t("Kunci", "Key"),
            ctx.t("Item", "Item"),
            ctx.t("Sub-area", "Sub-area"),
            ctx.t("Status", "Status"),
            ctx.t("Nilai sekarang", "Value now"),
            ctx.t("Perlu", "Needed"),
        ],
        &WIDTHS,
    )?;
    merged(
        ws,
        (row, 7),
        (row, LAST),
        ctx.t("Keterangan", "Note"),
        &st.header,
    )?;
    row += 1;
    for (n, need) in needs.iter().enumerate() {
        let item = ctx.c.item(need.item);
        number(ws, row, 0, (n + 1) as f64, &st.count)?;
        text(ws, row, 1, &item.key, &st.key)?;
        text(ws, row, 2, item.display_text(ctx.lang), &st.text)?;
        let sub = sub_area(ctx, need.item);
        text(ws, row, 3, &sub, &st.text)?;
        text(
            ws,
            row,
            4,
            status_text(ctx, need.status),
            &status_style(ctx, need.status),
        )?;
        text(
            ws,
            row,
            5,
            answer_now(
                ctx,
                need.item,
                need.from_answer.as_deref(),
                need.from_value,
                need.status,
            ),
            &st.text,
        )?;
        text(ws, row, 6, needed_text(ctx, need), &st.text_bold)?;
        let note = need_note(ctx, need, any_actionable);
        merged(ws, (row, 7), (row, LAST), "", &st.text)?;
        text(ws, row, 7, &note, &st.text)?;
        fit_row(
            ws,
            row,
            &[
                (item.display_text(ctx.lang), WIDTHS[2]),
                (&sub, WIDTHS[3]),
                (&note, WIDTHS[7..].iter().sum()),
            ],
        )?;
        row += 1;
    }
    Ok(row)
}

/// "≥ 3,62" (an index), "≥ B" (an option), "≥ 85,5%" (a ratio), or "—" when this item alone
/// cannot meet the condition.
pub(super) fn needed_text(ctx: &Ctx, need: &OutcomeNeed) -> String {
    if let Some(idx) = need.index_needed(ctx.c) {
        return format!("≥ {}", fmt2(idx, ctx.lang));
    }
    match (&need.option, need.sufficient_value) {
        (Some(Target::Option { code, .. }), _) => format!("≥ {code}"),
        (_, Some(v)) => format!("≥ {}%", fmt2(ceil2(v * 100.0), ctx.lang)),
        _ => "—".to_string(),
    }
}

fn need_note(ctx: &Ctx, need: &OutcomeNeed, any_actionable: bool) -> String {
    let lang = ctx.lang;
    if need.sufficient_value.is_none() {
        return ctx
            .t(
                "tidak cukup sendiri, bahkan pada nilai penuh: perlu juga hasil lain dalam cakupan syarat",
                "not enough alone, even at full value: other results in the condition's scope are needed too",
            )
            .to_string();
    }
    let mut note = match (lang, need.index_needed(ctx.c)) {
        (Lang::Id, Some(i)) => format!("indeks perlu ≥ {}", fmt2(i, lang)),
        (Lang::En, Some(i)) => format!("an index ≥ {} is needed", fmt2(i, lang)),
        (Lang::Id, None) => format!("perlu {}", needed_text(ctx, need)),
        (Lang::En, None) => format!("needs {}", needed_text(ctx, need)),
    };
    if any_actionable {
        note.push_str(ctx.t(
            " (dengan item lain dalam cakupan syarat yang dapat dikerjakan tim bernilai penuh)",
            " (with the condition's other items a team can act on at full value)",
        ));
    }
    note
}

/// "Menuju WBK — Area Penguatan Pengawasan (≥ 60% bobot)".
pub(super) fn condition_name(ctx: &Ctx, at: ConditionRef) -> String {
    let Some(p) = ctx.r.predicates.get(at.predicate) else {
        return String::new();
    };
    let label = p
        .conditions
        .get(at.condition)
        .map_or("", |c| c.label(ctx.lang));
    format!("{} — {label}", p.name(ctx.lang))
}

fn sub_area(ctx: &Ctx, id: ItemId) -> String {
    let node = ctx.c.node(ctx.c.item(id).parent);
    let area = std::iter::once(ctx.c.item(id).parent)
        .chain(ctx.c.ancestors(ctx.c.item(id).parent))
        .find_map(|n| ctx.c.node(n).area)
        .and_then(|a| ctx.c.areas.get(a.0));
    match area {
        Some(a) => format!(
            "{} — {}",
            a.display_name(ctx.lang),
            node.display_name(ctx.lang)
        ),
        None => node.display_name(ctx.lang).to_string(),
    }
}

fn status_text(ctx: &Ctx<'_>, s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Answered => ctx.t("dijawab", "answered"),
        ItemStatus::Unanswered => ctx.t("belum diisi", "not filled"),
        ItemStatus::Invalid => ctx.t("tidak sah", "invalid"),
    }
}

fn status_style(ctx: &Ctx, s: ItemStatus) -> rust_xlsxwriter::Format {
    match s {
        ItemStatus::Answered => ctx.st.text.clone(),
        ItemStatus::Unanswered => toned(&ctx.st.text, Tone::Amber),
        ItemStatus::Invalid => toned(&ctx.st.text, Tone::Fail),
    }
}

/// The answer now as a reader knows it: the option or index, a ratio as a percentage, or "—".
fn answer_now(
    ctx: &Ctx,
    id: ItemId,
    answer: Option<&str>,
    value: Option<f64>,
    status: ItemStatus,
) -> String {
    if status != ItemStatus::Answered {
        return "—".to_string();
    }
    match (&ctx.c.item(id).answer, answer, value) {
        (zona_core::AnswerKind::Index { .. }, Some(a), _) => match a.parse::<f64>() {
            Ok(v) => fmt_plain(v, ctx.lang),
            Err(_) => a.to_string(),
        },
        (_, Some(a), _) => a.to_string(),
        (_, None, Some(v)) => format!("{}%", fmt2(v * 100.0, ctx.lang)),
        _ => "—".to_string(),
    }
}

fn target_text(ctx: &Ctx, t: &Target) -> String {
    match t {
        Target::Option { code, .. } => code.clone(),
        Target::IndexMax { max } => format!(
            "{} ({})",
            fmt_plain(*max, ctx.lang),
            ctx.t("indeks penuh", "full index")
        ),
        Target::RatioFull => "100%".to_string(),
    }
}

fn improvement_note(ctx: &Ctx, imp: &Improvement) -> String {
    let lang = ctx.lang;
    let mut notes: Vec<String> = Vec::new();
    if imp.status == ItemStatus::Invalid {
        notes.push(match lang {
            Lang::Id => format!(
                "jawaban sekarang tidak sah: perbaiki isian (lihat lembar {})",
                ctx.names[super::VALIDATION]
            ),
            Lang::En => format!(
                "the answer now is invalid: fix the input (see sheet {})",
                ctx.names[super::VALIDATION]
            ),
        });
    }
    match (&imp.to, imp.sufficient_value) {
        (Target::IndexMax { max }, v) => {
            notes.push(
                ctx.t(
                    "indeks dinaikkan ke nilai penuh dalam satu langkah",
                    "index raised to full value in one step",
                )
                .to_string(),
            );
            if let Some(v) = v {
                notes.push(match lang {
                    Lang::Id => format!("cukup indeks ≥ {}", fmt2(ceil2(v * max), lang)),
                    Lang::En => format!("an index ≥ {} is enough", fmt2(ceil2(v * max), lang)),
                });
            }
        }
        (Target::RatioFull, v) => {
            notes.push(
                ctx.t(
                    "rasio dinaikkan ke 100% dalam satu langkah",
                    "ratio raised to 100% in one step",
                )
                .to_string(),
            );
            if let Some(v) = v {
                notes.push(match lang {
                    Lang::Id => format!("cukup rasio ≥ {}%", fmt2(ceil2(v * 100.0), lang)),
                    Lang::En => format!("a ratio ≥ {}% is enough", fmt2(ceil2(v * 100.0), lang)),
                });
            }
        }
        (Target::Option { .. }, _) if imp.steps > 1 => notes.push(match lang {
            Lang::Id => format!("{} langkah satu pilihan", imp.steps),
            Lang::En => format!("{} one-option steps", imp.steps),
        }),
        _ => {}
    }
    notes.join("; ")
}
