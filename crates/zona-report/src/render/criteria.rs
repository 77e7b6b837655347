//! A criteria set rendered for people: its tree with weights (`zona criteria show`) and the
//! one-line verdict of `zona check`.

use zona_core::criteria::{ExpectedEvidence, PeriodRule};
use zona_core::lang::{fmt2, fmt_plain};
use zona_core::{Criteria, Lang};

use super::truncate;

/// `path: kriteria sah — name (N node, …)`: what `zona check` prints for a valid file.
pub fn check_ok(path: &str, c: &Criteria, lang: Lang) -> String {
    super::terminal_safe(&check_ok_unescaped(path, c, lang))
}

/// `path: kriteria sah — name (N node, …)`: what `zona check` prints for a valid file.
fn check_ok_unescaped(path: &str, c: &Criteria, lang: Lang) -> String {
    match lang {
        Lang::Id => format!(
            "{path}: kriteria sah — {} ({} node, {} item, {} input jumlah, {} area, {} predikat; total bobot {})\n",
            c.meta.name,
            c.nodes.len(),
            c.items.len(),
            c.count_inputs(),
            c.areas.len(),
            c.predicates.len(),
            fmt_plain(c.max_total(), lang)
        ),
        Lang::En => format!(
            "{path}: valid criteria — {} ({} nodes, {} items, {} count inputs, {} areas, {} predicates; total weight {})\n",
            c.meta.name,
            c.nodes.len(),
            c.items.len(),
            c.count_inputs(),
            c.areas.len(),
            c.predicates.len(),
            fmt_plain(c.max_total(), lang)
        ),
    }
}

/// The criteria tree with weights (and the items with their answer types and expected evidence).
pub fn tree(c: &Criteria, with_items: bool, lang: Lang) -> String {
    super::terminal_safe(&tree_unescaped(c, with_items, lang))
}

/// The criteria tree with weights (and the items with their answer types and expected evidence).
fn tree_unescaped(c: &Criteria, with_items: bool, lang: Lang) -> String {
    let mut out = format!(
        "{} [{}]\n{}: {}\n\n",
        c.meta.name,
        c.meta.id,
        lang.pick("Regulasi", "Regulation"),
        c.meta.regulation
    );
    for id in c.nodes_preorder() {
        let n = c.node(id);
        let indent = "  ".repeat(n.depth);
        let area = n
            .area
            .map(|a| format!("  [area {}]", c.areas[a.0].key))
            .unwrap_or_default();
        let label = format!(
            "{indent}{} {}",
            n.marker.as_deref().unwrap_or(""),
            n.display_name(lang)
        );
        out.push_str(&format!(
            "{:<72} {:>7}{area}\n",
            truncate(label.trim_end(), 72),
            fmt2(n.weight, lang)
        ));
        if with_items {
            for i in &n.items {
                let it = c.item(*i);
                let w = it.weight.map(|w| fmt2(w, lang)).unwrap_or_default();
                let label = format!(
                    "{indent}  {} {}",
                    it.marker.as_deref().unwrap_or("-"),
                    it.display_text(lang)
                );
                out.push_str(&format!(
                    "{:<72} {:>7}  {}\n",
                    truncate(&label, 72),
                    w,
                    c.answer_label_in(it, lang)
                ));
                if let Some(e) = &it.evidence {
                    out.push_str(&format!("{indent}     {}\n", expected_evidence(e, lang)));
                }
            }
        }
    }
    out.push_str(&format!(
        "\n{}: {}\n",
        lang.pick("Total bobot", "Total weight"),
        fmt2(c.max_total(), lang)
    ));
    if with_items {
        let with = c.items.iter().filter(|i| i.evidence.is_some()).count();
        out.push_str(&match lang {
            Lang::Id => format!(
                "Bukti yang diharapkan: {with} dari {} item (selebihnya tidak ditentukan)\n",
                c.items.len()
            ),
            Lang::En => format!(
                "Expected evidence: {with} of {} items (the others unspecified)\n",
                c.items.len()
            ),
        });
    }
    out
}

