//! Guards against hostile or broken input, before and while a workbook is loaded.
//!
//! - **Before opening**: an empty file, a file too large, an encrypted (password-protected) Office
//!   file, a zip whose entries would expand beyond a limit (a zip bomb).
//! - **While loading an xlsx sheet**: cells are streamed and counted; a sheet with too many cells,
//!   or whose cells span a too large rectangle (calamine would allocate the whole rectangle), is
//!   refused before anything large is allocated. Values and formulas come from one pass over the
//!   sheet XML.
//!
//! The limits are far above any real LKE (about 220 rows × 20 columns).

use std::io::Read;
use std::path::Path;

use calamine::{Cell, Data, Range, Xlsx};

use crate::ReadError;

/// Largest file zona opens.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Largest total uncompressed size of a workbook's zip entries.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 1024 * 1024 * 1024;
/// Most non-empty cells zona loads from one sheet.
pub const MAX_CELLS: usize = 2_000_000;
/// Largest rectangle (rows × columns) the cells of one sheet may span. The spreadsheet library
/// allocates the whole rectangle (32 bytes a cell for values, 24 more for formulas), so this bounds
/// one loaded sheet to about 224 MB whatever its two farthest cells are.
pub const MAX_AREA: u64 = 4_000_000;
/// Memory zona lets the spreadsheet library spend on one workbook, estimated from the file before
/// it is opened (shared strings, styles, sheet list, merged cells, zip entries, `.xls` ranges).
/// An allocation failure aborts the process and cannot be caught, so a workbook whose estimate is
/// above this is refused; `--jobs N` workers use at most N times it.
pub const MEMORY_BUDGET: u64 = 512 * 1024 * 1024;

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Checks what any input must be before it is read: an existing regular file (not a folder, a
/// FIFO or a device), not empty, within [`MAX_FILE_BYTES`]. Workbooks and JSON documents alike.
pub fn check_file(path: &Path) -> Result<(), ReadError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Open {
        file: file.clone(),
        source: e.into(),
    })?;
    if meta.is_dir() {
        return Err(ReadError::Open {
            file,
            source: std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory").into(),
        });
    }
    if !meta.is_file() {
        return Err(ReadError::NotAFile {
            file,
            kind: file_kind(&meta),
        });
    }
    if meta.len() == 0 {
        return Err(ReadError::Empty { file });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            file,
            what: "file",
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// What a path that is not a regular file is: `fifo`, `device`, `socket`, `other`.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "fifo";
        }
        if t.is_block_device() || t.is_char_device() {
            return "device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    let _ = meta;
    "other"
}

/// Whether a file begins as an OLE compound file does (an `.xls`, an encrypted Office file).
pub(crate) fn is_compound_file(path: &Path) -> bool {
    let mut head = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == CFB_MAGIC
}

/// Checks a file before calamine opens it.
pub fn preflight(path: &Path) -> Result<(), ReadError> {
    check_file(path)?;
    let file = path.display().to_string();
    let open_err = |e: std::io::Error| ReadError::Open {
        file: file.clone(),
        source: e.into(),
    };
    let mut head = [0u8; 8];
    let mut f = std::fs::File::open(path).map_err(open_err)?;
    let n = f.read(&mut head).map_err(open_err)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let misnamed = |content: &'static str| ReadError::Misnamed {
        file: file.clone(),
        content,
        named: ext.clone(),
    };
    // An xlsx/xlsm/xlsb that is an OLE compound file is an encrypted Office package
    // (EncryptedPackage): the zip is inside, encrypted with the password; or an .xls renamed
    // (its Workbook stream says so).
    if n == 8 && head == CFB_MAGIC && matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb") {
        if crate::xls_guard::is_xls(path) {
            return Err(misnamed("xls"));
        }
        return Err(ReadError::Encrypted { file });
    }
    if n >= 4 && head[..4] == *b"PK\x03\x04" {
        // A zip named as another format: an xlsx named .xls or .ods, an ods named .xlsx.
        match (check_zip_format(f, &file)?, ext.as_str()) {
            (Some(c @ ("xlsx" | "ods")), "xls") => return Err(misnamed(c)),
            (Some("xlsx"), "ods") => return Err(misnamed("xlsx")),
            (Some("ods"), "xlsx" | "xlsm") => return Err(misnamed("ods")),
            _ => {}
        }
    } else if n == 8 && head == CFB_MAGIC {
        // `.xls` (BIFF in a compound file): calamine builds every sheet's range when it opens it.
        crate::xls_guard::check(path, &file)?;
    }
    Ok(())
}

