//! `zona score` and the evidence (data dukung): `--evidence-policy`, `--evidence-dir`, the JSON
//! `evidence` sections and `evidence_backed`, the text summary, and the web page of an upload.
//!
//! The workbook is written at test time with zona's own writer for the small criteria
//! `tests/data/evidence/kriteria-bukti.toml`, so the totals can be computed by hand:
//!
//! | item        | sub-area (weight) | answer | evidence                              | verdict     |
//! |-------------|-------------------|--------|---------------------------------------|-------------|
//! | `p.a1.s1.a` | s1 (30)           | A = 1  | an https link                         | supported   |
//! | `p.a1.s1.b` | s1                | A = 1  | a description only                    | unsupported |
//! | `p.a1.s2.a` | s2 (30)           | Ya = 1 | nothing                               | missing     |
//! | `p.a1.s2.b` | s2                | B = ½  | `bukti/laporan-monev.pdf` (exists)    | supported   |
//! | `p.a1.s2.c` | s2                | C = 0  | nothing (lowest answer: nothing to back) | not_needed |
//! | `h.a`       | hasil (40)        | A = 1  | a missing file and a `javascript:` link | unsupported |
//!
//! A sub-area scores its weight × the mean of its items' values. Claimed: s1 = 30 × (1+1)/2 = 30,
//! s2 = 30 × (1+½+0)/3 = 15, hasil = 40: total 85, pengungkit 45.
//! - `lowest`: s1.b → C, s2.a → Tidak, h.a → C: s1 = 15, s2 = 5, hasil = 0: total 20,
//!   pengungkit 20; at risk 15 + 10 + 40 = 65. Lost: WBK total (≥ 45), WBK pengungkit (≥ 25),
//!   WBBM total (≥ 80).
//! - `one-step`: s1.b → B, s2.a → Tidak, h.a → B: s1 = 22,5, s2 = 5, hasil = 20: total 47,5,
//!   pengungkit 27,5; at risk 7,5 + 10 + 20 = 37,5. Lost: WBBM total only.
//! - `none`: no evidence-backed score.

use std::path::{Path, PathBuf};

use serde_json::Value;
use zona_core::lang::fmt2;
use zona_core::Lang;
use zona_report::lke_writer::{write_filled_lke, LkeFill, LkeLayoutOptions};

use crate::util::{root, stderr, stdout, zona};

const CRITERIA: &str = "tests/data/evidence/kriteria-bukti.toml";
const WORKBOOK: &str = "lke-bukti.xlsx";

fn criteria() -> zona_core::Criteria {
    zona_core::load_file(&root().join(CRITERIA)).expect("the test criteria load")
}

/// The fill of the table above; `h.a`'s file entry is `h_file`.
fn fill(h_file: &str) -> LkeFill {
    let mut f = LkeFill {
        unit_name: Some("Kantor Uji Bukti".into()),
        year: Some(2025),
        ..Default::default()
    };
    f.set_answer("p.a1.s1.a", "A");
    f.item_mut("p.a1.s1.a").evidence_link = Some("https://contoh.example/bukti/sk-tim.pdf".into());
    f.set_answer("p.a1.s1.b", "A");
    f.item_mut("p.a1.s1.b").evidence_text = Some("Rencana kerja 2025 (dokumen fisik)".into());
    f.set_answer("p.a1.s2.a", "Ya");
    f.set_answer("p.a1.s2.b", "B");
    f.item_mut("p.a1.s2.b").evidence_text = Some("bukti/laporan-monev.pdf".into());
    f.set_answer("p.a1.s2.c", "C");
    f.set_answer("h.a", "A");
    f.item_mut("h.a").evidence_text = Some(h_file.into());
    f.item_mut("h.a").evidence_link = Some("javascript:alert(1)".into());
    f
}

/// The workbook in `dir`, with `bukti/laporan-monev.pdf` beside it when `with_file`.
fn workbook(dir: &Path, h_file: &str, with_file: bool) -> PathBuf {
    let path = dir.join(WORKBOOK);
    write_filled_lke(
        &path,
        &criteria(),
        &fill(h_file),
        &LkeLayoutOptions::default(),
    )
    .expect("write the workbook");
    if with_file {
        std::fs::create_dir_all(dir.join("bukti")).unwrap();
        std::fs::write(dir.join("bukti/laporan-monev.pdf"), b"%PDF-1.4 uji").unwrap();
    }
    path
}

