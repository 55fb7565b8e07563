//! The default report: one miette diagnostic per finding, then a summary per file and run.

use super::terminal::HumanRenderer;
use super::text::{FindingText, shown};
use super::{Run, Tally, outcome_word, severity};
use crate::check::{DateSource, DocumentReport, FileReport};
use crate::diagnostic::Diagnostic;
use crate::eval::Finding;
use crate::model::{Language, Plan};

/// A value exactly as the submission wrote it, quotes and all; the evaluated form otherwise.
pub(crate) fn written(plan: &Plan, file: &FileReport, fact: &crate::eval::Fact) -> String {
    match &file.source {
        Some(source) if !source.slice(fact.span).trim().is_empty() => {
            source.slice(fact.span).trim().to_string()
        }
        _ => shown(plan, &fact.value),
    }
}

/// How far (in lines) a condition may sit from the offending value and still be labelled beside it.
const NEARBY_LINES: usize = 8;

/// The finding as a diagnostic: the rule id as code, labels on the values, the clause as notes.
pub fn finding_diagnostic(
    run: &Run<'_>,
    file: &FileReport,
    document: &DocumentReport,
    finding: &Finding,
) -> Diagnostic {
    let rule = &run.plan.rules[finding.rule];
    let zh = run.language == Language::Zh;
    let word = outcome_word(finding.outcome, run.language);
    let text = FindingText::of(run.plan, finding, run.language);
    let mut diagnostic = Diagnostic::finding(
        &rule.id,
        severity(finding.outcome),
        format!("{word}: {}", text.message),
    );
    if let Some(source) = &file.source {
        diagnostic = diagnostic.in_file(source);
    }
    diagnostic = match (&finding.missing, &finding.primary) {
        (Some(missing), _) => {
            let field = crate::eval::dotted(&missing.field);
            let (label, help) = if zh {
                (
                    format!("此處缺少 `{field}`"),
                    format!("在文件中填寫 `{field}`,以便按此條款檢查"),
                )
            } else {
                (
                    format!("`{field}` is not given here"),
                    format!("add `{field}` to the document so that this clause can be checked"),
                )
            };
            diagnostic.at(missing.span, label).help(help)
        }
        (None, Some(fact)) => diagnostic.at(
            fact.span,
            format!("{} = {}", fact.path, written(run.plan, file, fact)),
        ),
        (None, None) => diagnostic.at(finding.anchor, if zh { "此項" } else { "this item" }),
    };
    let primary_span = diagnostic.primary.as_ref().map(|l| l.span);
    // Conditions near the offending value are labelled in the same snippet; far ones become a
    // note, so the snippet that opens the diagnostic is always the one with the offending value.
    let line_of = |span: crate::base::span::Span| {
        file.source
            .as_ref()
            .map_or(0, |s| s.line_column(span.start).line)
    };
    let primary_line = primary_span.map_or(0, line_of);
    let mut far = Vec::new();
    for fact in &finding.conditions {
        if Some(fact.span) == primary_span
            || diagnostic.secondary.iter().any(|l| l.span == fact.span)
        {
            continue;
        }
        if line_of(fact.span).abs_diff(primary_line) <= NEARBY_LINES {
            diagnostic = diagnostic.also(
                fact.span,
                format!("{} = {}", fact.path, written(run.plan, file, fact)),
            );
        } else {
            far.push(format!(
                "{} = {} (line {})",
                fact.path,
                written(run.plan, file, fact),
                line_of(fact.span)
            ));
        }
    }
    if !far.is_empty() {
        let list = far.join(", ");
        diagnostic = diagnostic.note(if zh {
            format!("適用條件:{list}")
        } else {
            format!("applies because {list}")
        });
    }
    diagnostic = diagnostic.note(if zh {
        format!("條款 {}:「{}」", rule.clause, rule.quote)
    } else {
        format!("clause {}: 「{}」", rule.clause, rule.quote)
    });
    let units = rule.responsible.join("、");
    diagnostic = diagnostic.note(if zh {
        format!("責任單位:{units}")
    } else {
        format!("responsible: {units}")
    });
    if !rule.readings.is_empty() {
        let readings: Vec<String> = rule
            .readings
            .iter()
            .map(
                |name| match run.plan.readings.iter().find(|r| &r.name == name) {
                    Some(r) => format!("{name} ({})", r.text),
                    None => name.clone(),
                },
            )
            .collect();
        diagnostic = diagnostic.note(if zh {
            format!("採用的解讀:{}", readings.join("; "))
        } else {
            format!("reading: {}", readings.join("; "))
        });
    }
    if let Some(reason) = &text.reason {
        diagnostic = diagnostic.note(if zh {
            format!("原因:{reason}")
        } else {
            format!("why: {reason}")
        });
    }
    if let Some(due) = finding.due {
        diagnostic = diagnostic.note(if zh {
            format!("期限 {due} 尚未屆滿,屆時仍未達成即為違規")
        } else {
            format!("not yet due: this falls due on {due}")
        });
    }
    if let (Some(j), Some(doc)) = (finding.justification, &document.document)
        && let Some(justification) = doc.justifications.get(j)
    {
        let approval = justification
            .approval
            .as_deref()
            .map(|a| format!(" ({a})"))
            .unwrap_or_default();
        diagnostic = diagnostic.note(if zh {
            format!("申請人說明的例外理由:{}{approval};原則上條款的例外須由審批人員判斷", justification.reason)
        } else {
            format!("justification given: {}{approval}; an in-principle exception is for the officer to decide", justification.reason)
        });
    }
    if run.explain {
        // First what the rule tests, as encoded; then the values it read.
        for condition in &rule.when {
            let text = crate::tools::explain::source_of(run.plan, rule, condition.span);
            diagnostic =
                diagnostic.note(format!("{} {text}", if zh { "條件成立:" } else { "when:" }));
        }
        let requirement = crate::tools::explain::source_of(run.plan, rule, rule.requirement.span);
        let verb = match (rule.modality.forbids(), zh) {
            (true, false) => "forbids:",
            (false, false) => "requires:",
            (true, true) => "禁止:",
            (false, true) => "要求:",
        };
        diagnostic = diagnostic.note(format!("{verb} {requirement}"));
        for fact in finding
            .primary
            .as_deref()
            .into_iter()
            .chain(&finding.conditions)
        {
            diagnostic = diagnostic.note(format!(
                "{} {} = {} ({})",
                if zh { "依據" } else { "because" },
                fact.path,
                written(run.plan, file, fact),
                fact.pointer
            ));
        }
        if finding.conditions.is_empty() && finding.primary.is_none() {
            diagnostic = diagnostic.note(if zh {
                "依據:條件均成立"
            } else {
                "because: every condition of the rule holds"
            });
        }
    }
    if !text.help.is_empty() {
        let prefix = if zh {
            "如何符合:"
        } else {
            "how to comply: "
        };
        diagnostic = diagnostic.help(format!("{prefix}{}", text.help));
    }
    diagnostic
}

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
            out.push_str(&format!(
                "{} #{} ({kind}{when}): {}\n",
                file.path,
                document.index + 1,
                document_tally.describe(run.language)
            ));
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
