//! Sheet Lapisan / Layers, written only when the source has two or more answer layers (the unit's
//! own, the internal evaluator's TPI, the national evaluator's TPN): how a reform team sees where
//! the evaluator disagreed with it.
//!
//! 1. The layers side by side: the total, the roots and their components, the six areas (score
//!    and % of weight), each predicate's status and the item counts (answered, unanswered, invalid,
//!    inherited), with the change in points from each layer to the next.
//! 2. For each consecutive pair (unit → TPI, TPI → TPN), the items whose value differs
//!    ([`zona_core::layers::differences`]), largest change in points first: the answer, value and
//!    points in each layer, the change, and whether the later answer was inherited.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};
use zona_core::criteria::NodeId;
use zona_core::layers::{differences, Layer};
use zona_core::{AnswerSet, ItemStatus, Lang, PredicateStatus, ScoreResult};

use super::lke::{inherited_text, node_minima, tone_for, total_minima, write_answer};
use super::style::{indented, toned, Tone};
use super::summary::header;
use super::{col, number, text, Ctx, LayerInput};
use crate::sheet::merged;

/// Columns of both tables: the key and the label (item text) first.
const KEY: u16 = 0;
const LABEL: u16 = 1;
/// Side by side: the weight, then per layer its score and % of weight, then per pair the change.
const WEIGHT: u16 = 2;
const FIRST_LAYER: u16 = 3;
/// Differences: the answer, value and points in each layer of the pair, the change, inherited.
const DIFF_ANSWER: u16 = 2;
const DIFF_VALUE: u16 = 4;
const DIFF_POINTS: u16 = 6;
const DIFF_DELTA: u16 = 8;
const DIFF_INHERITED: u16 = 9;

const KEY_WIDTH: f64 = 30.0;
const LABEL_WIDTH: f64 = 60.0;
const NUM_WIDTH: f64 = 14.0;

/// A change smaller than this is no change (the same tolerance as [`differences`]).
const NO_CHANGE: f64 = 1e-12;

/// Items of a layer that took their answer from an earlier layer.
fn inherited_count(answers: &AnswerSet) -> usize {
    answers
        .items
        .iter()
        .flatten()
        .filter(|a| a.inherited_from.is_some())
        .count()
}

/// Score as % of weight (0 for a weightless node), as everywhere in the report.
fn percent(score: f64, weight: f64) -> f64 {
    if weight > 0.0 {
        score / weight * 100.0
    } else {
        0.0
    }
}

/// Green when the later layer gains points, red when it loses them.
fn delta_tone(delta: f64) -> Tone {
    if delta > NO_CHANGE {
        Tone::Pass
    } else if delta < -NO_CHANGE {
        Tone::Fail
    } else {
        Tone::Plain
    }
}

pub(super) fn sheet(ctx: &Ctx) -> Result<Worksheet, XlsxError> {
    let layers = ctx.input.layers;
    let n = layers.len();
    let mut ws = Worksheet::new();
    ws.set_name(super::layers_sheet_name(ctx.lang))?;
    // Side by side: key, label, weight, two columns per layer and one per pair.
    let last_col = col(3 * n + 1).max(DIFF_INHERITED);
    ws.set_column_width(KEY, KEY_WIDTH)?;
    ws.set_column_width(LABEL, LABEL_WIDTH)?;
    for k in WEIGHT..=last_col {
        ws.set_column_width(k, NUM_WIDTH)?;
    }
    let widths: Vec<f64> = (0..=last_col)
        .map(|k| match k {
            KEY => KEY_WIDTH,
            LABEL => LABEL_WIDTH,
            _ => NUM_WIDTH,
        })
        .collect();
    let all_width: f64 = widths.iter().sum();

    let names: Vec<&str> = layers.iter().map(|l| l.layer.short_name()).collect();
    text(
        &mut ws,
        0,
        0,
        format!(
            "{}: {}",
            ctx.t("Lapisan jawaban", "Answer layers"),
            names.join(" → ")
        ),
        &ctx.st.title,
    )?;
    super::paragraph(
        &mut ws,
        1,
        (0, last_col),
        all_width,
        &intro(ctx),
        &ctx.st.note,
    )?;

    let mut row = 3;
    text(
        &mut ws,
        row,
        0,
        ctx.t("Lapisan berdampingan", "Layers side by side"),
        &ctx.st.section,
    )?;
    row += 1;
    row = side_by_side(&mut ws, ctx, row, &widths)?;

    for pair in layers.windows(2) {
        row += 1;
        row = pair_differences(&mut ws, ctx, row, &pair[0], &pair[1], &widths)?;
    }
    crate::sheet::print_setup(&mut ws, &widths, Some((0, 0)))?;
    Ok(ws)
}

