//! planlint's stages timed one by one on a document, and the end-to-end check, so the report
//! can say where the time goes. Everything goes through the library's facade.

use planlint::check::{CheckOptions, FileReport};
use planlint::diagnostic::Severity;
use planlint::report::{self, Format, Language, ReportOptions};
use planlint::{Date, Outcome, Plan};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, Default)]
pub struct Stages {
    /// Decoding, YAML parsing and validation (bytes to typed documents): `Plan::prepare`.
    pub read: Duration,
    /// Rules applied: `Plan::evaluate`.
    pub evaluate: Duration,
    /// The JSON report, with the justification checks that assemble it (`Plan::finish`).
    pub render: Duration,
    /// The human (miette) report of the same file, timed apart and not part of `total`.
    pub render_human: Duration,
    /// Findings of every outcome (pass and not applicable included) and JSON report bytes.
    pub findings: u64,
    pub report_bytes: u64,
}

impl Stages {
    pub fn add(&mut self, o: &Stages) {
        self.read += o.read;
        self.evaluate += o.evaluate;
        self.render += o.render;
        self.render_human += o.render_human;
        self.findings += o.findings;
        self.report_bytes += o.report_bytes;
    }

    pub fn total(&self) -> Duration {
        self.read + self.evaluate + self.render
    }
}

/// The date used when a document gives none (all generated ones do).
pub fn options() -> CheckOptions {
    CheckOptions::new(Date::new(2025, 6, 1).expect("a valid date"))
}

/// Error-level problems of a file: documents the checker could not take.
pub fn document_errors(report: &FileReport) -> usize {
    report
        .problems()
        .filter(|p| p.severity() == Severity::Error)
        .count()
}

/// Warnings on documents (e.g. an unused justification): reported, not fatal.
pub fn document_warnings(report: &FileReport) -> usize {
    report
        .problems()
        .filter(|p| p.severity() == Severity::Warning)
        .count()
}

/// End to end, as the CLI does for one file with `--format json`: check, then render.
pub fn end_to_end(
    plan: &Plan,
    name: &str,
    bytes: &[u8],
    options: &CheckOptions,
) -> (FileReport, usize) {
    let report = plan.check(name, bytes, options);
    let rendered = render(plan, std::slice::from_ref(&report));
    (report, rendered)
}

pub fn render(plan: &Plan, files: &[FileReport]) -> usize {
    report::render(plan, files, Format::Json, &ReportOptions::new(Language::En)).len()
}

/// Each rule's outcome for a report, by rule id.
pub fn outcomes(plan: &Plan, report: &FileReport) -> Vec<(String, Outcome)> {
    plan.outcomes(report)
        .map(|(id, outcome)| (id.to_string(), outcome))
        .collect()
}

/// The same work split into stages with a clock around each; returns the stages and each rule's
/// outcome.
pub fn staged(
    plan: &Plan,
    name: &str,
    bytes: &[u8],
    options: &CheckOptions,
) -> Result<(Stages, Vec<(String, Outcome)>), String> {
    let mut st = Stages::default();
    let t = Instant::now();
    let prepared = plan.prepare(name, bytes, options);
    st.read = t.elapsed();
    let t = Instant::now();
    let evaluation = plan.evaluate(&prepared);
    st.evaluate = t.elapsed();
    st.findings = evaluation.len() as u64;
    let t = Instant::now();
    let report = plan.finish(prepared, evaluation);
    let files = [report];
    st.report_bytes = std::hint::black_box(render(plan, &files)) as u64;
    st.render = t.elapsed();
    if files[0].document_count() != 1 || document_errors(&files[0]) > 0 {
        let messages: Vec<String> = files[0]
            .problems()
            .map(|p| format!("{}: {}", p.code_text(), p.message()))
            .collect();
        return Err(messages.join("; "));
    }
    let t = Instant::now();
    let human = ReportOptions::new(Language::En);
    std::hint::black_box(report::render(plan, &files, Format::Human, &human));
    st.render_human = t.elapsed();
    Ok((st, outcomes(plan, &files[0])))
}

/// Peak resident set size of this process in KiB (VmHWM), on Linux.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
