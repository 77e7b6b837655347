//! A batch summary rendered for the terminal (text) and for programs (JSON, CSV): what
//! `zona batch` prints. The JSON and CSV shapes are documented in docs/batch.md and are contracts.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};
use zona_core::batch::{ranks, total_thresholds, BatchRow};
use zona_core::lang::fmt2;
use zona_core::{Criteria, Lang, PredicateStatus};

use super::{csv_field, pad};
use crate::batch_writer::{columns, BatchSummary, CellValue};

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
    let c = summary.criteria;
    let mut out = String::new();
    out.push_str(&match lang {
        Lang::Id => format!(
            "zona — Ringkasan penilaian LKE Zona Integritas: {} lembar kerja dinilai, {} gagal\n",
            summary.rows.len(),
            summary.errors.len()
        ),
        Lang::En => format!(
            "zona — Zona Integritas LKE batch summary: {} workbooks scored, {} failed\n",
            summary.rows.len(),
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
    let mut header = format!("{:>4}  {:>7}  ", "#", lang.pick("Total", "Total"));
    for p in &c.predicates {
        header.push_str(&pad(p.display_name(lang), STATUS_W));
        header.push(' ');
    }
    header.push_str(&format!(
        "{:>8}  {}",
        lang.pick("Lengkap", "Complete"),
        "Unit"
    ));
    out.push_str(header.trim_end());
    out.push('\n');
    let mut unknown_prior = false;
    for (row, rank) in summary.rows.iter().zip(ranks(summary.rows)) {
        let mut line = format!("{rank:>4}  {:>7}  ", fmt2(row.total, lang));
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
        line.push_str(&format!(
            "{:>8}  {} — {}",
            format!("{}%", fmt2(row.completeness() * 100.0, lang)),
            row.unit.label("—"),
            row.file
        ));
        out.push_str(&line);
        out.push('\n');
    }
    if unknown_prior {
        out.push_str(lang.pick(
            "* nilai memenuhi; predikat sebelumnya (WBK) belum dinyatakan\n",
            "* scores meet it; prior predicate (WBK) not stated\n",
        ));
    }
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

fn row_json(row: &BatchRow, rank: usize, lang: Lang) -> Value {
    let components: serde_json::Map<String, Value> = row
        .roots
        .iter()
        .map(|r| (r.key.clone(), json!(r.score)))
        .collect();
    json!({
        "rank": rank,
        "file": row.file,
        "unit": {
            "name": row.unit.name,
            "instansi": row.unit.instansi,
            "year": row.unit.year,
            "origin": row.unit.origin_code(),
            "from_file_name": row.unit.from_file_name,
        },
        "criteria": { "id": row.criteria_id, "provisional": row.criteria_provisional },
        "total": row.total,
        "max_total": row.max_total,
        "components": components,
        "areas": row.areas.iter().map(|a| json!({
            "key": a.key,
            "weight": a.weight,
            "score": a.score,
            "percent": a.percent(),
        })).collect::<Vec<_>>(),
        "predicates": row.predicates.iter().map(|p| json!({
            "key": p.key,
            "name": p.name(lang),
            "met": p.met(),
            "status": p.status.code(),
            "first_failing": p.first_failing.as_ref().map(|c| super::condition_json(c, lang)),
        })).collect::<Vec<_>>(),
        "counts": {
            "items": row.items,
            "answered": row.answered,
            "unanswered": row.unanswered,
            "invalid": row.invalid,
        },
        "completeness": row.completeness(),
        "report": row.report,
    })
}

/// The summary rows for programs (docs/batch.md), pretty-printed; `used`: index of each criteria
/// set used (into `candidates`) → the files scored with it.
pub fn json(
    summary: &BatchSummary,
    candidates: &[Criteria],
    used: &BTreeMap<usize, Vec<String>>,
    written: &Written,
    lang: Lang,
) -> String {
    let criteria: Vec<Value> = used
        .iter()
        .map(|(i, files)| {
            let c = &candidates[*i];
            json!({
                "id": c.meta.id,
                "name": c.meta.name,
                "version": c.meta.version,
                "provisional": c.meta.provisional,
                "files": files.len(),
            })
        })
        .collect();
    let thresholds: Vec<Value> = total_thresholds(summary.criteria)
        .iter()
        .map(|t| json!({ "predicate": t.key, "name": t.name(lang), "total_min": t.min }))
        .collect();
    let doc = json!({
        "columns_criteria": summary.criteria.meta.id,
        "criteria": criteria,
        "thresholds": thresholds,
        "scored": summary.rows.len(),
        "failed": summary.errors.len(),
        "rows": summary
            .rows
            .iter()
            .zip(ranks(summary.rows))
            .map(|(r, rank)| row_json(r, rank, lang))
            .collect::<Vec<_>>(),
        "errors": summary
            .errors
            .iter()
            .map(|e| json!({ "file": e.file, "message": e.message }))
            .collect::<Vec<_>>(),
        "out": written.out.map(|p| p.display().to_string()),
        "reports": written.reports.map(|p| p.display().to_string()),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The summary rows as CSV: the workbook's columns under stable machine names, numbers
/// unrounded, statuses and origins as codes.
pub fn csv(summary: &BatchSummary, with_reports: bool, lang: Lang) -> String {
    let cols = columns(summary.criteria, with_reports);
    let mut out = cols
        .iter()
        .map(|c| csv_field(&c.key()))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for (row, rank) in summary.rows.iter().zip(ranks(summary.rows)) {
        let line: Vec<String> = cols
            .iter()
            .map(|c| match c.value(row, rank, lang) {
                CellValue::Empty => String::new(),
                CellValue::Text(s) => csv_field(&s),
                CellValue::Coded { code, .. } => csv_field(code),
                CellValue::Number(v) => v.to_string(),
            })
            .collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