fn score(path: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["score", path.to_str().unwrap(), "--criteria", CRITERIA];
    args.extend_from_slice(extra);
    zona(&args)
}

fn text(path: &Path, extra: &[&str]) -> String {
    let o = score(path, extra);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

fn json(path: &Path, extra: &[&str]) -> Value {
    let mut a = extra.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&text(path, &a)).expect("json")
}

fn item<'v>(j: &'v Value, key: &str) -> &'v Value {
    j["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("item {key}"))
}

fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-9)
}

/// The "lengkapi bukti" lines of a text summary: (cell, the rest of the line).
fn action_lines(text: &str, heading: &str) -> Vec<(String, String)> {
    let Some(at) = text.find(heading) else {
        return Vec::new();
    };
    text[at..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  ") && !l.starts_with("  …"))
        .map(|l| {
            // `LKE ZI!P12   -40,00 …`: the cell ends at the first space after its `!`.
            let l = l.trim_start();
            let end = l
                .find('!')
                .map_or(0, |b| b + l[b..].find(' ').unwrap_or(l.len() - b));
            let (cell, rest) = l.split_at(end);
            (cell.to_string(), rest.trim().to_string())
        })
        .collect()
}

#[test]
fn evidence_json_and_text_agree_on_both_totals_and_every_item() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "bukti/capaian.pdf", true);
    let j = json(&path, &[]);
    assert!(close(&j["total"], 85.0), "{}", j["total"]);
    let e = &j["evidence_backed"];
    assert_eq!(e["policy"], "lowest");
    assert!(close(&e["total"], 20.0), "{e}");
    assert!(close(&e["points_at_risk"], 65.0), "{e}");
    assert_eq!(e["items_needing"], 5);
    assert_eq!(e["items_supported"], 2);
    assert_eq!(e["items_lacking"], 3);
    assert!(close(&e["coverage_percent"], 40.0), "{e}");
    assert_eq!(
        e["actions"],
        serde_json::json!(["h.a", "p.a1.s1.b", "p.a1.s2.a"]),
        "most points at risk first"
    );

    // Each item's verdict, its entries and its points.
    let want = [
        ("p.a1.s1.a", "supported", &["link"][..], 15.0, 15.0),
        ("p.a1.s1.b", "unsupported", &["description"], 15.0, 0.0),
        ("p.a1.s2.a", "missing", &[], 10.0, 0.0),
        ("p.a1.s2.b", "supported", &["file_found"], 5.0, 5.0),
        ("p.a1.s2.c", "not_needed", &[], 0.0, 0.0),
        (
            "h.a",
            "unsupported",
            &["file_missing", "bad_link"],
            40.0,
            0.0,
        ),
    ];
    for (key, status, entries, claimed, backed) in want {
        let ev = &item(&j, key)["evidence"];
        assert_eq!(ev["status"], status, "{key}: {ev}");
        let got: Vec<&str> = ev["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["status"].as_str().unwrap())
            .collect();
        assert_eq!(got, entries, "{key}");
        assert!(close(&ev["claimed_points"], claimed), "{key}: {ev}");
        assert!(close(&ev["backed_points"], backed), "{key}: {ev}");
        assert!(
            close(&ev["points_at_risk"], claimed - backed),
            "{key}: {ev}"
        );
    }
    // A link is given only for the http(s) entry; the `javascript:` one is text only.
    let link = &item(&j, "p.a1.s1.a")["evidence"]["entries"][0];
    assert_eq!(link["link"], "https://contoh.example/bukti/sk-tim.pdf");
    let bad = &item(&j, "h.a")["evidence"]["entries"][1];
    assert_eq!(bad["kind"], "bad_link");
    assert_eq!(bad["text"], "javascript:alert(1)");
    assert!(bad["link"].is_null(), "{bad}");
    // The checks' notes are with their item, with their cells.
    let notes = &item(&j, "h.a")["evidence"]["diagnostics"];
    let codes: Vec<&str> = notes
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "evidence_unsupported",
            "evidence_file_missing",
            "evidence_bad_link"
        ]
    );
    let entries = &item(&j, "h.a")["evidence"]["entries"];
    assert_eq!(notes[1]["cell"], entries[0]["cell"]);
    assert_eq!(notes[2]["cell"], entries[1]["cell"]);
    assert_ne!(
        entries[0]["cell"], entries[1]["cell"],
        "the list and the link columns"
    );
    assert_eq!(notes[1]["severity"], "warning");
    let missing = &item(&j, "p.a1.s2.a")["evidence"];
    assert_eq!(missing["diagnostics"][0]["code"], "evidence_missing");
    assert_eq!(missing["diagnostics"][0]["cell"], missing["cell"]);
    // The evidence-backed predicates and the conditions lost.
    assert_eq!(
        e["predicates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["status"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["not_met", "not_met"]
    );
    let lost: Vec<(String, String, f64, f64)> = e["lost_conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["predicate"].as_str().unwrap().to_string(),
                l["kind"].as_str().unwrap().to_string(),
                l["claimed_value"].as_f64().unwrap(),
                l["backed_value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lost,
        [
            ("wbk".into(), "total".into(), 85.0, 20.0),
            ("wbk".into(), "node".into(), 45.0, 20.0),
            ("wbbm".into(), "total".into(), 85.0, 20.0),
        ]
    );

    // The text says the same, in either language.
    for lang in [Lang::Id, Lang::En] {
        let code = if lang == Lang::Id { "id" } else { "en" };
        let t = text(&path, &["--lang", code]);
        let (claimed, backed) = (
            fmt2(j["total"].as_f64().unwrap(), lang),
            fmt2(e["total"].as_f64().unwrap(), lang),
        );
        let totals = match lang {
            Lang::Id => format!(
                "Nilai diklaim {claimed} · nilai didukung bukti {backed} (kebijakan: jawaban terendah)"
            ),
            Lang::En => {
                format!("Claimed score {claimed} · evidence-backed score {backed} (policy: lowest answer)")
            }
        };
        assert!(t.contains(&totals), "{t}");
        let lacking = match lang {
            Lang::Id => "Item tanpa bukti yang dapat diterima: 3 dari 5 item yang perlu bukti · cakupan bukti 40,00% · 65,00 poin berisiko",
            Lang::En => "Items without acceptable evidence: 3 of 5 that need evidence · evidence coverage 40.00% · 65.00 points at risk",
        };
        assert!(t.contains(lacking), "{t}");
        let heading = lang.pick("LENGKAPI BUKTI (3", "COMPLETE THE EVIDENCE (3");
        let lines = action_lines(&t, heading);
        let keys: Vec<&str> = e["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(lines.len(), keys.len(), "{t}");
        for ((cell, rest), key) in lines.iter().zip(&keys) {
            let ev = &item(&j, key)["evidence"];
            assert_eq!(Some(cell.as_str()), ev["cell"].as_str(), "{key}: {t}");
            let at_risk = fmt2(-ev["points_at_risk"].as_f64().unwrap(), lang);
            assert!(rest.starts_with(&at_risk), "{key}: {rest}");
            let status = match (ev["status"].as_str().unwrap(), lang) {
                ("missing", Lang::Id) => "tanpa data dukung",
                ("missing", Lang::En) => "no evidence",
                (_, Lang::Id) => "bukti tak dapat dibuka",
                (_, Lang::En) => "evidence not openable",
            };
            assert!(rest.contains(status), "{key}: {rest}");
        }
        assert!(lines[0].1.contains("A → C"), "{}", lines[0].1);
        let lost = lang.pick(
            "Syarat yang tidak terpenuhi bila bukti tidak dilengkapi (3)",
            "Conditions lost unless the evidence is completed (3)",
        );
        assert!(t.contains(lost), "{t}");
    }
}

#[test]
fn the_evidence_policy_changes_the_backed_total_as_computed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "bukti/capaian.pdf", true);
    // (policy, backed total, points at risk, conditions lost, WBK status, h.a's backed answer)
    for (policy, total, at_risk, lost, wbk, h) in [
        ("lowest", 20.0, 65.0, 3, "not_met", "C"),
        ("one-step", 47.5, 37.5, 1, "met", "B"),
    ] {
        let j = json(&path, &["--evidence-policy", policy]);
        let e = &j["evidence_backed"];
        assert_eq!(e["policy"], policy);
        assert!(close(&e["total"], total), "{policy}: {e}");
        assert!(close(&e["points_at_risk"], at_risk), "{policy}: {e}");
        assert!(
            close(&e["points_at_risk"], 85.0 - total),
            "claimed − backed"
        );
        assert_eq!(
            e["lost_conditions"].as_array().unwrap().len(),
            lost,
            "{policy}"
        );
        assert_eq!(e["predicates"][0]["status"], wbk, "{policy}");
        assert_eq!(item(&j, "h.a")["evidence"]["backed_answer"], h, "{policy}");
        // The claimed score is the same under every policy.
        assert!(close(&j["total"], 85.0));
        let t = text(&path, &["--evidence-policy", policy]);
        assert!(
            t.contains(&format!("nilai didukung bukti {}", fmt2(total, Lang::Id))),
            "{t}"
        );
    }
    let j = json(&path, &["--evidence-policy", "none"]);
    let e = &j["evidence_backed"];
    assert_eq!(e["policy"], "none");
    for k in ["total", "points_at_risk", "predicates"] {
        assert!(e[k].is_null(), "{k}: {e}");
    }
    assert_eq!(e["lost_conditions"], serde_json::json!([]));
    // Report only: the verdicts and the coverage are still there.
    assert_eq!(e["items_lacking"], 3);
    assert!(close(&e["coverage_percent"], 40.0));
    assert!(item(&j, "h.a")["evidence"]["points_at_risk"].is_null());
    assert_eq!(item(&j, "h.a")["evidence"]["status"], "unsupported");
    let t = text(&path, &["--evidence-policy", "none", "--lang", "en"]);
    assert!(
        t.contains(
            "Claimed score 85.00 · evidence-backed score not computed (policy: report only, no evidence-backed total)"
        ),
        "{t}"
    );
    assert_eq!(
        action_lines(&t, "COMPLETE THE EVIDENCE (3)").len(),
        3,
        "{t}"
    );
}

