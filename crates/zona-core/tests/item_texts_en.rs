//! The English item texts (`text_en`) of the built-in criteria: every item of 90/2021 and 10/2019
//! has one (an unofficial translation of the LKE "Penilaian" text), so that `--lang en` outputs show
//! no Indonesian item text; items whose Indonesian text is the same in both files read the same in
//! English; and the texts a user would check read exactly as pinned here.
//!
//! The same for the criteria texts (penjelasan, `criteria_en`) and the labels of the count inputs
//! of ratio items (`label_en`): every one has an English text of its own, the same Indonesian reads
//! the same in English, and some are pinned.

use std::collections::BTreeMap;

use zona_core::{AnswerKind, Criteria, Lang};

fn builtin() -> Vec<Criteria> {
    let all = zona_core::builtin_criteria();
    assert_eq!(
        all.iter().map(|c| c.meta.id.as_str()).collect::<Vec<_>>(),
        ["permenpanrb-90-2021", "permenpanrb-10-2019"]
    );
    all
}

/// Items whose Indonesian text is not translatable (a bare acronym, a proper name), by criteria id
/// and item key, with the reason. None today: every item text of both files is a sentence or a
/// phrase, so every item has an English text of its own.
const UNTRANSLATED: &[(&str, &str, &str)] = &[];

/// Indonesian function words that no English sentence contains: a `text_en` holding one of them as a
/// whole word was most likely left (partly) in Indonesian. Glosses of Indonesian terms in
/// parentheses ("(maklumat pelayanan)") use none of them.
const INDONESIAN_WORDS: &[&str] = &[
    "dan",
    "yang",
    "telah",
    "sudah",
    "dengan",
    "terhadap",
    "untuk",
    "dalam",
    "pada",
    "atas",
    "adanya",
    "secara",
    "kepada",
    "dilakukan",
    "terdapat",
    "jika",
    "belum",
    "sebagian",
    "seluruh",
    "tidak",
    "atau",
    "serta",
    "namun",
    "jumlah",
    "diisi",
];

/// Panics when `en` holds one of [`INDONESIAN_WORDS`] as a whole word.
fn assert_english(what: &str, en: &str) {
    for word in en.split(|ch: char| !ch.is_alphanumeric()) {
        assert!(
            !INDONESIAN_WORDS.contains(&word.to_lowercase().as_str()),
            "{what} has the Indonesian word {word:?}: {en}"
        );
    }
}

/// Trimmed, not empty, no double space, not the Indonesian.
fn assert_own_text(what: &str, en: &str, id: &str) {
    assert_eq!(en, en.trim(), "{what}");
    assert!(!en.is_empty(), "{what} is empty");
    assert!(!en.contains("  "), "{what} double space");
    assert_ne!(en, id, "{what} is the Indonesian text");
    assert_english(what, en);
}

#[test]
fn every_builtin_item_has_an_english_text_of_its_own() {
    let mut counts = Vec::new();
    for c in builtin() {
        let mut n = 0;
        for item in &c.items {
            let exception = UNTRANSLATED
                .iter()
                .any(|(id, key, _)| *id == c.meta.id && *key == item.key);
            let en = item.text_en.as_deref().unwrap_or_else(|| {
                panic!("{}: {} has no text_en", c.meta.id, item.key);
            });
            assert_eq!(en, en.trim(), "{}: {} text_en", c.meta.id, item.key);
            assert!(
                !en.is_empty(),
                "{}: {} text_en is empty",
                c.meta.id,
                item.key
            );
            assert!(
                !en.contains("  "),
                "{}: {} double space",
                c.meta.id,
                item.key
            );
            assert_eq!(item.display_text(Lang::En), en);
            assert_eq!(item.display_text(Lang::Id), item.text);
            if exception {
                continue;
            }
            assert_ne!(
                en, item.text,
                "{}: {} text_en is the Indonesian text",
                c.meta.id, item.key
            );
            assert_english(&format!("{}: {} text_en", c.meta.id, item.key), en);
            n += 1;
        }
        counts.push((c.meta.id.clone(), c.items.len(), n));
    }
    assert_eq!(
        counts,
        [
            ("permenpanrb-90-2021".to_string(), 113, 113),
            ("permenpanrb-10-2019".to_string(), 84, 84),
        ]
    );
}

