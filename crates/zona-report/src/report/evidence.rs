//! Sheet Bukti / Evidence: every item that has evidence entries or needs evidence, in LKE order,
//! with its entries (text, kind, status), its evidence status, the points claimed, the points the
//! evidence supports and the points at risk ([`zona_core::evidence`]), and the expected documents
//! no entry mentions. Rows with points at risk are red; the last row holds both totals.
//!
//! An entry is clickable only when it is a well-formed http(s) link
//! ([`zona_core::answers::evidence::Evidence::link`], written by
//! [`super::link`]) or a file that exists inside the report's own folder (a relative link with no
//! `..`, to a document type; see [`file_link`]); everything else is text.

use std::path::Path;

use rust_xlsxwriter::{Format, Url, Worksheet, XlsxError};
use zona_core::answers::evidence::{EvidenceKind, LinkProblem, PathForm};
use zona_core::criteria::{AnswerKind, ItemId};
use zona_core::evidence::{
    EntryReview, EntryStatus, EvidencePolicy, EvidenceReview, ItemEvidence, ItemEvidenceStatus,
};
use zona_core::{DiagKind, Lang};

use super::style::{toned, Tone};
use super::summary::header;
use super::{col, lines, link, number, paragraph, text, Ctx};
use crate::sheet::{cell_text, merged};

const NO: u16 = 0;
const KEY: u16 = 1;
const ITEM: u16 = 2;
const ANSWER: u16 = 3;
const STATUS: u16 = 4;
const CLAIMED: u16 = 5;
const BACKED: u16 = 6;
const AT_RISK: u16 = 7;
const DOCS: u16 = 8;
const ENTRY: u16 = 9;
const KIND: u16 = 10;
const ENTRY_STATUS: u16 = 11;
/// The row of the table's header.
const HEADER_ROW: u32 = 3;

/// Column widths: landscape A4 one page wide prints them at about 8.4 pt.
const WIDTHS: [f64; 12] = [
    9.0, 16.0, 32.0, 8.0, 12.0, 8.0, 8.0, 8.0, 16.0, 34.0, 9.0, 15.0,
];
const LAST: u16 = ENTRY_STATUS;

/// Document types an evidence file may be linked to (never a program or a macro workbook).
const LINKED_TYPES: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "jpg", "jpeg", "png",
    "gif", "txt", "csv", "mp4", "mov", "avi",
];

pub(super) fn sheet(ctx: &Ctx) -> Result<Worksheet, XlsxError> {
    let st = &ctx.st;
    let ev: &EvidenceReview = &ctx.ev;
    let mut ws = Worksheet::new();
    ws.set_name(ctx.names[super::EVIDENCE])?;
    for (k, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(k), *w)?;
    }
    text(
        &mut ws,
        0,
        0,
        ctx.t("Data dukung per item", "Evidence item by item"),
        &st.title,
    )?;
    paragraph(
        &mut ws,
        1,
        (0, LAST),
        WIDTHS.iter().sum(),
        &intro(ctx),
        &st.note,
    )?;
    header(
        &mut ws,
        ctx,
        HEADER_ROW,
        &[
            ctx.t("No", "No"),
            ctx.t("Kunci", "Key"),
            ctx.t("Item", "Item"),
            ctx.t("Jawaban", "Answer"),
            ctx.t("Status bukti", "Evidence status"),
            ctx.t("Poin diklaim", "Points claimed"),
            ctx.t("Poin didukung bukti", "Points backed by evidence"),
            ctx.t("Poin berisiko", "Points at risk"),
            ctx.t(
                "Dokumen yang diharapkan belum disebut",
                "Expected documents not mentioned",
            ),
            ctx.t("Data dukung", "Evidence entry"),
            ctx.t("Jenis", "Kind"),
            ctx.t("Status data dukung", "Entry status"),
        ],
        &WIDTHS,
    )?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    let mut row = HEADER_ROW + 1;
    let mut shown = 0;
    for id in lke_order(ctx) {
        let it = &ev.items[id.0];
        if it.entries.is_empty() && it.status == ItemEvidenceStatus::NotNeeded {
            continue;
        }
        row = item_rows(&mut ws, ctx, row, id, it)?;
        shown += 1;
    }
    if shown == 0 {
        paragraph(
            &mut ws,
            row,
            (0, LAST),
            WIDTHS.iter().sum(),
            ctx.t(
                "Tidak ada item yang memiliki atau memerlukan data dukung.",
                "No item has or needs evidence.",
            ),
            &st.note,
        )?;
        row += 1;
    }

    // Both totals.
    let total = |base: &Format| super::style::node_row(base, 0);
    for k in 0..=LAST {
        ws.write_blank(row, k, &total(&st.text))?;
    }
    text(
        &mut ws,
        row,
        ITEM,
        ctx.t("NILAI TOTAL (semua item)", "TOTAL SCORE (all items)"),
        &total(&st.text),
    )?;
    number(&mut ws, row, CLAIMED, ctx.r.total, &total(&st.num))?;
    match ev.backed_total() {
        Some(b) => {
            let tone = if ev.points_at_risk() > 1e-12 {
                Tone::Fail
            } else {
                Tone::Plain
            };
            number(&mut ws, row, BACKED, b, &toned(&total(&st.num), tone))?;
            number(
                &mut ws,
                row,
                AT_RISK,
                ev.points_at_risk(),
                &toned(&total(&st.num), tone),
            )?;
        }
        None => {
            text(&mut ws, row, BACKED, "—", &total(&st.text))?;
            text(&mut ws, row, AT_RISK, "—", &total(&st.text))?;
        }
    }
    crate::sheet::print_setup(&mut ws, &WIDTHS, Some((HEADER_ROW, HEADER_ROW)))?;
    Ok(ws)
}