#[test]
fn evidence_files_are_looked_for_in_the_evidence_dir_then_beside_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "bukti/capaian.pdf", false);
    // Nothing beside the workbook: p.a1.s2.b's file is missing, and B → C costs s2 its 5 points.
    let j = json(&path, &[]);
    let s2b = &item(&j, "p.a1.s2.b")["evidence"];
    assert_eq!(s2b["status"], "unsupported");
    assert_eq!(s2b["entries"][0]["status"], "file_missing");
    assert!(close(&j["evidence_backed"]["total"], 15.0));

    // Both files in an evidence folder elsewhere: found there.
    let other = tempfile::tempdir().unwrap();
    std::fs::create_dir(other.path().join("bukti")).unwrap();
    for f in ["laporan-monev.pdf", "capaian.pdf"] {
        std::fs::write(other.path().join("bukti").join(f), b"%PDF").unwrap();
    }
    let folder = other.path().to_str().unwrap();
    let j = json(&path, &["--evidence-dir", folder]);
    assert_eq!(item(&j, "p.a1.s2.b")["evidence"]["status"], "supported");
    assert_eq!(item(&j, "h.a")["evidence"]["status"], "supported");
    // s1.b → C and s2.a → Tidak: 85 − 15 − 10.
    assert!(
        close(&j["evidence_backed"]["total"], 60.0),
        "{}",
        j["evidence_backed"]
    );

    // An evidence folder that does not exist, or is a file: exit 2, named, in either language.
    let gone = dir.path().join("tidak-ada");
    let gone = gone.to_str().unwrap();
    for (lang, words) in [("id", "folder tidak ditemukan"), ("en", "folder not found")] {
        let o = score(&path, &["--evidence-dir", gone, "--lang", lang]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(gone) && err.contains(words), "{err}");
        assert!(stdout(&o).is_empty());
    }
    let o = score(&path, &["--evidence-dir", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bukan folder"), "{}", stderr(&o));
}

#[test]
fn an_unknown_evidence_policy_is_exit_2_with_the_policies_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "bukti/capaian.pdf", true);
    for (lang, words) in [
        ("id", "bukan kebijakan bukti yang dikenal"),
        ("en", "is not a known evidence policy"),
    ] {
        let o = score(&path, &["--evidence-policy", "bogus", "--lang", lang]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("--evidence-policy bogus"), "{err}");
        assert!(err.contains(words), "{err}");
        assert!(err.contains("lowest, one-step, none"), "{err}");
        assert!(stdout(&o).is_empty(), "nothing scored");
    }
}

