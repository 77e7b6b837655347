//! zona's blank LKE template (`zona_report::template`), on the built-in PermenPANRB 90/2021 criteria
//! and on a small custom criteria file (tests/data/template-custom.toml):
//!
//! - the reader finds every item and count input of the template, blank or pre-filled, and its
//!   unit sheet;
//! - the sheet XML holds the right data validations (drop-downs of exactly the scale's codes,
//!   whole counts ≥ 0, indices 0–max), protection without a password, and unlocked input cells
//!   only;
//! - the bytes are deterministic; an existing file is replaced only with `force`;
//! - the round trip: pre-filled templates recalculated by LibreOffice headless agree with zona on
//!   every item value, node subtotal and the total (skipped with a note when LibreOffice is absent).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use calamine::{open_workbook_auto, Data, Reader};
use zona_core::criteria::{AnswerKind, ScaleKind};
use zona_core::{
    default_criteria, load_file, score, Criteria, DiagKind, ItemStatus, ScoreOptions, ScoreResult,
};
use zona_read::read_answers;
use zona_report::lke_writer::{LkeFill, LkePlan, LkeRow};
use zona_report::template::{
    template_bytes, template_plan, write_template, TemplateOptions, LISTS_SHEET, LKE_SHEET,
    NO_PREDICATE, UNIT_SHEET,
};
use zona_report::WriteError;

const EPS: f64 = 1e-9;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn custom() -> Criteria {
    load_file(&data("template-custom.toml")).expect("custom criteria load")
}

fn both() -> Vec<(&'static str, Criteria)> {
    vec![("90-2021", default_criteria()), ("custom", custom())]
}

fn write(dir: &Path, name: &str, c: &Criteria, fill: Option<&LkeFill>) -> PathBuf {
    let path = dir.join(name);
    write_template(&path, c, fill, &TemplateOptions::default()).expect("template written");
    path
}

// -------------------------------------------------------------------------------------------
// Fills

fn codes(c: &Criteria, scale: usize) -> Vec<String> {
    match &c.scales[scale].kind {
        ScaleKind::Choice(o) => o.iter().map(|o| o.code.clone()).collect(),
        ScaleKind::Index { .. } => Vec::new(),
    }
}

/// Choice answers cycling through every option, a lower-case one with spaces, an unanswered one
/// and an invalid one (`variant` shifts the cycle); indices and counts from the tables.
fn fill_for(
    c: &Criteria,
    variant: usize,
    indices: &[(&str, f64)],
    counts: &[(&str, &[(&str, f64)])],
) -> LkeFill {
    let mut fill = LkeFill {
        unit_name: Some(format!("Kantor Uji Templat {variant}")),
        instansi: Some("Kementerian Contoh".to_string()),
        year: Some(2025),
        prior_predicate: c.predicates.first().map(|p| p.name.clone()),
        ..Default::default()
    };
    for (i, item) in c.items.iter().enumerate() {
        if let AnswerKind::Choice(s) = item.answer {
            let codes = codes(c, s);
            let n = codes.len();
            let r = (i + variant) % (n + 3);
            if r < n {
                fill.set_answer(&item.key, codes[r].as_str());
            } else if r == n {
                // a lower-case answer with spaces around it
                fill.set_answer(&item.key, format!("  {} ", codes[i % n].to_lowercase()));
            } else if r == n + 1 {
                fill.set_answer(&item.key, "Tidak tahu");
            }
            // r == n + 2: unanswered
        }
    }
    for (key, v) in indices {
        assert!(c.item_by_key(key).is_some(), "{key}");
        fill.set_answer(key, *v);
    }
    for (key, inputs) in counts {
        assert!(c.item_by_key(key).is_some(), "{key}");
        for (input, v) in *inputs {
            fill.set_input(key, input, *v);
        }
    }
    fill
}