/// What the sheet holds and which layer the other sheets show.
fn intro(ctx: &Ctx) -> String {
    let mut s = ctx
        .t(
            "Setiap lapisan jawaban dinilai tersendiri dengan kriteria dan aturan yang sama. Item yang \
             dikosongkan suatu lapisan mengambil jawaban lapisan sebelumnya dan ditandai \"diwarisi\". \
             Selisih = lapisan berikutnya − lapisan sebelumnya, dalam poin (hijau: naik, merah: turun).",
            "Each answer layer is scored on its own with the same criteria and rules. An item a layer \
             left blank takes the previous layer's answer and is marked \"inherited\". Change = later \
             layer − earlier layer, in points (green: up, red: down).",
        )
        .to_string();
    if let Some(shown) = ctx.input.shown_layer() {
        let names = &ctx.names;
        s.push(' ');
        s.push_str(&match ctx.lang {
            Lang::Id => format!(
                "Lembar {}, {}, {}, {} dan {} menunjukkan lapisan {}.",
                names[super::SUMMARY],
                names[super::LKE],
                names[super::EVIDENCE],
                names[super::PRIORITIES],
                names[super::VALIDATION],
                shown.label(ctx.lang)
            ),
            Lang::En => format!(
                "Sheets {}, {}, {}, {} and {} show the {} layer.",
                names[super::SUMMARY],
                names[super::LKE],
                names[super::EVIDENCE],
                names[super::PRIORITIES],
                names[super::VALIDATION],
                shown.label(ctx.lang)
            ),
        });
    }
    s
}

/// One row of numbers: a score and its % of weight per layer, and the change per pair.
struct ScoreLine<'a> {
    key: &'a str,
    label: String,
    level: usize,
    weight: f64,
    scores: Vec<f64>,
    /// The tone of each layer's score (predicate minima), aligned with `scores`.
    tones: Vec<Tone>,
}

fn score_line(ws: &mut Worksheet, ctx: &Ctx, row: u32, line: &ScoreLine) -> Result<(), XlsxError> {
    let st = &ctx.st;
    let bold = line.level <= 1;
    let (tf, nf, pf) = if bold {
        (&st.text_bold, &st.num_bold, &st.pct_bold)
    } else {
        (&st.text, &st.num, &st.pct)
    };
    text(ws, row, KEY, line.key, &st.key)?;
    text(ws, row, LABEL, &line.label, &indented(tf, line.level))?;
    super::fit_row(
        ws,
        row,
        &[(&line.label, LABEL_WIDTH - 1.5 * line.level as f64)],
    )?;
    number(ws, row, WEIGHT, line.weight, nf)?;
    for (i, (score, tone)) in line.scores.iter().zip(&line.tones).enumerate() {
        let c = FIRST_LAYER + col(2 * i);
        number(ws, row, c, *score, &toned(nf, *tone))?;
        number(
            ws,
            row,
            c + 1,
            percent(*score, line.weight),
            &toned(pf, *tone),
        )?;
    }
    let first_delta = FIRST_LAYER + col(2 * line.scores.len());
    for (j, pair) in line.scores.windows(2).enumerate() {
        let delta = pair[1] - pair[0];
        number(
            ws,
            row,
            first_delta + col(j),
            delta,
            &toned(nf, delta_tone(delta)),
        )?;
    }
    Ok(())
}

