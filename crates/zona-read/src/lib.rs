//! zona-read: every input zona reads, as answers for the scoring core.
//!
//! [`Source::open`] opens an evidence source and detects its layout: a workbook (xlsx, xlsm, xls,
//! ods) in the official LKE layout (and zona's own template) or the PortalRB `Jawaban` layout, or
//! a PortalRB JSON answer document. A [`Reader`] (one per criteria set, reused across sources)
//! then reads every answer layer (unit, TPI, TPN) as an [`AnswerSet`] of raw cells with their
//! locations, plus the unit facts the source states ([`unit`](mod@unit)). It never interprets
//! answers; that is the core's job. Hostile files are refused before the spreadsheet library
//! sizes anything from them ([`guard`]).
//!
//! ```text
//! file ──Source::open──▶ Source (layout, sheet, unit facts) ──Reader::read_layers──▶ LayeredAnswers
//! ```

mod book;
mod cells;
pub mod evidence_files;
pub mod guard;
mod ods_hidden;
pub mod official;
pub mod portalrb;
pub mod similarity;
pub mod unit;
mod xls_guard;
pub mod xlsx;
mod zona_output;

use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Range};
use zona_core::{AnswerSet, Criteria, Lang, LayeredAnswers};

pub use cells::{cell_name, col_name};
pub use zona_output::zona_output_kind;

/// Why a workbook could not be read at all. Problems with single items are diagnostics in the
/// [`AnswerSet`] instead.
///
/// Where another library reported the problem (the file system, the zip reader, the spreadsheet
/// reader, the JSON parser), its error is kept as the [`source`](std::error::Error::source); the
/// message repeats its text. A panic caught inside the spreadsheet library, and what the
/// [`guard`]s find themselves, have no such error: their `message` says what happened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    #[error("{file}: cannot open as a spreadsheet: {source}")]
    Open {
        file: String,
        #[source]
        source: Cause,
    },
    #[error("{file}: no LKE sheet found (a sheet with a header row holding `Bobot` and `Jawaban`); sheets: {}", sheets.join(", "))]
    NoLkeSheet { file: String, sheets: Vec<String> },
    #[error("{file}:{line}:{column}: not a PortalRB answer document: {source}")]
    Json {
        file: String,
        line: usize,
        column: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("{file}: the file is empty")]
    Empty { file: String },
    /// A FIFO, a device or a socket: zona reads regular files only.
    #[error("{file}: not a regular file ({}); give a workbook or JSON file", match *kind { "fifo" => "a named pipe", "device" => "a device", "socket" => "a socket", _ => "not a file" })]
    NotAFile { file: String, kind: &'static str },
    #[error("{file}: the file is damaged: {message}")]
    Corrupt { file: String, message: String },
    #[error("{file}: the workbook is password-protected (encrypted); save an unprotected copy and score that")]
    Encrypted { file: String },
    /// The content is another format than the name says (an `.xls` renamed `.xlsx`): read the
    /// way the name says, it gave a wrong reason ("encrypted", "Invalid OLE signature").
    #[error("{file}: the file is a .{content} workbook named .{named}; rename it to end in .{content} and score it again")]
    Misnamed {
        file: String,
        /// What the content is: `xls`, `xlsx`, `ods`.
        content: &'static str,
        /// The extension it has.
        named: String,
    },
    #[error("{file}: {what} too large ({size} {}, limit {limit})", if *what == "repeated cells" { "cells" } else { "bytes" })]
    TooLarge {
        file: String,
        what: &'static str,
        size: u64,
        limit: u64,
    },
    /// What the spreadsheet library would allocate for a part of the file, estimated before it
    /// opens it, is beyond [`guard::MEMORY_BUDGET`].
    #[error("{file}: {part} would need about {} MB of memory to read (limit {} MB); an LKE needs a few MB", estimate / MB, limit / MB)]
    OverBudget {
        file: String,
        part: String,
        estimate: u64,
        limit: u64,
    },
    #[error("{file}: sheet `{sheet}` is too large to be an LKE: {detail}")]
    SheetTooLarge {
        file: String,
        sheet: String,
        detail: String,
    },
    #[error("{file}: sheet `{sheet}` cannot be read: {source}")]
    Sheet {
        file: String,
        sheet: String,
        #[source]
        source: Cause,
    },
}

