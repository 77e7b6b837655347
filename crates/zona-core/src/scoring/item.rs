//! Step 1 of scoring: every item evaluated on its own — its value in 0–1, or unanswered, or invalid
//! input (counted as unanswered, reported with its cell), with its diagnostics.

use crate::answers::answer::{parse_count_text, parse_decimal, CountText, ItemAnswer};
use crate::answers::cell::{Cell, RawValue};
use crate::answers::diag::{DiagKind, Diagnostic, Severity};
use crate::criteria::{
    normalize_code, AnswerKind, CountInput, Criteria, Formula, Item, Ratio, ScaleKind,
};
use crate::lang::{fmt_plain, Lang};

use super::scores::ItemStatus;

/// The evaluation of one item on its own.
#[derive(Debug, Clone)]
pub struct ItemEval {
    pub status: ItemStatus,
    pub value: Option<f64>,
    pub answer: Option<String>,
    pub counts: Vec<Option<f64>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ItemEval {
    fn unanswered(item: &Item, answer: Option<&ItemAnswer>) -> Self {
        let mut d = Diagnostic::new(Severity::Info, DiagKind::Unanswered).item(&item.key);
        if let Some(a) = answer {
            let loc = a.answer.as_ref().map_or(&a.location, |c| &c.location);
            d = d.at(loc);
        }
        ItemEval {
            status: ItemStatus::Unanswered,
            value: None,
            answer: None,
            counts: Vec::new(),
            diagnostics: vec![d],
        }
    }

    fn invalid(item: &Item, cell: &Cell, kind: DiagKind) -> Self {
        ItemEval {
            status: ItemStatus::Invalid,
            value: None,
            answer: None,
            counts: Vec::new(),
            diagnostics: vec![Diagnostic::new(Severity::Error, kind)
                .at(&cell.location)
                .item(&item.key)],
        }
    }
}

/// How a source writes numbers as text: [`NumberForm::Indonesian`] (a dot groups thousands:
/// "2.000" is two thousand), or [`NumberForm::DecimalPoint`] (the PortalRB API: "3.60"), where a
/// count of one dot and three digits ("12.000": 12 or 12000) reads two ways and is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberForm {
    #[default]
    Indonesian,
    DecimalPoint,
}

/// Evaluates one item's answer: value, status and diagnostics; `form`: how the source writes
/// numbers as text.
pub fn evaluate_item(
    criteria: &Criteria,
    item: &Item,
    answer: Option<&ItemAnswer>,
    form: NumberForm,
) -> ItemEval {
    match &item.answer {
        AnswerKind::Choice(scale) => {
            let Some(cell) = answer
                .and_then(|a| a.answer.as_ref())
                .filter(|c| !c.value.is_blank())
            else {
                return ItemEval::unanswered(item, answer);
            };
            let ScaleKind::Choice(options) = &criteria.scales[*scale].kind else {
                unreachable!("choice item on an index scale is rejected by the loader")
            };
            let text = match &cell.value {
                RawValue::Text(t) => t.clone(),
                other => match value_problem(other) {
                    Some(kind) => return ItemEval::invalid(item, cell, kind),
                    None => other.display(),
                },
            };
            let norm = normalize_code(&text);
            match options.iter().find(|o| normalize_code(&o.code) == norm) {
                Some(o) => ItemEval {
                    status: ItemStatus::Answered,
                    value: Some(o.value),
                    answer: Some(o.code.clone()),
                    counts: Vec::new(),
                    // The workbook's formulas compare the text as typed (ignoring case only):
                    // "ya ", "B." count there as invalid.
                    diagnostics: match &cell.value {
                        RawValue::Text(t) if !t.eq_ignore_ascii_case(&o.code) => {
                            vec![forgiving(item, cell, t, &o.code, None)]
                        }
                        _ => Vec::new(),
                    },
                },
                None => ItemEval::invalid(
                    item,
                    cell,
                    DiagKind::InvalidChoice {
                        answer: text,
                        allowed: options.iter().map(|o| o.code.clone()).collect(),
                    },
                ),
            }
        }
        AnswerKind::Index { max, .. } => {
            let Some(cell) = answer
                .and_then(|a| a.answer.as_ref())
                .filter(|c| !c.value.is_blank())
            else {
                return ItemEval::unanswered(item, answer);
            };
            let v = match number(&cell.value) {
                Ok(v) => v,
                Err(kind) => return ItemEval::invalid(item, cell, kind),
            };
            if !(0.0..=*max).contains(&v) {
                return ItemEval::invalid(
                    item,
                    cell,
                    DiagKind::IndexOutOfRange {
                        value: v,
                        max: *max,
                    },
                );
            }
            ItemEval {
                status: ItemStatus::Answered,
                value: Some(v / max),
                answer: Some(fmt_plain(v, Lang::En)),
                counts: Vec::new(),
                // An index typed as text ("3,65") is no number to the workbook's formulas.
                diagnostics: match &cell.value {
                    RawValue::Text(t) => vec![forgiving(item, cell, t, "", Some(v))],
                    _ => Vec::new(),
                },
            }
        }
        AnswerKind::Ratio(ratio) => evaluate_ratio(item, ratio, answer, form),
    }
}