/// The 90/2021 fill: every ratio edge case of docs/scoring-rules.md §2.
fn fill_90_2021() -> LkeFill {
    fill_for(
        &default_criteria(),
        0,
        &[("hasil.bersih.ipak", 3.6), ("hasil.prima.ipkp", 4.5)],
        &[
            // done = required = 0 → 1
            (
                "reform.mp.komitmen.a",
                &[("jumlah_agen", 0.0), ("perubahan_dibuat", 0.0)],
            ),
            // required = 0, done > 0 → inconsistent, unanswered
            (
                "reform.mp.komitmen.b",
                &[("perubahan_dibuat", 0.0), ("perubahan_diintegrasikan", 3.0)],
            ),
            // reduction from zero → 0
            (
                "reform.sdm.pelanggaran_disiplin.a",
                &[
                    ("pelanggaran_sebelumnya", 0.0),
                    ("pelanggaran_tahun_ini", 2.0),
                    ("diberi_sanksi", 2.0),
                ],
            ),
            // done > required → capped at 1
            (
                "reform.ak.capaian_kinerja.a",
                &[("jumlah_sasaran", 5.0), ("sasaran_tercapai", 7.0)],
            ),
            // an unused input missing → unanswered
            (
                "reform.pw.pengaduan_masyarakat.a",
                &[("harus", 20.0), ("selesai", 18.0)],
            ),
            // summed denominator 1 + 4 + 5 = 10; 9 / 10
            (
                "reform.pw.lhk.lhkpn.a",
                &[
                    ("kepala_satker", 1.0),
                    ("pejabat_wajib", 4.0),
                    ("lainnya", 5.0),
                    ("sudah", 9.0),
                ],
            ),
            // a negative count → invalid
            (
                "reform.pw.lhk.lhkasn.a",
                &[
                    ("eselon_iii", -1.0),
                    ("eselon_iv", 6.0),
                    ("fungsional_pelaksana", 40.0),
                    ("sudah", 45.0),
                ],
            ),
            // a fractional count → invalid
            (
                "reform.pp.inovasi_pelayanan.b",
                &[("terdata", 10.0), ("dipermudah", 2.5)],
            ),
        ],
    )
}

/// Two fills of the custom criteria: ordinary values, then the zero edge cases.
fn fills_custom() -> [LkeFill; 2] {
    let c = custom();
    [
        fill_for(
            &c,
            0,
            &[("hasil.ikm", 4.2)],
            &[
                // (1 + 3 + 0) = 4 wajib, 3 sudah → 0.75
                (
                    "lap.lhkpn",
                    &[
                        ("pimpinan", 1.0),
                        ("struktural", 3.0),
                        ("lainnya", 0.0),
                        ("sudah", 3.0),
                    ],
                ),
                // (4 − 1) / 4
                (
                    "lap.disiplin",
                    &[("lalu", 4.0), ("kini", 1.0), ("sanksi", 1.0)],
                ),
                // 0 / 0 → 1
                ("lay.pengaduan", &[("masuk", 0.0), ("selesai", 0.0)]),
            ],
        ),
        fill_for(
            &c,
            1,
            &[("hasil.ikm", 5.0)],
            &[
                // summed 0 / 0 → 1
                (
                    "lap.lhkpn",
                    &[
                        ("pimpinan", 0.0),
                        ("struktural", 0.0),
                        ("lainnya", 0.0),
                        ("sudah", 0.0),
                    ],
                ),
                // 0 → 0 → 1
                (
                    "lap.disiplin",
                    &[("lalu", 0.0), ("kini", 0.0), ("sanksi", 0.0)],
                ),
                // required 0, done 2 → inconsistent
                ("lay.pengaduan", &[("masuk", 0.0), ("selesai", 2.0)]),
            ],
        ),
    ]
}

fn score_template(path: &Path, c: &Criteria) -> ScoreResult {
    let (set, info) = read_answers(path, c).expect("template read back");
    assert_eq!(info.layout, "official");
    assert_eq!(info.sheet, LKE_SHEET);
    score(c, &set, &ScoreOptions::default())
}

// -------------------------------------------------------------------------------------------
// (a) the reader finds everything