/// The error another library reported, kept as the source of a [`ReadError`]. Its message is that
/// library's own.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Cause {
    /// The file system (a missing file, no permission, a directory).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The zip container of an xlsx/xlsm/ods, read before the spreadsheet library opens it.
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    /// The spreadsheet library (any format).
    #[error(transparent)]
    Spreadsheet(#[from] calamine::Error),
    /// The spreadsheet library's xlsx reader, streaming a sheet's cells.
    #[error(transparent)]
    Xlsx(#[from] calamine::XlsxError),
}

impl Cause {
    /// What went wrong in the user's language, with the library's own words in parentheses:
    /// `berkas tidak ditemukan (No such file or directory)`.
    pub fn explain(&self, lang: Lang) -> String {
        match self {
            Cause::Io(e) => io_error_text(e, lang),
            other => {
                let detail = other.to_string();
                let lower = detail.to_lowercase();
                let (id, en) = if lower.contains("cannot detect file format") {
                    (
                        "jenis berkas tidak dikenali: bukan xlsx, xlsm, xls atau ods",
                        "not a file type zona reads: not xlsx, xlsm, xls or ods",
                    )
                } else if lower.contains("zip") {
                    (
                        "wadah zip berkas rusak atau terpotong",
                        "the file's zip container is damaged or cut short",
                    )
                } else if lower.contains("utf-8") || lower.contains("utf8") {
                    (
                        "berkas memuat teks yang bukan UTF-8",
                        "the file holds text that is not UTF-8",
                    )
                } else if lower.contains("xml") {
                    (
                        "XML di dalam berkas rusak",
                        "the XML inside the file is damaged",
                    )
                } else if lower.contains("cfb") || lower.contains("ole") || lower.contains("sector")
                {
                    (
                        "berkas .xls (compound file) rusak",
                        "the .xls (compound file) is damaged",
                    )
                } else if lower.contains("worksheet") || lower.contains("sheet") {
                    (
                        "lembar tidak dapat dibaca oleh pustaka lembar kerja",
                        "the spreadsheet library cannot read the sheet",
                    )
                } else {
                    (
                        "pustaka lembar kerja menolak berkas ini",
                        "the spreadsheet library refused the file",
                    )
                };
                format!("{} ({detail})", lang.pick(id, en))
            }
        }
    }
}

/// An operating-system error in the user's language, with the system's own words (without the
/// `(os error N)` number) in parentheses: `berkas tidak ditemukan (No such file or directory)`.
pub fn io_error_text(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (id, en) = match e.kind() {
        K::NotFound => ("berkas tidak ditemukan", "file not found"),
        K::PermissionDenied => ("tidak ada izin membaca berkas", "permission denied"),
        K::IsADirectory => ("ini sebuah folder, bukan berkas", "a folder, not a file"),
        K::InvalidData if e.to_string().to_lowercase().contains("utf-8") => {
            ("berkas bukan teks UTF-8", "the file is not UTF-8 text")
        }
        K::InvalidData => ("isi berkas tidak sah", "the file's content is not valid"),
        K::UnexpectedEof => ("berkas terpotong", "the file is cut short"),
        K::Interrupted | K::TimedOut | K::WouldBlock => (
            "pembacaan berkas terputus",
            "reading the file was interrupted",
        ),
        K::OutOfMemory => ("memori tidak cukup", "out of memory"),
        _ => ("galat sistem berkas", "file system error"),
    };
    zona_core::lang::with_system_words(lang.pick(id, en), e)
}

// A batch moves read errors across threads.
const _: () = {
    const fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<ReadError>();
};

impl ReadError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadError::Open { file, source }, Lang::Id) => format!(
                "{file}: tidak dapat dibuka sebagai lembar kerja (xlsx/xls/ods): {}",
                source.explain(lang)
            ),
            (ReadError::Open { file, source }, Lang::En) => format!(
                "{file}: cannot open as a spreadsheet: {}",
                source.explain(lang)
            ),
            (ReadError::Sheet { file, sheet, source }, Lang::En) => format!(
                "{file}: sheet `{sheet}` cannot be read: {}",
                source.explain(lang)
            ),
            (ReadError::NoLkeSheet { file, sheets }, Lang::Id) => format!(
                "{file}: tidak ada lembar LKE (lembar dengan baris judul berisi `Bobot` dan `Jawaban`); lembar yang ada: {}",
                sheets.join(", ")
            ),
            (
                ReadError::Json {
                    file,
                    line,
                    column,
                    source,
                },
                Lang::Id,
            ) => format!(
                "{file}:{line}:{column}: bukan dokumen jawaban PortalRB: {}",
                json_reason_id(source)
            ),
            (ReadError::Empty { file }, Lang::Id) => format!("{file}: berkas kosong"),
            (ReadError::NotAFile { file, kind }, Lang::Id) => format!(
                "{file}: bukan berkas biasa ({}); berikan berkas lembar kerja atau JSON",
                match *kind {
                    "fifo" => "pipa bernama",
                    "device" => "perangkat",
                    "socket" => "soket",
                    _ => "bukan berkas",
                }
            ),
            (ReadError::Corrupt { file, message }, Lang::Id) => {
                format!("{file}: berkas rusak ({message})")
            }
            (
                ReadError::Misnamed {
                    file,
                    content,
                    named,
                },
                Lang::Id,
            ) => format!(
                "{file}: berkas ini lembar kerja .{content} yang bernama .{named}; ganti akhiran namanya menjadi .{content} lalu nilai lagi"
            ),
            (ReadError::Encrypted { file }, Lang::Id) => format!(
                "{file}: lembar kerja dilindungi kata sandi (terenkripsi); simpan salinan tanpa kata sandi lalu nilai salinan itu"
            ),
            (
                ReadError::TooLarge {
                    file,
                    what,
                    size,
                    limit,
                },
                Lang::Id,
            ) => format!(
                "{file}: {} terlalu besar ({size} {}, batas {limit})",
                match *what {
                    "file" => "berkas",
                    "repeated cells" => "sel berulang di lembar ODS",
                    _ => "isi setelah dibuka",
                },
                if *what == "repeated cells" { "sel" } else { "bita" }
            ),
            (
                ReadError::OverBudget {
                    file,
                    part,
                    estimate,
                    limit,
                },
                Lang::Id,
            ) => format!(
                "{file}: {} memerlukan sekitar {} MB memori untuk dibaca (batas {} MB); sebuah LKE hanya memerlukan beberapa MB",
                part_id(part),
                estimate / MB,
                limit / MB
            ),
            (ReadError::SheetTooLarge { file, sheet, detail }, Lang::Id) => {
                format!(
                    "{file}: lembar `{sheet}` terlalu besar untuk sebuah LKE: {}",
                    detail_id(detail)
                )
            }
            (ReadError::Sheet { file, sheet, source }, Lang::Id) => format!(
                "{file}: lembar `{sheet}` tidak dapat dibaca: {}",
                source.explain(lang)
            ),
            (e, Lang::En) => e.to_string(),
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            ReadError::Open { file, .. }
            | ReadError::Empty { file }
            | ReadError::NotAFile { file, .. }
            | ReadError::Encrypted { file }
            | ReadError::Misnamed { file, .. }
            | ReadError::Corrupt { file, .. }
            | ReadError::TooLarge { file, .. }
            | ReadError::SheetTooLarge { file, .. }
            | ReadError::OverBudget { file, .. }
            | ReadError::Json { file, .. }
            | ReadError::NoLkeSheet { file, .. }
            | ReadError::Sheet { file, .. } => file,
        }
    }
}

