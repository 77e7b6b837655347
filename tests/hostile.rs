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
    assert!(err.contains("kosong.xlsx: berkas kosong"), "{err}");
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

// ---------------------------------------------------------------------------------------------
// Crafted workbooks: a clean LKE written by zona, then its sheet XML edited.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use zona_report::lke_writer::{plan_lke, write_filled_lke, LkeFill, LkeLayoutOptions};

const SHEET: &str = "xl/worksheets/sheet1.xml";

/// A fully answered LKE (every choice "A"/"Ya", indices 4, counts 0).
fn clean_lke(dir: &Path) -> (PathBuf, zona_report::lke_writer::LkePlan) {
    let path = dir.join("bersih.xlsx");
    let plan = lke_with(&path, |_| {});
    (path, plan)
}

/// [`clean_lke`] at `path`, with `edit` applied to the fill.
fn lke_with(path: &Path, edit: impl FnOnce(&mut LkeFill)) -> zona_report::lke_writer::LkePlan {
    let c = zona_core::default_criteria();
    let mut fill = LkeFill::default();
    for item in &c.items {
        match &item.answer {
            zona_core::AnswerKind::Choice(_) => {
                let v = if c.answer_label(item) == "Ya/Tidak" {
                    "Ya"
                } else {
                    "A"
                };
                fill.set_answer(&item.key, v);
            }
            zona_core::AnswerKind::Index { .. } => {
                fill.set_answer(&item.key, 4.0);
            }
            zona_core::AnswerKind::Ratio(r) => {
                for inp in r.inputs.iter().filter(|i| i.sum_of.is_empty()) {
                    fill.set_input(&item.key, &inp.key, 0.0);
                }
            }
        }
    }
    edit(&mut fill);
    let layout = LkeLayoutOptions::default();
    write_filled_lke(path, &c, &fill, &layout).unwrap();
    plan_lke(&c, &layout)
}

/// Copies a workbook, passing the sheet XML through `edit`.
fn with_sheet_xml(src: &Path, dst: &Path, edit: impl Fn(String) -> String) {
    with_parts_xml(
        src,
        dst,
        |name, xml| {
            if name == SHEET {
                edit(xml)
            } else {
                xml
            }
        },
    );
}

/// Copies the workbook at `src` to `dst`, every XML part through `edit(part name, xml)`.
fn with_parts_xml(src: &Path, dst: &Path, edit: impl Fn(&str, String) -> String) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            data = edit(&name, String::from_utf8(data).unwrap()).into_bytes();
        }
        zout.start_file(name, opts).unwrap();
        zout.write_all(&data).unwrap();
    }
    zout.finish().unwrap();
}

/// Replaces the XML of one cell (`<c r="K8" …>…</c>`) with `new`.
fn replace_cell(xml: &str, cell: &str, new: &str) -> String {
    let start = xml
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("cell {cell} in sheet xml"));
    let rest = &xml[start..];
    let end = if rest[..rest.find('>').unwrap()].ends_with('/') {
        rest.find('>').unwrap() + 1
    } else {
        rest.find("</c>").unwrap() + 4
    };
    format!("{}{}{}", &xml[..start], new, &xml[start + end..])
}

fn score_json(path: &Path) -> (Option<i32>, serde_json::Value, String) {
    let o = zona(&["score", path.to_str().unwrap(), "--format", "json"]);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    let v = serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
    (o.status.code(), v, err)
}

fn diagnostic<'a>(v: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} diagnostic: {}", v["diagnostics"]))
}

#[test]
fn an_encrypted_workbook() {
    let path = crate::util::root().join("tests/data/terenkripsi.xlsx");
    let o = zona(&["score", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("terenkripsi.xlsx: lembar kerja dilindungi kata sandi"),
        "{err}"
    );
}

#[test]
fn a_stray_value_far_from_the_table_is_left_out_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let (clean, _) = clean_lke(dir.path());
    let (_, before, _) = score_json(&clean);
    // A value typed in the sheet's last cell: kept, the sheet's rectangle would hold 17 billion
    // cells. The table is read without it, and the warning names it.
    let stray = dir.path().join("nyasar.xlsx");
    with_sheet_xml(&clean, &stray, |xml| {
        xml.replace(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>",
        )
    });
    let (code, v, err) = score_json(&stray);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["total"], before["total"]);
    assert!(v["total"].as_f64().unwrap() > 0.0);
    let d = diagnostic(&v, "far_cells_ignored");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["cell"], "XFD1048576");
    assert_eq!(d["sheet"], "LKE ZI");
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.starts_with("1 sel jauh di luar tabel LKE diabaikan (XFD1048576)"),
        "{msg}"
    );
}

#[test]
fn a_sheet_whose_cells_span_a_huge_rectangle_is_refused_before_loading() {
    let dir = tempfile::tempdir().unwrap();
    let (clean, _) = clean_lke(dir.path());
    let huge = dir.path().join("raksasa.xlsx");
    // No block to keep: a value every 4,000 rows down to the last row, and every 200 columns
    // across to XFD, make one table of 17 billion cells.
    with_sheet_xml(&clean, &huge, |xml| {
        let mut extra = String::new();
        for row in (4000..=1_048_576).step_by(4000) {
            extra.push_str(&format!(
                "<row r=\"{row}\"><c r=\"A{row}\"><v>1</v></c></row>"
            ));
        }
        let mut last = String::from("<row r=\"1048576\">");
        for col in (200..16_384).step_by(200).chain([16_383]) {
            let cell = zona_core::a1::cell_name(1_048_575, col);
            last.push_str(&format!("<c r=\"{cell}\"><v>1</v></c>"));
        }
        last.push_str("</row>");
        xml.replace("</sheetData>", &format!("{extra}{last}</sheetData>"))
    });
    let (code, _, err) = score_json(&huge);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("raksasa.xlsx: lembar `LKE ZI` terlalu besar untuk sebuah LKE"),
        "{err}"
    );
    assert!(err.contains("sel-selnya merentang"), "{err}");
}

#[test]
fn a_zip_whose_content_would_expand_too_far_is_refused_before_opening() {
    let dir = tempfile::tempdir().unwrap();
    let (clean, _) = clean_lke(dir.path());
    let mut bytes = std::fs::read(&clean).unwrap();
    // Declare a 4 GB sheet in the central directory (uncompressed size at offset 24).
    let name = SHEET.as_bytes();
    let pos = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == [0x50, 0x4b, 0x01, 0x02])
        .map(|(i, _)| i)
        .find(|i| bytes[i + 46..].starts_with(name))
        .expect("central directory entry of the sheet");
    bytes[pos + 24..pos + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let bomb = dir.path().join("bom.xlsx");
    std::fs::write(&bomb, bytes).unwrap();
    let (code, _, err) = score_json(&bomb);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("bom.xlsx: isi setelah dibuka terlalu besar"),
        "{err}"
    );
}

#[test]
fn deeply_nested_xml_is_an_error_or_ignored_never_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let (clean, _) = clean_lke(dir.path());
    let nested = dir.path().join("bersarang.xlsx");
    let depth = 100_000;
    with_sheet_xml(&clean, &nested, |xml| {
        xml.replace(
            "</sheetData>",
            &format!(
                "</sheetData>{}{}",
                "<x>".repeat(depth),
                "</x>".repeat(depth)
            ),
        )
    });
    let (code, v, err) = score_json(&nested);
    match code {
        Some(0) => assert!((v["total"].as_f64().unwrap() - 100.0).abs() < 1e-9),
        Some(2) => assert!(err.contains("bersarang.xlsx"), "{err}"),
        other => panic!("exit {other:?}: {err}"),
    }
}

#[test]
fn cells_the_workbook_could_not_compute_are_reported_with_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (clean, plan) = clean_lke(dir.path());
    let a = plan.answer_cell("pemenuhan.mp.tim_kerja.b").unwrap();
    let b = plan.answer_cell("pemenuhan.mp.monev.a").unwrap();
    let d = plan.answer_cell("pemenuhan.tt.sop.a").unwrap();
    let crafted = dir.path().join("sel-aneh.xlsx");
    with_sheet_xml(&clean, &crafted, |xml| {
        let xml = replace_cell(&xml, &a, &format!("<c r=\"{a}\"><f>UPPER(\"a\")</f></c>"));
        let xml = replace_cell(&xml, &b, &format!("<c r=\"{b}\" t=\"e\"><v>#REF!</v></c>"));
        replace_cell(
            &xml,
            &d,
            &format!("<c r=\"{d}\" t=\"d\"><v>2024-01-31T00:00:00</v></c>"),
        )
    });
    let (code, v, err) = score_json(&crafted);
    assert_eq!(code, Some(0), "{err}");
    let f = diagnostic(&v, "formula_without_value");
    assert_eq!(f["cell"], a.as_str());
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("rumus =UPPER(\"a\") tanpa nilai tersimpan"),
        "{f}"
    );
    let e = diagnostic(&v, "error_value");
    assert_eq!(e["cell"], b.as_str());
    assert!(e["message"].as_str().unwrap().contains("#REF!"));
    let dt = diagnostic(&v, "date_value");
    assert_eq!(dt["cell"], d.as_str());
    assert!(
        dt["message"].as_str().unwrap().contains("2024-01-31"),
        "{dt}"
    );
    assert_eq!(v["counts"]["invalid"].as_u64(), Some(3));
}

