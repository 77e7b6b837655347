//! Inputs found by fuzzing (docs/fuzzing.md), and the hostile inputs the fuzzing pointed at, kept
//! in `tests/data/fuzz/<target>-<name>`. Each runs the zona binary with a deadline and expects a
//! clear refusal (exit 2, the message starting with the file) or a clean result (exit 0): never a
//! panic, an abort or a hang.
//!
//! Every finding is fixed (see docs/fuzzing.md for where); a test that fails again means the bug
//! came back.
//!

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::root;

/// Far above what any of these files needs (well under a second each, debug build), far below a
/// hang.
const DEADLINE: Duration = Duration::from_secs(60);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A file of tests/data/fuzz, as zona is given it (relative to the project root).
fn data(name: &str) -> String {
    let rel = format!("tests/data/fuzz/{name}");
    assert!(root().join(&rel).exists(), "missing {rel}");
    rel
}

/// Address space zona may use (where `prlimit` is installed): an LKE takes a few MB.
const MEMORY_LIMIT_BYTES: u64 = 2 * 1024 * 1024 * 1024;

const PRLIMIT: &str = "/usr/bin/prlimit";

/// Runs the zona binary from the project root, under [`MEMORY_LIMIT_BYTES`] of address space when
/// `prlimit` (util-linux) is there, so a file that makes zona allocate gigabytes aborts instead of
/// passing slowly. A run past [`DEADLINE`] is killed and fails, as is a run killed by a signal.
fn zona_within_deadline(args: &[&str]) -> Run {
    let zona = env!("CARGO_BIN_EXE_zona");
    let mut command = if std::path::Path::new(PRLIMIT).exists() {
        let mut c = Command::new(PRLIMIT);
        c.arg(format!("--as={MEMORY_LIMIT_BYTES}"))
            .arg("--")
            .arg(zona);
        c
    } else {
        Command::new(zona)
    };
    let mut child = command
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zona");
    // Drain both pipes while waiting, so a long output never blocks the child.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for zona") {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("zona {args:?} did not finish within {DEADLINE:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    assert!(
        run.code.is_some(),
        "zona {args:?} was killed by a signal ({status:?}), an abort: {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("memory allocation of"),
        "zona {args:?} crashed: {}",
        run.stderr
    );
    run
}

/// `zona score <file>` refuses the file: exit 2 and one message that starts with the file.
fn assert_refused(name: &str) -> String {
    let file = data(name);
    let run = zona_within_deadline(&["score", &file]);
    assert_eq!(run.code, Some(2), "{file}: {}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!("{file}: ")),
        "the message names the file: {}",
        run.stderr
    );
    run.stderr
}

/// `zona score <file> --format json` scores the file (exit 0); its JSON.
fn scored_json(name: &str) -> serde_json::Value {
    let file = data(name);
    let run = zona_within_deadline(&["score", &file, "--format", "json"]);
    assert_eq!(run.code, Some(0), "{file}: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON output")
}

// ---------------------------------------------------------------------------------------------
// workbook_reader: damaged .xls files. calamine's compound-file reader panics on a file that
// ends inside a sector.

#[test]
fn an_xls_cut_inside_a_sector_is_refused() {
    // The fuzz seed l-lke-kecil (LibreOffice's .xls of a small LKE) cut to its first 20000
    // bytes: the last sector the FAT names starts past the end of the file.
    assert_refused("workbook_reader-xls-truncated-sector.xls");
}

#[test]
fn an_xls_cut_inside_its_allocation_table_is_refused() {
    // The same file cut to 1001 bytes: the FAT sector read is not a whole number of u32s.
    assert_refused("workbook_reader-xls-truncated-fat.xls");
}

// ---------------------------------------------------------------------------------------------
// workbook_reader: an xlsx whose shared strings declare a count no file could hold. calamine
// reserves room for every declared string before reading one: 4e9 strings abort the process
// (`memory allocation of 96000000000 bytes failed`, SIGABRT), whatever the build.

