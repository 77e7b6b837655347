//! `zona batch` end to end: the batch samples (three units over three years) plus a corrupt
//! workbook, a text file named `.xlsx` and a PortalRB JSON document, scored in one run; the
//! summary workbook read back with calamine, the reports, `--force`, CSV and JSON checked.
//!
//! Every expected total is what `zona score --format json` says of the same file, and every
//! threshold comes from the criteria, never typed in.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use calamine::{open_workbook_auto, Data, Reader};
use serde_json::Value;
use zona_core::criteria::{AnswerKind, ConditionKind, Criteria, ScaleKind};

use crate::util::{root, stderr, stdout, zona};

/// The text file named `.xlsx` and the truncated workbook, in the order a folder search finds
/// them.
const BAD_FILES: [&str; 2] = ["bukan-lembar-kerja.xlsx", "rusak.xlsx"];
const PORTALRB_FILE: &str = "portalrb-unit-contoh-2025.json";

/// The samples of `samples/batch/`, in name order.
fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("samples/batch"))
        .expect(
            "samples/batch exists (cargo run -p zona-report --example make_samples -- samples/)",
        )
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    files
}

/// The total condition's minimum of a predicate of the built-in criteria.
fn total_min(c: &Criteria, predicate: &str) -> f64 {
    c.predicates
        .iter()
        .find(|p| p.key == predicate)
        .and_then(|p| {
            p.conditions.iter().find_map(|cond| match cond.kind {
                ConditionKind::Total { min } => Some(min),
                _ => None,
            })
        })
        .expect("a total condition")
}

/// A PortalRB answer document (the documented shape, docs/workbook-layout.md): every choice item
/// at its second option, the survey indices at 3.5, every count 8 of 10.
fn write_portalrb_json(path: &Path, c: &Criteria) {
    let mut answers = Vec::new();
    for item in &c.items {
        match &item.answer {
            AnswerKind::Choice(s) => {
                let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
                    unreachable!("a choice item has a choice scale")
                };
                let code = &opts[1.min(opts.len() - 1)].code;
                answers.push(serde_json::json!({ "soal_id": item.soal_id, "jawaban_unit": code }));
            }
            AnswerKind::Index { .. } => {
                answers.push(serde_json::json!({ "soal_id": item.soal_id, "jawaban_unit": "3,5" }));
            }
            AnswerKind::Ratio(r) => {
                for (k, inp) in r.inputs.iter().enumerate() {
                    if let Some(id) = inp.soal_id {
                        let n = if k == 0 { "10" } else { "8" };
                        answers.push(serde_json::json!({ "soal_id": id, "jawaban_unit": n }));
                    }
                }
            }
        }
    }
    let doc = serde_json::json!({
        "unit_id": "UNIT-CONTOH-009",
        "nama_unit": "Unit Contoh PortalRB",
        "tahun": 2025,
        "answers": answers,
    });
    std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
}

/// A folder with the nine samples, two bad files and a PortalRB JSON document.
fn batch_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lke");
    std::fs::create_dir_all(input.join("2025")).unwrap();
    for f in sample_files() {
        std::fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
    }
    let sample = std::fs::read(&sample_files()[0]).unwrap();
    std::fs::write(input.join(BAD_FILES[0]), "Unit,Nilai\nKantor,90\n").unwrap();
    std::fs::write(input.join(BAD_FILES[1]), &sample[..sample.len() / 2]).unwrap();
    write_portalrb_json(
        &input.join("2025").join(PORTALRB_FILE),
        &zona_core::default_criteria(),
    );
    dir
}

fn good_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = sample_files()
        .iter()
        .map(|f| dir.join("lke").join(f.file_name().unwrap()))
        .collect();
    files.push(dir.join("lke/2025").join(PORTALRB_FILE));
    files
}

