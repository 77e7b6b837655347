//! The one writer error, through every writer: which variant each failure is, that the cause is
//! kept as the source, and the exact messages in both languages (the wording each writer had before
//! they shared one type; the CLI prints these).

use std::collections::HashMap;
use std::error::Error as _;
use std::path::{Path, PathBuf};

use zona_core::compare::{compare, CompareInput};
use zona_core::{default_criteria, score, AnswerSet, Criteria, Lang, ScoreOptions, ScoreResult};
use zona_read::{read_answers, SourceInfo};
use zona_report::batch_writer::{write_batch_summary, BatchSummary, BatchWriteOptions};
use zona_report::compare_writer::{check_output, write_comparison, CompareWriteOptions};
use zona_report::lke_writer::{write_filled_lke, LkeFill, LkeLayoutOptions};
use zona_report::report::{write_report, ReportInput, ReportOptions};
use zona_report::template::{write_template, TemplateOptions};
use zona_report::{output_file, OutputKind, WriteError, CREATION_DATE};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/lke-zi-workbook-example.xlsx")
}

/// A scored copy of the example workbook, at `input`.
struct Scored {
    c: Criteria,
    a: AnswerSet,
    src: SourceInfo,
    opts: ScoreOptions,
    r: ScoreResult,
}

impl Scored {
    fn at(input: &Path) -> Scored {
        std::fs::copy(example(), input).expect("copy the example");
        let c = default_criteria();
        let (a, src) = read_answers(input, &c).expect("the example reads");
        let opts = ScoreOptions::default();
        let r = score(&c, &a, &opts);
        Scored { c, a, src, opts, r }
    }

    fn input(&self) -> ReportInput<'_> {
        ReportInput {
            criteria: &self.c,
            answers: &self.a,
            result: &self.r,
            source: &self.src,
            options: &self.opts,
            lang: Lang::Id,
            layers: &[],
            keeping: None,
            evidence: None,
        }
    }
}

/// Both messages, Indonesian then English.
fn messages(e: &WriteError) -> [String; 2] {
    [e.message(Lang::Id), e.message(Lang::En)]
}

/// The places every writer is tried against: an existing file, the input, a folder, a path
/// naming no file, a file in a missing folder.
struct Places {
    _dir: tempfile::TempDir,
    input: PathBuf,
    existing: PathBuf,
    folder: PathBuf,
    missing: PathBuf,
}

impl Places {
    fn new() -> Places {
        let dir = tempfile::tempdir().expect("tempdir");
        let existing = dir.path().join("ada.xlsx");
        std::fs::write(&existing, b"keep").expect("write");
        let folder = dir.path().join("folder.xlsx");
        std::fs::create_dir(&folder).expect("mkdir");
        Places {
            input: dir.path().join("lke.xlsx"),
            existing,
            folder,
            missing: dir.path().join("tidak-ada").join("x.xlsx"),
            _dir: dir,
        }
    }
}

