//! Turns a fuzz input (a crash artifact, a corpus entry) into the file zona reads, for a regression
//! test or a run of the zona binary (docs/fuzzing.md):
//!
//! ```text
//! cargo run --manifest-path fuzz/Cargo.toml --example unpack -- <target> <input> <out-stem>
//! ```
//!
//! writes `<out-stem>.<ext>`: for `workbook_reader` the bytes after the selector byte with the
//! extension it selects, for `workbook_xml` the packed xlsx or ods, for `criteria_loader` the
//! input itself as `.toml`. Prints the path written.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [target, input, stem] = args.as_slice() else {
        eprintln!(
            "usage: unpack <criteria_loader|workbook_reader|workbook_xml> <input> <out-stem>"
        );
        return ExitCode::from(2);
    };
    let data = match std::fs::read(input) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{input}: {e}");
            return ExitCode::from(2);
        }
    };
    let (ext, bytes): (&str, Vec<u8>) = match target.as_str() {
        "criteria_loader" => ("toml", data),
        "workbook_reader" => match zona_fuzz::Format::split(&data) {
            Some((format, bytes)) => (format.extension(), bytes.to_vec()),
            None => {
                eprintln!("{input}: empty input");
                return ExitCode::from(2);
            }
        },
        "workbook_xml" => match zona_fuzz::pack(&data) {
            Some((package, bytes)) => (package.extension(), bytes),
            None => {
                eprintln!("{input}: no sheet in this input (the target skips it)");
                return ExitCode::from(2);
            }
        },
        other => {
            eprintln!("unknown target {other}");
            return ExitCode::from(2);
        }
    };
    let out = PathBuf::from(format!("{stem}.{ext}"));
    if let Err(e) = std::fs::write(&out, bytes) {
        eprintln!("{}: {e}", out.display());
        return ExitCode::from(2);
    }
    println!("{}", out.display());
    ExitCode::SUCCESS
}
