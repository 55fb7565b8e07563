//! `planlint explain RULE`: a rule described for an officer, its conditions shown as encoded.

use crate::base::width::{char_width, pad};
use crate::model::{Plan, Rule};
use crate::report::Language;
use crate::report::text::{source_of, template_source};
use crate::syntax::ast::Modality;
use crate::words::{Said, Word};

/// One line of the description: its key, and its value.
type Line = (Word, String);

/// The rule described: what it is, what it tests, and what it says; the plan's words in the
/// reader's script, the encoded conditions as written in the rules file.
pub fn explain_rule(plan: &Plan, rule: &Rule, language: Language) -> String {
    let mut out = format!("{} — {}\n\n", rule.id, language.script(&rule.title));
    let lines = identity_lines(plan, rule, language)
        .into_iter()
        .chain(logic_lines(plan, rule, language))
        .chain(text_lines(plan, rule, language));
    for (key, value) in lines {
        // Keys line up by display width: a Chinese key is two columns a character.
        out.push_str(&format!("  {} {value}\n", pad(key.text(language), 14)));
    }
    out
}

/// The modality in words, with what it means for the outcome.
fn modality_word(modality: Modality) -> Word {
    match modality {
        Modality::Forbid => Word::ModalityForbid,
        Modality::Must => Word::ModalityMust,
        Modality::InPrincipleForbid | Modality::InPrincipleMust => Word::ModalityInPrinciple,
        Modality::Encourage => Word::ModalityEncourage,
        Modality::Strive => Word::ModalityStrive,
        Modality::Target => Word::ModalityTarget,
    }
}

/// Where the rule comes from and whom it binds: clause, quote, modality, units, document kind.
/// The quote is shown in the reader's script and, where that differs, exactly as the official
/// text has it.
fn identity_lines(plan: &Plan, rule: &Rule, language: Language) -> Vec<Line> {
    let kind = plan
        .records
        .get(rule.applies_to)
        .map(|r| {
            let label = r
                .label
                .as_deref()
                .map(|l| format!(" ({})", language.script(l)));
            format!("{}{}", r.name, label.unwrap_or_default())
        })
        .unwrap_or_default();
    let quote = language.script(&rule.quote);
    let mut lines = vec![
        (Word::KeyClause, rule.clause.clone()),
        (Word::KeyQuote, format!("「{quote}」")),
    ];
    if quote != rule.quote {
        lines.push((Word::KeyOfficialQuote, format!("「{}」", rule.quote)));
    }
    lines.extend([
        (
            Word::KeyModality,
            modality_word(rule.modality).text(language).to_string(),
        ),
        (
            Word::KeyResponsible,
            language.script(&rule.responsible.join("、")).into_owned(),
        ),
        (Word::KeyAppliesTo, kind),
    ]);
    lines
}

/// What the rule tests, as encoded: items, conditions, requirement, exceptions, downgrades and
/// dates.
fn logic_lines(plan: &Plan, rule: &Rule, language: Language) -> Vec<Line> {
    let source = |span| source_of(plan, rule, span).to_string();
    let mut lines = Vec::new();
    for each in &rule.for_each {
        let list = source(each.list.span);
        lines.push((Word::KeyForEach, format!("{} in {list}", each.name)));
    }
    for condition in &rule.when {
        lines.push((Word::KeyWhen, source(condition.span)));
    }
    let requirement = if rule.modality.forbids() {
        Word::KeyForbids
    } else {
        Word::KeyRequires
    };
    lines.push((requirement, source(rule.requirement.span)));
    for exception in &rule.unless {
        lines.push((Word::KeyUnless, source(exception.span)));
    }
    let downgrades = [
        (Word::KeyReviewIf, &rule.reviews),
        (Word::KeyAdviceIf, &rule.advices),
    ];
    for (key, list) in downgrades {
        for downgrade in list {
            let reason = Rule::text_in(&downgrade.reason, language.texts())
                .map(|t| {
                    language
                        .script(&template_source(plan, rule, t))
                        .into_owned()
                })
                .unwrap_or_default();
            let condition = source(downgrade.condition.span);
            lines.push((key, format!("{condition} — {reason}")));
        }
    }
    if let Some(deadline) = rule.deadline {
        lines.push((Word::KeyDeadline, deadline.to_string()));
    }
    if rule.effective_from.is_some() || rule.effective_until.is_some() {
        let day =
            |d: Option<crate::base::date::Date>| d.map_or("…".to_string(), |d| d.to_string());
        let period = format!(
            "{} – {}",
            day(rule.effective_from),
            day(rule.effective_until)
        );
        lines.push((Word::KeyInForce, period));
    }
    lines
}

/// What the rule says: its readings, message, how to comply, and the maintainer's notes.
fn text_lines(plan: &Plan, rule: &Rule, language: Language) -> Vec<Line> {
    let mut lines = Vec::new();
    for name in &rule.readings {
        let text = plan
            .readings
            .iter()
            .find(|r| &r.name == name)
            .map(|r| language.script(r.text_in(language.texts())).into_owned())
            .unwrap_or_default();
        lines.push((Word::KeyReading, format!("{name}: {text}")));
    }
    if let Some(message) = Rule::text_in(&rule.messages, language.texts()) {
        let text = language
            .script(&template_source(plan, rule, message))
            .into_owned();
        lines.push((Word::KeyMessage, text));
    }
    if let Some(help) = Rule::text_in(&rule.helps, language.texts()) {
        let text = language
            .script(&template_source(plan, rule, help))
            .into_owned();
        lines.push((Word::KeyHowToComply, text));
    }
    // The `///` lines are the maintainers' notes, written in one language. A Chinese reader is
    // told where to find notes written in English instead of being shown them.
    let doc = rule.doc.join(" ");
    let latin = doc.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let cjk = doc.chars().filter(|c| char_width(*c) == 2).count();
    if language.is_zh() && latin > cjk {
        lines.push((
            Word::KeyNote,
            Said::new(Word::NotesInEnglish).in_language(language),
        ));
    } else {
        for doc in &rule.doc {
            lines.push((Word::KeyNote, doc.clone()));
        }
    }
    lines
}