/// What a zip holds: `xlsx` (an `xl/workbook.xml`), `ods` (an OpenDocument spreadsheet
/// `mimetype`), or neither (`None`, also when it cannot be read: the readers say why).
fn zip_format<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Option<&'static str> {
    if zip.index_for_name("xl/workbook.xml").is_some() {
        return Some("xlsx");
    }
    let mut mimetype = String::new();
    zip.by_name("mimetype")
        .ok()?
        .take(128)
        .read_to_string(&mut mimetype)
        .ok()?;
    (mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet").then_some("ods")
}

/// The checks of [`preflight`] on a zip package (xlsx, xlsm, ods): sizes, shared strings, the
/// memory budget, OpenDocument content.
pub fn check_zip<R: std::io::Read + std::io::Seek>(reader: R, file: &str) -> Result<(), ReadError> {
    check_zip_format(reader, file).map(|_| ())
}

/// [`check_zip`], saying also what the zip holds: `xlsx` (an `xl/workbook.xml`), `ods` (an
/// OpenDocument spreadsheet `mimetype`), or neither.
fn check_zip_format<R: std::io::Read + std::io::Seek>(
    reader: R,
    file: &str,
) -> Result<Option<&'static str>, ReadError> {
    let file = file.to_string();
    let format;
    {
        let mut archive = zip::ZipArchive::new(reader).map_err(|e| ReadError::Open {
            file: file.clone(),
            source: e.into(),
        })?;
        // Sizes from the central directory; nothing is decompressed here.
        let mut total: u64 = 0;
        for i in 0..archive.len() {
            if let Ok(entry) = archive.by_index_raw(i) {
                total = total.saturating_add(entry.size());
            }
        }
        if total > MAX_UNCOMPRESSED_BYTES {
            return Err(ReadError::TooLarge {
                file,
                what: "uncompressed content",
                size: total,
                limit: MAX_UNCOMPRESSED_BYTES,
            });
        }
        check_shared_strings(&mut archive, &file)?;
        check_memory_budget(&mut archive, &file)?;
        check_ods_content(&mut archive, &file)?;
        format = zip_format(&mut archive);
    }
    Ok(format)
}

/// What calamine keeps in memory for each element of a part it reads when it opens an xlsx, and
/// the fewest bytes that element takes in the file.
struct PartCost {
    /// Which zip entries (a name, or a prefix ending in `/`).
    entry: &'static str,
    /// The element, as it starts in the XML.
    needles: &'static [&'static [u8]],
    /// Fewest bytes one element takes in the file (`<si/>`: 5).
    min_bytes: u64,
    /// Bytes calamine keeps for one element (a `String` is 24 bytes before its text).
    memory: u64,
    what: &'static str,
}

const PART_COSTS: &[PartCost] = &[
    PartCost {
        entry: "xl/sharedStrings.xml",
        needles: &[b"<si>", b"<si/>", b"<si "],
        min_bytes: 5,
        memory: 24,
        what: "shared strings (xl/sharedStrings.xml)",
    },
    PartCost {
        entry: "xl/styles.xml",
        needles: &[b"<xf", b"<font", b"<fill", b"<border", b"<numFmt "],
        min_bytes: 5,
        memory: 128,
        what: "styles (xl/styles.xml)",
    },
    PartCost {
        entry: "xl/workbook.xml",
        needles: &[b"<sheet ", b"<definedName"],
        min_bytes: 10,
        memory: 128,
        what: "sheet list (xl/workbook.xml)",
    },
    PartCost {
        entry: "xl/worksheets/",
        needles: &[b"<mergeCell "],
        min_bytes: 20,
        memory: 48,
        what: "merged cells (xl/worksheets/)",
    },
];

