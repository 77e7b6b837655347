//! Keeping a predicate (PermenPANRB 90/2021 Lampiran II Bab IV): the verdict line every output
//! leads with for a unit that holds Menuju WBK or WBBM, and the `Penilaian Internal` /
//! `Internal Assessment` sheet, the internal assessment's result ready to print and sign.
//!
//! Only for a holder ([`zona_core::Evaluation::keeping`]); a unit that holds nothing gets neither.

use crate::sheet::NUM;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use zona_core::keeping::{Keeping, KeptCondition};
use zona_core::lang::{fmt2, fmt_dec, fmt_dec_signed, fmt_plain};
use zona_core::{Criteria, Lang, Role, ScoreResult};

use super::style::{toned, Tone};
use super::{number, paragraph, text, Ctx};
use crate::sheet::{header_row, merged};

/// The name of the internal assessment sheet: `Penilaian Internal` / `Internal Assessment`.
pub fn keeping_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Penilaian Internal", "Internal Assessment")
}

/// "MASIH MEMENUHI" / "TIDAK MEMENUHI" (en "STILL MEETS" / "NO LONGER MEETS").
pub fn verdict_label(k: &Keeping, lang: Lang) -> &'static str {
    match (k.still_meets, lang) {
        (true, Lang::Id) => "MASIH MEMENUHI",
        (false, Lang::Id) => "TIDAK MEMENUHI",
        (true, Lang::En) => "STILL MEETS",
        (false, Lang::En) => "NO LONGER MEETS",
    }
}

/// "Predikat Menuju WBK (diperoleh 2023): MASIH MEMENUHI".
pub fn verdict_line(c: &Criteria, k: &Keeping, lang: Lang) -> String {
    let name = c
        .predicates
        .get(k.predicate)
        .map_or("-", |p| p.display_name(lang));
    let year = match (k.awarded_year, lang) {
        (Some(y), Lang::Id) => format!("diperoleh {y}"),
        (Some(y), Lang::En) => format!("awarded {y}"),
        (None, Lang::Id) => "tahun diperoleh tidak disebut".into(),
        (None, Lang::En) => "year awarded not stated".into(),
    };
    format!(
        "{} {name} ({year}): {}",
        lang.pick("Predikat", "Predicate"),
        verdict_label(k, lang)
    )
}

/// "2 %" in the user's language.
pub fn thin_share_label(k: &Keeping, lang: Lang) -> String {
    format!("{}%", fmt_plain(k.thin_share * 100.0, lang))
}

/// "Nilai total 75,10 ≥ 75,00 (selisih +0,10)".
pub fn condition_text(k: &KeptCondition, lang: Lang) -> String {
    format!(
        "{} {} ≥ {} ({} {})",
        k.label(lang),
        fmt_dec(k.value, k.decimals(), lang),
        fmt2(k.threshold, lang),
        lang.pick("selisih", "margin"),
        fmt_dec_signed(k.margin, k.decimals(), lang)
    )
}

/// The lines under the verdict: the conditions not met (`true`), then those met by a thin margin
/// (`false`).
pub fn detail_lines(k: &Keeping, lang: Lang) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for f in k.failing() {
        out.push((
            true,
            format!(
                "{}: {}",
                lang.pick("Tidak terpenuhi", "Not met"),
                condition_text(f, lang)
            ),
        ));
    }
    for t in k.thin() {
        out.push((
            false,
            format!(
                "{} (< {} {}): {}",
                lang.pick("Selisih tipis", "Thin margin"),
                thin_share_label(k, lang),
                lang.pick("ambang", "of the threshold"),
                condition_text(t, lang)
            ),
        ));
    }
    out
}

trait Label {
    fn label(&self, lang: Lang) -> &str;
}

impl Label for KeptCondition {
    fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.label_id,
            Lang::En => &self.label_en,
        }
    }
}

/// The score of the node with this role (pengungkit, hasil), if the criteria have one.
pub(crate) fn role_score(c: &Criteria, r: &ScoreResult, role: Role) -> Option<(f64, f64)> {
    c.role(role).map(|id| {
        let s = r.node(id);
        (s.score, s.weight)
    })
}

/// Column widths: label, value, threshold, margin, verdict (90 characters: A4 portrait at full
/// size).
const WIDTHS: [f64; 5] = [40.0, 11.0, 11.0, 11.0, 17.0];

