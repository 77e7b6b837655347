//! No output makes a link of anything but a well-formed http(s) address or a relative file that
//! zona found: the evidence sample's `javascript:`, `file:`, `www.` and broken links reach every
//! workbook zona writes (report, evidence pack index, batch summary, comparison), and none of
//! them, nor any other scheme, comes out clickable.

use std::path::Path;

use calamine::{open_workbook, Reader, Xlsx};

use crate::evidence_sample::SAMPLE;
use crate::util::{root, stderr, zona};

/// Every hyperlink target of every sheet of a workbook.
fn link_targets(path: &Path) -> Vec<String> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names = wb.sheet_names().clone();
    let mut out = Vec::new();
    for n in names {
        for h in wb.hyperlinks_by_sheet_name(&n).unwrap_or_default() {
            out.push(h.target.unwrap_or_default());
        }
    }
    out
}

/// An http(s) address, or a relative path that stays below the workbook's folder.
fn allowed(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return true;
    }
    let scheme = lower.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    !scheme
        && !target.starts_with('/')
        && !target.starts_with('\\')
        && !target.split(['/', '\\']).any(|p| p == "..")
}

fn ok(args: &[&str]) {
    let o = zona(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

#[test]
fn only_http_links_and_found_files_are_clickable_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).display().to_string();
    // The sample beside its evidence folder, so the report may link the files it finds.
    let work = dir.path().join("kpp");
    std::fs::create_dir(&work).unwrap();
    let copy = |from: &Path, to: &Path| {
        let status = std::process::Command::new("cp")
            .arg("-r")
            .arg(from)
            .arg(to)
            .status()
            .unwrap();
        assert!(status.success());
    };
    copy(&root().join(SAMPLE), &work);
    copy(&root().join("samples/bukti/data-dukung"), &work);
    let lke = work.join(Path::new(SAMPLE).file_name().unwrap());
    let lke = lke.to_str().unwrap();
    let report = work.join("laporan.xlsx");

    ok(&["score", lke, "--out", report.to_str().unwrap()]);
    ok(&[
        "evidence",
        "pack",
        lke,
        "--dir",
        work.to_str().unwrap(),
        "--out",
        &d("paket"),
    ]);
    ok(&[
        "batch",
        work.to_str().unwrap(),
        "--out",
        &d("ringkasan.xlsx"),
        "--reports",
        &d("laporan"),
    ]);
    ok(&["compare", lke, lke, "--out", &d("banding.xlsx")]);

    let pack_index = std::fs::read_dir(dir.path().join("paket"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("the pack's index workbook");
    let mut all = Vec::new();
    for wb in [
        report.clone(),
        pack_index,
        dir.path().join("ringkasan.xlsx"),
        dir.path().join("banding.xlsx"),
    ] {
        for t in link_targets(&wb) {
            assert!(allowed(&t), "{}: a link to {t:?}", wb.display());
            all.push(t);
        }
    }
    // The sample's broken entries are in the report, never as links.
    for bad in ["javascript:", "file:", "www.kpp-mandiri", "drive google"] {
        assert!(
            !all.iter().any(|t| t.to_ascii_lowercase().contains(bad)),
            "{bad} became a link"
        );
    }
    // And the links that should be there are: the files found beside the report.
    let report_links = link_targets(&report);
    assert!(
        report_links.iter().any(|t| t.starts_with("data-dukung/")),
        "{report_links:?}"
    );
}