/// Estimates what calamine would allocate for an xlsx from its zip directory and the parts it
/// sizes from the file, and refuses a workbook beyond [`MEMORY_BUDGET`] before calamine opens it.
/// A part is only read (streamed, counting its elements) when the most elements its size could
/// hold would cost more than the budget: an ordinary workbook costs one pass over the directory.
fn check_memory_budget<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    file: &str,
) -> Result<(), ReadError> {
    let over = |what: &str, estimate: u64| ReadError::OverBudget {
        file: file.to_string(),
        part: what.to_string(),
        estimate,
        limit: MEMORY_BUDGET,
    };
    // The zip reader and calamine keep every entry's name (and a cache of them): about 256 bytes
    // an entry.
    let mut total = (archive.len() as u64).saturating_mul(256);
    if total > MEMORY_BUDGET {
        return Err(over("zip entries", total));
    }
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(std::borrow::Cow::into_owned)
        .collect();
    for cost in PART_COSTS {
        let mut part_total: u64 = 0;
        for name in &names {
            let matches = if cost.entry.ends_with('/') {
                name.starts_with(cost.entry) && name.ends_with(".xml")
            } else {
                name.eq_ignore_ascii_case(cost.entry)
            };
            if !matches {
                continue;
            }
            let Ok(entry) = archive.by_name(name) else {
                continue;
            };
            let size = entry.size();
            let worst = (size / cost.min_bytes + 1).saturating_mul(cost.memory);
            let estimate = if worst <= MEMORY_BUDGET / 4 {
                worst
            } else {
                // The text of the elements is kept too; count it at its size in the file.
                count_elements(entry, cost.needles)
                    .saturating_mul(cost.memory)
                    .saturating_add(if cost.entry == "xl/sharedStrings.xml" {
                        size
                    } else {
                        0
                    })
            };
            part_total = part_total.saturating_add(estimate);
        }
        if part_total > MEMORY_BUDGET {
            return Err(over(cost.what, part_total));
        }
        total = total.saturating_add(part_total);
    }
    if total > MEMORY_BUDGET {
        return Err(over("the workbook's parts", total));
    }
    Ok(())
}

/// What calamine keeps for every shared-formula index up to the largest a sheet names (an
/// `Option<SharedFormula>`: the formula's text and its range).
const SHARED_FORMULA_BYTES: u64 = 40;

/// Checks an xlsx that zona's own reader leaves to calamine's xlsx reader, in one pass over its
/// XML parts, after calamine has opened it and before it reads a cell. A file that cannot be
/// opened is left to calamine to report.
///
/// - **Shared formulas** beyond [`MEMORY_BUDGET`]: calamine keeps a table of shared formulas
///   sized by the largest index (`<f t="shared" si="…">`) a sheet names, so one formula with
///   `si="4000000000"` in a small file asks for 160 GB, and the allocation failure (or the
///   kernel) ends the process. Every `si="<digits>"` in every XML part counts, wherever it
///   stands: more than calamine would read, never less (zona's reader never sizes anything by
///   `si`).
/// - **A shared-string index that is not a number** (`t="s"`, `<v>x</v>`) in a worksheet:
///   calamine reads it as string 0, the first text of the workbook, and zona would score an
///   answer no cell shows (Excel refuses such a file as damaged; zona's own reader refuses
///   such a cell itself).
pub fn check_calamine_xlsx(path: &Path, file: &str) -> Result<(), ReadError> {
    let Ok(f) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(f)) else {
        return Ok(());
    };
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            continue;
        };
        let name = entry.name().unwrap_or_default().to_string();
        let lower = name.to_ascii_lowercase();
        if !lower.ends_with(".xml") {
            continue;
        }
        let largest = if lower.starts_with("xl/worksheets/") {
            // A worksheet is read whole, for both checks.
            let mut xml = String::new();
            if entry
                .take(MAX_UNCOMPRESSED_BYTES)
                .read_to_string(&mut xml)
                .is_err()
            {
                continue;
            }
            if let Some((cell, index)) = bad_shared_string_index(&xml) {
                return Err(ReadError::Corrupt {
                    file: file.to_string(),
                    message: format!(
                        "{name}: cell {cell}: the shared-string index \"{index}\" is not a number"
                    ),
                });
            }
            scan_shared_indices(xml.as_bytes())
        } else {
            largest_shared_index(entry)
        };
        let estimate = largest
            .saturating_add(1)
            .saturating_mul(SHARED_FORMULA_BYTES);
        if largest > 0 && estimate > MEMORY_BUDGET {
            return Err(ReadError::OverBudget {
                file: file.to_string(),
                part: format!("shared formulas ({name})"),
                estimate,
                limit: MEMORY_BUDGET,
            });
        }
    }
    Ok(())
}

