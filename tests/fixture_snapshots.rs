//! Snapshot of the rendered diagnostics for every fixture file, one snapshot per file.
//!
//! `insta::glob!` tests live alone in this binary: insta can let another snapshot test pass with
//! a missing snapshot when it runs beside a glob.

mod common;

use planlint::report::{Language, ReportOptions};
use planlint::tools::rules_report;

/// Each bad rules fixture shows its mistakes: exactly the diagnostics of its `// code:` line, in
/// order (most show one; a few show that a mistake does not hide another).
#[test]
fn bad_rules_files_report_every_problem() {
    insta::glob!("fixtures/rules/bad/*.rules", |path| {
        let plan = common::fixture_plan(path);
        let bytes = std::fs::read(path).expect("the fixture is readable");
        let expected = common::directive(&bytes, "code").expect("a `// code:` line");
        let expected: Vec<&str> = expected.split(',').map(str::trim).collect();
        let codes: Vec<&str> = plan.diagnostics().iter().map(|d| d.code_text()).collect();
        assert_eq!(
            codes,
            expected,
            "{}: one diagnostic per mistake",
            path.display()
        );
        insta::assert_snapshot!(rules_report(&plan, &ReportOptions::new(Language::En)));
    });
}

/// Each formatter fixture in its one layout; formatting the layout again changes nothing.
#[test]
fn rules_files_format_to_one_layout() {
    insta::glob!("fixtures/fmt/*.rules", |path| {
        let text = std::fs::read_to_string(path).expect("the fixture is UTF-8");
        let name = path.display().to_string();
        let formatted = planlint::tools::format::format_text(&name, &text).expect("it parses");
        let again = planlint::tools::format::format_text(&name, &formatted).expect("it parses");
        assert_eq!(formatted, again, "{name}: formatting is not a fixed point");
        insta::assert_snapshot!(formatted);
    });
}

#[test]
fn bad_submissions_get_clear_errors() {
    insta::glob!("fixtures/submissions/bad/*.{yaml,json}", |path| {
        let report = common::check_fixture(path);
        assert!(
            report.problems().next().is_some(),
            "{} reports no problem",
            path.display()
        );
        insta::assert_snapshot!(common::check_rendered(path));
    });
}

#[test]
fn good_submissions_are_accepted() {
    insta::glob!("fixtures/submissions/good/*.{yaml,json}", |path| {
        let report = common::check_fixture(path);
        let problems: Vec<&str> = report.problems().map(|p| p.message()).collect();
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
        insta::assert_snapshot!(common::check_rendered(path));
    });
}

/// A plan test with a mistake in its own lines is a problem of the run, not a failed rule.
#[test]
fn bad_plan_tests_are_refused() {
    insta::glob!("fixtures/plan-tests/tests/*.yaml", |path| {
        let (plan, run) = common::plan_test_run(path);
        assert!(!run.problems().is_empty(), "{} is accepted", path.display());
        insta::assert_snapshot!(run.report(&plan, &ReportOptions::new(Language::En)));
    });
}

/// The text with each `sha256:` digest's hexadecimal written as `…`.
fn without_digests(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("sha256:") {
        out.push_str(&rest[..at + 7]);
        rest = &rest[at + 7..];
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex > 0 {
            out.push('…');
        }
        rest = &rest[hex..];
    }
    out.push_str(rest);
    out
}

/// What the command line prints for inputs it cannot use, with the exit code.
#[test]
fn command_line_cases() {
    insta::glob!("fixtures/cli/*.args", |path| {
        let args = common::cli_args(path);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, output) = common::planlint_all_output(&args);
        // SARIF names the working folder as `%SRCROOT%`; it differs between clones.
        let root = format!("file://{}/", env!("CARGO_MANIFEST_DIR"));
        let output = output.replace(&root, "file:///SRCROOT/");
        // A digest of the plan's files changes with every edit of any rule: the snapshots show
        // where a digest is, and tests of their own check what it is.
        let output = without_digests(&output);
        insta::assert_snapshot!(format!(
            "$ planlint {}\nexit {code}\n\n{output}",
            args.join(" ")
        ));
    });
}

/// Every expression form, broken, as an officer sees it: where the finding's first label lands.
/// Each blame-plan test file breaks one form; its `points_at` line says where the label must be
/// (and `rules test` checks that), the snapshot shows the whole finding.
#[test]
fn each_expression_form_points_at_its_deciding_value() {
    insta::glob!("fixtures/rules/blame/tests/*.yaml", |path| {
        let text = std::fs::read_to_string(path).expect("the test file is readable");
        let mut shown = String::new();
        let cases = text.split("\n---\n").enumerate();
        for (index, case) in cases.filter(|(_, c)| c.contains("\npoints_at:\n")) {
            let (comment, rules, document) = broken_case(case);
            let mut plan = common::read_plan("tests/fixtures/rules/blame");
            plan.retain_rules(|id| rules.contains(&id));
            // The document is cut out of the test file: its lines are its own, so its name says so.
            let name = format!("{} case {}", common::relative(path), index + 1);
            let file = plan.check(&name, document.as_bytes(), &common::options());
            let rendered = planlint::report::render(
                &plan,
                &[file],
                planlint::report::Format::Human,
                &ReportOptions::new(Language::En),
            );
            for rule in rules {
                assert!(
                    rendered.contains(rule),
                    "{}: `{rule}` reports nothing",
                    path.display()
                );
            }
            shown.push_str(&format!("# {comment}\n{rendered}\n"));
        }
        assert!(!shown.is_empty(), "{} breaks no rule", path.display());
        insta::assert_snapshot!(shown);
    });
}

/// A plan test's comment, the rules its `points_at` names and its document, de-indented into a
/// submission of its own.
fn broken_case(case: &str) -> (&str, Vec<&str>, String) {
    let comment = case
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or_default();
    let after = |key: &str| case.split(key).nth(1).expect("the test file's part");
    let rules: Vec<&str> = after("\npoints_at:\n")
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.trim().split(':').next())
        .collect();
    assert!(!rules.is_empty(), "`points_at` names no rule");
    let document = after("\ndocument:\n")
        .lines()
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    (comment, rules, document + "\n")
}
