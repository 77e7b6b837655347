//! The evidence sample (`samples/bukti/`): a tax office whose Link Data Dukung cells name files in
//! `data-dukung/` beside the workbook, with the gaps a desk evaluation finds. Read through the one
//! pipeline, every gap gets its status and the evidence-backed score falls below Menuju WBK.

use std::path::{Path, PathBuf};

use zona_core::evidence::{EntryStatus, EvidencePolicy, ItemEvidenceStatus};
use zona_core::Evaluation;
use zona_eval::{evaluate, CriteriaSet, EvalOptions, EvidenceLookup, Pipeline};

pub const SAMPLE: &str = "samples/bukti/lke-contoh-kpp-pratama-mandiri-2025.xlsx";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn with<T>(options: EvalOptions, f: impl FnOnce(&Evaluation) -> T) -> T {
    let set = CriteriaSet::builtin();
    let pipeline = Pipeline::new(&set);
    let e = evaluate(&root().join(SAMPLE), &pipeline, &options).expect("the sample evaluates");
    f(&e)
}

fn status(e: &Evaluation, key: &str) -> ItemEvidenceStatus {
    let id = e.criteria.item_by_key(key).unwrap();
    e.shown().evidence.items[id.0].status
}

#[test]
fn every_gap_has_its_status() {
    with(EvalOptions::default(), |e| {
        let r = &e.shown().evidence;
        for key in [
            "pemenuhan.mp.rencana_pembangunan.b",
            "pemenuhan.tt.sop.c",
            "pemenuhan.sdm.pengembangan_kompetensi.d",
            "pemenuhan.pw.wbs.a",
            "reform.pp.inovasi_pelayanan.a",
            "hasil.prima.ipkp",
        ] {
            assert_eq!(status(e, key), ItemEvidenceStatus::Missing, "{key}");
        }
        for key in [
            "pemenuhan.ak.keterlibatan_pimpinan.b",
            "reform.tt.proses_bisnis.a",
            "pemenuhan.tt.spbe.a",
            "pemenuhan.tt.keterbukaan_informasi.a",
            "pemenuhan.pp.standar_pelayanan.a",
            "reform.ak.kerangka_logis.a",
            "pemenuhan.pw.spip.b",
            "reform.sdm.assessment_pegawai.a",
        ] {
            assert_eq!(status(e, key), ItemEvidenceStatus::Unsupported, "{key}");
        }
        assert_eq!(
            status(e, "pemenuhan.mp.tim_kerja.a"),
            ItemEvidenceStatus::Supported
        );
        // The files found are the ones beside the workbook.
        let id = e.criteria.item_by_key("pemenuhan.mp.tim_kerja.a").unwrap();
        let found = r.items[id.0]
            .entries
            .iter()
            .find_map(|x| match &x.status {
                EntryStatus::FileFound(p) => Some(p.clone()),
                _ => None,
            })
            .expect("the SK Tim file is found");
        assert!(Path::new(&found).is_file(), "{found}");
        let codes = |code: &str| r.diagnostics.iter().filter(|d| d.code() == code).count();
        assert_eq!(codes("evidence_missing"), 6);
        assert_eq!(codes("evidence_bad_link"), 4);
        assert_eq!(codes("evidence_file_missing"), 2);
        assert_eq!(codes("evidence_reused"), 1);
        let reused = r
            .diagnostics
            .iter()
            .find(|d| d.code() == "evidence_reused")
            .unwrap();
        assert_eq!(
            reused.item.as_deref(),
            Some("pemenuhan.pp.budaya_pelayanan_prima.a")
        );
        // The Link Data Dukung cell (column Q) of the item's row.
        let cell = reused.location.as_ref().unwrap().sheet_cell();
        assert!(cell.starts_with("LKE ZI!Q"), "{cell}");
        assert_eq!((r.needing(), r.lacking()), (106, 14));
    });
}

