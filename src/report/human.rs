//! The default report: one miette diagnostic per finding, then a summary per file and run.

use super::finding::finding_diagnostic;
use super::terminal::HumanRenderer;
use super::{Run, Tally};
use crate::check::{DateSource, DocumentReport};
use crate::diagnostic::Diagnostic;
use crate::model::Language;

/// The plain warning that a document was checked on a day the plan was not in force.
pub fn document_heading(run: &Run<'_>, document: &DocumentReport) -> Option<String> {
    let zh = run.language == Language::Zh;
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
    Some(if zh {
        format!(
            "注意:方案 `{}` 於檢查日 {} 不在有效期內(有效期 {period});以下結果僅供參考",
            header.id, document.check_date
        )
    } else {
        format!(
            "note: plan `{}` was not in force on {}, the check date (in force {period}); findings are for reference only",
            header.id, document.check_date
        )
    })
}

/// Renders the whole run.
pub fn render(run: &Run<'_>, renderer: &HumanRenderer) -> String {
    let zh = run.language == Language::Zh;
    let mut out = String::new();
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
            out.push_str(&renderer.render(diagnostic));
            out.push('\n');
        }
        let tally = Tally::of_file(file);
        for document in &file.documents {
            out.push_str(&document_summary(run, &file.path, document));
        }
        if file.documents.is_empty() {
            out.push_str(&format!(
                "{}: {}\n",
                file.path,
                tally.describe(run.language)
            ));
        }
    }
    let documents: usize = run.files.iter().map(|f| f.documents.len().max(1)).sum();
    let total = run.tally();
    out.push_str(&if zh {
        format!(
            "共檢查 {} 個檔案、{documents} 份文件:{}\n",
            run.files.len(),
            total.describe(run.language)
        )
    } else {
        format!(
            "checked {} file{}, {documents} document{}: {}\n",
            run.files.len(),
            if run.files.len() == 1 { "" } else { "s" },
            if documents == 1 { "" } else { "s" },
            total.describe(run.language)
        )
    });
    out
}

/// One document's line in the summary: its kind, its check date and where that came from, and
/// its counts.
fn document_summary(run: &Run<'_>, path: &str, document: &DocumentReport) -> String {
    let zh = run.language == Language::Zh;
    let kind = document
        .document
        .as_ref()
        .map(|d| run.plan.records[d.kind].name.as_str())
        .unwrap_or(if zh { "無法檢查" } else { "not checked" });
    let source = match (document.date_source, zh) {
        (DateSource::AsOf, false) => "--as-of",
        (DateSource::Document, false) => "the document's date",
        (DateSource::Today, false) => "today",
        (DateSource::AsOf, true) => "--as-of",
        (DateSource::Document, true) => "文件日期",
        (DateSource::Today, true) => "今日",
    };
    let mut document_tally = Tally::default();
    for finding in &document.findings {
        document_tally.add(finding);
    }
    document_tally.errors = document.problems.iter().filter(|p| p.is_error()).count();
    // A document that could not be validated was not checked as of any date.
    let when = if document.document.is_some() {
        format!(
            ", {} {} [{source}]",
            if zh { "檢查日" } else { "as of" },
            document.check_date
        )
    } else {
        String::new()
    };
    // A document with errors is still checked without the values that were refused.
    let with_errors = match (document.document.is_some() && document_tally.errors > 0, zh) {
        (false, _) => "",
        (true, true) => ",檢查時有錯誤",
        (true, false) => ", checked with errors",
    };
    format!(
        "{path} #{} ({kind}{when}{with_errors}): {}\n",
        document.index + 1,
        document_tally.describe(run.language)
    )
}
