//! Diagnostics: every problem found in the answers, with the place it came from.
//!
//! A diagnostic never stops scoring: an invalid answer is reported and the item counts as
//! unanswered. Messages exist in Bahasa Indonesia and English ([`Diagnostic::message`]).

use super::cell::Location;
use crate::lang::{fmt_plain, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Invalid input: the item is scored as unanswered.
    Error,
    /// Scored, but the user should look (a capped ratio, a typed total that differs); or counts
    /// that contradict each other (nothing owed, something done): the item counts as unanswered.
    Warning,
    /// For information (an unanswered item, a workbook quirk).
    Info,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Id) => "galat",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Id) => "peringatan",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::Id) => "info",
            (Severity::Info, Lang::En) => "info",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DiagKind {
    /// The item has no answer.
    Unanswered,
    /// The answer is not one of the item's options.
    InvalidChoice {
        answer: String,
        allowed: Vec<String>,
    },
    /// A survey index outside its range.
    IndexOutOfRange { value: f64, max: f64 },
    /// A number was expected.
    NotANumber { answer: String },
    /// A count that is not a whole number.
    CountNotWhole {
        input: String,
        /// The input's English label (`label_en`), for English messages.
        input_en: Option<String>,
        value: f64,
    },
    CountNegative {
        input: String,
        /// The input's English label (`label_en`), for English messages.
        input_en: Option<String>,
        value: f64,
    },
    /// A count input of a ratio item is blank or missing.
    InputMissing {
        input: String,
        /// The input's English label (`label_en`), for English messages.
        input_en: Option<String>,
    },
    /// `required = 0` but `done > 0`: a warning; the item counts as unanswered (not invalid).
    InconsistentCounts { done: f64, required: f64 },
    /// `done > required`: capped at 100 %.
    RatioCapped { done: f64, required: f64 },
    /// `previous = 0, current > 0`: scored 0 (the workbook shows #DIV/0!).
    ReductionFromZero { current: f64 },
    /// A typed total differs from the sum of its parts; the sum is used.
    SumMismatch {
        input: String,
        /// The input's English label (`label_en`), for English messages.
        input_en: Option<String>,
        typed: f64,
        sum: f64,
    },
    /// A spreadsheet error value (#REF!, #DIV/0!) where an answer belongs.
    ErrorValue { value: String },
    /// A date where a number or an answer belongs.
    DateValue { value: String },
    /// A formula without a cached value: the workbook was never recalculated and saved.
    FormulaWithoutValue { formula: String },
    /// The reader could not find the item's row: the item, the sub-area it belongs under, and its
    /// soal_id (where a PortalRB source keeps it). It counts as unanswered, so it costs its points.
    ItemNotFound {
        text: String,
        sub_area: String,
        soal_id: Option<u32>,
    },
    /// A PortalRB document has no answer for an item's soal_id: it counts as unanswered (code
    /// `item_not_found`, as for a workbook).
    SoalNotInDocument {
        text: String,
        sub_area: String,
        soal_id: Option<u32>,
    },
    /// The reader could not find a count input's row.
    InputNotFound { input: String },
    /// The workbook's "Pilihan Jawaban" differs from the criteria's answer type; the workbook's
    /// own formula then ignores the item, zona scores it by the criteria.
    AnswerTypeDiffers { workbook: String, criteria: String },
    /// The workbook's bobot differs from the criteria.
    WeightDiffers { workbook: f64, criteria: f64 },
    /// The answer cell is part of a merged range spanning several rows.
    /// The answer cell is inside a merged range, not its top-left cell: it shows the merge's
    /// value. `hidden`: the value it holds of its own, which no one sees and is not scored.
    MergedAnswer {
        range: String,
        hidden: Option<String>,
    },
    /// Read forgivingly: the cell holds `text` (with spaces or a full stop, or a number typed as
    /// text), which zona reads as `read_as`, but the workbook's own formulas (and zona's
    /// template) count as invalid. `type_instead` is what to type so that the workbook counts it.
    /// `number` is set when a number was typed as text: type it as a number.
    ReadForgivingly {
        text: String,
        read_as: String,
        number: Option<f64>,
    },
    /// A number written as text that can be read two ways ("1,500": 1.5 or 1500; "2.5" for a
    /// count): the item counts as unanswered until it is typed unambiguously.
    AmbiguousNumber {
        input: String,
        /// The input's English label (`label_en`), for English messages.
        input_en: Option<String>,
        text: String,
    },
    /// The LKE sheet that was read is hidden: no visible sheet has the LKE layout.
    HiddenSheetRead { sheet: String },
    /// Cells far from the sheet's table (a stray value in XFD5) were left out: the table the
    /// answers are in was read without them. `cells`: the first few, A1-style; `count`: all.
    FarCellsIgnored { cells: Vec<String>, count: usize },
    /// A number in an answer column whose cell format shows it otherwise: as a percentage
    /// (`percent`: 0.93 shows "93%"), or without its digits (`;;;`, a text of the format's own).
    /// zona scores `value`, what the cell holds.
    NumberShownOtherwise { percent: bool, value: f64 },
    /// Another sheet named like an LKE also has the LKE layout and was not read.
    OtherLkeSheet {
        read: String,
        other: String,
        hidden: bool,
    },
    /// A PortalRB document lists one soal more than once with different answers; the first
    /// counts.
    DuplicateSoal {
        soal_id: u32,
        first: String,
        other: String,
    },
    /// A PortalRB document has a key the API does not define (`jawabanUnit`): ignored.
    /// `count`: the answers holding it (1 for a key of the document itself); `known`: the keys
    /// read there.
    UnknownJsonKey {
        key: String,
        count: usize,
        known: String,
    },
    /// A note (catatan) cell holds a formula without a cached value: the note is empty.
    NoteFormulaWithoutValue { formula: String },
    /// A PortalRB `Jawaban` sheet's rows are not where the template puts them (a row inserted or
    /// removed): the soal was found by the soal_id in column A. Said once, for the first soal moved.
    SoalRowMoved {
        soal_id: u32,
        template_row: u32,
        row: u32,
    },
    /// A PortalRB `Jawaban` sheet whose column A holds numbers that are not the soal_ids in row
    /// order: the template's rows are read, and could be the wrong ones.
    SoalIdsUnclear,
    /// A PortalRB document answers a soal_id the criteria do not have: the answer is not read.
    UnknownSoal { soal_id: u32 },
    /// An answer cell whose formula only refers to another cell (`=S9`) holds a cached value that
    /// is not what that cell holds now: the workbook was changed without being recalculated.
    /// The cached value is read.
    FormulaStale {
        formula: String,
        cached: String,
        target: String,
        current: String,
    },
    /// An answer read from a row hidden in the workbook: an evaluator does not see it.
    AnswerInHiddenRow,
    /// An answer read from a column hidden in the workbook.
    AnswerInHiddenColumn,
    /// Another row holds this item's text too; its answer (at cell `other`) was not read.
    DuplicateItemRow { other: String, answer: String },
    /// The sheet has another unit answer column (`Jawaban`) that was not read.
    OtherAnswerColumn {
        read: String,
        other: String,
        hidden: bool,
    },
    /// The sheet has far more text rows than an LKE: matching similar texts was stopped, only
    /// rows whose text equals a criteria text were matched.
    TooManyRows { rows: usize },
    /// The year the document states is not a year (a negative number, text): it is not used.
    YearInvalid { value: String },
    /// An item answered above its lowest answer with no evidence entry at all.
    EvidenceMissing {
        answer: String,
        /// None under the evidence policy `none` (no evidence-backed score).
        points_at_risk: Option<f64>,
    },
    /// Evidence entries, but none an evaluator can open (descriptions only, broken links, files
    /// not found).
    EvidenceUnsupported {
        answer: String,
        points_at_risk: Option<f64>,
    },
    /// A link that is not a well-formed http(s) link; it is never made clickable.
    EvidenceBadLink {
        text: String,
        /// `scheme:javascript`, `no_scheme`, `malformed`.
        problem: String,
    },
    /// A local path not found relative to the workbook's folder or the evidence folder.
    EvidenceFileMissing { path: String },
    /// A local path zona could not look for (no folder known, as for an upload).
    EvidenceFileNotChecked { path: String },
    /// A network share path (`\\server\share`): an evaluator cannot open it.
    EvidenceNetworkPath { path: String },
    /// The same link or file used for an item of another sub-area.
    EvidenceReused { text: String, first_item: String },
    /// A document the criteria expect is not mentioned by any entry.
    EvidenceDocumentNotMentioned {
        document: String,
        /// Its English name, when the criteria give one.
        document_en: Option<String>,
    },
    /// A data dukung cell with more entries than are read ([`crate::answers::evidence::MAX_ENTRIES_PER_CELL`]).
    EvidenceTruncated { kept: usize, left_out: usize },
    /// A year in an entry outside the item's period rule.
    EvidenceOutsidePeriod {
        text: String,
        year: i32,
        /// `current-year`, `previous-year`, `in-force`.
        period: String,
        assessed: i32,
    },
}

