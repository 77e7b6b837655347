//! The xlsx report, end to end: the example workbook is read and scored, the report is written to
//! a temporary directory and read back with calamine, and its numbers are checked against the
//! `ScoreResult` (and the priority analysis) cell by cell. Numbers are compared exactly: the report
//! stores full-precision values, never rounded ones.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use zona_core::priority::{analyse, Priority};
use zona_core::{
    default_criteria, score, AnswerKind, AnswerSet, Criteria, ItemStatus, Lang, ScoreOptions,
    ScoreResult, UnansweredPolicy,
};
use zona_read::{read_answers, SourceInfo};
use zona_report::report::{report_bytes, sheet_names, write_report, ReportInput, ReportOptions};
use zona_report::WriteError;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/lke-zi-workbook-example.xlsx")
}

/// Items whose answers the "degraded" answer set drops, so that conditions fail: the pengawasan
/// pemenuhan items, the manajemen perubahan reform items, the IPAK, the SOP sub-area.
const DROPPED: &[&str] = &[
    "pemenuhan.pw.",
    "reform.mp.",
    "hasil.bersih.ipak",
    "pemenuhan.tt.sop.",
];

struct Scored {
    c: Criteria,
    a: AnswerSet,
    src: SourceInfo,
    opts: ScoreOptions,
    r: ScoreResult,
}

impl Scored {
    fn new(c: Criteria, policy: UnansweredPolicy, drop: &[&str]) -> Scored {
        let (mut a, src) = read_answers(&example(), &c).expect("the example workbook reads");
        for (i, item) in c.items.iter().enumerate() {
            if drop.iter().any(|d| item.key.starts_with(d)) {
                a.items[i] = None;
            }
        }
        let opts = ScoreOptions {
            unanswered: policy,
            ..Default::default()
        };
        let r = score(&c, &a, &opts);
        Scored { c, a, src, opts, r }
    }

    fn example(policy: UnansweredPolicy) -> Scored {
        Scored::new(default_criteria(), policy, &[])
    }

    fn degraded(policy: UnansweredPolicy) -> Scored {
        Scored::new(default_criteria(), policy, DROPPED)
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
            evidence: None,
        }
    }

    fn priority(&self) -> Priority {
        analyse(&self.c, &self.a, &self.r, &self.opts)
    }

    /// Writes the report into `dir` and returns its path.
    fn write(&self, lang: Lang, dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        write_report(&path, &self.input(lang), &ReportOptions::default())
            .unwrap_or_else(|e| panic!("report written: {}", e.message(Lang::En)));
        path
    }
}

struct Sheets {
    wb: Xlsx<std::io::BufReader<std::fs::File>>,
    names: [&'static str; 6],
}

impl Sheets {
    fn open(path: &Path, lang: Lang) -> Sheets {
        let wb: Xlsx<_> = open_workbook(path).expect("the report opens with calamine");
        Sheets {
            wb,
            names: sheet_names(lang),
        }
    }