const MB: u64 = 1024 * 1024;

/// The name of a part of a workbook (as [`guard`] says it) in Indonesian.
fn part_id(part: &str) -> String {
    for (en, id) in [
        ("sheet ranges", "rentang sel lembar"),
        ("shared strings", "daftar teks bersama"),
        ("styles", "daftar gaya sel"),
        ("sheet list", "daftar lembar"),
        ("merged cells", "sel gabungan"),
        ("shared formulas", "rumus bersama"),
        ("zip entries", "daftar isi zip"),
        ("the workbook's parts", "bagian-bagian lembar kerja"),
        ("sheet", "lembar"),
    ] {
        if let Some(rest) = part.strip_prefix(en) {
            return format!("{id}{rest}");
        }
    }
    part.to_string()
}

/// A [`ReadError::SheetTooLarge`] detail (as [`guard`] writes it) in Indonesian.
fn detail_id(detail: &str) -> String {
    if let Some(rest) = detail.strip_prefix("more than ") {
        return format!("lebih dari {}", rest.replace("cells", "sel"));
    }
    if let Some(rest) = detail.strip_prefix("cells span ") {
        return format!("sel-selnya merentang {}", rest.replace("cells", "sel"));
    }
    if detail.starts_with("a cell beyond column XFD") {
        return "ada sel di luar kolom XFD, kolom terakhir lembar Excel".to_string();
    }
    if let Some(rest) = detail.strip_prefix("cell ") {
        if let Some((cell, tail)) = rest.split_once(" is beyond row ") {
            // The last row as guard states it ("1048576, the last row of an Excel sheet").
            let last = tail.split(',').next().unwrap_or(tail);
            return format!("sel {cell} di luar baris {last}, baris terakhir lembar Excel");
        }
    }
    detail.to_string()
}