/// An info note: the cell was read forgivingly (see [`DiagKind::ReadForgivingly`]).
fn forgiving(
    item: &Item,
    cell: &Cell,
    text: &str,
    read_as: &str,
    number: Option<f64>,
) -> Diagnostic {
    Diagnostic::new(
        Severity::Info,
        DiagKind::ReadForgivingly {
            text: text.to_string(),
            read_as: read_as.to_string(),
            number,
        },
    )
    .at(&cell.location)
    .item(&item.key)
}

/// A problem with a non-text, non-number value (error cell, date, formula without value).
fn value_problem(v: &RawValue) -> Option<DiagKind> {
    match v {
        RawValue::Error(e) => Some(DiagKind::ErrorValue { value: e.clone() }),
        RawValue::Date(d) => Some(DiagKind::DateValue { value: d.clone() }),
        RawValue::FormulaWithoutValue(f) => {
            Some(DiagKind::FormulaWithoutValue { formula: f.clone() })
        }
        _ => None,
    }
}

fn number(v: &RawValue) -> Result<f64, DiagKind> {
    if let Some(kind) = value_problem(v) {
        return Err(kind);
    }
    match v {
        RawValue::Number(n) if n.is_finite() => Ok(*n),
        RawValue::Text(t) => {
            parse_decimal(t).ok_or_else(|| DiagKind::NotANumber { answer: t.clone() })
        }
        other => Err(DiagKind::NotANumber {
            answer: other.display(),
        }),
    }
}