/// `bukti yang diharapkan: SK Tim — periode: masih berlaku`. In English the documents' English
/// names, each with the Indonesian name it must carry (`Team decree (SK Tim)`).
fn expected_evidence(e: &ExpectedEvidence, lang: Lang) -> String {
    let names: Vec<String> = e.documents.iter().map(|d| d.display_name(lang)).collect();
    let mut line = format!(
        "{}: {}",
        lang.pick("bukti yang diharapkan", "expected evidence"),
        if names.is_empty() {
            lang.pick("(tanpa dokumen)", "(no document)").to_string()
        } else {
            names.join("; ")
        }
    );
    if let Some(p) = e.period {
        line.push_str(&format!(
            " — {}: {}",
            lang.pick("periode", "period"),
            period_label(p, lang)
        ));
    }
    line
}

fn period_label(p: PeriodRule, lang: Lang) -> &'static str {
    match p {
        PeriodRule::CurrentYear => lang.pick("tahun berjalan", "the year assessed"),
        PeriodRule::PreviousYear => lang.pick("tahun sebelumnya", "the previous year"),
        PeriodRule::InForce => lang.pick("masih berlaku", "in force"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"[criteria]
id = "t"
name = "T"

[scales.abc]
name = "A/B/C"
options = [{ code = "A", value = 1.0 }, { code = "B", value = 0.5 }, { code = "C", value = 0.0 }]

[[node]]
key = "root"
name = "ROOT"
weight = 3.0

[[item]]
key = "root.a"
parent = "root"
marker = "a."
text = "Laporan tahun lalu"
answer = "abc"
evidence = { documents = ["Laporan kinerja", { name = "Notulen", also = ["risalah"] }], period = "previous-year" }

[[item]]
key = "root.b"
parent = "root"
marker = "b."
text = "Hanya periode"
answer = "abc"
evidence = { period = "current-year" }

[[item]]
key = "root.c"
parent = "root"
marker = "c."
text = "Nama dengan kendali"
answer = "abc"
evidence = { documents = ["SK \u001b[2J Tim"] }
"#;

    fn lines(lang: Lang) -> Vec<String> {
        let c = zona_core::load_str(TOML, "t.toml").unwrap();
        tree(&c, true, lang).lines().map(str::to_string).collect()
    }

    #[test]
    fn items_show_their_expected_documents_and_period_in_either_language() {
        let id = lines(Lang::Id);
        assert_eq!(
            id[5].trim(),
            "bukti yang diharapkan: Laporan kinerja; Notulen — periode: tahun sebelumnya"
        );
        assert_eq!(
            id[7].trim(),
            "bukti yang diharapkan: (tanpa dokumen) — periode: tahun berjalan"
        );
        assert_eq!(
            id.last().unwrap(),
            "Bukti yang diharapkan: 3 dari 3 item (selebihnya tidak ditentukan)"
        );
        let en = lines(Lang::En);
        assert_eq!(
            en[5].trim(),
            "expected evidence: Laporan kinerja; Notulen — period: the previous year"
        );
        assert_eq!(
            en[7].trim(),
            "expected evidence: (no document) — period: the year assessed"
        );
        assert_eq!(
            en.last().unwrap(),
            "Expected evidence: 3 of 3 items (the others unspecified)"
        );
    }

    #[test]
    fn a_document_name_cannot_drive_the_terminal() {
        let id = lines(Lang::Id);
        assert_eq!(id[9].trim(), "bukti yang diharapkan: SK \\x1B[2J Tim");
        assert!(!id.concat().contains('\u{1b}'));
    }

    #[test]
    fn without_items_no_evidence_is_shown() {
        let c = zona_core::load_str(TOML, "t.toml").unwrap();
        let out = tree(&c, false, Lang::En);
        assert!(!out.contains("expected evidence"), "{out}");
        assert!(!out.contains("Expected evidence"), "{out}");
    }
}
