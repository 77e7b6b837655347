//! The pack's index workbook.
//!
//! | sheet (id / en) | content |
//! |---|---|
//! | `Indeks` / `Index` | the header (unit, year, date of the pack, workbook, criteria, counts, the line for the unit's Surat Pernyataan Tanggung Jawab Mutlak), then one row per item: number, text, answer, evidence status, links, files with size and SHA-256, notes (missing files and why, bad links, descriptions, "no evidence") |
//! | `Rincian` / `Entries` | one row per evidence entry: number, the entry (a link clickable when it is a well-formed http(s) one), what it is, its cell, its file in the pack, size, SHA-256, why a file is missing |
//!
//! Only a well-formed http(s) link becomes a hyperlink; everything else is text (never a formula).

use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use zona_core::evidence::ItemEvidenceStatus;
use zona_core::lang::count_en;
use zona_core::{Evaluation, ItemId, Lang};

use super::{answer_shown, status_label, Pack, PackEntryKind, PackOptions, PackSources};
use crate::doc_properties::created_on;
use crate::report::link;
use crate::sheet::{header_row, merged, print_setup, text, toned, Tone, COUNT, GREY_FG, HEADER_BG};
use crate::CREATION_DATE;

/// Makes a row tall enough for its most wrapped cell (text, column width), counting a tenth
/// narrower than the report does: LibreOffice wraps these columns sooner.
fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let narrower: Vec<(&str, f64)> = cells.iter().map(|(s, w)| (*s, w * 0.9)).collect();
    crate::report::fit_row(ws, row, &narrower)
}

/// The sheet names: index, entries.
pub fn sheet_names(lang: Lang) -> [&'static str; 2] {
    [
        lang.pick("Indeks", "Index"),
        lang.pick("Rincian", "Entries"),
    ]
}

/// The columns of the index sheet: No., item, answer, status, links, files, size, SHA-256, notes.
const INDEX_WIDTHS: [f64; 9] = [9.0, 34.0, 9.0, 13.0, 26.0, 28.0, 11.0, 34.0, 22.0];
/// The columns of the entries sheet: No., entry, kind, cell, file in the pack, size, SHA-256,
/// notes.
const ENTRY_WIDTHS: [f64; 8] = [9.0, 40.0, 16.0, 10.0, 40.0, 11.0, 34.0, 24.0];

/// The first row of the index table (its header).
pub(crate) const INDEX_HEADER_ROW: u32 = 9;

struct Formats {
    title: Format,
    line: Format,
    label: Format,
    fill_in: Format,
    note: Format,
    header: Format,
    cell: Format,
    right: Format,
    count: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(crate::sheet::BORDER));
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            line: Format::new().set_align(FormatAlign::Top),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            fill_in: Format::new().set_border_bottom(FormatBorder::Thin),
            note: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_font_color(Color::RGB(GREY_FG)),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(HEADER_BG))
                .set_border(FormatBorder::Thin),
            right: cell.clone().set_align(FormatAlign::Right),
            count: cell.clone().set_num_format(COUNT),
            cell,
        }
    }
}

/// The index workbook of `pack`.
pub(crate) fn workbook(
    pack: &Pack,
    ev: &Evaluation,
    sources: &PackSources,
    options: &PackOptions,
) -> Result<Workbook, XlsxError> {
    let lang = options.lang;
    let f = Formats::new();
    let mut wb = Workbook::new();
    let unit = &ev.unit().answers.unit;
    let mut props = DocProperties::new()
        .set_title(lang.pick("Indeks Bukti Dukung", "Evidence Index"))
        .set_subject(ev.criteria.meta.name.clone())
        .set_author("zona");
    if let Some(u) = &unit.name {
        props = props.set_company(u.clone());
    }
    wb.set_properties(&created_on(
        crate::doc_properties::zona_output(props, zona_core::OutputKind::EvidenceIndex),
        CREATION_DATE,
    )?);
    let [index_name, entries_name] = sheet_names(lang);
    let ws = wb.add_worksheet().set_name(index_name)?;
    index_sheet(ws, pack, ev, sources, options, &f)?;
    let ws = wb.add_worksheet().set_name(entries_name)?;
    entries_sheet(ws, pack, lang, &f)?;
    Ok(wb)
}

/// `1 Desember 2026` / `1 December 2026`.
pub(crate) fn date_text((y, m, d): (u16, u8, u8), lang: Lang) -> String {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = match lang {
        Lang::Id => ID,
        Lang::En => EN,
    };
    let month = months
        .get(usize::from(m).saturating_sub(1))
        .copied()
        .unwrap_or("?");
    format!("{d} {month} {y}")
}

