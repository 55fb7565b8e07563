//! A finding's words: the rule's message, help and reason filled in with the values evaluation
//! kept, in the chosen language; values written as people read them.

use crate::base::number::Number;
use crate::eval::{Finding, MissingField, Reason, Shown, TextValues, Uncomputable, dotted};
use crate::model::{Language, Plan, Rule, Template, TemplatePart};

/// What a reported finding says, in one language.
pub(crate) struct FindingText {
    pub(crate) message: String,
    /// How to comply; empty when the rule says nothing.
    pub(crate) help: String,
    pub(crate) reason: Option<String>,
}

impl FindingText {
    pub(crate) fn of(plan: &Plan, finding: &Finding, language: Language) -> FindingText {
        let rule = &plan.rules[finding.rule];
        // A rule that could not be computed is not broken: its own message would say it is.
        if let Some(Reason::Uncomputable(why)) = &finding.reason {
            let message = match language {
                Language::Zh => "無法就本文件判定此條款,由審核人員判斷",
                Language::En => "the rule cannot be decided on this document; an officer decides",
            };
            return FindingText {
                message: message.to_string(),
                help: String::new(),
                reason: Some(uncomputable_text(*why, language)),
            };
        }
        let filler = Filler {
            plan,
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
        labels.push(match (declared, language) {
            (Some(declared), Language::Zh) => declared
                .label
                .clone()
                .unwrap_or_else(|| declared.name.clone()),
            (Some(declared), Language::En) => format!("`{}`", declared.name),
            (None, _) => format!("`{}`", fact.path),
        });
    }
    let separator = match language {
        Language::Zh => "、",
        Language::En => ", ",
    };
    if labels.is_empty() {
        "?".to_string()
    } else {
        labels.join(separator)
    }
}

/// Fills in one finding's texts: its `{expr}` values, and `{blamed}`.
struct Filler<'a> {
    plan: &'a Plan,
    blamed: String,
    language: Language,
}

fn reason_text(filler: &Filler<'_>, rule: &Rule, reason: &Reason) -> String {
    let language = filler.language;
    match reason {
        Reason::Exception => match language {
            Language::Zh => "條款所寫的例外適用".to_string(),
            Language::En => "the exception written in the clause applies".to_string(),
        },
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
    let (zh, en) = match why {
        Uncomputable::Overflow => (
            "計算結果超出精確數值的範圍,無法判定",
            "a value it computes is too large to compute exactly",
        ),
        Uncomputable::DivisionByZero => (
            "計算中出現除以零,無法判定",
            "it divides by zero on this document",
        ),
        Uncomputable::NoItems => (
            "沒有可計算比例、最小值或最大值的項目,無法判定",
            "it takes a share, least or greatest value of no items",
        ),
        Uncomputable::Internal => (
            "planlint 內部錯誤,無法判定;請回報",
            "an internal error in planlint kept it from being computed; please report it",
        ),
    };
    match language {
        Language::Zh => zh.to_string(),
        Language::En => en.to_string(),
    }
}

impl Filler<'_> {
    /// The text in the wanted language (else the other one), its `{expr}` parts filled in.
    fn fill_in(&self, texts: &[(Language, Template)], values: &TextValues) -> String {
        let Some(position) = texts
            .iter()
            .position(|(l, _)| *l == self.language)
            .or((!texts.is_empty()).then_some(0))
        else {
            return String::new();
        };
        let template = &texts[position].1;
        let mut values = values.0.get(position).into_iter().flatten();
        let mut out = String::new();
        for part in &template.parts {
            match part {
                TemplatePart::Text(t) => out.push_str(t),
                TemplatePart::Value(_) => match values.next() {
                    Some(value) => out.push_str(&shown(self.plan, value)),
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
    if missing.refused.is_some() {
        return match language {
            Language::Zh => format!("判定所需的欄位 `{field}` 的值未被接受,無法按此條款檢查"),
            Language::En => format!(
                "the rule needs field `{field}`, and the value the document gives was refused"
            ),
        };
    }
    match language {
        Language::Zh => format!("缺少判定所需的欄位 `{field}`"),
        Language::En => format!("the rule needs field `{field}`, which the document does not give"),
    }
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
