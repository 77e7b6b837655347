//! The pages, written as HTML text. Everything that comes from the input (unit names, item
//! texts, diagnostics, file names) goes through [`esc`]. One page is in one language.

use std::fmt::Write;

use zona_core::lang::fmt2;
use zona_core::priority::{analyse, Target};
use zona_core::{Evaluation, Lang};
use zona_report::render::view::{
    compare_view, score_view, AreaView, ConditionView, DeltaView, MeasureView, ScoreView,
};

/// The style sheet (served at `/style.css`; the CSP allows no inline style).
pub(crate) const STYLE: &str = include_str!("style.css");
/// The one script (served at `/app.js`): drag-and-drop onto the file input. The page works
/// without it.
pub(crate) const SCRIPT: &str = include_str!("app.js");

/// `s` escaped for HTML text and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} — zona</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n\
         <script src=\"/app.js\" defer></script>\n</head>\n<body>\n<header><a href=\"/?lang={code}\" \
         class=\"brand\">zona</a> <span>{tagline}</span></header>\n<main>\n{body}</main>\n</body>\n</html>\n",
        code = crate::lang_code(lang),
        title = esc(title),
        tagline = lang.pick(
            "Penilaian LKE Zona Integritas (PermenPANRB 90/2021)",
            "Zona Integritas LKE scoring (PermenPANRB 90/2021)"
        ),
    )
}

/// A page with a title and one message (errors, 404, 413, 401).
pub(crate) fn message_page(lang: Lang, title: &str, message: &str) -> String {
    let body = format!(
        "<h1>{}</h1>\n<p id=\"message\" class=\"message\">{}</p>\n<p><a href=\"/?lang={}\">{}</a></p>\n",
        esc(title),
        esc(message),
        crate::lang_code(lang),
        lang.pick("Kembali ke unggah", "Back to upload"),
    );
    page(lang, title, &body)
}

fn select(name: &str, label: &str, options: &[(&str, &str)], selected: &str) -> String {
    let mut s = format!("<label>{} <select name=\"{name}\">", esc(label));
    for (value, text) in options {
        let sel = if *value == selected { " selected" } else { "" };
        let _ = write!(s, "<option value=\"{value}\"{sel}>{}</option>", esc(text));
    }
    s.push_str("</select></label>\n");
    s
}

/// GET `/`: the upload form (works without JavaScript).
pub(crate) fn upload_page(lang: Lang, max_upload_bytes: usize) -> String {
    let code = crate::lang_code(lang);
    let t = |id, en| lang.pick(id, en);
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>{}</h1>\n<p>{}</p>\n\
         <form method=\"post\" action=\"/score?lang={code}\" enctype=\"multipart/form-data\" id=\"upload\">\n\
         <div id=\"drop\" class=\"drop\"><label for=\"workbook\">{}</label>\n\
         <input type=\"file\" id=\"workbook\" name=\"workbook\" accept=\".xlsx,.xlsm,.xls,.ods,.json\" multiple required>\n\
         <p class=\"hint\">{} {} MB.</p></div>\n<fieldset><legend>{}</legend>\n",
        t("Nilai LKE Zona Integritas", "Score a Zona Integritas LKE"),
        t(
            "Pilih atau seret satu berkas LKE (xlsx, xlsm, xls, ods, atau JSON PortalRB). Beberapa tahun satu unit dapat dipilih sekaligus (terlama lebih dahulu) untuk dibandingkan. Berkas hanya dibaca untuk penilaian ini lalu dihapus.",
            "Choose or drop one LKE file (xlsx, xlsm, xls, ods, or PortalRB JSON). Several years of one unit can be chosen together (oldest first) to compare them. The files are read for this evaluation only, then deleted."
        ),
        t("Berkas LKE", "LKE file"),
        t("Batas ukuran", "Size limit"),
        max_upload_bytes / (1024 * 1024),
        t("Pilihan", "Options"),
    );
    body.push_str(&select(
        "lang",
        t("Bahasa hasil", "Result language"),
        &[("id", "Bahasa Indonesia"), ("en", "English")],
        code,
    ));
    body.push_str(&select(
        "unanswered",
        t("Item belum dijawab", "Unanswered items"),
        &[
            (
                "zero",
                t(
                    "bernilai 0 (seperti diajukan sekarang)",
                    "count 0 (as if submitted now)",
                ),
            ),
            (
                "exclude",
                t(
                    "tidak ikut dirata-rata (seperti rumus LKE)",
                    "left out of the mean (as the LKE formulas)",
                ),
            ),
        ],
        "zero",
    ));
    body.push_str(&select(
        "prior",
        t("Sudah berpredikat Menuju WBK", "Already holds Menuju WBK"),
        &[
            (
                "unstated",
                t(
                    "sesuai lembar unit / tidak diketahui",
                    "as the unit sheet states / unknown",
                ),
            ),
            ("yes", t("ya", "yes")),
            ("no", t("tidak", "no")),
        ],
        "unstated",
    ));
    body.push_str(&select(
        "layer",
        t("Lapisan jawaban", "Answer layer"),
        &[
            (
                "unit",
                t("unit (penilaian mandiri)", "unit (self-assessment)"),
            ),
            (
                "tpi",
                t("TPI (evaluator internal)", "TPI (internal evaluator)"),
            ),
            (
                "tpn",
                t("TPN (evaluator nasional)", "TPN (national evaluator)"),
            ),
        ],
        "unit",
    ));
    body.push_str(&select(
        "evidence_policy",
        t(
            "Item tanpa bukti yang dapat diterima",
            "Items without acceptable evidence",
        ),
        &[
            (
                "lowest",
                t(
                    "dinilai jawaban terendah (seperti evaluator)",
                    "scored at their lowest answer (as evaluators do)",
                ),
            ),
            ("one-step", t("turun satu jawaban", "one answer step down")),
            (
                "none",
                t(
                    "hanya dilaporkan (tanpa nilai didukung bukti)",
                    "reported only (no evidence-backed score)",
                ),
            ),
        ],
        "lowest",
    ));
    let _ = write!(
        body,
        "</fieldset>\n<button type=\"submit\" id=\"submit\">{}</button>\n</form>\n\
         <p><a href=\"/template.xlsx?lang={code}\" id=\"template\">{}</a></p>\n\
         <p class=\"switch\"><a href=\"/?lang={}\" id=\"switch-lang\">{}</a></p>\n",
        t("Nilai", "Score"),
        t(
            "Unduh templat LKE kosong (xlsx)",
            "Download a blank LKE template (xlsx)"
        ),
        lang.pick("en", "id"),
        lang.pick("English", "Bahasa Indonesia"),
    );
    page(lang, t("Unggah LKE", "Upload an LKE"), &body)
}

