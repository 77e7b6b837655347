//! Golden outputs: today's behaviour of every command, recorded with insta before the redesign moves
//! the code. They pin what zona prints, not what it should print: a snapshot that looks wrong is
//! recorded as it is (see the notes at the cases) and changed only on purpose.
//!
//! Each text snapshot holds one invocation: the command line, the exit code, stdout and stderr.
//! Every path passed is relative to the repository root (zona runs there), so the outputs are the
//! same on every machine; a temporary directory shows as `[TMP]`. Progress bars are not drawn when
//! stderr is not a terminal, so stderr holds only messages. The xlsx files written by `--out`,
//! `--reports` and `template` are recorded byte for byte: the writers fix the document creation date
//! and the zip entries' timestamps, so a rerun writes the same bytes.
//!
//! Snapshots are in `tests/snapshots/`. After a deliberate change, rewrite them with
//! `INSTA_UPDATE=always cargo test --test integration golden` (or `cargo insta review`) and read
//! the diff before committing.

use std::path::Path;

use crate::util::{root, stderr, stdout, zona};

/// Names the case tables below use for the inputs: `$NAME` in a command line stands for these
/// paths (relative to the repository root).
const ALIASES: &[(&str, &[&str])] = &[
    (
        "$IMIGRASI",
        &["samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx"],
    ),
    ("$EXAMPLE", &["tests/data/lke-zi-workbook-example.xlsx"]),
    ("$ENCRYPTED", &["tests/data/terenkripsi.xlsx"]),
    // A zero-byte file named `.xlsx`.
    ("$EMPTY", &["tests/data/golden/kosong.xlsx"]),
    // A text file named `.xlsx`.
    (
        "$NOT_A_WORKBOOK",
        &["tests/data/golden/bukan-lembar-kerja.xlsx"],
    ),
    // One unit over three years, oldest first.
    (
        "$BAHARI",
        &[
            "samples/batch/lke-kantor-pelayanan-bahari-2023.xlsx",
            "samples/batch/lke-kantor-pelayanan-bahari-2024.xlsx",
            "samples/batch/lke-kantor-pelayanan-bahari-2025.xlsx",
        ],
    ),
    (
        "$RSUD",
        &[
            "samples/batch/lke-rsud-cendana-2023.xlsx",
            "samples/batch/lke-rsud-cendana-2024.xlsx",
            "samples/batch/lke-rsud-cendana-2025.xlsx",
        ],
    ),
];

/// A command line split into arguments, `$NAME` expanded (see [`ALIASES`]) and `[TMP]` replaced by
/// `tmp`. No argument has spaces.
fn args(cmd: &str, tmp: Option<&Path>) -> Vec<String> {
    let mut out = Vec::new();
    for word in cmd.split_whitespace() {
        if word.starts_with('$') {
            let (_, paths) = ALIASES
                .iter()
                .find(|(name, _)| *name == word)
                .unwrap_or_else(|| panic!("unknown alias {word}"));
            out.extend(paths.iter().map(std::string::ToString::to_string));
        } else if let Some(t) = tmp {
            out.push(word.replace("[TMP]", &t.display().to_string()));
        } else {
            out.push(word.to_string());
        }
    }
    out
}

/// Snapshot names without the module prefix, so that they survive the test moving to another module.
fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

fn section(label: &str, text: &str) -> String {
    let mut out = format!("--- {label}\n");
    out.push_str(text);
    if !text.is_empty() && !text.ends_with('\n') {
        out.push_str("\n[no newline at end]\n");
    }
    out
}