    fn range(&mut self, k: usize) -> Range<Data> {
        self.wb
            .worksheet_range(self.names[k])
            .expect("sheet present")
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

/// Exact equality of a cell with a value, with the place in the message.
#[track_caller]
fn same(r: &Range<Data>, row: u32, col: u32, want: f64) {
    let got = num(r, row, col);
    assert!(
        got.is_some_and(|g| g == want || (g == 0.0 && want == 0.0)),
        "cell ({row}, {col}): {got:?}, expected {want}"
    );
}

#[track_caller]
fn same_opt(r: &Range<Data>, row: u32, col: u32, want: Option<f64>) {
    match want {
        Some(w) => same(r, row, col, w),
        None => assert_eq!(
            num(r, row, col),
            None,
            "cell ({row}, {col}) should be empty"
        ),
    }
}

/// The first row at or after `from` whose column `col` holds `text`.
#[track_caller]
fn find_row(r: &Range<Data>, from: u32, col: u32, text: &str) -> u32 {
    let end = r.end().map_or(0, |e| e.0);
    (from..=end)
        .find(|row| txt(r, *row, col) == text)
        .unwrap_or_else(|| panic!("no row with {text:?} in column {col}"))
}

fn pick<'a>(lang: Lang, id: &'a str, en: &'a str) -> &'a str {
    lang.pick(id, en)
}

/// The summary sheet against the result: total, components, areas (with the chart data), every
/// predicate condition, and the counts.
fn check_summary(s: &Scored, sheets: &mut Sheets, lang: Lang) {
    let (c, r) = (&s.c, &s.r);
    let sum = sheets.range(0);
    let total = find_row(&sum, 0, 0, pick(lang, "NILAI TOTAL", "TOTAL SCORE"));
    same(&sum, total, 1, r.total);
    same(&sum, total, 2, r.max_total);
    same(&sum, total, 3, r.total / r.max_total * 100.0);
    for root in &c.roots {
        let mut ids = vec![*root];
        ids.extend(c.node(*root).children.iter().copied());
        for id in ids {
            let n = c.node(id);
            let label = format!(
                "{} {}",
                n.marker.as_deref().unwrap_or(""),
                n.display_name(lang)
            );
            let row = find_row(&sum, total, 0, label.trim());
            same(&sum, row, 1, r.node(id).score);
            same(&sum, row, 2, r.node(id).weight);
            same(&sum, row, 3, r.node(id).percent());
        }
    }

    // Areas and the chart data: parts by sub-component, reference series from the criteria.
    let head = find_row(&sum, total, 0, pick(lang, "Area", "Area"));
    assert_eq!(txt(&sum, head, 1), pick(lang, "Nilai", "Score"));
    let groups: Vec<_> = {
        let mut g = Vec::new();
        for a in &c.areas {
            for p in &a.parts {
                let parent = c.node(*p).parent.unwrap_or(*p);
                if !g.contains(&parent) {
                    g.push(parent);
                }
            }
        }
        g
    };
    assert_eq!(groups.len(), 2, "pemenuhan and reform");
    let minima: Vec<f64> = c
        .predicates
        .iter()
        .flat_map(|p| &p.conditions)
        .filter_map(|cond| match cond.kind {
            zona_core::criteria::ConditionKind::Areas { min_percent } => Some(min_percent),
            _ => None,
        })
        .collect();
    assert_eq!(minima.len(), 2, "WBK and WBBM area minima");
    for (i, (a, sc)) in c.areas.iter().zip(&r.areas).enumerate() {
        let row = head + 1 + i as u32;
        assert_eq!(txt(&sum, row, 0), a.display_name(lang));
        same(&sum, row, 1, sc.score);
        same(&sum, row, 2, sc.weight);
        same(&sum, row, 3, sc.percent());
        for (k, g) in groups.iter().enumerate() {
            let want: f64 = a
                .parts
                .iter()
                .filter(|p| c.node(**p).parent.unwrap_or(**p) == *g)
                .map(|p| r.node(*p).score)
                .sum();
            same(&sum, row, 4 + k as u32, want);
        }
        for (k, m) in minima.iter().enumerate() {
            same(&sum, row, 4 + groups.len() as u32 + k as u32, *m);
        }
    }

    // Predicates: every condition's value, threshold, status and margin.
    let mut from = head;
    for p in &r.predicates {
        let row = find_row(&sum, from, 0, p.name(lang));
        assert_eq!(txt(&sum, row, 1), p.status_label(lang));
        assert_eq!(txt(&sum, row + 1, 0), pick(lang, "Syarat", "Condition"));
        for (k, cond) in p.conditions.iter().enumerate() {
            let row = row + 2 + k as u32;
            assert_eq!(txt(&sum, row, 0), cond.label(lang));
            same_opt(&sum, row, 1, cond.value);
            same_opt(&sum, row, 2, cond.threshold);
            same_opt(&sum, row, 3, cond.value_percent);
            same_opt(&sum, row, 4, cond.threshold_percent);
            let status = match cond.passed {
                Some(true) => pick(lang, "memenuhi", "met"),
                Some(false) => pick(lang, "tidak memenuhi", "not met"),
                None => pick(lang, "belum diketahui", "unknown"),
            };
            assert_eq!(txt(&sum, row, 5), status);
            same_opt(&sum, row, 6, cond.margin);
        }
        from = row + 1;
    }

    // Counts.
    let counts = [
        (pick(lang, "Item dinilai", "Items scored"), r.items.len()),
        (
            pick(lang, "Item belum dijawab", "Items unanswered"),
            r.count_status(ItemStatus::Unanswered),
        ),
        (
            pick(
                lang,
                "Item dengan jawaban tidak sah",
                "Items with invalid answers",
            ),
            r.count_status(ItemStatus::Invalid),
        ),
    ];
    for (label, n) in counts {
        let row = find_row(&sum, from, 0, label);
        same(&sum, row, 1, n as f64);
    }
}

/// The LKE sheet against the result: every node subtotal, every item value and points, every
/// count input, in tree order, and the evidence links as hyperlinks.
fn check_lke(s: &Scored, sheets: &mut Sheets, lang: Lang) {
    let (c, r) = (&s.c, &s.r);
    let lke = sheets.range(1);
    let heads: Vec<String> = (0..11).map(|k| txt(&lke, 0, k)).collect();
    let want_heads = match lang {
        Lang::Id => vec![
            "Kunci",
            "Penilaian",
            "Bobot",
            "Penjelasan",
            "Pilihan Jawaban",
            "Jawaban",
            "Nilai",
            "%",
            "Poin",
            "Catatan",
            "Data dukung",
        ],
        Lang::En => vec![
            "Key",
            "Assessment (Penilaian)",
            "Weight (Bobot)",
            "Explanation (Penjelasan)",
            "Answer options (Pilihan Jawaban)",
            "Answer (Jawaban)",
            "Value (Nilai)",
            "%",
            "Points",
            "Notes (Catatan)",
            "Evidence (Data dukung)",
        ],
    };
    assert_eq!(heads, want_heads);
    let (key, bobot, penjelasan, pilihan, jawaban, nilai, pct, poin) = (0, 2, 3, 4, 5, 6, 7, 8);

    let mut row = 1;
    let mut item_rows = vec![0u32; c.items.len()];
    for id in c.nodes_preorder() {
        let n = c.node(id);
        assert_eq!(txt(&lke, row, key), n.key, "row {row}");
        same(&lke, row, bobot, n.weight);
        same(&lke, row, nilai, r.node(id).score);
        same(&lke, row, pct, r.node(id).percent());
        row += 1;
        for iid in &n.items {
            let it = c.item(*iid);
            let sc = r.item(*iid);
            assert_eq!(txt(&lke, row, key), it.key);
            assert_eq!(
                txt(&lke, row, penjelasan),
                it.display_criteria(lang).unwrap_or(""),
                "{}",
                it.key
            );
            item_rows[iid.0] = row;
            same_opt(&lke, row, bobot, it.weight);
            assert_eq!(txt(&lke, row, pilihan), c.answer_label_in(it, lang));
            if lang == Lang::En && c.answer_label(it) == "Ya/Tidak" {
                assert_eq!(txt(&lke, row, pilihan), "Yes/No (Ya/Tidak)");
            }
            same_opt(&lke, row, nilai, sc.value);
            same_opt(&lke, row, pct, sc.value.map(|v| v * 100.0));
            same(&lke, row, poin, sc.points);
            match (&it.answer, sc.status) {
                (AnswerKind::Choice(_), ItemStatus::Answered) => {
                    assert_eq!(Some(txt(&lke, row, jawaban)), sc.answer);
                }
                (AnswerKind::Ratio(_), ItemStatus::Answered) => {
                    same_opt(&lke, row, jawaban, sc.value);
                }
                (_, ItemStatus::Unanswered) => {
                    assert_eq!(
                        txt(&lke, row, jawaban),
                        pick(lang, "Belum diisi", "Not filled")
                    );
                }
                _ => {}
            }
            row += 1;
            if let AnswerKind::Ratio(ratio) = &it.answer {
                for (k, input) in ratio.inputs.iter().enumerate() {
                    assert_eq!(txt(&lke, row, key), format!("{}.{}", it.key, input.key));
                    assert_eq!(txt(&lke, row, 1), input.display_label(lang));
                    if let Some(v) = sc.counts.get(k).copied().flatten() {
                        same(&lke, row, jawaban, v);
                    }
                    row += 1;
                }
            }
        }
    }
    assert_eq!(txt(&lke, row, key), "total");
    same(&lke, row, nilai, r.total);
    same(&lke, row, bobot, r.max_total);

    // Evidence links are clickable, on their item's row.
    let links = sheets
        .wb
        .hyperlinks_by_sheet_name(sheets.names[1])
        .expect("hyperlinks readable");
    let mut want: Vec<(u32, String)> = Vec::new();
    for (i, a) in s.a.items.iter().enumerate() {
        for e in a.iter().flat_map(|a| &a.evidence) {
            if let Some(l) = e.link() {
                want.push((item_rows[i], l.to_string()));
            }
        }
    }
    let mut got: Vec<(u32, String)> = links
        .iter()
        .map(|h| (h.range.start.0, h.target.clone().unwrap_or_default()))
        .collect();
    want.sort();
    got.sort();
    assert!(!want.is_empty(), "the example has evidence links");
    assert_eq!(got, want);
}

fn check_validation(s: &Scored, sheets: &mut Sheets, lang: Lang) {
    let v = sheets.range(4);
    let end = v.end().map_or(0, |e| e.0);
    let rows: Vec<u32> = (1..=end).filter(|r| num(&v, *r, 0).is_some()).collect();
    // The reading and scoring diagnostics, then the evidence checks' warnings and errors (the
    // report reviews the evidence itself when given none: default policy, no files).
    let review = zona_core::evidence::review(
        &s.c,
        &s.a,
        &s.r,
        &s.opts,
        zona_core::evidence::EvidencePolicy::default(),
        &zona_core::evidence::NoFiles,
    );
    let expected: Vec<&zona_core::Diagnostic> =
        s.r.diagnostics
            .iter()
            .chain(
                review
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity != zona_core::Severity::Info),
            )
            .collect();
    assert_eq!(rows.len(), expected.len());
    for (row, d) in rows.iter().zip(expected) {
        let loc = d.location.clone().unwrap_or_default();
        assert_eq!(txt(&v, *row, 1), d.severity.label(lang));
        assert_eq!(txt(&v, *row, 2), d.code());
        assert_eq!(txt(&v, *row, 3), d.message(lang));
        assert_eq!(txt(&v, *row, 4), loc.file.as_deref().unwrap_or(""));
        assert_eq!(txt(&v, *row, 5), loc.sheet.as_deref().unwrap_or(""));
        assert_eq!(txt(&v, *row, 6), loc.cell.unwrap_or_default());
        assert_eq!(txt(&v, *row, 7), d.item.as_deref().unwrap_or(""));
    }
}

fn check_priorities(s: &Scored, sheets: &mut Sheets, lang: Lang) {
    let p = s.priority();
    let pr = sheets.range(3);
    // A: items by recoverable points (after the evidence group).
    let a = find_row(
        &pr,
        0,
        0,
        pick(
            lang,
            "A. Item menurut poin yang masih dapat diraih",
            "A. Items by points still to gain",
        ),
    );
    let head = find_row(&pr, a, 1, pick(lang, "Kunci", "Key"));
    for (k, it) in p.items.iter().enumerate() {
        let row = head + 1 + k as u32;
        same(&pr, row, 0, (k + 1) as f64);
        assert_eq!(txt(&pr, row, 1), s.c.item(it.item).key);
        same(&pr, row, 6, it.points);
        same(&pr, row, 7, it.max_points);
        same(&pr, row, 8, it.recoverable);
        same_opt(&pr, row, 10, it.next.as_ref().map(|n| n.gain));
    }
    // B: a plan per failing condition.
    let mut from = head + p.items.len() as u32;
    for plan in &p.conditions {
        let pred = &s.r.predicates[plan.at.predicate];
        let cond = &pred.conditions[plan.at.condition];
        let title = format!("{} — {}", pred.name(lang), cond.label(lang));
        let row = find_row(&pr, from, 0, &title);
        let row = row + 2;
        assert_eq!(txt(&pr, row, 0), pick(lang, "Syarat", "Condition"));
        same(&pr, row, 1, plan.value);
        same(&pr, row, 2, plan.threshold);
        same(&pr, row, 3, plan.margin);
        same(&pr, row, 4, plan.needed);
        same(&pr, row, 6, plan.value_after);
        if !plan.reachable {
            // Only outcomes can meet it: their needs under "Hasil survei dan capaian".
            assert!(!plan.outcomes.is_empty(), "{title}");
            let head = row + 2;
            assert_eq!(
                txt(&pr, head, 0),
                pick(
                    lang,
                    "Hasil survei dan capaian",
                    "Survey results and performance"
                )
            );
            for (k, need) in plan.outcomes.iter().enumerate() {
                let row = head + 2 + k as u32;
                same(&pr, row, 0, (k + 1) as f64);
                assert_eq!(txt(&pr, row, 1), s.c.item(need.item).key);
                assert!(s.c.item(need.item).outcome);
                assert!(txt(&pr, row, 6).starts_with('≥') || txt(&pr, row, 6) == "—");
            }
            from = head + 1;
            continue;
        }
        assert!(plan.passes_after, "{title}");
        same(&pr, row, 5, plan.steps as f64);
        for (k, imp) in plan.improvements.iter().enumerate() {
            let row = row + 2 + k as u32;
            same(&pr, row, 0, (k + 1) as f64);
            assert_eq!(txt(&pr, row, 1), s.c.item(imp.item).key);
            same(&pr, row, 7, imp.steps as f64);
            same(&pr, row, 8, imp.gain);
        }
        from = row + 1;
    }
}

#[test]
fn summary_lke_and_validation_match_the_result_cell_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let s = Scored::example(UnansweredPolicy::Zero);
    let path = s.write(Lang::Id, dir.path(), "laporan.xlsx");
    let mut sheets = Sheets::open(&path, Lang::Id);
    assert_eq!(sheets.wb.sheet_names(), sheet_names(Lang::Id).to_vec());
    assert_eq!(
        sheet_names(Lang::Id),
        [
            "Ringkasan",
            "LKE",
            "Bukti",
            "Prioritas",
            "Validasi",
            "Metode"
        ]
    );
    check_summary(&s, &mut sheets, Lang::Id);
    check_lke(&s, &mut sheets, Lang::Id);
    check_validation(&s, &mut sheets, Lang::Id);
    check_priorities(&s, &mut sheets, Lang::Id);
    // The example meets both predicates' scores: nothing to plan.
    assert!(s.priority().conditions.is_empty());
}

#[test]
fn unit_falls_back_to_the_file_name() {
    let mut s = Scored::example(UnansweredPolicy::Zero);
    s.a.unit = zona_core::UnitInfo::default();
    let dir = tempfile::tempdir().unwrap();
    let path = s.write(Lang::Id, dir.path(), "laporan.xlsx");
    let mut sheets = Sheets::open(&path, Lang::Id);
    let sum = sheets.range(0);
    let unit = find_row(&sum, 0, 0, "Unit kerja");
    assert_eq!(txt(&sum, unit, 1), "lke-zi-workbook-example.xlsx");
}

#[test]
fn failing_conditions_get_plans_on_the_priorities_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let s = Scored::degraded(UnansweredPolicy::Zero);
    let failing =
        s.r.predicates
            .iter()
            .flat_map(|p| &p.conditions)
            .filter(|c| c.passed == Some(false))
            .count();
    assert!(failing >= 5, "the degraded answers fail several conditions");
    let p = s.priority();
    assert_eq!(p.conditions.len(), failing);
    let path = s.write(Lang::Id, dir.path(), "laporan.xlsx");
    let mut sheets = Sheets::open(&path, Lang::Id);
    check_summary(&s, &mut sheets, Lang::Id);
    check_lke(&s, &mut sheets, Lang::Id);
    check_validation(&s, &mut sheets, Lang::Id);
    check_priorities(&s, &mut sheets, Lang::Id);

