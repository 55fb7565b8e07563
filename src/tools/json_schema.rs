//! `planlint schema KIND`: a JSON Schema of a document kind, generated from the plan, so that an
//! editor's YAML language server completes and explains fields while an applicant writes: Chinese
//! labels as titles, the accepted spellings of enums, the units of quantities, the shapes of codes.
//! A key may be the field's name or its label in either script, as the checker accepts.

use crate::base::identifier::Standard;
use crate::model::{IdentifierRule, Plan, RecordId, Type};
use crate::words::Language;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// The schema of a document kind, or `None` when the plan has no kind of that name.
pub fn schema(plan: &Plan, kind: &str) -> Option<Value> {
    let (id, record) = plan.document_kinds().find(|(_, r)| r.name == kind)?;
    let mut root = object(plan, id, 0);
    let properties = root["properties"].as_object_mut()?;
    properties.insert("kind".into(), json!({ "const": kind, "title": "文档种类" }));
    properties.insert(
        "plan".into(),
        json!({ "const": plan.header.id, "title": "方案", "description": plan.header.title }),
    );
    properties.insert(
        "justifications".into(),
        json!({
            "title": "例外说明",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "rule": { "type": "string", "enum": plan.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>() },
                    "reason": { "type": "string" },
                    "approval": { "type": ["string", "number"] },
                },
                "required": ["rule", "reason"],
                "additionalProperties": false,
            },
        }),
    );
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    root["$id"] = json!(format!("planlint:{}:{kind}", plan.header.id));
    root["title"] = json!(shown(record.label.as_deref().unwrap_or(kind)));
    root["description"] = json!(format!("{} — {}", plan.header.title, kind));
    let mut required = root["allOf"].as_array().cloned().unwrap_or_default();
    required.push(json!({ "required": ["kind"] }));
    root["allOf"] = json!(required);
    Some(root)
}

/// Labels are written in Traditional in the rules; applicants read Simplified.
fn shown(text: &str) -> String {
    Language::ZhHans.script(text).into_owned()
}

