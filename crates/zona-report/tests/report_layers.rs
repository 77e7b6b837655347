//! Answer layers in the xlsx report: the unit's answers, a TPI layer that changed some of them and
//! left the rest blank (inherited), and a TPN layer on top, resolved with
//! `zona_core::layers::resolve` and scored on their own. The report is written, its Lapisan sheet is
//! read back with calamine, and every number is checked against the `ScoreResult`s and
//! `zona_core::layers::differences` (order, changes in points, inherited flags). Numbers are
//! compared exactly: the report stores full-precision values.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use zona_core::layers::{differences, resolve, Layer};
use zona_core::score::ItemScore;
use zona_core::{
    default_criteria, score, AnswerKind, AnswerSet, Cell, Criteria, ItemAnswer, ItemStatus, Lang,
    LayeredAnswers, Location, RawValue, ScoreOptions, ScoreResult, UnansweredPolicy,
};
use zona_read::{read_answers, SourceInfo};
use zona_report::report::{
    layers_sheet_name, report_bytes, sheet_names, write_report, LayerInput, ReportInput,
    ReportOptions,
};
use zona_report::WriteError;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/lke-zi-workbook-example.xlsx")
}

/// The item the unit left unanswered (and the TPI answered).
const UNIT_BLANK: &str = "pemenuhan.mp.monev.c";
/// The TPI's own answers: (item key, answer). Everything else it left blank.
const TPI_OWN: &[(&str, &str)] = &[
    ("hasil.bersih.ipak", "3,50"),            // index 4 → 3.50
    ("pemenuhan.mp.monev.b", "C"),            // A → C
    (UNIT_BLANK, "A"),                        // unanswered → A
    ("reform.mp.komitmen_pimpinan.a", "B"),   // A → B
    ("pemenuhan.tt.sop.a", "F"),              // A → invalid
    ("pemenuhan.mp.tim_kerja.a", "<unit's>"), // the unit's own answer again: no difference
];
/// The ratio item whose TPI layer fills only the "selesai" count (the others come from the unit).
const TPI_RATIO: &str = "reform.pw.pengaduan_masyarakat.a";
/// The TPN's own answers.
const TPN_OWN: &[(&str, &str)] = &[
    ("hasil.bersih.ipak", "3.8"),
    ("reform.mp.komitmen_pimpinan.a", "A"),
];
const TPI_NOTE: &str = "Dokumen monev belum lengkap (catatan TPI)";

struct Layered {
    c: Criteria,
    src: SourceInfo,
    opts: ScoreOptions,
    /// Resolved and scored, in evaluation order.
    layers: Vec<(Layer, AnswerSet, ScoreResult)>,
}

fn cell(v: RawValue) -> Option<Cell> {
    Some(Cell::new(v, Location::default()))
}

fn own_answer(c: &Criteria, unit: &AnswerSet, key: &str, answer: &str) -> (usize, ItemAnswer) {
    let id = c.item_by_key(key).unwrap_or_else(|| panic!("item {key}"));
    let value = if answer == "<unit's>" {
        unit.items[id.0]
            .as_ref()
            .and_then(|a| a.answer.as_ref())
            .map(|c| c.value.clone())
            .expect("the unit answered it")
    } else {
        RawValue::Text(answer.to_string())
    };
    (
        id.0,
        ItemAnswer {
            answer: cell(value),
            ..Default::default()
        },
    )
}

