//! Criteria validation: syntax errors with line and column, then every semantic problem, each at
//! its place in the file. One test per kind of problem.

use zona_core::criteria::PeriodRule;
use zona_core::{CriteriaError, Lang, Problem, ProblemKind, Role};

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
fn a_syntax_error_on_a_very_long_line_is_not_printed_with_the_whole_line() {
    // One line of 400,000 brackets: toml's rendering would repeat it with a caret.
    let text = format!("a = {}{}", "[".repeat(200_000), "]".repeat(200_000));
    let err = zona_core::load_str(&text, "t.toml").unwrap_err();
    let msg = err.message(Lang::Id);
    assert!(
        msg.len() < 500,
        "{} bytes: {}",
        msg.len(),
        &msg[..500.min(msg.len())]
    );
    assert!(msg.starts_with("t.toml:1:"), "{msg}");
    assert!(msg.contains("kesalahan sintaks TOML"), "{msg}");
    // A short line keeps toml's rendering, the line and its caret.
    let text = edit("name = \"ROOT\"", "name = \"ROOT");
    let msg = zona_core::load_str(&text, "t.toml")
        .unwrap_err()
        .message(Lang::En);
    assert!(msg.contains('^'), "{msg}");
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
    assert!(msg.starts_with("t.toml: 3 problems in criteria"), "{msg}");
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

// -------------------------------------------------------------------------------------------
// Roles and prior predicates

/// BASE with a second predicate `wbbm` whose conditions are `extra`.
fn with_wbbm(extra: &str) -> String {
    format!(
        "{BASE}
[[predicate]]
key = \"wbbm\"
name = \"Menuju WBBM\"
conditions = [{extra}]
"
    )
}

#[test]
fn roles_are_read_from_the_nodes() {
    let text = edit(
        "name = \"ROOT\"\nweight = 4.0",
        "name = \"ROOT\"\nweight = 4.0\nrole = \"pengungkit\"",
    );
    let c = zona_core::load_str(&text, "t.toml").unwrap();
    let root = c.node_by_key("root").unwrap();
    assert_eq!(c.role(Role::Pengungkit), Some(root));
    assert_eq!(c.node(root).role, Some(Role::Pengungkit));
    for role in [Role::Pemenuhan, Role::Reform, Role::Hasil] {
        assert_eq!(c.role(role), None, "{role:?}");
    }
    assert_eq!(Role::from_code("hasil"), Some(Role::Hasil));
    assert_eq!(Role::from_code("Hasil"), None);
    assert_eq!(
        Role::ALL.map(Role::code),
        ["pengungkit", "pemenuhan", "reform", "hasil"]
    );
}

#[test]
fn an_unknown_role() {
    let text = edit(
        "name = \"MP\"\nweight = 4.0",
        "name = \"MP\"\nweight = 4.0\nrole = \"enabler\"",
    );
    let p = only(&text);
    assert_eq!(
        p.kind,
        ProblemKind::UnknownRole {
            role: "enabler".into()
        }
    );
    assert_eq!(p.line, line_of(&text, "role = \"enabler\""));
    assert_eq!(
        p.kind.message(Lang::En),
        "unknown role `enabler` (one of: pengungkit, pemenuhan, reform, hasil)"
    );
    assert_eq!(
        p.kind.message(Lang::Id),
        "peran `enabler` tidak dikenal (pilihan: pengungkit, pemenuhan, reform, hasil)"
    );
}

#[test]
fn a_role_given_twice() {
    let text = edit(
        "name = \"ROOT\"\nweight = 4.0",
        "name = \"ROOT\"\nweight = 4.0\nrole = \"hasil\"",
    )
    .replacen(
        "name = \"MP\"\nweight = 4.0",
        "name = \"MP\"\nweight = 4.0\nrole = \"hasil\"",
        1,
    );
    let p = only(&text);
    let first = line_of(&text, "role = \"hasil\"");
    assert_eq!(
        p.kind,
        ProblemKind::DuplicateRole {
            role: "hasil".into(),
            first_key: "root".into(),
            first_line: first,
        }
    );
    assert!(p.line > first);
    assert_eq!(
        p.kind.message(Lang::En),
        format!(
            "role `hasil` is already given to node `root` (line {first}); a role belongs to one node"
        )
    );
}

#[test]
fn the_prior_predicates_are_found_from_the_conditions() {
    let text = with_wbbm("{ kind = \"prior\", predicate = \"wbk\" }");
    let c = zona_core::load_str(&text, "t.toml").unwrap();
    assert_eq!(c.predicate_by_key("wbbm"), Some(1));
    assert_eq!(c.prior_predicates(), vec![0]);
    assert_eq!(c.first_prior_predicate(), Some(0));
    assert_eq!(c.predicates[1].priors().collect::<Vec<_>>(), vec![0]);
    // Without a prior condition there is none.
    let c = zona_core::load_str(BASE, "t.toml").unwrap();
    assert!(c.prior_predicates().is_empty());
    assert_eq!(c.first_prior_predicate(), None);
}

#[test]
fn a_prior_naming_its_own_predicate() {
    let text = edit(
        "  { kind = \"total\", min = 3.0 },",
        "  { kind = \"total\", min = 3.0 },\n  { kind = \"prior\", predicate = \"wbk\" },",
    );
    let p = only(&text);
    assert_eq!(
        p.kind,
        ProblemKind::PriorSelf {
            predicate: "wbk".into()
        }
    );
    assert_eq!(p.line, line_of(&text, "kind = \"prior\""));
    assert_eq!(
        p.kind.message(Lang::En),
        "predicate `wbk` requires itself as its prior predicate"
    );
}

#[test]
fn prior_predicates_that_form_a_cycle() {
    let text = with_wbbm("{ kind = \"prior\", predicate = \"wbk\" }").replacen(
        "  { kind = \"total\", min = 3.0 },",
        "  { kind = \"total\", min = 3.0 },\n  { kind = \"prior\", predicate = \"wbbm\" },",
        1,
    );
    let p = only(&text);
    assert_eq!(
        p.kind,
        ProblemKind::PriorCycle {
            cycle: vec!["wbk".into(), "wbbm".into(), "wbk".into()]
        }
    );
    // Reported at the condition that closes the cycle (wbbm's prior wbk).
    assert_eq!(p.line, line_of(&text, "predicate = \"wbk\""));
    assert_eq!(
        p.kind.message(Lang::En),
        "`prior` conditions form a cycle: wbk → wbbm → wbk"
    );
    assert_eq!(
        p.kind.message(Lang::Id),
        "syarat `prior` membentuk siklus: wbk → wbbm → wbk"
    );
}

#[test]
fn a_long_chain_of_priors_loads_and_a_long_cycle_is_one_problem() {
    // Thousands of predicates, each requiring the previous one: no recursion to overflow.
    let n = 2000;
    let mut chain = BASE.to_string();
    for i in 1..n {
        chain.push_str(&format!(
            "\n[[predicate]]\nkey = \"p{i}\"\nname = \"P{i}\"\nconditions = [{{ kind = \"prior\", predicate = \"{}\" }}]\n",
            if i == 1 { "wbk".to_string() } else { format!("p{}", i - 1) }
        ));
    }
    let c = zona_core::load_str(&chain, "t.toml").unwrap();
    assert_eq!(c.first_prior_predicate(), Some(0));
    assert_eq!(c.prior_predicates().len(), n - 1);
    let cycle = chain.replacen(
        "  { kind = \"total\", min = 3.0 },",
        &format!(
            "  {{ kind = \"total\", min = 3.0 }},\n  {{ kind = \"prior\", predicate = \"p{}\" }},",
            n - 1
        ),
        1,
    );
    let p = only(&cycle);
    let ProblemKind::PriorCycle { cycle } = &p.kind else {
        panic!("{p:?}")
    };
    assert_eq!(cycle.len(), n + 1);
}

#[test]
fn the_built_in_criteria_declare_their_roles_and_prior_predicate() {
    let all = zona_core::builtin_criteria();
    let (c2021, c2019) = (&all[0], &all[1]);
    for role in Role::ALL {
        assert_eq!(
            c2021.role(role),
            c2021.node_by_key(role.code()),
            "90/2021 {role:?}"
        );
    }
    // 10/2019 has no pemenuhan/reform split.
    assert_eq!(
        c2019.role(Role::Pengungkit),
        c2019.node_by_key("pengungkit")
    );
    assert_eq!(c2019.role(Role::Hasil), c2019.node_by_key("hasil"));
    assert!(c2019.role(Role::Pengungkit).is_some() && c2019.role(Role::Hasil).is_some());
    assert_eq!(c2019.role(Role::Pemenuhan), None);
    assert_eq!(c2019.role(Role::Reform), None);
    for c in [c2021, c2019] {
        let wbk = c.first_prior_predicate().expect("a prior predicate");
        assert_eq!(c.predicates[wbk].key, "wbk");
        assert_eq!(c.prior_predicates(), vec![wbk]);
        assert_eq!(c.predicates[wbk].short_display_name(Lang::Id), "WBK");
        assert_eq!(c.predicates[wbk].short_display_name(Lang::En), "WBK");
    }
}

// -------------------------------------------------------------------------------------------
// Causes

#[test]
fn a_file_that_cannot_be_read_keeps_the_io_error_as_its_source() {
    use std::error::Error;
    let path = std::path::Path::new("/nonexistent/zona/criteria.toml");
    let e = zona_core::load_file(path).unwrap_err();
    let io = e
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .expect("io source");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    assert_eq!(
        e.message(Lang::En),
        format!("{}: cannot read criteria file: {io}", path.display())
    );
    assert_eq!(
        e.message(Lang::Id),
        format!(
            "{}: berkas kriteria tidak dapat dibaca: {io}",
            path.display()
        )
    );
}

#[test]
fn a_syntax_error_keeps_the_toml_error_as_its_source() {
    use std::error::Error;
    let text = edit("name = \"ROOT\"", "name = \"ROOT");
    let e = zona_core::load_str(&text, "t.toml").unwrap_err();
    let toml = e
        .source()
        .and_then(|s| s.downcast_ref::<toml::de::Error>())
        .expect("toml source");
    let CriteriaError::Syntax {
        line,
        column,
        message,
        rendered,
        ..
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!(message, toml.message().trim());
    assert_eq!(rendered, toml.to_string().trim_end());
    assert_eq!(
        e.to_string(),
        format!("t.toml:{line}:{column}: TOML error: {message}")
    );
    assert_eq!(
        e.message(Lang::En),
        format!("t.toml:{line}:{column}: TOML syntax error\n{rendered}")
    );
    // Semantic problems have no single cause.
    assert!(
        zona_core::load_str(&edit("weight = 4.0\narea", "weight = 3.0\narea"), "t.toml")
            .unwrap_err()
            .source()
            .is_none()
    );
}

#[test]
fn expected_evidence_is_read_with_its_documents_and_period() {
    let text = edit(
        "text = \"Item a\"",
        "text = \"Item a\"\nevidence = { documents = [\"SK Tim\", { name = \"Notulen\", also = [\"risalah rapat\"] }], period = \"current-year\" }",
    );
    let c = zona_core::load_str(&text, "t.toml").unwrap();
    let a = c.item(c.item_by_key("root.mp.a").unwrap());
    let e = a.evidence.as_ref().expect("evidence of item a");
    let docs: Vec<(&str, Vec<&str>)> = e
        .documents
        .iter()
        .map(|d| (d.name.as_str(), d.also.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        docs,
        [("SK Tim", vec![]), ("Notulen", vec!["risalah rapat"])]
    );
    assert_eq!(e.period, Some(PeriodRule::CurrentYear));
    // An item without the table leaves it unspecified.
    assert!(c
        .item(c.item_by_key("root.mp.b").unwrap())
        .evidence
        .is_none());
}

#[test]
fn an_unknown_evidence_period() {
    let text = edit(
        "text = \"Item a\"",
        "text = \"Item a\"\nevidence = { documents = [\"SK Tim\"], period = \"kemarin\" }",
    );
    let p = only(&text);
    assert_eq!(
        p.kind,
        ProblemKind::UnknownPeriod {
            period: "kemarin".into()
        }
    );
    assert_eq!(p.line, line_of(&text, "period = \"kemarin\""));
    assert_eq!(
        p.kind.message(Lang::En),
        "unknown evidence period `kemarin` (one of: current-year, previous-year, in-force)"
    );
    assert_eq!(
        p.kind.message(Lang::Id),
        "periode bukti `kemarin` tidak dikenal (pilihan: current-year, previous-year, in-force)"
    );
    let Err(e) = zona_core::load_str(&text, "t.toml") else {
        panic!("expected problems")
    };
    assert!(
        e.message(Lang::Id).contains(&format!(
            "t.toml:{}:{}: periode bukti `kemarin` tidak dikenal",
            p.line, p.column
        )),
        "{}",
        e.message(Lang::Id)
    );
}

#[test]
fn a_blank_evidence_document_name() {
    for blank in [
        "\"  \"",
        "{ name = \"\" }",
        "{ name = \"Notulen\", also = [\"risalah rapat\", \" \"] }",
    ] {
        let text = edit(
            "text = \"Item a\"",
            &format!("text = \"Item a\"\nevidence = {{ documents = [\"SK Tim\", {blank}] }}"),
        );
        let p = only(&text);
        assert_eq!(p.kind, ProblemKind::EmptyDocumentName, "{blank}");
        let line = line_of(&text, "evidence = ");
        assert_eq!(p.line, line, "{blank}");
        // The column is the blank document's, not the table's.
        let at = text.lines().nth(line - 1).unwrap().find(blank).unwrap() + 1;
        assert_eq!(p.column, at, "{blank}");
        assert_eq!(
            p.kind.message(Lang::En),
            "an evidence document name is blank"
        );
        assert_eq!(p.kind.message(Lang::Id), "nama dokumen bukti kosong");
    }
}
