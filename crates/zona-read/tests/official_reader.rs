//! The official-layout reader against workbooks written by `lke_writer`: a clean round trip, a
//! messy copy (shifted rows and columns, renamed sheet, sloppy answers), a deleted item row, and the
//! real example workbook of the domain reference.

use std::path::{Path, PathBuf};

use zona_core::criteria::{AnswerKind, ScaleKind};
use zona_core::{default_criteria, score, AnswerSet, Criteria, ItemStatus, Lang, ScoreResult};
use zona_read::read_answers;
use zona_report::lke_writer::{plan_lke, write_filled_lke, FillValue, LkeFill, LkeLayoutOptions};

const EPS: f64 = 1e-9;

/// Count inputs of the eight ratio items: (item, [(input, count)]).
const COUNTS: &[(&str, &[(&str, u32)])] = &[
    // 8 / 10 = 0.8
    (
        "reform.mp.komitmen.a",
        &[("jumlah_agen", 10), ("perubahan_dibuat", 8)],
    ),
    // 6 / 8 = 0.75
    (
        "reform.mp.komitmen.b",
        &[("perubahan_dibuat", 8), ("perubahan_diintegrasikan", 6)],
    ),
    // (10 − 4) / 10 = 0.6
    (
        "reform.sdm.pelanggaran_disiplin.a",
        &[
            ("pelanggaran_sebelumnya", 10),
            ("pelanggaran_tahun_ini", 4),
            ("diberi_sanksi", 4),
        ],
    ),
    // 8 / 8 = 1
    (
        "reform.ak.capaian_kinerja.a",
        &[("jumlah_sasaran", 8), ("sasaran_tercapai", 8)],
    ),
    // 18 / 20 = 0.9
    (
        "reform.pw.pengaduan_masyarakat.a",
        &[("harus", 20), ("sedang_diproses", 2), ("selesai", 18)],
    ),
    // harus = 1 + 4 + 5 = 10 (written by the writer as the sum); 9 / 10 = 0.9
    (
        "reform.pw.lhk.lhkpn.a",
        &[
            ("kepala_satker", 1),
            ("pejabat_wajib", 4),
            ("lainnya", 5),
            ("sudah", 9),
        ],
    ),
    // harus = 2 + 6 + 40 = 48; 48 / 48 = 1
    (
        "reform.pw.lhk.lhkasn.a",
        &[
            ("eselon_iii", 2),
            ("eselon_iv", 6),
            ("fungsional_pelaksana", 40),
            ("sudah", 48),
        ],
    ),
    // 7 / 10 = 0.7
    (
        "reform.pp.inovasi_pelayanan.b",
        &[("terdata", 10), ("dipermudah", 7)],
    ),
];

/// Choice answers other than the best option.
const DEVIATIONS: &[(&str, &str)] = &[
    ("pemenuhan.mp.tim_kerja.b", "B"),               // A/B/C: 0.5
    ("pemenuhan.mp.rencana_pembangunan.a", "Tidak"), // 0
    ("pemenuhan.mp.monev.b", "C"),                   // A/B/C/D: 0.33
    ("pemenuhan.tt.sop.b", "B"),                     // A/B/C/D/E: 0.75
    ("hasil.bersih.capaian", "B"),                   // A/B/C/D/E: 0.75
];

