//! zona's xlsx reader against calamine's, for tests and fuzzing (`tests/own_xlsx_reader.rs`,
//! the fuzz target `xlsx_differential`).

use calamine::{SheetType, SheetVisible};

use super::{shared_strings_with, XlsxBook};

/// What [`compare_with_calamine`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Both readers read every worksheet, and read it the same (zona's both ways: the plain scan
    /// of the cells, which read `scanned` of them, and the events reader).
    Same { sheets: usize, scanned: usize },
    /// zona's reader stepped aside (for the whole workbook or a sheet): calamine reads it. The
    /// sheets both read were compared.
    Aside,
    /// calamine cannot open the workbook or read a sheet (zona's reader may be more lenient).
    /// The sheets both read were compared.
    CalamineFails,
    /// The guards refuse the file before either reader sees it ([`crate::guard::check_zip`]).
    Refused,
}

/// Reads a workbook with both readers and compares what they give: the sheet list (names, types,
/// visibility), and for every worksheet its values, its formulas without a cached value and its
/// merged ranges. `Err` describes the first difference. For tests and fuzzing.
pub fn compare_with_calamine(bytes: &[u8]) -> Result<Agreement, String> {
    use calamine::Reader as _;
    if crate::guard::check_zip(std::io::Cursor::new(bytes), "").is_err() {
        return Ok(Agreement::Refused);
    }
    // calamine may panic on a damaged file (zona's guards catch that); zona's reader must not.
    let calamine_err = |e: calamine::XlsxError| crate::ReadError::Sheet {
        file: String::new(),
        sheet: String::new(),
        source: e.into(),
    };
    let Ok(mut cal) = crate::guard::no_panic("", || {
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(calamine_err)
    }) else {
        return Ok(Agreement::CalamineFails);
    };
    let Ok(mut own) = XlsxBook::open(std::io::Cursor::new(bytes)) else {
        return Ok(Agreement::Aside);
    };
    let cal_sheets: Vec<(String, SheetType, SheetVisible)> = cal
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ, s.visible))
        .collect();
    let own_sheets: Vec<(String, SheetType, SheetVisible)> = own
        .sheets()
        .iter()
        .map(|s| (s.name.clone(), s.typ, s.visible))
        .collect();
    if cal_sheets != own_sheets {
        return Err(format!(
            "sheets: calamine {cal_sheets:?}, zona {own_sheets:?}"
        ));
    }
    // The shared strings, by the plain scan and by events.
    if let Some(sst) = own.part("xl/sharedStrings.xml").ok().flatten() {
        let (a, b) = (
            shared_strings_with(&sst, true).ok(),
            shared_strings_with(&sst, false).ok(),
        );
        if a != b {
            let first = match (&a, &b) {
                (Some(a), Some(b)) => a.iter().zip(b).position(|(x, y)| x != y).map_or_else(
                    || format!("{} / {} strings", a.len(), b.len()),
                    |i| format!("string {i}: {:?} / {:?}", a[i], b[i]),
                ),
                _ => format!("{:?} / {:?}", a.is_some(), b.is_some()),
            };
            return Err(format!(
                "shared strings: the scan and the events reader differ: {first}"
            ));
        }
    }
    let mut compared = 0;
    let mut scanned = 0;
    // A sheet one reader cannot read is skipped; the others are still compared.
    let (mut calamine_fails, mut aside) = (false, false);
    for (name, typ, _) in &cal_sheets {
        if *typ != SheetType::WorkSheet {
            continue;
        }
        let Ok(theirs) =
            crate::guard::no_panic("", || crate::guard::load_xlsx_sheet(&mut cal, "", name))
        else {
            calamine_fails = true;
            continue;
        };
        let Ok((ours, was_scanned)) = own.load_with(name, true) else {
            aside = true;
            continue;
        };
        let Ok((by_events, _)) = own.load_with(name, false) else {
            return Err(format!(
                "sheet {name}: the events reader steps aside, the scan does not"
            ));
        };
        if by_events != ours {
            return Err(format!(
                "sheet {name}: the scan and the events reader differ: {:?} / {:?}",
                ours.values, by_events.values
            ));
        }
        scanned += usize::from(was_scanned);
        if ours.values != theirs.values {
            return Err(format!(
                "sheet {name}: values differ: calamine {:?}, zona {:?}",
                theirs.values, ours.values
            ));
        }
        if ours.formulas_without_value != theirs.formulas_without_value {
            return Err(format!(
                "sheet {name}: formulas differ: calamine {:?}, zona {:?}",
                theirs.formulas_without_value, ours.formulas_without_value
            ));
        }
        let Ok(merged) = crate::guard::no_panic("", || {
            Ok(cal.merge_cells_by_sheet_name(name).unwrap_or_default())
        }) else {
            calamine_fails = true;
            continue;
        };
        if ours.merged != merged {
            return Err(format!(
                "sheet {name}: merged ranges differ: calamine {merged:?}, zona {:?}",
                ours.merged
            ));
        }
        compared += 1;
    }
    Ok(if calamine_fails {
        Agreement::CalamineFails
    } else if aside {
        Agreement::Aside
    } else {
        Agreement::Same {
            sheets: compared,
            scanned,
        }
    })
}