/// The first `<c … t="s">` whose `<v>` is not a plain number: its `r` and its value.
fn bad_shared_string_index(xml: &str) -> Option<(String, String)> {
    let mut from = 0;
    while let Some(at) = xml[from..].find("<c ") {
        let start = from + at;
        let tag_end = start + xml[start..].find('>')?;
        let tag = &xml[start..tag_end];
        from = tag_end;
        if tag.ends_with('/') || !(tag.contains(" t=\"s\"") || tag.contains(" t='s'")) {
            continue;
        }
        let close = from + xml[from..].find("</c>")?;
        let body = &xml[from..close];
        if let Some(v0) = body.find("<v>") {
            let rest = &body[v0 + 3..];
            let v = &rest[..rest.find("</v>")?];
            if !v.is_empty() && !v.bytes().all(|b| b.is_ascii_digit()) {
                let r = tag
                    .split_once(" r=\"")
                    .and_then(|(_, r)| r.split('"').next())
                    .unwrap_or("?");
                return Some((r.to_string(), v.to_string()));
            }
        }
    }
    None
}

/// The largest number given as `si="…"` (or `si='…'`, spaces around `=` allowed) in a zip
/// entry, streamed (at most [`MAX_UNCOMPRESSED_BYTES`]); 0 when there is none.
fn largest_shared_index(entry: impl std::io::Read) -> u64 {
    let mut reader = entry.take(MAX_UNCOMPRESSED_BYTES);
    let mut buf = vec![0u8; 1 << 16];
    // A match may straddle two reads: the tail of the last read is kept (an attribute with a
    // value of more than 40 digits saturates either way).
    const TAIL: usize = 64;
    let mut window: Vec<u8> = Vec::with_capacity(buf.len() + TAIL);
    let mut largest = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        window.extend_from_slice(&buf[..n]);
        largest = largest.max(scan_shared_indices(&window));
        let keep = window.len().min(TAIL);
        window.drain(..window.len() - keep);
    }
    largest
}

/// The largest `si="<digits>"` value in `bytes` (saturating at `u64::MAX`).
fn scan_shared_indices(bytes: &[u8]) -> u64 {
    let mut largest = 0u64;
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&bytes[from..], b"si") {
        let mut i = from + at + 2;
        from = from + at + 1;
        let skip_space = |mut i: usize| {
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
                i += 1;
            }
            i
        };
        i = skip_space(i);
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i = skip_space(i + 1);
        if !matches!(bytes.get(i), Some(b'"' | b'\'')) {
            continue;
        }
        i += 1;
        let mut value = 0u64;
        let mut digits = 0;
        while let Some(d) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            value = value.saturating_mul(10).saturating_add(u64::from(d - b'0'));
            digits += 1;
            i += 1;
        }
        if digits > 0 {
            largest = largest.max(value);
        }
    }
    largest
}

/// How many times any of `needles` occurs in a zip entry, streamed (at most
/// [`MAX_UNCOMPRESSED_BYTES`]). An entry that cannot be read counts what was read.
fn count_elements(entry: impl std::io::Read, needles: &[&[u8]]) -> u64 {
    let longest = needles.iter().map(|n| n.len()).max().unwrap_or(1);
    let mut reader = entry.take(MAX_UNCOMPRESSED_BYTES);
    let mut buf = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    let mut count = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        carry.extend_from_slice(&buf[..n]);
        // Count needles that start before the last `longest - 1` bytes; keep those bytes.
        let keep = longest.saturating_sub(1).min(carry.len());
        let limit = carry.len() - keep;
        for needle in needles {
            count += carry
                .windows(needle.len())
                .take(limit)
                .filter(|w| w == needle)
                .count() as u64;
        }
        carry.drain(..limit);
    }
    for needle in needles {
        count += carry.windows(needle.len()).filter(|w| w == needle).count() as u64;
    }
    count
}