/// Runs `zona cmd` and renders the command line, exit code, stdout and stderr. With `tmp`, `[TMP]`
/// in `cmd` stands for that directory, and the directory shows as `[TMP]` in the output.
fn render(cmd: &str, tmp: Option<&Path>) -> String {
    let args = args(cmd, tmp);
    let o = zona(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let code = o
        .status
        .code()
        .map_or_else(|| "killed by a signal".to_string(), |c| c.to_string());
    let text = format!(
        "$ zona {}\nexit: {code}\n{}{}",
        args.join(" "),
        section("stdout", &stdout(&o)),
        section("stderr", &stderr(&o)),
    );
    match tmp {
        Some(t) => text.replace(&t.display().to_string(), "[TMP]"),
        None => text,
    }
}

/// A table of cases, `(snapshot name, command line)`: one invocation, one text snapshot.
fn run_cases(cases: &[(&str, &str)]) {
    for (name, cmd) in cases {
        let text = render(cmd, None);
        settings().bind(|| insta::assert_snapshot!(*name, text));
    }
}

/// One invocation that writes files into `tmp`: its output as the text snapshot `name`, then each
/// file written, `(snapshot name, path in tmp)`, byte for byte as `<snapshot name>.xlsx`.
fn run_writing(name: &str, cmd: &str, tmp: &Path, written: &[(&str, &str)]) {
    let text = render(cmd, Some(tmp));
    snapshot_files(name, text, tmp, written);
}

fn snapshot_files(name: &str, text: String, dir: &Path, files: &[(&str, &str)]) {
    settings().bind(|| {
        insta::assert_snapshot!(name, text);
        for (snapshot, file) in files {
            let bytes = std::fs::read(dir.join(file))
                .unwrap_or_else(|e| panic!("{name}: {file} not written: {e}"));
            insta::assert_binary_snapshot!(&format!("{snapshot}.xlsx"), bytes);
        }
    });
}

#[test]
fn golden_score() {
    #[rustfmt::skip]
    run_cases(&[
        ("score_imigrasi",                       "score $IMIGRASI"),
        ("score_imigrasi_en",                    "score $IMIGRASI --lang en"),
        ("score_imigrasi_json",                  "score $IMIGRASI --format json"),
        ("score_imigrasi_json_en",               "score $IMIGRASI --format json --lang en"),
        ("score_imigrasi_unanswered_exclude",    "score $IMIGRASI --unanswered exclude"),
        ("score_imigrasi_prior_wbk_yes",         "score $IMIGRASI --prior-wbk yes"),
        ("score_imigrasi_criteria_10_2019_json", "score $IMIGRASI --criteria criteria/permenpanrb-10-2019.toml --format json"),
        ("score_example",                        "score $EXAMPLE"),
        ("score_example_json",                   "score $EXAMPLE --format json"),
        // The Unit sheet states Menuju WBK, so Menuju WBBM is met (compare says otherwise).
        ("score_bahari_2025",                    "score samples/batch/lke-kantor-pelayanan-bahari-2025.xlsx"),
        ("score_bahari_2025_json",               "score samples/batch/lke-kantor-pelayanan-bahari-2025.xlsx --format json"),
        ("score_rsud_2023",                      "score samples/batch/lke-rsud-cendana-2023.xlsx"),
        ("score_rsud_2023_json",                 "score samples/batch/lke-rsud-cendana-2023.xlsx --format json"),
    ]);
}

/// No workbook with TPI/TPN answers is committed (tests/layouts.rs writes its own at test time), so
/// `--layer tpi` is recorded only as the error for a source that has just the unit's layer.
#[test]
fn golden_score_bad_input() {
    #[rustfmt::skip]
    run_cases(&[
        ("score_error_missing_file",        "score tidak-ada.xlsx"),
        ("score_error_missing_file_en",     "score tidak-ada.xlsx --lang en"),
        ("score_error_encrypted",           "score $ENCRYPTED"),
        ("score_error_encrypted_en",        "score $ENCRYPTED --lang en"),
        ("score_error_empty_file",          "score $EMPTY"),
        ("score_error_empty_file_en",       "score $EMPTY --lang en"),
        ("score_error_not_a_workbook",      "score $NOT_A_WORKBOOK"),
        ("score_error_not_a_workbook_en",   "score $NOT_A_WORKBOOK --lang en"),
        ("score_error_cargo_toml",          "score Cargo.toml"),
        ("score_error_layer_tpi",           "score $IMIGRASI --layer tpi"),
        ("score_error_layer_tpi_en",        "score $IMIGRASI --layer tpi --lang en"),
        ("score_error_bad_criteria",        "score $IMIGRASI --criteria tests/data/golden/kriteria-masalah.toml"),
        ("score_error_unknown_criteria_id", "score $IMIGRASI --criteria permenpanrb-99-2099"),
        ("score_error_unknown_flag",        "score $IMIGRASI --no-such-flag"),
    ]);
}

#[test]
fn golden_compare() {
    #[rustfmt::skip]
    run_cases(&[
        // KNOWN BUG, recorded as is: for 2025 this says the prior predicate (Menuju WBK) is not
        // stated, while `zona score` on the 2025 file reads it from the Unit sheet and says Menuju
        // WBBM is met (score_bahari_2025). The redesign fixes it and updates these snapshots.
        ("compare_bahari",                    "compare $BAHARI"),
        ("compare_bahari_json",               "compare $BAHARI --format json"),
        ("compare_bahari_prior_wbk_yes",      "compare $BAHARI --prior-wbk yes"),
        ("compare_bahari_prior_wbk_yes_json", "compare $BAHARI --prior-wbk yes --format json"),
        ("compare_rsud",                      "compare $RSUD"),
        ("compare_rsud_json",                 "compare $RSUD --format json"),
        ("compare_rsud_en",                   "compare $RSUD --lang en"),
        ("compare_rsud_csv",                  "compare $RSUD --format csv"),
        // Scores meet Menuju WBBM but neither workbook states the prior predicate: the footnote
        // names it from the criteria.
        ("compare_prior_unstated",            "compare $EXAMPLE $IMIGRASI"),
        ("compare_prior_unstated_en",         "compare $EXAMPLE $IMIGRASI --lang en"),
        ("compare_error_one_workbook",        "compare samples/batch/lke-kantor-pelayanan-bahari-2023.xlsx"),
        ("compare_error_missing_file",        "compare samples/batch/lke-kantor-pelayanan-bahari-2023.xlsx tidak-ada.xlsx"),
    ]);
}

/// Rows are ranked, so nothing depends on the number of worker threads (checked with --jobs 1
/// and 2): no `--jobs` here.
#[test]
fn golden_batch() {
    #[rustfmt::skip]
    run_cases(&[
        ("batch_samples",             "batch samples/batch"),
        ("batch_samples_json",        "batch samples/batch --format json"),
        ("batch_samples_csv",         "batch samples/batch --format csv"),
        ("batch_samples_en",          "batch samples/batch --lang en"),
        ("batch_prior_unstated",      "batch $EXAMPLE $IMIGRASI"),
        ("batch_prior_unstated_en",   "batch $EXAMPLE $IMIGRASI --lang en"),
        // A bad file never stops the batch; it exits 1 and lists the file on stderr.
        ("batch_with_encrypted_file", "batch $ENCRYPTED samples/batch/lke-rsud-cendana-2023.xlsx samples/batch/lke-balai-sentosa-2024.xlsx"),
        ("batch_with_bad_files_en",   "batch samples/batch/lke-rsud-cendana-2023.xlsx tidak-ada.xlsx $EMPTY $NOT_A_WORKBOOK $ENCRYPTED Cargo.toml --lang en"),
        ("batch_with_bad_files_json", "batch samples/batch/lke-rsud-cendana-2023.xlsx tidak-ada.xlsx $EMPTY $NOT_A_WORKBOOK $ENCRYPTED --format json"),
    ]);
}

#[test]
fn golden_criteria_show() {
    #[rustfmt::skip]
    run_cases(&[
        ("criteria_show",          "criteria show"),
        ("criteria_show_en",       "criteria show --lang en"),
        ("criteria_show_items",    "criteria show --items"),
        ("criteria_show_items_en", "criteria show --items --lang en"),
        ("criteria_show_10_2019",  "criteria show --criteria criteria/permenpanrb-10-2019.toml"),
    ]);
}

/// Every file in Bahasa Indonesia (`check_<name>`) and in English (`check_<name>_en`).
#[test]
fn golden_check() {
    #[rustfmt::skip]
    let files = [
        ("90_2021",        "criteria/permenpanrb-90-2021.toml"),
        ("10_2019",        "criteria/permenpanrb-10-2019.toml"),
        ("inf_weight",     "tests/data/fuzz/criteria_loader-inf-weight.toml"),
        ("nan_weight",     "tests/data/fuzz/criteria_loader-nan-weight.toml"),
        ("syntax_error",   "tests/data/golden/kriteria-sintaks.toml"),
        ("problems",       "tests/data/golden/kriteria-masalah.toml"),
        ("missing_file",   "tidak-ada.toml"),
        ("workbook_given", "$IMIGRASI"),
    ];
    for (name, file) in files {
        run_cases(&[
            (&format!("check_{name}"), &format!("check {file}")),
            (
                &format!("check_{name}_en"),
                &format!("check {file} --lang en"),
            ),
        ]);
    }
}

/// (snapshot name, command line, [(snapshot name of a written file, its name under [TMP])]).
type XlsxCase<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

#[test]
fn golden_xlsx_score() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    #[rustfmt::skip]
    let cases: &[XlsxCase] = &[
        ("xlsx_score_imigrasi",        "score $IMIGRASI --out [TMP]/r.xlsx",           &[("xlsx_score_imigrasi_report", "r.xlsx")]),
        // The report exists now: without --force it is not replaced.
        ("xlsx_score_imigrasi_exists", "score $IMIGRASI --out [TMP]/r.xlsx",           &[]),
        ("xlsx_score_imigrasi_en",     "score $IMIGRASI --lang en --out [TMP]/r-en.xlsx", &[("xlsx_score_imigrasi_en_report", "r-en.xlsx")]),
        ("xlsx_score_example",         "score $EXAMPLE --out [TMP]/contoh.xlsx",       &[("xlsx_score_example_report", "contoh.xlsx")]),
    ];
    for (name, cmd, written) in cases {
        run_writing(name, cmd, t, written);
    }
}

