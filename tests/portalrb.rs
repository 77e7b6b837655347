//! The PortalRB integration: `zona portalrb export` (the `jawaban-unit` document of a workbook,
//! scored back to the same result) and `zona serve --portalrb` (the unit lists and documents of a
//! folder, behind the bearer token, with the status page), over HTTP against the in-process server.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;
use zona_core::{AnswerKind, Criteria, Lang};
use zona_report::portalrb_writer::{write_workbook, SoalFill};
use zona_serve::{App, ServeOptions};

use crate::serve::{cli_json, request, sample, start_app, Server};
use crate::util::{example_workbook, root, stderr, zona};

const TOKEN: &str = "portalrb-uji-0123456789abcdef";

/// The example workbook's unit answers as text by soal_id.
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
    out
}

/// A soal that is a count input of a ratio item (its answer is a number).
fn a_count_soal(c: &Criteria) -> u32 {
    c.items
        .iter()
        .find_map(|i| match &i.answer {
            AnswerKind::Ratio(r) => r.inputs.iter().find_map(|inp| inp.soal_id),
            _ => None,
        })
        .expect("a ratio item with soal ids")
}

/// The TPI workbook's unit answers (the example's, soal 3 left blank) and TPI answers (soal 1
/// and 2 differ from the unit's, the rest blank: inherited).
fn tpi_fill(c: &Criteria) -> HashMap<u32, SoalFill> {
    let by_soal = example_by_soal(c);
    let mut fill: HashMap<u32, SoalFill> = by_soal
        .iter()
        .map(|(id, v)| {
            (
                *id,
                SoalFill {
                    unit: (*id != 3).then(|| v.clone()),
                    ..Default::default()
                },
            )
        })
        .collect();
    let one = fill.get_mut(&1).unwrap();
    assert_eq!(one.unit.as_deref(), Some("Ya"));
    one.tpi = Some("Tidak".into());
    one.unit_note = Some("SK tim sudah ada".into());
    one.evidence = Some("https://contoh.example/bukti/sk-tim.pdf".into());
    one.tpi_note = Some("SK belum ditandatangani".into());
    let two = fill.get_mut(&2).unwrap();
    assert_eq!(two.unit.as_deref(), Some("A"));
    two.tpi = Some("C".into());
    fill
}

/// The folder the server serves: the sample (id and afirmasi from units.toml), a PortalRB workbook
/// with a TPI layer (id from its file name), a broken workbook.
fn folder(dir: &Path) {
    let c = zona_core::default_criteria();
    std::fs::copy(sample(), dir.join("kanim.xlsx")).unwrap();
    write_workbook(&dir.join("biro-tpi.xlsx"), &c, &tpi_fill(&c)).unwrap();
    let data = root().join("tests/data/portalrb");
    std::fs::copy(data.join("rusak.xlsx"), dir.join("rusak.xlsx")).unwrap();
    std::fs::copy(data.join("units.toml"), dir.join("units.toml")).unwrap();
}

struct Fixture {
    dir: tempfile::TempDir,
    server: Server,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        folder(dir.path());
        let options = ServeOptions {
            token: Some(TOKEN.into()),
            ..ServeOptions::default()
        };
        let mut logged = Vec::new();
        let app = App::with_portalrb(
            zona_eval::CriteriaSet::builtin(),
            options,
            dir.path(),
            Lang::En,
            |l| logged.push(l.file.clone()),
        )
        .map_err(|e| e.message(Lang::En))
        .unwrap();
        assert_eq!(logged, ["rusak.xlsx"]);
        Fixture {
            server: start_app(app),
            dir,
        }
    })
}

fn get(path: &str, token: Option<&str>) -> crate::serve::Response {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth
        .as_deref()
        .map(|a| vec![("Authorization", a)])
        .unwrap_or_default();
    request(fixture().server.addr, "GET", path, &headers, b"")
}

fn get_json(path: &str) -> Value {
    let r = get(path, Some(TOKEN));
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    serde_json::from_slice(&r.body).unwrap()
}

fn export(workbook: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "portalrb",
        "export",
        workbook.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    zona(&args)
}

