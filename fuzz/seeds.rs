//! Writes the committed seed corpora of the fuzz targets, `fuzz/seeds/<target>/` (docs/fuzzing.md):
//!
//! ```text
//! cargo run --manifest-path fuzz/Cargo.toml --example seeds
//! ```
//!
//! - `criteria_loader`: the built-in criteria files and the small criteria of the tests.
//! - `workbook_reader` (selector byte + file, see `zona_fuzz::Format`): LKE workbooks written by
//!   `zona_report::lke_writer` (a full one with a unit sheet and TPI/TPN columns, a small odd one),
//!   a PortalRB workbook (`zona_report::portalrb_writer::write_workbook`) and JSON document,
//!   `samples/*.xlsx`, `tests/data/*.xlsx`, and the small LKE as .ods and .xls when LibreOffice
//!   (`soffice`) is installed to convert it.
//! - `workbook_xml` (see `zona_fuzz::pack`): the sheet XML and shared strings of the small LKE and
//!   of the PortalRB workbook, a hand-written sheet with inline strings, dates, errors and a
//!   merged answer, and the small LKE's ODS content.xml.
//! - `xls_reader`, `ods_reader`, `portalrb_json`: the `workbook_reader` seeds of their format,
//!   without the selector byte (the hand-made hostile `.xls` seeds in `xls_reader/` are kept).
//!
//! Everything is deterministic (fixed answers and creation date) except the PortalRB workbook
//! (`write_workbook` stamps the current time) and what LibreOffice writes.
//! Every seed stays below 100 KB.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use zona_core::criteria::{AnswerKind, Criteria};
use zona_fuzz::{ods_input, xlsx_input, Format};
use zona_report::lke_writer::{filled_lke_workbook, plan_lke, LkeFill, LkeLayoutOptions};
use zona_report::portalrb_writer::{write_workbook, SoalFill};

const MAX_SEED_BYTES: usize = 100 * 1024;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap();
    let seeds = root.join("fuzz/seeds");
    let scratch = std::env::temp_dir().join(format!("zona-fuzz-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    for target in ["criteria_loader", "workbook_reader", "workbook_xml"] {
        let dir = seeds.join(target);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
    }
    criteria_seeds(&root, &seeds.join("criteria_loader"));
    workbook_seeds(&root, &scratch, &seeds);
    single_format_seeds(&seeds);
    std::fs::remove_dir_all(&scratch).unwrap();
    report(&seeds);
}

/// The single-format targets (`xls_reader`, `ods_reader`, `portalrb_json`) take the
/// `workbook_reader` seeds of their format without the selector byte (`l-lke-kecil` →
/// `xls_reader/lke-kecil`). Their folders are not emptied first: the hand-made hostile seeds
/// (`xls_reader/dimensi-besar`, `sel-jauh`) stay.
fn single_format_seeds(seeds: &Path) {
    for (target, prefix) in [
        ("xls_reader", "l-"),
        ("ods_reader", "o-"),
        ("portalrb_json", "j-"),
    ] {
        let dir = seeds.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(seeds.join("workbook_reader")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(rest) = name.strip_prefix(prefix) {
                let bytes = std::fs::read(&path).unwrap();
                save(&dir, rest, &bytes[1..]);
            }
        }
    }
}

/// What zona reads from every workbook seed, so a seed that stopped exercising the reader (an
/// error, no answers found) shows.
fn report(seeds: &Path) {
    let c = zona_fuzz::criteria();
    for target in ["workbook_reader", "workbook_xml"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(seeds.join(target))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for p in names {
            let data = std::fs::read(&p).unwrap();
            let (ext, bytes) = if target == "workbook_reader" {
                let (f, b) = Format::split(&data).unwrap();
                (f.extension(), b.to_vec())
            } else {
                let (pkg, b) = zona_fuzz::pack(&data).unwrap();
                (pkg.extension(), b)
            };
            let file = zona_fuzz::ScratchFile::write(ext, &bytes);
            let what = match zona_read::read_layers(file.path(), c) {
                Err(e) => format!("error: {e}"),
                Ok((layers, info)) => {
                    let layers = zona_core::layers::resolve(layers).layers;
                    let (_, unit) = &layers[0];
                    let found = unit.items.iter().filter(|a| a.is_some()).count();
                    let r = zona_core::score(c, unit, &Default::default());
                    format!(
                        "{} `{}`, layers {:?}, {found}/{} items found, total {:.2}, {} diagnostics",
                        info.layout,
                        info.sheet,
                        layers.iter().map(|(l, _)| l.code()).collect::<Vec<_>>(),
                        c.items.len(),
                        r.total,
                        r.diagnostics.len()
                    )
                }
            };
            println!(
                "{target}/{}: {what}",
                p.file_name().unwrap().to_string_lossy()
            );
        }
    }
}

