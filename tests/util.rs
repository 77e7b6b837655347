use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The official example LKE workbook (public data, kept in `tests/data/`).
pub fn example_workbook() -> PathBuf {
    root().join("tests/data/lke-zi-workbook-example.xlsx")
}

/// The text of one part of a workbook's zip (`xl/styles.xml`).
pub fn zip_part(workbook: &Path, name: &str) -> String {
    let mut text = String::new();
    zip::ZipArchive::new(std::fs::File::open(workbook).unwrap())
        .unwrap()
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", workbook.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Runs the zona binary.
pub fn zona(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zona"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run zona")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
