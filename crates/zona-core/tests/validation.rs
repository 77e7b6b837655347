//! Criteria validation: syntax errors with line and column, then every semantic problem, each at
//! its place in the file. One test per kind of problem.

use zona_core::{CriteriaError, Lang, Problem, ProblemKind};

/// A small valid file. Line numbers below refer to it (line 1 is `[criteria]`).
const BASE: &str = r#"[criteria]
id = "t"
name = "T"

[scales.abc]
name = "A/B/C"
options = [{ code = "A", value = 1.0 }, { code = "B", value = 0.5 }, { code = "C", value = 0.0 }]

[scales.indeks]
name = "Nilai (0-4)"
index_max = 4.0

[[area]]
key = "mp"
name = "Manajemen Perubahan"
weight = 4.0

[[node]]
key = "root"
name = "ROOT"
weight = 4.0

[[node]]
key = "root.mp"
parent = "root"
name = "MP"
weight = 4.0
area = "mp"

[[item]]
key = "root.mp.a"
parent = "root.mp"
text = "Item a"
answer = "abc"

[[item]]
key = "root.mp.b"
parent = "root.mp"
text = "Item b"
answer = "ratio"
ratio = { kind = "share", done = "done", required = "req" }
inputs = [
  { key = "req", label = "Jumlah wajib", sum_of = ["x", "y"] },
  { key = "x", label = "X" },
  { key = "y", label = "Y" },
  { key = "done", label = "Jumlah selesai" },
]

[[predicate]]
key = "wbk"
name = "Menuju WBK"
conditions = [
  { kind = "total", min = 3.0 },
  { kind = "node", node = "root.mp", min = 2.0 },
  { kind = "areas", min_percent = 60.0 },
]
"#;

fn problems(text: &str) -> Vec<Problem> {
    match zona_core::load_str(text, "t.toml") {
        Err(CriteriaError::Invalid { problems, .. }) => problems,
        Err(e) => panic!("expected semantic problems, got {e}"),
        Ok(_) => panic!("expected problems, the file loaded"),
    }
}

/// Replaces exactly one occurrence (so a test cannot silently change nothing).
fn edit(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "`{from}` must occur once in BASE"
    );
    BASE.replacen(from, to, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

fn only(text: &str) -> Problem {
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:?}");
    p.into_iter().next().unwrap()
}

#[test]
fn the_base_file_is_valid() {
    let c = zona_core::load_str(BASE, "t.toml").unwrap();
    assert_eq!(c.items.len(), 2);
    assert_eq!(c.count_inputs(), 4);
}

