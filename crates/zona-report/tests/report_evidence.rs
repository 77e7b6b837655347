//! The evidence in the xlsx report: the Bukti sheet, the evidence lines of Ringkasan and the
//! "Lengkapi bukti" group of Prioritas, read back with calamine and checked against the
//! `EvidenceReview` (and, for one item, against a hand computation from the criteria).
//!
//! The evaluation: the example workbook, with the evidence of some items replaced by known
//! entries (no entry; `javascript:`, `file:`, a UNC path and a description; links with `%26`; a
//! file that exists in the evidence folder and one that does not), the evidence of every
//! Manajemen Perubahan item removed (so that the evidence-backed score loses a predicate
//! condition), reviewed with the evidence folder the report is written into.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use zona_core::answers::evidence::{classify, Evidence};
use zona_core::criteria::{ExpectedDocument, ExpectedEvidence, PeriodRule, ScaleKind};
use zona_core::evidence::{review, EvidencePolicy, EvidenceReview, ItemEvidenceStatus};
use zona_core::{
    default_criteria, score, AnswerKind, AnswerSet, Criteria, ItemId, Lang, Location, ScoreOptions,
    ScoreResult,
};
use zona_read::evidence_files::EvidenceFolders;
use zona_read::{read_answers, SourceInfo};
use zona_report::report::{report_bytes, write_report, ReportInput, ReportOptions};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/lke-zi-workbook-example.xlsx")
}

const MISSING: &str = "pemenuhan.tt.sop.a";
const BAD: &str = "pemenuhan.tt.sop.b";
const ESCAPED_FORMULA: &str = "pemenuhan.tt.sop.c";
const ESCAPED_LINK: &str = "pemenuhan.tt.spbe.a";
const FILE_FOUND: &str = "pemenuhan.tt.spbe.b";
const FILE_MISSING: &str = "pemenuhan.tt.spbe.c";
const PLAIN_LINK: &str = "pemenuhan.tt.spbe.d";
/// Another sub-area, the link of PLAIN_LINK.
const REUSED: &str = "pemenuhan.tt.keterbukaan_informasi.a";

const BAD_ENTRIES: [&str; 4] = [
    "javascript:alert(1)",
    "file:///C:/rahasia/sk.pdf",
    r"\\server\share\sk.pdf",
    "Notulen rapat tim",
];
/// `%26` and no escape rust_xlsxwriter recognises: no hyperlink carries it unchanged, so it is
/// written as text (never as a formula).
const LINK_26: &str = "https://drive.example/a?x=1%26y=2";
/// `%26` beside `%20`: a hyperlink, passed on as given.
const LINK_20_26: &str = "https://drive.example/berkas%20satu.pdf?x=1%26y=2";
const LINK_PLAIN: &str = "http://contoh.example/bukti/spbe.pdf";
const FILE: &str = "bukti/SK Tim 2025.pdf";

struct Case {
    c: Criteria,
    a: AnswerSet,
    src: SourceInfo,
    opts: ScoreOptions,
    r: ScoreResult,
    ev: EvidenceReview,
}

