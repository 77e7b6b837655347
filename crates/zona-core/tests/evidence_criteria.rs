//! The expected evidence of the built-in criteria: which 90/2021 items name documents and a period,
//! that docs/evidence-criteria.md lists every item as expected or unspecified as the file does, and
//! that the names match what units really write.

mod common;

use std::collections::BTreeMap;

use zona_core::analysis::evidence::{review, EvidencePolicy, NoFiles};
use zona_core::answer::Location;
use zona_core::answers::evidence::entries_of;
use zona_core::criteria::{ExpectedEvidence, PeriodRule};
use zona_core::{Criteria, DiagKind, ScoreOptions};

fn c() -> Criteria {
    zona_core::default_criteria()
}

fn expected<'a>(c: &'a Criteria, key: &str) -> Option<&'a ExpectedEvidence> {
    let id = c
        .item_by_key(key)
        .unwrap_or_else(|| panic!("no item {key}"));
    c.item(id).evidence.as_ref()
}

fn names(e: &ExpectedEvidence) -> Vec<&str> {
    e.documents.iter().map(|d| d.name.as_str()).collect()
}

#[test]
fn the_90_2021_criteria_expect_documents_for_62_of_113_items() {
    let c = c();
    assert_eq!(c.items.len(), 113);
    let with: Vec<&ExpectedEvidence> = c.items.iter().filter_map(|i| i.evidence.as_ref()).collect();
    assert_eq!(with.len(), 62);
    // Every table names at least one document, and none is blank.
    assert!(with.iter().all(|e| !e.documents.is_empty()));
    assert_eq!(with.iter().map(|e| e.documents.len()).sum::<usize>(), 66);
    let period = |p: Option<PeriodRule>| with.iter().filter(|e| e.period == p).count();
    assert_eq!(period(Some(PeriodRule::CurrentYear)), 24);
    assert_eq!(period(Some(PeriodRule::InForce)), 21);
    assert_eq!(period(Some(PeriodRule::PreviousYear)), 0);
    assert_eq!(period(None), 17);
}

#[test]
fn named_items_expect_their_documents_and_periods() {
    let c = c();
    #[rustfmt::skip]
    let cases: [(&str, &[&str], Option<PeriodRule>); 12] = [
        ("pemenuhan.mp.tim_kerja.a", &["SK Tim"], Some(PeriodRule::InForce)),
        ("pemenuhan.mp.rencana_pembangunan.a", &["Rencana kerja pembangunan ZI"], None),
        ("pemenuhan.mp.monev.b", &["Laporan monitoring dan evaluasi"], Some(PeriodRule::CurrentYear)),
        ("pemenuhan.mp.pola_pikir_budaya_kerja.b", &["SK agen perubahan"], Some(PeriodRule::InForce)),
        ("pemenuhan.tt.sop.a", &["SOP", "Peta proses bisnis"], Some(PeriodRule::InForce)),
        ("pemenuhan.tt.spbe.d", &["Laporan monitoring dan evaluasi"], Some(PeriodRule::CurrentYear)),
        ("pemenuhan.sdm.perencanaan_kebutuhan.a", &["Peta jabatan", "Analisis beban kerja"], Some(PeriodRule::InForce)),
        ("pemenuhan.pp.standar_pelayanan.a", &["Standar pelayanan"], Some(PeriodRule::InForce)),
        ("pemenuhan.pp.kepuasan_pelayanan.a", &["Laporan hasil survei kepuasan masyarakat"], Some(PeriodRule::CurrentYear)),
        ("hasil.bersih.ipak", &["Hasil survei persepsi anti korupsi"], Some(PeriodRule::CurrentYear)),
        ("hasil.bersih.capaian", &["Laporan kinerja"], None),
        ("reform.pw.lhk.lhkpn.a", &["LHKPN"], None),
    ];
    for (key, docs, period) in cases {
        let e = expected(&c, key).unwrap_or_else(|| panic!("{key} expects no evidence"));
        assert_eq!(names(e), docs, "{key}");
        assert_eq!(e.period, period, "{key}");
    }
    let sk_tim = &expected(&c, "pemenuhan.mp.tim_kerja.a").unwrap().documents[0];
    assert_eq!(
        sk_tim.also,
        ["Surat Keputusan Tim", "Pembentukan Tim", "Penetapan Tim"]
    );
    // Texts that name no document stay unspecified.
    for key in [
        "pemenuhan.mp.pola_pikir_budaya_kerja.a",
        "pemenuhan.tt.spbe.a",
        "reform.mp.komitmen.a",
    ] {
        assert!(expected(&c, key).is_none(), "{key}");
    }
}

