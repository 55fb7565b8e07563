//! The JSON report: a stable, documented schema (docs/json-output.md, `planlint/check/v2`).

use super::finding::written;
use super::text::FindingText;
use super::{Run, Tally, severity};
use crate::base::span::SourceFile;
use crate::check::FileReport;
use crate::diagnostic::Diagnostic;
use crate::eval::{Fact, Finding};
use crate::model::Plan;
use serde_json::{Value, json};

fn position(source: Option<&SourceFile>, offset: usize) -> (Value, Value) {
    match source {
        Some(s) => {
            let p = s.line_column(offset);
            (json!(p.line), json!(p.column))
        }
        None => (Value::Null, Value::Null),
    }
}

fn fact(plan: &Plan, file: &FileReport, fact: &Fact) -> Value {
    let (line, column) = position(file.source.as_ref(), fact.span.start);
    let written = written(plan, file, fact);
    json!({ "path": fact.path, "value": written, "pointer": fact.pointer, "line": line, "column": column })
}

fn finding(run: &Run<'_>, file: &FileReport, f: &Finding) -> Value {
    let rule = &run.plan.rules[f.rule];
    let source = file.source.as_ref();
    let (span, pointer) = f.points_at();
    let (line, column) = position(source, span.start);
    let text = FindingText::of(run.plan, file, f, run.language);
    json!({
        "rule": rule.id,
        "title": rule.title,
        "outcome": f.outcome.name(),
        "severity": severity(f.outcome).as_str(),
        "message": text.message,
        "help": text.help,
        "clause": rule.clause,
        "quote": rule.quote,
        "responsible": rule.responsible,
        "modality": rule.modality.name(),
        "readings": rule.readings,
        "pointer": pointer,
        "line": line,
        "column": column,
        "reason": text.reason,
        "missing_field": f.missing.as_ref().map(|m| m.field.clone()),
        "due": f.due.map(|d| d.to_string()),
        "justified": f.justification.is_some(),
        "value": f.primary.as_deref().map(|p| fact(run.plan, file, p)),
        "blamed": f.blamed.iter().map(|b| fact(run.plan, file, b)).collect::<Vec<_>>(),
        "conditions": f.conditions.iter().map(|c| fact(run.plan, file, c)).collect::<Vec<_>>(),
        "counts": f.tallies.iter().map(|t| json!({
            "aggregate": t.kind.name(),
            "list": t.list_path,
            "items": t.items,
            "chosen": t.chosen,
            "holding": t.holding,
        })).collect::<Vec<_>>(),
    })
}

pub fn problem(p: &Diagnostic) -> Value {
    let (line, column) = match (&p.file, &p.primary) {
        (Some(file), Some(label)) => position(Some(file), label.span.start),
        _ => (Value::Null, Value::Null),
    };
    json!({ "code": p.code_text(), "severity": p.severity.as_str(), "message": p.message, "help": p.help, "pointer": p.pointer, "line": line, "column": column })
}

/// One document's report, as the JSON report and each line of JSON Lines give it.
pub(crate) fn document(
    run: &Run<'_>,
    file: &FileReport,
    d: &crate::check::DocumentReport,
) -> Value {
    json!({
        "index": d.index,
        "kind": d.document.as_ref().map(|doc| run.plan.records[doc.kind].name.clone()),
        "check_date": d.check_date.to_string(),
        "date_source": d.date_source,
        "plan_in_force": d.plan_in_force(run.plan),
        "findings": d.findings.iter().filter(|f| f.outcome.is_reported()).map(|f| finding(run, file, f)).collect::<Vec<_>>(),
        // Passes and rules that did not apply, kept short: a document with hundreds
        // of items has hundreds of them.
        "other_outcomes": d.findings.iter().filter(|f| run.include_passes && !f.outcome.is_reported()).map(|f| json!({
            "rule": run.plan.rules[f.rule].id,
            "outcome": f.outcome.name(),
            "pointer": f.anchor_pointer.as_ref(),
        })).collect::<Vec<_>>(),
        "problems": d.problems.iter().map(|p| problem(&p.in_language(run.language))).collect::<Vec<_>>(),
    })
}

pub fn render(run: &Run<'_>) -> String {
    let header = &run.plan.header;
    let files: Vec<Value> = run
        .files
        .iter()
        .map(|file| {
            let documents: Vec<Value> = file
                .documents
                .iter()
                .map(|d| document(run, file, d))
                .collect();
            json!({
                "file": file.path,
                "documents": documents,
                "problems": file.problems.iter().map(|p| problem(&p.in_language(run.language))).collect::<Vec<_>>(),
                "summary": Tally::of_file(file),
            })
        })
        .collect();
    let report = json!({
        "schema": "planlint/check/v2",
        "plan": {
            "id": header.id,
            "title": header.title,
            "effective_from": header.effective_from.map(|d| d.to_string()),
            "effective_until": header.effective_until.map(|d| d.to_string()),
        },
        "files": files,
        "problems": [],
        "summary": run.tally(),
        "failed": run.fails(),
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

/// The report of a run that checked nothing (the rules cannot be used, no input was found):
/// no plan, no files, the run's problems, and `failed`.
pub(crate) fn failure(problems: &[Diagnostic]) -> String {
    let report = json!({
        "schema": "planlint/check/v2",
        "plan": null,
        "files": [],
        "problems": problems.iter().map(problem).collect::<Vec<_>>(),
        "summary": Tally {
            errors: problems.iter().filter(|p| p.is_error()).count(),
            ..Tally::default()
        },
        "failed": true,
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
