//! Sheet XML packed into a well-formed workbook (zona_fuzz::pack): `x` + shared strings and
//! name/XML pairs of up to four sheets as an xlsx, or `o` + content.xml as an ods. The zip is
//! always valid, so mutations reach calamine's XML readers and zona's layout detection, row
//! matching and scoring instead of stopping at a broken deflate stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zona_fuzz::ScratchFile;

fuzz_target!(|data: &[u8]| {
    let Some((package, bytes)) = zona_fuzz::pack(data) else {
        return;
    };
    let file = ScratchFile::write(package.extension(), &bytes);
    zona_fuzz::read_and_score(file.path());
});
