//! Inputs that would make the spreadsheet library allocate more than a machine has (an
//! allocation failure aborts the process, and cannot be caught): refused before it allocates, with
//! exit 2 and the file named; a batch over them goes on (issue 13 §1).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::util::{stderr, zona};

/// Copies a workbook, replacing (or adding) the zip entry `part` with `data`, deflated.
fn with_part(src: &Path, dst: &Path, part: &str, data: &[u8]) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_level(Some(1));
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name == part {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        zout.start_file(name, opts).unwrap();
        zout.write_all(&bytes).unwrap();
    }
    zout.start_file(part, opts).unwrap();
    zout.write_all(data).unwrap();
    zout.finish().unwrap();
}

/// A shared-strings part of `n` empty strings, with `uniqueCount` when `declare`.
fn empty_strings(n: usize, declare: bool) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"",
    );
    if declare {
        xml.push_str(&format!(" count=\"{n}\" uniqueCount=\"{n}\""));
    }
    xml.push('>');
    let mut bytes = xml.into_bytes();
    bytes.reserve(n * 5 + 6);
    for _ in 0..n {
        bytes.extend_from_slice(b"<si/>");
    }
    bytes.extend_from_slice(b"</sst>");
    bytes
}

/// The small LKE of the fuzz seeds as `.xls` (written by LibreOffice).
fn small_xls() -> Vec<u8> {
    let seed =
        std::fs::read(crate::util::root().join("fuzz/seeds/workbook_reader/l-lke-kecil")).unwrap();
    seed[1..].to_vec()
}

fn find(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| w == &needle)
        .map(|(i, _)| i)
        .collect()
}

fn refused(path: &Path) -> String {
    let o = zona(&["score", path.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(err.contains(name), "the message names the file: {err}");
    err
}

fn example_in(dir: &Path) -> PathBuf {
    let good = dir.join("baik.xlsx");
    std::fs::copy(crate::util::example_workbook(), &good).unwrap();
    good
}

#[test]
fn shared_strings_declaring_millions_of_empty_strings_honestly_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = example_in(dir.path());
    // 25 million `<si/>` (125 MB, about 0.6 MB deflated): uniqueCount is what the part holds,
    // and calamine would reserve 600 MB for it before reading a string.
    let hostile = dir.path().join("teks-kosong.xlsx");
    with_part(
        &good,
        &hostile,
        "xl/sharedStrings.xml",
        &empty_strings(25_000_000, true),
    );
    assert!(std::fs::metadata(&hostile).unwrap().len() < 2_000_000);
    let err = refused(&hostile);
    assert!(err.contains("daftar teks bersama"), "{err}");
    assert!(err.contains("memori"), "{err}");

    // A batch over it and a good workbook scores the good one, writes its summary, exits 1.
    let out = dir.path().join("ringkasan.xlsx");
    let o = zona(&[
        "batch",
        hostile.to_str().unwrap(),
        good.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("teks-kosong.xlsx"), "{err}");
    assert!(out.exists(), "the summary is written: {err}");
}

#[test]
fn shared_strings_without_a_count_are_counted_before_calamine_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let good = example_in(dir.path());
    // No uniqueCount: calamine grows its list string by string, to 20 million (480 MB + text).
    let hostile = dir.path().join("teks-tanpa-jumlah.xlsx");
    with_part(
        &good,
        &hostile,
        "xl/sharedStrings.xml",
        &empty_strings(20_000_000, false),
    );
    let o = zona(&["score", hostile.to_str().unwrap(), "--lang", "en"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "teks-tanpa-jumlah.xlsx: shared strings (xl/sharedStrings.xml) would need about"
        ),
        "{err}"
    );
}

#[test]
fn a_styles_part_of_millions_of_formats_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = example_in(dir.path());
    let mut xml = b"<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs>".to_vec();
    for _ in 0..6_000_000 {
        xml.extend_from_slice(b"<xf/>");
    }
    xml.extend_from_slice(b"</cellXfs></styleSheet>");
    let hostile = dir.path().join("gaya.xlsx");
    with_part(&good, &hostile, "xl/styles.xml", &xml);
    let err = refused(&hostile);
    assert!(err.contains("daftar gaya sel"), "{err}");
}

