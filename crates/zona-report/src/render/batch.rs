//! A batch summary rendered for the terminal (text) and for programs (JSON, CSV): what
//! `zona batch` prints. The JSON ([`view::BatchView`]) and CSV shapes are documented in docs/batch.md
//! and are contracts.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use zona_core::batch::{ranks, total_thresholds, BatchPredicate, EvidenceSummary};
use zona_core::lang::{fmt2, fmt_dec};
use zona_core::{Criteria, Lang, PredicateStatus};

use super::{csv_record, pad, view};
use crate::batch_writer::{columns, policy_label, BatchSummary, CellValue};

// ---------------------------------------------------------------------------------------------
// Output

/// What the batch wrote.
pub struct Written<'a> {
    /// The summary workbook, when written.
    pub out: Option<&'a Path>,
    /// The report folder (`--reports`) and how many reports went into it.
    pub reports: Option<&'a Path>,
    pub report_count: usize,
}

/// The ranked table `zona batch` prints.
pub fn text(summary: &BatchSummary, written: &Written, lang: Lang) -> String {
    super::terminal_safe(&text_unescaped(summary, written, lang))
}

/// The ranked table `zona batch` prints.
fn text_unescaped(summary: &BatchSummary, written: &Written, lang: Lang) -> String {
    let c = summary.criteria;
    let mut out = String::new();
    out.push_str(&match lang {
        Lang::Id => format!(
            "zona — Ringkasan penilaian LKE Zona Integritas: {} lembar kerja dinilai, {} gagal\n",
            summary.rows.len(),
            summary.errors.len()
        ),
        Lang::En => format!(
            "zona — Zona Integritas LKE batch summary: {} scored, {} failed\n",
            zona_core::lang::count_en(summary.rows.len(), "workbook", "workbooks"),
            summary.errors.len()
        ),
    });
    let thresholds: Vec<String> = total_thresholds(c)
        .iter()
        .map(|t| {
            format!(
                "{} ≥ {}",
                t.name(lang),
                zona_core::lang::fmt_plain(t.min, lang)
            )
        })
        .collect();
    out.push_str(&format!(
        "{}: {} [{}]; {}: {}\n\n",
        lang.pick("Kriteria kolom", "Columns follow"),
        c.meta.name,
        c.meta.id,
        lang.pick("ambang total", "total thresholds"),
        thresholds.join(", ")
    ));
    const STATUS_W: usize = 17;
    let backed_head = lang.pick("Didukung", "Backed");
    let mut header = format!(
        "{:>4}  {:>7}  {:>8}  ",
        "#",
        lang.pick("Total", "Total"),
        backed_head
    );
    for p in &c.predicates {
        header.push_str(&pad(p.display_name(lang), STATUS_W));
        header.push(' ');
    }
    let (coverage_head, lacking_head) = (
        lang.pick("Bukti", "Evidence"),
        lang.pick("Tanpa bukti", "Lacking"),
    );
    header.push_str(&format!(
        "{:>8}  {:>8}  {:>11}  {}",
        lang.pick("Lengkap", "Complete"),
        coverage_head,
        lacking_head,
        "Unit"
    ));
    out.push_str(header.trim_end());
    out.push('\n');
    let mut unknown_prior = false;
    for (row, rank) in summary.rows.iter().zip(ranks(summary.rows)) {
        let ev = row.evidence.as_ref();
        let backed = ev
            .and_then(|e| e.backed_total.map(|t| (t, e.backed_total_decimals)))
            .map_or_else(|| "—".to_string(), |(t, d)| fmt_dec(t, d, lang));
        let mut line = format!(
            "{rank:>4}  {:>7}  {backed:>8}  ",
            fmt_dec(row.total, row.total_decimals, lang)
        );
        for p in &c.predicates {
            let status = match row.predicate(&p.key) {
                Some(r) => {
                    unknown_prior |= r.status == PredicateStatus::ScoresMetPriorUnknown;
                    r.status.short_label(lang)
                }
                None => "—",
            };
            line.push_str(&pad(status, STATUS_W));
            line.push(' ');
        }
        let coverage = ev
            .and_then(EvidenceSummary::coverage_percent)
            .map_or_else(|| "—".to_string(), |c| format!("{}%", fmt2(c, lang)));
        let lacking = ev.map_or_else(|| "—".to_string(), |e| e.lacking().to_string());
        line.push_str(&format!(
            "{:>8}  {coverage:>8}  {lacking:>11}  {} — {}",
            format!("{}%", fmt2(row.completeness() * 100.0, lang)),
            row.unit.label("—"),
            row.file
        ));
        // One line per unit, whatever its name or file name holds.
        out.push_str(&zona_core::lang::one_line(&line));
        out.push('\n');
    }
    if unknown_prior {
        // The predicate a unit earns first (WBK under 90/2021), as the criteria name it.
        let prior = c
            .first_prior_predicate()
            .map(|i| format!(" ({})", c.predicates[i].short_display_name(lang)))
            .unwrap_or_default();
        out.push_str(&match lang {
            Lang::Id => {
                format!("* nilai memenuhi; predikat sebelumnya{prior} belum dinyatakan\n")
            }
            Lang::En => format!("* scores meet it; prior predicate{prior} not stated\n"),
        });
    }
    out.push_str(&evidence_lines(summary, lang));
    if let Some(o) = written.out {
        out.push_str(&format!(
            "\n{}: {}\n",
            lang.pick("Ringkasan ditulis ke", "Summary written to"),
            o.display()
        ));
    }
    if let Some(d) = written.reports {
        out.push_str(&format!(
            "{}: {} ({})\n",
            lang.pick("Laporan per unit", "Reports per unit"),
            d.display(),
            written.report_count
        ));
    }
    out
}

