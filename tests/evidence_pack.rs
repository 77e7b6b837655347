//! `zona evidence pack` end to end: a workbook written with `zona_report::lke_writer` whose Data
//! Dukung cells name files of an evidence folder made here, packed by the binary; the tree, the
//! copied bytes, the index workbook's hashes (checked by re-reading the copies and the sources),
//! the untouched source folder, and every refusal.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use sha2::{Digest, Sha256};
use zona_report::lke_writer::{write_filled_lke, LkeFill, LkeLayoutOptions};

use crate::util::{stderr, stdout, zona};

/// The folder of the item `pemenuhan.mp.tim_kerja.a` in a pack of the 90/2021 criteria.
const TIM_KERJA_A: &str = "A. PENGUNGKIT/I. PEMENUHAN/1. MANAJEMEN PERUBAHAN/i. Penyusunan Tim Kerja/a. Unit kerja telah membentuk tim untuk";
const TIM_KERJA_B: &str = "A. PENGUNGKIT/I. PEMENUHAN/1. MANAJEMEN PERUBAHAN/i. Penyusunan Tim Kerja/b. Penentuan anggota Tim dipilih melalui";

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A workbook in `<root>/lke/` and its evidence folder `<root>/bukti/`: a few items answered,
/// their Data Dukung naming files (two of the same name for one item), a link, a bad link, a
/// description, a file that does not exist and (on Unix) a link out of the evidence folder.
struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    workbook: PathBuf,
    dir: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        let dir = root.join("bukti");
        for (path, content) in [
            ("tim/sk-tim.pdf", &b"%PDF-1.4 SK Tim ZI 2025"[..]),
            ("rapat-a/notulen.pdf", b"%PDF-1.4 notulen rapat pertama"),
            (
                "rapat-b/NOTULEN.pdf",
                b"%PDF-1.4 notulen rapat kedua, lebih panjang",
            ),
            ("lain/catatan.txt", b"tidak dirujuk"),
        ] {
            let p = dir.join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, content).unwrap();
        }
        fs::write(root.join("rahasia.pdf"), b"di luar folder bukti").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("rahasia.pdf"), dir.join("luar.pdf")).unwrap();
        fs::create_dir(root.join("lke")).unwrap();
        let workbook = root.join("lke/lke-kantor-uji-2025.xlsx");
        let c = zona_core::default_criteria();
        let mut fill = LkeFill {
            unit_name: Some("Kantor Uji".into()),
            instansi: Some("Kementerian Contoh".into()),
            year: Some(2025),
            ..Default::default()
        };
        fill.set_answer("pemenuhan.mp.tim_kerja.a", "Ya");
        fill.item_mut("pemenuhan.mp.tim_kerja.a").evidence_text =
            Some("SK Tim ZI\ntim/sk-tim.pdf".into());
        fill.item_mut("pemenuhan.mp.tim_kerja.a").evidence_link =
            Some("https://drive.example/sk-tim".into());
        fill.set_answer("pemenuhan.mp.tim_kerja.b", "A");
        fill.item_mut("pemenuhan.mp.tim_kerja.b").evidence_text = Some(
            "rapat-a/notulen.pdf\nrapat-b/NOTULEN.pdf\nrapat-a/notulen.pdf\ntidak-ada.pdf".into(),
        );
        fill.item_mut("pemenuhan.mp.tim_kerja.b").evidence_link =
            Some("javascript:alert(1)".into());
        fill.set_answer("pemenuhan.mp.rencana_pembangunan.a", "Ya");
        fill.item_mut("pemenuhan.mp.rencana_pembangunan.a")
            .evidence_text = Some("luar.pdf".into());
        write_filled_lke(&workbook, &c, &fill, &LkeLayoutOptions::default()).unwrap();
        Fixture {
            _tmp: tmp,
            root,
            workbook,
            dir,
        }
    }

    fn s(p: &Path) -> &str {
        p.to_str().unwrap()
    }

    fn pack(&self, out: &Path, extra: &[&str]) -> std::process::Output {
        let mut args = vec![
            "evidence",
            "pack",
            Self::s(&self.workbook),
            "--dir",
            Self::s(&self.dir),
            "--out",
            Self::s(out),
        ];
        args.extend_from_slice(extra);
        zona(&args)
    }

    /// Every file and link under the fixture's sources (the evidence folder, the workbook's
    /// folder, the file outside): path → content hash, or link target.
    fn sources(&self) -> BTreeMap<PathBuf, String> {
        let mut out = BTreeMap::new();
        for top in [&self.dir, &self.root.join("lke")] {
            tree(top, &mut out);
        }
        let outside = self.root.join("rahasia.pdf");
        out.insert(outside.clone(), sha256(&fs::read(&outside).unwrap()));
        out
    }
}

