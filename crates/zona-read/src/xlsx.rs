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
//! this reader. Tests compare both readers on every workbook of the test data and on generated
//! sheets (`tests/xlsx_reader.rs`), and a fuzz target does the same on mutated workbooks.
//!
//! Parts of the logic follow calamine's own source (MIT, © Johann Tuffe): `detect_custom_number_format`,
//! `builtin_format_by_id`, the `_xHHHH_` unescaping and the attribute scanning are copied from it
//! so that both readers agree on every input this one accepts.

use std::borrow::Cow;
use std::io::{Read, Seek};

use calamine::{
    Cell, CellErrorType, Data, Dimensions, ExcelDateTime, ExcelDateTimeType, Range, SheetType,
    SheetVisible,
};
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::guard::{MAX_AREA, MAX_CELLS};

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
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CellFormat {
    Other,
    DateTime,
    TimeDelta,
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
                            match custom.iter().find(|(i, _)| i == id) {
                                Some((_, code)) => detect_custom_number_format(code),
                                None => builtin_format_by_id(id),
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
}

/// Reads a sheet part; `scan`: try the plain scan of the cells first. Says whether it read them.
fn read_sheet(xml: &str, ctx: &Context, scan: bool) -> Res<(XlsxSheet, bool)> {
    let mut r = reader(xml);
    // Up to `<sheetData>`: a `<dimension>` must have a `ref`. `depth`: elements open, as the
    // events reader counts them (it refuses a closing tag when none is open).
    let mut depth = 0u32;
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
    let sheet = XlsxSheet {
        values: Range::from_sparse(cells.values),
        formulas_without_value: (!cells.formulas.is_empty())
            .then(|| Range::from_sparse(cells.formulas)),
        merged,
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
    /// Rows and columns spanned so far: first row, last row, first column, last column.
    span: Option<(u32, u32, u32, u32)>,
}

impl Cells {
    fn add(&mut self, pos: (u32, u32), value: Value, formula: Option<String>) -> Res<()> {
        let value = match value {
            Value::Empty => None,
            Value::Shared(s) => Some(Data::String(s.to_string())),
            Value::Data(d) => Some(d),
        };
        let formula = formula.filter(|f| !f.is_empty());
        if value.is_none() && formula.is_none() {
            return Ok(());
        }
        let (r0, r1, c0, c1) = self.span.unwrap_or((pos.0, pos.0, pos.1, pos.1));
        let span = (r0.min(pos.0), r1.max(pos.0), c0.min(pos.1), c1.max(pos.1));
        self.span = Some(span);
        let area = (u64::from(span.1 - span.0) + 1) * (u64::from(span.3 - span.2) + 1);
        if self.values.len() + self.formulas.len() >= MAX_CELLS || area > MAX_AREA {
            // calamine's reader says why (guard::load_xlsx_sheet).
            return Err(Unsupported);
        }
        match value {
            Some(v) => self.values.push(Cell::new(pos, v)),
            None => self
                .formulas
                .push(Cell::new(pos, formula.unwrap_or_default())),
        }
        Ok(())
    }
}

/// The cells of `<sheetData>` read event by event, up to its end.
fn cells_by_events<'s>(r: &mut quick_xml::Reader<&'s [u8]>, ctx: &Context<'s>) -> Res<Cells> {
    let mut cells = Cells::default();
    let (mut row_index, mut col_index) = (0u32, 0u32);
    loop {
        match r.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "row" => {
                    if let Some(v) = raw_attr(&e, "r")? {
                        row_index = row_number(v)?;
                    }
                }
                "c" => {
                    let [pos_attr, style, typ] = attrs(e.attributes_raw(), ["r", "s", "t"])?;
                    let pos = match pos_attr {
                        Some(p) => {
                            let pos = cell_ref(p)?;
                            col_index = pos.1;
                            pos
                        }
                        None => (row_index, col_index),
                    };
                    let (value, formula) = read_cell(r, style, typ, ctx)?;
                    col_index = col_index.checked_add(1).ok_or(Unsupported)?;
                    cells.add(pos, value, formula)?;
                }
                "mergeCells" => return Err(Unsupported),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "row" => {
                    row_index = row_index.checked_add(1).ok_or(Unsupported)?;
                    col_index = 0;
                }
                "sheetData" => return Ok(cells),
                _ => {}
            },
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
}

/// A plain scan of `<sheetData>` for the XML spreadsheets write: `<row>`, `<c>`, `<v>` and `<f>`
/// only, no entity, comment, CDATA, prefix or inline string. Anything else and it gives up
/// (`Unsupported`): the events reader ([`cells_by_events`]) then reads the cells. Where it reads,
/// it reads what the events reader reads: the same attributes, positions and values.
mod scan {
    use super::{
        attrs, cell_ref, plain_value, row_number, unescape_xml, Cells, Context, Res, Unsupported,
        Value,
    };
    use calamine::Data;

    /// The cells, the offset just after `</sheetData>` and the elements still open there
    /// (`depth`: those open at `start`, `<sheetData>` included).
    pub(super) fn sheet_data(
        xml: &str,
        start: usize,
        mut depth: u32,
        ctx: &Context,
    ) -> Res<(Cells, usize, u32)> {
        let b = xml.as_bytes();
        let mut at = start;
        let mut cells = Cells::default();
        let (mut row_index, mut col_index) = (0u32, 0u32);
        loop {
            at = next_tag(b, at)?;
            if b[at..].starts_with(b"</") {
                let (name, end) = closing(xml, at)?;
                depth = depth.checked_sub(1).ok_or(Unsupported)?;
                match name {
                    "row" => {
                        row_index = row_index.checked_add(1).ok_or(Unsupported)?;
                        col_index = 0;
                    }
                    "sheetData" => return Ok((cells, end, depth)),
                    _ => return Err(Unsupported),
                }
                at = end;
                continue;
            }
            let (name, attrs_raw, empty, end) = opening(xml, at)?;
            at = end;
            if !empty {
                depth += 1;
            }
            match name {
                "row" => {
                    if let [Some(v)] = attrs(attrs_raw, ["r"])? {
                        row_index = row_number(v)?;
                    }
                    if empty {
                        row_index = row_index.checked_add(1).ok_or(Unsupported)?;
                        col_index = 0;
                    }
                }
                "c" => {
                    let [pos_attr, style, typ] = attrs(attrs_raw, ["r", "s", "t"])?;
                    let pos = match pos_attr {
                        Some(p) => {
                            let pos = cell_ref(p)?;
                            col_index = pos.1;
                            pos
                        }
                        None => (row_index, col_index),
                    };
                    let (value, formula) = if empty {
                        (Value::Empty, None)
                    } else {
                        // The cell's own elements open and close within it (`cell` refuses
                        // any other shape), so it leaves `depth` one lower: its `</c>`.
                        let (value, formula, end) = cell(xml, at, style, typ, ctx)?;
                        at = end;
                        depth -= 1;
                        (value, formula)
                    };
                    col_index = col_index.checked_add(1).ok_or(Unsupported)?;
                    cells.add(pos, value, formula)?;
                }
                _ => return Err(Unsupported),
            }
        }
    }

    /// The strings of `<sst>` from `start` (just after its start tag) to `</sst>`, where each is
    /// `<si><t>text</t></si>` (or `<si/>`, `<t/>`, `<t xml:space="preserve">`): no rich text runs,
    /// phonetic runs or other references than the five predefined entities.
    pub(super) fn shared_strings(xml: &str, start: usize) -> Res<Vec<String>> {
        let b = xml.as_bytes();
        let mut at = start;
        let mut strings = Vec::new();
        loop {
            at = next_tag(b, at)?;
            if b[at..].starts_with(b"</") {
                let (name, _) = closing(xml, at)?;
                return if name == "sst" {
                    Ok(strings)
                } else {
                    Err(Unsupported)
                };
            }
            let (name, attrs_raw, empty, end) = opening(xml, at)?;
            at = end;
            if name != "si" || !attrs_raw.trim_ascii().is_empty() {
                return Err(Unsupported);
            }
            if empty {
                strings.push(String::new());
                continue;
            }
            // One `<t>`, then `</si>`.
            at = next_tag(b, at)?;
            if b[at..].starts_with(b"</") {
                let (name, end) = closing(xml, at)?;
                if name != "si" {
                    return Err(Unsupported);
                }
                at = end;
                strings.push(String::new());
                continue;
            }
            let (name, attrs_raw, empty, end) = opening(xml, at)?;
            at = end;
            if name != "t" {
                return Err(Unsupported);
            }
            let [space] = attrs(attrs_raw, ["xml:space"])?;
            let text = if empty {
                ""
            } else {
                let (text, end) = content(xml, at, "t")?;
                at = end;
                text
            };
            // Most strings hold no entity, escape or carriage return: one look tells.
            if memchr::memchr3(b'&', b'_', b'\r', text.as_bytes()).is_none() {
                let text = if space == Some("preserve") {
                    text
                } else {
                    text.trim_matches([' ', '\t', '\n'])
                };
                strings.push(text.to_string());
            } else {
                // Line ends are normalised by the events reader.
                if text.contains('\r') {
                    return Err(Unsupported);
                }
                let text = entities(text)?;
                let text = if space == Some("preserve") {
                    &text
                } else {
                    text.trim_matches([' ', '\t', '\n'])
                };
                strings.push(unescape_xml(text).into_owned());
            }
            at = next_tag(b, at)?;
            if !b[at..].starts_with(b"</") {
                return Err(Unsupported);
            }
            let (name, end) = closing(xml, at)?;
            if name != "si" {
                return Err(Unsupported);
            }
            at = end;
        }
    }

    /// The children of a `<c>` up to `</c>`: `<v>` and `<f>` only.
    fn cell<'s>(
        xml: &'s str,
        mut at: usize,
        style: Option<&str>,
        typ: Option<&str>,
        ctx: &Context<'s>,
    ) -> Res<(Value<'s>, Option<String>, usize)> {
        let b = xml.as_bytes();
        let mut value = Value::Empty;
        let mut formula: Option<String> = None;
        let mut shared_formula = false;
        loop {
            at = next_tag(b, at)?;
            if b[at..].starts_with(b"</") {
                let (name, end) = closing(xml, at)?;
                if name != "c" {
                    return Err(Unsupported);
                }
                at = end;
                break;
            }
            let (name, attrs_raw, empty, end) = opening(xml, at)?;
            at = end;
            let text = if empty {
                ""
            } else {
                let (text, end) = content(xml, at, name)?;
                at = end;
                text
            };
            match name {
                "v" => {
                    if !attrs_raw.trim_ascii().is_empty() || empty {
                        return Err(Unsupported);
                    }
                    value = match typ {
                        Some("inlineStr" | "is") => Value::Empty,
                        Some("n" | "s" | "b" | "e") | None => {
                            if text.contains('&') {
                                // The events reader takes the text before the first entity.
                                return Err(Unsupported);
                            }
                            if text.is_empty() {
                                Value::Empty
                            } else {
                                plain_value(text, style, typ, ctx)?
                            }
                        }
                        // Text with line ends would be normalised by the events reader.
                        Some(_) if text.contains('\r') => return Err(Unsupported),
                        Some("str") => {
                            Value::Data(Data::String(unescape_xml(&entities(text)?).into_owned()))
                        }
                        Some("d") => Value::Data(Data::DateTimeIso(entities(text)?.into_owned())),
                        Some(_) => return Err(Unsupported),
                    };
                }
                "f" => {
                    let [t, si, range] = attrs(attrs_raw, ["t", "si", "ref"])?;
                    if t == Some("shared") {
                        super::plain_number(si.ok_or(Unsupported)?)?;
                        if let Some(range) = range {
                            super::dimension(range)?;
                        }
                        shared_formula = true;
                        formula = None;
                    } else {
                        if text.contains('\r') {
                            return Err(Unsupported);
                        }
                        shared_formula = false;
                        formula = Some(entities(text)?.into_owned());
                    }
                }
                _ => return Err(Unsupported),
            }
        }
        if matches!(value, Value::Empty) {
            if shared_formula {
                return Err(Unsupported);
            }
            Ok((value, formula, at))
        } else {
            Ok((value, None, at))
        }
    }

    /// The next `<` from `at`, over text without entities (text between elements is ignored,
    /// as the events reader ignores it).
    fn next_tag(b: &[u8], at: usize) -> Res<usize> {
        let rest = b.get(at..).ok_or(Unsupported)?;
        // Between tags there is mostly nothing, or a line end and indentation.
        let lt = match rest.first() {
            Some(b'<') => 0,
            _ => memchr::memchr(b'<', rest).ok_or(Unsupported)?,
        };
        if rest[..lt].contains(&b'&') {
            return Err(Unsupported);
        }
        Ok(at + lt)
    }

    /// `</name>` at `at`: the name and the offset after `>`.
    fn closing(xml: &str, at: usize) -> Res<(&str, usize)> {
        let rest = &xml.as_bytes()[at + 2..];
        let gt = memchr::memchr(b'>', rest).ok_or(Unsupported)?;
        // XML's whitespace only (a form feed is part of the name to the events reader).
        let name = xml[at + 2..at + 2 + gt].trim_end_matches([' ', '\t', '\r', '\n']);
        if !is_plain_name(name) {
            return Err(Unsupported);
        }
        Ok((name, at + 2 + gt + 1))
    }

    /// `<name attrs>` or `<name attrs/>` at `at`: the name, the attributes, whether it is empty,
    /// and the offset after `>`. The tag ends at the first `>` outside quotes, as the events
    /// reader ends it; a `<` in it, or a quote left open, is the events reader's.
    fn opening(xml: &str, at: usize) -> Res<(&str, &str, bool, usize)> {
        let b = xml.as_bytes();
        let start = at + 1;
        let mut i = start;
        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') {
            i += 1;
        }
        let name = &xml[start..i];
        if !is_plain_name(name) {
            return Err(Unsupported);
        }
        let inner_start = i;
        let mut quote = 0u8;
        loop {
            let c = *b.get(i).ok_or(Unsupported)?;
            match (quote, c) {
                (_, b'<') => return Err(Unsupported),
                (0, b'"' | b'\'') => quote = c,
                (0, b'>') => break,
                (q, c) if q == c => quote = 0,
                _ => {}
            }
            i += 1;
        }
        let inner = &xml[inner_start..i];
        let (attrs, empty) = match inner.strip_suffix('/') {
            Some(a) => (a, true),
            None => (inner, false),
        };
        Ok((name, attrs, empty, i + 1))
    }

    /// Text up to `</name>`, without markup: the raw text (entities not resolved) and the offset
    /// after the end.
    fn content<'x>(xml: &'x str, at: usize, name: &str) -> Res<(&'x str, usize)> {
        let rest = &xml[at..];
        let lt = rest.find('<').ok_or(Unsupported)?;
        let text = &rest[..lt];
        if !rest[lt..].starts_with("</") {
            return Err(Unsupported);
        }
        let (closing_name, end) = closing(xml, at + lt)?;
        if closing_name != name {
            return Err(Unsupported);
        }
        Ok((text, end))
    }

    /// Text with the five predefined entities resolved (`&amp;`, `&lt;`, `&gt;`, `&quot;`,
    /// `&apos;`); any other reference is the events reader's.
    fn entities(text: &str) -> Res<std::borrow::Cow<'_, str>> {
        if !text.contains('&') {
            return Ok(std::borrow::Cow::Borrowed(text));
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            let after = &rest[amp + 1..];
            let semi = after.find(';').ok_or(Unsupported)?;
            out.push_str(match &after[..semi] {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                _ => return Err(Unsupported),
            });
            rest = &after[semi + 1..];
        }
        out.push_str(rest);
        Ok(std::borrow::Cow::Owned(out))
    }

    /// A name the scan knows: the elements of cells and of plain shared strings.
    fn is_plain_name(name: &str) -> bool {
        matches!(
            name,
            "row" | "c" | "v" | "f" | "sheetData" | "sst" | "si" | "t"
        )
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
        Ok((value, None))
    }
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

