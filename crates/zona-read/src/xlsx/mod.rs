//! zona's own reader of xlsx worksheets: the values of one sheet, the formulas of the cells that
//! have no cached value, and the sheet's merged ranges, in one pass over the decompressed XML.
//!
//! It reads what calamine reads, the way calamine 0.38 reads it (the same shared strings with
//! rich text, phonetic runs and `_xHHHH_` escapes, the same date styles, the same cell types and
//! positions), for about half of the instructions: the parts are decompressed once into memory
//! and parsed as borrowed slices, only the styles' number formats are read, formula text is kept
//! only where a cell has no cached value, and the merged ranges come from the same pass.
//!
//! Where the file is anything but ordinary it steps aside instead of guessing: an XML error, a
//! cell reference or number outside the plain forms, a shared formula without a cached value, an
//! unknown cell type or element, a part larger than [`PART_LIMIT`], zip entry names that differ
//! only in case, a sheet beyond the limits of [`crate::guard`]. The workbook is then read by
//! calamine as before ([`Unsupported`]), so what zona reports for such a file does not depend on
//! this reader. Tests compare both readers on every workbook of the test data, on hand-made parts
//! and on generated sheets (`crates/zona-read/tests/own_xlsx_reader.rs`, through
//! [`compare_with_calamine`]), and the fuzz target `xlsx_differential` does the same on mutated
//! workbooks.
//!
//! - this module: the package (relationships, workbook, shared strings, number formats), the
//!   sheet's prefix and merged ranges, and the event reader of cells;
//! - `scan`: the plain scan of `<sheetData>` and of plain shared strings, tried first;
//! - `calamine_rules`: what is copied from calamine's source (MIT, © Johann Tuffe) so that both
//!   readers agree: attribute scanning, entities, `_xHHHH_` escapes, which number formats are dates;
//! - `compare`: both readers side by side, for tests and fuzzing.

use std::io::{Read, Seek};

use calamine::{
    Cell, CellErrorType, Data, Dimensions, ExcelDateTime, ExcelDateTimeType, Range, SheetType,
    SheetVisible,
};
use quick_xml::events::{BytesStart, Event};

use crate::guard::{MAX_AREA, MAX_CELLS};

mod calamine_rules;
mod compare;
mod scan;

use calamine_rules::{
    attrs, builtin_format_by_id, decode_attr, detect_custom_number_format, entity, raw_attr,
    unescape_xml, RawAttrIter,
};
pub use compare::{compare_with_calamine, Agreement};

/// Largest decompressed part (a sheet, the shared strings, the styles) read into memory; a larger
/// one is left to calamine, which streams it.
pub const PART_LIMIT: u64 = 64 * 1024 * 1024;

/// This reader does not read the file the way calamine would, or not certainly: calamine reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported;

type Res<T> = Result<T, Unsupported>;

impl From<quick_xml::Error> for Unsupported {
    fn from(_: quick_xml::Error) -> Self {
        Unsupported
    }
}

/// One sheet of the workbook, in workbook order.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetEntry {
    pub name: String,
    pub typ: SheetType,
    pub visible: SheetVisible,
    /// Path of the sheet's part in the zip (as calamine resolves it).
    path: String,
}

/// A loaded sheet: what [`crate::guard::load_xlsx_sheet`] gives, and the merged ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct XlsxSheet {
    pub values: Range<Data>,
    pub formulas_without_value: Option<Range<String>>,
    pub merged: Vec<Dimensions>,
    /// Rows (0-based, ascending) and column spans (0-based, inclusive) the sheet hides.
    pub hidden_rows: Vec<u32>,
    pub hidden_cols: Vec<(u32, u32)>,
    /// Cells with a cached value whose formula only refers to another cell (`=S9`): (cell,
    /// referenced cell), 0-based, ascending.
    pub references: Vec<Reference>,
    /// Cells left out because they lie far from the sheet's table (a stray value in XFD5 of a
    /// 600-row sheet): kept, they would make the sheet's rectangle larger than
    /// [`crate::guard::MAX_AREA`]. 0-based (row, column), ascending. See `far_cells`.
    pub far_cells: Vec<(u32, u32)>,
    /// Numbers whose format shows them otherwise than zona reads them (0.93 as "93%"): 0-based
    /// (row, column), ascending.
    pub shown: Vec<((u32, u32), ShownAs)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CellFormat {
    Other,
    DateTime,
    TimeDelta,
    /// A number shown otherwise than it is (read as calamine reads it, a plain number).
    Shown(ShownAs),
}

/// How a number format shows a number so that what a reader sees is not the number zona scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ShownAs {
    /// As a percentage (`0%`: 0.93 shows as "93%").
    Percent,
    /// Without its digits (`;;;`, `"3,72"`: nothing, or a text of the format's own).
    NotItsDigits,
}

/// What a number format shows that a reader would take for another number, if anything.
fn shown_as(code: &str) -> Option<ShownAs> {
    // The first section (positive numbers), outside quotes and escapes.
    let mut plain = String::new();
    let (mut quoted, mut escaped) = (false, false);
    for c in code.chars() {
        match (c, quoted, escaped) {
            (_, _, true) => escaped = false,
            ('"', _, _) => quoted = !quoted,
            (_, true, _) => {}
            ('\\' | '_' | '*', ..) => escaped = true,
            (';', ..) => break,
            (c, ..) => plain.push(c),
        }
    }
    // `General` shows the number as it is, in any section (`General;-General;"-"`); so does `@`.
    let general = plain.to_ascii_lowercase().contains("general") || plain.trim() == "@";
    if plain.contains('%') {
        Some(ShownAs::Percent)
    } else if !general && !plain.chars().any(|c| matches!(c, '0' | '#' | '?')) {
        Some(ShownAs::NotItsDigits)
    } else {
        None
    }
}

/// An opened xlsx package.
pub struct XlsxBook<RS: Read + Seek> {
    zip: zip::ZipArchive<RS>,
    /// Entry names normalised as calamine looks them up (`\` → `/`, ASCII lowercase), with the
    /// entry's own name.
    entries: Vec<(String, String)>,
    sheets: Vec<SheetEntry>,
    strings: Vec<String>,
    formats: Vec<CellFormat>,
    is_1904: bool,
}

