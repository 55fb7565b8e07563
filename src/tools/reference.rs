//! `planlint rules reference`: the submission reference an applicant reads, generated from the
//! plan's schema: one section per document kind, a row per field with its Chinese label, type,
//! the spellings it accepts and an example.

use crate::base::fold::fold;
use crate::base::identifier::Standard;
use crate::model::{IdentifierRule, Plan, RecordId, Type};
use crate::words::Language;
use std::collections::BTreeSet;

/// The reference as Markdown.
pub fn markdown(plan: &Plan) -> String {
    let mut out = String::new();
    for (id, kind) in plan.document_kinds() {
        let label = zh(kind.label.as_deref().unwrap_or(&kind.name));
        out.push_str(&format!("### `kind: {}` — {label}\n\n", kind.name));
        out.push_str("| field | 中文标签 | type | required | accepted | example |\n");
        out.push_str("|---|---|---|---|---|---|\n");
        fields(plan, id, "", &mut out, 0);
        out.push('\n');
    }
    out.push_str(&shared_types(plan));
    out
}

/// Labels are written in Traditional in the rules; applicants read Simplified.
fn zh(text: &str) -> String {
    Language::ZhHans.script(text).into_owned()
}

/// A Markdown table cell: pipes escaped, line breaks flattened.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn fields(plan: &Plan, record: RecordId, prefix: &str, out: &mut String, depth: usize) {
    // Records nest a few levels at most; a cycle of records would otherwise never end.
    if depth > 8 {
        return;
    }
    for field in &plan.records[record].fields {
        let path = format!("{prefix}{}", field.name);
        let label = zh(field.label.as_deref().unwrap_or(""));
        let required = if field.optional { "no" } else { "yes" };
        let (shown_path, inner) = match &field.ty {
            Type::List(inner) => (format!("{path}[]"), inner.as_ref()),
            other => (path.clone(), other),
        };
        out.push_str(&format!(
            "| `{shown_path}` | {} | {} | {required} | {} | {} |\n",
            cell(&label),
            cell(&type_name(plan, &field.ty)),
            cell(&accepted(plan, inner)),
            cell(&example(plan, inner)),
        ));
        if let Type::Record(nested) = inner {
            fields(plan, *nested, &format!("{shown_path}."), out, depth + 1);
        }
    }
}

fn type_name(plan: &Plan, ty: &Type) -> String {
    match ty {
        Type::Bool => "yes/no".to_string(),
        Type::Integer => "whole number".to_string(),
        Type::Decimal => "number".to_string(),
        Type::Percent => "percentage".to_string(),
        Type::Text => "text".to_string(),
        Type::Date => "date".to_string(),
        Type::Quantity(d) => {
            let dimension = &plan.dimensions[*d];
            format!(
                "quantity: {}",
                zh(dimension.label.as_deref().unwrap_or(&dimension.name))
            )
        }
        Type::Enum(e) => format!("one of `{}`", plan.enums[*e].name),
        Type::Identifier(i) => format!("code `{}`", plan.identifiers[*i].name),
        Type::Record(r) => format!("record `{}`", plan.records[*r].name),
        Type::List(inner) => format!("list of {}", type_name(plan, inner)),
        Type::Error => "?".to_string(),
    }
}