impl Layered {
    /// Unit, TPI and (with `tpn`) TPN layers, resolved and scored with `policy`.
    fn new(policy: UnansweredPolicy, tpn: bool) -> Layered {
        let c = default_criteria();
        let (mut unit, src) = read_answers(&example(), &c).expect("the example workbook reads");
        let blank = c.item_by_key(UNIT_BLANK).unwrap();
        unit.items[blank.0] = None;

        let blank_layer = |unit: &AnswerSet| AnswerSet {
            source: unit.source.clone(),
            unit: unit.unit.clone(),
            items: vec![None; c.items.len()],
            nodes: unit.nodes.clone(),
            diagnostics: Vec::new(),
            number_form: unit.number_form,
        };
        let mut tpi = blank_layer(&unit);
        for (key, answer) in TPI_OWN {
            let (i, mut a) = own_answer(&c, &unit, key, answer);
            if *key == "pemenuhan.mp.monev.b" {
                a.note = Some(TPI_NOTE.to_string());
            }
            tpi.items[i] = Some(a);
        }
        let ratio = c.item_by_key(TPI_RATIO).unwrap();
        let AnswerKind::Ratio(r) = &c.item(ratio).answer else {
            panic!("{TPI_RATIO} is a ratio item");
        };
        let mut inputs = vec![None; r.inputs.len()];
        let selesai = r.inputs.iter().position(|i| i.key == "selesai").unwrap();
        inputs[selesai] = cell(RawValue::Number(4.0));
        tpi.items[ratio.0] = Some(ItemAnswer {
            inputs,
            ..Default::default()
        });

        let mut layers = vec![(Layer::Unit, unit.clone()), (Layer::Tpi, tpi)];
        if tpn {
            let mut set = blank_layer(&unit);
            for (key, answer) in TPN_OWN {
                let (i, a) = own_answer(&c, &unit, key, answer);
                set.items[i] = Some(a);
            }
            layers.push((Layer::Tpn, set));
        }
        let opts = ScoreOptions {
            unanswered: policy,
            ..Default::default()
        };
        let layers = resolve(LayeredAnswers { layers })
            .layers
            .into_iter()
            .map(|(l, a)| {
                let r = score(&c, &a, &opts);
                (l, a, r)
            })
            .collect();
        Layered {
            c,
            src,
            opts,
            layers,
        }
    }

    fn layer_inputs(&self) -> Vec<LayerInput<'_>> {
        self.layers
            .iter()
            .map(|(layer, answers, result)| LayerInput {
                layer: *layer,
                answers,
                result,
            })
            .collect()
    }

    /// The report input showing layer `shown` with `layers`.
    fn input<'a>(
        &'a self,
        shown: usize,
        layers: &'a [LayerInput<'a>],
        lang: Lang,
    ) -> ReportInput<'a> {
        let (_, answers, result) = &self.layers[shown];
        ReportInput {
            criteria: &self.c,
            answers,
            result,
            source: &self.src,
            options: &self.opts,
            lang,
            layers,
            keeping: None,
            evidence: None,
        }
    }
}

fn write(input: &ReportInput, dir: &Path, name: &str) -> Xlsx<std::io::BufReader<std::fs::File>> {
    let path = dir.join(name);
    write_report(&path, input, &ReportOptions::default())
        .unwrap_or_else(|e| panic!("report written: {}", e.message(Lang::En)));
    open_workbook(&path).expect("the report opens with calamine")
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

/// The first row in `from..to` whose column `col` holds `text`.
#[track_caller]
fn find_row_in(r: &Range<Data>, (from, to): (u32, u32), col: u32, text: &str) -> u32 {
    (from..to)
        .find(|row| txt(r, *row, col) == text)
        .unwrap_or_else(|| panic!("no row with {text:?} in column {col}"))
}

fn end(r: &Range<Data>) -> u32 {
    r.end().map_or(0, |e| e.0 + 1)
}

fn short(l: Layer) -> &'static str {
    match l {
        Layer::Unit => "Unit",
        Layer::Tpi => "TPI",
        Layer::Tpn => "TPN",
    }
}

fn pair_title(lang: Lang, a: Layer, b: Layer) -> String {
    match lang {
        Lang::Id => format!(
            "{} → {}: item yang nilainya berbeda, perubahan terbesar dulu",
            short(a),
            short(b)
        ),
        Lang::En => format!(
            "{} → {}: items whose value differs, largest change first",
            short(a),
            short(b)
        ),
    }
}

fn inherited_label(lang: Lang, from: Layer) -> String {
    match lang {
        Lang::Id => format!("diwarisi dari {}", short(from)),
        Lang::En => format!("inherited from {}", short(from)),
    }
}

/// An answer cell as the LKE sheet writes it.
#[track_caller]
fn check_answer(
    r: &Range<Data>,
    row: u32,
    col: u32,
    kind: &AnswerKind,
    s: &ItemScore,
    raw: Option<&ItemAnswer>,
    lang: Lang,
) {
    match (s.status, kind) {
        (ItemStatus::Answered, AnswerKind::Ratio(_)) => same_opt(r, row, col, s.value),
        (ItemStatus::Answered, AnswerKind::Index { .. }) => {
            let index: f64 = s.answer.as_deref().unwrap().parse().unwrap();
            same(r, row, col, index);
        }
        (ItemStatus::Answered, AnswerKind::Choice(_)) => {
            assert_eq!(Some(txt(r, row, col)), s.answer, "row {row}");
        }
        (ItemStatus::Invalid, _) => {
            let cell = raw.and_then(|a| a.answer.as_ref()).unwrap();
            assert_eq!(txt(r, row, col), cell.value.display());
        }
        (ItemStatus::Unanswered, _) => {
            assert_eq!(txt(r, row, col), lang.pick("Belum diisi", "Not filled"));
        }
    }
}