/// The items in the order of the LKE sheet: the tree in preorder, each node's items in turn.
pub(super) fn lke_order(ctx: &Ctx) -> Vec<ItemId> {
    ctx.c
        .nodes_preorder()
        .into_iter()
        .flat_map(|n| ctx.c.node(n).items.iter().copied())
        .collect()
}

/// The line under the title: the policy, what counts as evidence, what red means.
fn intro(ctx: &Ctx) -> String {
    let policy = ctx.ev.policy;
    let mut s = format!(
        "{}: {}. ",
        ctx.t("Kebijakan bukti", "Evidence policy"),
        policy_text(policy, ctx.lang)
    );
    s.push_str(ctx.t(
        "Item yang dijawab di atas jawaban terendahnya perlu sedikitnya satu data dukung yang dapat dibuka penilai: tautan http(s) yang sah (zona tidak membuka tautan) atau berkas yang ada. ",
        "An item answered above its lowest answer needs at least one entry an evaluator can open: a well-formed http(s) link (zona never opens links) or a file that exists. ",
    ));
    if policy != EvidencePolicy::None {
        s.push_str(ctx.t(
            "Baris merah: poin yang hilang bila data dukungnya tidak dilengkapi.",
            "Red rows: points lost unless the evidence is completed.",
        ));
    }
    s
}

/// The policy's code and, in words, what an item without acceptable evidence counts for:
/// "lowest — item tanpa bukti …".
pub(super) fn policy_text(policy: EvidencePolicy, lang: Lang) -> String {
    let what = match policy {
        EvidencePolicy::Lowest => lang.pick(
            "item tanpa bukti yang dapat diterima dinilai dengan jawaban terendahnya (seperti penilai)",
            "an item without acceptable evidence is scored at its lowest answer (as evaluators do)",
        ),
        EvidencePolicy::OneStep => lang.pick(
            "item tanpa bukti yang dapat diterima turun satu pilihan (indeks dan rasio: 0)",
            "an item without acceptable evidence goes one option down (index and ratio items: 0)",
        ),
        EvidencePolicy::None => lang.pick(
            "hanya laporan, tidak ada nilai berdasarkan bukti",
            "report only, no evidence-backed score",
        ),
    };
    format!(
        "{} (--evidence-policy {}): {what}",
        policy.label(lang),
        policy.code()
    )
}

/// The item's evidence status in words.
pub(super) fn item_status_text(s: ItemEvidenceStatus, lang: Lang) -> &'static str {
    match s {
        ItemEvidenceStatus::Supported => lang.pick("didukung", "supported"),
        ItemEvidenceStatus::Missing => lang.pick("tanpa data dukung", "no evidence"),
        ItemEvidenceStatus::Unsupported => lang.pick("tidak dapat dibuka", "cannot be opened"),
        ItemEvidenceStatus::NotNeeded => lang.pick("tidak perlu", "not needed"),
    }
}

