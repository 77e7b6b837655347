//! `zona compare` end to end: workbooks with known answers written with
//! `zona_report::lke_writer`, compared by the binary, output (text, JSON, xlsx) checked.
//!
//! Expected numbers are derived from the criteria (weights, option values, thresholds), never
//! typed in, so the tests follow the criteria files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use serde_json::Value;
use zona_core::criteria::{AnswerKind, ConditionKind, Criteria, Formula, ScaleKind};
use zona_report::lke_writer::{write_filled_lke, LkeFill, LkeLayoutOptions};

use crate::util::{stderr, stdout, zona};

fn c2021() -> Criteria {
    zona_core::default_criteria()
}

fn c2019() -> Criteria {
    zona_core::builtin_criteria()
        .into_iter()
        .find(|c| c.meta.id == "permenpanrb-10-2019")
        .expect("the 10/2019 criteria are built in")
}

/// Every item at its best: the highest option, the index maximum, every ratio at 100 %.
fn best_fill(c: &Criteria, year: i32) -> LkeFill {
    let mut fill = LkeFill {
        unit_name: Some("Kantor Contoh".into()),
        year: Some(year),
        ..Default::default()
    };
    for item in &c.items {
        match &item.answer {
            AnswerKind::Choice(s) => {
                let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
                    unreachable!()
                };
                let best = opts
                    .iter()
                    .max_by(|a, b| a.value.total_cmp(&b.value))
                    .unwrap();
                fill.set_answer(&item.key, best.code.as_str());
            }
            AnswerKind::Index { max, .. } => {
                fill.set_answer(&item.key, *max);
            }
            AnswerKind::Ratio(r) => {
                for inp in r.inputs.iter().filter(|i| i.sum_of.is_empty()) {
                    fill.set_input(&item.key, &inp.key, 4.0);
                }
                match r.formula {
                    Formula::Share { done, required } => {
                        let req = &r.inputs[required];
                        let n = if req.sum_of.is_empty() {
                            4.0
                        } else {
                            4.0 * req.sum_of.len() as f64
                        };
                        fill.set_input(&item.key, &r.inputs[done].key, n);
                    }
                    Formula::Reduction { current, .. } => {
                        fill.set_input(&item.key, &r.inputs[current].key, 0.0);
                    }
                }
            }
        }
    }
    fill
}

fn write(dir: &Path, name: &str, c: &Criteria, fill: &LkeFill) -> PathBuf {
    let path = dir.join(name);
    let layout = LkeLayoutOptions {
        created: Some((2024, 1, 1)),
        ..Default::default()
    };
    write_filled_lke(&path, c, fill, &layout).expect("write workbook");
    path
}

/// The value of option `code` of a choice item.
fn option_value(c: &Criteria, item: &str, code: &str) -> f64 {
    let it = c.item(c.item_by_key(item).unwrap());
    let AnswerKind::Choice(s) = &it.answer else {
        panic!("{item} is not a choice item")
    };
    let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
        unreachable!()
    };
    opts.iter().find(|o| o.code == code).unwrap().value
}

fn index_max(c: &Criteria, item: &str) -> f64 {
    match c.item(c.item_by_key(item).unwrap()).answer {
        AnswerKind::Index { max, .. } => max,
        _ => panic!("{item} is not an index item"),
    }
}

fn max_points(c: &Criteria, item: &str) -> f64 {
    c.item_max_points(c.item_by_key(item).unwrap())
}

/// The threshold of predicate `pred`'s `node` condition on `node`.
fn node_threshold(c: &Criteria, pred: &str, node: &str) -> f64 {
    let id = c.node_by_key(node).unwrap();
    let p = c.predicates.iter().find(|p| p.key == pred).unwrap();
    p.conditions
        .iter()
        .find_map(|cond| match cond.kind {
            ConditionKind::Node { node, min } if node == id => Some(min),
            _ => None,
        })
        .unwrap()
}

/// The label zona gives predicate `pred`'s condition on node `node` (its own label, else the name).
fn find_condition_label(c: &Criteria, pred: &str, node: &str) -> String {
    let id = c.node_by_key(node).unwrap();
    let p = c.predicates.iter().find(|p| p.key == pred).unwrap();
    p.conditions
        .iter()
        .find_map(|cond| match cond.kind {
            ConditionKind::Node { node, .. } if node == id => Some(
                cond.label
                    .clone()
                    .unwrap_or_else(|| c.node(id).name.clone()),
            ),
            _ => None,
        })
        .unwrap()
}

fn area_weight(c: &Criteria, key: &str) -> f64 {
    c.areas.iter().find(|a| a.key == key).unwrap().weight
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn f(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, got {v}"))
}

fn find<'a>(rows: &'a Value, key: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row {key}"))
}

const TIM_B: &str = "pemenuhan.mp.tim_kerja.b";
const IPKP: &str = "hasil.prima.ipkp";
const MEKANISME: &str = "reform.pw.mekanisme_pengendalian.a";