fn evaluate_ratio(
    item: &Item,
    ratio: &Ratio,
    answer: Option<&ItemAnswer>,
    form: NumberForm,
) -> ItemEval {
    let cells: Vec<Option<&Cell>> = (0..ratio.inputs.len())
        .map(|i| {
            answer
                .and_then(|a| a.inputs.get(i))
                .and_then(|c| c.as_ref())
        })
        .collect();
    let filled = |i: usize| cells[i].filter(|c| !c.value.is_blank());
    // Inputs the unit must type: every input that is not a sum of others.
    let typed: Vec<usize> = (0..ratio.inputs.len())
        .filter(|i| ratio.inputs[*i].sum_of.is_empty())
        .collect();
    if typed.iter().all(|i| filled(*i).is_none()) {
        return ItemEval::unanswered(item, answer);
    }

    let mut diagnostics = Vec::new();
    let mut counts: Vec<Option<f64>> = vec![None; ratio.inputs.len()];
    let mut invalid = false;
    let mut missing = false;
    for &i in &typed {
        let input = &ratio.inputs[i];
        match filled(i) {
            None => {
                missing = true;
                let mut d = Diagnostic::new(
                    Severity::Info,
                    DiagKind::InputMissing {
                        input: input.label.clone(),
                        input_en: input.label_en.clone(),
                    },
                )
                .item(&item.key);
                if let Some(loc) = cells[i]
                    .map(|c| &c.location)
                    .or(answer.map(|a| &a.location))
                {
                    d = d.at(loc);
                }
                diagnostics.push(d);
            }
            Some(cell) => match count(&cell.value, input, form) {
                Ok(v) => {
                    counts[i] = Some(v);
                    if let RawValue::Text(t) = &cell.value {
                        diagnostics.push(forgiving(item, cell, t, "", Some(v)));
                    }
                }
                Err(kind) => {
                    invalid = true;
                    diagnostics.push(
                        Diagnostic::new(Severity::Error, kind)
                            .at(&cell.location)
                            .item(&item.key),
                    );
                }
            },
        }
    }
    if invalid || missing {
        return ItemEval {
            status: if invalid {
                ItemStatus::Invalid
            } else {
                ItemStatus::Unanswered
            },
            value: None,
            answer: None,
            counts,
            diagnostics,
        };
    }
    // Summed inputs: the sum of the parts wins over a typed total.
    for (i, input) in ratio.inputs.iter().enumerate() {
        if input.sum_of.is_empty() {
            continue;
        }
        let sum: f64 = input.sum_of.iter().map(|p| counts[*p].unwrap_or(0.0)).sum();
        if let Some(cell) = filled(i) {
            if let Ok(typed) = count(&cell.value, input, form) {
                if (typed - sum).abs() > 1e-9 {
                    diagnostics.push(
                        Diagnostic::new(
                            Severity::Warning,
                            DiagKind::SumMismatch {
                                input: input.label.clone(),
                                input_en: input.label_en.clone(),
                                typed,
                                sum,
                            },
                        )
                        .at(&cell.location)
                        .item(&item.key),
                    );
                }
            }
        }
        counts[i] = Some(sum);
    }
    let at = |i: usize| counts[i].unwrap_or(0.0);
    let loc = answer.map(|a| a.location.clone()).unwrap_or_default();
    let value = match ratio.formula {
        Formula::Share { done, required } => {
            let (d, r) = (at(done), at(required));
            if r == 0.0 && d == 0.0 {
                1.0
            } else if r == 0.0 {
                // Nothing owed but something done: the counts contradict each other. Not invalid
                // input (each count is a valid count), so a warning, and the item counts as
                // unanswered (scoring-rules.md, "Ratio items").
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        DiagKind::InconsistentCounts {
                            done: d,
                            required: r,
                        },
                    )
                    .at(&loc)
                    .item(&item.key),
                );
                return ItemEval {
                    status: ItemStatus::Unanswered,
                    value: None,
                    answer: None,
                    counts,
                    diagnostics,
                };
            } else if d > r {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        DiagKind::RatioCapped {
                            done: d,
                            required: r,
                        },
                    )
                    .at(&loc)
                    .item(&item.key),
                );
                1.0
            } else {
                d / r
            }
        }
        Formula::Reduction { previous, current } => {
            let (p, c) = (at(previous), at(current));
            if p == 0.0 && c == 0.0 {
                1.0
            } else if p == 0.0 {
                diagnostics.push(
                    Diagnostic::new(Severity::Info, DiagKind::ReductionFromZero { current: c })
                        .at(&loc)
                        .item(&item.key),
                );
                0.0
            } else {
                ((p - c) / p).max(0.0)
            }
        }
    };
    ItemEval {
        status: ItemStatus::Answered,
        value: Some(value),
        answer: None,
        counts,
        diagnostics,
    }
}

/// A count: a whole, non-negative number. Text is read as an Indonesian reader would
/// ([`parse_count_text`]: "2.000" is two thousand); a form that reads two ways is refused.
/// "12.000", "1.200": one to three digits, a dot, three digits: a decimal number or a thousand.
fn lone_thousands_group(t: &str) -> bool {
    let t = t.trim();
    t.matches('.').count() == 1 && crate::answers::answer::grouped(t)
}

fn count(v: &RawValue, input: &CountInput, form: NumberForm) -> Result<f64, DiagKind> {
    let ambiguous = |t: &String| DiagKind::AmbiguousNumber {
        input: input.label.clone(),
        input_en: input.label_en.clone(),
        text: t.clone(),
    };
    let n = match v {
        RawValue::Text(t) if form == NumberForm::DecimalPoint && lone_thousands_group(t) => {
            return Err(ambiguous(t))
        }
        RawValue::Text(t) => match parse_count_text(t) {
            CountText::Number(n) => n,
            CountText::Ambiguous => {
                return Err(DiagKind::AmbiguousNumber {
                    input: input.label.clone(),
                    input_en: input.label_en.clone(),
                    text: t.clone(),
                })
            }
            CountText::NotANumber => return Err(DiagKind::NotANumber { answer: t.clone() }),
        },
        other => number(other)?,
    };
    if n < 0.0 {
        return Err(DiagKind::CountNegative {
            input: input.label.clone(),
            input_en: input.label_en.clone(),
            value: n,
        });
    }
    if n.fract() != 0.0 {
        return Err(DiagKind::CountNotWhole {
            input: input.label.clone(),
            input_en: input.label_en.clone(),
            value: n,
        });
    }
    Ok(n)
}
