//! The JSON views of `zona_report::render::view`: every object of every document prints its keys
//! in sorted order (the order the documents had when they were built as `serde_json::Value`s, and
//! the contract the golden snapshots pin), the renderers print exactly the views, and the views
//! carry the fields docs/cli.md, docs/compare.md and docs/batch.md describe.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use zona_core::batch::{rank_rows, BatchRow};
use zona_core::compare::{compare, CompareInput};
use zona_core::{
    builtin_criteria, default_criteria, Criteria, Evaluation, Lang, ScoreOptions, ScoredLayer,
    UnitInfo,
};
use zona_report::batch_writer::BatchSummary;
use zona_report::render::{self, view};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

const EXAMPLE: &str = "tests/data/lke-zi-workbook-example.xlsx";
const IMIGRASI: &str = "samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx";

/// Every layer of a source read and scored with `c` (the unit's layer shown), as `zona score`
/// evaluates it (without a stated prior predicate).
fn evaluate<'c>(path: &Path, c: &'c Criteria) -> Evaluation<'c> {
    let (layered, source) = zona_read::read_layers(path, c).expect("readable");
    let options = ScoreOptions::default();
    let layers = zona_core::layers::resolve(layered)
        .layers
        .into_iter()
        .map(|(layer, answers)| {
            let result = zona_core::score(c, &answers, &options);
            let evidence = zona_core::evidence::review(
                c,
                &answers,
                &result,
                &options,
                zona_core::evidence::EvidencePolicy::Lowest,
                &zona_core::evidence::NoFiles,
            );
            ScoredLayer {
                layer,
                result,
                answers,
                evidence,
            }
        })
        .collect();
    Evaluation {
        file: path.display().to_string(),
        criteria: c,
        criteria_index: 0,
        source,
        options,
        layers,
        shown: 0,
        keeping: None,
    }
}

/// A PortalRB answer document with a unit layer and a TPI layer that changes some answers and
/// leaves the rest blank (inherited).
fn layered_document(dir: &Path) -> PathBuf {
    let answers: Vec<serde_json::Value> = (1..=127u32)
        .map(|id| {
            let unit = ["A", "B", "Ya", "4", "3"][id as usize % 5];
            let tpi = (id % 4 == 0).then_some(["C", "Tidak", "2", "1"][id as usize % 4]);
            serde_json::json!({
                "soal_id": id,
                "jawaban_unit": unit,
                "jawaban_tpi": tpi,
                "catatan_unit": (id % 7 == 0).then_some("catatan, \"kutip\""),
                "bukti_dukung_unit": format!("https://contoh.example/bukti/{id}"),
                "catatan_tpi": null,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "unit_id": "UNIT-1",
        "nama_unit": "Kantor Contoh",
        "tahun": 2025,
        "answers": answers,
    });
    let path = dir.join("berlapis.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    path
}

// ---------------------------------------------------------------------------------------------
// Key order

/// Deserializes any JSON value, failing where an object's keys are not strictly increasing.
struct SortedKeys;

impl<'de> Deserialize<'de> for SortedKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SortedKeys)
    }
}

