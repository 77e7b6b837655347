//! The built-in PermenPANRB 90/2021 criteria stay honest against the PortalRB master list
//! (`tests/data/portalrb-lke-zi-2026-master.json`): every soal once, its text, its answer type and
//! its row in the PortalRB `Jawaban` sheet. The criteria TOML is the source now (its generator is
//! retired); this test is what keeps it tied to the master.
//!
//! And the `[portalrb]` table of a criteria file: its problems are reported at their lines, and a
//! custom table moves where the PortalRB workbook writer and reader put and find every answer.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;
use zona_core::criteria::ScaleKind;
use zona_core::{AnswerKind, Criteria, Layer, ProblemKind};
use zona_report::portalrb_writer::{write_workbook, SoalFill};

use crate::util::root;

/// Runs of whitespace (newlines included) as one space, trimmed: how the criteria hold the
/// master's texts.
fn collapsed(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every soal of the master list by soal_id, with the path of node names above it.
fn master_soals() -> BTreeMap<u64, (String, Value)> {
    let path = root().join("tests/data/portalrb-lke-zi-2026-master.json");
    let master: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    fn walk(node: &Value, path: &str, out: &mut Vec<(String, Value)>) {
        let path = format!("{path} / {}", node["nama"].as_str().unwrap_or("?"));
        for soal in node["soals"].as_array().into_iter().flatten() {
            out.push((path.clone(), soal.clone()));
        }
        for child in node["children"].as_array().into_iter().flatten() {
            walk(child, &path, out);
        }
    }
    let mut all = Vec::new();
    for node in master["data"].as_array().expect("master `data`") {
        walk(node, "", &mut all);
    }
    assert_eq!(
        master["total_soal"].as_u64(),
        Some(all.len() as u64),
        "total_soal"
    );
    let mut by_id = BTreeMap::new();
    for (path, soal) in all {
        let id = soal["id"].as_u64().expect("soal id");
        assert!(
            by_id.insert(id, (path, soal)).is_none(),
            "soal {id} twice in the master"
        );
    }
    assert_eq!(
        by_id.keys().copied().collect::<Vec<_>>(),
        (1..=127).collect::<Vec<_>>(),
        "the master's soal_ids"
    );
    by_id
}

/// Where a soal sits in the criteria.
#[derive(Debug, Clone, Copy)]
enum Place {
    Item(usize),
    /// (item, count input)
    Input(usize, usize),
}

fn places(c: &Criteria) -> BTreeMap<u32, Vec<Place>> {
    let mut out: BTreeMap<u32, Vec<Place>> = BTreeMap::new();
    for (i, item) in c.items.iter().enumerate() {
        if let Some(s) = item.soal_id {
            out.entry(s).or_default().push(Place::Item(i));
        }
        if let AnswerKind::Ratio(r) = &item.answer {
            for (k, input) in r.inputs.iter().enumerate() {
                if let Some(s) = input.soal_id {
                    out.entry(s).or_default().push(Place::Input(i, k));
                }
            }
        }
    }
    out
}

fn place_name(c: &Criteria, p: Place) -> String {
    match p {
        Place::Item(i) => format!("item {}", c.items[i].key),
        Place::Input(i, k) => match &c.items[i].answer {
            AnswerKind::Ratio(r) => {
                format!("count input {} of item {}", r.inputs[k].key, c.items[i].key)
            }
            _ => unreachable!(),
        },
    }
}

/// True when `short`'s words appear in `long` in order (a row label of the official workbook,
/// shorter than the master's text of the same count).
fn words_within(short: &str, long: &str) -> bool {
    let mut long = long.split_whitespace();
    short.split_whitespace().all(|w| long.any(|l| l == w))
}

/// The differences between an item of the criteria and its master soal.
fn item_differences(c: &Criteria, i: usize, soal: &Value, out: &mut Vec<String>) {
    let item = &c.items[i];
    let id = &soal["id"];
    let key = &item.key;
    let master_text = collapsed(soal["teks_pertanyaan"].as_str().unwrap_or_default());
    if item.text != master_text {
        out.push(format!(
            "soal {id} ({key}): text differs\n    criteria: {:?}\n    master:   {master_text:?}",
            item.text
        ));
    }
    let master_criteria = collapsed(soal["kriteria_nilai"].as_str().unwrap_or_default());
    let master_criteria = (!master_criteria.is_empty()).then_some(master_criteria);
    if item.criteria != master_criteria {
        out.push(format!(
            "soal {id} ({key}): criteria text differs\n    criteria: {:?}\n    master:   {master_criteria:?}",
            item.criteria
        ));
    }
    let jenis = soal["jenis_jawaban"].as_str().unwrap_or_default();
    match (jenis.to_ascii_uppercase().as_str(), &item.answer) {
        ("YA_TIDAK" | "ABC" | "ABCD" | "ABCDE", AnswerKind::Choice(scale)) => {
            let scale = &c.scales[*scale];
            let ScaleKind::Choice(options) = &scale.kind else {
                out.push(format!(
                    "soal {id} ({key}): scale {} is not a choice scale",
                    scale.key
                ));
                return;
            };
            let codes: Vec<&str> = options.iter().map(|o| o.code.as_str()).collect();
            let skema = soal["skema_penilaian"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let master_codes: Vec<&str> = skema.iter().filter_map(|o| o["key"].as_str()).collect();
            if codes != master_codes {
                out.push(format!(
                    "soal {id} ({key}): answer codes differ: criteria {codes:?} (scale {}), master {jenis} {master_codes:?}",
                    scale.key
                ));
            }
            let values: Vec<f64> = options.iter().map(|o| o.value).collect();
            let multipliers: Vec<f64> = skema
                .iter()
                .filter_map(|o| o["multiplier"].as_f64())
                .collect();
            if values.len() != multipliers.len()
                || values
                    .iter()
                    .zip(&multipliers)
                    .any(|(a, b)| (a - b).abs() > 1e-9)
            {
                out.push(format!(
                    "soal {id} ({key}): answer values differ: criteria {values:?} (scale {}), master multipliers {multipliers:?}",
                    scale.key
                ));
            }
        }
        ("0-4", AnswerKind::Index { max, .. }) => {
            if (max - 4.0).abs() > 1e-9 {
                out.push(format!(
                    "soal {id} ({key}): an index 0-4 in the master, index 0-{max} in the criteria"
                ));
            }
        }
        (_, answer) => {
            let criteria_type = match answer {
                AnswerKind::Choice(s) => format!("choice scale {}", c.scales[*s].key),
                AnswerKind::Index { max, .. } => format!("index 0-{max}"),
                AnswerKind::Ratio(_) => "ratio".to_string(),
            };
            out.push(format!(
                "soal {id} ({key}): answer type differs: criteria {criteria_type}, master {jenis:?}"
            ));
        }
    }
}

/// Every difference between the criteria's soal and the master's: a soal missing, twice or
/// unknown, a text, criteria text, answer type or count label that differs.
fn soal_differences(c: &Criteria, master: &BTreeMap<u64, (String, Value)>) -> Vec<String> {
    let places = places(c);
    let mut problems = Vec::new();
    for (soal_id, found) in &places {
        if !master.contains_key(&u64::from(*soal_id)) {
            let at: Vec<String> = found.iter().map(|p| place_name(c, *p)).collect();
            problems.push(format!(
                "soal {soal_id}: not in the master, but on {}",
                at.join(", ")
            ));
        }
    }
    for (id, (path, soal)) in master {
        let found = u32::try_from(*id)
            .ok()
            .and_then(|id| places.get(&id))
            .cloned()
            .unwrap_or_default();
        match found.as_slice() {
            [] => problems.push(format!(
                "soal {id}: missing from the criteria (master: {path}: {:?})",
                soal["teks_pertanyaan"]
            )),
            [Place::Item(i)] => item_differences(c, *i, soal, &mut problems),
            [Place::Input(i, k)] => {
                let AnswerKind::Ratio(r) = &c.items[*i].answer else {
                    unreachable!()
                };
                let input = &r.inputs[*k];
                let jenis = soal["jenis_jawaban"].as_str().unwrap_or_default();
                if !jenis.eq_ignore_ascii_case("jumlah") {
                    problems.push(format!(
                        "soal {id} ({}): a count input in the criteria, a {jenis:?} soal in the master",
                        place_name(c, found[0])
                    ));
                }
                if !input.sum_of.is_empty() {
                    problems.push(format!(
                        "soal {id} ({}): a summed input carries a soal_id",
                        place_name(c, found[0])
                    ));
                }
                // The labels of count rows are the official workbook's (S3 in the criteria
                // header), at times shorter than the master's text of the same count.
                let master_text = collapsed(soal["teks_pertanyaan"].as_str().unwrap_or_default());
                if input.label != collapsed(&input.label)
                    || !words_within(&input.label, &master_text)
                {
                    problems.push(format!(
                        "soal {id} ({}): label {:?} is not the master's {master_text:?} (nor its words in order)",
                        place_name(c, found[0]),
                        input.label
                    ));
                }
            }
            many => {
                let at: Vec<String> = many.iter().map(|p| place_name(c, *p)).collect();
                problems.push(format!(
                    "soal {id}: {} times in the criteria: {}",
                    many.len(),
                    at.join(", ")
                ));
            }
        }
    }
    problems
}

/// Every difference between the criteria's `[portalrb]` table and the master's sheet, rows and
/// columns.
fn layout_differences(c: &Criteria, master: &BTreeMap<u64, (String, Value)>) -> Vec<String> {
    let Some(layout) = c.portalrb.as_ref() else {
        return vec!["no [portalrb] table".into()];
    };
    let rows: HashMap<u32, u32> = layout.rows.iter().copied().collect();
    let mut problems = Vec::new();
    if rows.len() != layout.rows.len() {
        problems.push(format!(
            "{} rows for {} soal_ids",
            layout.rows.len(),
            rows.len()
        ));
    }
    for (soal, row) in &layout.rows {
        if !master.contains_key(&u64::from(*soal)) {
            problems.push(format!(
                "soal {soal}: row {row} in [portalrb], not in the master"
            ));
        }
    }
    let col = layout.columns;
    for (id, (_, soal)) in master {
        let master_row = soal["excel_baris"].as_u64();
        let row = u32::try_from(*id)
            .ok()
            .and_then(|id| rows.get(&id))
            .map(|r| u64::from(*r));
        if row != master_row {
            problems.push(format!(
                "soal {id}: row {row:?} in [portalrb], excel_baris {master_row:?} in the master"
            ));
        }
        if soal["excel_sheet"].as_str() != Some(zona_core::portalrb_layout::SHEET) {
            problems.push(format!(
                "soal {id}: sheet {} in the master, `{}` in zona",
                soal["excel_sheet"],
                zona_core::portalrb_layout::SHEET
            ));
        }
        for (field, ours) in [
            ("excel_kolom_jawaban_unit", col.unit_answer),
            ("excel_kolom_catatan_unit", col.unit_note),
            ("excel_kolom_bukti_dukung_unit", col.evidence),
            ("excel_kolom_jawaban_tpi", col.tpi_answer),
            ("excel_kolom_catatan_tpi", col.tpi_note),
        ] {
            let ours = zona_read::col_name(ours);
            if soal[field].as_str() != Some(ours.as_str()) {
                problems.push(format!(
                    "soal {id}: {field} {} in the master, column {ours} in [portalrb]",
                    soal[field]
                ));
            }
        }
    }
    problems
}

#[test]
fn every_master_soal_is_in_the_criteria_once_with_its_text_and_answer_type() {
    let problems = soal_differences(&zona_core::default_criteria(), &master_soals());
    assert!(
        problems.is_empty(),
        "{} difference(s) between criteria/permenpanrb-90-2021.toml and the PortalRB master:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_portalrb_table_gives_every_soal_its_master_row_and_columns() {
    let problems = layout_differences(&zona_core::default_criteria(), &master_soals());
    assert!(
        problems.is_empty(),
        "{} difference(s) between the [portalrb] table and the PortalRB master:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The built-in criteria with some texts replaced (each found exactly once).
fn edited_default(edits: &[(&str, &str)]) -> Criteria {
    let mut text = zona_core::load::DEFAULT_CRITERIA_TOML.to_string();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        text = text.replacen(from, to, 1);
    }
    zona_core::load_str(&text, "edited.toml").unwrap()
}

#[test]
fn the_master_checks_name_the_soal_and_what_differs() {
    let master = master_soals();
    let c = edited_default(&[
        (
            "text = \"Unit kerja telah membentuk tim",
            "text = \"Unit kerja telah  membentuk tim",
        ),
        (
            "answer = \"abc\"\nsoal_id = 2\n",
            "answer = \"abcd\"\nsoal_id = 2\n",
        ),
        (
            "answer = \"ya_tidak\"\nsoal_id = 9\n",
            "answer = \"ya_tidak\"\n",
        ),
        ("\n9 = 17\n", "\n"),
        ("\n5 = 11\n", "\n5 = 12\n"),
        (
            "label = \"Jumlah Agen Perubahan\", label_en = \"Number of Change Agents\", soal_id = 88",
            "label = \"Jumlah Agen Pembaruan\", label_en = \"Number of Change Agents\", soal_id = 88",
        ),
    ]);
    let soal = soal_differences(&c, &master);
    let starts: Vec<String> = soal
        .iter()
        .map(|p| p.split(':').next().unwrap().to_string())
        .collect();
    assert_eq!(
        starts,
        [
            "soal 1 (pemenuhan.mp.tim_kerja.a)",
            "soal 2 (pemenuhan.mp.tim_kerja.b)",
            "soal 2 (pemenuhan.mp.tim_kerja.b)",
            "soal 9",
            "soal 88 (count input jumlah_agen of item reform.mp.komitmen.a)",
        ],
        "{soal:#?}"
    );
    assert!(soal[0].contains("text differs") && soal[0].contains("telah  membentuk"));
    assert!(soal[1].contains("answer codes differ") && soal[1].contains("\"D\""));
    assert!(soal[2].contains("answer values differ"));
    assert!(soal[3].contains("missing from the criteria"));
    assert!(soal[4].contains("Jumlah Agen Pembaruan"));

    let layout = layout_differences(&c, &master);
    assert_eq!(
        layout,
        [
            "soal 5: row Some(12) in [portalrb], excel_baris Some(11) in the master",
            "soal 9: row None in [portalrb], excel_baris Some(17) in the master",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// The [portalrb] table of a criteria file

const MINI: &str = include_str!("../crates/zona-core/tests/data/mini.toml");

/// The small test criteria with a soal_id on every item and count input (the summed one aside):
/// yt 1, abc 2, abcd 3, abcde 4; share: harus 5, proses 6, selesai 7; reduction: lalu 8, kini 9;
/// summed: x 10, y 11, z 12, sudah 13; ipak 14.
fn mini_with_soal_ids() -> String {
    let mut text = MINI.to_string();
    let items = [
        ("Ya tidak", 1),
        ("Tiga pilihan", 2),
        ("Empat pilihan", 3),
        ("Lima pilihan", 4),
        ("Nilai Survey Persepsi Korupsi", 14),
    ];
    for (item, soal) in items {
        let line = format!("text = \"{item}\"\n");
        assert_eq!(text.matches(&line).count(), 1, "{line}");
        text = text.replace(&line, &format!("{line}soal_id = {soal}\n"));
    }
    let inputs = [
        ("harus", 5),
        ("proses", 6),
        ("selesai", 7),
        ("lalu", 8),
        ("kini", 9),
        ("x", 10),
        ("y", 11),
        ("z", 12),
        ("sudah", 13),
    ];
    for (input, soal) in inputs {
        let start = text
            .find(&format!("{{ key = \"{input}\", "))
            .unwrap_or_else(|| panic!("input {input}"));
        let end = start + text[start..].find(" }").unwrap();
        text.insert_str(end, &format!(", soal_id = {soal}"));
    }
    text
}

/// The criteria text with `table` appended, and the 1-based line of the table's first line.
fn with_table(table: &str) -> (String, usize) {
    let base = mini_with_soal_ids();
    let first_line = base.lines().count() + 2;
    (format!("{base}\n{table}"), first_line)
}

/// The (line, column, problem) of each problem the loader reports.
fn problems(text: &str) -> Vec<(usize, usize, ProblemKind)> {
    match zona_core::load_str(text, "portalrb.toml") {
        Ok(_) => panic!("criteria with a bad [portalrb] table loaded"),
        Err(zona_core::CriteriaError::Invalid { problems, .. }) => problems
            .into_iter()
            .map(|p| (p.line, p.column, p.kind))
            .collect(),
        Err(other) => panic!(
            "not a list of problems: {}",
            other.message(zona_core::Lang::En)
        ),
    }
}

/// 1-based column of the first `needle` on 1-based line `line`.
fn column_of(text: &str, line: usize, needle: &str) -> usize {
    let l = text.lines().nth(line - 1).unwrap();
    l.find(needle)
        .unwrap_or_else(|| panic!("{needle} on line {line}: {l}"))
        + 1
}

#[test]
fn the_test_criteria_with_soal_ids_load() {
    let c = zona_core::load_str(&mini_with_soal_ids(), "mini.toml").unwrap();
    assert_eq!(
        places(&c).keys().copied().collect::<Vec<_>>(),
        (1..=14).collect::<Vec<_>>()
    );
    assert!(c.portalrb.is_none());
}

#[test]
fn a_bad_portalrb_table_is_reported_at_its_lines() {
    let (text, first) = with_table(
        r#"[portalrb]
columns = { unit_answer = "K1", unit_note = "L", evidence = "M", tpi_answer = "N", tpi_note = "" }
[portalrb.rows]
1 = 6
2 = 6
3 = 0
4 = 9
99 = 20
x = 21
"#,
    );
    let cols = first + 1;
    let got = problems(&text);
    let invalid = |key: &str| ProblemKind::InvalidKey { key: key.into() };
    let unknown = |name: &str| ProblemKind::UnknownReference {
        what: "soal_id",
        name: name.into(),
    };
    let expected = vec![
        // A column that is not letters, and an empty one.
        (cols, column_of(&text, cols, "\"K1\""), invalid("K1")),
        (cols, column_of(&text, cols, "\"\""), invalid("")),
        // Soal 2 on the row of soal 1; row 0.
        (first + 4, 5, invalid("2 = 6")),
        (first + 5, 5, invalid("3 = 0")),
        // A soal_id no item or count input of the criteria carries, and a key that is none.
        (first + 7, 6, unknown("99")),
        (first + 8, 5, unknown("x")),
    ];
    assert_eq!(got, expected, "{text}");

    // Every problem names the file and its line.
    let message = zona_core::load_str(&text, "portalrb.toml")
        .unwrap_err()
        .message(zona_core::Lang::En);
    for (line, column, _) in &expected {
        assert!(
            message.contains(&format!("portalrb.toml:{line}:{column}: ")),
            "{message}"
        );
    }
}

#[test]
fn a_summed_input_or_a_soal_of_no_item_has_no_row() {
    // `wajib` is the sum of x, y and z: it has no soal_id, so no key names it. A soal_id the
    // master has but these criteria do not is unknown here.
    let (text, first) = with_table(
        r#"[portalrb]
columns = { unit_answer = "K", unit_note = "L", evidence = "M", tpi_answer = "N", tpi_note = "Q" }
[portalrb.rows]
wajib = 7
127 = 8
"#,
    );
    let got = problems(&text);
    assert_eq!(
        got,
        vec![
            (
                first + 3,
                9,
                ProblemKind::UnknownReference {
                    what: "soal_id",
                    name: "wajib".into()
                }
            ),
            (
                first + 4,
                7,
                ProblemKind::UnknownReference {
                    what: "soal_id",
                    name: "127".into()
                }
            ),
        ]
    );
}

/// A layout unlike PortalRB's: other columns (one of two letters), rows out of soal order with
/// gaps, one soal (abcde, 4) left out.
const CUSTOM_TABLE: &str = r#"[portalrb]
columns = { unit_answer = "E", unit_note = "G", evidence = "H", tpi_answer = "J", tpi_note = "AB" }
[portalrb.rows]
1 = 40
2 = 12
3 = 7
5 = 30
6 = 31
7 = 33
8 = 21
9 = 20
10 = 50
11 = 52
12 = 54
13 = 56
14 = 9
"#;

fn custom_cell(row: u32, letters: &str) -> String {
    format!("{letters}{row}")
}

#[test]
fn a_custom_portalrb_table_places_every_answer_where_it_says() {
    let (text, _) = with_table(CUSTOM_TABLE);
    let c = zona_core::load_str(&text, "custom.toml").unwrap();
    let layout = c.portalrb.as_ref().expect("the table loads");
    assert_eq!(
        (
            layout.columns.unit_answer,
            layout.columns.unit_note,
            layout.columns.evidence,
            layout.columns.tpi_answer,
            layout.columns.tpi_note
        ),
        (4, 6, 7, 9, 27)
    );
    // In row order.
    assert_eq!(
        layout.rows.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        vec![3, 14, 2, 9, 8, 5, 6, 7, 1, 10, 11, 12, 13]
    );

    // What a unit and its evaluator typed, by soal.
    let unit: HashMap<u32, &str> = [
        (1, "Ya"),
        (2, "B"),
        (3, "C"),
        (4, "A"),
        (5, "40"),
        (6, "5"),
        (7, "30"),
        (8, "12"),
        (9, "9"),
        (10, "1"),
        (11, "6"),
        (12, "3"),
        (13, "9"),
        (14, "3.5"),
    ]
    .into_iter()
    .collect();
    let fill: HashMap<u32, SoalFill> = unit
        .iter()
        .map(|(soal, value)| {
            (
                *soal,
                SoalFill {
                    unit: Some(value.to_string()),
                    unit_note: Some(format!("catatan unit {soal}")),
                    evidence: Some(format!("https://contoh.example/bukti/{soal}")),
                    tpi: Some(if *soal == 2 { "C" } else { value }.to_string()),
                    tpi_note: Some(format!("catatan TPI {soal}")),
                },
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portalrb-kustom.xlsx");
    write_workbook(&path, &c, &fill).unwrap();

    // The cells, as a spreadsheet shows them: every value in the row and column of the table.
    {
        use calamine::{Data, Reader as _};
        let mut wb = calamine::open_workbook_auto(&path).unwrap();
        let sheet = wb.worksheet_range("Jawaban").unwrap();
        let at = |row1: u32, col: u32| match sheet.get_value((row1 - 1, col)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => other.to_string(),
        };
        for &(soal, row) in &layout.rows {
            let f = &fill[&soal];
            for (col, want) in [
                (4, &f.unit),
                (6, &f.unit_note),
                (7, &f.evidence),
                (9, &f.tpi),
                (27, &f.tpi_note),
            ] {
                assert_eq!(
                    &at(row, col),
                    want.as_ref().unwrap(),
                    "soal {soal}: row {row}, column {}",
                    zona_read::col_name(col)
                );
            }
        }
        // Soal 4 has no row: its answer is written nowhere.
        for row in 1..=60 {
            assert_ne!(at(row, 4), "A", "row {row}");
        }
    }

    // Read back: each answer from its cell, in both layers.
    let (layered, info) = zona_read::read_layers(&path, &c).unwrap();
    assert_eq!(info.layout, "portalrb");
    let layers: HashMap<Layer, &zona_core::AnswerSet> =
        layered.layers.iter().map(|(l, s)| (*l, s)).collect();
    let row_of: HashMap<u32, u32> = layout.rows.iter().copied().collect();
    for (layer, answer_col, note_col) in [
        (Layer::Unit, "E", "catatan unit"),
        (Layer::Tpi, "J", "catatan TPI"),
    ] {
        let set = layers[&layer];
        for (i, item) in c.items.iter().enumerate() {
            let got = set.items[i].as_ref();
            let soal_cells: Vec<(u32, Option<&zona_core::Cell>)> =
                match (&item.answer, item.soal_id) {
                    (AnswerKind::Ratio(r), _) => r
                        .inputs
                        .iter()
                        .enumerate()
                        .filter_map(|(k, inp)| {
                            inp.soal_id
                                .map(|s| (s, got.and_then(|a| a.inputs[k].as_ref())))
                        })
                        .collect(),
                    (_, Some(s)) => vec![(s, got.and_then(|a| a.answer.as_ref()))],
                    (_, None) => unreachable!("every item has a soal_id here"),
                };
            for (soal, cell) in soal_cells {
                let Some(&row) = row_of.get(&soal) else {
                    assert!(
                        cell.is_none(),
                        "{layer:?} soal {soal} has no row but was read"
                    );
                    continue;
                };
                let cell = cell.unwrap_or_else(|| panic!("{layer:?} soal {soal}: not read"));
                assert_eq!(
                    cell.location.cell.as_deref(),
                    Some(custom_cell(row, answer_col).as_str()),
                    "{layer:?} soal {soal}"
                );
                assert_eq!(cell.location.sheet.as_deref(), Some("Jawaban"));
                let want = if layer == Layer::Tpi && soal == 2 {
                    "C"
                } else {
                    unit[&soal]
                };
                assert_eq!(cell.value.display(), want, "{layer:?} soal {soal}");
            }
            if let (Some(a), Some(s)) = (got, item.soal_id) {
                assert_eq!(
                    a.note.as_deref(),
                    Some(format!("{note_col} {s}").as_str()),
                    "{layer:?} {}",
                    item.key
                );
                if layer == Layer::Unit {
                    assert_eq!(a.evidence.len(), 1, "{}", item.key);
                    assert_eq!(
                        a.evidence[0].link(),
                        Some(format!("https://contoh.example/bukti/{s}").as_str())
                    );
                }
            }
        }
        // The soal the table leaves out is not found.
        let abcde = c.item_by_key("abcde").unwrap();
        assert!(
            set.items[abcde.0].is_none(),
            "{layer:?}: abcde read without a row"
        );
    }
    // Not found: named with its sub-area and soal_id, an error (it costs its points).
    let abcde = c.item_by_key("abcde").unwrap();
    let soal = c.item(abcde).soal_id;
    let not_found = layers[&Layer::Unit]
        .diagnostics
        .iter()
        .find(|d| matches!(&d.kind, zona_core::DiagKind::ItemNotFound { text, .. } if text == "Lima pilihan"))
        .expect("abcde reported as not found");
    assert_eq!(not_found.severity, zona_core::Severity::Error);
    match &not_found.kind {
        zona_core::DiagKind::ItemNotFound {
            sub_area, soal_id, ..
        } => {
            assert_eq!(sub_area, &c.node(c.item(abcde).parent).name);
            assert_eq!(*soal_id, soal);
        }
        other => panic!("{other:?}"),
    }
    let msg = not_found.message(zona_core::Lang::Id);
    assert!(
        msg.contains("sub-area") && msg.contains("Kembalikan baris item ini"),
        "{msg}"
    );
}
