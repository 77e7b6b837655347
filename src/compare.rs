//! `zona compare`: several workbooks side by side (a unit across years, or several units in one
//! year), as text, JSON and optionally a workbook (docs/compare.md).
//!
//! Each workbook is scored with the criteria that fit it: `--criteria <file>` for all, or else the
//! built-in criteria (PermenPANRB 90/2021, 10/2019) that find the largest share of its items
//! ([`zona_read::read_answers_best_fit`]). Provisional criteria are announced on stderr whichever
//! way they were chosen.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use zona_core::compare::{
    compare, Basis, CompareInput, Comparison, ConditionDrop, Delta, Measure, Row, Step,
};
use zona_core::lang::{fmt2, fmt2_signed, fmt_plain};
use zona_core::predicate::ConditionResult;
use zona_core::{Criteria, ItemStatus, Lang, PredicateStatus, ScoreOptions, ScoreResult};
use zona_report::compare_writer::{check_output, write_comparison, CompareWriteOptions};

use crate::{emit, load_criteria, Failure, Format, LangArg, Unanswered, YesNo};

#[derive(clap::Args)]
pub struct CompareArgs {
    /// The filled LKE workbooks (.xlsx, .xls, .ods), oldest first: two or more.
    #[arg(required = true, num_args = 2..)]
    workbooks: Vec<PathBuf>,
    /// Column labels, comma-separated, one per workbook (default: the years when the workbooks
    /// state one unit and its years, else "unit year", else the file names).
    #[arg(long, value_delimiter = ',')]
    labels: Vec<String>,
    /// Also write the comparison as a workbook (summary, items, chart).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace the `--out` file if it exists.
    #[arg(long)]
    force: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Language of the output: `id` (Bahasa Indonesia) or `en`.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    lang: LangArg,
    /// Criteria file for every workbook (default: the best-fitting built-in criteria per workbook).
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// What unanswered items count for: `zero` or `exclude` (as in `zona score`).
    #[arg(long, value_enum, default_value_t = Unanswered::Zero)]
    unanswered: Unanswered,
    /// Whether the unit held Menuju WBK in every compared evaluation (needed for Menuju WBBM).
    #[arg(long, value_enum)]
    prior_wbk: Option<YesNo>,
}

/// How many moved items the text lists per step before pointing to JSON/xlsx.
const TEXT_MOVED_SHOWN: usize = 15;
/// How many keys the text lists per "only in" group.
const TEXT_KEYS_SHOWN: usize = 12;

/// One scored workbook.
struct Scored {
    label: String,
    file: String,
    criteria_index: usize,
    result: ScoreResult,
    layout: &'static str,
    sheet: String,
}