#[test]
fn golden_xlsx_compare() {
    let tmp = tempfile::tempdir().unwrap();
    run_writing(
        "xlsx_compare_bahari",
        "compare $BAHARI --out [TMP]/c.xlsx",
        tmp.path(),
        &[("xlsx_compare_bahari_workbook", "c.xlsx")],
    );
}

#[test]
fn golden_xlsx_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    run_writing(
        "xlsx_batch_summary",
        "batch samples/batch --out [TMP]/s.xlsx",
        t,
        &[("xlsx_batch_summary_workbook", "s.xlsx")],
    );

    // One report per input; the text snapshot also lists the files written, two are recorded.
    let mut text = render("batch samples/batch --reports [TMP]/laporan", Some(t));
    let mut names: Vec<String> = std::fs::read_dir(t.join("laporan"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    text.push_str(&section(
        "files in [TMP]/laporan",
        &(names.join("\n") + "\n"),
    ));
    snapshot_files(
        "xlsx_batch_reports",
        text,
        &t.join("laporan"),
        &[
            (
                "xlsx_batch_report_bahari_2025",
                "lke-kantor-pelayanan-bahari-2025.xlsx",
            ),
            ("xlsx_batch_report_rsud_2023", "lke-rsud-cendana-2023.xlsx"),
        ],
    );
}

#[test]
fn golden_xlsx_template() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    run_writing(
        "xlsx_template",
        "template --out [TMP]/t.xlsx",
        t,
        &[("xlsx_template_workbook", "t.xlsx")],
    );
    run_writing(
        "xlsx_template_en",
        "template --lang en --out [TMP]/t-en.xlsx",
        t,
        &[("xlsx_template_en_workbook", "t-en.xlsx")],
    );
}

/// The inputs the cases name exist (the paths are relative to the repository root, where zona runs).
#[test]
fn golden_inputs_exist() {
    for (_, paths) in ALIASES {
        for p in *paths {
            assert!(root().join(p).is_file(), "{p}");
        }
    }
}
