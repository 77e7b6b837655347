//! Bad input: a clear message naming the file, exit code 2, never a panic.

use crate::util::{stderr, zona};

fn score_file(name: &str, bytes: &[u8]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let o = zona(&["score", path.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(name), "the message names the file: {err}");
    (o.status.code(), err)
}

#[test]
fn an_empty_file() {
    let (code, err) = score_file("kosong.xlsx", b"");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("tidak dapat dibuka sebagai lembar kerja"),
        "{err}"
    );
}

#[test]
fn a_truncated_workbook() {
    let bytes = std::fs::read(crate::util::example_workbook()).unwrap();
    let (code, err) = score_file("terpotong.xlsx", &bytes[..bytes.len() / 2]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("tidak dapat dibuka sebagai lembar kerja"),
        "{err}"
    );
}

#[test]
fn a_text_file_with_a_spreadsheet_extension() {
    let (code, _) = score_file("bukan.xlsx", b"Unit,Nilai\nKantor,90\n");
    assert_eq!(code, Some(2));
}

#[test]
fn a_workbook_without_an_lke_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tanpa-lke.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Rekap").unwrap();
    ws.write(0, 0, "Nama unit").unwrap();
    ws.write(0, 1, "Nilai").unwrap();
    wb.save(&path).unwrap();
    let o = zona(&["score", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("tanpa-lke.xlsx: tidak ada lembar LKE"),
        "{err}"
    );
    assert!(err.contains("Rekap"), "lists the sheets: {err}");
}

#[test]
fn a_header_without_items_scores_zero_and_lists_every_missing_item() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kerangka.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("LKE ZI").unwrap();
    for (c, h) in [
        "Penilaian",
        "",
        "",
        "",
        "",
        "",
        "Bobot",
        "Penjelasan",
        "Pilihan Jawaban",
        "Jawaban",
    ]
    .iter()
    .enumerate()
    {
        ws.write(1, c as u16 + 1, *h).unwrap();
    }
    wb.save(&path).unwrap();
    let o = zona(&["score", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["total"].as_f64(), Some(0.0));
    let not_found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "item_not_found")
        .count();
    assert_eq!(not_found, 113);
    assert_eq!(v["counts"]["unanswered"].as_u64(), Some(113));
}
