use std::path::PathBuf;
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example LKE workbook shipped in ../shared/reference.
pub fn example_workbook() -> PathBuf {
    let p = root().join("../shared/reference/lke-zi-workbook-example.xlsx");
    assert!(
        p.exists(),
        "missing {} (the shared reference must sit beside the project)",
        p.display()
    );
    p
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