#[test]
fn the_same_indonesian_text_reads_the_same_in_english() {
    let all = builtin();
    let mut by_text: BTreeMap<&str, &str> = BTreeMap::new();
    for c in &all {
        for item in &c.items {
            let en = item.display_text(Lang::En);
            if let Some(seen) = by_text.insert(&item.text, en) {
                assert_eq!(seen, en, "{}: {} ({})", c.meta.id, item.key, item.text);
            }
        }
    }
    // 90/2021's 113 texts and the one 10/2019 text it does not have (TLHP).
    assert_eq!(by_text.len(), 114);
}

#[test]
fn items_a_user_checks_read_as_pinned() {
    let all = builtin();
    #[rustfmt::skip]
    let cases: [(usize, &str, &str); 12] = [
        (0, "pemenuhan.mp.tim_kerja.a", "The work unit has formed a team to carry out Integrity Zone development"),
        (0, "pemenuhan.mp.rencana_pembangunan.a", "There is a work plan document for Integrity Zone development towards WBK/WBBM"),
        (0, "pemenuhan.tt.sop.b", "The standard operating procedures (SOPs) have been applied"),
        (0, "pemenuhan.ak.pengelolaan_akuntabilitas.c", "Key Performance Indicators (IKU) have been set"),
        (0, "pemenuhan.pp.kepuasan_pelayanan.a", "A public satisfaction survey (SKM) of the services has been carried out"),
        (0, "reform.mp.komitmen.a", "Change agents have made concrete changes in the agency (within 1 year)"),
        (0, "reform.pw.lhk.lhkpn.a", "Percentage of LHKPN (state officials' wealth reports) submitted"),
        (0, "hasil.bersih.ipak", "Corruption Perception Survey Score (External Survey)"),
        (0, "hasil.bersih.capaian", "Performance Achievement Better than the Previous Performance Achievement"),
        (0, "hasil.prima.ipkp", "Service Quality Perception Score (External Survey)"),
        (1, "pemenuhan.mp.tim_kerja.a", "The work unit has formed a team to carry out Integrity Zone development"),
        (1, "hasil.bersih.tlhp", "Share of audit findings followed up (TLHP)"),
    ];
    for (file, key, en) in cases {
        let c = &all[file];
        let id = c
            .item_by_key(key)
            .unwrap_or_else(|| panic!("{}: no item {key}", c.meta.id));
        assert_eq!(
            c.item(id).display_text(Lang::En),
            en,
            "{}: {key}",
            c.meta.id
        );
    }
    // The first item of 90/2021 is the one above.
    assert_eq!(all[0].items[0].key, "pemenuhan.mp.tim_kerja.a");
}

#[test]
fn every_builtin_criteria_text_and_count_label_has_an_english_text_of_its_own() {
    let mut counts = Vec::new();
    for c in builtin() {
        let (mut criteria, mut labels) = (0, 0);
        for item in &c.items {
            match (&item.criteria, &item.criteria_en) {
                (Some(id), Some(en)) => {
                    assert_own_text(&format!("{}: {} criteria_en", c.meta.id, item.key), en, id);
                    assert_eq!(item.display_criteria(Lang::En), Some(en.as_str()));
                    assert_eq!(item.display_criteria(Lang::Id), Some(id.as_str()));
                    criteria += 1;
                }
                (Some(_), None) => panic!("{}: {} has no criteria_en", c.meta.id, item.key),
                (None, Some(_)) => panic!("{}: {} has criteria_en only", c.meta.id, item.key),
                (None, None) => assert_eq!(item.display_criteria(Lang::En), None),
            }
            if let AnswerKind::Ratio(ratio) = &item.answer {
                for input in &ratio.inputs {
                    let what = format!("{}: {}.{} label_en", c.meta.id, item.key, input.key);
                    let en = input
                        .label_en
                        .as_deref()
                        .unwrap_or_else(|| panic!("{what} missing"));
                    assert_own_text(&what, en, &input.label);
                    assert_eq!(input.display_label(Lang::En), en);
                    assert_eq!(input.display_label(Lang::Id), input.label);
                    labels += 1;
                }
            }
        }
        assert_eq!(labels, c.count_inputs(), "{}", c.meta.id);
        counts.push((c.meta.id.clone(), criteria, labels));
    }
    assert_eq!(
        counts,
        [
            ("permenpanrb-90-2021".to_string(), 112, 24),
            ("permenpanrb-10-2019".to_string(), 84, 2),
        ]
    );
}

