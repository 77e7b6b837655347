//! Arbitrary bytes as an evidence file: the first byte picks the format (`j` .json, `o` .ods,
//! `l` .xls, anything else .xlsx), the rest is the file. The file is read with the default
//! criteria as `zona score` reads it; a read error must name the file, and whatever reads is
//! resolved and scored layer by layer (zona_fuzz::read_and_score).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zona_fuzz::{Format, ScratchFile};

fuzz_target!(|data: &[u8]| {
    let Some((format, bytes)) = Format::split(data) else {
        return;
    };
    let file = ScratchFile::write(format.extension(), bytes);
    zona_fuzz::read_and_score(file.path());
});