fn num(v: f64, lang: Lang) -> String {
    fmt2(v, lang)
}

fn opt_num(v: Option<f64>, lang: Lang) -> String {
    v.map_or_else(|| "—".to_string(), |v| num(v, lang))
}

fn status_text(status: &str, lang: Lang) -> &'static str {
    match status {
        "met" => lang.pick("Memenuhi", "Met"),
        "scores_met_prior_unknown" => lang.pick(
            "Nilai memenuhi; predikat sebelumnya belum diketahui",
            "Scores met; prior predicate unknown",
        ),
        _ => lang.pick("Tidak memenuhi", "Not met"),
    }
}

/// The result page of one evaluation; `id` names its report download.
pub(crate) fn result_page(ev: &Evaluation, file_name: &str, id: &str, lang: Lang) -> String {
    let view = score_view(ev, lang);
    let t = |id, en| lang.pick(id, en);
    let code = crate::lang_code(lang);
    let mut b = String::new();
    let unit = unit_label(&view, file_name);
    let _ = write!(
        b,
        "<h1>{}</h1>\n<p class=\"meta\"><span id=\"unit\">{}</span> · {}: <span id=\"year\">{}</span> · {}: <span id=\"criteria\">{} ({})</span> · {}: {}</p>\n",
        t("Hasil penilaian", "Evaluation result"),
        esc(&unit),
        t("Tahun", "Year"),
        view.unit.year.map_or_else(|| "—".to_string(), |y| y.to_string()),
        t("Kriteria", "Criteria"),
        esc(view.criteria.name),
        esc(view.criteria.version),
        t("Berkas", "File"),
        esc(file_name),
    );
    if view.criteria.provisional {
        let _ = writeln!(
            b,
            "<p class=\"warn\">{}</p>",
            t(
                "Kriteria ini bersifat sementara (provisional).",
                "These criteria are provisional."
            )
        );
    }
    // Totals.
    let _ = write!(
        b,
        "<section class=\"totals\">\n<div class=\"big\"><span class=\"label\">{}</span> <span id=\"total\">{}</span> / {}</div>\n\
         <div><span class=\"label\">{}</span> <span id=\"pengungkit\">{}</span></div>\n\
         <div><span class=\"label\">{}</span> <span id=\"hasil\">{}</span></div>\n\
         <div><span class=\"label\">{}</span> {}</div>\n</section>\n\
         <p><a href=\"/report/{id}?lang={code}\" id=\"download\" class=\"button\">{}</a> <a href=\"/?lang={code}\">{}</a></p>\n",
        t("Nilai total", "Total"),
        zona_core::lang::fmt_dec(view.total, view.total_decimals(), lang),
        num(view.max_total, lang),
        t("Pengungkit", "Pengungkit (enablers)"),
        opt_num(view.pengungkit, lang),
        t("Hasil", "Hasil (results)"),
        opt_num(view.hasil, lang),
        t("Lapisan", "Layer"),
        esc(&layer_name(view.layer, lang)),
        t("Unduh laporan (xlsx)", "Download the report (xlsx)"),
        t("Nilai berkas lain", "Score another file"),
    );
    keeping(&mut b, &view, lang);
    evidence(&mut b, ev, &view, lang);
    // Predicates.
    let _ = writeln!(b, "<h2>{}</h2>", t("Predikat", "Predicates"));
    for p in &view.predicates {
        let _ = write!(
            b,
            "<h3>{} — <span class=\"verdict {cls}\" data-predicate=\"{key}\" data-status=\"{status}\">{text}</span></h3>\n\
             <table class=\"conditions\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(p.name),
            t("Syarat", "Condition"),
            t("Nilai", "Value"),
            t("Ambang", "Threshold"),
            t("Selisih", "Margin"),
            t("Status", "Status"),
            cls = if p.met { "ok" } else { "no" },
            key = esc(p.key),
            status = esc(p.status),
            text = status_text(p.status, lang),
        );
        for c in &p.conditions {
            let d = c.decimals();
            let shown = |v: Option<f64>| {
                v.map_or_else(|| "—".to_string(), |v| zona_core::lang::fmt_dec(v, d, lang))
            };
            let (value, threshold) = match (c.value_percent, c.threshold_percent) {
                (Some(v), Some(th)) => (
                    format!(
                        "{} ({} %)",
                        shown(c.value),
                        zona_core::lang::fmt_dec(v, c.percent_decimals(), lang)
                    ),
                    format!("{} ({} %)", opt_num(c.threshold, lang), num(th, lang)),
                ),
                _ => (shown(c.value), opt_num(c.threshold, lang)),
            };
            let passed = match c.passed {
                Some(true) => t("lulus", "passes"),
                Some(false) => t("belum", "short"),
                None => t("tidak diketahui", "unknown"),
            };
            let cls = match c.passed {
                Some(true) => "ok",
                Some(false) => "no",
                None => "unknown",
            };
            let _ = writeln!(
                b,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"{cls}\">{}</td></tr>",
                esc(c.label),
                value,
                threshold,
                c.margin.map_or_else(|| "—".to_string(), |m| zona_core::lang::fmt_dec_signed(m, d, lang)),
                passed,
            );
        }
        b.push_str("</tbody></table>\n");
    }
    // Areas and radar.
    let _ = writeln!(
        b,
        "<h2>{}</h2>\n<div class=\"areas\">",
        t("Area pengungkit", "Pengungkit areas")
    );
    b.push_str(&radar(&view.areas, &area_thresholds(&view), lang));
    let _ = writeln!(
        b,
        "<table class=\"areas-table\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("Area", "Area"),
        t("Nilai", "Score"),
        t("Bobot", "Weight"),
        t("% bobot", "% of weight"),
    );
    for a in &view.areas {
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{} %</td></tr>",
            esc(a.name),
            num(a.score, lang),
            num(a.weight, lang),
            num(a.percent, lang),
        );
    }
    b.push_str("</tbody></table>\n</div>\n");
    // The plan.
    plan(&mut b, ev, lang);
    // Diagnostics.
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        t(
            "Catatan pembacaan dan penilaian",
            "Reading and scoring notes"
        )
    );
    if view.diagnostics.is_empty() {
        let _ = writeln!(b, "<p>{}</p>", t("Tidak ada catatan.", "No notes."));
    } else {
        let _ = writeln!(
            b,
            "<table class=\"diagnostics\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t("Tingkat", "Severity"),
            t("Sel", "Cell"),
            t("Item", "Item"),
            t("Catatan", "Note"),
        );
        for d in &view.diagnostics {
            let place = match (d.sheet, d.cell) {
                (Some(s), Some(c)) => format!("{s}!{c}"),
                (None, Some(c)) => c.to_string(),
                (Some(s), None) => s.to_string(),
                (None, None) => "—".to_string(),
            };
            let severity = match d.severity {
                "error" => t("galat", "error"),
                "warning" => t("peringatan", "warning"),
                _ => t("info", "info"),
            };
            let _ = writeln!(
                b,
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(d.severity),
                severity,
                esc(&place),
                esc(d.item.unwrap_or("")),
                esc(&d.message),
            );
        }
        b.push_str("</tbody></table>\n");
    }
    page(lang, t("Hasil penilaian", "Evaluation result"), &b)
}