fn assert_all_found(c: &Criteria, path: &Path, name: &str) -> zona_core::AnswerSet {
    let (set, _) = read_answers(path, c).expect("template read back");
    let lost: Vec<String> = set
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.kind,
                DiagKind::ItemNotFound { .. } | DiagKind::InputNotFound { .. }
            )
        })
        .map(|d| format!("{d:?}"))
        .collect();
    assert!(lost.is_empty(), "{name}: {lost:#?}");
    for (i, item) in c.items.iter().enumerate() {
        let a = set.items[i]
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: {} not read", item.key));
        if let AnswerKind::Ratio(r) = &item.answer {
            assert_eq!(a.inputs.len(), r.inputs.len(), "{name}: {}", item.key);
            assert!(
                a.inputs.iter().all(Option::is_some),
                "{name}: an input of {} not read",
                item.key
            );
        }
    }
    assert!(
        set.nodes.iter().all(Option::is_some),
        "{name}: a node row not found"
    );
    set
}

#[test]
fn blank_template_reads_back_every_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, c) in both() {
        let path = write(dir.path(), &format!("{name}.xlsx"), &c, None);
        let set = assert_all_found(&c, &path, name);
        let r = score(&c, &set, &ScoreOptions::default());
        assert_eq!(
            r.count_status(ItemStatus::Unanswered),
            c.items.len(),
            "{name}"
        );
        assert!(r.total.abs() < EPS, "{name}: {}", r.total);
        // No reading problems at all (weights, answer types, sums) in a blank template.
        assert!(set.diagnostics.is_empty(), "{name}: {:#?}", set.diagnostics);
    }
}

#[test]
fn prefilled_template_reads_back_answers_and_unit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = default_criteria();
    let fill = fill_90_2021();
    let path = write(dir.path(), "filled.xlsx", &c, Some(&fill));
    let set = assert_all_found(&c, &path, "90-2021 filled");
    assert_eq!(set.unit.name.as_deref(), Some("Kantor Uji Templat 0"));
    assert_eq!(set.unit.instansi.as_deref(), Some("Kementerian Contoh"));
    assert_eq!(set.unit.year, Some(2025));
    assert_eq!(set.unit.prior_predicate.as_deref(), Some("Menuju WBK"));
    assert_eq!(
        set.unit.origin,
        Some(zona_core::answer::UnitOrigin::Sheet(UNIT_SHEET.to_string()))
    );
    // The summed denominators are formulas; reading them raises no sum mismatch.
    assert!(
        !set.diagnostics
            .iter()
            .any(|d| matches!(d.kind, DiagKind::SumMismatch { .. })),
        "{:#?}",
        set.diagnostics
    );
    let r = score(&c, &set, &ScoreOptions::default());
    let status = |k: &str| r.item(c.item_by_key(k).expect(k)).status;
    let value = |k: &str| r.item(c.item_by_key(k).expect(k)).value;
    assert_eq!(value("reform.mp.komitmen.a"), Some(1.0));
    assert_eq!(status("reform.mp.komitmen.b"), ItemStatus::Unanswered);
    assert_eq!(value("reform.sdm.pelanggaran_disiplin.a"), Some(0.0));
    assert_eq!(value("reform.ak.capaian_kinerja.a"), Some(1.0));
    assert_eq!(
        status("reform.pw.pengaduan_masyarakat.a"),
        ItemStatus::Unanswered
    );
    assert_eq!(value("reform.pw.lhk.lhkpn.a"), Some(0.9));
    assert_eq!(status("reform.pw.lhk.lhkasn.a"), ItemStatus::Invalid);
    assert_eq!(status("reform.pp.inovasi_pelayanan.b"), ItemStatus::Invalid);
    assert_eq!(status("hasil.prima.ipkp"), ItemStatus::Invalid);
    assert!(r.count_status(ItemStatus::Answered) > 50);
    assert!(r.count_status(ItemStatus::Unanswered) > 10);
    assert!(r.count_status(ItemStatus::Invalid) > 10);
}

// -------------------------------------------------------------------------------------------
// (b) validations, protection, locked cells (the sheet XML)

struct Xlsx {
    files: BTreeMap<String, String>,
}

