//! The English item texts (`text_en`) of the built-in criteria: every item of 90/2021 and 10/2019
//! has one (an unofficial translation of the LKE "Penilaian" text), so that `--lang en` outputs show
//! no Indonesian item text; items whose Indonesian text is the same in both files read the same in
//! English; and the texts a user would check read exactly as pinned here.

use std::collections::BTreeMap;

use zona_core::{Criteria, Lang};

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
];

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
            for word in en.split(|ch: char| !ch.is_alphanumeric()) {
                assert!(
                    !INDONESIAN_WORDS.contains(&word.to_lowercase().as_str()),
                    "{}: {} text_en has the Indonesian word {word:?}: {en}",
                    c.meta.id,
                    item.key
                );
            }
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