impl<RS: Read + Seek> XlsxBook<RS> {
    /// Opens a package: its relationships, shared strings, number formats and sheet list.
    pub fn open(reader: RS) -> Res<Self> {
        let zip = zip::ZipArchive::new(reader).map_err(|_| Unsupported)?;
        let mut entries: Vec<(String, String)> = zip
            .file_names()
            .map(|n| {
                let n = n.map_err(|_| Unsupported)?;
                Ok((n.replace('\\', "/").to_ascii_lowercase(), n.to_string()))
            })
            .collect::<Res<_>>()?;
        entries.sort();
        if entries.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(Unsupported);
        }
        let mut book = XlsxBook {
            zip,
            entries,
            sheets: Vec::new(),
            strings: Vec::new(),
            formats: Vec::new(),
            is_1904: false,
        };
        let (xl_path, workbook_name) = book.package_relationships()?;
        if let Some(xml) = book.part(&format!("{xl_path}sharedStrings.xml"))? {
            book.strings = read_shared_strings(&xml)?;
        }
        if let Some(xml) = book.part(&format!("{xl_path}styles.xml"))? {
            book.formats = read_number_formats(&xml)?;
        }
        let rels = book
            .part(&format!("{xl_path}_rels/{workbook_name}.rels"))?
            .ok_or(Unsupported)?;
        let rels = read_relationships(&rels)?;
        let workbook = book
            .part(&format!("{xl_path}{workbook_name}"))?
            .ok_or(Unsupported)?;
        let (sheets, is_1904) = read_workbook(&workbook, &rels, &xl_path)?;
        book.sheets = sheets;
        book.is_1904 = is_1904;
        Ok(book)
    }

    /// The sheets, in workbook order.
    pub fn sheets(&self) -> &[SheetEntry] {
        &self.sheets
    }

    /// Loads one sheet (the first of that name, as calamine does).
    pub fn load(&mut self, name: &str) -> Res<XlsxSheet> {
        self.load_with(name, true).map(|(sheet, _)| sheet)
    }

    /// [`XlsxBook::load`]; `scan`: try the plain scan of the cells before the events reader.
    /// Also says whether the scan read them (for tests).
    pub fn load_with(&mut self, name: &str, scan: bool) -> Res<(XlsxSheet, bool)> {
        let path = self
            .sheets
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.path.clone())
            .ok_or(Unsupported)?;
        let xml = self.part(&path)?.ok_or(Unsupported)?;
        let ctx = Context {
            strings: &self.strings,
            formats: &self.formats,
            is_1904: self.is_1904,
        };
        read_sheet(&xml, &ctx, scan)
    }

    /// A part's text, `None` when the package has no such entry.
    fn part(&mut self, path: &str) -> Res<Option<String>> {
        let key = path.to_ascii_lowercase();
        let name = match self.entries.binary_search_by(|(n, _)| n.as_str().cmp(&key)) {
            Ok(i) => self.entries[i].1.clone(),
            Err(_) => path.to_string(),
        };
        let entry = match self.zip.by_name(&name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(_) => return Err(Unsupported),
        };
        let mut bytes = Vec::with_capacity(entry.size().min(PART_LIMIT) as usize);
        entry
            .take(PART_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| Unsupported)?;
        if bytes.len() as u64 > PART_LIMIT {
            return Err(Unsupported);
        }
        // UTF-8 only (a BOM is dropped); a part in another encoding is calamine's to decode.
        let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        let text = String::from_utf8(bytes).map_err(|_| Unsupported)?;
        if let Some(decl) = text.strip_prefix("<?xml") {
            let decl = &decl[..decl.find("?>").ok_or(Unsupported)?];
            if let Some(at) = decl.find("encoding") {
                let enc = decl[at + "encoding".len()..]
                    .trim_start_matches([' ', '=', '"', '\''])
                    .to_ascii_lowercase();
                if !enc.starts_with("utf-8") {
                    return Err(Unsupported);
                }
            }
        }
        Ok(Some(text))
    }

    /// `_rels/.rels`: where the workbook part is (`xl/`, `workbook.xml` unless it says otherwise).
    fn package_relationships(&mut self) -> Res<(String, String)> {
        let xml = self.part("_rels/.rels")?.ok_or(Unsupported)?;
        let mut r = reader(&xml);
        let mut target = None;
        let mut inside = false;
        loop {
            match r.read_event()? {
                Event::Start(e) if e.local_name().as_ref() == "Relationships" => inside = true,
                Event::Start(e) if inside && e.local_name().as_ref() == "Relationship" => {
                    let [typ, tgt] = attrs(e.attributes_raw(), ["Type", "Target"])?;
                    if typ.is_some_and(|t| t.ends_with("/relationships/officeDocument")) {
                        if let Some(t) = tgt {
                            target = Some(decode_attr(t)?);
                        }
                    }
                }
                Event::End(e) if inside && e.local_name().as_ref() == "Relationships" => break,
                Event::Eof => return Err(Unsupported),
                _ => {}
            }
        }
        let target = target.ok_or(Unsupported)?;
        let (dir, name) = match target.rfind('/') {
            Some(i) => target.split_at(i + 1),
            None => ("", target.as_str()),
        };
        let dir = dir.strip_prefix('/').unwrap_or(dir).to_string();
        let name = if name.is_empty() {
            "workbook.xml".to_string()
        } else {
            name.to_string()
        };
        Ok((dir, name))
    }
}

struct Context<'a> {
    strings: &'a [String],
    formats: &'a [CellFormat],
    is_1904: bool,
}

/// A reader over a part's text, configured as calamine configures its readers.
fn reader(xml: &str) -> quick_xml::Reader<&[u8]> {
    let mut r = quick_xml::Reader::from_str(xml);
    let config = r.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    r
}

// ---------------------------------------------------------------------------------------------
// Package parts

/// `(Id, Target, Type)` of every relationship; a later one with the same id wins.
fn read_relationships(xml: &str) -> Res<Vec<(String, String, String)>> {
    let mut r = reader(xml);
    let mut rels = Vec::new();
    loop {
        match r.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                let [id, typ, target] = attrs(e.attributes_raw(), ["Id", "Type", "Target"])?;
                if let Some(id) = id {
                    rels.push((
                        id.to_string(),
                        target.unwrap_or_default().to_string(),
                        typ.unwrap_or_default().to_string(),
                    ));
                }
            }
            Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
    Ok(rels)
}

