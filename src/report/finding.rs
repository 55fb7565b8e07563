//! A reported finding as a diagnostic, shared by every format: the rule id as its code, labels on
//! the values that decided it, and notes with the clause, the reason and how to comply.

use super::text::{FindingText, shown, source_of};
use super::{Run, outcome_word, severity};
use crate::base::span::Span;
use crate::check::{DocumentReport, FileReport};
use crate::diagnostic::Diagnostic;
use crate::eval::{Fact, Finding, Shown, Tally};
use crate::model::{Plan, Rule};
use crate::syntax::ast::AggregateKind;
use crate::words::{Language, Word, fill};

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
    let language = run.language;
    let word = outcome_word(finding.outcome, language);
    let text = FindingText::of(run.plan, file, finding, language);
    let colon = if language.is_zh() { "：" } else { ": " };
    let mut diagnostic = Diagnostic::finding(
        &rule.id,
        severity(finding.outcome),
        format!("{word}{colon}{}", text.message),
    );
    if let Some(source) = &file.source {
        diagnostic = diagnostic.in_file(source);
    }
    diagnostic = primary_label(run, file, finding, diagnostic);
    diagnostic = condition_labels(run, file, finding, diagnostic);
    for note in rule_notes(run.plan, rule, language) {
        diagnostic = diagnostic.note(note);
    }
    for note in outcome_notes(&text, finding, document, language) {
        diagnostic = diagnostic.note(note);
    }
    for tally in &finding.tallies {
        if let Some(note) = count_note(run.plan, tally, language) {
            diagnostic = diagnostic.note(note);
        }
    }
    if run.explain {
        for note in explain_notes(run, file, rule, finding) {
            diagnostic = diagnostic.note(note);
        }
    }
    if !text.help.is_empty() {
        diagnostic = diagnostic.help(fill(Word::HowToComply, language, &[("help", &text.help)]));
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
    let language = run.language;
    let field_word = |word: Word, field: &str| fill(word, language, &[("field", field)]);
    match (&finding.missing, &finding.primary) {
        (Some(missing), _) if missing.refused.is_some() => {
            let field = crate::eval::dotted(&missing.field);
            let at = missing.refused.unwrap_or(missing.span);
            diagnostic
                .at(at, field_word(Word::ValueRefusedLabel, &field))
                .help(field_word(Word::ValueRefusedHelp, &field))
        }
        (Some(missing), _) => {
            let field = crate::eval::dotted(&missing.field);
            diagnostic
                .at(missing.span, field_word(Word::MissingLabel, &field))
                .help(field_word(Word::MissingHelp, &field))
        }
        (None, Some(fact)) => diagnostic.at(
            fact.span,
            format!("{} = {}", fact.path, written(run.plan, file, fact)),
        ),
        (None, None) => match &finding.absent {
            Some(absent) => {
                let field = crate::eval::dotted(&absent.field);
                diagnostic.at(absent.span, field_word(Word::AbsentLabel, &field))
            }
            None => diagnostic.at(finding.anchor, Word::ThisItem.text(language)),
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
            let line = fill(
                Word::AtLine,
                run.language,
                &[
                    ("value", &format!("{} = {value}", fact.path)),
                    ("line", &line_of(fact.span).to_string()),
                ],
            );
            if decides {
                far_deciding.push(line);
            } else {
                far_conditions.push(line);
            }
        }
    }
    let separator = run.language.list_separator();
    for (word, far) in [
        (Word::AlsoDecidedBy, far_deciding),
        (Word::AppliesBecause, far_conditions),
    ] {
        if !far.is_empty() {
            let list = far.join(separator);
            diagnostic = diagnostic.note(fill(word, run.language, &[("list", &list)]));
        }
    }
    diagnostic
}

/// What every finding of the rule says: its clause and quote, the responsible units, readings;
/// the plan's words in the reader's script.
fn rule_notes(plan: &Plan, rule: &Rule, language: Language) -> Vec<String> {
    let mut notes = vec![fill(
        Word::ClauseNote,
        language,
        &[
            ("clause", &rule.clause),
            ("quote", &language.script(&rule.quote)),
        ],
    )];
    // In a chain of plans a finding says which plan binds it; a plan alone says so in its header.
    if plan.layer_count() > 1 {
        let header = plan.layer_header(plan.file_layer(rule.file));
        let title = language.script(&header.title).into_owned();
        notes.push(match header.number.as_deref() {
            Some(number) => fill(
                Word::PlanNote,
                language,
                &[
                    ("title", &title),
                    ("number", &language.script(number)),
                    ("id", &header.id),
                ],
            ),
            None => fill(
                Word::PlanNoteUnnumbered,
                language,
                &[("title", &title), ("id", &header.id)],
            ),
        });
    }
    let units = language.script(&rule.responsible.join("、")).into_owned();
    notes.push(fill(Word::ResponsibleNote, language, &[("units", &units)]));
    if !rule.readings.is_empty() {
        let readings: Vec<String> = rule
            .readings
            .iter()
            .map(
                |name| match plan.readings.iter().find(|r| &r.name == name) {
                    Some(r) => {
                        let text = language.script(r.text_in(language.texts()));
                        if language.is_zh() {
                            format!("{name}（{text}）")
                        } else {
                            format!("{name} ({text})")
                        }
                    }
                    None => name.clone(),
                },
            )
            .collect();
        let readings = readings.join(if language.is_zh() { "；" } else { "; " });
        notes.push(fill(
            Word::ReadingNote,
            language,
            &[("readings", &readings)],
        ));
    }
    notes
}