impl Case {
    /// The evaluation, its evidence folder `dir` (where `bukti/SK Tim 2025.pdf` exists).
    fn new(dir: &Path, policy: EvidencePolicy) -> Case {
        let mut c = default_criteria();
        let found = c.item_by_key(FILE_FOUND).unwrap();
        c.items[found.0].evidence = Some(ExpectedEvidence {
            documents: vec![
                ExpectedDocument {
                    name: "SK Tim".into(),
                    name_en: Some("Team decree".into()),
                    also: vec![],
                },
                ExpectedDocument {
                    name: "Notulen".into(),
                    name_en: None,
                    also: vec!["risalah rapat".into()],
                },
            ],
            // Last year's document, for an assessment of 2025: "2025" is outside.
            period: Some(PeriodRule::PreviousYear),
        });
        let (mut a, src) = read_answers(&example(), &c).expect("the example workbook reads");
        let set = |a: &mut AnswerSet, key: &str, entries: &[&str]| {
            let id = c.item_by_key(key).unwrap();
            let answer = a.items[id.0].as_mut().expect("answered in the example");
            answer.evidence = entries
                .iter()
                .map(|t| Evidence {
                    text: t.to_string(),
                    kind: classify(t),
                    location: Location::default(),
                })
                .collect();
        };
        for (i, item) in c.items.iter().enumerate() {
            if item.key.starts_with("pemenuhan.mp.") || item.key.starts_with("reform.mp.") {
                if let Some(ans) = a.items[i].as_mut() {
                    ans.evidence.clear();
                }
            }
        }
        set(&mut a, MISSING, &[]);
        set(&mut a, BAD, &BAD_ENTRIES);
        set(&mut a, ESCAPED_FORMULA, &[LINK_26]);
        set(&mut a, ESCAPED_LINK, &["SOP 2025", LINK_20_26]);
        set(&mut a, FILE_FOUND, &[FILE]);
        set(&mut a, FILE_MISSING, &["bukti/tidak-ada.pdf"]);
        set(&mut a, PLAIN_LINK, &[LINK_PLAIN]);
        set(&mut a, REUSED, &[LINK_PLAIN]);
        a.unit.year = Some(2025);
        std::fs::create_dir_all(dir.join("bukti")).unwrap();
        std::fs::write(dir.join(FILE), b"%PDF-1.4 sk tim").unwrap();
        let opts = ScoreOptions::default();
        let r = score(&c, &a, &opts);
        let files = EvidenceFolders::new(vec![dir.to_path_buf()]);
        let ev = review(&c, &a, &r, &opts, policy, &files);
        Case {
            c,
            a,
            src,
            opts,
            r,
            ev,
        }
    }

    fn input(&self, lang: Lang) -> ReportInput<'_> {
        ReportInput {
            criteria: &self.c,
            answers: &self.a,
            result: &self.r,
            source: &self.src,
            options: &self.opts,
            lang,
            layers: &[],
            keeping: None,
            evidence: Some(&self.ev),
        }
    }

    fn id(&self, key: &str) -> ItemId {
        self.c.item_by_key(key).unwrap()
    }

    fn write(&self, lang: Lang, path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
        write_report(path, &self.input(lang), &ReportOptions { force: true })
            .unwrap_or_else(|e| panic!("report written: {}", e.message(Lang::En)));
        open_workbook(path).expect("the report opens with calamine")
    }
}

fn num(r: &Range<Data>, row: u32, col: u32) -> Option<f64> {
    match r.get_value((row, col)) {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        _ => None,
    }
}

fn txt(r: &Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn end(r: &Range<Data>) -> u32 {
    r.end().map_or(0, |e| e.0)
}

fn find_row(r: &Range<Data>, from: u32, col: u32, text: &str) -> u32 {
    (from..=end(r))
        .find(|row| txt(r, *row, col) == text)
        .unwrap_or_else(|| panic!("no row with {text:?} in column {col}"))
}

#[track_caller]
fn same(r: &Range<Data>, row: u32, col: u32, want: f64) {
    let got = num(r, row, col);
    assert!(
        got.is_some_and(|g| g == want),
        "cell ({row}, {col}): {got:?}, expected {want}"
    );
}

/// Bukti columns.
const KEY: u32 = 1;
const STATUS: u32 = 4;
const CLAIMED: u32 = 5;
const BACKED: u32 = 6;
const AT_RISK: u32 = 7;
const DOCS: u32 = 8;
const ENTRY: u32 = 9;
const ENTRY_STATUS: u32 = 11;

/// The items in LKE order: the tree in preorder, each node's items.
fn lke_order(c: &Criteria) -> Vec<ItemId> {
    c.nodes_preorder()
        .into_iter()
        .flat_map(|n| c.node(n).items.iter().copied())
        .collect()
}

fn status_words(s: ItemEvidenceStatus) -> &'static str {
    match s {
        ItemEvidenceStatus::Supported => "didukung",
        ItemEvidenceStatus::Missing => "tanpa data dukung",
        ItemEvidenceStatus::Unsupported => "tidak dapat dibuka",
        ItemEvidenceStatus::NotNeeded => "tidak perlu",
    }
}

/// Rows of the Bukti sheet by item key (the first row of each item).
fn item_rows(b: &Range<Data>) -> Vec<(String, u32)> {
    (4..=end(b))
        .filter(|r| txt(b, *r, KEY).contains('.'))
        .map(|r| (txt(b, r, KEY), r))
        .collect()
}