/// One problem, with its location and the item it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: DiagKind,
    pub location: Option<Location>,
    /// Key of the item concerned.
    pub item: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, kind: DiagKind) -> Self {
        Diagnostic {
            severity,
            kind,
            location: None,
            item: None,
        }
    }

    pub fn at(mut self, location: &Location) -> Self {
        self.location = Some(location.clone());
        self
    }

    pub fn item(mut self, key: &str) -> Self {
        self.item = Some(key.to_string());
        self
    }

    /// A short machine-readable code (`invalid_choice`), for JSON and filtering.
    pub fn code(&self) -> &'static str {
        use DiagKind::*;
        match &self.kind {
            Unanswered => "unanswered",
            InvalidChoice { .. } => "invalid_choice",
            IndexOutOfRange { .. } => "index_out_of_range",
            NotANumber { .. } => "not_a_number",
            CountNotWhole { .. } => "count_not_whole",
            CountNegative { .. } => "count_negative",
            InputMissing { .. } => "input_missing",
            InconsistentCounts { .. } => "inconsistent_counts",
            RatioCapped { .. } => "ratio_capped",
            ReductionFromZero { .. } => "reduction_from_zero",
            SumMismatch { .. } => "sum_mismatch",
            ErrorValue { .. } => "error_value",
            DateValue { .. } => "date_value",
            FormulaWithoutValue { .. } => "formula_without_value",
            ItemNotFound { .. } | SoalNotInDocument { .. } => "item_not_found",
            InputNotFound { .. } => "input_not_found",
            AnswerTypeDiffers { .. } => "answer_type_differs",
            WeightDiffers { .. } => "weight_differs",
            MergedAnswer { .. } => "merged_answer",
            ReadForgivingly { .. } => "read_forgivingly",
            AmbiguousNumber { .. } => "ambiguous_number",
            HiddenSheetRead { .. } => "hidden_sheet_read",
            OtherLkeSheet { .. } => "other_lke_sheet",
            FarCellsIgnored { .. } => "far_cells_ignored",
            NumberShownOtherwise { .. } => "number_shown_otherwise",
            DuplicateSoal { .. } => "duplicate_soal",
            UnknownJsonKey { .. } => "unknown_json_key",
            NoteFormulaWithoutValue { .. } => "note_formula_without_value",
            SoalRowMoved { .. } => "soal_row_moved",
            SoalIdsUnclear => "soal_ids_unclear",
            UnknownSoal { .. } => "unknown_soal",
            FormulaStale { .. } => "formula_stale",
            AnswerInHiddenRow => "answer_in_hidden_row",
            AnswerInHiddenColumn => "answer_in_hidden_column",
            DuplicateItemRow { .. } => "duplicate_item_row",
            OtherAnswerColumn { .. } => "other_answer_column",
            TooManyRows { .. } => "too_many_rows",
            YearInvalid { .. } => "year_invalid",
            EvidenceMissing { .. } => "evidence_missing",
            EvidenceUnsupported { .. } => "evidence_unsupported",
            EvidenceBadLink { .. } => "evidence_bad_link",
            EvidenceFileMissing { .. } => "evidence_file_missing",
            EvidenceFileNotChecked { .. } => "evidence_file_not_checked",
            EvidenceNetworkPath { .. } => "evidence_network_path",
            EvidenceReused { .. } => "evidence_reused",
            EvidenceDocumentNotMentioned { .. } => "evidence_document_not_mentioned",
            EvidenceOutsidePeriod { .. } => "evidence_outside_period",
            EvidenceTruncated { .. } => "evidence_truncated",
        }
    }

    /// The message in the requested language (without the location).
    pub fn message(&self, lang: Lang) -> String {
        // Every message is one line; what an input puts in it stays there.
        let raw = cut_quoted(self.message_raw(lang), lang);
        let fixed = match crate::lang::one_line(&raw) {
            std::borrow::Cow::Owned(s) => Some(s),
            std::borrow::Cow::Borrowed(_) => None,
        };
        fixed.unwrap_or(raw)
    }

    fn message_raw(&self, lang: Lang) -> String {
        use DiagKind::*;
        let n = |v: &f64| fmt_plain(*v, lang);
        // A count input's label in English messages: its `label_en`, else the Indonesian.
        let en_label = |input: &str, en: &Option<String>| -> String {
            en.as_deref().unwrap_or(input).to_string()
        };
        match (&self.kind, lang) {
            (Unanswered, Lang::Id) => "belum dijawab".into(),
            (Unanswered, Lang::En) => "not answered".into(),
            (InvalidChoice { answer, allowed }, Lang::Id) => format!(
                "jawaban \"{}\"{} bukan salah satu pilihan ({}); item dihitung belum dijawab",
                visible(answer),
                unusual_chars(answer, allowed, "memuat karakter"),
                allowed.join("/")
            ),
            (InvalidChoice { answer, allowed }, Lang::En) => format!(
                "answer \"{}\"{} is not one of the options ({}); the item counts as unanswered",
                visible(answer),
                unusual_chars(answer, allowed, "holds the characters"),
                allowed.join("/")
            ),
            (IndexOutOfRange { value, max }, Lang::Id) => format!(
                "indeks survei {} di luar rentang 0–{}; item dihitung belum dijawab",
                n(value),
                n(max)
            ),
            (IndexOutOfRange { value, max }, Lang::En) => format!(
                "survey index {} outside 0–{}; the item counts as unanswered",
                n(value),
                n(max)
            ),
            (NotANumber { answer }, Lang::Id) => {
                format!("\"{answer}\" bukan angka; item dihitung belum dijawab")
            }
            (NotANumber { answer }, Lang::En) => {
                format!("\"{answer}\" is not a number; the item counts as unanswered")
            }
            (CountNotWhole { input, value, .. }, Lang::Id) => format!(
                "\"{input}\" = {} bukan bilangan bulat; item dihitung belum dijawab",
                crate::lang::fmt_not_whole(*value, lang)
            ),
            (CountNotWhole { input, input_en, value }, Lang::En) => format!(
                "\"{}\" = {} is not a whole number; the item counts as unanswered",
                en_label(input, input_en),
                n(value)
            ),
            (CountNegative { input, value, .. }, Lang::Id) => format!(
                "\"{input}\" = {} negatif; item dihitung belum dijawab",
                n(value)
            ),
            (CountNegative { input, input_en, value }, Lang::En) => format!(
                "\"{}\" = {} is negative; the item counts as unanswered",
                en_label(input, input_en),
                n(value)
            ),
            (InputMissing { input, .. }, Lang::Id) => {
                format!("\"{input}\" belum diisi; item dihitung belum dijawab")
            }
            (InputMissing { input, input_en }, Lang::En) => format!(
                "\"{}\" is not filled in; the item counts as unanswered",
                en_label(input, input_en)
            ),
            (InconsistentCounts { done, required }, Lang::Id) => format!(
                "jumlah tidak konsisten: {} terealisasi dari {} yang wajib; item dihitung belum dijawab",
                n(done),
                n(required)
            ),
            (InconsistentCounts { done, required }, Lang::En) => format!(
                "inconsistent counts: {} done of {} required; the item counts as unanswered",
                n(done),
                n(required)
            ),
            (RatioCapped { done, required }, Lang::Id) => format!(
                "realisasi {} melebihi {} yang wajib; dibatasi 100%",
                n(done),
                n(required)
            ),
            (RatioCapped { done, required }, Lang::En) => format!(
                "{} done exceeds {} required; capped at 100%",
                n(done),
                n(required)
            ),
            (ReductionFromZero { current }, Lang::Id) => format!(
                "tahun sebelumnya 0 pelanggaran, tahun ini {}: penurunan dihitung 0 (LKE menampilkan #DIV/0!)",
                n(current)
            ),
            (ReductionFromZero { current }, Lang::En) => format!(
                "previous year 0 violations, this year {}: reduction scored 0 (the LKE shows #DIV/0!)",
                n(current)
            ),
            (SumMismatch { input, typed, sum, .. }, Lang::Id) => format!(
                "\"{input}\" diketik {} tetapi jumlah rinciannya {}; dipakai {}",
                n(typed),
                n(sum),
                n(sum)
            ),
            (SumMismatch { input, input_en, typed, sum }, Lang::En) => format!(
                "\"{}\" typed as {} but its parts add up to {}; using {}",
                en_label(input, input_en),
                n(typed),
                n(sum),
                n(sum)
            ),
            (ErrorValue { value }, Lang::Id) => {
                format!("sel berisi galat {value}; item dihitung belum dijawab")
            }
            (ErrorValue { value }, Lang::En) => {
                format!("cell holds the error {value}; the item counts as unanswered")
            }
            (DateValue { value }, Lang::Id) => {
                format!("sel berisi tanggal ({value}), bukan jawaban; item dihitung belum dijawab")
            }
            (DateValue { value }, Lang::En) => {
                format!("cell holds a date ({value}), not an answer; the item counts as unanswered")
            }
            (FormulaWithoutValue { formula }, Lang::Id) => format!(
                "rumus ={formula} tanpa nilai tersimpan (buka dan simpan ulang di Excel/LibreOffice); item dihitung belum dijawab"
            ),
            (FormulaWithoutValue { formula }, Lang::En) => format!(
                "formula ={formula} has no cached value (open and save it in Excel/LibreOffice); the item counts as unanswered"
            ),
            (
                ItemNotFound {
                    text,
                    sub_area,
                    soal_id,
                },
                Lang::Id,
            ) => {
                let soal = soal_id.map(|s| format!(", soal_id {s}")).unwrap_or_default();
                format!(
                    "item tidak ditemukan di lembar kerja: \"{}\" (sub-area {sub_area}{soal}); dihitung belum dijawab. Kembalikan baris item ini di bawah sub-area tersebut, dengan teksnya, lalu isi jawabannya",
                    shorten(text)
                )
            }
            (
                ItemNotFound {
                    text,
                    sub_area,
                    soal_id,
                },
                Lang::En,
            ) => {
                let soal = soal_id.map(|s| format!(", soal_id {s}")).unwrap_or_default();
                format!(
                    "item not found in the workbook: \"{}\" (sub-area {sub_area}{soal}); it counts as unanswered. Restore this item's row under that sub-area, with its text, and fill in its answer",
                    shorten(text)
                )
            }
            (
                SoalNotInDocument {
                    text,
                    sub_area,
                    soal_id,
                },
                Lang::Id,
            ) => {
                let soal = soal_id.map(|s| format!(", soal_id {s}")).unwrap_or_default();
                format!(
                    "item tidak ada dalam dokumen jawaban: \"{}\" (sub-area {sub_area}{soal}); dihitung belum dijawab. Tambahkan jawaban soal ini ke dokumen",
                    shorten(text)
                )
            }
            (
                SoalNotInDocument {
                    text,
                    sub_area,
                    soal_id,
                },
                Lang::En,
            ) => {
                let soal = soal_id.map(|s| format!(", soal_id {s}")).unwrap_or_default();
                format!(
                    "item not in the answer document: \"{}\" (sub-area {sub_area}{soal}); it counts as unanswered. Add this soal's answer to the document",
                    shorten(text)
                )
            }
            (InputNotFound { input }, Lang::Id) => {
                format!("baris \"{input}\" tidak ditemukan di lembar kerja")
            }
            (InputNotFound { input }, Lang::En) => {
                format!("row \"{input}\" not found in the workbook")
            }
            (AnswerTypeDiffers { workbook, criteria }, Lang::Id) => format!(
                "Pilihan Jawaban \"{workbook}\" di lembar kerja berbeda dari kriteria \"{criteria}\"; rumus LKE sendiri mengabaikan item ini, zona menilainya menurut kriteria"
            ),
            (AnswerTypeDiffers { workbook, criteria }, Lang::En) => format!(
                "Pilihan Jawaban \"{workbook}\" in the workbook differs from the criteria's \"{criteria}\"; the workbook's own formula ignores this item, zona scores it by the criteria"
            ),
            (MergedAnswer { range, hidden: None }, Lang::Id) => format!(
                "sel jawaban berada dalam sel gabungan {range}: hanya sel kiri-atas yang menyimpan nilai; pisahkan gabungan dan isi tiap item"
            ),
            (MergedAnswer { range, hidden: None }, Lang::En) => format!(
                "the answer cell is inside the merged range {range}: only its top-left cell holds a value; unmerge it and answer each item"
            ),
            (MergedAnswer { range, hidden: Some(v) }, Lang::Id) => format!(
                "sel jawaban tertutup sel gabungan {range}: isinya \"{v}\" tidak terlihat di Excel maupun oleh evaluator dan tidak dinilai; pisahkan gabungan agar jawaban terlihat"
            ),
            (MergedAnswer { range, hidden: Some(v) }, Lang::En) => format!(
                "the answer cell is covered by the merged range {range}: its value \"{v}\" shows neither in Excel nor to an evaluator and is not scored; unmerge it so the answer shows"
            ),
            (ReadForgivingly { text, read_as, number }, Lang::Id) => match number {
                Some(v) => format!(
                    "\"{text}\" (teks) dibaca sebagai angka {}, tetapi rumus LKE sendiri (dan templat zona) menghitungnya tidak sah; ketik {} sebagai angka, bukan teks, agar lembar kerja menghitungnya",
                    n(v),
                    n(v)
                ),
                None => format!(
                    "\"{text}\" dibaca sebagai \"{read_as}\", tetapi rumus LKE sendiri (dan templat zona) menghitungnya tidak sah; ketik \"{read_as}\" saja agar lembar kerja menghitungnya"
                ),
            },
            (ReadForgivingly { text, read_as, number }, Lang::En) => match number {
                Some(v) => format!(
                    "\"{text}\" (text) read as the number {}, but the workbook's own formulas (and zona's template) count it as invalid; type {} as a number, not text, so that the workbook counts it",
                    n(v),
                    n(v)
                ),
                None => format!(
                    "\"{text}\" read as \"{read_as}\", but the workbook's own formulas (and zona's template) count it as invalid; type just \"{read_as}\" so that the workbook counts it"
                ),
            },
            (AmbiguousNumber { input, text, .. }, Lang::Id) => format!(
                "\"{input}\" = \"{text}\" dapat dibaca dua cara (tanda desimal atau pemisah ribuan); ketik angka bulat tanpa pemisah; item dihitung belum dijawab"
            ),
            (AmbiguousNumber { input, input_en, text }, Lang::En) => format!(
                "\"{}\" = \"{text}\" can be read two ways (decimal mark or thousands separator); type a whole number without separators; the item counts as unanswered",
                en_label(input, input_en)
            ),
            (HiddenSheetRead { sheet }, Lang::Id) => format!(
                "dibaca lembar tersembunyi `{sheet}`: tidak ada lembar terlihat yang berformat LKE; periksa bahwa inilah lembar yang dinilai"
            ),
            (HiddenSheetRead { sheet }, Lang::En) => format!(
                "read the hidden sheet `{sheet}`: no visible sheet has the LKE layout; check that this is the sheet to score"
            ),
            (NumberShownOtherwise { percent: true, value }, Lang::Id) => format!(
                "sel berformat persen: tampil {}% tetapi isinya {}, dan itu yang dinilai; ketik nilai yang dimaksud dengan format angka biasa",
                n(&(value * 100.0)),
                n(value)
            ),
            (NumberShownOtherwise { percent: true, value }, Lang::En) => format!(
                "the cell is formatted as a percentage: it shows {}% but holds {}, which is what is scored; type the value meant with a plain number format",
                n(&(value * 100.0)),
                n(value)
            ),
            (NumberShownOtherwise { percent: false, value }, Lang::Id) => format!(
                "format sel tidak menampilkan angkanya (yang tampil bukan isinya); isinya {} dan itu yang dinilai; hapus format khusus sel ini",
                n(value)
            ),
            (NumberShownOtherwise { percent: false, value }, Lang::En) => format!(
                "the cell's format does not show its number (what shows is not what it holds); it holds {}, which is what is scored; clear the cell's custom format",
                n(value)
            ),
            (FarCellsIgnored { cells, count }, Lang::Id) => format!(
                "{count} sel jauh di luar tabel LKE diabaikan ({}{}); isinya tidak dinilai; hapus isi sel itu bila tidak sengaja diketik",
                cells.join(", "),
                if *count > cells.len() { ", …" } else { "" }
            ),
            (FarCellsIgnored { cells, count }, Lang::En) => format!(
                "{count} cell(s) far outside the LKE table ignored ({}{}); their content is not scored; clear them if typed by mistake",
                cells.join(", "),
                if *count > cells.len() { ", …" } else { "" }
            ),
            (OtherLkeSheet { read, other, hidden }, Lang::Id) => format!(
                "lembar `{other}`{} juga berformat LKE dan tidak dibaca; yang dibaca lembar `{read}` (lembar terlihat didahulukan, lalu nama berisi LKE, lalu urutan lembar); hapus lembar yang tidak dipakai atau nilai salinan yang hanya berisi satu LKE",
                if *hidden { " (tersembunyi)" } else { "" }
            ),
            (OtherLkeSheet { read, other, hidden }, Lang::En) => format!(
                "sheet `{other}`{} also has the LKE layout and was not read; read sheet `{read}` (visible sheets first, then names holding LKE, then sheet order); delete the sheet not in use or score a copy holding one LKE",
                if *hidden { " (hidden)" } else { "" }
            ),
            (DuplicateSoal { soal_id, first, other }, Lang::Id) => format!(
                "soal_id {soal_id} muncul lebih dari sekali dengan jawaban berbeda (\"{first}\", \"{other}\"); yang dihitung yang pertama (\"{first}\")"
            ),
            (DuplicateSoal { soal_id, first, other }, Lang::En) => format!(
                "soal_id {soal_id} appears more than once with different answers (\"{first}\", \"{other}\"); the first counts (\"{first}\")"
            ),
            (UnknownJsonKey { key, count, known }, Lang::Id) => format!(
                "kunci \"{key}\" tidak dikenal dan diabaikan{}; kunci yang dibaca: {known}",
                if *count > 1 { format!(" (di {count} jawaban)") } else { String::new() }
            ),
            (UnknownJsonKey { key, count, known }, Lang::En) => format!(
                "key \"{key}\" is not known and was ignored{}; the keys read: {known}",
                if *count > 1 { format!(" (in {count} answers)") } else { String::new() }
            ),
            (NoteFormulaWithoutValue { formula }, Lang::Id) => format!(
                "catatan berisi rumus ={formula} tanpa nilai tersimpan (buka dan simpan ulang di Excel/LibreOffice); catatan dianggap kosong"
            ),
            (NoteFormulaWithoutValue { formula }, Lang::En) => format!(
                "the note holds the formula ={formula} without a cached value (open and save it in Excel/LibreOffice); the note is taken as empty"
            ),
            (
                SoalRowMoved {
                    soal_id,
                    template_row,
                    row,
                },
                Lang::Id,
            ) => format!(
                "baris lembar bergeser dari templat PortalRB (soal_id {soal_id} ada di baris {row}, templat: baris {template_row}); setiap soal dibaca dari baris yang memuat soal_id-nya di kolom A"
            ),
            (
                SoalRowMoved {
                    soal_id,
                    template_row,
                    row,
                },
                Lang::En,
            ) => format!(
                "the sheet's rows have moved from the PortalRB template (soal_id {soal_id} is on row {row}, template: row {template_row}); each soal is read from the row that holds its soal_id in column A"
            ),
            (SoalIdsUnclear, Lang::Id) => "kolom A tidak memuat soal_id yang urut; jawaban dibaca dari baris templat PortalRB: periksa bahwa tidak ada baris yang disisipkan atau dihapus".to_string(),
            (SoalIdsUnclear, Lang::En) => "column A does not hold the soal_ids in order; answers are read from the PortalRB template's rows: check that no row was inserted or removed".to_string(),
            (
                FormulaStale {
                    formula,
                    cached,
                    target,
                    current,
                },
                Lang::Id,
            ) => format!(
                "sel berisi rumus ={formula} dengan nilai tersimpan {cached}, padahal {target} kini berisi {current}: lembar kerja diubah tanpa dihitung ulang; yang dibaca nilai tersimpan ({cached}): buka dan simpan ulang di Excel/LibreOffice"
            ),
            (
                FormulaStale {
                    formula,
                    cached,
                    target,
                    current,
                },
                Lang::En,
            ) => format!(
                "the cell holds the formula ={formula} with the cached value {cached}, but {target} now holds {current}: the workbook was changed without being recalculated; the cached value ({cached}) is read: open and save it in Excel/LibreOffice"
            ),
            (UnknownSoal { soal_id }, Lang::Id) => format!(
                "soal_id {soal_id} tidak ada dalam kriteria; jawabannya tidak dibaca (salah ketik soal_id?)"
            ),
            (UnknownSoal { soal_id }, Lang::En) => format!(
                "soal_id {soal_id} is not in the criteria; its answer is not read (a mistyped soal_id?)"
            ),
            (AnswerInHiddenRow, Lang::Id) => "jawaban dibaca dari baris yang disembunyikan; evaluator tidak melihat baris ini".to_string(),
            (AnswerInHiddenRow, Lang::En) => "the answer is read from a hidden row; an evaluator does not see this row".to_string(),
            (AnswerInHiddenColumn, Lang::Id) => "jawaban dibaca dari kolom yang disembunyikan; evaluator tidak melihat kolom ini".to_string(),
            (AnswerInHiddenColumn, Lang::En) => "the answer is read from a hidden column; an evaluator does not see this column".to_string(),
            (DuplicateItemRow { other, answer }, Lang::Id) => format!(
                "baris lain juga memuat teks item ini (jawabannya di {other}: {answer}); jawaban itu tidak dibaca: hapus baris yang tidak berlaku"
            ),
            (DuplicateItemRow { other, answer }, Lang::En) => format!(
                "another row holds this item's text too (its answer at {other}: {answer}); that answer is not read: delete the row that does not apply"
            ),
            (OtherAnswerColumn { read, other, hidden }, Lang::Id) => format!(
                "lembar memiliki lebih dari satu kolom Jawaban unit: kolom {read} dibaca, kolom {other}{} tidak",
                if *hidden { " (tersembunyi)" } else { "" }
            ),
            (OtherAnswerColumn { read, other, hidden }, Lang::En) => format!(
                "the sheet has more than one unit Jawaban column: column {read} is read, column {other}{} is not",
                if *hidden { " (hidden)" } else { "" }
            ),
            (TooManyRows { rows }, Lang::Id) => format!(
                "lembar memuat {rows} baris teks, jauh lebih banyak daripada sebuah LKE; hanya baris yang teksnya sama persis dengan teks kriteria yang dicocokkan (pencocokan teks yang mirip dihentikan); periksa bahwa inilah lembar yang dinilai"
            ),
            (TooManyRows { rows }, Lang::En) => format!(
                "the sheet holds {rows} text rows, far more than an LKE; only rows whose text equals a criteria text were matched (matching similar texts was stopped); check that this is the sheet to score"
            ),
            (YearInvalid { value }, Lang::Id) => {
                format!("tahun \"{value}\" bukan tahun yang sah; tahun tidak dipakai")
            }
            (YearInvalid { value }, Lang::En) => {
                format!("the year \"{value}\" is not a valid year; it is not used")
            }
            (
                EvidenceMissing {
                    answer,
                    points_at_risk,
                },
                Lang::Id,
            ) => format!(
                "dijawab \"{answer}\" tanpa data dukung; tanpa bukti evaluator tidak dapat mengakui jawaban ini{}",
                at_risk(points_at_risk, lang)
            ),
            (
                EvidenceMissing {
                    answer,
                    points_at_risk,
                },
                Lang::En,
            ) => format!(
                "answered \"{answer}\" with no evidence; without it an evaluator cannot accept the answer{}",
                at_risk(points_at_risk, lang)
            ),
            (
                EvidenceUnsupported {
                    answer,
                    points_at_risk,
                },
                Lang::Id,
            ) => format!(
                "dijawab \"{answer}\", tetapi tidak ada data dukung yang dapat dibuka evaluator (hanya uraian, tautan rusak atau berkas tidak ada){}",
                at_risk(points_at_risk, lang)
            ),
            (
                EvidenceUnsupported {
                    answer,
                    points_at_risk,
                },
                Lang::En,
            ) => format!(
                "answered \"{answer}\", but no evidence entry is one an evaluator can open (descriptions only, broken links or missing files){}",
                at_risk(points_at_risk, lang)
            ),
            (EvidenceBadLink { text, problem }, Lang::Id) => format!(
                "\"{}\" bukan tautan http(s) yang sah ({}); tidak dijadikan tautan",
                shorten(text),
                link_problem(problem, lang)
            ),
            (EvidenceBadLink { text, problem }, Lang::En) => format!(
                "\"{}\" is not a valid http(s) link ({}); it is not made clickable",
                shorten(text),
                link_problem(problem, lang)
            ),
            (EvidenceFileMissing { path }, Lang::Id) => format!(
                "berkas \"{}\" tidak ditemukan di folder buku kerja maupun folder bukti (--evidence-dir)",
                shorten(path)
            ),
            (EvidenceFileMissing { path }, Lang::En) => format!(
                "file \"{}\" not found in the workbook's folder or the evidence folder (--evidence-dir)",
                shorten(path)
            ),
            (EvidenceFileNotChecked { path }, Lang::Id) => format!(
                "berkas \"{}\" tidak dapat diperiksa (folder bukti tidak diketahui); tidak diakui sebagai bukti",
                shorten(path)
            ),
            (EvidenceFileNotChecked { path }, Lang::En) => format!(
                "file \"{}\" could not be looked for (no evidence folder known); not counted as evidence",
                shorten(path)
            ),
            (EvidenceNetworkPath { path }, Lang::Id) => format!(
                "\"{}\" adalah jalur jaringan yang tidak dapat dibuka evaluator; unggah berkasnya dan tulis tautan http(s)",
                shorten(path)
            ),
            (EvidenceNetworkPath { path }, Lang::En) => format!(
                "\"{}\" is a network path an evaluator cannot open; upload the file and give an http(s) link",
                shorten(path)
            ),
            (EvidenceReused { text, first_item }, Lang::Id) => format!(
                "\"{}\" juga dipakai sebagai bukti item {first_item} di sub-area lain",
                shorten(text)
            ),
            (EvidenceReused { text, first_item }, Lang::En) => format!(
                "\"{}\" is also the evidence of item {first_item} in another sub-area",
                shorten(text)
            ),
            (EvidenceTruncated { kept, left_out }, Lang::Id) => format!(
                "sel data dukung memuat lebih dari {kept} entri; hanya {kept} yang pertama dibaca, {left_out} lainnya diabaikan"
            ),
            (EvidenceTruncated { kept, left_out }, Lang::En) => format!(
                "the data dukung cell holds more than {kept} entries; only the first {kept} are read, {left_out} more are left out"
            ),
            (EvidenceDocumentNotMentioned { document, .. }, Lang::Id) => {
                format!("dokumen yang diharapkan \"{document}\" tidak disebut di data dukung")
            }
            (
                EvidenceDocumentNotMentioned {
                    document,
                    document_en: Some(en),
                },
                Lang::En,
            ) if en != document => format!(
                "the expected document \"{en}\" (in Indonesian \"{document}\") is not mentioned in the evidence"
            ),
            (EvidenceDocumentNotMentioned { document, .. }, Lang::En) => {
                format!("the expected document \"{document}\" is not mentioned in the evidence")
            }
            (
                EvidenceOutsidePeriod {
                    text,
                    year,
                    period,
                    assessed,
                },
                Lang::Id,
            ) => format!(
                "\"{}\" menyebut tahun {year}, di luar periode bukti ({}) untuk penilaian tahun {assessed}",
                shorten(text),
                period_words(period, lang)
            ),
            (
                EvidenceOutsidePeriod {
                    text,
                    year,
                    period,
                    assessed,
                },
                Lang::En,
            ) => format!(
                "\"{}\" names the year {year}, outside the evidence period ({}) for the {assessed} assessment",
                shorten(text),
                period_words(period, lang)
            ),
            (WeightDiffers { workbook, criteria }, Lang::Id) => format!(
                "bobot di lembar kerja {} berbeda dari kriteria {}; dipakai bobot kriteria",
                n(workbook),
                n(criteria)
            ),
            (WeightDiffers { workbook, criteria }, Lang::En) => format!(
                "the workbook's weight {} differs from the criteria's {}; using the criteria's",
                n(workbook),
                n(criteria)
            ),
        }
    }

    /// True for problems that make the item count as unanswered because of bad input.
    pub fn is_invalid_input(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// " (0,42 poin berisiko)", or nothing when no evidence-backed score was computed.
fn at_risk(points: &Option<f64>, lang: Lang) -> String {
    match (points, lang) {
        (Some(p), Lang::Id) => format!(" ({} poin berisiko)", fmt_plain(*p, lang)),
        (Some(p), Lang::En) => format!(" ({} points at risk)", fmt_plain(*p, lang)),
        (None, _) => String::new(),
    }
}

fn link_problem(code: &str, lang: Lang) -> String {
    match (code.strip_prefix("scheme:"), code, lang) {
        (Some(s), _, Lang::Id) => format!("skema {s}:"),
        (Some(s), _, Lang::En) => format!("{s}: scheme"),
        (None, "no_scheme", Lang::Id) => "tanpa http:// atau https://".into(),
        (None, "no_scheme", Lang::En) => "no http:// or https://".into(),
        (None, _, Lang::Id) => "alamat tidak sah".into(),
        (None, _, Lang::En) => "not a valid address".into(),
    }
}

fn period_words(code: &str, lang: Lang) -> &'static str {
    match (code, lang) {
        ("current-year", Lang::Id) => "tahun berjalan",
        ("current-year", Lang::En) => "the year assessed",
        ("previous-year", Lang::Id) => "tahun sebelumnya",
        ("previous-year", Lang::En) => "the previous year",
        (_, Lang::Id) => "masih berlaku, paling lambat tahun penilaian",
        (_, Lang::En) => "in force, at the latest the year assessed",
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 90;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let s: String = text.chars().take(MAX).collect();
        format!("{s}…")
    }
}

