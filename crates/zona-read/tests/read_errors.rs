//! A read error keeps the error another library reported as its `source` (the file system, the zip
//! reader, the spreadsheet library, the JSON parser), while its message stays the text zona has
//! always printed: the library's own message after zona's sentence, in both languages.

use std::error::Error as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use zona_core::{default_criteria, Lang};
use zona_read::{Cause, ReadError, Source};

fn open_err(path: &Path) -> ReadError {
    match Source::open(path) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(e) => e,
    }
}

fn read_err(path: &Path) -> ReadError {
    let c = default_criteria();
    match Source::open(path).and_then(|s| s.read_layers(&c)) {
        Ok(_) => panic!("{} read", path.display()),
        Err(e) => e,
    }
}

/// A zip holding the given entries.
fn zip_file(path: &Path, entries: &[(&str, &str)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, body) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// The smallest xlsx calamine opens: one sheet `LKE` with the given sheet XML.
fn xlsx_with_sheet_xml(path: &Path, sheet_xml: &str) {
    zip_file(
        path,
        &[
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="LKE" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet_xml),
        ],
    );
}

fn tmp(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn a_missing_file_keeps_the_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = tmp(&dir, "tidak-ada.xlsx");
    let file = path.display().to_string();
    let e = open_err(&path);
    let io = std::fs::metadata(&path).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{file}: cannot open as a spreadsheet: {io}")
    );
    assert_eq!(
        e.message(Lang::Id),
        format!("{file}: tidak dapat dibuka sebagai lembar kerja (xlsx/xls/ods): berkas tidak ditemukan (No such file or directory)")
    );
    let Some(Cause::Io(source)) = e.source().and_then(|s| s.downcast_ref::<Cause>()) else {
        panic!("no io source: {e:?}");
    };
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    assert_eq!(e.file(), file);
}

#[test]
fn a_directory_is_an_io_error_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().display().to_string();
    let e = open_err(dir.path());
    assert_eq!(
        e.to_string(),
        format!("{file}: cannot open as a spreadsheet: is a directory")
    );
    assert_eq!(
        e.message(Lang::Id),
        format!("{file}: tidak dapat dibuka sebagai lembar kerja (xlsx/xls/ods): ini sebuah folder, bukan berkas (is a directory)")
    );
    let Some(Cause::Io(source)) = e.source().and_then(|s| s.downcast_ref::<Cause>()) else {
        panic!("no io source: {e:?}");
    };
    assert_eq!(source.kind(), std::io::ErrorKind::IsADirectory);
}

#[test]
fn a_broken_zip_keeps_the_zip_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = tmp(&dir, "rusak.xlsx");
    // A local file header and nothing else: no central directory.
    std::fs::write(&path, b"PK\x03\x04 this is not the rest of a zip").unwrap();
    let file = path.display().to_string();
    let e = open_err(&path);
    let zip_message = zip::ZipArchive::new(std::fs::File::open(&path).unwrap())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e.to_string(),
        format!("{file}: cannot open as a spreadsheet: {zip_message}")
    );
    assert_eq!(
        e.message(Lang::Id),
        format!("{file}: tidak dapat dibuka sebagai lembar kerja (xlsx/xls/ods): wadah zip berkas rusak atau terpotong ({zip_message})")
    );
    assert!(
        matches!(
            e.source().and_then(|s| s.downcast_ref::<Cause>()),
            Some(Cause::Zip(_))
        ),
        "{e:?}"
    );
}

#[test]
fn a_file_the_spreadsheet_library_refuses_keeps_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = tmp(&dir, "bukan.xlsx");
    std::fs::write(&path, b"Unit,Nilai\nKantor,90\n").unwrap();
    let file = path.display().to_string();
    let e = open_err(&path);
    let calamine_message = calamine::open_workbook_auto(&path)
        .err()
        .unwrap()
        .to_string();
    assert_eq!(
        e.to_string(),
        format!("{file}: cannot open as a spreadsheet: {calamine_message}")
    );
    assert_eq!(
        e.message(Lang::Id),
        format!(
            "{file}: tidak dapat dibuka sebagai lembar kerja (xlsx/xls/ods): wadah zip berkas rusak atau terpotong ({calamine_message})"
        )
    );
    let Some(Cause::Spreadsheet(source)) = e.source().and_then(|s| s.downcast_ref::<Cause>())
    else {
        panic!("no spreadsheet source: {e:?}");
    };
    // The cause is transparent: its own source is the spreadsheet library's.
    assert_eq!(
        e.source()
            .unwrap()
            .source()
            .map(std::string::ToString::to_string),
        source.source().map(std::string::ToString::to_string)
    );
}

