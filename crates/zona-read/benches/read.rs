//! Benchmarks of the readers, each beside its floor: what calamine alone costs to open the same
//! workbook and load its LKE sheet. Run: `cargo bench -p zona-read`.

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
    bencher.bench_local(|| zona_read::read_answers(&path, &c).unwrap());
}

/// Matching and reading only (the workbook already opened).
#[divan::bench]
fn match_and_read_opened(bencher: divan::Bencher) {
    let c = zona_core::default_criteria();
    let src = zona_read::Source::open(&sample()).unwrap();
    // As a batch does: the reader (criteria fingerprints) is built once.
    let reader = zona_read::Reader::new(&c);
    bencher.bench_local(|| reader.read(&src).unwrap());
}
