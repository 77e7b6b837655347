//! Benchmarks of the writers: one unit's report and a 1000-unit batch summary, as bytes.
//! Run: `cargo bench -p zona-report` (the reading floor is in `cargo bench -p zona-read`).

use std::path::PathBuf;

// The writer's floor (rust_xlsxwriter alone, a workbook of the report's size), shared with the
// example that callgrind measures.
#[path = "../examples/writer_floor.rs"]
#[allow(dead_code)]
mod writer_floor;

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
    with_report(|input| bencher.bench_local(|| zona_report::report::report_bytes(input).unwrap()));
}

/// The writer's floor for that report: rust_xlsxwriter writing a workbook of the same sheets,
/// cells, merged ranges, distinct strings, links and charts, with one format and no zona work.
#[divan::bench]
fn floor_writer_report_shape(bencher: divan::Bencher) {
    let bytes = with_report(|input| zona_report::report::report_bytes(input).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("laporan.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let shape = writer_floor::shape_of(&path);
    let strings = writer_floor::strings_for(&shape);
    bencher.bench_local(|| writer_floor::write_like(&shape, &strings).unwrap());
}

/// Runs `f` with the report input of the scored sample.
fn with_report<T>(f: impl FnOnce(&zona_report::report::ReportInput) -> T) -> T {
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
    f(&input)
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
