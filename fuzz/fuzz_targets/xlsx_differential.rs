//! zona's own xlsx reader against calamine's, on the xlsx packages of `workbook_xml` (shared
//! strings and sheet XML from the input, packed with stored zip entries): wherever both read a
//! sheet, they must read the same values, formulas without a cached value and merged ranges
//! (`zona_read::xlsx::compare_with_calamine`); a difference is a crash. Seeds: those of
//! `workbook_xml` (the `x` ones).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A panic calamine meets is caught (and silent); any other panic is a finding.
    zona_read::guard::install_quiet_panic_hook();
    let Some((package, bytes)) = zona_fuzz::pack(data) else {
        return;
    };
    if package.extension() != "xlsx" {
        return;
    }
    if let Err(difference) = zona_read::xlsx::compare_with_calamine(&bytes) {
        panic!("zona's xlsx reader and calamine differ: {difference}");
    }
});
