//! The plans in this repository: the embedded default and the sample fixture are clean, their
//! own tests pass, and the default plan's examples give what their comments promise.

mod common;

use planlint::Plan;
use planlint::report::{Language, ReportOptions};
use planlint::tools;

fn assert_plan_is_clean_and_tested(plan: &Plan) {
    assert_plan_is_tested_with(plan, &[]);
}

/// A plan with no diagnostics but the ones `expected` names by code, and every rule tested.
fn assert_plan_is_tested_with(plan: &Plan, expected: &[&str]) {
    let problems: Vec<String> = plan
        .diagnostics()
        .iter()
        .filter(|d| !expected.contains(&d.code_text()))
        .map(|d| {
            format!(
                "{}: {} {}",
                d.code_text(),
                d.message(),
                d.location().unwrap_or_default()
            )
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} has problems:\n{}",
        plan.root(),
        problems.join("\n")
    );
    let run = tools::test(plan);
    let report = run.report(plan, &ReportOptions::new(Language::En));
    assert!(!run.failed(), "{} tests fail:\n{report}", plan.root());
    let coverage = tools::coverage(plan, &run);
    let untested = coverage.untested_rules();
    assert!(
        untested.is_empty(),
        "rules without a firing and a passing test: {untested:?}"
    );
}

/// The embedded plan is Jingzhou's with the national plan above it: its one diagnostic is the
/// advice that the chain skips the provincial plan, whose text could not be obtained.
#[test]
fn the_embedded_plan_is_clean_and_every_rule_is_tested() {
    let plan = Plan::embedded().expect("a plan is embedded");
    let codes: Vec<&str> = plan.diagnostics().iter().map(|d| d.code_text()).collect();
    assert_eq!(codes, ["rules::layer-skipped"]);
    assert_eq!(plan.chain_ids(), ["jingzhou-2024", "national-2023"]);
    assert_plan_is_tested_with(&plan, &["rules::layer-skipped"]);
}

/// The national plan, the second plan encoded, on its own: clean, every rule tested, its outline
/// (`一、` parts, `（四）` items running through the text) read by the same citation check.
#[test]
fn the_national_plan_is_clean_and_every_rule_is_tested() {
    let plan = common::read_plan("rules/national-2023");
    assert_eq!(plan.chain_ids(), ["national-2023"]);
    assert_plan_is_clean_and_tested(&plan);
    let run = tools::test(&plan);
    let coverage = tools::coverage(&plan, &run);
    assert!(
        coverage.rows_not_encoded().is_empty(),
        "every row is encoded or omitted"
    );
}

#[test]
fn the_sample_plan_is_clean_and_every_rule_is_tested() {
    assert_plan_is_clean_and_tested(&common::read_plan("tests/fixtures/rules/sample"));
}

/// Division by zero, overflow and aggregates of no items go to review, never to a made-up value.
#[test]
fn the_arithmetic_plan_is_clean_and_every_rule_is_tested() {
    assert_plan_is_clean_and_tested(&common::read_plan("tests/fixtures/rules/arithmetic"));
}

/// A two-part requirement's finding points at the part that decides it.
#[test]
fn the_blame_plan_is_clean_and_every_rule_is_tested() {
    assert_plan_is_clean_and_tested(&common::read_plan("tests/fixtures/rules/blame"));
}

#[test]
fn the_language_features_plan_is_clean_and_every_rule_is_tested() {
    assert_plan_is_clean_and_tested(&common::read_plan("tests/fixtures/rules/features"));
}

/// Runs `planlint check` on one example with the embedded plan, as the README does.
fn check_example(name: &str) -> (i32, String) {
    common::planlint(&["check", &format!("examples/{name}")])
}