/// Three years of one unit (90/2021): 2021 all best; 2022 tim_kerja.b = B and IPKP 3.8; 2023 also
/// IPKP 3.4 (below the WBBM threshold of Pelayanan Publik yang Prima) and mekanisme = E.
fn three_years(dir: &Path) -> (Criteria, [PathBuf; 3]) {
    let c = c2021();
    let y1 = best_fill(&c, 2021);
    let mut y2 = best_fill(&c, 2022);
    y2.set_answer(TIM_B, "B").set_answer(IPKP, 3.8);
    let mut y3 = y2.clone();
    y3.year = Some(2023);
    y3.set_answer(IPKP, 3.4).set_answer(MEKANISME, "E");
    let paths = [
        write(dir, "lke-2021.xlsx", &c, &y1),
        write(dir, "lke-2022.xlsx", &c, &y2),
        write(dir, "lke-2023.xlsx", &c, &y3),
    ];
    (c, paths)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn three_years_of_one_unit_deltas_moved_items_and_a_lost_wbbm() {
    let dir = tempfile::tempdir().unwrap();
    let (c, [p1, p2, p3]) = three_years(dir.path());
    let o = zona(&[
        "compare",
        s(&p1),
        s(&p2),
        s(&p3),
        "--labels",
        "2021,2022,2023",
        "--prior-wbk",
        "yes",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("provisional") && !stderr(&o).contains("sementara"),
        "90/2021 is not provisional: {}",
        stderr(&o)
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");

    // Expected changes, from the criteria.
    let d_tim =
        (option_value(&c, TIM_B, "B") - option_value(&c, TIM_B, "A")) * max_points(&c, TIM_B);
    let ipkp = |index: f64| index / index_max(&c, IPKP) * max_points(&c, IPKP);
    let d_ipkp_1 = ipkp(3.8) - ipkp(index_max(&c, IPKP));
    let d_ipkp_2 = ipkp(3.4) - ipkp(3.8);
    let d_mek = (option_value(&c, MEKANISME, "E") - option_value(&c, MEKANISME, "A"))
        * max_points(&c, MEKANISME);

    let total = &v["total"];
    assert!(close(f(&total["columns"][0]["score"]), c.max_total()));
    assert!(close(f(&total["deltas"][0]["points"]), d_tim + d_ipkp_1));
    assert!(close(f(&total["deltas"][1]["points"]), d_ipkp_2 + d_mek));
    assert_eq!(total["deltas"][0]["basis"], "points");

    // Areas: MP moved in the first step only, PW in the second only; points and % of weight.
    let mp = find(&v["areas"], "mp");
    assert!(close(f(&mp["deltas"][0]["points"]), d_tim));
    assert!(close(
        f(&mp["deltas"][0]["percent"]),
        d_tim / area_weight(&c, "mp") * 100.0
    ));
    assert!(close(f(&mp["deltas"][1]["points"]), 0.0));
    assert_eq!(mp["deltas"][1]["changed"], false);
    let pw = find(&v["areas"], "pw");
    assert!(close(f(&pw["deltas"][0]["points"]), 0.0));
    assert!(close(f(&pw["deltas"][1]["points"]), d_mek));
    assert!(close(
        f(&pw["deltas"][1]["percent"]),
        d_mek / area_weight(&c, "pw") * 100.0
    ));
    for key in ["tt", "sdm", "ak", "pp"] {
        let a = find(&v["areas"], key);
        assert!(close(f(&a["deltas"][0]["points"]), 0.0), "{key}");
        assert!(close(f(&a["deltas"][1]["points"]), 0.0), "{key}");
    }
    let prima = find(&v["components"], "hasil.prima");
    assert!(close(f(&prima["deltas"][1]["points"]), d_ipkp_2));

    // Moved items, largest change first.
    let moved = |step: usize| -> Vec<(String, f64)> {
        v["steps"][step]["moved_items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["key"].as_str().unwrap().to_string(),
                    f(&m["delta"]["points"]),
                )
            })
            .collect()
    };
    let m1 = moved(0);
    assert_eq!(m1.len(), 2, "{m1:?}");
    assert_eq!((m1[0].0.as_str(), m1[1].0.as_str()), (IPKP, TIM_B));
    assert!(close(m1[0].1, d_ipkp_1) && close(m1[1].1, d_tim));
    let m2 = moved(1);
    assert_eq!(m2.len(), 2, "{m2:?}");
    assert_eq!((m2[0].0.as_str(), m2[1].0.as_str()), (MEKANISME, IPKP));
    assert!(close(m2[0].1, d_mek) && close(m2[1].1, d_ipkp_2));

    // Predicates per column: WBBM met, met, not met; WBK met throughout.
    let pred = |key: &str| {
        v["predicates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == key)
            .unwrap()
            .clone()
    };
    let statuses = |p: &Value| -> Vec<String> {
        p["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["status"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(statuses(&pred("wbk")), ["met", "met", "met"]);
    assert_eq!(statuses(&pred("wbbm")), ["met", "met", "not_met"]);

    // The drop below the WBBM threshold is flagged: in the step, and on the component's cell.
    assert!(v["steps"][0]["crossings"].as_array().unwrap().is_empty());
    let crossings = v["steps"][1]["crossings"].as_array().unwrap();
    assert_eq!(crossings.len(), 1, "{crossings:?}");
    let x = &crossings[0];
    assert_eq!(x["predicate"], "wbbm");
    assert_eq!(x["lost"], true);
    let conds = x["conditions"].as_array().unwrap();
    assert_eq!(conds.len(), 1);
    assert_eq!(conds[0]["after"]["key"], "hasil.prima");
    let threshold = node_threshold(&c, "wbbm", "hasil.prima");
    assert!(close(f(&conds[0]["after"]["threshold"]), threshold));
    assert!(close(f(&conds[0]["after"]["value"]), ipkp(3.4)));
    assert!(close(f(&conds[0]["before"]["value"]), ipkp(3.8)));
    assert_eq!(conds[0]["before"]["passed"], true);
    assert_eq!(prima["columns"][2]["dropped_below_threshold"], true);
    assert_eq!(prima["columns"][1]["dropped_below_threshold"], false);
    assert_eq!(
        find(&v["items"], IPKP)["columns"][2]["dropped_below_threshold"],
        false,
        "the WBBM condition is on the node, not the item"
    );

    // The text marks it too.
    let o = zona(&[
        "compare",
        s(&p1),
        s(&p2),
        s(&p3),
        "--labels",
        "2021,2022,2023",
        "--prior-wbk",
        "yes",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("▼ TURUN DI BAWAH AMBANG PREDIKAT (1)"),
        "{out}"
    );
    assert!(out.contains("2022 → 2023: MENUJU WBBM HILANG"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("PELAYANAN PUBLIK YANG PRIMA") && l.contains('▼')),
        "{out}"
    );
    assert!(out.contains("ITEM YANG BERUBAH 2022 → 2023 (2)"), "{out}");
}

#[test]
fn across_regulation_versions_overlap_percent_of_weight_and_absent_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (c2019(), c2021());
    let p_old = write(dir.path(), "lke-2020.xlsx", &old, &best_fill(&old, 2020));
    let p_new = write(dir.path(), "lke-2023.xlsx", &new, &best_fill(&new, 2023));
    let o = zona(&["compare", s(&p_old), s(&p_new), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Chosen by best fit, and announced as provisional.
    let err = stderr(&o);
    assert!(
        err.contains("PERHATIAN")
            && err.contains("permenpanrb-10-2019")
            && err.contains("lke-2020.xlsx"),
        "{err}"
    );
    assert!(!err.contains("lke-2023.xlsx"), "{err}");
    let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["columns"][0]["label"], "2020");
    assert_eq!(v["columns"][0]["criteria"]["id"], "permenpanrb-10-2019");
    assert_eq!(v["columns"][0]["criteria"]["provisional"], true);
    assert_eq!(v["columns"][1]["criteria"]["id"], "permenpanrb-90-2021");
    assert_eq!(v["steps"][0]["same_criteria"], false);

    // Overlap = |shared item keys| / |union of item keys|.
    let keys =
        |c: &Criteria| -> BTreeSet<String> { c.items.iter().map(|i| i.key.clone()).collect() };
    let (ko, kn) = (keys(&old), keys(&new));
    let shared = ko.intersection(&kn).count();
    let union = ko.union(&kn).count();
    let ov = &v["overlaps"][0];
    assert_eq!(ov["shared"], shared);
    assert_eq!(ov["union"], union);
    assert!(close(
        f(&ov["percent"]),
        shared as f64 / union as f64 * 100.0
    ));
    // With the shipped files: 81 pemenuhan items + IPAK + IPKP shared, of 114.
    assert_eq!((shared, union), (83, 114));
    assert_eq!(ov["only_a"], serde_json::json!(["hasil.bersih.tlhp"]));
    assert_eq!(ov["only_b"].as_array().unwrap().len(), kn.len() - shared);

    // Areas whose weight changed are compared by % of weight; the others by points.
    let mut by_percent = Vec::new();
    for a in v["areas"].as_array().unwrap() {
        let key = a["key"].as_str().unwrap();
        let d = &a["deltas"][0];
        let changed_weight = !close(area_weight(&old, key), area_weight(&new, key));
        let basis = if changed_weight {
            by_percent.push(key.to_string());
            "percent_of_weight"
        } else {
            "points"
        };
        assert_eq!(d["basis"], basis, "{key}");
        // Every item at its best in both years: 100 % of weight on both sides.
        assert!(close(f(&a["columns"][0]["percent"]), 100.0), "{key}");
        assert!(close(f(&a["columns"][1]["percent"]), 100.0), "{key}");
        assert!(close(f(&d["percent"]), 0.0), "{key}");
        assert_eq!(d["changed"], false, "{key}");
    }
    assert_eq!(by_percent, ["mp", "tt", "sdm"]);
    // The same answers under other weights did not move any item.
    assert!(v["steps"][0]["moved_items"].as_array().unwrap().is_empty());

    // Nodes present in one version only are marked absent in the other.
    let nodes = &v["nodes"];
    for key in ["pengungkit.mp", "pengungkit.pp"] {
        let n = find(nodes, key);
        assert!(n["columns"][0].is_object(), "{key}");
        assert!(n["columns"][1].is_null(), "{key}");
        assert_eq!(n["in_every_column"], false);
        assert!(n["deltas"][0].is_null());
    }
    for key in [
        "pemenuhan",
        "reform",
        "reform.pw.lhk",
        "pemenuhan.pp.teknologi_informasi",
    ] {
        let n = find(nodes, key);
        assert!(n["columns"][0].is_null(), "{key}");
        assert!(n["columns"][1].is_object(), "{key}");
    }
    let shared_node = find(nodes, "pemenuhan.mp.monev");
    assert_eq!(shared_node["in_every_column"], true);
    assert_eq!(shared_node["deltas"][0]["basis"], "percent_of_weight");
    assert!(find(&v["items"], "hasil.bersih.capaian")["columns"][0].is_null());
    // WBBM exists in both; the old version's predicates have no per-area threshold.
    assert!(v["columns"][0]["thresholds"][0]["area_min_percent"].is_null());
    assert!(close(
        f(&v["columns"][1]["thresholds"][0]["area_min_percent"]),
        new.predicates[0]
            .conditions
            .iter()
            .find_map(|c| match c.kind {
                ConditionKind::Areas { min_percent } => Some(min_percent),
                _ => None,
            })
            .unwrap()
    ));

    // The text says the same, in English too.
    let o = zona(&["compare", s(&p_old), s(&p_new), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "2020 ↔ 2023: {shared} of {union} keys shared ({:.2}%)",
            shared as f64 / union as f64 * 100.0
        )),
        "{out}"
    );
    assert!(out.contains("NODES PRESENT IN SOME VERSIONS ONLY"), "{out}");
    assert!(out.contains("only in 2020 (6): pengungkit.mp"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("Change Management") && l.ends_with('%')),
        "MP's change is shown in % of weight: {out}"
    );
    assert!(stderr(&o).contains("NOTE: these criteria are provisional."));
}

fn cell_str(v: &Data) -> String {
    match v {
        Data::String(s) => s.clone(),
        Data::Float(n) => format!("{n}"),
        Data::Int(n) => format!("{n}"),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn the_comparison_workbook_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (c, [p1, p2, p3]) = three_years(dir.path());
    let out = dir.path().join("perbandingan.xlsx");
    let args = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = ["compare", s(&p1), s(&p2), s(&p3), "--out", s(&out)]
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        a.extend(
            ["--labels", "2021,2022,2023", "--prior-wbk", "yes"]
                .iter()
                .map(std::string::ToString::to_string),
        );
        a.extend(extra.iter().map(std::string::ToString::to_string));
        a
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        zona(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("perbandingan.xlsx"));

    let mut wb = open_workbook_auto(&out).expect("a readable workbook");
    assert_eq!(
        wb.sheet_names(),
        ["Ringkasan", "Item", "Item Berubah", "Grafik"]
    );
    // Summary: a pair of columns (score, % of weight) per year, then Δ pairs.
    let sum = wb.worksheet_range("Ringkasan").unwrap();
    let row_of = |r: &calamine::Range<Data>, col: usize, text: &str| -> usize {
        r.rows()
            .position(|row| row.get(col).map(cell_str).as_deref() == Some(text))
            .unwrap_or_else(|| panic!("no row with {text}"))
    };
    let total = row_of(&sum, 1, "total");
    let num = |r: &calamine::Range<Data>, row: usize, col: usize| -> f64 {
        match r.get((row, col)) {
            Some(Data::Float(n)) => *n,
            other => panic!("({row},{col}): {other:?}"),
        }
    };
    assert!(close(num(&sum, total, 2), c.max_total()));
    let t3 = num(&sum, total, 6);
    let ipkp = |index: f64| index / index_max(&c, IPKP) * max_points(&c, IPKP);
    let d_mek = (option_value(&c, MEKANISME, "E") - option_value(&c, MEKANISME, "A"))
        * max_points(&c, MEKANISME);
    assert!(close(num(&sum, total, 10), ipkp(3.4) - ipkp(3.8) + d_mek)); // Δ 2022 → 2023
    assert!(close(num(&sum, total, 10), t3 - num(&sum, total, 4)));
    let pw = row_of(&sum, 1, "pw");
    assert!(close(num(&sum, pw, 10), d_mek));
    // The drop below the WBBM threshold is listed with its threshold from the criteria.
    let drops = row_of(&sum, 0, "TURUN DI BAWAH AMBANG PREDIKAT");
    let first = drops + 2;
    assert_eq!(cell_str(&sum[(first, 2)]), "2022 → 2023");
    assert_eq!(
        cell_str(&sum[(first, 0)]),
        find_condition_label(&c, "wbbm", "hasil.prima")
    );
    assert_eq!(cell_str(&sum[(first, 1)]), "Menuju WBBM");
    assert!(close(num(&sum, first, 3), ipkp(3.8)));
    assert!(close(num(&sum, first, 4), ipkp(3.4)));
    assert!(close(
        num(&sum, first, 5),
        node_threshold(&c, "wbbm", "hasil.prima")
    ));
    assert_eq!(cell_str(&sum[(first, 6)]), "ya");
    // Predicate statuses per year.
    let wbbm = row_of(&sum, 1, "wbbm");
    assert_eq!(cell_str(&sum[(wbbm, 2)]), "MEMENUHI");
    assert_eq!(cell_str(&sum[(wbbm, 6)]), "TIDAK MEMENUHI");

    // Items: every item key, side by side with deltas.
    let items = wb.worksheet_range("Item").unwrap();
    assert_eq!(items.height(), 2 + c.items.len());
    let mek = row_of(&items, 0, MEKANISME);
    assert_eq!(cell_str(&items[(mek, 2)]), "A");
    assert_eq!(cell_str(&items[(mek, 8)]), "E");
    assert!(close(num(&items, mek, 13), d_mek)); // Δ points 2022 → 2023
    let moved = wb.worksheet_range("Item Berubah").unwrap();
    assert_eq!(moved.height(), 1 + 4);
    assert_eq!(cell_str(&moved[(3, 1)]), MEKANISME);

    // Chart data: the thresholds come from the criteria.
    let chart = wb.worksheet_range("Grafik").unwrap();
    let wbbm_total = row_of(&chart, 0, "Ambang Menuju WBBM — nilai total");
    let wbbm_min = c.predicates[1]
        .conditions
        .iter()
        .find_map(|x| match x.kind {
            ConditionKind::Total { min } => Some(min),
            _ => None,
        })
        .unwrap();
    assert!(close(
        num(&chart, wbbm_total, 3),
        wbbm_min / c.max_total() * 100.0
    ));
    row_of(&chart, 0, "Ambang Menuju WBK — tiap area");
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.windows(20).any(|w| w == b"xl/charts/chart1.xml"),
        "the workbook holds a chart"
    );
    drop(wb);

    // An existing output needs --force; the bytes are the same every time.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("perbandingan.xlsx") && stderr(&o).contains("--force"),
        "{}",
        stderr(&o)
    );
    let o = run(&["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), bytes);

    // Never over an input workbook, even with --force.
    let before = std::fs::read(&p3).unwrap();
    let o = zona(&[
        "compare",
        s(&p1),
        s(&p3),
        "--out",
        s(&p3),
        "--force",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("would overwrite the input workbook"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&p3).unwrap(), before);

    // English labels.
    let en = dir.path().join("comparison.xlsx");
    let o = zona(&["compare", s(&p1), s(&p2), "--out", s(&en), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let wb = open_workbook_auto(&en).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["Summary", "Items", "Moved Items", "Chart"]
    );
}

#[test]
fn json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let (_, [p1, p2, _]) = three_years(dir.path());
    let o = zona(&["compare", s(&p1), s(&p2), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let has = |v: &Value, keys: &[&str]| {
        for k in keys {
            assert!(v.get(k).is_some(), "missing `{k}` in {v}");
        }
    };
    has(
        &v,
        &[
            "columns",
            "total",
            "components",
            "areas",
            "predicates",
            "steps",
            "overlaps",
            "nodes",
            "items",
            "out",
        ],
    );
    assert!(v["out"].is_null());
    let col = &v["columns"][0];
    has(
        col,
        &[
            "label",
            "file",
            "source",
            "criteria",
            "unanswered_policy",
            "max_total",
            "counts",
            "thresholds",
        ],
    );
    has(&col["criteria"], &["id", "name", "version", "provisional"]);
    has(
        &col["counts"],
        &["items", "answered", "unanswered", "invalid"],
    );
    has(
        &col["thresholds"][0],
        &[
            "predicate",
            "name",
            "total_min",
            "total_percent",
            "area_min_percent",
        ],
    );
    assert_eq!(col["label"], "2021");
    for rows in ["components", "areas", "nodes", "items"] {
        let r = &v[rows][0];
        has(
            r,
            &[
                "key",
                "kind",
                "name",
                "marker",
                "depth",
                "in_every_column",
                "columns",
                "deltas",
            ],
        );
        assert_eq!(r["columns"].as_array().unwrap().len(), 2);
        assert_eq!(r["deltas"].as_array().unwrap().len(), 1);
        has(
            &r["columns"][0],
            &["score", "weight", "percent", "dropped_below_threshold"],
        );
        has(&r["deltas"][0], &["points", "percent", "basis", "changed"]);
    }
    assert_eq!(v["total"]["kind"], "total");
    assert_eq!(v["areas"][0]["kind"], "area");
    has(&v["items"][0]["columns"][0], &["value", "status", "answer"]);
    let p = &v["predicates"][0];
    has(p, &["key", "name", "columns"]);
    has(
        &p["columns"][0],
        &["status", "met", "scores_met", "failing"],
    );
    let st = &v["steps"][0];
    has(
        st,
        &[
            "from",
            "to",
            "from_label",
            "to_label",
            "same_criteria",
            "total",
            "moved_items",
            "crossings",
        ],
    );
    assert_eq!(st["same_criteria"], true);
    has(
        &st["moved_items"][0],
        &["key", "text", "before", "after", "delta"],
    );
    has(
        &v["overlaps"][0],
        &[
            "a", "b", "a_label", "b_label", "shared", "union", "percent", "only_a", "only_b",
        ],
    );
    assert!(close(f(&v["overlaps"][0]["percent"]), 100.0));
}

#[test]
fn bad_input_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_, [p1, _, _]) = three_years(dir.path());
    let missing = dir.path().join("tidak-ada.xlsx");
    let o = zona(&["compare", s(&p1), s(&missing)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tidak-ada.xlsx"), "{}", stderr(&o));
    let not_a_workbook = dir.path().join("catatan.xlsx");
    std::fs::write(&not_a_workbook, b"not a spreadsheet").unwrap();
    let o = zona(&["compare", s(&not_a_workbook), s(&p1), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("catatan.xlsx"), "{}", stderr(&o));
    // One workbook is not a comparison; labels must match the workbooks.
    assert_eq!(zona(&["compare", s(&p1)]).status.code(), Some(2));
    let o = zona(&["compare", s(&p1), s(&p1), "--labels", "a,b,c"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--labels"), "{}", stderr(&o));
    // Criteria given explicitly: used for every workbook.
    let o = zona(&[
        "compare",
        s(&p1),
        s(&p1),
        "--criteria",
        "criteria/permenpanrb-10-2019.toml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("PERHATIAN"), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["columns"][1]["criteria"]["id"], "permenpanrb-10-2019");
}

/// `zona compare` reads the prior predicate each workbook states on its Unit sheet, as
/// `zona score` does (one pipeline): the bahari unit states Menuju WBK in 2025, so its 2025
/// column meets Menuju WBBM in both commands; 2023 states "Belum ada", so there the prior
/// condition fails.
#[test]
fn compare_reads_the_stated_prior_predicate_as_score_does() {
    let files: Vec<String> = (2023..=2025)
        .map(|y| format!("samples/batch/lke-kantor-pelayanan-bahari-{y}.xlsx"))
        .collect();
    let score = zona(&["score", &files[2], "--format", "json"]);
    assert_eq!(score.status.code(), Some(0), "{}", stderr(&score));
    let s: Value = serde_json::from_slice(&score.stdout).unwrap();
    let wbbm = |preds: &Value| -> Value {
        preds
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == "wbbm")
            .cloned()
            .unwrap()
    };
    assert_eq!(wbbm(&s["predicates"])["status"], "met");

    let args: Vec<&str> = ["compare"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .chain(["--format", "json"])
        .collect();
    let cmp = zona(&args);
    assert_eq!(cmp.status.code(), Some(0), "{}", stderr(&cmp));
    let v: Value = serde_json::from_slice(&cmp.stdout).unwrap();
    let row = v["predicates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "wbbm")
        .cloned()
        .unwrap();
    let cells = row["columns"].as_array().unwrap();
    assert_eq!(cells.len(), 3);
    assert_eq!(cells[2]["status"], "met", "{}", cells[2]);
    let prior_failed = cells[0]["failing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["kind"] == "prior" && c["passed"] == false);
    assert!(prior_failed, "2023 states no predicate: {}", cells[0]);
    let text = stdout(&zona(&["compare", &files[0], &files[1], &files[2]]));
    assert!(!text.contains("belum dinyatakan"), "{text}");
}

/// Columns follow the years the workbooks state, whatever the order they are named in; two
/// units over different years get a warning (several units of one year do not).
#[test]
fn compare_orders_columns_by_year_and_warns_on_different_units() {
    let bahari = |y: i32| format!("samples/batch/lke-kantor-pelayanan-bahari-{y}.xlsx");
    let (b23, b24, b25) = (bahari(2023), bahari(2024), bahari(2025));
    let o = zona(&["compare", &b25, &b23, &b24, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let labels: Vec<&str> = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2023", "2024", "2025"]);
    let files: Vec<&str> = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, [b23.as_str(), b24.as_str(), b25.as_str()]);
    assert!(!stderr(&o).contains("unit yang berbeda"), "{}", stderr(&o));

    let sentosa = "samples/batch/lke-balai-sentosa-2023.xlsx";
    let mixed = zona(&["compare", sentosa, &b24]);
    assert_eq!(mixed.status.code(), Some(0), "{}", stderr(&mixed));
    assert!(
        stderr(&mixed).contains("PERHATIAN: lembar kerja ini menyebut unit yang berbeda"),
        "{}",
        stderr(&mixed)
    );
    // Two units of one year: a comparison of units, no warning.
    let units = zona(&["compare", "samples/batch/lke-balai-sentosa-2024.xlsx", &b24]);
    assert_eq!(units.status.code(), Some(0), "{}", stderr(&units));
    assert!(
        !stderr(&units).contains("unit yang berbeda"),
        "{}",
        stderr(&units)
    );
}

/// `zona compare --format csv`: long records (one per column and row) carrying each column's
/// unit and year; the totals equal the JSON's, and every predicate verdict is there.
#[test]
fn compare_csv_has_a_record_per_column_and_row_with_unit_and_year() {
    let files: Vec<String> = (2023..=2025)
        .map(|y| format!("samples/batch/lke-rsud-cendana-{y}.xlsx"))
        .collect();
    let mut args: Vec<&str> = vec!["compare"];
    args.extend(files.iter().map(String::as_str));
    let json = zona(&[args.clone(), vec!["--format", "json"]].concat());
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let csv = zona(&[args, vec!["--format", "csv"]].concat());
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    let text = stdout(&csv);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        header,
        [
            "column", "label", "file", "unit", "year", "criteria", "kind", "key", "name", "score",
            "weight", "percent", "value", "answer", "status"
        ]
    );
    let records: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let totals: Vec<f64> = records
        .iter()
        .filter(|r| r[6] == "total")
        .map(|r| r[9].parse().unwrap())
        .collect();
    let json_totals: Vec<f64> = v["total"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["score"].as_f64().unwrap())
        .collect();
    assert_eq!(totals, json_totals);
    for (i, year) in ["2023", "2024", "2025"].iter().enumerate() {
        let col = (i + 1).to_string();
        let of_col: Vec<&Vec<&str>> = records.iter().filter(|r| r[0] == col).collect();
        assert!(of_col
            .iter()
            .all(|r| r[4] == *year && r[3] == "RSUD Contoh Cendana"));
        let items = of_col.iter().filter(|r| r[6] == "item").count();
        assert_eq!(items, zona_core::default_criteria().items.len());
        assert_eq!(of_col.iter().filter(|r| r[6] == "predicate").count(), 2);
    }
}

/// Every record of a compare JSON row carries its column's label, unit and year (so a data frame
/// built with `pandas.json_normalize` keeps them).
#[test]
fn compare_json_records_carry_their_column_label_unit_and_year() {
    let files: Vec<String> = (2023..=2025)
        .map(|y| format!("samples/batch/lke-rsud-cendana-{y}.xlsx"))
        .collect();
    let mut args: Vec<&str> = vec!["compare"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--format", "json"]);
    let o = zona(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = std::iter::once(&v["total"])
        .chain(v["areas"].as_array().unwrap())
        .chain(v["items"].as_array().unwrap());
    let mut records = 0;
    for row in rows {
        for (j, cell) in row["columns"].as_array().unwrap().iter().enumerate() {
            let year = 2023 + j as i64;
            assert_eq!(cell["label"], year.to_string(), "{cell}");
            assert_eq!(cell["year"], year, "{cell}");
            assert_eq!(cell["unit"], "RSUD Contoh Cendana", "{cell}");
            records += 1;
        }
    }
    assert!(records > 300, "{records}");
}

/// One unit over two years with known evidence (the fixture of tests/batch.rs): 2024 claims three
/// items and supports one (a link; a missing file and a description do not count), 2025 claims
/// seven and supports two. Each year's coverage, items lacking evidence and evidence-backed
/// total in JSON, CSV, text and the comparison workbook; each evidence-backed total is what
/// `zona score --format json` says of a twin workbook with the items lacking evidence at their
/// lowest answer. The workbooks are named newest first: the evidence follows its column.
#[test]
fn compare_shows_each_years_evidence_coverage_and_evidence_backed_total() {
    use crate::batch::{evidence_fill, scored_total, write_evidence_files, write_fill, Twin};
    let c = c2021();
    let dir = tempfile::tempdir().unwrap();
    let lke = dir.path().join("lke");
    write_evidence_files(&lke, &dir.path().join("arsip-bukti"));
    let years: [(i32, Vec<usize>); 2] = [(2024, vec![0, 2, 3]), (2025, (0..7).collect())];
    let mut files = Vec::new();
    let mut backed = Vec::new();
    for (year, which) in &years {
        let p = lke.join(format!("lke-kantor-satu-{year}.xlsx"));
        write_fill(
            &p,
            &c,
            &evidence_fill(&c, "Kantor Satu", *year, which, Twin::Claimed),
        );
        let twin = dir.path().join(format!("kembar/{year}.xlsx"));
        write_fill(
            &twin,
            &c,
            &evidence_fill(
                &c,
                "Kantor Satu",
                *year,
                which,
                Twin::Lowest { with_dir: false },
            ),
        );
        backed.push(scored_total(&twin));
        files.push(p);
    }
    let (needing, supported) = ([3.0, 7.0], [1.0, 2.0]);
    let coverage = [100.0 / 3.0, 200.0 / 7.0];
    let newest_first = [s(&files[1]), s(&files[0])];

    let o = zona(&[&["compare"], &newest_first[..], &["--format", "json"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for j in 0..2 {
        let col = &doc["columns"][j];
        assert_eq!(col["label"], years[j].0.to_string());
        let e = &col["evidence"];
        assert_eq!(e["policy"], "lowest");
        assert!(close(f(&e["needing"]), needing[j]));
        assert!(close(f(&e["supported"]), supported[j]));
        assert!(close(f(&e["lacking"]), needing[j] - supported[j]));
        assert!(close(f(&e["coverage_percent"]), coverage[j]));
        assert!(
            close(f(&e["backed_total"]), backed[j]),
            "{} vs {}",
            e["backed_total"],
            backed[j]
        );
        assert!(f(&e["backed_total"]) < f(&doc["total"]["columns"][j]["score"]));
    }

    let o = zona(&[&["compare"], &newest_first[..], &["--format", "csv"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let record = |year: i32, kind: &str, key: &str| -> Vec<String> {
        csv.lines()
            .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
            .find(|r| {
                r[at("year")] == year.to_string() && r[at("kind")] == kind && r[at("key")] == key
            })
            .unwrap_or_else(|| panic!("no {kind} {key} record for {year}"))
    };
    let num = |v: &str| -> f64 { v.parse().unwrap() };
    for j in 0..2 {
        let y = years[j].0;
        let r = record(y, "evidence", "coverage");
        assert_eq!(r[at("name")], "Cakupan bukti");
        assert!(close(num(&r[at("score")]), supported[j]));
        assert!(close(num(&r[at("weight")]), needing[j]));
        assert!(close(num(&r[at("percent")]), coverage[j]));
        let r = record(y, "evidence", "lacking");
        assert!(close(num(&r[at("score")]), needing[j] - supported[j]));
        let r = record(y, "evidence", "backed_total");
        assert!(close(num(&r[at("score")]), backed[j]));
        assert!(close(num(&r[at("weight")]), c.max_total()));
        assert_eq!(
            record(y, "evidence_predicate", "wbk")[at("status")],
            "not_met"
        );
    }

    let out = dir.path().join("perbandingan.xlsx");
    let o = zona(&[&["compare"], &newest_first[..], &["--out", s(&out)]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let shown = |v: f64| zona_core::lang::fmt2(v, zona_core::Lang::Id);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Cakupan bukti"))
        .unwrap_or_else(|| panic!("no coverage line in {text}"));
    assert!(
        line.contains(&format!("{}%", shown(coverage[0])))
            && line.contains(&format!("{}%", shown(coverage[1])))
            && line.contains(&zona_core::lang::fmt2_signed(
                coverage[1] - coverage[0],
                zona_core::Lang::Id
            )),
        "{line}"
    );
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Nilai total didukung bukti"))
        .unwrap();
    assert!(
        line.contains(&shown(backed[0])) && line.contains(&shown(backed[1])),
        "{line}"
    );

    let mut wb = open_workbook_auto(&out).unwrap();
    let sum = wb.worksheet_range("Ringkasan").unwrap();
    let row_of = |key: &str| -> usize {
        sum.rows()
            .position(|row| row.get(1).map(cell_str).as_deref() == Some(key))
            .unwrap_or_else(|| panic!("no row {key}"))
    };
    let cell = |row: usize, col: usize| -> f64 {
        match sum.get((row, col)) {
            Some(Data::Float(n)) => *n,
            other => panic!("({row},{col}): {other:?}"),
        }
    };
    let (cov, back) = (row_of("evidence.coverage"), row_of("evidence.backed_total"));
    for j in 0..2 {
        // Column pair j: the value, then its percentage.
        assert!(close(cell(cov, 2 + 2 * j), supported[j]));
        assert!(close(cell(cov, 3 + 2 * j), coverage[j]));
        assert!(close(cell(back, 2 + 2 * j), backed[j]));
    }
    // The Δ pair of the step: items supported, coverage in percentage points.
    assert!(close(cell(cov, 6), supported[1] - supported[0]));
    assert!(close(cell(cov, 7), coverage[1] - coverage[0]));
    assert!(close(cell(back, 6), backed[1] - backed[0]));
}
