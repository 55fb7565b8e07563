//! A finding's words: the rule's message, help and reason filled in with the values evaluation
//! kept, in the chosen language; values written as people read them.

use crate::base::number::Number;
use crate::base::span::SourceFile;
use crate::check::FileReport;
use crate::eval::{Finding, MissingField, Reason, Shown, TextValues, Uncomputable, dotted};
use crate::model::{Plan, Rule, Template, TemplatePart};
use crate::words::{Language, Word, fill};

/// What a reported finding says, in one language.
pub(crate) struct FindingText {
    pub(crate) message: String,
    /// How to comply; empty when the rule says nothing.
    pub(crate) help: String,
    pub(crate) reason: Option<String>,
}

impl FindingText {
    /// The finding's words: the rule's texts in the reader's language and script, the values the
    /// submitter wrote as written (from the file's source, when there is one).
    pub(crate) fn of(
        plan: &Plan,
        file: &FileReport,
        finding: &Finding,
        language: Language,
    ) -> FindingText {
        let rule = &plan.rules[finding.rule];
        // A rule that could not be computed is not broken: its own message would say it is.
        if let Some(Reason::Uncomputable(why)) = &finding.reason {
            return FindingText {
                message: Word::Uncomputable.text(language).to_string(),
                help: String::new(),
                reason: Some(uncomputable_text(*why, language)),
            };
        }
        let filler = Filler {
            plan,
            source: file.source.as_ref(),
            blamed: blamed_labels(plan, finding, language),
            language,
        };
        // A finding that lacks a field says what to add, not how to comply with the rule.
        let (message, help) = match &finding.missing {
            Some(missing) => (missing_message(missing, language), String::new()),
            None => (
                filler.fill_in(&rule.messages, &finding.message),
                filler.fill_in(&rule.helps, &finding.help),
            ),
        };
        FindingText {
            message,
            help,
            reason: finding
                .reason
                .as_ref()
                .map(|reason| reason_text(&filler, rule, reason)),
        }
    }
}

/// What `{blamed}` says: the fields whose values decide the finding, once each, by their labels
/// in Chinese and by their names in English.
fn blamed_labels(plan: &Plan, finding: &Finding, language: Language) -> String {
    let mut seen = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for fact in finding
        .primary
        .as_deref()
        .into_iter()
        .chain(&finding.blamed)
    {
        if let Some(field) = fact.field {
            if seen.contains(&field) {
                continue;
            }
            seen.push(field);
        }
        let declared = fact
            .field
            .and_then(|f| plan.records.get(f.record)?.fields.get(f.field));
        labels.push(match (declared, language.is_zh()) {
            (Some(declared), true) => match &declared.label {
                Some(label) => language.script(label).into_owned(),
                None => declared.name.clone(),
            },
            (Some(declared), false) => format!("`{}`", declared.name),
            (None, _) => format!("`{}`", fact.path),
        });
    }
    if labels.is_empty() {
        "?".to_string()
    } else {
        labels.join(language.list_separator())
    }
}

/// Fills in one finding's texts: its `{expr}` values, and `{blamed}`.
struct Filler<'a> {
    plan: &'a Plan,
    source: Option<&'a SourceFile>,
    blamed: String,
    language: Language,
}

fn reason_text(filler: &Filler<'_>, rule: &Rule, reason: &Reason) -> String {
    let language = filler.language;
    match reason {
        Reason::Exception => Word::ExceptionApplies.text(language).to_string(),
        Reason::Review(index, values) => rule
            .reviews
            .get(*index)
            .map_or_else(String::new, |d| filler.fill_in(&d.reason, values)),
        Reason::Advice(index, values) => rule
            .advices
            .get(*index)
            .map_or_else(String::new, |d| filler.fill_in(&d.reason, values)),
        Reason::Uncomputable(why) => uncomputable_text(*why, language),
    }
}

/// Why a rule could not be decided, for the officer who decides it instead.
fn uncomputable_text(why: Uncomputable, language: Language) -> String {
    let word = match why {
        Uncomputable::Overflow => Word::Overflow,
        Uncomputable::DivisionByZero => Word::DivisionByZero,
        Uncomputable::NoItems => Word::NoItems,
        Uncomputable::Internal => Word::InternalError,
    };
    word.text(language).to_string()
}

