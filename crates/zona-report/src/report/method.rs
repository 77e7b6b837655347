//! Sheet 5, Metode / Method: how every number of the report is computed, in plain words, with
//! every number the regulation fixes taken from the criteria: option values per scale, ratio
//! formulas with this unit's inputs, the aggregation rule, the predicate thresholds, the unanswered
//! policy, the threshold tolerance and the criteria version.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};
use zona_core::criteria::{AnswerKind, ConditionKind, Formula, Ratio, ScaleKind};
use zona_core::lang::{fmt2, fmt_plain};
use zona_core::predicate::THRESHOLD_TOLERANCE;
use zona_core::{Lang, UnansweredPolicy};

use super::style::{toned, Tone};
use super::summary::header;
use super::{col, number, text, Ctx};
use crate::sheet::merged;

/// Columns the paragraphs span, and their widths (characters).
const WIDTHS: [f64; 5] = [34.0, 46.0, 50.0, 40.0, 16.0];

pub(super) fn sheet(ctx: &Ctx) -> Result<Worksheet, XlsxError> {
    let (c, st, lang) = (ctx.c, &ctx.st, ctx.lang);
    let mut ws = Worksheet::new();
    ws.set_name(ctx.names[super::METHOD])?;
    for (k, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(k), *w)?;
    }
    let n = |v: f64| fmt_plain(v, lang);
    // Argument separator as the language's spreadsheets write it (decimal comma → semicolon).
    let sep = lang.pick(";", ",");
    text(
        &mut ws,
        0,
        0,
        ctx.t("Metode penghitungan", "How the numbers are computed"),
        &st.title,
    )?;
    let mut row = 2;
    row = para(
        &mut ws,
        row,
        ctx.t(
            "Lembar ini menjelaskan setiap angka di laporan sehingga dapat dihitung ulang dengan tangan. Semua angka yang ditetapkan regulasi (bobot, nilai pilihan, ambang) diambil dari berkas kriteria di bawah, bukan dari kode program.",
            "This sheet explains every number of the report so that it can be recomputed by hand. Every number the regulation fixes (weights, option values, thresholds) comes from the criteria file below, not from program code.",
        ),
        &st.text,
    )?;

    // 1. Criteria.
    row = section(&mut ws, ctx, row, ctx.t("1. Kriteria", "1. Criteria"))?;
    let mut facts: Vec<(&str, String)> = vec![
        (ctx.t("Nama", "Name"), c.meta.name.clone()),
        (ctx.t("ID", "Id"), c.meta.id.clone()),
        (ctx.t("Versi", "Version"), c.meta.version.clone()),
        (ctx.t("Regulasi", "Regulation"), c.meta.regulation.clone()),
        (
            ctx.t("Total bobot", "Total weight"),
            fmt2(c.max_total(), lang),
        ),
    ];
    if c.meta.provisional {
        facts.push((
            ctx.t("Sementara", "Provisional"),
            c.meta.provisional_note(ctx.lang).to_string(),
        ));
    }
    for (k, v) in facts {
        text(&mut ws, row, 0, k, &st.label)?;
        merged(&mut ws, (row, 1), (row, 4), "", &st.text)?;
        text(&mut ws, row, 1, &v, &st.text)?;
        row += 1;
    }

    // 2. Option values.
    row = section(
        &mut ws,
        ctx,
        row,
        ctx.t(
            "2. Nilai item: pilihan jawaban dan indeks",
            "2. Item values: answer options and indices",
        ),
    )?;
    header(
        &mut ws,
        ctx,
        row,
        &[
            ctx.t("Skala (kunci)", "Scale (key)"),
            ctx.t("Nama skala", "Scale name"),
            ctx.t("Pilihan", "Option"),
            ctx.t("Nilai item (0–1)", "Item value (0–1)"),
        ],
        &WIDTHS,
    )?;
    row += 1;
    for scale in &c.scales {
        match &scale.kind {
            ScaleKind::Choice(options) => {
                for o in options {
                    text(&mut ws, row, 0, &scale.key, &st.text)?;
                    text(&mut ws, row, 1, &scale.name, &st.text)?;
                    text(&mut ws, row, 2, &o.code, &st.text)?;
                    number(&mut ws, row, 3, o.value, &st.num)?;
                    row += 1;
                }
            }
            ScaleKind::Index { max } => {
                text(&mut ws, row, 0, &scale.key, &st.text)?;
                text(&mut ws, row, 1, &scale.name, &st.text)?;
                text(
                    &mut ws,
                    row,
                    2,
                    format!("{} 0–{}", ctx.t("indeks", "index"), n(*max)),
                    &st.text,
                )?;
                text(
                    &mut ws,
                    row,
                    3,
                    format!("{} / {}", ctx.t("indeks", "index"), n(*max)),
                    &st.text,
                )?;
                row += 1;
            }
        }
    }
    row = para(
        &mut ws,
        row,
        ctx.t(
            "Jawaban dibaca longgar (\" ya\", \"YA\", \"a.\" sama dengan \"Ya\"/\"A\"); jawaban yang bukan salah satu pilihan, atau indeks di luar rentang, tidak sah: item dihitung belum dijawab dan dicatat di lembar Validasi.",
            "Answers are read forgivingly (\" ya\", \"YA\", \"a.\" are \"Ya\"/\"A\"); an answer that is not one of the options, or an index out of range, is invalid: the item counts as unanswered and is listed on the Validation sheet.",
        ),
        &st.note,
    )?;

    // 3. Ratio items.
    let ratios: Vec<(usize, &Ratio)> = c
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| match &it.answer {
            AnswerKind::Ratio(r) => Some((i, r)),
            _ => None,
        })
        .collect();
    if !ratios.is_empty() {
        row = section(
            &mut ws,
            ctx,
            row,
            ctx.t(
                "3. Nilai item rasio (%): rumus dan isian unit ini",
                "3. Ratio (%) items: formulas and this unit's inputs",
            ),
        )?;
        header(
            &mut ws,
            ctx,
            row,
            &[
                ctx.t("Item (kunci)", "Item (key)"),
                ctx.t("Rumus", "Formula"),
                ctx.t("Kasus khusus", "Special cases"),
                ctx.t("Isian unit ini", "This unit's inputs"),
                ctx.t("Nilai item", "Item value"),
            ],
            &WIDTHS,
        )?;
        row += 1;
        for (i, ratio) in ratios {
            let item = &c.items[i];
            let s = &ctx.r.items[i];
            let label = |k: usize| ratio.inputs.get(k).map_or("?", |x| x.display_label(lang));
            let (formula, special) = match ratio.formula {
                Formula::Share { done, required } => (
                    format!("min(1{sep} {} / {})", label(done), label(required)),
                    ctx.t(
                        "keduanya 0 → 1 (tidak ada kewajiban); penyebut 0 dan pembilang > 0 → tidak sah; pembilang > penyebut → 1 (peringatan)",
                        "both 0 → 1 (nothing owed); denominator 0 and numerator > 0 → invalid; numerator > denominator → 1 (warning)",
                    )
                    .to_string(),
                ),
                Formula::Reduction { previous, current } => (
                    format!(
                        "max(0{sep} ({p} − {c}) / {p})",
                        p = label(previous),
                        c = label(current)
                    ),
                    ctx.t(
                        "keduanya 0 → 1; tahun sebelumnya 0 dan tahun ini > 0 → 0 (LKE menampilkan #DIV/0!)",
                        "both 0 → 1; previous year 0 and this year > 0 → 0 (the LKE shows #DIV/0!)",
                    )
                    .to_string(),
                ),
            };
            let mut inputs: Vec<String> = Vec::new();
            for (k, input) in ratio.inputs.iter().enumerate() {
                let v = s
                    .counts
                    .get(k)
                    .copied()
                    .flatten()
                    .map_or_else(|| ctx.t("belum diisi", "not filled").to_string(), n);
                if input.sum_of.is_empty() {
                    inputs.push(format!("{} = {v}", input.display_label(lang)));
                } else {
                    let parts: Vec<&str> = input.sum_of.iter().map(|p| label(*p)).collect();
                    inputs.push(format!(
                        "{} = {} = {v}",
                        input.display_label(lang),
                        parts.join(" + ")
                    ));
                }
            }
            text(
                &mut ws,
                row,
                0,
                format!("{}\n({})", item.display_text(lang), item.key),
                &st.text,
            )?;
            text(&mut ws, row, 1, &formula, &st.text)?;
            text(&mut ws, row, 2, &special, &st.text)?;
            let inputs = inputs.join("\n");
            text(&mut ws, row, 3, &inputs, &st.text)?;
            let name = format!("{}\n({})", item.display_text(lang), item.key);
            super::fit_row(
                &mut ws,
                row,
                &[
                    (&name, WIDTHS[0]),
                    (&formula, WIDTHS[1]),
                    (&special, WIDTHS[2]),
                    (&inputs, WIDTHS[3]),
                ],
            )?;
            match s.value {
                Some(v) => number(&mut ws, row, 4, v, &st.fraction_pct)?,
                None => text(
                    &mut ws,
                    row,
                    4,
                    ctx.t("belum dijawab / tidak sah", "unanswered / invalid"),
                    &toned(&st.text, Tone::Amber),
                )?,
            }
            row += 1;
        }
        row = para(
            &mut ws,
            row,
            ctx.t(
                "Setiap isian jumlah wajib diisi dengan bilangan bulat tidak negatif, juga isian yang tidak dipakai rumus; bila satu kosong, item dihitung belum dijawab. Jumlah yang merupakan penjumlahan isian lain dihitung dari rinciannya; bila jumlah yang diketik berbeda, jumlah rinciannya yang dipakai (peringatan).",
                "Every count input must be a whole, non-negative number, including inputs the formula does not use; if one is blank the item counts as unanswered. A count that is the sum of other inputs is computed from its parts; a typed total that differs is reported and the sum is used.",
            ),
            &st.note,
        )?;
    }

    // 4. Aggregation.
    row = section(&mut ws, ctx, row, ctx.t("4. Agregasi", "4. Aggregation"))?;
    let policy_rule = match (ctx.r.policy, lang) {
        (UnansweredPolicy::Zero, Lang::Id) => "Kebijakan yang dipakai di laporan ini: item belum dijawab (atau tidak sah) dihitung 0 dan tetap ikut dirata-rata, yaitu nilai sub-area = (Σ nilai item) / (jumlah item) × bobot sub-area. Poin item = nilai × bobot sub-area / jumlah item. Ini nilai yang diperoleh unit bila diajukan sekarang. Alternatifnya (zona --unanswered exclude) meniru rumus LKE: item belum dijawab tidak ikut dirata-rata.",
        (UnansweredPolicy::Zero, Lang::En) => "Policy used in this report: unanswered (or invalid) items count as 0 and stay in the mean, so sub-area score = (Σ item values) / (number of items) × sub-area weight. Item points = value × sub-area weight / number of items. This is what the unit would get if it submitted now. The alternative (zona --unanswered exclude) follows the LKE formulas: unanswered items are left out of the mean.",
        (UnansweredPolicy::Exclude, Lang::Id) => "Kebijakan yang dipakai di laporan ini: seperti rumus LKE (AVERAGE mengabaikan sel kosong), item belum dijawab (atau tidak sah) tidak ikut dirata-rata: nilai sub-area = (Σ nilai item yang dijawab) / (jumlah item yang dijawab) × bobot sub-area; sub-area tanpa jawaban bernilai 0. Poin item = nilai × bobot sub-area / jumlah item yang dijawab. Alternatifnya (bawaan zona) menghitung item belum dijawab sebagai 0.",
        (UnansweredPolicy::Exclude, Lang::En) => "Policy used in this report: as the LKE formulas do (AVERAGE ignores blank cells), unanswered (or invalid) items are left out of the mean: sub-area score = (Σ values of answered items) / (number of answered items) × sub-area weight; a sub-area with no answers scores 0. Item points = value × sub-area weight / number of answered items. The alternative (zona's default) counts unanswered items as 0.",
    };
    let rules = [
        ctx.t(
            "Nilai item antara 0 dan 1: dari pilihan jawaban atau indeks (bagian 2) atau dari rumus rasio (bagian 3).",
            "An item's value lies between 0 and 1: from its answer option or index (section 2) or its ratio formula (section 3).",
        ),
        ctx.t(
            "Sub-area yang itemnya tidak berbobot sendiri (semua sub-area pengungkit): nilai = rata-rata nilai item × bobot sub-area.",
            "A sub-area whose items carry no weight of their own (every pengungkit sub-area): score = mean of the item values × the sub-area's weight.",
        ),
        policy_rule,
        ctx.t(
            "Sub-area yang itemnya berbobot sendiri (hasil: IPAK, capaian kinerja, IPKP): nilai = Σ nilai item × bobot item; poin item = nilai × bobot item.",
            "A sub-area whose items carry their own weight (hasil: IPAK, capaian kinerja, IPKP): score = Σ item value × item weight; item points = value × item weight.",
        ),
        ctx.t(
            "Setiap node lain (area pemenuhan/reform, pemenuhan, reform, pengungkit, hasil) = jumlah nilai anak-anaknya. Nilai area pengungkit = jumlah bagiannya (pemenuhan + reform area itu). Nilai total = jumlah node akar (pengungkit + hasil).",
            "Every other node (area parts, pemenuhan, reform, pengungkit, hasil) = the sum of its children. An enabler area's score = the sum of its parts (that area's pemenuhan + reform). The total = the sum of the roots (pengungkit + hasil).",
        ),
        ctx.t(
            "Kolom % = nilai / bobot × 100 (pada baris item: nilai item × 100). Bobot setiap node ada di lembar LKE.",
            "The % column = score / weight × 100 (on item rows: item value × 100). Every node's weight is on the LKE sheet.",
        ),
    ];
    for rule in rules {
        row = para(&mut ws, row, rule, &st.text)?;
    }

    // 5. Thresholds.
    row = section(
        &mut ws,
        ctx,
        row,
        ctx.t("5. Ambang predikat", "5. Predicate thresholds"),
    )?;
    header(
        &mut ws,
        ctx,
        row,
        &[
            ctx.t("Predikat", "Predicate"),
            ctx.t("Syarat", "Condition"),
            ctx.t("Cara menghitung", "How it is computed"),
            ctx.t("Nilai yang dibandingkan", "Value compared"),
            ctx.t("Ambang", "Threshold"),
        ],
        &WIDTHS,
    )?;
    row += 1;
    for pred in &c.predicates {
        let pname = pred.display_name(lang);
        for cond in &pred.conditions {
            match &cond.kind {
                ConditionKind::Total { min } => {
                    let lbl = cond_label(cond, lang, ctx.t("Nilai total", "Total score"));
                    threshold_row(
                        &mut ws,
                        ctx,
                        row,
                        [
                            pname,
                            &lbl,
                            ctx.t("nilai total ≥ ambang", "total ≥ threshold"),
                            ctx.t("nilai total", "total score"),
                        ],
                        Some(*min),
                    )?;
                    row += 1;
                }
                ConditionKind::Node { node, min } => {
                    let nd = c.node(*node);
                    let lbl = cond_label(cond, lang, nd.display_name(lang));
                    let what = format!("{} {}", ctx.t("nilai", "score of"), nd.display_name(lang));
                    threshold_row(
                        &mut ws,
                        ctx,
                        row,
                        [
                            pname,
                            &lbl,
                            &format!("{what} ≥ {}", ctx.t("ambang", "threshold")),
                            &what,
                        ],
                        Some(*min),
                    )?;
                    row += 1;
                }
                ConditionKind::Item { item, min } => {
                    let it = c.item(*item);
                    let lbl = cond_label(cond, lang, it.display_text(lang));
                    let how = match lang {
                        Lang::Id => format!(
                            "poin item = nilai item × {} ≥ ambang",
                            fmt2(c.item_max_points(*item), lang)
                        ),
                        Lang::En => format!(
                            "item points = item value × {} ≥ threshold",
                            fmt2(c.item_max_points(*item), lang)
                        ),
                    };
                    let idx_note = match &it.answer {
                        AnswerKind::Index { max, .. } if c.item_max_points(*item) > 0.0 => {
                            format!(
                                " ({} {})",
                                ctx.t("setara indeks", "index equivalent"),
                                fmt2(min / c.item_max_points(*item) * max, lang)
                            )
                        }
                        _ => String::new(),
                    };
                    threshold_row(
                        &mut ws,
                        ctx,
                        row,
                        [
                            pname,
                            &lbl,
                            &format!("{how}{idx_note}"),
                            &format!("{} {}", ctx.t("poin", "points of"), it.key),
                        ],
                        Some(*min),
                    )?;
                    row += 1;
                }
                ConditionKind::Areas { min_percent } => {
                    for a in &c.areas {
                        let thr = a.weight * min_percent / 100.0;
                        let how = match lang {
                            Lang::Id => format!(
                                "nilai area ≥ {}% × bobot {} = {}",
                                n(*min_percent),
                                fmt2(a.weight, lang),
                                fmt2(thr, lang)
                            ),
                            Lang::En => format!(
                                "area score ≥ {}% × weight {} = {}",
                                n(*min_percent),
                                fmt2(a.weight, lang),
                                fmt2(thr, lang)
                            ),
                        };
                        let lbl = format!("Area {}", a.display_name(lang));
                        let what = format!(
                            "{} ({})",
                            ctx.t("pemenuhan + reform area", "the area's pemenuhan + reform"),
                            a.key
                        );
                        threshold_row(&mut ws, ctx, row, [pname, &lbl, &how, &what], Some(thr))?;
                        row += 1;
                    }
                }
                ConditionKind::Prior { predicate } => {
                    let prior = c
                        .predicates
                        .get(*predicate)
                        .map_or("?", |p| p.display_name(lang));
                    let lbl = format!("{} {prior}", ctx.t("Sudah memperoleh", "Already holds"));
                    threshold_row(
                        &mut ws,
                        ctx,
                        row,
                        [
                            pname,
                            &lbl,
                            ctx.t(
                                "dinyatakan oleh pengguna (zona --prior-wbk yes|no); bila tidak dinyatakan, status predikat \"nilai memenuhi; predikat sebelumnya belum dinyatakan\"",
                                "stated by the user (zona --prior-wbk yes|no); if not stated, the predicate reads \"scores meet it; prior predicate not stated\"",
                            ),
                            "—",
                        ],
                        None,
                    )?;
                    row += 1;
                }
            }
        }
    }
    row = para(
        &mut ws,
        row,
        ctx.t(
            "Predikat terpenuhi bila setiap syaratnya terpenuhi. Selisih = nilai − ambang: positif berarti lebih, negatif berarti kurang.",
            "A predicate is met when every one of its conditions is. Margin = value − threshold: positive is points spare, negative points short.",
        ),
        &st.text,
    )?;

    // 6. Tolerance and rounding.
    row = section(
        &mut ws,
        ctx,
        row,
        ctx.t(
            "6. Perbandingan dan pembulatan",
            "6. Comparison and rounding",
        ),
    )?;
    let tolerance = format!("{THRESHOLD_TOLERANCE:e}");
    let tol_text = match lang {
        Lang::Id => format!(
            "Syarat terpenuhi bila nilai ≥ ambang − {tolerance} (toleransi hanya untuk galat pembulatan biner: indeks IPAK 3,60 memberi 15,7499999… dan memenuhi 15,75, sedangkan 74,996 tidak pernah memenuhi 75). Tidak ada pembulatan sebelum perbandingan; sel berisi nilai penuh dan hanya ditampilkan dengan 2 desimal."
        ),
        Lang::En => format!(
            "A condition is met when value ≥ threshold − {tolerance} (the tolerance only absorbs binary floating-point noise: an IPAK index of 3.60 gives 15.7499999… and meets 15.75, while 74.996 never meets 75). Nothing is rounded before comparing; cells hold full precision and are only displayed with 2 decimals."
        ),
    };
    row = para(&mut ws, row, &tol_text, &st.text)?;

    // 7. Priorities.
    row = section(&mut ws, ctx, row, ctx.t("7. Prioritas", "7. Priorities"))?;
    let prio = [
        ctx.t(
            "Dapat diraih (lembar Prioritas, bagian A): selisih nilai total bila item itu saja dinaikkan ke nilai penuh, dengan kebijakan item belum dijawab di atas.",
            "To gain (Priorities sheet, part A): how much the total changes if that item alone is raised to full value, under the unanswered policy above.",
        ),
        ctx.t(
            "Langkah: satu pilihan lebih tinggi menurut nilainya (mis. C → B pada A/B/C/D). Item belum dijawab mulai dari pilihan terendah yang bernilai lebih dari 0. Item indeks dan rasio naik ke nilai penuh dalam satu langkah; keterangan menyebut nilai terkecil yang sudah cukup.",
            "Step: one option up by value (e.g. C → B on A/B/C/D). An unanswered item starts at the lowest option worth more than 0. Index and ratio items go to full value in one step; the note gives the smallest value that is already enough.",
        ),
        ctx.t(
            "Perbaikan terkecil (bagian B): jumlah langkah paling sedikit yang membuat syarat terpenuhi, dicari tepat dengan pemrograman dinamis atas semua item dalam cakupan syarat (total: semua item; area: item pemenuhan dan reform area itu; node: item di bawah node; item: item itu). Bila beberapa rencana sama jumlah langkahnya, dipilih yang menambah poin paling banyak. Nilai setelah perbaikan dihitung ulang dengan penilaian yang sama. Hasil survei eksternal dan capaian kinerja (item `outcome` dalam kriteria) tidak diberi langkah: bila syarat hanya dapat dipenuhi melalui hasil itu, disebut nilai yang diperlukan (dari ambang dan skala) di bawah judul \"Hasil survei dan capaian\".",
            "Fewest improvements (part B): the fewest steps that make the condition pass, searched exactly by dynamic programming over every item in the condition's scope (total: every item; area: that area's pemenuhan and reform items; node: items below the node; item: that item). Among plans with as many steps, the one gaining most points. The value after is recomputed by the same scoring. External survey results and performance achievement (`outcome` items in the criteria) take no step: where only they can meet a condition, the value needed (from the threshold and the scale) is given under the heading \"Survey results and performance\".",
        ),
    ];
    for p in prio {
        row = para(&mut ws, row, p, &st.text)?;
    }

    // 8. Evidence.
    row = section(
        &mut ws,
        ctx,
        row,
        ctx.t("8. Bukti (data dukung)", "8. Evidence (data dukung)"),
    )?;
    let policy = super::evidence::policy_text(ctx.ev.policy, lang);
    let evidence = [
        ctx.t(
            "Setiap data dukung dibaca dari sumber (kolom data dukung dan tautan lembar kerja, bukti_dukung_unit PortalRB), satu per baris, dan digolongkan: tautan http(s) yang sah; tautan tidak sah (skema lain seperti javascript: atau file:, atau www. tanpa http(s)://); berkas (dicari relatif terhadap folder lembar kerja dan --evidence-dir); folder jaringan; atau uraian saja. zona tidak pernah membuka tautan.",
            "Every evidence entry is read from the source (the workbook's data dukung and link columns, PortalRB's bukti_dukung_unit), one a line, and classified: a well-formed http(s) link; not a valid link (another scheme such as javascript: or file:, or www. without http(s)://); a file (looked for relative to the workbook's folder and --evidence-dir); a network share; or a description only. zona never opens links.",
        )
        .to_string(),
        ctx.t(
            "Item perlu bukti bila dijawab di atas jawaban terendahnya. Bukti yang dapat diterima: sedikitnya satu tautan http(s) yang sah atau berkas yang ada. Cakupan bukti = item didukung / item yang perlu bukti.",
            "An item needs evidence when answered above its lowest answer. Acceptable evidence: at least one well-formed http(s) link or a file that exists. Evidence coverage = items supported / items needing evidence.",
        )
        .to_string(),
        match lang {
            Lang::Id => format!(
                "Nilai berdasarkan bukti: setiap item yang perlu bukti tetapi tidak memiliki bukti yang dapat diterima diberi nilai menurut kebijakan bukti, {policy}, lalu semua nilai dihitung ulang dengan aturan yang sama. Poin berisiko = poin diklaim − poin berdasarkan bukti, per item; syarat predikat yang dipenuhi nilai yang diklaim tetapi tidak oleh nilai berdasarkan bukti tercantum di lembar {}.",
                ctx.names[super::SUMMARY]
            ),
            Lang::En => format!(
                "Evidence-backed score: every item that needs evidence and has none acceptable takes the value of the evidence policy, {policy}, and every score is computed again by the same rules. Points at risk = points claimed − evidence-backed points, per item; the predicate conditions the claimed score meets and the evidence-backed score does not are listed on sheet {}.",
                ctx.names[super::SUMMARY]
            ),
        },
    ];
    for p in &evidence {
        row = para(&mut ws, row, p, &st.text)?;
    }

    // 9. Colours.
    row = section(&mut ws, ctx, row, ctx.t("9. Warna", "9. Colours"))?;
    let legend = [
        (
            Tone::Pass,
            ctx.t(
                "hijau: syarat terpenuhi; di lembar Bukti, item didukung dan data dukung yang dapat dibuka",
                "green: condition met; on the Evidence sheet, items supported and entries that can be opened",
            ),
        ),
        (
            Tone::Fail,
            ctx.t(
                "merah: syarat tidak terpenuhi; di lembar LKE, node di bawah ambang setiap predikat; jawaban tidak sah; di lembar Bukti, item dengan poin berisiko dan data dukung yang tidak dapat dibuka",
                "red: condition not met; on the LKE sheet, a node below every predicate's minimum; an invalid answer; on the Evidence sheet, items with points at risk and entries that cannot be opened",
            ),
        ),
        (
            Tone::Amber,
            ctx.t(
                "kuning: belum diketahui (predikat sebelumnya belum dinyatakan); di lembar LKE, node di bawah ambang sebagian predikat (mis. di bawah 75% tetapi tidak di bawah 60% bobot); belum diisi; peringatan; di lembar Bukti, berkas yang tidak diperiksa dan item tanpa bukti di bawah kebijakan hanya laporan (--evidence-policy none)",
                "amber: unknown (prior predicate not stated); on the LKE sheet, a node below some predicates' minimum (e.g. below 75% but not below 60% of its weight); not filled; warnings; on the Evidence sheet, files not checked and items without evidence under the report-only policy (--evidence-policy none)",
            ),
        ),
    ];
    for (tone, label) in legend {
        merged(&mut ws, (row, 0), (row, 4), "", &toned(&st.text, tone))?;
        text(&mut ws, row, 0, label, &toned(&st.text, tone))?;
        row += 1;
    }
    crate::sheet::print_setup(&mut ws, &WIDTHS, Some((0, 0)))?;
    let _ = row;
    Ok(ws)
}