pub use zona_core::SourceInfo;

/// How a workbook's answers are laid out.
enum WorkbookKind {
    /// The official Lampiran III layout (and zona's own template).
    Official(official::Layout),
    /// The PortalRB 2026 `Jawaban` template.
    PortalRb,
}

/// An opened evidence source with its layout detected, ready to be read against any criteria:
/// a workbook (official or PortalRB layout) or a PortalRB JSON answer document.
pub struct Source {
    file: Arc<str>,
    inner: SourceKind,
    /// Unit facts found in the workbook (unit sheet, title) or guessed from the file name.
    unit: zona_core::UnitInfo,
    /// What the reader says about the source itself (which sheet was read and which not), added
    /// to the unit layer's diagnostics.
    notes: Vec<zona_core::diag::Diagnostic>,
}

/// A sheet named like an LKE ("LKE ZI", "lke", "LKE ZI (revisi)").
fn is_lke_name(n: &str) -> bool {
    n.to_lowercase().replace(' ', "").contains("lke")
}

/// Why serde_json refused a document, in Bahasa Indonesia (its own text, in English, where it
/// is not one of the usual reasons), without the place, which the message already gives.
fn json_reason_id(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => text.as_str(),
    };
    let shape = |t: &str| {
        t.replace(
            "struct JsonDoc",
            "objek dokumen {unit_id, nama_unit, tahun, answers}",
        )
        .replace(
            "struct JsonAnswer",
            "objek jawaban {soal_id, jawaban_unit, …}",
        )
        .replace("a sequence", "daftar")
        .replace("sequence", "daftar")
        .replace("a map", "objek")
        .replace("map", "objek")
        .replace("a string", "teks")
        .replace("string", "teks")
        .replace("integer", "bilangan bulat")
        .replace("floating point", "bilangan pecahan")
        .replace("boolean", "benar/salah")
    };
    if let Some(k) = text.strip_prefix("duplicate field ") {
        format!("kunci {k} muncul dua kali dalam satu objek")
    } else if let Some(k) = text.strip_prefix("missing field ") {
        format!("kunci {k} tidak ada")
    } else if let Some(rest) = text.strip_prefix("invalid type: ") {
        match rest.split_once(", expected ") {
            Some((got, want)) => format!(
                "jenis nilai tidak sesuai: {}, seharusnya {}",
                shape(got),
                shape(want)
            ),
            None => format!("jenis nilai tidak sesuai ({rest})"),
        }
    } else if text.starts_with("EOF while parsing") {
        "dokumen terpotong: berakhir sebelum selesai".to_string()
    } else if text.starts_with("trailing characters") {
        "ada isi lain setelah dokumen berakhir".to_string()
    } else if text.starts_with("control character") {
        "karakter kendali di dalam teks (tulis sebagai \\n atau \\u00XX)".to_string()
    } else if text.starts_with("expected ")
        || text.starts_with("key must be a string")
        || text.starts_with("invalid ")
    {
        format!("bukan JSON yang sah di sini ({text})")
    } else if let Some(rest) = text.strip_prefix("soal_id ") {
        let (value, _) = rest
            .split_once(" is not a whole number")
            .unwrap_or((rest, ""));
        format!("soal_id {value} bukan bilangan bulat 0–4294967295")
    } else {
        format!("bentuk dokumen tidak sesuai ({text})")
    }
}

