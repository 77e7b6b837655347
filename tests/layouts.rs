//! The PortalRB layouts (workbook and JSON) give the same scores as the official layout, and answer
//! layers (unit, TPI) are scored side by side with inherited answers and differences in points.

use std::collections::HashMap;
use std::path::Path;

use zona_core::layers::{differences, resolve, Layer};
use zona_core::{score, AnswerKind, AnswerSet, Criteria, ScoreOptions};
use zona_report::portalrb_writer::{write_workbook, SoalFill};

use crate::util::{example_workbook, stderr, zona};

/// The example workbook's unit answers as text by soal_id (what a unit would type into PortalRB).
fn example_by_soal(c: &Criteria) -> HashMap<u32, String> {
    let (set, _) = zona_read::read_answers(&example_workbook(), c).unwrap();
    let mut out = HashMap::new();
    for (item, answer) in c.items.iter().zip(&set.items) {
        let a = answer.as_ref().expect("every item found in the example");
        if let Some(id) = item.soal_id {
            out.insert(id, a.answer.as_ref().unwrap().value.display());
        }
        if let AnswerKind::Ratio(r) = &item.answer {
            for (inp, cell) in r.inputs.iter().zip(&a.inputs) {
                if let (Some(id), Some(cell)) = (inp.soal_id, cell) {
                    out.insert(id, cell.value.display());
                }
            }
        }
    }
    assert_eq!(out.len(), 127);
    out
}

