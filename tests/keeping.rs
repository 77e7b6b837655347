//! Keeping a predicate (Lampiran II Bab IV): a unit that holds Menuju WBK or WBBM sees first
//! whether it still meets it, in the text, the JSON, the report (its Ringkasan and the Penilaian
//! Internal sheet) and across years in `zona compare`.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use zona_report::lke_writer::{write_filled_lke, LkeFill, LkeLayoutOptions};

use crate::util::{stderr, stdout, zona};

/// Every item at its best answer, IPAK at `ipak`; the unit sheet states the predicate held and
/// its year.
fn fill(ipak: f64, year: i32, prior: Option<&str>, awarded: Option<i32>) -> LkeFill {
    let c = zona_core::default_criteria();
    let mut fill = LkeFill {
        unit_name: Some("Kantor Uji Bahari".into()),
        instansi: Some("Kementerian Uji".into()),
        year: Some(year),
        prior_predicate: prior.map(String::from),
        awarded_year: awarded,
        ..Default::default()
    };
    for item in &c.items {
        match &item.answer {
            zona_core::AnswerKind::Choice(_) => {
                let best = if c.answer_label(item) == "Ya/Tidak" {
                    "Ya"
                } else {
                    "A"
                };
                fill.set_answer(&item.key, best);
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
    fill.set_answer("hasil.bersih.ipak", ipak);
    fill
}

fn write(dir: &Path, name: &str, fill: &LkeFill) -> PathBuf {
    let path = dir.join(name);
    let layout = LkeLayoutOptions {
        unit_sheet: true,
        ..Default::default()
    };
    write_filled_lke(&path, &zona_core::default_criteria(), fill, &layout).unwrap();
    path
}

fn run_ok(args: &[&str]) -> String {
    let o = zona(args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&run_ok(&a)).unwrap()
}

#[test]
fn a_holder_reads_first_whether_it_still_meets_its_predicate() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "kantor-2025.xlsx",
        &fill(4.0, 2025, Some("Menuju WBK"), Some(2023)),
    );
    let p = p.to_str().unwrap();
    let text = run_ok(&["score", p]);
    let verdict = "Predikat Menuju WBK (diperoleh 2023): MASIH MEMENUHI";
    let at = text.find(verdict).expect(&text);
    assert!(at < text.find("NILAI TOTAL").unwrap(), "the verdict leads");
    let en = run_ok(&["score", p, "--lang", "en"]);
    assert!(en.contains("Predicate Towards WBK (awarded 2023): STILL MEETS"));
    assert!(
        !en.contains("MEMENUHI") && !en.contains("diperoleh"),
        "{en}"
    );

    let v = json(&["score", p]);
    assert_eq!(v["unit"]["awarded_year"], 2023);
    let k = &v["keeping"];
    assert_eq!(k["predicate"], "wbk");
    assert_eq!(k["status"], "still_meets");
    assert_eq!(k["awarded_year"], 2023);
    assert_eq!(k["thin_share"], 0.02);
    assert_eq!(k["total"], v["total"]);
    assert_eq!(k["pengungkit"], v["pengungkit"]);
    assert!(k["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["passed"] == true));
}

#[test]
fn a_holder_that_no_longer_meets_it_is_told_which_condition_fails() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "kantor-2025.xlsx",
        &fill(1.0, 2025, Some("Menuju WBK"), Some(2023)),
    );
    let p = p.to_str().unwrap();
    let text = run_ok(&["score", p]);
    assert!(text.contains("Predikat Menuju WBK (diperoleh 2023): TIDAK MEMENUHI"));
    assert!(text.contains("  Tidak terpenuhi: Survei Persepsi Anti Korupsi"));
    let v = json(&["score", p]);
    assert_eq!(v["keeping"]["status"], "no_longer_meets");
    let failing: Vec<&serde_json::Value> = v["keeping"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .collect();
    let ipak = failing
        .iter()
        .find(|c| c["key"] == "hasil.bersih.ipak")
        .expect("IPAK fails");
    assert!(ipak["margin"].as_f64().unwrap() < 0.0);
    assert!(failing.iter().all(|c| c["margin"].as_f64().unwrap() < 0.0));
}

#[test]
fn holds_overrides_the_sheet_and_thin_margin_sets_what_is_thin() {
    let dir = tempfile::tempdir().unwrap();
    let holder = write(
        dir.path(),
        "holder.xlsx",
        &fill(4.0, 2025, Some("Menuju WBK"), Some(2023)),
    );
    let none = write(
        dir.path(),
        "none.xlsx",
        &fill(4.0, 2025, Some("Belum ada"), None),
    );
    let (holder, none) = (holder.to_str().unwrap(), none.to_str().unwrap());
    // A unit that holds nothing: no verdict, no key.
    let v = json(&["score", none]);
    assert!(v.get("keeping").is_none());
    assert!(!run_ok(&["score", none]).contains("MASIH MEMENUHI"));
    let v = json(&["score", holder, "--holds", "tidak"]);
    assert!(v.get("keeping").is_none());
    // Named by short name; the sheet's year belongs to another predicate, so it is not used.
    let v = json(&["score", none, "--holds", "WBBM"]);
    assert_eq!(v["keeping"]["predicate"], "wbbm");
    assert!(v["keeping"]["awarded_year"].is_null());
    let text = run_ok(&["score", none, "--holds", "wbbm"]);
    assert!(text.contains("Predikat Menuju WBBM (tahun diperoleh tidak disebut): MASIH MEMENUHI"));
    // The total's margin (25 of 75) is thin under 100 % of its threshold, not under 2 %.
    let total_thin = |v: &serde_json::Value| {
        v["keeping"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "total")
            .unwrap()["thin"]
            .clone()
    };
    assert_eq!(total_thin(&json(&["score", holder])), false);
    let v = json(&["score", holder, "--thin-margin", "100"]);
    assert_eq!(v["keeping"]["thin_share"], 1.0);
    assert_eq!(total_thin(&v), true);
    let text = run_ok(&["score", holder, "--thin-margin", "100"]);
    assert!(text.contains("  Selisih tipis (< 100% ambang): Nilai total"));
    // Bad values are refused in the user's language.
    let o = zona(&["score", holder, "--holds", "emas"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o)
        .contains("--holds emas: kriteria tidak memiliki predikat itu (yang ada: wbk, wbbm)"));
    let o = zona(&["score", holder, "--thin-margin", "150", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("must be a percentage from 0 to 100"));
}

fn cell(r: &calamine::Range<Data>, a1: (u32, u32)) -> Data {
    r.get_value(a1).cloned().unwrap_or(Data::Empty)
}

fn num(r: &calamine::Range<Data>, a1: (u32, u32)) -> f64 {
    match cell(r, a1) {
        Data::Float(f) => f,
        Data::Int(i) => i as f64,
        other => panic!("{a1:?}: {other:?}"),
    }
}

#[test]
fn the_report_has_the_internal_assessment_sheet_for_a_holder_only() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "kantor-2025.xlsx",
        &fill(3.7, 2025, Some("Menuju WBK"), Some(2023)),
    );
    let p = p.to_str().unwrap();
    let v = json(&["score", p]);
    let out = dir.path().join("laporan.xlsx");
    run_ok(&["score", p, "--out", out.to_str().unwrap()]);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names[..2], ["Ringkasan", "Penilaian Internal"]);
    let sum = wb.worksheet_range("Ringkasan").unwrap();
    assert_eq!(
        cell(&sum, (2, 0)),
        Data::String("Penilaian internal".into())
    );
    assert_eq!(
        cell(&sum, (2, 1)),
        Data::String("Predikat Menuju WBK (diperoleh 2023): MASIH MEMENUHI".into())
    );
    let s = wb.worksheet_range("Penilaian Internal").unwrap();
    assert_eq!(
        cell(&s, (0, 0)),
        Data::String("LAPORAN HASIL PENILAIAN INTERNAL".into())
    );
    let facts = [
        ("Unit kerja", Data::String("Kantor Uji Bahari".into())),
        ("Instansi", Data::String("Kementerian Uji".into())),
        ("Periode penilaian (tahun LKE)", Data::Float(2025.0)),
        ("Predikat yang dimiliki", Data::String("Menuju WBK".into())),
        ("Tahun diperoleh", Data::Float(2023.0)),
    ];
    for (i, (label, value)) in facts.iter().enumerate() {
        let r = 3 + i as u32;
        assert_eq!(cell(&s, (r, 0)), Data::String((*label).into()), "row {r}");
        assert_eq!(cell(&s, (r, 1)), *value, "{label}");
    }
    // Scores: pengungkit, hasil, total exactly as the JSON has them.
    assert_eq!(cell(&s, (12, 0)), Data::String("Pengungkit".into()));
    assert_eq!(num(&s, (12, 1)), v["pengungkit"].as_f64().unwrap());
    assert_eq!(cell(&s, (13, 0)), Data::String("Hasil".into()));
    assert_eq!(num(&s, (13, 1)), v["hasil"].as_f64().unwrap());
    assert_eq!(cell(&s, (14, 0)), Data::String("NILAI TOTAL".into()));
    assert_eq!(num(&s, (14, 1)), v["total"].as_f64().unwrap());
    // Each condition: value, threshold, margin, result.
    let conds = v["keeping"]["conditions"].as_array().unwrap();
    assert_eq!(cell(&s, (17, 3)), Data::String("Selisih".into()));
    for (i, c) in conds.iter().enumerate() {
        let r = 18 + i as u32;
        assert_eq!(
            cell(&s, (r, 0)),
            Data::String(c["label"].as_str().unwrap().into())
        );
        assert_eq!(num(&s, (r, 1)), c["value"].as_f64().unwrap());
        assert_eq!(num(&s, (r, 2)), c["threshold"].as_f64().unwrap());
        assert_eq!(num(&s, (r, 3)), c["margin"].as_f64().unwrap());
        let want = if c["thin"] == true {
            "Memenuhi (tipis)"
        } else {
            "Memenuhi"
        };
        assert_eq!(cell(&s, (r, 4)), Data::String(want.into()));
    }
    let end = 18 + conds.len() as u32;
    assert_eq!(cell(&s, (end + 2, 0)), Data::String("Kesimpulan".into()));
    assert_eq!(
        cell(&s, (end + 2, 1)),
        Data::String("MASIH MEMENUHI".into())
    );
    let all: Vec<String> = s.cells().map(|(_, _, d)| d.to_string()).collect();
    for want in [
        "Catatan",
        "Ketua Tim Penilai Internal",
        "Kepala Unit Kerja",
        "NIP.",
    ] {
        assert!(all.iter().any(|c| c == want), "{want}");
    }

    // A unit that holds nothing: no such sheet.
    let none = write(dir.path(), "none.xlsx", &fill(4.0, 2025, None, None));
    let out2 = dir.path().join("laporan2.xlsx");
    run_ok(&[
        "score",
        none.to_str().unwrap(),
        "--out",
        out2.to_str().unwrap(),
    ]);
    let wb: Xlsx<_> = open_workbook(&out2).unwrap();
    assert!(!wb.sheet_names().iter().any(|n| n == "Penilaian Internal"));
    // In English, the English sheet.
    let out3 = dir.path().join("report.xlsx");
    run_ok(&["score", p, "--lang", "en", "--out", out3.to_str().unwrap()]);
    let mut wb: Xlsx<_> = open_workbook(&out3).unwrap();
    let s = wb.worksheet_range("Internal Assessment").unwrap();
    assert_eq!(
        cell(&s, (0, 0)),
        Data::String("INTERNAL ASSESSMENT REPORT".into())
    );
}