thread_local! {
    /// Set while [`no_panic`] runs: a panic there becomes an error, and the hook of
    /// [`install_quiet_panic_hook`] keeps its message off stderr.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs, once per process, a panic hook that stays silent for a panic [`no_panic`] catches (a
/// spreadsheet library meeting a damaged file: the file's error says it) and prints every other
/// panic as the hook installed before it would.
///
/// **For binaries; libraries never call it.** A panic hook is process-wide, so it belongs to the
/// program's `main`, called first thing. Without it a caught panic still becomes
/// [`ReadError::Corrupt`], but the default hook has already printed its message on stderr.
/// Calling it again does nothing.
pub fn install_quiet_panic_hook() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `read`, turning a panic inside it (a spreadsheet library meeting a damaged file) into
/// [`ReadError::Corrupt`] for `file`. The panic's message reaches stderr through the process's
/// panic hook unless the program installed [`install_quiet_panic_hook`].
pub fn no_panic<T>(
    file: &str,
    read: impl FnOnce() -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    let was = QUIET.with(|q| q.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    QUIET.with(|q| q.set(was));
    outcome.unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| {
                payload
                    .downcast_ref::<&str>()
                    .map(std::string::ToString::to_string)
            })
            .unwrap_or_else(|| "the spreadsheet reader stopped".into());
        Err(ReadError::Corrupt {
            file: file.to_string(),
            message: why,
        })
    })
}

/// The shared-strings table declares how many strings it holds, and readers reserve that much
/// memory before reading: a count no file of this size could hold is a damaged (or hostile) file.
fn check_shared_strings<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    file: &str,
) -> Result<(), ReadError> {
    let Ok(entry) = archive.by_name("xl/sharedStrings.xml") else {
        return Ok(());
    };
    let size = entry.size();
    let mut head = Vec::with_capacity(2048);
    if entry.take(2048).read_to_end(&mut head).is_err() {
        return Ok(()); // calamine reports a broken entry itself
    }
    let head = String::from_utf8_lossy(&head);
    let declared = |attr: &str| -> Option<u64> {
        let start = head.find(&format!(" {attr}=\""))? + attr.len() + 3;
        head[start..].split('"').next()?.trim().parse().ok()
    };
    // Every unique string takes at least `<si/>` (5 bytes) in the file. (`count` counts the
    // cells that use the strings and may be larger.)
    for attr in ["uniqueCount"] {
        if let Some(n) = declared(attr) {
            if n > size / 5 + 1 {
                return Err(ReadError::Corrupt {
                    file: file.to_string(),
                    message: format!(
                        "xl/sharedStrings.xml declares {attr}={n} strings in {size} bytes"
                    ),
                });
            }
            // calamine reserves 24 bytes for each declared string before reading one.
            let reserve = n.saturating_mul(24);
            if reserve > MEMORY_BUDGET {
                return Err(ReadError::OverBudget {
                    file: file.to_string(),
                    part: format!("shared strings (xl/sharedStrings.xml, {attr}={n})"),
                    estimate: reserve,
                    limit: MEMORY_BUDGET,
                });
            }
        }
    }
    Ok(())
}

