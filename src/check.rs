//! One submission file through the pipeline: decode, parse, validate, evaluate, justify. Its
//! options and its report are the facade's; its stages can be run apart for timing.

use crate::base::date::Date;
use crate::base::span::SourceFile;
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::{Finding, Outcome, evaluate};
use crate::model::Plan;
use crate::submission::yaml::{self, Limits};
use crate::submission::{self, Document};
use crate::words::{Said, Word};

/// How to check: the dates to judge by and the limits on hostile input.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// `--as-of`: overrides every document's own date.
    pub(crate) as_of: Option<Date>,
    /// Used when neither `--as-of` nor the document gives a date.
    pub(crate) today: Date,
    pub(crate) limits: Limits,
    /// The officer's waiver register (`--waivers`), when one is given.
    pub(crate) waivers: Option<std::sync::Arc<crate::waiver::Register>>,
}

impl CheckOptions {
    /// Checks each document as of its own date, or `today` when it gives none. The library
    /// reads no clock: the caller says what day it is.
    pub fn new(today: Date) -> CheckOptions {
        CheckOptions {
            as_of: None,
            today,
            limits: Limits::default(),
            waivers: None,
        }
    }

    /// Applies an officer's waiver register: a violation or review it covers, in force on the
    /// check date, becomes `waived`.
    pub fn waivers(
        mut self,
        register: Option<std::sync::Arc<crate::waiver::Register>>,
    ) -> CheckOptions {
        self.waivers = register;
        self
    }

    /// Checks every document as of this date instead of its own (`--as-of`).
    pub fn as_of(mut self, date: Option<Date>) -> CheckOptions {
        self.as_of = date;
        self
    }

    /// Refuses files larger than this many bytes (8 MiB by default).
    /// At most this many values in one document, alias expansions counted (200,000 by default).
    pub fn max_values(mut self, values: usize) -> CheckOptions {
        self.limits.max_nodes = values;
        self
    }

    /// At most this many documents of a file are checked (10,000 by default).
    pub fn max_documents(mut self, documents: usize) -> CheckOptions {
        self.limits.max_documents = documents;
        self
    }

    pub fn max_file_bytes(mut self, bytes: usize) -> CheckOptions {
        self.limits.max_bytes = bytes;
        self
    }
}

/// Where the check date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DateSource {
    AsOf,
    Document,
    Today,
}

/// What the check found in one document of a file.
#[derive(Debug)]
pub(crate) struct DocumentReport {
    /// 0-based position of the document in its file.
    pub index: usize,
    pub document: Option<Document>,
    pub check_date: Date,
    pub date_source: DateSource,
    pub findings: Vec<Finding>,
    /// Problems with the document itself: validation errors and justification warnings.
    pub problems: Vec<Diagnostic>,
}

impl DocumentReport {
    pub(crate) fn plan_in_force(&self, plan: &Plan) -> bool {
        plan.header.in_force_on(self.check_date)
    }
}

/// What the check found in one file: its documents' findings and every problem.
#[derive(Debug)]
pub struct FileReport {
    pub(crate) path: String,
    pub(crate) source: Option<SourceFile>,
    pub(crate) documents: Vec<DocumentReport>,
    /// Problems with the file as a whole (encoding, size).
    pub(crate) problems: Vec<Diagnostic>,
    /// `sha256:…` of the file's bytes, and how many there are, for decision records; empty for
    /// a file that could not be read. Worked out from the source text the first time a record
    /// asks for it (most runs write none, and hashing every submission was 7% of a check),
    /// unless the bytes are not that text (a byte-order mark, UTF-16), when it is set at once.
    pub(crate) digest: std::sync::OnceLock<String>,
    pub(crate) bytes: usize,
    /// The file is the run's waiver register, not a submission: the decision record names it
    /// by its digest among the options, not among the inputs.
    pub(crate) register: bool,
}

impl FileReport {
    /// `sha256:…` of the file's bytes, for decision records; empty for a file not read.
    pub(crate) fn digest(&self) -> &str {
        self.digest.get_or_init(|| {
            self.source
                .as_ref()
                .map_or_else(String::new, |source| sha256(source.text.as_bytes()))
        })
    }

    /// A report for a file that could not be read at all.
    pub fn unreadable(path: &str, problem: Diagnostic) -> FileReport {
        FileReport {
            path: path.to_string(),
            source: None,
            documents: Vec::new(),
            problems: vec![problem],
            digest: std::sync::OnceLock::from(String::new()),
            bytes: 0,
            register: false,
        }
    }

    /// A report of problems only: an input of the run that holds no documents (a waiver
    /// register), shown in every format with its problems.
    pub(crate) fn of_problems(
        path: &str,
        source: Option<SourceFile>,
        problems: Vec<Diagnostic>,
        digest: String,
    ) -> FileReport {
        let bytes = source.as_ref().map_or(0, |s| s.text.len());
        FileReport {
            path: path.to_string(),
            source,
            documents: Vec::new(),
            problems,
            digest: std::sync::OnceLock::from(digest),
            bytes,
            register: true,
        }
    }

