//! Loads and validates the built-in criteria (`criteria/*.toml`, compiled into zona-core) with
//! zona-core's TOML loader, and writes each set as the Rust code that builds it
//! (`build/rust_literal.rs`) for `src/builtin.rs`, which includes it: a run then builds the
//! built-in criteria without parsing anything. Invalid built-in criteria fail the build, with
//! every problem and its line.

use std::fmt::Write as _;
use std::path::PathBuf;

#[path = "build/rust_literal.rs"]
mod rust_literal;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    // zona-core embeds the files (`include_str!`), so a change rebuilds it and with it this
    // script; named here as well, as the files this script reads.
    println!(
        "cargo::rerun-if-changed={}",
        manifest.join("../../criteria").display()
    );
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build/rust_literal.rs");

    let mut code = String::from("// Written by build.rs from zona_core::BUILTIN_CRITERIA.\n\n");
    let mut sets = String::new();
    for (i, (name, text)) in zona_core::BUILTIN_CRITERIA.iter().enumerate() {
        let criteria = zona_core::load_str(text, name)
            .unwrap_or_else(|e| panic!("{}", e.message(zona_core::Lang::En)));
        let parts = zona_core::criteria::prebuilt::parts(&criteria);
        let expr = rust_literal::to_rust(&parts).unwrap_or_else(|e| panic!("{name}: {e}"));
        writeln!(code, "/// {name}\nfn set_{i}() -> Parts {{\n{expr}\n}}\n").expect("a String");
        write!(sets, "set_{i}, ").expect("a String");
    }
    writeln!(
        code,
        "pub(super) static SETS: &[fn() -> Parts] = &[{sets}];"
    )
    .expect("a String");
    let rs = out.join("builtin_criteria.rs");
    std::fs::write(&rs, code).unwrap_or_else(|e| panic!("{}: {e}", rs.display()));
}