#[test]
fn a_date_in_a_1904_workbook_is_said_as_the_date_it_shows() {
    // A workbook in the 1904 date system (older Mac Excel): serial 43860 is 2024-01-31 there
    // (2020-01-30 in the 1900 system). A date typed where an answer belongs is named with the
    // date the sheet shows.
    let dir = tempfile::tempdir().unwrap();
    let (clean, plan) = clean_lke(dir.path());
    let d = plan.answer_cell("pemenuhan.tt.sop.a").unwrap();
    // One more cell format, the built-in date format 14: its index is the old count.
    let count_at = |xml: &str| {
        let at = xml.find("<cellXfs count=\"").unwrap() + "<cellXfs count=\"".len();
        (at, at + xml[at..].find('"').unwrap())
    };
    let styles = crate::util::zip_part(&clean, "xl/styles.xml");
    let (a, b) = count_at(&styles);
    let date_style: usize = styles[a..b].parse().unwrap();
    let crafted = dir.path().join("tanggal-1904.xlsx");
    with_parts_xml(&clean, &crafted, |name, xml| match name {
        "xl/workbook.xml" => {
            assert!(xml.contains("<workbookPr"), "{xml}");
            xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
        }
        "xl/styles.xml" => {
            let (a, b) = count_at(&xml);
            format!("{}{}{}", &xml[..a], date_style + 1, &xml[b..]).replacen(
                "</cellXfs>",
                "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" \
                 applyNumberFormat=\"1\"/></cellXfs>",
                1,
            )
        }
        SHEET => replace_cell(
            &xml,
            &d,
            &format!("<c r=\"{d}\" s=\"{date_style}\"><v>43860</v></c>"),
        ),
        _ => xml,
    });
    let (code, v, err) = score_json(&crafted);
    assert_eq!(code, Some(0), "{err}");
    let dt = diagnostic(&v, "date_value");
    assert_eq!(dt["cell"], d.as_str());
    let message = dt["message"].as_str().unwrap();
    assert!(message.contains("2024-01-31"), "{dt}");
    assert!(!message.contains("2020-01-30"), "{dt}");
}

#[test]
fn a_sheet_of_thousands_of_text_rows_is_read_in_bounded_time_and_said_so() {
    // The imigrasi sample's title and header rows, then 20,000 rows of LKE-sounding text that is
    // no criteria text: every criteria text compared with every row would be 3.6 million
    // similarity comparisons (200,000 rows took 22 s). Past the budget only identical texts are
    // matched, and the first note says why the items are not found.
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let junk = dir.path().join("baris-teks.xlsx");
    let words = [
        "pengaduan",
        "masyarakat",
        "kinerja",
        "unit",
        "layanan",
        "publik",
        "reformasi",
        "birokrasi",
        "integritas",
        "zona",
        "evaluasi",
        "pelaksanaan",
        "kebijakan",
        "monitoring",
    ];
    with_sheet_xml(&sample, &junk, |xml| {
        let start = xml.find("<sheetData>").unwrap() + "<sheetData>".len();
        let end = xml.find("</sheetData>").unwrap();
        // The title and header rows (rows 1 to 6) stay.
        let header_end = xml[start..end].find("<row r=\"7\"").unwrap() + start;
        let mut rows = String::new();
        let mut seed = 7u64;
        for r in 7..20_007 {
            let text: Vec<&str> = (0..8)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    words[(seed >> 33) as usize % words.len()]
                })
                .collect();
            rows.push_str(&format!(
                "<row r=\"{r}\"><c r=\"C{r}\" t=\"inlineStr\"><is><t>{}</t></is></c></row>",
                text.join(" ")
            ));
        }
        // No merged cells or links of the sample's rows remain.
        let tail = &xml[end..];
        let tail = match tail.find("<mergeCells") {
            Some(m) => format!(
                "</sheetData>{}",
                &tail[tail[m..].find("</mergeCells>").unwrap() + m + "</mergeCells>".len()..]
            ),
            None => tail.to_string(),
        };
        format!("{}{}{}", &xml[..header_end], rows, tail)
    });
    let (code, v, err) = score_json(&junk);
    assert_eq!(code, Some(0), "{err}");
    let first = &v["diagnostics"][0];
    assert_eq!(first["code"], "too_many_rows", "{first}");
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["sheet"], "LKE ZI");
    // The 20,000 and the sample's three text rows below its header.
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("lembar memuat 20003 baris teks"),
        "{first}"
    );
    assert_eq!(v["total"].as_f64(), Some(0.0));
}

/// The sheet XML with one more merged range.
fn with_merge(xml: &str, range: &str) -> String {
    let merge = format!("<mergeCell ref=\"{range}\"/>");
    if let Some(i) = xml.find("<mergeCells") {
        let close = xml[i..].find('>').unwrap() + i + 1;
        format!("{}{}{}", &xml[..close], merge, &xml[close..])
    } else {
        xml.replace(
            "</sheetData>",
            &format!("</sheetData><mergeCells count=\"1\">{merge}</mergeCells>"),
        )
    }
}

#[test]
fn an_answer_cell_merged_over_two_items_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let (clean, plan) = clean_lke(dir.path());
    let top = plan.answer_cell("pemenuhan.mp.tim_kerja.a").unwrap();
    let below = plan.answer_cell("pemenuhan.mp.tim_kerja.b").unwrap();
    let crafted = dir.path().join("gabung.xlsx");
    with_sheet_xml(&clean, &crafted, |xml| {
        with_merge(&replace_cell(&xml, &below, ""), &format!("{top}:{below}"))
    });
    let (code, v, err) = score_json(&crafted);
    assert_eq!(code, Some(0), "{err}");
    let m = diagnostic(&v, "merged_answer");
    assert_eq!(m["cell"], below.as_str());
    assert!(
        m["message"]
            .as_str()
            .unwrap()
            .contains(&format!("sel gabungan {top}:{below}")),
        "{m}"
    );
    assert_eq!(v["counts"]["unanswered"].as_u64(), Some(1));
}

#[test]
fn an_answer_hidden_under_a_merge_from_the_left_is_not_scored() {
    // J16:K16 merged: Excel shows J16 across both cells, so K16's own answer is seen by no one
    // (it was scored as if shown). Also in a batch, which looks for merges only where free.
    let dir = tempfile::tempdir().unwrap();
    let (clean, plan) = clean_lke(dir.path());
    let (_, before, _) = score_json(&clean);
    let answer = plan.answer_cell("pemenuhan.mp.tim_kerja.a").unwrap();
    let row: String = answer.chars().filter(char::is_ascii_digit).collect();
    let col: String = answer.chars().filter(char::is_ascii_alphabetic).collect();
    let left = format!("{}{row}", (col.as_bytes()[0] - 1) as char);
    let sub = tempfile::tempdir().unwrap();
    let crafted = sub.path().join("gabung-kiri.xlsx");
    with_sheet_xml(&clean, &crafted, |xml| {
        with_merge(&xml, &format!("{left}:{answer}"))
    });
    let (code, v, err) = score_json(&crafted);
    assert_eq!(code, Some(0), "{err}");
    let m = diagnostic(&v, "merged_answer");
    assert_eq!(m["severity"], "error");
    assert_eq!(m["cell"], answer.as_str());
    let msg = m["message"].as_str().unwrap();
    assert!(
        msg.starts_with(&format!(
            "sel jawaban tertutup sel gabungan {left}:{answer}: isinya"
        )),
        "{msg}"
    );
    assert!(msg.contains("tidak dinilai"), "{msg}");
    assert_eq!(v["counts"]["unanswered"].as_u64(), Some(1));
    let (t0, t1) = (
        before["total"].as_f64().unwrap(),
        v["total"].as_f64().unwrap(),
    );
    assert!(t1 < t0, "{t1} < {t0}");
    let o = zona(&["batch", sub.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let b: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(b["rows"][0]["total"].as_f64(), Some(t1), "{b}");
}

#[test]
fn out_of_range_numbers_and_odd_answers() {
    let c = zona_core::default_criteria();
    let dir = tempfile::tempdir().unwrap();
    let mut fill = LkeFill::default();
    fill.set_answer("pemenuhan.mp.tim_kerja.a", "  yA ");
    fill.set_answer("pemenuhan.mp.tim_kerja.b", "b.");
    fill.set_answer("hasil.bersih.ipak", 4.5);
    fill.set_answer("hasil.prima.ipkp", "3,20");
    fill.set_input("reform.ak.capaian_kinerja.a", "jumlah_sasaran", -2.0);
    fill.set_input("reform.ak.capaian_kinerja.a", "sasaran_tercapai", 1.0);
    fill.set_input("reform.mp.komitmen.a", "jumlah_agen", 4.5);
    fill.set_input("reform.mp.komitmen.a", "perubahan_dibuat", 2.0);
    let path = dir.path().join("angka.xlsx");
    write_filled_lke(&path, &c, &fill, &LkeLayoutOptions::default()).unwrap();
    let (code, v, err) = score_json(&path);
    assert_eq!(code, Some(0), "{err}");
    let item = |key: &str| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["key"] == key)
            .unwrap()
            .clone()
    };
    assert_eq!(item("pemenuhan.mp.tim_kerja.a")["answer"], "Ya");
    assert_eq!(item("pemenuhan.mp.tim_kerja.b")["answer"], "B");
    assert_eq!(item("hasil.prima.ipkp")["value"].as_f64(), Some(0.8));
    assert_eq!(item("hasil.bersih.ipak")["status"], "invalid");
    assert!(diagnostic(&v, "index_out_of_range")["message"]
        .as_str()
        .unwrap()
        .contains("indeks survei 4,5 di luar rentang 0–4"));
    assert!(diagnostic(&v, "count_negative")["message"]
        .as_str()
        .unwrap()
        .contains("\"Jumlah Sasaran Kinerja\" = -2 negatif"));
    assert!(diagnostic(&v, "count_not_whole")["message"]
        .as_str()
        .unwrap()
        .contains("\"Jumlah Agen Perubahan\" = 4,5 bukan bilangan bulat"));
}

#[test]
fn a_directory_given_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let o = zona(&["score", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("panicked"));
}

