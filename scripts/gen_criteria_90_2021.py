#!/usr/bin/env python3
"""Generate criteria/permenpanrb-90-2021.toml from the PortalRB LKE ZI master list.

Usage:
    python3 scripts/gen_criteria_90_2021.py [path/to/portalrb-lke-zi-2026-master.json]

Without an argument the master is read from ../shared/reference/ relative to the repository root
(the parent of this script's directory). The output is always written to
<repo root>/criteria/permenpanrb-90-2021.toml and then re-read with tomllib and checked
(weights, keys, counts, soal ids); the script exits non-zero if a check fails.

Sources (see /work/shared/reference/lke-zi-90-2021-facts.md):
  S1  PermenPANRB 90/2021 Lampiran I-III (structure, weights, Tabel 6 thresholds)
  S3  the official LKE ZI workbook, sheet "LKE ZI" (reform "%" rows 125-197: item texts in
      column G, explanations in column I, count-input row labels)
  S4  PortalRB master soal LKE ZI 2026 (hierarchy, texts, criteria, answer types, soal_id)

Only the python standard library is used (json; tomllib for the self-check).
"""

import json
import os
import re
import sys

CRITERIA_ID = "permenpanrb-90-2021"
OUT_REL = os.path.join("criteria", CRITERIA_ID + ".toml")
MASTER_NAME = "portalrb-lke-zi-2026-master.json"

# ──────────────────────────────────────────────────────────────────────────────────────────────
# Fixed data (regulation numbers and the pieces the master list does not carry)
# ──────────────────────────────────────────────────────────────────────────────────────────────

SCALES = [
    ("ya_tidak", "Ya/Tidak", [("Ya", 1.0), ("Tidak", 0.0)], None),
    ("abc", "A/B/C", [("A", 1.0), ("B", 0.5), ("C", 0.0)], None),
    ("abcd", "A/B/C/D", [("A", 1.0), ("B", 0.67), ("C", 0.33), ("D", 0.0)],
     "B and C are the official truncated values 0.67 / 0.33, not 2/3 and 1/3"),
    ("abcde", "A/B/C/D/E", [("A", 1.0), ("B", 0.75), ("C", 0.5), ("D", 0.25), ("E", 0.0)], None),
]
INDEX_SCALE = ("indeks_0_4", "Nilai (0-4)", 4.0)

# master jenis_jawaban -> scale key (None = a "Jumlah" count input, never an item)
ANSWER_TYPES = {
    "YA_TIDAK": "ya_tidak",
    "ABC": "abc",
    "ABCD": "abcd",
    "ABCDE": "abcde",
    "0-4": "indeks_0_4",
    "JUMLAH": None,
}
# the master's multipliers must equal the scale values
SCALE_VALUES = {k: [v for _, v in opts] for k, _, opts, _ in SCALES}

# (key, master area name, name, name_en, weight)
AREAS = [
    ("mp", "MANAJEMEN PERUBAHAN", "Manajemen Perubahan", "Change Management", 8.0),
    ("tt", "PENATAAN TATALAKSANA", "Penataan Tatalaksana", "Business Process Arrangement", 7.0),
    ("sdm", "PENATAAN SISTEM MANAJEMEN SDM APARATUR", "Penataan Sistem Manajemen SDM Aparatur",
     "Civil Service HR Management System Arrangement", 10.0),
    ("ak", "PENGUATAN AKUNTABILITAS", "Penguatan Akuntabilitas", "Strengthening Accountability", 10.0),
    ("pw", "PENGUATAN PENGAWASAN", "Penguatan Pengawasan", "Strengthening Supervision", 15.0),
    ("pp", "PENINGKATAN KUALITAS PELAYANAN PUBLIK", "Peningkatan Kualitas Pelayanan Publik",
     "Improving Public Service Quality", 10.0),
]
AREA_BY_MASTER_NAME = {a[1]: a for a in AREAS}

# component / sub-component nodes: master name -> (key, name_en)
COMPONENTS = {
    "PENGUNGKIT": ("pengungkit", "Enablers"),
    "HASIL": ("hasil", "Results"),
}
SUB_COMPONENTS = {
    "PEMENUHAN": ("pemenuhan", "Fulfilment"),
    "REFORM": ("reform", "Reform"),
    "BIROKRASI YANG BERSIH DAN AKUNTABEL": ("hasil.bersih", "Clean and Accountable Bureaucracy"),
    "PELAYANAN PUBLIK YANG PRIMA": ("hasil.prima", "Excellent Public Service"),
}