    // Hand-checked: Manajemen Perubahan lost its reform half (4 of 8 = 50 %), so WBK's 60 % needs
    // 0.8 points; one reform MP ratio item at 100 % (one step, 1 point) is the smallest fix.
    let wbk = s.r.predicates.iter().position(|p| p.key == "wbk").unwrap();
    let mp = p
        .conditions
        .iter()
        .find(|c| c.at.predicate == wbk && c.kind() == "area" && c.key.as_deref() == Some("mp"))
        .expect("area MP fails WBK");
    assert!((mp.needed - 0.8).abs() < 1e-9);
    assert_eq!(mp.steps, 1);
    assert!(s
        .c
        .item(mp.improvements[0].item)
        .key
        .starts_with("reform.mp.komitmen."));
    assert!((mp.value_after - 5.0).abs() < 1e-9);
}

#[test]
fn exclude_policy_report_matches_too() {
    let dir = tempfile::tempdir().unwrap();
    let s = Scored::degraded(UnansweredPolicy::Exclude);
    let path = s.write(Lang::Id, dir.path(), "laporan.xlsx");
    let mut sheets = Sheets::open(&path, Lang::Id);
    check_summary(&s, &mut sheets, Lang::Id);
    check_lke(&s, &mut sheets, Lang::Id);
    check_validation(&s, &mut sheets, Lang::Id);
    check_priorities(&s, &mut sheets, Lang::Id);
    let m = sheets.range(5);
    let end = m.end().map_or(0, |e| e.0);
    assert!(
        (0..=end).any(|r| txt(&m, r, 0).contains("tidak ikut dirata-rata")),
        "the method sheet states the exclude policy"
    );
}

