//! The reported findings and problems of a run as one flat list, most serious first: what the
//! formats of one line per item (concise, GitLab Code Quality, GitHub annotations) print.

use super::{Run, outcome_word, severity};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::Outcome;

/// One thing a report shows on a line of its own.
pub(crate) struct Item {
    pub(crate) path: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// The finding's outcome; `None` for a problem with the document.
    pub(crate) outcome: Option<Outcome>,
    pub(crate) severity: Severity,
    /// The rule id, or the problem's code.
    pub(crate) id: String,
    /// The outcome in words (`violation`, `违规`), or the problem's severity.
    pub(crate) label: String,
    pub(crate) message: String,
    /// Why a finding was softened to review or advice, when a line of the rule says.
    pub(crate) reason: Option<String>,
    pub(crate) help: String,
    /// For a finding, the notes every format shows: the clause and quote, the responsible
    /// units, the readings, why it applies, counts, a due date, a justification.
    pub(crate) notes: Vec<String>,
    pub(crate) document: usize,
    /// The JSON pointer of the value the item is about.
    pub(crate) pointer: String,
    /// In a chain of plans, the finding's plan: its id and its document number.
    pub(crate) plan: Option<(String, Option<String>)>,
}

impl Item {
    /// The rule id, with its plan's id after it in a chain of plans (`RULE [plan-id]`).
    pub(crate) fn id_with_plan(&self) -> String {
        match &self.plan {
            Some((plan, _)) => format!("{} [{plan}]", self.id),
            None => self.id.clone(),
        }
    }

    /// The message with the reason a finding was softened, for formats of one line.
    pub(crate) fn message_with_reason(&self) -> String {
        match &self.reason {
            Some(reason) => format!("{} ({reason})", self.message),
            None => self.message.clone(),
        }
    }

    /// How serious the item is, for ordering: document errors and violations first.
    fn rank(&self) -> u8 {
        match (self.severity, self.outcome) {
            (Severity::Error, None) => 6,
            (_, Some(Outcome::Violation)) => 5,
            (_, Some(Outcome::Review)) => 4,
            (_, Some(Outcome::MissingInformation)) => 3,
            (Severity::Warning, None) => 2,
            (_, Some(Outcome::Advice)) => 1,
            (_, Some(Outcome::Waived)) => 1,
            _ => 0,
        }
    }
}

fn problem_item(run: &Run<'_>, path: &str, document: usize, p: &Diagnostic) -> Item {
    let p = p.in_language(run.language);
    let (line, column) = match (&p.file, &p.primary) {
        (Some(f), Some(l)) => {
            let at = f.line_column(l.span.start);
            (at.line, at.column)
        }
        _ => (1, 1),
    };
    Item {
        path: path.to_string(),
        line,
        column,
        outcome: None,
        severity: p.severity,
        id: p.code_text().to_string(),
        label: crate::words::Said::new(match p.severity {
            Severity::Error => crate::words::Word::ProblemError,
            Severity::Warning => crate::words::Word::ProblemWarning,
            Severity::Advice => crate::words::Word::ProblemNote,
        })
        .in_language(run.language),
        message: p.message.clone(),
        reason: None,
        help: p.help.clone().unwrap_or_default(),
        notes: p.notes.clone(),
        document,
        pointer: p.pointer.clone().unwrap_or_default(),
        plan: None,
    }
}

/// Every reported finding and every problem of the run, the most serious first, then in path,
/// line and column order.
pub(crate) fn items(run: &Run<'_>) -> Vec<Item> {
    let mut items = Vec::new();
    for file in run.files {
        for p in &file.problems {
            items.push(problem_item(run, &file.path, 0, p));
        }
        for document in &file.documents {
            for p in &document.problems {
                items.push(problem_item(run, &file.path, document.index, p));
            }
            for finding in document.findings.iter().filter(|f| f.outcome.is_reported()) {
                let (span, pointer) = finding.points_at();
                let (line, column) = file.source.as_ref().map_or((1, 1), |s| {
                    let at = s.line_column(span.start);
                    (at.line, at.column)
                });
                let text = super::text::FindingText::of(run.plan, file, finding, run.language);
                let diagnostic = super::finding::finding_diagnostic(run, file, document, finding);
                items.push(Item {
                    notes: diagnostic.notes.clone(),
                    // A waived finding says by which waiver, in the one line it gets.
                    reason: match finding.outcome {
                        Outcome::Waived => super::finding::waiver_note(finding, run.language),
                        _ => text.reason.clone(),
                    },
                    path: file.path.clone(),
                    line,
                    column,
                    outcome: Some(finding.outcome),
                    severity: severity(finding.outcome),
                    id: run.plan.rules[finding.rule].id.clone(),
                    label: outcome_word(finding.outcome, run.language).to_string(),
                    message: text.message,
                    help: text.help,
                    document: document.index,
                    pointer: pointer.to_string(),
                    plan: (run.plan.layer_count() > 1).then(|| {
                        let rule = &run.plan.rules[finding.rule];
                        let header = run.plan.layer_header(run.plan.file_layer(rule.file));
                        (header.id.clone(), header.number.clone())
                    }),
                });
            }
        }
    }
    items.sort_by(|a, b| {
        b.rank()
            .cmp(&a.rank())
            .then_with(|| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)))
    });
    items
}

/// A fingerprint that stays when lines move: the id, the file, the document's place in it and
/// the pointer, hashed (FNV-1a, 64 bits). SARIF and GitLab use the same one.
pub(crate) fn fingerprint(id: &str, path: &str, document: usize, pointer: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in [id, path, &document.to_string(), pointer]
        .join("\u{1f}")
        .bytes()
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}