/// The sheets of `workbook.xml` and its 1904 date flag.
fn read_workbook(
    xml: &str,
    rels: &[(String, String, String)],
    xl_path: &str,
) -> Res<(Vec<SheetEntry>, bool)> {
    let mut r = reader(xml);
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    loop {
        match r.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                let mut name = String::new();
                let mut rel_id = "";
                let mut visible = SheetVisible::Visible;
                for item in RawAttrIter::new(e.attributes_raw()) {
                    let (key, val) = item?;
                    match key {
                        "name" => name = decode_attr(val)?,
                        "state" => {
                            visible = match val {
                                "visible" => SheetVisible::Visible,
                                "hidden" => SheetVisible::Hidden,
                                "veryHidden" => SheetVisible::VeryHidden,
                                _ => return Err(Unsupported),
                            }
                        }
                        key if key == "id"
                            || key
                                .strip_suffix("id")
                                .is_some_and(|p| p.as_bytes().last() == Some(&b':')) =>
                        {
                            rel_id = val;
                        }
                        _ => {}
                    }
                }
                let (_, target, typ) = rels
                    .iter()
                    .rev()
                    .find(|(id, _, _)| id == rel_id)
                    .ok_or(Unsupported)?;
                let path = match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("{xl_path}{target}"),
                };
                let typ = match typ.split('/').next_back() {
                    Some("worksheet") => SheetType::WorkSheet,
                    Some("chartsheet") => SheetType::ChartSheet,
                    Some("dialogsheet") => SheetType::DialogSheet,
                    _ => return Err(Unsupported),
                };
                sheets.push(SheetEntry {
                    name,
                    typ,
                    visible,
                    path,
                });
            }
            Event::Start(e) if e.local_name().as_ref() == "workbookPr" => {
                if let Some(v) = raw_attr(&e, "date1904")? {
                    is_1904 = v == "1" || v == "true";
                }
            }
            // calamine reads a defined name's text and fails on an unknown entity in it.
            Event::Start(e)
                if e.local_name().as_ref() == "definedName" && raw_attr(&e, "name")?.is_some() =>
            {
                let end = e.name().as_ref().to_string();
                loop {
                    match r.read_event()? {
                        Event::GeneralRef(g) => {
                            entity(&g)?;
                        }
                        Event::End(x) if x.name().as_ref() == end => break,
                        Event::Eof => return Err(Unsupported),
                        _ => {}
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "workbook" => break,
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
    Ok((sheets, is_1904))
}

/// `sharedStrings.xml`: every `<si>`, rich text runs joined, phonetic runs left out.
fn read_shared_strings(xml: &str) -> Res<Vec<String>> {
    shared_strings_with(xml, true)
}

/// [`read_shared_strings`]; `scan`: try the plain scan first.
fn shared_strings_with(xml: &str, scan: bool) -> Res<Vec<String>> {
    let mut r = reader(xml);
    loop {
        match r.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "sst" => break,
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
    let start = usize::try_from(r.buffer_position()).map_err(|_| Unsupported)?;
    if scan {
        if let Ok(strings) = scan::shared_strings(xml, start) {
            return Ok(strings);
        }
    }
    let mut strings = Vec::new();
    loop {
        match r.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                strings.push(read_string(&mut r, e.name().as_ref())?);
            }
            Event::End(e) if e.local_name().as_ref() == "sst" => break,
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
    Ok(strings)
}

/// A simple or rich string up to the end of `closing` (calamine's `read_string_with_bufs`).
fn read_string(r: &mut quick_xml::Reader<&[u8]>, closing: &str) -> Res<String> {
    let mut rich: Option<String> = None;
    let mut phonetic = false;
    loop {
        match r.read_event()? {
            // calamine looks for merged ranges in the whole part, even inside a cell.
            Event::Start(e) if e.local_name().as_ref() == "mergeCells" => return Err(Unsupported),
            Event::Start(e) if e.local_name().as_ref() == "r" && rich.is_none() => {
                rich = Some(String::new());
            }
            Event::Start(e) if e.local_name().as_ref() == "rPh" => phonetic = true,
            Event::End(e) if e.name().as_ref() == closing => return Ok(rich.unwrap_or_default()),
            Event::End(e) if e.local_name().as_ref() == "rPh" => phonetic = false,
            Event::Start(e) if e.local_name().as_ref() == "t" && !phonetic => {
                let preserve = raw_attr(&e, "xml:space")? == Some("preserve");
                let mut value = String::new();
                loop {
                    match r.read_event()? {
                        Event::Start(x) if x.local_name().as_ref() == "mergeCells" => {
                            return Err(Unsupported)
                        }
                        Event::Text(t) => value.push_str(&t.xml10_content()),
                        Event::CData(t) => value.push_str(&t.xml10_content()),
                        Event::GeneralRef(g) => value.push_str(&entity(&g)?),
                        Event::End(end) if end.name() == e.name() => break,
                        Event::Eof => return Err(Unsupported),
                        _ => {}
                    }
                }
                let value = if preserve {
                    unescape_xml(&value).into_owned()
                } else {
                    unescape_xml(value.trim_matches([' ', '\t', '\r', '\n'])).into_owned()
                };
                match &mut rich {
                    Some(s) => s.push_str(&value),
                    None => rich = Some(value),
                }
            }
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
}

/// `styles.xml`: the number format class (date, duration, other) of every cell format.
fn read_number_formats(xml: &str) -> Res<Vec<CellFormat>> {
    let mut r = reader(xml);
    let mut custom: Vec<(String, String)> = Vec::new();
    let mut formats = Vec::new();
    loop {
        match r.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "numFmts" => loop {
                match r.read_event()? {
                    Event::Start(e) if e.local_name().as_ref() == "numFmt" => {
                        let [id, code] = attrs(e.attributes_raw(), ["numFmtId", "formatCode"])?;
                        if let (Some(id), Some(code)) = (id, code) {
                            let code = decode_attr(code)?;
                            match custom.iter_mut().find(|(i, _)| i == id) {
                                Some(slot) => slot.1 = code,
                                None => custom.push((id.to_string(), code)),
                            }
                        }
                    }
                    Event::End(e) if e.local_name().as_ref() == "numFmts" => break,
                    Event::Eof => return Err(Unsupported),
                    _ => {}
                }
            },
            Event::Start(e) if e.local_name().as_ref() == "cellXfs" => loop {
                match r.read_event()? {
                    Event::Start(e) if e.local_name().as_ref() == "xf" => {
                        formats.push(raw_attr(&e, "numFmtId")?.map_or(CellFormat::Other, |id| {
                            let format = match custom.iter().find(|(i, _)| i == id) {
                                Some((_, code)) => match detect_custom_number_format(code) {
                                    CellFormat::Other => {
                                        shown_as(code).map_or(CellFormat::Other, CellFormat::Shown)
                                    }
                                    f => f,
                                },
                                None => builtin_format_by_id(id),
                            };
                            // The built-in percentages (`0%`, `0.00%`).
                            match (format, id) {
                                (CellFormat::Other, "9" | "10") => {
                                    CellFormat::Shown(ShownAs::Percent)
                                }
                                (f, _) => f,
                            }
                        }));
                        // The record's body, up to the first end of an `xf`, as calamine reads it.
                        loop {
                            match r.read_event()? {
                                Event::End(x) if x.local_name().as_ref() == "xf" => break,
                                Event::Eof => return Err(Unsupported),
                                _ => {}
                            }
                        }
                    }
                    Event::End(e) if e.local_name().as_ref() == "cellXfs" => break,
                    Event::Eof => return Err(Unsupported),
                    _ => {}
                }
            },
            Event::End(e) if e.local_name().as_ref() == "styleSheet" => break,
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
    Ok(formats)
}

// ---------------------------------------------------------------------------------------------
// The sheet

/// What a `<c>` holds, read the way calamine's `next_cell_with_formula` reads it.
enum Value<'s> {
    Empty,
    Shared(&'s str),
    Data(Data),
    /// A number whose format shows it otherwise ([`ShownAs`]).
    Shown(f64, ShownAs),
}

/// Reads a sheet part; `scan`: try the plain scan of the cells first. Says whether it read them.
fn read_sheet(xml: &str, ctx: &Context, scan: bool) -> Res<(XlsxSheet, bool)> {
    let mut r = reader(xml);
    // Up to `<sheetData>`: a `<dimension>` must have a `ref`. `depth`: elements open, as the
    // events reader counts them (it refuses a closing tag when none is open).
    let mut depth = 0u32;
    let mut hidden_cols = Vec::new();
    loop {
        let event = r.read_event()?;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "dimension" => {
                    dimension(raw_attr(&e, "ref")?.ok_or(Unsupported)?)?;
                }
                // Only what zona reads of them: which columns are hidden (`<col min max
                // hidden>`, 1-based); one it cannot read hides nothing.
                "col" if is_true(raw_attr(&e, "hidden")?) => {
                    let bound = |name| -> Res<Option<u32>> {
                        Ok(raw_attr(&e, name)?
                            .and_then(|v| v.trim().parse::<u32>().ok())
                            .filter(|v| (1..=MAX_COL).contains(v)))
                    };
                    if let (Some(min), Some(max)) = (bound("min")?, bound("max")?) {
                        if min <= max {
                            hidden_cols.push((min - 1, max - 1));
                        }
                    }
                }
                // calamine finds merged ranges anywhere in the part; only after the cells here.
                "mergeCells" => return Err(Unsupported),
                "sheetData" => break,
                _ => {}
            },
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
    let start = usize::try_from(r.buffer_position()).map_err(|_| Unsupported)?;
    // The cells: the plain scan where the XML is in the forms spreadsheets write, else events.
    let scanned = if scan {
        scan::sheet_data(xml, start, depth, ctx).ok()
    } else {
        None
    };
    let was_scanned = scanned.is_some();
    let (cells, mut tail, mut depth) = match scanned {
        Some((cells, end, depth)) => {
            // The rest of the part, read from `</sheetData>` on; the elements still open are
            // counted here (`depth`), not by that reader.
            let mut tail = reader(&xml[end..]);
            tail.config_mut().allow_unmatched_ends = true;
            (cells, tail, Some(depth))
        }
        None => (cells_by_events(&mut r, ctx)?, r, None),
    };
    let merged = merged_ranges(&mut tail, depth.as_mut())?;
    let mut cells = cells;
    let far_cells = far_cells(&mut cells)?;
    let mut shown = std::mem::take(&mut cells.shown);
    shown.sort_unstable();
    shown.retain(|(p, _)| !far_cells.contains(p));
    let mut hidden_rows = cells.hidden_rows;
    hidden_rows.sort_unstable();
    hidden_rows.dedup();
    let mut references = cells.references;
    references.sort_unstable();
    let sheet = XlsxSheet {
        values: Range::from_sparse(cells.values),
        formulas_without_value: (!cells.formulas.is_empty())
            .then(|| Range::from_sparse(cells.formulas)),
        merged,
        hidden_rows,
        hidden_cols,
        references,
        far_cells,
        shown,
    };
    Ok((sheet, was_scanned))
}

/// The merged ranges after the cells, as calamine finds them (its `merge_cells_by_sheet_name`,
/// whose error zona takes as no merged ranges): the first `<mergeCells>`; an XML error before
/// its end, or a closing tag with no element open (`depth`, when the reader does not count them
/// itself), means none. A range calamine might read otherwise is [`Unsupported`].
fn merged_ranges(
    tail: &mut quick_xml::Reader<&[u8]>,
    mut depth: Option<&mut u32>,
) -> Res<Vec<Dimensions>> {
    let mut merged = Vec::new();
    let mut inside = false;
    loop {
        let Ok(event) = tail.read_event() else {
            return Ok(Vec::new());
        };
        if let Some(d) = depth.as_deref_mut() {
            match &event {
                Event::Start(_) => *d += 1,
                Event::End(_) if *d == 0 => return Ok(Vec::new()),
                Event::End(_) => *d -= 1,
                _ => {}
            }
        }
        match event {
            Event::Start(e) if !inside && e.local_name().as_ref() == "mergeCells" => inside = true,
            Event::Start(m) if inside && m.local_name().as_ref() == "mergeCell" => {
                if let Some(v) = raw_attr(&m, "ref")? {
                    merged.push(dimension(v)?);
                }
            }
            Event::End(m) if inside && m.local_name().as_ref() == "mergeCells" => {
                return Ok(merged)
            }
            Event::Eof => return Ok(Vec::new()),
            _ => {}
        }
    }
}

/// The cells kept from a sheet, within the limits of [`crate::guard`] (as
/// `guard::load_xlsx_sheet` keeps them: values, and formulas of cells without one).
#[derive(Default)]
struct Cells {
    values: Vec<Cell<Data>>,
    formulas: Vec<Cell<String>>,
    /// Rows marked `hidden` (0-based), in the order met.
    hidden_rows: Vec<u32>,
    /// Cells with a cached value whose formula is a plain reference: (cell, referenced cell).
    references: Vec<Reference>,
    /// Rows and columns spanned so far: first row, last row, first column, last column.
    span: Option<(u32, u32, u32, u32)>,
    /// Numbers whose format shows them otherwise, in the order met.
    shown: Vec<((u32, u32), ShownAs)>,
}

impl Cells {
    fn add(&mut self, pos: (u32, u32), value: Value, formula: Option<String>) -> Res<()> {
        let value = match value {
            Value::Empty => None,
            Value::Shared(s) => Some(Data::String(s.to_string())),
            Value::Data(d) => Some(d),
            Value::Shown(n, how) => {
                self.shown.push((pos, how));
                Some(Data::Float(n))
            }
        };
        let formula = formula.filter(|f| !f.is_empty());
        if value.is_none() && formula.is_none() {
            return Ok(());
        }
        let (r0, r1, c0, c1) = self.span.unwrap_or((pos.0, pos.0, pos.1, pos.1));
        self.span = Some((r0.min(pos.0), r1.max(pos.0), c0.min(pos.1), c1.max(pos.1)));
        if self.values.len() + self.formulas.len() >= MAX_CELLS {
            // calamine's reader says why (guard::load_xlsx_sheet).
            return Err(Unsupported);
        }
        match value {
            Some(v) => {
                self.values.push(Cell::new(pos, v));
                if let Some(target) = formula.as_deref().and_then(plain_reference) {
                    self.references.push((pos, target));
                }
            }
            None => self
                .formulas
                .push(Cell::new(pos, formula.unwrap_or_default())),
        }
        Ok(())
    }
}

/// Rows between two blocks of cells, and columns, from which on [`far_cells`] tells them apart.
const FAR_ROWS: u32 = 5_000;
const FAR_COLS: u32 = 256;

/// Where the cells span more than [`MAX_AREA`] (which a dense [`Range`] would allocate), keeps
/// the block of rows and the block of columns that hold the most cells and takes the others out,
/// returning their positions: blocks are parted by more than [`FAR_ROWS`] empty rows or
/// [`FAR_COLS`] empty columns. A stray value typed far from the table (XFD5, A1048576) then
/// costs nothing and is named (`far_cells_ignored`); a sheet whose kept block is still too large
/// is [`Unsupported`], and calamine's guard refuses it with its size.
fn far_cells(cells: &mut Cells) -> Res<Vec<(u32, u32)>> {
    let Some((r0, r1, c0, c1)) = cells.span else {
        return Ok(Vec::new());
    };
    if (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1) <= MAX_AREA {
        return Ok(Vec::new());
    }
    fn positions(cells: &Cells) -> impl Iterator<Item = (u32, u32)> + '_ {
        cells
            .values
            .iter()
            .map(Cell::get_position)
            .chain(cells.formulas.iter().map(Cell::get_position))
    }
    let rows = busiest_block(positions(cells).map(|p| p.0).collect(), FAR_ROWS);
    let cols = busiest_block(positions(cells).map(|p| p.1).collect(), FAR_COLS);
    let kept = |p: (u32, u32)| (rows.0..=rows.1).contains(&p.0) && (cols.0..=cols.1).contains(&p.1);
    let mut far: Vec<(u32, u32)> = positions(cells).filter(|p| !kept(*p)).collect();
    far.sort_unstable();
    cells.values.retain(|c| kept(c.get_position()));
    cells.formulas.retain(|c| kept(c.get_position()));
    cells.references.retain(|(at, _)| kept(*at));
    // The busiest rows and the busiest columns may share no cell: nothing would be left.
    if positions(cells).next().is_none() {
        return Err(Unsupported);
    }
    let (r0, r1, c0, c1) = positions(cells).fold((u32::MAX, 0, u32::MAX, 0), |s, p| {
        (s.0.min(p.0), s.1.max(p.0), s.2.min(p.1), s.3.max(p.1))
    });
    if (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1) > MAX_AREA {
        return Err(Unsupported);
    }
    Ok(far)
}

/// Of coordinates (one per cell, any order), the inclusive span of the block holding the most of
/// them, blocks parted by gaps of more than `gap`; of equal blocks, the first.
fn busiest_block(mut at: Vec<u32>, gap: u32) -> (u32, u32) {
    at.sort_unstable();
    let mut best = (0usize, (at[0], at[0]));
    let mut start = 0;
    for i in 1..=at.len() {
        if i == at.len() || at[i] - at[i - 1] > gap {
            if i - start > best.0 {
                best = (i - start, (at[start], at[i - 1]));
            }
            start = i;
        }
    }
    best.1
}

/// Where a cell without a reference is, as calamine counts: a `<row r>` sets the row, the end of
/// a row moves to the next one; a cell's `r` sets the column, each cell moves one column on.
/// Both readers of `<sheetData>` count with it.
#[derive(Default)]
struct Cursor {
    row: u32,
    col: u32,
}

impl Cursor {
    fn row_start(&mut self, r: Option<&str>) -> Res<()> {
        if let Some(v) = r {
            self.row = row_number(v)?;
        }
        Ok(())
    }

    fn row_end(&mut self) -> Res<()> {
        self.row = self.row.checked_add(1).ok_or(Unsupported)?;
        self.col = 0;
        Ok(())
    }

    /// The position of a cell with this `r` (or none); call [`Cursor::cell_end`] after it.
    fn cell(&mut self, r: Option<&str>) -> Res<(u32, u32)> {
        match r {
            Some(p) => {
                let pos = cell_ref(p)?;
                self.col = pos.1;
                Ok(pos)
            }
            None => Ok((self.row, self.col)),
        }
    }

    fn cell_end(&mut self) -> Res<()> {
        self.col = self.col.checked_add(1).ok_or(Unsupported)?;
        Ok(())
    }
}

/// Whether a `<row>`'s attributes say `hidden`. Both readers of `<sheetData>` ask it the same
/// way, and an attribute it cannot read hides nothing (it must not make one reader step aside
/// where the other does not). Most rows are shown: their attributes are read again only when
/// the word occurs in them.
fn row_hidden(raw: &str) -> bool {
    raw.contains("hidden") && is_true(attrs(raw, ["hidden"]).ok().and_then(|[h]| h))
}

/// An XML boolean attribute that says true (`1`, `true`).
fn is_true(v: Option<&str>) -> bool {
    matches!(v.map(str::trim), Some("1" | "true"))
}

/// The cells of `<sheetData>` read event by event, up to its end.
fn cells_by_events<'s>(r: &mut quick_xml::Reader<&'s [u8]>, ctx: &Context<'s>) -> Res<Cells> {
    let mut cells = Cells::default();
    let mut at = Cursor::default();
    loop {
        match r.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "row" => {
                    at.row_start(raw_attr(&e, "r")?)?;
                    if row_hidden(e.attributes_raw()) {
                        cells.hidden_rows.push(at.row);
                    }
                }
                "c" => {
                    let [pos_attr, style, typ] = attrs(e.attributes_raw(), ["r", "s", "t"])?;
                    let pos = at.cell(pos_attr)?;
                    let (value, formula) = read_cell(r, style, typ, ctx)?;
                    at.cell_end()?;
                    cells.add(pos, value, formula)?;
                }
                "mergeCells" => return Err(Unsupported),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "row" => at.row_end()?,
                "sheetData" => return Ok(cells),
                _ => {}
            },
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
}

/// The children of one `<c>` up to its end: its value, and its formula text when it has no
/// cached value.
fn read_cell<'s>(
    r: &mut quick_xml::Reader<&'s [u8]>,
    style: Option<&str>,
    typ: Option<&str>,
    ctx: &Context<'s>,
) -> Res<(Value<'s>, Option<String>)> {
    let mut value = Value::Empty;
    let mut formula: Option<String> = None;
    let mut shared_formula = false;
    loop {
        match r.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "f" => {
                let text = element_text(r, e.name().as_ref())?;
                let [t, si, range] = attrs(e.attributes_raw(), ["t", "si", "ref"])?;
                if t == Some("shared") {
                    // A shared formula's text is calamine's to expand; it is needed only where
                    // the cell has no cached value (checked at the end of the cell).
                    plain_number(si.ok_or(Unsupported)?)?;
                    if let Some(range) = range {
                        dimension(range)?;
                    }
                    shared_formula = true;
                    formula = None;
                } else {
                    shared_formula = false;
                    formula = Some(text);
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "is" => {
                value = Value::Data(Data::String(read_string(r, e.name().as_ref())?));
            }
            Event::Start(e) if e.local_name().as_ref() == "v" => {
                value = read_v(r, &e, style, typ, ctx)?;
            }
            Event::Start(_) => return Err(Unsupported),
            Event::End(e) if e.local_name().as_ref() == "c" => break,
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
    if matches!(value, Value::Empty) {
        if shared_formula {
            return Err(Unsupported);
        }
        Ok((value, formula))
    } else {
        // A cached value: the formula is kept only when it is a plain reference (`S9`), whose
        // value zona can check against the cache.
        Ok((value, formula.filter(|f| plain_reference(f).is_some())))
    }
}

/// A cell whose formula only refers to one other cell, and that cell: (row, column) each, 0-based.
pub type Reference = ((u32, u32), (u32, u32));

/// The cell a formula that is only a reference to one cell of the same sheet points at
/// (`S9`, `$S$9`; 0-based), else `None`.
pub(crate) fn plain_reference(formula: &str) -> Option<(u32, u32)> {
    let f = formula.trim();
    if f.is_empty() || f.len() > 12 || f.contains(['!', ':']) {
        return None;
    }
    let letters: String = f.chars().filter(|c| *c != '$').collect();
    cell_ref(&letters).ok()
}

/// The text of an element up to its end (entities resolved), as calamine reads a formula.
fn element_text(r: &mut quick_xml::Reader<&[u8]>, end: &str) -> Res<String> {
    let mut text = String::new();
    loop {
        match r.read_event()? {
            // calamine looks for merged ranges in the whole part, even inside a cell.
            Event::Start(e) if e.local_name().as_ref() == "mergeCells" => return Err(Unsupported),
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) => text.push_str(&entity(&g)?),
            Event::End(e) if e.name().as_ref() == end => return Ok(text),
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
}

/// Skips to the end of an element, as `read_to_end` does (nested elements of the same name
/// counted), refusing a `<mergeCells>` inside (calamine would find it).
fn skip_to_end(r: &mut quick_xml::Reader<&[u8]>, e: &BytesStart) -> Res<()> {
    let name = e.name();
    let mut depth = 0u32;
    loop {
        match r.read_event()? {
            Event::Start(x) if x.local_name().as_ref() == "mergeCells" => return Err(Unsupported),
            Event::Start(x) if x.name() == name => depth += 1,
            Event::End(x) if x.name() == name => {
                if depth == 0 {
                    return Ok(());
                }
                depth -= 1;
            }
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
}

/// A `<v>` (calamine's `read_value` for `v`, then `read_v`).
fn read_v<'s>(
    r: &mut quick_xml::Reader<&'s [u8]>,
    e: &BytesStart,
    style: Option<&str>,
    typ: Option<&str>,
    ctx: &Context<'s>,
) -> Res<Value<'s>> {
    match typ {
        Some("inlineStr" | "is") => {
            skip_to_end(r, e)?;
            Ok(Value::Empty)
        }
        Some("n" | "s" | "b" | "e") | None => {
            // The first event only, raw (these types are plain ASCII), then to the end.
            let value = match r.read_event()? {
                Event::Text(t) => {
                    let v: &str = &t;
                    let value = plain_value(v, style, typ, ctx)?;
                    skip_to_end(r, e)?;
                    value
                }
                Event::End(end) if end.name() == e.name() => Value::Empty,
                Event::Start(x) if x.local_name().as_ref() == "mergeCells" => {
                    return Err(Unsupported)
                }
                Event::Eof => return Err(Unsupported),
                _ => {
                    skip_to_end(r, e)?;
                    Value::Empty
                }
            };
            Ok(value)
        }
        Some(t @ ("str" | "d")) => {
            let mut v = String::new();
            loop {
                match r.read_event()? {
                    Event::Start(x) if x.local_name().as_ref() == "mergeCells" => {
                        return Err(Unsupported)
                    }
                    Event::Text(x) => v.push_str(&x.xml10_content()),
                    Event::GeneralRef(g) => v.push_str(&entity(&g)?),
                    Event::End(end) if end.name() == e.name() => break,
                    Event::Eof => return Err(Unsupported),
                    _ => {}
                }
            }
            Ok(Value::Data(if t == "str" {
                Data::String(unescape_xml(&v).into_owned())
            } else {
                Data::DateTimeIso(v)
            }))
        }
        Some(_) => Err(Unsupported),
    }
}

/// A `<v>` of type `n`, `s`, `b`, `e` or none.
fn plain_value<'s>(
    v: &str,
    style: Option<&str>,
    typ: Option<&str>,
    ctx: &Context<'s>,
) -> Res<Value<'s>> {
    match typ {
        Some("s") => {
            if v.is_empty() {
                return Ok(Value::Empty);
            }
            let i = plain_number(v)?;
            ctx.strings
                .get(i)
                .map(|s| Value::Shared(s.as_str()))
                .ok_or(Unsupported)
        }
        Some("b") => {
            let t = v.trim();
            Ok(if t.is_empty() {
                Value::Empty
            } else if t == "0" || t.eq_ignore_ascii_case("false") {
                Value::Data(Data::Bool(false))
            } else if t == "1" || t.eq_ignore_ascii_case("true") {
                Value::Data(Data::Bool(true))
            } else {
                return Err(Unsupported);
            })
        }
        Some("e") => v
            .parse::<CellErrorType>()
            .map(|e| Value::Data(Data::Error(e)))
            .map_err(|_| Unsupported),
        _ => {
            if v.is_empty() {
                return Ok(Value::Empty);
            }
            let n = plain_float(v)?;
            let format = match style {
                Some(s) => ctx.formats.get(plain_number(s)?).copied(),
                None => Some(CellFormat::Other),
            };
            Ok(Value::Data(match format {
                Some(CellFormat::DateTime) => Data::DateTime(ExcelDateTime::new(
                    n,
                    ExcelDateTimeType::DateTime,
                    ctx.is_1904,
                )),
                Some(CellFormat::TimeDelta) => Data::DateTime(ExcelDateTime::new(
                    n,
                    ExcelDateTimeType::TimeDelta,
                    ctx.is_1904,
                )),
                Some(CellFormat::Shown(how)) => return Ok(Value::Shown(n, how)),
                _ => Data::Float(n),
            }))
        }
    }
}

/// Digits only (a string index, a style id, a formula group), within `u32`.
fn plain_number(v: &str) -> Res<usize> {
    if v.is_empty() || v.len() > 9 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Unsupported);
    }
    v.parse().map_err(|_| Unsupported)
}

/// A number in the form spreadsheets write (`-12`, `0.25`, `1.5E-3`), which every float parser
/// reads as the same `f64`; anything else is left to calamine.
fn plain_float(v: &str) -> Res<f64> {
    let b = v.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return Err(Unsupported);
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return Err(Unsupported);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return Err(Unsupported);
        }
    }
    if i != b.len() {
        return Err(Unsupported);
    }
    v.parse().map_err(|_| Unsupported)
}

const MAX_ROW: u32 = 1_048_576;
const MAX_COL: u32 = 16_384;

/// A row number (`r` of a `<row>`), 0-based.
fn row_number(v: &str) -> Res<u32> {
    let n = plain_number(v)? as u32;
    if n == 0 || n > MAX_ROW {
        return Err(Unsupported);
    }
    Ok(n - 1)
}

/// A cell reference (`B12`), 0-based (row, column).
fn cell_ref(v: &str) -> Res<(u32, u32)> {
    let letters = v.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return Err(Unsupported);
    }
    let col = v.as_bytes()[..letters].iter().fold(0u32, |acc, c| {
        acc * 26 + u32::from(c.to_ascii_uppercase() - b'A') + 1
    });
    if col > MAX_COL {
        return Err(Unsupported);
    }
    Ok((row_number(&v[letters..])?, col - 1))
}

