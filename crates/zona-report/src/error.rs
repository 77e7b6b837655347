//! The one error of every writer: [`WriteError`].
//!
//! Every variant keeps the output file it is about and which output that is ([`OutputKind`]); a
//! cause from below (the file system, rust_xlsxwriter) is kept as the error's
//! [`source`](std::error::Error::source), not flattened into a string.
//!
//! Two texts: [`WriteError::message`] is what a user sees (Bahasa Indonesia or English, the cause
//! appended: `laporan.xlsx: tidak dapat ditulis: Permission denied (os error 13)`); `Display` is
//! that English message without the cause, which stays reachable through `source()`, as error
//! chains expect.

use std::path::{Path, PathBuf};

use zona_core::Lang;

/// Which output a [`WriteError`] is about; the messages name it as the command that writes it
/// does (`laporan tidak dapat ditulis`, `templat tidak dapat disusun`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutputKind {
    /// An output file as such: [`crate::output_file`] called directly (the CLI checks every
    /// output with it before slow work).
    File,
    /// The unit's xlsx report ([`crate::report`]).
    Report,
    /// The blank LKE template ([`crate::template`]).
    Template,
    /// The comparison workbook ([`crate::compare_writer`]).
    Comparison,
    /// The batch summary workbook ([`crate::batch_writer`]).
    BatchSummary,
    /// An LKE workbook in the official layout ([`crate::lke_writer`]).
    LkeWorkbook,
    /// A PortalRB `Jawaban` workbook ([`crate::portalrb_writer`]).
    PortalRbWorkbook,
    /// An evidence pack folder ([`crate::evidence_pack`]).
    EvidencePack,
}

impl OutputKind {
    /// The extension the output's name must end in (compared without case); none for a file as
    /// such and for an evidence pack (a folder).
    pub fn extension(self) -> Option<&'static str> {
        match self {
            OutputKind::Report
            | OutputKind::Template
            | OutputKind::Comparison
            | OutputKind::BatchSummary
            | OutputKind::LkeWorkbook
            | OutputKind::PortalRbWorkbook => Some("xlsx"),
            OutputKind::File | OutputKind::EvidencePack => None,
        }
    }
}

