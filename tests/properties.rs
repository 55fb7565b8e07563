//! Property tests: no input, however malformed, makes the front end or the loader panic.

mod common;

use common::plan_dir;
use proptest::prelude::*;

/// Pieces of the rules language, so generated input reaches deep into the grammar.
const RULE_TOKENS: &[&str] = &[
    "rule",
    "R-1",
    "\"標題\"",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "=",
    "<=",
    ">",
    "+",
    "/",
    "*",
    "-",
    "and",
    "or",
    "not",
    "in",
    "when",
    "must",
    "forbid",
    "in principle",
    "for each",
    "b",
    "boilers",
    "b.capacity",
    "35 t/h",
    "1.5",
    "87%",
    "2025-12-31",
    "count(b in boilers where b.is_new)",
    "sum(b in boilers: b.capacity)",
    "applies to",
    "project",
    "quote",
    "\"縣級\"",
    "clause",
    "\"二(二)\"",
    "message",
    "\"{b.name}\"",
    "help",
    "review if",
    "because",
    "deadline",
    "unless",
    "record",
    "enum",
    "document",
    "dimension",
    "unit",
    "convert",
    "param",
    "define",
    "plan",
    "x",
    "sample-2025",
    "\n",
    " ",
    "//",
    "///",
    "\"",
    "{",
    "?",
    "list",
];

const YAML_TOKENS: &[&str] = &[
    "kind:",
    " project",
    "plan:",
    " sample-2025",
    "\n",
    "  ",
    "- ",
    "boilers:",
    "name:",
    " 鍋爐",
    "capacity:",
    " 35 t/h",
    " 35蒸吨/小时",
    "fuel:",
    " 燃煤",
    "is_new:",
    " NO",
    " true",
    "&a",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "---",
    "\t",
    "'",
    "\"",
    "#",
    "010",
    "~",
    "site:",
    "in_builtup_area:",
    "justifications:",
    "rule:",
    "reason:",
    "2025年6月1日",
    "!!str",
    "? ",
    "|",
    ">",
];

fn joined(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(tokens), 0..60).prop_map(|parts| parts.concat())
}

fn text_or_tokens(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![joined(tokens), any::<String>(), "\\PC{0,200}"]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_rules_front_end_never_panics(text in text_or_tokens(RULE_TOKENS)) {
        let (mut files, root) = plan_dir::read(std::path::Path::new(common::SAMPLE_PLAN)).expect("the sample plan is readable");
        files.add("zz-generated.rules", text.into_bytes());
        let plan = plan_dir::compile(&files, &root);
        for diagnostic in plan.diagnostics() {
            prop_assert!(!diagnostic.message().is_empty());
            if let (Some(text), Some(range)) = (diagnostic.source_text(), diagnostic.byte_range()) {
                prop_assert!(range.end <= text.len(), "a span runs past the end of its file");
            }
        }
    }

    #[test]
    fn the_submission_loader_never_panics(text in text_or_tokens(YAML_TOKENS), bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let plan = common::sample_plan();
        let options = common::options();
        for input in [text.as_bytes(), bytes.as_slice()] {
            let report = plan.check("generated.yaml", input, &options);
            for problem in report.problems() {
                if let (Some(text), Some(range)) = (problem.source_text(), problem.byte_range()) {
                    prop_assert!(range.end <= text.len());
                }
            }
            let _ = plan.check("generated.json", input, &options);
        }
    }
}