// ---------------------------------------------------------------------------------------------
// From calamine (MIT): attributes, entities, escapes, number formats

/// Raw attributes of an element, as calamine scans them (values not unescaped).
struct RawAttrIter<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> RawAttrIter<'a> {
    fn new(raw: &'a str) -> Self {
        RawAttrIter { raw, pos: 0 }
    }
}

impl<'a> Iterator for RawAttrIter<'a> {
    type Item = Res<(&'a str, &'a str)>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= len {
            self.pos = pos;
            return None;
        }
        let key_start = pos;
        while pos < len && bytes[pos] != b'=' {
            pos += 1;
        }
        if pos >= len {
            self.pos = len;
            return Some(Err(Unsupported));
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => {
                self.pos = len;
                return Some(Err(Unsupported));
            }
        };
        pos += 1;
        let val_start = pos;
        while pos < len && bytes[pos] != quote {
            pos += 1;
        }
        let val = &raw[val_start..pos];
        if pos < len {
            pos += 1;
        }
        self.pos = pos;
        Some(Ok((key, val)))
    }
}

/// The first attribute of that name.
fn raw_attr<'a>(e: &'a BytesStart, name: &str) -> Res<Option<&'a str>> {
    for item in RawAttrIter::new(e.attributes_raw()) {
        let (k, v) = item?;
        if k == name {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// Several attributes at once, as calamine's `get_attrs!` finds them: each name's last value
/// seen before as many matches as names were counted.
fn attrs<'a, const N: usize>(raw: &'a str, names: [&str; N]) -> Res<[Option<&'a str>; N]> {
    let mut found = [None; N];
    let mut count = 0;
    for item in RawAttrIter::new(raw) {
        let (k, v) = item?;
        if let Some(i) = names.iter().position(|n| *n == k) {
            found[i] = Some(v);
            count += 1;
        }
        if count == N {
            break;
        }
    }
    Ok(found)
}

fn decode_attr(v: &str) -> Res<String> {
    quick_xml::escape::unescape(v)
        .map(Cow::into_owned)
        .map_err(|_| Unsupported)
}

/// `&amp;`, `&#xA0;`: what calamine's `unescape_entity_to_buffer` resolves; anything else fails.
fn entity(g: &BytesRef) -> Res<Cow<'static, str>> {
    let name: &str = g;
    if let Some(s) = quick_xml::escape::resolve_xml_entity(name) {
        return Ok(Cow::Borrowed(s));
    }
    match g.resolve_char_ref() {
        Ok(Some(c)) => Ok(Cow::Owned(c.to_string())),
        _ => Err(Unsupported),
    }
}

