//! Waivers an officer grants: the register read and checked against the plan, and the one place a waiver is matched to a finding and judged in force on the check date.
//!
//! A submitter's `justifications` are a claim and only lower a violation to a review; a waiver
//! is a decision of the approving authority, kept in its own register (`--waivers FILE`, or a
//! field of the API), never in the submission. An entry covers one rule for one subject (a
//! USCC, a project code or a file name) from the day it was granted to its expiry; only rules
//! the plan says `in principle` (原则上) can be waived, unless the entry says `allow_hard: true`
//! and why.

use crate::base::date::Date;
use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Plan, Type};
use crate::submission::yaml::{self, Limits, Node, NodeKind};
use crate::submission::{Document, Value};
use crate::syntax::ast::Modality;
use crate::words::{Said, Word, suggestion};

/// One entry of the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiver {
    pub id: String,
    pub rule: String,
    /// The USCC, project code or file name of the submission it covers.
    pub subject: String,
    /// The approval document's number (文号).
    pub document: String,
    pub granted_by: String,
    pub granted_on: Date,
    pub expires_on: Date,
    pub reason: String,
    /// A rule that is not `in principle` may be waived only when the entry says so, and why.
    pub allow_hard: bool,
    pub hard_reason: Option<String>,
    /// Where the entry is written in the register, for the problems about it.
    pub span: Span,
}

/// The register: its valid entries, the problems of the others, and the file's digest.
#[derive(Clone, Debug, Default)]
pub struct Register {
    pub waivers: Vec<Waiver>,
    pub problems: Vec<Diagnostic>,
    pub source: Option<SourceFile>,
    /// `sha256:…` of the register's bytes, for decision records.
    pub digest: String,
}

/// How a waiver stands to a finding it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// In force on the check date: the finding is `waived`.
    Applied,
    /// Past its expiry on the check date: the finding stands.
    Expired,
    /// Granted after the check date: the finding stands.
    NotYetGranted,
}

/// A waiver as it was matched to a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The entry's position in the register.
    pub index: usize,
    pub waiver: Waiver,
    pub standing: Standing,
}

const FIELDS: [&str; 10] = [
    "id",
    "rule",
    "subject",
    "document",
    "granted_by",
    "granted_on",
    "expires_on",
    "reason",
    "allow_hard",
    "hard_reason",
];

impl Register {
    /// Reads a register (`waivers:` and a list of entries) and checks each entry against the
    /// plan; an entry with a problem is left out and the others kept.
    pub fn read(plan: &crate::Plan, name: &str, bytes: &[u8]) -> Register {
        Register::read_for(&plan.model, name, bytes)
    }

    fn read_for(plan: &Plan, name: &str, bytes: &[u8]) -> Register {
        use sha2::{Digest, Sha256};
        let mut register = Register {
            digest: format!("sha256:{}", crate::compile::hex(&Sha256::digest(bytes))),
            ..Register::default()
        };
        let limits = Limits::default();
        let source = match yaml::decode(name, bytes, &limits) {
            Ok(source) => source,
            Err(problem) => {
                register.problems.push(problem);
                return register;
            }
        };
        let documents = yaml::parse(&source, &limits);
        let root = match documents.into_iter().next() {
            Some(Ok(root)) => root,
            Some(Err(problems)) => {
                register.problems.extend(problems);
                register.source = Some(source);
                return register;
            }
            None => Node {
                span: Span::new(0, 0),
                kind: NodeKind::Null,
            },
        };
        let mut reader = Reader {
            plan,
            source: &source,
            problems: Vec::new(),
        };
        let entries = match &root.kind {
            NodeKind::Mapping(pairs) => pairs
                .iter()
                .find(|(k, _)| scalar(k) == Some("waivers"))
                .map(|(_, v)| v),
            _ => None,
        };
        match entries.map(|e| &e.kind) {
            Some(NodeKind::Sequence(items)) => {
                for item in items {
                    if let Some(waiver) = reader.entry(item) {
                        if let Some(first) = register.waivers.iter().find(|w| w.id == waiver.id) {
                            let message = Said::new(Word::WaiverDuplicateId).with("id", &waiver.id);
                            let first_line = source.line_column(first.span.start).line;
                            reader.problem(
                                Code::WaiversInvalid,
                                message,
                                waiver.span,
                                Said::new(Word::WaiverDuplicateIdHelp).with("line", first_line),
                            );
                        } else {
                            register.waivers.push(waiver);
                        }
                    }
                }
            }
            Some(NodeKind::Null) => {}
            _ => reader.problem(
                Code::WaiversInvalid,
                Said::new(Word::WaiverRegisterShape),
                root.span,
                Said::new(Word::WaiverRegisterShapeHelp),
            ),
        }
        register.problems.extend(reader.problems);
        register.source = Some(source);
        register
    }

    /// Whether any problem of the register is an error (an entry left out).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }

    /// The waiver a finding of `rule` in `document` (of the file `path`) meets on the check
    /// date: one in force if there is one, else the first that names it and is not.
    pub(crate) fn standing(
        &self,
        plan: &Plan,
        rule: &str,
        document: &Document,
        path: &str,
        check_date: Date,
    ) -> Option<Applied> {
        let subjects = subjects(plan, document, path);
        let named = self
            .waivers
            .iter()
            .enumerate()
            .filter(|(_, w)| w.rule == rule && subjects.iter().any(|s| *s == w.subject.trim()));
        let mut first: Option<Applied> = None;
        for (index, waiver) in named {
            let standing = if check_date < waiver.granted_on {
                Standing::NotYetGranted
            } else if check_date > waiver.expires_on {
                Standing::Expired
            } else {
                Standing::Applied
            };
            let applied = Applied {
                index,
                waiver: waiver.clone(),
                standing,
            };
            if standing == Standing::Applied {
                return Some(applied);
            }
            first.get_or_insert(applied);
        }
        first
    }

    /// The problem of a waiver that named a finding but was not in force on its check date.
    pub(crate) fn not_in_force(&self, applied: &Applied, check_date: Date) -> Diagnostic {
        let waiver = &applied.waiver;
        let (message, label) = match applied.standing {
            Standing::NotYetGranted => (
                Said::new(Word::WaiverNotYetGranted)
                    .with("id", &waiver.id)
                    .with("rule", &waiver.rule)
                    .with("granted", waiver.granted_on)
                    .with("date", check_date),
                Said::new(Word::WaiverGrantedLabel),
            ),
            _ => (
                Said::new(Word::WaiverExpired)
                    .with("id", &waiver.id)
                    .with("rule", &waiver.rule)
                    .with("expired", waiver.expires_on)
                    .with("date", check_date),
                Said::new(Word::WaiverExpiresLabel),
            ),
        };
        let diagnostic = Diagnostic::said(Code::WaiversExpired, message)
            .help_said(Said::new(Word::WaiverExpiredHelp));
        match &self.source {
            Some(source) => diagnostic.in_file(source).at_said(waiver.span, label),
            None => diagnostic,
        }
    }

    /// The entries no finding of the run met, each a problem.
    pub fn unused(&self, used: &[bool]) -> Vec<Diagnostic> {
        self.waivers
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.get(*i).copied().unwrap_or(false))
            .map(|(_, waiver)| {
                let diagnostic = Diagnostic::said(
                    Code::WaiversUnused,
                    Said::new(Word::WaiverUnused)
                        .with("id", &waiver.id)
                        .with("rule", &waiver.rule)
                        .with("subject", &waiver.subject),
                )
                .help_said(Said::new(Word::WaiverUnusedHelp));
                match &self.source {
                    Some(source) => diagnostic
                        .in_file(source)
                        .at_said(waiver.span, Said::new(Word::WaiverUnusedLabel)),
                    None => diagnostic,
                }
            })
            .collect()
    }
}

/// The register as a file of the run's report: its problems and the entries no finding met, so
/// that every format shows them; `None` when it has none.
pub fn register_report(
    register: &Register,
    reports: &[crate::check::FileReport],
) -> Option<crate::check::FileReport> {
    let mut used = vec![false; register.waivers.len()];
    let mut not_in_force: Vec<(usize, Date)> = Vec::new();
    let mut problems = register.problems.clone();
    for report in reports {
        for (document, finding) in report.findings() {
            let Some(applied) = &finding.waiver else {
                continue;
            };
            if let Some(slot) = used.get_mut(applied.index) {
                *slot = true;
            }
            let key = (applied.index, document.check_date);
            if applied.standing != Standing::Applied && !not_in_force.contains(&key) {
                not_in_force.push(key);
                problems.push(register.not_in_force(applied, document.check_date));
            }
        }
    }
    problems.extend(register.unused(&used));
    if problems.is_empty() {
        return None;
    }
    let source = register.source.clone();
    let name = source
        .as_ref()
        .map_or(String::new(), |s| s.name.to_string());
    Some(crate::check::FileReport::of_problems(
        &name,
        source,
        problems,
        register.digest.clone(),
    ))
}

/// What a document can be named by in a register: its codes (every field of an identifier
/// type at its root: USCC, project code …), and its file's path and name.
fn subjects<'d>(plan: &Plan, document: &'d Document, path: &'d str) -> Vec<&'d str> {
    let mut subjects = vec![path];
    if let Some(name) = path.rsplit(['/', '\\']).next() {
        subjects.push(name);
    }
    let record = document.record();
    if let Some(kind) = plan.records.get(record.ty) {
        for (field, value) in kind.fields.iter().zip(&record.fields) {
            if let (Type::Identifier(_), Some(node)) = (&field.ty, value)
                && let Value::Text(code) = &node.value
            {
                subjects.push(code.trim());
            }
        }
    }
    subjects
}

