//! Writes the sample workbooks of `samples/` (see `samples/README.md`).
//!
//! ```text
//! cargo run -p zona-report --example make_samples -- samples/
//! ```
//!
//! Everything is fictional and deterministic: answers are picked from a fixed hash of the item key
//! (no randomness), and the document creation date is fixed, so the files are identical on every
//! run.

// A program that prints is what an example is.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use zona_core::criteria::{AnswerKind, ConditionKind, Criteria, Formula, Item, Ratio, ScaleKind};
use zona_core::{default_criteria, Lang, ScoreOptions};
use zona_report::lke_writer::{write_filled_lke, FillValue, ItemFill, LkeFill, LkeLayoutOptions};

const FILE: &str = "lke-contoh-kantor-imigrasi-nusantara-2025.xlsx";
/// The evidence sample: a workbook beside its evidence folder (`samples/bukti/`).
const EVIDENCE_DIR: &str = "bukti";
const EVIDENCE_FILE: &str = "lke-contoh-kpp-pratama-mandiri-2025.xlsx";
/// The evidence folder, relative to the workbook: the Link Data Dukung cells name files in it.
const EVIDENCE_FILES: &str = "data-dukung";
const LINK_BASE: &str = "https://contoh.example/kanim-nusantara/lke-zi-2025";

/// FNV-1a: a fixed, platform-independent hash to vary the answers without randomness.
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Answers chosen by hand (with their note) where a varied, plausible picture matters.
const CHOSEN: &[(&str, &str, &str)] = &[
    (
        "pemenuhan.mp.tim_kerja.a",
        "Ya",
        "Tim Pembangunan ZI ditetapkan dengan SK Kepala Kantor Nomor 001/ZI/2025 (fiktif).",
    ),
    (
        "pemenuhan.mp.tim_kerja.b",
        "A",
        "Anggota tim dipilih melalui seleksi terbuka dan mewakili seluruh seksi.",
    ),
    (
        "pemenuhan.mp.monev.c",
        "B",
        "Sebagian besar rekomendasi monev triwulan II telah ditindaklanjuti; 3 rekomendasi masih berjalan.",
    ),
    (
        "pemenuhan.mp.pola_pikir_budaya_kerja.a",
        "Ya",
        "Kepala Kantor memimpin apel budaya kerja setiap Senin.",
    ),
    (
        "pemenuhan.tt.spbe.d",
        "C",
        "Monitoring SPBE belum dilakukan secara berkala; dijadwalkan mulai triwulan depan.",
    ),
    (
        "pemenuhan.sdm.perencanaan_kebutuhan.c",
        "Tidak",
        "Monitoring dan evaluasi penempatan pegawai belum dilaksanakan tahun ini.",
    ),
    (
        "pemenuhan.ak.pengelolaan_akuntabilitas.g",
        "Ya",
        "Informasi kinerja dipantau melalui dasbor kinerja kantor.",
    ),
    (
        "pemenuhan.pw.gratifikasi.a",
        "A",
        "Kampanye anti gratifikasi melalui media sosial, banner, dan pengumuman di ruang layanan paspor.",
    ),
    (
        "pemenuhan.pw.wbs.c",
        "C",
        "Hasil evaluasi WBS belum ditindaklanjuti; belum ada laporan yang masuk.",
    ),
    (
        "pemenuhan.pp.kepuasan_pelayanan.a",
        "A",
        "Survei kepuasan masyarakat dilakukan setiap semester melalui kios survei dan tautan daring.",
    ),
    (
        "pemenuhan.pp.teknologi_informasi.b",
        "Ya",
        "Basis data layanan paspor terintegrasi dengan sistem antrean daring.",
    ),
    (
        "reform.tt.transformasi_digital.c",
        "B",
        "Layanan paspor dan izin tinggal sudah daring; pembayaran belum sepenuhnya terintegrasi.",
    ),
    (
        "reform.sdm.assessment_pegawai.a",
        "B",
        "Hasil assessment sudah menjadi dasar mutasi internal, tetapi belum seluruhnya dipakai untuk pengembangan kompetensi.",
    ),
    (
        "reform.pw.mekanisme_pengendalian.a",
        "B",
        "Pengendalian berjenjang berjalan; dampaknya pada kinerja belum terukur.",
    ),
    (
        "hasil.bersih.capaian",
        "B",
        "Target kinerja utama tercapai 100% dan lebih baik dari tahun 2024.",
    ),
];

