use std::path::PathBuf;
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The official example LKE workbook (public data, kept in `tests/data/`).
pub fn example_workbook() -> PathBuf {
    root().join("tests/data/lke-zi-workbook-example.xlsx")
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