/// A label row between the groups of the side-by-side table.
fn group_row(ws: &mut Worksheet, ctx: &Ctx, row: u32, label: &str) -> Result<(), XlsxError> {
    text(ws, row, LABEL, label, &ctx.st.label)
}

/// The layers side by side; returns the next free row.
fn side_by_side(
    ws: &mut Worksheet,
    ctx: &Ctx,
    mut row: u32,
    widths: &[f64],
) -> Result<u32, XlsxError> {
    let (c, lang, layers) = (ctx.c, ctx.lang, ctx.input.layers);
    let results: Vec<&ScoreResult> = layers.iter().map(|l| l.result).collect();
    let mut heads: Vec<String> = vec![
        ctx.t("Kunci", "Key").into(),
        ctx.t("Uraian", "Description").into(),
        ctx.t("Bobot", "Weight").into(),
    ];
    for l in layers {
        let name = l.layer.short_name();
        heads.push(format!("{name}: {}", ctx.t("nilai", "score")));
        heads.push(format!("{name}: {}", ctx.t("% bobot", "% of weight")));
    }
    for pair in layers.windows(2) {
        heads.push(format!(
            "{} → {}: {}",
            pair[0].layer.short_name(),
            pair[1].layer.short_name(),
            ctx.t("selisih (poin)", "change (points)")
        ));
    }
    let head_refs: Vec<&str> = heads.iter().map(String::as_str).collect();
    header(ws, ctx, row, &head_refs, widths)?;
    row += 1;

    // The total, the roots and their components.
    let minima = total_minima(ctx);
    score_line(
        ws,
        ctx,
        row,
        &ScoreLine {
            key: "total",
            label: ctx.t("NILAI TOTAL", "TOTAL SCORE").into(),
            level: 0,
            weight: ctx.r.max_total,
            scores: results.iter().map(|r| r.total).collect(),
            tones: results.iter().map(|r| tone_for(r.total, &minima)).collect(),
        },
    )?;
    row += 1;
    let mut nodes: Vec<(NodeId, usize)> = Vec::new();
    for root in &c.roots {
        nodes.push((*root, 1));
        nodes.extend(c.node(*root).children.iter().map(|ch| (*ch, 2)));
    }
    for (id, level) in nodes {
        let node = c.node(id);
        let label = match &node.marker {
            Some(m) => format!("{m} {}", node.display_name(lang)),
            None => node.display_name(lang).to_string(),
        };
        let minima = node_minima(ctx, id);
        score_line(
            ws,
            ctx,
            row,
            &ScoreLine {
                key: &node.key,
                label,
                level,
                weight: ctx.r.node(id).weight,
                scores: results.iter().map(|r| r.node(id).score).collect(),
                tones: results
                    .iter()
                    .map(|r| tone_for(r.node(id).score, &minima))
                    .collect(),
            },
        )?;
        row += 1;
    }

    // The areas, toned against the predicates' area minima.
    if !c.areas.is_empty() {
        group_row(
            ws,
            ctx,
            row,
            ctx.t(
                "Area pengungkit (pemenuhan + reform)",
                "Enabler areas (pemenuhan + reform)",
            ),
        )?;
        row += 1;
        let refs = ctx.area_thresholds();
        for (k, a) in c.areas.iter().enumerate() {
            let minima: Vec<f64> = refs.iter().map(|(_, pct)| a.weight * pct / 100.0).collect();
            score_line(
                ws,
                ctx,
                row,
                &ScoreLine {
                    key: &a.key,
                    label: a.display_name(lang).to_string(),
                    level: 2,
                    weight: ctx.r.areas[k].weight,
                    scores: results.iter().map(|r| r.areas[k].score).collect(),
                    tones: results
                        .iter()
                        .map(|r| tone_for(r.areas[k].score, &minima))
                        .collect(),
                },
            )?;
            row += 1;
        }
    }

    // Each predicate's status, over the score and % columns of each layer.
    if !c.predicates.is_empty() {
        group_row(ws, ctx, row, ctx.t("Predikat", "Predicates"))?;
        row += 1;
        for (p, pred) in c.predicates.iter().enumerate() {
            text(ws, row, KEY, &pred.key, &ctx.st.key)?;
            let name = pred.display_name(lang);
            text(ws, row, LABEL, name, &indented(&ctx.st.text, 2))?;
            let labels: Vec<_> = results
                .iter()
                .map(|r| r.predicates[p].status_label(lang))
                .collect();
            let mut cells: Vec<(&str, f64)> = vec![(name, LABEL_WIDTH - 3.0)];
            for (i, r) in results.iter().enumerate() {
                let status = r.predicates[p].status;
                let f = toned(&ctx.st.text_bold, status_tone(status));
                let c0 = FIRST_LAYER + col(2 * i);
                merged(ws, (row, c0), (row, c0 + 1), "", &f)?;
                text(ws, row, c0, &labels[i], &f)?;
                cells.push((&labels[i], 2.0 * NUM_WIDTH));
            }
            super::fit_row(ws, row, &cells)?;
            row += 1;
        }
    }

    // The item counts.
    group_row(ws, ctx, row, ctx.t("Jumlah item", "Item counts"))?;
    row += 1;
    let counts = [
        (
            "answered",
            ctx.t("Item dijawab", "Items answered"),
            Tone::Plain,
        ),
        (
            "unanswered",
            ctx.t("Item belum dijawab", "Items unanswered"),
            Tone::Amber,
        ),
        (
            "invalid",
            ctx.t(
                "Item dengan jawaban tidak sah",
                "Items with invalid answers",
            ),
            Tone::Fail,
        ),
        (
            "inherited",
            ctx.t(
                "Jawaban diwarisi dari lapisan sebelumnya",
                "Answers inherited from an earlier layer",
            ),
            Tone::Plain,
        ),
    ];
    for (key, label, tone) in counts {
        text(ws, row, KEY, key, &ctx.st.key)?;
        text(ws, row, LABEL, label, &indented(&ctx.st.text, 2))?;
        for (i, l) in layers.iter().enumerate() {
            let n = layer_count(l, key);
            let f = if n > 0 {
                toned(&ctx.st.count, tone)
            } else {
                ctx.st.count.clone()
            };
            number(ws, row, FIRST_LAYER + col(2 * i), n as f64, &f)?;
        }
        row += 1;
    }
    Ok(row)
}

