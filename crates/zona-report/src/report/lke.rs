//! Sheet 2, LKE: the whole evaluation in the official column order (Penilaian, Bobot, Penjelasan,
//! Pilihan Jawaban, Jawaban, Nilai, %, Catatan, Data dukung), with a key column in front and the
//! item's points beside its value. Every node row carries its subtotal; values, not formulas.
//!
//! Node rows below a predicate's minimum are highlighted: red when below every predicate's
//! minimum, amber when below some (areas and the nodes inside them by the `areas` percentages,
//! nodes and items named by `node` / `item` conditions by their minima, the total by `total`).

use rust_xlsxwriter::{Format, Worksheet, XlsxError};
use zona_core::criteria::{AnswerKind, ConditionKind, Item, ItemId, Node, NodeId};
use zona_core::predicate::meets;
use zona_core::score::ItemScore;
use zona_core::{ItemAnswer, ItemStatus, Lang, Layer};

use super::style::{indented, muted, node_row, toned, Tone};
use super::{col, link, number, opt_number, text, Ctx};
use crate::sheet::header_row;

pub(super) const KEY: u16 = 0;
pub(super) const PENILAIAN: u16 = 1;
pub(super) const BOBOT: u16 = 2;
pub(super) const PENJELASAN: u16 = 3;
pub(super) const PILIHAN: u16 = 4;
pub(super) const JAWABAN: u16 = 5;
pub(super) const NILAI: u16 = 6;
pub(super) const PCT: u16 = 7;
pub(super) const POIN: u16 = 8;
pub(super) const CATATAN: u16 = 9;
pub(super) const DUKUNG: u16 = 10;
pub(super) const FIRST_LINK: u16 = 11;

/// Widths of the columns before the links, and of a link column.
const WIDTHS: [f64; 11] = [26.0, 42.0, 6.0, 32.0, 10.0, 9.0, 7.0, 8.0, 7.0, 18.0, 18.0];
const LINK_WIDTH: f64 = 40.0;

/// The width left for a label indented `level` steps.
fn label_width(level: usize) -> f64 {
    (WIDTHS[PENILAIAN as usize] - 1.5 * level as f64).max(10.0)
}

pub(super) fn sheet(ctx: &Ctx) -> Result<Worksheet, XlsxError> {
    let (c, st) = (ctx.c, &ctx.st);
    let mut ws = Worksheet::new();
    ws.set_name(ctx.names[super::LKE])?;
    let links = (0..c.items.len())
        .map(|i| links_of(ctx, ItemId(i)).len())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut heads = vec![
        ctx.t("Kunci", "Key"),
        ctx.t("Penilaian", "Assessment (Penilaian)"),
        ctx.t("Bobot", "Weight (Bobot)"),
        ctx.t("Penjelasan", "Explanation (Penjelasan)"),
        ctx.t("Pilihan Jawaban", "Answer options (Pilihan Jawaban)"),
        ctx.t("Jawaban", "Answer (Jawaban)"),
        ctx.t("Nilai", "Value (Nilai)"),
        "%",
        ctx.t("Poin", "Points"),
        ctx.t("Catatan", "Notes (Catatan)"),
        ctx.t("Data dukung", "Evidence (Data dukung)"),
    ];
    let link_head = ctx.t("Tautan data dukung", "Evidence link");
    heads.extend(std::iter::repeat_n(link_head, links));
    header_row(&mut ws, 0, 0, &heads, &st.header)?;
    for (k, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(k), *w)?;
    }
    for k in 0..links {
        ws.set_column_width(FIRST_LINK + col(k), LINK_WIDTH)?;
    }
    let head_cells: Vec<(&str, f64)> = heads
        .iter()
        .zip(WIDTHS.iter().chain(std::iter::repeat(&LINK_WIDTH)))
        .map(|(h, w)| (*h, *w))
        .collect();
    super::fit_row(&mut ws, 0, &head_cells)?;
    let last_col = FIRST_LINK + col(links) - 1;
    ws.set_freeze_panes(1, 2)?;

    let mut row = 1;
    for id in c.nodes_preorder() {
        let node = c.node(id);
        node_line(&mut ws, ctx, row, id, last_col)?;
        row += 1;
        for item in &node.items {
            row = item_lines(&mut ws, ctx, row, *item, node)?;
        }
    }
    // The grand total.
    let tone = tone_for(ctx.r.total, &total_minima(ctx));
    let f = |base: &Format| toned(&node_row(base, 0), tone);
    blank_row(&mut ws, row, last_col, &f(&st.text))?;
    text(&mut ws, row, KEY, "total", &f(&st.key))?;
    text(
        &mut ws,
        row,
        PENILAIAN,
        ctx.t(
            "NILAI EVALUASI ZONA INTEGRITAS",
            "ZONA INTEGRITAS EVALUATION SCORE",
        ),
        &f(&st.text),
    )?;
    number(&mut ws, row, BOBOT, ctx.r.max_total, &f(&st.num))?;
    number(&mut ws, row, NILAI, ctx.r.total, &f(&st.num))?;
    let pct = if ctx.r.max_total > 0.0 {
        ctx.r.total / ctx.r.max_total * 100.0
    } else {
        0.0
    };
    number(&mut ws, row, PCT, pct, &f(&st.pct))?;
    // Printed without the link columns (clickable on screen only; the evidence texts are in
    // Data dukung), so that the tree prints at a readable size.
    crate::sheet::print_setup(&mut ws, &WIDTHS, Some((0, 0)))?;
    ws.set_print_area(0, 0, row, FIRST_LINK - 1)?;
    Ok(ws)
}