# sub-areas: (sub-component key, area key, master name) -> (slug, name_en)
SUB_AREAS = {
    # ── pemenuhan ──
    ("pemenuhan", "mp", "Penyusunan Tim Kerja"): ("tim_kerja", "Forming the Work Team"),
    ("pemenuhan", "mp", "Rencana Pembangunan Zona Integritas"):
        ("rencana_pembangunan", "Integrity Zone Development Plan"),
    ("pemenuhan", "mp", "Pemantauan dan Evaluasi Pembangunan WBK/WBBM"):
        ("monev", "Monitoring and Evaluation of WBK/WBBM Development"),
    ("pemenuhan", "mp", "Perubahan pola pikir dan budaya kerja"):
        ("pola_pikir_budaya_kerja", "Change in Mindset and Work Culture"),
    ("pemenuhan", "tt", "Prosedur Operasional Tetap (SOP) Kegiatan Utama"):
        ("sop", "Standard Operating Procedures (SOP) for Core Activities"),
    ("pemenuhan", "tt", "Sistem Pemerintahan Berbasis Elektronik (SPBE)"):
        ("spbe", "Electronic-Based Government System (SPBE)"),
    ("pemenuhan", "tt", "Keterbukaan Informasi Publik"):
        ("keterbukaan_informasi", "Public Information Disclosure"),
    ("pemenuhan", "sdm", "Perencanaan Kebutuhan Pegawai sesuai dengan Kebutuhan Organisasi"):
        ("perencanaan_kebutuhan", "Staffing Needs Planning in Line with Organisational Needs"),
    ("pemenuhan", "sdm", "Pola Mutasi Internal"): ("pola_mutasi", "Internal Transfer Pattern"),
    ("pemenuhan", "sdm", "Pengembangan Pegawai Berbasis Kompetensi"):
        ("pengembangan_kompetensi", "Competency-Based Staff Development"),
    ("pemenuhan", "sdm", "Penetapan Kinerja Individu"):
        ("penetapan_kinerja_individu", "Setting Individual Performance"),
    ("pemenuhan", "sdm", "Penegakan Aturan Disiplin/Kode Etik/Kode Perilaku Pegawai"):
        ("penegakan_disiplin", "Enforcement of Discipline Rules, Code of Ethics and Code of Conduct"),
    ("pemenuhan", "sdm", "Sistem Informasi Kepegawaian"):
        ("sistem_informasi_kepegawaian", "Personnel Information System"),
    ("pemenuhan", "ak", "Keterlibatan Pimpinan"): ("keterlibatan_pimpinan", "Leadership Involvement"),
    ("pemenuhan", "ak", "Pengelolaan Akuntabilitas Kinerja"):
        ("pengelolaan_akuntabilitas", "Performance Accountability Management"),
    ("pemenuhan", "pw", "Pengendalian Gratifikasi"): ("gratifikasi", "Gratuity Control"),
    ("pemenuhan", "pw", "Penerapan Sistem Pengendalian Intern Pemerintah (SPIP)"):
        ("spip", "Implementing the Government Internal Control System (SPIP)"),
    ("pemenuhan", "pw", "Pengaduan Masyarakat"): ("pengaduan_masyarakat", "Public Complaints"),
    ("pemenuhan", "pw", "Whistle-Blowing System"): ("wbs", "Whistle-Blowing System"),
    ("pemenuhan", "pw", "Penanganan Benturan Kepentingan"):
        ("benturan_kepentingan", "Handling Conflicts of Interest"),
    ("pemenuhan", "pp", "Standar Pelayanan"): ("standar_pelayanan", "Service Standards"),
    ("pemenuhan", "pp", "Budaya Pelayanan Prima"): ("budaya_pelayanan_prima", "Service Excellence Culture"),
    ("pemenuhan", "pp", "Pengelolaan Pengaduan"): ("pengelolaan_pengaduan", "Complaint Management"),
    ("pemenuhan", "pp", "Penilaian Kepuasan terhadap Pelayanan"):
        ("kepuasan_pelayanan", "Assessing Satisfaction with Services"),
    ("pemenuhan", "pp", "Pemanfaatan Teknologi Informasi"):
        ("teknologi_informasi", "Use of Information Technology"),
    # ── reform ──
    ("reform", "mp", "Komitmen dalam perubahan"): ("komitmen", "Commitment to Change"),
    ("reform", "mp", "Komitmen Pimpinan"): ("komitmen_pimpinan", "Leadership Commitment"),
    ("reform", "mp", "Membangun Budaya Kerja"): ("budaya_kerja", "Building a Work Culture"),
    ("reform", "tt", "Peta Proses Bisnis Mempengaruhi Penyederhanaan Jabatan"):
        ("proses_bisnis", "Business Process Map Drives Simplification of Positions"),
    ("reform", "tt", "Sistem Pemerintahan Berbasis Elektronik (SPBE) yang Terintegrasi"):
        ("spbe_terintegrasi", "Integrated Electronic-Based Government System (SPBE)"),
    ("reform", "tt", "Transformasi Digital Memberikan Nilai Manfaat"):
        ("transformasi_digital", "Digital Transformation Delivers Value"),
    ("reform", "sdm", "Kinerja Individu"): ("kinerja_individu", "Individual Performance"),
    ("reform", "sdm", "Assessment Pegawai"): ("assessment_pegawai", "Employee Assessment"),
    ("reform", "sdm", "Pelanggaran Disiplin Pegawai"):
        ("pelanggaran_disiplin", "Employee Disciplinary Violations"),
    ("reform", "ak", "Meningkatnya capaian kinerja unit kerja"):
        ("capaian_kinerja", "Improved Performance Achievement of the Unit"),
    ("reform", "ak", "Pemberian Reward and Punishment"): ("reward_punishment", "Reward and Punishment"),
    ("reform", "ak", "Kerangka Logis Kinerja"): ("kerangka_logis", "Performance Logic Framework"),
    ("reform", "pw", "Mekanisme Pengendalian"): ("mekanisme_pengendalian", "Control Mechanism"),
    ("reform", "pw", "Penanganan Pengaduan Masyarakat"):
        ("pengaduan_masyarakat", "Handling Public Complaints"),
    ("reform", "pw", "Penyampaian Laporan Harta Kekayaan"): ("lhk", "Submission of Wealth Reports"),
    ("reform", "pp", "Upaya dan/atau Inovasi Pelayanan Publik"):
        ("inovasi_pelayanan", "Public Service Efforts and/or Innovation"),
    ("reform", "pp", "Penanganan Pengaduan Pelayanan dan Konsultasi"):
        ("pengaduan_konsultasi", "Handling Service Complaints and Consultation"),
}
# the two parts of "Penyampaian Laporan Harta Kekayaan" (master: sub_area children of the sub_area)
LHK_PARTS = {
    "Penyampaian Laporan Harta Kekayaan Pejabat Negara (LHKPN)":
        ("lhkpn", "Wealth Report of State Officials (LHKPN)"),
    "Penyampaian Laporan Harta Kekayaan Non LHKPN (Tidak Wajib LHKPN)":
        ("lhkasn", "Wealth Report of Civil Servants Not Required to File an LHKPN (LHKASN)"),
}