fn cond_label(cond: &zona_core::criteria::Condition, lang: Lang, default: &str) -> String {
    match lang {
        Lang::Id => cond.label.clone(),
        Lang::En => cond.label_en.clone().or(cond.label.clone()),
    }
    .unwrap_or_else(|| default.to_string())
}

fn threshold_row(
    ws: &mut Worksheet,
    ctx: &Ctx,
    row: u32,
    cells: [&str; 4],
    threshold: Option<f64>,
) -> Result<(), XlsxError> {
    for (k, v) in cells.iter().enumerate() {
        text(ws, row, col(k), v, &ctx.st.text)?;
    }
    let fit: Vec<(&str, f64)> = cells.iter().copied().zip(WIDTHS.iter().copied()).collect();
    super::fit_row(ws, row, &fit)?;
    match threshold {
        Some(t) => number(ws, row, 4, t, &ctx.st.num),
        None => text(ws, row, 4, "—", &ctx.st.text),
    }
}

fn section(ws: &mut Worksheet, ctx: &Ctx, row: u32, title: &str) -> Result<u32, XlsxError> {
    text(ws, row + 1, 0, title, &ctx.st.section)?;
    Ok(row + 2)
}

/// A paragraph over the sheet's columns, its row tall enough for the wrapped text.
fn para(ws: &mut Worksheet, row: u32, s: &str, f: &Format) -> Result<u32, XlsxError> {
    let last = col(WIDTHS.len() - 1);
    super::paragraph(ws, row, (0, last), WIDTHS.iter().sum(), s, f)?;
    Ok(row + 1)
}