fn run(args: &[&str]) -> Output {
    let o = zona(args);
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    o
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `zona score --format json` of a file: its total.
fn score_total(file: &Path) -> f64 {
    let o = run(&["score", arg(file), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["total"].as_f64().unwrap()
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// The sheets that hold the summary table, in workbook order (each keyed by rank and unit).
const TABLE_SHEETS: [&str; 5] = ["Ringkasan", "Nilai", "Predikat", "Bukti", "Berkas"];

/// The summary table as (header → column) and the data rows: the table sheets side by side, a
/// column repeated on several sheets (rank, unit, year, …) taken once. Every sheet opens with a
/// line (the verdict on Ringkasan), its table from row 2, and has its rows in the same order.
fn summary_table(path: &Path) -> (HashMap<String, usize>, Vec<Vec<Data>>) {
    let mut header: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<Vec<Data>> = Vec::new();
    for name in TABLE_SHEETS {
        let sheet_rows = sheet(path, name);
        assert!(!text(&sheet_rows[0][0]).is_empty(), "{name}: a first line");
        let heads: Vec<String> = sheet_rows[2].iter().map(text).collect();
        let body = &sheet_rows[3..];
        if rows.is_empty() {
            rows = vec![Vec::new(); body.len()];
        }
        assert_eq!(body.len(), rows.len(), "{name}: as many rows as Ringkasan");
        for (j, h) in heads.iter().enumerate() {
            match header.get(h) {
                // A column on an earlier sheet: the same cells, row for row.
                Some(&k) => {
                    for (i, r) in body.iter().enumerate() {
                        assert_eq!(r[j], rows[i][k], "{name} {h:?} row {i}");
                    }
                }
                None => {
                    header.insert(h.clone(), rows.first().map_or(0, Vec::len));
                    for (i, r) in body.iter().enumerate() {
                        rows[i].push(r[j].clone());
                    }
                }
            }
        }
    }
    assert!(
        text(&sheet(path, "Ringkasan")[0][0]).contains(':'),
        "verdict line first"
    );
    (header, rows)
}

#[test]
fn a_folder_with_bad_files_scores_the_rest_ranks_them_and_lists_the_errors() {
    let dir = batch_folder();
    let out = dir.path().join("ringkasan.xlsx");
    let reports = dir.path().join("laporan");
    let o = run(&[
        "batch",
        arg(&dir.path().join("lke")),
        "--out",
        arg(&out),
        "--reports",
        arg(&reports),
        "--jobs",
        "2",
    ]);
    // Some files could not be scored: exit 1, the rest scored.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for bad in BAD_FILES {
        assert!(err.contains(bad), "stderr names {bad}: {err}");
    }
    let good = good_files(dir.path());
    assert!(
        stdout(&o).contains("10 lembar kerja dinilai, 2 gagal"),
        "{}",
        stdout(&o)
    );

    // The summary: one row per good file, ranked by total, each total as `zona score` gives it.
    let (h, rows) = summary_table(&out);
    let col = |name: &str| {
        *h.get(name)
            .unwrap_or_else(|| panic!("column {name}: {h:?}"))
    };
    assert_eq!(rows.len(), good.len());
    let totals: Vec<f64> = rows
        .iter()
        .map(|r| number(&r[col("Nilai total")]))
        .collect();
    assert!(
        totals.windows(2).all(|w| w[0] >= w[1]),
        "ranked by total: {totals:?}"
    );
    let ranks: Vec<f64> = rows.iter().map(|r| number(&r[col("Peringkat")])).collect();
    assert_eq!(
        ranks,
        (1..=rows.len()).map(|i| i as f64).collect::<Vec<_>>()
    );
    for f in &good {
        let row = rows
            .iter()
            .find(|r| text(&r[col("Berkas")]) == f.display().to_string())
            .unwrap_or_else(|| panic!("a row for {}", f.display()));
        let expected = score_total(f);
        let got = number(&row[col("Nilai total")]);
        assert!(
            (got - expected).abs() < 1e-9,
            "{}: {got} vs {expected}",
            f.display()
        );
        assert_eq!(text(&row[col("Kriteria")]), "permenpanrb-90-2021");
        // Completeness is answered / items: every sample answers every item.
        let answered = number(&row[col("Item dijawab")]);
        let items = number(&row[col("Jumlah item")]);
        assert!((number(&row[col("Kelengkapan")]) - answered / items).abs() < 1e-12);
    }
    // The area columns follow the criteria: score and % of weight for each of the six areas.
    let c = zona_core::default_criteria();
    for a in &c.areas {
        assert!(h.contains_key(&a.name), "area column {}", a.name);
        assert!(h.contains_key(&format!("{} (% bobot)", a.name)));
    }
    // The unit facts come from each workbook's unit sheet; the JSON document names its unit.
    let portal = rows
        .iter()
        .find(|r| text(&r[col("Berkas")]).ends_with(PORTALRB_FILE))
        .unwrap();
    assert_eq!(text(&portal[col("Unit")]), "Unit Contoh PortalRB");
    assert_eq!(text(&portal[col("Asal data unit")]), "dokumen jawaban");
    let bahari = rows
        .iter()
        .find(|r| text(&r[col("Berkas")]).ends_with("lke-kantor-pelayanan-bahari-2025.xlsx"))
        .unwrap();
    assert_eq!(text(&bahari[col("Unit")]), "Kantor Pelayanan Contoh Bahari");
    assert_eq!(text(&bahari[col("Instansi")]), "Kementerian Contoh");
    assert_eq!(number(&bahari[col("Tahun")]), 2025.0);
    assert_eq!(text(&bahari[col("Asal data unit")]), "lembar \"Unit\"");
    assert_eq!(text(&bahari[col("Menuju WBBM")]), "MEMENUHI");

    // The errors sheet lists exactly the two bad files, each with its message.
    let errors = sheet(&out, "Galat");
    assert_eq!(text(&errors[0][0]), "Berkas");
    let listed: Vec<(String, String)> = errors[1..]
        .iter()
        .map(|r| (text(&r[0]), text(&r[1])))
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    for (bad, (file, message)) in BAD_FILES.iter().zip(&listed) {
        assert!(file.ends_with(bad), "{file}");
        assert!(
            message.starts_with(file.as_str()),
            "the message names the file: {message}"
        );
        assert!(
            message.contains("tidak dapat dibuka sebagai lembar kerja"),
            "{message}"
        );
    }

    // The chart sheet holds the thresholds of the criteria, next to every unit's total.
    let chart = sheet(&out, "Grafik");
    assert_eq!(text(&chart[0][2]), "Ambang (Menuju WBK)");
    assert_eq!(number(&chart[1][2]), total_min(&c, "wbk"));
    assert_eq!(number(&chart[1][3]), total_min(&c, "wbbm"));
    assert_eq!(number(&chart[1][1]), totals[0]);

    // --reports: one report per good file, named after it.
    let mut written: Vec<String> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = good
        .iter()
        .map(|f| format!("{}.xlsx", f.file_stem().unwrap().to_string_lossy()))
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    let report = sheet(&reports.join("lke-rsud-cendana-2025.xlsx"), "Ringkasan");
    assert!(report
        .iter()
        .flatten()
        .any(|d| text(d).contains("RSUD Contoh Cendana")));
    let report_col = col("Laporan");
    assert!(rows
        .iter()
        .all(|r| text(&r[report_col]).starts_with(&reports.display().to_string())));
    // Each report is a link relative to the summary's folder (it lies inside it) that opens that
    // row's unit's report: on Ringkasan from the unit's name, on Berkas from the report column;
    // nothing else on either sheet is a link.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    for (sheet_name, link_col) in [("Ringkasan", 1), ("Berkas", 12)] {
        let sheet_rows = sheet(&out, sheet_name);
        assert_eq!(
            text(&sheet_rows[2][link_col]),
            if link_col == 1 { "Unit" } else { "Laporan" }
        );
        let links = wb.hyperlinks_by_sheet_name(sheet_name).unwrap();
        assert_eq!(links.len(), good.len(), "{sheet_name}: {links:?}");
        for l in &links {
            let target = l.target.clone().unwrap_or_default();
            assert_eq!(l.range.start.1 as usize, link_col, "{sheet_name}: {target}");
            assert!(
                target.starts_with("laporan/") && target.ends_with(".xlsx"),
                "{target}"
            );
            assert!(
                dir.path().join(&target).is_file(),
                "{target} opens a report"
            );
            // The row's own report: named after the row's file.
            let row = l.range.start.0 as usize - 3;
            let file = text(&rows[row][col("Berkas")]);
            let stem = Path::new(&file).file_stem().unwrap().to_string_lossy();
            assert_eq!(
                target,
                format!("laporan/{stem}.xlsx"),
                "{sheet_name} row {row}"
            );
        }
    }
}

#[test]
fn existing_outputs_need_force_and_inputs_are_never_replaced() {
    let dir = batch_folder();
    let input = dir.path().join("lke");
    let out = dir.path().join("ringkasan.xlsx");
    let reports = dir.path().join("laporan");
    let first = run(&[
        "batch",
        arg(&input),
        "--out",
        arg(&out),
        "--reports",
        arg(&reports),
    ]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let before = std::fs::read(&out).unwrap();
    std::fs::write(&out, b"not replaced").unwrap();

    // Without --force: an error before any work starts, nothing written.
    let again = run(&["batch", arg(&input), "--out", arg(&out)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stdout(&again).is_empty(), "{}", stdout(&again));
    let err = stderr(&again);
    assert!(
        err.contains("ringkasan.xlsx") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"not replaced");
    // An existing report too.
    let other_out = dir.path().join("lain.xlsx");
    let again = run(&[
        "batch",
        arg(&input),
        "--out",
        arg(&other_out),
        "--reports",
        arg(&reports),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert!(!other_out.exists());

    // With --force: replaced, the same bytes as the first run (deterministic).
    let forced = run(&[
        "batch",
        arg(&input),
        "--out",
        arg(&out),
        "--reports",
        arg(&reports),
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(1), "{}", stderr(&forced));
    assert_eq!(std::fs::read(&out).unwrap(), before);

    // The summary may never replace an input, --force or not.
    let sample = input.join("lke-balai-sentosa-2023.xlsx");
    let sample_bytes = std::fs::read(&sample).unwrap();
    let o = run(&["batch", arg(&input), "--out", arg(&sample), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&sample).unwrap(), sample_bytes);
    // A report that cannot be written (a folder in its place) is found before any work, even
    // with --force: exit 2, nothing scored or written.
    let blocked = dir.path().join("laporan-2");
    std::fs::create_dir_all(blocked.join("lke-balai-sentosa-2023.xlsx")).unwrap();
    let out2 = dir.path().join("ringkasan-2.xlsx");
    let o = run(&[
        "batch",
        arg(&input),
        "--out",
        arg(&out2),
        "--reports",
        arg(&blocked),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("laporan-2/lke-balai-sentosa-2023.xlsx"),
        "{}",
        stderr(&o)
    );
    assert!(!out2.exists());
    assert_eq!(std::fs::read_dir(&blocked).unwrap().count(), 1);

    // Reports written into the input folder keep away from the inputs' names.
    let o = run(&["batch", arg(&sample), "--reports", arg(&input), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&sample).unwrap(), sample_bytes);
    assert!(input.join("lke-balai-sentosa-2023-2.xlsx").exists());
}

#[test]
fn csv_and_json_print_the_ranked_rows() {
    let dir = batch_folder();
    let input = dir.path().join("lke");
    let good = good_files(dir.path());

    let o = run(&["batch", arg(&input), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["scored"], 10);
    assert_eq!(doc["failed"], 2);
    assert_eq!(doc["out"], Value::Null);
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), good.len());
    let totals: Vec<f64> = rows.iter().map(|r| r["total"].as_f64().unwrap()).collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
    let errors: Vec<&str> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    assert_eq!(errors.len(), 2);
    for (bad, file) in BAD_FILES.iter().zip(&errors) {
        assert!(file.ends_with(bad), "{file}");
    }
    let c = zona_core::default_criteria();
    for r in rows {
        let parts: f64 = r["components"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_f64().unwrap())
            .sum();
        assert!((parts - r["total"].as_f64().unwrap()).abs() < 1e-9);
        assert_eq!(r["areas"].as_array().unwrap().len(), c.areas.len());
        assert_eq!(r["counts"]["items"], c.items.len());
    }

    let o = run(&["batch", arg(&input), "--format", "csv", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let csv = stdout(&o);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for key in [
        "rank",
        "unit",
        "file",
        "criteria",
        "total",
        "pengungkit",
        "hasil",
        "area_mp_score",
        "area_mp_percent",
        "wbk_status",
        "wbbm_first_failing",
        "wbbm_margin",
        "completeness",
    ] {
        assert!(header.contains(&key), "{key} in {header:?}");
    }
    let total_at = header.iter().position(|h| *h == "total").unwrap();
    let file_at = header.iter().position(|h| *h == "file").unwrap();
    let data: Vec<&str> = lines.collect();
    assert_eq!(data.len(), good.len());
    for (line, json_row) in data.iter().zip(rows) {
        // Quoted fields (a failing condition with a comma) come after the file and total.
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields[file_at], json_row["file"].as_str().unwrap());
        let total: f64 = fields[total_at].parse().unwrap();
        assert_eq!(total, json_row["total"].as_f64().unwrap());
    }
}

#[test]
fn the_samples_tell_three_stories() {
    let c = zona_core::default_criteria();
    let o = run(&["batch", "samples/batch", "--format", "json"]);
    // Every sample scores: exit 0.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 9);
    let row = |name: &str| {
        rows.iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name}"))
    };
    let pred = |r: &Value, key: &str| -> Value {
        r["predicates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == key)
            .unwrap()
            .clone()
    };
    for r in rows {
        assert_eq!(r["unit"]["origin"], "sheet");
        assert_eq!(r["completeness"], 1.0);
    }
    // Kantor Pelayanan Contoh Bahari reaches Menuju WBBM in 2025, holding (and stating) WBK.
    for y in [2023, 2024] {
        let r = row(&format!("lke-kantor-pelayanan-bahari-{y}.xlsx"));
        assert_eq!(pred(r, "wbk")["met"], true);
        assert_eq!(pred(r, "wbbm")["met"], false);
    }
    let r = row("lke-kantor-pelayanan-bahari-2025.xlsx");
    assert_eq!(pred(r, "wbk")["met"], true);
    assert_eq!(pred(r, "wbbm")["status"], "met");
    assert!(r["total"].as_f64().unwrap() >= total_min(&c, "wbbm"));
    // Balai Contoh Sentosa stays at Menuju WBK every year, below WBBM's total.
    for y in [2023, 2024, 2025] {
        let r = row(&format!("lke-balai-sentosa-{y}.xlsx"));
        assert_eq!(pred(r, "wbk")["met"], true);
        assert_eq!(pred(r, "wbbm")["met"], false);
        let total = r["total"].as_f64().unwrap();
        assert!(total >= total_min(&c, "wbk") && total < total_min(&c, "wbbm"));
    }
    // RSUD Contoh Cendana: below WBK in 2023; in 2025 a total above WBBM's, WBK stated, but
    // WBBM fails on hasil alone (the IPKP node).
    let r = row("lke-rsud-cendana-2023.xlsx");
    assert_eq!(pred(r, "wbk")["met"], false);
    let r = row("lke-rsud-cendana-2025.xlsx");
    assert!(r["total"].as_f64().unwrap() >= total_min(&c, "wbbm"));
    assert_eq!(pred(r, "wbk")["met"], true);
    let wbbm = pred(r, "wbbm");
    assert_eq!(wbbm["met"], false);
    assert_eq!(wbbm["first_failing"]["key"], "hasil.prima");
    assert!(wbbm["first_failing"]["margin"].as_f64().unwrap() < 0.0);
    // It ranks first: a high total is not a predicate.
    assert_eq!(rows[0]["file"], r["file"]);
}

/// A 10/2019 workbook is scored with the provisional 10/2019 criteria: the warning comes once,
/// naming that file; the columns follow the first file's criteria.
#[test]
fn provisional_criteria_are_announced_once_naming_the_files() {
    let c2019 = zona_core::builtin_criteria()
        .into_iter()
        .find(|c| c.meta.id == "permenpanrb-10-2019")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut fill = zona_report::lke_writer::LkeFill::default();
    for item in &c2019.items {
        match &item.answer {
            AnswerKind::Choice(s) => {
                let ScaleKind::Choice(opts) = &c2019.scales[*s].kind else {
                    unreachable!()
                };
                fill.set_answer(&item.key, opts[0].code.as_str());
            }
            AnswerKind::Index { max, .. } => {
                fill.set_answer(&item.key, *max);
            }
            AnswerKind::Ratio(r) => {
                for inp in r.inputs.iter().filter(|i| i.sum_of.is_empty()) {
                    fill.set_input(&item.key, &inp.key, 3.0);
                }
            }
        }
    }
    let old = dir.path().join("lke-lama-2019.xlsx");
    zona_report::lke_writer::write_filled_lke(
        &old,
        &c2019,
        &fill,
        &zona_report::lke_writer::LkeLayoutOptions {
            created: Some((2020, 1, 1)),
            ..Default::default()
        },
    )
    .unwrap();
    let sample = &sample_files()[0];
    let out = dir.path().join("ringkasan.xlsx");
    let o = run(&[
        "batch",
        arg(sample),
        arg(&old),
        "--out",
        arg(&out),
        "--jobs",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("PERHATIAN").count(), 1, "{err}");
    assert!(err.contains("lke-lama-2019.xlsx"), "{err}");
    assert!(!err.contains(&*sample.display().to_string()), "{err}");
    let (h, rows) = summary_table(&out);
    let row = rows
        .iter()
        .find(|r| text(&r[h["Berkas"]]).ends_with("lke-lama-2019.xlsx"))
        .unwrap();
    assert_eq!(text(&row[h["Kriteria"]]), "permenpanrb-10-2019");
    // The first file's (90/2021) area columns; 10/2019 has the same area keys, so they are filled.
    assert!(matches!(row[h["Manajemen Perubahan"]], Data::Float(_)));
}

#[test]
fn globs_are_expanded_by_zona_and_a_name_matching_nothing_is_an_error_row() {
    let pattern = root().join("samples/batch/*-2025.xlsx");
    let missing = root().join("samples/batch/tidak-ada.xlsx");
    let o = run(&["batch", arg(&pattern), arg(&missing), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1 + 3);
    assert!(stderr(&o).contains("tidak-ada.xlsx: berkas atau folder tidak ditemukan"));
    // Nothing to score at all: bad usage.
    let empty = tempfile::tempdir().unwrap();
    let o = run(&["batch", arg(empty.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("tidak ada lembar kerja"),
        "{}",
        stderr(&o)
    );
}

/// The summary CSV counts each unit's unanswered and invalid items: a blank template beside a
/// sample shows every item unanswered.
#[test]
fn batch_csv_counts_unanswered_and_invalid_items_per_unit() {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("kosong.xlsx");
    let o = zona(&["template", "--out", blank.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let sample = root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx");
    let o = zona(&[
        "batch",
        blank.to_str().unwrap(),
        sample.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    // RFC 4180 fields: quoted where they hold a comma.
    let fields = |line: &str| -> Vec<String> {
        let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(ch) = chars.next() {
            match (ch, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => out.push(std::mem::take(&mut cur)),
                (c, _) => cur.push(c),
            }
        }
        out.push(cur);
        out
    };
    let mut lines = csv.lines();
    let header = fields(lines.next().unwrap());
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (file, unanswered, invalid, items) =
        (col("file"), col("unanswered"), col("invalid"), col("items"));
    let n = zona_core::default_criteria().items.len().to_string();
    let rows: Vec<Vec<String>> = lines.map(fields).collect();
    let row_of = |suffix: &str| rows.iter().find(|r| r[file].ends_with(suffix)).unwrap();
    let blank_row = row_of("kosong.xlsx");
    assert_eq!(
        (
            blank_row[unanswered].as_str(),
            blank_row[invalid].as_str(),
            blank_row[items].as_str()
        ),
        (n.as_str(), "0", n.as_str())
    );
    let sample_row = row_of("nusantara-2025.xlsx");
    assert_eq!(
        (
            sample_row[unanswered].as_str(),
            sample_row[invalid].as_str()
        ),
        ("0", "0")
    );
}

// ---------------------------------------------------------------------------------------------
// Evidence per unit (also used by tests/compare.rs)

/// What one of the evidence fixture's items is given: a data dukung text, a link, whether it is
/// acceptable without `--evidence-dir`, and whether it is with it.
pub(crate) struct GivenEvidence {
    pub text: Option<&'static str>,
    pub link: Option<&'static str>,
    pub acceptable: bool,
    pub acceptable_with_dir: bool,
}

/// The file an entry names that exists beside the workbooks (`bukti/`), and the one that exists
/// only in the evidence folder (`arsip/`, found with `--evidence-dir`).
pub(crate) const BESIDE_FILE: &str = "bukti/notulen-rapat.pdf";
pub(crate) const DIR_FILE: &str = "arsip/rencana-kerja.pdf";

/// Seven items answered at their highest option, each with its evidence: a link, a file beside
/// the workbook, a file that exists nowhere, a description only, nothing at all, a file only in
/// the evidence folder, and a `javascript:` link.
pub(crate) const GIVEN: [GivenEvidence; 7] = [
    GivenEvidence {
        text: None,
        link: Some("https://bukti.contoh.go.id/zi/sk-tim-2025.pdf"),
        acceptable: true,
        acceptable_with_dir: true,
    },
    GivenEvidence {
        text: Some(BESIDE_FILE),
        link: None,
        acceptable: true,
        acceptable_with_dir: true,
    },
    GivenEvidence {
        text: Some("bukti/tidak-ada.pdf"),
        link: None,
        acceptable: false,
        acceptable_with_dir: false,
    },
    GivenEvidence {
        text: Some("Laporan monitoring dan evaluasi sudah disusun"),
        link: None,
        acceptable: false,
        acceptable_with_dir: false,
    },
    GivenEvidence {
        text: None,
        link: None,
        acceptable: false,
        acceptable_with_dir: false,
    },
    GivenEvidence {
        text: Some(DIR_FILE),
        link: None,
        acceptable: false,
        acceptable_with_dir: true,
    },
    GivenEvidence {
        text: None,
        link: Some("javascript:alert(1)"),
        acceptable: false,
        acceptable_with_dir: false,
    },
];

/// A choice item's options, lowest value first.
pub(crate) fn options_by_value(c: &Criteria, key: &str) -> Vec<(String, f64)> {
    let id = c.item_by_key(key).expect("an item of the criteria");
    let AnswerKind::Choice(s) = &c.item(id).answer else {
        panic!("{key} is not a choice item")
    };
    let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
        unreachable!("a choice item has a choice scale")
    };
    let mut o: Vec<(String, f64)> = opts.iter().map(|o| (o.code.clone(), o.value)).collect();
    o.sort_by(|a, b| a.1.total_cmp(&b.1));
    o
}

/// The fixture's items: the first choice items with three or more distinct option values, one
/// per sub-area (so that no check about reused evidence is involved).
pub(crate) fn evidence_items(c: &Criteria) -> Vec<String> {
    let mut parents = Vec::new();
    let mut out = Vec::new();
    for item in &c.items {
        if !matches!(item.answer, AnswerKind::Choice(_)) || parents.contains(&item.parent) {
            continue;
        }
        let values: Vec<f64> = options_by_value(c, &item.key).iter().map(|o| o.1).collect();
        if values.windows(2).all(|w| w[0] < w[1]) && values.len() >= 3 {
            parents.push(item.parent);
            out.push(item.key.clone());
        }
        if out.len() == GIVEN.len() {
            break;
        }
    }
    assert_eq!(out.len(), GIVEN.len());
    out
}

/// Every choice item at its lowest answer (nothing to support); counts and indices unanswered.
pub(crate) fn lowest_fill(c: &Criteria, unit: &str, year: i32) -> zona_report::lke_writer::LkeFill {
    let mut fill = zona_report::lke_writer::LkeFill {
        unit_name: Some(unit.into()),
        year: Some(year),
        ..Default::default()
    };
    for item in &c.items {
        if matches!(item.answer, AnswerKind::Choice(_)) {
            fill.set_answer(&item.key, options_by_value(c, &item.key)[0].0.as_str());
        }
    }
    fill
}

/// How a fixture item is answered in a twin workbook that states what the evidence supports.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Twin {
    /// The claimed workbook itself: every fixture item at its highest option, with its evidence.
    Claimed,
    /// The items lacking evidence at their lowest answer (policy `lowest`).
    Lowest { with_dir: bool },
    /// The items lacking evidence one option below their highest (policy `one-step`).
    OneStep { with_dir: bool },
}

/// The fill of a unit whose fixture items `which` (indices into [`GIVEN`]) are answered at their
/// highest option with their evidence, as `twin` says.
pub(crate) fn evidence_fill(
    c: &Criteria,
    unit: &str,
    year: i32,
    which: &[usize],
    twin: Twin,
) -> zona_report::lke_writer::LkeFill {
    let mut fill = lowest_fill(c, unit, year);
    let keys = evidence_items(c);
    for &i in which {
        let opts = options_by_value(c, &keys[i]);
        let given = &GIVEN[i];
        let code = match twin {
            Twin::Claimed => &opts[opts.len() - 1].0,
            Twin::Lowest { with_dir } | Twin::OneStep { with_dir } => {
                let ok = if with_dir {
                    given.acceptable_with_dir
                } else {
                    given.acceptable
                };
                match (ok, twin) {
                    (true, _) => &opts[opts.len() - 1].0,
                    (false, Twin::OneStep { .. }) => &opts[opts.len() - 2].0,
                    (false, _) => &opts[0].0,
                }
            }
        };
        fill.set_answer(&keys[i], code.as_str());
        if twin == Twin::Claimed {
            let f = fill.item_mut(&keys[i]);
            f.evidence_text = given.text.map(str::to_string);
            f.evidence_link = given.link.map(str::to_string);
        }
    }
    fill
}

pub(crate) fn write_fill(path: &Path, c: &Criteria, fill: &zona_report::lke_writer::LkeFill) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    zona_report::lke_writer::write_filled_lke(path, c, fill, &Default::default()).unwrap();
}

/// The evidence files: one beside the workbooks of `lke`, one in the evidence folder `arsip`.
pub(crate) fn write_evidence_files(lke: &Path, evidence_dir: &Path) {
    for p in [lke.join(BESIDE_FILE), evidence_dir.join(DIR_FILE)] {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b"%PDF-1.4 bukti").unwrap();
    }
}

/// `zona score --format json` of a workbook: its total.
pub(crate) fn scored_total(file: &Path) -> f64 {
    score_total(file)
}

fn csv_fields(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// The CSV as header → field maps, one per row.
fn csv_rows(csv: &str) -> Vec<HashMap<String, String>> {
    let mut lines = csv.lines();
    let header = csv_fields(lines.next().unwrap());
    lines
        .map(|l| header.iter().cloned().zip(csv_fields(l)).collect())
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// A unit with seven items claimed at their highest answer and known evidence, and a unit with
/// one item claimed and linked: per unit, the coverage, the items lacking evidence and the
/// evidence-backed total in JSON, CSV, text and the summary workbook, under each policy and
/// with `--evidence-dir`. Every evidence-backed total is what `zona score --format json` says of
/// a twin workbook that answers the items lacking evidence as the policy scores them.
#[test]
fn batch_shows_each_units_evidence_coverage_and_evidence_backed_total() {
    let c = zona_core::default_criteria();
    let dir = tempfile::tempdir().unwrap();
    let lke = dir.path().join("lke");
    let arsip = dir.path().join("arsip-bukti");
    let twins = dir.path().join("kembar");
    write_evidence_files(&lke, &arsip);
    let all: Vec<usize> = (0..GIVEN.len()).collect();
    let satu = lke.join("lke-kantor-satu-2025.xlsx");
    let dua = lke.join("lke-kantor-dua-2025.xlsx");
    write_fill(
        &satu,
        &c,
        &evidence_fill(&c, "Kantor Satu", 2025, &all, Twin::Claimed),
    );
    write_fill(
        &dua,
        &c,
        &evidence_fill(&c, "Kantor Dua", 2025, &[0], Twin::Claimed),
    );
    let twin = |name: &str, t: Twin| {
        let p = twins.join(name);
        write_fill(&p, &c, &evidence_fill(&c, "Kantor Satu", 2025, &all, t));
        scored_total(&p)
    };
    let backed_lowest = twin("lowest.xlsx", Twin::Lowest { with_dir: false });
    let backed_lowest_dir = twin("lowest-dir.xlsx", Twin::Lowest { with_dir: true });
    let backed_one_step_dir = twin("one-step-dir.xlsx", Twin::OneStep { with_dir: true });
    let (claimed_satu, claimed_dua) = (scored_total(&satu), scored_total(&dua));
    // The fixture means something: the evidence costs Kantor Satu points, and each policy and
    // the evidence folder change what it keeps.
    assert!(backed_lowest < backed_lowest_dir && backed_lowest_dir < backed_one_step_dir);
    assert!(backed_one_step_dir < claimed_satu);

    // JSON: Kantor Satu needs evidence for 7 items and has it for 2 (the link and the file
    // beside the workbook): 2 / 7.
    let o = run(&["batch", arg(&lke), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = doc["rows"].as_array().unwrap();
    let row_of = |suffix: &str| {
        rows.iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(suffix))
            .unwrap()
    };
    let (s, d) = (
        row_of("lke-kantor-satu-2025.xlsx"),
        row_of("lke-kantor-dua-2025.xlsx"),
    );
    assert!(close(s["total"].as_f64().unwrap(), claimed_satu));
    let e = &s["evidence"];
    assert_eq!(e["policy"], "lowest");
    assert_eq!(
        (&e["needing"], &e["supported"], &e["lacking"]),
        (&Value::from(7), &Value::from(2), &Value::from(5))
    );
    // Nothing at all for one item; entries none an evaluator can open for four (a missing file,
    // a description, a file only in the evidence folder, a javascript: link).
    assert_eq!(
        (&e["missing"], &e["unsupported"]),
        (&Value::from(1), &Value::from(4))
    );
    assert!(close(
        e["coverage_percent"].as_f64().unwrap(),
        2.0 * 100.0 / 7.0
    ));
    assert!(
        close(e["backed_total"].as_f64().unwrap(), backed_lowest),
        "{} vs {backed_lowest}",
        e["backed_total"]
    );
    assert!(close(
        e["points_at_risk"].as_f64().unwrap(),
        claimed_satu - backed_lowest
    ));
    let de = &d["evidence"];
    assert_eq!(
        (&de["needing"], &de["lacking"]),
        (&Value::from(1), &Value::from(0))
    );
    assert!(close(de["coverage_percent"].as_f64().unwrap(), 100.0));
    assert!(close(de["backed_total"].as_f64().unwrap(), claimed_dua));
    assert!(close(d["total"].as_f64().unwrap(), claimed_dua));

    // CSV, with the evidence folder and one step down: the file in the folder now counts (3 / 7).
    let o = run(&[
        "batch",
        arg(&lke),
        "--format",
        "csv",
        "--evidence-dir",
        arg(&arsip),
        "--evidence-policy",
        "one-step",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    let header = csv_fields(csv.lines().next().unwrap());
    // The evidence columns come after every column there was before.
    assert_eq!(
        header[header.len() - 7..],
        [
            "evidence_policy",
            "evidence_needed",
            "evidence_lacking",
            "evidence_coverage_percent",
            "evidence_backed_total",
            "wbk_evidence_status",
            "wbbm_evidence_status"
        ]
    );
    let rows_dir = csv_rows(&csv);
    let r = rows_dir
        .iter()
        .find(|r| r["file"].ends_with("satu-2025.xlsx"))
        .unwrap();
    assert_eq!(r["evidence_policy"], "one-step");
    assert_eq!(
        (
            r["evidence_needed"].as_str(),
            r["evidence_lacking"].as_str()
        ),
        ("7", "4")
    );
    let coverage: f64 = r["evidence_coverage_percent"].parse().unwrap();
    assert!(close(coverage, 3.0 * 100.0 / 7.0));
    let backed: f64 = r["evidence_backed_total"].parse().unwrap();
    assert!(
        close(backed, backed_one_step_dir),
        "{backed} vs {backed_one_step_dir}"
    );
    assert_eq!(r["wbk_evidence_status"], "not_met");

    // Policy none: coverage still, no evidence-backed total nor predicates.
    let o = run(&[
        "batch",
        arg(&lke),
        "--format",
        "csv",
        "--evidence-policy",
        "none",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows_none = csv_rows(&stdout(&o));
    let r = rows_none
        .iter()
        .find(|r| r["file"].ends_with("satu-2025.xlsx"))
        .unwrap();
    assert_eq!(r["evidence_policy"], "none");
    assert_eq!(r["evidence_lacking"], "5");
    assert_eq!(
        (
            r["evidence_backed_total"].as_str(),
            r["wbk_evidence_status"].as_str()
        ),
        ("", "")
    );

    // Text and the summary workbook, with the evidence folder (policy lowest).
    let out = dir.path().join("ringkasan.xlsx");
    let o = run(&[
        "batch",
        arg(&lke),
        "--evidence-dir",
        arg(&arsip),
        "--out",
        arg(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text_out = stdout(&o);
    let line = text_out
        .lines()
        .find(|l| l.contains("satu-2025.xlsx"))
        .unwrap();
    let shown = |v: f64| zona_core::lang::fmt2(v, zona_core::Lang::Id);
    assert!(line.contains(&format!("{}%", shown(300.0 / 7.0))), "{line}");
    assert!(line.contains(&shown(backed_lowest_dir)), "{line}");
    assert!(text_out.contains("jawaban terendah"), "{text_out}");
    // The verdict line counts the units that keep each predicate on the evidence too.
    let verdict = text(&sheet(&out, "Ringkasan")[0][0]);
    assert!(
        verdict.contains("didukung bukti: Menuju WBK 0, Menuju WBBM 0"),
        "{verdict}"
    );
    let (h, rows) = summary_table(&out);
    let row = rows
        .iter()
        .find(|r| text(&r[h["Berkas"]]).ends_with("satu-2025.xlsx"))
        .unwrap();
    assert!(close(number(&row[h["Cakupan bukti"]]), 300.0 / 7.0));
    assert!(close(
        number(&row[h["Nilai didukung bukti"]]),
        backed_lowest_dir
    ));
    assert!(close(number(&row[h["Item tanpa bukti sah"]]), 4.0));
    assert!(close(number(&row[h["Item perlu bukti"]]), 7.0));
    assert_eq!(text(&row[h["Kebijakan bukti"]]), "jawaban terendah");
    assert_eq!(
        text(&row[h["Menuju WBK: didukung bukti"]]),
        "TIDAK MEMENUHI"
    );

    // A folder that is not there is refused before any scoring.
    let o = run(&[
        "batch",
        arg(&lke),
        "--evidence-dir",
        arg(&dir.path().join("tidak-ada")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("folder tidak ditemukan"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn reports_and_a_summary_written_into_the_input_folder_are_passed_over_next_time() {
    // A batch writing its reports and summary beside the workbooks, run again over the folder:
    // each report's LKE sheet was scored as a second unit (18 rows for 9 units) and the summary
    // listed as a failed file, exit 1.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lke");
    std::fs::create_dir_all(&input).unwrap();
    for f in sample_files() {
        std::fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
    }
    let n = sample_files().len();
    let out = input.join("ringkasan.xlsx");
    let first = run(&[
        "batch",
        arg(&input),
        "--reports",
        arg(&input.join("laporan")),
        "--out",
        arg(&out),
        "--format",
        "json",
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let again = run(&[
        "batch",
        arg(&input),
        "--out",
        arg(&out),
        "--force",
        "--format",
        "json",
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["scored"].as_u64(), Some(n as u64), "{v}");
    assert_eq!(v["failed"].as_u64(), Some(0), "{v}");
    let err = stderr(&again);
    assert!(
        err.contains(&format!(
            "Dilewati, hasil tulisan zona (bukan LKE) ({}):",
            n + 1
        )),
        "{err}"
    );
    assert!(
        err.contains("(laporan zona)") && err.contains("lainnya"),
        "{err}"
    );
    // Only reports: nothing to score, and the message says why.
    let o = run(&["batch", arg(&input.join("laporan"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("(laporan zona)"), "{}", stderr(&o));
    // A report named on its own is still read (the user asked for it).
    let report = std::fs::read_dir(input.join("laporan"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(run(&["batch", arg(&report)]).status.code(), Some(0));
}

#[test]
fn a_folder_named_with_a_folder_inside_it_is_no_error() {
    // `batch lke lke/2025`: the inner folder's workbooks were taken with the outer one, and the
    // inner was then said to hold no workbook (failed 1, exit 1).
    let dir = batch_folder();
    let lke = dir.path().join("lke");
    for args in [
        vec![
            "batch",
            arg(&lke),
            arg(&lke.join("2025")),
            "--format",
            "json",
        ],
        vec!["batch", arg(&lke), arg(&lke), "--format", "json"],
    ] {
        let o = run(&args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        // The two bad files of batch_folder fail; nothing else.
        assert_eq!(v["failed"].as_u64(), Some(2), "{args:?}: {v}");
        assert_eq!(
            v["scored"].as_u64(),
            Some(good_files(dir.path()).len() as u64),
            "{args:?}"
        );
        assert!(
            !stderr(&o).contains("tidak ada lembar kerja"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn the_unit_column_of_every_table_sheet_wraps_so_long_names_print_whole() {
    // Two units whose names differ only past the column's width ("…Nusa Tenggara Timur",
    // "…Barat") printed alike on every table sheet: the Unit column did not wrap.
    use calamine::Reader as _;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lke.xlsx");
    std::fs::copy(&sample_files()[0], &file).unwrap();
    let out = dir.path().join("ringkasan.xlsx");
    let o = run(&["batch", arg(&file), "--out", arg(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let styles = crate::util::zip_part(&out, "xl/styles.xml");
    let xfs_at = styles.find("<cellXfs").unwrap();
    let xfs: Vec<&str> = styles[xfs_at..styles[xfs_at..].find("</cellXfs>").unwrap() + xfs_at]
        .split("<xf ")
        .skip(1)
        .collect();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let names = book.sheet_names();
    let mut checked = 0;
    for (i, name) in names.iter().enumerate() {
        if !["Ringkasan", "Nilai", "Predikat", "Bukti", "Berkas"].contains(&name.as_str()) {
            continue;
        }
        let range = book.worksheet_range(name).unwrap();
        let Some((r, c)) = range
            .cells()
            .find(|(r, _, d)| *r < 6 && matches!(d, Data::String(s) if s == "Unit"))
            .map(|(r, c, _)| (r, c))
        else {
            continue;
        };
        let start = range.start().unwrap();
        let cell = zona_core::a1::cell_name(start.0 + r as u32 + 1, start.1 + c as u32);
        let sheet = crate::util::zip_part(&out, &format!("xl/worksheets/sheet{}.xml", i + 1));
        let tag_at = sheet
            .find(&format!("<c r=\"{cell}\""))
            .unwrap_or_else(|| panic!("{name}: {cell}"));
        let tag = &sheet[tag_at..tag_at + sheet[tag_at..].find('>').unwrap()];
        let s: usize = tag
            .split("s=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            xfs[s].contains("wrapText=\"1\""),
            "{name}: {cell} does not wrap"
        );
        checked += 1;
    }
    assert_eq!(checked, 5, "every table sheet");
}

#[test]
fn the_notes_sheet_holds_the_count_of_workbooks_as_a_number() {
    // The count was the text '9' (a spreadsheet flags it, and cannot sum it).
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ringkasan.xlsx");
    let o = run(&["batch", "samples/batch", "--out", arg(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = sheet(&out, "Keterangan");
    let scored = rows
        .iter()
        .find(|r| r.first().is_some_and(|d| text(d) == "Lembar kerja dinilai"))
        .expect("the count line");
    assert_eq!(scored[1], Data::Float(sample_files().len() as f64));
}
