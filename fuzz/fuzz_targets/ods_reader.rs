//! Arbitrary bytes as an .ods: the whole input is the file (a zip with content.xml), read as zona score reads it; reaches guard::check_ods_content and calamine's ODS reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zona_fuzz::ScratchFile;

fuzz_target!(|data: &[u8]| {
    let file = ScratchFile::write("ods", data);
    zona_fuzz::read_and_score(file.path());
});