/// The warning for the cells left out far from a sheet's table, at the first of them.
fn far_cells_note(
    file: &Arc<str>,
    sheet: &str,
    far: &[(u32, u32)],
) -> Option<zona_core::diag::Diagnostic> {
    use zona_core::diag::{DiagKind, Diagnostic, Severity};
    let first = *far.first()?;
    let cells = far
        .iter()
        .take(5)
        .map(|&(r, c)| zona_core::a1::cell_name(r, c))
        .collect();
    Some(
        Diagnostic::new(
            Severity::Warning,
            DiagKind::FarCellsIgnored {
                cells,
                count: far.len(),
            },
        )
        .at(&zona_core::Location {
            file: Some(file.clone()),
            sheet: Some(Arc::from(sheet)),
            cell: Some(zona_core::a1::cell_name(first.0, first.1)),
        }),
    )
}

// One per file read: a box for the workbook variant would buy nothing.
#[allow(clippy::large_enum_variant)]
enum SourceKind {
    Workbook {
        sheet: String,
        kind: WorkbookKind,
        values: Range<Data>,
        formulas: Option<Range<String>>,
        /// Merged cell ranges of the sheet (xlsx only).
        merged: Vec<calamine::Dimensions>,
        /// Hidden rows and columns of the sheet (xlsx read by zona's own reader only).
        hidden: book::Hidden,
        /// Cells whose formula refers to one other cell (xlsx read by zona's own reader only).
        references: Vec<crate::xlsx::Reference>,
        /// Numbers their format shows otherwise (xlsx read by zona's own reader only).
        shown: Vec<((u32, u32), crate::xlsx::ShownAs)>,
    },
    Json(std::path::PathBuf),
}

/// What [`Source::open_with`] looks at besides the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOptions {
    /// Find merged ranges over answer cells (`merged_answer`: a value under a merge, which no
    /// one sees, is not scored; a blank answer under one is explained) also where it costs a
    /// second pass over the sheet: an xlsx that calamine reads rather than zona's own reader.
    /// A batch turns it off. zona's own reader and the xls reader always find them.
    pub explain_merged_answers: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            explain_merged_answers: true,
        }
    }
}

impl Source {
    /// Opens an evidence source and detects its layout: `.json` is a PortalRB answer document;
    /// anything else must be a workbook (xlsx, xlsm, xls, ods) with an official-layout LKE sheet
    /// or a PortalRB `Jawaban` sheet.
    pub fn open(path: &Path) -> Result<Self, ReadError> {
        Self::open_with(path, OpenOptions::default())
    }

    /// [`Source::open`] with options.
    pub fn open_with(path: &Path, options: OpenOptions) -> Result<Self, ReadError> {
        Self::open_named(path, &path.display().to_string(), options)
    }

    /// [`Source::open_with`] for a source known as `name` rather than by its path: the name its
    /// answers, diagnostics and reports carry (a server reading an upload from a temporary file
    /// names it as the user did).
    pub fn open_named(path: &Path, name: &str, options: OpenOptions) -> Result<Self, ReadError> {
        // A spreadsheet library that panics on a damaged file ends that file, not zona.
        guard::no_panic(name, || Self::open_unguarded(path, name, options))
    }

    fn open_unguarded(path: &Path, name: &str, options: OpenOptions) -> Result<Self, ReadError> {
        let file: Arc<str> = Arc::from(name);
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json {
            return Ok(Source {
                file,
                inner: SourceKind::Json(path.to_path_buf()),
                unit: unit::from_file_name(path),
                notes: Vec::new(),
            });
        }
        guard::preflight(path)?;
        // zona's own xlsx reader first; where it steps aside, calamine reads the workbook.
        if let Some(mut book) = book::Book::own(path) {
            match Self::detect(&mut book, path, &file, options) {
                Ok(source) => return Ok(source),
                Err(book::Stop::Read(e)) => return Err(e),
                Err(book::Stop::Aside) => {}
            }
        }
        let mut book = book::Book::calamine(path, &file)?;
        Self::detect(&mut book, path, &file, options).map_err(|stop| match stop {
            book::Stop::Read(e) => e,
            // calamine never steps aside.
            book::Stop::Aside => ReadError::Open {
                file: file.to_string(),
                source: Cause::Io(std::io::Error::other("workbook reader stepped aside")),
            },
        })
    }

