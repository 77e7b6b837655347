//! Arbitrary bytes as a .xls (BIFF in a compound file): the whole input is the file, read as zona score reads it. Reaches zona's .xls guard (crates/zona-read/src/xls_guard.rs) and calamine's compound-file and BIFF readers without the format selector of workbook_reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zona_fuzz::ScratchFile;

fuzz_target!(|data: &[u8]| {
    let file = ScratchFile::write("xls", data);
    zona_fuzz::read_and_score(file.path());
});