#[test]
fn examples_give_what_they_promise() {
    let mut names: Vec<String> = std::fs::read_dir("examples")
        .expect("examples/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "three examples per document kind");
    for name in &names {
        let (code, out) = check_example(name);
        let summary = out
            .lines()
            .rev()
            .find(|l| l.starts_with("checked "))
            .unwrap_or("")
            .to_string();
        if name.ends_with("-clean.yaml") {
            assert_eq!(code, 0, "{name}: {summary}");
            assert!(
                summary.contains(
                    ": 0 violations, 0 reviews, 0 missing information, 0 advice, 0 document errors"
                ),
                "{name}: {summary}"
            );
        } else if name.ends_with("-violations.yaml") {
            assert_eq!(code, 1, "{name}: {summary}");
        } else if name.ends_with("-justified.yaml") {
            assert!(
                summary.contains(" 0 violations, 1 review,"),
                "{name}: {summary}"
            );
        }
        insta::assert_snapshot!(format!("example_{}", name.trim_end_matches(".yaml")), out);
    }
}

#[test]
fn the_readme_shows_what_the_quick_start_prints() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let command = "cargo run --release -- check examples/project-violations.yaml";
    assert!(
        readme.contains(command),
        "the README's quick start names the example"
    );
    let start = readme
        .find("<!-- quick-start-output -->")
        .expect("the README shows the output")
        + "<!-- quick-start-output -->".len();
    let shown = &readme[start..];
    let shown = shown
        .trim_start()
        .trim_start_matches("```text")
        .trim_start_matches('\n');
    let shown = &shown[..shown.find("```").expect("a closed block")];
    let (_, out) = check_example("project-violations.yaml");
    for line in shown
        .lines()
        .filter(|l| !l.trim().is_empty() && l.trim() != "…")
    {
        assert!(
            out.contains(line),
            "the README shows a line the tool no longer prints:\n{line}"
        );
    }
}

/// Decisions A1b: on an encouragement, the boundary value (a forklift of exactly 3 t under
/// 3噸以下) gives advice whose reason names both readings, never review and never a silent pass.
#[test]
fn the_forklift_boundary_gives_advice_naming_a1() {
    let (code, out) = common::planlint(&[
        "check",
        "--format",
        "json",
        "--as-of",
        "2025-06-01",
        "tests/fixtures/check/forklift-3t.yaml",
    ]);
    assert_eq!(code, 0, "advice does not fail the run");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let findings = report["files"][0]["documents"][0]["findings"]
        .as_array()
        .expect("findings");
    let forklift = findings
        .iter()
        .find(|f| f["rule"] == "JZ-ENT-FORKLIFT-LT3T-NEV")
        .expect("the forklift rule reports");
    assert_eq!(forklift["outcome"], "advice");
    let reason = forklift["reason"].as_str().expect("a reason");
    assert!(reason.contains("A1") && reason.contains("A1b"), "{reason}");
}

/// Coverage counts against the plan's inventory: a rule deleted from the embedded plan leaves its
/// row reported as not encoded, by `rules check` and by `rules coverage`.
#[test]
fn a_deleted_rule_leaves_its_row_not_encoded() {
    let mut files = planlint::PlanFiles::embedded().expect("a plan is embedded");
    let text = String::from_utf8(files.get("sectors.rules").expect("sectors.rules").to_vec())
        .expect("utf-8");
    let start = text
        .find("rule JZ-BOILER-GAS-LOWNOX-GE10T ")
        .expect("the rule is in sectors.rules");
    let end = start + text[start..].find("\n}\n").expect("the rule ends") + 3;
    files.add(
        "sectors.rules",
        format!("{}{}", &text[..start], &text[end..]).into_bytes(),
    );
    // The changed plan is compiled with the plans above it and the schema they share, as built in.
    let plan = Plan::compile_chain(&files, &|_| None, &planlint::PlanFiles::embedded_folder);
    assert!(!plan.has_errors(), "{:?}", plan.diagnostics());
    let warnings: Vec<String> = plan
        .diagnostics()
        .iter()
        .map(|d| format!("{} {}", d.code_text(), d.message()))
        .collect();
    let warnings: Vec<&String> = warnings
        .iter()
        .filter(|w| !w.starts_with("rules::layer-skipped"))
        .collect();
    assert_eq!(
        warnings,
        [
            "rules::row-not-encoded row `JZ-BOILER-GAS-LOWNOX-GE10T` of the inventory has no rule and no `omit`"
        ]
    );
    let coverage = tools::coverage(&plan, &tools::test(&plan));
    assert_eq!(coverage.rows_not_encoded(), ["JZ-BOILER-GAS-LOWNOX-GE10T"]);
    let table = coverage.table(Language::En);
    assert!(
        table.contains("133 rows: 132 encoded, 0 omitted, 1 not encoded"),
        "{table}"
    );
}