/// A range (`A1:C3`, or one cell).
fn dimension(v: &str) -> Res<Dimensions> {
    let (start, end) = match v.split_once(':') {
        Some((a, b)) => (cell_ref(a)?, cell_ref(b)?),
        None => {
            let p = cell_ref(v)?;
            (p, p)
        }
    };
    if end.0 < start.0 || end.1 < start.1 {
        return Err(Unsupported);
    }
    Ok(Dimensions { start, end })
}

#[cfg(test)]
mod tests {
    use super::calamine_rules::*;
    use super::*;

    #[test]
    fn formats_that_show_a_number_otherwise_are_told() {
        assert_eq!(shown_as("0%"), Some(ShownAs::Percent));
        assert_eq!(
            shown_as("0.00\"%\""),
            None,
            "a quoted % is text beside the digits"
        );
        assert_eq!(shown_as(";;;"), Some(ShownAs::NotItsDigits));
        assert_eq!(shown_as("\"3,72\""), Some(ShownAs::NotItsDigits));
        assert_eq!(shown_as("0.00"), None);
        assert_eq!(shown_as("#,##0;[Red]-#,##0"), None);
        assert_eq!(shown_as("General"), None);
        assert_eq!(shown_as("@"), None);
        assert_eq!(shown_as("General;-General;\"-\""), None);
        assert_eq!(shown_as("0 \"orang\""), None);
        assert_eq!(shown_as("\"Rp \"#,##0"), None);
        assert_eq!(shown_as("[$-421]0"), None);
    }