/// Every file (its SHA-256 and size), link (its target) and folder under `dir`.
fn tree(dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let meta = fs::symlink_metadata(&p).unwrap();
        if meta.file_type().is_symlink() {
            out.insert(
                p.clone(),
                format!("link {}", fs::read_link(&p).unwrap().display()),
            );
        } else if meta.is_dir() {
            out.insert(p.clone(), "folder".into());
            tree(&p, out);
        } else {
            let bytes = fs::read(&p).unwrap();
            out.insert(p.clone(), format!("{} {}", sha256(&bytes), bytes.len()));
        }
    }
}

/// A sheet of the index as text rows.
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => format!("{i}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The rows after the header row whose first cell is `No.`, as maps header → cell.
fn table(rows: &[Vec<String>]) -> Vec<BTreeMap<String, String>> {
    let h = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "No."))
        .expect("a header row");
    rows[h + 1..]
        .iter()
        .map(|r| {
            rows[h]
                .iter()
                .cloned()
                .zip(r.iter().cloned().chain(std::iter::repeat(String::new())))
                .collect()
        })
        .collect()
}

fn row<'a>(t: &'a [BTreeMap<String, String>], number: &str) -> &'a BTreeMap<String, String> {
    t.iter()
        .find(|r| r["No."] == number)
        .unwrap_or_else(|| panic!("row {number}"))
}

