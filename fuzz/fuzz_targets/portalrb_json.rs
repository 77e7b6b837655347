//! Arbitrary bytes as a PortalRB JSON answer document: the whole input is the file, read as zona score reads it (size limit, BOM, duplicate soal_id, year, numbers as strings).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zona_fuzz::ScratchFile;

fuzz_target!(|data: &[u8]| {
    let file = ScratchFile::write("json", data);
    zona_fuzz::read_and_score(file.path());
});