/// The rows of the `### <heading>` table inside `## Expected documents (90/2021)`, by item key:
/// the other cells of each row.
fn doc_table(doc: &str, heading: &str) -> BTreeMap<String, Vec<String>> {
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with("Expected documents (90/2021)\n"))
        .expect("section `## Expected documents (90/2021)`");
    let table = section
        .split("\n### ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("subsection `### {heading}`"));
    let mut rows = BTreeMap::new();
    for line in table.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<String> = line
            .trim_matches('|')
            .split(" | ")
            .map(|s| s.trim().to_string())
            .collect();
        let key = cells[0].trim_matches('`').to_string();
        assert!(
            rows.insert(key.clone(), cells[1..].to_vec()).is_none(),
            "{key} twice under {heading}"
        );
    }
    rows
}

#[test]
fn every_item_has_evidence_or_is_listed_unspecified_in_the_docs() {
    let c = c();
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/evidence-criteria.md"
    ))
    .unwrap();
    let listed = doc_table(&doc, "Items with expected documents (62)");
    let unspecified = doc_table(&doc, "Unspecified (51)");
    assert_eq!(listed.len(), 62);
    assert_eq!(unspecified.len(), 51);
    for item in &c.items {
        match &item.evidence {
            Some(e) => {
                assert!(
                    !unspecified.contains_key(&item.key),
                    "{} has evidence",
                    item.key
                );
                let row = listed
                    .get(&item.key)
                    .unwrap_or_else(|| panic!("{} missing from the docs", item.key));
                let period = e.period.map_or("—", PeriodRule::code);
                assert_eq!(
                    row,
                    &[names(e).join("; "), period.to_string()],
                    "{}",
                    item.key
                );
            }
            None => {
                assert!(
                    !listed.contains_key(&item.key),
                    "{} has no evidence",
                    item.key
                );
                let why = unspecified
                    .get(&item.key)
                    .unwrap_or_else(|| panic!("{} is unspecified without a reason", item.key));
                assert!(!why[0].is_empty(), "{}", item.key);
            }
        }
    }
    // No row for an item the file does not have.
    for key in listed.keys().chain(unspecified.keys()) {
        assert!(
            c.item_by_key(key).is_some(),
            "the docs list unknown item {key}"
        );
    }
}

#[test]
fn the_10_2019_criteria_leave_evidence_unspecified() {
    let all = zona_core::builtin_criteria();
    let c = &all[1];
    assert_eq!(c.meta.id, "permenpanrb-10-2019");
    assert_eq!(c.items.iter().filter(|i| i.evidence.is_some()).count(), 0);
}