#[test]
fn the_pack_copies_into_the_lke_tree_with_verified_hashes_and_leaves_the_source_untouched() {
    let f = Fixture::new();
    let before = f.sources();
    let out = f.root.join("paket");
    let o = f.pack(&out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        f.sources(),
        before,
        "the sources are byte for byte unchanged"
    );

    // The tree: the item's folder named by the markers and short names of the criteria.
    let sk = out.join(TIM_KERJA_A).join("sk-tim.pdf");
    assert_eq!(
        fs::read(&sk).unwrap(),
        fs::read(f.dir.join("tim/sk-tim.pdf")).unwrap()
    );
    // Two files named alike in one item get distinct names; the one named twice is copied once.
    let b = out.join(TIM_KERJA_B);
    let mut names: Vec<String> = fs::read_dir(&b)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["NOTULEN (2).pdf", "notulen.pdf"]);
    assert_eq!(
        fs::read(b.join("NOTULEN (2).pdf")).unwrap(),
        fs::read(f.dir.join("rapat-b/NOTULEN.pdf")).unwrap()
    );
    // Items with nothing to copy have no folder; the file not referenced is not copied.
    let mut all = BTreeMap::new();
    tree(&out, &mut all);
    let files: Vec<String> = all
        .iter()
        .filter(|(_, v)| *v != "folder")
        .map(|(p, _)| p.strip_prefix(&out).unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files,
        [
            format!("{TIM_KERJA_A}/sk-tim.pdf"),
            format!("{TIM_KERJA_B}/NOTULEN (2).pdf"),
            format!("{TIM_KERJA_B}/notulen.pdf"),
            "Indeks Bukti Dukung.xlsx".to_string(),
            "SHA256SUMS.txt".to_string(),
        ]
    );

    // Every copied file's hash in the index equals the hash of the copy and of its source,
    // re-read here.
    let index = out.join("Indeks Bukti Dukung.xlsx");
    let entries = table(&sheet(&index, "Rincian"));
    let copied: Vec<_> = entries
        .iter()
        .filter(|r| r["Jenis"] == "Berkas disalin")
        .collect();
    assert_eq!(
        copied.len(),
        4,
        "sk-tim, notulen twice, NOTULEN: {entries:?}"
    );
    for r in &copied {
        let copy = fs::read(out.join(&r["Berkas di paket"])).unwrap();
        let source = fs::read(f.dir.join(&r["Data dukung"])).unwrap();
        assert_eq!(r["SHA-256"], sha256(&copy), "{r:?}");
        assert_eq!(r["SHA-256"], sha256(&source), "{r:?}");
        assert_eq!(r["Ukuran (byte)"], copy.len().to_string(), "{r:?}");
    }
    let items = table(&sheet(&index, "Indeks"));
    assert_eq!(items.len(), zona_core::default_criteria().items.len());
    let a = row(&items, "A.I.1.i.a");
    assert_eq!(a["Jawaban"], "Ya");
    assert_eq!(a["Status bukti"], "Didukung");
    assert_eq!(a["Tautan"], "https://drive.example/sk-tim");
    assert_eq!(a["Berkas"], "sk-tim.pdf");
    assert_eq!(a["Ukuran (byte)"], "23");
    assert_eq!(a["SHA-256"], sha256(&fs::read(&sk).unwrap()));
    assert_eq!(a["Keterangan"], "SK Tim ZI");
    let bi = row(&items, "A.I.1.i.b");
    assert_eq!(bi["Berkas"], "notulen.pdf\nNOTULEN (2).pdf");
    let hashes: Vec<&str> = bi["SHA-256"].split('\n').collect();
    assert_eq!(
        hashes,
        [
            sha256(&fs::read(b.join("notulen.pdf")).unwrap()),
            sha256(&fs::read(b.join("NOTULEN (2).pdf")).unwrap()),
        ]
    );
    assert_eq!(bi["Tautan"], "", "javascript: is never a link");
    // The missing file is listed as missing, with why; so is the bad link.
    assert!(
        bi["Keterangan"].contains("tidak-ada.pdf: berkas tidak ditemukan"),
        "{bi:?}"
    );
    assert!(
        bi["Keterangan"].contains("javascript:alert(1) (bukan tautan"),
        "{bi:?}"
    );
    let missing = entries
        .iter()
        .find(|r| r["Data dukung"] == "tidak-ada.pdf")
        .unwrap();
    assert_eq!(missing["Jenis"], "Berkas tidak ada");
    assert_eq!(missing["Berkas di paket"], "");
    // An item with nothing says so.
    let nothing = row(&items, "A.I.1.ii.b");
    assert_eq!(nothing["Keterangan"], "Tidak ada data dukung");
    assert_eq!(nothing["Jawaban"], "Belum diisi");

    // The header: unit, year, date, the statement of responsibility.
    let head = sheet(&index, "Indeks");
    let text: Vec<String> = head.iter().take(9).map(|r| r.join(" | ")).collect();
    let text = text.join("\n");
    assert!(text.contains("Kantor Uji — Kementerian Contoh"), "{text}");
    assert!(text.contains("Tahun penilaian |  | 2025"), "{text}");
    assert!(text.contains("Tanggal paket"), "{text}");
    assert!(
        text.contains("Surat Pernyataan Tanggung Jawab Mutlak"),
        "{text}"
    );

    // Hyperlinks: the one http(s) link, on both sheets; nothing else.
    let mut zip = zip::ZipArchive::new(fs::File::open(&index).unwrap()).unwrap();
    let mut targets = Vec::new();
    for k in 1..=2 {
        let mut rels = String::new();
        if let Ok(mut f) = zip.by_name(&format!("xl/worksheets/_rels/sheet{k}.xml.rels")) {
            std::io::Read::read_to_string(&mut f, &mut rels).unwrap();
        }
        for part in rels.split("Target=\"").skip(1) {
            targets.push(part.split('"').next().unwrap().to_string());
        }
    }
    assert_eq!(
        targets,
        [
            "https://drive.example/sk-tim",
            "https://drive.example/sk-tim"
        ]
    );

    // The checksum list names every copied file with the hash of its bytes.
    let sums = fs::read_to_string(out.join("SHA256SUMS.txt")).unwrap();
    assert_eq!(sums.lines().count(), 3, "{sums}");
    for line in sums.lines() {
        let (hash, path) = line.split_once("  ").unwrap();
        assert_eq!(hash, sha256(&fs::read(out.join(path)).unwrap()), "{line}");
    }

    // The summary on stdout.
    let s = stdout(&o);
    assert!(s.contains("3 berkas disalin"), "{s}");
    assert!(
        s.contains("A.I.1.i.b  tidak-ada.pdf: berkas tidak ditemukan"),
        "{s}"
    );
    // Nothing left beside the pack.
    let beside: Vec<_> = fs::read_dir(&f.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".zona"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_evidence_folder_is_not_followed() {
    let f = Fixture::new();
    let out = f.root.join("paket");
    let o = f.pack(&out, &["--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let index = out.join("Evidence Index.xlsx");
    let entries = table(&sheet(&index, "Entries"));
    let luar = entries
        .iter()
        .find(|r| r["Evidence entry"] == "luar.pdf")
        .unwrap();
    assert_eq!(luar["Kind"], "File missing");
    assert!(
        luar["Notes"].contains("points outside the evidence folder"),
        "{luar:?}"
    );
    let mut all = BTreeMap::new();
    tree(&out, &mut all);
    let secret = sha256(b"di luar folder bukti");
    assert!(
        all.values().all(|v| !v.starts_with(&secret)),
        "the file outside was not copied"
    );
    let items = table(&sheet(&index, "Index"));
    let r = row(&items, "A.I.1.ii.a");
    assert_eq!(r["Evidence status"], "Evidence cannot be opened");
    assert!(
        stdout(&o).contains("A.I.1.ii.a  luar.pdf: points outside"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_pack_is_never_written_into_or_over_a_source() {
    let f = Fixture::new();
    let before = f.sources();
    let cases: [(PathBuf, &[&str]); 6] = [
        (f.dir.join("paket"), &[]),
        (f.dir.clone(), &["--force"]),
        (f.dir.join("tim/../paket"), &[]),
        (f.root.join("lke/paket"), &[]),
        // Holding a source: replacing it would remove the source.
        (f.root.clone(), &["--force"]),
        (f.dir.join("rapat-a/notulen.pdf"), &["--force"]),
    ];
    for (out, extra) in &cases {
        let o = f.pack(out, extra);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{}: {}",
            out.display(),
            stdout(&o)
        );
        let e = stderr(&o);
        assert!(e.contains("folder sumber"), "{}: {e}", out.display());
        assert_eq!(f.sources(), before, "{}: nothing written", out.display());
    }
    // Through a link into the source: refused after resolving it.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&f.dir, f.root.join("pintasan")).unwrap();
        let o = f.pack(&f.root.join("pintasan/paket"), &["--lang", "en"]);
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        assert!(
            e.contains("may not be written inside the source folder"),
            "{e}"
        );
        assert!(e.contains("choose a folder outside it, e.g."), "{e}");
        fs::remove_file(f.root.join("pintasan")).unwrap();
    }
    assert_eq!(f.sources(), before);
}

#[test]
fn an_existing_folder_is_replaced_only_when_it_is_a_pack_and_forced() {
    let f = Fixture::new();
    // A folder with other things in it: refused without --force, and never replaced.
    let other = f.root.join("dokumen");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("penting.docx"), b"jangan dihapus").unwrap();
    let o = f.pack(&other, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    let o = f.pack(&other, &["--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bukan folder paket bukti"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read(other.join("penting.docx")).unwrap(),
        b"jangan dihapus"
    );
    assert_eq!(fs::read_dir(&other).unwrap().count(), 1);

    // An empty folder is fine.
    let out = f.root.join("paket");
    fs::create_dir(&out).unwrap();
    let o = f.pack(&out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A pack: refused without --force, untouched.
    fs::write(out.join("catatan-lama.txt"), b"lama").unwrap();
    let o = f.pack(&out, &[]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("sudah ada dan tidak kosong") && e.contains("--force"),
        "{e}"
    );
    assert!(out.join("catatan-lama.txt").exists());
    // With --force: the new pack replaces the old one whole.
    fs::write(
        f.dir.join("tim/sk-tim.pdf"),
        b"%PDF-1.4 SK Tim ZI 2025, revisi",
    )
    .unwrap();
    let o = f.pack(&out, &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !out.join("catatan-lama.txt").exists(),
        "the old pack is gone"
    );
    assert_eq!(
        fs::read(out.join(TIM_KERJA_A).join("sk-tim.pdf")).unwrap(),
        b"%PDF-1.4 SK Tim ZI 2025, revisi"
    );
    let items = table(&sheet(&out.join("Indeks Bukti Dukung.xlsx"), "Indeks"));
    assert_eq!(
        row(&items, "A.I.1.i.a")["SHA-256"],
        sha256(b"%PDF-1.4 SK Tim ZI 2025, revisi")
    );
    let beside: Vec<String> = fs::read_dir(&f.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".zona"))
        .collect();
    assert!(
        beside.is_empty(),
        "no temporary or old folder left: {beside:?}"
    );
}

#[test]
fn a_missing_evidence_folder_or_workbook_is_an_error_and_writes_nothing() {
    let f = Fixture::new();
    let out = f.root.join("paket");
    let o = zona(&[
        "evidence",
        "pack",
        Fixture::s(&f.workbook),
        "--dir",
        Fixture::s(&f.root.join("tidak-ada")),
        "--out",
        Fixture::s(&out),
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the evidence folder does not exist"),
        "{}",
        stderr(&o)
    );
    let o = zona(&[
        "evidence",
        "pack",
        Fixture::s(&f.root.join("lke/tidak-ada.xlsx")),
        "--dir",
        Fixture::s(&f.dir),
        "--out",
        Fixture::s(&out),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(!out.exists(), "nothing written");
    let left: Vec<String> = fs::read_dir(&f.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".zona"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn libreoffice_opens_the_index_with_every_hash_and_number() {
    let Some(lo) = crate::libreoffice_ods::libreoffice_or_skip("the index round trip") else {
        return;
    };
    let f = Fixture::new();
    let out = f.root.join("paket");
    let o = f.pack(&out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let converted = f.root.join("lo");
    crate::libreoffice_ods::convert(
        &lo,
        &f.root,
        "ods",
        &converted,
        &[&out.join("Indeks Bukti Dukung.xlsx")],
    );
    let ods = converted.join("Indeks Bukti Dukung.ods");
    for name in ["Indeks", "Rincian"] {
        let xlsx_rows = table(&sheet(&out.join("Indeks Bukti Dukung.xlsx"), name));
        let ods_rows = table(&sheet(&ods, name));
        assert_eq!(ods_rows.len(), xlsx_rows.len(), "{name}");
        for (a, b) in ods_rows.iter().zip(&xlsx_rows) {
            for col in ["No.", "SHA-256", "Berkas", "Berkas di paket", "Tautan"] {
                assert_eq!(a.get(col), b.get(col), "{name} {col}");
            }
        }
    }
}

#[test]
fn the_pack_is_dated_in_the_machines_time_zone() {
    // UTC+14 and UTC−12 are 26 hours apart: whatever the hour, their dates differ. A pack dated
    // in UTC would carry the same date under both. POSIX zone strings (the
    // sign is west of UTC), so that no time zone database is needed.
    let f = Fixture::new();
    let date_of = |tz: &str, out: &str| {
        let out = f.root.join(out);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_zona"))
            .args(["evidence", "pack"])
            .arg(&f.workbook)
            .arg("--dir")
            .arg(&f.dir)
            .arg("--out")
            .arg(&out)
            .env("TZ", tz)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let head = sheet(&out.join("Indeks Bukti Dukung.xlsx"), "Indeks");
        let row = head
            .iter()
            .find(|r| r[0] == "Tanggal paket")
            .expect("a date row");
        row.iter().rev().find(|c| !c.is_empty()).unwrap().clone()
    };
    let east = date_of("TIMUR-14", "paket-timur");
    let west = date_of("BARAT+12", "paket-barat");
    assert_ne!(east, west, "UTC+14 and UTC−12 give different dates");
    assert!(east.ends_with(char::is_numeric) && west.ends_with(char::is_numeric));
}