    /// Finds the answer sheet of an opened workbook and detects its layout.
    fn detect(
        wb: &mut book::Book,
        path: &Path,
        file: &Arc<str>,
        options: OpenOptions,
    ) -> Result<Self, book::Stop> {
        use book::Stop;
        let file = file.clone();
        let names = wb.sheet_names();
        // A unit sheet that cannot be read is ignored (the facts come from elsewhere).
        let unit_sheet: Option<zona_core::UnitInfo> = match names
            .iter()
            .find(|n| unit::UNIT_SHEET_NAMES.contains(&n.trim().to_lowercase().as_str()))
        {
            Some(n) => match wb.load(&file, n) {
                Ok(l) => unit::from_unit_sheet(n, &l.values),
                Err(Stop::Aside) => return Err(Stop::Aside),
                Err(Stop::Read(_)) => None,
            },
            None => None,
        };
        // Which sheet is the LKE (docs/workbook-layout.md, "Which sheet is read"): worksheets only
        // (a chartsheet is skipped); visible sheets before hidden ones, what an evaluator sees;
        // within each, sheets named like "LKE ZI" first, then the others in workbook order.
        let mut order: Vec<(String, bool)> = wb
            .sheets()
            .into_iter()
            .filter(|s| s.worksheet)
            .map(|s| (s.name, s.hidden))
            .collect();
        order.sort_by_key(|(n, hidden)| (*hidden, !is_lke_name(n)));
        for (pos, (name, hidden)) in order.iter().enumerate() {
            let book::Loaded {
                values,
                formulas,
                hidden: hidden_cells,
                references,
                far_cells,
                shown,
            } = wb.load(&file, name)?;
            let Some(layout) = official::detect_layout(&values, &hidden_cells) else {
                continue;
            };
            // Formulas are only needed to tell a formula that was never calculated from a blank
            // answer. An xlsx gives them in the same pass; other formats parse them separately,
            // so only when some answer cell of an item row is blank.
            let formulas = match formulas {
                Some(f) => Some(f),
                None if !wb.is_xlsx() && official::has_blank_answers(&values, &layout) => {
                    wb.formulas(name)
                }
                None => None,
            };
            // Merged ranges tell an answer no one sees (a value under a merge) and explain blank
            // answers. zona's own xlsx reader has them from the same pass, calamine's xls reader
            // from opening; calamine's xlsx reader parses the sheet again, so only when asked.
            let merged = if wb.merged_are_free() || options.explain_merged_answers {
                wb.merged(name)?
            } else {
                Vec::new()
            };
            let unit = unit_sheet
                .or_else(|| unit::from_title(&values, layout.header_row))
                .unwrap_or_else(|| unit::from_file_name(path));
            // Say which sheet was read when the choice was not obvious: the sheet is hidden, or
            // another sheet named like an LKE also has the LKE layout (a "final" or "revisi"
            // copy). Those others are loaded only to be named; a damaged one is not named.
            let mut notes: Vec<_> = far_cells_note(&file, name, &far_cells)
                .into_iter()
                .collect();

            if *hidden {
                notes.push(
                    zona_core::diag::Diagnostic::new(
                        zona_core::diag::Severity::Warning,
                        zona_core::diag::DiagKind::HiddenSheetRead {
                            sheet: name.clone(),
                        },
                    )
                    .at(&zona_core::Location {
                        file: Some(file.clone()),
                        sheet: Some(Arc::from(name.as_str())),
                        cell: None,
                    }),
                );
            }
            for (other, other_hidden) in order.iter().skip(pos + 1) {
                if !is_lke_name(other) {
                    continue;
                }
                let has_layout = match wb.load(&file, other) {
                    Ok(l) => official::detect_layout(&l.values, &l.hidden).is_some(),
                    Err(Stop::Aside) => return Err(Stop::Aside),
                    Err(Stop::Read(_)) => false,
                };
                if has_layout {
                    notes.push(
                        zona_core::diag::Diagnostic::new(
                            zona_core::diag::Severity::Warning,
                            zona_core::diag::DiagKind::OtherLkeSheet {
                                read: name.clone(),
                                other: other.clone(),
                                hidden: *other_hidden,
                            },
                        )
                        .at(&zona_core::Location {
                            file: Some(file.clone()),
                            sheet: Some(Arc::from(other.as_str())),
                            cell: None,
                        }),
                    );
                }
            }
            return Ok(Source {
                file,
                unit,
                notes,
                inner: SourceKind::Workbook {
                    sheet: name.clone(),
                    kind: WorkbookKind::Official(layout),
                    values,
                    formulas,
                    merged,
                    hidden: hidden_cells,
                    references,
                    shown,
                },
            });
        }
        if let Some(name) = names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(portalrb::SHEET))
        {
            let loaded = wb.load(&file, name)?;
            let values = loaded.values;
            return Ok(Source {
                notes: far_cells_note(&file, name, &loaded.far_cells)
                    .into_iter()
                    .collect(),
                file,
                unit: unit_sheet.unwrap_or_else(|| unit::from_file_name(path)),
                inner: SourceKind::Workbook {
                    sheet: name.clone(),
                    kind: WorkbookKind::PortalRb,
                    values,
                    formulas: None,
                    merged: Vec::new(),
                    hidden: book::Hidden::default(),
                    references: Vec::new(),
                    shown: Vec::new(),
                },
            });
        }
        Err(Stop::Read(ReadError::NoLkeSheet {
            file: file.to_string(),
            sheets: names,
        }))
    }

    pub fn source_info(&self) -> SourceInfo {
        match &self.inner {
            SourceKind::Workbook { sheet, kind, .. } => SourceInfo {
                layout: match kind {
                    WorkbookKind::Official(_) => "official",
                    WorkbookKind::PortalRb => "portalrb",
                },
                sheet: sheet.clone(),
            },
            SourceKind::Json(_) => SourceInfo {
                layout: "portalrb-json",
                sheet: String::new(),
            },
        }
    }

    /// Reads every answer layer for the given criteria (unit first; TPI and TPN where the source
    /// has them), as read: no inheritance between layers yet (see
    /// [`zona_core::layers::resolve`]).
    pub fn read_layers(&self, criteria: &Criteria) -> Result<LayeredAnswers, ReadError> {
        Reader::new(criteria).read_layers(self)
    }

    fn read_layers_with(&self, reader: &Reader) -> Result<LayeredAnswers, ReadError> {
        let mut layers = self.read_layers_raw(reader)?;
        if let Some((_, set)) = layers.layers.first_mut() {
            set.diagnostics.splice(0..0, self.notes.iter().cloned());
        }
        for (_, set) in &mut layers.layers {
            // A document that states the unit itself wins; else what the workbook or name says.
            if set.unit.origin.is_none() {
                set.unit = self.unit.clone();
            }
        }
        Ok(layers)
    }

    /// The file, as given.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Unit facts found in the source (unit sheet, title rows), else guessed from the file name.
    pub fn unit(&self) -> &zona_core::UnitInfo {
        &self.unit
    }

    fn read_layers_raw(&self, reader: &Reader) -> Result<LayeredAnswers, ReadError> {
        let criteria = reader.criteria;
        match &self.inner {
            SourceKind::Workbook {
                sheet,
                kind: WorkbookKind::Official(layout),
                values,
                formulas,
                merged,
                hidden,
                references,
                shown,
            } => {
                let data = official::SheetData {
                    file: self.file.clone(),
                    sheet: Arc::from(sheet.as_str()),
                    values,
                    formulas: formulas.as_ref(),
                    merged,
                    hidden,
                    references,
                    shown,
                };
                Ok(official::read_sheet(&data, layout, criteria, &reader.index))
            }
            SourceKind::Workbook {
                sheet,
                kind: WorkbookKind::PortalRb,
                values,
                ..
            } => Ok(portalrb::read_sheet(&self.file, sheet, values, criteria)),
            SourceKind::Json(path) => portalrb::read_json_named(path, &self.file, criteria),
        }
    }

    /// Reads the unit's own answers for the given criteria.
    pub fn read(&self, criteria: &Criteria) -> Result<AnswerSet, ReadError> {
        let mut layers = self.read_layers(criteria)?.layers;
        Ok(layers.swap_remove(0).1)
    }
}

