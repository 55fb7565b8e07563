//! YAML trees to typed documents of the kinds the rules declare, reporting every problem.
//!
//! In: a file's bytes (`yaml` decodes and parses them into spanned trees). Out: per document, a
//! typed `Document` whose every value keeps its span and JSON pointer, or its problems.
//!
//! Scalars are read by the field's declared type: quantities with their units, dates in both
//! notations, enum values by name, Chinese label or alias in either script.

pub(crate) mod yaml;

use crate::base::date::Date;
use crate::base::fold::{fold, half_width};
use crate::base::identifier::{self, Flaw};
use crate::base::number::Number;
use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Field, IdentifierId, IdentifierRule, Plan, RecordId, Type};
use crate::submission::yaml::{Node as YamlNode, NodeKind};
use crate::words::{Said, Word};
use std::sync::Arc;

/// A validated value with where it came from.
#[derive(Clone, Debug)]
pub struct Node {
    pub span: Span,
    /// The JSON pointer of the value in its document, e.g. `/boilers/0/capacity`.
    pub pointer: Arc<str>,
    pub value: Value,
}

#[derive(Clone, Debug)]
pub enum Value {
    Bool(bool),
    Number(Number),
    /// A percentage as a fraction: `87%` is 0.87.
    Percent(Number),
    /// `base` is in the dimension's base unit; `unit` is the one written (the amount as written
    /// is `base` divided by the unit's factor, exactly).
    Quantity {
        base: Number,
        unit: usize,
    },
    Text(String),
    Date(Date),
    /// A value of an enum: the enum and the value's position in it.
    Enum {
        ty: usize,
        value: usize,
    },
    Record(Record),
    List(Vec<Node>),
}

#[derive(Clone, Debug)]
pub struct Record {
    pub ty: RecordId,
    /// One slot per declared field; `None` where the submission does not give it, or gives a
    /// value that was refused.
    pub fields: Vec<Option<Node>>,
    /// Fields whose value was refused (reported as an error), with where the value is: a rule
    /// that needs one says so, and points at it.
    pub refused: Vec<(usize, Span)>,
}

/// A reason given for an exception to an `in principle` rule.
#[derive(Clone, Debug)]
pub struct Justification {
    pub rule: String,
    pub rule_span: Span,
    pub reason: String,
    pub approval: Option<String>,
}

/// A submission document that passed validation.
#[derive(Clone, Debug)]
pub struct Document {
    pub kind: RecordId,
    pub root: Node,
    pub kind_span: Span,
    /// The document's own date, from the field its kind is `dated by`.
    pub date: Option<Date>,
    pub justifications: Vec<Justification>,
}

impl Document {
    pub fn record(&self) -> &Record {
        match &self.root.value {
            Value::Record(r) => r,
            // The root is always built as a record; an empty one stands in defensively.
            _ => &EMPTY_RECORD,
        }
    }
}

static EMPTY_RECORD: Record = Record {
    ty: 0,
    fields: Vec::new(),
    refused: Vec::new(),
};

const RESERVED: [&str; 3] = ["kind", "plan", "justifications"];

/// Validates one YAML document against the plan's schema.
/// Validates one document: its problems, and the document itself unless it cannot be checked
/// at all (not a mapping, no known kind). A value that is refused, an unknown key or a missing
/// field is a problem, and the document is still checked without it.
pub fn validate(
    plan: &Plan,
    file: &SourceFile,
    root: &YamlNode,
) -> (Option<Document>, Vec<Diagnostic>) {
    let mut v = Validator {
        plan,
        file,
        errors: Vec::new(),
    };
    let document = v.document(root);
    (document, v.errors)
}

struct Validator<'a> {
    plan: &'a Plan,
    file: &'a SourceFile,
    errors: Vec<Diagnostic>,
}

