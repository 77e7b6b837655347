//! Folder and file names that every operating system accepts: no `/ \ : * ? " < > |`, no control
//! characters, no trailing dot or space, no Windows device name (`CON`, `NUL`, `COM1`, …), a
//! bounded length; and names made distinct among siblings, ignoring case (Windows and macOS
//! folders do).

use std::collections::HashSet;

/// The longest folder name the pack writes, in characters (a deep LKE path stays well under the
/// 260 characters older Windows tools allow).
pub(crate) const MAX_FOLDER_CHARS: usize = 48;
/// The longest file name, in characters, extension included.
pub(crate) const MAX_FILE_CHARS: usize = 96;
/// The longest name in bytes (UTF-8), leaving room for a ` (99)` suffix within the 255 bytes
/// file systems allow.
const MAX_NAME_BYTES: usize = 240;

/// Windows device names, which no file or folder may be called (whatever its extension).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// `s` as a safe name: forbidden characters replaced (`"` by `'`, the others by `-`), control
/// characters and runs of white space made one space, cut to `max_chars` (at a word when one
/// ends in the second half), no leading space, no trailing dot or space, never a device name;
/// `_` when nothing is left.
pub(crate) fn sanitize(s: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '"' => '\'',
            '/' | '\\' | ':' | '*' | '?' | '<' | '>' | '|' => '-',
            c if c.is_control() || c.is_whitespace() => ' ',
            // Bidirectional overrides make a name read other than it is.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => ' ',
            c => c,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    let mut name = clip(&out, max_chars, MAX_NAME_BYTES);
    trim_end(&mut name);
    if name.is_empty() {
        name.push('_');
    }
    let stem = name.split('.').next().unwrap_or("").trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        name.insert(0, '_');
    }
    name
}

/// A file's name made safe, its extension kept when it is short and plain (`pdf`, `docx`).
pub(crate) fn sanitize_file(name: &str) -> String {
    let (stem, ext) = split_extension(name);
    match ext {
        Some(ext) => {
            let ext = sanitize(ext, 12);
            let stem = sanitize(stem, MAX_FILE_CHARS - ext.chars().count() - 1);
            format!("{stem}.{ext}")
        }
        None => sanitize(name, MAX_FILE_CHARS),
    }
}

/// `name`'s stem and extension when it has one of at most 10 letters and digits.
fn split_extension(name: &str) -> (&str, Option<&str>) {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.trim().is_empty()
                && !ext.is_empty()
                && ext.len() <= 10
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (stem, Some(ext))
        }
        _ => (name, None),
    }
}

/// `s` cut to at most `max_chars` characters and `max_bytes` bytes, at the end of a word when
/// one ends in the second half of what is kept.
fn clip(s: &str, max_chars: usize, max_bytes: usize) -> String {
    let mut end = 0;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n >= max_chars || i + c.len_utf8() > max_bytes {
            break;
        }
        end = i + c.len_utf8();
    }
    if end == s.len() {
        return s.to_string();
    }
    let kept = &s[..end];
    // Cut at a word when the next character does not continue one.
    let next_is_space = s[end..].starts_with(' ');
    match kept.rfind(' ') {
        Some(i) if !next_is_space && i >= kept.len() / 2 => kept[..i].to_string(),
        _ => kept.to_string(),
    }
}

/// Drops trailing dots, spaces and the separators a cut may leave (`-`, `,`).
fn trim_end(s: &mut String) {
    while s.ends_with(['.', ' ', '-', ',', ';']) {
        s.pop();
    }
}

/// Names made distinct among siblings, ignoring case: the second `sk.pdf` becomes `sk (2).pdf`.
#[derive(Debug, Default)]
pub(crate) struct Siblings {
    taken: HashSet<String>,
}

impl Siblings {
    /// Siblings with `names` already taken (the index workbook beside the top folders).
    pub(crate) fn with(names: &[&str]) -> Self {
        Siblings {
            taken: names.iter().map(|n| n.to_lowercase()).collect(),
        }
    }