impl Xlsx {
    fn open(path: &Path) -> Xlsx {
        let file = std::fs::File::open(path).expect("open xlsx");
        let mut zip = zip::ZipArchive::new(file).expect("xlsx is a zip");
        let mut files = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).expect("zip entry");
            let name = f.name().expect("entry name").to_string();
            if name.ends_with(".xml") {
                let mut s = String::new();
                f.read_to_string(&mut s).expect("utf-8 xml");
                files.insert(name, s);
            }
        }
        Xlsx { files }
    }

    /// The XML of a sheet by name (rust_xlsxwriter numbers sheets in order).
    fn sheet(&self, name: &str) -> &str {
        let wb = &self.files["xl/workbook.xml"];
        let names: Vec<String> = wb
            .split("<sheet ")
            .skip(1)
            .map(|s| unescape(&attr(s, "name").unwrap_or_default()))
            .collect();
        let i = names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no sheet {name} in {names:?}"));
        &self.files[&format!("xl/worksheets/sheet{}.xml", i + 1)]
    }

    /// Whether each cell format (cellXfs index) is locked.
    fn locked_styles(&self) -> Vec<bool> {
        let styles = &self.files["xl/styles.xml"];
        let start = styles.find("<cellXfs").expect("cellXfs");
        let end = styles[start..].find("</cellXfs>").expect("cellXfs end") + start;
        let section = &styles[start..end];
        section
            .split("<xf ")
            .skip(1)
            .map(|xf| {
                let xf = xf.split("<xf ").next().unwrap_or(xf);
                !xf.contains("locked=\"0\"")
            })
            .collect()
    }
}

fn attr(element: &str, name: &str) -> Option<String> {
    let head = &element[..element.find('>').unwrap_or(element.len())];
    let key = format!(" {name}=\"");
    let padded = format!(" {head}");
    let i = padded.find(&key)? + key.len();
    let j = padded[i..].find('"')? + i;
    Some(padded[i..j].to_string())
}

fn inner(element: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let i = element.find(&open)? + open.len();
    let j = element[i..].find(&close)? + i;
    Some(unescape(&element[i..j]))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[derive(Debug, Clone, PartialEq)]
struct Validation {
    kind: String,
    operator: String,
    sqref: String,
    formula1: String,
    formula2: String,
}

fn validations(sheet: &str) -> Vec<Validation> {
    sheet
        .split("<dataValidation ")
        .skip(1)
        .map(|chunk| {
            let el = &chunk[..chunk.find("</dataValidation>").unwrap_or(chunk.len())];
            Validation {
                kind: attr(el, "type").unwrap_or_default(),
                // `between` is the default operator and left out of the XML.
                operator: attr(el, "operator").unwrap_or_else(|| "between".to_string()),
                sqref: attr(el, "sqref").unwrap_or_default(),
                formula1: inner(el, "formula1").unwrap_or_default(),
                formula2: inner(el, "formula2").unwrap_or_default(),
            }
        })
        .collect()
}

/// Cell → (style index, formula) of a sheet.
fn cells(sheet: &str) -> BTreeMap<String, (usize, Option<String>)> {
    let mut out = BTreeMap::new();
    for chunk in sheet.split("<c ").skip(1) {
        let head_end = chunk.find('>').unwrap_or(chunk.len());
        let Some(r) = attr(chunk, "r") else { continue };
        let s = attr(chunk, "s")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0usize);
        let self_closing = chunk[..head_end].ends_with('/');
        let formula = if self_closing {
            None
        } else {
            let body = &chunk[..chunk.find("</c>").unwrap_or(chunk.len())];
            inner(body, "f")
        };
        out.insert(r, (s, formula));
    }
    out
}

fn col(letter_col: u16) -> String {
    zona_core::a1::col_name(u32::from(letter_col))
}

