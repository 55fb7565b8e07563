//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding.

use super::{Run, outcome_word};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::Outcome;

/// A message as GitHub's toolkit escapes it, after control characters are written visibly, so
/// that nothing a submission holds can end the annotation and start a command of its own.
fn escape_data(text: &str) -> String {
    crate::base::escape::visible(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(
    level: &str,
    file: &str,
    line: usize,
    column: usize,
    title: &str,
    message: &str,
) -> String {
    format!(
        "::{level} file={},line={line},col={column},title={}::{}\n",
        escape_property(file),
        escape_property(title),
        escape_data(message)
    )
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "notice",
    }
}

fn problem_line(path: &str, p: &Diagnostic) -> String {
    let (line, column) = match (&p.file, &p.primary) {
        (Some(f), Some(l)) => {
            let pos = f.line_column(l.span.start);
            (pos.line, pos.column)
        }
        _ => (1, 1),
    };
    let message = match &p.help {
        Some(h) => format!("{}\n{h}", p.message),
        None => p.message.clone(),
    };
    command(
        level(p.severity),
        path,
        line,
        column,
        p.code_text(),
        &message,
    )
}

pub fn render(run: &Run<'_>) -> String {
    let mut out = String::new();
    for file in run.files {
        for document in &file.documents {
            if let Some(text) = super::human::document_heading(run, document) {
                out.push_str(&command(
                    "warning",
                    &file.path,
                    1,
                    1,
                    "plan not in force",
                    &text,
                ));
            }
        }
    }
    for file in run.files {
        for p in file.problems() {
            out.push_str(&problem_line(&file.path, &p.in_language(run.language)));
        }
        for (document, finding) in file.findings() {
            if !finding.outcome.is_reported() {
                continue;
            }
            let diagnostic = super::finding::finding_diagnostic(run, file, document, finding);
            let (line, column) = match (&file.source, &diagnostic.primary) {
                (Some(s), Some(l)) => {
                    let pos = s.line_column(l.span.start);
                    (pos.line, pos.column)
                }
                _ => (1, 1),
            };
            let rule = &run.plan.rules[finding.rule];
            let title = format!(
                "{} ({})",
                rule.id,
                outcome_word(finding.outcome, run.language)
            );
            let text = super::text::FindingText::of(run.plan, file, finding, run.language);
            let mut message = text.message;
            for note in &diagnostic.notes {
                message.push('\n');
                message.push_str(note);
            }
            if !text.help.is_empty() {
                message.push('\n');
                message.push_str(&text.help);
            }
            let severity = if finding.outcome >= run.fail_on && finding.outcome < Outcome::Violation
            {
                Severity::Error
            } else {
                super::severity(finding.outcome)
            };
            out.push_str(&command(
                level(severity),
                &file.path,
                line,
                column,
                &title,
                &message,
            ));
        }
    }
    out
}

/// The annotations of a run that checked nothing: one per problem, at its file when it has one.
pub(crate) fn failure(problems: &[Diagnostic]) -> String {
    problems
        .iter()
        .map(|p| match &p.file {
            Some(file) => problem_line(&file.name, p),
            None => {
                let message = match &p.help {
                    Some(h) => format!("{}\n{h}", p.message),
                    None => p.message.clone(),
                };
                format!(
                    "::{} title={}::{}\n",
                    level(p.severity),
                    escape_property(p.code_text()),
                    escape_data(&message)
                )
            }
        })
        .collect()
}