#[test]
fn bukti_rows_match_the_review_item_by_item() {
    let dir = tempfile::tempdir().unwrap();
    let case = Case::new(dir.path(), EvidencePolicy::Lowest);
    let ev = &case.ev;
    let mut wb = case.write(Lang::Id, &dir.path().join("laporan.xlsx"));
    let b = wb.worksheet_range("Bukti").expect("the Bukti sheet");
    assert_eq!(txt(&b, 3, 4), "Status bukti");
    assert_eq!(txt(&b, 3, 7), "Poin berisiko");

    // One row group per item with entries or needing evidence, in LKE order.
    let rows = item_rows(&b);
    let want: Vec<String> = lke_order(&case.c)
        .into_iter()
        .filter(|id| {
            let it = &ev.items[id.0];
            !it.entries.is_empty() || it.status != ItemEvidenceStatus::NotNeeded
        })
        .map(|id| case.c.item(id).key.clone())
        .collect();
    let got: Vec<String> = rows.iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(got, want);
    for (key, row) in &rows {
        let id = case.id(key);
        let it = &ev.items[id.0];
        assert_eq!(txt(&b, *row, STATUS), status_words(it.status), "{key}");
        same(&b, *row, CLAIMED, it.claimed_points);
        same(&b, *row, BACKED, it.backed_points);
        same(&b, *row, AT_RISK, it.points_at_risk());
        // Every entry on a row of its own, in order.
        for (k, e) in it.entries.iter().enumerate() {
            assert_eq!(txt(&b, row + k as u32, ENTRY), e.evidence.text, "{key}");
        }
    }

    // The crafted items.
    let row = |key: &str| rows.iter().find(|(k, _)| k == key).unwrap().1;
    assert_eq!(txt(&b, row(MISSING), STATUS), "tanpa data dukung");
    assert_eq!(txt(&b, row(BAD), STATUS), "tidak dapat dibuka");
    assert_eq!(txt(&b, row(FILE_MISSING), STATUS), "tidak dapat dibuka");
    for key in [ESCAPED_FORMULA, ESCAPED_LINK, FILE_FOUND, PLAIN_LINK] {
        assert_eq!(txt(&b, row(key), STATUS), "didukung", "{key}");
        same(&b, row(key), AT_RISK, 0.0);
    }
    let bad: Vec<String> = (0..4)
        .map(|k| txt(&b, row(BAD) + k, ENTRY_STATUS))
        .collect();
    assert_eq!(
        bad,
        [
            "tautan tidak sah: skema javascript",
            "tautan tidak sah: skema file",
            "folder jaringan: tidak dapat dibuka penilai",
            "uraian saja",
        ]
    );
    assert_eq!(
        txt(&b, row(FILE_FOUND), ENTRY_STATUS),
        "berkas ada; tahun 2025 di luar periode bukti"
    );
    assert_eq!(
        txt(&b, row(PLAIN_LINK), ENTRY_STATUS),
        "tautan sah (tidak dibuka)"
    );
    assert_eq!(
        txt(&b, row(REUSED), ENTRY_STATUS),
        format!("tautan sah (tidak dibuka); juga bukti {PLAIN_LINK} (sub-area lain)")
    );
    assert_eq!(
        txt(&b, row(FILE_MISSING), ENTRY_STATUS),
        "berkas tidak ditemukan"
    );
    assert_eq!(
        txt(&b, row(FILE_FOUND), DOCS),
        "Notulen",
        "SK Tim is in the name"
    );

    // By hand: an answered item at value v in a sub-area of weight w with n items claims
    // v × w / n; without evidence it falls to the lowest option.
    let id = case.id(MISSING);
    let item = case.c.item(id);
    let node = case.c.node(item.parent);
    let AnswerKind::Choice(scale) = &item.answer else {
        panic!("{MISSING} is a choice item")
    };
    let ScaleKind::Choice(options) = &case.c.scales[*scale].kind else {
        panic!("a choice scale")
    };
    let answer = case.r.item(id).answer.clone().expect("answered");
    let value = options.iter().find(|o| o.code == answer).unwrap().value;
    let lowest = options
        .iter()
        .map(|o| o.value)
        .fold(f64::INFINITY, f64::min);
    let share = node.weight / node.items.len() as f64;
    assert!(
        value > lowest,
        "{MISSING} is answered above its lowest answer"
    );
    let claimed = num(&b, row(MISSING), CLAIMED).unwrap();
    let at_risk = num(&b, row(MISSING), AT_RISK).unwrap();
    assert!((claimed - value * share).abs() < 1e-12, "{claimed}");
    assert!(
        (at_risk - (value - lowest) * share).abs() < 1e-12,
        "{at_risk}"
    );

    // The total row: both totals.
    let total = find_row(&b, 4, 2, "NILAI TOTAL (semua item)");
    same(&b, total, CLAIMED, case.r.total);
    same(&b, total, BACKED, ev.backed_total().unwrap());
    same(&b, total, AT_RISK, ev.points_at_risk());
    assert!(
        ev.points_at_risk() > 1.0,
        "the evaluation has points at risk"
    );
}