#[test]
fn english_labels() {
    let dir = tempfile::tempdir().unwrap();
    let s = Scored::degraded(UnansweredPolicy::Zero);
    let path = s.write(Lang::En, dir.path(), "report.xlsx");
    let mut sheets = Sheets::open(&path, Lang::En);
    assert_eq!(
        sheets.wb.sheet_names(),
        vec![
            "Summary",
            "LKE",
            "Evidence",
            "Priorities",
            "Validation",
            "Method"
        ]
    );
    let sum = sheets.range(0);
    assert_eq!(txt(&sum, 0, 0), "Zona Integritas LKE score report");
    check_summary(&s, &mut sheets, Lang::En);
    check_lke(&s, &mut sheets, Lang::En);
    check_validation(&s, &mut sheets, Lang::En);
    check_priorities(&s, &mut sheets, Lang::En);
    let m = sheets.range(5);
    assert_eq!(txt(&m, 0, 0), "How the numbers are computed");
}

/// The criteria text (penjelasan) and the count-input labels in the report's language: the English
/// report shows `criteria_en` / `label_en` on the LKE and Method sheets, the Indonesian report the
/// criteria's own texts.
#[test]
fn criteria_texts_and_count_labels_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let s = Scored::example(UnansweredPolicy::Zero);
    #[rustfmt::skip]
    let cases = [
        (Lang::Id, "pemenuhan.mp.tim_kerja.a", "Ya, jika Tim telah dibentuk di dalam unit kerja.",
         "reform.mp.komitmen.a.jumlah_agen", "Jumlah Agen Perubahan"),
        (Lang::En, "pemenuhan.mp.tim_kerja.a", "Yes, if the team has been formed within the work unit.",
         "reform.mp.komitmen.a.jumlah_agen", "Number of Change Agents"),
    ];
    for (lang, item, penjelasan, input, label) in cases {
        let path = s.write(lang, dir.path(), &format!("{}.xlsx", lang.pick("id", "en")));
        let mut sheets = Sheets::open(&path, lang);
        let lke = sheets.range(1);
        let row = find_row(&lke, 0, 0, item);
        assert_eq!(txt(&lke, row, 3), penjelasan, "{lang:?}");
        let row = find_row(&lke, 0, 0, input);
        assert_eq!(txt(&lke, row, 1), label, "{lang:?}");
        let m = sheets.range(5);
        let end = m.end().map_or(0, |e| e.0);
        let inputs = (0..=end)
            .map(|r| txt(&m, r, 3))
            .find(|t| t.contains(&format!("{label} = ")))
            .unwrap_or_else(|| panic!("{lang:?}: Method sheet names {label}"));
        let other = match lang {
            Lang::Id => "Number of Change Agents",
            Lang::En => "Jumlah Agen Perubahan",
        };
        assert!(!inputs.contains(other), "{lang:?}: {inputs}");
    }
}

