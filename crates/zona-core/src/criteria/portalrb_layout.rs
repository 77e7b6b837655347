//! Where the PortalRB 2026 `Jawaban` workbook keeps each soal: data shipped with the criteria (the
//! `[portalrb]` table of a criteria file, docs/criteria-format.md), read by the PortalRB workbook
//! reader and by its writer. The sheet itself is found by its name, [`SHEET`], before any
//! criteria are chosen.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The name of the PortalRB template's answer sheet.
pub const SHEET: &str = "Jawaban";

/// The PortalRB `Jawaban` sheet of a criteria set: the answer columns and the row of every soal
/// (`soal_id` → 1-based row; the master list's `excel_baris`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalRbLayout {
    pub columns: PortalRbColumns,
    /// `(soal_id, 1-based row)`, in row order.
    pub rows: Vec<(u32, u32)>,
}

/// 0-based columns of the `Jawaban` sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PortalRbColumns {
    pub unit_answer: u32,
    pub unit_note: u32,
    pub evidence: u32,
    pub tpi_answer: u32,
    pub tpi_note: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPortalRb {
    columns: Spanned<RawColumns>,
    rows: BTreeMap<String, Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumns {
    unit_answer: Spanned<String>,
    unit_note: Spanned<String>,
    evidence: Spanned<String>,
    tpi_answer: Spanned<String>,
    tpi_note: Spanned<String>,
}

/// A problem found while building the layout: where, and what (reported by the loader as an
/// invalid key or an unknown reference).
pub(crate) enum LayoutProblem {
    /// A column that is not letters (`K`, `AA`).
    Column(std::ops::Range<usize>, String),
    /// A row key that is not a soal_id of the criteria.
    UnknownSoal(std::ops::Range<usize>, String),
    /// A row given twice, or row 0.
    Row(std::ops::Range<usize>, String),
}

/// Column letters → 0-based index (`A` → 0, `AA` → 26); None unless 1–3 ASCII letters.
fn column_index(letters: &str) -> Option<u32> {
    let l = letters.trim();
    if l.is_empty() || l.len() > 3 || !l.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let n = l
        .to_ascii_uppercase()
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    Some(n - 1)
}

/// Builds the layout; `soal_ids`: every soal_id the criteria's items and count inputs carry.
pub(crate) fn build(
    raw: &RawPortalRb,
    soal_ids: &HashSet<u32>,
    problems: &mut Vec<LayoutProblem>,
) -> PortalRbLayout {
    let cols = raw.columns.get_ref();
    let mut col = |s: &Spanned<String>| {
        column_index(s.get_ref()).unwrap_or_else(|| {
            problems.push(LayoutProblem::Column(s.span(), s.get_ref().clone()));
            0
        })
    };
    let columns = PortalRbColumns {
        unit_answer: col(&cols.unit_answer),
        unit_note: col(&cols.unit_note),
        evidence: col(&cols.evidence),
        tpi_answer: col(&cols.tpi_answer),
        tpi_note: col(&cols.tpi_note),
    };
    let mut rows = Vec::with_capacity(raw.rows.len());
    let mut taken = HashSet::new();
    // In file order (the map is sorted as strings, "10" before "2"), so that a row given twice is
    // reported where it is given the second time.
    let mut entries: Vec<(&String, &Spanned<u32>)> = raw.rows.iter().collect();
    entries.sort_by_key(|(_, row)| row.span().start);
    for (key, row) in entries {
        match key.trim().parse::<u32>() {
            Ok(soal) if soal_ids.contains(&soal) => {
                let r = *row.get_ref();
                if r == 0 || !taken.insert(r) {
                    problems.push(LayoutProblem::Row(row.span(), format!("{key} = {r}")));
                } else {
                    rows.push((soal, r));
                }
            }
            _ => problems.push(LayoutProblem::UnknownSoal(row.span(), key.clone())),
        }
    }
    rows.sort_by_key(|(_, r)| *r);
    PortalRbLayout { columns, rows }
}

#[cfg(test)]
mod tests {
    use super::column_index;

    #[test]
    fn column_letters() {
        assert_eq!(column_index("A"), Some(0));
        assert_eq!(column_index("k"), Some(10));
        assert_eq!(column_index("Q"), Some(16));
        assert_eq!(column_index("AA"), Some(26));
        assert_eq!(column_index("K1"), None);
        assert_eq!(column_index(""), None);
    }
}