/// An OpenDocument sheet whose tables or cell notes never close makes calamine read for ever, and
/// repeated cells (`table:number-columns-repeated`) are expanded in memory: both are refused from
/// a plain scan of `content.xml` before calamine sees it.
fn check_ods_content<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    file: &str,
) -> Result<(), ReadError> {
    let Ok(entry) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = Vec::new();
    if entry
        .take(MAX_UNCOMPRESSED_BYTES)
        .read_to_end(&mut xml)
        .is_err()
    {
        return Ok(()); // calamine reports a broken entry itself
    }
    let count = |needle: &[u8]| xml.windows(needle.len()).filter(|w| *w == needle).count();
    for (open, close, what) in [
        (&b"<table:table "[..], &b"</table:table>"[..], "table:table"),
        (
            &b"<office:annotation"[..],
            &b"</office:annotation>"[..],
            "office:annotation",
        ),
    ] {
        // `<office:annotation-end` is another element.
        let opened = count(open)
            - if what == "office:annotation" {
                count(b"<office:annotation-end")
            } else {
                0
            };
        if opened != count(close) {
            return Err(ReadError::Corrupt {
                file: file.to_string(),
                message: format!("content.xml: an element <{what}> is not closed"),
            });
        }
    }
    // calamine's ODS reader loops for ever on some XML that is not well formed (an element left
    // open inside a cell takes the table's end with it); LibreOffice and Excel write well-formed
    // XML, so anything else is refused as damaged, with where.
    {
        let mut r = quick_xml::Reader::from_reader(&xml[..]);
        let mut depth = 0u64;
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
                Ok(quick_xml::events::Event::Eof) if depth == 0 => break,
                Ok(quick_xml::events::Event::Eof) => {
                    return Err(ReadError::Corrupt {
                        file: file.to_string(),
                        message: "content.xml: an element is not closed".to_string(),
                    })
                }
                Ok(_) => {}
                Err(e) => {
                    return Err(ReadError::Corrupt {
                        file: file.to_string(),
                        message: format!(
                            "content.xml: not well-formed XML at byte {}: {e}",
                            r.error_position()
                        ),
                    })
                }
            }
        }
    }
    // Cells a sheet would expand to. The spreadsheet library expands repeated cells that carry
    // content, the empty ones between them, and the rectangle from the first to the last row and
    // column with content; it never expands the empty padding LibreOffice writes up to the sheet's
    // edge (`<table:table-cell table:number-columns-repeated="1017"/>` at the end of a row, a
    // million empty rows at the end of a table). So only that is counted, per table.
    let number_after = |bytes: &[u8], attr: &[u8]| -> Option<u64> {
        let i = bytes.windows(attr.len()).position(|w| w == attr)?;
        let digits: Vec<u8> = bytes[i + attr.len()..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .copied()
            .collect();
        Some(
            std::str::from_utf8(&digits)
                .ok()?
                .parse()
                .unwrap_or(u64::MAX),
        )
    };
    let too_large = |cells: u64| ReadError::TooLarge {
        file: file.to_string(),
        what: "repeated cells",
        size: cells,
        limit: MAX_AREA,
    };
    let mut table = OdsExtent::default();
    let mut row = OdsRow::default();
    let mut at = 0usize;
    while at < xml.len() {
        let Some(lt) = xml[at..].iter().position(|b| *b == b'<') else {
            break;
        };
        let start = at + lt;
        let end = xml[start..]
            .iter()
            .position(|b| *b == b'>')
            .map_or(xml.len(), |e| start + e + 1);
        let tag = &xml[start..end];
        let closed = tag.ends_with(b"/>");
        if tag.starts_with(b"<table:table ") || tag == b"<table:table>" {
            table = OdsExtent::default();
        } else if tag.starts_with(b"<table:table-row") && !tag.starts_with(b"<table:table-rows") {
            row = OdsRow {
                repeat: number_after(tag, b"number-rows-repeated=\"")
                    .unwrap_or(1)
                    .max(1),
                ..OdsRow::default()
            };
            if closed {
                table.end_row(&row);
            }
        } else if tag.starts_with(b"</table:table-row") {
            table.end_row(&row);
            if table.cells() > MAX_AREA {
                return Err(too_large(table.cells()));
            }
        } else if tag.starts_with(b"<table:table-cell")
            || tag.starts_with(b"<table:covered-table-cell")
        {
            let n = number_after(tag, b"number-columns-repeated=\"")
                .unwrap_or(1)
                .max(1);
            // A cell with a value, a formula or any child element carries content; a
            // self-closing cell with a style only is empty.
            let content =
                !closed || contains(tag, b"office:value-type") || contains(tag, b"table:formula");
            row.cell(n, content);
            if row.raw > MAX_AREA {
                return Err(too_large(row.raw));
            }
        }
        at = end;
    }
    Ok(())
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// One ODS row as the scan sees it: its repeat count, the cells the library would keep for it,
/// and the columns its content spans.
#[derive(Default)]
struct OdsRow {
    repeat: u64,
    col: u64,
    pending_empty: u64,
    raw: u64,
    span: Option<(u64, u64)>,
}

impl OdsRow {
    fn cell(&mut self, n: u64, content: bool) {
        if content {
            self.raw = self
                .raw
                .saturating_add(self.pending_empty)
                .saturating_add(n);
            self.pending_empty = 0;
            let (lo, hi) = self.span.unwrap_or((self.col, self.col));
            self.span = Some((lo.min(self.col), hi.max(self.col.saturating_add(n))));
        } else {
            self.pending_empty = self.pending_empty.saturating_add(n);
        }
        self.col = self.col.saturating_add(n);
    }
}

/// The extent of one ODS table's content: what the library would allocate for it.
#[derive(Default)]
struct OdsExtent {
    next_row: u64,
    raw: u64,
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl OdsExtent {
    fn end_row(&mut self, row: &OdsRow) {
        self.raw = self.raw.saturating_add(row.raw);
        if let Some((lo, hi)) = row.span {
            let last = self.next_row.saturating_add(row.repeat - 1);
            let (first, _) = self.rows.unwrap_or((self.next_row, last));
            self.rows = Some((first, last));
            let (clo, chi) = self.cols.unwrap_or((lo, hi));
            self.cols = Some((clo.min(lo), chi.max(hi)));
        }
        self.next_row = self.next_row.saturating_add(row.repeat);
    }

    fn cells(&self) -> u64 {
        let area = match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0).saturating_add(1).saturating_mul(c1 - c0),
            _ => 0,
        };
        area.max(self.raw)
    }
}