/// (item key, count inputs by input key, note) of a ratio item.
type RatioSample = (&'static str, &'static [(&'static str, u32)], &'static str);

/// Count inputs of the eight ratio items, with a note each.
const COUNTS: &[RatioSample] = &[
    (
        "reform.mp.komitmen.a",
        &[("jumlah_agen", 12), ("perubahan_dibuat", 10)],
        "10 dari 12 agen perubahan telah menghasilkan perubahan konkret.",
    ),
    (
        "reform.mp.komitmen.b",
        &[("perubahan_dibuat", 10), ("perubahan_diintegrasikan", 7)],
        "7 perubahan telah dituangkan dalam SOP atau sistem aplikasi.",
    ),
    (
        "reform.sdm.pelanggaran_disiplin.a",
        &[
            ("pelanggaran_sebelumnya", 6),
            ("pelanggaran_tahun_ini", 2),
            ("diberi_sanksi", 2),
        ],
        "Pelanggaran disiplin turun dari 6 (2024) menjadi 2 (2025); keduanya telah diberi sanksi.",
    ),
    (
        "reform.ak.capaian_kinerja.a",
        &[("jumlah_sasaran", 8), ("sasaran_tercapai", 7)],
        "7 dari 8 sasaran kinerja tercapai 100% atau lebih.",
    ),
    (
        "reform.pw.pengaduan_masyarakat.a",
        &[("harus", 24), ("sedang_diproses", 2), ("selesai", 22)],
        "22 pengaduan selesai, 2 masih diproses.",
    ),
    (
        "reform.pw.lhk.lhkpn.a",
        &[
            ("kepala_satker", 1),
            ("pejabat_wajib", 3),
            ("lainnya", 2),
            ("sudah", 6),
        ],
        "Seluruh wajib LHKPN telah melapor.",
    ),
    (
        "reform.pw.lhk.lhkasn.a",
        &[
            ("eselon_iii", 2),
            ("eselon_iv", 8),
            ("fungsional_pelaksana", 96),
            ("sudah", 104),
        ],
        "104 dari 106 pegawai telah menyampaikan LHKASN; 2 pegawai sedang cuti besar.",
    ),
    (
        "reform.pp.inovasi_pelayanan.b",
        &[("terdata", 14), ("dipermudah", 11)],
        "11 dari 14 jenis layanan keimigrasian telah dipermudah.",
    ),
];

/// A varied answer for a choice item: mostly A/B (and Ya), some C (and Tidak).
fn picked_code(item: &Item, codes: &[String]) -> String {
    let r = fnv1a(&item.key) % 100;
    let is_ya_tidak = codes.len() == 2;
    let idx = if is_ya_tidak {
        usize::from(r >= 92)
    } else if r < 60 {
        0
    } else if r < 90 {
        1
    } else {
        2
    };
    codes[idx.min(codes.len() - 1)].clone()
}

fn default_note(code: &str) -> &'static str {
    match code {
        "A" => "Telah dilaksanakan sepenuhnya; dokumen pendukung lengkap.",
        "B" => "Sebagian besar telah dilaksanakan; beberapa dokumen masih dilengkapi.",
        "C" => "Baru sebagian kecil dilaksanakan; dimasukkan dalam rencana aksi berikutnya.",
        "Ya" => "Ada dan telah ditetapkan.",
        "Tidak" => "Belum ada; dijadwalkan pada rencana aksi berikutnya.",
        _ => "Lihat data dukung.",
    }
}

fn evidence_text(c: &Criteria, item: &Item) -> String {
    let sub = &c.node(item.parent).name;
    if item.key == "hasil.bersih.capaian" {
        return "Laporan Kinerja 2025 dan 2024, Perjanjian Kinerja 2025".into();
    }
    match &item.answer {
        AnswerKind::Ratio(_) => {
            format!("Rekapitulasi data {sub} tahun 2025 (xlsx) dan dokumen sumbernya")
        }
        AnswerKind::Index { .. } => format!("Laporan hasil survei eksternal: {}", item.text),
        AnswerKind::Choice(_) => {
            format!("{sub}: SK/kebijakan, laporan pelaksanaan, dokumentasi kegiatan")
        }
    }
}

fn sample_fill(c: &Criteria) -> LkeFill {
    let mut fill = LkeFill {
        unit_name: Some("Kantor Imigrasi Kelas I Contoh Nusantara".into()),
        instansi: Some("Kementerian Contoh".into()),
        year: Some(2025),
        title_note: Some("CONTOH — data fiktif (dibuat oleh zona untuk demonstrasi)".into()),
        ..Default::default()
    };
    for item in &c.items {
        let mut f = ItemFill {
            evidence_text: Some(evidence_text(c, item)),
            evidence_link: Some(format!("{LINK_BASE}/{}.pdf", item.key)),
            ..Default::default()
        };
        if let AnswerKind::Choice(s) = &item.answer {
            let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
                unreachable!("a choice item has a choice scale")
            };
            let codes: Vec<String> = opts.iter().map(|o| o.code.clone()).collect();
            let code = picked_code(item, &codes);
            f.note = Some(default_note(&code).to_string());
            f.answer = Some(FillValue::Text(code));
        }
        fill.items.insert(item.key.clone(), f);
    }
    for (key, code, note) in CHOSEN {
        let f = fill.item_mut(key);
        f.answer = Some(FillValue::Text(code.to_string()));
        f.note = Some(note.to_string());
    }
    for (key, inputs, note) in COUNTS {
        let f = fill.item_mut(key);
        for (input, n) in *inputs {
            f.inputs.insert(input.to_string(), FillValue::from(*n));
        }
        f.note = Some(note.to_string());
    }
    let ipak = fill.item_mut("hasil.bersih.ipak");
    ipak.answer = Some(FillValue::Number(3.72));
    ipak.note = Some("IPAK hasil survei eksternal 2025: 3,72.".into());
    let ipkp = fill.item_mut("hasil.prima.ipkp");
    ipkp.answer = Some(FillValue::Number(3.55));
    ipkp.note = Some("IPKP hasil survei eksternal 2025: 3,55.".into());
    fill
}