fn scalar(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

struct Reader<'a> {
    plan: &'a Plan,
    source: &'a SourceFile,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn problem(&mut self, code: Code, message: Said, span: Span, help: Said) {
        self.problems.push(
            Diagnostic::said(code, message)
                .in_file(self.source)
                .at_said(span, Said::new(Word::WaiverHereLabel))
                .help_said(help),
        );
    }

    /// One entry, or `None` (with its problems) when it cannot be applied.
    fn entry(&mut self, node: &Node) -> Option<Waiver> {
        let NodeKind::Mapping(pairs) = &node.kind else {
            self.problem(
                Code::WaiversInvalid,
                Said::new(Word::WaiverEntryShape),
                node.span,
                Said::new(Word::WaiverRegisterShapeHelp),
            );
            return None;
        };
        let before = self.problems.len();
        for (key, _) in pairs {
            let name = scalar(key).unwrap_or("");
            if !FIELDS.contains(&name) {
                let help = suggestion(name, FIELDS, Word::WhatWaiverFields);
                self.problem(
                    Code::WaiversInvalid,
                    Said::new(Word::WaiverUnknownField).with("field", name),
                    key.span,
                    help,
                );
            }
        }
        let value = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| scalar(k) == Some(name))
                .map(|(_, v)| v)
        };
        let text = |reader: &mut Self, name: &str| -> Option<(String, Span)> {
            match value(name) {
                Some(v) => match scalar(v).map(str::trim).filter(|t| !t.is_empty()) {
                    Some(t) => Some((t.to_string(), v.span)),
                    None => {
                        reader.problem(
                            Code::WaiversInvalid,
                            Said::new(Word::WaiverFieldEmpty).with("field", name),
                            v.span,
                            Said::new(Word::WaiverFieldsHelp),
                        );
                        None
                    }
                },
                None => {
                    reader.problem(
                        Code::WaiversInvalid,
                        Said::new(Word::WaiverFieldMissing).with("field", name),
                        node.span,
                        Said::new(Word::WaiverFieldsHelp),
                    );
                    None
                }
            }
        };
        let id = text(self, "id");
        let rule = text(self, "rule");
        let subject = text(self, "subject");
        let document = text(self, "document");
        let granted_by = text(self, "granted_by");
        let granted_on = text(self, "granted_on");
        let expires_on = text(self, "expires_on");
        let reason = text(self, "reason");
        let date = |reader: &mut Self, field: &str, written: &Option<(String, Span)>| {
            let (text, span) = written.as_ref()?;
            let parsed = Date::parse(text);
            if parsed.is_none() {
                reader.problem(
                    Code::WaiversInvalid,
                    Said::new(Word::WaiverBadDate)
                        .with("field", field)
                        .with("value", text),
                    *span,
                    Said::new(Word::WaiverBadDateHelp),
                );
            }
            parsed
        };
        let granted = date(self, "granted_on", &granted_on);
        let expires = date(self, "expires_on", &expires_on);
        if let (Some(granted), Some(expires), Some((_, span))) = (granted, expires, &expires_on)
            && expires < granted
        {
            self.problem(
                Code::WaiversInvalid,
                Said::new(Word::WaiverExpiresBeforeGranted)
                    .with("expired", expires)
                    .with("granted", granted),
                *span,
                Said::new(Word::WaiverBadDateHelp),
            );
        }
        let allow_hard = match value("allow_hard").map(|v| (scalar(v), v.span)) {
            None => false,
            Some((Some("true"), _)) => true,
            Some((Some("false"), _)) => false,
            Some((_, span)) => {
                self.problem(
                    Code::WaiversInvalid,
                    Said::new(Word::WaiverAllowHardNotBool),
                    span,
                    Said::new(Word::WaiverAllowHardHelp),
                );
                false
            }
        };
        let hard_reason = value("hard_reason")
            .and_then(scalar)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if let Some((rule_id, span)) = &rule {
            match self.plan.rules.iter().find(|r| r.id == *rule_id) {
                None => {
                    let help = suggestion(
                        rule_id,
                        self.plan.rules.iter().map(|r| r.id.as_str()),
                        Word::WhatRules,
                    );
                    self.problem(
                        Code::WaiversUnknownRule,
                        Said::new(Word::WaiverUnknownRule).with("rule", rule_id),
                        *span,
                        help,
                    );
                }
                Some(found) => {
                    let in_principle = matches!(
                        found.modality,
                        Modality::InPrincipleForbid | Modality::InPrincipleMust
                    );
                    let hard_allowed = allow_hard && hard_reason.is_some();
                    if !(in_principle || hard_allowed) {
                        let help = if allow_hard {
                            Said::new(Word::WaiverHardReasonHelp)
                        } else {
                            Said::new(Word::WaiverHardRuleHelp)
                        };
                        self.problem(
                            Code::WaiversHardRule,
                            Said::new(Word::WaiverHardRule)
                                .with("rule", rule_id)
                                .with("modality", found.modality.name()),
                            *span,
                            help,
                        );
                    }
                }
            }
        }
        if self.problems.len() > before {
            return None;
        }
        Some(Waiver {
            id: id?.0,
            rule: rule?.0,
            subject: subject?.0,
            document: document?.0,
            granted_by: granted_by?.0,
            granted_on: granted?,
            expires_on: expires?,
            reason: reason?.0,
            allow_hard,
            hard_reason,
            span: node.span,
        })
    }
}