# Reform item markers as printed in the official workbook (S3 "LKE ZI", column F), by soal_id;
# letters are written "a." even where the copy prints "a".
REFORM_MARKERS = {
    92: "-", 93: "-", 94: "-", 95: "a.", 96: "b.", 97: "a.", 98: "b.", 99: "c.",
    100: "a.", 101: "a.", 107: "-", 108: "-", 109: "-", 121: "a.", 124: "-",
}

# Reform "%" items: formulas over the master's "Jumlah" soal. Texts (column G), explanations
# (column I) and input labels (column G without the leading "- ") are those of the official
# workbook S3, rows 128-195; the master carries only the count rows.
RATIOS = [
    {
        "id": "agen_perubahan", "workbook_rows": "128-130", "marker": "a.",
        "text": "Agen perubahan telah membuat perubahan yang konkret di Instansi (dalam 1 tahun)",
        "criteria": "Misalkan dengan kebijakan 1 Agen 1 Perubahan Persentase diperoleh dari Jumlah "
                    "Perubahan yang dibuat dibagi dengan Jumlah Agen Perubahan",
        "ratio": [("kind", "share"), ("done", "perubahan_dibuat"), ("required", "jumlah_agen")],
        "inputs": [
            ("jumlah_agen", "Jumlah Agen Perubahan", 88, None),
            ("perubahan_dibuat", "Jumlah Perubahan yang dibuat", 89, None),
        ],
    },
    {
        "id": "integrasi_perubahan", "workbook_rows": "131-133", "marker": "b.",
        "text": "Perubahan yang dibuat Agen Perubahan telah terintegrasi dalam sistem manajemen",
        # column I is empty in S3; the master's kriteria_nilai only repeats the item text
        "criteria": None,
        "ratio": [("kind", "share"), ("done", "perubahan_diintegrasikan"), ("required", "perubahan_dibuat")],
        "inputs": [
            ("perubahan_dibuat", "Jumlah Perubahan yang dibuat", 90, None),
            ("perubahan_diintegrasikan", "Jumlah Perubahan yang telah diintegrasikan dalam sistem manajemen",
             91, None),
        ],
    },
    {
        "id": "pelanggaran_disiplin", "workbook_rows": "154-157", "marker": "a.",
        "text": "Penurunan pelanggaran disiplin pegawai",
        "criteria": "Persentase pernurunan pelanggaran disiplin pegawai diperoleh dari Jumlah pelanggaran "
                    "tahun sebelumnya dikurangi Jumlah pelanggaran tahun ini kemudian dibagi dengan Jumlah "
                    "pelanggaran tahun sebelumnya",
        "ratio": [("kind", "reduction"), ("previous", "pelanggaran_sebelumnya"),
                  ("current", "pelanggaran_tahun_ini")],
        "inputs": [
            ("pelanggaran_sebelumnya", "Jumlah pelanggaran tahun sebelumnya", 102, None),
            ("pelanggaran_tahun_ini", "Jumlah pelanggaran tahun ini", 103, None),
            ("diberi_sanksi", "Jumlah pelanggaran yang telah diberikan sanksi/hukuman", 104, None),
        ],
    },
    {
        "id": "capaian_sasaran", "workbook_rows": "160-162", "marker": "-",
        "text": "Persentase Sasaran dengan capaian 100% atau lebih",
        "criteria": "Persentase diperoleh dari Jumlah Sasaran Kinerja yang tercapai 100% atau lebih dibagi "
                    "dengan Jumlah Sasaran Kinerja",
        "ratio": [("kind", "share"), ("done", "sasaran_tercapai"), ("required", "jumlah_sasaran")],
        "inputs": [
            ("jumlah_sasaran", "Jumlah Sasaran Kinerja", 105, None),
            ("sasaran_tercapai", "Jumlah Sasaran Kinerja yang tercapai 100% atau lebih", 106, None),
        ],
    },
    {
        "id": "pengaduan_masyarakat", "workbook_rows": "171-174", "marker": "-",
        "text": "Persentase penanganan pengaduan masyarakat",
        "criteria": "Penilaian ini menghitung realisasi penanganan pengaduan masyarakat yang harus diselesaikan",
        "ratio": [("kind", "share"), ("done", "selesai"), ("required", "harus")],
        "inputs": [
            ("harus", "Jumlah pengaduan masyarakat yang harus ditindaklanjuti", 110, None),
            ("sedang_diproses", "Jumlah pengaduan masyarakat yang sedang diproses", 111, None),
            ("selesai", "Jumlah pengaduan masyarakat yang selesai ditindaklanjuti", 112, None),
        ],
    },
    {
        "id": "lhkpn", "workbook_rows": "177-182", "marker": "-",
        "text": "Persentase penyampaian LHKPN",
        "criteria": "Kewajiban Penyelenggara Negara untuk melaporkan harta kekayaan diatur dalam: "
                    "1. Undang-Undang No. 28 Tahun 1999 2. Undang-Undang No. 30 Tahun 2002 "
                    "3. Undang-Undang No. 10 Tahun 2015 4. Peraturan Komisi Pemberantasan Korupsi No. 07 "
                    "Tahun 2016 5. Instruksi Presiden No. 5 Tahun 2004 6. SE MenPANRB No. SE/03/M.PAN/01/2005",
        "ratio": [("kind", "share"), ("done", "sudah"), ("required", "harus")],
        "inputs": [
            ("harus", "Jumlah yang harus melaporkan", None, ["kepala_satker", "pejabat_wajib", "lainnya"]),
            ("kepala_satker", "Kepala satuan kerja", 113, None),
            ("pejabat_wajib", "Pejabat yang diwajibkan menyampaikan LHKPN", 114, None),
            ("lainnya", "Lainnya", 115, None),
            ("sudah", "Jumlah yang sudah melaporkan", 116, None),
        ],
    },
    {
        "id": "lhkasn", "workbook_rows": "184-189", "marker": "-",
        "text": "Persentase penyampaian LHKASN",
        "criteria": "Penyampaian LHKASN diatur dalam: 1. Undang-Undang No. 28 Tahun 1999 "
                    "2. Undang-Undang No. 30 Tahun 2002 3. Undang-Undang No. 10 Tahun 2015 "
                    "4. SE MenPANRB No. 1 Tahun 2015",
        "ratio": [("kind", "share"), ("done", "sudah"), ("required", "harus")],
        "inputs": [
            ("harus", "Jumlah yang harus melaporkan (ASN tidak wajib LHKPN)", None,
             ["eselon_iii", "eselon_iv", "fungsional_pelaksana"]),
            ("eselon_iii", "Pejabat administrator (eselon III)", 117, None),
            ("eselon_iv", "Pejabat Penawas (eselon IV)", 118, None),
            ("fungsional_pelaksana", "Jumlah Fungsional dan Pelaksana", 119, None),
            ("sudah", "Jumlah yang sudah melaporkan", 120, None),
        ],
    },
    {
        "id": "perijinan_dipermudah", "workbook_rows": "193-195", "marker": "b.",
        "text": "Upaya dan/atau inovasi pada perijinan/pelayanan telah dipermudah: 1. Waktu lebih cepat "
                "2. Pelayanan Publik yang terpadu 3. Alur lebih pendek/singkat 4 Terintegrasi dengan aplikasi",
        "criteria": "Persentase diperoleh dari Jumlah perijinan/pelayanan yang telah dipermudah dibagi dengan "
                    "Jumlah perijinan/pelayanan yang terdata/terdaftar",
        "ratio": [("kind", "share"), ("done", "dipermudah"), ("required", "terdata")],
        "inputs": [
            ("terdata", "Jumlah perijinan/pelayanan yang terdata/terdaftar", 122, None),
            ("dipermudah", "Jumlah perijinan/pelayanan yang telah dipermudah", 123, None),
        ],
    },
]
RATIO_BY_SOAL = {inp[2]: r for r in RATIOS for inp in r["inputs"] if inp[2] is not None}

