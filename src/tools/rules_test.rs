//! `planlint rules test`: runs a plan's test submissions and compares outcomes with expectations.
//!
//! A test file holds `as_of`, `expect` (rule id → outcome) and `document`, and may hold
//! `points_at` (rule id → JSON pointer). For each expected rule the most serious outcome it gives
//! for the document must equal the expectation; for each `points_at` line, that finding's first
//! label must be on the value at the pointer (or, for missing information, the missing field).
//! `boundary` lists the expected rules for which the document sits on a threshold of the text
//! (exactly 35 t/h, the deadline's own day): coverage reports which rules have such a case.

use crate::base::date::Date;
use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::{Outcome, evaluate};
use crate::model::Plan;
use crate::submission;
use crate::submission::yaml::{self, Limits, Node, NodeKind};
use crate::words::{Said, Word, plural, suggestion};
use std::collections::BTreeMap;

/// One expectation and what happened.
#[derive(Clone, Debug)]
pub struct CaseResult {
    pub file: String,
    pub rule: String,
    pub expected: Outcome,
    pub actual: Outcome,
    pub span: Span,
    /// The test file marks this case as on a threshold of the rule.
    pub boundary: bool,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.expected == self.actual
    }
}

/// One `points_at` line and where the finding's first label went.
#[derive(Clone, Debug)]
pub struct PointerCase {
    pub file: String,
    pub rule: String,
    pub expected: String,
    pub actual: String,
}

impl PointerCase {
    pub fn passed(&self) -> bool {
        self.expected == self.actual
    }
}

#[derive(Debug, Default)]
pub struct TestRun {
    pub(crate) cases: Vec<CaseResult>,
    pub(crate) pointers: Vec<PointerCase>,
    /// Test files that could not be run, and bad expectations.
    pub(crate) problems: Vec<Diagnostic>,
    pub(crate) files: usize,
}

impl TestRun {
    /// Whether an expectation is not met or a test file could not be run.
    pub fn failed(&self) -> bool {
        !self.problems.is_empty()
            || self.cases.iter().any(|c| !c.passed())
            || self.pointers.iter().any(|c| !c.passed())
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

fn problem(source: &SourceFile, span: Span, message: Said, help: Said) -> Diagnostic {
    Diagnostic::said(Code::TestInvalid, message)
        .in_file(source)
        .at_said(span, Said::new(Word::ValueHere))
        .help_said(help)
}

/// The three parts of a test file: its date, its expectations and the submission.
pub(crate) struct TestParts<'n> {
    pub(crate) as_of: Date,
    expectations: &'n [(Node, Node)],
    points_at: &'n [(Node, Node)],
    /// The rule ids the file marks as boundary cases.
    boundary: Vec<&'n Node>,
    pub(crate) document: &'n Node,
}

/// The keys a test file may have.
const TEST_KEYS: [&str; 5] = ["as_of", "expect", "points_at", "boundary", "document"];

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
    let first_case = result.cases.len();
    compare(plan, source, parts.expectations, &findings, result);
    mark_boundaries(source, &parts.boundary, first_case, result);
    compare_pointers(plan, source, parts.points_at, &findings, result);
}

/// Reports why a test file cannot be run; the file's parts are then not read further.
fn refuse<T>(
    result: &mut TestRun,
    source: &SourceFile,
    span: Span,
    message: Said,
    help: Said,
) -> Option<T> {
    result.problems.push(problem(source, span, message, help));
    None
}