// ---------------------------------------------------------------------------------------------
// The batch samples: three fictional units over three years (`samples/batch/`, for `zona batch`)

/// A fictional unit of the batch samples.
struct BatchUnit {
    /// File name part: `lke-<slug>-<year>.xlsx`.
    slug: &'static str,
    name: &'static str,
    instansi: &'static str,
    years: [YearProfile; 3],
}

/// How well a unit filled its LKE in one year.
struct YearProfile {
    year: i32,
    /// Share (0–1) of each sub-area's choice items answered with the best option (about: a
    /// sub-area has few items); of the rest, three in four get the second-best option and the
    /// others the third.
    best: f64,
    /// The value (0–1) every ratio item's counts give.
    ratio: f64,
    ipak: f64,
    capaian: &'static str,
    ipkp: f64,
    /// The predicate the unit held before this evaluation (the unit sheet's statement).
    prior: &'static str,
    /// What zona must find, so that a change of the criteria cannot silently spoil the story.
    expect: Expect,
}

/// The intended outcome of a batch sample.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    /// Neither predicate.
    Below,
    /// Menuju WBK met, Menuju WBBM not.
    Wbk,
    /// Menuju WBK and Menuju WBBM met.
    Wbbm,
    /// Menuju WBK met; the total reaches WBBM's, but Menuju WBBM fails on hasil (IPKP).
    HighTotalHasilFails,
}

const BATCH_DIR: &str = "batch";