impl Filler<'_> {
    /// The text in the wanted language (else the other one), its `{expr}` parts filled in: the
    /// rule's own words in the reader's script, the submitter's values as written.
    fn fill_in(&self, texts: &[(crate::model::Language, Template)], values: &TextValues) -> String {
        let wanted = self.language.texts();
        let Some(position) = texts
            .iter()
            .position(|(l, _)| *l == wanted)
            .or((!texts.is_empty()).then_some(0))
        else {
            return String::new();
        };
        let template = &texts[position].1;
        let mut values = values.0.get(position).into_iter().flatten();
        let mut out = String::new();
        for part in &template.parts {
            match part {
                TemplatePart::Text(t) => out.push_str(&self.language.script(t)),
                TemplatePart::Value(_) => match values.next() {
                    Some(value) => {
                        out.push_str(&shown_in(self.plan, value, self.language, self.source))
                    }
                    None => out.push('?'),
                },
                TemplatePart::Blamed => out.push_str(&self.blamed),
            }
        }
        out
    }
}

/// The message of a finding that lacks a field.
fn missing_message(missing: &MissingField, language: Language) -> String {
    let field = dotted(&missing.field);
    let word = if missing.refused.is_some() {
        Word::FieldRefused
    } else {
        Word::FieldMissing
    };
    fill(word, language, &[("field", &field)])
}

/// A value as a message shows it to a reader: what the submitter wrote, exactly as written (its
/// YAML quotes aside), or else the evaluated value with the plan's labels in the reader's script.
pub(crate) fn shown_in(
    plan: &Plan,
    value: &Shown,
    language: Language,
    source: Option<&SourceFile>,
) -> String {
    match value {
        Shown::Written { span, value } => match source {
            Some(source) if !source.slice(*span).trim().is_empty() => {
                unquoted(source.slice(*span).trim()).to_string()
            }
            _ => shown_in(plan, value, language, None),
        },
        Shown::Enum { ty: Some(_), .. } | Shown::Quantity { unit: Some(_), .. } => {
            language.script(&shown(plan, value)).into_owned()
        }
        other => shown(plan, other),
    }
}

/// A scalar without the quotes YAML or JSON put around it.
fn unquoted(text: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return inner;
        }
    }
    text
}

/// A value as messages write it: quantities with their unit's Chinese name, enums by label.
pub(crate) fn shown(plan: &Plan, value: &Shown) -> String {
    match value {
        Shown::Bool(b) => b.to_string(),
        Shown::Number(n) => n.to_string(),
        Shown::Percent(p) => format!("{}%", p.checked_mul(Number::from_int(100)).unwrap_or(*p)),
        Shown::Quantity { amount, unit } => match unit {
            Some(unit) => format!("{amount} {}", plan.units[*unit].display()),
            None => amount.to_string(),
        },
        Shown::Text(t) => t.clone(),
        Shown::Date(d) => d.to_string(),
        Shown::Enum {
            ty: Some(ty),
            value,
        } => {
            let value = &plan.enums[*ty].values[*value];
            value.label.clone().unwrap_or_else(|| value.name.clone())
        }
        Shown::Enum { ty: None, value } => value.to_string(),
        Shown::Record => "{…}".into(),
        Shown::Count(n) => n.to_string(),
        Shown::Unknown => "?".into(),
        Shown::Written { value, .. } => shown(plan, value),
    }
}

/// The rules-file text of an expression, as the maintainer wrote it.
pub(crate) fn source_of<'a>(plan: &'a Plan, rule: &Rule, span: crate::base::span::Span) -> &'a str {
    plan.files.get(rule.file).map_or("", |f| f.slice(span))
}

/// A template as the maintainer wrote it, values shown as `{expr}`.
pub(crate) fn template_source(plan: &Plan, rule: &Rule, template: &Template) -> String {
    template
        .parts
        .iter()
        .map(|p| match p {
            TemplatePart::Text(t) => t.clone(),
            TemplatePart::Value(e) => format!("{{{}}}", source_of(plan, rule, e.span)),
            TemplatePart::Blamed => "{blamed}".to_string(),
        })
        .collect()
}