fn scalar_text(node: &YamlNode) -> Option<&str> {
    match &node.kind {
        NodeKind::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

/// The pointer of a member of the value at `pointer`, its segment escaped as RFC 6901 wants.
/// Built by hand: it is made for every value of every submission.
fn child_pointer(pointer: &str, key: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + key.len() + 1);
    out.push_str(pointer);
    out.push('/');
    if key.contains(['~', '/']) {
        out.push_str(&key.replace('~', "~0").replace('/', "~1"));
    } else {
        out.push_str(key);
    }
    out
}

/// The pointer of a list's item.
fn item_pointer(pointer: &str, index: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = index;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(pointer.len() + 1 + digits.len() - at);
    out.push_str(pointer);
    out.push('/');
    out.extend(digits[at..].iter().map(|&d| d as char));
    out
}

impl Validator<'_> {
    /// Reports a problem whose texts are words of the tool's table, so the report can write them
    /// in the reader's language.
    fn error_said(&mut self, code: Code, message: Said, span: Span, label: Said, help: Said) {
        self.errors.push(
            Diagnostic::said(code, message)
                .in_file(self.file)
                .at_said(span, label)
                .help_said(help),
        );
    }

    /// Gives the problem just reported the JSON pointer of the value it is about.
    fn point_last(&mut self, pointer: &str) {
        if let Some(problem) = self.errors.last_mut() {
            problem.pointer = Some(pointer.to_string());
        }
    }

    /// A field named for a submitter: its path as people read it and its Chinese label.
    fn field_named(&self, pointer: &str, label: Option<&str>) -> Said {
        let path = crate::eval::dotted(pointer);
        match label {
            Some(label) => Said::new(Word::FieldWithLabel)
                .with("path", path)
                .with_plan("label", label),
            None => Said::new(Word::FieldWithoutLabel).with("path", path),
        }
    }

    /// A whole document: its kind, its plan, its justifications and its fields.
    fn document(&mut self, root: &YamlNode) -> Option<Document> {
        let NodeKind::Mapping(entries) = &root.kind else {
            let found = root.kind.describe();
            self.error_said(
                Code::SubmissionNotAMapping,
                Said::new(Word::SubmissionNotAMapping).with_said("found", found),
                root.span,
                Said::new(Word::SubmissionNotAMappingLabel),
                Said::new(Word::SubmissionNotAMappingHelp),
            );
            return None;
        };
        let find = |name: &str| entries.iter().find(|(k, _)| scalar_text(k) == Some(name));
        let (kind, kind_key, kind_value) = self.document_kind(root, entries)?;
        self.check_plan_id(find("plan").map(|(_, v)| v), kind_key);
        let justifications = match find("justifications") {
            Some((_, value)) => self.justifications(value),
            None => Vec::new(),
        };
        let record = self.record(kind, root, "", true)?;
        let date = self.plan.records[kind]
            .dated_by
            .and_then(|f| match record.fields.get(f) {
                Some(Some(Node {
                    value: Value::Date(d),
                    ..
                })) => Some(*d),
                _ => None,
            });
        Some(Document {
            kind,
            root: Node {
                span: root.span,
                pointer: Arc::from(""),
                value: Value::Record(record),
            },
            kind_span: kind_value.span,
            date,
            justifications,
        })
    }

    /// The document's declared kind, by name or Chinese label, with its key and value.
    fn document_kind<'n>(
        &mut self,
        root: &YamlNode,
        entries: &'n [(YamlNode, YamlNode)],
    ) -> Option<(RecordId, &'n YamlNode, &'n YamlNode)> {
        let kinds: Vec<String> = self
            .plan
            .document_kinds()
            .map(|(_, r)| r.name.clone())
            .collect();
        let kind_names: Vec<&str> = kinds.iter().map(String::as_str).collect();
        let kind_entry = entries.iter().find(|(k, _)| scalar_text(k) == Some("kind"));
        let Some((kind_key, kind_value)) = kind_entry else {
            let first = entries.first().map_or(root.span, |(k, _)| k.span);
            self.error_said(
                Code::SubmissionMissingKind,
                Said::new(Word::MissingKind),
                first,
                Said::new(Word::InThisDocument),
                Said::new(Word::MissingKindHelp).with_plan_list("kinds", &kind_names),
            );
            return None;
        };
        let kind_text = scalar_text(kind_value).unwrap_or("");
        let kind = self
            .plan
            .document_kinds()
            .find(|(_, r)| {
                r.name == kind_text
                    || r.label
                        .as_deref()
                        .is_some_and(|l| fold(l) == fold(kind_text))
            })
            .map(|(i, _)| i);
        let Some(kind) = kind else {
            let help = match crate::base::suggest::closest(kind_text, kind_names.iter().copied()) {
                Some(best) => Said::new(Word::UnknownKindSuggestion)
                    .with("best", best)
                    .with_plan_list("kinds", &kind_names),
                None => Said::new(Word::KindsDeclared).with_plan_list("kinds", &kind_names),
            };
            self.error_said(
                Code::SubmissionUnknownKind,
                Said::new(Word::UnknownKind).with("kind", kind_text),
                kind_value.span,
                Said::new(Word::UnknownKindLabel),
                help,
            );
            return None;
        };
        Some((kind, kind_key, kind_value))
    }

    /// The `plan:` a document names must be the plan it is checked against.
    fn check_plan_id(&mut self, plan: Option<&YamlNode>, kind_key: &YamlNode) {
        match plan {
            None => {
                let plan_id = &self.plan.header.id;
                let help = Said::new(Word::MissingPlanHelp).with("plan", plan_id);
                self.error_said(
                    Code::SubmissionMissingPlan,
                    Said::new(Word::MissingPlan),
                    kind_key.span,
                    Said::new(Word::InThisDocument),
                    help,
                );
            }
            Some(value) => {
                let given = scalar_text(value).unwrap_or("");
                if given != self.plan.header.id {
                    let plan_id = self.plan.header.id.clone();
                    self.error_said(
                        Code::SubmissionWrongPlan,
                        Said::new(Word::WrongPlan)
                            .with("given", given)
                            .with("plan", &plan_id),
                        value.span,
                        Said::new(Word::WrongPlanLabel),
                        Said::new(Word::WrongPlanHelp).with("plan", &plan_id),
                    );
                }
            }
        }
    }

    fn justifications(&mut self, node: &YamlNode) -> Vec<Justification> {
        let NodeKind::Sequence(items) = &node.kind else {
            self.error_said(
                Code::SubmissionTypeMismatch,
                Said::new(Word::JustificationsNotList).with_said("found", node.kind.describe()),
                node.span,
                Said::new(Word::NotListLabel),
                Said::new(Word::JustificationsHelp),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let NodeKind::Mapping(entries) = &item.kind else {
                self.error_said(
                    Code::SubmissionTypeMismatch,
                    Said::new(Word::JustificationNotMapping),
                    item.span,
                    Said::new(Word::NotMappingLabel),
                    Said::new(Word::JustificationsHelp),
                );
                continue;
            };
            let mut rule = None;
            let mut reason = None;
            let mut approval = None;
            for (key, value) in entries {
                let key_name = scalar_text(key).unwrap_or("");
                let text = scalar_text(value).map(str::to_string);
                match key_name {
                    "rule" => rule = text.map(|t| (t, value.span)),
                    "reason" => reason = text,
                    "approval" => approval = text,
                    other => {
                        let keys = ["rule", "reason", "approval"];
                        let help = match crate::base::suggest::closest(other, keys) {
                            Some(best) => Said::new(Word::DidYouMean).with("best", best),
                            None => Said::new(Word::FieldsDeclared).with_plan_list("names", &keys),
                        };
                        self.error_said(
                            Code::SubmissionUnknownField,
                            Said::new(Word::JustificationUnknownKey).with("key", other),
                            key.span,
                            Said::new(Word::UnknownFieldLabel),
                            help,
                        );
                    }
                }
            }
            match (rule, reason) {
                (Some((rule, rule_span)), Some(reason)) if !reason.trim().is_empty() => {
                    out.push(Justification {
                        rule,
                        rule_span,
                        reason,
                        approval,
                    })
                }
                (None, _) => self.error_said(
                    Code::SubmissionMissingField,
                    Said::new(Word::JustificationNoRule),
                    item.span,
                    Said::new(Word::InThisJustification),
                    Said::new(Word::JustificationNoRuleHelp),
                ),
                (Some(_), _) => self.error_said(
                    Code::SubmissionMissingField,
                    Said::new(Word::JustificationNoReason),
                    item.span,
                    Said::new(Word::InThisJustification),
                    Said::new(Word::JustificationNoReasonHelp),
                ),
            }
        }
        out
    }

    fn record(
        &mut self,
        ty: RecordId,
        node: &YamlNode,
        pointer: &str,
        is_root: bool,
    ) -> Option<Record> {
        let NodeKind::Mapping(entries) = &node.kind else {
            let name = self.plan.records[ty].name.clone();
            self.error_said(
                Code::SubmissionTypeMismatch,
                Said::new(Word::NotFieldMapping)
                    .with("record", name)
                    .with_said("found", node.kind.describe()),
                node.span,
                Said::new(Word::NotFieldMappingLabel),
                Said::new(Word::NotFieldMappingHelp),
            );
            self.point_last(pointer);
            return None;
        };
        let declared = &self.plan.records[ty];
        let mut fields: Vec<Option<Node>> = vec![None; declared.fields.len()];
        let mut refused = Vec::new();
        let mut misspelt: Vec<String> = Vec::new();
        let mut hint = 0;
        for (key, value) in entries {
            let key_name = scalar_text(key).unwrap_or("");
            if is_root && RESERVED.contains(&key_name) {
                continue;
            }
            // An unknown key is reported and otherwise ignored: the rest is still checked.
            let Some(index) = self.find_field(ty, key, pointer, is_root, &mut misspelt, hint)
            else {
                continue;
            };
            hint = index + 1;
            let field = &declared.fields[index];
            let child_pointer = child_pointer(pointer, &field.name);
            if matches!(value.kind, NodeKind::Null) {
                if !field.optional {
                    let named = self.field_named(&child_pointer, field.label.as_deref());
                    self.error_said(
                        Code::SubmissionMissingField,
                        Said::new(Word::EmptyRequiredField).with_said("field", named),
                        key.span,
                        Said::new(Word::EmptyRequiredFieldLabel),
                        Said::new(Word::EmptyRequiredFieldHelp)
                            .with("name", &field.name)
                            .with_said("expected", self.expected(&field.ty)),
                    );
                    self.point_last(&child_pointer);
                }
                continue;
            }
            // A refused value is reported and the field treated as not given, so that a rule
            // that needs it says so and the others still decide.
            match self.value(&field.ty, value, &child_pointer, field.label.as_deref()) {
                Some(v) => fields[index] = Some(v),
                None => refused.push((index, value.span)),
            }
        }
        self.report_missing_fields(ty, node, pointer, entries, &fields, &misspelt, is_root);
        Some(Record {
            ty,
            fields,
            refused,
        })
    }

    /// The declared field a key names, by name or by its Chinese label; an unknown key is
    /// reported with the closest field, which is remembered so it is not also called missing.
    fn find_field(
        &mut self,
        ty: RecordId,
        key: &YamlNode,
        pointer: &str,
        is_root: bool,
        misspelt: &mut Vec<String>,
        hint: usize,
    ) -> Option<usize> {
        let declared = &self.plan.records[ty];
        let key_name = scalar_text(key).unwrap_or("");
        // Keys mostly come in the order the fields are declared: try the one after the last.
        if declared
            .fields
            .get(hint)
            .is_some_and(|f| f.name == key_name)
        {
            return Some(hint);
        }
        let found = declared.field(key_name).or_else(|| {
            declared.fields.iter().position(|f| {
                f.label
                    .as_deref()
                    .is_some_and(|l| fold(l) == fold(key_name))
            })
        });
        if found.is_some() {
            return found;
        }
        let mut names: Vec<&str> = declared.fields.iter().map(|f| f.name.as_str()).collect();
        if is_root {
            names.extend(RESERVED);
        }
        let help = match crate::base::suggest::closest(key_name, names.iter().copied()) {
            Some(meant) => {
                misspelt.push(meant.to_string());
                Said::new(Word::DidYouMean).with("best", meant)
            }
            None => Said::new(Word::FieldsDeclared).with_plan_list("names", &names),
        };
        let message = Said::new(Word::UnknownField)
            .with("record", &declared.name)
            .with("key", key_name);
        self.error_said(
            Code::SubmissionUnknownField,
            message,
            key.span,
            Said::new(Word::UnknownFieldLabel),
            help,
        );
        self.point_last(&child_pointer(pointer, key_name));
        None
    }

    /// Reports the required fields a mapping does not give; whether there were any.
    #[allow(clippy::too_many_arguments)]
    fn report_missing_fields(
        &mut self,
        ty: RecordId,
        node: &YamlNode,
        pointer: &str,
        entries: &[(YamlNode, YamlNode)],
        fields: &[Option<Node>],
        misspelt: &[String],
        is_root: bool,
    ) -> bool {
        let declared = &self.plan.records[ty];
        let missing: Vec<&Field> = declared
            .fields
            .iter()
            .zip(fields)
            .filter(|(f, v)| !f.optional && v.is_none())
            .map(|(f, _)| f)
            .collect();
        let anchor = if is_root {
            entries.first().map_or(node.span, |(k, _)| k.span)
        } else {
            node.span
        };
        let mut missing_present = false;
        for field in missing {
            // A field given but invalid, or given under a misspelt key (whose error suggests this
            // field), was reported already; only report the ones truly absent.
            if entries
                .iter()
                .any(|(k, _)| scalar_text(k) == Some(field.name.as_str()))
                || misspelt.contains(&field.name)
            {
                continue;
            }
            missing_present = true;
            let field_pointer = child_pointer(pointer, &field.name);
            let named = self.field_named(&field_pointer, field.label.as_deref());
            let message = Said::new(Word::MissingRequiredField)
                .with("record", &declared.name)
                .with_said("field", named);
            self.errors.push(
                Diagnostic::said(Code::SubmissionMissingField, message)
                    .pointing(&field_pointer)
                    .in_file(self.file)
                    .at_said(
                        anchor,
                        Said::new(Word::MissingRequiredFieldLabel).with("name", &field.name),
                    )
                    .help_said(
                        Said::new(Word::MissingRequiredFieldHelp)
                            .with("name", &field.name)
                            .with_said("expected", self.expected(&field.ty)),
                    ),
            );
        }
        missing_present
    }

    /// What a value of the type looks like, in words a submitter knows, for help lines.
    fn expected(&self, ty: &Type) -> Said {
        match ty {
            Type::Bool => Said::new(Word::ExpectBoolean),
            Type::Integer => Said::new(Word::ExpectWholeNumber),
            Type::Decimal => Said::new(Word::ExpectNumber),
            Type::Percent => Said::new(Word::ExpectPercentage),
            Type::Text => Said::new(Word::ExpectText),
            Type::Identifier(i) => {
                let identifier = &self.plan.identifiers[*i];
                let label = identifier.label.as_deref().unwrap_or(&identifier.name);
                match &identifier.check {
                    IdentifierRule::Standard(standard) => Said::new(Word::ExpectStandardCode)
                        .with_plan("label", label)
                        .with("standard", standard.name()),
                    IdentifierRule::Patterns(patterns) => {
                        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
                        Said::new(Word::ExpectPatternCode)
                            .with_plan("label", label)
                            .with_plan_list("patterns", &patterns)
                    }
                }
            }
            Type::Date => Said::new(Word::ExpectDate),
            Type::Quantity(d) => {
                let units: Vec<String> = self.plan.dimensions[*d]
                    .units
                    .iter()
                    .map(|u| self.plan.units[*u].display().to_string())
                    .collect();
                let units: Vec<&str> = units.iter().map(String::as_str).collect();
                Said::new(Word::ExpectQuantity).with_plan_list("units", &units)
            }
            Type::Enum(e) => {
                let values: Vec<&str> = self.plan.enums[*e]
                    .values
                    .iter()
                    .map(|v| v.label.as_deref().unwrap_or(&v.name))
                    .collect();
                Said::new(Word::ExpectOneOf).with_plan_list("values", &values)
            }
            Type::Record(r) => {
                Said::new(Word::ExpectRecord).with("record", &self.plan.records[*r].name)
            }
            Type::List(inner) => {
                Said::new(Word::ExpectList).with_said("item", self.expected(inner))
            }
            Type::Error => Said::new(Word::ExpectValue),
        }
    }

    /// One value of a field, by the field's declared type; `label` is the field's Chinese label,
    /// which every error about the value names beside its path.
    fn value(
        &mut self,
        ty: &Type,
        node: &YamlNode,
        pointer: &str,
        label: Option<&str>,
    ) -> Option<Node> {
        let make = |value| {
            Some(Node {
                span: node.span,
                pointer: Arc::from(pointer),
                value,
            })
        };
        match ty {
            Type::Record(r) => self
                .record(*r, node, pointer, false)
                .map(Value::Record)
                .and_then(make),
            Type::List(inner) => {
                let NodeKind::Sequence(items) = &node.kind else {
                    let named = self.field_named(pointer, label);
                    self.error_said(
                        Code::SubmissionTypeMismatch,
                        Said::new(Word::NotList)
                            .with_said("field", named)
                            .with_said("found", node.kind.describe()),
                        node.span,
                        Said::new(Word::NotListLabel),
                        Said::new(Word::NotListHelp).with_said("item", self.expected(inner)),
                    );
                    self.point_last(pointer);
                    return None;
                };
                // A list with a refused item is refused whole: a rule over the list must not
                // decide from the items that happened to be readable.
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match self.value(inner, item, &item_pointer(pointer, i), label) {
                        Some(v) => out.push(v),
                        None => ok = false,
                    }
                }
                if ok { make(Value::List(out)) } else { None }
            }
            _ => {
                let NodeKind::Scalar { text, quoted } = &node.kind else {
                    let named = self.field_named(pointer, label);
                    let expected = self.expected(ty);
                    self.error_said(
                        Code::SubmissionTypeMismatch,
                        Said::new(Word::WrongShape)
                            .with_said("field", named)
                            .with_said("expected", expected.clone())
                            .with_said("found", node.kind.describe()),
                        node.span,
                        Said::new(Word::WrongShapeLabel),
                        Said::new(Word::WrongShapeHelp).with_said("expected", expected),
                    );
                    self.point_last(pointer);
                    return None;
                };
                match self.scalar(ty, text, *quoted) {
                    Ok(value) => make(value),
                    Err(refusal) => {
                        let named = self.field_named(pointer, label);
                        let message = refusal.message.with_said("field", named);
                        self.error_said(
                            refusal.code,
                            message,
                            node.span,
                            Said::new(Word::ValueHere),
                            refusal.help,
                        );
                        self.point_last(pointer);
                        None
                    }
                }
            }
        }
    }

    /// Reads a scalar by the field's declared type, accepting the spellings people write.
    ///
    /// It is long because it is one arm per scalar type, each with the spellings it accepts.
    fn scalar(&self, ty: &Type, raw: &str, quoted: bool) -> Result<Value, Refusal> {
        let trimmed = raw.trim();
        // Full-width forms are rare; most scalars are read without a copy.
        let text: std::borrow::Cow<str> = if trimmed.chars().any(|c| half_width(c) != c) {
            trimmed.chars().map(half_width).collect::<String>().into()
        } else {
            trimmed.into()
        };
        let write = || Said::new(Word::WriteExpected).with_said("expected", self.expected(ty));
        let refused = |code: Code, word: Word| Refusal {
            code,
            message: Said::new(word).with("raw", raw),
            help: write(),
        };
        match ty {
            Type::Text => Ok(Value::Text(raw.to_string())),
            Type::Identifier(i) => self.identifier(*i, raw).map_err(|message| Refusal {
                code: Code::SubmissionInvalidIdentifier,
                message,
                help: write(),
            }),
            Type::Bool => {
                // Form exporters quote their answers: a quoted `"是"` is the same answer.
                let answer = text.trim_matches(['"', '\'']);
                let _ = quoted;
                match answer {
                    "true" | "True" | "TRUE" | "是" | "有" => Ok(Value::Bool(true)),
                    "false" | "False" | "FALSE" | "否" | "无" | "無" | "没有" | "沒有" => {
                        Ok(Value::Bool(false))
                    }
                    t if ["yes", "no", "on", "off", "y", "n"]
                        .contains(&t.to_lowercase().as_str()) =>
                    {
                        Err(Refusal {
                            code: Code::SubmissionAmbiguousBoolean,
                            message: Said::new(Word::AmbiguousBoolean).with("raw", raw),
                            help: Said::new(Word::AmbiguousBooleanHelp).with("raw", raw),
                        })
                    }
                    _ => Err(refused(Code::SubmissionTypeMismatch, Word::NotBoolean)),
                }
            }
            Type::Integer | Type::Decimal => {
                let number = parse_number(&text).map_err(|why| {
                    let mut refusal = refused(Code::SubmissionTypeMismatch, Word::NotNumber);
                    refusal.message = refusal.message.with_said("why", Said::new(why));
                    refusal
                })?;
                if *ty == Type::Integer && !number.is_integer() {
                    return Err(refused(Code::SubmissionTypeMismatch, Word::NotWholeNumber));
                }
                Ok(Value::Number(number))
            }
            Type::Percent => {
                let digits = text.strip_suffix('%').unwrap_or(&text).trim();
                let number = parse_number(digits).map_err(|why| {
                    let mut refusal = refused(Code::SubmissionTypeMismatch, Word::NotPercentage);
                    refusal.message = refusal.message.with_said("why", Said::new(why));
                    refusal
                })?;
                Ok(Value::Percent(
                    number
                        .checked_div(Number::from_int(100))
                        .unwrap_or(Number::ZERO),
                ))
            }
            Type::Date => Date::parse(&text).map(Value::Date).ok_or_else(|| Refusal {
                code: Code::SubmissionInvalidDate,
                message: Said::new(Word::NotDate).with("raw", raw),
                help: Said::new(Word::NotDateHelp),
            }),
            Type::Quantity(dimension) => self.quantity(*dimension, raw, &text),
            Type::Enum(e) => {
                let declared = &self.plan.enums[*e];
                let found = declared.lookup.get(&fold(&text)).copied();
                found
                    .map(|value| Value::Enum { ty: *e, value })
                    .ok_or_else(|| {
                        let spellings: Vec<&str> = declared
                            .values
                            .iter()
                            .flat_map(|v| {
                                std::iter::once(v.name.as_str()).chain(v.label.as_deref())
                            })
                            .collect();
                        let labels: Vec<&str> = declared
                            .values
                            .iter()
                            .map(|v| v.label.as_deref().unwrap_or(&v.name))
                            .collect();
                        let help =
                            match crate::base::suggest::closest(&text, spellings.iter().copied()) {
                                Some(best) => Said::new(Word::EnumSuggestion)
                                    .with_plan("best", best)
                                    .with_plan_list("values", &labels),
                                None => write(),
                            };
                        Refusal {
                            code: Code::SubmissionUnknownEnumValue,
                            message: Said::new(Word::NotEnumValue).with("raw", raw),
                            help,
                        }
                    })
            }
            Type::Record(_) | Type::List(_) | Type::Error => Err(Refusal {
                code: Code::SubmissionTypeMismatch,
                message: Said::new(Word::NotSingleValue)
                    .with("raw", raw)
                    .with_said("expected", self.expected(ty)),
                help: write(),
            }),
        }
    }

    /// A code checked by its standard or the plan's patterns; kept as written, since the
    /// standards' normal form (no spaces, capitals) is for checking, not for showing.
    fn identifier(&self, id: IdentifierId, raw: &str) -> Result<Value, Said> {
        let identifier = &self.plan.identifiers[id];
        let label = identifier.label.as_deref().unwrap_or(&identifier.name);
        let said = |word: Word| Said::new(word).with("raw", raw).with_plan("label", label);
        match &identifier.check {
            IdentifierRule::Standard(standard) => match identifier::check(*standard, raw) {
                Ok(()) => Ok(Value::Text(raw.to_string())),
                Err(Flaw::Length { found, expected }) => Err(said(Word::IdentifierLength)
                    .with("found", found)
                    .with("expected", expected)),
                Err(Flaw::Character {
                    position,
                    found,
                    allowed,
                }) => Err(said(Word::IdentifierCharacter)
                    .with("position", position)
                    .with("found", found)
                    .with("allowed", allowed)),
                Err(Flaw::Check {
                    position,
                    found,
                    expected,
                }) => Err(said(Word::IdentifierCheck)
                    .with("position", position)
                    .with("found", found)
                    .with("expected", expected)),
                Err(Flaw::Division { from, to, found }) => Err(said(Word::IdentifierDivision)
                    .with("from", from)
                    .with("to", to)
                    .with("found", found)
                    .with("standard", standard.name())),
                Err(Flaw::Section {
                    found,
                    division,
                    expected,
                }) => Err(said(Word::IdentifierSection)
                    .with("found", found)
                    .with("division", division)
                    .with("expected", expected)),
            },
            IdentifierRule::Patterns(patterns) => {
                if patterns.iter().any(|p| identifier::matches_pattern(p, raw)) {
                    Ok(Value::Text(raw.to_string()))
                } else {
                    Err(said(Word::IdentifierPattern))
                }
            }
        }
    }

    fn quantity(&self, dimension: usize, raw: &str, text: &str) -> Result<Value, Refusal> {
        let refused = |code: Code, message: Said| Refusal {
            code,
            message: message.with("raw", raw),
            help: Said::new(Word::WriteExpected)
                .with_said("expected", self.expected(&Type::Quantity(dimension))),
        };
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == ','))
            .unwrap_or(text.len());
        let (number_text, unit_text) = (text[..split].trim(), text[split..].trim());
        if number_text.is_empty() {
            return Err(refused(
                Code::SubmissionInvalidQuantity,
                Said::new(Word::QuantityWithoutNumber),
            ));
        }
        let amount = parse_number(number_text).map_err(|why| {
            refused(
                Code::SubmissionInvalidQuantity,
                Said::new(Word::NotQuantity).with_said("why", Said::new(why)),
            )
        })?;
        if unit_text.is_empty() {
            return Err(refused(
                Code::SubmissionMissingUnit,
                Said::new(Word::QuantityWithoutUnit),
            ));
        }
        // `1e308 t/h`: the number ends at the `e`, and the rest is no unit.
        let mut after_e = unit_text.strip_prefix(['e', 'E']).unwrap_or("").chars();
        let exponent = after_e
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+');
        if exponent {
            return Err(refused(
                Code::SubmissionInvalidQuantity,
                Said::new(Word::NotQuantity).with_said("why", Said::new(Word::ExponentNotation)),
            ));
        }
        let Some(unit) = self.plan.unit_in(dimension, unit_text) else {
            let elsewhere = self.plan.units_spelled(unit_text);
            if elsewhere.is_empty() {
                return Err(refused(
                    Code::SubmissionUnknownUnit,
                    Said::new(Word::UnknownUnit).with("unit", unit_text),
                ));
            }
            // A dimension is named by its label (年運量), not by its name in the rules.
            let name = |d: usize| {
                let dimension = &self.plan.dimensions[d];
                dimension
                    .label
                    .clone()
                    .unwrap_or_else(|| dimension.name.clone())
            };
            let there: Vec<String> = elsewhere
                .iter()
                .map(|&u| name(self.plan.units[u].dimension))
                .collect();
            let there: Vec<&str> = there.iter().map(String::as_str).collect();
            return Err(refused(
                Code::SubmissionDimensionMismatch,
                Said::new(Word::UnitOfOtherDimension)
                    .with("unit", unit_text)
                    .with_plan_list("there", &there)
                    .with_plan("here", name(dimension)),
            ));
        };
        let declared = &self.plan.units[unit];
        let base = amount.checked_mul(declared.to_base).ok_or_else(|| {
            refused(
                Code::SubmissionInvalidQuantity,
                Said::new(Word::QuantityTooLarge),
            )
        })?;
        Ok(Value::Quantity { base, unit })
    }
}

/// Why a value was refused: its code, what is wrong with it (the field is named by the caller)
/// and how to write it.
struct Refusal {
    code: Code,
    message: Said,
    help: Said,
}

/// Reads a number as people write it; refuses YAML 1.1 octal look-alikes and separators.
fn parse_number(text: &str) -> Result<Number, Word> {
    let digits = text.trim_start_matches(['-', '+']);
    if digits.contains(',') || digits.contains('_') {
        return Err(Word::DigitSeparators);
    }
    if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
        return Err(Word::LeadingZero);
    }
    if digits.contains(['e', 'E']) && digits.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(Word::ExponentNotation);
    }
    match Number::parse_decimal(text) {
        Some(number) => Ok(number),
        // Digits that do not fit are too large, not "not digits".
        None if !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
            && digits.matches('.').count() <= 1 =>
        {
            Err(Word::NumberTooLarge)
        }
        None => Err(Word::ExpectedDigits),
    }
}