/// Characters that show as nothing (zero-width spaces and joiners, the byte order mark, the soft
/// hyphen, direction marks, variation selectors, tag characters).
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
}

/// `s` with each invisible character written as `<U+200B>`, so that a quoted answer shows what
/// the cell holds ("Ya" and "Ya" + a zero-width space are not the same answer).
/// The longest text from an input a message quotes whole; a longer one (a 20 MB answer cell) is
/// cut to its start and its length, so that a message stays a line.
const QUOTED_MAX: usize = 200;

/// `msg` with every quoted text (`"…"`) longer than [`QUOTED_MAX`] characters cut.
fn cut_quoted(msg: String, lang: Lang) -> String {
    if msg.len() <= QUOTED_MAX {
        return msg;
    }
    let parts: Vec<&str> = msg.split('"').collect();
    // Quoted texts are the odd parts (a text holding a quote only shifts which part is cut).
    if !parts
        .iter()
        .skip(1)
        .step_by(2)
        .any(|p| p.chars().count() > QUOTED_MAX)
    {
        return msg;
    }
    let mut out = String::with_capacity(QUOTED_MAX * 4);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push('"');
        }
        let n = p.chars().count();
        if i % 2 == 1 && n > QUOTED_MAX {
            out.extend(p.chars().take(QUOTED_MAX));
            out.push_str(&match lang {
                Lang::Id => format!("… ({n} karakter)"),
                Lang::En => format!("… ({n} characters)"),
            });
        } else {
            out.push_str(p);
        }
    }
    out
}

fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(invisible) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if invisible(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// ` (<words> U+0410 …)` for the characters of `s` outside ASCII when every option is ASCII: a
/// Cyrillic "А" or a full-width "Ｙ" looks like the option it is not. Empty otherwise.
fn unusual_chars(s: &str, allowed: &[String], words: &str) -> String {
    if !allowed.iter().all(|a| a.is_ascii()) {
        return String::new();
    }
    let mut codes: Vec<String> = Vec::new();
    for c in s.chars().filter(|c| !c.is_ascii()) {
        let code = format!("U+{:04X}", u32::from(c));
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.is_empty() {
        String::new()
    } else {
        format!(" ({words} {})", codes.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_answer_is_quoted_cut_and_on_one_line() {
        let huge = format!("Ya{}\nx", "a".repeat(20_000_000));
        let m = Diagnostic::new(
            Severity::Error,
            DiagKind::InvalidChoice {
                answer: huge,
                allowed: vec!["Ya".to_string(), "Tidak".to_string()],
            },
        )
        .message(Lang::Id);
        assert!(m.len() < 400, "{}", m.len());
        assert!(
            m.starts_with(&format!(
                "jawaban \"Ya{}… (20000004 karakter)\" bukan",
                "a".repeat(198)
            )),
            "{m}"
        );
        assert!(m.ends_with("; item dihitung belum dijawab"), "{m}");
    }

    #[test]
    fn an_invalid_choice_shows_characters_that_look_like_nothing_or_like_an_option() {
        let said = |answer: &str, lang| {
            Diagnostic::new(
                Severity::Error,
                DiagKind::InvalidChoice {
                    answer: answer.to_string(),
                    allowed: vec!["Ya".to_string(), "Tidak".to_string()],
                },
            )
            .message(lang)
        };
        // "Ya" and a zero-width space: was `jawaban "Ya" bukan salah satu pilihan (Ya/Tidak)`.
        assert_eq!(
            said("Ya\u{200B}", Lang::Id),
            "jawaban \"Ya<U+200B>\" (memuat karakter U+200B) bukan salah satu pilihan (Ya/Tidak); item dihitung belum dijawab"
        );
        // A Cyrillic "а".
        assert_eq!(
            said("Y\u{0430}", Lang::En),
            "answer \"Yа\" (holds the characters U+0430) is not one of the options (Ya/Tidak); the item counts as unanswered"
        );
        assert_eq!(
            said("Iya", Lang::Id),
            "jawaban \"Iya\" bukan salah satu pilihan (Ya/Tidak); item dihitung belum dijawab"
        );
    }

    /// A count input is named by its English label in English messages (its Indonesian label
    /// without one) and by its Indonesian label in Indonesian ones.
    #[test]
    fn count_messages_name_the_input_in_the_message_language() {
        let missing = |en: Option<&str>| {
            Diagnostic::new(
                Severity::Info,
                DiagKind::InputMissing {
                    input: "Jumlah Agen Perubahan".into(),
                    input_en: en.map(str::to_string),
                },
            )
        };
        let d = missing(Some("Number of Change Agents"));
        assert_eq!(
            d.message(Lang::En),
            "\"Number of Change Agents\" is not filled in; the item counts as unanswered"
        );
        assert_eq!(
            d.message(Lang::Id),
            "\"Jumlah Agen Perubahan\" belum diisi; item dihitung belum dijawab"
        );
        assert!(missing(None)
            .message(Lang::En)
            .starts_with("\"Jumlah Agen Perubahan\" is not filled in"));
        let sum = Diagnostic::new(
            Severity::Warning,
            DiagKind::SumMismatch {
                input: "Jumlah yang harus melaporkan".into(),
                input_en: Some("Number who must report".into()),
                typed: 7.0,
                sum: 6.0,
            },
        );
        assert_eq!(
            sum.message(Lang::En),
            "\"Number who must report\" typed as 7 but its parts add up to 6; using 6"
        );
    }
}