    /// The file's name, as the report shows it.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The reason the file could not be read at all (an `io::…` problem), if it could not.
    pub fn read_problem(&self) -> Option<&Diagnostic> {
        self.problems
            .iter()
            .find(|p| p.code().is_some_and(|c| c.stage() == "io"))
    }

    /// How many documents the file holds.
    pub fn document_count(&self) -> usize {
        self.documents.len()
    }

    /// The outcome of every rule applied to every document, passes and not-applicable included.
    pub fn outcomes(&self) -> impl Iterator<Item = Outcome> + '_ {
        self.findings().map(|(_, f)| f.outcome)
    }

    /// Every problem with the file or its documents (encoding, validation, justifications).
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems
            .iter()
            .chain(self.documents.iter().flat_map(|d| d.problems.iter()))
    }

    /// Whether the file fails a run that fails from `fail_on` up: a finding that serious, or a
    /// document that could not be checked.
    pub fn fails(&self, fail_on: Outcome) -> bool {
        self.problems().any(Diagnostic::is_error)
            || self.findings().any(|(_, f)| f.outcome >= fail_on)
    }

    pub(crate) fn findings(&self) -> impl Iterator<Item = (&DocumentReport, &Finding)> {
        self.documents
            .iter()
            .flat_map(|d| d.findings.iter().map(move |f| (d, f)))
    }
}

/// A file read and validated, its documents ready to evaluate: the first stages of a check,
/// apart, for a caller that times or repeats evaluation (the benchmark, a language server).
#[derive(Debug)]
pub struct Prepared {
    /// The report so far: every document validated (or refused), no findings yet.
    report: FileReport,
    /// The register whose waivers `finish` applies.
    waivers: Option<std::sync::Arc<crate::waiver::Register>>,
}

/// The findings of every rule for each document of a [`Prepared`] file, in document order.
#[derive(Debug)]
pub struct Evaluation {
    findings: Vec<Vec<Finding>>,
}

impl Evaluation {
    /// How many rule applications were evaluated, passes and not-applicable included.
    pub fn len(&self) -> usize {
        self.findings.iter().map(Vec::len).sum()
    }

    /// Whether nothing was evaluated (no valid document).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Checks one file's bytes against the plan.
pub(crate) fn check_file(
    plan: &Plan,
    path: &str,
    bytes: &[u8],
    options: &CheckOptions,
) -> FileReport {
    let prepared = prepare(plan, path, bytes, options);
    let evaluation = evaluate_prepared(plan, &prepared);
    finish(plan, prepared, evaluation)
}

/// `sha256:…` of some bytes, as decision records name files.
fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("sha256:{}", crate::compile::hex(&Sha256::digest(bytes)))
}

/// Decodes, parses and validates every document of a file, dating each for its check.
pub(crate) fn prepare(plan: &Plan, path: &str, bytes: &[u8], options: &CheckOptions) -> Prepared {
    let mut report = FileReport {
        path: path.to_string(),
        source: None,
        documents: Vec::new(),
        problems: Vec::new(),
        digest: std::sync::OnceLock::new(),
        bytes: bytes.len(),
        register: false,
    };
    let source = match yaml::decode(path, bytes, &options.limits) {
        Ok(source) => {
            if source.text.as_bytes() != bytes {
                let _ = report.digest.set(sha256(bytes));
            }
            source
        }
        Err(problem) => {
            let _ = report.digest.set(sha256(bytes));
            report.problems.push(problem);
            return Prepared {
                report,
                waivers: options.waivers.clone(),
            };
        }
    };
    if path.ends_with(".json")
        && let Some(problem) = yaml::strict_json_problem(&source)
    {
        report.problems.push(problem);
        report.source = Some(source);
        return Prepared {
            report,
            waivers: options.waivers.clone(),
        };
    }
    for (index, parsed) in yaml::parse(&source, &options.limits)
        .into_iter()
        .enumerate()
    {
        let (document, problems) = match parsed {
            Ok(root) => submission::validate(plan, &source, &root),
            Err(problems) => (None, problems),
        };
        let own_date = document.as_ref().and_then(|d| d.date);
        let (check_date, date_source) = match (options.as_of, own_date) {
            (Some(date), _) => (date, DateSource::AsOf),
            (None, Some(date)) => (date, DateSource::Document),
            (None, None) => (options.today, DateSource::Today),
        };
        report.documents.push(DocumentReport {
            index,
            document,
            check_date,
            date_source,
            findings: Vec::new(),
            problems,
        });
    }
    report.source = Some(source);
    Prepared {
        report,
        waivers: options.waivers.clone(),
    }
}