    #[test]
    fn the_busiest_block_of_rows_or_columns_is_kept() {
        // A table in rows 0–599, a stray cell 10,000 rows below, two more 20,000 below that.
        let mut rows: Vec<u32> = (0..600).collect();
        rows.extend([10_600, 30_600, 30_601]);
        assert_eq!(busiest_block(rows, FAR_ROWS), (0, 599));
        // Gaps up to the limit keep one block; the first of equal blocks wins.
        assert_eq!(busiest_block(vec![0, 256, 512], FAR_COLS), (0, 512));
        assert_eq!(busiest_block(vec![900, 0, 1, 600, 601], FAR_COLS), (0, 1));
        assert_eq!(busiest_block(vec![7], FAR_COLS), (7, 7));
    }

    #[test]
    fn far_cells_are_taken_out_only_past_the_area_limit() {
        let mut cells = Cells::default();
        for r in 0..600 {
            for c in 0..17 {
                cells
                    .add((r, c), Value::Data(Data::Float(1.0)), None)
                    .unwrap();
            }
        }
        // Z5000 is far, but the rectangle to it is small: kept.
        cells
            .add((4999, 25), Value::Data(Data::Float(1.0)), None)
            .unwrap();
        assert_eq!(far_cells(&mut cells), Ok(vec![]));
        assert_eq!(cells.values.len(), 600 * 17 + 1);
        // XFD5 and A1048576 are taken out, with a formula without value there.
        cells
            .add((4, 16_383), Value::Data(Data::Float(1.0)), None)
            .unwrap();
        cells
            .add((1_048_575, 0), Value::Empty, Some("1+1".into()))
            .unwrap();
        assert_eq!(far_cells(&mut cells), Ok(vec![(4, 16_383), (1_048_575, 0)]));
        assert_eq!(cells.values.len(), 600 * 17 + 1);
        assert!(cells.formulas.is_empty());
    }