impl<'de> Visitor<'de> for SortedKeys {
    type Value = SortedKeys;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self, E> {
        Ok(SortedKeys)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self, E> {
        Ok(SortedKeys)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self, E> {
        Ok(SortedKeys)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self, E> {
        Ok(SortedKeys)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self, E> {
        Ok(SortedKeys)
    }
    fn visit_unit<E>(self) -> Result<Self, E> {
        Ok(SortedKeys)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<SortedKeys>()?.is_some() {}
        Ok(SortedKeys)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut previous: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            if let Some(p) = &previous {
                if p.as_str() >= key.as_str() {
                    return Err(de::Error::custom(format!("key {key:?} after {p:?}")));
                }
            }
            map.next_value::<SortedKeys>()?;
            previous = Some(key);
        }
        Ok(SortedKeys)
    }
}

/// The view's JSON, checked: keys sorted everywhere, and the same text as the view serialized
/// through a `serde_json::Value` (whose maps sort their keys).
fn checked_json<T: serde::Serialize>(view: &T) -> String {
    let text = view::to_json(view);
    if let Err(e) = serde_json::from_str::<SortedKeys>(&text) {
        panic!("keys out of order: {e}");
    }
    let value = serde_json::to_value(view).unwrap();
    assert_eq!(text, serde_json::to_string_pretty(&value).unwrap());
    text
}

#[test]
fn the_key_check_finds_keys_out_of_order() {
    assert!(serde_json::from_str::<SortedKeys>(r#"{"a": [{"b": 1, "c": {"d": null}}]}"#).is_ok());
    assert!(serde_json::from_str::<SortedKeys>(r#"{"a": [{"c": 1, "b": 2}]}"#).is_err());
    assert!(
        serde_json::from_str::<SortedKeys>(r#"{"layers": 1, "layer_differences": 2}"#).is_err()
    );
    assert!(serde_json::from_str::<SortedKeys>(r#"{"a": 1, "a": 2}"#).is_err());
}

// ---------------------------------------------------------------------------------------------
// zona score

#[test]
fn score_view_is_the_json_and_keeps_its_keys_sorted() {
    let c = default_criteria();
    for lang in [Lang::Id, Lang::En] {
        for file in [EXAMPLE, IMIGRASI] {
            let ev = evaluate(&data(file), &c);
            let v = view::score_view(&ev, lang);
            let text = checked_json(&v);
            assert_eq!(render::score::json(&ev, lang), text);

            let r = &ev.shown().result;
            assert_eq!(v.total, r.total);
            assert_eq!(v.items.len(), c.items.len());
            assert_eq!(v.nodes.len(), c.nodes.len());
            assert_eq!(v.layers.len(), 1);
            assert!(v.layer_differences.is_empty());
            assert_eq!(v.pengungkit, r.node_score(&c, "pengungkit"));
            assert_eq!(v.hasil, r.node_score(&c, "hasil"));
            // Ratio items, and only they, have their counts by input key.
            for (it, iv) in c.items.iter().zip(&v.items) {
                match &it.answer {
                    zona_core::AnswerKind::Ratio(ratio) => {
                        let counts = iv.counts.as_ref().expect("counts of a ratio item");
                        assert_eq!(counts.len(), ratio.inputs.len());
                    }
                    _ => assert!(iv.counts.is_none()),
                }
            }
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(doc["items"][0].get("type").is_some());
            assert!(doc["items"][0].get("answer_type").is_none());
            assert!(doc["items"][0].get("counts").is_none());
        }
    }
}

#[test]
fn score_view_of_two_layers_lists_their_differences() {
    let dir = tempfile::tempdir().unwrap();
    let path = layered_document(dir.path());
    let c = default_criteria();
    let ev = evaluate(&path, &c);
    assert_eq!(ev.layers.len(), 2);
    for shown in [0, 1] {
        let ev = Evaluation {
            shown,
            ..ev.clone()
        };
        let v = view::score_view(&ev, Lang::Id);
        checked_json(&v);
        assert_eq!(v.layer, ["unit", "tpi"][shown]);
        assert_eq!(v.layers.len(), 2);
        assert_eq!(v.layers[1].layer, "tpi");
        assert!(v.layers[1].counts.inherited > 0);
        let d = &v.layer_differences[..];
        assert_eq!((d.len(), d[0].from, d[0].to), (1, "unit", "tpi"));
        assert!(!d[0].items.is_empty());
        assert_eq!(
            d[0].delta_total,
            ev.layers[1].result.total - ev.layers[0].result.total
        );
        // Largest change first.
        let sizes: Vec<f64> = d[0].items.iter().map(|i| i.delta_points.abs()).collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
        let inherited = v
            .items
            .iter()
            .filter(|i| i.inherited_from.is_some())
            .count();
        assert_eq!(inherited > 0, shown == 1);
    }
}

// ---------------------------------------------------------------------------------------------
// zona compare

#[test]
fn compare_view_is_the_json_and_keeps_its_keys_sorted() {
    let all = builtin_criteria();
    let (c90, c10) = (&all[0], &all[1]);
    let a = evaluate(&data(IMIGRASI), c10);
    let b = evaluate(&data(EXAMPLE), c90);
    let c = evaluate(&data(IMIGRASI), c90);
    let columns = [&a, &b, &c];
    let labels = ["2019", "contoh", "2021"];
    let inputs: Vec<CompareInput> = columns
        .iter()
        .zip(labels)
        .map(|(ev, label)| CompareInput {
            label,
            criteria: ev.criteria,
            result: &ev.shown().result,
            evidence: Some(&ev.shown().evidence),
        })
        .collect();
    let cmp = compare(&inputs);
    let out = Path::new("perbandingan.xlsx");
    for lang in [Lang::Id, Lang::En] {
        for out_file in [None, Some(out)] {
            let v = view::compare_view(&cmp, &columns, out_file, lang);
            let text = checked_json(&v);
            assert_eq!(render::compare::json(&cmp, &columns, out_file, lang), text);
            assert_eq!(v.out.as_deref(), out_file.map(|_| "perbandingan.xlsx"));
            assert_eq!(v.columns.len(), 3);
            assert_eq!(v.columns[0].criteria.id, c10.meta.id);
            assert!(v.columns[0].criteria.provisional);
            assert_eq!(v.steps.len(), 2);
            assert_eq!(v.overlaps.len(), 3);
            for (col, ev) in v.columns.iter().zip(&columns) {
                let e = col.evidence.as_ref().expect("each column's evidence");
                assert_eq!(e.coverage_percent, ev.shown().evidence.coverage_percent());
                assert_eq!(e.backed_total, ev.shown().evidence.backed_total());
            }
            // Rows absent in a version are null there, and only items carry answer, status and
            // value.
            assert!(v
                .nodes
                .iter()
                .any(|r| r.columns.iter().any(Option::is_none)));
            for rows in [&v.components, &v.areas, &v.nodes] {
                for m in rows.iter().flat_map(|r| r.columns.iter().flatten()) {
                    assert!(m.answer.is_none() && m.status.is_none() && m.value.is_none());
                }
            }
            for m in v.items.iter().flat_map(|r| r.columns.iter().flatten()) {
                assert!(m.answer.is_some() && m.status.is_some() && m.value.is_some());
            }
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            let first = &doc["total"]["columns"][0];
            assert!(first.get("score").is_some() && first.get("status").is_none());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// zona batch

#[test]
fn batch_view_is_the_json_and_keeps_its_keys_sorted() {
    let candidates = builtin_criteria();
    let files = [
        "samples/batch/lke-kantor-pelayanan-bahari-2023.xlsx",
        "samples/batch/lke-rsud-cendana-2025.xlsx",
        EXAMPLE,
    ];
    let mut rows: Vec<BatchRow> = files
        .iter()
        .map(|f| {
            let ev = evaluate(&data(f), &candidates[0]);
            let s = ev.shown();
            BatchRow::new(
                Path::new(f),
                ev.criteria,
                &s.answers,
                &s.result,
                &UnitInfo::default(),
            )
            .with_evidence(&s.evidence)
        })
        .collect();
    rows[1].report = Some("laporan/lke-rsud-cendana-2025.xlsx".into());
    rank_rows(&mut rows);
    let errors = vec![zona_core::batch::BatchError {
        file: "rusak.xlsx".into(),
        message: "rusak.xlsx: berkas kosong".into(),
    }];
    let summary = BatchSummary {
        criteria: &candidates[0],
        rows: &rows,
        errors: &errors,
    };
    let used = BTreeMap::from([(
        0,
        files.iter().map(std::string::ToString::to_string).collect(),
    )]);
    let written = render::batch::Written {
        out: Some(Path::new("ringkasan.xlsx")),
        reports: Some(Path::new("laporan")),
        report_count: 1,
    };
    for lang in [Lang::Id, Lang::En] {
        let v = view::batch_view(&summary, &|i| &candidates[i], &used, &written, lang);
        let text = checked_json(&v);
        assert_eq!(
            render::batch::json(&summary, &|i| &candidates[i], &used, &written, lang),
            text
        );
        assert_eq!((v.scored, v.failed), (3, 1));
        assert_eq!(v.criteria[0].files, 3);
        assert_eq!(v.out.as_deref(), Some("ringkasan.xlsx"));
        assert_eq!(v.reports.as_deref(), Some("laporan"));
        assert_eq!(v.rows[0].rank, 1);
        assert!(v.rows.windows(2).all(|w| w[0].total >= w[1].total));
        let keys: Vec<&str> = v.rows[0].components.keys().copied().collect();
        assert_eq!(keys, ["hasil", "pengungkit"]);
        assert_eq!(v.rows.iter().filter(|r| r.report.is_some()).count(), 1);
        // Every row carries its evidence summary, its predicates those of the criteria.
        for r in &v.rows {
            let e = r.evidence.as_ref().expect("an evidence summary");
            assert_eq!(e.lacking, e.missing + e.unsupported);
            assert_eq!(e.needing, e.supported + e.lacking);
            assert_eq!(e.predicates.len(), candidates[0].predicates.len());
        }
        assert!(!v.thresholds.is_empty());
    }
}
