//! The `zona` command end to end: arguments in, output and exit code out.

use crate::util::{example_workbook, root, stderr, stdout, zona};

#[test]
fn score_prints_the_summary_in_bahasa_indonesia() {
    let wb = example_workbook();
    let o = zona(&["score", wb.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("NILAI TOTAL"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("NILAI TOTAL") && l.contains("95,63 / 100,00")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.contains("PENGUNGKIT") && l.contains("55,63")),
        "{out}"
    );
    assert!(out.lines().any(|l| l.contains("Penguatan Pengawasan")
        && l.contains("12,29")
        && l.contains("81,93%")));
    assert!(out.contains("Menuju WBK: MEMENUHI"));
    assert!(out.contains("Menuju WBBM: nilai memenuhi; predikat sebelumnya (WBK) belum dinyatakan"));
    assert!(out.contains("113 dijawab, 0 belum dijawab, 0 jawaban tidak sah"));
}

#[test]
fn score_in_english_with_the_prior_predicate() {
    let wb = example_workbook();
    let o = zona(&[
        "score",
        wb.to_str().unwrap(),
        "--lang",
        "en",
        "--prior-wbk",
        "yes",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("TOTAL SCORE") && l.contains("95.63 / 100.00")),
        "{out}"
    );
    assert!(
        out.contains("Menuju WBBM: MET") || out.contains("Towards WBBM: MET"),
        "{out}"
    );
}

#[test]
fn score_json_has_the_documented_shape() {
    let wb = example_workbook();
    let o = zona(&["score", wb.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert!((v["total"].as_f64().unwrap() - 95.63260).abs() < 1e-5);
    assert!((v["pengungkit"].as_f64().unwrap() - 55.63260).abs() < 1e-5);
    assert_eq!(v["hasil"].as_f64(), Some(40.0));
    let areas = v["areas"].as_array().unwrap();
    let names: Vec<&str> = areas.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Manajemen Perubahan",
            "Penataan Tatalaksana",
            "Penataan Sistem Manajemen SDM Aparatur",
            "Penguatan Akuntabilitas",
            "Penguatan Pengawasan",
            "Peningkatan Kualitas Pelayanan Publik"
        ]
    );
    assert_eq!(areas[0]["weight"].as_f64(), Some(8.0));
    // Manajemen Perubahan = pemenuhan 4.00 + reform 3.142857 (agen 7/7, integrasi 1/7).
    assert!(
        (areas[0]["score"].as_f64().unwrap() - (4.0 + (1.0 + 1.0 / 7.0) / 2.0 * 2.0 + 2.0)).abs()
            < 1e-9
    );
    let preds = v["predicates"].as_array().unwrap();
    assert_eq!(preds[0]["name"], "Menuju WBK");
    assert_eq!(preds[0]["met"], true);
    assert_eq!(preds[1]["met"], false);
    assert_eq!(preds[1]["status"], "scores_met_prior_unknown");
    let total = &preds[0]["conditions"][0];
    assert_eq!(total["threshold"].as_f64(), Some(75.0));
    assert!((total["margin"].as_f64().unwrap() - 20.63260).abs() < 1e-5);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 2);
    assert_eq!(diags[1]["code"], "sum_mismatch");
    assert_eq!(diags[1]["cell"], "K185");
    assert_eq!(diags[1]["sheet"], "LKE ZI");
}