fn save(dir: &Path, name: &str, bytes: &[u8]) {
    assert!(
        bytes.len() < MAX_SEED_BYTES,
        "seed {name} is {} bytes, over {MAX_SEED_BYTES}",
        bytes.len()
    );
    std::fs::write(dir.join(name), bytes).unwrap();
    println!("{}/{name}: {} bytes", dir.display(), bytes.len());
}

fn prefixed(format: Format, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![format.selector()];
    out.extend_from_slice(bytes);
    out
}

fn criteria_seeds(root: &Path, dir: &Path) {
    for rel in [
        "criteria/permenpanrb-90-2021.toml",
        "criteria/permenpanrb-10-2019.toml",
        "crates/zona-core/tests/data/mini.toml",
        "crates/zona-report/tests/data/template-custom.toml",
    ] {
        let bytes = std::fs::read(root.join(rel)).unwrap();
        let name = Path::new(rel).file_name().unwrap().to_str().unwrap();
        save(dir, name, &bytes);
    }
}

/// The best answer of every item (counts 0, indices 4).
fn full_fill(c: &Criteria) -> LkeFill {
    let mut fill = LkeFill {
        unit_name: Some("Kantor Contoh Fuzz".into()),
        instansi: Some("Kementerian Contoh".into()),
        year: Some(2025),
        prior_predicate: Some("Menuju WBK".into()),
        ..Default::default()
    };
    for item in &c.items {
        match &item.answer {
            AnswerKind::Choice(_) => {
                let v = if c.answer_label(item) == "Ya/Tidak" {
                    "Ya"
                } else {
                    "A"
                };
                fill.set_answer(&item.key, v);
            }
            AnswerKind::Index { .. } => {
                fill.set_answer(&item.key, 4.0);
            }
            AnswerKind::Ratio(r) => {
                for inp in r.inputs.iter().filter(|i| i.sum_of.is_empty()) {
                    fill.set_input(&item.key, &inp.key, 3.0);
                }
            }
        }
    }
    fill
}