#[test]
fn claimed_meets_wbk_and_the_evidence_does_not() {
    with(EvalOptions::default(), |e| {
        let claimed = &e.shown().result;
        let r = &e.shown().evidence;
        let backed = r.backed.as_ref().unwrap();
        assert!(claimed.predicates[0].met(), "claimed {:.2}", claimed.total);
        assert!(!backed.predicates[0].met(), "backed {:.2}", backed.total);
        assert_eq!(format!("{:.2}", claimed.total), "83.74");
        assert_eq!(format!("{:.2}", backed.total), "61.77");
    });
}

#[test]
fn no_folder_no_file_found() {
    let options = EvalOptions {
        evidence: EvidenceLookup::Nowhere,
        evidence_policy: EvidencePolicy::Lowest,
        ..Default::default()
    };
    with(options, |e| {
        assert_eq!(
            status(e, "pemenuhan.mp.tim_kerja.a"),
            ItemEvidenceStatus::Unsupported
        );
    });
}

/// The evidence-backed total by hand: the claimed total minus, for every item lacking evidence,
/// its points less what its lowered answer is worth (value × the item's share of its sub-area;
/// under "unanswered = 0" items do not affect each other).
fn by_hand(e: &Evaluation, policy: EvidencePolicy) -> f64 {
    use zona_core::criteria::ScaleKind;
    use zona_core::AnswerKind;
    let c = e.criteria;
    let claimed = &e.shown().result;
    let r = &e.shown().evidence;
    let mut total = claimed.total;
    for (i, item) in c.items.iter().enumerate() {
        if !r.items[i].status.lacking() {
            continue;
        }
        let s = &claimed.items[i];
        let lowered = match &item.answer {
            AnswerKind::Choice(scale) => {
                let ScaleKind::Choice(options) = &c.scales[*scale].kind else {
                    unreachable!()
                };
                let mut values: Vec<f64> = options.iter().map(|o| o.value).collect();
                values.sort_by(f64::total_cmp);
                let now = s.value.unwrap();
                match policy {
                    EvidencePolicy::OneStep => values
                        .iter()
                        .rev()
                        .copied()
                        .find(|v| *v < now - 1e-9)
                        .unwrap_or(values[0]),
                    _ => values[0],
                }
            }
            _ => 0.0,
        };
        total -= s.points - lowered * s.max_points;
    }
    total
}

#[test]
fn both_policies_equal_a_hand_computation() {
    for policy in [EvidencePolicy::Lowest, EvidencePolicy::OneStep] {
        let options = EvalOptions {
            evidence_policy: policy,
            ..Default::default()
        };
        with(options, |e| {
            let backed = e.shown().evidence.backed_total().unwrap();
            let hand = by_hand(e, policy);
            assert!(
                (backed - hand).abs() < 1e-9,
                "{policy:?}: {backed} vs {hand}"
            );
            if policy == EvidencePolicy::OneStep {
                assert_eq!(format!("{backed:.2}"), "64.85");
            }
        });
    }
}