#[test]
fn the_same_indonesian_criteria_text_or_label_reads_the_same_in_english() {
    let all = builtin();
    let mut criteria: BTreeMap<&str, &str> = BTreeMap::new();
    let mut labels: BTreeMap<&str, &str> = BTreeMap::new();
    for c in &all {
        for item in &c.items {
            if let (Some(id), Some(en)) = (item.criteria.as_deref(), item.criteria_en.as_deref()) {
                if let Some(seen) = criteria.insert(id, en) {
                    assert_eq!(seen, en, "{}: {} ({id})", c.meta.id, item.key);
                }
            }
            if let AnswerKind::Ratio(ratio) = &item.answer {
                for input in &ratio.inputs {
                    let en = input.display_label(Lang::En);
                    if let Some(seen) = labels.insert(&input.label, en) {
                        assert_eq!(seen, en, "{}: {}.{}", c.meta.id, item.key, input.key);
                    }
                }
            }
        }
    }
    // 90/2021's 112 criteria texts and the three of 10/2019 it does not have (TLHP, the IPAK and
    // IPKP of 2019); 90/2021's 22 distinct labels and the two TLHP labels.
    assert_eq!((criteria.len(), labels.len()), (115, 24));
}

#[test]
fn criteria_texts_and_count_labels_a_user_checks_read_as_pinned() {
    let all = builtin();
    #[rustfmt::skip]
    let criteria: [(usize, &str, &str); 6] = [
        (0, "pemenuhan.mp.tim_kerja.a", "Yes, if the team has been formed within the work unit."),
        (0, "pemenuhan.mp.monev.a", "a. If all development activities have been carried out according to plan b. If most development activities have been carried out according to plan c. If a few development activities have been carried out according to plan d. If no development activity has yet been carried out according to plan"),
        (0, "pemenuhan.pp.kepuasan_pelayanan.a", "a. The public satisfaction survey of the services is carried out at least 4 times a year b. The public satisfaction survey of the services is carried out at least 3 times a year c. The public satisfaction survey of the services is carried out at least 2 times a year d. The public satisfaction survey of the services is carried out at least once a year e. No public satisfaction survey of the services has yet been carried out"),
        (0, "reform.ak.capaian_kinerja.a", "The percentage is the Number of Performance Targets achieved at 100% or more divided by the Number of Performance Targets"),
        (0, "hasil.bersih.ipak", "Filled in with the score of the External Survey of Anti-Corruption Perception (Anti-Corruption Perception Index / IPAK)"),
        (1, "pemenuhan.mp.tim_kerja.a", "Yes, if the team has been formed within the work unit."),
    ];
    for (file, key, en) in criteria {
        let c = &all[file];
        let id = c
            .item_by_key(key)
            .unwrap_or_else(|| panic!("{}: no item {key}", c.meta.id));
        assert_eq!(
            c.item(id).display_criteria(Lang::En),
            Some(en),
            "{}: {key}",
            c.meta.id
        );
    }
    #[rustfmt::skip]
    let labels: [(usize, &str, &str, &str); 6] = [
        (0, "reform.mp.komitmen.a", "jumlah_agen", "Number of Change Agents"),
        (0, "reform.sdm.pelanggaran_disiplin.a", "pelanggaran_sebelumnya", "Number of violations in the previous year"),
        (0, "reform.pw.pengaduan_masyarakat.a", "harus", "Number of public complaints that must be followed up"),
        (0, "reform.pw.lhk.lhkpn.a", "harus", "Number who must report"),
        (0, "reform.pw.lhk.lhkpn.a", "sudah", "Number who have reported"),
        (1, "hasil.bersih.tlhp", "harus", "Number of audit recommendations that must be followed up"),
    ];
    for (file, key, input, en) in labels {
        let c = &all[file];
        let id = c
            .item_by_key(key)
            .unwrap_or_else(|| panic!("{}: no item {key}", c.meta.id));
        let AnswerKind::Ratio(ratio) = &c.item(id).answer else {
            panic!("{}: {key} is not a ratio item", c.meta.id);
        };
        let found = ratio
            .inputs
            .iter()
            .find(|i| i.key == input)
            .unwrap_or_else(|| panic!("{}: {key} has no input {input}", c.meta.id));
        assert_eq!(
            found.display_label(Lang::En),
            en,
            "{}: {key}.{input}",
            c.meta.id
        );
    }
}
