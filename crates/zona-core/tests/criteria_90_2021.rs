//! The built-in PermenPANRB 90/2021 criteria against the facts (lke-zi-90-2021-facts.md §2, §5).

use zona_core::criteria::{AnswerKind, ConditionKind, Formula};
use zona_core::Criteria;

fn c() -> Criteria {
    zona_core::default_criteria()
}

fn weight(c: &Criteria, key: &str) -> f64 {
    c.node(
        c.node_by_key(key)
            .unwrap_or_else(|| panic!("no node {key}")),
    )
    .weight
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn totals_100_with_pengungkit_60_and_hasil_40() {
    let c = c();
    assert!(close(c.max_total(), 100.0));
    assert!(close(weight(&c, "pengungkit"), 60.0));
    assert!(close(weight(&c, "pemenuhan"), 30.0));
    assert!(close(weight(&c, "reform"), 30.0));
    assert!(close(weight(&c, "hasil"), 40.0));
    assert!(close(weight(&c, "hasil.bersih"), 22.5));
    assert!(close(weight(&c, "hasil.prima"), 17.5));
}

#[test]
fn six_areas_with_their_weights_split_half_pemenuhan_half_reform() {
    let c = c();
    let expected = [
        ("mp", 8.0),
        ("tt", 7.0),
        ("sdm", 10.0),
        ("ak", 10.0),
        ("pw", 15.0),
        ("pp", 10.0),
    ];
    assert_eq!(c.areas.len(), 6);
    for (area, (key, w)) in c.areas.iter().zip(expected) {
        assert_eq!(area.key, key);
        assert!(close(area.weight, w));
        assert!(close(weight(&c, &format!("pemenuhan.{key}")), w / 2.0));
        assert!(close(weight(&c, &format!("reform.{key}")), w / 2.0));
    }
}

/// (area part, [(sub-area weight, number of items)]) from facts §2.2.
const PEMENUHAN: [(&str, &[(f64, usize)]); 6] = [
    ("pemenuhan.mp", &[(0.5, 2), (1.0, 3), (1.0, 3), (1.5, 4)]),
    ("pemenuhan.tt", &[(1.0, 3), (2.0, 4), (0.5, 2)]),
    (
        "pemenuhan.sdm",
        &[
            (0.25, 3),
            (0.5, 3),
            (1.25, 6),
            (2.0, 4),
            (0.75, 1),
            (0.25, 1),
        ],
    ),
    ("pemenuhan.ak", &[(2.5, 3), (2.5, 8)]),
    (
        "pemenuhan.pw",
        &[(1.5, 2), (1.5, 4), (1.5, 4), (1.5, 3), (1.5, 5)],
    ),
    (
        "pemenuhan.pp",
        &[(1.0, 4), (1.0, 6), (1.0, 3), (1.0, 3), (1.0, 3)],
    ),
];

#[test]
fn pemenuhan_sub_areas_have_the_weights_and_item_counts_of_the_regulation() {
    let c = c();
    let mut total_items = 0;
    for (part, subs) in PEMENUHAN {
        let node = c.node(c.node_by_key(part).unwrap());
        assert_eq!(node.children.len(), subs.len(), "{part}");
        for (ch, (w, n)) in node.children.iter().zip(subs) {
            let sub = c.node(*ch);
            assert!(close(sub.weight, *w), "{} weight {}", sub.key, sub.weight);
            assert_eq!(sub.items.len(), *n, "{} items", sub.key);
            total_items += n;
        }
    }
    assert_eq!(total_items, 87);
}

#[test]
fn reform_has_15_choice_and_8_ratio_items_with_22_typed_count_inputs() {
    let c = c();
    let reform: Vec<_> = c
        .items
        .iter()
        .filter(|i| i.key.starts_with("reform."))
        .collect();
    let ratios: Vec<_> = reform
        .iter()
        .filter_map(|i| match &i.answer {
            AnswerKind::Ratio(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(reform.len(), 23);
    assert_eq!(ratios.len(), 8);
    let typed: usize = ratios
        .iter()
        .map(|r| r.inputs.iter().filter(|i| i.sum_of.is_empty()).count())
        .sum();
    assert_eq!(typed, 22);
    let reductions = ratios
        .iter()
        .filter(|r| matches!(r.formula, Formula::Reduction { .. }))
        .count();
    assert_eq!(reductions, 1);
}

#[test]
fn reform_sub_area_weights() {
    let c = c();
    for (key, w) in [
        ("reform.mp.komitmen", 2.0),
        ("reform.tt.transformasi_digital", 2.0),
        ("reform.sdm.pelanggaran_disiplin", 2.0),
        ("reform.ak.capaian_kinerja", 2.0),
        ("reform.pw.pengaduan_masyarakat", 3.0),
        ("reform.pw.lhk", 2.0),
        ("reform.pw.lhk.lhkpn", 1.0),
        ("reform.pw.lhk.lhkasn", 1.0),
        ("reform.pp.inovasi_pelayanan", 2.5),
        ("reform.pp.pengaduan_konsultasi", 2.5),
    ] {
        assert!(close(weight(&c, key), w), "{key}");
    }
}

#[test]
fn all_127_portalrb_soal_ids_are_present_once() {
    let c = c();
    let mut ids: Vec<u32> = c.items.iter().filter_map(|i| i.soal_id).collect();
    for item in &c.items {
        if let AnswerKind::Ratio(r) = &item.answer {
            ids.extend(r.inputs.iter().filter_map(|i| i.soal_id));
        }
    }
    ids.sort_unstable();
    assert_eq!(ids, (1..=127).collect::<Vec<u32>>());
}

#[test]
fn hasil_items_are_ipak_capaian_and_ipkp_with_their_weights() {
    let c = c();
    for (key, w, soal) in [
        ("hasil.bersih.ipak", 17.5, 125),
        ("hasil.bersih.capaian", 5.0, 126),
        ("hasil.prima.ipkp", 17.5, 127),
    ] {
        let it = c.item(c.item_by_key(key).unwrap());
        assert_eq!(it.weight, Some(w), "{key}");
        assert_eq!(it.soal_id, Some(soal));
    }
}

#[test]
fn predicates_carry_the_tabel_6_thresholds() {
    let c = c();
    let thresholds = |key: &str| -> Vec<(String, f64)> {
        c.predicates
            .iter()
            .find(|p| p.key == key)
            .unwrap()
            .conditions
            .iter()
            .filter_map(|cond| match &cond.kind {
                ConditionKind::Total { min } => Some(("total".to_string(), *min)),
                ConditionKind::Node { node, min } => Some((c.node(*node).key.clone(), *min)),
                ConditionKind::Item { item, min } => Some((c.item(*item).key.clone(), *min)),
                ConditionKind::Areas { min_percent } => Some(("areas%".to_string(), *min_percent)),
                ConditionKind::Prior { .. } => None,
            })
            .collect()
    };
    let s = |v: &[(&str, f64)]| {
        v.iter()
            .map(|(k, m)| (k.to_string(), *m))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        thresholds("wbk"),
        s(&[
            ("total", 75.0),
            ("pengungkit", 40.0),
            ("areas%", 60.0),
            ("hasil.bersih", 18.25),
            ("hasil.bersih.ipak", 15.75),
            ("hasil.bersih.capaian", 2.5),
            ("hasil.prima", 14.0)
        ])
    );
    assert_eq!(
        thresholds("wbbm"),
        s(&[
            ("total", 85.0),
            ("pengungkit", 48.0),
            ("areas%", 75.0),
            ("hasil.bersih", 19.5),
            ("hasil.bersih.ipak", 15.75),
            ("hasil.bersih.capaian", 3.75),
            ("hasil.prima", 15.75)
        ])
    );
    let wbbm = c.predicates.iter().find(|p| p.key == "wbbm").unwrap();
    assert!(matches!(
        wbbm.conditions[0].kind,
        ConditionKind::Prior { predicate: 0 }
    ));
}

#[test]
fn the_shipped_file_equals_the_built_in_criteria() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../criteria/permenpanrb-90-2021.toml"
    );
    let from_file = zona_core::load_file(std::path::Path::new(path)).unwrap();
    assert_eq!(from_file.items.len(), c().items.len());
    assert_eq!(from_file.meta.id, "permenpanrb-90-2021");
}
