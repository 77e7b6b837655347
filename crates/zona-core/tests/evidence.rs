//! The evidence review on a small criteria file, every number computed by hand
//! (tests/data/evidence.toml: sub-area "tim" weighs 4 over two items, "monev" 6 over two, IPAK 10).

mod common;

use common::*;
use zona_core::answer::Location;
use zona_core::answers::evidence::{entries_of, PathForm};
use zona_core::evidence::{
    review, EvidenceFiles, EvidencePolicy, EvidenceReview, ItemEvidenceStatus, NoFiles, PathCheck,
};
use zona_core::{score, AnswerSet, Criteria, Lang, ScoreOptions, Severity};

fn criteria() -> Criteria {
    zona_core::load_str(include_str!("data/evidence.toml"), "evidence.toml").expect("loads")
}

fn at(cell: &str) -> Location {
    Location {
        file: Some("unit.xlsx".into()),
        sheet: Some("LKE ZI".into()),
        cell: Some(cell.to_string()),
    }
}

fn with_evidence(set: &mut AnswerSet, c: &Criteria, key: &str, cell: &str, text: &str) {
    let id = c.item_by_key(key).unwrap();
    let a = set.items[id.0].as_mut().expect("answered first");
    a.evidence.extend(entries_of(text, &at(cell)));
    a.evidence_at = Some(at(cell));
}

/// Claimed: tim.a Ya (2), tim.b A (2), monev.a B (0.67 × 3 = 2.01), monev.b D (0), IPAK 3.6
/// (9): 15.01, pengungkit 6.01: Menuju WBK met on both conditions.
fn unit(c: &Criteria) -> AnswerSet {
    let mut set = AnswerSet::empty(c);
    set.unit.year = Some(2025);
    answer(&mut set, c, "tim.a", text("Ya"));
    answer(&mut set, c, "tim.b", text("A"));
    answer(&mut set, c, "monev.a", text("B"));
    answer(&mut set, c, "monev.b", text("D"));
    answer(&mut set, c, "ipak", num(3.6));
    with_evidence(
        &mut set,
        c,
        "tim.a",
        "P10",
        "https://drive.google.com/file/d/abc123",
    );
    with_evidence(
        &mut set,
        c,
        "monev.a",
        "P12",
        "Laporan monev 2024\njavascript:alert(1)",
    );
    with_evidence(
        &mut set,
        c,
        "monev.b",
        "P13",
        "https://drive.google.com/file/d/abc123/",
    );
    set
}

fn reviewed(policy: EvidencePolicy, files: &dyn EvidenceFiles) -> (Criteria, EvidenceReview, f64) {
    let c = criteria();
    let set = unit(&c);
    let options = ScoreOptions::default();
    let claimed = score(&c, &set, &options);
    let r = review(&c, &set, &claimed, &options, policy, files);
    (c, r, claimed.total)
}

fn status(c: &Criteria, r: &EvidenceReview, key: &str) -> ItemEvidenceStatus {
    r.items[c.item_by_key(key).unwrap().0].status
}