fn open_error(file: &str, e: calamine::Error) -> ReadError {
    if e.to_string().to_lowercase().contains("password") {
        ReadError::Encrypted {
            file: file.to_string(),
        }
    } else {
        ReadError::Open {
            file: file.to_string(),
            source: e.into(),
        }
    }
}

/// Reads sources against one criteria set. Build it once and reuse it for many sources: it
/// prepares what the official-layout matching needs (fingerprints of every criteria text).
pub struct Reader<'c> {
    criteria: &'c Criteria,
    index: official::CriteriaIndex,
}

impl<'c> Reader<'c> {
    pub fn new(criteria: &'c Criteria) -> Self {
        Reader {
            criteria,
            index: official::CriteriaIndex::new(criteria),
        }
    }

    pub fn criteria(&self) -> &'c Criteria {
        self.criteria
    }

    /// Every answer layer of a source, as read (see [`Source::read_layers`]).
    pub fn read_layers(&self, source: &Source) -> Result<LayeredAnswers, ReadError> {
        guard::no_panic(&source.file, || source.read_layers_with(self))
    }

    /// The unit's own answers of a source.
    pub fn read(&self, source: &Source) -> Result<AnswerSet, ReadError> {
        let mut layers = self.read_layers(source)?.layers;
        Ok(layers.swap_remove(0).1)
    }
}

