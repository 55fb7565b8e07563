//! The JSON report: a stable, documented schema (docs/json-output.md, `planlint/check/v2`).
//!
//! The report is serialised straight from borrowed structs, with no tree of values in between:
//! on a batch of thousands of files that tree cost more than the checking. Fields are declared
//! in alphabetical order, the order the schema has always printed them in.

use super::finding::written;
use super::text::FindingText;
use super::{Run, Tally, severity};
use crate::base::span::SourceFile;
use crate::check::{DateSource, DocumentReport, FileReport};
use crate::diagnostic::Diagnostic;
use crate::eval::{Fact, Finding};
use crate::model::Plan;
use serde::Serialize;

/// The counts of a file or a run, keys in alphabetical order as the schema prints them.
#[derive(Serialize)]
struct Counts {
    advice: usize,
    errors: usize,
    missing_information: usize,
    review: usize,
    violation: usize,
    waived: usize,
}

impl From<Tally> for Counts {
    fn from(t: Tally) -> Counts {
        Counts {
            advice: t.advice,
            errors: t.errors,
            missing_information: t.missing_information,
            review: t.review,
            violation: t.violation,
            waived: t.waived,
        }
    }
}

#[derive(Serialize)]
struct FactJson<'a> {
    column: Option<usize>,
    line: Option<usize>,
    path: &'a str,
    pointer: &'a str,
    value: String,
}

#[derive(Serialize)]
struct CountJson<'a> {
    aggregate: &'a str,
    chosen: i64,
    holding: i64,
    items: i64,
    list: &'a str,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    blamed: Vec<FactJson<'a>>,
    clause: &'a str,
    column: Option<usize>,
    conditions: Vec<FactJson<'a>>,
    counts: Vec<CountJson<'a>>,
    due: Option<String>,
    help: String,
    justified: bool,
    line: Option<usize>,
    message: String,
    missing_field: Option<&'a str>,
    modality: &'a str,
    outcome: &'a str,
    plan: PlanRefJson<'a>,
    pointer: &'a str,
    quote: &'a str,
    readings: &'a [String],
    reason: Option<String>,
    responsible: &'a [String],
    rule: &'a str,
    severity: &'a str,
    title: &'a str,
    value: Option<FactJson<'a>>,
    waiver: Option<WaiverJson<'a>>,
}

/// The officer's waiver a finding met: applied (`waived`), or not in force on the check date.
#[derive(Serialize)]
struct WaiverJson<'a> {
    allow_hard: bool,
    document: &'a str,
    expires_on: String,
    granted_by: &'a str,
    granted_on: String,
    hard_reason: Option<&'a str>,
    id: &'a str,
    reason: &'a str,
    standing: crate::waiver::Standing,
    subject: &'a str,
}

/// The plan of the chain a finding's rule belongs to.
#[derive(Serialize)]
struct PlanRefJson<'a> {
    id: &'a str,
    number: Option<&'a str>,
    title: &'a str,
}

#[derive(Serialize)]
struct OtherOutcomeJson<'a> {
    outcome: &'a str,
    pointer: &'a str,
    rule: &'a str,
}

/// A problem with a file or a document, as the JSON report and JSON Lines give it.
#[derive(Serialize)]
pub(crate) struct ProblemJson {
    code: String,
    column: Option<usize>,
    help: Option<String>,
    line: Option<usize>,
    message: String,
    pointer: Option<String>,
    severity: &'static str,
}

/// One document's report, as the JSON report and each line of JSON Lines give it.
#[derive(Serialize)]
pub(crate) struct DocumentJson<'a> {
    check_date: String,
    date_source: DateSource,
    findings: Vec<FindingJson<'a>>,
    index: usize,
    kind: Option<&'a str>,
    other_outcomes: Vec<OtherOutcomeJson<'a>>,
    plan_in_force: bool,
    problems: Vec<ProblemJson>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    documents: Vec<DocumentJson<'a>>,
    file: &'a str,
    problems: Vec<ProblemJson>,
    summary: Counts,
}

#[derive(Serialize)]
struct PlanJson<'a> {
    effective_from: Option<String>,
    effective_until: Option<String>,
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    failed: bool,
    files: Vec<FileJson<'a>>,
    plan: Option<PlanJson<'a>>,
    problems: Vec<ProblemJson>,
    schema: &'static str,
    summary: Counts,
}

fn position(source: Option<&SourceFile>, offset: usize) -> (Option<usize>, Option<usize>) {
    match source {
        Some(s) => {
            let p = s.line_column(offset);
            (Some(p.line), Some(p.column))
        }
        None => (None, None),
    }
}

fn fact<'a>(plan: &Plan, file: &FileReport, fact: &'a Fact) -> FactJson<'a> {
    let (line, column) = position(file.source.as_ref(), fact.span.start);
    FactJson {
        column,
        line,
        path: &fact.path,
        pointer: &fact.pointer,
        value: written(plan, file, fact),
    }
}