/// Counts of the side-by-side table for one layer: answered, unanswered, invalid, inherited.
fn counts(a: &AnswerSet, r: &ScoreResult) -> [(&'static str, usize); 4] {
    [
        ("answered", r.count_status(ItemStatus::Answered)),
        ("unanswered", r.count_status(ItemStatus::Unanswered)),
        ("invalid", r.count_status(ItemStatus::Invalid)),
        (
            "inherited",
            a.items
                .iter()
                .flatten()
                .filter(|x| x.inherited_from.is_some())
                .count(),
        ),
    ]
}

/// The whole Lapisan sheet against the layers: side by side, then every pair's differences.
/// Returns how many difference rows were marked inherited.
fn check_layers_sheet(l: &Layered, sheet: &Range<Data>, lang: Lang) -> usize {
    let c = &l.c;
    let n = l.layers.len() as u32;
    let names: Vec<&str> = l.layers.iter().map(|(x, _, _)| short(*x)).collect();
    assert_eq!(
        txt(sheet, 0, 0),
        format!(
            "{}: {}",
            lang.pick("Lapisan jawaban", "Answer layers"),
            names.join(" → ")
        )
    );

    // Side by side: key, label, weight, score and % per layer, change per pair.
    let head = find_row_in(sheet, (0, end(sheet)), 0, lang.pick("Kunci", "Key"));
    let first_pair = find_row_in(
        sheet,
        (head, end(sheet)),
        0,
        &pair_title(lang, l.layers[0].0, l.layers[1].0),
    );
    let area = (head, first_pair);
    for (i, (layer, _, _)) in l.layers.iter().enumerate() {
        assert_eq!(
            txt(sheet, head, 3 + 2 * i as u32),
            format!("{}: {}", short(*layer), lang.pick("nilai", "score"))
        );
    }
    let scores = |row: u32, weight: f64, values: &[f64]| {
        same(sheet, row, 2, weight);
        for (i, v) in values.iter().enumerate() {
            let col = 3 + 2 * i as u32;
            same(sheet, row, col, *v);
            same(
                sheet,
                row,
                col + 1,
                if weight > 0.0 {
                    v / weight * 100.0
                } else {
                    0.0
                },
            );
        }
        for (j, pair) in values.windows(2).enumerate() {
            same(sheet, row, 3 + 2 * n + j as u32, pair[1] - pair[0]);
        }
        // Nothing after the last change column.
        assert_eq!(txt(sheet, row, 3 + 3 * n - 1), "");
    };
    let results: Vec<&ScoreResult> = l.layers.iter().map(|(_, _, r)| r).collect();
    let row = find_row_in(sheet, area, 0, "total");
    assert_eq!(txt(sheet, row, 1), lang.pick("NILAI TOTAL", "TOTAL SCORE"));
    let totals: Vec<f64> = results.iter().map(|r| r.total).collect();
    scores(row, results[0].max_total, &totals);
    let mut node_rows = 0;
    for root in &c.roots {
        let mut ids = vec![*root];
        ids.extend(c.node(*root).children.iter().copied());
        for id in ids {
            let row = find_row_in(sheet, area, 0, &c.node(id).key);
            let values: Vec<f64> = results.iter().map(|r| r.node(id).score).collect();
            scores(row, c.node(id).weight, &values);
            node_rows += 1;
        }
    }
    assert_eq!(node_rows, 6, "pengungkit, hasil and their components");
    for (k, a) in c.areas.iter().enumerate() {
        let row = find_row_in(sheet, area, 0, &a.key);
        assert_eq!(txt(sheet, row, 1), a.display_name(lang));
        let values: Vec<f64> = results.iter().map(|r| r.areas[k].score).collect();
        scores(row, a.weight, &values);
    }
    for (p, pred) in c.predicates.iter().enumerate() {
        let row = find_row_in(sheet, area, 0, &pred.key);
        assert_eq!(txt(sheet, row, 1), pred.display_name(lang));
        for (i, r) in results.iter().enumerate() {
            assert_eq!(
                txt(sheet, row, 3 + 2 * i as u32),
                r.predicates[p].status_label(lang)
            );
        }
    }
    for (i, (_, a, r)) in l.layers.iter().enumerate() {
        for (key, count) in counts(a, r) {
            let row = find_row_in(sheet, area, 0, key);
            same(sheet, row, 3 + 2 * i as u32, count as f64);
        }
    }

    // Every consecutive pair: the count, the change in the total, then `differences` row by row.
    let mut inherited_rows = 0;
    let mut from = head;
    for pair in l.layers.windows(2) {
        let ((la, aa, ra), (lb, ab, rb)) = (&pair[0], &pair[1]);
        let title = find_row_in(sheet, (from, end(sheet)), 0, &pair_title(lang, *la, *lb));
        let diffs = differences(c, ra, rb);
        assert!(!diffs.is_empty());
        same(sheet, title + 1, 1, diffs.len() as f64);
        same(sheet, title + 2, 1, rb.total - ra.total);
        let head = title + 3;
        assert_eq!(
            txt(sheet, head, 8),
            lang.pick("Selisih (poin)", "Change (points)")
        );
        assert_eq!(
            txt(sheet, head, 2),
            format!("{} {}", lang.pick("Jawaban", "Answer"), short(*la))
        );
        for (k, d) in diffs.iter().enumerate() {
            let row = head + 1 + k as u32;
            let item = c.item(d.item);
            assert_eq!(txt(sheet, row, 0), item.key, "row {row}");
            assert_eq!(txt(sheet, row, 1), item.display_text(lang));
            let (sa, sb) = (ra.item(d.item), rb.item(d.item));
            check_answer(sheet, row, 2, &item.answer, sa, aa.get(d.item), lang);
            check_answer(sheet, row, 3, &item.answer, sb, ab.get(d.item), lang);
            same_opt(sheet, row, 4, d.from_value);
            same_opt(sheet, row, 5, d.to_value);
            same(sheet, row, 6, sa.points);
            same(sheet, row, 7, sb.points);
            same(sheet, row, 8, d.delta_points);
            assert_eq!(d.delta_points, sb.points - sa.points);
            let inherited = ab
                .get(d.item)
                .and_then(|x| x.inherited_from)
                .map(|f| inherited_label(lang, f))
                .unwrap_or_default();
            if !inherited.is_empty() {
                inherited_rows += 1;
            }
            assert_eq!(txt(sheet, row, 9), inherited, "{}", item.key);
            // Largest change first, as the sheet shows it.
            if k > 0 {
                let before = num(sheet, row - 1, 8).unwrap().abs();
                assert!(before >= num(sheet, row, 8).unwrap().abs());
            }
        }
        let after = head + 1 + diffs.len() as u32;
        assert_eq!(txt(sheet, after, 0), "", "no row after the last difference");
        from = after;
    }
    inherited_rows
}

#[test]
fn the_layers_sheet_matches_every_layer_and_difference() {
    let l = Layered::new(UnansweredPolicy::Zero, true);
    assert_eq!(l.layers.len(), 3);
    let all = l.layer_inputs();
    // The report shows the TPI layer.
    let input = l.input(1, &all, Lang::Id);
    assert_eq!(input.shown_layer(), Some(Layer::Tpi));
    let dir = tempfile::tempdir().unwrap();
    let mut wb = write(&input, dir.path(), "laporan.xlsx");
    assert_eq!(
        wb.sheet_names(),
        vec![
            "Ringkasan",
            "Lapisan",
            "LKE",
            "Bukti",
            "Prioritas",
            "Validasi",
            "Metode"
        ]
    );
    let sheet = wb.worksheet_range("Lapisan").unwrap();
    let inherited_rows = check_layers_sheet(&l, &sheet, Lang::Id);
    // Under the zero policy an inherited answer keeps its value and points: only own answers differ.
    assert_eq!(inherited_rows, 0);

    // Hand-checked unit → TPI differences, largest first. IPAK: (3.5 − 4)/4 × 17.5 = −2.1875.
    // Pengaduan (weight 3, one item): selesai 1 → 4 of harus 6: +1.5. Then the smaller ones: monev
    // c (3 items, weight 1) unanswered → A, monev b A → C, SOP a invalid (it loses its share of
    // the SOP sub-area), komitmen pimpinan A → B (−0.25).
    let (c, unit, tpi) = (&l.c, &l.layers[0].2, &l.layers[1].2);
    let diffs = differences(c, unit, tpi);
    let keys: Vec<&str> = diffs.iter().map(|d| c.item(d.item).key.as_str()).collect();
    assert_eq!(keys[0], "hasil.bersih.ipak");
    assert_eq!(keys[1], TPI_RATIO);
    let mut want: Vec<&str> = TPI_OWN
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| *k != "pemenuhan.mp.tim_kerja.a")
        .chain([TPI_RATIO])
        .collect();
    want.sort();
    let mut got = keys.clone();
    got.sort();
    assert_eq!(got, want, "the unit's own answer repeated is no difference");
    assert!((diffs[0].delta_points + 2.1875).abs() < 1e-12);
    assert!((diffs[1].delta_points - 1.5).abs() < 1e-12);
    // TPI → TPN: the IPAK 3.5 → 3.8 and komitmen B → A; everything else is inherited.
    let tpn = &l.layers[2].2;
    let keys: Vec<String> = differences(c, tpi, tpn)
        .iter()
        .map(|d| c.item(d.item).key.clone())
        .collect();
    assert_eq!(
        keys,
        vec!["hasil.bersih.ipak", "reform.mp.komitmen_pimpinan.a"]
    );

    // The LKE sheet of the shown (TPI) layer marks every inherited answer in Catatan.
    let lke = wb.worksheet_range("LKE").unwrap();
    let tpi_answers = &l.layers[1].1;
    let mut marked = 0;
    for (i, item) in c.items.iter().enumerate() {
        let row = find_row_in(&lke, (1, end(&lke)), 0, &item.key);
        let note = txt(&lke, row, 9);
        match tpi_answers.items[i].as_ref().and_then(|a| a.inherited_from) {
            Some(from) => {
                assert_eq!(from, Layer::Unit);
                assert!(
                    note.starts_with("Diwarisi dari Unit"),
                    "{}: {note:?}",
                    item.key
                );
                marked += 1;
            }
            None => assert!(!note.contains("Diwarisi"), "{}: {note:?}", item.key),
        }
    }
    // Every item but the TPI's own: six answers and the partly filled ratio item.
    assert_eq!(marked, c.items.len() - TPI_OWN.len() - 1);
    let monev = find_row_in(&lke, (1, end(&lke)), 0, "pemenuhan.mp.monev.b");
    assert_eq!(txt(&lke, monev, 9), TPI_NOTE);

    // The summary names the layer shown and points to the Lapisan sheet.
    let sum = wb.worksheet_range("Ringkasan").unwrap();
    let row = find_row_in(&sum, (0, end(&sum)), 0, "Lapisan jawaban");
    assert_eq!(
        txt(&sum, row, 1),
        "TPI (penilai internal); semua lapisan dan bedanya: lembar Lapisan"
    );
}

