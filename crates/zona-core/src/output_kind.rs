//! The workbooks zona writes that are results, not evidence: a unit's report, a batch summary, a
//! comparison, an evidence index. Each carries its kind as a document property, so that a later
//! batch over the same folder passes them over instead of scoring a report's LKE sheet as a
//! second unit (the template and a filled LKE are inputs, and carry none).

use crate::Lang;

/// A workbook zona wrote as a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    Report,
    Summary,
    Comparison,
    EvidenceIndex,
}

impl OutputKind {
    /// The name of the custom document property that holds [`OutputKind::code`].
    pub const PROPERTY: &'static str = "zona-output";

    pub fn code(self) -> &'static str {
        match self {
            OutputKind::Report => "report",
            OutputKind::Summary => "summary",
            OutputKind::Comparison => "comparison",
            OutputKind::EvidenceIndex => "evidence-index",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            OutputKind::Report,
            OutputKind::Summary,
            OutputKind::Comparison,
            OutputKind::EvidenceIndex,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// "laporan zona", "ringkasan batch zona" …
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (OutputKind::Report, Lang::Id) => "laporan zona",
            (OutputKind::Report, Lang::En) => "zona report",
            (OutputKind::Summary, Lang::Id) => "ringkasan batch zona",
            (OutputKind::Summary, Lang::En) => "zona batch summary",
            (OutputKind::Comparison, Lang::Id) => "perbandingan zona",
            (OutputKind::Comparison, Lang::En) => "zona comparison",
            (OutputKind::EvidenceIndex, Lang::Id) => "indeks paket bukti zona",
            (OutputKind::EvidenceIndex, Lang::En) => "zona evidence index",
        }
    }
}