const BATCH_UNITS: [BatchUnit; 3] = [
    BatchUnit {
        slug: "kantor-pelayanan-bahari",
        name: "Kantor Pelayanan Contoh Bahari",
        instansi: "Kementerian Contoh",
        years: [
            YearProfile {
                year: 2023,
                best: 0.47,
                ratio: 0.8,
                ipak: 3.62,
                capaian: "B",
                ipkp: 3.48,
                prior: "Belum ada",
                expect: Expect::Wbk,
            },
            YearProfile {
                year: 2024,
                best: 0.56,
                ratio: 0.88,
                ipak: 3.7,
                capaian: "B",
                ipkp: 3.58,
                prior: "Menuju WBK",
                expect: Expect::Wbk,
            },
            YearProfile {
                year: 2025,
                best: 0.82,
                ratio: 0.95,
                ipak: 3.78,
                capaian: "A",
                ipkp: 3.72,
                prior: "Menuju WBK",
                expect: Expect::Wbbm,
            },
        ],
    },
    BatchUnit {
        slug: "balai-sentosa",
        name: "Balai Contoh Sentosa",
        instansi: "Kementerian Contoh",
        years: [
            YearProfile {
                year: 2023,
                best: 0.43,
                ratio: 0.75,
                ipak: 3.64,
                capaian: "B",
                ipkp: 3.4,
                prior: "Belum ada",
                expect: Expect::Wbk,
            },
            YearProfile {
                year: 2024,
                best: 0.45,
                ratio: 0.78,
                ipak: 3.66,
                capaian: "B",
                ipkp: 3.42,
                prior: "Menuju WBK",
                expect: Expect::Wbk,
            },
            YearProfile {
                year: 2025,
                best: 0.48,
                ratio: 0.8,
                ipak: 3.68,
                capaian: "B",
                ipkp: 3.45,
                prior: "Menuju WBK",
                expect: Expect::Wbk,
            },
        ],
    },
    BatchUnit {
        slug: "rsud-cendana",
        name: "RSUD Contoh Cendana",
        instansi: "Pemerintah Kabupaten Contoh",
        years: [
            YearProfile {
                year: 2023,
                best: 0.45,
                ratio: 0.6,
                ipak: 3.5,
                capaian: "C",
                ipkp: 3.3,
                prior: "Belum ada",
                expect: Expect::Below,
            },
            YearProfile {
                year: 2024,
                best: 0.5,
                ratio: 0.85,
                ipak: 3.7,
                capaian: "B",
                ipkp: 3.4,
                prior: "Belum ada",
                expect: Expect::Wbk,
            },
            YearProfile {
                year: 2025,
                best: 0.8,
                ratio: 0.96,
                ipak: 3.85,
                capaian: "A",
                ipkp: 3.45,
                prior: "Menuju WBK",
                expect: Expect::HighTotalHasilFails,
            },
        ],
    },
];

fn batch_file_name(unit: &BatchUnit, year: i32) -> String {
    format!("lke-{}-{year}.xlsx", unit.slug)
}

/// The options of a choice item's scale, best first.
fn options_best_first(c: &Criteria, item: &Item) -> Vec<String> {
    let AnswerKind::Choice(s) = &item.answer else {
        return Vec::new();
    };
    let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
        return Vec::new();
    };
    let mut opts: Vec<_> = opts.iter().collect();
    opts.sort_by(|a, b| b.value.total_cmp(&a.value));
    opts.into_iter().map(|o| o.code.clone()).collect()
}

/// Sets the counts of a ratio item so that they give about `q` (0–1).
fn fill_ratio(f: &mut ItemFill, r: &Ratio, q: f64, h: u64) {
    let count = |n: f64| FillValue::Number(n.round().max(0.0));
    match r.formula {
        Formula::Share { done, required } => {
            let req = &r.inputs[required];
            let total = if req.sum_of.is_empty() {
                let n = 10.0 + (h % 15) as f64;
                f.inputs.insert(req.key.clone(), count(n));
                n
            } else {
                let mut sum = 0.0;
                for (k, &part) in req.sum_of.iter().enumerate() {
                    let n = 2.0 + ((h >> (8 * k)) % 9) as f64;
                    f.inputs.insert(r.inputs[part].key.clone(), count(n));
                    sum += n;
                }
                sum
            };
            let d = (total * q).round();
            f.inputs.insert(r.inputs[done].key.clone(), count(d));
            // Counts the formula does not use ("sedang diproses"): the rest.
            for (k, inp) in r.inputs.iter().enumerate() {
                if k != done && k != required && !req.sum_of.contains(&k) && inp.sum_of.is_empty() {
                    f.inputs.insert(inp.key.clone(), count(total - d));
                }
            }
        }
        Formula::Reduction { previous, current } => {
            let prev = 6.0 + (h % 6) as f64;
            let cur = (prev * (1.0 - q)).round();
            f.inputs.insert(r.inputs[previous].key.clone(), count(prev));
            f.inputs.insert(r.inputs[current].key.clone(), count(cur));
            for (k, inp) in r.inputs.iter().enumerate() {
                if k != previous && k != current && inp.sum_of.is_empty() {
                    f.inputs.insert(inp.key.clone(), count(cur));
                }
            }
        }
    }
}

