//! `planlint explain RULE`: a rule described for an officer, its conditions shown as encoded.

use crate::model::{Language, Plan, Rule};
use crate::report::text::{source_of, template_source};

pub fn explain_rule(plan: &Plan, rule: &Rule, language: Language) -> String {
    let zh = language == Language::Zh;
    let label = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let mut out = format!("{} — {}\n\n", rule.id, rule.title);
    let mut line = |key: &str, value: String| out.push_str(&format!("  {key:<14} {value}\n"));
    line(label("條款", "clause"), rule.clause.clone());
    line(label("原文", "quote"), format!("「{}」", rule.quote));
    let modality = match (rule.modality.name(), zh) {
        ("forbid", true) => "禁止 (forbid)",
        ("must", true) => "必須 (must)",
        ("in_principle", true) => "原則上 (in principle: a justified exception goes to review)",
        ("encourage", true) => "鼓勵 (encourage: advice only)",
        ("strive", true) => "力爭 (strive: advice only)",
        ("target", true) => "目標 (target)",
        ("in_principle", false) => "in principle (a justified exception goes to review)",
        ("encourage", false) => "encourage (advice only)",
        ("strive", false) => "strive (advice only)",
        (other, _) => other,
    };
    line(label("類型", "modality"), modality.to_string());
    line(
        label("責任單位", "responsible"),
        rule.responsible.join("、"),
    );
    let kind = plan
        .records
        .get(rule.applies_to)
        .map(|r| {
            format!(
                "{}{}",
                r.name,
                r.label
                    .as_deref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default()
            )
        })
        .unwrap_or_default();
    line(label("適用文件", "applies to"), kind);
    for each in &rule.for_each {
        line(
            label("逐項", "for each"),
            format!("{} in {}", each.name, source_of(plan, rule, each.list.span)),
        );
    }
    for condition in &rule.when {
        line(
            label("條件", "when"),
            source_of(plan, rule, condition.span).to_string(),
        );
    }
    let requirement = if rule.modality.forbids() {
        label("禁止", "forbids")
    } else {
        label("要求", "requires")
    };
    line(
        requirement,
        source_of(plan, rule, rule.requirement.span).to_string(),
    );
    for exception in &rule.unless {
        line(
            label("例外", "unless"),
            source_of(plan, rule, exception.span).to_string(),
        );
    }
    let downgrades = [
        (label("轉人工審核", "review if"), &rule.reviews),
        (label("僅作建議", "advice if"), &rule.advices),
    ];
    for (key, list) in downgrades {
        for downgrade in list {
            let reason = Rule::text_in(&downgrade.reason, language)
                .map(|t| template_source(plan, rule, t))
                .unwrap_or_default();
            line(
                key,
                format!(
                    "{} — {reason}",
                    source_of(plan, rule, downgrade.condition.span)
                ),
            );
        }
    }
    if let Some(deadline) = rule.deadline {
        line(label("期限", "deadline"), deadline.to_string());
    }
    if rule.effective_from.is_some() || rule.effective_until.is_some() {
        let from = rule
            .effective_from
            .map_or("…".to_string(), |d| d.to_string());
        let until = rule
            .effective_until
            .map_or("…".to_string(), |d| d.to_string());
        line(label("生效期間", "in force"), format!("{from} – {until}"));
    }
    for name in &rule.readings {
        let text = plan
            .readings
            .iter()
            .find(|r| &r.name == name)
            .map(|r| r.text.clone())
            .unwrap_or_default();
        line(label("解讀", "reading"), format!("{name}: {text}"));
    }
    if let Some(message) = Rule::text_in(&rule.messages, language) {
        line(
            label("訊息", "message"),
            template_source(plan, rule, message),
        );
    }
    if let Some(help) = Rule::text_in(&rule.helps, language) {
        line(
            label("如何符合", "how to comply"),
            template_source(plan, rule, help),
        );
    }
    for doc in &rule.doc {
        line(label("說明", "note"), doc.clone());
    }
    out
}