pub fn run(args: CompareArgs) -> Result<(), Failure> {
    let lang: Lang = args.lang.into();
    let inputs: Vec<&Path> = args.workbooks.iter().map(PathBuf::as_path).collect();
    if let Some(out) = &args.out {
        check_output(out, &inputs, args.force).map_err(|e| Failure(e.message(lang)))?;
    }
    let labels = labels(&args.workbooks, &args.labels, lang)?;

    // Criteria: one file for all, or every built-in set for a best fit per workbook.
    let candidates: Vec<Criteria> = match &args.criteria {
        Some(p) => vec![load_criteria(Some(p), lang)?],
        None => zona_core::builtin_criteria(),
    };
    let mut prior = HashMap::new();
    if let Some(p) = args.prior_wbk {
        prior.insert("wbk".to_string(), matches!(p, YesNo::Yes));
    }
    let options = ScoreOptions {
        unanswered: match args.unanswered {
            Unanswered::Zero => zona_core::UnansweredPolicy::Zero,
            Unanswered::Exclude => zona_core::UnansweredPolicy::Exclude,
        },
        prior,
    };

    let mut scored = Vec::with_capacity(args.workbooks.len());
    let mut units = Vec::with_capacity(args.workbooks.len());
    for (path, label) in args.workbooks.iter().zip(labels) {
        let (index, answers, source) = if args.criteria.is_some() {
            let (a, s) = zona_read::read_answers(path, &candidates[0])
                .map_err(|e| Failure(e.message(lang)))?;
            (0, a, s)
        } else {
            zona_read::read_answers_best_fit(path, &candidates)
                .map_err(|e| Failure(e.message(lang)))?
        };
        let Some(criteria) = candidates.get(index) else {
            return Err(Failure(format!("{}: no criteria", path.display())));
        };
        let result = zona_core::score(criteria, &answers, &options);
        units.push(answers.unit.clone());
        scored.push(Scored {
            label,
            file: path.display().to_string(),
            criteria_index: index,
            result,
            layout: source.layout,
            sheet: source.sheet,
        });
    }
    if args.criteria.is_none() {
        warn_provisional(&candidates, &scored, lang);
    }
    if args.labels.is_empty() {
        if let Some(better) = labels_from_units(&units) {
            for (s, l) in scored.iter_mut().zip(better) {
                s.label = l;
            }
        }
    }

    let cmp = compare(
        &scored
            .iter()
            .map(|s| CompareInput {
                label: &s.label,
                criteria: &candidates[s.criteria_index],
                result: &s.result,
            })
            .collect::<Vec<_>>(),
    );

    if let Some(out) = &args.out {
        write_comparison(
            out,
            &cmp,
            &inputs,
            &CompareWriteOptions {
                lang,
                force: args.force,
                ..Default::default()
            },
        )
        .map_err(|e| Failure(e.message(lang)))?;
    }
    let out = args.out.as_deref();
    match args.format {
        Format::Text => emit(&text(&cmp, &scored, out, lang)),
        Format::Json => emit(&(json_doc(&cmp, &scored, out, lang) + "\n")),
    }
}

/// The column labels: given (one per workbook), or the file names (with their directory where two
/// names are alike).
fn labels(workbooks: &[PathBuf], given: &[String], lang: Lang) -> Result<Vec<String>, Failure> {
    if !given.is_empty() {
        if given.len() != workbooks.len() {
            return Err(Failure(match lang {
                Lang::Id => format!(
                    "--labels memberi {} label untuk {} lembar kerja; berikan satu label per lembar kerja",
                    given.len(),
                    workbooks.len()
                ),
                Lang::En => format!(
                    "--labels gives {} labels for {} workbooks; give one label per workbook",
                    given.len(),
                    workbooks.len()
                ),
            }));
        }
        return Ok(given.iter().map(|s| s.trim().to_string()).collect());
    }
    let stem = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let stems: Vec<String> = workbooks.iter().map(|p| stem(p)).collect();
    Ok(workbooks
        .iter()
        .zip(&stems)
        .map(|(p, s)| {
            if stems.iter().filter(|x| *x == s).count() > 1 {
                p.display().to_string()
            } else {
                s.clone()
            }
        })
        .collect())
}

/// Labels from what the workbooks state (their unit sheet or title): the years when one unit is
/// compared across years, "unit year" when units differ; None when the facts do not tell the
/// columns apart (the file names stay).
fn labels_from_units(units: &[zona_core::UnitInfo]) -> Option<Vec<String>> {
    use zona_core::answer::UnitOrigin;
    let stated = |u: &zona_core::UnitInfo| {
        matches!(
            u.origin,
            Some(UnitOrigin::Sheet(_) | UnitOrigin::Title | UnitOrigin::Document)
        )
    };
    if units.is_empty() || !units.iter().all(stated) {
        return None;
    }
    let years: Vec<i32> = units.iter().map(|u| u.year).collect::<Option<_>>()?;
    let one_unit = units.windows(2).all(|w| w[0].name == w[1].name);
    let labels: Vec<String> = if one_unit {
        years.iter().map(|y| y.to_string()).collect()
    } else {
        units
            .iter()
            .zip(&years)
            .map(|(u, y)| format!("{} {y}", u.name.as_deref().unwrap_or("-")))
            .collect()
    };
    let distinct = labels
        .iter()
        .all(|l| labels.iter().filter(|x| *x == l).count() == 1);
    distinct.then_some(labels)
}