/// The internal assessment sheet (Lampiran II Bab IV): who, the period, the predicate held and
/// its year, pengungkit / hasil / total, each condition with value, threshold and margin, the
/// verdict, a notes area and the signature lines of the TPI chair and the head of unit.
pub(super) fn sheet(ctx: &Ctx, k: &Keeping) -> Result<Worksheet, XlsxError> {
    let (c, r, st, lang) = (ctx.c, ctx.r, &ctx.st, ctx.lang);
    let mut ws = Worksheet::new();
    ws.set_name(keeping_sheet_name(lang))?;
    for (i, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(super::col(i), *w)?;
    }
    let total_width: f64 = WIDTHS.iter().sum();
    let rest_width: f64 = WIDTHS[1..].iter().sum();
    let last = super::col(WIDTHS.len() - 1);
    crate::sheet::print_setup(&mut ws, &WIDTHS, None)?;

    let centre_title = st.title.clone().set_align(FormatAlign::Center);
    merged(&mut ws, (0, 0), (0, last), "", &centre_title)?;
    text(
        &mut ws,
        0,
        0,
        ctx.t(
            "LAPORAN HASIL PENILAIAN INTERNAL",
            "INTERNAL ASSESSMENT REPORT",
        ),
        &centre_title,
    )?;
    let centre_note = st.note.clone().set_align(FormatAlign::Center);
    paragraph(
        &mut ws,
        1,
        (0, last),
        total_width,
        ctx.t(
            "Mempertahankan predikat Zona Integritas (PermenPANRB 90/2021, Lampiran II Bab IV): penilaian internal oleh TPI paling sedikit setiap dua tahun",
            "Keeping a Zona Integritas predicate (PermenPANRB 90/2021, Annex II Chapter IV): internal assessment by the TPI at least every two years",
        ),
        &centre_note,
    )?;

    // Who, when, what is held.
    let u = &ctx.input.answers.unit;
    let held = c
        .predicates
        .get(k.predicate)
        .map_or("-", |p| p.display_name(lang));
    let dash = || "—".to_string();
    let facts: Vec<(&str, Option<f64>, String)> = vec![
        (
            ctx.t("Unit kerja", "Unit"),
            None,
            u.name.clone().unwrap_or_else(dash),
        ),
        (
            ctx.t("Instansi", "Agency"),
            None,
            u.instansi.clone().unwrap_or_else(dash),
        ),
        (
            ctx.t("Periode penilaian (tahun LKE)", "Period (LKE year)"),
            u.year.map(f64::from),
            ctx.t("tidak disebut", "not stated").to_string(),
        ),
        (
            ctx.t("Predikat yang dimiliki", "Predicate held"),
            None,
            held.to_string(),
        ),
        (
            ctx.t("Tahun diperoleh", "Year awarded"),
            k.awarded_year.map(f64::from),
            ctx.t("tidak disebut", "not stated").to_string(),
        ),
        (
            ctx.t("Lapisan jawaban", "Answer layer"),
            None,
            ctx.input
                .shown_layer()
                .map_or_else(dash, |l| l.label(lang).to_string()),
        ),
    ];
    let mut row = 3;
    let year_format = st.count.clone().set_align(FormatAlign::Left);
    for (label, num, fallback) in &facts {
        text(&mut ws, row, 0, label, &st.label)?;
        merged(&mut ws, (row, 1), (row, last), "", &st.text)?;
        match num {
            Some(n) => {
                ws.write_number_with_format(row, 1, *n, &year_format)?;
            }
            None => {
                text(&mut ws, row, 1, fallback, &st.text)?;
                super::fit_row(&mut ws, row, &[(fallback, rest_width)])?;
            }
        }
        row += 1;
    }
    row += 1;

    // Scores.
    text(&mut ws, row, 0, ctx.t("Nilai", "Scores"), &st.section)?;
    row += 1;
    header_row(
        &mut ws,
        row,
        0,
        &[
            ctx.t("Komponen", "Component"),
            ctx.t("Nilai", "Score"),
            ctx.t("Bobot", "Weight"),
        ],
        &st.header,
    )?;
    row += 1;
    let mut parts: Vec<(&str, f64, f64)> = Vec::new();
    if let Some((s, w)) = role_score(c, r, Role::Pengungkit) {
        parts.push(("Pengungkit", s, w));
    }
    if let Some((s, w)) = role_score(c, r, Role::Hasil) {
        parts.push((ctx.t("Hasil", "Results (hasil)"), s, w));
    }
    parts.push((ctx.t("NILAI TOTAL", "TOTAL SCORE"), r.total, r.max_total));
    for (label, s, w) in parts {
        text(&mut ws, row, 0, label, &st.text_bold)?;
        number(&mut ws, row, 1, s, &st.num_bold)?;
        number(&mut ws, row, 2, w, &st.num)?;
        row += 1;
    }
    row += 1;

    // Conditions.
    text(
        &mut ws,
        row,
        0,
        format!(
            "{} {held}",
            ctx.t("Syarat predikat", "Conditions of the predicate")
        ),
        &st.section,
    )?;
    row += 1;
    let heads = [
        ctx.t("Syarat", "Condition"),
        ctx.t("Nilai", "Value"),
        ctx.t("Ambang", "Threshold"),
        ctx.t("Selisih", "Margin"),
        ctx.t("Keterangan", "Result"),
    ];
    header_row(&mut ws, row, 0, &heads, &st.header)?;
    row += 1;
    for cond in &k.conditions {
        let (state, tone) = match (cond.passed, cond.thin) {
            (false, _) => (ctx.t("Tidak memenuhi", "Not met"), Tone::Fail),
            (true, true) => (ctx.t("Memenuhi (tipis)", "Met (thin)"), Tone::Amber),
            (true, false) => (ctx.t("Memenuhi", "Met"), Tone::Pass),
        };
        text(&mut ws, row, 0, cond.label(lang), &st.text)?;
        let num = super::with_decimals(&st.num, NUM, cond.decimals());
        number(&mut ws, row, 1, cond.value, &num)?;
        number(&mut ws, row, 2, cond.threshold, &st.num)?;
        number(&mut ws, row, 3, cond.margin, &toned(&num, tone))?;
        text(&mut ws, row, 4, state, &toned(&st.text, tone))?;
        super::fit_row(&mut ws, row, &[(cond.label(lang), WIDTHS[0])])?;
        row += 1;
    }
    paragraph(
        &mut ws,
        row,
        (0, last),
        total_width,
        &match lang {
            Lang::Id => format!(
                "Selisih = nilai − ambang. Tipis: terpenuhi dengan selisih kurang dari {} ambang.",
                thin_share_label(k, lang)
            ),
            Lang::En => format!(
                "Margin = value − threshold. Thin: met by less than {} of the threshold.",
                thin_share_label(k, lang)
            ),
        },
        &st.note,
    )?;
    row += 2;

    // The verdict.
    let tone = if k.still_meets {
        Tone::Pass
    } else {
        Tone::Fail
    };
    let verdict_format = toned(&st.text_bold, tone);
    text(
        &mut ws,
        row,
        0,
        ctx.t("Kesimpulan", "Conclusion"),
        &st.label,
    )?;
    merged(&mut ws, (row, 1), (row, last), "", &verdict_format)?;
    text(&mut ws, row, 1, verdict_label(k, lang), &verdict_format)?;
    row += 1;
    paragraph(
        &mut ws,
        row,
        (0, last),
        total_width,
        ctx.t(
            "Bila terbukti terjadi maladministrasi, predikat dapat dicabut dan unit tidak dapat diusulkan kembali selama dua tahun.",
            "If maladministration is proven, the predicate can be revoked and the unit cannot be proposed again for two years.",
        ),
        &st.note,
    )?;
    row += 2;

    // Notes area.
    text(&mut ws, row, 0, ctx.t("Catatan", "Notes"), &st.section)?;
    row += 1;
    let boxed = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    merged(&mut ws, (row, 0), (row + 4, last), "", &boxed)?;
    row += 6;

    // Signatures: the TPI chair (left) and the head of unit (right).
    let centre = Format::new().set_align(FormatAlign::Center);
    let centre_bold = centre.clone().set_bold();
    let underline = Format::new()
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    merged(&mut ws, (row, 3), (row, last), "", &centre)?;
    text(
        &mut ws,
        row,
        3,
        ctx.t("…………, tanggal …………", "…………, date …………"),
        &centre,
    )?;
    row += 1;
    text(
        &mut ws,
        row,
        0,
        ctx.t(
            "Ketua Tim Penilai Internal",
            "Chair of the Internal Evaluation Team (TPI)",
        ),
        &centre_bold,
    )?;
    merged(&mut ws, (row, 3), (row, last), "", &centre_bold)?;
    text(
        &mut ws,
        row,
        3,
        ctx.t("Kepala Unit Kerja", "Head of Unit"),
        &centre_bold,
    )?;
    row += 4;
    ws.write_blank(row, 0, &underline)?;
    merged(&mut ws, (row, 3), (row, last), "", &underline)?;
    row += 1;
    text(&mut ws, row, 0, "NIP.", &Format::new())?;
    text(&mut ws, row, 3, "NIP.", &Format::new())?;
    Ok(ws)
}