const UNICODE_ESCAPE_LENGTH: usize = 7;

/// Excel's `_xHHHH_` escapes (a UTF-16 code unit each) turned into characters.
fn unescape_xml(original: &str) -> Cow<'_, str> {
    let Some((mut index, mut unit)) = find_xml_escape(original, 0) else {
        return Cow::Borrowed(original);
    };
    let mut unescaped = String::with_capacity(original.len());
    let mut copied = 0;
    loop {
        unescaped.push_str(&original[copied..index]);
        index += UNICODE_ESCAPE_LENGTH;
        match unit {
            0xD800..=0xDBFF => match parse_xml_escape(original, index) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let code_point =
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    unescaped
                        .push(char::from_u32(code_point).unwrap_or(char::REPLACEMENT_CHARACTER));
                    index += UNICODE_ESCAPE_LENGTH;
                }
                _ => unescaped.push(char::REPLACEMENT_CHARACTER),
            },
            0xDC00..=0xDFFF => unescaped.push(char::REPLACEMENT_CHARACTER),
            _ => unescaped
                .push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = index;
        match find_xml_escape(original, index) {
            Some(next) => (index, unit) = next,
            None => break,
        }
    }
    unescaped.push_str(&original[copied..]);
    Cow::Owned(unescaped)
}