#[test]
fn a_sheet_the_xlsx_reader_stops_on_keeps_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = tmp(&dir, "lembar-rusak.xlsx");
    // A cell reference no sheet can have.
    xlsx_with_sheet_xml(
        &path,
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData></worksheet>"#,
    );
    let file = path.display().to_string();
    let e = open_err(&path);
    let ReadError::Sheet { sheet, source, .. } = &e else {
        panic!("not a sheet error: {e:?}");
    };
    assert_eq!(sheet, "LKE");
    let Cause::Xlsx(xlsx) = source else {
        panic!("not the xlsx reader's error: {source:?}");
    };
    let xlsx_message = xlsx.to_string();
    assert_eq!(
        e.to_string(),
        format!("{file}: sheet `LKE` cannot be read: {xlsx_message}")
    );
    assert_eq!(
        e.message(Lang::Id),
        format!("{file}: lembar `LKE` tidak dapat dibaca: pustaka lembar kerja menolak berkas ini ({xlsx_message})")
    );
}

#[test]
fn a_json_document_that_does_not_parse_keeps_the_parser_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = tmp(&dir, "jawaban.json");
    std::fs::write(&path, "{\"answers\": [\n  {\"soal_id\": \"satu\"}\n]}").unwrap();
    let file = path.display().to_string();
    let e = read_err(&path);
    let ReadError::Json {
        line,
        column,
        source,
        ..
    } = &e
    else {
        panic!("not a JSON error: {e:?}");
    };
    // A soal_id may be a string of digits; "satu" is not one.
    assert_eq!((*line, *column), (2, 21));
    assert_eq!((source.line(), source.column()), (2, 21));
    assert_eq!(
        e.to_string(),
        format!(
            "{file}:2:21: not a PortalRB answer document: soal_id \"satu\" is not a whole number at line 2 column 21"
        )
    );
    assert_eq!(
        e.message(Lang::Id),
        format!(
            "{file}:2:21: bukan dokumen jawaban PortalRB: soal_id \"satu\" bukan bilangan bulat 0–4294967295"
        )
    );
    assert!(e.source().unwrap().is::<serde_json::Error>());
}

#[test]
fn a_json_document_that_cannot_be_read_keeps_the_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = tmp(&dir, "tidak-ada.json");
    let file = path.display().to_string();
    let e = read_err(&path);
    let io = std::fs::read_to_string(&path).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{file}: cannot open as a spreadsheet: {io}")
    );
    assert!(matches!(
        e.source().and_then(|s| s.downcast_ref::<Cause>()),
        Some(Cause::Io(_))
    ));
}

#[test]
fn findings_of_zona_itself_have_no_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = tmp(&dir, "kosong.xlsx");
    std::fs::write(&path, b"").unwrap();
    let e = open_err(&path);
    assert!(matches!(e, ReadError::Empty { .. }));
    assert!(e.source().is_none());

    // A shared-strings table declaring more strings than its size could hold.
    let path = tmp(&dir, "string-bom.xlsx");
    zip_file(
        &path,
        &[(
            "xl/sharedStrings.xml",
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="99999999" uniqueCount="99999999"></sst>"#,
        )],
    );
    let e = open_err(&path);
    let ReadError::Corrupt { message, .. } = &e else {
        panic!("not corrupt: {e:?}");
    };
    assert!(message.contains("uniqueCount=99999999"), "{message}");
    assert!(e.source().is_none());
}

#[test]
fn read_errors_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>(_: &T) {}
    let dir = tempfile::tempdir().unwrap();
    let e = open_err(&tmp(&dir, "tidak-ada.xlsx"));
    send_sync(&e);
    let message = std::thread::spawn(move || e.to_string()).join().unwrap();
    assert!(message.contains("tidak-ada.xlsx"));
}