/// The official example has 27 items without evidence: the text lists ten, then how many more;
/// `--all` lists every one, in the JSON's order.
#[test]
fn the_text_lists_ten_evidence_actions_and_all_with_all() {
    let example = crate::util::example_workbook();
    let ex = example.to_str().unwrap();
    let j: Value =
        serde_json::from_str(&stdout(&zona(&["score", ex, "--format", "json"]))).unwrap();
    let actions: Vec<&str> = j["evidence_backed"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(actions.len() > 10, "{}", actions.len());
    let heading = format!("LENGKAPI BUKTI ({}", actions.len());
    let short = stdout(&zona(&["score", ex]));
    assert_eq!(action_lines(&short, &heading).len(), 10, "{short}");
    assert!(
        short.contains(&format!(
            "… dan {} lainnya (semua: --all)",
            actions.len() - 10
        )),
        "{short}"
    );
    let all = stdout(&zona(&["score", ex, "--all"]));
    let lines = action_lines(&all, &heading);
    let cells: Vec<String> = lines.into_iter().map(|(c, _)| c).collect();
    let want: Vec<String> = actions
        .iter()
        .map(|k| {
            item(&j, k)["evidence"]["cell"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(cells, want);
}

/// An upload sits alone in a temporary folder, which is never searched: a workbook whose evidence
/// names its own file (which is there) shows the entry "not checked", never "found", and the
/// evidence-backed total counts it as lacking. The CLI, beside the same file, finds it.
#[test]
fn an_upload_never_finds_evidence_files_in_its_temporary_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), WORKBOOK, true);
    let cli = json(&path, &[]);
    let h = &item(&cli, "h.a")["evidence"];
    assert_eq!(h["entries"][0]["status"], "file_found", "{h}");
    assert!(
        close(&cli["evidence_backed"]["total"], 60.0),
        "CLI: only s1.b and s2.a lack"
    );

    let set = zona_eval::CriteriaSet::load(Some(&root().join(CRITERIA))).expect("criteria");
    let server = crate::serve::start_app(zona_serve::App::new(
        set,
        zona_serve::ServeOptions::default(),
    ));
    let data = std::fs::read(&path).unwrap();
    for (lang, not_checked) in [("id", "berkas tidak diperiksa"), ("en", "file not checked")] {
        let r = crate::serve::upload(&server, WORKBOOK, &data, &[("lang", lang)]);
        assert_eq!(r.status, 200, "{}", r.text());
        let page = r.text();
        assert!(page.contains("data-status=\"file_not_checked\""), "{page}");
        assert!(
            page.contains(&format!("{WORKBOOK} ({not_checked})")),
            "{page}"
        );
        assert!(
            !page.contains("file_found"),
            "nothing is found in an upload"
        );
        let l = if lang == "id" { Lang::Id } else { Lang::En };
        // h.a and p.a1.s2.b lack too: 85 − 15 − 10 − 5 − 40.
        let by_id = |id| crate::serve::by_id(&page, id);
        assert_eq!(by_id("evidence-claimed"), Some(fmt2(85.0, l)));
        assert_eq!(by_id("evidence-backed"), Some(fmt2(15.0, l)));
        assert_eq!(by_id("evidence-lacking").as_deref(), Some("4"));
        assert_eq!(by_id("evidence-coverage"), Some(fmt2(20.0, l)));
        assert_eq!(by_id("evidence-at-risk"), Some(fmt2(70.0, l)));
        assert!(
            page.contains("data-item=\"h.a\" data-evidence=\"unsupported\""),
            "{page}"
        );
        assert_eq!(page.matches("data-predicate-lost=").count(), 3, "{page}");
        // The `javascript:` entry is shown as text, never as a link.
        assert!(!page.contains("href=\"javascript:"), "{page}");
    }
    // The form's policy is the CLI's flag.
    let r = crate::serve::upload(&server, WORKBOOK, &data, &[("evidence_policy", "one-step")]);
    assert_eq!(r.status, 200, "{}", r.text());
    // s1.b → B, s2.a → Tidak, s2.b → C, h.a → B: 22,5 + 0 + 20.
    assert_eq!(
        crate::serve::by_id(&r.text(), "evidence-backed"),
        Some(fmt2(42.5, Lang::Id))
    );
    let r = crate::serve::upload(&server, WORKBOOK, &data, &[("evidence_policy", "bogus")]);
    assert_eq!(r.status, 400, "{}", r.text());
}