#[test]
fn a_shared_strings_count_no_file_could_hold_is_refused() {
    // The example LKE of samples/ with `uniqueCount="4000000000"` in xl/sharedStrings.xml.
    assert_refused("workbook_reader-sst-unique-count.xlsx");
}

// ---------------------------------------------------------------------------------------------
// workbook_xml: an .ods whose content.xml ends before its table closes. calamine's ODS reader
// loops on the end-of-file event for ever (found as three timeouts; these are the minimal forms).

#[test]
fn an_ods_whose_table_never_closes_is_refused() {
    assert_refused("workbook_xml-ods-unclosed-table.ods");
}

#[test]
fn an_ods_whose_cell_note_never_closes_is_refused() {
    assert_refused("workbook_xml-ods-unclosed-annotation.ods");
}

// xlsx_differential / workbook_xml (2026-12-02): an .ods whose content.xml leaves a `<text:p>`
// open inside a cell (and closes other elements out of order). calamine's ODS reader then reads
// past the table's end and loops at the end of the file for ever; zona refuses content.xml that
// is not well-formed XML before calamine sees it.
#[test]
fn an_ods_that_is_not_well_formed_xml_is_refused() {
    let err = assert_refused("workbook_xml-ods-not-well-formed.ods");
    assert!(err.contains("content.xml"), "{err}");
}

#[test]
fn the_same_ods_with_its_table_closed_is_scored() {
    // The control for the two above: the same content.xml, closed, is an LKE header without items.
    let v = scored_json("workbook_xml-ods-closed.ods");
    assert_eq!(v["total"].as_f64(), Some(0.0));
    assert_eq!(v["counts"]["unanswered"].as_u64(), Some(113));
}

#[test]
fn an_ods_of_repeated_cells_is_refused_as_too_large() {
    // 1.3 KB: one row of 16384 columns-repeated cells, rows-repeated 6000 times (98 million
    // cells, under calamine's own cap of 100 million). calamine builds the whole range (values and
    // formulas: 6 GB, 70 s in a release build) before zona sees a cell; an xlsx of the same shape is
    // refused while streaming.
    let err = assert_refused("workbook_xml-ods-repeated-cells.ods");
    assert!(err.contains("terlalu besar"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// workbook_xml: numbers where calendars and cell addresses end.

/// Whether a text holds a date whose year has more than four digits (`-25252734927764655-06-03`).
fn has_impossible_date(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let rest = &b[i + digits..];
        (i == 0 || !b[i - 1].is_ascii_digit())
            && digits > 4
            && rest.len() >= 6
            && rest[0] == b'-'
            && rest[1..3].iter().all(u8::is_ascii_digit)
            && rest[3] == b'-'
            && rest[4..6].iter().all(u8::is_ascii_digit)
    })
}

#[test]
fn the_impossible_date_check_sees_the_garbage_dates() {
    assert!(has_impossible_date(
        "sel berisi tanggal (-25252734927764655-06-03), bukan jawaban"
    ));
    assert!(!has_impossible_date(
        "sel berisi tanggal (2024-01-31), bukan jawaban"
    ));
}

/// The answer cell K9 of `pemenuhan.mp.tim_kerja.a` holds a number styled as a date, far beyond
/// any calendar: the item is invalid input, reported at K9 without a made-up date.
fn assert_out_of_calendar_date_reported(name: &str) {
    let v = scored_json(name);
    let at_k9: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["cell"] == "K9")
        .collect();
    assert!(
        !at_k9.is_empty(),
        "a diagnostic at K9: {}",
        v["diagnostics"]
    );
    for d in &at_k9 {
        let msg = d["message"].as_str().unwrap_or_default();
        assert!(!has_impossible_date(msg), "{msg}");
    }
    let item = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "pemenuhan.mp.tim_kerja.a")
        .unwrap();
    assert_eq!(item["status"], "invalid", "{item}");
}

