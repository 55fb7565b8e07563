//! A reported finding as a diagnostic, shared by every format: the rule id as its code, labels on
//! the values that decided it, and notes with the clause, the reason and how to comply.

use super::text::{FindingText, shown, source_of};
use super::{Run, outcome_word, severity};
use crate::base::span::Span;
use crate::check::{DocumentReport, FileReport};
use crate::diagnostic::Diagnostic;
use crate::eval::{Fact, Finding, Shown, Tally};
use crate::model::{Language, Plan, Rule};
use crate::syntax::ast::AggregateKind;

/// How far (in lines) a condition may sit from the offending value and still be labelled beside it.
const NEARBY_LINES: usize = 8;

/// A value exactly as the submission wrote it, quotes and all; the evaluated form otherwise.
pub(crate) fn written(plan: &Plan, file: &FileReport, fact: &Fact) -> String {
    // A list is written over many lines; what a label says of it is how many items it has.
    if let Shown::Count(items) = fact.value {
        return format!("[{items}]");
    }
    match &file.source {
        Some(source) if !source.slice(fact.span).trim().is_empty() => {
            source.slice(fact.span).trim().to_string()
        }
        _ => shown(plan, &fact.value),
    }
}

/// The finding as a diagnostic: the rule id as code, labels on the values, the clause as notes.
pub(crate) fn finding_diagnostic(
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
    diagnostic = primary_label(run, file, finding, diagnostic);
    diagnostic = condition_labels(run, file, finding, diagnostic);
    for note in rule_notes(run.plan, rule, zh) {
        diagnostic = diagnostic.note(note);
    }
    for note in outcome_notes(&text, finding, document, zh) {
        diagnostic = diagnostic.note(note);
    }
    for tally in &finding.tallies {
        if let Some(note) = count_note(run.plan, tally, zh) {
            diagnostic = diagnostic.note(note);
        }
    }
    if run.explain {
        for note in explain_notes(run, file, rule, finding) {
            diagnostic = diagnostic.note(note);
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

/// The label that opens the snippet: the missing field's place, the value read, or the item.
fn primary_label(
    run: &Run<'_>,
    file: &FileReport,
    finding: &Finding,
    diagnostic: Diagnostic,
) -> Diagnostic {
    let zh = run.language == Language::Zh;
    match (&finding.missing, &finding.primary) {
        (Some(missing), _) if missing.refused.is_some() => {
            let field = crate::eval::dotted(&missing.field);
            let at = missing.refused.unwrap_or(missing.span);
            let (label, help) = if zh {
                (
                    format!("`{field}` 的值未被接受"),
                    format!("更正 `{field}` 的值,以便按此條款檢查"),
                )
            } else {
                (
                    format!("the value of `{field}` was refused"),
                    format!("correct the value of `{field}` so that this clause can be checked"),
                )
            };
            diagnostic.at(at, label).help(help)
        }
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
        (None, None) => match &finding.absent {
            Some(absent) => {
                let field = crate::eval::dotted(&absent.field);
                let label = if zh {
                    format!("此處未填寫 `{field}`")
                } else {
                    format!("`{field}` is not given here")
                };
                diagnostic.at(absent.span, label)
            }
            None => diagnostic.at(finding.anchor, if zh { "此項" } else { "this item" }),
        },
    }
}

/// Conditions near the offending value are labelled in the same snippet; far ones become a
/// note, so the snippet that opens the diagnostic is always the one with the offending value.
fn condition_labels(
    run: &Run<'_>,
    file: &FileReport,
    finding: &Finding,
    mut diagnostic: Diagnostic,
) -> Diagnostic {
    let primary_span = diagnostic.primary.as_ref().map(|l| l.span);
    let line_of = |span: Span| {
        file.source
            .as_ref()
            .map_or(0, |s| s.line_column(span.start).line)
    };
    let primary_line = primary_span.map_or(0, line_of);
    // The other values that decide the requirement first, then the conditions; a far one of
    // each goes to its own note, so a deciding value is never called a condition.
    let mut far_deciding = Vec::new();
    let mut far_conditions = Vec::new();
    let mut seen: Vec<Span> = primary_span.into_iter().collect();
    let deciding = finding.blamed.iter().map(|f| (f, true));
    for (fact, decides) in deciding.chain(finding.conditions.iter().map(|f| (f, false))) {
        if seen.contains(&fact.span) {
            continue;
        }
        seen.push(fact.span);
        let value = written(run.plan, file, fact);
        if line_of(fact.span).abs_diff(primary_line) <= NEARBY_LINES {
            diagnostic = diagnostic.also(fact.span, format!("{} = {value}", fact.path));
        } else {
            let line = format!("{} = {value} (line {})", fact.path, line_of(fact.span));
            if decides {
                far_deciding.push(line);
            } else {
                far_conditions.push(line);
            }
        }
    }
    let zh = run.language == Language::Zh;
    if !far_deciding.is_empty() {
        let list = far_deciding.join(", ");
        diagnostic = diagnostic.note(if zh {
            format!("同樣決定結果的值:{list}")
        } else {
            format!("also decided by {list}")
        });
    }
    if !far_conditions.is_empty() {
        let list = far_conditions.join(", ");
        diagnostic = diagnostic.note(if zh {
            format!("適用條件:{list}")
        } else {
            format!("applies because {list}")
        });
    }
    diagnostic
}

/// What every finding of the rule says: its clause and quote, the responsible units, readings.
fn rule_notes(plan: &Plan, rule: &Rule, zh: bool) -> Vec<String> {
    let mut notes = Vec::new();
    notes.push(if zh {
        format!("條款 {}:「{}」", rule.clause, rule.quote)
    } else {
        format!("clause {}: 「{}」", rule.clause, rule.quote)
    });
    let units = rule.responsible.join("、");
    notes.push(if zh {
        format!("責任單位:{units}")
    } else {
        format!("responsible: {units}")
    });
    if !rule.readings.is_empty() {
        let readings: Vec<String> = rule
            .readings
            .iter()
            .map(
                |name| match plan.readings.iter().find(|r| &r.name == name) {
                    Some(r) => format!("{name} ({})", r.text),
                    None => name.clone(),
                },
            )
            .collect();
        notes.push(if zh {
            format!("採用的解讀:{}", readings.join("; "))
        } else {
            format!("reading: {}", readings.join("; "))
        });
    }
    notes
}

/// Why the outcome is what it is: a downgrade's reason, a deadline not yet due, a justification.
fn outcome_notes(
    text: &FindingText,
    finding: &Finding,
    document: &DocumentReport,
    zh: bool,
) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(reason) = &text.reason {
        notes.push(if zh {
            format!("原因:{reason}")
        } else {
            format!("why: {reason}")
        });
    }
    if let Some(due) = finding.due {
        notes.push(if zh {
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
        let reason = &justification.reason;
        notes.push(if zh {
            format!("申請人說明的例外理由:{reason}{approval};原則上條款的例外須由審批人員判斷")
        } else {
            format!(
                "justification given: {reason}{approval}; an in-principle exception is for the officer to decide"
            )
        });
    }
    notes
}

/// What an aggregate of the broken requirement counted, with its base: `3 of the 10 items of
/// `vehicles``. A list written in the rule itself has no place to name, so it gets no note.
fn count_note(plan: &Plan, tally: &Tally, zh: bool) -> Option<String> {
    if tally.list_path.is_empty() {
        return None;
    }
    let path = &tally.list_path;
    let label = tally.list.and_then(|f| {
        plan.records
            .get(f.record)?
            .fields
            .get(f.field)?
            .label
            .clone()
    });
    let Tally {
        items,
        chosen,
        holding,
        ..
    } = *tally;
    let filtered = chosen != items;
    Some(match (tally.kind, zh) {
        (AggregateKind::Count, true) => {
            let label = label.map(|l| format!("({l})")).unwrap_or_default();
            format!("計數:`{path}`{label}共 {items} 項,計入 {holding} 項")
        }
        (AggregateKind::Count, false) => {
            format!("count: {holding} of {items} items of `{path}`")
        }
        (AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max, true) => {
            let label = label.map(|l| format!("({l})")).unwrap_or_default();
            format!("計算範圍:`{path}`{label}共 {items} 項中的 {chosen} 項")
        }
        (AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max, false) => format!(
            "{} over {chosen} of {items} items of `{path}`",
            tally.kind.name()
        ),
        (_, true) => {
            let label = label.map(|l| format!("({l})")).unwrap_or_default();
            let chosen = if filtered {
                format!(",選中 {chosen} 項")
            } else {
                String::new()
            };
            format!("`{path}`{label}共 {items} 項{chosen},其中 {holding} 項符合")
        }
        (_, false) if filtered => {
            format!("{holding} of {chosen} chosen items of `{path}` hold ({items} items in all)")
        }
        (_, false) => format!("{holding} of {items} items of `{path}` hold"),
    })
}

/// `--explain`: first what the rule tests, as encoded; then the values it read.
fn explain_notes(run: &Run<'_>, file: &FileReport, rule: &Rule, finding: &Finding) -> Vec<String> {
    let zh = run.language == Language::Zh;
    let mut notes = Vec::new();
    for condition in &rule.when {
        let text = source_of(run.plan, rule, condition.span);
        notes.push(format!("{} {text}", if zh { "條件成立:" } else { "when:" }));
    }
    let requirement = source_of(run.plan, rule, rule.requirement.span);
    let verb = match (rule.modality.forbids(), zh) {
        (true, false) => "forbids:",
        (false, false) => "requires:",
        (true, true) => "禁止:",
        (false, true) => "要求:",
    };
    notes.push(format!("{verb} {requirement}"));
    for fact in finding
        .primary
        .as_deref()
        .into_iter()
        .chain(&finding.conditions)
    {
        notes.push(format!(
            "{} {} = {} ({})",
            if zh { "依據" } else { "because" },
            fact.path,
            written(run.plan, file, fact),
            fact.pointer
        ));
    }
    if finding.conditions.is_empty() && finding.primary.is_none() {
        notes.push(
            if zh {
                "依據:條件均成立"
            } else {
                "because: every condition of the rule holds"
            }
            .to_string(),
        );
    }
    notes
}