/// Red when the value is below every minimum, amber when below some.
pub(super) fn tone_for(value: f64, minima: &[f64]) -> Tone {
    let below = minima.iter().filter(|m| !meets(value, **m)).count();
    match below {
        0 => Tone::Plain,
        n if n == minima.len() => Tone::Fail,
        _ => Tone::Amber,
    }
}

pub(super) fn total_minima(ctx: &Ctx) -> Vec<f64> {
    ctx.c
        .predicates
        .iter()
        .flat_map(|p| &p.conditions)
        .filter_map(|cond| match cond.kind {
            ConditionKind::Total { min } => Some(min),
            _ => None,
        })
        .collect()
}

/// The point minima that apply to a node's score: its own `node` conditions, or, inside an area,
/// the `areas` percentages of its weight.
pub(super) fn node_minima(ctx: &Ctx, id: NodeId) -> Vec<f64> {
    let node = ctx.c.node(id);
    let own: Vec<f64> = ctx
        .c
        .predicates
        .iter()
        .flat_map(|p| &p.conditions)
        .filter_map(|cond| match cond.kind {
            ConditionKind::Node { node, min } if node == id => Some(min),
            _ => None,
        })
        .collect();
    if !own.is_empty() {
        return own;
    }
    let in_area = node.area.is_some() || ctx.c.ancestors(id).any(|a| ctx.c.node(a).area.is_some());
    if !in_area {
        return Vec::new();
    }
    ctx.area_thresholds()
        .iter()
        .map(|(_, pct)| node.weight * pct / 100.0)
        .collect()
}

fn item_minima(ctx: &Ctx, id: ItemId) -> Vec<f64> {
    ctx.c
        .predicates
        .iter()
        .flat_map(|p| &p.conditions)
        .filter_map(|cond| match cond.kind {
            ConditionKind::Item { item, min } if item == id => Some(min),
            _ => None,
        })
        .collect()
}

/// The cells of a tree row (a node or the total) that get a value after [`blank_row`].
const TREE_ROW_VALUES: [u16; 5] = [KEY, PENILAIAN, BOBOT, NILAI, PCT];

/// Fills a tree row with its format, but for the cells that get a value next (each formatted
/// write hashes the whole format: writing those twice cost a tenth of the sheet).
fn blank_row(ws: &mut Worksheet, row: u32, last_col: u16, f: &Format) -> Result<(), XlsxError> {
    for k in (0..=last_col).filter(|k| !TREE_ROW_VALUES.contains(k)) {
        ws.write_blank(row, k, f)?;
    }
    Ok(())
}

