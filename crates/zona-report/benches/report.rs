//! Benchmarks of the writers: one unit's report and a 1000-unit batch summary, as bytes.
//! Run: `cargo bench -p zona-report` (the reading floor is in `cargo bench -p zona-read`).

use std::path::PathBuf;

fn main() {
    divan::main();
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx")
}

/// Building one unit's report (all sheets, charts) as bytes, from a scored sample.
#[divan::bench]
fn report_bytes_one_unit(bencher: divan::Bencher) {
    let c = zona_core::default_criteria();
    let (answers, source) = zona_read::read_answers(&sample(), &c).unwrap();
    let options = zona_core::ScoreOptions::default();
    let result = zona_core::score(&c, &answers, &options);
    let input = zona_report::report::ReportInput {
        criteria: &c,
        answers: &answers,
        result: &result,
        source: &source,
        options: &options,
        lang: zona_core::Lang::Id,
        layers: &[],
        keeping: None,
        evidence: None,
    };
    bencher.bench_local(|| zona_report::report::report_bytes(&input).unwrap());
}

/// The batch summary workbook (ranked table, errors, chart) for 1000 units, as bytes.
#[divan::bench]
fn batch_summary_1000_units(bencher: divan::Bencher) {
    use zona_report::batch_writer::{
        batch_workbook_bytes, rank_rows, BatchRow, BatchSummary, BatchWriteOptions,
    };
    let c = zona_core::default_criteria();
    let (answers, _) = zona_read::read_answers(&sample(), &c).unwrap();
    let result = zona_core::score(&c, &answers, &zona_core::ScoreOptions::default());
    let mut rows: Vec<BatchRow> = (0..1000)
        .map(|i| {
            let mut row = BatchRow::new(
                std::path::Path::new(&format!("unit-{i:04}.xlsx")),
                &c,
                &answers,
                &result,
                &zona_core::UnitInfo::default(),
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
