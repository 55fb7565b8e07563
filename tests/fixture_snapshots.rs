//! Snapshot of the rendered diagnostics for every fixture file, one snapshot per file.
//!
//! `insta::glob!` tests live alone in this binary: insta can let another snapshot test pass with
//! a missing snapshot when it runs beside a glob.

mod common;

use planlint::report::{Language, ReportOptions};
use planlint::tools::rules_report;

#[test]
fn bad_rules_files_report_every_problem() {
    insta::glob!("fixtures/rules/bad/*.rules", |path| {
        let plan = common::read_plan(&common::relative(path));
        assert!(
            !plan.diagnostics().is_empty(),
            "{} has no diagnostic",
            path.display()
        );
        insta::assert_snapshot!(rules_report(&plan, &ReportOptions::new(Language::En)));
    });
}

#[test]
fn bad_submissions_get_clear_errors() {
    insta::glob!("fixtures/submissions/bad/*.{yaml,json}", |path| {
        let rendered = common::check_rendered(path);
        assert!(
            rendered.contains('×') || rendered.contains('⚠'),
            "{} reports nothing",
            path.display()
        );
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn good_submissions_are_accepted() {
    insta::glob!("fixtures/submissions/good/*.{yaml,json}", |path| {
        let rendered = common::check_rendered(path);
        assert!(
            !rendered.contains("document error") || rendered.contains(" 0 document errors"),
            "{}",
            rendered
        );
        insta::assert_snapshot!(rendered);
    });
}