#[test]
fn validations_protection_and_locked_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, c) in both() {
        let path = write(dir.path(), &format!("{name}.xlsx"), &c, None);
        let x = Xlsx::open(&path);
        let lke = x.sheet(LKE_SHEET);
        let plan = template_plan(&c);
        let cols = plan.columns;
        let vals = validations(lke);
        let by_cell: BTreeMap<&str, &Validation> =
            vals.iter().map(|v| (v.sqref.as_str(), v)).collect();
        assert_eq!(by_cell.len(), vals.len(), "{name}: one validation per cell");
        let locked = x.locked_styles();
        let cell_map = cells(lke);
        let is_locked = |cell: &str| {
            let s = cell_map.get(cell).map_or(0, |c| c.0);
            locked.get(s).copied().unwrap_or(true)
        };
        let lists_sheet = c.scales.iter().any(
            |s| matches!(&s.kind, ScaleKind::Choice(o) if o.iter().any(|o| o.code.contains(','))),
        );
        let lists: Option<calamine::Range<Data>> = lists_sheet.then(|| {
            let mut wb = open_workbook_auto(&path).expect("calamine opens template");
            wb.worksheet_range(LISTS_SHEET).expect("lists sheet")
        });

        let mut expected = 0;
        for item in &c.items {
            let row = plan.item_row(&item.key).expect("item row");
            let k = format!("{}{}", col(cols.jawaban), row + 1);
            match &item.answer {
                AnswerKind::Choice(s) => {
                    expected += 1;
                    let v = by_cell
                        .get(k.as_str())
                        .unwrap_or_else(|| panic!("{name}: no validation on {k}"));
                    assert_eq!(v.kind, "list", "{name} {k}");
                    let want = codes(&c, *s);
                    let got: Vec<String> = if let Some(list) = v
                        .formula1
                        .strip_prefix('"')
                        .and_then(|f| f.strip_suffix('"'))
                    {
                        list.split(',').map(|s| s.replace("\"\"", "\"")).collect()
                    } else {
                        // A reference into the hidden lists sheet: 'Pilihan'!$A$2:$A$4.
                        let reference = v.formula1.trim_start_matches('=');
                        assert!(
                            reference.starts_with(&format!("'{LISTS_SHEET}'!$")),
                            "{name} {k}: {reference}"
                        );
                        let (a, b) = reference
                            .split_once('!')
                            .and_then(|(_, r)| r.split_once(':'))
                            .expect("range");
                        let parse = |s: &str| {
                            let s = s.replace('$', "");
                            let letters: String =
                                s.chars().take_while(char::is_ascii_alphabetic).collect();
                            let digits: u32 = s[letters.len()..].parse().expect("row");
                            let c = letters
                                .bytes()
                                .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1))
                                - 1;
                            (digits - 1, c)
                        };
                        let ((r0, c0), (r1, _)) = (parse(a), parse(b));
                        let list = lists.as_ref().expect("lists sheet read");
                        (r0..=r1)
                            .map(|r| match list.get_value((r, c0)) {
                                Some(Data::String(s)) => s.clone(),
                                other => panic!("{name}: lists sheet cell {other:?}"),
                            })
                            .collect()
                    };
                    assert_eq!(got, want, "{name} {k}: drop-down = the scale's codes");
                    assert!(!is_locked(&k), "{name} {k} unlocked");
                }
                AnswerKind::Index { max, .. } => {
                    expected += 1;
                    let v = by_cell.get(k.as_str()).expect("index validation");
                    assert_eq!(
                        (v.kind.as_str(), v.operator.as_str()),
                        ("decimal", "between"),
                        "{name} {k}"
                    );
                    assert_eq!(v.formula1.parse::<f64>().ok(), Some(0.0));
                    assert_eq!(v.formula2.parse::<f64>().ok(), Some(*max));
                    assert!(!is_locked(&k), "{name} {k} unlocked");
                }
                AnswerKind::Ratio(r) => {
                    assert!(!by_cell.contains_key(k.as_str()), "{name} {k}");
                    assert!(is_locked(&k), "{name} {k}: the % row's Jawaban is locked");
                    for inp in &r.inputs {
                        let ir = plan.input_row(&item.key, &inp.key).expect("input row");
                        let ik = format!("{}{}", col(cols.jawaban), ir + 1);
                        if inp.sum_of.is_empty() {
                            expected += 1;
                            let v = by_cell.get(ik.as_str()).expect("count validation");
                            assert_eq!(
                                (v.kind.as_str(), v.operator.as_str(), v.formula1.as_str()),
                                ("whole", "greaterThanOrEqual", "0"),
                                "{name} {ik}"
                            );
                            assert!(!is_locked(&ik), "{name} {ik} unlocked");
                        } else {
                            assert!(!by_cell.contains_key(ik.as_str()));
                            assert!(is_locked(&ik), "{name} {ik}: a summed count is locked");
                            let f = cell_map
                                .get(&ik)
                                .and_then(|c| c.1.clone())
                                .unwrap_or_default();
                            for p in &inp.sum_of {
                                let pr = plan
                                    .input_row(&item.key, &r.inputs[*p].key)
                                    .expect("part row");
                                let pk = format!("{}{}", col(cols.jawaban), pr + 1);
                                assert!(f.contains(&pk), "{name} {ik}: {f} lacks {pk}");
                            }
                        }
                        for c in [cols.catatan, cols.data_dukung, cols.link] {
                            let cell = format!("{}{}", col(c), ir + 1);
                            assert!(!is_locked(&cell), "{name} {cell} unlocked");
                        }
                    }
                }
            }
            for cc in [cols.catatan, cols.data_dukung, cols.link] {
                let cell = format!("{}{}", col(cc), row + 1);
                assert!(!is_locked(&cell), "{name} {cell} unlocked");
            }
            for cc in [
                cols.bobot,
                cols.nilai,
                cols.persen,
                cols.pilihan,
                cols.penjelasan,
            ] {
                let cell = format!("{}{}", col(cc), row + 1);
                assert!(is_locked(&cell), "{name} {cell} locked");
            }
        }
        assert_eq!(vals.len(), expected, "{name}: no other validations");
        // Every Nilai cell of a node, item and total row holds a formula.
        for (row, kind) in &plan.rows {
            if matches!(
                kind,
                LkeRow::Node(_) | LkeRow::Item(_) | LkeRow::Total(_) | LkeRow::GrandTotal
            ) {
                let l = format!("{}{}", col(cols.nilai), row + 1);
                assert!(
                    cell_map.get(&l).and_then(|c| c.1.as_ref()).is_some(),
                    "{name} {l}: formula"
                );
                assert!(is_locked(&l));
            }
        }
        for sheet in [lke, x.sheet(UNIT_SHEET)] {
            let p = sheet.split("<sheetProtection").nth(1).map_or_else(
                || panic!("{name}: sheet not protected"),
                |s| &s[..s.find("/>").unwrap_or(s.len())],
            );
            assert!(
                !p.contains("password"),
                "{name}: protected without password"
            );
        }

        // Unit sheet: values unlocked, the predicate drop-down lists "Belum ada" and the
        // criteria's predicate names.
        let unit = x.sheet(UNIT_SHEET);
        let unit_cells = cells(unit);
        for r in 1..=zona_report::lke_writer::UNIT_SHEET_LABELS.len() {
            let s = unit_cells.get(&format!("B{r}")).map_or(0, |c| c.0);
            assert!(!locked[s], "{name}: Unit!B{r} unlocked");
            let s = unit_cells.get(&format!("A{r}")).map_or(0, |c| c.0);
            assert!(locked[s], "{name}: Unit!A{r} locked");
        }
        let uv = validations(unit);
        assert_eq!(uv.len(), 1, "{name}: {uv:?}");
        assert_eq!(uv[0].sqref, "B4");
        let mut want = vec![NO_PREDICATE.to_string()];
        want.extend(c.predicates.iter().map(|p| p.name.clone()));
        assert_eq!(uv[0].formula1, format!("\"{}\"", want.join(",")), "{name}");
    }
}