fn find_xml_escape(original: &str, mut start: usize) -> Option<(usize, u16)> {
    while let Some(offset) = original[start..].find('_') {
        let index = start + offset;
        if let Some(unit) = parse_xml_escape(original, index) {
            return Some((index, unit));
        }
        start = index + 1;
    }
    None
}

fn parse_xml_escape(original: &str, index: usize) -> Option<u16> {
    let bytes = original
        .as_bytes()
        .get(index..index + UNICODE_ESCAPE_LENGTH)?;
    if bytes[0] != b'_' || bytes[1] != b'x' || bytes[6] != b'_' {
        return None;
    }
    let hex = &bytes[2..6];
    if !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}

/// Whether a custom number format shows a date or a duration.
fn detect_custom_number_format(format: &str) -> CellFormat {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return CellFormat::Other,
            ('[', ..) => brackets = brackets.wrapping_add(1),
            (']', .., 1) if hms => return CellFormat::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return CellFormat::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return CellFormat::DateTime
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    CellFormat::Other
}

/// The built-in number formats that show a date or a duration.
fn builtin_format_by_id(id: &str) -> CellFormat {
    match id {
        "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "45" | "47" => {
            CellFormat::DateTime
        }
        "27" | "28" | "29" | "30" | "31" | "32" | "33" | "34" | "35" | "36" | "50" | "51"
        | "52" | "53" | "54" | "55" | "56" | "57" | "58" => CellFormat::DateTime,
        "46" => CellFormat::TimeDelta,
        _ => CellFormat::Other,
    }
}

