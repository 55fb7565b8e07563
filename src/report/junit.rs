//! JUnit XML: a test suite per file, a test case per rule applied to each document.

use super::{Run, outcome_word};
use crate::diagnostic::Diagnostic;
use crate::eval::Outcome;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

/// Text for the XML: control characters cannot be written in XML 1.0 even as references, and a
/// test viewer prints what it reads, so they are written visibly.
fn shown(text: &str) -> String {
    crate::base::escape::visible(text).into_owned()
}

pub fn render(run: &Run<'_>) -> String {
    let mut report = Report::new("planlint");
    for file in run.files {
        let mut suite = TestSuite::new(file.path.clone());
        let headings: Vec<String> = file
            .documents
            .iter()
            .filter_map(|d| super::human::document_heading(run, d))
            .collect();
        if !headings.is_empty() {
            suite.set_system_out(headings.join("\n"));
        }
        for problem in file.problems().map(|p| p.in_language(run.language)) {
            let mut status = TestCaseStatus::non_success(if problem.is_error() {
                NonSuccessKind::Error
            } else {
                NonSuccessKind::Failure
            });
            status.set_message(shown(&problem.message));
            if let Some(help) = &problem.help {
                status.set_description(shown(help));
            }
            let mut case = TestCase::new(problem.code_text().to_string(), status);
            case.set_classname(file.path.clone());
            if problem.is_error() || problem.severity >= crate::diagnostic::Severity::Warning {
                suite.add_test_case(case);
            }
        }
        for (document, finding) in file.findings() {
            let rule = &run.plan.rules[finding.rule];
            let status = if finding.outcome == Outcome::NotApplicable {
                TestCaseStatus::skipped()
            } else if finding.outcome >= run.fail_on {
                let text = super::text::FindingText::of(run.plan, file, finding, run.language);
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(shown(&format!(
                    "{}: {}",
                    outcome_word(finding.outcome, run.language),
                    text.message
                )));
                status.set_type(finding.outcome.name());
                let quote = run.language.script(&rule.quote);
                let mut description = crate::words::fill(
                    crate::words::Word::ClauseNote,
                    run.language,
                    &[("clause", &rule.clause), ("quote", &quote)],
                );
                if !text.help.is_empty() {
                    description.push('\n');
                    description.push_str(&text.help);
                }
                status.set_description(shown(&description));
                status
            } else {
                TestCaseStatus::success()
            };
            let place = if finding.anchor_pointer.is_empty() {
                String::new()
            } else {
                format!(" {}", finding.anchor_pointer)
            };
            let mut case = TestCase::new(
                shown(&format!("#{} {}{place}", document.index + 1, rule.id)),
                status,
            );
            case.set_classname(file.path.clone());
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report.to_string().unwrap_or_default()
}

/// The JUnit report of a run that checked nothing: one suite whose cases are the run's
/// problems, each an error, so that a test viewer shows the run as broken.
pub(crate) fn failure(problems: &[Diagnostic]) -> String {
    let mut report = Report::new("planlint");
    let mut suite = TestSuite::new("planlint");
    for problem in problems {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status.set_message(shown(&problem.message));
        if let Some(help) = &problem.help {
            status.set_description(shown(help));
        }
        let mut case = TestCase::new(problem.code_text().to_string(), status);
        if let Some(file) = &problem.file {
            case.set_classname(file.name.to_string());
        }
        suite.add_test_case(case);
    }
    report.add_test_suite(suite);
    report.to_string().unwrap_or_default()
}
