//! What the fuzz targets of zona share (docs/fuzzing.md): the default criteria loaded once, how a
//! fuzz input becomes a file zona reads, and the pipeline run on every source that opens.
//!
//! - `workbook_reader` inputs are a format selector byte followed by the file's bytes
//!   ([`Format::split`]).
//! - `workbook_xml` inputs are XML parts separated by NUL bytes, packed into a well-formed xlsx or
//!   ods (stored zip entries, so the fuzzer's mutations reach the XML parsers and zona's layout
//!   detection instead of failing a deflate stream or a CRC) by [`pack`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use zona_core::{AnswerSet, Criteria, Lang, ScoreOptions, ScoreResult};

/// The built-in PermenPANRB 90/2021 criteria, loaded once per process.
pub fn criteria() -> &'static Criteria {
    static CRITERIA: OnceLock<Criteria> = OnceLock::new();
    CRITERIA.get_or_init(zona_core::default_criteria)
}

/// The file format a `workbook_reader` input is written as (by its first byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Json,
    Ods,
    Xls,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Xlsx, Format::Json, Format::Ods, Format::Xls];

    /// The selector byte written before the file's bytes: `j` JSON, `o` ODS, `l` XLS; any other
    /// byte (`x` in the seeds) is xlsx, the format units really send.
    pub fn selector(self) -> u8 {
        match self {
            Format::Xlsx => b'x',
            Format::Json => b'j',
            Format::Ods => b'o',
            Format::Xls => b'l',
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Ods => "ods",
            Format::Xls => "xls",
        }
    }

    /// Splits a `workbook_reader` input into its format and the file's bytes.
    pub fn split(data: &[u8]) -> Option<(Format, &[u8])> {
        let (&selector, bytes) = data.split_first()?;
        let format = match selector {
            b'j' => Format::Json,
            b'o' => Format::Ods,
            b'l' => Format::Xls,
            _ => Format::Xlsx,
        };
        Some((format, bytes))
    }
}

/// A per-process scratch file with the given extension, removed with its directory when dropped
/// (a run that crashes or times out leaves it behind: `<tmp>/zona-fuzz-<pid>/`).
pub struct ScratchFile {
    path: PathBuf,
}