    #[test]
    fn far_cells_that_leave_nothing_step_aside() {
        // The busiest rows (row 0: three cells, in columns 9000–9002) and the busiest columns
        // (0–3: four cells, in rows 20000 and 40000) share no cell: nothing would be left.
        let mut cells = Cells::default();
        let at = [
            (0, 9000),
            (0, 9001),
            (0, 9002),
            (20_000, 0),
            (20_000, 1),
            (40_000, 2),
            (40_000, 3),
        ];
        for p in at {
            cells.add(p, Value::Data(Data::Float(1.0)), None).unwrap();
        }
        assert_eq!(far_cells(&mut cells), Err(Unsupported));
    }

    #[test]
    fn hidden_rows_and_columns_are_read_by_the_scan_and_by_events_alike() {
        let xml = concat!(
            r#"<worksheet><cols><col min="2" max="3" hidden="1"/><col min="5" max="5" hidden="0"/>"#,
            r#"<col min="7" max="7" hidden="true"/><col min="9" max="99999" hidden="1"/></cols>"#,
            r#"<sheetData><row r="2" hidden="1"><c r="A2"><v>1</v></c></row>"#,
            r#"<row r="3"><c r="A3"><v>2</v></c></row><row hidden="1"><c><v>3</v></c></row>"#,
            r#"<row r="9" hidden="false"/></sheetData></worksheet>"#
        );
        let ctx = Context {
            strings: &[],
            formats: &[],
            is_1904: false,
        };
        for scan in [true, false] {
            let (sheet, scanned) = read_sheet(xml, &ctx, scan).unwrap();
            assert_eq!(scanned, scan);
            // Row 2 and the unnumbered row after row 3 (row 4), 0-based.
            assert_eq!(sheet.hidden_rows, vec![1, 3], "scan: {scan}");
            // B:C and G; a column span past XFD hides nothing.
            assert_eq!(sheet.hidden_cols, vec![(1, 2), (6, 6)], "scan: {scan}");
        }
    }