#[test]
fn method_sheet_takes_every_number_from_the_criteria() {
    // Criteria with other area minima and another B value: the report must follow them.
    let text = zona_core::load::DEFAULT_CRITERIA_TOML
        .replace("min_percent = 60.0", "min_percent = 65.0")
        .replace(
            "{ code = \"B\", value = 0.67 }",
            "{ code = \"B\", value = 0.66 }",
        );
    let c = zona_core::load_str(&text, "modified.toml").expect("modified criteria load");
    let s = Scored::new(c, UnansweredPolicy::Zero, DROPPED);
    let dir = tempfile::tempdir().unwrap();
    let path = s.write(Lang::Id, dir.path(), "laporan.xlsx");
    let mut sheets = Sheets::open(&path, Lang::Id);
    check_summary(&s, &mut sheets, Lang::Id);
    check_lke(&s, &mut sheets, Lang::Id);

    let m = sheets.range(5);
    let end = m.end().map_or(0, |e| e.0);
    // Option values per scale.
    for scale in &s.c.scales {
        if let zona_core::criteria::ScaleKind::Choice(options) = &scale.kind {
            for o in options {
                let row = (0..=end)
                    .find(|r| txt(&m, *r, 0) == scale.key && txt(&m, *r, 2) == o.code)
                    .unwrap_or_else(|| panic!("option {} {}", scale.key, o.code));
                same(&m, row, 3, o.value);
            }
        }
    }
    let b = (0..=end)
        .find(|r| txt(&m, *r, 0) == "abcd" && txt(&m, *r, 2) == "B")
        .unwrap();
    same(&m, b, 3, 0.66);
    // Area thresholds per predicate: weight × min % / 100, from the criteria.
    let wbk = s.c.predicates.iter().find(|p| p.key == "wbk").unwrap();
    for a in &s.c.areas {
        let row = (0..=end)
            .find(|r| txt(&m, *r, 0) == wbk.name && txt(&m, *r, 1) == format!("Area {}", a.name))
            .unwrap_or_else(|| panic!("threshold row of {}", a.key));
        same(&m, row, 4, a.weight * 65.0 / 100.0);
        assert!(txt(&m, row, 2).contains("65%"));
    }
    // Ratio formulas name their inputs; tolerance and version are stated.
    let all: Vec<String> = (0..=end)
        .flat_map(|r| (0..5).map(move |k| (r, k)))
        .map(|(r, k)| txt(&m, r, k))
        .collect();
    for it in &s.c.items {
        if let AnswerKind::Ratio(_) = it.answer {
            assert!(
                all.iter().any(|t| t.contains(&format!("({})", it.key))),
                "{}",
                it.key
            );
        }
    }
    let tol = format!("{:e}", zona_core::predicate::THRESHOLD_TOLERANCE);
    assert!(all.iter().any(|t| t.contains(&tol)), "tolerance {tol}");
    let version = find_row(&m, 0, 0, "Versi");
    assert_eq!(txt(&m, version, 1), s.c.meta.version);
    let id = find_row(&m, 0, 0, "ID");
    assert_eq!(txt(&m, id, 1), s.c.meta.id);
}

