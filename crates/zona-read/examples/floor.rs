//! The floor for whole-CLI benchmarks (`scripts/bench-batch.sh`): the least any batch scorer
//! must do. Opens every workbook in a folder with calamine and loads the values of its LKE sheet
//! (the first sheet whose name contains "LKE"), in parallel on all cores, and nothing else.
//!
//! `cargo run --release -p zona-read --example floor -- <dir>`; `--example floor_mimalloc` is the
//! same program with the allocator the `zona` binary uses.

// A program that prints is what an example is.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use calamine::{open_workbook_auto, Reader};
use rayon::prelude::*;

pub fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: floor <dir>");
        std::process::exit(2);
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("read the folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    let cells: usize = files
        .par_iter()
        .map(|p| {
            let Ok(mut wb) = open_workbook_auto(p) else {
                return 0;
            };
            let names = wb.sheet_names();
            let Some(name) = names.iter().find(|n| n.contains("LKE")) else {
                return 0;
            };
            wb.worksheet_range(name)
                .map_or(0, |r| r.get_size().0 * r.get_size().1)
        })
        .sum();
    println!("{} workbooks, {cells} cells", files.len());
}
