//! JUnit XML: a test suite per file, a test case per rule applied to each document.

use super::Run;
use crate::diagnostic::Diagnostic;
use crate::eval::Outcome;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::collections::{HashMap, HashSet};

/// Text for the XML: control characters cannot be written in XML 1.0 even as references, and a
/// test viewer prints what it reads, so they are written visibly.
fn shown(text: &str) -> String {
    crate::base::escape::visible(text).into_owned()
}

/// A test suite per file: a test case per reported finding and per document problem (and, with
/// `--include-passes`, one per rule passed or not applied), each named uniquely and carrying its `file`
/// and `line`. A finding at or above `--fail-on`, or a document error, fails its case; a finding
/// below it, or a warning about the document, is skipped with its message, so that a test viewer
/// shows it without failing the run, as the exit code does.
pub fn render(run: &Run<'_>) -> String {
    let mut report = Report::new("planlint");
    // Worked out once for the run, then handed to each file's suite.
    let mut by_file: HashMap<String, Vec<super::items::Item>> = HashMap::new();
    for item in super::items::items(run) {
        by_file.entry(item.path.clone()).or_default().push(item);
    }
    for file in run.files {
        let mut suite = TestSuite::new(file.path.clone());
        let headings: Vec<String> = file
            .documents
            .iter()
            .filter_map(|d| super::human::document_heading(run, d))
            .collect();
        if !headings.is_empty() {
            suite.set_system_out(shown(&headings.join("\n")));
        }
        let mut names: HashSet<String> = HashSet::new();
        let mut add = |suite: &mut TestSuite, name: String, status: TestCaseStatus, line: usize| {
            let mut unique = name.clone();
            let mut n = 2;
            while !names.insert(unique.clone()) {
                unique = format!("{name} ({n})");
                n += 1;
            }
            let mut case = TestCase::new(shown(&unique), status);
            case.set_classname(file.path.clone());
            case.extra.insert("file".into(), file.path.clone().into());
            case.extra.insert("line".into(), line.to_string().into());
            suite.add_test_case(case);
        };
        for item in by_file.remove(&file.path).unwrap_or_default() {
            let status = match item.outcome {
                Some(outcome) if outcome >= run.fail_on => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status.set_type(outcome.name());
                    status
                }
                None if item.severity == crate::diagnostic::Severity::Error => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                    status.set_type(item.id.as_str());
                    status
                }
                _ => TestCaseStatus::skipped(),
            };
            let mut status = status;
            let message = match item.outcome {
                Some(_) => format!("{}: {}", item.label, item.message_with_reason()),
                None => item.message.clone(),
            };
            status.set_message(shown(&message));
            let mut description = item.notes.join("\n");
            if !item.help.is_empty() {
                if !description.is_empty() {
                    description.push('\n');
                }
                description.push_str(&item.help);
            }
            if !description.is_empty() {
                status.set_description(shown(&description));
            }
            let place = if item.pointer.is_empty() {
                String::new()
            } else {
                format!(" {}", item.pointer)
            };
            add(
                &mut suite,
                format!("#{} {}{place}", item.document + 1, item.id_with_plan()),
                status,
                item.line,
            );
        }
        for (document, finding) in file.findings() {
            if !run.include_passes || finding.outcome.is_reported() {
                continue;
            }
            let status = if finding.outcome == Outcome::Pass {
                TestCaseStatus::success()
            } else {
                TestCaseStatus::skipped()
            };
            let rule = &run.plan.rules[finding.rule];
            let line = file
                .source
                .as_ref()
                .map_or(1, |s| s.line_column(finding.points_at().0.start).line);
            let place = if finding.anchor_pointer.is_empty() {
                String::new()
            } else {
                format!(" {}", finding.anchor_pointer)
            };
            add(
                &mut suite,
                format!("#{} {}{place}", document.index + 1, rule.id),
                status,
                line,
            );
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
