//! Which rows and columns the tables of an `.ods` hide (`table:visibility="collapse"` or
//! `"filter"` on a `table:table-row` or `table:table-column`), and which cells they merge
//! (`table:number-columns-spanned`, `table:number-rows-spanned`): calamine's ranges say neither,
//! and an evaluator sees neither a hidden row nor a cell covered by a merge. Read from
//! `content.xml`, counting repeated rows and cells as calamine places cells.

use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

/// The rows below which hidden rows are recorded (an LKE has about 220; a hidden repeat to the
/// sheet's edge is not listed row by row).
const ROW_LIMIT: u32 = 100_000;
const COL_LIMIT: u32 = 16_384;

/// What a table of an `.ods` hides and merges.
pub(crate) struct OdsTable {
    pub name: String,
    pub hidden: crate::book::Hidden,
    pub merged: Vec<calamine::Dimensions>,
}

/// The hidden rows and columns and the merged ranges of each table that has any; empty when the
/// file cannot be read this way (the readers say why).
pub(crate) fn tables(path: &Path) -> Vec<OdsTable> {
    let Some(xml) = content(path) else {
        return Vec::new();
    };
    let mut r = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut out = Vec::new();
    // The top-level table being read.
    let mut table: Option<Table> = None;
    // Elements open inside the table (a table in a cell does not count its rows).
    let mut nested = 0u32;
    loop {
        let event = match r.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.name();
            let local = name.as_ref();
            match (local, table.as_mut()) {
                ("table:table", None) => {
                    table = Some(Table {
                        name: attr(&e, "table:name").unwrap_or_default(),
                        ..Table::default()
                    });
                    if empty {
                        table = None;
                    }
                }
                ("table:table", Some(_)) => nested += u32::from(!empty),
                ("table:table-column", Some(t)) if nested == 0 => {
                    let n = repeat(&e, "table:number-columns-repeated");
                    if hidden(&e) && t.col < COL_LIMIT {
                        let last = t.col.saturating_add(n - 1).min(COL_LIMIT - 1);
                        t.cols.push((t.col, last));
                    }
                    t.col = t.col.saturating_add(n);
                }
                ("table:table-row", Some(t)) if nested == 0 => {
                    let n = repeat(&e, "table:number-rows-repeated");
                    if hidden(&e) {
                        let end = t.row.saturating_add(n).min(ROW_LIMIT);
                        t.rows.extend(t.row..end);
                    }
                    t.this_row = t.row;
                    t.cell_col = 0;
                    t.row = t.row.saturating_add(n);
                }
                ("table:table-cell" | "table:covered-table-cell", Some(t)) if nested == 0 => {
                    let n = repeat(&e, "table:number-columns-repeated");
                    let span = |k| attr(&e, k).and_then(|v| v.trim().parse::<u32>().ok());
                    if let (Some(cols), Some(rows)) = (
                        span("table:number-columns-spanned").or(Some(1)),
                        span("table:number-rows-spanned").or(Some(1)),
                    ) {
                        if (cols > 1 || rows > 1)
                            && t.this_row < ROW_LIMIT
                            && t.cell_col < COL_LIMIT
                        {
                            t.merged.push(calamine::Dimensions {
                                start: (t.this_row, t.cell_col),
                                end: (
                                    t.this_row.saturating_add(rows.max(1) - 1),
                                    t.cell_col.saturating_add(cols.max(1) - 1),
                                ),
                            });
                        }
                    }
                    t.cell_col = t.cell_col.saturating_add(n);
                }
                _ => {}
            }
        } else if let Event::End(e) = &event {
            if e.name().as_ref() == "table:table" {
                if nested > 0 {
                    nested -= 1;
                } else if let Some(t) = table.take() {
                    if !t.rows.is_empty() || !t.cols.is_empty() || !t.merged.is_empty() {
                        out.push(OdsTable {
                            name: t.name,
                            hidden: crate::book::Hidden::new(t.rows, t.cols),
                            merged: t.merged,
                        });
                    }
                }
            }
        }
        buf.clear();
    }
    out
}

/// A table being read: its name, the rows and columns so far, the hidden ones, the merges.
#[derive(Default)]
struct Table {
    name: String,
    /// The next row, and the row being read.
    row: u32,
    this_row: u32,
    /// The next column declared (`table:table-column`), and the next cell of the row.
    col: u32,
    cell_col: u32,
    rows: Vec<u32>,
    cols: Vec<(u32, u32)>,
    merged: Vec<calamine::Dimensions>,
}

fn content(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
    let part = zip.by_name("content.xml").ok()?;
    if part.size() > crate::xlsx::PART_LIMIT {
        return None;
    }
    let mut bytes = Vec::new();
    part.take(crate::xlsx::PART_LIMIT)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::default())
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

fn repeat(e: &BytesStart, key: &str) -> u32 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

fn hidden(e: &BytesStart) -> bool {
    matches!(
        attr(e, "table:visibility").as_deref(),
        Some("collapse" | "filter")
    )
}