fn risk(c: &Criteria, r: &EvidenceReview, key: &str) -> f64 {
    r.items[c.item_by_key(key).unwrap().0].points_at_risk()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn statuses_and_coverage() {
    let (c, r, claimed) = reviewed(EvidencePolicy::Lowest, &NoFiles);
    assert!(close(claimed, 15.01));
    assert_eq!(status(&c, &r, "tim.a"), ItemEvidenceStatus::Supported);
    assert_eq!(status(&c, &r, "tim.b"), ItemEvidenceStatus::Missing);
    assert_eq!(status(&c, &r, "monev.a"), ItemEvidenceStatus::Unsupported);
    // At its lowest answer already: nothing to support.
    assert_eq!(status(&c, &r, "monev.b"), ItemEvidenceStatus::NotNeeded);
    assert_eq!(status(&c, &r, "ipak"), ItemEvidenceStatus::Missing);
    assert_eq!((r.needing(), r.supported(), r.lacking()), (4, 1, 3));
    assert_eq!(r.coverage_percent(), Some(25.0));
}

#[test]
fn lowest_policy_by_hand() {
    let (c, r, _) = reviewed(EvidencePolicy::Lowest, &NoFiles);
    // tim.b A → D loses 2, monev.a B → D loses 2.01, IPAK → 0 loses 9: 15.01 − 13.01 = 2.
    assert!(close(risk(&c, &r, "tim.b"), 2.0));
    assert!(close(risk(&c, &r, "monev.a"), 2.01));
    assert!(close(risk(&c, &r, "ipak"), 9.0));
    assert!(close(risk(&c, &r, "tim.a"), 0.0));
    assert!(close(r.backed_total().unwrap(), 2.0));
    assert!(close(r.points_at_risk(), 13.01));
    let b = &r.items[c.item_by_key("tim.b").unwrap().0];
    assert_eq!(b.backed_answer.as_deref(), Some("D"));
    // Both WBK conditions (total 15, pengungkit 6) are met as claimed and lost on the evidence.
    let lost: Vec<(usize, usize)> = r.lost.iter().map(|l| (l.predicate, l.condition)).collect();
    assert_eq!(lost, [(0, 0), (0, 1)]);
    assert!(!r.backed.as_ref().unwrap().predicates[0].met());
    // The "lengkapi bukti" actions: most points first.
    let keys: Vec<&str> = r
        .actions()
        .iter()
        .map(|id| c.item(*id).key.as_str())
        .collect();
    assert_eq!(keys, ["ipak", "monev.a", "tim.b"]);
}

#[test]
fn one_step_policy_by_hand() {
    let (c, r, _) = reviewed(EvidencePolicy::OneStep, &NoFiles);
    // tim.b A → B: 0.67 × 2 = 1.34; monev.a B → C: 0.33 × 3 = 0.99; an index has no steps: 0.
    assert!(close(risk(&c, &r, "tim.b"), 2.0 - 1.34));
    assert!(close(risk(&c, &r, "monev.a"), 2.01 - 0.99));
    assert!(close(risk(&c, &r, "ipak"), 9.0));
    assert!(close(r.backed_total().unwrap(), 2.0 + 1.34 + 0.99));
    let b = &r.items[c.item_by_key("monev.a").unwrap().0];
    assert_eq!(b.backed_answer.as_deref(), Some("C"));
}

#[test]
fn none_policy_reports_only() {
    let (c, r, _) = reviewed(EvidencePolicy::None, &NoFiles);
    assert_eq!(r.backed_total(), None);
    assert!(r.lost.is_empty());
    assert!(close(r.points_at_risk(), 0.0));
    assert_eq!(status(&c, &r, "tim.b"), ItemEvidenceStatus::Missing);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code() == "evidence_missing")
        .unwrap();
    assert!(
        !d.message(Lang::Id).contains("poin berisiko"),
        "{}",
        d.message(Lang::Id)
    );
}