#[test]
fn only_web_links_and_files_in_the_report_folder_are_clickable() {
    let dir = tempfile::tempdir().unwrap();
    let case = Case::new(dir.path(), EvidencePolicy::Lowest);
    let mut wb = case.write(Lang::Id, &dir.path().join("laporan.xlsx"));
    let b = wb.worksheet_range("Bukti").unwrap();
    let rows = item_rows(&b);
    let row = |key: &str| rows.iter().find(|(k, _)| k == key).unwrap().1;
    let links: BTreeMap<u32, String> = wb
        .hyperlinks_by_sheet_name("Bukti")
        .unwrap()
        .into_iter()
        .map(|h| {
            assert_eq!(h.range.start.1, ENTRY, "links only in the entry column");
            (h.range.start.0, h.target.unwrap_or_default())
        })
        .collect();
    let formulas = wb.worksheet_formula("Bukti").unwrap();

    // http(s): clickable, pointing exactly where the unit wrote.
    assert_eq!(links[&row(PLAIN_LINK)], LINK_PLAIN);
    assert_eq!(links[&(row(ESCAPED_LINK) + 1)], LINK_20_26, "%26 kept");
    assert!(!links.contains_key(&row(ESCAPED_LINK)), "a description");
    // %26 alone: text, exactly as written, and no formula.
    assert!(!links.contains_key(&row(ESCAPED_FORMULA)));
    assert_eq!(txt(&b, row(ESCAPED_FORMULA), ENTRY), LINK_26);
    assert!(
        formulas.used_cells().next().is_none(),
        "no formula on the sheet"
    );
    // The file beside the report: a relative link, no scheme.
    assert_eq!(links[&row(FILE_FOUND)], "bukti/SK%20Tim%202025.pdf");
    // javascript:, file:, a UNC path, a description, a missing file: text.
    for k in 0..4 {
        let r = row(BAD) + k;
        assert!(!links.contains_key(&r), "{}", BAD_ENTRIES[k as usize]);
        assert_eq!(txt(&b, r, ENTRY), BAD_ENTRIES[k as usize]);
        assert_eq!(
            formulas.get_value((r, ENTRY)).map_or("", |s| s.as_str()),
            ""
        );
    }
    assert!(!links.contains_key(&row(FILE_MISSING)));
    assert!(links.values().all(|t| t.starts_with("http://")
        || t.starts_with("https://")
        || t == "bukti/SK%20Tim%202025.pdf"));
    assert!(links.values().all(|t| !t.contains("%25")));
    // Every http(s) entry of the evaluation but the %26 one is clickable.
    let web = case
        .ev
        .items
        .iter()
        .flat_map(|i| &i.entries)
        .filter(|e| e.evidence.link().is_some())
        .count();
    assert_eq!(
        links.len() - 1 + 1,
        web,
        "every web link but the %26 one, and the one file"
    );

    // A report elsewhere (a sub-folder) or as bytes has no folder to link the file from.
    std::fs::create_dir(dir.path().join("laporan")).unwrap();
    let mut wb = case.write(Lang::Id, &dir.path().join("laporan/laporan.xlsx"));
    let b = wb.worksheet_range("Bukti").unwrap();
    assert_eq!(txt(&b, row(FILE_FOUND), ENTRY), FILE);
    assert!(wb
        .hyperlinks_by_sheet_name("Bukti")
        .unwrap()
        .iter()
        .all(|h| h.range.start.0 != row(FILE_FOUND)));
    let bytes = report_bytes(&case.input(Lang::Id)).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert!(wb
        .hyperlinks_by_sheet_name("Bukti")
        .unwrap()
        .iter()
        .all(|h| h.target.as_deref().is_some_and(|t| t.starts_with("http"))));
}