/// The LKE of one batch unit in one year: deterministic, from the profile and a hash of the
/// unit, the year and the item key.
fn batch_fill(c: &Criteria, unit: &BatchUnit, p: &YearProfile) -> LkeFill {
    let mut fill = LkeFill {
        unit_name: Some(unit.name.into()),
        instansi: Some(unit.instansi.into()),
        year: Some(p.year),
        title_note: Some("CONTOH — data fiktif (dibuat oleh zona untuk demonstrasi)".into()),
        prior_predicate: Some(p.prior.into()),
        ..Default::default()
    };
    let link_base = format!("https://contoh.example/{}/lke-zi-{}", unit.slug, p.year);
    let seed = |key: &str| fnv1a(&format!("{}/{}/{key}", unit.slug, p.year));
    for node in c.nodes.iter().filter(|n| !n.items.is_empty()) {
        // Each sub-area gets its share of best answers: the items in hash order, the first
        // `best` of them best.
        let mut order: Vec<&Item> = node.items.iter().map(|i| c.item(*i)).collect();
        order.sort_by_key(|i| seed(&i.key));
        let n = order.len() as f64;
        // Where in its step the sub-area starts (0–1), so that the share of best answers over
        // the whole LKE follows `best` closely even though sub-areas have two to four items.
        let offset = (seed(&node.key) % 1000) as f64 / 1000.0;
        for (rank, item) in order.into_iter().enumerate() {
            let mut f = ItemFill {
                evidence_text: Some(evidence_text(c, item)),
                evidence_link: Some(format!("{link_base}/{}.pdf", item.key)),
                ..Default::default()
            };
            match &item.answer {
                AnswerKind::Choice(_) => {
                    let codes = options_best_first(c, item);
                    let u = (rank as f64 + offset) / n;
                    let idx = if u < p.best {
                        0
                    } else if u < p.best + (1.0 - p.best) * 0.75 {
                        1
                    } else {
                        2
                    };
                    let code = codes[idx.min(codes.len() - 1)].clone();
                    f.note = Some(default_note(&code).to_string());
                    f.answer = Some(FillValue::Text(code));
                }
                AnswerKind::Ratio(r) => {
                    fill_ratio(&mut f, r, p.ratio, seed(&item.key));
                    f.note = Some(format!("Rekapitulasi data tahun {}.", p.year));
                }
                AnswerKind::Index { .. } => {}
            }
            fill.items.insert(item.key.clone(), f);
        }
    }
    let survey = |fill: &mut LkeFill, key: &str, name: &str, v: f64| {
        let f = fill.item_mut(key);
        f.answer = Some(FillValue::Number(v));
        f.note = Some(format!("{name} hasil survei eksternal {}: {v:.2}.", p.year));
    };
    survey(&mut fill, "hasil.bersih.ipak", "IPAK", p.ipak);
    survey(&mut fill, "hasil.prima.ipkp", "IPKP", p.ipkp);
    let capaian = fill.item_mut("hasil.bersih.capaian");
    capaian.answer = Some(FillValue::Text(p.capaian.into()));
    capaian.note = Some(default_note(p.capaian).to_string());
    fill
}