# hasil items: soal_id -> (key suffix, marker)
HASIL_ITEMS = {125: ("ipak", "a."), 126: ("capaian", "b."), 127: ("ipkp", "a.")}

# Tabel 6 (PermenPANRB 90/2021 Lampiran II Bab III; unchanged by 5/2024), scoring-rules.md "Predicates"
PREDICATES = [
    ("wbk", "Menuju WBK", "Towards WBK", [
        [("kind", "total"), ("min", 75.0)],
        [("kind", "node"), ("node", "pengungkit"), ("min", 40.0)],
        [("kind", "areas"), ("min_percent", 60.0)],
        [("kind", "node"), ("node", "hasil.bersih"), ("min", 18.25)],
        [("kind", "item"), ("item", "hasil.bersih.ipak"), ("min", 15.75),
         ("label", "Survei Persepsi Anti Korupsi (IPAK, indeks 3,60)"),
         ("label_en", "Anti-Corruption Perception Survey (IPAK, index 3.60)")],
        [("kind", "item"), ("item", "hasil.bersih.capaian"), ("min", 2.5)],
        [("kind", "node"), ("node", "hasil.prima"), ("min", 14.0),
         ("label", "Pelayanan Publik yang Prima (IPKP, indeks 3,20)"),
         ("label_en", "Excellent Public Service (IPKP, index 3.20)")],
    ]),
    ("wbbm", "Menuju WBBM", "Towards WBBM", [
        [("kind", "prior"), ("predicate", "wbk")],
        [("kind", "total"), ("min", 85.0)],
        [("kind", "node"), ("node", "pengungkit"), ("min", 48.0)],
        [("kind", "areas"), ("min_percent", 75.0)],
        [("kind", "node"), ("node", "hasil.bersih"), ("min", 19.5)],
        [("kind", "item"), ("item", "hasil.bersih.ipak"), ("min", 15.75),
         ("label", "Survei Persepsi Anti Korupsi (IPAK, indeks 3,60)"),
         ("label_en", "Anti-Corruption Perception Survey (IPAK, index 3.60)")],
        [("kind", "item"), ("item", "hasil.bersih.capaian"), ("min", 3.75)],
        [("kind", "node"), ("node", "hasil.prima"), ("min", 15.75),
         ("label", "Pelayanan Publik yang Prima (IPKP, indeks 3,60)"),
         ("label_en", "Excellent Public Service (IPKP, index 3.60)")],
    ]),
]

# facts §2.2: number of pemenuhan indicators per sub-area, per area, in LKE order
PEMENUHAN_COUNTS = {
    "mp": [2, 3, 3, 4], "tt": [3, 4, 2], "sdm": [3, 3, 6, 4, 1, 1],
    "ak": [3, 8], "pw": [2, 4, 4, 3, 5], "pp": [4, 6, 3, 3, 3],
}

HEADER = """\
# PermenPANRB No. 90 Tahun 2021 — Lembar Kerja Evaluasi Zona Integritas (LKE ZI)
# jo. PermenPANRB No. 5 Tahun 2024 (which replaced only the proposal chapter; scoring unchanged).
#
# GENERATED FILE — do not edit by hand. Regenerate with:
#     python3 scripts/gen_criteria_90_2021.py [path/to/portalrb-lke-zi-2026-master.json]
# The format is described in docs/criteria-format.md.
#
# Sources (keys as in the project's domain reference lke-zi-90-2021-facts.md):
#   S1  PermenPANRB 90/2021 Lampiran I–III: components, areas, sub-areas, weights, answer values,
#       Tabel 6 thresholds of Menuju WBK / Menuju WBBM.
#   S3  the official LKE ZI workbook (sheet "LKE ZI"): texts of the reform "%" items (column G),
#       their explanations (column I) and the labels of their count rows ("Jumlah").
#   S4  PortalRB master soal LKE ZI 2026 (portalrb-lke-zi-2026-master.json): hierarchy, item texts,
#       criteria texts, answer types and soal_id (1–127) of every item and count input.
# Texts are copied as published (typos included) with whitespace collapsed to single spaces.
"""

