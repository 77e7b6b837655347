//! Sheet 4, Validasi / Validation: every diagnostic of reading and scoring, then the evidence
//! checks' warnings and errors (a broken link, a file not found, …), one row each; the evidence
//! checks' info notes are counted in a closing line (they are on the Bukti sheet, entry by entry).

use rust_xlsxwriter::{Worksheet, XlsxError};
use zona_core::Severity;

use super::style::{toned, Tone};
use super::summary::header;
use super::{col, number, text, Ctx};

const WIDTHS: [f64; 8] = [5.0, 10.0, 18.0, 60.0, 22.0, 12.0, 7.0, 24.0];

pub(super) fn sheet(ctx: &Ctx) -> Result<Worksheet, XlsxError> {
    let (st, lang) = (&ctx.st, ctx.lang);
    let mut ws = Worksheet::new();
    ws.set_name(ctx.names[super::VALIDATION])?;
    for (k, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(k), *w)?;
    }
    header(
        &mut ws,
        ctx,
        0,
        &[
            ctx.t("No", "No"),
            ctx.t("Tingkat", "Severity"),
            ctx.t("Kode", "Code"),
            ctx.t("Pesan", "Message"),
            ctx.t("Berkas", "File"),
            ctx.t("Lembar", "Sheet"),
            ctx.t("Sel", "Cell"),
            ctx.t("Item", "Item"),
        ],
        &WIDTHS,
    )?;
    ws.set_freeze_panes(1, 0)?;
    let mut row = 1;
    let evidence_notes = ctx
        .ev
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Info)
        .count();
    let shown = ctx.r.diagnostics.iter().chain(
        ctx.ev
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info),
    );
    for (n, d) in shown.enumerate() {
        let tone = match d.severity {
            Severity::Error => Tone::Fail,
            Severity::Warning => Tone::Amber,
            Severity::Info => Tone::Plain,
        };
        let loc = d.location.clone().unwrap_or_default();
        number(&mut ws, row, 0, (n + 1) as f64, &st.count)?;
        text(
            &mut ws,
            row,
            1,
            d.severity.label(lang),
            &toned(&st.text, tone),
        )?;
        text(&mut ws, row, 2, d.code(), &st.text)?;
        let message = d.message(lang);
        text(&mut ws, row, 3, &message, &st.text)?;
        super::fit_row(&mut ws, row, &[(&message, WIDTHS[3])])?;
        text(&mut ws, row, 4, loc.file.as_deref().unwrap_or(""), &st.text)?;
        text(
            &mut ws,
            row,
            5,
            loc.sheet.as_deref().unwrap_or(""),
            &st.text,
        )?;
        text(&mut ws, row, 6, loc.cell.as_deref().unwrap_or(""), &st.text)?;
        text(&mut ws, row, 7, d.item.as_deref().unwrap_or(""), &st.key)?;
        row += 1;
    }
    if row == 1 {
        text(
            &mut ws,
            1,
            3,
            ctx.t("Tidak ada catatan.", "No diagnostics."),
            &st.note,
        )?;
    } else {
        ws.autofilter(0, 0, row - 1, col(WIDTHS.len() - 1))?;
    }
    if evidence_notes > 0 {
        let line = match lang {
            zona_core::Lang::Id => format!(
                "Ditambah {evidence_notes} catatan info pemeriksaan bukti (mis. dokumen yang diharapkan tidak disebut): lihat lembar {}.",
                ctx.names[super::EVIDENCE]
            ),
            zona_core::Lang::En => format!(
                "Plus {}: see the {} sheet.",
                zona_core::lang::count_en(
                    evidence_notes,
                    "evidence check info note (e.g. an expected document not named)",
                    "evidence check info notes (e.g. an expected document not named)"
                ),
                ctx.names[super::EVIDENCE]
            ),
        };
        text(&mut ws, row.max(2) + 1, 3, &line, &st.note)?;
        super::fit_row(&mut ws, row.max(2) + 1, &[(&line, WIDTHS[3])])?;
    }
    crate::sheet::print_setup(&mut ws, &WIDTHS, Some((0, 0)))?;
    Ok(ws)
}