/// Reads the unit's answers of an evidence source for the given criteria.
pub fn read_answers(
    path: &Path,
    criteria: &Criteria,
) -> Result<(AnswerSet, SourceInfo), ReadError> {
    let src = Source::open(path)?;
    Ok((src.read(criteria)?, src.source_info()))
}

/// Reads every answer layer of an evidence source (see [`Source::read_layers`]).
pub fn read_layers(
    path: &Path,
    criteria: &Criteria,
) -> Result<(LayeredAnswers, SourceInfo), ReadError> {
    let src = Source::open(path)?;
    Ok((src.read_layers(criteria)?, src.source_info()))
}

/// How much larger a share of items another candidate must find to replace the first one.
pub const BEST_FIT_MARGIN: f64 = 0.05;

/// Reads a workbook against several candidate criteria (e.g. every built-in regulation version) and
/// keeps the one that finds the largest share of its items; ties go to the earlier candidate, and
/// the first candidate is only replaced by one that finds a share at least [`BEST_FIT_MARGIN`]
/// larger.
/// Returns the index of the chosen criteria.
pub fn read_answers_best_fit(
    path: &Path,
    candidates: &[Criteria],
) -> Result<(usize, AnswerSet, SourceInfo), ReadError> {
    let src = Source::open(path)?;
    let readers: Vec<Reader> = candidates.iter().map(Reader::new).collect();
    let (i, mut layered) = best_fit(&src, &readers)?;
    let set = layered.layers.swap_remove(0).1;
    Ok((i, set, src.source_info()))
}

/// Every answer layer of a source, read with the reader whose criteria fit it best (see
/// [`read_answers_best_fit`]). Later candidates are only read when they could still win: a source
/// in which the first criteria find nearly every item is read once.
pub fn best_fit(source: &Source, readers: &[Reader]) -> Result<(usize, LayeredAnswers), ReadError> {
    best_fit_lazy(source, readers.len(), |i| &readers[i])
}

/// [`best_fit`] over `count` readers that `reader` gives by index, asked for only when needed: a
/// source the first criteria fit never asks for the others (which may then never be built).
pub fn best_fit_lazy<'r, 'c: 'r>(
    source: &Source,
    count: usize,
    reader: impl Fn(usize) -> &'r Reader<'c>,
) -> Result<(usize, LayeredAnswers), ReadError> {
    let mut best: Option<(usize, f64, LayeredAnswers)> = None;
    for i in 0..count {
        // Another candidate must fit clearly better than the first (the default) to replace it:
        // a current workbook with a few rows deleted stays with the current criteria.
        let margin = if best.as_ref().is_some_and(|(b, _, _)| *b == 0) {
            BEST_FIT_MARGIN
        } else {
            0.0
        };
        if best.as_ref().is_some_and(|(_, f, _)| *f + margin >= 1.0) {
            break;
        }
        let reader = reader(i);
        let layered = reader.read_layers(source)?;
        let found = layered.layers.first().map_or(0, |(_, set)| {
            set.items.iter().filter(|a| a.is_some()).count()
        }) as f64
            / reader.criteria().items.len().max(1) as f64;
        if best.as_ref().is_none_or(|(_, f, _)| found > *f + margin) {
            best = Some((i, found, layered));
        }
    }
    best.map(|(i, _, layered)| (i, layered))
        .ok_or_else(|| ReadError::NoLkeSheet {
            file: source.file.to_string(),
            sheets: Vec::new(),
        })
}