/// For a unit that holds a predicate (its unit sheet says so): the keeping verdict first (Lampiran
/// II Bab IV), and every condition that fails or is met by a thin margin.
fn keeping(b: &mut String, view: &ScoreView, lang: Lang) {
    let Some(k) = &view.keeping else {
        return;
    };
    let t = |id, en| lang.pick(id, en);
    let _ = write!(
        b,
        "<section class=\"keeping\" id=\"keeping\" data-status=\"{}\">\n<h2>{}</h2>\n<p class=\"{}\" id=\"keeping-verdict\">{}</p>\n",
        k.status,
        t("Mempertahankan predikat", "Keeping the predicate"),
        if k.still_meets { "pass" } else { "fail" },
        esc(&k.verdict),
    );
    let flagged: Vec<_> = k
        .conditions
        .iter()
        .filter(|c| !c.passed || c.thin)
        .collect();
    if !flagged.is_empty() {
        let _ = write!(
            b,
            "<table class=\"conditions\" id=\"keeping-conditions\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead><tbody>",
            t("Syarat", "Condition"),
            t("Nilai", "Value"),
            t("Ambang", "Threshold"),
            t("Selisih", "Margin"),
        );
        for c in flagged {
            let _ = write!(
                b,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"{}\">{}</td></tr>",
                esc(c.label),
                zona_core::lang::fmt_dec(c.value, c.decimals(), lang),
                num(c.threshold, lang),
                zona_core::lang::fmt_dec_signed(c.margin, c.decimals(), lang),
                if c.passed { "warn" } else { "fail" },
                if c.passed {
                    t("selisih tipis", "thin margin")
                } else {
                    t("tidak terpenuhi", "not met")
                },
            );
        }
        b.push_str("</tbody></table>\n");
    }
    b.push_str("</section>\n");
}