/// `吨` alone means what the field measures: a boiler's `4吨` is 4 t/h (so the small-boiler rule
/// reads it), a forklift's `3吨` is a mass, and a production line's `4500吨`, which could be a
/// day's or a year's tonnage, is refused with the units the field takes.
#[test]
fn a_bare_ton_is_read_by_the_field_it_fills() {
    let (_, out) = common::planlint(&[
        "check",
        "--format",
        "json",
        "--as-of",
        "2025-06-01",
        "tests/fixtures/check/unit-shorthand.yaml",
    ]);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let document = &report["files"][0]["documents"][0];
    let problems: Vec<(&str, &str)> = document["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap_or(""),
                p["pointer"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [(
            "submission::dimension-mismatch",
            "/production_lines/0/capacity"
        )]
    );
    let help = document["problems"][0]["help"].as_str().unwrap_or("");
    assert!(
        help.contains("噸/日"),
        "the help names the field's units: {help}"
    );
    let outcome = |rule: &str| {
        document["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["rule"] == rule)
            .map(|f| f["outcome"].as_str().unwrap_or("").to_string())
    };
    // 4 t/h is a small coal boiler still in use: advice before the 2025-12-31 deadline.
    assert_eq!(
        outcome("JZ-BOILER-COAL-ELIM-LE10T-2025").as_deref(),
        Some("advice")
    );
    assert_eq!(
        outcome("JZ-ENT-FORKLIFT-LT3T-NEV").as_deref(),
        Some("advice")
    );
}

/// GB 32100, HJ 608 and GB/T 4754 codes are checked: a mistyped check character is refused with
/// its position and the character the others give, and the document is still checked.
#[test]
fn a_wrong_check_character_is_named_by_its_position() {
    let (_, out) = common::planlint(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "--as-of",
        "2025-06-01",
        "tests/fixtures/check/identity-wrong-check.yaml",
    ]);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let document = &report["files"][0]["documents"][0];
    let problems: Vec<(String, String)> = document["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["pointer"].as_str().unwrap_or("").to_string(),
                p["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected = [
        (
            "/uscc",
            "`uscc` (統一社會信用代碼): `91421087MA49L3T261` is not a valid 統一社會信用代碼: check character 18 is `1`, and the characters before it give `0`",
        ),
        (
            "/permit_number",
            "`permit_number` (排污許可證編號): `91421087MA49L3T261001P` is not a valid 排污許可證編號: check character 18 is `1`, and the characters before it give `0`",
        ),
        (
            "/industry_code",
            "`industry_code` (國民經濟行業代碼): `B3011` puts division `30` under section `B`, and GB/T 4754 puts it under `C`",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    assert_eq!(problems, expected);
    assert!(
        !document["findings"]
            .as_array()
            .expect("findings")
            .is_empty(),
        "the rest of the document is still checked"
    );
}

/// `docs/submissions.md` carries the field reference `planlint rules reference` generates from the
/// embedded plan's schema: every field of every kind, as the checker reads it.
#[test]
fn the_submission_reference_in_the_docs_is_the_generated_one() {
    let plan = Plan::embedded().expect("a plan is embedded");
    let generated = tools::reference(&plan);
    let docs = std::fs::read_to_string("docs/submissions.md").expect("the docs are readable");
    let begin = "<!-- reference: begin -->\n";
    let start = docs.find(begin).expect("the begin marker") + begin.len();
    let end = docs
        .find("<!-- reference: end -->")
        .expect("the end marker");
    assert_eq!(
        docs[start..end].trim(),
        generated.trim(),
        "regenerate the reference with `planlint rules reference`"
    );
    for kind in ["project", "enterprise", "progress_report"] {
        assert!(generated.contains(&format!("`kind: {kind}`")), "{kind}");
    }
}

/// `planlint schema KIND` is a JSON Schema an editor can use while an applicant writes: every
/// example of the embedded plan validates against the schema of its kind (field names or
/// labels as keys), and a misspelt key does not.
#[test]
fn the_schema_of_each_kind_takes_every_example_and_refuses_a_misspelt_key() {
    let plan = Plan::embedded().expect("a plan is embedded");
    let validator = |kind: &str| {
        let schema = tools::json_schema(&plan, kind).expect("a schema of the kind");
        let schema: serde_json::Value = serde_json::from_str(&schema).expect("JSON");
        jsonschema::validator_for(&schema).expect("the schema compiles")
    };
    let mut checked = 0;
    for entry in std::fs::read_dir("examples").expect("examples/") {
        let path = entry.expect("an entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        for document in tools::documents_as_json(&bytes) {
            let kind = document["kind"].as_str().expect("a kind").to_string();
            let errors: Vec<String> = validator(&kind)
                .iter_errors(&document)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{}:\n{}",
                path.display(),
                errors.join("\n")
            );
            checked += 1;
        }
    }
    assert!(checked >= 12, "every example: {checked}");
    let bytes = std::fs::read("examples/project-clean.yaml").expect("the example");
    let text = String::from_utf8(bytes)
        .expect("UTF-8")
        .replace("submitted_on:", "submited_on:");
    let misspelt = &tools::documents_as_json(text.as_bytes())[0];
    assert!(
        !validator("project").is_valid(misspelt),
        "a misspelt key is refused"
    );
}

/// `rules layering` on the fixture chain: each way a child rule can be weaker is found, with a
/// submission that shows it, and the same floor written in another unit is no weaker.
#[test]
fn the_layering_check_finds_each_weakening_in_the_fixture_chain() {
    use planlint::tools::layering::{Aspect, Verdict};
    let plan = common::read_plan("tests/fixtures/layering/child-2024");
    assert!(!plan.has_errors(), "{:?}", plan.diagnostics());
    let layering = tools::layering(&plan);
    let pair = |child: &str| {
        layering
            .pairs
            .iter()
            .find(|p| p.child == child)
            .unwrap_or_else(|| panic!("{child} is compared"))
    };
    let weaker_in = |child: &str, aspect: Aspect| {
        pair(child)
            .differences
            .iter()
            .any(|d| d.aspect == aspect && d.weaker == Some(true))
    };
    // 以下 against 及以下: 35 t/h itself is banned by the parent only.
    let coal = pair("CH-COAL-BAN");
    assert_eq!(coal.verdict, Verdict::Weaker);
    assert!(weaker_in("CH-COAL-BAN", Aspect::Inclusivity));
    assert!(weaker_in("CH-COAL-BAN", Aspect::Modality));
    let example = coal.counter_example.as_ref().expect("a counter-example");
    assert_eq!(example.parent_outcome, planlint::Outcome::Violation);
    assert_eq!(example.child_outcome, planlint::Outcome::Pass);
    assert!(
        example.text.contains("capacity: 35 t/h"),
        "{}",
        example.text
    );
    // 14 MW is 20 t/h: a floor on the lenient side of 10 t/h, after conversion, and a later date.
    let nox = pair("CH-LOW-NOX");
    assert_eq!(nox.verdict, Verdict::Weaker);
    assert!(weaker_in("CH-LOW-NOX", Aspect::Threshold));
    assert!(weaker_in("CH-LOW-NOX", Aspect::Deadline));
    assert!(
        nox.differences
            .iter()
            .any(|d| d.text(Language::En).contains(">= 20 t/h")
                && d.text(Language::En).contains(">= 10 t/h"))
    );
    // 10 t/h and 7 MW are one floor.
    let same = pair("CH-SAME");
    assert_eq!(same.verdict, Verdict::NoWeaker);
    assert!(same.differences.is_empty(), "{:?}", same.differences);
    assert!(layering.not_implemented.is_empty());
}

/// The real case the layering check must show: Jingzhou's co-firing ban covers biomass boilers
/// above 2 t/h, the national one every biomass boiler (decisions A24).
#[test]
fn the_layering_check_reports_the_cofiring_scope_difference() {
    use planlint::tools::layering::{Aspect, Verdict};
    let plan = Plan::embedded().expect("a plan is embedded");
    let layering = tools::layering(&plan);
    for child in [
        "JZ-BOILER-BIOMASS-COFIRING-BAN",
        "JZ-BOILER-BIOMASS-COFIRING-BAN-PROJECT",
    ] {
        let pair = layering
            .pairs
            .iter()
            .find(|p| p.child == child)
            .expect("the pair is compared");
        assert_eq!(pair.verdict, Verdict::Weaker, "{child}");
        assert!(pair.differences.iter().any(|d| d.aspect == Aspect::Scope
            && d.weaker == Some(true)
            && d.text(Language::En).contains("capacity >= 2 t/h")));
        let example = pair.counter_example.as_ref().expect("a counter-example");
        assert_eq!(example.parent_outcome, planlint::Outcome::Violation);
    }
    // A weaker verdict is only ever given with a submission that shows it.
    for pair in &layering.pairs {
        assert_eq!(
            pair.verdict == Verdict::Weaker,
            pair.counter_example.is_some()
                && pair.differences.iter().any(|d| d.weaker != Some(false)),
            "{} against {}",
            pair.child,
            pair.parent
        );
    }
}