#[test]
fn a_date_serial_of_1e300_is_invalid_input_not_a_panic() {
    assert_out_of_calendar_date_reported("workbook_xml-date-serial-huge.xlsx");
}

#[test]
fn a_date_serial_of_minus_1e300_is_invalid_input_not_a_panic() {
    assert_out_of_calendar_date_reported("workbook_xml-date-serial-negative.xlsx");
}

#[test]
fn a_cell_reference_past_the_last_row_a_u32_holds_is_refused() {
    // `<c r="B4294967296">`: one past u32::MAX. Release builds wrap it and report the row as
    // missing; debug builds (the tests' zona) panic on the overflow.
    assert_refused("workbook_xml-row-overflow.xlsx");
}

#[test]
fn a_cell_reference_with_a_seven_letter_column_is_refused() {
    // `<c r="ZZZZZZZ3">`: 26^7 columns overflow a u32.
    let err = assert_refused("workbook_xml-column-overflow.xlsx");
    assert!(!err.contains("MCNIOCD"), "a wrapped column name: {err}");
}

/// `zona score <file>` either scores the file (exit 0) or refuses it naming the file (exit 2).
fn assert_scored_or_refused(name: &str) {
    let file = data(name);
    let run = zona_within_deadline(&["score", &file]);
    match run.code {
        Some(0) => {}
        Some(2) => assert!(
            run.stderr.starts_with(&format!("{file}: ")),
            "the message names the file: {}",
            run.stderr
        ),
        other => panic!("{file}: exit {other:?}: {}", run.stderr),
    }
}

#[test]
fn a_header_within_40_rows_of_the_last_u32_row_is_no_panic() {
    // The only cells sit on rows 4294967290 (`Bobot`, `Jawaban`) and 4294967295: the first
    // row plus the 39 rows searched for a header is past u32::MAX.
    assert_scored_or_refused("workbook_xml-header-near-last-row.xlsx");
}

#[test]
fn a_catatan_column_on_the_last_u32_column_is_no_panic() {
    // `Bobot`, `Jawaban`, `Catatan` in columns MWLQKWS, MWLQKWT, MWLQKWU (the last a u32 can
    // address): the two evidence columns assumed after `Catatan` are past u32::MAX.
    assert_scored_or_refused("workbook_xml-catatan-last-column.xlsx");
}

#[test]
fn a_cell_on_the_last_row_a_u32_holds_is_refused_as_too_large() {
    // `<c r="B4294967295">`: the sheet spans four billion rows; zona refuses it while streaming,
    // and names the cell (A1 names near u32::MAX must not overflow either).
    let err = assert_refused("workbook_xml-row-max.xlsx");
    assert!(err.contains("terlalu besar untuk sebuah LKE"), "{err}");
    assert!(err.contains("B4294967295"), "{err}");
}

#[test]
fn a_cell_reference_on_row_zero_is_refused() {
    // `<c r="B0">`: rows start at 1.
    assert_refused("workbook_xml-row-zero.xlsx");
}

// ---------------------------------------------------------------------------------------------
// criteria_loader: weights that are not numbers. TOML has `nan` and `inf`; `zona check` must
// reject them with their line, as it rejects a negative weight.

fn assert_check_rejects(name: &str, line_fragment: &str) {
    let file = data(name);
    let run = zona_within_deadline(&["check", &file]);
    assert_eq!(run.code, Some(2), "{file} passed the check: {}", run.stdout);
    assert!(
        run.stderr.starts_with(&format!("{file}: ")),
        "the message names the file: {}",
        run.stderr
    );
    assert!(run.stderr.contains(line_fragment), "{}", run.stderr);
}

#[test]
fn a_nan_weight_is_rejected() {
    // mini.toml with `weight = nan` on area a1 (line 30).
    assert_check_rejects("criteria_loader-nan-weight.toml", ":30:");
}

#[test]
fn an_infinite_weight_is_rejected() {
    // mini.toml with every weight `inf` (the first at line 30).
    assert_check_rejects("criteria_loader-inf-weight.toml", ":30:");
}