# ──────────────────────────────────────────────────────────────────────────────────────────────
# helpers
# ──────────────────────────────────────────────────────────────────────────────────────────────

MARKER_RE = re.compile(r"^\s*([A-Za-z]{1,4}|[0-9]{1,2})\.\s*(.*?)\s*$", re.S)


def ws(s):
    """Collapse all whitespace runs (incl. newlines) to one space and trim."""
    return " ".join((s or "").split())


def split_marker(nama):
    m = MARKER_RE.match(nama)
    if not m:
        raise SystemExit(f"cannot split marker from master name {nama!r}")
    return m.group(1) + ".", ws(m.group(2))


def toml_str(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\u%04X" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_float(x):
    s = repr(float(x))
    if "e" in s or "E" in s or "." not in s:
        raise SystemExit(f"float {x!r} would not be written with a decimal point")
    return s


def toml_val(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return toml_float(v)
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_val(x) for x in v) + "]"
    raise TypeError(v)


def inline(pairs):
    return "{ " + ", ".join(f"{k} = {toml_val(v)}" for k, v in pairs) + " }"


def letter(i):
    return "abcdefghijklmnopqrstuvwxyz"[i]


# ──────────────────────────────────────────────────────────────────────────────────────────────
# build the model from the master
# ──────────────────────────────────────────────────────────────────────────────────────────────

class Build:
    def __init__(self):
        self.lines = []
        self.notes = []          # disagreements / observations, printed at the end
        self.emitted_ratios = set()

    def out(self, s=""):
        self.lines.append(s)

    def node(self, key, parent, marker, name, name_en, weight, area=None):
        self.out("[[node]]")
        self.out(f"key = {toml_str(key)}")
        if parent is not None:
            self.out(f"parent = {toml_str(parent)}")
        self.out(f"marker = {toml_str(marker)}")
        self.out(f"name = {toml_str(name)}")
        if name_en:
            self.out(f"name_en = {toml_str(name_en)}")
        self.out(f"weight = {toml_float(weight)}")
        if area is not None:
            self.out(f"area = {toml_str(area)}")
        self.out()

    def choice_item(self, key, parent, marker, soal, weight=None):
        jt = soal["jenis_jawaban"].upper()
        answer = ANSWER_TYPES[jt]
        self.check_scale(soal, answer)
        self.out("[[item]]")
        self.out(f"key = {toml_str(key)}")
        self.out(f"parent = {toml_str(parent)}")
        self.out(f"marker = {toml_str(marker)}")
        self.out(f"text = {toml_str(ws(soal['teks_pertanyaan']))}")
        crit = ws(soal.get("kriteria_nilai"))
        if crit:
            self.out(f"criteria = {toml_str(crit)}")
        self.out(f"answer = {toml_str(answer)}")
        if weight is not None:
            self.out(f"weight = {toml_float(weight)}")
        self.out(f"soal_id = {soal['id']}")
        self.out()

    def check_scale(self, soal, answer):
        if answer in SCALE_VALUES:
            mult = [float(o["multiplier"]) for o in soal.get("skema_penilaian") or []]
            if mult != SCALE_VALUES[answer]:
                self.notes.append(f"soal {soal['id']}: master multipliers {mult} differ from scale "
                                  f"{answer} {SCALE_VALUES[answer]}")

    def ratio_item(self, key, parent, spec, soals_by_id):
        self.out("[[item]]")
        self.out(f"key = {toml_str(key)}")
        self.out(f"parent = {toml_str(parent)}")
        self.out(f"marker = {toml_str(spec['marker'])}")
        self.out(f"text = {toml_str(ws(spec['text']))}")
        if spec["criteria"]:
            self.out(f"criteria = {toml_str(ws(spec['criteria']))}")
        self.out('answer = "ratio"')
        self.out(f"ratio = {inline(spec['ratio'])}")
        self.out("inputs = [")
        for ikey, label, sid, sum_of in spec["inputs"]:
            pairs = [("key", ikey), ("label", ws(label))]
            if sid is not None:
                pairs.append(("soal_id", sid))
                m = soals_by_id[sid]
                if m["jenis_jawaban"].upper() != "JUMLAH":
                    raise SystemExit(f"soal {sid} is not a Jumlah soal in the master")
                if ws(m["teks_pertanyaan"]) != ws(label):
                    self.notes.append(f"input label (workbook) {ws(label)!r} vs master soal {sid} text "
                                      f"{ws(m['teks_pertanyaan'])!r}")
            if sum_of:
                pairs.append(("sum_of", list(sum_of)))
            self.out(f"  {inline(pairs)},")
        self.out("]")
        self.out()
        # compare the workbook texts with the master's kriteria_nilai of the inputs
        first = soals_by_id[next(i[2] for i in spec["inputs"] if i[2] is not None)]
        mk = ws(first.get("kriteria_nilai"))
        txt = ws(spec["text"])
        crit = ws(spec["criteria"] or "")
        if mk == (txt + " " + crit).strip() or mk == txt:
            pass
        else:
            self.notes.append(f"ratio {key}: workbook text+explanation differ from master kriteria_nilai "
                              f"of soal {first['id']}: master {mk!r}")


def generate(master_path, out_path):
    with open(master_path, encoding="utf-8") as f:
        master = json.load(f)
    b = Build()
    soals_by_id = {}

    def collect(n):
        for s in n.get("soals") or []:
            soals_by_id[s["id"]] = s
        for c in n.get("children") or []:
            collect(c)

    for n in master["data"]:
        collect(n)

    # ── header, scales, areas ──
    b.lines.extend(HEADER.rstrip("\n").split("\n"))
    b.out()
    b.out("[criteria]")
    b.out(f"id = {toml_str(CRITERIA_ID)}")
    b.out(f"name = {toml_str('PermenPANRB No. 90 Tahun 2021 — Lembar Kerja Evaluasi Zona Integritas')}")
    b.out(f"regulation = {toml_str('PermenPANRB 90/2021 jo. PermenPANRB 5/2024')}")
    b.out('version = "2021"')
    b.out("provisional = false")
    b.out()
    b.out("# ════════════════════════════════════════════════════════════════════════════════════════")
    b.out("# Answer scales (S1 Lampiran III; S3 column L formula; S4 skema_penilaian)")
    b.out("# ════════════════════════════════════════════════════════════════════════════════════════")
    b.out()
    for key, name, opts, comment in SCALES:
        b.out(f"[scales.{key}]")
        b.out(f"name = {toml_str(name)}")
        if comment:
            b.out(f"# {comment}")
        b.out("options = [")
        for code, val in opts:
            b.out(f"  {inline([('code', code), ('value', val)])},")
        b.out("]")
        b.out()
    key, name, imax = INDEX_SCALE
    b.out("# survey index (IPAK, IPKP): item value = index / index_max")
    b.out(f"[scales.{key}]")
    b.out(f"name = {toml_str(name)}")
    b.out(f"index_max = {toml_float(imax)}")
    b.out()
    b.out("# ════════════════════════════════════════════════════════════════════════════════════════")
    b.out("# Pengungkit areas (S1 Tabel 3): each area = its pemenuhan part + its reform part")
    b.out("# ════════════════════════════════════════════════════════════════════════════════════════")
    b.out()
    for akey, _, aname, aname_en, aw in AREAS:
        b.out("[[area]]")
        b.out(f"key = {toml_str(akey)}")
        b.out(f"name = {toml_str(aname)}")
        b.out(f"name_en = {toml_str(aname_en)}")
        b.out(f"weight = {toml_float(aw)}")
        b.out()

    # ── the tree ──
    for comp in master["data"]:
        cmarker, cname = split_marker(comp["nama"])
        ckey, cname_en = COMPONENTS[cname]
        b.out("# ════════════════════════════════════════════════════════════════════════════════════════")
        b.out(f"# {cmarker} {cname} — bobot {comp['bobot_maksimal']}")
        b.out("# ════════════════════════════════════════════════════════════════════════════════════════")
        b.out()
        b.node(ckey, None, cmarker, cname, cname_en, comp["bobot_maksimal"])
        for sub in comp["children"]:
            smarker, sname = split_marker(sub["nama"])
            skey, sname_en = SUB_COMPONENTS[sname]
            b.out(f"# ── {smarker} {sname} — bobot {sub['bobot_maksimal']} ──")
            b.out()
            b.node(skey, ckey, smarker, sname, sname_en, sub["bobot_maksimal"])
            if ckey == "hasil":
                if sub.get("children"):
                    raise SystemExit(f"unexpected children under {sname}")
                for s in sub["soals"]:
                    suffix, marker = HASIL_ITEMS[s["id"]]
                    b.choice_item(f"{skey}.{suffix}", skey, marker, s, weight=float(s["bobot_maksimal"]))
                continue
            if sub.get("soals"):
                raise SystemExit(f"unexpected soals directly under {sname}")
            for area in sub["children"]:
                amarker, aname = split_marker(area["nama"])
                a = AREA_BY_MASTER_NAME[aname]
                akey = a[0]
                apkey = f"{skey}.{akey}"
                b.out(f"# ── {amarker} {aname} ({skey}) ──")
                b.out()
                b.node(apkey, skey, amarker, aname, a[3], area["bobot_maksimal"], area=akey)
                for sa in area["children"]:
                    samarker, saname = split_marker(sa["nama"])
                    slug, saname_en = SUB_AREAS[(skey, akey, saname)]
                    sakey = f"{apkey}.{slug}"
                    b.out(f"# {amarker} {samarker} {saname}")
                    b.node(sakey, apkey, samarker, saname, saname_en, sa["bobot_maksimal"])
                    if sa.get("children"):
                        if sa.get("soals"):
                            raise SystemExit(f"{saname}: both children and soals")
                        for part in sa["children"]:
                            pmarker, pname = split_marker(part["nama"])
                            pslug, pname_en = LHK_PARTS[pname]
                            pkey = f"{sakey}.{pslug}"
                            b.out(f"# {amarker} {samarker} {pmarker} {pname}")
                            b.node(pkey, sakey, pmarker, pname, pname_en, part["bobot_maksimal"])
                            emit_items(b, skey, pkey, part["soals"], soals_by_id)
                    else:
                        emit_items(b, skey, sakey, sa["soals"], soals_by_id)

    # ── predicates ──
    b.out("# ════════════════════════════════════════════════════════════════════════════════════════")
    b.out("# Predicates (S1 Lampiran II Bab III, Tabel 6; unchanged by PermenPANRB 5/2024)")
    b.out("# ════════════════════════════════════════════════════════════════════════════════════════")
    b.out()
    for pkey, pname, pname_en, conds in PREDICATES:
        b.out("[[predicate]]")
        b.out(f"key = {toml_str(pkey)}")
        b.out(f"name = {toml_str(pname)}")
        b.out(f"name_en = {toml_str(pname_en)}")
        b.out("conditions = [")
        for c in conds:
            b.out(f"  {inline(c)},")
        b.out("]")
        b.out()

    while b.lines and b.lines[-1] == "":
        b.lines.pop()
    text = "\n".join(b.lines) + "\n"
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)

    # observations about the master itself
    for s in soals_by_id.values():
        jt = s["jenis_jawaban"]
        if jt.upper() == "JUMLAH" and jt != "Jumlah":
            b.notes.append(f"soal {s['id']}: jenis_jawaban spelled {jt!r} (read as Jumlah)")
        if s["bobot_maksimal"] and s["id"] not in HASIL_ITEMS:
            b.notes.append(f"soal {s['id']}: master bobot_maksimal {s['bobot_maksimal']} on a pengungkit "
                           f"item (ignored: pengungkit items carry no weight)")
    return master, soals_by_id, b.notes