/// What the evidence columns mean, and how many units the evidence-backed totals keep each
/// predicate for (none when no row has an evidence review).
fn evidence_lines(summary: &BatchSummary, lang: Lang) -> String {
    let Some(policy) = summary
        .rows
        .iter()
        .find_map(|r| r.evidence.as_ref())
        .map(|e| e.policy)
    else {
        return String::new();
    };
    let mut out = String::new();
    out.push_str(&match lang {
        Lang::Id => format!(
            "\nDidukung: nilai total yang didukung bukti (kebijakan bukti: {}); Bukti: cakupan bukti (item dengan bukti sah / item perlu bukti); Tanpa bukti: item perlu bukti tanpa bukti sah. Tautan tidak dibuka.\n",
            policy_label(policy, lang)
        ),
        Lang::En => format!(
            "\nBacked: the evidence-backed total (evidence policy: {}); Evidence: evidence coverage (items with acceptable evidence / items needing evidence); Lacking: items needing evidence without acceptable evidence. Links are not fetched.\n",
            policy_label(policy, lang)
        ),
    });
    let n = summary.rows.len();
    let counts: Vec<String> = summary
        .criteria
        .predicates
        .iter()
        .filter_map(|p| {
            let statuses: Vec<PredicateStatus> = summary
                .rows
                .iter()
                .filter_map(|r| r.evidence.as_ref()?.backed_predicate(&p.key))
                .map(|b| b.status)
                .collect();
            if statuses.is_empty() {
                return None;
            }
            let met = statuses
                .iter()
                .filter(|s| **s == PredicateStatus::Met)
                .count();
            let claimed = summary
                .rows
                .iter()
                .filter(|r| r.predicate(&p.key).is_some_and(BatchPredicate::met))
                .count();
            Some(match lang {
                Lang::Id => format!(
                    "{} {met} dari {n} unit (tanpa memeriksa bukti: {claimed})",
                    p.display_name(lang)
                ),
                Lang::En => format!(
                    "{} {met} of {n} units (without checking the evidence: {claimed})",
                    p.display_name(lang)
                ),
            })
        })
        .collect();
    if !counts.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            lang.pick(
                "Memenuhi dengan nilai didukung bukti",
                "Met on the evidence-backed totals"
            ),
            counts.join("; ")
        ));
    }
    out
}

/// The summary rows for programs (docs/batch.md): [`view::batch_view`] pretty-printed; `used`:
/// index of each criteria set used (the index `candidate` takes) → the files scored with it.
pub fn json<'a>(
    summary: &BatchSummary<'a>,
    candidate: &dyn Fn(usize) -> &'a Criteria,
    used: &BTreeMap<usize, Vec<String>>,
    written: &Written,
    lang: Lang,
) -> String {
    view::to_json(&view::batch_view(summary, candidate, used, written, lang))
}

/// The summary rows as CSV: the workbook's columns under stable machine names, numbers
/// unrounded, statuses and origins as codes.
pub fn csv(summary: &BatchSummary, with_reports: bool, lang: Lang) -> String {
    let cols = columns(summary.criteria, with_reports);
    let mut out = csv_record(cols.iter().map(super::super::batch_writer::Column::key));
    for (row, rank) in summary.rows.iter().zip(ranks(summary.rows)) {
        out.push_str(&csv_record(
            cols.iter().map(|c| csv_value(c.value(row, rank, lang))),
        ));
    }
    out
}

/// A cell as the CSV writes it (unquoted): codes rather than labels, numbers unrounded.
fn csv_value(v: CellValue) -> Cow<'static, str> {
    match v {
        CellValue::Empty => Cow::Borrowed(""),
        CellValue::Text(s) => Cow::Owned(s),
        CellValue::Coded { code, .. } => Cow::Borrowed(code),
        CellValue::Number(v) => Cow::Owned(v.to_string()),
    }
}
