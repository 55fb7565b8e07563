//! The default report: one miette diagnostic per finding, then a summary per file and run.

use super::finding::finding_diagnostic;
use super::terminal::HumanRenderer;
use super::{Detail, Run, Tally};
use crate::check::{DateSource, DocumentReport};
use crate::diagnostic::Diagnostic;
use crate::words::{Word, fill, plural};

/// The plain warning that a document was checked on a day the plan was not in force.
pub fn document_heading(run: &Run<'_>, document: &DocumentReport) -> Option<String> {
    let header = &run.plan.header;
    // A document that could not be read was not checked on any day.
    if document.document.is_none() || document.plan_in_force(run.plan) {
        return None;
    }
    let period = format!(
        "{} – {}",
        header.effective_from.map_or("…".into(), |d| d.to_string()),
        header.effective_until.map_or("…".into(), |d| d.to_string())
    );
    Some(fill(
        Word::NotInForce,
        run.language,
        &[
            ("plan", &header.id),
            ("date", &document.check_date.to_string()),
            ("period", &period),
        ],
    ))
}

/// Renders the whole run.
pub fn render(run: &Run<'_>, renderer: &HumanRenderer) -> String {
    let mut out = String::new();
    let mut clean_documents = 0;
    // The plan being out of force changes how every finding reads, so it comes first of all.
    for file in run.files {
        for document in &file.documents {
            if let Some(heading) = document_heading(run, document) {
                out.push_str(&format!(
                    "{} #{}: {heading}\n",
                    file.path,
                    document.index + 1
                ));
            }
        }
    }
    for file in run.files {
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        for document in &file.documents {
            diagnostics.extend(document.problems.iter().cloned());
            diagnostics.extend(
                document
                    .findings
                    .iter()
                    .filter(|f| f.outcome.is_reported())
                    .map(|f| finding_diagnostic(run, file, document, f)),
            );
        }
        diagnostics.extend(file.problems.iter().cloned());
        crate::diagnostic::sort(&mut diagnostics);
        for diagnostic in &diagnostics {
            // Quiet shows what fails a run as errors: violations and documents not checked.
            if run.detail == Detail::Quiet && !diagnostic.is_error() {
                continue;
            }
            out.push_str(&renderer.render(diagnostic));
            out.push('\n');
        }
        let tally = Tally::of_file(file);
        for document in &file.documents {
            let clean = document.problems.is_empty()
                && !document.findings.iter().any(|f| f.outcome.is_reported());
            match run.detail {
                Detail::Verbose => {}
                Detail::Normal if !clean => {}
                _ => {
                    clean_documents += usize::from(clean);
                    continue;
                }
            }
            out.push_str(&document_summary(run, &file.path, document));
        }
        if run.detail == Detail::Quiet {
            continue;
        }
        // A file with no documents is one that could not be read; the register has none to count.
        if file.documents.is_empty() && !file.register {
            out.push_str(&format!(
                "{}: {}\n",
                file.path,
                tally.describe(run.language)
            ));
        }
    }
    if clean_documents > 0 && run.detail == Detail::Normal {
        out.push_str(&fill(
            Word::CleanDocuments,
            run.language,
            &[
                ("count", &clean_documents.to_string()),
                ("s_documents", plural(clean_documents)),
            ],
        ));
        out.push('\n');
    }
    if run.statistics {
        out.push_str(&statistics(run));
    }
    // The waiver register is an input of the run but not a submission: it is not counted.
    let submissions: Vec<&crate::check::FileReport> =
        run.files.iter().filter(|f| !f.register).collect();
    let documents: usize = submissions.iter().map(|f| f.documents.len().max(1)).sum();
    let total = run.tally();
    let summary = fill(
        Word::RunSummary,
        run.language,
        &[
            ("files", &submissions.len().to_string()),
            ("documents", &documents.to_string()),
            ("tally", &total.describe(run.language)),
            ("s_files", plural(submissions.len())),
            ("s_documents", plural(documents)),
        ],
    );
    out.push_str(&summary);
    out.push('\n');
    out
}

/// How many times each rule gave each reported outcome, and each problem code was reported, most
/// first, as ruff's `--statistics` prints them.
fn statistics(run: &Run<'_>) -> String {
    let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for file in run.files {
        for p in file.problems() {
            *counts
                .entry((p.code_text().to_string(), p.severity.as_str().to_string()))
                .or_default() += 1;
        }
        for (_, finding) in file.findings() {
            if finding.outcome.is_reported() {
                let rule = run.plan.rules[finding.rule].id.clone();
                let word = super::outcome_word(finding.outcome, run.language).to_string();
                *counts.entry((rule, word)).or_default() += 1;
            }
        }
    }
    let mut rows: Vec<((String, String), usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let width = rows.iter().map(|((id, _), _)| id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for ((id, outcome), count) in rows {
        out.push_str(&format!("{count:>6}  {id:width$}  {outcome}\n"));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// One document's line in the summary: its kind, its check date and where that came from, and
/// its counts.
fn document_summary(run: &Run<'_>, path: &str, document: &DocumentReport) -> String {
    let language = run.language;
    let kind = document.document.as_ref().map(|d| {
        let record = &run.plan.records[d.kind];
        match (&record.label, language.is_zh()) {
            (Some(label), true) => language.script(label).into_owned(),
            _ => record.name.clone(),
        }
    });
    let source = match document.date_source {
        DateSource::AsOf => "--as-of",
        DateSource::Document => Word::DateFromDocument.text(language),
        DateSource::Today => Word::DateToday.text(language),
    };
    let mut document_tally = Tally::default();
    for finding in &document.findings {
        document_tally.add(finding);
    }
    document_tally.errors = document.problems.iter().filter(|p| p.is_error()).count();
    // A document with errors is still checked without the values that were refused.
    let with_errors = if document_tally.errors > 0 {
        Word::CheckedWithErrors.text(language)
    } else {
        ""
    };
    let index = (document.index + 1).to_string();
    let tally = document_tally.describe(language);
    // A document that could not be validated was not checked as of any date.
    let line = match kind {
        Some(kind) => fill(
            Word::DocumentSummary,
            language,
            &[
                ("path", path),
                ("index", &index),
                ("kind", &kind),
                ("date", &document.check_date.to_string()),
                ("source", source),
                ("with_errors", with_errors),
                ("tally", &tally),
            ],
        ),
        None => fill(
            Word::DocumentNotChecked,
            language,
            &[("path", path), ("index", &index), ("tally", &tally)],
        ),
    };
    line + "\n"
}