/// What [`compare_with_calamine`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Both readers read every worksheet, and read it the same (zona's both ways: the plain scan
    /// of the cells, which read `scanned` of them, and the events reader).
    Same { sheets: usize, scanned: usize },
    /// zona's reader stepped aside (for the whole workbook or a sheet): calamine reads it. The
    /// sheets both read were compared.
    Aside,
    /// calamine cannot open the workbook or read a sheet (zona's reader may be more lenient).
    /// The sheets both read were compared.
    CalamineFails,
    /// The guards refuse the file before either reader sees it ([`crate::guard::check_zip`]).
    Refused,
}

/// Reads a workbook with both readers and compares what they give: the sheet list (names, types,
/// visibility), and for every worksheet its values, its formulas without a cached value and its
/// merged ranges. `Err` describes the first difference. For tests and fuzzing.
pub fn compare_with_calamine(bytes: &[u8]) -> Result<Agreement, String> {
    use calamine::Reader as _;
    if crate::guard::check_zip(std::io::Cursor::new(bytes), "").is_err() {
        return Ok(Agreement::Refused);
    }
    // calamine may panic on a damaged file (zona's guards catch that); zona's reader must not.
    let calamine_err = |e: calamine::XlsxError| crate::ReadError::Sheet {
        file: String::new(),
        sheet: String::new(),
        source: e.into(),
    };
    let Ok(mut cal) = crate::guard::no_panic("", || {
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(calamine_err)
    }) else {
        return Ok(Agreement::CalamineFails);
    };
    let Ok(mut own) = XlsxBook::open(std::io::Cursor::new(bytes)) else {
        return Ok(Agreement::Aside);
    };
    let cal_sheets: Vec<(String, SheetType, SheetVisible)> = cal
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ, s.visible))
        .collect();
    let own_sheets: Vec<(String, SheetType, SheetVisible)> = own
        .sheets()
        .iter()
        .map(|s| (s.name.clone(), s.typ, s.visible))
        .collect();
    if cal_sheets != own_sheets {
        return Err(format!(
            "sheets: calamine {cal_sheets:?}, zona {own_sheets:?}"
        ));
    }
    // The shared strings, by the plain scan and by events.
    if let Some(sst) = own.part("xl/sharedStrings.xml").ok().flatten() {
        let (a, b) = (
            shared_strings_with(&sst, true).ok(),
            shared_strings_with(&sst, false).ok(),
        );
        if a != b {
            let first = match (&a, &b) {
                (Some(a), Some(b)) => a.iter().zip(b).position(|(x, y)| x != y).map_or_else(
                    || format!("{} / {} strings", a.len(), b.len()),
                    |i| format!("string {i}: {:?} / {:?}", a[i], b[i]),
                ),
                _ => format!("{:?} / {:?}", a.is_some(), b.is_some()),
            };
            return Err(format!(
                "shared strings: the scan and the events reader differ: {first}"
            ));
        }
    }
    let mut compared = 0;
    let mut scanned = 0;
    // A sheet one reader cannot read is skipped; the others are still compared.
    let (mut calamine_fails, mut aside) = (false, false);
    for (name, typ, _) in &cal_sheets {
        if *typ != SheetType::WorkSheet {
            continue;
        }
        let Ok(theirs) =
            crate::guard::no_panic("", || crate::guard::load_xlsx_sheet(&mut cal, "", name))
        else {
            calamine_fails = true;
            continue;
        };
        let Ok((ours, was_scanned)) = own.load_with(name, true) else {
            aside = true;
            continue;
        };
        let Ok((by_events, _)) = own.load_with(name, false) else {
            return Err(format!(
                "sheet {name}: the events reader steps aside, the scan does not"
            ));
        };
        if by_events != ours {
            return Err(format!(
                "sheet {name}: the scan and the events reader differ: {:?} / {:?}",
                ours.values, by_events.values
            ));
        }
        scanned += usize::from(was_scanned);
        if ours.values != theirs.values {
            return Err(format!(
                "sheet {name}: values differ: calamine {:?}, zona {:?}",
                theirs.values, ours.values
            ));
        }
        if ours.formulas_without_value != theirs.formulas_without_value {
            return Err(format!(
                "sheet {name}: formulas differ: calamine {:?}, zona {:?}",
                theirs.formulas_without_value, ours.formulas_without_value
            ));
        }
        let Ok(merged) = crate::guard::no_panic("", || {
            Ok(cal.merge_cells_by_sheet_name(name).unwrap_or_default())
        }) else {
            calamine_fails = true;
            continue;
        };
        if ours.merged != merged {
            return Err(format!(
                "sheet {name}: merged ranges differ: calamine {merged:?}, zona {:?}",
                ours.merged
            ));
        }
        compared += 1;
    }
    Ok(if calamine_fails {
        Agreement::CalamineFails
    } else if aside {
        Agreement::Aside
    } else {
        Agreement::Same {
            sheets: compared,
            scanned,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