// -------------------------------------------------------------------------------------------
// Bytes and files

#[test]
fn bytes_are_deterministic() {
    let c = custom();
    let fill = &fills_custom()[0];
    let a = template_bytes(&c, Some(fill), &TemplateOptions::default()).expect("bytes");
    let b = template_bytes(&c, Some(fill), &TemplateOptions::default()).expect("bytes");
    assert_eq!(a, b);
    let en = TemplateOptions {
        lang: zona_core::Lang::En,
        ..Default::default()
    };
    let e = template_bytes(&c, Some(fill), &en).expect("bytes");
    assert_ne!(a, e, "the language changes notes and prompts");
}

#[test]
fn existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = custom();
    let path = dir.path().join("lke-kosong.xlsx");
    std::fs::write(&path, b"keep me").expect("write");
    let err = write_template(&path, &c, None, &TemplateOptions::default())
        .expect_err("refuses to replace");
    assert!(matches!(err, WriteError::Exists { .. }), "{err:?}");
    assert_eq!(err.file(), path);
    assert!(err
        .message(zona_core::Lang::Id)
        .contains(&path.display().to_string()));
    assert!(err.message(zona_core::Lang::En).contains("--force"));
    assert_eq!(std::fs::read(&path).expect("read"), b"keep me");

    let force = TemplateOptions {
        force: true,
        ..Default::default()
    };
    write_template(&path, &c, None, &force).expect("forced");
    let bytes = std::fs::read(&path).expect("read");
    assert_eq!(
        bytes,
        template_bytes(&c, None, &force).expect("bytes"),
        "the file holds the template"
    );
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["lke-kosong.xlsx".to_string()]);

    let err = write_template(dir.path(), &c, None, &force).expect_err("a directory");
    assert!(matches!(err, WriteError::Io { .. }), "{err:?}");
}

