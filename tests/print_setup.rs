//! Every sheet of every written workbook prints: A4, one page wide, as many pages tall as it
//! takes, its header rows repeated on every page, and no body text printed below about 8 pt.
//! Then LibreOffice prints each workbook to PDF: every page A4, and the batch summaries of the
//! nine sample units one page a sheet (a sheet wider than a page would print on more). Needs
//! LibreOffice; skipped without it, except where `ZONA_REQUIRE_LIBREOFFICE` is set (CI). Read back from
//! the xlsx itself (`xl/workbook.xml`, `xl/worksheets/sheetN.xml`).

use std::io::Read;
use std::path::Path;

use crate::libreoffice_ods::{convert, libreoffice_or_skip};
use crate::util::{root, stderr, zona};

/// A stored `<col width>` (characters plus the padding, Calibri 11) in pixels: 7 px a character.
fn column_px(stored_width: f64) -> f64 {
    (stored_width * 7.0).floor()
}

/// A4 printable width at 96 dpi within 0.7 in margins.
const PORTRAIT_PX: f64 = (8.27 - 1.4) * 96.0;
const LANDSCAPE_PX: f64 = (11.69 - 1.4) * 96.0;

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

fn read(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the workbook"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The last column (0-based) of a print area "'Sheet'!$A$1:$K$200".
fn print_area_last_col(area: &str) -> Option<usize> {
    let last = area.rsplit(':').next()?;
    let letters: String = last
        .trim_start_matches('$')
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let n = letters
        .chars()
        .fold(0usize, |n, c| n * 26 + (c as usize - 'A' as usize + 1));
    n.checked_sub(1)
}

fn check(path: &Path, what: &str) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let wb = read(&mut zip, "xl/workbook.xml");
    let names: Vec<String> = tags(&wb, "sheet")
        .iter()
        .filter_map(|t| attr(t, "name").map(|n| n.replace("&apos;", "'")))
        .collect();
    assert!(!names.is_empty(), "{what}: no sheets");
    // definedName elements: name, localSheetId, text.
    let mut titles = vec![false; names.len()];
    let mut areas: Vec<Option<usize>> = vec![None; names.len()];
    let mut rest = wb.as_str();
    while let Some(i) = rest.find("<definedName ") {
        let tag_end = rest[i..].find('>').unwrap() + i;
        let tag = &rest[i..=tag_end];
        let body_end = rest[tag_end..].find("</definedName>").unwrap() + tag_end;
        let body = &rest[tag_end + 1..body_end];
        let sheet: usize = attr(tag, "localSheetId").unwrap().parse().unwrap();
        match attr(tag, "name") {
            Some("_xlnm.Print_Titles") => titles[sheet] = body.contains(":$"),
            Some("_xlnm.Print_Area") => areas[sheet] = print_area_last_col(body),
            _ => {}
        }
        rest = &rest[body_end..];
    }
    let mut seen = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let xml = read(&mut zip, &format!("xl/worksheets/sheet{}.xml", k + 1));
        let at = format!("{what} sheet {name:?}");
        let setup = tags(&xml, "pageSetup");
        let setup = setup
            .first()
            .unwrap_or_else(|| panic!("{at}: no pageSetup"));
        assert_eq!(attr(setup, "paperSize"), Some("9"), "{at}: A4 {setup}");
        assert_eq!(attr(setup, "fitToHeight"), Some("0"), "{at}: {setup}");
        assert!(
            xml.contains("<pageSetUpPr fitToPage=\"1\"/>"),
            "{at}: fit to page"
        );
        assert!(titles[k], "{at}: print titles (header rows repeated)");
        let pages_wide: f64 = attr(setup, "fitToWidth").map_or(1.0, |w| w.parse().unwrap());
        assert_eq!(pages_wide, 1.0, "{at}: one page wide {setup}");
        let landscape = attr(setup, "orientation") == Some("landscape");
        // The printed columns: every <col> (up to the print area), at least up to the last used.
        let mut px = 0.0;
        for col in tags(&xml, "col") {
            let (min, max): (usize, usize) = (
                attr(col, "min").unwrap().parse().unwrap(),
                attr(col, "max").unwrap().parse().unwrap(),
            );
            let w: f64 = attr(col, "width").unwrap().parse().unwrap();
            for c in min..=max {
                if areas[k].is_none_or(|last| c - 1 <= last) {
                    px += column_px(w);
                }
            }
        }
        let page = if landscape { LANDSCAPE_PX } else { PORTRAIT_PX };
        let scale = (page * pages_wide / px).min(1.0);
        assert!(
            scale * 11.0 >= 8.0 - 1e-9,
            "{at}: prints 11 pt text at {:.1} pt ({} px on {pages_wide} page(s), landscape {landscape})",
            scale * 11.0,
            px
        );
        seen.push(name.clone());
    }
    seen
}

fn written(args: &[&str], out: &Path) {
    let o = zona(args);
    assert!(out.exists(), "{args:?}: {}", stderr(&o));
}

