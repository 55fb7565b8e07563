//! `planlint explain RULE`: a rule described for an officer, its conditions shown as encoded.

use crate::model::{Language, Plan, Rule};
use crate::report::text::{source_of, template_source};
use crate::syntax::ast::Modality;

/// One line of the description: its key in the chosen language, and its value.
type Line = (&'static str, String);

/// The rule described: what it is, what it tests, and what it says.
pub fn explain_rule(plan: &Plan, rule: &Rule, language: Language) -> String {
    let zh = language == Language::Zh;
    let mut out = format!("{} — {}\n\n", rule.id, rule.title);
    let lines = identity_lines(plan, rule, zh)
        .into_iter()
        .chain(logic_lines(plan, rule, language))
        .chain(text_lines(plan, rule, language));
    for (key, value) in lines {
        out.push_str(&format!("  {key:<14} {value}\n"));
    }
    out
}

fn label(zh: bool, zh_text: &'static str, en_text: &'static str) -> &'static str {
    if zh { zh_text } else { en_text }
}

/// The modality in words, with what it means for the outcome.
fn modality_words(modality: Modality, zh: bool) -> &'static str {
    match (modality, zh) {
        (Modality::Forbid, true) => "禁止 (forbid)",
        (Modality::Must, true) => "必須 (must)",
        (Modality::InPrincipleForbid | Modality::InPrincipleMust, true) => {
            "原則上 (in principle: a justified exception goes to review)"
        }
        (Modality::Encourage, true) => "鼓勵 (encourage: advice only)",
        (Modality::Strive, true) => "力爭 (strive: advice only)",
        (Modality::Target, true) => "目標 (target)",
        (Modality::Forbid, false) => "forbid",
        (Modality::Must, false) => "must",
        (Modality::InPrincipleForbid | Modality::InPrincipleMust, false) => {
            "in principle (a justified exception goes to review)"
        }
        (Modality::Encourage, false) => "encourage (advice only)",
        (Modality::Strive, false) => "strive (advice only)",
        (Modality::Target, false) => "target",
    }
}

/// Where the rule comes from and whom it binds: clause, quote, modality, units, document kind.
fn identity_lines(plan: &Plan, rule: &Rule, zh: bool) -> Vec<Line> {
    let kind = plan
        .records
        .get(rule.applies_to)
        .map(|r| {
            let label = r.label.as_deref().map(|l| format!(" ({l})"));
            format!("{}{}", r.name, label.unwrap_or_default())
        })
        .unwrap_or_default();
    vec![
        (label(zh, "條款", "clause"), rule.clause.clone()),
        (label(zh, "原文", "quote"), format!("「{}」", rule.quote)),
        (
            label(zh, "類型", "modality"),
            modality_words(rule.modality, zh).to_string(),
        ),
        (
            label(zh, "責任單位", "responsible"),
            rule.responsible.join("、"),
        ),
        (label(zh, "適用文件", "applies to"), kind),
    ]
}

/// What the rule tests, as encoded: items, conditions, requirement, exceptions, downgrades and
/// dates.
fn logic_lines(plan: &Plan, rule: &Rule, language: Language) -> Vec<Line> {
    let zh = language == Language::Zh;
    let source = |span| source_of(plan, rule, span).to_string();
    let mut lines = Vec::new();
    for each in &rule.for_each {
        let list = source(each.list.span);
        lines.push((
            label(zh, "逐項", "for each"),
            format!("{} in {list}", each.name),
        ));
    }
    for condition in &rule.when {
        lines.push((label(zh, "條件", "when"), source(condition.span)));
    }
    let requirement = if rule.modality.forbids() {
        label(zh, "禁止", "forbids")
    } else {
        label(zh, "要求", "requires")
    };
    lines.push((requirement, source(rule.requirement.span)));
    for exception in &rule.unless {
        lines.push((label(zh, "例外", "unless"), source(exception.span)));
    }
    let downgrades = [
        (label(zh, "轉人工審核", "review if"), &rule.reviews),
        (label(zh, "僅作建議", "advice if"), &rule.advices),
    ];
    for (key, list) in downgrades {
        for downgrade in list {
            let reason = Rule::text_in(&downgrade.reason, language)
                .map(|t| template_source(plan, rule, t))
                .unwrap_or_default();
            let condition = source(downgrade.condition.span);
            lines.push((key, format!("{condition} — {reason}")));
        }
    }
    if let Some(deadline) = rule.deadline {
        lines.push((label(zh, "期限", "deadline"), deadline.to_string()));
    }
    if rule.effective_from.is_some() || rule.effective_until.is_some() {
        let day =
            |d: Option<crate::base::date::Date>| d.map_or("…".to_string(), |d| d.to_string());
        let period = format!(
            "{} – {}",
            day(rule.effective_from),
            day(rule.effective_until)
        );
        lines.push((label(zh, "生效期間", "in force"), period));
    }
    lines
}

/// What the rule says: its readings, message, how to comply, and the maintainer's notes.
fn text_lines(plan: &Plan, rule: &Rule, language: Language) -> Vec<Line> {
    let zh = language == Language::Zh;
    let mut lines = Vec::new();
    for name in &rule.readings {
        let text = plan
            .readings
            .iter()
            .find(|r| &r.name == name)
            .map(|r| r.text.clone())
            .unwrap_or_default();
        lines.push((label(zh, "解讀", "reading"), format!("{name}: {text}")));
    }
    if let Some(message) = Rule::text_in(&rule.messages, language) {
        let text = template_source(plan, rule, message);
        lines.push((label(zh, "訊息", "message"), text));
    }
    if let Some(help) = Rule::text_in(&rule.helps, language) {
        let text = template_source(plan, rule, help);
        lines.push((label(zh, "如何符合", "how to comply"), text));
    }
    for doc in &rule.doc {
        lines.push((label(zh, "說明", "note"), doc.clone()));
    }
    lines
}