/// Announces provisional criteria chosen by best fit, once per criteria set, naming the workbooks.
fn warn_provisional(candidates: &[Criteria], scored: &[Scored], lang: Lang) {
    let mut by_criteria: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for s in scored {
        by_criteria
            .entry(s.criteria_index)
            .or_default()
            .push(&s.file);
    }
    for (i, files) in by_criteria {
        crate::warn_if_provisional(&candidates[i], &files, lang);
    }
}

// ---------------------------------------------------------------------------------------------
// Text

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let t: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{t}…")
    }
}

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
            fmt2(m.score, lang),
            fmt2(m.percent, lang),
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
            format!("{}%", fmt2(v, lang)),
            format!("{}%", fmt_plain(t, lang)),
        ),
        _ => (
            c.value.map(|v| fmt2(v, lang)).unwrap_or_default(),
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
            fmt2_signed(vp - tp, lang),
            fmt2_signed(m, lang),
            lang.pick("poin", "points")
        ),
        (Some(m), _, _) => format!("; {word} {}", fmt2_signed(m, lang)),
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
            .map(|v| fmt_plain(v, lang))
            .unwrap_or_else(|_| a.clone()),
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

fn text(cmp: &Comparison, scored: &[Scored], out_file: Option<&Path>, lang: Lang) -> String {
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
                    s.sheet,
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
                    s.sheet,
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
        line(
            &mut out,
            lang.pick(
                "  * predikat sebelumnya (Menuju WBK) belum dinyatakan (--prior-wbk yes|no)",
                "  * prior predicate (Towards WBK) not stated (--prior-wbk yes|no)",
            )
            .into(),
        );
    }
    out.push('\n');

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
                .map(|s| s.as_str())
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

fn opt(v: Option<f64>) -> Value {
    v.map(Value::from).unwrap_or(Value::Null)
}

fn delta_json(d: &Delta) -> Value {
    json!({
        "points": d.points,
        "percent": d.percent,
        "basis": d.basis.code(),
        "changed": d.changed(),
    })
}

fn measure_json(m: &Measure, item: bool, dropped: bool) -> Value {
    let mut v = json!({
        "score": m.score,
        "weight": m.weight,
        "percent": m.percent,
        "dropped_below_threshold": dropped,
    });
    if item {
        v["value"] = opt(m.value);
        v["status"] = json!(m.status.map(|s| s.code()));
        v["answer"] = json!(m.answer);
    }
    v
}

fn row_json(cmp: &Comparison, r: &Row, lang: Lang) -> Value {
    let item = r.kind == zona_core::compare::RowKind::Item;
    let columns: Vec<Value> = r
        .cells
        .iter()
        .enumerate()
        .map(|(j, m)| match m {
            Some(m) => measure_json(m, item, cmp.dropped_below_threshold(j, r)),
            None => Value::Null,
        })
        .collect();
    let deltas: Vec<Value> = r
        .deltas
        .iter()
        .map(|d| d.as_ref().map(delta_json).unwrap_or(Value::Null))
        .collect();
    json!({
        "key": r.key,
        "kind": r.kind.code(),
        "name": r.name(lang),
        "marker": r.marker,
        "depth": r.depth,
        "in_every_column": r.in_every_column(),
        "columns": columns,
        "deltas": deltas,
    })
}