/// What an entry is, in words.
pub(super) fn kind_text(k: &EvidenceKind, lang: Lang) -> &'static str {
    match k {
        EvidenceKind::Link | EvidenceKind::BadLink(_) => lang.pick("tautan", "link"),
        EvidenceKind::LocalPath(PathForm::Unc) => lang.pick("folder jaringan", "network share"),
        EvidenceKind::LocalPath(_) => lang.pick("berkas", "file"),
        EvidenceKind::Description => lang.pick("uraian", "description"),
    }
}

/// An entry's status in words.
pub(super) fn entry_status_text(e: &EntryReview, lang: Lang) -> String {
    match (&e.status, &e.evidence.kind) {
        (EntryStatus::Link, _) => lang.pick("tautan sah (tidak dibuka)", "valid link (not opened)"),
        (EntryStatus::BadLink, EvidenceKind::BadLink(LinkProblem::Scheme(s))) => {
            return match lang {
                Lang::Id => format!("tautan tidak sah: skema {s}"),
                Lang::En => format!("not a valid link: scheme {s}"),
            };
        }
        (EntryStatus::BadLink, EvidenceKind::BadLink(LinkProblem::NoScheme)) => lang.pick(
            "tautan tidak sah: tanpa http(s)://",
            "not a valid link: no http(s)://",
        ),
        (EntryStatus::BadLink, _) => lang.pick("tautan tidak sah", "not a valid link"),
        (EntryStatus::FileFound(_), _) => lang.pick("berkas ada", "file found"),
        (EntryStatus::FileMissing, _) => lang.pick("berkas tidak ditemukan", "file not found"),
        (EntryStatus::FileNotChecked, _) => lang.pick("berkas tidak diperiksa", "file not checked"),
        (EntryStatus::NetworkPath, _) => lang.pick(
            "folder jaringan: tidak dapat dibuka penilai",
            "network share: evaluators cannot open it",
        ),
        (EntryStatus::Description, _) => lang.pick("uraian saja", "description only"),
    }
    .to_string()
}

/// The review's findings on one entry that its status does not say, in short: the same link or
/// file given for an item of another sub-area, a year outside the item's period rule.
fn entry_findings(ctx: &Ctx, id: ItemId, e: &EntryReview) -> Vec<String> {
    let key = ctx.c.item(id).key.as_str();
    ctx.ev
        .diagnostics
        .iter()
        .filter(|d| d.item.as_deref() == Some(key))
        .filter_map(|d| match (&d.kind, ctx.lang) {
            (DiagKind::EvidenceReused { text, first_item }, lang) if *text == e.evidence.text => {
                Some(match lang {
                    Lang::Id => format!("juga bukti {first_item} (sub-area lain)"),
                    Lang::En => format!("also the evidence of {first_item} (another sub-area)"),
                })
            }
            (DiagKind::EvidenceOutsidePeriod { text, year, .. }, lang)
                if *text == e.evidence.text =>
            {
                Some(match lang {
                    Lang::Id => format!("tahun {year} di luar periode bukti"),
                    Lang::En => format!("the year {year} is outside the evidence period"),
                })
            }
            _ => None,
        })
        .collect()
}

fn entry_tone(s: &EntryStatus) -> Tone {
    match s {
        EntryStatus::Link | EntryStatus::FileFound(_) => Tone::Pass,
        EntryStatus::BadLink | EntryStatus::FileMissing | EntryStatus::NetworkPath => Tone::Fail,
        EntryStatus::FileNotChecked => Tone::Amber,
        // A description beside a link is ordinary; alone, its item is red already.
        EntryStatus::Description => Tone::Plain,
    }
}

/// The tone of an item's status cell: green supported, red lacking with points at risk, amber
/// lacking with none (policy `none`).
pub(super) fn item_tone(it: &ItemEvidence) -> Tone {
    match it.status {
        ItemEvidenceStatus::Supported => Tone::Pass,
        s if s.lacking() && it.points_at_risk() > 1e-12 => Tone::Fail,
        s if s.lacking() => Tone::Amber,
        _ => Tone::Plain,
    }
}