/// The clean fill: every choice item the best option except [`DEVIATIONS`], IPAK 3.45,
/// IPKP 3.2, the counts of [`COUNTS`], a note and evidence on every item.
fn clean_fill(c: &Criteria) -> LkeFill {
    let mut fill = LkeFill {
        unit_name: Some("Unit Uji".into()),
        instansi: Some("Instansi Uji".into()),
        year: Some(2025),
        title_note: Some("uji".into()),
        ..Default::default()
    };
    for item in &c.items {
        let f = fill.item_mut(&item.key);
        f.note = Some(format!("catatan {}", item.key));
        f.evidence_text = Some(format!("data dukung {}", item.key));
        f.evidence_link = Some(format!("https://contoh.example/{}.pdf", item.key));
        match &item.answer {
            AnswerKind::Choice(s) => {
                let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
                    unreachable!()
                };
                f.answer = Some(FillValue::Text(opts[0].code.clone()));
            }
            AnswerKind::Index { .. } => {}
            AnswerKind::Ratio(_) => {}
        }
    }
    for (key, code) in DEVIATIONS {
        fill.set_answer(key, *code);
    }
    fill.set_answer("hasil.bersih.ipak", 3.45);
    fill.set_answer("hasil.prima.ipkp", 3.2);
    for (key, inputs) in COUNTS {
        for (input, n) in *inputs {
            fill.set_input(key, input, *n);
        }
    }
    fill
}

fn write(dir: &Path, name: &str, c: &Criteria, fill: &LkeFill, opts: &LkeLayoutOptions) -> PathBuf {
    let path = dir.join(name);
    write_filled_lke(&path, c, fill, opts).expect("write workbook");
    path
}

fn read_and_score(path: &Path, c: &Criteria) -> (AnswerSet, ScoreResult) {
    let (answers, _info) = read_answers(path, c).expect("read workbook");
    let result = score(c, &answers, &Default::default());
    (answers, result)
}

fn node(c: &Criteria, r: &ScoreResult, key: &str) -> f64 {
    r.node_score(c, key)
        .unwrap_or_else(|| panic!("no node {key}"))
}

fn not_found(answers: &AnswerSet) -> Vec<(String, Option<String>)> {
    answers
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code(), "item_not_found" | "input_not_found"))
        .map(|d| (d.code().to_string(), d.item.clone()))
        .collect()
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < EPS,
        "{what}: got {actual}, expected {expected}"
    );
}

