//! Snapshot of the rendered diagnostics for every fixture file, one snapshot per file.
//!
//! `insta::glob!` tests live alone in this binary: insta can let another snapshot test pass with
//! a missing snapshot when it runs beside a glob.

mod common;

use planlint::report::{Language, ReportOptions};
use planlint::tools::rules_report;

/// Each bad rules fixture shows one mistake: exactly one diagnostic, of its `// code:`.
#[test]
fn bad_rules_files_report_every_problem() {
    insta::glob!("fixtures/rules/bad/*.rules", |path| {
        let plan = common::fixture_plan(path);
        let bytes = std::fs::read(path).expect("the fixture is readable");
        let expected = common::directive(&bytes, "code").expect("a `// code:` line");
        let codes: Vec<&str> = plan.diagnostics().iter().map(|d| d.code_text()).collect();
        assert_eq!(
            codes,
            [expected.as_str()],
            "{}: one mistake, one diagnostic",
            path.display()
        );
        insta::assert_snapshot!(rules_report(&plan, &ReportOptions::new(Language::En)));
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

/// What the command line prints for inputs it cannot use, with the exit code.
#[test]
fn command_line_cases() {
    insta::glob!("fixtures/cli/*.args", |path| {
        let args = common::cli_args(path);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, output) = common::planlint_all_output(&args);
        insta::assert_snapshot!(format!(
            "$ planlint {}\nexit {code}\n\n{output}",
            args.join(" ")
        ));
    });
}