/// The expected documents of an item that no entry mentions, by name (in English with the
/// Indonesian name they must carry).
pub(super) fn documents_not_mentioned(ctx: &Ctx, id: ItemId) -> Vec<String> {
    let it = &ctx.ev.items[id.0];
    let Some(expected) = ctx.c.item(id).evidence.as_ref() else {
        return Vec::new();
    };
    it.documents_not_mentioned
        .iter()
        .filter_map(|k| expected.documents.get(*k).map(|d| d.display_name(ctx.lang)))
        .collect()
}

/// The item's number in the LKE: the markers of its nodes and its own, "A.I.1.i.a" (a marker
/// without a letter or digit, such as "-", is left out).
pub(super) fn number_of(ctx: &Ctx, id: ItemId) -> String {
    let item = ctx.c.item(id);
    let mut nodes: Vec<_> = std::iter::once(item.parent)
        .chain(ctx.c.ancestors(item.parent))
        .collect();
    nodes.reverse();
    let parts: Vec<&str> = nodes
        .iter()
        .filter_map(|n| ctx.c.node(*n).marker.as_deref())
        .chain(item.marker.as_deref())
        .map(|m| m.trim().trim_end_matches('.'))
        .filter(|m| m.chars().any(char::is_alphanumeric))
        .collect();
    parts.join(".")
}

/// Writes one item: its cells over as many rows as it has entries (at least one), one entry a
/// row; returns the next free row.
fn item_rows(
    ws: &mut Worksheet,
    ctx: &Ctx,
    row: u32,
    id: ItemId,
    it: &ItemEvidence,
) -> Result<u32, XlsxError> {
    let (c, st, lang) = (ctx.c, &ctx.st, ctx.lang);
    let item = c.item(id);
    let s = ctx.r.item(id);
    let answer = ctx.input.answers.get(id);
    let none = ctx.ev.policy == EvidencePolicy::None;
    let at_risk = it.points_at_risk();
    let tone = if !none && at_risk > 1e-12 {
        Tone::Fail
    } else {
        Tone::Plain
    };
    let f = |base: &Format| toned(base, tone);
    let n = u32::try_from(it.entries.len().max(1)).unwrap_or(u32::MAX);
    let last = row.saturating_add(n - 1);
    let key_format = st.key.clone().set_text_wrap();
    let number = number_of(ctx, id);
    let label = item.display_text(lang);
    let status = item_status_text(it.status, lang);
    let docs = documents_not_mentioned(ctx, id).join("; ");
    // The item's cells span its entry rows: merged first, then written.
    let cells: [(u16, Format); 9] = [
        (NO, f(&st.text)),
        (KEY, f(&key_format)),
        (ITEM, f(&st.text)),
        (ANSWER, f(&st.text)),
        (
            STATUS,
            toned(
                &st.text,
                if tone == Tone::Plain {
                    item_tone(it)
                } else {
                    tone
                },
            ),
        ),
        (CLAIMED, f(&st.num)),
        (BACKED, f(&st.num)),
        (
            AT_RISK,
            f(if !none && at_risk > 1e-12 {
                &st.num_bold
            } else {
                &st.num
            }),
        ),
        (DOCS, f(&st.text)),
    ];
    // A text column's merged range carries its text; the others are merged blank, then
    // written. Column by column, so that texts and formats are met in the same order as
    // when every range was merged first.
    let merge = n > 1;
    let text_cell = |ws: &mut Worksheet, k: usize, s: &str| -> Result<(), XlsxError> {
        let (column, format) = &cells[k];
        if merge {
            merged(ws, (row, *column), (last, *column), s, format)
        } else {
            text(ws, row, *column, s, format)
        }
    };
    let blank_range = |ws: &mut Worksheet, k: usize| -> Result<(), XlsxError> {
        let (column, format) = &cells[k];
        if merge {
            merged(ws, (row, *column), (last, *column), "", format)?;
        }
        Ok(())
    };
    text_cell(ws, 0, &number)?;
    text_cell(ws, 1, &item.key)?;
    text_cell(ws, 2, label)?;
    blank_range(ws, 3)?;
    super::lke::write_answer(ws, ctx, row, ANSWER, item, s, answer, tone)?;
    text_cell(ws, 4, status)?;
    blank_range(ws, 5)?;
    super::number(ws, row, CLAIMED, it.claimed_points, &cells[5].1)?;
    blank_range(ws, 6)?;
    blank_range(ws, 7)?;
    if none {
        text(ws, row, BACKED, "—", &f(&st.text))?;
        text(ws, row, AT_RISK, "—", &f(&st.text))?;
    } else {
        super::number(ws, row, BACKED, it.backed_points, &cells[6].1)?;
        super::number(ws, row, AT_RISK, at_risk, &cells[7].1)?;
    }
    text_cell(ws, 8, &docs)?;

    // The entries, one a row, and the rows tall enough for the item's cells too.
    let mut entry_lines = Vec::new();
    if it.entries.is_empty() {
        for k in [ENTRY, KIND, ENTRY_STATUS] {
            ws.write_blank(row, k, &f(&st.text))?;
        }
        entry_lines.push(1);
    }
    for (k, e) in it.entries.iter().enumerate() {
        let r = row + u32::try_from(k).unwrap_or(u32::MAX);
        entry_cell(ws, ctx, r, e, &f(&st.text))?;
        let kind = kind_text(&e.evidence.kind, lang);
        text(ws, r, KIND, kind, &f(&st.text))?;
        let mut status = entry_status_text(e, lang);
        let findings = entry_findings(ctx, id, e);
        for f in &findings {
            status.push_str("; ");
            status.push_str(f);
        }
        let status_tone = match (tone, entry_tone(&e.status)) {
            (Tone::Plain, Tone::Pass) if !findings.is_empty() => Tone::Amber,
            (Tone::Plain, t) => t,
            (t, _) => t,
        };
        text(ws, r, ENTRY_STATUS, &status, &toned(&st.text, status_tone))?;
        entry_lines.push(
            [
                lines(&e.evidence.text, WIDTHS[ENTRY as usize]),
                lines(kind, WIDTHS[KIND as usize]),
                lines(&status, WIDTHS[ENTRY_STATUS as usize]),
            ]
            .into_iter()
            .max()
            .unwrap_or(1),
        );
    }
    let item_lines = [
        lines(&number, WIDTHS[NO as usize]),
        // Keys print at 9 pt: about a fifth more characters a line.
        lines(&item.key, WIDTHS[KEY as usize] * 1.2),
        lines(label, WIDTHS[ITEM as usize]),
        lines(status, WIDTHS[STATUS as usize]),
        lines(&docs, WIDTHS[DOCS as usize]),
    ]
    .into_iter()
    .max()
    .unwrap_or(1);
    let short = item_lines.saturating_sub(entry_lines.iter().sum());
    if let Some(l) = entry_lines.last_mut() {
        *l += short;
    }
    for (k, l) in entry_lines.iter().enumerate() {
        super::row_lines(ws, row + u32::try_from(k).unwrap_or(u32::MAX), *l)?;
    }
    Ok(last + 1)
}

