//! A workbook saved by LibreOffice as .ods scores exactly like the .xlsx it came from (issue 13
//! §2): LibreOffice marks the empty columns right of the table as repeated up to the sheet's edge,
//! which is padding, not content.
//!
//! Needs LibreOffice (`apt-get install -y libreoffice-calc-nogui`); skipped without it, except
//! where `ZONA_REQUIRE_LIBREOFFICE` is set (CI): there a missing LibreOffice fails.

use std::path::{Path, PathBuf};

use crate::util::{root, stderr, zona};

/// LibreOffice's `soffice`, when it is on the PATH.
fn libreoffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("soffice"), d.join("libreoffice")])
        .find(|p| p.is_file())
}

/// LibreOffice for a test that needs it: None (the test is skipped, with a note naming `what`)
/// when it is not installed, except where `ZONA_REQUIRE_LIBREOFFICE` is set (CI): there a missing
/// LibreOffice fails the test.
#[allow(clippy::print_stderr)]
pub(crate) fn libreoffice_or_skip(what: &str) -> Option<PathBuf> {
    let lo = libreoffice();
    if lo.is_none() {
        assert!(
            std::env::var_os("ZONA_REQUIRE_LIBREOFFICE").is_none(),
            "LibreOffice (soffice) is required (ZONA_REQUIRE_LIBREOFFICE is set) but not found"
        );
        eprintln!("NOTE: LibreOffice (soffice) not found: {what} was skipped");
    }
    lo
}

/// Converts `files` with LibreOffice (headless, a private profile in `work`) to format `to`
/// (`ods`, `pdf`) into `outdir`; fails the test when LibreOffice fails.
pub(crate) fn convert(lo: &Path, work: &Path, to: &str, outdir: &Path, files: &[&Path]) {
    let status = std::process::Command::new(lo)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(outdir)
        .args(files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "LibreOffice converted {files:?} to {to}");
}

fn score(path: &Path) -> serde_json::Value {
    let o = zona(&["score", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}: {}",
        path.display(),
        stderr(&o)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn a_libreoffice_ods_scores_like_its_xlsx() {
    let Some(lo) = libreoffice_or_skip("the .ods round trip") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("contoh.xlsx");
    std::fs::copy(
        root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx"),
        &sample,
    )
    .unwrap();
    let template = dir.path().join("templat.xlsx");
    let o = zona(&["template", "--out", template.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    convert(&lo, dir.path(), "ods", dir.path(), &[&sample, &template]);
    for name in ["contoh", "templat"] {
        let xlsx = score(&dir.path().join(format!("{name}.xlsx")));
        let ods_path = dir.path().join(format!("{name}.ods"));
        assert!(ods_path.is_file(), "LibreOffice wrote {name}.ods");
        let ods = score(&ods_path);
        assert_eq!(ods["source"]["sheet"], xlsx["source"]["sheet"], "{name}");
        assert_eq!(ods["total"], xlsx["total"], "{name}");
        assert_eq!(ods["counts"], xlsx["counts"], "{name}");
        let values = |v: &serde_json::Value| -> Vec<(serde_json::Value, serde_json::Value)> {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| (i["key"].clone(), i["value"].clone()))
                .collect()
        };
        assert_eq!(values(&ods), values(&xlsx), "{name}: item by item");
    }
}

#[test]
fn hidden_rows_and_columns_are_seen_in_ods_and_xls_as_in_xlsx() {
    // tests/data/hostile: a hidden copy of an item row above the shown one (answered C, the shown
    // one A), and a hidden answer column beside a shown one. Saved by LibreOffice as .ods and
    // .xls, the hidden copy and the hidden column were read (83.49, and Menuju WBK met on last
    // year's answers), and the warning pointed at the shown answer as the one not read.
    let Some(lo) = libreoffice_or_skip("hidden rows in .ods and .xls") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for name in ["baris-tersembunyi", "kolom-tersembunyi"] {
        let p = dir.path().join(format!("{name}.xlsx"));
        std::fs::copy(root().join(format!("tests/data/hostile/{name}.xlsx")), &p).unwrap();
        files.push(p);
    }
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    for to in ["ods", "xls"] {
        convert(&lo, dir.path(), to, dir.path(), &refs);
        for name in ["baris-tersembunyi", "kolom-tersembunyi"] {
            let xlsx = score(&dir.path().join(format!("{name}.xlsx")));
            let other = score(&dir.path().join(format!("{name}.{to}")));
            assert_eq!(other["total"], xlsx["total"], "{name}.{to}");
            let codes = |v: &serde_json::Value| -> Vec<(String, String)> {
                v["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| {
                        (
                            d["code"].as_str().unwrap().to_string(),
                            d["cell"].to_string(),
                        )
                    })
                    .collect()
            };
            assert_eq!(codes(&other), codes(&xlsx), "{name}.{to}: the same notes");
        }
    }
}

#[test]
fn a_report_saved_by_libreoffice_as_ods_is_still_passed_over_by_a_batch() {
    // The `zona-output` mark survives LibreOffice's .ods (meta.xml) and .xls (its
    // DocumentSummaryInformation stream), which a batch did not read.
    let Some(lo) = libreoffice_or_skip("a report saved as .ods") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lke");
    std::fs::create_dir_all(&input).unwrap();
    let lke = input.join("contoh.xlsx");
    std::fs::copy(
        root().join("samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx"),
        &lke,
    )
    .unwrap();
    let report = dir.path().join("laporan.xlsx");
    let o = zona(&[
        "score",
        lke.to_str().unwrap(),
        "--out",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    convert(&lo, dir.path(), "ods", &input, &[&report]);
    convert(&lo, dir.path(), "xls", &input, &[&report]);
    assert!(input.join("laporan.ods").is_file() && input.join("laporan.xls").is_file());
    let o = zona(&["batch", input.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["scored"].as_u64(), Some(1), "{v}");
    for name in ["laporan.ods", "laporan.xls"] {
        assert!(
            stderr(&o).contains(&format!("{name} (laporan zona)")),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn an_answer_hidden_under_a_merge_is_not_scored_in_ods_and_xls_either() {
    // tests/data/hostile/gabung-menutupi-jawaban.xlsx: the sample with J16:K16 merged over the
    // answer K16 ("B", which no one sees). Saved by LibreOffice as .ods, the covered cell was
    // read as if shown (83.74), no word; as .xls it was already seen.
    let Some(lo) = libreoffice_or_skip("merged answers in .ods and .xls") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("gabung.xlsx");
    std::fs::copy(
        root().join("tests/data/hostile/gabung-menutupi-jawaban.xlsx"),
        &xlsx,
    )
    .unwrap();
    let expected = score(&xlsx);
    for to in ["ods", "xls"] {
        convert(&lo, dir.path(), to, dir.path(), &[&xlsx]);
        let v = score(&dir.path().join(format!("gabung.{to}")));
        assert_eq!(v["total"], expected["total"], "{to}");
        let d = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "merged_answer")
            .unwrap_or_else(|| panic!("{to}: {}", v["diagnostics"]));
        assert_eq!(d["severity"], "error", "{to}");
        assert_eq!(d["cell"], "K16", "{to}");
    }
    assert!(expected["total"].as_f64().unwrap() < 83.74);
}
