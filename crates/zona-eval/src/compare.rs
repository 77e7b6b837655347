//! `zona compare` as a library: several workbooks evaluated with the one pipeline and set side by
//! side (a unit across years, or several units in one year; docs/compare.md).

use std::path::{Path, PathBuf};

use zona_core::compare::{compare, CompareInput, Comparison};
use zona_core::{Evaluation, Layer};

use crate::{evaluate, EvalError, EvalOptions, Pipeline};

/// One workbook of a comparison: its column label and its evaluation (the unit's own layer).
#[derive(Debug)]
pub struct Compared<'c> {
    pub label: String,
    pub evaluation: Evaluation<'c>,
}

/// A comparison and the workbooks it was made of, in column order.
#[derive(Debug)]
pub struct CompareRun<'c> {
    pub columns: Vec<Compared<'c>>,
    pub comparison: Comparison,
    /// The workbooks name different units across different years: probably not one unit's
    /// years (the names, in column order, deduplicated). Empty otherwise, also for several units
    /// of one year, which is a comparison of units.
    pub units_differ: Vec<String>,
}

/// Evaluates every workbook as [`evaluate`] does, with the prior predicate each states unless
/// `options.prior_held` overrides it, and compares them. Columns are ordered by the year each
/// workbook states, then by unit name, whatever the order given (kept as given when some workbook
/// states no year). Column labels: `given` (one per workbook, in the order given), else the years
/// (or "unit year") the workbooks state, else the file names. The first workbook that cannot be
/// read ends the comparison with its error.
pub fn run<'c>(
    workbooks: &[PathBuf],
    given: &[String],
    pipeline: &Pipeline<'c>,
    options: &EvalOptions,
) -> Result<CompareRun<'c>, EvalError> {
    let mut labels = labels(workbooks, given)?;
    let options = EvalOptions {
        layer: Layer::Unit,
        all_layers: false,
        ..options.clone()
    };
    let mut columns = Vec::with_capacity(workbooks.len());
    for path in workbooks {
        columns.push(evaluate(path, pipeline, &options)?);
    }
    // Oldest first, then by unit, whatever the order the workbooks were named in.
    let unit_of = |e: &Evaluation| -> (Option<i32>, String) {
        let u = &e.unit().answers.unit;
        (u.year, u.name.clone().unwrap_or_default())
    };
    if columns.iter().all(|e| unit_of(e).0.is_some()) {
        let mut order: Vec<usize> = (0..columns.len()).collect();
        order.sort_by_key(|i| unit_of(&columns[*i]));
        let mut taken: Vec<Option<Evaluation<'c>>> = columns.into_iter().map(Some).collect();
        let mut label_slots: Vec<Option<String>> = labels.into_iter().map(Some).collect();
        columns = order.iter().filter_map(|i| taken[*i].take()).collect();
        labels = order
            .iter()
            .filter_map(|i| label_slots[*i].take())
            .collect();
    }
    let facts: Vec<(Option<i32>, String)> = columns.iter().map(unit_of).collect();
    let mut names: Vec<String> = Vec::new();
    for (_, n) in &facts {
        if !n.trim().is_empty() && !names.contains(n) {
            names.push(n.clone());
        }
    }
    let years_differ = facts.windows(2).any(|w| w[0].0 != w[1].0);
    let units_differ = if names.len() > 1 && years_differ {
        names
    } else {
        Vec::new()
    };
    if given.is_empty() {
        let units: Vec<zona_core::UnitInfo> = columns
            .iter()
            .map(|e| e.unit().answers.unit.clone())
            .collect();
        if let Some(better) = labels_from_units(&units) {
            labels = better;
        }
    }
    let comparison = compare(
        &columns
            .iter()
            .zip(&labels)
            .map(|(e, label)| CompareInput {
                label,
                criteria: e.criteria,
                result: &e.unit().result,
                evidence: Some(&e.unit().evidence),
            })
            .collect::<Vec<_>>(),
    );
    Ok(CompareRun {
        columns: columns
            .into_iter()
            .zip(labels)
            .map(|(evaluation, label)| Compared { label, evaluation })
            .collect(),
        comparison,
        units_differ,
    })
}

/// The column labels: given (one per workbook), or the file names (with their directory where two
/// names are alike).
pub fn labels(workbooks: &[PathBuf], given: &[String]) -> Result<Vec<String>, EvalError> {
    if !given.is_empty() {
        if given.len() != workbooks.len() {
            return Err(EvalError::Labels {
                given: given.len(),
                workbooks: workbooks.len(),
            });
        }
        return Ok(given.iter().map(|s| s.trim().to_string()).collect());
    }
    let stem = |p: &Path| {
        p.file_stem().map_or_else(
            || p.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
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
pub fn labels_from_units(units: &[zona_core::UnitInfo]) -> Option<Vec<String>> {
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
        years.iter().map(std::string::ToString::to_string).collect()
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