/// Writes an entry: a hyperlink when it is a well-formed http(s) link or a file inside the
/// report's folder, else its text.
fn entry_cell(
    ws: &mut Worksheet,
    ctx: &Ctx,
    row: u32,
    e: &EntryReview,
    plain: &Format,
) -> Result<(), XlsxError> {
    if let Some(l) = e.evidence.link() {
        return link(ws, row, ENTRY, l, &ctx.st.link);
    }
    if let Some(rel) = file_link(ctx.folder.as_deref(), e) {
        let url = Url::new(format!("file:///{rel}")).set_text(cell_text(&e.evidence.text));
        if ws
            .write_url_with_format(row, ENTRY, url, &ctx.st.link)
            .is_ok()
        {
            return Ok(());
        }
    }
    text(ws, row, ENTRY, &e.evidence.text, plain)
}

/// The link to an evidence file, relative to the report's folder (`bukti/sk-tim.pdf`), when that
/// is straightforward and safe: a relative entry whose file was found, lies inside `folder` once
/// every symbolic link is resolved (so the link needs no `..` and no absolute path), is a
/// document type ([`LINKED_TYPES`]), and has a name of plain characters (no `%`, `#`, `?`, `:`,
/// control characters). Everything else is written as text.
pub(super) fn file_link(folder: Option<&Path>, e: &EntryReview) -> Option<String> {
    let folder = folder?;
    let EntryStatus::FileFound(found) = &e.status else {
        return None;
    };
    if e.evidence.kind != EvidenceKind::LocalPath(PathForm::Relative) {
        return None;
    }
    crate::sheet::relative_file_link(folder, Path::new(found), LINKED_TYPES)
}