#[test]
fn summary_states_both_totals_coverage_and_the_conditions_lost() {
    let dir = tempfile::tempdir().unwrap();
    let case = Case::new(dir.path(), EvidencePolicy::Lowest);
    let ev = &case.ev;
    assert!(
        !ev.lost.is_empty(),
        "the evidence-backed score loses a condition"
    );
    let mut wb = case.write(Lang::Id, &dir.path().join("laporan.xlsx"));
    let s = wb.worksheet_range("Ringkasan").unwrap();
    let section = find_row(&s, 0, 0, "Bukti (data dukung)");
    let at = |label: &str| find_row(&s, section, 0, label);
    assert!(txt(&s, at("Kebijakan bukti"), 1)
        .starts_with("jawaban terendah (--evidence-policy lowest): "));
    same(&s, at("Nilai yang diklaim"), 1, case.r.total);
    same(
        &s,
        at("Nilai berdasarkan bukti (kebijakan: jawaban terendah)"),
        1,
        ev.backed_total().unwrap(),
    );
    same(&s, at("Poin berisiko"), 1, ev.points_at_risk());
    same(&s, at("Item yang perlu bukti"), 1, ev.needing() as f64);
    same(
        &s,
        at("Item tanpa bukti yang dapat diterima"),
        1,
        ev.lacking() as f64,
    );
    same(
        &s,
        at("Cakupan bukti (didukung / perlu bukti)"),
        1,
        ev.coverage_percent().unwrap(),
    );
    // Manajemen Perubahan without evidence: its area condition is lost for WBK and WBBM.
    let head = find_row(&s, section, 0, "Syarat");
    let backed = ev.backed.as_ref().unwrap();
    for (k, l) in ev.lost.iter().enumerate() {
        let row = head + 1 + k as u32;
        let p = &case.r.predicates[l.predicate];
        let cond = &p.conditions[l.condition];
        assert_eq!(
            txt(&s, row, 0),
            format!("{} — {}", p.name(Lang::Id), cond.label(Lang::Id))
        );
        same(&s, row, 1, cond.value.unwrap());
        let b = backed.predicates[l.predicate].conditions[l.condition]
            .value
            .unwrap();
        same(&s, row, 2, b);
        same(&s, row, 3, cond.threshold.unwrap());
        assert!(b < cond.threshold.unwrap());
    }
    assert!(txt(&s, head + ev.lost.len() as u32 + 1, 0).is_empty());
    let labels: Vec<String> = (head + 1..head + 1 + ev.lost.len() as u32)
        .map(|r| txt(&s, r, 0))
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.starts_with("Menuju WBK — ") && l.contains("Manajemen Perubahan")),
        "{labels:?}"
    );
}

#[test]
fn priorities_lead_with_the_evidence_to_complete_most_points_first() {
    let dir = tempfile::tempdir().unwrap();
    let case = Case::new(dir.path(), EvidencePolicy::Lowest);
    let ev = &case.ev;
    let actions = ev.actions();
    assert!(actions.len() > 2);
    let mut wb = case.write(Lang::Id, &dir.path().join("laporan.xlsx"));
    let p = wb.worksheet_range("Prioritas").unwrap();
    let group = find_row(&p, 0, 0, "Lengkapi bukti");
    let section_a = find_row(&p, 0, 0, "A. Item menurut poin yang masih dapat diraih");
    assert!(group < section_a, "the evidence group comes first");
    let head = find_row(&p, group, 1, "Kunci");
    assert_eq!(txt(&p, head, 8), "Poin berisiko");
    assert_eq!(txt(&p, head, 9), "Yang kurang");
    let mut last = f64::INFINITY;
    for (k, id) in actions.iter().enumerate() {
        let row = head + 1 + k as u32;
        let it = &ev.items[id.0];
        same(&p, row, 0, (k + 1) as f64);
        assert_eq!(txt(&p, row, 1), case.c.item(*id).key);
        same(&p, row, 8, it.points_at_risk());
        let risk = num(&p, row, 8).unwrap();
        assert!(risk <= last, "ranked by points at risk");
        last = risk;
    }
    assert!(
        num(&p, head + 1, 8).unwrap() > last,
        "the ranking is not flat"
    );
    assert!(head + 1 + (actions.len() as u32) < section_a);
    // What is lacking, in words.
    let row_of = |key: &str| find_row(&p, head, 1, key);
    assert_eq!(
        txt(&p, row_of(MISSING), 9),
        "belum ada data dukung: tambahkan tautan http(s) atau berkas"
    );
    assert_eq!(
        txt(&p, row_of(BAD), 9),
        "tidak ada yang dapat dibuka penilai (tautan tidak sah: skema javascript, tautan tidak sah: skema file, folder jaringan: tidak dapat dibuka penilai, uraian saja); dokumen belum disebut: SOP"
    );
}