// ---------------------------------------------------------------------------------------------
// Issue 13 §2: scored, but wrong, with no warning.

/// A workbook whose sheets are copies (values only) of the first sheet of other workbooks:
/// `(name, source, hidden)`, in order; `chart_first` puts a chartsheet before them.
fn workbook_of_sheets(dst: &Path, sheets: &[(&str, &Path, bool)], chart_first: bool) {
    use calamine::Reader as _;
    let mut wb = rust_xlsxwriter::Workbook::new();
    if chart_first {
        let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
        chart.add_series().set_values(("LKE ZI", 0, 0, 1, 0));
        let cs = wb.add_chartsheet();
        cs.set_name("Grafik").unwrap();
        cs.insert_chart(0, 0, &chart).unwrap();
    }
    let mut first_visible = None;
    for (i, (name, src, hidden)) in sheets.iter().enumerate() {
        let mut book = calamine::open_workbook_auto(src).unwrap();
        let first = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&first).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, c, v) in range.used_cells() {
            let (r, c) = (
                r as u32 + range.start().unwrap().0,
                c as u16 + range.start().unwrap().1 as u16,
            );
            match v {
                calamine::Data::String(s) => {
                    ws.write(r, c, s.as_str()).unwrap();
                }
                calamine::Data::Float(f) => {
                    ws.write(r, c, *f).unwrap();
                }
                calamine::Data::Int(n) => {
                    ws.write(r, c, *n as f64).unwrap();
                }
                other => {
                    ws.write(r, c, other.to_string()).unwrap();
                }
            }
        }
        if *hidden {
            ws.set_hidden(true);
        } else if first_visible.is_none() {
            first_visible = Some(i);
        }
    }
    if let Some(i) = first_visible {
        wb.worksheet_from_index(i + usize::from(chart_first))
            .unwrap()
            .set_active(true);
    }
    wb.save(dst).unwrap();
}

/// The sample with low answers: every choice "C"/"Tidak".
fn low_lke(dir: &Path) -> PathBuf {
    let c = zona_core::default_criteria();
    let mut fill = LkeFill::default();
    for item in &c.items {
        if let zona_core::AnswerKind::Choice(_) = &item.answer {
            let v = if c.answer_label(item) == "Ya/Tidak" {
                "Tidak"
            } else {
                "C"
            };
            fill.set_answer(&item.key, v);
        }
    }
    let path = dir.join("rendah.xlsx");
    write_filled_lke(&path, &c, &fill, &LkeLayoutOptions::default()).unwrap();
    path
}

fn total(v: &serde_json::Value) -> f64 {
    v["total"].as_f64().unwrap()
}

#[test]
fn a_hidden_lke_sheet_before_a_visible_one_is_not_the_one_scored() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = clean_lke(dir.path());
    let low = low_lke(dir.path());
    let (_, low_alone, _) = score_json(&low);
    let path = dir.path().join("tersembunyi.xlsx");
    workbook_of_sheets(
        &path,
        &[("LKE ZI", &good, true), ("LKE", &low, false)],
        false,
    );
    let (code, v, _) = score_json(&path);
    assert_eq!(code, Some(0));
    assert_eq!(v["source"]["sheet"], "LKE", "the visible sheet is read");
    assert!(
        (total(&v) - total(&low_alone)).abs() < 1e-9,
        "scored as the visible sheet alone"
    );
    let d = diagnostic(&v, "other_lke_sheet");
    assert_eq!(d["severity"], "warning");
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains("`LKE ZI` (tersembunyi)") && msg.contains("`LKE`"),
        "{msg}"
    );
    // The text summary says it with the sheet.
    let o = zona(&["score", path.to_str().unwrap()]);
    let out = crate::util::stdout(&o);
    assert!(
        out.contains("peringatan") && out.contains("LKE ZI") && out.contains("tidak dibaca"),
        "{out}"
    );

    // Only hidden sheets: the hidden one is read, with a warning.
    let only_hidden = dir.path().join("hanya-tersembunyi.xlsx");
    workbook_of_sheets(&only_hidden, &[("LKE ZI", &good, true)], true);
    let (_, v, _) = score_json(&only_hidden);
    assert_eq!(v["source"]["sheet"], "LKE ZI");
    let d = diagnostic(&v, "hidden_sheet_read");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["sheet"], "LKE ZI");
}

#[test]
fn two_visible_lke_sheets_are_named_which_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = clean_lke(dir.path());
    let low = low_lke(dir.path());
    let path = dir.path().join("dua-lke.xlsx");
    workbook_of_sheets(
        &path,
        &[("LKE ZI", &low, false), ("LKE ZI (revisi)", &good, false)],
        false,
    );
    let o = zona(&[
        "score",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["source"]["sheet"], "LKE ZI");
    let msg = diagnostic(&v, "other_lke_sheet")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("sheet `LKE ZI (revisi)` also has the LKE layout and was not read"),
        "{msg}"
    );
    assert_eq!(
        diagnostic(&v, "other_lke_sheet")["sheet"],
        "LKE ZI (revisi)"
    );
}

#[test]
fn a_chartsheet_before_the_lke_sheet_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = clean_lke(dir.path());
    let (_, alone, _) = score_json(&good);
    let path = dir.path().join("grafik.xlsx");
    workbook_of_sheets(&path, &[("LKE ZI", &good, false)], true);
    let (code, v, err) = score_json(&path);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["source"]["sheet"], "LKE ZI");
    assert!((total(&v) - total(&alone)).abs() < 1e-9);
}

fn item<'a>(v: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap()
}

fn diagnostics_at<'a>(
    v: &'a serde_json::Value,
    code: &str,
    cell: &str,
) -> Vec<&'a serde_json::Value> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code && d["cell"] == cell)
        .collect()
}

#[test]
fn counts_in_indonesian_number_forms_are_read_as_the_numbers_they_are() {
    const KEY: &str = "reform.mp.komitmen.a";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ribuan.xlsx");
    // "2.000" agents and 2 changes: 0.1 %, not 100 %.
    let plan = lke_with(&path, |f| {
        f.set_input(KEY, "jumlah_agen", "2.000");
        f.set_input(KEY, "perubahan_dibuat", "1.000,00");
    });
    let (code, v, _) = score_json(&path);
    assert_eq!(code, Some(0));
    let it = item(&v, KEY);
    assert_eq!(it["counts"]["jumlah_agen"], 2000.0);
    assert_eq!(it["counts"]["perubahan_dibuat"], 1000.0);
    assert_eq!(it["value"], 0.5);
    let cell = plan.input_cell(KEY, "jumlah_agen").unwrap();
    let notes = diagnostics_at(&v, "read_forgivingly", &cell);
    assert_eq!(notes.len(), 1, "{}", v["diagnostics"]);
    assert_eq!(notes[0]["severity"], "info");
    let msg = notes[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("\"2.000\" (teks) dibaca sebagai angka 2000")
            && msg.contains("sebagai angka, bukan teks"),
        "{msg}"
    );

    // Forms that read two ways are flagged with their cell, and the item is not scored.
    for text in ["1,500", "2.5", "1,5"] {
        let path = dir.path().join("ambigu.xlsx");
        let plan = lke_with(&path, |f| {
            f.set_input(KEY, "jumlah_agen", text);
        });
        let (code, v, _) = score_json(&path);
        assert_eq!(code, Some(0));
        assert_eq!(item(&v, KEY)["status"], "invalid", "{text}");
        let cell = plan.input_cell(KEY, "jumlah_agen").unwrap();
        let d = diagnostics_at(&v, "ambiguous_number", &cell);
        assert_eq!(d.len(), 1, "{text}: {}", v["diagnostics"]);
        assert_eq!(d[0]["severity"], "error");
        assert!(d[0]["message"]
            .as_str()
            .unwrap()
            .contains(&format!("\"{text}\"")));
    }
}