    /// `name`, or `name (n)` (before the extension, for a file) with the first n from 2 not
    /// taken; the name returned is taken from then on.
    pub(crate) fn claim(&mut self, name: &str, is_file: bool) -> String {
        if self.taken.insert(name.to_lowercase()) {
            return name.to_string();
        }
        let (stem, ext) = if is_file {
            split_extension(name)
        } else {
            (name, None)
        };
        (2..)
            .map(|n| match ext {
                Some(ext) => format!("{stem} ({n}).{ext}"),
                None => format!("{stem} ({n})"),
            })
            .find(|candidate| self.taken.insert(candidate.to_lowercase()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_control_characters_and_trailing_dots_go() {
        assert_eq!(
            sanitize("Pemantauan dan Evaluasi Pembangunan WBK/WBBM", 60),
            "Pemantauan dan Evaluasi Pembangunan WBK-WBBM"
        );
        assert_eq!(sanitize("a:b*c?d\"e<f>g|h\\i", 60), "a-b-c-d'e-f-g-h-i");
        assert_eq!(sanitize("  baris\r\nbaru\t\u{7}  ", 60), "baris baru");
        assert_eq!(sanitize("akhir titik... ", 60), "akhir titik");
        assert_eq!(sanitize("...", 60), "_");
        assert_eq!(sanitize("", 60), "_");
        assert_eq!(sanitize("\u{202E}fdp.exe", 60), "fdp.exe");
    }

    #[test]
    fn device_names_are_never_a_name() {
        assert_eq!(sanitize("CON", 60), "_CON");
        assert_eq!(sanitize("nul.txt", 60), "_nul.txt");
        assert_eq!(sanitize_file("com1.pdf"), "_com1.pdf");
        assert_eq!(sanitize("Console", 60), "Console");
    }

    #[test]
    fn long_names_are_cut_at_a_word_within_bounds() {
        let text = "a. Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas";
        let name = sanitize(text, MAX_FOLDER_CHARS);
        assert_eq!(name, "a. Unit kerja telah membentuk tim untuk");
        assert!(name.chars().count() <= MAX_FOLDER_CHARS);
        // One long word: cut inside it.
        assert_eq!(sanitize(&"x".repeat(100), 10), "x".repeat(10));
        // Multi-byte characters: bounded in bytes too.
        let wide = "語".repeat(200);
        let cut = sanitize(&wide, 200);
        assert!(cut.len() <= MAX_NAME_BYTES, "{}", cut.len());
        let file = sanitize_file(&format!("{}.pdf", "laporan ".repeat(30)));
        assert!(file.chars().count() <= MAX_FILE_CHARS, "{file}");
        assert!(file.ends_with(".pdf"), "{file}");
    }

    #[test]
    fn file_names_keep_their_extension() {
        assert_eq!(sanitize_file("SK Tim: 2025.pdf"), "SK Tim- 2025.pdf");
        assert_eq!(sanitize_file("catatan"), "catatan");
        assert_eq!(sanitize_file(".hidden"), ".hidden");
        assert_eq!(sanitize_file("arsip.tar.gz"), "arsip.tar.gz");
    }

    #[test]
    fn siblings_get_distinct_names_ignoring_case() {
        let mut s = Siblings::with(&["Indeks Bukti Dukung.xlsx"]);
        assert_eq!(s.claim("sk.pdf", true), "sk.pdf");
        assert_eq!(s.claim("SK.pdf", true), "SK (2).pdf");
        assert_eq!(s.claim("sk.pdf", true), "sk (3).pdf");
        assert_eq!(s.claim("sk (2).pdf", true), "sk (2) (2).pdf");
        assert_eq!(
            s.claim("indeks bukti dukung.xlsx", true),
            "indeks bukti dukung (2).xlsx"
        );
        assert_eq!(s.claim("a. Tim", false), "a. Tim");
        assert_eq!(s.claim("a. tim", false), "a. tim (2)");
    }
}
