//! SARIF 2.1.0 for code-scanning tools; columns are Unicode code points, as `columnKind` says.

use super::items::fingerprint;
use super::{Run, severity};
use crate::base::span::{SourceFile, Span};
use crate::check::{DocumentReport, FileReport};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::Finding;
use crate::syntax::ast::Modality;
use crate::words::{Word, fill};
use serde_json::{Value, json};

/// Markdown text with the characters that would format it escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

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
    let mut physical = json!({ "artifactLocation": artifact(path) });
    if let (Some(source), Some(span)) = (source, span) {
        physical["region"] = region(source, span);
    }
    let mut location = json!({ "physicalLocation": physical });
    if let Some(text) = message {
        location["message"] = json!({ "text": text });
    }
    location
}

/// A path as a URI: forward slashes, spaces and `%` escaped.
fn uri(path: &str) -> String {
    path.trim_start_matches("./")
        .replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

/// Where a file is: a relative path against `%SRCROOT%` (so that code scanning finds it in the
/// repository), an absolute one as a `file://` URI.
fn artifact(path: &str) -> Value {
    if path.starts_with('/') {
        json!({ "uri": format!("file://{}", uri(path)) })
    } else {
        json!({ "uri": uri(path), "uriBaseId": "%SRCROOT%" })
    }
}

fn problem_result(path: &str, document: usize, p: &Diagnostic, rule_index: usize) -> Value {
    let mut text = p.message.clone();
    if let Some(help) = &p.help {
        text.push_str(&format!(" ({})", help));
    }
    let pointer = p.pointer.as_deref().unwrap_or("");
    json!({
        "ruleId": p.code_text(),
        "ruleIndex": rule_index,
        "level": level(p.severity),
        "message": { "text": text },
        "locations": [location(path, p.file.as_ref(), p.primary.as_ref().map(|l| l.span), None)],
        "partialFingerprints": { "planlint/v1": fingerprint(p.code_text(), path, document, pointer) },
    })
}

/// The SARIF log of a run: the plan's rules as the driver's rules, one result per reported
/// finding and problem.
pub fn render(run: &Run<'_>) -> String {
    let mut results = Vec::new();
    let mut rules = rule_descriptors(run);
    // Document problems are results too, and code scanning wants every result's rule declared:
    // each code used is a descriptor after the plan's rules.
    let mut codes: Vec<String> = Vec::new();
    for file in run.files {
        for document in &file.documents {
            for p in &document.problems {
                let p = p.in_language(run.language);
                let index = code_index(run, &mut codes, &mut rules, &p);
                results.push(problem_result(&file.path, document.index, &p, index));
            }
        }
        for p in &file.problems {
            let p = p.in_language(run.language);
            let index = code_index(run, &mut codes, &mut rules, &p);
            results.push(problem_result(&file.path, 0, &p, index));
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
    log(
        rules,
        !run_failed,
        notifications,
        results,
        &run.plan.header.id,
        run.source_root,
    )
}

/// The index of a problem's code among the driver's rules, adding its descriptor the first time.
fn code_index(
    run: &Run<'_>,
    codes: &mut Vec<String>,
    rules: &mut Vec<Value>,
    p: &Diagnostic,
) -> usize {
    let code = p.code_text();
    if let Some(at) = codes.iter().position(|c| c == code) {
        return run.plan.rules.len() + at;
    }
    codes.push(code.to_string());
    let description = p.code().map_or("", |c| c.description());
    let level = level(p.severity);
    rules.push(json!({
        "id": code,
        "name": code,
        "shortDescription": { "text": description },
        "defaultConfiguration": { "level": level },
        "help": { "text": format!("planlint explain {code}"), "markdown": format!("`planlint explain {code}`") },
        "properties": { "tags": ["document-problem"], "precision": "very-high", "problem.severity": problem_severity(level) },
    }));
    run.plan.rules.len() + codes.len() - 1
}

/// GitHub's `problem.severity` for a SARIF level.
fn problem_severity(level: &str) -> &'static str {
    match level {
        "error" => "error",
        "warning" => "warning",
        _ => "recommendation",
    }
}

/// A SARIF log of one run of planlint: its rules, whether the invocation did all it was asked,
/// the notifications about the run, and the results.
fn log(
    rules: Vec<Value>,
    successful: bool,
    notifications: Vec<Value>,
    results: Vec<Value>,
    plan: &str,
    source_root: Option<&str>,
) -> String {
    let mut report = json!({
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
            "automationDetails": { "id": format!("planlint/{plan}/") },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    if let Some(root) = source_root {
        report["runs"][0]["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": root } });
    }
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
            let level = match rule.modality {
                Modality::Encourage | Modality::Strive => "note",
                _ => "error",
            };
            let section = rule.clause.split(['(', ' ', '¶']).next().unwrap_or("");
            let plan = run.plan.layer_header(run.plan.file_layer(rule.file));
            let how = fill(Word::HowToComply, language, &[("help", &help)]);
            json!({
                "id": rule.id,
                "name": rule.id,
                "shortDescription": { "text": language.script(&rule.title) },
                "fullDescription": { "text": clause },
                "defaultConfiguration": { "level": level },
                "help": {
                    "text": format!("{clause_note}\n{units_note}\n{how}"),
                    "markdown": format!("**{}**\n\n> {quote}\n\n{}\n\n{}\n\n{}", md(&rule.clause), md(&units_note), md(&how), md(&clause_note)),
                },
                "properties": {
                    "tags": [rule.modality.name(), format!("section {section}"), format!("plan {}", plan.id)],
                    "plan": { "id": plan.id, "title": plan.title, "number": plan.number },
                    "precision": "high",
                    "problem.severity": problem_severity(level),
                    "clause": rule.clause, "quote": rule.quote, "modality": rule.modality.name(), "responsible": rule.responsible, "readings": rule.readings,
                },
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
        "properties": { "outcome": finding.outcome.name(), "document": document.index, "checkDate": document.check_date.to_string(), "plan": run.plan.layer_header(run.plan.file_layer(run.plan.rules[finding.rule].file)).id },
        "partialFingerprints": { "planlint/v1": fingerprint(&run.plan.rules[finding.rule].id, &file.path, document.index, finding.points_at().1) },
    });
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    // A waiver is the approving authority's decision, outside the submission: SARIF's external
    // suppression, accepted, with the waiver's words as its justification.
    if let Some(applied) = finding.waiver.as_deref()
        && applied.standing == crate::waiver::Standing::Applied
    {
        let justification =
            crate::report::finding::waiver_note(finding, run.language).unwrap_or_default();
        result["suppressions"] = json!([{ "kind": "external", "status": "accepted", "justification": justification, "properties": { "waiver": applied.waiver.id, "document": applied.waiver.document } }]);
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
    log(Vec::new(), false, notifications, Vec::new(), "", None)
}