fn d(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn report_errors() {
    let p = Places::new();
    let s = Scored::at(&p.input);
    let input = s.input();
    let keep = ReportOptions { force: false };
    let force = ReportOptions { force: true };

    let e = write_report(&p.existing, &input, &keep).unwrap_err();
    assert!(matches!(
        e,
        WriteError::Exists {
            output: OutputKind::Report,
            ..
        }
    ));
    let f = d(&p.existing);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: berkas sudah ada; gunakan --force untuk menggantinya"),
            format!("{f}: the file already exists; use --force to replace it"),
        ]
    );
    assert_eq!(std::fs::read(&p.existing).unwrap(), b"keep");

    let e = write_report(&p.input, &input, &force).unwrap_err();
    assert!(matches!(e, WriteError::SameAsInput { .. }), "{e:?}");
    let f = d(&p.input);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: ini lembar kerja masukan; tulis laporan ke berkas lain"),
            format!("{f}: this is the input workbook; write the report to another file"),
        ]
    );

    let e = write_report(Path::new("/"), &input, &force).unwrap_err();
    assert!(matches!(e, WriteError::InvalidPath { .. }), "{e:?}");
    assert_eq!(
        messages(&e),
        [
            "/: bukan nama berkas untuk laporan".to_string(),
            "/: not a file name to write the report to".to_string(),
        ]
    );

    let e = write_report(&p.folder, &input, &force).unwrap_err();
    let f = d(&p.folder);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: laporan tidak dapat ditulis: ini sebuah folder, bukan berkas (is a directory)"),
            format!("{f}: cannot write the report: a folder, not a file (is a directory)"),
        ]
    );
    assert_eq!(e.to_string(), format!("{f}: cannot write the report"));

    let e = write_report(&p.missing, &input, &force).unwrap_err();
    let WriteError::Io { source, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    let f = d(&p.missing);
    assert_eq!(
        messages(&e),
        [
            format!(
                "{f}: laporan tidak dapat ditulis: folder tujuan tidak ditemukan ({})",
                system(source)
            ),
            format!(
                "{f}: cannot write the report: the folder does not exist ({})",
                system(source)
            ),
        ]
    );

    // A result of other criteria: the workbook cannot be built.
    let other = zona_core::builtin_criteria()
        .into_iter()
        .find(|c| c.items.len() != s.c.items.len())
        .expect("a second built-in criteria set");
    let r = score(&other, &AnswerSet::empty(&other), &s.opts);
    let wrong = ReportInput {
        result: &r,
        ..s.input()
    };
    let out = p.missing.parent().unwrap().with_file_name("salah.xlsx");
    let e = write_report(&out, &wrong, &keep).unwrap_err();
    let WriteError::Xlsx { source, .. } = &e else {
        panic!("{e:?}")
    };
    let f = d(&out);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: lembar kerja laporan tidak dapat disusun: pustaka penulis lembar kerja menolak isinya ({source})"),
            format!("{f}: cannot build the report workbook: the workbook writer refused its content ({source})"),
        ]
    );
    assert!(e.source().is_some());
    assert!(!out.exists());
}

#[test]
fn template_errors() {
    let p = Places::new();
    let c = default_criteria();
    let keep = TemplateOptions::default();
    let force = TemplateOptions {
        force: true,
        ..Default::default()
    };

    let e = write_template(&p.existing, &c, None, &keep).unwrap_err();
    assert_eq!(e.output(), OutputKind::Template);
    let f = d(&p.existing);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: berkas sudah ada; gunakan --force untuk menggantinya"),
            format!("{f}: the file exists; use --force to replace it"),
        ]
    );

    let e = write_template(Path::new("/"), &c, None, &force).unwrap_err();
    assert!(matches!(e, WriteError::InvalidPath { .. }), "{e:?}");
    assert_eq!(
        messages(&e),
        [
            "/: tidak dapat ditulis: bukan berkas yang dapat ditulis".to_string(),
            "/: cannot write: not a file to write to".to_string(),
        ]
    );

    let e = write_template(&p.folder, &c, None, &force).unwrap_err();
    let f = d(&p.folder);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: tidak dapat ditulis: ini sebuah folder, bukan berkas (is a directory)"),
            format!("{f}: cannot write: a folder, not a file (is a directory)"),
        ]
    );

    let bad_date = TemplateOptions {
        created: (2000, 13, 40),
        ..Default::default()
    };
    let out = p.input.with_file_name("templat.xlsx");
    let e = write_template(&out, &c, None, &bad_date).unwrap_err();
    let WriteError::Xlsx { source, .. } = &e else {
        panic!("{e:?}")
    };
    let f = d(&out);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: templat tidak dapat disusun: pustaka penulis lembar kerja menolak isinya ({source})"),
            format!("{f}: cannot build the template: the workbook writer refused its content ({source})"),
        ]
    );
    assert!(!out.exists());
}