/// Applies the rules to every valid document of a prepared file, as of its check date.
pub(crate) fn evaluate_prepared(plan: &Plan, prepared: &Prepared) -> Evaluation {
    let findings = prepared
        .report
        .documents
        .iter()
        .map(|d| match &d.document {
            Some(document) => evaluate(plan, document, d.check_date),
            None => Vec::new(),
        })
        .collect();
    Evaluation { findings }
}

/// The report of a prepared file with its findings, the justification checks on them, and the
/// officer's waivers applied.
pub(crate) fn finish(plan: &Plan, prepared: Prepared, evaluation: Evaluation) -> FileReport {
    let waivers = prepared.waivers.as_deref();
    let mut report = prepared.report;
    for (document_report, mut findings) in report.documents.iter_mut().zip(evaluation.findings) {
        if let (Some(document), Some(source)) = (&document_report.document, &report.source) {
            let problems = justification_problems(plan, source, document, &findings);
            document_report.problems.extend(problems);
            if let Some(register) = waivers {
                let date = document_report.check_date;
                apply_waivers(plan, register, document, &report.path, date, &mut findings);
            }
        }
        document_report.findings = findings;
    }
    report
}

/// Waives each violation and review a waiver in force covers; a waiver that names a finding
/// but is not in force leaves it as it is, noted on the finding (the register's report says so
/// too, `waiver::register_report`).
fn apply_waivers(
    plan: &Plan,
    register: &crate::waiver::Register,
    document: &Document,
    path: &str,
    check_date: Date,
    findings: &mut [Finding],
) {
    for finding in findings.iter_mut() {
        if !matches!(finding.outcome, Outcome::Violation | Outcome::Review) {
            continue;
        }
        let Some(rule) = plan.rules.get(finding.rule) else {
            continue;
        };
        let Some(applied) = register.standing(plan, &rule.id, document, path, check_date) else {
            continue;
        };
        if applied.standing == crate::waiver::Standing::Applied {
            finding.outcome = Outcome::Waived;
        }
        finding.waiver = Some(Box::new(applied));
    }
}

/// Justifications that name no rule, a rule that did not fire, or a rule that allows none.
fn justification_problems(
    plan: &Plan,
    source: &SourceFile,
    document: &Document,
    findings: &[Finding],
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (index, justification) in document.justifications.iter().enumerate() {
        let Some(rule_index) = plan.rules.iter().position(|r| r.id == justification.rule) else {
            let ids: Vec<&str> = plan.rules.iter().map(|r| r.id.as_str()).collect();
            let help = match crate::base::suggest::closest(&justification.rule, ids.iter().copied())
            {
                Some(best) => Said::new(Word::DidYouMean).with("best", best),
                None => Said::new(Word::JustificationRuleIdHelp),
            };
            problems.push(
                Diagnostic::said(
                    Code::SubmissionUnknownRule,
                    Said::new(Word::JustificationUnknownRule).with("rule", &justification.rule),
                )
                .in_file(source)
                .at_said(justification.rule_span, Said::new(Word::UnknownRuleLabel))
                .help_said(help),
            );
            continue;
        };
        let rule = &plan.rules[rule_index];
        if rule.applies_to != document.kind {
            let kind = |id: usize| plan.records.get(id).map_or("", |r| r.name.as_str());
            let message = Said::new(Word::JustificationWrongKind)
                .with("rule", &rule.id)
                .with("applies", kind(rule.applies_to))
                .with("kind", kind(document.kind));
            problems.push(
                Diagnostic::said(Code::SubmissionJustificationWrongKind, message)
                    .in_file(source)
                    .at_said(
                        justification.rule_span,
                        Said::new(Word::JustificationWrongKindLabel),
                    )
                    .help_said(Said::new(Word::JustificationWrongKindHelp)),
            );
            continue;
        }
        if !matches!(
            rule.modality,
            crate::syntax::ast::Modality::InPrincipleForbid
                | crate::syntax::ast::Modality::InPrincipleMust
        ) {
            problems.push(
                Diagnostic::said(
                    Code::SubmissionJustificationRefused,
                    Said::new(Word::JustificationRefused)
                        .with("rule", &rule.id)
                        .with("modality", rule.modality.name())
                        .with("clause", &rule.clause),
                )
                .in_file(source)
                .at_said(
                    justification.rule_span,
                    Said::new(Word::JustificationRefusedLabel),
                )
                .help_said(Said::new(Word::JustificationRefusedHelp)),
            );
            continue;
        }
        let used = findings.iter().any(|f| f.justification == Some(index));
        let fired = findings
            .iter()
            .any(|f| f.rule == rule_index && f.outcome >= Outcome::Review);
        if !used && !fired {
            problems.push(
                Diagnostic::said(
                    Code::SubmissionJustificationUnused,
                    Said::new(Word::JustificationUnused).with("rule", &rule.id),
                )
                .in_file(source)
                .at_said(
                    justification.rule_span,
                    Said::new(Word::JustificationUnusedLabel),
                )
                .help_said(Said::new(Word::JustificationUnusedHelp)),
            );
        }
    }
    problems
}