fn json_doc(cmp: &Comparison, scored: &[Scored], out_file: Option<&Path>, lang: Lang) -> String {
    let columns: Vec<Value> = cmp
        .columns
        .iter()
        .zip(scored)
        .map(|(c, s)| {
            let thresholds: Vec<Value> = c
                .thresholds
                .iter()
                .map(|t| {
                    json!({
                        "predicate": t.key,
                        "name": t.name(lang),
                        "total_min": opt(t.total_min),
                        "total_percent": opt(t.total_percent),
                        "area_min_percent": opt(t.area_min_percent),
                    })
                })
                .collect();
            json!({
                "label": c.label,
                "file": s.file,
                "source": {"layout": s.layout, "sheet": s.sheet},
                "criteria": {
                    "id": c.criteria_id,
                    "name": c.criteria_name,
                    "version": c.criteria_version,
                    "provisional": c.provisional,
                },
                "unanswered_policy": c.policy.code(),
                "max_total": c.max_total,
                "counts": {
                    "items": c.items,
                    "answered": c.answered,
                    "unanswered": c.unanswered,
                    "invalid": c.invalid,
                },
                "thresholds": thresholds,
            })
        })
        .collect();
    let rows =
        |rows: &[Row]| -> Vec<Value> { rows.iter().map(|r| row_json(cmp, r, lang)).collect() };
    let predicates: Vec<Value> = cmp
        .predicates
        .iter()
        .map(|p| {
            let cols: Vec<Value> = p
                .cells
                .iter()
                .map(|c| match c {
                    None => Value::Null,
                    Some(c) => json!({
                        "status": c.status.code(),
                        "met": c.status == PredicateStatus::Met,
                        "scores_met": c.scores_met,
                        "failing": c.failing().map(|f| crate::output::condition_json(f, lang)).collect::<Vec<_>>(),
                    }),
                })
                .collect();
            json!({"key": p.key, "name": p.name(lang), "columns": cols})
        })
        .collect();
    let steps: Vec<Value> = cmp
        .steps
        .iter()
        .map(|s| {
            let moved: Vec<Value> = s
                .moved_items
                .iter()
                .map(|m| {
                    json!({
                        "key": m.key,
                        "text": cmp.items[m.row].name(lang),
                        "before": measure_json(&m.before, true, false),
                        "after": measure_json(&m.after, true, cmp.dropped_below_threshold(s.to, &cmp.items[m.row])),
                        "delta": delta_json(&m.delta),
                    })
                })
                .collect();
            let crossings: Vec<Value> = s
                .crossings
                .iter()
                .map(|x| {
                    let conds: Vec<Value> = x
                        .conditions
                        .iter()
                        .map(|d| {
                            json!({
                                "before": d.before.as_ref().map(|b| crate::output::condition_json(b, lang)),
                                "after": crate::output::condition_json(&d.after, lang),
                            })
                        })
                        .collect();
                    json!({
                        "predicate": x.predicate,
                        "name": x.name(lang),
                        "lost": x.lost,
                        "conditions": conds,
                    })
                })
                .collect();
            json!({
                "from": s.from,
                "to": s.to,
                "from_label": cmp.columns[s.from].label,
                "to_label": cmp.columns[s.to].label,
                "same_criteria": s.same_criteria,
                "total": delta_json(&s.total),
                "moved_items": moved,
                "crossings": crossings,
            })
        })
        .collect();
    let overlaps: Vec<Value> = cmp
        .overlaps
        .iter()
        .map(|o| {
            json!({
                "a": o.a,
                "b": o.b,
                "a_label": cmp.columns[o.a].label,
                "b_label": cmp.columns[o.b].label,
                "shared": o.shared,
                "union": o.union,
                "percent": o.percent,
                "only_a": o.only_a,
                "only_b": o.only_b,
            })
        })
        .collect();
    let doc = json!({
        "columns": columns,
        "total": row_json(cmp, &cmp.total, lang),
        "components": rows(&cmp.components),
        "areas": rows(&cmp.areas),
        "predicates": predicates,
        "steps": steps,
        "overlaps": overlaps,
        "nodes": rows(&cmp.nodes),
        "items": rows(&cmp.items),
        "out": out_file.map(|p| p.display().to_string()),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