#[test]
fn answers_read_forgivingly_get_an_info_note_with_their_cell() {
    let c = zona_core::default_criteria();
    let choice = |yes_no: bool| {
        c.items
            .iter()
            .filter(|i| matches!(i.answer, zona_core::AnswerKind::Choice(_)))
            .filter(|i| (c.answer_label(i) == "Ya/Tidak") == yes_no)
            .map(|i| i.key.clone())
            .collect::<Vec<_>>()
    };
    let (abc, ya) = (choice(false), choice(true));
    let index: Vec<String> = c
        .items
        .iter()
        .filter(|i| matches!(i.answer, zona_core::AnswerKind::Index { .. }))
        .map(|i| i.key.clone())
        .collect();
    let cases = [
        (abc[0].clone(), " A ", "A"),
        (abc[1].clone(), "B.", "B"),
        (ya[0].clone(), "ya ", "Ya"),
        (ya[1].clone(), "TIDAK.", "Tidak"),
        (index[0].clone(), "3,65", ""),
        (index[1].clone(), "3.65", ""),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("longgar.xlsx");
    let plan = lke_with(&path, |f| {
        for (key, text, _) in &cases {
            f.set_answer(key, *text);
        }
        // Exactly as the workbook wants, in another case: no note.
        f.set_answer(&abc[2], "a");
    });
    let (code, v, _) = score_json(&path);
    assert_eq!(code, Some(0));
    for (key, text, read_as) in &cases {
        let it = item(&v, key);
        assert_eq!(it["status"], "answered", "{key}");
        let cell = plan.answer_cell(key).unwrap();
        let d = diagnostics_at(&v, "read_forgivingly", &cell);
        assert_eq!(d.len(), 1, "{key} {text}: {}", v["diagnostics"]);
        assert_eq!(d[0]["severity"], "info");
        let msg = d[0]["message"].as_str().unwrap();
        assert!(msg.contains(&format!("\"{text}\"")), "{msg}");
        if read_as.is_empty() {
            assert_eq!(it["answer"], "3.65");
            assert!(
                msg.contains("dibaca sebagai angka 3,65")
                    && msg.contains("ketik 3,65 sebagai angka"),
                "{msg}"
            );
        } else {
            assert_eq!(it["answer"], *read_as);
            assert!(msg.contains(&format!("ketik \"{read_as}\" saja")), "{msg}");
        }
    }
    let cell = plan.answer_cell(&abc[2]).unwrap();
    assert!(diagnostics_at(&v, "read_forgivingly", &cell).is_empty());
    // In English too, and nothing Indonesian in it.
    let o = zona(&["score", path.to_str().unwrap(), "--lang", "en"]);
    let out = crate::util::stdout(&o);
    assert!(
        out.contains("\"B.\" read as \"B\", but the workbook's own formulas"),
        "{out}"
    );
}

/// A PortalRB answer document: `tahun` as given (JSON text), and `answers` as (soal_id, jawaban_unit).
fn portalrb_json(
    dir: &Path,
    name: &str,
    tahun: &str,
    answers: &[(u32, &str)],
    bom: bool,
) -> PathBuf {
    let list: Vec<String> = answers
        .iter()
        .map(|(id, a)| format!("{{\"soal_id\": {id}, \"jawaban_unit\": \"{a}\"}}"))
        .collect();
    let body = format!(
        "{}{{\"unit_id\": \"u1\", \"nama_unit\": \"Kantor Uji\", \"tahun\": {tahun}, \"answers\": [{}]}}",
        if bom { "\u{feff}" } else { "" },
        list.join(", ")
    );
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

/// The soal_id of the first Ya/Tidak item.
fn first_yes_no_soal() -> (u32, String) {
    let c = zona_core::default_criteria();
    let it = c
        .items
        .iter()
        .find(|i| i.soal_id.is_some() && c.answer_label(i) == "Ya/Tidak")
        .unwrap();
    (it.soal_id.unwrap(), it.key.clone())
}

#[test]
fn portalrb_json_with_a_bom_a_year_as_text_and_a_bad_year() {
    let dir = tempfile::tempdir().unwrap();
    let (soal, key) = first_yes_no_soal();
    let path = portalrb_json(dir.path(), "bom.json", "\"2025\"", &[(soal, "Ya")], true);
    let (code, v, err) = score_json(&path);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["unit"]["year"], 2025);
    assert_eq!(item(&v, &key)["value"], 1.0);
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["code"] != "year_invalid"));
    for tahun in ["-2025", "\"dua ribu\"", "true", "99999"] {
        let path = portalrb_json(dir.path(), "tahun.json", tahun, &[(soal, "Ya")], false);
        let (code, v, err) = score_json(&path);
        assert_eq!(code, Some(0), "{tahun}: {err}");
        assert!(v["unit"]["year"].is_null(), "{tahun}");
        let d = diagnostic(&v, "year_invalid");
        assert_eq!(d["severity"], "warning");
        assert_eq!(d["cell"], "tahun");
        assert_eq!(item(&v, &key)["value"], 1.0, "the answers are still read");
    }
}

#[test]
fn portalrb_json_with_one_soal_twice_and_different_answers() {
    let dir = tempfile::tempdir().unwrap();
    let (soal, key) = first_yes_no_soal();
    let path = portalrb_json(
        dir.path(),
        "ganda.json",
        "2025",
        &[(soal, "Tidak"), (soal, "Ya")],
        false,
    );
    let (code, v, _) = score_json(&path);
    assert_eq!(code, Some(0));
    assert_eq!(item(&v, &key)["value"], 0.0, "the first entry counts");
    let d = diagnostic(&v, "duplicate_soal");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["cell"], format!("soal_id {soal}"));
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains(&format!("soal_id {soal} muncul lebih dari sekali"))
            && msg.contains("yang dihitung yang pertama (\"Tidak\")"),
        "{msg}"
    );
    // The same answer twice is no conflict.
    let path = portalrb_json(
        dir.path(),
        "sama.json",
        "2025",
        &[(soal, "Ya"), (soal, "Ya")],
        false,
    );
    let (_, v, _) = score_json(&path);
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["code"] != "duplicate_soal"));
}