def emit_items(b, skey, parent, soals, soals_by_id):
    n = 0
    for s in soals:
        jt = s["jenis_jawaban"].upper()
        if jt not in ANSWER_TYPES:
            raise SystemExit(f"soal {s['id']}: unknown jenis_jawaban {s['jenis_jawaban']!r}")
        if ANSWER_TYPES[jt] is None:  # a count input
            if skey != "reform":
                raise SystemExit(f"soal {s['id']}: Jumlah soal outside reform")
            spec = RATIO_BY_SOAL.get(s["id"])
            if spec is None:
                raise SystemExit(f"soal {s['id']}: Jumlah soal without a ratio definition")
            if spec["id"] in b.emitted_ratios:
                continue
            b.emitted_ratios.add(spec["id"])
            b.ratio_item(f"{parent}.{letter(n)}", parent, spec, soals_by_id)
            n += 1
        else:
            if skey == "reform":
                marker = REFORM_MARKERS[s["id"]]
            else:
                marker = letter(n) + "."
            b.choice_item(f"{parent}.{letter(n)}", parent, marker, s)
            n += 1


# ──────────────────────────────────────────────────────────────────────────────────────────────
# self-check (re-reads the written file)
# ──────────────────────────────────────────────────────────────────────────────────────────────

KEY_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")


