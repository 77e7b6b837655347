//! A comparison rendered for the terminal (text) and for programs (JSON): what `zona compare`
//! prints. The JSON is [`view::CompareView`], documented in docs/compare.md; it is a contract.

use std::path::Path;

use zona_core::compare::{Basis, Comparison, ConditionDrop, Delta, Measure, Row, Step};
use zona_core::lang::{fmt2, fmt2_signed, fmt_dec, fmt_dec_signed, fmt_plain};
use zona_core::predicate::ConditionResult;
use zona_core::{Evaluation, ItemStatus, Lang, PredicateStatus};

use super::{truncate, view};
use crate::batch_writer::policy_label;
use zona_core::batch::EvidenceSummary;

/// How many moved items the text lists per step before pointing to JSON/xlsx.
const TEXT_MOVED_SHOWN: usize = 15;
/// How many keys the text lists per "only in" group.
const TEXT_KEYS_SHOWN: usize = 12;

// ---------------------------------------------------------------------------------------------
// Text

/// Pads to a width in characters (format! pads by chars too, but be explicit for the arrows).
fn pad_left(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(width - n))
    }
}

fn pad_right(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

const NAME_W: usize = 40;
const COL_W: usize = 18;
const DELTA_W: usize = 14;

/// A cell of the score table: "55,63 92,72%" (▼ when it dropped below a threshold), or "—".
fn cell_text(m: Option<&Measure>, dropped: bool, lang: Lang) -> String {
    match m {
        None => "—".to_string(),
        Some(m) => format!(
            "{} {}%{}",
            fmt_dec(m.score, m.decimals, lang),
            fmt_dec(m.percent, m.decimals, lang),
            if dropped { "▼" } else { " " }
        ),
    }
}

/// A Δ cell: points, or percentage points of weight (marked %) where the weights differ.
fn delta_text(d: Option<&Delta>, lang: Lang) -> String {
    match d {
        None => "—".to_string(),
        Some(d) => match d.basis {
            Basis::Points => format!("{} ", fmt2_signed(d.points, lang)),
            Basis::PercentOfWeight => format!("{}%", fmt2_signed(d.percent, lang)),
        },
    }
}

fn table_row(out: &mut String, cmp: &Comparison, r: &Row, indent: usize, lang: Lang) {
    let name = format!("{}{}", "  ".repeat(indent), r.name(lang));
    let mut line = pad_right(&truncate(&name, NAME_W), NAME_W);
    for (j, m) in r.cells.iter().enumerate() {
        let dropped = cmp.dropped_below_threshold(j, r);
        line.push_str(&pad_left(&cell_text(m.as_ref(), dropped, lang), COL_W));
    }
    for d in &r.deltas {
        line.push_str(&pad_left(&delta_text(d.as_ref(), lang), DELTA_W));
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn condition_values(c: &ConditionResult, lang: Lang) -> (String, String) {
    match (c.value_percent, c.threshold_percent) {
        (Some(v), Some(t)) => (
            format!("{}%", fmt_dec(v, c.percent_decimals(), lang)),
            format!("{}%", fmt_plain(t, lang)),
        ),
        _ => (
            c.value
                .map(|v| fmt_dec(v, c.decimals(), lang))
                .unwrap_or_default(),
            c.threshold.map(|t| fmt2(t, lang)).unwrap_or_default(),
        ),
    }
}

fn drop_line(d: &ConditionDrop, cmp: &Comparison, from: usize, lang: Lang) -> String {
    let (after, threshold) = condition_values(&d.after, lang);
    let before = match &d.before {
        Some(b) => condition_values(b, lang).0,
        None => format!(
            "({} {})",
            lang.pick("tidak ada syarat ini di", "no such condition in"),
            cmp.columns[from].label
        ),
    };
    let word = lang.pick("selisih", "margin");
    let margin = match (
        d.after.margin,
        d.after.value_percent,
        d.after.threshold_percent,
    ) {
        (Some(m), Some(vp), Some(tp)) => format!(
            "; {word} {}% = {} {}",
            fmt_dec_signed(vp - tp, d.after.percent_decimals(), lang),
            fmt_dec_signed(m, d.after.decimals(), lang),
            lang.pick("poin", "points")
        ),
        (Some(m), _, _) => format!("; {word} {}", fmt_dec_signed(m, d.after.decimals(), lang)),
        _ => String::new(),
    };
    format!(
        "{}: {before} → {after} ({} ≥ {threshold}{margin})",
        d.after.label(lang),
        lang.pick("ambang", "threshold"),
    )
}

fn moved_answer(m: &Measure, lang: Lang) -> String {
    match (&m.answer, m.status) {
        // A survey index ("3.45") in the language's decimal notation; option codes as they are.
        (Some(a), _) => a
            .parse::<f64>()
            .map_or_else(|_| a.clone(), |v| fmt_plain(v, lang)),
        (None, Some(ItemStatus::Answered)) => format!("{}%", fmt2(m.percent, lang)),
        (None, Some(ItemStatus::Invalid)) => lang.pick("tidak sah", "invalid").to_string(),
        _ => lang.pick("belum diisi", "unanswered").to_string(),
    }
}

fn step_label(cmp: &Comparison, s: &Step) -> String {
    format!(
        "{} → {}",
        cmp.columns[s.from].label, cmp.columns[s.to].label
    )
}

/// The comparison `zona compare` prints; `columns`: the evaluation of each column, in order;
/// `out_file`: the workbook written, if any.
pub fn text(
    cmp: &Comparison,
    columns: &[&Evaluation],
    out_file: Option<&Path>,
    lang: Lang,
) -> String {
    super::terminal_safe(&text_unescaped(cmp, columns, out_file, lang))
}

/// The comparison `zona compare` prints; `columns`: the evaluation of each column, in order;
/// `out_file`: the workbook written, if any.
fn text_unescaped(
    cmp: &Comparison,
    columns: &[&Evaluation],
    out_file: Option<&Path>,
    lang: Lang,
) -> String {
    let scored = columns;
    let mut out = String::new();
    let line = |out: &mut String, s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(
        &mut out,
        lang.pick(
            "zona — Perbandingan Penilaian LKE Zona Integritas",
            "zona — Zona Integritas LKE comparison",
        )
        .into(),
    );
    for (j, (c, s)) in cmp.columns.iter().zip(scored).enumerate() {
        line(
            &mut out,
            match lang {
                Lang::Id => format!(
                    "  [{}] {}: {} (lembar \"{}\") — {} [{}]{} — {} item: {} dijawab, {} belum, {} tidak sah",
                    j + 1,
                    c.label,
                    s.file,
                    s.source.sheet,
                    c.criteria_name,
                    c.criteria_id,
                    if c.provisional { " SEMENTARA" } else { "" },
                    c.items,
                    c.answered,
                    c.unanswered,
                    c.invalid
                ),
                Lang::En => format!(
                    "  [{}] {}: {} (sheet \"{}\") — {} [{}]{} — {} items: {} answered, {} unanswered, {} invalid",
                    j + 1,
                    c.label,
                    s.file,
                    s.source.sheet,
                    c.criteria_name,
                    c.criteria_id,
                    if c.provisional { " PROVISIONAL" } else { "" },
                    c.items,
                    c.answered,
                    c.unanswered,
                    c.invalid
                ),
            },
        );
    }
    line(
        &mut out,
        lang.pick(
            "Kolom: nilai dan % bobot. Δ: perubahan nilai antar kolom berurutan; Δ bertanda % = perubahan % bobot (bobot berbeda antarversi). — : tidak ada di versi ini. ▼ : turun di bawah ambang predikat.",
            "Columns: score and % of weight. Δ: change between consecutive columns; a Δ marked % is the change in % of weight (the weights differ between versions). — : absent in this version. ▼ : dropped below a predicate threshold.",
        )
        .into(),
    );
    out.push('\n');

    // Header.
    let mut head = pad_right("", NAME_W);
    for c in &cmp.columns {
        head.push_str(&pad_left(&truncate(&c.label, COL_W - 2), COL_W));
    }
    for s in &cmp.steps {
        head.push_str(&pad_left(
            &truncate(&format!("Δ {}", step_label(cmp, s)), DELTA_W - 1),
            DELTA_W,
        ));
    }
    line(&mut out, head.trim_end().to_string());
    let mut total = cmp.total.clone();
    total.name_id = "NILAI TOTAL".into();
    total.name_en = "TOTAL SCORE".into();
    table_row(&mut out, cmp, &total, 0, lang);
    for r in &cmp.components {
        table_row(&mut out, cmp, r, r.depth + 1, lang);
    }
    out.push('\n');
    line(
        &mut out,
        lang.pick("AREA PENGUNGKIT", "ENABLER AREAS").into(),
    );
    for r in &cmp.areas {
        table_row(&mut out, cmp, r, 1, lang);
    }
    out.push('\n');

    // Predicates.
    let mut head = pad_right(lang.pick("PREDIKAT", "PREDICATES"), NAME_W);
    for c in &cmp.columns {
        head.push_str(&pad_left(&truncate(&c.label, COL_W - 2), COL_W));
    }
    line(&mut out, head.trim_end().to_string());
    let mut prior_unknown = false;
    for p in &cmp.predicates {
        let mut l = pad_right(&truncate(&format!("  {}", p.name(lang)), NAME_W), NAME_W);
        for cell in &p.cells {
            let s = match cell {
                None => "—",
                Some(c) => {
                    prior_unknown |= c.status == PredicateStatus::ScoresMetPriorUnknown;
                    c.status.short_label(lang)
                }
            };
            l.push_str(&pad_left(s, COL_W));
        }
        line(&mut out, l.trim_end().to_string());
    }
    if prior_unknown {
        // The predicate a unit earns first (Menuju WBK under 90/2021), as the criteria name it.
        let prior = scored
            .iter()
            .find_map(|e| {
                let c = e.criteria;
                c.first_prior_predicate()
                    .map(|i| format!(" ({})", c.predicates[i].display_name(lang)))
            })
            .unwrap_or_default();
        line(
            &mut out,
            match lang {
                Lang::Id => {
                    format!("  * predikat sebelumnya{prior} belum dinyatakan (--prior-wbk yes|no)")
                }
                Lang::En => format!("  * prior predicate{prior} not stated (--prior-wbk yes|no)"),
            },
        );
    }
    out.push('\n');
    text_evidence(&mut out, cmp, lang);

    // Drops below thresholds.
    let crossings: Vec<_> = cmp.crossings().collect();
    if crossings.is_empty() {
        line(
            &mut out,
            lang.pick(
                "TURUN DI BAWAH AMBANG PREDIKAT: tidak ada",
                "DROPS BELOW A PREDICATE THRESHOLD: none",
            )
            .into(),
        );
    } else {
        line(
            &mut out,
            format!(
                "{} ({})",
                lang.pick(
                    "▼ TURUN DI BAWAH AMBANG PREDIKAT",
                    "▼ DROPS BELOW A PREDICATE THRESHOLD"
                ),
                crossings.len()
            ),
        );
        for x in crossings {
            let head = if x.lost {
                match lang {
                    Lang::Id => format!("{} HILANG", x.name(lang).to_uppercase()),
                    Lang::En => format!("{} LOST", x.name(lang).to_uppercase()),
                }
            } else {
                match lang {
                    Lang::Id => format!("{} (sudah tidak terpenuhi sebelumnya)", x.name(lang)),
                    Lang::En => format!("{} (already not met before)", x.name(lang)),
                }
            };
            line(
                &mut out,
                format!(
                    "  ▼ {} → {}: {head}",
                    cmp.columns[x.from].label, cmp.columns[x.to].label
                ),
            );
            for d in &x.conditions {
                line(
                    &mut out,
                    format!("      {}", drop_line(d, cmp, x.from, lang)),
                );
            }
        }
    }
    out.push('\n');

    // Moved items.
    for s in &cmp.steps {
        line(
            &mut out,
            format!(
                "{} {} ({}){}",
                lang.pick("ITEM YANG BERUBAH", "ITEMS THAT MOVED"),
                step_label(cmp, s),
                s.moved_items.len(),
                if s.moved_items.is_empty() { "" } else { ":" }
            ),
        );
        for mv in s.moved_items.iter().take(TEXT_MOVED_SHOWN) {
            let r = &cmp.items[mv.row];
            line(
                &mut out,
                format!(
                    "  {:>8}  {:<44} {} → {}  {}",
                    fmt2_signed(mv.delta.points, lang),
                    truncate(&mv.key, 44),
                    moved_answer(&mv.before, lang),
                    moved_answer(&mv.after, lang),
                    truncate(r.name(lang), 60)
                ),
            );
        }
        if s.moved_items.len() > TEXT_MOVED_SHOWN {
            line(
                &mut out,
                match lang {
                    Lang::Id => format!(
                        "  … dan {} lainnya (lihat --format json atau --out)",
                        s.moved_items.len() - TEXT_MOVED_SHOWN
                    ),
                    Lang::En => format!(
                        "  … and {} more (see --format json or --out)",
                        s.moved_items.len() - TEXT_MOVED_SHOWN
                    ),
                },
            );
        }
    }
    out.push('\n');

    // Overlap and keys present in some versions only.
    line(
        &mut out,
        lang.pick(
            "KESAMAAN ITEM (kunci item sama / gabungan kunci item)",
            "ITEM OVERLAP (shared item keys / union of item keys)",
        )
        .into(),
    );
    for o in &cmp.overlaps {
        let (a, b) = (&cmp.columns[o.a].label, &cmp.columns[o.b].label);
        line(
            &mut out,
            match lang {
                Lang::Id => format!(
                    "  {a} ↔ {b}: {} dari {} kunci sama ({}%); hanya di {a}: {}; hanya di {b}: {}",
                    o.shared,
                    o.union,
                    fmt2(o.percent, lang),
                    o.only_a.len(),
                    o.only_b.len()
                ),
                Lang::En => format!(
                    "  {a} ↔ {b}: {} of {} keys shared ({}%); only in {a}: {}; only in {b}: {}",
                    o.shared,
                    o.union,
                    fmt2(o.percent, lang),
                    o.only_a.len(),
                    o.only_b.len()
                ),
            },
        );
    }
    let groups = presence_groups(&cmp.nodes);
    if !groups.is_empty() {
        line(
            &mut out,
            lang.pick(
                "NODE YANG HANYA ADA DI SEBAGIAN VERSI",
                "NODES PRESENT IN SOME VERSIONS ONLY",
            )
            .into(),
        );
        for (cols, keys) in groups {
            let names: Vec<&str> = cols
                .iter()
                .map(|j| cmp.columns[*j].label.as_str())
                .collect();
            let mut shown: Vec<&str> = keys
                .iter()
                .take(TEXT_KEYS_SHOWN)
                .map(std::string::String::as_str)
                .collect();
            if keys.len() > TEXT_KEYS_SHOWN {
                shown.push("…");
            }
            line(
                &mut out,
                format!(
                    "  {} {} ({}): {}",
                    lang.pick("hanya di", "only in"),
                    names.join(", "),
                    keys.len(),
                    shown.join(", ")
                ),
            );
        }
    }
    if let Some(t) = keeping_trend(columns) {
        out.push('\n');
        out.push_str(&text_keeping_trend(cmp, &t, lang));
    }
    if let Some(f) = out_file {
        out.push('\n');
        line(
            &mut out,
            format!(
                "{}: {}",
                lang.pick(
                    "Lembar kerja perbandingan ditulis",
                    "Comparison workbook written"
                ),
                f.display()
            ),
        );
    }
    out
}

/// The evidence per column: coverage, items lacking evidence, the evidence-backed total and each
/// predicate on it (nothing when no column has an evidence review).
fn text_evidence(out: &mut String, cmp: &Comparison, lang: Lang) {
    let ev: Vec<Option<&EvidenceSummary>> =
        cmp.columns.iter().map(|c| c.evidence.as_ref()).collect();
    let Some(policy) = ev.iter().flatten().next().map(|e| e.policy) else {
        return;
    };
    let mut head = pad_right(lang.pick("BUKTI DUKUNG", "EVIDENCE"), NAME_W);
    for c in &cmp.columns {
        head.push_str(&pad_left(&truncate(&c.label, COL_W - 2), COL_W));
    }
    for s in &cmp.steps {
        head.push_str(&pad_left(
            &truncate(&format!("Δ {}", step_label(cmp, s)), DELTA_W - 1),
            DELTA_W,
        ));
    }
    out.push_str(head.trim_end());
    out.push('\n');
    let dash = || "—".to_string();
    let row = |out: &mut String,
               name: &str,
               value: &dyn Fn(&EvidenceSummary) -> Option<f64>,
               shown: &dyn Fn(&EvidenceSummary, f64) -> String,
               delta: Option<&dyn Fn(f64) -> String>| {
        let mut l = pad_right(&truncate(&format!("  {name}"), NAME_W), NAME_W);
        let values: Vec<Option<f64>> = ev.iter().map(|e| e.and_then(value)).collect();
        for (e, v) in ev.iter().zip(&values) {
            let text = match (e, v) {
                (Some(e), Some(v)) => shown(e, *v),
                _ => dash(),
            };
            l.push_str(&pad_left(&text, COL_W));
        }
        if let Some(delta) = delta {
            for w in values.windows(2) {
                let d = match (w[0], w[1]) {
                    (Some(a), Some(b)) => delta(b - a),
                    _ => dash(),
                };
                l.push_str(&pad_left(&d, DELTA_W));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    let pct = |_: &EvidenceSummary, v: f64| format!("{}%", fmt2(v, lang));
    let count = |_: &EvidenceSummary, v: f64| format!("{v}");
    // The evidence-backed total, with the decimals that keep a failing one below its threshold.
    let points = |e: &EvidenceSummary, v: f64| fmt_dec(v, e.backed_total_decimals, lang);
    let signed = |v: f64| format!("{} ", fmt2_signed(v, lang));
    row(
        out,
        lang.pick("Cakupan bukti", "Evidence coverage"),
        &EvidenceSummary::coverage_percent,
        &pct,
        Some(&signed),
    );
    row(
        out,
        lang.pick("Item perlu bukti", "Items needing evidence"),
        &|e| Some(e.needing as f64),
        &count,
        None,
    );
    row(
        out,
        lang.pick("Item tanpa bukti sah", "Items lacking evidence"),
        &|e| Some(e.lacking() as f64),
        &count,
        None,
    );
    row(
        out,
        lang.pick("Nilai total didukung bukti", "Evidence-backed total"),
        &|e| e.backed_total,
        &points,
        Some(&signed),
    );
    for p in &cmp.predicates {
        let cells: Vec<Option<&str>> = ev
            .iter()
            .map(|e| {
                e.and_then(|e| e.backed_predicate(&p.key))
                    .map(|b| b.status.short_label(lang))
            })
            .collect();
        if cells.iter().all(Option::is_none) {
            continue;
        }
        let name = format!(
            "  {} ({})",
            p.name(lang),
            lang.pick("didukung bukti", "on the evidence")
        );
        let mut l = pad_right(&truncate(&name, NAME_W), NAME_W);
        for c in cells {
            l.push_str(&pad_left(c.unwrap_or("—"), COL_W));
        }
        out.push_str(l.trim_end());
        out.push('\n');
    }
    out.push_str(&match lang {
        Lang::Id => format!(
            "  Kebijakan bukti: {}. Cakupan = item dengan bukti sah (tautan http(s) atau berkas yang ada) / item perlu bukti; Δ cakupan dalam poin persentase. Tautan tidak dibuka.\n",
            policy_label(policy, lang)
        ),
        Lang::En => format!(
            "  Evidence policy: {}. Coverage = items with acceptable evidence (an http(s) link or a file that exists) / items needing evidence; Δ coverage in percentage points. Links are not fetched.\n",
            policy_label(policy, lang)
        ),
    });
    out.push('\n');
}

/// The margins of the predicate a unit holds over the compared years
/// ([`zona_core::keeping::trend`]).
pub(crate) struct KeepingTrend<'a> {
    pub criteria: &'a zona_core::Criteria,
    /// The predicate held in the latest workbook that states one (index into the criteria's
    /// predicates).
    pub predicate: usize,
    /// The columns followed (those scored with the same criteria), in order.
    pub columns: Vec<usize>,
    /// Whether the unit held the predicate in each of those columns.
    pub held: Vec<bool>,
    pub trends: Vec<zona_core::keeping::MarginTrend>,
}

/// The trend of a holder's margins: None when no compared workbook holds a predicate.
pub(crate) fn keeping_trend<'a>(columns: &[&'a Evaluation<'a>]) -> Option<KeepingTrend<'a>> {
    let last = columns.iter().rev().find(|e| e.keeping.is_some())?;
    let k = last.keeping.as_ref()?;
    let criteria = last.criteria;
    let key = &criteria.predicates.get(k.predicate)?.key;
    let followed: Vec<usize> = (0..columns.len())
        .filter(|j| columns[*j].criteria.meta.id == criteria.meta.id)
        .collect();
    let results: Vec<&zona_core::ScoreResult> = followed
        .iter()
        .map(|j| &columns[*j].unit().result)
        .collect();
    let held = followed
        .iter()
        .map(|j| {
            columns[*j]
                .keeping
                .as_ref()
                .and_then(|h| columns[*j].criteria.predicates.get(h.predicate))
                .is_some_and(|p| p.key == *key)
        })
        .collect();
    Some(KeepingTrend {
        criteria,
        predicate: k.predicate,
        trends: zona_core::keeping::trend(&results, k.predicate),
        columns: followed,
        held,
    })
}

/// The margin of each condition of the predicate held, year by year, and the year from which it
/// kept shrinking.
fn text_keeping_trend(cmp: &Comparison, t: &KeepingTrend, lang: Lang) -> String {
    let mut out = String::new();
    let name = t.criteria.predicates[t.predicate].display_name(lang);
    let held: Vec<&str> = t
        .columns
        .iter()
        .zip(&t.held)
        .filter(|(_, h)| **h)
        .map(|(j, _)| cmp.columns[*j].label.as_str())
        .collect();
    out.push_str(&format!(
        "{} {name} ({}: {})\n",
        lang.pick(
            "MEMPERTAHANKAN PREDIKAT: selisih syarat",
            "KEEPING THE PREDICATE: condition margins of"
        ),
        lang.pick("dimiliki pada", "held in"),
        held.join(", ")
    ));
    let mut head = pad_right("", NAME_W);
    for j in &t.columns {
        head.push_str(&pad_left(
            &truncate(&cmp.columns[*j].label, COL_W - 2),
            COL_W,
        ));
    }
    head.push_str(&format!(
        "  {}",
        lang.pick("menyusut sejak", "shrinking since")
    ));
    out.push_str(head.trim_end());
    out.push('\n');
    for m in &t.trends {
        let label = match lang {
            Lang::Id => &m.label_id,
            Lang::En => &m.label_en,
        };
        let mut l = pad_right(&truncate(&format!("  {label}"), NAME_W), NAME_W);
        for v in &m.margins {
            let s = v.map_or_else(|| "—".to_string(), |v| fmt2_signed(v, lang));
            l.push_str(&pad_left(&s, COL_W));
        }
        let since = m
            .shrinking_since
            .and_then(|i| t.columns.get(i))
            .map_or("—", |j| cmp.columns[*j].label.as_str());
        l.push_str(&format!("  {since}"));
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Node keys not in every column, grouped by the columns that have them (in row order).
fn presence_groups(rows: &[Row]) -> Vec<(Vec<usize>, Vec<String>)> {
    let mut groups: Vec<(Vec<usize>, Vec<String>)> = Vec::new();
    for r in rows.iter().filter(|r| !r.in_every_column()) {
        let cols: Vec<usize> = (0..r.cells.len()).filter(|j| r.present(*j)).collect();
        match groups.iter_mut().find(|(c, _)| *c == cols) {
            Some((_, keys)) => keys.push(r.key.clone()),
            None => groups.push((cols, vec![r.key.clone()])),
        }
    }
    groups
}

// ---------------------------------------------------------------------------------------------
// JSON

/// The comparison for programs (docs/compare.md): [`view::compare_view`] pretty-printed.
pub fn json(
    cmp: &Comparison,
    columns: &[&Evaluation],
    out_file: Option<&Path>,
    lang: Lang,
) -> String {
    view::to_json(&view::compare_view(cmp, columns, out_file, lang))
}

// ---------------------------------------------------------------------------------------------
// CSV

/// The header of [`csv`]: one record per column and measured row (total, components, areas,
/// nodes, items) and per column and predicate, in long form, so a data frame keeps every record's
/// column, unit and year.
pub const CSV_HEADER: [&str; 15] = [
    "column", "label", "file", "unit", "year", "criteria", "kind", "key", "name", "score",
    "weight", "percent", "value", "answer", "status",
];

/// The comparison as CSV records (docs/compare.md): numbers unrounded, statuses as codes, names
/// in the chosen language; a key a column's criteria lack has no record for that column. After
/// each column's predicates come its evidence records (when the column has an evidence review):
/// kind `evidence` with keys `coverage` (score: items supported, weight: items needing evidence,
/// percent: the coverage), `lacking` (score: items lacking evidence, weight: items needing it)
/// and, unless the policy is `none`, `backed_total` (score: the evidence-backed total, weight:
/// the maximum); then kind `evidence_predicate`, one per predicate, its status on the
/// evidence-backed score. Every field passes the CSV guard (no field a spreadsheet would run as
/// a formula).
pub fn csv(cmp: &Comparison, columns: &[&Evaluation], lang: Lang) -> String {
    let num = |v: f64| v.to_string();
    let mut out = super::csv_record(CSV_HEADER);
    for (j, info) in cmp.columns.iter().enumerate() {
        let ev = columns.get(j);
        let unit = ev.map(|e| &e.unit().answers.unit);
        let fixed = [
            (j + 1).to_string(),
            info.label.clone(),
            ev.map(|e| e.file.clone()).unwrap_or_default(),
            unit.and_then(|u| u.name.clone()).unwrap_or_default(),
            unit.and_then(|u| u.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            info.criteria_id.clone(),
        ];
        let rows = std::iter::once(&cmp.total)
            .chain(&cmp.components)
            .chain(&cmp.areas)
            .chain(&cmp.nodes)
            .chain(&cmp.items);
        for row in rows {
            let Some(Some(m)) = row.cells.get(j) else {
                continue;
            };
            let record = fixed.iter().cloned().chain([
                row.kind.code().to_string(),
                row.key.clone(),
                row.name(lang).to_string(),
                num(m.score),
                num(m.weight),
                num(m.percent),
                m.value.map(num).unwrap_or_default(),
                m.answer.clone().unwrap_or_default(),
                m.status.map(|s| s.code().to_string()).unwrap_or_default(),
            ]);
            out.push_str(&super::csv_record(record));
        }
        for p in &cmp.predicates {
            let Some(Some(cell)) = p.cells.get(j) else {
                continue;
            };
            let record = fixed.iter().cloned().chain([
                "predicate".to_string(),
                p.key.clone(),
                p.name(lang).to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                cell.status.code().to_string(),
            ]);
            out.push_str(&super::csv_record(record));
        }
        if let Some(e) = &info.evidence {
            let share =
                |part: usize| (e.needing > 0).then(|| part as f64 * 100.0 / e.needing as f64);
            let mut measured: Vec<(&str, &str, f64, f64, Option<f64>)> = vec![
                (
                    "coverage",
                    lang.pick("Cakupan bukti", "Evidence coverage"),
                    e.supported as f64,
                    e.needing as f64,
                    e.coverage_percent(),
                ),
                (
                    "lacking",
                    lang.pick("Item tanpa bukti sah", "Items lacking evidence"),
                    e.lacking() as f64,
                    e.needing as f64,
                    share(e.lacking()),
                ),
            ];
            if let Some(t) = e.backed_total {
                measured.push((
                    "backed_total",
                    lang.pick("Nilai total didukung bukti", "Evidence-backed total"),
                    t,
                    info.max_total,
                    (info.max_total > 0.0).then(|| t / info.max_total * 100.0),
                ));
            }
            for (key, name, score, weight, percent) in measured {
                let record = fixed.iter().cloned().chain([
                    "evidence".to_string(),
                    key.to_string(),
                    name.to_string(),
                    num(score),
                    num(weight),
                    percent.map(num).unwrap_or_default(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
                out.push_str(&super::csv_record(record));
            }
            for b in &e.backed_predicates {
                let record = fixed.iter().cloned().chain([
                    "evidence_predicate".to_string(),
                    b.key.clone(),
                    b.name(lang).to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    b.status.code().to_string(),
                ]);
                out.push_str(&super::csv_record(record));
            }
        }
    }
    out
}