#[test]
fn tpn_inherits_from_the_layer_that_gave_the_answer() {
    let l = Layered::new(UnansweredPolicy::Zero, true);
    let tpn = &l.layers[2].1;
    let id = |k: &str| l.c.item_by_key(k).unwrap().0;
    let from = |k: &str| tpn.items[id(k)].as_ref().and_then(|a| a.inherited_from);
    assert_eq!(from("pemenuhan.mp.monev.b"), Some(Layer::Tpi));
    assert_eq!(from("pemenuhan.mp.monev.a"), Some(Layer::Unit));
    assert_eq!(from("hasil.bersih.ipak"), None);
    // The report showing TPN says so in its LKE sheet.
    let all = l.layer_inputs();
    let input = l.input(2, &all, Lang::Id);
    let bytes = report_bytes(&input).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tpn.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let lke = wb.worksheet_range("LKE").unwrap();
    let row = find_row_in(&lke, (1, end(&lke)), 0, "pemenuhan.mp.monev.b");
    assert_eq!(
        txt(&lke, row, 9),
        format!("Diwarisi dari TPI\n{TPI_NOTE}"),
        "the inherited answer keeps the TPI's note"
    );
    let row = find_row_in(&lke, (1, end(&lke)), 0, "hasil.bersih.ipak");
    assert_eq!(txt(&lke, row, 9), "");
}