#[test]
fn same_input_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let s = Scored::degraded(UnansweredPolicy::Zero);
    let one = s.write(Lang::Id, dir.path(), "satu.xlsx");
    // A second later: the creation time must not follow the clock.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let two = s.write(Lang::Id, dir.path(), "dua.xlsx");
    let a = std::fs::read(&one).unwrap();
    let b = std::fs::read(&two).unwrap();
    assert!(a == b, "two writes of the same input differ");
    assert!(report_bytes(&s.input(Lang::En)).unwrap() == report_bytes(&s.input(Lang::En)).unwrap());
    // Scoring again from scratch gives the same bytes too.
    let again = Scored::degraded(UnansweredPolicy::Zero);
    assert!(report_bytes(&again.input(Lang::Id)).unwrap() == a);
}

#[test]
fn charts_are_in_the_workbook() {
    let s = Scored::example(UnansweredPolicy::Zero);
    let bytes = report_bytes(&s.input(Lang::Id)).unwrap();
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    assert!(has("xl/charts/chart1.xml"), "radar chart");
    assert!(has("xl/charts/chart2.xml"), "column chart");
}

#[test]
fn existing_report_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let s = Scored::example(UnansweredPolicy::Zero);
    let path = dir.path().join("laporan.xlsx");
    std::fs::write(&path, b"not a report").unwrap();
    let input = s.input(Lang::Id);
    let err = write_report(&path, &input, &ReportOptions { force: false }).unwrap_err();
    assert!(matches!(err, WriteError::Exists { .. }), "{err:?}");
    let file = path.display().to_string();
    assert_eq!(err.file(), path);
    assert!(err.message(Lang::Id).contains(&file) && err.message(Lang::Id).contains("--force"));
    assert!(
        err.message(Lang::En).contains(&file) && err.message(Lang::En).contains("already exists")
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"not a report");

    write_report(&path, &input, &ReportOptions { force: true }).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), report_bytes(&input).unwrap());
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("laporan.xlsx")]);
}