impl ScratchFile {
    /// Writes `bytes` to `<tmp>/zona-fuzz-<pid>/fuzz.<ext>`. The stem has no year in it and does
    /// not depend on the process, so the unit facts guessed from the file name stay fixed.
    pub fn write(ext: &str, bytes: &[u8]) -> ScratchFile {
        let dir = std::env::temp_dir().join(format!("zona-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the fuzz scratch directory");
        let path = dir.join(format!("fuzz.{ext}"));
        let mut f = std::fs::File::create(&path).expect("create the fuzz scratch file");
        f.write_all(bytes).expect("write the fuzz scratch file");
        ScratchFile { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ScratchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// What `zona score` does with a source, minus printing: read every layer with the default
/// criteria, resolve inheritance, score each layer with the unit facts the source states, render
/// every diagnostic in both languages, and list the differences between consecutive layers.
/// A read error must name the file; anything else that goes wrong is a panic (a finding).
pub fn read_and_score(path: &Path) {
    // As the zona binary does: a panic zona's guard catches (a spreadsheet library meeting a
    // damaged file) is that file's error, not a finding; every other panic still reaches
    // libFuzzer's own hook, which aborts (a crash).
    zona_read::guard::install_quiet_panic_hook();
    let c = criteria();
    let (layered, _info) = match zona_read::read_layers(path, c) {
        Ok(read) => read,
        Err(e) => {
            let file = path.display().to_string();
            for lang in [Lang::Id, Lang::En] {
                let msg = e.message(lang);
                assert!(msg.contains(&file), "read error without the file: {msg}");
            }
            return;
        }
    };
    let prior = layered
        .layers
        .first()
        .map(|(_, s)| s.unit.stated_predicates(c))
        .unwrap_or_default();
    let options = ScoreOptions {
        prior,
        ..Default::default()
    };
    let scored: Vec<(AnswerSet, ScoreResult)> = zona_core::layers::resolve(layered)
        .layers
        .into_iter()
        .map(|(_, answers)| {
            let result = zona_core::score(c, &answers, &options);
            (answers, result)
        })
        .collect();
    let unit = scored.first().map(|(a, _)| a.clone());
    for (_, result) in &scored {
        check_result(c, result);
        // The evidence review, as the pipeline runs it (no folder: paths are not looked for).
        if let Some(unit) = &unit {
            let review = zona_core::evidence::review(
                c,
                unit,
                result,
                &options,
                zona_core::evidence::EvidencePolicy::Lowest,
                &zona_core::evidence::NoFiles,
            );
            for d in &review.diagnostics {
                let _ = (d.message(Lang::Id), d.message(Lang::En));
            }
            if let Some(b) = &review.backed {
                assert!(
                    b.total <= result.total + 1e-9 && b.total >= 0.0,
                    "evidence-backed total {} above the claimed {}",
                    b.total,
                    result.total
                );
            }
        }
    }
    for pair in scored.windows(2) {
        let _ = zona_core::layers::differences(c, &pair[0].1, &pair[1].1);
    }
}

/// What docs/criteria-format.md promises of criteria that load: every weight a finite number
/// ≥ 0, option values in 0..=1, survey maxima finite and > 0, thresholds finite and ≥ 0
/// (percentages at most 100). A loader that lets anything else through is a finding.
pub fn check_criteria(c: &Criteria) {
    use zona_core::criteria::{ConditionKind, ScaleKind};
    let weight = |what: &str, key: &str, w: f64| {
        assert!(
            w.is_finite() && w >= 0.0,
            "criteria loaded with {what} `{key}` weighing {w}"
        );
    };
    for a in &c.areas {
        weight("area", &a.key, a.weight);
    }
    for n in &c.nodes {
        weight("node", &n.key, n.weight);
    }
    for i in &c.items {
        if let Some(w) = i.weight {
            weight("item", &i.key, w);
        }
    }
    for s in &c.scales {
        match &s.kind {
            ScaleKind::Choice(options) => {
                for o in options {
                    assert!(
                        (0.0..=1.0).contains(&o.value),
                        "criteria loaded with option `{}` of `{}` valued {}",
                        o.code,
                        s.key,
                        o.value
                    );
                }
            }
            ScaleKind::Index { max } => assert!(
                max.is_finite() && *max > 0.0,
                "criteria loaded with index_max {max} on `{}`",
                s.key
            ),
        }
    }
    for p in &c.predicates {
        for cond in &p.conditions {
            let min = match cond.kind {
                ConditionKind::Total { min }
                | ConditionKind::Node { min, .. }
                | ConditionKind::Item { min, .. } => min,
                ConditionKind::Areas { min_percent } => {
                    assert!(min_percent <= 100.0, "min_percent {min_percent}");
                    min_percent
                }
                ConditionKind::Prior { .. } => 0.0,
            };
            assert!(
                min.is_finite() && min >= 0.0,
                "criteria loaded with threshold {min} in `{}`",
                p.key
            );
        }
    }
}

/// Invariants of any score: finite numbers within the criteria's maximum, diagnostics that render.
pub fn check_result(c: &Criteria, result: &ScoreResult) {
    let max = c.max_total();
    if max.is_finite() {
        assert!(
            result.total.is_finite() && result.total >= -1e-9 && result.total <= max + 1e-6,
            "total {} outside 0..={max}",
            result.total
        );
    }
    for d in &result.diagnostics {
        let _ = d.message(Lang::Id);
        let _ = d.message(Lang::En);
    }
}

/// The separator of the parts of a `workbook_xml` input (XML never holds a NUL byte).
pub const PART_SEPARATOR: u8 = 0;

/// The package a `workbook_xml` input is packed as (by its first byte: `o` ODS, else xlsx).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Package {
    Xlsx,
    Ods,
}

impl Package {
    pub fn selector(self) -> u8 {
        match self {
            Package::Xlsx => b'x',
            Package::Ods => b'o',
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Package::Xlsx => "xlsx",
            Package::Ods => "ods",
        }
    }
}

/// Most sheets a `workbook_xml` input packs.
pub const MAX_SHEETS: usize = 4;

/// Turns a `workbook_xml` input into a package and its file's bytes.
///
/// xlsx: `x` then `shared strings XML \0 sheet name \0 sheet XML \0 sheet name \0 sheet XML …`
/// (up to [`MAX_SHEETS`] sheets; an empty shared strings part leaves the entry out).
/// ods: `o` then `content.xml`.
pub fn pack(data: &[u8]) -> Option<(Package, Vec<u8>)> {
    let (&selector, rest) = data.split_first()?;
    if selector == b'o' {
        return Some((Package::Ods, ods_package(rest)));
    }
    let mut parts = rest.split(|b| *b == PART_SEPARATOR);
    let shared = parts.next().unwrap_or_default();
    let mut sheets: Vec<(String, &[u8])> = Vec::new();
    while sheets.len() < MAX_SHEETS {
        let Some(name) = parts.next() else { break };
        let xml = parts.next().unwrap_or_default();
        sheets.push((String::from_utf8_lossy(name).into_owned(), xml));
    }
    if sheets.is_empty() {
        return None;
    }
    Some((Package::Xlsx, xlsx_package(shared, &sheets)))
}

/// The inverse of [`pack`] for xlsx, for seeds: `x`, shared strings, then name/XML pairs.
pub fn xlsx_input(shared: &[u8], sheets: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = vec![Package::Xlsx.selector()];
    out.extend_from_slice(shared);
    for (name, xml) in sheets {
        out.push(PART_SEPARATOR);
        out.extend_from_slice(name.as_bytes());
        out.push(PART_SEPARATOR);
        out.extend_from_slice(xml);
    }
    out
}

/// The inverse of [`pack`] for ods, for seeds.
pub fn ods_input(content: &[u8]) -> Vec<u8> {
    let mut out = vec![Package::Ods.selector()];
    out.extend_from_slice(content);
    out
}

fn xml_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    for (name, bytes) in entries {
        zw.start_file(*name, opts).expect("zip entry");
        zw.write_all(bytes).expect("zip write");
    }
    zw.finish().expect("zip finish").into_inner()
}

/// Cell styles of every packed xlsx: `s="0"` general, `s="1"` a date (so a number in a cell with
/// `s="1"` is read as a date serial), `s="2"` a percentage.
pub const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

fn xlsx_package(shared: &[u8], sheets: &[(String, &[u8])]) -> Vec<u8> {
    let mut content_types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#,
    );
    let mut workbook = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let names: Vec<String> = (1..=sheets.len())
        .map(|i| format!("xl/worksheets/sheet{i}.xml"))
        .collect();
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        content_types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        workbook.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            xml_attr(name)
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
    }
    let shared_id = sheets.len() + 1;
    if !shared.is_empty() {
        rels.push_str(&format!(
            r#"<Relationship Id="rId{shared_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        ));
    }
    rels.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        shared_id + 1
    ));
    content_types.push_str(r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#);
    content_types.push_str("</Types>");
    workbook.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", root_rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/styles.xml", STYLES.as_bytes()),
    ];
    if !shared.is_empty() {
        entries.push(("xl/sharedStrings.xml", shared));
    }
    for (path, (_, xml)) in names.iter().zip(sheets) {
        entries.push((path.as_str(), xml));
    }
    zip_of(&entries)
}

fn ods_package(content: &[u8]) -> Vec<u8> {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content),
    ])
}