/// What zona finds in a written sample: the story it was written for, or a message why not.
fn check_story(c: &Criteria, path: &Path, expect: Expect) -> Result<String, String> {
    let (answers, _) = zona_read::read_answers(path, c).map_err(|e| e.to_string())?;
    let options = ScoreOptions {
        prior: answers.unit.stated_predicates(c),
        ..Default::default()
    };
    let r = zona_core::score(c, &answers, &options);
    let met = |key: &str| r.predicates.iter().any(|p| p.key == key && p.met());
    let total_min = |key: &str| {
        c.predicates
            .iter()
            .filter(|p| p.key == key)
            .flat_map(|p| &p.conditions)
            .find_map(|cond| match cond.kind {
                ConditionKind::Total { min } => Some(min),
                _ => None,
            })
    };
    let wbbm = r.predicates.iter().find(|p| p.key == "wbbm");
    // The subjects of WBBM's failing conditions: the node, item, area or prior predicate key,
    // or the kind (`total`).
    let failing: Vec<&str> = wbbm
        .map(|p| {
            p.conditions
                .iter()
                .filter(|c| c.passed == Some(false))
                .map(|c| c.key.as_deref().unwrap_or(c.kind()))
                .collect()
        })
        .unwrap_or_default();
    let ok = match expect {
        Expect::Below => !met("wbk") && !met("wbbm"),
        Expect::Wbk => met("wbk") && !met("wbbm"),
        Expect::Wbbm => met("wbk") && met("wbbm"),
        Expect::HighTotalHasilFails => {
            met("wbk")
                && !met("wbbm")
                && total_min("wbbm").is_some_and(|m| r.total >= m)
                && failing.iter().all(|k| k.starts_with("hasil."))
                && !failing.is_empty()
        }
    };
    let summary = format!(
        "total {:.2}, Menuju WBK {}, Menuju WBBM {} (failing: {})",
        r.total,
        met("wbk"),
        met("wbbm"),
        failing.join(", ")
    );
    if ok && r.diagnostics.is_empty() {
        Ok(summary)
    } else {
        Err(format!(
            "{}: expected {expect:?}, found {summary}; {} diagnostics",
            path.display(),
            r.diagnostics.len()
        ))
    }
}

/// Items of the evidence sample with no data dukung at all.
const EVIDENCE_NONE: &[&str] = &[
    "pemenuhan.mp.rencana_pembangunan.b",
    "pemenuhan.tt.sop.c",
    "pemenuhan.sdm.pengembangan_kompetensi.d",
    "pemenuhan.pw.wbs.a",
    "reform.pp.inovasi_pelayanan.a",
    "hasil.prima.ipkp",
];

/// Items whose data dukung is a description only (no link, no file).
const EVIDENCE_DESCRIPTION_ONLY: &[&str] = &[
    "pemenuhan.ak.keterlibatan_pimpinan.b",
    "reform.tt.proses_bisnis.a",
];

/// Items whose link is broken: never made clickable, never counted as evidence.
const EVIDENCE_BROKEN: &[(&str, &str)] = &[
    ("pemenuhan.tt.spbe.a", "javascript:alert('bukti')"),
    (
        "pemenuhan.tt.keterbukaan_informasi.a",
        "www.kpp-mandiri.example/ppid",
    ),
    (
        "pemenuhan.pp.standar_pelayanan.a",
        "file:///C:/Bukti/standar-pelayanan.pdf",
    ),
    (
        "reform.ak.kerangka_logis.a",
        "https://drive google.com/bukti-kerangka-logis",
    ),
];

/// Items whose file is named but missing from the evidence folder.
const EVIDENCE_FILE_MISSING: &[&str] = &["pemenuhan.pw.spip.b", "reform.sdm.assessment_pegawai.a"];

/// An item in another sub-area that gives the same file as `pemenuhan.mp.tim_kerja.a` (the SK Tim).
const EVIDENCE_REUSED: &str = "pemenuhan.pp.budaya_pelayanan_prima.a";

/// The evidence sample's file for an item: `data-dukung/<sub-area key>/<item key>.pdf`.
fn evidence_path(item: &Item, c: &Criteria) -> String {
    let sub = &c.node(item.parent).key;
    let marker = item.marker.as_deref().unwrap_or("").trim_end_matches('.');
    format!(
        "{EVIDENCE_FILES}/{sub}/{marker} {}.pdf",
        short_title(&item.text)
    )
}

/// The first words of an item's text, for a file name a person would give it.
fn short_title(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    words.join(" ")
}