#[test]
fn compare_shows_the_year_a_holders_margin_started_to_shrink() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<String> = [(2023, 4.0), (2024, 3.9), (2025, 3.7)]
        .iter()
        .map(|(y, ipak)| {
            let f = fill(*ipak, *y, Some("Menuju WBK"), Some(2021));
            write(dir.path(), &format!("kantor-{y}.xlsx"), &f)
                .display()
                .to_string()
        })
        .collect();
    let mut args = vec!["compare"];
    args.extend(paths.iter().map(String::as_str));
    let text = run_ok(&args);
    assert!(text.contains(
        "MEMPERTAHANKAN PREDIKAT: selisih syarat Menuju WBK (dimiliki pada: 2023, 2024, 2025)"
    ));
    let ipak = text
        .lines()
        .find(|l| l.contains("Survei Persepsi Anti Korupsi"))
        .unwrap();
    assert!(ipak.trim_end().ends_with("2024"), "{ipak}");
    let v = json(&args);
    let t = &v["keeping_trend"];
    assert_eq!(t["predicate"], "wbk");
    assert_eq!(t["columns"], serde_json::json!(["2023", "2024", "2025"]));
    let c = t["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"].as_str().unwrap().starts_with("Survei Persepsi"))
        .unwrap();
    assert_eq!(c["shrinking_since"], "2024");
    let m: Vec<f64> = c["margins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert!(m[0] > m[1] && m[1] > m[2]);
}

#[test]
fn the_bahari_samples_hold_menuju_wbk_from_2024() {
    let files = [
        "samples/batch/lke-kantor-pelayanan-bahari-2023.xlsx",
        "samples/batch/lke-kantor-pelayanan-bahari-2024.xlsx",
        "samples/batch/lke-kantor-pelayanan-bahari-2025.xlsx",
    ];
    let root = crate::util::root();
    let paths: Vec<String> = files
        .iter()
        .map(|f| root.join(f).display().to_string())
        .collect();
    assert!(json(&["score", &paths[0]]).get("keeping").is_none());
    let v = json(&["score", &paths[2]]);
    assert_eq!(v["keeping"]["predicate"], "wbk");
    assert_eq!(v["keeping"]["status"], "still_meets");
    let mut args = vec!["compare"];
    args.extend(paths.iter().map(String::as_str));
    let v = json(&args);
    assert_eq!(
        v["keeping_trend"]["held"],
        serde_json::json!([false, true, true])
    );
}
