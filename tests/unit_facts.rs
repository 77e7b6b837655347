//! Unit facts: from the unit sheet (with the predicate already held), the title, the file name.

use zona_report::lke_writer::{write_filled_lke, LkeFill, LkeLayoutOptions};

use crate::util::{stderr, zona};

/// A fully answered workbook (every item at its best answer).
fn best_fill(c: &zona_core::Criteria) -> LkeFill {
    let mut fill = LkeFill::default();
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
    fill
}

fn json_of(path: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["score", path.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let o = zona(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_unit_sheet_names_the_unit_and_the_predicate_it_holds() {
    let c = zona_core::default_criteria();
    let mut fill = best_fill(&c);
    fill.unit_name = Some("Pengadilan Negeri Contoh".into());
    fill.instansi = Some("Mahkamah Agung".into());
    fill.year = Some(2026);
    fill.prior_predicate = Some("Menuju WBK".into());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pn-contoh.xlsx");
    let layout = LkeLayoutOptions {
        unit_sheet: true,
        ..Default::default()
    };
    write_filled_lke(&path, &c, &fill, &layout).unwrap();

    let v = json_of(&path, &[]);
    assert_eq!(v["unit"]["name"], "Pengadilan Negeri Contoh");
    assert_eq!(v["unit"]["instansi"], "Mahkamah Agung");
    assert_eq!(v["unit"]["year"], 2026);
    assert_eq!(v["unit"]["origin"], "sheet");
    assert_eq!(v["unit"]["prior_predicate"], "Menuju WBK");
    // The workbook states WBK is held: WBBM is decided without a flag.
    assert_eq!(v["predicates"][1]["status"], "met");
    // The flag overrides what the workbook states.
    let v = json_of(&path, &["--prior-wbk", "no"]);
    assert_eq!(v["predicates"][1]["status"], "not_met");
}

#[test]
fn without_a_unit_sheet_or_title_the_file_name_is_used_and_said_so() {
    let c = zona_core::default_criteria();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lke-kanim-contoh-2024.xlsx");
    write_filled_lke(&path, &c, &best_fill(&c), &LkeLayoutOptions::default()).unwrap();
    let v = json_of(&path, &[]);
    assert_eq!(v["unit"]["name"], "kanim contoh");
    assert_eq!(v["unit"]["year"], 2024);
    assert_eq!(v["unit"]["origin"], "file_name");
    assert_eq!(v["predicates"][1]["status"], "scores_met_prior_unknown");
    let o = zona(&["score", path.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout)
        .contains("Unit      : kanim contoh, 2024 (dari nama berkas)"));
}
