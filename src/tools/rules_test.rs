//! `planlint rules test`: runs a plan's test submissions and compares outcomes with expectations.
//!
//! A test file holds `as_of`, `expect` (rule id → outcome) and `document`. For each expected rule
//! the most serious outcome it gives for the document must equal the expectation.

use crate::base::date::Date;
use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::{Outcome, evaluate};
use crate::model::Plan;
use crate::submission;
use crate::submission::yaml::{self, Limits, Node, NodeKind};
use std::collections::BTreeMap;

/// One expectation and what happened.
#[derive(Clone, Debug)]
pub struct CaseResult {
    pub file: String,
    pub rule: String,
    pub expected: Outcome,
    pub actual: Outcome,
    pub span: Span,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.expected == self.actual
    }
}

#[derive(Debug, Default)]
pub struct TestRun {
    pub(crate) cases: Vec<CaseResult>,
    /// Test files that could not be run, and bad expectations.
    pub(crate) problems: Vec<Diagnostic>,
    pub(crate) files: usize,
}

impl TestRun {
    /// Whether an expectation is not met or a test file could not be run.
    pub fn failed(&self) -> bool {
        !self.problems.is_empty() || self.cases.iter().any(|c| !c.passed())
    }

    /// Rule ids with at least one case, each with whether all its cases pass.
    pub fn by_rule(&self) -> BTreeMap<&str, Vec<&CaseResult>> {
        let mut map: BTreeMap<&str, Vec<&CaseResult>> = BTreeMap::new();
        for case in &self.cases {
            map.entry(case.rule.as_str()).or_default().push(case);
        }
        map
    }
}

fn scalar(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

/// Runs every test file against the plan.
pub fn run(plan: &Plan, tests: &[(String, Vec<u8>)]) -> TestRun {
    let mut result = TestRun {
        files: tests.len(),
        ..TestRun::default()
    };
    let limits = Limits::default();
    for (name, bytes) in tests {
        let source = match yaml::decode(name, bytes, &limits) {
            Ok(s) => s,
            Err(problem) => {
                result.problems.push(problem);
                continue;
            }
        };
        for document in yaml::parse(&source, &limits) {
            match document {
                Ok(root) => run_file(plan, &source, &root, &mut result),
                Err(problems) => result.problems.extend(problems),
            }
        }
    }
    result
}

fn problem(source: &SourceFile, span: Span, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(Code::TestInvalid, message)
        .in_file(source)
        .at(span, "here")
        .help(help)
}

/// The three parts of a test file: its date, its expectations and the submission.
struct TestParts<'n> {
    as_of: Date,
    expectations: &'n [(Node, Node)],
    document: &'n Node,
}

/// Runs one test file: reads its parts, checks its document, compares each expectation.
fn run_file(plan: &Plan, source: &SourceFile, root: &Node, result: &mut TestRun) {
    let Some(parts) = test_parts(source, root, result) else {
        return;
    };
    // A plan test's document is written by the maintainer: any problem with it is a problem of
    // the test, not a document to check as well as it can be.
    let validated = match submission::validate(plan, source, parts.document) {
        (Some(document), problems) if problems.is_empty() => document,
        (_, problems) => {
            result.problems.extend(problems);
            return;
        }
    };
    let findings = evaluate(plan, &validated, parts.as_of);
    compare(plan, source, parts.expectations, &findings, result);
}

/// Reports why a test file cannot be run; the file's parts are then not read further.
fn refuse<T>(
    result: &mut TestRun,
    source: &SourceFile,
    span: Span,
    message: String,
    help: &str,
) -> Option<T> {
    result.problems.push(problem(source, span, message, help));
    None
}

