//! The example workbook (a real filled LKE, tests/data/) scored by zona against what the
//! workbook's own formulas computed (the cached values in column L and, for ratio items, K), item
//! by item and sub-area by sub-area. Every difference is listed and explained below.

use std::collections::BTreeMap;

use calamine::{open_workbook_auto, Data, Reader};
use zona_core::{score, ScoreOptions};

use crate::util::example_workbook;

fn row_of(cell: &str) -> u32 {
    cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .unwrap()
}

fn col_index(letter: char) -> u32 {
    letter as u32 - 'A' as u32
}

/// Every place where zona's value differs from the workbook's cached one, by cell.
fn differences() -> (BTreeMap<String, (f64, f64)>, f64, f64, usize) {
    let path = example_workbook();
    let criteria = zona_core::default_criteria();
    let (answers, _) = zona_read::read_answers(&path, &criteria).expect("read example");
    // The workbook's own formulas leave unanswered items out of the mean: compare like with like.
    // (The example is fully answered, so both policies give the same numbers; asserted below.)
    let result = score(&criteria, &answers, &ScoreOptions::default());

    let mut wb = open_workbook_auto(&path).unwrap();
    let sheet = wb.worksheet_range("LKE ZI").unwrap();
    let cached = |row: u32, col: char| -> Option<f64> {
        match sheet.get_value((row - 1, col_index(col))) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            _ => None,
        }
    };

    let mut diffs = BTreeMap::new();
    let mut compared = 0;
    for (i, item) in criteria.items.iter().enumerate() {
        let loc = answers.items[i]
            .as_ref()
            .expect("every item found")
            .location
            .clone();
        let row = row_of(loc.cell.as_deref().unwrap());
        let mine = &result.items[i];
        // Ratio items: the workbook computes the ratio in K; other items: the value in L
        // (hasil items: L is value × weight, i.e. points).
        let (col, zona_value) = match (&item.answer, item.weight) {
            (zona_core::AnswerKind::Ratio(_), _) => ('K', mine.value.unwrap()),
            (_, Some(_)) => ('L', mine.points),
            _ => ('L', mine.value.unwrap()),
        };
        compared += 1;
        match cached(row, col) {
            Some(w) if (w - zona_value).abs() < 1e-9 => {}
            Some(w) => {
                diffs.insert(format!("{col}{row}"), (w, zona_value));
            }
            // Text such as "-": the workbook's formula did not score this item.
            None => {
                diffs.insert(format!("{col}{row}"), (f64::NAN, zona_value));
            }
        }
    }
    for (i, node) in criteria.nodes.iter().enumerate() {
        let loc = answers.nodes[i]
            .as_ref()
            .unwrap_or_else(|| panic!("node {} found", node.key));
        let row = row_of(loc.cell.as_deref().unwrap());
        let w = cached(row, 'L').unwrap_or_else(|| panic!("L{row} cached"));
        compared += 1;
        if (w - result.nodes[i].score).abs() > 1e-9 {
            diffs.insert(format!("L{row}"), (w, result.nodes[i].score));
        }
    }
    let workbook_total = cached(208, 'L').unwrap();
    (diffs, workbook_total, result.total, compared)
}

#[test]
fn zona_matches_the_workbook_formulas_except_where_the_workbook_is_wrong() {
    let (diffs, workbook_total, zona_total, compared) = differences();
    assert_eq!(compared, 113 + 62, "every item and node compared");
    assert!((workbook_total - 95.5761904761905).abs() < 1e-9);

    let lhkpn = 13.0 / 15.0; // LHKPN: 13 of 1 + 1 + 13 reported
    let lhkasn = 12.0 / 13.0; // LHKASN: 12 of 0 + 1 + 12 (the typed total says 12)
    let expected: BTreeMap<String, (f64, f64)> = [
        // 1. Row 8: "Pilihan Jawaban" says "Ya" instead of "Ya/Tidak", so the workbook's L8
        //    formula shows "-" and drops the item. zona takes the type from the criteria: Ya = 1.
        //    The sub-area is unaffected (its other item is A = 1 too).
        ("L8", (f64::NAN, 1.0)),
        // 2. K184/L183: the LHKASN "Jumlah yang harus melaporkan" (K185) is a typed 12 while its
        //    parts (K186:K188) add up to 13. The sum wins (scoring-rules.md): 12/13, not 12/12.
        ("K184", (1.0, lhkasn)),
        ("L183", (1.0, lhkasn)),
        // 3. L175 = AVERAGE(L176:L179)*H175 computes "Penyampaian Laporan Harta Kekayaan" from the
        //    LHKPN part alone (a bug of this copy): 2 × 0.8667 = 1.7333. Correct: LHKPN (1.00 ×
        //    13/15) + LHKASN (1.00 × 12/13) = 1.7897.
        ("L175", (2.0 * lhkpn, lhkpn + lhkasn)),
        // 4. The difference of L175 carries into Penguatan Pengawasan (reform), Reform,
        //    Pengungkit (L4 and its total row L198 are the same node) and the total.
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let delta = (lhkpn + lhkasn) - 2.0 * lhkpn;

    let mut carried = diffs.clone();
    for key in expected.keys() {
        let (w, z) = carried
            .remove(key)
            .unwrap_or_else(|| panic!("expected a difference at {key}"));
        let (ew, ez) = expected[key];
        assert!(
            ew.is_nan() && w.is_nan() || (ew - w).abs() < 1e-9,
            "{key}: workbook {w}, expected {ew}"
        );
        assert!((ez - z).abs() < 1e-9, "{key}: zona {z}, expected {ez}");
    }
    // What is left are the ancestors of L175, each off by exactly the same delta.
    let ancestors: Vec<&str> = carried.keys().map(String::as_str).collect();
    assert_eq!(ancestors, vec!["L125", "L167", "L4"], "{carried:?}");
    for (w, z) in carried.values() {
        assert!((z - w - delta).abs() < 1e-9, "workbook {w}, zona {z}");
    }
    assert!((zona_total - workbook_total - delta).abs() < 1e-9);
    assert!((zona_total - 95.63260).abs() < 1e-5, "{zona_total}");
}

#[test]
fn the_example_has_two_reading_notes_and_nothing_missing() {
    let criteria = zona_core::default_criteria();
    let (answers, source) = zona_read::read_answers(&example_workbook(), &criteria).unwrap();
    assert_eq!(source.sheet, "LKE ZI");
    let r = score(&criteria, &answers, &ScoreOptions::default());
    let codes: Vec<(&str, String)> = r
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code(),
                d.location
                    .as_ref()
                    .map(zona_core::Location::sheet_cell)
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![
            ("answer_type_differs", "LKE ZI!J8".to_string()),
            ("sum_mismatch", "LKE ZI!K185".to_string()),
        ]
    );
    // Fully answered: the workbook's "leave unanswered out" policy gives the same total.
    let exclude = score(
        &criteria,
        &answers,
        &ScoreOptions {
            unanswered: zona_core::UnansweredPolicy::Exclude,
            ..Default::default()
        },
    );
    assert!((exclude.total - r.total).abs() < 1e-12);
    // Notes and evidence are read: the example's placeholders.
    let first = answers.items[0].as_ref().unwrap();
    assert_eq!(first.note.as_deref(), Some("Catatan contoh (disamarkan)"));
    assert_eq!(first.evidence.len(), 2);
    assert_eq!(
        first.evidence[1].link(),
        Some("https://contoh.example/bukti/8.pdf")
    );
}