#[test]
fn never_overwrites_the_input_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let input_path = dir.path().join("lke.xlsx");
    std::fs::copy(example(), &input_path).unwrap();
    let original = std::fs::read(&input_path).unwrap();
    let c = default_criteria();
    let (a, src) = read_answers(&input_path, &c).unwrap();
    let opts = ScoreOptions::default();
    let r = score(&c, &a, &opts);
    let input = ReportInput {
        criteria: &c,
        answers: &a,
        result: &r,
        source: &src,
        options: &opts,
        lang: Lang::Id,
        layers: &[],
        keeping: None,
        evidence: None,
    };
    let force = ReportOptions { force: true };
    let mut spellings = vec![input_path.clone(), dir.path().join(".").join("lke.xlsx")];
    #[cfg(unix)]
    {
        let link = dir.path().join("tautan.xlsx");
        std::os::unix::fs::symlink(&input_path, &link).unwrap();
        spellings.push(link);
        let hard = dir.path().join("keras.xlsx");
        std::fs::hard_link(&input_path, &hard).unwrap();
        spellings.push(hard);
    }
    for p in spellings {
        let err = write_report(&p, &input, &force).unwrap_err();
        assert!(
            matches!(err, WriteError::SameAsInput { .. }),
            "{}: {err:?}",
            p.display()
        );
        assert!(err.message(Lang::Id).contains("lembar kerja masukan"));
    }
    assert_eq!(std::fs::read(&input_path).unwrap(), original);
    // Another name in the same directory is fine.
    write_report(&dir.path().join("laporan.xlsx"), &input, &force).unwrap();
}

#[test]
fn bad_report_paths_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let s = Scored::example(UnansweredPolicy::Zero);
    let input = s.input(Lang::Id);
    let force = ReportOptions { force: true };
    let err = write_report(dir.path(), &input, &force).unwrap_err();
    assert!(matches!(err, WriteError::Io { .. }), "a directory: {err:?}");
    let err = write_report(Path::new("/"), &input, &force).unwrap_err();
    assert!(matches!(err, WriteError::InvalidPath { .. }), "{err:?}");
    let err = write_report(&dir.path().join("tidak-ada/laporan.xlsx"), &input, &force).unwrap_err();
    assert!(
        matches!(err, WriteError::Io { .. }),
        "missing directory: {err:?}"
    );
    assert!(!err.message(Lang::Id).is_empty());
}

#[test]
fn unit_name_instansi_and_year_when_known() {
    let mut s = Scored::example(UnansweredPolicy::Zero);
    s.a.unit.name = Some("Kantor Pelayanan Contoh".into());
    s.a.unit.instansi = Some("Kementerian Contoh".into());
    s.a.unit.year = Some(2025);
    let dir = tempfile::tempdir().unwrap();
    let path = s.write(Lang::Id, dir.path(), "laporan.xlsx");
    let mut sheets = Sheets::open(&path, Lang::Id);
    let sum = sheets.range(0);
    let row = find_row(&sum, 0, 0, "Unit kerja");
    assert_eq!(
        txt(&sum, row, 1),
        "Kantor Pelayanan Contoh — Kementerian Contoh — 2025"
    );
}

#[test]
fn an_empty_answer_set_still_gives_a_report() {
    let c = default_criteria();
    let a = AnswerSet::empty(&c);
    let opts = ScoreOptions::default();
    let r = score(&c, &a, &opts);
    let src = SourceInfo {
        layout: "official",
        sheet: "LKE ZI".into(),
    };
    let s = Scored { c, a, src, opts, r };
    let dir = tempfile::tempdir().unwrap();
    let path = s.write(Lang::Id, dir.path(), "kosong.xlsx");
    let mut sheets = Sheets::open(&path, Lang::Id);
    let sum = sheets.range(0);
    let row = find_row(&sum, 0, 0, "Unit kerja");
    assert_eq!(txt(&sum, row, 1), "—");
    check_summary(&s, &mut sheets, Lang::Id);
    check_validation(&s, &mut sheets, Lang::Id);
    check_priorities(&s, &mut sheets, Lang::Id);
}

#[test]
fn invalid_answers_are_shown_counted_and_planned() {
    let mut s = Scored::example(UnansweredPolicy::Zero);
    let id = s.c.item_by_key("pemenuhan.mp.tim_kerja.b").unwrap();
    let cell = s.a.items[id.0]
        .as_mut()
        .and_then(|a| a.answer.as_mut())
        .expect("answered in the example");
    cell.value = zona_core::RawValue::Text("F".into());
    s.r = score(&s.c, &s.a, &s.opts);
    assert_eq!(s.r.item(id).status, ItemStatus::Invalid);
    let dir = tempfile::tempdir().unwrap();
    let path = s.write(Lang::Id, dir.path(), "laporan.xlsx");
    let mut sheets = Sheets::open(&path, Lang::Id);
    check_summary(&s, &mut sheets, Lang::Id);
    check_lke(&s, &mut sheets, Lang::Id);
    check_validation(&s, &mut sheets, Lang::Id);
    check_priorities(&s, &mut sheets, Lang::Id);
    let lke = sheets.range(1);
    let row = find_row(&lke, 1, 0, "pemenuhan.mp.tim_kerja.b");
    assert_eq!(txt(&lke, row, 5), "F");
    assert_eq!(num(&lke, row, 6), None, "no value for an invalid answer");
    let v = sheets.range(4);
    let row = find_row(&v, 1, 7, "pemenuhan.mp.tim_kerja.b");
    assert_eq!(txt(&v, row, 2), "invalid_choice");
    assert_eq!(txt(&v, row, 1), "galat");
    let pr = sheets.range(3);
    let row = find_row(&pr, 1, 1, "pemenuhan.mp.tim_kerja.b");
    assert_eq!(txt(&pr, row, 4), "tidak sah");
    assert_eq!(
        txt(&pr, row, 9),
        "B",
        "next step from an invalid A/B/C answer"
    );
}

