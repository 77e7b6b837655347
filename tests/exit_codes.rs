//! One exit-code rule for `zona batch` (docs/cli.md, "Exit codes"): nothing to score at all → 2,
//! nothing written; some inputs named nothing or failed while others scored → 1 (issue 13 §3).

use crate::util::{stderr, zona};

fn batch(args: &[&str], out: &std::path::Path) -> (Option<i32>, String) {
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    let o = zona(&all);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    (o.status.code(), err)
}

#[test]
fn nothing_to_score_at_all_is_exit_2_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("kosong");
    std::fs::create_dir(&empty).unwrap();
    let missing = dir.path().join("tidak-ada.xlsx");
    let pattern = format!("{}/*.xlsx", empty.display());
    let out = dir.path().join("ringkasan.xlsx");
    for args in [
        vec![empty.to_str().unwrap()],
        vec![pattern.as_str()],
        vec![missing.to_str().unwrap()],
        vec![
            empty.to_str().unwrap(),
            pattern.as_str(),
            missing.to_str().unwrap(),
        ],
    ] {
        let (code, err) = batch(&args, &out);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("tidak ada lembar kerja"), "{err}");
        for a in &args {
            assert!(err.contains(a), "{a} is named: {err}");
        }
        assert!(!out.exists(), "{args:?}: nothing written");
    }
    // A missing file says so in Indonesian.
    let (_, err) = batch(&[missing.to_str().unwrap()], &out);
    assert!(err.contains("tidak ditemukan"), "{err}");
}

#[test]
fn an_input_that_names_nothing_beside_a_good_workbook_is_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("kosong");
    std::fs::create_dir(&empty).unwrap();
    let good = crate::util::example_workbook();
    let good = good.to_str().unwrap();
    let pattern = format!("{}/*.xlsx", empty.display());
    let missing = dir.path().join("tidak-ada.xlsx");
    let bad = dir.path().join("rusak.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 bukan zip").unwrap();
    for (i, other) in [
        empty.to_str().unwrap(),
        pattern.as_str(),
        missing.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]
    .into_iter()
    .enumerate()
    {
        let out = dir.path().join(format!("ringkasan-{i}.xlsx"));
        let (code, err) = batch(&[good, other], &out);
        assert_eq!(code, Some(1), "{other}: {err}");
        assert!(err.contains(other), "{other} is listed: {err}");
        assert!(out.exists(), "{other}: the summary is written");
    }
    let out = dir.path().join("ringkasan-baik.xlsx");
    let (code, err) = batch(&[good], &out);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn os_and_reader_errors_are_explained_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("hilang.xlsx");
    let text = dir.path().join("teks.csv");
    std::fs::write(&text, b"Unit,Nilai\n").unwrap();
    let broken = dir.path().join("rusak.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 bukan zip").unwrap();
    let json = dir.path().join("bukan-utf8.json");
    std::fs::write(&json, b"{\"answers\": [\xff\xfe]}").unwrap();
    for (path, id, en) in [
        (
            &missing,
            "berkas tidak ditemukan (No such file or directory)",
            "file not found (No such file or directory)",
        ),
        (
            &text,
            "jenis berkas tidak dikenali",
            "not a file type zona reads",
        ),
        (
            &broken,
            "wadah zip berkas rusak",
            "zip container is damaged",
        ),
        (&json, "berkas bukan teks UTF-8", "not UTF-8 text"),
    ] {
        let p = path.to_str().unwrap();
        let o = zona(&["score", p]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(id), "{err}");
        assert!(!err.contains("os error"), "{err}");
        assert!(!err.contains("cannot open"), "no English sentence: {err}");
        let o = zona(&["score", p, "--lang", "en"]);
        let err = stderr(&o);
        assert!(err.contains(en), "{err}");
        assert!(!err.contains("tidak"), "no Indonesian in --lang en: {err}");
    }
}