/// A one-page PDF saying what it stands for (the sample's evidence files).
fn tiny_pdf(title: &str) -> Vec<u8> {
    let text: String = title
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || " .-/".contains(*c))
        .collect();
    let stream = format!("BT /F1 12 Tf 56 780 Td (CONTOH data fiktif: {text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The evidence sample: the imigrasi answers for a tax office whose Link Data Dukung cells name
/// files in `data-dukung/`, with the gaps a TPN desk evaluation finds: items without data dukung,
/// descriptions only, broken links, files named but missing, one file reused in another sub-area,
/// and a monitoring report of the wrong year.
fn write_evidence_sample(dir: &Path, c: &Criteria) -> Result<(), String> {
    let root = dir.join(EVIDENCE_DIR);
    let mut fill = sample_fill(c);
    fill.unit_name = Some("KPP Pratama Contoh Mandiri".into());
    fill.title_note =
        Some("CONTOH — data fiktif (dibuat oleh zona untuk demonstrasi data dukung)".into());
    let mut files = Vec::new();
    for item in &c.items {
        let path = evidence_path(item, c);
        let f = fill.item_mut(&item.key);
        f.evidence_link = Some(path.clone());
        if !EVIDENCE_FILE_MISSING.contains(&item.key.as_str()) {
            files.push((path, item.text.clone()));
        }
    }
    let monev = fill.item_mut("pemenuhan.mp.monev.a");
    monev.evidence_text = Some("Laporan monitoring dan evaluasi pembangunan ZI 2023".into());
    let sk = evidence_path(
        c.item(
            c.item_by_key("pemenuhan.mp.tim_kerja.a")
                .ok_or("no tim_kerja.a")?,
        ),
        c,
    );
    fill.item_mut(EVIDENCE_REUSED).evidence_link = Some(sk);
    for key in EVIDENCE_NONE {
        let f = fill.item_mut(key);
        f.evidence_text = None;
        f.evidence_link = None;
    }
    for key in EVIDENCE_DESCRIPTION_ONLY {
        fill.item_mut(key).evidence_link = None;
    }
    for (key, link) in EVIDENCE_BROKEN {
        fill.item_mut(key).evidence_link = Some((*link).to_string());
    }
    // Only the files still named are written (a missing file stays missing).
    let named: Vec<String> = fill
        .items
        .values()
        .filter_map(|f| f.evidence_link.clone())
        .collect();
    if root.exists() {
        std::fs::remove_dir_all(root.join(EVIDENCE_FILES)).ok();
    }
    for (path, title) in &files {
        if !named.contains(path) {
            continue;
        }
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&full, tiny_pdf(title)).map_err(|e| format!("{}: {e}", full.display()))?;
    }
    let layout = LkeLayoutOptions {
        created: Some((2025, 1, 1)),
        unit_sheet: true,
        ..Default::default()
    };
    let path = root.join(EVIDENCE_FILE);
    write_filled_lke(&path, c, &fill, &layout).map_err(|e| e.message(Lang::En))?;
    println!("{}", path.display());
    Ok(())
}

/// Writes the nine batch samples into `dir/batch/`, checks each one's story, and prints it.
fn write_batch_samples(dir: &Path, c: &Criteria) -> Result<(), String> {
    let batch = dir.join(BATCH_DIR);
    std::fs::create_dir_all(&batch).map_err(|e| format!("{}: {e}", batch.display()))?;
    for unit in &BATCH_UNITS {
        for p in &unit.years {
            let fill = batch_fill(c, unit, p);
            for key in fill.items.keys() {
                assert!(c.item_by_key(key).is_some(), "unknown item key {key}");
            }
            let layout = LkeLayoutOptions {
                created: Some((p.year as u16, 12, 31)),
                unit_sheet: true,
                ..Default::default()
            };
            let path = batch.join(batch_file_name(unit, p.year));
            write_filled_lke(&path, c, &fill, &layout).map_err(|e| e.message(Lang::En))?;
            let story = check_story(c, &path, p.expect)?;
            println!("{}: {story}", path.display());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "samples".into()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let criteria = default_criteria();
    let fill = sample_fill(&criteria);
    // Known keys only: a typo in the tables above must not pass silently.
    for key in fill.items.keys() {
        assert!(
            criteria.item_by_key(key).is_some(),
            "unknown item key {key}"
        );
    }
    let layout = LkeLayoutOptions {
        created: Some((2025, 1, 1)),
        ..Default::default()
    };
    let path = dir.join(FILE);
    if let Err(e) = write_filled_lke(&path, &criteria, &fill, &layout) {
        eprintln!("{}", e.message(Lang::En));
        return ExitCode::from(2);
    }
    println!("{}", path.display());
    match write_batch_samples(&dir, &criteria).and_then(|()| write_evidence_sample(&dir, &criteria))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