#[test]
fn exclude_policy_lists_inherited_answers_whose_points_moved_in_english() {
    // Under `exclude` the TPI's answer to the item the unit left blank changes the divisor of its
    // sub-area: the inherited answers next to it move in points too, and are flagged.
    let l = Layered::new(UnansweredPolicy::Exclude, false);
    let all = l.layer_inputs();
    let input = l.input(0, &all, Lang::En);
    assert_eq!(input.shown_layer(), Some(Layer::Unit));
    let dir = tempfile::tempdir().unwrap();
    let mut wb = write(&input, dir.path(), "report.xlsx");
    assert_eq!(
        wb.sheet_names(),
        vec![
            "Summary",
            "Layers",
            "LKE",
            "Evidence",
            "Priorities",
            "Validation",
            "Method"
        ]
    );
    assert_eq!(layers_sheet_name(Lang::En), "Layers");
    let sheet = wb.worksheet_range("Layers").unwrap();
    let inherited_rows = check_layers_sheet(&l, &sheet, Lang::En);
    assert!(
        inherited_rows >= 1,
        "monev a is inherited and its points moved"
    );
    let row = find_row_in(&sheet, (0, end(&sheet)), 0, "pemenuhan.mp.monev.a");
    assert_eq!(txt(&sheet, row, 9), "inherited from Unit");
    // The unit's own LKE sheet has nothing inherited.
    let lke = wb.worksheet_range("LKE").unwrap();
    for row in 1..end(&lke) {
        assert!(!txt(&lke, row, 9).contains("Inherited"), "row {row}");
    }
    let sum = wb.worksheet_range("Summary").unwrap();
    let row = find_row_in(&sum, (0, end(&sum)), 0, "Answer layer");
    assert_eq!(
        txt(&sum, row, 1),
        "Unit (self-assessment); every layer and where they differ: sheet Layers"
    );
}