def self_check(out_path, soals_by_id):
    try:
        import tomllib
    except ImportError:  # python < 3.11
        print("self-check skipped: tomllib needs python >= 3.11")
        return True
    with open(out_path, "rb") as f:
        doc = tomllib.load(f)
    errors = []
    results = []

    def ok(cond, msg):
        (results if cond else errors).append(msg)

    def close(a, b):
        return abs(a - b) <= 1e-9

    crit = doc["criteria"]
    ok(crit["id"] == CRITERIA_ID and crit["provisional"] is False and crit["version"] == "2021",
       "criteria header")

    scales = doc["scales"]
    for k, sc in scales.items():
        if "options" in sc:
            ok(all(isinstance(o["value"], float) and 0.0 <= o["value"] <= 1.0 for o in sc["options"]),
               f"scale {k}: option values are floats in 0..1")
        else:
            ok(isinstance(sc.get("index_max"), float) and sc["index_max"] > 0, f"scale {k}: index_max > 0")

    areas = doc["area"]
    nodes = doc["node"]
    items = doc["item"]
    preds = doc["predicate"]

    # keys
    keys = [a["key"] for a in areas] + [n["key"] for n in nodes] + [i["key"] for i in items]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    ok(not dup, f"{len(keys)} area/node/item keys unique" + (f" (duplicates: {dup})" if dup else ""))
    bad = [k for k in keys + list(scales) + [p["key"] for p in preds] if not KEY_RE.match(k)]
    ok(not bad, "all keys use A-Za-z0-9_.-" + (f" (bad: {bad})" if bad else ""))

    node_by = {n["key"]: n for n in nodes}
    area_by = {a["key"]: a for a in areas}
    item_by = {i["key"]: i for i in items}

    # floats everywhere a number is a weight/value/threshold
    nonfloat = [n["key"] for n in nodes if not isinstance(n["weight"], float)]
    nonfloat += [a["key"] for a in areas if not isinstance(a["weight"], float)]
    nonfloat += [i["key"] for i in items if "weight" in i and not isinstance(i["weight"], float)]
    for p in preds:
        for c in p["conditions"]:
            for f in ("min", "min_percent"):
                if f in c and not isinstance(c[f], float):
                    nonfloat.append(f"{p['key']}:{c['kind']}")
    ok(not nonfloat, "all weights/thresholds are floats" + (f" (not: {nonfloat})" if nonfloat else ""))

    # parents
    missing = [n["key"] for n in nodes if "parent" in n and n["parent"] not in node_by]
    missing += [i["key"] for i in items if i["parent"] not in node_by]
    ok(not missing, "every parent exists" + (f" (missing: {missing})" if missing else ""))
    bad_area = [n["key"] for n in nodes if "area" in n and n["area"] not in area_by]
    ok(not bad_area, "every node area exists" + (f" (bad: {bad_area})" if bad_area else ""))

    children = {n["key"]: [] for n in nodes}
    for n in nodes:
        if "parent" in n:
            children[n["parent"]].append(n)
    node_items = {n["key"]: [] for n in nodes}
    for i in items:
        node_items[i["parent"]].append(i)

    both = [k for k in node_by if children[k] and node_items[k]]
    ok(not both, "no node has both child nodes and items" + (f" ({both})" if both else ""))
    empty = [k for k in node_by if not children[k] and not node_items[k]]
    ok(not empty, "no node is empty" + (f" ({empty})" if empty else ""))

    # weights
    bad_sum = []
    for k, n in node_by.items():
        if children[k]:
            s = sum(c["weight"] for c in children[k])
            if not close(s, n["weight"]):
                bad_sum.append(f"{k}: children {s} != {n['weight']}")
        its = node_items[k]
        w = [("weight" in i) for i in its]
        if its and any(w):
            if not all(w):
                bad_sum.append(f"{k}: only some items carry a weight")
            else:
                s = sum(i["weight"] for i in its)
                if not close(s, n["weight"]):
                    bad_sum.append(f"{k}: item weights {s} != {n['weight']}")
    ok(not bad_sum, "children's / weighted items' weights sum to the parent (tol 1e-9)"
       + (f" ({bad_sum})" if bad_sum else ""))
    roots = [n for n in nodes if "parent" not in n]
    rsum = sum(r["weight"] for r in roots)
    ok(close(rsum, 100.0), f"roots {[r['key'] for r in roots]} sum to {rsum}")
    for a in areas:
        parts = [n for n in nodes if n.get("area") == a["key"]]
        s = sum(p["weight"] for p in parts)
        ok(close(s, a["weight"]) and len(parts) == 2,
           f"area {a['key']}: parts {[p['key'] for p in parts]} sum {s} = area weight {a['weight']}")
    ok(close(sum(a["weight"] for a in areas), node_by["pengungkit"]["weight"]),
       "area weights sum to the pengungkit weight (60)")

    weighted = [i["key"] for i in items if "weight" in i]
    ok(weighted == ["hasil.bersih.ipak", "hasil.bersih.capaian", "hasil.prima.ipkp"],
       f"only the hasil items carry a weight: {weighted}")

    # answers, ratio formulas, inputs
    bad_ans = []
    for i in items:
        if i["answer"] == "ratio":
            inp = {x["key"]: x for x in i.get("inputs", [])}
            if not inp or len(inp) != len(i["inputs"]):
                bad_ans.append(f"{i['key']}: no / duplicate inputs")
            r = i["ratio"]
            fields = ("done", "required") if r["kind"] == "share" else ("previous", "current")
            if r["kind"] not in ("share", "reduction"):
                bad_ans.append(f"{i['key']}: kind {r['kind']}")
            for f in fields:
                if r.get(f) not in inp:
                    bad_ans.append(f"{i['key']}: ratio {f} -> unknown input {r.get(f)}")
            for x in i["inputs"]:
                for part in x.get("sum_of", []):
                    if part not in inp or part == x["key"]:
                        bad_ans.append(f"{i['key']}: sum_of {part}")
                if "sum_of" in x and "soal_id" in x:
                    bad_ans.append(f"{i['key']}: summed input {x['key']} has a soal_id")
            if "soal_id" in i:
                bad_ans.append(f"{i['key']}: ratio item has its own soal_id")
        elif i["answer"] not in scales:
            bad_ans.append(f"{i['key']}: unknown scale {i['answer']}")
    ok(not bad_ans, "answers name known scales; ratio formulas name known inputs"
       + (f" ({bad_ans})" if bad_ans else ""))

    # predicates
    bad_pred = []
    pkeys = {p["key"] for p in preds}
    for p in preds:
        for c in p["conditions"]:
            if c["kind"] == "node" and c["node"] not in node_by:
                bad_pred.append(c)
            if c["kind"] == "item" and (c["item"] not in item_by or "weight" not in item_by[c["item"]]):
                bad_pred.append(c)
            if c["kind"] == "prior" and c["predicate"] not in pkeys:
                bad_pred.append(c)
            if c["kind"] in ("total", "node", "item") and not c.get("min", -1) >= 0:
                bad_pred.append(c)
            if c["kind"] == "areas" and not 0 <= c["min_percent"] <= 100:
                bad_pred.append(c)
    ok(not bad_pred, f"predicates {sorted(pkeys)} reference known nodes/items/predicates"
       + (f" ({bad_pred})" if bad_pred else ""))

    # counts
    def under(prefix):
        return [i for i in items if i["parent"] == prefix or i["parent"].startswith(prefix + ".")]

    pem = under("pemenuhan")
    ok(len(pem) == 87, f"pemenuhan items: {len(pem)} (expected 87)")
    for akey, expected in PEMENUHAN_COUNTS.items():
        subs = children[f"pemenuhan.{akey}"]
        got = [len(node_items[s["key"]]) for s in subs]
        ok(got == expected, f"pemenuhan.{akey} items per sub-area {got} (facts §2.2: {expected})")
    ref = under("reform")
    n_ratio = sum(1 for i in ref if i["answer"] == "ratio")
    n_choice = len(ref) - n_ratio
    ok(len(ref) == 23 and n_ratio == 8 and n_choice == 15,
       f"reform scored items: {len(ref)} = {n_choice} choice + {n_ratio} ratio (expected 23 = 15 + 8)")
    inputs = [x for i in items for x in i.get("inputs", [])]
    counted = [x for x in inputs if "soal_id" in x]
    summed = [x for x in inputs if "sum_of" in x]
    ok(len(counted) == 22, f"count inputs with soal_id: {len(counted)} (expected 22), "
                           f"plus {len(summed)} summed inputs without soal_id")
    ok(len(under("hasil")) == 3, f"hasil items: {len(under('hasil'))}")

    # soal ids
    ids = [i["soal_id"] for i in items if "soal_id" in i] + [x["soal_id"] for x in counted]
    dup_ids = sorted({x for x in ids if ids.count(x) > 1})
    ok(len(ids) == 127 and not dup_ids and set(ids) == set(soals_by_id),
       f"soal_ids: {len(ids)} used, {len(set(ids))} distinct, equal to the master's {len(soals_by_id)}"
       + (f" (duplicates {dup_ids})" if dup_ids else ""))

    # every item text/criteria is a single line
    ml = [i["key"] for i in items if "\n" in i["text"] or "\n" in i.get("criteria", "")]
    ok(not ml, "texts and criteria are single-line")

    for r in results:
        print("  ok    " + r)
    for e in errors:
        print("  FAIL  " + e)
    print(f"self-check: {len(results)} passed, {len(errors)} failed")
    print(f"summary: {len(nodes)} nodes, {len(items)} items ({len(pem)} pemenuhan, {len(ref)} reform, "
          f"{len(under('hasil'))} hasil), {len(inputs)} inputs, {len(areas)} areas, "
          f"{len(scales)} scales, {len(preds)} predicates")
    return not errors


def main():
    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if len(sys.argv) > 1:
        master_path = sys.argv[1]
    else:
        master_path = os.path.join(os.path.dirname(repo_root), "shared", "reference", MASTER_NAME)
    out_path = os.path.join(repo_root, OUT_REL)
    _, soals_by_id, notes = generate(master_path, out_path)
    print(f"read  {master_path} ({len(soals_by_id)} soal)")
    print(f"wrote {out_path}")
    if notes:
        print("source notes:")
        for n in notes:
            print("  - " + n)
    good = self_check(out_path, soals_by_id)
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