#[test]
fn a_result_of_other_criteria_is_an_error_not_a_panic() {
    let s = Scored::example(UnansweredPolicy::Zero);
    let mut r = s.r.clone();
    r.items.pop();
    let input = ReportInput {
        result: &r,
        ..s.input(Lang::Id)
    };
    let dir = tempfile::tempdir().unwrap();
    let err = write_report(
        &dir.path().join("x.xlsx"),
        &input,
        &ReportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, WriteError::Xlsx { .. }), "{err:?}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Every non-empty row of a sheet as " | "-joined text (numbers as calamine shows them).
fn rows_text(r: &Range<Data>) -> Vec<String> {
    r.rows()
        .map(|row| {
            row.iter()
                .filter(|d| !matches!(d, Data::Empty))
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

fn rsud_cendana_2023() -> Scored {
    let c = default_criteria();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/batch/lke-rsud-cendana-2023.xlsx");
    let (a, src) = read_answers(&path, &c).expect("the sample reads");
    let opts = ScoreOptions::default();
    let r = score(&c, &a, &opts);
    Scored { c, a, src, opts, r }
}

/// RSUD Cendana 2023 misses WBK by 0,35 on the total: the plan a user sees raises answers the team
/// can give (never the IPKP or IPAK survey), and the IPAK condition says the index it needs under
/// "Hasil survei dan capaian".
#[test]
fn rsud_cendana_plans_use_actionable_items_and_name_the_survey_index_needed() {
    let s = rsud_cendana_2023();
    let dir = tempfile::tempdir().unwrap();
    let path = s.write(Lang::Id, dir.path(), "rsud.xlsx");
    let mut sheets = Sheets::open(&path, Lang::Id);
    let pr = sheets.range(3);
    let rows = rows_text(&pr);
    let p = s.priority();
    let outcome_keys = [
        "hasil.bersih.ipak",
        "hasil.bersih.capaian",
        "hasil.prima.ipkp",
    ];
    // Section A: outcomes apart, under their own heading, after the actionable items.
    assert!(p.items.iter().all(|i| !s.c.item(i.item).outcome));
    let heading = rows
        .iter()
        .position(|r| r == "Hasil survei dan capaian")
        .expect("outcome heading in section A");
    let section_b = rows
        .iter()
        .position(|r| r.starts_with("B. "))
        .expect("section B");
    assert!(heading < section_b);
    let listed: Vec<&str> = outcome_keys
        .iter()
        .copied()
        .filter(|k| rows[heading..section_b].iter().any(|r| r.contains(k)))
        .collect();
    assert_eq!(listed.len(), p.outcomes.len());
    assert!(!listed.is_empty());
    let section_a = rows
        .iter()
        .position(|r| r.starts_with("A. "))
        .expect("section A");
    for k in outcome_keys {
        assert!(
            !rows[section_a..heading].iter().any(|r| r.contains(k)),
            "{k} listed among actionable items"
        );
    }

    // B: the total (74,65 < 75): a plan of actionable steps, none on a survey or capaian.
    let total = rows
        .iter()
        .position(|r| r == "Menuju WBK — Nilai total")
        .expect("total plan");
    let total_plan = p
        .conditions
        .iter()
        .find(|c| c.at.predicate == 0 && c.kind() == "total")
        .expect("WBK total fails");
    assert!(total_plan.reachable && total_plan.passes_after);
    assert!(total_plan.steps >= 1);
    // Title, header, condition row, header, then one row per improvement.
    for (k, imp) in total_plan.improvements.iter().enumerate() {
        let row = &rows[total + 4 + k];
        assert!(
            row.starts_with(&format!("{} | {}", k + 1, s.c.item(imp.item).key)),
            "{row}"
        );
        assert!(!outcome_keys.contains(&s.c.item(imp.item).key.as_str()));
    }

    // B: the IPAK condition (3,50 < 3,60) only through the survey: the index needed, computed.
    let ipak = rows
        .iter()
        .position(|r| r.starts_with("Menuju WBK — Survei Persepsi Anti Korupsi"))
        .expect("IPAK plan");
    assert_eq!(
        rows[ipak + 3],
        "Hanya dapat dipenuhi melalui hasil survei dan capaian:"
    );
    assert_eq!(rows[ipak + 4], "Hasil survei dan capaian");
    let need = &rows[ipak + 6];
    assert!(need.starts_with("1 | hasil.bersih.ipak"), "{need}");
    assert!(need.contains("| ≥ 3,60 | indeks perlu ≥ 3,60"), "{need}");
}
