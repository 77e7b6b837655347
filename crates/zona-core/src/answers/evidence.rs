//! Evidence (data dukung) as a source states it: one [`Evidence`] entry per link, path or
//! description, classified once here so that every input (official layout, PortalRB workbook and
//! JSON, zona's template) is read alike.
//!
//! Classification is about the text alone; whether a local file exists is the evaluation's
//! business (`zona-eval` asks the file system), and zona never fetches a link.

use super::cell::Location;
use super::diag::{DiagKind, Diagnostic, Severity};

/// What one evidence entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceKind {
    /// A well-formed `http://` or `https://` link.
    Link,
    /// Written as a link but not one zona will ever make clickable.
    BadLink(LinkProblem),
    /// A path to a file.
    LocalPath(PathForm),
    /// A description only (no link, no file).
    Description,
}

/// Why a link-like entry is not a usable link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// A scheme other than http(s): `javascript:`, `file:`, `ftp:`, `mailto:` … (lower case).
    Scheme(String),
    /// `www.…` without `http://` or `https://`.
    NoScheme,
    /// `http(s)://` without a valid host, or with spaces or control characters in it.
    Malformed,
}

/// How a path is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathForm {
    /// Relative to the workbook's folder (or the evidence folder): `bukti/sk-tim.pdf`.
    Relative,
    /// An absolute path on some computer: `C:\…`, `/home/…`.
    Absolute,
    /// A network share: `\\server\share\…`; never made clickable.
    Unc,
}

impl EvidenceKind {
    pub fn code(&self) -> &'static str {
        match self {
            EvidenceKind::Link => "link",
            EvidenceKind::BadLink(_) => "bad_link",
            EvidenceKind::LocalPath(_) => "path",
            EvidenceKind::Description => "description",
        }
    }
}

/// One evidence entry of an item: its text as written (trimmed), what it is, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub text: String,
    pub kind: EvidenceKind,
    pub location: Location,
}

impl Evidence {
    /// The entry's link, when it is a well-formed http(s) link.
    pub fn link(&self) -> Option<&str> {
        (self.kind == EvidenceKind::Link).then_some(self.text.as_str())
    }

    /// The entry's file name: the last part of a path, or of a link's path.
    pub fn file_name(&self) -> Option<&str> {
        match &self.kind {
            EvidenceKind::LocalPath(_) => self
                .text
                .rsplit(['/', '\\'])
                .next()
                .filter(|s| !s.is_empty()),
            EvidenceKind::Link => {
                let rest = self.text.split_once("://")?.1;
                let path = rest.split(['?', '#']).next()?;
                let (_, path) = path.split_once('/')?;
                path.rsplit('/').next().filter(|s| s.contains('.'))
            }
            _ => None,
        }
    }
}

/// File extensions that make a single line read as a file name ("SK Tim ZI 2025.pdf").
const FILE_EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "jpg", "jpeg", "png",
    "gif", "zip", "rar", "7z", "txt", "csv", "mp4", "mov", "avi",
];

/// Schemes that are never a web link, recognised without `//` (`javascript:alert(1)`).
const BARE_SCHEMES: &[&str] = &["javascript", "vbscript", "data", "file", "mailto", "tel"];

/// At most this many entries are read from one cell (or one `bukti_dukung_unit`): no unit gives
/// more, and a cell of thousands of links would otherwise cost memory and report rows by the
/// thousand. What is left out is said ([`read_entries`]).
pub const MAX_ENTRIES_PER_CELL: usize = 100;

/// Splits what one cell (or one PortalRB `bukti_dukung_unit`) holds into entries: one per line,
/// and within a line every link apart from the words around it ("SK Tim: https://…" is a
/// description and a link). At most [`MAX_ENTRIES_PER_CELL`]; see [`read_entries`] for what is
/// left out.
pub fn entries_of(text: &str, location: &Location) -> Vec<Evidence> {
    read_entries(text, location).0
}

