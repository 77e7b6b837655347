//! The writer's floor for one unit's report: the least rust_xlsxwriter (a required dependency)
//! costs to write a workbook of the report's size, with none of zona's work. It reads the shape
//! of a report zona wrote (sheets, cells, merged ranges, distinct strings, hyperlinks, charts)
//! and writes a workbook of that shape: every cell with one ready-made format, the strings made
//! once beforehand, compressed at the report's deflate level. What zona's report costs above
//! this is zona's; what this costs is the writer's.
//!
//! `cargo run --release -p zona-report --example writer_floor -- <report.xlsx> [--shape-only]`;
//! the instructions of the writing alone are those of a run minus those of a `--shape-only` run
//! (`valgrind --tool=callgrind`; docs/performance.md).

// A program that prints is what an example is.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Read;

use rust_xlsxwriter::{Chart, ChartType, Format, FormatBorder, Url, Workbook, XlsxError};

/// How big one sheet of a report is.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SheetShape {
    pub name: String,
    /// Cells written (`<c` elements), merged-range cells included.
    pub cells: usize,
    /// Cells holding a shared string.
    pub strings: usize,
    /// Merged ranges and the cells they cover.
    pub merges: usize,
    pub merged_cells: usize,
    pub links: usize,
}

/// How big a report is: its sheets, its distinct strings and its charts.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Shape {
    pub sheets: Vec<SheetShape>,
    pub distinct_strings: usize,
    pub charts: usize,
}

fn part(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut text = String::new();
    if let Ok(mut f) = zip.by_name(name) {
        f.read_to_string(&mut text).expect("a part of the report");
    }
    text
}

/// The number of cells a range like `A5:A6` covers.
fn range_cells(range: &str) -> usize {
    let corner = |a1: &str| {
        let col = a1
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .fold(0usize, |n, b| {
                n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
            });
        let row: usize = a1
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .unwrap_or(1);
        (col, row)
    };
    let (a, b) = range.split_once(':').unwrap_or((range, range));
    let ((c1, r1), (c2, r2)) = (corner(a), corner(b));
    (c2.abs_diff(c1) + 1) * (r2.abs_diff(r1) + 1)
}

/// Reads the shape of a report zona wrote.
pub fn shape_of(path: &std::path::Path) -> Shape {
    let file = std::fs::File::open(path).expect("open the report");
    let mut zip = zip::ZipArchive::new(file).expect("the report is a zip");
    let workbook = part(&mut zip, "xl/workbook.xml");
    let mut shape = Shape::default();
    for (k, piece) in workbook.split("<sheet ").skip(1).enumerate() {
        let name = piece
            .split("name=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_default()
            .to_string();
        let xml = part(&mut zip, &format!("xl/worksheets/sheet{}.xml", k + 1));
        let merges: Vec<&str> = xml
            .split("<mergeCell ref=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        shape.sheets.push(SheetShape {
            name,
            cells: xml.matches("<c ").count(),
            strings: xml.matches("t=\"s\"").count(),
            merges: merges.len(),
            merged_cells: merges.iter().map(|r| range_cells(r)).sum(),
            links: xml.matches("<hyperlink ").count(),
        });
    }
    shape.distinct_strings = part(&mut zip, "xl/sharedStrings.xml")
        .matches("<si>")
        .count();
    shape.charts = zip
        .file_names()
        .filter(|n| n.as_ref().is_ok_and(|n| n.starts_with("xl/charts/chart")))
        .count();
    shape
}

/// The strings to write, made before the writing starts (zona's texts are not the writer's cost).
pub fn strings_for(shape: &Shape) -> Vec<String> {
    (0..shape.distinct_strings.max(1))
        .map(|k| format!("Teks ke-{k} dari laporan"))
        .collect()
}

/// Writes a workbook of `shape`: per sheet, its merged ranges (two rows of one column each, as
/// the report's evidence sheet has them), its hyperlinks, then its other cells ten to a row,
/// strings where the report has strings and numbers elsewhere, every cell with one format.
pub fn write_like(shape: &Shape, strings: &[String]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let format = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let mut next_string = 0usize;
    let mut string = || {
        let s = &strings[next_string % strings.len()];
        next_string += 1;
        s
    };
    for (k, sheet) in shape.sheets.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        let mut row = 0u32;
        // Merged ranges, each over its share of the covered cells (at least two).
        let per_merge = sheet
            .merged_cells
            .checked_div(sheet.merges)
            .map_or(0, |n| n.max(2));
        for m in 0..sheet.merges {
            let col = u16::try_from(m % 10).unwrap_or(0);
            let top = row + u32::try_from((m / 10) * per_merge).unwrap_or(0);
            let bottom = top + u32::try_from(per_merge - 1).unwrap_or(0);
            ws.merge_range(top, col, bottom, col, string(), &format)?;
        }
        row += u32::try_from(sheet.merges.div_ceil(10) * per_merge).unwrap_or(0);
        for l in 0..sheet.links {
            let r = row + u32::try_from(l).unwrap_or(0);
            ws.write_url_with_format(
                r,
                10,
                Url::new("https://contoh.go.id/bukti?a=1&b=2"),
                &format,
            )?;
        }
        let covered = sheet.merged_cells + sheet.links;
        let rest = sheet.cells.saturating_sub(covered);
        let strings_left = sheet.strings.saturating_sub(sheet.merges + sheet.links);
        for c in 0..rest {
            let (r, col) = (
                row + u32::try_from(c / 10).unwrap_or(0),
                u16::try_from(c % 10).unwrap_or(0),
            );
            if c < strings_left {
                ws.write_string_with_format(r, col, string(), &format)?;
            } else {
                ws.write_number_with_format(r, col, c as f64 * 0.25, &format)?;
            }
        }
        if k == 0 {
            for ch in 0..shape.charts {
                let mut chart = Chart::new(ChartType::Bar);
                chart
                    .add_series()
                    .set_values((sheet.name.as_str(), 0, 0, 5, 0));
                ws.insert_chart(u32::try_from(20 * ch).unwrap_or(0), 12, &chart)?;
            }
        }
    }
    wb.set_zip_compression_level(1);
    wb.save_to_buffer()
}

pub fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: writer_floor <report.xlsx>");
        std::process::exit(2);
    };
    let shape = shape_of(std::path::Path::new(&path));
    let strings = strings_for(&shape);
    // `--shape-only` stops before writing: the difference between the two runs' instructions is
    // the writing, the writer's threads included (callgrind's --toggle-collect misses those).
    if std::env::args().nth(2).as_deref() == Some("--shape-only") {
        println!("{shape:?}");
        return;
    }
    let bytes = write_like(&shape, &strings).expect("write the workbook");
    let cells: usize = shape.sheets.iter().map(|s| s.cells).sum();
    println!(
        "{} sheets, {cells} cells, {} merged ranges, {} distinct strings, {} charts: {} bytes",
        shape.sheets.len(),
        shape.sheets.iter().map(|s| s.merges).sum::<usize>(),
        shape.distinct_strings,
        shape.charts,
        bytes.len()
    );
}