#[test]
fn syntax_error_reports_line_and_column() {
    let text = edit("name = \"ROOT\"", "name = \"ROOT");
    match zona_core::load_str(&text, "t.toml") {
        Err(e @ CriteriaError::Syntax { .. }) => {
            let CriteriaError::Syntax { line, column, .. } = &e else {
                unreachable!()
            };
            assert_eq!(*line, line_of(&text, "name = \"ROOT"));
            assert!(*column >= 8, "column {column}");
            let msg = e.message(Lang::Id);
            assert!(
                msg.starts_with(&format!("t.toml:{line}:{column}: kesalahan sintaks TOML")),
                "{msg}"
            );
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn an_unknown_field_is_reported_with_its_place() {
    let text = edit(
        "weight = 4.0\narea = \"mp\"",
        "weight = 4.0\narea = \"mp\"\nwieght = 1.0",
    );
    let Err(CriteriaError::Syntax { line, message, .. }) = zona_core::load_str(&text, "t.toml")
    else {
        panic!("expected an error")
    };
    assert_eq!(line, line_of(&text, "wieght"));
    assert!(message.contains("wieght"), "{message}");
}

#[test]
fn weights_that_do_not_add_up() {
    let text = edit(
        "name = \"ROOT\"\nweight = 4.0",
        "name = \"ROOT\"\nweight = 5.0",
    );
    let p = only(&text);
    assert_eq!(
        p.kind,
        ProblemKind::WeightSum {
            key: "root".into(),
            weight: 5.0,
            sum: 4.0
        }
    );
    assert_eq!(p.line, line_of(&text, "weight = 5.0"));
    assert_eq!(p.column, 10);
    assert_eq!(
        p.kind.message(Lang::Id),
        "bobot anak dari `root` berjumlah 4 tetapi bobot `root` adalah 5"
    );
}

#[test]
fn area_parts_that_do_not_add_up() {
    let text = edit(
        "name = \"Manajemen Perubahan\"\nweight = 4.0",
        "name = \"Manajemen Perubahan\"\nweight = 8.0",
    );
    let p = only(&text);
    assert!(
        matches!(p.kind, ProblemKind::AreaWeightSum { ref key, weight, sum } if key == "mp" && weight == 8.0 && sum == 4.0)
    );
    assert_eq!(p.line, line_of(&text, "weight = 8.0"));
}

#[test]
fn duplicate_keys() {
    let text = edit("key = \"root.mp.b\"", "key = \"root.mp.a\"");
    let p = problems(&text);
    let dup = p
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::DuplicateKey { .. }))
        .expect("duplicate");
    assert_eq!(
        dup.kind,
        ProblemKind::DuplicateKey {
            key: "root.mp.a".into(),
            first_line: line_of(BASE, "key = \"root.mp.a\"")
        }
    );
    assert_eq!(dup.line, line_of(BASE, "key = \"root.mp.b\""));
    assert_eq!(
        dup.kind.message(Lang::En),
        format!(
            "duplicate key `root.mp.a` (first at line {})",
            line_of(BASE, "key = \"root.mp.a\"")
        )
    );
}

#[test]
fn invalid_key_characters() {
    let text = edit("key = \"root.mp.a\"", "key = \"root mp/a\"");
    let p = only(&text);
    assert_eq!(
        p.kind,
        ProblemKind::InvalidKey {
            key: "root mp/a".into()
        }
    );
}

#[test]
fn a_condition_naming_an_unknown_node() {
    let text = edit("node = \"root.mp\"", "node = \"root.pm\"");
    let p = only(&text);
    assert_eq!(
        p.kind,
        ProblemKind::UnknownReference {
            what: "node",
            name: "root.pm".into()
        }
    );
    assert_eq!(p.line, line_of(&text, "root.pm"));
    assert_eq!(p.kind.message(Lang::Id), "node `root.pm` tidak dikenal");
}

#[test]
fn unknown_parent_area_scale_and_formula_input() {
    let text = edit(
        "parent = \"root.mp\"\ntext = \"Item a\"",
        "parent = \"nowhere\"\ntext = \"Item a\"",
    )
    .replace("area = \"mp\"", "area = \"xx\"")
    .replace("answer = \"abc\"", "answer = \"abcdef\"")
    .replace("done = \"done\"", "done = \"finished\"");
    let kinds: Vec<ProblemKind> = problems(&text).into_iter().map(|p| p.kind).collect();
    for (what, name) in [("parent", "nowhere"), ("area", "xx"), ("input", "finished")] {
        assert!(
            kinds.contains(&ProblemKind::UnknownReference {
                what,
                name: name.into()
            }),
            "{what} {name}: {kinds:?}"
        );
    }
}

#[test]
fn an_option_value_outside_0_1() {
    let text = edit(
        "{ code = \"B\", value = 0.5 }",
        "{ code = \"B\", value = 1.5 }",
    );
    let p = only(&text);
    assert_eq!(
        p.kind,
        ProblemKind::OptionValueOutOfRange {
            scale: "abc".into(),
            code: "B".into(),
            value: 1.5
        }
    );
    assert_eq!(p.line, line_of(&text, "value = 1.5"));
    assert_eq!(
        p.kind.message(Lang::Id),
        "nilai pilihan `B` pada skala `abc` adalah 1.5, harus antara 0 dan 1"
    );
}

#[test]
fn duplicate_option_codes() {
    let text = edit(
        "{ code = \"C\", value = 0.0 }",
        "{ code = \"b\", value = 0.0 }",
    );
    assert_eq!(
        only(&text).kind,
        ProblemKind::DuplicateOption {
            scale: "abc".into(),
            code: "b".into()
        }
    );
}

#[test]
fn a_scale_without_options_and_a_bad_index_maximum() {
    let text = edit(
        "options = [{ code = \"A\", value = 1.0 }, { code = \"B\", value = 0.5 }, { code = \"C\", value = 0.0 }]",
        "options = []",
    )
    .replace("index_max = 4.0", "index_max = 0.0");
    let kinds: Vec<ProblemKind> = problems(&text).into_iter().map(|p| p.kind).collect();
    assert!(kinds.contains(&ProblemKind::EmptyScale {
        scale: "abc".into()
    }));
    assert!(kinds.contains(&ProblemKind::InvalidIndexMax {
        scale: "indeks".into(),
        max: 0.0
    }));
}

#[test]
fn a_node_with_both_children_and_items() {
    let text = edit(
        "key = \"root.mp.a\"\nparent = \"root.mp\"",
        "key = \"root.mp.a\"\nparent = \"root\"",
    );
    let kinds: Vec<ProblemKind> = problems(&text).into_iter().map(|p| p.kind).collect();
    assert!(
        kinds.contains(&ProblemKind::MixedChildren { key: "root".into() }),
        "{kinds:?}"
    );
}

#[test]
fn a_node_without_children() {
    let text = format!("{BASE}\n[[node]]\nkey = \"lonely\"\nname = \"Lonely\"\nweight = 0.0\n");
    let p = only(&text);
    assert_eq!(
        p.kind,
        ProblemKind::NoChildren {
            key: "lonely".into()
        }
    );
    assert_eq!(p.line, line_of(&text, "key = \"lonely\""));
}

#[test]
fn only_some_items_carry_a_weight() {
    let text = edit("text = \"Item a\"", "text = \"Item a\"\nweight = 2.0");
    assert_eq!(
        only(&text).kind,
        ProblemKind::PartialItemWeights {
            key: "root.mp".into()
        }
    );
}

#[test]
fn a_negative_weight() {
    let text = BASE.replace(
        "name = \"MP\"\nweight = 4.0",
        "name = \"MP\"\nweight = -4.0",
    );
    let kinds: Vec<ProblemKind> = problems(&text).into_iter().map(|p| p.kind).collect();
    assert!(kinds.contains(&ProblemKind::NegativeWeight {
        key: "root.mp".into(),
        weight: -4.0
    }));
}

#[test]
fn a_ratio_item_without_inputs() {
    let start = BASE.find("inputs = [").unwrap();
    let end = BASE[start..].find("]\n\n").unwrap() + start + 2;
    let text = format!("{}{}", &BASE[..start], &BASE[end..]);
    assert_eq!(
        only(&text).kind,
        ProblemKind::RatioWithoutInputs {
            key: "root.mp.b".into()
        }
    );
}

#[test]
fn a_sum_naming_itself() {
    let text = edit("sum_of = [\"x\", \"y\"]", "sum_of = [\"x\", \"req\"]");
    assert_eq!(only(&text).kind, ProblemKind::SelfSum { key: "req".into() });
}

#[test]
fn a_condition_missing_its_threshold_and_a_bad_percentage() {
    let text = edit("{ kind = \"total\", min = 3.0 }", "{ kind = \"total\" }")
        .replace("min_percent = 60.0", "min_percent = 160.0");
    let kinds: Vec<ProblemKind> = problems(&text).into_iter().map(|p| p.kind).collect();
    assert!(kinds.contains(&ProblemKind::MissingField {
        what: "condition",
        field: "min"
    }));
    assert!(kinds.contains(&ProblemKind::InvalidThreshold { value: 160.0 }));
}

#[test]
fn a_parent_cycle() {
    let text = format!(
        "{BASE}\n[[node]]\nkey = \"c1\"\nparent = \"c2\"\nname = \"C1\"\nweight = 0.0\n\n[[node]]\nkey = \"c2\"\nparent = \"c1\"\nname = \"C2\"\nweight = 0.0\n"
    );
    let kinds: Vec<ProblemKind> = problems(&text).into_iter().map(|p| p.kind).collect();
    assert!(
        kinds.contains(&ProblemKind::ParentCycle { key: "c1".into() }),
        "{kinds:?}"
    );
}

#[test]
fn every_problem_is_collected_in_one_run_in_file_order() {
    let text = edit(
        "name = \"ROOT\"\nweight = 4.0",
        "name = \"ROOT\"\nweight = 5.0",
    )
    .replace(
        "{ code = \"B\", value = 0.5 }",
        "{ code = \"B\", value = 2.0 }",
    )
    .replace("node = \"root.mp\"", "node = \"nope\"");
    let p = problems(&text);
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(p.windows(2).all(|w| w[0].line <= w[1].line));
    let msg = zona_core::load_str(&text, "t.toml")
        .unwrap_err()
        .message(Lang::En);
    assert!(msg.starts_with("t.toml: 3 problem(s) in criteria"), "{msg}");
    assert_eq!(msg.lines().count(), 4);
}

#[test]
fn a_sum_of_sums() {
    let text = edit(
        "  { key = \"done\", label = \"Jumlah selesai\" },",
        "  { key = \"done\", label = \"Jumlah selesai\" },\n  { key = \"total\", label = \"Total\", sum_of = [\"req\", \"x\"] },",
    );
    let p = only(&text);
    assert_eq!(p.kind, ProblemKind::NestedSum { key: "req".into() });
    assert_eq!(p.line, line_of(&text, "key = \"total\""));
    assert_eq!(
        p.kind.message(Lang::En),
        "part `req` is itself a sum; `sum_of` may only name typed inputs"
    );
}

#[test]
fn an_infinite_or_not_a_number_weight() {
    for bad in ["inf", "nan", "-inf"] {
        let text = BASE.replace(
            "name = \"Manajemen Perubahan\"\nweight = 4.0",
            &format!("name = \"Manajemen Perubahan\"\nweight = {bad}"),
        );
        let kinds: Vec<ProblemKind> = problems(&text).into_iter().map(|p| p.kind).collect();
        assert!(
            kinds
                .iter()
                .any(|k| matches!(k, ProblemKind::NegativeWeight { key, .. } if key == "mp")),
            "{bad}: {kinds:?}"
        );
    }
}