/// A test file's `as_of`, `expect` and `document`, each problem with them reported.
fn test_parts<'n>(
    source: &SourceFile,
    root: &'n Node,
    result: &mut TestRun,
) -> Option<TestParts<'n>> {
    let NodeKind::Mapping(entries) = &root.kind else {
        return refuse(
            result,
            source,
            root.span,
            "a test file must be a mapping with `as_of`, `expect` and `document`".into(),
            "see the end of docs/language.md",
        );
    };
    let get = |key: &str| {
        entries
            .iter()
            .find(|(k, _)| scalar(k) == Some(key))
            .map(|(_, v)| v)
    };
    for (key, _) in entries {
        let name = scalar(key).unwrap_or("");
        if !["as_of", "expect", "document"].contains(&name) {
            let help =
                crate::base::suggest::help_for(name, ["as_of", "expect", "document"], "keys");
            result.problems.push(problem(
                source,
                key.span,
                format!("a test file has no key `{name}`"),
                &help,
            ));
        }
    }
    let as_of = match get("as_of").and_then(scalar).map(|t| (t, Date::parse(t))) {
        Some((_, Some(date))) => date,
        Some((text, None)) => {
            return refuse(
                result,
                source,
                get("as_of").map_or(root.span, |n| n.span),
                format!("`{text}` is not a date"),
                "write `as_of: 2025-06-01`",
            );
        }
        None => {
            return refuse(
                result,
                source,
                root.span,
                "a test file must pin its date with `as_of`".into(),
                "add `as_of: 2025-06-01`: tests must not depend on the current date",
            );
        }
    };
    let Some(Node {
        kind: NodeKind::Mapping(expectations),
        ..
    }) = get("expect")
    else {
        return refuse(
            result,
            source,
            root.span,
            "a test file must say what it expects under `expect`".into(),
            "add `expect:` with `RULE-ID: outcome` lines",
        );
    };
    let Some(document) = get("document") else {
        return refuse(
            result,
            source,
            root.span,
            "a test file must hold the submission under `document`".into(),
            "add `document:` with the submission",
        );
    };
    Some(TestParts {
        as_of,
        expectations,
        document,
    })
}

/// Each `RULE-ID: outcome` line against the most serious outcome the rule gave.
fn compare(
    plan: &Plan,
    source: &SourceFile,
    expectations: &[(Node, Node)],
    findings: &[crate::eval::Finding],
    result: &mut TestRun,
) {
    for (key, value) in expectations {
        let rule_id = scalar(key).unwrap_or("");
        let Some(rule_index) = plan.rules.iter().position(|r| r.id == rule_id) else {
            let ids: Vec<&str> = plan.rules.iter().map(|r| r.id.as_str()).collect();
            let help = crate::base::suggest::help_for(rule_id, ids.iter().copied(), "rules");
            result.problems.push(problem(
                source,
                key.span,
                format!("`{rule_id}` is not a rule of this plan"),
                &help,
            ));
            continue;
        };
        let word = scalar(value).unwrap_or("");
        let Some(expected) = Outcome::parse(word) else {
            result.problems.push(problem(
                source,
                value.span,
                format!("`{word}` is not an outcome"),
                "write violation, review, missing_information, advice, pass or not_applicable",
            ));
            continue;
        };
        let actual = findings
            .iter()
            .filter(|f| f.rule == rule_index)
            .map(|f| f.outcome)
            .max()
            .unwrap_or(Outcome::NotApplicable);
        result.cases.push(CaseResult {
            file: source.name.to_string(),
            rule: rule_id.to_string(),
            expected,
            actual,
            span: value.span,
        });
    }
}

/// The text report: one line per rule, failures in detail, then a summary.
pub fn report(
    plan: &Plan,
    run: &TestRun,
    renderer: &crate::report::terminal::HumanRenderer,
) -> String {
    let mut out = String::new();
    for problem in &run.problems {
        out.push_str(&renderer.render(problem));
        out.push('\n');
    }
    let by_rule = run.by_rule();
    let width = plan.rules.iter().map(|r| r.id.len()).max().unwrap_or(10);
    let mut failed_rules = 0;
    for rule in &plan.rules {
        match by_rule.get(rule.id.as_str()) {
            None => out.push_str(&format!("untested {:width$}\n", rule.id)),
            Some(cases) => {
                let failures: Vec<&&CaseResult> = cases.iter().filter(|c| !c.passed()).collect();
                if failures.is_empty() {
                    out.push_str(&format!(
                        "ok       {:width$}  {} case{}\n",
                        rule.id,
                        cases.len(),
                        if cases.len() == 1 { "" } else { "s" }
                    ));
                } else {
                    failed_rules += 1;
                    out.push_str(&format!(
                        "FAIL     {:width$}  {} of {} cases failed\n",
                        rule.id,
                        failures.len(),
                        cases.len()
                    ));
                    for case in failures {
                        out.push_str(&format!(
                            "           {}: expected {}, got {}\n",
                            case.file,
                            case.expected.name(),
                            case.actual.name()
                        ));
                    }
                }
            }
        }
    }
    let tested = by_rule.len();
    let passed_cases = run.cases.iter().filter(|c| c.passed()).count();
    out.push_str(&format!(
        "{} of {} rules tested, {failed_rules} failing; {passed_cases}/{} expectations met in {} test files; {} problem{}\n",
        tested,
        plan.rules.len(),
        run.cases.len(),
        run.files,
        run.problems.len(),
        if run.problems.len() == 1 { "" } else { "s" }
    ));
    out
}