/// A byte count with thousands separators (`12.345` / `12,345`).
pub fn bytes_text(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = lang.pick(".", ",");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// The header line that counts what the pack holds.
fn counts_line(pack: &Pack, lang: Lang) -> String {
    let (items, files, bytes, missing, nothing, links) = (
        pack.items.len(),
        pack.files_copied(),
        bytes_text(pack.bytes_copied(), lang),
        pack.files_missing(),
        pack.items_with_nothing(),
        pack.links(),
    );
    match lang {
        Lang::Id => format!(
            "{items} butir; {files} berkas disalin ({bytes} byte); {links} tautan; {missing} berkas tidak ada di paket; {nothing} butir tanpa data dukung"
        ),
        Lang::En => format!(
            "{}; {} copied ({bytes} bytes); {}; {} not in the pack; {} without evidence",
            count_en(items, "item", "items"),
            count_en(files, "file", "files"),
            count_en(links, "link", "links"),
            count_en(missing, "file", "files"),
            count_en(nothing, "item", "items"),
        ),
    }
}

fn index_sheet(
    ws: &mut Worksheet,
    pack: &Pack,
    ev: &Evaluation,
    sources: &PackSources,
    options: &PackOptions,
    f: &Formats,
) -> Result<(), XlsxError> {
    let lang = options.lang;
    for (c, w) in INDEX_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let last = (INDEX_WIDTHS.len() - 1) as u16;
    let total: f64 = INDEX_WIDTHS.iter().sum();
    let unit = &ev.unit().answers.unit;
    let unknown = lang.pick("(tidak disebut)", "(not stated)");
    let mut unit_line = unit.name.clone().unwrap_or_else(|| unknown.to_string());
    if let Some(i) = &unit.instansi {
        unit_line = format!("{unit_line} — {i}");
    }
    let workbook_name = sources
        .workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lines = [
        (lang.pick("Unit kerja", "Unit"), unit_line),
        (
            lang.pick("Tahun penilaian", "Year assessed"),
            unit.year
                .map_or_else(|| unknown.to_string(), |y| y.to_string()),
        ),
        (
            lang.pick("Tanggal paket", "Date of the pack"),
            date_text(options.date, lang),
        ),
        (
            lang.pick("Lembar kerja", "Workbook"),
            format!("{workbook_name} ({})", ev.criteria.meta.name),
        ),
        (lang.pick("Isi paket", "Contents"), counts_line(pack, lang)),
    ];
    text(
        ws,
        0,
        0,
        lang.pick("Indeks Bukti Dukung", "Evidence Index"),
        &f.title,
    )?;
    for (k, (label, value)) in lines.iter().enumerate() {
        let row = 1 + k as u32;
        merged(ws, (row, 0), (row, 1), "", &f.label)?;
        text(ws, row, 0, label, &f.label)?;
        merged(ws, (row, 2), (row, last), "", &f.line)?;
        text(ws, row, 2, value, &f.line)?;
    }
    // The statement of responsibility: a line to fill in, and what it covers.
    let row = 1 + lines.len() as u32;
    merged(ws, (row, 0), (row, 3), "", &f.label)?;
    text(
        ws,
        row,
        0,
        lang.pick(
            "Surat Pernyataan Tanggung Jawab Mutlak — nomor, tanggal:",
            "Statement of responsibility (Surat Pernyataan Tanggung Jawab Mutlak) — number, date:",
        ),
        &f.label,
    )?;
    merged(ws, (row, 4), (row, last), "", &f.fill_in)?;
    let note = lang.pick(
        "Pernyataan unit atas kebenaran bukti mencakup berkas dalam paket ini sebagaimana dikenali oleh nilai SHA-256-nya (perubahan sekecil apa pun mengubah nilai itu; periksa dengan `sha256sum -c SHA256SUMS.txt`). Tautan tidak dibuka oleh zona.",
        "The unit's statement that its evidence is true covers the files in this pack as identified by their SHA-256 (any change to a file changes it; check with `sha256sum -c SHA256SUMS.txt`). zona does not open links.",
    );
    let note_row = row + 1;
    merged(ws, (note_row, 0), (note_row, last), "", &f.note)?;
    text(ws, note_row, 0, note, &f.note)?;
    fit_row(ws, note_row, &[(note, total)])?;

    let heads = [
        lang.pick("No.", "No."),
        lang.pick("Butir", "Item"),
        lang.pick("Jawaban", "Answer"),
        lang.pick("Status bukti", "Evidence status"),
        lang.pick("Tautan", "Links"),
        lang.pick("Berkas", "Files"),
        lang.pick("Ukuran (byte)", "Size (bytes)"),
        "SHA-256",
        lang.pick("Keterangan", "Notes"),
    ];
    let hr = INDEX_HEADER_ROW;
    header_row(ws, hr, 0, &heads, &f.header)?;
    let fitted: Vec<(&str, f64)> = heads.iter().copied().zip(INDEX_WIDTHS).collect();
    fit_row(ws, hr, &fitted)?;
    for (k, item) in pack.items.iter().enumerate() {
        let id = ItemId(k);
        let row = hr + 1 + k as u32;
        let it = ev.criteria.item(id);
        let item_text = it.display_text(lang);
        let answer = answer_shown(ev, id, lang);
        let status = status_label(item.status, lang);
        let tone = match item.status {
            ItemEvidenceStatus::Supported => Tone::Pass,
            ItemEvidenceStatus::Missing => Tone::Fail,
            ItemEvidenceStatus::Unsupported => Tone::Amber,
            ItemEvidenceStatus::NotNeeded => Tone::Plain,
        };
        let links = item.links();
        let files = item.files();
        let names = files
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let sizes = files
            .iter()
            .map(|f| bytes_text(f.size, lang))
            .collect::<Vec<_>>()
            .join("\n");
        let hashes = files
            .iter()
            .map(|f| f.sha256.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let notes = notes(item, lang);
        text(ws, row, 0, &item.number, &f.cell)?;
        text(ws, row, 1, item_text, &f.cell)?;
        text(ws, row, 2, &answer, &f.cell)?;
        text(ws, row, 3, status, &toned(&f.cell, tone))?;
        let links_text = links.join("\n");
        match links.as_slice() {
            [one] => link(ws, row, 4, one, &f.cell)?,
            _ => text(ws, row, 4, &links_text, &f.cell)?,
        }
        text(ws, row, 5, &names, &f.cell)?;
        text(ws, row, 6, &sizes, &f.right)?;
        text(ws, row, 7, &hashes, &f.cell)?;
        let notes_format = if item.has_nothing() {
            toned(&f.cell, Tone::Amber)
        } else {
            f.cell.clone()
        };
        text(ws, row, 8, &notes, &notes_format)?;
        // A hash is one word: it wraps by the column's width, a line per file at least.
        let hash_lines: String = files
            .iter()
            .map(|f| f.sha256.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        fit_row(
            ws,
            row,
            &[
                (&item.number, INDEX_WIDTHS[0]),
                (item_text, INDEX_WIDTHS[1]),
                (&links_text, INDEX_WIDTHS[4]),
                (&names, INDEX_WIDTHS[5]),
                (&hash_lines, INDEX_WIDTHS[7]),
                (&notes, INDEX_WIDTHS[8]),
            ],
        )?;
    }
    let last_row = hr + pack.items.len() as u32;
    ws.autofilter(hr, 0, last_row.max(hr + 1), last)?;
    ws.set_freeze_panes(hr + 1, 0)?;
    print_setup(ws, &INDEX_WIDTHS, Some((hr, hr)))
}

/// The notes of an item: each description, bad link and missing file (with why), or that it has
/// no evidence at all.
fn notes(item: &super::PackItem, lang: Lang) -> String {
    if item.has_nothing() {
        return lang
            .pick("Tidak ada data dukung", "No evidence given")
            .to_string();
    }
    item.entries
        .iter()
        .filter_map(|e| match &e.kind {
            PackEntryKind::Description => Some(e.text.clone()),
            PackEntryKind::BadLink => Some(format!(
                "{} ({})",
                e.text,
                lang.pick("bukan tautan http(s) yang sah", "not a valid http(s) link")
            )),
            PackEntryKind::Missing(why) => Some(format!("{}: {}", e.text, why.label(lang))),
            PackEntryKind::Link(_) | PackEntryKind::Copied(_) => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What an entry is, for the entries sheet.
fn kind_label(kind: &PackEntryKind, lang: Lang) -> &'static str {
    match kind {
        PackEntryKind::Link(_) => lang.pick("Tautan", "Link"),
        PackEntryKind::BadLink => lang.pick("Tautan tidak sah", "Bad link"),
        PackEntryKind::Description => lang.pick("Uraian", "Description"),
        PackEntryKind::Copied(_) => lang.pick("Berkas disalin", "File copied"),
        PackEntryKind::Missing(_) => lang.pick("Berkas tidak ada", "File missing"),
    }
}

fn entries_sheet(
    ws: &mut Worksheet,
    pack: &Pack,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (c, w) in ENTRY_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let heads = [
        lang.pick("No.", "No."),
        lang.pick("Data dukung", "Evidence entry"),
        lang.pick("Jenis", "Kind"),
        lang.pick("Sel", "Cell"),
        lang.pick("Berkas di paket", "File in the pack"),
        lang.pick("Ukuran (byte)", "Size (bytes)"),
        "SHA-256",
        lang.pick("Keterangan", "Notes"),
    ];
    header_row(ws, 0, 0, &heads, &f.header)?;
    let fitted: Vec<(&str, f64)> = heads.iter().copied().zip(ENTRY_WIDTHS).collect();
    fit_row(ws, 0, &fitted)?;
    let mut row = 1u32;
    for item in &pack.items {
        for e in &item.entries {
            text(ws, row, 0, &item.number, &f.cell)?;
            match &e.kind {
                PackEntryKind::Link(l) => link(ws, row, 1, l, &f.cell)?,
                _ => text(ws, row, 1, &e.text, &f.cell)?,
            }
            let kind = kind_label(&e.kind, lang);
            let tone = match &e.kind {
                PackEntryKind::Link(_) | PackEntryKind::Copied(_) => Tone::Pass,
                PackEntryKind::Missing(_) | PackEntryKind::BadLink => Tone::Fail,
                PackEntryKind::Description => Tone::Plain,
            };
            text(ws, row, 2, kind, &toned(&f.cell, tone))?;
            text(ws, row, 3, &e.cell, &f.cell)?;
            let (path, notes) = match &e.kind {
                PackEntryKind::Copied(c) => {
                    text(ws, row, 4, &c.path, &f.cell)?;
                    ws.write_number_with_format(row, 5, c.size as f64, &f.count)?;
                    text(ws, row, 6, &c.sha256, &f.cell)?;
                    (c.path.clone(), String::new())
                }
                PackEntryKind::Missing(why) => (String::new(), why.label(lang)),
                PackEntryKind::BadLink => (
                    String::new(),
                    lang.pick("bukan tautan http(s) yang sah", "not a valid http(s) link")
                        .to_string(),
                ),
                _ => (String::new(), String::new()),
            };
            for c in [4u16, 5, 6] {
                if !matches!(e.kind, PackEntryKind::Copied(_)) {
                    ws.write_blank(row, c, &f.cell)?;
                }
            }
            text(ws, row, 7, &notes, &f.cell)?;
            let sha = match &e.kind {
                PackEntryKind::Copied(c) => c.sha256.as_str(),
                _ => "",
            };
            fit_row(
                ws,
                row,
                &[
                    (&e.text, ENTRY_WIDTHS[1]),
                    (&path, ENTRY_WIDTHS[4]),
                    (sha, ENTRY_WIDTHS[6]),
                    (&notes, ENTRY_WIDTHS[7]),
                ],
            )?;
            row += 1;
        }
    }
    if row == 1 {
        text(
            ws,
            1,
            0,
            lang.pick(
                "Lembar kerja ini tidak menyebut data dukung apa pun.",
                "The workbook gives no evidence at all.",
            ),
            &f.line,
        )?;
    }
    ws.autofilter(0, 0, row.max(2) - 1, (ENTRY_WIDTHS.len() - 1) as u16)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, &ENTRY_WIDTHS, Some((0, 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_sizes_in_each_language() {
        assert_eq!(date_text((2026, 12, 1), Lang::Id), "1 Desember 2026");
        assert_eq!(date_text((2025, 3, 10), Lang::En), "10 March 2025");
        assert_eq!(bytes_text(0, Lang::Id), "0");
        assert_eq!(bytes_text(999, Lang::Id), "999");
        assert_eq!(bytes_text(12_345, Lang::Id), "12.345");
        assert_eq!(bytes_text(1_234_567, Lang::En), "1,234,567");
    }

    #[test]
    fn both_sheets_print_at_a_readable_size() {
        for widths in [&INDEX_WIDTHS[..], &ENTRY_WIDTHS[..]] {
            let scale = crate::sheet::print_scale(widths, true);
            assert!(scale * 11.0 >= 8.0, "{widths:?}: {:.2} pt", scale * 11.0);
        }
    }
}
