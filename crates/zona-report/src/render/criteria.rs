//! A criteria set rendered for people: its tree with weights (`zona criteria show`) and the
//! one-line verdict of `zona check`.

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

/// The criteria tree with weights (and the items with their answer types).
pub fn tree(c: &Criteria, with_items: bool, lang: Lang) -> String {
    super::terminal_safe(&tree_unescaped(c, with_items, lang))
}

/// The criteria tree with weights (and the items with their answer types).
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
                    c.answer_label(it)
                ));
            }
        }
    }
    out.push_str(&format!(
        "\n{}: {}\n",
        lang.pick("Total bobot", "Total weight"),
        fmt2(c.max_total(), lang)
    ));
    out
}