/// [`entries_of`], with a warning at the cell when entries were left out beyond
/// [`MAX_ENTRIES_PER_CELL`] (counted, not read).
pub fn read_entries(text: &str, location: &Location) -> (Vec<Evidence>, Option<Diagnostic>) {
    let mut out = Vec::new();
    // Entries beyond the bound, counted but not built.
    let mut left_out = 0usize;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let room = |out: &Vec<Evidence>| out.len() < MAX_ENTRIES_PER_CELL;
        let mut words = Vec::new();
        let mut links = 0usize;
        for token in line.split_whitespace() {
            if looks_like_link(token) {
                links += 1;
                if room(&out) {
                    let t = token.trim_end_matches([',', ';', ')', '.']);
                    out.push(entry(t, location));
                } else {
                    left_out += 1;
                }
            } else {
                words.push(token);
            }
        }
        let rest = if links == 0 {
            Some((line.to_string(), classify(line)))
        } else {
            // The words around a link describe it: never read as a path ("https://drive
            // google.com/x" is one broken link, not a link and a file).
            let rest = words.join(" ");
            let rest = rest.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
            (rest.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
                .then(|| (rest.to_string(), EvidenceKind::Description))
        };
        if let Some((text, kind)) = rest {
            if room(&out) {
                out.push(Evidence {
                    text,
                    kind,
                    location: location.clone(),
                });
            } else {
                left_out += 1;
            }
        }
    }
    let d = (left_out > 0).then(|| {
        Diagnostic::new(
            Severity::Warning,
            DiagKind::EvidenceTruncated {
                kept: MAX_ENTRIES_PER_CELL,
                left_out,
            },
        )
        .at(location)
    });
    (out, d)
}

/// `http://`, `https://` or `www.` at the start, case aside (no allocation).
fn looks_like_link(token: &str) -> bool {
    let b = token.as_bytes();
    ["http://", "https://", "www."]
        .iter()
        .any(|p| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

fn entry(text: &str, location: &Location) -> Evidence {
    Evidence {
        text: text.to_string(),
        kind: classify(text),
        location: location.clone(),
    }
}

/// What one entry (a single line) is.
pub fn classify(text: &str) -> EvidenceKind {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        return if well_formed(rest) {
            EvidenceKind::Link
        } else {
            EvidenceKind::BadLink(LinkProblem::Malformed)
        };
    }
    if lower.starts_with("www.") {
        return EvidenceKind::BadLink(LinkProblem::NoScheme);
    }
    if t.starts_with("\\\\") || t.starts_with("//") {
        return EvidenceKind::LocalPath(PathForm::Unc);
    }
    let b = t.as_bytes();
    if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/') {
        return EvidenceKind::LocalPath(PathForm::Absolute);
    }
    if let Some(scheme) = scheme_of(&lower) {
        return EvidenceKind::BadLink(LinkProblem::Scheme(scheme));
    }
    let single_word = !t.chars().any(char::is_whitespace);
    let has_separator = t.contains('/') || t.contains('\\');
    let has_extension = t.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && FILE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    });
    if has_extension || (single_word && has_separator) {
        return if t.starts_with('/') {
            EvidenceKind::LocalPath(PathForm::Absolute)
        } else {
            EvidenceKind::LocalPath(PathForm::Relative)
        };
    }
    EvidenceKind::Description
}

/// `scheme` of `scheme://…`, or of `javascript:`-like bare schemes.
fn scheme_of(lower: &str) -> Option<String> {
    let (scheme, rest) = lower.split_once(':')?;
    let valid = !scheme.is_empty()
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    (valid && (rest.starts_with("//") || BARE_SCHEMES.contains(&scheme)))
        .then(|| scheme.to_string())
}

