//! SARIF 2.1.0 for code-scanning tools; columns are Unicode code points, as `columnKind` says.

use super::{Run, severity};
use crate::base::span::{SourceFile, Span};
use crate::check::{DocumentReport, FileReport};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::Finding;
use crate::words::{Word, fill};
use serde_json::{Value, json};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

fn region(source: &SourceFile, span: Span) -> Value {
    let start = source.line_column(span.start);
    let end = source.line_column(span.end.max(span.start));
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column.max(if end.line == start.line { start.column + 1 } else { 1 }),
        "charOffset": source.text[..span.start.min(source.text.len())].chars().count(),
        "charLength": source.slice(span).chars().count(),
    })
}

fn location(
    path: &str,
    source: Option<&SourceFile>,
    span: Option<Span>,
    message: Option<String>,
) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri(path) } });
    if let (Some(source), Some(span)) = (source, span) {
        physical["region"] = region(source, span);
    }
    let mut location = json!({ "physicalLocation": physical });
    if let Some(text) = message {
        location["message"] = json!({ "text": text });
    }
    location
}

/// A relative URI for a path: forward slashes, spaces and `%` escaped.
fn uri(path: &str) -> String {
    path.trim_start_matches("./")
        .replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

fn problem_result(path: &str, p: &Diagnostic) -> Value {
    let mut text = p.message.clone();
    if let Some(help) = &p.help {
        text.push_str(&format!(" ({})", help));
    }
    json!({
        "ruleId": p.code_text(),
        "level": level(p.severity),
        "message": { "text": text },
        "locations": [location(path, p.file.as_ref(), p.primary.as_ref().map(|l| l.span), None)],
    })
}

/// The SARIF log of a run: the plan's rules as the driver's rules, one result per reported
/// finding and problem.
pub fn render(run: &Run<'_>) -> String {
    let mut results = Vec::new();
    for file in run.files {
        for p in file.problems() {
            results.push(problem_result(&file.path, &p.in_language(run.language)));
        }
        for (document, finding) in file.findings() {
            if finding.outcome.is_reported() {
                results.push(finding_result(run, file, document, finding));
            }
        }
    }
    // A file that could not be read was not checked: the run did not do all it was asked.
    let unread: Vec<(&str, &Diagnostic)> = run
        .files
        .iter()
        .filter_map(|file| Some((file.path.as_str(), file.read_problem()?)))
        .collect();
    let run_failed = !unread.is_empty();
    let mut notifications: Vec<Value> = run
        .files
        .iter()
        .flat_map(|file| file.documents.iter().map(move |d| (file, d)))
        .filter_map(|(file, document)| {
            let text = super::human::document_heading(run, document)?;
            Some(json!({ "level": "warning", "message": { "text": text }, "locations": [location(&file.path, None, None, None)] }))
        })
        .collect();
    notifications.extend(
        unread
            .iter()
            .map(|(path, p)| notification(&p.in_language(run.language), Some(path))),
    );
    log(rule_descriptors(run), !run_failed, notifications, results)
}

/// A SARIF log of one run of planlint: its rules, whether the invocation did all it was asked,
/// the notifications about the run, and the results.
fn log(
    rules: Vec<Value>,
    successful: bool,
    notifications: Vec<Value>,
    results: Vec<Value>,
) -> String {
    let report = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "planlint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": successful,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

/// The plan's rules as SARIF reporting descriptors: title, clause, quote and how to comply.
fn rule_descriptors(run: &Run<'_>) -> Vec<Value> {
    run
        .plan
        .rules
        .iter()
        .map(|rule| {
            let language = run.language;
            let help = crate::model::Rule::text_in(&rule.helps, language.texts())
                .map(|t| language.script(&super::text::template_source(run.plan, rule, t)).into_owned())
                .unwrap_or_default();
            let quote = language.script(&rule.quote).into_owned();
            let units = language.script(&rule.responsible.join("、")).into_owned();
            let clause_note = fill(Word::ClauseNote, language, &[("clause", &rule.clause), ("quote", &quote)]);
            let units_note = fill(Word::ResponsibleNote, language, &[("units", &units)]);
            let clause = format!("{clause_note} ({units_note})");
            json!({
                "id": rule.id,
                "name": rule.id,
                "shortDescription": { "text": language.script(&rule.title) },
                "fullDescription": { "text": clause },
                "help": { "text": format!("{help}\n{clause}"), "markdown": format!("{help}\n\n{clause_note} · {units_note}") },
                "properties": { "clause": rule.clause, "quote": rule.quote, "modality": rule.modality.name(), "responsible": rule.responsible, "readings": rule.readings },
            })
        })
        .collect()
}

/// One reported finding as a SARIF result, its condition labels as related locations.
fn finding_result(
    run: &Run<'_>,
    file: &FileReport,
    document: &DocumentReport,
    finding: &Finding,
) -> Value {
    let diagnostic = super::finding::finding_diagnostic(run, file, document, finding);
    let source = file.source.as_ref();
    let text = super::text::FindingText::of(run.plan, file, finding, run.language);
    let mut message = text.message;
    if let Some(reason) = &text.reason {
        message.push_str(&format!(" ({reason})"));
    }
    let related: Vec<Value> = diagnostic
        .secondary
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut loc = location(&file.path, source, Some(l.span), Some(l.text.clone()));
            loc["id"] = json!(i);
            loc
        })
        .collect();
    let mut result = json!({
        "ruleId": run.plan.rules[finding.rule].id,
        "ruleIndex": finding.rule,
        "level": level(severity(finding.outcome)),
        "kind": "fail",
        "message": { "text": message },
        "locations": [location(&file.path, source, diagnostic.primary.as_ref().map(|l| l.span), None)],
        "properties": { "outcome": finding.outcome.name(), "document": document.index, "checkDate": document.check_date.to_string() },
    });
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    result
}

/// A problem of the run itself as a tool execution notification.
fn notification(p: &Diagnostic, path: Option<&str>) -> Value {
    let mut text = p.message.clone();
    if let Some(help) = &p.help {
        text.push_str(&format!(" ({})", help));
    }
    let mut value = json!({
        "level": level(p.severity),
        "message": { "text": text },
        "descriptor": { "id": p.code_text() },
    });
    let path = path.or(p.file.as_ref().map(|f| f.name.as_ref()));
    if let Some(path) = path {
        let span = p.primary.as_ref().map(|l| l.span);
        value["locations"] = json!([location(path, p.file.as_ref(), span, None)]);
    }
    value
}

/// The SARIF log of a run that checked nothing: no results, the run marked unsuccessful, and
/// its problems as notifications.
pub(crate) fn failure(problems: &[Diagnostic]) -> String {
    let notifications: Vec<Value> = problems.iter().map(|p| notification(p, None)).collect();
    log(Vec::new(), false, notifications, Vec::new())
}