/// How many items lacking evidence the page lists (most points at risk first).
const EVIDENCE_ITEMS_SHOWN: usize = 50;

/// At most `max` characters, the last an ellipsis when cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let kept: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

/// An evidence entry's status as the page names it.
fn entry_status_text(status: &str, lang: Lang) -> &'static str {
    match status {
        "link" => lang.pick("tautan", "link"),
        "bad_link" => lang.pick("tautan tidak sah", "invalid link"),
        "file_found" => lang.pick("berkas ada", "file present"),
        "file_missing" => lang.pick("berkas tidak ada", "file missing"),
        "file_not_checked" => lang.pick("berkas tidak diperiksa", "file not checked"),
        "network_path" => lang.pick("jalur jaringan", "network path"),
        _ => lang.pick("uraian saja", "description only"),
    }
}

/// The evidence (data dukung) section: both totals, the coverage, the conditions lost when the
/// evidence is not completed, and the items lacking evidence with their points at risk and
/// what each entry is. No entry is made a link: the items listed have none an evaluator can open.
fn evidence(b: &mut String, ev: &Evaluation, view: &ScoreView, lang: Lang) {
    let t = |id, en| lang.pick(id, en);
    let e = &view.evidence_backed;
    let review = &ev.shown().evidence;
    let _ = writeln!(
        b,
        "<h2>{}</h2>\n<section class=\"evidence\" id=\"evidence\" data-policy=\"{}\">",
        t("Bukti (data dukung)", "Evidence (data dukung)"),
        esc(e.policy),
    );
    let _ = writeln!(
        b,
        "<p><span class=\"label\">{}</span> <span id=\"evidence-claimed\">{}</span> · <span class=\"label\">{}</span> <span id=\"evidence-backed\">{}</span> ({}: {})</p>",
        t("Nilai diklaim", "Claimed score"),
        zona_core::lang::fmt_dec(view.total, view.total_decimals(), lang),
        t("nilai didukung bukti", "evidence-backed score"),
        e.total.map_or_else(
            || t("tidak dihitung", "not computed").to_string(),
            |v| num(v, lang)
        ),
        t("kebijakan", "policy"),
        esc(review.policy.label(lang)),
    );
    let _ = writeln!(
        b,
        "<p>{}: <span id=\"evidence-lacking\">{}</span> {} {} {} · {}: <span id=\"evidence-coverage\">{}</span> %{}</p>",
        t(
            "Item tanpa bukti yang dapat diterima",
            "Items without acceptable evidence"
        ),
        e.items_lacking,
        t("dari", "of"),
        e.items_needing,
        t("item yang perlu bukti", "that need evidence"),
        t("cakupan bukti", "evidence coverage"),
        opt_num(e.coverage_percent, lang),
        e.points_at_risk.map_or_else(String::new, |p| format!(
            " · <span id=\"evidence-at-risk\">{}</span> {}",
            num(p, lang),
            t("poin berisiko", "points at risk")
        )),
    );
    let _ = writeln!(
        b,
        "<p class=\"hint\">{}</p>",
        t(
            "Bukti yang diakui: tautan http(s) (tidak dibuka oleh zona) atau berkas yang ada. Berkas yang disebut di data dukung tidak diperiksa pada unggahan: periksa dengan zona score --evidence-dir di komputer yang menyimpan berkasnya.",
            "Acceptable evidence: an http(s) link (zona never opens it) or a file that exists. Files named in the evidence are not looked for in an upload: check them with zona score --evidence-dir on the computer that holds them."
        ),
    );
    if !e.lost_conditions.is_empty() {
        let _ = writeln!(
            b,
            "<h3>{}</h3>\n<table class=\"conditions\" id=\"evidence-lost\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t(
                "Syarat yang tidak terpenuhi bila bukti tidak dilengkapi",
                "Conditions lost unless the evidence is completed"
            ),
            t("Predikat", "Predicate"),
            t("Syarat", "Condition"),
            t("Diklaim", "Claimed"),
            t("Didukung bukti", "Evidence-backed"),
            t("Ambang", "Threshold"),
        );
        for l in &e.lost_conditions {
            let name = view
                .predicates
                .iter()
                .find(|p| p.key == l.predicate)
                .map_or(l.predicate, |p| p.name);
            let _ = writeln!(
                b,
                "<tr data-predicate-lost=\"{}\"><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n no\">{}</td><td class=\"n\">{}</td></tr>",
                esc(l.predicate),
                esc(name),
                esc(l.label),
                opt_num(l.claimed_value, lang),
                opt_num(l.backed_value, lang),
                opt_num(l.threshold, lang),
            );
        }
        b.push_str("</tbody></table>\n");
    }
    let actions = zona_report::render::view::evidence_actions(review);
    if !actions.is_empty() {
        let backed = review.backed.is_some();
        let _ = writeln!(
            b,
            "<h3>{}</h3>\n<table class=\"plan\" id=\"evidence-items\"><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t("Lengkapi bukti", "Complete the evidence"),
            t("Item", "Item"),
            t("Uraian", "Text"),
            t("Sel", "Cell"),
            t("Jawaban", "Answer"),
            t("Poin berisiko", "Points at risk"),
            t("Data dukung", "Evidence"),
        );
        for (n, id) in actions.iter().take(EVIDENCE_ITEMS_SHOWN).enumerate() {
            let item = ev.criteria.item(*id);
            let iv = &view.items[id.0];
            let x = &iv.evidence;
            let answer = match (iv.answer, x.backed_answer) {
                (Some(a), Some(to)) if backed => format!("{} → {}", esc(a), esc(to)),
                (Some(a), _) => esc(a),
                (None, _) => "—".to_string(),
            };
            let entries = if x.entries.is_empty() {
                format!(
                    "<span class=\"no\">{}</span>",
                    t("tanpa data dukung", "no evidence")
                )
            } else {
                x.entries
                    .iter()
                    .map(|en| {
                        format!(
                            "<span class=\"entry\" data-status=\"{}\">{} ({})</span>",
                            esc(en.status),
                            esc(&cut(en.text, 80)),
                            entry_status_text(en.status, lang),
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            let _ = writeln!(
                b,
                "<tr data-item=\"{}\" data-evidence=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(&item.key),
                esc(x.status),
                n + 1,
                esc(&item.key),
                esc(item.display_text(lang)),
                esc(x.cell.as_deref().unwrap_or("—")),
                answer,
                opt_num(x.points_at_risk, lang),
                entries,
            );
        }
        b.push_str("</tbody></table>\n");
        if actions.len() > EVIDENCE_ITEMS_SHOWN {
            let _ = writeln!(
                b,
                "<p>{}</p>",
                match lang {
                    Lang::Id => format!(
                        "… dan {} lainnya (semua di laporan xlsx).",
                        actions.len() - EVIDENCE_ITEMS_SHOWN
                    ),
                    Lang::En => format!(
                        "… and {} more (all of them in the xlsx report).",
                        actions.len() - EVIDENCE_ITEMS_SHOWN
                    ),
                }
            );
        }
    }
    b.push_str("</section>\n");
}

fn unit_label(view: &ScoreView, file_name: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(n) = view.unit.name.filter(|s| !s.trim().is_empty()) {
        parts.push(n.trim());
    }
    if let Some(i) = view.unit.instansi.filter(|s| !s.trim().is_empty()) {
        parts.push(i.trim());
    }
    if parts.is_empty() {
        file_name.to_string()
    } else {
        parts.join(" — ")
    }
}

fn layer_name(layer: &str, lang: Lang) -> String {
    match layer {
        "unit" => lang
            .pick("unit (penilaian mandiri)", "unit (self-assessment)")
            .into(),
        "tpi" => lang
            .pick("TPI (evaluator internal)", "TPI (internal evaluator)")
            .into(),
        "tpn" => lang
            .pick("TPN (evaluator nasional)", "TPN (national evaluator)")
            .into(),
        other => other.to_string(),
    }
}

/// The distinct area thresholds (% of weight) the predicates set, for the radar's rings.
fn area_thresholds(view: &ScoreView) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::new();
    for p in &view.predicates {
        for c in &p.conditions {
            if c.kind == "area" {
                if let Some(th) = c.threshold_percent {
                    if !out.iter().any(|o| (o - th).abs() < 1e-9) {
                        out.push(th);
                    }
                }
            }
        }
    }
    out
}

/// The radar chart of the areas' % of weight, as inline SVG.
fn radar(areas: &[AreaView], thresholds: &[f64], lang: Lang) -> String {
    let n = areas.len();
    let mut s = String::new();
    if n < 3 {
        return s;
    }
    let (cx, cy, r) = (380.0_f64, 200.0_f64, 130.0_f64);
    let point = |i: usize, frac: f64| {
        let angle = -std::f64::consts::FRAC_PI_2 + (i as f64) * std::f64::consts::TAU / (n as f64);
        (cx + r * frac * angle.cos(), cy + r * frac * angle.sin())
    };
    let polygon = |fracs: &dyn Fn(usize) -> f64| {
        (0..n)
            .map(|i| {
                let (x, y) = point(i, fracs(i));
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let _ = write!(
        s,
        "<svg id=\"radar\" class=\"radar\" viewBox=\"0 0 760 400\" width=\"760\" height=\"400\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
        lang.pick("Diagram radar area pengungkit (% bobot)", "Radar chart of the pengungkit areas (% of weight)"),
        lang.pick("Area pengungkit (% bobot)", "Pengungkit areas (% of weight)"),
    );
    for ring in [0.25, 0.5, 0.75, 1.0] {
        let _ = writeln!(
            s,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"#c8ccd4\" stroke-width=\"1\"/>",
            polygon(&|_| ring)
        );
    }
    for i in 0..n {
        let (x, y) = point(i, 1.0);
        let _ = writeln!(
            s,
            "<line x1=\"{cx}\" y1=\"{cy}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#c8ccd4\" stroke-width=\"1\"/>"
        );
    }
    for th in thresholds {
        let frac = (th / 100.0).clamp(0.0, 1.0);
        let _ = writeln!(
            s,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"#b45309\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"><title>{} {} %</title></polygon>",
            polygon(&|_| frac),
            lang.pick("Ambang", "Threshold"),
            fmt2(*th, lang),
        );
    }
    let _ = writeln!(
        s,
        "<polygon points=\"{}\" fill=\"#2563eb\" fill-opacity=\"0.25\" stroke=\"#1d4ed8\" stroke-width=\"2\"/>",
        polygon(&|i| {
            let p = areas[i].percent;
            if p.is_finite() {
                (p / 100.0).clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
    );
    for (i, a) in areas.iter().enumerate() {
        let (x, y) = point(i, 1.12);
        let anchor = if (x - cx).abs() < 1.0 {
            "middle"
        } else if x > cx {
            "start"
        } else {
            "end"
        };
        // Long names on two lines, split at the word nearest the middle.
        let label = format!("{} ({} %)", a.name, fmt2(a.percent, lang));
        let lines: Vec<String> = if label.len() > 28 {
            {
                let mid = label.len() / 2;
                let cut = label
                    .match_indices(' ')
                    .map(|(i, _)| i)
                    .min_by_key(|i| i.abs_diff(mid))
                    .unwrap_or(label.len());
                vec![label[..cut].to_string(), label[cut..].trim().to_string()]
            }
        } else {
            vec![label]
        };
        let top = y + 4.0 - 7.0 * (lines.len() as f64 - 1.0);
        let _ = write!(
            s,
            "<text x=\"{x:.1}\" y=\"{top:.1}\" text-anchor=\"{anchor}\" font-size=\"12\" fill=\"#111827\">"
        );
        for (k, line) in lines.iter().enumerate() {
            let dy = if k == 0 { 0.0 } else { 14.0 };
            let _ = write!(s, "<tspan x=\"{x:.1}\" dy=\"{dy}\">{}</tspan>", esc(line));
        }
        s.push_str("</text>\n");
    }
    s.push_str("</svg>\n");
    s
}

/// The plan: the items with the most points still to gain, and for every failing condition the
/// fewest answer improvements that make it pass ([`zona_core::priority::analyse`]).
fn plan(b: &mut String, ev: &Evaluation, lang: Lang) {
    let t = |id, en| lang.pick(id, en);
    let shown = ev.shown();
    let c = ev.criteria;
    let r = &shown.result;
    let p = analyse(c, &shown.answers, r, &ev.options);
    let target = |to: &Target| match to {
        Target::Option { code, .. } => esc(code),
        Target::IndexMax { max } => fmt2(*max, lang),
        Target::RatioFull => "100 %".to_string(),
    };
    let _ = writeln!(b, "<h2>{}</h2>", t("Rencana perbaikan", "Improvement plan"));
    for plan in &p.conditions {
        let pred = &r.predicates[plan.at.predicate];
        let cond = &pred.conditions[plan.at.condition];
        let _ = write!(
            b,
            "<h3>{}: {}</h3>\n<p>{}: {} · {}: {}</p>\n",
            esc(pred.name(lang)),
            esc(cond.label(lang)),
            t("Kurang", "Short by"),
            fmt2(plan.needed, lang),
            t("Dapat dicapai dengan jawaban", "Reachable by answers"),
            if plan.reachable {
                t("ya", "yes")
            } else {
                t("tidak", "no")
            },
        );
        if plan.improvements.is_empty() {
            continue;
        }
        let _ = writeln!(
            b,
            "<table class=\"plan\"><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t("Item", "Item"),
            t("Uraian", "Text"),
            t("Sekarang", "Now"),
            t("Menjadi", "Raise to"),
            t("Tambahan poin", "Points gained"),
        );
        for (n, imp) in plan.improvements.iter().enumerate() {
            let item = c.item(imp.item);
            let _ = writeln!(
                b,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                n + 1,
                esc(&item.key),
                esc(item.display_text(lang)),
                esc(imp.from_answer.as_deref().unwrap_or("—")),
                target(&imp.to),
                fmt2(imp.gain, lang),
            );
        }
        b.push_str("</tbody></table>\n");
    }
    for at in &p.not_by_answers {
        let pred = &r.predicates[at.predicate];
        let cond = &pred.conditions[at.condition];
        let _ = writeln!(
            b,
            "<p>{}: {} — {}</p>",
            esc(pred.name(lang)),
            esc(cond.label(lang)),
            t(
                "tidak dapat dipenuhi lewat jawaban LKE.",
                "cannot be met through LKE answers."
            ),
        );
    }
    let top: Vec<_> = p
        .items
        .iter()
        .filter(|i| i.recoverable > 1e-9)
        .take(15)
        .collect();
    let _ = writeln!(
        b,
        "<h3>{}</h3>",
        t(
            "Item dengan poin terbanyak yang masih dapat diraih",
            "Items with the most points still to gain"
        )
    );
    if top.is_empty() {
        let _ = writeln!(
            b,
            "<p>{}</p>",
            t(
                "Semua item sudah bernilai penuh.",
                "Every item is at full value."
            )
        );
        return;
    }
    let _ = writeln!(
        b,
        "<table class=\"plan\" id=\"priorities\"><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("Item", "Item"),
        t("Uraian", "Text"),
        t("Poin", "Points"),
        t("Dapat diraih", "To gain"),
        t("Langkah berikut", "Next step"),
    );
    for (n, it) in top.iter().enumerate() {
        let item = c.item(it.item);
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{} / {}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            n + 1,
            esc(&item.key),
            esc(item.display_text(lang)),
            fmt2(it.points, lang),
            fmt2(it.max_points, lang),
            fmt2(it.recoverable, lang),
            it.next.as_ref().map_or_else(|| "—".to_string(), |i| target(&i.to)),
        );
    }
    b.push_str("</tbody></table>\n");
}

/// One file of a several-file upload: the name as uploaded, the id of its own result, the unit
/// it states.
pub(crate) struct Uploaded {
    pub name: String,
    pub result_id: String,
    pub unit: Option<String>,
}

/// A unit name as compared for the "different units" warning: case, spacing and punctuation
/// aside.
fn unit_key(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn measure_cell(m: Option<&MeasureView>, lang: Lang) -> String {
    match m {
        None => "<td class=\"n absent\">—</td>".to_string(),
        Some(m) => format!(
            "<td class=\"n{}\">{} <span class=\"pct\">({} %)</span>{}</td>",
            if m.dropped_below_threshold {
                " dropped"
            } else {
                ""
            },
            num(m.score, lang),
            num(m.percent, lang),
            if m.dropped_below_threshold {
                " <span class=\"drop-mark\" title=\"below threshold\">▼</span>"
            } else {
                ""
            },
        ),
    }
}

fn delta_cell(d: Option<&DeltaView>, lang: Lang) -> String {
    match d {
        None => "<td class=\"n\">—</td>".to_string(),
        Some(d) if d.basis == "percent_of_weight" => format!(
            "<td class=\"n\">{} %</td>",
            zona_core::lang::fmt2_signed(d.percent, lang)
        ),
        Some(d) => format!(
            "<td class=\"n\">{}</td>",
            zona_core::lang::fmt2_signed(d.points, lang)
        ),
    }
}

fn condition_text(c: &ConditionView, lang: Lang) -> String {
    match (c.value_percent, c.threshold_percent) {
        (Some(v), Some(th)) => format!(
            "{} % / {} %",
            zona_core::lang::fmt_dec(v, c.percent_decimals(), lang),
            num(th, lang)
        ),
        _ => format!(
            "{} / {}",
            c.value.map_or_else(
                || "—".to_string(),
                |v| zona_core::lang::fmt_dec(v, c.decimals(), lang)
            ),
            opt_num(c.threshold, lang)
        ),
    }
}

/// The comparison of several files uploaded together: the columns with their labels, the
/// totals, components and areas, the predicates per column, the drops below thresholds per
/// step, the files' own results and the comparison workbook (`id`).
pub(crate) fn compare_page(
    run: &zona_eval::compare::CompareRun,
    files: &[Uploaded],
    id: &str,
    lang: Lang,
) -> String {
    let t = |id, en| lang.pick(id, en);
    let code = crate::lang_code(lang);
    let columns: Vec<&Evaluation> = run.columns.iter().map(|c| &c.evaluation).collect();
    let view = compare_view(&run.comparison, &columns, None, lang);
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<h1>{}</h1>\n<p class=\"meta\">{} {}</p>",
        t("Perbandingan", "Comparison"),
        files.len(),
        t(
            "berkas, dalam urutan unggahan (terlama lebih dahulu).",
            "files, in the order uploaded (oldest first)."
        ),
    );
    // Different units stated: a warning (the comparison is still shown).
    let mut units: Vec<(String, &str)> = Vec::new();
    for f in files {
        if let Some(u) = f.unit.as_deref().filter(|u| !u.trim().is_empty()) {
            let key = unit_key(u);
            if !units.iter().any(|(k, _)| *k == key) {
                units.push((key, u.trim()));
            }
        }
    }
    if units.len() > 1 {
        let names: Vec<String> = units.iter().map(|(_, u)| esc(u)).collect();
        let _ = writeln!(
            b,
            "<p class=\"warn\" id=\"units-differ\">{}: {}.</p>",
            t(
                "Berkas-berkas ini menyatakan unit yang berbeda",
                "These files state different units"
            ),
            names.join("; "),
        );
    }
    let _ = writeln!(
        b,
        "<p><a href=\"/report/{id}?lang={code}\" id=\"download-compare\" class=\"button\">{}</a> <a href=\"/?lang={code}\">{}</a></p>",
        t(
            "Unduh perbandingan (xlsx)",
            "Download the comparison (xlsx)"
        ),
        t("Nilai berkas lain", "Score other files"),
    );
    // The files and their own results.
    let _ = writeln!(
        b,
        "<h2>{}</h2>\n<table class=\"files\" id=\"files\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead><tbody>",
        t("Berkas", "Files"),
        t("Kolom", "Column"),
        t("Berkas", "File"),
        t("Unit", "Unit"),
    );
    for (f, c) in files.iter().zip(&view.columns) {
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td><a href=\"/result/{rid}?lang={code}\" class=\"file-result\">{}</a></td><td>{}</td><td><a href=\"/report/{rid}?lang={code}\" class=\"file-report\">{}</a></td></tr>",
            esc(c.label),
            esc(&f.name),
            esc(f.unit.as_deref().unwrap_or("—")),
            t("laporan (xlsx)", "report (xlsx)"),
            rid = esc(&f.result_id),
        );
    }
    b.push_str("</tbody></table>\n");
    // Scores: total, components, areas.
    let head = |b: &mut String, first: &str| {
        let _ = write!(b, "<thead><tr><th>{}</th>", esc(first));
        for (j, c) in view.columns.iter().enumerate() {
            let _ = write!(b, "<th data-column=\"{j}\">{}</th>", esc(c.label));
        }
        for s in &view.steps {
            let _ = write!(b, "<th>Δ {} → {}</th>", esc(s.from_label), esc(s.to_label));
        }
        b.push_str("</tr></thead><tbody>\n");
    };
    let _ = writeln!(b, "<h2>{}</h2>", t("Nilai", "Scores"));
    b.push_str("<table class=\"compare\" id=\"scores\">");
    head(&mut b, t("Komponen", "Component"));
    let rows = std::iter::once(&view.total)
        .chain(&view.components)
        .chain(&view.areas);
    for (n, r) in rows.enumerate() {
        let row_id = if n == 0 { " id=\"total-row\"" } else { "" };
        let _ = write!(
            b,
            "<tr{row_id} data-row=\"{}\" class=\"{}\"><td>{}{}</td>",
            esc(r.key),
            esc(r.kind),
            "&nbsp;&nbsp;".repeat(r.depth.min(4)),
            esc(r.name),
        );
        for (j, m) in r.columns.iter().enumerate() {
            let cell = measure_cell(m.as_ref(), lang);
            if n == 0 {
                // The totals, one per column, for scripts and tests.
                let _ = write!(
                    b,
                    "{}",
                    cell.replacen("<td", &format!("<td data-total=\"{j}\""), 1)
                );
            } else {
                b.push_str(&cell);
            }
        }
        for d in &r.deltas {
            b.push_str(&delta_cell(d.as_ref(), lang));
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</tbody></table>\n");
    let _ = writeln!(
        b,
        "<p class=\"hint\">{}</p>",
        t(
            "Nilai (% bobot); ▼ turun di bawah ambang predikat dibanding kolom sebelumnya. Δ dalam poin, atau dalam % bobot bila bobotnya berbeda.",
            "Score (% of weight); ▼ dropped below a predicate threshold since the previous column. Δ in points, or in % of weight where the weights differ."
        )
    );
    // Predicates per column.
    let _ = writeln!(b, "<h2>{}</h2>", t("Predikat", "Predicates"));
    b.push_str("<table class=\"compare\" id=\"predicates\">");
    head(&mut b, t("Predikat", "Predicate"));
    for p in &view.predicates {
        let _ = write!(b, "<tr><td>{}</td>", esc(p.name));
        for (j, cell) in p.columns.iter().enumerate() {
            match cell {
                None => b.push_str("<td>—</td>"),
                Some(c) => {
                    let failing: Vec<String> = c
                        .failing
                        .iter()
                        .map(|f| format!("{} ({})", esc(f.label), condition_text(f, lang)))
                        .collect();
                    let _ = write!(
                        b,
                        "<td><span class=\"verdict {cls}\" data-column=\"{j}\" data-predicate=\"{key}\" data-status=\"{status}\">{text}</span>{fail}</td>",
                        cls = if c.met { "ok" } else { "no" },
                        key = esc(p.key),
                        status = esc(c.status),
                        text = status_text(c.status, lang),
                        fail = if failing.is_empty() {
                            String::new()
                        } else {
                            format!(
                                "<ul class=\"failing\">{}</ul>",
                                failing
                                    .iter()
                                    .map(|f| format!("<li>{f}</li>"))
                                    .collect::<String>()
                            )
                        },
                    );
                }
            }
        }
        for _ in &view.steps {
            b.push_str("<td></td>");
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</tbody></table>\n");
    // The drops below thresholds, per step.
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        t("Turun di bawah ambang", "Dropped below thresholds")
    );
    let mut any = false;
    b.push_str("<ul id=\"drops\">\n");
    for s in &view.steps {
        for c in &s.crossings {
            any = true;
            let _ = write!(
                b,
                "<li class=\"crossing\" data-step=\"{}\" data-predicate=\"{}\"><strong>{} → {}: {}</strong>{}",
                s.from,
                esc(c.predicate),
                esc(s.from_label),
                esc(s.to_label),
                esc(c.name),
                if c.lost {
                    t(" — predikat tidak lagi terpenuhi", " — no longer met")
                } else {
                    ""
                },
            );
            if !c.conditions.is_empty() {
                b.push_str("<ul>");
                for d in &c.conditions {
                    let before = d.before.as_ref().map_or_else(
                        || t("(tidak ada syarat ini)", "(no such condition)").to_string(),
                        |x| condition_text(x, lang),
                    );
                    let _ = write!(
                        b,
                        "<li>{}: {} → {}{}</li>",
                        esc(d.after.label),
                        before,
                        condition_text(&d.after, lang),
                        d.after.margin.map_or_else(String::new, |m| format!(
                            " ({} {})",
                            t("selisih", "margin"),
                            zona_core::lang::fmt2_signed(m, lang)
                        )),
                    );
                }
                b.push_str("</ul>");
            }
            b.push_str("</li>\n");
        }
    }
    b.push_str("</ul>\n");
    if !any {
        let _ = writeln!(
            b,
            "<p>{}</p>",
            t(
                "Tidak ada nilai yang turun di bawah ambang.",
                "Nothing dropped below a threshold."
            )
        );
    }
    page(lang, t("Perbandingan", "Comparison"), &b)
}