fn write_json(path: &Path, unit: &HashMap<u32, String>, tpi: &HashMap<u32, String>) {
    let mut ids: Vec<&u32> = unit.keys().collect();
    ids.sort();
    let answers: Vec<serde_json::Value> = ids
        .into_iter()
        .map(|id| {
            serde_json::json!({
                "soal_id": id,
                "jawaban_unit": unit[id],
                "jawaban_tpi": tpi.get(id),
                "catatan_unit": "Sudah diimplementasikan",
                "bukti_dukung_unit": format!("https://contoh.example/bukti/{id}"),
                "catatan_tpi": null,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "unit_id": "UNIT-KI-001",
        "nama_unit": "Kantor Imigrasi Contoh",
        "tahun": 2025,
        "answers": answers,
    });
    std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
}

fn scored(
    path: &Path,
    c: &Criteria,
) -> (
    Vec<(Layer, AnswerSet, zona_core::ScoreResult)>,
    &'static str,
) {
    let (layers, info) = zona_read::read_layers(path, c).unwrap();
    let layers = resolve(layers)
        .layers
        .into_iter()
        .map(|(l, a)| {
            let r = score(c, &a, &ScoreOptions::default());
            (l, a, r)
        })
        .collect();
    (layers, info.layout)
}

#[test]
fn portalrb_workbook_and_json_score_like_the_official_layout() {
    let c = zona_core::default_criteria();
    let by_soal = example_by_soal(&c);
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("portalrb.xlsx");
    let fill: HashMap<u32, SoalFill> = by_soal
        .iter()
        .map(|(id, v)| {
            (
                *id,
                SoalFill {
                    unit: Some(v.clone()),
                    ..Default::default()
                },
            )
        })
        .collect();
    write_workbook(&xlsx, &c, &fill).unwrap();
    let json = dir.path().join("jawaban.json");
    write_json(&json, &by_soal, &HashMap::new());

    let (official, layout) = scored(&example_workbook(), &c);
    assert_eq!(layout, "official");
    let (portal, layout) = scored(&xlsx, &c);
    assert_eq!(layout, "portalrb");
    let (from_json, layout) = scored(&json, &c);
    assert_eq!(layout, "portalrb-json");

    // Empty TPI columns are not a layer.
    assert_eq!(portal.len(), 1);
    assert_eq!(from_json.len(), 1);
    let reference = &official[0].2;
    for other in [&portal[0].2, &from_json[0].2] {
        assert!(
            (other.total - reference.total).abs() < 1e-12,
            "{} vs {}",
            other.total,
            reference.total
        );
        for (a, b) in reference.items.iter().zip(&other.items) {
            assert_eq!(a.value, b.value);
        }
        for (a, b) in reference.nodes.iter().zip(&other.nodes) {
            assert!((a.score - b.score).abs() < 1e-12);
        }
    }
    assert!((reference.total - 95.63260).abs() < 1e-5);
    // The JSON's unit facts and evidence are read.
    assert_eq!(
        from_json[0].1.unit.name.as_deref(),
        Some("Kantor Imigrasi Contoh")
    );
    assert_eq!(from_json[0].1.unit.year, Some(2025));
    let first = from_json[0].1.items[0].as_ref().unwrap();
    assert_eq!(
        first.evidence[0].link(),
        Some("https://contoh.example/bukti/1")
    );
}

/// soal_id of some items: 7 (A/B/C/D, pemenuhan MP), 92 (A/B/C/D/E reform komitmen pimpinan),
/// 125 (IPAK), 112 (pengaduan selesai, a count input).
fn tpi_changes() -> HashMap<u32, String> {
    HashMap::from([
        (7, "C".to_string()), // A → C on an A/B/C/D item of a 3-item sub-area of weight 1
        (92, "B".to_string()), // A → B on the 1-item sub-area of weight 1
        (125, "3,50".to_string()), // IPAK 4 → 3.50
        (112, "4".to_string()), // pengaduan selesai 1 → 4 of 6
        (1, "Ya".to_string()), // same as the unit: no difference
    ])
}

#[test]
fn tpi_layer_inherits_blanks_and_differences_are_listed_largest_first() {
    let c = zona_core::default_criteria();
    let by_soal = example_by_soal(&c);
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("jawaban.json");
    write_json(&json, &by_soal, &tpi_changes());
    let (layers, _) = scored(&json, &c);
    assert_eq!(layers.len(), 2);
    let (unit, tpi) = (&layers[0], &layers[1]);
    assert_eq!(tpi.0, Layer::Tpi);

    // Every item the TPI left blank is inherited from the unit; soal 1, 7, 92, 125 and the
    // pengaduan item (the TPI typed one of its counts; the other two come from the unit) are its own.
    let own = tpi
        .1
        .items
        .iter()
        .flatten()
        .filter(|a| a.inherited_from.is_none())
        .count();
    assert_eq!(own, 5);
    let inherited = tpi
        .1
        .items
        .iter()
        .flatten()
        .filter(|a| a.inherited_from == Some(Layer::Unit))
        .count();
    assert_eq!(inherited, c.items.len() - 5);

    let diffs = differences(&c, &unit.2, &tpi.2);
    let keys: Vec<&str> = diffs.iter().map(|d| c.item(d.item).key.as_str()).collect();
    // IPAK: (3.5 − 4)/4 × 17.5 = −2.1875.
    // Pengaduan (weight 3, one item): the TPI corrected "selesai" to 4; "harus" (6) and "sedang
    // diproses" come from the unit: 4/6 × 3 − 1/6 × 3 = +1.5.
    // Komitmen pimpinan: (0.75 − 1) × 1 = −0.25. Monev (3 items, weight 1): (0.33 − 1)/3 = −0.2233.
    assert_eq!(
        keys,
        vec![
            "hasil.bersih.ipak",
            "reform.pw.pengaduan_masyarakat.a",
            "reform.mp.komitmen_pimpinan.a",
            "pemenuhan.mp.monev.b"
        ]
    );
    let deltas: Vec<f64> = diffs.iter().map(|d| d.delta_points).collect();
    let expected = [-2.1875, 1.5, -0.25, (0.33 - 1.0) / 3.0];
    for (d, e) in deltas.iter().zip(expected) {
        assert!((d - e).abs() < 1e-9, "{deltas:?}");
    }
    assert!((tpi.2.total - unit.2.total - expected.iter().sum::<f64>()).abs() < 1e-9);
}

#[test]
fn the_cli_shows_the_chosen_layer_and_lists_every_layer_in_json() {
    let c = zona_core::default_criteria();
    let by_soal = example_by_soal(&c);
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("jawaban.json");
    write_json(&json, &by_soal, &tpi_changes());
    let o = zona(&["score", json.to_str().unwrap(), "--layer", "tpi"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Lapisan   : TPI (penilai internal)"), "{out}");
    assert!(out.contains("LAPISAN JAWABAN"), "{out}");
    assert!(out.contains("UNIT → TPI: 4 item berbeda"), "{out}");

    // The report shows every layer side by side.
    let report = dir.path().join("laporan.xlsx");
    let o = zona(&[
        "score",
        json.to_str().unwrap(),
        "--layer",
        "tpi",
        "--out",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    {
        use calamine::{open_workbook_auto, Data, DataType, Reader};
        let mut wb = open_workbook_auto(&report).unwrap();
        assert_eq!(
            wb.sheet_names(),
            [
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
        let rows: Vec<&[Data]> = sheet.rows().collect();
        let title = rows
            .iter()
            .position(|r| {
                r.iter().any(|c| {
                    *c == "Unit → TPI: item yang nilainya berbeda, perubahan terbesar dulu"
                })
            })
            .expect("the differences of Unit → TPI");
        assert_eq!(rows[title + 1][1].as_f64(), Some(4.0));
        let ipak = &rows[title + 4];
        assert_eq!(ipak[0].to_string(), "hasil.bersih.ipak");
        assert!((ipak[8].as_f64().unwrap() + 2.1875).abs() < 1e-9);
    }

    let o = zona(&["score", json.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["layer"], "unit");
    assert_eq!(v["source"]["layout"], "portalrb-json");
    let layers = v["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 2);
    assert_eq!(layers[1]["layer"], "tpi");
    assert_eq!(
        layers[1]["counts"]["inherited"].as_u64(),
        Some(c.items.len() as u64 - 5)
    );
    let d = &v["layer_differences"][0];
    assert_eq!(d["from"], "unit");
    assert_eq!(d["to"], "tpi");
    assert_eq!(d["items"][0]["key"], "hasil.bersih.ipak");
    assert_eq!(d["items"][0]["from_answer"], "4");
    assert_eq!(d["items"][0]["to_answer"], "3.5");
    assert!((d["items"][0]["delta_points"].as_f64().unwrap() + 2.1875).abs() < 1e-9);
    assert!((d["delta_total"].as_f64().unwrap() + (2.1875 - 1.5 + 0.25 + 0.67 / 3.0)).abs() < 1e-9);
}

#[test]
fn a_broken_json_document_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("rusak.json");
    std::fs::write(&json, "{\n  \"answers\": [ { \"soal_id\": \"satu\" } ]\n}").unwrap();
    let o = zona(&["score", json.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("rusak.json:2:"), "{err}");
    assert!(err.contains("bukan dokumen jawaban PortalRB"), "{err}");
}

/// The official layout with "Jawaban TPI" / "Catatan TPI" / "Jawaban TPN" columns after the
/// evidence: every layer is read from the same rows, found by the headers.
#[test]
fn official_layout_tpi_and_tpn_columns_are_layers() {
    use zona_report::lke_writer::{filled_lke_workbook, plan_lke, LkeFill, LkeLayoutOptions};
    let c = zona_core::default_criteria();
    let mut fill = LkeFill::default();
    for item in &c.items {
        match &item.answer {
            AnswerKind::Choice(_) => {
                let best = if c.answer_label(item) == "Ya/Tidak" {
                    "Ya"
                } else {
                    "A"
                };
                fill.set_answer(&item.key, best);
            }
            AnswerKind::Index { .. } => {
                fill.set_answer(&item.key, 4.0);
            }
            AnswerKind::Ratio(r) => {
                for inp in r.inputs.iter().filter(|i| i.sum_of.is_empty()) {
                    fill.set_input(&item.key, &inp.key, 0.0);
                }
            }
        }
    }
    let layout = LkeLayoutOptions::default();
    let plan = plan_lke(&c, &layout);
    let mut wb = filled_lke_workbook(&c, &fill, &layout).unwrap();
    let ws = wb.worksheet_from_name(&layout.sheet_name).unwrap();
    let tpi = plan.columns.link + 1;
    let (tpi_note, tpn) = (tpi + 1, tpi + 2);
    ws.write(plan.header_row, tpi, "Jawaban TPI").unwrap();
    ws.write(plan.header_row, tpi_note, "Catatan TPI").unwrap();
    ws.write(plan.header_row, tpn, "Jawaban TPN").unwrap();
    let row = |key: &str| plan.item_row(key).unwrap();
    // TPI: Tim Kerja b A → C (sub-area 0.5, two items: −0.25), IPAK 4 → 3.6 (−1.75).
    ws.write(row("pemenuhan.mp.tim_kerja.b"), tpi, "C").unwrap();
    ws.write(
        row("pemenuhan.mp.tim_kerja.b"),
        tpi_note,
        "bukti belum lengkap",
    )
    .unwrap();
    ws.write(row("hasil.bersih.ipak"), tpi, "3,6").unwrap();
    // TPN: only IPAK, back to 3.8 (from TPI's 3.6: +0.875); the rest inherited from TPI.
    ws.write(row("hasil.bersih.ipak"), tpn, 3.8).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lke-lapisan.xlsx");
    wb.save(&path).unwrap();

    let (layers, _) = zona_read::read_layers(&path, &c).unwrap();
    let layers = resolve(layers);
    let kinds: Vec<Layer> = layers.layers.iter().map(|(l, _)| *l).collect();
    assert_eq!(kinds, vec![Layer::Unit, Layer::Tpi, Layer::Tpn]);
    let scored: Vec<zona_core::ScoreResult> = layers
        .layers
        .iter()
        .map(|(_, a)| score(&c, a, &ScoreOptions::default()))
        .collect();
    assert!((scored[0].total - 100.0).abs() < 1e-9);
    assert!(
        (scored[1].total - (100.0 - 0.25 - 1.75)).abs() < 1e-9,
        "{}",
        scored[1].total
    );
    assert!(
        (scored[2].total - (100.0 - 0.25 - 0.875)).abs() < 1e-9,
        "{}",
        scored[2].total
    );

    let tpi_set = layers.get(Layer::Tpi).unwrap();
    let b = c.item_by_key("pemenuhan.mp.tim_kerja.b").unwrap();
    assert_eq!(
        tpi_set.get(b).unwrap().note.as_deref(),
        Some("bukti belum lengkap")
    );
    assert_eq!(tpi_set.get(b).unwrap().inherited_from, None);
    let a = c.item_by_key("pemenuhan.mp.tim_kerja.a").unwrap();
    assert_eq!(tpi_set.get(a).unwrap().inherited_from, Some(Layer::Unit));
    // TPN inherits TPI's own answer (and says it came from TPI), and the unit's through TPI.
    let tpn_set = layers.get(Layer::Tpn).unwrap();
    assert_eq!(tpn_set.get(b).unwrap().inherited_from, Some(Layer::Tpi));
    assert_eq!(tpn_set.get(a).unwrap().inherited_from, Some(Layer::Unit));

    let d = differences(&c, &scored[1], &scored[2]);
    assert_eq!(d.len(), 1);
    assert_eq!(c.item(d[0].item).key, "hasil.bersih.ipak");
    assert!((d[0].delta_points - 0.875).abs() < 1e-9);
}