/// A count of the side-by-side table, by its key.
fn layer_count(l: &LayerInput, key: &str) -> usize {
    match key {
        "answered" => l.result.count_status(ItemStatus::Answered),
        "unanswered" => l.result.count_status(ItemStatus::Unanswered),
        "invalid" => l.result.count_status(ItemStatus::Invalid),
        _ => inherited_count(l.answers),
    }
}

fn status_tone(status: PredicateStatus) -> Tone {
    match status {
        PredicateStatus::Met => Tone::Pass,
        PredicateStatus::NotMet => Tone::Fail,
        PredicateStatus::ScoresMetPriorUnknown => Tone::Amber,
    }
}

/// The title of a pair's differences table (also what the tests look for).
fn pair_title(ctx: &Ctx, from: Layer, to: Layer) -> String {
    let (a, b) = (from.short_name(), to.short_name());
    match ctx.lang {
        Lang::Id => format!("{a} → {b}: item yang nilainya berbeda, perubahan terbesar dulu"),
        Lang::En => format!("{a} → {b}: items whose value differs, largest change first"),
    }
}

/// The items on which two consecutive layers disagree; returns the next free row.
fn pair_differences(
    ws: &mut Worksheet,
    ctx: &Ctx,
    mut row: u32,
    from: &LayerInput,
    to: &LayerInput,
    widths: &[f64],
) -> Result<u32, XlsxError> {
    let (c, st, lang) = (ctx.c, &ctx.st, ctx.lang);
    let diffs = differences(c, from.result, to.result);
    text(
        ws,
        row,
        0,
        pair_title(ctx, from.layer, to.layer),
        &st.section,
    )?;
    row += 1;
    text(
        ws,
        row,
        KEY,
        ctx.t("Item berbeda", "Items that differ"),
        &st.label,
    )?;
    number(ws, row, LABEL, diffs.len() as f64, &left(&st.count))?;
    row += 1;
    let delta_total = to.result.total - from.result.total;
    text(
        ws,
        row,
        KEY,
        ctx.t("Selisih nilai total (poin)", "Change in the total (points)"),
        &st.label,
    )?;
    number(
        ws,
        row,
        LABEL,
        delta_total,
        &left(&toned(&st.num_bold, delta_tone(delta_total))),
    )?;
    row += 1;
    if diffs.is_empty() {
        text(
            ws,
            row,
            LABEL,
            ctx.t(
                "Tidak ada item yang nilainya berbeda.",
                "No item's value differs.",
            ),
            &st.note,
        )?;
        return Ok(row + 1);
    }
    let (a, b) = (from.layer.short_name(), to.layer.short_name());
    let heads = [
        ctx.t("Kunci", "Key").to_string(),
        ctx.t("Penilaian", "Assessment (Penilaian)").to_string(),
        format!("{} {a}", ctx.t("Jawaban", "Answer")),
        format!("{} {b}", ctx.t("Jawaban", "Answer")),
        format!("{} {a}", ctx.t("Nilai", "Value")),
        format!("{} {b}", ctx.t("Nilai", "Value")),
        format!("{} {a}", ctx.t("Poin", "Points")),
        format!("{} {b}", ctx.t("Poin", "Points")),
        ctx.t("Selisih (poin)", "Change (points)").to_string(),
        match lang {
            Lang::Id => format!("Jawaban {b} diwarisi"),
            Lang::En => format!("{b} answer inherited"),
        },
    ];
    let head_refs: Vec<&str> = heads.iter().map(String::as_str).collect();
    header(ws, ctx, row, &head_refs, widths)?;
    row += 1;
    for d in &diffs {
        let item = c.item(d.item);
        let (sa, sb) = (from.result.item(d.item), to.result.item(d.item));
        let (aa, ab) = (from.answers.get(d.item), to.answers.get(d.item));
        text(ws, row, KEY, &item.key, &st.key)?;
        let label = item.display_text(lang);
        text(ws, row, LABEL, label, &st.text)?;
        super::fit_row(ws, row, &[(label, LABEL_WIDTH)])?;
        write_answer(ws, ctx, row, DIFF_ANSWER, item, sa, aa, Tone::Plain)?;
        write_answer(ws, ctx, row, DIFF_ANSWER + 1, item, sb, ab, Tone::Plain)?;
        super::opt_number(ws, row, DIFF_VALUE, d.from_value, &st.num)?;
        super::opt_number(ws, row, DIFF_VALUE + 1, d.to_value, &st.num)?;
        number(ws, row, DIFF_POINTS, sa.points, &st.num)?;
        number(ws, row, DIFF_POINTS + 1, sb.points, &st.num)?;
        number(
            ws,
            row,
            DIFF_DELTA,
            d.delta_points,
            &toned(&st.num_bold, delta_tone(d.delta_points)),
        )?;
        let inherited = ab
            .and_then(|x| x.inherited_from)
            .map(|l| inherited_text(ctx, l, false))
            .unwrap_or_default();
        text(ws, row, DIFF_INHERITED, &inherited, &st.text)?;
        row += 1;
    }
    Ok(row)
}

/// `f` aligned left (a number in the wide label column).
fn left(f: &Format) -> Format {
    f.clone().set_align(rust_xlsxwriter::FormatAlign::Left)
}