#[test]
fn one_layer_or_none_gives_no_layers_sheet() {
    let l = Layered::new(UnansweredPolicy::Zero, false);
    let all = l.layer_inputs();
    let dir = tempfile::tempdir().unwrap();
    for (k, layers) in [&all[..0], &all[..1]].into_iter().enumerate() {
        for lang in [Lang::Id, Lang::En] {
            let input = l.input(0, layers, lang);
            let wb = write(&input, dir.path(), &format!("satu-{k}-{lang:?}.xlsx"));
            assert_eq!(wb.sheet_names(), sheet_names(lang).to_vec());
        }
        // Without other layers, the unit's report does not mention layers at all.
        let input = l.input(0, layers, Lang::Id);
        let mut wb = write(&input, dir.path(), &format!("ringkasan-{k}.xlsx"));
        let sum = wb.worksheet_range("Ringkasan").unwrap();
        assert!((0..end(&sum)).all(|r| txt(&sum, r, 0) != "Lapisan jawaban"));
    }
    // A single TPI layer shown is still named in the summary.
    let tpi_only = [all[1]];
    let input = l.input(1, &tpi_only, Lang::Id);
    let mut wb = write(&input, dir.path(), "tpi.xlsx");
    assert_eq!(wb.sheet_names(), sheet_names(Lang::Id).to_vec());
    let sum = wb.worksheet_range("Ringkasan").unwrap();
    let row = find_row_in(&sum, (0, end(&sum)), 0, "Lapisan jawaban");
    assert_eq!(txt(&sum, row, 1), "TPI (penilai internal)");
}

#[test]
fn same_layers_same_bytes() {
    let l = Layered::new(UnansweredPolicy::Zero, true);
    let all = l.layer_inputs();
    let one = report_bytes(&l.input(1, &all, Lang::Id)).unwrap();
    assert!(one == report_bytes(&l.input(1, &all, Lang::Id)).unwrap());
    // Read, resolved and scored again from scratch: the same bytes.
    let again = Layered::new(UnansweredPolicy::Zero, true);
    let all_again = again.layer_inputs();
    assert!(one == report_bytes(&again.input(1, &all_again, Lang::Id)).unwrap());
    // The layers change the report.
    assert!(one != report_bytes(&l.input(1, &all[1..2], Lang::Id)).unwrap());
}

#[test]
fn a_layer_scored_with_other_criteria_is_an_error_not_a_panic() {
    let l = Layered::new(UnansweredPolicy::Zero, false);
    let mut broken = l.layers[1].2.clone();
    broken.items.pop();
    let all = [
        l.layer_inputs()[0],
        LayerInput {
            layer: Layer::Tpi,
            answers: &l.layers[1].1,
            result: &broken,
        },
    ];
    let input = l.input(0, &all, Lang::Id);
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