/// The keys a field may be written as: its name, and its label as written and in both scripts.
fn keys(name: &str, label: Option<&str>) -> Vec<String> {
    let mut keys = vec![name.to_string()];
    if let Some(label) = label {
        for key in [
            label.to_string(),
            shown(label),
            Language::ZhHant.script(label).into_owned(),
        ] {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// A record as an object: every spelling of every field, the required ones required under any of
/// their spellings, nothing else.
fn object(plan: &Plan, record: RecordId, depth: usize) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in &plan.records[record].fields {
        let mut schema = value(plan, &field.ty, depth);
        if let Some(label) = &field.label {
            schema["title"] = json!(shown(label));
        }
        if field.optional {
            schema = json!({ "anyOf": [schema, { "type": "null" }] });
        }
        let spellings = keys(&field.name, field.label.as_deref());
        if !field.optional {
            let any: Vec<Value> = spellings
                .iter()
                .map(|k| json!({ "required": [k] }))
                .collect();
            required.push(json!({ "anyOf": any }));
        }
        for key in spellings {
            properties.insert(key, schema.clone());
        }
    }
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    // `allOf` may not be empty: a record of optional fields has none.
    if !required.is_empty() {
        schema["allOf"] = json!(required);
    }
    schema
}

fn value(plan: &Plan, ty: &Type, depth: usize) -> Value {
    match ty {
        Type::Bool => json!({
            "anyOf": [
                { "type": "boolean" },
                { "enum": ["是", "否", "有", "无", "無", "没有", "沒有", "true", "false", "True", "False", "TRUE", "FALSE"] },
            ],
            "description": "是 / 否",
        }),
        Type::Integer => json!({
            "anyOf": [{ "type": "integer" }, { "type": "string", "pattern": "^[-+]?[0-9０-９]+$" }],
        }),
        Type::Decimal => json!({ "type": ["number", "string"] }),
        Type::Percent => json!({
            "type": ["number", "string"],
            "description": "百分比，如 87%（数字本身就是百分数：0.87 即 0.87%）",
        }),
        Type::Text => json!({ "type": ["string", "number"] }),
        Type::Date => json!({
            "type": "string",
            "description": "日期：2025-06-01、2025.6.1、2025/6/1 或 2025年6月1日",
        }),
        Type::Quantity(d) => {
            let dimension = &plan.dimensions[*d];
            let units: Vec<String> = dimension
                .units
                .iter()
                .map(|&u| shown(plan.units[u].display()))
                .collect();
            json!({
                "type": "string",
                "description": format!(
                    "{}：数字加单位，单位为 {}",
                    shown(dimension.label.as_deref().unwrap_or(&dimension.name)),
                    units.join("、")
                ),
            })
        }
        Type::Enum(e) => {
            let values = &plan.enums[*e].values;
            let mut accepted: BTreeSet<String> = BTreeSet::new();
            let mut numbers: BTreeSet<u64> = BTreeSet::new();
            for v in values {
                let spellings = std::iter::once(&v.name)
                    .chain(v.label.iter())
                    .chain(v.aliases.iter());
                for spelling in spellings {
                    accepted.insert(spelling.clone());
                    accepted.insert(shown(spelling));
                    accepted.insert(Language::ZhHant.script(spelling).into_owned());
                    // A code written bare (`421003`) is a number to a YAML reader.
                    if let Ok(n) = spelling.parse::<u64>() {
                        numbers.insert(n);
                    }
                }
            }
            let labels: Vec<String> = values
                .iter()
                .map(|v| shown(v.label.as_deref().unwrap_or(&v.name)))
                .collect();
            let mut any = vec![json!({ "enum": accepted.into_iter().collect::<Vec<_>>() })];
            if !numbers.is_empty() {
                any.push(json!({ "enum": numbers.into_iter().collect::<Vec<_>>() }));
            }
            json!({ "anyOf": any, "description": labels.join("、") })
        }
        Type::Identifier(i) => {
            let identifier = &plan.identifiers[*i];
            let pattern = match &identifier.check {
                IdentifierRule::Standard(standard) => standard_pattern(*standard).to_string(),
                IdentifierRule::Patterns(patterns) => patterns
                    .iter()
                    .map(|p| format!("^{}$", pattern_regex(p)))
                    .collect::<Vec<_>>()
                    .join("|"),
            };
            json!({
                "anyOf": [{ "type": "string", "pattern": pattern }, { "type": "integer" }],
                "description": shown(identifier.label.as_deref().unwrap_or(&identifier.name)),
            })
        }
        // Records nest a few levels at most; a cycle of records would otherwise never end.
        Type::Record(r) if depth < 8 => object(plan, *r, depth + 1),
        Type::Record(_) => json!({ "type": "object" }),
        Type::List(inner) => json!({ "type": "array", "items": value(plan, inner, depth) }),
        Type::Error => json!({}),
    }
}

/// The shape of a standard's codes as a regular expression (the check characters are the
/// checker's to verify; an editor only needs the shape).
fn standard_pattern(standard: Standard) -> &'static str {
    match standard {
        Standard::Gb32100 => "^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{2}[0-9]{6}[0-9A-Za-z]{10}$",
        Standard::Hj608 => {
            "^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{2}[0-9]{6}[0-9A-Za-z]{10}[0-9]{3}[A-Za-z]$"
        }
        Standard::Gbt4754 => "^[A-Ta-t]?[0-9]{2,4}$",
        Standard::Gbt2260 => "^[0-9]{6}$",
    }
}

/// A plan's pattern (`#` a digit, `@` a capital, `*` one or more of anything) as a regular
/// expression; script variants of a character are the checker's to fold.
fn pattern_regex(pattern: &str) -> String {
    let mut out = String::new();
    for c in pattern.chars() {
        match c {
            '#' => out.push_str("[0-9]"),
            '@' => out.push_str("[A-Z]"),
            '*' => out.push_str(".+"),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => {
                let simplified = shown(&c.to_string());
                if simplified == c.to_string() {
                    out.push(c);
                } else {
                    out.push_str(&format!("[{c}{simplified}]"));
                }
            }
        }
    }
    out
}