/// The spellings a field accepts, in the words of `docs/submissions.md`.
fn accepted(plan: &Plan, ty: &Type) -> String {
    match ty {
        Type::Bool => "`true`/`false`, `是`/`否`, `有`/`无` (quoted or not)".to_string(),
        Type::Integer => "digits, full-width digits".to_string(),
        Type::Decimal => "a number".to_string(),
        Type::Percent => "`87%`, `87％`".to_string(),
        Type::Text => "any text".to_string(),
        Type::Date => "`2025-06-01`, `2025.6.1`, `2025/6/1`, `2025年6月1日`".to_string(),
        Type::Quantity(d) => plan.dimensions[*d]
            .units
            .iter()
            .map(|&u| {
                let spellings = spellings_of_unit(plan, u);
                format!("{} ({})", zh(plan.units[u].display()), spellings.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Type::Enum(e) => format!(
            "see [`{}`](#enum-{})",
            plan.enums[*e].name, plan.enums[*e].name
        ),
        Type::Identifier(i) => match &plan.identifiers[*i].check {
            IdentifierRule::Standard(standard) => format!("as {} writes it", standard.name()),
            IdentifierRule::Patterns(patterns) => patterns
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", "),
        },
        Type::Record(_) => "a mapping of the fields below".to_string(),
        Type::List(_) => "a list; `[]` says there is none".to_string(),
        Type::Error => String::new(),
    }
}

/// Every spelling of a unit, folded as the checker compares them (Simplified, half-width).
fn spellings_of_unit(plan: &Plan, unit: usize) -> Vec<String> {
    let spellings: BTreeSet<String> = plan
        .unit_lookup
        .iter()
        .filter(|(_, units)| units.contains(&unit))
        .map(|(spelling, _)| format!("`{spelling}`"))
        .collect();
    spellings.into_iter().collect()
}

fn example(plan: &Plan, ty: &Type) -> String {
    match ty {
        Type::Bool => "`是`".to_string(),
        Type::Integer => "`12`".to_string(),
        Type::Decimal => "`1.5`".to_string(),
        Type::Percent => "`87%`".to_string(),
        Type::Text => String::new(),
        Type::Date => "`2025年6月1日`".to_string(),
        Type::Quantity(d) => plan.dimensions[*d]
            .units
            .first()
            .map(|&u| format!("`35{}`", zh(plan.units[u].display())))
            .unwrap_or_default(),
        Type::Enum(e) => plan.enums[*e]
            .values
            .first()
            .map(|v| format!("`{}`", zh(v.label.as_deref().unwrap_or(&v.name))))
            .unwrap_or_default(),
        Type::Identifier(i) => match &plan.identifiers[*i].check {
            IdentifierRule::Standard(standard) => format!("`{}`", standard_example(*standard)),
            IdentifierRule::Patterns(_) => String::new(),
        },
        Type::Record(_) | Type::List(_) | Type::Error => String::new(),
    }
}

/// A well-formed code of each standard (the published examples of GB 32100 and HJ 608).
fn standard_example(standard: Standard) -> &'static str {
    match standard {
        Standard::Gb32100 => "91130200699229617X",
        Standard::Hj608 => "91130200699229617X001P",
        Standard::Gbt4754 => "C3011",
        Standard::Gbt2260 => "421000",
    }
}

/// The enums and codes the tables refer to, each with its values and what each accepts.
fn shared_types(plan: &Plan) -> String {
    let mut out = String::from("### Values of the enums\n\n");
    for e in &plan.enums {
        out.push_str(&format!("<a id=\"enum-{}\"></a>**`{}`**: ", e.name, e.name));
        let values: Vec<String> = e
            .values
            .iter()
            .enumerate()
            .map(|(position, v)| {
                let label = zh(v.label.as_deref().unwrap_or(&v.name));
                let mut others: Vec<&str> = e
                    .lookup
                    .iter()
                    .filter(|(spelling, p)| {
                        **p == position && **spelling != fold(&label) && **spelling != fold(&v.name)
                    })
                    .map(|(spelling, _)| spelling.as_str())
                    .collect();
                others.sort_unstable();
                if others.is_empty() {
                    format!("`{label}`")
                } else {
                    format!("`{label}` (also {})", others.join(", "))
                }
            })
            .collect();
        out.push_str(&cell(&values.join("; ")));
        out.push_str("\n\n");
    }
    if !plan.identifiers.is_empty() {
        out.push_str("### Codes\n\n| code | 中文 | checked by | what it is |\n|---|---|---|---|\n");
        for identifier in &plan.identifiers {
            let check = match &identifier.check {
                IdentifierRule::Standard(standard) => standard.name().to_string(),
                IdentifierRule::Patterns(patterns) => patterns
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                identifier.name,
                cell(&zh(identifier.label.as_deref().unwrap_or(""))),
                cell(&check),
                cell(&identifier.doc.join(" ")),
            ));
        }
        out.push('\n');
    }
    out
}