#[test]
fn unanswered_policy_flag_is_accepted_and_reported() {
    let wb = example_workbook();
    let o = zona(&[
        "score",
        wb.to_str().unwrap(),
        "--format",
        "json",
        "--unanswered",
        "exclude",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["unanswered_policy"], "exclude");
}

#[test]
fn a_missing_workbook_exits_2_naming_the_file() {
    let o = zona(&["score", "tidak-ada.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tidak-ada.xlsx"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_file_that_is_not_a_spreadsheet_exits_2() {
    let o = zona(&["score", "Cargo.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Cargo.toml: tidak dapat dibuka sebagai lembar kerja"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_usage_exits_2() {
    let o = zona(&["score"]);
    assert_eq!(o.status.code(), Some(2));
    let o = zona(&["score", "x.xlsx", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_accepts_the_shipped_criteria() {
    let o = zona(&["check", "criteria/permenpanrb-90-2021.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("kriteria sah"));
    assert!(stdout(&o).contains("113 item, 24 input jumlah, 6 area, 2 predikat; total bobot 100"));
}

#[test]
fn check_lists_every_problem_with_its_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rusak.toml");
    let text = std::fs::read_to_string(root().join("criteria/permenpanrb-90-2021.toml"))
        .unwrap()
        .replacen("weight = 60.0", "weight = 61.0", 1)
        .replacen(
            "{ code = \"B\", value = 0.5 }",
            "{ code = \"B\", value = 5.0 }",
            1,
        );
    std::fs::write(&path, text).unwrap();
    let o = zona(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("2 masalah dalam kriteria"), "{err}");
    assert!(
        err.contains(
            "bobot anak dari `pengungkit` berjumlah 60 tetapi bobot `pengungkit` adalah 61"
        ),
        "{err}"
    );
    assert!(
        err.contains("nilai pilihan `B` pada skala `abc` adalah 5"),
        "{err}"
    );
    assert!(
        err.lines().skip(1).all(|l| l.contains("rusak.toml:")),
        "{err}"
    );
}

#[test]
fn score_with_other_criteria_and_criteria_show() {
    let o = zona(&["criteria", "show", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.contains("Change Management") && l.contains("4.00")),
        "{out}"
    );
    assert!(out.contains("Total weight: 100.00"));
    let wb = example_workbook();
    let o = zona(&[
        "score",
        wb.to_str().unwrap(),
        "--criteria",
        "criteria/permenpanrb-90-2021.toml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
}

/// Regulation roles come from the criteria: a variant whose nodes and predicates have keys of
/// its own still fills the JSON's `pengungkit`/`hasil` (by `role`), and `--prior-wbk` sets the
/// predicate its other predicate requires, whatever its key.
#[test]
fn roles_and_the_prior_predicate_come_from_the_criteria_not_from_key_names() {
    let dir = tempfile::tempdir().unwrap();
    let toml =
        std::fs::read_to_string(root().join("crates/zona-report/tests/data/template-custom.toml"))
            .unwrap()
            .replace("key = \"wbk\"", "key = \"tingkat1\"")
            .replace("key = \"wbbm\"", "key = \"tingkat2\"")
            .replace("predicate = \"wbk\"", "predicate = \"tingkat1\"");
    assert!(!toml.contains("\"wbk\"") && !toml.contains("key = \"pengungkit\""));
    let criteria = dir.path().join("varian.toml");
    std::fs::write(&criteria, toml).unwrap();
    let blank = dir.path().join("kosong.xlsx");
    let c = criteria.to_str().unwrap();
    let o = zona(&[
        "template",
        "--criteria",
        c,
        "--out",
        blank.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "score",
            blank.to_str().unwrap(),
            "--criteria",
            c,
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let o = zona(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let v = json(&[]);
    // Nothing answered: the role nodes score 0, which is a number, not null.
    assert_eq!(v["pengungkit"].as_f64(), Some(0.0), "{}", v["pengungkit"]);
    assert_eq!(v["hasil"].as_f64(), Some(0.0), "{}", v["hasil"]);
    assert!(v["pemenuhan"].is_null() && v["reform"].is_null());
    let prior = |v: &serde_json::Value| -> serde_json::Value {
        let p = v["predicates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == "tingkat2")
            .cloned()
            .unwrap();
        p["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "prior")
            .cloned()
            .unwrap()
    };
    assert!(prior(&v)["passed"].is_null(), "not stated: {}", prior(&v));
    assert_eq!(prior(&json(&["--prior-wbk", "yes"]))["passed"], true);
    assert_eq!(prior(&json(&["--prior-wbk", "no"]))["passed"], false);
    assert_eq!(prior(&json(&["--prior-wbk", "yes"]))["key"], "tingkat1");
}

/// A blank LKE: the text lists the first ten unanswered items with their cells, then how many
/// more; `--all` lists every one. `--prior-wbk ya|tidak` is taken as yes/no.
#[test]
fn unanswered_items_are_listed_with_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("kosong.xlsx");
    let o = zona(&["template", "--out", blank.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let b = blank.to_str().unwrap();
    let out = stdout(&zona(&["score", b]));
    let items = zona_core::default_criteria().items.len();
    assert!(out.contains(&format!("BELUM DIJAWAB ({items}):")), "{out}");
    let listed = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("  LKE") && l.contains('!'))
            .count()
    };
    assert_eq!(listed(&out), 10, "{out}");
    assert!(
        out.contains(&format!("… dan {} lainnya (semua: --all)", items - 10)),
        "{out}"
    );
    // The first unanswered item's answer cell is named (the template's first item row).
    let first = out
        .lines()
        .find(|l| l.starts_with("  LKE"))
        .expect("an unanswered line");
    assert!(first.contains("!K"), "{first}");
    let all = stdout(&zona(&["score", b, "--all", "--lang", "en"]));
    assert!(all.contains(&format!("UNANSWERED ({items}):")), "{all}");
    assert_eq!(listed(&all), items, "{all}");
    assert!(!all.contains("more (all: --all)"), "{all}");

    let ya = zona(&["score", b, "--prior-wbk", "ya", "--format", "json"]);
    assert_eq!(ya.status.code(), Some(0), "{}", stderr(&ya));
    let tidak = zona(&["score", b, "--prior-wbk", "tidak", "--format", "json"]);
    assert_eq!(tidak.status.code(), Some(0), "{}", stderr(&tidak));
}
