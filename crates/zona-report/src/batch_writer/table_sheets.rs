//! Which of the summary's [`columns`](super::columns) each table sheet shows.
//!
//! The whole table (about 45 columns for 90/2021: the CSV contract) cannot print one page wide
//! with its text at 8 pt or more. The workbook therefore shows it on sheets of one theme each, every
//! one an Excel table in the same rank order, keyed by rank, unit and year, and each narrow enough
//! to print on one A4 page wide: the head of office's [`TableSheet::Summary`] first, then the area
//! scores, the predicate conditions, the evidence and the files. Every column of the contract is on
//! at least one sheet.

use zona_core::Lang;

use super::Column;

/// A sheet of the summary workbook that holds part of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableSheet {
    /// What a head of office reads: total, each predicate's status and margin, the evidence-backed
    /// total and statuses, evidence coverage, completeness (the unit's name links to its report).
    Summary,
    /// Each root's score and each area's score and % of its weight.
    Scores,
    /// Each predicate's status, first failing condition and its margin.
    Predicates,
    /// The evidence review: policy, items needing and lacking evidence, coverage, the
    /// evidence-backed total and statuses.
    Evidence,
    /// Where each row came from: instansi, unit facts' origin, file, criteria, the counts of
    /// answers, completeness, the report.
    Files,
}

impl TableSheet {
    /// The table sheets in workbook order.
    pub const ALL: [TableSheet; 5] = [
        TableSheet::Summary,
        TableSheet::Scores,
        TableSheet::Predicates,
        TableSheet::Evidence,
        TableSheet::Files,
    ];

    /// The sheet's name (also its table's name).
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            TableSheet::Summary => lang.pick("Ringkasan", "Summary"),
            TableSheet::Scores => lang.pick("Nilai", "Scores"),
            TableSheet::Predicates => lang.pick("Predikat", "Predicates"),
            TableSheet::Evidence => lang.pick("Bukti", "Evidence"),
            TableSheet::Files => lang.pick("Berkas", "Files"),
        }
    }

    /// The heading of a sheet other than the summary (whose first line is the verdict).
    pub fn heading(self, lang: Lang) -> &'static str {
        match self {
            TableSheet::Summary => lang.pick(
                "Ringkasan Penilaian LKE Zona Integritas",
                "Zona Integritas LKE batch summary",
            ),
            TableSheet::Scores => lang.pick(
                "Nilai tiap akar dan area pengungkit (urutan seperti lembar Ringkasan)",
                "Scores of each root and enabler area (in the order of the Summary sheet)",
            ),
            TableSheet::Predicates => lang.pick(
                "Syarat predikat: status, syarat pertama yang gagal dan selisihnya",
                "Predicate conditions: status, the first failing condition and its margin",
            ),
            TableSheet::Evidence => lang.pick(
                "Bukti dukung: cakupan dan nilai didukung bukti",
                "Evidence: coverage and the evidence-backed total",
            ),
            TableSheet::Files => lang.pick(
                "Berkas, asal data unit, kriteria dan kelengkapan jawaban",
                "Files, where the unit facts came from, criteria and completeness",
            ),
        }
    }

    /// Where column `c` goes on this sheet: its group (columns are shown by group, and in the
    /// contract's order within a group), or None when the sheet does not show it.
    fn group(self, c: &Column) -> Option<u8> {
        use Column as C;
        // Every sheet is keyed by rank and unit (and year, but the files sheet keeps the
        // contract's order: unit, instansi, year).
        let key = matches!(c, C::Rank | C::Unit | C::Year);
        match self {
            TableSheet::Summary => match c {
                C::Rank | C::Unit | C::Year | C::Total => Some(0),
                C::PredicateStatus { .. } | C::PredicateMargin { .. } => Some(1),
                C::EvidenceBackedTotal | C::EvidencePredicate { .. } => Some(2),
                C::EvidenceCoverage | C::Completeness => Some(3),
                _ => None,
            },
            TableSheet::Scores => (key
                || matches!(
                    c,
                    C::Total | C::Root { .. } | C::AreaScore { .. } | C::AreaPercent { .. }
                ))
            .then_some(0),
            TableSheet::Predicates => (key
                || matches!(
                    c,
                    C::PredicateStatus { .. }
                        | C::PredicateFailing { .. }
                        | C::PredicateMargin { .. }
                ))
            .then_some(0),
            TableSheet::Evidence => (key
                || matches!(
                    c,
                    C::EvidencePolicy
                        | C::EvidenceNeeded
                        | C::EvidenceLacking
                        | C::EvidenceCoverage
                        | C::EvidenceBackedTotal
                        | C::EvidencePredicate { .. }
                ))
            .then_some(0),
            TableSheet::Files => (key
                || matches!(
                    c,
                    C::Instansi
                        | C::UnitOrigin
                        | C::File
                        | C::Criteria
                        | C::Answered
                        | C::Unanswered
                        | C::Invalid
                        | C::Items
                        | C::Completeness
                        | C::Report
                ))
            .then_some(0),
        }
    }

    /// The columns this sheet shows, out of the whole table's `columns`, in its order.
    pub fn columns(self, columns: &[Column]) -> Vec<Column> {
        let mut shown: Vec<(u8, &Column)> = columns
            .iter()
            .filter_map(|c| self.group(c).map(|g| (g, c)))
            .collect();
        // Stable: the contract's order within a group.
        shown.sort_by_key(|(g, _)| *g);
        shown.into_iter().map(|(_, c)| c.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch_writer::columns;

    fn keys(sheet: TableSheet, with_reports: bool) -> Vec<String> {
        let c = zona_core::default_criteria();
        sheet
            .columns(&columns(&c, with_reports))
            .iter()
            .map(Column::key)
            .collect()
    }

    #[test]
    fn every_column_of_the_contract_is_on_some_sheet() {
        let c = zona_core::default_criteria();
        for with_reports in [false, true] {
            let all = columns(&c, with_reports);
            for col in &all {
                assert!(
                    TableSheet::ALL
                        .iter()
                        .any(|s| s.columns(&all).contains(col)),
                    "{} on no sheet",
                    col.key()
                );
            }
        }
    }

    #[test]
    fn the_summary_sheet_leads_with_the_verdicts_and_every_sheet_is_keyed_by_rank_and_unit() {
        assert_eq!(
            keys(TableSheet::Summary, true),
            [
                "rank",
                "unit",
                "year",
                "total",
                "wbk_status",
                "wbk_margin",
                "wbbm_status",
                "wbbm_margin",
                "evidence_backed_total",
                "wbk_evidence_status",
                "wbbm_evidence_status",
                "completeness",
                "evidence_coverage_percent",
            ]
        );
        for sheet in TableSheet::ALL {
            assert_eq!(keys(sheet, true)[..2], ["rank", "unit"], "{sheet:?}");
        }
        assert_eq!(
            keys(TableSheet::Predicates, false),
            [
                "rank",
                "unit",
                "year",
                "wbk_status",
                "wbk_first_failing",
                "wbk_margin",
                "wbbm_status",
                "wbbm_first_failing",
                "wbbm_margin"
            ]
        );
    }
}