/// A test file's parts, or `None` when it cannot be read as one; its problems are not reported
/// (for `rules layering`, which looks for counter-examples among well-formed tests).
pub(crate) fn parts_quietly<'n>(source: &SourceFile, root: &'n Node) -> Option<TestParts<'n>> {
    test_parts(source, root, &mut TestRun::default())
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
            Said::new(Word::TestNotMapping),
            Said::new(Word::TestNotMappingHelp),
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
        if !TEST_KEYS.contains(&name) {
            let help = suggestion(name, TEST_KEYS, Word::WhatKeys);
            result.problems.push(problem(
                source,
                key.span,
                Said::new(Word::TestUnknownKey).with("key", name),
                help,
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
                Said::new(Word::TestNotDate).with("text", text),
                Said::new(Word::TestNotDateHelp),
            );
        }
        None => {
            return refuse(
                result,
                source,
                root.span,
                Said::new(Word::TestWithoutDate),
                Said::new(Word::TestWithoutDateHelp),
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
            Said::new(Word::TestWithoutExpect),
            Said::new(Word::TestWithoutExpectHelp),
        );
    };
    let Some(document) = get("document") else {
        return refuse(
            result,
            source,
            root.span,
            Said::new(Word::TestWithoutDocument),
            Said::new(Word::TestWithoutDocumentHelp),
        );
    };
    let points_at = match get("points_at") {
        None => &[][..],
        Some(Node {
            kind: NodeKind::Mapping(lines),
            ..
        }) => lines,
        Some(other) => {
            return refuse(
                result,
                source,
                other.span,
                Said::new(Word::TestPointsAtNotMapping),
                Said::new(Word::TestPointsAtNotMappingHelp),
            );
        }
    };
    let boundary = match get("boundary") {
        None => Vec::new(),
        Some(
            node @ Node {
                kind: NodeKind::Scalar { .. },
                ..
            },
        ) => vec![node],
        Some(Node {
            kind: NodeKind::Sequence(items),
            ..
        }) => items.iter().collect(),
        Some(other) => {
            return refuse(
                result,
                source,
                other.span,
                Said::new(Word::TestBoundaryNotList),
                Said::new(Word::TestBoundaryNotListHelp),
            );
        }
    };
    Some(TestParts {
        as_of,
        expectations,
        points_at,
        boundary,
        document,
    })
}

/// Marks the file's cases of the rules its `boundary` names; a name with no expectation in the
/// file is a problem, since a boundary case is only one when its outcome is pinned.
fn mark_boundaries(source: &SourceFile, names: &[&Node], first_case: usize, result: &mut TestRun) {
    for name in names {
        let rule = scalar(name).unwrap_or("");
        let mut found = false;
        for case in &mut result.cases[first_case..] {
            if case.rule == rule {
                case.boundary = true;
                found = true;
            }
        }
        if !found {
            result.problems.push(problem(
                source,
                name.span,
                Said::new(Word::TestBoundaryNotExpected).with("rule", rule),
                Said::new(Word::TestBoundaryNotExpectedHelp),
            ));
        }
    }
}

/// The rule's index, or a problem saying it is not a rule of the plan.
fn rule_named(plan: &Plan, source: &SourceFile, key: &Node, result: &mut TestRun) -> Option<usize> {
    let rule_id = scalar(key).unwrap_or("");
    let found = plan.rules.iter().position(|r| r.id == rule_id);
    if found.is_none() {
        let ids: Vec<&str> = plan.rules.iter().map(|r| r.id.as_str()).collect();
        let help = suggestion(rule_id, ids.iter().copied(), Word::WhatRules);
        result.problems.push(problem(
            source,
            key.span,
            Said::new(Word::TestUnknownRule).with("rule", rule_id),
            help,
        ));
    }
    found
}

/// The rule's most serious finding for the document, if it gave one.
fn most_serious(findings: &[crate::eval::Finding], rule: usize) -> Option<&crate::eval::Finding> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .max_by_key(|f| f.outcome)
}