    #[test]
    fn only_a_formula_that_is_one_cell_of_the_same_sheet_is_a_plain_reference() {
        assert_eq!(plain_reference("S9"), Some((8, 18)));
        assert_eq!(plain_reference("$S$9"), Some((8, 18)));
        assert_eq!(plain_reference(" k12 "), Some((11, 10)));
        for other in [
            "S9+1",
            "Sheet1!S9",
            "S9:S10",
            "SUM(S9)",
            "IF(1,\"Ya\")",
            "9",
            "",
            "XFE1",
        ] {
            assert_eq!(plain_reference(other), None, "{other}");
        }
    }

    #[test]
    fn references() {
        assert_eq!(cell_ref("A1"), Ok((0, 0)));
        assert_eq!(cell_ref("xfd1048576"), Ok((1_048_575, 16_383)));
        assert_eq!(cell_ref("XFE1"), Err(Unsupported));
        assert_eq!(cell_ref("A0"), Err(Unsupported));
        assert_eq!(cell_ref("A"), Err(Unsupported));
        assert_eq!(cell_ref("1"), Err(Unsupported));
        assert_eq!(cell_ref("A1B"), Err(Unsupported));
        assert_eq!(
            dimension("B2:C4"),
            Ok(Dimensions {
                start: (1, 1),
                end: (3, 2)
            })
        );
        assert_eq!(dimension("C4:B2"), Err(Unsupported));
    }