fn finding<'a>(run: &Run<'a>, file: &'a FileReport, f: &'a Finding) -> FindingJson<'a> {
    let plan: &'a Plan = run.plan;
    let rule = &plan.rules[f.rule];
    let (span, pointer) = f.points_at();
    let (line, column) = position(file.source.as_ref(), span.start);
    let text = FindingText::of(plan, file, f, run.language);
    FindingJson {
        blamed: f.blamed.iter().map(|b| fact(plan, file, b)).collect(),
        clause: &rule.clause,
        column,
        conditions: f.conditions.iter().map(|c| fact(plan, file, c)).collect(),
        counts: f
            .tallies
            .iter()
            .map(|t| CountJson {
                aggregate: t.kind.name(),
                chosen: t.chosen,
                holding: t.holding,
                items: t.items,
                list: &t.list_path,
            })
            .collect(),
        due: f.due.map(|d| d.to_string()),
        help: text.help,
        justified: f.justification.is_some(),
        line,
        message: text.message,
        missing_field: f.missing.as_ref().map(|m| m.field.as_str()),
        modality: rule.modality.name(),
        outcome: f.outcome.name(),
        plan: {
            let header = plan.layer_header(plan.file_layer(rule.file));
            PlanRefJson {
                id: &header.id,
                number: header.number.as_deref(),
                title: &header.title,
            }
        },
        pointer,
        quote: &rule.quote,
        readings: &rule.readings,
        reason: text.reason,
        responsible: &rule.responsible,
        rule: &rule.id,
        severity: severity(f.outcome).as_str(),
        title: &rule.title,
        value: f.primary.as_deref().map(|p| fact(plan, file, p)),
        waiver: f.waiver.as_deref().map(|applied| {
            let w = &applied.waiver;
            WaiverJson {
                allow_hard: w.allow_hard,
                document: &w.document,
                expires_on: w.expires_on.to_string(),
                granted_by: &w.granted_by,
                granted_on: w.granted_on.to_string(),
                hard_reason: w.hard_reason.as_deref(),
                id: &w.id,
                reason: &w.reason,
                standing: applied.standing,
                subject: &w.subject,
            }
        }),
    }
}

pub(crate) fn problem(p: &Diagnostic) -> ProblemJson {
    let (line, column) = match (&p.file, &p.primary) {
        (Some(file), Some(label)) => position(Some(file), label.span.start),
        _ => (None, None),
    };
    ProblemJson {
        code: p.code_text().to_string(),
        column,
        help: p.help.clone(),
        line,
        message: p.message.clone(),
        pointer: p.pointer.clone(),
        severity: p.severity.as_str(),
    }
}

/// One document's report, as the JSON report and each line of JSON Lines give it.
pub(crate) fn document<'a>(
    run: &Run<'a>,
    file: &'a FileReport,
    d: &'a DocumentReport,
) -> DocumentJson<'a> {
    let plan: &'a Plan = run.plan;
    DocumentJson {
        check_date: d.check_date.to_string(),
        date_source: d.date_source,
        findings: d
            .findings
            .iter()
            .filter(|f| f.outcome.is_reported())
            .map(|f| finding(run, file, f))
            .collect(),
        index: d.index,
        kind: d
            .document
            .as_ref()
            .map(|doc| plan.records[doc.kind].name.as_str()),
        // Passes and rules that did not apply, kept short: a document with hundreds of items
        // has hundreds of them.
        other_outcomes: d
            .findings
            .iter()
            .filter(|f| run.include_passes && !f.outcome.is_reported())
            .map(|f| OtherOutcomeJson {
                outcome: f.outcome.name(),
                pointer: &f.anchor_pointer,
                rule: &plan.rules[f.rule].id,
            })
            .collect(),
        plan_in_force: d.plan_in_force(plan),
        problems: d
            .problems
            .iter()
            .map(|p| problem(&p.in_language(run.language)))
            .collect(),
    }
}

/// Pretty JSON with a final newline, as every JSON output of the tool ends.
pub(crate) fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

pub fn render(run: &Run<'_>) -> String {
    let header = &run.plan.header;
    let files = run
        .files
        .iter()
        .map(|file| FileJson {
            documents: file
                .documents
                .iter()
                .map(|d| document(run, file, d))
                .collect(),
            file: &file.path,
            problems: file
                .problems
                .iter()
                .map(|p| problem(&p.in_language(run.language)))
                .collect(),
            summary: Tally::of_file(file).into(),
        })
        .collect();
    pretty(&ReportJson {
        failed: run.fails(),
        files,
        plan: Some(PlanJson {
            effective_from: header.effective_from.map(|d| d.to_string()),
            effective_until: header.effective_until.map(|d| d.to_string()),
            id: &header.id,
            title: &header.title,
        }),
        problems: Vec::new(),
        schema: "planlint/check/v2",
        summary: run.tally().into(),
    })
}

/// The report of a run that checked nothing (the rules cannot be used, no input was found):
/// no plan, no files, the run's problems, and `failed`.
pub(crate) fn failure(problems: &[Diagnostic]) -> String {
    pretty(&ReportJson {
        failed: true,
        files: Vec::new(),
        plan: None,
        problems: problems.iter().map(problem).collect(),
        schema: "planlint/check/v2",
        summary: Tally {
            errors: problems.iter().filter(|p| p.is_error()).count(),
            ..Tally::default()
        }
        .into(),
    })
}