#[test]
fn comparison_errors() {
    let p = Places::new();
    std::fs::write(&p.input, b"input").unwrap();
    let c = default_criteria();
    let r = score(&c, &AnswerSet::empty(&c), &ScoreOptions::default());
    let input = |label| CompareInput {
        label,
        criteria: &c,
        result: &r,
        evidence: None,
    };
    let cmp = compare(&[input("2023"), input("2024")]);
    let inputs = [p.input.as_path()];
    let keep = CompareWriteOptions::default();
    let force = CompareWriteOptions {
        force: true,
        ..Default::default()
    };

    for e in [
        check_output(&p.existing, &inputs, false).unwrap_err(),
        write_comparison(&p.existing, &cmp, &inputs, &keep).unwrap_err(),
    ] {
        let f = d(&p.existing);
        assert_eq!(
            messages(&e),
            [
                format!("{f}: berkas keluaran sudah ada; gunakan --force untuk menggantinya"),
                format!("{f}: the output file exists; use --force to replace it"),
            ]
        );
    }

    let e = write_comparison(&p.input, &cmp, &inputs, &force).unwrap_err();
    let f = d(&p.input);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: keluaran akan menimpa lembar kerja masukan {f}; pilih nama lain"),
            format!("{f}: the output would overwrite the input workbook {f}"),
        ]
    );
    assert_eq!(std::fs::read(&p.input).unwrap(), b"input");

    let e = write_comparison(Path::new("/"), &cmp, &inputs, &force).unwrap_err();
    assert_eq!(
        messages(&e),
        [
            "/: tidak dapat ditulis: bukan nama berkas".to_string(),
            "/: cannot write: not a file name".to_string(),
        ]
    );

    let e = write_comparison(&p.missing, &cmp, &inputs, &force).unwrap_err();
    let WriteError::Io { source, .. } = &e else {
        panic!("{e:?}")
    };
    let f = d(&p.missing);
    assert_eq!(
        messages(&e),
        [
            format!(
                "{f}: tidak dapat ditulis: folder tujuan tidak ditemukan ({})",
                system(source)
            ),
            format!(
                "{f}: cannot write: the folder does not exist ({})",
                system(source)
            ),
        ]
    );

    let bad_date = CompareWriteOptions {
        created: (2000, 13, 40),
        ..Default::default()
    };
    let out = p.input.with_file_name("banding.xlsx");
    let e = write_comparison(&out, &cmp, &inputs, &bad_date).unwrap_err();
    let WriteError::Xlsx { source, .. } = &e else {
        panic!("{e:?}")
    };
    let f = d(&out);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: lembar kerja tidak dapat disusun: pustaka penulis lembar kerja menolak isinya ({source})"),
            format!("{f}: cannot build the workbook: the workbook writer refused its content ({source})"),
        ]
    );
}

#[test]
fn batch_summary_and_output_file_errors() {
    let p = Places::new();
    std::fs::write(&p.input, b"input").unwrap();
    let c = default_criteria();
    let summary = BatchSummary {
        criteria: &c,
        rows: &[],
        errors: &[],
    };
    let inputs = [p.input.as_path()];
    let keep = BatchWriteOptions::default();
    let force = BatchWriteOptions {
        force: true,
        ..Default::default()
    };

    // The batch summary speaks of a file as such, as the CLI's checks of every output do.
    for e in [
        output_file::check(&p.existing, &inputs, false).unwrap_err(),
        write_batch_summary(&p.existing, &summary, &inputs, &keep).unwrap_err(),
    ] {
        let f = d(&p.existing);
        assert_eq!(
            messages(&e),
            [
                format!("{f}: berkas sudah ada; gunakan --force untuk menggantinya"),
                format!("{f}: the file already exists; use --force to replace it"),
            ]
        );
    }
    for e in [
        output_file::check(&p.input, &inputs, true).unwrap_err(),
        write_batch_summary(&p.input, &summary, &inputs, &force).unwrap_err(),
    ] {
        let f = d(&p.input);
        assert_eq!(
            messages(&e),
            [
                format!("{f}: ini berkas masukan ({f}); tulis ke berkas lain"),
                format!("{f}: this is an input file ({f}); write to another file"),
            ]
        );
    }
    for e in [
        output_file::check(Path::new("/"), &inputs, true).unwrap_err(),
        write_batch_summary(Path::new("/"), &summary, &inputs, &force).unwrap_err(),
    ] {
        assert_eq!(
            messages(&e),
            [
                "/: bukan nama berkas yang dapat ditulis".to_string(),
                "/: not a file name to write to".to_string(),
            ]
        );
    }
    let e = write_batch_summary(&p.folder, &summary, &inputs, &force).unwrap_err();
    assert_eq!(e.output(), OutputKind::BatchSummary);
    let f = d(&p.folder);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: tidak dapat ditulis: ini sebuah folder, bukan berkas (is a directory)"),
            format!("{f}: cannot write: a folder, not a file (is a directory)"),
        ]
    );
    let e = output_file::write_atomically(&p.missing, b"x", true).unwrap_err();
    assert_eq!(e.output(), OutputKind::File);
    assert_eq!(e.file(), p.missing);

    let bad_date = BatchWriteOptions {
        created: (2000, 13, 40),
        ..Default::default()
    };
    let out = p.input.with_file_name("ringkasan.xlsx");
    let e = write_batch_summary(&out, &summary, &inputs, &bad_date).unwrap_err();
    let WriteError::Xlsx { source, .. } = &e else {
        panic!("{e:?}")
    };
    let f = d(&out);
    assert_eq!(
        messages(&e),
        [
            format!("{f}: lembar kerja ringkasan tidak dapat disusun: pustaka penulis lembar kerja menolak isinya ({source})"),
            format!("{f}: cannot build the summary workbook: the workbook writer refused its content ({source})"),
        ]
    );
}