/// Each check: its code, severity, cell and message.
#[test]
fn every_check_with_its_cell() {
    let (_, r, _) = reviewed(EvidencePolicy::Lowest, &NoFiles);
    let found: Vec<(&str, Severity, String, Option<&str>)> = r
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code(),
                d.severity,
                d.location
                    .as_ref()
                    .map(zona_core::Location::sheet_cell)
                    .unwrap_or_default(),
                d.item.as_deref(),
            )
        })
        .collect();
    let expect = |code: &str, sev: Severity, cell: &str, item: &str| {
        assert!(
            found.contains(&(code, sev, cell.to_string(), Some(item))),
            "{code} at {cell} for {item} in {found:?}"
        );
    };
    expect(
        "evidence_document_not_mentioned",
        Severity::Info,
        "LKE ZI!P10",
        "tim.a",
    );
    expect("evidence_missing", Severity::Warning, "LKE ZI!K11", "tim.b");
    expect(
        "evidence_unsupported",
        Severity::Warning,
        "LKE ZI!P12",
        "monev.a",
    );
    expect(
        "evidence_bad_link",
        Severity::Warning,
        "LKE ZI!P12",
        "monev.a",
    );
    expect(
        "evidence_outside_period",
        Severity::Warning,
        "LKE ZI!P12",
        "monev.a",
    );
    expect(
        "evidence_reused",
        Severity::Warning,
        "LKE ZI!P13",
        "monev.b",
    );
    expect("evidence_missing", Severity::Warning, "LKE ZI!K14", "ipak");
    let msg = |code: &str, lang: Lang| {
        r.diagnostics
            .iter()
            .find(|d| d.code() == code)
            .unwrap()
            .message(lang)
    };
    assert_eq!(
        msg("evidence_missing", Lang::Id),
        "dijawab \"A\" tanpa data dukung; tanpa bukti evaluator tidak dapat mengakui jawaban ini (2 poin berisiko)"
    );
    assert_eq!(
        msg("evidence_bad_link", Lang::En),
        "\"javascript:alert(1)\" is not a valid http(s) link (javascript: scheme); it is not made clickable"
    );
    assert_eq!(
        msg("evidence_outside_period", Lang::Id),
        "\"Laporan monev 2024\" menyebut tahun 2024, di luar periode bukti (tahun berjalan) untuk penilaian tahun 2025"
    );
    assert_eq!(
        msg("evidence_reused", Lang::Id),
        "\"https://drive.google.com/file/d/abc123/\" juga dipakai sebagai bukti item tim.a di sub-area lain"
    );
    assert_eq!(
        msg("evidence_document_not_mentioned", Lang::En),
        "the expected document \"SK Tim\" is not mentioned in the evidence"
    );
}

/// Files: found ones support the item, missing ones do not, and a path is never found without a
/// folder to look in.
#[test]
fn files_found_missing_and_not_checked() {
    struct Known;
    impl EvidenceFiles for Known {
        fn check(&self, path: &str, _form: PathForm) -> PathCheck {
            if path == "bukti/laporan-monev-2025.pdf" {
                PathCheck::Found("/data/bukti/laporan-monev-2025.pdf".into())
            } else {
                PathCheck::NotFound
            }
        }
    }
    let c = criteria();
    let mut set = unit(&c);
    with_evidence(&mut set, &c, "tim.b", "P11", "bukti/hilang.pdf");
    with_evidence(
        &mut set,
        &c,
        "monev.a",
        "P12",
        "bukti/laporan-monev-2025.pdf",
    );
    let options = ScoreOptions::default();
    let claimed = score(&c, &set, &options);
    let r = review(&c, &set, &claimed, &options, EvidencePolicy::Lowest, &Known);
    assert_eq!(status(&c, &r, "tim.b"), ItemEvidenceStatus::Unsupported);
    assert_eq!(status(&c, &r, "monev.a"), ItemEvidenceStatus::Supported);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code() == "evidence_file_missing" && d.item.as_deref() == Some("tim.b")));
    // IPAK alone lacks evidence now: 15.01 − 2 (tim.b) − 9 = 4.01.
    assert!(close(r.backed_total().unwrap(), 4.01));
    let r = review(
        &c,
        &set,
        &claimed,
        &options,
        EvidencePolicy::Lowest,
        &NoFiles,
    );
    assert_eq!(status(&c, &r, "monev.a"), ItemEvidenceStatus::Unsupported);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code() == "evidence_file_not_checked" && d.severity == Severity::Info));
}

#[test]
fn criteria_problems_name_their_line() {
    let bad =
        include_str!("data/evidence.toml").replace("period = \"in-force\"", "period = \"kemarin\"");
    let err = zona_core::load_str(&bad, "evidence.toml").unwrap_err();
    let text = err.message(Lang::En);
    assert!(text.contains("unknown evidence period `kemarin`"), "{text}");
    assert!(text.contains("evidence.toml:61:90"), "{text}");
}