    #[test]
    fn numbers() {
        assert_eq!(plain_float("-12"), Ok(-12.0));
        assert_eq!(plain_float("1.5E-3"), Ok(0.0015));
        for odd in [
            "", "-", ".5", "5.", "1e", "inf", "NaN", "+1", "1 ", "0x1", "1_0",
        ] {
            assert_eq!(plain_float(odd), Err(Unsupported), "{odd:?}");
        }
        assert_eq!(plain_number("007"), Ok(7));
        assert_eq!(plain_number("1234567890"), Err(Unsupported));
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape_xml("a_x000D_b"), "a\rb");
        assert_eq!(unescape_xml("_xD83D__xDCF7_"), "\u{1F4F7}");
        assert_eq!(unescape_xml("_x005F_x000D_"), "_x000D_");
        assert_eq!(unescape_xml("plain"), "plain");
    }

    #[test]
    fn date_formats() {
        assert_eq!(
            detect_custom_number_format("dd/mm/yyyy"),
            CellFormat::DateTime
        );
        assert_eq!(
            detect_custom_number_format("[h]:mm:ss"),
            CellFormat::TimeDelta
        );
        assert_eq!(detect_custom_number_format("0.00"), CellFormat::Other);
        assert_eq!(detect_custom_number_format("\"d\"0"), CellFormat::Other);
        assert_eq!(builtin_format_by_id("14"), CellFormat::DateTime);
        assert_eq!(builtin_format_by_id("0"), CellFormat::Other);
    }
}
