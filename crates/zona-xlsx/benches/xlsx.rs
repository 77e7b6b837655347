//! Benchmarks of the spreadsheet adapters, each beside its floor: what calamine alone costs to
//! open the same workbook and load its LKE sheet. Run: `cargo bench -p zona-xlsx`.

use std::path::PathBuf;

use calamine::{open_workbook_auto, Reader};

fn main() {
    divan::main();
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx")
}

/// The floor: open the workbook and load the LKE sheet's values, nothing else.
#[divan::bench]
fn floor_calamine_open_and_load_sheet() -> usize {
    let mut wb = open_workbook_auto(sample()).unwrap();
    let range = wb.worksheet_range("LKE ZI").unwrap();
    range.get_size().0
}

/// zona's reader: open, detect the layout and unit facts, match the criteria tree, read answers.
#[divan::bench]
fn read_official_workbook(bencher: divan::Bencher) {
    let c = zona_core::default_criteria();
    let path = sample();
    bencher.bench_local(|| zona_xlsx::read_answers(&path, &c).unwrap());
}

/// Matching and reading only (the workbook already opened).
#[divan::bench]
fn match_and_read_opened(bencher: divan::Bencher) {
    let c = zona_core::default_criteria();
    let src = zona_xlsx::Source::open(&sample()).unwrap();
    // As a batch does: the reader (criteria fingerprints) is built once.
    let reader = zona_xlsx::Reader::new(&c);
    bencher.bench_local(|| reader.read(&src).unwrap());
}

/// Building one unit's report (all sheets, charts) as bytes, from a scored sample.
#[divan::bench]
fn report_bytes_one_unit(bencher: divan::Bencher) {
    let c = zona_core::default_criteria();
    let (answers, source) = zona_xlsx::read_answers(&sample(), &c).unwrap();
    let options = zona_core::ScoreOptions::default();
    let result = zona_core::score(&c, &answers, &options);
    let input = zona_xlsx::report::ReportInput {
        criteria: &c,
        answers: &answers,
        result: &result,
        source: &source,
        options: &options,
        lang: zona_core::Lang::Id,
        layers: &[],
    };
    bencher.bench_local(|| zona_xlsx::report::report_bytes(&input).unwrap());
}

/// The batch summary workbook (ranked table, errors, chart) for 1000 units, as bytes.
#[divan::bench]
fn batch_summary_1000_units(bencher: divan::Bencher) {
    use zona_xlsx::batch_writer::{
        batch_workbook_bytes, rank_rows, BatchRow, BatchSummary, BatchWriteOptions,
    };
    let c = zona_core::default_criteria();
    let (answers, _) = zona_xlsx::read_answers(&sample(), &c).unwrap();
    let result = zona_core::score(&c, &answers, &zona_core::ScoreOptions::default());
    let mut rows: Vec<BatchRow> = (0..1000)
        .map(|i| {
            let mut row = BatchRow::new(
                std::path::Path::new(&format!("unit-{i:04}.xlsx")),
                &c,
                &answers,
                &result,
            );
            row.total -= (i % 37) as f64 * 0.5;
            row
        })
        .collect();
    rank_rows(&mut rows);
    let summary = BatchSummary {
        criteria: &c,
        rows: &rows,
        errors: &[],
    };
    let options = BatchWriteOptions::default();
    bencher.bench_local(|| batch_workbook_bytes(&summary, &options).unwrap());
}