/// Why the outcome is what it is: a downgrade's reason, a deadline not yet due, a justification.
fn outcome_notes(
    text: &FindingText,
    finding: &Finding,
    document: &DocumentReport,
    language: Language,
) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(reason) = &text.reason {
        notes.push(fill(Word::WhyNote, language, &[("reason", reason)]));
    }
    if let Some(due) = finding.due {
        notes.push(fill(
            Word::NotYetDue,
            language,
            &[("due", &due.to_string())],
        ));
    }
    if let (Some(j), Some(doc)) = (finding.justification, &document.document)
        && let Some(justification) = doc.justifications.get(j)
    {
        // The applicant's own words, as written.
        let approval = justification
            .approval
            .as_deref()
            .map(|a| {
                if language.is_zh() {
                    format!("（{a}）")
                } else {
                    format!(" ({a})")
                }
            })
            .unwrap_or_default();
        notes.push(fill(
            Word::JustificationNote,
            language,
            &[("reason", &justification.reason), ("approval", &approval)],
        ));
    }
    if let Some(note) = waiver_note(finding, language) {
        notes.push(note);
    }
    notes
}

/// The officer's waiver a finding met: the one that waived it, or one not in force on the check
/// date, in which case the finding stands.
pub(crate) fn waiver_note(finding: &Finding, language: Language) -> Option<String> {
    use crate::waiver::Standing;
    let applied = finding.waiver.as_deref()?;
    let waiver = &applied.waiver;
    Some(match applied.standing {
        Standing::Applied => fill(
            Word::WaivedBy,
            language,
            &[
                ("id", &waiver.id),
                ("document", &waiver.document),
                ("granted_by", &waiver.granted_by),
                ("expires", &waiver.expires_on.to_string()),
                ("reason", &waiver.reason),
            ],
        ),
        Standing::Expired | Standing::NotYetGranted => fill(
            Word::WaiverNotInForceNote,
            language,
            &[
                ("id", &waiver.id),
                ("granted", &waiver.granted_on.to_string()),
                ("expires", &waiver.expires_on.to_string()),
            ],
        ),
    })
}

/// What an aggregate of the broken requirement counted, with its base: `3 of 10 items of
/// `vehicles``. A list written in the rule itself has no place to name, so it gets no note.
fn count_note(plan: &Plan, tally: &Tally, language: Language) -> Option<String> {
    if tally.list_path.is_empty() {
        return None;
    }
    let label = tally
        .list
        .and_then(|f| {
            plan.records
                .get(f.record)?
                .fields
                .get(f.field)?
                .label
                .as_deref()
        })
        .filter(|_| language.is_zh())
        .map(|l| format!("（{}）", language.script(l)))
        .unwrap_or_default();
    let [items, chosen, holding] =
        [tally.items, tally.chosen, tally.holding].map(|n| n.to_string());
    let word = match tally.kind {
        AggregateKind::Count => Word::CountNote,
        AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max => Word::RangeNote,
        _ if tally.chosen != tally.items => Word::HoldChosenNote,
        _ => Word::HoldNote,
    };
    Some(fill(
        word,
        language,
        &[
            ("path", &tally.list_path),
            ("label", &label),
            ("items", &items),
            ("chosen", &chosen),
            ("holding", &holding),
            ("aggregate", tally.kind.name()),
        ],
    ))
}

/// `--explain`: first what the rule tests, as encoded; then the values it read.
fn explain_notes(run: &Run<'_>, file: &FileReport, rule: &Rule, finding: &Finding) -> Vec<String> {
    let language = run.language;
    let mut notes = Vec::new();
    for condition in &rule.when {
        let text = source_of(run.plan, rule, condition.span);
        notes.push(fill(Word::ExplainWhen, language, &[("condition", text)]));
    }
    let requirement = source_of(run.plan, rule, rule.requirement.span);
    let verb = if rule.modality.forbids() {
        Word::ExplainForbids
    } else {
        Word::ExplainRequires
    };
    notes.push(fill(verb, language, &[("requirement", requirement)]));
    for fact in finding
        .primary
        .as_deref()
        .into_iter()
        .chain(&finding.conditions)
    {
        notes.push(fill(
            Word::ExplainBecause,
            language,
            &[
                ("path", &fact.path),
                ("value", &written(run.plan, file, fact)),
                ("pointer", &fact.pointer),
            ],
        ));
    }
    if finding.conditions.is_empty() && finding.primary.is_none() {
        notes.push(Word::ExplainEveryCondition.text(language).to_string());
    }
    notes
}