#[test]
fn policy_none_says_there_is_no_evidence_backed_score() {
    let dir = tempfile::tempdir().unwrap();
    let case = Case::new(dir.path(), EvidencePolicy::None);
    assert!(case.ev.backed.is_none());
    let mut wb = case.write(Lang::Id, &dir.path().join("laporan.xlsx"));
    let s = wb.worksheet_range("Ringkasan").unwrap();
    let row = find_row(
        &s,
        0,
        0,
        "Nilai berdasarkan bukti (kebijakan: hanya laporan, tanpa nilai didukung bukti)",
    );
    assert_eq!(
        txt(&s, row, 1),
        "tidak ada: kebijakan ini hanya melaporkan bukti, tanpa nilai berdasarkan bukti"
    );
    let section = find_row(&s, 0, 0, "Bukti (data dukung)");
    assert!((section..=end(&s)).all(|r| txt(&s, r, 0) != "Poin berisiko"));
    same(
        &s,
        find_row(&s, section, 0, "Item tanpa bukti yang dapat diterima"),
        1,
        case.ev.lacking() as f64,
    );
    let b = wb.worksheet_range("Bukti").unwrap();
    let rows = item_rows(&b);
    let missing = rows.iter().find(|(k, _)| k == MISSING).unwrap().1;
    assert_eq!(txt(&b, missing, STATUS), "tanpa data dukung");
    assert_eq!(txt(&b, missing, BACKED), "—");
    assert_eq!(txt(&b, missing, AT_RISK), "—");
    let total = find_row(&b, 4, 2, "NILAI TOTAL (semua item)");
    same(&b, total, CLAIMED, case.r.total);
    assert_eq!(txt(&b, total, BACKED), "—");
    let p = wb.worksheet_range("Prioritas").unwrap();
    let group = find_row(&p, 0, 0, "Lengkapi bukti");
    assert!(txt(&p, group + 2, 0)
        .starts_with("Kebijakan bukti: hanya laporan (--evidence-policy none), tidak ada nilai"));
}

#[test]
fn english_evidence_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let case = Case::new(dir.path(), EvidencePolicy::OneStep);
    let mut wb = case.write(Lang::En, &dir.path().join("report.xlsx"));
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "LKE",
            "Evidence",
            "Priorities",
            "Validation",
            "Method"
        ]
    );
    let b = wb.worksheet_range("Evidence").unwrap();
    assert_eq!(txt(&b, 3, 7), "Points at risk");
    let rows = item_rows(&b);
    let row = |key: &str| rows.iter().find(|(k, _)| k == key).unwrap().1;
    assert_eq!(txt(&b, row(MISSING), STATUS), "no evidence");
    assert_eq!(txt(&b, row(BAD), STATUS), "cannot be opened");
    assert_eq!(
        txt(&b, row(BAD), ENTRY_STATUS),
        "not a valid link: scheme javascript"
    );
    let s = wb.worksheet_range("Summary").unwrap();
    same(
        &s,
        find_row(
            &s,
            0,
            0,
            "Evidence-backed score (policy: one answer step down)",
        ),
        1,
        case.ev.backed_total().unwrap(),
    );
    let p = wb.worksheet_range("Priorities").unwrap();
    find_row(&p, 0, 0, "Complete the evidence");
}
