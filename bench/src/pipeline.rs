//! planlint's stages timed one by one on a document, and the end-to-end check, so the report
//! can say where the time goes.

use planlint::check::{CheckOptions, DocumentReport, FileReport, check_file};
use planlint::date::Date;
use planlint::diagnostic::HumanRenderer;
use planlint::diagnostic::Severity;
use planlint::eval::{Finding, evaluate};
use planlint::model::{Language, Plan};
use planlint::render::{Run, human, json};
use planlint::{submission, yaml};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, Default)]
pub struct Stages {
    /// Decoding and YAML parsing (bytes to spanned trees).
    pub parse: Duration,
    /// Trees to typed documents against the schema.
    pub validate: Duration,
    /// Rules applied: `eval::evaluate`.
    pub evaluate: Duration,
    /// The JSON report.
    pub render: Duration,
    /// The human (miette) report of the same file, timed apart and not part of `total`.
    pub render_human: Duration,
    /// Findings of every outcome (pass and not applicable included) and JSON report bytes.
    pub findings: u64,
    pub report_bytes: u64,
}

impl Stages {
    pub fn add(&mut self, o: &Stages) {
        self.parse += o.parse;
        self.validate += o.validate;
        self.evaluate += o.evaluate;
        self.render += o.render;
        self.render_human += o.render_human;
        self.findings += o.findings;
        self.report_bytes += o.report_bytes;
    }

    pub fn total(&self) -> Duration {
        self.parse + self.validate + self.evaluate + self.render
    }
}

/// The date used when a document gives none (all generated ones do).
pub fn options() -> CheckOptions {
    CheckOptions {
        as_of: None,
        today: Date::new(2025, 6, 1).expect("a valid date"),
        language: Language::En,
        limits: Default::default(),
    }
}

/// A document the checker could not take: not validated, or any error-level problem.
pub fn document_errors(report: &FileReport) -> usize {
    report.problems.len()
        + report
            .documents
            .iter()
            .filter(|d| {
                d.document.is_none() || d.problems.iter().any(|p| p.severity == Severity::Error)
            })
            .count()
}

/// Warnings on documents (e.g. an unused justification): reported, not fatal.
pub fn document_warnings(report: &FileReport) -> usize {
    report
        .problems()
        .filter(|p| p.severity == Severity::Warning)
        .count()
}

/// End to end, as the CLI does for one file with `--format json`: check, then render.
pub fn end_to_end(
    plan: &Plan,
    name: &str,
    bytes: &[u8],
    options: &CheckOptions,
) -> (FileReport, usize) {
    let report = check_file(plan, name, bytes, options);
    let rendered = render(plan, std::slice::from_ref(&report));
    (report, rendered)
}

pub fn render(plan: &Plan, files: &[FileReport]) -> usize {
    json::render(&Run {
        plan,
        files,
        language: Language::En,
        fail_on: planlint::eval::Outcome::Violation,
        explain: false,
    })
    .len()
}

/// The same work split into stages with a clock around each. Justification checks (private to
/// `check`) are left out; they only look at the document's few justifications.
pub fn staged(
    plan: &Plan,
    name: &str,
    bytes: &[u8],
    options: &CheckOptions,
) -> Result<(Stages, Vec<Finding>), String> {
    let mut st = Stages::default();
    let t = Instant::now();
    let source = yaml::decode(name, bytes, &options.limits).map_err(|d| d.message)?;
    let mut parsed = yaml::parse(&source, &options.limits);
    st.parse = t.elapsed();
    if parsed.len() != 1 {
        return Err(format!("{} YAML documents in one file", parsed.len()));
    }
    let root = parsed.pop().expect("one document").map_err(|d| {
        d.iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let t = Instant::now();
    let document = submission::validate(plan, &source, &root);
    st.validate = t.elapsed();
    let document = document.map_err(|d| {
        d.iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let check_date = document.date.unwrap_or(options.today);
    let t = Instant::now();
    let findings = evaluate(plan, &document, check_date, options.language);
    st.evaluate = t.elapsed();
    let report = FileReport {
        path: name.to_string(),
        source: Some(source),
        documents: vec![DocumentReport {
            index: 0,
            document: Some(document),
            check_date,
            date_source: planlint::check::DateSource::Document,
            findings,
            problems: Vec::new(),
        }],
        problems: Vec::new(),
    };
    st.findings = report.documents[0].findings.len() as u64;
    let t = Instant::now();
    let files = [report];
    st.report_bytes = std::hint::black_box(render(plan, &files)) as u64;
    st.render = t.elapsed();
    let t = Instant::now();
    let run = Run {
        plan,
        files: &files,
        language: Language::En,
        fail_on: planlint::eval::Outcome::Violation,
        explain: false,
    };
    std::hint::black_box(human::render(&run, &HumanRenderer::plain()));
    st.render_human = t.elapsed();
    let [mut report] = files;
    let findings = std::mem::take(&mut report.documents[0].findings);
    Ok((st, findings))
}

/// Peak resident set size of this process in KiB (VmHWM), on Linux.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