#[test]
fn a_cell_far_from_the_table_costs_nothing_for_the_space_between() {
    let dir = tempfile::tempdir().unwrap();
    let good = example_in(dir.path());
    // A1 and AZ100000: 5.2 million cells between them (calamine would allocate all of them,
    // 166 MB, per worker), in a file of a few KB. zona's reader leaves the far cell out and
    // says so; the LKE scores as without it.
    let sheet = crate::util::zip_part(&good, "xl/worksheets/sheet3.xml");
    let sheet = sheet.replace(
        "</sheetData>",
        "<row r=\"100000\"><c r=\"AZ100000\"><v>1</v></c></row></sheetData>",
    );
    let hostile = dir.path().join("jauh.xlsx");
    with_part(
        &good,
        &hostile,
        "xl/worksheets/sheet3.xml",
        sheet.as_bytes(),
    );
    let total = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .find(|l| l.starts_with("NILAI TOTAL"))
            .map(str::to_string)
    };
    let before = zona(&["score", good.to_str().unwrap()]);
    let o = zona(&["score", hostile.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(total(&o), total(&before));
    assert!(total(&o).is_some());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("1 sel jauh di luar tabel LKE diabaikan (AZ100000)"),
        "{out}"
    );
}

#[test]
fn an_xls_scores_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kecil.xls");
    std::fs::write(&path, small_xls()).unwrap();
    let o = zona(&["score", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn an_xls_whose_cells_span_billions_is_refused_before_calamine_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = small_xls();
    // One LabelSst cell (record 0x00FD, 10 bytes) moved to row 65536, column 65536: calamine's
    // `Range::from_sparse` would ask for 4 billion cells (137 GB) when it opens the file.
    let at = *find(&bytes, &[0xFD, 0x00, 0x0A, 0x00]).last().unwrap();
    bytes[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
    let path = dir.path().join("sel-jauh.xls");
    std::fs::write(&path, &bytes).unwrap();
    let err = refused(&path);
    assert!(err.contains("terlalu besar untuk sebuah LKE"), "{err}");

    // A batch over it and a good workbook goes on.
    let good = example_in(dir.path());
    let out = dir.path().join("ringkasan.xlsx");
    let o = zona(&[
        "batch",
        path.to_str().unwrap(),
        good.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(out.exists());
}

#[test]
fn an_xls_whose_dimensions_declare_millions_of_rows_is_refused() {
    let mut bytes = small_xls();
    // DIMENSIONS (0x0200, 14 bytes): the last row, a u32 in BIFF8, set to 16 million; calamine
    // reserves rows × columns cells (10 GB) from it.
    let at = find(&bytes, &[0x00, 0x02, 0x0E, 0x00])[0];
    bytes[at + 8..at + 12].copy_from_slice(&0x00FF_FFFFu32.to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dimensi.xls");
    std::fs::write(&path, &bytes).unwrap();
    let err = refused(&path);
    assert!(err.contains("memori"), "{err}");
}

#[test]
fn a_shared_formula_index_in_the_billions_is_refused_before_calamine_sizes_a_table_by_it() {
    // `<f t="shared" si="4000000000" ref="Z1:Z2">` in a 30 KB file: calamine keeps a table of
    // shared formulas as long as the largest index (160 GB here), and the process died (killed,
    // or aborted on the failed allocation). A second row 1 makes zona's own reader, which never
    // sizes anything by `si`, leave the sheet to calamine. (sheet3 is the example's `LKE ZI`.)
    let dir = tempfile::tempdir().unwrap();
    let good = example_in(dir.path());
    let mut sheet = crate::util::zip_part(&good, "xl/worksheets/sheet3.xml");
    let at = sheet.find("<sheetData>").unwrap() + "<sheetData>".len();
    sheet.insert_str(
        at,
        "<row r=\"1\"><c r=\"Z1\"><f t=\"shared\" si=\"4000000000\" ref=\"Z1:Z2\">1+1</f>\
         <v>2</v></c></row>",
    );
    let hostile = dir.path().join("rumus-bersama.xlsx");
    with_part(
        &good,
        &hostile,
        "xl/worksheets/sheet3.xml",
        sheet.as_bytes(),
    );
    assert!(std::fs::metadata(&hostile).unwrap().len() < 100_000);
    let err = refused(&hostile);
    assert!(
        err.contains("rumus bersama (xl/worksheets/sheet3.xml)"),
        "{err}"
    );
    assert!(err.contains("batas 512 MB"), "{err}");

    // The same index written small is read as ever: the workbook scores.
    let small = dir.path().join("rumus-bersama-kecil.xlsx");
    with_part(
        &good,
        &small,
        "xl/worksheets/sheet3.xml",
        sheet.replace("si=\"4000000000\"", "si=\"0\"").as_bytes(),
    );
    let o = zona(&["score", small.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
