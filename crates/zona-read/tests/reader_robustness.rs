//! Copies that stray from the official wording: a component heading with extra words beside its
//! "TOTAL" row, a sub-area heading left empty, short labels, and headers with extra words.

use zona_core::{default_criteria, load_str, score, Criteria, ScoreOptions};
use zona_report::lke_writer::{write_filled_lke, LkeFill, LkeLayoutOptions};

/// The default criteria with one text replaced, as a copy of the LKE might print it.
fn reworded(from: &str, to: &str) -> Criteria {
    let text = zona_core::load::DEFAULT_CRITERIA_TOML;
    assert_eq!(text.matches(from).count(), 1, "{from}");
    load_str(&text.replacen(from, to, 1), "reworded.toml").unwrap()
}

/// Every item answered "best" through the writer's fill.
fn full_fill(c: &Criteria) -> LkeFill {
    let mut fill = LkeFill::default();
    for item in &c.items {
        match &item.answer {
            zona_core::AnswerKind::Choice(_) => {
                fill.set_answer(&item.key, "A");
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
    // Ya/Tidak items take "Ya".
    for item in &c.items {
        if c.answer_label(item) == "Ya/Tidak" {
            fill.set_answer(&item.key, "Ya");
        }
    }
    fill
}

fn read_back(written_with: &Criteria) -> zona_core::ScoreResult {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lke.xlsx");
    write_filled_lke(
        &path,
        written_with,
        &full_fill(written_with),
        &LkeLayoutOptions::default(),
    )
    .unwrap();
    let c = default_criteria();
    let (answers, _) = zona_read::read_answers(&path, &c).unwrap();
    score(&c, &answers, &ScoreOptions::default())
}

fn not_found(r: &zona_core::ScoreResult) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.code() == "item_not_found")
        .map(|d| d.item.clone().unwrap_or_default())
        .collect()
}

#[test]
fn the_clean_copy_scores_100() {
    let r = read_back(&default_criteria());
    assert!(not_found(&r).is_empty());
    assert!((r.total - 100.0).abs() < 1e-9);
}

#[test]
fn a_total_row_never_takes_the_place_of_its_component() {
    // "PENGUNGKIT (BOBOT 60%)" is less like "PENGUNGKIT" than "TOTAL PENGUNGKIT" is.
    let r = read_back(&reworded(
        "name = \"PENGUNGKIT\"",
        "name = \"PENGUNGKIT (BOBOT 60%)\"",
    ));
    assert_eq!(not_found(&r), Vec::<String>::new());
    assert!((r.total - 100.0).abs() < 1e-9, "{}", r.total);
}

#[test]
fn an_empty_sub_area_heading_loses_nothing() {
    let r = read_back(&reworded("name = \"Penyusunan Tim Kerja\"", "name = \"\""));
    assert_eq!(not_found(&r), Vec::<String>::new());
    assert!((r.total - 100.0).abs() < 1e-9, "{}", r.total);
}