#[test]
fn a_json_input_has_the_workbook_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("besar.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(zona_read::guard::MAX_FILE_BYTES + 1).unwrap();
    let (code, err) = (
        zona(&["score", path.to_str().unwrap()]).status.code(),
        stderr(&zona(&["score", path.to_str().unwrap()])),
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("besar.json: berkas terlalu besar"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["pipa.xlsx", "pipa.json"] {
        let path = dir.path().join(name);
        let ok = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(ok.success());
        let o = zona(&["score", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{name}: bukan berkas biasa (pipa bernama)")),
            "{err}"
        );
        let o = zona(&["score", path.to_str().unwrap(), "--lang", "en"]);
        assert!(
            stderr(&o).contains("not a regular file (a named pipe)"),
            "{}",
            stderr(&o)
        );
    }
    let o = zona(&["score", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/dev/null: bukan berkas biasa (perangkat)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_note_holding_a_formula_without_a_cached_value_is_said_so() {
    const KEY: &str = "pemenuhan.mp.tim_kerja.a";
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("catatan.xlsx");
    let plan = lke_with(&clean, |f| {
        f.item_mut(KEY).note = Some("sementara".into());
    });
    let row = plan.item_row(KEY).unwrap();
    let cell = zona_core::a1::cell_name(row, plan.columns.catatan as u32);
    let crafted = dir.path().join("catatan-rumus.xlsx");
    with_sheet_xml(&clean, &crafted, |xml| {
        replace_cell(
            &xml,
            &cell,
            &format!("<c r=\"{cell}\" t=\"str\"><f>CONCAT(\"a\",\"b\")</f></c>"),
        )
    });
    let (code, v, err) = score_json(&crafted);
    assert_eq!(code, Some(0), "{err}");
    let d = diagnostic(&v, "note_formula_without_value");
    assert_eq!(d["severity"], "info");
    assert_eq!(d["cell"], cell.as_str());
    assert_eq!(d["item"], KEY);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("=CONCAT(\"a\",\"b\") tanpa nilai tersimpan"),
        "{d}"
    );
    assert!(item(&v, KEY)["note"].is_null());
}

// ---------------------------------------------------------------------------------------------
// Issue 13 §3: outputs that cannot be turned against their reader.

#[test]
fn a_line_break_in_a_unit_name_or_an_answer_cannot_forge_a_line() {
    // A unit name holding a line break and a made-up ranking row: the batch table showed a second
    // row "1  95,10 … MEMENUHI"; an answer holding one printed a line of its own in the notes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("palsu.xlsx");
    lke_with(&path, |f| {
        f.unit_name = Some("Kantor Asli\n   1    95,10     95,10  MEMENUHI  Kantor Palsu".into());
        f.set_answer("pemenuhan.mp.tim_kerja.a", "Iya\nNILAI TOTAL 99,99");
    });
    // tests/data/hostile/nama-unit-baris-palsu.xlsx: the sample whose Unit sheet names the unit
    // "RSUD Contoh Cendana⏎   1    95,10 … MEMENUHI MEMENUHI …".
    std::fs::copy(
        crate::util::root().join("tests/data/hostile/nama-unit-baris-palsu.xlsx"),
        dir.path().join("nama.xlsx"),
    )
    .unwrap();
    let o = zona(&["batch", dir.path().to_str().unwrap()]);
    let out = crate::util::stdout(&o);
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows.iter().all(|r| !r.contains("    95,10 ")), "{out}");
    // A name typed over two lines is one name, its white space single.
    assert!(
        rows[1].contains("RSUD Contoh Cendana (2023) — samples/batch/lke-rsud-cendana-2023.xlsx 1 95,10 95,10 MEMENUHI"),
        "{out}"
    );
    let o = zona(&["score", path.to_str().unwrap()]);
    let out = crate::util::stdout(&o);
    assert!(
        !out.lines().any(|l| l.starts_with("NILAI TOTAL 99")),
        "{out}"
    );
    assert!(out.contains("jawaban \"Iya\\nNILAI TOTAL 99,99\""), "{out}");
}

#[test]
fn control_characters_from_the_input_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("esc.xlsx");
    lke_with(&path, |f| {
        f.unit_name = Some("Kantor\u{1b}[2J\u{1b}]0;judul\u{7}Jahat\r".into());
        f.set_answer("pemenuhan.mp.tim_kerja.a", "\u{1b}[31mZ");
    });
    for args in [
        vec!["score", path.to_str().unwrap()],
        vec!["batch", dir.path().to_str().unwrap()],
    ] {
        let o = zona(&args);
        let (out, err) = (crate::util::stdout(&o), stderr(&o));
        for text in [&out, &err] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\r'),
                "{args:?}: {text:?}"
            );
        }
        assert!(out.contains("Kantor\\x1B[2J"), "{args:?}: {out}");
    }
    // CSV on stdout too.
    let o = zona(&["batch", dir.path().to_str().unwrap(), "--format", "csv"]);
    let out = crate::util::stdout(&o);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("Kantor\\x1B[2J"), "{out}");
    // A file name echoed in an error.
    let bad = dir.path().join("a\u{1b}[2Jb.xlsx");
    std::fs::write(&bad, b"").unwrap();
    let o = zona(&["score", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        !err.contains('\u{1b}') && err.contains("a\\x1B[2Jb.xlsx: berkas kosong"),
        "{err:?}"
    );
}

#[test]
fn batch_csv_never_hands_a_spreadsheet_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in [
        "=HYPERLINK(\"http://jahat.example\",\"klik\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
    ]
    .iter()
    .enumerate()
    {
        lke_with(&dir.path().join(format!("u{i}.xlsx")), |f| {
            f.unit_name = Some((*name).into());
        });
    }
    let o = zona(&["batch", dir.path().to_str().unwrap(), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = crate::util::stdout(&o);
    for line in csv.lines() {
        for field in line.split(',') {
            let f = field.trim_start_matches('"');
            assert!(!f.starts_with(['=', '+', '@']), "{field} in {line}");
            assert!(
                !(f.starts_with('-') && f[1..].starts_with(|c: char| !c.is_ascii_digit())),
                "{field}"
            );
        }
    }
    assert!(
        csv.contains("'=HYPERLINK(")
            && csv.contains("'+cmd|")
            && csv.contains("'@SUM(1+1)")
            && csv.contains("'-2+3"),
        "{csv}"
    );
}

/// A data dukung of thousands of links (one PortalRB soal with 5 000 lines) is read up to the
/// entry bound, said with its place, and the report is still written: no million-row Bukti
/// sheet, no memory blow-up.
#[test]
fn a_data_dukung_of_thousands_of_links_is_cut_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let links: Vec<String> = (0..5000).map(|i| format!("https://a.go.id/{i}")).collect();
    let answers: Vec<serde_json::Value> = (1..=127)
        .map(|i| {
            serde_json::json!({
                "soal_id": i,
                "jawaban_unit": "A",
                "bukti_dukung_unit": if i == 1 { links.join("\n") } else { "https://a.go.id/x".to_string() },
            })
        })
        .collect();
    let doc =
        serde_json::json!({"unit_id": "u1", "nama_unit": "Uji", "tahun": 2025, "answers": answers});
    let path = dir.path().join("jawaban.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let report = dir.path().join("laporan.xlsx");
    let o = zona(&[
        "score",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--out",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "evidence_truncated")
        .expect("the cut is said");
    assert_eq!(d["cell"], "soal_id 1");
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("4900"), "{d}");
    let first = j["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["soal_id"] == 1)
        .unwrap();
    assert_eq!(first["evidence"]["entries"].as_array().unwrap().len(), 100);
    assert!(report.is_file());
}

/// The cells of every sheet of a workbook zona wrote whose text contains `needle`.
fn cells_containing(workbook: &Path, needle: &str) -> Vec<(String, String)> {
    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto(workbook).unwrap();
    let mut found = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for (_, _, cell) in range.cells() {
            if let calamine::Data::String(s) = cell {
                if s.contains(needle) {
                    found.push((name.clone(), s.clone()));
                }
            }
        }
    }
    found
}

#[test]
fn a_unit_name_longer_than_a_cell_holds_is_cut_and_every_output_is_written() {
    // 20,000 emoji after the unit's name in the title (a 27 KB file): 40,000 UTF-16 units, more
    // than the 32,767 a cell holds. rust_xlsxwriter refuses such a text, and with it the whole
    // workbook: the report failed, and in a batch the summary of every other unit was lost.
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let units = dir.path().join("unit");
    std::fs::create_dir(&units).unwrap();
    let long = units.join("nama-panjang.xlsx");
    with_parts_xml(&sample, &long, |name, xml| {
        if name == "xl/sharedStrings.xml" {
            assert!(xml.contains("Contoh Nusantara\n"));
            xml.replacen(
                "Contoh Nusantara\n",
                &format!("Contoh Nusantara {}\n", "😀".repeat(20_000)),
                1,
            )
        } else {
            xml
        }
    });
    std::fs::copy(
        crate::util::root().join("samples/batch/lke-rsud-cendana-2025.xlsx"),
        units.join("rsud.xlsx"),
    )
    .unwrap();
    let units_in = |cells: &[(String, String)], what: &str| {
        assert!(!cells.is_empty(), "{what}: no cell with the unit's name");
        for (sheet, s) in cells {
            let n = s.encode_utf16().count();
            assert!(n <= 32_767, "{sheet}: {n} units");
        }
        assert!(
            cells.iter().any(|(_, s)| s.ends_with("😀…")),
            "{what}: not cut"
        );
    };

    let report = dir.path().join("laporan.xlsx");
    let o = zona(&[
        "score",
        long.to_str().unwrap(),
        "--out",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    units_in(&cells_containing(&report, "Contoh Nusantara 😀"), "report");

    let summary = dir.path().join("ringkasan.xlsx");
    let reports = dir.path().join("laporan");
    let o = zona(&[
        "batch",
        units.to_str().unwrap(),
        "--out",
        summary.to_str().unwrap(),
        "--reports",
        reports.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    units_in(
        &cells_containing(&summary, "Contoh Nusantara 😀"),
        "summary",
    );
    // The other unit is in the summary too, and both reports were written.
    assert!(!cells_containing(&summary, "Cendana").is_empty());
    assert!(reports.join("nama-panjang.xlsx").is_file());
    assert!(reports.join("rsud.xlsx").is_file());

    let other = dir.path().join("nama-panjang-2.xlsx");
    std::fs::copy(&long, &other).unwrap();
    let comparison = dir.path().join("banding.xlsx");
    let o = zona(&[
        "compare",
        long.to_str().unwrap(),
        other.to_str().unwrap(),
        "--out",
        comparison.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The comparison names its columns by file and year, not by the unit's name.
    assert!(!cells_containing(&comparison, "83,74").is_empty());
}

#[test]
fn a_predicate_applied_for_or_denied_in_the_title_is_not_taken_as_held() {
    // A title line stating the predicate the unit applies for, or one it does not hold, was read
    // as holding Menuju WBK: with strong scores, Menuju WBBM was then met.
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let prior_line = |line: &str| {
        let tested = dir.path().join(format!("{}.xlsx", line.len()));
        with_parts_xml(&sample, &tested, |name, xml| {
            if name == "xl/sharedStrings.xml" {
                assert!(xml.contains("Tahun Penilaian: 2025"));
                xml.replacen(
                    "Tahun Penilaian: 2025",
                    &format!("Tahun Penilaian: 2025\n{line}"),
                    1,
                )
            } else {
                xml
            }
        });
        let o = zona(&["score", tested.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = crate::util::stdout(&o);
        out.lines()
            .find(|l| l.contains("Sudah memperoleh predikat Menuju WBK"))
            .unwrap_or_else(|| panic!("{out}"))
            .split_once("Menuju WBK")
            .unwrap()
            .1
            .trim()
            .to_string()
    };
    let not_stated = "belum dinyatakan (--prior-wbk yes|no)";
    assert_eq!(
        prior_line("Predikat yang diusulkan: Menuju WBK"),
        not_stated
    );
    assert_eq!(
        prior_line("Predikat yang ingin dicapai: Menuju WBBM"),
        not_stated
    );
    assert_eq!(prior_line("Predikat: Bukan WBK"), "tidak");
    assert_eq!(prior_line("Predikat: Gagal WBK tahun 2024"), "tidak");
    assert_eq!(
        prior_line("Predikat yang sudah diperoleh: Menuju WBK"),
        "ya"
    );
}

/// Every row number of a sheet's cells and rows from `from` (1-based) on moved down by one, as
/// when a row is inserted above row `from`.
fn insert_row_above(xml: &str, from: u32) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(" r=\"") {
        let (head, tail) = rest.split_at(at + 4);
        out.push_str(head);
        let end = tail.find('"').unwrap();
        let reference = &tail[..end];
        let letters: String = reference
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        let row: u32 = reference[letters.len()..].parse().unwrap();
        let row = if row >= from { row + 1 } else { row };
        out.push_str(&format!("{letters}{row}"));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_portalrb_sheet_with_a_row_inserted_is_read_by_its_soal_ids() {
    // One instruction row inserted above the first item moved every answer one row down: read by
    // the template's rows, each item got its neighbour's answer (a total of 13.91 for 83.74).
    let dir = tempfile::tempdir().unwrap();
    let c = zona_core::default_criteria();
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let (answers, _) = zona_read::read_answers(&sample, &c).unwrap();
    let mut fill: std::collections::HashMap<u32, zona_report::portalrb_writer::SoalFill> =
        std::collections::HashMap::new();
    for (item, answer) in c.items.iter().zip(&answers.items) {
        let Some(a) = answer else { continue };
        let mut put = |soal: Option<u32>, cell: Option<&zona_core::answer::Cell>| {
            if let (Some(s), Some(cell)) = (soal, cell) {
                fill.entry(s).or_default().unit = Some(cell.value.display());
            }
        };
        put(item.soal_id, a.answer.as_ref());
        if let zona_core::AnswerKind::Ratio(r) = &item.answer {
            for (inp, cell) in r.inputs.iter().zip(&a.inputs) {
                put(inp.soal_id, cell.as_ref());
            }
        }
    }
    let template = dir.path().join("jawaban.xlsx");
    zona_report::portalrb_writer::write_workbook(&template, &c, &fill).unwrap();
    let (code, v, err) = score_json(&template);
    assert_eq!(code, Some(0), "{err}");
    let expected = total(&v);
    assert!((expected - 83.74).abs() < 0.01, "{expected}");
    // Counts and survey indices are number cells, as in PortalRB's own workbook: read back
    // without a note that a number was read from text.
    let forgiven: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "read_forgivingly")
        .collect();
    assert!(forgiven.is_empty(), "{forgiven:?}");

    let shifted = dir.path().join("jawaban-baris-sisip.xlsx");
    with_parts_xml(&template, &shifted, |name, xml| {
        if name.starts_with("xl/worksheets/sheet") {
            insert_row_above(&xml, 6)
        } else {
            xml
        }
    });
    let (code, v, err) = score_json(&shifted);
    assert_eq!(code, Some(0), "{err}");
    assert!((total(&v) - expected).abs() < 1e-9, "{}", total(&v));
    let moved = diagnostic(&v, "soal_row_moved");
    assert_eq!(moved["severity"], "info");
    assert_eq!(moved["cell"], "A7", "{moved}");
    assert!(moved["message"]
        .as_str()
        .unwrap()
        .contains("soal_id 1 ada di baris 7, templat: baris 6"));

    // Column A holding numbers out of order (not the soal_ids): the template's rows, warned.
    let numbered = dir.path().join("jawaban-nomor.xlsx");
    with_parts_xml(&template, &numbered, |name, xml| {
        if name.starts_with("xl/worksheets/sheet") {
            // Soal 1 (row 6) says 50.
            replace_cell(&xml, "A6", r#"<c r="A6"><v>50</v></c>"#)
        } else {
            xml
        }
    });
    let (code, v, err) = score_json(&numbered);
    assert_eq!(code, Some(0), "{err}");
    assert!((total(&v) - expected).abs() < 1e-9);
    assert_eq!(diagnostic(&v, "soal_ids_unclear")["severity"], "warning");
}

/// An item of a scored JSON document by the cell its answer was read from.
fn item_at<'a>(v: &'a serde_json::Value, cell: &str) -> &'a serde_json::Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["cell"] == cell)
        .unwrap_or_else(|| panic!("no item read from {cell}"))
}

#[test]
fn a_hidden_copy_of_an_item_row_is_not_what_is_read_and_a_copy_is_named() {
    // tests/data/hostile/make.py: a hidden copy of the row of "Tim Kerja b." (answered A), answered
    // C, inserted above it. The hidden copy was read (83.49) with no word; the sample scores 83.74.
    let data = crate::util::root().join("tests/data/hostile");
    let (code, v, err) = score_json(&data.join("baris-tersembunyi.xlsx"));
    assert_eq!(code, Some(0), "{err}");
    assert!((total(&v) - 83.7424).abs() < 1e-3, "{}", total(&v));
    assert_eq!(item_at(&v, "LKE ZI!K10")["answer"], "A");
    let copy = diagnostic(&v, "duplicate_item_row");
    assert_eq!(copy["severity"], "warning");
    assert_eq!(copy["cell"], "K10");
    assert!(
        copy["message"]
            .as_str()
            .unwrap()
            .contains("jawabannya di K9: C"),
        "{copy}"
    );

    // Both rows shown: the first is read, and the other is named with its answer.
    let (code, v, err) = score_json(&data.join("baris-ganda.xlsx"));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(item_at(&v, "LKE ZI!K9")["answer"], "C");
    let copy = diagnostic(&v, "duplicate_item_row");
    assert_eq!(copy["cell"], "K9");
    assert!(copy["message"]
        .as_str()
        .unwrap()
        .contains("jawabannya di K10: A"));
}

#[test]
fn a_total_short_of_a_threshold_by_less_than_two_decimals_is_never_shown_as_reaching_it() {
    // tests/data/hostile/nilai-74-996.xlsx: the sample with answers lowered to a total of
    // 74.99600027. It was shown as "75,00 ≥ 75,00 selisih +0,00" beside TIDAK MEMENUHI.
    let dir = tempfile::tempdir().unwrap();
    let src = crate::util::root().join("tests/data/hostile/nilai-74-996.xlsx");
    let file = dir.path().join("nilai-74-996.xlsx");
    std::fs::copy(&src, &file).unwrap();
    let f = file.to_str().unwrap();
    let (code, v, err) = score_json(&file);
    assert_eq!(code, Some(0), "{err}");
    assert!((total(&v) - 74.996).abs() < 1e-4, "{}", total(&v));
    let o = zona(&["score", f]);
    let out = crate::util::stdout(&o);
    assert!(
        out.contains("NILAI TOTAL                                    74,996 / 100,00"),
        "{out}"
    );
    assert!(
        out.contains("74,996  ≥ 75,00          selisih -0,004"),
        "{out}"
    );
    // The same value is shown alike where it fails by more (WBBM, 85).
    assert!(
        out.contains("74,996  ≥ 85,00          selisih -10,004"),
        "{out}"
    );
    assert!(!out.contains("75,00 / 100,00"), "{out}");
    let o = zona(&["score", f, "--lang", "en", "--holds", "wbk"]);
    let out = crate::util::stdout(&o);
    assert!(
        out.contains("Total score 74.996 ≥ 75.00 (margin -0.004)"),
        "{out}"
    );
    // The batch table, and the summary and report workbooks (a number format of 3 decimals).
    let summary = dir.path().join("ringkasan.xlsx");
    let report = dir.path().join("laporan.xlsx");
    let o = zona(&["batch", f, "--out", summary.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = crate::util::stdout(&o);
    assert!(out.contains("   1   74,996 "), "{out}");
    let o = zona(&["score", f, "--out", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The comparison, text and workbook.
    let comparison = dir.path().join("perbandingan.xlsx");
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let o = zona(&[
        "compare",
        f,
        sample.to_str().unwrap(),
        "--out",
        comparison.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = crate::util::stdout(&o);
    assert!(out.contains("74,996 74,996%"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("  Nilai total didukung bukti") && l.contains("74,996")),
        "{out}"
    );
    for book in [&summary, &report, &comparison] {
        let styles = crate::util::zip_part(book, "xl/styles.xml");
        assert!(
            styles.contains("formatCode=\"0.000\""),
            "{}",
            book.display()
        );
    }
}

#[test]
fn a_header_over_two_rows_says_which_answer_column_is_the_units() {
    // The sample with a TPI column inserted before the unit's: "Jawaban" merged over K2:L2, and
    // under it "TPI" (K3) and "Unit" (L3), made with openpyxl from the sample (TPI answers
    // lowered). K was read as the unit's answers: 58.98, Menuju WBK not met, no word.
    let data = crate::util::root().join("tests/data/hostile");
    for (file, unit_col, tpi_col) in [
        ("tajuk-dua-baris-tpi-dulu.xlsx", "L", "K"),
        ("tajuk-dua-baris-unit-dulu.xlsx", "K", "L"),
    ] {
        let (code, v, err) = score_json(&data.join(file));
        assert_eq!(code, Some(0), "{file}: {err}");
        assert!((total(&v) - 83.7424).abs() < 1e-3, "{file}: {}", total(&v));
        assert_eq!(v["layer"], "unit");
        let layers = v["layers"].as_array().unwrap();
        assert_eq!(layers.len(), 2, "{file}: the TPI column is a layer");
        assert_eq!(layers[1]["layer"], "tpi");
        assert!(
            (layers[1]["total"].as_f64().unwrap() - 58.9759).abs() < 1e-3,
            "{file}: {}",
            layers[1]["total"]
        );
        assert!(
            item_at(&v, &format!("LKE ZI!{unit_col}16"))["answer"].is_string(),
            "{file}: the unit's answers are read from {unit_col}, not {tpi_col}"
        );
    }
}

#[test]
fn a_hidden_answer_column_beside_a_shown_one_is_not_what_is_read() {
    // Column K (last year's answers, IPAK 3.72, IPKP 3.55) hidden, this year's answers in N under
    // a second Jawaban header (IPAK 2.90, IPKP 2.80): K was read and Menuju WBK met.
    let data = crate::util::root().join("tests/data/hostile");
    let (code, v, err) = score_json(&data.join("kolom-tersembunyi.xlsx"));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(item_at(&v, "LKE ZI!N201")["answer"], "2.9");
    assert_eq!(item_at(&v, "LKE ZI!N204")["answer"], "2.8");
    assert_eq!(v["predicates"][0]["key"], "wbk");
    assert_eq!(v["predicates"][0]["met"], false);
    let other = diagnostic(&v, "other_answer_column");
    assert_eq!(other["severity"], "warning");
    assert_eq!(
        other["message"],
        "lembar memiliki lebih dari satu kolom Jawaban unit: kolom N dibaca, kolom K (tersembunyi) tidak"
    );
}

#[test]
fn an_answer_read_from_a_hidden_row_or_column_is_said_with_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let hidden = dir.path().join("tersembunyi.xlsx");
    with_parts_xml(&sample, &hidden, |name, xml| {
        if name == "xl/worksheets/sheet1.xml" {
            assert!(xml.contains("<row r=\"9\" "));
            xml.replacen("<row r=\"9\" ", "<row r=\"9\" hidden=\"1\" ", 1)
                .replacen(
                    "<col min=\"11\" max=\"11\" width=\"10.7109375\" customWidth=\"1\"/>",
                    "<col min=\"11\" max=\"11\" width=\"10.7109375\" hidden=\"1\" customWidth=\"1\"/>",
                    1,
                )
        } else {
            xml
        }
    });
    let (code, v, err) = score_json(&hidden);
    assert_eq!(code, Some(0), "{err}");
    // Still read (no other row or column holds them), and said.
    assert!((total(&v) - 83.7424).abs() < 1e-3, "{}", total(&v));
    let row = diagnostic(&v, "answer_in_hidden_row");
    assert_eq!(
        (&row["cell"], &row["severity"]),
        (&"K9".into(), &"warning".into())
    );
    let col = diagnostic(&v, "answer_in_hidden_column");
    assert_eq!(col["cell"], "K2");
    assert_eq!(
        col["message"],
        "jawaban dibaca dari kolom yang disembunyikan; evaluator tidak melihat kolom ini"
    );
    // The same file named `.XLSX` (as Windows often names it) went to calamine, which does not
    // say what is hidden: the checks were silent.
    let upper = dir.path().join("TERSEMBUNYI.XLSX");
    std::fs::copy(&hidden, &upper).unwrap();
    let (code, v_upper, err) = score_json(&upper);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(diagnostic(&v_upper, "answer_in_hidden_row")["cell"], "K9");
    assert_eq!(
        diagnostic(&v_upper, "answer_in_hidden_column")["cell"],
        "K2"
    );
}

#[test]
fn a_reference_formula_whose_cached_value_is_stale_is_said_with_its_cell() {
    // K9 (=R9) still caches "A" while R9 now holds "C": the workbook was changed by a program
    // that does not recalculate. Excel shows C once it recalculates; zona read A with no word.
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let stale = dir.path().join("rumus-basi.xlsx");
    with_parts_xml(&sample, &stale, |name, xml| {
        if name == "xl/worksheets/sheet1.xml" {
            let xml = replace_cell(
                &xml,
                "K9",
                r#"<c r="K9" s="6" t="str"><f>$R9</f><v>A</v></c>"#,
            );
            let at = xml.find("<row r=\"9\"").unwrap();
            let end = at + xml[at..].find("</row>").unwrap();
            format!(
                "{}<c r=\"R9\" t=\"inlineStr\"><is><t>C</t></is></c>{}",
                &xml[..end],
                &xml[end..]
            )
        } else {
            xml
        }
    });
    let (code, v, err) = score_json(&stale);
    assert_eq!(code, Some(0), "{err}");
    assert!((total(&v) - 83.7424).abs() < 1e-3, "{}", total(&v));
    assert_eq!(item_at(&v, "LKE ZI!K9")["answer"], "A");
    let d = diagnostic(&v, "formula_stale");
    assert_eq!(
        (&d["cell"], &d["severity"]),
        (&"K9".into(), &"warning".into())
    );
    assert_eq!(
        d["message"],
        "sel berisi rumus =R9 dengan nilai tersimpan \"A\", padahal R9 kini berisi \"C\": lembar kerja diubah tanpa dihitung ulang; yang dibaca nilai tersimpan (\"A\"): buka dan simpan ulang di Excel/LibreOffice"
    );
}

#[test]
fn a_shared_string_index_that_is_not_a_number_is_a_damaged_file() {
    // calamine read `<c t="s"><v>x</v></c>` as shared string 0 (the first text of the workbook):
    // K32, answered C, was scored as "A" with no word. Excel refuses such a file as damaged.
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let bad = dir.path().join("indeks-rusak.xlsx");
    with_parts_xml(&sample, &bad, |name, xml| {
        if name == "xl/worksheets/sheet1.xml" {
            replace_cell(&xml, "K32", r#"<c r="K32" s="6" t="s"><v>x</v></c>"#)
        } else {
            xml
        }
    });
    let o = zona(&["score", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim(),
        format!(
            "{}: berkas rusak (xl/worksheets/sheet1.xml: cell K32: the shared-string index \"x\" is not a number)",
            bad.display()
        )
    );
}

#[test]
fn portalrb_json_ids_as_strings_a_float_year_unknown_ids_and_numbers_as_strings() {
    // zona's own export of the sample, as the API sends it (numbers as strings: "12", "3.72").
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let exported = dir.path().join("jawaban.json");
    let o = zona(&[
        "portalrb",
        "export",
        sample.to_str().unwrap(),
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, v, err) = score_json(&exported);
    assert_eq!(code, Some(0), "{err}");
    assert!((total(&v) - 83.7424).abs() < 1e-3);
    // No note telling to retype "12" as a number in a worksheet (there were 24).
    assert_eq!(
        v["diagnostics"],
        serde_json::json!([]),
        "{}",
        v["diagnostics"]
    );
    // And no sheet named in the text header (it said `(lembar "")`).
    let text = crate::util::stdout(&zona(&["score", exported.to_str().unwrap()]));
    assert_eq!(
        text.lines().nth(1),
        Some(format!("Berkas    : {}", exported.display()).as_str())
    );

    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&exported).unwrap()).unwrap();
    // soal_ids as strings (the whole document was refused), the year as 2025.0 (said invalid).
    for a in doc["answers"].as_array_mut().unwrap() {
        a["soal_id"] = a["soal_id"].to_string().into();
    }
    doc["tahun"] = serde_json::json!(2025.0);
    let strings = dir.path().join("id-teks.json");
    std::fs::write(&strings, doc.to_string()).unwrap();
    let (code, v, err) = score_json(&strings);
    assert_eq!(code, Some(0), "{err}");
    assert!((total(&v) - 83.7424).abs() < 1e-3);
    assert_eq!(v["unit"]["year"], 2025);
    // A soal_id written `2.0`, as `tahun` may be, is soal 2 (it refused the whole document).
    let mut floats = doc.clone();
    for a in floats["answers"].as_array_mut().unwrap() {
        let id: f64 = a["soal_id"].as_str().unwrap().parse().unwrap();
        a["soal_id"] = serde_json::json!(id + 0.0);
    }
    let as_floats = dir.path().join("id-pecahan.json");
    std::fs::write(&as_floats, floats.to_string()).unwrap();
    assert!(std::fs::read_to_string(&as_floats)
        .unwrap()
        .contains("\"soal_id\":1.0"));
    let (code, v, err) = score_json(&as_floats);
    assert_eq!(code, Some(0), "{err}");
    assert!((total(&v) - 83.7424).abs() < 1e-3);

    // A mistyped soal_id (125 → 1250, IPAK): the item is not found, and the id is named.
    let ipak = doc["answers"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| a["soal_id"] == "125")
        .unwrap();
    ipak["soal_id"] = "1250".into();
    let typo = dir.path().join("salah-ketik.json");
    std::fs::write(&typo, doc.to_string()).unwrap();
    let (code, v, err) = score_json(&typo);
    assert_eq!(code, Some(0), "{err}");
    let unknown = diagnostic(&v, "unknown_soal");
    assert_eq!(
        (&unknown["cell"], &unknown["severity"]),
        (&"soal_id 1250".into(), &"warning".into())
    );
    assert_eq!(
        unknown["message"],
        "soal_id 1250 tidak ada dalam kriteria; jawabannya tidak dibaca (salah ketik soal_id?)"
    );
    // The item itself is not found, in a document's words (it advised restoring a sheet row).
    let missing = diagnostic(&v, "item_not_found");
    let message = missing["message"].as_str().unwrap();
    assert!(
        message.starts_with("item tidak ada dalam dokumen jawaban: ")
            && message.contains("soal_id 125)")
            && message.ends_with("Tambahkan jawaban soal ini ke dokumen"),
        "{message}"
    );
}

#[test]
fn force_replaces_an_earlier_output_never_a_device_a_fifo_a_link_or_a_file_of_another_kind() {
    // `--out /dev/full --force` replaced the device with a report (as root); a FIFO or a
    // symbolic link became a regular file; `--out kriteria.toml --force` replaced the criteria.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lke.xlsx");
    std::fs::copy(crate::util::example_workbook(), &input).unwrap();
    let inp = input.to_str().unwrap();
    let fifo = dir.path().join("antrian.xlsx");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let target = dir.path().join("asli.xlsx");
    std::fs::write(&target, b"bukan laporan").unwrap();
    let link = dir.path().join("tautan.xlsx");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for out in [&fifo, &link] {
        let o = zona(&["score", inp, "--out", out.to_str().unwrap(), "--force"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("bukan berkas biasa (perangkat, FIFO, soket atau tautan simbolik)"),
            "{}",
            stderr(&o)
        );
        assert!(
            !std::fs::symlink_metadata(out).unwrap().is_file(),
            "{}",
            out.display()
        );
    }
    assert_eq!(std::fs::read(&target).unwrap(), b"bukan laporan");
    // A name of another kind, with --force or without.
    let toml = dir.path().join("kriteria.toml");
    std::fs::write(&toml, b"[meta]\n").unwrap();
    for args in [
        vec!["score", inp, "--out", toml.to_str().unwrap(), "--force"],
        vec!["batch", inp, "--out", toml.to_str().unwrap(), "--force"],
        vec![
            "compare",
            inp,
            inp,
            "--out",
            toml.to_str().unwrap(),
            "--force",
        ],
    ] {
        let o = zona(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("kriteria.toml: nama berkas keluaran ini harus berakhiran .xlsx"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    assert_eq!(std::fs::read(&toml).unwrap(), b"[meta]\n");
    let csv = dir.path().join("ringkasan.csv");
    let o = zona(&["batch", inp, "--out", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!csv.exists());
    let o = zona(&[
        "portalrb",
        "export",
        inp,
        "--out",
        dir.path().join("x.xlsx").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("harus berakhiran .json"),
        "{}",
        stderr(&o)
    );
    // An earlier output of the same kind is replaced with --force.
    let report = dir.path().join("laporan.xlsx");
    for _ in 0..2 {
        let o = zona(&["score", inp, "--out", report.to_str().unwrap(), "--force"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
}

#[test]
fn a_control_character_in_the_criteria_never_makes_the_template_unreadable() {
    // A scale named with ESC and BEL went raw into a drop-down's promptTitle: the sheet's XML was
    // no longer well-formed (openpyxl refused the template; Excel would repair it).
    let dir = tempfile::tempdir().unwrap();
    let toml =
        std::fs::read_to_string(crate::util::root().join("criteria/permenpanrb-90-2021.toml"))
            .unwrap()
            .replacen(
                "name = \"Ya/Tidak\"",
                "name = \"Ya/Tidak \\u001b]0;T\\u0007\"",
                1,
            );
    assert!(toml.contains("\\u001b"));
    let criteria = dir.path().join("kriteria.toml");
    std::fs::write(&criteria, toml).unwrap();
    let out = dir.path().join("templat.xlsx");
    let o = zona(&[
        "template",
        "--criteria",
        criteria.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        let bad = bytes
            .iter()
            .position(|b| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
        assert!(
            bad.is_none(),
            "{}: a control character at {bad:?}",
            part.name().unwrap_or_default()
        );
    }
    let sheet = crate::util::zip_part(&out, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("promptTitle=\"Ya/Tidak ]0;T\""),
        "the title is kept, less the controls"
    );
}

#[test]
fn a_portalrb_count_with_three_decimals_is_flagged_not_read_as_thousands() {
    // The API writes numbers with a decimal point ("3.60"); "12.000" for the count of change
    // agents was read the Indonesian way, 12000, with an info note only (total 82.91 for the
    // sample's 83.74, the item 0.0008 of its points).
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("jawaban.json");
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let o = zona(&[
        "portalrb",
        "export",
        sample.to_str().unwrap(),
        "--out",
        json.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let at = doc["answers"]
        .as_array()
        .unwrap()
        .iter()
        .position(|a| a["soal_id"] == 88)
        .unwrap();
    assert_eq!(doc["answers"][at]["jawaban_unit"], "12");
    for (text, flagged) in [("12.000", true), ("12.0", false), ("12", false)] {
        doc["answers"][at]["jawaban_unit"] = serde_json::json!(text);
        std::fs::write(&json, doc.to_string()).unwrap();
        let (code, v, err) = score_json(&json);
        assert_eq!(code, Some(0), "{err}");
        let ambiguous = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "ambiguous_number");
        assert_eq!(ambiguous.is_some(), flagged, "{text}: {}", v["diagnostics"]);
        if let Some(d) = ambiguous {
            assert_eq!(d["severity"], "error");
            assert_eq!(d["cell"], "soal_id 88");
            assert!(d["message"]
                .as_str()
                .unwrap()
                .contains("\"12.000\" dapat dibaca dua cara"));
            assert!(total(&v) < 83.0, "{}", total(&v));
        } else {
            assert!((total(&v) - 83.7424).abs() < 1e-3, "{text}: {}", total(&v));
        }
    }
    // The same in the TPI's answer: flagged in the TPI layer, not replaced by the unit's count.
    doc["answers"][at]["jawaban_unit"] = serde_json::json!("12");
    doc["answers"][at]["jawaban_tpi"] = serde_json::json!("12.000");
    std::fs::write(&json, doc.to_string()).unwrap();
    let o = zona(&[
        "score",
        json.to_str().unwrap(),
        "--format",
        "json",
        "--layer",
        "tpi",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["layer"], "tpi");
    let d = diagnostic(&v, "ambiguous_number");
    assert_eq!(d["cell"], "soal_id 88");
    assert!(
        total(&v) < 83.0,
        "the TPI's count is not the unit's: {}",
        total(&v)
    );
}

#[test]
fn a_workbook_named_as_another_format_says_so() {
    // An .xls renamed .xlsx was refused as "password-protected"; an .xlsx renamed .xls with the
    // library's "Invalid OLE signature" in English.
    let dir = tempfile::tempdir().unwrap();
    let seed =
        std::fs::read(crate::util::root().join("fuzz/seeds/workbook_reader/l-lke-kecil")).unwrap();
    let xls = dir.path().join("lama.xlsx");
    std::fs::write(&xls, &seed[1..]).unwrap();
    let xlsx = dir.path().join("baru.xls");
    std::fs::copy(crate::util::example_workbook(), &xlsx).unwrap();
    for (file, message) in [
        (&xls, "lama.xlsx: berkas ini lembar kerja .xls yang bernama .xlsx; ganti akhiran namanya menjadi .xls lalu nilai lagi"),
        (&xlsx, "baru.xls: berkas ini lembar kerja .xlsx yang bernama .xls; ganti akhiran namanya menjadi .xlsx lalu nilai lagi"),
    ] {
        let o = zona(&["score", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(message), "{}", stderr(&o));
        assert!(!stderr(&o).contains("terenkripsi"), "{}", stderr(&o));
    }
    // Renamed back, the .xls scores.
    let back = dir.path().join("lama.xls");
    std::fs::rename(&xls, &back).unwrap();
    assert_eq!(
        zona(&["score", back.to_str().unwrap()]).status.code(),
        Some(0)
    );
}

#[test]
fn an_unknown_criteria_id_lists_the_built_in_ids() {
    // `--criteria permenpanrb-90-2012` (a typo of the id) said only "No such file or directory".
    let sample = crate::util::root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let sample = sample.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.xlsx");
    for args in [
        vec!["score", sample, "--criteria", "permenpanrb-90-2012"],
        vec!["check", "permenpanrb-90-2012"],
        vec![
            "template",
            "--criteria",
            "permenpanrb-90-2012",
            "--out",
            out.to_str().unwrap(),
        ],
    ] {
        let o = zona(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("permenpanrb-90-2012: berkas kriteria tidak ditemukan, dan tidak ada kriteria bawaan dengan id ini (id bawaan: permenpanrb-90-2021, permenpanrb-10-2019)"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    assert!(!out.exists());
    // A built-in id is checked like a file.
    let o = zona(&["check", "permenpanrb-90-2021"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(crate::util::stdout(&o).contains("kriteria sah"));
}

#[test]
fn a_portalrb_key_the_api_does_not_define_is_named() {
    // Every `jawaban_unit` spelled `jawabanUnit`: 0.00, 113 unanswered, and nothing said why.
    let dir = tempfile::tempdir().unwrap();
    let answers: Vec<serde_json::Value> = (1..=3)
        .map(|i| serde_json::json!({"soal_id": i, "jawabanUnit": "A"}))
        .collect();
    let doc =
        serde_json::json!({"unit_id": "u1", "tahun": 2025, "nama": "Uji", "answers": answers});
    let path = dir.path().join("jawaban.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let (code, v, err) = score_json(&path);
    assert_eq!(code, Some(0), "{err}");
    let keys: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "unknown_json_key")
        .collect();
    assert_eq!(keys.len(), 2, "{}", v["diagnostics"]);
    assert_eq!(keys[0]["message"], "kunci \"nama\" tidak dikenal dan diabaikan; kunci yang dibaca: unit_id, nama_unit, tahun, answers");
    assert_eq!(keys[1]["cell"], "soal_id 1");
    assert_eq!(keys[1]["severity"], "warning");
    assert!(keys[1]["message"]
        .as_str()
        .unwrap()
        .starts_with("kunci \"jawabanUnit\" tidak dikenal dan diabaikan (di 3 jawaban); kunci yang dibaca: soal_id, jawaban_unit"));
}

#[test]
fn usage_errors_are_in_the_output_language() {
    // clap's English ("error: unexpected argument …") was printed whatever the language.
    let o = zona(&["score", "x.xlsx", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "galat: nilai `xml` tidak sah untuk `--format <FORMAT>` (pilihan: text, json)"
        ),
        "{err}"
    );
    assert!(
        !err.contains("error:") && !err.contains("invalid value"),
        "{err}"
    );
    let o = zona(&["score", "x.xlsx", "--format", "xml", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: invalid value 'xml'"),
        "{}",
        stderr(&o)
    );
    let o = zona(&["batch", "x", "--jobs", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("galat: nilai `0` tidak sah untuk `--jobs <JOBS>`"),
        "{}",
        stderr(&o)
    );
    // Help is still help.
    let o = zona(&["score", "--help"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_number_its_format_shows_otherwise_is_said_at_its_cell() {
    // tests/data/hostile/ipak-persen.xlsx: the IPAK cell holds 0.93 formatted `0%` (it shows
    // "93%"); ipak-format-teks.xlsx: 1.5 formatted `"3,72"` (it shows 3,72). Both were scored as
    // held with no word: an evaluator reads something else.
    let data = crate::util::root().join("tests/data/hostile");
    for (file, start) in [
        (
            "ipak-persen.xlsx",
            "sel berformat persen: tampil 93% tetapi isinya 0,93",
        ),
        (
            "ipak-format-teks.xlsx",
            "format sel tidak menampilkan angkanya",
        ),
    ] {
        let (code, v, err) = score_json(&data.join(file));
        assert_eq!(code, Some(0), "{err}");
        let d = diagnostic(&v, "number_shown_otherwise");
        assert_eq!(d["severity"], "warning", "{file}");
        assert_eq!(d["cell"], "K201", "{file}");
        assert_eq!(d["item"], "hasil.bersih.ipak", "{file}");
        assert!(
            d["message"].as_str().unwrap().starts_with(start),
            "{file}: {d}"
        );
    }
    // The official workbook's percentage formats on its computed ratio rows are no answer.
    let (_, v, _) = score_json(&crate::util::example_workbook());
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["code"] != "number_shown_otherwise"));
}

#[test]
fn a_json_that_is_no_answer_document_says_why_in_indonesian() {
    // serde's English ("missing field `answers`", "EOF while parsing a list") was the whole
    // reason inside the Indonesian message.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jawaban.json");
    for (doc, reason) in [
        (r#"{"unit_id":"u"}"#, "1:15: bukan dokumen jawaban PortalRB: kunci `answers` tidak ada"),
        (r#"{"answers":["#, "bukan dokumen jawaban PortalRB: dokumen terpotong: berakhir sebelum selesai"),
        (r#"{"answers":[]} x"#, "1:16: bukan dokumen jawaban PortalRB: ada isi lain setelah dokumen berakhir"),
        (
            r#"{"answers":[{"soal_id":1,"jawaban_unit":"A","jawaban_unit":"B"}]}"#,
            "bukan dokumen jawaban PortalRB: kunci `jawaban_unit` muncul dua kali dalam satu objek",
        ),
        ("[]", "bukan dokumen jawaban PortalRB: jenis nilai tidak sesuai: daftar, seharusnya objek dokumen"),
    ] {
        std::fs::write(&path, doc).unwrap();
        let o = zona(&["score", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{doc}");
        let err = stderr(&o);
        assert!(err.contains(reason), "{doc}: {err}");
        assert!(!err.contains("missing field") && !err.contains("EOF while"), "{err}");
    }
}
