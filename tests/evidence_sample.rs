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