/// What units write (descriptions and file names) against the expected documents: a unit assessed
/// in 2025, every item answered with its best answer, some items given one evidence entry.
#[test]
fn descriptions_units_write_mention_the_expected_documents() {
    let c = c();
    let mut set = common::all_best(&c);
    set.unit.year = Some(2025);
    #[rustfmt::skip]
    let entries: [(&str, &str); 13] = [
        ("pemenuhan.mp.tim_kerja.a", "1.a SK-Tim_ZI 2025.pdf"),
        ("pemenuhan.mp.pola_pikir_budaya_kerja.b", "Surat Keputusan Kepala Kantor tentang Penetapan Agen Perubahan Tahun 2024"),
        ("pemenuhan.mp.monev.b", "Laporan Monev Pembangunan ZI Triwulan I 2025"),
        ("pemenuhan.mp.monev.c", "Laporan Tindak Lanjut Hasil Monev TW I 2025"),
        ("pemenuhan.tt.sop.a", "SOP dan Peta Probis 2024"),
        ("pemenuhan.sdm.perencanaan_kebutuhan.a", "Peta Jabatan dan ABK 2024"),
        ("pemenuhan.ak.pengelolaan_akuntabilitas.e", "LKj 2024"),
        ("pemenuhan.pp.pengelolaan_pengaduan.b", "SK Pengelola SP4N-LAPOR! 2023"),
        ("pemenuhan.pp.kepuasan_pelayanan.a", "Laporan SKM Semester I 2025"),
        // Expected documents not mentioned: the SOP, the laporan monev.
        ("pemenuhan.tt.sop.b", "Daftar hadir apel pagi"),
        ("pemenuhan.sdm.pola_mutasi.c", "Foto kegiatan 2025"),
        // Outside the period: last year's survey, a decree dated after the year assessed.
        ("hasil.prima.ipkp", "Hasil survei IPKP 2024"),
        ("pemenuhan.pp.standar_pelayanan.a", "SK Standar Pelayanan 2026"),
    ];
    for (key, text) in entries {
        let id = c.item_by_key(key).unwrap();
        let a = set.items[id.0].as_mut().unwrap();
        a.evidence = entries_of(text, &Location::default());
    }
    let options = ScoreOptions::default();
    let result = zona_core::score(&c, &set, &options);
    let r = review(
        &c,
        &set,
        &result,
        &options,
        EvidencePolicy::Lowest,
        &NoFiles,
    );

    let not_mentioned = |key: &str| -> Vec<&str> {
        let id = c.item_by_key(key).unwrap();
        let e = c.item(id).evidence.as_ref().unwrap();
        r.items[id.0]
            .documents_not_mentioned
            .iter()
            .map(|k| e.documents[*k].name.as_str())
            .collect()
    };
    for (key, _) in &entries[..9] {
        assert_eq!(not_mentioned(key), Vec::<&str>::new(), "{key}");
    }
    assert_eq!(not_mentioned("pemenuhan.tt.sop.b"), ["SOP"]);
    assert_eq!(
        not_mentioned("pemenuhan.sdm.pola_mutasi.c"),
        ["Laporan monitoring dan evaluasi"]
    );
    assert_eq!(not_mentioned("hasil.prima.ipkp"), Vec::<&str>::new());
    assert_eq!(
        not_mentioned("pemenuhan.pp.standar_pelayanan.a"),
        Vec::<&str>::new()
    );

    // Years against the periods: only the 2024 survey (current-year) and the 2026 SK (in-force)
    // fall outside; 2024 and 2023 decrees, the 2024 LKj (no period) and 2025 reports fit.
    let mut outside: Vec<(String, i32, String)> = r
        .diagnostics
        .iter()
        .filter_map(|d| match &d.kind {
            DiagKind::EvidenceOutsidePeriod { year, period, .. } => {
                Some((d.item.clone().unwrap(), *year, period.clone()))
            }
            _ => None,
        })
        .collect();
    outside.sort();
    assert_eq!(
        outside,
        [
            (
                "hasil.prima.ipkp".to_string(),
                2024,
                "current-year".to_string()
            ),
            (
                "pemenuhan.pp.standar_pelayanan.a".to_string(),
                2026,
                "in-force".to_string()
            ),
        ]
    );
}

#[test]
fn every_expected_document_has_an_english_name_shown_with_its_indonesian_one() {
    let c = c();
    let docs: Vec<&zona_core::criteria::ExpectedDocument> = c
        .items
        .iter()
        .filter_map(|i| i.evidence.as_ref())
        .flat_map(|e| &e.documents)
        .collect();
    assert_eq!(docs.len(), 66);
    for d in &docs {
        let en = d
            .name_en
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no name_en", d.name));
        assert!(!en.trim().is_empty(), "{}", d.name);
    }
    let tim = expected(&c, "pemenuhan.mp.tim_kerja.a").unwrap();
    assert_eq!(
        tim.documents[0].display_name(zona_core::Lang::En),
        "Team decree (SK Tim)"
    );
    assert_eq!(tim.documents[0].display_name(zona_core::Lang::Id), "SK Tim");

    // The note of a document not mentioned: in English, the English name and the Indonesian one
    // the evidence must carry.
    let mut set = common::all_best(&c);
    let id = c.item_by_key("pemenuhan.mp.tim_kerja.a").unwrap();
    set.items[id.0].as_mut().unwrap().evidence =
        entries_of("Foto kegiatan rapat tim", &Location::default());
    let options = ScoreOptions::default();
    let r = zona_core::score(&c, &set, &options);
    let ev = review(&c, &set, &r, &options, EvidencePolicy::Lowest, &NoFiles);
    let note = ev
        .diagnostics
        .iter()
        .find(|d| {
            d.item.as_deref() == Some("pemenuhan.mp.tim_kerja.a")
                && matches!(d.kind, DiagKind::EvidenceDocumentNotMentioned { .. })
        })
        .expect("SK Tim not mentioned");
    assert_eq!(
        note.message(zona_core::Lang::En),
        "the expected document \"Team decree\" (in Indonesian \"SK Tim\") is not mentioned in the evidence"
    );
    assert_eq!(
        note.message(zona_core::Lang::Id),
        "dokumen yang diharapkan \"SK Tim\" tidak disebut di data dukung"
    );
}