/// The full LKE with a unit sheet and TPI/TPN answer columns (every third item answered
/// differently by TPI, TPN blank but for a few items).
fn full_lke(c: &Criteria, path: &Path) {
    let layout = LkeLayoutOptions {
        created: Some((2025, 1, 1)),
        unit_sheet: true,
        ..Default::default()
    };
    let plan = plan_lke(c, &layout);
    let mut wb = filled_lke_workbook(c, &full_fill(c), &layout).unwrap();
    let ws = wb.worksheet_from_name(&layout.sheet_name).unwrap();
    let tpi = plan.columns.link + 1;
    let (tpi_note, tpn) = (tpi + 1, tpi + 2);
    ws.write(plan.header_row, tpi, "Jawaban TPI").unwrap();
    ws.write(plan.header_row, tpi_note, "Catatan TPI").unwrap();
    ws.write(plan.header_row, tpn, "Jawaban TPN").unwrap();
    for (i, item) in c.items.iter().enumerate() {
        let Some(row) = plan.item_row(&item.key) else {
            continue;
        };
        if i % 3 == 0 {
            match &item.answer {
                AnswerKind::Choice(_) if c.answer_label(item) == "Ya/Tidak" => {
                    ws.write(row, tpi, "Tidak").unwrap();
                }
                AnswerKind::Choice(_) => {
                    ws.write(row, tpi, "B").unwrap();
                }
                AnswerKind::Index { .. } => {
                    ws.write(row, tpi, 3.5).unwrap();
                }
                AnswerKind::Ratio(r) => {
                    if let Some(inp) = r.inputs.iter().find(|i| i.sum_of.is_empty()) {
                        if let Some(r) = plan.input_row(&item.key, &inp.key) {
                            ws.write(r, tpi, 1.0).unwrap();
                        }
                    }
                }
            }
            ws.write(row, tpi_note, "dikoreksi TPI").unwrap();
        }
        if i % 17 == 0 && !matches!(item.answer, AnswerKind::Ratio(_)) {
            ws.write(row, tpn, "C").unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// A small LKE: one sub-area per root kept, shifted one column right, three title rows, blank
/// rows between sub-areas, and odd answers (lowercase, padded, numbers as text, a negative and a
/// fractional count, an index out of range, a text where a number belongs).
fn small_lke(c: &Criteria, path: &Path) {
    let mut kept_parents = BTreeSet::new();
    let mut omit = BTreeSet::new();
    for item in &c.items {
        let root_of = c.ancestors(item.parent).last().unwrap_or(item.parent);
        if kept_parents
            .iter()
            .any(|(r, p)| *r == root_of && *p != item.parent)
        {
            omit.insert(item.key.clone());
        } else {
            kept_parents.insert((root_of, item.parent));
        }
    }
    // Keep the ratio items and the survey indices, whatever their sub-area.
    for item in &c.items {
        if !matches!(item.answer, AnswerKind::Choice(_)) {
            omit.remove(&item.key);
        }
    }
    let layout = LkeLayoutOptions {
        sheet_name: "lke zi 2025".into(),
        extra_title_rows: 3,
        blank_row_after_each_subarea: true,
        shift_columns: 1,
        omit_items: omit,
        created: Some((2025, 1, 1)),
        unit_sheet: false,
    };
    let mut fill = full_fill(c);
    fill.title_note = Some("CONTOH — data fiktif".into());
    let odd = ["ya ", " a", "b.", "Tidak", "E", "", "1", "c"];
    let mut n = 0;
    for item in &c.items {
        match &item.answer {
            AnswerKind::Choice(_) => {
                fill.set_answer(&item.key, odd[n % odd.len()]);
                n += 1;
            }
            AnswerKind::Index { .. } => {
                fill.set_answer(&item.key, if n % 2 == 0 { "3,60" } else { "4.5" });
                n += 1;
            }
            AnswerKind::Ratio(r) => {
                for (k, inp) in r.inputs.iter().filter(|i| i.sum_of.is_empty()).enumerate() {
                    let v: zona_report::lke_writer::FillValue = match (n + k) % 4 {
                        0 => (-2.0).into(),
                        1 => 4.5.into(),
                        2 => "7".into(),
                        _ => "banyak".into(),
                    };
                    fill.item_mut(&item.key).inputs.insert(inp.key.clone(), v);
                }
                n += 1;
            }
        }
    }
    let wb = filled_lke_workbook(c, &fill, &layout);
    wb.unwrap().save(path).unwrap();
}

fn portalrb_fill(c: &Criteria) -> HashMap<u32, SoalFill> {
    let mut fill = HashMap::new();
    for item in &c.items {
        let mut soal = |id: u32, v: &str| {
            fill.insert(
                id,
                SoalFill {
                    unit: Some(v.to_string()),
                    unit_note: id.is_multiple_of(5).then(|| "catatan unit".to_string()),
                    evidence: id
                        .is_multiple_of(7)
                        .then(|| "https://contoh.example/bukti".to_string()),
                    tpi: id.is_multiple_of(3).then(|| "B".to_string()),
                    tpi_note: id.is_multiple_of(9).then(|| "catatan TPI".to_string()),
                },
            );
        };
        match &item.answer {
            AnswerKind::Choice(_) => {
                if let Some(id) = item.soal_id {
                    soal(
                        id,
                        if c.answer_label(item) == "Ya/Tidak" {
                            "Ya"
                        } else {
                            "A"
                        },
                    );
                }
            }
            AnswerKind::Index { .. } => {
                if let Some(id) = item.soal_id {
                    soal(id, "3.60");
                }
            }
            AnswerKind::Ratio(r) => {
                for inp in &r.inputs {
                    if let Some(id) = inp.soal_id {
                        soal(id, "7");
                    }
                }
            }
        }
    }
    fill
}

fn portalrb_json(c: &Criteria) -> String {
    let mut answers = Vec::new();
    let mut ids: Vec<(u32, String)> = portalrb_fill(c)
        .into_iter()
        .map(|(id, f)| (id, f.unit.unwrap_or_default()))
        .collect();
    ids.sort();
    for (i, (id, v)) in ids.iter().enumerate() {
        // Numbers arrive as strings or numbers, answers in any case; some are null or missing.
        let unit = match i % 6 {
            0 => format!("\"{}\"", v.to_lowercase()),
            1 => "null".to_string(),
            2 if v.parse::<f64>().is_ok() => v.clone(),
            _ => format!("\"{v}\""),
        };
        let tpi = if i % 4 == 0 { "\"B\"" } else { "null" };
        answers.push(format!(
            "{{\"soal_id\": {id}, \"jawaban_unit\": {unit}, \"jawaban_tpi\": {tpi}, \"catatan_unit\": \"c{id}\", \"bukti_dukung_unit\": \"https://contoh.example/{id}\", \"catatan_tpi\": \"\"}}"
        ));
    }
    format!(
        "{{\"unit_id\": \"UNIT-FUZZ-001\", \"nama_unit\": \"Biro Contoh\", \"tahun\": 2025,\n \"answers\": [\n  {}\n]}}\n",
        answers.join(",\n  ")
    )
}

/// The entries of a zip, decompressed.
fn unzip(path: &Path) -> HashMap<String, Vec<u8>> {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = HashMap::new();
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.insert(name, data);
    }
    out
}

/// An ODS content.xml without its `<office:automatic-styles>` (column widths, fonts): the cells
/// keep their values and the seed stays small.
fn without_automatic_styles(content: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(content);
    let (open, close) = ("<office:automatic-styles>", "</office:automatic-styles>");
    match (text.find(open), text.find(close)) {
        (Some(a), Some(b)) if a < b => {
            format!("{}{}", &text[..a], &text[b + close.len()..]).into_bytes()
        }
        _ => content.to_vec(),
    }
}

/// Converts a workbook with LibreOffice (`soffice --convert-to <ext>`), if it is installed.
fn convert(src: &Path, ext: &str, out_dir: &Path) -> Option<PathBuf> {
    let status = Command::new("soffice")
        .args(["--headless", "--norestore", "--convert-to", ext, "--outdir"])
        .arg(out_dir)
        .arg(src)
        .env("HOME", out_dir)
        .output();
    match status {
        Ok(o) if o.status.success() => {
            let p = out_dir.join(src.with_extension(ext).file_name().unwrap());
            p.exists().then_some(p)
        }
        _ => {
            eprintln!("note: soffice could not convert to .{ext}; that seed is left out");
            None
        }
    }
}

/// A hand-written sheet: inline strings, a header, a date serial and an ISO date where answers
/// belong, an error value, a formula without a value, a percentage, a merged answer cell.
const HANDWRITTEN_SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="B1" t="inlineStr"><is><t>Unit Kerja: Kantor Tulisan Tangan
Instansi: Kementerian Contoh
Tahun Penilaian: 2024</t></is></c></row>
<row r="3"><c r="B3" t="inlineStr"><is><t>Penilaian</t></is></c><c r="H3" t="inlineStr"><is><t>Bobot</t></is></c><c r="J3" t="inlineStr"><is><t>Pilihan Jawaban</t></is></c><c r="K3" t="inlineStr"><is><t>Jawaban</t></is></c><c r="O3" t="inlineStr"><is><t>Catatan</t></is></c><c r="P3" t="inlineStr"><is><t>Data Dukung</t></is></c><c r="R3" t="inlineStr"><is><t>Jawaban TPI</t></is></c></row>
<row r="5"><c r="B5" t="inlineStr"><is><t>A.</t></is></c><c r="C5" t="inlineStr"><is><t>PENGUNGKIT</t></is></c><c r="H5"><v>60</v></c></row>
<row r="6"><c r="C6" t="inlineStr"><is><t>I.</t></is></c><c r="D6" t="inlineStr"><is><t>PEMENUHAN</t></is></c><c r="H6"><v>30</v></c></row>
<row r="7"><c r="D7" t="inlineStr"><is><t>1.</t></is></c><c r="E7" t="inlineStr"><is><t>MANAJEMEN PERUBAHAN</t></is></c><c r="H7"><v>4</v></c></row>
<row r="8"><c r="E8" t="inlineStr"><is><t>i.</t></is></c><c r="F8" t="inlineStr"><is><t>Penyusunan Tim Kerja</t></is></c><c r="H8"><v>1</v></c></row>
<row r="9"><c r="F9" t="inlineStr"><is><t>a.</t></is></c><c r="G9" t="inlineStr"><is><t>Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas</t></is></c><c r="J9" t="inlineStr"><is><t>Ya/Tidak</t></is></c><c r="K9" s="1"><v>45292</v></c><c r="R9" t="e"><v>#REF!</v></c></row>
<row r="10"><c r="F10" t="inlineStr"><is><t>b.</t></is></c><c r="G10" t="inlineStr"><is><t>Penentuan anggota Tim dipilih melalui prosedur/mekanisme yang jelas</t></is></c><c r="J10" t="inlineStr"><is><t>A/B/C/D</t></is></c><c r="K10"><f>UPPER("a")</f></c><c r="O10" t="inlineStr"><is><t>catatan</t></is></c><c r="P10" t="inlineStr"><is><t>https://contoh.example/sk</t></is></c></row>
<row r="11"><c r="E11" t="inlineStr"><is><t>ii.</t></is></c><c r="F11" t="inlineStr"><is><t>Rencana Pembangunan Zona Integritas</t></is></c></row>
<row r="12"><c r="G12" t="inlineStr"><is><t>Apakah terdapat dokumen rencana kerja pembangunan Zona Integritas?</t></is></c><c r="K12" t="d"><v>2024-01-31T00:00:00</v></c></row>
<row r="13"><c r="G13" t="inlineStr"><is><t>Dalam dokumen pembangunan terdapat target-target prioritas yang relevan dengan tujuan pembangunan WBK/WBBM?</t></is></c><c r="K13" s="2"><v>0.5</v></c></row>
<row r="14"><c r="G14" t="inlineStr"><is><t>Terdapat mekanisme atau media untuk mensosialisasikan pembangunan WBK/WBBM</t></is></c><c r="K14" t="b"><v>1</v></c></row>
<row r="30"><c r="B30" t="inlineStr"><is><t>B.</t></is></c><c r="C30" t="inlineStr"><is><t>HASIL</t></is></c><c r="H30"><v>40</v></c></row>
<row r="31"><c r="G31" t="inlineStr"><is><t>Nilai Survey Persepsi Antikorupsi (Survei Eksternal)</t></is></c><c r="J31" t="inlineStr"><is><t>Nilai (0-4)</t></is></c><c r="K31"><v>3.6</v></c></row>
<row r="32"><c r="G32" t="inlineStr"><is><t>- Jumlah yang harus melaporkan</t></is></c><c r="K32" t="str"><v>12</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="K13:K14"/></mergeCells></worksheet>"#;

fn workbook_seeds(root: &Path, scratch: &Path, seeds: &Path) {
    let reader = seeds.join("workbook_reader");
    let xml = seeds.join("workbook_xml");
    let c = zona_core::default_criteria();

    let full = scratch.join("lke-penuh.xlsx");
    full_lke(&c, &full);
    save(
        &reader,
        "x-lke-penuh",
        &prefixed(Format::Xlsx, &std::fs::read(&full).unwrap()),
    );

    let small = scratch.join("lke-kecil.xlsx");
    small_lke(&c, &small);
    let small_bytes = std::fs::read(&small).unwrap();
    save(
        &reader,
        "x-lke-kecil",
        &prefixed(Format::Xlsx, &small_bytes),
    );
    let parts = unzip(&small);
    save(
        &xml,
        "x-lke-kecil",
        &xlsx_input(
            &parts["xl/sharedStrings.xml"],
            &[("lke zi 2025", &parts["xl/worksheets/sheet1.xml"])],
        ),
    );

    let portal = scratch.join("portalrb.xlsx");
    write_workbook(&portal, &c, &portalrb_fill(&c)).unwrap();
    save(
        &reader,
        "x-portalrb",
        &prefixed(Format::Xlsx, &std::fs::read(&portal).unwrap()),
    );
    let parts = unzip(&portal);
    save(
        &xml,
        "x-portalrb",
        &xlsx_input(
            &parts["xl/sharedStrings.xml"],
            &[("Jawaban", &parts["xl/worksheets/sheet1.xml"])],
        ),
    );
    save(
        &reader,
        "j-portalrb",
        &prefixed(Format::Json, portalrb_json(&c).as_bytes()),
    );

    save(
        &xml,
        "x-tulisan-tangan",
        &xlsx_input(
            b"",
            &[
                ("Unit", br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nama unit</t></is></c><c r="C1" t="inlineStr"><is><t>Kantor Tulisan Tangan</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Predikat yang sudah diperoleh</t></is></c><c r="B2" t="inlineStr"><is><t>Menuju WBK</t></is></c></row></sheetData></worksheet>"#),
                ("LKE ZI", HANDWRITTEN_SHEET.as_bytes()),
            ],
        ),
    );

    for (ext, format) in [("ods", Format::Ods), ("xls", Format::Xls)] {
        if let Some(p) = convert(&small, ext, scratch) {
            let bytes = std::fs::read(&p).unwrap();
            save(
                &reader,
                &format!("{}-lke-kecil", format.selector() as char),
                &prefixed(format, &bytes),
            );
            if format == Format::Ods {
                let parts = unzip(&p);
                let content = without_automatic_styles(&parts["content.xml"]);
                save(&xml, "o-lke-kecil", &ods_input(&content));
            }
        }
    }

    for dir in ["samples", "tests/data"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
            .collect();
        files.sort();
        for p in files {
            let name = p.file_stem().unwrap().to_str().unwrap();
            save(
                &reader,
                &format!("x-{name}"),
                &prefixed(Format::Xlsx, &std::fs::read(&p).unwrap()),
            );
        }
    }
}