// -------------------------------------------------------------------------------------------
// (c) LibreOffice recalculates the template's formulas: they agree with zona

fn libreoffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("soffice"), d.join("libreoffice")])
        .find(|p| p.is_file())
}

/// Converts every `inputs` file to xlsx in `out` with LibreOffice headless (a private profile; 5
/// minutes at most). LibreOffice computes formulas without a cached result on loading.
fn recalculate(lo: &Path, inputs: &[PathBuf], out: &Path, profile: &Path) {
    let mut cmd = Command::new(lo);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--norestore", "--nolockcheck"])
    .args(["--convert-to", "xlsx", "--outdir"])
    .arg(out)
    .args(inputs)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("LibreOffice starts");
    let start = Instant::now();
    loop {
        match child.try_wait().expect("wait for LibreOffice") {
            Some(status) => {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                assert!(status.success(), "LibreOffice failed: {status}: {err}");
                return;
            }
            None if start.elapsed() > Duration::from_secs(300) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("LibreOffice did not finish within 5 minutes");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

fn number(range: &calamine::Range<Data>, row: u32, col: u16) -> Option<f64> {
    match range.get_value((row, u32::from(col)))? {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn shown(range: &calamine::Range<Data>, row: u32, col: u16) -> String {
    format!("{:?}", range.get_value((row, u32::from(col))))
}

/// Compares the recalculated workbook's Nilai and % cells with zona's result. Returns how many
/// cells were compared.
fn compare(
    name: &str,
    c: &Criteria,
    plan: &LkePlan,
    r: &ScoreResult,
    range: &calamine::Range<Data>,
) -> usize {
    let cols = plan.columns;
    let compared = std::cell::Cell::new(0usize);
    let check = |what: String, row: u32, col: u16, want: f64| {
        let got = number(range, row, col).unwrap_or_else(|| {
            panic!(
                "{name}: {what} ({}{}) holds {} — LibreOffice did not compute it",
                zona_core::a1::col_name(u32::from(col)),
                row + 1,
                shown(range, row, col)
            )
        });
        assert!(
            (got - want).abs() <= EPS,
            "{name}: {what}: workbook {got} ≠ zona {want}"
        );
        compared.set(compared.get() + 1);
    };
    let mut roots_weight = 0.0;
    for (row, kind) in &plan.rows {
        match kind {
            LkeRow::Node(id) => {
                let node = c.node(*id);
                let ns = r.node(*id);
                check(format!("node {}", node.key), *row, cols.nilai, ns.score);
                check(
                    format!("% of node {}", node.key),
                    *row,
                    cols.persen,
                    ns.score / node.weight,
                );
            }
            LkeRow::Item(id) => {
                let item = c.item(*id);
                let is = r.item(*id);
                match (is.value, item.weight) {
                    (Some(v), None) => check(format!("item {}", item.key), *row, cols.nilai, v),
                    (Some(_), Some(w)) => {
                        check(format!("item {}", item.key), *row, cols.nilai, is.points);
                        check(
                            format!("% of item {}", item.key),
                            *row,
                            cols.persen,
                            is.points / w,
                        );
                    }
                    (None, _) => {
                        assert!(
                            matches!(
                                range.get_value((*row, u32::from(cols.nilai))),
                                Some(Data::String(s)) if !s.is_empty()
                            ),
                            "{name}: item {} is {:?} in zona, the workbook shows {}",
                            item.key,
                            is.status,
                            shown(range, *row, cols.nilai)
                        );
                        compared.set(compared.get() + 1);
                    }
                }
            }
            LkeRow::Total(id) => {
                roots_weight += c.node(*id).weight;
                check(
                    format!("TOTAL {}", c.node(*id).key),
                    *row,
                    cols.nilai,
                    r.node(*id).score,
                );
            }
            LkeRow::GrandTotal => {
                check("the total".to_string(), *row, cols.nilai, r.total);
                check(
                    "% of the total".to_string(),
                    *row,
                    cols.persen,
                    r.total / roots_weight,
                );
            }
            _ => {}
        }
    }
    compared.get()
}

#[test]
fn libreoffice_recalculation_agrees_with_zona() {
    let Some(lo) = libreoffice() else {
        // CI sets ZONA_REQUIRE_LIBREOFFICE=1 (.ci/run installs it): there a missing LibreOffice
        // fails the test instead of skipping it.
        assert!(
            std::env::var_os("ZONA_REQUIRE_LIBREOFFICE").is_none(),
            "LibreOffice (soffice) is required (ZONA_REQUIRE_LIBREOFFICE is set) but not found"
        );
        eprintln!(
            "NOTE: LibreOffice (soffice) not found: the template round trip through LibreOffice \
             was skipped (apt-get install -y libreoffice-calc-nogui)"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (input, out, profile) = (
        dir.path().join("in"),
        dir.path().join("out"),
        dir.path().join("profile"),
    );
    for d in [&input, &out, &profile] {
        std::fs::create_dir_all(d).expect("mkdir");
    }
    let c90 = default_criteria();
    let cc = custom();
    let [custom_a, custom_b] = fills_custom();
    let cases: Vec<(&str, &Criteria, Option<LkeFill>)> = vec![
        ("90-2021-filled", &c90, Some(fill_90_2021())),
        ("90-2021-blank", &c90, None),
        ("custom-a", &cc, Some(custom_a)),
        ("custom-b", &cc, Some(custom_b)),
    ];
    let mut files = Vec::new();
    for (name, c, fill) in &cases {
        files.push(write(&input, &format!("{name}.xlsx"), c, fill.as_ref()));
    }
    recalculate(&lo, &files, &out, &profile);

    for ((name, c, _), template) in cases.iter().zip(&files) {
        let r = score_template(template, c);
        let recalculated = out.join(format!("{name}.xlsx"));
        assert!(recalculated.is_file(), "{name}: LibreOffice wrote no file");
        let mut wb = open_workbook_auto(&recalculated).expect("calamine opens LibreOffice's file");
        let range = wb.worksheet_range(LKE_SHEET).expect("LKE sheet");
        let plan = template_plan(c);
        let compared = compare(name, c, &plan, &r, &range);
        assert!(
            compared > c.items.len(),
            "{name}: {compared} cells compared"
        );
        // The copy LibreOffice saved still reads and scores the same.
        let again = score_template(&recalculated, c);
        assert!(
            (again.total - r.total).abs() <= EPS,
            "{name}: {} vs {}",
            again.total,
            r.total
        );
        if name.ends_with("filled") || name.starts_with("custom") {
            assert!(r.total > 0.0, "{name}: a filled template scores");
        }
        eprintln!(
            "{name}: LibreOffice and zona agree on {compared} cells (total {:.4})",
            r.total
        );
    }
}
