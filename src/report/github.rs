//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding.

use super::Run;
use super::items::items;
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

/// The annotations of a run: a plan out of force first, then a summary, then the most serious
/// findings and problems first, since GitHub shows only ten annotations of each level per step.
pub fn render(run: &Run<'_>) -> String {
    let mut out = String::new();
    // The waiver register is an input of the run but not a submission: it is not counted.
    let submissions: Vec<&crate::check::FileReport> =
        run.files.iter().filter(|f| !f.register).collect();
    let documents: usize = submissions.iter().map(|f| f.documents.len().max(1)).sum();
    let summary = crate::words::fill(
        crate::words::Word::RunSummary,
        run.language,
        &[
            ("files", &submissions.len().to_string()),
            ("documents", &documents.to_string()),
            ("tally", &run.tally().describe(run.language)),
            ("s_files", crate::words::plural(submissions.len())),
            ("s_documents", crate::words::plural(documents)),
        ],
    );
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
    out.push_str(&format!(
        "::notice title={}::{}\n",
        escape_property("planlint"),
        escape_data(&summary)
    ));
    for item in items(run) {
        let (title, severity) = match item.outcome {
            Some(outcome) => {
                // An outcome the run fails on is an error annotation, whatever its own level.
                let severity = if outcome >= run.fail_on && outcome < Outcome::Violation {
                    Severity::Error
                } else {
                    item.severity
                };
                (format!("{} ({})", item.id, item.label), severity)
            }
            None => (item.id.clone(), item.severity),
        };
        let mut message = item.message.clone();
        for note in &item.notes {
            message.push('\n');
            message.push_str(note);
        }
        if !item.help.is_empty() {
            message.push('\n');
            message.push_str(&item.help);
        }
        out.push_str(&command(
            level(severity),
            &item.path,
            item.line,
            item.column,
            &title,
            &message,
        ));
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