/// What an item without acceptable evidence lacks, in words: no entry at all, or what its entries
/// are (and the expected documents no entry mentions).
pub(super) fn lacking_text(ctx: &Ctx, id: ItemId) -> String {
    let lang = ctx.lang;
    let it = &ctx.ev.items[id.0];
    let mut parts: Vec<String> = Vec::new();
    if it.entries.is_empty() {
        parts.push(
            lang.pick(
                "belum ada data dukung: tambahkan tautan http(s) atau berkas",
                "no evidence entered: add an http(s) link or a file",
            )
            .to_string(),
        );
    } else if !it.entries.iter().any(|e| e.status.acceptable()) {
        let mut seen: Vec<(String, usize)> = Vec::new();
        for e in &it.entries {
            let s = entry_status_text(e, lang);
            match seen.iter_mut().find(|(t, _)| *t == s) {
                Some((_, n)) => *n += 1,
                None => seen.push((s, 1)),
            }
        }
        let list: Vec<String> = seen
            .into_iter()
            .map(|(s, n)| if n > 1 { format!("{n}× {s}") } else { s })
            .collect();
        parts.push(match lang {
            Lang::Id => format!("tidak ada yang dapat dibuka penilai ({})", list.join(", ")),
            Lang::En => format!("nothing an evaluator can open ({})", list.join(", ")),
        });
    }
    let docs = documents_not_mentioned(ctx, id);
    if !docs.is_empty() {
        parts.push(match lang {
            Lang::Id => format!("dokumen belum disebut: {}", docs.join(", ")),
            Lang::En => format!("documents not mentioned: {}", docs.join(", ")),
        });
    }
    parts.join("; ")
}

/// The answer an item takes without its evidence: the option the policy gives, or 0 (a count or
/// an index), as a reader knows it.
pub(super) fn backed_answer_text(ctx: &Ctx, id: ItemId) -> String {
    let it = &ctx.ev.items[id.0];
    match (&it.backed_answer, &ctx.c.item(id).answer) {
        (Some(a), _) => a.clone(),
        (None, AnswerKind::Ratio(_)) => "0%".to_string(),
        (None, _) => "0".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zona_core::answers::evidence::{classify, Evidence};
    use zona_core::Location;

    fn found(text: &str, path: &Path) -> EntryReview {
        EntryReview {
            evidence: Evidence {
                text: text.to_string(),
                kind: classify(text),
                location: Location::default(),
            },
            status: EntryStatus::FileFound(path.display().to_string()),
        }
    }

    #[test]
    fn files_are_linked_only_inside_the_folder_and_only_documents() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let folder = root.join("laporan");
        std::fs::create_dir_all(folder.join("bukti")).unwrap();
        let write = |rel: &str| {
            let p = folder.join(rel);
            std::fs::write(&p, b"x").unwrap();
            p
        };
        let sk = write("bukti/SK Tim.pdf");
        let at = |text: &str, p: &Path| file_link(Some(&folder), &found(text, p));
        assert_eq!(
            at("bukti/SK Tim.pdf", &sk).as_deref(),
            Some("bukti/SK Tim.pdf")
        );
        // No folder (report bytes), another folder, an absolute entry: text.
        assert_eq!(file_link(None, &found("bukti/SK Tim.pdf", &sk)), None);
        assert_eq!(
            file_link(Some(&root.join("lain")), &found("bukti/SK Tim.pdf", &sk)),
            None
        );
        assert_eq!(at(&sk.display().to_string(), &sk), None);
        // A file outside the folder, a program, a name with '#': text.
        let outside = root.join("luar.pdf");
        std::fs::write(&outside, b"x").unwrap();
        assert_eq!(at("../luar.pdf", &outside), None);
        let exe = write("bukti/setup.exe");
        assert_eq!(at("bukti/setup.exe", &exe), None);
        let hash = write("bukti/a#b.pdf");
        assert_eq!(at("bukti/a#b.pdf", &hash), None);
        // A status other than found: text.
        let mut e = found("bukti/SK Tim.pdf", &sk);
        e.status = EntryStatus::FileNotChecked;
        assert_eq!(file_link(Some(&folder), &e), None);
        // A symbolic link inside the folder to a file outside it: text.
        #[cfg(unix)]
        {
            let link = folder.join("bukti/pintas.pdf");
            std::os::unix::fs::symlink(&outside, &link).unwrap();
            assert_eq!(at("bukti/pintas.pdf", &link), None);
        }
    }
}