/// A loaded xlsx sheet: its values, and the formulas of cells that have no cached value.
pub struct LoadedSheet {
    pub values: Range<Data>,
    pub formulas_without_value: Option<Range<String>>,
}

/// The last row and column (0-based) of an Excel sheet, XFD1048576: no spreadsheet program
/// writes a cell beyond it.
const EXCEL_LAST_ROW: u32 = 1_048_575;
const EXCEL_LAST_COL: u32 = 16_383;

/// Why a cell at (`row`, `col`) as calamine placed it cannot be read, if it cannot. calamine
/// computes a column from its letters without checking for overflow: a release build wraps (a
/// seven-letter `ZZZZZZZ` lands on a column that `cell_name` spells `MCNIOCD`), so a column past
/// XFD is refused without naming the cell, whose name would be wrong.
fn beyond_excel_sheet(row: u32, col: u32) -> Option<String> {
    if col > EXCEL_LAST_COL {
        Some("a cell beyond column XFD, the last column of an Excel sheet".to_string())
    } else if row > EXCEL_LAST_ROW {
        Some(format!(
            "cell {} is beyond row {}, the last row of an Excel sheet",
            crate::cell_name(row, col),
            EXCEL_LAST_ROW + 1
        ))
    } else {
        None
    }
}

/// Loads one xlsx sheet in a single pass, refusing sheets beyond the limits and cells beyond
/// the last cell of an Excel sheet.
pub fn load_xlsx_sheet<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut Xlsx<RS>,
    file: &str,
    name: &str,
) -> Result<LoadedSheet, ReadError> {
    let sheet_err = |e: calamine::XlsxError| ReadError::Sheet {
        file: file.to_string(),
        sheet: name.to_string(),
        source: e.into(),
    };
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(sheet_err)?;
    let mut values: Vec<Cell<Data>> = Vec::new();
    let mut formulas: Vec<Cell<String>> = Vec::new();
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
    while let Some(cell) = reader.next_cell_with_formula().map_err(sheet_err)? {
        let value: Data = cell.value.into();
        let empty = matches!(value, Data::Empty);
        let formula = cell.formula.filter(|f| !f.is_empty());
        if empty && formula.is_none() {
            continue;
        }
        let (r, c) = cell.pos;
        if let Some(detail) = beyond_excel_sheet(r, c) {
            return Err(ReadError::SheetTooLarge {
                file: file.to_string(),
                sheet: name.to_string(),
                detail,
            });
        }
        r0 = r0.min(r);
        r1 = r1.max(r);
        c0 = c0.min(c);
        c1 = c1.max(c);
        if values.len() + formulas.len() >= MAX_CELLS {
            return Err(ReadError::SheetTooLarge {
                file: file.to_string(),
                sheet: name.to_string(),
                detail: format!("more than {MAX_CELLS} cells"),
            });
        }
        let area = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        if area > MAX_AREA {
            return Err(ReadError::SheetTooLarge {
                file: file.to_string(),
                sheet: name.to_string(),
                detail: format!(
                    "cells span {}:{} ({} × {} cells)",
                    crate::cell_name(r0, c0),
                    crate::cell_name(r1, c1),
                    u64::from(r1 - r0) + 1,
                    u64::from(c1 - c0) + 1
                ),
            });
        }
        if empty {
            if let Some(f) = formula {
                formulas.push(Cell::new(cell.pos, f));
            }
        } else {
            values.push(Cell::new(cell.pos, value));
        }
    }
    Ok(LoadedSheet {
        values: Range::from_sparse(values),
        formulas_without_value: (!formulas.is_empty()).then(|| Range::from_sparse(formulas)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_formula_indices_are_found_however_they_are_written() {
        assert_eq!(
            scan_shared_indices(b"<f t=\"shared\" ref=\"A1:A9\" si=\"0\">"),
            0
        );
        assert_eq!(
            scan_shared_indices(b"<f si=\"12\"/><x:f si = '4000000000'>"),
            4_000_000_000
        );
        assert_eq!(
            scan_shared_indices(b"<f si=\"99999999999999999999999\">"),
            u64::MAX
        );
        assert_eq!(
            scan_shared_indices(b"<c><is><t>si</t></is></c> si=x si="),
            0
        );
        // Across two reads of the stream.
        let mut xml = vec![b' '; (1 << 16) - 5];
        xml.extend_from_slice(b"<f si=\"123456\">1</f>");
        assert_eq!(largest_shared_index(&xml[..]), 123_456);
    }

    #[test]
    fn a_shared_string_index_is_a_plain_number_or_the_cell_is_named() {
        let cell = |v: &str| format!(r#"<row><c r="K9" s="6" t="s"><v>{v}</v></c></row>"#);
        assert_eq!(bad_shared_string_index(&cell("23")), None);
        assert_eq!(bad_shared_string_index(&cell("")), None);
        for odd in [" 23", "+23", "-1", "23.0", "0x17", "x"] {
            assert_eq!(
                bad_shared_string_index(&cell(odd)),
                Some(("K9".to_string(), odd.to_string())),
                "{odd}"
            );
        }
        // Other types and empty cells are not shared strings.
        assert_eq!(
            bad_shared_string_index(r#"<c r="A1" t="str"><v>x</v></c><c r="B1" t="s"/>"#),
            None
        );
    }

    #[test]
    fn a_cell_beyond_xfd1048576_is_refused_and_named_only_when_its_name_is_right() {
        assert_eq!(beyond_excel_sheet(EXCEL_LAST_ROW, EXCEL_LAST_COL), None);
        assert_eq!(beyond_excel_sheet(0, 0), None);
        // A column past XFD (a wrapped `ZZZZZZZ` lands on 4058115285): the cell is not named.
        let col = beyond_excel_sheet(2, 4_058_115_285).unwrap();
        assert_eq!(
            col,
            "a cell beyond column XFD, the last column of an Excel sheet"
        );
        let row = beyond_excel_sheet(4_294_967_294, 1).unwrap();
        assert_eq!(
            row,
            "cell B4294967295 is beyond row 1048576, the last row of an Excel sheet"
        );
        let err = |detail: String| ReadError::SheetTooLarge {
            file: "a.xlsx".into(),
            sheet: "LKE".into(),
            detail,
        };
        assert_eq!(
            err(col).message(zona_core::Lang::Id),
            "a.xlsx: lembar `LKE` terlalu besar untuk sebuah LKE: ada sel di luar kolom XFD, \
             kolom terakhir lembar Excel"
        );
        assert_eq!(
            err(row).message(zona_core::Lang::Id),
            "a.xlsx: lembar `LKE` terlalu besar untuk sebuah LKE: sel B4294967295 di luar baris \
             1048576, baris terakhir lembar Excel"
        );
    }
}