/// Each `RULE-ID: /pointer` line against where the rule's most serious finding points first:
/// the value that decides it, the missing field, or the item.
fn compare_pointers(
    plan: &Plan,
    source: &SourceFile,
    lines: &[(Node, Node)],
    findings: &[crate::eval::Finding],
    result: &mut TestRun,
) {
    for (key, value) in lines {
        let Some(rule) = rule_named(plan, source, key, result) else {
            continue;
        };
        let actual =
            most_serious(findings, rule).map_or_else(String::new, |f| f.points_at().1.to_string());
        result.pointers.push(PointerCase {
            file: source.name.to_string(),
            rule: plan.rules[rule].id.clone(),
            expected: scalar(value).unwrap_or("").to_string(),
            actual,
        });
    }
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
        let Some(rule_index) = rule_named(plan, source, key, result) else {
            continue;
        };
        let word = scalar(value).unwrap_or("");
        let Some(expected) = Outcome::parse(word) else {
            result.problems.push(problem(
                source,
                value.span,
                Said::new(Word::TestNotOutcome).with("word", word),
                Said::new(Word::TestNotOutcomeHelp),
            ));
            continue;
        };
        let actual =
            most_serious(findings, rule_index).map_or(Outcome::NotApplicable, |f| f.outcome);
        result.cases.push(CaseResult {
            file: source.name.to_string(),
            rule: rule_id.to_string(),
            expected,
            actual,
            span: value.span,
            boundary: false,
        });
    }
}

/// The text report: one line per rule, failures in detail, then a summary.
pub fn report(plan: &Plan, run: &TestRun, options: &crate::report::ReportOptions) -> String {
    let renderer = options.renderer();
    let language = options.language;
    let say = |said: Said| said.in_language(language);
    let mut out = String::new();
    for problem in &run.problems {
        out.push_str(&renderer.render(problem));
        out.push('\n');
    }
    let by_rule = run.by_rule();
    // A plan's tests are about its own rules; a parent's rules are listed only when one of its
    // tests expects something of them, since the parent's own tests are in its folder.
    let own = |rule: &&crate::model::Rule| plan.file_layer(rule.file) == 0;
    let listed: Vec<&crate::model::Rule> = plan
        .rules
        .iter()
        .filter(|r| own(r) || by_rule.contains_key(r.id.as_str()))
        .collect();
    let width = listed.iter().map(|r| r.id.len()).max().unwrap_or(10);
    let mut failed_rules = 0;
    for rule in listed.iter().copied() {
        let Some(cases) = by_rule.get(rule.id.as_str()) else {
            let id = format!("{:width$}", rule.id);
            out.push_str(&say(Said::new(Word::TestUntested).with("rule", id)));
            out.push('\n');
            continue;
        };
        let pointers: Vec<&PointerCase> =
            run.pointers.iter().filter(|p| p.rule == rule.id).collect();
        let mut failures: Vec<String> = cases
            .iter()
            .filter(|c| !c.passed())
            .map(|c| {
                say(Said::new(Word::TestCaseFailed)
                    .with("file", &c.file)
                    .with("expected", c.expected.name())
                    .with("actual", c.actual.name()))
            })
            .collect();
        failures.extend(pointers.iter().filter(|p| !p.passed()).map(|p| {
            say(Said::new(Word::TestPointerFailed)
                .with("file", &p.file)
                .with("expected", &p.expected)
                .with("actual", &p.actual))
        }));
        let checked = cases.len() + pointers.len();
        let id = format!("{:width$}", rule.id);
        if failures.is_empty() {
            out.push_str(&say(Said::new(Word::TestOk)
                .with("rule", id)
                .with("checked", checked)
                .with("s_checked", plural(checked))));
            out.push('\n');
        } else {
            failed_rules += 1;
            out.push_str(&say(Said::new(Word::TestFail)
                .with("rule", id)
                .with("failed", failures.len())
                .with("checked", checked)));
            out.push('\n');
            for failure in failures {
                out.push_str(&format!("           {failure}\n"));
            }
        }
    }
    let tested = plan
        .rules
        .iter()
        .filter(|r| own(r) && by_rule.contains_key(r.id.as_str()))
        .count();
    let passed_cases = run.cases.iter().filter(|c| c.passed()).count()
        + run.pointers.iter().filter(|p| p.passed()).count();
    out.push_str(&say(Said::new(Word::TestSummary)
        .with("tested", tested)
        .with("rules", plan.rules.iter().filter(own).count())
        .with("failing", failed_rules)
        .with("passed", passed_cases)
        .with("expectations", run.cases.len() + run.pointers.len())
        .with("files", run.files)
        .with("problems", run.problems.len())
        .with("s_problems", plural(run.problems.len()))));
    out.push('\n');
    out
}