/// The part after `http(s)://`: a host of letters, digits, dots and hyphens (with an optional
/// port), then nothing, or a path, query or fragment; no spaces or control characters anywhere.
fn well_formed(rest: &str) -> bool {
    if rest
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return false;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        Some(_) => return false,
        None => host,
    };
    !host.is_empty()
        && host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_paths_and_descriptions() {
        assert_eq!(
            classify("https://drive.google.com/file/d/abc"),
            EvidenceKind::Link
        );
        assert_eq!(classify("HTTP://example.go.id"), EvidenceKind::Link);
        assert_eq!(
            classify("http://localhost:8080/x"),
            EvidenceKind::BadLink(LinkProblem::Malformed)
        );
        assert_eq!(
            classify("https://exa mple.com"),
            EvidenceKind::BadLink(LinkProblem::Malformed)
        );
        assert_eq!(
            classify("https://"),
            EvidenceKind::BadLink(LinkProblem::Malformed)
        );
        assert_eq!(
            classify("javascript:alert(1)"),
            EvidenceKind::BadLink(LinkProblem::Scheme("javascript".into()))
        );
        assert_eq!(
            classify("file:///C:/bukti/sk.pdf"),
            EvidenceKind::BadLink(LinkProblem::Scheme("file".into()))
        );
        assert_eq!(
            classify("www.kantor.go.id/zi"),
            EvidenceKind::BadLink(LinkProblem::NoScheme)
        );
        assert_eq!(
            classify(r"\\server\bukti\sk.pdf"),
            EvidenceKind::LocalPath(PathForm::Unc)
        );
        assert_eq!(
            classify(r"C:\bukti\sk.pdf"),
            EvidenceKind::LocalPath(PathForm::Absolute)
        );
        assert_eq!(
            classify("bukti/sk-tim.pdf"),
            EvidenceKind::LocalPath(PathForm::Relative)
        );
        assert_eq!(
            classify("SK Tim ZI 2025.pdf"),
            EvidenceKind::LocalPath(PathForm::Relative)
        );
        assert_eq!(
            classify("SK Tim ZI / Notulen rapat"),
            EvidenceKind::Description
        );
        assert_eq!(
            classify("Catatan: SK Tim sudah ada"),
            EvidenceKind::Description
        );
    }

    #[test]
    fn a_cell_splits_into_lines_and_links() {
        let loc = Location::default();
        let e = entries_of(
            "1. SK Tim ZI\nLihat: https://drive.google.com/x, https://a.go.id/b\n\n",
            &loc,
        );
        let kinds: Vec<_> = e.iter().map(|e| (e.text.as_str(), e.kind.code())).collect();
        assert_eq!(
            kinds,
            [
                ("1. SK Tim ZI", "description"),
                ("https://drive.google.com/x", "link"),
                ("https://a.go.id/b", "link"),
                ("Lihat", "description"),
            ]
        );
    }

    #[test]
    fn a_cell_of_thousands_of_links_is_cut_and_said() {
        let text: String = (0..5000)
            .map(|i| format!("https://a.go.id/{i}\n"))
            .collect();
        let (e, d) = read_entries(&text, &Location::default());
        assert_eq!(e.len(), MAX_ENTRIES_PER_CELL);
        let d = d.expect("a warning");
        assert_eq!(d.code(), "evidence_truncated");
        assert_eq!(
            d.kind,
            DiagKind::EvidenceTruncated {
                kept: 100,
                left_out: 4900
            }
        );
        // Many links on one line: cut at the same bound.
        let line: String = (0..300).map(|i| format!("https://a.go.id/{i} ")).collect();
        let (e, d) = read_entries(&line, &Location::default());
        assert_eq!(e.len(), MAX_ENTRIES_PER_CELL);
        assert!(matches!(
            d.map(|d| d.kind),
            Some(DiagKind::EvidenceTruncated { left_out: 200, .. })
        ));
        assert!(read_entries("https://a.go.id/x", &Location::default())
            .1
            .is_none());
    }

    #[test]
    fn file_names() {
        let loc = Location::default();
        let e = entries_of("bukti/1.a SK Tim 2025.pdf", &loc);
        assert_eq!(e[0].file_name(), Some("1.a SK Tim 2025.pdf"));
        let e = entries_of("https://kantor.go.id/unduh/sk-2024.pdf?x=1", &loc);
        assert_eq!(e[0].file_name(), Some("sk-2024.pdf"));
    }
}