fn node_line(
    ws: &mut Worksheet,
    ctx: &Ctx,
    row: u32,
    id: NodeId,
    last_col: u16,
) -> Result<(), XlsxError> {
    let (st, lang) = (&ctx.st, ctx.lang);
    let node = ctx.c.node(id);
    let s = ctx.r.node(id);
    let tone = tone_for(s.score, &node_minima(ctx, id));
    let f = |base: &Format| toned(&node_row(base, node.depth), tone);
    blank_row(ws, row, last_col, &f(&st.text))?;
    text(ws, row, KEY, &node.key, &f(&st.key))?;
    let label = match &node.marker {
        Some(m) => format!("{m} {}", node.display_name(lang)),
        None => node.display_name(lang).to_string(),
    };
    text(
        ws,
        row,
        PENILAIAN,
        &label,
        &indented(&f(&st.text), node.depth),
    )?;
    super::fit_row(ws, row, &[(&label, label_width(node.depth) * 0.9)])?;
    number(ws, row, BOBOT, s.weight, &f(&st.num))?;
    number(ws, row, NILAI, s.score, &f(&st.num))?;
    number(ws, row, PCT, s.percent(), &f(&st.pct))?;
    if s.answered < s.items {
        let note = match lang {
            zona_core::Lang::Id => format!("{} dari {} item dijawab", s.answered, s.items),
            zona_core::Lang::En => format!("{} of {} items answered", s.answered, s.items),
        };
        text(ws, row, CATATAN, &note, &f(&st.text))?;
    }
    Ok(())
}

/// The links of an item's evidence, in order.
fn links_of<'a>(ctx: &'a Ctx, id: ItemId) -> Vec<&'a str> {
    ctx.input
        .answers
        .get(id)
        .map(|a| a.evidence.iter().filter_map(|e| e.link()).collect())
        .unwrap_or_default()
}

/// The Catatan of an item row: the answer's note, after "Diwarisi dari Unit" on its own line when
/// the answer was left blank in its layer and taken from an earlier one.
fn catatan(ctx: &Ctx, answer: Option<&ItemAnswer>) -> String {
    let note = answer.and_then(|a| a.note.as_deref()).unwrap_or("");
    match answer.and_then(|a| a.inherited_from) {
        Some(from) if note.trim().is_empty() => inherited_text(ctx, from, true),
        Some(from) => format!("{}\n{note}", inherited_text(ctx, from, true)),
        None => note.to_string(),
    }
}

/// "Diwarisi dari Unit" / "Inherited from Unit" (`capital`), or in lower case.
pub(super) fn inherited_text(ctx: &Ctx, from: Layer, capital: bool) -> String {
    let name = from.short_name();
    match (ctx.lang, capital) {
        (Lang::Id, true) => format!("Diwarisi dari {name}"),
        (Lang::Id, false) => format!("diwarisi dari {name}"),
        (Lang::En, true) => format!("Inherited from {name}"),
        (Lang::En, false) => format!("inherited from {name}"),
    }
}

/// Writes an item's answer as understood: the option, the survey index, a ratio item's computed
/// ratio; "Belum diisi" in amber when unanswered, the cell's content in red when invalid.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_answer(
    ws: &mut Worksheet,
    ctx: &Ctx,
    row: u32,
    column: u16,
    item: &Item,
    s: &ItemScore,
    answer: Option<&ItemAnswer>,
    tone: Tone,
) -> Result<(), XlsxError> {
    let st = &ctx.st;
    let f = |base: &Format| toned(base, tone);
    match (s.status, &item.answer) {
        (ItemStatus::Answered, AnswerKind::Ratio(_)) => {
            opt_number(ws, row, column, s.value, &f(&st.fraction_pct))?;
        }
        (ItemStatus::Answered, AnswerKind::Index { max, .. }) => {
            let index = s
                .answer
                .as_deref()
                .and_then(|a| a.parse::<f64>().ok())
                .or(s.value.map(|v| v * max));
            opt_number(ws, row, column, index, &f(&st.num))?;
        }
        (ItemStatus::Answered, AnswerKind::Choice(_)) => {
            text(
                ws,
                row,
                column,
                s.answer.as_deref().unwrap_or(""),
                &f(&st.text),
            )?;
        }
        (ItemStatus::Invalid, _) => {
            let raw = answer
                .and_then(|a| a.answer.as_ref())
                .map(|cell| cell.value.display())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| ctx.t("tidak sah", "invalid").to_string());
            text(ws, row, column, &raw, &toned(&st.text, Tone::Fail))?;
        }
        (ItemStatus::Unanswered, _) => {
            text(
                ws,
                row,
                column,
                ctx.t("Belum diisi", "Not filled"),
                &muted(&toned(&st.text, Tone::Amber)),
            )?;
        }
    }
    Ok(())
}

