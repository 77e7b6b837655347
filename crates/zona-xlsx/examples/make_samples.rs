//! Writes the sample workbooks of `samples/` (see `samples/README.md`).
//!
//! ```text
//! cargo run -p zona-xlsx --example make_samples -- samples/
//! ```
//!
//! Everything is fictional and deterministic: answers are picked from a fixed hash of the item key
//! (no randomness), and the document creation date is fixed, so the files are identical on every
//! run.

use std::path::PathBuf;
use std::process::ExitCode;

use zona_core::criteria::{AnswerKind, Criteria, Item, ScaleKind};
use zona_core::default_criteria;
use zona_xlsx::lke_writer::{write_filled_lke, FillValue, ItemFill, LkeFill, LkeLayoutOptions};

const FILE: &str = "lke-contoh-kantor-imigrasi-nusantara-2025.xlsx";
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
    match write_filled_lke(&path, &criteria, &fill, &layout) {
        Ok(()) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}