/// Why an output was not written. One type for every writer of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The output file exists and replacing it was not asked for (`force`).
    #[error("{}", self.headline(Lang::En))]
    Exists { output: OutputKind, file: PathBuf },
    /// The output file is one of the inputs (after resolving `..` and links, or a hard link to
    /// one); refused even with `force`.
    #[error("{}", self.headline(Lang::En))]
    SameAsInput {
        output: OutputKind,
        file: PathBuf,
        /// The input it would overwrite, as the caller named it.
        input: PathBuf,
    },
    /// The path names no file (`/`, `..`, an empty name).
    #[error("{}", self.headline(Lang::En))]
    InvalidPath { output: OutputKind, file: PathBuf },
    /// What is there is not a regular file (a device, a FIFO, a socket, a symbolic link):
    /// never replaced, even with `force` (`--out /dev/null --force` would replace the device).
    #[error("{}", self.headline(Lang::En))]
    NotARegularFile { output: OutputKind, file: PathBuf },
    /// The name does not end as the output's format does (`--out ringkasan.csv` for a workbook,
    /// `--out kriteria.toml` for a report): refused, so that a typo cannot replace a file of
    /// another kind, and a file is not named for a format it is not.
    #[error("{}", self.headline(Lang::En))]
    WrongExtension {
        output: OutputKind,
        file: PathBuf,
        /// The extension the output needs (`xlsx`, `json`).
        expected: &'static str,
    },
    /// The file system refused: a folder in the way, a missing folder, no permission, a full
    /// disk.
    #[error("{}", self.headline(Lang::En))]
    Io {
        output: OutputKind,
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The workbook could not be built (rust_xlsxwriter refused a value, a name or a limit).
    #[error("{}", self.headline(Lang::En))]
    Xlsx {
        output: OutputKind,
        file: PathBuf,
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
    /// An evidence pack would be written into a folder it reads from (the evidence folder, the
    /// workbook's folder), or over a folder that holds one (`contains`); refused even with
    /// `force`.
    #[error("{}", self.headline(Lang::En))]
    IntoSource {
        file: PathBuf,
        /// The source folder, as the caller named it.
        source_folder: PathBuf,
        /// The output holds the source (rather than lying inside it).
        contains: bool,
        /// A folder the pack could go to instead.
        suggestion: Option<PathBuf>,
    },
    /// The output of an evidence pack exists and is not a pack zona wrote (a file, a link, a
    /// folder without a pack index): never replaced, even with `force`.
    #[error("{}", self.headline(Lang::En))]
    NotAPack { file: PathBuf },
    /// A PortalRB workbook was asked for criteria without a `[portalrb]` table.
    #[error("{}", self.headline(Lang::En))]
    NoPortalRbLayout {
        file: PathBuf,
        /// The criteria's id.
        criteria: String,
    },
}

impl WriteError {
    /// The message for the user in `lang`, the cause (if any) appended after `: `.
    pub fn message(&self, lang: Lang) -> String {
        let headline = self.headline(lang);
        match self {
            WriteError::Io { source, .. } => format!("{headline}: {}", write_io_text(source, lang)),
            WriteError::Xlsx { source, .. } => format!(
                "{headline}: {} ({source})",
                lang.pick(
                    "pustaka penulis lembar kerja menolak isinya",
                    "the workbook writer refused its content"
                )
            ),
            _ => headline,
        }
    }

    /// The output file the error is about.
    pub fn file(&self) -> &Path {
        match self {
            WriteError::Exists { file, .. }
            | WriteError::SameAsInput { file, .. }
            | WriteError::InvalidPath { file, .. }
            | WriteError::NotARegularFile { file, .. }
            | WriteError::WrongExtension { file, .. }
            | WriteError::Io { file, .. }
            | WriteError::Xlsx { file, .. }
            | WriteError::IntoSource { file, .. }
            | WriteError::NotAPack { file }
            | WriteError::NoPortalRbLayout { file, .. } => file,
        }
    }

    /// Which output the error is about.
    pub fn output(&self) -> OutputKind {
        match self {
            WriteError::Exists { output, .. }
            | WriteError::SameAsInput { output, .. }
            | WriteError::InvalidPath { output, .. }
            | WriteError::NotARegularFile { output, .. }
            | WriteError::WrongExtension { output, .. }
            | WriteError::Io { output, .. }
            | WriteError::Xlsx { output, .. } => *output,
            WriteError::NoPortalRbLayout { .. } => OutputKind::PortalRbWorkbook,
            WriteError::IntoSource { .. } | WriteError::NotAPack { .. } => OutputKind::EvidencePack,
        }
    }

    /// The same error, about another output (a writer tags what [`crate::output_file`] found).
    pub(crate) fn about(mut self, kind: OutputKind) -> Self {
        match &mut self {
            WriteError::Exists { output, .. }
            | WriteError::SameAsInput { output, .. }
            | WriteError::InvalidPath { output, .. }
            | WriteError::NotARegularFile { output, .. }
            | WriteError::WrongExtension { output, .. }
            | WriteError::Io { output, .. }
            | WriteError::Xlsx { output, .. } => *output = kind,
            WriteError::NoPortalRbLayout { .. }
            | WriteError::IntoSource { .. }
            | WriteError::NotAPack { .. } => {}
        }
        self
    }

    /// An I/O error about `file`.
    pub(crate) fn io(output: OutputKind, file: &Path, source: std::io::Error) -> Self {
        WriteError::Io {
            output,
            file: file.to_path_buf(),
            source,
        }
    }

    /// A workbook that could not be built, about `file`.
    pub(crate) fn xlsx(
        output: OutputKind,
        file: &Path,
        source: rust_xlsxwriter::XlsxError,
    ) -> Self {
        WriteError::Xlsx {
            output,
            file: file.to_path_buf(),
            source,
        }
    }

    /// The cause appended to the message.
    /// The message without its cause. The wording per output is the one each writer had before
    /// they shared this type, kept byte for byte (golden tests pin the CLI's output).
    fn headline(&self, lang: Lang) -> String {
        use OutputKind as K;
        let file = self.file().display();
        let id = matches!(lang, Lang::Id);
        match self {
            WriteError::Exists { output, .. } => match (output, id) {
                (K::EvidencePack, true) => format!(
                    "{file}: folder sudah ada dan tidak kosong; gunakan --force untuk mengganti paket bukti"
                ),
                (K::EvidencePack, false) => format!(
                    "{file}: the folder exists and is not empty; use --force to replace the evidence pack"
                ),
                (K::Comparison, true) => {
                    format!("{file}: berkas keluaran sudah ada; gunakan --force untuk menggantinya")
                }
                (K::Comparison, false) => {
                    format!("{file}: the output file exists; use --force to replace it")
                }
                (K::Template, false) => {
                    format!("{file}: the file exists; use --force to replace it")
                }
                (_, true) => {
                    format!("{file}: berkas sudah ada; gunakan --force untuk menggantinya")
                }
                (_, false) => format!("{file}: the file already exists; use --force to replace it"),
            },
            WriteError::SameAsInput { output, input, .. } => {
                let input = input.display();
                match (output, id) {
                    (K::Report, true) => {
                        format!("{file}: ini lembar kerja masukan; tulis laporan ke berkas lain")
                    }
                    (K::Report, false) => format!(
                        "{file}: this is the input workbook; write the report to another file"
                    ),
                    (K::Comparison, true) => format!(
                        "{file}: keluaran akan menimpa lembar kerja masukan {input}; pilih nama lain"
                    ),
                    (K::Comparison, false) => {
                        format!("{file}: the output would overwrite the input workbook {input}")
                    }
                    (_, true) => format!("{file}: ini berkas masukan ({input}); tulis ke berkas lain"),
                    (_, false) => {
                        format!("{file}: this is an input file ({input}); write to another file")
                    }
                }
            }
            WriteError::InvalidPath { output, .. } => match (output, id) {
                (K::Report, true) => format!("{file}: bukan nama berkas untuk laporan"),
                (K::Report, false) => format!("{file}: not a file name to write the report to"),
                (K::Template, true) => {
                    format!("{file}: tidak dapat ditulis: bukan berkas yang dapat ditulis")
                }
                (K::Template, false) => format!("{file}: cannot write: not a file to write to"),
                (K::Comparison, true) => {
                    format!("{file}: tidak dapat ditulis: bukan nama berkas")
                }
                (K::Comparison, false) => format!("{file}: cannot write: not a file name"),
                (_, true) => format!("{file}: bukan nama berkas yang dapat ditulis"),
                (_, false) => format!("{file}: not a file name to write to"),
            },
            WriteError::NotARegularFile { .. } => match id {
                true => format!(
                    "{file}: bukan berkas biasa (perangkat, FIFO, soket atau tautan simbolik); zona tidak menulis di atasnya, juga dengan --force; beri nama berkas lain"
                ),
                false => format!(
                    "{file}: not a regular file (a device, FIFO, socket or symbolic link); zona does not write over it, even with --force; give another file name"
                ),
            },
            WriteError::WrongExtension { expected, .. } => match id {
                true => format!(
                    "{file}: nama berkas keluaran ini harus berakhiran .{expected} (isinya berformat .{expected}); beri nama berkas yang berakhiran .{expected}"
                ),
                false => format!(
                    "{file}: this output's file name must end in .{expected} (its content is .{expected}); give a file name ending in .{expected}"
                ),
            },
            WriteError::Io { output, .. } => match (output, id) {
                (K::Report, true) => format!("{file}: laporan tidak dapat ditulis"),
                (K::Report, false) => format!("{file}: cannot write the report"),
                (_, true) => format!("{file}: tidak dapat ditulis"),
                (_, false) => format!("{file}: cannot write"),
            },
            WriteError::Xlsx { output, .. } => match (output, id) {
                (K::Report, true) => format!("{file}: lembar kerja laporan tidak dapat disusun"),
                (K::Report, false) => format!("{file}: cannot build the report workbook"),
                (K::Template, true) => format!("{file}: templat tidak dapat disusun"),
                (K::Template, false) => format!("{file}: cannot build the template"),
                (K::BatchSummary, true) => {
                    format!("{file}: lembar kerja ringkasan tidak dapat disusun")
                }
                (K::BatchSummary, false) => format!("{file}: cannot build the summary workbook"),
                (_, true) => format!("{file}: lembar kerja tidak dapat disusun"),
                (_, false) => format!("{file}: cannot build the workbook"),
            },
            WriteError::IntoSource {
                source_folder,
                contains,
                suggestion,
                ..
            } => {
                let source = source_folder.display();
                let what = match (contains, id) {
                    (false, true) => format!(
                        "{file}: paket bukti tidak boleh ditulis di dalam folder sumber {source} (folder bukti atau folder lembar kerja); folder sumber hanya dibaca"
                    ),
                    (false, false) => format!(
                        "{file}: the evidence pack may not be written inside the source folder {source} (the evidence folder or the workbook's folder); sources are only read"
                    ),
                    (true, true) => format!(
                        "{file}: folder ini berisi folder sumber {source}; paket bukti tidak ditulis di atasnya"
                    ),
                    (true, false) => format!(
                        "{file}: this folder holds the source folder {source}; the evidence pack is not written over it"
                    ),
                };
                match suggestion {
                    Some(s) => format!(
                        "{what}; {} {}",
                        lang.pick("pilih folder di luarnya, mis.", "choose a folder outside it, e.g."),
                        s.display()
                    ),
                    None => what,
                }
            }
            WriteError::NotAPack { .. } => match id {
                true => format!(
                    "{file}: sudah ada dan bukan folder paket bukti zona; tidak diganti (juga dengan --force): pilih --out lain"
                ),
                false => format!(
                    "{file}: exists and is not a zona evidence pack folder; it is not replaced (not even with --force): choose another --out"
                ),
            },
            WriteError::NoPortalRbLayout { criteria, .. } => match id {
                true => format!("{file}: kriteria {criteria} tidak memiliki tabel [portalrb]"),
                false => format!("{file}: criteria {criteria} have no [portalrb] table"),
            },
        }
    }
}

/// Why a file could not be written, in the language asked, with the system's own words in
/// parentheses (as read errors say them, `zona_read::io_error_text`).
fn write_io_text(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (id, en) = match e.kind() {
        K::NotFound => ("folder tujuan tidak ditemukan", "the folder does not exist"),
        K::PermissionDenied => ("tidak ada izin menulis", "permission denied"),
        K::IsADirectory => ("ini sebuah folder, bukan berkas", "a folder, not a file"),
        K::NotADirectory => (
            "bagian jalurnya bukan folder",
            "part of the path is not a folder",
        ),
        K::StorageFull => ("ruang disk tidak cukup", "the disk is full"),
        K::ReadOnlyFilesystem => ("sistem berkas hanya-baca", "the file system is read-only"),
        K::InvalidFilename => (
            "nama berkas terlalu panjang atau tidak sah",
            "the file name is too long or not valid",
        ),
        K::AlreadyExists => ("berkas sudah ada", "the file already exists"),
        K::Interrupted | K::TimedOut | K::WouldBlock => {
            ("penulisan terputus", "writing was interrupted")
        }
        K::OutOfMemory => ("memori tidak cukup", "out of memory"),
        _ => ("galat sistem berkas", "file system error"),
    };
    zona_core::lang::with_system_words(lang.pick(id, en), e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cause_is_the_source_and_ends_the_message() {
        let e = WriteError::io(
            OutputKind::Report,
            Path::new("laporan.xlsx"),
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, "ditolak"),
        );
        assert_eq!(e.to_string(), "laporan.xlsx: cannot write the report");
        assert_eq!(
            e.message(Lang::En),
            "laporan.xlsx: cannot write the report: permission denied (ditolak)"
        );
        assert_eq!(
            e.message(Lang::Id),
            "laporan.xlsx: laporan tidak dapat ditulis: tidak ada izin menulis (ditolak)"
        );
        // The system's words in parentheses, after a reason in the message's language.
        let gone = WriteError::io(
            OutputKind::Report,
            Path::new("/tidak/ada/laporan.xlsx"),
            std::io::Error::from_raw_os_error(2),
        );
        assert_eq!(
            gone.message(Lang::Id),
            "/tidak/ada/laporan.xlsx: laporan tidak dapat ditulis: folder tujuan tidak ditemukan (No such file or directory)"
        );
        let long = WriteError::io(
            OutputKind::Report,
            Path::new("a.xlsx"),
            std::io::Error::from_raw_os_error(36),
        );
        assert_eq!(
            long.message(Lang::Id),
            "a.xlsx: laporan tidak dapat ditulis: nama berkas terlalu panjang atau tidak sah (File name too long)"
        );
        let source = std::error::Error::source(&e).expect("a source");
        assert_eq!(source.to_string(), "ditolak");
        assert_eq!(e.file(), Path::new("laporan.xlsx"));
        assert_eq!(e.output(), OutputKind::Report);
    }

    #[test]
    fn the_evidence_pack_refusals_say_why_in_either_language() {
        let e = WriteError::IntoSource {
            file: "bukti/paket".into(),
            source_folder: "bukti".into(),
            contains: false,
            suggestion: Some("paket".into()),
        };
        assert_eq!(e.output(), OutputKind::EvidencePack);
        assert_eq!(
            e.message(Lang::Id),
            "bukti/paket: paket bukti tidak boleh ditulis di dalam folder sumber bukti (folder bukti atau folder lembar kerja); folder sumber hanya dibaca; pilih folder di luarnya, mis. paket"
        );
        assert_eq!(
            e.message(Lang::En),
            "bukti/paket: the evidence pack may not be written inside the source folder bukti (the evidence folder or the workbook's folder); sources are only read; choose a folder outside it, e.g. paket"
        );
        let e = WriteError::IntoSource {
            file: ".".into(),
            source_folder: "bukti".into(),
            contains: true,
            suggestion: None,
        };
        assert_eq!(
            e.message(Lang::En),
            ".: this folder holds the source folder bukti; the evidence pack is not written over it"
        );
        let e = WriteError::Exists {
            output: OutputKind::EvidencePack,
            file: "paket".into(),
        };
        assert_eq!(
            e.message(Lang::Id),
            "paket: folder sudah ada dan tidak kosong; gunakan --force untuk mengganti paket bukti"
        );
        let e = WriteError::NotAPack {
            file: "dokumen".into(),
        };
        assert!(e
            .message(Lang::En)
            .contains("not a zona evidence pack folder"));
        assert!(e
            .message(Lang::Id)
            .contains("bukan folder paket bukti zona"));
    }

    #[test]
    fn a_retagged_error_speaks_of_its_output() {
        let e = WriteError::Exists {
            output: OutputKind::File,
            file: "a.xlsx".into(),
        };
        assert_eq!(
            e.message(Lang::En),
            "a.xlsx: the file already exists; use --force to replace it"
        );
        let e = e.about(OutputKind::Comparison);
        assert_eq!(
            e.message(Lang::Id),
            "a.xlsx: berkas keluaran sudah ada; gunakan --force untuk menggantinya"
        );
    }
}