#[test]
fn round_trip_scores_as_computed_by_hand() {
    let c = default_criteria();
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "clean.xlsx",
        &c,
        &clean_fill(&c),
        &LkeLayoutOptions::default(),
    );
    let (answers, r) = read_and_score(&path, &c);
    // Every Pilihan Jawaban and Bobot the writer put down agrees with the criteria: no reading
    // diagnostics at all.
    assert!(answers.diagnostics.is_empty(), "{:?}", answers.diagnostics);
    assert_eq!(r.count_status(ItemStatus::Answered), c.items.len());

    // Sub-areas (mean of item values × weight):
    // tim_kerja 0.5, 2 items: (Ya 1 + B 0.5) / 2 × 0.5 = 0.375
    assert_close(node(&c, &r, "pemenuhan.mp.tim_kerja"), 0.375, "tim_kerja");
    // rencana_pembangunan 1.0, 3 items: (Tidak 0 + A 1 + A 1) / 3 = 0.666…
    assert_close(
        node(&c, &r, "pemenuhan.mp.rencana_pembangunan"),
        2.0 / 3.0,
        "rencana_pembangunan",
    );
    // monev 1.0, 3 items: (1 + 0.33 + 1) / 3 = 0.776…
    assert_close(node(&c, &r, "pemenuhan.mp.monev"), 2.33 / 3.0, "monev");
    // pemenuhan.mp 4.0: 0.375 + 0.6667 + 0.7767 + 1.5 = 4 − 0.125 − 1/3 − 0.67/3
    assert_close(
        node(&c, &r, "pemenuhan.mp"),
        4.0 - 0.125 - 1.0 / 3.0 - 0.67 / 3.0,
        "pemenuhan.mp",
    );
    // komitmen 2.0, 2 ratio items: (0.8 + 0.75) / 2 × 2 = 1.55
    assert_close(node(&c, &r, "reform.mp.komitmen"), 1.55, "komitmen");
    // pelanggaran 2.0: (10 − 4) / 10 × 2 = 1.2
    assert_close(
        node(&c, &r, "reform.sdm.pelanggaran_disiplin"),
        1.2,
        "pelanggaran",
    );
    // LHKPN 1.0: 9 / (1 + 4 + 5) = 0.9
    assert_close(node(&c, &r, "reform.pw.lhk.lhkpn"), 0.9, "lhkpn");
    // inovasi 2.5, 2 items: (A 1 + 7/10) / 2 × 2.5 = 2.125
    assert_close(
        node(&c, &r, "reform.pp.inovasi_pelayanan"),
        2.125,
        "inovasi",
    );
    // hasil.bersih: IPAK 3.45 / 4 × 17.5 = 15.09375, capaian B 0.75 × 5 = 3.75 → 18.84375
    assert_close(node(&c, &r, "hasil.bersih"), 18.84375, "hasil.bersih");
    // hasil.prima: IPKP 3.2 / 4 × 17.5 = 14
    assert_close(node(&c, &r, "hasil.prima"), 14.0, "hasil.prima");

    // Total = 100 − losses:
    //   pemenuhan: tim_kerja 0.125 + rencana 1/3 + monev 0.67/3 + sop 0.25/3
    //              = 0.125 + (1 + 0.67 + 0.25) / 3 = 0.125 + 0.64 = 0.765
    //   reform:    komitmen 0.45 + pelanggaran 0.8 + pengaduan (1 − 0.9) × 3 = 0.3
    //              + LHKPN 0.1 + inovasi 0.3 × 1.25 = 0.375 → 2.025
    //   hasil:     capaian 1.25 + IPAK 17.5 − 15.09375 = 2.40625 + IPKP 3.5 → 7.15625
    //   total loss 0.765 + 2.025 + 7.15625 = 9.94625 → 90.05375
    assert_close(node(&c, &r, "pemenuhan"), 30.0 - 0.765, "pemenuhan");
    assert_close(node(&c, &r, "reform"), 30.0 - 2.025, "reform");
    assert_close(r.total, 90.05375, "total");

    // IPAK 15.09375 < 15.75: not Menuju WBK despite the total.
    let wbk = r.predicates.iter().find(|p| p.key == "wbk").unwrap();
    assert!(!wbk.met());
    assert_eq!(
        wbk.first_failing().and_then(|f| f.key.as_deref()),
        Some("hasil.bersih.ipak")
    );

    // Notes and evidence come back from O, P and Q.
    let id = c.item_by_key("pemenuhan.mp.monev.b").unwrap();
    let a = answers.get(id).unwrap();
    assert_eq!(a.note.as_deref(), Some("catatan pemenuhan.mp.monev.b"));
    assert!(a
        .evidence
        .iter()
        .any(|e| e.text == ("data dukung pemenuhan.mp.monev.b")));
    assert!(a
        .evidence
        .iter()
        .any(|e| e.link() == Some("https://contoh.example/pemenuhan.mp.monev.b.pdf")));
    // The answer cell is where the plan says.
    let plan = plan_lke(&c, &LkeLayoutOptions::default());
    assert_eq!(
        a.answer.as_ref().unwrap().location.cell,
        plan.answer_cell("pemenuhan.mp.monev.b")
    );
    assert_eq!(
        plan.answer_cell("pemenuhan.mp.monev.b").as_deref(),
        Some("K16")
    );
}

/// Every layout option combination, with both sheet names, reads back completely.
#[test]
fn every_layout_combination_is_found() {
    let c = default_criteria();
    let fill = clean_fill(&c);
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    for extra in [0, 3] {
        for blank in [false, true] {
            for shift in [0, 2] {
                for sheet in ["LKE ZI", "Penilaian 2025"] {
                    let opts = LkeLayoutOptions {
                        sheet_name: sheet.into(),
                        extra_title_rows: extra,
                        blank_row_after_each_subarea: blank,
                        shift_columns: shift,
                        ..Default::default()
                    };
                    n += 1;
                    let path = write(dir.path(), &format!("combo{n}.xlsx"), &c, &fill, &opts);
                    let (answers, r) = read_and_score(&path, &c);
                    assert_eq!(not_found(&answers), vec![], "{opts:?}");
                    assert!(
                        answers.diagnostics.is_empty(),
                        "{opts:?}: {:?}",
                        answers.diagnostics
                    );
                    assert_close(r.total, 90.05375, &format!("{opts:?}"));
                }
            }
        }
    }
}