#[test]
fn fixture_writers_replace_atomically_and_share_the_error() {
    let p = Places::new();
    let c = default_criteria();
    // The official-layout writer replaces an existing file (samples are rewritten in place) …
    write_filled_lke(
        &p.existing,
        &c,
        &LkeFill::default(),
        &LkeLayoutOptions::default(),
    )
    .expect("replaces");
    assert!(std::fs::read(&p.existing).unwrap().starts_with(b"PK"));
    // … and fails like every other writer.
    let e = write_filled_lke(
        &p.folder,
        &c,
        &LkeFill::default(),
        &LkeLayoutOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.output(), OutputKind::LkeWorkbook);
    assert_eq!(
        e.message(Lang::En),
        format!(
            "{}: cannot write: a folder, not a file (is a directory)",
            d(&p.folder)
        )
    );

    let portal = p.input.with_file_name("portalrb.xlsx");
    let fill = HashMap::new();
    zona_report::portalrb_writer::write_workbook(&portal, &c, &fill).expect("written");
    let first = std::fs::read(&portal).unwrap();
    zona_report::portalrb_writer::write_workbook(&portal, &c, &fill).expect("replaced");
    assert_eq!(
        std::fs::read(&portal).unwrap(),
        first,
        "the same input gives the same bytes"
    );
    let mut bare = c.clone();
    bare.portalrb = None;
    let e = zona_report::portalrb_writer::write_workbook(&portal, &bare, &fill).unwrap_err();
    assert!(matches!(e, WriteError::NoPortalRbLayout { .. }), "{e:?}");
    assert_eq!(e.output(), OutputKind::PortalRbWorkbook);
    assert_eq!(
        e.message(Lang::En),
        format!(
            "{}: criteria {} have no [portalrb] table",
            d(&portal),
            c.meta.id
        )
    );
}

#[test]
fn every_workbook_stores_the_fixed_creation_date() {
    let (y, m, dd) = CREATION_DATE;
    let stamp = format!("{y:04}-{m:02}-{dd:02}T00:00:00Z");
    let dir = tempfile::tempdir().unwrap();
    let c = default_criteria();
    let lke = dir.path().join("lke.xlsx");
    write_filled_lke(&lke, &c, &LkeFill::default(), &LkeLayoutOptions::default()).unwrap();
    let portal = dir.path().join("portalrb.xlsx");
    zona_report::portalrb_writer::write_workbook(&portal, &c, &HashMap::new()).unwrap();
    let template = dir.path().join("templat.xlsx");
    write_template(&template, &c, None, &TemplateOptions::default()).unwrap();
    for path in [lke, portal, template] {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut core = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
            .unwrap();
        assert!(core.contains(&stamp), "{}: {core}", path.display());
    }
}

/// Every text a writer puts in a cell goes through `sheet::{text, merged, plain_text}`, which cut
/// it to what a cell holds: a text rust_xlsxwriter refuses fails the whole workbook (one unit's
/// long name lost a batch's summary). This pins the rule for writers added later.
#[test]
fn writers_put_text_in_cells_only_through_the_sheet_helpers() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.clone()];
    let mut offenders = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("src/sheet.rs") {
            continue;
        }
        let code = std::fs::read_to_string(&path).unwrap();
        for (n, line) in code.lines().enumerate() {
            let direct = [
                ".write_string(",
                ".write_string_with_format(",
                ".merge_range(",
                "ws.write(",
                ".write_with_format(",
            ]
            .iter()
            .any(|call| line.contains(call));
            // A literal of zona's own ("—") is known to fit.
            let literal = line.contains(".write_string_with_format(row, col, \"");
            if direct && !literal {
                offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

/// The system's words of an I/O error, without the "(os error N)" a message leaves out.
fn system(e: &std::io::Error) -> String {
    let t = e.to_string();
    match t.rfind(" (os error ") {
        Some(i) => t[..i].to_string(),
        None => t,
    }
}