/// Writes an item row and its count-input rows; returns the next free row.
fn item_lines(
    ws: &mut Worksheet,
    ctx: &Ctx,
    mut row: u32,
    id: ItemId,
    node: &Node,
) -> Result<u32, XlsxError> {
    let (c, st, lang) = (ctx.c, &ctx.st, ctx.lang);
    let item: &Item = c.item(id);
    let s = ctx.r.item(id);
    let answer = ctx.input.answers.get(id);
    let level = node.depth + 1;
    let tone = tone_for(s.points, &item_minima(ctx, id));
    let f = |base: &Format| toned(base, tone);

    text(ws, row, KEY, &item.key, &f(&st.key))?;
    let label = match &item.marker {
        Some(m) => format!("{m} {}", item.display_text(lang)),
        None => item.display_text(lang).to_string(),
    };
    text(ws, row, PENILAIAN, &label, &indented(&f(&st.text), level))?;
    opt_number(ws, row, BOBOT, item.weight, &f(&st.num))?;
    let penjelasan = item.display_criteria(lang).unwrap_or("");
    text(ws, row, PENJELASAN, penjelasan, &f(&st.text))?;
    text(
        ws,
        row,
        PILIHAN,
        c.answer_label_in(item, lang),
        &f(&st.text),
    )?;
    write_answer(ws, ctx, row, JAWABAN, item, s, answer, tone)?;
    opt_number(ws, row, NILAI, s.value, &f(&st.num))?;
    opt_number(ws, row, PCT, s.value.map(|v| v * 100.0), &f(&st.pct))?;
    number(ws, row, POIN, s.points, &f(&st.num))?;
    let note = catatan(ctx, answer);
    text(ws, row, CATATAN, &note, &f(&st.text))?;
    let texts: Vec<&str> = answer
        .map(|a| {
            a.evidence
                .iter()
                .filter(|e| e.link().is_none())
                .map(|e| e.text.as_str())
                .collect()
        })
        .unwrap_or_default();
    text(ws, row, DUKUNG, texts.join("\n"), &f(&st.text))?;
    for (k, l) in links_of(ctx, id).iter().enumerate() {
        link(ws, row, FIRST_LINK + col(k), l, &st.link)?;
    }
    super::fit_row(
        ws,
        row,
        &[
            (&label, label_width(level)),
            (penjelasan, WIDTHS[PENJELASAN as usize]),
            (&note, WIDTHS[CATATAN as usize]),
            (&texts.join("\n"), WIDTHS[DUKUNG as usize]),
        ],
    )?;
    row += 1;

    // Count inputs of a ratio item, one row each.
    if let AnswerKind::Ratio(ratio) = &item.answer {
        let input_fmt = muted(&st.text);
        for (k, input) in ratio.inputs.iter().enumerate() {
            text(
                ws,
                row,
                KEY,
                format!("{}.{}", item.key, input.key),
                &input_fmt,
            )?;
            let input_label = input.display_label(lang);
            text(
                ws,
                row,
                PENILAIAN,
                input_label,
                &indented(&input_fmt, level + 1),
            )?;
            text(
                ws,
                row,
                PILIHAN,
                ctx.t("Jumlah", "Count (Jumlah)"),
                &input_fmt,
            )?;
            match s.counts.get(k).copied().flatten() {
                Some(v) => number(ws, row, JAWABAN, v, &muted(&st.count))?,
                None => {
                    let raw = answer
                        .and_then(|a| a.inputs.get(k))
                        .and_then(|c| c.as_ref())
                        .map(|c| c.value.display())
                        .filter(|t| !t.trim().is_empty());
                    match raw {
                        Some(t) => text(ws, row, JAWABAN, &t, &toned(&st.text, Tone::Fail))?,
                        None => text(
                            ws,
                            row,
                            JAWABAN,
                            ctx.t("Belum diisi", "Not filled"),
                            &muted(&toned(&st.text, Tone::Amber)),
                        )?,
                    }
                }
            }
            if !input.sum_of.is_empty() {
                let parts: Vec<&str> = input
                    .sum_of
                    .iter()
                    .filter_map(|p| ratio.inputs.get(*p).map(|i| i.display_label(lang)))
                    .collect();
                let sum = format!("= {}", parts.join(" + "));
                text(ws, row, CATATAN, &sum, &input_fmt)?;
                super::fit_row(ws, row, &[(&sum, WIDTHS[CATATAN as usize])])?;
            }
            super::fit_row(ws, row, &[(input_label, label_width(level + 1))])?;
            row += 1;
        }
    }
    Ok(row)
}