/// How a unit might type a choice code: `a`, `A.`, ` ya`, `tidak ` …
fn messy_code(code: &str, i: usize) -> String {
    match i % 4 {
        0 => code.to_lowercase(),
        1 => format!("{code}."),
        2 => format!(" {}", code.to_lowercase()),
        _ => format!("{} ", code.to_lowercase()),
    }
}

#[test]
fn messy_copy_scores_like_the_clean_one_except_invalid_items() {
    let c = default_criteria();
    let clean = clean_fill(&c);
    let mut messy = clean.clone();
    for (i, item) in c.items.iter().enumerate() {
        let f = messy.item_mut(&item.key);
        if let Some(FillValue::Text(code)) = &f.answer {
            f.answer = Some(FillValue::Text(messy_code(code, i)));
        }
        // Counts typed as text ("7").
        for v in f.inputs.values_mut() {
            if let FillValue::Number(n) = v {
                *v = FillValue::Text(format!("{n}"));
            }
        }
    }
    // The answers the brief names, whatever the cycle above gave them.
    messy.set_answer("pemenuhan.mp.rencana_pembangunan.a", "tidak ");
    messy.set_answer("pemenuhan.mp.pola_pikir_budaya_kerja.a", " ya");
    messy.set_answer("pemenuhan.mp.rencana_pembangunan.b", "a");
    messy.set_answer("pemenuhan.mp.rencana_pembangunan.c", "A.");
    messy.set_input("reform.pp.inovasi_pelayanan.b", "dipermudah", "7");
    messy.set_answer("hasil.bersih.ipak", "3,45");
    messy.set_answer("hasil.prima.ipkp", "3,2");
    // Invalid: F on an A/B/C/D item, Iya on a Ya/Tidak item.
    messy.set_answer("pemenuhan.mp.monev.a", "F");
    messy.set_answer("pemenuhan.mp.tim_kerja.a", "Iya");

    let opts = LkeLayoutOptions {
        sheet_name: "Penilaian 2025".into(),
        extra_title_rows: 2,
        blank_row_after_each_subarea: true,
        shift_columns: 1,
        ..Default::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let clean_path = write(
        dir.path(),
        "clean.xlsx",
        &c,
        &clean,
        &LkeLayoutOptions::default(),
    );
    let messy_path = write(dir.path(), "messy.xlsx", &c, &messy, &opts);
    let (_, rc) = read_and_score(&clean_path, &c);
    let (ma, rm) = read_and_score(&messy_path, &c);
    assert_eq!(not_found(&ma), vec![]);

    let invalid = ["pemenuhan.mp.monev.a", "pemenuhan.mp.tim_kerja.a"];
    for (i, item) in c.items.iter().enumerate() {
        if invalid.contains(&item.key.as_str()) {
            assert_eq!(rm.items[i].status, ItemStatus::Invalid, "{}", item.key);
            assert_eq!(rm.items[i].points, 0.0, "{}", item.key);
        } else {
            assert_eq!(rm.items[i].status, ItemStatus::Answered, "{}", item.key);
            assert_eq!(rm.items[i].value, rc.items[i].value, "{}", item.key);
            assert_close(rm.items[i].points, rc.items[i].points, &item.key);
        }
    }
    // Clean: monev.a A = 1/3 of monev's 1.0; tim_kerja.a Ya = 1/2 of 0.5.
    assert_close(
        node(&c, &rm, "pemenuhan.mp.monev"),
        node(&c, &rc, "pemenuhan.mp.monev") - 1.0 / 3.0,
        "monev",
    );
    assert_close(
        node(&c, &rm, "pemenuhan.mp.tim_kerja"),
        0.375 - 0.25,
        "tim_kerja",
    );
    assert_close(
        node(&c, &rm, "reform.pp.inovasi_pelayanan"),
        2.125,
        "inovasi",
    );
    assert_close(node(&c, &rm, "hasil"), node(&c, &rc, "hasil"), "hasil");
    assert_close(node(&c, &rm, "reform"), node(&c, &rc, "reform"), "reform");
    // 90.05375 − 1/3 − 0.25
    assert_close(rm.total, 90.05375 - 1.0 / 3.0 - 0.25, "total");

    // The two invalid answers, and nothing else, are errors. Cells: title row 1, two extra title
    // rows 2–3, header 4, blank 5, PENGUNGKIT 6, PEMENUHAN 7, MANAJEMEN PERUBAHAN 8,
    // i. Tim Kerja 9, item a 10; b 11, blank 12, ii. Rencana 13, a–c 14–16, blank 17,
    // iii. Monev 18, item a 19. Jawaban is K shifted one column right: L.
    let errors: Vec<_> = rm
        .diagnostics
        .iter()
        .filter(|d| d.severity == zona_core::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    for (key, cell, answer) in [
        ("pemenuhan.mp.tim_kerja.a", "Penilaian 2025!L10", "Iya"),
        ("pemenuhan.mp.monev.a", "Penilaian 2025!L19", "F"),
    ] {
        let d = errors
            .iter()
            .find(|d| d.item.as_deref() == Some(key))
            .unwrap_or_else(|| panic!("no diagnostic for {key}"));
        assert_eq!(d.code(), "invalid_choice");
        assert_eq!(d.location.as_ref().unwrap().sheet_cell(), cell);
        assert!(
            d.message(Lang::Id).contains(&format!("\"{answer}\"")),
            "{}",
            d.message(Lang::Id)
        );
        assert!(
            d.message(Lang::En).contains(&format!("\"{answer}\"")),
            "{}",
            d.message(Lang::En)
        );
        // The plan agrees with the hand count.
        let plan = plan_lke(&c, &opts);
        assert_eq!(
            format!("{}!{}", plan.sheet_name, plan.answer_cell(key).unwrap()),
            cell
        );
    }
}

#[test]
fn a_deleted_item_row_is_reported_and_nothing_else() {
    let c = default_criteria();
    let fill = clean_fill(&c);
    let dir = tempfile::tempdir().unwrap();
    // A choice item, a ratio item with its Jumlah rows, and a hasil item.
    for key in [
        "pemenuhan.pw.wbs.b",
        "reform.mp.komitmen.a",
        "hasil.bersih.capaian",
    ] {
        let opts = LkeLayoutOptions {
            omit_items: [key.to_string()].into(),
            ..Default::default()
        };
        let path = write(dir.path(), &format!("{key}.xlsx"), &c, &fill, &opts);
        let (answers, r) = read_and_score(&path, &c);
        assert_eq!(
            not_found(&answers),
            vec![("item_not_found".to_string(), Some(key.to_string()))],
            "{key}"
        );
        let id = c.item_by_key(key).unwrap();
        assert!(answers.get(id).is_none(), "{key}");
        assert_eq!(r.item(id).status, ItemStatus::Unanswered, "{key}");
        // Every other item is found and answered.
        for (i, item) in c.items.iter().enumerate() {
            if item.key != key {
                assert_eq!(
                    r.items[i].status,
                    ItemStatus::Answered,
                    "{key}: {}",
                    item.key
                );
            }
        }
    }
}

#[test]
fn the_real_example_workbook_is_read_completely() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/lke-zi-workbook-example.xlsx");
    assert!(path.exists(), "{}", path.display());
    let c = default_criteria();
    let (answers, info) = read_answers(&path, &c).expect("read the example");
    assert_eq!(info.sheet, "LKE ZI");
    assert_eq!(not_found(&answers), vec![]);
    assert_eq!(
        answers.items.iter().filter(|a| a.is_some()).count(),
        c.items.len()
    );
}

/// Criteria other than 90/2021: one root, nodes six levels deep (their text is clamped to the
/// column before Bobot), items without markers, a ratio with a summed input.
const DEEP: &str = r#"
[criteria]
id = "uji-dalam"
name = "Kriteria uji bersarang"
regulation = "Uji"
version = "1"

[scales.ya_tidak]
name = "Ya/Tidak"
options = [{ code = "Ya", value = 1.0 }, { code = "Tidak", value = 0.0 }]

[[node]]
key = "akar"
marker = "A."
name = "KOMPONEN UTAMA"
weight = 10.0

[[node]]
key = "l1"
parent = "akar"
marker = "I."
name = "Bagian pertama tentang kelembagaan"
weight = 10.0

[[node]]
key = "l2"
parent = "l1"
marker = "1."
name = "Area pengelolaan arsip dinamis"
weight = 10.0

[[node]]
key = "l3"
parent = "l2"
marker = "i."
name = "Sub area penyimpanan dokumen"
weight = 10.0

[[node]]
key = "l4"
parent = "l3"
marker = "a."
name = "Rincian ruang penyimpanan berkas"
weight = 10.0

[[node]]
key = "l5"
parent = "l4"
marker = "1)"
name = "Rincian lanjutan rak dan lemari arsip"
weight = 6.0

[[node]]
key = "l5b"
parent = "l4"
name = "Pencatatan peminjaman arsip oleh pegawai"
weight = 4.0

[[item]]
key = "l5.rak"
parent = "l5"
text = "Rak arsip diberi label klasifikasi yang seragam"
answer = "ya_tidak"

[[item]]
key = "l5.kunci"
parent = "l5"
marker = "b."
text = "Lemari arsip rahasia selalu dalam keadaan terkunci"
answer = "ya_tidak"

[[item]]
key = "l5b.pinjam"
parent = "l5b"
marker = "-"
text = "Persentase peminjaman arsip yang tercatat"
answer = "ratio"
ratio = { kind = "share", done = "tercatat", required = "semua" }
inputs = [
  { key = "semua", label = "Jumlah peminjaman", sum_of = ["internal", "eksternal"] },
  { key = "internal", label = "Peminjaman oleh unit internal" },
  { key = "eksternal", label = "Peminjaman oleh pihak eksternal" },
  { key = "tercatat", label = "Jumlah peminjaman yang tercatat" },
]
"#;

#[test]
fn any_criteria_deeply_nested_round_trips() {
    let c = zona_core::load_str(DEEP, "deep.toml").expect("criteria");
    let mut fill = LkeFill::default();
    fill.set_answer("l5.rak", "Ya")
        .set_answer("l5.kunci", "Tidak")
        .set_input("l5b.pinjam", "internal", 6)
        .set_input("l5b.pinjam", "eksternal", 2)
        .set_input("l5b.pinjam", "tercatat", 6);
    let dir = tempfile::tempdir().unwrap();
    for shift in [0, 3] {
        let opts = LkeLayoutOptions {
            shift_columns: shift,
            blank_row_after_each_subarea: shift > 0,
            ..Default::default()
        };
        let path = write(dir.path(), &format!("deep{shift}.xlsx"), &c, &fill, &opts);
        let (answers, r) = read_and_score(&path, &c);
        assert!(answers.diagnostics.is_empty(), "{:?}", answers.diagnostics);
        // l5 6.0: (1 + 0) / 2 × 6 = 3; l5b 4.0: 6 / (6 + 2) × 4 = 3 → total 6
        assert_close(node(&c, &r, "l5"), 3.0, "l5");
        assert_close(node(&c, &r, "l5b"), 3.0, "l5b");
        assert_close(r.total, 6.0, "total");
    }
}