/// Total, every item's value and every layer's predicates of `zona score --format json`.
fn score_summary(v: &Value) -> (f64, Vec<(String, Value)>, Vec<Value>) {
    let items = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["key"].as_str().unwrap().to_string(), i["value"].clone()))
        .collect();
    let layers = v["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| serde_json::json!([l["layer"], l["total"], l["predicates"]]))
        .collect();
    (v["total"].as_f64().unwrap(), items, layers)
}

#[test]
fn portalrb_export_scores_back_to_the_workbook_result() {
    let dir = tempfile::tempdir().unwrap();
    let c = zona_core::default_criteria();
    let tpi = dir.path().join("biro-tpi.xlsx");
    write_workbook(&tpi, &c, &tpi_fill(&c)).unwrap();
    for workbook in [sample(), tpi] {
        let out = dir.path().join("jawaban.json");
        let o = export(&workbook, &out, &["--force"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let original = cli_json(&workbook);
        let back = cli_json(&out);
        assert_eq!(back["source"]["layout"], "portalrb-json");
        assert_eq!(score_summary(&back), score_summary(&original));
        assert_eq!(back["unit"]["name"], original["unit"]["name"]);
        assert_eq!(back["unit"]["year"], original["unit"]["year"]);
    }
    // Two layers in the TPI workbook, and they survive the round trip.
    let back = cli_json(&dir.path().join("jawaban.json"));
    assert_eq!(back["layers"].as_array().unwrap().len(), 2);

    // An existing file only with --force; never the input, even with it.
    let out = dir.path().join("jawaban.json");
    let o = export(&sample(), &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let copy = dir.path().join("kanim.xlsx");
    std::fs::copy(sample(), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let o = export(&copy, &copy, &["--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    // The id: given, else from the file name.
    let o = export(&sample(), &out, &["--force", "--unit-id", "UNIT-X-9"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["unit_id"], "UNIT-X-9");
    let o = export(&sample(), &out, &["--force"]);
    assert!(o.status.success());
    let doc: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["unit_id"], "LKE-CONTOH-KANTOR-IMIGRASI-NUSANTARA-2025");
}

#[test]
fn portalrb_endpoints_need_the_bearer_token() {
    for path in [
        "/pengusulan/unit-wbk",
        "/pengusulan/unit-wbbm",
        "/lke/jawaban-unit/UNIT-KI-001",
        "/status",
    ] {
        assert_eq!(get(path, None).status, 401, "{path}");
        let wrong = get(path, Some("portalrb-uji-0123456789abcdeX"));
        assert_eq!(wrong.status, 401, "{path}");
        assert_eq!(get(path, Some("short")).status, 401, "{path}");
        assert_eq!(get(path, Some(TOKEN)).status, 200, "{path}");
    }
    let r = get("/pengusulan/unit-wbk", None);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    assert_eq!(
        serde_json::from_slice::<Value>(&r.body).unwrap()["error"],
        "unauthorized"
    );
    // Without a token the endpoints are not served at all.
    let dir = tempfile::tempdir().unwrap();
    let refused = App::with_portalrb(
        zona_eval::CriteriaSet::builtin(),
        ServeOptions::default(),
        dir.path(),
        Lang::En,
        |_| {},
    );
    assert!(matches!(
        refused,
        Err(zona_serve::portalrb::LoadError::NoToken)
    ));
}

#[test]
fn portalrb_unit_lists_follow_the_verdicts_and_units_toml() {
    let f = fixture();
    let tpi_json = cli_json(&f.dir.path().join("biro-tpi.xlsx"));
    let tpi_layer = tpi_json["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["layer"] == "tpi")
        .expect("a TPI layer");
    let tpi_wbk_met =
        tpi_layer["predicates"][0]["key"] == "wbk" && tpi_layer["predicates"][0]["met"] == true;
    let sample_json = cli_json(&sample());
    assert_eq!(sample_json["predicates"][0]["key"], "wbk");
    assert_eq!(sample_json["predicates"][0]["met"], true);

    let wbk = get_json("/pengusulan/unit-wbk");
    assert_eq!(wbk["tahun"], 2025);
    let mut expected = vec![serde_json::json!({
        "id": "UNIT-KI-001",
        "nama": "Kantor Imigrasi Kelas I Contoh Nusantara",
        "kategori": "WBK-AFIRMASI",
        "afirmasi": true,
    })];
    if tpi_wbk_met {
        expected.insert(
            0,
            serde_json::json!({
                "id": "BIRO-TPI",
                "nama": tpi_json["unit"]["name"],
                "kategori": "WBK",
                "afirmasi": false,
            }),
        );
    }
    assert_eq!(wbk["units"], Value::Array(expected));
    // Nobody states Menuju WBK already, so nobody is proposed for WBBM.
    let wbbm = get_json("/pengusulan/unit-wbbm");
    assert_eq!(wbbm, serde_json::json!({"tahun": 2025, "units": []}));
}

#[test]
fn portalrb_jawaban_unit_field_by_field() {
    let c = zona_core::default_criteria();
    let by_soal = example_by_soal(&c);
    let count = a_count_soal(&c);

    // The sample: every answer as the workbook holds it, numbers as strings, no TPI layer.
    let doc = get_json("/lke/jawaban-unit/UNIT-KI-001");
    assert_eq!(doc["unit_id"], "UNIT-KI-001");
    assert_eq!(doc["nama_unit"], "Kantor Imigrasi Kelas I Contoh Nusantara");
    assert_eq!(doc["tahun"], 2025);
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    let (set, _) = zona_read::read_answers(&sample(), &c).unwrap();
    let mut sample_by_soal = HashMap::new();
    for (item, a) in c.items.iter().zip(&set.items) {
        let a = a.as_ref().unwrap();
        if let Some(id) = item.soal_id {
            sample_by_soal.insert(
                id,
                (a.answer.as_ref().unwrap().value.display(), a.note.clone()),
            );
        }
        if let AnswerKind::Ratio(r) = &item.answer {
            for (k, (inp, cell)) in r.inputs.iter().zip(&a.inputs).enumerate() {
                if let (Some(id), Some(cell)) = (inp.soal_id, cell) {
                    let note = (k == 0).then(|| a.note.clone()).flatten();
                    sample_by_soal.insert(id, (cell.value.display(), note));
                }
            }
        }
    }
    let answers = doc["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 127);
    for a in answers {
        let mut fields: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "bukti_dukung_unit",
                "catatan_tpi",
                "catatan_unit",
                "jawaban_tpi",
                "jawaban_unit",
                "soal_id"
            ]
        );
        let soal = a["soal_id"].as_u64().unwrap() as u32;
        let (value, _) = &sample_by_soal[&soal];
        assert_eq!(
            a["jawaban_unit"].as_str(),
            Some(value.as_str()),
            "soal {soal}"
        );
        assert_eq!(a["jawaban_tpi"], Value::Null);
        assert_eq!(a["catatan_tpi"], Value::Null);
    }
    let soal = |doc: &Value, id: u32| -> Value {
        doc["answers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["soal_id"] == id)
            .unwrap()
            .clone()
    };
    let counted = soal(&doc, count);
    let n = counted["jawaban_unit"]
        .as_str()
        .expect("a count as a string");
    assert!(n.parse::<f64>().is_ok(), "{n}");
    let first = soal(&doc, 1);
    assert_eq!(
        first["catatan_unit"].as_str(),
        sample_by_soal[&1].1.as_deref()
    );
    assert!(first["bukti_dukung_unit"]
        .as_str()
        .unwrap()
        .starts_with("https://"));

    // The TPI workbook: its id from the file name, TPI answers where the TPI gave one, nulls
    // where unanswered.
    let doc = get_json("/lke/jawaban-unit/BIRO-TPI");
    assert_eq!(doc["unit_id"], "BIRO-TPI");
    assert_eq!(
        soal(&doc, 1),
        serde_json::json!({
            "soal_id": 1, "jawaban_unit": "Ya", "jawaban_tpi": "Tidak",
            "catatan_unit": "SK tim sudah ada",
            "bukti_dukung_unit": "https://contoh.example/bukti/sk-tim.pdf",
            "catatan_tpi": "SK belum ditandatangani",
        })
    );
    assert_eq!(
        soal(&doc, 2),
        serde_json::json!({
            "soal_id": 2, "jawaban_unit": "A", "jawaban_tpi": "C", "catatan_unit": null,
            "bukti_dukung_unit": null, "catatan_tpi": null,
        })
    );
    assert_eq!(
        soal(&doc, 3),
        serde_json::json!({
            "soal_id": 3, "jawaban_unit": null, "jawaban_tpi": null, "catatan_unit": null,
            "bukti_dukung_unit": null, "catatan_tpi": null,
        })
    );
    let counted = soal(&doc, count);
    assert_eq!(
        counted["jawaban_unit"].as_str(),
        Some(by_soal[&count].as_str())
    );
    assert_eq!(
        counted["jawaban_tpi"],
        Value::Null,
        "inherited, not the TPI's own"
    );
    for id in 4..=127u32 {
        let a = soal(&doc, id);
        assert_eq!(
            a["jawaban_unit"].as_str(),
            Some(by_soal[&id].as_str()),
            "soal {id}"
        );
        assert_eq!(a["jawaban_tpi"], Value::Null, "soal {id}");
    }
}

#[test]
fn portalrb_broken_workbook_is_left_out_and_on_the_status_page() {
    for list in ["/pengusulan/unit-wbk", "/pengusulan/unit-wbbm"] {
        let v = get_json(list);
        for u in v["units"].as_array().unwrap() {
            assert!(!u["id"].as_str().unwrap().contains("RUSAK"), "{u}");
        }
    }
    assert_eq!(get("/lke/jawaban-unit/RUSAK", Some(TOKEN)).status, 404);
    let status = get("/status", Some(TOKEN));
    assert_eq!(status.status, 200);
    let page = status.text();
    let left_out = &page[page.find("id=\"left-out\"").expect("left-out table")..];
    assert!(left_out.contains("<td>rusak.xlsx</td>"), "{page}");
    let served = &page[page.find("id=\"served\"").unwrap()..page.find("id=\"left-out\"").unwrap()];
    assert!(served.contains("UNIT-KI-001") && served.contains("BIRO-TPI"));
    assert!(!served.contains("rusak"));
}

#[test]
fn portalrb_unknown_units_and_path_traversal() {
    assert_eq!(get("/lke/jawaban-unit/UNIT-NOPE", Some(TOKEN)).status, 404);
    assert_eq!(get("/lke/jawaban-unit/kanim.xlsx", Some(TOKEN)).status, 404);
    for path in [
        "/lke/jawaban-unit/..%2F..%2Fetc%2Fpasswd",
        "/lke/jawaban-unit/%2e%2e",
        "/lke/jawaban-unit/..",
        "/lke/jawaban-unit/UNIT%00KI",
        "/lke/jawaban-unit/..%5Cunits.toml",
    ] {
        let r = get(path, Some(TOKEN));
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.text().contains("UNIT-KI-001"), "{path}");
    }
    for path in [
        "/lke/jawaban-unit/../../etc/passwd",
        "/lke/jawaban-unit/UNIT-KI-001/../../units.toml",
        "/lke/../units.toml",
        "/pengusulan/unit-wbk/../../units.toml",
        "/units.toml",
        "/kanim.xlsx",
    ] {
        let r = get(path, Some(TOKEN));
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.text().contains("[units."), "{path}");
    }
}

#[test]
fn portalrb_ids_are_stable_across_restarts() {
    let f = fixture();
    let set = zona_eval::CriteriaSet::builtin();
    let pipeline = zona_eval::Pipeline::new(&set);
    let ids = || -> Vec<(String, String)> {
        zona_serve::portalrb::PortalRb::load(f.dir.path(), &pipeline, Lang::En, |_| {})
            .map_err(|e| e.message(Lang::En))
            .unwrap()
            .units
            .into_iter()
            .map(|u| (u.file, u.id))
            .collect()
    };
    let first = ids();
    assert_eq!(
        first,
        [
            ("biro-tpi.xlsx".to_string(), "BIRO-TPI".to_string()),
            ("kanim.xlsx".to_string(), "UNIT-KI-001".to_string())
        ]
    );
    assert_eq!(ids(), first);
    // A units.toml id that is not a safe id, or one given twice, stops the start.
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        "[units.\"a.xlsx\"]\nid = \"../x\"\n",
        "[units.\"a.xlsx\"]\nid = \"A\"\n[units.\"b.xlsx\"]\nid = \"A\"\n",
        "[units.\"a.xlsx\"]\nunit = \"A\"\n",
    ] {
        std::fs::write(dir.path().join("units.toml"), bad).unwrap();
        assert!(
            zona_serve::portalrb::PortalRb::load(dir.path(), &pipeline, Lang::En, |_| {}).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn portalrb_paths_that_name_no_endpoint_answer_json_and_the_scheme_is_case_insensitive() {
    // `/lke/jawaban-unit/`, a trailing segment or slash gave the web page's HTML 404, a POST an
    // empty 405; `Authorization: bearer …` was refused.
    for path in [
        "/lke/jawaban-unit/",
        "/lke/jawaban-unit",
        "/lke/jawaban-unit/UNIT-KI-001/",
        "/lke/jawaban-unit/UNIT-KI-001/x",
        "/pengusulan/unit-wbk/",
    ] {
        let r = get(path, Some(TOKEN));
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(
            r.header("content-type"),
            Some("application/json; charset=utf-8"),
            "{path}"
        );
        assert_eq!(r.text(), r#"{"error":"not found"}"#, "{path}");
    }
    let auth = format!("Bearer {TOKEN}");
    let r = crate::serve::request(
        fixture().server.addr,
        "POST",
        "/lke/jawaban-unit/UNIT-KI-001",
        &[("Authorization", auth.as_str())],
        b"",
    );
    assert_eq!(r.status, 405);
    assert_eq!(r.text(), r#"{"error":"method not allowed"}"#);
    assert_eq!(r.header("allow"), Some("GET"));
    let lower = format!("bearer {TOKEN}");
    let r = crate::serve::request(
        fixture().server.addr,
        "GET",
        "/pengusulan/unit-wbk",
        &[("Authorization", lower.as_str())],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    // The web page's own 404 stays a page.
    let r = get("/tidak-ada", Some(TOKEN));
    assert_eq!(r.status, 404);
    assert!(r
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));
}

#[test]
fn portalrb_status_says_a_unit_of_another_year_is_not_on_the_list() {
    // A 2024 workbook meeting Menuju WBK beside the 2025 one: the list left it out (right), the
    // status page said "unit-wbk: ya" (wrong), with English words and decimals in the page.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample(), dir.path().join("kanim.xlsx")).unwrap();
    std::fs::copy(
        root().join("samples/batch/lke-rsud-cendana-2024.xlsx"),
        dir.path().join("rsud.xlsx"),
    )
    .unwrap();
    let app = App::with_portalrb(
        zona_eval::CriteriaSet::builtin(),
        ServeOptions {
            token: Some(TOKEN.into()),
            ..ServeOptions::default()
        },
        dir.path(),
        Lang::Id,
        |_| {},
    )
    .map_err(|e| e.message(Lang::En))
    .unwrap();
    let server = start_app(app);
    let auth = format!("Bearer {TOKEN}");
    let get = |path: &str| {
        request(
            server.addr,
            "GET",
            path,
            &[("Authorization", auth.as_str())],
            b"",
        )
    };
    let list: Value = serde_json::from_slice(&get("/pengusulan/unit-wbk").body).unwrap();
    let ids: Vec<&str> = list["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(list["tahun"], 2025);
    assert!(!ids.iter().any(|i| i.contains("RSUD")), "{ids:?}");
    let page = get("/status").text();
    let row = page
        .lines()
        .find(|l| l.contains("rsud.xlsx"))
        .expect("the 2024 unit on the status page");
    assert!(
        row.contains("<td>tidak (memenuhi, tetapi tahun 2024 bukan tahun daftar)</td>"),
        "{row}"
    );
    assert!(
        row.contains("<td>78,06</td>") && row.contains("<td>nama berkas</td>"),
        "{row}"
    );
    assert!(!page.contains("file name"), "{page}");
}