/// On the sample, the report's Bukti sheet, the JSON and the text say the same of every item's
/// evidence status and of both totals.
#[test]
fn bukti_sheet_json_and_text_agree() {
    use calamine::{open_workbook, Data, Reader, Xlsx};

    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("laporan.xlsx");
    let o = crate::util::zona(&[
        "score",
        SAMPLE,
        "--format",
        "json",
        "--out",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", crate::util::stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // The JSON says where the report went, as compare and batch do.
    assert_eq!(j["out"].as_str(), report.to_str());
    let text = crate::util::stdout(&crate::util::zona(&["score", SAMPLE]));

    // Both totals: JSON 83.74 / 61.77, the text in Indonesian decimals, the Bukti total row.
    let claimed = j["total"].as_f64().unwrap();
    let backed = j["evidence_backed"]["total"].as_f64().unwrap();
    assert_eq!(format!("{claimed:.2}/{backed:.2}"), "83.74/61.77");
    assert!(
        text.contains(
            "Nilai diklaim 83,74 · nilai didukung bukti 61,77 (kebijakan: jawaban terendah)"
        ),
        "{text}"
    );
    let mut wb: Xlsx<_> = open_workbook(&report).unwrap();
    let b = wb.worksheet_range("Bukti").unwrap();
    let cell = |r: u32, c: u32| b.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let num = |r: u32, c: u32| match cell(r, c) {
        Data::Float(f) => Some(f),
        Data::Int(i) => Some(i as f64),
        _ => None,
    };
    let last = b.end().unwrap().0;
    let total_row = (0..=last)
        .rev()
        .find(|r| num(*r, 5).is_some() && cell(*r, 1).to_string().is_empty())
        .expect("a total row");
    assert!((num(total_row, 5).unwrap() - claimed).abs() < 1e-9);
    assert!((num(total_row, 6).unwrap() - backed).abs() < 1e-9);

    // Every item: the sheet's status words match the JSON's status code.
    let words = |code: &str| match code {
        "supported" => "didukung",
        "missing" => "tanpa data dukung",
        "unsupported" => "tidak dapat dibuka",
        _ => "tidak perlu",
    };
    let mut sheet: std::collections::BTreeMap<String, String> = Default::default();
    for r in 0..=last {
        let key = cell(r, 1).to_string();
        if key.contains('.') {
            sheet.insert(key, cell(r, 4).to_string());
        }
    }
    let mut checked = 0;
    let mut lacking = 0;
    for it in j["items"].as_array().unwrap() {
        let key = it["key"].as_str().unwrap();
        let status = it["evidence"]["status"].as_str().unwrap();
        if status == "missing" || status == "unsupported" {
            lacking += 1;
        }
        match sheet.get(key) {
            Some(s) => {
                assert_eq!(s, words(status), "{key}");
                checked += 1;
            }
            // The sheet leaves out items with no entries that need none.
            None => assert_eq!(
                status, "not_needed",
                "{key} is missing from the Bukti sheet"
            ),
        }
    }
    assert_eq!(checked, sheet.len());
    assert!(checked > 100, "{checked} rows on the Bukti sheet");
    assert_eq!(lacking, 14);
    assert!(
        text.contains("Item tanpa bukti yang dapat diterima: 14 dari 106 item yang perlu bukti"),
        "{text}"
    );

    // The Validasi sheet lists every evidence warning of the JSON with its code and cell (22:
    // 6 without data dukung, 8 none an evaluator can open, 4 broken links, 2 files not found,
    // 1 out of period, 1 reused), and counts the 20 info notes in a closing line.
    let mut expected: Vec<(String, String)> = Vec::new();
    let mut infos = 0;
    for it in j["items"].as_array().unwrap() {
        for d in it["evidence"]["diagnostics"].as_array().unwrap() {
            if d["severity"] == "info" {
                infos += 1;
            } else {
                expected.push((
                    d["code"].as_str().unwrap().to_string(),
                    d["cell"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    let v = wb.worksheet_range("Validasi").unwrap();
    let vcell = |r: u32, c: u32| v.get_value((r, c)).map(Data::to_string).unwrap_or_default();
    let mut listed: Vec<(String, String)> = (1..=v.end().unwrap().0)
        .filter(|r| vcell(*r, 2).starts_with("evidence_"))
        .map(|r| {
            assert_eq!(vcell(r, 1), "peringatan", "row {r}");
            (vcell(r, 2), format!("{}!{}", vcell(r, 5), vcell(r, 6)))
        })
        .collect();
    expected.sort();
    listed.sort();
    assert_eq!(listed.len(), 22);
    assert_eq!(listed, expected);
    assert_eq!(infos, 20);
    let closing = (0..=v.end().unwrap().0)
        .map(|r| vcell(r, 3))
        .find(|t| t.starts_with("Ditambah"))
        .expect("a closing line for the info notes");
    assert!(
        closing.contains("20 catatan info pemeriksaan bukti") && closing.contains("lembar Bukti"),
        "{closing}"
    );
}