#[test]
fn every_sheet_of_every_workbook_prints_on_a4_one_page_wide_with_titles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let batch = root().join("samples/batch");
    let bahari: Vec<String> = (2023..=2025)
        .map(|y| s(&batch.join(format!("lke-kantor-pelayanan-bahari-{y}.xlsx"))))
        .collect();

    let report = d.join("laporan.xlsx");
    written(
        &[
            "score",
            &s(&batch.join("lke-rsud-cendana-2023.xlsx")),
            "--out",
            &s(&report),
        ],
        &report,
    );
    let report_en = d.join("report-en.xlsx");
    written(
        &[
            "score",
            "samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx",
            "--lang",
            "en",
            "--out",
            &s(&report_en),
        ],
        &report_en,
    );
    let template = d.join("template.xlsx");
    written(&["template", "--out", &s(&template)], &template);
    let compare = d.join("compare.xlsx");
    let mut args = vec!["compare".to_string()];
    args.extend(bahari.iter().cloned());
    args.extend(["--out".to_string(), s(&compare)]);
    written(
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        &compare,
    );
    let summary = d.join("ringkasan.xlsx");
    written(
        &[
            "batch",
            &s(&batch),
            "--out",
            &s(&summary),
            "--reports",
            &s(&d.join("laporan")),
        ],
        &summary,
    );
    // The widest summary: with the report column, in English.
    let summary_en = d.join("summary.xlsx");
    let reports = d.join("reports");
    written(
        &[
            "batch",
            &s(&batch),
            "--out",
            &s(&summary_en),
            "--reports",
            &s(&reports),
            "--lang",
            "en",
        ],
        &summary_en,
    );
    let evidence = d.join("bukti");
    std::fs::create_dir(&evidence).unwrap();
    let pack = d.join("paket");
    let pack_index = pack.join("Indeks Bukti Dukung.xlsx");
    written(
        &[
            "evidence",
            "pack",
            "samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx",
            "--dir",
            &s(&evidence),
            "--out",
            &s(&pack),
        ],
        &pack_index,
    );

    assert_eq!(
        check(&report, "report"),
        [
            "Ringkasan",
            "LKE",
            "Bukti",
            "Prioritas",
            "Validasi",
            "Metode"
        ]
    );
    assert_eq!(
        check(&report_en, "report (en)"),
        [
            "Summary",
            "LKE",
            "Evidence",
            "Priorities",
            "Validation",
            "Method"
        ]
    );
    assert_eq!(check(&template, "template"), ["LKE ZI", "Unit"]);
    assert_eq!(check(&compare, "compare").len(), 4);
    assert_eq!(
        check(&summary, "batch"),
        [
            "Ringkasan",
            "Nilai",
            "Predikat",
            "Bukti",
            "Berkas",
            "Galat",
            "Grafik",
            "Keterangan"
        ]
    );
    assert_eq!(
        check(&summary_en, "batch (en, reports)"),
        [
            "Summary",
            "Scores",
            "Predicates",
            "Evidence",
            "Files",
            "Errors",
            "Chart",
            "Notes"
        ]
    );
    assert_eq!(
        check(&pack_index, "evidence pack index"),
        ["Indeks", "Rincian"]
    );

    let Some(lo) = libreoffice_or_skip("printing to PDF") else {
        return;
    };
    let pages = print_to_pdf(
        &lo,
        d,
        &[
            &report,
            &report_en,
            &template,
            &compare,
            &summary,
            &summary_en,
            &pack_index,
        ],
    );
    // The batch summaries: eight sheets of a few rows, each one page wide and tall.
    assert_eq!(pages["ringkasan"], 8, "{pages:?}");
    assert_eq!(pages["summary"], 8, "{pages:?}");
    // Every other workbook prints at least a page a sheet.
    assert!(pages["laporan"] >= 6, "{pages:?}");
    assert!(pages["report-en"] >= 6, "{pages:?}");
    assert!(pages["template"] >= 2, "{pages:?}");
    assert!(pages["compare"] >= 4, "{pages:?}");
    assert!(pages["Indeks Bukti Dukung"] >= 2, "{pages:?}");
}

/// Prints each workbook to PDF with LibreOffice, into `dir/pdf`, and returns each PDF's page
/// count by file stem, after checking that every page is A4 (either way up).
fn print_to_pdf(
    lo: &Path,
    dir: &Path,
    workbooks: &[&Path],
) -> std::collections::HashMap<String, usize> {
    let out = dir.join("pdf");
    convert(lo, dir, "pdf", &out, workbooks);
    let mut pages = std::collections::HashMap::new();
    for wb in workbooks {
        let stem = wb.file_stem().unwrap().to_string_lossy().to_string();
        let pdf = out.join(format!("{stem}.pdf"));
        let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("{} printed", wb.display()));
        let text = String::from_utf8_lossy(&bytes);
        // Page objects ("/Type/Page", not "/Type/Pages"), each with its media box.
        let mut n = 0;
        for (i, _) in text.match_indices("/Type/Page") {
            if text[i + 10..].starts_with('s') {
                continue;
            }
            n += 1;
            let start = text[..i].rfind(" obj").unwrap_or(0);
            let end = text[i..].find("endobj").map_or(text.len(), |e| i + e);
            let object = &text[start..end];
            let at = object
                .find("/MediaBox[")
                .unwrap_or_else(|| panic!("{stem}.pdf: page {n} has a media box"));
            let body = &object[at + 10..];
            let nums: Vec<f64> = body[..body.find(']').unwrap()]
                .split_whitespace()
                .map(|v| v.parse().unwrap())
                .collect();
            let (w, h) = (nums[2] - nums[0], nums[3] - nums[1]);
            let (short, long) = (w.min(h), w.max(h));
            assert!(
                (short - 595.3).abs() < 1.0 && (long - 841.9).abs() < 1.0,
                "{stem}.pdf: page {n} of {w} × {h} pt is not A4"
            );
        }
        assert!(n > 0, "{stem}.pdf has pages");
        pages.insert(stem, n);
    }
    pages
}
