//! Sheet 4, Validasi / Validation: every diagnostic of reading and scoring, one row each.

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
    for (n, d) in ctx.r.diagnostics.iter().enumerate() {
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
    if ctx.r.diagnostics.is_empty() {
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
    crate::sheet::print_setup(&mut ws, &WIDTHS, Some((0, 0)))?;
    Ok(ws)
}
